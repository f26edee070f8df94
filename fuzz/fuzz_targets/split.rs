//! The streamed batch's splitter (issue 18): any bytes, cut into chunks anywhere, give the same records or the
//! same error as the whole input at once, never a panic; every record lies inside the input, in order, and
//! judging it (reading, checking, assessing) never panics either.
#![no_main]
use libfuzzer_sys::fuzz_target;
use restanse::input::split::{split_all, Splitter};
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, input)) = data.split_first() else { return };
    let whole = split_all(input);
    let mut s = Splitter::new();
    let mut spans = Vec::new();
    let mut error = None;
    for chunk in input.chunks(usize::from(cut).max(1)) {
        if let Err(e) = s.feed(chunk, &mut |x| spans.push(x)) {
            error = Some(e);
            break;
        }
    }
    if error.is_none() {
        error = s.finish(&mut |x| spans.push(x)).err();
    }
    match (whole, error) {
        (Ok((_, w)), None) => assert_eq!(w, spans),
        (Err(a), Some(b)) => assert_eq!(a, b),
        (a, b) => panic!("chunking changed the outcome: {a:?} / {b:?}"),
    }
    let Ok(engine) = restanse::Engine::new(restanse::policy::Policy::default()) else { return };
    let mut last = 0u64;
    for x in &spans {
        assert!(last <= x.start && x.start < x.end && x.end <= input.len() as u64);
        last = x.end;
        let text = &input[x.start as usize..x.end as usize];
        let _ = engine.judge_text(text, x.record, x.start, common::as_of(), None);
    }
});
