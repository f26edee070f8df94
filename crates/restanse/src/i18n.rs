//! Messages for people, in English and Norwegian bokmål.
//!
//! Every sentence the engine writes is made here, from the same numbers that go into the evidence, so a
//! message never says something the evidence does not. Money is written the Norwegian way (`1 647,00 kr`)
//! in both languages, dates as `1 Sep 2026` or `1. sep. 2026`.

use crate::input::{MandateState, PaymentMethod};
use crate::money::format_kr;
use chrono::Datelike;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The language of messages for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Norwegian bokmål.
    Nb,
    #[default]
    En,
}

impl Lang {
    pub fn from_code(s: &str) -> Option<Lang> {
        match s {
            "nb" | "no" | "nb-NO" => Some(Lang::Nb),
            "en" | "en-GB" | "en-US" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Formats a date for people: `1 Sep 2026` in English, `1. sep. 2026` in Norwegian bokmål.
pub fn format_human(d: NaiveDate, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const NB: [&str; 12] = [
        "jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.",
        "des.",
    ];
    let m = d.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {}", d.day(), EN[m], d.year()),
        Lang::Nb => format!("{}. {} {}", d.day(), NB[m], d.year()),
    }
}

/// The message in `lang`: only that language's text is formatted (issue 18: every member's messages).
fn pick(lang: Lang, en: impl FnOnce() -> String, nb: impl FnOnce() -> String) -> String {
    match lang {
        Lang::En => en(),
        Lang::Nb => nb(),
    }
}

fn day(d: NaiveDate, lang: Lang) -> String {
    format_human(d, lang)
}

fn instalments(n: u32, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 unpaid instalment".into(),
        (Lang::En, n) => format!("{n} unpaid instalments"),
        (Lang::Nb, 1) => "1 ubetalt avdrag".into(),
        (Lang::Nb, n) => format!("{n} ubetalte avdrag"),
    }
}

fn one_decimal(x: f64, lang: Lang) -> String {
    // integer arithmetic rather than float formatting, which would weigh on the WebAssembly build
    let tenths = (x * 10.0).round() as i64;
    let s = format!(
        "{}{}.{}",
        if tenths < 0 { "-" } else { "" },
        tenths.abs() / 10,
        tenths.abs() % 10
    );
    match lang {
        Lang::En => s,
        Lang::Nb => s.replace('.', ","),
    }
}

pub fn method_name(m: PaymentMethod, lang: Lang) -> &'static str {
    match (m, lang) {
        (PaymentMethod::Avtalegiro, _) => "AvtaleGiro",
        (PaymentMethod::Efaktura, _) => "eFaktura",
        (PaymentMethod::Invoice, Lang::En) => "invoice",
        (PaymentMethod::Invoice, Lang::Nb) => "faktura",
        (PaymentMethod::Card, Lang::En) => "card",
        (PaymentMethod::Card, Lang::Nb) => "kort",
        (PaymentMethod::Vipps, _) => "Vipps",
    }
}

// ---- signals ----

pub fn unpaid(n: u32, outstanding: Decimal, oldest: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "{}, {}, oldest due {}",
                instalments(n, lang),
                format_kr(outstanding),
                day(oldest, lang)
            )
        },
        || {
            format!(
                "{}, {}, eldste forfalt {}",
                instalments(n, lang),
                format_kr(outstanding),
                day(oldest, lang)
            )
        },
    )
}

pub fn mandate_inactive(state: MandateState, next_due: Option<NaiveDate>, lang: Lang) -> String {
    let (en, nb) = match state {
        MandateState::Deleted => ("the mandate was deleted", "avtalen er slettet"),
        MandateState::Pending => (
            "the mandate is not active yet",
            "avtalen er ikke aktiv ennå",
        ),
        MandateState::Missing | MandateState::Active => {
            ("there is no mandate", "det finnes ingen avtale")
        }
    };
    let (en_next, nb_next) = match next_due {
        Some(d) => (
            format!("; next instalment due {}", day(d, lang)),
            format!("; neste forfall {}", day(d, lang)),
        ),
        None => (String::new(), String::new()),
    };
    pick(
        lang,
        || format!("Pays by AvtaleGiro, but {en}{en_next}"),
        || format!("Betaler med AvtaleGiro, men {nb}{nb_next}"),
    )
}

