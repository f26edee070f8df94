//! Assesses a large sample gym in a loop, for profilers: `cargo run --release --example profile_assess`.
fn main() {
    let as_of = restanse::input::parse_date("2026-11-23").unwrap_or_default();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50_000);
    let json = restanse_sample::generate_json(n, 1, as_of);
    let parsed = restanse::parse_batch(&json).unwrap_or_default();
    let (checked, _) = restanse::input::validate_batch(parsed, as_of);
    let engine = restanse::Engine::default();
    let mut signals = 0usize;
    for _ in 0..30 {
        let out = engine.assess_checked(checked.clone(), Vec::new(), as_of);
        signals += out
            .assessments
            .iter()
            .map(|a| a.signals.len())
            .sum::<usize>();
    }
    println!("{signals}");
}
