//! What the member's voice ([`crate::voice`]) changes in the later stages: the `objection_open`, `hardship` and
//! `promise_broken` signals and the last contact in the `unpaid_instalments` evidence (for `signals`), and
//! after the ladder, the calls spaced after the last contact, `answer_objection`, and a call and an offer
//! instead of the ladder under hardship (for `actions`). It reads the member's [`crate::derive::Facts`], whose
//! `voice` part `voice` derived.

use crate::codes::Channel;
use crate::input::HardshipKind;
use crate::member::Objection;
use crate::money::Money;
use chrono::NaiveDate;

// --- signals ---

/// The `unpaid_instalments` evidence's `lastContact`.
pub fn last_contact_evidence(f: &crate::derive::Facts) -> Option<crate::output::ContactEvidence> {
    f.voice
        .last_contact
        .as_ref()
        .map(|c| crate::output::ContactEvidence {
            on: c.on,
            channel: c.channel,
            outcome: c.outcome,
            note: c.note.clone(),
        })
}

/// The ids of the open claims an objection disputes on `as_of`.
pub fn objection_ids(
    o: &Objection,
    m: &crate::member::Member,
    f: &crate::derive::Facts,
) -> Vec<String> {
    f.open_claims()
        .filter_map(|i| m.instalments.get(i))
        .filter(|inst| o.names(&inst.id))
        .map(|inst| inst.id.clone())
        .collect()
}

/// `objection_open`, `hardship` and `promise_broken`.
pub fn signals(
    m: &crate::member::Member,
    f: &crate::derive::Facts,
    policy: &crate::policy::Policy,
) -> Vec<crate::output::Signal> {
    use crate::codes::{Severity, SignalCode};
    use crate::output::{Evidence, HardshipEvidence, ObjectionEvidence, PromiseEvidence, Signal};
    let lang = policy.language;
    let mut out = Vec::new();
    for o in f.voice.open_objections(f.as_of) {
        let days_open = (f.as_of - o.raised_on).num_days();
        let ids = objection_ids(o, m, f);
        out.push(Signal {
            code: SignalCode::ObjectionOpen,
            severity: if f.as_of > o.answer_by() {
                Severity::Critical
            } else {
                Severity::Warning
            },
            message: crate::i18n::objection_open(
                o.raised_on,
                days_open,
                &o.reason,
                o.answer_by(),
                lang,
            ),
            evidence: Evidence::Objection(ObjectionEvidence {
                raised_on: o.raised_on,
                days_open,
                instalment_ids: ids,
                reason: o.reason.clone(),
                answer_by: o.answer_by(),
            }),
        });
    }
    if let Some(h) = f.voice.hardship_on(f.as_of) {
        out.push(Signal {
            code: SignalCode::Hardship,
            severity: Severity::Warning,
            message: crate::i18n::hardship(h.kind, h.from, h.to, lang),
            evidence: Evidence::Hardship(HardshipEvidence {
                kind: h.kind,
                from: h.from,
                to: h.to,
            }),
        });
    }
    let open: Vec<usize> = f.open_claims().collect();
    let broken = f.voice.broken(&open);
    if let Some(last) = broken.last() {
        out.push(Signal {
            code: SignalCode::PromiseBroken,
            severity: Severity::Critical,
            message: crate::i18n::promise_broken(last.promised_on, last.amount, last.paid, lang),
            evidence: Evidence::Promise(PromiseEvidence {
                broken: u32::try_from(broken.len()).unwrap_or(u32::MAX),
                promised_on: last.promised_on,
                made_on: last.made_on,
                amount: last.amount.map(Money),
                paid: Money(last.paid),
                instalment_ids: last
                    .claims
                    .iter()
                    .filter_map(|&i| m.instalments.get(i))
                    .map(|inst| inst.id.clone())
                    .collect(),
            }),
        });
    }
    out
}

// --- actions ---

/// The first day the next call may be made: after the spacing of the last contact, and after a pending
/// promise's day when the promise covers every open claim.
pub fn call_day(f: &crate::derive::Facts) -> NaiveDate {
    let mut on = f.as_of.max(f.voice.calls.not_before.unwrap_or(f.as_of));
    let open: Vec<usize> = f.open_claims().collect();
    if !open.is_empty() {
        let held: Option<NaiveDate> = open
            .iter()
            .map(|&i| f.voice.promise_holds(i))
            .collect::<Option<Vec<_>>>()
            .and_then(|v| v.into_iter().min());
        if let Some(until) = held {
            on = on.max(crate::law::add_days(until, 1));
        }
    }
    on
}

