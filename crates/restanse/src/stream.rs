//! A batch streamed, not held (issue 18): a whole chain assessed in memory that does not grow with it.
//!
//! [`crate::Engine::run`] holds a batch in memory: fine for a gym, not for a country (1.3 million members is
//! about 3 GB of JSON). A streamed batch goes through the same stages, split so that a face can run them over
//! a file in two passes and on every core, with the same bytes out as the batch held in memory:
//!
//! 1. **Split** ([`crate::split`]): one pass over the bytes finds each record and its id. The ids pick the
//!    visit model's subsample ([`VisitSample`]): the same members, by the same hash, as in memory; and a hash
//!    of each is noted ([`IdHashes`]) to learn which ids may repeat.
//! 2. **Fit**: only the sampled records are read ([`VisitSample::fit`]), and the portfolio's visit model is
//!    fitted from them before any member is assessed.
//! 3. **Judge**, on any thread ([`crate::Engine::judge_text`], or [`crate::Engine::judge_next`], which also
//!    finds where the record ends): each record is read, checked, derived and assessed on its own; nothing in
//!    it depends on another record.
//! 4. **Collect**, in input order ([`Collector`]): the one rule that spans records — a later record with an
//!    earlier id is a duplicate — is applied here, remembering only the ids that may repeat
//!    ([`Collector::streamed`]), and the report ([`crate::report::Builder`]) and the
//!    worklist are built on the way.
//!
//! The engine does no I/O and starts no thread: the face reads the file, runs step 3 on its cores and writes
//! what step 4 hands back.

