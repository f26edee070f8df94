//! The policy: every threshold, ladder step, fee and channel the engine uses, as data.
//!
//! A gym may change any of it in a JSON file; what it leaves out keeps the Norwegian default written here.
//! Loading validates the whole policy, and a policy that would break a rule of Norwegian debt-collection law
//! (`DOMAIN.md`: inkassoloven and inkassoforskriften) is refused with a [`PolicyError::Rule`] naming the rule.
//! Facts the material gives only medium confidence for (the 6-day SMS, the scorecard weights, the latent
//! thresholds) are defaults here, never constants in code.
//!
//! The reminder ladder, per unpaid instalment (each a separate claim):
//!
//! 1. an SMS `sms.afterDays` (6) after the due date, never with a fee;
//! 2. a written reminder no earlier than `reminder.afterDays` (14) after due, with a fee of at most the cap in
//!    force for that claim that day ([`law::fee_cap`]: 38 kr in 2026) and a deadline of
//!    `reminder.deadlineDays` (14);
//! 3. a collection notice (inkassovarsel, inkassoloven § 9) after that deadline, with its own deadline of at
//!    least 14 days;
//! 4. hand-over to a collection agency once the notice's deadline has passed.
//!
//! The statutory figures are not a policy's: see [`law`]. A policy may choose lower fees, never a
//! higher cap; `fees` repeats the law's table for people and is refused if it differs.

use crate::codes::{ActionCode, Channel};
use crate::dates;
use crate::json_fields::{
    deserialize_by_reading, read_fields, read_names, read_object, required, At, ReadError, ReadJson,
};
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

pub use crate::i18n::Lang;

/// The law's own figures and rules, which no policy may change (re-exported from the engine's private `law`):
/// the fee caps, deadlines counted in bank days, and which step may be taken when.
pub mod law {
    pub use crate::law::{
        act_on, add_days, deadline, fee_allowed, fee_cap, highest_twentieth_cap, limitation_ends,
        may_take, rules, sats_on, Act, Claim, Letter, Sats, Step, FOURTEEN_DAYS, INKASSOSATS,
        LIMITATION_YEARS, MAX_FEES_PER_CLAIM,
    };
}

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

impl Default for Policy {
    fn default() -> Self {
        Policy {
            language: Lang::En,
            ladder: Ladder::default(),
            fees: FeeTable::default(),
            unpaid: UnpaidRules::default(),
            mandate: MandateRules::default(),
            latent: LatentRules::default(),
            plan: PlanRules::default(),
            contact_before_escalation: ContactFirst::default(),
            law: LawRules::default(),
            contacts: ContactRules::default(),
            binding: BindingRules::default(),
            scorecard: Scorecard::default(),
            bands: BandThresholds::default(),
            nets: NetsRules::default(),
            channels: default_channels(),
            horizon_days: 14,
            report_window_days: 365,
        }
    }
}

