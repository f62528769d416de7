//! Sealing a small secret under a key (ChaCha20-Poly1305, a fresh random nonce each time), and
//! deriving that key from something a person types (Argon2id with a stored salt and cost).

use super::VaultError;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// How a key was derived from a typed secret: Argon2id with this salt and cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    /// Always `argon2id`.
    pub algorithm: String,
    /// Salt, hex.
    pub salt: String,
    /// Memory, KiB.
    pub m_kib: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl Kdf {
    /// A fresh salt with the cost OWASP recommends for Argon2id (19 MiB, 2 passes), as the
    /// passwords use.
    pub fn fresh() -> Kdf {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        Kdf { algorithm: "argon2id".into(), salt: hex::encode(salt), m_kib: 19_456, t: 2, p: 1 }
    }

    /// The 32-byte key `secret` gives under this salt and cost.
    pub fn derive(&self, secret: &str) -> Result<Zeroizing<[u8; 32]>, VaultError> {
        let bad = |detail: String| VaultError::File { path: String::new(), detail };
        if self.algorithm != "argon2id" {
            return Err(bad(format!("unknown key derivation {}", self.algorithm)));
        }
        let salt = hex::decode(&self.salt).map_err(|_| bad("salt".into()))?;
        let params =
            Params::new(self.m_kib, self.t, self.p, Some(32)).map_err(|e| bad(e.to_string()))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret.as_bytes(), &salt, out.as_mut())
            .map_err(|e| bad(e.to_string()))?;
        Ok(out)
    }
}

/// `plain` sealed under `key`, bound to `label` (what it is and whose): nonce and ciphertext.
pub fn seal(key: &[u8; 32], label: &str, plain: &[u8]) -> Result<([u8; 12], Vec<u8>), VaultError> {
    let mut nonce = [0u8; 12];
    OsRng.fill_bytes(&mut nonce);
    let sealed = ChaCha20Poly1305::new(&Key::from(*key))
        .encrypt(&Nonce::from(nonce), Payload { msg: plain, aad: label.as_bytes() })
        .map_err(|_| VaultError::File { path: String::new(), detail: "sealing failed".into() })?;
    Ok((nonce, sealed))
}

/// What [`seal`] sealed, or [`VaultError::WrongSecret`] when the key or the label differ or the
/// bytes were changed.
pub fn open(
    key: &[u8; 32],
    label: &str,
    nonce: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let nonce = <[u8; 12]>::try_from(nonce).map_err(|_| VaultError::WrongSecret)?;
    ChaCha20Poly1305::new(&Key::from(*key))
        .decrypt(&Nonce::from(nonce), Payload { msg: sealed, aad: label.as_bytes() })
        .map(Zeroizing::new)
        .map_err(|_| VaultError::WrongSecret)
}
