//! Special functions the visit models need: ln Γ, ln B and the Gauss hypergeometric ₂F₁.
//!
//! ln Γ comes from `libm` (a port of musl's, pure Rust, builds for wasm32). ₂F₁ is summed here as its power
//! series, which is all the models need: every call has 0 ≤ z < 1 and positive a, b, c.

/// ln Γ(x) for x > 0.
#[inline]
pub(crate) fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
#[inline]
pub(crate) fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// ln(eᵃ + eᵇ) without overflow.
#[inline]
pub(crate) fn log_add_exp(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY || hi.is_nan() || lo.is_nan() {
        return if hi.is_nan() || lo.is_nan() {
            f64::NAN
        } else {
            hi
        };
    }
    hi + (lo - hi).exp().ln_1p()
}

/// ln(eᵃ + eᵇ) and the weight eᵃ / (eᵃ + eᵇ), sharing one `exp` (a, b finite).
#[inline]
pub(crate) fn log_add_exp_weight(a: f64, b: f64) -> (f64, f64) {
    if a >= b {
        let e = (b - a).exp();
        (a + e.ln_1p(), 1.0 / (1.0 + e))
    } else {
        let e = (a - b).exp();
        (b + e.ln_1p(), e / (1.0 + e))
    }
}

/// Most terms summed before ₂F₁ gives up (reached only for z very close to 1).
const MAX_TERMS: usize = 20_000;

/// Gauss hypergeometric ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ for 0 ≤ z < 1 and a, b, c > 0.
///
/// Summed directly when c − a − b ≥ 0; otherwise through Euler's transformation
/// ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z), whose series has bounded terms near z = 1.
/// Returns NaN when the arguments are outside that domain or the series does not settle; callers turn NaN
/// into "this parameter point is infeasible" (during fitting) or a clamped, documented answer.
pub(crate) fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(0.0..1.0).contains(&z) || c.is_nan() || c <= 0.0 || !a.is_finite() || !b.is_finite() {
        return f64::NAN;
    }
    if z == 0.0 {
        return 1.0;
    }
    let d = c - a - b;
    if d < 0.0 {
        let inner = series(c - a, c - b, c, z);
        return inner * (d * (-z).ln_1p()).exp();
    }
    series(a, b, c, z)
}

fn series(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        term *= (a + nf) * (b + nf) / ((c + nf) * (nf + 1.0)) * z;
        sum += term;
        if term.abs() <= 1e-16 * sum.abs() {
            return sum;
        }
        if !sum.is_finite() {
            return f64::NAN;
        }
    }
    f64::NAN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyp2f1_closed_forms() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        for z in [0.01_f64, 0.3, 0.7, 0.95] {
            let want = -(-z).ln_1p() / z;
            assert!((hyp2f1(1.0, 1.0, 2.0, z) - want).abs() < 1e-12 * want);
        }
        // 2F1(a, b; b; z) = (1 - z)^-a, here with c - a - b < 0 (Euler branch)
        for z in [0.2_f64, 0.9] {
            let want = (1.0 - z).powf(-2.5);
            assert!((hyp2f1(2.5, 1.5, 1.5, z) - want).abs() < 1e-10 * want);
        }
        assert!(hyp2f1(1.0, 1.0, 2.0, 1.0).is_nan());
    }

    #[test]
    fn ln_gamma_values() {
        assert!((ln_gamma(5.0) - 24.0_f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
        assert!((ln_beta(2.0, 3.0) - (1.0_f64 / 12.0).ln()).abs() < 1e-12);
    }
}

/// Digamma ψ(x) = d ln Γ(x)/dx for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the asymptotic
/// series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ).
pub(crate) fn digamma(mut x: f64) -> f64 {
    let mut acc = 0.0;
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series = inv2
        * (1.0 / 12.0
            - inv2 * (1.0 / 120.0 - inv2 * (1.0 / 252.0 - inv2 * (1.0 / 240.0 - inv2 / 132.0))));
    acc + x.ln() - 0.5 * inv - series
}

#[cfg(test)]
mod digamma_tests {
    use super::*;

    #[test]
    fn digamma_values() {
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-13);
        assert!((digamma(0.5) + euler + 2.0 * 2.0_f64.ln()).abs() < 1e-13);
        // derivative of ln Γ by central difference
        for x in [0.3, 2.7, 15.0, 140.0] {
            let h = 1e-5;
            let d = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!((digamma(x) - d).abs() < 1e-7, "{x}");
        }
    }
}
