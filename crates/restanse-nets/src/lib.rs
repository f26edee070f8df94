//! Reading and writing the files Nets exchanges for OCR Giro and AvtaleGiro.
//!
//! Norwegian banks settle KID payments through Nets (now part of Mastercard). Three kinds of file matter to
//! a gym:
//!
//! * the **agreement file** Nets sends when a member creates, changes or deletes an AvtaleGiro mandate
//!   (service code 21, assignment type 24, one record 70 with transaction type 94 per mandate);
//! * the **claim file** the gym sends ahead of each due date (service code 21, assignment type 00,
//!   transaction type 02 when the gym notifies the member itself, 21 when the bank does), and the
//!   **cancellation file** that withdraws claims (assignment type 36, transaction type 93);
//! * the **OCR Giro settlement file** Nets sends back with every KID payment that reached the account
//!   (service code 09, transaction types 10–21; a successful AvtaleGiro debit is type **15**).
//!
//! All three share one layout: a *transmission* (records 10 and 89) holding *assignments* (records 20 and
//! 88) holding *transactions*. Every record is one line of exactly 80 characters that starts with `NY`,
//! a two-digit service code, a two-digit transaction or assignment type and a two-digit record type.
//! Amounts are whole øre, dates are `DDMMYY`.
//!
//! # Reading
//!
//! [`parse`] reads a whole file into a [`Transmission`]. It checks everything the specification lets a
//! reader check: the length of each line, the fixed fillers, that each record belongs where it stands,
//! that the records of one transaction agree on its number and type, that every date is a real date, and
//! that the counts, totals and date ranges in the end records (88 and 89) match what came before. The
//! first problem stops it with a [`ParseError`] naming the line, the field and the reason. It never
//! panics, whatever the input.
//!
//! ```
//! let file = "\
//! NY000010000080800170031000102000000000000000000000000000000000000000000000000000
//! NY090020001008566000000299991042764000000000000000000000000000000000000000000000
//! NY09153000000012001921320101464000000000000054900                1234567890003000000
//! ";
//! // That third line is 84 characters long, so the file is refused, and the error says where and why.
//! let err = restanse_nets::parse(file).unwrap_err();
//! assert_eq!(err.line, 3);
//! assert_eq!(err.field, "record");
//! ```
//!
//! A file read successfully exposes typed values: amounts as [`rust_decimal::Decimal`] NOK, dates as
//! [`chrono::NaiveDate`], KIDs as strings of digits (a KID is an identifier, and leading zeros matter).
//!
//! ```
//! use restanse_nets::{self as nets, AssignmentContent, TransactionType};
//!
//! let file = include_str!("../../../tests/data/nets/ocr_giro_transactions.txt");
//! let transmission = nets::parse(file)?;
//! let AssignmentContent::Transactions(txs) = &transmission.assignments[0].content else { panic!() };
//! assert_eq!(txs.len(), 20);
//! assert_eq!(txs[0].transaction_type, TransactionType::PURCHASE_WITH_TEXT);
//! assert_eq!(txs[0].amount.to_string(), "1020.00");
//! assert_eq!(transmission.total_amount().to_string(), "51449.00");
//! # Ok::<(), restanse_nets::ParseError>(())
//! ```
//!
//! # Writing
//!
//! [`Transmission::to_nets_string`] writes a transmission back out. The counts, totals and date ranges
//! of the end records are computed, never taken on trust, so a file built by hand is consistent by
//! construction. Because the reader checks those same figures, reading a file and writing it again gives
//! back the same bytes (the tests do this with every sample file). Values that do not fit the format — a
//! KID with letters, an amount with fractions of an øre, a payer name over ten characters — are refused
//! with a [`WriteError`] rather than cut.
//!
//! ```
//! use chrono::NaiveDate;
//! use restanse_nets::{Assignment, AssignmentContent, Claim, Transmission, TransactionType};
//! use rust_decimal::Decimal;
//!
//! let claim = Claim {
//!     transaction_number: 1,
//!     transaction_type: TransactionType::AVTALEGIRO_PAYEE_NOTIFICATION,
//!     due_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
//!     amount: Decimal::new(54900, 2),
//!     kid: "0001234000017".into(),
//!     payer_name: Some("HANSEN".into()),
//!     reference: None,
//!     specification: vec![],
//! };
//! let transmission = Transmission {
//!     transmission_number: "0000001".into(),
//!     data_transmitter: "12345678".into(),
//!     data_recipient: "00008080".into(),
//!     date: NaiveDate::from_ymd_opt(2026, 11, 23),
//!     assignments: vec![Assignment {
//!         agreement_id: None,
//!         assignment_number: "0000001".into(),
//!         assignment_account: "12345678903".into(),
//!         nets_date: None,
//!         content: AssignmentContent::Claims(vec![claim]),
//!     }],
//! };
//! let text = transmission.to_nets_string()?;
//! assert_eq!(text.lines().count(), 6);
//! assert_eq!(restanse_nets::parse(&text).unwrap(), transmission);
//! # Ok::<(), restanse_nets::WriteError>(())
//! ```
//!
//! # What this module does not do
//!
//! It does no file I/O (the command line reads the file) and guesses no character set beyond
//! [`parse_bytes`], which accepts UTF-8 and falls back to ISO-8859-1, the encoding Nets uses. It does
//! not check KID check digits while reading, because a payee may use either MOD10 or MOD11; see [`kid`].
//!
//! Field positions follow the Nets "OCR giro system specification" and "AvtaleGiro system specification"
//! as implemented by the `netsgiro` Python package, whose test files are the samples in `tests/data/nets/`.

