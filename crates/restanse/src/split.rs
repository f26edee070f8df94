//! Splitting a batch into its records before any record is read (issue 18).
//!
//! A chain's batch is too big to hold in memory at once, so the CLI streams it: it finds where each record
//! starts and ends, and only then reads each record on its own, on any core. The splitter is that first step.
//! It reads the bytes once, in chunks of any size, and finds:
//!
//! * the batch's shape — a JSON array of members (`[{…},{…}]`) or NDJSON, one member per line (any JSON values
//!   separated by white space, so pretty-printed members work too);
//! * each record's byte span, in input order;
//! * each record's top-level `"id"` string when it has one, without reading the rest — the visit model's
//!   subsample is chosen by a hash of the id, so its members can be picked in this pass.
//!
//! It checks only what it must to find the records: strings and their escapes, and that brackets balance and
//! match. Everything else about a record (its syntax within, its fields) is the record's reader's job, so a
//! record that is not valid JSON is rejected on its own and the rest of the batch is still assessed. Only a
//! batch whose structure is broken — an unclosed string or bracket, text after the array, a missing comma —
//! is refused whole, with the byte where it breaks ([`SplitError`]).

/// The batch's shape, from its first byte that is not white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A JSON array of members.
    Array,
    /// JSON values one after another, separated by white space: NDJSON (JSON Lines).
    Lines,
}

/// One record: where it lies in the input, its number and its id when it has a top-level string `"id"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The record's number in the batch, from 1.
    pub record: usize,
    /// Byte offsets in the input: the record is `input[start..end]`.
    pub start: u64,
    pub end: u64,
    pub id: Option<String>,
}

/// Where and why a batch's structure is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} (byte {at})")]
pub struct SplitError {
    /// The byte offset in the input where the structure breaks.
    pub at: u64,
    pub what: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first byte that is not white space (a byte-order mark is skipped).
    Start,
    /// Between records; `expect` when a record must come next (after `[` or `,`), `first` right after `[`.
    Between { expect: bool, first: bool },
    /// Inside an object or array record, outside its strings.
    Container,
    /// Inside a string of a container record.
    Str { escaped: bool },
    /// A scalar record (a number, `true`, `null`, or junk the reader will reject).
    Scalar,
    /// A string record.
    ScalarStr { escaped: bool },
    /// After the array's closing `]`.
    After,
}

/// What the string being read is, for the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    /// A key of the record's own object.
    Key,
    /// The value of the record's `"id"` key.
    Id,
}

/// The longest id the splitter captures, in bytes as written (escapes included). Every id validation accepts
/// fits: at most [`crate::validate::MAX_ID_CHARS`] characters, each at most 12 bytes written (a surrogate pair,
/// `\ud83d\ude00`). The streamed batch's duplicate-id rule relies on it ([`crate::stream::IdHashes`]): every id
/// a record can be remembered by is seen by the first pass.
pub const MAX_ID_BYTES: usize = 4096;

/// Nesting deeper than this is counted but not checked bracket by bracket; serde_json refuses records
/// nested deeper than 128 anyway.
const MAX_CHECKED_DEPTH: usize = 256;

/// The splitter: feed it the input in chunks, in order, then [`Splitter::finish`].
#[derive(Debug, Clone)]
pub struct Splitter {
    shape: Option<Shape>,
    state: State,
    /// Offset of the next byte to be fed.
    pos: u64,
    /// The open brackets of the current record (up to [`MAX_CHECKED_DEPTH`]) and the full depth.
    stack: Vec<u8>,
    depth: usize,
    record: usize,
    start: u64,
    /// In the record's own object: whether a key comes next, and whether the last key was `"id"`.
    expect_key: bool,
    after_id_key: bool,
    capture: Capture,
    buf: Vec<u8>,
    buf_escaped: bool,
    id: Option<String>,
    bom: usize,
    /// Whether records' ids are captured; without, only where each record lies is found, faster.
    ids: bool,
    /// Whether records are read 64 bytes at a time where that is built ([`crate::scan`]); the tests turn it
    /// off to compare.
    blocks: bool,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter::new()
    }
}

