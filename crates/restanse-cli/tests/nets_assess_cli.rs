//! `restanse assess --nets` and `report --nets` end to end: Nets' sample files applied to a gym whose
//! KIDs match them, and the built-in sample gym paid through an OCR Giro file made with the default KID
//! scheme.
mod common;
use restanse::input::{InstalmentKind, MemberInput};
use restanse::nets::{
    Assignment, AssignmentContent, OcrTransaction, TransactionType, Transmission,
};
use restanse::policy::NetsRules;

const FILES: [&str; 3] = [
    "tests/data/nets/avtalegiro_agreements.txt",
    "tests/data/nets/avtalegiro_payment_request.txt",
    "tests/data/nets/ocr_giro_transactions.txt",
];

fn restanse(args: &[&str]) -> (bool, serde_json::Value, String) {
    let out = common::run_at_root(args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.success(), v, stderr)
}

fn codes(out: &serde_json::Value, member: &str) -> Vec<String> {
    out["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["memberId"] == member)
        .unwrap()["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap().to_string())
        .collect()
}

fn assess(extra: &[&str]) -> (bool, serde_json::Value, String) {
    let mut args = vec![
        "assess",
        "tests/data/nets_gym.json",
        "--as-of",
        "1992-02-15",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    restanse(&args)
}

#[test]
fn the_sample_files_set_the_mandate_and_pay_the_instalments() {
    let (ok, before, _) = assess(&[]);
    assert!(ok);
    assert!(codes(&before, "M-1").contains(&"mandate_inactive".to_string()));
    assert!(codes(&before, "M-1").contains(&"unpaid_instalments".to_string()));
    assert!(codes(&before, "M-2").contains(&"unpaid_instalments".to_string()));

    let mut args = vec!["--nets"];
    args.extend_from_slice(&FILES);
    let (ok, after, err) = assess(&args);
    assert!(ok, "{err}");
    // the output keeps its shape
    let keys: Vec<&String> = after.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["asOf", "assessments", "rejected"]);
    assert!(!codes(&after, "M-1").contains(&"mandate_inactive".to_string()));
    assert!(!codes(&after, "M-1").contains(&"unpaid_instalments".to_string()));
    assert!(!codes(&after, "M-2").contains(&"unpaid_instalments".to_string()));
    assert!(codes(&after, "M-3").contains(&"unpaid_instalments".to_string()));

    // one summary line, then every unmatched KID with its file, line, amount and reason
    assert!(
        err.contains("3 Nets file(s): 42 records, 4 matched, 32 unmatched, 6 ignored; 1 mandate(s) changed, 2 payment(s) applied"),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.contains("unmatched: ")).count(),
        32
    );
    assert!(
        err.contains("unmatched: tests/data/nets/ocr_giro_transactions.txt line 3 (type 21), KID 0000531, 1020.00 kr: no member or instalment has this KID"),
        "{err}"
    );
}

#[test]
fn report_takes_nets_files_too() {
    let (ok, v, err) = restanse(&[
        "report",
        "tests/data/nets_gym.json",
        "--as-of",
        "1992-02-15",
        "--format",
        "json",
        "--nets",
        FILES[0],
        "--nets",
        FILES[2],
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("2 Nets file(s): 36 records, 4 matched, 32 unmatched, 0 ignored"),
        "{err}"
    );
    let unpaid: Vec<&str> = v["unpaid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["memberId"].as_str().unwrap())
        .collect();
    assert_eq!(unpaid, ["M-3"]);
}

#[test]
fn a_bad_nets_file_stops_the_run_with_its_line_and_field() {
    let dir = std::env::temp_dir().join(format!("restanse-nets-assess-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.txt");
    let text = include_str!("../../../tests/data/nets/ocr_giro_transactions.txt")
        .replacen("NY0921", "NY0922", 1);
    std::fs::write(&path, text).unwrap();
    let (ok, _, err) = assess(&["--nets", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("is not a valid Nets file"), "{err}");
    assert!(err.contains("line 3"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The built-in sample gym needs no KIDs of its own: the default scheme makes them from the member and
/// the due month, so an OCR Giro file for its unpaid fees settles them.
#[test]
fn the_sample_gym_is_paid_by_an_ocr_file_under_the_default_scheme() {
    let as_of = restanse::input::parse_date("2026-11-23").unwrap();
    let members: Vec<MemberInput> =
        serde_json::from_str(&restanse_sample::generate_json(60, 3, as_of)).unwrap();
    let rules = NetsRules::default();
    let mut txs = Vec::new();
    let mut paid_members = Vec::new();
    for m in members.iter().filter(|m| m.plan.is_none()) {
        let mut any = false;
        for inst in m
            .instalments
            .iter()
            .filter(|i| i.kind == InstalmentKind::Fee && i.due_on < as_of)
        {
            let owed = inst.amount.0 - inst.paid.0 - inst.credited.0;
            if inst.waived || owed <= rust_decimal::Decimal::ZERO {
                continue;
            }
            any = true;
            txs.push(OcrTransaction {
                transaction_number: txs.len() as u32 + 1,
                transaction_type: TransactionType::AVTALEGIRO,
                nets_date: as_of,
                centre_id: "13".into(),
                day_code: 23,
                partial_settlement_number: 1,
                partial_settlement_serial_number: "00001".into(),
                amount: owed,
                kid: restanse::input::settlement::instalment_kid(m, inst, &rules),
                form_number: "0000000000".into(),
                reference: "000000000".into(),
                filler: "0000000".into(),
                bank_date: Some(as_of),
                debit_account: "00000000000".into(),
                text: None,
            });
        }
        if any {
            paid_members.push(m.id.clone());
        }
    }
    assert!(
        paid_members.len() >= 3,
        "the sample should have members in arrears"
    );
    let t = Transmission {
        transmission_number: "0000001".into(),
        data_transmitter: "00008080".into(),
        data_recipient: "00012345".into(),
        date: Some(as_of),
        assignments: vec![Assignment {
            agreement_id: Some("001008566".into()),
            assignment_number: "0000001".into(),
            assignment_account: "99991042764".into(),
            nets_date: Some(as_of),
            content: AssignmentContent::Transactions(txs),
        }],
    };
    let dir = std::env::temp_dir().join(format!("restanse-nets-sample-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ocr.txt");
    std::fs::write(&path, t.to_nets_string().unwrap()).unwrap();
    let (ok, out, err) = restanse(&[
        "assess",
        "--sample",
        "60",
        "--seed",
        "3",
        "--as-of",
        "2026-11-23",
        "--format",
        "json",
        "--nets",
        path.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(err.contains(" 0 unmatched, 0 ignored"), "{err}");
    for id in &paid_members {
        assert!(
            !codes(&out, id).contains(&"unpaid_instalments".to_string()),
            "{id}: {err}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
