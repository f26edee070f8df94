//! The member JSON (issue 14): any bytes give an input error or an assessment of every record, never a panic —
//! read as text, and as bytes that need not be UTF-8 (`parse_batch_bytes`, the CLI's batch held in memory); and
//! the text read record by record (`assess_and_report_json`, issue 18) gives what the records read first give.
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
    let by_record = engine.assess_and_report_json(text, common::as_of());
    let read_first = restanse::input::parse_batch(text)
        .map(|parsed| engine.run(parsed, common::as_of(), true, &mut |_, _| {}));
    assert_eq!(by_record, read_first);
    let _ = engine.worklist_json(text, common::as_of(), &Default::default());
});
