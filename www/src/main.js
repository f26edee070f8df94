// restanse demo page: wires the engine (WebAssembly, all in the page) to the list, member, report and policy views.
import { init, Engine, defaultPolicy, validatePolicy, RestanseError } from "restanse";
import { init as initTools, sampleGym, readCsvExport } from "restanse/tools";
import { EngineWorker } from "restanse/worker";
import { h, clear, $ } from "./dom.js";
import { t, setLang, getLang, applyStatic } from "./i18n.js";
import { initList, setRows, fillFilters, render as renderList } from "./list.js";
import { showMember, initMember } from "./member.js";
import { initToday, relabelToday, capacity, showToday } from "./today.js";
import { merge, count as contactCount, exportJson as contactsJson, exportNdjson as contactsNdjson } from "./contacts.js";
import { showReport } from "./report.js";
import { initPolicy } from "./policy.js";
import { actionsCsv, download } from "./export.js";
import { keepOffline } from "./offline.js";

// Nothing loads at import: both WebAssembly modules are fetched here, and a failure (offline on a first visit, a
// CSP without 'wasm-unsafe-eval') is shown on the page instead of taking it down.
try {
  await Promise.all([init(), initTools()]);
} catch (e) {
  const s = document.querySelector("#status");
  s.textContent = e.message;
  s.className = "error";
  throw e;
}

const state = { policy: defaultPolicy(), model: null, engine: null, members: [], json: "[]", byId: new Map(), out: null, report: null, csvRejected: [], selected: null };

function setStatus(msg, error = false) {
  const s = $("#status");
  s.textContent = msg;
  s.className = error ? "error" : "ok";
}

// Large member lists are assessed off the main thread (restanse/worker), so the page keeps responding; the worker
// is ended (and its memory given back) whenever the policy, model or language changes, and a newer assessment
// cancels an older one.
const WORKER_FROM = 5000;
let worker = null;
let running = null;

function makeEngine() {
  state.engine?.free();
  state.engine = new Engine({ ...state.policy, language: getLang() }, state.model ?? undefined);
  worker?.terminate();
  worker = null;
}

async function assess() {
  const asOf = $("#as-of").value || "2026-11-23";
  const t0 = performance.now();
  // the contacts the desk recorded in this browser join the members' own before the engine sees them
  const merged = merge(state.members);
  const json = JSON.stringify(merged);
  running?.abort();
  if (state.members.length > WORKER_FROM) {
    const controller = new AbortController();
    running = controller;
    worker ??= new EngineWorker({ policy: { ...state.policy, language: getLang() }, model: state.model ?? undefined });
    document.body.dataset.engine = "worker";
    const onProgress = ({ stage }) => setStatus(t("working", state.members.length, stage));
    try {
      const out = await worker.assess(json, asOf, { signal: controller.signal, onProgress });
      const report = await worker.report(json, asOf, { signal: controller.signal });
      state.out = out;
      state.report = report;
    } catch (e) {
      if (e && e.name === "AbortError") return; // a newer assessment took over
      setStatus(t("fileError", e.message), true);
      return;
    } finally {
      if (running === controller) running = null;
    }
  } else {
    running = null;
    delete document.body.dataset.engine;
    // one pass of the engine for both the list and the report
    const both = state.engine.assessAndReport(json, asOf);
    state.out = both.assess;
    state.report = both.report;
  }
  state.json = json;
  state.byId = new Map(merged.filter((m) => m && typeof m === "object").map((m) => [String(m.id), m]));
  const ms = Math.round(performance.now() - t0);
  setRows(state.out.assessments);
  showRejections();
  showReport(state.report);
  select(state.out.assessments.some((a) => a.memberId === state.selected) ? state.selected : null);
  setStatus(t("assessed", state.out.assessments.length, state.out.rejected.length + state.csvRejected.length, ms));
  showContactCount();
  if (!$("#tab-today").hidden) refreshToday();
  document.body.dataset.ready = "1";
  document.body.dataset.assessed = String(Number(document.body.dataset.assessed ?? 0) + 1);
}

