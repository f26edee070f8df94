//! The three models' individual log-likelihoods and conditional predictions, as plain functions of the
//! parameters and one customer's (x, t_x, T). Formulas follow the papers and Hardie's notes, in the forms
//! `lifetimes` 0.11.3 uses, so the numbers can be compared one for one.

use super::special::{hyp2f1, ln_beta, ln_gamma, log_add_exp};

/// BG/NBD (and MBG/NBD) parameters: λ ~ Gamma(r, α), dropout p ~ Beta(a, b).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Beta4 {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// Pareto/NBD parameters: λ ~ Gamma(r, α), μ ~ Gamma(s, β).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pareto4 {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
}

// ---------------------------------------------------------------- BG/NBD

/// The parts of ln L that depend on x only: ln Γ(r+x) − ln Γ(r) + r ln α and the beta-function part.
#[inline]
pub(crate) fn bg_x_terms(p: &Beta4, x: f64, modified: bool) -> f64 {
    let a1 = ln_gamma(p.r + x) - ln_gamma(p.r) + p.r * p.alpha.ln();
    let shift = if modified { 1.0 } else { 0.0 };
    let a2 = ln_gamma(p.a + p.b) + ln_gamma(p.b + x + shift)
        - ln_gamma(p.b)
        - ln_gamma(p.a + p.b + x + shift);
    a1 + a2
}

/// BG/NBD individual ln L given the x-only terms (FHL 2005, eq. 6).
#[inline]
pub(crate) fn bg_ll(p: &Beta4, x_terms: f64, x: f64, t_x: f64, t: f64) -> f64 {
    let a3 = -(p.r + x) * (p.alpha + t).ln();
    if x > 0.0 {
        let a4 = p.a.ln() - (p.b + x - 1.0).ln() - (p.r + x) * (p.alpha + t_x).ln();
        x_terms + log_add_exp(a3, a4)
    } else {
        x_terms + a3
    }
}

/// MBG/NBD individual ln L given the x-only terms (Batislam et al. 2007).
#[inline]
pub(crate) fn mbg_ll(p: &Beta4, x_terms: f64, x: f64, t_x: f64, t: f64) -> f64 {
    let a3 = -(p.r + x) * (p.alpha + t).ln();
    let a4 = p.a.ln() - (p.b + x).ln() + (p.r + x) * ((p.alpha + t).ln() - (p.alpha + t_x).ln());
    x_terms + a3 + log_add_exp(a4, 0.0)
}

/// ln of the odds of "dropped out" against "alive": P(alive) = 1 / (1 + e^odds).
#[inline]
pub(crate) fn beta_dead_log_odds(p: &Beta4, x: f64, t_x: f64, t: f64, modified: bool) -> f64 {
    if !modified && x <= 0.0 {
        return f64::NEG_INFINITY; // BG/NBD: nobody can drop out before a repeat visit
    }
    let denom = if modified { p.b + x } else { p.b + x - 1.0 };
    p.a.ln() - denom.ln() + (p.r + x) * ((p.alpha + t).ln() - (p.alpha + t_x).ln())
}

#[inline]
pub(crate) fn logistic_of_neg(log_odds: f64) -> f64 {
    if log_odds == f64::NEG_INFINITY {
        1.0
    } else if log_odds > 0.0 {
        let e = (-log_odds).exp();
        e / (1.0 + e)
    } else {
        1.0 / (1.0 + log_odds.exp())
    }
}

/// E[Y(t) | x, t_x, T] for BG/NBD (FHL 2005, eq. 10) and MBG/NBD (Batislam et al. 2007, eq. 14).
pub(crate) fn beta_expected(
    p: &Beta4,
    x: f64,
    t_x: f64,
    big_t: f64,
    t: f64,
    modified: bool,
) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let mut a = p.a;
    if (a - 1.0).abs() < 1e-9 {
        a = 1.0 + 1e-9; // the formula has a removable singularity at a = 1
    }
    let z = t / (p.alpha + big_t + t);
    let (hb, hc, first) = if modified {
        (p.b + x + 1.0, a + p.b + x, (a + p.b + x) / (a - 1.0))
    } else {
        (p.b + x, a + p.b + x - 1.0, (a + p.b + x - 1.0) / (a - 1.0))
    };
    let hyp = hyp2f1(p.r + x, hb, hc, z);
    let second = 1.0 - hyp * ((p.alpha + big_t) / (p.alpha + big_t + t)).powf(p.r + x);
    let p_alive = logistic_of_neg(beta_dead_log_odds(p, x, t_x, big_t, modified));
    first * second * p_alive
}

/// P(at least one visit in (T, T+t]) for BG/NBD and MBG/NBD. Dropout can only follow a visit, so a member
/// alive at T who makes no visit stays alive; given alive, λ ~ Gamma(r+x, α+T), hence
/// P(N ≥ 1) = P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)).
pub(crate) fn beta_p_any(p: &Beta4, x: f64, t_x: f64, big_t: f64, t: f64, modified: bool) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let p_alive = logistic_of_neg(beta_dead_log_odds(p, x, t_x, big_t, modified));
    let none = (-(p.r + x) * (t / (p.alpha + big_t)).ln_1p()).exp();
    p_alive * (1.0 - none)
}

// ---------------------------------------------------------------- Pareto/NBD

