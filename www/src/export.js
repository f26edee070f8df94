// Today's actions as CSV (RFC 4180 quoting; cells that a spreadsheet would run as a formula are defused). In
// Norwegian the dialect Norwegian Excel opens: `;` between cells and decimal commas (the byte-order mark that
// keeps æøå is added by `download`); in English commas and decimal points.
export function cell(v, sep = ",") {
  let s = v == null ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return s.includes(sep) || /["\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Actions due on or before the as-of date, most urgent first. */
export function actionsCsv(out, lang = "en") {
  const nb = lang === "nb";
  const sep = nb ? ";" : ",";
  const num = (s) => (nb && s != null ? String(s).replace(".", ",") : s);
  const rows = [["member_id", "band", "risk", "priority", "action", "on", "channel", "fee", "because", "message"]];
  const todays = [];
  for (const a of out.assessments) for (const x of a.actions) if (x.on <= out.asOf) todays.push([a, x]);
  todays.sort(([a, x], [b, y]) => b.risk - a.risk || x.priority - y.priority);
  for (const [a, x] of todays) rows.push([a.memberId, a.band, num(a.risk.toFixed(3)), x.priority, x.code, x.on, x.channel, num(x.fee), x.because.join(" "), x.message]);
  return rows.map((r) => r.map((v) => cell(v, sep)).join(sep)).join("\r\n") + "\r\n";
}

/** Saves `text` as a file; CSV gets a byte-order mark (Excel), JSON and NDJSON do not. */
export function download(name, text, type = "text/csv") {
  const csv = type === "text/csv";
  const url = URL.createObjectURL(new Blob([csv ? "\ufeff" + text : text], { type: `${type};charset=utf-8` }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
