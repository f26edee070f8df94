//! The member's voice: what the desk learned on a call, what the member disputes, and what the gym knows of their
//! circumstances (`DESIGN.md`, "Contract additions (December 2026)"; `DOMAIN.md`, "Contacts, promises and
//! objections").
//!
//! * **Objections** (`objections[]`, and a contact whose outcome is `objection`): from `raisedOn` until
//!   `resolvedOn` the claims it names (every claim when it names none) get no step of the ladder at all — no
//!   SMS, no fee, no escalation, no hand-over — and the objection asks for an answer (`answer_objection`)
//!   within 7 days of being raised (inkassoloven 2026 § 17: "preferably within one week"). Once resolved the
//!   claim is followed up again. Under the new act (§ 18) a claim once objected to carries no recovery costs
//!   on any day the new act governs, unless the objection was marked `groundless`. Under the 1988 act the
//!   engine charges no fee while the objection is open and the ordinary fee after it is resolved (the 1988
//!   act's "reasonable objection" test is a judgement the desk makes when it resolves).
//!   An objection logged as a contact is the same objection as an `objections` entry raised on the same day,
//!   which is how it is resolved.
//! * **Hardship** (`hardship[]`): while it covers a day, no step of the ladder is taken on that day (inkassoloven
//!   2026 § 14: reasonable adaptation; the engine applies it under both acts, as good collection practice). A
//!   step that would fall inside a hardship with an end waits until the day after it; one without an end is
//!   suppressed. The ladder becomes an offer — a repayment plan (payment difficulty) or a freeze or deferral
//!   (illness, an institutional stay) — and a call.
//! * **Promises** (a contact with outcome `promise`): the claims overdue on the day of the call (or, when none
//!   was, those due by `promisedOn`) are not escalated or chased before `promisedOn` + `contacts.promiseGraceDays`.
//!   After that the promise is **kept** when what was paid on those claims from the call to that day covers
//!   `amount` (or, without an amount, the claims are paid), and **broken** otherwise: signal `promise_broken`,
//!   the ladder resumes, and the scorecard counts it (`scorecard.promiseBroken`).
//! * **Calls**: an unanswered call (`no_answer`) is retried no sooner than `contacts.noAnswerRetryDays` later;
//!   after `contacts.noAnswerAttempts` unanswered contacts in a row on one channel the next contact uses
//!   another channel (phone → sms → email → letter). A call that reached the member (`reached`, `refused`) is
//!   not repeated before `contacts.callAgainAfterDays`. `wrong_number` turns the next call into checking the
//!   contact details at the desk. The last contact is shown in the `unpaid_instalments` evidence.

use crate::codes::Channel;
use crate::dates;
use crate::derive::InstalmentFacts;
use crate::member::Instalment;
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactInput {
    #[serde(with = "dates::day")]
    pub on: NaiveDate,
    pub channel: Channel,
    pub outcome: ContactOutcome,
    #[serde(
        default,
        with = "dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub promised_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An objection as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectionInput {
    #[serde(with = "dates::day")]
    pub raised_on: NaiveDate,
    /// The claims disputed; none: every open claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instalment_ids: Vec<String>,
    #[serde(default)]
    pub reason: String,
    #[serde(
        default,
        with = "dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub resolved_on: Option<NaiveDate>,
    #[serde(default)]
    pub groundless: bool,
}

/// A hardship as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HardshipInput {
    #[serde(with = "dates::day")]
    pub from: NaiveDate,
    #[serde(
        default,
        with = "dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub to: Option<NaiveDate>,
    pub kind: HardshipKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A validated contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub on: NaiveDate,
    pub channel: Channel,
    pub outcome: ContactOutcome,
    pub promised_on: Option<NaiveDate>,
    pub amount: Option<Decimal>,
    pub note: Option<String>,
}

