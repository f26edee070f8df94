//! The one mapping of restanse's errors to JS `Error`s: a message that is JSON (`{"kind", "message", ...}`), which
//! `pkg/common.mjs` unpacks into a `RestanseError`.

use restanse::policy::PolicyError;
use restanse::InputError;
use wasm_bindgen::prelude::*;

/// A detail an error carries besides its kind and message: a text, a whole number or null.
pub(crate) enum Detail<'a> {
    Text(&'a str),
    #[allow(dead_code)] // only the tools module writes numbers
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
        out.push_str(&restanse::output::json_string(s));
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

#[allow(dead_code)] // not in the tools module
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

#[cfg_attr(not(any(feature = "engine", feature = "tools")), allow(dead_code))]
pub(crate) fn input_error(e: InputError) -> JsError {
    error("input", e.to_string(), &[])
}

#[cfg_attr(not(any(feature = "engine", feature = "tools")), allow(dead_code))]
pub(crate) fn as_of(s: &str) -> Result<chrono::NaiveDate, JsError> {
    restanse::input::parse_as_of(s).map_err(|m| {
        error(
            "input",
            format!("asOf: {m}"),
            &[("field", Detail::Text("asOf"))],
        )
    })
}

/// `v` as JSON through serde (the tools module; the engine module writes its outputs with
/// `restanse::output::to_json_string`, which keeps serde's serialisation out of it).
#[cfg(feature = "tools")]
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<String, JsError> {
    serde_json::to_string(v).map_err(|e| error("internal", e.to_string(), &[]))
}

/// A bad argument, named (issue 14): an `input` error with its `field`.
#[cfg_attr(not(any(feature = "engine", feature = "tools")), allow(dead_code))]
pub(crate) fn argument(name: &str, message: String) -> JsError {
    error(
        "input",
        format!("{name}: {message}"),
        &[("field", Detail::Text(name))],
    )
}
