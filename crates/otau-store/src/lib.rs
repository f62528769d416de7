//! Otau's SQLite store: the only code on the desktop that writes SQL.
//!
//! **Architecture Invariant**: every change goes through [`Store::write`], which writes the new
//! state, an audit row and an outbox event in one transaction ([`write`]). Audit and outbox
//! refuse UPDATE and DELETE by trigger. The search tables are projections, rebuilt by
//! [`Store::rebuild_search`].
//!
//! **API boundary**: the application API (`otau-api`) calls the methods of [`Store`]; who acts
//! and when (`Context`: the actor, the moment `at`, the date `today`) comes in as one
//! argument, read once at the edge.
#![deny(missing_docs)]

pub mod access;
pub mod audit;
pub mod backup;
pub mod casework;
pub mod checkpoint;
pub mod context;
pub mod device_settings;
pub mod documents;
mod envelope_dictionary;
pub mod error;
pub mod events;
pub mod events_codec;
mod events_compaction;
mod events_migration;
pub mod holder;
pub mod home;
pub mod numbers;
pub mod office;
pub mod population;
pub mod private;
pub mod record;
pub mod registry;
pub mod restore;
pub mod schema;
pub mod search;
pub mod signin;
pub mod subsidy;
pub mod sync;
pub mod users;
pub mod vault;
pub mod verify;
pub mod write;

pub use context::Context;
pub use error::{DuplicateHit, DuplicateReason, Result, StoreError};
pub use home::{FamilyBrief, HomeView, RecentWork};
pub use office::{NewOffice, OfficeInfo};
pub use registry::{Duplicates, FamilyView, PersonView, Registered};
pub use search::SearchHit;
pub use subsidy::{
    ActionDone, AwaitingView, DecisionView, DueView, EligibilityReport, EntryView, InstalmentRef,
    InstalmentView, LineItem, MoveAwayDone, PaidView, PrepareRequest, RecalcList, RecalcProposal,
    RecalcSelection, StatementView, TotalsView,
};
pub use users::{Action, Actor, NewUser, Role};

use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;
use vault::keys::SigningKek;
use vault::{CipherProfile, DatabaseKey, VaultKeys};
use write::Change;

/// The page cache of the store's connection, as SQLite's `cache_size` takes it (negative: KiB).
/// It fills only as pages are read. Sized with the `encryption` benchmark at 100,000 persons:
/// with 32 MiB the 99th percentile of a search was a fifth slower encrypted than plain, with
/// 64 MiB both were the same (and faster than with SQLite's default 2 MiB).
const PAGE_CACHE_KIB: i64 = -64 * 1024;

/// An open Otau database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// The database file (none in memory): backups carry what lies beside it.
    path: Option<PathBuf>,
    /// Held for the life of the connection: a restore never replaces an open database.
    _held: Option<holder::Held>,
    /// The key the office's signing secrets are sealed under ([`vault`]).
    signing: SigningKek,
    /// The key the database is encrypted with (none for a plain one): a backup is encrypted
    /// with it too.
    database_key: Option<DatabaseKey>,
}

/// How a database file starts: the SQLite header, or — encrypted — random bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Nothing there yet (or an empty file).
    Missing,
    /// A plain SQLite database.
    Plain,
    /// Anything else: an encrypted database (or not a database at all).
    Encrypted,
}

/// What the file at `path` is, from its first bytes.
pub fn file_kind(path: &Path) -> Result<FileKind> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let read = match std::fs::File::open(path) {
        Ok(mut f) => f
            .read(&mut head)
            .map_err(|e| StoreError::Migration(format!("cannot read {}: {e}", path.display())))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
        Err(e) => {
            return Err(StoreError::Migration(format!("cannot read {}: {e}", path.display())))
        }
    };
    Ok(match read {
        0 => FileKind::Missing,
        _ if &head == b"SQLite format 3\0" => FileKind::Plain,
        _ => FileKind::Encrypted,
    })
}

impl Store {
    /// Opens (creating if needed) the plain database at `path` and brings its schema up to
    /// date: tests, benchmarks, the centre's replicas and an older database before
    /// `otau vault encrypt`. The file, its journal and a folder made for it are private to
    /// their owner ([`private`]). Refuses a database written by a newer Otau, and an encrypted
    /// one ([`vault::VaultError::Locked`]).
    pub fn open(path: &Path) -> Result<Store> {
        if file_kind(path)? == FileKind::Encrypted {
            return Err(vault::VaultError::Locked.into());
        }
        Self::open_with(path, None)
    }

    /// Opens (creating if needed) the database at `path` encrypted with `keys` (SQLCipher, the
    /// raw database key the first statement on the connection), brings its schema up to date
    /// and seals any signing secret an older build left in the clear. Refuses a plain database
    /// ([`vault::VaultError::Plain`]: `otau vault encrypt` converts it) and a key that does not
    /// open it ([`vault::VaultError::WrongSecret`]).
    pub fn open_encrypted(path: &Path, keys: &VaultKeys) -> Result<Store> {
        if file_kind(path)? == FileKind::Plain {
            return Err(vault::VaultError::Plain.into());
        }
        Self::open_with(path, Some(keys))
    }