/// A validated objection (from `objections[]` or a contact whose outcome is `objection`).
#[derive(Debug, Clone, PartialEq)]
pub struct Objection {
    pub raised_on: NaiveDate,
    /// Empty: every open claim.
    pub instalment_ids: Vec<String>,
    pub reason: String,
    pub resolved_on: Option<NaiveDate>,
    pub groundless: bool,
    /// `instalment_ids` sorted, so that [`Objection::names`] is a binary search (issue 14: every claim asks
    /// every objection, and one objection may name every instalment).
    sorted_ids: Vec<String>,
}

impl Objection {
    pub fn new(
        raised_on: NaiveDate,
        instalment_ids: Vec<String>,
        reason: String,
        resolved_on: Option<NaiveDate>,
        groundless: bool,
    ) -> Objection {
        let mut sorted_ids = instalment_ids.clone();
        crate::order::sort(&mut sorted_ids);
        Objection {
            raised_on,
            instalment_ids,
            reason,
            resolved_on,
            groundless,
            sorted_ids,
        }
    }

    /// Whether the objection disputes instalment `id`.
    pub fn names(&self, id: &str) -> bool {
        self.instalment_ids.is_empty()
            || self
                .sorted_ids
                .binary_search_by(|x| x.as_str().cmp(id))
                .is_ok()
    }
    /// Whether it is open on `day` (raised, not yet resolved).
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.raised_on <= day && self.resolved_on.is_none_or(|r| day < r)
    }
    /// The day the answer is due: a week after it was raised.
    pub fn answer_by(&self) -> NaiveDate {
        crate::law::add_days(self.raised_on, ANSWER_WITHIN_DAYS)
    }
}

/// Days within which an objection is answered (inkassoloven 2026 § 17: preferably within one week).
pub const ANSWER_WITHIN_DAYS: i64 = 7;

/// A validated hardship.
#[derive(Debug, Clone, PartialEq)]
pub struct Hardship {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub kind: HardshipKind,
    pub note: Option<String>,
}

impl Hardship {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }
}

/// A member's contacts, objections and hardship, validated, in date order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberVoice {
    pub contacts: Vec<Contact>,
    pub objections: Vec<Objection>,
    pub hardship: Vec<Hardship>,
}

/// The rejection of a record: (field, reason).
pub type Bad = (String, String);

