//! Backups of the office database: a consistent copy taken while the app works, written under a
//! temporary name, checked by opening it, then named, and rotated; and the check a backup
//! passes before anything is restored from it.
//!
//! # Design
//! The copy is SQLite's online backup API from the open connection, in steps of
//! [`PAGES_PER_STEP`] pages inside one read transaction, so it is the snapshot the counts were
//! read from however much is written meanwhile (the source never starts another read, so SQLite
//! never restarts the copy), and it tells how far it is after each step ([`BackupProgress`]). Every database a backup or a
//! restore opens is opened by one of two functions here: [`open_target`] (the new copy) and
//! [`open_backup`] (a backup being checked). They are the one place a database key is applied:
//! a copy of an encrypted database is written through a connection with the same key and cipher
//! profile and stays encrypted. What else a backup set needs to be opened travels beside it through
//! [`carry_sidecars`] (the key file `<db>.keys`, when there is one). A backup is named
//! `otau-<office>-<device>-<UTC moment>.sqlite`; only a checked copy ever has such a name, so
//! every backup listed is a verified one.

pub mod rotation;

use crate::error::{Result, StoreError};
use crate::vault::DatabaseKey;
use crate::{private, Context, Store};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The folder beside the database backups go to by default.
pub const BACKUPS_DIR: &str = "backups";
/// The name every backup of the rotation starts with.
pub const BACKUP_PREFIX: &str = "otau";
/// The name of the copy of a database taken just before a restore replaced it.
pub const BEFORE_RESTORE_PREFIX: &str = "before-restore";
/// The suffix of the files SQLite or Otau keep beside a database that a backup set carries: the
/// key file of an encrypted database.
pub const SIDECARS: &[&str] = &[".keys"];
const EXTENSION: &str = ".sqlite";
/// Pages copied per step of the backup (4 MiB of 4 KiB pages) before it tells how far it is.
pub const PAGES_PER_STEP: i32 = 1024;
/// Steps in a row a busy or locked database is waited for (50 ms each) before a backup fails.
const BUSY_TRIES: u32 = 100;
const MOMENT: &str = "%Y%m%dT%H%M%SZ";

/// What a database holds: who it is, its schema and its counts, as a backup is checked against
/// its source and as a restore shows both sides.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holdings {
    /// The office's code.
    pub office: String,
    /// The device that wrote it.
    pub device_id: String,
    /// Its schema version.
    pub schema_version: i64,
    /// Families.
    pub families: i64,
    /// Persons.
    pub persons: i64,
    /// Identity documents of persons.
    pub documents: i64,
    /// Issued documents (the register).
    pub issued_documents: i64,
    /// Events of the log.
    pub events: i64,
    /// The moment of the newest change (RFC 3339), if any.
    pub newest_change: Option<String>,
}

impl Holdings {
    /// Reads what the database on `conn` holds.
    pub fn read(conn: &Connection) -> Result<Holdings> {
        let (device_id, office): (String, String) = conn
            .query_row("SELECT device_id, office_code FROM device", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or(StoreError::NotInitialised)?;
        let count = |table: &str| -> Result<i64> {
            Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(Holdings {
            office,
            device_id,
            schema_version: crate::schema::version(conn)?,
            families: count("families")?,
            persons: count("persons")?,
            documents: count("documents")?,
            issued_documents: count("issued_documents")?,
            events: count("events")?,
            newest_change: conn.query_row(
                "SELECT MAX(envelope_json(body) ->> '$.at') FROM events",
                [],
                |r| r.get(0),
            )?,
        })
    }

    /// The first count in which `copy` differs from these, as (what, here, there).
    fn differs_from(&self, copy: &Holdings) -> Option<(&'static str, String, String)> {
        let pairs: [(&'static str, String, String); 8] = [
            ("office", self.office.clone(), copy.office.clone()),
            ("device", self.device_id.clone(), copy.device_id.clone()),
            ("schema", self.schema_version.to_string(), copy.schema_version.to_string()),
            ("families", self.families.to_string(), copy.families.to_string()),
            ("persons", self.persons.to_string(), copy.persons.to_string()),
            ("documents", self.documents.to_string(), copy.documents.to_string()),
            (
                "issued-documents",
                self.issued_documents.to_string(),
                copy.issued_documents.to_string(),
            ),
            ("events", self.events.to_string(), copy.events.to_string()),
        ];
        pairs.into_iter().find(|(_, a, b)| a != b)
    }
}

/// What a backup being written is doing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupStage {
    /// Copying the database's pages.
    Copying,
    /// Checking the copy (SQLite's integrity check, the audit chain, the counts): no measure of
    /// how far.
    Checking,
}

/// How far a backup is: `done` of `total` pages while copying; 0 of 0 while checking.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupProgress {
    /// The stage.
    pub stage: BackupStage,
    /// Pages copied so far.
    pub done: u64,
    /// Pages in all.
    pub total: u64,
}

/// Whom a backup tells how far it is (nobody: `&|_| {}`).
pub type Progress<'a> = &'a dyn Fn(BackupProgress);

/// A verified backup on disk.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupFile {
    /// Where it is.
    pub path: PathBuf,
    /// When it was taken (from its name).
    pub taken_at: DateTime<Utc>,
    /// Its size in bytes.
    pub bytes: u64,
}

