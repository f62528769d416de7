//! The office's document-signing key (made at `otau init`, its secret half never in the audit
//! or the outbox) and the public keys of the offices whose papers this database can check.

use super::office_header;
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::office::current_office;
use crate::record::{from_row, Record};
use crate::users::{Action, Actor};
use crate::write::Change;
use crate::Store;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use otau_print::seal::{decode_public_key, encode_key, public_key};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `office_signing_keys`. The secret key never reaches the audit or the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningKeyRec {
    /// Id.
    pub id: Uuid,
    /// Office.
    pub office_id: Uuid,
    /// Public key, unpadded URL-safe base64.
    pub public_key: String,
    /// Secret key, hex.
    pub secret_key: String,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
    /// Version.
    pub version: i64,
}

impl Record for SigningKeyRec {
    const TABLE: &'static str = "office_signing_keys";
    const ENTITY: &'static str = "office_key";
    const REDACTED: &'static [&'static str] = &["secret_key"];
    const PRIVATE: bool = true;
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn subject(&self) -> Option<Uuid> {
        None
    }
}

/// A row of `known_office_keys`: an office whose papers this database can check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownKeyRec {
    /// Id.
    pub id: Uuid,
    /// Office code.
    pub office_code: String,
    /// Office name, if known.
    pub office_name: Option<String>,
    /// Public key, unpadded URL-safe base64.
    pub public_key: String,
    /// Date it was added.
    pub added_on: NaiveDate,
    /// Version.
    pub version: i64,
}

impl Record for KnownKeyRec {
    const TABLE: &'static str = "known_office_keys";
    const ENTITY: &'static str = "known_office_key";
    // This device's trust store: filled here and from the centre's reference data, never sent.
    const PRIVATE: bool = true;
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn subject(&self) -> Option<Uuid> {
        None
    }
}

/// Makes a fresh Ed25519 key: (secret hex, public base64).
fn new_key() -> ([u8; 32], String) {
    let mut secret = [0u8; 32];
    OsRng.fill_bytes(&mut secret);
    let public = encode_key(&public_key(&secret));
    (secret, public)
}

/// The id of an office's known key: the same on every device, whether the key was made here,
/// arrived with the office's events or came from the centre.
pub(crate) fn known_key_id(office_code: &str, public_key: &str) -> Uuid {
    otau_sync::merge::derived_id(Uuid::nil(), &format!("office_key|{office_code}|{public_key}"))
}

/// A public key as this store writes it (unpadded URL-safe base64), read back to its bytes.
pub fn decode_key(text: &str) -> Option<[u8; 32]> {
    decode_public_key(text)
}

/// Writes a new signing key for the office and trusts its public half, inside a change.
pub(crate) fn create_office_key(
    change: &mut Change<'_>,
    office_id: Uuid,
    office_code: &str,
    office_name: &str,
) -> Result<String> {
    let (secret, _) = new_key();
    create_office_key_from(change, office_id, office_code, office_name, secret)
}

/// [`create_office_key`] with the secret half given.
fn create_office_key_from(
    change: &mut Change<'_>,
    office_id: Uuid,
    office_code: &str,
    office_name: &str,
    secret: [u8; 32],
) -> Result<String> {
    let public = encode_key(&public_key(&secret));
    let at = change.at();
    let mut key = SigningKeyRec {
        id: Uuid::now_v7(),
        office_id,
        public_key: public.clone(),
        secret_key: hex::encode(secret),
        created_at: at.to_rfc3339_opts(SecondsFormat::Millis, true),
        version: 0,
    };
    change.insert(&mut key)?;
    // The same key may have come from the centre already (registered at enrolment).
    let held = change
        .tx()
        .prepare_cached(
            "SELECT 1 FROM known_office_keys WHERE office_code = ?1 AND public_key = ?2",
        )?
        .query_row([office_code, public.as_str()], |_| Ok(()))
        .optional()?;
    if held.is_none() {
        let mut known = KnownKeyRec {
            id: known_key_id(office_code, &public),
            office_code: office_code.to_string(),
            office_name: Some(office_name.to_string()),
            public_key: public.clone(),
            added_on: at.date_naive(),
            version: 0,
        };
        change.insert(&mut known)?;
    }
    Ok(public)
}

pub(crate) fn signing_key(conn: &Connection, office_id: Uuid) -> Result<Option<SigningKeyRec>> {
    Ok(conn
        .prepare_cached(
            "SELECT * FROM office_signing_keys WHERE office_id = ?1
             ORDER BY created_at DESC, rowid DESC LIMIT 1",
        )?
        .query_row([office_id.to_string()], from_row)
        .optional()?)
}

pub(crate) fn secret_of(key: &SigningKeyRec) -> Result<[u8; 32]> {
    hex::decode(&key.secret_key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
        .ok_or_else(|| StoreError::Corrupt("office signing key".into()))
}

impl Store {
    /// Makes the office's signing key if the database has none (databases created before
    /// documents existed); returns the public key either way. Idempotent.
    pub fn ensure_office_key(&mut self, at: DateTime<Utc>) -> Result<String> {
        let (office_id, office) = office_header(self.conn())?;
        if let Some(key) = signing_key(self.conn(), office_id)? {
            return Ok(key.public_key);
        }
        let _system = Actor::system();
        self.write(&Context::system(at), "office.key", |change| {
            create_office_key(change, office_id, &office.code, &office.name)
        })
    }

    /// Installs the document key this device made before it joined its office (its public half
    /// was registered at the centre at enrolment), once the office's records have arrived.
    /// Nothing changes if the device already has a key.
    pub fn install_office_key(&mut self, at: DateTime<Utc>, secret: [u8; 32]) -> Result<String> {
        let (office_id, office) = office_header(self.conn())?;
        if let Some(key) = signing_key(self.conn(), office_id)? {
            return Ok(key.public_key);
        }
        self.write(&Context::system(at), "office.key", |change| {
            create_office_key_from(change, office_id, &office.code, &office.name, secret)
        })
    }

    /// The office's public key, as the centre hands it to other offices.
    pub fn office_public_key(&self) -> Result<Option<String>> {
        let (office_id, _) = current_office(self.conn())?;
        Ok(signing_key(self.conn(), office_id)?.map(|k| k.public_key))
    }

    /// Trusts another office's public key, so its papers verify here (administrators).
    pub fn trust_office_key(
        &mut self,
        ctx: &Context,
        code: &str,
        name: Option<&str>,
        key: &str,
    ) -> Result<KnownKeyRec> {
        ctx.actor.require(Action::ManageReference)?;
        let mut errors = vec![];
        let code = match otau_core::regno::OfficeCode::parse(code) {
            Ok(c) => c.to_string(),
            Err(e) => {
                errors.push(otau_core::FieldError::new("office", &e));
                String::new()
            }
        };
        if decode_public_key(key).is_none() {
            errors.push(otau_core::FieldError::bare("key", "doc-bad-key"));
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let key = key.trim().to_string();
        self.write(ctx, "office.trust", |change| {
            let existing: Option<KnownKeyRec> = change
                .tx()
                .query_row(
                    "SELECT * FROM known_office_keys WHERE office_code = ?1 AND public_key = ?2",
                    [&code, &key],
                    from_row,
                )
                .optional()?;
            if let Some(existing) = existing {
                return Ok(existing);
            }
            let mut rec = KnownKeyRec {
                id: Uuid::now_v7(),
                office_code: code.clone(),
                office_name: name.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string),
                public_key: key.clone(),
                added_on: ctx.at.date_naive(),
                version: 0,
            };
            change.insert(&mut rec)?;
            Ok(rec)
        })
    }
}
