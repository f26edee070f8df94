// One member: the next step, recording a contact, signals with evidence, actions with reasons and dates, what was
// suppressed, the score breakdown, and a timeline (what happened, then the plan ahead).
import { h, add, clear, $ } from "./dom.js";
import { t, words, num, money } from "./i18n.js";
import { OUTCOMES, CONTACT_CHANNELS, record, recorded, remove } from "./contacts.js";

let onChange = () => {};
/** `changed()` is called after a contact is recorded or removed: the page re-assesses. */
export function initMember(changed) {
  onChange = changed;
}

function evidence(ev) {
  return h("dl", { class: "evidence" }, Object.entries(ev).map(([k, v]) =>
    [h("dt", {}, k), h("dd", {}, Array.isArray(v) ? v.join(", ") : String(v))]));
}

function contactText(c) {
  let s = `${t("contact")} (${words(c.channel)}): ${words(c.outcome)}`;
  if (c.promisedOn) s += `, ${t("promisedOn")} ${c.promisedOn}`;
  if (c.amount != null && c.amount !== "") s += `, ${money(c.amount)}`;
  if (c.note) s += ` — ${c.note}`;
  return s;
}

// The plan ahead: the next step, then the rest of the plan as it unfolds if nothing changes.
function ahead(a) {
  const ns = a.nextStep;
  if (!ns) return h("p", {}, t("noNextStep"));
  return h("ol", { class: "plan-ahead" },
    h("li", { class: "tl-next" }, h("time", {}, ns.on), " ", h("strong", {}, words(ns.code)), ` (${words(ns.channel)})`),
    (ns.then ?? []).map((x) => h("li", { class: "tl-then" }, h("time", {}, x.on), " ", words(x.code))));
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
  for (const c of m.contacts ?? []) if (c && c.on) ev.push([c.on, "contact", contactText(c)]);
  for (const o of m.objections ?? []) if (o && o.raisedOn) ev.push([o.raisedOn, "objection", `${t("objection")}: ${o.reason ?? ""}${o.resolvedOn ? ` (${t("resolved")} ${o.resolvedOn})` : ""}`]);
  for (const x of m.hardship ?? []) if (x && x.from) ev.push([x.from, "hold", `${t("hardship")} (${words(x.kind ?? "")}) ${x.from} – ${x.to ?? ""}${x.note ? ": " + x.note : ""}`]);
  ev.sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  if (!ev.length) return h("p", {}, t("none"));
  return h("ol", { class: "timeline" }, ev.slice(0, 200).map(([d, kind, text]) =>
    h("li", { class: `tl-${kind}` }, h("time", {}, d), " ", text)));
}

// The form that records what the desk did and heard; promise and objection ask for their own fields.
function contactForm(memberId, asOf) {
  const field = (label, control) => h("label", {}, h("span", {}, label), control);
  const outcome = h("select", { id: "c-outcome", "aria-label": t("outcome") }, OUTCOMES.map((o) => h("option", { value: o }, words(o))));
  const channel = h("select", { id: "c-channel", "aria-label": t("channel") }, CONTACT_CHANNELS.map((c) => h("option", { value: c }, words(c))));
  const on = h("input", { id: "c-on", type: "date", value: asOf, required: true, "aria-label": t("contactOn") });
  const promisedOn = h("input", { id: "c-promised-on", type: "date", "aria-label": t("promisedOn") });
  const amount = h("input", { id: "c-amount", type: "number", min: "0", step: "0.01", inputmode: "decimal", "aria-label": t("amount") });
  const note = h("input", { id: "c-note", type: "text", maxlength: "500", "aria-label": t("note") });
  const promise = h("div", { class: "row promise-fields" }, field(t("promisedOn"), promisedOn), field(t("amount"), amount));
  const noteLabel = h("span", {}, t("note"));
  const msg = h("p", { id: "c-status", role: "status" });
  const sync = () => {
    promise.hidden = outcome.value !== "promise";
    noteLabel.textContent = outcome.value === "objection" ? t("reasonObjection") : t("note");
    note.setAttribute("aria-label", noteLabel.textContent);
  };
  outcome.addEventListener("change", sync);
  sync();
  const form = h("form", { id: "contact-form", "aria-label": t("recordContact"), onsubmit: (e) => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(on.value)) { msg.className = "error"; msg.textContent = t("needDate"); return; }
    if (outcome.value === "promise" && !/^\d{4}-\d{2}-\d{2}$/.test(promisedOn.value)) { msg.className = "error"; msg.textContent = t("needPromisedOn"); return; }
    if (outcome.value === "promise" && promisedOn.value < on.value) { msg.className = "error"; msg.textContent = t("promiseBefore"); return; }
    if (outcome.value === "objection" && !note.value.trim()) { msg.className = "error"; msg.textContent = t("needReason"); return; }
    record(memberId, { on: on.value, channel: channel.value, outcome: outcome.value, promisedOn: promisedOn.value, amount: amount.value, note: note.value.trim() });
    onChange();
  } },
    h("div", { class: "row" }, field(t("outcome"), outcome), field(t("channel"), channel), field(t("contactOn"), on)),
    promise,
    h("div", { class: "row" }, h("label", { class: "wide" }, noteLabel, note), h("button", { id: "c-save", type: "submit" }, t("saveContact"))),
    msg);
  return form;
}

function recordedList(memberId) {
  const list = recorded(memberId);
  if (!list.length) return null;
  return h("ul", { class: "recorded" }, list.map((c) => h("li", {}, h("time", {}, c.on), " ", contactText(c), " ",
    h("button", { type: "button", class: "link", "aria-label": `${t("forget")} ${c.on} ${words(c.outcome)}`, onclick: () => { remove(memberId, c.id); onChange(); } }, t("forget")))));
}

export function showMember(a, input, asOf = "") {
  const el = clear($("#member"));
  if (!a) { el.append(h("p", {}, t("pick"))); return; }
  const ns = a.nextStep;
  add(el,
    h("h2", {}, a.memberId, " ", h("span", { class: `badge ${a.band}` }, t(a.band)), " ", h("small", {}, `${t("colRisk")} ${num(a.risk, 3)}`)),
    h("h3", {}, t("nextStep")),
    ns ? h("div", { class: "next-step" }, h("strong", {}, words(ns.code)), ` — ${t("on")} `, h("time", {}, ns.on), `, ${t("channel")} ${words(ns.channel)}`,
      h("div", { class: "reason" }, ns.message)) : h("p", { class: "next-step" }, t("noNextStep")),
    h("h3", {}, t("recordContact")),
    contactForm(a.memberId, asOf),
    recordedList(a.memberId),
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
    a.explanation?.length ? h("h3", {}, t("explanation")) : null,
    a.explanation?.length ? h("table", { class: "explain" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("factor")), h("th", { scope: "col" }, t("value")), h("th", { scope: "col", class: "num" }, t("points")))),
      h("tbody", {}, a.explanation.map((c) =>
        h("tr", {}, h("td", {}, words(c.factor)), h("td", {}, String(c.value)), h("td", { class: "num" }, String(c.points)))))) : null,
    a.warnings?.length ? [h("h3", {}, t("warnings")), h("ul", {}, a.warnings.map((w) => h("li", {}, `${w.field}: ${w.message}`)))] : null,
    h("h3", {}, t("ahead")),
    ahead(a),
    h("h3", {}, t("timeline")),
    input ? timeline(input) : h("p", {}, t("none")),
  );
}
