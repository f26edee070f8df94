//! From signals to today's actions: the reminder ladder and the contacts around it, dated and ranked, each
//! with the signals that caused it — and what must *not* be done, with the reason.
//!
//! The ladder runs per unpaid instalment (each is a separate claim in law): SMS → written reminder →
//! collection notice → hand-over, each step no earlier than the policy and the law allow, counted from the
//! instalment's effective due date and from the step before it. The next step is the one after the furthest
//! step already sent. Steps for several instalments that land on the same rung become one action (one
//! letter, one fee), listing the instalments.
//!
//! Holds win over the ladder: while a freeze or deferral covers `as_of` no reminder and no collection call
//! goes out, and an instalment billed inside a freeze or still covered by a deferral is never reminded. Each
//! such case is listed under `suppressed` with the hold that forbids it (`freeze 2026-11-01–2026-12-31`).
//!
//! Cancelling comes last and never first: `cancel_after_binding` is only suggested once the binding period
//! (extended by frozen days) is over, always after a contact action, and dated after the contact.

use crate::codes::{ActionCode, SignalCode};
use crate::derive::{self, Facts};
use crate::i18n;
use crate::input::ReminderKind;
use crate::member::Member;
use crate::money::Money;
use crate::output::{Action, Signal, Suppressed};
use crate::policy::Policy;
use crate::signals::{hold_billing, SignalSet};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

/// A rung of the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rung {
    Sms,
    Reminder(u32),
    Notice,
    HandOver,
}

impl Rung {
    fn action(self) -> ActionCode {
        match self {
            Rung::Sms => ActionCode::SendSmsReminder,
            Rung::Reminder(_) => ActionCode::SendReminder,
            Rung::Notice => ActionCode::SendCollectionNotice,
            Rung::HandOver => ActionCode::HandOverToCollection,
        }
    }
}

/// The next ladder step for one claim.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Step {
    rung: Rung,
    earliest: NaiveDate,
    fee: Decimal,
    /// For hand-over: the notice's deadline that has to pass.
    deadline_passed: Option<NaiveDate>,
}

