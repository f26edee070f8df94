//! Writing JSON by hand, the leaf of [`crate::json_out`]: the [`WriteJson`] trait, the writer ([`JsonOut`]) and
//! the values every output and the policy are made of (text, numbers, money, days, lists), byte for byte as
//! `serde_json` writes them. Kept apart from the outputs' own impls so that the modules low in the flow that
//! write themselves (the policy's field tables, `json_fields`) need nothing above them.
//!
//! Numbers are written as serde_json writes them: integers in decimal, a finite `f64` through serde_json's own
//! [`CompactFormatter::write_f64`] (its shortest round-trip form), a NaN or an infinity as `null`. Strings are
//! escaped as serde_json escapes them: `"`, `\` and the control characters, `\b \t \n \f \r` by name and the
//! others as `\u00XX`; everything else, `DEL` and non-ASCII included, as it is.

use crate::money::Money;
use chrono::NaiveDate;
use serde_json::ser::{CompactFormatter, Formatter};

/// A value that writes itself as JSON.
pub trait WriteJson {
    /// Appends the value's JSON to `out`.
    fn write_json(&self, out: &mut JsonOut);
}

/// `v` as JSON text, the same bytes as `serde_json::to_string(v)`.
pub fn to_json_string<T: WriteJson + ?Sized>(v: &T) -> String {
    let mut out = JsonOut(String::new());
    v.write_json(&mut out);
    out.0
}

/// `s` as a JSON string, quoted and escaped as serde_json writes it.
pub fn json_string(s: &str) -> String {
    let mut out = JsonOut(String::with_capacity(s.len() + 2));
    out.str("", s);
    out.0
}

/// The text being written.
pub struct JsonOut(String);

impl JsonOut {
    /// JSON written as it is: punctuation and keys.
    #[inline(never)]
    pub(crate) fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    // Each writer below first writes `key`: the literal before the value (`,"memberId":`, or `[` or `,` in a
    // list), so that a field is one call.

