//! The Pareto/NBD log-likelihood **with its exact gradient**, so that it can be fitted by BFGS like BG/NBD.
//!
//! # How
//!
//! Forward-mode automatic differentiation: every quantity in the per-member log-likelihood (Fader & Hardie
//! 2005 note, eqs. 18–20) is carried as a [`Dual`], its value together with its four partial derivatives with
//! respect to (r, α, s, β). Only two things are not plain arithmetic:
//!
//! * ln Γ(r + x), whose derivative is the digamma ψ(r + x), tabulated once per distinct x;
//! * the Gauss hypergeometric ₂F₁(a, b; c; z), differentiated **term by term** in [`hyp2f1_grad`]: the n-th
//!   term tₙ = (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ has ∂ ln tₙ/∂a = Σₖ₍ₙ 1/(a+k) (likewise b, and −Σ 1/(c+k) for c) and
//!   ∂ ln tₙ/∂z = n/z, so the partial derivatives are summed alongside the series at the cost of three
//!   divisions per term. When Euler's transformation is used, the chain rule goes through the prefactor
//!   (1 − z)^(c−a−b) and the transformed arguments.
//!
//! ```text
//! ∂/∂ln θ = θ · ∂/∂θ      (the optimiser works on log-parameters)
//! ```
//!
//! The result is checked against central finite differences in the tests below and in `mod.rs`.

use super::optimize::{Point, DIM};
use super::special::{digamma, ln_gamma};
use super::Prepared;

/// A value with its partial derivatives with respect to (r, α, s, β).
#[derive(Debug, Clone, Copy)]
struct Dual {
    v: f64,
    d: [f64; DIM],
}

impl Dual {
    fn var(v: f64, slot: usize) -> Dual {
        let mut d = [0.0; DIM];
        if let Some(s) = d.get_mut(slot) {
            *s = 1.0;
        }
        Dual { v, d }
    }
    fn add(self, o: Dual) -> Dual {
        Dual {
            v: self.v + o.v,
            d: std::array::from_fn(|i| self.d[i] + o.d[i]),
        }
    }
    fn sub(self, o: Dual) -> Dual {
        Dual {
            v: self.v - o.v,
            d: std::array::from_fn(|i| self.d[i] - o.d[i]),
        }
    }
    fn mul(self, o: Dual) -> Dual {
        Dual {
            v: self.v * o.v,
            d: std::array::from_fn(|i| self.d[i] * o.v + self.v * o.d[i]),
        }
    }
    fn div(self, o: Dual) -> Dual {
        let q = self.v / o.v;
        Dual {
            v: q,
            d: std::array::from_fn(|i| (self.d[i] - q * o.d[i]) / o.v),
        }
    }
    fn neg(self) -> Dual {
        Dual {
            v: -self.v,
            d: self.d.map(|g| -g),
        }
    }
    fn add_f(self, c: f64) -> Dual {
        Dual {
            v: self.v + c,
            d: self.d,
        }
    }
    fn ln(self) -> Dual {
        let inv = 1.0 / self.v;
        Dual {
            v: self.v.ln(),
            d: self.d.map(|g| g * inv),
        }
    }
    /// A function of `self` with value `v` and derivative `slope`.
    fn chain(self, v: f64, slope: f64) -> Dual {
        Dual {
            v,
            d: self.d.map(|g| g * slope),
        }
    }
}

