//! From signals to a risk in [0, 1] and a band, with the points that made it.
//!
//! The default is a transparent points scorecard (weights in the policy, reasoning in the README): each
//! line adds points, and risk = 1 / (1 + e^(−(points − offset) / scale)). Every line only ever adds, and the
//! logistic map is increasing, so another unpaid instalment, a worse mandate state or longer silence can
//! never lower the risk. The explanation lists each line that scored, so the number can be checked by hand.

use crate::codes::{Band, Severity, SignalCode};
use crate::derive::Facts;
use crate::i18n::Lang;
use crate::input::{MandateState, PaymentMethod};
use crate::member::Member;
use crate::output::{Contribution, Signal};
use crate::policy::Policy;
use crate::signals::round;

/// Risk, band and explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub risk: f64,
    pub band: Band,
    pub points: f64,
    pub explanation: Vec<Contribution>,
}

/// Scores a member with the policy's scorecard.
pub fn score(m: &Member, f: &Facts, signals: &[Signal], policy: &Policy) -> Scored {
    let sc = &policy.scorecard;
    // explanation values as people read them, in the policy's language (the factor names stay codes)
    let nb = policy.language == Lang::Nb;
    let days = |n: i64, en: &str, no: &str| format!("{n} {}", if nb { no } else { en });
    let mut lines: Vec<Contribution> = Vec::with_capacity(4);
    let mut add = |factor: &str, value: String, points: f64| {
        if points > 0.0 {
            lines.push(Contribution {
                factor: factor.into(),
                value,
                points,
            });
        }
    };

    let n = f.unpaid.len();
    if n > 0 {
        let first: f64 = sc.unpaid.iter().take(n).sum();
        let further = n.saturating_sub(3) as f64 * sc.unpaid_each_further;
        add("unpaid_count", n.to_string(), first + further);
        let age = f
            .unpaid
            .first()
            .map(|&i| f.instalments[i].days_overdue)
            .unwrap_or(0);
        let age_points = match age {
            a if a >= 60 => sc.overdue_age[2],
            a if a >= 30 => sc.overdue_age[1],
            a if a >= 14 => sc.overdue_age[0],
            _ => 0.0,
        };
        add(
            "oldest_overdue_days",
            days(age, "days", "dager"),
            age_points,
        );
    }
    for s in signals {
        match s.code {
            SignalCode::MandateInactive => {
                let p = match m.mandate {
                    MandateState::Deleted => sc.mandate_deleted,
                    MandateState::Missing => sc.mandate_missing,
                    MandateState::Pending => sc.mandate_pending,
                    MandateState::Active => 0.0,
                };
                let state = match (nb, m.mandate) {
                    (false, st) => st.code(),
                    (true, MandateState::Deleted) => "slettet",
                    (true, MandateState::Missing) => "mangler",
                    (true, MandateState::Pending) => "venter",
                    (true, MandateState::Active) => "aktiv",
                };
                add("mandate", state.into(), p);
            }
            SignalCode::NoAvtalegiro => add(
                "payment_method",
                match (nb, m.payment_method) {
                    (false, pm) => pm.map_or("unknown", PaymentMethod::code),
                    (true, Some(pm)) => crate::i18n::method_name(pm, policy.language),
                    (true, None) => "ukjent",
                }
                .into(),
                sc.no_avtalegiro,
            ),
            SignalCode::Latent => {
                let p = if s.severity == Severity::Critical {
                    sc.latent_critical
                } else {
                    sc.latent_warning
                };
                add(
                    "latent",
                    days(f.attendance.silence_days, "days silent", "dager uten besøk"),
                    p,
                );
            }
            SignalCode::PlanBreached => add(
                "plan_breached",
                f.plan_missed.len().to_string(),
                sc.plan_breached,
            ),
            SignalCode::PromiseBroken => add(
                "promise_broken",
                f.voice.broken(&f.unpaid).len().to_string(),
                sc.promise_broken,
            ),
            SignalCode::BilledDuringHold => add(
                "billed_during_hold",
                f.billed_in_freeze.len().to_string(),
                sc.billed_during_hold,
            ),
            _ => {}
        }
    }
    if f.recent_reminders > 0 {
        let p = (f64::from(f.recent_reminders) * sc.past_reminder_each).min(sc.past_reminders_max);
        add("reminders_last_180_days", f.recent_reminders.to_string(), p);
    }

    let points: f64 = lines.iter().map(|c| c.points).sum();
    let risk = round(1.0 / (1.0 + (-(points - sc.offset) / sc.scale).exp()), 3);
    Scored {
        risk,
        band: band(risk, policy),
        points,
        explanation: lines,
    }
}

/// The band a risk falls in.
pub fn band(risk: f64, policy: &Policy) -> Band {
    let b = &policy.bands;
    if risk >= b.critical {
        Band::Critical
    } else if risk >= b.high {
        Band::High
    } else if risk >= b.watch {
        Band::Watch
    } else {
        Band::Low
    }
}