pub fn no_avtalegiro(m: PaymentMethod, lang: Lang) -> String {
    pick(
        lang,
        || format!("Pays by {}, not AvtaleGiro", method_name(m, lang)),
        || format!("Betaler med {}, ikke AvtaleGiro", method_name(m, lang)),
    )
}

pub fn latent(
    silence: i64,
    interval: f64,
    relative: f64,
    last: Option<NaiveDate>,
    lang: Lang,
) -> String {
    match last {
        Some(last) => pick(
            lang,
            || {
                format!(
                    "No visit for {silence} days, {}× their usual gap of {} days; last visit {}",
                    one_decimal(relative, lang),
                    one_decimal(interval, lang),
                    day(last, lang)
                )
            },
            || {
                format!(
                "Ikke trent på {silence} dager, {} × vanlig opphold på {} dager; siste besøk {}",
                one_decimal(relative, lang),
                one_decimal(interval, lang),
                day(last, lang)
            )
            },
        ),
        None => pick(
            lang,
            || format!("Has not visited in the {silence} days since joining"),
            || format!("Har ikke trent på de {silence} dagene siden innmelding"),
        ),
    }
}

pub fn plan_breached(agreed: NaiveDate, missed: u32, outstanding: Decimal, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "Repayment plan of {} is broken: {missed} plan instalment(s) unpaid, {}",
                day(agreed, lang),
                format_kr(outstanding)
            )
        },
        || {
            format!(
                "Nedbetalingsavtalen fra {} er brutt: {missed} avdrag ubetalt, {}",
                day(agreed, lang),
                format_kr(outstanding)
            )
        },
    )
}

pub fn billed_during_hold(n: usize, amount: Decimal, holds: &str, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "{n} instalment(s), {}, billed during {holds}",
                format_kr(amount)
            )
        },
        || format!("{n} avdrag, {}, fakturert under {holds}", format_kr(amount)),
    )
}

pub fn paid_but_blocked(lang: Lang) -> String {
    pick(
        lang,
        || "Access is blocked although nothing is overdue".into(),
        || "Tilgangen er sperret selv om ingenting er forfalt".into(),
    )
}

pub fn binding_ended(
    ends: Option<NaiveDate>,
    extended: NaiveDate,
    frozen: i64,
    lang: Lang,
) -> String {
    match ends {
        None => pick(
            lang,
            || "No binding period".into(),
            || "Ingen bindingstid".into(),
        ),
        Some(_) if frozen > 0 => pick(
            lang,
            || {
                format!(
                    "Binding period ended {} (extended by {frozen} frozen days)",
                    day(extended, lang)
                )
            },
            || {
                format!(
                    "Bindingstiden gikk ut {} (forlenget med {frozen} dager frys)",
                    day(extended, lang)
                )
            },
        ),
        Some(_) => pick(
            lang,
            || format!("Binding period ended {}", day(extended, lang)),
            || format!("Bindingstiden gikk ut {}", day(extended, lang)),
        ),
    }
}

// ---- actions ----

pub fn offer_avtalegiro(lang: Lang) -> String {
    pick(
        lang,
        || "Offer AvtaleGiro: no invoices to remember, fewer missed payments".into(),
        || "Tilby AvtaleGiro: ingen fakturaer å huske, færre glemte betalinger".into(),
    )
}

