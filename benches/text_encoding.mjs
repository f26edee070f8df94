// How long headless Chromium takes to turn a large JSON string into UTF-8 bytes: `TextEncoder.encode` against
// `encodeInto` a preallocated buffer, on the same string in the same page. Why pkg/common.mjs uses `encodeInto`.
//
// Usage: node benches/text_encoding.mjs [members]   (default 100,000; needs /usr/bin/chromium and
// tools/node_modules/playwright-core, which scripts/test-js installs)
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = await import(join(root, "tools", "node_modules", "playwright-core", "index.mjs"));
const n = Number(process.argv[2] ?? 100000);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  const r = await page.evaluate((n) => {
    // member-like JSON with Norwegian letters, decoded from bytes as a page gets it from a file or a fetch
    const instalment = '{"id":"I-1","dueOn":"2026-01-01","amount":"499.00","paidOn":"2026-01-01"}';
    const parts = [];
    for (let i = 0; i < n; i++) {
      parts.push(`{"id":"M-${i}","name":"Åse Ødegård ${i}","instalments":[${Array(12).fill(instalment).join(",")}],"visits":["2026-01-01","2026-01-05"]}`);
    }
    const enc = new TextEncoder();
    const text = new TextDecoder().decode(enc.encode("[" + parts.join(",") + "]"));
    const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
    const buf = new Uint8Array(text.length + (text.length >> 3) + 16);
    const rounds = [];
    for (let k = 0; k < 3; k++) {
      rounds.push({ encodeInto: time(() => enc.encodeInto(text, buf)), encode: time(() => enc.encode(text)) });
    }
    return { chars: text.length, rounds };
  }, n);
  console.log(`${r.chars.toLocaleString("en")} UTF-16 units; three interleaved rounds (ms):`);
  for (const x of r.rounds) console.log(`encodeInto ${x.encodeInto.toFixed(0).padStart(6)}   encode ${x.encode.toFixed(0).padStart(6)}   ratio ${(x.encode / x.encodeInto).toFixed(1)}x`);
} finally {
  await browser.close();
}
