//! Issue 14: input that a careless export or a hostile user writes never panics and is never silently lost.
use chrono::NaiveDate;
use restanse::input::MemberInput;
use restanse::input::{parse_as_of, parse_visit};
use restanse::policy::Policy;
use std::collections::HashSet;

fn day(s: &str) -> NaiveDate {
    restanse::input::parse_date(s).unwrap()
}

fn member(json: &str) -> MemberInput {
    serde_json::from_str(json).unwrap()
}

const OWES: &str = r#"{"id":"M-1","joinedOn":"2026-01-01","monthlyFee":"549.00",
  "instalments":[{"id":"I-1","dueOn":"2026-10-01","amount":"549.00"}]}"#;

#[test]
fn huge_credits_and_desk_payments_are_rejected_not_panics() {
    let feed = [
        r#"{"id":"e1","at":"2026-11-01T10:00:00Z","type":"credit","memberId":"M-1","instalmentId":"I-1","amount":"70000000000000000000000000000"}"#,
        r#"{"id":"e2","at":"2026-11-01T10:01:00Z","type":"credit","memberId":"M-1","instalmentId":"I-1","amount":"70000000000000000000000000000"}"#,
        r#"{"id":"e3","at":"2026-11-01T10:02:00Z","type":"payment","memberId":"M-1","paidOn":"2026-11-01","amount":"79228162514264337593543950335"}"#,
        r#"{"id":"e4","at":"2026-11-01T10:03:00Z","type":"credit","memberId":"M-1","instalmentId":"I-1","amount":"1000000000"}"#,
        r#"{"id":"e5","at":"2026-11-01T10:04:00Z","type":"payment","memberId":"M-1","paidOn":"2026-11-01","instalmentId":"I-1","amount":"1000000000.01"}"#,
    ]
    .join("\n");
    let mut members = vec![member(OWES)];
    let report =
        restanse::input::events::apply(&mut members, &feed, day("2026-12-01"), &mut HashSet::new());
    assert_eq!(report.applied, 1, "{report:?}");
    let rejected: Vec<_> = report.rejected.iter().map(|p| p.line).collect();
    assert_eq!(rejected, vec![1, 2, 3, 5], "{report:?}");
    assert!(
        report.rejected.iter().all(|p| p.field == "amount"),
        "{report:?}"
    );
    assert_eq!(report.lines, 5);
}

#[test]
fn a_desk_payment_against_absurd_instalments_does_not_overflow() {
    // an instalment billed through the feed is only validated after the feed: its subtraction must not panic
    let feed = [
        r#"{"id":"b","at":"2026-11-01T09:00:00Z","type":"instalment_billed","memberId":"M-1","instalment":{"id":"I-2","dueOn":"2026-09-01","amount":"79228162514264337593543950335","paid":"-79228162514264337593543950335"}}"#,
        r#"{"id":"p","at":"2026-11-01T10:00:00Z","type":"payment","memberId":"M-1","paidOn":"2026-11-01","amount":"100"}"#,
    ]
    .join("\n");
    let mut members = vec![member(OWES)];
    let report =
        restanse::input::events::apply(&mut members, &feed, day("2026-12-01"), &mut HashSet::new());
    assert_eq!(report.applied + report.rejected.len(), 2, "{report:?}");
    // and the member it made is then rejected by validation, naming the field
    let engine = restanse::Engine::new(Policy::default()).unwrap();
    let out = engine.assess_parsed(members.into_iter().map(Ok).collect(), day("2026-12-01"));
    assert_eq!(out.assessments.len() + out.rejected.len(), 1);
    assert!(
        out.rejected[0].field.starts_with("instalments[1]."),
        "{:?}",
        out.rejected
    );
}

