// Data feeds in the npm package: Nets files and the change feed applied in WebAssembly give what the CLI
// gives on the same input (`restanse assess --events --nets`), and a Nets file reads as `nets read` shows it.
// Run by scripts/test-js after scripts/build-pkg; uses the CLI in $CARGO_TARGET_DIR (the newer of release and debug).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine, RestanseError } from "restanse";
import { readNetsFile, applyFeeds } from "restanse/tools";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
// the newer of the release and debug builds, so a stale one is never tested
const cli = [join(targetDir, "release", "restanse"), join(targetDir, "debug", "restanse")]
  .filter(existsSync)
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
const run = (...args) => execFileSync(cli, args, { encoding: "utf8", cwd: root, maxBuffer: 1 << 30 });
const AS_OF = "1992-02-15";
const NETS = [
  "tests/data/nets/avtalegiro_agreements.txt",
  "tests/data/nets/avtalegiro_payment_request.txt",
  "tests/data/nets/ocr_giro_transactions.txt",
];
const GYM = "tests/data/nets_gym.json";
const EVENTS = "tests/data/nets_gym_events.ndjson";
const read = (p) => readFileSync(join(root, p), "utf8");

test("applyFeeds then assess gives what `restanse assess --events --nets` prints", () => {
  const cliRun = spawnSync(cli, ["assess", GYM, "--as-of", AS_OF, "--format", "json", "--events", EVENTS, "--nets", ...NETS], {
    encoding: "utf8",
    cwd: root,
  });
  assert.equal(cliRun.status, 0, cliRun.stderr);
  const fed = applyFeeds(read(GYM), {
    nets: NETS.map((name) => ({ name, text: read(name) })),
    events: read(EVENTS),
    asOf: AS_OF,
  });
  const engine = new Engine();
  assert.equal(engine.assessJson(JSON.stringify(fed.members), AS_OF) + "\n", cliRun.stdout, "byte for byte");

  // the reports are the ones the CLI summarises on stderr
  const n = fed.nets;
  assert.equal(n.matched + n.unmatched.length + n.ignored.length, n.records);
  assert.ok(
    cliRun.stderr.includes(
      `3 Nets file(s): ${n.records} records, ${n.matched} matched, ${n.unmatched.length} unmatched, ${n.ignored.length} ignored`,
    ),
    cliRun.stderr,
  );
  for (const u of n.unmatched) {
    assert.ok(cliRun.stderr.includes(`${u.file} line ${u.line} `), `${u.file} line ${u.line}`);
  }
  assert.deepEqual([fed.events.applied, fed.events.duplicates], [2, ["e-1"]]);
  assert.ok(cliRun.stderr.includes("2 events applied, 1 duplicate"), cliRun.stderr);

  const m1 = fed.members.find((m) => m.id === "M-1");
  assert.equal(m1.mandate, "active");
  assert.equal(m1.instalments[0].paid, "1020.00");
  assert.equal(fed.members.find((m) => m.id === "M-3").instalments[0].paid, "500.00");
});

test("readNetsFile reads a file as `restanse nets read --format json` shows it, text or Latin-1 bytes", () => {
  for (const p of NETS) {
    assert.deepEqual(readNetsFile(read(p)), JSON.parse(run("nets", "read", p, "--format", "json")));
  }
  const ocr = readNetsFile(readFileSync(join(root, NETS[2])));
  assert.equal(ocr.assignments[0].transactions.length, 20);
  assert.equal(ocr.assignments[0].transactions[0].transactionType, 21);
  // a byte that is not UTF-8 is read as ISO-8859-1 (ø is 0xF8 in files from Nets)
  const latin1 = Buffer.from(read(NETS[2]).replace("Foo bar baz", "Foo bør baz"), "latin1");
  assert.equal(readNetsFile(latin1).assignments[0].transactions[0].text, "Foo bør baz");
});

test("a bad Nets file throws with its file, line, field and reason", () => {
  const bad = read(NETS[2]).replace("NY0921", "NY0922");
  assert.throws(() => readNetsFile(bad), (e) => e instanceof RestanseError && e.kind === "nets" && e.line === 3);
  assert.throws(
    () => applyFeeds([], { nets: [{ name: "ocr.txt", text: bad }], asOf: AS_OF }),
    (e) => e instanceof RestanseError && e.kind === "nets" && e.file === "ocr.txt" && e.line === 3 && typeof e.field === "string",
  );
});

test("the KID scheme comes from the policy, and a bad one is a policy error", () => {
  assert.throws(
    () => applyFeeds([], { asOf: AS_OF, policy: { nets: { kid: { memberDigits: 0, instalmentDigits: 4, checkDigit: "mod10" } } } }),
    (e) => e instanceof RestanseError && e.kind === "policy" && /nets\.kid/.test(e.message),
  );
  // with no scheme only explicit KIDs match: same result for the sample files, which match by explicit KID
  const fed = applyFeeds(read(GYM), { nets: [read(NETS[2])], asOf: AS_OF, policy: { nets: { kid: null } } });
  assert.equal(fed.nets.matched, 2);
  assert.equal(fed.events, null);
});

test("the types describe the feeds API", () => {
  const tsc = join(root, "tools", "node_modules", ".bin", "tsc");
  execFileSync(tsc, ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", join(root, "tests", "js", "feeds-usage.ts")], { stdio: "inherit" });
});
