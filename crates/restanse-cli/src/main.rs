//! The `restanse` command: batch scoring of a whole chain from files or stdin.
//!
//! A thin shell over the library: it reads files, picks a format and prints; every decision is the core's.
use clap::{CommandFactory, Parser, Subcommand};

mod cli;

// The batch job allocates many small strings and vectors; mimalloc does that far faster than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "restanse",
    version,
    about = "Finds gym members drifting towards unpaid fees and says what to do about it, early and politely",
    after_help = "Start with: restanse assess --as-of 2026-11-23   (the built-in sample gym)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Assess members: risk, signals with evidence, today's actions and what is suppressed
    Assess(cli::assess::Args),
    /// The portfolio report: bands, unpaid lists, ageing, concentration, latent members, key figures
    Report(cli::assess::ReportArgs),
    /// The day's work: each member's next step due today, ranked, within each channel's capacity
    Worklist(cli::worklist::Args),
    /// Write a realistic synthetic sample gym (JSON, the input contract)
    Sample(cli::sample::Args),
    /// Print the default policy, or check a policy file
    Policy(cli::policy::Args),
    /// Fit and apply the visit models (BG/NBD, MBG/NBD, Pareto/NBD)
    Visits(cli::visits::Args),
    /// Read and write Nets AvtaleGiro and OCR Giro files
    Nets(cli::nets::Args),
    /// Train a gym's own risk model (linfa logistic regression) on a labelled history or a table
    Train(cli::train::Args),
    /// Apply a trained model to a numeric CSV table: one probability per row
    Predict(cli::predict::Args),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page, restanse(1), as roff (`restanse man > restanse.1`)
    Man,
}

/// Shell completions and the man page, written to stdout, from the same clap definition as the parser.
fn completions(shell: Option<clap_complete::Shell>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let mut command = Cli::command();
    match shell {
        Some(shell) => clap_complete::generate(shell, &mut command, "restanse", &mut out),
        None => clap_mangen::Man::new(command).render(&mut out)?,
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Assess(a) => cli::assess::run_assess(a),
        Command::Report(a) => cli::assess::run_report(a),
        Command::Worklist(a) => cli::worklist::run(a),
        Command::Sample(a) => cli::sample::run(a),
        Command::Policy(a) => cli::policy::run(a),
        Command::Visits(a) => cli::visits::run(a),
        Command::Nets(a) => cli::nets::run(a),
        Command::Train(a) => cli::train::run(a),
        Command::Predict(a) => cli::predict::run(a),
        Command::Completions { shell } => completions(Some(shell)),
        Command::Man => completions(None),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return std::process::ExitCode::SUCCESS;
                }
            }
            // (issue 14) an error may quote the input: its control characters are escaped
            use std::io::Write as _;
            let mut err = cli::csv_out::Escaping::new(std::io::stderr().lock());
            let _ = writeln!(err, "error: {e:#}");
            let _ = err.flush();
            std::process::ExitCode::from(2)
        }
    }
}
