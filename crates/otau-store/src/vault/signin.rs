//! Finding the vault's keys for a sign-in: the user's own wrap on this computer, or — for a user
//! who has none here yet, or whose wrap no longer opens — the office secret, once; then keeping
//! the user's wrap in step with their password.

use super::{Unlock, VaultError, VaultFile, VaultKeys, WrapKind};
use std::path::Path;

/// The keys `login` with `password` opens the vault with, or the office secret when given and
/// the user has no wrap that opens here.
pub fn keys_for_sign_in(
    file: &VaultFile,
    login: &str,
    password: &str,
    office_secret: Option<&str>,
) -> Result<VaultKeys, VaultError> {
    match file.unlock(Unlock::User { login, password }) {
        Ok(keys) => Ok(keys),
        Err(e @ (VaultError::NeedsOfficeSecret { .. } | VaultError::WrongSecret)) => {
            match office_secret.filter(|s| !s.is_empty()) {
                Some(secret) => file.unlock(Unlock::OfficeSecret(secret)),
                None => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// After `login` signed in with `password` (checked by the database): gives them a wrap on
/// this computer, or a new one when their password changed, and saves the keys file.
pub fn remember_user(
    db: &Path,
    file: &mut VaultFile,
    keys: &VaultKeys,
    login: &str,
    password: &str,
) -> Result<(), VaultError> {
    if file.unlock(Unlock::User { login, password }).is_ok() {
        return Ok(());
    }
    file.set_wrap(keys, WrapKind::User, Some(login), password)?;
    file.save(db)
}

/// Opens the database at `db` with the office secret: encrypted when a keys file is beside it,
/// else plain (tools and tests that look inside a database an `otau` command made).
pub fn open_with_secret(db: &Path, office_secret: &str) -> crate::Result<crate::Store> {
    match VaultFile::read(db)? {
        Some(file) => {
            let keys = file.unlock(super::Unlock::OfficeSecret(office_secret))?;
            crate::Store::open_encrypted(db, &keys)
        }
        None => crate::Store::open(db),
    }
}
