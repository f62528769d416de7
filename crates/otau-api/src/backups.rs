//! The daily backup from the app and the backup panel: when someone signs in and the newest
//! checked backup of the office is a day old or more, or when a manager or an administrator
//! asks ("Back up now"), a backup is written in the background and rotated as `otau backup`
//! does (`otau_store::backup`); the panel says when the last one was taken, where and how big
//! it is, and why the last attempt failed.
//!
//! # Design
//! The backup runs on a thread of its own with its own `Store` connection to the same file,
//! like the sync worker, so the window is never held: the copy reads one snapshot while the
//! desk's connection goes on writing (WAL). The moment comes from the command that started it
//! ([`Now`]), so a test drives the daily rule with a made-up clock. Only one backup runs at a
//! time; how the last attempt ended is kept in memory for the panel, and what is on disk is
//! read from the backups folder each time (only checked copies are named as backups there).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};
use otau_store::backup::{self, BackupFile, BackupProgress};
use otau_store::vault::VaultKeys;
use otau_store::{Action, Actor, Context, Store};
use serde::Serialize;
use ts_rs::TS;

use crate::desk::Desk;
use crate::error::{code, ApiError, ApiResult};
use crate::Now;

/// How old the newest backup may be before the app writes another when someone signs in.
pub const DAILY: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// The last backup as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LastBackup {
    /// When it was taken (UTC).
    pub at: DateTime<Utc>,
    /// Where it is.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl From<BackupFile> for LastBackup {
    fn from(file: BackupFile) -> LastBackup {
        LastBackup { at: file.taken_at, path: file.path.display().to_string(), bytes: file.bytes }
    }
}

/// The backup panel of the home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupPanel {
    /// The folder backups go to.
    pub folder: String,
    /// The newest checked backup of this office there, if any.
    pub last: Option<LastBackup>,
    /// A backup is being written now.
    pub running: bool,
    /// How far the backup being written is, once it has begun copying.
    pub progress: Option<BackupProgress>,
    /// Why the last attempt of this run of the app failed, if it did (cleared by a success).
    pub failed: Option<ApiError>,
    /// The newest backup is a day old or more (or there is none).
    pub due: bool,
}

/// What the backup worker is doing, shared with the desk.
#[derive(Debug, Default)]
struct State {
    running: bool,
    progress: Option<BackupProgress>,
    failed: Option<ApiError>,
    handle: Option<JoinHandle<()>>,
}

/// The app's backups: at most one running, and how the last one ended.
#[derive(Debug, Clone, Default)]
pub struct Backups {
    state: Arc<Mutex<State>>,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A few flags: one left by a panicking thread is still worth reading.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Backups {
    /// Starts a backup of `db` into `dir` at `now` on a thread of its own, unless one runs; an
    /// encrypted database is opened with `keys`, and its backup is encrypted with them too.
    fn start(&self, db: PathBuf, dir: PathBuf, now: Now, keys: Option<VaultKeys>) {
        let mut state = lock(&self.state);
        if state.running {
            return;
        }
        state.running = true;
        state.progress = None;
        if let Some(done) = state.handle.take() {
            // Finished already (it cleared `running`): joining does not wait.
            let _ = done.join();
        }
        let shared = Arc::clone(&self.state);
        state.handle = Some(std::thread::spawn(move || {
            let tell = |p: BackupProgress| lock(&shared).progress = Some(p);
            let outcome = write(&db, &dir, now, keys.as_ref(), &tell);
            let mut state = lock(&shared);
            state.running = false;
            state.progress = None;
            state.failed = outcome.err();
        }));
    }

    /// Waits for the backup under way, if any, to end.
    pub fn wait(&self) {
        let handle = lock(&self.state).handle.take();
        if let Some(handle) = handle {
            // A panic of the worker is reported like a failure by the next panel.
            if handle.join().is_err() {
                let mut state = lock(&self.state);
                state.running = false;
                state.failed = Some(ApiError::coded(code::INTERNAL));
            }
        }
    }

    fn snapshot(&self) -> (bool, Option<BackupProgress>, Option<ApiError>) {
        let state = lock(&self.state);
        (state.running, state.progress, state.failed.clone())
    }
}

/// One backup, on the worker's own connection, telling `progress` how far it is. The app writes
/// it as the system: the rotation is the office's, whoever happened to sign in.
fn write(
    db: &Path,
    dir: &Path,
    now: Now,
    keys: Option<&VaultKeys>,
    progress: backup::Progress<'_>,
) -> ApiResult<()> {
    let store = crate::desk::open_with(db, keys)?;
    store.back_up_telling(&Context::new(&Actor::system(), now.at, now.today), dir, progress)?;
    Ok(())
}

/// The newest checked backup of the database at `db` in its backups folder.
fn newest(db: &Path, store: &Store) -> ApiResult<Option<BackupFile>> {
    let office = store.office()?.office.code;
    Ok(backup::list(&backup::default_dir(db), Some(&office))?.into_iter().next())
}

fn is_due(last: Option<&BackupFile>, now: Now) -> bool {
    last.is_none_or(|b| now.at - b.taken_at >= DAILY)
}

impl Desk {
    /// Starts the daily backup when the newest one is a day old or more, or the folder cannot
    /// be read (the attempt then says why on the panel), after a sign-in.
    pub(crate) fn back_up_if_due(
        &self,
        db: &Path,
        store: &Store,
        now: Now,
        keys: Option<VaultKeys>,
    ) {
        if newest(db, store).map_or(true, |last| is_due(last.as_ref(), now)) {
            self.backups().start(db.to_path_buf(), backup::default_dir(db), now, keys);
        }
    }

    /// The backup panel at `now`. A backups folder that cannot be read shows as a failure.
    pub fn backup_panel(&self, now: Now) -> ApiResult<BackupPanel> {
        let db = self.db_path()?;
        let listed = self.with(|store, _| Ok(newest(&db, store)))?;
        let (running, progress, mut failed) = self.backups().snapshot();
        let last = match listed {
            Ok(last) => last,
            Err(e) => {
                failed = failed.or(Some(e));
                None
            }
        };
        Ok(BackupPanel {
            folder: backup::default_dir(&db).display().to_string(),
            due: is_due(last.as_ref(), now),
            last: last.map(LastBackup::from),
            running,
            progress,
            failed,
        })
    }

    /// Starts a backup now, in the background (administrators and managers); the panel says it
    /// runs.
    pub fn back_up_now(&self, now: Now) -> ApiResult<BackupPanel> {
        let db = self.db_path()?;
        self.with(|_, actor| Ok(actor.require(Action::BackUp)?))?;
        self.backups().start(db.clone(), backup::default_dir(&db), now, self.keys());
        self.backup_panel(now)
    }

    /// Waits for a backup under way (tests, and the shell before it exits).
    pub fn wait_for_backup(&self) {
        self.backups().wait();
    }
}
