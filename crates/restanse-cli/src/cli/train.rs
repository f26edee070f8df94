//! `restanse train`: fit a gym's own risk model on a labelled history (or on a plain numeric table) and
//! print how it does on later snapshots beside the default scorecard and the unpaid count alone.
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use restanse::model::{metrics::Metrics, table};
use restanse_train::TrainOptions;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A history file: a JSON array of { "asOf", "member", "outcome" } (`restanse sample --history`).
    pub history: Option<PathBuf>,
    /// Train on a plain numeric CSV table instead (with --label).
    #[arg(long, conflicts_with = "history")]
    pub table: Option<PathBuf>,
    /// The 0/1 column of the table to predict.
    #[arg(long, requires = "table")]
    pub label: Option<String>,
    /// Write the model here.
    #[arg(long)]
    pub out: PathBuf,
    /// Fix the L2 penalty α (scikit-learn's 1/C) instead of choosing it by cross-validation.
    #[arg(long)]
    pub l2: Option<f64>,
    /// Test on snapshots from this day on (default: the last quarter of the snapshot days).
    #[arg(long, value_parser = super::input::parse_day)]
    pub test_from: Option<NaiveDate>,
    /// Also write the history's features (unscaled, one row per snapshot, the outcome in a column
    /// `outcome`) as a CSV table, for `train --table` and other tools.
    #[arg(long, conflicts_with = "table")]
    pub write_table: Option<PathBuf>,
    /// A policy JSON file (grace days and rhythm settings shape the features).
    #[arg(long)]
    pub policy: Option<PathBuf>,
}

fn row(name: &str, m: &Metrics) -> String {
    format!("  {name:<22} {:>8.4} {:>8.4}", m.auc, m.brier)
}

pub fn run(a: Args) -> Result<()> {
    let model = if let Some(t) = &a.table {
        let Some(label) = a.label.as_deref() else {
            bail!("--table needs --label COLUMN");
        };
        let text =
            std::fs::read_to_string(t).with_context(|| format!("cannot read {}", t.display()))?;
        let tab =
            table::read(&text, Some(label), &[]).with_context(|| format!("in {}", t.display()))?;
        let started = std::time::Instant::now();
        let model = restanse_train::train_table(&tab, a.l2)?;
        eprintln!(
            "trained on {} rows × {} columns in {:.1} ms, α = {} ({})",
            tab.rows.len(),
            tab.names.len(),
            started.elapsed().as_secs_f64() * 1000.0,
            model.l2,
            model.l2_chosen_by
        );
        model
    } else {
        let Some(h) = &a.history else {
            bail!("name a history file, or --table FILE --label COLUMN");
        };
        let policy = match &a.policy {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read the policy {}", p.display()))?;
                restanse::Policy::from_json(&text).with_context(|| format!("in {}", p.display()))?
            }
            None => restanse::Policy::default(),
        };
        let text =
            std::fs::read_to_string(h).with_context(|| format!("cannot read {}", h.display()))?;
        let opts = TrainOptions {
            l2: a.l2,
            test_from: a.test_from,
        };
        let snaps = restanse::model::history::parse(&text)
            .with_context(|| format!("in {}", h.display()))?;
        if let Some(p) = &a.write_table {
            let tab = restanse_train::history_table(&snaps, &policy)
                .with_context(|| format!("in {}", h.display()))?;
            std::fs::write(p, tab.to_csv("outcome"))
                .with_context(|| format!("cannot write {}", p.display()))?;
        }
        let started = std::time::Instant::now();
        let model = restanse_train::train_history(&snaps, &policy, &opts)
            .with_context(|| format!("in {}", h.display()))?;
        let t = &model.training;
        eprintln!(
            "trained on {} snapshots ({} defaulted) from {} to {} in {:.2} s; α = {} ({})",
            t.rows,
            t.positives,
            t.from.map_or("?".into(), |d| d.to_string()),
            t.to.map_or("?".into(), |d| d.to_string()),
            started.elapsed().as_secs_f64(),
            model.l2,
            model.l2_chosen_by
        );
        if let Some(e) = &model.evaluation {
            println!(
                "tested on {} later snapshots ({} defaulted), {} to {}:",
                e.rows, e.positives, e.test_from, e.test_to
            );
            println!("  {:<22} {:>8} {:>8}", "", "ROC AUC", "Brier");
            println!("{}", row("trained model", &e.model));
            println!("{}", row("default scorecard", &e.scorecard));
            println!("{}", row("unpaid count alone", &e.unpaid_count));
            println!("calibration of the trained model (predicted → observed):");
            for b in &e.model.calibration {
                println!(
                    "  {:.1}–{:.1}  n = {:>6}  mean predicted {:.3}  observed {:.3}",
                    b.from, b.to, b.count, b.mean_predicted, b.observed_rate
                );
            }
        }
        model
    };
    std::fs::write(&a.out, model.to_json() + "\n")
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    eprintln!("wrote {}", a.out.display());
    Ok(())
}
