//! Labelled history: what a member looked like on a past day, and whether they went on to default.
//!
//! A history is a JSON array of snapshots, the training data of a gym's own risk model
//! ([`crate::model`]):
//!
//! ```jsonc
//! [ { "asOf": "2025-08-25",        // the day the snapshot was taken
//!     "member": { "id": "M-1", … },  // the member as the input contract says, as known on asOf
//!     "outcome": true } ]           // went on to default within 90 days of asOf
//! ```
//!
//! **The outcome** ([`OUTCOME_WINDOW_DAYS`], [`DEFAULT_AGE_DAYS`]): `true` when, at some day in
//! `(asOf, asOf + 90]`, a fee instalment of the member had been unpaid for more than 60 days (counted from
//! its effective due date; waived and freeze-billed instalments never count), or the member was handed
//! over to collection. A gym builds this from its own books: take last year's exports month by month, and
//! label each member from what happened in the 90 days after.
//!
//! **The sample gym's history** ([`sample_history`]) must get its outcomes from the simulation, never
//! from the scorecard, or a model trained on it would only learn the scorecard back. The generator in
//! [`crate::sample`] draws every date *relative to* its `as_of` (a member joins `as_of − tenure`), so the
//! same member generated on a later day is the same person shifted in time, not the same person later.
//! So each snapshot day `s` gets its own members: they are generated with `as_of = s + 90 days`, the full
//! record is what really happened up to then, and the snapshot is that record **cut back to `s`**
//! (instalments due after `s` removed, payments made after `s` undone, later visits, reminders, holds,
//! cancellations and plans removed, and a mandate deleted because of arrears that only begin after `s`
//! restored). The outcome is read from the full record with the definition above. Each snapshot day
//! uses its own block of member numbers, so no person appears twice and a time-based split never tests
//! on a member it trained on. The simulated population does not drift over time, which a real gym's
//! does: on real history the time-based split is the honest test, on the sample it is close to a random
//! one.

use crate::input::{InstalmentKind, MandateState, MemberInput};
use crate::sample::{self, Behaviour};
use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How far after `asOf` the outcome looks, in days.
pub const OUTCOME_WINDOW_DAYS: i64 = 90;
/// An instalment unpaid for more than this many days counts as a default.
pub const DEFAULT_AGE_DAYS: i64 = 60;

/// One labelled snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Snapshot {
    #[serde(with = "crate::dates::day")]
    pub as_of: NaiveDate,
    pub member: MemberInput,
    /// Went on to default within 90 days of `as_of`.
    pub outcome: bool,
}

/// Why a history file could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum HistoryError {
    #[error("the history is not a JSON array of snapshots: {0}")]
    NotAnArray(String),
    #[error("snapshot {index}: {path}: {message}")]
    Snapshot {
        index: usize,
        path: String,
        message: String,
    },
    #[error("the history is empty")]
    Empty,
}

/// Parses a history (a JSON array of snapshots), naming the snapshot and field of the first error.
pub fn parse(json: &str) -> Result<Vec<Snapshot>, HistoryError> {
    let raw: Vec<&serde_json::value::RawValue> =
        serde_json::from_str(json).map_err(|e| HistoryError::NotAnArray(e.to_string()))?;
    if raw.is_empty() {
        return Err(HistoryError::Empty);
    }
    raw.iter()
        .enumerate()
        .map(|(index, r)| {
            crate::jsonpath::from_str(r.get()).map_err(|(path, message)| HistoryError::Snapshot {
                index,
                path,
                message,
            })
        })
        .collect()
}

/// The snapshot days of a sample history ending on `end`: monthly, the last one 90 days before `end`
/// (so its outcome is fully observed by `end`), oldest first.
pub fn snapshot_days(end: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let last = end - Duration::days(OUTCOME_WINDOW_DAYS);
    (0..months)
        .rev()
        .filter_map(|k| last.checked_sub_months(Months::new(k)))
        .collect()
}

/// A labelled history of the sample gym: `members` members on each of `months` monthly snapshot days,
/// the last one 90 days before `end`. Deterministic in (`members`, `seed`, `end`, `months`).
pub fn sample_history(members: usize, seed: u64, end: NaiveDate, months: u32) -> Vec<Snapshot> {
    let mut out = Vec::new();
    for (k, s) in snapshot_days(end, months).into_iter().enumerate() {
        let horizon = s + Duration::days(OUTCOME_WINDOW_DAYS);
        let block = sample::generate_with_truth((k + 1) * members, seed, horizon);
        for (full, truth) in block.into_iter().skip(k * members) {
            if full.joined_on >= s {
                continue; // not a member yet on the snapshot day
            }
            let outcome = defaulted(&full, s, horizon);
            let member = cut_back(full, s, truth.stopped_paying_on, truth.behaviour);
            out.push(Snapshot {
                as_of: s,
                member,
                outcome,
            });
        }
    }
    out
}

