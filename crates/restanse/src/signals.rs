//! From facts to named signals, each with its severity, evidence and a sentence for people.
//!
//! The eight codes of `DESIGN.md`. Each rule reads only [`Facts`] and the policy, and puts into the
//! evidence exactly the numbers it decided on, so the front desk can check the flag by hand.
//!
//! `latent` judges silence against the member's own rhythm: a member who trains every 3 days is worrying
//! after three weeks, one who comes every fortnight is not. The usual interval is the median gap between
//! visits (hold days removed), floored at `latent.minIntervalDays`; a member with fewer than
//! `latent.rhythmMinVisits` (4) visits — including one who came once and never again — is judged against
//! `latent.defaultIntervalDays`. A fitted visit model can add P(alive) and expected visits through
//! [`LatentEstimate`].

use crate::codes::{Severity, SignalCode};
use crate::derive::Facts;
use crate::i18n;
use crate::input::{MandateState, PaymentMethod};
use crate::member::Member;
use crate::money::Money;
use crate::output::*;
use crate::policy::{LatentModel, Policy};
use crate::visits::ModelKind;
use rust_decimal::Decimal;

/// What the batch's visit model says about a member (`visits::fit_portfolio`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatentEstimate {
    pub p_alive: f64,
    pub expected_visits_4w: f64,
    /// The model the numbers come from.
    pub model: ModelKind,
    /// Fitted on the batch (`true`) or the documented prior (`false`).
    pub fitted: bool,
}

/// The latent rule's numbers for a member, whether or not it fires.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rhythm {
    pub interval: f64,
    pub relative: f64,
    pub threshold_days: f64,
    pub critical_days: f64,
}

/// The member's rhythm under the policy.
pub fn rhythm(f: &Facts, policy: &Policy) -> Rhythm {
    let l = &policy.latent;
    let interval = f
        .attendance
        .usual_interval
        .filter(|_| f.attendance.visits >= l.rhythm_min_visits)
        .unwrap_or(l.default_interval_days)
        .max(l.min_interval_days);
    let relative = f.attendance.silence_days as f64 / interval;
    let threshold_days = (l.rhythm_factor * interval)
        .max(l.min_silence_days as f64)
        .min(l.max_silence_days as f64);
    let critical_days = (l.critical_factor * interval)
        .max(2.0 * l.min_silence_days as f64)
        .min(2.0 * l.max_silence_days as f64)
        .max(threshold_days);
    Rhythm {
        interval,
        relative,
        threshold_days,
        critical_days,
    }
}

/// Whether `latent` speaks about this member at all: active, not in a hold, past the settling days.
pub fn latent_judged(f: &Facts, policy: &Policy) -> bool {
    f.active && f.current_hold.is_none() && f.attendance.tenure_days >= policy.latent.settling_days
}

/// The `latent` signal's view of one validated member, for research on the rule (`examples/latent_auc.rs`):
/// what the rule sees, whether it fires, and the member's visit summary for the visit models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatentView {
    /// Days since the last visit (or since joining), not counting days inside holds.
    pub silence_days: i64,
    /// Silence divided by the member's usual interval between visits.
    pub relative_silence: f64,
    /// Whether the rhythm rule raises the `latent` signal.
    pub rhythm_rule: bool,
    /// (x, t_x, T) in weeks, for the visit models; `None` for a member who never visited.
    pub summary: Option<(f64, f64, f64)>,
}

/// [`LatentView`] of a member, derived as the engine derives it; `None` for a member the signal does not speak
/// about (cancelled, in a hold on `as_of`, or still within the policy's settling days).
pub fn latent_view(m: &Member, as_of: chrono::NaiveDate, policy: &Policy) -> Option<LatentView> {
    let f = crate::derive::derive(m, as_of, policy);
    if !latent_judged(&f, policy) {
        return None;
    }
    Some(LatentView {
        silence_days: f.attendance.silence_days,
        relative_silence: rhythm(&f, policy).relative,
        rhythm_rule: latent_severity(&f, policy).is_some(),
        summary: crate::derive::visit_summary(m, as_of),
    })
}

/// The severity of `latent` under the policy's rule: the rhythm rule, or P(alive) from the batch's visit
/// model (`latent.model`). A member the model has no number for (no visit yet) is judged by the rhythm rule.
pub fn latent_severity_with(
    f: &Facts,
    policy: &Policy,
    estimate: Option<LatentEstimate>,
) -> Option<Severity> {
    let l = &policy.latent;
    match (l.model, estimate) {
        (LatentModel::Rhythm, _) | (_, None) => latent_severity(f, policy),
        (_, Some(e)) => {
            if !latent_judged(f, policy) {
                None
            } else if e.p_alive < l.p_alive_critical_below {
                Some(Severity::Critical)
            } else if e.p_alive < l.p_alive_below {
                Some(Severity::Warning)
            } else {
                None
            }
        }
    }
}

