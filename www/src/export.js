// Today's actions as CSV (RFC 4180 quoting; cells that a spreadsheet would run as a formula are defused).
export function cell(v) {
  let s = v == null ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\n\r;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Actions due on or before the as-of date, most urgent first. */
export function actionsCsv(out) {
  const rows = [["member_id", "band", "risk", "priority", "action", "on", "channel", "fee", "because", "message"]];
  const todays = [];
  for (const a of out.assessments) for (const x of a.actions) if (x.on <= out.asOf) todays.push([a, x]);
  todays.sort(([a, x], [b, y]) => b.risk - a.risk || x.priority - y.priority);
  for (const [a, x] of todays) rows.push([a.memberId, a.band, a.risk.toFixed(3), x.priority, x.code, x.on, x.channel, x.fee, x.because.join(" "), x.message]);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
