//! The monthly portfolio report: where the arrears sit and the key figures the gyms watch.
//!
//! Besides counts per band, signal and action, it lists what `DOMAIN.md` says the chains ask for every
//! month: the members with more than three unpaid instalments, all members with unpaid instalments, the
//! ageing of the arrears, how concentrated they are (share held by the top 10 % of debtors, Gini
//! coefficient, Lorenz curve), the latent members to follow up, and CrediCare's key figures. There is no
//! industry standard for the key figures, so each carries its definition and its date range.

use crate::codes::{ActionCode, Band, SignalCode};
use crate::dates;
use crate::input::{MandateState, PaymentMethod, ReminderKind};
use crate::money::Money;
use crate::output::Rejection;
use crate::policy::Policy;
use crate::signals::round;
use chrono::{Duration, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    #[serde(with = "dates::day")]
    pub as_of: NaiveDate,
    pub members: MemberCounts,
    pub bands: BTreeMap<Band, u32>,
    pub signals: BTreeMap<SignalCode, u32>,
    pub actions: BTreeMap<ActionCode, u32>,
    /// Members with more than three unpaid instalments (`DOMAIN.md`: hard to recover).
    pub more_than_three_unpaid: Vec<UnpaidRow>,
    /// Every member with unpaid instalments, largest debt first.
    pub unpaid: Vec<UnpaidRow>,
    pub ageing: Vec<AgeingBucket>,
    pub concentration: Concentration,
    pub latent: Vec<LatentRow>,
    pub avtalegiro_share: KeyFigure,
    pub key_figures: Vec<KeyFigure>,
    pub rejected: Vec<Rejection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberCounts {
    pub input: usize,
    pub assessed: usize,
    pub rejected: usize,
    /// Assessed members not cancelled as of `asOf`.
    pub active: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnpaidRow {
    pub member_id: String,
    /// Unpaid fee instalments, as the assessment's `unpaid_instalments` counts them.
    pub count: u32,
    /// Missed instalments of a repayment plan, beside the fee instalments (not in `count`).
    pub plan_instalments: u32,
    pub outstanding: Money,
    #[serde(with = "dates::day")]
    pub oldest_due_on: NaiveDate,
    pub days_overdue: i64,
    pub band: Band,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgeingBucket {
    /// `1-30`, `31-60`, `61-90`, `91-180`, `181+` days overdue.
    pub bucket: String,
    pub from_days: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_days: Option<i64>,
    pub instalments: u32,
    pub members: u32,
    pub outstanding: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Concentration {
    pub debtors: usize,
    pub total_outstanding: Money,
    /// Share of all arrears held by the 10 % of debtors who owe most (at least one debtor).
    pub top10_percent_share: f64,
    /// Gini coefficient of arrears among debtors: 0 = all owe the same, 1 = one owes everything.
    pub gini: f64,
    /// Lorenz curve: `[share of debtors, share of arrears they hold]`, smallest debts first, in tenths.
    pub lorenz: Vec<[f64; 2]>,
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LatentRow {
    pub member_id: String,
    pub days_since_last_visit: i64,
    #[serde(
        default,
        with = "dates::opt_day",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_visit_on: Option<NaiveDate>,
    pub unpaid: u32,
    pub band: Band,
}

/// A key figure with its definition and the dates it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyFigure {
    pub code: String,
    pub name: String,
    /// `numerator / denominator`, or `null` when the denominator is zero.
    pub value: Option<f64>,
    pub numerator: u64,
    pub denominator: u64,
    pub definition: String,
    #[serde(with = "dates::day")]
    pub from: NaiveDate,
    #[serde(with = "dates::day")]
    pub to: NaiveDate,
}

fn ratio(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| round(n as f64 / d as f64, 4))
}

/// A member with its facts and assessment: what the report is built from ([`crate::Engine::run`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    pub checked: crate::validate::Checked,
    pub facts: crate::derive::Facts,
    pub assessment: crate::output::Assessment,
}

/// One member's part of the report: what [`Builder`] adds up, computed where the member was assessed (any
/// thread) so that a streamed batch need not carry the member to the thread that adds up (issue 18).
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    band: Band,
    signals: Vec<SignalCode>,
    actions: Vec<ActionCode>,
    active: bool,
    with_mandate: bool,
    unpaid: Option<UnpaidRow>,
    /// Per ageing bucket: the member's instalments in it and what they leave outstanding.
    ageing: [(u32, Decimal); 5],
    latent: Option<LatentRow>,
    issued: u64,
    on_time: u64,
    reminded: u64,
    noticed: u64,
    open_followed: u64,
}

impl Tally {
    /// A member's part of the report of `as_of` under `policy`.
    pub fn of(e: &Evaluated, as_of: NaiveDate, policy: &Policy) -> Tally {
        let from = as_of - Duration::days(policy.report_window_days);
        let (m, f, a) = (&e.checked.member, &e.facts, &e.assessment);
        let mut c = Tally {
            band: a.band,
            signals: a.signals.iter().map(|s| s.code).collect(),
            actions: a.actions.iter().map(|x| x.code).collect(),
            active: f.active,
            with_mandate: m.payment_method == Some(PaymentMethod::Avtalegiro)
                && m.mandate == MandateState::Active,
            unpaid: None,
            ageing: [(0, Decimal::ZERO); 5],
            latent: None,
            issued: 0,
            on_time: 0,
            reminded: 0,
            noticed: 0,
            open_followed: 0,
        };
        let arrears: Vec<usize> = f
            .unpaid
            .iter()
            .chain(f.plan_missed.iter())
            .copied()
            .collect();
        if let Some(&oldest) = arrears
            .iter()
            .min_by_key(|&&i| f.instalments[i].effective_due)
        {
            c.unpaid = Some(UnpaidRow {
                member_id: m.id.clone(),
                count: f.unpaid.len() as u32,
                plan_instalments: f.plan_missed.len() as u32,
                outstanding: Money(crate::money::add(f.unpaid_outstanding, f.plan_outstanding)),
                oldest_due_on: f
                    .due_shown(m, oldest)
                    .unwrap_or(f.instalments[oldest].effective_due),
                days_overdue: f.instalments[oldest].days_overdue,
                band: a.band,
            });
            for &i in &arrears {
                let d = f.instalments[i].days_overdue;
                if let Some(b) = BUCKETS
                    .iter()
                    .position(|(lo, hi, _)| d >= *lo && hi.is_none_or(|h| d <= h))
                {
                    c.ageing[b].0 += 1;
                    // saturating: see money::sum (a portfolio cannot reach the bound)
                    c.ageing[b].1 = crate::money::add(c.ageing[b].1, f.instalments[i].outstanding);
                }
            }
        }
        if a.signals.iter().any(|s| s.code == SignalCode::Latent) {
            c.latent = Some(LatentRow {
                member_id: m.id.clone(),
                days_since_last_visit: f.attendance.silence_days,
                last_visit_on: f.attendance.last_visit,
                unpaid: f.unpaid.len() as u32,
                band: a.band,
            });
        }
        // claims issued in the window
        let reminded_of = crate::derive::ReminderIndex::new(m);
        for (i, inst) in m.instalments.iter().enumerate() {
            let fi = &f.instalments[i];
            // only claims whose due date has passed: one due today can still be paid on time
            if inst.due_on <= from
                || fi.effective_due >= as_of
                || inst.waived
                || fi.in_freeze.is_some()
                || inst.amount <= Decimal::ZERO
            {
                continue;
            }
            c.issued += 1;
            // paid in full (a credit balance set off against it counts), and not paid late
            if fi.outstanding <= Decimal::ZERO && inst.paid_on.is_none_or(|p| p <= fi.effective_due)
            {
                c.on_time += 1;
            }
            if reminded_of.any(m, i, fi) {
                c.reminded += 1;
                if crate::money::positive(fi.outstanding) {
                    c.open_followed += 1;
                }
            }
            if reminded_of
                .last_sent(m, i, fi, ReminderKind::CollectionNotice)
                .is_some()
            {
                c.noticed += 1;
            }
        }
        c
    }
}

/// Builds the report of members already evaluated.
pub fn build(
    evaluated: &[Evaluated],
    rejected: &[Rejection],
    input: usize,
    as_of: NaiveDate,
    policy: &Policy,
) -> Report {
    let mut b = Builder::new(as_of, policy);
    for e in evaluated {
        b.add(e);
    }
    b.finish(rejected, input)
}

/// One more of `code` in `counts` (kept in the order of `all`, every code of its kind).
fn count<T: PartialEq>(all: &[T], counts: &mut [u32], code: T) {
    if let Some(n) = all
        .iter()
        .position(|c| *c == code)
        .and_then(|i| counts.get_mut(i))
    {
        *n = n.saturating_add(1);
    }
}

/// Counts per code as the report's map: every code, zero or not (inserted one by one: collecting into a
/// `BTreeMap` sorts, and that sort was compiled once per kind of code).
fn tallied<T: Ord + Copy>(all: &[T], counts: &[u32]) -> BTreeMap<T, u32> {
    let mut map = BTreeMap::new();
    for (code, n) in all.iter().zip(counts) {
        map.insert(*code, *n);
    }
    map
}

/// The report built on the way, one member at a time, so a streamed batch need not be held in memory
/// (issue 18): counts, key figures' tallies and the rows of members with arrears or gone latent.
#[derive(Debug, Clone)]
pub struct Builder<'p> {
    as_of: NaiveDate,
    policy: &'p Policy,
    from: NaiveDate,
    assessed: usize,
    // counts per code, in the order of `ALL` (made into the report's maps by `finish`)
    bands: [u32; Band::ALL.len()],
    signals: [u32; SignalCode::ALL.len()],
    actions: [u32; ActionCode::ALL.len()],
    unpaid: Vec<UnpaidRow>,
    latent: Vec<LatentRow>,
    ageing: Vec<AgeingBucket>,
    active: u64,
    paying: u64,
    with_mandate: u64,
    issued: u64,
    on_time: u64,
    reminded: u64,
    noticed: u64,
    open_followed: u64,
}

