// The trained risk model in JavaScript: `new Engine(policy, model)` in the engine's module and `train` in
// `restanse/train`, against the CLI. Run by scripts/test-js after scripts/build-pkg; needs the release CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Engine, RestanseError } from "restanse";
import { train, trainJson } from "restanse/train";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "release", "restanse");
const run = (...args) => execFileSync(cli, args, { encoding: "utf8", maxBuffer: 1 << 30 });
const AS_OF = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "restanse-model-js-"));
const historyFile = join(dir, "history.json");
run("sample", "--history", "--members", "400", "--months", "6", "--seed", "2", "--as-of", AS_OF, "--out", historyFile);
const historyText = readFileSync(historyFile, "utf8");

test("train in WebAssembly fits the same model as `restanse train`", () => {
  const modelFile = join(dir, "model.json");
  run("train", historyFile, "--l2", "1", "--out", modelFile);
  const native = JSON.parse(readFileSync(modelFile, "utf8"));
  const wasm = train(historyText, { l2: 1 });
  assert.equal(wasm.format, "restanse-risk-model");
  assert.equal(wasm.l2ChosenBy, "fixed");
  assert.deepEqual(wasm.training, native.training);
  assert.equal(wasm.features.length, native.features.length);
  for (const [a, b] of wasm.features.map((f, i) => [f, native.features[i]])) {
    assert.equal(a.name, b.name);
    assert.ok(Math.abs(a.coefficient - b.coefficient) < 1e-8, `${a.name}: ${a.coefficient} vs ${b.coefficient}`);
  }
  assert.ok(Math.abs(wasm.intercept - native.intercept) < 1e-8);
  assert.ok(Math.abs(wasm.evaluation.model.auc - native.evaluation.model.auc) < 1e-9);
  // JSON text in and out, and cross-validation when α is not fixed
  const cv = JSON.parse(trainJson(historyText));
  assert.equal(cv.l2ChosenBy, "cross-validation");
  assert.equal(cv.crossValidation.length, 9);
});

test("new Engine(policy, model) scores as `restanse assess --model` does, with P(default), not P(pays)", () => {
  const modelFile = join(dir, "model-cli.json");
  run("train", historyFile, "--l2", "1", "--out", modelFile);
  const model = readFileSync(modelFile, "utf8");
  const gym = join(dir, "gym.json");
  run("sample", "--members", "1500", "--seed", "9", "--as-of", AS_OF, "--out", gym);
  const printed = JSON.parse(run("assess", gym, "--as-of", AS_OF, "--model", modelFile, "--format", "json"));
  const engine = new Engine(undefined, model);
  const out = engine.assess(readFileSync(gym, "utf8"), AS_OF);
  assert.equal(out.assessments.length, printed.assessments.length);
  for (const [a, b] of out.assessments.map((x, i) => [x, printed.assessments[i]])) {
    assert.equal(a.memberId, b.memberId);
    assert.ok(Math.abs(a.risk - b.risk) <= 0.0011, `${a.memberId}: ${a.risk} vs ${b.risk}`);
  }
  // the explanation is the model's features
  const names = new Set(JSON.parse(model).features.map((f) => f.name));
  assert.ok(out.assessments.some((a) => a.explanation.length > 0));
  assert.ok(out.assessments.every((a) => a.explanation.every((c) => names.has(c.factor))));
  // polarity: snapshots that went on to default score far higher than those that did not
  const history = JSON.parse(historyText);
  const last = history.filter((s) => s.asOf === history.at(-1).asOf);
  const risk = (s) => engine.assess([s.member], s.asOf).assessments[0]?.risk ?? 0;
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const yes = mean(last.filter((s) => s.outcome).map(risk));
  const no = mean(last.filter((s) => !s.outcome).map(risk));
  assert.ok(yes > 0.3 && no < 0.1, `defaulters ${yes}, payers ${no}`);
  // an object works as well as text, and no model is the scorecard
  assert.deepEqual(new Engine(undefined, JSON.parse(model)).assess(readFileSync(gym, "utf8"), AS_OF), out);
  assert.deepEqual(new Engine().assess(readFileSync(gym, "utf8"), AS_OF), JSON.parse(run("assess", gym, "--as-of", AS_OF, "--format", "json")));
});

test("a broken or table model is refused with a model error naming the field", () => {
  const model = train(historyText, { l2: 1 });
  model.features[0].scale = -1;
  assert.throws(() => new Engine(undefined, model), (e) => {
    assert.ok(e instanceof RestanseError);
    assert.equal(e.kind, "model");
    assert.match(e.field, /features\[0\].*scale/);
    return true;
  });
  const table = join(dir, "t.csv");
  writeFileSync(table, "a,y\n1,1\n2,0\n3,1\n0,0\n");
  const tm = join(dir, "tm.json");
  run("train", "--table", table, "--label", "y", "--l2", "1", "--out", tm);
  assert.throws(() => new Engine(undefined, readFileSync(tm, "utf8")), /plain table/);
  assert.throws(() => train("[]"), (e) => e instanceof RestanseError && e.kind === "model");
});
