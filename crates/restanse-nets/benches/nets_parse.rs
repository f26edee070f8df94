//! Criterion bench: reading the sample files and a generated 10,000-transaction OCR Giro file, and
//! writing the latter back. The end-to-end comparison with netsgiro is `benches/nets_vs_netsgiro.py`.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::fmt::Write;

fn ocr_file(n: u64) -> String {
    let mut s = String::with_capacity((n as usize * 2 + 4) * 81);
    s.push_str(
        "NY000010000080800170031000102000000000000000000000000000000000000000000000000000\n",
    );
    s.push_str(
        "NY090020001008566000000299991042764000000000000000000000000000000000000000000000\n",
    );
    let mut total = 0;
    for i in 1..=n {
        let ore = 10_000 + (i * 7919) % 90_000;
        total += ore;
        let kid = format!("{i:014}");
        let _ = writeln!(s, "NY091530{i:07}20112613201014640{ore:017}{kid:>25}000000");
        let _ = writeln!(
            s,
            "NY091531{i:07}0000000000{:09}000000020112699990512341{}",
            i % 1_000_000_000,
            "0".repeat(22)
        );
    }
    let _ = writeln!(
        s,
        "NY090088{n:08}{:08}{total:017}201126201126201126{}",
        2 * n + 2,
        "0".repeat(21)
    );
    let _ = writeln!(
        s,
        "NY000089{n:08}{:08}{total:017}201126{}",
        2 * n + 4,
        "0".repeat(33)
    );
    s
}

fn bench(c: &mut Criterion) {
    let samples = [
        (
            "agreements",
            include_str!("../../../tests/data/nets/avtalegiro_agreements.txt"),
        ),
        (
            "claims",
            include_str!("../../../tests/data/nets/avtalegiro_payment_request.txt"),
        ),
        (
            "ocr",
            include_str!("../../../tests/data/nets/ocr_giro_transactions.txt"),
        ),
    ];
    for (name, text) in samples {
        c.bench_function(&format!("parse sample {name}"), |b| {
            b.iter(|| restanse_nets::parse(black_box(text)))
        });
    }
    let big = ocr_file(10_000);
    let mut g = c.benchmark_group("ocr 10k transactions");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("parse", |b| {
        b.iter(|| restanse_nets::parse(black_box(&big)))
    });
    let parsed = restanse_nets::parse(&big).ok();
    g.bench_function("write", |b| {
        b.iter(|| parsed.as_ref().map(|t| t.to_nets_string()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