/// A backup just written and checked, and what rotation removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// The new backup.
    pub file: BackupFile,
    /// What it holds (the database's counts at the moment of the copy).
    pub holdings: Holdings,
    /// Older backups rotation removed.
    pub removed: Vec<PathBuf>,
}

/// The folder beside the database at `db` that backups go to by default.
pub fn default_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or_else(|| Path::new(".")).join(BACKUPS_DIR)
}

/// Opens the new, empty file a copy is written to, private from its creation. An encrypted
/// database's key is applied here, the same key as the source's, so the copy stays encrypted.
fn open_target(path: &Path, key: Option<&DatabaseKey>) -> Result<Connection> {
    private::create_new(path)
        .map_err(|e| StoreError::FileFailed(format!("cannot create {}: {e}", path.display())))?;
    let conn = Connection::open(path)?;
    if let Some(key) = key {
        crate::apply_key(&conn, key)?;
    }
    Ok(conn)
}

/// Opens a backup read-only to check it. An encrypted backup's key is applied here (from the
/// key file its set carries, [`carry_sidecars`]).
pub fn open_backup(path: &Path, key: Option<&DatabaseKey>) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match key {
        Some(key) => crate::open_keyed(path, key, flags)?.0,
        None => Connection::open_with_flags(path, flags)?,
    };
    crate::events_codec::register_functions(&conn)?;
    Ok(conn)
}

/// Copies what a backup set needs beside the database file from `from` to `to`: each
/// [`SIDECARS`] file of `from` that exists, private. Nothing to copy is no error.
pub fn carry_sidecars(from: &Path, to: &Path) -> Result<()> {
    for suffix in SIDECARS {
        let source = private::beside(from, suffix);
        if !source.is_file() {
            continue;
        }
        let target = private::beside(to, suffix);
        let failed = |e: std::io::Error| {
            StoreError::FileFailed(format!("cannot copy {}: {e}", source.display()))
        };
        let bytes = std::fs::read(&source).map_err(failed)?;
        if target.exists() {
            std::fs::remove_file(&target).map_err(failed)?;
        }
        private::write_new(&target, &bytes).map_err(failed)?;
    }
    Ok(())
}

/// Checks the backup at `path` without changing it: it opens, SQLite finds it intact, its
/// schema is not newer than this build's, its audit chain verifies and it has an office.
/// Returns what it holds.
pub fn check_backup(path: &Path, key: Option<&DatabaseKey>) -> Result<Holdings> {
    let damaged =
        |detail: String| StoreError::BackupDamaged { path: path.display().to_string(), detail };
    if !path.is_file() {
        return Err(damaged("no such file".into()));
    }
    let conn = open_backup(path, key).map_err(|e| damaged(e.to_string()))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if integrity != "ok" {
        return Err(damaged(integrity));
    }
    let version = crate::schema::version(&conn).map_err(|e| damaged(e.to_string()))?;
    if version > crate::schema::latest_version() {
        return Err(StoreError::BackupTooNew {
            found: version,
            supported: crate::schema::latest_version(),
        });
    }
    let chain = crate::events::verify_chain(&conn).map_err(|e| damaged(e.to_string()))?;
    if let Some(seq) = chain.first_broken_seq {
        return Err(damaged(format!("the audit chain is broken at event {seq}")));
    }
    Holdings::read(&conn).map_err(|e| damaged(e.to_string()))
}

