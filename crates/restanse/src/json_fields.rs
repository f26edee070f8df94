//! Reading settings files — the policy and model.json — field by field, with the path of every problem.
//!
//! The member batch is read by serde, straight from the text (`member_json.rs`, `parse.rs`): it is the hot path,
//! and serde is fast. The settings are read once per engine, and here serde's derive's cost is its size: a visitor per struct, a
//! field-name matcher per struct and the whole of it again for every deserializer it is used with. For the
//! policy and model.json that was 32 KB of the WebAssembly engine's 200 KB gzipped budget (`BENCHMARKS.md`).
//! So these files are parsed into a [`serde_json::Value`] and read from it by this module's small,
//! non-generic helpers:
//!
//! - [`ReadJson`] reads one type from a value at a path ([`At`]): numbers, strings, dates, money, lists,
//!   and each settings struct through [`Fields`];
//! - [`Fields`] reads an object's fields into a struct that starts from its defaults, and refuses a field it
//!   was not asked for, so a misspelt setting is an error rather than silently the default;
//! - [`read_str`] parses a text and reads it, giving a [`ReadError`] with the path of the offending value
//!   (`ladder.reminder.fee`) and a message worded like serde's.
//!
//! The writing side is serde's `Serialize` for library users and the CLI, and for the WebAssembly module the same
//! field tables written by `json_out` ([`read_write_fields!`]); a test reads back what `Serialize` writes for every
//! struct, and `tests/json_out.rs` holds the two writers to the same bytes.

use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

/// Why a settings file could not be read: the path of the value (empty for the whole text) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

/// Where a value is in the document: a chain of object keys and array indexes, rendered only on error.
#[derive(Clone, Copy)]
pub struct At<'a> {
    up: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    /// The document itself.
    pub const ROOT: At<'static> = At {
        up: None,
        step: Step::Root,
    };

    /// The value of field `key` of this object.
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            up: Some(self),
            step: Step::Key(key),
        }
    }

    /// Element `i` of this array.
    pub fn index(&'a self, i: usize) -> At<'a> {
        At {
            up: Some(self),
            step: Step::Index(i),
        }
    }

    /// The path as the rest of restanse writes it: `ladder.reminder.fee`, `inkassosats[1].from`.
    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            steps.push(a.step);
            at = a.up;
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Root => {}
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// An error about the value here.
    pub fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError {
            path: self.path(),
            message: message.into(),
        }
    }

    /// "invalid type: …, expected …", as serde says it.
    pub fn invalid_type(&self, v: &Value, expected: &str) -> ReadError {
        self.error(format!(
            "invalid type: {}, expected {expected}",
            describe(v)
        ))
    }
}

/// How serde names a value it did not expect.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// A type that can be read from a settings value.
pub trait ReadJson: Sized {
    fn read(v: &Value, at: &At<'_>) -> Result<Self, ReadError>;
}

/// Parses `text` as JSON and reads a `T` from it.
pub fn read_str<T: ReadJson>(text: &str) -> Result<T, ReadError> {
    // (issue 14) a byte-order mark is not part of a policy file or a model.json
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError {
        path: if e.line() == 0 {
            String::new()
        } else {
            crate::jsonpath::path_at(text, e.line(), e.column())
        },
        message: e.to_string(),
    })?;
    T::read(&value, &At::ROOT)
}

