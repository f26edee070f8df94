//! A batch streamed, not held (issue 18): a whole chain assessed in memory that does not grow with it.
//!
//! [`crate::Engine::run`] holds a batch in memory: fine for a gym, not for a country (1.3 million members is
//! about 3 GB of JSON). A streamed batch goes through the same stages, split so that a face can run them over
//! a file in two passes and on every core, with the same bytes out as the batch held in memory:
//!
//! 1. **Split** ([`crate::split`]): one pass over the bytes finds each record and its id. The ids pick the
//!    visit model's subsample ([`VisitSample`]): the same members, by the same hash, as in memory.
//! 2. **Fit**: only the sampled records are read ([`VisitSample::fit`]), and the portfolio's visit model is
//!    fitted from them before any member is assessed.
//! 3. **Judge**, on any thread ([`crate::Engine::judge_text`]): each record is read, checked, derived and
//!    assessed on its own; nothing in it depends on another record.
//! 4. **Collect**, in input order ([`Collector`]): the one rule that spans records — a later record with an
//!    earlier id is a duplicate — is applied here, and the report ([`crate::report::Builder`]) and the
//!    worklist are built on the way.
//!
//! The engine does no I/O and starts no thread: the face reads the file, runs step 3 on its cores and writes
//! what step 4 hands back.

use crate::derive;
use crate::engine::{Engine, CANDIDATES_PER_SAMPLED};
use crate::i18n::Lang;
use crate::output::Rejection;
use crate::parse::{self, Parsed};
use crate::report::Evaluated;
use crate::split::Span;
use crate::validate::{self, Ids};
use crate::visits::{fit_portfolio, ModelKind, PortfolioModel, Summary};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One record read, checked and assessed, before the batch-wide duplicate check ([`Collector::accept`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// The record's number in the batch, from 1.
    pub record: usize,
    /// The id the record was read with, when it could be read: what the duplicate check looks at.
    pub read_id: Option<String>,
    /// The member with its facts and assessment, or why the record was rejected.
    pub outcome: Result<Evaluated, Rejection>,
}

impl Engine {
    /// Reads, checks and assesses record number `record` of a streamed batch: `text` is its bytes (a
    /// [`Span`] of the input, starting at byte `offset`) and `visits` the batch's visit model
    /// ([`VisitSample::fit`]). Pure, so any thread may call it.
    pub fn judge_text(
        &self,
        text: &[u8],
        record: usize,
        offset: u64,
        as_of: NaiveDate,
        visits: Option<&PortfolioModel>,
    ) -> Judged {
        let parsed = match std::str::from_utf8(text) {
            Ok(text) => parse::parse_one(text, record),
            Err(e) => {
                let at = e.valid_up_to();
                let byte = text.get(at).copied().unwrap_or(0);
                Err(Rejection {
                    record,
                    member_id: parse::member_id_of(&String::from_utf8_lossy(text)),
                    field: String::new(),
                    reason: format!(
                        "the record is not UTF-8 text: byte {} of the input (0x{byte:02x}); save the input as UTF-8",
                        offset.saturating_add(at as u64)
                    ),
                    source: None,
                })
            }
        };
        self.judge(parsed, record, as_of, visits)
    }

    /// [`Engine::judge_text`] for a record already parsed.
    pub fn judge(
        &self,
        parsed: Parsed,
        record: usize,
        as_of: NaiveDate,
        visits: Option<&PortfolioModel>,
    ) -> Judged {
        let lang = self.policy().language;
        match parsed {
            Err(mut r) => {
                r.reason = crate::i18n::rejection_reason(r.reason, lang);
                Judged {
                    record,
                    read_id: None,
                    outcome: Err(r),
                }
            }
            Ok(input) => {
                let read_id = Some(input.id.clone());
                let outcome = match validate::validate_member_in(input, as_of, lang) {
                    Ok(checked) => {
                        let facts = derive::derive(&checked.member, as_of, self.policy());
                        Ok(self.evaluate(checked, facts, as_of, visits))
                    }
                    Err(invalid) => Err(validate::invalid_rejection(invalid, record, lang)),
                };
                Judged {
                    record,
                    read_id,
                    outcome,
                }
            }
        }
    }
}

impl Judged {
    /// Keeps only what `keep` takes from the member (its rendered output, its part of the report…), so the
    /// member itself is dropped on the thread that assessed it and only that travels on.
    pub fn keep<T>(self, keep: impl FnOnce(Evaluated) -> T) -> Kept<T> {
        Kept {
            record: self.record,
            read_id: self.read_id,
            outcome: self.outcome.map(keep),
        }
    }
}

/// A [`Judged`] record with only what was kept of its member ([`Judged::keep`]). A member assessed was read, so
/// `read_id` is its id (validation keeps the id as read): what the duplicate check remembers.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept<T> {
    pub record: usize,
    pub read_id: Option<String>,
    pub outcome: Result<T, Rejection>,
}

/// The in-order stage of a streamed batch: feed it every [`Judged`] in record order.
#[derive(Debug, Clone, Default)]
pub struct Collector {
    ids: Ids,
    rejected: Vec<Rejection>,
    records: usize,
}

impl Collector {
    pub fn new(lang: Lang) -> Collector {
        Collector {
            ids: Ids::with_capacity(0, lang),
            ..Collector::default()
        }
    }