    fn open_with(path: &Path, keys: Option<&VaultKeys>) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private::create_dir_all(dir).map_err(|e| {
                StoreError::Migration(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
        let held = holder::shared(path)?;
        let mut store = Self::open_unheld(path, keys)?;
        store._held = Some(held);
        Ok(store)
    }

    /// Opens the database at `path` (with `keys` when it is encrypted) without taking the
    /// lock: for a restore, which holds it alone.
    pub(crate) fn open_unheld(path: &Path, keys: Option<&VaultKeys>) -> Result<Store> {
        let unprotected = |e: std::io::Error| {
            StoreError::Migration(format!("cannot protect {}: {e}", path.display()))
        };
        private::prepare_database(path).map_err(unprotected)?;
        let mut store = match keys {
            Some(keys) => {
                let (conn, database_key) =
                    open_keyed(path, &keys.database, rusqlite::OpenFlags::default())?;
                let mut store = Self::setup(conn, keys.signing.clone())?;
                store.database_key = Some(database_key);
                store
            }
            None => Self::setup(Connection::open(path)?, SigningKek::plain())?,
        };
        store.path = Some(path.to_path_buf());
        // SQLite made its -wal and -shm as it opened; they hold the records too.
        private::restrict_database(path).map_err(unprotected)?;
        Ok(store)
    }

    /// The key the database is encrypted with, if it is encrypted.
    pub(crate) fn database_key(&self) -> Option<&DatabaseKey> {
        self.database_key.as_ref()
    }

    /// An in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, SigningKek::plain())
    }

    fn setup(mut conn: Connection, signing: SigningKek) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // WAL: readers never block the one writer. FULL: a registration is on disk when the
        // clerk sees its number (people's records and money deserve the fsync).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Pages stay decrypted and parsed in the connection's cache for the working day, so a
        // search or a registration reads (and, encrypted, decrypts) each index page once.
        conn.pragma_update(None, "cache_size", PAGE_CACHE_KIB)?;
        conn.set_prepared_statement_cache_capacity(64);
        events_codec::register_functions(&conn)?;
        schema::migrate(&mut conn)?;
        documents::keys::seal_plain_secrets(&mut conn, &signing)?;
        Ok(Store { conn, path: None, _held: None, signing, database_key: None })
    }

    /// The key the signing secrets are sealed under.
    pub(crate) fn signing_kek(&self) -> &SigningKek {
        &self.signing
    }

    /// Runs `f` as one change made by `ctx.actor` at `ctx.at`: everything it writes, with its
    /// events, commits together or not at all.
    pub fn write<T>(
        &mut self,
        ctx: &Context,
        action: &str,
        f: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_from(ctx, action, events::Origin::Local, f)
    }

    /// [`Store::write`] for changes that do not come from this device's users: reference data
    /// from the centre is logged with its own origin and never sent back.
    pub(crate) fn write_from<T>(
        &mut self,
        ctx: &Context,
        action: &str,
        origin: events::Origin,
        f: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // A user added or a device's new identity since the last change: its words join the
        // office's envelope dictionary before this change's events are compressed.
        envelope_dictionary::refresh(&tx)?;
        let device: (String, String) = tx
            .prepare_cached("SELECT device_id, office_code FROM device")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(StoreError::NotInitialised)?;
        let out = {
            let mut change = Change::new(&tx, ctx, device, action);
            change.set_origin(origin);
            let out = f(&mut change)?;
            change.finish()?;
            out
        };
        checkpoint::write(&tx, &self.signing, Some(ctx.at))?;
        tx.commit()?;
        Ok(out)
    }

    /// Read access for the store's own modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Gives the memory of the connection's page cache back (SQLite's `sqlite3_db_release_memory`):
    /// for an app at rest. Nothing is lost; the next read takes the pages it needs again.
    pub fn release_memory(&self) -> Result<()> {
        Ok(self.conn.release_memory()?)
    }

    /// The bytes the connection's page cache holds now (`SQLITE_DBSTATUS_CACHE_USED`).
    pub fn cache_bytes(&self) -> i64 {
        // SAFETY: `sqlite3_db_status` only reads counters of this open connection; the handle
        // is valid for as long as `self.conn` lives.
        unsafe {
            let (mut current, mut highest) = (0, 0);
            rusqlite::ffi::sqlite3_db_status(
                self.conn.handle(),
                rusqlite::ffi::SQLITE_DBSTATUS_CACHE_USED,
                &mut current,
                &mut highest,
                0,
            );
            i64::from(current)
        }
    }

    /// Raw SQL for tests and benchmarks in this workspace (never for writes in the product).
    #[doc(hidden)]
    pub fn raw_connection(&self) -> &Connection {
        &self.conn
    }
}

/// Gives SQLCipher the raw database key and its profile: the first statements on the
/// connection. A key that does not open the file is found at once (the first read of the schema
/// fails) and said in the user's language at the edge; SQLCipher's own log (a process-wide
/// setting) is silenced, so its lines never reach a terminal or the window's console.
pub(crate) fn apply_key(conn: &Connection, key: &DatabaseKey) -> Result<()> {
    let pragma = zeroize::Zeroizing::new(format!(
        "PRAGMA cipher_log_level = NONE; PRAGMA key = \"{}\"; {}",
        key.pragma().as_str(),
        key.profile().pragmas("main")
    ));
    conn.execute_batch(&pragma)?;
    match conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(vault::VaultError::WrongSecret.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Opens the existing encrypted file at `path` with `key`, trying each [`CipherProfile`] (a
/// connection whose first read failed cannot be given another, so each try opens anew); the
/// key returned carries the profile that opened it. None opening it is
/// [`vault::VaultError::WrongSecret`].
pub(crate) fn open_keyed(
    path: &Path,
    key: &DatabaseKey,
    flags: rusqlite::OpenFlags,
) -> Result<(Connection, DatabaseKey)> {
    let others = CipherProfile::ALL.into_iter().filter(|p| *p != key.profile());
    for profile in std::iter::once(key.profile()).chain(others) {
        let conn = Connection::open_with_flags(path, flags)?;
        let key = key.with_profile(profile);
        match apply_key(&conn, &key) {
            Ok(()) => return Ok((conn, key)),
            Err(StoreError::Vault(vault::VaultError::WrongSecret)) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(vault::VaultError::WrongSecret.into())
}
