//! Visit models for latent members: **BG/NBD**, **MBG/NBD** and **Pareto/NBD**, fitted by maximum likelihood.
//!
//! # The idea
//!
//! A member who has stopped training does not tell the gym; they just stop coming. From each member's
//! visit history we keep three numbers, the *summary*:
//!
//! * `x`: the number of **repeat** visits (visits after the first) in the observation window,
//! * `t_x`: the time of the last visit, measured from the first (0 if `x = 0`),
//! * `T`: the time from the first visit to the end of the window (`as_of`).
//!
//! All three are in one time unit of the caller's choice (the engine uses weeks); every rate and the
//! log-likelihood are then in that unit too. The models share one story:
//!
//! 1. While "alive", a member visits as a Poisson process with rate λ; across members λ ~ Gamma(r, α)
//!    (shape r, rate α), so the mean rate is r/α visits per time unit.
//! 2. Members "die" (stop training for good) unobserved. The models differ only in *how*:
//!    * **BG/NBD** (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", *Marketing Science*
//!      24(2)): after each visit the member drops out with probability p; p ~ Beta(a, b).
//!      A member with no repeat visit cannot have dropped out, so P(alive | x = 0) = 1, which is wrong for
//!      a gym (someone who came once in March is not "surely still training").
//!    * **MBG/NBD** (Batislam, Denizel & Filiztekin 2007, *IJRM* 24): as BG/NBD, but a member may also drop
//!      out at time 0, right after the first visit. This fixes the x = 0 case.
//!    * **Pareto/NBD** (Schmittlein, Morrison & Colombo 1987, *Management Science* 33): the lifetime is
//!      exponential with rate μ, in continuous time; μ ~ Gamma(s, β).
//!
//! # The formulas
//!
//! With `1[x>0]` the indicator, the individual likelihoods are (BG/NBD, FHL eq. 6)
//!
//! ```text
//! L = B(a, b+x)/B(a, b) · Γ(r+x)α^r / Γ(r) · [ (α+T)^-(r+x) + 1[x>0] · a/(b+x−1) · (α+t_x)^-(r+x) ]
//! ```
//!
//! for MBG/NBD `B(a, b+x+1)/B(a, b) · Γ(r+x)α^r/Γ(r) · [ (α+T)^-(r+x) + a/(b+x) · (α+t_x)^-(r+x) ]`, and for
//! Pareto/NBD `Γ(r+x)α^r β^s / Γ(r) · [ (α+T)^-(r+x) (β+T)^-s + s/(r+s+x) · A₀ ]`, where A₀ needs the Gauss
//! hypergeometric ₂F₁ (Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model", eqs. 18–20).
//!
//! The probability that a member is still alive (FHL eq. 13):
//!
//! ```text
//! BG/NBD:   P(alive | x, t_x, T) = 1 / (1 + 1[x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
//! MBG/NBD:  P(alive | x, t_x, T) = 1 / (1 +          a/(b+x)   · ((α+T)/(α+t_x))^(r+x))
//! ```
//!
//! and for Pareto/NBD `1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)`. The expected number of visits in the
//! next t (FHL eq. 10 and its analogues) also needs ₂F₁. The probability of at least one visit in the next t is
//! `P(alive) · (1 − ((α+T)/(α+T+t))^(r+x))` for the two beta-geometric models (a member alive at T who does
//! not visit cannot drop out, and given alive λ ~ Gamma(r+x, α+T)), and `1 − P(N(t) = 0)` from Fader, Hardie &
//! Shang's conditional PMF (Hardie note 028, eq. 16) for Pareto/NBD.
//!
//! # Fitting
//!
//! [`fit`] maximises the summed log-likelihood over the *logarithms* of the four parameters (so they stay
//! positive), on data rescaled so that the largest T is 1 (as `lifetimes` does; it makes the fixed starting
//! points sensible whatever the time unit). Members with identical (x, t_x, T) are evaluated once, weighted.
//!
//! * BFGS with the **exact gradient** from each of three fixed starting points, to a gradient below 1e-9:
//!   for BG/NBD and MBG/NBD the analytic one (digamma terms), for Pareto/NBD forward-mode dual numbers through
//!   the likelihood, with ₂F₁ differentiated term by term (`pareto_grad.rs`). Both are checked against finite
//!   differences in the unit tests.
//! * Should BFGS stop short (its line search finding no descent while the gradient is not yet small), the best
//!   run is polished by a derivative-free Nelder–Mead simplex, restarted until it stops improving.
//!
//! There is no randomness (the same data always give the same fit). [`Convergence`] reports whether the best
//! run converged, how many starts reached the same optimum, and the gradient there. Data that
//! cannot identify the model (too few members, no repeat visits, no silence, invalid summaries) give a
//! [`FitError`], never a NaN; a fit that runs off to a parameter boundary is reported as not converged, and
//! [`fit_or_prior`] then falls back to the prior.
//!
//! On the CDNOW sample the fit reproduces FHL 2005 (r = 0.243, α = 4.414, a = 0.793, b = 2.426,
//! ln L = −9582.4) and `lifetimes` 0.11.3 for MBG/NBD and Pareto/NBD; see `tests/visits_cdnow.rs`.
//!
//! # Priors for gyms
//!
//! When a batch is too small to fit, [`fit_or_prior`] falls back to [`ModelKind::prior`], parameters for gym
//! members measured in **weeks**; see that function for the reasoning.

