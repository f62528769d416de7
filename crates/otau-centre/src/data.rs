//! The centre's data folder: its identity (id, name, Ed25519 key), its TLS certificate and key
//! (self-signed, made at `otau centre init`), and the SQLite database by default. Secret files
//! are written 0600 in a folder that is 0700.

use crate::error::{CentreError, Result};
use ed25519_dalek::SigningKey;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// The centre's identity and certificate.
#[derive(Clone)]
pub struct Identity {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Signs packets and reference data.
    pub key: SigningKey,
    /// The certificate (PEM).
    pub cert_pem: String,
    /// The certificate's private key (PEM).
    pub key_pem: String,
    /// SHA-256 of the certificate (DER).
    pub cert_sha256: [u8; 32],
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("id", &self.id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Identity {
    /// The public key (hex).
    pub fn public_key(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }

    /// What an enrolment code for a packet-only device pins: the SHA-256 of the centre's public
    /// key (such a device never sees the certificate; the code, carried apart from the centre's
    /// card, proves the card's key).
    pub fn key_pin(&self) -> [u8; 32] {
        Sha256::digest(self.key.verifying_key().to_bytes()).into()
    }

    /// The certificate's SHA-256 (hex).
    pub fn cert_hex(&self) -> String {
        hex::encode(self.cert_sha256)
    }
}

#[derive(Serialize, Deserialize)]
struct CentreFile {
    id: Uuid,
    name: String,
    public_key: String,
    created_at: String,
}

fn io(path: &Path, e: impl std::fmt::Display) -> CentreError {
    CentreError::Io { path: path.display().to_string(), reason: e.to_string() }
}

/// The files of a data folder.
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The folder at `root`.
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The SQLite database.
    pub fn database(&self) -> PathBuf {
        self.root.join("centre.sqlite")
    }

    fn centre_file(&self) -> PathBuf {
        self.root.join("centre.json")
    }
    fn key_file(&self) -> PathBuf {
        self.root.join("centre.key")
    }
    fn cert_file(&self) -> PathBuf {
        self.root.join("tls").join("cert.pem")
    }
    fn tls_key_file(&self) -> PathBuf {
        self.root.join("tls").join("key.pem")
    }

    /// Whether a centre was made here.
    pub fn exists(&self) -> bool {
        self.centre_file().exists()
    }

    /// Makes a new centre here: its id, key and self-signed certificate.
    pub fn init(&self, name: &str, now: &str) -> Result<Identity> {
        if self.exists() {
            return Err(CentreError::AlreadyInitialised { path: self.root.display().to_string() });
        }
        create_private_dir(&self.root)?;
        create_private_dir(&self.root.join("tls"))?;
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let key = SigningKey::from_bytes(&secret);
        let id = Uuid::now_v7();
        let names = vec![
            "localhost".to_string(),
            "127.0.0.1".to_string(),
            "::1".to_string(),
            format!("otau-centre-{id}"),
        ];
        let certified = rcgen::generate_simple_self_signed(names)
            .map_err(|e| CentreError::Tls(e.to_string()))?;
        let cert_pem = certified.cert.pem();
        let key_pem = certified.signing_key.serialize_pem();
        write_private(&self.key_file(), hex::encode(secret).as_bytes())?;
        write_private(&self.tls_key_file(), key_pem.as_bytes())?;
        write_private(&self.cert_file(), cert_pem.as_bytes())?;
        let file = CentreFile {
            id,
            name: name.to_string(),
            public_key: hex::encode(key.verifying_key().to_bytes()),
            created_at: now.to_string(),
        };
        let text = serde_json::to_string_pretty(&file).map_err(|e| io(&self.centre_file(), e))?;
        write_private(&self.centre_file(), text.as_bytes())?;
        self.load()
    }

    /// Reads the centre made here.
    pub fn load(&self) -> Result<Identity> {
        if !self.exists() {
            return Err(CentreError::NotInitialised { path: self.root.display().to_string() });
        }
        let read = |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| io(&p, e));
        let file: CentreFile = serde_json::from_str(&read(self.centre_file())?)
            .map_err(|e| io(&self.centre_file(), e))?;
        let secret: [u8; 32] = hex::decode(read(self.key_file())?.trim())
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| io(&self.key_file(), "not a 32-byte hex key"))?;
        let cert_pem = read(self.cert_file())?;
        let key_pem = read(self.tls_key_file())?;
        let der = rustls_pemfile::certs(&mut cert_pem.as_bytes())
            .next()
            .and_then(|c| c.ok())
            .ok_or_else(|| io(&self.cert_file(), "no certificate"))?;
        Ok(Identity {
            id: file.id,
            name: file.name,
            key: SigningKey::from_bytes(&secret),
            cert_pem,
            key_pem,
            cert_sha256: Sha256::digest(der.as_ref()).into(),
        })
    }
}

fn create_private_dir(path: &Path) -> Result<()> {
    otau_store::private::create_dir_all(path).map_err(|e| io(path, e))?;
    // The data folder holds the centre's keys: tightened even when it existed before.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| io(path, e))?;
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    otau_store::private::write_new(path, bytes).map_err(|e| io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_centre_is_made_once_and_reads_back_with_private_files() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("centre"));
        let made = data.init("Test centre", "2026-12-06T00:00:00.000Z").unwrap();
        let read = data.load().unwrap();
        assert_eq!(
            (made.id, made.cert_sha256, made.public_key()),
            (read.id, read.cert_sha256, read.public_key())
        );
        assert!(matches!(data.init("again", "x"), Err(CentreError::AlreadyInitialised { .. })));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in ["centre.key", "tls/key.pem"] {
                let mode = std::fs::metadata(data.root().join(f)).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{f}");
            }
        }
    }
}
