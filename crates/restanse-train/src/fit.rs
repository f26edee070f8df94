//! Fitting: standardise, fit an L2-penalised logistic regression with linfa-logistic, fix its polarity,
//! and choose the penalty by cross-validation.
//!
//! **The objective** is linfa's: minimise Σᵢ −log σ(yᵢ zᵢ) + α/2 ‖w‖², the intercept unpenalised. That is
//! scikit-learn's `LogisticRegression(C = 1/α)`, so `--l2 ALPHA` here and `C = 1/ALPHA` there fit the same
//! model (`benches/model_sklearn.py` checks it).
//!
//! **The solver** is linfa-logistic's L-BFGS, built from `vendor/linfa-logistic` (0.8.1 with a patch, see its
//! `PATCH.md`): it stops when the cost stops falling relative to its scale, as scikit-learn does, instead of
//! spending most of its evaluations on the last bits of the cost; and it computes cost and gradient in one pass.
//! That made the fit 2–4× faster, as fast as scikit-learn's (`BENCHMARKS.md`).
//!
//! **Polarity.** linfa-logistic 0.8.1 calls the *more common* class positive, so on a gym where 5 % default
//! it returns P(pays). [`fit`] reads `labels().pos` and, when the positive class is "no default", negates
//! the coefficients and the intercept, so the model always gives P(default) (`true`).
//!
//! **Cross-validation** is deterministic: fold *k* holds the rows whose index ≡ k (mod folds), every
//! candidate α is fitted on the other folds and scored by held-out log loss, and the smallest mean loss
//! wins (ties to the larger α, the simpler model). The scaling is learned on the training folds only.

use crate::FitError;
use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2, Axis, ShapeBuilder};
use restanse::model::{sigmoid, CvPoint};

/// The α grid cross-validation chooses from (α = 1/C).
pub const L2_GRID: [f64; 9] = [0.001, 0.01, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0];
/// The number of folds.
pub const FOLDS: usize = 5;

/// Centre and scale of each column, learned on training rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Scaling {
    pub mean: Vec<f64>,
    pub scale: Vec<f64>,
}

impl Scaling {
    /// The mean and (population) standard deviation of each column; a constant column gets scale 1.
    pub fn learn(x: &Array2<f64>) -> Scaling {
        let n = x.nrows().max(1) as f64;
        let mut mean = Vec::with_capacity(x.ncols());
        let mut scale = Vec::with_capacity(x.ncols());
        for col in x.axis_iter(Axis(1)) {
            let m = col.sum() / n;
            let var = col.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / n;
            let s = var.sqrt();
            mean.push(m);
            scale.push(if s > 1e-12 && s.is_finite() { s } else { 1.0 });
        }
        Scaling { mean, scale }
    }

    pub fn apply(&self, x: &Array2<f64>) -> Array2<f64> {
        let mut z = x.clone();
        for (j, mut col) in z.axis_iter_mut(Axis(1)).enumerate() {
            let (m, s) = (
                self.mean.get(j).copied().unwrap_or(0.0),
                self.scale.get(j).copied().unwrap_or(1.0),
            );
            col.mapv_inplace(|v| (v - m) / s);
        }
        z
    }
}

/// A fitted model on standardised features, giving P(`true`).
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub coefficients: Vec<f64>,
    pub intercept: f64,
}

impl Fitted {
    /// P(`true`) for each row of standardised features.
    pub fn predict(&self, z: &Array2<f64>) -> Vec<f64> {
        z.axis_iter(Axis(0))
            .map(|row| {
                let s: f64 = row
                    .iter()
                    .zip(&self.coefficients)
                    .map(|(a, b)| a * b)
                    .sum::<f64>()
                    + self.intercept;
                sigmoid(s)
            })
            .collect()
    }
}

fn check(x: &Array2<f64>, y: &[bool], names: &[String]) -> Result<(), FitError> {
    if x.nrows() != y.len() {
        return Err(FitError::Shape {
            rows: x.nrows(),
            labels: y.len(),
        });
    }
    for (row, r) in x.axis_iter(Axis(0)).enumerate() {
        for (j, &value) in r.iter().enumerate() {
            if !value.is_finite() {
                return Err(FitError::NotFinite {
                    row,
                    feature: names.get(j).cloned().unwrap_or_else(|| j.to_string()),
                    value,
                });
            }
        }
    }
    if y.iter().all(|&b| b) {
        return Err(FitError::OneClass("positives"));
    }
    if !y.iter().any(|&b| b) {
        return Err(FitError::OneClass("negatives"));
    }
    Ok(())
}

/// Fits P(`true`) on already standardised features `z` with penalty `l2` (α).
pub fn fit(z: &Array2<f64>, y: &[bool], l2: f64) -> Result<Fitted, FitError> {
    if !(l2.is_finite() && l2 >= 0.0) {
        return Err(FitError::BadPenalty(l2));
    }
    check(z, y, &[])?;
    let targets: Array1<bool> = y.iter().copied().collect();
    // column-major: linfa's gradient is Xᵀ·r, which then runs over contiguous columns instead of through a
    // packed matrix product; 1.5x faster fits on the sample gym's history (BENCHMARKS.md), same coefficients
    let mut columns = Array2::zeros(z.raw_dim().f());
    columns.assign(z);
    let data = Dataset::new(columns, targets);
    let fitted = LogisticRegression::default()
        .alpha(l2)
        .gradient_tolerance(1e-9)
        .max_iterations(2000)
        .fit(&data)
        .map_err(|e| FitError::Solver(e.to_string()))?;
    let coefficients: Vec<f64> = fitted.params().iter().copied().collect();
    let intercept = fitted.intercept();
    // linfa's positive class is the more common one: flip when that is "no default"
    Ok(if fitted.labels().pos.class {
        Fitted {
            coefficients,
            intercept,
        }
    } else {
        Fitted {
            coefficients: coefficients.iter().map(|c| -c).collect(),
            intercept: -intercept,
        }
    })
}

