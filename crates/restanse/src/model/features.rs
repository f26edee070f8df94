//! The features a member's risk is learned from: numbers read off the engine's own facts (the `derive` stage's), so the model
//! sees exactly what the scorecard and the front desk see, natively and in WebAssembly alike.
//!
//! | feature | what it is |
//! |---|---|
//! | `unpaid_count` | overdue fee instalments (after grace, holds, waivers and credits) |
//! | `unpaid_amount_log_kr` | ln(1 + overdue fee amount in kr): the first hundreds matter more than the last |
//! | `oldest_overdue_days` | days since the oldest overdue instalment fell due, 0 with none |
//! | `plan_missed` | overdue instalments of a repayment plan |
//! | `mandate_deleted` | pays by AvtaleGiro and the mandate was deleted |
//! | `mandate_not_active` | pays by AvtaleGiro and the mandate is missing or pending |
//! | `no_avtalegiro` | pays some other way (eFaktura, invoice, card, Vipps) |
//! | `silence_relative` | days since the last visit ÷ the member's own usual interval (hold days cut out), capped at 20 |
//! | `tenure_years` | membership so far, hold days cut out, in years |
//! | `binding_ended` | the binding period (extended by freezes) is over |
//! | `on_hold` | a freeze or deferral covers the day |
//! | `cancelled` | the membership is cancelled |
//! | `access_blocked` | the gym has blocked the member's access |
//! | `reminders_180_days` | reminders of any kind sent in the last 180 days |
//! | `billed_during_hold` | instalments billed inside a freeze (a data error the member may dispute) |
//!
//! P(alive) from the visit models is not a feature (yet): the engine's visit model is fitted on the batch it
//! assesses (`visits::fit_portfolio`), so a P(alive) feature would make a member's risk depend on who else is in
//! the file, and every snapshot day of a history would need a fit of its own. `silence_relative` carries the
//! member's own rhythm without that dependence; the latent AUCs in `BENCHMARKS.md` show it ranks at least as
//! well as every fitted model's P(alive) on the sample gym.
//! Features are `f64`; money enters as kroner, converted once here.

use crate::derive::Facts;
use crate::input::{MandateState, PaymentMethod};
use crate::member::Member;
use crate::policy::Policy;
use crate::signals;
use rust_decimal::prelude::ToPrimitive;

/// The member features, in the order [`member_features`] returns them.
pub const MEMBER_FEATURES: [&str; 15] = [
    "unpaid_count",
    "unpaid_amount_log_kr",
    "oldest_overdue_days",
    "plan_missed",
    "mandate_deleted",
    "mandate_not_active",
    "no_avtalegiro",
    "silence_relative",
    "tenure_years",
    "binding_ended",
    "on_hold",
    "cancelled",
    "access_blocked",
    "reminders_180_days",
    "billed_during_hold",
];

/// The reason a model naming another feature is refused, listing [`MEMBER_FEATURES`] (a literal: joining them at
/// run time costs the engine's WebAssembly module a kilobyte).
pub const UNKNOWN_FEATURE: &str = "unknown member feature (known: unpaid_count, unpaid_amount_log_kr, \
oldest_overdue_days, plan_missed, mandate_deleted, mandate_not_active, no_avtalegiro, silence_relative, \
tenure_years, binding_ended, on_hold, cancelled, access_blocked, reminders_180_days, billed_during_hold)";

fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// The features of one member on the facts' day, in the order of [`MEMBER_FEATURES`].
pub fn member_features(m: &Member, f: &Facts, policy: &Policy) -> [f64; 15] {
    let avtalegiro = m.payment_method == Some(PaymentMethod::Avtalegiro);
    let oldest = f
        .unpaid
        .first()
        .and_then(|&i| f.instalments.get(i))
        .map_or(0, |x| x.days_overdue.max(0));
    let amount = f.unpaid_outstanding.to_f64().unwrap_or(0.0).max(0.0);
    let relative = signals::rhythm(f, policy).relative;
    [
        f.unpaid.len() as f64,
        amount.ln_1p(),
        oldest as f64,
        f.plan_missed.len() as f64,
        flag(avtalegiro && m.mandate == MandateState::Deleted),
        flag(avtalegiro && matches!(m.mandate, MandateState::Missing | MandateState::Pending)),
        flag(!avtalegiro),
        if relative.is_finite() {
            relative.clamp(0.0, 20.0)
        } else {
            0.0
        },
        f.attendance.tenure_days.max(0) as f64 / 365.0,
        flag(f.binding.ended),
        flag(f.current_hold.is_some()),
        flag(!f.active),
        flag(m.access_blocked),
        f64::from(f.recent_reminders),
        f.billed_in_freeze.len() as f64,
    ]
}

/// How a feature's value reads in an explanation.
pub fn describe(name: &str, value: f64) -> String {
    match name {
        "unpaid_amount_log_kr" => format!("{} kr", fixed(value.exp_m1(), 0)),
        "oldest_overdue_days" => format!("{} days", fixed(value, 0)),
        "silence_relative" => format!("{}× usual gap", fixed(value, 1)),
        "tenure_years" => format!("{} years", fixed(value, 1)),
        "mandate_deleted" | "mandate_not_active" | "no_avtalegiro" | "binding_ended"
        | "on_hold" | "cancelled" | "access_blocked" => {
            (if value > 0.5 { "yes" } else { "no" }).into()
        }
        _ => {
            if value.fract() == 0.0 {
                fixed(value, 0)
            } else {
                fixed(value, 3)
            }
        }
    }
}

/// `value` with `decimals` decimals, formatted through integers: float formatting with a precision would pull
/// kilobytes of formatting code into the engine's WebAssembly module for this one use.
pub fn fixed(value: f64, decimals: u32) -> String {
    let scale = 10i64.pow(decimals.min(6));
    let scaled = (value * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() >= 9.0e15 {
        return "?".into();
    }
    let n = scaled as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, part) = (
        n.unsigned_abs() / scale.unsigned_abs(),
        n.unsigned_abs() % scale.unsigned_abs(),
    );
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{part:0width$}",
            width = decimals.min(6) as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unknown_feature_message_lists_them_all() {
        assert_eq!(
            UNKNOWN_FEATURE,
            format!(
                "unknown member feature (known: {})",
                MEMBER_FEATURES.join(", ")
            )
        );
    }

    #[test]
    fn fixed_rounds_like_float_formatting() {
        for v in [0.0, 1.25, -1.26, 2.5, 1234.5678, -0.04, 0.999, 19.95] {
            for d in [0u32, 1, 3] {
                let want = format!("{v:.*}", d as usize);
                let want = if want == "-0" || want == "-0.0" || want == "-0.000" {
                    want[1..].to_string()
                } else {
                    want
                };
                // ties may round differently (half away from zero here, half to even there)
                let got = fixed(v, d);
                let close = (got.parse::<f64>().unwrap() - want.parse::<f64>().unwrap()).abs()
                    <= 10f64.powi(-(d as i32)) + 1e-9;
                assert!(close, "{v} {d}: {got} vs {want}");
            }
        }
        assert_eq!(fixed(1234.5678, 1), "1234.6");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(f64::NAN, 1), "?");
        assert_eq!(describe("unpaid_amount_log_kr", 499f64.ln_1p()), "499 kr");
    }
}
