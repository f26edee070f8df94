//! The tools module's JavaScript façade (wasm32, feature `tools`): what a page needs around the engine but an
//! embedding membership system does not — the sample gym generator and the CSV export reader here, the data
//! feeds (Nets files, the change feed) in [`crate::feeds`].
//!
//! `scripts/build-pkg` builds these into a second WebAssembly module (`restanse/tools` in the npm package),
//! compiled for size, so that the engine's own module (`restanse`), compiled for speed, stays within its
//! 200 KB budget: a membership system that passes its members as objects never downloads the tools.

use crate::error::{as_of, input_error, to_json};
use restanse::input::{self, Tables};
use wasm_bindgen::prelude::*;

/// A sample gym as a JSON array of members.
#[wasm_bindgen(js_name = sampleJson)]
pub fn sample_json(members: u32, seed: u32, as_of_day: &str) -> Result<String, JsError> {
    if members as usize > restanse_sample::MAX_MEMBERS {
        return Err(crate::error::argument(
            "members",
            format!("at most {} members", restanse_sample::MAX_MEMBERS),
        ));
    }
    Ok(restanse_sample::generate_json(
        members as usize,
        u64::from(seed),
        as_of(as_of_day)?,
    ))
}

/// Turns a CSV export (the texts of its files; all but members may be empty) into
/// `{ "members": [...], "rejected": [...] }` as JSON text: members.csv, instalments.csv, visits.csv, holds.csv,
/// reminders.csv, and what the desk learned — contacts.csv, objections.csv, hardship.csv.
#[wasm_bindgen(js_name = csvToJson)]
#[allow(clippy::too_many_arguments)] // one text per file of the export, as the JS wrapper names them
pub fn csv_to_json(
    members: &str,
    instalments: &str,
    visits: &str,
    holds: &str,
    reminders: &str,
    contacts: &str,
    objections: &str,
    hardship: &str,
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
    let voice = restanse::input::VoiceTables {
        contacts: some(contacts),
        objections: some(objections),
        hardship: some(hardship),
    };
    let records = input::read_tables_with(&t, &voice).map_err(input_error)?;
    let (ok, rejected): (Vec<_>, Vec<_>) = records.into_iter().partition(|r| r.is_ok());
    let members: Vec<_> = ok.into_iter().filter_map(Result::ok).collect();
    let rejected: Vec<_> = rejected.into_iter().filter_map(Result::err).collect();
    to_json(&serde_json::json!({ "members": members, "rejected": rejected }))
}