// The sample gym is generated as of 2026-11-23; data the user brings is assessed as of today (the page reads the
// clock, the engine never does), unless the user has picked a date.
let asOfPicked = false;
function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
function ownData() {
  if (!asOfPicked) $("#as-of").value = localToday();
}

function run(members, csvRejected = []) {
  state.members = members;
  state.csvRejected = csvRejected;
  return assess();
}

function select(id, userPick = false) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#list tbody tr")) tr.classList.toggle("selected", tr.dataset.member === id);
  const a = state.out?.assessments.find((x) => x.memberId === id);
  showMember(a, a && state.byId.get(id), state.out?.asOf ?? $("#as-of").value);
  // on a phone the panel is below the list: bring it into view
  if (a && userPick && window.matchMedia("(max-width: 900px)").matches) $("#member").scrollIntoView({ block: "start" });
}

// The day's work (engine.worklist) within the capacities set per channel. It is computed on the main thread when
// the Today view is shown (also for batches the worker assessed).
function refreshToday() {
  if (!state.out) { showToday(null); return; }
  try {
    showToday(state.engine.worklist(state.json, state.out.asOf, { capacity: capacity() }));
  } catch (e) {
    showToday(null, e.message);
  }
}

function showContactCount() {
  const n = contactCount();
  $("#contacts-count").textContent = t("contactsStored", n);
  $("#export-contacts").disabled = !n;
  $("#export-events").disabled = !n;
}

function showRejections() {
  const el = clear($("#rejections"));
  const all = [...state.csvRejected, ...(state.out?.rejected ?? [])];
  if (!all.length) return;
  el.append(h("details", { open: true }, h("summary", {}, `${t("rejected")} (${all.length})`),
    h("table", { class: "rejected" },
      h("tr", {}, h("th", {}, "#"), h("th", {}, t("colMember")), h("th", {}, t("source")), h("th", {}, t("field")), h("th", {}, t("reason"))),
      all.slice(0, 200).map((r) => h("tr", {}, h("td", {}, String(r.record)), h("td", {}, r.memberId ?? ""), h("td", {}, r.source ?? ""), h("td", {}, r.field), h("td", {}, r.reason))))));
}

async function generate() {
  const n = Number($("#size").value);
  const seed = Number($("#seed").value) || 0;
  try {
    await run(sampleGym(n, seed, $("#as-of").value || "2026-11-23"));
  } catch (e) {
    setStatus(e.message, true);
  }
}

const CSV_NAMES = ["members", "instalments", "visits", "holds", "reminders", "contacts", "objections", "hardship"];

async function readFiles(files) {
  files = [...files];
  if (!files.length) return;
  try {
    const json = files.find((f) => f.name.toLowerCase().endsWith(".json"));
    if (json) {
      let members;
      try {
        members = JSON.parse(await json.text());
      } catch (e) {
        throw new Error(`${json.name}: ${e.message}`);
      }
      if (!Array.isArray(members)) throw new Error(`${json.name}: ${getLang() === "nb" ? "forventet en liste med medlemmer" : "expected an array of members"}`);
      ownData();
      await run(members);
      return;
    }
    const texts = {};
    for (const f of files) {
      const base = f.name.toLowerCase().replace(/\.csv$/, "");
      if (CSV_NAMES.includes(base)) texts[base] = await f.text();
    }
    if (!texts.members) throw new Error(t("noMembersCsv"));
    const { members, rejected } = readCsvExport(texts);
    ownData();
    await run(members, rejected);
  } catch (e) {
    setStatus(t("fileError", e instanceof RestanseError || e instanceof Error ? e.message : String(e)), true);
  }
}

