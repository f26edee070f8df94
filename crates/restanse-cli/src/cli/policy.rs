//! `restanse policy`: prints the default policy, or checks one.
use anyhow::{Context, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the default policy, every field written out.
    #[arg(long, conflicts_with = "check")]
    pub default: bool,
    /// Check a policy file against the law and against sense.
    #[arg(long)]
    pub check: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<()> {
    match a.check {
        Some(p) => {
            let text = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            let policy = restanse::Policy::from_json(&text)
                .with_context(|| format!("in {}", p.display()))?;
            println!("{}: the policy is valid", p.display());
            for (field, why) in policy.warnings() {
                println!("warning: {field}: {why}");
            }
        }
        None => println!("{}", restanse::Policy::default().to_json_pretty()),
    }
    Ok(())
}