pub fn follow_up_mandate(state: MandateState, before: Option<NaiveDate>, lang: Lang) -> String {
    let (en, nb) = match state {
        MandateState::Deleted => (
            "renew the AvtaleGiro mandate they deleted",
            "fornye AvtaleGiro-avtalen de slettet",
        ),
        MandateState::Pending => (
            "confirm the AvtaleGiro mandate in their online bank",
            "bekrefte AvtaleGiro-avtalen i nettbanken",
        ),
        _ => (
            "set up AvtaleGiro in their online bank",
            "opprette AvtaleGiro i nettbanken",
        ),
    };
    match before {
        Some(d) => pick(
            lang,
            || format!("Ask the member to {en} before {}", day(d, lang)),
            || format!("Be medlemmet {nb} før {}", day(d, lang)),
        ),
        None => pick(
            lang,
            || format!("Ask the member to {en}"),
            || format!("Be medlemmet {nb}"),
        ),
    }
}

pub fn sms_reminder(n: u32, outstanding: Decimal, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "Friendly SMS about {} ({}), no fee",
                instalments(n, lang),
                format_kr(outstanding)
            )
        },
        || {
            format!(
                "Vennlig SMS om {} ({}), uten gebyr",
                instalments(n, lang),
                format_kr(outstanding)
            )
        },
    )
}

/// "a 35,00 kr fee" / "35,00 kr i gebyr", or "no fee" / "uten gebyr".
fn fee_phrase(fee: Decimal) -> (String, String) {
    if fee > Decimal::ZERO {
        (
            format!("a {} fee", format_kr(fee)),
            format!("{} i gebyr", format_kr(fee)),
        )
    } else {
        ("no fee".into(), "uten gebyr".into())
    }
}

pub fn written_reminder(
    outstanding: Decimal,
    fee: Decimal,
    deadline: NaiveDate,
    lang: Lang,
) -> String {
    let (fee_en, fee_nb) = fee_phrase(fee);
    pick(
        lang,
        || {
            format!(
                "Written reminder for {} with {fee_en}, to pay by {}",
                format_kr(outstanding),
                day(deadline, lang)
            )
        },
        || {
            format!(
                "Skriftlig purring på {} med {fee_nb}, betalingsfrist {}",
                format_kr(outstanding),
                day(deadline, lang)
            )
        },
    )
}

pub fn collection_notice(
    outstanding: Decimal,
    fee: Decimal,
    deadline: NaiveDate,
    lang: Lang,
) -> String {
    let (fee_en, fee_nb) = fee_phrase(fee);
    pick(
        lang,
        || {
            format!(
                "Collection notice (inkassovarsel) for {} with {fee_en}, to pay by {}",
                format_kr(outstanding),
                day(deadline, lang)
            )
        },
        || {
            format!(
                "Inkassovarsel på {} med {fee_nb}, betalingsfrist {}",
                format_kr(outstanding),
                day(deadline, lang)
            )
        },
    )
}

pub fn hand_over(outstanding: Decimal, deadline: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
            "Hand {} over to the collection agency: the collection notice's deadline passed on {}",
            format_kr(outstanding),
            day(deadline, lang)
        )
        },
        || {
            format!(
                "Send {} til inkasso: fristen i inkassovarselet gikk ut {}",
                format_kr(outstanding),
                day(deadline, lang)
            )
        },
    )
}

pub fn call_member(n: u32, outstanding: Decimal, latent: bool, lang: Lang) -> String {
    let (en_tail, nb_tail) = if latent {
        (
            " and ask whether they still train",
            " og spør om de fortsatt trener",
        )
    } else {
        ("", "")
    };
    pick(
        lang,
        || {
            format!(
                "Call the member about {} ({}){en_tail}",
                instalments(n, lang),
                format_kr(outstanding)
            )
        },
        || {
            format!(
                "Ring medlemmet om {} ({}){nb_tail}",
                instalments(n, lang),
                format_kr(outstanding)
            )
        },
    )
}

pub fn call_about_plan(lang: Lang) -> String {
    pick(
        lang,
        || "Call the member about the broken repayment plan".into(),
        || "Ring medlemmet om den brutte nedbetalingsavtalen".into(),
    )
}

pub fn payment_plan(outstanding: Decimal, months: u32, monthly: Decimal, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
            "Propose a repayment plan: {} over {months} months ({} a month) while the monthly fee keeps being paid",
            format_kr(outstanding),
            format_kr(monthly)
        )
        },
        || {
            format!(
            "Foreslå en nedbetalingsavtale: {} over {months} måneder ({} i måneden) mens månedsavgiften betales som vanlig",
            format_kr(outstanding),
            format_kr(monthly)
        )
        },
    )
}

