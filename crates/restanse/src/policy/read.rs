//! Reading a policy from JSON: the field table of every settings struct (json_fields.rs says why not serde's
//! derive), and the Nets settings read the same way.

use super::error::PolicyError;
use super::settings::*;
use crate::codes::{ActionCode, Channel};
use crate::i18n::Lang;
use crate::json_fields::{
    deserialize_by_reading, read_object, read_write_fields, read_write_names, required, At,
    ReadError, ReadJson,
};
use serde_json::Value;
use std::collections::BTreeMap;

// Reading a policy (json_fields.rs says why not serde's derive): every struct starts from its defaults and
// takes the fields the file gives; a field not named here is refused. The names are the camelCase ones the
// `Serialize` derive writes, and `reading_gives_back_every_field_written` checks the two agree.
read_write_fields!(Policy {
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
read_write_names!(Lang { "nb" => Nb, "en" => En });
read_write_fields!(Ladder {
    "sms" => sms,
    "reminder" => reminder,
    "collectionNotice" => collection_notice,
    "handOver" => hand_over,
    "minDaysBetweenSteps" => min_days_between_steps,
    "feeMinOutstanding" => fee_min_outstanding,
});
read_write_fields!(SmsStep {
    "enabled" => enabled,
    "afterDays" => after_days,
    "fee" => fee,
    "channel" => channel,
});
read_write_fields!(ReminderStep {
    "enabled" => enabled,
    "afterDays" => after_days,
    "fee" => fee,
    "deadlineDays" => deadline_days,
    "maxCount" => max_count,
    "channel" => channel,
});
read_write_fields!(NoticeStep {
    "enabled" => enabled,
    "afterDays" => after_days,
    "fee" => fee,
    "deadlineDays" => deadline_days,
    "channel" => channel,
});
read_write_fields!(HandOverStep {
    "enabled" => enabled,
    "graceDays" => grace_days,
    "minOutstanding" => min_outstanding,
});
read_write_fields!(FeeTable {
    "inkassosats" => inkassosats,
    "twentiethFrom" => twentieth_from,
});
read_write_fields!(UnpaidRules {
    "criticalCount" => critical_count,
    "graceDays" => grace_days,
});
read_write_fields!(MandateRules {
    "pendingWarnDays" => pending_warn_days,
});
read_write_fields!(NetsRules {
    "kid" => kid,
    "instalmentNumber" => instalment_number,
    "retryBusinessDays" => retry_business_days,
    "bankCalendar" => bank_calendar,
});
read_write_names!(InstalmentNumber { "dueMonth" => DueMonth, "idDigits" => IdDigits });
read_write_fields!(LatentRules {
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
read_write_names!(LatentModel {
    "rhythm" => Rhythm,
    "bgnbd" => Bgnbd,
    "mbgnbd" => Mbgnbd,
    "pareto" => Pareto,
});
read_write_names!(EvidenceModel {
    "none" => None,
    "bgnbd" => Bgnbd,
    "mbgnbd" => Mbgnbd,
    "pareto" => Pareto,
});
read_write_fields!(ContactFirst { "enabled" => enabled, "attempts" => attempts, "days" => days });
read_write_fields!(LawRules {
    "newActFrom" => new_act_from,
    "newActReminderFeeAfterDays" => new_act_reminder_fee_after_days,
});
read_write_fields!(ContactRules {
    "promiseGraceDays" => promise_grace_days,
    "noAnswerRetryDays" => no_answer_retry_days,
    "noAnswerAttempts" => no_answer_attempts,
    "callAgainAfterDays" => call_again_after_days,
});
read_write_fields!(PlanRules {
    "fromUnpaidCount" => from_unpaid_count,
    "shareOfFee" => share_of_fee,
    "maxMonths" => max_months,
});
read_write_fields!(BindingRules {
    "extendByFreeze" => extend_by_freeze,
    "cancelAfterContactDays" => cancel_after_contact_days,
    "cancelLatentAfterDays" => cancel_latent_after_days,
});
read_write_fields!(Scorecard {
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
read_write_fields!(BandThresholds {
    "watch" => watch,
    "high" => high,
    "critical" => critical,
});

impl crate::json_write::WriteJson for Rate {
    fn write_json(&self, out: &mut crate::json_write::JsonOut) {
        crate::json_write::write_object(out, &[("from", &self.from), ("amount", &self.amount)]);
    }
}

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
}

// The Nets settings of a policy are `restanse-nets` types; they are read by the policy's reader like every other
// part of it (json_fields.rs), so a misspelt field is refused the same way.
mod nets_settings {
    use crate::json_fields::{
        read_object, read_write_fields, read_write_names, required, At, ReadError, ReadJson,
    };
    use crate::json_write::{write_object, JsonOut, WriteJson};
    use restanse_nets::calendar::BankCalendar;
    use restanse_nets::kid::{CheckDigit, KidScheme};
    use serde_json::Value;

    read_write_fields!(BankCalendar {
        "christmasAndNewYearsEveClosed" => christmas_and_new_years_eve_closed,
        "extraClosedDays" => extra_closed_days,
    });
    read_write_names!(CheckDigit { "mod10" => Mod10, "mod11" => Mod11 });

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

    impl WriteJson for KidScheme {
        fn write_json(&self, out: &mut JsonOut) {
            write_object(
                out,
                &[
                    ("prefix", &self.prefix),
                    ("memberDigits", &self.member_digits),
                    ("instalmentDigits", &self.instalment_digits),
                    ("checkDigit", &self.check_digit),
                ],
            );
        }
    }
}
