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
