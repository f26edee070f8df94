//! Where a command's members come from: a JSON file, stdin (`-`), a CSV export folder, or the built-in
//! sample gym when no input is named.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use restanse::input::settlement::{self, NetsFile};
use restanse::input::{self, Parsed, Tables};
use restanse::{Lang, Policy};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Options every assessing command shares.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// A JSON file of members, `-` for stdin, or a folder with members.csv, instalments.csv, visits.csv,
    /// holds.csv and reminders.csv. Without it, the built-in sample gym is used.
    pub input: Option<PathBuf>,
    /// The day to assess on (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// A policy JSON file; fields left out keep the Norwegian defaults (`restanse policy --default`).
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// The language of messages.
    #[arg(long, value_parser = ["nb", "en"])]
    pub lang: Option<String>,
    /// Size of the built-in sample gym, when no input is given.
    #[arg(long, default_value_t = 1000, value_parser = super::sample::parse_members)]
    pub sample: usize,
    /// Seed of the built-in sample gym.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A change feed (NDJSON events from the membership system) to apply to the members first.
    #[arg(long)]
    pub events: Option<PathBuf>,
    /// Nets files (AvtaleGiro agreement files, OCR Giro settlement files) to apply after the events:
    /// agreements set mandates, payments settle instalments by KID. Name the member input first, or
    /// repeat the option, since every word after `--nets` is taken as a file.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub nets: Vec<PathBuf>,
    /// A trained risk model (`restanse train`) to score with instead of the policy's scorecard; each
    /// assessment's explanation then lists the features' contributions.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Threads to assess on; by default one per core. The output is the same whatever the number.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
}

pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    restanse::input::parse_as_of(s)
}

