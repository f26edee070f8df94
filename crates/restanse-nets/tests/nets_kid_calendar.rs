//! KID check digits against the sample files' real KIDs, KID schemes, and the bank calendar.
use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use restanse_nets::calendar::{self, BankCalendar};
use restanse_nets::kid::{self, CheckDigit, KidError, KidScheme};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn avtalegiro_sample_kids_are_mod10() {
    let mut n = 0;
    for text in [
        include_str!("../../../tests/data/nets/avtalegiro_agreements.txt"),
        include_str!("../../../tests/data/nets/avtalegiro_payment_request.txt"),
    ] {
        let t = restanse_nets::parse(text).unwrap();
        for k in t
            .agreements()
            .map(|a| &a.kid)
            .chain(t.claims().map(|c| &c.kid))
        {
            assert!(kid::is_valid_mod10(k), "{k}");
            n += 1;
        }
    }
    assert_eq!(n, 22);
}

#[test]
fn ocr_sample_kids_are_mod11_or_mod10() {
    let t = restanse_nets::parse(include_str!(
        "../../../tests/data/nets/ocr_giro_transactions.txt"
    ))
    .unwrap();
    let kids: Vec<&str> = t.transactions().filter_map(|t| t.kid.as_deref()).collect();
    assert_eq!(kids.len(), 20);
    // The first seven (giro debited account) are MOD11 and not MOD10.
    for k in &kids[..7] {
        assert!(kid::is_valid_mod11(k) && !kid::is_valid_mod10(k), "{k}");
    }
    assert!(kids
        .iter()
        .all(|k| kid::is_valid_mod10(k) || kid::is_valid_mod11(k)));
}

#[test]
fn check_digits_by_hand() {
    // Luhn's textbook example.
    assert_eq!(kid::mod10_check_digit("7992739871"), Ok(3));
    assert_eq!(kid::mod11_check_digit("003663"), Ok(3));
    assert_eq!(kid::mod11_check_digit("000053"), Ok(1));
    // Weights 2,3: 1*3 + 1*2 = 5 → 11-5 = 6
    assert_eq!(kid::mod11_check_digit("11"), Ok(6));
    // remainder 0 → check digit 0: 0*2
    assert_eq!(kid::mod11_check_digit("0"), Ok(0));
    // 6*2 = 12, remainder 1, 11 - 1 = 10: MOD11 has no digit for it
    assert!(matches!(
        kid::mod11_check_digit("6"),
        Err(KidError::NoMod11Digit(_))
    ));
    assert_eq!(kid::mod10_check_digit(""), Err(KidError::Empty));
    assert!(matches!(
        kid::mod10_check_digit("12a"),
        Err(KidError::NotDigits(_))
    ));
    assert!(!kid::is_valid_mod10(""));
    assert!(!kid::is_valid_mod10("5"));
    assert!(!kid::is_valid_mod10("008000011688374"));
    assert!(!kid::is_valid_mod10("0080000116883 3"));
    assert!(!kid::is_valid_mod11("ø1"));
}

#[test]
fn scheme_validation() {
    let bad = |json: &str| {
        serde_json::from_str::<KidScheme>(json)
            .unwrap()
            .validate()
            .is_err()
    };
    assert!(bad(
        r#"{"memberDigits": 0, "instalmentDigits": 4, "checkDigit": "mod10"}"#
    ));
    assert!(bad(
        r#"{"memberDigits": 19, "instalmentDigits": 6, "checkDigit": "mod10"}"#
    ));
    assert!(bad(
        r#"{"prefix": "1a", "memberDigits": 5, "instalmentDigits": 4, "checkDigit": "mod11"}"#
    ));
    assert!(serde_json::from_str::<KidScheme>(
        r#"{"memberDigits": 5, "instalmentDigits": 4, "checkDigit": "mod12"}"#
    )
    .is_err());
    assert!(serde_json::from_str::<KidScheme>(
        r#"{"memberDigits": 5, "instalmentDigits": 4, "checkDigit": "mod10", "x": 1}"#
    )
    .is_err());
    let s = KidScheme::default();
    assert!(s.validate().is_ok());
    assert_eq!(s.len(), 12);
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"{"prefix":"","memberDigits":7,"instalmentDigits":4,"checkDigit":"mod10"}"#
    );
}

#[test]
fn scheme_refuses_what_it_cannot_encode_or_decode() {
    let s = KidScheme {
        prefix: "9".into(),
        member_digits: 3,
        instalment_digits: 2,
        check_digit: CheckDigit::Mod10,
    };
    assert!(matches!(
        s.encode(1000, 1),
        Err(KidError::TooLarge {
            field: "member number",
            ..
        })
    ));
    assert!(matches!(
        s.encode(1, 100),
        Err(KidError::TooLarge {
            field: "instalment number",
            ..
        })
    ));
    let k = s.encode(42, 7).unwrap();
    assert_eq!(&k[..6], "904207");
    assert!(matches!(s.decode(&k[1..]), Err(KidError::Length { .. })));
    let other = KidScheme {
        prefix: "8".into(),
        ..s.clone()
    };
    let k8 = other.encode(42, 7).unwrap();
    assert!(matches!(s.decode(&k8), Err(KidError::Prefix { .. })));
    // no instalment part
    let s0 = KidScheme {
        prefix: String::new(),
        member_digits: 6,
        instalment_digits: 0,
        check_digit: CheckDigit::Mod11,
    };
    assert_eq!(s0.decode(&s0.encode(3663, 0).unwrap()), Ok((3663, 0)));
    assert_eq!(s0.encode(3663, 0).unwrap(), "0036633");
}

