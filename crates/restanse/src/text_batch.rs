//! A batch given as JSON text and held in memory — `assess_json`, `report_json`, `worklist_json`,
//! `assess_and_report_json`, what library users, the WebAssembly module and the demo page call — assessed
//! record by record, as a streamed batch is.
//!
//! Reading the whole array into input types first and only then checking and assessing each member held the
//! batch in memory twice over (the text and every member's input), and cost 1.56× the parse alone (issue 18):
//! each member's input was written to fresh memory and read back long after, cold. Here the text is split into
//! its records ([`crate::split`]: where each lies and its id), the visit model is fitted on the hashed
//! subsample the ids pick (reading only those records), and then each record is read, checked, derived and
//! assessed in turn ([`Engine::judge`]), its input dropped before the next is read (1.25× the parse then, which
//! carried a pre-scan the reader no longer needs: 1.69× the parse now, the same time, BENCHMARKS.md). The
//! same stages as a streamed batch ([`crate::stream`]), so the same bytes out as the CLI's streamed files and
//! as [`Engine::run`] over records parsed beforehand (a test below holds the two to it).
//!
//! In the WebAssembly module, where the split has no vector instructions and the heap once grown costs no
//! fresh pages, this path is as fast as the held one was (100,000 members side by side in one Node process,
//! 9 rounds: 2,361 against 2,368 ms median), and it needs a 410 MB heap where the held one needed 511 MB, so
//! the module reserves less (BENCHMARKS.md, "WebAssembly package").

use crate::engine::{Engine, Run, CANDIDATES_PER_SAMPLED};
use crate::output::AssessOutput;
use crate::parse::{self, InputError};
use crate::report::{self, Report};
use crate::stream::{summary_of_first, Collector, IdHashes};
use crate::visits::{fit_portfolio, fnv1a, PortfolioModel, Summary};
use chrono::NaiveDate;

impl Engine {
    /// Assesses a JSON array of members.
    pub fn assess_json(&self, json: &str, as_of: NaiveDate) -> Result<AssessOutput, InputError> {
        self.run_records(json, as_of, None)
    }

    /// The portfolio report of a JSON array of members.
    pub fn report_json(&self, json: &str, as_of: NaiveDate) -> Result<Report, InputError> {
        Ok(self
            .assess_and_report_json(json, as_of)?
            .report
            .unwrap_or_else(|| report::build(&[], &[], 0, as_of, self.policy())))
    }

    /// The day's worklist of a JSON array of members ([`crate::output::Worklist`]): one row per member whose next step is
    /// due on or before `as_of`, ranked, within each channel's capacity.
    pub fn worklist_json(
        &self,
        json: &str,
        as_of: NaiveDate,
        capacity: &crate::worklist::Capacity,
    ) -> Result<crate::worklist::Worklist, InputError> {
        let out = self.assess_json(json, as_of)?;
        Ok(crate::worklist::build(
            &out.assessments,
            as_of,
            capacity,
            self.policy(),
        ))
    }

    /// Assessments and the report of a JSON array of members, from one pass.
    pub fn assess_and_report_json(&self, json: &str, as_of: NaiveDate) -> Result<Run, InputError> {
        self.run_text(json, as_of, true)
    }

    fn run_text(&self, text: &str, as_of: NaiveDate, with_report: bool) -> Result<Run, InputError> {
        let mut builder = with_report.then(|| report::Builder::new(as_of, self.policy()));
        let output = self.run_records(text, as_of, builder.as_mut())?;
        let input = output.assessments.len() + output.rejected.len();
        let report = builder.map(|b| b.finish(&output.rejected, input));
        Ok(Run { output, report })
    }

