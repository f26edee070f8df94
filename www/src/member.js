// One member: signals with evidence, actions with reasons and dates, what was suppressed, and a timeline.
import { h, clear, $ } from "./dom.js";
import { t, words, num, money } from "./i18n.js";

function evidence(ev) {
  return h("dl", { class: "evidence" }, Object.entries(ev).map(([k, v]) =>
    [h("dt", {}, k), h("dd", {}, Array.isArray(v) ? v.join(", ") : String(v))]));
}

function timeline(m) {
  const ev = [];
  for (const i of m.instalments ?? []) {
    ev.push([i.dueOn, "instalment", `${t("instalment")} ${i.id}: ${money(i.amount)} ${t("due")}${i.waived ? " (waived)" : ""}`]);
    if (i.paidOn) ev.push([i.paidOn, "paid", `${t("paid")} ${i.id}: ${money(i.paid ?? i.amount)}`]);
  }
  for (const v of m.visits ?? []) ev.push([String(v).slice(0, 10), "visit", t("visit")]);
  for (const x of m.holds ?? []) ev.push([x.from, "hold", `${t("hold")} (${x.kind}) ${x.from} – ${x.to}${x.note ? ": " + x.note : ""}`]);
  for (const r of m.reminders ?? []) ev.push([r.sentOn, "reminder", `${t("reminder")}: ${words(r.kind)}${r.fee ? `, ${money(r.fee)}` : ""}${r.instalmentId ? ` (${r.instalmentId})` : ""}`]);
  ev.sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  if (!ev.length) return h("p", {}, t("none"));
  return h("ol", { class: "timeline" }, ev.slice(0, 200).map(([d, kind, text]) =>
    h("li", { class: `tl-${kind}` }, h("time", {}, d), " ", text)));
}

export function showMember(a, input) {
  const el = clear($("#member"));
  if (!a) { el.append(h("p", {}, t("pick"))); return; }
  el.append(
    h("h2", {}, a.memberId, " ", h("span", { class: `badge ${a.band}` }, t(a.band)), " ", h("small", {}, `${t("colRisk")} ${num(a.risk)}`)),
    h("h3", {}, t("signals")),
    a.signals.length ? h("ul", { class: "signals" }, a.signals.map((s) =>
      h("li", { class: `sev-${s.severity}` }, h("strong", {}, words(s.code)), ` (${words(s.severity)}) — `, s.message,
        h("details", {}, h("summary", {}, t("evidence")), evidence(s.evidence))))) : h("p", {}, t("none")),
    h("h3", {}, t("actions")),
    a.actions.length ? h("ol", { class: "actions" }, a.actions.map((x) =>
      h("li", {}, h("strong", {}, words(x.code)), ` — ${t("on")} ${x.on}, ${t("channel")} ${words(x.channel)}, ${t("fee")} ${money(x.fee)}`,
        h("div", { class: "reason" }, x.message),
        h("div", { class: "because" }, `${t("because")}: ${x.because.map(words).join(", ")}`)))) : h("p", {}, t("none")),
    h("h3", {}, t("suppressed")),
    a.suppressed.length ? h("ul", { class: "suppressed" }, a.suppressed.map((s) =>
      h("li", {}, h("strong", {}, words(s.code)), " — ", s.because))) : h("p", {}, t("none")),
    a.explanation?.length ? [h("h3", {}, t("explanation")), h("table", { class: "explain" }, a.explanation.map((c) =>
      h("tr", {}, h("td", {}, words(c.factor)), h("td", {}, c.value), h("td", { class: "num" }, String(c.points)))))] : null,
    a.warnings?.length ? [h("h3", {}, t("warnings")), h("ul", {}, a.warnings.map((w) => h("li", {}, `${w.field}: ${w.message}`)))] : null,
    h("h3", {}, t("timeline")),
    input ? timeline(input) : h("p", {}, t("none")),
  );
}