fn days(n: i64) -> Duration {
    Duration::days(n)
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

/// The next step for instalment `i`, counted from `due`.
fn next_step(m: &Member, f: &Facts, i: usize, due: NaiveDate, policy: &Policy) -> Option<Step> {
    let l = &policy.ladder;
    let inst_facts = f.instalments.get(i)?;
    let mut sms = None;
    let (mut written, mut last_written) = (0u32, None);
    let mut notice = None;
    let mut fees_charged = 0u32;
    for r in derive::reminders_for(m, i, inst_facts) {
        if r.fee > Decimal::ZERO {
            fees_charged += 1;
        }
        match r.kind {
            ReminderKind::Sms => sms = sms.max(Some(r.sent_on)),
            ReminderKind::Reminder => {
                written += 1;
                last_written = last_written.max(Some(r.sent_on));
            }
            ReminderKind::CollectionNotice => notice = notice.max(Some(r.sent_on)),
        }
    }
    // the furthest rung already sent, and when
    let done: Option<(Rung, NaiveDate)> = if let Some(n) = notice {
        Some((Rung::Notice, n))
    } else if let Some(w) = last_written {
        let k = written.min(l.reminder.max_count.max(1)) - 1;
        Some((Rung::Reminder(k), w))
    } else {
        sms.map(|s| (Rung::Sms, s))
    };
    let next = match done {
        None => ladder(policy).next(),
        Some((rung, _)) => ladder(policy).find(|r| *r > rung),
    }?;
    let prev_gap = |rung: Rung| match rung {
        Rung::Sms => l.min_days_between_steps,
        Rung::Reminder(_) => l.reminder.deadline_days.max(l.min_days_between_steps) + 1,
        Rung::Notice => l.collection_notice.deadline_days + 1,
        Rung::HandOver => 0,
    };
    let mut earliest = due
        + days(match next {
            Rung::Sms => l.sms.after_days,
            Rung::Reminder(_) => l.reminder.after_days,
            Rung::Notice => l.collection_notice.after_days,
            Rung::HandOver => 0,
        });
    if let Some((rung, sent)) = done {
        earliest = earliest.max(sent + days(prev_gap(rung)));
    }
    let mut deadline_passed = None;
    if next == Rung::HandOver {
        let sent = notice?;
        let deadline = sent + days(l.collection_notice.deadline_days);
        deadline_passed = Some(deadline);
        earliest = earliest.max(deadline + days(1 + l.hand_over.grace_days));
    }
    let configured = match next {
        Rung::Reminder(_) => l.reminder.fee.0,
        Rung::Notice => l.collection_notice.fee.0,
        _ => Decimal::ZERO,
    };
    // the law: at most 1/20 of the inkassosats, only 14+ days after due, at most two fees per claim
    let lawful = configured > Decimal::ZERO
        && fees_charged < 2
        && earliest >= m.instalments.get(i)?.due_on + days(14);
    let fee = if lawful {
        configured.min(policy.fees.fee_cap(m.instalments.get(i)?.due_on))
    } else {
        Decimal::ZERO
    };
    Some(Step {
        rung: next,
        earliest,
        fee,
        deadline_passed,
    })
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

    // --- the ladder, per claim ---
    let mut rungs: Vec<(Rung, usize, Step)> = Vec::new();
    for &i in f.unpaid.iter().chain(f.plan_missed.iter()) {
        if let Some(step) = next_step(m, f, i, f.instalments[i].effective_due, policy) {
            if step.earliest <= horizon {
                rungs.push((step.rung, i, step));
            }
        }
    }
    crate::order::sort_by_key(&mut rungs, |r| (r.0, r.2.earliest, r.1));
    let mut k = 0;
    while k < rungs.len() {
        let rung = rungs[k].0;
        let group: Vec<&(Rung, usize, Step)> =
            rungs[k..].iter().take_while(|r| r.0 == rung).collect();
        k += group.len();
        let idx: Vec<usize> = group.iter().map(|g| g.1).collect();
        let instalment_ids: Vec<String> =
            idx.iter().map(|&i| m.instalments[i].id.clone()).collect();
        let outstanding: Decimal = idx.iter().map(|&i| f.instalments[i].outstanding).sum();
        let mut on = group
            .iter()
            .map(|g| g.2.earliest)
            .min()
            .unwrap_or(f.as_of)
            .max(f.as_of);
        let code = rung.action();
        if let Some(h) = current_hold {
            suppressed.push(Suppressed {
                code,
                because: h.label(),
                instalment_ids,
            });
            continue;
        }
        // a step that would fall inside a registered future hold waits until the hold ends
        for h in &m.holds {
            if h.covers(on) {
                on = h.to + days(1);
            }
        }
        if on > horizon {
            continue;
        }
        let fee = group.iter().map(|g| g.2.fee).max().unwrap_or(Decimal::ZERO);
        let mut because = vec![SignalCode::UnpaidInstalments];
        if !f.plan_missed.is_empty() && idx.iter().any(|i| f.plan_missed.contains(i)) {
            because = if idx.iter().all(|i| f.plan_missed.contains(i)) {
                vec![SignalCode::PlanBreached]
            } else {
                vec![SignalCode::UnpaidInstalments, SignalCode::PlanBreached]
            };
        }
        let l = &policy.ladder;
        let (channel, message) = match rung {
            Rung::Sms => (
                l.sms.channel,
                i18n::sms_reminder(idx.len() as u32, outstanding, lang),
            ),
            Rung::Reminder(_) => (
                l.reminder.channel,
                i18n::written_reminder(outstanding, fee, on + days(l.reminder.deadline_days), lang),
            ),
            Rung::Notice => (
                l.collection_notice.channel,
                i18n::collection_notice(
                    outstanding,
                    fee,
                    on + days(l.collection_notice.deadline_days),
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
                    .filter_map(|g| g.2.deadline_passed)
                    .max()
                    .unwrap_or(f.as_of);
                (
                    policy.channel(ActionCode::HandOverToCollection),
                    i18n::hand_over(outstanding, deadline, lang),
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

    // claims a hold keeps out of the ladder
    let mut held: Vec<(usize, usize)> = Vec::new(); // (instalment, hold)
    for &i in &f.billed_in_freeze {
        if let Some(h) = f.instalments[i].in_freeze {
            if f.instalments[i].outstanding > Decimal::ZERO {
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
        if let Some(step) = next_step(m, f, i, m.instalments[i].due_on, policy) {
            if step.earliest <= f.as_of {
                suppressed.push(Suppressed {
                    code: step.rung.action(),
                    because: m.holds[h].label(),
                    instalment_ids: vec![m.instalments[i].id.clone()],
                });
            }
        }
    }

    // --- contacts ---
    let n_unpaid = f.unpaid.len() as u32;
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
            * policy.plan.share_of_fee;
        let months = f
            .unpaid_outstanding
            .checked_div(per_month)
            .and_then(|m| u32::try_from(m.ceil()).ok())
            .unwrap_or(policy.plan.max_months)
            .clamp(1, policy.plan.max_months);
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
        if let Some(c) = m.cancelled_on {
            suppressed.push(Suppressed {
                code: ActionCode::CancelAfterBinding,
                because: i18n::already_cancelled(c, lang),
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

    crate::next_step::rank(&mut actions, f.as_of);
    (actions, suppressed)
}
