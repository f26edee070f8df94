//! Two small, deterministic minimisers over ℝ⁴ (the log-parameters): BFGS for objectives with an exact
//! gradient (all three models) and a Nelder–Mead simplex to polish a run BFGS could not finish.
//!
//! Why not `argmin`: its `Vec<f64>` backend (`argmin-math`, feature `vec`) pulls in `rand` 0.9 and
//! `getrandom` 0.3, which does not build for `wasm32-unknown-unknown` without a global `RUSTFLAGS`
//! `--cfg getrandom_backend="wasm_js"`; the crate would also want a clock for its timer. Both methods in four
//! dimensions are a few dozen lines each, with no randomness and no clock.

pub(crate) const DIM: usize = 4;
pub(crate) type Point = [f64; DIM];

/// How one Nelder–Mead run ended.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run {
    pub x: Point,
    pub f: f64,
    pub iterations: usize,
    pub evaluations: usize,
    /// The simplex shrank below both tolerances (rather than running out of iterations).
    pub converged: bool,
}

pub(crate) struct Settings {
    pub max_iterations: usize,
    /// Absolute tolerance on the spread of objective values over the simplex.
    pub f_tol: f64,
    /// Absolute tolerance on the simplex's extent in every coordinate (log-parameters).
    pub x_tol: f64,
    /// Initial simplex edge in each coordinate.
    pub step: f64,
}

