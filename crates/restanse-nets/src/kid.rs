//! KID numbers: check digits, and a scheme that turns a member and an instalment into a KID and back.
//!
//! A KID (*kundeidentifikasjon*) is the 2–25 digit reference a payer quotes so that the payee's system
//! can match the payment without reading any text. Its last digit is a check digit, computed by one of
//! two algorithms the payee agrees with Nets:
//!
//! * **MOD10** (the Luhn algorithm): from the right, double every second digit of the payload starting
//!   with the rightmost, add the digits of the products, and choose the check digit that brings the sum
//!   to a multiple of 10.
//! * **MOD11**: from the right, weight the payload digits 2, 3, 4, 5, 6, 7, 2, 3, …; the check digit is
//!   11 minus the remainder of the sum divided by 11, where 11 becomes 0 and 10 has no digit (Nets then
//!   writes `-`; this module refuses such payloads instead, since a KID here is digits only).
//!
//! ```
//! use restanse_nets::kid;
//! // A KID from Nets' AvtaleGiro sample file, and one from its OCR Giro sample file.
//! assert!(kid::is_valid_mod10("008000011688373"));
//! assert!(kid::is_valid_mod11("0036633"));
//! assert_eq!(kid::mod10_check_digit("00800001168837"), Ok(3));
//! ```
//!
//! # A KID scheme
//!
//! [`KidScheme`] is a payee's choice of layout, so that the engine can make the KID for a claim and tell
//! from a payment's KID which member and which instalment it settles. The layout is
//!
//! ```text
//!   prefix | member number, zero-padded | instalment number, zero-padded | check digit
//!   "12"   | "004711" (memberDigits 6)  | "0003" (instalmentDigits 4)    | MOD10
//! ```
//!
//! The prefix is optional and fixed (e.g. a centre or a product); the widths are fixed, so the KID has a
//! fixed length, which Nets requires per agreement. The scheme is plain data (camelCase JSON, the policy's
//! `nets.kid`), checked by [`KidScheme::validate`] before use:
//!
//! ```
//! use restanse_nets::kid::{CheckDigit, KidScheme};
//! let scheme: KidScheme = serde_json::from_str(
//!     r#"{"prefix": "12", "memberDigits": 6, "instalmentDigits": 4, "checkDigit": "mod10"}"#,
//! ).unwrap();
//! let kid = scheme.encode(4711, 3)?;
//! assert_eq!(kid, "1200471100037");
//! assert_eq!(scheme.decode(&kid)?, (4711, 3));
//! assert!(scheme.decode("1200471100036").is_err()); // wrong check digit
//! # Ok::<(), restanse_nets::kid::KidError>(())
//! ```

use serde::{Deserialize, Serialize};

/// Why a KID or a scheme was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KidError {
    /// The text holds something other than the digits 0–9.
    #[error("{0:?} holds characters other than the digits 0-9")]
    NotDigits(String),
    /// The text is empty where digits were needed.
    #[error("no digits to compute a check digit from")]
    Empty,
    /// The KID's length is wrong for the scheme (or outside 2–25).
    #[error("{kid:?} has {len} digits, {expected} expected")]
    Length {
        /// The KID.
        kid: String,
        /// Its length.
        len: usize,
        /// The length the scheme makes.
        expected: usize,
    },
    /// The check digit does not match.
    #[error("{0:?} has a wrong check digit")]
    CheckDigit(String),
    /// MOD11 gives remainder 10 for this payload, which has no digit.
    #[error("MOD11 has no check digit for {0:?} (remainder 10); choose another number or MOD10")]
    NoMod11Digit(String),
    /// The KID does not start with the scheme's prefix.
    #[error("{kid:?} does not start with the prefix {prefix:?}")]
    Prefix {
        /// The KID.
        kid: String,
        /// The scheme's prefix.
        prefix: String,
    },
    /// A number does not fit its field.
    #[error("{field} {value} does not fit in {digits} digits")]
    TooLarge {
        /// `"member number"` or `"instalment number"`.
        field: &'static str,
        /// The number.
        value: u64,
        /// The width.
        digits: u8,
    },
    /// The scheme itself is not usable.
    #[error("invalid KID scheme: {0}")]
    Scheme(String),
}

/// The check-digit algorithm of a KID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CheckDigit {
    /// The Luhn algorithm.
    Mod10,
    /// Weights 2–7 from the right, modulus 11.
    Mod11,
}

impl CheckDigit {
    /// The check digit for `payload` (the KID without its last digit).
    pub fn compute(self, payload: &str) -> Result<u8, KidError> {
        match self {
            CheckDigit::Mod10 => mod10_check_digit(payload),
            CheckDigit::Mod11 => mod11_check_digit(payload),
        }
    }

    /// Whether `kid` (payload and check digit) is valid.
    pub fn is_valid(self, kid: &str) -> bool {
        match kid.as_bytes().split_last() {
            Some((&last, payload)) if last.is_ascii_digit() && !payload.is_empty() => {
                // `payload` is a prefix of a `str` ending before an ASCII byte, so it is valid UTF-8.
                std::str::from_utf8(payload).is_ok_and(|p| self.compute(p) == Ok(last - b'0'))
            }
            _ => false,
        }
    }
}

fn digits(payload: &str) -> Result<impl DoubleEndedIterator<Item = u32> + '_, KidError> {
    if payload.is_empty() {
        return Err(KidError::Empty);
    }
    if !payload.bytes().all(|b| b.is_ascii_digit()) {
        return Err(KidError::NotDigits(payload.to_string()));
    }
    Ok(payload.bytes().map(|b| u32::from(b - b'0')))
}

