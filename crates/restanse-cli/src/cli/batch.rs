//! The batch: every member of the input through the engine, in input order, on every core, streamed when it
//! can be (issue 18).
//!
//! A JSON file or stdin (a JSON array of members, or NDJSON) is **streamed**, so memory does not grow with the
//! batch:
//!
//! 1. a first pass splits the file into records (`restanse::input::split`), notes a hash of each record's id
//!    ([`restanse::IdHashes`]: which ids may repeat) and picks the visit model's subsample by id; the sampled
//!    records are read and the model fitted ([`restanse::VisitSample`]);
//! 2. a second pass reads the file in runs of [`RUN`] records (where each run lies was noted in the first
//!    pass); `--threads` workers each read, check and assess a run's records one after another, each read from
//!    where the one before ended ([`restanse::Engine::judge_next`]; from a record that does not read, the rest
//!    of the run is split again and read by [`restanse::Engine::judge_text`]), and render their output; this
//!    thread puts the runs back in input order, applies the duplicate-id rule
//!    ([`restanse::Collector::streamed`], which remembers only the ids whose hash the first pass saw more than
//!    once) and hands each member on.
//!
//! What is kept between the passes is one entry per run and the few ids that may repeat, nothing per record
//! (issue 18: memory flat in the batch's size; a start and an end per record, and every id as text, took about
//! 80 bytes a member). The first pass itself holds about 4.5 bytes a record (the ids' hash keys) until it
//! ends. Finding each record's end by reading it costs nothing more: the record is read anyway. Splitting
//! every run again instead cost about 10 % more CPU.
//!
//! stdin cannot be read twice, so it is first copied to an anonymous temporary file (deleted when the command
//! ends), then streamed like a file. A CSV export folder, the built-in sample gym, and any input with
//! `--events` or `--nets` (which change members by id across the whole batch) are **held** in memory and go
//! through [`restanse::Engine::run_each`]. Either way the output is the same bytes, whatever the thread count.

use super::input::Common;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use restanse::input::split::{Shape, Span, SplitError, Splitter};
use restanse::output::Evaluated;
use restanse::output::Rejection;
use restanse::visits::PortfolioModel;
use restanse::Collector;
use restanse::Repeated;
use restanse::{Engine, IdHashes, Kept, VisitSample};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

/// Records per unit of work handed to a thread.
pub const RUN: usize = 512;

/// Bytes read at a time in the first pass.
const CHUNK: usize = 4 << 20;

/// What a command keeps of each member, taken on the thread that assessed it (its rendered JSON, its part of
/// the report, its assessment…); the member itself is dropped there.
pub type Keep<'a, T> = dyn Fn(Evaluated) -> T + Sync + 'a;

/// The members of a command's input, ready to be run.
pub struct Batch<'a> {
    pub common: &'a Common,
    pub engine: &'a Engine,
    pub as_of: NaiveDate,
}

/// What a run of the batch ends with.
pub struct Done {
    pub input: usize,
    pub rejected: Vec<Rejection>,
}

