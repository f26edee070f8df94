//! The writer: typed records back to 80-character lines.
//!
//! Every field is checked against its width and character set before it is written; nothing is cut or
//! padded silently except free text, which is padded with spaces as the format requires. The end records'
//! counts, totals and date ranges are computed from the transactions.

use super::{
    Agreement, Assignment, AssignmentContent, Claim, OcrTransaction, Transmission, WriteError,
};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fmt::Write as _;

impl Transmission {
    /// Writes the transmission as a Nets file: 80-character lines, each ending in `\n`.
    ///
    /// The result is a Rust `String`; a file for Nets must then be encoded as ISO-8859-1 if it holds
    /// characters beyond ASCII (see [`to_latin1`](super::to_latin1)).
    pub fn to_nets_string(&self) -> Result<String, WriteError> {
        let n: usize = self.assignments.iter().map(|a| a.content.len()).sum();
        let mut w = Writer {
            out: String::with_capacity((n * 2 + 4) * 81),
            records: 0,
        };
        w.line(format_args!(
            "NY000010{}{}{}{}",
            digits(&self.data_transmitter, 8, "data transmitter")?,
            digits(&self.transmission_number, 7, "transmission number")?,
            digits(&self.data_recipient, 8, "data recipient")?,
            "0".repeat(49)
        ));
        let mut total: i128 = 0;
        for a in &self.assignments {
            total += w.assignment(a)?;
        }
        let records = w.records + 1;
        w.line(format_args!(
            "NY000089{:08}{:08}{}{}{}",
            count(n as u64, "number of transactions")?,
            count(records, "number of records")?,
            amount17(total)?,
            date_or_zeros(self.date, "date")?,
            "0".repeat(33)
        ));
        Ok(w.out)
    }
}

/// Encodes text as ISO-8859-1 (Latin-1), the character set of Nets files. Fails on characters beyond
/// U+00FF.
pub fn to_latin1(text: &str) -> Result<Vec<u8>, WriteError> {
    text.chars()
        .map(|c| {
            u8::try_from(u32::from(c))
                .map_err(|_| WriteError::new("text", format!("{c:?} is not in ISO-8859-1")))
        })
        .collect()
}

struct Writer {
    out: String,
    records: u64,
}

impl Writer {
    fn line(&mut self, args: std::fmt::Arguments) {
        // Writing to a String cannot fail.
        let _ = self.out.write_fmt(args);
        self.out.push('\n');
        self.records += 1;
    }

    /// Writes one assignment and returns its total in øre.
    fn assignment(&mut self, a: &Assignment) -> Result<i128, WriteError> {
        let first = self.records;
        let c = &a.content;
        let agreement_id = match c {
            AssignmentContent::Transactions(_) | AssignmentContent::Claims(_) => {
                match &a.agreement_id {
                    Some(id) => digits(id, 9, "agreement ID")?.to_string(),
                    None => "0".repeat(9),
                }
            }
            _ => "0".repeat(9),
        };
        self.line(format_args!(
            "NY{:02}{:02}20{}{}{}{}",
            c.service_code(),
            c.assignment_type(),
            agreement_id,
            digits(&a.assignment_number, 7, "assignment number")?,
            digits(&a.assignment_account, 11, "assignment account")?,
            "0".repeat(45)
        ));
        let mut total: i128 = 0;
        let mut dates: Option<(NaiveDate, NaiveDate)> = None;
        let mut widen = |d: NaiveDate| {
            dates = Some(match dates {
                None => (d, d),
                Some((x, y)) => (x.min(d), y.max(d)),
            })
        };
        match c {
            AssignmentContent::Transactions(v) => {
                for t in v {
                    total += self
                        .ocr(t)
                        .map_err(|e| e.in_transaction(t.transaction_number))?;
                    widen(t.nets_date);
                }
            }
            AssignmentContent::Claims(v) => {
                for t in v {
                    if !matches!(t.transaction_type.0, 2 | 21) {
                        return Err(WriteError::new("transaction type", "a claim is 02 or 21")
                            .in_transaction(t.transaction_number));
                    }
                    total += self
                        .claim(t)
                        .map_err(|e| e.in_transaction(t.transaction_number))?;
                    widen(t.due_date);
                }
            }
            AssignmentContent::Cancellations(v) => {
                for t in v {
                    if t.transaction_type.0 != 93 {
                        return Err(WriteError::new("transaction type", "a cancellation is 93")
                            .in_transaction(t.transaction_number));
                    }
                    total += self
                        .claim(t)
                        .map_err(|e| e.in_transaction(t.transaction_number))?;
                    widen(t.due_date);
                }
            }
            AssignmentContent::Agreements(v) => {
                for t in v {
                    self.agreement(t)
                        .map_err(|e| e.in_transaction(t.transaction_number))?;
                }
            }
        }
        let records = self.records - first + 1;
        let head = format!(
            "NY{:02}{:02}88{:08}{:08}",
            c.service_code(),
            c.assignment_type(),
            count(c.len() as u64, "number of transactions")?,
            count(records, "number of records")?
        );
        let first_date = date_or_zeros(dates.map(|d| d.0), "first date")?;
        let last_date = date_or_zeros(dates.map(|d| d.1), "last date")?;
        match c {
            AssignmentContent::Agreements(_) => self.line(format_args!("{head}{}", "0".repeat(56))),
            AssignmentContent::Transactions(_) => self.line(format_args!(
                "{head}{}{}{first_date}{last_date}{}",
                amount17(total)?,
                date_or_zeros(a.nets_date, "settlement date")?,
                "0".repeat(21)
            )),
            _ => self.line(format_args!(
                "{head}{}{first_date}{last_date}{}",
                amount17(total)?,
                "0".repeat(27)
            )),
        }
        Ok(total)
    }

