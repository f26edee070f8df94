// restanse for browsers and bundlers (Vite, webpack 5): nothing happens at import. `await init()` fetches and
// instantiates the engine's WebAssembly (by default `wasm-web/restanse_bg.wasm` next to this file; pass another
// URL, a Response, the bytes or a compiled module) and rejects with a catchable RestanseError (kind "init") if it
// cannot: a 404, a wrong file, offline, a Content-Security-Policy without 'wasm-unsafe-eval'.
import glueInit, { initSync as glueInitSync } from "./wasm-web/restanse.js";
import * as wasm from "./wasm-web/restanse.js";
import { makeApi, makeLoader, guarded } from "./common.mjs";

const here = import.meta.url;
const loader = makeLoader(
  "restanse",
  glueInit,
  glueInitSync,
  () => new URL("./wasm-web/restanse_bg.wasm", import.meta.url),
  // Vite's dev server pre-bundles the package into node_modules/.vite/deps/: the file is still in the package
  () => (here.includes("/.vite/deps/") ? new URL("../../restanse/wasm-web/restanse_bg.wasm", here) : null),
);

export const { init, initSync, isReady } = loader;
export const { Engine, RestanseError, defaultPolicy, validatePolicy } = makeApi(guarded(wasm, loader.ensure));
