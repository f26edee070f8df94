//! Nets files into the engine: scenarios from a gym's week (a deleted mandate, an AvtaleGiro debit that
//! went through, one that did not across Easter, a KID nobody knows) and the invariants (idempotent,
//! reconciling, never panicking).
use chrono::NaiveDate;
use proptest::prelude::*;
use restanse::input::settlement::{self, apply, NetsFile, NetsReport};
use restanse::input::{MandateState, MemberInput};
use restanse::nets::{
    Agreement, Assignment, AssignmentContent, OcrTransaction, RegistrationType, TransactionType,
    Transmission,
};
use restanse::policy::NetsRules;
use restanse::{Engine, Policy, SignalCode};
use rust_decimal::Decimal;
use std::collections::HashSet;

fn d(s: &str) -> NaiveDate {
    restanse::input::parse_date(s).unwrap()
}

fn members(json: &str) -> Vec<MemberInput> {
    serde_json::from_str(json).unwrap()
}

fn transmission(content: AssignmentContent, date: NaiveDate) -> Transmission {
    let ocr = matches!(content, AssignmentContent::Transactions(_));
    Transmission {
        transmission_number: "0000001".into(),
        data_transmitter: "00008080".into(),
        data_recipient: "00012345".into(),
        date: Some(date),
        assignments: vec![Assignment {
            agreement_id: ocr.then(|| "001008566".to_string()),
            assignment_number: "0000002".into(),
            assignment_account: "99991042764".into(),
            nets_date: ocr.then_some(date),
            content,
        }],
    }
}

fn file(name: &str, t: &Transmission) -> NetsFile {
    NetsFile::parse(name, &t.to_nets_string().unwrap()).unwrap()
}

fn agreements(records: &[(RegistrationType, &str)], date: NaiveDate) -> NetsFile {
    let v = records
        .iter()
        .enumerate()
        .map(|(i, (r, kid))| Agreement {
            transaction_number: i as u32 + 1,
            registration_type: *r,
            kid: kid.to_string(),
            notify: false,
        })
        .collect();
    file(
        "agreements.txt",
        &transmission(AssignmentContent::Agreements(v), date),
    )
}

/// One OCR Giro payment: type, KID, amount in NOK, settlement date, bank (debit) date.
fn payment(
    n: u32,
    ty: u8,
    kid: &str,
    amount: i64,
    nets: NaiveDate,
    bank: NaiveDate,
) -> OcrTransaction {
    OcrTransaction {
        transaction_number: n,
        transaction_type: TransactionType(ty),
        nets_date: nets,
        centre_id: "13".into(),
        day_code: 1,
        partial_settlement_number: 1,
        partial_settlement_serial_number: "01464".into(),
        amount: Decimal::new(amount * 100, 2),
        kid: Some(kid.into()),
        form_number: "0000000000".into(),
        reference: "000000000".into(),
        filler: "0000000".into(),
        bank_date: Some(bank),
        debit_account: "00000000000".into(),
        text: None,
    }
}

fn ocr(txs: Vec<OcrTransaction>, date: NaiveDate) -> NetsFile {
    file(
        "ocr.txt",
        &transmission(AssignmentContent::Transactions(txs), date),
    )
}

fn signals(ms: Vec<MemberInput>, as_of: NaiveDate) -> Vec<Vec<SignalCode>> {
    let engine = Engine::new(Policy::default()).unwrap();
    let out = engine.assess_parsed(ms.into_iter().map(Ok).collect(), as_of);
    assert!(out.rejected.is_empty(), "{:?}", out.rejected);
    out.assessments
        .iter()
        .map(|a| a.signals.iter().map(|s| s.code).collect())
        .collect()
}

fn run(ms: &mut [MemberInput], files: &[NetsFile], as_of: NaiveDate) -> NetsReport {
    let r = apply(ms, files, as_of, &NetsRules::default(), &mut HashSet::new());
    assert!(r.reconciles(), "{r:?}");
    r
}

const GYM: &str = r#"[
 {"id":"M-000001","joinedOn":"2025-01-01","paymentMethod":"avtalegiro","mandate":"active","visits":["2026-04-12"],
  "instalments":[{"id":"I-2026-04","dueOn":"2026-04-01","amount":"549"}]},
 {"id":"M-000002","joinedOn":"2025-01-01","paymentMethod":"avtalegiro","mandate":"active","visits":["2026-04-12"],
  "instalments":[{"id":"I-2026-04","dueOn":"2026-04-01","amount":"549"}]}]"#;

