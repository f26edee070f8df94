//! What every target shares: a fixed assessment day and a small batch of members to run a policy, a model or a
//! feed against.
#![allow(dead_code)]

pub fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

pub const MEMBERS: &str = r#"[
 {"id":"M-1","joinedOn":"2025-01-01","monthlyFee":"549","paymentMethod":"invoice","mandate":"missing",
  "instalments":[{"id":"I-1","dueOn":"2026-07-01","amount":"549"},{"id":"I-2","dueOn":"2026-08-01","amount":"549"},
                 {"id":"I-3","dueOn":"2026-09-01","amount":"549"},{"id":"I-4","dueOn":"2026-10-01","amount":"549","paid":"100"}],
  "visits":["2026-05-01","2026-05-08","2026-05-15"],
  "holds":[{"kind":"freeze","from":"2026-06-01","to":"2026-06-30"}],
  "reminders":[{"sentOn":"2026-07-20","kind":"reminder","fee":"35","instalmentId":"I-1"}]},
 {"id":"M-2","joinedOn":"2020-01-01","monthlyFee":"1000000000","paymentMethod":"avtalegiro","mandate":"active",
  "visits":["2026-11-30"],"plan":{"agreedOn":"2026-10-01"},
  "instalments":[{"id":"P-1","dueOn":"2026-10-15","amount":"1000000000","kind":"plan"}]}
]"#;

/// Assesses, reports and makes the worklist of `parsed`; the counts must reconcile.
pub fn run(engine: &restanse::Engine, parsed: Vec<restanse::input::Parsed>) {
    let n = parsed.len();
    let out = engine.assess_parsed(parsed.clone(), as_of());
    assert_eq!(out.assessments.len() + out.rejected.len(), n);
    for a in &out.assessments {
        assert!(a.risk.is_finite() && (0.0..=1.0).contains(&a.risk));
    }
    let _ = engine.report_parsed(parsed, as_of());
}

pub fn members() -> Vec<restanse::input::Parsed> {
    restanse::input::parse_batch(MEMBERS).unwrap_or_default()
}
