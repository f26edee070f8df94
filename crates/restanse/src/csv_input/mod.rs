//! Reading a membership system's CSV export: a folder with `members.csv`, `instalments.csv`, `visits.csv`,
//! `holds.csv` and `reminders.csv`.
//!
//! Columns are the input contract's field names in snake_case; every file but `members.csv` is optional
//! and links its rows to a member by `member_id`:
//!
//! | file | columns |
//! |---|---|
//! | members.csv | `id, joined_on, binding_ends_on, cancelled_on, monthly_fee, payment_method, mandate, access_blocked, plan_agreed_on` |
//! | instalments.csv | `member_id, id, due_on, amount, paid, paid_on, credited, waived, kind` |
//! | visits.csv | `member_id, visit` (a date or an RFC 3339 date-time) |
//! | holds.csv | `member_id, kind, from, to, note` |
//! | reminders.csv | `member_id, sent_on, kind, fee, instalment_id` |
//!
//! A bad row rejects its member, citing the file and line (`instalments.csv:14`). A row whose `member_id`
//! matches no member is itself reported as a rejection, never dropped. The library reads text, not files,
//! so the same code serves the CLI and the browser.

mod voice;

pub use voice::VoiceTables;

use crate::dates::{self, VisitDay};
use crate::input::*;
use crate::money::Money;
use crate::output::Rejection;
use crate::parse::{InputError, Parsed};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// The text of each file of an export; all but `members` may be absent.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tables<'a> {
    pub members: &'a str,
    pub instalments: Option<&'a str>,
    pub visits: Option<&'a str>,
    pub holds: Option<&'a str>,
    pub reminders: Option<&'a str>,
}

struct MemberRow {
    id: String,
    joined_on: NaiveDate,
    binding_ends_on: Option<NaiveDate>,
    cancelled_on: Option<NaiveDate>,
    monthly_fee: Option<Money>,
    payment_method: Option<PaymentMethod>,
    mandate: Option<MandateState>,
    access_blocked: Option<bool>,
    plan_agreed_on: Option<NaiveDate>,
    kid: Option<String>,
}

struct InstalmentRow {
    member_id: String,
    id: String,
    due_on: NaiveDate,
    amount: Money,
    paid: Option<Money>,
    paid_on: Option<NaiveDate>,
    credited: Option<Money>,
    waived: Option<bool>,
    kind: Option<InstalmentKind>,
    kid: Option<String>,
}

struct VisitRow {
    member_id: String,
    visit: VisitDay,
}

struct HoldRow {
    member_id: String,
    kind: HoldKind,
    from: NaiveDate,
    to: NaiveDate,
    note: Option<String>,
}

struct ReminderRow {
    member_id: String,
    sent_on: NaiveDate,
    kind: ReminderKind,
    fee: Option<Money>,
    instalment_id: Option<String>,
}

/// One row's cells by column name; empty cells are absent values. Each getter names its column in the
/// error, so a bad cell is reported as `(column, reason)`.
pub(crate) struct Cells<'a> {
    headers: &'a csv::StringRecord,
    record: &'a csv::StringRecord,
}

pub(crate) type Cell<T> = Result<T, (String, String)>;

impl<'a> Cells<'a> {
    fn get(&self, name: &str) -> Option<&'a str> {
        let i = self.headers.iter().position(|h| h == name)?;
        self.record.get(i).filter(|s| !s.is_empty())
    }
    pub(crate) fn opt<T>(
        &self,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Cell<Option<T>> {
        self.get(name)
            .map(parse)
            .transpose()
            .map_err(|reason| (name.to_string(), reason))
    }
    pub(crate) fn req<T>(&self, name: &str, parse: impl Fn(&str) -> Result<T, String>) -> Cell<T> {
        self.opt(name, parse)?
            .ok_or_else(|| (name.to_string(), "is required but missing".to_string()))
    }
    pub(crate) fn text(&self, name: &str) -> Cell<String> {
        self.req(name, |s| Ok(s.to_string()))
    }
}

/// An amount: `549.00`, or as Norwegian Excel writes it, `549,00` (a decimal comma, perhaps spaces between
/// thousands).
pub(crate) fn money(s: &str) -> Result<Money, String> {
    if s.contains(',') && !s.contains('.') {
        let norwegian: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        if let Ok(m) = crate::money::parse_money(&norwegian) {
            return Ok(Money(m));
        }
    }
    crate::money::parse_money(s).map(Money)
}

