//! A risk model trained on a gym's own history: L2-penalised logistic regression on the engine's own
//! facts, replacing the default scorecard when given. This module reads, checks and applies model.json; fitting
//! one is `restanse-train`'s (linfa-logistic), so the engine needs no linear-algebra library.
//!
//! The path, all of it pure (no clock, no files, no randomness) so it runs the same natively and in
//! WebAssembly:
//!
//! ```text
//! history (asOf, member, outcome) ──validate, derive──▶ features ──time split──▶ earlier │ later
//!                                                                                  │        │
//!                        cross-validate α, standardise, fit (linfa) ◀──────────────┘        │
//!                                       │                                                   │
//!                                  RiskModel ──▶ AUC, Brier, calibration vs scorecard ◀─────┘
//! ```
//!
//! * [`history`] defines the labelled history (`restanse-sample` makes one for the sample gym);
//! * [`features`] turns a member's facts (the `derive` stage's) into numbers (each one documented there), and [`see_snapshot`]
//!   does it for a history's snapshot;
//! * `restanse-train` standardises, fits with linfa-logistic, **fixes linfa's polarity**, cross-validates α
//!   and measures ROC AUC, Brier score and calibration ([`metrics`] holds what it measured);
//! * [`table`] reads plain numeric CSV tables, to check the fit against scikit-learn.
//!
//! **model.json** ([`RiskModel`]) is versioned and self-describing: `format`, `version`, what it
//! predicts, each feature with its mean, scale and coefficient, the intercept, α and how it was chosen,
//! the training window and the evaluation on the later window. A member's risk is
//! σ(intercept + Σ coefficientⱼ · (xⱼ − meanⱼ) / scaleⱼ); each term of the sum is that feature's
//! contribution in log-odds against an average member, and the assessment's `explanation` lists them,
//! largest first (they may be negative: a long, paid-up tenure lowers the risk).
//!
//! Reading a model checks everything a hand-edited or truncated file could break ([`RiskModel::from_json`]),
//! and nothing here panics on input: WebAssembly dies on a panic.
//!
//!
//! An example that trains and scores is in `restanse-train`'s documentation.

pub mod features;
pub mod metrics;
pub mod table;

/// The labelled history a model is fitted on: snapshots of members with the outcome that followed
/// (re-exported from the engine's private `history`).
pub mod history {
    pub use crate::history::{
        defaulted, parse, HistoryError, Snapshot, DEFAULT_AGE_DAYS, OUTCOME_WINDOW_DAYS,
    };
}

use crate::derive::Facts;
use crate::history::HistoryError;
use crate::json_fields::{
    deserialize_by_reading, read_names, read_object, read_required, required, At, ReadError,
    ReadJson,
};
use crate::member::Member;
use crate::output::{Contribution, Signal};
use crate::policy::Policy;
use crate::risk::{self, Scored};
use crate::signals;
use chrono::NaiveDate;
use features::MEMBER_FEATURES;
use metrics::Metrics;
use serde::Serialize;
use serde_json::Value;
use table::{Table, TableError};

/// The `format` field of every model.json.
pub const FORMAT: &str = "restanse-risk-model";
/// The model.json version this build writes and reads.
pub const VERSION: u32 = 1;

/// What the features describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// Members, through [`features::member_features`]: usable by the engine.
    Members,
    /// The columns of a plain table: for `restanse predict` only.
    Table,
}

/// One feature: how to standardise it and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Feature {
    pub name: String,
    pub mean: f64,
    pub scale: f64,
    /// Log-odds per standard deviation.
    pub coefficient: f64,
}

/// What the model was trained on.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Training {
    /// The first and last snapshot day trained on (history only).
    #[serde(
        with = "crate::dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub from: Option<NaiveDate>,
    #[serde(
        with = "crate::dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub to: Option<NaiveDate>,
    pub rows: usize,
    pub positives: usize,
}

/// How the model did on snapshots later than any it was trained on, beside the default scorecard and
/// "unpaid count alone" (the default rate seen in training for 0, 1, 2 and 3+ unpaid instalments).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    #[serde(with = "crate::dates::day")]
    pub test_from: NaiveDate,
    #[serde(with = "crate::dates::day")]
    pub test_to: NaiveDate,
    pub rows: usize,
    pub positives: usize,
    pub model: Metrics,
    pub scorecard: Metrics,
    pub unpaid_count: Metrics,
}

/// A trained model: the content of model.json.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskModel {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] for files this build writes.
    pub version: u32,
    pub kind: ModelKind,
    /// In words: what the probability is of.
    pub predicts: String,
    pub features: Vec<Feature>,
    pub intercept: f64,
    /// The L2 penalty α (scikit-learn's 1/C).
    pub l2: f64,
    /// `cross-validation` or `fixed`.
    pub l2_chosen_by: String,
    /// Held-out log loss of each α tried (empty when fixed).
    pub cross_validation: Vec<CvPoint>,
    pub training: Training,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Evaluation>,
}

/// Held-out log loss of one α in cross-validation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CvPoint {
    pub l2: f64,
    pub log_loss: f64,
}

