//! Otau's application API: one typed operation per thing a user does, called by every face —
//! the desktop app's commands (`src-tauri` only registers [`commands::dispatch`]), the `otau`
//! command line (which only parses its arguments into the same requests) and the tests.
//!
//! # Design
//! - **Requests in, answers out.** A form as the desktop holds it (every field as typed) or a
//!   request the command line parsed is read here into the library's inputs; the answers are
//!   the store's views, or screens of them with money and dates already formatted by
//!   `otau-core`, so no face computes or formats anything of its own.
//! - **The clock is read at the edge**: the shell and the command line read it once per command
//!   and pass it in as [`Now`]; [`desk::Desk`] turns it into the store's `Context` with the
//!   signed-in user.
//! - **Errors keep their codes**: [`error::ApiError`] carries a stable code, its arguments, the
//!   fields it concerns and the likely duplicates found; translation happens once, where the
//!   error is shown.
//! - **Types are written once**: the TypeScript of every command's name, arguments and answer
//!   is generated from this crate ([`commands`], `src/bindings.rs`) and a test fails when the
//!   committed files are stale.
//!
//! **API boundary**: [`commands::dispatch`] and the command table, with their JSON (snake_case
//! arguments and fields); the operations of [`documents`] and [`subsidy`] the command line
//! shares.
#![deny(missing_docs)]

pub mod backups;
pub mod casework;
pub mod commands;
pub mod consent;
pub mod crossing;
pub mod desk;
pub mod documents;
pub mod error;
pub mod form;
pub mod history;
pub mod import;
pub mod office_settings;
pub mod packets;
pub mod scans;
pub mod settings;
pub mod subsidy;
pub mod sync;
pub mod users;
pub mod words;

#[cfg(test)]
mod access_tests;
#[cfg(test)]
mod admin_tests;
#[cfg(test)]
mod bindings;
#[cfg(test)]
mod consent_tests;
#[cfg(test)]
mod lock_tests;
#[cfg(test)]
mod office_settings_tests;
#[cfg(test)]
mod produce_tests;
#[cfg(test)]
mod rest_tests;
#[cfg(test)]
mod scans_tests;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod vault_tests;

pub use desk::Desk;
pub use error::{ApiError, ApiResult};

use chrono::{DateTime, NaiveDate, Utc};

/// The moment and the date of one command, read from the clock once, at the edge (the desktop
/// shell, the command line), and passed into every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// The moment, for the audit.
    pub at: DateTime<Utc>,
    /// Today's date where the office is: the date of the law.
    pub today: NaiveDate,
}
