//! The keys file beside an office database (`otau.sqlite.keys`): versioned JSON holding the
//! vault's keys wrapped under the office secret, the recovery code and the password of each
//! user who has signed in on this computer; private to its owner and replaced whole, through a
//! temporary file and a rename, so a crash leaves the old file or the new one.

use super::keys::VaultKeys;
use super::recovery::RecoveryCode;
use super::wrap::{self, Kdf};
use super::VaultError;
use crate::office::OfficeRec;
use crate::private;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const FORMAT: &str = "otau-vault";
const VERSION: u32 = 1;

/// What a wrap is under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WrapKind {
    /// The office secret an administrator sets.
    Office,
    /// The recovery code printed at `otau init`.
    Recovery,
    /// A user's password on this computer.
    User,
}

/// The keys sealed under one secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wrap {
    /// What it is under.
    pub kind: WrapKind,
    /// Whose password, for [`WrapKind::User`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// How the wrapping key is derived.
    pub kdf: Kdf,
    /// Nonce, hex.
    pub nonce: String,
    /// The keys sealed, hex.
    pub sealed: String,
}

/// A secret that unlocks the vault.
#[derive(Debug, Clone, Copy)]
pub enum Unlock<'a> {
    /// The office secret.
    OfficeSecret(&'a str),
    /// The recovery code, as typed.
    Recovery(&'a str),
    /// A user's login and password.
    User {
        /// Login, as typed.
        login: &'a str,
        /// Password.
        password: &'a str,
    },
}

/// The keys file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultFile {
    /// Always `otau-vault`.
    pub format: String,
    /// The layout's version.
    pub version: u32,
    /// The office, shown on the sign-in screen before the database can be opened (a name, no
    /// personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<OfficeRec>,
    /// The wraps.
    pub wraps: Vec<Wrap>,
}

fn label(kind: WrapKind, login: Option<&str>) -> String {
    match (kind, login) {
        (WrapKind::Office, _) => "otau-vault-v1|office".into(),
        (WrapKind::Recovery, _) => "otau-vault-v1|recovery".into(),
        (WrapKind::User, login) => format!("otau-vault-v1|user|{}", login.unwrap_or_default()),
    }
}

fn login_key(login: &str) -> String {
    crate::users::normalize_login(login).unwrap_or_else(|_| login.trim().to_lowercase())
}

