//! The reader: lines to typed records, with every check the specification allows.
//!
//! The reader is a small state machine over the lines (transmission start, then assignments, then
//! transmission end). Each field is taken by its character position with bounds-checked slicing, so a
//! short, long or non-ASCII line yields an error, never a panic.

use super::{
    Agreement, Assignment, AssignmentContent, Claim, OcrTransaction, ParseError, RegistrationType,
    SpecificationLine, TransactionType, Transmission,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::iter::Peekable;

/// The length of every record.
pub(crate) const RECORD_LEN: usize = 80;

/// Reads a whole Nets file.
///
/// Lines end in `\n` or `\r\n`; blank lines after the transmission end record are ignored, anywhere else
/// they are an error.
pub fn parse(input: &str) -> Result<Transmission, ParseError> {
    Parser {
        lines: Lines::new(input).peekable(),
        last_line: 0,
    }
    .transmission()
}

/// Reads a whole Nets file given as bytes: UTF-8 if it is valid UTF-8, otherwise ISO-8859-1 (the
/// character set of files from Nets, where `ø` is the single byte `0xF8`).
pub fn parse_bytes(input: &[u8]) -> Result<Transmission, ParseError> {
    match std::str::from_utf8(input) {
        Ok(s) => parse(s),
        Err(_) => {
            let s: String = input.iter().map(|&b| char::from(b)).collect();
            parse(&s)
        }
    }
}

/// One line with its number. Fields are taken by character position.
#[derive(Clone, Copy)]
struct Line<'a> {
    no: usize,
    text: &'a str,
    /// Whether the line is ASCII, so that character positions are byte positions (the common case).
    ascii: bool,
}

struct Lines<'a> {
    rest: Option<&'a str>,
    no: usize,
}

