//! The day's work for a desk: one row per member whose next step is due, ranked by what is at stake and how
//! soon, within each channel's capacity (`worklist` in `DESIGN.md`, "Contract additions").
//!
//! The order ([`rank_key`]): steps with a deadline first, earliest deadline first (an objection must be
//! answered within a week); then the expected loss, the member's outstanding arrears × risk, largest first, so
//! that among members the scorecard calls equally risky the one owing most is called first; then risk; then
//! the member id, so the order is total and the same every run. A channel with a capacity (`phone=40`) takes
//! rows in that order until it is full; the rest are `deferred`, moved to the next business day of the
//! policy's bank calendar (the desk is shut when the banks are).

use crate::codes::{ActionCode, Channel};
use crate::dates;
use crate::money::Money;
use crate::output::{Assessment, Evidence};
use crate::policy::Policy;
use chrono::{Days, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many rows a channel takes per day; a channel not named is not limited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capacity(pub BTreeMap<Channel, usize>);

/// Why a capacity could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CapacityError(pub String);

impl Capacity {
    /// Reads `phone=40,letter=200` (channels by their codes; spaces allowed around the parts).
    pub fn parse(text: &str) -> Result<Capacity, CapacityError> {
        let mut out = BTreeMap::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, n) = part.split_once('=').ok_or_else(|| {
                CapacityError(format!("{part:?} is not CHANNEL=NUMBER (e.g. phone=40)"))
            })?;
            out.insert(channel(name.trim())?, count(name.trim(), n.trim())?);
        }
        Ok(Capacity(out))
    }

    /// Reads capacities given per channel code (`{ "phone": 40 }` from JavaScript).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, u64)>,
    ) -> Result<Capacity, CapacityError> {
        let mut out = BTreeMap::new();
        for (name, n) in pairs {
            let n = usize::try_from(n)
                .map_err(|_| CapacityError(format!("{name}: {n} is too large")))?;
            out.insert(channel(name)?, n);
        }
        Ok(Capacity(out))
    }
}

fn channel(name: &str) -> Result<Channel, CapacityError> {
    Channel::from_code(name).ok_or_else(|| {
        let known: Vec<&str> = Channel::ALL.iter().map(|c| c.code()).collect();
        CapacityError(format!(
            "unknown channel {name:?} (channels: {})",
            known.join(", ")
        ))
    })
}

fn count(name: &str, n: &str) -> Result<usize, CapacityError> {
    n.parse::<usize>()
        .map_err(|_| CapacityError(format!("{name}={n}: {n:?} is not a whole number ≥ 0")))
}

/// One row of the worklist: a member's next step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkRow {
    pub member_id: String,
    pub code: ActionCode,
    /// The day the step is to be taken: `asOf` for today's rows, the next business day for deferred ones.
    #[serde(with = "dates::day")]
    pub on: NaiveDate,
    pub channel: Channel,
    /// The row's place in the day's order, from 1 (today's rows and deferred rows are numbered apart).
    pub priority: u32,
    /// The member's overdue arrears (fee and plan instalments).
    pub outstanding: Money,
    pub message: String,
}

/// The day's work.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Worklist {
    #[serde(with = "dates::day")]
    pub as_of: NaiveDate,
    pub steps: Vec<WorkRow>,
    pub deferred: Vec<WorkRow>,
}

/// What the worklist keeps of a member whose next step is due: enough to rank it and write its row, so a
/// streamed batch keeps this, not the assessment (issue 18: a chain's worklist in little memory).
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    member_id: String,
    code: ActionCode,
    channel: Channel,
    message: String,
    outstanding: Decimal,
    key: (NaiveDate, f64, f64),
}

impl Due {
    /// The member's due step, or `None` when it has none due on or before `as_of`.
    pub fn of(a: &Assessment, as_of: NaiveDate) -> Option<Due> {
        let step = a.next_step.as_ref().filter(|s| s.on <= as_of)?;
        let outstanding = outstanding(a);
        Some(Due {
            member_id: a.member_id.clone(),
            code: step.code,
            channel: step.channel,
            message: step.message.clone(),
            outstanding,
            key: rank_key(deadline(step.code, step.on, a), outstanding, a.risk),
        })
    }
}

