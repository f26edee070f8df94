//! A risk model trained on a gym's own history, replacing the default scorecard (being written).
//!
//! The seam: [`RiskModel::score`] turns a member's facts and signals into a risk, a band and the
//! contribution of each feature, exactly as [`crate::risk::score`] does for the scorecard.

use crate::derive::Facts;
use crate::member::Member;
use crate::output::Signal;
use crate::policy::Policy;
use crate::risk::{self, Scored};
use serde::{Deserialize, Serialize};

/// A trained model (placeholder: scores with the policy's scorecard until the trained model lands).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RiskModel {}

impl RiskModel {
    /// Risk, band and explanation for one member.
    pub fn score(&self, m: &Member, f: &Facts, signals: &[Signal], policy: &Policy) -> Scored {
        risk::score(m, f, signals, policy)
    }
}