/// A place a field is read into: any [`ReadJson`] type, behind `dyn` so that reading a struct is one
/// non-generic loop over a table of its fields ([`read_object`]) rather than code per field.
pub trait Slot {
    fn fill(&mut self, v: &Value, at: &At<'_>) -> Result<(), ReadError>;
}

impl<T: ReadJson> Slot for T {
    #[inline(never)]
    fn fill(&mut self, v: &Value, at: &At<'_>) -> Result<(), ReadError> {
        *self = T::read(v, at)?;
        Ok(())
    }
}

/// Reads the object `v` into `fields` (each a name and the place its value goes): a field left out keeps
/// what its place holds, and a field not among `fields` is refused, naming those that are.
#[inline(never)]
pub fn read_object(
    v: &Value,
    at: &At<'_>,
    fields: &mut [(&'static str, &mut dyn Slot)],
) -> Result<(), ReadError> {
    let map = match v {
        Value::Object(map) => map,
        other => return Err(at.invalid_type(other, "an object")),
    };
    // Known fields are read first and an unknown one is reported after them: the object's order is lost
    // (a `Value` keeps keys sorted), and a wrong value is the more useful message of the two.
    let mut unknown = None;
    for (key, value) in map {
        match fields.iter_mut().find(|(name, _)| name == key) {
            Some((_, slot)) => slot.fill(value, &at.key(key))?,
            None => unknown = unknown.or(Some(key)),
        }
    }
    match unknown {
        None => Ok(()),
        Some(key) => {
            let expected: Vec<String> = fields.iter().map(|(n, _)| format!("`{n}`")).collect();
            Err(at.key(key).error(format!(
                "unknown field `{key}`, expected one of {}",
                expected.join(", ")
            )))
        }
    }
}

/// A required field read into an `Option` by [`read_object`]: its value, or "missing field `name`".
pub fn required<T>(slot: Option<T>, at: &At<'_>, name: &str) -> Result<T, ReadError> {
    slot.ok_or_else(|| at.error(format!("missing field `{name}`")))
}

/// Reads a struct that starts from its `Default` and takes the fields given:
/// `read_fields!(Ladder { "sms" => sms, "minDaysBetweenSteps" => min_days_between_steps });`
macro_rules! read_fields {
    ($ty:ty { $($name:literal => $field:ident),+ $(,)? }) => {
        impl $crate::json_fields::ReadJson for $ty {
            #[inline(never)]
            fn read(
                v: &serde_json::Value,
                at: &$crate::json_fields::At<'_>,
            ) -> Result<Self, $crate::json_fields::ReadError> {
                let mut out = <$ty>::default();
                $crate::json_fields::read_object(v, at, &mut [
                    $( ($name, &mut out.$field as &mut dyn $crate::json_fields::Slot) ),+
                ])?;
                Ok(out)
            }
        }
    };
}

/// Reads a struct whose fields are required unless listed after `optional` (those default when left out):
/// `read_required!(Feature { "name" => name, "mean" => mean } optional { })`.
macro_rules! read_required {
    ($ty:ident { $($name:literal => $field:ident),+ $(,)? }
        optional { $($oname:literal => $ofield:ident),* $(,)? }) => {
        impl $crate::json_fields::ReadJson for $ty {
            #[inline(never)]
            fn read(
                v: &serde_json::Value,
                at: &$crate::json_fields::At<'_>,
            ) -> Result<Self, $crate::json_fields::ReadError> {
                $( let mut $field = None; )+
                $( let mut $ofield = Default::default(); )*
                $crate::json_fields::read_object(v, at, &mut [
                    $( ($name, &mut $field as &mut dyn $crate::json_fields::Slot), )+
                    $( ($oname, &mut $ofield as &mut dyn $crate::json_fields::Slot), )*
                ])?;
                Ok($ty {
                    $( $field: $crate::json_fields::required($field, at, $name)?, )+
                    $( $ofield, )*
                })
            }
        }
    };
}

/// Implements serde's `Deserialize` through [`ReadJson`], so a library user can still embed the type in their
/// own serde structs (`serde_json::from_str::<Policy>`) and gets the same reading and the same errors (the
/// path before the message). It is generic, so it costs nothing where it is not used (the WebAssembly engine).
macro_rules! deserialize_by_reading {
    ($ty:ty) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                <$ty as $crate::json_fields::ReadJson>::read(&v, &$crate::json_fields::At::ROOT)
                    .map_err(|e| {
                        <D::Error as serde::de::Error>::custom(if e.path.is_empty() {
                            e.message
                        } else {
                            format!("{}: {}", e.path, e.message)
                        })
                    })
            }
        }
    };
}

