// restanse/worker: the engine off the main thread. The same Engine, in a module worker started by this file;
// every call returns a promise, the worker answers `ready` once its WebAssembly is instantiated (calls made before
// wait for it), calls report their stages through `onProgress`, an AbortSignal cancels (the worker is ended and a
// fresh one started for the next call), and `terminate()` ends the worker and gives its memory back.
import { RestanseError } from "./common.mjs";

export { RestanseError };

// `new Worker(new URL(literal, import.meta.url), { type: "module" })` is the pattern Vite and webpack 5 recognise
// and bundle. Vite's dev server pre-bundles the package into node_modules/.vite/deps/, where the worker's file
// is not: it is then started from the package itself.
function spawn(custom) {
  if (custom) return custom();
  const here = import.meta.url;
  if (here.includes("/.vite/deps/")) {
    return new Worker(new URL("../../restanse/worker-thread.mjs", here), { type: "module", name: "restanse" });
  }
  return new Worker(new URL("./worker-thread.mjs", import.meta.url), { type: "module", name: "restanse" });
}

const abortError = () =>
  typeof DOMException !== "undefined" ? new DOMException("restanse/worker: cancelled", "AbortError") : Object.assign(new Error("restanse/worker: cancelled"), { name: "AbortError" });

function restanseError(data) {
  const e = new RestanseError(data.message, data);
  return e;
}

const encoder = new TextEncoder();

function payload(members) {
  if (typeof members === "string" || members instanceof Uint8Array) return members;
  if (members instanceof ArrayBuffer) return new Uint8Array(members);
  if (!Array.isArray(members)) throw new RestanseError("members must be an array of members (or its JSON text)", { kind: "input" });
  return encoder.encode(JSON.stringify(members));
}

function day(asOf) {
  if (asOf instanceof Date) {
    if (Number.isNaN(asOf.getTime())) throw new RestanseError("asOf is an invalid Date", { kind: "input" });
    const pad = (n, w = 2) => String(n).padStart(w, "0");
    return `${pad(asOf.getFullYear(), 4)}-${pad(asOf.getMonth() + 1)}-${pad(asOf.getDate())}`;
  }
  return String(asOf);
}

export class EngineWorker {
  #options;
  #worker = null;
  #ready = null;
  #pending = new Map();
  #next = 1;

  /** `options`: `{ policy?, model?, wasmUrl?, createWorker? }` — the policy and trained model as for `new Engine`,
   * where the worker finds the engine's .wasm (default: next to the package), and a function returning a Worker
   * when the bundler needs the worker built its own way. */
  constructor(options = {}) {
    this.#options = options;
  }

  /** Resolves once the worker's engine is ready; rejects with a RestanseError (kind "init") if it cannot start. */
  get ready() {
    return this.#start();
  }

  #start() {
    if (this.#ready) return this.#ready;
    const { policy, model, wasmUrl, createWorker } = this.#options;
    let worker;
    try {
      worker = spawn(createWorker);
    } catch (e) {
      return Promise.reject(new RestanseError(`restanse/worker: the worker could not be started: ${e && e.message}`, { kind: "init" }));
    }
    this.#worker = worker;
    this.#ready = new Promise((resolve, reject) => {
      worker.addEventListener("message", (event) => {
        const msg = event.data || {};
        if (msg.type === "ready") resolve();
        else if (msg.type === "failed") reject(restanseError(msg.error));
        else this.#answer(msg);
      });
      worker.addEventListener("error", (event) => {
        event.preventDefault?.();
        const e = new RestanseError(`restanse/worker: the worker failed: ${event.message || "its script could not be loaded"}`, { kind: "init" });
        reject(e);
        this.#fail(e);
      });
    });
    this.#ready.catch(() => this.#end(false));
    worker.postMessage({
      type: "init",
      wasmUrl: wasmUrl === undefined ? undefined : String(wasmUrl),
      policy: policy === undefined || policy === null ? undefined : typeof policy === "string" ? policy : JSON.stringify(policy),
      model: model === undefined || model === null ? undefined : typeof model === "string" ? model : JSON.stringify(model),
    });
    return this.#ready;
  }

  #answer(msg) {
    const call = this.#pending.get(msg.id);
    if (!call) return;
    if (msg.type === "progress") {
      call.onProgress?.({ stage: msg.stage });
      return;
    }
    this.#pending.delete(msg.id);
    call.cleanup();
    if (msg.type === "result") call.resolve(msg.value);
    else call.reject(restanseError(msg.error));
  }

  #fail(error) {
    for (const call of this.#pending.values()) {
      call.cleanup();
      call.reject(error);
    }
    this.#pending.clear();
  }

  #end(rejectPending = true) {
    this.#worker?.terminate();
    this.#worker = null;
    this.#ready = null;
    if (rejectPending) this.#fail(abortError());
  }

  async #call(op, members, asOf, options = {}) {
    const { signal, onProgress, strict } = options;
    if (signal?.aborted) throw abortError();
    const data = members === undefined ? undefined : payload(members);
    const when = asOf === undefined ? undefined : day(asOf);
    onProgress?.({ stage: "starting" });
    await this.#start();
    if (signal?.aborted) throw abortError();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        // the engine cannot be interrupted inside a call: the worker is ended (its memory given back) and
        // the next call starts a fresh one
        this.#end(true);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#pending.set(id, { resolve, reject, onProgress, cleanup: () => signal?.removeEventListener("abort", onAbort) });
      onProgress?.({ stage: "sending" });
      this.#worker.postMessage({ id, op, members: data, asOf: when, options: { strict: !!strict } });
    });
  }

  /** As `engine.assess`, off the main thread. `options`: `{ strict?, signal?, onProgress? }`; progress stages
   * are "starting", "sending", "assessing", "sending" (back) and "parsing", then the promise resolves. */
  async assess(members, asOf, options = {}) {
    const text = await this.#call("assess", members, asOf, options);
    options.onProgress?.({ stage: "parsing" });
    return JSON.parse(text);
  }
  /** As `engine.assessJson`: JSON text out. */
  assessJson(members, asOf, options = {}) {
    return this.#call("assess", members, asOf, options);
  }
  async report(members, asOf, options = {}) {
    const text = await this.#call("report", members, asOf, options);
    options.onProgress?.({ stage: "parsing" });
    return JSON.parse(text);
  }
  reportJson(members, asOf, options = {}) {
    return this.#call("report", members, asOf, options);
  }
  /** The worker engine's policy, every default written out. */
  async policy() {
    return JSON.parse(await this.#call("policy"));
  }
  /** Ends the worker now: pending calls reject with an AbortError and all its WebAssembly memory is released.
   * A later call starts a new worker. */
  terminate() {
    this.#end(true);
  }
}

/** Starts a worker engine and resolves once it is ready. */
export async function createEngineWorker(options) {
  const w = new EngineWorker(options);
  await w.ready;
  return w;
}