const BUCKETS: [(i64, Option<i64>, &str); 5] = [
    (1, Some(30), "1-30"),
    (31, Some(60), "31-60"),
    (61, Some(90), "61-90"),
    (91, Some(180), "91-180"),
    (181, None, "181+"),
];

impl<'p> Builder<'p> {
    pub fn new(as_of: NaiveDate, policy: &'p Policy) -> Builder<'p> {
        Builder {
            as_of,
            policy,
            from: as_of - Duration::days(policy.report_window_days),
            assessed: 0,
            bands: [0; Band::ALL.len()],
            signals: [0; SignalCode::ALL.len()],
            actions: [0; ActionCode::ALL.len()],
            unpaid: Vec::new(),
            latent: Vec::new(),
            ageing: BUCKETS
                .iter()
                .map(|(f, t, name)| AgeingBucket {
                    bucket: (*name).into(),
                    from_days: *f,
                    to_days: *t,
                    instalments: 0,
                    members: 0,
                    outstanding: Money::ZERO,
                })
                .collect(),
            active: 0,
            paying: 0,
            with_mandate: 0,
            issued: 0,
            on_time: 0,
            reminded: 0,
            noticed: 0,
            open_followed: 0,
        }
    }

    /// Counts one assessed member in.
    pub fn add(&mut self, e: &Evaluated) {
        let c = Tally::of(e, self.as_of, self.policy);
        self.add_tally(c);
    }

    /// Counts in one member's part, computed where the member was assessed ([`Tally::of`]).
    pub fn add_tally(&mut self, c: Tally) {
        self.assessed += 1;
        count(Band::ALL, &mut self.bands, c.band);
        for s in c.signals {
            count(SignalCode::ALL, &mut self.signals, s);
        }
        for x in c.actions {
            count(ActionCode::ALL, &mut self.actions, x);
        }
        if c.active {
            self.active += 1;
            self.paying += 1;
            if c.with_mandate {
                self.with_mandate += 1;
            }
        }
        for (bucket, (instalments, outstanding)) in self.ageing.iter_mut().zip(c.ageing) {
            if instalments > 0 {
                bucket.instalments += instalments;
                // saturating: see money::sum (a portfolio cannot reach the bound)
                bucket.outstanding.0 = crate::money::add(bucket.outstanding.0, outstanding);
                bucket.members += 1;
            }
        }
        self.unpaid.extend(c.unpaid);
        self.latent.extend(c.latent);
        self.issued += c.issued;
        self.on_time += c.on_time;
        self.reminded += c.reminded;
        self.noticed += c.noticed;
        self.open_followed += c.open_followed;
    }

    /// The report, once every member is in.
    pub fn finish(self, rejected: &[Rejection], input: usize) -> Report {
        let Builder {
            as_of,
            policy,
            from,
            assessed,
            bands,
            signals,
            actions,
            mut unpaid,
            mut latent,
            ageing,
            active,
            paying,
            with_mandate,
            issued,
            on_time,
            reminded,
            noticed,
            open_followed,
        } = self;
        crate::order::sort_by(&mut unpaid, |a, b| {
            b.outstanding
                .cmp(&a.outstanding)
                .then_with(|| a.member_id.cmp(&b.member_id))
        });
        crate::order::sort_by(&mut latent, |a, b| {
            b.days_since_last_visit
                .cmp(&a.days_since_last_visit)
                .then_with(|| a.member_id.cmp(&b.member_id))
        });
        let more_than_three_unpaid: Vec<UnpaidRow> =
            unpaid.iter().filter(|r| r.count > 3).cloned().collect();
        let mut concentration = concentration(&unpaid);

        // names and definitions in the policy's language: (English, Norwegian bokmål)
        let nb = policy.language == crate::policy::Lang::Nb;
        let say = |en: &'static str, no: &'static str| if nb { no } else { en };
        if nb {
            concentration.definition = "blant medlemmer med ubetalte avdrag: andelen av all restanse hos de øverste 10 % (rundet opp) av skyldnerne; Gini-koeffisienten for gjelden deres; Lorenz-kurven i tideler av skyldnerne, minste gjeld først".into();
        }
        let figure = |code: &str, name: &str, n: u64, d: u64, definition: &str| KeyFigure {
            code: code.into(),
            name: name.into(),
            value: ratio(n, d),
            numerator: n,
            denominator: d,
            definition: definition.into(),
            from,
            to: as_of,
        };
        let avtalegiro_share = KeyFigure {
            from: as_of,
            ..figure(
                "avtalegiro_share",
                say("AvtaleGiro share", "AvtaleGiro-andel"),
                with_mandate,
                paying,
                say(
                    "members paying by AvtaleGiro with an active mandate / paying (not cancelled) members, on asOf",
                    "medlemmer som betaler med AvtaleGiro med aktiv avtale / betalende (ikke oppsagte) medlemmer, per asOf",
                ),
            )
        };
        let key_figures = vec![
            avtalegiro_share.clone(),
            figure(
                "betalingsgrad",
                say("Betalingsgrad (paid on time)", "Betalingsgrad (betalt i tide)"),
                on_time,
                issued,
                say(
                    "instalments paid in full by their (deferral-adjusted) due date / instalments whose due date has passed in the window (due today not yet counted; waived and freeze-billed ones excluded)",
                    "avdrag betalt fullt innen (utsatt) forfall / avdrag med passert forfall i perioden (forfall i dag telles ikke ennå; ettergitte og fakturert under frys holdt utenfor)",
                ),
            ),
            figure(
                "purreandel",
                say("Purreandel (reminded)", "Purreandel (purret)"),
                reminded,
                issued,
                say(
                    "instalments that got at least one reminder (SMS, written or collection notice) / instalments due in the window",
                    "avdrag med minst én purring (SMS, skriftlig eller inkassovarsel) / avdrag som forfalt i perioden",
                ),
            ),
            figure(
                "share_to_collection",
                say("Share to collection", "Andel til inkasso"),
                noticed,
                issued,
                say(
                    "instalments that got a collection notice, the step before hand-over (hand-overs themselves are not in the input) / instalments due in the window",
                    "avdrag med inkassovarsel, steget før oversendelse (oversendelser er ikke i dataene) / avdrag som forfalt i perioden",
                ),
            ),
            KeyFigure {
                value: ratio(reminded.saturating_sub(open_followed), reminded),
                ..figure(
                    "losningsgrad",
                    say("Løsningsgrad (resolved)", "Løsningsgrad (løst)"),
                    reminded.saturating_sub(open_followed),
                    reminded,
                    say(
                        "1 − reminded instalments still unpaid on asOf / instalments that got a reminder, among those due in the window",
                        "1 − purrede avdrag fortsatt ubetalt per asOf / avdrag som ble purret, blant dem som forfalt i perioden",
                    ),
                )
            },
        ];

        Report {
            as_of,
            members: MemberCounts {
                input,
                assessed,
                rejected: rejected.len(),
                active: active as usize,
            },
            bands: tallied(Band::ALL, &bands),
            signals: tallied(SignalCode::ALL, &signals),
            actions: tallied(ActionCode::ALL, &actions),
            more_than_three_unpaid,
            unpaid,
            ageing,
            concentration,
            latent,
            avtalegiro_share,
            key_figures,
            rejected: rejected.to_vec(),
        }
    }
}

/// How concentrated the arrears are among debtors.
pub fn concentration(rows: &[UnpaidRow]) -> Concentration {
    let mut amounts: Vec<Decimal> = rows.iter().map(|r| r.outstanding.0).collect();
    crate::order::sort(&mut amounts);
    let n = amounts.len();
    let total: Decimal = crate::money::sum(amounts.iter().copied());
    let definition = "among members with unpaid instalments: the share of all arrears held by the top 10 % (rounded up) of debtors; the Gini coefficient of their debts; the Lorenz curve in tenths of debtors, smallest debts first, exact between debtors (linear within a debtor's share)".to_string();
    if n == 0 || total <= Decimal::ZERO {
        return Concentration {
            debtors: n,
            total_outstanding: Money(total),
            top10_percent_share: 0.0,
            gini: 0.0,
            lorenz: (0..=10)
                .map(|j| [j as f64 / 10.0, j as f64 / 10.0])
                .collect(),
            definition,
        };
    }
    let t = total.to_f64().unwrap_or(1.0);
    let top = n.div_ceil(10);
    let top_sum: Decimal = crate::money::sum(amounts.iter().rev().take(top).copied());
    let weighted: f64 = amounts
        .iter()
        .enumerate()
        .map(|(i, a)| (i as f64 + 1.0) * a.to_f64().unwrap_or(0.0))
        .sum();
    let nf = n as f64;
    let gini = (2.0 * weighted) / (nf * t) - (nf + 1.0) / nf;
    let mut cum = Vec::with_capacity(n + 1);
    cum.push(Decimal::ZERO);
    for a in &amounts {
        let last = cum.last().copied().unwrap_or(Decimal::ZERO);
        cum.push(crate::money::add(last, *a));
    }
    // the Lorenz curve of n debtors is piecewise linear between k/n; at j/10 it is cum[k] plus the share
    // (j·n/10 − k) of the next debtor's debt, computed exactly in decimals
    let lorenz = (0..=10usize)
        .map(|j| {
            let k = (j * n) / 10;
            let rest = Decimal::from((j * n) % 10) / Decimal::from(10);
            // a debt times a fraction below one: no larger than the debt
            let part = amounts.get(k).copied().unwrap_or(Decimal::ZERO) * rest;
            let held = crate::money::add(cum[k.min(n)], part);
            [j as f64 / 10.0, round(held.to_f64().unwrap_or(0.0) / t, 4)]
        })
        .collect();
    Concentration {
        debtors: n,
        total_outstanding: Money(total),
        top10_percent_share: round(top_sum.to_f64().unwrap_or(0.0) / t, 4),
        gini: round(gini.max(0.0), 4),
        lorenz,
        definition,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, kr: i64) -> UnpaidRow {
        UnpaidRow {
            member_id: id.into(),
            count: 1,
            plan_instalments: 0,
            outstanding: Money(Decimal::from(kr)),
            oldest_due_on: NaiveDate::MIN,
            days_overdue: 1,
            band: Band::Watch,
        }
    }

    #[test]
    fn equal_debts_are_not_concentrated() {
        let c = concentration(
            &(0..10)
                .map(|i| row(&i.to_string(), 500))
                .collect::<Vec<_>>(),
        );
        assert_eq!((c.gini, c.top10_percent_share), (0.0, 0.1));
        assert_eq!(c.lorenz[5], [0.5, 0.5]);
    }

    #[test]
    fn one_large_debt_among_small_ones_is() {
        // nine owe 100, one owes 9,100: the top 10 % hold 91 %
        let mut rows: Vec<UnpaidRow> = (0..9).map(|i| row(&i.to_string(), 100)).collect();
        rows.push(row("big", 9100));
        let c = concentration(&rows);
        assert_eq!(c.top10_percent_share, 0.91);
        // G = (2 Σ i·x_i)/(n Σx) − (n+1)/n = (2·(45·100 + 10·9100))/(10·10000) − 1.1 = 0.81
        assert_eq!(c.gini, 0.81);
        assert_eq!(c.lorenz[9], [0.9, 0.09]);
        assert_eq!(c.lorenz[10], [1.0, 1.0]);
    }

    #[test]
    fn the_lorenz_curve_is_exact_between_debtors() {
        // three debtors owing 100, 200, 700: at 50 % of debtors, 1.5 debtors hold 100 + 0.5 · 200 = 200 of 1,000
        let c = concentration(&[row("a", 100), row("b", 200), row("c", 700)]);
        assert_eq!(c.lorenz[5], [0.5, 0.2]);
        // at 10 %: 0.3 of the smallest debtor, 30 of 1,000
        assert_eq!(c.lorenz[1], [0.1, 0.03]);
        assert_eq!(c.lorenz[10], [1.0, 1.0]);
    }
}
