//! The policy: every threshold, ladder step, fee and channel the engine uses, as data.
//!
//! A gym may change any of it in a JSON file; what it leaves out keeps the Norwegian default written here.
//! Loading validates the whole policy, and a policy that would break a rule of Norwegian debt-collection law
//! (`DOMAIN.md`: inkassoloven and inkassoforskriften) is refused with a [`PolicyError::Rule`] naming the rule.
//! Facts the material gives only medium confidence for (the 6-day SMS, the scorecard weights, the latent
//! thresholds) are defaults here, never constants in code.
//!
//! The reminder ladder, per unpaid instalment (each a separate claim):
//!
//! 1. an SMS `sms.afterDays` (6) after the due date, never with a fee;
//! 2. a written reminder no earlier than `reminder.afterDays` (14) after due, with a fee of at most the cap in
//!    force for that claim that day ([`law::fee_cap`]: 38 kr in 2026) and a deadline of
//!    `reminder.deadlineDays` (14);
//! 3. a collection notice (inkassovarsel, inkassoloven § 9) after that deadline, with its own deadline of at
//!    least 14 days;
//! 4. hand-over to a collection agency once the notice's deadline has passed.
//!
//! The statutory figures are not a policy's: see [`law`]. A policy may choose lower fees, never a
//! higher cap; `fees` repeats the law's table for people and is refused if it differs.
//!
//! The files are split by what each part does: `settings` (the structs, [`Policy`] and its parts), `defaults`
//! (the Norwegian default of each), `read` (from JSON, field by field: [`Policy::from_json`]), `check` (the law
//! and sense: [`Policy::validate`]), `error` ([`PolicyError`] and the [`rules`] it names) and `warnings`
//! ([`Policy::warnings`]).

mod check;
mod defaults;
mod error;
mod read;
mod settings;
mod warnings;

#[cfg(test)]
mod tests;

pub use crate::i18n::Lang;
pub use crate::law::rules;
pub use error::PolicyError;
pub use settings::*;

/// The law's own figures and rules, which no policy may change (re-exported from the engine's private `law`):
/// the fee caps, deadlines counted in bank days, and which step may be taken when.
pub mod law {
    pub use crate::law::{
        act_on, add_days, deadline, fee_allowed, fee_cap, highest_twentieth_cap, limitation_ends,
        may_take, rules, sats_on, Act, Claim, Letter, Sats, Step, FOURTEEN_DAYS, INKASSOSATS,
        LIMITATION_YEARS, MAX_FEES_PER_CLAIM,
    };
}
