// The npm package as an embedder meets it (issue 19), in Chromium: installed from its tarball (so Vite
// pre-bundles it like any dependency), in a Vite app with no configuration — dev server and build — and in a
// webpack 5 build; the built pages served with the CSP pkg/README.md documents, and with a stricter one.
// Run by tests/embed/test.sh (after scripts/build-pkg).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFile, writeFile, rm } from "node:fs/promises";
import { join, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createServer, build } from "vite";
import webpack from "webpack";

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
// the policy pkg/README.md documents
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'";

let browser;
const servers = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close?.();
});

// serves `dir` on 127.0.0.1 with a CSP header; `missing` makes matching paths 404
async function serve(dir, { csp = CSP, missing = null } = {}) {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = join(dir, path === "/" ? "index.html" : path);
    try {
      if (!file.startsWith(dir) || (missing && missing.test(path))) throw new Error("no");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...(csp ? { "content-security-policy": csp } : {}) });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html" }).end("<!doctype html><p>not found</p>");
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  servers.push({ close: () => new Promise((r) => server.close(r)) });
  return `http://127.0.0.1:${server.address().port}/`;
}

async function results(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(url);
  const r = await page.waitForFunction(() => window.results, null, { timeout: 60000 }).then(() => page.evaluate(() => window.results));
  await page.close();
  return { r, problems };
}

function assertWorks({ r, problems }, where) {
  assert.equal(r.crashed, undefined, `${where}: ${r.crashed}`);
  assert.equal(r.initError, undefined, `${where}: ${JSON.stringify(r.initError)}`);
  assert.equal(r.band, "critical", where);
  assert.equal(r.assessed, 20000, where);
  assert.match(r.nbMessage, /ubetalt/, `${where}: the worker's engine takes the policy`);
  assert.ok(r.sameAsMainThread, `${where}: the worker answers as the main thread's engine`);
  assert.deepEqual(r.stages, ["starting", "sending", "assessing", "sending", "parsing"], where);
  assert.ok(r.ticks >= 3, `${where}: the main thread ran ${r.ticks} timer ticks in ${r.workerMs} ms while the worker assessed`);
  assert.equal(r.cancel, "AbortError", where);
  assert.equal(r.afterCancel, "2026-11-23", `${where}: a fresh worker after cancel; a Date is its local day`);
  assert.deepEqual(r.workerError, { isRestanseError: true, kind: "input" }, where);
  assert.deepEqual(problems, [], where);
}

test("Vite dev server with no configuration: the engine and the worker load", async () => {
  const server = await createServer({ root: here, configFile: false, logLevel: "error", server: { host: "127.0.0.1", port: 0 } });
  await server.listen();
  servers.push(server);
  const url = server.resolvedUrls.local[0];
  assertWorks(await results(url), "vite dev");
});

let viteDist;
test("vite build with no configuration, served with the documented CSP", async () => {
  viteDist = join(here, "dist-vite");
  await rm(viteDist, { recursive: true, force: true });
  await build({ root: here, configFile: false, logLevel: "error", base: "./", build: { outDir: viteDist } });
  assertWorks(await results(await serve(viteDist)), "vite build");
});

test("webpack 5 build with no loaders, served with the documented CSP", async () => {
  const out = join(here, "dist-webpack");
  await rm(out, { recursive: true, force: true });
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: "production", context: here, entry: "./src/main.js", output: { path: out, filename: "main.js" }, performance: { hints: false } }, (err, s) => (err ? reject(err) : resolve(s))),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  await writeFile(join(out, "index.html"), '<!doctype html><html><body><p id="out"></p><script src="main.js"></script></body></html>');
  assertWorks(await results(await serve(out)), "webpack");
});

test("a CSP without 'wasm-unsafe-eval' is a catchable error that names the fix", async () => {
  const { r, problems } = await results(await serve(viteDist, { csp: "default-src 'self'; script-src 'self'; worker-src 'self'" }));
  assert.equal(r.initError?.isRestanseError, true, JSON.stringify(r));
  assert.equal(r.initError.kind, "init");
  assert.match(r.initError.message, /wasm-unsafe-eval/);
  assert.deepEqual(problems, []);
});

test("a .wasm that is not served is a catchable error, not a crash at import", async () => {
  const { r, problems } = await results(await serve(viteDist, { missing: /\.wasm$/ }));
  assert.equal(r.initError?.kind, "init", JSON.stringify(r));
  assert.match(r.initError.message, /HTTP 404/);
  assert.deepEqual(problems, []);
});
