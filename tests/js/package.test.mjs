// The npm package in Node: parity with the CLI, errors, the sample gym, CSV, and the types.
// Run by scripts/test-js after scripts/build-pkg; needs the release CLI (cargo build --release).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine, RestanseError, defaultPolicy, validatePolicy } from "restanse";
import { sampleGym, sampleGymJson, readCsvExport, RestanseError as ToolsError } from "restanse/tools";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(root, "target", "release", "restanse");
const run = (...args) => execFileSync(cli, args, { encoding: "utf8", maxBuffer: 1 << 30 });
const AS_OF = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "restanse-js-"));

test("engine.assess returns exactly what `restanse assess --format json` prints", () => {
  const file = join(dir, "gym.json");
  run("sample", "--members", "2000", "--seed", "5", "--as-of", AS_OF, "--out", file);
  const text = readFileSync(file, "utf8");
  const printed = run("assess", file, "--as-of", AS_OF, "--format", "json");
  const engine = new Engine();
  assert.equal(engine.assessJson(text, AS_OF) + "\n", printed, "byte for byte");
  assert.deepEqual(engine.assess(JSON.parse(text), AS_OF), JSON.parse(printed));
  assert.equal(engine.reportJson(text, AS_OF) + "\n", run("report", file, "--as-of", AS_OF, "--format", "json"));
  // the fastest path: the file's bytes as read, no decoding in JS
  const bytes = readFileSync(file);
  assert.equal(engine.assessJson(bytes, AS_OF) + "\n", printed, "bytes in, the same text out");
  assert.deepEqual(engine.assess(new Uint8Array(bytes), AS_OF), JSON.parse(printed));
});

test("text that is mostly not ASCII reaches the engine as the same bytes a file holds", () => {
  // the text path encodes into a buffer sized for mostly-ASCII JSON and grows it: Norwegian letters (2 bytes)
  // and emoji (4 bytes, a surrogate pair) far past that size, split wherever the first buffer ends
  const engine = new Engine();
  for (const pad of [0, 1, 2, 3, 7]) {
    const members = Array.from({ length: 300 }, (_, i) => ({
      id: "x".repeat(pad) + "Ø😀æ-" + i + "ø😀".repeat(i % 40),
      joinedOn: "2024-01-01",
    }));
    const text = JSON.stringify(members);
    const out = engine.assessJson(text, AS_OF);
    assert.equal(out, engine.assessJson(Buffer.from(text, "utf8"), AS_OF));
    assert.deepEqual(JSON.parse(out).assessments.map((a) => a.memberId).sort(), members.map((m) => m.id).sort());
  }
});

test("bytes that are not UTF-8 are an input error that says where, and the engine goes on", () => {
  const engine = new Engine();
  const bad = new Uint8Array([...new TextEncoder().encode('[{"id": "M-1",\n "name": "'), 0xff, ...new TextEncoder().encode('"}]')]);
  assert.throws(() => engine.assessJson(bad, AS_OF), (e) => {
    assert.ok(e instanceof RestanseError);
    assert.equal(e.kind, "input");
    assert.match(e.message, /line 2, column 11/);
    assert.match(e.message, /not UTF-8/);
    return true;
  });
  assert.equal(engine.assess([{ id: "M-1", joinedOn: "2024-01-01" }], AS_OF).assessments.length, 1);
});

test("restanse/tools is a separate module with the same error class", () => {
  assert.equal(ToolsError, RestanseError);
  assert.throws(() => readCsvExport({ members: "name,joined_on\nAda,2024-01-01\n" }), (e) => {
    assert.ok(e instanceof RestanseError);
    assert.match(e.message, /members.csv: the header has no `id` column/);
    return true;
  });
});

test("the sample gym is the CLI's, member for member", () => {
  const printed = run("sample", "--members", "300", "--seed", "9", "--as-of", AS_OF);
  assert.equal(sampleGymJson(300, 9, AS_OF) + "\n", printed);
  const gym = sampleGym(300, 9, AS_OF);
  assert.equal(gym.length, 300);
  assert.equal(gym[0].id, "M-000001");
});