    fn ocr(&mut self, t: &OcrTransaction) -> Result<i128, WriteError> {
        let ty = t.transaction_type.0;
        if !t.transaction_type.is_ocr_giro() {
            return Err(WriteError::new(
                "transaction type",
                format!("{ty:02} is not 10–21"),
            ));
        }
        let n = tx_number(t.transaction_number)?;
        let ore = ore(t.amount, true)?;
        let sign = if t.amount.is_sign_negative() {
            '-'
        } else {
            '0'
        };
        if t.day_code > 99 {
            return Err(WriteError::new("day code", "is over 99"));
        }
        if t.partial_settlement_number > 9 {
            return Err(WriteError::new("partial settlement number", "is over 9"));
        }
        self.line(format_args!(
            "NY09{ty:02}30{n:07}{}{}{:02}{}{}{sign}{:017}{}{}",
            date(t.nets_date, "settlement date")?,
            digits(&t.centre_id, 2, "centre ID")?,
            t.day_code,
            t.partial_settlement_number,
            digits(
                &t.partial_settlement_serial_number,
                5,
                "partial settlement serial number"
            )?,
            ore.unsigned_abs(),
            kid(t.kid.as_deref().unwrap_or(""), true)?,
            "0".repeat(6)
        ));
        self.line(format_args!(
            "NY09{ty:02}31{n:07}{}{}{}{}{}{}",
            digits(&t.form_number, 10, "form number")?,
            fixed(&t.reference, 9, "reference")?,
            fixed(&t.filler, 7, "filler")?,
            date_or_zeros(t.bank_date, "bank date")?,
            digits(&t.debit_account, 11, "debit account")?,
            "0".repeat(22)
        ));
        if let Some(text) = &t.text {
            if !matches!(ty, 20 | 21) {
                return Err(WriteError::new(
                    "text",
                    "only transaction types 20 and 21 carry amount item 3",
                ));
            }
            self.line(format_args!(
                "NY09{ty:02}32{n:07}{}{}",
                pad(text, 40, "text")?,
                "0".repeat(25)
            ));
        }
        Ok(ore)
    }

    fn claim(&mut self, t: &Claim) -> Result<i128, WriteError> {
        let ty = t.transaction_type.0;
        let n = tx_number(t.transaction_number)?;
        let ore = ore(t.amount, false)?;
        self.line(format_args!(
            "NY21{ty:02}30{n:07}{}{}{ore:017}{}{}",
            date(t.due_date, "due date")?,
            " ".repeat(11),
            kid(&t.kid, false)?,
            "0".repeat(6)
        ));
        self.line(format_args!(
            "NY21{ty:02}31{n:07}{}{}{}{}",
            pad(t.payer_name.as_deref().unwrap_or(""), 10, "payer name")?,
            " ".repeat(25),
            pad(t.reference.as_deref().unwrap_or(""), 25, "reference")?,
            "0".repeat(5)
        ));
        if !t.specification.is_empty() && ty != 21 {
            return Err(WriteError::new(
                "specification",
                "only claims with bank notification (21) carry one",
            ));
        }
        if t.specification.len() > 84 {
            return Err(WriteError::new(
                "specification",
                "more than 84 records (42 lines × 2 columns)",
            ));
        }
        for s in &t.specification {
            if !(1..=42).contains(&s.line) {
                return Err(WriteError::new(
                    "specification line",
                    format!("{} is not 1–42", s.line),
                ));
            }
            if !(1..=2).contains(&s.column) {
                return Err(WriteError::new(
                    "specification column",
                    format!("{} is not 1 or 2", s.column),
                ));
            }
            self.line(format_args!(
                "NY212149{n:07}4{:03}{}{}{}",
                s.line,
                s.column,
                pad(&s.text, 40, "specification text")?,
                "0".repeat(20)
            ));
        }
        Ok(ore)
    }

