//! The input contract: one member as a membership system exports it.
//!
//! These types mirror `DESIGN.md` field for field (camelCase in JSON, snake_case in CSV), the December 2026
//! additions included (what the desk heard: [`ContactInput`], [`ObjectionInput`], [`HardshipInput`]). They
//! are what "parsing" produces: syntactically valid, typed, but not yet checked for sense — a hold may still
//! end before it starts. Validation ([`validate_batch`]) turns them into [`Member`]s or rejections.
//!
//! Unknown fields are ignored, so a membership system may send more than restanse reads. Required: a member's
//! `id` and `joinedOn`; an instalment's `id`, `dueOn` and `amount`; a hold's `kind`, `from` and `to`; a
//! reminder's `sentOn` and `kind`; a plan's `agreedOn`; a contact's `on`, `channel` and `outcome`; an
//! objection's `raisedOn`; a hardship's `from` and `kind`. Every other field may be left out (or be `null`
//! where it is optional) and then means none, zero, `false`, `missing` or `fee`. JSON is read by
//! `member_json`'s `Deserialize` impls, written out rather than derived (issue 17), which read objects only.
//!
//! This module is also the way in: the readers of the private `parse`, `csv_input`, `events`, `settlement` and
//! `validate` stages are re-exported here — JSON ([`parse_batch`]), the CSV export ([`read_tables`]), a
//! membership system's change feed ([`events`]), Nets files ([`settlement`]), validation, and the day and money
//! readers every format shares.

use crate::codes::Channel;
use crate::dates;
use chrono::NaiveDate;
use serde::Serialize;

pub use crate::csv_input::{read_tables, read_tables_with, Tables, VoiceTables};
pub use crate::dates::{opt_day, parse_as_of, parse_date, parse_visit, VisitDay};
pub use crate::jsonpath::from_str as from_json_with_path;
pub use crate::member::{Hold, Instalment, Member, Reminder};
/// (the `member_fields` fuzz target) the member reader held to serde's derive
#[cfg(fuzzing)]
#[doc(hidden)]
pub use crate::member_json::reference::derive_disagrees;
pub use crate::money::{parse_money, Money, MAX_AMOUNT};
pub use crate::parse::{parse_batch, parse_batch_bytes, parse_one, InputError, Parsed};
pub use crate::validate::{
    validate_batch, validate_member, Checked, MAX_CONTACTS, MAX_HARDSHIP, MAX_HOLDS, MAX_ID_CHARS,
    MAX_INSTALMENTS, MAX_OBJECTIONS, MAX_REMINDERS, MAX_VISITS,
};

/// A batch split into its records before any is read, for streaming ([`crate::Engine::judge_text`]).
pub mod split {
    pub use crate::split::{line_column, split_all, Shape, Span, SplitError, Splitter};
}

/// A membership system's change feed (NDJSON events), applied to parsed records before validation.
pub mod events {
    pub use crate::events::{
        apply, apply_to_records, parse_feed, Change, Event, EventProblem, FeedReport,
    };
}

/// Nets files (AvtaleGiro agreements, OCR Giro payments) applied to parsed records before validation, and the
/// KIDs a member's instalments are paid with.
pub mod settlement {
    pub use crate::settlement::{
        apply, apply_to_records, id_number, instalment_kid, instalment_number, member_kid, Absent,
        FailedDebit, FileSummary, MandateChange, NetsFile, NetsProblem, NetsReport, Settled,
    };
}

/// One member record of a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberInput {
    pub id: String,
    #[serde(with = "dates::day")]
    pub joined_on: NaiveDate,
    #[serde(with = "dates::opt_day", skip_serializing_if = "Option::is_none")]
    pub binding_ends_on: Option<NaiveDate>,
    #[serde(with = "dates::opt_day", skip_serializing_if = "Option::is_none")]
    pub cancelled_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_fee: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<PaymentMethod>,
    pub mandate: MandateState,
    pub access_blocked: bool,
    pub instalments: Vec<InstalmentInput>,
    pub visits: Vec<VisitDay>,
    pub holds: Vec<HoldInput>,
    pub reminders: Vec<ReminderInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanInput>,
    /// The KID the member's AvtaleGiro agreement is registered under, and that payments without an
    /// instalment part carry. Optional: without it the policy's KID scheme derives it from the id.
    /// An addition to `DESIGN.md`'s contract (see [`settlement`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// What the desk or a partner did and heard (`DESIGN.md`, "Contract additions (December 2026)").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactInput>,
    /// Claims the member disputes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objections: Vec<ObjectionInput>,
    /// Serious illness, an institutional stay or payment difficulty the gym knows of.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hardship: Vec<HardshipInput>,
}