impl Splitter {
    /// A splitter at the start of a batch.
    pub fn new() -> Splitter {
        Splitter {
            shape: None,
            state: State::Start,
            pos: 0,
            stack: Vec::new(),
            depth: 0,
            record: 0,
            start: 0,
            expect_key: false,
            after_id_key: false,
            capture: Capture::None,
            buf: Vec::new(),
            buf_escaped: false,
            id: None,
            bom: 0,
            ids: true,
            blocks: true,
        }
    }

    /// The same splitter, finding only where each record lies, not its id ([`Span::id`] is always `None`):
    /// for reading a run of records again once the first pass has seen their ids.
    pub fn without_ids(self) -> Splitter {
        Splitter { ids: false, ..self }
    }

    /// A splitter starting at byte `offset` of a batch of `shape`, where a record is about to begin (a comma
    /// before it in an array): for a second thread splitting the rest of a batch. Its records are numbered
    /// from 1; the caller renumbers them once it knows how many came before, and must check that a scan from
    /// the start does stand between records there ([`Splitter::about_to_read_a_record`]).
    pub fn at_record(shape: Shape, offset: u64) -> Splitter {
        Splitter {
            shape: Some(shape),
            state: State::Between {
                expect: true,
                first: false,
            },
            pos: offset,
            ..Splitter::new()
        }
    }

    /// Whether the next byte begins a record: between records, after `[` or a comma in an array.
    pub fn about_to_read_a_record(&self) -> bool {
        matches!(self.state, State::Between { expect: true, .. })
    }

    /// The shape, once the first byte that is not white space has been seen.
    pub fn shape(&self) -> Option<Shape> {
        self.shape
    }

    /// How many records have been found.
    pub fn records(&self) -> usize {
        self.record
    }

    /// Reads the next chunk of the input, calling `emit` for each record completed in it.
    pub fn feed(&mut self, chunk: &[u8], emit: &mut dyn FnMut(Span)) -> Result<(), SplitError> {
        let mut i = 0;
        while i < chunk.len() {
            let at = self.pos + i as u64;
            // the fast path: below the record's own object only strings and brackets matter (and in it too,
            // when ids are not wanted)
            let floor = if self.ids { 2 } else { 1 };
            if self.depth >= floor && matches!(self.state, State::Container | State::Str { .. }) {
                i = self.skim(chunk, i, floor)?;
                if self.depth == 0 {
                    self.end_record(self.pos + i as u64, emit);
                }
                continue;
            }
            match self.state {
                State::Str { escaped } | State::ScalarStr { escaped } => {
                    let scalar = matches!(self.state, State::ScalarStr { .. });
                    if escaped {
                        self.push_captured(chunk[i]);
                        self.set_str(scalar, false);
                        i += 1;
                        continue;
                    }
                    let rest = &chunk[i..];
                    let k = quiet_bytes(rest);
                    if k == rest.len() {
                        self.extend_captured(rest);
                        i = chunk.len();
                        continue;
                    }
                    self.extend_captured(&rest[..k]);
                    i += k;
                    if chunk[i] == b'\\' {
                        self.push_captured(b'\\');
                        self.buf_escaped = true;
                        self.set_str(scalar, true);
                        i += 1;
                    } else {
                        i += 1;
                        if scalar {
                            self.end_record(at + k as u64 + 1, emit);
                        } else {
                            self.state = State::Container;
                            self.string_closed();
                        }
                    }
                }
                State::Container => {
                    let b = chunk[i];
                    i += 1;
                    self.container_byte(b, at, emit)?;
                }
                State::Scalar => {
                    let b = chunk[i];
                    if matches!(b, b',' | b']' | b'}' | b'[' | b'{' | b'"') || is_space(b) {
                        self.end_record(at, emit);
                        // the delimiter is read again between records
                    } else {
                        i += 1;
                    }
                }
                State::Start => {
                    let b = chunk[i];
                    // a UTF-8 byte-order mark (Windows editors write one) is not part of the JSON
                    if self.bom < 3 && at == self.bom as u64 && b == [0xef, 0xbb, 0xbf][self.bom] {
                        self.bom += 1;
                        i += 1;
                        continue;
                    }
                    if self.bom > 0 && self.bom < 3 {
                        return Err(SplitError {
                            at,
                            what: "the input starts with a broken byte-order mark",
                        });
                    }
                    i += 1;
                    if is_space(b) {
                        continue;
                    }
                    if b == b'[' {
                        self.shape = Some(Shape::Array);
                        self.state = State::Between {
                            expect: true,
                            first: true,
                        };
                    } else {
                        self.shape = Some(Shape::Lines);
                        self.state = State::Between {
                            expect: true,
                            first: true,
                        };
                        i -= 1;
                    }
                }
                State::Between { expect, first } => {
                    let b = chunk[i];
                    if is_space(b) {
                        i += 1;
                        continue;
                    }
                    let array = self.shape == Some(Shape::Array);
                    match b {
                        b',' if array && !expect => {
                            self.state = State::Between {
                                expect: true,
                                first: false,
                            };
                            i += 1;
                        }
                        b']' if array && (!expect || first) => {
                            self.state = State::After;
                            i += 1;
                        }
                        b',' if array => {
                            return Err(SplitError {
                                at,
                                what: "expected a member, found ','",
                            })
                        }
                        b']' if array => {
                            return Err(SplitError {
                                at,
                                what: "a comma before ']' with no member after it",
                            })
                        }
                        _ if array && !expect => {
                            return Err(SplitError {
                                at,
                                what: "expected ',' or ']' after a member",
                            })
                        }
                        b']' | b'}' | b',' => {
                            return Err(SplitError {
                                at,
                                what: "expected a member, found a closing bracket or a comma",
                            })
                        }
                        _ => {
                            i += 1;
                            self.begin_record(b, at)?;
                        }
                    }
                }
                State::After => {
                    let b = chunk[i];
                    i += 1;
                    if !is_space(b) {
                        return Err(SplitError {
                            at,
                            what: "text after the end of the array",
                        });
                    }
                }
            }
        }
        self.pos += chunk.len() as u64;
        Ok(())
    }

