//! Bank business days (being written).
