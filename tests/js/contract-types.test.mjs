// pkg/index.d.ts against real output: the golden assess, report and input files of the Rust tests
// (tests/data/golden/, written by the engine itself) are type-checked as TypeScript literals against the package's
// types, with `exactOptionalPropertyTypes`. An object literal gets excess-property checks, so a field added in Rust
// and forgotten in TypeScript fails here, and so does a field whose type drifted (a number written as a string, a
// code missing from a union, `null` where the types say "absent").
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const golden = (name) => readFileSync(join(root, "tests", "data", "golden", name), "utf8");

test("the golden outputs and input type-check against pkg/index.d.ts (exactOptionalPropertyTypes)", () => {
  const dir = join(here, ".generated");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "golden-types.ts");
  writeFileSync(
    file,
    [
      'import type { AssessOutput, MemberInput, Report } from "restanse";',
      `export const assessed: AssessOutput = ${golden("sample-60-seed-7.assess.json")};`,
      `export const report: Report = ${golden("sample-60-seed-7.report.json")};`,
      `export const input: MemberInput[] = ${golden("sample-60-seed-7.input.json")};`,
      "",
    ].join("\n"),
  );
  const tsc = join(root, "tools", "node_modules", ".bin", "tsc");
  execFileSync(
    tsc,
    ["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", file],
    { stdio: "inherit" },
  );
});
