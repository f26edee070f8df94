//! The JavaScript façade (wasm32 only): a thin layer over [`crate::Engine`].
//!
//! Members cross the boundary as JSON text, in and out: the JS wrapper in `pkg/` does `JSON.stringify` and
//! `JSON.parse`. That is the same serde_json path the CLI uses, so the package returns exactly what
//! `restanse assess --format json` prints, and it is faster than converting object by object. Errors become
//! JS `Error`s whose message is JSON (`{"kind", "message", ...}`) for the wrapper to unpack; a panic hook is
//! set at start-up, and no input path can panic (see the crate's tests).

use crate::csv_input::{self, Tables};
use crate::parse::InputError;
use crate::policy::{Policy, PolicyError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn error(kind: &str, message: String, extra: serde_json::Value) -> JsError {
    let mut v = serde_json::json!({ "kind": kind, "message": message });
    if let (Some(obj), serde_json::Value::Object(more)) = (v.as_object_mut(), extra) {
        obj.extend(more);
    }
    JsError::new(&v.to_string())
}

fn policy_error(e: PolicyError) -> JsError {
    let (rule, field) = match &e {
        PolicyError::Rule { rule, field, .. } => (Some(*rule), field.clone()),
        PolicyError::Invalid { field, .. } | PolicyError::Unreadable { field, .. } => {
            (None, field.clone())
        }
    };
    error(
        "policy",
        e.to_string(),
        serde_json::json!({ "rule": rule, "field": field }),
    )
}

fn input_error(e: InputError) -> JsError {
    error("input", e.to_string(), serde_json::json!({}))
}

fn as_of(s: &str) -> Result<chrono::NaiveDate, JsError> {
    crate::dates::parse_date(s).map_err(|m| {
        error(
            "input",
            format!("asOf: {m}"),
            serde_json::json!({ "field": "asOf" }),
        )
    })
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, JsError> {
    serde_json::to_string(v).map_err(|e| error("internal", e.to_string(), serde_json::json!({})))
}

/// The engine, holding a validated policy.
#[wasm_bindgen]
pub struct Engine {
    inner: crate::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// `policy_json`: a policy as JSON text, or undefined for the Norwegian defaults.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: Option<String>) -> Result<Engine, JsError> {
        let policy = match policy_json {
            Some(text) => Policy::from_json(&text).map_err(policy_error)?,
            None => Policy::default(),
        };
        Ok(Engine {
            inner: crate::Engine::new(policy).map_err(policy_error)?,
        })
    }

    /// Assesses a JSON array of members; returns the output contract as JSON text.
    #[wasm_bindgen(js_name = assessJson)]
    pub fn assess_json(&self, members_json: &str, as_of_day: &str) -> Result<String, JsError> {
        let out = self
            .inner
            .assess_json(members_json, as_of(as_of_day)?)
            .map_err(input_error)?;
        to_json(&out)
    }

    /// The portfolio report of a JSON array of members, as JSON text.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self, members_json: &str, as_of_day: &str) -> Result<String, JsError> {
        let out = self
            .inner
            .report_json(members_json, as_of(as_of_day)?)
            .map_err(input_error)?;
        to_json(&out)
    }

    /// The engine's policy, every field written out, as JSON text.
    #[wasm_bindgen(js_name = policyJson)]
    pub fn policy_json(&self) -> Result<String, JsError> {
        to_json(self.inner.policy())
    }
}

/// The default policy as JSON text.
#[wasm_bindgen(js_name = defaultPolicyJson)]
pub fn default_policy_json() -> Result<String, JsError> {
    to_json(&Policy::default())
}

/// Checks a policy; throws with the broken rule, returns the full policy (defaults filled in) as JSON.
#[wasm_bindgen(js_name = validatePolicyJson)]
pub fn validate_policy_json(policy_json: &str) -> Result<String, JsError> {
    to_json(&Policy::from_json(policy_json).map_err(policy_error)?)
}

/// A sample gym as a JSON array of members.
#[wasm_bindgen(js_name = sampleJson)]
pub fn sample_json(members: u32, seed: u32, as_of_day: &str) -> Result<String, JsError> {
    Ok(crate::sample::generate_json(
        members as usize,
        u64::from(seed),
        as_of(as_of_day)?,
    ))
}

/// Turns a CSV export (the texts of its files; all but members may be empty) into
/// `{ "members": [...], "rejected": [...] }` as JSON text.
#[wasm_bindgen(js_name = csvToJson)]
pub fn csv_to_json(
    members: &str,
    instalments: &str,
    visits: &str,
    holds: &str,
    reminders: &str,
) -> Result<String, JsError> {
    fn some(s: &str) -> Option<&str> {
        (!s.trim().is_empty()).then_some(s)
    }
    let t = Tables {
        members,
        instalments: some(instalments),
        visits: some(visits),
        holds: some(holds),
        reminders: some(reminders),
    };
    let records = csv_input::read_tables(&t).map_err(input_error)?;
    let (ok, rejected): (Vec<_>, Vec<_>) = records.into_iter().partition(|r| r.is_ok());
    let members: Vec<_> = ok.into_iter().filter_map(Result::ok).collect();
    let rejected: Vec<_> = rejected.into_iter().filter_map(Result::err).collect();
    to_json(&serde_json::json!({ "members": members, "rejected": rejected }))
}
