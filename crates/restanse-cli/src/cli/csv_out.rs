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
        self.w.write_record(cells.into_iter().map(|c| {
            let c = c.as_ref();
            neutralise(c).into_owned()
        }))?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        self.w.flush()?;
        Ok(())
    }
}

/// (issue 14) A cell a spreadsheet would take for a formula — starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return — gets a leading `'`, so that a member id like `=HYPERLINK(...)` is shown as text; a plain
/// number (`-10.50`, `-10,50`) is left as it is.
pub fn neutralise(cell: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let risky = matches!(
        cell.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    let number = cell.len() > 1
        && matches!(cell[0], b'-' | b'+')
        && cell[1..]
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
        && cell[1..].iter().any(u8::is_ascii_digit);
    if risky && !number {
        let mut v = Vec::with_capacity(cell.len() + 1);
        v.push(b'\'');
        v.extend_from_slice(cell);
        std::borrow::Cow::Owned(v)
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// (issue 14) A writer for the terminal tables: control characters (C0 but the line feed, DEL, and C1 such as
/// the one-byte CSI) are written as `\u{1b}`, so no input can send the terminal an escape sequence.
pub struct Escaping<W: Write> {
    inner: W,
    /// the UTF-8 lead byte 0xC2 of a two-byte character, when a write ended on it
    pending: bool,
}

impl<W: Write> Escaping<W> {
    pub fn new(inner: W) -> Self {
        Escaping {
            inner,
            pending: false,
        }
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len());
        for &b in buf {
            if self.pending {
                self.pending = false;
                if (0x80..=0x9f).contains(&b) {
                    out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
                } else {
                    out.push(0xc2);
                    out.push(b);
                }
                continue;
            }
            match b {
                b'\n' => out.push(b),
                0x00..=0x1f | 0x7f => out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes()),
                0xc2 => self.pending = true,
                _ => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.pending {
            self.pending = false;
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(&*neutralise(b"=HYPERLINK(\"x\")"), b"'=HYPERLINK(\"x\")");
        assert_eq!(&*neutralise(b"@SUM(A1)"), b"'@SUM(A1)");
        assert_eq!(&*neutralise(b"+47 999"), b"'+47 999");
        assert_eq!(&*neutralise(b"-10.50"), b"-10.50");
        assert_eq!(&*neutralise(b"-10,50"), b"-10,50");
        assert_eq!(&*neutralise(b"M-1"), b"M-1");
        assert_eq!(&*neutralise(b"-"), b"'-");
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        let mut out = Vec::new();
        {
            let mut e = Escaping::new(&mut out);
            e.write_all("a\u{1b}[31mb\r\n".as_bytes()).unwrap();
            e.write_all(&[0xc2]).unwrap();
            e.write_all(&[0x9b]).unwrap();
            e.write_all("æ\u{7f}".as_bytes()).unwrap();
            e.flush().unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\u{1b}[31mb\\u{d}\n\\u{9b}æ\\u{7f}"
        );
    }
}
