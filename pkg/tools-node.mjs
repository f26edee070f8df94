// restanse/tools for Node (>= 20): the sample gym, the CSV export reader and the data feeds (Nets files, the change feed) and the visit models, a second WebAssembly module
// loaded synchronously at import.
import * as wasm from "./tools-node/restanse.js";
import { makeTools, makeVisitsApi, RestanseError } from "./common.mjs";

export { RestanseError };
export const { sampleGym, sampleGymJson, readCsvExport, readNetsFile, applyFeeds } = makeTools(wasm);
export const { fitVisits, predictVisits } = makeVisitsApi(wasm);
