//! Issue 14: the per-member indexes (`HoldDays`, `holds_at_due`, `ReminderIndex`, `Covers`, `set_off`)
//! answer exactly what the plain walks over every record answer, for members with many overlapping records.

use crate::claims::{self, Covers};
use crate::derive::{self, HoldDays, ReminderIndex};
use crate::input::{HoldKind, InstalmentKind, MandateState, PaymentMethod, ReminderKind};
use crate::member::{Hold, Instalment, Member, Reminder};
use crate::policy::Policy;
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default() + chrono::Duration::days(n)
}

type Raw = (
    Vec<(i64, i64, i64, i64, bool)>,
    Vec<(i64, i64, bool)>,
    Vec<(i64, u8, i64, Option<usize>)>,
);

fn arb_records() -> impl Strategy<Value = Raw> {
    (
        // instalments: due, paid (0..=amount+surplus), paid on (after due), credited, waived
        prop::collection::vec(
            (
                0i64..600,
                0i64..700,
                0i64..60,
                0i64..50,
                prop::bool::weighted(0.1),
            ),
            0..60,
        ),
        // holds: from, length, freeze
        prop::collection::vec((-30i64..650, 0i64..80, any::<bool>()), 0..25),
        // reminders: sent, kind, fee, instalment named (index) or none
        prop::collection::vec(
            (0i64..700, 0u8..3, 0i64..80, prop::option::of(0usize..70)),
            0..60,
        ),
    )
}

fn member((insts, holds, rems): Raw) -> Member {
    let mut instalments: Vec<Instalment> = insts
        .iter()
        .enumerate()
        .map(|(i, &(due, paid, late, credited, waived))| Instalment {
            id: format!("I-{i:03}"),
            due_on: day(due),
            amount: Decimal::from(549),
            paid: Decimal::from(paid),
            paid_on: (paid > 0).then(|| day(due + late)),
            credited: Decimal::from(credited),
            waived,
            kind: if i % 7 == 3 {
                InstalmentKind::Plan
            } else {
                InstalmentKind::Fee
            },
        })
        .collect();
    instalments.sort_by(|a, b| (a.due_on, &a.id).cmp(&(b.due_on, &b.id)));
    let mut holds: Vec<Hold> = holds
        .iter()
        .map(|&(from, len, freeze)| Hold {
            kind: if freeze {
                HoldKind::Freeze
            } else {
                HoldKind::Deferral
            },
            from: day(from),
            to: day(from + len),
            note: None,
        })
        .collect();
    holds.sort_by(|a, b| (a.from, a.to, a.kind.code()).cmp(&(b.from, b.to, b.kind.code())));
    let mut reminders: Vec<Reminder> = rems
        .iter()
        .enumerate()
        .map(|(index, &(sent, kind, fee, named))| Reminder {
            sent_on: day(sent),
            kind: [
                ReminderKind::Sms,
                ReminderKind::Reminder,
                ReminderKind::CollectionNotice,
            ][usize::from(kind % 3)],
            fee: Decimal::from(fee),
            instalment_id: named
                .filter(|&i| i < insts.len())
                .map(|i| format!("I-{i:03}")),
            index,
        })
        .collect();
    reminders.sort_by(|a, b| {
        (a.sent_on, a.kind, &a.instalment_id).cmp(&(b.sent_on, b.kind, &b.instalment_id))
    });
    Member {
        id: "M".into(),
        joined_on: day(-100),
        binding_ends_on: Some(day(300)),
        cancelled_on: None,
        monthly_fee: None,
        payment_method: Some(PaymentMethod::Avtalegiro),
        mandate: MandateState::Active,
        access_blocked: false,
        instalments,
        visits: (0..700).step_by(3).map(day).collect(),
        holds,
        reminders,
        plan_agreed_on: None,
        plan_instalment_ids: vec![],
        voice: Default::default(),
    }
}

/// The claims a reminder names, as `claims::judge` walked every instalment before issue 14.
fn covered_naive(
    m: &Member,
    facts: &[crate::instalment_facts::InstalmentFacts],
    r: &Reminder,
) -> Vec<usize> {
    match &r.instalment_id {
        Some(id) => m
            .instalments
            .iter()
            .position(|i| &i.id == id)
            .into_iter()
            .collect(),
        None => (0..m.instalments.len())
            .filter(|&i| {
                let (inst, f) = (&m.instalments[i], &facts[i]);
                r.sent_on > f.effective_due
                    && !(f.outstanding.is_zero() && inst.paid_on.is_some_and(|p| p < r.sent_on))
            })
            .collect(),
    }
}

