// Browser tests: the built page (dist/) served on 127.0.0.1, driven by playwright-core on Debian's Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFile, mkdir, mkdtemp } from "node:fs/promises";
import { join, extname, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist");
const results = join(here, "..", "test-results");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".png": "image/png", ".svg": "image/svg+xml" };

let server, origin, browser, page;
const requests = [];
const problems = [];
const dialogs = [];

before(async () => {
  server = http.createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    try {
      const file = join(dist, path === "/" ? "index.html" : decodeURIComponent(path));
      if (!file.startsWith(dist)) throw new Error("outside");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await mkdir(results, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const upload = (files) =>
  page.setInputFiles("#file", files.map(([name, text]) => ({ name, mimeType: name.endsWith(".json") ? "application/json" : "text/csv", buffer: Buffer.from(text) })));

test("the page loads and assesses a sample gym", async () => {
  await page.goto(origin + "/");
  await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
  const status = await page.textContent("#status");
  assert.match(status, /200 medlemmer vurdert/);
  assert.ok((await page.locator("#list tbody tr").count()) > 50);
});

test("the list ranks by deadline, then expected loss (outstanding × risk), then risk; each row shows its next step and date", async () => {
  const rows = await page.$$eval("#list tbody tr", (trs) => trs.map((r) => ({
    id: r.dataset.member, deadline: r.dataset.deadline, loss: Number(r.dataset.loss), risk: Number(r.dataset.risk), next: r.dataset.next,
    riskText: r.children[1].textContent, nextText: r.querySelector("td.next").textContent,
  })));
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]];
    if (a.deadline !== b.deadline) {
      assert.ok(a.deadline && (!b.deadline || a.deadline < b.deadline), `deadlines first at row ${i}`);
      continue;
    }
    assert.ok(a.loss > b.loss || (a.loss === b.loss && a.risk >= b.risk), `ranked by expected loss, then risk, at row ${i}: ${JSON.stringify([a, b])}`);
  }
  // risk with three decimals, so the top of the list is not a wall of 1,00
  assert.match(rows[0].riskText, /^\d,\d{3}$/);
  const top = rows.slice(0, 10).map((r) => `${r.loss}|${r.risk}`);
  assert.equal(new Set(top).size, 10, `the top 10 are told apart: ${top.join(" ")}`);
  assert.ok(rows.slice(0, 10).filter((r) => r.riskText === "1,000").length <= 3, "not a wall of 1,000");
  // the next step in plain words, with its date
  const withStep = rows.filter((r) => r.next);
  assert.ok(withStep.length > 20);
  for (const r of withStep) {
    assert.match(r.nextText, /\d{4}-\d{2}-\d{2}/, `${r.id} shows the date of its next step`);
    assert.doesNotMatch(r.nextText, /_/, `${r.id}'s step is in words: ${r.nextText}`);
  }
  assert.equal(await page.getAttribute("#list th[data-sort='stake']", "aria-sort"), "descending");
});

test("filtering by band and searching by id narrow the list", async () => {
  await page.selectOption("#f-band", "critical");
  const classes = await page.$$eval("#list tbody tr", (rows) => [...new Set(rows.map((r) => r.className))]);
  assert.deepEqual(classes, ["band-critical"]);
  await page.selectOption("#f-band", "");
  const id = await page.getAttribute("#list tbody tr:nth-child(3)", "data-member");
  await page.fill("#search", id);
  const ids = await page.$$eval("#list tbody tr", (rows) => rows.map((r) => r.dataset.member));
  assert.ok(ids.includes(id) && ids.every((x) => x.toLowerCase().includes(id.toLowerCase())));
  await page.fill("#search", "");
});

test("clicking a column header sorts by it, and again reverses", async () => {
  await page.click("#list th[data-sort='memberId']");
  let ids = await page.$$eval("#list tbody tr", (rows) => rows.map((r) => r.dataset.member));
  assert.deepEqual(ids, [...ids].sort());
  await page.click("#list th[data-sort='memberId']");
  ids = await page.$$eval("#list tbody tr", (rows) => rows.map((r) => r.dataset.member));
  assert.deepEqual(ids, [...ids].sort().reverse());
  await page.click("#list th[data-sort='risk']");
  assert.equal(await page.getAttribute("#list tbody tr:first-child", "class"), "band-critical");
});

test("a click opens a member with signals, actions and reasons, and a timeline", async () => {
  const first = page.locator("#list tbody tr").first();
  const id = await first.getAttribute("data-member");
  await first.click();
  assert.match(await page.textContent("#member h2"), new RegExp(id));
  assert.ok((await page.locator("#member .signals li").count()) > 0);
  assert.ok((await page.locator("#member .actions li").count()) > 0);
  const reason = await page.textContent("#member .actions li .reason");
  assert.ok(reason.trim().length > 10, "an action gives its reason");
  assert.match(await page.textContent("#member .actions li"), /\d{4}-\d{2}-\d{2}/);
  assert.ok((await page.locator("#member .timeline li").count()) > 0);
  await page.screenshot({ path: join(results, "list.png"), fullPage: false });
});

test("the member panel: next step, the plan ahead, a timeline of what happened, and the score breakdown rendered", async () => {
  const row = page.locator("#list tbody tr[data-next]:not([data-next=''])").first();
  const next = await row.getAttribute("data-next");
  await row.click();
  const panel = await page.textContent("#member");
  assert.doesNotMatch(panel, /\[object/, "no element printed as a string");
  // nothing in the panel is a stray string (the DOM's append prints null and arrays of elements as text)
  const stray = await page.$eval("#member", (el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()).map((n) => n.textContent));
  assert.deepEqual(stray, []);
  // the score breakdown is a table of factors and points
  const explain = await page.$$eval("#member table.explain tbody tr", (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.ok(explain.length >= 1, "score breakdown rows");
  for (const [factor, , points] of explain) { assert.ok(factor.length > 0); assert.match(points, /^-?\d+(\.\d+)?$/); }
  // the next step and the plan ahead, in date order
  assert.ok((await page.locator("#member .next-step strong").count()) === 1);
  const ahead = await page.$$eval("#member .plan-ahead li time", (ts) => ts.map((t) => t.textContent));
  assert.ok(ahead.length >= 1);
  assert.deepEqual(ahead, [...ahead].sort(), "the plan ahead in date order");
  assert.ok(next.length > 0);
  // the past: instalments with due and paid, newest first
  const kinds = await page.$$eval("#member ol.timeline li", (lis) => lis.map((li) => li.className));
  assert.ok(kinds.includes("tl-instalment"), `instalments in the timeline: ${[...new Set(kinds)]}`);
  const past = await page.$$eval("#member ol.timeline li time", (ts) => ts.map((t) => t.textContent));
  assert.deepEqual(past, [...past].sort().reverse(), "the past newest first");
  await page.screenshot({ path: join(results, "member.png"), fullPage: false });
});

test("Today: the worklist within a capacity per channel; what does not fit is deferred", async () => {
  await page.click("#tabs button[data-tab='today']");
  await page.waitForSelector("#today-summary");
  // no limit on any channel: nothing deferred
  await page.fill("#cap-phone", "");
  await page.waitForFunction(() => document.querySelector("#today-deferred")?.tagName === "P");
  const all = await page.$$eval("#today-steps tbody tr", (trs) => trs.map((r) => ({ id: r.dataset.member, ch: r.dataset.channel })));
  assert.ok(all.length > 5, `${all.length} steps today`);
  const phones = all.filter((r) => r.ch === "phone").length;
  assert.ok(phones >= 2, `${phones} calls today`);
  // one call a day: the rest of the calls are deferred, the other channels untouched
  await page.fill("#cap-phone", "1");
  await page.waitForFunction(() => document.querySelectorAll("#today-deferred tbody tr").length > 0);
  const steps = await page.$$eval("#today-steps tbody tr", (trs) => trs.map((r) => ({ id: r.dataset.member, ch: r.dataset.channel, on: r.querySelector("time").textContent })));
  const deferred = await page.$$eval("#today-deferred tbody tr", (trs) => trs.map((r) => ({ id: r.dataset.member, ch: r.dataset.channel })));
  assert.equal(steps.filter((r) => r.ch === "phone").length, 1);
  assert.equal(deferred.length, phones - 1);
  assert.ok(deferred.every((r) => r.ch === "phone"));
  assert.equal(steps.length, all.length - (phones - 1));
  assert.equal(steps.find((r) => r.ch === "phone").id, all.find((r) => r.ch === "phone").id, "the most urgent call stays");
  for (const r of steps) assert.ok(r.on <= "2026-11-23", "due on or before the as-of date");
  assert.match(await page.textContent("#today-summary"), new RegExp(`${phones - 1} utsatt`));
  // a row opens the member
  const first = steps[0].id;
  await page.click(`#today-steps tbody tr[data-member='${first}']`);
  await page.waitForFunction((id) => document.querySelector("#member h2")?.textContent.includes(id), first);
  assert.equal(await page.isVisible("#tab-list"), true);
  await page.click("#tabs button[data-tab='today']");
  await page.fill("#cap-phone", "40");
  await page.screenshot({ path: join(results, "today.png"), fullPage: false });
  await page.click("#tabs button[data-tab='list']");
});

test("recording a contact: kept in the browser, merged into the member, shown at once, exported as contacts and as events", async (t) => {
  // the list in its ranking (deadlines, expected loss, risk)
  if ((await page.getAttribute("#list th[data-sort='stake']", "aria-sort")) !== "descending") await page.click("#list th[data-sort='stake']");
  assert.equal(await page.getAttribute("#list th[data-sort='stake']", "aria-sort"), "descending");
  const before = Number(await page.getAttribute("body", "data-assessed"));
  const row = page.locator("#list tbody tr[data-next]:not([data-next=''])").first();
  const id = await row.getAttribute("data-member");
  await row.click();
  const stepBefore = await page.textContent("#member .next-step");
  assert.equal(await page.isVisible("#c-promised-on"), false, "only a promise asks for a date and an amount");
  await page.selectOption("#c-outcome", "promise");
  assert.ok(await page.isVisible("#c-promised-on"), "a promise asks for its date and amount");
  await page.selectOption("#c-channel", "phone");
  await page.fill("#c-on", "2026-11-23");
  await page.fill("#c-promised-on", "2026-11-20");
  await page.click("#c-save");
  assert.match(await page.textContent("#c-status"), /før kontakten/, "a promise to pay before the call is refused");
  await page.fill("#c-promised-on", "2026-11-30");
  await page.fill("#c-amount", "549");
  await page.fill("#c-note", "betaler etter lønning");
  await page.click("#c-save");
  // re-assessed at once, with the contact in the member's input
  await page.waitForFunction((n) => Number(document.body.dataset.assessed) > n, before);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("restanse.contacts.v1")));
  assert.equal(stored[id].length, 1);
  assert.deepEqual({ ...stored[id][0], id: undefined, at: undefined },
    { id: undefined, at: undefined, on: "2026-11-23", channel: "phone", outcome: "promise", promisedOn: "2026-11-30", amount: "549.00", note: "betaler etter lønning" });
  assert.match(await page.textContent("#member h2"), new RegExp(id));
  const stepAfter = await page.textContent("#member .next-step");
  assert.match(await page.textContent("#member ol.timeline li.tl-contact"), /2026-11-23.*betalingsløfte.*2026-11-30.*549,00/);
  assert.match(await page.textContent("#member .recorded"), /betalingsløfte/);
  assert.match(await page.textContent(`#list tbody tr[data-member='${id}'] td.next`), /✎1/);
  assert.match(await page.textContent("#contacts-count"), /^1 kontakt/);
  // an objection needs a reason; with one it is recorded too (as a contact and an objection)
  const id2 = await page.locator("#list tbody tr[data-next]:not([data-next=''])").nth(3).getAttribute("data-member");
  await page.click(`#list tbody tr[data-member='${id2}']`);
  await page.selectOption("#c-outcome", "objection");
  await page.fill("#c-note", "");
  await page.click("#c-save");
  assert.match(await page.textContent("#c-status"), /grunn/);
  await page.fill("#c-note", "mener hun sa opp i august");
  await page.click("#c-save");
  await page.waitForFunction(() => /^2 kontakt/.test(document.querySelector("#contacts-count").textContent));
  assert.match(await page.textContent("#member ol.timeline li.tl-contact"), /innsigelse — mener hun sa opp i august/);
  // the engine decides the next step from the contacts: once it reads them (DESIGN.md, "Contract additions") an
  // objection is answered first, within 7 days, and ranks at the top of the list
  const next2 = await page.getAttribute(`#list tbody tr[data-member='${id2}']`, "data-next");
  if (next2 === "answer_objection") {
    assert.equal(await page.getAttribute("#list tbody tr:first-child", "data-member"), id2);
    assert.match(await page.textContent("#member .next-step"), /svar på innsigelsen/);
    assert.equal(await page.locator("#member .actions li").count(), 1, "one objection, one answer (not a second from a copied objection)");
    // and the promise held the first member's escalation: its next step moved
    assert.notEqual(stepAfter, stepBefore, "a promise changes the next step");
  } else {
    t.diagnostic(`the engine does not read contacts yet: ${id2}'s next step is still ${next2}`);
  }
  // kept after a reload
  await page.reload();
  await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
  assert.match(await page.textContent("#contacts-count"), /^2 kontakt/);
  await page.click(`#list tbody tr[data-member='${id}']`);
  assert.match(await page.textContent("#member ol.timeline"), /betalingsløfte/);
  // exported as the input contract's contacts (and objections), per member
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#export-contacts")]);
  const exported = JSON.parse(await readFile(await json.path(), "utf8"));
  assert.deepEqual(exported.find((m) => m.id === id), { id, contacts: [{ on: "2026-11-23", channel: "phone", outcome: "promise", promisedOn: "2026-11-30", amount: "549.00", note: "betaler etter lønning" }] });
  assert.deepEqual(exported.find((m) => m.id === id2), { id: id2, contacts: [{ on: "2026-11-23", channel: "phone", outcome: "objection", note: "mener hun sa opp i august" }] });
  // and as change-feed events, one a line
  const [nd] = await Promise.all([page.waitForEvent("download"), page.click("#export-events")]);
  const events = (await readFile(await nd.path(), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(events.length, 2);
  assert.deepEqual(Object.keys(events[0]).slice(0, 4), ["id", "at", "type", "memberId"]);
  assert.ok(events.every((e) => e.type === "contact_logged" && e.id && !Number.isNaN(Date.parse(e.at))));
  assert.deepEqual(events.map((e) => [e.memberId, e.outcome]), [[id, "promise"], [id2, "objection"]]);
  assert.equal(events[1].note, "mener hun sa opp i august");
  // removing a contact re-assesses without it
  await page.click("#member .recorded button");
  await page.waitForFunction(() => /^1 kontakt/.test(document.querySelector("#contacts-count").textContent));
  assert.equal(await page.locator("#member .recorded").count(), 0);
  await page.click(`#list tbody tr[data-member='${id2}']`);
  await page.click("#member .recorded button");
  await page.waitForFunction(() => /^0 kontakt/.test(document.querySelector("#contacts-count").textContent));
  assert.ok(await page.isDisabled("#export-events"));
  assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem("restanse.contacts.v1"))), {});
  // nothing of it left the page
  assert.ok(requests.every((u) => u.startsWith(origin) || u.startsWith("blob:") || u.startsWith("data:")));
});

test("the report renders its charts", async () => {
  await page.click("#tabs button[data-tab='report']");
  await page.waitForSelector("#chart-lorenz");
  const canvases = await page.$$eval("#tab-report canvas", (cs) => cs.map((c) => ({ id: c.id, w: c.width, h: c.height, drawn: c.toDataURL().length })));
  assert.ok(canvases.length >= 5, `${canvases.length} charts`);
  for (const c of canvases) assert.ok(c.w > 0 && c.h > 0 && c.drawn > 2000, `${c.id} is drawn`);
  assert.ok((await page.locator("#tab-report .keyfig tr").count()) >= 3);
  await page.screenshot({ path: join(results, "report.png"), fullPage: true });
  await page.click("#tabs button[data-tab='list']");
});

test("a malformed file gives a clear message and the page keeps working", async () => {
  await upload([["broken.json", '[{"id": "a", "joinedOn": ']]);
  await page.waitForSelector("#status.error");
  assert.match(await page.textContent("#status"), /broken\.json/);
  assert.ok((await page.locator("#list tbody tr").count()) > 50, "the previous list stays");
  await upload([["notalist.json", '{"id": "a"}']]);
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("notalist.json"));
  await page.click("#generate");
  await page.waitForSelector("#status.ok");
  assert.match(await page.textContent("#status"), /vurdert/);
});