use crate::derive;
use crate::engine::{Engine, CANDIDATES_PER_SAMPLED};
use crate::i18n::Lang;
use crate::input::MemberInput;
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
            Err(e) => Err(parse::not_utf8(text, record, offset, e)),
        };
        self.judge(parsed, record, as_of, visits)
    }

    /// [`Engine::judge_text`] for the record that starts at byte `from` of `run` (text of a streamed batch
    /// holding whole records), when it is a member that reads without error; with where the record ends.
    /// Reading it finds its end, so a run of such records need not be split again (issue 18: the first pass
    /// then keeps nothing per record). `None` when the record does not read (not an object, not valid JSON, a
    /// field wrong): the caller finds its end by splitting ([`crate::split::Splitter`]) and calls
    /// [`Engine::judge_text`], which says why. A run that is not UTF-8 text is split and read record by record.
    pub fn judge_next(
        &self,
        run: &str,
        from: usize,
        record: usize,
        as_of: NaiveDate,
        visits: Option<&PortfolioModel>,
    ) -> Option<(Judged, usize)> {
        let rest = run.get(from..)?;
        // as `parse::parse_one` reads a record: an object, read whole by serde_json
        if !rest.starts_with('{') {
            return None;
        }
        let mut members = serde_json::Deserializer::from_str(rest).into_iter::<MemberInput>();
        let input = members.next()?.ok()?;
        let len = members.byte_offset();
        let judged = self.judge(Ok(input), record, as_of, visits);
        Some((judged, from.checked_add(len)?))
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
///
/// The duplicate-id rule needs to know, for each record, whether an earlier one had its id. Keeping every id
/// seen would make memory grow with the batch (issue 18: a `String` in a map, most of the 80 bytes a member
/// the streamed batch grew by), so a streamed batch's collector is told first which ids *can* repeat
/// ([`Collector::streamed`]): the first pass notes a hash of every record's id ([`IdHashes`]), and only ids
/// whose hash it saw more than once are remembered here, as text, so that two different ids that happen to
/// share a hash are still told apart. Every other id is unique in the batch and needs no remembering.
#[derive(Debug, Clone, Default)]
pub struct Collector {
    ids: Ids,
    /// `None`: every id is remembered ([`Collector::new`]).
    repeated: Option<Repeated>,
    rejected: Vec<Rejection>,
    records: usize,
}

impl Collector {
    /// A collector that remembers every id: for a batch of which nothing is known beforehand.
    pub fn new(lang: Lang) -> Collector {
        Collector {
            ids: Ids::with_capacity(0, lang),
            ..Collector::default()
        }
    }

    /// A collector that remembers only the ids the first pass may have seen more than once: `repeated` must
    /// come from an [`IdHashes`] offered every record of the same batch ([`IdHashes::offer`]).
    pub fn streamed(lang: Lang, repeated: Repeated) -> Collector {
        Collector {
            ids: Ids::with_capacity(repeated.len(), lang),
            repeated: Some(repeated),
            ..Collector::default()
        }
    }

    /// Whether `id` must be checked and remembered: it may occur more than once in the batch.
    fn may_repeat(&self, id: &str) -> bool {
        self.repeated.as_ref().is_none_or(|r| r.may_repeat(id))
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
        let remember = kept
            .read_id
            .as_deref()
            .is_some_and(|id| self.may_repeat(id));
        if let (Some(id), true) = (&kept.read_id, remember) {
            if let Some(r) = self.ids.duplicate(id, kept.record) {
                self.rejected.push(r);
                return None;
            }
        }
        match kept.outcome {
            Ok(t) => {
                if let (Some(id), true) = (kept.read_id, remember) {
                    self.ids.insert(id, kept.record);
                }
                Some(t)
            }
            Err(r) => {
                if remember {
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

/// A record's id as the first pass keeps it: the top [`KEY_BITS`] bits of its 64-bit FNV-1a hash.
fn id_hash(id: &str) -> u64 {
    crate::visits::fnv1a(id)
}

/// Bits of an id's hash the first pass keeps: 44, held as a bucket (the top [`BUCKET_BITS`]) and 32 bits in
/// it, so 4 bytes a record. Two different ids share them by chance about once in 2^44 pairs: about once in a
/// batch of 6 million members, 300 pairs in 100 million; such ids are only remembered as text, told apart.
const KEY_BITS: u32 = 44;

/// Buckets of [`IdHashes`], by the key's top bits: each is sorted on its own, and grows on its own.
const BUCKET_BITS: u32 = KEY_BITS - 32;

fn key_of(hash: u64) -> u64 {
    hash >> (64 - KEY_BITS)
}

/// The first pass's note of every record's id, as the top 44 bits of a 64-bit hash: 4 bytes a member, where the
/// id itself took a `String` in a map. [`IdHashes::repeated`] then gives the keys seen more than once, which is
/// all the duplicate-id rule needs to know beforehand ([`Collector::streamed`]).
///
/// Exact, whatever the hash: an id is only forgotten when its key occurs once in the whole batch, and then no
/// other record has that id. This needs every id that a record is *read* with to have been offered here: the
/// splitter's id ([`Span::id`]) is the record's top-level `"id"` string, which is what the record is read
/// with, and it captures every id validation accepts (up to 4,096 bytes as written, `split::MAX_ID_BYTES`); a
/// longer id is refused by validation and never remembered, so no record can be its duplicate.
#[derive(Debug, Clone)]
pub struct IdHashes {
    buckets: Vec<Vec<u32>>,
    /// The buckets of later parts of the batch ([`IdHashes::append`]), merged one bucket at a time.
    later: Vec<Vec<Vec<u32>>>,
    hash: fn(&str) -> u64,
}

impl Default for IdHashes {
    fn default() -> Self {
        IdHashes::new()
    }
}

impl IdHashes {
    pub fn new() -> IdHashes {
        IdHashes::with_hash(id_hash)
    }

    /// With another hash: the tests force collisions with a weak one.
    pub(crate) fn with_hash(hash: fn(&str) -> u64) -> IdHashes {
        IdHashes {
            buckets: vec![Vec::new(); 1 << BUCKET_BITS],
            later: Vec::new(),
            hash,
        }
    }

    /// A record the splitter found.
    pub fn offer(&mut self, span: &Span) {
        if let Some(id) = &span.id {
            let key = key_of((self.hash)(id));
            let b = usize::try_from(key >> 32).unwrap_or(0);
            if let Some(bucket) = self.buckets.get_mut(b) {
                // the low 32 bits of the key; the bucket holds the rest
                bucket.push((key & 0xffff_ffff) as u32);
            }
        }
    }

    /// Makes room for about `records` ids in all (a little more, as ids do not fall evenly into buckets), so
    /// the buckets do not grow by doubling: an estimate from the records' size so far and the input's.
    pub fn reserve(&mut self, records: usize) {
        let mean = records >> BUCKET_BITS;
        let each = mean.saturating_add(mean / 8).saturating_add(16);
        for bucket in &mut self.buckets {
            bucket.reserve_exact(each.saturating_sub(bucket.len()));
        }
    }

    /// Adds the ids a second splitter found later in the batch (kept apart until [`IdHashes::repeated`], so
    /// that no bucket grows twice over at once).
    pub fn append(&mut self, later: IdHashes) {
        self.later.push(later.buckets);
        self.later.extend(later.later);
    }

    /// How many ids were offered.
    pub fn len(&self) -> usize {
        let later = self.later.iter().flatten();
        self.buckets.iter().chain(later).map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The keys offered more than once, each bucket merged, sorted and freed in turn.
    pub fn repeated(mut self) -> Repeated {
        let mut keys = Vec::new();
        for (b, mut bucket) in (0u64..).zip(self.buckets) {
            for part in &mut self.later {
                if let Some(theirs) = part.get_mut(usize::try_from(b).unwrap_or(usize::MAX)) {
                    bucket.append(theirs);
                    theirs.shrink_to_fit();
                }
            }
            // (the WebAssembly module sorts with the crate's one sort: a second sort is 3 KB of module; the
            // same order, as the keys are plain numbers)
            #[cfg(target_arch = "wasm32")]
            crate::order::sort(&mut bucket);
            #[cfg(not(target_arch = "wasm32"))]
            bucket.sort_unstable();
            let mut last = None;
            for pair in bucket.windows(2) {
                if let [x, y] = pair {
                    if x == y && last != Some(*x) {
                        keys.push(b << 32 | u64::from(*x));
                        last = Some(*x);
                    }
                }
            }
        }
        keys.shrink_to_fit();
        Repeated {
            keys,
            hash: self.hash,
        }
    }
}

/// The keys of ids that may occur more than once in a batch, sorted ([`IdHashes::repeated`]).
#[derive(Debug, Clone)]
pub struct Repeated {
    keys: Vec<u64>,
    hash: fn(&str) -> u64,
}

impl Repeated {
    /// How many keys were seen more than once.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn may_repeat(&self, id: &str) -> bool {
        self.keys.binary_search(&key_of((self.hash)(id))).is_ok()
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
        let hash = crate::visits::fnv1a(id);
        // most records hash above every candidate kept: turned away before their id is copied
        if self.candidates.len() >= self.cap
            && self
                .candidates
                .last_key_value()
                .is_some_and(|((last, _), _)| hash > *last)
        {
            self.saturated = true;
            return;
        }
        let key = (hash, id.clone());
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
            let mut records = spans.iter().map(|span| (span.record, text(span)));
            if let Some(summary) = summary_of_first(engine, as_of, lang, id, &mut records) {
                data.push((id.as_str(), summary));
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

/// The visit summary of the member with id `id`, for the visit model's subsample: `records` are the records
/// (number, bytes) that may hold it, in input order. The first record read with this id decides, as it does
/// for the batch held in memory: a later one is a duplicate. `None` when that member is refused or has no
/// summary.
pub(crate) fn summary_of_first(
    engine: &Engine,
    as_of: NaiveDate,
    lang: crate::i18n::Lang,
    id: &str,
    records: &mut dyn Iterator<Item = (usize, Option<Vec<u8>>)>,
) -> Option<Summary> {
    for (record, bytes) in records {
        let Some(bytes) = bytes else { continue };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let Ok(input) = parse::parse_one(text, record) else {
            continue;
        };
        if input.id != id {
            continue;
        }
        let c = validate::validate_member_in(input, as_of, lang).ok()?;
        let facts = derive::derive(&c.member, as_of, engine.policy());
        let (x, t_x, t) = derive::summary_of(&c.member, &facts.attendance, as_of)?;
        return Some(Summary::new(x, t_x, t));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record as the collector sees it: the id it was read with, and whether validation took it (a record
    /// refused by validation claims its id unless the id itself was the problem).
    #[derive(Clone, Copy)]
    enum Rec<'a> {
        Unread,
        Assessed(&'a str),
        Refused(&'a str),
        RefusedForItsId(&'a str),
    }

    fn kept(record: usize, rec: Rec) -> Kept<usize> {
        let refused = |id: Option<&str>| Rejection {
            record,
            member_id: id.map(str::to_string),
            field: "joinedOn".into(),
            reason: "wrong".into(),
            source: None,
        };
        let (read_id, outcome) = match rec {
            Rec::Unread => (None, Err(refused(None))),
            Rec::Assessed(id) => (Some(id), Ok(record)),
            Rec::Refused(id) => (Some(id), Err(refused(Some(id)))),
            Rec::RefusedForItsId(id) => (Some(id), Err(refused(None))),
        };
        Kept {
            record,
            read_id: read_id.map(str::to_string),
            outcome,
        }
    }

    /// What a collector lets through and rejects, record by record.
    fn collect(mut c: Collector, recs: &[Rec]) -> (Vec<Option<usize>>, Vec<Rejection>) {
        let through = (1..)
            .zip(recs)
            .map(|(i, &r)| c.accept_kept(kept(i, r)))
            .collect();
        (through, c.into_rejected())
    }

    fn hashes(recs: &[Rec], hash: fn(&str) -> u64, halves: bool) -> Repeated {
        let span = |(i, r): (usize, &Rec)| Span {
            record: i,
            start: 0,
            end: 0,
            id: match *r {
                Rec::Unread => None,
                Rec::Assessed(id) | Rec::Refused(id) | Rec::RefusedForItsId(id) => {
                    Some(id.to_string())
                }
            },
        };
        let mut first = IdHashes::with_hash(hash);
        let mut second = IdHashes::with_hash(hash);
        let middle = if halves { recs.len() / 2 } else { recs.len() };
        for (i, r) in (1..).zip(recs) {
            let h = if i <= middle { &mut first } else { &mut second };
            h.offer(&span((i, r)));
        }
        first.append(second);
        assert_eq!(
            first.len(),
            recs.iter().filter(|r| !matches!(r, Rec::Unread)).count()
        );
        first.repeated()
    }

    /// Ids ending in `7` all share one key; the others keep their own.
    fn colliding(id: &str) -> u64 {
        if id.ends_with('7') {
            0x5555_0000_0000_0000
        } else {
            id_hash(id)
        }
    }

    fn batch(seed: u64) -> Vec<String> {
        // ids, some of them again later (a small LCG picks which)
        let mut x = seed;
        let mut next = move || {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            x >> 33
        };
        let mut ids: Vec<String> = (0..3000).map(|i| format!("M-{i}")).collect();
        for _ in 0..200 {
            let from = usize::try_from(next() % 3000).unwrap_or(0);
            let to = usize::try_from(next() % 3000).unwrap_or(0);
            let id = ids[from].clone();
            ids.insert(to, id);
        }
        ids
    }

    fn records(ids: &[String], seed: u64) -> Vec<Rec<'_>> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| match (i as u64 ^ seed) % 23 {
                0 => Rec::Unread,
                1 | 2 => Rec::Refused(id),
                3 => Rec::RefusedForItsId(id),
                _ => Rec::Assessed(id),
            })
            .collect()
    }

    #[test]
    fn remembering_only_repeated_keys_rejects_exactly_the_duplicates() {
        for seed in 1..6 {
            let ids = batch(seed);
            let recs = records(&ids, seed);
            let all = collect(Collector::new(Lang::En), &recs);
            assert!(all.1.iter().any(|r| r.reason.starts_with("duplicate id")));
            for (hash, halves) in [
                (id_hash as fn(&str) -> u64, false),
                (id_hash, true),
                (colliding, false),
                (colliding, true),
            ] {
                let repeated = hashes(&recs, hash, halves);
                // only the ids that do repeat (and, forced, those ending in 7) are remembered
                assert!(repeated.len() < 300, "{} keys", repeated.len());
                let streamed = collect(Collector::streamed(Lang::En, repeated), &recs);
                assert!(streamed == all, "seed {seed}, halves {halves}");
            }
        }
    }

    #[test]
    fn ids_that_share_a_key_are_told_apart() {
        // every id here ends in 7, so all share one key: none is a duplicate of another
        let ids: Vec<String> = (0..50).map(|i| format!("C-{i}7")).collect();
        let mut recs: Vec<Rec> = ids.iter().map(|id| Rec::Assessed(id)).collect();
        recs.push(Rec::Assessed("C-107"));
        recs.push(Rec::Refused("C-17"));
        let repeated = hashes(&recs, colliding, false);
        assert_eq!(repeated.len(), 1);
        let (through, rejected) = collect(Collector::streamed(Lang::En, repeated), &recs);
        assert_eq!(through.iter().filter(|t| t.is_some()).count(), 50);
        // C-107 is C-10 + 7, the 11th id; C-17 the 2nd
        let named: Vec<(usize, &str)> = rejected
            .iter()
            .map(|r| (r.record, r.reason.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                (51, "duplicate id: record 11 has the same id"),
                (52, "duplicate id: record 2 has the same id")
            ]
        );
    }
}