impl Batch<'_> {
    /// Runs every member through the engine, calling `each` on this thread in input order.
    pub fn run<T: Send>(
        &self,
        keep: &Keep<'_, T>,
        progress: &mut dyn FnMut(usize, usize),
        each: &mut dyn FnMut(T) -> Result<()>,
    ) -> Result<Done> {
        let streamed = self.common.events.is_none() && self.common.nets.is_empty();
        match &self.common.input {
            Some(p) if streamed && p.as_os_str() == "-" => {
                let mut spool = tempfile_in_tmp().context("cannot spool stdin")?;
                std::io::copy(&mut std::io::stdin().lock(), &mut spool)
                    .context("cannot read stdin")?;
                self.stream(spool, "stdin", keep, progress, each)
            }
            Some(p) if streamed && !p.is_dir() => {
                let file = File::open(p).with_context(|| format!("cannot read {}", p.display()))?;
                self.stream(file, &p.display().to_string(), keep, progress, each)
            }
            _ => self.held(keep, progress, each),
        }
    }

    fn held<T>(
        &self,
        keep: &Keep<'_, T>,
        progress: &mut dyn FnMut(usize, usize),
        each: &mut dyn FnMut(T) -> Result<()>,
    ) -> Result<Done> {
        let records = self.common.records(self.as_of, self.engine.policy())?;
        let input = records.len();
        let mut failed = None;
        let rejected = self
            .engine
            .run_each(records, self.as_of, progress, &mut |evaluated| {
                if failed.is_some() {
                    return;
                }
                if let Err(e) = each(keep(evaluated)) {
                    failed = Some(e);
                }
            });
        match failed {
            Some(e) => Err(e),
            None => Ok(Done { input, rejected }),
        }
    }

    fn stream<T: Send>(
        &self,
        mut file: File,
        name: &str,
        keep: &Keep<'_, T>,
        progress: &mut dyn FnMut(usize, usize),
        each: &mut dyn FnMut(T) -> Result<()>,
    ) -> Result<Done> {
        let mut cap = None;
        let (plan, visits) = loop {
            let plan = plan(&mut file, self.engine, cap, self.common.threads())
                .with_context(|| name.to_string())?;
            match &plan.sample {
                None => break (plan, None),
                Some(sample) => {
                    let mut read = |s: &Span| read_span(&mut file, s.start, s.end).ok();
                    match sample.fit(self.engine, self.as_of, &mut read) {
                        Ok(model) => break (plan, Some(model)),
                        Err(more) => cap = Some(more),
                    }
                }
            }
        };
        let threads = self.common.threads();
        // the visit model's candidates are not needed any more
        let Plan {
            shape,
            runs,
            records: total,
            repeated,
            sample: _,
        } = plan;
        let mut collector = Collector::streamed(self.engine.policy().language, repeated);
        {
            let mut deliver = |kept: Vec<Kept<T>>| -> Result<()> {
                for k in kept {
                    if let Some(t) = collector.accept_kept(k) {
                        each(t)?;
                    }
                    let done = collector.records();
                    if done % restanse::PROGRESS_EVERY == 0 {
                        progress(done, total);
                    }
                }
                Ok(())
            };
            let work = Work {
                name,
                shape,
                engine: self.engine,
                as_of: self.as_of,
                visits: visits.as_ref(),
                keep,
            };
            if threads <= 1 {
                let mut bytes = Vec::new();
                for run in &runs {
                    read_span_into(&mut file, run.start, run.end, &mut bytes)
                        .context("cannot read the input")?;
                    deliver(work.judge(run, &bytes)?)?;
                }
            } else {
                parallel(&mut file, &runs, &work, threads, &mut deliver)?;
            }
        }
        progress(total, total);
        anyhow::ensure!(
            collector.records() == total,
            "{name} changed while it was read: {} records, then {}",
            total,
            collector.records()
        );
        Ok(Done {
            input: total,
            rejected: collector.into_rejected(),
        })
    }
}

/// A run of whole records: bytes `start..end` of the input, `count` records from record `first` on. Where each
/// record lies is not kept (16 bytes a record): the second pass finds each record's end by reading it
/// ([`restanse::Engine::judge_next`]), or by splitting again from a record that does not read.
#[derive(Debug, Clone)]
struct RunSpan {
    start: u64,
    end: u64,
    first: usize,
    count: usize,
}

/// What the first pass learns.
struct Plan {
    shape: Shape,
    runs: Vec<RunSpan>,
    records: usize,
    /// The hashes of ids seen more than once.
    repeated: Repeated,
    sample: Option<VisitSample>,
}

/// Runs of records, their ids' hashes and the visit model's candidates, as the first pass finds them.
struct Found {
    runs: Vec<RunSpan>,
    ids: IdHashes,
    sample: Option<VisitSample>,
    /// Where the scan ends: with the size of the first [`ESTIMATE_AFTER`] records, how many to make room for.
    to: u64,
    seen: usize,
}

/// Records after which the first pass estimates how many the batch holds.
const ESTIMATE_AFTER: usize = 1024;

impl Found {
    fn new(engine: &Engine, cap: Option<usize>, to: u64) -> Found {
        Found {
            runs: Vec::new(),
            ids: IdHashes::new(),
            sample: VisitSample::new(engine, cap),
            to,
            seen: 0,
        }
    }

