//! The three sample files from Nets (via the netsgiro test suite) parse to exactly what they hold, and
//! write back byte for byte.
use chrono::NaiveDate;
use restanse_nets::{self as nets, AssignmentContent, RegistrationType, TransactionType};
use rust_decimal::Decimal;
use std::str::FromStr;

const AGREEMENTS: &str = include_str!("../../../tests/data/nets/avtalegiro_agreements.txt");
const CLAIMS: &str = include_str!("../../../tests/data/nets/avtalegiro_payment_request.txt");
const OCR: &str = include_str!("../../../tests/data/nets/ocr_giro_transactions.txt");

fn nok(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn agreements_file_holds_16_agreements() {
    let t = nets::parse(AGREEMENTS).unwrap();
    assert_eq!(t.transmission_number, "1091949");
    assert_eq!(t.data_transmitter, "00008080");
    assert_eq!(t.date, Some(date(2017, 4, 19)));
    assert_eq!(t.assignments.len(), 1);
    let a = &t.assignments[0];
    assert_eq!(
        (a.content.service_code(), a.content.assignment_type()),
        (21, 24)
    );
    assert_eq!(a.assignment_account, "99991042764");
    let agreements: Vec<_> = t.agreements().collect();
    assert_eq!(agreements.len(), 16);
    assert!(agreements
        .iter()
        .all(|x| x.registration_type == RegistrationType::NewOrChanged));
    assert!(agreements.iter().all(|x| x.kid.len() == 15));
    assert_eq!(agreements.iter().filter(|x| x.notify).count(), 11);
    assert_eq!(agreements[0].kid, "000112000507155");
    assert!(agreements[0].notify);
    assert_eq!(agreements[1].kid, "001006300507304");
    assert!(!agreements[1].notify);
    assert_eq!(agreements[15].transaction_number, 16);
    assert_eq!(agreements[15].kid, "001186100509492");
}

#[test]
fn claims_file_holds_6_claims_of_one_krone() {
    let t = nets::parse(CLAIMS).unwrap();
    assert_eq!(t.data_transmitter, "55555555");
    assert_eq!(t.data_recipient, "00008080");
    let claims: Vec<_> = t.claims().collect();
    assert_eq!(claims.len(), 6);
    assert_eq!(t.total_amount(), nok("6.00"));
    assert!(claims
        .iter()
        .all(|c| c.amount == nok("1.00") && c.due_date == date(2004, 6, 17)));
    let bank = claims
        .iter()
        .filter(|c| c.transaction_type == TransactionType::AVTALEGIRO_BANK_NOTIFICATION);
    assert_eq!(bank.count(), 5);
    assert_eq!(
        claims[5].transaction_type,
        TransactionType::AVTALEGIRO_PAYEE_NOTIFICATION
    );
    assert_eq!(
        claims
            .iter()
            .filter(|c| !c.specification.is_empty())
            .count(),
        3
    );
    assert_eq!(claims[0].kid, "008000011688373");
    assert_eq!(claims[0].payer_name.as_deref(), Some("NAVN"));
    assert_eq!(
        claims[0].specification_text(),
        " Gjelder Faktura: 168837  Dato: 19/03/04                  ForfallsDato: 17/06/04"
    );
    assert_eq!(t.cancellations().count(), 0);
}

#[test]
fn ocr_file_holds_20_transactions_totalling_51449() {
    let t = nets::parse(OCR).unwrap();
    let a = &t.assignments[0];
    assert_eq!(a.agreement_id.as_deref(), Some("001008566"));
    assert_eq!(a.nets_date, Some(date(1992, 1, 20)));
    let txs: Vec<_> = t.transactions().collect();
    assert_eq!(txs.len(), 20);
    assert_eq!(t.total_amount(), nok("51449.00"));
    let count = |ty: u8| {
        txs.iter()
            .filter(|x| x.transaction_type == TransactionType(ty))
            .count()
    };
    assert_eq!(
        (count(10), count(11), count(12), count(13), count(21)),
        (10, 2, 2, 5, 1)
    );
    assert_eq!(count(15), 0);
    let first = txs[0];
    assert_eq!(first.transaction_type, TransactionType::PURCHASE_WITH_TEXT);
    assert_eq!(first.amount, nok("1020.00"));
    assert_eq!(first.kid.as_deref(), Some("0000531"));
    assert_eq!(first.text.as_deref(), Some("Foo bar baz"));
    assert_eq!(first.nets_date, date(1992, 1, 20));
    assert_eq!(first.bank_date, Some(date(1992, 1, 16)));
    assert_eq!(first.debit_account, "99990512341");
    assert_eq!(txs[1].kid.as_deref(), Some("0036633"));
    assert_eq!(txs[1].filler, "1883206");
    assert!(txs
        .iter()
        .all(|x| x.amount > Decimal::ZERO && x.nets_date == date(1992, 1, 20)));
}

#[test]
fn every_sample_writes_back_byte_for_byte() {
    for (name, text) in [("agreements", AGREEMENTS), ("claims", CLAIMS), ("ocr", OCR)] {
        let t = nets::parse(text).unwrap();
        assert_eq!(t.to_nets_string().unwrap(), text, "{name}");
    }
}

#[test]
fn crlf_and_latin1_are_read() {
    let crlf = CLAIMS.replace('\n', "\r\n");
    assert_eq!(nets::parse(&crlf).unwrap(), nets::parse(CLAIMS).unwrap());
    // A payer name with ø, as Nets sends it: one byte 0xF8 in ISO-8859-1.
    let text = CLAIMS.replacen("NAVN      ", "SKJØNBERG ", 1);
    let t = nets::parse(&text).unwrap();
    assert_eq!(
        t.claims().next().unwrap().payer_name.as_deref(),
        Some("SKJØNBERG")
    );
    let latin1 = nets::to_latin1(&text).unwrap();
    assert!(std::str::from_utf8(&latin1).is_err());
    assert_eq!(nets::parse_bytes(&latin1).unwrap(), t);
    assert_eq!(t.to_nets_string().unwrap(), text);
}

#[test]
fn json_uses_camel_case_and_numbers_for_types() {
    let t = nets::parse(OCR).unwrap();
    let v = serde_json::to_value(&t).unwrap();
    let tx = &v["assignments"][0]["transactions"][0];
    assert_eq!(tx["transactionType"], 21);
    assert_eq!(tx["kid"], "0000531");
    assert_eq!(tx["amount"], "1020.00");
    assert_eq!(tx["netsDate"], "1992-01-20");
    let t = nets::parse(AGREEMENTS).unwrap();
    let v = serde_json::to_value(&t).unwrap();
    let ag = &v["assignments"][0]["agreements"][0];
    assert_eq!(ag["registrationType"], "newOrChanged");
    assert_eq!(ag["kid"], "000112000507155");
    assert_eq!(ag["notify"], true);
    // and it reads back
    let back: nets::Transmission = serde_json::from_value(v).unwrap();
    assert_eq!(back, t);
}

#[test]
fn avtalegiro_settlements_type_15_are_read() {
    // A type-15 settlement made by changing the first type-10 transaction of the sample.
    let text = OCR
        .replace("NY0910300000002", "NY0915300000002")
        .replace("NY0910310000002", "NY0915310000002");
    let t = nets::parse(&text).unwrap();
    let tx: Vec<_> = t
        .transactions()
        .filter(|x| x.transaction_type == TransactionType::AVTALEGIRO)
        .collect();
    assert_eq!(tx.len(), 1);
    assert_eq!(tx[0].kid.as_deref(), Some("0036633"));
    assert_eq!(t.to_nets_string().unwrap(), text);
}

#[test]
fn a_cancellation_file_round_trips() {
    let mut t = nets::parse(CLAIMS).unwrap();
    let a = &mut t.assignments[0];
    let AssignmentContent::Claims(claims) = &a.content else {
        panic!()
    };
    let cancel = claims
        .iter()
        .take(2)
        .map(|c| nets::Claim {
            transaction_type: TransactionType::AVTALEGIRO_CANCELLATION,
            specification: vec![],
            ..c.clone()
        })
        .collect();
    a.agreement_id = None;
    a.content = AssignmentContent::Cancellations(cancel);
    let text = t.to_nets_string().unwrap();
    assert!(text.lines().nth(1).unwrap().starts_with("NY213620"));
    assert!(text.lines().nth(2).unwrap().starts_with("NY219330"));
    assert_eq!(nets::parse(&text).unwrap(), t);
    assert_eq!(text.lines().count(), 8);
}
