// The engine's size budget: the .wasm a page downloads is at most 240 KB gzipped. Issue 3 set 200 KB; the law of
// December 2026 (one ladder per claim, the recorded history judged, limitation, set-off: issue 12), the next step and
// the worklist (issue 16), the new act and the member's voice (issue 13) and every rejection's reason in bokmål (issue 19)
// took the engine to 260 KB, and the budget was raised to 270 KB rather than move any of the contract's `Engine` methods out of the module (BENCHMARKS.md, "WebAssembly package").
// Issue 17's size work (outputs written without serde's Serialize, ryu's small tables, one sort) brought it to
// 242,029 bytes (`gzip -9`; 243,072 by Node's zlib, which this test uses), and the budget down to 244 KB: 200 KB
// is not met yet (BENCHMARKS.md says where the rest is). The member input read by written-out impls instead of
// serde's derive (`member_json.rs`) took it to 237,153 bytes (238,794 by Node's zlib), and the budget to 240 KB.
// The web build is the one a browser fetches; Node's build is the same module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

test("the engine's WebAssembly is at most 240,000 bytes gzipped", () => {
  const wasm = readFileSync(new URL("../../pkg/wasm-web/restanse_bg.wasm", import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gzipped <= 240_000, `pkg/wasm-web/restanse_bg.wasm is ${gzipped} bytes gzipped`);
});
