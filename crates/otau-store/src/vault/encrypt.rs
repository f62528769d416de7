//! Turning a plain (older) office database into an encrypted one, on command only
//! (`otau vault encrypt`): SQLCipher's `sqlcipher_export` copies it into a new encrypted file,
//! the signing secrets are sealed under the vault's key, and the new file replaces the old.

use super::keys::SigningKek;
use super::{VaultError, VaultKeys};
use crate::error::{Result, StoreError};
use crate::{documents, file_kind, private, schema, FileKind, Store};
use std::path::{Path, PathBuf};

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::Migration(format!("cannot remove {}: {e}", path.display()))),
    }
}

/// Encrypts the plain database at `path` with `keys`. The caller has saved the keys file
/// first, so no moment leaves an encrypted database without its keys. Refuses a database that
/// is encrypted already, or missing.
pub fn encrypt_database(path: &Path, keys: &VaultKeys) -> Result<()> {
    match file_kind(path)? {
        FileKind::Plain => {}
        FileKind::Encrypted => return Err(VaultError::AlreadyEncrypted.into()),
        FileKind::Missing => return Err(StoreError::NotInitialised),
    }
    let tmp = beside(path, ".encrypting");
    for suffix in ["", "-wal", "-shm", "-journal"] {
        remove_if_there(&beside(&tmp, suffix))?;
    }
    {
        // Brought up to date first, the secrets an older build left in the clear sealed.
        let store = Store::open(path)?;
        let conn = store.raw_connection();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        private::prepare_database(&tmp)
            .map_err(|e| StoreError::Migration(format!("cannot create {}: {e}", tmp.display())))?;
        let attach = zeroize::Zeroizing::new(format!(
            "ATTACH DATABASE ?1 AS encrypted KEY \"{}\"",
            keys.database.pragma().as_str()
        ));
        conn.execute(&attach, [tmp.to_string_lossy()])?;
        conn.execute_batch(&keys.database.profile().pragmas("encrypted"))?;
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        conn.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {}; DETACH DATABASE encrypted;",
            schema::version(conn)?
        ))?;
    }
    {
        let mut store = Store::open_encrypted(&tmp, keys)?;
        documents::keys::reseal_all(store.conn_mut(), &SigningKek::plain(), &keys.signing)?;
    }
    std::fs::rename(&tmp, path)
        .map_err(|e| StoreError::Migration(format!("cannot replace {}: {e}", path.display())))?;
    for suffix in ["-wal", "-shm", "-journal"] {
        remove_if_there(&beside(path, suffix))?;
    }
    Ok(())
}
