//! The visit models on the CDNOW sample of Fader, Hardie & Lee (2005): the paper's figures and `lifetimes`'.
//!
//! Reference values from `lifetimes` were printed by `/work/venv-lifetimes/bin/python benches/lifetimes_reference.py`
//! with Lifetimes 0.11.3, numpy 1.26.4, pandas 1.5.3, scipy 1.11.4, autograd 1.9.1, Python 3.11.7
//! (`BetaGeoFitter().fit(...)`, `ModifiedBetaGeoFitter().fit(...)`, `ParetoNBDFitter().fit(...)` with defaults;
//! log-likelihoods evaluated with the fitters' own likelihood functions on the unscaled data).
use restanse::visits::{fit, FitOptions, ModelKind, Params, Summary};

fn cdnow() -> Vec<Summary> {
    let text = include_str!("../../../tests/data/cdnow_customers_summary.csv");
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<f64> = line.split(',').map(|v| v.parse().unwrap()).collect();
            Summary::new(f[1], f[2], f[3])
        })
        .collect()
}

/// Agreement to `digits` significant digits.
fn sig(got: f64, want: f64, digits: i32) -> bool {
    (got - want).abs() <= 0.5 * 10f64.powi(1 - digits) * want.abs()
}

fn assert_sig(what: &str, got: f64, want: f64, digits: i32) {
    assert!(
        sig(got, want, digits),
        "{what}: got {got}, want {want} to {digits} significant digits"
    );
}

#[test]
fn bgnbd_reproduces_fader_hardie_lee_2005() {
    let data = cdnow();
    assert_eq!(data.len(), 2357);
    let f = fit(ModelKind::BgNbd, &data, &FitOptions::default()).unwrap();
    assert!(f.convergence.converged, "{:?}", f.convergence);
    let Params::BgNbd { r, alpha, a, b } = f.params else {
        panic!("wrong kind")
    };
    // FHL 2005, section 5: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4
    assert_eq!(
        format!("{r:.3} {alpha:.3} {a:.3} {b:.3}"),
        "0.243 4.414 0.793 2.426"
    );
    assert_eq!(format!("{:.1}", f.log_likelihood), "-9582.4");
    // P(alive) of customer 1 (x = 2, t_x = 30.43, T = 38.86) = 0.72661
    let p = f.p_alive(&Summary::new(2.0, 30.43, 38.86));
    assert_eq!(format!("{p:.5}"), "0.72661");
}

#[test]
fn bgnbd_predictions_match_lifetimes() {
    let f = fit(ModelKind::BgNbd, &cdnow(), &FitOptions::default()).unwrap();
    // lifetimes 0.11.3: params [0.2425929283, 4.4135322653, 0.7928859664, 2.4257523826], ll -9582.425560567366
    let want = [0.2425929283, 4.4135322653, 0.7928859664, 2.4257523826];
    for ((name, got), want) in f.params.named().iter().zip(want) {
        assert_sig(name, *got, want, 4);
    }
    assert_sig("ll", f.log_likelihood, -9582.425560567366, 6);
    for (s, pa, e10) in [
        (
            Summary::new(2.0, 30.43, 38.86),
            0.72660913679906,
            0.3569310086469087,
        ),
        (
            Summary::new(1.0, 1.71, 38.86),
            0.21222738807220765,
            0.058202681199149515,
        ),
        (Summary::new(0.0, 0.0, 38.86), 1.0, 0.05421009733135075),
        (
            Summary::new(5.0, 36.14, 38.14),
            0.8629500407103835,
            0.9952632154798399,
        ),
        (Summary::new(0.0, 0.0, 33.57), 1.0, 0.061487991137198314),
    ] {
        assert_sig("p_alive", f.p_alive(&s), pa, 4);
        assert_sig("expected_visits(10)", f.expected_visits(&s, 10.0), e10, 4);
    }
}

#[test]
fn mbgnbd_matches_lifetimes() {
    let f = fit(ModelKind::MbgNbd, &cdnow(), &FitOptions::default()).unwrap();
    assert!(f.convergence.converged, "{:?}", f.convergence);
    // lifetimes 0.11.3: params [0.5248377256, 6.1829884791, 0.8913562809, 1.6140000257], ll -9582.132684899922
    let want = [0.5248377256, 6.1829884791, 0.8913562809, 1.6140000257];
    for ((name, got), want) in f.params.named().iter().zip(want) {
        assert_sig(name, *got, want, 4);
    }
    assert_sig("ll", f.log_likelihood, -9582.132684899922, 6);
    for (s, pa, e10) in [
        (
            Summary::new(2.0, 30.43, 38.86),
            0.7061262587154014,
            0.3729231997851843,
        ),
        (
            Summary::new(1.0, 1.71, 38.86),
            0.17081963009210324,
            0.05487982301134874,
        ),
        (
            Summary::new(0.0, 0.0, 38.86),
            0.3897164420501901,
            0.043594228073852465,
        ),
        (
            Summary::new(5.0, 36.14, 38.14),
            0.8518393725067019,
            0.9880631845581574,
        ),
        (
            Summary::new(0.0, 0.0, 33.57),
            0.40541918113597303,
            0.05112317279803768,
        ),
    ] {
        assert_sig("p_alive", f.p_alive(&s), pa, 4);
        assert_sig("expected_visits(10)", f.expected_visits(&s, 10.0), e10, 4);
    }
}

#[test]
fn pareto_matches_lifetimes() {
    let f = fit(ModelKind::ParetoNbd, &cdnow(), &FitOptions::default()).unwrap();
    assert!(f.convergence.converged, "{:?}", f.convergence);
    // lifetimes 0.11.3: params [0.5532910682, 10.577967914, 0.6062312145, 11.6685892667], ll -9594.973929978314
    let want = [0.5532910682, 10.577967914, 0.6062312145, 11.6685892667];
    for ((name, got), want) in f.params.named().iter().zip(want) {
        assert_sig(name, *got, want, 4);
    }
    assert_sig("ll", f.log_likelihood, -9594.973929978314, 6);
    for (s, pa, e10, any10) in [
        (
            Summary::new(2.0, 30.43, 38.86),
            0.8691170418673904,
            0.4244711897152099,
            0.31022459083149445,
        ),
        (
            Summary::new(1.0, 1.71, 38.86),
            0.1678733067808303,
            0.04987743565355746,
            0.03967304280828565,
        ),
        (
            Summary::new(0.0, 0.0, 38.86),
            0.29509663794894114,
            0.031231119193451718,
            0.027111939079595304,
        ),
        (
            Summary::new(5.0, 36.14, 38.14),
            0.9724428785102711,
            1.0474380608859681,
            0.5996907936749544,
        ),
        (
            Summary::new(0.0, 0.0, 33.57),
            0.32944999851900186,
            0.0388090106715429,
            0.0331842534690725,
        ),
    ] {
        assert_sig("p_alive", f.p_alive(&s), pa, 4);
        assert_sig("expected_visits(10)", f.expected_visits(&s, 10.0), e10, 4);
        assert_sig("p_any_visit(10)", f.p_any_visit(&s, 10.0), any10, 4);
    }
}