pub fn offer_freeze(bound_until: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "Offer a documented freeze: they have stopped training and are bound until {}",
                day(bound_until, lang)
            )
        },
        || {
            format!(
                "Tilby dokumentert frys: de har sluttet å trene og er bundet til {}",
                day(bound_until, lang)
            )
        },
    )
}

pub fn clarify_membership(silence: i64, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!("Clarify the membership: no visit for {silence} days and fees unpaid, they may believe they have cancelled")
        },
        || {
            format!("Avklar medlemskapet: ikke trent på {silence} dager og ubetalte avgifter, de kan tro at de har sagt opp")
        },
    )
}

pub fn reactivate(silence: i64, lang: Lang) -> String {
    pick(
        lang,
        || format!("Invite the member back: no visit for {silence} days, still paying"),
        || format!("Inviter medlemmet tilbake: ikke trent på {silence} dager, betaler fortsatt"),
    )
}

pub fn cancel_after_binding(contact_by: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
            "Cancel the agreement if contacting the member by {} changes nothing; the binding period is over",
            day(contact_by, lang)
        )
        },
        || {
            format!(
            "Avslutt avtalen hvis kontakt med medlemmet innen {} ikke endrer noe; bindingstiden er over",
            day(contact_by, lang)
        )
        },
    )
}

pub fn restore_access(lang: Lang) -> String {
    pick(
        lang,
        || "Restore access: nothing is overdue".into(),
        || "Gjenåpne tilgangen: ingenting er forfalt".into(),
    )
}

pub fn correct_hold_billing(amount: Decimal, holds: &str, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "Credit {} billed during {holds}, and confirm the hold to the member by SMS",
                format_kr(amount)
            )
        },
        || {
            format!(
                "Krediter {} fakturert under {holds}, og bekreft pausen til medlemmet på SMS",
                format_kr(amount)
            )
        },
    )
}

// ---- suppressions ----

pub fn bound_until(d: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || format!("binding period runs until {}", day(d, lang)),
        || format!("bindingstiden løper til {}", day(d, lang)),
    )
}

pub fn already_cancelled(d: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || format!("cancellation already registered for {}", day(d, lang)),
        || format!("oppsigelse allerede registrert fra {}", day(d, lang)),
    )
}

pub fn below_hand_over_minimum(min: Decimal, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "the debt is below the hand-over minimum of {}; call instead",
                format_kr(min)
            )
        },
        || {
            format!(
                "gjelden er under minstebeløpet for inkasso på {}; ring i stedet",
                format_kr(min)
            )
        },
    )
}

pub fn time_barred(n: u32, outstanding: Decimal, oldest: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
            "{n} time-barred claim(s), {}, oldest due {}: more than three years without a payment or an agreed plan",
            format_kr(outstanding),
            day(oldest, lang)
        )
        },
        || {
            format!(
            "{n} foreldet krav, {}, eldste forfalt {}: mer enn tre år uten betaling eller avtalt nedbetaling",
            format_kr(outstanding),
            day(oldest, lang)
        )
        },
    )
}

pub fn write_off(outstanding: Decimal, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "Write off {}: the claims are time-barred; no reminder, fee or hand-over",
                format_kr(outstanding)
            )
        },
        || {
            format!(
                "Avskriv {}: kravene er foreldet; ingen purring, gebyr eller inkasso",
                format_kr(outstanding)
            )
        },
    )
}

pub fn refund_fee(fee: Decimal, sent_on: NaiveDate, rule: &str, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "Refund the {} fee charged on {}: it breaks the rule \"{rule}\"",
                format_kr(fee),
                day(sent_on, lang)
            )
        },
        || {
            format!(
                "Tilbakebetal gebyret på {} fra {}: det bryter regelen \"{rule}\"",
                format_kr(fee),
                day(sent_on, lang)
            )
        },
    )
}

