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
    let bytes = text.as_bytes();
    // the byte offset of the position
    let mut offset = 0;
    for _ in 1..line {
        match bytes[offset..].iter().position(|&b| b == b'\n') {
            Some(p) => offset += p + 1,
            None => break,
        }
    }
    let end = (offset + column).min(bytes.len());
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
        let path = if e.line() == 0 {
            String::new()
        } else {
            path_at(text, e.line(), e.column())
        };
        (path, e.to_string())
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
}