/// Mean held-out log loss, clipping probabilities at 1e-15.
pub fn log_loss(p: &[f64], y: &[bool]) -> f64 {
    let n = p.len().max(1) as f64;
    p.iter()
        .zip(y)
        .map(|(&p, &y)| {
            let p = p.clamp(1e-15, 1.0 - 1e-15);
            if y {
                -p.ln()
            } else {
                -(1.0 - p).ln()
            }
        })
        .sum::<f64>()
        / n
}

fn take_rows(x: &Array2<f64>, rows: &[usize]) -> Array2<f64> {
    x.select(Axis(0), rows)
}

/// Chooses α from `grid` by `folds`-fold cross-validation on raw (unscaled) features.
pub fn choose_l2(
    x: &Array2<f64>,
    y: &[bool],
    grid: &[f64],
    folds: usize,
) -> Result<(f64, Vec<CvPoint>), FitError> {
    check(x, y, &[])?;
    let folds = folds.clamp(2, y.len().max(2));
    let mut table = Vec::with_capacity(grid.len());
    for &l2 in grid {
        let mut loss = 0.0;
        let mut used = 0usize;
        for k in 0..folds {
            let (test, train): (Vec<usize>, Vec<usize>) =
                (0..y.len()).partition(|i| i % folds == k);
            let ytr: Vec<bool> = train.iter().map(|&i| y[i]).collect();
            if ytr.iter().all(|&b| b) || !ytr.iter().any(|&b| b) || test.is_empty() {
                continue;
            }
            let xtr = take_rows(x, &train);
            let scaling = Scaling::learn(&xtr);
            let model = fit(&scaling.apply(&xtr), &ytr, l2)?;
            let p = model.predict(&scaling.apply(&take_rows(x, &test)));
            let yte: Vec<bool> = test.iter().map(|&i| y[i]).collect();
            loss += log_loss(&p, &yte) * test.len() as f64;
            used += test.len();
        }
        table.push(CvPoint {
            l2,
            log_loss: loss / used.max(1) as f64,
        });
    }
    let best = table
        .iter()
        .fold(None::<&CvPoint>, |best, c| match best {
            Some(b) if b.log_loss < c.log_loss - 1e-12 => Some(b),
            _ => Some(c),
        })
        .map_or(1.0, |c| c.l2);
    Ok((best, table))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 200 rows, one feature; the rare outcome (15 %) comes with a high value of it.
    fn rare_high(rare: bool) -> (Array2<f64>, Vec<bool>) {
        let mut x = Array2::zeros((200, 1));
        let mut y = Vec::new();
        for i in 0..200 {
            let is_rare = i % 20 < 3;
            // overlapping classes so the fit stays finite
            x[[i, 0]] = if is_rare { 1.0 } else { 0.0 } + (i % 7) as f64 * 0.2;
            y.push(if rare { is_rare } else { !is_rare });
        }
        (x, y)
    }

    /// linfa-logistic takes the more common class as positive: with 15 % defaulters it would return
    /// P(pays). The fit must return P(`true`) whichever class is common.
    #[test]
    fn the_fit_gives_p_true_whichever_class_is_common() {
        for rare in [true, false] {
            let (x, y) = rare_high(rare);
            let s = Scaling::learn(&x);
            let m = fit(&s.apply(&x), &y, 0.01).unwrap();
            let p = m.predict(&s.apply(&x));
            let mean = p.iter().sum::<f64>() / p.len() as f64;
            let share = y.iter().filter(|&&b| b).count() as f64 / y.len() as f64;
            // an unpenalised-intercept logistic fit reproduces the base rate of `true`
            assert!(
                (mean - share).abs() < 0.01,
                "rare {rare}: mean {mean}, share {share}"
            );
            // and a high value means `true` when `true` is the rare class, `false` otherwise
            let c = m.coefficients[0];
            assert!(
                if rare { c > 0.5 } else { c < -0.5 },
                "rare {rare}: coefficient {c}"
            );
        }
    }

    #[test]
    fn cross_validation_is_deterministic_and_picks_from_the_grid() {
        let (x, y) = rare_high(true);
        let (a, table) = choose_l2(&x, &y, &L2_GRID, FOLDS).unwrap();
        assert_eq!(choose_l2(&x, &y, &L2_GRID, FOLDS).unwrap().0, a);
        assert!(L2_GRID.contains(&a));
        assert_eq!(table.len(), L2_GRID.len());
        assert!(table
            .iter()
            .all(|c| c.log_loss.is_finite() && c.log_loss > 0.0));
    }

    #[test]
    fn one_class_and_bad_penalty_are_refused() {
        let (x, _) = rare_high(true);
        assert!(matches!(
            fit(&x, &[false; 200], 1.0),
            Err(FitError::OneClass(_))
        ));
        let (x, y) = rare_high(true);
        assert!(matches!(
            fit(&x, &y, f64::NAN),
            Err(FitError::BadPenalty(_))
        ));
    }
}