/// Validates the three lists: a promise without `promisedOn`, a promise to pay before the call, an objection
/// resolved before it was raised, a hardship that ends before it starts, a negative amount or an `agency`
/// contact are rejected with the field; unknown instalment ids are warnings `(field, message)`.
pub fn validate(
    contacts: Vec<ContactInput>,
    objections: Vec<ObjectionInput>,
    hardship: Vec<HardshipInput>,
    instalment_ids: &[&str],
    plausible: impl Fn(NaiveDate) -> bool,
    nb: bool,
    warn: &mut impl FnMut(String, String),
) -> Result<MemberVoice, Bad> {
    let mut v = MemberVoice::default();
    // objections logged as contacts: the same objection as an `objections` entry raised that day (which can
    // resolve it), else one of their own on every open claim
    let mut from_contacts: Vec<Objection> = Vec::new();
    for (i, c) in contacts.into_iter().enumerate() {
        let f = |name: &str| format!("contacts[{i}].{name}");
        if !plausible(c.on) {
            return Err((f("on"), format!("{} is not a plausible date", c.on)));
        }
        if c.channel == Channel::Agency {
            return Err((
                f("channel"),
                "a contact's channel is phone, sms, email, letter or desk".into(),
            ));
        }
        if c.outcome == ContactOutcome::Promise {
            let Some(p) = c.promised_on else {
                return Err((
                    f("promisedOn"),
                    "a promise needs the day the member promised to pay by".into(),
                ));
            };
            if !plausible(p) {
                return Err((f("promisedOn"), format!("{p} is not a plausible date")));
            }
            if p < c.on {
                return Err((
                    f("promisedOn"),
                    format!(
                        "the member promised to pay by {p}, before the contact on {}",
                        c.on
                    ),
                ));
            }
        }
        if let Some(a) = c.amount {
            if a.0 < Decimal::ZERO {
                return Err((f("amount"), "must not be negative".into()));
            }
        }
        if c.outcome == ContactOutcome::Objection {
            from_contacts.push(Objection::new(
                c.on,
                Vec::new(),
                c.note.clone().unwrap_or_default(),
                None,
                false,
            ));
        }
        v.contacts.push(Contact {
            on: c.on,
            channel: c.channel,
            outcome: c.outcome,
            promised_on: c.promised_on,
            amount: c.amount.map(|a| a.0),
            note: c.note,
        });
    }
    for (i, o) in objections.into_iter().enumerate() {
        let f = |name: &str| format!("objections[{i}].{name}");
        if !plausible(o.raised_on) {
            return Err((
                f("raisedOn"),
                format!("{} is not a plausible date", o.raised_on),
            ));
        }
        if let Some(r) = o.resolved_on {
            if r < o.raised_on {
                return Err((
                    f("resolvedOn"),
                    format!("resolved ({r}) before it was raised ({})", o.raised_on),
                ));
            }
        }
        for id in &o.instalment_ids {
            if instalment_ids.binary_search(&id.as_str()).is_err() {
                let message = if nb {
                    format!("ingen avdrag har id-en {id}")
                } else {
                    format!("no instalment has the id {id}")
                };
                warn(f("instalmentIds"), message);
            }
        }
        v.objections.push(Objection::new(
            o.raised_on,
            o.instalment_ids,
            o.reason,
            o.resolved_on,
            o.groundless,
        ));
    }
    for o in from_contacts {
        if !v.objections.iter().any(|e| e.raised_on == o.raised_on) {
            v.objections.push(o);
        }
    }
    for (i, h) in hardship.into_iter().enumerate() {
        if !plausible(h.from) {
            return Err((
                format!("hardship[{i}].from"),
                format!("{} is not a plausible date", h.from),
            ));
        }
        if let Some(t) = h.to {
            if t < h.from {
                return Err((
                    format!("hardship[{i}].to"),
                    format!("the hardship ends ({t}) before it starts ({})", h.from),
                ));
            }
        }
        v.hardship.push(Hardship {
            from: h.from,
            to: h.to,
            kind: h.kind,
            note: h.note,
        });
    }
    crate::order::sort_by(&mut v.contacts, |a, b| a.on.cmp(&b.on));
    crate::order::sort_by(&mut v.objections, |a, b| {
        (a.raised_on, &a.instalment_ids).cmp(&(b.raised_on, &b.instalment_ids))
    });
    crate::order::sort_by(&mut v.hardship, |a, b| a.from.cmp(&b.from));
    Ok(v)
}

/// A promise, judged on `asOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct Promise {
    /// The contact it was made in.
    pub made_on: NaiveDate,
    pub promised_on: NaiveDate,
    /// `promisedOn` + the grace days: the last day nothing is escalated.
    pub holds_until: NaiveDate,
    pub amount: Option<Decimal>,
    /// What was paid on its claims from the call to `holds_until`.
    pub paid: Decimal,
    /// The claims it covers (instalment indices).
    pub claims: Vec<usize>,
    pub state: PromiseState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseState {
    /// Its day has not passed: it holds escalation.
    Pending,
    Kept,
    Broken,
}

/// The next contact after the last ones: when, by which channel, and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallPlan {
    /// No contact before this day.
    pub not_before: Option<NaiveDate>,
    /// Another channel, after `noAnswerAttempts` unanswered contacts on the last one.
    pub channel: Option<Channel>,
    /// Unanswered contacts in a row on the last channel.
    pub unanswered: u32,
    /// The number was wrong on this day: check the contact details first.
    pub wrong_number: Option<NaiveDate>,
}

/// The member's voice as it bears on `asOf` (one per member, derived once).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VoiceFacts {
    /// Objections raised on or before `asOf` (later ones have not happened).
    pub objections: Vec<Objection>,
    /// Hardship registered (a future one too: it covers the days it names).
    pub hardship: Vec<Hardship>,
    pub promises: Vec<Promise>,
    pub calls: CallPlan,
    /// The last contact on or before `asOf`.
    pub last_contact: Option<Contact>,
}

