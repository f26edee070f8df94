//! Nets files into the engine: AvtaleGiro agreements set mandates, OCR Giro payments settle instalments,
//! and a debit that never arrived becomes a failed debit.
//!
//! A gym already receives, every day, the two files that say whether its members pay: the **agreement file**
//! (a member created, changed or deleted an AvtaleGiro mandate) and the **OCR Giro file** (every KID payment
//! that reached the account; a successful AvtaleGiro debit is transaction type 15). This module applies
//! them, read by [`crate::nets`], to the members before they are assessed, the way [`crate::events`]
//! applies a change feed — so nobody types a mandate state or a payment by hand.
//!
//! # From a KID to a member and an instalment
//!
//! Every record carries a KID. It is resolved in this order:
//!
//! 1. an instalment whose `kid` is that KID (the KID on its invoice or claim);
//! 2. a member whose `kid` is that KID (the KID the AvtaleGiro agreement is registered under);
//! 3. the policy's KID scheme ([`crate::policy::NetsRules`]): the KID's check digit (MOD10 or MOD11) and
//!    length are checked, and it is split into a member number — the digits of the member id, so
//!    `M-000123` is member 123 — and an instalment number: the due month as `YYMM` (default) or the
//!    digits of the instalment id. Instalment number 0 (or a scheme without instalment digits) points at
//!    the member, not an instalment.
//!
//! The `kid` fields on members and instalments are an addition to `DESIGN.md`'s input contract (optional,
//! so every existing export stays valid): a gym whose KIDs follow no scheme, or were issued by another
//! system, can still match them exactly.
//!
//! A KID that finds nothing, or more than one candidate, is **never dropped**: it is listed in
//! [`NetsReport::unmatched`] with its file, line, amount and the reason. Records that carry nothing to
//! apply (the gym's own claim and cancellation files, a payment read before, a payment dated after
//! `asOf`) are listed in [`NetsReport::ignored`] with the reason. The counts reconcile:
//! `matched + unmatched + ignored = records`.
//!
//! # What each record does
//!
//! * **Agreements** (files applied in the order of their transmission date): registration type 1 (new or
//!   changed) makes the member's `mandate` `active`; type 2 (deleted) makes it `deleted`; type 0 (a full list
//!   of the active agreements) makes every listed member `active`, and then every member whose mandate was
//!   `active` but who is **absent from the full list** becomes `missing` — Nets holds no agreement for them,
//!   whatever the membership system believed, and we cannot tell whether the payer deleted it (which
//!   `deleted` would claim). They are listed in [`NetsReport::absent_from_full_list`].
//! * **OCR Giro payments** (type 15 AvtaleGiro and every other KID payment, 10–21): a KID that points at an
//!   instalment adds the amount to its `paid` (a part payment leaves the rest outstanding, as the contract
//!   allows); `paidOn` becomes the day the payer's bank debited the account, or the settlement date when the
//!   file does not say. A KID that points at a member settles the oldest outstanding instalments in turn, as
//!   a payment at the desk does; anything left over is reported as `unapplied`. A reversal (negative
//!   amount) on an instalment's KID takes the amount back off `paid`.
//! * **Failed debits**: the engine has no separate "failed debit" state: a debit that did not go through is
//!   an instalment still outstanding after its due date, which [`derive`](mod@crate::derive) treats as overdue
//!   (`unpaid_instalments`). What the OCR files add is the certainty, listed in [`NetsReport::failed_debits`]:
//!   an instalment of a member paying by AvtaleGiro, outstanding, whose retry window — the first bank
//!   business day on or after the due date plus `retryBusinessDays` (4) Norwegian bank business days,
//!   [`crate::nets::calendar`] — ended before `asOf`, **and** whose every business day in that window lies in
//!   the settlement dates of a supplied OCR file. Without such a file nothing is called a failure: absence of
//!   data is never read as absence of payment. Instalments inside a hold or after a cancellation are
//!   never claimed, so never failed.
//!
//! # Idempotent
//!
//! Agreements set a state, so applying them twice is applying them once. A payment is identified by its
//! transmission, assignment and transaction numbers and settlement date; `seen` keeps the ones read,
//! matched or not (pass the same set again, as for [`crate::events::apply`]), and a payment read before is
//! ignored and reported — so a second reading never changes an outcome, not even for a reversal that was
//! refused the first time. Apply files to the members as the membership system exported them, not to members already
//! updated with a fresh `seen`.
//!
//! ```
//! use restanse::input::{MandateState, MemberInput};
//! use restanse::policy::NetsRules;
//! use restanse::input::settlement::{apply, NetsFile};
//!
//! // Nets' sample agreement file: 16 agreements, all "new or changed".
//! let file = NetsFile::parse("agreements.txt", include_str!("../../../tests/data/nets/avtalegiro_agreements.txt"))?;
//! let mut members: Vec<MemberInput> = serde_json::from_str(r#"[{"id":"M-1","joinedOn":"2019-01-01",
//!     "paymentMethod":"avtalegiro","mandate":"pending","kid":"000112000507155"}]"#).unwrap();
//! let as_of = chrono::NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
//! let report = apply(&mut members, &[file], as_of, &NetsRules::default(), &mut Default::default());
//! assert_eq!(members[0].mandate, MandateState::Active);
//! assert_eq!((report.records, report.matched, report.unmatched.len()), (16, 1, 15));
//! assert_eq!(report.unmatched[0].line, 4);
//! assert_eq!(report.unmatched[0].kid.as_deref(), Some("001006300507304"));
//! # Ok::<(), restanse::nets::ParseError>(())
//! ```

