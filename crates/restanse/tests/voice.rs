//! The new inkassolov and the member's voice (issue 13): one scenario per rule, on both sides of `law.newActFrom`.
mod common;
use common::*;
use restanse::{ActionCode as A, Engine, Policy, SignalCode as S};
use serde_json::{json, Value};

/// The law alone (no week of contact before escalation), looking a month ahead.
fn policy() -> Policy {
    let mut p = Policy::default();
    p.contact_before_escalation.enabled = false;
    p.horizon_days = 30;
    p
}

/// The same, with the new act moved to mid-2027 (the decree not yet signed): the 1988 act all through.
fn old_act() -> Policy {
    let mut p = policy();
    p.law.new_act_from = d("2027-06-01");
    p
}

fn ladder(a: &restanse::Assessment) -> Vec<&restanse::output::Action> {
    a.actions.iter().filter(|x| is_ladder(x.code)).collect()
}

fn rejected(m: &Value, as_of: &str) -> Vec<(String, String)> {
    let out = Engine::new(Policy::default())
        .expect("policy")
        .assess_json(&json!([m]).to_string(), d(as_of))
        .expect("batch");
    out.rejected
        .into_iter()
        .map(|r| (r.field, r.reason))
        .collect()
}

/// One claim due 1 Dec 2026, its SMS and its fee-bearing reminder sent 18 Dec: the reminder's deadline (1 Jan,
/// a holiday) runs to Monday 4 Jan 2027, so the next step falls under the new act.
fn reminded_across_new_year() -> Value {
    let mut m = member();
    m["instalments"] = json!([instalment("I-12", "2026-12-01", "0")]);
    m["reminders"] = json!([
        { "sentOn": "2026-12-07", "kind": "sms", "instalmentId": "I-12" },
        { "sentOn": "2026-12-18", "kind": "reminder", "fee": "38", "instalmentId": "I-12" }
    ]);
    m
}

// ---- 1. the act in force on the day a step is taken ----

#[test]
fn under_the_new_act_the_gym_hands_over_after_the_reminder_instead_of_sending_a_notice() {
    let a = assess_with(policy(), &reminded_across_new_year(), "2026-12-20");
    assert!(
        action(&a, A::SendCollectionNotice).is_none(),
        "{:?}",
        a.actions
    );
    let h = action(&a, A::HandOverToCollection).expect("hand-over after the reminder's deadline");
    assert_eq!(h.on, d("2027-01-05"));
    assert_eq!(h.fee.0, rust_decimal::Decimal::ZERO);
    assert_eq!(h.instalment_ids, vec!["I-12".to_string()]);
}

#[test]
fn under_the_1988_act_the_same_claim_gets_a_collection_notice_with_its_fee() {
    let a = assess_with(old_act(), &reminded_across_new_year(), "2026-12-20");
    let n = action(&a, A::SendCollectionNotice).expect("notice under the 1988 act");
    assert_eq!(n.on, d("2027-01-05"));
    assert_eq!(n.fee.0, rust_decimal::Decimal::from(38));
    assert!(action(&a, A::HandOverToCollection).is_none());
}

#[test]
fn a_notice_due_before_the_new_act_is_still_the_gyms_and_its_hand_over_follows_its_deadline() {
    // reminder 16 Nov, deadline 30 Nov: the notice is due today, 2 Dec, under the 1988 act
    let mut m = member();
    m["instalments"] = json!([instalment("I-11", "2026-11-01", "0")]);
    m["reminders"] = json!([
        { "sentOn": "2026-11-07", "kind": "sms", "instalmentId": "I-11" },
        { "sentOn": "2026-11-16", "kind": "reminder", "fee": "38", "instalmentId": "I-11" }
    ]);
    let a = assess_with(policy(), &m, "2026-12-02");
    let n = action(&a, A::SendCollectionNotice).expect("a notice under the 1988 act");
    assert_eq!(n.on, d("2026-12-02"));
}

#[test]
fn a_collection_notice_the_gym_sends_under_the_new_act_is_not_counted_and_its_fee_refunded() {
    let mut m = reminded_across_new_year();
    m["reminders"]
        .as_array_mut()
        .expect("reminders")
        .push(json!({ "sentOn": "2027-01-05", "kind": "collection_notice", "fee": "38", "instalmentId": "I-12" }));
    let a = assess_with(policy(), &m, "2027-01-10");
    assert!(a
        .warnings
        .iter()
        .any(|w| w.rule.as_deref() == Some("collection_notice_only_by_agency_under_new_act")));
    assert!(action(&a, A::RefundFee).is_some());
    // under the 1988 act the same letter is lawful
    let a = assess_with(old_act(), &m, "2027-01-10");
    assert!(action(&a, A::RefundFee).is_none(), "{:?}", a.warnings);
}