test("a member's name that looks like HTML stays text", async () => {
  const evil = "<img src=x onerror=alert(1)>";
  await upload([["gym.json", JSON.stringify([
    { id: evil, joinedOn: "2025-01-01", monthlyFee: 549, paymentMethod: "invoice",
      instalments: [{ id: "<b>i1</b>", dueOn: "2026-09-01", amount: 549 }], holds: [{ kind: "freeze", from: "2026-01-01", to: "2026-02-01", note: "<script>alert(2)</script>" }] },
    { id: "ok-1", joinedOn: "2025-01-01" },
    { id: "bad", joinedOn: "2025-13-45" },
  ])]]);
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("2 "));
  const row = page.locator("#list tbody tr", { hasText: "<img" });
  assert.equal(await row.locator("td").first().textContent(), evil);
  await row.click();
  assert.match(await page.textContent("#member h2"), /<img src=x onerror=alert\(1\)>/);
  assert.match(await page.textContent("#member ol.timeline"), /<script>alert\(2\)<\/script>/);
  assert.equal(await page.locator("img").count(), 0);
  assert.equal(await page.locator("#member script, #member b").count(), 0);
  assert.match(await page.textContent("#rejections"), /bad/);
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, []);
});

test("several CSV files at once; CSV rejections are shown with file and line", async () => {
  const members = "id,joined_on,binding_ends_on,cancelled_on,monthly_fee,payment_method,mandate,access_blocked,plan_agreed_on\nm1,2025-02-01,,,549,invoice,missing,false,\nm2,2025-03-01,,,449,avtalegiro,active,false,\n";
  const instalments = "member_id,id,due_on,amount,paid,paid_on,credited,waived,kind\nm1,i1,2026-08-01,549,,,,,\nm1,i2,2026-09-01,549,,,,,\nm1,i3,2026-10-01,549,,,,,\nm1,i4,2026-11-01,549,,,,,\nm2,j1,2026-11-01,-5,,,,,\nnobody,x1,2026-11-01,100,,,,,\n";
  await upload([["members.csv", members], ["instalments.csv", instalments]]);
  await page.waitForFunction(() => document.querySelectorAll("#list tbody tr").length <= 2 && document.querySelector("#status.ok"));
  assert.equal(await page.getAttribute("#list tbody tr:first-child", "data-member"), "m1");
  assert.match(await page.textContent("#rejections"), /instalments\.csv:\d+/);
  await upload([["visits.csv", "member_id,visit\n"]]);
  await page.waitForSelector("#status.error");
  assert.match(await page.textContent("#status"), /members\.csv/);
});

