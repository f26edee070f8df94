//! One ladder per claim: the recorded history checked against the law, and each claim's next step.
//!
//! Every instalment is a claim in law. Its history is read from the member's `reminders`, oldest first, and
//! every recorded step is judged by [`crate::law`] for each claim it names, on the day it was sent:
//!
//! * a step dated after `asOf` has not happened (`recorded_step_not_after_as_of`);
//! * a reminder or collection notice on or before the claim's due date is no step at all
//!   (`reminder_after_due_date`, `collection_notice_after_due_date`);
//! * a fee on an SMS, a fee less than 14 days after due, above the cap of that day, beyond the two fees § 1-3
//!   allows, or a second fee before the first letter's deadline was missed is unlawful.
//!
//! An unlawful step becomes a warning on the assessment naming the rule, and **does not count as taken**: the
//! ladder does not build on it. A letter with an unlawful fee counts for none of its claims and its whole
//! fee is to be refunded (`refund_fee`) — the engine treats the letter as not sent rather than splitting it
//! into a lawful letter and an unlawful surcharge, which is the reading that can never overcharge.
//!
//! A recorded letter's deadline is the policy's deadline for that step, never less than 14 days, moved to
//! the next business day when it ends on a closed day ([`crate::law::deadline`]).
//!
//! The next step of a claim ([`next_step`]) is the rung after the furthest lawful step, no earlier than the
//! policy's days after due and the deadline of the step before it. Several claims share one letter only when
//! each qualifies for that step on that day, and a letter carries a fee only when every claim it names may
//! carry one (the grouping is in `actions.rs`).
//!
//! Credit balances ([`set_off`]): what was paid or credited beyond an instalment's amount pays the oldest
//! open claim first (by effective due date), and each such set-off is reported, so the desk can tell the
//! member how payments were applied.

use crate::input::ReminderKind;
use crate::instalment_facts::InstalmentFacts;
use crate::law::{self, rules, Claim, Letter, Step};
use crate::member::Member;
use crate::money::Money;
use crate::output::{DataWarning, SetOff};
use crate::policy::Policy;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The lawful history of one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSteps {
    pub law: Claim,
    /// The last lawful SMS.
    pub sms: Option<NaiveDate>,
    /// Lawful written reminders, in the order sent.
    pub written: Vec<Letter>,
}

/// A fee charged against the law, to be refunded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub sent_on: NaiveDate,
    pub kind: ReminderKind,
    pub fee: Decimal,
    pub instalment_ids: Vec<String>,
    pub rule: &'static str,
}

/// The recorded history of a member, judged.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// Parallel to `member.instalments`.
    pub claims: Vec<ClaimSteps>,
    /// Recorded steps that break a rule, each naming it.
    pub warnings: Vec<DataWarning>,
    pub refunds: Vec<Refund>,
}

fn step_of(kind: ReminderKind) -> Step {
    match kind {
        ReminderKind::Sms => Step::Sms,
        ReminderKind::Reminder => Step::Reminder,
        ReminderKind::CollectionNotice => Step::Notice,
    }
}

fn explain(rule: &str) -> &'static str {
    match rule {
        rules::STEP_NOT_IN_FUTURE => "dated after the assessment day, so it has not happened yet",
        rules::REMINDER_AFTER_DUE => "sent on or before the due date, so it is no reminder",
        rules::NOTICE_AFTER_DUE => "a collection notice can only be sent after the due date",
        rules::FEE_ONLY_ON_WRITTEN_REMINDER => "a fee may only be charged on a written reminder",
        rules::REMINDER_FEE_AFTER_14_DAYS => "a fee requires the letter to be sent at least 14 days after the due date",
        rules::FEE_CAP => "the fee is above the cap of that day (1/20 of the inkassosats, 1/10 for claims due before 1 Oct 2020)",
        rules::FEE_COUNT => "a claim may carry at most two fees (the count starts again six months after the last fee)",
        rules::SECOND_FEE_AFTER_MISSED_DEADLINE => "a second fee only after the first letter's 14-day deadline was missed",
        rules::NOTICE_ONLY_BY_AGENCY => "under the new inkassolov (from law.newActFrom) only a collection agency may send an inkassovarsel",
        _ => "it breaks the rule",
    }
}

