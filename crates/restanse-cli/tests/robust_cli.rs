//! Issue 14 at the command line: hostile arguments and input are refused with a message, never a panic.
mod common;
use common::{run as restanse, tmp};
use std::process::Output;

/// Refused (exit code 2 for an argument, 1 for input), with `needle` on stderr, and no panic.
fn refused(o: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "accepted: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(needle), "{needle:?} not in {err}");
}

#[test]
fn huge_sample_sizes_are_refused() {
    refused(
        &restanse(&["sample", "--members", "18446744073709551615"], None),
        "at most 100000000 members",
    );
    refused(
        &restanse(
            &["assess", "--sample", "100001", "--as-of", "2026-12-01"],
            None,
        ),
        "at most 100000 members",
    );
}

#[test]
fn the_assessment_day_is_within_1900_to_9989() {
    refused(
        &restanse(&["assess", "--as-of", "9999-12-31", "-"], Some(b"[]")),
        "1900",
    );
    let o = restanse(&["assess", "--as-of", "9989-12-31", "-"], Some(b"[]"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn two_huge_credits_in_the_change_feed_are_rejected_not_a_panic() {
    let members = tmp("members.json");
    std::fs::write(
        &members,
        r#"[{"id":"M-1","joinedOn":"2026-01-01","instalments":[{"id":"I-1","dueOn":"2026-10-01","amount":"549"}]}]"#,
    )
    .unwrap();
    let feed = tmp("feed.ndjson");
    let credit = |id: &str| {
        format!(
            r#"{{"id":"{id}","at":"2026-11-01T10:00:00Z","type":"credit","memberId":"M-1","instalmentId":"I-1","amount":"70000000000000000000000000000"}}"#
        )
    };
    let pay = r#"{"id":"p","at":"2026-11-01T10:00:00Z","type":"payment","memberId":"M-1","paidOn":"2026-11-01","amount":"79228162514264337593543950335"}"#;
    std::fs::write(&feed, format!("{}\n{}\n{pay}\n", credit("a"), credit("b"))).unwrap();
    let o = restanse(
        &[
            "assess",
            "--as-of",
            "2026-12-01",
            "--events",
            feed.to_str().unwrap(),
            members.to_str().unwrap(),
        ],
        None,
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.status.success(), "{err}");
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(out["assessments"].as_array().unwrap().len(), 1);
}

#[test]
fn a_policy_whose_plan_share_would_overflow_is_refused_by_policy_check() {
    let p = tmp("share.json");
    std::fs::write(&p, r#"{"plan":{"shareOfFee":"70000000000000000000"}}"#).unwrap();
    refused(
        &restanse(&["policy", "--check", p.to_str().unwrap()], None),
        "shareOfFee",
    );
}

const HOSTILE: &str = r#"[{"id":"=HYPERLINK(\"http://x\",\"pay\")","joinedOn":"2025-01-01","monthlyFee":"549","paymentMethod":"invoice",
  "instalments":[{"id":"a","dueOn":"2026-07-01","amount":"549"},{"id":"b","dueOn":"2026-08-01","amount":"549"},{"id":"c","dueOn":"2026-09-01","amount":"549"}]},
 {"id":"M-\u001b[31mred","joinedOn":"2025-01-01","monthlyFee":"549","paymentMethod":"invoice",
  "instalments":[{"id":"a","dueOn":"2026-07-01","amount":"549"},{"id":"b","dueOn":"2026-08-01","amount":"549"},{"id":"c","dueOn":"2026-09-01","amount":"549"}]},
 {"id":"","joinedOn":"2025-01-01"}]"#;

#[test]
fn csv_output_neutralises_formulas_and_names_rejections_on_stderr() {
    for args in [
        vec!["assess", "--format", "csv", "--as-of", "2026-12-01", "-"],
        vec!["worklist", "--format", "csv", "--as-of", "2026-12-01", "-"],
    ] {
        let o = restanse(&args, Some(HOSTILE.as_bytes()));
        let out = String::from_utf8_lossy(&o.stdout);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{args:?}: {err}");
        assert!(out.contains("'=HYPERLINK"), "{args:?}: {out}");
        assert!(
            !out.contains(",=HYPERLINK") && !out.contains(";=HYPERLINK"),
            "{out}"
        );
        if args[0] == "assess" {
            assert!(err.contains("1 record(s) rejected"), "{err}");
            assert!(err.contains("rejected: record 3"), "{err}");
        }
    }
}

#[test]
fn tables_escape_terminal_control_characters() {
    for args in [
        vec![
            "assess",
            "--format",
            "table",
            "--all",
            "--as-of",
            "2026-12-01",
            "-",
        ],
        vec![
            "worklist",
            "--format",
            "table",
            "--as-of",
            "2026-12-01",
            "-",
        ],
    ] {
        let cmd = args[0];
        let o = restanse(&args, Some(HOSTILE.as_bytes()));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(!out.contains('\u{1b}'), "{cmd}: {out}");
        assert!(out.contains("\\u{1b}[31mred"), "{cmd}: {out}");
    }
}

#[test]
fn json_that_is_not_utf8_names_the_record_and_byte_and_loses_nothing_else() {
    // (issue 18) the record is rejected on its own, naming the byte; the rest is assessed
    let o = restanse(
        &["assess", "--as-of", "2026-12-01", "-", "--format", "json"],
        Some(b"[\n{\"id\":\"M-\xf8\",\"joinedOn\":\"2025-01-01\"},{\"id\":\"M-2\",\"joinedOn\":\"2025-01-01\"}]"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(out["assessments"][0]["memberId"], "M-2");
    let r = &out["rejected"][0];
    assert_eq!(r["record"], 1);
    let why = r["reason"].as_str().unwrap();
    assert!(
        why.contains("not UTF-8") && why.contains("byte 11") && why.contains("0xf8"),
        "{why}"
    );
}

/// The batch held in memory (a change feed given) rejects the record that is not UTF-8 on its own, as the
/// streamed batch does: the same output, byte for byte.
#[test]
fn json_that_is_not_utf8_is_one_rejection_held_or_streamed() {
    let members = tmp("not-utf8.json");
    std::fs::write(
        &members,
        b"[\n{\"id\":\"M-1\",\"joinedOn\":\"2025-01-01\"},{\"id\":\"M-\xf8\",\"joinedOn\":\"2025-01-01\"},\n{\"id\":\"M-3\",\"joinedOn\":\"2025-01-01\"}]",
    )
    .unwrap();
    let feed = tmp("empty-feed.ndjson");
    std::fs::write(&feed, b"").unwrap();
    let m = members.to_str().unwrap();
    let streamed = restanse(
        &["assess", "--as-of", "2026-12-01", m, "--format", "json"],
        None,
    );
    let held = restanse(
        &[
            "assess",
            "--as-of",
            "2026-12-01",
            m,
            "--events",
            feed.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    assert!(
        held.status.success(),
        "{}",
        String::from_utf8_lossy(&held.stderr)
    );
    assert!(
        streamed.status.success(),
        "{}",
        String::from_utf8_lossy(&streamed.stderr)
    );
    let out: serde_json::Value = serde_json::from_slice(&held.stdout).unwrap();
    assert_eq!(out["assessments"].as_array().map(Vec::len), Some(2));
    let r = &out["rejected"][0];
    assert_eq!(r["record"], 2);
    let why = r["reason"].as_str().unwrap();
    assert!(why.contains("byte 48") && why.contains("0xf8"), "{why}");
    assert_eq!(
        String::from_utf8_lossy(&held.stdout),
        String::from_utf8_lossy(&streamed.stdout)
    );
}

#[test]
fn a_csv_export_in_iso_8859_1_is_read() {
    let dir = tmp("latin1");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("members.csv"),
        b"id,joined_on,monthly_fee\nM-\xd8ye,2025-01-01,549\n",
    )
    .unwrap();
    let o = restanse(
        &["assess", "--as-of", "2026-12-01", dir.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(out["assessments"][0]["memberId"], "M-Øye");
}

/// No raw escape character (ESC, or the one-byte C1 CSI as UTF-8) on either stream.
fn no_raw_controls(o: &Output) {
    for (name, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        assert!(
            !bytes.contains(&0x1b),
            "raw ESC on {name}: {}",
            String::from_utf8_lossy(bytes)
        );
        assert!(
            !bytes.windows(2).any(|w| w == [0xc2, 0x9b]),
            "raw CSI on {name}: {}",
            String::from_utf8_lossy(bytes)
        );
    }
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

#[test]
fn visits_fit_escapes_ids_and_neutralises_its_csv() {
    let seeds = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fuzz/seeds/visit_summary/cdnow-head.csv"
    );
    let text = std::fs::read_to_string(seeds).unwrap();
    let mut csv = String::new();
    for (i, line) in text.lines().enumerate() {
        match i {
            0 => csv.push_str(line),
            1 => csv.push_str(&line.replacen(line.split(',').next().unwrap(), "=HYPERLINK(1)", 1)),
            2 => csv.push_str(&line.replacen(line.split(',').next().unwrap(), "a\u{1b}[31mb", 1)),
            _ => csv.push_str(line),
        }
        csv.push('\n');
    }
    let path = tmp("summary-hostile.csv");
    std::fs::write(&path, csv).unwrap();
    let o = restanse(
        &["visits", "fit", path.to_str().unwrap(), "--predict"],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    no_raw_controls(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("ID,p_alive,expected_visits_10,p_any_visit_10"),
        "{out}"
    );
    assert!(out.contains("\n'=HYPERLINK(1),"), "{out}");
    assert!(out.contains("a\\u{1b}[31mb,"), "{out}");
}

#[test]
fn nets_read_escapes_what_the_file_holds() {
    let agreements = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/nets/avtalegiro_agreements.txt"
    );
    let mut bytes = std::fs::read(agreements).unwrap();
    // a KID field's leading blanks become ESC [ 3 1 m and an ISO-8859-1 CSI (0x9b)
    let line3 = bytes
        .split(|&b| b == b'\n')
        .take(2)
        .map(|l| l.len() + 1)
        .sum::<usize>();
    bytes[line3 + 15..line3 + 20].copy_from_slice(b"\x1b[31m");
    bytes[line3 + 20] = 0x9b;
    let path = tmp("agreements-hostile.txt");
    std::fs::write(&path, &bytes).unwrap();
    for format in ["text", "summary"] {
        let o = restanse(
            &["nets", "read", path.to_str().unwrap(), "--format", format],
            None,
        );
        no_raw_controls(&o);
    }
}
