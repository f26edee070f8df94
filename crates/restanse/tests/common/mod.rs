//! Helpers shared by the integration tests.
#![allow(dead_code)]
use restanse::output::{Action, Assessment, Signal};
use restanse::{ActionCode, Engine, Policy, SignalCode};
use serde_json::{json, Value};

pub fn d(s: &str) -> chrono::NaiveDate {
    restanse::input::parse_date(s).expect("test date")
}

/// A member who pays by AvtaleGiro with an active mandate, trains twice a week and owes nothing.
pub fn member() -> Value {
    json!({
        "id": "M-1",
        "joinedOn": "2024-01-15",
        "bindingEndsOn": "2025-01-15",
        "monthlyFee": "549.00",
        "paymentMethod": "avtalegiro",
        "mandate": "active",
        "visits": ["2026-10-27", "2026-10-30", "2026-11-03", "2026-11-06", "2026-11-10", "2026-11-13", "2026-11-17", "2026-11-20"],
        "instalments": [],
        "holds": [],
        "reminders": []
    })
}

pub fn instalment(id: &str, due: &str, paid: &str) -> Value {
    json!({ "id": id, "dueOn": due, "amount": "549.00", "paid": paid, "paidOn": if paid == "0" { Value::Null } else { json!(due) } })
}

pub fn assess_with(policy: Policy, m: &Value, as_of: &str) -> Assessment {
    let engine = Engine::new(policy).expect("policy");
    let out = engine
        .assess_json(&json!([m]).to_string(), d(as_of))
        .expect("batch");
    assert!(
        out.rejected.is_empty(),
        "unexpected rejection: {:?}",
        out.rejected
    );
    out.assessments.into_iter().next().expect("one assessment")
}

pub fn assess(m: &Value, as_of: &str) -> Assessment {
    assess_with(Policy::default(), m, as_of)
}

pub fn signal(a: &Assessment, code: SignalCode) -> Option<&Signal> {
    a.signals.iter().find(|s| s.code == code)
}

pub fn action(a: &Assessment, code: ActionCode) -> Option<&Action> {
    a.actions.iter().find(|x| x.code == code)
}

pub const LADDER: [ActionCode; 4] = [
    ActionCode::SendSmsReminder,
    ActionCode::SendReminder,
    ActionCode::SendCollectionNotice,
    ActionCode::HandOverToCollection,
];

pub fn is_ladder(code: ActionCode) -> bool {
    LADDER.contains(&code)
}
