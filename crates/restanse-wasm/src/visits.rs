//! The visit models from JavaScript (wasm32, in the tools module: feature `tools`): a thin layer over [`crate::visits`], JSON text in and out,
//! errors as JS `Error`s whose message is JSON (`{"kind": "input" | "fit", "message", "row"?}`), as in
//! `wasm.rs`.
//!
//! `visitsFitJson(model, text, horizon?)` returns exactly what `restanse visits fit FILE --model M
//! --format json [--predict --horizon H]` prints (without its pretty-printing); `visitsPredictJson(params,
//! text, horizon)` applies parameters already fitted.

use crate::error::{to_json, Detail};
use restanse::visits::{fit_report, predict, read_summaries, ModelKind, Params, SummaryError};
use wasm_bindgen::prelude::*;

fn error(kind: &str, message: String, row: Option<usize>) -> JsError {
    let row = row.map_or(Detail::Null, Detail::Number);
    crate::error::error(kind, message, &[("row", row)])
}

fn read(text: &str) -> Result<(Vec<String>, Vec<restanse::visits::Summary>), JsError> {
    read_summaries(text).map_err(|e: SummaryError| error("input", e.to_string(), Some(e.row)))
}

/// Fits `model` ("bgnbd", "mbgnbd" or "pareto") to summaries (CSV `ID,frequency,recency,T` or JSON rows);
/// with a `horizon`, adds P(alive), expected visits and P(any visit) per row.
#[wasm_bindgen(js_name = visitsFitJson)]
pub fn visits_fit_json(model: &str, text: &str, horizon: Option<f64>) -> Result<String, JsError> {
    let kind = ModelKind::ALL
        .into_iter()
        .find(|k| k.name() == model)
        .ok_or_else(|| {
            error(
                "input",
                format!("model {model:?}: expected bgnbd, mbgnbd or pareto"),
                None,
            )
        })?;
    let (ids, data) = read(text)?;
    let report =
        fit_report(kind, &ids, &data, horizon).map_err(|e| error("fit", e.to_string(), None))?;
    to_json(&report)
}

/// Predictions per row under parameters (`{"kind": "bgnbd", "r", "alpha", "a", "b"}` or the Pareto/NBD
/// `{"kind": "pareto", "r", "alpha", "s", "beta"}`; a fit's JSON will do) over `horizon`.
#[wasm_bindgen(js_name = visitsPredictJson)]
pub fn visits_predict_json(params_json: &str, text: &str, horizon: f64) -> Result<String, JsError> {
    let params: Params = serde_json::from_str(params_json)
        .map_err(|e| error("input", format!("parameters: {e}"), None))?;
    let valid = params
        .named()
        .iter()
        .all(|(_, v)| v.is_finite() && *v > 0.0);
    if !valid {
        return Err(error(
            "input",
            "parameters must be positive numbers".into(),
            None,
        ));
    }
    let (ids, data) = read(text)?;
    to_json(&predict(&params, &ids, &data, horizon))
}