// Training a gym's own risk model on a dropped history, in the page: the training module (linfa) is a separate
// WebAssembly module, fetched only now.
async function trainOn(file) {
  const status = $("#model-status");
  status.className = "ok";
  status.textContent = t("training");
  try {
    const text = await file.text();
    const t0 = performance.now();
    const { train, init: initTrain } = await import("restanse/train");
    await initTrain();
    const model = train(text, { policy: state.policy });
    const ms = Math.round(performance.now() - t0);
    state.model = model;
    makeEngine();
    if (state.out) assess();
    const e = model.evaluation;
    status.textContent = t("trained", model.training.rows, e ? e.model.auc.toFixed(3) : "–", e ? e.scorecard.auc.toFixed(3) : "–", ms);
    $("#scorecard").hidden = false;
    document.body.dataset.model = "trained";
  } catch (e) {
    status.className = "error";
    status.textContent = t("fileError", `${file.name}: ${e.message}`);
  }
}

function useScorecard() {
  state.model = null;
  makeEngine();
  if (state.out) assess();
  $("#scorecard").hidden = true;
  $("#model-status").textContent = "";
  delete document.body.dataset.model;
}

function switchTab(name) {
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === name);
  for (const s of document.querySelectorAll(".tab")) s.hidden = s.id !== `tab-${name}`;
  if (name === "report") showReport(state.report); // charts size themselves when visible
  if (name === "policy") policyEditor.show();
  if (name === "today") refreshToday();
}

function changeLang(l) {
  setLang(l);
  applyStatic();
  relabelToday();
  makeEngine();
  fillFilters();
  if (state.out) assess();
  else renderList();
}

// Wiring
setLang("nb");
applyStatic();
makeEngine();
initList((id) => select(id, true));
initMember(() => assess());
initToday(refreshToday, (id) => { switchTab("list"); select(id, true); });
showMember(null);
const policyEditor = initPolicy({
  defaultPolicy, validatePolicy,
  getPolicy: () => state.engine.policy,
  apply: (p) => {
    try {
      state.policy = p;
      if (p.language && p.language !== getLang()) { // the editor's language wins, like the select's
        setLang(p.language);
        $("#lang").value = p.language;
        applyStatic();
        fillFilters();
      }
      makeEngine();
      if (state.out) assess();
    } catch (e) {
      $("#policy-status").textContent = t("policyBad", e.message);
    }
  },
});
$("#lang").addEventListener("change", (e) => changeLang(e.target.value));
$("#generate").addEventListener("click", generate);
$("#file").addEventListener("change", (e) => { readFiles(e.target.files); e.target.value = ""; });
const drop = $("#drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); readFiles(e.dataTransfer.files); });
$("#history-file").addEventListener("change", (e) => { if (e.target.files[0]) trainOn(e.target.files[0]); e.target.value = ""; });
const trainDrop = $("#train-drop");
trainDrop.addEventListener("dragover", (e) => { e.preventDefault(); trainDrop.classList.add("over"); });
trainDrop.addEventListener("dragleave", () => trainDrop.classList.remove("over"));
trainDrop.addEventListener("drop", (e) => { e.preventDefault(); trainDrop.classList.remove("over"); if (e.dataTransfer.files[0]) trainOn(e.dataTransfer.files[0]); });
$("#scorecard").addEventListener("click", useScorecard);
for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => switchTab(b.dataset.tab));
$("#export").addEventListener("click", () => {
  if (!state.out) return;
  download(`restanse-actions-${state.out.asOf}.csv`, actionsCsv(state.out, getLang()));
});
$("#export-contacts").addEventListener("click", () =>
  download(`restanse-contacts-${localToday()}.json`, JSON.stringify(contactsJson(), null, 2) + "\n", "application/json"));
$("#export-events").addEventListener("click", () =>
  download(`restanse-contact-events-${localToday()}.ndjson`, contactsNdjson(), "application/x-ndjson"));
$("#as-of").addEventListener("change", () => { asOfPicked = true; if (state.out) assess(); });
generate();
keepOffline();
