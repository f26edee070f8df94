// An embedding app as a user writes it: the package's entries, no bundler configuration. The checks run in the
// browser; tests/embed/embed.test.mjs reads `window.results`.
import { init, Engine, RestanseError } from "restanse";
import { EngineWorker } from "restanse/worker";

const member = (i) => ({
  id: `M-${i}`,
  joinedOn: "2024-01-15",
  monthlyFee: "549",
  paymentMethod: i % 3 ? "avtalegiro" : "invoice",
  mandate: "active",
  instalments: Array.from({ length: 12 }, (_, k) => ({
    id: `I-${k}`,
    dueOn: `20${k < 2 ? 25 : 26}-${String(((k + 10) % 12) + 1).padStart(2, "0")}-01`,
    amount: "549",
    paid: (i + k) % 7 === 0 ? "0" : "549",
  })),
  visits: Array.from({ length: 20 }, (_, k) => `2026-${String((k % 10) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`),
});

async function run() {
  const out = {};
  // 1. the engine, initialised explicitly; a failure is a catchable RestanseError, the page goes on
  try {
    await init();
    const engine = new Engine();
    out.band = engine.assess([{ id: "M-1", joinedOn: "2024-01-01", instalments: [{ id: "I-1", dueOn: "2026-09-01", amount: "549" }] }], "2026-11-23").assessments[0].band;
    engine.free();
  } catch (e) {
    out.initError = { isRestanseError: e instanceof RestanseError, kind: e.kind, message: e.message };
  }
  if (out.initError) return out;

  // 2. the worker: a call made before it is ready waits for it; progress; the main thread keeps running
  const members = Array.from({ length: 20000 }, (_, i) => member(i));
  const worker = new EngineWorker({ policy: { language: "nb" } });
  const stages = [];
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const t0 = performance.now();
  const result = await worker.assess(members, "2026-11-23", { onProgress: (p) => stages.push(p.stage) });
  out.workerMs = Math.round(performance.now() - t0);
  clearInterval(timer);
  out.ticks = ticks;
  out.stages = stages;
  out.assessed = result.assessments.length;
  out.nbMessage = result.assessments.find((a) => a.signals.length)?.signals[0].message;
  // the same answer as the engine on the main thread
  const engine = new Engine({ language: "nb" });
  out.sameAsMainThread = JSON.stringify(engine.assess(members.slice(0, 500), "2026-11-23")) === JSON.stringify(await worker.assess(members.slice(0, 500), "2026-11-23"));
  engine.free();

  // 3. cancel: the call rejects with an AbortError, and the next call starts a fresh worker
  const controller = new AbortController();
  const cancelled = worker.assess(members, "2026-11-23", {
    signal: controller.signal,
    onProgress: (p) => { if (p.stage === "assessing") controller.abort(); },
  });
  try {
    await cancelled;
    out.cancel = "resolved";
  } catch (e) {
    out.cancel = e.name;
  }
  out.afterCancel = (await worker.assess(members.slice(0, 10), new Date(2026, 10, 23))).asOf;

  // 4. errors from the worker are RestanseErrors
  try {
    await worker.assess(members.slice(0, 3), "2026-02-30");
  } catch (e) {
    out.workerError = { isRestanseError: e instanceof RestanseError, kind: e.kind };
  }
  worker.terminate();
  return out;
}

window.results = run().catch((e) => ({ crashed: String(e && e.stack || e) }));
window.results.then((r) => { document.querySelector("#out").textContent = JSON.stringify(r); });