    /// The pipeline over a batch's text, the report built on the way when `report` is given.
    fn run_records(
        &self,
        text: &str,
        as_of: NaiveDate,
        mut report: Option<&mut report::Builder>,
    ) -> Result<AssessOutput, InputError> {
        // (issue 14) a byte-order mark is not part of the JSON: left out, as `parse_batch` leaves it out, so that
        // an error's line and column are counted alike
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // the split: where each record lies, and a hash of its id
        let mut records: Vec<Record> = Vec::new();
        // the hashes also learn which ids may repeat: only those are remembered for the duplicate check
        let mut ids = IdHashes::new();
        parse::split_batch(text.as_bytes(), &mut |span| {
            ids.offer(&span);
            records.push(Record {
                start: span.start,
                end: span.end,
                hash: span.id.as_deref().map(fnv1a),
            });
        })?;
        let visits = self.visit_model(text, &records, as_of);

        // each record read, checked and assessed in turn, in input order
        let mut collector = Collector::streamed(self.policy().language, ids.repeated());
        let mut assessments = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            let record = i + 1;
            // (a record lies between bytes the splitter stops at, all ASCII, so on character boundaries)
            let parsed = parse::parse_one(r.text(text), record);
            if let Some(e) = collector.accept(self.judge(parsed, record, as_of, visits.as_ref())) {
                if let Some(b) = &mut report {
                    b.add(&e);
                }
                assessments.push(e.assessment);
            }
        }
        Ok(AssessOutput {
            as_of,
            assessments,
            rejected: collector.into_rejected(),
        })
    }

    /// The batch's visit model, when the policy asks for one, fitted on the subsample every way of reading a
    /// batch picks: the `fitSample` members with visits whose ids hash lowest. Every id is at hand here, so the
    /// candidates are found as for members held in memory (`Engine::visit_model_of`): the records hashing
    /// under a limit that expects [`CANDIDATES_PER_SAMPLED`] of them per place, in (hash, id) order, the limit
    /// raised when too few have visits; the first record read with an id decides
    /// ([`crate::stream::summary_of_first`], as a streamed batch's [`crate::VisitSample`] does).
    fn visit_model(
        &self,
        text: &str,
        records: &[Record],
        as_of: NaiveDate,
    ) -> Option<PortfolioModel> {
        let l = &self.policy().latent;
        let kind = l.visit_model()?;
        let lang = self.policy().language;
        let per_place = u64::try_from(CANDIDATES_PER_SAMPLED).unwrap_or(4);
        let wanted = u64::try_from(l.fit_sample)
            .unwrap_or(u64::MAX)
            .saturating_mul(per_place);
        // hashes are spread evenly, so `wanted` of `n` fall below about u64::MAX / n * wanted
        let n = records.iter().filter(|r| r.hash.is_some()).count();
        let n = u64::try_from(n).unwrap_or(u64::MAX).max(1);
        let mut limit = (u64::MAX / n).saturating_mul(wanted);
        loop {
            // (hash, id, record index) of every record hashing at most `limit`: a prefix of the hash order
            let mut candidates: Vec<(u64, String, usize)> = records
                .iter()
                .enumerate()
                .filter(|(_, r)| r.hash.is_some_and(|h| h <= limit))
                .filter_map(|(i, r)| Some((r.hash?, r.id(text)?, i)))
                .collect();
            crate::order::sort_by(&mut candidates, |a, b| {
                (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2))
            });
            let mut summaries: Vec<(&str, Summary)> = Vec::with_capacity(l.fit_sample);
            for group in candidates.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
                if summaries.len() >= l.fit_sample {
                    break;
                }
                let Some((_, id, _)) = group.first() else {
                    continue;
                };
                let mut texts = group.iter().filter_map(|&(_, _, i)| {
                    Some((i + 1, Some(records.get(i)?.text(text).as_bytes().to_vec())))
                });
                if let Some(summary) = summary_of_first(self, as_of, lang, id, &mut texts) {
                    summaries.push((id.as_str(), summary));
                }
            }
            if summaries.len() >= l.fit_sample || limit == u64::MAX {
                return Some(fit_portfolio(
                    kind,
                    &summaries,
                    l.fit_sample,
                    l.min_fit_members,
                ));
            }
            limit = limit.saturating_mul(per_place);
        }
    }
}

/// One record of the batch as the split found it: where it lies, and the hash of its id when it has one.
struct Record {
    start: u64,
    end: u64,
    hash: Option<u64>,
}