fn kid(ms: &[MemberInput], m: usize) -> String {
    settlement::instalment_kid(&ms[m], &ms[m].instalments[0], &NetsRules::default()).unwrap()
}

#[test]
fn a_deleted_agreement_makes_the_mandate_inactive() {
    let mut ms = members(GYM);
    let member_kid = settlement::member_kid(&ms[0], &NetsRules::default()).unwrap();
    let f = agreements(&[(RegistrationType::Deleted, &member_kid)], d("2026-03-20"));
    let r = run(&mut ms, &[f], d("2026-03-25"));
    assert_eq!(ms[0].mandate, MandateState::Deleted);
    assert_eq!(ms[1].mandate, MandateState::Active);
    assert_eq!(r.mandates.len(), 1);
    assert_eq!(
        (r.mandates[0].line, r.mandates[0].to),
        (3, MandateState::Deleted)
    );
    let s = signals(ms, d("2026-03-25"));
    assert!(s[0].contains(&SignalCode::MandateInactive));
    assert!(!s[1].contains(&SignalCode::MandateInactive));
}

#[test]
fn a_full_list_activates_the_listed_and_reports_the_absent() {
    let mut ms = members(GYM);
    ms[0].mandate = MandateState::Pending;
    let k0 = settlement::member_kid(&ms[0], &NetsRules::default()).unwrap();
    let f = agreements(&[(RegistrationType::AllActive, &k0)], d("2026-03-20"));
    let r = run(&mut ms, std::slice::from_ref(&f), d("2026-03-25"));
    assert_eq!(ms[0].mandate, MandateState::Active);
    assert_eq!(ms[1].mandate, MandateState::Missing);
    assert_eq!(r.absent_from_full_list.len(), 1);
    assert_eq!(r.absent_from_full_list[0].member_id, "M-000002");
    // a full list read again changes nothing more
    let before = ms.clone();
    run(&mut ms, &[f], d("2026-03-25"));
    assert_eq!(ms, before);
}

#[test]
fn an_avtalegiro_debit_settles_the_instalment_so_no_arrears() {
    let mut ms = members(GYM);
    let as_of = d("2026-04-23");
    assert!(signals(ms.clone(), as_of)[0].contains(&SignalCode::UnpaidInstalments));
    let f = ocr(
        vec![payment(
            1,
            15,
            &kid(&ms, 0),
            549,
            d("2026-04-01"),
            d("2026-04-01"),
        )],
        d("2026-04-01"),
    );
    let r = run(&mut ms, &[f], as_of);
    assert_eq!((r.matched, r.settled.len()), (1, 1));
    assert_eq!(ms[0].instalments[0].paid.to_string(), "549.00");
    assert_eq!(ms[0].instalments[0].paid_on, Some(d("2026-04-01")));
    let s = signals(ms, as_of);
    assert!(!s[0].contains(&SignalCode::UnpaidInstalments));
    assert!(s[1].contains(&SignalCode::UnpaidInstalments));
}

#[test]
fn a_part_payment_leaves_the_rest_outstanding() {
    let mut ms = members(GYM);
    let f = ocr(
        vec![payment(
            1,
            10,
            &kid(&ms, 0),
            200,
            d("2026-04-02"),
            d("2026-04-01"),
        )],
        d("2026-04-02"),
    );
    run(&mut ms, &[f], d("2026-04-23"));
    assert_eq!(ms[0].instalments[0].paid.to_string(), "200.00");
    assert!(signals(ms, d("2026-04-23"))[0].contains(&SignalCode::UnpaidInstalments));
}

