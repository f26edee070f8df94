//! The streamed batch from the command line (issue 18): the same bytes for one thread or two, for a JSON
//! array or NDJSON, from a file or stdin, as the library gives for the batch held in memory.
mod common;
use common::{run as restanse, tmp};
use std::process::Output;

/// `restanse COMMAND INPUT --as-of AS_OF --format json --threads THREADS`'s output, which must succeed.
fn json_of(command: &str, input: &str, threads: &str) -> Vec<u8> {
    let args = [
        command,
        input,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--threads",
        threads,
    ];
    ok(restanse(&args, None))
}

fn ok(o: Output) -> Vec<u8> {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

const AS_OF: &str = "2026-11-23";

/// 2,000 sample members with a duplicate and a record that is not valid JSON, as an array and as NDJSON.
fn batch() -> (std::path::PathBuf, std::path::PathBuf, String) {
    let as_of = restanse::input::parse_date(AS_OF).unwrap();
    let gym = restanse_sample::generate_json(2000, 11, as_of);
    let mut records: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&gym)
        .unwrap()
        .iter()
        .map(|m| m.to_string())
        .collect();
    records.insert(700, records[3].clone());
    records.insert(1500, r#"{"id":"J","joinedOn":nul}"#.into());
    let array = format!("[{}]\n", records.join(",\n"));
    let ndjson: String = records.iter().map(|r| format!("{r}\n")).collect();
    let (a, n) = (tmp("gym.json"), tmp("gym.ndjson"));
    std::fs::write(&a, &array).unwrap();
    std::fs::write(&n, ndjson).unwrap();
    (a, n, array)
}

#[test]
fn the_same_bytes_whatever_the_threads_shape_or_source() {
    let (array, ndjson, text) = batch();
    let (a, n) = (array.to_str().unwrap(), ndjson.to_str().unwrap());
    let engine = restanse::Engine::default();
    let as_of = restanse::input::parse_date(AS_OF).unwrap();
    let run = engine.run(
        restanse::parse_batch(&text).unwrap(),
        as_of,
        true,
        &mut |_, _| {},
    );
    let mut want = serde_json::to_vec(&run.output).unwrap();
    want.push(b'\n');
    assert_eq!(run.output.rejected.len(), 2);
    for (input, threads) in [(a, "1"), (a, "2"), (a, "3"), (n, "1"), (n, "2")] {
        let got = json_of("assess", input, threads);
        assert!(got == want, "{input} on {threads} thread(s) differs");
    }
    let got = ok(restanse(
        &["assess", "-", "--as-of", AS_OF, "--format", "json"],
        Some(text.as_bytes()),
    ));
    assert!(got == want, "stdin differs");
    let mut report = serde_json::to_vec(&run.report.unwrap()).unwrap();
    report.push(b'\n');
    for threads in ["1", "2"] {
        let got = json_of("report", n, threads);
        assert!(got == report, "report on {threads} thread(s) differs");
    }
    for format in ["csv", "table"] {
        let one = ok(restanse(
            &[
                "worklist",
                a,
                "--as-of",
                AS_OF,
                "--format",
                format,
                "--threads",
                "1",
            ],
            None,
        ));
        let two = ok(restanse(
            &[
                "worklist",
                n,
                "--as-of",
                AS_OF,
                "--format",
                format,
                "--threads",
                "2",
            ],
            None,
        ));
        assert!(one == two, "worklist {format}");
    }
}

#[test]
fn a_broken_batch_is_refused_before_any_output_naming_its_line() {
    let f = tmp("cut.json");
    std::fs::write(
        &f,
        "[{\"id\":\"A\",\"joinedOn\":\"2025-01-01\"},\n {\"id\":\"B\"",
    )
    .unwrap();
    let o = restanse(
        &[
            "assess",
            f.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 2") && err.contains("cut off"), "{err}");
}

#[test]
fn sample_writes_member_by_member_the_same_gym() {
    let f = tmp("sample.json");
    ok(restanse(
        &[
            "sample",
            "--members",
            "500",
            "--seed",
            "4",
            "--as-of",
            AS_OF,
            "--out",
            f.to_str().unwrap(),
        ],
        None,
    ));
    let as_of = restanse::input::parse_date(AS_OF).unwrap();
    let want = restanse_sample::generate_json(500, 4, as_of) + "\n";
    assert_eq!(std::fs::read_to_string(f).unwrap(), want);
    let o = restanse(&["sample", "--members", "100000001"], None);
    assert!(!o.status.success());
}

/// A file large enough to be split in two halves on two threads (32 MB and more): padded members, and a member
/// whose 40 MB string holds `},{` at the middle, so the second thread's guess is wrong and the first goes on.
#[test]
fn a_large_file_split_on_two_threads_gives_the_same_records() {
    let as_of = restanse::input::parse_date(AS_OF).unwrap();
    let gym = restanse_sample::generate_json(2000, 5, as_of);
    let pad = "p".repeat(20_000);
    let mut members: Vec<serde_json::Value> = serde_json::from_str(&gym).unwrap();
    for m in &mut members {
        m["pad"] = serde_json::Value::String(pad.clone());
    }
    let padded = serde_json::to_string(&members).unwrap();
    assert!(padded.len() > 40 << 20);
    let trap = format!(
        r#"[{{"id":"T-1","joinedOn":"2025-01-01"}},{{"id":"T-2","joinedOn":"2025-01-01","pad":"{}"}},{{"id":"T-3","joinedOn":"2025-01-01"}}]"#,
        r#"},{\"id\":\"fake\"},{"#.repeat(2_500_000)
    );
    for (name, text, records) in [("padded.json", &padded, 2000), ("trap.json", &trap, 3)] {
        let f = tmp(name);
        std::fs::write(&f, text).unwrap();
        let f = f.to_str().unwrap();
        let engine = restanse::Engine::default();
        let run = engine.run(
            restanse::parse_batch(text).unwrap(),
            as_of,
            false,
            &mut |_, _| {},
        );
        assert_eq!(run.output.assessments.len(), records, "{name}");
        let mut want = serde_json::to_vec(&run.output).unwrap();
        want.push(b'\n');
        for threads in ["1", "2"] {
            let got = json_of("assess", f, threads);
            assert!(got == want, "{name} on {threads} thread(s) differs");
        }
    }
}

/// The second pass finds each record's end by reading it, and splits again from a record that does not read:
/// a run that ends with a number, a record that is not UTF-8 text in the middle of a run (its whole run is
/// split), a record that is not valid JSON, and duplicates after each. The same members and rejections as in
/// memory, on one thread and two, as an array and as NDJSON.
#[test]
fn records_that_do_not_read_are_found_by_splitting_again() {
    let as_of = restanse::input::parse_date(AS_OF).unwrap();
    let gym = restanse_sample::generate_json(1100, 13, as_of);
    let mut records: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&gym)
        .unwrap()
        .iter()
        .map(|m| m.to_string())
        .collect();
    // record 301 is not UTF-8 (a placeholder here), 401 a copy of record 10, 512 — the first run's last —
    // a number, 800 not valid JSON, 900 a copy of record 600
    const PLACEHOLDER: &str = r#"{"id":"U-1","joinedOn":"2025-01-01","note":"PLACEHOLDER"}"#;
    records.insert(300, PLACEHOLDER.into());
    records.insert(400, records[9].clone());
    records.insert(511, "42".into());
    records.insert(799, r#"{"id":"J","joinedOn":nul}"#.into());
    records.insert(899, records[599].clone());
    let text = format!("[{}]\n", records.join(",\n"));
    let ndjson: String = records.iter().map(|r| format!("{r}\n")).collect();
    let engine = restanse::Engine::default();
    let run = engine.run(
        restanse::parse_batch(&text).unwrap(),
        as_of,
        false,
        &mut |_, _| {},
    );
    assert_eq!(run.output.rejected.len(), 4);
    let not_utf8 = |t: &str| {
        let mut bytes = t.as_bytes().to_vec();
        let at = t.find("PLACEHOLDER").unwrap();
        bytes.splice(at..at + "PLACEHOLDER".len(), [b'a', 0xff, b'b']);
        (bytes, at + 1)
    };
    for (name, t) in [("runs.json", &text), ("runs.ndjson", &ndjson)] {
        let (bytes, at) = not_utf8(t);
        let f = tmp(name);
        std::fs::write(&f, &bytes).unwrap();
        let f = f.to_str().unwrap();
        // in memory, the record read as UTF-8 is assessed; streamed, it is rejected with the byte
        let mut want = serde_json::to_value(&run.output).unwrap();
        let rejected = want["rejected"].as_array_mut().unwrap();
        let at_301 = rejected
            .iter()
            .position(|r| r["record"].as_u64() > Some(301));
        rejected.insert(
            at_301.unwrap_or(rejected.len()),
            serde_json::json!({
                "record": 301,
                "memberId": "U-1",
                "field": "",
                "reason": format!(
                    "the record is not UTF-8 text: byte {at} of the input (0xff); save the input as UTF-8"
                ),
            }),
        );
        let assessments = want["assessments"].as_array_mut().unwrap();
        assessments.retain(|a| a["memberId"] != "U-1");
        let mut outputs = vec![];
        for threads in ["1", "2"] {
            let got = json_of("assess", f, threads);
            let value: serde_json::Value = serde_json::from_slice(&got).unwrap();
            assert!(value == want, "{name} on {threads} thread(s) differs");
            outputs.push(got);
        }
        assert!(outputs[0] == outputs[1], "{name}: 1 and 2 threads");
    }
}
