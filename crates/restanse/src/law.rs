//! The law, claim by claim, on the day a step is taken: the statutory figures with their dates and sources,
//! and the few functions every other stage asks ("which act is in force on day D?", "may claim C be sent
//! step S on day D, and with what fee at most?"). A gym's policy never changes anything here; it may only
//! choose less (lower fees, later steps).
//!
//! | figure | value | in force | source |
//! |---|---|---|---|
//! | inkassosats | 700 kr | 2017-01-01 | inkassoforskriften § 1-1 (the rate from 1 Jan 2017) |
//! | inkassosats | 750 kr | 2026-01-01 | FOR-2025-12-19-2709 |
//! | purregebyr cap | 1/10 of the sats | claims due before 2020-10-01 | inkassoforskriften § 1-2, transitional rule of the 2020 amendment |
//! | purregebyr cap | 1/20 of the sats | claims due from 2020-10-01 | inkassoforskriften § 1-2 |
//! | rounding of the cap | to the whole krone, .50 up | steps from 2026-01-01 | inkassoforskriften § 1-2 as amended by FOR-2025-12-19-2709 |
//! | fee only ≥ 14 days after due | | | inkassoforskriften § 1-2 |
//! | at most 2 fees per claim, the second after a missed 14-day deadline; count anew after 6 months | | | inkassoforskriften § 1-3 (second paragraph: confidence M) |
//! | inkassovarsel after due, deadline ≥ 14 days; hand-over after that deadline | | | inkassoloven § 9 |
//! | a deadline ending on a Saturday, Sunday or holiday runs to the next business day | | | domstolloven § 149, foreldelsesloven § 29 no. 2 (applied to 14-day deadlines: confidence M) |
//! | limitation: 3 years from due, anew from a payment or an agreed plan | | | foreldelsesloven §§ 2, 3, 14, 29 |
//!
//! A new year's inkassosats is one dated line in [`INKASSOSATS`] (and a test in this module).
//!
//! Which rate applies: the rate in force **on the day the letter is sent**; whether the cap is 1/10 or 1/20
//! depends on the **claim's due date**. Before the first line of the table the engine knows no rate and
//! judges no recorded fee by the cap (such claims are long time-barred).

use crate::nets::calendar::BankCalendar;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// Rule codes, stable for tests, warnings and UIs (the policy's refusals use the same codes, as
/// `policy::rules`).
pub mod rules {
    pub const FEE_ONLY_ON_WRITTEN_REMINDER: &str = "fee_only_on_written_reminder";
    pub const REMINDER_FEE_AFTER_14_DAYS: &str = "reminder_fee_after_14_days";
    pub const FEE_CAP: &str = "fee_at_most_one_twentieth_of_inkassosats";
    pub const NOTICE_DEADLINE_14_DAYS: &str = "collection_notice_deadline_at_least_14_days";
    pub const NOTICE_AFTER_DUE: &str = "collection_notice_after_due_date";
    pub const SECOND_FEE_AFTER_MISSED_DEADLINE: &str = "second_fee_after_missed_14_day_deadline";
    pub const FEE_COUNT: &str = "at_most_two_fees_per_claim";
    pub const HAND_OVER_AFTER_NOTICE: &str = "hand_over_after_collection_notice_deadline";
    /// A reminder (SMS or letter) can only be sent after the claim's due date.
    pub const REMINDER_AFTER_DUE: &str = "reminder_after_due_date";
    /// A recorded step dated after the assessment day has not happened yet.
    pub const STEP_NOT_IN_FUTURE: &str = "recorded_step_not_after_as_of";
    /// The inkassosats and the fee caps are the law's, not a policy's.
    pub const STATUTORY_FIGURES: &str = "inkassosats_is_statutory";
    /// No reminder, fee, plan or hand-over on a time-barred claim (foreldelsesloven §§ 2–3).
    pub const TIME_BARRED: &str = "no_collection_of_time_barred_claim";
    /// From the new act's day only a collection agency sends an inkassovarsel (inkassoloven 2026 § 20).
    pub const NOTICE_ONLY_BY_AGENCY: &str = "collection_notice_only_by_agency_under_new_act";
    /// Under the new act the gym hands a claim over after its written reminder's deadline has passed.
    pub const HAND_OVER_AFTER_REMINDER: &str = "hand_over_after_reminder_deadline";
}

