// The package as an embedder meets it in Node (issue 19): `require`, a Date as its local day in any time zone,
// the explicit init of the web build (a catchable error for a 404 or a page that is not WebAssembly), one copy
// of each .wasm, the licence texts and the package metadata. The browser side is tests/embed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import http from "node:http";
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Engine, init, isReady } from "restanse";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..", "..", "pkg");
const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
const member = { id: "M-1", joinedOn: "2024-01-01", instalments: [{ id: "I-1", dueOn: "2026-09-01", amount: "549" }] };

test("a Date means its local calendar day, in every time zone", () => {
  for (const tz of ["Europe/Oslo", "Pacific/Auckland", "America/Los_Angeles", "UTC"]) {
    const script = `import { Engine } from "restanse";
      import { sampleGymJson } from "restanse/tools";
      const e = new Engine();
      const a = e.assess([${JSON.stringify(member)}], new Date(2026, 10, 23)).asOf;
      const b = e.assess([${JSON.stringify(member)}], new Date(2026, 10, 23, 23, 59)).asOf;
      const c = JSON.parse(sampleGymJson(1, 1, new Date(2026, 10, 23, 0, 30))).length;
      console.log(JSON.stringify([a, b, c]));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: here, env: { ...process.env, TZ: tz }, encoding: "utf8" });
    assert.deepEqual(JSON.parse(out), ["2026-11-23", "2026-11-23", 1], tz);
  }
  assert.throws(() => new Engine().assess([], new Date("nonsense")), { kind: "input", message: /invalid Date/ });
});

test("require() works where `engines` says it does", () => {
  assert.equal(manifest.engines.node, "^20.19.0 || >=22.12.0");
  const [major, minor] = process.versions.node.split(".").map(Number);
  if ((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22) {
    const out = execFileSync(process.execPath, ["-e", `const { Engine, init } = require("restanse"); const t = require("restanse/tools");
      console.log(new Engine().assess(t.sampleGym(5, 1, "2026-11-23"), "2026-11-23").assessments.length, typeof init)`], { cwd: here, encoding: "utf8" });
    assert.equal(out.trim(), "5 function");
  }
});

test("in Node the module is ready at import; init() resolves at once", async () => {
  assert.equal(isReady(), true);
  await init();
  await init("https://unused.invalid/x.wasm");
});

test("one copy of each .wasm, exported by name, and the licence texts in the package", () => {
  const wasm = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (f === "node_modules") continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith(".wasm")) wasm.push(p);
    }
  };
  walk(pkg);
  assert.equal(wasm.length, 3, wasm.join(", "));
  const hashes = wasm.map((p) => createHash("sha256").update(readFileSync(p)).digest("hex"));
  assert.equal(new Set(hashes).size, 3);
  for (const name of ["engine", "tools", "train"]) {
    const target = manifest.exports[`./${name}.wasm`];
    assert.ok(target && existsSync(join(pkg, target)), `restanse/${name}.wasm`);
    assert.ok(manifest.files.includes(target.slice(2)), `${target} is published`);
  }
  for (const f of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.ok(manifest.files.includes(f));
    assert.equal(readFileSync(join(pkg, f), "utf8"), readFileSync(join(pkg, "..", f), "utf8"));
  }
  assert.match(readFileSync(join(pkg, "LICENSE-APACHE"), "utf8"), /Apache License\s+Version 2\.0/);
  assert.match(readFileSync(join(pkg, "LICENSE-MIT"), "utf8"), /Permission is hereby granted, free of charge/);
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  assert.ok(manifest.repository?.url);
  // every published file exists
  for (const f of manifest.files) assert.ok(existsSync(join(pkg, f)), f);
});

test("the web build: nothing at import, init() rejects with a catchable error, then works with the right file", async () => {
  const wasmBytes = readFileSync(join(pkg, "wasm-web", "restanse_bg.wasm"));
  const server = http.createServer((req, res) => {
    if (req.url === "/engine.wasm") res.writeHead(200, { "content-type": "application/wasm" }).end(wasmBytes);
    else if (req.url === "/page.wasm") res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><html></html>");
    else res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const web = await import(pathToFileURL(join(pkg, "web.mjs")).href);
    assert.equal(web.isReady(), false);
    assert.throws(() => new web.Engine(), (e) => e instanceof web.RestanseError && e.kind === "init" && /await init\(\)/.test(e.message));
    await assert.rejects(web.init(`${base}/missing.wasm`), (e) => e.kind === "init" && /HTTP 404/.test(e.message));
    await assert.rejects(web.init(`${base}/page.wasm`), (e) => e.kind === "init" && /not WebAssembly: it begins 3c 21 64 6f \(an HTML page/.test(e.message));
    await assert.rejects(web.init(new Uint8Array([1, 2, 3, 4, 5])), (e) => e.kind === "init");
    // after failures, a right URL still works, and init() is idempotent
    await web.init(new URL(`${base}/engine.wasm`));
    await web.init();
    assert.equal(web.isReady(), true);
    assert.equal(new web.Engine().assess([member], "2026-11-23").assessments.length, 1);
  } finally {
    server.close();
  }
});

test("the TypeScript types of init, initSync and the worker check (strict)", () => {
  const tsc = join(here, "..", "..", "tools", "node_modules", ".bin", "tsc");
  execFileSync(tsc, ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--lib", "es2022,dom", join(here, "loading-usage.ts")], { stdio: "inherit" });
});

test("readCsvExport reads what Norwegian Excel saves, and a bad header names the separator", async () => {
  const { readCsvExport } = await import("restanse/tools");
  const { members, rejected } = readCsvExport({
    members: "\ufeffid;joined_on;monthly_fee\r\nM-1;2024-01-15;549,00\r\n",
    instalments: "member_id;id;due_on;amount;paid\r\nM-1;I-1;2026-09-01;549,00;0\r\n",
  });
  assert.deepEqual(rejected, []);
  assert.equal(members[0].id, "M-1");
  assert.equal(members[0].instalments[0].amount, "549.00");
  assert.throws(() => readCsvExport({ members: "medlem;innmeldt\nM-1;2024-01-15\n" }), /no `id` column \(read as semicolon \(;\)-separated/);
});

test("under nb the engine's warnings and explanation values are Norwegian", () => {
  const out = new Engine({ language: "nb" }).assess([{ id: "M-1", joinedOn: "2025-01-01", visits: ["2024-06-01"], instalments: [{ id: "I-1", dueOn: "2026-09-01", amount: "549" }] }], "2026-11-23");
  const a = out.assessments[0];
  assert.equal(a.warnings[0].message, "1 besøk før innmelding 2025-01-01");
  assert.ok(a.explanation.some((e) => e.value === "83 dager"), JSON.stringify(a.explanation));
  const report = new Engine({ language: "nb" }).report([], "2026-11-23");
  assert.ok(report.keyFigures.some((k) => k.name === "Andel til inkasso"), JSON.stringify(report.keyFigures.map((k) => k.name)));
  // a policy refusal in the policy's language, naming the same rule and field
  assert.throws(() => new Engine({ language: "nb", ladder: { reminder: { afterDays: 10 } } }), (e) =>
    e.kind === "policy" && e.rule === "reminder_fee_after_14_days" && e.field === "ladder.reminder.afterDays" && /^policyen avvises: .*purregebyr krever/.test(e.message));
});
