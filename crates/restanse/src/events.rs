//! The change feed: what a membership system mirrors to restanse, as NDJSON events applied to a portfolio.
//!
//! Gyms want new members, freezes, credits, waivers, payments at the desk and cancellations to flow between
//! systems without hand-typing. Each line of a feed is one JSON event:
//!
//! ```json
//! {"id":"e-1041","at":"2026-11-20T10:15:00+01:00","type":"freeze_registered","memberId":"M-1001","from":"2026-12-01","to":"2027-01-31","note":"injury"}
//! ```
//!
//! Every event has `id` (unique, the idempotency key), `at` (when it happened: a date or RFC 3339 date-time),
//! `type` and `memberId`; the rest depends on the type:
//!
//! | type | fields | effect |
//! |---|---|---|
//! | `member_joined` | `member` (the input contract) | adds the member (or replaces a record with the same id) |
//! | `instalment_billed` | `instalment` | adds an instalment |
//! | `freeze_registered`, `deferral_registered` | `from`, `to`, `note?` | adds a hold |
//! | `hold_ended` | `kind`, `on` | ends the hold of that kind covering `on`, on that day |
//! | `credit` | `instalmentId`, `amount` | adds to the instalment's credit |
//! | `waiver` | `instalmentId` | waives the instalment |
//! | `payment` | `amount`, `paidOn`, `instalmentId?` | pays that instalment, or the oldest outstanding ones in turn |
//! | `cancellation` | `cancelledOn` | registers the cancellation |
//! | `visit` | `visit` (date or date-time) | records a visit |
//! | `reminder_sent` | `sentOn`, `kind`, `fee?`, `instalmentId?` | records a reminder |
//! | `mandate_changed` | `mandate` | sets the AvtaleGiro mandate state |
//!
//! Events are applied in the order they happened (`at`, then line order), whatever order they arrived in, so
//! a late `freeze_registered` still lands before the `hold_ended` that follows it; events that arrived out of
//! order are reported. An event id seen before is skipped and reported as a duplicate, so replaying a feed
//! changes nothing. An event that cannot be applied (unknown member or instalment, bad field) is reported with
//! its line, id, field and reason; events after `asOf` are reported and left for later. Nothing is dropped
//! silently: applied + duplicates + rejected + future = lines in.

use crate::dates::{self, VisitDay};
use crate::input::*;
use crate::money::Money;
use crate::output::Rejection;
use crate::parse::Parsed;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One event of the feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: String,
    pub at: VisitDay,
    pub member_id: String,
    #[serde(flatten)]
    pub change: Change,
}

/// What changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Change {
    MemberJoined {
        member: Box<MemberInput>,
    },
    InstalmentBilled {
        instalment: InstalmentInput,
    },
    FreezeRegistered {
        #[serde(with = "dates::day")]
        from: NaiveDate,
        #[serde(with = "dates::day")]
        to: NaiveDate,
        #[serde(default)]
        note: Option<String>,
    },
    DeferralRegistered {
        #[serde(with = "dates::day")]
        from: NaiveDate,
        #[serde(with = "dates::day")]
        to: NaiveDate,
        #[serde(default)]
        note: Option<String>,
    },
    HoldEnded {
        kind: HoldKind,
        #[serde(with = "dates::day")]
        on: NaiveDate,
    },
    Credit {
        instalment_id: String,
        amount: Money,
    },
    Waiver {
        instalment_id: String,
    },
    Payment {
        amount: Money,
        #[serde(with = "dates::day")]
        paid_on: NaiveDate,
        #[serde(default)]
        instalment_id: Option<String>,
    },
    Cancellation {
        #[serde(with = "dates::day")]
        cancelled_on: NaiveDate,
    },
    Visit {
        visit: VisitDay,
    },
    ReminderSent {
        #[serde(with = "dates::day")]
        sent_on: NaiveDate,
        kind: ReminderKind,
        #[serde(default)]
        fee: Money,
        #[serde(default)]
        instalment_id: Option<String>,
    },
    MandateChanged {
        mandate: MandateState,
    },
    // --- the member's voice (issue 13): applied by `apply_voice` below ---
    ContactLogged {
        contact: crate::input::ContactInput,
    },
    ObjectionRaised {
        objection: crate::input::ObjectionInput,
    },
    /// Resolves the open objection raised on `raisedOn` (without it: the latest one raised on or before `resolvedOn`).
    ObjectionResolved {
        #[serde(with = "dates::day")]
        resolved_on: NaiveDate,
        #[serde(default, with = "dates::opt_day")]
        raised_on: Option<NaiveDate>,
        #[serde(default)]
        groundless: bool,
    },
    HardshipRegistered {
        hardship: crate::input::HardshipInput,
    },
    /// Ends the hardship covering `on` (of `kind`, when given).
    HardshipEnded {
        #[serde(with = "dates::day")]
        on: NaiveDate,
        #[serde(default)]
        kind: Option<crate::input::HardshipKind>,
    },
}

