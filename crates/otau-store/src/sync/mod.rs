//! The device's side of sync, as far as its database goes: what it knows of the centre, the
//! events it sends, applying what it receives, its blocks of numbers, conflicts and review cases.
//! No network here: the sync client (`otau-sync`) drives these calls.
//!
//! **Architecture Invariant**: a page of pulled events and the cursor after it are applied in
//! one transaction, and an event id is never applied twice, so a sync killed at any point
//! resumes without losing or doubling anything.

pub mod apply;
pub mod cases;
pub mod crossing;
mod device;
pub(crate) mod entities;
mod packets;
pub mod payments;
mod resolve;
pub mod wire;

mod reference;

pub use apply::ApplyReport;
pub use cases::{ConflictRec, ReviewCaseRec};
pub use device::{Enrolment, SyncState, SyncStatus};
pub use resolve::{CaseDecision, ConflictChoice, ConflictView, ReviewCaseView, Side, TYPED_FIELDS};
pub use wire::*;
