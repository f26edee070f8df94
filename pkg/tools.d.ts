// The tools of restanse (`import { sampleGym, readCsvExport } from "restanse/tools"`): a second WebAssembly
// module, loaded only by pages that need it, so the engine itself stays small.
import type { Day, MemberInput, Rejection, PolicyInput, NetsTransmission, NetsFileInput, FeedReport, NetsReport, VisitModelKind, VisitSummaryRow, VisitParams, VisitFit, VisitPrediction } from "./index.js";
export { RestanseError } from "./index.js";
import type { WasmSource } from "./index.js";
/** Loads this entry's own WebAssembly (`restanse/tools.wasm` by default); as `init` from "restanse". */
export function init(source?: WasmSource): Promise<void>;
export function initSync(source: BufferSource | WebAssembly.Module): void;
export function isReady(): boolean;

/** A realistic synthetic gym, identical to `restanse sample --members N --seed S --as-of D`. */
export function sampleGym(members: number, seed: number, asOf: Day | Date): MemberInput[];
export function sampleGymJson(members: number, seed: number, asOf: Day | Date): string;
export function readCsvExport(files: {
  members: string;
  instalments?: string;
  visits?: string;
  holds?: string;
  reminders?: string;
  /** What the desk learned: contacts.csv, objections.csv, hardship.csv (snake_case columns). */
  contacts?: string;
  objections?: string;
  hardship?: string;
}): { members: MemberInput[]; rejected: Rejection[] };

/** @throws RestanseError (kind "nets") with the line, field and reason of the first problem. */
export function readNetsFile(file: string | Uint8Array | ArrayBuffer): NetsTransmission;
/** The change feed, then the Nets files, applied to the members (as `restanse assess --events --nets`). */
export function applyFeeds(
  members: MemberInput[] | string,
  options: { nets?: NetsFileInput[]; events?: string; asOf: Day | Date; policy?: PolicyInput | string },
): { members: MemberInput[]; rejected: Rejection[]; events: FeedReport | null; nets: NetsReport | null };

/** @throws RestanseError (kind "input" with `row`, or "fit" when the data cannot support the model). */
export function fitVisits(model: VisitModelKind, data: string | VisitSummaryRow[], options?: { horizon?: number }): VisitFit;
export function predictVisits(params: VisitParams | string, data: string | VisitSummaryRow[], horizon: number): VisitPrediction[];