/// One dated line of the inkassosats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sats {
    /// In force from (year, month, day).
    pub from: (i32, u32, u32),
    /// Whole kroner.
    pub kroner: i64,
    pub source: &'static str,
}

impl Sats {
    pub fn from_date(&self) -> NaiveDate {
        ymd(self.from.0, self.from.1, self.from.2)
    }
    pub fn amount(&self) -> Decimal {
        Decimal::from(self.kroner)
    }
}

/// The inkassosats, oldest first. A new rate is one more line.
pub const INKASSOSATS: &[Sats] = &[
    Sats {
        from: (2017, 1, 1),
        kroner: 700,
        source: "inkassoforskriften § 1-1, rate from 1 Jan 2017",
    },
    Sats {
        from: (2026, 1, 1),
        kroner: 750,
        source: "FOR-2025-12-19-2709",
    },
];

/// Claims due from this day carry at most 1/20 of the sats per fee; earlier ones 1/10.
pub const TWENTIETH_FROM: (i32, u32, u32) = (2020, 10, 1);
/// From this day the cap is rounded to the whole krone (.50 up).
pub const ROUND_TO_KRONE_FROM: (i32, u32, u32) = (2026, 1, 1);
/// The day the new inkassolov (LOV-2026-05-22-19) is signalled to apply; set by royal decree.
pub const NEW_ACT_SIGNALLED: (i32, u32, u32) = (2027, 1, 1);
/// Days after due before a fee, and the least deadline of a fee-bearing letter or a collection notice.
pub const FOURTEEN_DAYS: i64 = 14;
/// Fees per claim (§ 1-3).
pub const MAX_FEES_PER_CLAIM: usize = 2;
/// Months after the last fee-bearing letter when the fee count starts again (§ 1-3 second paragraph).
pub const FEE_COUNT_RESET_MONTHS: u32 = 6;
/// Years of limitation (foreldelsesloven § 2).
pub const LIMITATION_YEARS: u32 = 3;

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn day_of(t: (i32, u32, u32)) -> NaiveDate {
    ymd(t.0, t.1, t.2)
}

/// The collection act in force on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Inkassoloven 1988 with today's inkassoforskrift.
    Inkassoloven1988,
    /// LOV-2026-05-22-19, from the day set by royal decree.
    Inkassoloven2026,
}

/// Which act governs a step taken on `day`, given the day the new act applies (`None`: not yet decided).
pub fn act_on(day: NaiveDate, new_act_from: Option<NaiveDate>) -> Act {
    match new_act_from {
        Some(from) if day >= from => Act::Inkassoloven2026,
        _ => Act::Inkassoloven1988,
    }
}

/// The inkassosats line in force on `day`, if the table reaches back that far.
pub fn sats_on(day: NaiveDate) -> Option<&'static Sats> {
    INKASSOSATS.iter().rev().find(|s| s.from_date() <= day)
}

/// The largest fee one reminder or collection notice may carry for a claim due on `due`, sent on `sent`:
/// 1/20 of the sats in force when sent (1/10 for claims due before 1 Oct 2020), rounded to the whole krone
/// for letters sent from 2026. `None` before the table begins.
pub fn fee_cap(due: NaiveDate, sent: NaiveDate) -> Option<Decimal> {
    let sats = sats_on(sent)?.amount();
    let divisor = if due >= day_of(TWENTIETH_FROM) {
        20
    } else {
        10
    };
    let share = sats.checked_div(Decimal::from(divisor))?;
    Some(if sent >= day_of(ROUND_TO_KRONE_FROM) {
        share.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
    } else {
        share
    })
}

/// The highest 1/20 cap the table has for any day: what a policy's fee is checked against.
pub fn highest_twentieth_cap() -> Decimal {
    INKASSOSATS
        .iter()
        .filter_map(|s| fee_cap(day_of(TWENTIETH_FROM), s.from_date()))
        .max()
        .unwrap_or(Decimal::ZERO)
}