test("files dropped on the page are read", async () => {
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([JSON.stringify([{ id: "dropped-1", joinedOn: "2025-01-01" }])], "gym.json", { type: "application/json" }));
    document.querySelector("#drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector("#list tbody tr")?.dataset.member === "dropped-1");
  assert.equal(await page.locator("#list tbody tr").count(), 1);
});

test("English labels and engine messages after switching language", async () => {
  await page.click("#generate");
  await page.waitForSelector("#status.ok");
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("members assessed"));
  assert.equal(await page.textContent("#tabs button[data-tab='list']"), "Risk list");
  await page.locator("#list tbody tr").first().click();
  const nbWords = /\b(medlemmet|purring|betal)/i;
  assert.doesNotMatch(await page.textContent("#member .actions"), nbWords);
  await page.screenshot({ path: join(results, "page.png") });
});

test("the policy editor validates as you type", async () => {
  await page.click("#tabs button[data-tab='policy']");
  const text = await page.inputValue("#policy-text");
  assert.match(await page.textContent("#policy-status"), /valid/i);
  await page.fill("#policy-text", text.slice(0, 40));
  await page.waitForSelector("#policy-status.error");
  assert.ok(await page.isDisabled("#policy-apply"));
  const p = JSON.parse(text);
  p.ladder.reminder.afterDays = 3;
  await page.fill("#policy-text", JSON.stringify(p, null, 2));
  await page.waitForSelector("#policy-status.error");
  p.ladder.reminder.afterDays = JSON.parse(text).ladder.reminder.afterDays;
  await page.fill("#policy-text", JSON.stringify(p, null, 2));
  await page.waitForSelector("#policy-status.ok");
  await page.click("#policy-apply");
  p.language = "nb";
  await page.fill("#policy-text", JSON.stringify(p, null, 2));
  await page.waitForSelector("#policy-status.ok");
  await page.click("#policy-apply");
  assert.equal(await page.inputValue("#lang"), "nb");
  assert.equal(await page.textContent("#tabs button[data-tab='list']"), "Risikoliste");
  await page.click("#tabs button[data-tab='list']");
});