impl VaultFile {
    /// The keys file of the database at `db`.
    pub fn path_for(db: &Path) -> PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(".keys");
        PathBuf::from(name)
    }

    /// A new vault for `keys`, wrapped under the office secret and the recovery code.
    pub fn new(
        keys: &VaultKeys,
        office_secret: &str,
        recovery: &RecoveryCode,
    ) -> Result<VaultFile, VaultError> {
        let mut file =
            VaultFile { format: FORMAT.into(), version: VERSION, office: None, wraps: vec![] };
        file.set_wrap(keys, WrapKind::Office, None, office_secret)?;
        let code = RecoveryCode::normalise(recovery.as_str()).ok_or(VaultError::WrongSecret)?;
        file.set_wrap(keys, WrapKind::Recovery, None, &code)?;
        Ok(file)
    }

    /// Reads the keys file of the database at `db`, `None` when there is none.
    pub fn read(db: &Path) -> Result<Option<VaultFile>, VaultError> {
        let path = Self::path_for(db);
        let bad = |detail: String| VaultError::File { path: path.display().to_string(), detail };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(bad(e.to_string())),
        };
        let file: VaultFile = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if file.format != FORMAT || file.version != VERSION {
            return Err(bad(format!("{} version {}", file.format, file.version)));
        }
        Ok(Some(file))
    }

    /// Writes the keys file of the database at `db`: a private temporary file, flushed, then
    /// renamed over the old one.
    pub fn save(&self, db: &Path) -> Result<(), VaultError> {
        let path = Self::path_for(db);
        let bad = |detail: String| VaultError::File { path: path.display().to_string(), detail };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        match std::fs::remove_file(&tmp) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(bad(e.to_string())),
        }
        let text = serde_json::to_vec_pretty(self).map_err(|e| bad(e.to_string()))?;
        private::write_new(&tmp, &text).map_err(|e| bad(e.to_string()))?;
        std::fs::rename(&tmp, &path).map_err(|e| bad(e.to_string()))?;
        #[cfg(unix)]
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself reaches the disk with the folder.
            std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| bad(e.to_string()))?;
        }
        Ok(())
    }

    /// The keys, unwrapped with `how`. A user with no wrap here gets
    /// [`VaultError::NeedsOfficeSecret`]; a secret that opens nothing, [`VaultError::WrongSecret`].
    pub fn unlock(&self, how: Unlock<'_>) -> Result<VaultKeys, VaultError> {
        let normalised;
        let (kind, login, secret) = match how {
            Unlock::OfficeSecret(secret) => (WrapKind::Office, None, secret),
            Unlock::Recovery(code) => {
                normalised = RecoveryCode::normalise(code).ok_or(VaultError::WrongSecret)?;
                (WrapKind::Recovery, None, normalised.as_str())
            }
            Unlock::User { login, password } => (WrapKind::User, Some(login_key(login)), password),
        };
        let mut candidates = self
            .wraps
            .iter()
            .filter(|w| w.kind == kind && (kind != WrapKind::User || w.login == login))
            .peekable();
        if candidates.peek().is_none() {
            return Err(match login {
                Some(login) => VaultError::NeedsOfficeSecret { login },
                None => VaultError::WrongSecret,
            });
        }
        for w in candidates {
            let key = w.kdf.derive(secret)?;
            let nonce = hex::decode(&w.nonce).map_err(|_| VaultError::WrongSecret)?;
            let sealed = hex::decode(&w.sealed).map_err(|_| VaultError::WrongSecret)?;
            if let Ok(plain) = wrap::open(&key, &label(w.kind, w.login.as_deref()), &nonce, &sealed)
            {
                return VaultKeys::from_bytes(&plain).ok_or(VaultError::WrongSecret);
            }
        }
        Err(VaultError::WrongSecret)
    }

    /// Whether `login` has a wrap on this computer.
    pub fn has_user(&self, login: &str) -> bool {
        let login = login_key(login);
        self.wraps.iter().any(|w| w.kind == WrapKind::User && w.login.as_deref() == Some(&login))
    }

    /// Wraps `keys` under `secret` as `kind` (and `login`), replacing the wrap it had.
    pub fn set_wrap(
        &mut self,
        keys: &VaultKeys,
        kind: WrapKind,
        login: Option<&str>,
        secret: &str,
    ) -> Result<(), VaultError> {
        let login = login.map(login_key);
        let kdf = Kdf::fresh();
        let key = kdf.derive(secret)?;
        let (nonce, sealed) = wrap::seal(&key, &label(kind, login.as_deref()), &*keys.to_bytes())?;
        self.wraps.retain(|w| !(w.kind == kind && w.login == login));
        self.wraps.push(Wrap {
            kind,
            login,
            kdf,
            nonce: hex::encode(nonce),
            sealed: hex::encode(sealed),
        });
        Ok(())
    }

    /// Removes `login`'s wrap (a deactivated user); whether there was one.
    pub fn remove_user(&mut self, login: &str) -> bool {
        let login = login_key(login);
        let before = self.wraps.len();
        self.wraps.retain(|w| !(w.kind == WrapKind::User && w.login.as_deref() == Some(&login)));
        self.wraps.len() != before
    }

    /// The logins with a wrap here.
    pub fn users(&self) -> Vec<String> {
        self.wraps
            .iter()
            .filter(|w| w.kind == WrapKind::User)
            .filter_map(|w| w.login.clone())
            .collect()
    }
}
