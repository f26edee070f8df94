//! The batch's visit model inside the engine: fitted on the gym's own members, the prior for small batches,
//! the policy's choice of rule, and the numbers in the `latent` evidence.
use restanse::output::{Evidence, LatentEvidence, VisitModelSource};
use restanse::policy::{EvidenceModel, LatentModel};
use restanse::visits::ModelKind;
use restanse::{Engine, Policy, PolicyError, SignalCode};
use restanse_sample as sample;

fn as_of() -> chrono::NaiveDate {
    restanse::input::parse_date("2026-11-23").unwrap_or_default()
}

fn latent_evidence(engine: &Engine, members: usize) -> Vec<LatentEvidence> {
    let json = sample::generate_json(members, 3, as_of());
    let out = engine
        .assess_json(&json, as_of())
        .expect("the sample parses");
    out.assessments
        .iter()
        .flat_map(|a| &a.signals)
        .filter(|s| s.code == SignalCode::Latent)
        .filter_map(|s| match &s.evidence {
            Evidence::Latent(e) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_gym_gets_one_model_and_the_evidence_says_which() {
    let engine = Engine::new(Policy::default()).expect("default policy");
    let ev = latent_evidence(&engine, 1500);
    assert!(ev.len() > 20, "{}", ev.len());
    let with_model: Vec<_> = ev.iter().filter(|e| e.p_alive.is_some()).collect();
    // members who never visited have no visit history to model
    assert!(with_model.len() * 2 > ev.len());
    // one model for the whole batch: fitted on it, or (gym data often run MBG/NBD's dropout onto a ridge
    // a, b → ∞ that the engine's bounded fit does not finish) the documented prior, the same for every member
    let source = with_model.first().and_then(|e| e.visit_model_source);
    assert!(source.is_some());
    for e in &with_model {
        assert_eq!(e.visit_model, Some(ModelKind::MbgNbd));
        assert_eq!(e.visit_model_source, source);
        let p = e.p_alive.unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&p));
        assert!(e.expected_visits_4w.is_some_and(|v| v >= 0.0));
    }
    // silent members the rhythm rule flags are, on average, unlikely to be training
    let mean = with_model.iter().filter_map(|e| e.p_alive).sum::<f64>() / with_model.len() as f64;
    assert!(mean < 0.5, "{mean}");
}

#[test]
fn a_small_batch_uses_the_prior_and_no_model_means_no_numbers() {
    let engine = Engine::new(Policy::default()).expect("default policy");
    let ev = latent_evidence(&engine, 60);
    assert!(ev
        .iter()
        .filter(|e| e.p_alive.is_some())
        .all(|e| e.visit_model_source == Some(VisitModelSource::Prior)));
    let mut policy = Policy::default();
    policy.latent.evidence_model = EvidenceModel::None;
    let engine = Engine::new(policy).expect("valid");
    assert!(latent_evidence(&engine, 300)
        .iter()
        .all(|e| e.p_alive.is_none() && e.visit_model.is_none()));
}

#[test]
fn a_visit_model_can_decide_by_p_alive() {
    let mut policy = Policy::default();
    policy.latent.model = LatentModel::Bgnbd;
    let engine = Engine::new(policy.clone()).expect("valid");
    let ev = latent_evidence(&engine, 1500);
    assert!(!ev.is_empty());
    for e in ev.iter().filter(|e| e.p_alive.is_some()) {
        assert_eq!(e.visit_model, Some(ModelKind::BgNbd));
        assert!(e.p_alive.unwrap_or(1.0) < policy.latent.p_alive_below);
    }
}

#[test]
fn the_policy_refuses_thresholds_that_make_no_sense() {
    let json = r#"{"latent": {"model": "pareto", "pAliveBelow": 0.3, "pAliveCriticalBelow": 0.4}}"#;
    let policy: Policy = serde_json::from_str(json).expect("parses");
    assert!(matches!(
        Engine::new(policy),
        Err(PolicyError::Invalid { field, .. }) if field == "latent.pAliveCriticalBelow"
    ));
    let policy: Policy =
        serde_json::from_str(r#"{"latent": {"pAliveBelow": 1.5}}"#).expect("parses");
    assert!(Engine::new(policy).is_err());
    let policy: Policy =
        serde_json::from_str(r#"{"latent": {"fitSample": 500, "minFitMembers": 600}}"#)
            .expect("parses");
    assert!(Engine::new(policy).is_err());
    assert!(serde_json::from_str::<Policy>(r#"{"latent": {"model": "thirtyDays"}}"#).is_err());
}
