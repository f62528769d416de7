//! Restoring the office database from a backup: the backup is checked before anything is
//! touched, the database it replaces is itself backed up first, and the replacement is one
//! rename, never while the database is open.
//!
//! # Design
//! The restore holds the database's lock alone ([`crate::holder::exclusive`]) from the first
//! check to the end, so neither the app nor another `otau` has it open meanwhile. The backup is
//! checked ([`crate::backup::check_backup`]), copied beside the database under a temporary
//! name, flushed and checked again, then renamed over it: a crash leaves either the old
//! database or the new one. What the backup set carries beside it (a key file) comes with it.
//!
//! A restored device that was syncing holds fewer of its own events than the centre. It is
//! healed by the next sync, which compares them (`otau_sync::plan`, `Store::restore_own`,
//! `Store::fork_identity`): if nothing was written since the restore, the events the centre
//! holds come back as this device's own; if something was, the device takes a new identity
//! from the centre and sends those changes under it, numbered anew, so no sequence number the
//! centre holds is ever sent again with another change.

use crate::backup::{self, check_backup, BackupFile, Holdings, BEFORE_RESTORE_PREFIX};
use crate::error::{Result, StoreError};
use crate::vault::VaultKeys;
use crate::{holder, private, Store};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restored {
    /// What the restored database holds.
    pub backup: Holdings,
    /// What the database it replaced held (none when there was none, or it had no office).
    pub replaced: Option<Holdings>,
    /// The copy of the replaced database, taken just before.
    pub saved_as: Option<BackupFile>,
    /// The backup was of another office, restored because it was forced.
    pub other_office: bool,
}

/// What the database at `db` holds, if it exists and has an office. Opening a database that is
/// not there would create it, so it is not opened then.
fn current(db: &Path, keys: Option<&VaultKeys>) -> Result<Option<(Store, Holdings)>> {
    if !db.is_file() {
        return Ok(None);
    }
    let store = Store::open_unheld(db, keys)?;
    match Holdings::read(store.conn()) {
        Ok(holdings) => Ok(Some((store, holdings))),
        Err(StoreError::NotInitialised) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Replaces the database at `db` with the backup at `from` at `at`. Refuses, changing nothing,
/// a backup that does not pass [`check_backup`], a backup of another office unless `force`,
/// and a database open elsewhere ([`StoreError::DatabaseInUse`]). The database replaced is
/// first copied to `backups/before-restore-…` beside it. An encrypted database and its backups
/// are opened with `keys` (the database's own, unlocked from its key file).
pub fn restore(
    db: &Path,
    from: &Path,
    force: bool,
    at: DateTime<Utc>,
    keys: Option<&VaultKeys>,
) -> Result<Restored> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        private::create_dir_all(dir)
            .map_err(|e| StoreError::FileFailed(format!("cannot create {}: {e}", dir.display())))?;
    }
    let _alone = holder::exclusive(db)?;
    let key = keys.map(|k| &k.database);
    let found = check_backup(from, key)?;
    let mut replaced = None;
    let mut saved_as = None;
    let mut other_office = false;
    let opened = match current(db, keys) {
        Ok(opened) => opened,
        Err(e @ StoreError::SchemaTooNew { .. }) => return Err(e),
        Err(_) => {
            // A database SQLite cannot read is kept as it is, byte for byte.
            let dir = backup::default_dir(db);
            private::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
            let name = format!(
                "{BEFORE_RESTORE_PREFIX}-unreadable-{}.sqlite",
                at.format("%Y%m%dT%H%M%SZ")
            );
            let kept = dir.join(name);
            copy_file(db, &kept)?;
            let bytes = std::fs::metadata(&kept).map(|m| m.len()).unwrap_or(0);
            saved_as = Some(BackupFile { path: kept, taken_at: at, bytes });
            None
        }
    };
    if let Some((store, holdings)) = opened {
        if holdings.office != found.office {
            if !force {
                return Err(StoreError::BackupOtherOffice {
                    backup: found.office.clone(),
                    here: holdings.office.clone(),
                });
            }
            other_office = true;
        }
        let (file, _) =
            store.write_named(&backup::default_dir(db), BEFORE_RESTORE_PREFIX, at, &|_| {})?;
        saved_as = Some(file);
        replaced = Some(holdings);
        // Closed before the rename: its write-ahead log is folded in and removed.
        drop(store);
    }
    let temp = private::beside(db, ".restoring");
    if temp.exists() {
        std::fs::remove_file(&temp).map_err(|e| io(&temp, e))?;
    }
    let copied = copy_file(from, &temp).and_then(|()| check_backup(&temp, key));
    let copied = match copied {
        Ok(copied) => copied,
        Err(e) => {
            // Best effort: the temporary copy is ours; the database is untouched.
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
    };
    for suffix in ["-wal", "-shm", "-journal"] {
        let stale = private::beside(db, suffix);
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(|e| io(&stale, e))?;
        }
    }
    std::fs::rename(&temp, db).map_err(|e| io(db, e))?;
    if let Some(dir) = db.parent() {
        if let Ok(folder) = std::fs::File::open(dir) {
            // Best effort: the file is flushed already; this flushes its new name.
            let _ = folder.sync_all();
        }
    }
    backup::carry_sidecars(from, db)?;
    // Opened once as the app will open it: an older backup's schema is brought up to date.
    drop(Store::open_unheld(db, keys)?);
    Ok(Restored { backup: copied, replaced, saved_as, other_office })
}

/// Copies `from` to the new private file `to` and flushes it.
fn copy_file(from: &Path, to: &Path) -> Result<()> {
    let mut source = std::fs::File::open(from).map_err(|e| io(from, e))?;
    let mut target = private::create_new(to).map_err(|e| io(to, e))?;
    std::io::copy(&mut source, &mut target).map_err(|e| io(to, e))?;
    target.sync_all().map_err(|e| io(to, e))
}

fn io(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::FileFailed(format!("{}: {e}", path.display()))
}
