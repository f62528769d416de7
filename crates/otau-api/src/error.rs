//! The one error every operation returns: a stable code (a Fluent message id), its arguments,
//! the fields it concerns and the likely duplicates it found. The UI decides what to do by the code
//! and translates it with the same `.ftl` files as the `otau` command line; it never matches
//! on text.

use std::collections::BTreeMap;

use otau_core::{Coded, FieldError};
use otau_store::{DuplicateHit, StoreError};
use serde::Serialize;
use ts_rs::TS;

/// The desktop shell's own error codes; each is a message in `assets/i18n/*/ui.ftl`.
pub mod code {
    /// No user is signed in (never signed in, signed out, or the app restarted).
    pub const SIGNED_OUT: &str = "desk-signed-out";
    /// The screen is locked: unlock it first.
    pub const LOCKED: &str = "desk-locked";
    /// This user has no key on this computer yet: the sign-in screen asks the office secret
    /// once (the store's code).
    pub const NEEDS_OFFICE_SECRET: &str = "vault-needs-office-secret";
    /// The database is encrypted and nobody has unlocked it (the store's code).
    pub const VAULT_LOCKED: &str = "vault-locked";
    /// No database path is known (no data folder and no `OTAU_DB`).
    pub const NO_DATABASE: &str = "desk-no-database";
    /// A date typed in a form is not a date.
    pub const DATE_FORMAT: &str = "desk-date-format";
    /// The session's state was damaged by a crash in another command.
    pub const INTERNAL: &str = "desk-internal";
    /// A command was called with arguments of the wrong shape (a bug of the caller).
    pub const BAD_ARGUMENTS: &str = "desk-bad-arguments";
    /// Every code above, for the test that they are all translated.
    #[cfg(test)]
    pub const ALL: [&str; 6] =
        [SIGNED_OUT, LOCKED, NO_DATABASE, DATE_FORMAT, INTERNAL, BAD_ARGUMENTS];
}

/// The error codes the UI decides on, with the names the generated `codes.ts` gives them: the
/// desk's own and the store's it classifies (an input refused by field, likely duplicates, a
/// taken IIN, a role's refusal, a record changed meanwhile).
pub fn ui_codes() -> Vec<(&'static str, &'static str)> {
    vec![
        ("SignedOut", code::SIGNED_OUT),
        ("Locked", code::LOCKED),
        ("NoDatabase", code::NO_DATABASE),
        ("DateFormat", code::DATE_FORMAT),
        ("Internal", code::INTERNAL),
        ("BadArguments", code::BAD_ARGUMENTS),
        ("Invalid", StoreError::Invalid(vec![]).code()),
        ("Duplicates", StoreError::Duplicates(vec![]).code()),
        ("IinTaken", StoreError::IinTaken { iin: String::new(), regno: String::new() }.code()),
        ("Forbidden", StoreError::Forbidden { role: String::new(), action: "" }.code()),
        ("UserInactive", StoreError::UserInactive { login: String::new() }.code()),
        (
            "SignInLocked",
            StoreError::SignInLocked { login: String::new(), until: chrono::DateTime::UNIX_EPOCH }
                .code(),
        ),
        (
            "VersionConflict",
            StoreError::VersionConflict { entity: "", id: String::new(), expected: 0, found: 0 }
                .code(),
        ),
    ]
}

/// Why a command failed, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    /// Stable code: the id of the message that explains it (`store-invalid`, `desk-locked`).
    pub code: String,
    /// A technical description for logs, in English; never shown instead of the translation.
    pub message: Option<String>,
    /// Arguments of the message.
    pub args: BTreeMap<String, String>,
    /// Problems with single fields (`members[1].iin`, `arrival_date`, `reason`), each with a
    /// code of its own; empty unless the input was refused.
    pub fields: Vec<FieldError>,
    /// Likely duplicates of people already registered, when the save was refused for them.
    pub duplicates: Vec<DuplicateHit>,
}

impl ApiError {
    /// An error with a bare code.
    pub fn coded(code: &str) -> ApiError {
        ApiError {
            code: code.to_owned(),
            message: None,
            args: BTreeMap::new(),
            fields: Vec::new(),
            duplicates: Vec::new(),
        }
    }

    /// The input was refused for these field problems (the store's `store-invalid`).
    pub fn invalid(fields: Vec<FieldError>) -> ApiError {
        ApiError::from(StoreError::Invalid(fields))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        let fields = error.field_errors().to_vec();
        let duplicates = match &error {
            StoreError::Duplicates(hits) => hits.clone(),
            _ => Vec::new(),
        };
        ApiError {
            code: error.code().to_owned(),
            message: Some(error.to_string()),
            args: error.args(),
            fields,
            duplicates,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.message {
            Some(message) => write!(f, "{}: {message}", self.code),
            None => f.write_str(&self.code),
        }
    }
}

impl std::error::Error for ApiError {}

/// Result of a command.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use otau_store::DuplicateReason;

    #[test]
    fn a_refused_input_carries_its_field_errors() {
        let error = ApiError::from(StoreError::Invalid(vec![FieldError::bare(
            "members[1].iin",
            "iin-length",
        )
        .with_arg("found", 11)]));
        let json = serde_json::to_value(&error).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({
                "code": "store-invalid",
                "message": error.message,
                "args": { "count": "1" },
                "fields": [{ "field": "members[1].iin", "code": "iin-length", "args": { "found": "11" } }],
                "duplicates": [],
            }))
        );
    }

    #[test]
    fn duplicates_cross_with_the_records_they_match() {
        let hit = DuplicateHit {
            member_index: 0,
            existing_regno: "PVL01-2026-00001".into(),
            existing_name: "Сейітқали Нұрсұлтан".into(),
            existing_birth_date: NaiveDate::from_ymd_opt(1985, 4, 12).unwrap_or_default(),
            reason: DuplicateReason::SameNameAndBirthDate,
        };
        let error = ApiError::from(StoreError::Duplicates(vec![hit.clone()]));
        assert_eq!(error.code, "store-duplicates");
        assert_eq!(error.duplicates, vec![hit]);
        assert_eq!(error.args.get("count").map(String::as_str), Some("1"));
    }

    #[test]
    fn a_conflict_keeps_its_code_and_arguments() {
        let error = ApiError::from(StoreError::VersionConflict {
            entity: "person",
            id: "x".into(),
            expected: 1,
            found: 2,
        });
        assert_eq!(error.code, "store-version-conflict");
        assert_eq!(error.args.get("found").map(String::as_str), Some("2"));
        assert!(error.fields.is_empty());
    }

    #[test]
    fn every_code_of_the_shell_is_translated() {
        for lang in otau_i18n::Lang::ALL {
            for code in code::ALL {
                assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
            }
            // Codes the store returns that the shell shows.
            for code in ["store-reason-required", "field-reason"] {
                assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
            }
        }
    }
}
