//! From signals to today's actions: the reminder ladder and the contacts around it, dated and ranked, each
//! with the signals that caused it — and what must *not* be done, with the reason.
//!
//! The ladder runs per unpaid instalment (each is a separate claim in law; `claims.rs`): SMS → written
//! reminder → collection notice → hand-over, each step no earlier than the policy and the law allow for that
//! claim, counted from its effective due date and from its own step before. The next step is the one after
//! the furthest *lawful* step already sent. Claims share one action (one letter) only when each qualifies
//! for the same step on the same day with the same fee; each action lists its instalments.
//!
//! Holds win over the ladder: while a freeze or deferral covers `as_of` no reminder and no collection call
//! goes out, and an instalment billed inside a freeze or still covered by a deferral is never reminded. Each
//! such case is listed under `suppressed` with the hold that forbids it (`freeze 2026-11-01–2026-12-31`).
//!
//! Cancelling comes last and never first: `cancel_after_binding` is only suggested once the binding period
//! (extended by frozen days) is over, always after a contact action, and dated after the contact.

use crate::claims::{self, Rung};
use crate::codes::{ActionCode, SignalCode};
use crate::derive::Facts;
use crate::i18n;
use crate::law;
use crate::member::Member;
use crate::money::Money;
use crate::output::{Action, Signal, Suppressed};
use crate::policy::Policy;
use crate::signals::{hold_billing, SignalSet};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn rung_action(rung: Rung) -> ActionCode {
    match rung {
        Rung::Sms => ActionCode::SendSmsReminder,
        Rung::Reminder(_) => ActionCode::SendReminder,
        Rung::Notice => ActionCode::SendCollectionNotice,
        Rung::HandOver => ActionCode::HandOverToCollection,
    }
}

/// One claim's next step, placed on the day it is to be taken.
struct Placed {
    i: usize,
    rung: Rung,
    on: NaiveDate,
    fee: Decimal,
    notice_deadline: Option<NaiveDate>,
}

/// A collection notice or a hand-over: the steps that wait for contact ([`crate::policy::ContactFirst`]).
fn escalation(rung: Rung) -> bool {
    matches!(rung, Rung::Notice | Rung::HandOver)
}

/// Whether a step is a letter (a written reminder or a collection notice).
fn letter(rung: Rung) -> bool {
    matches!(rung, Rung::Reminder(_) | Rung::Notice)
}

/// One letter per member per day: letters of different kinds or fees that would go out on the same day are
/// spread over the following business days, the most advanced step first (a later letter is always a lawful
/// one), and each claim's fee is taken again for its new day.
fn one_letter_a_day(placed: &mut [Placed], m: &Member, f: &Facts, policy: &Policy) {
    // the letters of one day that may share an envelope: same step, same fee
    let key = |p: &Placed| (rung_action(p.rung), p.fee);
    let mut order: Vec<usize> = (0..placed.len())
        .filter(|&k| letter(placed[k].rung))
        .collect();
    crate::order::sort_by_key(&mut order, |&k| {
        (
            placed[k].on,
            std::cmp::Reverse(placed[k].rung),
            placed[k].fee,
            placed[k].i,
        )
    });
    let mut taken: Vec<(NaiveDate, (ActionCode, Decimal))> = Vec::new();
    for k in order {
        let cal = &policy.nets.bank_calendar;
        let mut on = placed[k].on;
        loop {
            match taken.iter().find(|(d, _)| *d == on) {
                Some((_, owner)) if *owner != key(&placed[k]) => {
                    on = on
                        .checked_add_days(chrono::Days::new(1))
                        .and_then(|d| cal.on_or_after(d))
                        .unwrap_or(on);
                    if let Some(c) = f.history.claims.get(placed[k].i) {
                        let barred = f.voice.fee_barred(
                            m.instalments.get(placed[k].i).map_or("", |x| x.id.as_str()),
                            on,
                            policy.law.new_act_from,
                        );
                        placed[k].fee = if barred {
                            Decimal::ZERO
                        } else {
                            claims::fee_for(c, placed[k].rung, on, policy)
                        };
                    }
                    placed[k].on = on;
                }
                Some(_) => break,
                None => {
                    taken.push((on, key(&placed[k])));
                    break;
                }
            }
        }
    }
}

