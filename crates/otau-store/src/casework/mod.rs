//! Case work in the store: kandas statuses, the regional quota, the adaptation plan with its
//! services and stays, the settings an administrator edits, and the facts subsidies read.
//!
//! **API boundary**: the `Store` methods of [`status`], [`quota`], [`plan`] and [`settings`];
//! [`facts`] is the one place the subsidy code reads case work.

pub mod facts;
pub mod plan;
pub mod quota;
pub mod settings;
pub mod status;
