//! Packets carried on a USB stick, in the desktop app: where to write the packet for the centre
//! (the removable drives mounted now, a file name of the office and the day), which packets of
//! the centre lie on them, writing one ("export for the centre") and importing one ("import from
//! the centre") with its progress and a summary of what moved. The rules are
//! `otau_device::packet`'s, as `otau packet export|import` calls them.
//!
//! # Design
//! The command table gives the shell one handler that runs each command to its end on a
//! blocking thread, and answers once. An import is one such command: it runs on a connection of
//! its own (never holding the desk, like a sync) and notes how far it is in memory, and
//! `packet_progress`, another command answered at once from that memory, is what the window
//! asks every few hundred milliseconds while it waits for the import's answer. A Tauri channel
//! would need a handler outside the table, and a type neither the command line nor the tests
//! have; polling needs nothing new, and the same import runs unchanged in a test.
//!
//! Drives are found the way desktop Linux mounts them: each folder under `/media/<user>` and
//! `/run/media/<user>` (or under the folders [`ENV_MEDIA_DIRS`] names, where a system mounts
//! them elsewhere). With none, the packet goes to the home folder. Nothing here opens a dialog:
//! the window offers these places and a path field.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};
use otau_core::FieldError;
use otau_device::{DeviceError, SyncReport};
use serde::Serialize;
use ts_rs::TS;

use crate::desk::Desk;
use crate::error::{ApiError, ApiResult};
use crate::Now;

/// Environment variable naming the folders whose subfolders are mounted drives, separated as
/// `PATH` is (instead of `/media/<user>` and `/run/media/<user>`).
pub const ENV_MEDIA_DIRS: &str = "OTAU_MEDIA_DIRS";

/// The extension of a packet file (as `otau packet export --out F` is used).
pub const EXTENSION: &str = "otau";

/// The packet screens' own error codes; each is a message in `assets/i18n/*/ui-sync.ftl`.
pub mod code {
    /// No file was named.
    pub const PATH_REQUIRED: &str = "desk-packet-path-required";
    /// The file to write exists already: a packet never replaces a file.
    pub const EXISTS: &str = "desk-packet-exists";
    /// The file cannot be written (no such folder, a read-only stick, a full disk).
    pub const UNWRITABLE: &str = "desk-packet-unwritable";
    /// The file cannot be read (no such file, no permission).
    pub const UNREADABLE: &str = "desk-packet-file-unreadable";
    /// Another import runs now.
    pub const BUSY: &str = "desk-packet-busy";
    /// Every code above, for the test that they are all translated.
    #[cfg(test)]
    pub const ALL: [&str; 5] = [PATH_REQUIRED, EXISTS, UNWRITABLE, UNREADABLE, BUSY];
}

/// A removable drive mounted now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PacketDrive {
    /// Its mount folder.
    pub path: String,
    /// Its name (the folder's, as the file manager shows it).
    pub name: String,
}

/// A packet file found on a drive or in the home folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PacketFile {
    /// The whole path.
    pub path: String,
    /// The file's name.
    pub name: String,
    /// Where it lies: a drive's name, or `None` for the home folder.
    pub drive: Option<String>,
    /// When it was last written (UTC, RFC 3339), when the system says.
    pub modified: Option<String>,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Where packets may go and come from, as the sync screen offers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PacketPlaces {
    /// The removable drives mounted now.
    pub drives: Vec<PacketDrive>,
    /// The home folder, when known.
    pub home: Option<String>,
    /// A new file's name: `otau-<office>-<date>.otau` (a number added when that one exists).
    pub file_name: String,
    /// Where the packet goes unless another path is typed: the first drive, else the home folder.
    pub default_path: Option<String>,
    /// Packet files on the drives and in the home folder, newest first.
    pub files: Vec<PacketFile>,
}

/// What a packet written for the centre carries, and where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PacketExported {
    /// The file written.
    pub path: String,
    /// The packet's id.
    pub packet_id: String,
    /// This office's events in it: every one the centre has not acknowledged.
    pub events: u32,
    /// The first and last of this device's sequences it carries (0 when none).
    pub first: i64,
    /// The last.
    pub last: i64,
    /// Whether it carries this computer's enrolment.
    pub enrolment: bool,
    /// The centre it is for (its name).
    pub centre_name: String,
    /// This computer, as the centre knows it.
    pub device_name: String,
    /// The office.
    pub office: String,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// What importing a packet of the centre moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PacketImported {
    /// The file read.
    pub path: String,
    /// The packet's id.
    pub packet_id: String,
    /// Who wrote it: the centre's name.
    pub centre_name: String,
    /// Whom it is for: this computer, as the centre knows it.
    pub device_name: String,
    /// The office.
    pub office: String,
    /// The office's events it covers: after `first - 1` through `last` (the centre's
    /// numbering).
    pub first: i64,
    /// The last.
    pub last: i64,
    /// What moved: acknowledged, applied, already held, conflicts and review cases recorded,
    /// reference rows, blocks of numbers.
    pub report: SyncReport,
    /// Papers other offices voided, received now.
    pub voided_papers: u32,
    /// Cases of the same person in two offices, received now.
    pub cross_cases: u32,
    /// Decisions of the other offices on such cases, received now.
    pub cross_decisions: u32,
    /// The other reference rows received or changed now: MCI rows, subsidy rules, quotas,
    /// offices' document keys.
    pub other_reference: u32,
}