mod model;
mod optimize;
mod pareto_grad;
mod portfolio;
mod special;
mod summary_io;

pub(crate) use portfolio::fnv1a;
pub use portfolio::{fit_portfolio, PortfolioModel, ENGINE_FIT};
pub use summary_io::{fit_report, predict, read_summaries, FitReport, Prediction, SummaryError};

use model::{Beta4, Pareto4};
use optimize::{Point, Settings, DIM};
use serde::{Deserialize, Serialize};

/// One member's visit summary (the `lifetimes` format: frequency, recency, T).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Repeat visits x (visits after the first one).
    pub x: f64,
    /// Time of the last visit since the first, t_x (0 when x = 0).
    pub t_x: f64,
    /// Time since the first visit, T (the member's age in the window).
    pub t: f64,
}

impl Summary {
    pub fn new(x: f64, t_x: f64, t: f64) -> Self {
        Summary { x, t_x, t }
    }

    /// Why this summary cannot be used, if it cannot.
    pub fn check(&self) -> Result<(), String> {
        let Summary { x, t_x, t } = *self;
        if !(x.is_finite() && t_x.is_finite() && t.is_finite()) {
            return Err("x, t_x and T must be finite numbers".into());
        }
        if x < 0.0 || t_x < 0.0 || t < 0.0 {
            return Err(format!(
                "x, t_x and T must not be negative (x = {x}, t_x = {t_x}, T = {t})"
            ));
        }
        if t_x > t {
            return Err(format!(
                "the last visit t_x = {t_x} is after the end of the window T = {t}"
            ));
        }
        if x == 0.0 && t_x != 0.0 {
            return Err(format!(
                "t_x = {t_x} with no repeat visit (x = 0): t_x must be 0"
            ));
        }
        Ok(())
    }
}

/// Which model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ModelKind {
    /// BG/NBD, Fader, Hardie & Lee (2005).
    #[serde(rename = "bgnbd")]
    BgNbd,
    /// MBG/NBD, Batislam, Denizel & Filiztekin (2007).
    #[serde(rename = "mbgnbd")]
    MbgNbd,
    /// Pareto/NBD, Schmittlein, Morrison & Colombo (1987).
    #[serde(rename = "pareto")]
    ParetoNbd,
}

impl ModelKind {
    pub const ALL: [ModelKind; 3] = [ModelKind::BgNbd, ModelKind::MbgNbd, ModelKind::ParetoNbd];

    /// The short name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::BgNbd => "bgnbd",
            ModelKind::MbgNbd => "mbgnbd",
            ModelKind::ParetoNbd => "pareto",
        }
    }

    /// Default parameters for **gym members, time in weeks**, for batches too small to fit.
    ///
    /// Reasoning, stated so it can be argued with:
    ///
    /// * **Visit rate**, λ ~ Gamma(r = 2, α = 4/3): mean r/α = 1.5 visits a week (a regular member trains once
    ///   or twice a week), coefficient of variation 1/√r ≈ 0.71, so the middle 80 % of members train between
    ///   about 0.4 and 2.9 times a week. A shape of 2 keeps P(λ near 0) small: being a member means training.
    /// * **Dropout, BG/NBD and MBG/NBD**, p ~ Beta(a = 1, b = 199): mean p = 0.005 per visit. At 1.5 visits a
    ///   week that is about 78 visits a year, so 1 − 0.995⁷⁸ ≈ 32 % of members stop training within a year,
    ///   in line with the 30–50 % yearly attrition gyms report; a = 1 spreads the dropout propensity widely.
    /// * **Dropout, Pareto/NBD**, μ ~ Gamma(s = 1, β = 130): mean lifetime β/(s−1) is unbounded for s = 1, but
    ///   the mean rate is s/β ≈ 0.0077 a week, so for a typical member P(still training after a year) =
    ///   (β/(β+52))^s ≈ 71 %, matching the BG figure.
    ///
    /// A fit on the gym's own data replaces these as soon as there are enough members ([`fit_or_prior`]).
    pub fn prior(self) -> Params {
        match self {
            ModelKind::BgNbd => Params::BgNbd {
                r: 2.0,
                alpha: 4.0 / 3.0,
                a: 1.0,
                b: 199.0,
            },
            ModelKind::MbgNbd => Params::MbgNbd {
                r: 2.0,
                alpha: 4.0 / 3.0,
                a: 1.0,
                b: 199.0,
            },
            ModelKind::ParetoNbd => Params::ParetoNbd {
                r: 2.0,
                alpha: 4.0 / 3.0,
                s: 1.0,
                beta: 130.0,
            },
        }
    }
}

impl std::fmt::Display for ModelKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A model's parameters, tagged by model; serialised flat as `{"kind": "bgnbd", "r", "alpha", "a", "b"}` or
/// `{"kind": "pareto", "r", "alpha", "s", "beta"}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Params {
    #[serde(rename = "bgnbd")]
    BgNbd { r: f64, alpha: f64, a: f64, b: f64 },
    #[serde(rename = "mbgnbd")]
    MbgNbd { r: f64, alpha: f64, a: f64, b: f64 },
    #[serde(rename = "pareto")]
    ParetoNbd {
        r: f64,
        alpha: f64,
        s: f64,
        beta: f64,
    },
}

