//! The latent-member evaluation on real purchase logs (CDNOW): shared by `examples/latent_cdnow.rs` (the full
//! cohort, a benchmark) and `tests/latent_cdnow.rs` (the shipped every-10th-customer subset, in CI).
//!
//! Each customer is a member: `joinedOn` = first purchase, visits = distinct purchase days up to the end of the
//! calibration period (`as_of`). The truth is the holdout: a member is *latent* when they bought nothing in
//! (as_of, holdout_end]. The engine runs exactly as users run it (`Engine::assess_json`, the default policy for
//! the `latent` flag and its evidence); policy variants only read out scores for every member (P(alive) under
//! each visit model, relative silence). Judged: every member the `latent` signal speaks about — not cancelled,
//! not in a hold, past `latent.settlingDays` (on CDNOW: all, as nobody has holds and everyone joined in Q1 1997).
//!
//! Only the crate's public faces are used: `Engine`, `Policy::from_json`, the JSON output, and `visits` for the
//! full fits and the conditional-expectation check.
#![allow(dead_code)]

use chrono::NaiveDate;
use restanse::visits::{fit, FitOptions, ModelKind, Summary};
use restanse::{Engine, Policy};
use serde_json::Value;
use std::collections::BTreeMap;

/// One customer's distinct purchase days, in order.
#[derive(Debug, Clone)]
pub struct Customer {
    pub id: String,
    pub days: Vec<NaiveDate>,
}

/// Reads the CDNOW master log (customer id, YYYYMMDD, CDs, dollars; whitespace-separated, optional header).
pub fn read_log(text: &str) -> Result<Vec<Customer>, String> {
    let mut by_id: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let mut f = line.split_whitespace();
        let (Some(id), Some(date)) = (f.next(), f.next()) else {
            continue;
        };
        if !id.bytes().all(|b| b.is_ascii_digit()) {
            continue; // the header
        }
        let day = NaiveDate::parse_from_str(date, "%Y%m%d")
            .map_err(|e| format!("line {}: date {date:?}: {e}", n + 1))?;
        by_id.entry(id.to_string()).or_default().push(day);
    }
    Ok(by_id
        .into_iter()
        .map(|(id, mut days)| {
            days.sort();
            days.dedup();
            Customer { id, days }
        })
        .collect())
}

/// Calibration end (`as_of`) and holdout end.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    pub as_of: NaiveDate,
    pub holdout_end: NaiveDate,
}

impl Split {
    /// The papers' split: calibration 1997-01-01 – 1997-09-30 (39 weeks), holdout to 1998-06-30 (39 weeks).
    pub fn papers() -> Split {
        Split {
            as_of: NaiveDate::from_ymd_opt(1997, 9, 30).unwrap_or_default(),
            holdout_end: NaiveDate::from_ymd_opt(1998, 6, 30).unwrap_or_default(),
        }
    }
    pub fn holdout_weeks(&self) -> f64 {
        (self.holdout_end - self.as_of).num_days() as f64 / 7.0
    }
}

/// One judged member.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    /// No purchase in the holdout.
    pub latent: bool,
    pub holdout_purchases: f64,
    /// Distinct purchase days up to as_of.
    pub visits: usize,
    pub silence_days: f64,
    /// The engine's `latent` flag under the default policy.
    pub flag: bool,
    /// Relative silence, as the engine computes it (silence ÷ usual interval).
    pub relative: f64,
    /// P(alive) under the engine's own fit of each model (BG/NBD, MBG/NBD, Pareto/NBD).
    pub engine_p_alive: [f64; 3],
    /// The engine's `latent` flag with each model deciding (`latent.model`, default `pAliveBelow` 0.5).
    pub model_flag: [bool; 3],
    /// (x, t_x, T) in weeks.
    pub summary: Summary,
    /// P(alive) and expected holdout purchases under the full fit of each model.
    pub full_p_alive: [f64; 3],
    pub full_expected: [f64; 3],
}

