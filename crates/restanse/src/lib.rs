//! # restanse
//!
//! Finds gym members drifting towards unpaid fees and tells the front desk what to do about it, early and
//! politely. One pure core answers "which members are drifting towards unpaid fees, why, and what should we
//! do today?" for the CLI, the WebAssembly package and the demo page alike.
//!
//! The flow, one module per stage:
//!
//! ```text
//! JSON / CSV ──parse──▶ MemberInput ──validate──▶ Member ──derive──▶ Facts ──▶ signals ──▶ risk ──▶ actions
//!                 │                      │                                                      │
//!                 └──────── Rejection (record, field, why) ◀┘                  report ◀──────────┘
//! ```
//!
//! * `parse` reads a batch record by record, so one bad record never spoils the rest ([`parse_batch`]);
//! * `validate` checks what types cannot (dates in order, unique ids, no negative money);
//! * `derive` computes the facts, once per member: overdue instalments, mandate, attendance outside holds,
//!   binding, the visit summary;
//! * `signals`, `risk` and `actions` turn facts into flags, a score and a dated ladder;
//! * `report` summarises a portfolio and `worklist` ranks the day's work; [`Engine::run`] is the one pipeline
//!   through all of them.
//! * before parsing's output is validated, [`input::events`] applies a membership system's change feed and
//!   [`input::settlement`] applies Nets files (AvtaleGiro agreements, OCR Giro payments) read by [`nets`].
//!
//! The core never reads the clock, a file or a random source: `as_of` is always an argument.
//!
//! ## The public surface
//!
//! The stages are private modules, so the flow above is the crate's own business and rustc sees dead code.
//! What the faces (`restanse-cli`, `restanse-wasm`, `restanse-train`, `restanse-sample`) need is re-exported
//! here at the root — [`Engine`], [`Policy`], the codes, the contracts' main types — and in six modules, each a
//! contract or a self-contained model:
//!
//! * [`input`]: the input contract ([`MemberInput`] and its parts) and the ways in: JSON
//!   ([`input::parse_batch`]), the CSV export ([`input::read_tables`]), the change feed ([`input::events`]),
//!   Nets files ([`input::settlement`]), validation ([`input::validate_batch`]) and the day and money readers;
//! * [`output`]: the output contract ([`Assessment`], [`Rejection`]), the portfolio [`Report`], the day's
//!   [`output::Worklist`], and the day and money formats they print;
//! * [`policy`]: the settings, read from JSON and refused when unlawful, and the law's figures
//!   ([`policy::law`]);
//! * [`model`]: a gym's own risk model (model.json) and the labelled history it is fitted on
//!   ([`model::history`]); `restanse-train` fits it;
//! * [`visits`]: the BG/NBD family of visit models behind the `latent` evidence, usable on its own;
//! * [`nets`]: the Nets file formats, `restanse-nets` re-exported.
//!
//! `model` and `visits` are modules rather than root items because other crates use them as libraries of their
//! own: `restanse-train` fits a model and reads its metrics and tables, the CLI's and the WebAssembly module's
//! `visits` commands fit and predict visit models outside an assessment. Everything else a face needs is one
//! of the contracts, so it lives in `input`, `output` or `policy`, named as in `DESIGN.md`.
//!
//! ```
//! use restanse::{Engine, Policy, SignalCode, ActionCode};
//! let engine = Engine::new(Policy::default()).unwrap();
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! let out = engine.assess_json(r#"[{"id":"M-1","joinedOn":"2025-01-01","paymentMethod":"avtalegiro",
//!     "mandate":"active","visits":["2026-11-20"],
//!     "instalments":[{"id":"I-1","dueOn":"2026-11-01","amount":"549.00"}]}]"#, as_of).unwrap();
//! let member = &out.assessments[0];
//! assert_eq!(member.signals[0].code, SignalCode::UnpaidInstalments);
//! assert_eq!(member.signals[0].message, "1 unpaid instalment, 549,00 kr, oldest due 1 Nov 2026");
//! // 22 days overdue, no reminder sent yet: the ladder starts with a friendly SMS, today
//! assert_eq!(member.actions[0].code, ActionCode::SendSmsReminder);
//! ```
#![forbid(unsafe_code)]

// the stages and their helpers, in the order of the flow (each group a step); their imports form no cycle
// (tests/module_cycles.rs)
// the helpers every stage uses: paths to the offending value, field tables, JSON written by hand, days, money,
// the one sort
mod dates;
mod json_fields;
mod json_write;
mod jsonpath;
mod money;
mod order;

// the languages and the codes every stage speaks
mod codes;
mod i18n;

// parse: the input contract's readers, record by record; the change feed and Nets files applied before validation
mod csv_input;
mod events;
mod member_json;
mod parse;
mod settlement;
// (the splitter's inner loop in blocks of 64 bytes, where they are vector instructions)
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
mod scan;
mod split;
mod stream;

// validate: what types cannot check, giving a member
mod member;
mod validate;

// derive: each member's facts, once (claims under the law, the conversation so far; one instalment's facts,
// which claims and voice read)
mod claims;
mod derive;
mod instalment_facts;
mod law;
mod voice;

// signals, risk, actions: flags, a score and a dated ladder (voice_steps: what the member's voice changes
// in them)
mod actions;
mod next_step;
mod risk;
mod signals;
mod voice_steps;

// the portfolio: report and the day's worklist; the engine runs the whole flow
mod engine;
mod report;
mod worklist;
// a batch given as JSON text, read record by record as a streamed one is
mod text_batch;
// the outputs written as JSON by hand (over json_write), for the WebAssembly module
mod json_out;

// the labelled history a gym's risk model is fitted on (public as `model::history`)
mod history;

// the public surface: the contracts and the self-contained models (see above)
pub mod input;
pub mod model;
pub mod output;
pub mod policy;
pub mod visits;

#[cfg(test)]
mod per_member_tests;

pub use restanse_nets as nets;

pub use codes::{ActionCode, Band, Channel, Severity, SignalCode};
pub use engine::{Engine, Run, PROGRESS_EVERY};
pub use i18n::Lang;
pub use input::MemberInput;
pub use output::{AssessOutput, Assessment, Rejection};
pub use parse::{parse_batch, InputError};
pub use policy::{Policy, PolicyError};
pub use report::Report;
pub use signals::{latent_view, LatentView};
pub use stream::{Collector, IdHashes, Judged, Kept, Repeated, VisitSample};
