//! One next step per member: the first of its ranked actions, with the rest of the plan as it unfolds if nothing
//! changes (`nextStep` in `DESIGN.md`, "Contract additions").
//!
//! A front desk does one thing at a time. The actions of a member are ranked in one documented order
//! ([`stage`]): what is due today before what is due later, and among those due on the same footing
//!
//! 1. answer an objection (the new inkassolov asks for an answer within a week),
//! 2. restore access the member has paid for (a wrong block is the gym's error, not the member's),
//! 3. contact — a call, clarifying a membership the member may believe is cancelled, and the repayment plan
//!    proposed in that call,
//! 4. the reminder ladder and the corrections that go with it (SMS, written reminder, collection notice,
//!    hand-over, correcting billing during a hold, refunding an unlawful fee, writing off a time-barred claim),
//! 5. offers (AvtaleGiro, following up a mandate, a freeze, reactivation),
//! 6. cancellation, last: only once everything else has been tried.
//!
//! The first action in that ranking is the next step; `then` lists the others in date order (ties in ranking
//! order), so a desk can read the plan ahead as a timeline.

use crate::codes::ActionCode;
use crate::output::{Action, NextStep, PlannedStep};
use chrono::NaiveDate;

/// The stage of an action in the ranking (lower first): see the module documentation.
pub fn stage(code: ActionCode) -> u8 {
    use ActionCode as A;
    match code {
        A::AnswerObjection => 0,
        A::RestoreAccess => 1,
        A::CallMember | A::ClarifyMembership => 2,
        A::ProposePaymentPlan => 3,
        A::SendSmsReminder
        | A::SendReminder
        | A::SendCollectionNotice
        | A::HandOverToCollection
        | A::CorrectHoldBilling
        | A::RefundFee
        | A::WriteOff => 4,
        A::FollowUpMandate | A::OfferAvtalegiro | A::OfferFreeze | A::Reactivate => 5,
        A::CancelAfterBinding => 6,
    }
}

/// Orders actions — due today first, then by [`stage`], date, code and claims — and numbers them from 1.
pub fn rank(actions: &mut [Action], as_of: NaiveDate) {
    // a total order (codes and instalments break every tie), so an unstable sort is deterministic
    crate::order::sort_by(actions, |a, b| {
        (a.on > as_of, stage(a.code), a.on, a.code, &a.instalment_ids).cmp(&(
            b.on > as_of,
            stage(b.code),
            b.on,
            b.code,
            &b.instalment_ids,
        ))
    });
    for (i, a) in actions.iter_mut().enumerate() {
        a.priority = u32::try_from(i).map_or(u32::MAX, |i| i.saturating_add(1));
    }
}

/// The next step of ranked actions: the first, and the rest in date order; `None` when there is nothing to do.
pub fn next_step(ranked: &[Action]) -> Option<NextStep> {
    let (first, rest) = ranked.split_first()?;
    let mut then: Vec<&Action> = rest.iter().collect();
    // stable: actions on the same day keep their ranking order
    crate::order::sort_by_key(&mut then, |a| a.on);
    Some(NextStep {
        code: first.code,
        on: first.on,
        channel: first.channel,
        because: first.because.clone(),
        message: first.message.clone(),
        instalment_ids: first.instalment_ids.clone(),
        then: then
            .into_iter()
            .map(|a| PlannedStep {
                code: a.code,
                on: a.on,
            })
            .collect(),
    })
}
