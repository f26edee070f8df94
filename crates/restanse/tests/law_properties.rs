//! The law's invariants on random multi-claim histories, checked against an independent reading of the rules:
//! no step for a claim before that claim qualifies on that day, no fee above that claim's cap for that day,
//! never more fees per claim than the law allows, hand-over only after a lawful notice's deadline, and a
//! binding extension equal to the merged frozen days.
mod common;
use chrono::{Datelike, Duration, Months, NaiveDate};
use common::*;
use proptest::prelude::*;
use restanse::{ActionCode as A, SignalCode as S};
use rust_decimal::Decimal;
use serde_json::{json, Value};

const AS_OF: &str = "2026-12-02";

fn back(days: i64) -> NaiveDate {
    d(AS_OF) - Duration::days(days)
}

fn day(x: NaiveDate) -> String {
    restanse::output::format_date(x)
}

prop_compose! {
    fn arb_member()(
        avtalegiro in any::<bool>(),
        claims in prop::collection::vec((20i64..400, prop_oneof![3 => Just(0i64), 1 => 1i64..549]), 1..6),
        steps in prop::collection::vec(
            (0usize..6, prop::sample::select(vec!["sms", "reminder", "collection_notice"]), -5i64..80,
             prop::sample::select(vec!["0", "0", "35", "38", "70"])),
            0..10),
    ) -> Value {
        let instalments: Vec<Value> = claims.iter().enumerate().map(|(i, (b, paid))| json!({
            "id": format!("I-{i}"), "dueOn": day(back(*b)), "amount": "549.00", "paid": paid.to_string(),
            "paidOn": if *paid > 0 { json!(day(back(*b))) } else { Value::Null },
        })).collect();
        let reminders: Vec<Value> = steps.iter().filter(|s| s.0 < claims.len()).map(|(i, kind, after, fee)| {
            let due = back(claims[*i].0);
            json!({ "sentOn": day(due + Duration::days(*after)), "kind": kind, "fee": fee, "instalmentId": format!("I-{i}") })
        }).collect();
        let mut m = member();
        m["paymentMethod"] = json!(if avtalegiro { "avtalegiro" } else { "invoice" });
        m["instalments"] = json!(instalments);
        m["reminders"] = json!(reminders);
        m
    }
}

/// Norwegian public holidays on weekdays and Saturdays, 2025–2027, written out by hand (an independent
/// reading of the bank calendar).
const HOLIDAYS: &[&str] = &[
    "2025-01-01",
    "2025-04-17",
    "2025-04-18",
    "2025-04-21",
    "2025-05-01",
    "2025-05-17",
    "2025-05-29",
    "2025-06-09",
    "2025-12-25",
    "2025-12-26",
    "2026-01-01",
    "2026-04-02",
    "2026-04-03",
    "2026-04-06",
    "2026-05-01",
    "2026-05-14",
    "2026-05-17",
    "2026-05-25",
    "2026-12-25",
    "2026-12-26",
    "2027-01-01",
    "2027-03-25",
    "2027-03-26",
    "2027-03-29",
    "2027-05-01",
    "2027-05-06",
    "2027-05-17",
    "2027-12-25",
    "2027-12-26",
];

fn next_business_day(mut x: NaiveDate) -> NaiveDate {
    while matches!(x.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun)
        || HOLIDAYS.contains(&day(x).as_str())
    {
        x += Duration::days(1);
    }
    x
}

/// The due date as the law reads it: an AvtaleGiro debit on a closed day runs on the next business day.
fn effective_due(m: &Value, due: NaiveDate) -> NaiveDate {
    if m["paymentMethod"] == "avtalegiro" {
        next_business_day(due)
    } else {
        due
    }
}

/// 1/20 of the inkassosats in force on `on` (1/10 for claims due before 1 Oct 2020), to the krone from 2026.
fn cap(due: NaiveDate, on: NaiveDate) -> Decimal {
    let sats = if on >= d("2026-01-01") { 750 } else { 700 };
    let div = if due >= d("2020-10-01") { 20 } else { 10 };
    let c = Decimal::from(sats) / Decimal::from(div);
    if on.year() >= 2026 {
        c.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    } else {
        c
    }
}

