// The npm package's speed beside the native CLI, on the same sample members, in one run: native
// `restanse assess FILE --format json --threads 1` (one thread, as the module has); the package in Node (the file's bytes, its text, JS objects); the package
// in headless Chromium (bytes and text; when /usr/bin/chromium and playwright-core are there).
//
// The machine is shared and noisy, so the paths are interleaved: each round runs every path once, in turn, and
// each path's figure is the median of its rounds; every ratio compares runs made side by side. The first call
// in a fresh module (what a page's user waits for once: the JS engine compiles the module and the heap grows)
// is reported on its own.
//
// Usage: node benches/wasm_speed.mjs [members] [rounds]   (after scripts/build-pkg and cargo build --release;
// honours CARGO_TARGET_DIR)
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname, extname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "release", "restanse");
const n = Number(process.argv[2] ?? 100000);
const ROUNDS = Number(process.argv[3] ?? 5);
const AS_OF = "2026-11-23";
const file = join(mkdtempSync(join(tmpdir(), "restanse-speed-")), "gym.json");
execFileSync(cli, ["sample", "--members", String(n), "--seed", "1", "--as-of", AS_OF, "--out", file]);
const bytes = readFileSync(file);
const text = bytes.toString("utf8");
const members = JSON.parse(text);

const timed = async (f) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const native = () => {
  const r = spawnSync(cli, ["assess", file, "--as-of", AS_OF, "--format", "json", "--threads", "1"], { stdio: ["ignore", "ignore", "inherit"], maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error("native run failed");
};

const { Engine } = await import(join(root, "pkg", "node.mjs"));
const engine = new Engine();
const first = { node: await timed(() => engine.assessJson(bytes, AS_OF)) };

// Chromium: a page on a local server that imports pkg/web.mjs and fetches the file once
let page = null;
let browser = null;
let server = null;
try {
  const { chromium: pw } = await import(join(root, "tools", "node_modules", "playwright-core", "index.mjs"));
  const types = { ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end(`<script type="module">import * as m from "/pkg/web.mjs"; await m.init(); window.restanse = m; window.ready = true;</script>`);
    }
    if (url.pathname === "/gym.json") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(bytes);
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
  browser = await pw.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.ready === true);
  await page.evaluate(async () => {
    window.bytes = new Uint8Array(await (await fetch("/gym.json")).arrayBuffer());
    window.text = new TextDecoder().decode(window.bytes);
    window.engine = new window.restanse.Engine();
  });
  first.chromium = await page.evaluate((asOf) => {
    const t = performance.now();
    window.engine.assessJson(window.bytes, asOf);
    return performance.now() - t;
  }, AS_OF);
} catch (e) {
  console.error(`chromium skipped: ${e.message.split("\n")[0]}`);
  page = null;
}
const inPage = (what) =>
  page.evaluate(
    ({ what, asOf }) => {
      const t = performance.now();
      window.engine.assessJson(window[what], asOf);
      return performance.now() - t;
    },
    { what, asOf: AS_OF },
  );

const paths = {
  "native CLI, one thread (read, assess, write JSON)": () => timed(native),
  "Node, assessJson(bytes of the file)": () => timed(() => engine.assessJson(bytes, AS_OF)),
  "Node, assessJson(text)": () => timed(() => engine.assessJson(text, AS_OF)),
  "Node, assess(objects) (stringify + parse)": () => timed(() => engine.assess(members, AS_OF)),
};
if (page) {
  paths["Chromium, assessJson(bytes of the file)"] = () => inPage("bytes");
  paths["Chromium, assessJson(text)"] = () => inPage("text");
}
const times = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(paths)) times[name].push(await run());
}
if (browser) await browser.close();
if (server) server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const nativeMs = median(times["native CLI, one thread (read, assess, write JSON)"]);
const row = (name, ms, spread = "") =>
  console.log(`${name.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms   ${(ms / nativeMs).toFixed(2)}x native   ${spread}`);
console.log(`${n} sample members (${(bytes.length / 1e6).toFixed(0)} MB of JSON); median of ${ROUNDS} interleaved rounds [min–max]`);
for (const [name, xs] of Object.entries(times)) {
  row(name, median(xs), `[${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`);
}
row("Node, first call in a fresh module (bytes)", first.node);
if (first.chromium != null) row("Chromium, first call in a fresh page (bytes)", first.chromium);
