use super::defaults::ymd;
use super::*;
use crate::codes::{ActionCode, Channel};
use rust_decimal::Decimal;
use serde_json::Value;

fn refused(json: &str) -> Option<&'static str> {
    Policy::from_json(json).err().and_then(|e| e.rule())
}

#[test]
fn the_default_is_lawful_and_round_trips() {
    let p = Policy::default();
    assert_eq!(p.validate(), Ok(()));
    assert_eq!(Policy::from_json(&p.to_json_pretty()), Ok(p));
    assert_eq!(Policy::from_json("{}"), Ok(Policy::default()));
}

#[test]
fn unlawful_policies_name_the_rule() {
    assert_eq!(
        refused(r#"{"ladder":{"reminder":{"afterDays":10}}}"#),
        Some(rules::REMINDER_FEE_AFTER_14_DAYS)
    );
    assert_eq!(
        refused(r#"{"ladder":{"reminder":{"fee":"39"}}}"#),
        Some(rules::FEE_CAP)
    );
    // 2026: 1/20 of 750 kr rounded to the krone is 38 kr, a lawful fee
    assert!(Policy::from_json(r#"{"ladder":{"reminder":{"fee":"38"}}}"#).is_ok());
    assert_eq!(
        refused(r#"{"ladder":{"collectionNotice":{"fee":"70"}}}"#),
        Some(rules::FEE_CAP)
    );
    // the statutory figures are not a gym's to edit
    assert_eq!(
        refused(r#"{"fees":{"inkassosats":[{"from":"2017-01-01","amount":"1400"}]}}"#),
        Some(crate::law::rules::STATUTORY_FIGURES)
    );
    assert_eq!(
        refused(r#"{"fees":{"inkassosats":[{"from":"2030-01-01","amount":"750"}]}}"#),
        Some(crate::law::rules::STATUTORY_FIGURES)
    );
    assert_eq!(
        refused(r#"{"fees":{"twentiethFrom":"2021-01-01"}}"#),
        Some(crate::law::rules::STATUTORY_FIGURES)
    );
    // a policy written before 2026 (the 700 kr line only) still loads; the law's table is used
    assert!(Policy::from_json(
            r#"{"fees":{"inkassosats":[{"from":"2017-01-01","amount":"700"}],"twentiethFrom":"2020-10-01"}}"#
        )
        .is_ok());
    assert_eq!(
        refused(r#"{"ladder":{"sms":{"fee":"10"}}}"#),
        Some(rules::FEE_ONLY_ON_WRITTEN_REMINDER)
    );
    assert_eq!(
        refused(r#"{"ladder":{"collectionNotice":{"deadlineDays":13}}}"#),
        Some(rules::NOTICE_DEADLINE_14_DAYS)
    );
    assert_eq!(
        refused(r#"{"ladder":{"reminder":{"maxCount":2}}}"#),
        Some(rules::FEE_COUNT)
    );
    assert_eq!(
        refused(r#"{"ladder":{"reminder":{"deadlineDays":10}}}"#),
        Some(rules::SECOND_FEE_AFTER_MISSED_DEADLINE)
    );
    assert_eq!(
        refused(r#"{"ladder":{"collectionNotice":{"enabled":false}}}"#),
        Some(rules::HAND_OVER_AFTER_NOTICE)
    );
    // allowed: an early reminder without a fee, two fee-free reminders
    assert!(Policy::from_json(r#"{"ladder":{"reminder":{"afterDays":10,"fee":"0"}}}"#).is_ok());
    assert!(Policy::from_json(
        r#"{"ladder":{"reminder":{"maxCount":2},"collectionNotice":{"fee":"0"}}}"#
    )
    .is_ok());
}

#[test]
fn typos_and_nonsense_are_refused_with_the_field() {
    let e = Policy::from_json(r#"{"ladder":{"sms":{"afterDay":6}}}"#).unwrap_err();
    assert!(e.to_string().contains("afterDay"), "{e}");
    let e = Policy::from_json(r#"{"bands":{"watch":0.5,"high":0.4}}"#).unwrap_err();
    assert!(matches!(e, PolicyError::Invalid { ref field, .. } if field == "bands"));
}

/// Every leaf the default policy writes, changed one at a time, must be read back into the same place:
/// this catches a field the reader names differently from `Serialize`, or reads into the wrong slot.
#[test]
fn reading_gives_back_every_field_written() {
    fn leaves(v: &Value, path: Vec<String>, out: &mut Vec<(Vec<String>, Value)>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let mut p = path.clone();
                    p.push(k.clone());
                    leaves(x, p, out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(i.to_string());
                    leaves(x, p, out);
                }
            }
            leaf => out.push((path, leaf.clone())),
        }
    }
    // another value of the same kind, which every reader accepts
    fn changed(path: &[String], v: &Value) -> Value {
        let last = path.last().map(String::as_str).unwrap_or("");
        match v {
            Value::Bool(b) => Value::Bool(!b),
            Value::Number(n) if n.is_f64() => {
                serde_json::json!(n.as_f64().unwrap_or(0.0) + 0.25)
            }
            Value::Number(n) => serde_json::json!(n.as_u64().unwrap_or(0) + 1),
            Value::String(s) if crate::dates::parse_date(s).is_ok() => {
                let d = crate::dates::parse_date(s).unwrap();
                Value::String(crate::dates::format_date(d.succ_opt().unwrap()))
            }
            Value::String(s) if s.parse::<Decimal>().is_ok() => {
                let places = s.split('.').nth(1).map_or(0, str::len);
                let more = s.parse::<Decimal>().unwrap() + Decimal::ONE;
                Value::String(format!("{more:.places$}"))
            }
            Value::String(s) => Value::String(
                match (last, s.as_str()) {
                    ("language", _) => "nb",
                    ("model", _) => "pareto",
                    ("evidenceModel", _) => "none",
                    ("instalmentNumber", _) => "idDigits",
                    ("checkDigit", _) => "mod11",
                    ("prefix", _) => "12",
                    (_, "phone") => "sms",
                    (_, _) => "phone",
                }
                .to_string(),
            ),
            other => panic!("{path:?}: no change for {other}"),
        }
    }
    let written = serde_json::to_value(Policy::default()).unwrap();
    let mut all = Vec::new();
    leaves(&written, Vec::new(), &mut all);
    assert!(all.len() > 70, "{}", all.len());
    for (path, leaf) in all {
        let mut doc = written.clone();
        let mut slot = &mut doc;
        for step in &path {
            slot = match slot {
                Value::Array(a) => &mut a[step.parse::<usize>().unwrap()],
                other => &mut other[step.as_str()],
            };
        }
        *slot = changed(&path, &leaf);
        let read: Policy = crate::json_fields::read_str(&doc.to_string())
            .unwrap_or_else(|e| panic!("{path:?}: {e:?}"));
        assert_eq!(serde_json::to_value(&read).unwrap(), doc, "{path:?}");
    }
}

#[test]
fn unknown_fields_and_values_name_their_path() {
    let unreadable = |json: &str| match Policy::from_json(json) {
        Err(PolicyError::Unreadable { field, message }) => (field, message),
        other => panic!("{json}: {other:?}"),
    };
    let (field, message) = unreadable(r#"{"nets":{"bankCalendar":{"extraClosed":[]}}}"#);
    assert_eq!(field, "nets.bankCalendar.extraClosed");
    assert!(message.starts_with("unknown field `extraClosed`, expected one of `christmasAndNewYearsEveClosed`, `extraClosedDays`"), "{message}");
    let (field, message) = unreadable(
        r#"{"fees":{"inkassosats":[{"from":"2017-01-01","amount":"700"},{"from":"2026-13-01","amount":"800"}]}}"#,
    );
    assert_eq!(field, "fees.inkassosats[1].from");
    assert_eq!(message, r#""2026-13-01" is not a real date"#);
    let (field, message) = unreadable(r#"{"fees":{"inkassosats":[{"from":"2017-01-01"}]}}"#);
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("fees.inkassosats[0]", "missing field `amount`")
    );
    let (field, message) = unreadable(r#"{"channels":{"call_member":"pigeon"}}"#);
    assert_eq!(field, "channels.call_member");
    assert!(
        message.starts_with("unknown variant `pigeon`, expected one of `sms`"),
        "{message}"
    );
    let (field, _) = unreadable(r#"{"channels":{"call_him":"sms"}}"#);
    assert_eq!(field, "channels.call_him");
    let (field, message) = unreadable(r#"{"ladder":{"reminder":{"fee":"3,5"}}}"#);
    assert_eq!(field, "ladder.reminder.fee");
    assert!(message.contains("not a decimal amount"), "{message}");
    let (field, message) = unreadable("[1]");
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("", "invalid type: sequence, expected an object")
    );
    // a policy that gives `channels` replaces the map; actions it leaves out keep their default channel
    let p = Policy::from_json(r#"{"channels":{"call_member":"sms"}}"#).unwrap();
    assert_eq!(p.channel(ActionCode::CallMember), Channel::Sms);
    assert_eq!(p.channel(ActionCode::CancelAfterBinding), Channel::Letter);
}

#[test]
fn fee_cap_follows_the_date_of_the_claim() {
    let f = FeeTable::default();
    assert_eq!(
        f.fee_cap(ymd(2026, 10, 1), ymd(2026, 10, 15)),
        Decimal::new(38, 0)
    );
    assert_eq!(
        f.fee_cap(ymd(2025, 10, 1), ymd(2025, 10, 15)),
        Decimal::new(35, 0)
    );
    assert_eq!(
        f.fee_cap(ymd(2020, 9, 30), ymd(2020, 10, 15)),
        Decimal::new(70, 0)
    );
}
