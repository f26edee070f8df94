// Issue 14: the WebAssembly modules never trap on input and stay usable after any error. Every kind of failing
// call is made 10,000 times, each must throw a RestanseError (never a RuntimeError or a TypeError), and then a
// good call returns the golden answer. Run by scripts/test-js after scripts/build-pkg.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine, RestanseError, validatePolicy } from "restanse";
import { sampleGym, applyFeeds, readCsvExport, readNetsFile, fitVisits } from "restanse/tools";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const golden = (name) => JSON.parse(readFileSync(join(root, "tests/data/golden", name), "utf8"));
const AS_OF = "2026-11-23";
const TIMES = 10_000;

const OWES = [{ id: "M-1", joinedOn: "2026-01-01", instalments: [{ id: "I-1", dueOn: "2026-10-01", amount: "549" }] }];
const credit = (id) =>
  JSON.stringify({ id, at: "2026-11-01T10:00:00Z", type: "credit", memberId: "M-1", instalmentId: "I-1", amount: "70000000000000000000000000000" });

const engine = new Engine();
// each a call that must fail with a RestanseError of the given kind (and, where named, the field)
const failing = {
  "policy that would overflow": [() => new Engine({ plan: { shareOfFee: "70000000000000000000" } }), "policy"],
  "policy not an object": [() => new Engine(42), "input", "policy"],
  "model with huge weights": [
    () =>
      new Engine(undefined, {
        format: "restanse-risk-model", version: 1, kind: "members", predicts: "default",
        features: [{ name: "unpaid_count", mean: 0, scale: 1, coefficient: 1e308 }],
        intercept: 0, l2: 1, l2ChosenBy: "fixed", training: { rows: 1, positives: 1 },
      }),
    "model",
  ],
  "assessJson broken JSON": [() => engine.assessJson("[{", AS_OF), "input"],
  "assessJson a number": [() => engine.assessJson(42, AS_OF), "input", "members"],
  "assess an invalid Date": [() => engine.assess([], new Date("nope")), "input", "asOf"],
  "assess asOf 9999-12-31": [() => engine.assess([], "9999-12-31"), "input", "asOf"],
  "assess asOf a number": [() => engine.assess([], 42), "input", "asOf"],
  "assess not an array": [() => engine.assess({}, AS_OF), "input", "members"],
  "assess not UTF-8": [() => engine.assessJson(new Uint8Array([0x5b, 0xff, 0x5d]), AS_OF), "input"],
  "report not an array": [() => engine.reportJson("{}", AS_OF), "input"],
  "worklist bad capacity": [() => engine.worklist([], AS_OF, { capacity: { phone: -1 } }), "input", "capacity.phone"],
  "assessAndReport null": [() => engine.assessAndReport(null, AS_OF), "input", "members"],
  "validatePolicy bad rule": [() => validatePolicy({ ladder: { sms: { fee: "35" } } }), "policy"],
  "sampleGym(-1)": [() => sampleGym(-1, 1, AS_OF), "input", "members"],
  "sampleGym(1e9)": [() => sampleGym(1e9, 1, AS_OF), "input", "members"],
  "applyFeeds(42)": [() => applyFeeds(42), "input", "members"],
  "applyFeeds nets not an array": [() => applyFeeds([], { nets: 5, asOf: AS_OF }), "input", "nets"],
  "applyFeeds events not text": [() => applyFeeds([], { events: {}, asOf: AS_OF }), "input", "events"],
  "readNetsFile(42)": [() => readNetsFile(42), "input", "file"],
  "readCsvExport(undefined)": [() => readCsvExport(undefined), "input", "files"],
  "fitVisits bad model": [() => fitVisits("nope", "ID,frequency,recency,T\n1,1,1,2\n"), null],
};

for (const [name, [f, kind, field]] of Object.entries(failing)) {
  test(`${TIMES} × ${name} throw a RestanseError and leave the module usable`, () => {
    for (let i = 0; i < TIMES; i++) {
      let error = null;
      try {
        f();
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof RestanseError, `${name}: ${error && error.name}: ${error && error.message}`);
      if (kind) assert.equal(error.kind, kind, `${name}: ${error.message}`);
      if (field) assert.equal(error.field, field, `${name}: ${error.message}`);
    }
    // a good call after the failures: the golden answer
    const fresh = new Engine();
    assert.deepEqual(fresh.assess(golden("sample-60-seed-7.input.json"), AS_OF), golden("sample-60-seed-7.assess.json"));
  });
}

test("huge credits through applyFeeds are rejected, not a trap", () => {
  const out = applyFeeds(OWES, { events: `${credit("a")}\n${credit("b")}\n`, asOf: "2026-12-01" });
  assert.equal(out.events.rejected.length, 2);
  assert.equal(out.events.rejected[0].field, "amount");
  assert.equal(out.members.length, 1);
});

test("a batch over 256 MiB is refused with a RestanseError before it reaches WebAssembly", () => {
  const big = new Uint8Array(256 * 1024 * 1024 + 1);
  assert.throws(() => engine.assessJson(big, AS_OF), (e) => e instanceof RestanseError && e.kind === "input" && e.field === "members");
  assert.deepEqual(engine.assess(golden("sample-60-seed-7.input.json"), AS_OF), golden("sample-60-seed-7.assess.json"));
});
