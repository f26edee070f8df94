//! `restanse predict`: apply a model.json to a plain numeric CSV table, one probability per row, so a fit
//! can be compared with scikit-learn or any other tool on the same numbers.
use anyhow::{Context, Result};
use restanse::model::{table, RiskModel};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model (from `restanse train`).
    #[arg(long)]
    pub model: PathBuf,
    /// A CSV table with (at least) the model's feature columns; other columns are ignored.
    #[arg(long)]
    pub table: PathBuf,
}

pub fn run(a: Args) -> Result<()> {
    let text = std::fs::read_to_string(&a.model)
        .with_context(|| format!("cannot read {}", a.model.display()))?;
    let model = RiskModel::from_json(&text).with_context(|| format!("in {}", a.model.display()))?;
    let text = std::fs::read_to_string(&a.table)
        .with_context(|| format!("cannot read {}", a.table.display()))?;
    let tab =
        table::read_columns(&text, &model).with_context(|| format!("in {}", a.table.display()))?;
    let p = model.predict_table(&tab)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "row,probability")?;
    for (i, p) in p.iter().enumerate() {
        writeln!(out, "{},{p:.12}", i + 1)?;
    }
    out.flush()?;
    Ok(())
}
