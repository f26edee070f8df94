// The visit models in the npm package: the same fit as `restanse visits fit` (to 7 digits), CDNOW's BG/NBD parameters,
// predictions, and errors. Run by scripts/test-js after scripts/build-pkg; needs the release CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { fitVisits, predictVisits, RestanseError } from "restanse/tools";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "release", "restanse");
const cdnow = join(root, "tests", "data", "cdnow_customers_summary.csv");
const text = readFileSync(cdnow, "utf8");

test("BG/NBD on CDNOW: the paper's parameters, and exactly the CLI's fit", () => {
  const fit = fitVisits("bgnbd", text);
  assert.equal(fit.kind, "bgnbd");
  assert.equal(fit.customers, 2357);
  // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, ln L = -9582.4
  assert.equal(fit.r.toFixed(3), "0.243");
  assert.equal(fit.alpha.toFixed(3), "4.414");
  assert.equal(fit.a.toFixed(3), "0.793");
  assert.equal(fit.b.toFixed(3), "2.426");
  assert.equal(fit.logLikelihood.toFixed(1), "-9582.4");
  assert.ok(fit.convergence.converged, fit.convergence.message);
  const printed = JSON.parse(execFileSync(cli, ["visits", "fit", cdnow, "--model", "bgnbd", "--format", "json"], { encoding: "utf8" }));
  // the same fit; the last digits differ (wasm's libm logarithms against the native ones move the optimum by
  // ~1e-9 relative, and with it which start ends best), so compare to 7 significant digits
  for (const k of ["r", "alpha", "a", "b", "logLikelihood"]) {
    assert.ok(Math.abs(fit[k] - printed[k]) <= 1e-7 * Math.abs(printed[k]), `${k}: ${fit[k]} vs ${printed[k]}`);
  }
  assert.equal(fit.customers, printed.customers);
  assert.equal(fit.convergence.converged, printed.convergence.converged);
  assert.equal(fit.convergence.startsAgreeing, printed.convergence.startsAgreeing);
});

test("predictions: customer 1's P(alive) is the paper's 0.72661, JSON rows give the same as CSV", () => {
  const fit = fitVisits("bgnbd", text, { horizon: 10 });
  assert.equal(fit.horizon, 10);
  assert.equal(fit.predictions.length, 2357);
  assert.equal(fit.predictions[0].id, "1");
  assert.equal(fit.predictions[0].pAlive.toFixed(5), "0.72661");
  const rows = [{ ID: 1, frequency: 2, recency: 30.43, T: 38.86 }];
  const again = predictVisits(fit, rows, 10);
  assert.equal(again[0].pAlive, fit.predictions[0].pAlive);
  assert.ok(again[0].expectedVisits > 0 && again[0].pAnyVisit > 0 && again[0].pAnyVisit < 1);
});

test("Pareto/NBD fits on CDNOW and converges", () => {
  const fit = fitVisits("pareto", text);
  assert.ok(fit.convergence.converged, fit.convergence.message);
  assert.equal(fit.logLikelihood.toFixed(2), "-9594.97");
});

test("bad input is a RestanseError naming the row", () => {
  assert.throws(() => fitVisits("bgnbd", "ID,frequency,recency,T\n1,2,40,38\n"), (e) => e instanceof RestanseError && e.kind === "input" && /row 1/.test(e.message));
  assert.throws(() => fitVisits("weibull", text), (e) => e instanceof RestanseError && e.kind === "input");
  assert.throws(() => fitVisits("bgnbd", "ID,frequency,recency,T\n1,0,0,3\n"), (e) => e instanceof RestanseError && e.kind === "fit");
  assert.throws(() => predictVisits({ kind: "bgnbd", r: -1, alpha: 1, a: 1, b: 1 }, text, 4), RestanseError);
});
