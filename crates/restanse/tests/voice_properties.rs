//! The member's voice on random histories (issue 13), checked against an independent reading of the rules:
//! no fee and no escalation on a claim while an objection or a hardship covers it, no escalation before a
//! promise's day (plus grace), no gym collection notice and no fee on an objected claim under the new act.
mod common;
use chrono::{Duration, NaiveDate};
use common::*;
use proptest::prelude::*;
use restanse::ActionCode as A;
use restanse::Policy;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn day(x: NaiveDate) -> String {
    restanse::output::format_date(x)
}

fn as_of_of(k: usize) -> NaiveDate {
    d(["2026-12-02", "2026-12-20", "2027-02-15"][k % 3])
}

prop_compose! {
    fn arb_member()(
        k in 0usize..3,
        claims in prop::collection::vec(8i64..200, 1..5),
        steps in prop::collection::vec(
            (0usize..5, prop::sample::select(vec!["sms", "reminder", "collection_notice"]), 1i64..60,
             prop::sample::select(vec!["0", "38"])), 0..6),
        objections in prop::collection::vec(
            (0i64..60, prop::option::of(0i64..40), prop::option::of(0usize..5), any::<bool>()), 0..3),
        hardship in prop::collection::vec((-10i64..60, prop::option::of(0i64..60), 0usize..3), 0..2),
        contacts in prop::collection::vec(
            (0i64..40, 0usize..6, 0i64..20, 0usize..5), 0..4),
    ) -> (Value, NaiveDate) {
        let as_of = as_of_of(k);
        let back = |n: i64| as_of - Duration::days(n);
        let instalments: Vec<Value> = claims.iter().enumerate().map(|(i, b)| json!({
            "id": format!("I-{i}"), "dueOn": day(back(*b)), "amount": "549.00", "paid": "0" })).collect();
        let reminders: Vec<Value> = steps.iter().filter(|s| s.0 < claims.len()).filter_map(|(i, kind, after, fee)| {
            let sent = back(claims[*i]) + Duration::days(*after);
            (sent <= as_of).then(|| json!({ "sentOn": day(sent), "kind": kind, "fee": fee, "instalmentId": format!("I-{i}") }))
        }).collect();
        let objections: Vec<Value> = objections.iter().map(|(raised, resolved, id, groundless)| {
            let r = back(*raised);
            let ids: Vec<String> = id.filter(|i| *i < claims.len()).map(|i| format!("I-{i}")).into_iter().collect();
            json!({ "raisedOn": day(r), "instalmentIds": ids, "reason": "disputed",
                    "resolvedOn": resolved.map(|x| day(r + Duration::days(x))), "groundless": groundless })
        }).collect();
        let kinds = ["illness", "institution", "payment_difficulty"];
        let hardship: Vec<Value> = hardship.iter().map(|(from, to, kind)| {
            let f = back(*from);
            json!({ "from": day(f), "to": to.map(|x| day(f + Duration::days(x))), "kind": kinds[*kind] })
        }).collect();
        let outcomes = ["reached", "no_answer", "promise", "objection", "refused", "wrong_number"];
        let contacts: Vec<Value> = contacts.iter().map(|(on, outcome, promised, paid_i)| {
            let c = back(*on);
            let _ = paid_i;
            json!({ "on": day(c), "channel": "phone", "outcome": outcomes[*outcome],
                    "promisedOn": day(c + Duration::days(*promised)), "amount": "549.00" })
        }).collect();
        let mut m = member();
        m["paymentMethod"] = json!("invoice");
        m["instalments"] = json!(instalments);
        m["reminders"] = json!(reminders);
        m["objections"] = json!(objections);
        m["hardship"] = json!(hardship);
        m["contacts"] = json!(contacts);
        (m, as_of)
    }
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str().map(d)
}

/// The objections as the member states them, with those from contacts: (raised, resolved, ids, groundless).
fn objections(
    m: &Value,
    as_of: NaiveDate,
) -> Vec<(NaiveDate, Option<NaiveDate>, Vec<String>, bool)> {
    let mut out: Vec<_> = m["objections"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| {
            let ids = o["instalmentIds"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(String::from))
                .collect();
            (
                date(&o["raisedOn"]).expect("raised"),
                date(&o["resolvedOn"]),
                ids,
                o["groundless"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    let explicit: Vec<NaiveDate> = out.iter().map(|o| o.0).collect();
    for c in m["contacts"].as_array().into_iter().flatten() {
        // an objection logged on a call is the `objections` entry raised that day, when there is one
        let on = date(&c["on"]).expect("on");
        if c["outcome"] == "objection" && !explicit.contains(&on) {
            out.push((on, None, Vec::new(), false));
        }
    }
    out.retain(|o| o.0 <= as_of);
    out
}

fn escalation(code: A) -> bool {
    matches!(
        code,
        A::SendReminder | A::SendCollectionNotice | A::HandOverToCollection
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn no_fee_and_no_escalation_while_an_objection_or_a_hardship_covers_the_claim((m, as_of) in arb_member()) {
        let a = assess_with(Policy::default(), &m, &day(as_of));
        let objs = objections(&m, as_of);
        let new_act = d("2027-01-01");
        for x in &a.actions {
            let charged = x.fee.0 > Decimal::ZERO;
            if !(charged || escalation(x.code) || is_ladder(x.code)) {
                continue;
            }
            for id in &x.instalment_ids {
                for (raised, resolved, ids, groundless) in &objs {
                    let names = ids.is_empty() || ids.contains(id);
                    let open = *raised <= x.on && resolved.is_none_or(|r| x.on < r);
                    prop_assert!(!(names && open), "{:?} on {} while an objection of {} is open", x.code, x.on, raised);
                    if charged && x.on >= new_act && names && *raised <= x.on {
                        prop_assert!(*groundless, "a fee on {} under the new act after an objection of {}", id, raised);
                    }
                }
                for h in m["hardship"].as_array().into_iter().flatten() {
                    let from = date(&h["from"]).expect("from");
                    let covers = from <= x.on && date(&h["to"]).is_none_or(|t| x.on <= t);
                    prop_assert!(!covers, "{:?} on {} during a hardship from {}", x.code, x.on, from);
                }
            }
            prop_assert!(!(x.code == A::SendCollectionNotice && x.on >= new_act), "a gym notice under the new act on {}", x.on);
        }
    }

    #[test]
    fn no_escalation_before_a_promises_day((m, as_of) in arb_member()) {
        let p = Policy::default();
        let grace = p.contacts.promise_grace_days;
        let a = assess_with(p, &m, &day(as_of));
        for c in m["contacts"].as_array().into_iter().flatten() {
            let on = date(&c["on"]).expect("on");
            if c["outcome"] != "promise" || on > as_of {
                continue;
            }
            let until = date(&c["promisedOn"]).expect("promisedOn") + Duration::days(grace);
            // the claims surely overdue on the day of the call (due well before it, whatever the bank calendar)
            let covered: Vec<String> = m["instalments"].as_array().into_iter().flatten()
                .filter(|i| date(&i["dueOn"]).is_some_and(|due| due + Duration::days(5) < on))
                .filter_map(|i| i["id"].as_str().map(String::from))
                .collect();
            for x in a.actions.iter().filter(|x| is_ladder(x.code)) {
                if x.instalment_ids.iter().any(|id| covered.contains(id)) {
                    prop_assert!(x.on > until, "{:?} on {} before the promise's day {} (+grace)", x.code, x.on, until);
                }
            }
        }
    }
}
