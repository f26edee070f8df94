//! Bad files are refused with the line, the field and the reason.
use restanse_nets::{self as nets, ParseError};

const CLAIMS: &str = include_str!("../../../tests/data/nets/avtalegiro_payment_request.txt");
const OCR: &str = include_str!("../../../tests/data/nets/ocr_giro_transactions.txt");
const AGREEMENTS: &str = include_str!("../../../tests/data/nets/avtalegiro_agreements.txt");

/// Replaces characters `at..at+with.len()` of 1-based line `line`.
fn patch(text: &str, line: usize, at: usize, with: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let l = &mut lines[line - 1];
    l.replace_range(at..at + with.len(), with);
    lines.join("\n") + "\n"
}

fn err(text: &str) -> ParseError {
    nets::parse(text).unwrap_err()
}

#[track_caller]
fn assert_err(text: &str, line: usize, field: &str) {
    let e = err(text);
    assert_eq!((e.line, e.field), (line, field), "{e}");
}

#[test]
fn empty_and_truncated_files() {
    assert_err("", 1, "record");
    let first_two: String = CLAIMS.lines().take(2).map(|l| format!("{l}\n")).collect();
    assert_err(&first_two, 3, "record");
    let e = err(&first_two);
    assert!(e.reason.contains("ends"), "{e}");
}

#[test]
fn wrong_line_length() {
    let text = CLAIMS.replacen("NAVN ", "NAVN", 1);
    assert_err(&text, 4, "record");
    assert!(err(&text).reason.contains("79 characters"));
}

#[test]
fn counts_and_totals_in_end_records() {
    // assignment end: number of transactions 6 → 7
    assert_err(&patch(CLAIMS, 21, 15, "7"), 21, "number of transactions");
    // assignment end: number of records 20 → 21
    assert_err(&patch(CLAIMS, 21, 22, "1"), 21, "number of records");
    // assignment end total 600 → 700
    assert_err(&patch(CLAIMS, 21, 38, "7"), 21, "total amount");
    // transmission end total
    assert_err(&patch(CLAIMS, 22, 38, "7"), 22, "total amount");
    // OCR: an amount changed, so the assignment total no longer adds up
    let e = err(&patch(OCR, 3, 44, "2"));
    assert_eq!((e.line, e.field), (44, "total amount"));
    assert!(e.reason.contains("5144900"), "{e}");
    // agreements: count
    assert_err(
        &patch(AGREEMENTS, 19, 15, "7"),
        19,
        "number of transactions",
    );
}

#[test]
fn dates_must_be_real_and_match_the_end_record() {
    // due date 17.06.04 → 31.06.04
    assert_err(&patch(CLAIMS, 3, 15, "31"), 3, "due date");
    // due date 17.06.04 → 18.06.04 (real, but the end record says the last due date is 17.06.04)
    assert_err(&patch(CLAIMS, 3, 15, "18"), 21, "last due date");
    assert_err(&patch(OCR, 1, 8, "0000000X"), 1, "data transmitter");
}

#[test]
fn records_out_of_place() {
    // the amount item 2 of transaction 1 carries transaction number 2
    assert_err(&patch(CLAIMS, 4, 14, "2"), 4, "transaction number");
    // a claim of transaction type 94
    assert_err(
        &patch(&patch(CLAIMS, 19, 4, "94"), 20, 4, "94"),
        19,
        "transaction type",
    );
    // record type 99
    assert_err(&patch(CLAIMS, 4, 6, "99"), 4, "record type");
    // an assignment start where a transaction was expected
    assert_err(&patch(OCR, 3, 6, "20"), 3, "record type");
    // the first record is not a transmission start
    assert_err(
        &CLAIMS
            .lines()
            .skip(1)
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
        1,
        "record type",
    );
    // something after the transmission end
    assert_err(
        &format!("{CLAIMS}{}\n", CLAIMS.lines().next().unwrap()),
        23,
        "record",
    );
}

#[test]
fn fields_with_bad_characters() {
    assert_err(&patch(CLAIMS, 3, 32, "x"), 3, "amount");
    assert_err(&patch(AGREEMENTS, 3, 41, "X"), 3, "notify");
    assert_err(&patch(AGREEMENTS, 3, 15, "7"), 3, "registration type");
    assert_err(&patch(AGREEMENTS, 3, 30, "A"), 3, "kid");
    assert_err(&patch(OCR, 3, 31, "+"), 3, "sign");
    assert_err(&patch(OCR, 3, 79, "1"), 3, "filler");
    assert_err(&patch(OCR, 1, 0, "NX"), 1, "format code");
}

#[test]
fn the_message_names_line_field_and_reason() {
    let e = err(&patch(CLAIMS, 3, 32, "x"));
    assert_eq!(
        e.to_string(),
        format!("line 3, amount: {:?} is not 17 digits", "x0000000000000100")
    );
}

#[test]
fn writer_refuses_values_that_do_not_fit() {
    let mut t = nets::parse(CLAIMS).unwrap();
    let nets::AssignmentContent::Claims(c) = &mut t.assignments[0].content else {
        panic!()
    };
    c[0].kid = "12A".into();
    let e = t.to_nets_string().unwrap_err();
    assert_eq!((e.transaction_number, e.field), (Some(1), "kid"));
    let nets::AssignmentContent::Claims(c) = &mut t.assignments[0].content else {
        panic!()
    };
    c[0].kid = "1234".into();
    c[0].amount = rust_decimal::Decimal::new(1005, 3); // 1.005 NOK
    assert_eq!(t.to_nets_string().unwrap_err().field, "amount");
    let nets::AssignmentContent::Claims(c) = &mut t.assignments[0].content else {
        panic!()
    };
    c[0].amount = rust_decimal::Decimal::ONE;
    c[0].payer_name = Some("ELEVEN CHARS".into());
    assert_eq!(t.to_nets_string().unwrap_err().field, "payer name");
}

#[test]
fn control_characters_are_refused() {
    let e = err(&patch(CLAIMS, 5, 30, "\r"));
    assert_eq!((e.line, e.field), (5, "record"));
    assert!(e.reason.contains("position 31"), "{e}");
}
