// restanse/tools for browsers and bundlers: the sample gym, the CSV export reader, the data feeds (Nets files,
// the change feed) and the visit models, a second WebAssembly module. Nothing happens at import: `await init()`
// fetches `tools-web/restanse_bg.wasm` next to this file (or the URL, bytes or module given).
import glueInit, { initSync as glueInitSync } from "./tools-web/restanse.js";
import * as wasm from "./tools-web/restanse.js";
import { makeTools, makeVisitsApi, makeLoader, guarded, RestanseError } from "./common.mjs";

const here = import.meta.url;
const loader = makeLoader(
  "restanse/tools",
  glueInit,
  glueInitSync,
  () => new URL("./tools-web/restanse_bg.wasm", import.meta.url),
  () => (here.includes("/.vite/deps/") ? new URL("../../restanse/tools-web/restanse_bg.wasm", here) : null),
);
const w = guarded(wasm, loader.ensure);

export { RestanseError };
export const { init, initSync, isReady } = loader;
export const { sampleGym, sampleGymJson, readCsvExport, readNetsFile, applyFeeds } = makeTools(w);
export const { fitVisits, predictVisits } = makeVisitsApi(w);