/// The last day of a deadline of `days` from `sent`: when it falls on a Saturday, Sunday or public holiday
/// it runs to the next business day.
pub fn deadline(sent: NaiveDate, days: i64, calendar: &BankCalendar) -> NaiveDate {
    let end = add_days(sent, days);
    calendar.on_or_after(end).unwrap_or(end)
}

pub fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(d)
}

/// The last day a claim may be collected: three years from `start` (its due date, or the last payment or
/// plan that interrupted limitation), moved to the next business day when that day is closed.
pub fn limitation_ends(start: NaiveDate, calendar: &BankCalendar) -> NaiveDate {
    let end = start
        .checked_add_months(Months::new(12 * LIMITATION_YEARS))
        .unwrap_or(NaiveDate::MAX);
    calendar.on_or_after(end).unwrap_or(end)
}

/// Whether a claim whose limitation runs from `start` is time-barred on `day`: after [`limitation_ends`].
/// Three years from `start` is never before 1 January three years on, so a day before that needs no date
/// arithmetic and no calendar (issue 18: every instalment of every member asks).
pub fn time_barred(start: NaiveDate, day: NaiveDate, calendar: &BankCalendar) -> bool {
    let years = i32::try_from(LIMITATION_YEARS).unwrap_or(i32::MAX);
    if day.year() < start.year().saturating_add(years) {
        return false;
    }
    day > limitation_ends(start, calendar)
}

/// A step of a claim's ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Sms,
    Reminder,
    Notice,
    HandOver,
}

/// A letter already sent about a claim and counted as lawful.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    pub sent: NaiveDate,
    /// The last day of its payment deadline (business-day adjusted).
    pub deadline: NaiveDate,
    pub fee: bool,
}

/// What the law needs to know about one claim to judge a step on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The contractual due date (decides 1/10 or 1/20).
    pub due: NaiveDate,
    /// The due date after deferrals and bank-closed days: no step before the day after it.
    pub effective_due: NaiveDate,
    /// Lawful letters taken, in the order sent (reminders and notices).
    pub letters: Vec<Letter>,
    /// The lawful collection notice, if one was sent.
    pub notice: Option<Letter>,
}

impl Claim {
    pub fn new(due: NaiveDate, effective_due: NaiveDate) -> Claim {
        Claim {
            due,
            effective_due,
            letters: Vec::new(),
            notice: None,
        }
    }

    /// The fee-bearing letters that count on `on` (§ 1-3): the count starts again six months after the
    /// last fee-bearing letter.
    pub fn fees_counting(&self, on: NaiveDate) -> Vec<Letter> {
        let mut counting: Vec<Letter> = Vec::new();
        for l in self.letters.iter().filter(|l| l.fee && l.sent <= on) {
            if counting
                .last()
                .is_some_and(|last| reset_by(last.sent, l.sent))
            {
                counting.clear();
            }
            counting.push(*l);
        }
        if counting.last().is_some_and(|last| reset_by(last.sent, on)) {
            counting.clear();
        }
        counting
    }
}

fn reset_by(last_fee: NaiveDate, on: NaiveDate) -> bool {
    last_fee
        .checked_add_months(Months::new(FEE_COUNT_RESET_MONTHS))
        .is_some_and(|reset| on >= reset)
}

/// Whether `step` may be taken on claim `c` on day `on` at all (its fee aside); the rule broken if not.
pub fn may_take(c: &Claim, step: Step, on: NaiveDate) -> Result<(), &'static str> {
    match step {
        Step::Sms | Step::Reminder if on <= c.effective_due => Err(rules::REMINDER_AFTER_DUE),
        Step::Notice if on <= c.effective_due => Err(rules::NOTICE_AFTER_DUE),
        Step::HandOver => match c.notice {
            Some(n) if on > n.deadline => Ok(()),
            _ => Err(rules::HAND_OVER_AFTER_NOTICE),
        },
        _ => Ok(()),
    }
}