/// The next channel to try after unanswered contacts on `c`.
pub fn other_channel(c: Channel) -> Channel {
    match c {
        Channel::Phone => Channel::Sms,
        Channel::Sms => Channel::Email,
        Channel::Email => Channel::Letter,
        _ => Channel::Phone,
    }
}

/// Derives the voice facts of a member on `as_of`. `ids` are the instalments' ids, `facts` their facts and
/// `open` the indices of the overdue claims (fee and plan) on `as_of`.
pub fn derive(
    v: &MemberVoice,
    instalments: &[Instalment],
    facts: &[InstalmentFacts],
    open: &[usize],
    as_of: NaiveDate,
    policy: &crate::policy::Policy,
) -> VoiceFacts {
    let rules = &policy.contacts;
    let past: Vec<&Contact> = v.contacts.iter().filter(|c| c.on <= as_of).collect();
    // which claims are open, asked once per claim of every promise (issue 14: not claims × open)
    let is_open = membership(open, instalments.len());
    // what each instalment still owes, worked out once, not once per promise
    let owing: Vec<bool> = instalments
        .iter()
        .map(|inst| inst.outstanding() > Decimal::ZERO)
        .collect();
    let mut promises = Vec::new();
    for c in past.iter().filter(|c| c.outcome == ContactOutcome::Promise) {
        let Some(promised_on) = c.promised_on else {
            continue;
        };
        let holds_until = crate::law::add_days(promised_on, rules.promise_grace_days);
        // the claims overdue on the day of the call; when none was, those due by the promised day
        let due = |i: usize| facts.get(i).map(|f| f.effective_due);
        let unsettled = |i: usize| {
            owing.get(i).copied().unwrap_or(false)
                || instalments
                    .get(i)
                    .is_some_and(|inst| inst.paid_on.is_some_and(|p| p >= c.on))
        };
        let all: Vec<usize> = (0..instalments.len()).filter(|&i| unsettled(i)).collect();
        let mut claims: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| due(i).is_some_and(|d| d < c.on))
            .collect();
        if claims.is_empty() {
            claims = all
                .into_iter()
                .filter(|&i| due(i).is_some_and(|d| d <= promised_on))
                .collect();
        }
        let paid: Decimal = claims
            .iter()
            .filter_map(|&i| instalments.get(i))
            .filter(|inst| inst.paid_on.is_some_and(|p| c.on <= p && p <= holds_until))
            .fold(Decimal::ZERO, |s, inst| s.saturating_add(inst.paid));
        let settled = claims
            .iter()
            .all(|&i| !is_open.get(i).copied().unwrap_or(false))
            && claims
                .iter()
                .filter_map(|&i| instalments.get(i))
                .all(|inst| inst.paid_on.is_none_or(|p| p <= holds_until));
        let state = if as_of <= holds_until {
            PromiseState::Pending
        } else if match c.amount {
            Some(a) => paid >= a,
            None => settled,
        } {
            PromiseState::Kept
        } else {
            PromiseState::Broken
        };
        promises.push(Promise {
            made_on: c.on,
            promised_on,
            holds_until,
            amount: c.amount,
            paid,
            claims,
            state,
        });
    }

    // the calls: spacing after the last contact, another channel after unanswered attempts
    let mut calls = CallPlan::default();
    if let Some(last) = past.last() {
        let mut unanswered = 0u32;
        for c in past.iter().rev() {
            if c.outcome == ContactOutcome::NoAnswer && c.channel == last.channel {
                unanswered = unanswered.saturating_add(1);
            } else {
                break;
            }
        }
        calls.unanswered = unanswered;
        match last.outcome {
            ContactOutcome::NoAnswer => {
                calls.not_before = Some(crate::law::add_days(last.on, rules.no_answer_retry_days));
                if unanswered >= rules.no_answer_attempts {
                    calls.channel = Some(other_channel(last.channel));
                }
            }
            ContactOutcome::WrongNumber => calls.wrong_number = Some(last.on),
            _ => {
                calls.not_before = Some(crate::law::add_days(last.on, rules.call_again_after_days))
            }
        }
    }
    VoiceFacts {
        objections: v
            .objections
            .iter()
            .filter(|o| o.raised_on <= as_of)
            .cloned()
            .collect(),
        hardship: v.hardship.clone(),
        promises,
        calls,
        last_contact: past.last().map(|c| (*c).clone()),
    }
}

