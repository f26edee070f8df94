//! The member JSON (issue 14): any bytes give an input error or an assessment of every record, never a panic —
//! read as text, and as bytes that need not be UTF-8 (`parse_batch_bytes`, the CLI's batch held in memory).
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(engine) = restanse::Engine::new(restanse::policy::Policy::default()) else { return };
    if let Ok(parsed) = restanse::input::parse_batch_bytes(data) {
        common::run(&engine, parsed);
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(parsed) = restanse::input::parse_batch(text) {
        common::run(&engine, parsed);
    }
    let _ = engine.worklist_json(text, common::as_of(), &Default::default());
});
