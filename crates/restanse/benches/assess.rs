//! Assessing a sample gym, measured side by side with merely parsing its JSON (issue 18).
//!
//! `cargo bench -p restanse --bench assess` — the groups to compare (100,000 members of the sample gym; the
//! generator's data, so the figures are labelled as such in BENCHMARKS.md):
//! * `from_json/split`: finding each record and its id (`restanse::input::split`), the CLI's first pass;
//! * `from_json/parse`: JSON text → input types (`parse_batch`), the floor any JSON API pays;
//! * `from_json/parse+assess`: JSON text → assessments, the batch held in memory (`Engine::assess_json`);
//! * `from_json/streamed`: what one CLI thread does per record of a streamed batch — split, read, check,
//!   derive, assess ([`restanse::Engine::judge_text`]) — and the in-order duplicate check, one core;
//! * `assess_only/*`, one core: `checked` is the engine itself — validated members → assessments (derive,
//!   the batch's visit model, signals, risk, actions; `Engine::assess_checked`); `default` and
//!   `no_visit_model` start from records read but not checked (`Engine::judge`), with and without the visit
//!   model as evidence for `latent`, so their difference is what the latent evidence costs per member;
//! * `visit_model/fit`: fitting the batch's visit model on its hashed subsample, once per batch.
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use restanse::input::parse_batch;
use restanse::input::split::{split_all, Span, Splitter};
use restanse::Collector;
use restanse::{Engine, Policy, VisitSample};
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
    let bytes = json.as_bytes();
    let (_, spans) = split_all(bytes).unwrap();
    let model = {
        let mut s = VisitSample::new(&engine, None).unwrap();
        spans.iter().for_each(|x| s.offer(x));
        let mut text = |x: &Span| Some(bytes[x.start as usize..x.end as usize].to_vec());
        s.fit(&engine, as_of, &mut text).unwrap()
    };

    let mut g = c.benchmark_group("from_json");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Elements(MEMBERS as u64));
    g.bench_function("split", |b| {
        b.iter(|| {
            let mut s = Splitter::new();
            let mut n = 0usize;
            s.feed(bytes, &mut |_| n += 1).unwrap();
            s.finish(&mut |_| n += 1).unwrap();
            n
        })
    });
    g.bench_function("parse", |b| b.iter(|| parse_batch(&json).unwrap()));
    g.bench_function("parse+assess", |b| {
        b.iter(|| engine.assess_json(&json, as_of).unwrap())
    });
    g.bench_function("streamed", |b| {
        b.iter(|| {
            let mut spans = Vec::new();
            let mut s = Splitter::new();
            s.feed(bytes, &mut |x| spans.push(x)).unwrap();
            s.finish(&mut |x| spans.push(x)).unwrap();
            let mut collector = Collector::new(engine.policy().language);
            let mut risk = 0.0;
            for x in spans {
                let text = &bytes[x.start as usize..x.end as usize];
                let j = engine.judge_text(text, x.record, x.start, as_of, Some(&model));
                if let Some(e) = collector.accept(j) {
                    risk += e.assessment.risk;
                }
            }
            risk
        })
    });
    g.finish();

    let parsed = parse_batch(&json).unwrap();
    let no_model = {
        let mut p = Policy::default();
        p.latent.evidence_model = restanse::policy::EvidenceModel::None;
        Engine::new(p).unwrap()
    };
    let mut g = c.benchmark_group("assess_only");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(MEMBERS as u64));
    for (name, engine, visits) in [
        ("default", &engine, Some(&model)),
        ("no_visit_model", &no_model, None),
    ] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || parsed.clone(),
                |records| {
                    records
                        .into_iter()
                        .enumerate()
                        .map(|(i, p)| engine.judge(p, i + 1, as_of, visits))
                        .collect::<Vec<_>>()
                },
                BatchSize::LargeInput,
            )
        });
    }
    // the engine itself, as the batch held in memory runs it: validated members → derive, the batch's visit
    // model, signals, risk, actions
    let checked = restanse::input::validate_batch(parsed.clone(), as_of).0;
    g.bench_function("checked", |b| {
        b.iter_batched(
            || checked.clone(),
            |members| engine.assess_checked(members, Vec::new(), as_of),
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("visit_model");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("fit", |b| {
        b.iter(|| {
            let mut s = VisitSample::new(&engine, None).unwrap();
            spans.iter().for_each(|x| s.offer(x));
            let mut text = |x: &Span| Some(bytes[x.start as usize..x.end as usize].to_vec());
            s.fit(&engine, as_of, &mut text).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
