// restanse/worker: the engine in a module worker, every call a promise.
import type { AssessOutput, Day, MemberInput, Policy, PolicyInput, Report, RiskModel } from "./index.js";
export { RestanseError } from "./index.js";

export interface EngineWorkerOptions {
  /** The policy (fields left out keep the Norwegian defaults), as for `new Engine(policy)`. */
  policy?: PolicyInput | string;
  /** A trained model (model.json), as for `new Engine(policy, model)`. */
  model?: RiskModel | string;
  /** Where the worker fetches the engine's .wasm (default: next to the package, `restanse/engine.wasm`). */
  wasmUrl?: string | URL;
  /** Starts the worker yourself, e.g. `() => new Worker(new URL("restanse/worker-thread", import.meta.url), { type: "module" })`. */
  createWorker?: () => Worker;
}

/** The stages of a call: "starting" (waiting for the worker to be ready), "sending", "assessing" (in the
 * worker), "sending" (the result back), "parsing" (in the calling thread). */
export interface WorkerProgress {
  stage: "starting" | "sending" | "assessing" | "parsing";
}

export interface WorkerCallOptions {
  /** Aborting ends the worker (its memory is given back); the call rejects with an AbortError and the next
   * call starts a fresh worker. */
  signal?: AbortSignal;
  onProgress?: (progress: WorkerProgress) => void;
}

export class EngineWorker {
  constructor(options?: EngineWorkerOptions);
  /** Resolves once the worker's engine is ready; rejects with a RestanseError (kind "init") if it cannot start. */
  readonly ready: Promise<void>;
  assess(members: MemberInput[] | string | Uint8Array, asOf: Day | Date, options?: WorkerCallOptions & { strict?: boolean }): Promise<AssessOutput>;
  assessJson(members: MemberInput[] | string | Uint8Array, asOf: Day | Date, options?: WorkerCallOptions): Promise<string>;
  report(members: MemberInput[] | string | Uint8Array, asOf: Day | Date, options?: WorkerCallOptions): Promise<Report>;
  reportJson(members: MemberInput[] | string | Uint8Array, asOf: Day | Date, options?: WorkerCallOptions): Promise<string>;
  policy(): Promise<Policy>;
  /** Ends the worker: pending calls reject with an AbortError, all its WebAssembly memory is released. */
  terminate(): void;
}

/** Starts an EngineWorker and resolves once it is ready. */
export function createEngineWorker(options?: EngineWorkerOptions): Promise<EngineWorker>;