#[test]
fn the_policy_carries_new_act_from_and_refuses_a_reminder_fee_before_14_days() {
    assert_eq!(Policy::default().law.new_act_from, d("2027-01-01"));
    let p = Policy::from_json(r#"{"law":{"newActFrom":"2027-03-01"}}"#).expect("a later day");
    assert_eq!(p.law.new_act_from, d("2027-03-01"));
    let e = Policy::from_json(r#"{"law":{"newActReminderFeeAfterDays":7}}"#).unwrap_err();
    assert_eq!(e.rule(), Some("reminder_fee_after_14_days"));
    assert!(Policy::from_json(r#"{"contacts":{"noAnswerAttempts":0}}"#).is_err());
}

// ---- 2. objections ----

fn disputed(resolved: Option<&str>, groundless: bool) -> Value {
    let mut m = member();
    m["instalments"] = json!([instalment("I-11", "2026-11-01", "0")]);
    m["reminders"] = json!([{ "sentOn": "2026-11-07", "kind": "sms", "instalmentId": "I-11" }]);
    m["objections"] = json!([{ "raisedOn": "2026-11-28", "instalmentIds": ["I-11"],
        "reason": "believes cancelled in August", "resolvedOn": resolved, "groundless": groundless }]);
    m
}

#[test]
fn an_open_objection_stops_the_ladder_and_asks_for_an_answer_within_a_week() {
    let a = assess_with(policy(), &disputed(None, false), "2026-12-02");
    let s = signal(&a, S::ObjectionOpen).expect("objection_open");
    let e = serde_json::to_value(&s.evidence).expect("evidence");
    assert_eq!(e["daysOpen"], 4);
    assert_eq!(e["instalmentIds"], json!(["I-11"]));
    assert_eq!(e["answerBy"], "2026-12-05");
    assert!(ladder(&a).is_empty(), "{:?}", a.actions);
    assert!(a
        .suppressed
        .iter()
        .any(|x| x.instalment_ids == vec!["I-11".to_string()]));
    let next = a.next_step.as_ref().expect("next step");
    assert_eq!(next.code, A::AnswerObjection);
    assert_eq!(next.on, d("2026-12-02"));
    // the worklist ranks it by its deadline
    let wl = Engine::new(policy())
        .expect("policy")
        .worklist_json(
            &json!([disputed(None, false)]).to_string(),
            d("2026-12-02"),
            &Default::default(),
        )
        .expect("worklist");
    assert_eq!(wl.steps.first().map(|r| r.code), Some(A::AnswerObjection));
}

#[test]
fn a_contact_whose_outcome_is_objection_is_an_objection_on_every_open_claim() {
    let mut m = disputed(None, false);
    m["objections"] = json!([]);
    m["contacts"] = json!([{ "on": "2026-11-30", "channel": "phone", "outcome": "objection", "note": "I paid" }]);
    let a = assess_with(policy(), &m, "2026-12-02");
    assert!(signal(&a, S::ObjectionOpen).is_some());
    assert!(ladder(&a).is_empty());
    assert!(action(&a, A::AnswerObjection).is_some());
    assert!(action(&a, A::CallMember).is_none());
}

#[test]
fn once_resolved_the_claim_is_followed_up_again_with_its_fee_under_the_1988_act() {
    let a = assess_with(policy(), &disputed(Some("2026-12-01"), false), "2026-12-02");
    assert!(signal(&a, S::ObjectionOpen).is_none());
    let r = action(&a, A::SendReminder).expect("the ladder resumes");
    assert_eq!(r.fee.0, rust_decimal::Decimal::from(38));
}

#[test]
fn under_the_new_act_an_objected_claim_carries_no_fee_unless_the_objection_was_groundless() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2027-01-04", "0")]);
    m["reminders"] = json!([{ "sentOn": "2027-01-11", "kind": "sms", "instalmentId": "I-1" }]);
    m["objections"] =
        json!([{ "raisedOn": "2027-01-12", "reason": "I paid", "resolvedOn": "2027-01-15" }]);
    let a = assess_with(policy(), &m, "2027-01-20");
    let r = action(&a, A::SendReminder).expect("followed up again");
    assert_eq!(r.fee.0, rust_decimal::Decimal::ZERO);
    m["objections"][0]["groundless"] = json!(true);
    let a = assess_with(policy(), &m, "2027-01-20");
    let r = action(&a, A::SendReminder).expect("followed up again");
    assert_eq!(r.fee.0, rust_decimal::Decimal::from(38));
}

#[test]
fn an_objection_resolved_before_it_was_raised_is_rejected_naming_the_field() {
    let r = rejected(&disputed(Some("2026-11-20"), false), "2026-12-02");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].0, "objections[0].resolvedOn");
}

// ---- 3. promises and contact outcomes ----

fn three_unpaid() -> Value {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-9", "2026-09-01", "0"),
        instalment("I-10", "2026-10-01", "0"),
        instalment("I-11", "2026-11-01", "0")
    ]);
    m
}

