//! The sample gym is realistic in the ways the issue names, and deterministic.
use restanse::input::{MandateState, PaymentMethod};
use restanse::Engine;
use restanse_sample::{self as sample, Behaviour};

fn as_of() -> chrono::NaiveDate {
    restanse::input::parse_date("2026-11-23").unwrap()
}

#[test]
fn about_87_percent_avtalegiro_and_9_in_10_pay_on_time() {
    let members = sample::generate(20_000, 11, as_of());
    let ag = members
        .iter()
        .filter(|m| m.payment_method == Some(PaymentMethod::Avtalegiro))
        .count() as f64
        / 20_000.0;
    assert!(
        (0.85..=0.89).contains(&ag),
        "AvtaleGiro share of members {ag}"
    );
    let json = serde_json::to_string(&members).unwrap();
    let report = Engine::default().report_json(&json, as_of()).unwrap();
    let betalingsgrad = report
        .key_figures
        .iter()
        .find(|k| k.code == "betalingsgrad")
        .unwrap()
        .value
        .unwrap();
    assert!(
        (0.88..=0.96).contains(&betalingsgrad),
        "betalingsgrad {betalingsgrad}"
    );
    let share = report.avtalegiro_share.value.unwrap();
    assert!(
        (0.78..=0.90).contains(&share),
        "active-mandate share {share}"
    );
    let purreandel = report
        .key_figures
        .iter()
        .find(|k| k.code == "purreandel")
        .unwrap()
        .value
        .unwrap();
    assert!(
        (0.03..=0.12).contains(&purreandel),
        "purreandel {purreandel} (gyms: normally 5–10 %)"
    );
    // few members hold most of the arrears, and some have more than three unpaid
    assert!(!report.more_than_three_unpaid.is_empty());
    assert!(report.concentration.gini > 0.2);
}

#[test]
fn it_holds_every_kind_of_case_the_front_desk_meets() {
    let pairs = sample::generate_with_truth(20_000, 11, as_of());
    let count = |b: Behaviour| pairs.iter().filter(|(_, t)| t.behaviour == b).count();
    for b in [
        Behaviour::LatePayer,
        Behaviour::Drifting,
        Behaviour::LatentPaying,
        Behaviour::LatentUnpaid,
        Behaviour::Frozen,
        Behaviour::Deferred,
        Behaviour::OnPlan,
        Behaviour::PlanBroken,
        Behaviour::BilledDuringFreeze,
        Behaviour::PaidButBlocked,
        Behaviour::Cancelled,
    ] {
        assert!(count(b) > 50, "{b:?}: {}", count(b));
    }
    let members: Vec<_> = pairs.iter().map(|(m, _)| m).collect();
    assert!(members.iter().any(|m| m
        .holds
        .iter()
        .any(|h| h.kind == restanse::input::HoldKind::Deferral)));
    assert!(members.iter().any(|m| m.plan.is_some()));
    assert!(members.iter().any(|m| m.mandate == MandateState::Pending));
    assert!(
        members
            .iter()
            .any(|m| m.visits.iter().any(|v| v.0 < m.joined_on)),
        "a data error: visit before joining"
    );
    let latent = pairs
        .iter()
        .filter(|(_, t)| t.latent_since.is_some())
        .count() as f64
        / 20_000.0;
    assert!((0.05..=0.12).contains(&latent), "truly latent {latent}");
}

#[test]
fn the_same_seed_gives_the_same_gym_and_a_smaller_gym_is_a_prefix() {
    let a = sample::generate_json(500, 3, as_of());
    assert_eq!(a, sample::generate_json(500, 3, as_of()));
    assert_ne!(a, sample::generate_json(500, 4, as_of()));
    let small = sample::generate(100, 3, as_of());
    let big = sample::generate(500, 3, as_of());
    assert_eq!(small[..], big[..100]);
    // and every member of it is valid input
    let out = Engine::default().assess_json(&a, as_of()).unwrap();
    assert_eq!((out.assessments.len(), out.rejected.len()), (500, 0));
}

/// The sample gym's routine keeps the law on every day it acts, under the 1988 act and from the day the new act
/// applies (no collection notice from the gym then): assessed on days either side of the change, no recorded step
/// breaks a rule and no fee is to be refunded. (Before this, from 1 Jan 2027 the sample's gym sent its own notices
/// with a fee, and the demo showed it breaking the new act.)
#[test]
fn the_gym_s_recorded_steps_keep_the_law_across_the_new_act() {
    let engine = Engine::default();
    for day in ["2026-11-23", "2027-01-04", "2027-02-15", "2027-06-30"] {
        let as_of = restanse::input::parse_date(day).unwrap();
        let json = sample::generate_json(2_000, 7, as_of);
        let out = engine.assess_json(&json, as_of).unwrap();
        for a in &out.assessments {
            let broken: Vec<_> = a
                .warnings
                .iter()
                .filter_map(|w| w.rule.as_deref())
                .collect();
            assert!(broken.is_empty(), "{day} {}: {broken:?}", a.member_id);
            assert!(
                a.actions
                    .iter()
                    .all(|x| x.code != restanse::ActionCode::RefundFee),
                "{day} {}: a fee to refund",
                a.member_id
            );
        }
    }
}
