//! Does restanse's `latent` flag find members who really stopped? Judged on real behaviour held back from
//! the project: the CDNOW cohort's purchase log (23,570 customers, Jan 1997 – Jun 1998), each customer a
//! member whose visits are their purchase days, calibration to 1997-09-30, truth = no purchase in the holdout
//! to 1998-06-30 (the papers' split).
//!
//! ```sh
//! cargo run --release --example latent_cdnow [CDNOW_master.txt] [--format json] [--gym gym.json] [--as-of DATE] [--policy JSON]
//! ```
//!
//! The log defaults to `../shared/data/cdnow/CDNOW_master.txt` (beside the checkout). `--gym FILE` adds the
//! visit-interval distribution of a member file (`restanse sample ... --out FILE`) beside CDNOW's; `--as-of`
//! moves the end of the calibration period (the holdout still ends 1998-06-30), to see the split's effect;
//! `--policy '{"latent":{...}}'` evaluates another policy (fields left out keep the defaults).
//! The evaluation itself is `tests/common/cdnow_eval.rs`, shared with the CI test `tests/latent_cdnow.rs`.
#[path = "../tests/common/cdnow_eval.rs"]
mod cdnow_eval;

use cdnow_eval::*;
use chrono::NaiveDate;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut path: Option<String> = None;
    let mut json = false;
    let mut gym: Option<String> = None;
    let mut split = Split::papers();
    let mut policy = "{}".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--format" => json = args.next().as_deref() == Some("json"),
            "--gym" => gym = args.next(),
            "--policy" => policy = args.next().unwrap_or_else(|| "{}".into()),
            "--as-of" => match args.next().and_then(|d| d.parse().ok()) {
                Some(d) => split.as_of = d,
                None => {
                    eprintln!(
                        "--as-of needs a date YYYY-MM-DD (the end of the calibration period)"
                    );
                    return ExitCode::FAILURE;
                }
            },
            _ => path = Some(a),
        }
    }
    let path = path.unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/cdnow/CDNOW_master.txt"
        )
        .to_string()
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "cannot read the CDNOW log {path}: {e}\n(give its path as the first argument; it ships with \
                 `lifetimes` as datasets/CDNOW_master.txt, and the project keeps it in shared/data/cdnow/)"
            );
            return ExitCode::FAILURE;
        }
    };
    let customers = match read_log(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    let ev = match evaluate_under(&customers, split, &policy) {
        Ok(ev) => ev,
        Err(e) => {
            eprintln!("evaluation failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let secs = started.elapsed().as_secs_f64();
    let lines = ev.lines();
    let ce = ev.conditional_expectations();
    let (actual, pred) = ev.holdout_totals();
    let latent = ev.rows.iter().filter(|r| r.latent).count();
    let cal_visits: Vec<Vec<NaiveDate>> = customers
        .iter()
        .map(|c| {
            c.days
                .iter()
                .copied()
                .filter(|d| *d <= ev.split.as_of)
                .collect()
        })
        .collect();
    let all_visits: Vec<Vec<NaiveDate>> = customers.iter().map(|c| c.days.clone()).collect();

    if json {
        let v = serde_json::json!({
            "log": path,
            "customers": ev.customers,
            "judged": ev.rows.len(),
            "latent": latent,
            "asOf": ev.split.as_of.to_string(),
            "holdoutEnd": ev.split.holdout_end.to_string(),
            "lines": lines.iter().map(|l| serde_json::json!({
                "method": l.method,
                "auc": l.auc,
                "rule": l.rule.map(|(p, r)| serde_json::json!({
                    "flagged": p.flagged, "precision": p.precision, "recall": p.recall, "f1": p.f1,
                    "recencyAtEqualCount": {"precision": r.precision, "recall": r.recall, "f1": r.f1},
                })),
            })).collect::<Vec<_>>(),
            "fullFits": ev.full_params,
            "conditionalExpectations": ce.iter().map(|(x, n, a, p)| serde_json::json!({
                "x": x, "members": n, "actual": a, "bgnbd": p[0], "mbgnbd": p[1], "pareto": p[2],
            })).collect::<Vec<_>>(),
            "holdoutTotal": {"actual": actual, "bgnbd": pred[0], "mbgnbd": pred[1], "pareto": pred[2]},
            "seconds": secs,
        });
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return ExitCode::SUCCESS;
    }

    println!(
        "CDNOW {path}: {} customers; judged {} (all past the settling days, no holds), {} latent \
         (no purchase {} – {}), {:.1} %; {:.1} s",
        ev.customers,
        ev.rows.len(),
        latent,
        ev.split.as_of.succ_opt().unwrap_or(ev.split.as_of),
        ev.split.holdout_end,
        100.0 * latent as f64 / ev.rows.len() as f64,
        secs
    );
    println!();
    println!(
        "{:<62} {:>7} {:>9} {:>7} {:>7} | {:>9} {:>7} | {:>6}",
        "method", "flagged", "precision", "recall", "F1", "recency@n", "F1", "AUC"
    );
    for l in &lines {
        let auc = l.auc.map_or("–".into(), |a| format!("{a:.3}"));
        match l.rule {
            Some((p, r)) => println!(
                "{:<62} {:>7} {:>9.3} {:>7.3} {:>7.4} | {:>9.3} {:>7.4} | {:>6}",
                l.method, p.flagged, p.precision, p.recall, p.f1, r.precision, r.f1, auc
            ),
            None => println!(
                "{:<62} {:>7} {:>9} {:>7} {:>7} | {:>9} {:>7} | {:>6}",
                l.method, "", "", "", "", "", "", auc
            ),
        }
    }
    println!("(recency@n: the n most silent members flagged, n = the rule's count; precision there = its recall share)");
    println!();
    println!("full fits on every calibration member (weeks):");
    for (name, p) in ["BG/NBD", "MBG/NBD", "Pareto/NBD"]
        .iter()
        .zip(&ev.full_params)
    {
        println!("  {name:<11} {p}");
    }
    println!();
    println!(
        "conditional expectations: mean holdout purchase days ({:.0} weeks) by calibration repeat purchases x",
        ev.split.holdout_weeks()
    );
    println!(
        "{:>4} {:>7} {:>8} {:>8} {:>8} {:>8}",
        "x", "members", "actual", "BG/NBD", "MBG/NBD", "Pareto"
    );
    for (x, n, a, p) in &ce {
        println!(
            "{x:>4} {n:>7} {a:>8.3} {:>8.3} {:>8.3} {:>8.3}",
            p[0], p[1], p[2]
        );
    }
    println!(
        "total {:>6} {actual:>8.0} {:>8.0} {:>8.0} {:>8.0}",
        ev.rows.len(),
        pred[0],
        pred[1],
        pred[2]
    );
    println!();
    println!(
        "visit rhythm, CDNOW calibration (to {}): {}",
        ev.split.as_of,
        interval_stats(&cal_visits)
    );
    println!(
        "visit rhythm, CDNOW whole log (to {}): {}",
        ev.split.holdout_end,
        interval_stats(&all_visits)
    );
    if let Some(g) = gym {
        match std::fs::read_to_string(&g)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).map_err(|e| e.to_string()))
        {
            Ok(v) => {
                let lists: Vec<Vec<NaiveDate>> = v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|m| {
                        let mut d: Vec<NaiveDate> = m["visits"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|d| d.as_str().and_then(|s| s.parse().ok()))
                            .collect();
                        d.sort();
                        d.dedup();
                        d
                    })
                    .collect();
                println!("visit rhythm, {g}: {}", interval_stats(&lists));
            }
            Err(e) => eprintln!("cannot read {g}: {e}"),
        }
    }
    ExitCode::SUCCESS
}
