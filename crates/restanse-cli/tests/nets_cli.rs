//! `restanse nets read` end to end.
mod common;
use common::run_at_root as restanse;

#[test]
fn read_json_shows_every_transaction() {
    let out = restanse(&[
        "nets",
        "read",
        "tests/data/nets/ocr_giro_transactions.txt",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let txs = v["assignments"][0]["transactions"].as_array().unwrap();
    assert_eq!(txs.len(), 20);
    assert_eq!(txs[0]["transactionType"], 21);
    assert_eq!(txs[0]["kid"], "0000531");
    assert_eq!(txs[0]["amount"], "1020.00");
}

#[test]
fn read_text_lists_agreements() {
    let out = restanse(&["nets", "read", "tests/data/nets/avtalegiro_agreements.txt"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().filter(|l| l.contains("KID")).count(), 16);
    assert!(text.contains("16 transaction(s)"), "{text}");
}

#[test]
fn a_bad_file_fails_with_line_and_field() {
    let dir = std::env::temp_dir().join(format!("restanse-nets-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.txt");
    let text = include_str!("../../../tests/data/nets/avtalegiro_payment_request.txt").replacen(
        "00000000000000100",
        "00000000000000200",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let out = restanse(&["nets", "read", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 21, total amount: says 600 øre, the transactions add up to 700 øre"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
