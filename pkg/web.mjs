// restanse for browsers and bundlers (Vite, webpack 5): the WebAssembly module is fetched next to this file
// and instantiated with top-level await, so importing it is all the set-up there is.
import init, * as wasm from "./wasm-web/restanse.js";
import { makeApi, makeVisitsApi } from "./common.mjs";

await init({ module_or_path: new URL("./wasm-web/restanse_bg.wasm", import.meta.url) });

export const { Engine, RestanseError, defaultPolicy, validatePolicy, sampleGym, sampleGymJson, readCsvExport } = makeApi(wasm);
export const { fitVisits, predictVisits } = makeVisitsApi(wasm);
