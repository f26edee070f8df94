//! Every rule of the engine as a scenario a front-desk person could read.
mod common;
use common::*;
use restanse::{ActionCode as A, Band, Policy, Severity, SignalCode as S};
use serde_json::json;

// ---- unpaid instalments ----

#[test]
fn one_or_two_unpaid_instalments_are_a_warning_three_are_critical() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-9", "2026-09-01", "0")]);
    let a = assess(&m, "2026-11-23");
    let s = signal(&a, S::UnpaidInstalments).expect("unpaid");
    assert_eq!(s.severity, Severity::Warning);

    m["instalments"] = json!([
        instalment("I-9", "2026-09-01", "0"),
        instalment("I-10", "2026-10-01", "0"),
        instalment("I-11", "2026-11-01", "0")
    ]);
    let a = assess(&m, "2026-11-23");
    let s = signal(&a, S::UnpaidInstalments).expect("unpaid");
    assert_eq!(s.severity, Severity::Critical);
    assert_eq!(
        s.message,
        "3 unpaid instalments, 1 647,00 kr, oldest due 1 Sep 2026"
    );
    let ev = serde_json::to_value(&s.evidence).unwrap();
    assert_eq!(ev["count"], 3);
    assert_eq!(ev["outstanding"], "1647.00");
    assert_eq!(ev["oldestDueOn"], "2026-09-01");
    assert_eq!(a.band, Band::Critical);
    let call = action(&a, A::CallMember).expect("three unpaid: call the member");
    assert_eq!(call.priority, 1, "the call comes first: {:?}", a.actions);
}

#[test]
fn outstanding_is_amount_less_paid_and_credited_and_waivers_owe_nothing() {
    let mut m = member();
    m["instalments"] = json!([
        { "id": "I-1", "dueOn": "2026-09-01", "amount": "549.00", "paid": "200.00", "credited": "49.00" },
        { "id": "I-2", "dueOn": "2026-10-01", "amount": "549.00", "waived": true },
        { "id": "I-3", "dueOn": "2026-11-01", "amount": "549.00", "paid": "300", "credited": "249" }
    ]);
    let a = assess(&m, "2026-11-23");
    let ev = serde_json::to_value(&signal(&a, S::UnpaidInstalments).unwrap().evidence).unwrap();
    assert_eq!(ev["count"], 1);
    assert_eq!(ev["outstanding"], "300.00");
    assert_eq!(ev["instalmentIds"], json!(["I-1"]));
}

#[test]
fn an_instalment_is_overdue_only_after_its_due_date() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2026-11-23", "0")]);
    assert!(signal(&assess(&m, "2026-11-23"), S::UnpaidInstalments).is_none());
    assert!(signal(&assess(&m, "2026-11-24"), S::UnpaidInstalments).is_some());
}

// ---- the reminder ladder ----

#[test]
fn the_sms_goes_six_days_after_due_without_a_fee() {
    let mut m = member();
    // due Monday 2 Nov 2026 (a business day: the AvtaleGiro debit runs that day)
    m["instalments"] = json!([instalment("I-1", "2026-11-02", "0")]);
    // day 5: scheduled for day 6, within the horizon
    let a = assess(&m, "2026-11-07");
    let sms = action(&a, A::SendSmsReminder).expect("sms planned");
    assert_eq!(sms.on, d("2026-11-08"));
    // day 6: today
    let a = assess(&m, "2026-11-08");
    let sms = action(&a, A::SendSmsReminder).expect("sms today");
    assert_eq!(
        (sms.on, sms.fee.to_string().as_str()),
        (d("2026-11-08"), "0.00")
    );
    assert_eq!(sms.because, vec![S::UnpaidInstalments]);
    assert_eq!(sms.instalment_ids, vec!["I-1".to_string()]);
}

#[test]
fn the_written_reminder_waits_for_fourteen_days_and_carries_at_most_38_kr() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2026-11-02", "0")]);
    m["reminders"] = json!([{ "sentOn": "2026-11-08", "kind": "sms", "instalmentId": "I-1" }]);
    let a = assess(&m, "2026-11-10");
    let r = action(&a, A::SendReminder).expect("reminder scheduled");
    assert_eq!(r.on, d("2026-11-16"), "14 days after due, not before");
    // 2026: 1/20 of the 750 kr inkassosats, rounded to the krone (FOR-2025-12-19-2709)
    assert_eq!(r.fee.to_string(), "38.00");
    assert!(
        action(&a, A::SendSmsReminder).is_none(),
        "the SMS was already sent"
    );
}

