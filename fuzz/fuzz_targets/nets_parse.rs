//! Feeds arbitrary bytes to the Nets reader. It must never panic; and whatever it accepts must write back
//! out and read back in unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = restanse_nets::parse_bytes(data) {
        let text = t.to_nets_string().expect("an accepted file must write");
        let back = restanse_nets::parse(&text).expect("a written file must read");
        assert_eq!(back, t);
    }
});
