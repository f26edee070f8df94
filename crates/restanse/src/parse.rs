//! Reading a batch of members from JSON, one record at a time.
//!
//! A batch is a JSON array. A batch with nothing wrong in it is read in one pass, which is the common case
//! and the fast one. When that fails, the array is split into its raw elements and each element is read on
//! its own into a [`MemberInput`]; an element that cannot be read becomes a [`Rejection`] naming the record
//! number, the member id when one is readable, the field path (`instalments[2].amount`) and the reason.
//! So one malformed record never costs the rest of the batch, and records in = members + rejections.
//!
//! Only a batch that is not a JSON array at all is an [`InputError`].

use crate::input::MemberInput;
use crate::output::Rejection;
use serde::Deserialize;

/// A batch that cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the input is not valid JSON (line {line}, column {column}): {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the input must be a JSON array of members, but it is {found}")]
    NotAnArray { found: &'static str },
    #[error("{0}")]
    Csv(String),
}

/// One record of a batch: read, or rejected.
pub type Parsed = Result<MemberInput, Rejection>;

/// Reads a JSON array of members, record by record.
pub fn parse_batch(json: &str) -> Result<Vec<Parsed>, InputError> {
    // (issue 14) a byte-order mark (Windows editors write one) is not part of the JSON
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // The common case, a batch with nothing wrong in it, is read in one pass. Only when that fails is the
    // batch split into its records and each read on its own, to find which records are wrong and why (serde
    // cannot resume inside an array after a bad element). The records read are the same
    // either way: the same deserializer reads each `MemberInput`.
    // A member written as an array (`["M-1", "2025-01-01"]`) fails the one pass too: its fields are never read
    // by position (`member_json`), and the slow path rejects it as not an object.
    if let Ok(members) = serde_json::from_str::<Vec<MemberInput>>(json) {
        return Ok(members.into_iter().map(Ok).collect());
    }
    // the slow path: the batch split into its records (the splitter the streamed CLI uses, so a batch in
    // memory and a streamed one reject the same records for the same reasons), each read on its own
    read_records(json.as_bytes())
}

/// [`parse_batch`] for bytes that need not all be UTF-8: a record that is not UTF-8 text is rejected on its own,
/// naming the byte, and the others are read — what a streamed batch does with the same bytes
/// ([`crate::Engine::judge_text`]), so a batch held in memory (the CLI's `--events` and `--nets`) and a streamed
/// one reject the same records for the same reasons.
pub fn parse_batch_bytes(bytes: &[u8]) -> Result<Vec<Parsed>, InputError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_batch(text),
        Err(_) => read_records(bytes),
    }
}

/// A batch split into its records, each read on its own (one that is not UTF-8 text rejected, naming the byte);
/// a broken structure, or a batch that is not an array, refused whole.
fn read_records(bytes: &[u8]) -> Result<Vec<Parsed>, InputError> {
    let mut spans = Vec::new();
    split_batch(bytes, &mut |s| spans.push(s))?;
    Ok(spans
        .iter()
        .map(|s| match std::str::from_utf8(record_bytes(bytes, s)) {
            Ok(text) => parse_one(text, s.record),
            Err(e) => Err(not_utf8(record_bytes(bytes, s), s.record, s.start, e)),
        })
        .collect())
}

/// Splits a batch held in memory into its records, handing each to `emit` in order (`crate::split`): a broken
/// structure is a [`InputError::Syntax`] naming its line and column, and a batch that is not a JSON array is
/// refused as [`parse_batch`] refuses it (records already handed on are then to be dropped).
pub(crate) fn split_batch(
    bytes: &[u8],
    emit: &mut dyn FnMut(crate::split::Span),
) -> Result<(), InputError> {
    let syntax = |e: crate::split::SplitError| {
        let (line, column) = crate::split::line_column(bytes, e.at);
        InputError::Syntax {
            line,
            column,
            message: e.what.to_string(),
        }
    };
    let mut splitter = crate::split::Splitter::new();
    splitter.feed(bytes, emit).map_err(syntax)?;
    splitter.finish(emit).map_err(syntax)?;
    if splitter.shape() == Some(crate::split::Shape::Array) {
        return Ok(());
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let found = match first {
        Some(b'{') => "an object",
        Some(b'"') => "a string",
        Some(b'0'..=b'9') | Some(b'-') => "a number",
        Some(b't') | Some(b'f') => "a boolean",
        Some(b'n') => "null",
        _ => {
            return Err(InputError::Syntax {
                line: 1,
                column: 1,
                message: "expected a JSON array of members".into(),
            })
        }
    };
    Err(InputError::NotAnArray { found })
}

/// The bytes of the record `span` of `bytes` (empty when the span is not in it).
pub(crate) fn record_bytes<'a>(bytes: &'a [u8], span: &crate::split::Span) -> &'a [u8] {
    usize::try_from(span.start)
        .ok()
        .zip(usize::try_from(span.end).ok())
        .and_then(|(a, b)| bytes.get(a..b))
        .unwrap_or_default()
}

