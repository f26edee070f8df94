//! The command-line shell: each subcommand in its own module, thin over the library. Reading files and
//! stdin, the clock (only for a missing `--as-of`), progress bars and tables live here, never in the core.
pub mod assess;
pub mod batch;
pub mod csv_out;
pub mod input;
pub mod nets;
pub mod policy;
pub mod predict;
pub mod sample;
pub mod train;
pub mod visits;
pub mod worklist;
