//! The engine's module (`restanse` on npm, feature `engine`): the `Engine` class and the policy's helpers.

use crate::error::{as_of, error, input_error, policy_error, Detail};
use restanse::output::to_json_string;
use restanse::policy::Policy;
use restanse::InputError;
use wasm_bindgen::prelude::*;

/// Grows the heap once, up front, to what a batch of `input` bytes needs besides its own copy (about as much
/// again: the assessments and their JSON; the members are read one at a time, so they need next to nothing),
/// and hands it back to the allocator. Left alone, the allocator grows WebAssembly memory a few pages at a
/// time, and every growth makes the JS engine re-create the memory's buffer and reconsider garbage
/// collection: that made the first assessment of 100,000 members in a fresh page take 2–3 times as long as the
/// next ones. (Issue 18: 100,000 sample members, 216 MB of JSON, need a 410 MB heap; the reserve was twice
/// the input while every member's input was held, 648 MB.)
///
/// (issue 14) A batch larger than [`MAX_INPUT_BYTES`] is refused with an `input` error before anything is
/// allocated: a 32-bit module cannot hold it, and running out of memory would trap and kill the module.
fn reserve_heap(input: usize) -> Result<(), JsError> {
    if input > MAX_INPUT_BYTES {
        return Err(crate::error::argument(
            "members",
            format!(
                "{input} bytes is more than the {MAX_INPUT_BYTES} bytes (256 MiB) one call takes: split the batch"
            ),
        ));
    }
    drop(Vec::<u8>::with_capacity(input));
    Ok(())
}

/// The largest batch of members one call takes, in bytes of JSON (256 MiB).
pub(crate) const MAX_INPUT_BYTES: usize = 256 << 20;

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

/// The engine, holding a validated policy.
#[wasm_bindgen]
pub struct Engine {
    inner: restanse::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// `policy_json`: a policy as JSON text, or undefined for the Norwegian defaults; `model_json`: a
    /// trained model.json to score with instead of the scorecard, or undefined ([`crate::model`]).
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: Option<String>, model_json: Option<String>) -> Result<Engine, JsError> {
        let policy = match policy_json {
            Some(text) => Policy::from_json(&text).map_err(policy_error)?,
            None => Policy::default(),
        };
        Ok(Engine {
            inner: crate::model::engine(policy, model_json)?,
        })
    }

    /// Assesses a JSON array of members, given as the UTF-8 bytes of its text (a file as read; the JS
    /// wrapper encodes strings), and returns the output contract as JSON text. Bytes rather than a JS string:
    /// copying bytes in is a `memcpy`, while passing a string makes wasm-bindgen re-encode it into a buffer
    /// three times its length whenever it holds a non-ASCII character (every Norwegian name does).
    #[wasm_bindgen(js_name = assessJson)]
    pub fn assess_json(&self, members_json: &[u8], as_of_day: &str) -> Result<String, JsError> {
        reserve_heap(members_json.len())?;
        let out = self
            .inner
            .assess_json(utf8(members_json)?, as_of(as_of_day)?)
            .map_err(input_error)?;
        Ok(to_json_string(&out))
    }

    /// The portfolio report of a JSON array of members (UTF-8 bytes, as for `assessJson`), as JSON text.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self, members_json: &[u8], as_of_day: &str) -> Result<String, JsError> {
        reserve_heap(members_json.len())?;
        let out = self
            .inner
            .report_json(utf8(members_json)?, as_of(as_of_day)?)
            .map_err(input_error)?;
        Ok(to_json_string(&out))
    }

    /// Assessments and the portfolio report of one batch from one pass of the engine (each member derived once),
    /// as JSON text `{"assess": <output contract>, "report": <report>}`: what a page showing both needs.
    #[wasm_bindgen(js_name = assessAndReportJson)]
    pub fn assess_and_report_json(
        &self,
        members_json: &[u8],
        as_of_day: &str,
    ) -> Result<String, JsError> {
        reserve_heap(members_json.len())?;
        let run = self
            .inner
            .assess_and_report_json(utf8(members_json)?, as_of(as_of_day)?)
            .map_err(input_error)?;
        let mut out = String::from("{\"assess\":");
        out.push_str(&to_json_string(&run.output));
        out.push_str(",\"report\":");
        match &run.report {
            Some(report) => out.push_str(&to_json_string(report)),
            None => out.push_str("null"),
        }
        out.push('}');
        Ok(out)
    }

    /// The day's worklist (JSON text `{"asOf", "steps", "deferred"}`) of a JSON array of members (UTF-8 bytes);
    /// `capacity` is `CHANNEL=N,...` (`phone=40,letter=200`), empty for no limits.
    #[wasm_bindgen(js_name = worklistJson)]
    pub fn worklist_json(
        &self,
        members_json: &[u8],
        as_of_day: &str,
        capacity: &str,
    ) -> Result<String, JsError> {
        let capacity = restanse::output::Capacity::parse(capacity).map_err(|e| {
            error(
                "input",
                format!("capacity: {e}"),
                &[("field", Detail::Text("capacity"))],
            )
        })?;
        reserve_heap(members_json.len())?;
        let list = self
            .inner
            .worklist_json(utf8(members_json)?, as_of(as_of_day)?, &capacity)
            .map_err(input_error)?;
        Ok(to_json_string(&list))
    }

    /// The engine's policy, every field written out, as JSON text.
    #[wasm_bindgen(js_name = policyJson)]
    pub fn policy_json(&self) -> Result<String, JsError> {
        Ok(to_json_string(self.inner.policy()))
    }
}

/// The default policy as JSON text.
#[wasm_bindgen(js_name = defaultPolicyJson)]
pub fn default_policy_json() -> Result<String, JsError> {
    Ok(to_json_string(&Policy::default()))
}

/// Checks a policy; throws with the broken rule, returns the full policy (defaults filled in) as JSON.
#[wasm_bindgen(js_name = validatePolicyJson)]
pub fn validate_policy_json(policy_json: &str) -> Result<String, JsError> {
    Ok(to_json_string(
        &Policy::from_json(policy_json).map_err(policy_error)?,
    ))
}