#[test]
fn a_collection_notice_follows_the_reminder_deadline_and_hand_over_follows_the_notice_deadline() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2026-09-01", "0")]);
    m["reminders"] = json!([
        { "sentOn": "2026-09-07", "kind": "sms", "instalmentId": "I-1" },
        { "sentOn": "2026-09-15", "kind": "reminder", "fee": "35", "instalmentId": "I-1" }
    ]);
    // the ladder's own timing: without contactBeforeEscalation, which would hold the notice a week after the
    // clarifying call this member (no visit before 20 Oct, so latent) gets (tested in law.rs)
    let law_only = || {
        let mut p = Policy::default();
        p.contact_before_escalation.enabled = false;
        p
    };
    let a = assess_with(law_only(), &m, "2026-10-20");
    let n = action(&a, A::SendCollectionNotice).expect("notice");
    assert_eq!(n.on, d("2026-10-20"));
    assert_eq!(n.fee.to_string(), "38.00");
    assert!(
        n.message.contains("3 Nov 2026"),
        "a 14-day deadline from sending: {}",
        n.message
    );

    m["reminders"].as_array_mut().unwrap().push(json!({ "sentOn": "2026-10-20", "kind": "collection_notice", "fee": "35", "instalmentId": "I-1" }));
    // the deadline runs to 3 Nov; hand-over the day after at the earliest
    let a = assess_with(law_only(), &m, "2026-10-25");
    let h = action(&a, A::HandOverToCollection).expect("hand-over planned within the horizon");
    assert_eq!(h.on, d("2026-11-04"));
    let a = assess_with(law_only(), &m, "2026-11-03");
    assert_eq!(
        action(&a, A::HandOverToCollection).map(|h| h.on),
        Some(d("2026-11-04"))
    );
    assert!(a
        .actions
        .iter()
        .all(|x| x.code != A::HandOverToCollection || x.on > d("2026-11-03")));
}

#[test]
fn no_fee_beyond_two_per_claim() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-1", "2026-08-03", "0")]);
    m["reminders"] = json!([
        { "sentOn": "2026-08-17", "kind": "reminder", "fee": "35", "instalmentId": "I-1" },
        { "sentOn": "2026-09-01", "kind": "reminder", "fee": "35", "instalmentId": "I-1" }
    ]);
    let policy = Policy::from_json(
        r#"{"ladder":{"reminder":{"maxCount":2},"collectionNotice":{"fee":"0"}}}"#,
    )
    .unwrap();
    let a = assess_with(policy, &m, "2026-09-20");
    let n = action(&a, A::SendCollectionNotice).expect("notice");
    assert_eq!(n.fee.to_string(), "0.00");
}

// ---- holds ----

#[test]
fn a_freeze_stops_every_reminder_and_says_why() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-10", "2026-10-01", "0")]);
    m["holds"] =
        json!([{ "kind": "freeze", "from": "2026-11-01", "to": "2026-12-31", "note": "injury" }]);
    let a = assess(&m, "2026-11-23");
    assert!(
        a.actions.iter().all(|x| !is_ladder(x.code)),
        "{:?}",
        a.actions
    );
    let s = a
        .suppressed
        .iter()
        .find(|s| is_ladder(s.code))
        .expect("suppressed reminder");
    assert_eq!(s.because, "freeze 2026-11-01–2026-12-31");
    assert!(
        signal(&a, S::Latent).is_none(),
        "silence inside a freeze is not absence"
    );
}

#[test]
fn an_instalment_billed_inside_a_freeze_is_a_data_error_never_a_reminder() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-7", "2026-07-01", "0")]);
    m["holds"] = json!([{ "kind": "freeze", "from": "2026-06-01", "to": "2026-07-31" }]);
    let a = assess(&m, "2026-11-23");
    assert!(signal(&a, S::UnpaidInstalments).is_none());
    let s = signal(&a, S::BilledDuringHold).expect("billed during hold");
    assert!(
        s.message.contains("freeze 2026-06-01–2026-07-31"),
        "{}",
        s.message
    );
    let fix = action(&a, A::CorrectHoldBilling).expect("correct the billing");
    assert_eq!(fix.instalment_ids, vec!["I-7".to_string()]);
    assert!(a.actions.iter().all(|x| !is_ladder(x.code)));
    assert!(a
        .suppressed
        .iter()
        .any(|s| is_ladder(s.code) && s.because == "freeze 2026-06-01–2026-07-31"));
}