impl<'a> Lines<'a> {
    fn new(input: &'a str) -> Lines<'a> {
        Lines {
            rest: Some(input),
            no: 0,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.rest?;
        let (line, rest) = match rest.split_once('\n') {
            Some((l, r)) => (l, Some(r)),
            None if rest.is_empty() => return None,
            None => (rest, None),
        };
        self.rest = rest;
        self.no += 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        Some(Line {
            no: self.no,
            text: line,
            ascii: line.is_ascii(),
        })
    }
}

impl<'a> Line<'a> {
    fn err(&self, field: &'static str, reason: impl Into<String>) -> ParseError {
        ParseError::new(self.no, field, reason)
    }

    /// Characters `start..end` (0-based, end exclusive).
    fn get(&self, start: usize, end: usize, field: &'static str) -> Result<&'a str, ParseError> {
        let slice = if self.ascii {
            self.text.get(start..end)
        } else {
            let mut idx = self
                .text
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(self.text.len()));
            let s = idx.nth(start);
            let e = if end > start {
                idx.nth(end - start - 1)
            } else {
                s
            };
            match (s, e) {
                (Some(s), Some(e)) => self.text.get(s..e),
                _ => None,
            }
        };
        slice.ok_or_else(|| self.err(field, format!("missing (characters {}–{})", start + 1, end)))
    }

    fn digits(&self, start: usize, end: usize, field: &'static str) -> Result<&'a str, ParseError> {
        let s = self.get(start, end, field)?;
        if s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(s)
        } else {
            Err(self.err(field, format!("{s:?} is not {} digits", end - start)))
        }
    }

    fn number(&self, start: usize, end: usize, field: &'static str) -> Result<u64, ParseError> {
        let s = self.digits(start, end, field)?;
        let mut v: u64 = 0;
        for b in s.bytes() {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .ok_or_else(|| self.err(field, format!("{s:?} is too large")))?;
        }
        Ok(v)
    }

    fn fill(
        &self,
        start: usize,
        end: usize,
        c: char,
        field: &'static str,
    ) -> Result<(), ParseError> {
        let s = self.get(start, end, field)?;
        if s.chars().all(|x| x == c) {
            Ok(())
        } else {
            Err(self.err(field, format!("{s:?} should be {} × {c:?}", end - start)))
        }
    }

    fn date(&self, start: usize, field: &'static str) -> Result<NaiveDate, ParseError> {
        self.opt_date(start, field)?
            .ok_or_else(|| self.err(field, "is 000000, a date is required here"))
    }

    /// `DDMMYY`; `000000` is no date. Two-digit years 69–99 are 1969–1999, 00–68 are 2000–2068.
    fn opt_date(&self, start: usize, field: &'static str) -> Result<Option<NaiveDate>, ParseError> {
        let s = self.digits(start, start + 6, field)?;
        if s == "000000" {
            return Ok(None);
        }
        let n = |a: usize| self.number(start + a, start + a + 2, field);
        let (d, m, y) = (n(0)?, n(2)?, n(4)?);
        let year = if y >= 69 { 1900 + y } else { 2000 + y };
        let date = match (i32::try_from(year), u32::try_from(m), u32::try_from(d)) {
            (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        };
        date.map(Some)
            .ok_or_else(|| self.err(field, format!("{s:?} is not a real date (DDMMYY)")))
    }

    /// A right-aligned KID of digits padded with leading spaces; `None` when blank.
    fn kid(&self, start: usize, end: usize) -> Result<Option<String>, ParseError> {
        let s = self.get(start, end, "kid")?;
        let kid = s.trim_start_matches(' ');
        if kid.bytes().all(|b| b.is_ascii_digit()) {
            Ok(if kid.is_empty() {
                None
            } else {
                Some(kid.to_string())
            })
        } else {
            Err(self.err("kid", format!("{s:?} is not a KID (digits, right-aligned)")))
        }
    }

    /// Free text, trailing spaces removed; `None` when blank.
    fn text(
        &self,
        start: usize,
        end: usize,
        field: &'static str,
    ) -> Result<Option<String>, ParseError> {
        let s = self.get(start, end, field)?.trim_end_matches(' ');
        Ok(if s.is_empty() {
            None
        } else {
            Some(s.to_string())
        })
    }

    fn amount(&self, start: usize) -> Result<(Decimal, i128), ParseError> {
        let ore = self.number(start, start + 17, "amount")?;
        let ore = i64::try_from(ore).map_err(|_| self.err("amount", "is too large"))?;
        Ok((Decimal::new(ore, 2), i128::from(ore)))
    }

    fn record_type(&self) -> Result<u8, ParseError> {
        let n = self.number(6, 8, "record type")?;
        Ok(n as u8)
    }
}

/// The header every record starts with: `NY`, service code, transaction/assignment type, record type.
struct Header {
    service: u8,
    kind: u8,
    record: u8,
}

fn header(line: &Line) -> Result<Header, ParseError> {
    let len = if line.ascii {
        line.text.len()
    } else {
        line.text.chars().count()
    };
    if len != RECORD_LEN {
        return Err(line.err(
            "record",
            format!("is {len} characters long, every record is {RECORD_LEN}"),
        ));
    }
    let control = if line.ascii {
        line.text.bytes().position(|b| b.is_ascii_control())
    } else {
        line.text.chars().position(char::is_control)
    };
    if let Some(pos) = control {
        return Err(line.err(
            "record",
            format!("holds a control character at position {}", pos + 1),
        ));
    }
    if line.get(0, 2, "format code")? != "NY" {
        return Err(line.err("format code", "every record starts with \"NY\""));
    }
    Ok(Header {
        service: line.number(2, 4, "service code")? as u8,
        kind: line.number(4, 6, "type")? as u8,
        record: line.record_type()?,
    })
}

struct Parser<'a> {
    lines: Peekable<Lines<'a>>,
    last_line: usize,
}

impl<'a> Parser<'a> {
    fn next(
        &mut self,
        expecting: impl std::fmt::Display,
    ) -> Result<(Line<'a>, Header), ParseError> {
        match self.lines.next() {
            Some(line) => {
                self.last_line = line.no;
                let h = header(&line)?;
                Ok((line, h))
            }
            None => Err(ParseError::new(
                self.last_line + 1,
                "record",
                format!("the file ends where {expecting} was expected"),
            )),
        }
    }

    /// The record type of the next line, if there is one and it has one.
    fn peek_record(&mut self) -> Option<u8> {
        let line = self.lines.peek()?;
        let b = line.text.as_bytes();
        match (b.get(6), b.get(7)) {
            (Some(a), Some(c)) if a.is_ascii_digit() && c.is_ascii_digit() => {
                Some((a - b'0') * 10 + (c - b'0'))
            }
            _ => None,
        }
    }

    fn transmission(mut self) -> Result<Transmission, ParseError> {
        if self.lines.peek().is_none() {
            return Err(ParseError::new(1, "record", "the file is empty"));
        }
        let (line, h) = self.next("a transmission start record (10)")?;
        if h.record != 10 || h.service != 0 || h.kind != 0 {
            return Err(line.err(
                "record type",
                "the first record must be a transmission start (NY000010)",
            ));
        }
        let data_transmitter = line.digits(8, 16, "data transmitter")?.to_string();
        let transmission_number = line.digits(16, 23, "transmission number")?.to_string();
        let data_recipient = line.digits(23, 31, "data recipient")?.to_string();
        line.fill(31, 80, '0', "filler")?;

        let mut assignments = Vec::new();
        let mut records: u64 = 1;
        let mut transactions: u64 = 0;
        let mut total: i128 = 0;
        loop {
            let (line, h) = self.next("an assignment start (20) or the transmission end (89)")?;
            match h.record {
                20 => {
                    let (a, stats) = self.assignment(line, h)?;
                    records += stats.records;
                    transactions += stats.transactions;
                    total += stats.total;
                    assignments.push(a);
                }
                89 => {
                    records += 1;
                    if h.service != 0 || h.kind != 0 {
                        return Err(line.err("service code", "a transmission end record is NY000089"));
                    }
                    check_count(&line, 8, "number of transactions", transactions)?;
                    check_count(&line, 16, "number of records", records)?;
                    check_total(&line, 24, total)?;
                    let date = line.opt_date(41, "date")?;
                    line.fill(47, 80, '0', "filler")?;
                    for rest in self.lines.by_ref() {
                        if !rest.text.trim().is_empty() {
                            return Err(rest.err("record", "nothing may follow the transmission end record (89)"));
                        }
                    }
                    return Ok(Transmission {
                        transmission_number,
                        data_transmitter,
                        data_recipient,
                        date,
                        assignments,
                    });
                }
                other => {
                    return Err(line.err(
                        "record type",
                        format!("{other:02} where an assignment start (20) or the transmission end (89) was expected"),
                    ))
                }
            }
        }
    }

    fn assignment(
        &mut self,
        start: Line<'a>,
        h: Header,
    ) -> Result<(Assignment, Stats), ParseError> {
        let kind = match (h.service, h.kind) {
            (9, 0) => Kind::Ocr,
            (21, 0) => Kind::Claims,
            (21, 24) => Kind::Agreements,
            (21, 36) => Kind::Cancellations,
            (9 | 21, k) => {
                return Err(start.err("assignment type", format!("{k:02} is not 00, 24 or 36")));
            }
            (s, _) => {
                return Err(start.err(
                    "service code",
                    format!("{s:02} is not 09 (OCR Giro) or 21 (AvtaleGiro)"),
                ));
            }
        };
        let agreement_id = match kind {
            Kind::Ocr | Kind::Claims => {
                let id = start.digits(8, 17, "agreement ID")?;
                (id != "000000000").then(|| id.to_string())
            }
            _ => {
                start.fill(8, 17, '0', "agreement ID")?;
                None
            }
        };
        let assignment_number = start.digits(17, 24, "assignment number")?.to_string();
        let assignment_account = start.digits(24, 35, "assignment account")?.to_string();
        start.fill(35, 80, '0', "filler")?;

        let mut records: u64 = 1;
        let mut total: i128 = 0;
        let mut dates: Option<(NaiveDate, NaiveDate)> = None;
        let mut content = match kind {
            Kind::Ocr => AssignmentContent::Transactions(Vec::new()),
            Kind::Claims => AssignmentContent::Claims(Vec::new()),
            Kind::Cancellations => AssignmentContent::Cancellations(Vec::new()),
            Kind::Agreements => AssignmentContent::Agreements(Vec::new()),
        };
        loop {
            let (line, rh) = self.next("a transaction or the assignment end (88)")?;
            records += 1;
            if rh.record == 88 {
                if rh.service != h.service || rh.kind != h.kind {
                    return Err(line.err(
                        "type",
                        format!(
                            "assignment end NY{:02}{:02} does not match assignment start NY{:02}{:02}",
                            rh.service, rh.kind, h.service, h.kind
                        ),
                    ));
                }
                check_count(&line, 8, "number of transactions", content.len() as u64)?;
                check_count(&line, 16, "number of records", records)?;
                let check_date = |at: usize, field: &'static str, want: Option<NaiveDate>| {
                    let got = line.opt_date(at, field)?;
                    if got == want {
                        Ok(())
                    } else {
                        Err(line.err(
                            field,
                            format!("is {}, the transactions say {}", show(got), show(want)),
                        ))
                    }
                };
                let mut nets_date = None;
                match kind {
                    Kind::Agreements => line.fill(24, 80, '0', "filler")?,
                    Kind::Ocr => {
                        check_total(&line, 24, total)?;
                        nets_date = line.opt_date(41, "settlement date")?;
                        check_date(47, "first settlement date", dates.map(|d| d.0))?;
                        check_date(53, "last settlement date", dates.map(|d| d.1))?;
                        line.fill(59, 80, '0', "filler")?;
                    }
                    Kind::Claims => {
                        check_total(&line, 24, total)?;
                        check_date(41, "first due date", dates.map(|d| d.0))?;
                        check_date(47, "last due date", dates.map(|d| d.1))?;
                        line.fill(53, 80, '0', "filler")?;
                    }
                    Kind::Cancellations => {
                        check_total(&line, 24, total)?;
                        check_date(41, "first due date", dates.map(|d| d.0))?;
                        check_date(47, "last due date", dates.map(|d| d.1))?;
                        line.fill(53, 80, '0', "filler")?;
                    }
                }
                let assignment = Assignment {
                    agreement_id,
                    assignment_number,
                    assignment_account,
                    nets_date,
                    content,
                };
                let transactions = assignment.content.len() as u64;
                return Ok((
                    assignment,
                    Stats {
                        records,
                        transactions,
                        total,
                    },
                ));
            }
            if rh.service != h.service {
                return Err(line.err(
                    "service code",
                    format!(
                        "{:02} inside an assignment of service code {:02}",
                        rh.service, h.service
                    ),
                ));
            }
            match &mut content {
                AssignmentContent::Transactions(v) => {
                    let (t, n, ore) = self.ocr_transaction(line, rh)?;
                    records += n;
                    total += ore;
                    widen(&mut dates, t.nets_date);
                    v.push(t);
                }
                AssignmentContent::Claims(v) | AssignmentContent::Cancellations(v) => {
                    let (c, n, ore) = self.claim(line, rh, kind)?;
                    records += n;
                    total += ore;
                    widen(&mut dates, c.due_date);
                    v.push(c);
                }
                AssignmentContent::Agreements(v) => v.push(agreement(line, rh)?),
            }
        }
    }

    /// Checks the next record is `record` for the same transaction, and returns it.
    fn follow(
        &mut self,
        first: &Line,
        number: u32,
        tx_type: u8,
        record: u8,
    ) -> Result<Line<'a>, ParseError> {
        let (line, h) = self.next(format_args!("record {record} of transaction {number}"))?;
        if h.record != record {
            return Err(line.err(
                "record type",
                format!("{:02} where record {record} of the transaction started on line {} was expected", h.record, first.no),
            ));
        }
        if h.service != header_service(first) {
            return Err(line.err(
                "service code",
                "differs from the transaction's first record",
            ));
        }
        same_transaction(&line, number, tx_type)?;
        Ok(line)
    }