use crate::input::{InstalmentInput, MandateState, MemberInput, PaymentMethod};
use crate::money::Money;
use crate::nets::{self, AssignmentContent, ParseError, RegistrationType, Transmission};
use crate::parse::Parsed;
use crate::policy::{InstalmentNumber, NetsRules};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One Nets file, read, with the line of each transaction's first record.
#[derive(Debug, Clone, PartialEq)]
pub struct NetsFile {
    /// What to call it in reports (the file name).
    pub name: String,
    pub transmission: Transmission,
    /// The 1-based line of each transaction's first record (30 or 70), in file order.
    lines: Vec<usize>,
}

impl NetsFile {
    /// Reads a file's text; a bad file is refused with its line, field and reason.
    pub fn parse(name: impl Into<String>, text: &str) -> Result<NetsFile, ParseError> {
        let transmission = nets::parse(text)?;
        let lines = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| matches!(l.get(6..8), Some("30" | "70")))
            .map(|(i, _)| i + 1)
            .collect();
        Ok(NetsFile {
            name: name.into(),
            transmission,
            lines,
        })
    }

    /// Reads a file's bytes: UTF-8, or ISO-8859-1 as Nets writes it.
    pub fn parse_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<NetsFile, ParseError> {
        match std::str::from_utf8(bytes) {
            Ok(s) => NetsFile::parse(name, s),
            Err(_) => {
                let s: String = bytes.iter().map(|&b| char::from(b)).collect();
                NetsFile::parse(name, &s)
            }
        }
    }

    fn line(&self, k: usize) -> usize {
        self.lines.get(k).copied().unwrap_or(0)
    }

    /// The settlement days this file reports on: per OCR Giro assignment, its first to its last
    /// settlement date (the assignment's and its transactions').
    pub fn coverage(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = Vec::new();
        for a in &self.transmission.assignments {
            if let AssignmentContent::Transactions(txs) = &a.content {
                let dates = a
                    .nets_date
                    .into_iter()
                    .chain(txs.iter().map(|t| t.nets_date));
                let span = dates.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| {
                    Some(acc.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))))
                });
                out.extend(span);
            }
        }
        out
    }
}

/// What applying Nets files did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetsReport {
    pub files: Vec<FileSummary>,
    /// Transactions and agreement records in all files.
    pub records: usize,
    /// Records applied to a member or an instalment.
    pub matched: usize,
    /// Records whose KID found no member or instalment (or more than one), with the reason.
    pub unmatched: Vec<NetsProblem>,
    /// Records with nothing to apply, with the reason.
    pub ignored: Vec<NetsProblem>,
    /// Mandates the agreements changed.
    pub mandates: Vec<MandateChange>,
    /// Payments applied.
    pub settled: Vec<Settled>,
    /// Members whose active mandate a full list (registration type 0) did not hold: now `missing`.
    pub absent_from_full_list: Vec<Absent>,
    /// AvtaleGiro instalments with no settlement by the end of the banks' retry window.
    pub failed_debits: Vec<FailedDebit>,
}

impl NetsReport {
    /// Whether the counts add up: matched + unmatched + ignored = records.
    pub fn reconciles(&self) -> bool {
        self.matched + self.unmatched.len() + self.ignored.len() == self.records
    }
}