/// Reads a fieldless enum from its name: `read_names!(Lang { "nb" => Nb, "en" => En });`
macro_rules! read_names {
    ($ty:ty { $($name:literal => $variant:ident),+ $(,)? }) => {
        impl $crate::json_fields::ReadJson for $ty {
            #[inline(never)]
            fn read(
                v: &serde_json::Value,
                at: &$crate::json_fields::At<'_>,
            ) -> Result<Self, $crate::json_fields::ReadError> {
                let name = <String as $crate::json_fields::ReadJson>::read(v, at)?;
                match name.as_str() {
                    $( $name => Ok(<$ty>::$variant), )+
                    _ => Err($crate::json_fields::unknown_variant(at, &name, &[$($name),+])),
                }
            }
        }
    };
}

/// [`read_fields!`], and the same table written as JSON ([`crate::json_write::write_object`]) in the order given,
/// which is the order of the struct's fields (what serde's `Serialize` derive writes; `json_out`'s tests compare).
macro_rules! read_write_fields {
    ($ty:ty { $($name:literal => $field:ident),+ $(,)? }) => {
        $crate::json_fields::read_fields!($ty { $($name => $field),+ });
        impl $crate::json_write::WriteJson for $ty {
            fn write_json(&self, out: &mut $crate::json_write::JsonOut) {
                $crate::json_write::write_object(out, &[
                    $( ($name, &self.$field as &dyn $crate::json_write::WriteJson) ),+
                ]);
            }
        }
    };
}

/// [`read_names!`], and the name written as JSON.
macro_rules! read_write_names {
    ($ty:ty { $($name:literal => $variant:ident),+ $(,)? }) => {
        $crate::json_fields::read_names!($ty { $($name => $variant),+ });
        impl $crate::json_write::WriteJson for $ty {
            fn write_json(&self, out: &mut $crate::json_write::JsonOut) {
                out.name(match self { $( <$ty>::$variant => $name, )+ });
            }
        }
    };
}

/// serde's `Deserialize` for an enum of unit variants read by name, as `#[derive(Deserialize)]` with
/// `rename_all` writes it — the same calls of the deserializer, so the same values read and the same errors
/// (`unknown variant `x`, expected one of …`) — but with the code that reads the name written once for every
/// such enum ([`unit_variant`]) instead of once per enum: the member input has eight of them.
/// `deserialize_unit_enum!(HoldKind { Freeze => "freeze", Deferral => "deferral" });`
macro_rules! deserialize_unit_enum {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                const NAMES: &[&str] = &[$($name),+];
                let i = $crate::json_fields::unit_variant(d, stringify!($ty), NAMES)?;
                [$($ty::$variant),+].get(i).copied().ok_or_else(|| {
                    <D::Error as serde::de::Error>::custom("variant index out of range")
                })
            }
        }
    };
}

pub(crate) use {
    deserialize_by_reading, deserialize_unit_enum, read_fields, read_names, read_required,
    read_write_fields, read_write_names,
};

/// "unknown variant `x`, expected one of `a`, `b`".
pub fn unknown_variant(at: &At<'_>, name: &str, names: &[&str]) -> ReadError {
    let expected: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    at.error(format!(
        "unknown variant `{name}`, expected one of {}",
        expected.join(", ")
    ))
}

impl ReadJson for bool {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<bool, ReadError> {
        v.as_bool().ok_or_else(|| at.invalid_type(v, "a boolean"))
    }
}

impl ReadJson for String {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<String, ReadError> {
        match v {
            Value::String(s) => Ok(s.clone()),
            other => Err(at.invalid_type(other, "a string")),
        }
    }
}

impl ReadJson for f64 {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<f64, ReadError> {
        v.as_f64().ok_or_else(|| at.invalid_type(v, "a number"))
    }
}

