//! The batch's own visit model: fitted on the gym's members, or the documented prior when it cannot be.
//!
//! The engine assesses a whole portfolio at once, so it can fit a visit model on the members' own (x, t_x, T)
//! (weeks, holds cut out: `derive::visit_summary`) and read each member's P(alive) and expected visits from it.
//! Two guards keep that fast and honest:
//!
//! * **A deterministic subsample**: at most `sample` members with visits, chosen by a hash of the member id
//!   (FNV-1a), so the choice does not depend on the order of the batch, needs no randomness, and assessing
//!   100,000 members costs one fit on a few thousand.
//! * **A bounded fit**: [`ENGINE_FIT`] caps every optimiser run; a fit that does not converge, or a batch with
//!   fewer than `min_members` members with visits, falls back to [`ModelKind::prior`], and
//!   [`PortfolioModel::estimate`] says which and why.
//!
//! ```
//! use restanse::visits::{fit_portfolio, ModelKind, Summary};
//! // three members are far too few to fit: the prior is used, and says so
//! let members = [("a", Summary::new(3.0, 5.0, 9.0)), ("b", Summary::new(0.0, 0.0, 4.0)),
//!                ("c", Summary::new(8.0, 8.5, 9.0))];
//! let m = fit_portfolio(ModelKind::MbgNbd, &members, 2000, 100);
//! assert!(m.estimate.is_prior());
//! assert_eq!(m.fitted_on, 3);
//! ```

use super::{fit_or_prior_with, Estimate, FitOptions, ModelKind, Summary};

/// The iteration budget of each optimiser run inside the engine.
pub const ENGINE_FIT: FitOptions = FitOptions {
    min_customers: 10,
    max_iterations: 100,
    tolerance: 1e-11,
};

/// A batch's visit model and what it was fitted on.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioModel {
    pub estimate: Estimate,
    /// Members the fit was attempted on (the subsample).
    pub fitted_on: usize,
}

/// 64-bit FNV-1a of the member id: a fixed, platform-independent order for the subsample.
pub(crate) fn fnv1a(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Fits `kind` on at most `sample` of `members` (id, summary), or falls back to the prior.
pub fn fit_portfolio(
    kind: ModelKind,
    members: &[(&str, Summary)],
    sample: usize,
    min_members: usize,
) -> PortfolioModel {
    let mut chosen: Vec<(u64, &str, Summary)> =
        members.iter().map(|&(id, s)| (fnv1a(id), id, s)).collect();
    crate::order::sort_by(&mut chosen, |a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    chosen.truncate(sample);
    let data: Vec<Summary> = chosen.iter().map(|c| c.2).collect();
    let options = FitOptions {
        min_customers: min_members,
        ..ENGINE_FIT
    };
    let estimate = fit_or_prior_with(kind, &data, &options).unwrap_or_else(|e| Estimate::Prior {
        params: kind.prior(),
        reason: e.to_string(),
    });
    PortfolioModel {
        estimate,
        fitted_on: data.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsample_does_not_depend_on_order() {
        let ids: Vec<String> = (0..500).map(|i| format!("M{i:04}")).collect();
        let members: Vec<(&str, Summary)> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let x = (i % 9) as f64;
                let t = 20.0 + (i % 13) as f64;
                let t_x = if x > 0.0 {
                    t * (i % 5) as f64 / 5.0
                } else {
                    0.0
                };
                (id.as_str(), Summary::new(x, t_x, t))
            })
            .collect();
        let mut reversed = members.clone();
        reversed.reverse();
        let a = fit_portfolio(ModelKind::BgNbd, &members, 200, 50);
        let b = fit_portfolio(ModelKind::BgNbd, &reversed, 200, 50);
        assert_eq!(a, b);
        assert_eq!(a.fitted_on, 200);
        let too_few = fit_portfolio(ModelKind::BgNbd, &members, 200, 300);
        assert!(too_few.estimate.is_prior());
    }
}
