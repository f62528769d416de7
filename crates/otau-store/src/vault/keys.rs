//! The two random keys of an office database: the database key (SQLCipher's raw key) and the
//! key the signing secrets are sealed under. Both are wiped from memory when dropped.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

/// How SQLCipher authenticates the pages of a database: given on every connection, after the
/// key and before the first read, since the file does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CipherProfile {
    /// HMAC-SHA256 (SHA extensions on current x86 and ARM processors make it several times
    /// cheaper than SHA-512 per page): every database encrypted since it was chosen.
    Sha256,
    /// SQLCipher 4's defaults (HMAC-SHA512): databases encrypted before.
    Sqlcipher4,
}

impl CipherProfile {
    /// The profile new databases are encrypted with.
    pub const NEW: CipherProfile = CipherProfile::Sha256;

    /// Every profile a database may have been encrypted with, the newest first.
    pub const ALL: [CipherProfile; 2] = [CipherProfile::Sha256, CipherProfile::Sqlcipher4];

    /// The statements that select this profile on the database `schema` (`main`, or an
    /// attached one), run after its key and before its first read.
    pub(crate) fn pragmas(self, schema: &str) -> String {
        match self {
            CipherProfile::Sha256 => {
                format!("PRAGMA {schema}.cipher_hmac_algorithm = HMAC_SHA256;")
            }
            CipherProfile::Sqlcipher4 => String::new(),
        }
    }
}

/// The raw 32-byte key SQLCipher encrypts the database with, and the profile of the database it
/// opened (for a copy made with the same key, which must match it page for page).
#[derive(Clone)]
pub struct DatabaseKey(Zeroizing<[u8; 32]>, CipherProfile);

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(..)")
    }
}

impl DatabaseKey {
    /// A key from its bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> DatabaseKey {
        DatabaseKey(Zeroizing::new(bytes), CipherProfile::NEW)
    }

    /// The profile this key is applied with.
    pub fn profile(&self) -> CipherProfile {
        self.1
    }

    /// The same key, applied with `profile`.
    pub fn with_profile(&self, profile: CipherProfile) -> DatabaseKey {
        DatabaseKey(self.0.clone(), profile)
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
        VaultKeys {
            database: DatabaseKey(database, CipherProfile::NEW),
            signing: SigningKek(signing),
        }
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
        Some(VaultKeys {
            database: DatabaseKey(database, CipherProfile::NEW),
            signing: SigningKek(signing),
        })
    }
}