impl Params {
    pub fn kind(&self) -> ModelKind {
        match self {
            Params::BgNbd { .. } => ModelKind::BgNbd,
            Params::MbgNbd { .. } => ModelKind::MbgNbd,
            Params::ParetoNbd { .. } => ModelKind::ParetoNbd,
        }
    }

    /// The four numbers in the papers' order with their names: (r, α, a, b) or (r, α, s, β).
    pub fn named(&self) -> [(&'static str, f64); 4] {
        match *self {
            Params::BgNbd { r, alpha, a, b } | Params::MbgNbd { r, alpha, a, b } => {
                [("r", r), ("alpha", alpha), ("a", a), ("b", b)]
            }
            Params::ParetoNbd { r, alpha, s, beta } => {
                [("r", r), ("alpha", alpha), ("s", s), ("beta", beta)]
            }
        }
    }

    fn from_array(kind: ModelKind, v: [f64; 4]) -> Params {
        let [p0, p1, p2, p3] = v;
        match kind {
            ModelKind::BgNbd => Params::BgNbd {
                r: p0,
                alpha: p1,
                a: p2,
                b: p3,
            },
            ModelKind::MbgNbd => Params::MbgNbd {
                r: p0,
                alpha: p1,
                a: p2,
                b: p3,
            },
            ModelKind::ParetoNbd => Params::ParetoNbd {
                r: p0,
                alpha: p1,
                s: p2,
                beta: p3,
            },
        }
    }

    fn to_array(self) -> [f64; 4] {
        let n = self.named();
        [n[0].1, n[1].1, n[2].1, n[3].1]
    }

    /// Same model with the time unit stretched by `c` (new time = c · old time): rates α, β scale by c.
    fn rescaled(self, c: f64) -> Params {
        let mut v = self.to_array();
        v[1] *= c;
        if let Params::ParetoNbd { .. } = self {
            v[3] *= c;
        }
        Params::from_array(self.kind(), v)
    }

    fn valid(&self) -> bool {
        self.to_array().iter().all(|v| v.is_finite() && *v > 0.0)
    }

    /// The parameters as one of the two families the formulas are written for: the beta-geometric models
    /// (BG/NBD, and MBG/NBD with `modified`) and Pareto/NBD. Every prediction dispatches through this one match.
    fn family(&self) -> Family {
        match *self {
            Params::BgNbd { r, alpha, a, b } => Family::Beta(Beta4 { r, alpha, a, b }, false),
            Params::MbgNbd { r, alpha, a, b } => Family::Beta(Beta4 { r, alpha, a, b }, true),
            Params::ParetoNbd { r, alpha, s, beta } => {
                Family::Pareto(Pareto4 { r, alpha, s, beta })
            }
        }
    }

    /// Individual log-likelihood of one summary (in the data's own time units).
    pub fn log_likelihood_one(&self, s: &Summary) -> f64 {
        match self.family() {
            Family::Beta(p, false) => {
                model::bg_ll(&p, model::bg_x_terms(&p, s.x, false), s.x, s.t_x, s.t)
            }
            Family::Beta(p, true) => {
                model::mbg_ll(&p, model::bg_x_terms(&p, s.x, true), s.x, s.t_x, s.t)
            }
            Family::Pareto(p) => {
                model::pareto_ll(&p, model::pareto_x_terms(&p, s.x), s.x, s.t_x, s.t)
            }
        }
    }

    /// Summed log-likelihood of a data set (in the data's own time units).
    pub fn log_likelihood(&self, data: &[Summary]) -> f64 {
        -Prepared::new(data).neg_ll(*self)
    }

    /// P(alive | x, t_x, T), in [0, 1].
    pub fn p_alive(&self, s: &Summary) -> f64 {
        finite_probability(match self.family() {
            Family::Beta(p, modified) => {
                model::logistic_of_neg(model::beta_dead_log_odds(&p, s.x, s.t_x, s.t, modified))
            }
            Family::Pareto(p) => model::pareto_p_alive(&p, s.x, s.t_x, s.t),
        })
    }

    /// Expected number of visits in the next `t` time units, E[Y(t) | x, t_x, T]; 0 for t ≤ 0.
    ///
    /// The closed forms subtract two nearly equal numbers when `t` is short against α + T, and lose digits to it;
    /// since E\[N\] ≥ P(N ≥ 1) always, and [`Params::p_any_visit`] is computed without that cancellation, it is the
    /// floor of the result.
    pub fn expected_visits(&self, s: &Summary, t: f64) -> f64 {
        let v = match self.family() {
            Family::Beta(p, modified) => model::beta_expected(&p, s.x, s.t_x, s.t, t, modified),
            Family::Pareto(p) => model::pareto_expected(&p, s.x, s.t_x, s.t, t),
        };
        let floor = self.p_any_visit(s, t);
        if v.is_finite() {
            v.max(floor)
        } else {
            floor
        }
    }

    /// P(at least one visit in the next `t` time units | x, t_x, T), in [0, 1]; 0 for t ≤ 0.
    pub fn p_any_visit(&self, s: &Summary, t: f64) -> f64 {
        finite_probability(match self.family() {
            Family::Beta(p, modified) => model::beta_p_any(&p, s.x, s.t_x, s.t, t, modified),
            Family::Pareto(p) => model::pareto_p_any(&p, s.x, s.t_x, s.t, t),
        })
    }
}

/// A model's parameters in the shape its formulas take ([`Params::family`]).
enum Family {
    /// BG/NBD (`false`) or MBG/NBD (`true`).
    Beta(Beta4, bool),
    Pareto(Pareto4),
}

/// Probabilities that came out NaN (only possible far outside any fitted region) are reported as 0.5, "no idea".
fn finite_probability(v: f64) -> f64 {
    if v.is_nan() {
        0.5
    } else {
        v.clamp(0.0, 1.0)
    }
}

/// Options for [`fit`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FitOptions {
    /// Fewest members [`fit`] accepts (never fewer than 4, the number of parameters).
    pub min_customers: usize,
    /// Iteration budget of each optimiser run (BFGS or Nelder–Mead).
    pub max_iterations: usize,
    /// Tolerance on the mean negative log-likelihood per member across the simplex.
    pub tolerance: f64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            min_customers: 10,
            max_iterations: 4000,
            tolerance: 1e-11,
        }
    }
}