test("a policy is validated, with the broken rule named", () => {
  assert.equal(defaultPolicy().ladder.sms.afterDays, 6);
  assert.equal(validatePolicy({ ladder: { sms: { afterDays: 5 } } }).ladder.sms.afterDays, 5);
  assert.throws(() => validatePolicy({ ladder: { reminder: { afterDays: 10 } } }), (e) => {
    assert.ok(e instanceof RestanseError && e instanceof Error);
    assert.equal(e.kind, "policy");
    assert.equal(e.rule, "reminder_fee_after_14_days");
    assert.equal(e.field, "ladder.reminder.afterDays");
    return true;
  });
  assert.throws(() => new Engine({ ladder: { reminder: { fee: "50" } } }), { rule: "fee_at_most_one_twentieth_of_inkassosats" });
  assert.throws(() => new Engine({ ladder: { sms: { afterDay: 6 } } }), /afterDay/);
  const nb = new Engine({ language: "nb" });
  const out = nb.assess([{ id: "M-1", joinedOn: "2024-01-01", visits: ["2026-11-20"], instalments: [{ id: "I-1", dueOn: "2026-09-01", amount: "549" }] }], AS_OF);
  assert.equal(out.assessments[0].signals[0].message, "1 ubetalt avdrag, 549,00 kr, eldste forfalt 1. sep. 2026");
});

test("bad input: per-record rejections like the CLI, errors as JS Errors, never a crash", () => {
  const engine = new Engine();
  const batch = [
    { id: "M-1", joinedOn: "2024-01-01" },
    { id: "M-2", joinedOn: "2024-02-30" },
    { id: "M-3", joinedOn: "2024-01-01", instalments: [{ id: "I-1", dueOn: "2026-10-01", amount: "five" }] },
    42,
  ];
  const out = engine.assess(batch, AS_OF);
  assert.equal(out.assessments.length + out.rejected.length, 4);
  const file = join(dir, "bad.json");
  writeFileSync(file, JSON.stringify(batch));
  assert.deepEqual(out.rejected, JSON.parse(run("assess", file, "--as-of", AS_OF, "--format", "json")).rejected);
  assert.deepEqual(out.rejected.map((r) => [r.record, r.memberId, r.field]), [
    [2, "M-2", "joinedOn"],
    [3, "M-3", "instalments[0].amount"],
    [4, undefined, ""],
  ]);
  assert.throws(() => engine.assess(batch, AS_OF, { strict: true }), (e) => e.kind === "rejected" && e.rejections.length === 3);
  assert.throws(() => engine.assess({ id: "M-1" }, AS_OF), RestanseError);
  assert.throws(() => engine.assessJson('{"id":"M-1"}', AS_OF), /must be a JSON array/);
  assert.throws(() => engine.assessJson("[{", AS_OF), /not valid JSON/);
  assert.throws(() => engine.assess([], "2026-02-30"), /asOf/);
  // absurd values are rejected, and the module still works afterwards
  const huge = engine.assess([{ id: "X", joinedOn: "2024-01-01", instalments: [{ id: "I", dueOn: "2026-01-01", amount: "79228162514264337593543950335" }, { id: "J", dueOn: "2026-02-01", amount: "79228162514264337593543950335" }] }], AS_OF);
  assert.equal(huge.rejected.length, 1);
  assert.equal(engine.assess(sampleGym(50, 1, AS_OF), AS_OF).assessments.length, 50);
});

test("a CSV export reads like the CLI reads a folder", () => {
  const files = {
    members: "id,joined_on,payment_method,mandate\nM-1,2024-01-15,avtalegiro,deleted\nM-2,2024-01-15,invoice,\nM-3,2024-13-01,invoice,\n",
    instalments: "member_id,id,due_on,amount,paid\nM-1,I-1,2026-09-01,549,0\nM-2,I-1,2026-10-01,-3,0\n",
  };
  // a row that cannot be read is rejected with its file and line
  const { members, rejected } = readCsvExport(files);
  assert.deepEqual(members.map((m) => m.id), ["M-1", "M-2"]);
  assert.deepEqual(rejected.map((r) => [r.source, r.memberId, r.field]), [["members.csv:4", "M-3", "joined_on"]]);
  // a row that reads but makes no sense is rejected when assessed, with the member and field
  const out = new Engine().assess(members, AS_OF);
  assert.equal(out.assessments[0].band, "critical");
  assert.deepEqual(out.rejected.map((r) => [r.memberId, r.field]), [["M-2", "instalments[0].amount"]]);
});

test("the TypeScript types check against real use", () => {
  const tsc = join(root, "tools", "node_modules", ".bin", "tsc");
  execFileSync(tsc, ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", join(root, "tests", "js", "usage.ts")], { stdio: "inherit" });
});