test("today's actions export as CSV", async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const path = await download.path();
  const csv = await readFile(path, "utf8");
  // in Norwegian: what Norwegian Excel opens — a byte-order mark, `;` and decimal commas
  assert.match(csv, /^\ufeffmember_id;band;risk;priority;action;on;channel/);
  assert.match(csv.split("\r\n")[1], /^[^;]+;[a-z]+;\d,\d{3};/);
  assert.ok(csv.split("\r\n").length > 2);
});

test("a dropped history trains a model in the page and the list switches to it", async () => {
  // a small labelled history of the sample gym, from the CLI (scripts/test-js builds it first)
  const cli = join(process.env.CARGO_TARGET_DIR ?? join(here, "..", "..", "target"), "release", "restanse");
  const history = execFileSync(cli, ["sample", "--history", "--members", "150", "--months", "5", "--seed", "4", "--as-of", "2026-11-23"], { encoding: "utf8", maxBuffer: 1 << 28 });
  await page.click("#generate");
  await page.waitForSelector("body[data-ready='1']");
  const before = await page.$$eval("#list tbody tr", (rows) => rows.map((r) => r.textContent));
  const firstRequests = requests.length;
  await page.setInputFiles("#history-file", { name: "history.json", mimeType: "application/json", buffer: Buffer.from(history) });
  await page.waitForSelector("body[data-model='trained']", { timeout: 120000 });
  // the training module was fetched only now, from the page's own origin
  assert.ok(requests.slice(firstRequests).some((u) => u.startsWith(origin) && /\.wasm$/.test(u)), "a wasm fetched on demand");
  const status = await page.textContent("#model-status");
  assert.match(status, /AUC 0\.\d+/);
  const after = await page.$$eval("#list tbody tr", (rows) => rows.map((r) => r.textContent));
  assert.ok(after.length > 0);
  assert.notDeepEqual(after, before, "the list is re-scored by the trained model");
  // back to the scorecard: the same list as before
  await page.click("#scorecard");
  await page.waitForFunction(() => !document.body.dataset.model);
  assert.deepEqual(await page.$$eval("#list tbody tr", (rows) => rows.map((r) => r.textContent)), before);
  assert.deepEqual(problems, []);
});