/// What was measured.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub split: Split,
    pub customers: usize,
    pub rows: Vec<Row>,
    /// Per model: the engine's fit source ("fitted"/"prior") and the full fit's parameters and convergence.
    pub engine_source: [String; 3],
    pub full_params: [String; 3],
}

/// Precision, recall, F1 and the number flagged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub flagged: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn prf_of(tp: f64, flagged: f64, positives: f64) -> Prf {
    let precision = if flagged > 0.0 { tp / flagged } else { 0.0 };
    let recall = if positives > 0.0 { tp / positives } else { 0.0 };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Prf {
        flagged,
        precision,
        recall,
        f1,
    }
}

/// A yes/no rule's precision, recall and F1.
pub fn prf(flags: &[bool], labels: &[bool]) -> Prf {
    let tp = flags.iter().zip(labels).filter(|(f, l)| **f && **l).count() as f64;
    let flagged = flags.iter().filter(|f| **f).count() as f64;
    let positives = labels.iter().filter(|l| **l).count() as f64;
    prf_of(tp, flagged, positives)
}

/// The `k` highest scores flagged; ties at the cut are shared out in proportion (the expected outcome of
/// breaking them at random), so the result does not depend on the order of the members.
pub fn top_k(scores: &[f64], labels: &[bool], k: usize) -> Prf {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let positives = labels.iter().filter(|l| **l).count() as f64;
    let k = k.min(idx.len());
    if k == 0 {
        return prf_of(0.0, 0.0, positives);
    }
    let cut = scores[idx[k - 1]];
    let (mut tp, mut above) = (0.0, 0usize);
    let (mut at, mut at_pos) = (0usize, 0usize);
    for &i in &idx {
        if scores[i] > cut {
            above += 1;
            tp += f64::from(u8::from(labels[i]));
        } else if scores[i] == cut {
            at += 1;
            at_pos += usize::from(labels[i]);
        }
    }
    tp += (k - above) as f64 * at_pos as f64 / at as f64;
    prf_of(tp, k as f64, positives)
}

/// ROC AUC: the project's one implementation (`restanse_train::eval::auc`).
pub use restanse_train::eval::auc;

/// The members' input JSON: calibration visits only.
fn members_json(customers: &[&Customer], as_of: NaiveDate) -> String {
    let members: Vec<Value> = customers
        .iter()
        .map(|c| {
            let visits: Vec<String> = c
                .days
                .iter()
                .filter(|d| **d <= as_of)
                .map(|d| d.to_string())
                .collect();
            serde_json::json!({
                "id": c.id,
                "joinedOn": c.days[0].to_string(),
                "visits": visits,
            })
        })
        .collect();
    Value::Array(members).to_string()
}

/// The `latent` signal of each assessment (by member id): its evidence, if it fired.
fn latent_evidence(
    engine: &Engine,
    json: &str,
    as_of: NaiveDate,
) -> Result<BTreeMap<String, Value>, String> {
    let out = engine.assess_json(json, as_of).map_err(|e| e.to_string())?;
    if !out.rejected.is_empty() {
        return Err(format!(
            "{} members rejected: {:?}",
            out.rejected.len(),
            out.rejected.first()
        ));
    }
    let v = serde_json::to_value(&out).map_err(|e| e.to_string())?;
    let mut map = BTreeMap::new();
    for a in v["assessments"].as_array().into_iter().flatten() {
        let id = a["memberId"].as_str().unwrap_or_default().to_string();
        if let Some(s) = a["signals"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["code"] == "latent")
        {
            map.insert(id, s["evidence"].clone());
        }
    }
    Ok(map)
}

