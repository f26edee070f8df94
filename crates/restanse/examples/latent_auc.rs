//! Which latent rule finds the members who truly stopped training? ROC AUC on the sample gym, whose
//! generator knows who went latent: `cargo run --release --example latent_auc [MEMBERS] [SEED]`.
//!
//! Members judged: active (not cancelled), not in a hold on `asOf`, past the policy's settling days — the
//! members the `latent` signal speaks about. Each method is scored both as a continuous score (its AUC over
//! all thresholds) and as the yes/no rule it is used as (for a yes/no rule AUC = (TPR + TNR) / 2).
use restanse::input::validate_member;
use restanse::visits::{fit_or_prior_with, FitOptions, ModelKind, Summary, ENGINE_FIT};
use restanse::{latent_view, Policy};
use restanse_sample as sample;
use restanse_train::eval::auc as roc_auc;

/// One judged member: the truth and what each method says.
#[derive(Clone, Copy)]
struct Row {
    latent: bool,
    silence: f64,
    relative: f64,
    rhythm_rule: bool,
    thirty_day_rule: bool,
    /// (x, t_x, T) in weeks, for the visit models; `None` for a member who never visited.
    summary: Option<(f64, f64, f64)>,
    /// 1 − P(alive) under each model, filled after fitting.
    models: [f64; 3],
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let as_of = restanse::input::parse_date("2026-11-23").unwrap_or_default();
    let policy = Policy::default();
    let pairs = sample::generate_with_truth(n, seed, as_of);
    let mut rows: Vec<Row> = Vec::new();
    for (input, truth) in pairs {
        let Ok(c) = validate_member(input, as_of) else {
            continue;
        };
        // only the members the `latent` signal speaks about
        let Some(v) = latent_view(&c.member, as_of, &policy) else {
            continue;
        };
        let latent = truth.latent_since.is_some_and(|d| d <= as_of);
        let silence = v.silence_days as f64;
        rows.push(Row {
            latent,
            silence,
            relative: v.relative_silence,
            rhythm_rule: v.rhythm_rule,
            thirty_day_rule: silence >= 30.0,
            summary: v.summary,
            models: [0.0; 3],
        });
    }
    // fit each visit model on the gym's own members (those with at least one visit), as the engine would
    // every 6th member with visits (about 3,000): the fit's cost grows with the batch
    let summaries: Vec<Summary> = rows
        .iter()
        .filter_map(|r| r.summary)
        .step_by(6)
        .map(|(x, tx, t)| Summary::new(x, tx, t))
        .collect();
    for (k, kind) in ModelKind::ALL.iter().enumerate() {
        let started = std::time::Instant::now();
        // with the engine's bounded iteration budget (`visits::ENGINE_FIT`), as `restanse assess` fits
        let options = FitOptions {
            min_customers: 50,
            ..ENGINE_FIT
        };
        let est = fit_or_prior_with(*kind, &summaries, &options);
        let secs = started.elapsed().as_secs_f64();
        match &est {
            Ok(e) => println!(
                "{}: {} on {} members with visits in {secs:.2} s: {:?}{}",
                kind.name(),
                if e.is_prior() { "prior" } else { "fitted" },
                summaries.len(),
                e.params().named(),
                match e {
                    restanse::visits::Estimate::Prior { reason, .. } => format!(" ({reason})"),
                    restanse::visits::Estimate::Fitted(f) =>
                        format!(" ({})", f.convergence.message),
                }
            ),
            Err(e) => println!("{}: {e}", kind.name()),
        }
        for r in rows.iter_mut() {
            // a member who never visited has no visit history to model: score them as certainly gone
            r.models[k] = match (&est, r.summary) {
                (Ok(e), Some((x, tx, t))) => 1.0 - e.p_alive(&Summary::new(x, tx, t)),
                _ => 1.0,
            };
        }
    }
    let report = |name: &str, rows: &[Row]| {
        let labels: Vec<bool> = rows.iter().map(|r| r.latent).collect();
        let col = |f: fn(&Row) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
        let auc = |scores: Vec<f64>| {
            roc_auc(&scores, &labels).map_or("–".to_string(), |a| format!("{a:.3}"))
        };
        println!(
            "{name}: {} members, {} truly latent",
            rows.len(),
            labels.iter().filter(|l| **l).count()
        );
        println!(
            "  rhythm-relative silence (score)   {}",
            auc(col(|r| r.relative))
        );
        println!(
            "  rhythm rule, the `latent` signal  {}",
            auc(col(|r| f64::from(u8::from(r.rhythm_rule))))
        );
        println!(
            "  days of silence (score)           {}",
            auc(col(|r| r.silence))
        );
        println!(
            "  30-day rule                       {}",
            auc(col(|r| f64::from(u8::from(r.thirty_day_rule))))
        );
        println!(
            "  BG/NBD, 1 − P(alive)              {}",
            auc(col(|r| r.models[0]))
        );
        println!(
            "  MBG/NBD, 1 − P(alive)             {}",
            auc(col(|r| r.models[1]))
        );
        println!(
            "  Pareto/NBD, 1 − P(alive)          {}",
            auc(col(|r| r.models[2]))
        );
    };
    report("all judged members", &rows);
    let band: Vec<_> = rows
        .iter()
        .copied()
        .filter(|r| (10.0..=60.0).contains(&r.silence))
        .collect();
    report("members silent 10–60 days", &band);
}