// Reading model.json (json_fields.rs says why not serde's derive). Every field is required except those
// listed as optional; a field not named is refused.
deserialize_by_reading!(RiskModel);
read_names!(ModelKind { "members" => Members, "table" => Table });
read_required!(Feature {
    "name" => name,
    "mean" => mean,
    "scale" => scale,
    "coefficient" => coefficient,
} optional {});
read_required!(Training { "rows" => rows, "positives" => positives } optional { "from" => from, "to" => to });
read_required!(Evaluation {
    "testFrom" => test_from,
    "testTo" => test_to,
    "rows" => rows,
    "positives" => positives,
    "model" => model,
    "scorecard" => scorecard,
    "unpaidCount" => unpaid_count,
} optional {});
read_required!(CvPoint { "l2" => l2, "logLoss" => log_loss } optional {});

impl ReadJson for RiskModel {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<RiskModel, ReadError> {
        let (mut format, mut version, mut kind, mut predicts) = (None, None, None, None);
        let (mut features, mut intercept, mut l2, mut l2_chosen_by) = (None, None, None, None);
        let (mut cross_validation, mut training, mut evaluation) = (Vec::new(), None, None);
        read_object(
            v,
            at,
            &mut [
                ("format", &mut format),
                ("version", &mut version),
                ("kind", &mut kind),
                ("predicts", &mut predicts),
                ("features", &mut features),
                ("intercept", &mut intercept),
                ("l2", &mut l2),
                ("l2ChosenBy", &mut l2_chosen_by),
                ("crossValidation", &mut cross_validation),
                ("training", &mut training),
                ("evaluation", &mut evaluation),
            ],
        )?;
        Ok(RiskModel {
            format: required(format, at, "format")?,
            version: required(version, at, "version")?,
            kind: required(kind, at, "kind")?,
            predicts: required(predicts, at, "predicts")?,
            features: required(features, at, "features")?,
            intercept: required(intercept, at, "intercept")?,
            l2: required(l2, at, "l2")?,
            l2_chosen_by: required(l2_chosen_by, at, "l2ChosenBy")?,
            cross_validation,
            training: required(training, at, "training")?,
            evaluation,
        })
    }
}

/// Why a model could not be trained, read or applied.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ModelError {
    #[error("model.json is not valid: {path}: {message}")]
    Json { path: String, message: String },
    #[error("this is not a restanse risk model (format {0:?}, expected {FORMAT:?})")]
    Format(String),
    #[error("model.json version {0} is not supported (this build reads version {VERSION})")]
    Version(u32),
    #[error("model.json: {field}: {reason}")]
    Invalid { field: String, reason: String },
    #[error(
        "this model was trained on a plain table, not on members; it can only `predict` tables"
    )]
    NotForMembers,
    #[error("the table has no column {0:?}, which the model needs")]
    MissingColumn(String),
    #[error("snapshot {index} (member {member:?}): {field}: {reason}")]
    Snapshot {
        index: usize,
        member: String,
        field: String,
        reason: String,
    },
    #[error(
        "a time-based split needs snapshots on at least two different days, and some before {0}"
    )]
    NoSplit(String),
    #[error("the training window ({0}) needs both outcomes")]
    OneClassWindow(String),
    #[error(transparent)]
    Table(#[from] TableError),
    #[error(transparent)]
    History(#[from] HistoryError),
}

/// How to train.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainOptions {
    /// A fixed α instead of cross-validation.
    pub l2: Option<f64>,
    /// Test on snapshots from this day on; by default the last quarter of the snapshot days.
    pub test_from: Option<NaiveDate>,
}

/// The largest intercept or coefficient a model.json may have (issue 14).
pub const MAX_WEIGHT: f64 = 10_000.0;

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> ModelError {
    ModelError::Invalid {
        field: field.into(),
        reason: reason.into(),
    }
}

impl RiskModel {
    /// Reads and checks a model.json: format, version, every number finite, scales positive, feature
    /// names unique and (for member models) known to this build.
    pub fn from_json(text: &str) -> Result<RiskModel, ModelError> {
        let model: RiskModel =
            crate::json_fields::read_str(text).map_err(|e| ModelError::Json {
                path: e.path,
                message: e.message,
            })?;
        model.check()?;
        Ok(model)
    }

    /// Reads a model.json for the engine: [`RiskModel::from_json`], refusing a model trained on a plain
    /// table (its features are not a member's).
    pub fn for_members(text: &str) -> Result<RiskModel, ModelError> {
        let model = RiskModel::from_json(text)?;
        if model.kind != ModelKind::Members {
            return Err(ModelError::NotForMembers);
        }
        Ok(model)
    }