/// The separator of a CSV file, sniffed from its header line: `;` (what Norwegian Excel saves) when the header
/// has more semicolons than commas, else `,`.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// A code of one of the contract's enums, read as the JSON reader reads it.
pub(crate) fn code<T: DeserializeOwned>(s: &str) -> Result<T, String> {
    serde_json::from_str(&serde_json::Value::String(s.to_string()).to_string()).map_err(|e| {
        let m = e.to_string();
        m.rfind(" at line ")
            .map_or(m.clone(), |i| m[..i].to_string())
    })
}

/// `true`/`false`, `1`/`0`, `yes`/`no`, `ja`/`nei`, as exports write them.
pub(crate) fn flex_bool(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" | "ja" | "j" => Ok(true),
        "false" | "0" | "no" | "n" | "nei" => Ok(false),
        _ => Err(format!("\"{s}\" is not true or false")),
    }
}

pub(crate) trait FromCells: Sized {
    fn from_cells(c: &Cells) -> Cell<Self>;
}

impl FromCells for MemberRow {
    fn from_cells(c: &Cells) -> Cell<Self> {
        Ok(MemberRow {
            id: c.text("id")?,
            joined_on: c.req("joined_on", dates::parse_date)?,
            binding_ends_on: c.opt("binding_ends_on", dates::parse_date)?,
            cancelled_on: c.opt("cancelled_on", dates::parse_date)?,
            monthly_fee: c.opt("monthly_fee", money)?,
            payment_method: c.opt("payment_method", code)?,
            mandate: c.opt("mandate", code)?,
            access_blocked: c.opt("access_blocked", flex_bool)?,
            plan_agreed_on: c.opt("plan_agreed_on", dates::parse_date)?,
            kid: c.opt("kid", |s| Ok(s.to_string()))?,
        })
    }
}

impl FromCells for InstalmentRow {
    fn from_cells(c: &Cells) -> Cell<Self> {
        Ok(InstalmentRow {
            member_id: c.text("member_id")?,
            id: c.text("id")?,
            due_on: c.req("due_on", dates::parse_date)?,
            amount: c.req("amount", money)?,
            paid: c.opt("paid", money)?,
            paid_on: c.opt("paid_on", dates::parse_date)?,
            credited: c.opt("credited", money)?,
            waived: c.opt("waived", flex_bool)?,
            kind: c.opt("kind", code)?,
            kid: c.opt("kid", |s| Ok(s.to_string()))?,
        })
    }
}

impl FromCells for VisitRow {
    fn from_cells(c: &Cells) -> Cell<Self> {
        Ok(VisitRow {
            member_id: c.text("member_id")?,
            visit: VisitDay(c.req("visit", dates::parse_visit)?),
        })
    }
}

impl FromCells for HoldRow {
    fn from_cells(c: &Cells) -> Cell<Self> {
        Ok(HoldRow {
            member_id: c.text("member_id")?,
            kind: c.req("kind", code)?,
            from: c.req("from", dates::parse_date)?,
            to: c.req("to", dates::parse_date)?,
            note: c.opt("note", |s| Ok(s.to_string()))?,
        })
    }
}

impl FromCells for ReminderRow {
    fn from_cells(c: &Cells) -> Cell<Self> {
        Ok(ReminderRow {
            member_id: c.text("member_id")?,
            sent_on: c.req("sent_on", dates::parse_date)?,
            kind: c.req("kind", code)?,
            fee: c.opt("fee", money)?,
            instalment_id: c.opt("instalment_id", |s| Ok(s.to_string()))?,
        })
    }
}

/// A row read (with its line), or why not.
type Row<T> = Result<(usize, T), BadRow>;

/// A row that could not be read: where, whose, which field, why.
pub(crate) struct BadRow {
    source: String,
    member_id: Option<String>,
    field: String,
    reason: String,
}

/// A record running over more lines than this is taken for an unterminated quote (issue 14).
const MAX_RECORD_LINES: usize = 20;

/// A reason cut to at most 200 characters, so that no cell's text floods a rejection.
fn short(reason: &str) -> String {
    match reason.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &reason[..i]),
        None => reason.to_string(),
    }
}

