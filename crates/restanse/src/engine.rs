//! The engine: a validated policy, and the whole flow from a batch to assessments and a report.
//!
//! `Engine` is what every face uses — the CLI, the WebAssembly package and the demo page — so the same
//! input gives the same output, byte for byte, in all three. There is one pipeline, [`Engine::run`]:
//!
//! 1. validate every record (a rejection names the record, the field and why);
//! 2. fit the batch's visit model on its hashed subsample ([`crate::visits::fit_portfolio`]): only the
//!    lowest-hashing members' attendance is read for it, as a streamed batch does;
//! 3. per member, in turn: derive its facts once — overdue claims, holds, binding, attendance and the visit
//!    summary — then signals, risk and actions, with a progress hook for the faces' bars; nothing of one member
//!    is held while the next is judged (issue 18: holding every member's facts first cost a third of the time);
//! 4. the portfolio report from the same facts and assessments, when asked for.
//!
//! Records already parsed (a CSV export, a batch changed by a feed or Nets files) go through it whole; a batch
//! given as JSON text (`assess_json`, `report_json`, …: `text_batch`) and a streamed one (`stream`) run the same
//! stages record by record — the same visit-model subsample, the same per-member step ([`Engine::evaluate`]) —
//! and give the same output, which their tests and the `member_json` fuzz target hold them to.

use crate::actions;
use crate::derive::{self, Facts};
use crate::member::Member;
use crate::model::RiskModel;
use crate::output::{AssessOutput, Assessment, Rejection};
use crate::parse::Parsed;
use crate::policy::LatentModel;
use crate::policy::{Policy, PolicyError};
use crate::report::{self, Evaluated, Report};
use crate::risk;
use crate::signals::{self, LatentEstimate};
use crate::validate::{self, Checked};
use crate::visits::{fit_portfolio, fnv1a, PortfolioModel, Summary};
use chrono::NaiveDate;

/// How often [`Engine::run`] reports progress, in members.
pub const PROGRESS_EVERY: usize = 10_000;

/// How many candidate ids a first pass keeps per member of the subsample.
pub const CANDIDATES_PER_SAMPLED: usize = 4;

