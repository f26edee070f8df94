//! The member input's `Deserialize` (issue 17: written out in `member_json.rs` instead of derived): any text reads
//! to the member serde's derive read from it, or fails with the same message at the same line and column — but
//! for a struct written as an array, which the derive read by position and which is now refused.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(difference) = restanse::input::derive_disagrees(text) {
        panic!("{text}: {difference}");
    }
});
