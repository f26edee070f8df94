//! The JavaScript façade (wasm32 only): a thin layer over [`crate::Engine`].
//!
//! Members cross the boundary as JSON, in and out: in as the UTF-8 bytes of the text (the JS wrapper in
//! `pkg/` does `JSON.stringify` and `TextEncoder`, or passes a file's bytes as they are), out as text for
//! `JSON.parse`. That is the same serde_json path the CLI uses, so the package returns exactly what
//! `restanse assess --format json` prints, and it is faster than converting object by object. Errors become
//! JS `Error`s whose message is JSON (`{"kind", "message", ...}`) for the wrapper to unpack; a panic hook is
//! set at start-up, and no input path can panic (see the crate's tests).
//!
//! This file is the engine's module (`restanse` on npm), built for speed. Built with the feature `tools`,
//! the crate instead becomes the tools module (`restanse/tools`, [`crate::wasm_tools`]): the same helpers
//! here, without the engine's exports.

use crate::parse::InputError;
#[cfg(not(feature = "tools"))]
use crate::policy::Policy;
use crate::policy::PolicyError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A detail an error carries besides its kind and message: a text, a whole number or null.
pub(crate) enum Detail<'a> {
    Text(&'a str),
    #[cfg_attr(not(feature = "tools"), allow(dead_code))]
    Number(usize),
    Null,
}

impl<'a> From<Option<&'a str>> for Detail<'a> {
    fn from(v: Option<&'a str>) -> Detail<'a> {
        v.map_or(Detail::Null, Detail::Text)
    }
}

/// A JS `Error` whose message is `{"kind", "message", ...details}` as JSON. The object is written directly
/// rather than built as a `serde_json::Value`, which would bring `Value`'s serializer into the engine module.
pub(crate) fn error(kind: &str, message: String, details: &[(&str, Detail<'_>)]) -> JsError {
    fn text(out: &mut String, s: &str) {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    }
    let mut out = String::with_capacity(message.len() + 64);
    out.push_str("{\"kind\":");
    text(&mut out, kind);
    out.push_str(",\"message\":");
    text(&mut out, &message);
    for (key, detail) in details {
        out.push(',');
        text(&mut out, key);
        out.push(':');
        match detail {
            Detail::Text(s) => text(&mut out, s),
            Detail::Number(n) => out.push_str(&n.to_string()),
            Detail::Null => out.push_str("null"),
        }
    }
    out.push('}');
    JsError::new(&out)
}

#[cfg_attr(feature = "tools", allow(dead_code))]
pub(crate) fn policy_error(e: PolicyError) -> JsError {
    let (rule, field) = match &e {
        PolicyError::Rule { rule, field, .. } => (Some(*rule), field.clone()),
        PolicyError::Invalid { field, .. } | PolicyError::Unreadable { field, .. } => {
            (None, field.clone())
        }
    };
    error(
        "policy",
        e.to_string(),
        &[("rule", rule.into()), ("field", Detail::Text(&field))],
    )
}

pub(crate) fn input_error(e: InputError) -> JsError {
    error("input", e.to_string(), &[])
}

pub(crate) fn as_of(s: &str) -> Result<chrono::NaiveDate, JsError> {
    crate::dates::parse_date(s).map_err(|m| {
        error(
            "input",
            format!("asOf: {m}"),
            &[("field", Detail::Text("asOf"))],
        )
    })
}

#[cfg(not(feature = "tools"))]
/// Grows the heap once, up front, to what a batch of `input` bytes needs (about twice the input), and hands
/// it back to the allocator. Left alone, the allocator grows WebAssembly memory a few pages at a time, and
/// every growth makes the JS engine re-create the memory's buffer and reconsider garbage collection: that
/// made the first assessment of 100,000 members in a fresh page take 2–3 times as long as the next ones.
fn reserve_heap(input: usize) {
    drop(Vec::<u8>::with_capacity(input.saturating_mul(2)));
}

#[cfg(not(feature = "tools"))]
/// The input as text, or an input error saying where its bytes stop being UTF-8.
fn utf8(bytes: &[u8]) -> Result<&str, JsError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        input_error(InputError::Syntax {
            line,
            column,
            message: format!("the input is not UTF-8 text (at byte {})", e.valid_up_to()),
        })
    })
}

pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<String, JsError> {
    serde_json::to_string(v).map_err(|e| error("internal", e.to_string(), &[]))
}

#[cfg(not(feature = "tools"))]
/// The engine, holding a validated policy.
#[wasm_bindgen]
pub struct Engine {
    inner: crate::Engine,
}

#[cfg(not(feature = "tools"))]
#[wasm_bindgen]
impl Engine {
    /// `policy_json`: a policy as JSON text, or undefined for the Norwegian defaults; `model_json`: a
    /// trained model.json to score with instead of the scorecard, or undefined ([`crate::wasm_model`]).
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: Option<String>, model_json: Option<String>) -> Result<Engine, JsError> {
        let policy = match policy_json {
            Some(text) => Policy::from_json(&text).map_err(policy_error)?,
            None => Policy::default(),
        };
        Ok(Engine {
            inner: crate::wasm_model::engine(policy, model_json)?,
        })
    }

    /// Assesses a JSON array of members, given as the UTF-8 bytes of its text (a file as read; the JS
    /// wrapper encodes strings), and returns the output contract as JSON text. Bytes rather than a JS string:
    /// copying bytes in is a `memcpy`, while passing a string makes wasm-bindgen re-encode it into a buffer
    /// three times its length whenever it holds a non-ASCII character (every Norwegian name does).
    #[wasm_bindgen(js_name = assessJson)]
    pub fn assess_json(&self, members_json: &[u8], as_of_day: &str) -> Result<String, JsError> {
        reserve_heap(members_json.len());
        let out = self
            .inner
            .assess_json(utf8(members_json)?, as_of(as_of_day)?)
            .map_err(input_error)?;
        to_json(&out)
    }

    /// The portfolio report of a JSON array of members (UTF-8 bytes, as for `assessJson`), as JSON text.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self, members_json: &[u8], as_of_day: &str) -> Result<String, JsError> {
        reserve_heap(members_json.len());
        let out = self
            .inner
            .report_json(utf8(members_json)?, as_of(as_of_day)?)
            .map_err(input_error)?;
        to_json(&out)
    }

    /// The engine's policy, every field written out, as JSON text.
    #[wasm_bindgen(js_name = policyJson)]
    pub fn policy_json(&self) -> Result<String, JsError> {
        to_json(self.inner.policy())
    }
}

#[cfg(not(feature = "tools"))]
/// The default policy as JSON text.
#[wasm_bindgen(js_name = defaultPolicyJson)]
pub fn default_policy_json() -> Result<String, JsError> {
    to_json(&Policy::default())
}

#[cfg(not(feature = "tools"))]
/// Checks a policy; throws with the broken rule, returns the full policy (defaults filled in) as JSON.
#[wasm_bindgen(js_name = validatePolicyJson)]
pub fn validate_policy_json(policy_json: &str) -> Result<String, JsError> {
    to_json(&Policy::from_json(policy_json).map_err(policy_error)?)
}

/// Talc instead of the default dlmalloc: as fast here, and 3 KB smaller.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
