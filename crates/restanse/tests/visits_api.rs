//! The `restanse::visits` seam: errors on data that cannot support a fit, the prior fallback, serde shape,
//! and properties of the predictions.
use proptest::prelude::*;
use restanse::visits::{
    fit, fit_or_prior, p_alive_many, Estimate, FitError, FitOptions, ModelKind, Params, Summary,
};

fn gym_like(n: usize) -> Vec<Summary> {
    // deterministic, varied histories in weeks: regular, fading and one-off members
    (0..n)
        .map(|i| {
            let t = 20.0 + (i % 30) as f64;
            match i % 4 {
                0 => Summary::new((i % 40 + 10) as f64, t - (i % 3) as f64 * 0.5, t),
                1 => Summary::new((i % 7 + 1) as f64, t * 0.3, t),
                2 => Summary::new(0.0, 0.0, t),
                _ => Summary::new((i % 20 + 2) as f64, t * 0.8, t),
            }
        })
        .collect()
}

#[test]
fn too_few_customers_is_a_clear_error() {
    let data = gym_like(5);
    for kind in ModelKind::ALL {
        let err = fit(kind, &data, &FitOptions::default()).unwrap_err();
        assert_eq!(
            err,
            FitError::TooFewCustomers {
                found: 5,
                needed: 10
            }
        );
        assert!(err.to_string().contains("too few members"));
    }
}

#[test]
fn no_repeat_visits_is_a_clear_error() {
    let data: Vec<Summary> = (0..50)
        .map(|i| Summary::new(0.0, 0.0, 10.0 + i as f64))
        .collect();
    for kind in ModelKind::ALL {
        assert_eq!(
            fit(kind, &data, &FitOptions::default()).unwrap_err(),
            FitError::NoRepeatVisits
        );
    }
}

#[test]
fn no_silence_is_a_clear_error() {
    let data: Vec<Summary> = (0..50)
        .map(|i| Summary::new(3.0, 10.0 + i as f64, 10.0 + i as f64))
        .collect();
    assert_eq!(
        fit(ModelKind::BgNbd, &data, &FitOptions::default()).unwrap_err(),
        FitError::NoSilence
    );
}

#[test]
fn invalid_rows_are_named() {
    let mut data = gym_like(20);
    data[7] = Summary::new(2.0, 30.0, 20.0);
    let err = fit(ModelKind::ParetoNbd, &data, &FitOptions::default()).unwrap_err();
    assert!(
        matches!(err, FitError::InvalidSummary { index: 7, .. }),
        "{err}"
    );
    data[7] = Summary::new(f64::NAN, 0.0, 20.0);
    assert!(fit_or_prior(ModelKind::BgNbd, &data, 10).is_err());
}

#[test]
fn fit_or_prior_says_which_it_used() {
    let small = gym_like(6);
    let e = fit_or_prior(ModelKind::MbgNbd, &small, 30).unwrap();
    assert!(e.is_prior());
    assert_eq!(*e.params(), ModelKind::MbgNbd.prior());
    let Estimate::Prior { reason, .. } = &e else {
        panic!()
    };
    assert!(reason.contains("too few"), "{reason}");

    let big = gym_like(400);
    // Pareto/NBD is left out here: on this synthetic batch it runs towards a boundary where the ₂F₁ series
    // is slow (seconds in a debug build); its prior path is covered by the small batch below
    for kind in [ModelKind::BgNbd, ModelKind::MbgNbd] {
        let e = fit_or_prior(kind, &big, 30).unwrap();
        // this synthetic batch identifies the beta-geometric models; Pareto/NBD may legitimately run off to a
        // boundary on it (no visible dropout among the regulars), and must then say so and use the prior
        match &e {
            Estimate::Prior { reason, .. } => assert!(
                kind == ModelKind::ParetoNbd && reason.contains("converge"),
                "{kind}: {reason}"
            ),
            Estimate::Fitted(f) => assert!(f.convergence.converged),
        }
        let s = Summary::new(3.0, 5.0, 20.0);
        let p = e.p_alive(&s);
        assert!(p.is_finite() && (0.0..=1.0).contains(&p));
    }
    let e = fit_or_prior(ModelKind::ParetoNbd, &small, 30).unwrap();
    assert_eq!(*e.params(), ModelKind::ParetoNbd.prior());
}

#[test]
fn prior_means_one_and_a_half_visits_a_week() {
    for kind in ModelKind::ALL {
        let named = kind.prior().named();
        assert!((named[0].1 / named[1].1 - 1.5).abs() < 1e-12);
    }
    // a regular member who trained last week is very likely alive; one silent for 20 weeks is not
    let prior = ModelKind::BgNbd.prior();
    assert!(prior.p_alive(&Summary::new(30.0, 19.0, 20.0)) > 0.95);
    assert!(prior.p_alive(&Summary::new(30.0, 20.0, 40.0)) < 0.05);
}

