//! The `restanse` command, end to end: files, stdin, CSV folders, formats, policies and errors.
mod common;
use common::tmp;
use std::process::Output;

fn restanse(args: &[&str], stdin: Option<&str>) -> Output {
    common::run(args, stdin.map(str::as_bytes))
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn sample_then_assess_is_deterministic_and_matches_the_library() {
    let file = tmp("gym.json");
    let f = file.to_str().unwrap();
    stdout(&restanse(
        &[
            "sample",
            "--members",
            "200",
            "--seed",
            "3",
            "--as-of",
            "2026-11-23",
            "--out",
            f,
        ],
        None,
    ));
    let a = stdout(&restanse(
        &["assess", f, "--as-of", "2026-11-23", "--format", "json"],
        None,
    ));
    let b = stdout(&restanse(
        &["assess", f, "--as-of", "2026-11-23", "--format", "json"],
        None,
    ));
    assert_eq!(a, b, "byte-identical for identical input");
    let lib = restanse::Engine::default()
        .assess_json(
            &std::fs::read_to_string(&file).unwrap(),
            restanse::input::parse_date("2026-11-23").unwrap(),
        )
        .unwrap();
    assert_eq!(a, serde_json::to_string(&lib).unwrap() + "\n");
    // stdin gives the same
    let c = stdout(&restanse(
        &["assess", "-", "--as-of", "2026-11-23", "--format", "json"],
        Some(&std::fs::read_to_string(&file).unwrap()),
    ));
    assert_eq!(a, c);
}

#[test]
fn without_input_the_built_in_sample_gym_is_assessed() {
    let o = restanse(
        &[
            "assess",
            "--as-of",
            "2026-11-23",
            "--format",
            "table",
            "--sample",
            "300",
        ],
        None,
    );
    let out = stdout(&o);
    assert!(
        out.contains("300 members assessed as of 2026-11-23"),
        "{out}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("built-in sample gym"));
}

#[test]
fn a_csv_export_folder_is_read_and_bad_rows_are_reported() {
    let dir = tmp("export");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("members.csv"), "id,joined_on,payment_method,mandate\nM-1,2024-01-15,avtalegiro,deleted\nM-2,2024-01-15,invoice,\n").unwrap();
    std::fs::write(dir.join("instalments.csv"), "member_id,id,due_on,amount,paid\nM-1,I-1,2026-09-01,549,0\nM-1,I-2,2026-10-01,549,0\nM-2,I-1,2026-10-01,-3,0\n").unwrap();
    std::fs::write(
        dir.join("visits.csv"),
        "member_id,visit\nM-1,2026-11-20\nM-9,2026-11-20\n",
    )
    .unwrap();
    let out = stdout(&restanse(
        &[
            "assess",
            dir.to_str().unwrap(),
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ],
        None,
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["assessments"].as_array().unwrap().len(), 1);
    assert_eq!(v["assessments"][0]["memberId"], "M-1");
    let rejected = v["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    assert_eq!(rejected[0]["memberId"], "M-2");
    assert_eq!(rejected[0]["field"], "instalments[0].amount");
    assert_eq!(rejected[1]["source"], "visits.csv:3");
}

#[test]
fn csv_and_table_formats() {
    let csv = stdout(&restanse(
        &[
            "assess",
            "--as-of",
            "2026-11-23",
            "--format",
            "csv",
            "--sample",
            "50",
        ],
        None,
    ));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("member_id,risk,band,signals,actions,next_action,next_action_on,next_action_message")
    );
    assert_eq!(lines.count(), 50);
    let report = stdout(&restanse(
        &[
            "report",
            "--as-of",
            "2026-11-23",
            "--format",
            "table",
            "--sample",
            "500",
        ],
        None,
    ));
    assert!(report.contains("Betalingsgrad"), "{report}");
}

#[test]
fn the_report_has_the_top_level_keys_the_chains_ask_for() {
    let out = stdout(&restanse(
        &[
            "report",
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
            "--sample",
            "2000",
        ],
        None,
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in [
        "moreThanThreeUnpaid",
        "unpaid",
        "bands",
        "signals",
        "ageing",
        "concentration",
        "latent",
        "avtalegiroShare",
        "keyFigures",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let more = v["moreThanThreeUnpaid"].as_array().unwrap();
    assert!(!more.is_empty());
    assert!(more.iter().all(|r| r["count"].as_u64().unwrap() > 3));
    assert!(v["unpaid"].as_array().unwrap().len() >= more.len());
}

#[test]
fn an_unlawful_policy_is_refused_with_the_rule() {
    let p = tmp("bad-policy.json");
    std::fs::write(&p, r#"{"ladder":{"reminder":{"fee":"50"}}}"#).unwrap();
    let o = restanse(
        &[
            "assess",
            "--as-of",
            "2026-11-23",
            "--policy",
            p.to_str().unwrap(),
            "--sample",
            "10",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("fee_at_most_one_twentieth_of_inkassosats"),
        "{err}"
    );
    // the default policy reads back as itself and checks clean
    let default = stdout(&restanse(&["policy", "--default"], None));
    let file = tmp("default-policy.json");
    std::fs::write(&file, &default).unwrap();
    stdout(&restanse(
        &["policy", "--check", file.to_str().unwrap()],
        None,
    ));
}

#[test]
fn unreadable_input_is_a_clear_error() {
    // (issue 18) one object is NDJSON with one member: read, and here rejected by name
    let out = stdout(&restanse(
        &["assess", "-", "--as-of", "2026-11-23", "--format", "json"],
        Some(r#"{"id":"M-1"}"#),
    ));
    assert!(
        out.contains(r#""memberId":"M-1","field":"joinedOn""#),
        "{out}"
    );
    let o = restanse(
        &["assess", "-", "--as-of", "2026-11-23", "--format", "json"],
        Some(" \n"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the input is empty"));
    let o = restanse(
        &["assess", "/nonexistent/gym.json", "--as-of", "2026-11-23"],
        None,
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read /nonexistent/gym.json"));
    let o = restanse(&["assess", "--as-of", "2026-02-30"], None);
    assert!(!o.status.success());
}

#[test]
fn a_change_feed_is_applied_before_assessing() {
    let members = tmp("feed-members.json");
    std::fs::write(&members, r#"[{"id":"M-1","joinedOn":"2024-01-15","paymentMethod":"avtalegiro","mandate":"active","visits":["2026-11-20"],
        "instalments":[{"id":"I-10","dueOn":"2026-10-01","amount":"549"},{"id":"I-11","dueOn":"2026-11-01","amount":"549"}]}, {"id":"M-1"}]"#).unwrap();
    let feed = tmp("feed.ndjson");
    std::fs::write(&feed, concat!(
        r#"{"id":"e1","at":"2026-11-10","type":"payment","memberId":"M-1","amount":"549","paidOn":"2026-11-10","instalmentId":"I-10"}"#, "\n",
        r#"{"id":"e1","at":"2026-11-10","type":"payment","memberId":"M-1","amount":"549","paidOn":"2026-11-10","instalmentId":"I-10"}"#, "\n",
        r#"{"id":"e2","at":"2026-11-12","type":"waiver","memberId":"M-1","instalmentId":"I-99"}"#, "\n",
    )).unwrap();
    let o = restanse(
        &[
            "assess",
            members.to_str().unwrap(),
            "--events",
            feed.to_str().unwrap(),
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ev = &v["assessments"][0]["signals"][0]["evidence"];
    assert_eq!(ev["count"], 1, "the payment settled I-10: {v}");
    assert_eq!(
        v["rejected"].as_array().unwrap().len(),
        1,
        "the unreadable record is still reported"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1 events applied, 1 duplicate"), "{err}");
    assert!(
        err.contains(
            "line 3 (event e2) (member M-1), field instalmentId: the member has no instalment I-99"
        ),
        "{err}"
    );
}
