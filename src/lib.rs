//! restanse (skeleton; the core modules are being written).
#![forbid(unsafe_code)]
pub mod codes;
pub mod dates;
pub mod input;
pub mod money;
pub mod nets;
pub mod output;
pub mod policy;
pub mod visits;
