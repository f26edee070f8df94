//! The promise, closed as a loop: a back office that does exactly what restanse proposes, on the day it proposes
//! it, stays inside the law on every claim — across the day the new act applies — and gets somewhere.
//!
//! The sample gym's members stop paying (nobody pays from the first day on; each month bills them again, on the
//! 1st, so claims fall due on both sides of the new act's day). Each day the desk sends every reminder-ladder
//! letter the engine dates for that day (SMS, written reminder, collection notice), with the fee the engine
//! names, recorded as the engine reads a history (`reminders`, one record per claim the letter names), and makes
//! the calls it is given (reaching the member every other time). The next assessment judges those letters by the
//! law of the day they were sent: none may come back as a warning naming a rule or as a fee to refund, and the
//! gym's ladder has no collection notice of its own once the new act applies. And escalation must come: a plan
//! whose next letter slides behind every call the desk makes as told is never carried out.
use restanse::{ActionCode, Engine};
use serde_json::{json, Value};

fn day(text: &str) -> chrono::NaiveDate {
    restanse::input::parse_date(text).unwrap()
}

/// The 1st of the month after `d`.
fn next_first(d: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    chrono::NaiveDate::from_ymd_opt(y, m, 1)
}

const CALLS: [ActionCode; 2] = [ActionCode::CallMember, ActionCode::ClarifyMembership];

const ESCALATIONS: [ActionCode; 2] = [
    ActionCode::SendCollectionNotice,
    ActionCode::HandOverToCollection,
];

const LETTERS: [(ActionCode, &str); 3] = [
    (ActionCode::SendSmsReminder, "sms"),
    (ActionCode::SendReminder, "reminder"),
    (ActionCode::SendCollectionNotice, "collection_notice"),
];

#[test]
fn a_desk_that_does_what_restanse_says_breaks_no_rule_across_the_new_act() {
    let engine = Engine::default();
    let new_act = engine.policy().law.new_act_from;
    let start = day("2026-11-02");
    let end = day("2027-03-31");
    let gym = restanse_sample::generate(80, 5, start);
    let mut members: Vec<Value> = serde_json::to_value(&gym)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    // from here on nobody pays: every open claim climbs the whole ladder
    let mut today = start;
    let mut billed = start;
    let (mut sent, mut days, mut calls) = (0, 0, 0);
    let mut kinds_sent = std::collections::BTreeSet::new();
    let mut handed_over = std::collections::BTreeSet::new();
    while today <= end {
        days += 1;
        // the month's instalment, unpaid, for every member not cancelled by its due date
        while let Some(due) = next_first(billed).filter(|d| *d <= today) {
            for m in members.iter_mut() {
                let cancelled = m["cancelledOn"].as_str().is_some_and(|c| day(c) <= due);
                let fee = m["monthlyFee"].as_str().unwrap_or("599.00").to_string();
                if !cancelled {
                    m["instalments"].as_array_mut().unwrap().push(json!({
                        "id": format!("S-{}", restanse::output::format_date(due)),
                        "dueOn": restanse::output::format_date(due),
                        "amount": fee,
                        "paid": "0",
                    }));
                }
            }
            billed = due;
        }
        let text = serde_json::to_string(&members).unwrap();
        let out = engine.assess_json(&text, today).unwrap();
        assert!(out.rejected.is_empty(), "{today}: {:?}", out.rejected);
        let mut next = (today + chrono::Duration::days(7)).min(next_first(billed).unwrap_or(end));
        for a in &out.assessments {
            let broken: Vec<_> = a.warnings.iter().filter(|w| w.rule.is_some()).collect();
            assert!(broken.is_empty(), "{today} {}: {broken:?}", a.member_id);
            // contact comes before escalation: no notice or hand-over on a day a call or a plan is proposed
            let contact_days: Vec<_> = a
                .actions
                .iter()
                .filter(|x| CALLS.contains(&x.code) || x.code == ActionCode::ProposePaymentPlan)
                .map(|x| x.on)
                .collect();
            for x in a.actions.iter().filter(|x| ESCALATIONS.contains(&x.code)) {
                assert!(
                    !contact_days.contains(&x.on),
                    "{today} {}: {:?} on the day of a call: {:?}",
                    a.member_id,
                    x.code,
                    a.actions
                );
            }
            for x in &a.actions {
                let what = format!(
                    "{today} {}: {:?} on {}: {}",
                    a.member_id, x.code, x.on, x.message
                );
                assert_ne!(x.code, ActionCode::RefundFee, "{what}");
                if x.code == ActionCode::SendCollectionNotice {
                    assert!(
                        x.on < new_act,
                        "a notice from the gym under the new act: {what}"
                    );
                }
                let letter = LETTERS.iter().find(|(c, _)| *c == x.code).map(|l| l.1);
                if x.code == ActionCode::HandOverToCollection && x.on == today {
                    handed_over.insert((a.member_id.clone(), today >= new_act));
                }
                if letter.is_none() && !CALLS.contains(&x.code) {
                    continue;
                }
                if x.on > today {
                    next = next.min(x.on);
                    continue;
                }
                let Some(m) = members.iter_mut().find(|m| m["id"] == a.member_id.as_str()) else {
                    panic!("{}: not in the batch", a.member_id);
                };
                let on = restanse::output::format_date(today);
                let Some(kind) = letter else {
                    // the desk makes the calls it is given (contact comes before escalation): it reaches
                    // the member every other time and hears nothing the rest
                    let outcome = if calls % 2 == 0 {
                        "reached"
                    } else {
                        "no_answer"
                    };
                    calls += 1;
                    let contacts = m
                        .as_object_mut()
                        .unwrap()
                        .entry("contacts")
                        .or_insert(json!([]));
                    contacts
                        .as_array_mut()
                        .unwrap()
                        .push(json!({ "on": on, "channel": "phone", "outcome": outcome }));
                    continue;
                };
                let reminders = m["reminders"].as_array_mut().unwrap();
                for id in &x.instalment_ids {
                    reminders.push(json!({
                        "sentOn": on,
                        "kind": kind,
                        "fee": x.fee.0.to_string(),
                        "instalmentId": id,
                    }));
                }
                sent += 1;
                kinds_sent.insert(kind);
            }
        }
        // the next day a letter is due, at most a week on (the assessment in between changes nothing)
        today = next.max(today + chrono::Duration::days(1));
    }
    // the loop did what it says: letters of every kind went out, and the ladder reached its end on both sides of
    // the new act — escalation follows the calls the desk made as told, rather than sliding behind each next one
    assert!(sent > 50, "{sent} letters in {days} days");
    assert!(
        kinds_sent.contains("collection_notice"),
        "no collection notice in {days} days of doing as told: {kinds_sent:?}"
    );
    assert_eq!(kinds_sent.len(), 3, "{kinds_sent:?}");
    for under_new_act in [false, true] {
        assert!(
            handed_over.iter().any(|h| h.1 == under_new_act),
            "no hand-over due {} the new act",
            if under_new_act { "under" } else { "before" }
        );
    }
}
