//! A realistic synthetic gym: the built-in sample the README runs on, and the data of the tests and
//! benchmarks.
//!
//! The chain is modelled on `DOMAIN.md`: about 87 % of members pay by AvtaleGiro, about 9 in 10 pay on
//! time, and the rest are the cases the front desk meets — late payers, members drifting into arrears,
//! latent members who stopped training (some still paying, some who believe they cancelled and stopped
//! paying too), freezes and deferrals, repayment plans kept and broken, cancelled members with debts left,
//! new members whose mandate is still pending, and data errors (billed during a freeze, blocked though paid,
//! visits before joining). Regular members also take holidays, so silence alone does not mean latent.
//!
//! Every member is drawn from its own seeded ChaCha8 stream (`seed`, member number), so the output is
//! identical on every platform, and the first N members of a larger sample are the N members of a smaller
//! one. [`generate_with_truth`] also returns what the generator knows and the engine must infer: who really
//! went latent and when, and each member's behaviour.

use restanse::input::Money;
use restanse::input::*;

pub mod history;
use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use serde::Serialize;

/// How a simulated member behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Behaviour {
    Regular,
    LatePayer,
    Drifting,
    LatentPaying,
    LatentUnpaid,
    Frozen,
    Deferred,
    OnPlan,
    PlanBroken,
    BilledDuringFreeze,
    PaidButBlocked,
    Cancelled,
}

/// What the generator knows about a member that the engine has to infer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Truth {
    pub member_id: String,
    pub behaviour: Behaviour,
    /// The day the member stopped training for good, if they did.
    #[serde(with = "restanse::input::opt_day")]
    pub latent_since: Option<NaiveDate>,
    /// The first instalment the member stopped paying, if they did.
    #[serde(with = "restanse::input::opt_day")]
    pub stopped_paying_on: Option<NaiveDate>,
}

/// A sample gym as members in the input contract.
/// The largest sample gym made (issue 14): `restanse sample --members`, `--sample` and the package's
/// `sampleGym` refuse more.
pub const MAX_MEMBERS: usize = 100_000;

/// The largest sample gym `restanse sample` writes, member by member (issue 18: 1.3 million, Norway's gyms,
/// and more).
pub const MAX_STREAMED_MEMBERS: usize = 100_000_000;

/// The sample gym one member at a time, with the truth behind each: memory does not grow with `members`.
pub fn members(
    members: usize,
    seed: u64,
    as_of: NaiveDate,
) -> impl Iterator<Item = (MemberInput, Truth)> {
    (0..members).map(move |i| member(i, seed, as_of))
}

pub fn generate(members: usize, seed: u64, as_of: NaiveDate) -> Vec<MemberInput> {
    (0..members).map(|i| member(i, seed, as_of).0).collect()
}

/// A sample gym with the truth behind each member.
pub fn generate_with_truth(
    members: usize,
    seed: u64,
    as_of: NaiveDate,
) -> Vec<(MemberInput, Truth)> {
    (0..members).map(|i| member(i, seed, as_of)).collect()
}

/// A sample gym as a JSON array (the input contract).
pub fn generate_json(members: usize, seed: u64, as_of: NaiveDate) -> String {
    serde_json::to_string(&generate(members, seed, as_of)).unwrap_or_else(|_| "[]".into())
}

