//! Subsidies in the store: decisions and their instalments, the append-only payment ledger,
//! the actions on them (prepare, approve, pay, reverse, move away), the views managers work
//! from, recalculations, and the reference data they are computed with (rules, MCI rows).
//!
//! **Architecture Invariant**: the rules are pure functions of `otau_core::subsidy`; this area
//! gathers their facts inside the write transaction, calls them, and writes what they decided
//! through [`crate::write::Change::insert`]. Decisions, instalments and ledger entries are never
//! changed afterwards: a correction is a reversal plus a new entry.
//!
//! The modules form layers, each using only those above it: [`ledger`] (entries and their
//! totals), [`reference`](mod@reference) and [`mci`] (rules and MCI rows), [`decisions`] (decisions,
//! instalments and their views), then [`actions`], [`views`] and [`recalc`].
//!
//! **API boundary**: the `Store` methods of [`actions`], [`views`], [`recalc`] and
//! [`reference`](mod@reference); every view is a serialisable struct with money as integers of tiyn.

pub mod actions;
pub mod decisions;
mod four_eyes;
pub mod ledger;
pub mod mci;
pub mod recalc;
pub mod reference;
pub mod views;

pub use actions::{ActionDone, CancelledInstalment};
pub use actions::{DecisionPreview, EligibilityReport, MoveAwayDone, PrepareRequest};
pub use decisions::{DecisionView, InstalmentView};
pub use ledger::EntryView;
pub use recalc::{InstalmentRef, RecalcList, RecalcProposal, RecalcSelection};
pub use views::{AwaitingView, DueView, LineItem, PaidView, StatementView, TotalsView};
