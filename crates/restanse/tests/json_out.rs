//! The hand-written JSON writer (`restanse::output::to_json_string`, what the WebAssembly module returns) writes
//! the same bytes as `serde_json::to_string` of the derived `Serialize` (what the CLI prints): on sample gyms in
//! both languages (assessments, report, worklist), on members made to show every kind of evidence, on values
//! made to hit every escape, every optional field and every kind of number, and on policies.
use proptest::prelude::*;
use restanse::output::{
    to_json_string, Action, AssessOutput, Assessment, Capacity, Contribution, DataWarning,
    Evidence, KeyFigure, LatentEvidence, NextStep, PlannedStep, Signal, Suppressed,
    VisitModelSource, WriteJson,
};
use restanse::visits::ModelKind;
use restanse::{ActionCode, Band, Channel, Engine, Policy, Rejection, Severity, SignalCode};

fn as_of() -> chrono::NaiveDate {
    restanse::input::parse_date("2026-11-23").unwrap_or_default()
}

fn same<T: WriteJson + serde::Serialize>(what: &str, v: &T) {
    let serde = serde_json::to_string(v).unwrap();
    let ours = to_json_string(v);
    if serde != ours {
        let at = serde
            .bytes()
            .zip(ours.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(serde.len().min(ours.len()));
        let from = at.saturating_sub(80);
        panic!(
            "{what}: the writer differs from serde_json at byte {at}:\n  serde: {}\n  ours:  {}",
            serde.get(from..(at + 80).min(serde.len())).unwrap_or(""),
            ours.get(from..(at + 80).min(ours.len())).unwrap_or("")
        );
    }
}

fn engines() -> Vec<(&'static str, Engine)> {
    let nb = Policy::from_json(r#"{"language":"nb"}"#).unwrap();
    vec![
        ("en", Engine::new(Policy::default()).unwrap()),
        ("nb", Engine::new(nb).unwrap()),
    ]
}

#[test]
fn sample_gyms_write_the_same_bytes_as_serde() {
    let capacity = Capacity::parse("phone=5,letter=20").unwrap();
    for (lang, engine) in engines() {
        for (members, seed) in [(60, 7), (1_500, 1), (1_500, 2), (3_000, 3)] {
            let json = restanse_sample::generate_json(members, seed, as_of());
            let what = format!("{lang} {members} members seed {seed}");
            let run = engine.assess_and_report_json(&json, as_of()).unwrap();
            same(&format!("{what}: assess"), &run.output);
            if let Some(report) = &run.report {
                same(&format!("{what}: report"), report);
            }
            let list = engine.worklist_json(&json, as_of(), &capacity).unwrap();
            same(&format!("{what}: worklist"), &list);
            let list = engine
                .worklist_json(&json, as_of(), &Capacity::default())
                .unwrap();
            same(&format!("{what}: worklist without limits"), &list);
        }
    }
}

#[test]
fn rejected_records_and_an_empty_batch_write_the_same_bytes_as_serde() {
    let json = r#"[{"id":"M-1","joinedOn":"2024-13-01"},{"id":"M-1","joinedOn":"2024-01-01"},
        {"joinedOn":"2024-01-01"},{"id":"M-2","joinedOn":"2024-01-01","monthlyFee":"five"},
        {"id":"M-3","joinedOn":"2024-01-01","visits":["2023-01-01"],
         "instalments":[{"id":"I-1","dueOn":"2026-01-01","amount":"549.001"}]},
        {"id":"M-\u0001\"\\/æ","joinedOn":"2024-01-01"}, 5, "x"]"#;
    for (lang, engine) in engines() {
        let run = engine.assess_and_report_json(json, as_of()).unwrap();
        same(&format!("{lang}: assess with rejections"), &run.output);
        if let Some(report) = &run.report {
            same(&format!("{lang}: report with rejections"), report);
        }
        let run = engine.assess_and_report_json("[]", as_of()).unwrap();
        same(&format!("{lang}: empty assess"), &run.output);
        if let Some(report) = &run.report {
            same(&format!("{lang}: empty report"), report);
        }
    }
}

/// Members made to show what the sample gym does not: the member's voice (a broken promise, an objection,
/// hardship, the last contact), set-off, a time-barred claim, a repayment plan, a hold with a note, an
/// inactive mandate with its next due day, blocked access.
const VOICES: &str = r#"[
    {"id": "V-1", "joinedOn": "2021-01-15", "bindingEndsOn": "2027-01-15", "monthlyFee": "549.00", "paymentMethod": "avtalegiro", "mandate": "deleted", "accessBlocked": true, "instalments": [{"id": "I-0", "dueOn": "2022-01-01", "amount": "549.00", "paid": "0"}, {"id": "I-1", "dueOn": "2026-09-01", "amount": "549.00", "paid": "0"}, {"id": "I-2", "dueOn": "2026-10-01", "amount": "549.00", "paid": "700.00", "paidOn": "2026-10-01"}, {"id": "I-3", "dueOn": "2026-11-01", "amount": "549.00", "paid": "0"}, {"id": "I-4", "dueOn": "2026-12-01", "amount": "549.00", "paid": "0"}], "visits": ["2026-06-03"], "holds": [{"kind": "freeze", "from": "2026-10-15", "to": "2026-12-31", "note": "injury \"knee\"\n"}], "reminders": [{"sentOn": "2026-09-20", "kind": "reminder", "fee": "35", "instalmentId": "I-1"}], "contacts": [{"on": "2026-11-01", "channel": "phone", "outcome": "promise", "promisedOn": "2026-11-05", "amount": "549.00", "note": "pays after\tpayday"}], "objections": [{"raisedOn": "2026-11-20", "instalmentIds": ["I-3"], "reason": "believes \"cancelled\"", "resolvedOn": null}], "hardship": [{"from": "2026-11-01", "to": null, "kind": "illness", "note": ""}]},
    {"id": "V-2", "joinedOn": "2024-01-15", "monthlyFee": "549.00", "paymentMethod": "invoice", "mandate": "missing", "plan": {"agreedOn": "2026-09-15"}, "instalments": [{"id": "P-1", "dueOn": "2026-10-01", "amount": "200.00", "kind": "plan"}, {"id": "P-2", "dueOn": "2026-11-01", "amount": "200.00", "kind": "plan"}], "contacts": [{"on": "2026-11-10", "channel": "sms", "outcome": "refused", "note": "nei"}], "hardship": [{"from": "2026-10-01", "to": "2026-12-01", "kind": "payment_difficulty"}]},
    {"id": "V-3", "joinedOn": "2024-01-15", "monthlyFee": "549.00", "paymentMethod": "avtalegiro", "mandate": "pending", "accessBlocked": true, "instalments": [{"id": "A-1", "dueOn": "2026-10-01", "amount": "549.00", "paid": "549.00", "paidOn": "2026-10-02"}, {"id": "A-2", "dueOn": "2026-12-01", "amount": "549.00"}], "visits": ["2026-11-20", "2026-11-13", "2026-11-06"]}
]"#;