/// The largest fee a letter of `step` may carry for claim `c` if sent on `on`, or the rule that forbids any
/// fee: only on a written reminder or collection notice, only 14 days or more after due, at most two counted
/// fees, the second only after the first letter's deadline was missed, and at most the cap of that day.
pub fn fee_allowed(c: &Claim, step: Step, on: NaiveDate) -> Result<Decimal, &'static str> {
    if !matches!(step, Step::Reminder | Step::Notice) {
        return Err(rules::FEE_ONLY_ON_WRITTEN_REMINDER);
    }
    if on < add_days(c.due.max(c.effective_due), FOURTEEN_DAYS) {
        return Err(rules::REMINDER_FEE_AFTER_14_DAYS);
    }
    let counting = c.fees_counting(on);
    if counting.len() >= MAX_FEES_PER_CLAIM {
        return Err(rules::FEE_COUNT);
    }
    if counting.last().is_some_and(|first| on <= first.deadline) {
        return Err(rules::SECOND_FEE_AFTER_MISSED_DEADLINE);
    }
    fee_cap(c.due, on).ok_or(rules::FEE_CAP)
}

/// Every rule a fee of `fee` on a letter of `step` about claim `c`, sent on `on`, breaks (empty: lawful). Used
/// to judge recorded letters, so that a warning names each rule, not only the first.
pub fn fee_violations(c: &Claim, step: Step, on: NaiveDate, fee: Decimal) -> Vec<&'static str> {
    let mut broken = Vec::new();
    if fee <= Decimal::ZERO {
        return broken;
    }
    if !matches!(step, Step::Reminder | Step::Notice) {
        broken.push(rules::FEE_ONLY_ON_WRITTEN_REMINDER);
    }
    if on < add_days(c.due.max(c.effective_due), FOURTEEN_DAYS) {
        broken.push(rules::REMINDER_FEE_AFTER_14_DAYS);
    }
    if fee_cap(c.due, on).is_some_and(|cap| fee > cap) {
        broken.push(rules::FEE_CAP);
    }
    let counting = c.fees_counting(on);
    if counting.len() >= MAX_FEES_PER_CLAIM {
        broken.push(rules::FEE_COUNT);
    } else if counting.last().is_some_and(|first| on <= first.deadline) {
        broken.push(rules::SECOND_FEE_AFTER_MISSED_DEADLINE);
    }
    broken
}

// --- the new inkassolov (LOV-2026-05-22-19), from `law.newActFrom` ---

/// The collection act in force (`law`): the new inkassolov (LOV-2026-05-22-19) applies to steps taken from
/// `newActFrom`. **Provisional**: the day is set by royal decree and has been signalled for 1 January 2027;
/// when the decree is published, this is the one field to change. From that day the gym sends no collection
/// notice (only an agency may send an inkassovarsel, § 20): a claim goes from the written reminder to
/// `hand_over_to_collection` after the reminder's deadline, and the creditor's own notice fee is gone.
///
/// The fee-bearing written reminder under the new act ("gebyrbelagte kravbrev", § 19) waits for a regulation
/// not yet written; until then today's rule is the documented default: a fee of at most 1/20 of the
/// inkassosats, no earlier than `newActReminderFeeAfterDays` (14) after due. A gym may make that later, never
/// earlier, until the regulation is published.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LawRules {
    #[serde(with = "crate::dates::day")]
    pub new_act_from: NaiveDate,
    /// Days after due before a written reminder may carry a fee on days the new act governs (default 14).
    pub new_act_reminder_fee_after_days: i64,
}

/// [`may_take`] under the act in force on `on`: from the new act's day the gym sends no collection notice
/// (§ 20) and may hand a claim over once the deadline of its last lawful letter (a written reminder, or a
/// notice sent under the 1988 act) has passed.
pub fn may_take_under(
    c: &Claim,
    step: Step,
    on: NaiveDate,
    law: &LawRules,
) -> Result<(), &'static str> {
    if act_on(on, Some(law.new_act_from)) == Act::Inkassoloven2026 {
        match step {
            Step::Notice => return Err(rules::NOTICE_ONLY_BY_AGENCY),
            Step::HandOver => {
                return match c.letters.iter().map(|l| l.deadline).max() {
                    Some(d) if on > d => Ok(()),
                    _ => Err(rules::HAND_OVER_AFTER_REMINDER),
                }
            }
            _ => {}
        }
    }
    may_take(c, step, on)
}

