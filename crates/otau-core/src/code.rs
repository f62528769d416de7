//! Stable error codes: how an error crosses the IPC boundary and the CLI's JSON.
//!
//! Every error a user can see has a code (a Fluent message id such as `iin-check-digit`) and
//! named arguments. Translation into kk/ru/en happens once, at the edge (`otau-i18n`), never here.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An error that can be shown to a person: a stable code and the arguments its message needs.
pub trait Coded {
    /// The stable code, also the id of the message in the `.ftl` files.
    fn code(&self) -> &'static str;
    /// Named arguments of the message (field values, limits); empty by default.
    fn args(&self) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
}

/// One thing wrong with one field of an input, with what to fix.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Path of the field in the input, e.g. `members[1].iin` or `arrival_date`.
    pub field: String,
    /// Stable code of the problem (a Fluent message id).
    pub code: String,
    /// Arguments of the message.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl FieldError {
    /// A field error from anything coded.
    pub fn new(field: impl Into<String>, err: &impl Coded) -> Self {
        FieldError { field: field.into(), code: err.code().to_string(), args: err.args() }
    }

    /// A field error with a bare code and no arguments.
    pub fn bare(field: impl Into<String>, code: &str) -> Self {
        FieldError { field: field.into(), code: code.to_string(), args: BTreeMap::new() }
    }

    /// The same error with its field under `path` (`consent.given_on` under `members[1]`).
    pub fn under(mut self, path: &str) -> Self {
        self.field = format!("{path}.{}", self.field);
        self
    }

    /// Adds an argument to the message.
    pub fn with_arg(mut self, name: &str, value: impl ToString) -> Self {
        self.args.insert(name.to_string(), value.to_string());
        self
    }
}