pub mod calendar;
mod error;
pub mod kid;
mod parse;
mod write;

pub use error::{ParseError, WriteError};
pub use parse::{parse, parse_bytes};
pub use write::to_latin1;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The two-digit transaction type of a transaction, serialised as its number.
///
/// OCR Giro settlements use 10–21, AvtaleGiro claims 02 and 21, cancellations 93 and agreement records 94.
/// Note that 21 means "purchase with text" in an OCR Giro file and "claim with bank notification" in an
/// AvtaleGiro claim file; the service code of the assignment tells which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TransactionType(pub u8);

impl TransactionType {
    /// AvtaleGiro claim, the payee notifies the payer.
    pub const AVTALEGIRO_PAYEE_NOTIFICATION: TransactionType = TransactionType(2);
    /// OCR Giro: giro debited the payer's account.
    pub const GIRO_DEBITED_ACCOUNT: TransactionType = TransactionType(10);
    /// OCR Giro: standing order.
    pub const STANDING_ORDER: TransactionType = TransactionType(11);
    /// OCR Giro: direct remittance.
    pub const DIRECT_REMITTANCE: TransactionType = TransactionType(12);
    /// OCR Giro: business terminal giro.
    pub const BUSINESS_TERMINAL_GIRO: TransactionType = TransactionType(13);
    /// OCR Giro: counter giro.
    pub const COUNTER_GIRO: TransactionType = TransactionType(14);
    /// OCR Giro: a successful **AvtaleGiro** debit.
    pub const AVTALEGIRO: TransactionType = TransactionType(15);
    /// OCR Giro: telegiro.
    pub const TELEGIRO: TransactionType = TransactionType(16);
    /// OCR Giro: cash giro.
    pub const CASH_GIRO: TransactionType = TransactionType(17);
    /// OCR Giro: reversal with KID.
    pub const REVERSAL_WITH_KID: TransactionType = TransactionType(18);
    /// OCR Giro: purchase with KID.
    pub const PURCHASE_WITH_KID: TransactionType = TransactionType(19);
    /// OCR Giro: reversal with text (carries amount item 3).
    pub const REVERSAL_WITH_TEXT: TransactionType = TransactionType(20);
    /// OCR Giro: purchase with text (carries amount item 3).
    pub const PURCHASE_WITH_TEXT: TransactionType = TransactionType(21);
    /// AvtaleGiro claim, the bank notifies the payer (same number as [`Self::PURCHASE_WITH_TEXT`]).
    pub const AVTALEGIRO_BANK_NOTIFICATION: TransactionType = TransactionType(21);
    /// AvtaleGiro cancellation of a claim.
    pub const AVTALEGIRO_CANCELLATION: TransactionType = TransactionType(93);
    /// AvtaleGiro agreement (mandate) change, sent by Nets.
    pub const AVTALEGIRO_AGREEMENT: TransactionType = TransactionType(94);

    /// Whether this is a valid transaction type in an OCR Giro settlement (10–21).
    pub fn is_ocr_giro(self) -> bool {
        (10..=21).contains(&self.0)
    }
}

/// What an AvtaleGiro agreement record reports (registration type 0, 1 or 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RegistrationType {
    /// 0: the file lists all active agreements (a full list).
    AllActive,
    /// 1: the agreement is new or changed.
    NewOrChanged,
    /// 2: the payer deleted the agreement.
    Deleted,
}

