//! The command-line shell: each subcommand in its own module, thin over the library.
pub mod nets;
pub mod visits;