    /// The next record: its member when it is assessed, or `None` when it is rejected (the rejection is
    /// kept, [`Collector::into_rejected`]). A record whose id an earlier record had is rejected as a duplicate,
    /// whatever its own outcome, as in [`crate::validate::validate_batch`].
    pub fn accept(&mut self, judged: Judged) -> Option<Evaluated> {
        self.accept_kept(judged.keep(|e| e))
    }

    /// [`Collector::accept`] for a record of which only `T` was kept.
    pub fn accept_kept<T>(&mut self, kept: Kept<T>) -> Option<T> {
        self.records += 1;
        if let Some(id) = &kept.read_id {
            if let Some(r) = self.ids.duplicate(id, kept.record) {
                self.rejected.push(r);
                return None;
            }
        }
        match kept.outcome {
            Ok(t) => {
                if let Some(id) = kept.read_id {
                    self.ids.insert(id, kept.record);
                }
                Some(t)
            }
            Err(r) => {
                if kept.read_id.is_some() {
                    self.ids.insert_rejected(&r);
                }
                self.rejected.push(r);
                None
            }
        }
    }

    /// Records seen so far: always `assessed + rejected`.
    pub fn records(&self) -> usize {
        self.records
    }

    pub fn into_rejected(self) -> Vec<Rejection> {
        self.rejected
    }
}

/// The visit model's subsample of a streamed batch, picked from the ids the splitter found.
///
/// In memory the model is fitted on the `fitSample` members with a visit summary whose ids hash lowest
/// ([`fit_portfolio`]). Streamed, the splitter's pass keeps the `cap` lowest-hashing ids and where their
/// records lie; only those records are then read. When fewer than `fitSample` of them turn out to have a
/// summary (members never seen in the gym, rejected records) and ids were left out, the fit asks for a larger
/// `cap` and another pass ([`VisitSample::fit`]), so the model is always the one the batch held in memory gets.
#[derive(Debug, Clone)]
pub struct VisitSample {
    kind: ModelKind,
    sample: usize,
    min_members: usize,
    cap: usize,
    candidates: BTreeMap<(u64, String), Vec<Span>>,
    /// Whether an id was left out because `cap` lower ones were already kept.
    saturated: bool,
}

impl VisitSample {
    /// The subsample a batch assessed by `engine` needs, keeping at most `cap` ids (at least the policy's
    /// `fitSample`); `None` when the policy asks for no visit model.
    pub fn new(engine: &Engine, cap: Option<usize>) -> Option<VisitSample> {
        let latent = &engine.policy().latent;
        let kind = latent.visit_model()?;
        let sample = latent.fit_sample;
        Some(VisitSample {
            kind,
            sample,
            min_members: latent.min_fit_members,
            cap: cap
                .unwrap_or(sample.saturating_mul(CANDIDATES_PER_SAMPLED))
                .max(sample),
            candidates: BTreeMap::new(),
            saturated: false,
        })
    }

    /// A record the splitter found.
    pub fn offer(&mut self, span: &Span) {
        let Some(id) = &span.id else { return };
        let key = (crate::visits::fnv1a(id), id.clone());
        if let Some(spans) = self.candidates.get_mut(&key) {
            spans.push(span.clone());
            return;
        }
        if self.candidates.len() >= self.cap {
            let Some(last) = self.candidates.last_key_value().map(|(k, _)| k) else {
                return;
            };
            self.saturated = true;
            if &key > last {
                return;
            }
            self.candidates.pop_last();
        }
        self.candidates.insert(key, vec![span.clone()]);
    }

    /// Adds the candidates a second splitter found later in the batch, whose records are numbered from 1 after
    /// `records` earlier ones: the lowest ids of the whole batch are among the lowest of either part.
    pub fn merge(&mut self, later: VisitSample, records: usize) {
        self.saturated |= later.saturated;
        for (key, spans) in later.candidates {
            let spans = spans.into_iter().map(|mut s| {
                s.record = s.record.saturating_add(records);
                s
            });
            self.candidates.entry(key).or_default().extend(spans);
        }
        while self.candidates.len() > self.cap {
            self.saturated = true;
            self.candidates.pop_last();
        }
    }

    /// Fits the visit model from the sampled records; `text(span)` gives a record's bytes. `Err(cap)` asks for
    /// another splitting pass keeping `cap` ids.
    pub fn fit(
        &self,
        engine: &Engine,
        as_of: NaiveDate,
        text: &mut dyn FnMut(&Span) -> Option<Vec<u8>>,
    ) -> Result<PortfolioModel, usize> {
        let lang = engine.policy().language;
        let mut data: Vec<(&str, Summary)> = Vec::with_capacity(self.sample);
        for ((_, id), spans) in &self.candidates {
            if data.len() >= self.sample {
                break;
            }
            // the first record read with this id decides: a later one is a duplicate
            for span in spans {
                let Some(bytes) = text(span) else { continue };
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    continue;
                };
                let Ok(input) = parse::parse_one(text, span.record) else {
                    continue;
                };
                if input.id != *id {
                    continue;
                }
                if let Ok(c) = validate::validate_member_in(input, as_of, lang) {
                    let facts = derive::derive(&c.member, as_of, engine.policy());
                    if let Some((x, t_x, t)) =
                        derive::summary_of(&c.member, &facts.attendance, as_of)
                    {
                        data.push((id.as_str(), Summary::new(x, t_x, t)));
                    }
                }
                break;
            }
        }
        if data.len() < self.sample && self.saturated {
            return Err(self.cap.saturating_mul(CANDIDATES_PER_SAMPLED));
        }
        Ok(fit_portfolio(
            self.kind,
            &data,
            self.sample,
            self.min_members,
        ))
    }
}
