//! From parsed input to [`Member`]s: the checks types cannot make.
//!
//! A record is **rejected** only when it cannot be assessed honestly: no id or a duplicate one, negative
//! money, a hold or binding period that ends before it starts, a cancellation before joining, dates outside
//! any plausible range, two instalments with the same id. Lesser oddities — a visit before joining, a payment
//! after cancellation, a reminder about an unknown instalment — become [`DataWarning`]s on the assessment, so
//! the front desk sees them without losing the member.
//!
//! The voice's lists (contacts, objections, hardship) are checked here too ([`validate_voice`]).
//!
//! Every record ends up either as a member or as a rejection: `members.len() + rejected.len()` always equals
//! the number of records in.

use crate::codes::Channel;
use crate::i18n::Lang;
use crate::input::{
    ContactInput, ContactOutcome, HardshipInput, InstalmentKind, MemberInput, ObjectionInput,
};
use crate::member::{
    Contact, Hardship, Hold, Instalment, Member, MemberVoice, Objection, Reminder,
};
use crate::money::MAX_AMOUNT;
use crate::output::{DataWarning, Rejection};
use crate::parse::Parsed;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// A member ready for assessment, with the warnings found while checking it.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub member: Member,
    pub warnings: Vec<DataWarning>,
}

/// Validates a whole batch, keeping input order; duplicate ids reject every record after the first.
pub fn validate_batch(parsed: Vec<Parsed>, as_of: NaiveDate) -> (Vec<Checked>, Vec<Rejection>) {
    validate_batch_in(parsed, as_of, Lang::En)
}

/// [`validate_batch`] with warnings and the duplicate-id rejection in `lang` (issue 19).
pub fn validate_batch_in(
    parsed: Vec<Parsed>,
    as_of: NaiveDate,
    lang: Lang,
) -> (Vec<Checked>, Vec<Rejection>) {
    let mut members = Vec::with_capacity(parsed.len());
    let mut rejected = Vec::new();
    let mut ids = Ids::with_capacity(parsed.len(), lang);
    for (i, p) in parsed.into_iter().enumerate() {
        let record = i + 1;
        match p {
            Err(mut r) => {
                r.reason = crate::i18n::rejection_reason(r.reason, lang);
                rejected.push(r)
            }
            Ok(input) => {
                if let Some(r) = ids.duplicate(&input.id, record) {
                    rejected.push(r);
                    continue;
                }
                match validate_member_in(input, as_of, lang) {
                    Ok(c) => {
                        ids.insert(c.member.id.clone(), record);
                        members.push(c);
                    }
                    Err(invalid) => {
                        let r = invalid_rejection(invalid, record, lang);
                        ids.insert_rejected(&r);
                        rejected.push(r)
                    }
                }
            }
        }
    }
    (members, rejected)
}

/// The rejection of a record that [`validate_member_in`] refused.
pub fn invalid_rejection((field, reason, id): Invalid, record: usize, lang: Lang) -> Rejection {
    Rejection {
        record,
        member_id: (!id.is_empty()).then_some(id),
        field,
        reason: crate::i18n::rejection_reason(reason, lang),
        source: None,
    }
}

/// The ids seen so far in a batch, in input order: the first record with an id keeps it, and every later
/// record read with the same id is rejected as a duplicate naming the first. The same rule whether the batch
/// is held in memory ([`validate_batch_in`]) or streamed ([`crate::Engine::judge`]).
#[derive(Debug, Clone, Default)]
pub struct Ids {
    seen: FxHashMap<String, usize>,
    lang: Lang,
}

impl Ids {
    pub fn with_capacity(n: usize, lang: Lang) -> Ids {
        let mut seen = FxHashMap::default();
        seen.reserve(n);
        Ids { seen, lang }
    }