#[test]
fn a_deferral_moves_the_due_date_to_the_day_after_it_ends() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-11", "2026-11-01", "0")]);
    m["holds"] = json!([{ "kind": "deferral", "from": "2026-10-25", "to": "2026-11-30" }]);
    let a = assess(&m, "2026-11-23");
    assert!(
        signal(&a, S::UnpaidInstalments).is_none(),
        "not overdue inside the deferral"
    );
    assert!(a.actions.iter().all(|x| !is_ladder(x.code)));
    assert!(a
        .suppressed
        .iter()
        .any(|s| s.because == "deferral 2026-10-25–2026-11-30"));
    let a = assess(&m, "2026-12-02");
    let ev = serde_json::to_value(
        &signal(&a, S::UnpaidInstalments)
            .expect("overdue after")
            .evidence,
    )
    .unwrap();
    assert_eq!(ev["oldestDueOn"], "2026-12-01");
}

// ---- mandates and payment methods ----

#[test]
fn a_deleted_mandate_is_critical_and_followed_up() {
    let mut m = member();
    m["mandate"] = json!("deleted");
    let a = assess(&m, "2026-11-23");
    let s = signal(&a, S::MandateInactive).expect("mandate");
    assert_eq!(s.severity, Severity::Critical);
    assert!(action(&a, A::FollowUpMandate).is_some());
}

#[test]
fn a_pending_mandate_matters_when_the_next_debit_is_near() {
    let mut m = member();
    m["mandate"] = json!("pending");
    m["instalments"] = json!([instalment("I-12", "2026-12-01", "0")]);
    assert_eq!(
        signal(&assess(&m, "2026-11-10"), S::MandateInactive)
            .unwrap()
            .severity,
        Severity::Info
    );
    assert_eq!(
        signal(&assess(&m, "2026-11-26"), S::MandateInactive)
            .unwrap()
            .severity,
        Severity::Warning
    );
}

#[test]
fn members_paying_another_way_are_offered_avtalegiro() {
    let mut m = member();
    m["paymentMethod"] = json!("invoice");
    let a = assess(&m, "2026-11-23");
    assert!(signal(&a, S::NoAvtalegiro).is_some());
    assert!(signal(&a, S::MandateInactive).is_none());
    assert!(action(&a, A::OfferAvtalegiro).is_some());
}

// ---- latent members ----

#[test]
fn latent_is_judged_against_the_members_own_rhythm() {
    // trains every 3–4 days, silent 25 days: latent
    let m = member();
    let a = assess(&m, "2026-12-15");
    let s = signal(&a, S::Latent).expect("latent");
    let ev = serde_json::to_value(&s.evidence).unwrap();
    assert_eq!(ev["daysSinceLastVisit"], 25);
    assert_eq!(ev["usualIntervalDays"], 7.0, "floored at 7 days");
    // trains every 14 days, silent 25 days: not latent
    let mut m = member();
    m["visits"] = json!([
        "2026-08-20",
        "2026-09-03",
        "2026-09-17",
        "2026-10-01",
        "2026-10-15",
        "2026-10-29",
        "2026-11-20"
    ]);
    let a = assess(&m, "2026-12-15");
    assert!(signal(&a, S::Latent).is_none(), "{:?}", a.signals);
}

#[test]
fn a_member_who_came_once_and_never_again_is_caught() {
    let mut m = member();
    m["joinedOn"] = json!("2026-09-01");
    m["bindingEndsOn"] = json!("2027-09-01");
    m["visits"] = json!(["2026-09-02"]);
    let a = assess(&m, "2026-11-23");
    assert!(signal(&a, S::Latent).is_some());
    assert!(
        action(&a, A::OfferFreeze).is_some(),
        "still bound: offer a freeze rather than lose them"
    );
    assert!(action(&a, A::Reactivate).is_some());
}

#[test]
fn latent_and_unpaid_members_may_believe_they_cancelled() {
    let mut m = member();
    m["visits"] = json!(["2026-07-01", "2026-07-04", "2026-07-08"]);
    m["instalments"] = json!([
        instalment("I-10", "2026-10-01", "0"),
        instalment("I-11", "2026-11-01", "0")
    ]);
    let a = assess(&m, "2026-11-23");
    let c = action(&a, A::ClarifyMembership).expect("clarify");
    assert_eq!(c.because, vec![S::Latent, S::UnpaidInstalments]);
    assert!(action(&a, A::Reactivate).is_none());
}