/// The deadline the policy gives a step, never less than the law's 14 days for letters.
fn deadline_days(step: Step, policy: &Policy) -> i64 {
    let l = &policy.ladder;
    match step {
        Step::Reminder => l.reminder.deadline_days.max(law::FOURTEEN_DAYS),
        Step::Notice => l.collection_notice.deadline_days.max(law::FOURTEEN_DAYS),
        _ => 0,
    }
}

/// Judges the recorded reminders of a member, claim by claim, on the days they were sent.
pub fn judge(m: &Member, facts: &[InstalmentFacts], as_of: NaiveDate, policy: &Policy) -> History {
    let cal = &policy.nets.bank_calendar;
    let mut claims: Vec<ClaimSteps> = m
        .instalments
        .iter()
        .zip(facts)
        .map(|(inst, f)| ClaimSteps {
            law: Claim::new(inst.due_on, f.effective_due),
            sms: None,
            written: Vec::new(),
        })
        .collect();
    let mut warnings = Vec::new();
    let mut refunds = Vec::new();
    if m.reminders.is_empty() {
        // most members: nothing sent, nothing to judge (and no index to build)
        return History {
            claims,
            warnings,
            refunds,
        };
    }
    let mut covers = Covers::new(m, facts);
    for r in &m.reminders {
        let covered = covers.covered(m, facts, r);
        let ids = |idx: &[usize]| -> Vec<String> {
            idx.iter().map(|&i| m.instalments[i].id.clone()).collect()
        };
        let mut warn = |rule: &'static str, about: &[usize], tail: &str| {
            warnings.push(DataWarning {
                field: format!("reminders[{}]", r.index),
                message: format!(
                    "{} of {} about {}: {}; not counted as taken{tail}",
                    r.kind.code(),
                    crate::dates::format_date(r.sent_on),
                    if about.is_empty() {
                        "no open claim".to_string()
                    } else {
                        ids(about).join(", ")
                    },
                    explain(rule)
                ),
                rule: Some(rule.to_string()),
            })
        };
        if r.sent_on > as_of {
            warn(rules::STEP_NOT_IN_FUTURE, &covered, "");
            continue;
        }
        let step = step_of(r.kind);
        let mut lawful: Vec<usize> = Vec::with_capacity(covered.len());
        let mut step_rule: Option<(&'static str, Vec<usize>)> = None;
        for &i in &covered {
            match law::may_take_under(&claims[i].law, step, r.sent_on, &policy.law) {
                Ok(()) => lawful.push(i),
                Err(rule) => step_rule.get_or_insert((rule, Vec::new())).1.push(i),
            }
        }
        // the fee is lawful only where every claim the letter names may carry it
        let mut fee_rules: Vec<&'static str> = Vec::new();
        if crate::money::positive(r.fee) {
            if let Some((rule, _)) = &step_rule {
                fee_rules.push(rule);
            }
            for &i in &lawful {
                for rule in
                    law::fee_violations_under(&claims[i].law, step, r.sent_on, r.fee, &policy.law)
                {
                    if !fee_rules.contains(&rule) {
                        fee_rules.push(rule);
                    }
                }
            }
        }
        if let Some(&first) = fee_rules.first() {
            let tail = format!("; its fee of {} kr is to be refunded", Money(r.fee));
            for rule in &fee_rules {
                warn(rule, &covered, &tail);
            }
            refunds.push(Refund {
                sent_on: r.sent_on,
                kind: r.kind,
                fee: r.fee,
                instalment_ids: ids(&covered),
                rule: first,
            });
            continue;
        }
        if let Some((rule, about)) = step_rule {
            warn(rule, &about, "");
        }
        let fee = crate::money::positive(r.fee);
        // one deadline for the letter, whatever claims it names
        let letter = Letter {
            sent: r.sent_on,
            deadline: law::deadline(r.sent_on, deadline_days(step, policy), cal),
            fee,
        };
        for i in lawful {
            let c = &mut claims[i];
            match step {
                Step::Sms => c.sms = c.sms.max(Some(r.sent_on)),
                Step::Reminder => {
                    c.written.push(letter);
                    c.law.letters.push(letter);
                }
                Step::Notice => {
                    c.law.notice = Some(letter);
                    c.law.letters.push(letter);
                }
                Step::HandOver => {}
            }
        }
    }
    History {
        claims,
        warnings,
        refunds,
    }
}

