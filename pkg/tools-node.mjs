// restanse/tools for Node: the sample gym, the CSV export reader, the data feeds (Nets files, the change feed)
// and the visit models, a second WebAssembly module read and instantiated synchronously at import.
import { readFileSync } from "node:fs";
import { initSync as glueInitSync } from "./tools-web/restanse.js";
import * as wasm from "./tools-web/restanse.js";
import { makeTools, makeVisitsApi, RestanseError } from "./common.mjs";

glueInitSync({ module: readFileSync(new URL("./tools-web/restanse_bg.wasm", import.meta.url)) });

export { RestanseError };
export const init = async () => {};
export const initSync = () => {};
export const isReady = () => true;
export const { sampleGym, sampleGymJson, readCsvExport, readNetsFile, applyFeeds } = makeTools(wasm);
export const { fitVisits, predictVisits } = makeVisitsApi(wasm);