impl VoiceFacts {
    /// The open objection covering claim `id` on `day`.
    pub fn objection_on(&self, id: &str, day: NaiveDate) -> Option<&Objection> {
        self.objections
            .iter()
            .find(|o| o.open_on(day) && o.names(id))
    }

    /// Objections open on `as_of`.
    pub fn open_objections(&self, as_of: NaiveDate) -> impl Iterator<Item = &Objection> {
        self.objections.iter().filter(move |o| o.open_on(as_of))
    }

    /// The hardship covering `day`.
    pub fn hardship_on(&self, day: NaiveDate) -> Option<&Hardship> {
        self.hardship.iter().find(|h| h.covers(day))
    }

    /// Whether a fee on claim `id` on `day` is barred by the member's voice: an open objection or a hardship on
    /// that day; and under the new act (from `new_act_from`), any objection raised before that day that was not
    /// groundless (inkassoloven 2026 § 18).
    pub fn fee_barred(&self, id: &str, day: NaiveDate, new_act_from: NaiveDate) -> bool {
        self.objection_on(id, day).is_some()
            || self.hardship_on(day).is_some()
            || (day >= new_act_from
                && self
                    .objections
                    .iter()
                    .any(|o| o.raised_on <= day && o.names(id) && !o.groundless))
    }

    /// The last day a pending promise holds claim `i` (escalation waits until the day after).
    pub fn promise_holds(&self, i: usize) -> Option<NaiveDate> {
        // a promise's claims are in instalment order (`derive` collects them so): a binary search
        self.promises
            .iter()
            .filter(|p| p.state == PromiseState::Pending && p.claims.binary_search(&i).is_ok())
            .map(|p| p.holds_until)
            .max()
    }

    /// Broken promises whose claims are still open.
    pub fn broken(&self, open: &[usize]) -> Vec<&Promise> {
        let n = open.iter().max().map_or(0, |&m| m.saturating_add(1));
        let is_open = membership(open, n);
        self.promises
            .iter()
            .filter(|p| {
                p.state == PromiseState::Broken
                    && p.claims
                        .iter()
                        .any(|&i| is_open.get(i).copied().unwrap_or(false))
            })
            .collect()
    }
}

/// `open` as a table of `n` answers (issue 14: a lookup, not a walk over `open` for every claim).
fn membership(open: &[usize], n: usize) -> Vec<bool> {
    let mut is_open = vec![false; n];
    for &i in open {
        if let Some(slot) = is_open.get_mut(i) {
            *slot = true;
        }
    }
    is_open
}

// --- signals ---

/// The `unpaid_instalments` evidence's `lastContact`.
pub fn last_contact_evidence(f: &crate::derive::Facts) -> Option<crate::output::ContactEvidence> {
    f.voice
        .last_contact
        .as_ref()
        .map(|c| crate::output::ContactEvidence {
            on: c.on,
            channel: c.channel,
            outcome: c.outcome,
            note: c.note.clone(),
        })
}

/// The ids of the open claims an objection disputes on `as_of`.
pub fn objection_ids(
    o: &Objection,
    m: &crate::member::Member,
    f: &crate::derive::Facts,
) -> Vec<String> {
    f.unpaid
        .iter()
        .chain(f.plan_missed.iter())
        .filter_map(|&i| m.instalments.get(i))
        .filter(|inst| o.names(&inst.id))
        .map(|inst| inst.id.clone())
        .collect()
}