fn default_channels() -> BTreeMap<ActionCode, Channel> {
    use ActionCode as A;
    [
        (A::OfferAvtalegiro, Channel::Email),
        (A::FollowUpMandate, Channel::Sms),
        (A::CallMember, Channel::Phone),
        (A::ProposePaymentPlan, Channel::Phone),
        (A::OfferFreeze, Channel::Sms),
        (A::ClarifyMembership, Channel::Phone),
        (A::Reactivate, Channel::Email),
        (A::CancelAfterBinding, Channel::Letter),
        (A::RestoreAccess, Channel::Desk),
        (A::CorrectHoldBilling, Channel::Desk),
        (A::HandOverToCollection, Channel::Agency),
        (A::RefundFee, Channel::Desk),
        (A::WriteOff, Channel::Desk),
        (A::AnswerObjection, Channel::Letter),
    ]
    .into_iter()
    .collect()
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

impl Default for Ladder {
    fn default() -> Self {
        Ladder {
            sms: SmsStep::default(),
            reminder: ReminderStep::default(),
            collection_notice: NoticeStep::default(),
            hand_over: HandOverStep::default(),
            min_days_between_steps: 7,
            fee_min_outstanding: Money(Decimal::new(100, 0)),
        }
    }
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

impl Default for SmsStep {
    fn default() -> Self {
        SmsStep {
            enabled: true,
            after_days: 6,
            fee: Money::ZERO,
            channel: Channel::Sms,
        }
    }
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

impl Default for ReminderStep {
    fn default() -> Self {
        ReminderStep {
            enabled: true,
            after_days: 14,
            fee: Money(Decimal::new(38, 0)),
            deadline_days: 14,
            max_count: 1,
            channel: Channel::Letter,
        }
    }
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

impl Default for NoticeStep {
    fn default() -> Self {
        NoticeStep {
            enabled: true,
            after_days: 14,
            fee: Money(Decimal::new(38, 0)),
            deadline_days: 14,
            channel: Channel::Letter,
        }
    }
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

impl Default for HandOverStep {
    fn default() -> Self {
        HandOverStep {
            enabled: true,
            grace_days: 0,
            min_outstanding: Money(Decimal::new(300, 0)),
        }
    }
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

impl Default for FeeTable {
    fn default() -> Self {
        let (y, m, d) = crate::law::TWENTIETH_FROM;
        FeeTable {
            inkassosats: crate::law::INKASSOSATS
                .iter()
                .map(|s| Rate {
                    from: s.from_date(),
                    amount: Money(s.amount()),
                })
                .collect(),
            twentieth_from: ymd(y, m, d),
        }
    }
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

impl Default for UnpaidRules {
    fn default() -> Self {
        UnpaidRules {
            critical_count: 3,
            grace_days: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MandateRules {
    /// A pending mandate becomes a warning when the next instalment is due within this many days.
    pub pending_warn_days: i64,
}

impl Default for MandateRules {
    fn default() -> Self {
        MandateRules {
            pending_warn_days: 7,
        }
    }
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

impl Default for NetsRules {
    fn default() -> Self {
        NetsRules {
            kid: Some(crate::nets::kid::KidScheme::default()),
            instalment_number: InstalmentNumber::DueMonth,
            retry_business_days: 4,
            bank_calendar: crate::nets::calendar::BankCalendar::default(),
        }
    }
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

impl Default for LatentRules {
    fn default() -> Self {
        LatentRules {
            rhythm_factor: 3.0,
            critical_factor: 6.0,
            min_interval_days: 7.0,
            default_interval_days: 7.0,
            rhythm_min_visits: 4,
            min_silence_days: 21,
            max_silence_days: 90,
            settling_days: 14,
            model: LatentModel::Rhythm,
            evidence_model: EvidenceModel::Mbgnbd,
            p_alive_below: 0.5,
            p_alive_critical_below: 0.2,
            fit_sample: 2000,
            min_fit_members: 100,
        }
    }
}

/// Contact before escalation (`contactBeforeEscalation`): when the engine proposes a contact — a call, a
/// clarifying call, a repayment plan — a collection notice or a hand-over of that member waits `days` days after
/// it, so the desk never calls a member and hands them to an agency on the same day, and the call has time to
/// work. Collection partners say calls solve most cases (DOMAIN.md); a later step is always a lawful one. Once the
/// desk has recorded `attempts` contacts since the oldest open claim fell due (any outcome: an unanswered call is
/// an attempt), contact has been tried: escalation waits `days` after the last of those attempts, and no longer
/// behind the next proposed call — so a member who never answers is still followed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactFirst {
    pub enabled: bool,
    /// Recorded contact attempts after which contact counts as tried (default 2).
    pub attempts: u32,
    /// Days between the contact and the first escalation after it (default 7).
    pub days: i64,
}

impl Default for ContactFirst {
    fn default() -> Self {
        ContactFirst {
            enabled: true,
            attempts: 2,
            days: 7,
        }
    }
}

/// The collection act in force (`law`): the new inkassolov (LOV-2026-05-22-19) applies to steps taken from
/// `newActFrom`. **Provisional**: the day is set by royal decree and has been signalled for 1 January 2027;
/// when the decree is published, this is the one field to change. From that day the gym sends no collection
/// notice (only an agency may send an inkassovarsel, § 20): a claim goes from the written reminder to
/// `hand_over_to_collection` after the reminder's deadline, and the creditor's own notice fee is gone.
///
/// The fee-bearing written reminder under the new act ("gebyrbelagte kravbrev", § 19) waits for a regulation
/// not yet written; until then today's rule is the documented default: a fee of at most 1/20 of the
/// inkassosats, no earlier than `newActReminderFeeAfterDays` (14) after due. A gym may make that later, never
/// earlier, until the regulation is published.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LawRules {
    #[serde(with = "dates::day")]
    pub new_act_from: NaiveDate,
    /// Days after due before a written reminder may carry a fee on days the new act governs (default 14).
    pub new_act_reminder_fee_after_days: i64,
}

impl Default for LawRules {
    fn default() -> Self {
        let (y, m, d) = crate::law::NEW_ACT_SIGNALLED;
        LawRules {
            new_act_from: crate::law::ymd(y, m, d),
            new_act_reminder_fee_after_days: crate::law::FOURTEEN_DAYS,
        }
    }
}

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

impl Default for ContactRules {
    fn default() -> Self {
        ContactRules {
            promise_grace_days: 3,
            no_answer_retry_days: 2,
            no_answer_attempts: 3,
            call_again_after_days: 7,
        }
    }
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

impl Default for PlanRules {
    fn default() -> Self {
        PlanRules {
            from_unpaid_count: 2,
            share_of_fee: Decimal::new(5, 1),
            max_months: 12,
        }
    }
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

impl Default for BindingRules {
    fn default() -> Self {
        BindingRules {
            extend_by_freeze: true,
            cancel_after_contact_days: 14,
            cancel_latent_after_days: 90,
        }
    }
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

impl Default for Scorecard {
    fn default() -> Self {
        Scorecard {
            unpaid: [20.0, 15.0, 20.0],
            unpaid_each_further: 8.0,
            overdue_age: [5.0, 10.0, 15.0],
            mandate_pending: 3.0,
            mandate_missing: 15.0,
            mandate_deleted: 25.0,
            no_avtalegiro: 3.0,
            latent_warning: 15.0,
            latent_critical: 25.0,
            plan_breached: 30.0,
            billed_during_hold: 5.0,
            past_reminder_each: 3.0,
            past_reminders_max: 9.0,
            promise_broken: 25.0,
            offset: 40.0,
            scale: 12.0,
        }
    }
}

/// The lower risk bound of each band above `low`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BandThresholds {
    pub watch: f64,
    pub high: f64,
    pub critical: f64,
}

impl Default for BandThresholds {
    fn default() -> Self {
        BandThresholds {
            watch: 0.10,
            high: 0.40,
            critical: 0.75,
        }
    }
}

// Reading a policy (json_fields.rs says why not serde's derive): every struct starts from its defaults and
// takes the fields the file gives; a field not named here is refused. The names are the camelCase ones the
// `Serialize` derive writes, and `reading_gives_back_every_field_written` checks the two agree.
read_fields!(Policy {
    "language" => language,
    "ladder" => ladder,
    "fees" => fees,
    "unpaid" => unpaid,
    "mandate" => mandate,
    "latent" => latent,
    "plan" => plan,
    "contactBeforeEscalation" => contact_before_escalation,
    "law" => law,
    "contacts" => contacts,
    "binding" => binding,
    "scorecard" => scorecard,
    "bands" => bands,
    "nets" => nets,
    "channels" => channels,
    "horizonDays" => horizon_days,
    "reportWindowDays" => report_window_days,
});
deserialize_by_reading!(Policy);
read_names!(Lang { "nb" => Nb, "en" => En });
read_fields!(Ladder {
    "sms" => sms,
    "reminder" => reminder,
    "collectionNotice" => collection_notice,
    "handOver" => hand_over,
    "minDaysBetweenSteps" => min_days_between_steps,
    "feeMinOutstanding" => fee_min_outstanding,
});
read_fields!(SmsStep {
    "enabled" => enabled,
    "afterDays" => after_days,
    "fee" => fee,
    "channel" => channel,
});
read_fields!(ReminderStep {
    "enabled" => enabled,
    "afterDays" => after_days,
    "fee" => fee,
    "deadlineDays" => deadline_days,
    "maxCount" => max_count,
    "channel" => channel,
});
read_fields!(NoticeStep {
    "enabled" => enabled,
    "afterDays" => after_days,
    "fee" => fee,
    "deadlineDays" => deadline_days,
    "channel" => channel,
});
read_fields!(HandOverStep {
    "enabled" => enabled,
    "graceDays" => grace_days,
    "minOutstanding" => min_outstanding,
});
read_fields!(FeeTable {
    "inkassosats" => inkassosats,
    "twentiethFrom" => twentieth_from,
});
read_fields!(UnpaidRules {
    "criticalCount" => critical_count,
    "graceDays" => grace_days,
});
read_fields!(MandateRules {
    "pendingWarnDays" => pending_warn_days,
});
read_fields!(NetsRules {
    "kid" => kid,
    "instalmentNumber" => instalment_number,
    "retryBusinessDays" => retry_business_days,
    "bankCalendar" => bank_calendar,
});
read_names!(InstalmentNumber { "dueMonth" => DueMonth, "idDigits" => IdDigits });
read_fields!(LatentRules {
    "rhythmFactor" => rhythm_factor,
    "criticalFactor" => critical_factor,
    "minIntervalDays" => min_interval_days,
    "defaultIntervalDays" => default_interval_days,
    "rhythmMinVisits" => rhythm_min_visits,
    "minSilenceDays" => min_silence_days,
    "maxSilenceDays" => max_silence_days,
    "settlingDays" => settling_days,
    "model" => model,
    "evidenceModel" => evidence_model,
    "pAliveBelow" => p_alive_below,
    "pAliveCriticalBelow" => p_alive_critical_below,
    "fitSample" => fit_sample,
    "minFitMembers" => min_fit_members,
});
read_names!(LatentModel {
    "rhythm" => Rhythm,
    "bgnbd" => Bgnbd,
    "mbgnbd" => Mbgnbd,
    "pareto" => Pareto,
});
read_names!(EvidenceModel {
    "none" => None,
    "bgnbd" => Bgnbd,
    "mbgnbd" => Mbgnbd,
    "pareto" => Pareto,
});
read_fields!(ContactFirst { "enabled" => enabled, "attempts" => attempts, "days" => days });
read_fields!(LawRules {
    "newActFrom" => new_act_from,
    "newActReminderFeeAfterDays" => new_act_reminder_fee_after_days,
});
read_fields!(ContactRules {
    "promiseGraceDays" => promise_grace_days,
    "noAnswerRetryDays" => no_answer_retry_days,
    "noAnswerAttempts" => no_answer_attempts,
    "callAgainAfterDays" => call_again_after_days,
});
read_fields!(PlanRules {
    "fromUnpaidCount" => from_unpaid_count,
    "shareOfFee" => share_of_fee,
    "maxMonths" => max_months,
});
read_fields!(BindingRules {
    "extendByFreeze" => extend_by_freeze,
    "cancelAfterContactDays" => cancel_after_contact_days,
    "cancelLatentAfterDays" => cancel_latent_after_days,
});
read_fields!(Scorecard {
    "unpaid" => unpaid,
    "unpaidEachFurther" => unpaid_each_further,
    "overdueAge" => overdue_age,
    "mandatePending" => mandate_pending,
    "mandateMissing" => mandate_missing,
    "mandateDeleted" => mandate_deleted,
    "noAvtalegiro" => no_avtalegiro,
    "latentWarning" => latent_warning,
    "latentCritical" => latent_critical,
    "planBreached" => plan_breached,
    "billedDuringHold" => billed_during_hold,
    "pastReminderEach" => past_reminder_each,
    "pastRemindersMax" => past_reminders_max,
    "promiseBroken" => promise_broken,
    "offset" => offset,
    "scale" => scale,
});
read_fields!(BandThresholds {
    "watch" => watch,
    "high" => high,
    "critical" => critical,
});

/// A rate has no default: both fields are required.
impl ReadJson for Rate {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<Rate, ReadError> {
        let (mut from, mut amount) = (None, None);
        read_object(v, at, &mut [("from", &mut from), ("amount", &mut amount)])?;
        Ok(Rate {
            from: required(from, at, "from")?,
            amount: required(amount, at, "amount")?,
        })
    }
}

/// `channels` replaces the default map; an action it leaves out keeps its default channel ([`Policy::channel`]).
impl ReadJson for BTreeMap<ActionCode, Channel> {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<Self, ReadError> {
        crate::json_fields::read_map(v, at, ActionCode::from_code, "the action codes")
    }
}

/// Why a policy was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PolicyError {
    /// The JSON could not be read.
    #[error("policy is not valid JSON for restanse: {field}: {message}")]
    Unreadable { field: String, message: String },
    /// The policy would break a rule of Norwegian law.
    #[error("{}", refusal(.field, .rule, .message, *.lang))]
    Rule {
        rule: &'static str,
        field: String,
        message: String,
        /// The language of `message` and of the error's text (the policy's own `language`).
        lang: Lang,
    },
    /// The policy makes no sense (a negative number of days, bands out of order…).
    #[error("policy invalid: {field}: {message}")]
    Invalid { field: String, message: String },
}

/// A refusal as people read it, in the policy's language (issue 19).
fn refusal(field: &str, rule: &str, message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("policy refused: {field} breaks the rule \"{rule}\": {message}"),
        Lang::Nb => format!("policyen avvises: {field} bryter regelen \"{rule}\": {message}"),
    }
}

impl PolicyError {
    /// The legal rule broken, when that is the reason.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            PolicyError::Rule { rule, .. } => Some(rule),
            _ => None,
        }
    }
}

/// Rule codes, stable for tests and UIs.
pub mod rules {
    pub const FEE_ONLY_ON_WRITTEN_REMINDER: &str = "fee_only_on_written_reminder";
    pub const REMINDER_FEE_AFTER_14_DAYS: &str = "reminder_fee_after_14_days";
    pub const FEE_CAP: &str = "fee_at_most_one_twentieth_of_inkassosats";
    pub const NOTICE_DEADLINE_14_DAYS: &str = "collection_notice_deadline_at_least_14_days";
    pub const NOTICE_AFTER_DUE: &str = "collection_notice_after_due_date";
    pub const SECOND_FEE_AFTER_MISSED_DEADLINE: &str = "second_fee_after_missed_14_day_deadline";
    pub const FEE_COUNT: &str = "at_most_two_fees_per_claim";
    pub const HAND_OVER_AFTER_NOTICE: &str = "hand_over_after_collection_notice_deadline";
}

impl Policy {
    /// Reads a policy from JSON; fields left out keep their defaults. Validates it.
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        let policy: Policy =
            crate::json_fields::read_str(text).map_err(|e| PolicyError::Unreadable {
                field: e.path,
                message: e.message,
            })?;
        policy.validate()?;
        Ok(policy)
    }

    /// Advice about a valid policy: choices that the evidence in `BENCHMARKS.md` argues against, as (field,
    /// why). Never an error; `restanse policy --check` and the commands that read a policy print them.
    pub fn warnings(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let bgnbd = "BG/NBD gives P(alive) = 1 to every member without a repeat visit, so on real data it ranks \
                     lapsed members worse than chance (CDNOW: AUC 0.32, BENCHMARKS.md \"Latent members\"); \
                     prefer \"mbgnbd\" or \"pareto\"";
        if self.latent.model == LatentModel::Bgnbd {
            out.push((
                "latent.model",
                format!("\"bgnbd\" decides who is latent: {bgnbd}, or the default \"rhythm\""),
            ));
        } else if self.latent.model == LatentModel::Rhythm
            && self.latent.evidence_model == EvidenceModel::Bgnbd
        {
            out.push((
                "latent.evidenceModel",
                format!("\"bgnbd\" puts its pAlive in the evidence: {bgnbd}"),
            ));
        }
        out
    }

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

    /// Checks the policy against the law and against sense. The first problem found is returned.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let l = &self.ladder;
        let invalid = |field: &str, message: String| {
            Err(PolicyError::Invalid {
                field: field.into(),
                message,
            })
        };
        let lang = self.language;
        let rule = |rule: &'static str, field: &str, message: String| {
            Err(PolicyError::Rule {
                rule,
                field: field.into(),
                message,
                lang,
            })
        };
        // a refusal's message: (English, Norwegian bokmål), by the policy's language
        let say = |en: String, nb: String| if lang == Lang::Nb { nb } else { en };

        // sense first
        for (field, v) in [
            ("ladder.sms.afterDays", l.sms.after_days),
            ("ladder.reminder.afterDays", l.reminder.after_days),
            ("ladder.reminder.deadlineDays", l.reminder.deadline_days),
            (
                "ladder.collectionNotice.afterDays",
                l.collection_notice.after_days,
            ),
            (
                "ladder.collectionNotice.deadlineDays",
                l.collection_notice.deadline_days,
            ),
            ("ladder.handOver.graceDays", l.hand_over.grace_days),
            ("ladder.minDaysBetweenSteps", l.min_days_between_steps),
            ("unpaid.graceDays", self.unpaid.grace_days),
            ("mandate.pendingWarnDays", self.mandate.pending_warn_days),
            ("latent.minSilenceDays", self.latent.min_silence_days),
            ("latent.maxSilenceDays", self.latent.max_silence_days),
            ("latent.settlingDays", self.latent.settling_days),
            (
                "binding.cancelAfterContactDays",
                self.binding.cancel_after_contact_days,
            ),
            (
                "binding.cancelLatentAfterDays",
                self.binding.cancel_latent_after_days,
            ),
            ("horizonDays", self.horizon_days),
            ("reportWindowDays", self.report_window_days),
            (
                "contactBeforeEscalation.days",
                self.contact_before_escalation.days,
            ),
            (
                "contacts.promiseGraceDays",
                self.contacts.promise_grace_days,
            ),
            (
                "contacts.noAnswerRetryDays",
                self.contacts.no_answer_retry_days,
            ),
            (
                "contacts.callAgainAfterDays",
                self.contacts.call_again_after_days,
            ),
            (
                "law.newActReminderFeeAfterDays",
                self.law.new_act_reminder_fee_after_days,
            ),
        ] {
            if !(0..=3650).contains(&v) {
                return invalid(field, format!("{v} days is outside 0–3650"));
            }
        }
        for (field, v) in [
            ("latent.rhythmFactor", self.latent.rhythm_factor),
            ("latent.criticalFactor", self.latent.critical_factor),
            ("latent.minIntervalDays", self.latent.min_interval_days),
            (
                "latent.defaultIntervalDays",
                self.latent.default_interval_days,
            ),
            ("scorecard.scale", self.scorecard.scale),
        ] {
            if !(v.is_finite() && v > 0.0) {
                return invalid(field, format!("{v} must be a positive number"));
            }
        }
        if !(2..=1000).contains(&self.latent.rhythm_min_visits) {
            return invalid(
                "latent.rhythmMinVisits",
                format!(
                    "{} visits is outside 2–1000 (a rhythm needs at least one gap)",
                    self.latent.rhythm_min_visits
                ),
            );
        }
        if self.latent.critical_factor < self.latent.rhythm_factor {
            return invalid(
                "latent.criticalFactor",
                "must be at least latent.rhythmFactor".into(),
            );
        }
        let lt = &self.latent;
        if !(lt.p_alive_below > 0.0 && lt.p_alive_below <= 1.0) {
            return invalid(
                "latent.pAliveBelow",
                format!(
                    "{} must be a probability above 0 and at most 1",
                    lt.p_alive_below
                ),
            );
        }
        if !(lt.p_alive_critical_below > 0.0 && lt.p_alive_critical_below <= lt.p_alive_below) {
            return invalid(
                "latent.pAliveCriticalBelow",
                format!(
                    "{} must be above 0 and at most latent.pAliveBelow",
                    lt.p_alive_critical_below
                ),
            );
        }
        if !(10..=100_000).contains(&lt.fit_sample) {
            return invalid(
                "latent.fitSample",
                format!("{} members is outside 10–100000", lt.fit_sample),
            );
        }
        if !(10..=lt.fit_sample).contains(&lt.min_fit_members) {
            return invalid(
                "latent.minFitMembers",
                format!(
                    "{} members is outside 10–latent.fitSample ({})",
                    lt.min_fit_members, lt.fit_sample
                ),
            );
        }
        if self.latent.max_silence_days < self.latent.min_silence_days {
            return invalid(
                "latent.maxSilenceDays",
                "must be at least latent.minSilenceDays".into(),
            );
        }
        if !(1..=20).contains(&self.contacts.no_answer_attempts) {
            return invalid(
                "contacts.noAnswerAttempts",
                format!(
                    "{} attempts is outside 1–20",
                    self.contacts.no_answer_attempts
                ),
            );
        }
        if self.contacts.no_answer_retry_days < 1 {
            return invalid(
                "contacts.noAnswerRetryDays",
                "must be at least 1: an unanswered call is not retried the same day".into(),
            );
        }
        if self.law.new_act_from < crate::law::ymd(2026, 5, 22) {
            return invalid(
                "law.newActFrom",
                format!(
                    "{} is before the new inkassolov was passed (LOV-2026-05-22-19)",
                    self.law.new_act_from
                ),
            );
        }
        if self.law.new_act_reminder_fee_after_days < crate::law::FOURTEEN_DAYS {
            return rule(
                rules::REMINDER_FEE_AFTER_14_DAYS,
                "law.newActReminderFeeAfterDays",
                say(
                    format!("until the regulation under the new act (§ 19) is published, a reminder fee keeps today's rule: at least 14 days after the due date, not {}", self.law.new_act_reminder_fee_after_days),
                    format!("til forskriften etter den nye loven (§ 19) er fastsatt, gjelder dagens regel for purregebyr: minst 14 dager etter forfall, ikke {}", self.law.new_act_reminder_fee_after_days),
                ),
            );
        }
        if self.report_window_days < 1 {
            return invalid("reportWindowDays", "must be at least 1".into());
        }
        if self.unpaid.critical_count < 1 {
            return invalid("unpaid.criticalCount", "must be at least 1".into());
        }
        if self.plan.max_months < 1 || self.plan.share_of_fee <= Decimal::ZERO {
            return invalid(
                "plan",
                "maxMonths must be at least 1 and shareOfFee positive".into(),
            );
        }
        // (issue 14) a larger share would overflow the monthly amount it multiplies
        if self.plan.share_of_fee > Decimal::from(100) {
            return invalid("plan.shareOfFee", "must be at most 100".into());
        }
        let sc = &self.scorecard;
        let singles = [
            sc.unpaid_each_further,
            sc.mandate_pending,
            sc.mandate_missing,
            sc.mandate_deleted,
            sc.no_avtalegiro,
            sc.latent_warning,
            sc.latent_critical,
            sc.plan_breached,
            sc.billed_during_hold,
            sc.past_reminder_each,
            sc.past_reminders_max,
            sc.promise_broken,
        ];
        let points = sc
            .unpaid
            .iter()
            .chain(sc.overdue_age.iter())
            .chain(singles.iter());
        for p in points {
            if !(p.is_finite() && *p >= 0.0) {
                return invalid(
                    "scorecard",
                    format!("points must be finite and not negative, found {p}"),
                );
            }
        }
        if !sc.offset.is_finite() {
            return invalid("scorecard.offset", "must be a finite number".into());
        }
        if !(sc.mandate_pending <= sc.mandate_missing && sc.mandate_missing <= sc.mandate_deleted) {
            return invalid("scorecard", "mandate points must rise pending ≤ missing ≤ deleted, or risk would not be monotone".into());
        }
        if sc.latent_warning > sc.latent_critical {
            return invalid(
                "scorecard.latentCritical",
                "must be at least latentWarning".into(),
            );
        }
        let b = &self.bands;
        if !(0.0 < b.watch && b.watch < b.high && b.high < b.critical && b.critical < 1.0) {
            return invalid("bands", "need 0 < watch < high < critical < 1".into());
        }
        if let Some(scheme) = &self.nets.kid {
            scheme.validate().map_err(|e| PolicyError::Invalid {
                field: "nets.kid".into(),
                message: e.to_string(),
            })?;
            if self.nets.instalment_number == InstalmentNumber::DueMonth
                && scheme.instalment_digits < 4
            {
                return invalid(
                    "nets.kid.instalmentDigits",
                    "instalmentNumber dueMonth (YYMM) needs at least 4 instalment digits".into(),
                );
            }
        }
        if !(0..=30).contains(&self.nets.retry_business_days) {
            return invalid(
                "nets.retryBusinessDays",
                format!("{} is outside 0–30", self.nets.retry_business_days),
            );
        }
        for (field, fee) in [
            ("ladder.sms.fee", l.sms.fee),
            ("ladder.reminder.fee", l.reminder.fee),
            ("ladder.collectionNotice.fee", l.collection_notice.fee),
            (
                "ladder.handOver.minOutstanding",
                l.hand_over.min_outstanding,
            ),
            ("ladder.feeMinOutstanding", l.fee_min_outstanding),
        ] {
            if fee.0 < Decimal::ZERO {
                return invalid(field, "must not be negative".into());
            }
            // (issue 14) bounded like every amount of input, so no sum with it can overflow
            if fee.0 > crate::validate::MAX_AMOUNT {
                return invalid(field, "must be at most 1 000 000 000 kr".into());
            }
        }

        // the law
        if l.sms.fee.0 > Decimal::ZERO {
            return rule(
                rules::FEE_ONLY_ON_WRITTEN_REMINDER,
                "ladder.sms.fee",
                say(
                    "a reminder fee may only be charged on a written reminder, not on the SMS"
                        .into(),
                    "purregebyr kan bare kreves for en skriftlig purring, ikke for SMS-en".into(),
                ),
            );
        }
        if l.sms.enabled && l.sms.after_days < 1 {
            return invalid(
                "ladder.sms.afterDays",
                "a reminder can only be sent after the due date".into(),
            );
        }
        // a policy's fee may be lower than the cap of the day, never higher than the highest 1/20 cap
        let cap = crate::law::highest_twentieth_cap();
        let fee_steps = [
            ("ladder.reminder.fee", l.reminder.enabled, l.reminder.fee.0),
            (
                "ladder.collectionNotice.fee",
                l.collection_notice.enabled,
                l.collection_notice.fee.0,
            ),
        ];
        for (field, enabled, fee) in fee_steps {
            if fee > cap && (enabled || fee > Decimal::ZERO) {
                return rule(
                    rules::FEE_CAP,
                    field,
                    say(
                        format!(
                            "{fee} kr is above the cap of 1/20 of the inkassosats ({} kr)",
                            Money(cap)
                        ),
                        format!(
                            "{fee} kr er over taket på 1/20 av inkassosatsen ({} kr)",
                            Money(cap)
                        ),
                    ),
                );
            }
        }
        // the statutory figures are the law's: a policy may repeat them, never change them
        let law_table = FeeTable::default();
        for (i, r) in self.fees.inkassosats.iter().enumerate() {
            if !law_table.inkassosats.contains(r) {
                return rule(
                    crate::law::rules::STATUTORY_FIGURES,
                    &format!("fees.inkassosats[{i}]"),
                    format!(
                        "the inkassosats is set by regulation, not by a policy: the law has no rate of {} kr from {}",
                        r.amount,
                        dates::format_date(r.from)
                    ),
                );
            }
        }
        if self.fees.twentieth_from != law_table.twentieth_from {
            return rule(
                crate::law::rules::STATUTORY_FIGURES,
                "fees.twentiethFrom",
                "the 1/10 → 1/20 change applies to claims due from 2020-10-01 (inkassoforskriften § 1-2)"
                    .into(),
            );
        }
        if l.reminder.enabled {
            if l.reminder.after_days < 1 {
                return invalid(
                    "ladder.reminder.afterDays",
                    "a reminder can only be sent after the due date".into(),
                );
            }
            if l.reminder.fee.0 > Decimal::ZERO && l.reminder.after_days < 14 {
                return rule(
                    rules::REMINDER_FEE_AFTER_14_DAYS,
                    "ladder.reminder.afterDays",
                    say(
                        format!(
                            "a reminder fee requires the written reminder to be sent at least 14 days after the due date, not {}",
                            l.reminder.after_days
                        ),
                        format!(
                            "purregebyr krever at den skriftlige purringen sendes minst 14 dager etter forfall, ikke {}",
                            l.reminder.after_days
                        ),
                    ),
                );
            }
            if !(1..=2).contains(&l.reminder.max_count) {
                return invalid("ladder.reminder.maxCount", "must be 1 or 2".into());
            }
        }
        let reminder_fees = if l.reminder.enabled && l.reminder.fee.0 > Decimal::ZERO {
            l.reminder.max_count
        } else {
            0
        };
        let notice_fee = l.collection_notice.enabled && l.collection_notice.fee.0 > Decimal::ZERO;
        if reminder_fees + u32::from(notice_fee) > 2 {
            return rule(
                rules::FEE_COUNT,
                "ladder",
                say(
                    "a claim may carry at most 2 reminder fees, or 1 reminder fee and 1 collection-notice fee, before the payment demand".into(),
                    "et krav kan ha høyst 2 purregebyrer, eller 1 purregebyr og 1 gebyr for inkassovarsel, før betalingsoppfordringen".into(),
                ),
            );
        }
        if reminder_fees >= 1 && (notice_fee || reminder_fees == 2) && l.reminder.deadline_days < 14
        {
            return rule(
                rules::SECOND_FEE_AFTER_MISSED_DEADLINE,
                "ladder.reminder.deadlineDays",
                say(
                    "a second fee may only be charged after the debtor missed a deadline of at least 14 days in the first reminder".into(),
                    "et nytt gebyr kan bare kreves etter at skyldneren har oversittet en frist på minst 14 dager i første purring".into(),
                ),
            );
        }
        if l.collection_notice.enabled {
            if l.collection_notice.deadline_days < 14 {
                return rule(
                    rules::NOTICE_DEADLINE_14_DAYS,
                    "ladder.collectionNotice.deadlineDays",
                    say(
                        format!(
                            "a collection notice must give at least 14 days from sending to pay, not {}",
                            l.collection_notice.deadline_days
                        ),
                        format!(
                            "et inkassovarsel må gi minst 14 dager fra det sendes til betaling, ikke {}",
                            l.collection_notice.deadline_days
                        ),
                    ),
                );
            }
            let earliest = self.notice_earliest_after_due();
            if earliest < 1 {
                return rule(
                    rules::NOTICE_AFTER_DUE,
                    "ladder.collectionNotice.afterDays",
                    say(
                        "a collection notice can only be sent after the due date".into(),
                        "et inkassovarsel kan bare sendes etter forfall".into(),
                    ),
                );
            }
            if notice_fee && earliest < 14 {
                return rule(
                    rules::REMINDER_FEE_AFTER_14_DAYS,
                    "ladder.collectionNotice.afterDays",
                    say(
                        "a fee on the collection notice requires it to be sent at least 14 days after the due date".into(),
                        "gebyr på inkassovarselet krever at det sendes minst 14 dager etter forfall".into(),
                    ),
                );
            }
        }
        if l.hand_over.enabled && !l.collection_notice.enabled {
            return rule(
                rules::HAND_OVER_AFTER_NOTICE,
                "ladder.handOver.enabled",
                say(
                    "a claim can only be handed over to collection after a collection notice's deadline has passed".into(),
                    "et krav kan bare sendes til inkasso etter at fristen i inkassovarselet har løpt ut".into(),
                ),
            );
        }
        Ok(())
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

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(json: &str) -> Option<&'static str> {
        Policy::from_json(json).err().and_then(|e| e.rule())
    }

    #[test]
    fn the_default_is_lawful_and_round_trips() {
        let p = Policy::default();
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(Policy::from_json(&p.to_json_pretty()), Ok(p));
        assert_eq!(Policy::from_json("{}"), Ok(Policy::default()));
    }

    #[test]
    fn unlawful_policies_name_the_rule() {
        assert_eq!(
            refused(r#"{"ladder":{"reminder":{"afterDays":10}}}"#),
            Some(rules::REMINDER_FEE_AFTER_14_DAYS)
        );
        assert_eq!(
            refused(r#"{"ladder":{"reminder":{"fee":"39"}}}"#),
            Some(rules::FEE_CAP)
        );
        // 2026: 1/20 of 750 kr rounded to the krone is 38 kr, a lawful fee
        assert!(Policy::from_json(r#"{"ladder":{"reminder":{"fee":"38"}}}"#).is_ok());
        assert_eq!(
            refused(r#"{"ladder":{"collectionNotice":{"fee":"70"}}}"#),
            Some(rules::FEE_CAP)
        );
        // the statutory figures are not a gym's to edit
        assert_eq!(
            refused(r#"{"fees":{"inkassosats":[{"from":"2017-01-01","amount":"1400"}]}}"#),
            Some(crate::law::rules::STATUTORY_FIGURES)
        );
        assert_eq!(
            refused(r#"{"fees":{"inkassosats":[{"from":"2030-01-01","amount":"750"}]}}"#),
            Some(crate::law::rules::STATUTORY_FIGURES)
        );
        assert_eq!(
            refused(r#"{"fees":{"twentiethFrom":"2021-01-01"}}"#),
            Some(crate::law::rules::STATUTORY_FIGURES)
        );
        // a policy written before 2026 (the 700 kr line only) still loads; the law's table is used
        assert!(Policy::from_json(
            r#"{"fees":{"inkassosats":[{"from":"2017-01-01","amount":"700"}],"twentiethFrom":"2020-10-01"}}"#
        )
        .is_ok());
        assert_eq!(
            refused(r#"{"ladder":{"sms":{"fee":"10"}}}"#),
            Some(rules::FEE_ONLY_ON_WRITTEN_REMINDER)
        );
        assert_eq!(
            refused(r#"{"ladder":{"collectionNotice":{"deadlineDays":13}}}"#),
            Some(rules::NOTICE_DEADLINE_14_DAYS)
        );
        assert_eq!(
            refused(r#"{"ladder":{"reminder":{"maxCount":2}}}"#),
            Some(rules::FEE_COUNT)
        );
        assert_eq!(
            refused(r#"{"ladder":{"reminder":{"deadlineDays":10}}}"#),
            Some(rules::SECOND_FEE_AFTER_MISSED_DEADLINE)
        );
        assert_eq!(
            refused(r#"{"ladder":{"collectionNotice":{"enabled":false}}}"#),
            Some(rules::HAND_OVER_AFTER_NOTICE)
        );
        // allowed: an early reminder without a fee, two fee-free reminders
        assert!(Policy::from_json(r#"{"ladder":{"reminder":{"afterDays":10,"fee":"0"}}}"#).is_ok());
        assert!(Policy::from_json(
            r#"{"ladder":{"reminder":{"maxCount":2},"collectionNotice":{"fee":"0"}}}"#
        )
        .is_ok());
    }

    #[test]
    fn typos_and_nonsense_are_refused_with_the_field() {
        let e = Policy::from_json(r#"{"ladder":{"sms":{"afterDay":6}}}"#).unwrap_err();
        assert!(e.to_string().contains("afterDay"), "{e}");
        let e = Policy::from_json(r#"{"bands":{"watch":0.5,"high":0.4}}"#).unwrap_err();
        assert!(matches!(e, PolicyError::Invalid { ref field, .. } if field == "bands"));
    }

    /// Every leaf the default policy writes, changed one at a time, must be read back into the same place:
    /// this catches a field the reader names differently from `Serialize`, or reads into the wrong slot.
    #[test]
    fn reading_gives_back_every_field_written() {
        fn leaves(v: &Value, path: Vec<String>, out: &mut Vec<(Vec<String>, Value)>) {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        let mut p = path.clone();
                        p.push(k.clone());
                        leaves(x, p, out);
                    }
                }
                Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        let mut p = path.clone();
                        p.push(i.to_string());
                        leaves(x, p, out);
                    }
                }
                leaf => out.push((path, leaf.clone())),
            }
        }
        // another value of the same kind, which every reader accepts
        fn changed(path: &[String], v: &Value) -> Value {
            let last = path.last().map(String::as_str).unwrap_or("");
            match v {
                Value::Bool(b) => Value::Bool(!b),
                Value::Number(n) if n.is_f64() => {
                    serde_json::json!(n.as_f64().unwrap_or(0.0) + 0.25)
                }
                Value::Number(n) => serde_json::json!(n.as_u64().unwrap_or(0) + 1),
                Value::String(s) if crate::dates::parse_date(s).is_ok() => {
                    let d = crate::dates::parse_date(s).unwrap();
                    Value::String(crate::dates::format_date(d.succ_opt().unwrap()))
                }
                Value::String(s) if s.parse::<Decimal>().is_ok() => {
                    let places = s.split('.').nth(1).map_or(0, str::len);
                    let more = s.parse::<Decimal>().unwrap() + Decimal::ONE;
                    Value::String(format!("{more:.places$}"))
                }
                Value::String(s) => Value::String(
                    match (last, s.as_str()) {
                        ("language", _) => "nb",
                        ("model", _) => "pareto",
                        ("evidenceModel", _) => "none",
                        ("instalmentNumber", _) => "idDigits",
                        ("checkDigit", _) => "mod11",
                        ("prefix", _) => "12",
                        (_, "phone") => "sms",
                        (_, _) => "phone",
                    }
                    .to_string(),
                ),
                other => panic!("{path:?}: no change for {other}"),
            }
        }
        let written = serde_json::to_value(Policy::default()).unwrap();
        let mut all = Vec::new();
        leaves(&written, Vec::new(), &mut all);
        assert!(all.len() > 70, "{}", all.len());
        for (path, leaf) in all {
            let mut doc = written.clone();
            let mut slot = &mut doc;
            for step in &path {
                slot = match slot {
                    Value::Array(a) => &mut a[step.parse::<usize>().unwrap()],
                    other => &mut other[step.as_str()],
                };
            }
            *slot = changed(&path, &leaf);
            let read: Policy = crate::json_fields::read_str(&doc.to_string())
                .unwrap_or_else(|e| panic!("{path:?}: {e:?}"));
            assert_eq!(serde_json::to_value(&read).unwrap(), doc, "{path:?}");
        }
    }

    #[test]
    fn unknown_fields_and_values_name_their_path() {
        let unreadable = |json: &str| match Policy::from_json(json) {
            Err(PolicyError::Unreadable { field, message }) => (field, message),
            other => panic!("{json}: {other:?}"),
        };
        let (field, message) = unreadable(r#"{"nets":{"bankCalendar":{"extraClosed":[]}}}"#);
        assert_eq!(field, "nets.bankCalendar.extraClosed");
        assert!(message.starts_with("unknown field `extraClosed`, expected one of `christmasAndNewYearsEveClosed`, `extraClosedDays`"), "{message}");
        let (field, message) = unreadable(
            r#"{"fees":{"inkassosats":[{"from":"2017-01-01","amount":"700"},{"from":"2026-13-01","amount":"800"}]}}"#,
        );
        assert_eq!(field, "fees.inkassosats[1].from");
        assert_eq!(message, r#""2026-13-01" is not a real date"#);
        let (field, message) = unreadable(r#"{"fees":{"inkassosats":[{"from":"2017-01-01"}]}}"#);
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("fees.inkassosats[0]", "missing field `amount`")
        );
        let (field, message) = unreadable(r#"{"channels":{"call_member":"pigeon"}}"#);
        assert_eq!(field, "channels.call_member");
        assert!(
            message.starts_with("unknown variant `pigeon`, expected one of `sms`"),
            "{message}"
        );
        let (field, _) = unreadable(r#"{"channels":{"call_him":"sms"}}"#);
        assert_eq!(field, "channels.call_him");
        let (field, message) = unreadable(r#"{"ladder":{"reminder":{"fee":"3,5"}}}"#);
        assert_eq!(field, "ladder.reminder.fee");
        assert!(message.contains("not a decimal amount"), "{message}");
        let (field, message) = unreadable("[1]");
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("", "invalid type: sequence, expected an object")
        );
        // a policy that gives `channels` replaces the map; actions it leaves out keep their default channel
        let p = Policy::from_json(r#"{"channels":{"call_member":"sms"}}"#).unwrap();
        assert_eq!(p.channel(ActionCode::CallMember), Channel::Sms);
        assert_eq!(p.channel(ActionCode::CancelAfterBinding), Channel::Letter);
    }

    #[test]
    fn fee_cap_follows_the_date_of_the_claim() {
        let f = FeeTable::default();
        assert_eq!(
            f.fee_cap(ymd(2026, 10, 1), ymd(2026, 10, 15)),
            Decimal::new(38, 0)
        );
        assert_eq!(
            f.fee_cap(ymd(2025, 10, 1), ymd(2025, 10, 15)),
            Decimal::new(35, 0)
        );
        assert_eq!(
            f.fee_cap(ymd(2020, 9, 30), ymd(2020, 10, 15)),
            Decimal::new(70, 0)
        );
    }
}

// The Nets settings of a policy are `restanse-nets` types; they are read by the policy's reader like every other
// part of it (json_fields.rs), so a misspelt field is refused the same way.
mod nets_settings {
    use crate::json_fields::{
        read_fields, read_names, read_object, required, At, ReadError, ReadJson,
    };
    use restanse_nets::calendar::BankCalendar;
    use restanse_nets::kid::{CheckDigit, KidScheme};
    use serde_json::Value;

    read_fields!(BankCalendar {
        "christmasAndNewYearsEveClosed" => christmas_and_new_years_eve_closed,
        "extraClosedDays" => extra_closed_days,
    });
    read_names!(CheckDigit { "mod10" => Mod10, "mod11" => Mod11 });

    /// `prefix` may be left out (no prefix); the widths and the check digit are required.
    impl ReadJson for KidScheme {
        #[inline(never)]
        fn read(v: &Value, at: &At<'_>) -> Result<KidScheme, ReadError> {
            let mut prefix = String::new();
            let (mut member, mut instalment, mut check) = (None, None, None);
            read_object(
                v,
                at,
                &mut [
                    ("prefix", &mut prefix),
                    ("memberDigits", &mut member),
                    ("instalmentDigits", &mut instalment),
                    ("checkDigit", &mut check),
                ],
            )?;
            Ok(KidScheme {
                prefix,
                member_digits: required(member, at, "memberDigits")?,
                instalment_digits: required(instalment, at, "instalmentDigits")?,
                check_digit: required(check, at, "checkDigit")?,
            })
        }
    }
}
