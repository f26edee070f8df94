//! Measuring how well a score separates two groups: ROC AUC.
//!
//! Used to choose the latent rule by evidence (the sample gym knows who truly stopped training) and to
//! compare risk models. AUC is the probability that a randomly chosen positive scores above a randomly
//! chosen negative, ties counting half; it is computed exactly from ranks (Mann–Whitney U), in
//! O(n log n).

/// ROC AUC of `scores` against `labels` (true = positive). `None` when either class is empty or a score
/// is not a number.
pub fn roc_auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    if scores.len() != labels.len() || scores.iter().any(|s| s.is_nan()) {
        return None;
    }
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_unstable_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let (mut rank_sum, mut pos) = (0.0f64, 0usize);
    let mut i = 0;
    while i < idx.len() {
        // a run of tied scores shares the average rank
        let mut j = i;
        while j + 1 < idx.len() && scores[idx[j + 1]] == scores[idx[i]] {
            j += 1;
        }
        let avg_rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            if labels[k] {
                rank_sum += avg_rank;
                pos += 1;
            }
        }
        i = j + 1;
    }
    let neg = scores.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_random_and_reversed() {
        assert_eq!(
            roc_auc(&[0.1, 0.2, 0.8, 0.9], &[false, false, true, true]),
            Some(1.0)
        );
        assert_eq!(
            roc_auc(&[0.9, 0.8, 0.2, 0.1], &[false, false, true, true]),
            Some(0.0)
        );
        assert_eq!(
            roc_auc(&[0.5, 0.5, 0.5, 0.5], &[false, true, false, true]),
            Some(0.5)
        );
        // one positive above two of three negatives: 2/3
        assert_eq!(
            roc_auc(&[0.1, 0.2, 0.9, 0.5], &[false, false, false, true]),
            Some(2.0 / 3.0)
        );
        assert_eq!(roc_auc(&[0.1, 0.2], &[true, true]), None);
    }
}