    /// Ends the input: the last record, if it is a scalar, or an error when the batch stops short.
    pub fn finish(&mut self, emit: &mut dyn FnMut(Span)) -> Result<(), SplitError> {
        let at = self.pos;
        match self.state {
            State::Start => Err(SplitError {
                at,
                what: "the input is empty: expected a JSON array of members or NDJSON",
            }),
            State::Scalar => {
                if self.shape == Some(Shape::Array) {
                    return Err(SplitError {
                        at,
                        what: "the array is not closed: the input ends before its ']'",
                    });
                }
                self.end_record(at, emit);
                Ok(())
            }
            State::Str { .. } | State::ScalarStr { .. } => Err(SplitError {
                at,
                what: "a string is not closed: the input ends inside it",
            }),
            State::Container => Err(SplitError {
                at,
                what: "the last member is cut off: the input ends before its closing bracket",
            }),
            State::Between { .. } if self.shape == Some(Shape::Array) => Err(SplitError {
                at,
                what: "the array is not closed: the input ends before its ']'",
            }),
            State::Between { .. } | State::After => Ok(()),
        }
    }

    /// Ends a run of records read on its own ([`Splitter::at_record`]) that stops right after its last record:
    /// a scalar record there (`42`) is ended by the byte after it, which the run does not include.
    pub fn end_run(&mut self, emit: &mut dyn FnMut(Span)) {
        if self.state == State::Scalar {
            self.end_record(self.pos, emit);
        }
    }

    fn begin_record(&mut self, b: u8, at: u64) -> Result<(), SplitError> {
        self.start = at;
        self.id = None;
        self.capture = Capture::None;
        self.after_id_key = false;
        match b {
            b'{' | b'[' => {
                self.stack.clear();
                self.stack.push(b);
                self.depth = 1;
                self.expect_key = b == b'{';
                self.state = State::Container;
            }
            b'"' => self.state = State::ScalarStr { escaped: false },
            _ => self.state = State::Scalar,
        }
        Ok(())
    }

