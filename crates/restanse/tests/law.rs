//! Collection law, claim by claim, on the day each step is taken (issue 12): one scenario per rule.
mod common;
use common::*;
use restanse::{ActionCode as A, Engine, Policy, SignalCode as S};
use serde_json::{json, Value};

const TODAY: &str = "2026-12-02";

fn ladder_actions(a: &restanse::Assessment) -> Vec<&restanse::output::Action> {
    a.actions.iter().filter(|x| is_ladder(x.code)).collect()
}

fn warning_rules(a: &restanse::Assessment) -> Vec<String> {
    a.warnings.iter().filter_map(|w| w.rule.clone()).collect()
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

// ---- 1. one ladder per claim ----

/// A three-claim member: the oldest claim's notice deadline has passed, the next one's has not, the
/// youngest is 8 days late. Each claim gets only the step it qualifies for, on the day it qualifies.
fn three_claims() -> Value {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-9", "2026-09-01", "0"),
        instalment("I-10", "2026-10-01", "0"),
        instalment("I-11", "2026-11-24", "0")
    ]);
    m["reminders"] = json!([
        { "sentOn": "2026-09-07", "kind": "sms", "instalmentId": "I-9" },
        { "sentOn": "2026-09-15", "kind": "reminder", "fee": "35", "instalmentId": "I-9" },
        { "sentOn": "2026-10-20", "kind": "collection_notice", "fee": "35", "instalmentId": "I-9" },
        { "sentOn": "2026-10-07", "kind": "sms", "instalmentId": "I-10" },
        { "sentOn": "2026-10-15", "kind": "reminder", "fee": "35", "instalmentId": "I-10" },
        { "sentOn": "2026-11-20", "kind": "collection_notice", "fee": "38", "instalmentId": "I-10" }
    ]);
    m
}

/// The law alone, without the desk's own rule that a call comes a week before any escalation
/// (`contactBeforeEscalation`, tested below): each claim on the first day it qualifies.
fn law_only() -> Policy {
    let mut p = Policy::default();
    p.contact_before_escalation.enabled = false;
    p
}

#[test]
fn a_younger_claim_is_never_pulled_into_an_older_claims_step() {
    let a = assess_with(law_only(), &three_claims(), TODAY);
    assert!(warning_rules(&a).is_empty(), "{:?}", a.warnings);
    let hand_overs: Vec<_> = a
        .actions
        .iter()
        .filter(|x| x.code == A::HandOverToCollection)
        .collect();
    // I-9: the notice's deadline (3 Nov) has passed; I-10: its deadline runs to Friday 4 Dec
    assert_eq!(hand_overs.len(), 2, "{hand_overs:?}");
    assert_eq!(
        (hand_overs[0].on, &hand_overs[0].instalment_ids),
        (d(TODAY), &ids(&["I-9"]))
    );
    assert_eq!(
        (hand_overs[1].on, &hand_overs[1].instalment_ids),
        (d("2026-12-05"), &ids(&["I-10"]))
    );
    // I-11 is 8 days late: an SMS, and no fee-bearing letter before 14 days after due
    let sms = action(&a, A::SendSmsReminder).expect("sms");
    assert_eq!(sms.instalment_ids, ids(&["I-11"]));
    for x in ladder_actions(&a) {
        if x.instalment_ids.contains(&"I-11".to_string()) && x.fee.0 > rust_decimal::Decimal::ZERO {
            assert!(x.on >= d("2026-12-08"), "fee too early: {x:?}");
        }
    }
}

#[test]
fn a_call_comes_a_week_before_any_escalation_and_never_on_the_same_day() {
    // three unpaid claims bring a call today; the hand-overs the law would allow today and on 5 Dec wait
    // until a week after the call (contactBeforeEscalation.days = 7)
    let a = assess(&three_claims(), TODAY);
    let call = action(&a, A::CallMember).expect("a call");
    assert_eq!(call.on, d(TODAY));
    let escalations: Vec<_> = a
        .actions
        .iter()
        .filter(|x| matches!(x.code, A::HandOverToCollection | A::SendCollectionNotice))
        .collect();
    assert!(!escalations.is_empty());
    for x in &escalations {
        assert!(
            x.on >= d("2026-12-09"),
            "escalation before the call had a week: {x:?}"
        );
    }
    let step = a.next_step.as_ref().expect("a next step");
    assert_eq!(step.code, A::CallMember);
    assert!(step
        .then
        .iter()
        .any(|t| t.code == A::HandOverToCollection && t.on >= d("2026-12-09")));
}

