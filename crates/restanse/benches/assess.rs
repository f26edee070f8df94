//! Assessing a sample gym, measured side by side with merely parsing its JSON.
//!
//! `cargo bench --bench assess` — the groups to compare:
//! * `from_json/parse`: JSON text → input types (`parse_batch`), the floor any JSON API pays;
//! * `from_json/parse+assess`: JSON text → assessments, what `restanse assess` does before printing;
//! * `assess_only`: validated members → assessments (the engine itself), reported as members per second.
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use restanse::input::{parse_batch, validate_batch};
use restanse::Engine;
use restanse_sample as sample;
use std::time::Duration;

const MEMBERS: usize = 100_000;

// the allocator the `restanse` binary uses, so the figures are the CLI's
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let as_of = restanse::input::parse_date("2026-11-23").unwrap();
    let json = sample::generate_json(MEMBERS, 1, as_of);
    let engine = Engine::default();

    let mut g = c.benchmark_group("from_json");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(MEMBERS as u64));
    g.bench_function("parse", |b| b.iter(|| parse_batch(&json).unwrap()));
    g.bench_function("parse+assess", |b| {
        b.iter(|| engine.assess_json(&json, as_of).unwrap())
    });
    g.finish();

    let checked = validate_batch(parse_batch(&json).unwrap(), as_of).0;
    let mut g = c.benchmark_group("assess_only");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(MEMBERS as u64));
    g.bench_function("members", |b| {
        b.iter_batched(
            || checked.clone(),
            |members| engine.assess_checked(members, Vec::new(), as_of),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
