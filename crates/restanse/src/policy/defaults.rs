//! The Norwegian default of every setting: what a policy file leaves out keeps the value written here.

use super::settings::*;
use crate::codes::{ActionCode, Channel};
use crate::i18n::Lang;
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

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

pub(super) fn default_channels() -> BTreeMap<ActionCode, Channel> {
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

impl Default for HandOverStep {
    fn default() -> Self {
        HandOverStep {
            enabled: true,
            grace_days: 0,
            min_outstanding: Money(Decimal::new(300, 0)),
        }
    }
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

impl Default for UnpaidRules {
    fn default() -> Self {
        UnpaidRules {
            critical_count: 3,
            grace_days: 0,
        }
    }
}

impl Default for MandateRules {
    fn default() -> Self {
        MandateRules {
            pending_warn_days: 7,
        }
    }
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

impl Default for ContactFirst {
    fn default() -> Self {
        ContactFirst {
            enabled: true,
            attempts: 2,
            days: 7,
        }
    }
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

impl Default for PlanRules {
    fn default() -> Self {
        PlanRules {
            from_unpaid_count: 2,
            share_of_fee: Decimal::new(5, 1),
            max_months: 12,
        }
    }
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

impl Default for BandThresholds {
    fn default() -> Self {
        BandThresholds {
            watch: 0.10,
            high: 0.40,
            critical: 0.75,
        }
    }
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}
