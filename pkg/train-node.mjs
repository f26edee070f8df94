// restanse/train for Node (>= 20): trains a risk model on a history (linfa), a third WebAssembly module loaded
// synchronously at import.
import * as wasm from "./train-node/restanse.js";
import { makeTrain, RestanseError } from "./common.mjs";

export { RestanseError };
export const { train, trainJson } = makeTrain(wasm);
