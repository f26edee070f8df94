//! model.json (issue 14): any JSON is refused or accepted, and an accepted model scores every member with a
//! risk in [0, 1].
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(model) = restanse::model::RiskModel::for_members(text) else { return };
    let Ok(engine) = restanse::Engine::with_model(restanse::policy::Policy::default(), model) else { return };
    common::run(&engine, common::members());
});