/// The backups of `office` in `dir` (every office's when `None`), newest first. A folder that
/// does not exist holds none.
pub fn list(dir: &Path, office: Option<&str>) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => {
            return Err(StoreError::FileFailed(format!("cannot read {}: {e}", dir.display())))
        }
    };
    let mut out = vec![];
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((found_office, taken_at)) = parse_name(&name, BACKUP_PREFIX) else { continue };
        if office.is_some_and(|o| o != found_office) {
            continue;
        }
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(BackupFile { path: entry.path(), taken_at, bytes });
    }
    // Taken in the same second, the one with the longer name (`-2`, `-3` …) came later.
    out.sort_by(|a, b| {
        b.taken_at
            .cmp(&a.taken_at)
            .then_with(|| b.path.as_os_str().len().cmp(&a.path.as_os_str().len()))
            .then_with(|| b.path.cmp(&a.path))
    });
    Ok(out)
}

/// The office and moment a backup's file name says: `<prefix>-<office>-<device>-<moment>`
/// with `.sqlite`, the moment perhaps followed by `-2` … when taken twice in one second.
fn parse_name(name: &str, prefix: &str) -> Option<(String, DateTime<Utc>)> {
    let stem = name.strip_suffix(EXTENSION)?.strip_prefix(prefix)?.strip_prefix('-')?;
    let parts: Vec<&str> = stem.split('-').collect();
    let office = parts.first()?.to_string();
    let moment =
        parts.iter().skip(2).find_map(|p| NaiveDateTime::parse_from_str(p, MOMENT).ok())?;
    Some((office, moment.and_utc()))
}

