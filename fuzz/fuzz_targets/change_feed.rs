//! The change feed (issue 14): any NDJSON applied to a small gym; every line is applied, skipped or rejected,
//! and the members that come out still assess without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(feed) = std::str::from_utf8(data) else { return };
    let mut records = common::members();
    let mut seen = std::collections::HashSet::new();
    let r = restanse::input::events::apply_to_records(&mut records, feed, common::as_of(), &mut seen);
    assert_eq!(
        r.applied + r.duplicates.len() + r.rejected.len() + r.future.len(),
        r.lines
    );
    let Ok(engine) = restanse::Engine::new(restanse::policy::Policy::default()) else { return };
    common::run(&engine, records);
});