/// An engine under `base` (a policy JSON object; `{}` is the default policy) with `over` laid on top.
fn engine_with(base: &str, over: &str) -> Result<Engine, String> {
    fn merge(a: &mut Value, b: &Value) {
        match (a, b) {
            (Value::Object(a), Value::Object(b)) => {
                for (k, v) in b {
                    merge(a.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
            (a, b) => *a = b.clone(),
        }
    }
    let mut policy: Value = serde_json::from_str(base).map_err(|e| format!("policy: {e}"))?;
    merge(
        &mut policy,
        &serde_json::from_str(over).map_err(|e| e.to_string())?,
    );
    let policy = Policy::from_json(&policy.to_string()).map_err(|e| e.to_string())?;
    Engine::new(policy).map_err(|e| e.to_string())
}

const MODELS: [&str; 3] = ["bgnbd", "mbgnbd", "pareto"];

/// Runs the whole evaluation on a log.
pub fn evaluate(customers: &[Customer], split: Split) -> Result<Evaluation, String> {
    evaluate_under(customers, split, "{}")
}

/// [`evaluate`] under a policy other than the default (JSON; fields left out keep the defaults).
pub fn evaluate_under(
    customers: &[Customer],
    split: Split,
    policy: &str,
) -> Result<Evaluation, String> {
    let as_of = split.as_of;
    let settling = Policy::default().latent.settling_days;
    // judged: joined (first purchase) at least `settlingDays` before as_of; no holds, nobody cancelled
    let judged: Vec<&Customer> = customers
        .iter()
        .filter(|c| {
            c.days
                .first()
                .is_some_and(|d| (as_of - *d).num_days() >= settling)
        })
        .collect();
    let json = members_json(&judged, as_of);

    let default = latent_evidence(&engine_with(policy, "{}")?, &json, as_of)?;
    // relative silence for every member: the rhythm rule with thresholds so low that everyone silent fires
    let everyone = latent_evidence(
        &engine_with(
            policy,
            r#"{"latent":{"rhythmFactor":1e-9,"criticalFactor":1e-9,"minSilenceDays":0}}"#,
        )?,
        &json,
        as_of,
    )?;
    let mut scores: Vec<BTreeMap<String, Value>> = Vec::new();
    let mut deciders: Vec<BTreeMap<String, Value>> = Vec::new();
    let mut engine_source: [String; 3] = Default::default();
    for (k, m) in MODELS.iter().enumerate() {
        let s = latent_evidence(
            &engine_with(
                policy,
                &format!(
                    r#"{{"latent":{{"model":"{m}","pAliveBelow":1.0,"pAliveCriticalBelow":1.0}}}}"#
                ),
            )?,
            &json,
            as_of,
        )?;
        engine_source[k] = s
            .values()
            .next()
            .and_then(|e| e["visitModelSource"].as_str())
            .unwrap_or("–")
            .to_string();
        scores.push(s);
        deciders.push(latent_evidence(
            &engine_with(policy, &format!(r#"{{"latent":{{"model":"{m}"}}}}"#))?,
            &json,
            as_of,
        )?);
    }

    let weeks = |from: NaiveDate, to: NaiveDate| (to - from).num_days() as f64 / 7.0;
    let mut rows: Vec<Row> = judged
        .iter()
        .map(|c| {
            let cal: Vec<NaiveDate> = c.days.iter().copied().filter(|d| *d <= as_of).collect();
            let holdout = c
                .days
                .iter()
                .filter(|d| **d > as_of && **d <= split.holdout_end)
                .count();
            let (first, last) = (cal[0], cal[cal.len() - 1]);
            let rel = everyone
                .get(&c.id)
                .and_then(|e| e["relativeSilence"].as_f64())
                .unwrap_or(0.0);
            let mut engine_p_alive = [1.0; 3];
            let mut model_flag = [false; 3];
            for k in 0..3 {
                engine_p_alive[k] = scores[k]
                    .get(&c.id)
                    .and_then(|e| e["pAlive"].as_f64())
                    .unwrap_or(1.0);
                model_flag[k] = deciders[k].contains_key(&c.id);
            }
            Row {
                id: c.id.clone(),
                latent: holdout == 0,
                holdout_purchases: holdout as f64,
                visits: cal.len(),
                silence_days: (as_of - last).num_days() as f64,
                flag: default.contains_key(&c.id),
                relative: rel,
                engine_p_alive,
                model_flag,
                summary: Summary::new(
                    (cal.len() - 1) as f64,
                    weeks(first, last),
                    weeks(first, as_of),
                ),
                full_p_alive: [1.0; 3],
                full_expected: [0.0; 3],
            }
        })
        .collect();

    // the papers' fits: every calibration member, to convergence
    let data: Vec<Summary> = rows.iter().map(|r| r.summary).collect();
    let mut full_params: [String; 3] = Default::default();
    let horizon = split.holdout_weeks();
    for (k, kind) in ModelKind::ALL.iter().enumerate() {
        let f = fit(*kind, &data, &FitOptions::default()).map_err(|e| e.to_string())?;
        full_params[k] = format!(
            "{} ({}, ln L {:.1})",
            f.params
                .named()
                .iter()
                .map(|(n, v)| format!("{n} {v:.3}"))
                .collect::<Vec<_>>()
                .join(", "),
            if f.convergence.converged {
                "converged"
            } else {
                "NOT converged"
            },
            f.log_likelihood
        );
        for r in rows.iter_mut() {
            r.full_p_alive[k] = f.p_alive(&r.summary);
            r.full_expected[k] = f.expected_visits(&r.summary, horizon);
        }
    }
    Ok(Evaluation {
        split,
        customers: customers.len(),
        rows,
        engine_source,
        full_params,
    })
}

/// One line of the comparison.
#[derive(Debug, Clone)]
pub struct Line {
    pub method: String,
    /// Precision/recall/F1 of a yes/no rule, with recency's at the same count.
    pub rule: Option<(Prf, Prf)>,
    pub auc: Option<f64>,
}

impl Evaluation {
    pub fn labels(&self) -> Vec<bool> {
        self.rows.iter().map(|r| r.latent).collect()
    }
    fn col(&self, f: impl Fn(&Row) -> f64) -> Vec<f64> {
        self.rows.iter().map(f).collect()
    }
    fn rule(&self, name: &str, flags: Vec<bool>) -> Line {
        let labels = self.labels();
        let p = prf(&flags, &labels);
        let rec = top_k(&self.col(|r| r.silence_days), &labels, p.flagged as usize);
        let as_score: Vec<f64> = flags.iter().map(|f| f64::from(u8::from(*f))).collect();
        Line {
            method: name.into(),
            rule: Some((p, rec)),
            auc: auc(&as_score, &labels),
        }
    }
    fn score(&self, name: &str, s: Vec<f64>) -> Line {
        Line {
            method: name.into(),
            rule: None,
            auc: auc(&s, &self.labels()),
        }
    }

    /// The `latent` flag as the default engine fires it.
    pub fn latent_flag(&self) -> Line {
        self.rule(
            "restanse `latent` flag (default policy)",
            self.rows.iter().map(|r| r.flag).collect(),
        )
    }
    /// The 30-day rule: silence ≥ 30 days.
    pub fn thirty_day(&self) -> Line {
        self.rule(
            "30-day rule (silence ≥ 30 days)",
            self.rows.iter().map(|r| r.silence_days >= 30.0).collect(),
        )
    }

    pub fn lines(&self) -> Vec<Line> {
        let names = ["BG/NBD", "MBG/NBD", "Pareto/NBD"];
        let mut v = vec![self.latent_flag(), self.thirty_day()];
        for (k, model) in MODELS.iter().enumerate() {
            v.push(self.rule(
                &format!(
                    "`latent.model = {}` (P(alive) < 0.5; engine fit: {})",
                    model, self.engine_source[k]
                ),
                self.rows.iter().map(|r| r.model_flag[k]).collect(),
            ));
        }
        v.push(self.score(
            "days of silence (plain recency), score",
            self.col(|r| r.silence_days),
        ));
        v.push(self.score(
            "relative silence (engine's evidence), score",
            self.col(|r| r.relative),
        ));
        for (k, name) in names.iter().enumerate() {
            v.push(self.score(
                &format!(
                    "{}: 1 − pAlive, engine's own fit ({})",
                    name, self.engine_source[k]
                ),
                self.col(|r| 1.0 - r.engine_p_alive[k]),
            ));
        }
        for (k, name) in names.iter().enumerate() {
            v.push(self.score(
                &format!("{}: 1 − P(alive), full fit", name),
                self.col(|r| 1.0 - r.full_p_alive[k]),
            ));
        }
        v
    }

    /// The conditional-expectation check: by calibration repeat purchases x (0..=6, 7+), members, mean actual
    /// holdout purchases and each full fit's mean prediction.
    pub fn conditional_expectations(&self) -> Vec<(String, usize, f64, [f64; 3])> {
        let mut out = Vec::new();
        for x in 0..=7usize {
            let group: Vec<&Row> = self
                .rows
                .iter()
                .filter(|r| {
                    let rx = r.summary.x as usize;
                    if x == 7 {
                        rx >= 7
                    } else {
                        rx == x
                    }
                })
                .collect();
            if group.is_empty() {
                continue;
            }
            let n = group.len() as f64;
            let actual = group.iter().map(|r| r.holdout_purchases).sum::<f64>() / n;
            let mut pred = [0.0; 3];
            for (k, p) in pred.iter_mut().enumerate() {
                *p = group.iter().map(|r| r.full_expected[k]).sum::<f64>() / n;
            }
            out.push((
                if x == 7 { "7+".into() } else { x.to_string() },
                group.len(),
                actual,
                pred,
            ));
        }
        out
    }

    /// Total holdout purchases: actual, and each full fit's prediction.
    pub fn holdout_totals(&self) -> (f64, [f64; 3]) {
        let actual = self.rows.iter().map(|r| r.holdout_purchases).sum();
        let mut pred = [0.0; 3];
        for (k, p) in pred.iter_mut().enumerate() {
            *p = self.rows.iter().map(|r| r.full_expected[k]).sum();
        }
        (actual, pred)
    }
}

/// Gaps between consecutive visit days, in days, and each member's visit count: for comparing rhythms.
pub fn interval_stats(visit_lists: &[Vec<NaiveDate>]) -> String {
    let mut gaps: Vec<i64> = Vec::new();
    let mut medians: Vec<f64> = Vec::new();
    let mut one = 0usize;
    let mut cvs: Vec<f64> = Vec::new();
    for v in visit_lists {
        if v.len() <= 1 {
            one += 1;
        }
        let g: Vec<i64> = v.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
        if !g.is_empty() {
            let mut s = g.clone();
            s.sort();
            let n = s.len();
            medians.push(if n % 2 == 1 {
                s[n / 2] as f64
            } else {
                (s[n / 2 - 1] + s[n / 2]) as f64 / 2.0
            });
        }
        if g.len() >= 3 {
            let mean = g.iter().sum::<i64>() as f64 / g.len() as f64;
            let var = g.iter().map(|x| (*x as f64 - mean).powi(2)).sum::<f64>() / g.len() as f64;
            if mean > 0.0 {
                cvs.push(var.sqrt() / mean);
            }
        }
        gaps.extend(g);
    }
    gaps.sort();
    medians.sort_by(f64::total_cmp);
    cvs.sort_by(f64::total_cmp);
    let q = |v: &[f64], p: f64| {
        if v.is_empty() {
            f64::NAN
        } else {
            v[((v.len() - 1) as f64 * p).round() as usize]
        }
    };
    let gf: Vec<f64> = gaps.iter().map(|g| *g as f64).collect();
    let qs = |v: &[f64]| {
        [0.1, 0.25, 0.5, 0.75, 0.9]
            .iter()
            .map(|p| format!("{:.0}", q(v, *p)))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    format!(
        "{} members, {:.1} % with at most one visit; {} gaps, gap days p10/p25/p50/p75/p90 {}; members' median gap {}; \
         coefficient of variation of a member's gaps (≥ 3 gaps, {} members) median {:.2}",
        visit_lists.len(),
        100.0 * one as f64 / visit_lists.len().max(1) as f64,
        gaps.len(),
        qs(&gf),
        qs(&medians),
        cvs.len(),
        q(&cvs, 0.5)
    )
}