/// Why a fit was refused or failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("too few members to fit a visit model: {found}, need at least {needed}")]
    TooFewCustomers { found: usize, needed: usize },
    #[error("no member has a repeat visit, so the visit rate and the dropout cannot be told apart; use the prior")]
    NoRepeatVisits,
    #[error("every member's last visit is at the end of the window (t_x = T), so dropout cannot be estimated; use the prior")]
    NoSilence,
    #[error("member {index}: {reason}")]
    InvalidSummary { index: usize, reason: String },
    #[error("the likelihood could not be evaluated at any starting point; the data cannot support a {kind} fit")]
    NoFiniteLikelihood { kind: ModelKind },
}

/// One start of the multi-start search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartReport {
    /// Starting parameters, in the rescaled time unit (largest T = 1).
    pub start: [f64; 4],
    /// Log-likelihood reached (data units); −∞ is reported as `null`.
    pub log_likelihood: Option<f64>,
    pub iterations: usize,
    pub evaluations: usize,
    pub converged: bool,
}

/// How the optimisation went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Convergence {
    /// The best run stopped on tolerance, the gradient there is small, and at least two starts agree.
    pub converged: bool,
    /// Index into `starts` of the run whose parameters were kept.
    pub best_start: usize,
    /// Starts whose coarse optimum ended within 0.05 in ln L of the polished best (the same optimum).
    pub starts_agreeing: usize,
    /// Largest |∂ ln L / ∂ ln θ| per member at the optimum (should be ≈ 0); `None` when the likelihood is not
    /// finite right next to the optimum (a parameter at the edge of what can be evaluated).
    pub gradient_max: Option<f64>,
    pub starts: Vec<StartReport>,
    pub message: String,
}

/// A fitted model: parameters, log-likelihood (in the data's time units) and the convergence report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fitted {
    #[serde(flatten)]
    pub params: Params,
    pub log_likelihood: f64,
    pub customers: usize,
    pub convergence: Convergence,
}

impl Fitted {
    pub fn kind(&self) -> ModelKind {
        self.params.kind()
    }
    pub fn p_alive(&self, s: &Summary) -> f64 {
        self.params.p_alive(s)
    }
    pub fn expected_visits(&self, s: &Summary, t: f64) -> f64 {
        self.params.expected_visits(s, t)
    }
    pub fn p_any_visit(&self, s: &Summary, t: f64) -> f64 {
        self.params.p_any_visit(s, t)
    }
}

/// What [`fit_or_prior`] used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "source")]
pub enum Estimate {
    /// Fitted on the batch.
    #[serde(rename = "fitted")]
    Fitted(Fitted),
    /// The documented prior ([`ModelKind::prior`]), with the reason the batch was not fitted.
    #[serde(rename = "prior")]
    Prior { params: Params, reason: String },
}

impl Estimate {
    pub fn params(&self) -> &Params {
        match self {
            Estimate::Fitted(f) => &f.params,
            Estimate::Prior { params, .. } => params,
        }
    }
    pub fn is_prior(&self) -> bool {
        matches!(self, Estimate::Prior { .. })
    }
    pub fn p_alive(&self, s: &Summary) -> f64 {
        self.params().p_alive(s)
    }
    pub fn expected_visits(&self, s: &Summary, t: f64) -> f64 {
        self.params().expected_visits(s, t)
    }
    pub fn p_any_visit(&self, s: &Summary, t: f64) -> f64 {
        self.params().p_any_visit(s, t)
    }
}

/// Fits on `data` when it has at least `min_customers` members and supports a converged fit; otherwise
/// returns the prior for gym members in weeks, saying why. Invalid summaries are still an error.
pub fn fit_or_prior(
    kind: ModelKind,
    data: &[Summary],
    min_customers: usize,
) -> Result<Estimate, FitError> {
    let options = FitOptions {
        min_customers,
        ..FitOptions::default()
    };
    fit_or_prior_with(kind, data, &options)
}

/// [`fit_or_prior`] with every fit option given (the iteration budget, for one).
pub fn fit_or_prior_with(
    kind: ModelKind,
    data: &[Summary],
    options: &FitOptions,
) -> Result<Estimate, FitError> {
    check_all(data)?;
    match fit(kind, data, options) {
        Ok(f) if f.convergence.converged => Ok(Estimate::Fitted(f)),
        Ok(f) => Ok(Estimate::Prior {
            params: kind.prior(),
            reason: format!("the fit did not converge: {}", f.convergence.message),
        }),
        Err(e @ FitError::InvalidSummary { .. }) => Err(e),
        Err(e) => Ok(Estimate::Prior {
            params: kind.prior(),
            reason: e.to_string(),
        }),
    }
}