#[test]
fn every_kind_of_evidence_writes_the_same_bytes_as_serde() {
    for (lang, engine) in engines() {
        let run = engine.assess_and_report_json(VOICES, as_of()).unwrap();
        same(&format!("{lang}: voices"), &run.output);
        if let Some(report) = &run.report {
            same(&format!("{lang}: voices' report"), report);
        }
        let written = to_json_string(&run.output);
        for key in [
            "setOff",
            "lastContact",
            "answerBy",
            "promisedOn",
            "madeOn",
            "limitationYears",
            "frozenDays",
            "lastPaidOn",
            "\"holds\"",
            "nextDueOn",
            "agreedOn",
            "\"note\"",
            "\"amount\"",
            "\"to\":null",
            "warnings",
        ] {
            assert!(
                written.contains(key),
                "{lang}: no {key} in the voices' output"
            );
        }
    }
}

/// Every control character, quotes, backslashes, DEL, non-ASCII and a character outside the BMP.
fn awkward() -> String {
    let mut s: String = (0u8..0x20).map(char::from).collect();
    s.push_str("\"\\/\u{7f}æøå€😀 end");
    s
}

fn floats() -> Vec<f64> {
    vec![
        0.0,
        -0.0,
        1.0,
        0.1,
        0.842,
        -3.5,
        1e-7,
        1e21,
        1e22,
        123_456_789.125,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ]
}