/// How the member pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Avtalegiro,
    Efaktura,
    Invoice,
    Card,
    Vipps,
}
crate::json_fields::deserialize_unit_enum!(PaymentMethod { Avtalegiro => "avtalegiro", Efaktura => "efaktura", Invoice => "invoice", Card => "card", Vipps => "vipps" });

impl PaymentMethod {
    pub fn code(self) -> &'static str {
        match self {
            PaymentMethod::Avtalegiro => "avtalegiro",
            PaymentMethod::Efaktura => "efaktura",
            PaymentMethod::Invoice => "invoice",
            PaymentMethod::Card => "card",
            PaymentMethod::Vipps => "vipps",
        }
    }
}

/// The state of the member's AvtaleGiro mandate as Nets last reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum MandateState {
    Active,
    Pending,
    #[default]
    Missing,
    Deleted,
}
crate::json_fields::deserialize_unit_enum!(MandateState { Active => "active", Pending => "pending", Missing => "missing", Deleted => "deleted" });

impl MandateState {
    pub fn code(self) -> &'static str {
        match self {
            MandateState::Active => "active",
            MandateState::Pending => "pending",
            MandateState::Missing => "missing",
            MandateState::Deleted => "deleted",
        }
    }
}

/// One billed instalment and what has been paid, credited or waived against it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstalmentInput {
    pub id: String,
    #[serde(with = "dates::day")]
    pub due_on: NaiveDate,
    pub amount: Money,
    pub paid: Money,
    #[serde(with = "dates::opt_day", skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    pub credited: Money,
    pub waived: bool,
    pub kind: InstalmentKind,
    /// The KID billed for this instalment (on its invoice or AvtaleGiro claim). Optional: without it the
    /// policy's KID scheme derives it. An addition to `DESIGN.md`'s contract (see [`settlement`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
}

/// A membership fee, or an instalment of an agreed repayment plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstalmentKind {
    #[default]
    Fee,
    Plan,
}
crate::json_fields::deserialize_unit_enum!(InstalmentKind { Fee => "fee", Plan => "plan" });

/// A registered hold: a freeze (no fee, no training) or a payment deferral (fees fall due later).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldInput {
    pub kind: HoldKind,
    #[serde(with = "dates::day")]
    pub from: NaiveDate,
    #[serde(with = "dates::day")]
    pub to: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldKind {
    Freeze,
    Deferral,
}
crate::json_fields::deserialize_unit_enum!(HoldKind { Freeze => "freeze", Deferral => "deferral" });

impl HoldKind {
    pub fn code(self) -> &'static str {
        match self {
            HoldKind::Freeze => "freeze",
            HoldKind::Deferral => "deferral",
        }
    }
}

/// A reminder already sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderInput {
    #[serde(with = "dates::day")]
    pub sent_on: NaiveDate,
    pub kind: ReminderKind,
    pub fee: Money,
    /// The instalment it was about; a reminder without one covers every instalment overdue when it was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instalment_id: Option<String>,
}

/// The rungs of the reminder ladder, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    Sms,
    Reminder,
    CollectionNotice,
}
crate::json_fields::deserialize_unit_enum!(ReminderKind { Sms => "sms", Reminder => "reminder", CollectionNotice => "collection_notice" });

impl ReminderKind {
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::Sms => "sms",
            ReminderKind::Reminder => "reminder",
            ReminderKind::CollectionNotice => "collection_notice",
        }
    }
}

/// A repayment plan agreed with the member; its instalments have kind `plan`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanInput {
    #[serde(with = "dates::day")]
    pub agreed_on: NaiveDate,
    /// The fee instalments the plan covers; empty: every fee instalment overdue when it was agreed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instalment_ids: Vec<String>,
}

/// What came of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactOutcome {
    Reached,
    NoAnswer,
    Promise,
    Objection,
    Refused,
    WrongNumber,
}
crate::json_fields::deserialize_unit_enum!(ContactOutcome { Reached => "reached", NoAnswer => "no_answer", Promise => "promise", Objection => "objection", Refused => "refused", WrongNumber => "wrong_number" });

impl ContactOutcome {
    pub fn code(self) -> &'static str {
        match self {
            ContactOutcome::Reached => "reached",
            ContactOutcome::NoAnswer => "no_answer",
            ContactOutcome::Promise => "promise",
            ContactOutcome::Objection => "objection",
            ContactOutcome::Refused => "refused",
            ContactOutcome::WrongNumber => "wrong_number",
        }
    }
}