/// ln A₀ (Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model", eqs. 19–20).
pub(crate) fn pareto_log_a0(p: &Pareto4, x: f64, t_x: f64, big_t: f64) -> f64 {
    let (min_ab, max_ab, second) = if p.alpha < p.beta {
        (p.alpha, p.beta, p.r + x)
    } else {
        (p.beta, p.alpha, p.s + 1.0)
    };
    let diff = max_ab - min_ab;
    let rsx = p.r + p.s + x;
    let q1 = max_ab + t_x;
    let q2 = max_ab + big_t;
    let p1 = hyp2f1(rsx, second, rsx + 1.0, diff / q1);
    let p2 = hyp2f1(rsx, second, rsx + 1.0, diff / q2);
    let u = p1.ln() + rsx * q2.ln();
    let v = p2.ln() + rsx * q1.ln();
    // ln(e^u − e^v) − rsx ln(q1 q2); u ≥ v, with equality when t_x = T (then A₀ = 0)
    let gap = v - u;
    if gap >= 0.0 {
        return f64::NEG_INFINITY;
    }
    u + (-gap.exp()).ln_1p() - rsx * (q1.ln() + q2.ln())
}

/// The x-only part of the Pareto/NBD ln L: ln Γ(r+x) − ln Γ(r) + r ln α + s ln β.
#[inline]
pub(crate) fn pareto_x_terms(p: &Pareto4, x: f64) -> f64 {
    ln_gamma(p.r + x) - ln_gamma(p.r) + p.r * p.alpha.ln() + p.s * p.beta.ln()
}

/// Pareto/NBD individual ln L (Fader & Hardie 2005 note, eq. 18).
#[inline]
pub(crate) fn pareto_ll(p: &Pareto4, x_terms: f64, x: f64, t_x: f64, big_t: f64) -> f64 {
    let a0 = pareto_log_a0(p, x, t_x, big_t);
    let alive = -(p.r + x) * (p.alpha + big_t).ln() - p.s * (p.beta + big_t).ln();
    x_terms + log_add_exp(alive, p.s.ln() + a0 - (p.r + p.s + x).ln())
}

pub(crate) fn pareto_p_alive(p: &Pareto4, x: f64, t_x: f64, big_t: f64) -> f64 {
    let a0 = pareto_log_a0(p, x, t_x, big_t);
    let log_odds = p.s.ln() - (p.r + p.s + x).ln()
        + (p.r + x) * (p.alpha + big_t).ln()
        + p.s * (p.beta + big_t).ln()
        + a0;
    logistic_of_neg(log_odds)
}

/// E[Y(t) | x, t_x, T] for Pareto/NBD (the note's eq. 41).
pub(crate) fn pareto_expected(p: &Pareto4, x: f64, t_x: f64, big_t: f64, t: f64) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let ll = pareto_ll(p, pareto_x_terms(p, x), x, t_x, big_t);
    let first =
        pareto_x_terms(p, x) - (p.r + x) * (p.alpha + big_t).ln() - p.s * (p.beta + big_t).ln();
    let second = (p.r + x).ln() + (p.beta + big_t).ln() - (p.alpha + big_t).ln();
    // (1 − ((β+T)/(β+T+t))^(s−1)) / (s − 1), whose limit at s = 1 is ln((β+T+t)/(β+T))
    let u = (t / (p.beta + big_t)).ln_1p();
    let third = if (p.s - 1.0).abs() < 1e-10 {
        u
    } else {
        -(-(p.s - 1.0) * u).exp_m1() / (p.s - 1.0)
    };
    (first + second + third.ln() - ll).exp()
}

/// P(at least one visit in (T, T+t]) for Pareto/NBD: 1 − P(N = 0), with P(N = n) from Fader, Hardie & Shang's
/// conditional PMF (Hardie note 028, eq. 16), as `lifetimes` computes it.
pub(crate) fn pareto_p_any(p: &Pareto4, x: f64, t_x: f64, big_t: f64, t: f64) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let (min_ab, max_ab, q) = if p.alpha < p.beta {
        (p.alpha, p.beta, p.r + x)
    } else {
        (p.beta, p.alpha, p.s + 1.0)
    };
    let diff = max_ab - min_ab;
    let rsx = p.r + p.s + x;
    let ll = pareto_ll(p, pareto_x_terms(p, x), x, t_x, big_t);
    let base = p.r * p.alpha.ln() + p.s * p.beta.ln() - ln_gamma(p.r);
    let log_p_zero = ln_gamma(p.r + x) + base
        - (p.r + x) * (p.alpha + big_t).ln()
        - p.s * (p.beta + big_t).ln()
        - ll;
    let b1 = ln_gamma(p.r + x) + base
        - (p.r + x) * (p.alpha + big_t + t).ln()
        - p.s * (p.beta + big_t + t).ln();
    let b_common = base + ln_gamma(rsx) + ln_beta(p.r + x, p.s + 1.0) - ln_gamma(p.s);
    let b2 = b_common + hyp2f1(rsx, q, rsx + 1.0, diff / (max_ab + big_t)).ln()
        - rsx * (max_ab + big_t).ln();
    let b3 = b_common + hyp2f1(rsx, q, rsx + 1.0, diff / (max_ab + big_t + t)).ln()
        - rsx * (max_ab + big_t + t).ln();
    // P(N=0) = 1 − e^{log_p_zero} + e^{b1−ll} + e^{b2−ll} − e^{b3−ll}
    let p_any = log_p_zero.exp() - (b1 - ll).exp() - (b2 - ll).exp() + (b3 - ll).exp();
    p_any.clamp(0.0, 1.0)
}
