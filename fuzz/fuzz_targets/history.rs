//! Histories for training (issue 14): any JSON is refused or read, and each snapshot is seen or refused by name.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(snaps) = restanse::model::history::parse(text) else { return };
    let policy = restanse::policy::Policy::default();
    for (i, s) in snaps.iter().enumerate().take(50) {
        let _ = restanse::model::see_snapshot(i, s, &policy);
    }
});
