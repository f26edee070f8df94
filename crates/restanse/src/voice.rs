//! The member's voice: what the desk learned on a call, what the member disputes, and what the gym knows of their
//! circumstances (`DESIGN.md`, "Contract additions (December 2026)"; `DOMAIN.md`, "Contacts, promises and
//! objections").
//!
//! * **Objections** (`objections[]`, and a contact whose outcome is `objection`): from `raisedOn` until
//!   `resolvedOn` the claims it names (every claim when it names none) get no step of the ladder at all — no
//!   SMS, no fee, no escalation, no hand-over — and the objection asks for an answer (`answer_objection`)
//!   within 7 days of being raised (inkassoloven 2026 § 17: "preferably within one week"). Once resolved the
//!   claim is followed up again. Under the new act (§ 18) a claim once objected to carries no recovery costs
//!   on any day the new act governs, unless the objection was marked `groundless`. Under the 1988 act the
//!   engine charges no fee while the objection is open and the ordinary fee after it is resolved (the 1988
//!   act's "reasonable objection" test is a judgement the desk makes when it resolves).
//!   An objection logged as a contact is the same objection as an `objections` entry raised on the same day,
//!   which is how it is resolved.
//! * **Hardship** (`hardship[]`): while it covers a day, no step of the ladder is taken on that day (inkassoloven
//!   2026 § 14: reasonable adaptation; the engine applies it under both acts, as good collection practice). A
//!   step that would fall inside a hardship with an end waits until the day after it; one without an end is
//!   suppressed. The ladder becomes an offer — a repayment plan (payment difficulty) or a freeze or deferral
//!   (illness, an institutional stay) — and a call.
//! * **Promises** (a contact with outcome `promise`): the claims overdue on the day of the call (or, when none
//!   was, those due by `promisedOn`) are not escalated or chased before `promisedOn` + `contacts.promiseGraceDays`.
//!   After that the promise is **kept** when what was paid on those claims from the call to that day covers
//!   `amount` (or, without an amount, the claims are paid), and **broken** otherwise: signal `promise_broken`,
//!   the ladder resumes, and the scorecard counts it (`scorecard.promiseBroken`).
//! * **Calls**: an unanswered call (`no_answer`) is retried no sooner than `contacts.noAnswerRetryDays` later;
//!   after `contacts.noAnswerAttempts` unanswered contacts in a row on one channel the next contact uses
//!   another channel (phone → sms → email → letter). A call that reached the member (`reached`, `refused`) is
//!   not repeated before `contacts.callAgainAfterDays`. `wrong_number` turns the next call into checking the
//!   contact details at the desk. The last contact is shown in the `unpaid_instalments` evidence.
//!
//! This module derives what the voice means on `asOf` ([`VoiceFacts`]: the objections raised, the hardship, each
//! promise kept, broken or pending, the next call), once per member, for [`crate::derive`]. The lists as
//! exported are part of the input contract ([`crate::input::ContactInput`] and its siblings); `validate` checks
//! them into the member's [`MemberVoice`] ([`crate::member`]); [`crate::voice_steps`] turns the facts into
//! signals and actions.

