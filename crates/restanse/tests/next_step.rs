//! `nextStep` and the worklist on the sample gym (several seeds, every member): the next step is the first of the
//! ranked actions, `then` is the rest in date order, and the worklist holds one row per member whose next step is
//! due, within capacity, ranked by deadline, expected loss and risk.
use restanse::output::Capacity;
use restanse::output::Evidence;
use restanse::{Engine, Policy};

fn as_of() -> chrono::NaiveDate {
    restanse::input::parse_date("2026-11-23").unwrap_or_default()
}

#[test]
fn the_next_step_is_the_first_action_and_then_the_rest_in_date_order() {
    let engine = Engine::new(Policy::default()).unwrap();
    for seed in 1..=4 {
        let out = engine
            .assess_json(
                &restanse_sample::generate_json(1_500, seed, as_of()),
                as_of(),
            )
            .unwrap();
        for a in &out.assessments {
            let Some(step) = &a.next_step else {
                assert!(
                    a.actions.is_empty(),
                    "{}: actions but no next step",
                    a.member_id
                );
                continue;
            };
            let first = &a.actions[0];
            assert_eq!(
                (
                    step.code,
                    step.on,
                    step.channel,
                    &step.message,
                    &step.instalment_ids
                ),
                (
                    first.code,
                    first.on,
                    first.channel,
                    &first.message,
                    &first.instalment_ids
                ),
                "{}",
                a.member_id
            );
            assert_eq!(step.then.len(), a.actions.len() - 1, "{}", a.member_id);
            assert!(
                step.then.windows(2).all(|w| w[0].on <= w[1].on),
                "{}",
                a.member_id
            );
            let mut rest: Vec<_> = a.actions[1..].iter().map(|x| (x.on, x.code)).collect();
            let mut then: Vec<_> = step.then.iter().map(|x| (x.on, x.code)).collect();
            rest.sort();
            then.sort();
            assert_eq!(rest, then, "{}", a.member_id);
            // due today comes before anything later
            assert!(
                a.actions.iter().all(|x| x.on >= step.on || x.on <= as_of()),
                "{}",
                a.member_id
            );
        }
    }
}

#[test]
fn the_worklist_is_one_row_per_member_due_ranked_and_within_capacity() {
    let engine = Engine::new(Policy::default()).unwrap();
    let json = restanse_sample::generate_json(2_000, 3, as_of());
    let out = engine.assess_json(&json, as_of()).unwrap();
    let capacity = Capacity::parse("phone=10,letter=5").unwrap();
    let list = engine.worklist_json(&json, as_of(), &capacity).unwrap();
    let due: Vec<&str> = out
        .assessments
        .iter()
        .filter(|a| a.next_step.as_ref().is_some_and(|s| s.on <= as_of()))
        .map(|a| a.member_id.as_str())
        .collect();
    assert_eq!(list.steps.len() + list.deferred.len(), due.len());
    let mut ids: Vec<&str> = list
        .steps
        .iter()
        .chain(&list.deferred)
        .map(|r| r.member_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), due.len(), "one row per member");
    let phone = list
        .steps
        .iter()
        .filter(|r| r.channel.code() == "phone")
        .count();
    assert!(phone <= 10);
    assert!(
        list.deferred.iter().any(|r| r.channel.code() == "phone"),
        "the sample has more than 10 calls"
    );
    assert!(list.steps.iter().all(|r| r.on == as_of()));
    // 2026-11-23 is a Monday: deferred rows go to Tuesday
    assert!(list
        .deferred
        .iter()
        .all(|r| r.on == as_of() + chrono::Duration::days(1)));
    // ranked by expected loss (no step has a deadline yet): outstanding × risk never rises down the list
    let risk_of = |id: &str| {
        out.assessments
            .iter()
            .find(|a| a.member_id == id)
            .map_or(0.0, |a| a.risk)
    };
    let loss: Vec<f64> = list
        .steps
        .iter()
        .map(|r| r.outstanding.0.to_string().parse::<f64>().unwrap_or(0.0) * risk_of(&r.member_id))
        .collect();
    assert!(loss.windows(2).all(|w| w[0] >= w[1]), "{loss:?}");
    assert!(list
        .steps
        .iter()
        .enumerate()
        .all(|(i, r)| r.priority as usize == i + 1));
    // outstanding is the member's arrears from the evidence
    for r in &list.steps {
        let a = out
            .assessments
            .iter()
            .find(|a| a.member_id == r.member_id)
            .unwrap();
        let sum: rust_decimal::Decimal = a
            .signals
            .iter()
            .map(|s| match &s.evidence {
                Evidence::Unpaid(e) => e.outstanding.0,
                Evidence::Plan(e) => e.outstanding.0,
                _ => rust_decimal::Decimal::ZERO,
            })
            .sum();
        assert_eq!(r.outstanding.0, sum);
    }
}
