//! Under `language: "nb"` a rejected record's reason is Norwegian, from reading (dates, amounts, JSON types, a
//! missing field) to validation (a hold that ends before it starts, negative money, a promise without its day).
use restanse::{Engine, Policy};

#[test]
fn rejections_are_in_bokmal_under_nb() {
    let policy = Policy::from_json(r#"{"language":"nb"}"#).unwrap();
    let engine = Engine::new(policy).unwrap();
    let json = r#"[
        {"id":"M-1","joinedOn":"2024-13-01"},
        {"id":"M-2","joinedOn":"2024-01-01","instalments":[{"id":"I-1","dueOn":"2026-10-01","amount":"five"}]},
        {"id":"M-3"},
        {"id":"M-4","joinedOn":"2024-01-01","mandate":"gone"},
        {"id":"M-5","joinedOn":"2024-01-01","instalments":"x"},
        {"id":"M-6","joinedOn":"2024-01-01","holds":[{"kind":"freeze","from":"2026-02-01","to":"2026-01-01"}]},
        {"id":"M-7","joinedOn":"2024-01-01","instalments":[{"id":"I-1","dueOn":"2026-10-01","amount":"-5"}]},
        {"id":"M-8","joinedOn":"2024-01-01","contacts":[{"on":"2026-11-01","channel":"phone","outcome":"promise"}]},
        {"id":"M-9","joinedOn":"2024-01-01","holds":[["freeze","2026-01-01","2026-02-01"]]}
    ]"#;
    let as_of = restanse::input::parse_date("2026-11-23").unwrap();
    let out = engine.assess_json(json, as_of).unwrap();
    let reasons: Vec<(String, String)> = out
        .rejected
        .iter()
        .map(|r| (r.member_id.clone().unwrap_or_default(), r.reason.clone()))
        .collect();
    let want = [
        ("M-1", "\"2024-13-01\" er ikke en gyldig dato"),
        (
            "M-2",
            "\"five\" er ikke et desimalbeløp (skriv det som \"549.00\")",
        ),
        ("M-3", "er påkrevd, men mangler"),
        (
            "M-4",
            "ukjent verdi `gone`, forventet en av `active`, `pending`, `missing`, `deleted`",
        ),
        ("M-5", "ugyldig type: tekst \"x\", forventet en liste"),
        (
            "M-6",
            "frysen slutter (2026-01-01) før den begynner (2026-02-01)",
        ),
        ("M-7", "-5 er negativt"),
        (
            "M-8",
            "et betalingsløfte trenger dagen medlemmet lovet å betale innen",
        ),
        // (issue 17) a part written as an array is not read by position
        ("M-9", "ugyldig type: en liste, forventet et objekt"),
    ];
    for (id, reason) in want {
        assert!(
            reasons.iter().any(|(m, r)| m == id && r == reason),
            "{id}: want {reason:?} in {reasons:?}"
        );
    }
    // the same batch in English keeps English
    let en = Engine::new(Policy::default())
        .unwrap()
        .assess_json(json, as_of)
        .unwrap();
    assert!(en.rejected.iter().any(|r| r.reason == "-5 is negative"));
    assert!(en.rejected.iter().any(|r| r.field == "holds[0]"
        && r.reason == "invalid type: sequence, expected struct HoldInput"));
}
