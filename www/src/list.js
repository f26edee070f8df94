// The risk list: sortable by column, filterable by band, signal and action, searchable by member id.
import { h, clear, $ } from "./dom.js";
import { t, words, num, money } from "./i18n.js";
import { recorded } from "./contacts.js";

const BANDS = ["critical", "high", "watch", "low"];
const BAND_RANK = { critical: 3, high: 2, watch: 1, low: 0 };
const view = { sort: "stake", dir: 1, query: "", band: "", signal: "", action: "" };
let rows = [];
let onSelect = () => {};

// What is at stake: the money the member owes (unpaid instalments, else a breached plan's) and the expected loss,
// outstanding × risk.
export function outstanding(a) {
  const s = a.signals.find((x) => x.code === "unpaid_instalments") ?? a.signals.find((x) => x.code === "plan_breached");
  return s ? Number(s.evidence.outstanding) || 0 : 0;
}
export const expectedLoss = (a) => outstanding(a) * a.risk;
// A step with a deadline of its own: an objection must be answered within 7 days of being raised, so the date of
// an `answer_objection` step is its deadline.
export const deadline = (a) => (a.nextStep?.code === "answer_objection" ? a.nextStep.on : null);

/** The list's ranking (issue 16): deadlines first (earliest first), then expected loss, then risk, then id. */
export function byStake(x, y) {
  const dx = deadline(x), dy = deadline(y);
  if (dx !== dy) {
    if (dx == null) return 1;
    if (dy == null) return -1;
    return dx < dy ? -1 : 1;
  }
  return expectedLoss(y) - expectedLoss(x) || y.risk - x.risk;
}

const nextOn = (a) => a.nextStep?.on ?? "";
const COLUMNS = [
  ["memberId", "colMember", (a) => a.memberId],
  ["risk", "colRisk", (a) => a.risk],
  ["band", "colBand", (a) => BAND_RANK[a.band] * 10 + a.risk],
  ["signals", "colSignals", (a) => a.signals.length],
  ["stake", "colStake", byStake],
  ["next", "colNext", nextOn],
];

export function initList(select) {
  onSelect = select;
  $("#search").addEventListener("input", (e) => { view.query = e.target.value.trim().toLowerCase(); render(); });
  for (const k of ["band", "signal", "action"]) {
    $(`#f-${k}`).addEventListener("change", (e) => { view[k] = e.target.value; render(); });
  }
}

export function setRows(assessments) {
  rows = assessments;
  fillFilters();
  render();
}

export function visibleRows() {
  const q = view.query;
  const out = rows.filter((a) =>
    (!q || a.memberId.toLowerCase().includes(q)) &&
    (!view.band || a.band === view.band) &&
    (!view.signal || a.signals.some((s) => s.code === view.signal)) &&
    (!view.action || a.actions.some((x) => x.code === view.action)));
  const key = COLUMNS.find((c) => c[0] === view.sort)[2];
  if (key.length === 2) return out.sort((x, y) => key(x, y) * view.dir || x.memberId.localeCompare(y.memberId));
  return out.sort((x, y) => {
    const a = key(x), b = key(y);
    const c = a < b ? -1 : a > b ? 1 : 0;
    return c * view.dir || x.memberId.localeCompare(y.memberId);
  });
}

function options(sel, allKey, values, label) {
  const current = sel.value;
  clear(sel).append(h("option", { value: "" }, t(allKey)), ...values.map((v) => h("option", { value: v }, label(v))));
  sel.value = values.includes(current) ? current : "";
}

export function fillFilters() {
  $("#search").placeholder = t("search");
  const signals = [...new Set(rows.flatMap((a) => a.signals.map((s) => s.code)))].sort();
  const actions = [...new Set(rows.flatMap((a) => a.actions.map((s) => s.code)))].sort();
  options($("#f-band"), "allBands", BANDS, (b) => t(b));
  options($("#f-signal"), "allSignals", signals, words);
  options($("#f-action"), "allActions", actions, words);
  view.band = $("#f-band").value; view.signal = $("#f-signal").value; view.action = $("#f-action").value;
}

function sortBy(k) {
  view.dir = view.sort === k ? -view.dir : k === "memberId" || k === "next" || k === "stake" ? 1 : -1;
  view.sort = k;
  render();
}

export function render() {
  const head = clear($("#list thead"));
  // "at stake" ranks the most at stake first when its direction is 1: shown as descending
  const desc = (k) => (k === "stake" ? view.dir > 0 : view.dir < 0);
  head.append(h("tr", {}, COLUMNS.map(([k, label]) =>
    h("th", {
      "data-sort": k, tabindex: 0,
      "aria-sort": view.sort === k ? (desc(k) ? "descending" : "ascending") : "none",
      onclick: () => sortBy(k),
      onkeydown: (e) => { if (e.key === "Enter") sortBy(k); },
    }, t(label), view.sort === k ? (desc(k) ? " ▼" : " ▲") : ""))));
  const body = clear($("#list tbody"));
  const vis = visibleRows();
  for (const a of vis.slice(0, 500)) {
    const ns = a.nextStep;
    const loss = expectedLoss(a);
    const contacts = recorded(a.memberId).length;
    body.append(h("tr", { class: `band-${a.band}`, "data-member": a.memberId, "data-risk": a.risk, "data-loss": loss.toFixed(2),
      "data-deadline": deadline(a) ?? "", "data-next": ns?.code ?? "", tabindex: 0, onclick: () => onSelect(a.memberId),
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onSelect(a.memberId); } } },
      h("td", {}, a.memberId),
      h("td", { class: "num" }, num(a.risk, 3)),
      h("td", {}, h("span", { class: `badge ${a.band}` }, t(a.band))),
      h("td", {}, a.signals.map((s) => words(s.code)).join(", ")),
      h("td", { class: "num", title: `${money(outstanding(a))} × ${num(a.risk, 3)}` }, loss ? money(loss) : "–"),
      h("td", { class: "next" }, ns ? [h("span", { class: "step" }, words(ns.code)), " ", h("time", { datetime: ns.on }, ns.on)] : "–",
        contacts ? h("span", { class: "contacted", title: t("contactsRecorded", contacts) }, ` ✎${contacts}`) : null)));
  }
  $("#list-count").textContent = t("shown", Math.min(vis.length, 500), rows.length);
}