/// An event that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventProblem {
    /// The 1-based line of the feed.
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    pub field: String,
    pub reason: String,
}

impl std::fmt::Display for EventProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(id) = &self.event_id {
            write!(f, " (event {id})")?;
        }
        if let Some(m) = &self.member_id {
            write!(f, " (member {m})")?;
        }
        if !self.field.is_empty() {
            write!(f, ", field {}", self.field)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// What applying a feed did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedReport {
    pub lines: usize,
    pub applied: usize,
    /// Ids of events skipped because they were applied before.
    pub duplicates: Vec<String>,
    /// Ids of events that arrived after an event that happened later; they were applied in time order.
    pub out_of_order: Vec<String>,
    /// Ids of events dated after `asOf`, not applied.
    pub future: Vec<String>,
    pub rejected: Vec<EventProblem>,
}

/// Reads an NDJSON feed; blank lines are skipped, unreadable lines are problems.
pub fn parse_feed(text: &str) -> (Vec<(usize, Event)>, Vec<EventProblem>) {
    let mut events = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match crate::jsonpath::from_str::<Event>(line) {
            Ok(e) => events.push((i + 1, e)),
            Err((path, message)) => {
                let v: Option<serde_json::Value> = serde_json::from_str(line).ok();
                let get = |k: &str| {
                    v.as_ref()
                        .and_then(|v| v.get(k))
                        .and_then(|x| x.as_str())
                        .map(str::to_string)
                };
                let r = crate::parse::rejection_from_serde(i + 1, None, &path, &message);
                problems.push(EventProblem {
                    line: i + 1,
                    event_id: get("id"),
                    member_id: get("memberId"),
                    field: r.field,
                    reason: r.reason,
                });
            }
        }
    }
    (events, problems)
}

/// Applies a feed to parsed records: members are changed in place, members who joined through the feed
/// are appended, and rejected records stay as they are.
pub fn apply_to_records(
    records: &mut Vec<Parsed>,
    feed: &str,
    as_of: NaiveDate,
    seen: &mut HashSet<String>,
) -> FeedReport {
    let mut members = Vec::new();
    let mut layout: Vec<Option<Rejection>> = Vec::with_capacity(records.len());
    for r in std::mem::take(records) {
        match r {
            Ok(m) => {
                members.push(m);
                layout.push(None);
            }
            Err(e) => layout.push(Some(e)),
        }
    }
    let report = apply(&mut members, feed, as_of, seen);
    let mut members = members.into_iter();
    for slot in layout {
        match slot {
            Some(e) => records.push(Err(e)),
            None => records.extend(members.next().map(Ok)),
        }
    }
    records.extend(members.map(Ok));
    report
}