    /// The checks [`RiskModel::from_json`] makes.
    pub fn check(&self) -> Result<(), ModelError> {
        if self.format != FORMAT {
            return Err(ModelError::Format(self.format.clone()));
        }
        if self.version != VERSION {
            return Err(ModelError::Version(self.version));
        }
        if self.features.is_empty() {
            return Err(invalid("features", "the model has no features"));
        }
        // (issue 14) bounded so that no member's features can make the logit infinite or NaN: the risk is
        // always a number in [0, 1]
        if !(self.intercept.is_finite() && self.intercept.abs() <= MAX_WEIGHT) {
            return Err(invalid(
                "intercept",
                "must be a finite number within ±10000",
            ));
        }
        if !(self.l2.is_finite() && self.l2 >= 0.0) {
            return Err(invalid("l2", "must be a finite number ≥ 0"));
        }
        for (i, f) in self.features.iter().enumerate() {
            let at = |what: &str| format!("features[{i}] ({}).{what}", f.name);
            if !(f.mean.is_finite() && f.mean.abs() <= 1e15) {
                return Err(invalid(at("mean"), "must be a finite number within ±1e15"));
            }
            if !(f.scale.is_finite() && (1e-9..=1e15).contains(&f.scale)) {
                return Err(invalid(
                    at("scale"),
                    "must be a finite number within 1e-9–1e15",
                ));
            }
            if !(f.coefficient.is_finite() && f.coefficient.abs() <= MAX_WEIGHT) {
                return Err(invalid(
                    at("coefficient"),
                    "must be a finite number within ±10000",
                ));
            }
            if self.features[..i].iter().any(|g| g.name == f.name) {
                return Err(invalid(at("name"), "appears twice"));
            }
            if self.kind == ModelKind::Members && !MEMBER_FEATURES.contains(&f.name.as_str()) {
                return Err(invalid(at("name"), features::UNKNOWN_FEATURE));
            }
        }
        Ok(())
    }

    /// model.json, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into())
    }

    /// Risk, band and explanation for one member. A table model (which the CLI and the WASM façade
    /// refuse to hand the engine) falls back to the scorecard rather than guess.
    pub fn score(&self, m: &Member, f: &Facts, signals: &[Signal], policy: &Policy) -> Scored {
        if self.kind != ModelKind::Members {
            return risk::score(m, f, signals, policy);
        }
        let x = features::member_features(m, f, policy);
        let mut logit = self.intercept;
        let mut lines: Vec<Contribution> = Vec::with_capacity(self.features.len());
        for feat in &self.features {
            let Some(j) = MEMBER_FEATURES.iter().position(|n| *n == feat.name) else {
                continue;
            };
            let value = x[j];
            let points = feat.coefficient * (value - feat.mean) / feat.scale;
            logit += points;
            if points.abs() >= 0.005 {
                lines.push(Contribution {
                    factor: feat.name.clone(),
                    value: features::describe(&feat.name, value),
                    points: signals::round(points, 3),
                });
            }
        }
        crate::order::sort_by(&mut lines, |a, b| b.points.abs().total_cmp(&a.points.abs()));
        // the checks keep the logit finite; should a feature ever not be, the risk is still a number
        let risk = signals::round(sigmoid(logit), 3);
        let risk = if risk.is_nan() { 1.0 } else { risk };
        Scored {
            risk,
            band: risk::band(risk, policy),
            points: logit,
            explanation: lines,
        }
    }

    /// P(label = 1) for each row of a table, matching columns to features by name.
    pub fn predict_table(&self, t: &Table) -> Result<Vec<f64>, ModelError> {
        let cols: Vec<usize> = self
            .features
            .iter()
            .map(|f| {
                t.names
                    .iter()
                    .position(|n| *n == f.name)
                    .ok_or_else(|| ModelError::MissingColumn(f.name.clone()))
            })
            .collect::<Result<_, _>>()?;
        Ok(t.rows
            .iter()
            .map(|r| {
                let s: f64 = self
                    .features
                    .iter()
                    .zip(&cols)
                    .map(|(f, &j)| {
                        f.coefficient * (r.get(j).copied().unwrap_or(f.mean) - f.mean) / f.scale
                    })
                    .sum();
                sigmoid(self.intercept + s)
            })
            .collect())
    }
}

/// The logistic function σ(s) = 1 / (1 + e^(−s)).
pub fn sigmoid(s: f64) -> f64 {
    1.0 / (1.0 + (-s).exp())
}

/// One labelled snapshot as the engine sees it: its features, the scorecard's risk and its unpaid count — what
/// `restanse-train` fits on and compares against.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub features: Vec<f64>,
    pub scorecard: f64,
    pub unpaid: usize,
}

/// Validates and derives snapshot `index` of a history, naming the snapshot, member and field when its member
/// is not valid input.
pub fn see_snapshot(
    index: usize,
    s: &crate::history::Snapshot,
    policy: &Policy,
) -> Result<Seen, ModelError> {
    let checked = crate::validate::validate_member(s.member.clone(), s.as_of).map_err(
        |(field, reason, member)| ModelError::Snapshot {
            index,
            member,
            field: format!("member.{field}"),
            reason,
        },
    )?;
    let m = &checked.member;
    let f = crate::derive::derive(m, s.as_of, policy);
    let sig = signals::evaluate(m, &f, policy, None);
    Ok(Seen {
        features: features::member_features(m, &f, policy).to_vec(),
        scorecard: risk::score(m, &f, &sig, policy).risk,
        unpaid: f.unpaid.len(),
    })
}