fn assessment(risk: f64, text: &str) -> Assessment {
    let day = as_of();
    Assessment {
        member_id: text.to_string(),
        risk,
        band: Band::Critical,
        signals: vec![Signal {
            code: SignalCode::Latent,
            severity: Severity::Warning,
            evidence: Evidence::Latent(LatentEvidence {
                days_since_last_visit: -4,
                last_visit_on: Some(day),
                usual_interval_days: risk,
                relative_silence: risk,
                visits: u32::MAX,
                p_alive: Some(risk),
                expected_visits_4w: Some(risk),
                visit_model: Some(ModelKind::ParetoNbd),
                visit_model_source: Some(VisitModelSource::Prior),
            }),
            message: text.to_string(),
        }],
        actions: vec![Action {
            code: ActionCode::SendReminder,
            priority: 0,
            on: day,
            channel: Channel::Letter,
            because: vec![SignalCode::Latent, SignalCode::Hardship],
            fee: restanse::output::Money::ZERO,
            message: text.to_string(),
            instalment_ids: vec![text.to_string(), String::new()],
        }],
        suppressed: vec![Suppressed {
            code: ActionCode::WriteOff,
            because: text.to_string(),
            instalment_ids: vec![],
        }],
        explanation: vec![Contribution {
            factor: text.to_string(),
            value: text.to_string(),
            points: risk,
        }],
        warnings: vec![DataWarning {
            field: text.to_string(),
            message: text.to_string(),
            rule: Some(text.to_string()),
        }],
        next_step: Some(NextStep {
            code: ActionCode::CallMember,
            on: day,
            channel: Channel::Phone,
            because: vec![],
            message: text.to_string(),
            instalment_ids: vec![],
            then: vec![PlannedStep {
                code: ActionCode::WriteOff,
                on: day,
            }],
        }),
    }
}

#[test]
fn escapes_numbers_and_optional_fields_write_the_same_bytes_as_serde() {
    let text = awkward();
    let assessments: Vec<Assessment> = floats().into_iter().map(|f| assessment(f, &text)).collect();
    let out = AssessOutput {
        as_of: as_of(),
        assessments,
        rejected: vec![
            Rejection {
                record: usize::MAX,
                member_id: Some(text.clone()),
                field: text.clone(),
                reason: text.clone(),
                source: Some(text.clone()),
            },
            Rejection {
                record: 0,
                member_id: None,
                field: String::new(),
                reason: String::new(),
                source: None,
            },
        ],
    };
    same("awkward assessments", &out);
    for value in floats().into_iter().map(Some).chain([None]) {
        let figure = KeyFigure {
            code: text.clone(),
            name: text.clone(),
            value,
            numerator: u64::MAX,
            denominator: 0,
            definition: text.clone(),
            from: as_of(),
            to: as_of(),
        };
        same("a key figure", &figure);
    }
}

proptest! {
    #[test]
    fn any_text_and_number_write_the_same_bytes_as_serde(text in any::<String>(), risk in any::<f64>()) {
        let out = AssessOutput { as_of: as_of(), assessments: vec![assessment(risk, &text)], rejected: vec![] };
        prop_assert_eq!(serde_json::to_string(&out).unwrap(), to_json_string(&out));
        prop_assert_eq!(serde_json::to_string(&text).unwrap(), restanse::output::json_string(&text));
    }
}

#[test]
fn policies_write_the_same_bytes_as_serde() {
    let changed = Policy::from_json(
        r#"{"language":"nb","ladder":{"reminder":{"fee":"35.5","maxCount":1}},"plan":{"shareOfFee":"0.333"},
            "latent":{"model":"pareto","rhythmFactor":2.75,"pAliveBelow":0.45},"channels":{"call_member":"sms"},
            "nets":{"kid":{"prefix":"12","memberDigits":6,"instalmentDigits":4,"checkDigit":"mod11"},
                    "instalmentNumber":"idDigits",
                    "bankCalendar":{"christmasAndNewYearsEveClosed":true,"extraClosedDays":["2026-12-28"]}},
            "scorecard":{"unpaid":[1e-7,2.5,-0.0],"scale":1e21},"horizonDays":3650}"#,
    )
    .unwrap();
    let empty_channels = Policy {
        channels: Default::default(),
        ..Policy::default()
    };
    for (what, policy) in [
        ("the default policy", Policy::default()),
        ("a policy with every kind of value changed", changed),
        ("no channels", empty_channels),
    ] {
        same(what, &policy);
    }
}