impl Record {
    /// The record's text in the batch's.
    fn text<'a>(&self, batch: &'a str) -> &'a str {
        usize::try_from(self.start)
            .ok()
            .zip(usize::try_from(self.end).ok())
            .and_then(|(a, b)| batch.get(a..b))
            .unwrap_or_default()
    }

    /// The record's id as the split reads it (for the few records the visit model's subsample may take).
    fn id(&self, batch: &str) -> Option<String> {
        let (_, spans) = crate::split::split_all(self.text(batch).as_bytes()).ok()?;
        spans.into_iter().next()?.id
    }
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    /// The text read record by record gives what the records read first and then run give, on a batch with
    /// bad records and duplicates mixed in, in both languages, with the report;
    /// and when so few members have visits that the subsample's first candidates are not enough.
    #[test]
    fn text_and_records_read_first_give_the_same_run() {
        let as_of = crate::dates::parse_as_of("2026-11-23").unwrap();
        for (lang, visits_every, fit_sample) in [
            (crate::Lang::En, 1, None),
            (crate::Lang::Nb, 1, None),
            (crate::Lang::En, 9, Some(20)),
        ] {
            let gym = gym(visits_every);
            let mut policy = crate::Policy {
                language: lang,
                ..crate::Policy::default()
            };
            if let Some(n) = fit_sample {
                policy.latent.fit_sample = n;
                policy.latent.min_fit_members = 10;
            }
            let engine = Engine::new(policy).unwrap();
            // with a byte-order mark, and broken after it: the same error, at the same line and column
            let broken = "\u{feff}[{\"id\":\"M-1\"},,]".to_string();
            assert_eq!(
                engine.assess_json(&broken, as_of).err(),
                crate::parse_batch(&broken).err()
            );
            let text = engine.assess_and_report_json(&gym, as_of).unwrap();
            let held = engine.run(
                crate::parse_batch(&gym).unwrap(),
                as_of,
                true,
                &mut |_, _| {},
            );
            assert_eq!(text, held, "{lang:?} {visits_every}");
            assert_eq!(
                Some(&text.output),
                engine.assess_json(&gym, as_of).ok().as_ref()
            );
            assert_eq!(text.report, engine.report_json(&gym, as_of).ok());
            // the third batch is one whose first candidates are too few (a streamed batch splits it again)
            let mut sample = crate::stream::VisitSample::new(&engine, None).unwrap();
            crate::parse::split_batch(gym.as_bytes(), &mut |s| sample.offer(&s)).unwrap();
            let mut text = |s: &crate::split::Span| {
                Some(crate::parse::record_bytes(gym.as_bytes(), s).to_vec())
            };
            let widened = sample.fit(&engine, as_of, &mut text).is_err();
            assert_eq!(widened, fit_sample.is_some(), "{lang:?} {visits_every}");
        }
    }

    /// 301 members written by hand, one in `visits_every` of the first 300 with visits, then the troubles a
    /// batch may hold.
    fn gym(visits_every: usize) -> String {
        let mut members = Vec::new();
        for i in 0..300 {
            let n = if i % visits_every == 0 { 1 + i % 40 } else { 0 };
            let visits: Vec<String> = (0..n)
                .map(|k| {
                    format!(
                        "\"2026-{:02}-{:02}\"",
                        1 + (k * 7 + i) % 11,
                        1 + (k * 3) % 28
                    )
                })
                .collect();
            let paid = if i % 5 == 0 { "0" } else { "549.00" };
            members.push(format!(
                r#"{{"id":"M-{i}","joinedOn":"2025-0{}-15","paymentMethod":"avtalegiro","mandate":"active","visits":[{}],"instalments":[{{"id":"I-1","dueOn":"2026-10-01","amount":"549.00","paid":"{paid}"}}]}}"#,
                1 + i % 9,
                visits.join(",")
            ));
        }
        // text beyond ASCII, in the id and in a note
        members.push(
            r#"{"id":"Ærlig-ø","joinedOn":"2025-01-01","holds":[{"kind":"freeze","from":"2026-01-01","to":"2026-02-01","note":"skadet kne – ønsker pause"}]}"#
                .into(),
        );
        members.push(r#"{"id":"M-1","joinedOn":"2025-01-01"}"#.into()); // a duplicate
        members.push(r#"{"id":"M-x","joinedOn":"2025-02-30"}"#.into()); // not a date
        members.push("42".into());
        members.push(r#"{"joinedOn":"2025-01-01"}"#.into()); // no id
        format!("[{}]", members.join(","))
    }
}