    fn container_byte(
        &mut self,
        b: u8,
        at: u64,
        emit: &mut dyn FnMut(Span),
    ) -> Result<(), SplitError> {
        let own_object = self.depth == 1 && self.stack.first() == Some(&b'{');
        match b {
            b'"' => {
                self.capture = if own_object && self.expect_key {
                    Capture::Key
                } else if own_object && self.after_id_key && self.id.is_none() {
                    Capture::Id
                } else {
                    Capture::None
                };
                if own_object && !self.expect_key {
                    self.after_id_key = false;
                }
                self.buf.clear();
                self.buf_escaped = false;
                self.state = State::Str { escaped: false };
            }
            b'{' | b'[' => {
                if own_object {
                    self.after_id_key = false;
                }
                if self.depth < MAX_CHECKED_DEPTH {
                    self.stack.push(b);
                }
                self.depth += 1;
            }
            b'}' | b']' => {
                if self.depth <= MAX_CHECKED_DEPTH {
                    let open = self.stack.pop();
                    let matches = matches!((open, b), (Some(b'{'), b'}') | (Some(b'['), b']'));
                    if !matches {
                        return Err(SplitError {
                            at,
                            what: "a closing bracket that does not match the one it closes",
                        });
                    }
                }
                self.depth -= 1;
                if self.depth == 0 {
                    self.end_record(at + 1, emit);
                }
            }
            b',' if own_object => {
                self.expect_key = true;
                self.after_id_key = false;
            }
            b':' if own_object => self.expect_key = false,
            _ => {
                if own_object && !is_space(b) {
                    self.after_id_key = false;
                }
            }
        }
        Ok(())
    }