    fn take(&mut self, span: Span) {
        self.seen += 1;
        if self.seen == ESTIMATE_AFTER {
            if let Some(first) = self.runs.first() {
                let per = span.end.saturating_sub(first.start) / ESTIMATE_AFTER as u64;
                let rest = self.to.saturating_sub(span.end) / per.max(1);
                let rest = usize::try_from(rest).unwrap_or(usize::MAX);
                self.ids.reserve(rest.saturating_add(ESTIMATE_AFTER));
            }
        }
        self.ids.offer(&span);
        if let Some(s) = &mut self.sample {
            s.offer(&span);
        }
        match self.runs.last_mut() {
            Some(r) if r.count < RUN => {
                r.end = span.end;
                r.count += 1;
            }
            _ => self.runs.push(RunSpan {
                start: span.start,
                end: span.end,
                first: span.record,
                count: 1,
            }),
        }
    }

    /// What a splitter started at a later record found, its records numbered on after `records` of these.
    fn append(&mut self, later: Found, records: usize) {
        self.runs.extend(later.runs.into_iter().map(|mut r| {
            r.first = r.first.saturating_add(records);
            r
        }));
        self.ids.append(later.ids);
        if let (Some(s), Some(l)) = (&mut self.sample, later.sample) {
            s.merge(l, records);
        }
    }
}

/// The first pass: the records' runs, and the visit model's candidates. A large file is split in two halves
/// on two threads when the second half's first record can be found and the first half's scan confirms it
/// ([`split_halves`]); otherwise in one scan.
fn plan(file: &mut File, engine: &Engine, cap: Option<usize>, threads: usize) -> Result<Plan> {
    let len = file.metadata()?.len();
    let (found, records, shape) = match split_halves(file, engine, cap, threads, len) {
        Some(halves) => halves,
        None => split_whole(file, engine, cap, 0, len),
    }
    .map_err(|e| broken(file, e))?;
    Ok(Plan {
        shape,
        records,
        runs: found.runs,
        repeated: found.ids.repeated(),
        sample: found.sample,
    })
}

/// The error of a batch whose structure is broken, with its line and column.
fn broken(file: &mut File, e: SplitOrIo) -> anyhow::Error {
    match e {
        SplitOrIo::Io(e) => anyhow::Error::new(e).context("cannot read the input"),
        SplitOrIo::Split(e) => {
            let (line, column) = line_column(file, e.at).unwrap_or((0, 0));
            anyhow::anyhow!(
                "the input is not valid JSON (line {line}, column {column}): {}",
                e.what
            )
        }
    }
}

enum SplitOrIo {
    Split(SplitError),
    Io(std::io::Error),
}

impl From<SplitError> for SplitOrIo {
    fn from(e: SplitError) -> Self {
        SplitOrIo::Split(e)
    }
}

impl From<std::io::Error> for SplitOrIo {
    fn from(e: std::io::Error) -> Self {
        SplitOrIo::Io(e)
    }
}

