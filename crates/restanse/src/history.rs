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
//! **The sample gym's history** (`restanse_sample::history`) must get its outcomes from the simulation, never
//! from the scorecard, or a model trained on it would only learn the scorecard back. The generator in
//! `restanse-sample` draws every date *relative to* its `as_of` (a member joins `as_of − tenure`), so the
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

use crate::input::{InstalmentKind, MemberInput};
use chrono::{Duration, NaiveDate};
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

/// Whether the full record shows a default in `(s, horizon]`: a fee instalment unpaid more than 60 days
/// on a day in the window.
pub fn defaulted(full: &MemberInput, s: NaiveDate, horizon: NaiveDate) -> bool {
    full.instalments.iter().any(|inst| {
        if inst.kind != InstalmentKind::Fee || inst.waived {
            return false;
        }
        if inst.amount.0 <= inst.credited.0 {
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

#[cfg(test)]
mod tests {
    use super::*;

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
