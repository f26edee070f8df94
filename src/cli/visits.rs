//! `restanse visits ...` (being written).
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("restanse visits is not built yet")
}