/// One file read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileSummary {
    pub name: String,
    pub records: usize,
    /// The first and last settlement date of its OCR Giro assignments, if it has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::dates::opt_day", default)]
    pub covered_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::dates::opt_day", default)]
    pub covered_to: Option<NaiveDate>,
}

/// A record that was not applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetsProblem {
    pub file: String,
    /// The 1-based line of the record (its first line, for a transaction).
    pub line: usize,
    /// The two-digit transaction type (94 for an agreement).
    pub transaction_type: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for NetsProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} line {} (type {:02})",
            self.file, self.line, self.transaction_type
        )?;
        if let Some(k) = &self.kid {
            write!(f, ", KID {k}")?;
        }
        if let Some(a) = &self.amount {
            write!(f, ", {a} kr")?;
        }
        if let Some(m) = &self.member_id {
            write!(f, ", member {m}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A mandate an agreement record set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MandateChange {
    pub file: String,
    pub line: usize,
    pub kid: String,
    pub member_id: String,
    pub registration_type: RegistrationType,
    pub from: MandateState,
    pub to: MandateState,
}

/// A payment applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settled {
    pub file: String,
    pub line: usize,
    pub transaction_type: u8,
    pub kid: String,
    pub member_id: String,
    /// The instalments it paid (or, for a reversal, took back from).
    pub instalment_ids: Vec<String>,
    pub amount: Money,
    #[serde(with = "crate::dates::day")]
    pub paid_on: NaiveDate,
    /// What a payment on a member's KID left over once every outstanding instalment was paid.
    #[serde(skip_serializing_if = "is_zero")]
    pub unapplied: Money,
}

fn is_zero(m: &Money) -> bool {
    m.0.is_zero()
}

/// A member made `missing` because a full list did not hold their active mandate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Absent {
    pub file: String,
    pub member_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
}

/// An AvtaleGiro debit that did not go through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FailedDebit {
    pub member_id: String,
    pub instalment_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(with = "crate::dates::day")]
    pub due_on: NaiveDate,
    /// The last bank business day the payer's bank retried.
    #[serde(with = "crate::dates::day")]
    pub retry_ends_on: NaiveDate,
    pub outstanding: Money,
}

/// The digits of an id as a number: `M-000123` is 123. `None` without digits or beyond `u64`.
pub fn id_number(id: &str) -> Option<u64> {
    let mut n: Option<u64> = None;
    for b in id.bytes().filter(u8::is_ascii_digit) {
        n = Some(
            n.unwrap_or(0)
                .checked_mul(10)?
                .checked_add(u64::from(b - b'0'))?,
        );
    }
    n
}

/// The instalment number the KID scheme encodes for an instalment.
pub fn instalment_number(inst: &InstalmentInput, rules: &NetsRules) -> Option<u64> {
    match rules.instalment_number {
        InstalmentNumber::DueMonth => {
            let yy = u64::try_from(inst.due_on.year().rem_euclid(100)).ok()?;
            Some(yy * 100 + u64::from(inst.due_on.month()))
        }
        InstalmentNumber::IdDigits => id_number(&inst.id),
    }
}

/// The member's KID: their `kid`, or the scheme's KID for the member (instalment number 0).
pub fn member_kid(m: &MemberInput, rules: &NetsRules) -> Option<String> {
    if let Some(k) = &m.kid {
        return Some(k.clone());
    }
    rules.kid.as_ref()?.encode(id_number(&m.id)?, 0).ok()
}

/// The instalment's KID: its `kid`, or the scheme's KID for the member and instalment.
pub fn instalment_kid(
    m: &MemberInput,
    inst: &InstalmentInput,
    rules: &NetsRules,
) -> Option<String> {
    if let Some(k) = &inst.kid {
        return Some(k.clone());
    }
    let scheme = rules.kid.as_ref()?;
    if scheme.instalment_digits == 0 {
        return member_kid(m, rules);
    }
    scheme
        .encode(id_number(&m.id)?, instalment_number(inst, rules)?)
        .ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Member(usize),
    Instalment(usize, usize),
}

impl Target {
    fn member(self) -> usize {
        match self {
            Target::Member(m) | Target::Instalment(m, _) => m,
        }
    }
}

