// restanse/tools for browsers and bundlers: the sample gym, the CSV export reader and the data feeds (Nets files, the change feed), a second WebAssembly
// module fetched next to this file only when a page imports it (statically or with `await import()`).
import init, * as wasm from "./tools-web/restanse.js";
import { makeTools, RestanseError } from "./common.mjs";

await init({ module_or_path: new URL("./tools-web/restanse_bg.wasm", import.meta.url) });

export { RestanseError };
export const { sampleGym, sampleGymJson, readCsvExport, readNetsFile, applyFeeds } = makeTools(wasm);