/// The rejection of record `record`, whose bytes `text` start at byte `offset` of the input and stop being
/// UTF-8 where `e` says.
pub(crate) fn not_utf8(
    text: &[u8],
    record: usize,
    offset: u64,
    e: std::str::Utf8Error,
) -> Rejection {
    let at = e.valid_up_to();
    let byte = text.get(at).copied().unwrap_or(0);
    Rejection {
        record,
        member_id: member_id_of(&String::from_utf8_lossy(text)),
        field: String::new(),
        reason: format!(
            "the record is not UTF-8 text: byte {} of the input (0x{byte:02x}); save the input as UTF-8",
            offset.saturating_add(at as u64)
        ),
        source: None,
    }
}

/// Reads one record of a batch: the fast reader first, and the one that names the field only when that fails
/// (the same [`MemberInput`] either way).
pub fn parse_one(text: &str, record: usize) -> Parsed {
    if text.starts_with('{') {
        if let Ok(m) = serde_json::from_str::<MemberInput>(text) {
            return Ok(m);
        }
    }
    parse_record(text, record)
}

/// Reads one member record; `record` is its 1-based position for the rejection.
pub fn parse_record(text: &str, record: usize) -> Parsed {
    if text.trim_start().starts_with('[') {
        return Err(Rejection {
            record,
            member_id: None,
            field: String::new(),
            reason: "a member must be a JSON object, not an array".into(),
            source: None,
        });
    }
    crate::jsonpath::from_str::<MemberInput>(text).map_err(|(path, message)| {
        rejection_from_serde(record, member_id_of(text), &path, &message)
    })
}

/// Builds a rejection from a serde error, folding "missing field `x`" into the field path.
pub fn rejection_from_serde(
    record: usize,
    member_id: Option<String>,
    path: &str,
    message: &str,
) -> Rejection {
    let path = if path == "." { "" } else { path };
    // serde_json appends " at line L column C" which means nothing inside one record
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    let (field, reason) = if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        (join_path(path, name), "is required but missing".to_string())
    } else if path.is_empty() && message.starts_with("invalid type") {
        (
            String::new(),
            format!("a member must be a JSON object ({message})"),
        )
    } else {
        (path.to_string(), message.to_string())
    };
    Rejection {
        record,
        member_id,
        field,
        reason,
        source: None,
    }
}

fn join_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// The id of a record that could not be read whole, if it has a readable string (or number) id.
pub(crate) fn member_id_of(text: &str) -> Option<String> {
    field_of(text, "id")
}

/// A top-level string (or integer) field of a JSON object, ignoring everything else and any error in it.
pub(crate) fn field_of(text: &str, name: &'static str) -> Option<String> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Find(&'static str);
    impl<'de> Visitor<'de> for Find {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == self.0 {
                    found = map.next_value::<Scalar>()?.0;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    struct Scalar(Option<String>);
    impl<'de> Deserialize<'de> for Scalar {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Scalar;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a string or number")
                }
                fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                    Ok(Scalar((!v.is_empty()).then(|| v.to_string())))
                }
                fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                    Ok(Scalar(Some(v.to_string())))
                }
                fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                    Ok(Scalar(Some(v.to_string())))
                }
                fn visit_f64<E>(self, _: f64) -> Result<Scalar, E> {
                    Ok(Scalar(None))
                }
                fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
                    Ok(Scalar(None))
                }
                fn visit_unit<E>(self) -> Result<Scalar, E> {
                    Ok(Scalar(None))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Scalar, A::Error> {
                    while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    Ok(Scalar(None))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut s: A,
                ) -> Result<Scalar, A::Error> {
                    while s.next_element::<IgnoredAny>()?.is_some() {}
                    Ok(Scalar(None))
                }
            }
            d.deserialize_any(V)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_map(Find(name)).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_record_does_not_spoil_the_batch() {
        let json = r#"[
          {"id":"M-1","joinedOn":"2024-01-15"},
          {"id":"M-2","joinedOn":"2024-02-30"},
          {"id":"M-3","joinedOn":"2024-01-15","instalments":[{"id":"I-1","dueOn":"2026-10-01","amount":"abc"}]},
          {"joinedOn":"2024-01-15"},
          42
        ]"#;
        let out = parse_batch(json).unwrap();
        assert_eq!(out.len(), 5);
        assert!(out[0].is_ok());
        let r = out[1].as_ref().unwrap_err();
        assert_eq!(
            (r.record, r.member_id.as_deref(), r.field.as_str()),
            (2, Some("M-2"), "joinedOn")
        );
        assert!(r.reason.contains("not a real date"), "{}", r.reason);
        let r = out[2].as_ref().unwrap_err();
        assert_eq!(r.field, "instalments[0].amount");
        assert!(r.reason.contains("not a decimal amount"), "{}", r.reason);
        let r = out[3].as_ref().unwrap_err();
        assert_eq!(
            (r.member_id.as_deref(), r.field.as_str(), r.reason.as_str()),
            (None, "id", "is required but missing")
        );
        let r = out[4].as_ref().unwrap_err();
        assert!(
            r.reason.starts_with("a member must be a JSON object"),
            "{}",
            r.reason
        );
    }

    #[test]
    fn a_batch_must_be_an_array() {
        assert_eq!(
            parse_batch(r#"{"id":"M-1"}"#),
            Err(InputError::NotAnArray { found: "an object" })
        );
        assert!(matches!(parse_batch("[{"), Err(InputError::Syntax { .. })));
        assert_eq!(parse_batch("[]"), Ok(vec![]));
    }
}