/// The MOD10 (Luhn) check digit for `payload`.
pub fn mod10_check_digit(payload: &str) -> Result<u8, KidError> {
    let mut sum = 0u32;
    for (i, d) in digits(payload)?.rev().enumerate() {
        let v = if i % 2 == 0 { d * 2 } else { d };
        sum += if v > 9 { v - 9 } else { v };
    }
    Ok(((10 - sum % 10) % 10) as u8)
}

/// The MOD11 check digit for `payload`; an error when the remainder is 10 (no digit exists).
pub fn mod11_check_digit(payload: &str) -> Result<u8, KidError> {
    let mut sum = 0u32;
    for (i, d) in digits(payload)?.rev().enumerate() {
        sum += d * (2 + (i % 6) as u32);
    }
    match 11 - sum % 11 {
        11 => Ok(0),
        10 => Err(KidError::NoMod11Digit(payload.to_string())),
        d => Ok(d as u8),
    }
}

/// Whether `kid` ends in a correct MOD10 check digit.
pub fn is_valid_mod10(kid: &str) -> bool {
    CheckDigit::Mod10.is_valid(kid)
}

/// Whether `kid` ends in a correct MOD11 check digit.
pub fn is_valid_mod11(kid: &str) -> bool {
    CheckDigit::Mod11.is_valid(kid)
}

/// A payee's KID layout: optional fixed prefix, member number, instalment number, check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KidScheme {
    /// Fixed leading digits, possibly empty.
    #[serde(default)]
    pub prefix: String,
    /// Width of the member number (1–19).
    pub member_digits: u8,
    /// Width of the instalment number (0–19; 0 leaves the instalment out, and it decodes as 0).
    pub instalment_digits: u8,
    /// The check-digit algorithm.
    pub check_digit: CheckDigit,
}

impl Default for KidScheme {
    /// Member number in 7 digits, instalment in 4, MOD10: a 12-digit KID.
    fn default() -> KidScheme {
        KidScheme {
            prefix: String::new(),
            member_digits: 7,
            instalment_digits: 4,
            check_digit: CheckDigit::Mod10,
        }
    }
}

impl KidScheme {
    /// The length of every KID the scheme makes.
    pub fn len(&self) -> usize {
        self.prefix.len()
            + usize::from(self.member_digits)
            + usize::from(self.instalment_digits)
            + 1
    }

    /// Always false: a KID has at least a member digit and a check digit.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Checks the scheme: prefix of digits, widths 1–19 and 0–19, total length 2–25.
    pub fn validate(&self) -> Result<(), KidError> {
        if !self.prefix.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KidError::Scheme(format!(
                "prefix {:?} must be digits",
                self.prefix
            )));
        }
        if !(1..=19).contains(&self.member_digits) {
            return Err(KidError::Scheme("memberDigits must be 1-19".into()));
        }
        if self.instalment_digits > 19 {
            return Err(KidError::Scheme("instalmentDigits must be 0-19".into()));
        }
        if self.len() > 25 {
            return Err(KidError::Scheme(format!(
                "the KID would have {} digits, at most 25 are allowed",
                self.len()
            )));
        }
        Ok(())
    }

    /// The KID for a member's instalment.
    pub fn encode(&self, member: u64, instalment: u64) -> Result<String, KidError> {
        self.validate()?;
        let fits = |v: u64, w: u8| w >= 20 || v < 10u64.saturating_pow(u32::from(w));
        if !fits(member, self.member_digits) {
            return Err(KidError::TooLarge {
                field: "member number",
                value: member,
                digits: self.member_digits,
            });
        }
        if !fits(instalment, self.instalment_digits) {
            return Err(KidError::TooLarge {
                field: "instalment number",
                value: instalment,
                digits: self.instalment_digits,
            });
        }
        let mut kid = self.prefix.clone();
        kid.push_str(&format!(
            "{member:0w$}",
            w = usize::from(self.member_digits)
        ));
        if self.instalment_digits > 0 {
            kid.push_str(&format!(
                "{instalment:0w$}",
                w = usize::from(self.instalment_digits)
            ));
        }
        let check = self.check_digit.compute(&kid)?;
        kid.push(char::from(b'0' + check));
        Ok(kid)
    }

    /// The member and instalment numbers of a KID made by this scheme.
    pub fn decode(&self, kid: &str) -> Result<(u64, u64), KidError> {
        self.validate()?;
        if !kid.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KidError::NotDigits(kid.to_string()));
        }
        if kid.len() != self.len() {
            return Err(KidError::Length {
                kid: kid.to_string(),
                len: kid.len(),
                expected: self.len(),
            });
        }
        if !self.check_digit.is_valid(kid) {
            return Err(KidError::CheckDigit(kid.to_string()));
        }
        let rest = kid
            .strip_prefix(self.prefix.as_str())
            .ok_or_else(|| KidError::Prefix {
                kid: kid.to_string(),
                prefix: self.prefix.clone(),
            })?;
        let m = usize::from(self.member_digits);
        let i = usize::from(self.instalment_digits);
        let number = |s: Option<&str>| -> Result<u64, KidError> {
            match s {
                Some("") => Ok(0),
                Some(s) => s.parse().map_err(|_| KidError::NotDigits(s.to_string())),
                None => Err(KidError::NotDigits(kid.to_string())),
            }
        };
        Ok((number(rest.get(..m))?, number(rest.get(m..m + i))?))
    }
}
