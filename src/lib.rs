//! labcheck: checks AWS workshop labs against an account (live or simulated),
//! grades classes and runs exam drills.
//!
//! The pipeline, one module per stage, importing only forwards (a test in
//! `tests/cli/architecture.rs` keeps it so): `lab` (definitions, whose check
//! kinds come from the `checks` catalog) → `plan` (parameters filled, what to
//! read) → `account`, filled by `sim` or the live source `aws` → `engine`
//! (runs the `checks`, pure verdicts using `policy` for IAM evaluation) →
//! `report` (every rendering, from records and catalogs). `grade` runs a
//! class and journals the engine's records. `quiz` stands apart. `cli` and
//! `commands` wire them to the command line; nothing below `commands` prints.

pub mod account;
pub mod aws;
pub mod builtin;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod diag;
pub mod engine;
pub mod exit;
pub mod grade;
pub mod i18n;
pub mod lab;
pub mod lang;
pub mod plan;
pub mod policy;
pub mod quiz;
pub mod report;
pub mod serve;
pub mod sim;
