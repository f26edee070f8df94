//! Fitting a gym's own risk model (model.json, `restanse::model::RiskModel`): the history through the engine's own
//! derivation into features ([`restanse::model::see_snapshot`]), the time split, the fit ([`fit`]: L2-penalised
//! logistic regression with linfa-logistic, polarity fixed, α by cross-validation) and the evaluation beside the
//! scorecard and the unpaid count ([`eval`]).
//!
//! ```
//! use restanse::{model::RiskModel, Engine, Policy};
//! use restanse_train::{train_history, TrainOptions};
//! let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! let snaps = restanse_sample::history::sample_history(200, 1, end, 6);
//! let model = train_history(&snaps, &Policy::default(), &TrainOptions::default()).unwrap();
//! let json = model.to_json();
//! let engine = Engine::with_model(Policy::default(), RiskModel::from_json(&json).unwrap()).unwrap();
//! let out = engine.assess_json(&restanse_sample::generate_json(20, 1, end), end).unwrap();
//! assert!(out.assessments.iter().all(|a| (0.0..=1.0).contains(&a.risk)));
//! ```

pub mod eval;
pub mod fit;

use chrono::NaiveDate;
use fit::Scaling;
use ndarray::Array2;
use restanse::model::features::MEMBER_FEATURES;
use restanse::model::history::Snapshot;
use restanse::model::table::Table;
use restanse::model::{
    see_snapshot, Evaluation, Feature, ModelError, ModelKind, RiskModel, Seen, Training, FORMAT,
    VERSION,
};
use restanse::policy::Policy;

pub use restanse::model::TrainOptions;

/// Why a fit failed.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FitError {
    #[error("the training data needs both outcomes; it has only {0}")]
    OneClass(&'static str),
    #[error("row {row}, feature {feature}: {value} is not a finite number")]
    NotFinite {
        row: usize,
        feature: String,
        value: f64,
    },
    #[error("the penalty must be a finite number ≥ 0, not {0}")]
    BadPenalty(f64),
    #[error("{rows} rows but {labels} labels")]
    Shape { rows: usize, labels: usize },
    #[error("the solver failed: {0}")]
    Solver(String),
}

/// Why a model could not be trained.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TrainError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Fit(#[from] FitError),
}

impl From<restanse::model::table::TableError> for TrainError {
    fn from(e: restanse::model::table::TableError) -> TrainError {
        TrainError::Model(e.into())
    }
}

impl From<restanse::model::history::HistoryError> for TrainError {
    fn from(e: restanse::model::history::HistoryError) -> TrainError {
        TrainError::Model(e.into())
    }
}
fn to_matrix(rows: &[Vec<f64>], cols: usize) -> Array2<f64> {
    let mut x = Array2::zeros((rows.len(), cols));
    for (i, r) in rows.iter().enumerate() {
        for (j, v) in r.iter().take(cols).enumerate() {
            x[[i, j]] = *v;
        }
    }
    x
}

fn fitted(
    kind: ModelKind,
    predicts: &str,
    names: &[String],
    x: &Array2<f64>,
    y: &[bool],
    l2: Option<f64>,
) -> Result<RiskModel, TrainError> {
    let (l2, chosen_by, cv) = match l2 {
        Some(a) => (a, "fixed", Vec::new()),
        None => {
            let (a, table) = fit::choose_l2(x, y, &fit::L2_GRID, fit::FOLDS)?;
            (a, "cross-validation", table)
        }
    };
    let scaling = Scaling::learn(x);
    let fitted = fit::fit(&scaling.apply(x), y, l2)?;
    let features = names
        .iter()
        .enumerate()
        .map(|(j, name)| Feature {
            name: name.clone(),
            mean: scaling.mean.get(j).copied().unwrap_or(0.0),
            scale: scaling.scale.get(j).copied().unwrap_or(1.0),
            coefficient: fitted.coefficients.get(j).copied().unwrap_or(0.0),
        })
        .collect();
    Ok(RiskModel {
        format: FORMAT.into(),
        version: VERSION,
        kind,
        predicts: predicts.into(),
        features,
        intercept: fitted.intercept,
        l2,
        l2_chosen_by: chosen_by.into(),
        cross_validation: cv,
        training: Training {
            from: None,
            to: None,
            rows: y.len(),
            positives: y.iter().filter(|&&b| b).count(),
        },
        evaluation: None,
    })
}

/// Fits a model on a plain table with a 0/1 label (all rows; no evaluation).
pub fn train_table(t: &Table, l2: Option<f64>) -> Result<RiskModel, TrainError> {
    let y = t
        .labels
        .as_deref()
        .ok_or_else(|| ModelError::MissingColumn("label".into()))?;
    let x = to_matrix(&t.rows, t.names.len());
    fitted(ModelKind::Table, "P(label = 1)", &t.names, &x, y, l2)
}

