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
//! * [`parse`] reads a batch record by record, so one bad record never spoils the rest;
//! * [`validate`] checks what types cannot (dates in order, unique ids, no negative money);
//! * [`derive`] computes the facts: overdue instalments, mandate, attendance outside holds, binding;
//! * [`signals`], [`risk`] and [`actions`] turn facts into flags, a score and a dated ladder;
//! * [`report`] summarises a portfolio; [`sample`] makes a realistic synthetic gym.
//! * before parsing's output is validated, [`events`] applies a membership system's change feed and
//!   [`settlement`] applies Nets files (AvtaleGiro agreements, OCR Giro payments) read by [`nets`].
//!
//! The core never reads the clock, a file or a random source: `as_of` is always an argument.
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

pub mod actions;
pub mod claims;
pub mod codes;
pub mod csv_input;
pub mod csv_voice;
pub mod dates;
pub mod derive;
pub mod engine;
pub mod events;
pub mod history;
pub mod i18n;
pub mod input;
pub mod json_fields;
pub mod jsonpath;
pub mod law;
pub mod member;
pub mod model;
pub mod money;
pub mod next_step;
pub mod order;
pub mod output;
pub mod parse;
pub mod policy;
pub mod report;
pub mod risk;
pub mod settlement;
pub mod signals;
pub mod validate;
pub mod visits;
pub mod voice;
pub mod worklist;

#[cfg(test)]
mod per_member_tests;

pub use restanse_nets as nets;

pub use codes::{ActionCode, Band, Channel, Severity, SignalCode};
pub use engine::{Engine, Run};
pub use input::MemberInput;
pub use output::{AssessOutput, Assessment, Rejection};
pub use parse::{parse_batch, InputError};
pub use policy::{Lang, Policy, PolicyError};
pub use report::Report;