use crate::codes::Channel;
use crate::input::ContactOutcome;
use crate::instalment_facts::InstalmentFacts;
use crate::member::{Contact, Hardship, Instalment, MemberVoice, Objection};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A promise, judged on `asOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct Promise {
    /// The contact it was made in.
    pub made_on: NaiveDate,
    pub promised_on: NaiveDate,
    /// `promisedOn` + the grace days: the last day nothing is escalated.
    pub holds_until: NaiveDate,
    pub amount: Option<Decimal>,
    /// What was paid on its claims from the call to `holds_until`.
    pub paid: Decimal,
    /// The claims it covers (instalment indices).
    pub claims: Vec<usize>,
    pub state: PromiseState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseState {
    /// Its day has not passed: it holds escalation.
    Pending,
    Kept,
    Broken,
}

/// The next contact after the last ones: when, by which channel, and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallPlan {
    /// No contact before this day.
    pub not_before: Option<NaiveDate>,
    /// Another channel, after `noAnswerAttempts` unanswered contacts on the last one.
    pub channel: Option<Channel>,
    /// Unanswered contacts in a row on the last channel.
    pub unanswered: u32,
    /// The number was wrong on this day: check the contact details first.
    pub wrong_number: Option<NaiveDate>,
}

/// The member's voice as it bears on `asOf` (one per member, derived once).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VoiceFacts {
    /// Objections raised on or before `asOf` (later ones have not happened).
    pub objections: Vec<Objection>,
    /// Hardship registered (a future one too: it covers the days it names).
    pub hardship: Vec<Hardship>,
    pub promises: Vec<Promise>,
    pub calls: CallPlan,
    /// The last contact on or before `asOf`.
    pub last_contact: Option<Contact>,
}

/// The next channel to try after unanswered contacts on `c`.
pub fn other_channel(c: Channel) -> Channel {
    match c {
        Channel::Phone => Channel::Sms,
        Channel::Sms => Channel::Email,
        Channel::Email => Channel::Letter,
        _ => Channel::Phone,
    }
}

/// Derives the voice facts of a member on `as_of`. `ids` are the instalments' ids, `facts` their facts and
/// `open` the indices of the overdue claims (fee and plan) on `as_of`.
pub fn derive(
    v: &MemberVoice,
    instalments: &[Instalment],
    facts: &[InstalmentFacts],
    open: &[usize],
    as_of: NaiveDate,
    policy: &crate::policy::Policy,
) -> VoiceFacts {
    let rules = &policy.contacts;
    let past: Vec<&Contact> = v.contacts.iter().filter(|c| c.on <= as_of).collect();
    // which claims are open, asked once per claim of every promise (issue 14: not claims × open), and what
    // each instalment still owes, worked out once, not once per promise; only for a member with a promise
    let has_promise = past.iter().any(|c| c.outcome == ContactOutcome::Promise);
    let is_open = if has_promise {
        membership(open, instalments.len())
    } else {
        Vec::new()
    };
    let owing: Vec<bool> = if has_promise {
        instalments.iter().map(|inst| inst.owes()).collect()
    } else {
        Vec::new()
    };
    let mut promises = Vec::new();
    for c in past.iter().filter(|c| c.outcome == ContactOutcome::Promise) {
        let Some(promised_on) = c.promised_on else {
            continue;
        };
        let holds_until = crate::law::add_days(promised_on, rules.promise_grace_days);
        // the claims overdue on the day of the call; when none was, those due by the promised day
        let due = |i: usize| facts.get(i).map(|f| f.effective_due);
        let unsettled = |i: usize| {
            owing.get(i).copied().unwrap_or(false)
                || instalments
                    .get(i)
                    .is_some_and(|inst| inst.paid_on.is_some_and(|p| p >= c.on))
        };
        let all: Vec<usize> = (0..instalments.len()).filter(|&i| unsettled(i)).collect();
        let mut claims: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| due(i).is_some_and(|d| d < c.on))
            .collect();
        if claims.is_empty() {
            claims = all
                .into_iter()
                .filter(|&i| due(i).is_some_and(|d| d <= promised_on))
                .collect();
        }
        let paid: Decimal = claims
            .iter()
            .filter_map(|&i| instalments.get(i))
            .filter(|inst| inst.paid_on.is_some_and(|p| c.on <= p && p <= holds_until))
            .fold(Decimal::ZERO, |s, inst| s.saturating_add(inst.paid));
        let settled = claims
            .iter()
            .all(|&i| !is_open.get(i).copied().unwrap_or(false))
            && claims
                .iter()
                .filter_map(|&i| instalments.get(i))
                .all(|inst| inst.paid_on.is_none_or(|p| p <= holds_until));
        let state = if as_of <= holds_until {
            PromiseState::Pending
        } else if match c.amount {
            Some(a) => paid >= a,
            None => settled,
        } {
            PromiseState::Kept
        } else {
            PromiseState::Broken
        };
        promises.push(Promise {
            made_on: c.on,
            promised_on,
            holds_until,
            amount: c.amount,
            paid,
            claims,
            state,
        });
    }

    // the calls: spacing after the last contact, another channel after unanswered attempts
    let mut calls = CallPlan::default();
    if let Some(last) = past.last() {
        let mut unanswered = 0u32;
        for c in past.iter().rev() {
            if c.outcome == ContactOutcome::NoAnswer && c.channel == last.channel {
                unanswered = unanswered.saturating_add(1);
            } else {
                break;
            }
        }
        calls.unanswered = unanswered;
        match last.outcome {
            ContactOutcome::NoAnswer => {
                calls.not_before = Some(crate::law::add_days(last.on, rules.no_answer_retry_days));
                if unanswered >= rules.no_answer_attempts {
                    calls.channel = Some(other_channel(last.channel));
                }
            }
            ContactOutcome::WrongNumber => calls.wrong_number = Some(last.on),
            _ => {
                calls.not_before = Some(crate::law::add_days(last.on, rules.call_again_after_days))
            }
        }
    }
    VoiceFacts {
        objections: v
            .objections
            .iter()
            .filter(|o| o.raised_on <= as_of)
            .cloned()
            .collect(),
        hardship: v.hardship.clone(),
        promises,
        calls,
        last_contact: past.last().map(|c| (*c).clone()),
    }
}

impl VoiceFacts {
    /// The open objection covering claim `id` on `day`.
    pub fn objection_on(&self, id: &str, day: NaiveDate) -> Option<&Objection> {
        self.objections
            .iter()
            .find(|o| o.open_on(day) && o.names(id))
    }

    /// Objections open on `as_of`.
    pub fn open_objections(&self, as_of: NaiveDate) -> impl Iterator<Item = &Objection> {
        self.objections.iter().filter(move |o| o.open_on(as_of))
    }

    /// The hardship covering `day`.
    pub fn hardship_on(&self, day: NaiveDate) -> Option<&Hardship> {
        self.hardship.iter().find(|h| h.covers(day))
    }

    /// Whether a fee on claim `id` on `day` is barred by the member's voice: an open objection or a hardship on
    /// that day; and under the new act (from `new_act_from`), any objection raised before that day that was not
    /// groundless (inkassoloven 2026 § 18).
    pub fn fee_barred(&self, id: &str, day: NaiveDate, new_act_from: NaiveDate) -> bool {
        self.objection_on(id, day).is_some()
            || self.hardship_on(day).is_some()
            || (day >= new_act_from
                && self
                    .objections
                    .iter()
                    .any(|o| o.raised_on <= day && o.names(id) && !o.groundless))
    }

    /// The last day a pending promise holds claim `i` (escalation waits until the day after).
    pub fn promise_holds(&self, i: usize) -> Option<NaiveDate> {
        // a promise's claims are in instalment order (`derive` collects them so): a binary search
        self.promises
            .iter()
            .filter(|p| p.state == PromiseState::Pending && p.claims.binary_search(&i).is_ok())
            .map(|p| p.holds_until)
            .max()
    }

    /// Broken promises whose claims are still open.
    pub fn broken(&self, open: &[usize]) -> Vec<&Promise> {
        let n = open.iter().max().map_or(0, |&m| m.saturating_add(1));
        let is_open = membership(open, n);
        self.promises
            .iter()
            .filter(|p| {
                p.state == PromiseState::Broken
                    && p.claims
                        .iter()
                        .any(|&i| is_open.get(i).copied().unwrap_or(false))
            })
            .collect()
    }
}

/// `open` as a table of `n` answers (issue 14: a lookup, not a walk over `open` for every claim).
fn membership(open: &[usize], n: usize) -> Vec<bool> {
    let mut is_open = vec![false; n];
    for &i in open {
        if let Some(slot) = is_open.get_mut(i) {
            *slot = true;
        }
    }
    is_open
}
