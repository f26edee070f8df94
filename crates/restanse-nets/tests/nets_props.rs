//! Properties: any well-formed transmission writes and reads back unchanged; no input makes the reader
//! panic; a sample with one character changed is either refused or written back byte for byte.
use chrono::NaiveDate;
use proptest::prelude::*;
use restanse_nets::{
    self as nets, Agreement, Assignment, AssignmentContent, Claim, OcrTransaction,
    RegistrationType, SpecificationLine, TransactionType, Transmission,
};
use rust_decimal::Decimal;

const SAMPLES: [&str; 3] = [
    include_str!("../../../tests/data/nets/avtalegiro_agreements.txt"),
    include_str!("../../../tests/data/nets/avtalegiro_payment_request.txt"),
    include_str!("../../../tests/data/nets/ocr_giro_transactions.txt"),
];

fn date() -> impl Strategy<Value = NaiveDate> {
    (1969i32..=2068, 1u32..=366).prop_map(|(y, d)| {
        NaiveDate::from_yo_opt(y, d).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
    })
}

fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..1_000_000_000_000).prop_map(|ore| Decimal::new(ore, 2))
}

/// Free text of at most `max` characters that does not end in a space (the reader trims trailing spaces).
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::char::ranges(vec![' '..='~', 'À'..='ÿ'].into()),
        0..=max,
    )
    .prop_map(|v| v.into_iter().collect::<String>().trim_end().to_string())
}

fn opt_text(max: usize) -> impl Strategy<Value = Option<String>> {
    text(max).prop_map(|s| if s.is_empty() { None } else { Some(s) })
}

fn claim(cancellation: bool) -> impl Strategy<Value = Claim> {
    (
        1u32..=9_999_999,
        any::<bool>(),
        date(),
        amount(),
        "[0-9]{1,25}",
        opt_text(10),
        opt_text(25),
        proptest::collection::vec((1u16..=42, 1u8..=2, text(40)), 0..4),
    )
        .prop_map(
            move |(n, bank, due_date, amount, kid, payer_name, reference, spec)| {
                let transaction_type = TransactionType(if cancellation {
                    93
                } else if bank {
                    21
                } else {
                    2
                });
                Claim {
                    transaction_number: n,
                    transaction_type,
                    due_date,
                    amount,
                    kid,
                    payer_name,
                    reference,
                    specification: if transaction_type.0 == 21 {
                        spec.into_iter()
                            .map(|(line, column, text)| SpecificationLine { line, column, text })
                            .collect()
                    } else {
                        vec![]
                    },
                }
            },
        )
}

fn agreement() -> impl Strategy<Value = Agreement> {
    (1u32..=9_999_999, 0u8..=2, "[0-9]{1,25}", any::<bool>()).prop_map(|(n, r, kid, notify)| {
        Agreement {
            transaction_number: n,
            registration_type: RegistrationType::from_code(r).unwrap(),
            kid,
            notify,
        }
    })
}

fn ocr() -> impl Strategy<Value = OcrTransaction> {
    (
        (
            1u32..=9_999_999,
            10u8..=21,
            date(),
            "[0-9]{2}",
            0u8..=99,
            0u8..=9,
            "[0-9]{5}",
            amount(),
        ),
        (
            "([0-9]{1,25})?",
            "[0-9]{10}",
            "[0-9 ]{9}",
            "[0-9A-Z ]{7}",
            proptest::option::of(date()),
            "[0-9]{11}",
        ),
        opt_text(40),
    )
        .prop_map(
            |(
                (n, ty, nets_date, centre_id, day_code, psn, pss, amount),
                (kid, form, reference, filler, bank_date, acct),
                text,
            )| {
                OcrTransaction {
                    transaction_number: n,
                    transaction_type: TransactionType(ty),
                    nets_date,
                    centre_id,
                    day_code,
                    partial_settlement_number: psn,
                    partial_settlement_serial_number: pss,
                    amount,
                    kid: if kid.is_empty() { None } else { Some(kid) },
                    form_number: form,
                    reference,
                    filler,
                    bank_date,
                    debit_account: acct,
                    text: if matches!(ty, 20 | 21) { text } else { None },
                }
            },
        )
}

fn assignment() -> impl Strategy<Value = Assignment> {
    let content = prop_oneof![
        proptest::collection::vec(ocr(), 0..6).prop_map(AssignmentContent::Transactions),
        proptest::collection::vec(claim(false), 0..6).prop_map(AssignmentContent::Claims),
        proptest::collection::vec(claim(true), 0..6).prop_map(AssignmentContent::Cancellations),
        proptest::collection::vec(agreement(), 0..6).prop_map(AssignmentContent::Agreements),
    ];
    (
        content,
        "[1-9][0-9]{8}",
        "[0-9]{7}",
        "[0-9]{11}",
        proptest::option::of(date()),
    )
        .prop_map(
            |(content, agreement_id, assignment_number, assignment_account, nets_date)| {
                let ocr = matches!(content, AssignmentContent::Transactions(_));
                let typed_00 = ocr || matches!(content, AssignmentContent::Claims(_));
                Assignment {
                    agreement_id: typed_00.then_some(agreement_id),
                    assignment_number,
                    assignment_account,
                    nets_date: if ocr { nets_date } else { None },
                    content,
                }
            },
        )
}

fn transmission() -> impl Strategy<Value = Transmission> {
    (
        "[0-9]{7}",
        "[0-9]{8}",
        "[0-9]{8}",
        proptest::option::of(date()),
        proptest::collection::vec(assignment(), 0..4),
    )
        .prop_map(
            |(transmission_number, data_transmitter, data_recipient, date, assignments)| {
                Transmission {
                    transmission_number,
                    data_transmitter,
                    data_recipient,
                    date,
                    assignments,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn write_then_read_is_identity(t in transmission()) {
        let text = t.to_nets_string().unwrap();
        prop_assert!(text.lines().all(|l| l.chars().count() == 80));
        let back = nets::parse(&text).unwrap();
        prop_assert_eq!(&back, &t);
        prop_assert_eq!(back.to_nets_string().unwrap(), text);
    }

    #[test]
    fn one_changed_character_is_refused_or_round_trips(
        which in 0usize..3,
        pos in any::<prop::sample::Index>(),
        c in prop::sample::select(vec!['0', '1', '9', ' ', 'A', 'J', 'N', '-', 'ø', '\n', '\r', '\u{0}']),
    ) {
        let sample = SAMPLES[which];
        let mut chars: Vec<char> = sample.chars().collect();
        let i = pos.index(chars.len());
        chars[i] = c;
        let changed: String = chars.into_iter().collect();
        if let Ok(t) = nets::parse(&changed) {
            // a line may end in `\n`, `\r\n` or (the last one) `\r`: the reader accepts each and the writer
            // ends every line in `\n`, so the round trip is line by line
            let lines = |s: &str| -> Vec<String> {
                s.split('\n')
                    .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
                    .filter(|l| !l.is_empty())
                    .collect()
            };
            prop_assert_eq!(lines(&t.to_nets_string().unwrap()), lines(&changed));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = nets::parse_bytes(&bytes);
    }

    #[test]
    fn sample_lines_shuffled_never_panic(
        which in 0usize..3,
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..30),
    ) {
        let lines: Vec<&str> = SAMPLES[which].lines().collect();
        let text: String = picks.iter().map(|p| format!("{}\n", lines[p.index(lines.len())])).collect();
        if let Ok(t) = nets::parse(&text) {
            prop_assert_eq!(t.to_nets_string().unwrap(), text);
        }
    }
}
