//! `restanse sample --history`, `train`, `predict` and `assess --model`, end to end.
mod common;
use std::process::Output;

fn restanse(args: &[&str]) -> Output {
    common::run(args, None)
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn tmp(name: &str) -> String {
    common::tmp(name).to_string_lossy().into_owned()
}

#[test]
fn history_train_assess_with_the_model() {
    let (h, m) = (tmp("history.json"), tmp("model.json"));
    ok(restanse(&[
        "sample",
        "--history",
        "--members",
        "300",
        "--months",
        "6",
        "--as-of",
        "2026-11-23",
        "--out",
        &h,
    ]));
    let printed = ok(restanse(&["train", &h, "--l2", "1", "--out", &m]));
    for line in [
        "trained model",
        "default scorecard",
        "unpaid count alone",
        "calibration",
    ] {
        assert!(printed.contains(line), "{printed}");
    }
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&m).unwrap()).unwrap();
    assert_eq!(model["l2"], 1.0);
    assert_eq!(model["l2ChosenBy"], "fixed");
    assert!(model["evaluation"]["model"]["auc"].as_f64().unwrap() > 0.6);

    let out = ok(restanse(&[
        "assess",
        "--sample",
        "200",
        "--as-of",
        "2026-11-23",
        "--model",
        &m,
        "--format",
        "json",
    ]));
    let out: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = model["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let assessments = out["assessments"].as_array().unwrap();
    assert!(!assessments.is_empty());
    let explained = assessments
        .iter()
        .flat_map(|a| a["explanation"].as_array().unwrap())
        .collect::<Vec<_>>();
    assert!(!explained.is_empty());
    assert!(explained
        .iter()
        .all(|c| names.contains(&c["factor"].as_str().unwrap())));
}

#[test]
fn table_train_and_predict_and_a_table_model_is_not_for_members() {
    let (t, m) = (tmp("table.csv"), tmp("table-model.json"));
    let mut csv = String::from("x1,x2,label\n");
    for i in 0..200 {
        let (a, b) = ((i % 9) as f64, (i % 5) as f64 / 2.0);
        csv += &format!("{a},{b},{}\n", u8::from(a + b + (i % 4) as f64 > 9.0));
    }
    std::fs::write(&t, csv).unwrap();
    ok(restanse(&[
        "train", "--table", &t, "--label", "label", "--out", &m,
    ]));
    let p = ok(restanse(&["predict", "--model", &m, "--table", &t]));
    let mut lines = p.lines();
    assert_eq!(lines.next(), Some("row,probability"));
    let probs: Vec<f64> = lines
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(probs.len(), 200);
    assert!(probs.iter().all(|p| (0.0..=1.0).contains(p)));

    let refused = restanse(&[
        "assess", "--sample", "10", "--model", &m, "--format", "json",
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("plain table"));

    let bad = restanse(&["train", "--table", &t, "--label", "nope", "--out", &m]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no column \"nope\""));
}
