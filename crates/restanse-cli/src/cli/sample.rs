//! `restanse sample`: writes the synthetic sample gym.
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many members.
    #[arg(long, default_value_t = 1000, value_parser = parse_members)]
    pub members: usize,
    /// The seed: the same seed gives the same gym, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The day the sample ends on (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = super::input::parse_day)]
    pub as_of: Option<NaiveDate>,
    /// Write to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write what the generator knows (behaviour, when each member went latent) to this file.
    #[arg(long)]
    pub truth: Option<PathBuf>,
    /// Write a labelled history instead: `--members` members on each of `--months` monthly snapshot days,
    /// the last 90 days before `--as-of`, each with the outcome the simulation gave it (see `restanse::model::history`).
    #[arg(long, conflicts_with = "truth")]
    pub history: bool,
    /// How many monthly snapshot days a `--history` covers.
    #[arg(long, default_value_t = 12, requires = "history",
          value_parser = clap::value_parser!(u32).range(1..=120))]
    pub months: u32,
}

/// A member count within 0–[`restanse_sample::MAX_MEMBERS`] (issue 14: a huge one is refused, not a panic).
pub fn parse_members(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n <= restanse_sample::MAX_MEMBERS => Ok(n),
        Ok(_) => Err(format!("at most {} members", restanse_sample::MAX_MEMBERS)),
        Err(_) => Err(format!("{s:?} is not a whole number of members")),
    }
}

pub fn run(a: Args) -> Result<()> {
    let as_of = a.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let (json, truth) = if a.history {
        let h = restanse_sample::history::sample_history(a.members, a.seed, as_of, a.months);
        (serde_json::to_string(&h)?, Vec::new())
    } else {
        let pairs = restanse_sample::generate_with_truth(a.members, a.seed, as_of);
        let (members, truth): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
        (serde_json::to_string(&members)?, truth)
    };
    match &a.out {
        Some(p) => std::fs::write(p, json + "\n")
            .with_context(|| format!("cannot write {}", p.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    if let Some(p) = &a.truth {
        std::fs::write(p, serde_json::to_string(&truth)? + "\n")
            .with_context(|| format!("cannot write {}", p.display()))?;
    }
    Ok(())
}
