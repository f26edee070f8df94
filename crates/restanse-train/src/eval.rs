//! Honest evaluation: ROC AUC, Brier score and a calibration table on held-out (later) snapshots.
//!
//! * **ROC AUC** is the chance a random defaulter is ranked above a random payer (ties count half),
//!   computed from ranks (Mann–Whitney), so it needs no threshold. 0.5 is a coin, 1 is perfect.
//! * **Brier score** is the mean of (p − outcome)²: it punishes probabilities that are confidently wrong,
//!   so it checks calibration as well as ranking. Lower is better; always predicting the base rate r
//!   scores r(1 − r).
//! * **Calibration table**: the predictions cut into ten bins of width 0.1; in each, how many members, the
//!   mean predicted risk and the share that really defaulted. A calibrated model has the two close.

pub use restanse::model::metrics::{Bin, Metrics};

/// ROC AUC by ranks (Mann–Whitney U, exact, O(n log n)), ties sharing their mean rank: the one AUC of the
/// project, used to evaluate risk models and latent rules alike. `None` when either class is empty, the
/// lengths differ or a score is not a number: there is then nothing to rank.
pub fn auc(p: &[f64], y: &[bool]) -> Option<f64> {
    if p.len() != y.len() || p.iter().any(|s| s.is_nan()) {
        return None;
    }
    let pos = y.iter().filter(|&&b| b).count();
    let neg = y.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let mut idx: Vec<usize> = (0..p.len()).collect();
    idx.sort_unstable_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && p[idx[j + 1]] == p[idx[i]] {
            j += 1;
        }
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += (i..=j).filter(|&k| y[idx[k]]).count() as f64 * mean_rank;
        i = j + 1;
    }
    let (pos, neg) = (pos as f64, neg as f64);
    Some((rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg))
}

/// Mean squared error of the probabilities.
pub fn brier(p: &[f64], y: &[bool]) -> f64 {
    let n = p.len().max(1) as f64;
    p.iter()
        .zip(y)
        .map(|(&p, &y)| {
            let t = if y { 1.0 } else { 0.0 };
            (p - t) * (p - t)
        })
        .sum::<f64>()
        / n
}

/// Ten bins of width 0.1 (empty bins left out).
pub fn calibration(p: &[f64], y: &[bool]) -> Vec<Bin> {
    let mut bins = Vec::new();
    for b in 0..10 {
        let (from, to) = (b as f64 / 10.0, (b + 1) as f64 / 10.0);
        let inside: Vec<usize> = (0..p.len())
            .filter(|&i| {
                let k = ((p[i] * 10.0).floor() as i64).clamp(0, 9);
                k == b
            })
            .collect();
        if inside.is_empty() {
            continue;
        }
        let n = inside.len() as f64;
        bins.push(Bin {
            from,
            to,
            count: inside.len(),
            mean_predicted: inside.iter().map(|&i| p[i]).sum::<f64>() / n,
            observed_rate: inside.iter().filter(|&&i| y[i]).count() as f64 / n,
        });
    }
    bins
}

/// All three measures.
pub fn metrics(p: &[f64], y: &[bool]) -> Metrics {
    Metrics {
        // model.json records a coin (0.5) when the test window holds one outcome only
        auc: auc(p, y).unwrap_or(0.5),
        brier: brier(p, y),
        calibration: calibration(p, y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_by_hand() {
        // pairs (pos, neg): (0.8,0.1) win, (0.8,0.4) win, (0.35,0.1) win, (0.35,0.4) lose → 3/4
        assert_eq!(
            auc(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]).unwrap_or(0.0),
            0.75
        );
        // ties count half
        assert_eq!(auc(&[0.5, 0.5], &[false, true]), Some(0.5));
        assert_eq!(auc(&[0.1, 0.9], &[true, true]), None);
        assert_eq!(brier(&[1.0, 0.0, 0.5], &[true, false, true]), 0.25 / 3.0);
    }
}