#[test]
fn a_promise_holds_every_escalation_and_call_until_its_day_plus_grace() {
    let mut m = three_unpaid();
    m["contacts"] = json!([{ "on": "2026-12-01", "channel": "phone", "outcome": "promise",
        "promisedOn": "2026-12-10", "amount": "1647.00" }]);
    let a = assess_with(policy(), &m, "2026-12-02");
    for x in &a.actions {
        if is_ladder(x.code) || x.code == A::CallMember {
            assert!(x.on >= d("2026-12-14"), "{:?} before the promise's day", x);
        }
    }
    assert!(signal(&a, S::PromiseBroken).is_none());
}

#[test]
fn a_broken_promise_is_a_signal_resumes_escalation_and_counts_in_the_risk() {
    let mut m = three_unpaid();
    m["contacts"] = json!([{ "on": "2026-12-01", "channel": "phone", "outcome": "promise",
        "promisedOn": "2026-12-10", "amount": "1647.00" }]);
    let a = assess_with(policy(), &m, "2026-12-20");
    let s = signal(&a, S::PromiseBroken).expect("promise_broken");
    let e = serde_json::to_value(&s.evidence).expect("evidence");
    assert_eq!(e["promisedOn"], "2026-12-10");
    assert!(a
        .explanation
        .iter()
        .any(|c| c.factor == "promise_broken" && c.points > 0.0));
    assert!(!ladder(&a).is_empty());
    // kept: paid in time, nothing to chase
    m["instalments"] = json!([
        { "id": "I-9", "dueOn": "2026-09-01", "amount": "549.00", "paid": "549.00", "paidOn": "2026-12-09" },
        { "id": "I-10", "dueOn": "2026-10-01", "amount": "549.00", "paid": "549.00", "paidOn": "2026-12-09" },
        { "id": "I-11", "dueOn": "2026-11-01", "amount": "549.00", "paid": "549.00", "paidOn": "2026-12-09" }
    ]);
    let a = assess_with(policy(), &m, "2026-12-20");
    assert!(signal(&a, S::PromiseBroken).is_none());
}

#[test]
fn a_promise_without_its_day_is_rejected_naming_the_field() {
    let mut m = three_unpaid();
    m["contacts"] = json!([{ "on": "2026-12-01", "channel": "phone", "outcome": "promise" }]);
    let r = rejected(&m, "2026-12-02");
    assert_eq!(r[0].0, "contacts[0].promisedOn");
}

#[test]
fn an_unanswered_call_is_not_retried_the_next_day_and_then_another_channel_is_used() {
    let mut m = three_unpaid();
    m["contacts"] = json!([{ "on": "2026-12-01", "channel": "phone", "outcome": "no_answer" }]);
    let a = assess_with(policy(), &m, "2026-12-02");
    let c = action(&a, A::CallMember).expect("a call");
    assert_eq!(c.on, d("2026-12-03"));
    assert_eq!(c.channel, restanse::Channel::Phone);
    m["contacts"] = json!([
        { "on": "2026-11-25", "channel": "phone", "outcome": "no_answer" },
        { "on": "2026-11-27", "channel": "phone", "outcome": "no_answer" },
        { "on": "2026-12-01", "channel": "phone", "outcome": "no_answer" }
    ]);
    let a = assess_with(policy(), &m, "2026-12-02");
    let c = action(&a, A::CallMember).expect("a contact");
    assert_eq!(c.channel, restanse::Channel::Sms);
}

#[test]
fn a_wrong_number_asks_for_the_contact_details_and_reached_is_in_the_evidence() {
    let mut m = three_unpaid();
    m["contacts"] = json!([{ "on": "2026-11-20", "channel": "phone", "outcome": "wrong_number" }]);
    let a = assess_with(policy(), &m, "2026-12-02");
    let c = action(&a, A::CallMember).expect("a call");
    assert_eq!(c.channel, restanse::Channel::Desk);
    assert!(c.message.contains("contact details"), "{}", c.message);
    m["contacts"] = json!([{ "on": "2026-11-20", "channel": "phone", "outcome": "refused", "note": "will not pay" }]);
    let a = assess_with(policy(), &m, "2026-12-02");
    let e = serde_json::to_value(&signal(&a, S::UnpaidInstalments).expect("unpaid").evidence)
        .expect("evidence");
    assert_eq!(e["lastContact"]["outcome"], "refused");
}

