//! The policy (issue 14): any JSON is refused or accepted, and an accepted policy assesses without overflow.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(policy) = restanse::policy::Policy::from_json(text) else { return };
    let Ok(engine) = restanse::Engine::new(policy) else { return };
    common::run(&engine, common::members());
});