    fn ocr_transaction(
        &mut self,
        line: Line<'a>,
        h: Header,
    ) -> Result<(OcrTransaction, u64, i128), ParseError> {
        if h.record != 30 {
            return Err(line.err(
                "record type",
                format!(
                    "{:02} where a transaction's amount item 1 (30) was expected",
                    h.record
                ),
            ));
        }
        let transaction_type = TransactionType(h.kind);
        if !transaction_type.is_ocr_giro() {
            return Err(line.err(
                "transaction type",
                format!("{:02} is not an OCR Giro transaction type (10–21)", h.kind),
            ));
        }
        let transaction_number = transaction_number(&line)?;
        let nets_date = line.date(15, "settlement date")?;
        let centre_id = line.digits(21, 23, "centre ID")?.to_string();
        let day_code = line.number(23, 25, "day code")? as u8;
        let partial_settlement_number = line.number(25, 26, "partial settlement number")? as u8;
        let partial_settlement_serial_number = line
            .digits(26, 31, "partial settlement serial number")?
            .to_string();
        let sign = line.get(31, 32, "sign")?;
        let (mut amount, mut ore) = line.amount(32)?;
        match sign {
            "0" => {}
            "-" => {
                amount.set_sign_negative(true);
                ore = -ore;
            }
            s => return Err(line.err("sign", format!("{s:?} is neither \"0\" nor \"-\""))),
        }
        let kid = line.kid(49, 74)?;
        line.fill(74, 80, '0', "filler")?;

        let l2 = self.follow(&line, transaction_number, h.kind, 31)?;
        let form_number = l2.digits(15, 25, "form number")?.to_string();
        let reference = l2.get(25, 34, "reference")?.to_string();
        let filler = l2.get(34, 41, "filler")?.to_string();
        let bank_date = l2.opt_date(41, "bank date")?;
        let debit_account = l2.digits(47, 58, "debit account")?.to_string();
        l2.fill(58, 80, '0', "filler")?;

        let mut records = 1;
        let mut text = None;
        if matches!(h.kind, 20 | 21) && self.peek_record() == Some(32) {
            let l3 = self.follow(&line, transaction_number, h.kind, 32)?;
            text = l3.text(15, 55, "text")?;
            l3.fill(55, 80, '0', "filler")?;
            records += 1;
        }
        let t = OcrTransaction {
            transaction_number,
            transaction_type,
            nets_date,
            centre_id,
            day_code,
            partial_settlement_number,
            partial_settlement_serial_number,
            amount,
            kid,
            form_number,
            reference,
            filler,
            bank_date,
            debit_account,
            text,
        };
        Ok((t, records, ore))
    }