#[test]
fn calls_the_desk_goes_on_making_as_proposed_do_not_push_escalation_on() {
    // contact was tried on 25 Nov (the second attempt), so the hand-over waits until 2 Dec at the latest; the desk
    // then made the calls the engine went on proposing (27 Nov, reached; 1 Dec, no answer). Those calls must not
    // move the hand-over a week behind each of them: a desk that does as it is told would never escalate.
    let mut m = three_claims();
    m["contacts"] = json!([
        { "on": "2026-11-23", "channel": "phone", "outcome": "no_answer" },
        { "on": "2026-11-25", "channel": "phone", "outcome": "no_answer" },
        { "on": "2026-11-27", "channel": "phone", "outcome": "reached" },
        { "on": "2026-12-01", "channel": "phone", "outcome": "no_answer" }
    ]);
    let a = assess(&m, TODAY);
    assert_eq!(hand_over_of_i9(&a), Some(d(TODAY)), "{:?}", a.actions);
    // and a call proposed for the day escalation would fall on still comes first: the day after it
    m["contacts"] = json!([
        { "on": "2026-11-23", "channel": "phone", "outcome": "no_answer" },
        { "on": "2026-11-25", "channel": "phone", "outcome": "reached" }
    ]);
    let a = assess(&m, "2026-11-26");
    let call = a
        .actions
        .iter()
        .find(|x| x.code == A::CallMember)
        .map(|x| x.on);
    // (a week's spacing after a call that reached the member puts the next call on 2 Dec)
    assert_eq!(call, Some(d(TODAY)), "{:?}", a.actions);
    assert_eq!(
        hand_over_of_i9(&a),
        Some(d("2026-12-03")),
        "{:?}",
        a.actions
    );
}

/// The day the oldest of `three_claims` is handed over, if it is.
fn hand_over_of_i9(a: &restanse::Assessment) -> Option<chrono::NaiveDate> {
    a.actions
        .iter()
        .find(|x| x.code == A::HandOverToCollection && x.instalment_ids == ids(&["I-9"]))
        .map(|x| x.on)
}

#[test]
fn once_contact_has_been_tried_escalation_no_longer_waits_for_the_next_call() {
    // two unanswered calls recorded (contactBeforeEscalation.attempts = 2): contact has been tried, so the
    // hand-over the law allows today waits only a week after the last attempt (25 Nov + 7 = 2 Dec) and the day
    // after the call still proposed (27 Nov + 2 days' spacing after no answer = today, so 3 Dec), not a week
    // behind every call the engine goes on proposing
    let mut m = three_claims();
    m["contacts"] = json!([
        { "on": "2026-11-23", "channel": "phone", "outcome": "no_answer" },
        { "on": "2026-11-25", "channel": "phone", "outcome": "no_answer" }
    ]);
    let a = assess(&m, TODAY);
    let hand_over = a
        .actions
        .iter()
        .find(|x| x.code == A::HandOverToCollection && x.instalment_ids == ids(&["I-9"]))
        .expect("the oldest claim is handed over");
    let call = a
        .actions
        .iter()
        .find(|x| x.code == A::CallMember)
        .map(|x| x.on);
    assert!(call.is_none_or(|c| hand_over.on > c), "{:?}", a.actions);
    assert!(hand_over.on < d("2026-12-09"), "{:?}", a.actions);
    // one attempt is not yet enough: the hand-over still waits a week after the next call
    m["contacts"] = json!([{ "on": "2026-11-25", "channel": "phone", "outcome": "no_answer" }]);
    let a = assess(&m, TODAY);
    assert!(
        a.actions
            .iter()
            .filter(|x| x.code == A::HandOverToCollection)
            .all(|x| x.on >= d("2026-12-09")),
        "{:?}",
        a.actions
    );
}

