//! The settings a policy is made of: the ladder, the fees, each signal's rules, the scorecard — and what
//! the engine asks of them.

use crate::codes::{ActionCode, Channel};
use crate::dates;
use crate::i18n::Lang;
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

use super::defaults::default_channels;

/// Everything the engine decides by.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// The language of messages.
    pub language: Lang,
    pub ladder: Ladder,
    pub fees: FeeTable,
    pub unpaid: UnpaidRules,
    pub mandate: MandateRules,
    pub latent: LatentRules,
    pub plan: PlanRules,
    /// Talk to the member before escalating: see [`ContactFirst`].
    pub contact_before_escalation: ContactFirst,
    /// Which collection act governs a step: see [`LawRules`].
    pub law: LawRules,
    /// What the desk learned: promises and call attempts, see [`ContactRules`].
    pub contacts: ContactRules,
    pub binding: BindingRules,
    pub scorecard: Scorecard,
    pub bands: BandThresholds,
    /// How Nets files (AvtaleGiro agreements, OCR Giro settlements) map onto members: see [`NetsRules`].
    pub nets: NetsRules,
    /// The channel of each action that is not a ladder step.
    pub channels: BTreeMap<ActionCode, Channel>,
    /// How far ahead actions are listed: a step that falls due within this many days is shown, dated.
    pub horizon_days: i64,
    /// The window of the report's key figures, in days back from `asOf`.
    pub report_window_days: i64,
}

