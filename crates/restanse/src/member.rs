//! A validated member: the input after [`crate::validate`] has checked it, with its lists in date order —
//! its instalments, holds and reminders, and what the desk heard ([`MemberVoice`]: contacts, objections,
//! hardship).
//!
//! Everything downstream ([`crate::derive`] and on) may rely on these invariants: ids are non-empty and
//! unique, money is never negative, holds end on or after they start, and `instalments`, `visits`,
//! `holds`, `reminders` and the voice's lists are sorted by date.

use crate::codes::Channel;
use crate::input::{
    ContactOutcome, HardshipKind, HoldKind, InstalmentKind, MandateState, PaymentMethod,
    ReminderKind,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: String,
    pub joined_on: NaiveDate,
    pub binding_ends_on: Option<NaiveDate>,
    pub cancelled_on: Option<NaiveDate>,
    pub monthly_fee: Option<Decimal>,
    pub payment_method: Option<PaymentMethod>,
    pub mandate: MandateState,
    pub access_blocked: bool,
    pub instalments: Vec<Instalment>,
    pub visits: Vec<NaiveDate>,
    pub holds: Vec<Hold>,
    pub reminders: Vec<Reminder>,
    pub plan_agreed_on: Option<NaiveDate>,
    /// The fee instalments the plan names; empty: those overdue when it was agreed.
    pub plan_instalment_ids: Vec<String>,
    /// Contacts, objections and hardship, validated and in date order (what the `voice` stage derives from).
    pub voice: MemberVoice,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Instalment {
    pub id: String,
    pub due_on: NaiveDate,
    pub amount: Decimal,
    pub paid: Decimal,
    pub paid_on: Option<NaiveDate>,
    pub credited: Decimal,
    pub waived: bool,
    pub kind: InstalmentKind,
}

impl Instalment {
    /// amount − paid − credited, never below zero; zero when waived. (Never inlined: it is called from
    /// many places, and one copy keeps the WebAssembly module within its budget.)
    #[inline(never)]
    pub fn outstanding(&self) -> Decimal {
        if self.waived {
            return Decimal::ZERO;
        }
        // the common cases without decimal arithmetic, giving the very same value and scale (rust_decimal keeps
        // the scale of `x` in `x - 0` for a non-zero `x`, and `0 - z` is `z`'s zero): nothing paid or
        // credited, paid in full, or paid beyond the amount
        if self.credited.is_zero() && self.credited.is_sign_positive() {
            if self.paid.is_zero() && !self.amount.is_zero() {
                return crate::money::at_least_zero(self.amount);
            }
            match crate::money::cmp(self.paid, self.amount) {
                Ordering::Greater => return Decimal::ZERO,
                Ordering::Equal
                    if !self.amount.is_zero() && self.paid.scale() == self.amount.scale() =>
                {
                    return self.credited
                }
                _ => {}
            }
        }
        // checked: a member built without validation (amounts above MAX_AMOUNT) cannot make it panic; an
        // overflow can only come from paying far beyond the amount, which leaves nothing outstanding
        let left = self
            .amount
            .checked_sub(self.paid)
            .and_then(|d| d.checked_sub(self.credited))
            .unwrap_or(Decimal::ZERO);
        crate::money::at_least_zero(left)
    }

    /// Whether anything is outstanding (`outstanding() > 0`), mostly without decimal arithmetic.
    pub fn owes(&self) -> bool {
        if self.waived {
            return false;
        }
        if self.credited.is_zero() {
            return crate::money::cmp(self.amount, self.paid) == Ordering::Greater;
        }
        crate::money::positive(self.outstanding())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hold {
    pub kind: HoldKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub note: Option<String>,
}

impl Hold {
    /// Whether the day falls inside the hold (both ends included).
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// `freeze 2026-11-01–2026-12-31`, the form suppressions cite.
    pub fn label(&self) -> String {
        format!(
            "{} {}–{}",
            self.kind.code(),
            crate::dates::format_date(self.from),
            crate::dates::format_date(self.to)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    pub sent_on: NaiveDate,
    pub kind: ReminderKind,
    pub fee: Decimal,
    pub instalment_id: Option<String>,
    /// The record's position in the input's `reminders`, for warnings (`reminders[2]`).
    pub index: usize,
}

/// A validated contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub on: NaiveDate,
    pub channel: Channel,
    pub outcome: ContactOutcome,
    pub promised_on: Option<NaiveDate>,
    pub amount: Option<Decimal>,
    pub note: Option<String>,
}

/// A validated objection (from `objections[]` or a contact whose outcome is `objection`).
#[derive(Debug, Clone, PartialEq)]
pub struct Objection {
    pub raised_on: NaiveDate,
    /// Empty: every open claim.
    pub instalment_ids: Vec<String>,
    pub reason: String,
    pub resolved_on: Option<NaiveDate>,
    pub groundless: bool,
    /// `instalment_ids` sorted, so that [`Objection::names`] is a binary search (issue 14: every claim asks
    /// every objection, and one objection may name every instalment).
    sorted_ids: Vec<String>,
}

impl Objection {
    pub fn new(
        raised_on: NaiveDate,
        instalment_ids: Vec<String>,
        reason: String,
        resolved_on: Option<NaiveDate>,
        groundless: bool,
    ) -> Objection {
        let mut sorted_ids = instalment_ids.clone();
        crate::order::sort(&mut sorted_ids);
        Objection {
            raised_on,
            instalment_ids,
            reason,
            resolved_on,
            groundless,
            sorted_ids,
        }
    }

    /// Whether the objection disputes instalment `id`.
    pub fn names(&self, id: &str) -> bool {
        self.instalment_ids.is_empty()
            || self
                .sorted_ids
                .binary_search_by(|x| x.as_str().cmp(id))
                .is_ok()
    }
    /// Whether it is open on `day` (raised, not yet resolved).
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.raised_on <= day && self.resolved_on.is_none_or(|r| day < r)
    }
    /// The day the answer is due: a week after it was raised.
    pub fn answer_by(&self) -> NaiveDate {
        crate::law::add_days(self.raised_on, ANSWER_WITHIN_DAYS)
    }
}

/// Days within which an objection is answered (inkassoloven 2026 § 17: preferably within one week).
pub const ANSWER_WITHIN_DAYS: i64 = 7;

/// A validated hardship.
#[derive(Debug, Clone, PartialEq)]
pub struct Hardship {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub kind: HardshipKind,
    pub note: Option<String>,
}

impl Hardship {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }
}

/// A member's contacts, objections and hardship, validated, in date order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberVoice {
    pub contacts: Vec<Contact>,
    pub objections: Vec<Objection>,
    pub hardship: Vec<Hardship>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// The shortcuts of `outstanding` give the same value, written the same way, as the arithmetic.
    #[test]
    fn outstanding_shortcuts_are_the_arithmetic() {
        let amounts = [
            "0", "0.00", "0.000", "549", "549.00", "549.5", "1000.000", "12.34", "-1",
        ];
        for a in amounts {
            for p in amounts {
                for c in amounts {
                    let d = |s: &str| Decimal::from_str(s).unwrap();
                    let inst = Instalment {
                        id: "I".into(),
                        due_on: NaiveDate::MIN,
                        amount: d(a),
                        paid: d(p),
                        paid_on: None,
                        credited: d(c),
                        waived: false,
                        kind: InstalmentKind::Fee,
                    };
                    let slow = (d(a) - d(p) - d(c)).max(Decimal::ZERO);
                    assert_eq!(
                        inst.outstanding().to_string(),
                        slow.to_string(),
                        "{a} {p} {c}"
                    );
                }
            }
        }
    }
}