/// Applies a feed to a portfolio. `seen` holds the ids of events applied before (from earlier feeds); the
/// ids applied now are added to it.
pub fn apply(
    portfolio: &mut Vec<MemberInput>,
    feed: &str,
    as_of: NaiveDate,
    seen: &mut HashSet<String>,
) -> FeedReport {
    let (mut events, rejected) = parse_feed(feed);
    let mut report = FeedReport {
        lines: events.len() + rejected.len(),
        rejected,
        ..FeedReport::default()
    };

    // arrival order vs time order
    let mut latest: Option<NaiveDate> = None;
    for (_, e) in &events {
        if latest.is_some_and(|l| e.at.0 < l) {
            report.out_of_order.push(e.id.clone());
        }
        latest = latest.max(Some(e.at.0));
    }
    crate::order::sort_by_key(&mut events, |(line, e)| (e.at.0, *line));

    let mut index: HashMap<String, usize> = portfolio
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.clone(), i))
        .collect();
    // each member's instalments indexed as the feed goes (issue 14), by position in the portfolio
    // (a vector by position rather than another kind of map: the WebAssembly module stays small)
    let mut ledgers: Vec<Option<Ledger>> = Vec::new();
    for (line, e) in events {
        if e.at.0 > as_of {
            report.future.push(e.id);
            continue;
        }
        if seen.contains(&e.id) {
            report.duplicates.push(e.id);
            continue;
        }
        let problem = |field: &str, reason: String| EventProblem {
            line,
            event_id: Some(e.id.clone()),
            member_id: Some(e.member_id.clone()),
            field: field.into(),
            reason,
        };
        let result = match e.change.clone() {
            Change::MemberJoined { member } => {
                if member.id != e.member_id {
                    Err(problem(
                        "member.id",
                        format!("the member's id {} is not the event's memberId", member.id),
                    ))
                } else {
                    match index.get(&member.id) {
                        Some(&i) => {
                            portfolio[i] = *member;
                            if let Some(l) = ledgers.get_mut(i) {
                                *l = None;
                            }
                        }
                        None => {
                            index.insert(member.id.clone(), portfolio.len());
                            portfolio.push(*member);
                        }
                    }
                    Ok(())
                }
            }
            change => match index
                .get(&e.member_id)
                .and_then(|&i| Some((i, portfolio.get_mut(i)?)))
            {
                None => Err(problem(
                    "memberId",
                    "no such member (a member_joined event or the input must come first)".into(),
                )),
                Some((i, m)) => {
                    if ledgers.len() <= i {
                        ledgers.resize_with(i + 1, || None);
                    }
                    match ledgers.get_mut(i) {
                        Some(slot) => {
                            let ledger = slot.get_or_insert_with(|| Ledger::new(m));
                            apply_change(m, ledger, change)
                                .map_err(|(field, reason)| problem(field, reason))
                        }
                        None => Err(problem("memberId", "no such member".into())),
                    }
                }
            },
        };
        match result {
            Ok(()) => {
                seen.insert(e.id);
                report.applied += 1;
            }
            Err(p) => report.rejected.push(p),
        }
    }
    crate::order::sort_by_key(&mut report.rejected, |p| p.line);
    report
}

/// What the feed keeps per member to find instalments without walking them all (issue 14: a feed of many
/// events for one member costs O(n log n), not events × instalments).
#[derive(Debug, Default)]
struct Ledger {
    /// Instalment id → its position (the first, should an id appear twice: what a walk would find).
    ids: HashMap<String, usize>,
    /// (due date, position): the order a desk payment settles instalments in (ties in input order), built
    /// at the first desk payment and kept up to date as instalments are billed.
    /// (A sorted vector: an instalment billed is put in its place, which moves at most the member's
    /// instalments in memory and keeps the WebAssembly module small.)
    order: Option<Vec<(NaiveDate, usize)>>,
    /// Every instalment before this key in `order` owes nothing and never will again: the feed only pays,
    /// credits and waives (no amount in it is negative), so what is owed only falls.
    first_open: (NaiveDate, usize),
}

impl Ledger {
    fn new(m: &MemberInput) -> Ledger {
        let mut ids = HashMap::with_capacity(m.instalments.len());
        for (i, x) in m.instalments.iter().enumerate() {
            ids.entry(x.id.clone()).or_insert(i);
        }
        Ledger {
            ids,
            order: None,
            first_open: (NaiveDate::MIN, 0),
        }
    }
}

/// What an instalment still owes: amount − paid − credited, nothing when waived, never below zero.
fn owed(inst: &InstalmentInput) -> Decimal {
    if inst.waived {
        return Decimal::ZERO;
    }
    inst.amount
        .0
        .checked_sub(inst.paid.0)
        .and_then(|d| d.checked_sub(inst.credited.0))
        .unwrap_or(Decimal::ZERO)
        .max(Decimal::ZERO)
}

