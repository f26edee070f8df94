//! The facts about one instalment on `as_of` — what it still owes, its effective due date, the hold it fell
//! in, whether it is overdue and by how many days — as [`crate::derive`] works them out, once per member
//! (`DESIGN.md`'s definitions are there).
//!
//! A module of its own, below the stages that read it: `derive` builds them, [`crate::claims`] judges the
//! recorded steps against them and [`crate::voice`] decides which claims a promise covers with them.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Facts about one instalment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InstalmentFacts {
    pub outstanding: Decimal,
    /// The due date after moving it past a deferral.
    pub effective_due: NaiveDate,
    /// Index of the freeze the instalment was billed inside, if any.
    pub in_freeze: Option<usize>,
    /// Index of the deferral that moved its due date, if any.
    pub in_deferral: Option<usize>,
    /// Billed after the membership was cancelled.
    pub after_cancellation: bool,
    pub overdue: bool,
    /// Days since the effective due date (negative before it).
    pub days_overdue: i64,
}
