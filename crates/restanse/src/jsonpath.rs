//! Where in a JSON text an error happened, as a field path (`instalments[2].amount`).
//!
//! serde_json reports the line and column of an error. Scanning the text up to that point, keeping a stack
//! of the objects (with their current key) and arrays (with their current index) that are open there, gives
//! the path of the value being read. This is what lets a rejection name its field without wrapping every
//! deserializer in path tracking (which doubled the WebAssembly build's deserialization code).

use serde::de::DeserializeOwned;

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The path of the value at `line`/`column` (1-based, as serde_json reports them) of `text`.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    path_before(text, offset_of(text, line, column))
}

/// The byte offset of `line`/`column` (as serde_json reports them) in `text`.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let bytes = text.as_bytes();
    let mut offset = 0;
    for _ in 1..line {
        match bytes
            .get(offset..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        {
            Some(p) => offset += p + 1,
            None => break,
        }
    }
    offset.saturating_add(column).min(bytes.len())
}

/// (issue 17) Where the array starts that serde_json refused as a struct (`invalid type: sequence, expected
/// struct HoldInput`): it reports the refusal after closing the array as far as it could (whitespace, then a `]`,
/// or a `,` and whitespace), and the path that names the wrong value is the one before its `[`.
pub(crate) fn refused_array_start(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = end;
    while at > 0
        && matches!(
            bytes.get(at - 1),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']')
        )
    {
        at -= 1;
    }
    if at > 0 && bytes.get(at - 1) == Some(&b'[') {
        at - 1
    } else {
        end
    }
}

/// The path of the value being read when `end` bytes of `text` have been read.
fn path_before(text: &str, end: usize) -> String {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object {
                    key,
                    expecting_key: true,
                }) = stack.last_mut()
                {
                    let raw = text.get(start..i.min(bytes.len())).unwrap_or("");
                    *key = Some(
                        serde_json::from_str::<String>(&format!("\"{raw}\""))
                            .unwrap_or_else(|_| raw.to_string()),
                    );
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Deserializes `text`; on failure returns the path of the offending value and serde's message.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, (String, String)> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let path = if e.line() == 0 {
            String::new()
        } else {
            let mut end = offset_of(text, e.line(), e.column());
            if message.starts_with("invalid type: sequence, expected struct ") {
                end = refused_array_start(text, end);
            }
            path_before(text, end)
        };
        (path, message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_positions() {
        let t = r#"{"id":"M-1","instalments":[{"id":"I-1"},{"id":"I-2","amount":"x"}],"visits":["a","b"]}"#;
        let at = |needle: &str| path_at(t, 1, t.find(needle).unwrap() + needle.len());
        assert_eq!(at(r#""amount":"x""#), "instalments[1].amount");
        assert_eq!(at(r#""b""#), "visits[1]");
        assert_eq!(at(r#""M-1""#), "id");
        assert_eq!(at(r#"{"id":"I-1"}"#), "instalments[0]");
        assert_eq!(path_at("{\"a\":\n {\"b\\\"c\": 1}}", 2, 8), "a.b\"c");
    }

    /// (issue 17) a part written as an array is named as the part, however serde_json closed the array
    #[test]
    fn a_refused_array_is_named_where_it_starts() {
        for text in [
            r#"{"id":"M-1","joinedOn":"2024-01-01","holds":[["freeze","2026-01-01","2026-02-01"]]}"#,
            r#"{"id":"M-1","joinedOn":"2024-01-01","holds":[[]]}"#,
            r#"{"id":"M-1","joinedOn":"2024-01-01","holds":[ [ , ] ]}"#,
            "{\"id\":\"M-1\",\"joinedOn\":\"2024-01-01\",\"holds\":[\n  [\n  ]\n]}",
        ] {
            let Err((path, message)) = from_str::<crate::input::MemberInput>(text) else {
                panic!("{text} was read");
            };
            assert_eq!(
                (path.as_str(), message.split(" at line").next()),
                (
                    "holds[0]",
                    Some("invalid type: sequence, expected struct HoldInput")
                ),
                "{text}"
            );
        }
        let Err((path, _)) = from_str::<crate::input::MemberInput>(
            r#"{"id":"M-1","joinedOn":"2024-01-01","plan":[1]}"#,
        ) else {
            panic!("read");
        };
        assert_eq!(path, "plan");
    }
}