    /// The duplicate rejection of record `record`, read with id `id`, if an earlier record had that id.
    pub fn duplicate(&self, id: &str, record: usize) -> Option<Rejection> {
        let first = self.seen.get(id)?;
        Some(Rejection {
            record,
            member_id: Some(id.to_string()),
            field: "id".into(),
            reason: if self.lang == Lang::Nb {
                format!("duplisert id: post {first} har samme id")
            } else {
                format!("duplicate id: record {first} has the same id")
            },
            source: None,
        })
    }

    /// Record `record` has id `id`: later records with it are duplicates.
    pub fn insert(&mut self, id: String, record: usize) {
        self.seen.insert(id, record);
    }

    /// A record read but refused by validation still claims its id, when it has one.
    pub fn insert_rejected(&mut self, r: &Rejection) {
        if let Some(id) = &r.member_id {
            self.seen.insert(id.clone(), r.record);
        }
    }
}

/// What [`validate_member_in`] refuses: (field, reason, member id).
pub type Invalid = (String, String, String);

/// The longest member id accepted, in characters.
pub const MAX_ID_CHARS: usize = 200;

/// The most instalments one member may have (issue 14): 40 years of monthly fees with room to spare.
pub const MAX_INSTALMENTS: usize = 2_000;
/// The most reminders one member may have (issue 14).
pub const MAX_REMINDERS: usize = 2_000;
/// The most holds (freezes and deferrals) one member may have (issue 14).
pub const MAX_HOLDS: usize = 500;
/// The most visits one member may have (issue 14): a visit a day for over 50 years.
pub const MAX_VISITS: usize = 20_000;
/// The most contacts one member may have (issue 14): one a week for 20 years.
pub const MAX_CONTACTS: usize = 1_000;
/// The most objections one member may have (issue 14).
pub const MAX_OBJECTIONS: usize = 100;
/// The most hardship registrations one member may have (issue 14).
pub const MAX_HARDSHIP: usize = 100;

fn money_problem(v: Decimal) -> Option<String> {
    // most amounts: not negative and at most 1,000,000,000 in their mantissa, so at most MAX_AMOUNT whatever
    // their scale (no decimal comparison)
    if !v.is_sign_negative() && v.mantissa() <= 1_000_000_000 {
        return None;
    }
    if v < Decimal::ZERO {
        Some(format!("{v} is negative"))
    } else if v > MAX_AMOUNT {
        Some(format!(
            "{v} is more than 1 000 000 000 kr, which no gym bills"
        ))
    } else {
        None
    }
}

/// An amount read to whole øre: more decimals are rounded half-up (away from zero), with a warning that
/// names the field, so that `549.004` or `183.33333333333334` cannot leave a residue that makes a debtor.
/// The field is named only when there is something to say (issue 18: every amount of every member).
fn whole_ore(
    v: Decimal,
    field: impl FnOnce() -> String,
    warn: &mut impl FnMut(String, String),
) -> Decimal {
    if v.scale() <= 2 {
        // already whole øre: rounding to two places would give `v` itself
        return v;
    }
    let r = v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    if r != v {
        warn(
            field(),
            format!(
                "{v} has fractions of an øre; read as {}",
                crate::money::Money(r)
            ),
        );
    }
    r
}

fn plausible(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (1900..=2200).contains(&d.year())
}

/// Checks one member. On failure returns (field, reason, member id).
/// A KID is 2–25 digits (Nets' limits); what is wrong with `kid`, if anything.
fn kid_problem(kid: &str) -> Option<String> {
    if !kid.bytes().all(|b| b.is_ascii_digit()) {
        Some(format!("{kid:?} is not a KID: digits only"))
    } else if !(2..=25).contains(&kid.len()) {
        Some(format!("{kid:?} is not a KID: 2-25 digits"))
    } else {
        None
    }
}

pub fn validate_member(m: MemberInput, as_of: NaiveDate) -> Result<Checked, Invalid> {
    validate_member_in(m, as_of, Lang::En)
}

