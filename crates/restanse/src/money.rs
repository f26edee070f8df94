//! Money as it crosses the boundary: decimal NOK, never `f64`.
//!
//! The input contract accepts money either as a decimal string (`"549.00"`) or as a JSON number (`549`).
//! Numbers are read through their shortest decimal representation, so `549.1` becomes exactly `549.10`.
//! On output money is always a string with two decimals (øre), which keeps JSON byte-identical across
//! platforms and keeps JavaScript from rounding it.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An amount of NOK. Serialises as a two-decimal string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// The amount, rounded half away from zero to whole øre.
    pub fn to_ore_string(self) -> String {
        let mut d = self
            .0
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        d.rescale(2);
        d.to_string()
    }
}

impl From<Decimal> for Money {
    fn from(d: Decimal) -> Self {
        Money(d)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_ore_string())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_ore_string())
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MoneyVisitor).map(Money)
    }
}

struct MoneyVisitor;

impl Visitor<'_> for MoneyVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an amount of money as a decimal string such as \"549.00\" or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_money(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        if !v.is_finite() {
            return Err(E::custom("not a finite amount"));
        }
        // ryu prints the shortest string that reads back as the same number: 549.1 becomes "549.1"
        let mut buf = ryu::Buffer::new();
        let text = buf.format_finite(v);
        Decimal::from_str(text)
            .map_err(|_| E::custom(format!("{text} is not a representable amount")))
    }
}

/// The sum of amounts, saturating instead of overflowing (issue 14: no input reaches an unchecked sum).
///
/// What the engine adds is bounded by validation: every amount is at most [`crate::validate::MAX_AMOUNT`]
/// (10^9 kr) and a member has at most [`crate::validate::MAX_INSTALMENTS`] instalments, so a member's sum
/// is below 2 × 10^12 kr and a portfolio's would need some 10^16 members to reach `Decimal`'s 7.9 × 10^28.
/// Saturating all the same means a `Member` built some other way can never make `+` panic.
pub fn sum(amounts: impl IntoIterator<Item = Decimal>) -> Decimal {
    amounts
        .into_iter()
        .fold(Decimal::ZERO, |acc, a| acc.saturating_add(a))
}

/// Parses a decimal amount such as `"549"`, `"549.00"` or `"-10.5"`. Rejects empty strings, thousands
/// separators and anything that is not a plain decimal number.
pub fn parse_money(s: &str) -> Result<Decimal, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("empty amount".to_string());
    }
    // (issue 14) digits, at most one point and a leading sign, nothing else: rust_decimal would read "1_000"
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit());
    if !plain {
        return Err(format!(
            "\"{s}\" is not a decimal amount (write it like \"549.00\")"
        ));
    }
    Decimal::from_str(t)
        .map_err(|_| format!("\"{s}\" is not a decimal amount (write it like \"549.00\")"))
}

/// Formats an amount the Norwegian way for people: `1 647,00 kr`.
pub fn format_kr(amount: Decimal) -> String {
    let s = Money(amount).to_ore_string();
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, "00"));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 8);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(ch);
    }
    format!("{}{grouped},{frac} kr", if neg { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_and_numbers_exactly() {
        let m: Money = serde_json::from_str("\"549.00\"").unwrap();
        assert_eq!(m.to_ore_string(), "549.00");
        let m: Money = serde_json::from_str("549.1").unwrap();
        assert_eq!(m.0, Decimal::from_str("549.1").unwrap());
        let m: Money = serde_json::from_str("35").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"35.00\"");
        assert!(serde_json::from_str::<Money>("\"1,000\"").is_err());
        assert!(serde_json::from_str::<Money>("\"\"").is_err());
    }

    #[test]
    fn formats_kroner_for_people() {
        assert_eq!(format_kr(Decimal::from_str("1647").unwrap()), "1 647,00 kr");
        assert_eq!(format_kr(Decimal::from_str("35").unwrap()), "35,00 kr");
        assert_eq!(
            format_kr(Decimal::from_str("1234567.5").unwrap()),
            "1 234 567,50 kr"
        );
    }
}