/// The severity of `latent` by the rhythm rule, if it fires.
pub fn latent_severity(f: &Facts, policy: &Policy) -> Option<Severity> {
    if !latent_judged(f, policy) {
        return None;
    }
    let r = rhythm(f, policy);
    let silence = f.attendance.silence_days as f64;
    if silence >= r.critical_days {
        Some(Severity::Critical)
    } else if silence >= r.threshold_days {
        Some(Severity::Warning)
    } else {
        None
    }
}

fn ids(m: &Member, idx: &[usize]) -> Vec<String> {
    idx.iter()
        .filter_map(|&i| m.instalments.get(i).map(|x| x.id.clone()))
        .collect()
}

/// All signals for a member, most severe first.
pub fn evaluate(
    m: &Member,
    f: &Facts,
    policy: &Policy,
    estimate: Option<LatentEstimate>,
) -> Vec<Signal> {
    let lang = policy.language;
    let mut out = Vec::new();

    if let Some(&oldest) = f.unpaid.first() {
        let n = f.unpaid.len() as u32;
        let due = f
            .due_shown(m, oldest)
            .unwrap_or(f.instalments[oldest].effective_due);
        out.push(Signal {
            code: SignalCode::UnpaidInstalments,
            severity: if n >= policy.unpaid.critical_count {
                Severity::Critical
            } else {
                Severity::Warning
            },
            message: i18n::unpaid(n, f.unpaid_outstanding, due, lang),
            evidence: Evidence::Unpaid(UnpaidEvidence {
                count: n,
                outstanding: Money(f.unpaid_outstanding),
                oldest_due_on: due,
                days_overdue: f.instalments[oldest].days_overdue,
                instalment_ids: ids(m, &f.unpaid),
                set_off: f.set_off.clone(),
                last_contact: crate::voice_steps::last_contact_evidence(f),
            }),
        });
    }

    if let Some(&oldest) = f.time_barred.first() {
        let outstanding =
            crate::money::sum(f.time_barred.iter().map(|&i| f.instalments[i].outstanding));
        let n = f.time_barred.len() as u32;
        out.push(Signal {
            code: SignalCode::TimeBarred,
            severity: Severity::Warning,
            message: i18n::time_barred(n, outstanding, m.instalments[oldest].due_on, lang),
            evidence: Evidence::TimeBarred(TimeBarredEvidence {
                count: n,
                outstanding: Money(outstanding),
                oldest_due_on: m.instalments[oldest].due_on,
                limitation_years: crate::law::LIMITATION_YEARS,
                instalment_ids: ids(m, &f.time_barred),
            }),
        });
    }

    if let Some(&oldest) = f.plan_missed.first() {
        let agreed = m.plan_agreed_on.unwrap_or(m.instalments[oldest].due_on);
        let missed = f.plan_missed.len() as u32;
        out.push(Signal {
            code: SignalCode::PlanBreached,
            severity: Severity::Critical,
            message: i18n::plan_breached(agreed, missed, f.plan_outstanding, lang),
            evidence: Evidence::Plan(PlanEvidence {
                agreed_on: agreed,
                missed,
                outstanding: Money(f.plan_outstanding),
                oldest_due_on: f
                    .due_shown(m, oldest)
                    .unwrap_or(f.instalments[oldest].effective_due),
            }),
        });
    }

    if f.active {
        match m.payment_method {
            Some(PaymentMethod::Avtalegiro) if m.mandate != MandateState::Active => {
                let severity = match m.mandate {
                    MandateState::Deleted => Severity::Critical,
                    MandateState::Pending => {
                        let soon = f.next_due.is_some_and(|d| {
                            (d - f.as_of).num_days() <= policy.mandate.pending_warn_days
                        });
                        if soon || !f.unpaid.is_empty() {
                            Severity::Warning
                        } else {
                            Severity::Info
                        }
                    }
                    _ => Severity::Warning,
                };
                out.push(Signal {
                    code: SignalCode::MandateInactive,
                    severity,
                    message: i18n::mandate_inactive(m.mandate, f.next_due, lang),
                    evidence: Evidence::Mandate(MandateEvidence {
                        payment_method: PaymentMethod::Avtalegiro,
                        mandate: m.mandate,
                        next_due_on: f.next_due,
                    }),
                });
            }
            Some(method) if method != PaymentMethod::Avtalegiro => out.push(Signal {
                code: SignalCode::NoAvtalegiro,
                severity: Severity::Info,
                message: i18n::no_avtalegiro(method, lang),
                evidence: Evidence::Method(MethodEvidence {
                    payment_method: method,
                }),
            }),
            _ => {}
        }
    }

    if let Some(severity) = latent_severity_with(f, policy, estimate) {
        let r = rhythm(f, policy);
        let a = &f.attendance;
        out.push(Signal {
            code: SignalCode::Latent,
            severity,
            message: i18n::latent(a.silence_days, r.interval, r.relative, a.last_visit, lang),
            evidence: Evidence::Latent(LatentEvidence {
                days_since_last_visit: a.silence_days,
                last_visit_on: a.last_visit,
                usual_interval_days: round(r.interval, 1),
                relative_silence: round(r.relative, 2),
                visits: a.visits,
                p_alive: estimate.map(|e| round(e.p_alive, 4)),
                expected_visits_4w: estimate.map(|e| round(e.expected_visits_4w, 2)),
                visit_model: estimate.map(|e| e.model),
                visit_model_source: estimate.map(|e| {
                    if e.fitted {
                        VisitModelSource::Fitted
                    } else {
                        VisitModelSource::Prior
                    }
                }),
            }),
        });
    }

    if !f.billed_in_freeze.is_empty() {
        let (amount, holds) = hold_billing(m, f);
        out.push(Signal {
            code: SignalCode::BilledDuringHold,
            severity: Severity::Warning,
            message: i18n::billed_during_hold(
                f.billed_in_freeze.len(),
                amount,
                &holds.join(", "),
                lang,
            ),
            evidence: Evidence::HoldBilling(HoldBillingEvidence {
                instalment_ids: ids(m, &f.billed_in_freeze),
                amount: Money(amount),
                holds,
            }),
        });
    }

    // only a member who may train today: not cancelled, not frozen
    let frozen = f
        .current_hold
        .and_then(|h| m.holds.get(h))
        .is_some_and(|h| h.kind == crate::input::HoldKind::Freeze);
    if m.access_blocked && !f.has_arrears() && f.plan_covered.is_empty() && f.active && !frozen {
        out.push(Signal {
            code: SignalCode::PaidButBlocked,
            severity: Severity::Warning,
            message: i18n::paid_but_blocked(lang),
            evidence: Evidence::Blocked(BlockedEvidence {
                access_blocked: true,
                outstanding: Money(crate::money::add(f.unpaid_outstanding, f.plan_outstanding)),
                last_paid_on: f.last_paid_on,
            }),
        });
    }

    // binding_ended is news only where it opens a door: a member in arrears or no longer training
    let troubled = f.has_arrears() || out.iter().any(|s| s.code == SignalCode::Latent);
    if f.active && f.binding.ended && troubled {
        let b = f.binding;
        out.push(Signal {
            code: SignalCode::BindingEnded,
            severity: Severity::Info,
            message: i18n::binding_ended(b.ends_on, b.extended_to, b.frozen_days, lang),
            evidence: Evidence::Binding(BindingEvidence {
                binding_ends_on: b.ends_on.unwrap_or(m.joined_on),
                extended_to: b.extended_to,
                frozen_days: b.frozen_days,
            }),
        });
    }

    out.extend(crate::voice_steps::signals(m, f, policy));
    crate::order::sort_by(&mut out, |a, b| {
        b.severity.cmp(&a.severity).then(a.code.cmp(&b.code))
    });
    out
}