fn read<T: FromCells>(file: &str, text: &str, id_column: &str) -> Result<Vec<Row<T>>, InputError> {
    // a byte-order mark (Excel writes one) is not part of the first column's name
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = delimiter(text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| InputError::Csv(format!("{file}: cannot read the header: {e}")))?
        .clone();
    let id_idx = headers.iter().position(|h| h == id_column);
    if id_idx.is_none() {
        let (name, other) = if sep == b';' {
            ("semicolon (;)", "comma (,)")
        } else {
            ("comma (,)", "semicolon (;)")
        };
        let columns: Vec<&str> = headers.iter().collect();
        return Err(InputError::Csv(format!(
            "{file}: the header has no `{id_column}` column (read as {name}-separated, the separator found in \
             the header, giving the columns {columns:?}; a {other}-separated file is read too)"
        )));
    }
    // (issue 14) Rows are read with a flexible column count so that a row with too many or too few columns
    // is rejected with its line and member id rather than dropped; a record that runs over several lines with
    // the wrong number of columns (or over more than `MAX_RECORD_LINES` lines) is an unterminated quote: its
    // first line is rejected and reading starts again on the next line, so the quote swallows nothing.
    let bytes = text.as_bytes();
    let mut offset = usize::try_from(rdr.position().byte()).unwrap_or(bytes.len());
    let mut out = Vec::new();
    while offset < bytes.len() {
        let base_line = bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        let mut rows = csv::ReaderBuilder::new()
            .delimiter(sep)
            .trim(csv::Trim::All)
            .flexible(true)
            .has_headers(false)
            .from_reader(&bytes[offset..]);
        let mut restart = None;
        let mut rec = csv::StringRecord::new();
        loop {
            match rows.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = base_line + e.position().map_or(1, |p| p.line() as usize);
                    out.push(Err(BadRow {
                        source: format!("{file}:{line}"),
                        member_id: None,
                        field: String::new(),
                        reason: short(&e.to_string()),
                    }));
                    break;
                }
            }
            let (first, start) = rec
                .position()
                .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
            let line = base_line + first;
            // the lines the record itself covers: the newlines inside it, not its terminator
            let end = usize::try_from(rows.position().byte()).unwrap_or(0);
            let raw = bytes.get(offset + start..offset + end).unwrap_or_default();
            let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
            let inner = raw.iter().filter(|&&b| b == b'\n').count();
            let member_id = id_idx
                .and_then(|i| rec.get(i))
                .filter(|s| !s.is_empty() && !s.contains('\n'))
                .map(str::to_string);
            let spans = inner + 1;
            if spans > 1 && (rec.len() != headers.len() || spans > MAX_RECORD_LINES) {
                out.push(Err(BadRow {
                    source: format!("{file}:{line}"),
                    member_id,
                    field: "row".into(),
                    reason: "a quote (\") opened on this line is not closed before the line ends"
                        .into(),
                }));
                let rest = &bytes[offset + start..];
                restart = Some(
                    offset
                        + start
                        + rest
                            .iter()
                            .position(|&b| b == b'\n')
                            .map_or(rest.len(), |n| n + 1),
                );
                break;
            }
            if rec.len() != headers.len() {
                out.push(Err(BadRow {
                    source: format!("{file}:{line}"),
                    member_id,
                    field: "row".into(),
                    reason: format!(
                        "has {} columns where the header has {}",
                        rec.len(),
                        headers.len()
                    ),
                }));
                continue;
            }
            match T::from_cells(&Cells {
                headers: &headers,
                record: &rec,
            }) {
                Ok(row) => out.push(Ok((line, row))),
                Err((field, reason)) => out.push(Err(BadRow {
                    source: format!("{file}:{line}"),
                    member_id,
                    field,
                    reason,
                })),
            }
        }
        match restart {
            Some(next) => offset = next,
            None => break,
        }
    }
    Ok(out)
}

/// Reads an export into records ready for validation, one per member (and one per orphan row).
pub fn read_tables(t: &Tables) -> Result<Vec<Parsed>, InputError> {
    read_tables_with(t, &VoiceTables::default())
}