/// Minimises `f` from `x0`. Non-finite objective values count as +∞ (infeasible), so the simplex walks away.
pub(crate) fn nelder_mead(f: &dyn Fn(&Point) -> f64, x0: Point, s: &Settings) -> Run {
    let eval = |x: &Point| {
        let v = f(x);
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut evaluations = 0usize;
    let mut simplex: Vec<(Point, f64)> = Vec::with_capacity(DIM + 1);
    simplex.push((x0, eval(&x0)));
    for i in 0..DIM {
        let mut x = x0;
        x[i] += s.step;
        simplex.push((x, eval(&x)));
    }
    evaluations += DIM + 1;
    let mut iterations = 0usize;
    let mut converged = false;
    while iterations < s.max_iterations {
        crate::order::sort_by(&mut simplex, |a, b| a.1.total_cmp(&b.1));
        let (best, worst) = (simplex[0].1, simplex[DIM].1);
        let spread_x = (1..=DIM)
            .flat_map(|i| (0..DIM).map(move |j| (i, j)))
            .map(|(i, j)| (simplex[i].0[j] - simplex[0].0[j]).abs())
            .fold(0.0, f64::max);
        if best.is_finite() && (worst - best) <= s.f_tol && spread_x <= s.x_tol {
            converged = true;
            break;
        }
        iterations += 1;
        let mut centroid = [0.0; DIM];
        for (x, _) in &simplex[..DIM] {
            for j in 0..DIM {
                centroid[j] += x[j] / DIM as f64;
            }
        }
        let along = |t: f64| -> Point {
            let mut p = [0.0; DIM];
            for j in 0..DIM {
                p[j] = centroid[j] + t * (simplex[DIM].0[j] - centroid[j]);
            }
            p
        };
        let xr = along(-1.0);
        let fr = eval(&xr);
        evaluations += 1;
        if fr < simplex[0].1 {
            let xe = along(-2.0);
            let fe = eval(&xe);
            evaluations += 1;
            simplex[DIM] = if fe < fr { (xe, fe) } else { (xr, fr) };
            continue;
        }
        if fr < simplex[DIM - 1].1 {
            simplex[DIM] = (xr, fr);
            continue;
        }
        // contraction: outside if the reflection helped a little, inside otherwise
        let (xc, fc) = if fr < simplex[DIM].1 {
            let xc = along(-0.5);
            (xc, eval(&xc))
        } else {
            let xc = along(0.5);
            (xc, eval(&xc))
        };
        evaluations += 1;
        if fc < simplex[DIM].1.min(fr) {
            simplex[DIM] = (xc, fc);
            continue;
        }
        // shrink towards the best vertex
        let x_best = simplex[0].0;
        for v in simplex.iter_mut().skip(1) {
            for (vj, bj) in v.0.iter_mut().zip(x_best) {
                *vj = bj + 0.5 * (*vj - bj);
            }
            v.1 = eval(&v.0);
        }
        evaluations += DIM;
    }
    crate::order::sort_by(&mut simplex, |a, b| a.1.total_cmp(&b.1));
    Run {
        x: simplex[0].0,
        f: simplex[0].1,
        iterations,
        evaluations,
        converged,
    }
}

/// Central-difference gradient of `f` at `x`, to check the exact gradients in the tests.
#[cfg(test)]
pub(crate) fn gradient(f: &dyn Fn(&Point) -> f64, x: &Point) -> Point {
    let mut g = [0.0; DIM];
    for j in 0..DIM {
        let h = 1e-5 * (1.0 + x[j].abs());
        let (mut up, mut down) = (*x, *x);
        up[j] += h;
        down[j] -= h;
        g[j] = (f(&up) - f(&down)) / (2.0 * h);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_quartic_bowl() {
        let f = |x: &Point| {
            (x[0] - 1.0).powi(2)
                + 10.0 * (x[1] + 2.0).powi(2)
                + (x[2] - x[3]).powi(2)
                + x[3].powi(4)
        };
        let s = Settings {
            max_iterations: 5000,
            f_tol: 1e-14,
            x_tol: 1e-7,
            step: 0.5,
        };
        let run = nelder_mead(&f, [0.0; DIM], &s);
        assert!(run.converged);
        assert!((run.x[0] - 1.0).abs() < 1e-5 && (run.x[1] + 2.0).abs() < 1e-5);
    }

    #[test]
    fn walks_away_from_infeasible_points() {
        let f = |x: &Point| {
            if x[0] > 0.5 {
                f64::NAN
            } else {
                (x[0] - 0.4).powi(2) + x[1].powi(2) + x[2].powi(2) + x[3].powi(2)
            }
        };
        let s = Settings {
            max_iterations: 5000,
            f_tol: 1e-14,
            x_tol: 1e-7,
            step: 1.0,
        };
        let run = nelder_mead(&f, [0.0; DIM], &s);
        assert!(run.f.is_finite() && (run.x[0] - 0.4).abs() < 1e-4);
    }
}

/// Minimises `fg` (value and gradient) by BFGS with a backtracking (Armijo) line search, from `x0`.
/// Converged when the largest gradient component is below `g_tol`, or when no step can decrease the objective
/// any more (or only within rounding) while that gradient is already below `100 · g_tol` (the floating-point
/// floor).
pub(crate) fn bfgs(
    fg: &dyn Fn(&Point) -> (f64, Point),
    x0: Point,
    max_iterations: usize,
    g_tol: f64,
) -> Run {
    let norm = |g: &Point| g.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let dot = |a: &Point, b: &Point| a.iter().zip(b).map(|(u, v)| u * v).sum::<f64>();
    let identity = || {
        let mut h = [[0.0; DIM]; DIM];
        for (i, row) in h.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        h
    };
    let mut h = identity();
    let mut x = x0;
    let (mut f, mut g) = fg(&x);
    let mut evaluations = 1usize;
    let mut iterations = 0usize;
    let mut converged = false;
    if !f.is_finite() {
        return Run {
            x,
            f: f64::INFINITY,
            iterations,
            evaluations,
            converged,
        };
    }
    while iterations < max_iterations {
        let gn = norm(&g);
        if gn < g_tol {
            converged = true;
            break;
        }
        iterations += 1;
        let mut d = [0.0; DIM];
        for i in 0..DIM {
            d[i] = -dot(&h[i], &g);
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 || !slope.is_finite() {
            h = identity();
            d = g.map(|v| -v);
            slope = dot(&g, &d);
        }
        // never move more than 1 in any log-parameter in one step
        let mut step = 1.0_f64.min(1.0 / norm(&d).max(1e-300));
        let mut accepted = None;
        for _ in 0..40 {
            let mut xn = x;
            for j in 0..DIM {
                xn[j] += step * d[j];
            }
            let (fnew, gnew) = fg(&xn);
            evaluations += 1;
            if fnew.is_finite() && fnew <= f + 1e-4 * step * slope {
                accepted = Some((xn, fnew, gnew));
                break;
            }
            step *= 0.5;
        }
        let Some((xn, fnew, gnew)) = accepted else {
            converged = gn < 100.0 * g_tol;
            break;
        };
        let tiny_step = step < 1e-8;
        if fnew >= f && gn < 100.0 * g_tol {
            // accepted only because the decrease is below the objective's rounding: the floor is reached
            converged = true;
            break;
        }
        let s: Point = std::array::from_fn(|j| xn[j] - x[j]);
        let y: Point = std::array::from_fn(|j| gnew[j] - g[j]);
        let sy = dot(&s, &y);
        if tiny_step {
            // the curvature estimate points almost uphill (a long flat ridge): start it afresh
            h = identity();
        } else if sy > 1e-16 {
            if iterations == 1 {
                // scale the initial identity to the curvature just seen (Nocedal & Wright, eq. 6.20)
                let yy = dot(&y, &y);
                if yy > 0.0 {
                    h = identity().map(|row| row.map(|v| v * sy / yy));
                }
            }
            let rho = 1.0 / sy;
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
            let hy: Point = std::array::from_fn(|i| dot(&h[i], &y));
            let yhy = dot(&y, &hy);
            for i in 0..DIM {
                for j in 0..DIM {
                    h[i][j] += -rho * (s[i] * hy[j] + hy[i] * s[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
        x = xn;
        f = fnew;
        g = gnew;
    }
    Run {
        x,
        f,
        iterations,
        evaluations,
        converged,
    }
}

#[cfg(test)]
mod bfgs_tests {
    use super::*;

    #[test]
    fn bfgs_finds_the_minimum_of_a_rosenbrock_like_bowl() {
        let fg = |x: &Point| {
            let f = 100.0 * (x[1] - x[0] * x[0]).powi(2)
                + (1.0 - x[0]).powi(2)
                + (x[2] - 2.0).powi(2)
                + 3.0 * x[3] * x[3];
            let g = [
                -400.0 * x[0] * (x[1] - x[0] * x[0]) - 2.0 * (1.0 - x[0]),
                200.0 * (x[1] - x[0] * x[0]),
                2.0 * (x[2] - 2.0),
                6.0 * x[3],
            ];
            (f, g)
        };
        let run = bfgs(&fg, [-1.2, 1.0, 0.0, 1.0], 1000, 1e-10);
        assert!(run.converged, "{run:?}");
        assert!((run.x[0] - 1.0).abs() < 1e-6 && (run.x[2] - 2.0).abs() < 1e-6);
    }
}
