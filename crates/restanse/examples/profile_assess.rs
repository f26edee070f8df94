//! Assesses a large sample gym in a loop, for profilers and quick comparisons:
//! `cargo run --release -p restanse --example profile_assess [MEMBERS [LOOPS [checked|parsed|streamed|split|parse|held]]]`
//! (default 50,000, 30, `checked`; `streamed` is one CLI thread's work per record, as criterion's
//! `from_json/streamed`). Prints the fastest loop's time for `Engine::assess_checked` (validated members →
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
    let mode = std::env::args().nth(3).unwrap_or_default();
    let from_parsed = mode == "parsed";

    let json = restanse_sample::generate_json(n, 1, as_of);
    if mode == "streamed" {
        return streamed(&json, loops, as_of);
    }
    if matches!(mode.as_str(), "split" | "split-no-ids" | "parse" | "held") {
        return floor(&json, loops, &mode, as_of);
    }
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

/// `streamed`: what one CLI thread does per record (split, read, check, assess, the in-order collector), as
/// the criterion bench `from_json/streamed` measures it.
fn streamed(json: &str, loops: usize, as_of: chrono::NaiveDate) {
    let engine = restanse::Engine::default();
    let bytes = json.as_bytes();
    let Ok((_, spans)) = restanse::input::split::split_all(bytes) else {
        return;
    };
    let model = restanse::VisitSample::new(&engine, None).and_then(|mut s| {
        spans.iter().for_each(|x| s.offer(x));
        let mut text = |x: &restanse::input::split::Span| {
            bytes
                .get(x.start as usize..x.end as usize)
                .map(<[u8]>::to_vec)
        };
        s.fit(&engine, as_of, &mut text).ok()
    });
    let mut on_cpu = 0u64;
    let mut risk = 0.0;
    for _ in 0..loops {
        let cpu = cpu_ns();
        let mut spans = Vec::new();
        let mut s = restanse::input::split::Splitter::new();
        let _ = s.feed(bytes, &mut |x| spans.push(x));
        let _ = s.finish(&mut |x| spans.push(x));
        let mut collector = restanse::Collector::new(engine.policy().language);
        for x in spans {
            let text = bytes
                .get(x.start as usize..x.end as usize)
                .unwrap_or_default();
            let j = engine.judge_text(text, x.record, x.start, as_of, model.as_ref());
            if let Some(e) = collector.accept(j) {
                risk += e.assessment.risk;
            }
        }
        on_cpu += cpu_ns().saturating_sub(cpu);
    }
    println!(
        "streamed: on CPU {:.1} ms a loop ({risk:.1})",
        on_cpu as f64 / 1e6 / loops.max(1) as f64
    );
}

/// `split` and `parse`: the floors the other modes are compared with — finding each record and its id (the
/// streamed path's first step), and reading the whole batch into input types (`parse_batch`); `held`: the
/// batch as text to assessments (`Engine::assess_json`, as criterion's `from_json/parse+assess`).
fn floor(json: &str, loops: usize, mode: &str, as_of: chrono::NaiveDate) {
    let mut on_cpu = 0u64;
    let mut records = 0usize;
    for _ in 0..loops {
        let cpu = cpu_ns();
        records += match mode {
            "split" => {
                restanse::input::split::split_all(json.as_bytes()).map_or(0, |(_, s)| s.len())
            }
            "split-no-ids" => {
                let mut s = restanse::input::split::Splitter::new().without_ids();
                let mut n = 0;
                let _ = s.feed(json.as_bytes(), &mut |_| n += 1);
                n
            }
            "held" => restanse::Engine::default()
                .assess_json(json, as_of)
                .map_or(0, |o| o.assessments.len() + o.rejected.len()),
            _ => restanse::parse_batch(json).map_or(0, |p| p.len()),
        };
        on_cpu += cpu_ns().saturating_sub(cpu);
    }
    println!(
        "{mode}: on CPU {:.1} ms a loop ({records} records)",
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