/// The claims a recorded reminder names: the instalment its id names, or, without an id, every instalment
/// overdue when it was sent (the tests walk every instalment to check it). Reminders come in date order, so the
/// instalments overdue on the day are kept in an ordered set as the days go by — each instalment joins once
/// and leaves once — and ids are looked up in a sorted list (issue 14: O((instalments + reminders) log n)
/// plus what the reminders name, not instalments × reminders).
pub(crate) struct Covers<'a> {
    /// (id, position) sorted by id then position: `position` finds the first of equal ids.
    ids: Vec<(&'a str, usize)>,
    /// Instalments by effective due date: they join the open set once the day is after it.
    by_due: Vec<usize>,
    /// Instalments paid in full, by the day they were paid: they leave once the day is after it.
    by_paid: Vec<(NaiveDate, usize)>,
    /// The instalments open on the day, in instalment order (a sorted vector: each joins and leaves once).
    open: Vec<usize>,
    next_due: usize,
    next_paid: usize,
}

/// Whether instalment `i` is one a reminder without an id, sent on `sent`, is about.
fn overdue_when_sent(m: &Member, facts: &[InstalmentFacts], i: usize, sent: NaiveDate) -> bool {
    match (m.instalments.get(i), facts.get(i)) {
        (Some(inst), Some(f)) => {
            sent > f.effective_due
                && !(f.outstanding.is_zero() && inst.paid_on.is_some_and(|p| p < sent))
        }
        _ => false,
    }
}

impl<'a> Covers<'a> {
    pub(crate) fn new(m: &'a Member, facts: &[InstalmentFacts]) -> Covers<'a> {
        // each index only when some reminder asks it: by id for reminders naming an instalment, by day for
        // those that do not
        let named = m.reminders.iter().any(|r| r.instalment_id.is_some());
        let unnamed = m.reminders.iter().any(|r| r.instalment_id.is_none());
        let mut ids: Vec<(&'a str, usize)> = Vec::new();
        if named {
            ids = m
                .instalments
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), i))
                .collect();
            crate::order::sort(&mut ids);
        }
        let n = if unnamed {
            m.instalments.len().min(facts.len())
        } else {
            0
        };
        let mut by_due: Vec<usize> = (0..n).collect();
        crate::order::sort_by_key(&mut by_due, |&i| facts.get(i).map(|f| f.effective_due));
        let mut by_paid: Vec<(NaiveDate, usize)> = (0..n)
            .filter_map(|i| {
                let f = facts.get(i)?;
                let p = m.instalments.get(i)?.paid_on?;
                f.outstanding.is_zero().then_some((p, i))
            })
            .collect();
        crate::order::sort(&mut by_paid);
        Covers {
            ids,
            by_due,
            by_paid,
            open: Vec::new(),
            next_due: 0,
            next_paid: 0,
        }
    }

    pub(crate) fn covered(
        &mut self,
        m: &Member,
        facts: &[InstalmentFacts],
        r: &crate::member::Reminder,
    ) -> Vec<usize> {
        let sent = r.sent_on;
        if let Some(id) = &r.instalment_id {
            let k = self.ids.partition_point(|e| e.0 < id.as_str());
            return self
                .ids
                .get(k)
                .filter(|e| e.0 == id.as_str())
                .map(|e| e.1)
                .into_iter()
                .collect();
        }
        // (validation sorts reminders by the day sent: `Member`'s invariant)
        // paid in full before the day: out, for good
        while let Some(&(p, i)) = self.by_paid.get(self.next_paid) {
            if p >= sent {
                break;
            }
            if let Ok(k) = self.open.binary_search(&i) {
                self.open.remove(k);
            }
            self.next_paid += 1;
        }
        // due before the day: in, unless already paid in full before it
        while let Some(&i) = self.by_due.get(self.next_due) {
            if facts.get(i).is_none_or(|f| f.effective_due >= sent) {
                break;
            }
            if overdue_when_sent(m, facts, i, sent) {
                if let Err(k) = self.open.binary_search(&i) {
                    self.open.insert(k, i);
                }
            }
            self.next_due += 1;
        }
        self.open.clone()
    }
}

