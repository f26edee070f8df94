//! The two error types: one for reading, one for writing.

/// Why a file was refused: the 1-based line, the field (as the specification names it) and the reason.
///
/// Displays as `line 3, amount: "00000000000010x00" is not a number`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, {field}: {reason}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// The field, e.g. `"record type"`, `"amount"`, `"number of records"`.
    pub field: &'static str,
    /// What is wrong, in words.
    pub reason: String,
}

impl ParseError {
    pub(crate) fn new(line: usize, field: &'static str, reason: impl Into<String>) -> ParseError {
        ParseError {
            line,
            field,
            reason: reason.into(),
        }
    }
}

/// Why a value could not be written: the field and the reason, and which transaction (if any).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{field}: {reason}", match .transaction_number { Some(n) => format!("transaction {n}, "), None => String::new() })]
pub struct WriteError {
    /// The transaction the value belongs to, if any.
    pub transaction_number: Option<u32>,
    /// The field, e.g. `"kid"`.
    pub field: &'static str,
    /// What is wrong, in words.
    pub reason: String,
}

impl WriteError {
    pub(crate) fn new(field: &'static str, reason: impl Into<String>) -> WriteError {
        WriteError {
            transaction_number: None,
            field,
            reason: reason.into(),
        }
    }

    pub(crate) fn in_transaction(mut self, n: u32) -> WriteError {
        self.transaction_number = Some(n);
        self
    }
}
