//! The office device's sync with the centre, end to end: enrolment, then each sync — plan,
//! restores, push, pull, reference data, blocks of numbers — with the store and the client
//! together. The rules live elsewhere: what a sync does next is `otau_sync::plan` (pure), how
//! events merge is the centre's verdict (`otau_sync::merge`), and applying it is the store's.
//!
//! **API boundary**: the `otau sync …` commands and the desktop app call [`enrol()`],
//! [`join()`] and [`sync()`] (or [`sync_with()`], its pages set), and [`packet`] for a device
//! with no line.
#![deny(missing_docs)]

mod enrol;
mod error;
pub mod packet;
mod run;

pub use enrol::{enrol, join, Enrolment, JoinRequest};
pub use error::{DeviceError, Result};
pub use run::{
    sync, sync_with, Restore, SyncOptions, SyncProgress, SyncReport, SyncStage, PUSH_BYTES,
};
