//! The trained risk model in JavaScript (wasm32).
//!
//! * In the engine's module: [`engine`] builds the engine the constructor `new Engine(policy, model)`
//!   returns, scoring with a model.json when one is given. Scoring needs only [`crate::model`]'s
//!   arithmetic, none of linfa, so the module stays within its size budget.
//! * In the training module (feature `train`, `restanse/train` on npm, loaded only by a page that trains):
//!   [`train`], a history in and a model.json out, through the very code `restanse train` runs.

use crate::error::{error, policy_error};
use restanse::model::ModelError;
use restanse::policy::Policy;
use wasm_bindgen::prelude::*;

fn model_error(e: ModelError) -> JsError {
    let field = match &e {
        ModelError::Json { path, .. } => Some(path.clone()),
        ModelError::Invalid { field, .. } => Some(field.clone()),
        _ => None,
    };
    error(
        "model",
        e.to_string(),
        &[("field", field.as_deref().into())],
    )
}

#[cfg(feature = "engine")]
/// The engine for `policy`, scoring with the model in `model_json` when given (a member model; a model
/// trained on a plain table is refused).
pub(crate) fn engine(
    policy: Policy,
    model_json: Option<String>,
) -> Result<restanse::Engine, JsError> {
    match model_json {
        Some(text) => {
            let model = restanse::model::RiskModel::for_members(&text).map_err(model_error)?;
            restanse::Engine::with_model(policy, model).map_err(policy_error)
        }
        None => restanse::Engine::new(policy).map_err(policy_error),
    }
}

/// Options of [`train`], as JSON: `{ "l2"?: number, "testFrom"?: "YYYY-MM-DD", "policy"?: {...} }`.
#[cfg(feature = "train")]
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    l2: Option<f64>,
    #[serde(default, with = "restanse::input::opt_day")]
    test_from: Option<chrono::NaiveDate>,
    policy: Option<Box<serde_json::value::RawValue>>,
}

/// Trains a model on a history (JSON text of `[{ asOf, member, outcome }]`) and returns model.json as text;
/// `options_json` is [`Options`] as JSON text, or undefined.
#[cfg(feature = "train")]
#[wasm_bindgen]
pub fn train(history_json: &str, options_json: Option<String>) -> Result<String, JsError> {
    let opts: Options = match options_json.as_deref() {
        Some(text) if !text.trim().is_empty() => restanse::input::from_json_with_path(text)
            .map_err(|(path, message)| {
                error(
                    "input",
                    format!("options: {path}: {message}"),
                    &[("field", crate::error::Detail::Text(&path))],
                )
            })?,
        _ => Options::default(),
    };
    let policy = match &opts.policy {
        Some(raw) => Policy::from_json(raw.get()).map_err(policy_error)?,
        None => Policy::default(),
    };
    let train = restanse_train::TrainOptions {
        l2: opts.l2,
        test_from: opts.test_from,
    };
    let model =
        restanse_train::train_history_json(history_json, &policy, &train).map_err(|e| match e {
            restanse_train::TrainError::Model(e) => model_error(e),
            restanse_train::TrainError::Fit(e) => error("model", e.to_string(), &[]),
        })?;
    Ok(model.to_json())
}