impl RegistrationType {
    /// The one-digit code in the file.
    pub fn code(self) -> u8 {
        match self {
            RegistrationType::AllActive => 0,
            RegistrationType::NewOrChanged => 1,
            RegistrationType::Deleted => 2,
        }
    }

    /// The registration type for a code, if it is one.
    pub fn from_code(code: u8) -> Option<RegistrationType> {
        match code {
            0 => Some(RegistrationType::AllActive),
            1 => Some(RegistrationType::NewOrChanged),
            2 => Some(RegistrationType::Deleted),
            _ => None,
        }
    }
}

/// One transmission: a whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transmission {
    /// Seven digits, chosen by the sender.
    pub transmission_number: String,
    /// Eight digits: the sender's customer unit ID (Nets is `00008080`).
    pub data_transmitter: String,
    /// Eight digits: the recipient's customer unit ID.
    pub data_recipient: String,
    /// The date of the transmission end record (Nets' processing date; for claim files the first due
    /// date). `None` when the field is zeros.
    pub date: Option<NaiveDate>,
    /// The assignments, in file order.
    pub assignments: Vec<Assignment>,
}

/// One assignment: a batch of transactions of one kind for one payee account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// Nine digits, only in assignments of type 00 (OCR Giro settlements and claims). `None` when the
    /// field is zeros, as it always is for agreements and cancellations (and is written as zeros).
    pub agreement_id: Option<String>,
    /// Seven digits.
    pub assignment_number: String,
    /// Eleven digits: the payee's account.
    pub assignment_account: String,
    /// OCR Giro only: the settlement date in the assignment end record. `None` elsewhere.
    pub nets_date: Option<NaiveDate>,
    /// The transactions; their kind fixes the service code and assignment type.
    #[serde(flatten)]
    pub content: AssignmentContent,
}

/// The transactions of an assignment, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AssignmentContent {
    /// OCR Giro settlements (service code 09, assignment type 00).
    Transactions(Vec<OcrTransaction>),
    /// AvtaleGiro claims (service code 21, assignment type 00).
    Claims(Vec<Claim>),
    /// AvtaleGiro cancellations (service code 21, assignment type 36).
    Cancellations(Vec<Claim>),
    /// AvtaleGiro agreements (service code 21, assignment type 24).
    Agreements(Vec<Agreement>),
}

impl AssignmentContent {
    /// The service code in the file: 9 (OCR Giro) or 21 (AvtaleGiro).
    pub fn service_code(&self) -> u8 {
        match self {
            AssignmentContent::Transactions(_) => 9,
            _ => 21,
        }
    }

    /// The assignment type in the file: 0, 24 (agreements) or 36 (cancellations).
    pub fn assignment_type(&self) -> u8 {
        match self {
            AssignmentContent::Transactions(_) | AssignmentContent::Claims(_) => 0,
            AssignmentContent::Agreements(_) => 24,
            AssignmentContent::Cancellations(_) => 36,
        }
    }

    /// The number of transactions.
    pub fn len(&self) -> usize {
        match self {
            AssignmentContent::Transactions(v) => v.len(),
            AssignmentContent::Claims(v) | AssignmentContent::Cancellations(v) => v.len(),
            AssignmentContent::Agreements(v) => v.len(),
        }
    }

    /// Whether there are no transactions.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sum of the amounts, in NOK (zero for agreements).
    pub fn total_amount(&self) -> Decimal {
        match self {
            AssignmentContent::Transactions(v) => v.iter().map(|t| t.amount).sum(),
            AssignmentContent::Claims(v) | AssignmentContent::Cancellations(v) => {
                v.iter().map(|t| t.amount).sum()
            }
            AssignmentContent::Agreements(_) => Decimal::ZERO,
        }
    }
}

impl Transmission {
    /// The number of transactions in all assignments.
    pub fn num_transactions(&self) -> usize {
        self.assignments.iter().map(|a| a.content.len()).sum()
    }

    /// The sum of all amounts, in NOK.
    pub fn total_amount(&self) -> Decimal {
        self.assignments
            .iter()
            .map(|a| a.content.total_amount())
            .sum()
    }

    /// All OCR Giro settlements, across assignments.
    pub fn transactions(&self) -> impl Iterator<Item = &OcrTransaction> {
        self.assignments.iter().flat_map(|a| match &a.content {
            AssignmentContent::Transactions(v) => v.as_slice(),
            _ => &[],
        })
    }

    /// All AvtaleGiro claims, across assignments (not cancellations).
    pub fn claims(&self) -> impl Iterator<Item = &Claim> {
        self.assignments.iter().flat_map(|a| match &a.content {
            AssignmentContent::Claims(v) => v.as_slice(),
            _ => &[],
        })
    }

