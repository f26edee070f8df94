//! The JavaScript façade for data feeds (wasm32, in the tools module: feature `tools`): Nets files and the change feed, so a page can take
//! the files a user drops on it, apply them to the members, and then assess.
//!
//! As in [`crate::error`], everything crosses as JSON text; the pkg wrapper parses it. A Nets file that
//! cannot be read throws a JS `Error` whose message is `{"kind":"nets","file","line","field","message"}`.

use crate::error::{error, to_json, Detail};
use restanse::input::settlement::{self, NetsFile};
use restanse::policy::Policy;
use restanse_nets::ParseError;
use serde::Deserialize;
use std::collections::HashSet;
use wasm_bindgen::prelude::*;

fn nets_error(file: &str, e: ParseError) -> JsError {
    error(
        "nets",
        format!("{file}: {e}"),
        &[
            ("file", Detail::Text(file)),
            ("line", Detail::Number(e.line)),
            ("field", Detail::Text(e.field)),
            ("reason", Detail::Text(&e.reason)),
        ],
    )
}

/// A Nets file's text as JSON, the shape `restanse nets read --format json` prints.
#[wasm_bindgen(js_name = netsReadJson)]
pub fn nets_read_json(text: &str) -> Result<String, JsError> {
    to_json(&restanse_nets::parse(text).map_err(|e| nets_error("file", e))?)
}

#[derive(Deserialize)]
struct FileText {
    name: String,
    text: String,
}

/// Applies a change feed (NDJSON text, may be empty) and then Nets files (`[{"name","text"}]` as JSON
/// text) to a JSON array of members, as `restanse assess --events --nets` does. Returns
/// `{"members": [...], "rejected": [...], "events": report | null, "nets": report | null}` as JSON text.
/// `policy_json` supplies the KID scheme and bank calendar (`nets` section); undefined for the defaults.
#[wasm_bindgen(js_name = applyFeedsJson)]
pub fn apply_feeds_json(
    members_json: &str,
    nets_files_json: &str,
    events_ndjson: &str,
    as_of_day: &str,
    policy_json: Option<String>,
) -> Result<String, JsError> {
    let as_of = restanse::input::parse_as_of(as_of_day).map_err(|m| {
        error(
            "input",
            format!("asOf: {m}"),
            &[("field", Detail::Text("asOf"))],
        )
    })?;
    let policy = match policy_json {
        Some(text) => Policy::from_json(&text)
            .map_err(|e| error("policy", e.to_string(), &[("rule", e.rule().into())]))?,
        None => Policy::default(),
    };
    let texts: Vec<FileText> = if nets_files_json.trim().is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(nets_files_json).map_err(|e| {
            error(
                "input",
                format!("nets files: {e} (expected [{{\"name\", \"text\"}}])"),
                &[("field", Detail::Text("netsFiles"))],
            )
        })?
    };
    let files = texts
        .iter()
        .map(|f| NetsFile::parse(f.name.clone(), &f.text).map_err(|e| nets_error(&f.name, e)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut records =
        restanse::parse_batch(members_json).map_err(|e| error("input", e.to_string(), &[]))?;
    let events = (!events_ndjson.trim().is_empty()).then(|| {
        restanse::input::events::apply_to_records(
            &mut records,
            events_ndjson,
            as_of,
            &mut HashSet::new(),
        )
    });
    let nets = (!files.is_empty()).then(|| {
        settlement::apply_to_records(
            &mut records,
            &files,
            as_of,
            &policy.nets,
            &mut HashSet::new(),
        )
    });
    let (ok, rejected): (Vec<_>, Vec<_>) = records.into_iter().partition(|r| r.is_ok());
    let members: Vec<_> = ok.into_iter().filter_map(Result::ok).collect();
    let rejected: Vec<_> = rejected.into_iter().filter_map(Result::err).collect();
    to_json(&serde_json::json!({
        "members": members,
        "rejected": rejected,
        "events": events,
        "nets": nets,
    }))
}