    /// Reads on from byte `i` of `chunk` inside a record nested at least `floor` deep (two: where no id can
    /// be), until the chunk ends or the nesting is back under `floor`; returns where it stopped. Most of a
    /// member's bytes (visits, instalments) pass through here: 64 at a time where the block reader is built
    /// ([`crate::scan`]), byte by byte through a block with an escape in it, and everywhere else.
    fn skim(&mut self, chunk: &[u8], mut i: usize, floor: usize) -> Result<usize, SplitError> {
        let (mut in_str, mut escaped) = match self.state {
            State::Str { escaped } => (true, escaped),
            _ => (false, false),
        };
        let mut depth = self.depth;
        let mut out = false;
        while i < chunk.len() && !out {
            #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
            if self.blocks && !escaped {
                let block = chunk.get(i..i.saturating_add(64));
                if let Some(block) = block.and_then(|b| <&[u8; 64]>::try_from(b).ok()) {
                    use crate::scan::{read_block, Block};
                    let stack = &mut self.stack;
                    match read_block(
                        block,
                        &mut in_str,
                        &mut depth,
                        stack,
                        floor,
                        MAX_CHECKED_DEPTH,
                    ) {
                        Block::Read => {
                            i += 64;
                            continue;
                        }
                        Block::Out { at } => {
                            i += at;
                            break;
                        }
                        Block::Mismatch { at } => {
                            return Err(SplitError {
                                at: self.pos + (i + at) as u64,
                                what: "a closing bracket that does not match the one it closes",
                            })
                        }
                        Block::Escapes => {}
                    }
                }
            }
            // byte by byte: to the end of this block where blocks are read, else to the end of the chunk
            let end = if cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) && self.blocks {
                chunk.len().min(i.saturating_add(64))
            } else {
                chunk.len()
            };
            let part = chunk.get(..end).unwrap_or_default();
            (i, out) = self.skim_bytes(part, i, &mut in_str, &mut escaped, &mut depth, floor)?;
        }
        self.depth = depth;
        self.state = if in_str {
            State::Str { escaped }
        } else {
            State::Container
        };
        Ok(i)
    }

    /// [`Splitter::skim`] byte by byte over `part` from byte `i`: where it stopped, and whether the nesting fell
    /// under `floor` there. Locals in registers and one byte per step.
    fn skim_bytes(
        &mut self,
        part: &[u8],
        mut i: usize,
        in_str: &mut bool,
        escaped: &mut bool,
        depth: &mut usize,
        floor: usize,
    ) -> Result<(usize, bool), SplitError> {
        let (mut in_s, mut esc, mut d) = (*in_str, *escaped, *depth);
        let mut out = false;
        while let Some(&b) = part.get(i) {
            if in_s && !esc {
                // eight bytes at a time to the next quote or backslash
                i += quiet_bytes(part.get(i..).unwrap_or_default());
                let Some(&b) = part.get(i) else { break };
                i += 1;
                if b == b'\\' {
                    esc = true;
                } else {
                    in_s = false;
                }
                continue;
            }
            i += 1;
            if in_s {
                esc = false;
                continue;
            }
            match b {
                b'"' => in_s = true,
                b'{' | b'[' => {
                    if d < MAX_CHECKED_DEPTH {
                        self.stack.push(b);
                    }
                    d += 1;
                }
                b'}' | b']' => {
                    if d <= MAX_CHECKED_DEPTH {
                        let open = self.stack.pop();
                        if !matches!((open, b), (Some(b'{'), b'}') | (Some(b'['), b']')) {
                            return Err(SplitError {
                                at: self.pos + i as u64 - 1,
                                what: "a closing bracket that does not match the one it closes",
                            });
                        }
                    }
                    d -= 1;
                    if d < floor {
                        out = true;
                        break;
                    }
                }
                _ => {}
            }
        }
        (*in_str, *escaped, *depth) = (in_s, esc, d);
        Ok((i, out))
    }

    fn set_str(&mut self, scalar: bool, escaped: bool) {
        self.state = if scalar {
            State::ScalarStr { escaped }
        } else {
            State::Str { escaped }
        };
    }

    fn push_captured(&mut self, b: u8) {
        if self.capture != Capture::None && self.buf.len() < MAX_ID_BYTES {
            self.buf.push(b);
        }
    }

    fn extend_captured(&mut self, bytes: &[u8]) {
        if self.capture != Capture::None && self.buf.len() < MAX_ID_BYTES {
            self.buf.extend_from_slice(bytes);
        }
    }

    /// A string of a container record has closed: if it was a key of the record's own object, remember
    /// whether it was `"id"`; if it was the id, keep it.
    fn string_closed(&mut self) {
        match self.capture {
            Capture::Key => self.after_id_key = self.unescaped().as_deref() == Some("id"),
            Capture::Id => {
                self.id = self.unescaped();
                self.after_id_key = false;
            }
            Capture::None => {}
        }
        self.capture = Capture::None;
    }

    fn unescaped(&self) -> Option<String> {
        if self.buf.len() >= MAX_ID_BYTES {
            return None;
        }
        if !self.buf_escaped {
            return std::str::from_utf8(&self.buf).ok().map(str::to_owned);
        }
        let mut quoted = Vec::with_capacity(self.buf.len() + 2);
        quoted.push(b'"');
        quoted.extend_from_slice(&self.buf);
        quoted.push(b'"');
        // read as text (the reader every other JSON in the engine is read with): a second reader, over bytes,
        // would be a second copy of serde_json's parser in the WebAssembly module; invalid UTF-8 fails either way
        std::str::from_utf8(&quoted)
            .ok()
            .and_then(|text| serde_json::from_str::<String>(text).ok())
    }

    fn end_record(&mut self, end: u64, emit: &mut dyn FnMut(Span)) {
        self.record += 1;
        emit(Span {
            record: self.record,
            start: self.start,
            end,
            id: self.id.take(),
        });
        self.state = State::Between {
            expect: false,
            first: false,
        };
        if self.shape == Some(Shape::Lines) {
            self.state = State::Between {
                expect: true,
                first: false,
            };
        }
    }
}