/// Where KIDs point, built once per application.
struct Index {
    instalment_kids: HashMap<String, Vec<(usize, usize)>>,
    member_kids: HashMap<String, Vec<usize>>,
    numbers: HashMap<u64, Vec<usize>>,
}

impl Index {
    fn new(portfolio: &[MemberInput]) -> Index {
        let mut ix = Index {
            instalment_kids: HashMap::new(),
            member_kids: HashMap::new(),
            numbers: HashMap::new(),
        };
        for (m, member) in portfolio.iter().enumerate() {
            if let Some(k) = &member.kid {
                ix.member_kids.entry(k.clone()).or_default().push(m);
            }
            if let Some(n) = id_number(&member.id) {
                ix.numbers.entry(n).or_default().push(m);
            }
            for (i, inst) in member.instalments.iter().enumerate() {
                if let Some(k) = &inst.kid {
                    ix.instalment_kids
                        .entry(k.clone())
                        .or_default()
                        .push((m, i));
                }
            }
        }
        ix
    }

    fn resolve(
        &self,
        kid: &str,
        portfolio: &[MemberInput],
        rules: &NetsRules,
    ) -> Result<Target, String> {
        let ids = |ms: &mut dyn Iterator<Item = usize>| -> String {
            ms.filter_map(|m| portfolio.get(m).map(|x| x.id.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self.instalment_kids.get(kid).map(Vec::as_slice) {
            Some([(m, i)]) => return Ok(Target::Instalment(*m, *i)),
            Some(many @ [_, _, ..]) => {
                return Err(format!(
                    "ambiguous: several instalments carry this KID (members {})",
                    ids(&mut many.iter().map(|x| x.0))
                ))
            }
            _ => {}
        }
        match self.member_kids.get(kid).map(Vec::as_slice) {
            Some([m]) => return Ok(Target::Member(*m)),
            Some(many @ [_, _, ..]) => {
                return Err(format!(
                    "ambiguous: several members carry this KID ({})",
                    ids(&mut many.iter().copied())
                ))
            }
            _ => {}
        }
        let Some(scheme) = &rules.kid else {
            return Err(
                "no member or instalment has this KID (and the policy has no KID scheme)".into(),
            );
        };
        let (number, instalment) = scheme.decode(kid).map_err(|e| {
            format!("no member or instalment has this KID, and the KID scheme cannot read it: {e}")
        })?;
        let m = match self.numbers.get(&number).map(Vec::as_slice) {
            Some([m]) => *m,
            Some(many @ [_, _, ..]) => {
                return Err(format!(
                    "ambiguous: member number {number} fits several member ids ({})",
                    ids(&mut many.iter().copied())
                ))
            }
            _ => {
                return Err(format!(
                    "no member has the number {number} (the KID scheme's member part)"
                ))
            }
        };
        if instalment == 0 {
            return Ok(Target::Member(m));
        }
        let member = portfolio.get(m).ok_or("member index out of range")?;
        let hits: Vec<usize> = member
            .instalments
            .iter()
            .enumerate()
            .filter(|(_, x)| instalment_number(x, rules) == Some(instalment))
            .map(|(i, _)| i)
            .collect();
        match hits.as_slice() {
            [i] => Ok(Target::Instalment(m, *i)),
            [] => Err(format!(
                "member {} has no instalment number {instalment} (the KID scheme's instalment part)",
                member.id
            )),
            _ => Err(format!(
                "ambiguous: member {} has {} instalments numbered {instalment}; give them a kid",
                member.id,
                hits.len()
            )),
        }
    }
}

/// Applies Nets files to parsed records: members are changed in place, rejected records stay as they are.
pub fn apply_to_records(
    records: &mut [Parsed],
    files: &[NetsFile],
    as_of: NaiveDate,
    rules: &NetsRules,
    seen: &mut HashSet<String>,
) -> NetsReport {
    let mut members = Vec::new();
    let mut slots: Vec<usize> = Vec::new();
    for (i, r) in records.iter_mut().enumerate() {
        if let Ok(m) = r {
            members.push(std::mem::replace(m, placeholder()));
            slots.push(i);
        }
    }
    let report = apply(&mut members, files, as_of, rules, seen);
    for (slot, m) in slots.into_iter().zip(members) {
        if let Some(r) = records.get_mut(slot) {
            *r = Ok(m);
        }
    }
    report
}

fn placeholder() -> MemberInput {
    MemberInput {
        id: String::new(),
        joined_on: NaiveDate::MIN,
        binding_ends_on: None,
        cancelled_on: None,
        monthly_fee: None,
        payment_method: None,
        mandate: MandateState::Missing,
        access_blocked: false,
        instalments: Vec::new(),
        visits: Vec::new(),
        holds: Vec::new(),
        reminders: Vec::new(),
        plan: None,
        kid: None,
        contacts: Vec::new(),
        objections: Vec::new(),
        hardship: Vec::new(),
    }
}

/// Applies Nets files to a portfolio: agreements first, then payments, then the failed-debit check.
pub fn apply(
    portfolio: &mut [MemberInput],
    files: &[NetsFile],
    as_of: NaiveDate,
    rules: &NetsRules,
    seen: &mut HashSet<String>,
) -> NetsReport {
    let mut report = NetsReport::default();
    let mut coverage = Vec::new();
    for f in files {
        let cov = f.coverage();
        report.files.push(FileSummary {
            name: f.name.clone(),
            records: f.transmission.num_transactions(),
            covered_from: cov.iter().map(|c| c.0).min(),
            covered_to: cov.iter().map(|c| c.1).max(),
        });
        report.records += f.transmission.num_transactions();
        coverage.extend(cov);
    }
    let mut order: Vec<&NetsFile> = files.iter().collect();
    order.sort_by_key(|f| f.transmission.date);

    let index = Index::new(portfolio);
    for f in &order {
        apply_agreements(portfolio, f, &index, rules, &mut report);
    }
    for f in &order {
        apply_payments(portfolio, f, &index, as_of, rules, seen, &mut report);
    }
    if !coverage.is_empty() {
        find_failed_debits(portfolio, &coverage, as_of, rules, &mut report);
    }
    report
}

fn apply_agreements(
    portfolio: &mut [MemberInput],
    f: &NetsFile,
    index: &Index,
    rules: &NetsRules,
    report: &mut NetsReport,
) {
    let mut k = 0;
    let mut full_list: Option<HashSet<usize>> = None;
    for a in &f.transmission.assignments {
        let AssignmentContent::Agreements(agreements) = &a.content else {
            k += a.content.len();
            continue;
        };
        for ag in agreements {
            let line = f.line(k);
            k += 1;
            let resolved = index.resolve(&ag.kid, portfolio, rules).and_then(|t| {
                let m = t.member();
                portfolio
                    .get_mut(m)
                    .map(|member| (m, member))
                    .ok_or_else(|| "member index out of range".to_string())
            });
            let (m, member) = match resolved {
                Ok(x) => x,
                Err(reason) => {
                    report.unmatched.push(NetsProblem {
                        file: f.name.clone(),
                        line,
                        transaction_type: 94,
                        kid: Some(ag.kid.clone()),
                        amount: None,
                        member_id: None,
                        reason,
                    });
                    continue;
                }
            };
            let to = match ag.registration_type {
                RegistrationType::AllActive | RegistrationType::NewOrChanged => {
                    MandateState::Active
                }
                RegistrationType::Deleted => MandateState::Deleted,
            };
            if ag.registration_type == RegistrationType::AllActive {
                full_list.get_or_insert_with(HashSet::new).insert(m);
            }
            if member.mandate != to {
                report.mandates.push(MandateChange {
                    file: f.name.clone(),
                    line,
                    kid: ag.kid.clone(),
                    member_id: member.id.clone(),
                    registration_type: ag.registration_type,
                    from: member.mandate,
                    to,
                });
                member.mandate = to;
            }
            report.matched += 1;
        }
    }
    if let Some(listed) = full_list {
        for (m, member) in portfolio.iter_mut().enumerate() {
            if member.mandate == MandateState::Active && !listed.contains(&m) {
                member.mandate = MandateState::Missing;
                report.absent_from_full_list.push(Absent {
                    file: f.name.clone(),
                    member_id: member.id.clone(),
                    kid: member_kid(member, rules),
                });
            }
        }
    }
}

fn apply_payments(
    portfolio: &mut [MemberInput],
    f: &NetsFile,
    index: &Index,
    as_of: NaiveDate,
    rules: &NetsRules,
    seen: &mut HashSet<String>,
    report: &mut NetsReport,
) {
    let t = &f.transmission;
    let mut k = 0;
    // each member's instalments in the order a payment on the member's KID settles them, sorted once per
    // file rather than once per payment (issue 14); settling changes no due date or id
    let mut orders: Vec<Option<Vec<usize>>> = vec![None; portfolio.len()];
    for a in &t.assignments {
        let txs = match &a.content {
            AssignmentContent::Transactions(txs) => txs,
            AssignmentContent::Agreements(v) => {
                k += v.len();
                continue;
            }
            AssignmentContent::Claims(v) | AssignmentContent::Cancellations(v) => {
                for c in v {
                    report.ignored.push(NetsProblem {
                        file: f.name.clone(),
                        line: f.line(k),
                        transaction_type: c.transaction_type.0,
                        kid: Some(c.kid.clone()),
                        amount: Some(Money(c.amount)),
                        member_id: None,
                        reason: "an AvtaleGiro claim or cancellation (the gym's own outgoing file) settles nothing".into(),
                    });
                    k += 1;
                }
                continue;
            }
        };
        for tx in txs {
            let line = f.line(k);
            k += 1;
            let problem = |member_id: Option<String>, reason: String| NetsProblem {
                file: f.name.clone(),
                line,
                transaction_type: tx.transaction_type.0,
                kid: tx.kid.clone(),
                amount: Some(Money(tx.amount)),
                member_id,
                reason,
            };
            let key = format!(
                "{}/{}/{}/{}/{}",
                t.data_transmitter,
                t.transmission_number,
                a.assignment_number,
                tx.transaction_number,
                tx.nets_date
            );
            let paid_on = tx.bank_date.unwrap_or(tx.nets_date);
            if seen.contains(&key) {
                report.ignored.push(problem(
                    None,
                    "read before (the same transmission, assignment and transaction number)".into(),
                ));
                continue;
            }
            if paid_on > as_of {
                report
                    .ignored
                    .push(problem(None, format!("paid {paid_on}, after asOf {as_of}")));
                continue;
            }
            // read once: whether it matches or not, a second reading must not change the outcome (a
            // reversal refused now could otherwise apply against a payment that came after it)
            seen.insert(key);
            let Some(kid) = &tx.kid else {
                report.unmatched.push(problem(
                    None,
                    "no KID: the payer wrote a message instead; match it by hand".into(),
                ));
                continue;
            };
            let target = match index.resolve(kid, portfolio, rules) {
                Ok(t) => t,
                Err(reason) => {
                    report.unmatched.push(problem(None, reason));
                    continue;
                }
            };
            let member_id = portfolio.get(target.member()).map(|m| m.id.clone());
            match settle(portfolio, &mut orders, target, tx.amount, paid_on) {
                Ok((instalment_ids, unapplied)) => {
                    report.matched += 1;
                    report.settled.push(Settled {
                        file: f.name.clone(),
                        line,
                        transaction_type: tx.transaction_type.0,
                        kid: kid.clone(),
                        member_id: member_id.unwrap_or_default(),
                        instalment_ids,
                        amount: Money(tx.amount),
                        paid_on,
                        unapplied: Money(unapplied),
                    });
                }
                Err(reason) => report.unmatched.push(problem(member_id, reason)),
            }
        }
    }
}

/// Puts a payment on its instalment or, for a member's KID, on the oldest outstanding instalments.
fn settle(
    portfolio: &mut [MemberInput],
    orders: &mut [Option<Vec<usize>>],
    target: Target,
    amount: Decimal,
    paid_on: NaiveDate,
) -> Result<(Vec<String>, Decimal), String> {
    let too_large = || "the amount does not fit beside what is already paid".to_string();
    match target {
        Target::Instalment(m, i) => {
            let inst = portfolio
                .get_mut(m)
                .and_then(|x| x.instalments.get_mut(i))
                .ok_or("instalment index out of range")?;
            let paid = inst.paid.0.checked_add(amount).ok_or_else(too_large)?;
            if paid < Decimal::ZERO {
                return Err(format!(
                    "a reversal of {} kr, but only {} kr is paid on instalment {}",
                    Money(-amount),
                    inst.paid,
                    inst.id
                ));
            }
            inst.paid = Money(paid);
            if amount > Decimal::ZERO {
                inst.paid_on = inst.paid_on.max(Some(paid_on));
            }
            Ok((vec![inst.id.clone()], Decimal::ZERO))
        }
        Target::Member(m) => {
            if amount < Decimal::ZERO {
                return Err("a reversal on a member's KID: which payment it reverses is for a person to decide".into());
            }
            let member = portfolio.get_mut(m).ok_or("member index out of range")?;
            let order = orders
                .get_mut(m)
                .ok_or("member index out of range")?
                .get_or_insert_with(|| {
                    let mut order: Vec<usize> = (0..member.instalments.len()).collect();
                    let key =
                        |i: usize| member.instalments.get(i).map(|x| (x.due_on, x.id.as_str()));
                    crate::order::sort_by(&mut order, |&a, &b| key(a).cmp(&key(b)));
                    order
                });
            let mut left = amount;
            let mut ids = Vec::new();
            for &i in order.iter() {
                if left <= Decimal::ZERO {
                    break;
                }
                let Some(inst) = member.instalments.get_mut(i) else {
                    continue;
                };
                if inst.waived {
                    continue;
                }
                let owed = inst
                    .amount
                    .0
                    .checked_sub(inst.paid.0)
                    .and_then(|x| x.checked_sub(inst.credited.0))
                    .unwrap_or(Decimal::ZERO);
                if owed <= Decimal::ZERO {
                    continue;
                }
                let part = owed.min(left);
                inst.paid = Money(inst.paid.0.checked_add(part).ok_or_else(too_large)?);
                inst.paid_on = inst.paid_on.max(Some(paid_on));
                left -= part; // part ≤ left: cannot overflow
                ids.push(inst.id.clone());
            }
            Ok((ids, left))
        }
    }
}

fn find_failed_debits(
    portfolio: &[MemberInput],
    coverage: &[(NaiveDate, NaiveDate)],
    as_of: NaiveDate,
    rules: &NetsRules,
    report: &mut NetsReport,
) {
    let cal = &rules.bank_calendar;
    let covered = |d: NaiveDate| coverage.iter().any(|(lo, hi)| *lo <= d && d <= *hi);
    for m in portfolio {
        if m.payment_method != Some(PaymentMethod::Avtalegiro) {
            continue;
        }
        for inst in &m.instalments {
            let outstanding = if inst.waived {
                Decimal::ZERO
            } else {
                inst.amount
                    .0
                    .checked_sub(inst.paid.0)
                    .and_then(|x| x.checked_sub(inst.credited.0))
                    .unwrap_or(Decimal::ZERO)
            };
            if outstanding <= Decimal::ZERO
                || m.cancelled_on.is_some_and(|c| inst.due_on > c)
                || m.holds
                    .iter()
                    .any(|h| h.from <= inst.due_on && inst.due_on <= h.to)
            {
                continue;
            }
            let Some(first) = cal.on_or_after(inst.due_on) else {
                continue;
            };
            let Some(end) = cal.add_business_days(first, rules.retry_business_days) else {
                continue;
            };
            if end >= as_of {
                continue;
            }
            // every bank business day of the window must be in a supplied OCR file
            let mut d = first;
            let mut all = true;
            while d <= end {
                if cal.is_business_day(d) && !covered(d) {
                    all = false;
                    break;
                }
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
            if all {
                report.failed_debits.push(FailedDebit {
                    member_id: m.id.clone(),
                    instalment_id: inst.id.clone(),
                    kid: instalment_kid(m, inst, rules),
                    due_on: inst.due_on,
                    retry_ends_on: end,
                    outstanding: Money(outstanding),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers() {
        assert_eq!(id_number("M-000123"), Some(123));
        assert_eq!(id_number("abc"), None);
        assert_eq!(id_number("99999999999999999999999"), None);
    }

    #[test]
    fn the_default_scheme_round_trips_a_sample_member() {
        let rules = NetsRules::default();
        let m: MemberInput = serde_json::from_str(
            r#"{"id":"M-000042","joinedOn":"2025-01-01","instalments":[{"id":"I-2026-11","dueOn":"2026-11-01","amount":"549"}]}"#,
        )
        .unwrap();
        let kid = instalment_kid(&m, &m.instalments[0], &rules).unwrap();
        assert_eq!(&kid[..11], "00000422611");
        let ix = Index::new(std::slice::from_ref(&m));
        assert_eq!(
            ix.resolve(&kid, std::slice::from_ref(&m), &rules),
            Ok(Target::Instalment(0, 0))
        );
        let mk = member_kid(&m, &rules).unwrap();
        assert_eq!(
            ix.resolve(&mk, std::slice::from_ref(&m), &rules),
            Ok(Target::Member(0))
        );
    }
}