pub fn keeping_plan(agreed: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "the member keeps the repayment plan agreed on {}",
                day(agreed, lang)
            )
        },
        || {
            format!(
                "medlemmet overholder nedbetalingsavtalen fra {}",
                day(agreed, lang)
            )
        },
    )
}

// --- the member's voice (voice.rs): objections, hardship, promises, contacts ---

pub fn objection_open(
    raised: NaiveDate,
    days_open: i64,
    reason: &str,
    answer_by: NaiveDate,
    lang: Lang,
) -> String {
    let (en_r, nb_r) = if reason.is_empty() {
        (String::new(), String::new())
    } else {
        (format!(" (\"{reason}\")"), format!(" («{reason}»)"))
    };
    pick(
        lang,
        || {
            format!(
            "Objection raised {}{en_r}, open {days_open} days: no fees or escalation on the claims it disputes; answer by {}",
            day(raised, lang),
            day(answer_by, lang)
        )
        },
        || {
            format!(
            "Innsigelse fremsatt {}{nb_r}, åpen i {days_open} dager: ingen gebyrer eller videre inndriving på kravene den gjelder; svar innen {}",
            day(raised, lang),
            day(answer_by, lang)
        )
        },
    )
}

fn hardship_name(kind: crate::input::HardshipKind, lang: Lang) -> &'static str {
    use crate::input::HardshipKind as K;
    match (lang, kind) {
        (Lang::En, K::Illness) => "serious illness",
        (Lang::En, K::Institution) => "an institutional stay",
        (Lang::En, K::PaymentDifficulty) => "payment difficulty",
        (Lang::Nb, K::Illness) => "alvorlig sykdom",
        (Lang::Nb, K::Institution) => "institusjonsopphold",
        (Lang::Nb, K::PaymentDifficulty) => "betalingsvansker",
    }
}

pub fn hardship(
    kind: crate::input::HardshipKind,
    from: NaiveDate,
    to: Option<NaiveDate>,
    lang: Lang,
) -> String {
    let until = |l: Lang| match (to, l) {
        (Some(t), Lang::En) => format!(" until {}", day(t, l)),
        (Some(t), Lang::Nb) => format!(" til {}", day(t, l)),
        (None, _) => String::new(),
    };
    pick(
        lang,
        || {
            format!(
            "The gym knows of {} from {}{}: no fees or escalation; offer a plan, a deferral or a freeze",
            hardship_name(kind, Lang::En),
            day(from, Lang::En),
            until(Lang::En)
        )
        },
        || {
            format!(
            "Senteret kjenner til {} fra {}{}: ingen gebyrer eller videre inndriving; tilby nedbetalingsplan, utsettelse eller frys",
            hardship_name(kind, Lang::Nb),
            day(from, Lang::Nb),
            until(Lang::Nb)
        )
        },
    )
}

pub fn promise_broken(
    promised_on: NaiveDate,
    amount: Option<Decimal>,
    paid: Decimal,
    lang: Lang,
) -> String {
    let amount_en = amount.map_or(String::new(), |a| format!(" {}", format_kr(a)));
    pick(
        lang,
        || {
            format!(
                "Promised to pay{amount_en} by {}; {} was paid: the promise is broken",
                day(promised_on, lang),
                format_kr(paid)
            )
        },
        || {
            format!(
                "Lovet å betale{amount_en} innen {}; {} er betalt: løftet er brutt",
                day(promised_on, lang),
                format_kr(paid)
            )
        },
    )
}

pub fn answer_objection(
    raised: NaiveDate,
    reason: &str,
    answer_by: NaiveDate,
    lang: Lang,
) -> String {
    pick(
        lang,
        || {
            format!(
            "Answer the member's objection of {} (\"{reason}\") by {}, and say how payments were applied",
            day(raised, lang),
            day(answer_by, lang)
        )
        },
        || {
            format!(
            "Svar på innsigelsen fra {} («{reason}») innen {}, og forklar hvordan innbetalinger er ført",
            day(raised, lang),
            day(answer_by, lang)
        )
        },
    )
}