fn instalment<'a>(
    m: &'a mut MemberInput,
    ledger: &Ledger,
    id: &str,
) -> Result<&'a mut InstalmentInput, (&'static str, String)> {
    ledger
        .ids
        .get(id)
        .and_then(|&i| m.instalments.get_mut(i))
        .ok_or(("instalmentId", format!("the member has no instalment {id}")))
}

fn non_negative(amount: Money) -> Result<Decimal, (&'static str, String)> {
    if amount.0 < Decimal::ZERO {
        Err(("amount", format!("{amount} is negative")))
    } else if amount.0 > crate::money::MAX_AMOUNT {
        Err((
            "amount",
            format!("{amount} is more than 1 000 000 000 kr, which no gym bills"),
        ))
    } else {
        Ok(amount.0)
    }
}

/// `a + b`, or the rejection of an amount that no sum can hold (issue 14: never an overflow panic).
fn add_money(a: Decimal, b: Decimal) -> Result<Decimal, (&'static str, String)> {
    a.checked_add(b)
        .ok_or(("amount", "the sum is too large to hold".to_string()))
}

fn add_hold(
    m: &mut MemberInput,
    kind: HoldKind,
    from: NaiveDate,
    to: NaiveDate,
    note: Option<String>,
) -> Result<(), (&'static str, String)> {
    if to < from {
        return Err((
            "to",
            format!("the {} ends ({to}) before it starts ({from})", kind.code()),
        ));
    }
    m.holds.push(HoldInput {
        kind,
        from,
        to,
        note,
    });
    Ok(())
}

fn apply_change(
    m: &mut MemberInput,
    ledger: &mut Ledger,
    change: Change,
) -> Result<(), (&'static str, String)> {
    match change {
        Change::MemberJoined { .. } => {}
        Change::InstalmentBilled { instalment } => {
            if ledger.ids.contains_key(&instalment.id) {
                return Err((
                    "instalment.id",
                    format!("instalment {} is already billed", instalment.id),
                ));
            }
            let key = (instalment.due_on, m.instalments.len());
            ledger.ids.insert(instalment.id.clone(), key.1);
            if let Some(order) = &mut ledger.order {
                let at = order.partition_point(|k| *k < key);
                order.insert(at, key);
            }
            ledger.first_open = ledger.first_open.min(key);
            m.instalments.push(instalment);
        }
        Change::FreezeRegistered { from, to, note } => {
            add_hold(m, HoldKind::Freeze, from, to, note)?
        }
        Change::DeferralRegistered { from, to, note } => {
            add_hold(m, HoldKind::Deferral, from, to, note)?
        }
        Change::HoldEnded { kind, on } => {
            let hold = m
                .holds
                .iter_mut()
                .filter(|h| h.kind == kind && h.from <= on && on <= h.to)
                .max_by_key(|h| h.from)
                .ok_or(("on", format!("no {} covers {on}", kind.code())))?;
            hold.to = on;
        }
        Change::Credit {
            instalment_id,
            amount,
        } => {
            let amount = non_negative(amount)?;
            let i = instalment(m, ledger, &instalment_id)?;
            i.credited.0 = add_money(i.credited.0, amount)?;
        }
        Change::Waiver { instalment_id } => instalment(m, ledger, &instalment_id)?.waived = true,
        Change::Payment {
            amount,
            paid_on,
            instalment_id,
        } => {
            let mut left = non_negative(amount)?;
            match instalment_id {
                Some(id) => {
                    let i = instalment(m, ledger, &id)?;
                    i.paid.0 = add_money(i.paid.0, left)?;
                    i.paid_on = Some(paid_on);
                }
                None => {
                    // a payment at the desk settles the oldest outstanding instalments first; those before
                    // `first_open` owe nothing, so the walk starts there
                    let order = ledger.order.get_or_insert_with(|| {
                        let mut order: Vec<(NaiveDate, usize)> = m
                            .instalments
                            .iter()
                            .enumerate()
                            .map(|(i, x)| (x.due_on, i))
                            .collect();
                        crate::order::sort(&mut order);
                        order
                    });
                    // the instalments walked that owe nothing, with nothing open before them, move
                    // `first_open` on: the next payment starts after them
                    let from = order.partition_point(|k| *k < ledger.first_open);
                    // a payment of more than the member owes is rejected whole, before any of it is applied
                    let owed_total = crate::money::sum(
                        order
                            .iter()
                            .skip(from)
                            .filter_map(|&(_, i)| m.instalments.get(i))
                            .map(owed),
                    );
                    if left > owed_total {
                        return Err((
                            "amount",
                            format!(
                                "{} more than the member owes",
                                Money(left.checked_sub(owed_total).unwrap_or(left))
                            ),
                        ));
                    }
                    let mut closed_so_far = true;
                    let mut first_open = ledger.first_open;
                    for &(due, i) in order.iter().skip(from) {
                        if left <= Decimal::ZERO && !closed_so_far {
                            break;
                        }
                        let Some(inst) = m.instalments.get_mut(i) else {
                            continue;
                        };
                        let owed_now = owed(inst);
                        if owed_now > Decimal::ZERO && left > Decimal::ZERO {
                            let part = owed_now.min(left);
                            inst.paid.0 = add_money(inst.paid.0, part)?;
                            inst.paid_on = Some(paid_on);
                            left = left.checked_sub(part).unwrap_or(Decimal::ZERO);
                        }
                        if closed_so_far && owed(inst) <= Decimal::ZERO {
                            first_open = (due, i.saturating_add(1));
                        } else {
                            closed_so_far = false;
                        }
                    }
                    ledger.first_open = first_open;
                }
            }
        }
        Change::Cancellation { cancelled_on } => m.cancelled_on = Some(cancelled_on),
        Change::Visit { visit } => m.visits.push(visit),
        Change::ReminderSent {
            sent_on,
            kind,
            fee,
            instalment_id,
        } => m.reminders.push(ReminderInput {
            sent_on,
            kind,
            fee,
            instalment_id,
        }),
        Change::MandateChanged { mandate } => m.mandate = mandate,
        voice => apply_voice(m, voice)?,
    }
    Ok(())
}