#[test]
fn one_letter_a_day_each_fee_lawful_for_its_claims() {
    // a written reminder for one claim and a collection notice for another would fall on the same day:
    // the notice (the more advanced step) goes first, the reminder on the next business day
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-1", "2026-10-01", "0"),
        instalment("I-2", "2026-11-10", "0")
    ]);
    m["reminders"] = json!([
        { "sentOn": "2026-10-07", "kind": "sms", "instalmentId": "I-1" },
        { "sentOn": "2026-10-15", "kind": "reminder", "fee": "35", "instalmentId": "I-1" },
        { "sentOn": "2026-11-16", "kind": "sms", "instalmentId": "I-2" }
    ]);
    let a = assess_with(law_only(), &m, TODAY);
    let letters: Vec<_> = a
        .actions
        .iter()
        .filter(|x| matches!(x.code, A::SendReminder | A::SendCollectionNotice))
        .collect();
    assert_eq!(letters.len(), 2, "{letters:?}");
    assert_ne!(
        letters[0].on, letters[1].on,
        "two letters on one day: {letters:?}"
    );
    for x in &letters {
        assert!(x.fee.0 <= rust_decimal::Decimal::from(38));
    }
}

#[test]
fn claims_share_a_letter_only_when_each_qualifies_that_day() {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-10", "2026-10-01", "0"),
        instalment("I-11", "2026-11-17", "0"),
        instalment("I-12", "2026-11-20", "0")
    ]);
    m["reminders"] = json!([
        { "sentOn": "2026-10-07", "kind": "sms", "instalmentId": "I-10" },
        { "sentOn": "2026-11-23", "kind": "sms", "instalmentId": "I-11" },
        { "sentOn": "2026-11-26", "kind": "sms", "instalmentId": "I-12" }
    ]);
    let a = assess(&m, TODAY);
    let reminders: Vec<_> = a
        .actions
        .iter()
        .filter(|x| x.code == A::SendReminder)
        .map(|x| (x.on, x.instalment_ids.clone(), x.fee.to_string()))
        .collect();
    // I-10 and I-11 both qualify today (I-11: 14 days after due on 1 Dec, a week after its SMS on 30 Nov);
    // I-12 only on 4 Dec, 14 days after its due date
    assert_eq!(
        reminders,
        vec![
            (d(TODAY), ids(&["I-10", "I-11"]), "38.00".to_string()),
            (d("2026-12-04"), ids(&["I-12"]), "38.00".to_string())
        ]
    );
}

// ---- 2. the recorded history, checked ----

#[test]
fn unlawful_recorded_steps_are_warnings_naming_the_rule_and_do_not_count() {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-10", "2026-10-01", "0"),
        instalment("I-11", "2026-11-03", "0")
    ]);
    m["reminders"] = json!([
        // a collection notice before the due date
        { "sentOn": "2026-09-25", "kind": "collection_notice", "instalmentId": "I-10" },
        // a 70 kr fee four days after due
        { "sentOn": "2026-11-07", "kind": "reminder", "fee": "70", "instalmentId": "I-11" },
        // a reminder dated after asOf
        { "sentOn": "2026-12-10", "kind": "reminder", "instalmentId": "I-10" }
    ]);
    let a = assess(&m, TODAY);
    let rules = warning_rules(&a);
    assert!(
        rules.contains(&"collection_notice_after_due_date".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"reminder_fee_after_14_days".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"recorded_step_not_after_as_of".to_string()),
        "{rules:?}"
    );
    let w = a
        .warnings
        .iter()
        .find(|w| w.field == "reminders[1]")
        .expect("the 70 kr fee");
    assert!(w.message.contains("refunded"), "{}", w.message);
    // nothing was lawfully sent for I-10: the ladder starts again, no hand-over
    assert!(
        action(&a, A::HandOverToCollection).is_none(),
        "{:?}",
        a.actions
    );
    // the unlawful fee is to be refunded
    let refund = action(&a, A::RefundFee).expect("refund the 70 kr");
    assert_eq!(refund.instalment_ids, ids(&["I-11"]));
    assert!(refund.message.contains("70,00 kr"), "{}", refund.message);
}

