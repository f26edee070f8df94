//! The invariants, tested on generated members: a hold never yields a reminder, risk is monotone,
//! every record is accounted for, and the output is deterministic.
mod common;
use common::*;
use proptest::prelude::*;
use restanse::{Engine, SignalCode};
use serde_json::{json, Value};

const AS_OF: &str = "2026-11-23";

fn day_offset(days: i64) -> String {
    restanse::output::format_date(d(AS_OF) - chrono::Duration::days(days))
}

prop_compose! {
    fn arb_instalment(i: usize)(back in 0i64..400, paid in prop_oneof![Just(0i64), Just(549), 0i64..549], credited in prop_oneof![3 => Just(0i64), 1 => 0i64..100], waived in prop::bool::weighted(0.05), plan in prop::bool::weighted(0.1)) -> Value {
        json!({ "id": format!("I-{i}"), "dueOn": day_offset(back), "amount": "549.00", "paid": paid, "credited": credited,
                "waived": waived, "kind": if plan { "plan" } else { "fee" } })
    }
}

prop_compose! {
    fn arb_hold()(start in -30i64..300, len in 0i64..90, freeze in any::<bool>()) -> Value {
        json!({ "kind": if freeze { "freeze" } else { "deferral" }, "from": day_offset(start), "to": day_offset(start - len) })
    }
}

prop_compose! {
    fn arb_member()(
        n in 0usize..8,
        holds in prop::collection::vec(arb_hold(), 0..3),
        visits in prop::collection::vec(0i64..300, 0..30),
        method in prop::sample::select(vec!["avtalegiro", "invoice", "efaktura", "card", "vipps"]),
        mandate in prop::sample::select(vec!["active", "pending", "missing", "deleted"]),
        reminders in prop::collection::vec((0i64..200, prop::sample::select(vec!["sms", "reminder", "collection_notice"]), 0usize..8), 0..5),
        binding in prop::option::of(-200i64..400),
        blocked in prop::bool::weighted(0.1),
        plan in prop::bool::weighted(0.1),
    )(instalments in (0..n).map(arb_instalment).collect::<Vec<_>>(), holds in Just(holds), visits in Just(visits), method in Just(method),
      mandate in Just(mandate), reminders in Just(reminders), binding in Just(binding), blocked in Just(blocked), plan in Just(plan)) -> Value {
        let mut m = json!({
            "id": "M-P", "joinedOn": day_offset(420), "monthlyFee": "549.00", "paymentMethod": method, "mandate": mandate,
            "accessBlocked": blocked, "instalments": instalments, "holds": holds,
            "visits": visits.iter().map(|v| day_offset(*v)).collect::<Vec<_>>(),
            "reminders": reminders.iter().map(|(back, kind, i)| json!({ "sentOn": day_offset(*back), "kind": kind, "instalmentId": format!("I-{i}") })).collect::<Vec<_>>(),
        });
        if let Some(b) = binding { m["bindingEndsOn"] = json!(day_offset(b.min(419))); }
        if plan { m["plan"] = json!({ "agreedOn": day_offset(200) }); }
        m
    }
}

