//! `restanse nets ...`: read Nets AvtaleGiro and OCR Giro files.
use anyhow::Context;
use restanse::nets::{self, AssignmentContent, Transmission};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: NetsCommand,
}

#[derive(Debug, clap::Subcommand)]
enum NetsCommand {
    /// Read a Nets file, check it, and show what it holds
    Read {
        /// The file (UTF-8 or ISO-8859-1)
        file: PathBuf,
        /// How to show it
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// One line per transaction or agreement, and a summary
    Text,
    /// The whole transmission as JSON (camelCase fields; amounts as decimal strings), indented at a terminal
    Json,
    /// Only the counts and totals
    Summary,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    match args.command {
        NetsCommand::Read { file, format } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let t = nets::parse_bytes(&bytes)
                .with_context(|| format!("{} is not a valid Nets file", file.display()))?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            match format {
                Format::Json => {
                    // Indented for a person at a terminal; compact (and faster) into a pipe or a file.
                    if std::io::stdout().is_terminal() {
                        serde_json::to_writer_pretty(&mut out, &t)?;
                    } else {
                        serde_json::to_writer(&mut out, &t)?;
                    }
                    writeln!(out)?;
                }
                // (issue 14) text read from the file (KIDs, ids; ISO-8859-1 can hold C1 controls) reaches the
                // terminal with its control characters escaped; the JSON escapes its own
                Format::Text => {
                    let mut e = super::csv_out::Escaping::new(&mut out);
                    text(&mut e, &t)?;
                    summary(&mut e, &t)?;
                    e.flush()?;
                }
                Format::Summary => {
                    let mut e = super::csv_out::Escaping::new(&mut out);
                    summary(&mut e, &t)?;
                    e.flush()?;
                }
            }
            out.flush()?;
            Ok(())
        }
    }
}

fn text(out: &mut impl Write, t: &Transmission) -> std::io::Result<()> {
    for a in &t.assignments {
        match &a.content {
            AssignmentContent::Transactions(v) => {
                writeln!(
                    out,
                    "OCR Giro settlements, assignment {} to account {}",
                    a.assignment_number, a.assignment_account
                )?;
                for x in v {
                    writeln!(
                        out,
                        "  #{:<7} type {:02}  {}  {:>14}  KID {}",
                        x.transaction_number,
                        x.transaction_type.0,
                        x.nets_date,
                        x.amount,
                        x.kid.as_deref().unwrap_or("-")
                    )?;
                }
            }
            AssignmentContent::Claims(v) | AssignmentContent::Cancellations(v) => {
                let what = if matches!(a.content, AssignmentContent::Claims(_)) {
                    "claims"
                } else {
                    "cancellations"
                };
                writeln!(
                    out,
                    "AvtaleGiro {what}, assignment {} to account {}",
                    a.assignment_number, a.assignment_account
                )?;
                for x in v {
                    writeln!(
                        out,
                        "  #{:<7} type {:02}  due {}  {:>14}  KID {}",
                        x.transaction_number, x.transaction_type.0, x.due_date, x.amount, x.kid
                    )?;
                }
            }
            AssignmentContent::Agreements(v) => {
                writeln!(
                    out,
                    "AvtaleGiro agreements, assignment {}",
                    a.assignment_number
                )?;
                for x in v {
                    writeln!(
                        out,
                        "  #{:<7} {:<12}  KID {:>25}  notify {}",
                        x.transaction_number,
                        format!("{:?}", x.registration_type),
                        x.kid,
                        if x.notify { "J" } else { "N" }
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn summary(out: &mut impl Write, t: &Transmission) -> std::io::Result<()> {
    writeln!(
        out,
        "transmission {} from {} to {}: {} assignment(s), {} transaction(s), {} NOK",
        t.transmission_number,
        t.data_transmitter,
        t.data_recipient,
        t.assignments.len(),
        t.num_transactions(),
        t.total_amount()
    )
}
