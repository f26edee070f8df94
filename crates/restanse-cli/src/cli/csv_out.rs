//! CSV that the reader's spreadsheet opens (issue 19): `--csv-dialect excel-nb` writes what Norwegian Excel
//! expects — `;` between cells, decimal commas, a UTF-8 byte-order mark so that æøå survive — and `rfc4180` the
//! plain comma-separated text with decimal points. Without the flag, `--lang nb` (or a policy in `nb`) means
//! `excel-nb` and English `rfc4180`.
use anyhow::Result;
use restanse::policy::Lang;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    /// `;`-separated, decimal commas, a byte-order mark: what Norwegian Excel opens
    ExcelNb,
    /// `,`-separated, decimal points, no byte-order mark (RFC 4180)
    Rfc4180,
}

impl Dialect {
    /// The dialect asked for, or the one that suits the language.
    pub fn or_for(d: Option<Dialect>, lang: Lang) -> Dialect {
        d.unwrap_or(match lang {
            Lang::Nb => Dialect::ExcelNb,
            Lang::En => Dialect::Rfc4180,
        })
    }
}

/// A CSV writer in a dialect; `number` writes a decimal as the dialect wants it.
pub struct CsvOut<W: Write> {
    pub dialect: Dialect,
    w: csv::Writer<W>,
}

impl<W: Write> CsvOut<W> {
    pub fn new(mut inner: W, dialect: Dialect) -> Result<Self> {
        if dialect == Dialect::ExcelNb {
            inner.write_all("\u{feff}".as_bytes())?;
        }
        let w = csv::WriterBuilder::new()
            .delimiter(if dialect == Dialect::ExcelNb {
                b';'
            } else {
                b','
            })
            .flexible(true)
            .from_writer(inner);
        Ok(CsvOut { dialect, w })
    }

    /// A decimal number (already formatted with a point) in the dialect's notation.
    pub fn number(&self, s: impl std::fmt::Display) -> String {
        let s = s.to_string();
        match self.dialect {
            Dialect::ExcelNb => s.replace('.', ","),
            Dialect::Rfc4180 => s,
        }
    }

    pub fn row<I, T>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.w.write_record(cells)?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        self.w.flush()?;
        Ok(())
    }
}