/// `objection_open`, `hardship` and `promise_broken`.
pub fn signals(
    m: &crate::member::Member,
    f: &crate::derive::Facts,
    policy: &crate::policy::Policy,
) -> Vec<crate::output::Signal> {
    use crate::codes::{Severity, SignalCode};
    use crate::output::{Evidence, HardshipEvidence, ObjectionEvidence, PromiseEvidence, Signal};
    let lang = policy.language;
    let mut out = Vec::new();
    for o in f.voice.open_objections(f.as_of) {
        let days_open = (f.as_of - o.raised_on).num_days();
        let ids = objection_ids(o, m, f);
        out.push(Signal {
            code: SignalCode::ObjectionOpen,
            severity: if f.as_of > o.answer_by() {
                Severity::Critical
            } else {
                Severity::Warning
            },
            message: crate::i18n::objection_open(
                o.raised_on,
                days_open,
                &o.reason,
                o.answer_by(),
                lang,
            ),
            evidence: Evidence::Objection(ObjectionEvidence {
                raised_on: o.raised_on,
                days_open,
                instalment_ids: ids,
                reason: o.reason.clone(),
                answer_by: o.answer_by(),
            }),
        });
    }
    if let Some(h) = f.voice.hardship_on(f.as_of) {
        out.push(Signal {
            code: SignalCode::Hardship,
            severity: Severity::Warning,
            message: crate::i18n::hardship(h.kind, h.from, h.to, lang),
            evidence: Evidence::Hardship(HardshipEvidence {
                kind: h.kind,
                from: h.from,
                to: h.to,
            }),
        });
    }
    let open: Vec<usize> = f
        .unpaid
        .iter()
        .chain(f.plan_missed.iter())
        .copied()
        .collect();
    let broken = f.voice.broken(&open);
    if let Some(last) = broken.last() {
        out.push(Signal {
            code: SignalCode::PromiseBroken,
            severity: Severity::Critical,
            message: crate::i18n::promise_broken(last.promised_on, last.amount, last.paid, lang),
            evidence: Evidence::Promise(PromiseEvidence {
                broken: u32::try_from(broken.len()).unwrap_or(u32::MAX),
                promised_on: last.promised_on,
                made_on: last.made_on,
                amount: last.amount.map(Money),
                paid: Money(last.paid),
                instalment_ids: last
                    .claims
                    .iter()
                    .filter_map(|&i| m.instalments.get(i))
                    .map(|inst| inst.id.clone())
                    .collect(),
            }),
        });
    }
    out
}

// --- actions ---

/// The first day the next call may be made: after the spacing of the last contact, and after a pending
/// promise's day when the promise covers every open claim.
pub fn call_day(f: &crate::derive::Facts, policy: &crate::policy::Policy) -> NaiveDate {
    let _ = policy;
    let mut on = f.as_of.max(f.voice.calls.not_before.unwrap_or(f.as_of));
    let open: Vec<usize> = f
        .unpaid
        .iter()
        .chain(f.plan_missed.iter())
        .copied()
        .collect();
    if !open.is_empty() {
        let held: Option<NaiveDate> = open
            .iter()
            .map(|&i| f.voice.promise_holds(i))
            .collect::<Option<Vec<_>>>()
            .and_then(|v| v.into_iter().min());
        if let Some(until) = held {
            on = on.max(crate::law::add_days(until, 1));
        }
    }
    on
}

