//! Timings of the visit models, printed as one JSON object per line for `benches/visits_vs_lifetimes.py`.
//!
//! `cargo bench --bench visits_bench`: fits each model on CDNOW (median of repeated fits) and computes BG/NBD
//! P(alive) for 1,000,000 members on one and on two threads (median of repeated passes).
use std::time::Instant;

use restanse::visits::{fit, p_alive_many, FitOptions, ModelKind, Summary};

fn cdnow() -> Vec<Summary> {
    include_str!("../../../tests/data/cdnow_customers_summary.csv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<f64> = line.split(',').filter_map(|v| v.parse().ok()).collect();
            (f.len() == 4).then(|| Summary::new(f[1], f[2], f[3]))
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let data = cdnow();
    let reps: usize = std::env::var("VISITS_BENCH_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(11);
    for kind in ModelKind::ALL {
        let mut times = Vec::new();
        let mut ll = 0.0;
        for _ in 0..reps {
            let start = Instant::now();
            let f = fit(kind, &data, &FitOptions::default()).expect("CDNOW fits");
            times.push(start.elapsed().as_secs_f64());
            ll = f.log_likelihood;
        }
        println!(
            r#"{{"what":"fit","model":"{kind}","seconds":{},"ll":{ll}}}"#,
            median(times)
        );
    }
    let bg = fit(ModelKind::BgNbd, &data, &FitOptions::default())
        .expect("CDNOW fits")
        .params;
    let million: Vec<Summary> = data.iter().copied().cycle().take(1_000_000).collect();
    for threads in [1, 2] {
        let mut times = Vec::new();
        let mut checksum = 0.0;
        for _ in 0..reps {
            let start = Instant::now();
            let p = p_alive_many(&bg, &million, threads);
            times.push(start.elapsed().as_secs_f64());
            checksum = p.iter().sum::<f64>();
        }
        println!(
            r#"{{"what":"p_alive_1m","model":"bgnbd","threads":{threads},"seconds":{},"sum":{checksum}}}"#,
            median(times)
        );
    }
}
