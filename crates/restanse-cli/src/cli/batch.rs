//! The batch: every member of the input through the engine, in input order, on every core, streamed when it
//! can be (issue 18).
//!
//! A JSON file or stdin (a JSON array of members, or NDJSON) is **streamed**, so memory does not grow with the
//! batch:
//!
//! 1. a first pass splits the file into records (`restanse::input::split`) and picks the visit model's subsample
//!    by id; the sampled records are read and the model fitted ([`restanse::VisitSample`]);
//! 2. a second pass reads the file in runs of [`RUN`] records (where each lies was noted in the first pass);
//!    `--threads` workers each read, check and assess a run ([`restanse::Engine::judge_text`]) and render its output; this thread puts the runs back in
//!    input order, applies the duplicate-id rule ([`restanse::Collector`]) and hands each member on.
//!
//! stdin cannot be read twice, so it is first copied to an anonymous temporary file (deleted when the command
//! ends), then streamed like a file. A CSV export folder, the built-in sample gym, and any input with
//! `--events` or `--nets` (which change members by id across the whole batch) are **held** in memory and go
//! through [`restanse::Engine::run_each`]. Either way the output is the same bytes, whatever the thread count.

use super::input::Common;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use restanse::input::split::{Span, SplitError, Splitter};
use restanse::output::Evaluated;
use restanse::output::Rejection;
use restanse::visits::PortfolioModel;
use restanse::Collector;
use restanse::{Engine, Kept, VisitSample};
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
            let plan = plan(&mut file, self.engine, cap).with_context(|| name.to_string())?;
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
        let total = plan.records;
        let mut collector = Collector::new(self.engine.policy().language);
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
                engine: self.engine,
                as_of: self.as_of,
                visits: visits.as_ref(),
                keep,
            };
            if threads <= 1 {
                let mut bytes = Vec::new();
                for run in &plan.runs {
                    read_span_into(&mut file, run.start, run.end, &mut bytes)
                        .context("cannot read the input")?;
                    deliver(work.judge(run, &bytes))?;
                }
            } else {
                parallel(&mut file, &plan.runs, &work, threads, &mut deliver)?;
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

/// A run of whole records: bytes `start..end` of the input, from record `first` on, and where each record
/// lies in it (found by the first pass, so the second need not split again).
#[derive(Debug, Clone)]
struct RunSpan {
    start: u64,
    end: u64,
    first: usize,
    records: Vec<(u64, u64)>,
}

/// What the first pass learns.
struct Plan {
    runs: Vec<RunSpan>,
    records: usize,
    sample: Option<VisitSample>,
}

/// The first pass: the records' runs, and the visit model's candidates.
fn plan(file: &mut File, engine: &Engine, cap: Option<usize>) -> Result<Plan> {
    file.seek(SeekFrom::Start(0))?;
    let mut splitter = Splitter::new();
    let mut sample = VisitSample::new(engine, cap);
    let mut runs: Vec<RunSpan> = Vec::new();
    let mut in_run = 0usize;
    let mut take = |span: Span| {
        if let Some(s) = &mut sample {
            s.offer(&span);
        }
        match runs.last_mut() {
            Some(r) if in_run < RUN => {
                r.end = span.end;
                r.records.push((span.start, span.end));
                in_run += 1;
            }
            _ => {
                let mut records = Vec::with_capacity(RUN);
                records.push((span.start, span.end));
                runs.push(RunSpan {
                    start: span.start,
                    end: span.end,
                    first: span.record,
                    records,
                });
                in_run = 1;
            }
        }
    };
    let mut buf = vec![0u8; CHUNK];
    let broken = |file: &mut File, e: SplitError| -> anyhow::Error {
        let (line, column) = line_column(file, e.at).unwrap_or((0, 0));
        anyhow::anyhow!(
            "the input is not valid JSON (line {line}, column {column}): {}",
            e.what
        )
    };
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = buf.get(..n).unwrap_or_default();
        if let Err(e) = splitter.feed(chunk, &mut take) {
            return Err(broken(file, e));
        }
    }
    if let Err(e) = splitter.finish(&mut take) {
        return Err(broken(file, e));
    }
    Ok(Plan {
        records: splitter.records(),
        runs,
        sample,
    })
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
    engine: &'a Engine,
    as_of: NaiveDate,
    visits: Option<&'a PortfolioModel>,
    keep: &'a Keep<'a, T>,
}

impl<T> Work<'_, T> {
    /// Reads, checks, assesses and renders every record of a run.
    fn judge(&self, run: &RunSpan, bytes: &[u8]) -> Vec<Kept<T>> {
        run.records
            .iter()
            .enumerate()
            .map(|(k, &(start, end))| {
                let from = usize::try_from(start.saturating_sub(run.start)).unwrap_or(0);
                let to = usize::try_from(end.saturating_sub(run.start)).unwrap_or(0);
                let text = bytes.get(from..to).unwrap_or_default();
                self.engine
                    .judge_text(
                        text,
                        run.first.saturating_add(k),
                        start,
                        self.as_of,
                        self.visits,
                    )
                    .keep(self.keep)
            })
            .collect()
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
    let (to_main, results) = sync_channel::<(usize, Vec<Kept<T>>)>(threads * 2);
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
        let mut pending: BTreeMap<usize, Vec<Kept<T>>> = BTreeMap::new();
        let mut next = 0usize;
        let mut outcome = Ok(());
        for (seq, judged) in results.iter() {
            pending.insert(seq, judged);
            while let Some(judged) = pending.remove(&next) {
                next += 1;
                if outcome.is_ok() {
                    outcome = deliver(judged);
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
    to_main: &SyncSender<(usize, Vec<Kept<T>>)>,
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
