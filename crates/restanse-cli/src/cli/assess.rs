//! `restanse assess` and `restanse report`: the batch jobs.
use super::batch::Batch;
use super::csv_out::{CsvOut, Dialect};
use super::input::Common;
use anyhow::Result;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Table};
use indicatif::{ProgressBar, ProgressStyle};
use restanse::output::{AssessOutput, Assessment, Evaluated, ReportTally};
use restanse::policy::Lang;
use restanse::Band;
use restanse::Report;
use std::io::{IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Table,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
    /// Output format; a table on a terminal, JSON otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// In the table, show every member, not only those above `low`.
    #[arg(long)]
    pub all: bool,
    /// CSV for Norwegian Excel (`;`, decimal commas, a byte-order mark) or RFC 4180 (`,`, decimal points);
    /// default: excel-nb when the language is nb, else rfc4180.
    #[arg(long, value_enum)]
    pub csv_dialect: Option<Dialect>,
}

fn format_of(f: Option<Format>) -> Format {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Json
    })
}

/// A progress bar on stderr for long runs on a terminal, fed by the batch's progress hook; never in the data.
/// It appears once the first pass knows the batch is large.
#[derive(Default)]
pub(crate) struct Progress(Option<ProgressBar>, bool);

impl Progress {
    pub(crate) fn update(&mut self, done: usize, total: usize) {
        if !self.1 {
            self.1 = true;
            self.0 = (total > 5 * restanse::PROGRESS_EVERY && std::io::stderr().is_terminal())
                .then(|| {
                    let b = ProgressBar::new(total as u64);
                    if let Ok(style) =
                        ProgressStyle::with_template("{bar:40} {pos}/{len} members {elapsed}")
                    {
                        b.set_style(style);
                    }
                    b
                });
        }
        if let Some(b) = &self.0 {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    }

    pub(crate) fn finish(self) {
        if let Some(b) = self.0 {
            b.finish_and_clear();
        }
    }
}

/// The output buffer: large, since a chain's output is hundreds of megabytes.
pub(crate) fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock())
}

/// `{"asOf":"…","assessments":[`: the output contract's head, written before the first assessment, so the
/// streamed output is byte for byte what serialising the whole [`AssessOutput`] gives.
fn json_head(as_of: chrono::NaiveDate) -> Result<String> {
    let empty = serde_json::to_string(&AssessOutput {
        as_of,
        assessments: Vec::new(),
        rejected: Vec::new(),
    })?;
    match empty.split_once("\"assessments\":[]") {
        Some((head, _)) => Ok(format!("{head}\"assessments\":[")),
        None => anyhow::bail!("the output contract has no assessments"),
    }
}