#[test]
fn a_payment_on_the_members_kid_pays_the_oldest_first_and_reports_the_rest() {
    let mut ms = members(
        r#"[{"id":"M-7","joinedOn":"2025-01-01","paymentMethod":"invoice","instalments":[
        {"id":"B","dueOn":"2026-02-01","amount":"500"},{"id":"A","dueOn":"2026-01-01","amount":"500"}]}]"#,
    );
    let k = settlement::member_kid(&ms[0], &NetsRules::default()).unwrap();
    let f = ocr(
        vec![payment(1, 10, &k, 1200, d("2026-03-02"), d("2026-03-01"))],
        d("2026-03-02"),
    );
    let r = run(&mut ms, &[f], d("2026-03-10"));
    assert_eq!(r.settled[0].instalment_ids, vec!["A", "B"]);
    assert_eq!(r.settled[0].unapplied.to_string(), "200.00");
    assert!(ms[0]
        .instalments
        .iter()
        .all(|i| i.paid.to_string() == "500.00"));
}

/// Due Wednesday 1 April 2026; Maundy Thursday to Easter Monday are closed, so the banks retry on
/// 1, 7, 8, 9 and 10 April: the window ends Friday 10 April.
#[test]
fn no_debit_by_due_date_plus_four_business_days_across_easter_is_a_failed_debit() {
    let ms0 = members(GYM);
    // M-000002 paid on the due date; the OCR files cover 1–13 April
    let other = kid(&ms0, 1);
    let covering = |extra: Vec<OcrTransaction>, last: &str| {
        let mut txs = vec![
            payment(1, 15, &other, 549, d("2026-04-01"), d("2026-04-01")),
            payment(2, 10, "000000990000", 0, d(last), d(last)),
        ];
        txs.extend(extra);
        ocr(txs, d(last))
    };

    let mut ms = ms0.clone();
    let r = run(&mut ms, &[covering(vec![], "2026-04-13")], d("2026-04-14"));
    assert_eq!(r.failed_debits.len(), 1, "{r:?}");
    let f = &r.failed_debits[0];
    assert_eq!(f.member_id, "M-000001");
    assert_eq!(f.retry_ends_on, d("2026-04-10"));
    assert_eq!(f.kid.as_deref(), Some(kid(&ms0, 0).as_str()));
    assert_eq!(f.outstanding.to_string(), "549.00");
    // the engine sees what a failed debit is: the instalment is unpaid
    assert!(signals(ms, d("2026-04-14"))[0].contains(&SignalCode::UnpaidInstalments));

    // on the window's last day it is not a failure yet
    let r = run(
        &mut ms0.clone(),
        &[covering(vec![], "2026-04-13")],
        d("2026-04-10"),
    );
    assert!(r.failed_debits.is_empty());

    // files that stop before the window ends prove nothing: absence of data is not failure
    let r = run(
        &mut ms0.clone(),
        &[covering(vec![], "2026-04-09")],
        d("2026-04-14"),
    );
    assert!(r.failed_debits.is_empty());
    let r = run(&mut ms0.clone(), &[], d("2026-04-14"));
    assert!(r.failed_debits.is_empty());

    // a debit on the last retry day settles it
    let mut ms = ms0.clone();
    let late = payment(3, 15, &kid(&ms0, 0), 549, d("2026-04-10"), d("2026-04-10"));
    let r = run(
        &mut ms,
        &[covering(vec![late], "2026-04-13")],
        d("2026-04-14"),
    );
    assert!(r.failed_debits.is_empty());
    assert_eq!(ms[0].instalments[0].paid_on, Some(d("2026-04-10")));
}

#[test]
fn every_unknown_kid_is_reported_with_line_amount_and_reason() {
    let mut ms = members(GYM);
    let scheme = NetsRules::default().kid.unwrap();
    let stranger = scheme.encode(4711, 2604).unwrap();
    let f = ocr(
        vec![
            payment(1, 15, &kid(&ms, 0), 549, d("2026-04-01"), d("2026-04-01")),
            payment(2, 15, &stranger, 549, d("2026-04-01"), d("2026-04-01")),
            payment(3, 10, "1234567", 99, d("2026-04-01"), d("2026-04-01")),
        ],
        d("2026-04-01"),
    );
    let r = run(&mut ms, &[f], d("2026-04-23"));
    assert_eq!((r.records, r.matched, r.unmatched.len()), (3, 1, 2));
    let u = &r.unmatched[0];
    assert_eq!((u.line, u.kid.as_deref()), (5, Some(stranger.as_str())));
    assert_eq!(u.amount.map(|a| a.to_string()).as_deref(), Some("549.00"));
    assert!(
        u.reason.contains("no member has the number 4711"),
        "{}",
        u.reason
    );
    assert_eq!(r.unmatched[1].line, 7);
    assert!(
        r.unmatched[1].reason.contains("7 digits"),
        "{}",
        r.unmatched[1].reason
    );
}