    /// A string, quoted and escaped.
    #[inline(never)]
    pub(crate) fn str(&mut self, key: &str, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let out = &mut self.0;
        out.push_str(key);
        out.push('"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let short = match b {
                b'"' => '"',
                b'\\' => '\\',
                0x08 => 'b',
                b'\t' => 't',
                b'\n' => 'n',
                0x0c => 'f',
                b'\r' => 'r',
                0x00..=0x1f => 'u',
                _ => continue,
            };
            // `i` is at an ASCII byte, so both slices end on character boundaries
            out.push_str(s.get(start..i).unwrap_or_default());
            start = i + 1;
            out.push('\\');
            out.push(short);
            if short == 'u' {
                out.push_str("00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
        out.push_str(s.get(start..).unwrap_or_default());
        out.push('"');
    }

    /// A code from the stable vocabulary (`"unpaid_instalments"`): plain ASCII, nothing to escape.
    #[inline(never)]
    pub(crate) fn code(&mut self, key: &str, code: &str) {
        self.0.push_str(key);
        self.0.push('"');
        self.0.push_str(code);
        self.0.push('"');
    }

    #[inline(never)]
    pub(crate) fn uint(&mut self, key: &str, mut v: u64) {
        self.0.push_str(key);
        // u64::MAX has 20 digits
        let mut digits = [0u8; 20];
        let mut n = digits.len();
        loop {
            n = n.saturating_sub(1);
            if let Some(d) = digits.get_mut(n) {
                // v % 10 < 10
                *d = b'0' + (v % 10) as u8;
            }
            v /= 10;
            if v == 0 || n == 0 {
                break;
            }
        }
        for &d in digits.get(n..).unwrap_or_default() {
            self.0.push(char::from(d));
        }
    }

    #[inline(never)]
    pub(crate) fn int(&mut self, key: &str, v: i64) {
        self.0.push_str(key);
        if v < 0 {
            self.0.push('-');
        }
        self.uint("", v.unsigned_abs());
    }

    /// A number as serde_json writes it: the shortest form that reads back the same, `null` if not finite.
    #[inline(never)]
    pub(crate) fn f64(&mut self, key: &str, v: f64) {
        self.0.push_str(key);
        if !v.is_finite() {
            self.0.push_str("null");
            return;
        }
        let mut buf = [0u8; 40];
        let mut w: &mut [u8] = &mut buf;
        let written = match CompactFormatter.write_f64(&mut w, v) {
            Ok(()) => 40 - w.len(),
            Err(_) => 0,
        };
        let text = buf
            .get(..written)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("null");
        self.0.push_str(text);
    }

    pub(crate) fn opt_f64(&mut self, key: &str, v: Option<f64>) {
        match v {
            Some(v) => self.f64(key, v),
            None => self.code_null(key),
        }
    }

    /// `null`.
    #[inline(never)]
    pub(crate) fn code_null(&mut self, key: &str) {
        self.0.push_str(key);
        self.0.push_str("null");
    }

    pub(crate) fn bool(&mut self, key: &str, v: bool) {
        self.raw(key);
        self.raw(if v { "true" } else { "false" });
    }

    #[inline(never)]
    pub(crate) fn date(&mut self, key: &str, d: NaiveDate) {
        self.0.push_str(key);
        self.0.push('"');
        crate::dates::push_date(&mut self.0, d);
        self.0.push('"');
    }

    pub(crate) fn opt_date(&mut self, key: &str, d: Option<NaiveDate>) {
        match d {
            Some(d) => self.date(key, d),
            None => self.code_null(key),
        }
    }

    #[inline(never)]
    pub(crate) fn money(&mut self, key: &str, m: Money) {
        self.0.push_str(key);
        self.0.push('"');
        self.0.push_str(&m.to_ore_string());
        self.0.push('"');
    }

    /// A list of strings.
    #[inline(never)]
    pub(crate) fn strs(&mut self, key: &str, items: &[String]) {
        self.0.push_str(key);
        self.0.push('[');
        for (i, s) in items.iter().enumerate() {
            self.str(if i > 0 { "," } else { "" }, s);
        }
        self.0.push(']');
    }

    /// A list of codes.
    #[inline(never)]
    pub(crate) fn codes(&mut self, key: &str, items: &mut dyn Iterator<Item = &'static str>) {
        self.0.push_str(key);
        self.0.push('[');
        for (i, c) in items.enumerate() {
            self.code(if i > 0 { "," } else { "" }, c);
        }
        self.0.push(']');
    }

    /// A list of values, each writing itself (one loop for every type, through `dyn`).
    #[inline(never)]
    pub(crate) fn each(&mut self, key: &str, items: &mut dyn Iterator<Item = &dyn WriteJson>) {
        self.0.push_str(key);
        self.0.push('[');
        for (i, item) in items.enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            item.write_json(self);
        }
        self.0.push(']');
    }

    pub(crate) fn list<T: WriteJson>(&mut self, key: &str, items: &[T]) {
        self.each(key, &mut items.iter().map(|i| i as &dyn WriteJson));
    }

    /// A name (`"nb"`, `"dueMonth"`): plain ASCII, nothing to escape.
    pub(crate) fn name(&mut self, name: &str) {
        self.code("", name);
    }

    /// A map from codes to counts (`{"low":3,"watch":1}`), in the map's order.
    #[inline(never)]
    pub(crate) fn counts(
        &mut self,
        key: &str,
        items: &mut dyn Iterator<Item = (&'static str, u32)>,
    ) {
        self.0.push_str(key);
        self.0.push('{');
        for (i, (code, n)) in items.enumerate() {
            self.code(if i > 0 { "," } else { "" }, code);
            self.uint(":", u64::from(n));
        }
        self.0.push('}');
    }
}

/// An object from a table of its fields (each a name and its value), in the table's order: how the policy's
/// structs are written, from the same tables they are read by (`json_fields::read_write_fields!`).
#[inline(never)]
pub(crate) fn write_object(out: &mut JsonOut, fields: &[(&str, &dyn WriteJson)]) {
    if fields.is_empty() {
        out.raw("{");
    }
    for (i, (name, value)) in fields.iter().enumerate() {
        out.code(if i > 0 { "," } else { "{" }, name);
        out.raw(":");
        value.write_json(out);
    }
    out.raw("}");
}

// The values the policy is made of.

impl WriteJson for bool {
    fn write_json(&self, out: &mut JsonOut) {
        out.bool("", *self);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut JsonOut) {
        out.str("", self);
    }
}

impl WriteJson for f64 {
    fn write_json(&self, out: &mut JsonOut) {
        out.f64("", *self);
    }
}

macro_rules! write_integers {
    ($($t:ty => $how:ident),+) => {$(
        impl WriteJson for $t {
            fn write_json(&self, out: &mut JsonOut) {
                out.$how("", (*self).into());
            }
        }
    )+};
}
write_integers!(u8 => uint, u32 => uint, i32 => int, i64 => int);

impl WriteJson for usize {
    fn write_json(&self, out: &mut JsonOut) {
        out.uint("", *self as u64);
    }
}

impl WriteJson for Money {
    fn write_json(&self, out: &mut JsonOut) {
        out.money("", *self);
    }
}

/// As `rust_decimal` serialises it: its decimal text as a string.
impl WriteJson for rust_decimal::Decimal {
    fn write_json(&self, out: &mut JsonOut) {
        out.str("", &self.to_string());
    }
}

impl WriteJson for NaiveDate {
    fn write_json(&self, out: &mut JsonOut) {
        out.date("", *self);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut JsonOut) {
        match self {
            Some(v) => v.write_json(out),
            None => out.code_null(""),
        }
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut JsonOut) {
        out.list("", self);
    }
}

impl<T: WriteJson, const N: usize> WriteJson for [T; N] {
    fn write_json(&self, out: &mut JsonOut) {
        out.list("", self);
    }
}