/// How far an import is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct PacketProgress {
    /// An import runs now.
    pub running: bool,
    /// Events applied so far.
    pub done: u32,
    /// Events to apply (0 until the packet is opened and checked).
    pub total: u32,
}

/// The import under way, shared between the import's command and `packet_progress`.
#[derive(Debug, Default)]
pub(crate) struct Progress(Mutex<PacketProgress>);

impl Progress {
    fn lock(&self) -> MutexGuard<'_, PacketProgress> {
        // Three numbers: one left by a panicking thread is still worth reading.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts an import; false when one runs already.
    fn start(&self) -> bool {
        let mut p = self.lock();
        if p.running {
            return false;
        }
        *p = PacketProgress { running: true, done: 0, total: 0 };
        true
    }

    fn set(&self, done: usize, total: usize) {
        let mut p = self.lock();
        p.done = u32::try_from(done).unwrap_or(u32::MAX);
        p.total = u32::try_from(total).unwrap_or(u32::MAX);
    }

    fn stop(&self) {
        self.lock().running = false;
    }

    fn get(&self) -> PacketProgress {
        *self.lock()
    }
}

/// Where drives are mounted and the home folder: read from the environment by
/// [`Roots::from_env`], given as they are in tests.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roots {
    /// Folders whose subfolders are mounted drives (`/media/<user>`, `/run/media/<user>`).
    pub media: Vec<PathBuf>,
    /// The home folder.
    pub home: Option<PathBuf>,
}

impl Roots {
    /// The user's media folders and home folder, from `USER` (or `LOGNAME`, or the home
    /// folder's name) and `HOME`; [`ENV_MEDIA_DIRS`], when set, names the media folders.
    pub fn from_env() -> Roots {
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
        if let Some(dirs) = std::env::var_os(ENV_MEDIA_DIRS).filter(|d| !d.is_empty()) {
            return Roots { media: std::env::split_paths(&dirs).collect(), home };
        }
        let user = std::env::var("USER")
            .ok()
            .or_else(|| std::env::var("LOGNAME").ok())
            .filter(|u| !u.is_empty())
            .or_else(|| {
                home.as_ref().and_then(|h| h.file_name()).map(|n| n.to_string_lossy().into())
            });
        let media = match user {
            Some(user) => {
                vec![Path::new("/media").join(&user), Path::new("/run/media").join(&user)]
            }
            None => vec![],
        };
        Roots { media, home }
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The drives mounted under `roots`, by name.
fn drives(roots: &Roots) -> Vec<PacketDrive> {
    let mut out = vec![];
    for root in &roots.media {
        let Ok(entries) = std::fs::read_dir(root) else { continue };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                out.push(PacketDrive {
                    path: shown(&entry.path()),
                    name: entry.file_name().to_string_lossy().into_owned(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.path.cmp(&b.path)));
    out
}

/// The packet files directly in `folder`.
fn files_in(folder: &Path, drive: Option<&str>, out: &mut Vec<PacketFile>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let modified = meta
            .modified()
            .ok()
            .map(|m| DateTime::<Utc>::from(m).to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        out.push(PacketFile {
            path: shown(&path),
            name: entry.file_name().to_string_lossy().into_owned(),
            drive: drive.map(str::to_owned),
            modified,
            bytes: meta.len(),
        });
    }
}

/// The places of packets under `roots` for `office` on `today`: pure but for reading folders.
pub fn places(roots: &Roots, office: &str, today: chrono::NaiveDate) -> PacketPlaces {
    let drives = drives(roots);
    let folder = drives.first().map(|d| PathBuf::from(&d.path)).or_else(|| roots.home.clone());
    let base = format!("otau-{office}-{}", today.format("%Y-%m-%d"));
    let mut file_name = format!("{base}.{EXTENSION}");
    if let Some(folder) = &folder {
        let mut n = 2;
        while folder.join(&file_name).exists() && n < 1000 {
            file_name = format!("{base}-{n}.{EXTENSION}");
            n += 1;
        }
    }
    let mut files = vec![];
    for drive in &drives {
        files_in(Path::new(&drive.path), Some(&drive.name), &mut files);
    }
    if let Some(home) = &roots.home {
        files_in(home, None, &mut files);
    }
    // Newest first; a file without a date last.
    files.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.path.cmp(&b.path)));
    PacketPlaces {
        default_path: folder.map(|f| shown(&f.join(&file_name))),
        drives,
        home: roots.home.as_deref().map(shown),
        file_name,
        files,
    }
}

fn file_error(code: &str, path: &str, detail: Option<String>) -> ApiError {
    let mut e = ApiError::coded(code);
    e.args.insert("path".into(), path.to_owned());
    if let Some(detail) = detail {
        e.message = Some(detail.clone());
        e.args.insert("detail".into(), detail);
    }
    e
}

fn path_of(path: &str) -> ApiResult<PathBuf> {
    let path = path.trim();
    if path.is_empty() {
        return Err(ApiError::invalid(vec![FieldError::bare("path", code::PATH_REQUIRED)]));
    }
    Ok(PathBuf::from(path))
}

/// Writes `bytes` to a new file at `path`, private to its owner, and flushes it to the disk (a stick may be pulled out
/// right after); an existing file is never replaced.
fn write_new(path: &Path, bytes: &[u8]) -> ApiResult<()> {
    let text = shown(path);
    let mut file = otau_store::private::create_new(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            file_error(code::EXISTS, &text, None)
        } else {
            file_error(code::UNWRITABLE, &text, Some(e.to_string()))
        }
    })?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| file_error(code::UNWRITABLE, &text, Some(e.to_string())))
}

