// restanse for Node (^20.19 or >= 22.12, also through `require`): the WebAssembly module (the same file the web
// build fetches) is read and instantiated synchronously at import; `init()` is there for code shared with the
// browser and resolves at once.
import { readFileSync } from "node:fs";
import { initSync as glueInitSync } from "./wasm-web/restanse.js";
import * as wasm from "./wasm-web/restanse.js";
import { makeApi } from "./common.mjs";

glueInitSync({ module: readFileSync(new URL("./wasm-web/restanse_bg.wasm", import.meta.url)) });

export const init = async () => {};
export const initSync = () => {};
export const isReady = () => true;
export const { Engine, RestanseError, defaultPolicy, validatePolicy } = makeApi(wasm);
