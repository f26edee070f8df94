// One pass of the engine for a page that shows both the list and the report: `assessAndReport` gives exactly what
// `assess` and `report` give one after the other (the golden sample gym of the Rust tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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
