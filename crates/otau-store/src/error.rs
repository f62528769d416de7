//! The store's errors, each with a stable code that the edges translate.

use chrono::NaiveDate;
use otau_core::{Coded, FieldError};
use std::collections::BTreeMap;

/// A likely duplicate found before saving: which new member, which existing person, and why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DuplicateHit {
    /// Index of the member in the family being registered.
    pub member_index: usize,
    /// Registration number of the person already registered.
    pub existing_regno: String,
    /// That person's name as written.
    pub existing_name: String,
    /// That person's birth date.
    pub existing_birth_date: chrono::NaiveDate,
    /// Why they look like the same person.
    pub reason: DuplicateReason,
}

/// Why two records look like the same person.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The same IIN.
    SameIin,
    /// The same identity document number.
    SameDocument,
    /// The same name (any spelling) and the same birth date.
    SameNameAndBirthDate,
}

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed (disk, corruption, a bug): not the user's fault.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Migrating the schema failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// The database was written by a newer Otau.
    #[error("the database has schema version {found}; this Otau knows up to {supported}")]
    SchemaTooNew {
        /// The database's version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The database has no office yet.
    #[error("the database is not initialised")]
    NotInitialised,
    /// `init` on a database that already has an office.
    #[error("the database is already initialised for office {office}")]
    AlreadyInitialised {
        /// The office code it has.
        office: String,
    },
    /// The input has problems, each naming its field.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// Likely duplicates of people already registered.
    #[error("likely duplicates: {0:?}")]
    Duplicates(Vec<DuplicateHit>),
    /// An IIN that is already registered (never allowed twice).
    #[error("IIN {iin} is already registered as {regno}")]
    IinTaken {
        /// The IIN.
        iin: String,
        /// Who has it.
        regno: String,
    },
    /// Nothing with that key.
    #[error("{what} {key} not found")]
    NotFound {
        /// What was looked for (`person`, `family`, `user`).
        what: &'static str,
        /// The key.
        key: String,
    },
    /// Wrong login or password (deliberately not saying which).
    #[error("wrong login or password")]
    BadCredentials,
    /// The user was deactivated and may not sign in (said only to whoever knows the password).
    #[error("user {login} is deactivated")]
    UserInactive {
        /// The login.
        login: String,
    },
    /// The login is locked after failed sign-ins, until a moment.
    #[error("login {login} is locked until {until}")]
    SignInLocked {
        /// The login.
        login: String,
        /// When it may try again.
        until: chrono::DateTime<chrono::Utc>,
    },
    /// An administrator tried to deactivate themselves.
    #[error("an administrator cannot deactivate themselves")]
    DeactivateSelf,
    /// Deactivating this user would leave the office with no active administrator.
    #[error("{login} is the last active administrator")]
    LastAdministrator {
        /// The login.
        login: String,
    },
    /// The user's role may not do this.
    #[error("role {role} may not {action}")]
    Forbidden {
        /// The acting user's role.
        role: String,
        /// What was attempted.
        action: &'static str,
    },
    /// The login is taken.
    #[error("login {0} is taken")]
    LoginTaken(String),
    /// A record changed since it was read.
    #[error("{entity} {id} changed since it was read (version {expected}, now {found})")]
    VersionConflict {
        /// Entity name.
        entity: &'static str,
        /// Its id.
        id: String,
        /// The version the edit was based on.
        expected: i64,
        /// The version stored.
        found: i64,
    },
    /// The office has used every registration number of the year.
    #[error("registration numbers of {year} are used up")]
    SequenceExhausted {
        /// The year.
        year: i32,
    },
    /// A password could not be hashed or checked.
    #[error("password hashing failed: {0}")]
    Password(String),
    /// Stored data does not read back (a bug or a damaged database).
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// Issuing, voiding or checking a document, or closing a month, was refused or failed.
    #[error(transparent)]
    Document(#[from] crate::documents::DocumentError),
    /// A subsidy rule, decision or ledger action was refused.
    #[error(transparent)]
    Subsidy(otau_core::subsidy::SubsidyError),
    /// Something from the centre was refused, or sync cannot go on (its code says which).
    #[error("sync: {code}: {detail}")]
    Sync {
        /// The stable code (`sync-…`).
        code: &'static str,
        /// What it concerns.
        detail: String,
    },
    /// A backup or restore could not write, read, name or remove a file (a full disk, a folder
    /// that cannot be written to): what and why.
    #[error("file operation failed: {0}")]
    FileFailed(String),
    /// Long work (an import) was stopped by the person who started it; nothing was written.
    #[error("stopped before the end; nothing was saved")]
    Cancelled,
    /// The database is open elsewhere (the app, another `otau`): it cannot be replaced now.
    #[error("{path} is open in the app or another program")]
    DatabaseInUse {
        /// The database.
        path: String,
    },
    /// A backup that does not open, is damaged or truncated, or whose audit chain is broken.
    #[error("the backup {path} cannot be used: {detail}")]
    BackupDamaged {
        /// The backup file.
        path: String,
        /// What is wrong with it.
        detail: String,
    },
    /// A backup written by a newer Otau.
    #[error("the backup has schema version {found}; this Otau knows up to {supported}")]
    BackupTooNew {
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// A backup of another office (restored only when forced).
    #[error("the backup is of office {backup}, this database of office {here}")]
    BackupOtherOffice {
        /// The backup's office.
        backup: String,
        /// This database's office.
        here: String,
    },
    /// A copy just written does not hold what its source held: it is not kept.
    #[error("the copy holds {copy} {what} where the database held {source_count}")]
    BackupMismatch {
        /// What was counted.
        what: String,
        /// In the database.
        source_count: String,
        /// In the copy.
        copy: String,
    },
    /// A person's consent is withdrawn or lapsed: nothing beyond what the law requires is done
    /// with their data (no new document about them).
    #[error("the consent of {regno} is {} since {since}", if *withdrawn { "withdrawn" } else { "lapsed" })]
    ConsentNotInForce {
        /// The person's registration number.
        regno: String,
        /// The person's name.
        name: String,
        /// Withdrawn (else lapsed).
        withdrawn: bool,
        /// The day of the withdrawal, or the last day of the term.
        since: NaiveDate,
    },
    /// A withdrawal of a person with no consent in force to withdraw.
    #[error("{regno} has no consent to withdraw")]
    NothingToWithdraw {
        /// The person's registration number.
        regno: String,
    },
    /// The database is encrypted and locked, or the secret given does not open it.
    #[error(transparent)]
    Vault(#[from] crate::vault::VaultError),
    /// Every number of a series reserved for this device is used.
    #[error("no {series} numbers of {year} are left on this device")]
    NumbersExhausted {
        /// The series (`regno`, `document`, `decision`, `plan`).
        series: &'static str,
        /// The year.
        year: i32,
    },
}

impl StoreError {
    /// Field errors, when the input was invalid.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            StoreError::Invalid(errors) => errors,
            StoreError::Subsidy(e) => e.field_errors(),
            _ => &[],
        }
    }
}

impl Coded for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::Sqlite(_) => "store-database",
            StoreError::Migration(_) => "store-migration",
            StoreError::SchemaTooNew { .. } => "store-schema-too-new",
            StoreError::NotInitialised => "store-not-initialised",
            StoreError::AlreadyInitialised { .. } => "store-already-initialised",
            StoreError::Invalid(_) => "store-invalid",
            StoreError::Duplicates(_) => "store-duplicates",
            StoreError::IinTaken { .. } => "store-iin-taken",
            StoreError::NotFound { .. } => "store-not-found",
            StoreError::BadCredentials => "store-bad-credentials",
            StoreError::UserInactive { .. } => "store-user-inactive",
            StoreError::SignInLocked { .. } => "store-sign-in-locked",
            StoreError::DeactivateSelf => "store-deactivate-self",
            StoreError::LastAdministrator { .. } => "store-last-admin",
            StoreError::Forbidden { .. } => "store-forbidden",
            StoreError::LoginTaken(_) => "store-login-taken",
            StoreError::VersionConflict { .. } => "store-version-conflict",
            StoreError::SequenceExhausted { .. } => "store-sequence-exhausted",
            StoreError::Password(_) => "store-password",
            StoreError::Corrupt(_) => "store-corrupt",
            StoreError::Document(e) => e.code(),
            StoreError::Subsidy(e) => e.code(),
            StoreError::Sync { code, .. } => code,
            StoreError::NumbersExhausted { .. } => "store-numbers-exhausted",
            StoreError::FileFailed(_) => "store-file-failed",
            StoreError::Cancelled => "store-cancelled",
            StoreError::DatabaseInUse { .. } => "store-database-in-use",
            StoreError::BackupDamaged { .. } => "store-backup-damaged",
            StoreError::BackupTooNew { .. } => "store-backup-too-new",
            StoreError::BackupOtherOffice { .. } => "store-backup-other-office",
            StoreError::BackupMismatch { .. } => "store-backup-mismatch",
            StoreError::ConsentNotInForce { .. } => "store-consent-not-in-force",
            StoreError::NothingToWithdraw { .. } => "store-consent-nothing-to-withdraw",
            StoreError::Vault(e) => e.code(),
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            a.insert(k.to_string(), v);
        };
        match self {
            StoreError::Sqlite(e) => put("detail", e.to_string()),
            StoreError::Migration(e)
            | StoreError::Password(e)
            | StoreError::Corrupt(e)
            | StoreError::FileFailed(e) => put("detail", e.clone()),
            StoreError::SchemaTooNew { found, supported } => {
                put("found", found.to_string());
                put("supported", supported.to_string());
            }
            StoreError::AlreadyInitialised { office } => put("office", office.clone()),
            StoreError::Invalid(errors) => put("count", errors.len().to_string()),
            StoreError::Duplicates(hits) => put("count", hits.len().to_string()),
            StoreError::IinTaken { iin, regno } => {
                put("iin", iin.clone());
                put("regno", regno.clone());
            }
            StoreError::NotFound { what, key } => {
                put("what", what.to_string());
                put("key", key.clone());
            }
            StoreError::Forbidden { role, action } => {
                put("role", role.clone());
                put("action", action.to_string());
            }
            StoreError::LoginTaken(login)
            | StoreError::UserInactive { login }
            | StoreError::LastAdministrator { login } => put("login", login.clone()),
            StoreError::SignInLocked { login, until } => {
                put("login", login.clone());
                put("until", until.format("%Y-%m-%d %H:%M UTC").to_string());
                // The moment itself, for a window that shows it in local time.
                put("until_utc", until.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
            }
            StoreError::VersionConflict { entity, id, expected, found } => {
                put("entity", entity.to_string());
                put("id", id.clone());
                put("expected", expected.to_string());
                put("found", found.to_string());
            }
            StoreError::SequenceExhausted { year } => put("year", year.to_string()),
            StoreError::ConsentNotInForce { regno, name, withdrawn, since } => {
                put("regno", regno.clone());
                put("name", name.clone());
                put("state", if *withdrawn { "withdrawn" } else { "lapsed" }.to_string());
                put("since", since.to_string());
            }
            StoreError::NothingToWithdraw { regno } => put("regno", regno.clone()),
            StoreError::NotInitialised
            | StoreError::BadCredentials
            | StoreError::DeactivateSelf
            | StoreError::Cancelled => {}
            StoreError::Document(e) => return e.args(),
            StoreError::Subsidy(e) => return e.args(),
            StoreError::Vault(e) => return e.args(),
            StoreError::Sync { code, detail } => {
                // The same refusal by the centre (`otau_sync::SyncError`) names the event.
                if *code == "sync-tampered-event" {
                    put("event_id", detail.clone());
                }
                put("detail", detail.clone())
            }
            StoreError::NumbersExhausted { series, year } => {
                put("series", series.to_string());
                put("year", year.to_string());
            }
            StoreError::DatabaseInUse { path } => put("path", path.clone()),
            StoreError::BackupDamaged { path, detail } => {
                put("path", path.clone());
                put("detail", detail.clone());
            }
            StoreError::BackupTooNew { found, supported } => {
                put("found", found.to_string());
                put("supported", supported.to_string());
            }
            StoreError::BackupOtherOffice { backup, here } => {
                put("backup", backup.clone());
                put("here", here.clone());
            }
            StoreError::BackupMismatch { what, source_count, copy } => {
                put("what", what.clone());
                put("source", source_count.clone());
                put("copy", copy.clone());
            }
        }
        a
    }
}

/// Result with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
