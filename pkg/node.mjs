// restanse for Node (>= 20): the WebAssembly module is loaded synchronously at import, no init needed.
import * as wasm from "./wasm-node/restanse.js";
import { makeApi, makeVisitsApi } from "./common.mjs";

export const { Engine, RestanseError, defaultPolicy, validatePolicy, sampleGym, sampleGymJson, readCsvExport } = makeApi(wasm);
export const { fitVisits, predictVisits } = makeVisitsApi(wasm);