/// What the member's voice changes in a member's actions, after the ladder: `answer_objection` for each open
/// objection; calls spaced after the last contact (and a pending promise), by another channel after
/// unanswered attempts, or a check of the contact details after a wrong number; no chasing of claims that are
/// all disputed; under hardship a call and an offer instead of the ladder, and no cancellation.
pub fn adjust(
    m: &crate::member::Member,
    f: &crate::derive::Facts,
    policy: &crate::policy::Policy,
    actions: &mut Vec<crate::output::Action>,
    suppressed: &mut Vec<crate::output::Suppressed>,
) {
    use crate::codes::{ActionCode as A, SignalCode};
    use crate::output::{Action, Suppressed};
    let lang = policy.language;
    let v = &f.voice;
    let open: Vec<usize> = f.open_claims().collect();
    let chasing = |c: A| {
        matches!(
            c,
            A::CallMember | A::ClarifyMembership | A::ProposePaymentPlan
        )
    };

    // every open claim disputed: no chasing or cancelling until the objection is answered
    let disputed = (!open.is_empty())
        .then(|| {
            open.iter()
                .map(|&i| {
                    m.instalments
                        .get(i)
                        .and_then(|inst| v.objection_on(&inst.id, f.as_of))
                })
                .collect::<Option<Vec<_>>>()
        })
        .flatten()
        .and_then(|os| os.into_iter().next().cloned());
    if let Some(o) = disputed {
        let because = crate::i18n::objection_holds(o.raised_on, lang);
        actions.retain(|a| {
            if chasing(a.code) || a.code == A::CancelAfterBinding {
                suppressed.push(Suppressed {
                    code: a.code,
                    because: because.clone(),
                    instalment_ids: a.instalment_ids.clone(),
                });
                false
            } else {
                true
            }
        });
    }

    // hardship: a call and an offer, never a cancellation
    if let Some(h) = v.hardship_on(f.as_of).cloned() {
        let because = crate::i18n::hardship_holds(h.kind, h.from, lang);
        actions.retain(|a| {
            if a.code == A::CancelAfterBinding {
                suppressed.push(Suppressed {
                    code: a.code,
                    because: because.clone(),
                    instalment_ids: Vec::new(),
                });
                false
            } else {
                true
            }
        });
        let plain = |code: A, message: String| Action {
            code,
            priority: 0,
            on: f.as_of,
            channel: policy.channel(code),
            because: vec![SignalCode::Hardship],
            fee: Money::ZERO,
            message,
            instalment_ids: Vec::new(),
        };
        let outstanding = f.unpaid_outstanding.saturating_add(f.plan_outstanding);
        let offer = match h.kind {
            HardshipKind::PaymentDifficulty => A::ProposePaymentPlan,
            _ => A::OfferFreeze,
        };
        let arrears = !open.is_empty();
        if arrears || offer == A::OfferFreeze {
            match actions.iter_mut().find(|a| a.code == offer) {
                Some(a) => {
                    a.because.push(SignalCode::Hardship);
                    a.message = crate::i18n::hardship_offer(h.kind, outstanding, lang);
                }
                None => actions.push(plain(
                    offer,
                    crate::i18n::hardship_offer(h.kind, outstanding, lang),
                )),
            }
        }
        if arrears {
            match actions.iter_mut().find(|a| a.code == A::CallMember) {
                Some(a) => a.because.push(SignalCode::Hardship),
                None => {
                    let n = u32::try_from(f.unpaid.len()).unwrap_or(u32::MAX);
                    actions.push(plain(
                        A::CallMember,
                        crate::i18n::call_member(n, f.unpaid_outstanding, false, lang),
                    ))
                }
            }
        }
    }

    // calls after the last contact
    let call_on = call_day(f);
    for a in actions.iter_mut() {
        if chasing(a.code) {
            a.on = a.on.max(call_on);
            if let Some(wrong) = v.calls.wrong_number {
                if a.channel == Channel::Phone {
                    a.channel = Channel::Desk;
                    a.message = format!(
                        "{}. {}",
                        crate::i18n::check_contact_details(wrong, lang),
                        a.message
                    );
                }
            } else if let Some(ch) = v.calls.channel {
                if a.channel == Channel::Phone {
                    a.channel = ch;
                }
            }
        }
        if a.code == A::CancelAfterBinding {
            let after =
                crate::law::add_days(call_on, policy.binding.cancel_after_contact_days.max(1));
            if after > a.on {
                a.on = after;
                a.message = crate::i18n::cancel_after_binding(after, lang);
            }
        }
    }

    // answer every open objection within a week
    for o in v.open_objections(f.as_of) {
        actions.push(Action {
            code: A::AnswerObjection,
            priority: 0,
            on: f.as_of,
            channel: policy.channel(A::AnswerObjection),
            because: vec![SignalCode::ObjectionOpen],
            fee: Money::ZERO,
            message: crate::i18n::answer_objection(o.raised_on, &o.reason, o.answer_by(), lang),
            instalment_ids: objection_ids(o, m, f),
        });
    }
}