/// The reminder ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ladder {
    pub sms: SmsStep,
    pub reminder: ReminderStep,
    pub collection_notice: NoticeStep,
    pub hand_over: HandOverStep,
    /// At least this many days between two steps for the same instalment.
    pub min_days_between_steps: i64,
    /// A written reminder or collection notice carries a fee only when the claims it names add up to at
    /// least this much (default 100 kr: a 38 kr fee on less is more than a third of the debt).
    pub fee_min_outstanding: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SmsStep {
    pub enabled: bool,
    /// Days after the due date.
    pub after_days: i64,
    /// Must be zero: a fee may only be charged on a written reminder.
    pub fee: Money,
    pub channel: Channel,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderStep {
    pub enabled: bool,
    /// Days after the due date; at least 14 when a fee is charged.
    pub after_days: i64,
    /// The reminder fee (purregebyr); at most 1/20 of the inkassosats.
    pub fee: Money,
    /// The payment deadline the reminder gives.
    pub deadline_days: i64,
    /// How many written reminders before the collection notice (the law allows at most two fees in all).
    pub max_count: u32,
    pub channel: Channel,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoticeStep {
    pub enabled: bool,
    /// Days after the due date, used when no written reminder precedes the notice.
    pub after_days: i64,
    /// The fee on the notice; at most 1/20 of the inkassosats, and only if sent 14 days or more after due.
    pub fee: Money,
    /// The notice's deadline (inkassoloven § 9: at least 14 days from sending).
    pub deadline_days: i64,
    pub channel: Channel,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandOverStep {
    pub enabled: bool,
    /// Extra days after the notice's deadline before handing over.
    pub grace_days: i64,
    /// Debts below this are not handed over; the member is called instead (default 300 kr: nobody is sent
    /// to a collection agency, and its costs, for a few kroner).
    pub min_outstanding: Money,
}

/// The inkassosats (the basis of the fee caps) with the dates it took effect: **the law's**, written out for
/// people to read ([`crate::law::INKASSOSATS`]). The engine always uses the law's table; the field is kept so
/// that a policy written by an earlier version still loads. A policy may repeat lines of the law's table (or
/// leave some out), but one that names another rate or date, or another `twentiethFrom`, is refused
/// (`inkassosats_is_statutory`): the statutory figures are not a gym's to edit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeeTable {
    pub inkassosats: Vec<Rate>,
    /// Claims due before this date may carry fees of up to 1/10 of the inkassosats; from it, 1/20.
    #[serde(with = "dates::day")]
    pub twentieth_from: NaiveDate,
}

/// One period's inkassosats.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    #[serde(with = "dates::day")]
    pub from: NaiveDate,
    pub amount: Money,
}

impl FeeTable {
    /// The largest fee the law allows on a reminder or notice for a claim due on `due`, sent on `sent`
    /// ([`crate::law::fee_cap`]; this table is the law's).
    pub fn fee_cap(&self, due: NaiveDate, sent: NaiveDate) -> Decimal {
        crate::law::fee_cap(due, sent).unwrap_or(Decimal::ZERO)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnpaidRules {
    /// From this many unpaid instalments the signal is critical ("three or more is a clear sign").
    pub critical_count: u32,
    /// Days after the effective due date before an unpaid instalment counts (0: the day after due).
    pub grace_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MandateRules {
    /// A pending mandate becomes a warning when the next instalment is due within this many days.
    pub pending_warn_days: i64,
}

/// How a KID in a Nets file finds its member and instalment, and when a missing AvtaleGiro debit is a failure.
///
/// An explicit `kid` on a member or an instalment in the input always wins; otherwise the [`KidScheme`]
/// decodes the KID into a member number (the digits of the member id: `M-000123` is 123) and an instalment
/// number (see [`InstalmentNumber`]). See [`crate::input::settlement`].
///
/// [`KidScheme`]: crate::nets::kid::KidScheme
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetsRules {
    /// The gym's KID layout (prefix, member digits, instalment digits, MOD10 or MOD11); `null` when only
    /// the explicit `kid` fields of the input are to be matched.
    pub kid: Option<crate::nets::kid::KidScheme>,
    /// What the instalment part of a KID is.
    pub instalment_number: InstalmentNumber,
    /// Bank business days the payer's bank retries a failed AvtaleGiro debit (4 in Norway).
    pub retry_business_days: i32,
    /// The bank calendar (Norwegian public holidays; optionally 24 and 31 December and extra days).
    pub bank_calendar: crate::nets::calendar::BankCalendar,
}

/// What the instalment part of a KID made by the scheme stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum InstalmentNumber {
    /// The due month as `YYMM` (an instalment due 1 Nov 2026 is 2611): stable whatever the export holds,
    /// and what a monthly fee's invoice usually carries. Needs at least 4 instalment digits.
    #[default]
    DueMonth,
    /// The digits of the instalment id (`P-3` is 3).
    IdDigits,
}

/// When silence means a member has stopped training, relative to their own rhythm.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LatentRules {
    /// Latent when silence is at least this many times the member's usual interval.
    pub rhythm_factor: f64,
    /// Critical when silence is at least this many times the usual interval.
    pub critical_factor: f64,
    /// The floor on a member's usual interval (someone training daily is not latent after 3 days).
    pub min_interval_days: f64,
    /// The usual interval assumed for a member with fewer than `rhythmMinVisits` visits.
    pub default_interval_days: f64,
    /// Fewest visits (outside holds) whose median gap counts as the member's own rhythm: 4, so at least three
    /// gaps, a median one odd gap cannot set. Fewer visits are judged against `defaultIntervalDays`. On real
    /// data (CDNOW, `BENCHMARKS.md`) a rhythm read from one or two gaps flags worse than plain recency does.
    pub rhythm_min_visits: u32,
    /// Never latent with less silence than this.
    pub min_silence_days: i64,
    /// Always latent with at least this much silence, whatever the rhythm.
    pub max_silence_days: i64,
    /// A new member is not judged until this many days after joining.
    pub settling_days: i64,
    /// Which rule fires `latent`: `rhythm` (silence against the member's own interval, the default: it ranks
    /// members best on the sample gym, see `BENCHMARKS.md`) or a visit model fitted on the batch (`bgnbd`,
    /// `mbgnbd`, `pareto`), firing when P(alive) is below `pAliveBelow`.
    pub model: LatentModel,
    /// The visit model whose P(alive) and expected visits in the next 4 weeks go into the `latent` evidence
    /// when `model` is `rhythm` (`none` for no model numbers). Ignored otherwise: the deciding model's are used.
    pub evidence_model: EvidenceModel,
    /// With a visit model as `model`: latent (warning) when P(alive) is below this.
    pub p_alive_below: f64,
    /// With a visit model as `model`: critical when P(alive) is below this (at most `pAliveBelow`).
    pub p_alive_critical_below: f64,
    /// The visit model is fitted on at most this many members with visits (a deterministic subsample by
    /// member id), so that large batches stay fast.
    pub fit_sample: usize,
    /// Fewer members with visits than this: the documented prior is used instead of a fit.
    pub min_fit_members: usize,
}

/// The rule that fires `latent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LatentModel {
    Rhythm,
    Bgnbd,
    Mbgnbd,
    Pareto,
}

/// The visit model behind the `latent` evidence numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceModel {
    None,
    Bgnbd,
    Mbgnbd,
    Pareto,
}

impl LatentRules {
    /// The visit model the batch needs fitted, if any: the deciding model, else the evidence model.
    pub fn visit_model(&self) -> Option<crate::visits::ModelKind> {
        use crate::visits::ModelKind as K;
        match (self.model, self.evidence_model) {
            (LatentModel::Bgnbd, _) => Some(K::BgNbd),
            (LatentModel::Mbgnbd, _) => Some(K::MbgNbd),
            (LatentModel::Pareto, _) => Some(K::ParetoNbd),
            (LatentModel::Rhythm, EvidenceModel::None) => None,
            (LatentModel::Rhythm, EvidenceModel::Bgnbd) => Some(K::BgNbd),
            (LatentModel::Rhythm, EvidenceModel::Mbgnbd) => Some(K::MbgNbd),
            (LatentModel::Rhythm, EvidenceModel::Pareto) => Some(K::ParetoNbd),
        }
    }
}