/// A whole number in `min..=max` (every integer type a setting uses fits in an `i64`), named `what` in errors.
fn integer(v: &Value, at: &At<'_>, min: i64, max: u64, what: &str) -> Result<i64, ReadError> {
    let Value::Number(n) = v else {
        return Err(at.invalid_type(v, what));
    };
    match (n.as_i64(), n.is_u64()) {
        (Some(i), _) if i >= min && (i < 0 || i as u64 <= max) => Ok(i),
        // out of range, or above i64::MAX: too large for every integer setting
        (Some(_), _) | (None, true) => {
            Err(at.error(format!("invalid value: integer `{n}`, expected {what}")))
        }
        (None, false) => Err(at.invalid_type(v, what)),
    }
}

macro_rules! read_integers {
    ($($t:ty),+) => {$(
        impl ReadJson for $t {
            #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<$t, ReadError> {
                let n = integer(v, at, <$t>::MIN as i64, <$t>::MAX as u64, stringify!($t))?;
                <$t>::try_from(n).map_err(|_| at.invalid_type(v, stringify!($t)))
            }
        }
    )+};
}
read_integers!(u8, u32, i32, i64, usize);

impl ReadJson for Money {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<Money, ReadError> {
        serde::Deserialize::deserialize(v).map_err(|e| at.error(e.to_string()))
    }
}

/// Read as money is (a decimal string or a number), which keeps `rust_decimal`'s own float and scientific
/// parsing out of the WebAssembly build.
impl ReadJson for Decimal {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<Decimal, ReadError> {
        Money::read(v, at).map(|m| m.0)
    }
}

impl ReadJson for NaiveDate {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<NaiveDate, ReadError> {
        match v {
            Value::String(s) => crate::dates::parse_date(s).map_err(|e| at.error(e)),
            other => Err(at.invalid_type(other, "a date as YYYY-MM-DD")),
        }
    }
}

/// `null` is `None`.
impl<T: ReadJson> ReadJson for Option<T> {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<Option<T>, ReadError> {
        match v {
            Value::Null => Ok(None),
            v => T::read(v, at).map(Some),
        }
    }
}

/// The elements of an array, each at its index.
fn elements<'v>(v: &'v Value, at: &At<'_>) -> Result<&'v [Value], ReadError> {
    match v {
        Value::Array(items) => Ok(items),
        other => Err(at.invalid_type(other, "a list")),
    }
}

impl<T: ReadJson> ReadJson for Vec<T> {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<Vec<T>, ReadError> {
        elements(v, at)?
            .iter()
            .enumerate()
            .map(|(i, item)| T::read(item, &at.index(i)))
            .collect()
    }
}

impl<T: ReadJson + Default + Copy, const N: usize> ReadJson for [T; N] {
    #[inline(never)]
    fn read(v: &Value, at: &At<'_>) -> Result<[T; N], ReadError> {
        let items = elements(v, at)?;
        if items.len() != N {
            return Err(at.error(format!(
                "invalid length {}, expected a list of {N}",
                items.len()
            )));
        }
        let mut out = [T::default(); N];
        for (i, (slot, item)) in out.iter_mut().zip(items).enumerate() {
            *slot = T::read(item, &at.index(i))?;
        }
        Ok(out)
    }
}

/// An object whose keys are read by `key` (a code such as `call_member`) and whose values are `V`s.
pub fn read_map<K: Ord, V: ReadJson>(
    v: &Value,
    at: &At<'_>,
    key: impl Fn(&str) -> Option<K>,
    keys: &str,
) -> Result<BTreeMap<K, V>, ReadError> {
    let map = match v {
        Value::Object(map) => map,
        other => return Err(at.invalid_type(other, "an object")),
    };
    let mut out = BTreeMap::new();
    for (name, value) in map {
        let here = at.key(name);
        let k = key(name)
            .ok_or_else(|| here.error(format!("unknown key `{name}`, expected one of {keys}")))?;
        out.insert(k, V::read(value, &here)?);
    }
    Ok(out)
}

