// One pass of the engine for a page that shows both the list and the report: `assessAndReport` gives exactly what
// `assess` and `report` give one after the other (the golden sample gym of the Rust tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine } from "restanse";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const members = readFileSync(join(root, "tests", "data", "golden", "sample-60-seed-7.input.json"), "utf8");

test("assessAndReport equals assess and report called apart", () => {
  const engine = new Engine();
  const both = engine.assessAndReport(members, "2026-11-23");
  assert.deepEqual(both.assess, engine.assess(members, "2026-11-23"));
  assert.deepEqual(both.report, engine.report(members, "2026-11-23"));
  assert.deepEqual(both.report, JSON.parse(readFileSync(join(root, "tests", "data", "golden", "sample-60-seed-7.report.json"), "utf8")));
});

test("engine.worklist returns exactly what `restanse worklist --format json` prints", () => {
  const engine = new Engine();
  const cli = join(root, "target", "release", "restanse");
  const file = join(root, "tests", "data", "golden", "sample-60-seed-7.input.json");
  const native = execFileSync(cli, ["worklist", file, "--as-of", "2026-11-23", "--capacity", "phone=1,sms=2", "--format", "json"], { encoding: "utf8" });
  const list = engine.worklist(members, "2026-11-23", { capacity: { phone: 1, sms: 2 } });
  assert.deepEqual(list, JSON.parse(native));
  // every row is a member's next step, due today; over capacity means deferred to the next business day
  assert.ok(list.steps.filter((r) => r.channel === "phone").length <= 1);
  assert.ok(list.deferred.every((r) => r.on > "2026-11-23"));
  assert.throws(() => engine.worklist(members, "2026-11-23", { capacity: { fone: 1 } }), /unknown channel "fone"/);
  assert.throws(() => engine.worklist(members, "2026-11-23", { capacity: { phone: -1 } }), /whole number/);
});