fn deadline14(sent: NaiveDate) -> NaiveDate {
    next_business_day(sent + Duration::days(14))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn every_step_is_lawful_for_every_claim_it_names(m in arb_member()) {
        let a = assess(&m, AS_OF);
        let flagged: Vec<String> = a.warnings.iter().filter(|w| w.rule.is_some()).map(|w| w.field.clone()).collect();
        let reminders = m["reminders"].as_array().cloned().unwrap_or_default();
        // the recorded letters the engine counts as lawful, per claim
        let lawful = |id: &str, kind: &str| -> Vec<(NaiveDate, bool)> {
            let mut v: Vec<(NaiveDate, bool)> = reminders.iter().enumerate()
                .filter(|(i, r)| r["instalmentId"] == id && (kind.is_empty() || r["kind"] == kind)
                    && !flagged.contains(&format!("reminders[{i}]")))
                .map(|(_, r)| (d(r["sentOn"].as_str().unwrap()), r["fee"] != "0"))
                .collect();
            v.sort();
            v
        };
        for x in a.actions.iter().filter(|x| is_ladder(x.code)) {
            for id in &x.instalment_ids {
                let inst = m["instalments"].as_array().unwrap().iter().find(|i| i["id"] == id.as_str()).unwrap();
                let due = d(inst["dueOn"].as_str().unwrap());
                let eff = effective_due(&m, due);
                prop_assert!(x.on > eff, "a step on or before the due date: {x:?}");
                prop_assert!(x.on >= d(AS_OF), "a step in the past: {x:?}");
                if x.fee.0 > Decimal::ZERO {
                    prop_assert!(matches!(x.code, A::SendReminder | A::SendCollectionNotice), "{x:?}");
                    prop_assert!(x.on >= eff + Duration::days(14), "a fee before 14 days: {x:?}");
                    prop_assert!(x.fee.0 <= cap(due, x.on), "a fee above the cap: {x:?}");
                    // the fee count, with its six-month restart
                    let mut fees: Vec<NaiveDate> = lawful(id, "").into_iter().filter(|l| l.1).map(|l| l.0).collect();
                    fees.push(x.on);
                    let mut count = 0;
                    let mut last: Option<NaiveDate> = None;
                    for f in fees {
                        if last.is_some_and(|l| f >= l.checked_add_months(Months::new(6)).unwrap()) {
                            count = 0;
                        }
                        count += 1;
                        // a second fee only after the first letter's 14-day deadline was missed
                        if count == 2 {
                            prop_assert!(f > deadline14(last.unwrap()), "second fee too early: {x:?}");
                        }
                        last = Some(f);
                    }
                    prop_assert!(count <= 2, "more than two fees on {id}: {x:?}");
                }
                if x.code == A::HandOverToCollection {
                    let notices = lawful(id, "collection_notice");
                    prop_assert!(notices.iter().any(|n| x.on > deadline14(n.0)), "hand-over before a notice's deadline: {x:?}");
                }
            }
        }
        // every recorded letter the engine counts as lawful is lawful by an independent reading
        for inst in m["instalments"].as_array().unwrap() {
            let id = inst["id"].as_str().unwrap();
            let due = d(inst["dueOn"].as_str().unwrap());
            let eff = effective_due(&m, due);
            let mut count = 0;
            let mut last: Option<NaiveDate> = None;
            let mut in_order: Vec<(usize, &Value)> = reminders.iter().enumerate().collect();
            in_order.sort_by_key(|(i, r)| (d(r["sentOn"].as_str().unwrap()), *i));
            for (i, r) in in_order {
                if r["instalmentId"] != id || flagged.contains(&format!("reminders[{i}]")) {
                    continue;
                }
                let sent = d(r["sentOn"].as_str().unwrap());
                prop_assert!(sent > eff && sent <= d(AS_OF), "counted a step before due or after asOf: {r}");
                let fee: Decimal = r["fee"].as_str().unwrap().parse().unwrap();
                if fee > Decimal::ZERO {
                    prop_assert!(r["kind"] != "sms", "counted a fee on an SMS: {r}");
                    prop_assert!(sent >= eff + Duration::days(14), "counted a fee before 14 days: {r}");
                    prop_assert!(fee <= cap(due, sent), "counted a fee above the cap: {r}");
                    if last.is_some_and(|l| sent >= l.checked_add_months(Months::new(6)).unwrap()) {
                        count = 0;
                    }
                    count += 1;
                    if count == 2 {
                        prop_assert!(sent > deadline14(last.unwrap()), "counted a second fee too early: {r}");
                    }
                    prop_assert!(count <= 2, "counted a third fee: {r}");
                    last = Some(sent);
                }
            }
        }
        // every unlawful fee brings a refund
        let refunds = a.actions.iter().filter(|x| x.code == A::RefundFee).count();
        let mut fee_warnings: Vec<&str> = a.warnings.iter().filter(|w| w.rule.is_some() && w.message.contains("refunded")).map(|w| w.field.as_str()).collect();
        fee_warnings.dedup();
        let fee_warnings = fee_warnings.len();
        prop_assert_eq!(refunds, fee_warnings);
    }

    #[test]
    fn the_binding_extension_equals_the_merged_frozen_days(
        freezes in prop::collection::vec((0i64..500, 0i64..120), 0..5),
        binding in 0i64..400,
    ) {
        let joined = d("2024-01-01");
        let ends = joined + Duration::days(binding);
        let spans: Vec<(NaiveDate, NaiveDate)> = freezes.iter()
            .map(|(start, len)| (joined + Duration::days(*start), joined + Duration::days(start + len)))
            .collect();
        // day by day: every frozen day up to the (moving) end moves the end by one
        let mut end = ends;
        let mut frozen = 0i64;
        let mut x = joined;
        while x <= end {
            if spans.iter().any(|(f, t)| *f <= x && x <= *t) {
                frozen += 1;
                end += Duration::days(1);
            }
            x += Duration::days(1);
        }
        // the engine's reading, through the public API: a member in arrears long after the binding ended
        let mut m = member();
        m["joinedOn"] = json!(day(joined));
        m["bindingEndsOn"] = json!(day(ends));
        m["holds"] = json!(spans.iter().map(|(f, t)| json!({ "kind": "freeze", "from": day(*f), "to": day(*t) })).collect::<Vec<_>>());
        m["visits"] = json!(["2029-11-20"]);
        m["instalments"] = json!([instalment("I-1", "2029-11-01", "0")]);
        let a = assess(&m, "2029-12-01");
        let b = a.signals.iter().find(|s| s.code == S::BindingEnded).expect("binding ended");
        let ev = serde_json::to_value(&b.evidence).unwrap();
        prop_assert_eq!(ev["frozenDays"].as_i64(), Some(frozen));
        prop_assert_eq!(ev["extendedTo"].as_str().map(str::to_string), Some(day(end)));
    }
}