/// Reads the variant of an enum `name` of unit variants named `names`: its index in `names`.
pub(crate) fn unit_variant<'de, D: serde::Deserializer<'de>>(
    d: D,
    name: &'static str,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    d.deserialize_enum(name, names, UnitEnum { name, names })
}

/// The visitor of [`unit_variant`]: what the derive's visitor does, for any enum of unit variants.
struct UnitEnum {
    name: &'static str,
    names: &'static [&'static str],
}

impl<'de> serde::de::Visitor<'de> for UnitEnum {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "enum {}", self.name)
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (i, variant) = data.variant_seed(VariantName(self.names))?;
        serde::de::VariantAccess::unit_variant(variant)?;
        Ok(i)
    }
}

/// A variant's name, read as the derive reads it (an identifier) into its index.
struct VariantName(&'static [&'static str]);

impl<'de> serde::de::DeserializeSeed<'de> for VariantName {
    type Value = usize;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> serde::de::Visitor<'de> for VariantName {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<usize, E> {
        usize::try_from(v)
            .ok()
            .filter(|&i| i < self.0.len())
            .ok_or_else(|| {
                E::invalid_value(
                    serde::de::Unexpected::Unsigned(v),
                    &format!("variant index 0 <= i < {}", self.0.len()).as_str(),
                )
            })
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|n| *n == v)
            .ok_or_else(|| E::unknown_variant(v, self.0))
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<usize, E> {
        self.0
            .iter()
            .position(|n| n.as_bytes() == v)
            .ok_or_else(|| E::unknown_variant(&String::from_utf8_lossy(v), self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        days: i64,
        on: bool,
    }
    read_fields!(Inner { "days" => days, "on" => on });

    #[derive(Debug, Default, PartialEq)]
    struct Outer {
        inner: Inner,
        list: Vec<Inner>,
        three: [f64; 3],
    }
    read_fields!(Outer { "inner" => inner, "list" => list, "three" => three });

    fn err(text: &str) -> (String, String) {
        let e = read_str::<Outer>(text).unwrap_err();
        (e.path, e.message)
    }

    #[test]
    fn fields_left_out_keep_their_defaults() {
        let o: Outer = read_str(r#"{"inner":{"on":true},"three":[1,2.5,3]}"#).unwrap();
        assert_eq!(o.inner, Inner { days: 0, on: true });
        assert_eq!(o.three, [1.0, 2.5, 3.0]);
        assert!(o.list.is_empty());
    }

    #[test]
    fn errors_name_the_path_and_the_reason() {
        assert_eq!(
            err(r#"{"list":[{"days":1},{"days":"x"}]}"#),
            (
                "list[1].days".into(),
                "invalid type: string \"x\", expected i64".into()
            )
        );
        assert_eq!(
            err(r#"{"inner":{"dayz":1}}"#),
            (
                "inner.dayz".into(),
                "unknown field `dayz`, expected one of `days`, `on`".into()
            )
        );
        assert_eq!(
            err(r#"{"three":[1,2]}"#).1,
            "invalid length 2, expected a list of 3"
        );
        assert_eq!(
            err(r#"{"inner":{"days":1.5}}"#).1,
            "invalid type: floating point `1.5`, expected i64"
        );
        assert_eq!(
            err(r#"{"inner":[]}"#).1,
            "invalid type: sequence, expected an object"
        );
        let (path, message) = err("{\"inner\":\n {\"days\": 1,}}");
        assert_eq!(path, "inner");
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn integers_are_range_checked() {
        let at = At::ROOT;
        assert_eq!(u8::read(&serde_json::json!(255), &at), Ok(255));
        assert_eq!(
            u8::read(&serde_json::json!(256), &at).unwrap_err().message,
            "invalid value: integer `256`, expected u8"
        );
        assert_eq!(
            u32::read(&serde_json::json!(-1), &at).unwrap_err().message,
            "invalid value: integer `-1`, expected u32"
        );
        assert_eq!(i64::read(&serde_json::json!(-7), &at), Ok(-7));
    }
}