#[test]
fn a_plan_share_that_would_overflow_is_refused_by_the_policy_check() {
    let e = Policy::from_json(r#"{"plan":{"shareOfFee":"70000000000000000000"}}"#).unwrap_err();
    assert!(e.to_string().contains("shareOfFee"), "{e}");
    assert!(Policy::from_json(r#"{"plan":{"shareOfFee":"100"}}"#).is_ok());
    let e = Policy::from_json(r#"{"ladder":{"feeMinOutstanding":"1000000000.01"}}"#).unwrap_err();
    assert!(e.to_string().contains("feeMinOutstanding"), "{e}");
}

#[test]
fn the_largest_allowed_share_and_amounts_assess() {
    let policy = Policy::from_json(r#"{"plan":{"shareOfFee":"100"}}"#).unwrap();
    let engine = restanse::Engine::new(policy).unwrap();
    let json = r#"[{"id":"M-1","joinedOn":"2025-01-01","monthlyFee":"1000000000",
      "instalments":[{"id":"a","dueOn":"2026-07-01","amount":"1000000000"},{"id":"b","dueOn":"2026-08-01","amount":"1000000000"},
                     {"id":"c","dueOn":"2026-09-01","amount":"1000000000"},{"id":"d","dueOn":"2026-10-01","amount":"1000000000"}],
      "reminders":[{"sentOn":"2026-07-20","kind":"reminder","fee":"1000000000","instalmentId":"a"}]}]"#;
    let out = engine.assess_json(json, day("2026-12-01")).unwrap();
    assert_eq!(out.assessments.len(), 1, "{:?}", out.rejected);
    let _ = engine.report_json(json, day("2026-12-01")).unwrap();
}

#[test]
fn amounts_above_the_documented_maximum_are_rejected_by_name() {
    let engine = restanse::Engine::new(Policy::default()).unwrap();
    let json = r#"[{"id":"M-1","joinedOn":"2025-01-01",
      "instalments":[{"id":"a","dueOn":"2026-07-01","amount":"1000000000.01"}]}]"#;
    let out = engine.assess_json(json, day("2026-12-01")).unwrap();
    assert_eq!(out.rejected.len(), 1);
    assert_eq!(out.rejected[0].field, "instalments[0].amount");
    assert_eq!(out.rejected[0].member_id.as_deref(), Some("M-1"));
}

#[test]
fn the_assessment_day_stays_within_1900_to_9989() {
    assert!(parse_as_of("9999-12-31").is_err());
    assert!(parse_as_of("1899-12-31").is_err());
    assert!(parse_as_of("9989-12-31").is_ok());
    assert!(parse_as_of("1900-01-01").is_ok());
}

#[test]
fn a_visit_needs_a_real_clock() {
    assert!(parse_visit("2026-10-07T25:99:99+99:99").is_err());
    assert!(parse_visit("2026-10-07T23:60:00Z").is_err());
    assert!(parse_visit("2026-10-07T17:45:00+24:00").is_err());
    assert!(parse_visit("2026-10-07T23:59:60+14:00").is_ok());
    assert_eq!(
        parse_visit("2026-10-07T17:45:00+02:00").unwrap(),
        day("2026-10-07")
    );
}

#[test]
fn a_model_with_enormous_weights_is_refused_so_risk_is_never_null() {
    let mut v = serde_json::json!({
        "format": "restanse-risk-model", "version": 1, "kind": "members", "predicts": "default",
        "features": [
            {"name": "unpaid_count", "mean": 0.5, "scale": 1.0, "coefficient": 1.0},
            {"name": "tenure_years", "mean": 2.0, "scale": 1.0, "coefficient": -0.5}
        ],
        "intercept": -2.0, "l2": 1.0, "l2ChosenBy": "fixed",
        "training": {"rows": 10, "positives": 2}
    });
    restanse::model::RiskModel::for_members(&v.to_string()).unwrap();
    v["features"][0]["coefficient"] = serde_json::json!(1e308);
    v["features"][1]["coefficient"] = serde_json::json!(-1e308);
    let e = restanse::model::RiskModel::for_members(&v.to_string()).unwrap_err();
    assert!(e.to_string().contains("coefficient"), "{e}");
    v["features"][0]["coefficient"] = serde_json::json!(10000.0);
    v["features"][1]["coefficient"] = serde_json::json!(-10000.0);
    v["features"][0]["scale"] = serde_json::json!(1e-9);
    let model = restanse::model::RiskModel::for_members(&v.to_string()).unwrap();
    let engine = restanse::Engine::with_model(Policy::default(), model).unwrap();
    let json = restanse_sample_like();
    let out = engine.assess_json(&json, day("2026-12-01")).unwrap();
    for a in &out.assessments {
        assert!(
            a.risk.is_finite() && (0.0..=1.0).contains(&a.risk),
            "{}",
            a.risk
        );
    }
}

fn restanse_sample_like() -> String {
    r#"[{"id":"M-1","joinedOn":"2025-01-01","monthlyFee":"549","paymentMethod":"invoice",
        "instalments":[{"id":"a","dueOn":"2026-07-01","amount":"549"}],"visits":["2026-06-01"]},
       {"id":"M-2","joinedOn":"2020-01-01","monthlyFee":"1000000000","visits":["2026-11-30"]}]"#
        .to_string()
}