/// What the member's voice changes in a member's actions, after the ladder: `answer_objection` for each open
/// objection; calls spaced after the last contact (and a pending promise), by another channel after
/// unanswered attempts, or a check of the contact details after a wrong number; no chasing of claims that are
/// all disputed; under hardship a call and an offer instead of the ladder, and no cancellation.
pub fn adjust(
    m: &crate::member::Member,
    f: &crate::derive::Facts,
    policy: &crate::policy::Policy,
    actions: &mut Vec<crate::output::Action>,
    suppressed: &mut Vec<crate::output::Suppressed>,
) {
    use crate::codes::{ActionCode as A, SignalCode};
    use crate::output::{Action, Suppressed};
    let lang = policy.language;
    let v = &f.voice;
    let open: Vec<usize> = f
        .unpaid
        .iter()
        .chain(f.plan_missed.iter())
        .copied()
        .collect();
    let chasing = |c: A| {
        matches!(
            c,
            A::CallMember | A::ClarifyMembership | A::ProposePaymentPlan
        )
    };

    // every open claim disputed: no chasing or cancelling until the objection is answered
    let disputed = (!open.is_empty())
        .then(|| {
            open.iter()
                .map(|&i| {
                    m.instalments
                        .get(i)
                        .and_then(|inst| v.objection_on(&inst.id, f.as_of))
                })
                .collect::<Option<Vec<_>>>()
        })
        .flatten()
        .and_then(|os| os.into_iter().next().cloned());
    if let Some(o) = disputed {
        let because = crate::i18n::objection_holds(o.raised_on, lang);
        actions.retain(|a| {
            if chasing(a.code) || a.code == A::CancelAfterBinding {
                suppressed.push(Suppressed {
                    code: a.code,
                    because: because.clone(),
                    instalment_ids: a.instalment_ids.clone(),
                });
                false
            } else {
                true
            }
        });
    }

    // hardship: a call and an offer, never a cancellation
    if let Some(h) = v.hardship_on(f.as_of).cloned() {
        let because = crate::i18n::hardship_holds(h.kind, h.from, lang);
        actions.retain(|a| {
            if a.code == A::CancelAfterBinding {
                suppressed.push(Suppressed {
                    code: a.code,
                    because: because.clone(),
                    instalment_ids: Vec::new(),
                });
                false
            } else {
                true
            }
        });
        let plain = |code: A, message: String| Action {
            code,
            priority: 0,
            on: f.as_of,
            channel: policy.channel(code),
            because: vec![SignalCode::Hardship],
            fee: Money::ZERO,
            message,
            instalment_ids: Vec::new(),
        };
        let outstanding = f.unpaid_outstanding.saturating_add(f.plan_outstanding);
        let offer = match h.kind {
            HardshipKind::PaymentDifficulty => A::ProposePaymentPlan,
            _ => A::OfferFreeze,
        };
        let arrears = !open.is_empty();
        if arrears || offer == A::OfferFreeze {
            match actions.iter_mut().find(|a| a.code == offer) {
                Some(a) => {
                    a.because.push(SignalCode::Hardship);
                    a.message = crate::i18n::hardship_offer(h.kind, outstanding, lang);
                }
                None => actions.push(plain(
                    offer,
                    crate::i18n::hardship_offer(h.kind, outstanding, lang),
                )),
            }
        }
        if arrears {
            match actions.iter_mut().find(|a| a.code == A::CallMember) {
                Some(a) => a.because.push(SignalCode::Hardship),
                None => {
                    let n = u32::try_from(f.unpaid.len()).unwrap_or(u32::MAX);
                    actions.push(plain(
                        A::CallMember,
                        crate::i18n::call_member(n, f.unpaid_outstanding, false, lang),
                    ))
                }
            }
        }
    }

    // calls after the last contact
    let call_on = call_day(f, policy);
    for a in actions.iter_mut() {
        if chasing(a.code) {
            a.on = a.on.max(call_on);
            if let Some(wrong) = v.calls.wrong_number {
                if a.channel == Channel::Phone {
                    a.channel = Channel::Desk;
                    a.message = format!(
                        "{}. {}",
                        crate::i18n::check_contact_details(wrong, lang),
                        a.message
                    );
                }
            } else if let Some(ch) = v.calls.channel {
                if a.channel == Channel::Phone {
                    a.channel = ch;
                }
            }
        }
        if a.code == A::CancelAfterBinding {
            let after =
                crate::law::add_days(call_on, policy.binding.cancel_after_contact_days.max(1));
            if after > a.on {
                a.on = after;
                a.message = crate::i18n::cancel_after_binding(after, lang);
            }
        }
    }

    // answer every open objection within a week
    for o in v.open_objections(f.as_of) {
        actions.push(Action {
            code: A::AnswerObjection,
            priority: 0,
            on: f.as_of,
            channel: policy.channel(A::AnswerObjection),
            because: vec![SignalCode::ObjectionOpen],
            fee: Money::ZERO,
            message: crate::i18n::answer_objection(o.raised_on, &o.reason, o.answer_by(), lang),
            instalment_ids: objection_ids(o, m, f),
        });
    }
}