/// [`fee_allowed`] under the act in force on `on`: under the new act no fee on the creditor's own notice
/// (there is none), and a written reminder's fee no earlier than `law.newActReminderFeeAfterDays` after due
/// (today's rule, 1/20 and 14 days, is the default until the regulation under § 19 is published).
pub fn fee_allowed_under(
    c: &Claim,
    step: Step,
    on: NaiveDate,
    law: &LawRules,
) -> Result<Decimal, &'static str> {
    if act_on(on, Some(law.new_act_from)) == Act::Inkassoloven2026 {
        if step == Step::Notice {
            return Err(rules::NOTICE_ONLY_BY_AGENCY);
        }
        if on
            < add_days(
                c.due.max(c.effective_due),
                law.new_act_reminder_fee_after_days,
            )
        {
            return Err(rules::REMINDER_FEE_AFTER_14_DAYS);
        }
    }
    fee_allowed(c, step, on)
}

/// [`fee_violations`] under the act in force on `on`.
pub fn fee_violations_under(
    c: &Claim,
    step: Step,
    on: NaiveDate,
    fee: Decimal,
    law: &LawRules,
) -> Vec<&'static str> {
    let mut broken = fee_violations(c, step, on, fee);
    if fee > Decimal::ZERO
        && step == Step::Notice
        && act_on(on, Some(law.new_act_from)) == Act::Inkassoloven2026
    {
        broken.insert(0, rules::NOTICE_ONLY_BY_AGENCY);
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        ymd(y, m, day)
    }

    #[test]
    fn the_table_is_in_date_order_and_has_its_sources() {
        assert!(INKASSOSATS
            .windows(2)
            .all(|w| w[0].from_date() < w[1].from_date()));
        assert!(INKASSOSATS.iter().all(|s| !s.source.is_empty()));
        assert_eq!(sats_on(d(2025, 12, 31)).map(|s| s.kroner), Some(700));
        // the 2026 line: FOR-2025-12-19-2709
        assert_eq!(sats_on(d(2026, 1, 1)).map(|s| s.kroner), Some(750));
        assert_eq!(sats_on(d(2016, 12, 31)), None);
    }

    #[test]
    fn caps_by_the_claims_due_date_and_the_day_sent() {
        // 2026: 750 / 20 = 37.50, rounded to 38
        assert_eq!(
            fee_cap(d(2026, 10, 1), d(2026, 10, 15)),
            Some(Decimal::from(38))
        );
        // a 2025 claim reminded in 2026 gets the 2026 cap
        assert_eq!(
            fee_cap(d(2025, 12, 1), d(2026, 1, 5)),
            Some(Decimal::from(38))
        );
        // 2020-10-01..2025: 35
        assert_eq!(
            fee_cap(d(2025, 3, 1), d(2025, 3, 20)),
            Some(Decimal::from(35))
        );
        // due before 1 Oct 2020: 1/10
        assert_eq!(
            fee_cap(d(2020, 9, 30), d(2020, 10, 20)),
            Some(Decimal::from(70))
        );
        assert_eq!(
            fee_cap(d(2020, 9, 30), d(2026, 1, 20)),
            Some(Decimal::from(75))
        );
        assert_eq!(fee_cap(d(2016, 1, 1), d(2016, 2, 1)), None);
        assert_eq!(highest_twentieth_cap(), Decimal::from(38));
    }

    #[test]
    fn the_act_in_force() {
        let new = Some(d(2027, 1, 1));
        assert_eq!(act_on(d(2026, 12, 31), new), Act::Inkassoloven1988);
        assert_eq!(act_on(d(2027, 1, 1), new), Act::Inkassoloven2026);
        assert_eq!(act_on(d(2027, 6, 1), None), Act::Inkassoloven1988);
    }

    #[test]
    fn deadlines_on_closed_days_run_to_the_next_business_day() {
        let cal = BankCalendar::default();
        // sent Friday 4 Dec 2026: 14 days is Friday 18 Dec, open
        assert_eq!(deadline(d(2026, 12, 4), 14, &cal), d(2026, 12, 18));
        // sent Saturday 12 Dec 2026: 26 Dec (Boxing Day, a Saturday) → Monday 28 Dec
        assert_eq!(deadline(d(2026, 12, 12), 14, &cal), d(2026, 12, 28));
        // sent Thursday 19 Mar 2026: 2 Apr is Maundy Thursday → Tuesday 7 Apr
        assert_eq!(deadline(d(2026, 3, 19), 14, &cal), d(2026, 4, 7));
    }

    #[test]
    fn fees_count_per_claim_and_start_again_after_six_months() {
        let cal = BankCalendar::default();
        let mut c = Claim::new(d(2026, 1, 1), d(2026, 1, 1));
        assert_eq!(
            fee_allowed(&c, Step::Reminder, d(2026, 1, 14)),
            Err(rules::REMINDER_FEE_AFTER_14_DAYS)
        );
        assert_eq!(
            fee_allowed(&c, Step::Sms, d(2026, 2, 1)),
            Err(rules::FEE_ONLY_ON_WRITTEN_REMINDER)
        );
        assert_eq!(
            fee_allowed(&c, Step::Reminder, d(2026, 1, 15)),
            Ok(Decimal::from(38))
        );
        let first = Letter {
            sent: d(2026, 1, 15),
            deadline: deadline(d(2026, 1, 15), 14, &cal),
            fee: true,
        };
        c.letters.push(first);
        assert_eq!(
            fee_allowed(&c, Step::Notice, first.deadline),
            Err(rules::SECOND_FEE_AFTER_MISSED_DEADLINE)
        );
        assert!(fee_allowed(&c, Step::Notice, add_days(first.deadline, 1)).is_ok());
        // two fee-bearing letters on one day: the second is a second fee before the first deadline
        assert_eq!(
            fee_violations(&c, Step::Notice, first.sent, Decimal::from(38)),
            vec![rules::SECOND_FEE_AFTER_MISSED_DEADLINE]
        );
        c.letters.push(Letter {
            sent: d(2026, 2, 1),
            deadline: d(2026, 2, 16),
            fee: true,
        });
        assert_eq!(
            fee_allowed(&c, Step::Reminder, d(2026, 3, 1)),
            Err(rules::FEE_COUNT)
        );
        // six months after the last fee-bearing letter the count starts again
        assert_eq!(
            fee_allowed(&c, Step::Reminder, d(2026, 7, 31)),
            Err(rules::FEE_COUNT)
        );
        assert!(fee_allowed(&c, Step::Reminder, d(2026, 8, 1)).is_ok());
    }

    #[test]
    fn a_recorded_fee_names_every_rule_it_breaks() {
        let c = Claim::new(d(2026, 11, 2), d(2026, 11, 2));
        assert_eq!(
            fee_violations(&c, Step::Reminder, d(2026, 11, 6), Decimal::from(70)),
            vec![rules::REMINDER_FEE_AFTER_14_DAYS, rules::FEE_CAP]
        );
        assert_eq!(
            fee_violations(&c, Step::Sms, d(2026, 11, 20), Decimal::from(10)),
            vec![rules::FEE_ONLY_ON_WRITTEN_REMINDER]
        );
        assert!(fee_violations(&c, Step::Reminder, d(2026, 11, 16), Decimal::from(38)).is_empty());
    }

    #[test]
    fn limitation_is_three_years_to_a_business_day() {
        let cal = BankCalendar::default();
        assert_eq!(limitation_ends(d(2023, 11, 1), &cal), d(2026, 11, 2)); // 1 Nov 2026 is a Sunday
        assert_eq!(limitation_ends(d(2023, 10, 2), &cal), d(2026, 10, 2));
        // the shortcut of `time_barred` agrees with the definition on every day around the end
        for start in [
            d(2023, 11, 1),
            d(2023, 12, 31),
            d(2024, 2, 29),
            d(2023, 1, 1),
        ] {
            let mut day = d(2025, 12, 1);
            while day < d(2027, 3, 1) {
                assert_eq!(
                    time_barred(start, day, &cal),
                    day > limitation_ends(start, &cal),
                    "{start} {day}"
                );
                day = day.succ_opt().unwrap();
            }
        }
    }
}
