// restanse/train for Node: trains a risk model on a history (linfa), a third WebAssembly module read and
// instantiated synchronously at import.
import { readFileSync } from "node:fs";
import { initSync as glueInitSync } from "./train-web/restanse.js";
import * as wasm from "./train-web/restanse.js";
import { makeTrain, RestanseError } from "./common.mjs";

glueInitSync({ module: readFileSync(new URL("./train-web/restanse_bg.wasm", import.meta.url)) });

export { RestanseError };
export const init = async () => {};
export const initSync = () => {};
export const isReady = () => true;
export const { train, trainJson } = makeTrain(wasm);