/// The set-off as it was written before issue 14: every surplus walks every claim.
fn set_off_naive(
    m: &Member,
    open: &[bool],
    due: &[NaiveDate],
) -> (Vec<Decimal>, Vec<crate::output::SetOff>) {
    let mut outstanding: Vec<Decimal> = m.instalments.iter().map(|i| i.outstanding()).collect();
    let mut moves = Vec::new();
    let mut order: Vec<usize> = (0..m.instalments.len()).collect();
    order.sort_by_key(|&i| (due[i], i));
    for (s, src) in m.instalments.iter().enumerate() {
        if src.waived {
            continue;
        }
        let mut surplus = src.paid + src.credited - src.amount;
        for &t in &order {
            if surplus <= Decimal::ZERO {
                break;
            }
            if t == s || !open[t] || outstanding[t] <= Decimal::ZERO {
                continue;
            }
            let take = surplus.min(outstanding[t]);
            outstanding[t] -= take;
            surplus -= take;
            moves.push(crate::output::SetOff {
                from: src.id.clone(),
                to: m.instalments[t].id.clone(),
                amount: crate::money::Money(take),
            });
        }
    }
    (outstanding, moves)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn hold_days_answer_as_every_hold_does(raw in arb_records(), a in -60i64..760, b in -60i64..760) {
        let m = member(raw);
        let idx = HoldDays::new(&m.holds);
        for n in -40..740 {
            let d = day(n);
            prop_assert_eq!(idx.covers(d), m.holds.iter().any(|h| h.covers(d)));
            // the day a step waits for: past every hold in turn, as actions.rs did
            let mut on = d;
            for h in &m.holds {
                if h.covers(on) {
                    on = h.to + chrono::Duration::days(1);
                }
            }
            prop_assert_eq!(idx.first_free(d), on);
        }
        prop_assert_eq!(idx.between(day(a), day(b)), derive::hold_days_between(&m.holds, day(a), day(b)));
    }

    #[test]
    fn holds_at_due_answer_as_every_hold_does(raw in arb_records()) {
        let m = member(raw);
        let fast = derive::holds_at_due(&m);
        for (i, inst) in m.instalments.iter().enumerate() {
            let mut naive = (None, None);
            for (h, hold) in m.holds.iter().enumerate() {
                if hold.covers(inst.due_on) {
                    match hold.kind {
                        HoldKind::Freeze => naive.0 = naive.0.or(Some(h)),
                        HoldKind::Deferral => naive.1 = Some(h),
                    }
                }
            }
            prop_assert_eq!(fast[i], naive);
        }
    }

    #[test]
    fn reminders_and_claims_answer_as_every_reminder_does(raw in arb_records()) {
        let m = member(raw);
        let as_of = day(650);
        let f = derive::derive(&m, as_of, &Policy::default());
        let idx = ReminderIndex::new(&m);
        for (i, fi) in f.instalments.iter().enumerate() {
            prop_assert_eq!(idx.any(&m, i, fi), derive::reminders_for(&m, i, fi).next().is_some());
            for kind in [ReminderKind::Sms, ReminderKind::Reminder, ReminderKind::CollectionNotice] {
                prop_assert_eq!(idx.last_sent(&m, i, fi, kind), derive::last_sent(&m, i, fi, kind));
            }
        }
        let mut covers = Covers::new(&m, &f.instalments);
        for r in &m.reminders {
            prop_assert_eq!(covers.covered(&m, &f.instalments, r), covered_naive(&m, &f.instalments, r));
        }
        let open: Vec<bool> = m.instalments.iter().enumerate().map(|(i, x)| !x.waived && i % 5 != 2).collect();
        let due: Vec<NaiveDate> = f.instalments.iter().map(|x| x.effective_due).collect();
        prop_assert_eq!(claims::set_off(&m, &open, &due), set_off_naive(&m, &open, &due));
    }
}

/// A change feed for member M: instalments billed (some with ids seen before), payments at the desk and by
/// id, credits and waivers, one a day.
fn arb_feed() -> impl Strategy<Value = Vec<(u8, i64, usize)>> {
    prop::collection::vec((0u8..5, 0i64..900, 0usize..40), 0..80)
}

fn feed_text(events: &[(u8, i64, usize)]) -> String {
    let mut s = String::new();
    for (k, &(kind, amount, id)) in events.iter().enumerate() {
        let at = day(k as i64);
        let head = format!(r#"{{"id":"e-{k}","at":"{at}","memberId":"M","#);
        let line = match kind {
            0 => format!(
                r#"{head}"type":"instalment_billed","instalment":{{"id":"I-{id}","dueOn":"{}","amount":"549.00"}}}}"#,
                day(k as i64 - (amount % 50))
            ),
            1 => format!(r#"{head}"type":"payment","amount":"{amount}","paidOn":"{at}"}}"#),
            2 => format!(
                r#"{head}"type":"payment","amount":"{amount}","paidOn":"{at}","instalmentId":"I-{id}"}}"#
            ),
            3 => format!(r#"{head}"type":"credit","amount":"{amount}","instalmentId":"I-{id}"}}"#),
            _ => format!(r#"{head}"type":"waiver","instalmentId":"I-{id}"}}"#),
        };
        s.push_str(&line);
        s.push('\n');
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The feed's per-member ledger (ids indexed, desk payments starting past what is settled) leaves the
    /// member as applying each event on its own, with nothing kept between them, does.
    #[test]
    fn a_feed_applied_at_once_is_the_feed_applied_event_by_event(events in arb_feed(), start in 0usize..6) {
        let json = format!(
            r#"[{{"id":"M","joinedOn":"2023-01-01","instalments":[{}]}}]"#,
            (0..start)
                .map(|i| format!(r#"{{"id":"I-{i}","dueOn":"{}","amount":"549.00","paid":"{}"}}"#, day(-(i as i64) * 7), i * 100))
                .collect::<Vec<_>>()
                .join(",")
        );
        let members: Vec<crate::MemberInput> =
            crate::parse_batch(&json).unwrap().into_iter().map(|r| r.unwrap()).collect();
        let text = feed_text(&events);
        let as_of = day(1000);
        let mut at_once = members.clone();
        let report = crate::events::apply(&mut at_once, &text, as_of, &mut Default::default());
        let mut one_by_one = members;
        let mut seen = Default::default();
        let mut applied = 0;
        for line in text.lines() {
            applied += crate::events::apply(&mut one_by_one, line, as_of, &mut seen).applied;
        }
        prop_assert_eq!(report.applied, applied);
        prop_assert_eq!(at_once, one_by_one);
    }
}