proptest! {
    #[test]
    fn scheme_round_trips(member in 0u64..10_000_000, inst in 0u64..10_000, prefix in "[0-9]{0,4}", mod11 in any::<bool>()) {
        let scheme = KidScheme {
            prefix,
            member_digits: 7,
            instalment_digits: 4,
            check_digit: if mod11 { CheckDigit::Mod11 } else { CheckDigit::Mod10 },
        };
        match scheme.encode(member, inst) {
            Ok(k) => {
                prop_assert_eq!(k.len(), scheme.len());
                prop_assert!(scheme.check_digit.is_valid(&k));
                prop_assert_eq!(scheme.decode(&k), Ok((member, inst)));
            }
            Err(KidError::NoMod11Digit(_)) => prop_assert!(mod11),
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    #[test]
    fn one_changed_digit_is_caught(payload in "[0-9]{1,24}", pos in any::<prop::sample::Index>(), delta in 1u8..10) {
        for cd in [CheckDigit::Mod10, CheckDigit::Mod11] {
            let Ok(c) = cd.compute(&payload) else { continue };
            let kid = format!("{payload}{c}");
            let mut bytes = kid.clone().into_bytes();
            let i = pos.index(bytes.len());
            bytes[i] = b'0' + (bytes[i] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(cd.is_valid(&kid));
            prop_assert!(!cd.is_valid(&changed), "{:?} {} {}", cd, kid, changed);
        }
    }

    #[test]
    fn business_days_skip_weekends_and_holidays(y in 1990i32..2100, doy in 1u32..366, n in -30i32..30) {
        let start = NaiveDate::from_yo_opt(y, doy).unwrap();
        let end = calendar::add_business_days(start, n).unwrap();
        prop_assert!(n == 0 || calendar::is_business_day(end));
        prop_assert!(n == 0 || end != start);
        // n business days later means exactly n business days in (start, end]
        let (lo, hi) = if n >= 0 { (start, end) } else { (end, start) };
        let count = lo.iter_days().skip(1).take_while(|x| *x <= hi).filter(|x| calendar::is_business_day(*x)).count();
        let expected = if n >= 0 { n.unsigned_abs() as usize } else { n.unsigned_abs() as usize - usize::from(calendar::is_business_day(end)) + usize::from(calendar::is_business_day(start)) };
        prop_assert_eq!(count, expected);
    }
}

#[test]
fn known_easter_sundays() {
    for (y, m, day) in [
        (1818, 3, 22),
        (1943, 4, 25),
        (2000, 4, 23),
        (2008, 3, 23),
        (2019, 4, 21),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2038, 4, 25),
    ] {
        assert_eq!(calendar::easter_sunday(y), Some(d(y, m, day)), "{y}");
    }
}

#[test]
fn norwegian_holidays_2025() {
    let holidays = [
        d(2025, 1, 1),
        d(2025, 4, 17), // Maundy Thursday
        d(2025, 4, 18), // Good Friday
        d(2025, 4, 20), // Easter Sunday
        d(2025, 4, 21), // Easter Monday
        d(2025, 5, 1),
        d(2025, 5, 17),
        d(2025, 5, 29), // Ascension
        d(2025, 6, 8),  // Whit Sunday
        d(2025, 6, 9),  // Whit Monday
        d(2025, 12, 25),
        d(2025, 12, 26),
    ];
    let found: Vec<NaiveDate> = d(2025, 1, 1)
        .iter_days()
        .take_while(|x| x.year() == 2025)
        .filter(|x| calendar::is_public_holiday(*x))
        .collect();
    assert_eq!(found, holidays);
    // 2025 has 261 weekdays, of which 9 fall on a holiday (17 May is a Saturday, Easter/Whit Sundays are Sundays).
    let business = d(2025, 1, 1)
        .iter_days()
        .take_while(|x| x.year() == 2025)
        .filter(|x| calendar::is_business_day(*x))
        .count();
    assert_eq!(business, 261 - 9);
    assert!(d(2025, 1, 1)
        .iter_days()
        .take_while(|x| x.year() == 2025)
        .all(|x| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun)
            || !calendar::is_business_day(x)));
}

#[test]
fn the_avtalegiro_retry_window() {
    // Due Friday 20 Nov 2026: retries Mon 23, Tue 24, Wed 25, Thu 26.
    assert_eq!(
        calendar::add_business_days(d(2026, 11, 20), 4),
        Some(d(2026, 11, 26))
    );
    // Due Wednesday 23 Dec 2026: 24 Dec (Thu) counts by default, 25-27 do not, then 28, 29, 30.
    assert_eq!(
        calendar::add_business_days(d(2026, 12, 23), 4),
        Some(d(2026, 12, 30))
    );
    let strict = BankCalendar {
        christmas_and_new_years_eve_closed: true,
        extra_closed_days: vec![],
    };
    // With 24 and 31 Dec closed: 28, 29, 30, then 1 Jan is a holiday, so Saturday... Monday 4 Jan 2027.
    assert_eq!(
        strict.add_business_days(d(2026, 12, 23), 4),
        Some(d(2027, 1, 4))
    );
    // Due Tuesday 12 May 2026: 13 May, Ascension 14 May, 15 May, weekend, 18 May, 19 May.
    assert_eq!(
        calendar::add_business_days(d(2026, 5, 12), 4),
        Some(d(2026, 5, 19))
    );
    assert_eq!(
        calendar::add_business_days(d(2026, 5, 19), -4),
        Some(d(2026, 5, 12))
    );
    assert_eq!(strict.on_or_after(d(2026, 12, 24)), Some(d(2026, 12, 28)));
    assert_eq!(calendar::add_business_days(NaiveDate::MAX, 1), None);
}
