//! Money as it crosses the boundary: decimal NOK, never `f64`.
//!
//! The input contract accepts money either as a decimal string (`"549.00"`) or as a JSON number (`549`).
//! A string is read exactly. A number with a fraction or an exponent reaches us as the nearest binary
//! double (serde_json reads it so) and is read back through that double's shortest decimal form (ryu), so
//! `549.1` becomes exactly `549.10`. That is exact for every number of up to 15 significant digits (any
//! amount up to [`crate::validate::MAX_AMOUNT`] in øre: serde_json reads those with one correctly rounded
//! step). A number with more digits than that may come back changed beyond its 15th digit, far below an
//! øre: `0.1000000000000000001` reads as `0.1`, and `183.33333333333334` (what JavaScript writes for
//! 550 / 3) as `183.33333333333337` — which validation rounds to `183.33` with a warning, as it would the
//! exact value (issue 14). serde_json's `arbitrary_precision` feature would keep the digits, but it changes
//! how every number in the build is read (a number becomes a map inside serde, which the tagged
//! change-feed events and `serde_json::Value` users would then see); `float_roundtrip` would read 17 digits
//! right but adds its parser to a WebAssembly module at its size budget. Neither is enabled: write money
//! as a string where digits beyond the 15th matter.
//! On output money is always a string with two decimals (øre), which keeps JSON byte-identical across
//! platforms and keeps JavaScript from rounding it.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// `d`, or zero when `d` is below zero: `d.max(Decimal::ZERO)` without comparing decimals (a sign bit and a
/// zero test; `max` keeps `d` itself when equal, and so does this).
pub fn at_least_zero(d: Decimal) -> Decimal {
    if d.is_sign_negative() && !d.is_zero() {
        Decimal::ZERO
    } else {
        d
    }
}

/// An amount as exports mostly write it — up to 15 digits, optionally a point and one to four more, no sign or
/// space — read without `Decimal::from_str` (issue 18: three amounts an instalment, every member): the same
/// mantissa and scale it would give. `None` for anything else, which the full reader takes.
fn plain_amount(s: &str) -> Option<Decimal> {
    let b = s.as_bytes();
    let point = b.iter().position(|&c| c == b'.');
    let (int, frac) = match point {
        Some(p) => (b.get(..p)?, b.get(p + 1..)?),
        None => (b, &b[b.len()..]),
    };
    if int.is_empty() || int.len() > 15 || frac.len() > 4 || (point.is_some() && frac.is_empty()) {
        return None;
    }
    let mut mantissa: i64 = 0;
    for &c in int.iter().chain(frac) {
        if !c.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
    }
    Decimal::try_new(mantissa, u32::try_from(frac.len()).ok()?).ok()
}

/// `a` against `b`: the mantissas when the scales agree (money read to the øre mostly has scale 2), else the
/// decimal comparison, which aligns the scales first.
pub fn cmp(a: Decimal, b: Decimal) -> std::cmp::Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(&b)
    }
}

/// `d > 0`, without comparing decimals.
pub fn positive(d: Decimal) -> bool {
    d.is_sign_positive() && !d.is_zero()
}

/// The largest amount accepted anywhere (1 000 000 000 kr): far beyond any gym fee, and small enough that
/// no sum over a chain's instalments can overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

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
        // ryu prints the shortest string that reads back as the same number: 549.1 becomes "549.1" (the
        // module's doc says when that is the number written, and why the digits are not kept otherwise);
        // a very small or large number comes back with an exponent ("1e-7", "1e30")
        let mut buf = ryu::Buffer::new();
        let text = buf.format_finite(v);
        Decimal::from_str(text)
            .or_else(|_| Decimal::from_scientific(text))
            .map_err(|_| {
                E::custom(format!(
                    "{text} is too large for an amount (at most 1 000 000 000 kr)"
                ))
            })
    }
}

/// The sum of amounts, saturating instead of overflowing (issue 14: no input reaches an unchecked sum).
///
/// What the engine adds is bounded by validation: every amount is at most [`crate::validate::MAX_AMOUNT`]
/// (10^9 kr) and a member has at most [`crate::validate::MAX_INSTALMENTS`] instalments, so a member's sum
/// is below 2 × 10^12 kr and a portfolio's would need some 10^16 members to reach `Decimal`'s 7.9 × 10^28.
/// Saturating all the same means a `Member` built some other way can never make `+` panic.
pub fn sum(amounts: impl IntoIterator<Item = Decimal>) -> Decimal {
    amounts.into_iter().fold(Decimal::ZERO, add)
}