/// What the gym knows of the member's circumstances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HardshipKind {
    Illness,
    Institution,
    PaymentDifficulty,
}
crate::json_fields::deserialize_unit_enum!(HardshipKind { Illness => "illness", Institution => "institution", PaymentDifficulty => "payment_difficulty" });

impl HardshipKind {
    pub fn code(self) -> &'static str {
        match self {
            HardshipKind::Illness => "illness",
            HardshipKind::Institution => "institution",
            HardshipKind::PaymentDifficulty => "payment_difficulty",
        }
    }
}

/// A contact as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactInput {
    #[serde(with = "dates::day")]
    pub on: NaiveDate,
    pub channel: Channel,
    pub outcome: ContactOutcome,
    #[serde(with = "dates::opt_day", skip_serializing_if = "Option::is_none")]
    pub promised_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An objection as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectionInput {
    #[serde(with = "dates::day")]
    pub raised_on: NaiveDate,
    /// The claims disputed; none: every open claim.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instalment_ids: Vec<String>,
    pub reason: String,
    #[serde(with = "dates::opt_day", skip_serializing_if = "Option::is_none")]
    pub resolved_on: Option<NaiveDate>,
    pub groundless: bool,
}

/// A hardship as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HardshipInput {
    #[serde(with = "dates::day")]
    pub from: NaiveDate,
    #[serde(with = "dates::opt_day", skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    pub kind: HardshipKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The unit enums of the input read by `json_fields::deserialize_unit_enum!` (tested here, where they live, so
/// that `json_fields` stays below the modules that use it).
#[cfg(test)]
mod unit_enum_tests {
    use super::{PaymentMethod, ReminderKind};

    /// `deserialize_unit_enum!` reads what serde's derive reads and fails with the same messages, from JSON text
    /// and from a `Value`.
    #[test]
    fn unit_enums_read_as_the_derive_reads_them() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[allow(dead_code)]
        enum Derived {
            Avtalegiro,
            Efaktura,
            Invoice,
            Card,
            Vipps,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[allow(dead_code)]
        enum DerivedReminder {
            Sms,
            Reminder,
            CollectionNotice,
        }
        fn text<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
            match serde_json::from_str::<T>(json) {
                Ok(v) => format!("{v:?}"),
                Err(e) => format!("error: {e}"),
            }
        }
        fn value<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
            match serde_json::from_str::<serde_json::Value>(json).map(serde_json::from_value::<T>) {
                Ok(Ok(v)) => format!("{v:?}"),
                Ok(Err(e)) => format!("error: {e}"),
                Err(e) => format!("not JSON: {e}"),
            }
        }
        for json in [
            r#""card""#,
            r#""vipps""#,
            r#""Card""#,
            r#""x""#,
            r#""""#,
            r#""c\u0061rd""#,
            "5",
            "-1",
            "1.5",
            "null",
            "true",
            "[]",
            r#"["card"]"#,
            "{}",
            r#"{"card":null}"#,
            r#"{"card":1}"#,
            r#"{"x":null}"#,
            r#"{"card":null,"vipps":null}"#,
            r#""card"#,
        ] {
            assert_eq!(text::<PaymentMethod>(json), text::<Derived>(json), "{json}");
            assert_eq!(
                value::<PaymentMethod>(json),
                value::<Derived>(json),
                "{json}"
            );
        }
        for json in [r#""collection_notice""#, r#""written""#, r#"{"sms":null}"#] {
            assert_eq!(
                text::<ReminderKind>(json),
                text::<DerivedReminder>(json),
                "{json}"
            );
        }
        // the codes read back what they write
        for code in crate::codes::ActionCode::ALL {
            let written = serde_json::to_string(code).unwrap_or_default();
            assert_eq!(
                serde_json::from_str::<crate::codes::ActionCode>(&written).ok(),
                Some(*code)
            );
            assert_eq!(written, format!("\"{}\"", code.code()));
        }
        for code in crate::codes::SignalCode::ALL {
            let written = serde_json::to_string(code).unwrap_or_default();
            assert_eq!(written, format!("\"{}\"", code.code()));
        }
        for code in crate::codes::Channel::ALL {
            let written = serde_json::to_string(code).unwrap_or_default();
            assert_eq!(written, format!("\"{}\"", code.code()));
        }
    }
}
