// The npm package's speed beside the native CLI, on the same 100,000 sample members, in one run:
// native `restanse assess FILE --format json`, the package in Node (JSON text path and objects path), and the
// package in headless Chromium (when /usr/bin/chromium and playwright-core are there).
// Usage: node benches/wasm_speed.mjs [members]   (after scripts/build-pkg and cargo build --release)
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname, extname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "target", "release", "restanse");
const n = Number(process.argv[2] ?? 100000);
const AS_OF = "2026-11-23";
const RUNS = 3;
const file = join(mkdtempSync(join(tmpdir(), "restanse-speed-")), "gym.json");
execFileSync(cli, ["sample", "--members", String(n), "--seed", "1", "--as-of", AS_OF, "--out", file]);
const text = readFileSync(file, "utf8");
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => {
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
};

const native = time(() => {
  const r = spawnSync(cli, ["assess", file, "--as-of", AS_OF, "--format", "json"], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("native run failed");
});
const { Engine } = await import(join(root, "pkg", "node.mjs"));
const engine = new Engine();
const nodeText = time(() => engine.assessJson(text, AS_OF));
const members = JSON.parse(text);
const nodeObjects = time(() => engine.assess(members, AS_OF));

let chromium = null;
try {
  const { chromium: pw } = await import(join(root, "tools", "node_modules", "playwright-core", "index.mjs"));
  const types = { ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end(`<script type="module">import * as m from "/pkg/web.mjs"; window.restanse = m; window.ready = true;</script>`);
    }
    if (url.pathname === "/gym.json") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(text);
    }
    try {
      const body = readFileSync(join(root, url.pathname));
      res.writeHead(200, { "content-type": types[extname(url.pathname)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await pw.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.ready === true);
  chromium = await page.evaluate(async ({ asOf, runs }) => {
    const text = await (await fetch("/gym.json")).text();
    const engine = new window.restanse.Engine();
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      engine.assessJson(text, asOf);
      xs.push(performance.now() - t);
    }
    return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  }, { asOf: AS_OF, runs: RUNS });
  await browser.close();
  server.close();
} catch (e) {
  console.error(`chromium skipped: ${e.message.split("\n")[0]}`);
}

const row = (name, ms) => console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   ${(ms / native).toFixed(2)}x native`);
console.log(`${n} sample members, median of ${RUNS} runs each`);
row("native CLI (read, assess, write JSON)", native);
row("Node, assessJson(text)", nodeText);
row("Node, assess(objects) (stringify + parse)", nodeObjects);
if (chromium !== null) row("Chromium, assessJson(text)", chromium);