/// ₂F₁(a, b; c; z) and its partial derivatives (∂a, ∂b, ∂c, ∂z), for 0 ≤ z < 1 and a, b, c > 0, by the same
/// summation as [`super::special::hyp2f1`] (Euler's transformation when c − a − b < 0). `None` when the series
/// does not settle.
pub(crate) fn hyp2f1_grad(a: f64, b: f64, c: f64, z: f64) -> Option<(f64, [f64; 4])> {
    if !(0.0..1.0).contains(&z) || c.is_nan() || c <= 0.0 || !a.is_finite() || !b.is_finite() {
        return None;
    }
    if z == 0.0 {
        return Some((1.0, [0.0, 0.0, 0.0, a * b / c]));
    }
    let d = c - a - b;
    if d < 0.0 {
        // F = E · G(c−a, c−b; c; z) with E = (1 − z)^d
        let (g, [ga, gb, gc, gz]) = series_grad(c - a, c - b, c, z)?;
        let l = (-z).ln_1p();
        let e = (d * l).exp();
        let f = e * g;
        return Some((
            f,
            [
                -l * f - e * ga,
                -l * f - e * gb,
                l * f + e * (ga + gb + gc),
                -d / (1.0 - z) * f + e * gz,
            ],
        ));
    }
    series_grad(a, b, c, z)
}

const MAX_TERMS: usize = 20_000;

fn series_grad(a: f64, b: f64, c: f64, z: f64) -> Option<(f64, [f64; 4])> {
    let (mut term, mut sum) = (1.0_f64, 1.0_f64);
    let (mut la, mut lb, mut lc) = (0.0, 0.0, 0.0);
    let (mut da, mut db, mut dc, mut dz) = (0.0, 0.0, 0.0, 0.0);
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        let (an, bn, cn) = (a + nf, b + nf, c + nf);
        term *= an * bn / (cn * (nf + 1.0)) * z;
        la += 1.0 / an;
        lb += 1.0 / bn;
        lc += 1.0 / cn;
        sum += term;
        da += term * la;
        db += term * lb;
        dc -= term * lc;
        dz += term * (nf + 1.0);
        // the derivative sums carry at most a logarithmic and a linear factor more than the terms
        if term.abs() * (nf + 2.0 + la + lb) <= 1e-16 * sum.abs() {
            return Some((sum, [da, db, dc, dz / z]));
        }
        if !sum.is_finite() {
            return None;
        }
    }
    None
}

/// ln ₂F₁(a, b; a + 1; z) of dual arguments (the only form Pareto/NBD needs): `None` when not summable.
///
/// With c = a + 1 Euler's transformation gives ₂F₁ = (1 − z)^(1−b) Σₙ (p)ₙ/(q)ₙ zⁿ with p = a + 1 − b and
/// q = a + 1 (the (1)ₙ/n! cancels), so each term needs only two divisions for the value and the partials.
fn ln_hyp2f1_a1(a: Dual, b: Dual, z: Dual) -> Option<Dual> {
    let (f, fa, fb, fz) = if b.v > 1.0 {
        let (g, gp, gq, gz) = euler_series_grad(a.v + 1.0 - b.v, a.v + 1.0, z.v)?;
        // ln F = (1 − b) ln(1 − z) + ln G
        let l = (-z.v).ln_1p();
        let inv = 1.0 / g;
        let lnf = (1.0 - b.v) * l + g.ln();
        let (da, db, dz) = (
            (gp + gq) * inv,
            -l - gp * inv,
            (1.0 - b.v) / (z.v - 1.0) + gz * inv,
        );
        return Some(Dual {
            v: lnf,
            d: std::array::from_fn(|i| da * a.d[i] + db * b.d[i] + dz * z.d[i]),
        });
    } else {
        let (f, [fa, fb, fc, fz]) = hyp2f1_grad(a.v, b.v, a.v + 1.0, z.v)?;
        (f, fa + fc, fb, fz)
    };
    if !(f > 0.0 && f.is_finite()) {
        return None;
    }
    let inv = 1.0 / f;
    Some(Dual {
        v: f.ln(),
        d: std::array::from_fn(|i| (fa * a.d[i] + fb * b.d[i] + fz * z.d[i]) * inv),
    })
}