/// Reads bytes `from..to` of the file in chunks, without moving its cursor (so two threads can read it).
fn read_range(
    file: &File,
    from: u64,
    to: u64,
    each: &mut dyn FnMut(&[u8]) -> Result<(), SplitError>,
) -> Result<(), SplitOrIo> {
    let mut buf = vec![0u8; CHUNK];
    let mut at = from;
    while at < to {
        let want = usize::try_from(to - at).unwrap_or(CHUNK).min(CHUNK);
        let chunk = buf.get_mut(..want).unwrap_or_default();
        let n = read_at(file, chunk, at)?;
        if n == 0 {
            break;
        }
        each(chunk.get(..n).unwrap_or_default())?;
        at += n as u64;
    }
    Ok(())
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

/// One scan of bytes `from..len` by `splitter`; the records found and how many.
fn scan(
    file: &File,
    splitter: &mut Splitter,
    found: &mut Found,
    from: u64,
    len: u64,
) -> Result<(), SplitOrIo> {
    read_range(file, from, len, &mut |chunk| {
        splitter.feed(chunk, &mut |span| found.take(span))
    })?;
    splitter.finish(&mut |span| found.take(span))?;
    Ok(())
}

fn split_whole(
    file: &File,
    engine: &Engine,
    cap: Option<usize>,
    from: u64,
    len: u64,
) -> Result<(Found, usize, Shape), SplitOrIo> {
    let mut splitter = Splitter::new();
    let mut found = Found::new(engine, cap, len);
    scan(file, &mut splitter, &mut found, from, len)?;
    let shape = splitter.shape().unwrap_or(Shape::Lines);
    Ok((found, splitter.records(), shape))
}

/// Files smaller than this are split by one thread.
const HALVES_FROM: u64 = 32 << 20;

/// The first pass on two threads (issue 18: it is the one part of the batch that cannot use both cores
/// otherwise). The second thread starts at what looks like the first record after the middle — `{` after
/// `},` in an array, `{` at the start of a line in NDJSON — and splits from there to the end. The first thread
/// splits from the start up to that byte: if it then stands between records, about to read one, the guess was
/// right and the halves join, numbered on; if not (the byte was inside a string), the first thread goes on to
/// the end alone. Either way the records are those one scan finds. `None` when the file is small, there is one
/// thread, or no record start is found near the middle.
fn split_halves(
    file: &File,
    engine: &Engine,
    cap: Option<usize>,
    threads: usize,
    len: u64,
) -> Option<Result<(Found, usize, Shape), SplitOrIo>> {
    if threads < 2 || len < HALVES_FROM {
        return None;
    }
    let shape = shape_of(file)?;
    let x = record_start_after(file, shape, len / 2, 4 << 20)?;
    std::thread::scope(|scope| {
        let second = scope.spawn(move || {
            let mut splitter = Splitter::at_record(shape, x);
            let mut found = Found::new(engine, cap, len);
            scan(file, &mut splitter, &mut found, x, len).map(|()| (found, splitter.records()))
        });
        let mut splitter = Splitter::new();
        let mut found = Found::new(engine, cap, x);
        let first = read_range(file, 0, x, &mut |chunk| {
            splitter.feed(chunk, &mut |span| found.take(span))
        });
        if let Err(e) = first {
            return Some(Err(e));
        }
        if splitter.shape() != Some(shape) || !splitter.about_to_read_a_record() {
            // the guess fell inside a record: one scan goes on from here
            let rest = scan(file, &mut splitter, &mut found, x, len);
            return Some(rest.map(|()| (found, splitter.records(), shape)));
        }
        let records = splitter.records();
        Some(match second.join() {
            Ok(Ok((later, more))) => {
                found.append(later, records);
                Ok((found, records.saturating_add(more), shape))
            }
            Ok(Err(e)) => Err(e),
            Err(_) => Err(SplitOrIo::Io(std::io::Error::other(
                "the splitting thread failed",
            ))),
        })
    })
}

/// The batch's shape from its first byte that is not white space or a byte-order mark.
fn shape_of(file: &File) -> Option<Shape> {
    let mut head = [0u8; 4096];
    let n = read_at(file, &mut head, 0).ok()?;
    let first = head
        .get(..n)?
        .iter()
        .copied()
        .find(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t' | 0xef | 0xbb | 0xbf))?;
    Some(if first == b'[' {
        Shape::Array
    } else {
        Shape::Lines
    })
}

/// The first byte after `from` that looks like the start of a record. In NDJSON: `{`
/// first on a line (`window` bytes searched; 4 MB). In an array: `{` after `},` at the shallowest nesting the window reaches (the members' own
/// level is the shallowest one before the closing `]`; a `},{` between a member's instalments is deeper), read
/// from `from` as outside a string or inside one, whichever reads as JSON (after a string comes `:`, `,`, `}`
/// or `]`). A wrong guess costs only the speed: the first thread checks it.
fn record_start_after(file: &File, shape: Shape, from: u64, window: usize) -> Option<u64> {
    let mut window = vec![0u8; window];
    let n = read_at(file, &mut window, from).ok()?;
    let w = window.get(..n)?;
    let is_space = |b: u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
    if shape == Shape::Lines {
        let i = w
            .windows(2)
            .position(|p| p.first() == Some(&b'\n') && p.get(1) == Some(&b'{'))?;
        return Some(from + i as u64 + 1);
    }
    let reads_as_json = |in_string: bool| {
        let (mut in_str, mut escaped, mut closed) = (in_string, false, false);
        for &b in w.iter().take(1 << 16) {
            if in_str {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => (in_str, closed) = (false, true),
                    _ => {}
                }
                continue;
            }
            if is_space(b) {
                continue;
            }
            if closed && !matches!(b, b':' | b',' | b'}' | b']') {
                return false;
            }
            closed = false;
            in_str = b == b'"';
        }
        true
    };
    let start_in_string = match (reads_as_json(false), reads_as_json(true)) {
        (true, false) => false,
        (false, true) => true,
        _ => return None,
    };
    let (mut depth, mut lowest) = (0i64, 0i64);
    let (mut in_str, mut escaped) = (start_in_string, false);
    let (mut last, mut before_last) = (0u8, 0u8);
    let mut candidates: Vec<(usize, i64)> = Vec::new();
    for (i, &b) in w.iter().enumerate() {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        if is_space(b) {
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => {
                if b == b'{' && last == b',' && before_last == b'}' {
                    candidates.push((i, depth));
                }
                depth += 1;
            }
            b'}' | b']' => {
                depth -= 1;
                lowest = lowest.min(depth);
            }
            _ => {}
        }
        (before_last, last) = (last, b);
    }
    // the members' level is one above the lowest depth reached by closing brackets (the array's own `[` is
    // only closed at the end, which a window that reaches it cannot tell apart: no guess then)
    candidates
        .into_iter()
        .find(|&(_, d)| d == lowest)
        .map(|(i, _)| from + i as u64)
}

/// The line and column of byte `at`, read again from the file (only for an error message).
fn line_column(file: &mut File, at: u64) -> Result<(usize, usize)> {
    file.seek(SeekFrom::Start(0))?;
    let mut prefix = Vec::new();
    file.take(at).read_to_end(&mut prefix)?;
    Ok(restanse::input::split::line_column(&prefix, at))
}

fn read_span(file: &mut File, start: u64, end: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_span_into(file, start, end, &mut bytes)?;
    Ok(bytes)
}

/// Reads bytes `start..end` into `bytes`, reusing its memory (fresh pages cost the kernel a clearing each).
fn read_span_into(
    file: &mut File,
    start: u64,
    end: u64,
    bytes: &mut Vec<u8>,
) -> std::io::Result<()> {
    file.seek(SeekFrom::Start(start))?;
    let len = usize::try_from(end.saturating_sub(start)).unwrap_or(0);
    bytes.clear();
    bytes.resize(len, 0);
    file.read_exact(bytes)
}

/// What each thread needs to judge a run.
struct Work<'a, T> {
    name: &'a str,
    shape: Shape,
    engine: &'a Engine,
    as_of: NaiveDate,
    visits: Option<&'a PortfolioModel>,
    keep: &'a Keep<'a, T>,
}