fn money(kr: i64) -> Money {
    Money(Decimal::new(kr * 100, 2))
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn add_months(d: NaiveDate, months: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + months;
    NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

// Floating-point draws go through `libm`, the same implementation on every platform, so the sample gym is
// bit-for-bit the same natively and in WebAssembly (the platform's own exp/ln may differ in the last bit).

/// A standard normal draw (Box–Muller).
fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    let (u1, u2): (f64, f64) = (rng.gen(), rng.gen());
    libm::sqrt(-2.0 * libm::log(1.0 - u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
}

/// An exponential draw with mean 1.
fn exponential(rng: &mut ChaCha8Rng) -> f64 {
    -libm::log(1.0 - rng.gen::<f64>())
}

fn pick_behaviour(r: f64) -> Behaviour {
    use Behaviour::*;
    const TABLE: [(f64, Behaviour); 12] = [
        (0.035, LatePayer),
        (0.030, Drifting),
        (0.050, LatentPaying),
        (0.025, LatentUnpaid),
        (0.030, Frozen),
        (0.015, Deferred),
        (0.010, OnPlan),
        (0.006, PlanBroken),
        (0.006, BilledDuringFreeze),
        (0.006, PaidButBlocked),
        (0.030, Cancelled),
        (1.0, Regular),
    ];
    let mut acc = 0.0;
    for (p, b) in TABLE {
        acc += p;
        if r < acc {
            return b;
        }
    }
    Regular
}

/// The day the new inkassolov applies in the default policy: the sample gym follows the default policy's law
/// (read once: the default policy is built whole).
fn new_act_from() -> NaiveDate {
    static FROM: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();
    *FROM.get_or_init(|| restanse::policy::Policy::default().law.new_act_from)
}

fn member(i: usize, seed: u64, as_of: NaiveDate) -> (MemberInput, Truth) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(i as u64 + 1);
    let id = format!("M-{:06}", i + 1);
    let behaviour = pick_behaviour(rng.gen());
    use Behaviour as B;

    // joining and binding
    let new_member = rng.gen_bool(0.06);
    let tenure = if new_member {
        rng.gen_range(5..60)
    } else {
        rng.gen_range(60..1500)
    };
    let joined_on = as_of - Duration::days(tenure);
    let binding_ends_on = rng.gen_bool(0.75).then(|| joined_on + Duration::days(365));
    let fee_kr = [399, 449, 499, 549, 599, 649, 699][rng.gen_range(0u32..7) as usize];
    let monthly_fee = money(fee_kr);

    let method_roll: f64 = rng.gen();
    let payment_method = match method_roll {
        r if r < 0.87 => PaymentMethod::Avtalegiro,
        r if r < 0.92 => PaymentMethod::Efaktura,
        r if r < 0.96 => PaymentMethod::Invoice,
        r if r < 0.98 => PaymentMethod::Card,
        _ => PaymentMethod::Vipps,
    };
    let mut mandate = if payment_method != PaymentMethod::Avtalegiro {
        MandateState::Missing
    } else if tenure < 40 && rng.gen_bool(0.6) {
        MandateState::Pending
    } else {
        match rng.gen::<f64>() {
            r if r < 0.015 => MandateState::Missing,
            r if r < 0.03 => MandateState::Deleted,
            _ => MandateState::Active,
        }
    };

    // cancellation
    let cancelled_on = (behaviour == B::Cancelled && tenure > 120)
        .then(|| as_of - Duration::days(rng.gen_range(20..(tenure - 60).min(300))));
    let end = cancelled_on.unwrap_or(as_of);

    // holds
    let mut holds = Vec::new();
    let hold_start = |rng: &mut ChaCha8Rng, max_back: i64| {
        as_of - Duration::days(rng.gen_range(10..max_back.max(11)))
    };
    match behaviour {
        B::Frozen | B::BilledDuringFreeze if tenure > 90 => {
            let from = hold_start(&mut rng, tenure.min(300) - 30);
            let to = from + Duration::days(rng.gen_range(28..92));
            let note =
                ["injury", "pregnancy", "travel", "illness"][rng.gen_range(0u32..4) as usize];
            holds.push(HoldInput {
                kind: HoldKind::Freeze,
                from,
                to,
                note: Some(note.into()),
            });
        }
        B::Deferred if tenure > 60 => {
            let from = first_of_month(as_of) - Duration::days(rng.gen_range(3..40));
            let to = from + Duration::days(rng.gen_range(20..60));
            holds.push(HoldInput {
                kind: HoldKind::Deferral,
                from,
                to,
                note: Some("agreed at the desk".into()),
            });
        }
        _ => {}
    }
    let frozen = |d: NaiveDate| {
        holds
            .iter()
            .any(|h| h.kind == HoldKind::Freeze && h.from <= d && d <= h.to)
    };

    // training: a renewal process at the member's own rhythm, holidays for some, a stop for the latent
    let latent = matches!(behaviour, B::LatentPaying | B::LatentUnpaid);
    let rhythm = (4.0 * libm::exp(0.5 * standard_normal(&mut rng))).clamp(1.2, 21.0);
    let latent_since =
        latent.then(|| as_of - Duration::days(rng.gen_range(12..tenure.clamp(13, 240))));
    let never_came = latent && rng.gen_bool(0.1);
    let holiday = (!latent && rng.gen_bool(0.3)).then(|| {
        let from = as_of - Duration::days(rng.gen_range(5..170));
        (from, from + Duration::days(rng.gen_range(10..40)))
    });
    let window_start = joined_on.max(as_of - Duration::days(180));
    let visit_end = latent_since.unwrap_or(end).min(end);
    let mut visits = Vec::new();
    let mut day = joined_on + Duration::days(rng.gen_range(0..3));
    while day <= visit_end && !never_came {
        if day >= window_start && !frozen(day) && holiday.is_none_or(|(f, t)| day < f || day > t) {
            visits.push(VisitDay(day));
        }
        // gaps are Gamma(2, rhythm / 2): regular, but not clockwork
        let g = (rhythm / 2.0 * (exponential(&mut rng) + exponential(&mut rng))).max(1.0);
        day += Duration::days(g.round() as i64);
    }
    if behaviour == B::PaidButBlocked && rng.gen_bool(0.5) {
        visits.insert(
            0,
            VisitDay(joined_on - Duration::days(rng.gen_range(1..10))),
        );
    }

    // billing: the 1st of each month, up to 12 months back
    let mut instalments = Vec::new();
    let mut reminders = Vec::new();
    let mut due =
        add_months(first_of_month(joined_on), 1).max(add_months(first_of_month(as_of), -11));
    let stop_paying = match behaviour {
        B::Drifting => Some(add_months(first_of_month(as_of), -rng.gen_range(0..6))),
        B::LatentUnpaid => latent_since.map(|l| add_months(first_of_month(l), rng.gen_range(1..3))),
        B::Cancelled if rng.gen_bool(0.3) => {
            cancelled_on.map(|c| add_months(first_of_month(c), -rng.gen_range(0..3)))
        }
        _ => None,
    };
    if stop_paying.is_some() && payment_method == PaymentMethod::Avtalegiro && rng.gen_bool(0.5) {
        mandate = MandateState::Deleted;
    }
    let late_prob = match behaviour {
        B::LatePayer => 0.45,
        _ if payment_method == PaymentMethod::Avtalegiro => 0.015,
        _ => 0.08,
    };
    while due <= end && due <= as_of {
        let in_freeze = frozen(due);
        if in_freeze && behaviour != B::BilledDuringFreeze {
            due = add_months(due, 1);
            continue;
        }
        let inst_id = format!("I-{}-{:02}", due.year(), due.month());
        let deferred_to = holds
            .iter()
            .find(|h| h.kind == HoldKind::Deferral && h.from <= due && due <= h.to)
            .map(|h| h.to + Duration::days(1));
        let effective = deferred_to.unwrap_or(due);
        let unpaid = stop_paying.is_some_and(|s| due >= s)
            || (deferred_to.is_some() && effective > as_of)
            || in_freeze
            || (behaviour == B::LatePayer && (as_of - due).num_days() < 20 && rng.gen_bool(0.5));
        let late_days = if rng.gen_bool(late_prob) {
            rng.gen_range(3..30)
        } else {
            rng.gen_range(-3..1).max(0)
        };
        let paid_on = (!unpaid)
            .then(|| effective + Duration::days(late_days))
            .filter(|p| *p <= as_of);
        let paid = if paid_on.is_some() {
            monthly_fee
        } else {
            Money::ZERO
        };
        // the reminders the gym's routine sent while it was unpaid, as the law allows: an SMS after 6 days,
        // a written reminder with the fee cap of the day 14 days after the (bank-day) due date, a collection
        // notice once the reminder's 14-day deadline was missed — but only under the 1988 act: from the day the
        // new act applies only a collection agency may send one, so the gym's routine sends none (the claim waits
        // for its hand-over, which the engine proposes)
        let new_act_from = Some(new_act_from());
        let settled = paid_on.unwrap_or(as_of + Duration::days(1));
        let calendar = restanse::nets::calendar::BankCalendar::default();
        let debit_day = if payment_method == PaymentMethod::Avtalegiro {
            calendar.on_or_after(effective).unwrap_or(effective)
        } else {
            effective
        };
        let mut previous_deadline: Option<NaiveDate> = None;
        for (after, kind) in [
            (6, ReminderKind::Sms),
            (14, ReminderKind::Reminder),
            (29, ReminderKind::CollectionNotice),
        ] {
            let mut sent = debit_day + Duration::days(after + rng.gen_range(0..3));
            if kind == ReminderKind::CollectionNotice {
                sent = sent.max(previous_deadline.map_or(sent, |d| d + Duration::days(1)));
            }
            let fee = match kind {
                ReminderKind::Sms => Decimal::ZERO,
                _ => restanse::policy::law::fee_cap(due, sent).unwrap_or(Decimal::ZERO),
            };
            if kind == ReminderKind::Reminder {
                previous_deadline = Some(restanse::policy::law::deadline(sent, 14, &calendar));
            }
            let agency_only = kind == ReminderKind::CollectionNotice
                && restanse::policy::law::act_on(sent, new_act_from)
                    == restanse::policy::law::Act::Inkassoloven2026;
            if sent < settled && sent <= as_of && !in_freeze && !agency_only {
                reminders.push(ReminderInput {
                    sent_on: sent,
                    kind,
                    fee: Money(fee),
                    instalment_id: Some(inst_id.clone()),
                });
            }
        }
        instalments.push(InstalmentInput {
            id: inst_id,
            due_on: due,
            amount: monthly_fee,
            paid,
            paid_on,
            credited: Money::ZERO,
            waived: false,
            kind: InstalmentKind::Fee,
            kid: None,
        });
        due = add_months(due, 1);
    }

    // repayment plans: older arrears rolled into plan instalments
    let mut plan = None;
    if matches!(behaviour, B::OnPlan | B::PlanBroken) && instalments.len() >= 4 {
        let agreed_on = first_of_month(as_of) - Duration::days(rng.gen_range(70..120));
        plan = Some(PlanInput {
            agreed_on,
            instalment_ids: Vec::new(),
        });
        let part = Money(monthly_fee.0 / Decimal::from(2));
        let mut k = 1;
        let mut d = add_months(first_of_month(agreed_on), 1);
        while d <= as_of {
            let broken = behaviour == B::PlanBroken && (as_of - d).num_days() < 45;
            instalments.push(InstalmentInput {
                id: format!("P-{k}"),
                due_on: d + Duration::days(14),
                amount: part,
                paid: if broken { Money::ZERO } else { part },
                paid_on: (!broken).then_some(d + Duration::days(14)),
                credited: Money::ZERO,
                waived: false,
                kind: InstalmentKind::Plan,
                kid: None,
            });
            k += 1;
            d = add_months(d, 1);
        }
    }
    // a goodwill credit and a waiver here and there
    if let Some(inst) = instalments
        .iter_mut()
        .find(|x| x.paid.0.is_zero() && x.kind == InstalmentKind::Fee)
    {
        match rng.gen_range(0..40) {
            0 => inst.waived = true,
            1 => inst.credited = Money(inst.amount.0 / Decimal::from(2)),
            _ => {}
        }
    }

    let access_blocked = match behaviour {
        B::PaidButBlocked => true,
        _ => stop_paying.is_some_and(|s| (as_of - s).num_days() > 30) && rng.gen_bool(0.6),
    };

    let truth = Truth {
        member_id: id.clone(),
        behaviour,
        latent_since: if never_came {
            Some(joined_on)
        } else {
            latent_since
        },
        stopped_paying_on: stop_paying.filter(|s| *s <= as_of),
    };
    let input = MemberInput {
        id,
        joined_on,
        binding_ends_on,
        cancelled_on,
        monthly_fee: Some(monthly_fee),
        payment_method: Some(payment_method),
        mandate,
        access_blocked,
        instalments,
        visits,
        holds,
        reminders,
        plan,
        kid: None,
        contacts: Vec::new(),
        objections: Vec::new(),
        hardship: Vec::new(),
    };
    (input, truth)
}
