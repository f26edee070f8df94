//! The engine: a validated policy, and the whole flow from a batch to assessments and a report.
//!
//! `Engine` is what every face uses — the CLI, the WebAssembly package and the demo page — so the same
//! input gives the same output, byte for byte, in all three.

use crate::actions;
use crate::derive::{self, Facts};
use crate::member::Member;
use crate::model::RiskModel;
use crate::output::{AssessOutput, Assessment, Rejection};
use crate::parse::{self, InputError, Parsed};
use crate::policy::LatentModel;
use crate::policy::{Policy, PolicyError};
use crate::report::{self, Report};
use crate::risk;
use crate::signals::{self, LatentEstimate};
use crate::validate::{self, Checked};
use crate::visits::{fit_portfolio, PortfolioModel, Summary};
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
        let (checked, rejected) = validate::validate_batch_in(parsed, as_of, self.policy.language);
        self.assess_checked(checked, rejected, as_of)
    }

    /// Assesses validated members.
    pub fn assess_checked(
        &self,
        checked: Vec<Checked>,
        rejected: Vec<Rejection>,
        as_of: NaiveDate,
    ) -> AssessOutput {
        let visits = self.visit_model(&checked, as_of);
        let assessments = checked
            .into_iter()
            .map(|c| self.assess_one_with(c, as_of, visits.as_ref()))
            .collect();
        AssessOutput {
            as_of,
            assessments,
            rejected,
        }
    }

    /// Assesses one validated member on its own: a batch of one is too small to fit a visit model, so the
    /// `latent` evidence (if the policy asks for model numbers) comes from the documented prior.
    pub fn assess_one(&self, c: Checked, as_of: NaiveDate) -> Assessment {
        let visits = self.visit_model(std::slice::from_ref(&c), as_of);
        self.assess_one_with(c, as_of, visits.as_ref())
    }

    /// Assesses one validated member of a batch whose visit model is `visits` ([`Engine::visit_model`]).
    pub fn assess_one_with(
        &self,
        c: Checked,
        as_of: NaiveDate,
        visits: Option<&PortfolioModel>,
    ) -> Assessment {
        let facts = derive::derive(&c.member, as_of, &self.policy);
        let estimate = self.latent_estimate(&c.member, &facts, as_of, visits);
        self.assessment(c, &facts, estimate)
    }

    /// The batch's visit model, when the policy asks for one (`latent.model`, `latent.evidenceModel`): fitted
    /// on a deterministic subsample of the members' own (x, t_x, T) in weeks, or the prior, saying which.
    pub fn visit_model(&self, checked: &[Checked], as_of: NaiveDate) -> Option<PortfolioModel> {
        let l = &self.policy.latent;
        let kind = l.visit_model()?;
        let members: Vec<(&str, Summary)> = checked
            .iter()
            .filter_map(|c| {
                derive::visit_summary(&c.member, as_of)
                    .map(|(x, t_x, t)| (c.member.id.as_str(), Summary::new(x, t_x, t)))
            })
            .collect();
        Some(fit_portfolio(
            kind,
            &members,
            l.fit_sample,
            l.min_fit_members,
        ))
    }

    /// The model's numbers for a member the `latent` signal speaks about: for every judged member when a
    /// model decides, only when the rhythm rule fires otherwise (they are evidence, nothing more).
    fn latent_estimate(
        &self,
        m: &Member,
        facts: &Facts,
        as_of: NaiveDate,
        visits: Option<&PortfolioModel>,
    ) -> Option<LatentEstimate> {
        let visits = visits?;
        if !signals::latent_judged(facts, &self.policy)
            || (self.policy.latent.model == LatentModel::Rhythm
                && signals::latent_severity(facts, &self.policy).is_none())
        {
            return None;
        }
        let (x, t_x, t) = derive::summary_of(m, &facts.attendance, as_of)?;
        let s = Summary::new(x, t_x, t);
        let e = &visits.estimate;
        Some(LatentEstimate {
            p_alive: e.p_alive(&s),
            expected_visits_4w: e.expected_visits(&s, 4.0),
            model: e.params().kind(),
            fitted: !e.is_prior(),
        })
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
        let (checked, rejected) = validate::validate_batch_in(parsed, as_of, self.policy.language);
        let visits = self.visit_model(&checked, as_of);
        let evaluated = checked
            .into_iter()
            .map(|c| {
                let facts = derive::derive(&c.member, as_of, &self.policy);
                let estimate = self.latent_estimate(&c.member, &facts, as_of, visits.as_ref());
                let assessment = self.assessment(c.clone(), &facts, estimate);
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