impl Desk {
    /// Where packets may go and come from now (drives under `roots`), for this office.
    pub fn packet_places_in(&self, roots: &Roots, now: Now) -> ApiResult<PacketPlaces> {
        let office = self.with(|store, _| Ok(store.device_identity()?.1))?;
        Ok(places(roots, &office, now.today))
    }

    /// Writes the packet for the centre to a new file at `path`: every event of this computer
    /// the centre has not acknowledged, sealed to the centre. Anyone signed in, as "sync now".
    pub fn export_packet(&self, path: &str, now: Now) -> ApiResult<PacketExported> {
        self.with(|_, _| Ok(()))?;
        let path = path_of(path)?;
        let text = shown(&path);
        if path.exists() {
            return Err(file_error(code::EXISTS, &text, None));
        }
        if !path.parent().is_none_or(|p| p.as_os_str().is_empty() || p.is_dir()) {
            return Err(file_error(code::UNWRITABLE, &text, Some("no such folder".into())));
        }
        // A connection of its own: the desk stays free while a slow stick is written.
        let mut store = self.own_connection()?;
        let state = store.sync_state()?;
        let (bytes, written) = otau_device::packet::export(&mut store, now.at, now.today)?;
        write_new(&path, &bytes)?;
        let (_, office) = store.device_identity()?;
        Ok(PacketExported {
            path: text,
            packet_id: written.packet_id,
            events: written.events,
            first: written.first,
            last: written.last,
            enrolment: written.enrolment,
            centre_name: state.as_ref().map(|s| s.centre_name.clone()).unwrap_or_default(),
            device_name: state.map(|s| s.device_name).unwrap_or_default(),
            office,
            bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        })
    }

    /// Imports the centre's packet at `path`: acknowledgements, the office's events, reference
    /// data and blocks of numbers, telling [`Desk::packet_progress`] how far it is. A packet that
    /// is not for this computer, changed, cut short, imported before or out of order is refused
    /// with its code and changes nothing. Anyone signed in, as "sync now".
    pub fn import_packet(&self, path: &str, now: Now) -> ApiResult<PacketImported> {
        self.with(|_, _| Ok(()))?;
        let path = path_of(path)?;
        let text = shown(&path);
        let bytes = std::fs::read(&path)
            .map_err(|e| file_error(code::UNREADABLE, &text, Some(e.to_string())))?;
        let progress = &self.background().packet;
        if !progress.start() {
            return Err(ApiError::coded(code::BUSY));
        }
        let result = self.import_bytes(&text, &bytes, now);
        progress.stop();
        result
    }

    fn import_bytes(&self, path: &str, bytes: &[u8], now: Now) -> ApiResult<PacketImported> {
        let manifest = otau_sync::packet::read(bytes).map_err(DeviceError::from)?.manifest;
        let mut store = self.own_connection()?;
        let before = store.reference_held()?;
        let progress = &self.background().packet;
        let report = otau_device::packet::import(&mut store, now.at, bytes, &mut |done, total| {
            progress.set(done, total)
        })?;
        let after = store.reference_held()?;
        let voided_papers = after.voided_papers.saturating_sub(before.voided_papers);
        let cross_cases = after.cross_cases.saturating_sub(before.cross_cases);
        let cross_decisions = after.cross_decisions.saturating_sub(before.cross_decisions);
        let other_reference =
            report.reference.saturating_sub(voided_papers + cross_cases + cross_decisions);
        let state = store.sync_state()?;
        self.background().note(report.clone());
        Ok(PacketImported {
            path: path.to_owned(),
            packet_id: manifest.packet_id.to_string(),
            centre_name: state.as_ref().map(|s| s.centre_name.clone()).unwrap_or_default(),
            device_name: state.map(|s| s.device_name).unwrap_or_default(),
            office: manifest.office,
            first: manifest.first,
            last: manifest.last,
            report,
            voided_papers,
            cross_cases,
            cross_decisions,
            other_reference,
        })
    }

    /// How far the import under way is (answered at once, from memory).
    pub fn packet_progress(&self) -> PacketProgress {
        self.background().packet.get()
    }
}

#[cfg(test)]
#[path = "packets_tests.rs"]
mod tests;