pub fn objection_holds(raised: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || format!("objection raised {}, not resolved", day(raised, lang)),
        || format!("innsigelse fremsatt {}, ikke avklart", day(raised, lang)),
    )
}

pub fn hardship_holds(kind: crate::input::HardshipKind, from: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "hardship ({}) from {}",
                hardship_name(kind, lang),
                day(from, lang)
            )
        },
        || format!("{} fra {}", hardship_name(kind, lang), day(from, lang)),
    )
}

pub fn check_contact_details(wrong_on: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
                "Check the member's contact details: the number was wrong on {}",
                day(wrong_on, lang)
            )
        },
        || {
            format!(
                "Kontroller medlemmets kontaktinformasjon: nummeret var feil {}",
                day(wrong_on, lang)
            )
        },
    )
}

pub fn hardship_offer(
    kind: crate::input::HardshipKind,
    outstanding: Decimal,
    lang: Lang,
) -> String {
    use crate::input::HardshipKind as K;
    match kind {
        K::PaymentDifficulty => pick(
            lang,
            || {
                format!(
                    "Offer a repayment plan or a deferral for {} (payment difficulty)",
                    format_kr(outstanding)
                )
            },
            || {
                format!(
                    "Tilby nedbetalingsplan eller betalingsutsettelse for {} (betalingsvansker)",
                    format_kr(outstanding)
                )
            },
        ),
        _ => pick(
            lang,
            || {
                format!(
                    "Offer a freeze or a deferral while the {} lasts",
                    hardship_name(kind, Lang::En)
                )
            },
            || {
                format!(
                    "Tilby frys eller betalingsutsettelse så lenge {} varer",
                    hardship_name(kind, Lang::Nb)
                )
            },
        ),
    }
}

pub fn hand_over_after_reminder(outstanding: Decimal, deadline: NaiveDate, lang: Lang) -> String {
    pick(
        lang,
        || {
            format!(
            "Hand {} over to the collection agency, which sends the inkassovarsel: the written reminder's deadline passed on {}",
            format_kr(outstanding),
            day(deadline, lang)
        )
        },
        || {
            format!(
            "Send {} til inkassoselskapet, som sender inkassovarselet: fristen i den skriftlige purringen gikk ut {}",
            format_kr(outstanding),
            day(deadline, lang)
        )
        },
    )
}