#[test]
fn a_fee_above_the_cap_and_a_third_fee_are_refunded() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-8", "2026-08-03", "0")]);
    m["reminders"] = json!([
        { "sentOn": "2026-08-17", "kind": "reminder", "fee": "38", "instalmentId": "I-8" },
        { "sentOn": "2026-09-01", "kind": "reminder", "fee": "38", "instalmentId": "I-8" },
        { "sentOn": "2026-09-16", "kind": "collection_notice", "fee": "38", "instalmentId": "I-8" }
    ]);
    let a = assess(&m, TODAY);
    assert_eq!(
        warning_rules(&a),
        vec!["at_most_two_fees_per_claim".to_string()]
    );
    // a second fee before the first deadline (17 Aug + 14 = 31 Aug) was missed
    m["reminders"] = json!([
        { "sentOn": "2026-08-17", "kind": "reminder", "fee": "38", "instalmentId": "I-8" },
        { "sentOn": "2026-08-31", "kind": "collection_notice", "fee": "38", "instalmentId": "I-8" }
    ]);
    let a = assess(&m, TODAY);
    assert_eq!(
        warning_rules(&a),
        vec!["second_fee_after_missed_14_day_deadline".to_string()]
    );
    // 2026's cap is 38 kr: 39 kr is too much
    m["reminders"] =
        json!([{ "sentOn": "2026-08-17", "kind": "reminder", "fee": "39", "instalmentId": "I-8" }]);
    let a = assess(&m, TODAY);
    assert_eq!(
        warning_rules(&a),
        vec!["fee_at_most_one_twentieth_of_inkassosats".to_string()]
    );
    assert!(action(&a, A::RefundFee).is_some());
}

#[test]
fn the_fee_count_starts_again_six_months_after_the_last_fee() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2026-01-05", "0")]);
    m["reminders"] = json!([
        { "sentOn": "2026-01-19", "kind": "reminder", "fee": "38", "instalmentId": "I-1" },
        { "sentOn": "2026-02-05", "kind": "reminder", "fee": "38", "instalmentId": "I-1" },
        // more than six months after the last fee-bearing letter (5 Feb → 5 Aug)
        { "sentOn": "2026-08-10", "kind": "reminder", "fee": "38", "instalmentId": "I-1" }
    ]);
    let policy = Policy::from_json(
        r#"{"ladder":{"reminder":{"maxCount":2},"collectionNotice":{"fee":"0"}}}"#,
    )
    .unwrap();
    let a = assess_with(policy, &m, TODAY);
    assert!(warning_rules(&a).is_empty(), "{:?}", a.warnings);
}

// ---- 3. the statutory figures belong to the engine ----