/// [`validate_member`] with the data warnings in `lang`.
pub fn validate_member_in(
    m: MemberInput,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Checked, Invalid> {
    // a warning's text: (English, Norwegian bokmål)
    let nb = lang == Lang::Nb;
    let say = |en: String, no: String| if nb { no } else { en };
    let id = m.id;
    let bad = |field: String, reason: String| -> Result<Checked, Invalid> {
        Err((field, reason, id.clone()))
    };
    if id.trim().is_empty() {
        return Err(("id".into(), "must not be empty".into(), String::new()));
    }
    // (issue 18) an id is a short key; the streamed batch picks its visit-model subsample by id before reading
    // the records, and reads ids of up to 4,096 bytes as written (`split::MAX_ID_BYTES`)
    if id.chars().count() > MAX_ID_CHARS {
        return Err((
            "id".into(),
            format!("is longer than {MAX_ID_CHARS} characters"),
            String::new(),
        ));
    }
    let mut warnings = Vec::new();
    let mut warn = |field: String, message: String| {
        warnings.push(DataWarning {
            field,
            message,
            rule: None,
        })
    };

    for (field, d) in [
        ("joinedOn", Some(m.joined_on)),
        ("bindingEndsOn", m.binding_ends_on),
        ("cancelledOn", m.cancelled_on),
    ] {
        if let Some(d) = d {
            if !plausible(d) {
                return bad(field.into(), format!("{d} is not a plausible date"));
            }
        }
    }
    if let Some(b) = m.binding_ends_on {
        if b < m.joined_on {
            return bad(
                "bindingEndsOn".into(),
                format!(
                    "the binding period ends ({b}) before the member joined ({})",
                    m.joined_on
                ),
            );
        }
    }
    if let Some(c) = m.cancelled_on {
        if c < m.joined_on {
            return bad(
                "cancelledOn".into(),
                format!("cancelled ({c}) before joining ({})", m.joined_on),
            );
        }
    }
    if let Some(problem) = m.kid.as_deref().and_then(kid_problem) {
        return bad("kid".into(), problem);
    }
    if let Some(problem) = m.monthly_fee.and_then(|fee| money_problem(fee.0)) {
        return bad("monthlyFee".into(), problem);
    }
    let monthly_fee = m
        .monthly_fee
        .map(|fee| whole_ore(fee.0, || "monthlyFee".into(), &mut warn));
    if m.joined_on > as_of {
        warn(
            "joinedOn".into(),
            say(
                format!("joins in the future ({})", m.joined_on),
                format!("innmeldt i fremtiden ({})", m.joined_on),
            ),
        );
    }

    // (issue 14) a documented size per member, so that no one record can hold up the batch
    for (field, n, max) in [
        ("instalments", m.instalments.len(), MAX_INSTALMENTS),
        ("reminders", m.reminders.len(), MAX_REMINDERS),
        ("holds", m.holds.len(), MAX_HOLDS),
        ("visits", m.visits.len(), MAX_VISITS),
        ("contacts", m.contacts.len(), MAX_CONTACTS),
        ("objections", m.objections.len(), MAX_OBJECTIONS),
        ("hardship", m.hardship.len(), MAX_HARDSHIP),
    ] {
        if n > max {
            return bad(
                field.into(),
                format!("{n} entries is more than the {max} one member may have"),
            );
        }
    }
    let mut instalments = Vec::with_capacity(m.instalments.len());
    // instalment ids, sorted, to find duplicates and check what reminders refer to
    let mut ids: Vec<&str> = m.instalments.iter().map(|i| i.id.as_str()).collect();
    crate::order::sort(&mut ids);
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        let i = m
            .instalments
            .iter()
            .rposition(|x| x.id == w[0])
            .unwrap_or(0);
        return bad(
            format!("instalments[{i}].id"),
            format!("instalment id {} appears twice", w[0]),
        );
    }
    for (i, inst) in m.instalments.iter().enumerate() {
        let f = |name: &str| format!("instalments[{i}].{name}");
        if inst.id.trim().is_empty() {
            return bad(f("id"), "must not be empty".into());
        }
        if let Some(problem) = inst.kid.as_deref().and_then(kid_problem) {
            return bad(f("kid"), problem);
        }
        if !plausible(inst.due_on) {
            return bad(
                f("dueOn"),
                format!("{} is not a plausible date", inst.due_on),
            );
        }
        for (name, v) in [
            ("amount", inst.amount),
            ("paid", inst.paid),
            ("credited", inst.credited),
        ] {
            if let Some(problem) = money_problem(v.0) {
                return bad(f(name), problem);
            }
        }
        if let Some(p) = inst.paid_on {
            if !plausible(p) {
                return bad(f("paidOn"), format!("{p} is not a plausible date"));
            }
            if let Some(c) = m.cancelled_on {
                if p > c && inst.due_on <= c {
                    warn(
                        f("paidOn"),
                        say(
                            format!("paid on {p}, after the cancellation on {c}"),
                            format!("betalt {p}, etter oppsigelsen {c}"),
                        ),
                    );
                }
            }
            if p > as_of {
                warn(
                    f("paidOn"),
                    say(
                        format!("paid on {p}, after the assessment date"),
                        format!("betalt {p}, etter vurderingsdatoen"),
                    ),
                );
            }
        }
        // (nothing credited, as mostly: one comparison instead of a sum and a comparison)
        let beyond = if inst.credited.0.is_zero() {
            crate::money::cmp(inst.paid.0, inst.amount.0) == std::cmp::Ordering::Greater
        } else {
            inst.paid.0 + inst.credited.0 > inst.amount.0
        };
        if beyond {
            warn(
                f("paid"),
                say(
                    format!(
                        "paid and credited ({}) exceed the amount ({})",
                        inst.paid.0 + inst.credited.0,
                        inst.amount
                    ),
                    format!(
                        "betalt og kreditert ({}) overstiger beløpet ({})",
                        inst.paid.0 + inst.credited.0,
                        inst.amount
                    ),
                ),
            );
        }
        if inst.kind == InstalmentKind::Plan && m.plan.is_none() {
            warn(
                f("kind"),
                say(
                    "a plan instalment, but no plan is registered".into(),
                    "et avdrag i en betalingsplan, men ingen plan er registrert".into(),
                ),
            );
        }
        if let Some(c) = m.cancelled_on {
            if inst.due_on > c
                && inst.kind == InstalmentKind::Fee
                && !inst.waived
                && inst.amount.0 > Decimal::ZERO
            {
                warn(
                    f("dueOn"),
                    say(
                        format!("billed for {}, after the cancellation on {c}", inst.due_on),
                        format!("fakturert for {}, etter oppsigelsen {c}", inst.due_on),
                    ),
                );
            }
        }
        instalments.push(Instalment {
            id: inst.id.clone(),
            due_on: inst.due_on,
            amount: whole_ore(inst.amount.0, || f("amount"), &mut warn),
            paid: whole_ore(inst.paid.0, || f("paid"), &mut warn),
            paid_on: inst.paid_on,
            credited: whole_ore(inst.credited.0, || f("credited"), &mut warn),
            waived: inst.waived,
            kind: inst.kind,
        });
    }

    let mut holds = Vec::with_capacity(m.holds.len());
    for (i, h) in m.holds.into_iter().enumerate() {
        if !plausible(h.from) || !plausible(h.to) {
            return bad(format!("holds[{i}]"), "dates are not plausible".into());
        }
        if h.to < h.from {
            return bad(
                format!("holds[{i}].to"),
                format!(
                    "the {} ends ({}) before it starts ({})",
                    h.kind.code(),
                    h.to,
                    h.from
                ),
            );
        }
        holds.push(Hold {
            kind: h.kind,
            from: h.from,
            to: h.to,
            note: h.note,
        });
    }

    let mut reminders = Vec::with_capacity(m.reminders.len());
    for (i, r) in m.reminders.into_iter().enumerate() {
        if !plausible(r.sent_on) {
            return bad(
                format!("reminders[{i}].sentOn"),
                format!("{} is not a plausible date", r.sent_on),
            );
        }
        if let Some(problem) = money_problem(r.fee.0) {
            return bad(format!("reminders[{i}].fee"), problem);
        }
        if let Some(iid) = &r.instalment_id {
            if ids.binary_search(&iid.as_str()).is_err() {
                warn(
                    format!("reminders[{i}].instalmentId"),
                    say(
                        format!("no instalment has the id {iid}"),
                        format!("ingen avdrag har id-en {iid}"),
                    ),
                );
            }
        }
        reminders.push(Reminder {
            sent_on: r.sent_on,
            kind: r.kind,
            fee: whole_ore(r.fee.0, || format!("reminders[{i}].fee"), &mut warn),
            instalment_id: r.instalment_id,
            index: i,
        });
    }

    let mut visits = Vec::with_capacity(m.visits.len());
    let mut before_joining = 0usize;
    let mut implausible = 0usize;
    for v in &m.visits {
        if !plausible(v.0) {
            implausible += 1;
            continue;
        }
        if v.0 < m.joined_on {
            before_joining += 1;
        }
        visits.push(v.0);
    }
    if before_joining > 0 {
        warn(
            "visits".into(),
            say(
                format!(
                    "{before_joining} visit(s) before joining on {}",
                    m.joined_on
                ),
                format!("{before_joining} besøk før innmelding {}", m.joined_on),
            ),
        );
    }
    if implausible > 0 {
        warn(
            "visits".into(),
            say(
                format!("{implausible} visit(s) with implausible dates ignored"),
                format!("{implausible} besøk med usannsynlige datoer er utelatt"),
            ),
        );
    }

    // contacts, objections and hardship (validate_voice): a rejection names the field
    let voice = match validate_voice(
        m.contacts,
        m.objections,
        m.hardship,
        &ids,
        plausible,
        nb,
        &mut warn,
    ) {
        Ok(v) => v,
        Err((field, reason)) => return bad(field, reason),
    };

    crate::order::sort_by(&mut instalments, |a, b| {
        a.due_on.cmp(&b.due_on).then_with(|| a.id.cmp(&b.id))
    });
    crate::order::sort(&mut visits);
    crate::order::sort_by(&mut holds, |a, b| {
        (a.from, a.to, a.kind.code(), &a.note).cmp(&(b.from, b.to, b.kind.code(), &b.note))
    });
    crate::order::sort_by(&mut reminders, |a, b| {
        (a.sent_on, a.kind, &a.instalment_id).cmp(&(b.sent_on, b.kind, &b.instalment_id))
    });

    Ok(Checked {
        member: Member {
            id,
            joined_on: m.joined_on,
            binding_ends_on: m.binding_ends_on,
            cancelled_on: m.cancelled_on,
            monthly_fee,
            payment_method: m.payment_method,
            mandate: m.mandate,
            access_blocked: m.access_blocked,
            instalments,
            visits,
            holds,
            reminders,
            plan_agreed_on: m.plan.as_ref().map(|p| p.agreed_on),
            plan_instalment_ids: m.plan.map(|p| p.instalment_ids).unwrap_or_default(),
            voice,
        },
        warnings,
    })
}

/// The rejection of a record: (field, reason).
pub type Bad = (String, String);

/// Validates the three lists: a promise without `promisedOn`, a promise to pay before the call, an objection
/// resolved before it was raised, a hardship that ends before it starts, a negative amount or an `agency`
/// contact are rejected with the field; unknown instalment ids are warnings `(field, message)`.
pub fn validate_voice(
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