/// A rejected record's reason in the policy's language. Reasons are written in English where they arise (while a
/// record is read, serde's own messages among them, and while it is validated); under bokmål each known sentence is
/// matched against its English template — `{}` stands for the part that varies, which is kept as it is — and
/// written in Norwegian. A sentence no template knows stays as it was, never garbled.
pub fn rejection_reason(reason: String, lang: Lang) -> String {
    if lang != Lang::Nb {
        return reason;
    }
    // a member rejected for several CSV rows: "<reason>; also <file:line>: <reason>; also …"
    if reason.contains("; also ") {
        let mut pieces = reason.split("; also ");
        let mut out = rejection_reason(pieces.next().unwrap_or_default().to_string(), lang);
        for piece in pieces {
            out.push_str("; også ");
            match piece.split_once(": ") {
                Some((source, why)) => {
                    out.push_str(source);
                    out.push_str(": ");
                    out.push_str(&rejection_reason(why.to_string(), lang));
                }
                None => out.push_str(piece),
            }
        }
        return out;
    }
    // more specific templates first: the first that matches wins
    const TEMPLATES: &[(&str, &str)] = &[
        ("is required but missing", "er påkrevd, men mangler"),
        ("must not be empty", "kan ikke være tom"),
        ("is longer than {} characters", "er lengre enn {} tegn"),
        (
            "the record is not UTF-8 text: byte {} of the input ({}); save the input as UTF-8",
            "posten er ikke UTF-8-tekst: byte {} i dataene ({}); lagre dataene som UTF-8",
        ),
        ("must not be negative", "kan ikke være negativt"),
        ("dates are not plausible", "datoene er ikke sannsynlige"),
        ("not a finite amount", "ikke et endelig beløp"),
        ("empty amount", "tomt beløp"),
        (
            "a promise needs the day the member promised to pay by",
            "et betalingsløfte trenger dagen medlemmet lovet å betale innen",
        ),
        (
            "a contact's channel is phone, sms, email, letter or desk",
            "kanalen for en kontakt er phone, sms, email, letter eller desk",
        ),
        (
            "\"{}\" is not a date (write it as YYYY-MM-DD)",
            "\"{}\" er ikke en dato (skriv den som ÅÅÅÅ-MM-DD)",
        ),
        ("\"{}\" is not a real date", "\"{}\" er ikke en gyldig dato"),
        (
            "\"{}\" is neither a date (YYYY-MM-DD) nor an RFC 3339 date-time",
            "\"{}\" er verken en dato (ÅÅÅÅ-MM-DD) eller et RFC 3339-tidspunkt",
        ),
        (
            "\"{}\" is not a decimal amount (write it like \"549.00\")",
            "\"{}\" er ikke et desimalbeløp (skriv det som \"549.00\")",
        ),
        (
            "{} is not a representable amount",
            "{} kan ikke leses som et beløp",
        ),
        (
            "{} is not a plausible date",
            "{} er ikke en sannsynlig dato",
        ),
        (
            "{} is more than 1 000 000 000 kr, which no gym bills",
            "{} er mer enn 1 000 000 000 kr, som intet treningssenter fakturerer",
        ),
        ("{} is negative", "{} er negativt"),
        (
            "{} entries is more than the {} one member may have",
            "{} oppføringer er flere enn de {} ett medlem kan ha",
        ),
        (
            "instalment id {} appears twice",
            "avdrags-id {} forekommer to ganger",
        ),
        (
            "the binding period ends ({}) before the member joined ({})",
            "bindingstiden slutter ({}) før medlemmet meldte seg inn ({})",
        ),
        (
            "cancelled ({}) before joining ({})",
            "oppsagt ({}) før innmelding ({})",
        ),
        (
            "the {} ends ({}) before it starts ({})",
            "{} slutter ({}) før den begynner ({})",
        ),
        (
            "resolved ({}) before it was raised ({})",
            "løst ({}) før den ble reist ({})",
        ),
        (
            "the member promised to pay by {}, before the contact on {}",
            "medlemmet lovet å betale innen {}, før kontakten {}",
        ),
        (
            "a member must be a JSON object ({})",
            "et medlem må være et JSON-objekt ({})",
        ),
        (
            "\"{}\" is not true or false",
            "\"{}\" er verken true eller false",
        ),
        (
            "a quote (\") opened on this line is not closed before the line ends",
            "et anførselstegn (\") som åpnes på denne linjen, lukkes ikke før linjen slutter",
        ),
        (
            "has {} columns where the header has {}",
            "har {} kolonner der overskriften har {}",
        ),
        (
            "no member with this id in members.csv",
            "ingen medlem med denne id-en i members.csv",
        ),
        (
            "duplicate id: members.csv:{} has the same id",
            "duplisert id: members.csv:{} har samme id",
        ),
        (
            "unknown variant `{}`, expected one of {}",
            "ukjent verdi `{}`, forventet en av {}",
        ),
        (
            "unknown variant `{}`, expected {}",
            "ukjent verdi `{}`, forventet {}",
        ),
        (
            "invalid type: {}, expected {}",
            "ugyldig type: {}, forventet {}",
        ),
        (
            "invalid value: {}, expected {}",
            "ugyldig verdi: {}, forventet {}",
        ),
        (
            "invalid length {}, expected {}",
            "ugyldig lengde {}, forventet {}",
        ),
    ];
    for (en, nb) in TEMPLATES {
        if let Some(parts) = fill(en, &reason) {
            let mut out = String::with_capacity(nb.len() + reason.len());
            let mut parts = parts.into_iter();
            let mut pieces = nb.split("{}").peekable();
            while let Some(piece) = pieces.next() {
                out.push_str(piece);
                if pieces.peek().is_some() {
                    out.push_str(&hold_word(parts.next().unwrap_or_default()));
                }
            }
            return out;
        }
    }
    reason
}