// ---- plans, blocks, binding ----

#[test]
fn a_broken_repayment_plan_is_critical() {
    let mut m = member();
    m["plan"] = json!({ "agreedOn": "2026-08-15" });
    m["instalments"] = json!([
        { "id": "P-1", "dueOn": "2026-09-15", "amount": "300", "paid": "300", "paidOn": "2026-09-15", "kind": "plan" },
        { "id": "P-2", "dueOn": "2026-10-15", "amount": "300", "kind": "plan" }
    ]);
    let a = assess(&m, "2026-11-23");
    let s = signal(&a, S::PlanBreached).expect("plan breached");
    assert_eq!(s.severity, Severity::Critical);
    assert!(action(&a, A::CallMember).is_some());
    assert!(
        action(&a, A::ProposePaymentPlan).is_none(),
        "a plan already exists"
    );
}

#[test]
fn arrears_with_current_fees_paid_get_a_repayment_plan() {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-8", "2026-08-01", "0"),
        instalment("I-9", "2026-09-01", "0"),
        instalment("I-10", "2026-10-01", "549.00"),
        instalment("I-11", "2026-11-01", "549.00")
    ]);
    let a = assess(&m, "2026-11-23");
    let p = action(&a, A::ProposePaymentPlan).expect("plan");
    assert!(
        p.message
            .contains("1 098,00 kr over 4 months (274,50 kr a month)"),
        "{}",
        p.message
    );
}

#[test]
fn blocked_access_with_nothing_overdue_is_restored() {
    let mut m = member();
    m["accessBlocked"] = json!(true);
    m["instalments"] = json!([instalment("I-11", "2026-11-01", "549.00")]);
    let a = assess(&m, "2026-11-23");
    assert!(signal(&a, S::PaidButBlocked).is_some());
    assert_eq!(action(&a, A::RestoreAccess).map(|x| x.priority), Some(1));
}

#[test]
fn cancel_only_after_binding_and_only_after_contact() {
    let mut m = member();
    m["instalments"] = json!([
        instalment("I-9", "2026-09-01", "0"),
        instalment("I-10", "2026-10-01", "0"),
        instalment("I-11", "2026-11-01", "0")
    ]);
    // bound until 2027: cancelling is suppressed, with the reason
    m["bindingEndsOn"] = json!("2027-01-15");
    let a = assess(&m, "2026-11-23");
    assert!(action(&a, A::CancelAfterBinding).is_none());
    let s = a
        .suppressed
        .iter()
        .find(|s| s.code == A::CancelAfterBinding)
        .expect("suppressed");
    assert_eq!(s.because, "binding period runs until 15 Jan 2027");

    // binding over: contact today, cancel later
    m["bindingEndsOn"] = json!("2025-01-15");
    let a = assess(&m, "2026-11-23");
    let cancel = action(&a, A::CancelAfterBinding).expect("cancel");
    let call = action(&a, A::CallMember).expect("contact first");
    assert!(call.on < cancel.on && call.priority < cancel.priority);
    assert!(cancel.because.contains(&S::BindingEnded));
    assert!(signal(&a, S::BindingEnded).is_some());
}

