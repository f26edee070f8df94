//! `restanse worklist`: the day's work for the desk — one row per member whose next step is due, ranked, within
//! each channel's capacity; the rest deferred to the next business day.
use super::assess::Format;
use super::csv_out::{CsvOut, Dialect};
use super::input::Common;
use anyhow::{Context, Result};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Table};
use restanse::output::{Capacity, WorkRow, Worklist};
use restanse::policy::Lang;
use std::io::{IsTerminal, Write};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
    /// Rows per channel per day, e.g. `phone=40,letter=200` (channels: sms, email, letter, phone, desk,
    /// agency); a channel not named is not limited.
    #[arg(long, value_name = "CHANNEL=N,...")]
    pub capacity: Option<String>,
    /// Output format; a table on a terminal, JSON otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The CSV dialect: `excel-nb` (`;`, decimal commas, a byte-order mark) or `rfc4180`; by default the one
    /// that suits the policy's language.
    #[arg(long, value_enum)]
    pub csv_dialect: Option<Dialect>,
}

pub fn run(a: Args) -> Result<()> {
    let capacity = match &a.capacity {
        Some(text) => Capacity::parse(text).context("--capacity")?,
        None => Capacity::default(),
    };
    let as_of = a.common.as_of();
    let engine = a.common.engine()?;
    let batch = super::batch::Batch {
        common: &a.common,
        engine: &engine,
        as_of,
    };
    // only members whose next step is due are kept: the list is built from them alone
    let mut due = Vec::new();
    let mut progress = super::assess::Progress::default();
    batch.run(
        &|e: restanse::output::Evaluated| restanse::output::Due::of(&e.assessment, as_of),
        &mut |d, t| progress.update(d, t),
        &mut |a| {
            due.extend(a);
            Ok(())
        },
    )?;
    progress.finish();
    let list = restanse::output::worklist_of_due(due, as_of, &capacity, engine.policy());
    let mut w = super::assess::stdout();
    let format = a.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Json
    });
    match format {
        Format::Json => {
            serde_json::to_writer(&mut w, &list)?;
            writeln!(w)?;
        }
        Format::Csv => write_csv(
            &mut w,
            &list,
            Dialect::or_for(a.csv_dialect, engine.policy().language),
        )?,
        Format::Table => write_table(
            &mut super::csv_out::Escaping::new(&mut w),
            &list,
            engine.policy().language,
        )?,
    }
    w.flush()?;
    Ok(())
}

/// One CSV row per step, today's and then the deferred, with a `list` column saying which.
fn write_csv(w: &mut impl Write, list: &Worklist, dialect: Dialect) -> Result<()> {
    let mut c = CsvOut::new(w, dialect)?;
    c.row([
        "list",
        "priority",
        "member_id",
        "code",
        "on",
        "channel",
        "outstanding",
        "message",
    ])?;
    for (name, rows) in [("today", &list.steps), ("deferred", &list.deferred)] {
        for r in rows {
            let outstanding = c.number(r.outstanding);
            c.row([
                name.to_string(),
                r.priority.to_string(),
                r.member_id.clone(),
                r.code.to_string(),
                restanse::output::format_date(r.on),
                r.channel.to_string(),
                outstanding,
                r.message.clone(),
            ])?;
        }
    }
    c.flush()?;
    Ok(())
}

fn write_table(w: &mut impl Write, list: &Worklist, lang: Lang) -> Result<()> {
    let word = |en, nb| super::assess::pick(lang, en, nb);
    let table = |rows: &[WorkRow]| {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED);
        t.set_header([
            "#",
            word("member", "medlem"),
            word("step", "steg"),
            word("channel", "kanal"),
            word("outstanding", "utestående"),
            word("message", "melding"),
        ]);
        for r in rows {
            t.add_row([
                Cell::new(r.priority),
                Cell::new(&r.member_id),
                Cell::new(r.code),
                Cell::new(r.channel),
                Cell::new(restanse::output::format_kr(r.outstanding.0)),
                Cell::new(&r.message),
            ]);
        }
        t
    };
    let day = restanse::output::format_date(list.as_of);
    let n = list.steps.len();
    match lang {
        Lang::En => writeln!(w, "Worklist for {day}: {n} step(s) today")?,
        Lang::Nb => writeln!(w, "Arbeidsliste for {day}: {n} steg i dag")?,
    }
    writeln!(w, "{}", table(&list.steps))?;
    if !list.deferred.is_empty() {
        let on = list
            .deferred
            .first()
            .map(|r| restanse::output::format_date(r.on))
            .unwrap_or_default();
        let m = list.deferred.len();
        match lang {
            Lang::En => writeln!(w, "Deferred to {on} (over capacity): {m}")?,
            Lang::Nb => writeln!(w, "Utsatt til {on} (over kapasiteten): {m}")?,
        }
        writeln!(w, "{}", table(&list.deferred))?;
    }
    Ok(())
}