/// The day by which a step must be taken, when the step has one: an objection is answered within a week of
/// being raised (inkassoloven 2026 § 17), so `answer_objection` has the earliest open objection's raised + 7.
fn deadline(code: ActionCode, _on: NaiveDate, a: &Assessment) -> Option<NaiveDate> {
    if code != ActionCode::AnswerObjection {
        return None;
    }
    a.signals
        .iter()
        .filter_map(|s| match &s.evidence {
            Evidence::Objection(e) => Some(e.answer_by),
            _ => None,
        })
        .min()
}

/// A member's overdue arrears, from the evidence of its signals.
fn outstanding(a: &Assessment) -> Decimal {
    a.signals
        .iter()
        .map(|s| match &s.evidence {
            Evidence::Unpaid(e) => e.outstanding.0,
            Evidence::Plan(e) => e.outstanding.0,
            _ => Decimal::ZERO,
        })
        .fold(Decimal::ZERO, |sum, x| sum.saturating_add(x))
}

/// The ranking key of a row: deadline (none last), expected loss and risk (largest first), member id.
fn rank_key(deadline: Option<NaiveDate>, outstanding: Decimal, risk: f64) -> (NaiveDate, f64, f64) {
    let expected_loss = outstanding.to_f64().unwrap_or(f64::MAX) * risk;
    (deadline.unwrap_or(NaiveDate::MAX), -expected_loss, -risk)
}

/// The worklist of assessed members on `as_of`.
pub fn build(
    assessments: &[Assessment],
    as_of: NaiveDate,
    capacity: &Capacity,
    policy: &Policy,
) -> Worklist {
    let due = assessments
        .iter()
        .filter_map(|a| Due::of(a, as_of))
        .collect();
    build_due(due, as_of, capacity, policy)
}

/// The worklist of the members whose step is due ([`Due::of`]), in any order.
pub fn build_due(
    mut due: Vec<Due>,
    as_of: NaiveDate,
    capacity: &Capacity,
    policy: &Policy,
) -> Worklist {
    crate::order::sort_by(&mut due, |x, y| {
        (x.key.0)
            .cmp(&y.key.0)
            .then(x.key.1.total_cmp(&y.key.1))
            .then(x.key.2.total_cmp(&y.key.2))
            .then_with(|| x.member_id.cmp(&y.member_id))
    });
    let next_day = as_of
        .checked_add_days(Days::new(1))
        .and_then(|d| policy.nets.bank_calendar.on_or_after(d))
        .unwrap_or(as_of);
    let mut used: BTreeMap<Channel, usize> = BTreeMap::new();
    let (mut steps, mut deferred) = (Vec::new(), Vec::new());
    for d in due {
        let taken = used.entry(d.channel).or_insert(0);
        let fits = capacity.0.get(&d.channel).is_none_or(|cap| *taken < *cap);
        let list: &mut Vec<WorkRow> = if fits {
            *taken += 1;
            &mut steps
        } else {
            &mut deferred
        };
        list.push(WorkRow {
            member_id: d.member_id,
            code: d.code,
            on: if fits { as_of } else { next_day },
            channel: d.channel,
            priority: u32::try_from(list.len()).map_or(u32::MAX, |n| n.saturating_add(1)),
            outstanding: Money(d.outstanding),
            message: d.message,
        });
    }
    Worklist {
        as_of,
        steps,
        deferred,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_reads_channels_and_names_mistakes() {
        let c = Capacity::parse("phone=40, letter=200").unwrap_or_default();
        assert_eq!(c.0.get(&Channel::Phone), Some(&40));
        assert_eq!(c.0.get(&Channel::Letter), Some(&200));
        let e = Capacity::parse("fone=4").map(|_| ()).unwrap_err();
        assert!(e.to_string().contains("unknown channel \"fone\""), "{e}");
        assert!(Capacity::parse("phone").is_err());
        assert!(Capacity::parse("phone=-1").is_err());
    }
}
