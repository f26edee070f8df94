//! A labelled history of the sample gym, for training and testing a risk model (the contract and the outcome's
//! definition are the engine's: `restanse::model::history`, which says why each snapshot day gets its own members and
//! how a record is cut back to the snapshot day).

use crate::{generate_with_truth, Behaviour};
use chrono::{Duration, Months, NaiveDate};
use restanse::input::{InstalmentKind, MandateState, MemberInput};
use restanse::model::history::{defaulted, Snapshot, OUTCOME_WINDOW_DAYS};

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
        let block = generate_with_truth((k + 1) * members, seed, horizon);
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
            i.paid = restanse::input::Money::ZERO;
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
        restanse::input::parse_date(s).unwrap_or(NaiveDate::MIN)
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
}
