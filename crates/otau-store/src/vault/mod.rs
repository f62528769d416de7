//! The vault: the keys that open an office database and its signing key, kept wrapped in a
//! private file beside the database and unwrapped with the office secret, a user's password or
//! the recovery code.
//!
//! # Design
//! Each office database has two random 32-byte keys ([`VaultKeys`]): the database key, given
//! to SQLCipher as a raw key, and the signing key-encryption key, under which the office's
//! Ed25519 secrets are sealed inside the database (`documents::keys`). Neither is ever stored
//! in the clear: the keys file ([`file`]) holds them sealed (ChaCha20-Poly1305) under keys
//! derived by Argon2id ([`wrap`]) from the office secret, the recovery code ([`recovery`]) and
//! the password of each user who has signed in on this computer. A copied database without its
//! secret is random bytes; a copied keys file without a secret opens nothing. Both keys live in
//! `Zeroizing` memory, wiped when dropped.

pub mod encrypt;
pub mod file;
pub mod keys;
pub mod recovery;
pub mod signin;
pub mod wrap;

pub use encrypt::encrypt_database;
pub use file::{Unlock, VaultFile, WrapKind};
pub use keys::{CipherProfile, DatabaseKey, VaultKeys};
pub use recovery::RecoveryCode;
pub use signin::{keys_for_sign_in, open_with_secret, remember_user};

use otau_core::Coded;
use std::collections::BTreeMap;

/// What can go wrong with the vault; each with a stable code the edges translate.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The database is encrypted and no key was given (or its keys file is missing).
    #[error("the database is encrypted and locked")]
    Locked,
    /// The key given does not open the database, or the secret does not open the keys file.
    #[error("the secret does not open this database")]
    WrongSecret,
    /// This user has no key on this computer yet: the office secret is needed once.
    #[error("the office secret is needed once for {login} on this computer")]
    NeedsOfficeSecret {
        /// The login.
        login: String,
    },
    /// The database is plain (an older one): `otau vault encrypt` makes it encrypted.
    #[error("the database is not encrypted")]
    Plain,
    /// The database already has a keys file or is already encrypted.
    #[error("the database is already encrypted")]
    AlreadyEncrypted,
    /// The keys file cannot be read or written.
    #[error("keys file {path}: {detail}")]
    File {
        /// The file.
        path: String,
        /// What went wrong.
        detail: String,
    },
}

impl Coded for VaultError {
    fn code(&self) -> &'static str {
        match self {
            VaultError::Locked => "vault-locked",
            VaultError::WrongSecret => "vault-wrong-secret",
            VaultError::NeedsOfficeSecret { .. } => "vault-needs-office-secret",
            VaultError::Plain => "vault-plain",
            VaultError::AlreadyEncrypted => "vault-already-encrypted",
            VaultError::File { .. } => "vault-file",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        match self {
            VaultError::NeedsOfficeSecret { login } => {
                a.insert("login".into(), login.clone());
            }
            VaultError::File { path, detail } => {
                a.insert("path".into(), path.clone());
                a.insert("detail".into(), detail.clone());
            }
            _ => {}
        }
        a
    }
}
