// restanse/tools for Node (>= 20): the sample gym, the CSV export reader and the data feeds (Nets files, the change feed), a second WebAssembly module
// loaded synchronously at import.
import * as wasm from "./tools-node/restanse.js";
import { makeTools, RestanseError } from "./common.mjs";

export { RestanseError };
export const { sampleGym, sampleGymJson, readCsvExport, readNetsFile, applyFeeds } = makeTools(wasm);