fn check_all(data: &[Summary]) -> Result<(), FitError> {
    for (index, s) in data.iter().enumerate() {
        s.check()
            .map_err(|reason| FitError::InvalidSummary { index, reason })?;
    }
    Ok(())
}

/// Data grouped for fast likelihood evaluation: the ln Γ terms depend on x only, so they are computed once
/// per distinct x rather than once per member.
struct Prepared {
    /// Distinct x values.
    xs: Vec<f64>,
    /// (index into xs, t_x, T, number of members with this history).
    rows: Vec<(usize, f64, f64, f64)>,
    /// Distinct time values (t_x and T together), so ln(α + t) is taken once per value per evaluation.
    times: Vec<f64>,
    /// Per row: (index of t_x, index of T) into `times`.
    time_idx: Vec<(usize, usize)>,
    /// Distinct (x index, time index) pairs among (x, t_x) and (x, T): Pareto/NBD's ₂F₁ depends on x and one
    /// time only, so it is summed once per pair (CDNOW: ~1,050 pairs for 2,032 row-times).
    pairs: Vec<(usize, usize)>,
    /// Per row: (index of (x, t_x), index of (x, T)) into `pairs`.
    pair_idx: Vec<(usize, usize)>,
}

impl Prepared {
    fn new(data: &[Summary]) -> Prepared {
        let mut xs: Vec<f64> = data.iter().map(|s| s.x).collect();
        crate::order::sort_by(&mut xs, f64::total_cmp);
        xs.dedup();
        // identical (x, t_x, T) histories are evaluated once and weighted (CDNOW: 2,357 members, ~1,000 rows)
        let mut sorted: Vec<Summary> = data.to_vec();
        crate::order::sort_by(&mut sorted, |a, b| {
            a.x.total_cmp(&b.x)
                .then(a.t_x.total_cmp(&b.t_x))
                .then(a.t.total_cmp(&b.t))
        });
        let mut rows: Vec<(usize, f64, f64, f64)> = Vec::with_capacity(sorted.len());
        for s in &sorted {
            let i = xs.binary_search_by(|v| v.total_cmp(&s.x)).unwrap_or(0);
            match rows.last_mut() {
                Some(last) if last.0 == i && last.1 == s.t_x && last.2 == s.t => last.3 += 1.0,
                _ => rows.push((i, s.t_x, s.t, 1.0)),
            }
        }
        let mut times: Vec<f64> = rows.iter().flat_map(|r| [r.1, r.2]).collect();
        crate::order::sort_by(&mut times, f64::total_cmp);
        times.dedup();
        let find = |v: f64| times.binary_search_by(|u| u.total_cmp(&v)).unwrap_or(0);
        let time_idx: Vec<(usize, usize)> = rows.iter().map(|r| (find(r.1), find(r.2))).collect();
        let mut pairs: Vec<(usize, usize)> = rows
            .iter()
            .zip(&time_idx)
            .flat_map(|(r, &(k_tx, k_t))| [(r.0, k_tx), (r.0, k_t)])
            .collect();
        crate::order::sort(&mut pairs);
        pairs.dedup();
        let find_pair = |p: (usize, usize)| pairs.binary_search(&p).unwrap_or(0);
        let pair_idx = rows
            .iter()
            .zip(&time_idx)
            .map(|(r, &(k_tx, k_t))| (find_pair((r.0, k_tx)), find_pair((r.0, k_t))))
            .collect();
        Prepared {
            xs,
            rows,
            times,
            time_idx,
            pairs,
            pair_idx,
        }
    }

    fn scaled(data: &[Summary], c: f64) -> Prepared {
        let scaled: Vec<Summary> = data
            .iter()
            .map(|s| Summary {
                x: s.x,
                t_x: s.t_x * c,
                t: s.t * c,
            })
            .collect();
        Prepared::new(&scaled)
    }