#[test]
fn serde_shape_is_flat_and_camel_case() {
    let f = fit(ModelKind::BgNbd, &gym_like(200), &FitOptions::default()).unwrap();
    let v = serde_json::to_value(&f).unwrap();
    for key in [
        "kind",
        "r",
        "alpha",
        "a",
        "b",
        "logLikelihood",
        "customers",
        "convergence",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["kind"], "bgnbd");
    assert!(v["convergence"].get("startsAgreeing").is_some());
    let back: restanse::visits::Fitted = serde_json::from_value(v).unwrap();
    assert_eq!(back, f);
    let e = fit_or_prior(ModelKind::BgNbd, &gym_like(3), 10).unwrap();
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["source"], "prior");
    assert_eq!(v["params"]["kind"], "bgnbd");
}

#[test]
fn fits_are_deterministic_and_threads_do_not_change_answers() {
    let data = gym_like(300);
    let a = fit(ModelKind::BgNbd, &data, &FitOptions::default()).unwrap();
    let b = fit(ModelKind::BgNbd, &data, &FitOptions::default()).unwrap();
    assert_eq!(a, b);
    let one = p_alive_many(&a.params, &data, 1);
    let two = p_alive_many(&a.params, &data, 2);
    assert_eq!(one, two);
    assert_eq!(one[3], a.p_alive(&data[3]));
}

fn params() -> impl Strategy<Value = Params> {
    (
        0.05f64..5.0,
        0.1f64..50.0,
        0.05f64..5.0,
        0.1f64..50.0,
        0usize..3,
    )
        .prop_map(|(r, alpha, c, d, k)| match k {
            0 => Params::BgNbd {
                r,
                alpha,
                a: c,
                b: d,
            },
            1 => Params::MbgNbd {
                r,
                alpha,
                a: c,
                b: d,
            },
            _ => Params::ParetoNbd {
                r,
                alpha,
                s: c,
                beta: d,
            },
        })
}

proptest! {
    #[test]
    fn p_alive_is_a_probability_and_falls_with_silence(
        p in params(), x in 0u32..60, frac in 0.0f64..1.0, t in 0.5f64..200.0, extra in 0.0f64..100.0
    ) {
        let x = f64::from(x);
        let t_x = if x == 0.0 { 0.0 } else { frac * t };
        let now = Summary::new(x, t_x, t);
        let later = Summary::new(x, t_x, t + extra);
        let (a, b) = (p.p_alive(&now), p.p_alive(&later));
        prop_assert!((0.0..=1.0).contains(&a) && (0.0..=1.0).contains(&b));
        prop_assert!(b <= a + 1e-12, "P(alive) rose from {a} to {b} with more silence");
    }

    #[test]
    fn p_any_visit_is_a_probability_below_the_expectation(
        p in params(), x in 0u32..30, frac in 0.0f64..1.0, t in 0.5f64..100.0, h in 0.1f64..52.0
    ) {
        let x = f64::from(x);
        let s = Summary::new(x, if x == 0.0 { 0.0 } else { frac * t }, t);
        let any = p.p_any_visit(&s, h);
        let e = p.expected_visits(&s, h);
        prop_assert!((0.0..=1.0).contains(&any));
        prop_assert!(e.is_finite() && e >= 0.0);
        prop_assert!(any <= e * (1.0 + 1e-6) + 1e-9, "P(N>=1) = {any} > E[N] = {e}");
        prop_assert!(any <= p.p_alive(&s) + 1e-9);
    }
}

#[test]
fn p_any_visit_for_a_new_member_is_the_papers_p_zero() {
    // FHL 2005 eq. 8 and Batislam et al. 2007: for a member with no history (x = t_x = T = 0),
    // BG/NBD P(N(t) = 0) = (α/(α+t))^r; MBG/NBD P(N(t) = 0) = a/(a+b) + b/(a+b) · (α/(α+t))^r
    let (r, alpha, a, b, t) = (0.24_f64, 4.4_f64, 0.79_f64, 2.4_f64, 10.0_f64);
    let new = Summary::new(0.0, 0.0, 0.0);
    let nbd0 = (alpha / (alpha + t)).powf(r);
    let bg = Params::BgNbd { r, alpha, a, b };
    assert!((bg.p_any_visit(&new, t) - (1.0 - nbd0)).abs() < 1e-12);
    let mbg = Params::MbgNbd { r, alpha, a, b };
    let want = 1.0 - (a / (a + b) + b / (a + b) * nbd0);
    assert!((mbg.p_any_visit(&new, t) - want).abs() < 1e-12);
    assert_eq!(bg.p_any_visit(&new, 0.0), 0.0);
    assert_eq!(bg.expected_visits(&new, -1.0), 0.0);
}