#[test]
fn a_policy_cannot_raise_the_statutory_figures() {
    let rule = |json: &str| Policy::from_json(json).err().and_then(|e| e.rule());
    assert_eq!(
        rule(r#"{"fees":{"inkassosats":[{"from":"2017-01-01","amount":"1400"}]}}"#),
        Some("inkassosats_is_statutory")
    );
    assert_eq!(
        rule(r#"{"fees":{"inkassosats":[{"from":"2030-01-01","amount":"700"}]}}"#),
        Some("inkassosats_is_statutory")
    );
    assert_eq!(
        rule(r#"{"ladder":{"reminder":{"fee":"70"}}}"#),
        Some("fee_at_most_one_twentieth_of_inkassosats")
    );
    // a table raised to 1,400 kr does not make 70 kr fees lawful
    assert_eq!(
        rule(
            r#"{"fees":{"inkassosats":[{"from":"2017-01-01","amount":"1400"}]},"ladder":{"reminder":{"fee":"70"},"collectionNotice":{"fee":"70"}}}"#
        ),
        Some("fee_at_most_one_twentieth_of_inkassosats")
    );
    // the 2026 cap, 38 kr, is lawful
    assert!(Policy::from_json(r#"{"ladder":{"reminder":{"fee":"38"}}}"#).is_ok());
    // the default policy prints the law's table
    let p = Policy::default().to_json_pretty();
    assert!(
        p.contains("\"2026-01-01\"") && p.contains("\"750.00\""),
        "{p}"
    );
}

#[test]
fn a_lower_policy_fee_is_kept_and_a_higher_one_is_cut_to_the_days_cap() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2026-11-02", "0")]);
    m["reminders"] = json!([{ "sentOn": "2026-11-08", "kind": "sms", "instalmentId": "I-1" }]);
    let policy = Policy::from_json(r#"{"ladder":{"reminder":{"fee":"25"}}}"#).unwrap();
    let a = assess_with(policy, &m, TODAY);
    assert_eq!(
        action(&a, A::SendReminder).unwrap().fee.to_string(),
        "25.00"
    );
    // assessed in 2025, the same 38 kr policy fee is cut to that year's 35 kr cap
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2025-11-03", "0")]);
    m["reminders"] = json!([{ "sentOn": "2025-11-10", "kind": "sms", "instalmentId": "I-1" }]);
    let a = assess(&m, "2025-11-20");
    assert_eq!(
        action(&a, A::SendReminder).unwrap().fee.to_string(),
        "35.00"
    );
}

// ---- 4. deadlines and due dates on days the banks are shut ----

#[test]
fn a_deadline_ending_on_a_holiday_runs_to_the_next_business_day() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2026-10-01", "0")]);
    // sent Friday 11 Dec: 14 days is Christmas Day; 26–27 Dec are Saturday and Sunday → Monday 28 Dec
    m["reminders"] = json!([
        { "sentOn": "2026-10-15", "kind": "reminder", "fee": "38", "instalmentId": "I-1" },
        { "sentOn": "2026-12-11", "kind": "collection_notice", "fee": "38", "instalmentId": "I-1" }
    ]);
    let a = assess(&m, "2026-12-20");
    let h = action(&a, A::HandOverToCollection).expect("hand-over planned");
    assert_eq!(h.on, d("2026-12-29"));
    assert!(h.message.contains("28 Dec 2026"), "{}", h.message);
}

#[test]
fn an_avtalegiro_debit_due_on_a_sunday_is_not_overdue_before_monday() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-11", "2026-11-01", "0")]); // a Sunday
    assert!(signal(&assess(&m, "2026-11-02"), S::UnpaidInstalments).is_none());
    assert!(signal(&assess(&m, "2026-11-03"), S::UnpaidInstalments).is_some());
    // an invoice due that Sunday is late on Monday
    m["paymentMethod"] = json!("invoice");
    assert!(signal(&assess(&m, "2026-11-02"), S::UnpaidInstalments).is_some());
}

// ---- 5. limitation ----

#[test]
fn a_time_barred_claim_is_written_off_never_collected() {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-OLD", "2023-06-01", "0"),
        instalment("I-11", "2026-11-16", "0")
    ]);
    let a = assess(&m, TODAY);
    let s = signal(&a, S::TimeBarred).expect("time_barred");
    let ev = serde_json::to_value(&s.evidence).unwrap();
    assert_eq!(ev["instalmentIds"], json!(["I-OLD"]));
    let w = action(&a, A::WriteOff).expect("write_off");
    assert_eq!(w.instalment_ids, ids(&["I-OLD"]));
    for x in &a.actions {
        assert!(
            !x.instalment_ids.contains(&"I-OLD".to_string()) || x.code == A::WriteOff,
            "{x:?}"
        );
    }
    assert!(action(&a, A::ProposePaymentPlan).is_none());
    // a part payment in 2024 interrupted limitation: three years from then
    m["instalments"][0] = json!({ "id": "I-OLD", "dueOn": "2023-06-01", "amount": "549.00", "paid": "100.00", "paidOn": "2024-01-10" });
    let a = assess(&m, TODAY);
    assert!(signal(&a, S::TimeBarred).is_none());
    assert!(action(&a, A::WriteOff).is_none());
}

// ---- 6. binding periods ----

#[test]
fn overlapping_and_duplicate_freezes_extend_the_binding_once() {
    let mut m = member();
    m["bindingEndsOn"] = json!("2026-06-30");
    m["holds"] = json!([
        { "kind": "freeze", "from": "2026-03-01", "to": "2026-03-31" },
        { "kind": "freeze", "from": "2026-03-01", "to": "2026-03-31" },
        { "kind": "freeze", "from": "2026-03-15", "to": "2026-04-14" }
    ]);
    m["instalments"] = json!([instalment("I-11", "2026-11-02", "0")]);
    let a = assess(&m, "2026-11-20");
    let b = signal(&a, S::BindingEnded).expect("binding ended");
    let ev = serde_json::to_value(&b.evidence).unwrap();
    // 1 Mar – 14 Apr: 45 days
    assert_eq!(ev["frozenDays"], 45);
    assert_eq!(ev["extendedTo"], "2026-08-14");
}

#[test]
fn a_freeze_past_the_binding_end_counts_in_full_and_later_ones_step_by_step() {
    let mut m = member();
    m["bindingEndsOn"] = json!("2026-06-30");
    m["holds"] = json!([
        { "kind": "freeze", "from": "2026-06-15", "to": "2026-07-14" },   // 30 days → 30 Jul
        { "kind": "freeze", "from": "2026-07-25", "to": "2026-08-03" }    // starts before 30 Jul: 10 more → 9 Aug
    ]);
    m["instalments"] = json!([instalment("I-11", "2026-11-02", "0")]);
    let a = assess(&m, "2026-11-20");
    let ev = serde_json::to_value(&signal(&a, S::BindingEnded).unwrap().evidence).unwrap();
    assert_eq!(
        (ev["frozenDays"].clone(), ev["extendedTo"].clone()),
        (json!(40), json!("2026-08-09"))
    );
}

// ---- 7. money to the øre ----

#[test]
fn fractions_of_an_ore_make_no_debtor() {
    let mut m = member();
    m["instalments"] = json!([
        { "id": "I-1", "dueOn": "2026-09-01", "amount": "549.004", "paid": "549.00", "paidOn": "2026-09-01" },
        { "id": "I-2", "dueOn": "2026-10-01", "amount": 183.33333333333334, "paid": "183.33", "paidOn": "2026-10-01" }
    ]);
    let a = assess(&m, TODAY);
    assert!(
        signal(&a, S::UnpaidInstalments).is_none(),
        "{:?}",
        a.signals
    );
    assert!(ladder_actions(&a).is_empty());
    let fields: Vec<&str> = a.warnings.iter().map(|w| w.field.as_str()).collect();
    assert!(fields.contains(&"instalments[0].amount"), "{fields:?}");
    assert!(fields.contains(&"instalments[1].amount"), "{fields:?}");
}

#[test]
fn nobody_is_handed_over_or_charged_a_fee_for_a_few_kroner() {
    let mut m = member();
    m["instalments"] = json!([{ "id": "I-9", "dueOn": "2026-09-01", "amount": "549.00", "paid": "548.99", "paidOn": "2026-09-01" }]);
    m["reminders"] = json!([
        { "sentOn": "2026-09-15", "kind": "reminder", "instalmentId": "I-9" },
        { "sentOn": "2026-10-20", "kind": "collection_notice", "instalmentId": "I-9" }
    ]);
    let a = assess(&m, TODAY);
    assert!(
        action(&a, A::HandOverToCollection).is_none(),
        "{:?}",
        a.actions
    );
    assert!(a
        .suppressed
        .iter()
        .any(|s| s.code == A::HandOverToCollection));
    // a written reminder about 50 kr carries no fee
    m["instalments"] = json!([{ "id": "I-9", "dueOn": "2026-11-02", "amount": "549.00", "paid": "499.00", "paidOn": "2026-11-02" }]);
    m["reminders"] = json!([{ "sentOn": "2026-11-08", "kind": "sms", "instalmentId": "I-9" }]);
    let a = assess(&m, TODAY);
    assert_eq!(
        action(&a, A::SendReminder)
            .expect("reminder")
            .fee
            .to_string(),
        "0.00"
    );
}

// ---- 8. payments applied in a stated order ----

#[test]
fn an_overpayment_pays_the_oldest_open_claim_first() {
    let mut m = member();
    m["instalments"] = json!([
        { "id": "I-10", "dueOn": "2026-10-01", "amount": "549.00", "paid": "1098.00", "paidOn": "2026-10-01" },
        instalment("I-11", "2026-11-02", "0")
    ]);
    let a = assess(&m, TODAY);
    assert!(
        signal(&a, S::UnpaidInstalments).is_none(),
        "{:?}",
        a.signals
    );
    assert!(ladder_actions(&a).is_empty(), "{:?}", a.actions);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.message.contains("set off against I-11")
                && w.message.contains("oldest open claim first")),
        "{:?}",
        a.warnings
    );
    // half of it: the rest of I-11 is still owed, and the evidence says how payments were applied
    m["instalments"][0]["paid"] = json!("800.00");
    let a = assess(&m, TODAY);
    let ev = serde_json::to_value(&signal(&a, S::UnpaidInstalments).unwrap().evidence).unwrap();
    assert_eq!(ev["outstanding"], "298.00");
    assert_eq!(
        ev["setOff"],
        json!([{ "from": "I-10", "to": "I-11", "amount": "251.00" }])
    );
}

