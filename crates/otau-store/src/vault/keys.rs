//! The two random keys of an office database: the database key (SQLCipher's raw key) and the
//! key the signing secrets are sealed under. Both are wiped from memory when dropped.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

/// The raw 32-byte key SQLCipher encrypts the database with.
#[derive(Clone)]
pub struct DatabaseKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(..)")
    }
}

impl DatabaseKey {
    /// A key from its bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> DatabaseKey {
        DatabaseKey(Zeroizing::new(bytes))
    }

    /// The key's bytes.
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The value of `PRAGMA key` that gives SQLCipher this raw key (no key derivation of its
    /// own: the key is random already).
    pub(crate) fn pragma(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(67));
        text.push_str("x'");
        for b in self.0.iter() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            text.push(char::from(HEX[usize::from(b >> 4)]));
            text.push(char::from(HEX[usize::from(b & 15)]));
        }
        text.push('\'');
        text
    }
}

/// The key the office's signing secrets are sealed under inside the database.
#[derive(Clone)]
pub struct SigningKek(pub(crate) Zeroizing<[u8; 32]>);

impl std::fmt::Debug for SigningKek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKek(..)")
    }
}

impl SigningKek {
    /// The key of a plain database (tests, benchmarks, an older database before
    /// `otau vault encrypt`): public, so it protects nothing — a plain database protects
    /// nothing either. The form stays one: the secret column is never plaintext.
    pub fn plain() -> SigningKek {
        SigningKek(Zeroizing::new([0u8; 32]))
    }
}

/// Everything a vault unwraps to: the database key and the signing key-encryption key.
#[derive(Clone, Debug)]
pub struct VaultKeys {
    /// Opens the database.
    pub database: DatabaseKey,
    /// Seals the signing secrets.
    pub signing: SigningKek,
}

impl VaultKeys {
    /// Two fresh random keys.
    pub fn generate() -> VaultKeys {
        let mut database = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(database.as_mut());
        let mut signing = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(signing.as_mut());
        VaultKeys { database: DatabaseKey(database), signing: SigningKek(signing) }
    }

    /// The 64 bytes sealed in each wrap.
    pub(crate) fn to_bytes(&self) -> Zeroizing<[u8; 64]> {
        let mut out = Zeroizing::new([0u8; 64]);
        out[..32].copy_from_slice(self.database.bytes());
        out[32..].copy_from_slice(self.signing.0.as_ref());
        out
    }

    /// Read back from a wrap's 64 bytes.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<VaultKeys> {
        if bytes.len() != 64 {
            return None;
        }
        let mut database = Zeroizing::new([0u8; 32]);
        database.copy_from_slice(&bytes[..32]);
        let mut signing = Zeroizing::new([0u8; 32]);
        signing.copy_from_slice(&bytes[32..]);
        Some(VaultKeys { database: DatabaseKey(database), signing: SigningKek(signing) })
    }
}