/// How many bytes at the start of `bytes` are neither a quote nor a backslash: inside a string, how far it
/// goes before anything that matters. Eight bytes per step (SWAR), then byte by byte.
fn quiet_bytes(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGHS
    };
    let mut n = 0;
    for word in bytes.chunks_exact(8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let x = u64::from_le_bytes(w);
        let found = has(x, b'"') | has(x, b'\\');
        if found != 0 {
            return n + (found.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes
        .get(n..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| b != b'"' && b != b'\\')
        .count()
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

/// The line and column (from 1) of byte `at` of `input`, for an error message.
pub fn line_column(input: &[u8], at: u64) -> (usize, usize) {
    let at = usize::try_from(at).unwrap_or(usize::MAX).min(input.len());
    let before = input.get(..at).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column)
}

/// Splits a whole input held in memory.
pub fn split_all(input: &[u8]) -> Result<(Shape, Vec<Span>), SplitError> {
    let mut s = Splitter::new();
    let mut spans = Vec::new();
    s.feed(input, &mut |span| spans.push(span))?;
    s.finish(&mut |span| spans.push(span))?;
    Ok((s.shape().unwrap_or(Shape::Lines), spans))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Result<Vec<(String, Option<String>)>, SplitError> {
        let (_, spans) = split_all(input.as_bytes())?;
        Ok(spans
            .iter()
            .map(|s| {
                (
                    input[s.start as usize..s.end as usize].to_string(),
                    s.id.clone(),
                )
            })
            .collect())
    }

    #[test]
    fn an_array_is_split_into_its_records_with_their_ids() {
        let got = texts(r#" [ {"id":"M-1","x":{"id":"no"}} , {"a":[1,{"id":"deep"}],"id" : "M\u002d2"},42,"s",[1] ] "#)
            .unwrap();
        let want: Vec<(String, Option<String>)> = vec![
            (r#"{"id":"M-1","x":{"id":"no"}}"#.into(), Some("M-1".into())),
            (
                r#"{"a":[1,{"id":"deep"}],"id" : "M\u002d2"}"#.into(),
                Some("M-2".into()),
            ),
            ("42".into(), None),
            (r#""s""#.into(), None),
            ("[1]".into(), None),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn ndjson_is_split_by_value() {
        let input = "{\"id\":\"A\"}\n\n{\"id\":\"B\",\n \"v\":\"}\\\"{\"}\r\n7\n";
        let got = texts(input).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].1.as_deref(), Some("B"));
        assert_eq!(got[2].0, "7");
        assert_eq!(split_all(input.as_bytes()).unwrap().0, Shape::Lines);
    }

    #[test]
    fn any_chunking_gives_the_same_records() {
        let input = "\u{feff}[{\"id\":\"M-1\",\"s\":\"a\\\"]}\"},{\"id\":\"M\\\"2\"},null,  {\"k\":[[{}]]}]";
        let whole = split_all(input.as_bytes()).unwrap();
        for size in 1..8 {
            let mut s = Splitter::new();
            let mut spans = Vec::new();
            for chunk in input.as_bytes().chunks(size) {
                s.feed(chunk, &mut |x| spans.push(x)).unwrap();
            }
            s.finish(&mut |x| spans.push(x)).unwrap();
            assert_eq!(spans, whole.1, "chunks of {size}");
        }
        assert_eq!(whole.1[1].id.as_deref(), Some("M\"2"));
    }

    #[test]
    fn a_broken_structure_names_its_byte() {
        for (input, at) in [
            ("[{\"id\":1},,{}]", 10),
            ("[{},]", 4),
            ("[{} {}]", 4),
            ("[{\"a\":[1}]", 8),
            ("[{}] x", 5),
            ("[{\"a\":\"b", 8),
            ("[{}", 3),
            ("   ", 3),
        ] {
            let e = split_all(input.as_bytes()).unwrap_err();
            assert_eq!(e.at, at, "{input}: {e}");
        }
        assert_eq!(split_all(b"[]").unwrap().1, vec![]);
    }

    #[test]
    fn quiet_bytes_stop_at_the_first_quote_or_backslash() {
        for text in [
            "",
            "abc",
            "abcdefgh\"",
            "2026-11-20\",",
            "a\\\"",
            "\"",
            "abcdefghijklmnop\\x",
        ] {
            let want = text
                .bytes()
                .take_while(|&b| b != b'"' && b != b'\\')
                .count();
            assert_eq!(quiet_bytes(text.as_bytes()), want, "{text}");
        }
        // a byte with the high bit set (UTF-8) next to a quote must not hide it
        assert_eq!(quiet_bytes("æøå\"xyz".as_bytes()), 6);
    }

    #[test]
    fn a_second_splitter_from_a_record_start_finds_the_same_records() {
        let input = br#"[{"id":"A","s":"},{"},{"id":"B"}, {"id":"C","v":[1,{"id":"x"}]}]"#;
        let (_, spans) = split_all(input).unwrap();
        // B starts at a real record boundary; the "},{" inside A's string is not one
        let b = spans[1].start;
        let mut first = Splitter::new();
        first.feed(&input[..b as usize], &mut |_| {}).unwrap();
        assert!(first.about_to_read_a_record());
        let mut second = Splitter::at_record(Shape::Array, b);
        let mut got = Vec::new();
        second
            .feed(&input[b as usize..], &mut |x| got.push(x))
            .unwrap();
        second.finish(&mut |x| got.push(x)).unwrap();
        let renumbered: Vec<Span> = got
            .into_iter()
            .map(|mut x| {
                x.record += 1;
                x
            })
            .collect();
        assert_eq!(renumbered, spans[1..].to_vec());
        // inside A's string: a scan from the start is not between records there
        let inside = input.windows(3).position(|w| w == b"},{").unwrap() + 2;
        let mut first = Splitter::new();
        first.feed(&input[..inside], &mut |_| {}).unwrap();
        assert!(!first.about_to_read_a_record());
    }

    #[test]
    fn without_ids_the_same_records_are_found_in_any_chunking() {
        let input = "\u{feff}[{\"id\":\"M-1\",\"s\":\"a\\\"]}\"},{\"id\":\"M\\\"2\",\"v\":[{\"a\":\"}\"}]},null,  {\"k\":[[{}]]},\"s\",7]";
        let (_, whole) = split_all(input.as_bytes()).unwrap();
        let want: Vec<(usize, u64, u64)> =
            whole.iter().map(|x| (x.record, x.start, x.end)).collect();
        for size in 1..9 {
            let mut s = Splitter::new().without_ids();
            let mut spans = Vec::new();
            for chunk in input.as_bytes().chunks(size) {
                s.feed(chunk, &mut |x| spans.push(x)).unwrap();
            }
            s.finish(&mut |x| spans.push(x)).unwrap();
            assert!(spans.iter().all(|x| x.id.is_none()));
            let got: Vec<(usize, u64, u64)> =
                spans.iter().map(|x| (x.record, x.start, x.end)).collect();
            assert_eq!(got, want, "chunks of {size}");
        }
        // a broken bracket is still found
        let e = Splitter::new()
            .without_ids()
            .feed(b"[{\"a\":[1}]", &mut |_| {});
        assert_eq!(e.map_err(|e| e.at), Err(8));
    }

    #[test]
    fn a_run_read_on_its_own_ends_with_its_last_record() {
        // records 2..=3 of `[{"id":"A"},{"b":1},42,{"c":2}]`, without the byte after them
        let input = br#"[{"id":"A"},{"b":1},42,{"c":2}]"#;
        let (_, spans) = split_all(input).unwrap();
        let (from, to) = (spans[1].start, spans[2].end);
        let mut s = Splitter::at_record(Shape::Array, from).without_ids();
        let mut got = Vec::new();
        s.feed(&input[from as usize..to as usize], &mut |x| got.push(x))
            .unwrap();
        assert_eq!(got.len(), 1, "42 needs the byte after it, or the run's end");
        s.end_run(&mut |x| got.push(x));
        let ends: Vec<(u64, u64)> = got.iter().map(|x| (x.start, x.end)).collect();
        assert_eq!(
            ends,
            [
                (spans[1].start, spans[1].end),
                (spans[2].start, spans[2].end)
            ]
        );
    }

    /// The longest id validation accepts, written as long as it can be (every character a surrogate pair
    /// escape), is captured whole: the streamed duplicate-id rule needs every id a record is read with.
    #[test]
    fn every_id_validation_accepts_is_captured() {
        let id = "\u{1F600}".repeat(crate::validate::MAX_ID_CHARS);
        let written = "\\ud83d\\ude00".repeat(crate::validate::MAX_ID_CHARS);
        assert_eq!(written.len(), 12 * crate::validate::MAX_ID_CHARS);
        assert!(written.len() < MAX_ID_BYTES);
        let input = format!(r#"[{{"id":"{written}","joinedOn":"2025-01-01"}}]"#);
        let (_, spans) = split_all(input.as_bytes()).unwrap();
        assert_eq!(spans[0].id.as_deref(), Some(id.as_str()));
        let text = &input[spans[0].start as usize..spans[0].end as usize];
        let read = crate::parse::parse_one(text, 1).map(|m| m.id);
        assert_eq!(read.ok().as_deref(), Some(id.as_str()));
        // one longer than that is not (and validation refuses it anyway)
        let long = format!(r#"{{"id":"{}"}}"#, "x".repeat(MAX_ID_BYTES));
        assert_eq!(split_all(long.as_bytes()).unwrap().1[0].id, None);
    }

    /// The splitter with the block reader ([`crate::scan`]) and without it finds the same records, ids and
    /// errors, for any input cut into any chunks: random text over the bytes that matter to it (brackets,
    /// quotes, escapes, commas, white space), long enough for many blocks, and the sample gym's own records.
    mod blocks {
        use super::super::*;
        use proptest::prelude::*;

        fn split(
            input: &[u8],
            chunk: usize,
            ids: bool,
            blocks: bool,
        ) -> Result<Vec<Span>, SplitError> {
            let mut s = Splitter::new();
            s.ids = ids;
            s.blocks = blocks;
            let mut spans = Vec::new();
            for part in input.chunks(chunk.max(1)) {
                s.feed(part, &mut |x| spans.push(x))?;
            }
            s.finish(&mut |x| spans.push(x))?;
            Ok(spans)
        }

        fn same(input: &[u8], chunk: usize) {
            for ids in [true, false] {
                assert_eq!(
                    split(input, chunk, ids, true),
                    split(input, chunk, ids, false),
                    "{:?} in chunks of {chunk}",
                    String::from_utf8_lossy(input)
                );
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]
            #[test]
            fn with_and_without_blocks_agree(
                body in proptest::collection::vec(
                    prop_oneof![
                        Just(b'{'), Just(b'}'), Just(b'['), Just(b']'), Just(b'"'), Just(b'\\'),
                        Just(b','), Just(b':'), Just(b' '), Just(b'a'), Just(b'1'),
                    ],
                    0..700,
                ),
                chunk in prop_oneof![Just(usize::MAX), 1usize..200],
            ) {
                // as a batch, and as the inside of one record (where the blocks are read)
                same(&body, chunk);
                let mut record = br#"[{"id":"M-1","x":["#.to_vec();
                record.extend_from_slice(&body);
                same(&record, chunk);
            }

            #[test]
            fn well_formed_records_agree(
                strings in proptest::collection::vec("[a-z\"\\\\{}\\[\\]]{0,90}", 1..40),
                chunk in prop_oneof![Just(usize::MAX), 1usize..200],
            ) {
                // strings with quotes, escapes and brackets in them, written as JSON writes them
                let values: Vec<String> = strings
                    .iter()
                    .map(|s| serde_json::to_string(s).unwrap_or_default())
                    .collect();
                let input = format!(
                    r#"[{{"id":{},"v":[{}]}},{{"id":"M-2","o":{{"k":[[{}]]}}}}]"#,
                    values[0],
                    values.join(","),
                    values.join("],[")
                );
                same(input.as_bytes(), chunk);
                prop_assert_eq!(split(input.as_bytes(), chunk, true, true).map(|s| s.len()).ok(), Some(2));
            }
        }

        #[test]
        fn the_sample_gym_splits_the_same() {
            let as_of = crate::dates::parse_as_of("2026-11-23").unwrap();
            let gym = restanse_sample::generate_json(300, 7, as_of);
            for chunk in [usize::MAX, 4096, 100, 63, 64, 65] {
                same(gym.as_bytes(), chunk);
            }
        }
    }

    #[test]
    fn line_and_column_are_counted_from_one() {
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_column(b"ab", 0), (1, 1));
    }
}