/// What [`Engine::run`] returns: the output contract, and the portfolio report when it was asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub output: AssessOutput,
    pub report: Option<Report>,
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
        let input = checked.len() + rejected.len();
        self.run_checked(checked, rejected, input, as_of, false, &mut |_, _| {})
            .output
    }

    /// The whole pipeline over parsed records: assessments, and the portfolio report when `with_report`, from one
    /// pass (each member derived once). `progress(done, total)` is called every [`PROGRESS_EVERY`] members and
    /// at the end, for a face's progress bar; the result does not depend on it.
    pub fn run(
        &self,
        parsed: Vec<Parsed>,
        as_of: NaiveDate,
        with_report: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Run {
        let input = parsed.len();
        let (checked, rejected) = validate::validate_batch_in(parsed, as_of, self.policy.language);
        self.run_checked(checked, rejected, input, as_of, with_report, progress)
    }

    fn run_checked(
        &self,
        checked: Vec<Checked>,
        rejected: Vec<Rejection>,
        input: usize,
        as_of: NaiveDate,
        with_report: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Run {
        let mut report = with_report.then(|| report::Builder::new(as_of, &self.policy));
        let mut assessments = Vec::with_capacity(checked.len());
        self.each_checked(checked, as_of, progress, &mut |e| {
            if let Some(b) = &mut report {
                b.add(&e);
            }
            assessments.push(e.assessment);
        });
        let report = report.map(|b| b.finish(&rejected, input));
        Run {
            output: AssessOutput {
                as_of,
                assessments,
                rejected,
            },
            report,
        }
    }

    /// The pipeline of [`Engine::run`] handing each member to `each` in input order, with its facts and
    /// assessment, instead of collecting them; returns the rejections. For a face that writes members as they
    /// come (the CLI's output, report and worklist are built on the way).
    pub fn run_each(
        &self,
        parsed: Vec<Parsed>,
        as_of: NaiveDate,
        progress: &mut dyn FnMut(usize, usize),
        each: &mut dyn FnMut(Evaluated),
    ) -> Vec<Rejection> {
        let (checked, rejected) = validate::validate_batch_in(parsed, as_of, self.policy.language);
        self.each_checked(checked, as_of, progress, each);
        rejected
    }

    fn each_checked(
        &self,
        checked: Vec<Checked>,
        as_of: NaiveDate,
        progress: &mut dyn FnMut(usize, usize),
        each: &mut dyn FnMut(Evaluated),
    ) {
        let visits = self.visit_model_of(&checked, as_of);
        let total = checked.len();
        // each member derived, judged and handed on before the next is touched: nothing of one member
        // outlives its turn, so a batch's working memory is one member's, not the batch's facts
        for (i, checked) in checked.into_iter().enumerate() {
            let facts = derive::derive(&checked.member, as_of, &self.policy);
            each(self.evaluate(checked, facts, as_of, visits.as_ref()));
            if (i + 1) % PROGRESS_EVERY == 0 {
                progress(i + 1, total);
            }
        }
        progress(total, total);
    }

    /// Signals, risk and actions of one member whose facts are derived, in a batch whose visit model is
    /// `visits`: the per-member step of [`Engine::run`] and of a streamed batch ([`Engine::judge`]).
    pub(crate) fn evaluate(
        &self,
        checked: Checked,
        facts: Facts,
        as_of: NaiveDate,
        visits: Option<&PortfolioModel>,
    ) -> Evaluated {
        let estimate = self.latent_estimate(&checked.member, &facts, as_of, visits);
        let assessment = self.assessment(&checked, &facts, estimate);
        Evaluated {
            checked,
            facts,
            assessment,
        }
    }

    /// The batch's visit model, when the policy asks for one (`latent.model`, `latent.evidenceModel`): fitted
    /// on a deterministic subsample of the members' own (x, t_x, T) in weeks, or the prior, saying which.
    ///
    /// The subsample is the `fitSample` members with visits whose ids hash lowest ([`fit_portfolio`]), so only
    /// the lowest-hashing members' attendance is read here: those whose hash is below a limit that expects
    /// [`CANDIDATES_PER_SAMPLED`] candidates per place, sorted by hash, the limit raised when too
    /// few of them have visits. The same members as a streamed batch's [`crate::VisitSample`], so the same model.
    fn visit_model_of(&self, checked: &[Checked], as_of: NaiveDate) -> Option<PortfolioModel> {
        let l = &self.policy.latent;
        let kind = l.visit_model()?;
        let hashes: Vec<u64> = checked.iter().map(|c| fnv1a(&c.member.id)).collect();
        let id = |i: usize| checked.get(i).map_or("", |c| c.member.id.as_str());
        let per_place = u64::try_from(CANDIDATES_PER_SAMPLED).unwrap_or(4);
        let wanted = u64::try_from(l.fit_sample)
            .unwrap_or(u64::MAX)
            .saturating_mul(per_place);
        // hashes are spread evenly, so `wanted` of `n` fall below about u64::MAX / n * wanted
        let n = u64::try_from(hashes.len()).unwrap_or(u64::MAX).max(1);
        let mut limit = (u64::MAX / n).saturating_mul(wanted);
        let mut summaries: Vec<(&str, Summary)> = Vec::with_capacity(l.fit_sample);
        loop {
            // every member hashing at most `limit`: a prefix of the hash order, whatever the ties
            let mut candidates: Vec<(u64, usize)> = hashes
                .iter()
                .enumerate()
                .filter(|(_, h)| **h <= limit)
                .map(|(i, h)| (*h, i))
                .collect();
            crate::order::sort_by(&mut candidates, |a, b| {
                a.0.cmp(&b.0).then_with(|| id(a.1).cmp(id(b.1)))
            });
            summaries.clear();
            for &(_, i) in &candidates {
                if summaries.len() >= l.fit_sample {
                    break;
                }
                let Some(m) = checked.get(i).map(|c| &c.member) else {
                    continue;
                };
                if let Some((x, t_x, t)) =
                    derive::summary_of(m, &derive::attendance(m, as_of), as_of)
                {
                    summaries.push((m.id.as_str(), Summary::new(x, t_x, t)));
                }
            }
            if summaries.len() >= l.fit_sample || limit == u64::MAX {
                break;
            }
            limit = limit.saturating_mul(per_place);
        }
        Some(fit_portfolio(
            kind,
            &summaries,
            l.fit_sample,
            l.min_fit_members,
        ))
    }

    /// The model's numbers for a member the `latent` signal speaks about: for every judged member when a
    /// model decides, only when the rhythm rule fires otherwise (they are evidence, nothing more).
    pub(crate) fn latent_estimate(
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

    pub(crate) fn assessment(
        &self,
        c: &Checked,
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
        let next_step = crate::next_step::next_step(&actions);
        let mut warnings = c.warnings.clone();
        warnings.extend(facts.history.warnings.iter().cloned());
        warnings.extend(facts.set_off.iter().map(|s| crate::output::DataWarning {
            field: "instalments".into(),
            message: format!(
                "{} kr paid beyond {} set off against {}, the oldest open claim (credit balances pay the oldest open claim first)",
                s.amount, s.from, s.to
            ),
            rule: None,
        }));
        Assessment {
            member_id: c.member.id.clone(),
            risk: scored.risk,
            band: scored.band,
            signals,
            actions,
            suppressed,
            explanation: scored.explanation,
            warnings,
            next_step,
        }
    }

    /// The portfolio report of parsed records.
    pub fn report_parsed(&self, parsed: Vec<Parsed>, as_of: NaiveDate) -> Report {
        let run = self.run(parsed, as_of, true, &mut |_, _| {});
        run.report
            .unwrap_or_else(|| report::build(&[], &run.output.rejected, 0, as_of, &self.policy))
    }

    /// The day's worklist of parsed records.
    pub fn worklist_parsed(
        &self,
        parsed: Vec<Parsed>,
        as_of: NaiveDate,
        capacity: &crate::worklist::Capacity,
    ) -> crate::worklist::Worklist {
        let out = self.assess_parsed(parsed, as_of);
        crate::worklist::build(&out.assessments, as_of, capacity, &self.policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The held batch reads only its lowest-hashing members' attendance, raising the limit when too few of
    /// them have visits: the model must be the one fitted on every member's summary (the definition).
    #[test]
    fn the_visit_model_is_fitted_on_the_lowest_hashing_members_with_visits() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        // one member in ten has visits, so the first limit finds too few and is raised
        let members: Vec<String> = (0..3000)
            .map(|i| {
                let visits = if i % 10 == 0 {
                    let days: Vec<String> = (0..(3 + i % 7))
                        .map(|k| format!("\"2026-{:02}-{:02}\"", 1 + (k + i) % 10, 1 + (k * 3 + i) % 27))
                        .collect();
                    days.join(",")
                } else {
                    String::new()
                };
                format!(
                    r#"{{"id":"M-{i}","joinedOn":"2025-06-01","paymentMethod":"invoice","visits":[{visits}],"instalments":[]}}"#
                )
            })
            .collect();
        let parsed = crate::parse::parse_batch(&format!("[{}]", members.join(","))).unwrap();
        let (checked, rejected) = validate::validate_batch(parsed, as_of);
        assert!(rejected.is_empty(), "{rejected:?}");
        let mut policy = Policy::default();
        policy.latent.fit_sample = 100;
        policy.latent.min_fit_members = 10;
        let engine = Engine::new(policy).unwrap();
        let l = &engine.policy().latent;
        let all: Vec<(&str, Summary)> = checked
            .iter()
            .filter_map(|c| {
                let a = derive::attendance(&c.member, as_of);
                let (x, t_x, t) = derive::summary_of(&c.member, &a, as_of)?;
                Some((c.member.id.as_str(), Summary::new(x, t_x, t)))
            })
            .collect();
        assert_eq!(all.len(), 300);
        let want = fit_portfolio(
            l.visit_model().unwrap(),
            &all,
            l.fit_sample,
            l.min_fit_members,
        );
        let got = engine.visit_model_of(&checked, as_of).unwrap();
        assert_eq!(got.fitted_on, 100);
        assert_eq!(got, want);
    }
}
