//! `restanse sample`: writes the synthetic sample gym.
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many members.
    #[arg(long, default_value_t = 1000, value_parser = parse_streamed_members)]
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

/// A member count for `restanse sample`, which writes member by member: within
/// 0–[`restanse_sample::MAX_STREAMED_MEMBERS`]; a `--history` is held in memory and stays within
/// [`restanse_sample::MAX_MEMBERS`].
fn parse_streamed_members(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n <= restanse_sample::MAX_STREAMED_MEMBERS => Ok(n),
        Ok(_) => Err(format!(
            "at most {} members",
            restanse_sample::MAX_STREAMED_MEMBERS
        )),
        Err(_) => Err(format!("{s:?} is not a whole number of members")),
    }
}

/// Writes `[m1,m2,…]` member by member (the same bytes as serialising the whole array), and the truth beside
/// it when asked for.
fn write_members(
    a: &Args,
    as_of: NaiveDate,
    out: &mut dyn Write,
    mut truth: Option<&mut dyn Write>,
) -> Result<()> {
    out.write_all(b"[")?;
    if let Some(t) = truth.as_deref_mut() {
        t.write_all(b"[")?;
    }
    for (i, (member, behind)) in restanse_sample::members(a.members, a.seed, as_of).enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &member)?;
        if let Some(t) = truth.as_deref_mut() {
            if i > 0 {
                t.write_all(b",")?;
            }
            serde_json::to_writer(&mut *t, &behind)?;
        }
    }
    out.write_all(b"]\n")?;
    if let Some(t) = truth {
        t.write_all(b"]\n")?;
        t.flush()?;
    }
    out.flush()?;
    Ok(())
}

pub fn run(a: Args) -> Result<()> {
    let as_of = a.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    if a.history {
        anyhow::ensure!(
            a.members <= restanse_sample::MAX_MEMBERS,
            "a --history holds its members in memory: at most {} members",
            restanse_sample::MAX_MEMBERS
        );
        let h = restanse_sample::history::sample_history(a.members, a.seed, as_of, a.months);
        let json = serde_json::to_string(&h)?;
        return match &a.out {
            Some(p) => std::fs::write(p, json + "\n")
                .with_context(|| format!("cannot write {}", p.display())),
            None => {
                let mut out = std::io::stdout().lock();
                out.write_all(json.as_bytes())?;
                out.write_all(b"\n")?;
                Ok(())
            }
        };
    }
    let create = |p: &PathBuf| -> Result<std::io::BufWriter<std::fs::File>> {
        let f =
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?;
        Ok(std::io::BufWriter::with_capacity(1 << 20, f))
    };
    let mut truth = match &a.truth {
        Some(p) => Some(create(p)?),
        None => None,
    };
    let truth_out = truth.as_mut().map(|t| t as &mut dyn Write);
    match &a.out {
        Some(p) => {
            let mut out = create(p)?;
            write_members(&a, as_of, &mut out, truth_out)
                .with_context(|| format!("cannot write {}", p.display()))
        }
        None => write_members(&a, as_of, &mut super::assess::stdout(), truth_out),
    }
}
