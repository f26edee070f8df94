//! `restanse assess` and `restanse report`: the batch jobs.
use super::input::Common;
use anyhow::Result;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Table};
use indicatif::{ProgressBar, ProgressStyle};
use restanse::output::AssessOutput;
use restanse::report::Report;
use restanse::Band;
use std::io::{IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Table,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
    /// Output format; a table on a terminal, JSON otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// In the table, show every member, not only those above `low`.
    #[arg(long)]
    pub all: bool,
}

fn format_of(f: Option<Format>) -> Format {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Json
    })
}

/// A progress bar on stderr for long runs on a terminal, fed by the engine's progress hook; never in the data.
fn progress_bar(records: usize) -> Option<ProgressBar> {
    (records > 5 * restanse::engine::PROGRESS_EVERY && std::io::stderr().is_terminal()).then(|| {
        let b = ProgressBar::new(records as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} members {elapsed}") {
            b.set_style(style);
        }
        b
    })
}

/// The engine's one pipeline with a progress bar.
fn run(
    engine: &restanse::Engine,
    records: Vec<restanse::parse::Parsed>,
    as_of: chrono::NaiveDate,
    with_report: bool,
) -> restanse::Run {
    let bar = progress_bar(records.len());
    let run = engine.run(records, as_of, with_report, &mut |done, total| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    run
}

pub fn run_assess(a: Args) -> Result<()> {
    let as_of = a.common.as_of();
    let engine = a.common.engine()?;
    let records = a.common.records(as_of, engine.policy())?;
    let out = run(&engine, records, as_of, false).output;
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    match format_of(a.format) {
        Format::Json => {
            serde_json::to_writer(&mut w, &out)?;
            writeln!(w)?;
        }
        Format::Csv => write_csv(&mut w, &out)?,
        Format::Table => write_table(&mut w, &out, a.all)?,
    }
    w.flush()?;
    if !out.rejected.is_empty() && std::io::stderr().is_terminal() {
        eprintln!(
            "restanse: {} record(s) rejected; see \"rejected\" in the output",
            out.rejected.len()
        );
    }
    Ok(())
}

fn write_csv(w: &mut impl Write, out: &AssessOutput) -> Result<()> {
    let mut c = csv::Writer::from_writer(w);
    c.write_record([
        "member_id",
        "risk",
        "band",
        "signals",
        "actions",
        "next_action",
        "next_action_on",
        "next_action_message",
    ])?;
    for a in &out.assessments {
        let signals: Vec<&str> = a.signals.iter().map(|s| s.code.code()).collect();
        let actions: Vec<&str> = a.actions.iter().map(|x| x.code.code()).collect();
        let first = a.actions.first();
        c.write_record([
            a.member_id.as_str(),
            &format!("{:.3}", a.risk),
            a.band.code(),
            &signals.join(";"),
            &actions.join(";"),
            first.map_or("", |x| x.code.code()),
            &first
                .map(|x| restanse::dates::format_date(x.on))
                .unwrap_or_default(),
            first.map_or("", |x| x.message.as_str()),
        ])?;
    }
    c.flush()?;
    Ok(())
}

fn write_table(w: &mut impl Write, out: &AssessOutput, all: bool) -> Result<()> {
    let mut rows: Vec<_> = out
        .assessments
        .iter()
        .filter(|a| all || a.band != Band::Low)
        .collect();
    rows.sort_by(|a, b| {
        b.risk
            .total_cmp(&a.risk)
            .then_with(|| a.member_id.cmp(&b.member_id))
    });
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(["member", "risk", "band", "signals", "first action", "on"]);
    for a in &rows {
        let signals: Vec<&str> = a.signals.iter().map(|s| s.code.code()).collect();
        let first = a.actions.first();
        t.add_row([
            Cell::new(&a.member_id),
            Cell::new(format!("{:.2}", a.risk)),
            Cell::new(a.band.code()),
            Cell::new(signals.join(", ")),
            Cell::new(first.map_or("", |x| x.code.code())),
            Cell::new(
                first
                    .map(|x| restanse::dates::format_date(x.on))
                    .unwrap_or_default(),
            ),
        ]);
    }
    writeln!(w, "{t}")?;
    let count = |b: Band| out.assessments.iter().filter(|a| a.band == b).count();
    writeln!(
        w,
        "{} members assessed as of {}: {} critical, {} high, {} watch, {} low; {} rejected{}",
        out.assessments.len(),
        out.as_of,
        count(Band::Critical),
        count(Band::High),
        count(Band::Watch),
        count(Band::Low),
        out.rejected.len(),
        if all {
            ""
        } else {
            " (low-risk members hidden; --all shows them)"
        }
    )?;
    for r in &out.rejected {
        writeln!(w, "rejected: {r}")?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub common: Common,
    /// Output format; a readable summary on a terminal, JSON otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

pub fn run_report(a: ReportArgs) -> Result<()> {
    let as_of = a.common.as_of();
    let engine = a.common.engine()?;
    let records = a.common.records(as_of, engine.policy())?;
    let run = run(&engine, records, as_of, true);
    let Some(report) = run.report else {
        anyhow::bail!("the engine returned no report");
    };
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    match format_of(a.format) {
        Format::Json => {
            serde_json::to_writer(&mut w, &report)?;
            writeln!(w)?;
        }
        Format::Csv => {
            let mut c = csv::Writer::from_writer(&mut w);
            c.write_record([
                "member_id",
                "count",
                "outstanding",
                "oldest_due_on",
                "days_overdue",
                "band",
            ])?;
            for r in &report.unpaid {
                c.write_record([
                    r.member_id.as_str(),
                    &r.count.to_string(),
                    &r.outstanding.to_string(),
                    &restanse::dates::format_date(r.oldest_due_on),
                    &r.days_overdue.to_string(),
                    r.band.code(),
                ])?;
            }
            c.flush()?;
        }
        Format::Table => write_report(&mut w, &report)?,
    }
    w.flush()?;
    Ok(())
}

fn write_report(w: &mut impl Write, r: &Report) -> Result<()> {
    writeln!(
        w,
        "Portfolio as of {}: {} members in, {} assessed ({} active), {} rejected",
        r.as_of, r.members.input, r.members.assessed, r.members.active, r.members.rejected
    )?;
    let bands: Vec<String> = r.bands.iter().map(|(b, n)| format!("{b} {n}")).collect();
    writeln!(w, "Bands: {}", bands.join(", "))?;
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(["key figure", "value", "n / d", "from", "to"]);
    for k in &r.key_figures {
        t.add_row([
            k.name.clone(),
            k.value
                .map_or("–".into(), |v| format!("{:.1} %", v * 100.0)),
            format!("{} / {}", k.numerator, k.denominator),
            k.from.to_string(),
            k.to.to_string(),
        ]);
    }
    writeln!(w, "{t}")?;
    let c = &r.concentration;
    writeln!(
        w,
        "Arrears: {} kr across {} debtors; the top 10 % hold {:.1} %, Gini {:.2}",
        c.total_outstanding,
        c.debtors,
        c.top10_percent_share * 100.0,
        c.gini
    )?;
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(["days overdue", "instalments", "members", "outstanding"]);
    for b in &r.ageing {
        t.add_row([
            b.bucket.clone(),
            b.instalments.to_string(),
            b.members.to_string(),
            b.outstanding.to_string(),
        ]);
    }
    writeln!(w, "{t}")?;
    writeln!(
        w,
        "More than three unpaid instalments: {} members; with any unpaid: {}; latent: {}",
        r.more_than_three_unpaid.len(),
        r.unpaid.len(),
        r.latent.len()
    )?;
    for row in r.more_than_three_unpaid.iter().take(20) {
        writeln!(
            w,
            "  {}  {} unpaid, {} kr, oldest due {}",
            row.member_id, row.count, row.outstanding, row.oldest_due_on
        )?;
    }
    Ok(())
}