impl<T> Work<'_, T> {
    /// Reads, checks, assesses and renders each record of a run (`bytes`, read from `run.start`). Each record's
    /// end is found by reading it; from a record that does not read, the rest of the run is split again. An
    /// error when the run no longer holds the records the first pass found there.
    fn judge(&self, run: &RunSpan, bytes: &[u8]) -> Result<Vec<Kept<T>>> {
        let mut kept = Vec::with_capacity(run.count);
        let mut from = 0usize;
        let skip = |mut at: usize| {
            while bytes
                .get(at)
                .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b','))
            {
                at += 1;
            }
            at
        };
        // a run that is not UTF-8 text is split; its records say which are not
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        while kept.len() < run.count && !text.is_empty() {
            from = skip(from);
            let record = run.first.saturating_add(kept.len());
            let next = self
                .engine
                .judge_next(text, from, record, self.as_of, self.visits);
            let Some((judged, end)) = next else { break };
            kept.push(judged.keep(self.keep));
            from = end;
        }
        let mut split = Ok(());
        if kept.len() < run.count {
            let at = |x: u64| usize::try_from(x.saturating_sub(run.start)).unwrap_or(usize::MAX);
            let offset = run.start.saturating_add(from as u64);
            let rest = bytes.get(from..).unwrap_or_default();
            let mut splitter = Splitter::at_record(self.shape, offset).without_ids();
            let mut each = |span: Span| {
                let text = bytes.get(at(span.start)..at(span.end)).unwrap_or_default();
                let record = run.first.saturating_add(kept.len());
                kept.push(
                    self.engine
                        .judge_text(text, record, span.start, self.as_of, self.visits)
                        .keep(self.keep),
                );
                from = at(span.end);
            };
            split = splitter.feed(rest, &mut each);
            splitter.end_run(&mut each);
        }
        let ended = from;
        let whole = split.is_ok()
            && kept.len() == run.count
            && ended == bytes.len()
            && u64::try_from(bytes.len()).ok() == run.end.checked_sub(run.start);
        anyhow::ensure!(
            whole,
            "{} changed while it was read: records {}..{} are no longer where they were",
            self.name,
            run.first,
            run.first.saturating_add(run.count)
        );
        Ok(kept)
    }
}