/// Actions and suppressions for a member.
pub fn plan(
    m: &Member,
    f: &Facts,
    signals: &[Signal],
    policy: &Policy,
) -> (Vec<Action>, Vec<Suppressed>) {
    let lang = policy.language;
    let set = SignalSet::of(signals);
    let horizon = f.as_of + days(policy.horizon_days);
    let mut actions: Vec<Action> = Vec::new();
    let mut suppressed: Vec<Suppressed> = Vec::new();
    let current_hold = f.current_hold.and_then(|h| m.holds.get(h));
    let latent = set.has(SignalCode::Latent);
    let silence = f.attendance.silence_days;

    // --- the ladder, one per claim ---
    // each claim's next step on the first day it qualifies (never before today, never inside a registered
    // hold), with the fee the law allows that claim on that day; claims share a letter only when they share
    // the step, the day and the fee
    let mut placed: Vec<Placed> = Vec::new();
    // contact before escalation: when a call or a plan proposal goes out today, a collection notice or a
    // hand-over waits `contactBeforeEscalation.days` after it (a later step is always a lawful one)
    let n_unpaid = f.unpaid.len() as u32;
    let contact_today = current_hold.is_none()
        && (n_unpaid >= policy.unpaid.critical_count
            || set.has(SignalCode::PlanBreached)
            || (latent && f.has_arrears())
            || (n_unpaid >= policy.plan.from_unpaid_count && m.plan_agreed_on.is_none()));
    let call_on = crate::voice_steps::call_day(f);
    let first = &policy.contact_before_escalation;
    // contact has been tried once the desk recorded `attempts` contacts since the oldest open claim fell due,
    // on the day of the attempt that made up the number: later calls (the desk may keep calling as proposed) do
    // not push escalation on, or a desk that does as it is told would never escalate
    let arrears_from = f
        .unpaid
        .iter()
        .chain(f.plan_missed.iter())
        .filter_map(|&i| f.instalments.get(i).map(|x| x.effective_due))
        .min();
    let mut attempts: Vec<NaiveDate> = m
        .voice
        .contacts
        .iter()
        .map(|c| c.on)
        .filter(|&on| on <= f.as_of && arrears_from.is_some_and(|d| on >= d))
        .collect();
    let tried_on = usize::try_from(first.attempts)
        .ok()
        .filter(|&n| n > 0)
        .and_then(|n| {
            crate::order::sort(&mut attempts);
            attempts.get(n - 1).copied()
        });
    let escalate_from = if !first.enabled {
        None
    } else if let Some(tried_on) = tried_on {
        Some(tried_on + days(first.days))
    } else {
        contact_today.then(|| call_on + days(first.days))
    };
    let voice = &f.voice;
    let new_act_from = policy.law.new_act_from;
    // the first day outside every hold, by binary search (issue 14: not claims × holds)
    let hold_days = crate::derive::HoldDays::new(&m.holds);
    for &i in f.unpaid.iter().chain(f.plan_missed.iter()) {
        let Some(c) = f.history.claims.get(i) else {
            continue;
        };
        let Some(mut next) = claims::next_step(c, policy) else {
            continue;
        };
        let id = m.instalments[i].id.as_str();
        let mut on = next.earliest.max(f.as_of);
        // the day moves until nothing moves it: a promise's day, a hardship with an end, contact first, a
        // registered hold, and the new act (no notice from the gym: the hand-over after the reminder instead)
        let mut dropped = false;
        for _ in 0..8 {
            let start = (on, next.rung);
            if let Some(until) = voice.promise_holds(i) {
                on = on.max(until + days(1));
            }
            if let Some(to) = voice.hardship_on(on).and_then(|h| h.to) {
                on = to + days(1);
            }
            if let Some(from) = escalate_from.filter(|_| escalation(next.rung)) {
                on = on.max(from);
                // never on the day of a proposed call: the day after it
                if contact_today && on == call_on {
                    on = call_on + days(1);
                }
            }
            // a step that would fall inside a registered future hold waits until the hold ends (a hold covering
            // today suppresses the step below, saying so)
            if current_hold.is_none() {
                on = hold_days.first_free(on);
            }
            match claims::new_act_step(c, next, on, policy) {
                Some(n) => {
                    next = n;
                    on = on.max(n.earliest);
                }
                None => {
                    dropped = true;
                    break;
                }
            }
            if (on, next.rung) == start {
                break;
            }
        }
        if dropped || next.earliest > horizon || on > horizon {
            continue;
        }
        // an open objection or a hardship without an end: no step on this claim, said so
        let held = voice
            .objection_on(id, on)
            .map(|o| i18n::objection_holds(o.raised_on, lang))
            .or_else(|| {
                voice
                    .hardship_on(on)
                    .map(|h| i18n::hardship_holds(h.kind, h.from, lang))
            });
        if let Some(because) = held {
            suppressed.push(Suppressed {
                code: rung_action(next.rung),
                because,
                instalment_ids: vec![id.to_string()],
            });
            continue;
        }
        let fee = if voice.fee_barred(id, on, new_act_from) {
            Decimal::ZERO
        } else {
            claims::fee_for(c, next.rung, on, policy)
        };
        placed.push(Placed {
            i,
            rung: next.rung,
            on,
            fee,
            notice_deadline: next.notice_deadline,
        });
    }
    one_letter_a_day(&mut placed, m, f, policy);
    crate::order::sort_by_key(&mut placed, |p| (rung_action(p.rung), p.on, p.fee, p.i));
    let mut k = 0;
    while k < placed.len() {
        let head = &placed[k];
        let (code, on, fee) = (rung_action(head.rung), head.on, head.fee);
        let group: Vec<&Placed> = placed[k..]
            .iter()
            .take_while(|p| rung_action(p.rung) == code && p.on == on && p.fee == fee)
            .collect();
        k += group.len();
        let rung = group.iter().map(|g| g.rung).max().unwrap_or(Rung::Sms);
        let idx: Vec<usize> = group.iter().map(|g| g.i).collect();
        let instalment_ids: Vec<String> =
            idx.iter().map(|&i| m.instalments[i].id.clone()).collect();
        let outstanding = crate::money::sum(idx.iter().map(|&i| f.instalments[i].outstanding));
        if let Some(h) = current_hold {
            suppressed.push(Suppressed {
                code,
                because: h.label(),
                instalment_ids,
            });
            continue;
        }
        let l = &policy.ladder;
        // a fee only where the letter's claims are worth it (ladder.feeMinOutstanding)
        let fee = if outstanding < l.fee_min_outstanding.0 {
            Decimal::ZERO
        } else {
            fee
        };
        let mut because = vec![SignalCode::UnpaidInstalments];
        // plan_missed is in instalment order (derive pushes it so): a binary search per claim
        let missed = |i: &usize| f.plan_missed.binary_search(i).is_ok();
        if !f.plan_missed.is_empty() && idx.iter().any(missed) {
            because = if idx.iter().all(missed) {
                vec![SignalCode::PlanBreached]
            } else {
                vec![SignalCode::UnpaidInstalments, SignalCode::PlanBreached]
            };
        }
        let cal = &policy.nets.bank_calendar;
        let (channel, message) = match rung {
            Rung::Sms => (
                l.sms.channel,
                i18n::sms_reminder(idx.len() as u32, outstanding, lang),
            ),
            Rung::Reminder(_) => (
                l.reminder.channel,
                i18n::written_reminder(
                    outstanding,
                    fee,
                    law::deadline(on, l.reminder.deadline_days, cal),
                    lang,
                ),
            ),
            Rung::Notice => (
                l.collection_notice.channel,
                i18n::collection_notice(
                    outstanding,
                    fee,
                    law::deadline(on, l.collection_notice.deadline_days, cal),
                    lang,
                ),
            ),
            Rung::HandOver => {
                if outstanding < l.hand_over.min_outstanding.0 {
                    suppressed.push(Suppressed {
                        code,
                        because: i18n::below_hand_over_minimum(l.hand_over.min_outstanding.0, lang),
                        instalment_ids,
                    });
                    continue;
                }
                let deadline = group
                    .iter()
                    .filter_map(|g| g.notice_deadline)
                    .max()
                    .unwrap_or(f.as_of);
                // under the new act a claim without a notice is handed over after its reminder's deadline
                let after_reminder = group.iter().all(|g| {
                    f.history
                        .claims
                        .get(g.i)
                        .is_some_and(|c| c.law.notice.is_none())
                });
                (
                    policy.channel(ActionCode::HandOverToCollection),
                    if after_reminder {
                        i18n::hand_over_after_reminder(outstanding, deadline, lang)
                    } else {
                        i18n::hand_over(outstanding, deadline, lang)
                    },
                )
            }
        };
        actions.push(Action {
            code,
            priority: 0,
            on,
            channel,
            because,
            fee: Money(fee),
            message,
            instalment_ids,
        });
    }

    // fees charged against the law, to be refunded
    for r in &f.history.refunds {
        actions.push(Action {
            code: ActionCode::RefundFee,
            priority: 0,
            on: f.as_of,
            channel: policy.channel(ActionCode::RefundFee),
            because: Vec::new(),
            fee: Money::ZERO,
            message: i18n::refund_fee(r.fee, r.sent_on, r.rule, lang),
            instalment_ids: r.instalment_ids.clone(),
        });
    }
    // time-barred claims: written off, never collected
    if !f.time_barred.is_empty() {
        let outstanding =
            crate::money::sum(f.time_barred.iter().map(|&i| f.instalments[i].outstanding));
        actions.push(Action {
            code: ActionCode::WriteOff,
            priority: 0,
            on: f.as_of,
            channel: policy.channel(ActionCode::WriteOff),
            because: vec![SignalCode::TimeBarred],
            fee: Money::ZERO,
            message: i18n::write_off(outstanding, lang),
            instalment_ids: f
                .time_barred
                .iter()
                .map(|&i| m.instalments[i].id.clone())
                .collect(),
        });
    }

    // claims a hold keeps out of the ladder
    let mut held: Vec<(usize, usize)> = Vec::new(); // (instalment, hold)
    for &i in &f.billed_in_freeze {
        if let Some(h) = f.instalments[i].in_freeze {
            if crate::money::positive(f.instalments[i].outstanding) {
                held.push((i, h));
            }
        }
    }
    for &i in &f.deferred {
        if let Some(h) = f.instalments[i].in_deferral {
            held.push((i, h));
        }
    }
    for (i, h) in held {
        let Some(c) = f.history.claims.get(i) else {
            continue;
        };
        let mut c = c.clone();
        c.law.effective_due = m.instalments[i].due_on;
        let step = claims::next_step(&c, policy)
            .and_then(|s| claims::new_act_step(&c, s, s.earliest.max(f.as_of), policy));
        if let Some(step) = step {
            if step.earliest <= f.as_of {
                suppressed.push(Suppressed {
                    code: rung_action(step.rung),
                    because: m.holds[h].label(),
                    instalment_ids: vec![m.instalments[i].id.clone()],
                });
            }
        }
    }

    // --- contacts ---
    let contact = |code: ActionCode, because: Vec<SignalCode>, message: String| Action {
        code,
        priority: 0,
        on: f.as_of,
        channel: policy.channel(code),
        because,
        fee: Money::ZERO,
        message,
        instalment_ids: Vec::new(),
    };
    let mut contacts: Vec<Action> = Vec::new();
    let breached = set.has(SignalCode::PlanBreached);
    if n_unpaid >= policy.unpaid.critical_count || breached {
        let mut because = Vec::new();
        if n_unpaid > 0 {
            because.push(SignalCode::UnpaidInstalments);
        }
        if breached {
            because.push(SignalCode::PlanBreached);
        }
        if latent {
            because.push(SignalCode::Latent);
        }
        let message = if n_unpaid > 0 {
            i18n::call_member(n_unpaid, f.unpaid_outstanding, latent, lang)
        } else {
            i18n::call_about_plan(lang)
        };
        contacts.push(contact(ActionCode::CallMember, because, message));
    }
    if latent && f.has_arrears() {
        let mut because = vec![SignalCode::Latent];
        if n_unpaid > 0 {
            because.push(SignalCode::UnpaidInstalments);
        }
        if breached {
            because.push(SignalCode::PlanBreached);
        }
        contacts.push(contact(
            ActionCode::ClarifyMembership,
            because,
            i18n::clarify_membership(silence, lang),
        ));
    }
    if let Some(h) = current_hold {
        for c in contacts.drain(..) {
            suppressed.push(Suppressed {
                code: c.code,
                because: h.label(),
                instalment_ids: Vec::new(),
            });
        }
    }
    actions.append(&mut contacts);

    if n_unpaid >= policy.plan.from_unpaid_count
        && m.plan_agreed_on.is_none()
        && current_hold.is_none()
    {
        let per_month = m
            .monthly_fee
            .or_else(|| f.unpaid.first().map(|&i| m.instalments[i].amount))
            .unwrap_or(Decimal::ONE)
            .checked_mul(policy.plan.share_of_fee)
            .unwrap_or(Decimal::MAX);
        let months = f
            .unpaid_outstanding
            .checked_div(per_month)
            .and_then(|m| u32::try_from(m.ceil()).ok())
            .unwrap_or(policy.plan.max_months)
            .clamp(1, policy.plan.max_months.max(1));
        // months is at least one: the division cannot fail or overflow
        let monthly = (f.unpaid_outstanding / Decimal::from(months))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero);
        actions.push(contact(
            ActionCode::ProposePaymentPlan,
            vec![SignalCode::UnpaidInstalments],
            i18n::payment_plan(f.unpaid_outstanding, months, monthly, lang),
        ));
    }

    for s in signals {
        match s.code {
            SignalCode::MandateInactive => actions.push(contact(
                ActionCode::FollowUpMandate,
                vec![SignalCode::MandateInactive],
                i18n::follow_up_mandate(m.mandate, f.next_due, lang),
            )),
            SignalCode::NoAvtalegiro => actions.push(contact(
                ActionCode::OfferAvtalegiro,
                vec![SignalCode::NoAvtalegiro],
                i18n::offer_avtalegiro(lang),
            )),
            SignalCode::PaidButBlocked => actions.push(contact(
                ActionCode::RestoreAccess,
                vec![SignalCode::PaidButBlocked],
                i18n::restore_access(lang),
            )),
            SignalCode::BilledDuringHold => {
                let (amount, holds) = hold_billing(m, f);
                let mut a = contact(
                    ActionCode::CorrectHoldBilling,
                    vec![SignalCode::BilledDuringHold],
                    i18n::correct_hold_billing(amount, &holds.join(", "), lang),
                );
                a.instalment_ids = f
                    .billed_in_freeze
                    .iter()
                    .map(|&i| m.instalments[i].id.clone())
                    .collect();
                actions.push(a);
            }
            _ => {}
        }
    }

    if latent && !f.has_arrears() {
        actions.push(contact(
            ActionCode::Reactivate,
            vec![SignalCode::Latent],
            i18n::reactivate(silence, lang),
        ));
    }
    if latent && !f.binding.ended {
        actions.push(contact(
            ActionCode::OfferFreeze,
            vec![SignalCode::Latent],
            i18n::offer_freeze(f.binding.extended_to, lang),
        ));
    }

    // --- cancelling, after contact, once binding is over ---
    let latent_long = latent && silence >= policy.binding.cancel_latent_after_days;
    let repeatedly_unpaid = n_unpaid >= policy.unpaid.critical_count;
    if f.active && (latent_long || repeatedly_unpaid) {
        let mut because = Vec::new();
        if repeatedly_unpaid {
            because.push(SignalCode::UnpaidInstalments);
        }
        if latent_long {
            because.push(SignalCode::Latent);
        }
        let keeping_plan = m
            .plan_agreed_on
            .filter(|a| *a <= f.as_of && f.plan_missed.is_empty());
        if let Some(c) = m.cancelled_on {
            suppressed.push(Suppressed {
                code: ActionCode::CancelAfterBinding,
                because: i18n::already_cancelled(c, lang),
                instalment_ids: Vec::new(),
            });
        } else if let Some(agreed) = keeping_plan {
            suppressed.push(Suppressed {
                code: ActionCode::CancelAfterBinding,
                because: i18n::keeping_plan(agreed, lang),
                instalment_ids: Vec::new(),
            });
        } else if !f.binding.ended {
            suppressed.push(Suppressed {
                code: ActionCode::CancelAfterBinding,
                because: i18n::bound_until(f.binding.extended_to, lang),
                instalment_ids: Vec::new(),
            });
        } else if let Some(h) = current_hold {
            suppressed.push(Suppressed {
                code: ActionCode::CancelAfterBinding,
                because: h.label(),
                instalment_ids: Vec::new(),
            });
        } else {
            // contact first: a reactivation or clarifying call is always in the list before this
            let has_contact = actions.iter().any(|a| {
                matches!(
                    a.code,
                    ActionCode::CallMember | ActionCode::ClarifyMembership | ActionCode::Reactivate
                )
            });
            if !has_contact {
                actions.push(contact(
                    ActionCode::CallMember,
                    because.clone(),
                    i18n::call_member(n_unpaid, f.unpaid_outstanding, latent, lang),
                ));
            }
            because.push(SignalCode::BindingEnded);
            let on = f.as_of + days(policy.binding.cancel_after_contact_days.max(1));
            let mut a = contact(
                ActionCode::CancelAfterBinding,
                because,
                i18n::cancel_after_binding(on, lang),
            );
            a.on = on;
            actions.push(a);
        }
    }

    crate::voice_steps::adjust(m, f, policy, &mut actions, &mut suppressed);
    crate::next_step::rank(&mut actions, f.as_of);
    (actions, suppressed)
}
