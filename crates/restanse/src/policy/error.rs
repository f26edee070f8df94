//! Why a policy was refused, as people read it in the policy's language, and the rule codes a refusal names.

use crate::i18n::Lang;

/// Why a policy was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PolicyError {
    /// The JSON could not be read.
    #[error("policy is not valid JSON for restanse: {field}: {message}")]
    Unreadable { field: String, message: String },
    /// The policy would break a rule of Norwegian law.
    #[error("{}", refusal(.field, .rule, .message, *.lang))]
    Rule {
        rule: &'static str,
        field: String,
        message: String,
        /// The language of `message` and of the error's text (the policy's own `language`).
        lang: Lang,
    },
    /// The policy makes no sense (a negative number of days, bands out of order…).
    #[error("policy invalid: {field}: {message}")]
    Invalid { field: String, message: String },
}

/// A refusal as people read it, in the policy's language (issue 19).
fn refusal(field: &str, rule: &str, message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("policy refused: {field} breaks the rule \"{rule}\": {message}"),
        Lang::Nb => format!("policyen avvises: {field} bryter regelen \"{rule}\": {message}"),
    }
}

impl PolicyError {
    /// The legal rule broken, when that is the reason.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            PolicyError::Rule { rule, .. } => Some(rule),
            _ => None,
        }
    }
}

/// Rule codes, stable for tests and UIs.
pub mod rules {
    pub const FEE_ONLY_ON_WRITTEN_REMINDER: &str = "fee_only_on_written_reminder";
    pub const REMINDER_FEE_AFTER_14_DAYS: &str = "reminder_fee_after_14_days";
    pub const FEE_CAP: &str = "fee_at_most_one_twentieth_of_inkassosats";
    pub const NOTICE_DEADLINE_14_DAYS: &str = "collection_notice_deadline_at_least_14_days";
    pub const NOTICE_AFTER_DUE: &str = "collection_notice_after_due_date";
    pub const SECOND_FEE_AFTER_MISSED_DEADLINE: &str = "second_fee_after_missed_14_day_deadline";
    pub const FEE_COUNT: &str = "at_most_two_fees_per_claim";
    pub const HAND_OVER_AFTER_NOTICE: &str = "hand_over_after_collection_notice_deadline";
}