/// G = Σₙ (p)ₙ/(q)ₙ zⁿ with its partials (∂p, ∂q, ∂z), for 0 ≤ z < 1, 0 < p < q.
fn euler_series_grad(p: f64, q: f64, z: f64) -> Option<(f64, f64, f64, f64)> {
    if !((0.0..1.0).contains(&z) && p > 0.0 && q > 0.0 && p.is_finite() && q.is_finite()) {
        return None;
    }
    let (mut term, mut sum) = (1.0_f64, 1.0_f64);
    let (mut lp, mut lq) = (0.0, 0.0);
    let (mut dp, mut dq, mut dz) = (0.0, 0.0, 0.0);
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        let (ip, iq) = (1.0 / (p + nf), 1.0 / (q + nf));
        term *= (p + nf) * iq * z;
        lp += ip;
        lq += iq;
        sum += term;
        dp += term * lp;
        dq -= term * lq;
        dz += term * (nf + 1.0);
        if term * (nf + 2.0 + lp) <= 1e-16 * sum {
            let dz = if z > 0.0 { dz / z } else { p / q };
            return Some((sum, dp, dq, dz));
        }
    }
    None
}

impl Prepared {
    /// −Σ ln Lᵢ for Pareto/NBD and its gradient with respect to (ln r, ln α, ln s, ln β); (+∞, 0) where the
    /// likelihood cannot be evaluated.
    pub(super) fn pareto_neg_ll_grad(&self, theta: &Point) -> (f64, Point) {
        let bad = (f64::INFINITY, [0.0; DIM]);
        let [r, alpha, s, beta] = theta.map(f64::exp);
        if ![r, alpha, s, beta]
            .iter()
            .all(|v| v.is_finite() && *v > 0.0)
        {
            return bad;
        }
        let (rd, ad, sd, bd) = (
            Dual::var(r, 0),
            Dual::var(alpha, 1),
            Dual::var(s, 2),
            Dual::var(beta, 3),
        );
        // per distinct time: ln(α + t), ln(β + t); per distinct x: the x-only terms
        let ln_at: Vec<Dual> = self.times.iter().map(|&t| ad.add_f(t).ln()).collect();
        let ln_bt: Vec<Dual> = self.times.iter().map(|&t| bd.add_f(t).ln()).collect();
        let (ln_alpha, ln_beta, psi_r, lg_r) = (alpha.ln(), beta.ln(), digamma(r), ln_gamma(r));
        let x_terms: Vec<Dual> = self
            .xs
            .iter()
            .map(|&x| Dual {
                v: ln_gamma(r + x) - lg_r + r * ln_alpha + s * ln_beta,
                d: [
                    digamma(r + x) - psi_r + ln_alpha,
                    r / alpha,
                    ln_beta,
                    s / beta,
                ],
            })
            .collect();
        let ln_s = sd.ln();
        let alpha_smaller = alpha < beta;
        let (min_ab, ln_max) = if alpha_smaller {
            (ad, &ln_bt)
        } else {
            (bd, &ln_at)
        };
        let max_ab = if alpha_smaller { bd } else { ad };
        let diff = max_ab.sub(min_ab);
        // ln ₂F₁(r+s+x, ·; r+s+x+1; (max−min)/(max+t)) once per distinct (x, t) pair
        let mut hyp: Vec<Dual> = Vec::with_capacity(self.pairs.len());
        for &(i, k) in &self.pairs {
            let (Some(&x), Some(&t)) = (self.xs.get(i), self.times.get(k)) else {
                return bad;
            };
            let rx = rd.add_f(x);
            let second = if alpha_smaller { rx } else { sd.add_f(1.0) };
            match ln_hyp2f1_a1(rx.add(sd), second, diff.div(max_ab.add_f(t))) {
                Some(h) => hyp.push(h),
                None => return bad,
            }
        }
        let mut total = 0.0;
        let mut grad = [0.0; DIM];
        for ((&(i, t_x, t, w), &(k_tx, k_t)), &(j_tx, j_t)) in
            self.rows.iter().zip(&self.time_idx).zip(&self.pair_idx)
        {
            let (Some(&x), Some(xt), Some(la_t), Some(lb_t), Some(lq1), Some(lq2)) = (
                self.xs.get(i),
                x_terms.get(i),
                ln_at.get(k_t),
                ln_bt.get(k_t),
                ln_max.get(k_tx),
                ln_max.get(k_t),
            ) else {
                return bad;
            };
            let rx = rd.add_f(x);
            let rsx = rx.add(sd);
            let alive = rx.mul(*la_t).add(sd.mul(*lb_t)).neg();
            let ll = if t_x < t {
                let (Some(&p1), Some(&p2)) = (hyp.get(j_tx), hyp.get(j_t)) else {
                    return bad;
                };
                let u = p1.add(rsx.mul(*lq2));
                let v = p2.add(rsx.mul(*lq1));
                let gap = v.sub(u);
                if gap.v >= 0.0 {
                    alive
                } else {
                    let e = gap.v.exp();
                    let log1m = gap.chain((-e).ln_1p(), -e / (1.0 - e));
                    let a0 = u.add(log1m).sub(rsx.mul(lq1.add(*lq2)));
                    let dead = ln_s.add(a0).sub(rsx.ln());
                    // ln(e^alive + e^dead) and the weight of `dead`
                    let (hi, lo) = if alive.v >= dead.v {
                        (alive.v, dead.v)
                    } else {
                        (dead.v, alive.v)
                    };
                    let e = (lo - hi).exp();
                    let value = hi + e.ln_1p();
                    let wd = if alive.v >= dead.v {
                        e / (1.0 + e)
                    } else {
                        1.0 / (1.0 + e)
                    };
                    Dual {
                        v: value,
                        d: std::array::from_fn(|j| (1.0 - wd) * alive.d[j] + wd * dead.d[j]),
                    }
                }
            } else {
                alive // t_x = T: A₀ = 0
            };
            let row = xt.add(ll);
            total += w * row.v;
            for (g, dj) in grad.iter_mut().zip(row.d) {
                *g += w * dj;
            }
        }
        if !total.is_finite() || grad.iter().any(|g| !g.is_finite()) {
            return bad;
        }
        let theta_vals = [r, alpha, s, beta];
        (-total, std::array::from_fn(|j| -grad[j] * theta_vals[j]))
    }
}

