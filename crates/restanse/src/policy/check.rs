//! Checking a policy against the law and against sense: a refusal names the field and, for the law, the rule.

use super::error::PolicyError;
use super::settings::{FeeTable, InstalmentNumber, Policy};
use crate::dates;
use crate::i18n::Lang;
use crate::law::rules;
use crate::money::Money;
use rust_decimal::Decimal;

impl Policy {
    /// Checks the policy against the law and against sense. The first problem found is returned.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let l = &self.ladder;
        let invalid = |field: &str, message: String| {
            Err(PolicyError::Invalid {
                field: field.into(),
                message,
            })
        };
        let lang = self.language;
        let rule = |rule: &'static str, field: &str, message: String| {
            Err(PolicyError::Rule {
                rule,
                field: field.into(),
                message,
                lang,
            })
        };
        // a refusal's message: (English, Norwegian bokmål), by the policy's language
        let say = |en: String, nb: String| if lang == Lang::Nb { nb } else { en };

        // sense first
        for (field, v) in [
            ("ladder.sms.afterDays", l.sms.after_days),
            ("ladder.reminder.afterDays", l.reminder.after_days),
            ("ladder.reminder.deadlineDays", l.reminder.deadline_days),
            (
                "ladder.collectionNotice.afterDays",
                l.collection_notice.after_days,
            ),
            (
                "ladder.collectionNotice.deadlineDays",
                l.collection_notice.deadline_days,
            ),
            ("ladder.handOver.graceDays", l.hand_over.grace_days),
            ("ladder.minDaysBetweenSteps", l.min_days_between_steps),
            ("unpaid.graceDays", self.unpaid.grace_days),
            ("mandate.pendingWarnDays", self.mandate.pending_warn_days),
            ("latent.minSilenceDays", self.latent.min_silence_days),
            ("latent.maxSilenceDays", self.latent.max_silence_days),
            ("latent.settlingDays", self.latent.settling_days),
            (
                "binding.cancelAfterContactDays",
                self.binding.cancel_after_contact_days,
            ),
            (
                "binding.cancelLatentAfterDays",
                self.binding.cancel_latent_after_days,
            ),
            ("horizonDays", self.horizon_days),
            ("reportWindowDays", self.report_window_days),
            (
                "contactBeforeEscalation.days",
                self.contact_before_escalation.days,
            ),
            (
                "contacts.promiseGraceDays",
                self.contacts.promise_grace_days,
            ),
            (
                "contacts.noAnswerRetryDays",
                self.contacts.no_answer_retry_days,
            ),
            (
                "contacts.callAgainAfterDays",
                self.contacts.call_again_after_days,
            ),
            (
                "law.newActReminderFeeAfterDays",
                self.law.new_act_reminder_fee_after_days,
            ),
        ] {
            if !(0..=3650).contains(&v) {
                return invalid(field, format!("{v} days is outside 0–3650"));
            }
        }
        for (field, v) in [
            ("latent.rhythmFactor", self.latent.rhythm_factor),
            ("latent.criticalFactor", self.latent.critical_factor),
            ("latent.minIntervalDays", self.latent.min_interval_days),
            (
                "latent.defaultIntervalDays",
                self.latent.default_interval_days,
            ),
            ("scorecard.scale", self.scorecard.scale),
        ] {
            if !(v.is_finite() && v > 0.0) {
                return invalid(field, format!("{v} must be a positive number"));
            }
        }
        if !(2..=1000).contains(&self.latent.rhythm_min_visits) {
            return invalid(
                "latent.rhythmMinVisits",
                format!(
                    "{} visits is outside 2–1000 (a rhythm needs at least one gap)",
                    self.latent.rhythm_min_visits
                ),
            );
        }
        if self.latent.critical_factor < self.latent.rhythm_factor {
            return invalid(
                "latent.criticalFactor",
                "must be at least latent.rhythmFactor".into(),
            );
        }
        let lt = &self.latent;
        if !(lt.p_alive_below > 0.0 && lt.p_alive_below <= 1.0) {
            return invalid(
                "latent.pAliveBelow",
                format!(
                    "{} must be a probability above 0 and at most 1",
                    lt.p_alive_below
                ),
            );
        }
        if !(lt.p_alive_critical_below > 0.0 && lt.p_alive_critical_below <= lt.p_alive_below) {
            return invalid(
                "latent.pAliveCriticalBelow",
                format!(
                    "{} must be above 0 and at most latent.pAliveBelow",
                    lt.p_alive_critical_below
                ),
            );
        }
        if !(10..=100_000).contains(&lt.fit_sample) {
            return invalid(
                "latent.fitSample",
                format!("{} members is outside 10–100000", lt.fit_sample),
            );
        }
        if !(10..=lt.fit_sample).contains(&lt.min_fit_members) {
            return invalid(
                "latent.minFitMembers",
                format!(
                    "{} members is outside 10–latent.fitSample ({})",
                    lt.min_fit_members, lt.fit_sample
                ),
            );
        }
        if self.latent.max_silence_days < self.latent.min_silence_days {
            return invalid(
                "latent.maxSilenceDays",
                "must be at least latent.minSilenceDays".into(),
            );
        }
        if !(1..=20).contains(&self.contacts.no_answer_attempts) {
            return invalid(
                "contacts.noAnswerAttempts",
                format!(
                    "{} attempts is outside 1–20",
                    self.contacts.no_answer_attempts
                ),
            );
        }
        if self.contacts.no_answer_retry_days < 1 {
            return invalid(
                "contacts.noAnswerRetryDays",
                "must be at least 1: an unanswered call is not retried the same day".into(),
            );
        }
        if self.law.new_act_from < crate::law::ymd(2026, 5, 22) {
            return invalid(
                "law.newActFrom",
                format!(
                    "{} is before the new inkassolov was passed (LOV-2026-05-22-19)",
                    self.law.new_act_from
                ),
            );
        }
        if self.law.new_act_reminder_fee_after_days < crate::law::FOURTEEN_DAYS {
            return rule(
                rules::REMINDER_FEE_AFTER_14_DAYS,
                "law.newActReminderFeeAfterDays",
                say(
                    format!("until the regulation under the new act (§ 19) is published, a reminder fee keeps today's rule: at least 14 days after the due date, not {}", self.law.new_act_reminder_fee_after_days),
                    format!("til forskriften etter den nye loven (§ 19) er fastsatt, gjelder dagens regel for purregebyr: minst 14 dager etter forfall, ikke {}", self.law.new_act_reminder_fee_after_days),
                ),
            );
        }
        if self.report_window_days < 1 {
            return invalid("reportWindowDays", "must be at least 1".into());
        }
        if self.unpaid.critical_count < 1 {
            return invalid("unpaid.criticalCount", "must be at least 1".into());
        }
        if self.plan.max_months < 1 || self.plan.share_of_fee <= Decimal::ZERO {
            return invalid(
                "plan",
                "maxMonths must be at least 1 and shareOfFee positive".into(),
            );
        }
        // (issue 14) a larger share would overflow the monthly amount it multiplies
        if self.plan.share_of_fee > Decimal::from(100) {
            return invalid("plan.shareOfFee", "must be at most 100".into());
        }
        let sc = &self.scorecard;
        let singles = [
            sc.unpaid_each_further,
            sc.mandate_pending,
            sc.mandate_missing,
            sc.mandate_deleted,
            sc.no_avtalegiro,
            sc.latent_warning,
            sc.latent_critical,
            sc.plan_breached,
            sc.billed_during_hold,
            sc.past_reminder_each,
            sc.past_reminders_max,
            sc.promise_broken,
        ];
        let points = sc
            .unpaid
            .iter()
            .chain(sc.overdue_age.iter())
            .chain(singles.iter());
        for p in points {
            if !(p.is_finite() && *p >= 0.0) {
                return invalid(
                    "scorecard",
                    format!("points must be finite and not negative, found {p}"),
                );
            }
        }
        if !sc.offset.is_finite() {
            return invalid("scorecard.offset", "must be a finite number".into());
        }
        if !(sc.mandate_pending <= sc.mandate_missing && sc.mandate_missing <= sc.mandate_deleted) {
            return invalid("scorecard", "mandate points must rise pending ≤ missing ≤ deleted, or risk would not be monotone".into());
        }
        if sc.latent_warning > sc.latent_critical {
            return invalid(
                "scorecard.latentCritical",
                "must be at least latentWarning".into(),
            );
        }
        let b = &self.bands;
        if !(0.0 < b.watch && b.watch < b.high && b.high < b.critical && b.critical < 1.0) {
            return invalid("bands", "need 0 < watch < high < critical < 1".into());
        }
        if let Some(scheme) = &self.nets.kid {
            scheme.validate().map_err(|e| PolicyError::Invalid {
                field: "nets.kid".into(),
                message: e.to_string(),
            })?;
            if self.nets.instalment_number == InstalmentNumber::DueMonth
                && scheme.instalment_digits < 4
            {
                return invalid(
                    "nets.kid.instalmentDigits",
                    "instalmentNumber dueMonth (YYMM) needs at least 4 instalment digits".into(),
                );
            }
        }
        if !(0..=30).contains(&self.nets.retry_business_days) {
            return invalid(
                "nets.retryBusinessDays",
                format!("{} is outside 0–30", self.nets.retry_business_days),
            );
        }
        for (field, fee) in [
            ("ladder.sms.fee", l.sms.fee),
            ("ladder.reminder.fee", l.reminder.fee),
            ("ladder.collectionNotice.fee", l.collection_notice.fee),
            (
                "ladder.handOver.minOutstanding",
                l.hand_over.min_outstanding,
            ),
            ("ladder.feeMinOutstanding", l.fee_min_outstanding),
        ] {
            if fee.0 < Decimal::ZERO {
                return invalid(field, "must not be negative".into());
            }
            // (issue 14) bounded like every amount of input, so no sum with it can overflow
            if fee.0 > crate::money::MAX_AMOUNT {
                return invalid(field, "must be at most 1 000 000 000 kr".into());
            }
        }

        // the law
        if l.sms.fee.0 > Decimal::ZERO {
            return rule(
                rules::FEE_ONLY_ON_WRITTEN_REMINDER,
                "ladder.sms.fee",
                say(
                    "a reminder fee may only be charged on a written reminder, not on the SMS"
                        .into(),
                    "purregebyr kan bare kreves for en skriftlig purring, ikke for SMS-en".into(),
                ),
            );
        }
        if l.sms.enabled && l.sms.after_days < 1 {
            return invalid(
                "ladder.sms.afterDays",
                "a reminder can only be sent after the due date".into(),
            );
        }
        // a policy's fee may be lower than the cap of the day, never higher than the highest 1/20 cap
        let cap = crate::law::highest_twentieth_cap();
        let fee_steps = [
            ("ladder.reminder.fee", l.reminder.enabled, l.reminder.fee.0),
            (
                "ladder.collectionNotice.fee",
                l.collection_notice.enabled,
                l.collection_notice.fee.0,
            ),
        ];
        for (field, enabled, fee) in fee_steps {
            if fee > cap && (enabled || fee > Decimal::ZERO) {
                return rule(
                    rules::FEE_CAP,
                    field,
                    say(
                        format!(
                            "{fee} kr is above the cap of 1/20 of the inkassosats ({} kr)",
                            Money(cap)
                        ),
                        format!(
                            "{fee} kr er over taket på 1/20 av inkassosatsen ({} kr)",
                            Money(cap)
                        ),
                    ),
                );
            }
        }
        // the statutory figures are the law's: a policy may repeat them, never change them
        let law_table = FeeTable::default();
        for (i, r) in self.fees.inkassosats.iter().enumerate() {
            if !law_table.inkassosats.contains(r) {
                return rule(
                    crate::law::rules::STATUTORY_FIGURES,
                    &format!("fees.inkassosats[{i}]"),
                    format!(
                        "the inkassosats is set by regulation, not by a policy: the law has no rate of {} kr from {}",
                        r.amount,
                        dates::format_date(r.from)
                    ),
                );
            }
        }
        if self.fees.twentieth_from != law_table.twentieth_from {
            return rule(
                crate::law::rules::STATUTORY_FIGURES,
                "fees.twentiethFrom",
                "the 1/10 → 1/20 change applies to claims due from 2020-10-01 (inkassoforskriften § 1-2)"
                    .into(),
            );
        }
        if l.reminder.enabled {
            if l.reminder.after_days < 1 {
                return invalid(
                    "ladder.reminder.afterDays",
                    "a reminder can only be sent after the due date".into(),
                );
            }
            if l.reminder.fee.0 > Decimal::ZERO && l.reminder.after_days < 14 {
                return rule(
                    rules::REMINDER_FEE_AFTER_14_DAYS,
                    "ladder.reminder.afterDays",
                    say(
                        format!(
                            "a reminder fee requires the written reminder to be sent at least 14 days after the due date, not {}",
                            l.reminder.after_days
                        ),
                        format!(
                            "purregebyr krever at den skriftlige purringen sendes minst 14 dager etter forfall, ikke {}",
                            l.reminder.after_days
                        ),
                    ),
                );
            }
            if !(1..=2).contains(&l.reminder.max_count) {
                return invalid("ladder.reminder.maxCount", "must be 1 or 2".into());
            }
        }
        let reminder_fees = if l.reminder.enabled && l.reminder.fee.0 > Decimal::ZERO {
            l.reminder.max_count
        } else {
            0
        };
        let notice_fee = l.collection_notice.enabled && l.collection_notice.fee.0 > Decimal::ZERO;
        if reminder_fees + u32::from(notice_fee) > 2 {
            return rule(
                rules::FEE_COUNT,
                "ladder",
                say(
                    "a claim may carry at most 2 reminder fees, or 1 reminder fee and 1 collection-notice fee, before the payment demand".into(),
                    "et krav kan ha høyst 2 purregebyrer, eller 1 purregebyr og 1 gebyr for inkassovarsel, før betalingsoppfordringen".into(),
                ),
            );
        }
        if reminder_fees >= 1 && (notice_fee || reminder_fees == 2) && l.reminder.deadline_days < 14
        {
            return rule(
                rules::SECOND_FEE_AFTER_MISSED_DEADLINE,
                "ladder.reminder.deadlineDays",
                say(
                    "a second fee may only be charged after the debtor missed a deadline of at least 14 days in the first reminder".into(),
                    "et nytt gebyr kan bare kreves etter at skyldneren har oversittet en frist på minst 14 dager i første purring".into(),
                ),
            );
        }
        if l.collection_notice.enabled {
            if l.collection_notice.deadline_days < 14 {
                return rule(
                    rules::NOTICE_DEADLINE_14_DAYS,
                    "ladder.collectionNotice.deadlineDays",
                    say(
                        format!(
                            "a collection notice must give at least 14 days from sending to pay, not {}",
                            l.collection_notice.deadline_days
                        ),
                        format!(
                            "et inkassovarsel må gi minst 14 dager fra det sendes til betaling, ikke {}",
                            l.collection_notice.deadline_days
                        ),
                    ),
                );
            }
            let earliest = self.notice_earliest_after_due();
            if earliest < 1 {
                return rule(
                    rules::NOTICE_AFTER_DUE,
                    "ladder.collectionNotice.afterDays",
                    say(
                        "a collection notice can only be sent after the due date".into(),
                        "et inkassovarsel kan bare sendes etter forfall".into(),
                    ),
                );
            }
            if notice_fee && earliest < 14 {
                return rule(
                    rules::REMINDER_FEE_AFTER_14_DAYS,
                    "ladder.collectionNotice.afterDays",
                    say(
                        "a fee on the collection notice requires it to be sent at least 14 days after the due date".into(),
                        "gebyr på inkassovarselet krever at det sendes minst 14 dager etter forfall".into(),
                    ),
                );
            }
        }
        if l.hand_over.enabled && !l.collection_notice.enabled {
            return rule(
                rules::HAND_OVER_AFTER_NOTICE,
                "ladder.handOver.enabled",
                say(
                    "a claim can only be handed over to collection after a collection notice's deadline has passed".into(),
                    "et krav kan bare sendes til inkasso etter at fristen i inkassovarselet har løpt ut".into(),
                ),
            );
        }
        Ok(())
    }
}
