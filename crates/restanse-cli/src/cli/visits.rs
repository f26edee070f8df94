//! `restanse visits ...`: fit the visit models on a summary CSV and apply them.
use std::path::PathBuf;

use std::io::Write;

use anyhow::Context;
use restanse::visits::{fit_report, read_summaries, ModelKind};

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

fn run_fit(a: FitArgs) -> anyhow::Result<()> {
    let kind = match a.model {
        Model::Bgnbd => ModelKind::BgNbd,
        Model::Mbgnbd => ModelKind::MbgNbd,
        Model::Pareto => ModelKind::ParetoNbd,
    };
    let text = std::fs::read_to_string(&a.file)
        .with_context(|| format!("cannot read {}", a.file.display()))?;
    let (ids, data) =
        read_summaries(&text).map_err(|e| anyhow::anyhow!("{}: {e}", a.file.display()))?;
    let report = fit_report(kind, &ids, &data, a.predict.then_some(a.horizon))
        .with_context(|| format!("cannot fit {kind}"))?;
    let fitted = &report.fitted;
    let mut out = std::io::stdout().lock();
    if a.format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        return Ok(());
    }
    // (issue 14) the text names customers from the input: control characters are escaped for the terminal,
    // and the predictions are CSV whose cells are quoted and neutralised (an id `=HYPERLINK(...)` is text)
    let mut out = super::csv_out::Escaping::new(out);
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
    if let Some(predictions) = &report.predictions {
        let h = a.horizon;
        let mut csv = super::csv_out::CsvOut::new(&mut out, super::csv_out::Dialect::Rfc4180)?;
        csv.row([
            "ID".to_string(),
            "p_alive".to_string(),
            format!("expected_visits_{h}"),
            format!("p_any_visit_{h}"),
        ])?;
        for p in predictions {
            csv.row([
                p.id.clone(),
                format!("{:.6}", p.p_alive),
                format!("{:.6}", p.expected_visits),
                format!("{:.6}", p.p_any_visit),
            ])?;
        }
        csv.flush()?;
    }
    out.flush()?;
    Ok(())
}