pub fn run_assess(a: Args) -> Result<()> {
    let as_of = a.common.as_of();
    let engine = a.common.engine()?;
    let format = format_of(a.format);
    let lang = engine.policy().language;
    let batch = Batch {
        common: &a.common,
        engine: &engine,
        as_of,
    };
    let mut w = stdout();
    let mut progress = Progress::default();
    let mut table = Vec::new();
    let mut written = 0usize;
    let mut csv: Option<CsvOut<_>> = None;
    let dialect = Dialect::or_for(a.csv_dialect, lang);
    let done = match format {
        // JSON is rendered on the threads that assess
        Format::Json => batch.run(
            &|e: Evaluated| serde_json::to_vec(&e.assessment),
            &mut |d, t| progress.update(d, t),
            &mut |rendered| {
                if written == 0 {
                    w.write_all(json_head(as_of)?.as_bytes())?;
                } else {
                    w.write_all(b",")?;
                }
                w.write_all(&rendered?)?;
                written += 1;
                Ok(())
            },
        )?,
        Format::Csv | Format::Table => batch.run(
            &|e: Evaluated| e.assessment,
            &mut |d, t| progress.update(d, t),
            &mut |a| {
                if format == Format::Table {
                    table.push(a);
                    return Ok(());
                }
                if csv.is_none() {
                    csv = Some(csv_out(dialect)?);
                }
                if let Some(c) = &mut csv {
                    csv_row(c, &a)?;
                }
                Ok(())
            },
        )?,
    };
    progress.finish();
    let rejected = done.rejected;
    match format {
        Format::Json => {
            if written == 0 {
                w.write_all(json_head(as_of)?.as_bytes())?;
            }
            w.write_all(b"],\"rejected\":")?;
            serde_json::to_writer(&mut w, &rejected)?;
            writeln!(w, "}}")?;
        }
        Format::Csv => {
            let mut c = match csv {
                Some(c) => c,
                None => csv_out(dialect)?,
            };
            c.flush()?;
        }
        Format::Table => {
            let out = AssessOutput {
                as_of,
                assessments: table,
                rejected: Vec::new(),
            };
            write_table(
                &mut super::csv_out::Escaping::new(&mut w),
                &out,
                a.all,
                lang,
            )?
        }
    }
    w.flush()?;
    // (issue 14) every format says on stderr how many records were rejected; CSV, which has no place for
    // them, lists them there too
    if !rejected.is_empty() {
        let csv = format == Format::Csv;
        eprintln!(
            "restanse: {} record(s) rejected; {}",
            rejected.len(),
            if csv {
                "they are not in the CSV:"
            } else {
                "see \"rejected\" in the output"
            }
        );
        if csv {
            let mut e = super::csv_out::Escaping::new(std::io::stderr().lock());
            for r in &rejected {
                writeln!(e, "restanse: rejected: {r}")?;
            }
            e.flush()?;
        }
    }
    Ok(())
}

const CSV_HEADER: [&str; 8] = [
    "member_id",
    "risk",
    "band",
    "signals",
    "actions",
    "next_action",
    "next_action_on",
    "next_action_message",
];

/// The assessments' CSV on stdout, its header written.
fn csv_out(dialect: Dialect) -> Result<CsvOut<std::io::BufWriter<std::io::StdoutLock<'static>>>> {
    let mut c = CsvOut::new(stdout(), dialect)?;
    c.row(CSV_HEADER)?;
    Ok(c)
}

/// One member's CSV row, under [`CSV_HEADER`].
fn csv_row<W: Write>(c: &mut CsvOut<W>, a: &Assessment) -> Result<()> {
    let signals: Vec<&str> = a.signals.iter().map(|s| s.code.code()).collect();
    let actions: Vec<&str> = a.actions.iter().map(|x| x.code.code()).collect();
    let first = a.actions.first();
    let risk = c.number(format!("{:.3}", a.risk));
    c.row([
        a.member_id.as_str(),
        &risk,
        a.band.code(),
        &signals.join(";"),
        &actions.join(";"),
        first.map_or("", |x| x.code.code()),
        &first
            .map(|x| restanse::output::format_date(x.on))
            .unwrap_or_default(),
        first.map_or("", |x| x.message.as_str()),
    ])?;
    Ok(())
}

/// The words of the CLI's tables and summaries, in English or Norwegian bokmål (`--lang`).
pub(crate) fn pick(lang: Lang, en: &'static str, nb: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Nb => nb,
    }
}

/// A band in words, in the language.
fn band_word(b: Band, lang: Lang) -> &'static str {
    match (b, lang) {
        (_, Lang::En) => b.code(),
        (Band::Low, Lang::Nb) => "lav",
        (Band::Watch, Lang::Nb) => "følg med",
        (Band::High, Lang::Nb) => "høy",
        (Band::Critical, Lang::Nb) => "kritisk",
    }
}

/// A decimal number with the language's decimal sign.
fn dec(s: String, lang: Lang) -> String {
    match lang {
        Lang::En => s,
        Lang::Nb => s.replace('.', ","),
    }
}