/// The member's-voice events (issue 13): `contact_logged`, `objection_raised`, `objection_resolved`,
/// `hardship_registered`, `hardship_ended`. Like every event, idempotent by event id (see [`apply`]).
fn apply_voice(m: &mut MemberInput, change: Change) -> Result<(), (&'static str, String)> {
    match change {
        Change::ContactLogged { contact } => m.contacts.push(contact),
        Change::ObjectionRaised { objection } => m.objections.push(objection),
        Change::ObjectionResolved {
            resolved_on,
            raised_on,
            groundless,
        } => {
            let o = m
                .objections
                .iter_mut()
                .filter(|o| {
                    o.resolved_on.is_none()
                        && raised_on.map_or(o.raised_on <= resolved_on, |r| o.raised_on == r)
                })
                .max_by_key(|o| o.raised_on)
                .ok_or((
                    "raisedOn",
                    format!("no open objection raised on or before {resolved_on}"),
                ))?;
            o.resolved_on = Some(resolved_on);
            o.groundless = groundless;
        }
        Change::HardshipRegistered { hardship } => m.hardship.push(hardship),
        Change::HardshipEnded { on, kind } => {
            let h = m
                .hardship
                .iter_mut()
                .filter(|h| {
                    kind.is_none_or(|k| h.kind == k) && h.from <= on && h.to.is_none_or(|t| on <= t)
                })
                .max_by_key(|h| h.from)
                .ok_or(("on", format!("no hardship covers {on}")))?;
            h.to = Some(on);
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        dates::parse_date(s).unwrap()
    }

    fn portfolio() -> Vec<MemberInput> {
        serde_json::from_str(
            r#"[{"id":"M-1","joinedOn":"2024-01-15","paymentMethod":"avtalegiro","mandate":"active",
                 "instalments":[{"id":"I-10","dueOn":"2026-10-01","amount":"549"},{"id":"I-11","dueOn":"2026-11-01","amount":"549"}]}]"#,
        )
        .unwrap()
    }

    #[test]
    fn events_apply_in_time_order_idempotently() {
        let feed = r#"{"id":"e3","at":"2026-11-20","type":"hold_ended","memberId":"M-1","kind":"freeze","on":"2026-11-20"}
{"id":"e1","at":"2026-11-01","type":"freeze_registered","memberId":"M-1","from":"2026-11-01","to":"2026-12-31"}
{"id":"e2","at":"2026-11-10","type":"payment","memberId":"M-1","amount":"700","paidOn":"2026-11-10"}
{"id":"e2","at":"2026-11-10","type":"payment","memberId":"M-1","amount":"700","paidOn":"2026-11-10"}
{"id":"e4","at":"2026-11-21","type":"credit","memberId":"M-9","instalmentId":"I-1","amount":"10"}
{"id":"e5","at":"2026-12-01","type":"visit","memberId":"M-1","visit":"2026-12-01"}
not json
"#;
        let mut p = portfolio();
        let mut seen = HashSet::new();
        let r = apply(&mut p, feed, d("2026-11-23"), &mut seen);
        assert_eq!((r.lines, r.applied), (7, 3));
        assert_eq!(r.duplicates, vec!["e2".to_string()]);
        assert_eq!(
            r.out_of_order,
            vec!["e1".to_string(), "e2".to_string(), "e2".to_string()]
        );
        assert_eq!(r.future, vec!["e5".to_string()]);
        assert_eq!(r.rejected.len(), 2);
        assert_eq!(
            (r.rejected[0].line, r.rejected[0].field.as_str()),
            (5, "memberId")
        );
        assert_eq!(r.rejected[1].line, 7);
        assert_eq!(
            r.applied + r.duplicates.len() + r.rejected.len() + r.future.len(),
            r.lines
        );
        // the freeze was registered before it was ended, though it arrived after
        assert_eq!(p[0].holds[0].to, d("2026-11-20"));
        // 700 at the desk: I-10 in full, 151 on I-11
        assert_eq!(p[0].instalments[0].paid.to_string(), "549.00");
        assert_eq!(p[0].instalments[1].paid.to_string(), "151.00");
        // replaying the same feed changes nothing
        let before = p.clone();
        let again = apply(&mut p, feed, d("2026-11-23"), &mut seen);
        assert_eq!(again.applied, 0);
        assert_eq!(p, before);
    }

    #[test]
    fn a_desk_payment_of_more_than_is_owed_changes_nothing() {
        // 549 + 549 owed: 1,200 at the desk is 102 too much, rejected whole; 1,098 then settles both
        let feed = r#"{"id":"p1","at":"2026-11-10","type":"payment","memberId":"M-1","amount":"1200","paidOn":"2026-11-10"}
{"id":"p2","at":"2026-11-11","type":"payment","memberId":"M-1","amount":"1098","paidOn":"2026-11-11"}"#;
        let mut p = portfolio();
        let before = p.clone();
        let first = feed.lines().next().unwrap_or_default();
        let r = apply(&mut p, first, d("2026-11-23"), &mut HashSet::new());
        assert_eq!((r.applied, r.rejected.len()), (0, 1));
        assert!(
            r.rejected[0]
                .reason
                .contains("102.00 more than the member owes"),
            "{:?}",
            r.rejected
        );
        assert_eq!(p, before, "a rejected payment paid nothing");
        let r = apply(&mut p, feed, d("2026-11-23"), &mut HashSet::new());
        assert_eq!((r.applied, r.rejected.len()), (1, 1));
        assert_eq!(p[0].instalments[1].paid.to_string(), "549.00");
    }

    #[test]
    fn a_new_member_can_join_through_the_feed() {
        let feed = r#"{"id":"j1","at":"2026-11-02T09:30:00+01:00","type":"member_joined","memberId":"M-2","member":{"id":"M-2","joinedOn":"2026-11-02","paymentMethod":"invoice"}}
{"id":"j2","at":"2026-11-03","type":"visit","memberId":"M-2","visit":"2026-11-03T18:00:00+01:00"}"#;
        let mut p = portfolio();
        let r = apply(&mut p, feed, d("2026-11-23"), &mut HashSet::new());
        assert_eq!(r.applied, 2);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].visits.len(), 1);
    }
}
