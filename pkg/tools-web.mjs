// restanse/tools for browsers and bundlers: the sample gym, the CSV export reader and the data feeds (Nets files, the change feed) and the visit models, a second WebAssembly
// module fetched next to this file only when a page imports it (statically or with `await import()`).
import init, * as wasm from "./tools-web/restanse.js";
import { makeTools, makeVisitsApi, RestanseError } from "./common.mjs";

await init({ module_or_path: new URL("./tools-web/restanse_bg.wasm", import.meta.url) });

export { RestanseError };
export const { sampleGym, sampleGymJson, readCsvExport, readNetsFile, applyFeeds } = makeTools(wasm);
export const { fitVisits, predictVisits } = makeVisitsApi(wasm);
