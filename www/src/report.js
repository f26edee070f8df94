// The portfolio report as charts (Chart.js 4, bundled): bands, ageing, Lorenz curve, latent members,
// AvtaleGiro share, and the key figures.
import { Chart, registerables } from "chart.js";
import { h, clear, $ } from "./dom.js";
import { t, num, money, pct } from "./i18n.js";

Chart.register(...registerables);
Chart.defaults.animation = false;

const COLORS = { low: "#4caf50", watch: "#f2c94c", high: "#f2994a", critical: "#d64545" };
let charts = [];

function card(title, id, extra) {
  return h("div", { class: "card" }, h("h3", {}, title), h("div", { class: "chart-box" }, h("canvas", { id, role: "img", "aria-label": title })), extra);
}


export function showReport(r) {
  for (const c of charts) c.destroy();
  charts = [];
  const el = clear($("#tab-report"));
  if (!r) { el.append(h("p", {}, t("noData"))); return; }
  const bands = ["low", "watch", "high", "critical"];
  const ag = r.avtalegiroShare;
  el.append(h("div", { class: "grid" },
    card(t("bands"), "chart-bands"),
    card(t("ageing"), "chart-ageing"),
    card(t("lorenz"), "chart-lorenz", h("p", {}, `${t("gini")} ${num(r.concentration.gini)} · ${t("top10")} ${pct(r.concentration.top10PercentShare)} · ${r.concentration.debtors} / ${money(r.concentration.totalOutstanding)}`)),
    card(t("avtalegiro"), "chart-ag", h("p", {}, `${pct(ag.value)} (${ag.numerator}/${ag.denominator})`)),
    card(`${t("latent")} (${r.latent.length})`, "chart-latent"),
    h("div", { class: "card" }, h("h3", {}, t("keyFigures")), h("table", { class: "keyfig" }, r.keyFigures.map((k) =>
      h("tr", { title: k.definition }, h("td", {}, k.name), h("td", { class: "num" }, pct(k.value)), h("td", { class: "muted" }, `${k.numerator}/${k.denominator}`))))),
  ));
  const make = (id, cfg) => charts.push(new Chart(document.getElementById(id), { ...cfg, options: { maintainAspectRatio: false, responsive: true, ...cfg.options } }));
  make("chart-bands", { type: "bar", data: { labels: bands.map((b) => t(b)), datasets: [{ label: t("members"), data: bands.map((b) => r.bands[b]), backgroundColor: bands.map((b) => COLORS[b]) }] }, options: { plugins: { legend: { display: false } } } });
  make("chart-ageing", { type: "bar", data: { labels: r.ageing.map((b) => b.bucket), datasets: [
    { label: t("outstanding"), data: r.ageing.map((b) => Number(b.outstanding)), backgroundColor: "#d64545", yAxisID: "y" },
    { label: t("members"), data: r.ageing.map((b) => b.members), backgroundColor: "#5b7cbb", yAxisID: "y1" }] },
    options: { scales: { y: { position: "left" }, y1: { position: "right", grid: { drawOnChartArea: false } } } } });
  const lor = [[0, 0], ...r.concentration.lorenz.filter(([x]) => x > 0)];
  make("chart-lorenz", { type: "line", data: { datasets: [
    { label: t("lorenz"), data: lor.map(([x, y]) => ({ x, y })), borderColor: "#d64545", backgroundColor: "rgba(214,69,69,.15)", fill: true, tension: 0 },
    { label: t("equality"), data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: "#999", borderDash: [4, 4], pointRadius: 0 }] },
    options: { scales: { x: { type: "linear", min: 0, max: 1, title: { display: true, text: t("debtorsShare") } }, y: { min: 0, max: 1, title: { display: true, text: t("arrearsShare") } } } } });
  make("chart-ag", { type: "doughnut", data: { labels: [t("withAg"), t("withoutAg")], datasets: [{ data: [ag.numerator, ag.denominator - ag.numerator], backgroundColor: ["#4caf50", "#ccc"] }] } });
  const latent = r.latent.slice(0, 20);
  make("chart-latent", { type: "bar", data: { labels: latent.map((l) => l.memberId), datasets: [{ label: t("daysSince"), data: latent.map((l) => l.daysSinceLastVisit), backgroundColor: latent.map((l) => COLORS[l.band]) }] }, options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { y: { ticks: { autoSkip: false } } } } });
}

export const chartCount = () => charts.length;