    /// −Σ ln Lᵢ and its gradient with respect to (ln r, ln α, ln a, ln b), for BG/NBD and MBG/NBD.
    ///
    /// With w the posterior weight of "dropped out" (the softmax weight of the A₄ term), per row:
    /// ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w ln(α+t_x) (BG), ∂/∂α = r/α − (r+x)[(1−w)/(α+T) + w/(α+t_x)],
    /// ∂/∂a = ψ(a+b) − ψ(a+b+x) + w/a, ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w/(b+x−1); MBG/NBD likewise
    /// with x+1 in the beta-function terms and the A₃ term always present. Chain rule: ∂/∂ln θ = θ ∂/∂θ.
    fn beta_neg_ll_grad(&self, modified: bool, theta: &Point) -> (f64, Point) {
        let [r, alpha, a, b] = theta.map(f64::exp);
        let bad = (f64::INFINITY, [0.0; DIM]);
        if ![r, alpha, a, b].iter().all(|v| v.is_finite() && *v > 0.0) {
            return bad;
        }
        let q = Beta4 { r, alpha, a, b };
        let ln_time: Vec<f64> = self.times.iter().map(|t| (alpha + t).ln()).collect();
        let inv_time: Vec<f64> = self.times.iter().map(|t| 1.0 / (alpha + t)).collect();
        let (ln_a, ln_alpha) = (a.ln(), alpha.ln());
        let shift = if modified { 0.0 } else { -1.0 };
        let bshift = if modified { 1.0 } else { 0.0 };
        let (psi_r, psi_ab, psi_b) = (
            special::digamma(r),
            special::digamma(a + b),
            special::digamma(b),
        );
        // per distinct x: the x-only terms and their partial derivatives
        let per_x: Vec<(f64, f64, f64, f64, f64)> = self
            .xs
            .iter()
            .map(|&x| {
                let d_r = special::digamma(r + x) - psi_r + ln_alpha;
                let psi_abx = special::digamma(a + b + x + bshift);
                let d_a = psi_ab - psi_abx;
                let d_b = psi_ab + special::digamma(b + x + bshift) - psi_b - psi_abx;
                (
                    model::bg_x_terms(&q, x, modified),
                    d_r,
                    d_a,
                    d_b,
                    (b + x + shift).ln(),
                )
            })
            .collect();
        let (mut total, mut gr, mut gal, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (&(i, _, _, w), &(k_tx, k_t)) in self.rows.iter().zip(&self.time_idx) {
            let x = self.xs[i];
            let (x_terms, d_r, d_a, d_b, ln_den) = per_x[i];
            let rx = r + x;
            let (lt, ltx, it, itx) = (ln_time[k_t], ln_time[k_tx], inv_time[k_t], inv_time[k_tx]);
            let (ll, r_part, al_part, dead) = if modified {
                let a4 = ln_a - ln_den + rx * (lt - ltx);
                let (softplus, sig) = special::log_add_exp_weight(a4, 0.0); // sig = 1 / (1 + e^-a4)
                let ll = -rx * lt + softplus;
                (
                    ll,
                    -lt + sig * (lt - ltx),
                    -rx * it + sig * rx * (it - itx),
                    sig,
                )
            } else if x > 0.0 {
                let a3 = -rx * lt;
                let a4 = ln_a - ln_den - rx * ltx;
                let (ll, dead) = special::log_add_exp_weight(a4, a3); // dead = weight of a4
                (
                    ll,
                    -(1.0 - dead) * lt - dead * ltx,
                    -rx * ((1.0 - dead) * it + dead * itx),
                    dead,
                )
            } else {
                (-rx * lt, -lt, -rx * it, 0.0)
            };
            total += w * (x_terms + ll);
            gr += w * (d_r + r_part);
            gal += w * (r / alpha + al_part);
            let (dead_a, dead_b) = if dead > 0.0 {
                (dead / a, dead / (b + x + shift))
            } else {
                (0.0, 0.0) // BG/NBD with x = 0: no dropout term (and b + x − 1 may be 0)
            };
            ga += w * (d_a + dead_a);
            gb += w * (d_b - dead_b);
        }
        if !total.is_finite() {
            return bad;
        }
        (-total, [-gr * r, -gal * alpha, -ga * a, -gb * b])
    }

    /// −Σ ln Lᵢ; +∞ for invalid parameters.
    fn neg_ll(&self, p: Params) -> f64 {
        if !p.valid() {
            return f64::INFINITY;
        }
        let mut x_terms = vec![0.0; self.xs.len()];
        let mut total = 0.0;
        match p {
            Params::BgNbd { r, alpha, a, b } | Params::MbgNbd { r, alpha, a, b } => {
                let q = Beta4 { r, alpha, a, b };
                let modified = matches!(p, Params::MbgNbd { .. });
                for (slot, &x) in x_terms.iter_mut().zip(&self.xs) {
                    *slot = model::bg_x_terms(&q, x, modified);
                }
                // the same sums as model::bg_ll / model::mbg_ll, with every logarithm taken once per
                // distinct value: per row only one exp and one ln_1p remain
                let ln_time: Vec<f64> = self.times.iter().map(|t| (alpha + t).ln()).collect();
                let ln_a = a.ln();
                let shift = if modified { 0.0 } else { -1.0 };
                let ln_den: Vec<f64> = self.xs.iter().map(|x| (b + x + shift).ln()).collect();
                for (&(i, _, _, w), &(k_tx, k_t)) in self.rows.iter().zip(&self.time_idx) {
                    let x = self.xs[i];
                    let rx = r + x;
                    let a3 = -rx * ln_time[k_t];
                    let ll = if modified {
                        let a4 = ln_a - ln_den[i] + rx * (ln_time[k_t] - ln_time[k_tx]);
                        a3 + special::log_add_exp(a4, 0.0)
                    } else if x > 0.0 {
                        let a4 = ln_a - ln_den[i] - rx * ln_time[k_tx];
                        special::log_add_exp(a3, a4)
                    } else {
                        a3
                    };
                    total += w * (x_terms[i] + ll);
                }
            }
            Params::ParetoNbd { r, alpha, s, beta } => {
                let q = Pareto4 { r, alpha, s, beta };
                for (slot, &x) in x_terms.iter_mut().zip(&self.xs) {
                    *slot = model::pareto_x_terms(&q, x);
                }
                for &(i, t_x, t, w) in &self.rows {
                    total += w * model::pareto_ll(&q, x_terms[i], self.xs[i], t_x, t);
                }
            }
        }
        if total.is_nan() {
            f64::INFINITY
        } else {
            -total
        }
    }
}

const LOG_BOUND: f64 = 20.0;
/// BFGS stops when every component of the gradient of the mean log-likelihood (in log-parameters) is below this.
const BFGS_G_TOL: f64 = 1e-9;
/// Starts whose coarse optimum is within this much ln L of the polished best are counted as agreeing.
const AGREE_LL: f64 = 0.05;

/// Fixed starting points (rescaled time, largest T = 1): the neutral point and two far apart.
const STARTS: [[f64; 4]; 3] = [
    [1.0, 1.0, 1.0, 1.0],
    [0.3, 0.1, 0.5, 3.0],
    [3.0, 10.0, 2.0, 0.5],
];

/// Fits `kind` to `data` by maximum likelihood.
///
/// Errors: [`FitError::InvalidSummary`] for a bad row, [`FitError::TooFewCustomers`],
/// [`FitError::NoRepeatVisits`] and [`FitError::NoSilence`] when the data cannot identify the model, and
/// [`FitError::NoFiniteLikelihood`] when no start gives a finite likelihood. A fit that runs but does not
/// converge is returned with `convergence.converged == false` and the reason in its message.
pub fn fit(kind: ModelKind, data: &[Summary], options: &FitOptions) -> Result<Fitted, FitError> {
    check_all(data)?;
    let needed = options.min_customers.max(DIM);
    if data.len() < needed {
        return Err(FitError::TooFewCustomers {
            found: data.len(),
            needed,
        });
    }
    if data.iter().all(|s| s.x == 0.0) {
        return Err(FitError::NoRepeatVisits);
    }
    if data.iter().all(|s| s.t_x == s.t) {
        return Err(FitError::NoSilence);
    }
    let max_t = data.iter().map(|s| s.t).fold(0.0, f64::max);
    if max_t.is_nan() || max_t <= 0.0 {
        return Err(FitError::NoSilence);
    }
    let scale = 1.0 / max_t;
    let prepared = Prepared::scaled(data, scale);
    let n = data.len() as f64;
    let objective =
        |theta: &Point| prepared.neg_ll(Params::from_array(kind, theta.map(f64::exp))) / n;
    let settings = Settings {
        max_iterations: options.max_iterations,
        f_tol: options.tolerance,
        x_tol: 1e-7,
        step: 0.5,
    };

    // Stage 1: BFGS with the exact gradient (analytic for BG/NBD and MBG/NBD, forward-mode for Pareto/NBD)
    // from every fixed start, to the full tolerance.
    let fg = |theta: &Point| -> (f64, Point) {
        if theta.iter().any(|v| v.abs() > LOG_BOUND) {
            return (f64::INFINITY, [0.0; DIM]);
        }
        let (f, g) = match kind {
            ModelKind::ParetoNbd => prepared.pareto_neg_ll_grad(theta),
            _ => prepared.beta_neg_ll_grad(kind == ModelKind::MbgNbd, theta),
        };
        (f / n, g.map(|v| v / n))
    };
    let mut runs: Vec<([f64; 4], optimize::Run)> = STARTS
        .iter()
        .map(|start| {
            let run = optimize::bfgs(&fg, start.map(f64::ln), options.max_iterations, BFGS_G_TOL);
            (*start, run)
        })
        .collect();
    let best = runs
        .iter()
        .enumerate()
        .filter(|(_, (_, r))| r.f.is_finite())
        .min_by(|a, b| a.1 .1.f.total_cmp(&b.1 .1.f))
        .map(|(i, _)| i)
        .ok_or(FitError::NoFiniteLikelihood { kind })?;
    // Stage 2, only when BFGS stopped short (its line search found no descent before the gradient was small):
    // polish the best with a Nelder–Mead simplex, restarting it until it stops improving.
    let mut polished = runs[best].1;
    let rounds = if polished.converged { 0 } else { 6 };
    for round in 0..rounds {
        let step = if round == 0 { 0.05 } else { 0.01 };
        let again = optimize::nelder_mead(&objective, polished.x, &Settings { step, ..settings });
        let improved = polished.f - again.f;
        let (iterations, evaluations) = (
            polished.iterations + again.iterations,
            polished.evaluations + again.evaluations,
        );
        if again.f <= polished.f {
            polished = again;
        }
        polished.iterations = iterations;
        polished.evaluations = evaluations;
        polished.converged = again.converged;
        if round > 0 && (improved.is_nan() || improved <= options.tolerance) {
            break;
        }
    }
    runs[best].1 = polished;
    let best_run = polished;
    let params = Params::from_array(kind, best_run.x.map(f64::exp)).rescaled(1.0 / scale);
    let log_likelihood = params.log_likelihood(data);
    if !log_likelihood.is_finite() || !params.valid() {
        return Err(FitError::NoFiniteLikelihood { kind });
    }
    let starts_agreeing = runs
        .iter()
        .filter(|(_, r)| (r.f - best_run.f) * n <= AGREE_LL)
        .count();
    // the exact gradient at the optimum (it matches central differences: see the tests)
    let (f_at, g_at) = fg(&best_run.x);
    let gradient_max = g_at.iter().fold(0.0_f64, |m, g| m.max(g.abs()));
    let gradient_max = (f_at.is_finite() && gradient_max.is_finite()).then_some(gradient_max);
    let extreme = best_run.x.iter().any(|v| v.abs() > LOG_BOUND - 2.0);
    let converged = best_run.converged
        && gradient_max.is_some_and(|g| g < 1e-4)
        && starts_agreeing >= 2
        && !extreme;
    let message = if converged {
        format!(
            "converged: {starts_agreeing} of {} starts agree, max |gradient| {:.1e}",
            runs.len(),
            gradient_max.unwrap_or(f64::NAN)
        )
    } else if extreme {
        "a parameter ran off towards 0 or infinity: the data do not identify this model".to_string()
    } else if !best_run.converged {
        "the iteration budget ran out before the optimiser settled".to_string()
    } else if starts_agreeing < 2 {
        "the starts ended at different optima; the likelihood is multimodal or flat here"
            .to_string()
    } else {
        match gradient_max {
            Some(g) => format!("the gradient at the optimum is not small (max |gradient| {g:.1e})"),
            None => "the likelihood is not finite next to the optimum: a parameter is at the edge"
                .to_string(),
        }
    };
    let starts = runs
        .iter()
        .map(|(start, r)| StartReport {
            start: *start,
            // rescaling time changes ln L by a constant (Σx · ln scale), the same for every start
            log_likelihood: {
                let ll = log_likelihood - (r.f - best_run.f) * n;
                ll.is_finite().then_some(ll)
            },
            iterations: r.iterations,
            evaluations: r.evaluations,
            converged: r.converged,
        })
        .collect();
    Ok(Fitted {
        params,
        log_likelihood,
        customers: data.len(),
        convergence: Convergence {
            converged,
            best_start: best,
            starts_agreeing,
            gradient_max,
            starts,
            message,
        },
    })
}

/// P(alive) for many members, split over `threads` scoped threads (1 = on the calling thread). Pure: the
/// result does not depend on `threads`. On wasm32 (no threads in the browser without extra setup) it always
/// runs on the calling thread.
pub fn p_alive_many(params: &Params, data: &[Summary], threads: usize) -> Vec<f64> {
    let mut out = vec![0.0; data.len()];
    let threads = if cfg!(target_arch = "wasm32") {
        1
    } else {
        threads.max(1)
    };
    if threads == 1 || data.len() < 2 * threads {
        for (o, s) in out.iter_mut().zip(data) {
            *o = params.p_alive(s);
        }
        return out;
    }
    let chunk = data.len().div_ceil(threads);
    std::thread::scope(|scope| {
        for (o, d) in out.chunks_mut(chunk).zip(data.chunks(chunk)) {
            scope.spawn(move || {
                for (o, s) in o.iter_mut().zip(d) {
                    *o = params.p_alive(s);
                }
            });
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pareto_gradient_matches_finite_differences() {
        let data: Vec<Summary> = (0..60)
            .map(|i| {
                let t = 0.5 + (i % 7) as f64 * 0.07;
                let x = (i % 5) as f64;
                let t_x = if x > 0.0 {
                    t * (0.2 + (i % 4) as f64 * 0.3)
                } else {
                    0.0
                };
                Summary::new(x, t_x, t)
            })
            .collect();
        let p = Prepared::new(&data);
        // α < β and α > β take different branches of A₀; small and large |α − β| different ₂F₁ branches
        for theta in [
            [0.0, -1.0, 0.2, 0.5],
            [-1.2, 0.3, -0.7, -2.0],
            [1.1, 2.3, 0.7, -0.7],
            [-0.5, -1.3, 0.9, -1.25],
        ] {
            let (v, g) = p.pareto_neg_ll_grad(&theta);
            let plain = p.neg_ll(Params::from_array(
                ModelKind::ParetoNbd,
                theta.map(f64::exp),
            ));
            assert!((plain - v).abs() < 1e-9 * plain.abs(), "{plain} vs {v}");
            let f = |t: &Point| p.neg_ll(Params::from_array(ModelKind::ParetoNbd, t.map(f64::exp)));
            let num = optimize::gradient(&f, &theta);
            for j in 0..DIM {
                assert!(
                    (g[j] - num[j]).abs() < 1e-5 * (1.0 + num[j].abs()),
                    "theta {theta:?} j {j}: {} vs {}",
                    g[j],
                    num[j]
                );
            }
        }
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let data: Vec<Summary> = (0..60)
            .map(|i| {
                let t = 0.5 + (i % 7) as f64 * 0.07;
                let x = (i % 5) as f64;
                Summary::new(
                    x,
                    if x > 0.0 {
                        t * (0.2 + (i % 3) as f64 * 0.3)
                    } else {
                        0.0
                    },
                    t,
                )
            })
            .collect();
        let p = Prepared::new(&data);
        for modified in [false, true] {
            for theta in [[0.0; 4], [-1.2, -2.3, -0.7, 1.1], [1.1, 2.3, 0.7, -0.7]] {
                let (_, g) = p.beta_neg_ll_grad(modified, &theta);
                let f = |t: &Point| p.beta_neg_ll_grad(modified, t).0;
                let num = optimize::gradient(&f, &theta);
                for j in 0..DIM {
                    assert!(
                        (g[j] - num[j]).abs() < 1e-5 * (1.0 + num[j].abs()),
                        "modified {modified} theta {theta:?} j {j}: {} vs {}",
                        g[j],
                        num[j]
                    );
                }
                // and the value agrees with the plain likelihood
                let kind = if modified {
                    ModelKind::MbgNbd
                } else {
                    ModelKind::BgNbd
                };
                let plain = p.neg_ll(Params::from_array(kind, theta.map(f64::exp)));
                assert!((plain - f(&theta)).abs() < 1e-9 * plain.abs());
            }
        }
    }
}