test("once loaded it works offline, even after a reload", async () => {
  await page.waitForSelector("body[data-offline='1']", { timeout: 10000 });
  await page.context().setOffline(true);
  try {
    await page.selectOption("#size", "1000");
    await page.click("#generate");
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("1000 "));
    await page.click("#tabs button[data-tab='report']");
    assert.ok((await page.locator("#tab-report canvas").count()) >= 5);
    await page.click("#tabs button[data-tab='list']");
    await page.reload();
    await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
    assert.match(await page.textContent("#status"), /200 /);
  } finally {
    await page.context().setOffline(false);
  }
});

test("20,000 members are assessed in a worker while the page keeps drawing", async () => {
  const members = Array.from({ length: 20000 }, (_, i) => ({
    id: `W-${i}`, joinedOn: "2024-01-15", monthlyFee: "549", paymentMethod: i % 3 ? "avtalegiro" : "invoice", mandate: "active",
    instalments: Array.from({ length: 6 }, (_, k) => ({ id: `I-${k}`, dueOn: `2026-${String(k + 5).padStart(2, "0")}-01`, amount: "549", paid: (i + k) % 7 === 0 ? "0" : "549" })),
    visits: [`2026-${String((i % 9) + 1).padStart(2, "0")}-10`],
  }));
  await page.evaluate(() => {
    window.__frames = 0;
    window.__stages = [];
    const tick = () => { window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    new MutationObserver(() => window.__stages.push(document.querySelector("#status").textContent)).observe(document.querySelector("#status"), { childList: true, characterData: true, subtree: true });
  });
  const frames0 = await page.evaluate(() => window.__frames);
  await upload([["big.json", JSON.stringify(members)]]);
  await page.waitForFunction(() => /20000 (medlemmer vurdert|members assessed)/.test(document.querySelector("#status").textContent), null, { timeout: 120000 });
  assert.equal(await page.getAttribute("body", "data-engine"), "worker");
  const { frames, stages } = await page.evaluate(() => ({ frames: window.__frames, stages: window.__stages }));
  assert.ok(stages.some((s) => /i bakgrunnen|in the background/.test(s)), `progress shown: ${stages.slice(0, 5).join(" | ")}`);
  assert.ok(frames - frames0 >= 5, `the page drew ${frames - frames0} frames meanwhile`);
  assert.ok((await page.locator("#list tbody tr").count()) > 0);
  // back to a small gym: the main-thread engine again
  await page.selectOption("#size", "200");
  await page.click("#generate");
  await page.waitForFunction(() => /^200 /.test(document.querySelector("#status").textContent));
  assert.equal(await page.getAttribute("body", "data-engine"), null);
});

test("on a phone: nothing clipped, a tapped member's panel in view, AA contrast, every control named, as-of today for own data", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  const errors = [];
  phone.on("pageerror", (e) => errors.push(String(e)));
  try {
    await phone.goto(origin + "/");
    await phone.waitForSelector("body[data-ready='1']", { timeout: 30000 });
    // the page does not scroll sideways; the list fits the screen (and scrolls inside its own box)
    const widths = await phone.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: innerWidth, list: document.querySelector(".list-wrap").getBoundingClientRect().right }));
    assert.ok(widths.doc <= widths.win + 1, `page ${widths.doc} px wide on a ${widths.win} px screen`);
    assert.ok(widths.list <= widths.win + 1, `list ends at ${widths.list} px`);
    await phone.locator("#list tbody tr").first().tap();
    await phone.waitForFunction(() => {
      const r = document.querySelector("#member h2")?.getBoundingClientRect();
      return r && r.top >= 0 && r.top < innerHeight;
    }, null, { timeout: 5000 });
    // the member panel with its contact form, and the Today view, fit the screen too
    const fits = () => phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1);
    assert.ok(await fits(), "the member panel fits");
    assert.ok(await phone.isVisible("#contact-form"));
    await phone.screenshot({ path: join(results, "phone-member.png") });
    await phone.click("#tabs button[data-tab='today']");
    await phone.waitForSelector("#today-steps");
    assert.ok(await fits(), "the Today view fits (its table scrolls in its own box)");
    await phone.screenshot({ path: join(results, "phone-today.png") });
    await phone.click("#tabs button[data-tab='list']");
    // WCAG AA contrast of the band badges (text against its background)
    const ratios = await phone.evaluate(() => {
      const lum = (css) => {
        const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const out = {};
      for (const band of ["low", "watch", "high", "critical"]) {
        const el = document.createElement("span");
        el.className = `badge ${band}`;
        el.textContent = band;
        document.body.append(el);
        const st = getComputedStyle(el);
        const [a, b] = [lum(st.color), lum(st.backgroundColor)].sort((x, y) => y - x);
        out[band] = (a + 0.05) / (b + 0.05);
        el.remove();
      }
      return out;
    });
    for (const [band, ratio] of Object.entries(ratios)) assert.ok(ratio >= 4.5, `${band} badge contrast ${ratio.toFixed(2)}:1`);
    // every control has an accessible name
    const unnamed = await phone.evaluate(() =>
      [...document.querySelectorAll("input, select, textarea, button, [tabindex]")].filter((el) => {
        if (el.closest("[hidden]") && el.tagName !== "INPUT") return false;
        const name = el.getAttribute("aria-label") || (el.labels && [...el.labels].map((l) => l.textContent).join("")) ||
          (el.getAttribute("aria-labelledby") && document.getElementById(el.getAttribute("aria-labelledby"))?.textContent) ||
          (["BUTTON", "TR", "TH"].includes(el.tagName) ? el.textContent : "");
        return !name || !name.trim();
      }).map((el) => el.id || el.outerHTML.slice(0, 60)));
    assert.deepEqual(unnamed, []);
    // data the user brings is assessed as of today (the page's local day)
    await phone.setInputFiles("#file", [{ name: "gym.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify([{ id: "own-1", joinedOn: "2025-01-01" }])) }]);
    await phone.waitForFunction(() => document.querySelector("#list tbody tr")?.dataset.member === "own-1");
    const [asOf, today] = await phone.evaluate(() => {
      const d = new Date();
      return [document.querySelector("#as-of").value, `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`];
    });
    assert.equal(asOf, today);
    // Norwegian numbers through Intl: a decimal comma in the risk column
    assert.match(await phone.textContent("#list tbody tr td:nth-child(2)"), /^\d,\d{3}$/);
    await phone.screenshot({ path: join(results, "phone.png") });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("no request leaves the origin and the CSP is not violated", async () => {
  const foreign = requests.filter((u) => !u.startsWith("blob:") && !u.startsWith("data:") && new URL(u).origin !== origin);
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith(".wasm")));
  assert.deepEqual(problems, []);
});
