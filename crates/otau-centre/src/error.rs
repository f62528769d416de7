//! The centre's errors, each with a stable `centre-…` code (or the `sync-…` code of a protocol
//! refusal), translated by the command line.

use otau_core::Coded;
use otau_sync::SyncError;
use std::collections::BTreeMap;

/// What went wrong at the centre.
#[derive(Debug, thiserror::Error)]
pub enum CentreError {
    /// A refusal of the protocol, sent to the device as it is.
    #[error(transparent)]
    Sync(#[from] SyncError),
    /// The SQLite database failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL failed.
    #[error("postgres: {0}")]
    Postgres(String),
    /// The schema could not be brought up to date.
    #[error("migration: {0}")]
    Migration(String),
    /// A database from a newer build.
    #[error("the database has schema {found}; this build knows {supported}")]
    SchemaTooNew {
        /// Found.
        found: i64,
        /// Known.
        supported: i64,
    },
    /// A file of the data folder.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// What failed.
        reason: String,
    },
    /// The data folder has no centre (`otau centre init` first).
    #[error("no centre in {path}")]
    NotInitialised {
        /// The folder.
        path: String,
    },
    /// `init` over an existing centre.
    #[error("a centre already exists in {path}")]
    AlreadyInitialised {
        /// The folder.
        path: String,
    },
    /// The database belongs to another centre than the data folder.
    #[error("the database belongs to centre {found}, the data folder to {expected}")]
    OtherCentre {
        /// The data folder's centre.
        expected: String,
        /// The database's.
        found: String,
    },
    /// TLS or certificate failure.
    #[error("tls: {0}")]
    Tls(String),
    /// No such office.
    #[error("no office {0}")]
    UnknownOffice(String),
    /// The office code is taken.
    #[error("office {0} exists")]
    OfficeExists(String),
    /// No such device.
    #[error("no device {0}")]
    UnknownDevice(String),
    /// A packet refused.
    #[error(transparent)]
    Packet(#[from] otau_sync::packet::PacketError),
    /// An office's replica (the store's own refusal or failure).
    #[error(transparent)]
    Store(#[from] otau_store::StoreError),
    /// A document could not be laid out.
    #[error(transparent)]
    Print(#[from] otau_print::PrintError),
    /// A month cannot close at the centre while offices have not closed it.
    #[error("{month} is not closed yet in {offices}")]
    OfficesOpen {
        /// The month.
        month: String,
        /// The offices, by code.
        offices: String,
    },
    /// The month is closed at the centre already.
    #[error("{scope} {month} is closed already")]
    ReportClosed {
        /// The region or the country.
        scope: String,
        /// The month.
        month: String,
    },
    /// No office in the scope of a report.
    #[error("no office in {scope}")]
    NoOffices {
        /// The region or the country.
        scope: String,
    },
    /// A bad value given by an administrator.
    #[error("{field}: {reason}")]
    BadInput {
        /// The option or field.
        field: String,
        /// What is wrong.
        reason: String,
    },
}

impl From<tokio_postgres::Error> for CentreError {
    fn from(e: tokio_postgres::Error) -> Self {
        CentreError::Postgres(e.to_string())
    }
}

impl From<deadpool_postgres::PoolError> for CentreError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        CentreError::Postgres(e.to_string())
    }
}

impl CentreError {
    /// A bad input.
    pub fn bad(field: &str, reason: impl Into<String>) -> CentreError {
        CentreError::BadInput { field: field.into(), reason: reason.into() }
    }

    /// What the device is told: a refusal as it is, anything else as a failure of the centre.
    pub fn to_sync(&self) -> SyncError {
        match self {
            CentreError::Sync(e) => e.clone(),
            CentreError::UnknownDevice(_) => SyncError::Unauthorised,
            other => SyncError::Server { reason: other.to_string() },
        }
    }

    /// Whether this is a failure of the system rather than a refusal.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            CentreError::Sqlite(_)
                | CentreError::Postgres(_)
                | CentreError::Migration(_)
                | CentreError::Io { .. }
                | CentreError::Tls(_)
                | CentreError::Print(_)
        )
    }
}

impl Coded for CentreError {
    fn code(&self) -> &'static str {
        match self {
            CentreError::Sync(e) => e.code(),
            CentreError::Sqlite(_) | CentreError::Postgres(_) => "centre-database",
            CentreError::Migration(_) => "centre-migration",
            CentreError::SchemaTooNew { .. } => "centre-schema-too-new",
            CentreError::Io { .. } => "centre-io",
            CentreError::NotInitialised { .. } => "centre-not-initialised",
            CentreError::AlreadyInitialised { .. } => "centre-already-initialised",
            CentreError::OtherCentre { .. } => "centre-other-centre",
            CentreError::Tls(_) => "centre-tls",
            CentreError::UnknownOffice(_) => "centre-unknown-office",
            CentreError::OfficeExists(_) => "centre-office-exists",
            CentreError::UnknownDevice(_) => "centre-unknown-device",
            CentreError::BadInput { .. } => "centre-bad-input",
            CentreError::Packet(e) => e.code(),
            CentreError::Store(e) => e.code(),
            CentreError::Print(e) => e.code(),
            CentreError::OfficesOpen { .. } => "centre-report-offices-open",
            CentreError::ReportClosed { .. } => "centre-report-closed",
            CentreError::NoOffices { .. } => "centre-report-no-offices",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            CentreError::Sync(e) => return e.args(),
            CentreError::Packet(e) => return e.args(),
            CentreError::Store(e) => return e.args(),
            CentreError::Print(e) => return e.args(),
            CentreError::OfficesOpen { month, offices } => {
                vec![("month", month.clone()), ("offices", offices.clone())]
            }
            CentreError::ReportClosed { scope, month } => {
                vec![("scope", scope.clone()), ("month", month.clone())]
            }
            CentreError::NoOffices { scope } => vec![("scope", scope.clone())],
            CentreError::Sqlite(e) => vec![("reason", e.to_string())],
            CentreError::Postgres(r) | CentreError::Migration(r) | CentreError::Tls(r) => {
                vec![("reason", r.clone())]
            }
            CentreError::SchemaTooNew { found, supported } => {
                vec![("found", found.to_string()), ("supported", supported.to_string())]
            }
            CentreError::Io { path, reason } => {
                vec![("path", path.clone()), ("reason", reason.clone())]
            }
            CentreError::NotInitialised { path } | CentreError::AlreadyInitialised { path } => {
                vec![("path", path.clone())]
            }
            CentreError::OtherCentre { expected, found } => {
                vec![("expected", expected.clone()), ("found", found.clone())]
            }
            CentreError::UnknownOffice(c) | CentreError::OfficeExists(c) => {
                vec![("office", c.clone())]
            }
            CentreError::UnknownDevice(d) => vec![("device", d.clone())],
            CentreError::BadInput { field, reason } => {
                vec![("field", field.clone()), ("reason", reason.clone())]
            }
        };
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

/// The centre's result.
pub type Result<T, E = CentreError> = std::result::Result<T, E>;