/// Whether the full record shows a default in `(s, horizon]`: a fee instalment unpaid more than 60 days
/// on a day in the window.
pub fn defaulted(full: &MemberInput, s: NaiveDate, horizon: NaiveDate) -> bool {
    full.instalments.iter().any(|inst| {
        if inst.kind != InstalmentKind::Fee || inst.waived {
            return false;
        }
        if inst.amount.0 - inst.credited.0 <= rust_decimal::Decimal::ZERO {
            return false;
        }
        let in_hold = |kind| {
            full.holds
                .iter()
                .find(|h| h.kind == kind && h.from <= inst.due_on && inst.due_on <= h.to)
        };
        if in_hold(crate::input::HoldKind::Freeze).is_some() {
            return false;
        }
        if full.cancelled_on.is_some_and(|c| inst.due_on > c) {
            return false;
        }
        let effective = in_hold(crate::input::HoldKind::Deferral)
            .map_or(inst.due_on, |h| h.to + Duration::days(1));
        let crossed = effective + Duration::days(DEFAULT_AGE_DAYS + 1);
        crossed > s && crossed <= horizon && inst.paid_on.is_none_or(|p| p > crossed)
    })
}

/// The member as the gym knew them on `s`: everything after `s` removed or undone.
fn cut_back(
    mut m: MemberInput,
    s: NaiveDate,
    stopped_paying_on: Option<NaiveDate>,
    behaviour: Behaviour,
) -> MemberInput {
    m.instalments.retain(|i| i.due_on <= s);
    for i in &mut m.instalments {
        if i.paid_on.is_some_and(|p| p > s) {
            i.paid_on = None;
            i.paid = crate::money::Money::ZERO;
        }
    }
    m.visits.retain(|v| v.0 <= s);
    m.reminders.retain(|r| r.sent_on <= s);
    m.holds.retain(|h| h.from <= s);
    if m.cancelled_on.is_some_and(|c| c > s) {
        m.cancelled_on = None;
    }
    if m.plan.as_ref().is_some_and(|p| p.agreed_on > s) {
        m.plan = None;
        m.instalments.retain(|i| i.kind != InstalmentKind::Plan);
    }
    let stopped_before = stopped_paying_on.is_some_and(|d| d <= s);
    if m.mandate == MandateState::Deleted && stopped_paying_on.is_some() && !stopped_before {
        m.mandate = MandateState::Active;
    }
    // access is blocked after 30 days of arrears; only keep a block the gym had reason for on `s`
    m.access_blocked = behaviour == Behaviour::PaidButBlocked
        || (m.access_blocked && stopped_paying_on.is_some_and(|d| (s - d).num_days() > 30));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        crate::dates::parse_date(s).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn snapshots_are_monthly_and_end_90_days_before() {
        let d = snapshot_days(day("2026-11-23"), 3);
        assert_eq!(
            d,
            vec![day("2026-06-25"), day("2026-07-25"), day("2026-08-25")]
        );
    }

    #[test]
    fn nothing_after_the_snapshot_day_leaks() {
        let h = sample_history(300, 7, day("2026-11-23"), 2);
        assert!(!h.is_empty());
        for snap in &h {
            let m = &snap.member;
            assert!(m.joined_on < snap.as_of);
            assert!(m.instalments.iter().all(|i| i.due_on <= snap.as_of));
            assert!(m
                .instalments
                .iter()
                .all(|i| i.paid_on.is_none_or(|p| p <= snap.as_of)));
            assert!(m.visits.iter().all(|v| v.0 <= snap.as_of));
            assert!(m.reminders.iter().all(|r| r.sent_on <= snap.as_of));
        }
        let rate = h.iter().filter(|s| s.outcome).count() as f64 / h.len() as f64;
        assert!(rate > 0.01 && rate < 0.3, "default rate {rate}");
    }

    #[test]
    fn a_bad_snapshot_is_named() {
        let e = parse(
            r#"[{"asOf":"2026-01-01","member":{"id":"M","joinedOn":"2025-01-01"},"outcome":"yes"}]"#,
        );
        assert!(
            matches!(e, Err(HistoryError::Snapshot { index: 0, .. })),
            "{e:?}"
        );
    }
}