    fn agreement(&mut self, t: &Agreement) -> Result<(), WriteError> {
        let n = tx_number(t.transaction_number)?;
        self.line(format_args!(
            "NY219470{n:07}{}{}{}{}",
            t.registration_type.code(),
            kid(&t.kid, false)?,
            if t.notify { 'J' } else { 'N' },
            "0".repeat(38)
        ));
        Ok(())
    }
}

fn digits<'a>(s: &'a str, width: usize, field: &'static str) -> Result<&'a str, WriteError> {
    if s.len() == width && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s)
    } else {
        Err(WriteError::new(
            field,
            format!("{s:?} is not {width} digits"),
        ))
    }
}

/// Exactly `width` characters, none of them a control character.
fn fixed<'a>(s: &'a str, width: usize, field: &'static str) -> Result<&'a str, WriteError> {
    if s.chars().count() == width && !s.chars().any(char::is_control) {
        Ok(s)
    } else {
        Err(WriteError::new(
            field,
            format!("{s:?} is not {width} characters"),
        ))
    }
}

/// Free text, padded with spaces to `width`.
fn pad(s: &str, width: usize, field: &'static str) -> Result<String, WriteError> {
    let len = s.chars().count();
    if len > width {
        return Err(WriteError::new(
            field,
            format!("{s:?} is longer than {width} characters"),
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(WriteError::new(
            field,
            format!("{s:?} holds a control character"),
        ));
    }
    let mut out = String::with_capacity(width);
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', width - len));
    Ok(out)
}

/// A KID right-aligned in 25 characters.
fn kid(s: &str, blank_ok: bool) -> Result<String, WriteError> {
    if (s.is_empty() && !blank_ok) || s.len() > 25 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WriteError::new(
            "kid",
            format!("{s:?} is not a KID of 1–25 digits"),
        ));
    }
    Ok(format!("{s:>25}"))
}

fn tx_number(n: u32) -> Result<u32, WriteError> {
    if n <= 9_999_999 {
        Ok(n)
    } else {
        Err(WriteError::new(
            "transaction number",
            format!("{n} has more than 7 digits"),
        ))
    }
}

fn count(n: u64, field: &'static str) -> Result<u64, WriteError> {
    if n <= 99_999_999 {
        Ok(n)
    } else {
        Err(WriteError::new(
            field,
            format!("{n} has more than 8 digits"),
        ))
    }
}

/// An amount in NOK as whole øre.
fn ore(amount: Decimal, negative_ok: bool) -> Result<i128, WriteError> {
    let err = |why: &str| WriteError::new("amount", format!("{amount} {why}"));
    if amount.is_sign_negative() && !negative_ok {
        return Err(err("is negative"));
    }
    let scaled = amount
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or_else(|| err("is too large"))?;
    if !scaled.fract().is_zero() {
        return Err(err("has fractions of an øre"));
    }
    let mut whole = scaled.trunc();
    whole.rescale(0);
    let m = whole.mantissa();
    if m.unsigned_abs() >= 100_000_000_000_000_000 {
        return Err(err("has more than 17 digits in øre"));
    }
    Ok(m)
}

fn amount17(total: i128) -> Result<String, WriteError> {
    if (0..100_000_000_000_000_000).contains(&total) {
        Ok(format!("{total:017}"))
    } else {
        Err(WriteError::new(
            "total amount",
            format!("{total} øre does not fit 17 unsigned digits"),
        ))
    }
}

fn date(d: NaiveDate, field: &'static str) -> Result<String, WriteError> {
    if (1969..=2068).contains(&d.year()) {
        Ok(format!(
            "{:02}{:02}{:02}",
            d.day(),
            d.month(),
            d.year() % 100
        ))
    } else {
        Err(WriteError::new(
            field,
            format!("{d} is outside 1969–2068, which DDMMYY can express"),
        ))
    }
}

fn date_or_zeros(d: Option<NaiveDate>, field: &'static str) -> Result<String, WriteError> {
    d.map_or_else(|| Ok("000000".to_string()), |d| date(d, field))
}
