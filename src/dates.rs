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

/// Parses a visit: `YYYY-MM-DD`, or an RFC 3339 date-time whose calendar day (in its own offset) is taken.
pub fn parse_visit(s: &str) -> Result<NaiveDate, String> {
    if s.len() == 10 {
        return parse_date(s);
    }
    match chrono::DateTime::parse_from_rfc3339(s) {
        Ok(dt) => Ok(dt.date_naive()),
        Err(_) => Err(format!(
            "\"{s}\" is neither a date (YYYY-MM-DD) nor an RFC 3339 date-time"
        )),
    }
}

/// Writes `YYYY-MM-DD` without going through chrono's formatter (it is on the hot path of every output).
pub fn format_date(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_date(&mut s, d);
    s
}

fn push_date(s: &mut String, d: NaiveDate) {
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
        s.push_str(&d.format("%Y-%m-%d").to_string());
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

/// Formats a date for people: `1 Sep 2026` in English, `1. sep. 2026` in Norwegian bokmål.
pub fn format_human(d: NaiveDate, lang: crate::policy::Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const NB: [&str; 12] = [
        "jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.",
        "des.",
    ];
    let m = d.month0() as usize;
    match lang {
        crate::policy::Lang::En => format!("{} {} {}", d.day(), EN[m], d.year()),
        crate::policy::Lang::Nb => format!("{}. {} {}", d.day(), NB[m], d.year()),
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
        assert!(parse_visit("2026-10-07 17:45").is_err());
    }

    #[test]
    fn formats_round_trip() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(format_date(d), "2026-09-01");
        assert_eq!(format_human(d, crate::policy::Lang::En), "1 Sep 2026");
        assert_eq!(format_human(d, crate::policy::Lang::Nb), "1. sep. 2026");
    }
}
