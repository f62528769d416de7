//! The lock that says a database is open: every [`crate::Store::open`] holds it shared for the
//! life of its connection, and a restore takes it alone, so a database is never replaced under
//! the app, its background workers or another `otau` command.
//!
//! # Design
//! The lock is an operating-system lock on a file of its own beside the database
//! (`<db>.lock`), never on the database file, whose byte ranges are SQLite's. The system drops
//! it when the process ends, however it ends, so a crash leaves no stale lock behind.

use crate::error::{Result, StoreError};
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// The suffix of the lock file beside a database.
pub const LOCK_SUFFIX: &str = ".lock";

/// A lock held on a database until dropped.
#[derive(Debug)]
pub struct Held {
    _file: File,
}

/// The lock file of the database at `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    crate::private::beside(db, LOCK_SUFFIX)
}

fn open(db: &Path) -> Result<File> {
    crate::private::open_or_create(&lock_path(db))
        .map_err(|e| StoreError::Migration(format!("cannot open {}: {e}", lock_path(db).display())))
}

fn in_use(db: &Path) -> StoreError {
    StoreError::DatabaseInUse { path: db.display().to_string() }
}

/// Holds the database at `db` open beside others; refused while a restore replaces it.
pub fn shared(db: &Path) -> Result<Held> {
    let file = open(db)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(Held { _file: file }),
        Err(TryLockError::WouldBlock) => Err(in_use(db)),
        Err(TryLockError::Error(e)) => {
            Err(StoreError::Migration(format!("cannot lock {}: {e}", lock_path(db).display())))
        }
    }
}

/// Holds the database at `db` alone: refused ([`StoreError::DatabaseInUse`]) while the app or
/// any other connection has it open.
pub fn exclusive(db: &Path) -> Result<Held> {
    let file = open(db)?;
    match file.try_lock() {
        Ok(()) => Ok(Held { _file: file }),
        Err(TryLockError::WouldBlock) => Err(in_use(db)),
        Err(TryLockError::Error(e)) => {
            Err(StoreError::Migration(format!("cannot lock {}: {e}", lock_path(db).display())))
        }
    }
}