#[test]
fn explicit_kids_match_the_nets_samples_and_claims_are_ignored() {
    let mut ms = members(
        r#"[{"id":"X","joinedOn":"1991-01-01","paymentMethod":"avtalegiro","mandate":"pending","kid":"000112000507155",
            "instalments":[{"id":"I-1","dueOn":"1992-01-15","amount":"1020","kid":"0036633"}]}]"#,
    );
    let files: Vec<NetsFile> = [
        "avtalegiro_agreements.txt",
        "avtalegiro_payment_request.txt",
        "ocr_giro_transactions.txt",
    ]
    .iter()
    .map(|n| {
        let text = std::fs::read_to_string(format!(
            "{}/../../tests/data/nets/{n}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        NetsFile::parse(*n, &text).unwrap()
    })
    .collect();
    let r = run(&mut ms, &files, d("1992-02-15"));
    // 16 agreements + 6 claims + 20 payments
    assert_eq!(r.records, 42);
    assert_eq!((r.matched, r.ignored.len(), r.unmatched.len()), (2, 6, 34));
    assert_eq!(ms[0].mandate, MandateState::Active);
    assert_eq!(ms[0].instalments[0].paid.to_string(), "1020.00");
    assert_eq!(ms[0].instalments[0].paid_on, Some(d("1992-01-16")));
    assert!(r.ignored.iter().all(|p| p.reason.contains("claim")));
}

#[test]
fn a_bad_kid_scheme_is_a_policy_error() {
    let e = Policy::from_json(
        r#"{"nets":{"kid":{"memberDigits":0,"instalmentDigits":4,"checkDigit":"mod10"}}}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("nets.kid"), "{e}");
    let e = Policy::from_json(
        r#"{"nets":{"kid":{"memberDigits":6,"instalmentDigits":2,"checkDigit":"mod11"}}}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("instalmentDigits"), "{e}");
    assert!(Policy::from_json(
        r#"{"nets":{"kid":{"prefix":"9","memberDigits":6,"instalmentDigits":0,"checkDigit":"mod11"},"instalmentNumber":"idDigits"}}"#
    )
    .is_ok());
}

// ---- properties ----

fn portfolio() -> impl Strategy<Value = Vec<MemberInput>> {
    let member = (
        1u64..6,
        any::<bool>(),
        0u8..4,
        proptest::collection::vec((0i64..4, 0i64..800, 0i64..800, any::<bool>()), 0..4),
        proptest::option::of("[0-9]{2,8}"),
    )
        .prop_map(|(n, ag, mandate, insts, kid)| {
            let instalments: Vec<serde_json::Value> = insts
                .iter()
                .enumerate()
                .map(|(i, (month, amount, paid, with_kid))| {
                    let mut v = serde_json::json!({"id": format!("I-{i}"),
                        "dueOn": format!("2026-{:02}-0{}", 1 + month, 1 + i % 3),
                        "amount": amount.to_string(), "paid": paid.to_string()});
                    if *with_kid {
                        v["kid"] = format!("55{i}{n}").into();
                    }
                    v
                })
                .collect();
            let mandate = ["active", "pending", "missing", "deleted"][mandate as usize];
            serde_json::json!({"id": format!("M-{n}"), "joinedOn": "2025-01-01",
                "paymentMethod": if ag { "avtalegiro" } else { "invoice" },
                "mandate": mandate,
                "kid": kid, "instalments": instalments})
        });
    proptest::collection::vec(member, 0..5)
        .prop_map(|v| serde_json::from_value(serde_json::Value::Array(v)).unwrap())
}

/// KIDs that hit members and instalments under the default scheme, explicit ones, and noise.
fn some_kid() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u64..6, prop_oneof![Just(0u64), 2601u64..2605]).prop_map(|(m, i)| NetsRules::default()
            .kid
            .unwrap()
            .encode(m, i)
            .unwrap()),
        (0usize..4, 1u64..6).prop_map(|(i, n)| format!("55{i}{n}")),
        "[0-9]{1,25}",
    ]
}