/// Contact before escalation (`contactBeforeEscalation`): when the engine proposes a contact — a call, a
/// clarifying call, a repayment plan — a collection notice or a hand-over of that member waits `days` days after
/// it, so the desk never calls a member and hands them to an agency on the same day, and the call has time to
/// work. Collection partners say calls solve most cases (DOMAIN.md); a later step is always a lawful one. Once the
/// desk has recorded `attempts` contacts since the oldest open claim fell due (any outcome: an unanswered call is
/// an attempt), contact has been tried: escalation waits `days` after the attempt that made up the number, and
/// no longer behind the next proposed call (only behind one proposed for that very day) — so a member who never
/// answers is still followed up, and the calls a desk goes on making as proposed do not push it on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactFirst {
    pub enabled: bool,
    /// Recorded contact attempts after which contact counts as tried (default 2).
    pub attempts: u32,
    /// Days between the contact and the first escalation after it (default 7).
    pub days: i64,
}

pub use crate::law::LawRules;

/// Promises and call attempts (`contacts`, `DOMAIN.md` "Contacts, promises and objections"; the defaults are
/// the engine's choice, M/L: collection partners retry a call a few times, then write).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactRules {
    /// Days after a promise's `promisedOn` before escalation resumes (a payment takes a bank day or two; default 3).
    pub promise_grace_days: i64,
    /// Days before an unanswered contact is tried again (default 2: never the next day).
    pub no_answer_retry_days: i64,
    /// Unanswered contacts in a row on one channel before another channel is used (default 3).
    pub no_answer_attempts: u32,
    /// Days before a member who was reached (or refused) is called again (default 7).
    pub call_again_after_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanRules {
    /// Propose a repayment plan from this many unpaid instalments.
    pub from_unpaid_count: u32,
    /// The plan's monthly payment as a share of the monthly fee, paid on top of the fee.
    pub share_of_fee: Decimal,
    /// The longest plan proposed, in months.
    pub max_months: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BindingRules {
    /// Extend the binding period by the days spent frozen (common practice, Forbrukertilsynet).
    pub extend_by_freeze: bool,
    /// Suggest cancelling this many days after contacting the member, if the contact changes nothing.
    pub cancel_after_contact_days: i64,
    /// Suggest cancelling a latent member only after this much silence.
    pub cancel_latent_after_days: i64,
}

/// The points of the default scorecard; see the README for the reasoning behind each.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scorecard {
    /// Points for the 1st, 2nd, 3rd unpaid instalment.
    pub unpaid: [f64; 3],
    /// Points for each unpaid instalment beyond the third.
    pub unpaid_each_further: f64,
    /// Points by the age of the oldest unpaid instalment: 14+, 30+, 60+ days.
    pub overdue_age: [f64; 3],
    pub mandate_pending: f64,
    pub mandate_missing: f64,
    pub mandate_deleted: f64,
    pub no_avtalegiro: f64,
    pub latent_warning: f64,
    pub latent_critical: f64,
    pub plan_breached: f64,
    pub billed_during_hold: f64,
    /// Points per reminder sent in the last 180 days, up to `pastRemindersMax`.
    pub past_reminder_each: f64,
    pub past_reminders_max: f64,
    /// Points for a broken payment promise whose claims are still open (`promise_broken`).
    pub promise_broken: f64,
    /// risk = 1 / (1 + exp(-(points - offset) / scale)).
    pub offset: f64,
    pub scale: f64,
}

/// The lower risk bound of each band above `low`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BandThresholds {
    pub watch: f64,
    pub high: f64,
    pub critical: f64,
}

impl Policy {
    /// This policy as pretty JSON, every default written out.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The channel of a non-ladder action.
    pub fn channel(&self, action: ActionCode) -> Channel {
        self.channels
            .get(&action)
            .copied()
            .or_else(|| default_channels().get(&action).copied())
            .unwrap_or(Channel::Desk)
    }

    /// The earliest day after due on which the collection notice goes out under this ladder.
    pub fn notice_earliest_after_due(&self) -> i64 {
        let l = &self.ladder;
        if l.reminder.enabled {
            let reminders = i64::from(l.reminder.max_count.max(1));
            (l.reminder.after_days + reminders * l.reminder.deadline_days)
                .max(l.collection_notice.after_days)
        } else {
            l.collection_notice.after_days
        }
    }
}
