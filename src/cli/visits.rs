//! `restanse visits ...`: fit the visit models on a summary CSV and apply them.
use std::path::PathBuf;

use std::io::Write;

use anyhow::Context;
use restanse::visits::{fit, FitOptions, Fitted, ModelKind, Summary};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: VisitsCommand,
}

#[derive(Debug, clap::Subcommand)]
enum VisitsCommand {
    /// Fit a model by maximum likelihood to a summary CSV with columns ID,frequency,recency,T (lifetimes format)
    Fit(FitArgs),
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Model {
    Bgnbd,
    Mbgnbd,
    Pareto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
struct FitArgs {
    /// Summary CSV: ID,frequency,recency,T (frequency = repeat visits, recency = t_x, T = age; one time unit)
    file: PathBuf,
    #[arg(long, value_enum, default_value = "bgnbd")]
    model: Model,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also print, per customer, P(alive), expected visits and P(at least one visit) over the horizon
    #[arg(long)]
    predict: bool,
    /// Prediction horizon, in the data's time unit
    #[arg(long, default_value_t = 10.0)]
    horizon: f64,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    match args.command {
        VisitsCommand::Fit(a) => run_fit(a),
    }
}

fn read_summaries(path: &PathBuf) -> anyhow::Result<(Vec<String>, Vec<Summary>)> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .with_context(|| {
                format!(
                    "{}: no column {name:?} (need ID,frequency,recency,T)",
                    path.display()
                )
            })
    };
    let (id_col, x_col, tx_col, t_col) = (
        col("ID").ok(),
        col("frequency")?,
        col("recency")?,
        col("T")?,
    );
    let (mut ids, mut rows) = (Vec::new(), Vec::new());
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{}: row {}", path.display(), i + 2))?;
        let num = |c: usize, name: &str| -> anyhow::Result<f64> {
            let v = record.get(c).unwrap_or("").trim();
            v.parse::<f64>().with_context(|| {
                format!(
                    "{}: row {}: {name} {v:?} is not a number",
                    path.display(),
                    i + 2
                )
            })
        };
        let s = Summary::new(
            num(x_col, "frequency")?,
            num(tx_col, "recency")?,
            num(t_col, "T")?,
        );
        s.check()
            .map_err(|e| anyhow::anyhow!("{}: row {}: {e}", path.display(), i + 2))?;
        ids.push(
            id_col
                .and_then(|c| record.get(c))
                .map_or_else(|| (i + 1).to_string(), str::to_string),
        );
        rows.push(s);
    }
    Ok((ids, rows))
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Prediction<'a> {
    id: &'a str,
    p_alive: f64,
    expected_visits: f64,
    p_any_visit: f64,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Report<'a> {
    #[serde(flatten)]
    fitted: &'a Fitted,
    #[serde(skip_serializing_if = "Option::is_none")]
    horizon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    predictions: Option<Vec<Prediction<'a>>>,
}

fn run_fit(a: FitArgs) -> anyhow::Result<()> {
    let kind = match a.model {
        Model::Bgnbd => ModelKind::BgNbd,
        Model::Mbgnbd => ModelKind::MbgNbd,
        Model::Pareto => ModelKind::ParetoNbd,
    };
    let (ids, data) = read_summaries(&a.file)?;
    let fitted =
        fit(kind, &data, &FitOptions::default()).with_context(|| format!("cannot fit {kind}"))?;
    let predictions = a.predict.then(|| {
        ids.iter()
            .zip(&data)
            .map(|(id, s)| Prediction {
                id,
                p_alive: fitted.p_alive(s),
                expected_visits: fitted.expected_visits(s, a.horizon),
                p_any_visit: fitted.p_any_visit(s, a.horizon),
            })
            .collect::<Vec<_>>()
    });
    let mut out = std::io::stdout().lock();
    if a.format == Format::Json {
        let report = Report {
            fitted: &fitted,
            horizon: a.predict.then_some(a.horizon),
            predictions,
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        return Ok(());
    }
    writeln!(out, "model {kind} on {} customers", fitted.customers)?;
    for (name, value) in fitted.params.named() {
        writeln!(out, "  {name:<6} {value:.6}")?;
    }
    writeln!(out, "  log-likelihood {:.4}", fitted.log_likelihood)?;
    let c = &fitted.convergence;
    writeln!(
        out,
        "convergence: {} ({})",
        if c.converged { "yes" } else { "NO" },
        c.message
    )?;
    for (i, s) in c.starts.iter().enumerate() {
        let ll = s
            .log_likelihood
            .map_or_else(|| "-inf".to_string(), |v| format!("{v:.4}"));
        let mark = if i == c.best_start { "*" } else { " " };
        writeln!(
            out,
            " {mark} start {i} {:?}: ln L {ll}, {} iterations, {} evaluations, {}",
            s.start,
            s.iterations,
            s.evaluations,
            if s.converged {
                "settled"
            } else {
                "budget ran out"
            }
        )?;
    }
    if let Some(predictions) = predictions {
        writeln!(
            out,
            "ID,p_alive,expected_visits_{h},p_any_visit_{h}",
            h = a.horizon
        )?;
        for p in predictions {
            writeln!(
                out,
                "{},{:.6},{:.6},{:.6}",
                p.id, p.p_alive, p.expected_visits, p.p_any_visit
            )?;
        }
    }
    Ok(())
}