/// [`read_tables`] with the member's-voice files (`contacts.csv`, `objections.csv`, `hardship.csv`; `voice.rs`).
pub fn read_tables_with(t: &Tables, voice: &VoiceTables) -> Result<Vec<Parsed>, InputError> {
    let members = read::<MemberRow>("members.csv", t.members, "id")?;
    let mut index: HashMap<String, usize> = HashMap::new();
    // the line of each member id's first row, to name it when the id comes again (issue 14)
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut records: Vec<Parsed> = Vec::with_capacity(members.len());
    for m in members {
        let n = records.len() + 1;
        match m {
            Ok((line, row)) => {
                if let Some(first) = first_line.get(&row.id) {
                    records.push(Err(Rejection {
                        record: n,
                        member_id: Some(row.id.clone()),
                        field: "id".into(),
                        reason: format!("duplicate id: members.csv:{first} has the same id"),
                        source: Some(format!("members.csv:{line}")),
                    }));
                    continue;
                }
                first_line.insert(row.id.clone(), line);
                index.entry(row.id.clone()).or_insert(records.len());
                records.push(Ok(MemberInput {
                    id: row.id,
                    joined_on: row.joined_on,
                    binding_ends_on: row.binding_ends_on,
                    cancelled_on: row.cancelled_on,
                    monthly_fee: row.monthly_fee,
                    payment_method: row.payment_method,
                    mandate: row.mandate.unwrap_or_default(),
                    access_blocked: row.access_blocked.unwrap_or(false),
                    instalments: Vec::new(),
                    visits: Vec::new(),
                    holds: Vec::new(),
                    reminders: Vec::new(),
                    plan: row.plan_agreed_on.map(|agreed_on| PlanInput {
                        agreed_on,
                        instalment_ids: Vec::new(),
                    }),
                    kid: row.kid,
                    contacts: Vec::new(),
                    objections: Vec::new(),
                    hardship: Vec::new(),
                }))
            }
            Err(b) => {
                // a rejected member's other rows go with it: no false "no member with this id" (issue 14)
                if let Some(id) = &b.member_id {
                    if let Some(line) = b.source.rsplit(':').next().and_then(|l| l.parse().ok()) {
                        first_line.entry(id.clone()).or_insert(line);
                    }
                    index.entry(id.clone()).or_insert(records.len());
                }
                records.push(Err(bad(n, b)))
            }
        }
    }
    let mut orphans = Vec::new();
    attach::<InstalmentRow>(
        "instalments.csv",
        t.instalments,
        &index,
        &mut records,
        &mut orphans,
        |m, r| {
            m.instalments.push(InstalmentInput {
                id: r.id,
                due_on: r.due_on,
                amount: r.amount,
                paid: r.paid.unwrap_or_default(),
                paid_on: r.paid_on,
                credited: r.credited.unwrap_or_default(),
                waived: r.waived.unwrap_or(false),
                kind: r.kind.unwrap_or_default(),
                kid: r.kid,
            })
        },
        |r| r.member_id.clone(),
    )?;
    attach::<VisitRow>(
        "visits.csv",
        t.visits,
        &index,
        &mut records,
        &mut orphans,
        |m, r| m.visits.push(r.visit),
        |r| r.member_id.clone(),
    )?;
    attach::<HoldRow>(
        "holds.csv",
        t.holds,
        &index,
        &mut records,
        &mut orphans,
        |m, r| {
            m.holds.push(HoldInput {
                kind: r.kind,
                from: r.from,
                to: r.to,
                note: r.note,
            })
        },
        |r| r.member_id.clone(),
    )?;
    attach::<ReminderRow>(
        "reminders.csv",
        t.reminders,
        &index,
        &mut records,
        &mut orphans,
        |m, r| {
            m.reminders.push(ReminderInput {
                sent_on: r.sent_on,
                kind: r.kind,
                fee: r.fee.unwrap_or_default(),
                instalment_id: r.instalment_id,
            })
        },
        |r| r.member_id.clone(),
    )?;
    voice::attach_all(voice, &index, &mut records, &mut orphans)?;
    let base = records.len();
    for (k, b) in orphans.into_iter().enumerate() {
        records.push(Err(bad(base + k + 1, b)));
    }
    Ok(records)
}

fn bad(record: usize, b: BadRow) -> Rejection {
    Rejection {
        record,
        member_id: b.member_id,
        field: b.field,
        reason: b.reason,
        source: Some(b.source),
    }
}

