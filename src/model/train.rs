//! Training (feature `train`): the history through the engine's own derivation into features, the time
//! split, the fit ([`super::fit`]) and the evaluation beside the scorecard and the unpaid count.

use super::eval;
use super::features::{self, MEMBER_FEATURES};
use super::fit::{self, Scaling};
use super::table::Table;
use super::{Evaluation, Feature, ModelError, ModelKind, RiskModel, TrainOptions, Training};
use super::{FORMAT, VERSION};
use crate::derive;
use crate::history::Snapshot;
use crate::policy::Policy;
use crate::risk;
use crate::signals;
use crate::validate;
use chrono::NaiveDate;
use ndarray::Array2;

fn to_matrix(rows: &[Vec<f64>], cols: usize) -> Array2<f64> {
    let mut x = Array2::zeros((rows.len(), cols));
    for (i, r) in rows.iter().enumerate() {
        for (j, v) in r.iter().take(cols).enumerate() {
            x[[i, j]] = *v;
        }
    }
    x
}

/// One snapshot seen by the engine: features, the scorecard's risk and the unpaid count.
struct Seen {
    features: Vec<f64>,
    scorecard: f64,
    unpaid: usize,
}

fn see(index: usize, s: &Snapshot, policy: &Policy) -> Result<Seen, ModelError> {
    let checked = validate::validate_member(s.member.clone(), s.as_of).map_err(
        |(field, reason, member)| ModelError::Snapshot {
            index,
            member,
            field: format!("member.{field}"),
            reason,
        },
    )?;
    let m = &checked.member;
    let f = derive::derive(m, s.as_of, policy);
    let sig = signals::evaluate(m, &f, policy, None);
    Ok(Seen {
        features: features::member_features(m, &f, policy).to_vec(),
        scorecard: risk::score(m, &f, &sig, policy).risk,
        unpaid: f.unpaid.len(),
    })
}

impl RiskModel {
    fn fitted(
        kind: ModelKind,
        predicts: &str,
        names: &[String],
        x: &Array2<f64>,
        y: &[bool],
        l2: Option<f64>,
    ) -> Result<RiskModel, ModelError> {
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
    pub fn train_table(t: &Table, l2: Option<f64>) -> Result<RiskModel, ModelError> {
        let y = t
            .labels
            .as_deref()
            .ok_or_else(|| ModelError::MissingColumn("label".into()))?;
        let x = to_matrix(&t.rows, t.names.len());
        RiskModel::fitted(ModelKind::Table, "P(label = 1)", &t.names, &x, y, l2)
    }

    /// Trains on a history: the earlier snapshots fit the model (α by cross-validation unless fixed),
    /// the later ones evaluate it beside the scorecard and the unpaid count. The model returned is the
    /// one evaluated, trained on the earlier window only.
    pub fn train_history(
        snaps: &[Snapshot],
        policy: &Policy,
        opts: &TrainOptions,
    ) -> Result<RiskModel, ModelError> {
        let mut days: Vec<NaiveDate> = snaps.iter().map(|s| s.as_of).collect();
        days.sort_unstable();
        days.dedup();
        let split = match opts.test_from {
            Some(d) => d,
            None => {
                if days.len() < 2 {
                    return Err(ModelError::NoSplit("the last quarter of the days".into()));
                }
                let k = (days.len() * 3).div_ceil(4).clamp(1, days.len() - 1);
                days[k]
            }
        };
        let seen: Vec<Seen> = snaps
            .iter()
            .enumerate()
            .map(|(i, s)| see(i, s, policy))
            .collect::<Result<_, _>>()?;
        let (train, test): (Vec<usize>, Vec<usize>) =
            (0..snaps.len()).partition(|&i| snaps[i].as_of < split);
        if train.is_empty() || test.is_empty() {
            return Err(ModelError::NoSplit(split.to_string()));
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
            return Err(ModelError::OneClassWindow(format!("before {split}")));
        }
        let names: Vec<String> = MEMBER_FEATURES.iter().map(|s| s.to_string()).collect();
        let mut model = RiskModel::fitted(
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
    pub fn history_table(snaps: &[Snapshot], policy: &Policy) -> Result<Table, ModelError> {
        let rows = snaps
            .iter()
            .enumerate()
            .map(|(i, s)| see(i, s, policy).map(|seen| seen.features))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Table {
            names: MEMBER_FEATURES.iter().map(|s| s.to_string()).collect(),
            rows,
            labels: Some(snaps.iter().map(|s| s.outcome).collect()),
        })
    }

    /// [`RiskModel::train_history`] from the text of a history file (what the WASM façade calls).
    pub fn train_history_json(
        json: &str,
        policy: &Policy,
        opts: &TrainOptions,
    ) -> Result<RiskModel, ModelError> {
        RiskModel::train_history(&crate::history::parse(json)?, policy, opts)
    }
}