/// A rung of the policy's ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rung {
    Sms,
    Reminder(u32),
    Notice,
    HandOver,
}

impl Rung {
    pub fn step(self) -> Step {
        match self {
            Rung::Sms => Step::Sms,
            Rung::Reminder(_) => Step::Reminder,
            Rung::Notice => Step::Notice,
            Rung::HandOver => Step::HandOver,
        }
    }
}

/// The rungs the policy uses, in order.
fn ladder(policy: &Policy) -> impl Iterator<Item = Rung> + '_ {
    let l = &policy.ladder;
    let reminders = if l.reminder.enabled {
        l.reminder.max_count
    } else {
        0
    };
    l.sms
        .enabled
        .then_some(Rung::Sms)
        .into_iter()
        .chain((0..reminders).map(Rung::Reminder))
        .chain(l.collection_notice.enabled.then_some(Rung::Notice))
        .chain(l.hand_over.enabled.then_some(Rung::HandOver))
}

/// The next step of one claim and the first day the claim qualifies for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Next {
    pub rung: Rung,
    pub earliest: NaiveDate,
    /// For a hand-over: the collection notice's deadline that must have passed.
    pub notice_deadline: Option<NaiveDate>,
}

/// The rung after the furthest lawful step of a claim, and the earliest day for it.
pub fn next_step(c: &ClaimSteps, policy: &Policy) -> Option<Next> {
    let l = &policy.ladder;
    let done: Option<Rung> = if c.law.notice.is_some() {
        Some(Rung::Notice)
    } else if !c.written.is_empty() {
        let n = u32::try_from(c.written.len()).unwrap_or(u32::MAX);
        Some(Rung::Reminder(n.min(l.reminder.max_count.max(1)) - 1))
    } else {
        c.sms.map(|_| Rung::Sms)
    };
    let rung = match done {
        None => ladder(policy).next(),
        Some(d) => ladder(policy).find(|r| *r > d),
    }?;
    let due = c.law.effective_due;
    let mut earliest = law::add_days(
        due,
        match rung {
            Rung::Sms => l.sms.after_days,
            Rung::Reminder(_) => l.reminder.after_days,
            Rung::Notice => l.collection_notice.after_days,
            Rung::HandOver => 0,
        },
    );
    let after_prev = match done {
        Some(Rung::Sms) => c.sms.map(|s| law::add_days(s, l.min_days_between_steps)),
        Some(Rung::Reminder(_)) => c.written.last().map(|w| {
            law::add_days(w.deadline, 1).max(law::add_days(w.sent, l.min_days_between_steps))
        }),
        Some(Rung::Notice) => c
            .law
            .notice
            .map(|n| law::add_days(n.deadline, 1 + l.hand_over.grace_days)),
        _ => None,
    };
    earliest = earliest.max(after_prev.unwrap_or(earliest));
    // never on or before the due date
    earliest = earliest.max(law::add_days(due, 1));
    let notice_deadline = if rung == Rung::HandOver {
        Some(c.law.notice?.deadline)
    } else {
        None
    };
    Some(Next {
        rung,
        earliest,
        notice_deadline,
    })
}

/// The fee the policy charges for `rung` on claim `c` if sent on `on`: the policy's fee, at most the law's
/// cap for that claim that day, and nothing where the law allows no fee.
pub fn fee_for(c: &ClaimSteps, rung: Rung, on: NaiveDate, policy: &Policy) -> Decimal {
    let l = &policy.ladder;
    let configured = match rung {
        Rung::Reminder(_) => l.reminder.fee.0,
        Rung::Notice => l.collection_notice.fee.0,
        _ => Decimal::ZERO,
    };
    if configured <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    law::fee_allowed_under(&c.law, rung.step(), on, &policy.law)
        .map(|cap| configured.min(cap))
        .unwrap_or(Decimal::ZERO)
}

