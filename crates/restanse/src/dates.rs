//! Calendar dates as the contracts write them.
//!
//! Every date in restanse is a `chrono::NaiveDate`: a day in the gym's own calendar, with no time zone.
//! Dates are read strictly as `YYYY-MM-DD` so that `2026-02-30` or `1/10/2026` is rejected with a message
//! a person can act on. A visit may also be an RFC 3339 date-time (`2026-10-07T17:45:00+02:00`); it counts
//! on the calendar day written in its own offset, which is the gym's local day.

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;
use std::fmt;

/// Parses `YYYY-MM-DD`, nothing else.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let mut v = 0u32;
        for &c in b.get(r)? {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        Some(v)
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(format!("\"{s}\" is not a date (write it as YYYY-MM-DD)"));
    }
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| format!("\"{s}\" is not a real date")),
        _ => Err(format!("\"{s}\" is not a date (write it as YYYY-MM-DD)")),
    }
}

/// The assessment day's range (issue 14): years 1900–9989, so that every day derived from it (at most
/// ten years on: the policy's day counts are within 0–3650) is still within year 9999.
pub fn parse_as_of(s: &str) -> Result<NaiveDate, String> {
    let d = parse_date(s)?;
    if (1900..=9989).contains(&d.year()) {
        Ok(d)
    } else {
        Err(format!(
            "\"{s}\" is outside the years 1900–9989 an assessment day may have"
        ))
    }
}

/// Parses a visit: `YYYY-MM-DD`, or an RFC 3339 date-time whose calendar day (in its own offset) is taken.
///
/// A date-time written in its own offset names its local calendar day in its first ten characters, so the
/// day is read from there; the rest is checked for the RFC 3339 shape (`Thh:mm:ss`, optional fraction, `Z` or
/// `±hh:mm`) without pulling in a general date-time parser (it would weigh on the WebAssembly build).
pub fn parse_visit(s: &str) -> Result<NaiveDate, String> {
    if s.len() == 10 {
        return parse_date(s);
    }
    let bad = || format!("\"{s}\" is neither a date (YYYY-MM-DD) nor an RFC 3339 date-time");
    let (date, rest) = match (s.get(..10), s.get(10..)) {
        (Some(d), Some(r)) => (d, r.as_bytes()),
        _ => return Err(bad()),
    };
    let digits = |b: &[u8]| !b.is_empty() && b.iter().all(u8::is_ascii_digit);
    let time_ok = rest.len() >= 9
        && matches!(rest[0], b'T' | b't' | b' ')
        && digits(&rest[1..3])
        && rest[3] == b':'
        && digits(&rest[4..6])
        && rest[6] == b':'
        && digits(&rest[7..9]);
    // (issue 14) the clock must be a real one: hours 00–23, minutes 00–59, seconds 00–60 (a leap second)
    let two = |b: &[u8]| u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    if !time_ok || two(&rest[1..3]) > 23 || two(&rest[4..6]) > 59 || two(&rest[7..9]) > 60 {
        return Err(bad());
    }
    let mut tail = &rest[9..];
    if let Some(frac) = tail.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(bad());
        }
        tail = &frac[n..];
    }
    let offset_ok = matches!(tail, [b'Z' | b'z'])
        || matches!(tail, [b'+' | b'-', h1, h2, b':', m1, m2]
            if digits(&[*h1, *h2, *m1, *m2]) && two(&[*h1, *h2]) <= 23 && two(&[*m1, *m2]) <= 59);
    if !offset_ok {
        return Err(bad());
    }
    parse_date(date)
}

/// Writes `YYYY-MM-DD` without going through chrono's formatter (it is on the hot path of every output).
pub fn format_date(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_date(&mut s, d);
    s
}

pub(crate) fn push_date(s: &mut String, d: NaiveDate) {
    let y = d.year();
    if (0..=9999).contains(&y) {
        let y = y as u32;
        let (m, dd) = (d.month(), d.day());
        for v in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
            s.push(char::from(b'0' + v as u8));
        }
        s.push('-');
        s.push(char::from(b'0' + (m / 10) as u8));
        s.push(char::from(b'0' + (m % 10) as u8));
        s.push('-');
        s.push(char::from(b'0' + (dd / 10) as u8));
        s.push(char::from(b'0' + (dd % 10) as u8));
    } else {
        // outside 0000–9999 (validation rejects such dates; only a raw `as_of` can get here)
        s.push_str(&format!("{y:+05}-{:02}-{:02}", d.month(), d.day()));
    }
}

/// serde helpers: `#[serde(with = "crate::dates::day")]`.
pub mod day {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(DayVisitor(parse_date))
    }
}

/// serde helpers for `Option<NaiveDate>`: `null` or absent is `None`.
pub mod opt_day {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&format_date(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(OptDayVisitor)
    }

    struct OptDayVisitor;
    impl<'de> Visitor<'de> for OptDayVisitor {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date as YYYY-MM-DD or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(DayVisitor(parse_date)).map(Some)
        }
    }
}

/// A visit's day, read from a date or a date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VisitDay(pub NaiveDate);

impl serde::Serialize for VisitDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(self.0))
    }
}

impl<'de> serde::Deserialize<'de> for VisitDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(DayVisitor(parse_visit)).map(VisitDay)
    }
}

struct DayVisitor(fn(&str) -> Result<NaiveDate, String>);

impl Visitor<'_> for DayVisitor {
    type Value = NaiveDate;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date as YYYY-MM-DD")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        (self.0)(v).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_dates() {
        assert_eq!(
            parse_date("2026-10-01"),
            Ok(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap())
        );
        assert!(parse_date("2026-02-30")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_date("1/10/2026").is_err());
        assert!(parse_date("2026-1-01").is_err());
        assert!(parse_date("２026-10-01").is_err());
    }

    #[test]
    fn visits_take_their_local_day() {
        assert_eq!(
            parse_visit("2026-10-07T23:45:00+02:00"),
            Ok(NaiveDate::from_ymd_opt(2026, 10, 7).unwrap())
        );
        assert_eq!(
            parse_visit("2026-10-07T00:15:00.250Z"),
            Ok(NaiveDate::from_ymd_opt(2026, 10, 7).unwrap())
        );
        assert_eq!(
            parse_visit("2026-10-07T17:45:00-05:00"),
            Ok(NaiveDate::from_ymd_opt(2026, 10, 7).unwrap())
        );
        for bad in [
            "2026-10-07 17:45",
            "2026-10-07T17:45",
            "2026-10-07T17:45:00",
            "2026-10-07T17:45:00+2",
            "2026-02-30T10:00:00Z",
            "2026-10-07T17:45:00.Z",
            "2026-10-07Tab:cd:efZ",
        ] {
            assert!(parse_visit(bad).is_err(), "{bad}");
        }
    }
}
