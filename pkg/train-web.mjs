// restanse/train for browsers and bundlers: trains a risk model on a history (linfa), a third WebAssembly module.
// Nothing happens at import: `await init()` fetches `train-web/restanse_bg.wasm` next to this file (or the URL,
// bytes or module given).
import glueInit, { initSync as glueInitSync } from "./train-web/restanse.js";
import * as wasm from "./train-web/restanse.js";
import { makeTrain, makeLoader, guarded, RestanseError } from "./common.mjs";

const here = import.meta.url;
const loader = makeLoader(
  "restanse/train",
  glueInit,
  glueInitSync,
  () => new URL("./train-web/restanse_bg.wasm", import.meta.url),
  () => (here.includes("/.vite/deps/") ? new URL("../../restanse/train-web/restanse_bg.wasm", here) : null),
);

export { RestanseError };
export const { init, initSync, isReady } = loader;
export const { train, trainJson } = makeTrain(guarded(wasm, loader.ensure));