// ---- 9. blocked access and kept plans ----

#[test]
fn paid_but_blocked_only_for_members_who_may_train() {
    let mut m = member();
    m["accessBlocked"] = json!(true);
    m["instalments"] = json!([instalment("I-11", "2026-11-02", "549.00")]);
    assert!(action(&assess(&m, TODAY), A::RestoreAccess).is_some());
    let mut cancelled = m.clone();
    cancelled["cancelledOn"] = json!("2026-11-15");
    assert!(signal(&assess(&cancelled, TODAY), S::PaidButBlocked).is_none());
    let mut frozen = m.clone();
    frozen["holds"] = json!([{ "kind": "freeze", "from": "2026-11-20", "to": "2026-12-31" }]);
    assert!(signal(&assess(&frozen, TODAY), S::PaidButBlocked).is_none());
}

#[test]
fn a_member_keeping_a_plan_is_not_reminded_of_the_arrears_it_covers() {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-7", "2026-07-01", "0"),
        instalment("I-8", "2026-08-03", "0"),
        instalment("I-9", "2026-09-01", "0"),
        instalment("I-10", "2026-10-01", "549.00"),
        instalment("I-11", "2026-11-02", "549.00"),
        { "id": "P-1", "dueOn": "2026-10-15", "amount": "274.50", "paid": "274.50", "paidOn": "2026-10-15", "kind": "plan" },
        { "id": "P-2", "dueOn": "2026-11-16", "amount": "274.50", "paid": "274.50", "paidOn": "2026-11-16", "kind": "plan" }
    ]);
    m["plan"] = json!({ "agreedOn": "2026-09-20" });
    // no longer training either: without the plan, cancelling after the binding would be suggested
    m["visits"] = json!(["2026-06-01"]);
    let a = assess(&m, TODAY);
    assert!(ladder_actions(&a).is_empty(), "{:?}", a.actions);
    assert!(
        signal(&a, S::UnpaidInstalments).is_none(),
        "{:?}",
        a.signals
    );
    assert!(
        action(&a, A::CancelAfterBinding).is_none(),
        "{:?}",
        a.actions
    );
    assert!(action(&a, A::CallMember).is_none(), "{:?}", a.actions);
    let s = a
        .suppressed
        .iter()
        .find(|s| s.code == A::CancelAfterBinding)
        .expect("cancelling suppressed");
    assert!(s.because.contains("repayment plan"), "{}", s.because);
    // a plan that names its claims covers only those
    let mut named = m.clone();
    named["plan"] = json!({ "agreedOn": "2026-09-20", "instalmentIds": ["I-7", "I-8"] });
    let a = assess(&named, TODAY);
    let ev =
        serde_json::to_value(&signal(&a, S::UnpaidInstalments).expect("I-9").evidence).unwrap();
    assert_eq!(ev["instalmentIds"], json!(["I-9"]));
    // the plan broken: the missed plan instalment is chased
    m["instalments"][6]["paid"] = json!("0");
    let a = assess(&m, TODAY);
    assert!(signal(&a, S::PlanBreached).is_some());
}

// ---- 10. the report counts as the assessment counts ----

#[test]
fn the_report_counts_fee_instalments_and_labels_plan_instalments() {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-9", "2026-09-01", "0"),
        instalment("I-10", "2026-10-01", "0"),
        instalment("I-11", "2026-11-02", "0"),
        instalment("I-12", "2026-12-02", "0"),
        { "id": "P-1", "dueOn": "2026-10-15", "amount": "100", "kind": "plan" },
        { "id": "P-2", "dueOn": "2026-11-16", "amount": "100", "kind": "plan" }
    ]);
    m["plan"] = json!({ "agreedOn": "2026-08-15" });
    let engine = Engine::default();
    let r = engine
        .report_json(&json!([m]).to_string(), d(TODAY))
        .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(
        v["moreThanThreeUnpaid"],
        json!([]),
        "3 fee instalments are not more than three"
    );
    assert_eq!(v["unpaid"][0]["planInstalments"], 2);
    // I-12 is due today: not yet counted in betalingsgrad
    let bg = v["keyFigures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["code"] == "betalingsgrad")
        .unwrap();
    assert_eq!(bg["denominator"], 5, "{bg}");
}
