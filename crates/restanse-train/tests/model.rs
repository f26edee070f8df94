//! The trained risk model end to end: a sample history, training, model.json, scoring with the engine.

use chrono::NaiveDate;
use restanse::model::history;
use restanse::model::{table, ModelError, RiskModel};
use restanse::{Engine, Policy};
use restanse_sample::history::sample_history;
use restanse_train::TrainOptions;

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// α fixed: cross-validation is tested in `model::fit` and by `restanse train` in the benchmarks.
const FIXED: TrainOptions = TrainOptions {
    l2: Some(0.3),
    test_from: None,
};

/// One history and one model for all the tests (training in the dev profile takes a while).
fn trained() -> &'static (Vec<history::Snapshot>, RiskModel) {
    static TRAINED: std::sync::OnceLock<(Vec<history::Snapshot>, RiskModel)> =
        std::sync::OnceLock::new();
    TRAINED.get_or_init(|| {
        let h = sample_history(500, 3, end(), 8);
        let m = restanse_train::train_history(&h, &Policy::default(), &FIXED).unwrap();
        (h, m)
    })
}

/// The model gives P(default): members who went on to default get a far higher risk than those who
/// did not. Were linfa's P(pays) returned as P(default), this would be the other way round.
#[test]
fn defaulters_score_higher_than_payers() {
    let (h, m) = trained();
    let engine = Engine::with_model(Policy::default(), m.clone()).unwrap();
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for s in h.iter().filter(|s| s.as_of == h.last().unwrap().as_of) {
        let json = serde_json::to_string(&[&s.member]).unwrap();
        let out = engine.assess_json(&json, s.as_of).unwrap();
        let risk = out.assessments[0].risk;
        if s.outcome {
            yes.push(risk)
        } else {
            no.push(risk)
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    assert!(!yes.is_empty() && !no.is_empty());
    assert!(
        mean(&yes) > 0.3 && mean(&no) < 0.1,
        "defaulters {} payers {}",
        mean(&yes),
        mean(&no)
    );
    let e = m.evaluation.as_ref().unwrap();
    assert!(e.model.auc > 0.75, "AUC {}", e.model.auc);
    // the base rate is small, so the Brier score of a calibrated model is far below 0.25
    assert!(e.model.brier < 0.05, "Brier {}", e.model.brier);
    // the training window ends before the test window starts
    assert!(m.training.to.unwrap() < e.test_from);
}

#[test]
fn the_explanation_is_the_features_contributions() {
    let (h, m) = trained();
    let engine = Engine::with_model(Policy::default(), m.clone()).unwrap();
    let s = h.iter().rev().find(|s| s.outcome).unwrap();
    let out = engine
        .assess_json(&serde_json::to_string(&[&s.member]).unwrap(), s.as_of)
        .unwrap();
    let a = &out.assessments[0];
    assert!(!a.explanation.is_empty());
    // the contributions add up (with the intercept) to the logit of the risk
    let logit = m.intercept + a.explanation.iter().map(|c| c.points).sum::<f64>();
    let p = 1.0 / (1.0 + (-logit).exp());
    assert!((p - a.risk).abs() < 0.01, "{p} vs {}", a.risk);
    assert!(a
        .explanation
        .iter()
        .all(|c| m.features.iter().any(|f| f.name == c.factor)));
}

#[test]
fn model_json_round_trips_and_bad_files_are_named() {
    let (_, m) = trained();
    let json = m.to_json();
    // serde_json reads floats back to within an ulp (its exact `float_roundtrip` costs WebAssembly size)
    let back = RiskModel::from_json(&json).unwrap();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + a.abs());
    assert_eq!(back.features.len(), m.features.len());
    for (a, b) in back.features.iter().zip(&m.features) {
        assert_eq!(a.name, b.name);
        assert!(close(a.mean, b.mean) && close(a.scale, b.scale));
        assert!(close(a.coefficient, b.coefficient));
    }
    assert!(close(back.intercept, m.intercept));
    assert_eq!(back.training, m.training);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "restanse-risk-model");
    assert_eq!(v["version"], 1);
    let broken = json.replacen("\"version\": 1", "\"version\": 99", 1);
    assert_eq!(RiskModel::from_json(&broken), Err(ModelError::Version(99)));
    let broken = json.replacen("\"scale\": ", "\"scale\": -", 1);
    assert!(
        matches!(RiskModel::from_json(&broken), Err(ModelError::Invalid { field, .. }) if field.contains("scale"))
    );
    let broken = json.replacen("\"unpaid_count\"", "\"shoe_size\"", 1);
    assert!(matches!(
        RiskModel::from_json(&broken),
        Err(ModelError::Invalid { .. })
    ));
    let broken = json.replacen("\"intercept\": ", "\"intercept\": \"x\", \"i\": ", 1);
    assert!(
        matches!(RiskModel::from_json(&broken), Err(ModelError::Json { path, .. }) if path == "intercept")
    );
}

#[test]
fn a_table_fit_predicts_its_own_labels() {
    let mut csv = String::from("id,a,b,y\n");
    for i in 0..300 {
        let a = (i % 13) as f64 / 3.0;
        let b = (i % 7) as f64;
        let y = (a - 2.0 + 0.3 * b + ((i * 37) % 11) as f64 / 4.0 - 1.2) > 2.0;
        csv += &format!("{i},{a},{b},{}\n", u8::from(y));
    }
    let t = table::read(&csv, Some("y"), &["id"]).unwrap();
    let m = restanse_train::train_table(&t, Some(1.0)).unwrap();
    assert_eq!(m.l2_chosen_by, "fixed");
    assert!(m.features[0].coefficient > 0.0 && m.features[1].coefficient > 0.0);
    let p = RiskModel::from_json(&m.to_json())
        .unwrap()
        .predict_table(&table::read_columns(&csv, &m).unwrap())
        .unwrap();
    assert_eq!(p.len(), 300);
    let labels = t.labels.unwrap();
    let auc = restanse_train::eval::auc(&p, &labels).unwrap_or(0.0);
    assert!(auc > 0.8, "AUC {auc}");
}
