//! Reading summaries (`ID,frequency,recency,T`, the `lifetimes` format, as CSV text or JSON rows) and the
//! fit report that `restanse visits fit --format json` prints and the WebAssembly package returns.
//!
//! ```
//! use restanse::visits::{read_summaries, ModelKind};
//! let (ids, rows) = read_summaries("ID,frequency,recency,T\n7,2,30.43,38.86\n8,0,0,38.86\n").unwrap();
//! assert_eq!(ids, ["7", "8"]);
//! assert_eq!(rows[0].x, 2.0);
//! let (_, same) = read_summaries(r#"[{"ID": "7", "frequency": 2, "recency": 30.43, "T": 38.86}]"#).unwrap();
//! assert_eq!(same[0], rows[0]);
//! ```

use super::{fit, FitError, FitOptions, Fitted, ModelKind, Params, Summary};
use serde::Serialize;

/// Why a summary text could not be read: the row (1-based data row; the CSV header is row 0) and the reason.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("row {row}: {reason}")]
pub struct SummaryError {
    pub row: usize,
    pub reason: String,
}

fn bad(row: usize, reason: impl Into<String>) -> SummaryError {
    SummaryError {
        row,
        reason: reason.into(),
    }
}

/// Reads summaries from CSV text with a header naming `frequency`, `recency`, `T` (and optionally `ID`), or
/// from a JSON array of objects with those keys (`ID` a string or number). Rows without an `ID` are
/// numbered from 1. Every row is checked ([`Summary::check`]).
pub fn read_summaries(text: &str) -> Result<(Vec<String>, Vec<Summary>), SummaryError> {
    let (ids, rows) = if text.trim_start().starts_with('[') {
        read_json(text)?
    } else {
        read_csv(text)?
    };
    for (i, s) in rows.iter().enumerate() {
        s.check().map_err(|e| bad(i + 1, e))?;
    }
    Ok((ids, rows))
}

fn read_csv(text: &str) -> Result<(Vec<String>, Vec<Summary>), SummaryError> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<&str> = lines
        .next()
        .ok_or_else(|| bad(0, "empty: need a header ID,frequency,recency,T"))?
        .split(',')
        .map(|h| h.trim().trim_matches('"'))
        .collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let need = |name: &str| {
        col(name).ok_or_else(|| {
            bad(
                0,
                format!("no column {name:?} (need ID,frequency,recency,T)"),
            )
        })
    };
    let (id_col, x_col, tx_col, t_col) =
        (col("ID"), need("frequency")?, need("recency")?, need("T")?);
    let (mut ids, mut rows) = (Vec::new(), Vec::new());
    for (i, line) in lines.enumerate() {
        let cells: Vec<&str> = line
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        let num = |c: usize, name: &str| -> Result<f64, SummaryError> {
            let v = cells.get(c).copied().unwrap_or("");
            v.parse::<f64>()
                .map_err(|_| bad(i + 1, format!("{name} {v:?} is not a number")))
        };
        rows.push(Summary::new(
            num(x_col, "frequency")?,
            num(tx_col, "recency")?,
            num(t_col, "T")?,
        ));
        ids.push(
            id_col
                .and_then(|c| cells.get(c))
                .map_or_else(|| (i + 1).to_string(), |s| (*s).to_string()),
        );
    }
    Ok((ids, rows))
}

fn read_json(text: &str) -> Result<(Vec<String>, Vec<Summary>), SummaryError> {
    let values: Vec<serde_json::Value> =
        serde_json::from_str(text).map_err(|e| bad(0, format!("not a JSON array of rows: {e}")))?;
    let (mut ids, mut rows) = (Vec::new(), Vec::new());
    for (i, v) in values.iter().enumerate() {
        let num = |name: &str| -> Result<f64, SummaryError> {
            v.get(name)
                .and_then(serde_json::Value::as_f64)
                .ok_or_else(|| bad(i + 1, format!("{name} is missing or not a number")))
        };
        rows.push(Summary::new(num("frequency")?, num("recency")?, num("T")?));
        ids.push(match v.get("ID") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => (i + 1).to_string(),
        });
    }
    Ok((ids, rows))
}

/// One customer's predictions over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Prediction {
    pub id: String,
    pub p_alive: f64,
    pub expected_visits: f64,
    pub p_any_visit: f64,
}

/// Predictions for every row under `params` over `horizon` (the data's time unit).
pub fn predict(params: &Params, ids: &[String], data: &[Summary], horizon: f64) -> Vec<Prediction> {
    ids.iter()
        .zip(data)
        .map(|(id, s)| Prediction {
            id: id.clone(),
            p_alive: params.p_alive(s),
            expected_visits: params.expected_visits(s, horizon),
            p_any_visit: params.p_any_visit(s, horizon),
        })
        .collect()
}

/// A fit with, optionally, the predictions: `restanse visits fit --format json [--predict]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FitReport {
    #[serde(flatten)]
    pub fitted: Fitted,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predictions: Option<Vec<Prediction>>,
}

/// Fits `kind` (default options) and, with a horizon, predicts every row.
pub fn fit_report(
    kind: ModelKind,
    ids: &[String],
    data: &[Summary],
    horizon: Option<f64>,
) -> Result<FitReport, FitError> {
    let fitted = fit(kind, data, &FitOptions::default())?;
    let predictions = horizon.map(|h| predict(&fitted.params, ids, data, h));
    Ok(FitReport {
        fitted,
        horizon,
        predictions,
    })
}