#[cfg(test)]
mod tests {
    use super::super::special::hyp2f1;
    use super::*;

    #[test]
    fn hyp2f1_partials_match_finite_differences() {
        // both branches: direct (c − a − b ≥ 0) and Euler (c − a − b < 0)
        for (a, b, c, z) in [
            (1.3, 0.4, 2.3, 0.3),
            (2.5, 3.5, 3.0, 0.6),
            (0.7, 1.6, 1.7, 0.05),
            (12.0, 9.0, 13.0, 0.8),
        ] {
            let Some((f, g)) = hyp2f1_grad(a, b, c, z) else {
                panic!("not summable")
            };
            assert!((f - hyp2f1(a, b, c, z)).abs() < 1e-12 * f);
            let h = 1e-6;
            let num = [
                (hyp2f1(a + h, b, c, z) - hyp2f1(a - h, b, c, z)) / (2.0 * h),
                (hyp2f1(a, b + h, c, z) - hyp2f1(a, b - h, c, z)) / (2.0 * h),
                (hyp2f1(a, b, c + h, z) - hyp2f1(a, b, c - h, z)) / (2.0 * h),
                (hyp2f1(a, b, c, z + h) - hyp2f1(a, b, c, z - h)) / (2.0 * h),
            ];
            for j in 0..4 {
                assert!(
                    (g[j] - num[j]).abs() < 1e-6 * (1.0 + num[j].abs()),
                    "({a}, {b}, {c}, {z}) partial {j}: {} vs {}",
                    g[j],
                    num[j]
                );
            }
        }
    }
}
