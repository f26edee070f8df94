// restanse/tools for Node (>= 20): the sample gym and the CSV export reader, a second WebAssembly module
// loaded synchronously at import.
import * as wasm from "./tools-node/restanse.js";
import { makeTools, RestanseError } from "./common.mjs";

export { RestanseError };
export const { sampleGym, sampleGymJson, readCsvExport } = makeTools(wasm);
