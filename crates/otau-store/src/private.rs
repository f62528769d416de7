//! Files and folders private to their owner: every file Otau creates that holds personal data
//! (the database and its journal, documents, backups, packets, replicas) is made `0600`, every
//! folder it creates `0700`, whatever the umask (Law 94-V: control access, protect the media).
//!
//! # Design
//! The mode is given when a file or folder is created (`OpenOptionsExt::mode`,
//! `DirBuilderExt::mode`), so there is no moment when another user could open it; a umask can
//! only take bits away. SQLite creates its own files (the `-wal` and `-shm` take the database's
//! mode), so [`restrict_database`] sets them after opening, which also tightens a database made
//! by an older build. On other systems these are the plain calls, the folder's access list
//! deciding. This module knows nothing of what a file holds.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The mode of a file holding personal data: read and written by its owner only.
pub const FILE_MODE: u32 = 0o600;
/// The mode of a folder Otau creates: entered and listed by its owner only.
pub const DIR_MODE: u32 = 0o700;

/// Creates `path` and the folders missing above it, each created one `0700`. Folders that
/// exist are left as they are: they are not Otau's to change.
pub fn create_dir_all(path: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(path)
}

/// Opens a new file at `path` for writing, `0600` from its creation. Fails with `AlreadyExists`
/// when anything is at `path`, a symbolic link included (dangling or not): nothing is ever
/// written through one.
pub fn create_new(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options.open(path)
}

/// Creates `path` with `bytes` (as [`create_new`]) and flushes it to the disk: a stick may be
/// pulled out right after.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = create_new(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Opens the file at `path` for reading and writing, creating it `0600` when nothing is there
/// (a lock file, which holds nothing but is kept as private as what it guards).
pub fn open_or_create(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options.open(path)
}

/// Makes the file at `path` private to its owner, if there is one (a symbolic link is not
/// followed: its target is not Otau's). A file of another user, which only its owner may
/// change, is left as it is.
pub fn restrict(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && !is_private(&meta) => match set_private(path) {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Ok(()),
            done => done,
        },
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The database at `path` and the files SQLite keeps beside it (`-wal`, `-shm`, `-journal`),
/// made private to their owner.
pub fn restrict_database(path: &Path) -> std::io::Result<()> {
    restrict(path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        restrict(&beside(path, suffix))?;
    }
    Ok(())
}

/// Creates the database file at `path` empty and `0600` when nothing is there, so SQLite opens
/// a private file and gives its `-wal` and `-shm` the same mode.
pub fn prepare_database(path: &Path) -> std::io::Result<()> {
    match create_new(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => restrict_database(path),
        Err(e) => Err(e),
    }
}

/// The path of a file SQLite or Otau keeps beside `path`: its name with `suffix` added
/// (`otau.sqlite` and `-wal` give `otau.sqlite-wal`).
pub fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(unix)]
fn is_private(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o077 == 0
}

#[cfg(not(unix))]
fn is_private(_meta: &std::fs::Metadata) -> bool {
    true
}

#[cfg(unix)]
fn set_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(FILE_MODE))
}

#[cfg(not(unix))]
fn set_private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