impl Common {
    /// The engine: the policy, and the trained model when `--model` names one.
    pub fn engine(&self) -> Result<restanse::Engine> {
        let policy = self.policy()?;
        Ok(match &self.model {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read the model {}", p.display()))?;
                let model = restanse::model::RiskModel::for_members(&text)
                    .with_context(|| format!("in {}", p.display()))?;
                restanse::Engine::with_model(policy, model)?
            }
            None => restanse::Engine::new(policy)?,
        })
    }

    /// The threads to assess on: `--threads`, or one per core.
    pub fn threads(&self) -> usize {
        match self.threads {
            Some(n) => usize::from(n),
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }

    pub fn as_of(&self) -> NaiveDate {
        self.as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub fn policy(&self) -> Result<Policy> {
        let mut policy = match &self.policy {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read the policy {}", p.display()))?;
                let policy =
                    Policy::from_json(&text).with_context(|| format!("in {}", p.display()))?;
                for (field, why) in policy.warnings() {
                    eprintln!("warning: {}: {field}: {why}", p.display());
                }
                policy
            }
            None => Policy::default(),
        };
        if let Some(l) = self.lang.as_deref().and_then(Lang::from_code) {
            policy.language = l;
        }
        Ok(policy)
    }

    /// Reads the records to assess, with the change feed and then the Nets files applied.
    pub fn records(&self, as_of: NaiveDate, policy: &Policy) -> Result<Vec<Parsed>> {
        let mut records = self.read_records(as_of)?;
        if let Some(p) = &self.events {
            let feed = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the events {}", p.display()))?;
            let r = restanse::input::events::apply_to_records(
                &mut records,
                &feed,
                as_of,
                &mut Default::default(),
            );
            eprintln!(
                "restanse: {}: {} events applied, {} duplicate, {} out of order (applied in time order), {} after {as_of} (left), {} rejected",
                p.display(),
                r.applied,
                r.duplicates.len(),
                r.out_of_order.len(),
                r.future.len(),
                r.rejected.len()
            );
            for problem in &r.rejected {
                eprintln!("restanse: {}: event rejected: {problem}", p.display());
            }
        }
        if !self.nets.is_empty() {
            self.apply_nets(&mut records, as_of, policy)?;
        }
        Ok(records)
    }

    fn apply_nets(&self, records: &mut [Parsed], as_of: NaiveDate, policy: &Policy) -> Result<()> {
        let mut files = Vec::with_capacity(self.nets.len());
        for p in &self.nets {
            let bytes = std::fs::read(p)
                .with_context(|| format!("cannot read the Nets file {}", p.display()))?;
            let name = p.display().to_string();
            let file = NetsFile::parse_bytes(name.clone(), &bytes)
                .with_context(|| format!("{name} is not a valid Nets file"))?;
            files.push(file);
        }
        let r = settlement::apply_to_records(
            records,
            &files,
            as_of,
            &policy.nets,
            &mut Default::default(),
        );
        eprintln!(
            "restanse: {} Nets file(s): {} records, {} matched, {} unmatched, {} ignored; {} mandate(s) changed, {} payment(s) applied, {} absent from a full list, {} failed debit(s)",
            files.len(),
            r.records,
            r.matched,
            r.unmatched.len(),
            r.ignored.len(),
            r.mandates.len(),
            r.settled.len(),
            r.absent_from_full_list.len(),
            r.failed_debits.len()
        );
        for p in &r.unmatched {
            eprintln!("restanse: unmatched: {p}");
        }
        for a in &r.absent_from_full_list {
            eprintln!(
                "restanse: {}: member {} has an active mandate but is absent from the full list; now missing",
                a.file, a.member_id
            );
        }
        for d in &r.failed_debits {
            eprintln!(
                "restanse: failed debit: member {}, instalment {} due {}, {} kr outstanding after the retry window ended {}",
                d.member_id, d.instalment_id, d.due_on, d.outstanding, d.retry_ends_on
            );
        }
        Ok(())
    }

    fn read_records(&self, as_of: NaiveDate) -> Result<Vec<Parsed>> {
        match &self.input {
            None => {
                eprintln!(
                    "restanse: no input named, assessing the built-in sample gym ({} members, seed {}, as of {})",
                    self.sample, self.seed, as_of
                );
                let json = restanse_sample::generate_json(self.sample, self.seed, as_of);
                Ok(input::parse_batch(&json)?)
            }
            Some(p) if p.as_os_str() == "-" => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .context("cannot read stdin")?;
                Ok(input::parse_batch_bytes(&bytes).context("stdin")?)
            }
            Some(p) if p.is_dir() => read_folder(p),
            Some(p) => {
                let bytes =
                    std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
                // a record that is not UTF-8 is rejected on its own, as when the file is streamed
                Ok(input::parse_batch_bytes(&bytes).with_context(|| format!("{}", p.display()))?)
            }
        }
    }
}

/// (issue 14) A CSV file as text: UTF-8 if it is, else ISO-8859-1 (what older Norwegian exports write), where
/// every byte is its own character.
fn text_or_latin1(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    }
}

fn read_folder(dir: &Path) -> Result<Vec<Parsed>> {
    let read = |name: &str| -> Result<Option<String>> {
        let p = dir.join(name);
        if p.exists() {
            let bytes =
                std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?;
            Ok(Some(text_or_latin1(bytes)))
        } else {
            Ok(None)
        }
    };
    let members = read("members.csv")?.with_context(|| {
        format!(
            "{} has no members.csv (a CSV export needs at least that file)",
            dir.display()
        )
    })?;
    let (instalments, visits, holds, reminders) = (
        read("instalments.csv")?,
        read("visits.csv")?,
        read("holds.csv")?,
        read("reminders.csv")?,
    );
    let tables = Tables {
        members: &members,
        instalments: instalments.as_deref(),
        visits: visits.as_deref(),
        holds: holds.as_deref(),
        reminders: reminders.as_deref(),
    };
    let (contacts, objections, hardship) = (
        read("contacts.csv")?,
        read("objections.csv")?,
        read("hardship.csv")?,
    );
    let voice = restanse::input::VoiceTables {
        contacts: contacts.as_deref(),
        objections: objections.as_deref(),
        hardship: hardship.as_deref(),
    };
    Ok(input::read_tables_with(&tables, &voice)?)
}