    fn claim(
        &mut self,
        line: Line<'a>,
        h: Header,
        kind: Kind,
    ) -> Result<(Claim, u64, i128), ParseError> {
        if h.record != 30 {
            return Err(line.err(
                "record type",
                format!(
                    "{:02} where a transaction's amount item 1 (30) was expected",
                    h.record
                ),
            ));
        }
        let ok = match kind {
            Kind::Cancellations => h.kind == 93,
            _ => matches!(h.kind, 2 | 21),
        };
        if !ok {
            let want = if matches!(kind, Kind::Cancellations) {
                "93 in a cancellation"
            } else {
                "02 or 21 in a claim"
            };
            return Err(line.err("transaction type", format!("{:02} is not {want}", h.kind)));
        }
        let transaction_number = transaction_number(&line)?;
        let due_date = line.date(15, "due date")?;
        line.fill(21, 32, ' ', "filler")?;
        let (amount, ore) = line.amount(32)?;
        let kid = line
            .kid(49, 74)?
            .ok_or_else(|| line.err("kid", "is blank; an AvtaleGiro claim needs a KID"))?;
        line.fill(74, 80, '0', "filler")?;

        let l2 = self.follow(&line, transaction_number, h.kind, 31)?;
        let payer_name = l2.text(15, 25, "payer name")?;
        l2.fill(25, 50, ' ', "filler")?;
        let reference = l2.text(50, 75, "reference")?;
        l2.fill(75, 80, '0', "filler")?;

        let mut records = 1;
        let mut specification = Vec::new();
        while self.peek_record() == Some(49) {
            let l = self.follow(&line, transaction_number, h.kind, 49)?;
            if h.kind != 21 {
                return Err(l.err(
                    "record type",
                    "specification records (49) belong only to claims with bank notification (21)",
                ));
            }
            if l.get(15, 16, "notification type")? != "4" {
                return Err(l.err("notification type", "must be 4 (payment notification)"));
            }
            let line_no = l.number(16, 19, "line number")? as u16;
            if !(1..=42).contains(&line_no) {
                return Err(l.err("line number", format!("{line_no} is not 1–42")));
            }
            let column = l.number(19, 20, "column number")? as u8;
            if !(1..=2).contains(&column) {
                return Err(l.err("column number", format!("{column} is not 1 or 2")));
            }
            let text = l.get(20, 60, "text")?.trim_end_matches(' ').to_string();
            l.fill(60, 80, '0', "filler")?;
            specification.push(SpecificationLine {
                line: line_no,
                column,
                text,
            });
            records += 1;
            if specification.len() > 84 {
                return Err(l.err(
                    "record type",
                    "more than 84 specification records (42 lines × 2 columns)",
                ));
            }
        }
        let c = Claim {
            transaction_number,
            transaction_type: TransactionType(h.kind),
            due_date,
            amount,
            kid,
            payer_name,
            reference,
            specification,
        };
        Ok((c, records, ore))
    }
}