// ---- 4. hardship ----

#[test]
fn hardship_turns_the_ladder_into_an_offer_and_a_call_on_both_sides_of_the_new_act() {
    for (as_of, due) in [("2026-12-02", "2026-11-01"), ("2027-02-02", "2027-01-04")] {
        let mut m = member();
        m["instalments"] = json!([instalment("I-1", due, "0")]);
        m["hardship"] = json!([{ "from": "2026-11-20", "kind": "payment_difficulty" }]);
        let a = assess_with(policy(), &m, as_of);
        assert!(signal(&a, S::Hardship).is_some());
        assert!(ladder(&a).is_empty(), "{as_of}: {:?}", a.actions);
        assert!(action(&a, A::ProposePaymentPlan).is_some());
        assert!(action(&a, A::CallMember).is_some());
        assert!(a.actions.iter().all(|x| x.fee.0.is_zero()));
    }
}

#[test]
fn a_hardship_with_an_end_holds_the_ladder_until_the_day_after() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2026-11-01", "0")]);
    m["hardship"] = json!([{ "from": "2026-11-20", "to": "2026-12-10", "kind": "illness" }]);
    let a = assess_with(policy(), &m, "2026-12-02");
    assert!(action(&a, A::OfferFreeze).is_some());
    for x in ladder(&a) {
        assert!(x.on >= d("2026-12-11"), "{x:?}");
    }
    m["hardship"][0]["to"] = json!("2026-11-10");
    assert!(!rejected(&m, "2026-12-02").is_empty());
}

// ---- 5. the change feed ----

#[test]
fn the_change_feed_carries_contacts_objections_and_hardship_idempotently() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-11", "2026-11-01", "0")]);
    let mut portfolio: Vec<restanse::MemberInput> =
        serde_json::from_value(json!([m])).expect("portfolio");
    let feed = r#"{"id":"v1","at":"2026-11-20","type":"contact_logged","memberId":"M-1","contact":{"on":"2026-11-20","channel":"phone","outcome":"no_answer"}}
{"id":"v2","at":"2026-11-25","type":"objection_raised","memberId":"M-1","objection":{"raisedOn":"2026-11-25","reason":"I paid"}}
{"id":"v3","at":"2026-11-28","type":"objection_resolved","memberId":"M-1","resolvedOn":"2026-11-28","groundless":true}
{"id":"v4","at":"2026-11-29","type":"hardship_registered","memberId":"M-1","hardship":{"from":"2026-11-29","kind":"illness"}}
{"id":"v5","at":"2026-11-30","type":"hardship_ended","memberId":"M-1","on":"2026-11-30"}
{"id":"v5","at":"2026-11-30","type":"hardship_ended","memberId":"M-1","on":"2026-11-30"}
{"id":"v6","at":"2026-11-30","type":"objection_resolved","memberId":"M-1","resolvedOn":"2026-11-30"}
"#;
    let mut seen = std::collections::HashSet::new();
    let r = restanse::input::events::apply(&mut portfolio, feed, d("2026-12-02"), &mut seen);
    assert_eq!(r.applied, 5, "{r:?}");
    assert_eq!(r.duplicates, vec!["v5".to_string()]);
    assert_eq!(r.rejected.len(), 1, "no open objection left to resolve");
    let p = &portfolio[0];
    assert_eq!(p.contacts.len(), 1);
    assert_eq!(p.objections[0].resolved_on, Some(d("2026-11-28")));
    assert!(p.objections[0].groundless);
    assert_eq!(p.hardship[0].to, Some(d("2026-11-30")));
    let before = portfolio.clone();
    let again = restanse::input::events::apply(&mut portfolio, feed, d("2026-12-02"), &mut seen);
    assert_eq!(again.applied, 0);
    assert_eq!(portfolio, before);
}

#[test]
fn an_objection_logged_on_a_call_is_resolved_by_an_objection_entry_of_the_same_day() {
    let mut m = disputed(None, false);
    m["contacts"] = json!([{ "on": "2026-11-28", "channel": "phone", "outcome": "objection", "note": "I paid" }]);
    m["objections"][0]["resolvedOn"] = json!("2026-12-01");
    let a = assess_with(policy(), &m, "2026-12-02");
    assert!(signal(&a, S::ObjectionOpen).is_none(), "{:?}", a.signals);
    assert!(action(&a, A::SendReminder).is_some());
}
