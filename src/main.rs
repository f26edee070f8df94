//! The `restanse` command: batch scoring of a whole chain from files or stdin.
use clap::{Parser, Subcommand};

mod cli;

#[derive(Debug, Parser)]
#[command(
    name = "restanse",
    version,
    about = "Finds gym members drifting towards unpaid fees and says what to do about it"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Fit and apply the visit models (BG/NBD, MBG/NBD, Pareto/NBD)
    Visits(cli::visits::Args),
    /// Read and write Nets AvtaleGiro and OCR Giro files
    Nets(cli::nets::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Visits(a) => cli::visits::run(a),
        Command::Nets(a) => cli::nets::run(a),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