pub(crate) fn attach<T: FromCells>(
    file: &str,
    text: Option<&str>,
    index: &HashMap<String, usize>,
    records: &mut [Parsed],
    orphans: &mut Vec<BadRow>,
    add: impl Fn(&mut MemberInput, T),
    member_of: impl Fn(&T) -> String,
) -> Result<(), InputError> {
    let Some(text) = text else { return Ok(()) };
    for row in read::<T>(file, text, "member_id")? {
        match row {
            Ok((line, r)) => {
                let id = member_of(&r);
                match index.get(&id).and_then(|&i| records.get_mut(i)) {
                    Some(Ok(m)) => add(m, r),
                    Some(Err(_)) => {} // the member is already rejected; its rows go with it
                    None => orphans.push(BadRow {
                        source: format!("{file}:{line}"),
                        member_id: Some(id),
                        field: "member_id".into(),
                        reason: "no member with this id in members.csv".into(),
                    }),
                }
            }
            Err(b) => {
                // a bad row rejects its member, naming the file and line
                match b.member_id.as_ref().and_then(|id| index.get(id)).copied() {
                    Some(i) => match records.get_mut(i) {
                        Some(slot @ Ok(_)) => *slot = Err(bad(i + 1, b)),
                        // (issue 14) the member is rejected already: its rejection names this row too
                        Some(Err(r)) if r.reason.len() < 2000 => {
                            r.reason
                                .push_str(&format!("; also {}: {}", b.source, b.reason));
                        }
                        _ => {}
                    },
                    None => orphans.push(b),
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_becomes_members_and_bad_rows_name_file_and_line() {
        let t = Tables {
            members: "id,joined_on,binding_ends_on,cancelled_on,monthly_fee,payment_method,mandate,access_blocked,plan_agreed_on\n\
                      M-1,2024-01-15,2025-01-15,,549.00,avtalegiro,active,false,\n\
                      M-2,2024-02-01,,,499,invoice,,,\n\
                      M-3,2024-13-01,,,499,invoice,,,\n",
            instalments: Some("member_id,id,due_on,amount,paid,paid_on,credited,waived,kind\n\
                               M-1,I-1,2026-10-01,549.00,0,,0,false,fee\n\
                               M-2,I-1,2026-10-01,499.00,abc,,,,\n\
                               M-9,I-1,2026-10-01,499.00,,,,,\n"),
            visits: Some("member_id,visit\nM-1,2026-10-03\nM-1,2026-10-07T17:45:00+02:00\n"),
            holds: None,
            reminders: None,
        };
        let recs = read_tables(&t).unwrap();
        assert_eq!(recs.len(), 4);
        let m1 = recs[0].as_ref().unwrap();
        assert_eq!((m1.instalments.len(), m1.visits.len()), (1, 2));
        let r = recs[1].as_ref().unwrap_err();
        assert_eq!(
            (
                r.source.as_deref(),
                r.member_id.as_deref(),
                r.field.as_str()
            ),
            (Some("instalments.csv:3"), Some("M-2"), "paid")
        );
        let r = recs[2].as_ref().unwrap_err();
        assert_eq!(
            (r.source.as_deref(), r.field.as_str()),
            (Some("members.csv:4"), "joined_on")
        );
        let r = recs[3].as_ref().unwrap_err();
        assert_eq!(
            (r.source.as_deref(), r.member_id.as_deref()),
            (Some("instalments.csv:4"), Some("M-9"))
        );
    }

    #[test]
    fn a_semicolon_file_from_norwegian_excel_reads_like_a_comma_file() {
        let comma = Tables {
            members: "id,joined_on,monthly_fee\nM-1,2024-01-15,549.50\n",
            instalments: Some("member_id,id,due_on,amount,paid\nM-1,I-1,2026-10-01,1234.50,0\n"),
            ..Tables::default()
        };
        let excel = Tables {
            members: "\u{feff}id;joined_on;monthly_fee\r\nM-1;2024-01-15;549,50\r\n",
            instalments: Some(
                "member_id;id;due_on;amount;paid\r\nM-1;I-1;2026-10-01;1\u{a0}234,50;0\r\n",
            ),
            ..Tables::default()
        };
        let a = read_tables(&comma).unwrap();
        let b = read_tables(&excel).unwrap();
        let (a, b) = (a[0].as_ref().unwrap(), b[0].as_ref().unwrap());
        assert_eq!(a.id, b.id);
        assert_eq!(a.monthly_fee, b.monthly_fee);
        assert_eq!(a.instalments[0].amount, b.instalments[0].amount);
    }

    #[test]
    fn a_header_that_does_not_fit_says_which_separator_it_found() {
        let e = read_tables(&Tables {
            members: "name;joined_on\nAda;2024-01-01\n",
            ..Tables::default()
        })
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("members.csv: the header has no `id` column"),
            "{e}"
        );
        assert!(e.contains("semicolon (;)-separated"), "{e}");
        let e = read_tables(&Tables {
            members: "name,joined_on\nAda,2024-01-01\n",
            ..Tables::default()
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("comma (,)-separated"), "{e}");
    }
}
