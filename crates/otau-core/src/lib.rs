//! Otau's domain core: the rules of registering kandas families, as pure functions.
//!
//! **Architecture Invariant**: this crate does no I/O and never reads the clock or a random
//! source; dates and ids come in as arguments. Everything here can be called from the desktop
//! app, the `otau` command line and the centre alike.
#![deny(missing_docs)]

pub mod canonical;
pub mod casework;
pub mod code;
pub mod consent;
pub mod dates;
pub mod demo;
pub mod iin;
pub mod mci;
pub mod model;
pub mod money;
pub mod names;
pub mod note;
pub mod old_register;
pub mod password;
pub mod population;
pub mod regions;
pub mod regno;
pub mod reporting;
pub mod roles;
pub mod scan;
pub mod subsidy;
pub mod validate;

pub use code::{Coded, FieldError};