/// Under the new act (from `law.newActFrom`) the gym sends no collection notice: a claim whose next rung is
/// the notice, to be taken on `on` or later under the new act, is handed over instead once the deadline of its
/// last lawful letter (and the hand-over's grace days) has passed. Without such a letter the next step is the
/// written reminder, whether or not the policy's ladder has one (the new act's ladder is SMS → written reminder
/// → hand-over). `None` when the policy hands nothing over.
pub fn new_act_step(c: &ClaimSteps, next: Next, on: NaiveDate, policy: &Policy) -> Option<Next> {
    if next.rung != Rung::Notice
        || law::act_on(on, Some(policy.law.new_act_from)) != law::Act::Inkassoloven2026
    {
        return Some(next);
    }
    let l = &policy.ladder;
    let due = c.law.effective_due;
    match c.law.letters.iter().map(|w| w.deadline).max() {
        Some(deadline) => l.hand_over.enabled.then(|| Next {
            rung: Rung::HandOver,
            earliest: law::add_days(deadline, 1 + l.hand_over.grace_days)
                .max(law::add_days(due, 1)),
            notice_deadline: Some(deadline),
        }),
        None => Some(Next {
            rung: Rung::Reminder(0),
            earliest: law::add_days(due, l.reminder.after_days.max(1)),
            notice_deadline: None,
        }),
    }
}

/// Applies credit balances to open claims, oldest effective due date first. `open` says which instalments
/// may receive a set-off (not waived, not billed in a freeze or after cancellation); `due` gives each
/// instalment's effective due date. Returns each instalment's outstanding after set-off and the set-offs.
pub fn set_off(m: &Member, open: &[bool], due: &[NaiveDate]) -> (Vec<Decimal>, Vec<SetOff>) {
    let mut outstanding: Vec<Decimal> = m.instalments.iter().map(|i| i.outstanding()).collect();
    let mut moves = Vec::new();
    if !m
        .instalments
        .iter()
        .any(|src| crate::money::positive(surplus_of(src)))
    {
        // most members: nothing paid beyond what was billed, so nothing to set off (and nothing to sort)
        return (outstanding, moves);
    }
    let mut order: Vec<usize> = (0..m.instalments.len()).collect();
    crate::order::sort_by_key(&mut order, |&i| (due.get(i).copied(), i));
    // the claims that can take a set-off, oldest first. A surplus drains them from the front — the first
    // in full before the next — so those still open are always the ones from `first` on, and the walk is
    // instalments + set-offs long, not instalments × instalments (issue 14). A source, having a surplus,
    // has nothing outstanding, so it is never among them.
    let takers: Vec<usize> = order
        .into_iter()
        .filter(|&t| {
            open.get(t).copied().unwrap_or(false)
                && outstanding
                    .get(t)
                    .is_some_and(|o| crate::money::positive(*o))
        })
        .collect();
    let mut first = 0;
    for src in &m.instalments {
        if src.waived {
            continue;
        }
        let mut surplus = surplus_of(src);
        while crate::money::positive(surplus) {
            let Some(&t) = takers.get(first) else {
                break;
            };
            let Some(left) = outstanding.get_mut(t) else {
                first += 1;
                continue;
            };
            // both at most MAX_AMOUNT-bounded sums (validate.rs): `min` and the differences cannot overflow
            let take = surplus.min(*left);
            *left -= take;
            surplus -= take;
            if *left <= Decimal::ZERO {
                first += 1;
            }
            moves.push(SetOff {
                from: src.id.clone(),
                to: m
                    .instalments
                    .get(t)
                    .map(|x| x.id.clone())
                    .unwrap_or_default(),
                amount: Money(take),
            });
        }
    }
    (outstanding, moves)
}

/// What an instalment was paid and credited beyond its amount (zero when waived: a waived instalment's money
/// is not set off).
fn surplus_of(src: &crate::member::Instalment) -> Decimal {
    // most instalments: nothing credited and paid at most the amount, so no surplus (one comparison)
    if src.waived
        || (src.credited.is_zero()
            && crate::money::cmp(src.paid, src.amount) != std::cmp::Ordering::Greater)
    {
        return Decimal::ZERO;
    }
    src.paid
        .checked_add(src.credited)
        .and_then(|p| p.checked_sub(src.amount))
        .unwrap_or(Decimal::ZERO)
}
