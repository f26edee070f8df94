//! The output contract: what `assess` returns for each member, in `DESIGN.md`'s JSON shape.
//!
//! Field order here is the order in the JSON, and nothing in it depends on hash order or the clock, so the
//! same input always serialises to the same bytes. Money is a two-decimal string, risk a number rounded to
//! three decimals, dates `YYYY-MM-DD`.
//!
//! The other outputs are re-exported here from their private stages: the portfolio [`Report`] (`report`), the
//! day's [`Worklist`] (`worklist`), and the day and money formats the faces print ([`format_date`],
//! [`format_kr`]).

use crate::dates;
use crate::input::{MandateState, PaymentMethod};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::codes::{ActionCode, Band, Channel, Severity, SignalCode};
pub use crate::dates::format_date;
pub use crate::json_write::{json_string, to_json_string, JsonOut, WriteJson};
pub use crate::money::{format_kr, Money};
pub use crate::report::{
    AgeingBucket, Builder as ReportBuilder, Concentration, Evaluated, KeyFigure, LatentRow,
    MemberCounts, Report, Tally as ReportTally, UnpaidRow,
};
pub use crate::worklist::{
    build as worklist, build_due as worklist_of_due, Capacity, CapacityError, Due, WorkRow,
    Worklist,
};

/// The result of assessing a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessOutput {
    #[serde(with = "dates::day")]
    pub as_of: NaiveDate,
    pub assessments: Vec<Assessment>,
    pub rejected: Vec<Rejection>,
}

/// One member's risk, signals, actions and suppressed actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub member_id: String,
    pub risk: f64,
    pub band: Band,
    pub signals: Vec<Signal>,
    pub actions: Vec<Action>,
    pub suppressed: Vec<Suppressed>,
    /// How the risk was reached: each scorecard line (or model feature) and its points.
    pub explanation: Vec<Contribution>,
    /// Oddities in the record that did not stop the assessment (a visit before joining, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<DataWarning>,
    /// The one thing to do for this member — the first of `actions` — with the rest of the plan, or `null`.
    pub next_step: Option<NextStep>,
}

/// The one thing to do for a member now (the `next_step` stage), and what follows if nothing changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NextStep {
    pub code: ActionCode,
    #[serde(with = "dates::day")]
    pub on: NaiveDate,
    pub channel: Channel,
    pub because: Vec<SignalCode>,
    pub message: String,
    /// The claims the step is about (empty when it is about the member, not a claim).
    pub instalment_ids: Vec<String>,
    /// The rest of the plan in date order, as it unfolds if nothing changes.
    pub then: Vec<PlannedStep>,
}

/// A later step of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedStep {
    pub code: ActionCode,
    #[serde(with = "dates::day")]
    pub on: NaiveDate,
}

/// A named flag with its severity, the numbers that tripped it and a sentence for people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signal {
    pub code: SignalCode,
    pub severity: Severity,
    pub evidence: Evidence,
    pub message: String,
}

/// The evidence behind a signal; its fields depend on the signal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Evidence {
    Unpaid(UnpaidEvidence),
    Mandate(MandateEvidence),
    Method(MethodEvidence),
    Latent(LatentEvidence),
    Plan(PlanEvidence),
    HoldBilling(HoldBillingEvidence),
    Blocked(BlockedEvidence),
    Binding(BindingEvidence),
    TimeBarred(TimeBarredEvidence),
    Objection(ObjectionEvidence),
    Hardship(HardshipEvidence),
    Promise(PromiseEvidence),
}

/// An open objection (`objection_open`): the claims it disputes get no step until it is resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectionEvidence {
    #[serde(with = "dates::day")]
    pub raised_on: NaiveDate,
    pub days_open: i64,
    /// The claims it disputes (every open claim when the objection named none).
    pub instalment_ids: Vec<String>,
    pub reason: String,
    /// Raised + 7 days: the answer is due (inkassoloven 2026 § 17).
    #[serde(with = "dates::day")]
    pub answer_by: NaiveDate,
}

/// A hardship the gym knows of (`hardship`): no fees or escalation while it lasts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HardshipEvidence {
    pub kind: crate::input::HardshipKind,
    #[serde(with = "dates::day")]
    pub from: NaiveDate,
    #[serde(with = "dates::opt_day")]
    pub to: Option<NaiveDate>,
}

/// A broken payment promise (`promise_broken`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PromiseEvidence {
    /// Broken promises whose claims are still open.
    pub broken: u32,
    #[serde(with = "dates::day")]
    pub promised_on: NaiveDate,
    #[serde(with = "dates::day")]
    pub made_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// Paid on its claims from the call to the promised day plus grace.
    pub paid: Money,
    pub instalment_ids: Vec<String>,
}

