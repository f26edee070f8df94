// Training a risk model in the page (`const { train } = await import("restanse/train")`): a third WebAssembly
// module with linfa, loaded only by pages that train, so the engine itself stays small.
import type { Day, PolicyInput, RiskModel, Snapshot } from "./index.js";
export { RestanseError } from "./index.js";
import type { WasmSource } from "./index.js";
/** Loads this entry's own WebAssembly (`restanse/train.wasm` by default); as `init` from "restanse". */
export function init(source?: WasmSource): Promise<void>;
export function initSync(source: BufferSource | WebAssembly.Module): void;
export function isReady(): boolean;

export interface TrainOptions {
  /** Fix the L2 penalty α instead of choosing it by cross-validation. */
  l2?: number;
  /** Test on snapshots from this day on (default: the last quarter of the snapshot days). */
  testFrom?: Day;
  /** The policy whose grace days and rhythm settings shape the features. */
  policy?: PolicyInput;
}

/** Trains on a history exactly as `restanse train` does; returns model.json, for `new Engine(policy, model)`. */
export function train(history: Snapshot[] | string, options?: TrainOptions): RiskModel;
export function trainJson(historyJson: string, options?: TrainOptions): string;