/// The second pass on `threads` threads: one reads runs, the workers judge them, this thread puts them back
/// in order and delivers them. Channels are bounded, so at most a few runs per thread are in memory.
fn parallel<T: Send>(
    file: &mut File,
    runs: &[RunSpan],
    work: &Work<T>,
    threads: usize,
    deliver: &mut dyn FnMut(Vec<Kept<T>>) -> Result<()>,
) -> Result<()> {
    let (to_workers, from_reader) = sync_channel::<(usize, &RunSpan, Vec<u8>)>(threads * 2);
    let from_reader = Arc::new(Mutex::new(from_reader));
    let (to_main, results) = sync_channel::<(usize, Result<Vec<Kept<T>>>)>(threads * 2);
    // the workers hand the read buffers back, so the reader reuses their memory
    let (spare, spares) = sync_channel::<Vec<u8>>(threads * 4);
    std::thread::scope(|scope| -> Result<()> {
        let reader = scope.spawn(move || -> Result<()> {
            for (seq, run) in runs.iter().enumerate() {
                let mut bytes = spares.try_recv().unwrap_or_default();
                read_span_into(file, run.start, run.end, &mut bytes)
                    .context("cannot read the input")?;
                if to_workers.send((seq, run, bytes)).is_err() {
                    break;
                }
            }
            Ok(())
        });
        for _ in 0..threads {
            let (from_reader, to_main, spare) =
                (Arc::clone(&from_reader), to_main.clone(), spare.clone());
            scope.spawn(move || worker(&from_reader, &to_main, &spare, work));
        }
        drop(spare);
        drop(to_main);
        let mut pending: BTreeMap<usize, Result<Vec<Kept<T>>>> = BTreeMap::new();
        let mut next = 0usize;
        let mut outcome = Ok(());
        for (seq, judged) in results.iter() {
            pending.insert(seq, judged);
            while let Some(judged) = pending.remove(&next) {
                next += 1;
                if outcome.is_ok() {
                    outcome = judged.and_then(&mut *deliver);
                }
            }
            if outcome.is_err() {
                break;
            }
        }
        drop(results);
        let read = reader
            .join()
            .map_err(|_| anyhow::anyhow!("the reading thread failed"))?;
        outcome.and(read)
    })
}

fn worker<T>(
    from_reader: &Mutex<Receiver<(usize, &RunSpan, Vec<u8>)>>,
    to_main: &SyncSender<(usize, Result<Vec<Kept<T>>>)>,
    spare: &SyncSender<Vec<u8>>,
    work: &Work<T>,
) {
    loop {
        let next = match from_reader.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, run, bytes)) = next else { return };
        let judged = work.judge(run, &bytes);
        let _ = spare.try_send(bytes);
        if to_main.send((seq, judged)).is_err() {
            return;
        }
    }
}

/// An anonymous file in the temporary directory, removed when closed (stdin's spool).
fn tempfile_in_tmp() -> std::io::Result<File> {
    tempfile::tempfile()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The second thread's guess lands on a real record start in a sample gym, as an array and as NDJSON,
    /// from anywhere: inside a string, between instalments, between members.
    #[test]
    fn the_guessed_record_start_is_a_real_one() {
        let as_of = restanse::input::parse_date("2026-11-23").unwrap();
        let gym = restanse_sample::generate_json(300, 2, as_of);
        let (_, spans) = restanse::input::split::split_all(gym.as_bytes()).unwrap();
        let ndjson: String = spans
            .iter()
            .map(|s| format!("{}\n", &gym[s.start as usize..s.end as usize]))
            .collect();
        for (text, shape) in [(&gym, Shape::Array), (&ndjson, Shape::Lines)] {
            let (_, spans) = restanse::input::split::split_all(text.as_bytes()).unwrap();
            let starts: Vec<u64> = spans.iter().map(|s| s.start).collect();
            let path = std::env::temp_dir().join(format!("restanse-guess-{}", std::process::id()));
            std::fs::write(&path, text).unwrap();
            let file = File::open(&path).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(shape_of(&file), Some(shape));
            let mut guessed = 0;
            for from in (1000..text.len() as u64 - 200_000).step_by(9973) {
                if let Some(x) = record_start_after(&file, shape, from, 64 << 10) {
                    assert!(
                        starts.contains(&x),
                        "{shape:?}: {x} from {from} is no record start"
                    );
                    guessed += 1;
                }
            }
            assert!(guessed > 20, "{shape:?}: only {guessed} guesses");
            let _ = std::fs::remove_file(&path);
        }
    }
}
