//! `restanse worklist`: the day's work from the command line, as DESIGN.md writes it.
mod common;

fn restanse(args: &[&str]) -> std::process::Output {
    common::run(args, None)
}

#[test]
fn the_worklist_of_the_sample_gym_is_json_with_steps_and_deferred() {
    let out = restanse(&[
        "worklist",
        "--as-of",
        "2026-11-23",
        "--capacity",
        "phone=3",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["asOf"], "2026-11-23");
    let steps = v["steps"].as_array().unwrap();
    assert!(!steps.is_empty());
    for key in [
        "memberId",
        "code",
        "on",
        "channel",
        "priority",
        "outstanding",
        "message",
    ] {
        assert!(steps[0].get(key).is_some(), "missing {key}");
    }
    let calls = steps.iter().filter(|r| r["channel"] == "phone").count();
    assert_eq!(calls, 3);
    let deferred = v["deferred"].as_array().unwrap();
    assert!(deferred
        .iter()
        .all(|r| r["channel"] == "phone" && r["on"] == "2026-11-24"));
}

#[test]
fn a_bad_capacity_is_refused_naming_the_channels() {
    let out = restanse(&["worklist", "--as-of", "2026-11-23", "--capacity", "fone=3"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown channel \"fone\"") && err.contains("phone"),
        "{err}"
    );
}

#[test]
fn csv_and_table_name_today_and_deferred() {
    let out = restanse(&[
        "worklist",
        "--as-of",
        "2026-11-23",
        "--capacity",
        "phone=1",
        "--format",
        "csv",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("list,priority,member_id,code,on,channel,outstanding,message"));
    assert!(text.contains("\ntoday,1,") && text.contains("\ndeferred,1,"));
    let out = restanse(&[
        "worklist",
        "--as-of",
        "2026-11-23",
        "--capacity",
        "phone=1",
        "--format",
        "table",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Worklist for 2026-11-23") && text.contains("Deferred to 2026-11-24"));
}

#[test]
fn the_table_is_norwegian_under_nb() {
    let out = restanse(&[
        "worklist",
        "--as-of",
        "2026-11-23",
        "--lang",
        "nb",
        "--capacity",
        "phone=1",
        "--format",
        "table",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Arbeidsliste for 2026-11-23") && text.contains("Utsatt til 2026-11-24"),
        "{text}"
    );
    assert!(
        text.contains("utestående") && text.contains("Ring medlemmet"),
        "{text}"
    );
}