fn files() -> impl Strategy<Value = Vec<NetsFile>> {
    let ags = proptest::collection::vec((0u8..3, some_kid()), 0..6).prop_map(|v| {
        let recs: Vec<(RegistrationType, String)> = v
            .into_iter()
            .map(|(r, k)| (RegistrationType::from_code(r).unwrap(), k))
            .collect();
        let refs: Vec<(RegistrationType, &str)> =
            recs.iter().map(|(r, k)| (*r, k.as_str())).collect();
        agreements(&refs, d("2026-03-01"))
    });
    let pays = proptest::collection::vec(
        (
            10u8..=21,
            some_kid(),
            -300i64..900,
            0u64..120,
            any::<bool>(),
        ),
        0..8,
    )
    .prop_map(|v| {
        let base = d("2026-01-01");
        let total: i64 = v.iter().map(|x| if x.4 { x.2 } else { x.2.abs() }).sum();
        let mut txs: Vec<OcrTransaction> = v
            .into_iter()
            .enumerate()
            .map(|(n, (ty, kid, amount, day, neg))| {
                let date = base + chrono::Days::new(day);
                let amount = if neg { amount } else { amount.abs() };
                payment(n as u32 + 1, ty, &kid, amount, date, date)
            })
            .collect();
        if total < 0 {
            // the file's total must not be negative: a payment nobody can match balances it
            let n = txs.len() as u32 + 1;
            txs.push(payment(n, 10, "12", -total, base, base));
        }
        ocr(txs, base)
    });
    (ags, pays).prop_map(|(a, p)| vec![a, p])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn applying_the_same_files_twice_changes_nothing_more(ms in portfolio(), fs in files(), day in 0u64..200) {
        let as_of = d("2026-01-01") + chrono::Days::new(day);
        let rules = NetsRules::default();
        let mut seen = HashSet::new();
        let mut once = ms.clone();
        let r1 = apply(&mut once, &fs, as_of, &rules, &mut seen);
        prop_assert!(r1.reconciles());
        let mut twice = once.clone();
        let r2 = apply(&mut twice, &fs, as_of, &rules, &mut seen);
        prop_assert!(r2.reconciles());
        prop_assert_eq!(&twice, &once);
        prop_assert!(r2.settled.is_empty());
        prop_assert_eq!(r1.failed_debits, r2.failed_debits);
        // the same file given twice in one run is the same as once
        let mut doubled = ms.clone();
        let both: Vec<NetsFile> = fs.iter().chain(fs.iter()).cloned().collect();
        let r3 = apply(&mut doubled, &both, as_of, &rules, &mut HashSet::new());
        prop_assert!(r3.reconciles());
        prop_assert_eq!(&doubled, &once);
    }

    #[test]
    fn no_nets_text_makes_reading_or_applying_panic(text in "(NY[0-9 ]{0,90}\n?){0,6}|\\PC{0,200}", ms in portfolio()) {
        if let Ok(f) = NetsFile::parse("x", &text) {
            let mut ms = ms;
            let r = apply(&mut ms, &[f], d("2026-06-01"), &NetsRules::default(), &mut HashSet::new());
            prop_assert!(r.reconciles());
        }
    }
}

#[test]
fn kids_come_from_csv_columns_and_a_bad_kid_is_a_rejection() {
    let t = restanse::input::Tables {
        members: "id,joined_on,payment_method,kid\nM-1,2025-01-01,avtalegiro,000112000507155\nM-2,2025-01-01,avtalegiro,12ab\n",
        instalments: Some("member_id,id,due_on,amount,kid\nM-1,I-1,2026-11-01,549,0036633\n"),
        visits: None,
        holds: None,
        reminders: None,
    };
    let records = restanse::input::read_tables(&t).unwrap();
    let m1 = records[0].as_ref().unwrap();
    assert_eq!(m1.kid.as_deref(), Some("000112000507155"));
    assert_eq!(m1.instalments[0].kid.as_deref(), Some("0036633"));
    let (ok, rejected) = restanse::input::validate_batch(records, d("2026-11-23"));
    assert_eq!(ok.len(), 1);
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].field, "kid");
    assert!(
        rejected[0].reason.contains("digits only"),
        "{}",
        rejected[0].reason
    );
}
