//! Assesses a large sample gym in a loop, for profilers and quick comparisons:
//! `cargo run --release -p restanse --example profile_assess [MEMBERS [LOOPS [checked|parsed]]]` (default
//! 50,000, 30, `checked`). Prints the fastest loop's time for `Engine::assess_checked` (validated members →
//! assessments), or with `parsed` for `Engine::assess_parsed` (records read → checked and assessed), its
//! throughput, and on Linux the mean CPU time the thread spent on it (`/proc/thread-self/schedstat`), which
//! other processes on a busy machine disturb far less than the wall clock. The figures of record come from
//! `benches/assess.sh` (criterion), not from here.
use std::time::Instant;

// the allocator the `restanse` binary uses, so the profile is the CLI's
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let as_of = restanse::input::parse_date("2026-11-23").unwrap_or_default();
    let arg = |i: usize, d: usize| {
        std::env::args()
            .nth(i)
            .and_then(|s| s.parse().ok())
            .unwrap_or(d)
    };
    let (n, loops) = (arg(1, 50_000), arg(2, 30));
    let from_parsed = std::env::args().nth(3).as_deref() == Some("parsed");
    let json = restanse_sample::generate_json(n, 1, as_of);
    let parsed = restanse::parse_batch(&json).unwrap_or_default();
    let (checked, _) = restanse::input::validate_batch(parsed.clone(), as_of);
    let engine = restanse::Engine::default();
    let mut signals = 0usize;
    let mut best = f64::INFINITY;
    let mut on_cpu = 0u64;
    for _ in 0..loops {
        let (members, records) = if from_parsed {
            (Vec::new(), parsed.clone())
        } else {
            (checked.clone(), Vec::new())
        };
        let (t, cpu) = (Instant::now(), cpu_ns());
        let out = if from_parsed {
            engine.assess_parsed(records, as_of)
        } else {
            engine.assess_checked(members, Vec::new(), as_of)
        };
        best = best.min(t.elapsed().as_secs_f64());
        on_cpu += cpu_ns().saturating_sub(cpu);
        signals += out
            .assessments
            .iter()
            .map(|a| a.signals.len())
            .sum::<usize>();
    }
    println!(
        "{n} members, fastest of {loops}: {:.1} ms, {:.0} members/s; on CPU {:.1} ms a loop ({signals} signals)",
        best * 1e3,
        n as f64 / best,
        on_cpu as f64 / 1e6 / loops.max(1) as f64
    );
}

/// Nanoseconds this thread has spent on a CPU (0 where the kernel does not say).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