fn agreement(line: Line, h: Header) -> Result<Agreement, ParseError> {
    if h.record != 70 {
        return Err(line.err(
            "record type",
            format!(
                "{:02} where an agreement record (70) was expected",
                h.record
            ),
        ));
    }
    if h.kind != 94 {
        return Err(line.err(
            "transaction type",
            format!("{:02} is not 94 (agreement)", h.kind),
        ));
    }
    let transaction_number = transaction_number(&line)?;
    let code = line.number(15, 16, "registration type")? as u8;
    let registration_type = RegistrationType::from_code(code)
        .ok_or_else(|| line.err("registration type", format!("{code} is not 0, 1 or 2")))?;
    let kid = line
        .kid(16, 41)?
        .ok_or_else(|| line.err("kid", "is blank; an agreement needs a KID"))?;
    let notify = match line.get(41, 42, "notify")? {
        "J" => true,
        "N" => false,
        s => return Err(line.err("notify", format!("{s:?} is neither J nor N"))),
    };
    line.fill(42, 80, '0', "filler")?;
    Ok(Agreement {
        transaction_number,
        registration_type,
        kid,
        notify,
    })
}

#[derive(Clone, Copy)]
enum Kind {
    Ocr,
    Claims,
    Cancellations,
    Agreements,
}

