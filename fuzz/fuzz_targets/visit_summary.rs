//! The visit-summary CSV (`ID,frequency,recency,T`, issue 14): any text is refused or read, and what is read
//! predicts under each model's prior without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use restanse::visits::{predict, read_summaries, ModelKind};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((ids, rows)) = read_summaries(text) else { return };
    for kind in ModelKind::ALL {
        let _ = predict(&kind.prior(), &ids, &rows, 4.0);
    }
});
