//! A plain numeric table (CSV with a header), for fitting and predicting outside the gym's own data —
//! so the fit can be checked against scikit-learn, R or anything else on the very same numbers.

/// Why a table could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TableError {
    #[error("the table is not CSV: {0}")]
    Csv(String),
    #[error("the table has no rows")]
    Empty,
    #[error("there is no column {0:?} (the columns are {1})")]
    NoColumn(String, String),
    #[error("row {row}, column {column:?}: {value:?} is not a number")]
    NotNumber {
        row: usize,
        column: String,
        value: String,
    },
    #[error(
        "row {row}, column {column:?}: the label must be 0 or 1 (or true/false), not {value:?}"
    )]
    BadLabel {
        row: usize,
        column: String,
        value: String,
    },
}

/// Numeric columns by name; rows are numbered from 1 (the first line after the header).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub names: Vec<String>,
    pub rows: Vec<Vec<f64>>,
    /// The label column, when one was asked for.
    pub labels: Option<Vec<bool>>,
}

/// Reads a CSV table; `label` names the 0/1 column to take out as the outcome. Columns named in `skip`
/// (such as an id) are ignored.
pub fn read(text: &str, label: Option<&str>, skip: &[&str]) -> Result<Table, TableError> {
    read_where(text, label, |h| !skip.contains(&h))
}

/// Reads the columns whose header `wanted` accepts, and the `label` column as the outcome.
fn read_where(
    text: &str,
    label: Option<&str>,
    wanted: impl Fn(&str) -> bool,
) -> Result<Table, TableError> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| TableError::Csv(e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    let label_at = match label {
        Some(l) => Some(
            header
                .iter()
                .position(|h| h == l)
                .ok_or_else(|| TableError::NoColumn(l.into(), header.join(", ")))?,
        ),
        None => None,
    };
    let keep: Vec<usize> = (0..header.len())
        .filter(|&j| Some(j) != label_at && wanted(&header[j]))
        .collect();
    let names = keep.iter().map(|&j| header[j].clone()).collect();
    let mut rows = Vec::new();
    let mut labels = label_at.map(|_| Vec::new());
    for (r, rec) in rdr.records().enumerate() {
        let row = r + 1;
        let rec = rec.map_err(|e| TableError::Csv(format!("row {row}: {e}")))?;
        let cell = |j: usize| rec.get(j).unwrap_or("");
        let mut values = Vec::with_capacity(keep.len());
        for &j in &keep {
            let v = cell(j);
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() => values.push(x),
                _ => {
                    return Err(TableError::NotNumber {
                        row,
                        column: header[j].clone(),
                        value: v.into(),
                    })
                }
            }
        }
        if let (Some(j), Some(ls)) = (label_at, labels.as_mut()) {
            let v = cell(j);
            ls.push(match v {
                "1" | "1.0" | "true" | "TRUE" | "True" => true,
                "0" | "0.0" | "false" | "FALSE" | "False" => false,
                _ => {
                    return Err(TableError::BadLabel {
                        row,
                        column: header[j].clone(),
                        value: v.into(),
                    })
                }
            });
        }
        rows.push(values);
    }
    if rows.is_empty() {
        return Err(TableError::Empty);
    }
    Ok(Table {
        names,
        rows,
        labels,
    })
}

impl Table {
    /// The table as CSV, the label (when there is one) last under `label`; numbers in shortest round-trip form.
    pub fn to_csv(&self, label: &str) -> String {
        let mut out = self.names.join(",");
        if self.labels.is_some() {
            out.push(',');
            out.push_str(label);
        }
        out.push('\n');
        for (i, row) in self.rows.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|v| format!("{v:?}")).collect();
            out.push_str(&cells.join(","));
            if let Some(l) = self.labels.as_ref().and_then(|ls| ls.get(i)) {
                out.push_str(if *l { ",1" } else { ",0" });
            }
            out.push('\n');
        }
        out
    }
}

/// Reads only the columns a model needs (others, such as a label or an id, may be anything).
pub fn read_columns(text: &str, model: &crate::model::RiskModel) -> Result<Table, TableError> {
    read_where(text, None, |h| model.features.iter().any(|f| f.name == h))
}
