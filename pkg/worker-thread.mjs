// The worker side of `restanse/worker` (started by pkg/worker.mjs): the engine in a module worker. No top-level
// await and no dynamic import, so that bundlers can build it in any worker format (Vite's default is `iife`).
// The message handler is installed synchronously, and every request is answered only after the module is ready,
// so nothing posted early is lost.
import glueInit, { initSync as glueInitSync } from "./wasm-web/restanse.js";
import * as wasm from "./wasm-web/restanse.js";
import { makeApi, makeLoader, guarded } from "./common.mjs";

const loader = makeLoader(
  "restanse/worker",
  glueInit,
  glueInitSync,
  () => new URL("./wasm-web/restanse_bg.wasm", import.meta.url),
  null,
);
const api = makeApi(guarded(wasm, loader.ensure));
let engine = null;
let started = null;

const errorData = (e) => ({
  message: String((e && e.message) || e),
  name: e && e.name,
  kind: (e && e.kind) || "internal",
  rule: e && e.rule,
  field: e && e.field,
  rejections: e && e.rejections,
});

async function start({ wasmUrl, policy, model }) {
  await loader.init(wasmUrl ?? undefined);
  engine = new api.Engine(policy ?? undefined, model ?? undefined);
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "init") {
    started = start(msg);
    try {
      await started;
      self.postMessage({ type: "ready" });
    } catch (e) {
      self.postMessage({ type: "failed", error: errorData(e) });
    }
    return;
  }
  const { id, op, members, asOf, options } = msg;
  try {
    if (!started) throw new api.RestanseError("restanse/worker: a request came before the init message", { kind: "init" });
    await started;
    const progress = (stage) => self.postMessage({ type: "progress", id, stage });
    let value;
    progress("assessing");
    switch (op) {
      case "assess":
        value = engine.assessJson(members, asOf);
        if (options && options.strict) {
          // throws the same RestanseError (kind "rejected") as the main-thread engine when a record was rejected
          if (JSON.parse(value).rejected.length > 0) engine.assess(members, asOf, { strict: true });
        }
        break;
      case "report":
        value = engine.reportJson(members, asOf);
        break;
      case "policy":
        value = JSON.stringify(engine.policy);
        break;
      default:
        throw new api.RestanseError(`restanse/worker: no operation ${op}`, { kind: "input" });
    }
    progress("sending");
    self.postMessage({ type: "result", id, value });
  } catch (e) {
    self.postMessage({ type: "error", id, error: errorData(e) });
  }
};
