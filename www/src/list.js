// The risk list: sortable by column, filterable by band, signal and action, searchable by member id.
import { h, clear, $ } from "./dom.js";
import { t, words, num } from "./i18n.js";

const BANDS = ["critical", "high", "watch", "low"];
const BAND_RANK = { critical: 3, high: 2, watch: 1, low: 0 };
const view = { sort: "risk", dir: -1, query: "", band: "", signal: "", action: "" };
let rows = [];
let onSelect = () => {};

const nextOn = (a) => (a.actions.length ? a.actions.map((x) => x.on).sort()[0] : "");
const COLUMNS = [
  ["memberId", "colMember", (a) => a.memberId],
  ["risk", "colRisk", (a) => a.risk],
  ["band", "colBand", (a) => BAND_RANK[a.band] * 10 + a.risk],
  ["signals", "colSignals", (a) => a.signals.length],
  ["actions", "colActions", (a) => a.actions.length],
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
  view.dir = view.sort === k ? -view.dir : k === "memberId" || k === "next" ? 1 : -1;
  view.sort = k;
  render();
}

export function render() {
  const head = clear($("#list thead"));
  head.append(h("tr", {}, COLUMNS.map(([k, label]) =>
    h("th", {
      "data-sort": k, tabindex: 0,
      "aria-sort": view.sort === k ? (view.dir < 0 ? "descending" : "ascending") : "none",
      onclick: () => sortBy(k),
      onkeydown: (e) => { if (e.key === "Enter") sortBy(k); },
    }, t(label), view.sort === k ? (view.dir < 0 ? " ▼" : " ▲") : ""))));
  const body = clear($("#list tbody"));
  const vis = visibleRows();
  for (const a of vis.slice(0, 500)) {
    body.append(h("tr", { class: `band-${a.band}`, "data-member": a.memberId, tabindex: 0, onclick: () => onSelect(a.memberId),
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onSelect(a.memberId); } } },
      h("td", {}, a.memberId),
      h("td", { class: "num" }, num(a.risk)),
      h("td", {}, h("span", { class: `badge ${a.band}` }, t(a.band))),
      h("td", {}, a.signals.map((s) => words(s.code)).join(", ")),
      h("td", {}, a.actions.map((x) => words(x.code)).join(", ")),
      h("td", {}, nextOn(a))));
  }
  $("#list-count").textContent = t("shown", Math.min(vis.length, 500), rows.length);
}