struct Stats {
    records: u64,
    transactions: u64,
    total: i128,
}

fn header_service(line: &Line) -> u8 {
    line.number(2, 4, "service code").map_or(0, |n| n as u8)
}

fn transaction_number(line: &Line) -> Result<u32, ParseError> {
    let n = line.number(8, 15, "transaction number")?;
    u32::try_from(n).map_err(|_| line.err("transaction number", "is too large"))
}

fn same_transaction(line: &Line, number: u32, tx_type: u8) -> Result<(), ParseError> {
    let n = transaction_number(line)?;
    if n != number {
        return Err(line.err(
            "transaction number",
            format!("{n} where the transaction's number {number} was expected"),
        ));
    }
    let t = line.number(4, 6, "transaction type")?;
    if t != u64::from(tx_type) {
        return Err(line.err(
            "transaction type",
            format!("{t:02} differs from the transaction's type {tx_type:02}"),
        ));
    }
    Ok(())
}

fn check_count(line: &Line, at: usize, field: &'static str, want: u64) -> Result<(), ParseError> {
    let got = line.number(at, at + 8, field)?;
    if got == want {
        Ok(())
    } else {
        Err(line.err(field, format!("says {got}, the file holds {want}")))
    }
}

fn check_total(line: &Line, at: usize, want_ore: i128) -> Result<(), ParseError> {
    let got = line.number(at, at + 17, "total amount")?;
    if i128::from(got) == want_ore {
        Ok(())
    } else {
        Err(line.err(
            "total amount",
            format!(
                "says {} øre, the transactions add up to {want_ore} øre",
                got
            ),
        ))
    }
}

/// `DDMMYY`, written by hand: chrono's `format` would pull its strftime machinery into the WebAssembly build.
fn show(d: Option<NaiveDate>) -> String {
    use chrono::Datelike;
    d.map_or_else(
        || "000000".to_string(),
        |d| {
            format!(
                "{:02}{:02}{:02}",
                d.day(),
                d.month(),
                d.year().rem_euclid(100)
            )
        },
    )
}

fn widen(dates: &mut Option<(NaiveDate, NaiveDate)>, d: NaiveDate) {
    *dates = Some(match *dates {
        None => (d, d),
        Some((a, b)) => (a.min(d), b.max(d)),
    });
}