/// The varying parts of `text` when it has the shape of `template` (`{}` for each part), else `None`.
fn fill<'a>(template: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let literals: Vec<&str> = template.split("{}").collect();
    let (first, rest) = literals.split_first()?;
    let mut at = text.strip_prefix(first)?;
    let mut parts = Vec::new();
    for (k, lit) in rest.iter().enumerate() {
        let last = k + 1 == rest.len();
        let cut = if last {
            if !at.ends_with(lit) {
                return None;
            }
            at.len().checked_sub(lit.len())?
        } else {
            at.find(lit)?
        };
        parts.push(at.get(..cut)?);
        at = at.get(cut + lit.len()..)?;
    }
    (literals.len() == 1 && at.is_empty() || literals.len() > 1).then_some(parts)
}

/// The Norwegian of a varying part where it is a word: a hold's kind ("the freeze ends … before it starts") or
/// one of serde's names for a JSON type ("invalid type: string \"x\", expected a sequence").
fn hold_word(part: &str) -> String {
    let word = match part {
        "freeze" => "frysen",
        "deferral" => "utsettelsen",
        "hardship" => "den vanskelige perioden",
        "a sequence" => "en liste",
        "a string" => "en tekst",
        "a boolean" => "en sannhetsverdi (true eller false)",
        "a map" | "a JSON object" => "et objekt",
        "map" => "et objekt",
        "sequence" => "en liste",
        "null" => "null",
        // (issue 17) a member's part written as an array: "expected struct HoldInput"
        _ if part.starts_with("struct ") => "et objekt",
        _ => "",
    };
    if !word.is_empty() {
        return word.to_string();
    }
    for (en, nb) in [
        ("string ", "tekst "),
        ("integer ", "heltall "),
        ("floating point ", "desimaltall "),
        ("boolean ", "sannhetsverdi "),
    ] {
        if let Some(rest) = part.strip_prefix(en) {
            return format!("{nb}{rest}");
        }
    }
    part.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn formats_round_trip() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(crate::dates::format_date(d), "2026-09-01");
        assert_eq!(format_human(d, Lang::En), "1 Sep 2026");
        assert_eq!(format_human(d, Lang::Nb), "1. sep. 2026");
    }

    #[test]
    fn rejection_reasons_in_bokmal() {
        let nb = |s: &str| rejection_reason(s.to_string(), Lang::Nb);
        assert_eq!(nb("is required but missing"), "er påkrevd, men mangler");
        assert_eq!(
            nb("\"2024-13-01\" is not a real date"),
            "\"2024-13-01\" er ikke en gyldig dato"
        );
        assert_eq!(nb("-5 is negative"), "-5 er negativt");
        assert_eq!(
            nb("the freeze ends (2026-01-01) before it starts (2026-02-01)"),
            "frysen slutter (2026-01-01) før den begynner (2026-02-01)"
        );
        assert_eq!(
            nb("unknown variant `gone`, expected one of `active`, `pending`"),
            "ukjent verdi `gone`, forventet en av `active`, `pending`"
        );
        // English stays English, and a sentence no template knows is left whole
        assert_eq!(
            rejection_reason("-5 is negative".into(), Lang::En),
            "-5 is negative"
        );
        assert_eq!(
            nb("invalid type: string \"x\", expected a sequence"),
            "ugyldig type: tekst \"x\", forventet en liste"
        );
        assert_eq!(
            nb("has 11 columns where the header has 10; also instalments.csv:4: \"yes\" is not true or false"),
            "har 11 kolonner der overskriften har 10; også instalments.csv:4: \"yes\" er verken true eller false"
        );
        assert_eq!(
            nb("invalid type: sequence, expected struct HoldInput"),
            "ugyldig type: en liste, forventet et objekt"
        );
        assert_eq!(nb("something new"), "something new");
        assert_eq!(nb("must not be empty, really"), "must not be empty, really");
    }
}
