//! The engine: a validated policy, and the whole flow from a batch to assessments and a report.
//!
//! `Engine` is what every face uses — the CLI, the WebAssembly package and the demo page — so the same
//! input gives the same output, byte for byte, in all three.

use crate::actions;
use crate::derive::{self, Facts};
use crate::model::RiskModel;
use crate::output::{AssessOutput, Assessment, Rejection};
use crate::parse::{self, InputError, Parsed};
use crate::policy::{Policy, PolicyError};
use crate::report::{self, Report};
use crate::risk;
use crate::signals::{self, LatentEstimate};
use crate::validate::{self, Checked};
use chrono::NaiveDate;

/// A member with its facts and assessment: what the report is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    pub checked: Checked,
    pub facts: Facts,
    pub assessment: Assessment,
}

/// Assesses members under one policy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Engine {
    policy: Policy,
    /// A trained risk model; without one the policy's scorecard scores.
    model: Option<RiskModel>,
}

impl Engine {
    /// An engine with a policy, refused when the policy is unlawful or makes no sense.
    pub fn new(policy: Policy) -> Result<Engine, PolicyError> {
        policy.validate()?;
        Ok(Engine {
            policy,
            model: None,
        })
    }

    /// An engine whose risk comes from a trained model instead of the scorecard.
    pub fn with_model(policy: Policy, model: RiskModel) -> Result<Engine, PolicyError> {
        policy.validate()?;
        Ok(Engine {
            policy,
            model: Some(model),
        })
    }

    pub fn model(&self) -> Option<&RiskModel> {
        self.model.as_ref()
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Assesses a JSON array of members.
    pub fn assess_json(&self, json: &str, as_of: NaiveDate) -> Result<AssessOutput, InputError> {
        Ok(self.assess_parsed(parse::parse_batch(json)?, as_of))
    }

    /// Assesses records already parsed (from JSON, CSV or anywhere else).
    pub fn assess_parsed(&self, parsed: Vec<Parsed>, as_of: NaiveDate) -> AssessOutput {
        let (checked, rejected) = validate::validate_batch(parsed, as_of);
        self.assess_checked(checked, rejected, as_of)
    }

    /// Assesses validated members.
    pub fn assess_checked(
        &self,
        checked: Vec<Checked>,
        rejected: Vec<Rejection>,
        as_of: NaiveDate,
    ) -> AssessOutput {
        let assessments = checked
            .into_iter()
            .map(|c| self.assess_one(c, as_of))
            .collect();
        AssessOutput {
            as_of,
            assessments,
            rejected,
        }
    }

    /// Assesses one validated member.
    pub fn assess_one(&self, c: Checked, as_of: NaiveDate) -> Assessment {
        let facts = derive::derive(&c.member, as_of, &self.policy);
        self.assessment(c, &facts, None)
    }

    fn assessment(
        &self,
        c: Checked,
        facts: &Facts,
        estimate: Option<LatentEstimate>,
    ) -> Assessment {
        let m = &c.member;
        let signals = signals::evaluate(m, facts, &self.policy, estimate);
        let scored = match &self.model {
            Some(model) => model.score(m, facts, &signals, &self.policy),
            None => risk::score(m, facts, &signals, &self.policy),
        };
        let (actions, suppressed) = actions::plan(m, facts, &signals, &self.policy);
        Assessment {
            member_id: c.member.id,
            risk: scored.risk,
            band: scored.band,
            signals,
            actions,
            suppressed,
            explanation: scored.explanation,
            warnings: c.warnings,
        }
    }

    /// Validates and evaluates a batch, keeping members and facts for the report.
    pub fn evaluate(
        &self,
        parsed: Vec<Parsed>,
        as_of: NaiveDate,
    ) -> (Vec<Evaluated>, Vec<Rejection>) {
        let (checked, rejected) = validate::validate_batch(parsed, as_of);
        let evaluated = checked
            .into_iter()
            .map(|c| {
                let facts = derive::derive(&c.member, as_of, &self.policy);
                let assessment = self.assessment(c.clone(), &facts, None);
                Evaluated {
                    checked: c,
                    facts,
                    assessment,
                }
            })
            .collect();
        (evaluated, rejected)
    }

    /// The portfolio report of a JSON array of members.
    pub fn report_json(&self, json: &str, as_of: NaiveDate) -> Result<Report, InputError> {
        Ok(self.report_parsed(parse::parse_batch(json)?, as_of))
    }

    /// The portfolio report of parsed records.
    pub fn report_parsed(&self, parsed: Vec<Parsed>, as_of: NaiveDate) -> Report {
        let input = parsed.len();
        let (evaluated, rejected) = self.evaluate(parsed, as_of);
        report::build(&evaluated, &rejected, input, as_of, &self.policy)
    }
}
