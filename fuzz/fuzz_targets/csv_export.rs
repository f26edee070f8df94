//! The CSV export (issue 14): the input is the five files' texts joined by the byte 0x1E; any of them gives an
//! input error or records that all reconcile, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.split('\u{1e}');
    let members = parts.next().unwrap_or("");
    let mut next = || parts.next().filter(|s| !s.trim().is_empty());
    let t = restanse::input::Tables {
        members,
        instalments: next(),
        visits: next(),
        holds: next(),
        reminders: next(),
    };
    if let Ok(records) = restanse::input::read_tables(&t) {
        let Ok(engine) = restanse::Engine::new(restanse::policy::Policy::default()) else { return };
        common::run(&engine, records);
    }
});
