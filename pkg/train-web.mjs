// restanse/train for browsers and bundlers: trains a risk model on a history (linfa), a third WebAssembly module
// fetched next to this file only when a page imports it (best with `await import("restanse/train")`).
import init, * as wasm from "./train-web/restanse.js";
import { makeTrain, RestanseError } from "./common.mjs";

await init({ module_or_path: new URL("./train-web/restanse_bg.wasm", import.meta.url) });

export { RestanseError };
export const { train, trainJson } = makeTrain(wasm);