/// What was billed inside freezes (less credits), and the freezes' labels.
pub fn hold_billing(m: &Member, f: &Facts) -> (Decimal, Vec<String>) {
    let amount = crate::money::sum(f.billed_in_freeze.iter().map(|&i| {
        m.instalments[i]
            .amount
            .saturating_sub(m.instalments[i].credited)
    }));
    let holds = hold_labels(
        m,
        f.billed_in_freeze
            .iter()
            .filter_map(|&i| f.instalments[i].in_freeze),
    );
    (amount, holds)
}

/// Labels of the holds at these indices, each once, in hold order.
pub fn hold_labels(m: &Member, idx: impl Iterator<Item = usize>) -> Vec<String> {
    let mut v: Vec<usize> = idx.collect();
    crate::order::sort(&mut v);
    v.dedup();
    v.into_iter()
        .filter_map(|h| m.holds.get(h).map(|h| h.label()))
        .collect()
}

pub(crate) fn round(x: f64, places: i32) -> f64 {
    let p = 10f64.powi(places);
    (x * p).round() / p
}

/// Which signals are present, for quick lookups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SignalSet(u16);

impl SignalSet {
    pub fn of(signals: &[Signal]) -> Self {
        SignalSet(signals.iter().fold(0, |acc, s| acc | (1 << s.code as u16)))
    }
    pub fn has(self, code: SignalCode) -> bool {
        self.0 & (1 << code as u16) != 0
    }
}