fn holds_cover(m: &Value, day: chrono::NaiveDate) -> bool {
    m["holds"].as_array().into_iter().flatten().any(|h| {
        d(h["from"].as_str().unwrap_or_default()) <= day
            && day <= d(h["to"].as_str().unwrap_or_default())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_hold_never_yields_a_reminder(m in arb_member()) {
        let a = assess(&m, AS_OF);
        let frozen_ids: Vec<String> = m["instalments"].as_array().into_iter().flatten()
            .filter(|i| m["holds"].as_array().into_iter().flatten().any(|h| h["kind"] == "freeze"
                && d(h["from"].as_str().unwrap()) <= d(i["dueOn"].as_str().unwrap()) && d(i["dueOn"].as_str().unwrap()) <= d(h["to"].as_str().unwrap())))
            .map(|i| i["id"].as_str().unwrap().to_string()).collect();
        for x in a.actions.iter().filter(|x| is_ladder(x.code)) {
            prop_assert!(!holds_cover(&m, x.on), "a reminder dated inside a hold: {:?}", x);
            prop_assert!(!holds_cover(&m, d(AS_OF)), "a reminder while a hold covers today: {:?}", x);
            for id in &x.instalment_ids {
                prop_assert!(!frozen_ids.contains(id), "a reminder for an instalment billed in a freeze: {:?}", x);
            }
        }
    }

    #[test]
    fn one_next_step_and_no_contradictions_on_one_day(m in arb_member()) {
        use restanse::ActionCode as A;
        let a = assess(&m, AS_OF);
        // the next step is the first action; the rest of the plan follows in date order
        match &a.next_step {
            None => prop_assert!(a.actions.is_empty()),
            Some(step) => {
                prop_assert_eq!(step.code, a.actions[0].code);
                prop_assert_eq!(step.on, a.actions[0].on);
                prop_assert_eq!(step.then.len(), a.actions.len() - 1);
                prop_assert!(step.then.windows(2).all(|w| w[0].on <= w[1].on));
            }
        }
        // no escalation on the day of a call or a plan proposal, and none before the contact has had its week
        let contacts: Vec<_> = a.actions.iter()
            .filter(|x| matches!(x.code, A::CallMember | A::ClarifyMembership | A::ProposePaymentPlan)).collect();
        for e in a.actions.iter().filter(|x| matches!(x.code, A::HandOverToCollection | A::SendCollectionNotice)) {
            for c in &contacts {
                prop_assert!(e.on > c.on, "escalation {:?} on or before contact {:?}", e, c);
            }
        }
        // one letter per member per day
        let mut letter_days: Vec<_> = a.actions.iter()
            .filter(|x| matches!(x.code, A::SendReminder | A::SendCollectionNotice)).map(|x| x.on).collect();
        let n = letter_days.len();
        letter_days.sort();
        letter_days.dedup();
        prop_assert_eq!(letter_days.len(), n, "two letters on one day: {:?}", a.actions);
    }

    #[test]
    fn another_unpaid_instalment_never_lowers_risk(m in arb_member(), back in 1i64..300) {
        let before = assess(&m, AS_OF);
        let mut more = m.clone();
        more["instalments"].as_array_mut().unwrap().push(json!({ "id": "I-extra", "dueOn": day_offset(back), "amount": "549.00" }));
        let after = assess(&more, AS_OF);
        prop_assert!(after.risk >= before.risk, "{} -> {}", before.risk, after.risk);
    }

    #[test]
    fn a_worse_mandate_never_lowers_risk(m in arb_member()) {
        let mut prev = -1.0;
        for state in ["active", "pending", "missing", "deleted"] {
            let mut x = m.clone();
            x["paymentMethod"] = json!("avtalegiro");
            x["mandate"] = json!(state);
            let r = assess(&x, AS_OF).risk;
            prop_assert!(r >= prev, "{state}: {r} < {prev}");
            prev = r;
        }
    }

    #[test]
    fn longer_silence_never_lowers_risk(m in arb_member(), shift in 1i64..60) {
        // the same rhythm, moved further into the past
        let mut earlier = m.clone();
        earlier["visits"] = json!(m["visits"].as_array().unwrap().iter()
            .map(|v| restanse::output::format_date(d(v.as_str().unwrap()) - chrono::Duration::days(shift))).collect::<Vec<_>>());
        earlier["holds"] = json!([]);
        let mut same = m.clone();
        same["holds"] = json!([]);
        let (a, b) = (assess(&same, AS_OF), assess(&earlier, AS_OF));
        let latent = |x: &restanse::Assessment| x.signals.iter().find(|s| s.code == SignalCode::Latent).map(|s| s.severity);
        prop_assert!(latent(&b) >= latent(&a));
        prop_assert!(b.risk >= a.risk, "{} -> {}", a.risk, b.risk);
    }

    #[test]
    fn every_record_is_assessed_or_rejected_and_output_is_deterministic(
        members in prop::collection::vec(arb_member(), 0..12),
        junk in prop::collection::vec(prop_oneof![
            Just(json!(42)), Just(json!({"id": "X"})), Just(json!({"id": "Y", "joinedOn": "2024-13-01"})),
            Just(json!({"id": "Z", "joinedOn": "2024-01-01", "instalments": [{"id": "I", "dueOn": "2026-01-01", "amount": "-1"}]})),
            Just(json!({"id": "M-P", "joinedOn": "2024-01-01"}))], 0..6),
    ) {
        let mut batch: Vec<Value> = Vec::new();
        for (i, mut m) in members.into_iter().enumerate() {
            m["id"] = json!(format!("M-{i}"));
            batch.push(m);
        }
        batch.extend(junk);
        let text = Value::Array(batch.clone()).to_string();
        let engine = Engine::default();
        let out = engine.assess_json(&text, d(AS_OF)).unwrap();
        prop_assert_eq!(out.assessments.len() + out.rejected.len(), batch.len());
        let again = engine.assess_json(&text, d(AS_OF)).unwrap();
        prop_assert_eq!(serde_json::to_string(&out).unwrap(), serde_json::to_string(&again).unwrap());
        let report = engine.report_json(&text, d(AS_OF)).unwrap();
        prop_assert_eq!(report.members.assessed + report.members.rejected, report.members.input);
    }
}

#[test]
fn any_bytes_give_an_error_or_an_answer_never_a_panic() {
    proptest!(ProptestConfig::with_cases(2000), |(s in "\\PC{0,200}")| {
        let _ = Engine::default().assess_json(&s, d(AS_OF));
    });
}
