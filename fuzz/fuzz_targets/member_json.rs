//! The member JSON (issue 14): any bytes give an input error or an assessment of every record, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(engine) = restanse::Engine::new(restanse::policy::Policy::default()) else { return };
    if let Ok(parsed) = restanse::input::parse_batch(text) {
        common::run(&engine, parsed);
    }
    let _ = engine.worklist_json(text, common::as_of(), &Default::default());
});