/// Flushes a folder's entries (a rename in it) to the disk, where the system allows it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        // Best effort: the file itself is flushed already.
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Runs `backup` to its end, [`PAGES_PER_STEP`] pages a step, telling `progress` after each.
/// The source's pages are read in the caller's read transaction, so nothing written meanwhile
/// restarts or changes the copy. A step refused as busy or locked is tried again after a pause,
/// [`BUSY_TRIES`] times in a row at most.
fn copy_in_steps(backup: &Backup<'_, '_>, progress: Progress<'_>) -> Result<()> {
    let tell = |backup: &Backup<'_, '_>| {
        let p = backup.progress();
        let total = u64::try_from(p.pagecount).unwrap_or(0);
        let left = u64::try_from(p.remaining).unwrap_or(0);
        progress(BackupProgress {
            stage: BackupStage::Copying,
            done: total.saturating_sub(left),
            total,
        });
    };
    let mut busy = 0;
    loop {
        match backup.step(PAGES_PER_STEP)? {
            StepResult::Done => {
                tell(backup);
                return Ok(());
            }
            StepResult::More => {
                busy = 0;
                tell(backup);
            }
            StepResult::Busy | StepResult::Locked if busy < BUSY_TRIES => {
                busy += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => {
                return Err(StoreError::FileFailed(format!("the copy did not finish: {other:?}")))
            }
        }
    }
}

impl Store {
    /// Writes a checked copy of the whole database to `path` (which must not exist yet): the
    /// copy is written under a temporary name beside it, flushed, opened and compared with
    /// what the database held at the moment of the copy, and only then named `path`.
    pub fn backup_to(&self, path: &Path) -> Result<Holdings> {
        self.backup_to_telling(path, &|_| {})
    }

    /// [`Store::backup_to`], telling `progress` how far it is.
    pub fn backup_to_telling(&self, path: &Path, progress: Progress<'_>) -> Result<Holdings> {
        if path.exists() {
            return Err(StoreError::FileFailed(format!("{} exists already", path.display())));
        }
        let name = path
            .file_name()
            .ok_or_else(|| StoreError::FileFailed(format!("{} is no file name", path.display())))?;
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(".part");
        let temp = path.with_file_name(temp_name);
        let holdings = match self.copy_checked(&temp, progress) {
            Ok(holdings) => holdings,
            Err(e) => {
                // Best effort: the half-written copy is ours, and the error is what matters.
                let _ = std::fs::remove_file(&temp);
                return Err(e);
            }
        };
        if path.exists() {
            let _ = std::fs::remove_file(&temp);
            return Err(StoreError::FileFailed(format!("{} exists already", path.display())));
        }
        std::fs::rename(&temp, path)
            .map_err(|e| StoreError::FileFailed(format!("cannot name {}: {e}", path.display())))?;
        sync_dir(path.parent().unwrap_or_else(|| Path::new(".")));
        if let Some(db) = &self.path {
            carry_sidecars(db, path)?;
        }
        Ok(holdings)
    }

    /// Copies the database into the new file `temp` and checks the copy.
    fn copy_checked(&self, temp: &Path, progress: Progress<'_>) -> Result<Holdings> {
        let mut target = open_target(temp, self.database_key())?;
        // One read transaction: the counts and every step of the copy are of the same moment.
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), TransactionBehavior::Deferred)?;
        let holdings = Holdings::read(&tx)?;
        copy_in_steps(&Backup::new(&tx, &mut target)?, progress)?;
        tx.finish()?;
        progress(BackupProgress { stage: BackupStage::Checking, done: 0, total: 0 });
        // A copy is one file: no write-ahead log beside it.
        target.pragma_update(None, "journal_mode", "DELETE")?;
        drop(target);
        std::fs::File::open(temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::FileFailed(format!("cannot flush {}: {e}", temp.display())))?;
        let copy = check_backup(temp, self.database_key())?;
        if let Some((what, source_count, copy)) = holdings.differs_from(&copy) {
            return Err(StoreError::BackupMismatch { what: what.into(), source_count, copy });
        }
        Ok(holdings)
    }

    /// Writes a new backup into `dir` (made `0700` if missing) named by the office, the device
    /// and `ctx.at`, then rotates the folder ([`rotation::POLICY`]). Administrators and
    /// managers only.
    pub fn back_up(&self, ctx: &Context, dir: &Path) -> Result<Written> {
        self.back_up_telling(ctx, dir, &|_| {})
    }

    /// [`Store::back_up`], telling `progress` how far it is.
    pub fn back_up_telling(
        &self,
        ctx: &Context,
        dir: &Path,
        progress: Progress<'_>,
    ) -> Result<Written> {
        ctx.actor.require(crate::Action::BackUp)?;
        let (file, holdings) = self.write_named(dir, BACKUP_PREFIX, ctx.at, progress)?;
        let removed = rotation::rotate(dir, &holdings.office, &file.path, rotation::POLICY)?;
        rotation::remove_stale_parts(dir, ctx.at);
        Ok(Written { file, holdings, removed })
    }

    /// Writes a checked copy into `dir` as `<prefix>-<office>-<device>-<at>.sqlite`.
    pub(crate) fn write_named(
        &self,
        dir: &Path,
        prefix: &str,
        at: DateTime<Utc>,
        progress: Progress<'_>,
    ) -> Result<(BackupFile, Holdings)> {
        private::create_dir_all(dir)
            .map_err(|e| StoreError::FileFailed(format!("cannot create {}: {e}", dir.display())))?;
        let (device_id, office) = self.device_identity()?;
        let device: String = device_id.chars().filter(|c| *c != '-').take(8).collect();
        let stem = format!("{prefix}-{office}-{device}-{}", at.format(MOMENT));
        let mut path = dir.join(format!("{stem}{EXTENSION}"));
        for n in 2..=9 {
            if !path.exists() {
                break;
            }
            path = dir.join(format!("{stem}-{n}{EXTENSION}"));
        }
        let holdings = self.backup_to_telling(&path, progress)?;
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok((BackupFile { path, taken_at: at, bytes }, holdings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_back() {
        let (office, at) =
            parse_name("otau-PVL01-0193ab12-20261125T093000Z.sqlite", BACKUP_PREFIX).expect("name");
        assert_eq!(office, "PVL01");
        assert_eq!(at.to_rfc3339(), "2026-11-25T09:30:00+00:00");
        assert!(
            parse_name("otau-PVL01-0193ab12-20261125T093000Z-2.sqlite", BACKUP_PREFIX).is_some()
        );
        assert!(parse_name(".otau-PVL01-0193ab12-20261125T093000Z.sqlite.part", BACKUP_PREFIX)
            .is_none());
        assert!(parse_name("before-restore-PVL01-0193ab12-20261125T093000Z.sqlite", BACKUP_PREFIX)
            .is_none());
    }
}