fn write_table(w: &mut impl Write, out: &AssessOutput, all: bool, lang: Lang) -> Result<()> {
    let mut rows: Vec<_> = out
        .assessments
        .iter()
        .filter(|a| all || a.band != Band::Low)
        .collect();
    rows.sort_by(|a, b| {
        b.risk
            .total_cmp(&a.risk)
            .then_with(|| a.member_id.cmp(&b.member_id))
    });
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header([
        pick(lang, "member", "medlem"),
        pick(lang, "risk", "risiko"),
        pick(lang, "band", "nivå"),
        pick(lang, "signals", "signaler"),
        pick(lang, "first action", "første tiltak"),
        pick(lang, "on", "dato"),
    ]);
    for a in &rows {
        let signals: Vec<&str> = a.signals.iter().map(|s| s.code.code()).collect();
        let first = a.actions.first();
        t.add_row([
            Cell::new(&a.member_id),
            Cell::new(dec(format!("{:.2}", a.risk), lang)),
            Cell::new(band_word(a.band, lang)),
            Cell::new(signals.join(", ")),
            Cell::new(first.map_or("", |x| x.code.code())),
            Cell::new(
                first
                    .map(|x| restanse::output::format_date(x.on))
                    .unwrap_or_default(),
            ),
        ]);
    }
    writeln!(w, "{t}")?;
    let count = |b: Band| out.assessments.iter().filter(|a| a.band == b).count();
    let hidden = if all {
        ""
    } else {
        pick(
            lang,
            " (low-risk members hidden; --all shows them)",
            " (medlemmer med lav risiko er skjult; --all viser dem)",
        )
    };
    match lang {
        Lang::En => writeln!(
            w,
            "{} members assessed as of {}: {} critical, {} high, {} watch, {} low; {} rejected{hidden}",
            out.assessments.len(),
            out.as_of,
            count(Band::Critical),
            count(Band::High),
            count(Band::Watch),
            count(Band::Low),
            out.rejected.len(),
        )?,
        Lang::Nb => writeln!(
            w,
            "{} medlemmer vurdert per {}: {} kritisk, {} høy, {} følg med, {} lav; {} avvist{hidden}",
            out.assessments.len(),
            out.as_of,
            count(Band::Critical),
            count(Band::High),
            count(Band::Watch),
            count(Band::Low),
            out.rejected.len(),
        )?,
    }
    for r in &out.rejected {
        writeln!(w, "{}: {r}", pick(lang, "rejected", "avvist"))?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub common: Common,
    /// Output format; a readable summary on a terminal, JSON otherwise. CSV holds every section of the
    /// report, each under a `# section` line.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// CSV for Norwegian Excel (`;`, decimal commas, a byte-order mark) or RFC 4180 (`,`, decimal points);
    /// default: excel-nb when the language is nb, else rfc4180.
    #[arg(long, value_enum)]
    pub csv_dialect: Option<Dialect>,
}

pub fn run_report(a: ReportArgs) -> Result<()> {
    let as_of = a.common.as_of();
    let engine = a.common.engine()?;
    let batch = Batch {
        common: &a.common,
        engine: &engine,
        as_of,
    };
    let mut builder = restanse::output::ReportBuilder::new(as_of, engine.policy());
    let mut progress = Progress::default();
    // each member's part of the report is taken on the thread that assessed it
    let policy = engine.policy();
    let done = batch.run(
        &|e: Evaluated| ReportTally::of(&e, as_of, policy),
        &mut |d, t| progress.update(d, t),
        &mut |tally| {
            builder.add_tally(tally);
            Ok(())
        },
    )?;
    progress.finish();
    let report = builder.finish(&done.rejected, done.input);
    let mut w = stdout();
    match format_of(a.format) {
        Format::Json => {
            serde_json::to_writer(&mut w, &report)?;
            writeln!(w)?;
        }
        Format::Csv => write_report_csv(
            &mut w,
            &report,
            Dialect::or_for(a.csv_dialect, engine.policy().language),
        )?,
        Format::Table => write_report(
            &mut super::csv_out::Escaping::new(&mut w),
            &report,
            engine.policy().language,
        )?,
    }
    w.flush()?;
    Ok(())
}

/// The report as one CSV file with a section per part of the report: a `# name` line, the section's header,
/// its rows. The sections: members, bands, signals, actions, key_figures, ageing, concentration,
/// more_than_three_unpaid, unpaid, latent, rejected.
fn write_report_csv(w: &mut impl Write, r: &Report, dialect: Dialect) -> Result<()> {
    let mut c = CsvOut::new(w, dialect)?;
    let day = restanse::output::format_date;
    let share =
        |c: &CsvOut<_>, v: Option<f64>| v.map_or(String::new(), |v| c.number(format!("{v:.4}")));
    c.row(["# members"])?;
    c.row(["as_of", "input", "assessed", "active", "rejected"])?;
    let m = &r.members;
    c.row([
        day(r.as_of),
        m.input.to_string(),
        m.assessed.to_string(),
        m.active.to_string(),
        m.rejected.to_string(),
    ])?;
    c.row(["# bands"])?;
    c.row(["band", "members"])?;
    for (b, n) in &r.bands {
        c.row([b.code().to_string(), n.to_string()])?;
    }
    c.row(["# signals"])?;
    c.row(["signal", "members"])?;
    for (s, n) in &r.signals {
        c.row([s.code().to_string(), n.to_string()])?;
    }
    c.row(["# actions"])?;
    c.row(["action", "members"])?;
    for (x, n) in &r.actions {
        c.row([x.code().to_string(), n.to_string()])?;
    }
    c.row(["# key_figures"])?;
    c.row([
        "code",
        "name",
        "value",
        "numerator",
        "denominator",
        "from",
        "to",
        "definition",
    ])?;
    for k in std::iter::once(&r.avtalegiro_share).chain(&r.key_figures) {
        let value = share(&c, k.value);
        c.row([
            k.code.clone(),
            k.name.clone(),
            value,
            k.numerator.to_string(),
            k.denominator.to_string(),
            day(k.from),
            day(k.to),
            k.definition.clone(),
        ])?;
    }
    c.row(["# ageing"])?;
    c.row([
        "bucket",
        "from_days",
        "to_days",
        "instalments",
        "members",
        "outstanding",
    ])?;
    for b in &r.ageing {
        let outstanding = c.number(b.outstanding);
        c.row([
            b.bucket.clone(),
            b.from_days.to_string(),
            b.to_days.map_or(String::new(), |d| d.to_string()),
            b.instalments.to_string(),
            b.members.to_string(),
            outstanding,
        ])?;
    }
    c.row(["# concentration"])?;
    c.row([
        "debtors",
        "total_outstanding",
        "top10_percent_share",
        "gini",
    ])?;
    let k = &r.concentration;
    let row = [
        k.debtors.to_string(),
        c.number(k.total_outstanding),
        share(&c, Some(k.top10_percent_share)),
        share(&c, Some(k.gini)),
    ];
    c.row(row)?;
    for (name, rows) in [
        ("# more_than_three_unpaid", &r.more_than_three_unpaid),
        ("# unpaid", &r.unpaid),
    ] {
        c.row([name])?;
        c.row([
            "member_id",
            "count",
            "outstanding",
            "oldest_due_on",
            "days_overdue",
            "band",
        ])?;
        for u in rows {
            let outstanding = c.number(u.outstanding);
            c.row([
                u.member_id.clone(),
                u.count.to_string(),
                outstanding,
                day(u.oldest_due_on),
                u.days_overdue.to_string(),
                u.band.code().to_string(),
            ])?;
        }
    }
    c.row(["# latent"])?;
    c.row([
        "member_id",
        "days_since_last_visit",
        "last_visit_on",
        "unpaid",
        "band",
    ])?;
    for l in &r.latent {
        c.row([
            l.member_id.clone(),
            l.days_since_last_visit.to_string(),
            l.last_visit_on.map_or(String::new(), day),
            l.unpaid.to_string(),
            l.band.code().to_string(),
        ])?;
    }
    c.row(["# rejected"])?;
    c.row(["record", "source", "member_id", "field", "reason"])?;
    for x in &r.rejected {
        c.row([
            x.record.to_string(),
            x.source.clone().unwrap_or_default(),
            x.member_id.clone().unwrap_or_default(),
            x.field.clone(),
            x.reason.clone(),
        ])?;
    }
    c.flush()
}

fn write_report(w: &mut impl Write, r: &Report, lang: Lang) -> Result<()> {
    let m = &r.members;
    match lang {
        Lang::En => writeln!(
            w,
            "Portfolio as of {}: {} members in, {} assessed ({} active), {} rejected",
            r.as_of, m.input, m.assessed, m.active, m.rejected
        )?,
        Lang::Nb => writeln!(
            w,
            "Portefølje per {}: {} medlemmer inn, {} vurdert ({} aktive), {} avvist",
            r.as_of, m.input, m.assessed, m.active, m.rejected
        )?,
    }
    let bands: Vec<String> = r
        .bands
        .iter()
        .map(|(b, n)| format!("{} {n}", band_word(*b, lang)))
        .collect();
    writeln!(
        w,
        "{}: {}",
        pick(lang, "Bands", "Risikonivåer"),
        bands.join(", ")
    )?;
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header([
        pick(lang, "key figure", "nøkkeltall"),
        pick(lang, "value", "verdi"),
        "n / d",
        pick(lang, "from", "fra"),
        pick(lang, "to", "til"),
    ]);
    for k in &r.key_figures {
        t.add_row([
            k.name.clone(),
            k.value
                .map_or("–".into(), |v| dec(format!("{:.1} %", v * 100.0), lang)),
            format!("{} / {}", k.numerator, k.denominator),
            k.from.to_string(),
            k.to.to_string(),
        ]);
    }
    writeln!(w, "{t}")?;
    let c = &r.concentration;
    let (total, top, gini) = (
        dec(c.total_outstanding.to_string(), lang),
        dec(format!("{:.1}", c.top10_percent_share * 100.0), lang),
        dec(format!("{:.2}", c.gini), lang),
    );
    match lang {
        Lang::En => writeln!(
            w,
            "Arrears: {total} kr across {} debtors; the top 10 % hold {top} %, Gini {gini}",
            c.debtors
        )?,
        Lang::Nb => writeln!(
            w,
            "Restanse: {total} kr fordelt på {} skyldnere; de øverste 10 % har {top} %, Gini {gini}",
            c.debtors
        )?,
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header([
        pick(lang, "days overdue", "dager forfalt"),
        pick(lang, "instalments", "avdrag"),
        pick(lang, "members", "medlemmer"),
        pick(lang, "outstanding", "utestående"),
    ]);
    for b in &r.ageing {
        t.add_row([
            b.bucket.clone(),
            b.instalments.to_string(),
            b.members.to_string(),
            dec(b.outstanding.to_string(), lang),
        ]);
    }
    writeln!(w, "{t}")?;
    match lang {
        Lang::En => writeln!(
            w,
            "More than three unpaid instalments: {} members; with any unpaid: {}; latent: {}",
            r.more_than_three_unpaid.len(),
            r.unpaid.len(),
            r.latent.len()
        )?,
        Lang::Nb => writeln!(
            w,
            "Mer enn tre ubetalte avdrag: {} medlemmer; med noe ubetalt: {}; latente: {}",
            r.more_than_three_unpaid.len(),
            r.unpaid.len(),
            r.latent.len()
        )?,
    }
    for row in r.more_than_three_unpaid.iter().take(20) {
        let outstanding = dec(row.outstanding.to_string(), lang);
        match lang {
            Lang::En => writeln!(
                w,
                "  {}  {} unpaid, {outstanding} kr, oldest due {}",
                row.member_id, row.count, row.oldest_due_on
            )?,
            Lang::Nb => writeln!(
                w,
                "  {}  {} ubetalt, {outstanding} kr, eldste forfall {}",
                row.member_id, row.count, row.oldest_due_on
            )?,
        }
    }
    Ok(())
}