    /// All AvtaleGiro cancellations, across assignments.
    pub fn cancellations(&self) -> impl Iterator<Item = &Claim> {
        self.assignments.iter().flat_map(|a| match &a.content {
            AssignmentContent::Cancellations(v) => v.as_slice(),
            _ => &[],
        })
    }

    /// All AvtaleGiro agreements, across assignments.
    pub fn agreements(&self) -> impl Iterator<Item = &Agreement> {
        self.assignments.iter().flat_map(|a| match &a.content {
            AssignmentContent::Agreements(v) => v.as_slice(),
            _ => &[],
        })
    }
}

/// An OCR Giro settlement: money that reached the payee's account (records 30, 31 and, for transaction
/// types 20 and 21, 32).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OcrTransaction {
    /// 1–9,999,999; the same on every record of the transaction.
    pub transaction_number: u32,
    /// 10–21; [`TransactionType::AVTALEGIRO`] (15) is a successful AvtaleGiro debit.
    pub transaction_type: TransactionType,
    /// The settlement date at Nets.
    pub nets_date: NaiveDate,
    /// Two digits: the Nets centre.
    pub centre_id: String,
    /// The day code (day of the month the centre handled it).
    pub day_code: u8,
    /// Partial settlement number, one digit.
    pub partial_settlement_number: u8,
    /// Partial settlement serial number, five digits.
    pub partial_settlement_serial_number: String,
    /// The amount in NOK; negative when the record carries the sign `-` (a reversal).
    pub amount: Decimal,
    /// The KID the payer used, digits only; `None` when the field is blank.
    pub kid: Option<String>,
    /// Ten digits: the form number.
    pub form_number: String,
    /// Nine characters: the bank's archive reference, as written.
    pub reference: String,
    /// Seven characters the specification calls filler but which banks fill in; kept as written.
    pub filler: String,
    /// The date the payer's bank debited the account, if given.
    pub bank_date: Option<NaiveDate>,
    /// Eleven digits: the account debited.
    pub debit_account: String,
    /// The free text of amount item 3 (transaction types 20 and 21 only), trailing spaces removed.
    pub text: Option<String>,
}

/// An AvtaleGiro claim (transaction type 02 or 21) or cancellation (93): records 30, 31 and for bank
/// notification up to 84 specification records 49.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    /// 1–9,999,999; the same on every record of the transaction.
    pub transaction_number: u32,
    /// 02 (payee notifies), 21 (bank notifies) or, in a cancellation, 93.
    pub transaction_type: TransactionType,
    /// The due date.
    pub due_date: NaiveDate,
    /// The amount in NOK, at least zero, in whole øre.
    pub amount: Decimal,
    /// The KID, 1–25 digits.
    pub kid: String,
    /// Up to ten characters (the "short name" of the payer).
    pub payer_name: Option<String>,
    /// Up to 25 characters, the payee's own reference.
    pub reference: Option<String>,
    /// The specification records, in file order (only for transaction type 21).
    pub specification: Vec<SpecificationLine>,
}

impl Claim {
    /// The specification as text: up to 42 lines of up to 80 characters, each made of two columns.
    pub fn specification_text(&self) -> String {
        let mut parts: Vec<&SpecificationLine> = self.specification.iter().collect();
        parts.sort_by_key(|s| (s.line, s.column));
        let mut lines: Vec<String> = Vec::new();
        let mut current = None;
        for part in parts {
            if current != Some(part.line) {
                lines.push(String::new());
                current = Some(part.line);
            }
            if let Some(line) = lines.last_mut() {
                if part.column == 2 {
                    // Column 2 starts at character 41 of the printed line.
                    while line.chars().count() < 40 {
                        line.push(' ');
                    }
                }
                line.push_str(&part.text);
            }
        }
        lines
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Half of one line of a claim's printed specification (record 49).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecificationLine {
    /// 1–42.
    pub line: u16,
    /// 1 (characters 1–40) or 2 (characters 41–80).
    pub column: u8,
    /// Up to 40 characters, trailing spaces removed.
    pub text: String,
}

/// An AvtaleGiro agreement record (70, transaction type 94): a payer created, changed or deleted a
/// mandate for a KID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    /// 1–9,999,999.
    pub transaction_number: u32,
    /// Full list, new/changed or deleted.
    pub registration_type: RegistrationType,
    /// The KID, 1–25 digits.
    pub kid: String,
    /// `J` in the file: the payer wants written notice from the payee before each debit.
    pub notify: bool,
}
