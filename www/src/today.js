// Today: the day's work from `engine.worklist` — each member's next step due on or before the as-of date, ranked by
// deadline and money at stake, at most the capacity set per channel; what does not fit is deferred (to the next
// business day, by the engine).
import { h, add, clear, $ } from "./dom.js";
import { t, words, money } from "./i18n.js";

export const CAPACITY_CHANNELS = ["phone", "sms", "email", "letter", "desk", "agency"];
const DEFAULTS = { phone: 40 };

let onChange = () => {};
let onSelect = () => {};

/** Builds the capacity inputs (an empty one is no limit); `changed()` recomputes the worklist. */
export function initToday(changed, select) {
  onChange = changed;
  onSelect = select;
  const box = clear($("#capacity"));
  for (const ch of CAPACITY_CHANNELS) {
    const input = h("input", { id: `cap-${ch}`, type: "number", min: "0", step: "1", inputmode: "numeric", value: DEFAULTS[ch] ?? "",
      "data-channel": ch, "aria-label": `${t("capacity")}: ${words(ch)}` });
    // recomputed as the desk types (a moment after the last key), not on blur: a blur that rebuilt the table
    // would swallow the click that caused it
    let timer = null;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => onChange(), 200); });
    box.append(h("label", {}, h("span", { class: "cap-name", "data-channel": ch }, words(ch)), input));
  }
}

/** Relabels the capacity inputs after a change of language. */
export function relabelToday() {
  for (const ch of CAPACITY_CHANNELS) {
    const input = $(`#cap-${ch}`);
    if (input) input.setAttribute("aria-label", `${t("capacity")}: ${words(ch)}`);
    const span = document.querySelector(`.cap-name[data-channel='${ch}']`);
    if (span) span.textContent = words(ch);
  }
}

/** The capacity the inputs say, as `engine.worklist` takes it: `{ phone: 40 }`; empty inputs are left out. */
export function capacity() {
  const out = {};
  for (const ch of CAPACITY_CHANNELS) {
    const v = $(`#cap-${ch}`)?.value.trim();
    if (v === "" || v == null) continue;
    const n = Number(v);
    if (Number.isInteger(n) && n >= 0) out[ch] = n;
  }
  return out;
}

function table(id, rows) {
  if (!rows.length) return h("p", { id }, t("none"));
  return h("table", { id, class: "worklist" },
    h("thead", {}, h("tr", {}, ["#", t("colMember"), t("step"), t("on"), t("channel"), t("owed"), t("message")].map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, rows.map((r, i) => h("tr", {
      "data-member": r.memberId, "data-channel": r.channel, "data-code": r.code, tabindex: 0,
      onclick: () => onSelect(r.memberId),
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onSelect(r.memberId); } },
    },
      h("td", { class: "num" }, String(i + 1)),
      h("td", {}, r.memberId),
      h("td", {}, words(r.code)),
      h("td", {}, h("time", { datetime: r.on }, r.on)),
      h("td", {}, words(r.channel)),
      h("td", { class: "num" }, money(r.outstanding)),
      h("td", { class: "msg" }, r.message)))));
}

/** Shows a worklist `{ asOf, steps, deferred }`, or an error message. */
export function showToday(list, error) {
  const out = clear($("#today-out"));
  if (error) { out.append(h("p", { class: "error", role: "alert" }, error)); return; }
  if (!list) { out.append(h("p", {}, t("noData"))); return; }
  const perChannel = {};
  for (const r of list.steps) perChannel[r.channel] = (perChannel[r.channel] ?? 0) + 1;
  add(out,
    h("p", { id: "today-summary" }, t("todaySummary", list.asOf, list.steps.length, list.deferred.length),
      " ", Object.entries(perChannel).map(([c, n]) => `${words(c)} ${n}`).join(", ")),
    h("h3", {}, t("todaySteps", list.steps.length)),
    table("today-steps", list.steps),
    h("h3", {}, t("deferred", list.deferred.length)),
    h("p", { class: "muted" }, t("deferredHelp")),
    table("today-deferred", list.deferred));
}