/// Trains on a history: the earlier snapshots fit the model (α by cross-validation unless fixed),
/// the later ones evaluate it beside the scorecard and the unpaid count. The model returned is the
/// one evaluated, trained on the earlier window only.
pub fn train_history(
    snaps: &[Snapshot],
    policy: &Policy,
    opts: &TrainOptions,
) -> Result<RiskModel, TrainError> {
    let mut days: Vec<NaiveDate> = snaps.iter().map(|s| s.as_of).collect();
    days.sort_unstable();
    days.dedup();
    let split = match opts.test_from {
        Some(d) => d,
        None => {
            if days.len() < 2 {
                return Err(TrainError::Model(ModelError::NoSplit(
                    "the last quarter of the days".into(),
                )));
            }
            let k = (days.len() * 3).div_ceil(4).clamp(1, days.len() - 1);
            days[k]
        }
    };
    let seen: Vec<Seen> = snaps
        .iter()
        .enumerate()
        .map(|(i, s)| see_snapshot(i, s, policy))
        .collect::<Result<_, _>>()?;
    let (train, test): (Vec<usize>, Vec<usize>) =
        (0..snaps.len()).partition(|&i| snaps[i].as_of < split);
    if train.is_empty() || test.is_empty() {
        return Err(TrainError::Model(ModelError::NoSplit(split.to_string())));
    }
    let rows = |idx: &[usize]| {
        to_matrix(
            &idx.iter()
                .map(|&i| seen[i].features.clone())
                .collect::<Vec<_>>(),
            MEMBER_FEATURES.len(),
        )
    };
    let labels = |idx: &[usize]| idx.iter().map(|&i| snaps[i].outcome).collect::<Vec<bool>>();
    let (ytr, yte) = (labels(&train), labels(&test));
    if ytr.iter().all(|&b| b) || !ytr.iter().any(|&b| b) {
        return Err(TrainError::Model(ModelError::OneClassWindow(format!(
            "before {split}"
        ))));
    }
    let names: Vec<String> = MEMBER_FEATURES.iter().map(|s| s.to_string()).collect();
    let mut model = fitted(
        ModelKind::Members,
        "P(an instalment unpaid > 60 days within 90 days)",
        &names,
        &rows(&train),
        &ytr,
        opts.l2,
    )?;
    let day_of = |i: usize| snaps[i].as_of;
    model.training.from = train.iter().map(|&i| day_of(i)).min();
    model.training.to = train.iter().map(|&i| day_of(i)).max();

    // evaluation on the later window
    let scaling = Scaling {
        mean: model.features.iter().map(|f| f.mean).collect(),
        scale: model.features.iter().map(|f| f.scale).collect(),
    };
    let fitted = fit::Fitted {
        coefficients: model.features.iter().map(|f| f.coefficient).collect(),
        intercept: model.intercept,
    };
    let p_model = fitted.predict(&scaling.apply(&rows(&test)));
    let p_card: Vec<f64> = test.iter().map(|&i| seen[i].scorecard).collect();
    // unpaid count alone: the default rate seen in training per 0, 1, 2, 3+ unpaid
    let mut hits = [(0usize, 0usize); 4];
    for &i in &train {
        let b = seen[i].unpaid.min(3);
        hits[b].0 += usize::from(snaps[i].outcome);
        hits[b].1 += 1;
    }
    let rate = |n: usize| {
        let (pos, all) = hits[n.min(3)];
        (pos as f64 + 0.5) / (all as f64 + 1.0)
    };
    let p_unpaid: Vec<f64> = test.iter().map(|&i| rate(seen[i].unpaid)).collect();
    model.evaluation = Some(Evaluation {
        test_from: test.iter().map(|&i| day_of(i)).min().unwrap_or(split),
        test_to: test.iter().map(|&i| day_of(i)).max().unwrap_or(split),
        rows: test.len(),
        positives: yte.iter().filter(|&&b| b).count(),
        model: eval::metrics(&p_model, &yte),
        scorecard: eval::metrics(&p_card, &yte),
        unpaid_count: eval::metrics(&p_unpaid, &yte),
    });
    Ok(model)
}

/// The history as a plain table: one row of [`MEMBER_FEATURES`] per snapshot (unscaled) and the outcome
/// as the label, so the very numbers the model trains on can be fitted by other tools.
pub fn history_table(snaps: &[Snapshot], policy: &Policy) -> Result<Table, TrainError> {
    let rows = snaps
        .iter()
        .enumerate()
        .map(|(i, s)| see_snapshot(i, s, policy).map(|seen| seen.features))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Table {
        names: MEMBER_FEATURES.iter().map(|s| s.to_string()).collect(),
        rows,
        labels: Some(snaps.iter().map(|s| s.outcome).collect()),
    })
}

/// [`train_history`] from the text of a history file (what the WASM façade calls).
pub fn train_history_json(
    json: &str,
    policy: &Policy,
    opts: &TrainOptions,
) -> Result<RiskModel, TrainError> {
    train_history(&restanse::model::history::parse(json)?, policy, opts)
}
