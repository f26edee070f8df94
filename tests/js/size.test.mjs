// The engine's size budget (issue 3): the .wasm a page downloads is at most 200 KB gzipped. The web build is
// the one a browser fetches; Node's build is the same module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

test("the engine's WebAssembly is at most 200,000 bytes gzipped", () => {
  const wasm = readFileSync(new URL("../../pkg/wasm-web/restanse_bg.wasm", import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gzipped <= 200_000, `pkg/wasm-web/restanse_bg.wasm is ${gzipped} bytes gzipped`);
});