/// The last contact with the member, as the desk logged it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactEvidence {
    #[serde(with = "dates::day")]
    pub on: NaiveDate,
    pub channel: crate::codes::Channel,
    pub outcome: crate::input::ContactOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnpaidEvidence {
    pub count: u32,
    pub outstanding: Money,
    #[serde(with = "dates::day")]
    pub oldest_due_on: NaiveDate,
    pub days_overdue: i64,
    pub instalment_ids: Vec<String>,
    /// How credit balances were applied: surpluses pay the oldest open claim first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_off: Vec<SetOff>,
    /// The last contact logged (reached, refused, a promise…), so the desk sees what was said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_contact: Option<ContactEvidence>,
}

/// A credit balance applied to another claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetOff {
    /// The instalment paid (or credited) beyond its amount.
    pub from: String,
    /// The open claim the surplus paid.
    pub to: String,
    pub amount: Money,
}

/// Claims past limitation: no reminder, fee, plan or hand-over, only a write-off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeBarredEvidence {
    pub count: u32,
    pub outstanding: Money,
    #[serde(with = "dates::day")]
    pub oldest_due_on: NaiveDate,
    /// Limitation: three years from the due date, anew from a payment or an agreed plan.
    pub limitation_years: u32,
    pub instalment_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MandateEvidence {
    pub payment_method: PaymentMethod,
    pub mandate: MandateState,
    #[serde(
        default,
        with = "dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MethodEvidence {
    pub payment_method: PaymentMethod,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LatentEvidence {
    /// Days since the last visit (or since joining), not counting days inside holds.
    pub days_since_last_visit: i64,
    #[serde(
        default,
        with = "dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_visit_on: Option<NaiveDate>,
    /// The member's own usual interval between visits, after the policy's floor.
    pub usual_interval_days: f64,
    /// Silence divided by the usual interval: 3.0 means three times their normal gap.
    pub relative_silence: f64,
    pub visits: u32,
    /// P(still training), from a fitted visit model, when one is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_alive: Option<f64>,
    /// Expected visits in the next four weeks, from a fitted visit model, when one is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_visits_4w: Option<f64>,
    /// The visit model behind `pAlive` and `expectedVisits4w` (`policy.latent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_model: Option<crate::visits::ModelKind>,
    /// Whether that model was fitted on this batch or is the documented prior (batch too small, or the fit
    /// did not converge).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_model_source: Option<VisitModelSource>,
}

/// Where a visit model's parameters came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VisitModelSource {
    Fitted,
    Prior,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanEvidence {
    #[serde(with = "dates::day")]
    pub agreed_on: NaiveDate,
    pub missed: u32,
    pub outstanding: Money,
    #[serde(with = "dates::day")]
    pub oldest_due_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldBillingEvidence {
    pub instalment_ids: Vec<String>,
    pub amount: Money,
    pub holds: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockedEvidence {
    pub access_blocked: bool,
    pub outstanding: Money,
    #[serde(
        default,
        with = "dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_paid_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BindingEvidence {
    #[serde(with = "dates::day")]
    pub binding_ends_on: NaiveDate,
    /// The binding end after extension by frozen days (equal to `bindingEndsOn` when nothing was frozen).
    #[serde(with = "dates::day")]
    pub extended_to: NaiveDate,
    pub frozen_days: i64,
}

/// A dated, ranked suggestion with the signals that caused it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    pub code: ActionCode,
    pub priority: u32,
    #[serde(with = "dates::day")]
    pub on: NaiveDate,
    pub channel: Channel,
    pub because: Vec<SignalCode>,
    pub fee: Money,
    pub message: String,
    /// The instalments a reminder-ladder action is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instalment_ids: Vec<String>,
}

/// An action that would otherwise apply, and why it must not be taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suppressed {
    pub code: ActionCode,
    pub because: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instalment_ids: Vec<String>,
}

/// One line of the risk explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    /// A scorecard line such as `unpaid_count`, or a model feature.
    pub factor: String,
    /// The value that was scored, as people read it (`"3"`, `"deleted"`, `"45 days"`).
    pub value: String,
    pub points: f64,
}

/// Something odd about a record that did not stop it being assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataWarning {
    pub field: String,
    pub message: String,
    /// The legal rule a recorded step breaks (`policy::rules`, `law::rules`), when that is the oddity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A record that could not be assessed: which one, which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejection {
    /// The record's position in the input, counting from 1 (for CSV: the file and line, see `source`).
    pub record: usize,
    /// The member id, when the record had a readable one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    /// The field, as a path into the record (`instalments[2].dueOn`); empty when the whole record is unreadable.
    pub field: String,
    pub reason: String,
    /// Where the record came from when that is not simply the record number (`instalments.csv:14`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.source {
            Some(src) => write!(f, "{src}")?,
            None => write!(f, "record {}", self.record)?,
        }
        if let Some(id) = &self.member_id {
            write!(f, " (member {id})")?;
        }
        if !self.field.is_empty() {
            write!(f, ", field {}", self.field)?;
        }
        write!(f, ": {}", self.reason)
    }
}
