//! The golden test: a small sample gym, assessed and reported, compared byte for byte with the files in
//! `tests/data/golden/`. A change to the output shows up here as a readable diff; when the change is
//! intended, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff in git.
use restanse::Engine;
use restanse_sample as sample;

fn check(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test --test golden",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {}\n  actual: {}\n(if intended: UPDATE_GOLDEN=1 cargo test --test golden)",
            first + 1,
            expected.lines().nth(first).unwrap_or(""),
            actual.lines().nth(first).unwrap_or("")
        );
    }
}

#[test]
fn a_small_sample_gym_assesses_to_the_golden_output() {
    let as_of = restanse::input::parse_date("2026-11-23").unwrap();
    let json = sample::generate_json(60, 7, as_of);
    check(
        "sample-60-seed-7.input.json",
        &(serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&json).unwrap())
            .unwrap()
            + "\n"),
    );
    let engine = Engine::default();
    let out = engine.assess_json(&json, as_of).unwrap();
    check(
        "sample-60-seed-7.assess.json",
        &(serde_json::to_string_pretty(&out).unwrap() + "\n"),
    );
    let report = engine.report_json(&json, as_of).unwrap();
    check(
        "sample-60-seed-7.report.json",
        &(serde_json::to_string_pretty(&report).unwrap() + "\n"),
    );
}
