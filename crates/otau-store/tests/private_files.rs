//! The files of the office database are private to their owner (Law 94-V: protect the media):
//! the database, its `-wal` and `-shm`, a folder made for it and a backup are `0600`/`0700`
//! whatever the umask leaves, and a database an older build left readable is tightened when
//! opened.
#![cfg(unix)]

mod common;

use common::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn beside(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[test]
fn finding_2_the_database_its_journal_and_folder_are_private_to_their_owner() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("otau").join("data");
    let path = folder.join("office.sqlite");
    let store = otau_store::Store::open(&path).expect("open");
    store
        .raw_connection()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .expect("write");
    for file in [path.clone(), beside(&path, "-wal"), beside(&path, "-shm")] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    assert_eq!(mode(&folder), 0o700, "the folder made for the database");
    assert_eq!(mode(&dir.path().join("otau")), 0o700, "the folder above it, made too");
    drop(store);

    // An older build's database, readable by everyone, is tightened when opened.
    for file in [path.clone(), beside(&path, "-wal"), beside(&path, "-shm")] {
        if file.exists() {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        }
    }
    let store = otau_store::Store::open(&path).expect("open again");
    store.raw_connection().execute("INSERT INTO t VALUES (2)", []).expect("write");
    for file in [path.clone(), beside(&path, "-wal"), beside(&path, "-shm")] {
        assert_eq!(mode(&file), 0o600, "{} after opening again", file.display());
    }
}

#[test]
fn finding_2_a_backup_is_written_private() {
    let o = office();
    let backup = o.dir.path().join("backup.sqlite");
    o.store.backup_to(&backup).expect("backup");
    assert_eq!(mode(&backup), 0o600);
    let copy = otau_store::Store::open(&backup).expect("the backup opens");
    assert!(copy.sign_in("admin", ADMIN_PASSWORD).is_ok());
    // A backup never replaces a file.
    assert!(o.store.backup_to(&backup).is_err());
}