#[test]
fn frozen_days_extend_the_binding_period() {
    let mut m = member();
    m["joinedOn"] = json!("2025-11-01");
    m["bindingEndsOn"] = json!("2026-11-01");
    m["holds"] = json!([{ "kind": "freeze", "from": "2026-03-01", "to": "2026-03-30" }]);
    m["visits"] = json!(["2026-06-01", "2026-06-04"]);
    let a = assess(&m, "2026-11-23");
    assert!(
        action(&a, A::OfferFreeze).is_some(),
        "bound until 1 Dec after 30 frozen days"
    );
    let policy = Policy::from_json(r#"{"binding":{"extendByFreeze":false}}"#).unwrap();
    let a = assess_with(policy, &m, "2026-11-23");
    assert!(action(&a, A::OfferFreeze).is_none());
    assert!(signal(&a, S::BindingEnded).is_some());
}

// ---- input ----

#[test]
fn bad_records_are_rejected_one_by_one_with_member_field_and_reason() {
    let batch = json!([
        member(),
        { "id": "M-1", "joinedOn": "2024-01-01" },
        { "id": "M-3", "joinedOn": "2024-02-30" },
        { "id": "M-4", "joinedOn": "2024-01-01", "instalments": [{ "id": "I-1", "dueOn": "2026-10-01", "amount": "-5" }] },
        { "id": "M-5", "joinedOn": "2024-01-01", "instalments": [{ "id": "I-1", "dueOn": "2026-10-01", "amount": "five" }] },
        { "id": "M-6", "joinedOn": "2024-01-01", "holds": [{ "kind": "freeze", "from": "2026-05-01", "to": "2026-04-01" }] },
        { "id": "M-7", "joinedOn": "2024-01-01", "cancelledOn": "2023-01-01" },
        { "id": "M-8", "joinedOn": "2024-01-01", "visits": ["2023-12-01"] }
    ]);
    let out = restanse::Engine::default()
        .assess_json(&batch.to_string(), d("2026-11-23"))
        .unwrap();
    assert_eq!(out.assessments.len() + out.rejected.len(), 8);
    let why: Vec<(usize, Option<&str>, &str)> = out
        .rejected
        .iter()
        .map(|r| (r.record, r.member_id.as_deref(), r.field.as_str()))
        .collect();
    assert_eq!(
        why,
        vec![
            (2, Some("M-1"), "id"),
            (3, Some("M-3"), "joinedOn"),
            (4, Some("M-4"), "instalments[0].amount"),
            (5, Some("M-5"), "instalments[0].amount"),
            (6, Some("M-6"), "holds[0].to"),
            (7, Some("M-7"), "cancelledOn"),
        ]
    );
    assert!(out.rejected[0].reason.contains("duplicate id"));
    assert!(out.rejected[1].reason.contains("not a real date"));
    assert!(out.rejected[2].reason.contains("negative"));
    assert!(out.rejected[3].reason.contains("not a decimal amount"));
    assert!(out.rejected[4]
        .reason
        .contains("ends (2026-04-01) before it starts"));
    // a lesser oddity is a warning on the assessment
    let m8 = out
        .assessments
        .iter()
        .find(|a| a.member_id == "M-8")
        .unwrap();
    assert!(
        m8.warnings[0].message.contains("before joining"),
        "{:?}",
        m8.warnings
    );
}

#[test]
fn messages_come_in_norwegian_too() {
    let mut m = member();
    m["instalments"] = json!([instalment("I-9", "2026-09-01", "0")]);
    let policy = Policy {
        language: restanse::Lang::Nb,
        ..Policy::default()
    };
    let a = assess_with(policy, &m, "2026-11-23");
    assert_eq!(
        signal(&a, S::UnpaidInstalments).unwrap().message,
        "1 ubetalt avdrag, 549,00 kr, eldste forfalt 1. sep. 2026"
    );
}

#[test]
fn an_unlawful_policy_is_refused_naming_the_rule() {
    let err = Policy::from_json(r#"{"ladder":{"reminder":{"afterDays":7}}}"#).unwrap_err();
    assert_eq!(err.rule(), Some("reminder_fee_after_14_days"));
    assert!(
        err.to_string()
            .contains("at least 14 days after the due date"),
        "{err}"
    );
}

#[test]
fn absurd_amounts_are_rejected_not_overflowed() {
    let max = "79228162514264337593543950335";
    let batch = json!([
        { "id": "M-1", "joinedOn": "2024-01-01", "instalments": [
            { "id": "I-1", "dueOn": "2026-09-01", "amount": max }, { "id": "I-2", "dueOn": "2026-10-01", "amount": max } ] },
        { "id": "M-2", "joinedOn": "2024-01-01", "monthlyFee": "0.0000000001",
          "instalments": [ { "id": "I-1", "dueOn": "2026-09-01", "amount": "549" }, { "id": "I-2", "dueOn": "2026-10-01", "amount": "549" } ] }
    ]);
    let out = restanse::Engine::default()
        .assess_json(&batch.to_string(), d("2026-11-23"))
        .unwrap();
    assert_eq!(out.rejected.len(), 1);
    assert!(
        out.rejected[0]
            .reason
            .contains("more than 1 000 000 000 kr"),
        "{}",
        out.rejected[0].reason
    );
    // a tiny fee still gives a bounded plan
    let plan = action(&out.assessments[0], A::ProposePaymentPlan).expect("plan");
    assert!(plan.message.contains("over 12 months"), "{}", plan.message);
}