/// `a + b`, saturating (see [`sum`]). One copy, never inlined: `Decimal::saturating_add` is a lot of code to
/// repeat at every sum in a WebAssembly module at its size budget.
#[inline(never)]
pub fn add(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_add(b)
}

/// Parses a decimal amount such as `"549"`, `"549.00"` or `"-10.5"`. Rejects empty strings, thousands
/// separators and anything that is not a plain decimal number.
pub fn parse_money(s: &str) -> Result<Decimal, String> {
    if let Some(d) = plain_amount(s) {
        return Ok(d);
    }
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

    /// A plain amount reads as `Decimal::from_str` reads it, bit for bit; anything else is left to it.
    #[test]
    fn plain_amounts_read_as_from_str() {
        for t in [
            "0",
            "0.0",
            "0.00",
            "00",
            "007.50",
            "549",
            "549.00",
            "549.5",
            "1.2345",
            "999999999999999",
            "99999999999999.9999",
            "1000000000",
            "12.34",
        ] {
            let fast = plain_amount(t).unwrap();
            assert_eq!(
                fast.serialize(),
                Decimal::from_str(t).unwrap().serialize(),
                "{t}"
            );
            assert_eq!(parse_money(t).unwrap().serialize(), fast.serialize(), "{t}");
        }
        for t in [
            "",
            ".5",
            "5.",
            "-1",
            "+1",
            " 1",
            "1 ",
            "1.23456",
            "1e3",
            "1_000",
            "1,5",
            "1..2",
            "1000000000000000",
            "-0.00",
            "999999999999999.9999",
        ] {
            assert_eq!(plain_amount(t), None, "{t}");
        }
        // what the full reader makes of a few of them is unchanged
        assert_eq!(
            parse_money("-0.00").unwrap().serialize(),
            Decimal::from_str("-0.00").unwrap().serialize()
        );
        assert_eq!(parse_money(" 1 ").unwrap(), Decimal::ONE);
    }

    /// The shortcuts agree with the decimal operations they stand for, bit for bit.
    #[test]
    fn shortcuts_are_the_decimal_operations() {
        let values = [
            "0",
            "0.00",
            "-0",
            "-0.00",
            "999999999999999.9999",
            "1",
            "1.0",
            "0.01",
            "-0.01",
            "549.00",
            "549",
            "549.001",
            "-549.00",
            "1000000000",
            "1000000000.01",
            "79228162514264337593543950335",
        ];
        for a in values {
            let x = Decimal::from_str(a).unwrap();
            assert_eq!(positive(x), x > Decimal::ZERO, "{a}");
            assert_eq!(
                at_least_zero(x).serialize(),
                x.max(Decimal::ZERO).serialize(),
                "{a}"
            );
            for b in values {
                let y = Decimal::from_str(b).unwrap();
                assert_eq!(cmp(x, y), x.cmp(&y), "{a} {b}");
            }
        }
    }

    #[test]
    fn reads_strings_and_numbers_exactly() {
        let m: Money = serde_json::from_str("\"549.00\"").unwrap();
        assert_eq!(m.to_ore_string(), "549.00");
        let m: Money = serde_json::from_str("549.1").unwrap();
        assert_eq!(m.0, Decimal::from_str("549.1").unwrap());
        let m: Money = serde_json::from_str("35").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"35.00\"");
        assert!(serde_json::from_str::<Money>("\"1,000\"").is_err());
        // (issue 14) what a JSON number can and cannot say
        let read = |s: &str| serde_json::from_str::<Money>(s).map(|m| m.0.normalize().to_string());
        assert_eq!(read("0.1").unwrap(), "0.1");
        assert_eq!(read("999999999.99").unwrap(), "999999999.99");
        assert_eq!(read("1234567.89").unwrap(), "1234567.89");
        // 17 digits: changed beyond the 15th, never at the øre
        let long = read("183.33333333333334").unwrap();
        assert!(long.starts_with("183.33333333333"), "{long}");
        assert_eq!(read("1e2").unwrap(), "100");
        assert_eq!(read("1E-7").unwrap(), "0.0000001");
        // more digits than a double holds: its nearest double's shortest form
        assert_eq!(read("0.1000000000000000001").unwrap(), "0.1");
        let e = read("1e30").unwrap_err().to_string();
        assert!(e.contains("too large for an amount"), "{e}");
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