#[test]
fn leniencies_become_clear_answers() {
    let engine = restanse::Engine::new(Policy::default()).unwrap();
    // "1_000" is not an amount
    let out = engine
        .assess_json(
            r#"[{"id":"M-1","joinedOn":"2025-01-01","monthlyFee":"1_000"}]"#,
            day("2026-12-01"),
        )
        .unwrap();
    assert_eq!(out.rejected[0].field, "monthlyFee", "{:?}", out.rejected);
    // null means not given, as for the dates
    let out = engine
        .assess_json(
            r#"[{"id":"M-1","joinedOn":"2025-01-01","mandate":null,"accessBlocked":null,"cancelledOn":null}]"#,
            day("2026-12-01"),
        )
        .unwrap();
    assert_eq!(out.assessments.len(), 1, "{:?}", out.rejected);
    // a visit at an impossible time of day is rejected
    let out = engine
        .assess_json(
            r#"[{"id":"M-1","joinedOn":"2025-01-01","visits":["2026-10-07T25:99:99+99:99"]}]"#,
            day("2026-12-01"),
        )
        .unwrap();
    assert_eq!(out.rejected.len(), 1);
}

#[test]
fn a_byte_order_mark_is_accepted_in_json_policies_and_models() {
    let engine = restanse::Engine::new(Policy::default()).unwrap();
    let out = engine
        .assess_json(
            "\u{feff}[{\"id\":\"M-1\",\"joinedOn\":\"2025-01-01\"}]",
            day("2026-12-01"),
        )
        .unwrap();
    assert_eq!(out.assessments.len(), 1);
    assert!(Policy::from_json("\u{feff}{\"language\":\"nb\"}").is_ok());
}

#[test]
fn a_member_beyond_the_size_limit_is_rejected_with_a_reason_quickly() {
    let n = restanse::input::MAX_INSTALMENTS + 1;
    let instalments: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"I-{i}","dueOn":"2026-01-01","amount":"1"}}"#))
        .collect();
    let reminders: Vec<String> = (0..60_000)
        .map(|_| r#"{"sentOn":"2026-02-01","kind":"sms"}"#.to_string())
        .collect();
    let json = format!(
        r#"[{{"id":"M-1","joinedOn":"2025-01-01","instalments":[{}],"reminders":[{}]}},{{"id":"M-2","joinedOn":"2025-01-01"}}]"#,
        instalments.join(","),
        reminders.join(",")
    );
    let started = std::time::Instant::now();
    let engine = restanse::Engine::new(Policy::default()).unwrap();
    let out = engine.assess_json(&json, day("2026-12-01")).unwrap();
    assert_eq!(out.assessments.len(), 1);
    assert_eq!(out.rejected[0].field, "instalments");
    assert!(
        out.rejected[0].reason.contains("more than the 2000"),
        "{}",
        out.rejected[0].reason
    );
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn a_member_written_as_an_array_is_rejected() {
    let engine = restanse::Engine::new(Policy::default()).unwrap();
    let out = engine
        .assess_json(
            r#"[["M-1","2025-01-01"],{"id":"M-2","joinedOn":"2025-01-01","note":"[not, an, array]"}]"#,
            day("2026-12-01"),
        )
        .unwrap();
    assert_eq!(out.assessments.len(), 1);
    assert_eq!(out.rejected.len(), 1);
    assert_eq!(out.rejected[0].record, 1);
    assert!(
        out.rejected[0].reason.contains("not an array"),
        "{:?}",
        out.rejected
    );
}

#[test]
fn a_member_beyond_the_contact_objection_or_hardship_limit_is_rejected_with_a_reason() {
    let engine = restanse::Engine::new(Policy::default()).unwrap();
    for (field, max, one) in [
        (
            "contacts",
            restanse::input::MAX_CONTACTS,
            r#"{"on":"2026-02-01","channel":"phone","outcome":"no_answer"}"#,
        ),
        (
            "objections",
            restanse::input::MAX_OBJECTIONS,
            r#"{"raisedOn":"2026-02-01"}"#,
        ),
        (
            "hardship",
            restanse::input::MAX_HARDSHIP,
            r#"{"kind":"illness","from":"2026-02-01"}"#,
        ),
    ] {
        let many = vec![one; max + 1].join(",");
        let json = format!(
            r#"[{{"id":"M-1","joinedOn":"2025-01-01","{field}":[{many}]}},{{"id":"M-2","joinedOn":"2025-01-01","{field}":[{one}]}}]"#
        );
        let out = engine.assess_json(&json, day("2026-12-01")).unwrap();
        assert_eq!(out.assessments.len(), 1, "{field}: {:?}", out.rejected);
        assert_eq!(out.rejected.len(), 1, "{field}");
        assert_eq!(out.rejected[0].field, field);
        assert!(
            out.rejected[0]
                .reason
                .contains(&format!("more than the {max}")),
            "{}",
            out.rejected[0].reason
        );
    }
}
