//! The office's document-signing keys (made at `otau init`, a new one by `otau key rotate`; the
//! secret half sealed under the vault's key-encryption key, never in the clear, never in the
//! audit or the outbox) and the public keys of the offices whose papers this database can check.

use super::office_header;
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::office::current_office;
use crate::record::{from_row, Record};
use crate::users::{Action, Actor};
use crate::vault::keys::SigningKek;
use crate::vault::wrap;
use crate::write::Change;
use crate::Store;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use otau_print::seal::{decode_public_key, encode_key, public_key};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

/// A row of `office_signing_keys`. The secret key never reaches the audit or the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningKeyRec {
    /// Id.
    pub id: Uuid,
    /// Office.
    pub office_id: Uuid,
    /// Public key, unpadded URL-safe base64.
    pub public_key: String,
    /// Always empty: the secret is sealed in `office_signing_secrets` (migration 0013; an older
    /// database's secret in the clear is sealed and blanked when it is first opened).
    pub secret_key: Blank,
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

/// The `secret_key` column of a signing key written since migration 0013: always empty, so no
/// secret is ever held in a `String` or read back from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Blank;

impl Serialize for Blank {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str("")
    }
}

impl<'de> Deserialize<'de> for Blank {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Blank, D::Error> {
        let text = Zeroizing::new(String::deserialize(d)?);
        if text.is_empty() {
            Ok(Blank)
        } else {
            Err(serde::de::Error::custom("a signing secret in the clear"))
        }
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

/// Makes a fresh Ed25519 secret.
fn new_secret() -> Zeroizing<[u8; 32]> {
    let mut secret = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(secret.as_mut());
    secret
}

fn seal_label(key_id: &str) -> String {
    format!("otau-signing-v1|{key_id}")
}

/// Seals `secret` of the key `key_id` under `kek` into `office_signing_secrets`, replacing the
/// sealed form it had.
pub(crate) fn store_sealed(
    conn: &Connection,
    kek: &SigningKek,
    key_id: &str,
    secret: &[u8; 32],
) -> Result<()> {
    let (nonce, sealed) = wrap::seal(&kek.0, &seal_label(key_id), secret)?;
    conn.prepare_cached(
        "INSERT INTO office_signing_secrets (key_id, nonce, sealed) VALUES (?1, ?2, ?3)
         ON CONFLICT (key_id) DO UPDATE SET nonce = excluded.nonce, sealed = excluded.sealed",
    )?
    .execute([key_id, &hex::encode(nonce), &hex::encode(sealed)])?;
    Ok(())
}

/// The secret of the key `key_id`, unsealed with `kek`.
pub(crate) fn unseal(
    conn: &Connection,
    kek: &SigningKek,
    key_id: &str,
) -> Result<Zeroizing<[u8; 32]>> {
    let corrupt = || StoreError::Corrupt("office signing key".into());
    let (nonce, sealed): (String, String) = conn
        .prepare_cached("SELECT nonce, sealed FROM office_signing_secrets WHERE key_id = ?1")?
        .query_row([key_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(corrupt)?;
    let nonce = hex::decode(nonce).map_err(|_| corrupt())?;
    let sealed = hex::decode(sealed).map_err(|_| corrupt())?;
    let plain = wrap::open(&kek.0, &seal_label(key_id), &nonce, &sealed)?;
    let mut secret = Zeroizing::new([0u8; 32]);
    if plain.len() != 32 {
        return Err(corrupt());
    }
    secret.copy_from_slice(&plain);
    Ok(secret)
}

/// Seals the secrets an older build wrote in the clear and blanks them (in one transaction,
/// overwriting the freed bytes); nothing when there are none.
pub(crate) fn seal_plain_secrets(conn: &mut Connection, kek: &SigningKek) -> Result<usize> {
    let plain: i64 = conn.query_row(
        "SELECT COUNT(*) FROM office_signing_keys WHERE secret_key <> ''",
        [],
        |r| r.get(0),
    )?;
    if plain == 0 {
        return Ok(0);
    }
    conn.pragma_update(None, "secure_delete", "ON")?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let rows: Vec<(String, Zeroizing<String>)> = tx
        .prepare("SELECT id, secret_key FROM office_signing_keys WHERE secret_key <> ''")?
        .query_map([], |r| Ok((r.get(0)?, Zeroizing::new(r.get::<_, String>(1)?))))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, hex_secret) in &rows {
        let bytes = Zeroizing::new(
            hex::decode(hex_secret.as_bytes())
                .map_err(|_| StoreError::Corrupt("office signing key".into()))?,
        );
        let mut secret = Zeroizing::new([0u8; 32]);
        if bytes.len() != 32 {
            return Err(StoreError::Corrupt("office signing key".into()));
        }
        secret.copy_from_slice(&bytes);
        store_sealed(&tx, kek, id, &secret)?;
        tx.execute("UPDATE office_signing_keys SET secret_key = '' WHERE id = ?1", [id])?;
    }
    tx.commit()?;
    conn.pragma_update(None, "secure_delete", "OFF")?;
    Ok(rows.len())
}

/// Seals every signing secret under `to` instead of `from` (a plain database made encrypted).
pub(crate) fn reseal_all(conn: &mut Connection, from: &SigningKek, to: &SigningKek) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let ids: Vec<String> = tx
        .prepare("SELECT key_id FROM office_signing_secrets")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let secret = unseal(&tx, from, &id)?;
        store_sealed(&tx, to, &id, &secret)?;
    }
    tx.commit()?;
    Ok(())
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
    kek: &SigningKek,
    office_id: Uuid,
    office_code: &str,
    office_name: &str,
) -> Result<String> {
    let secret = new_secret();
    create_office_key_from(change, kek, office_id, office_code, office_name, &secret)
}

/// [`create_office_key`] with the secret half given.
fn create_office_key_from(
    change: &mut Change<'_>,
    kek: &SigningKek,
    office_id: Uuid,
    office_code: &str,
    office_name: &str,
    secret: &[u8; 32],
) -> Result<String> {
    let public = encode_key(&public_key(secret));
    let at = change.at();
    let mut key = SigningKeyRec {
        id: Uuid::now_v7(),
        office_id,
        public_key: public.clone(),
        secret_key: Blank,
        created_at: at.to_rfc3339_opts(SecondsFormat::Millis, true),
        version: 0,
    };
    change.insert(&mut key)?;
    store_sealed(change.tx(), kek, &key.id.to_string(), secret)?;
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

/// The secret of `key`, unsealed with the store's key-encryption key.
pub(crate) fn secret_of(
    conn: &Connection,
    kek: &SigningKek,
    key: &SigningKeyRec,
) -> Result<Zeroizing<[u8; 32]>> {
    unseal(conn, kek, &key.id.to_string())
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
        let kek = self.signing_kek().clone();
        self.write(&Context::system(at), "office.key", |change| {
            create_office_key(change, &kek, office_id, &office.code, &office.name)
        })
    }

    /// A new signing key for the office (administrators): papers are sealed with it from now
    /// on; the keys before it are kept, their public halves still trusted, so the papers they
    /// sealed still verify. Returns the new public key.
    pub fn rotate_office_key(&mut self, ctx: &Context) -> Result<String> {
        ctx.actor.require(Action::ManageUsers)?;
        let (office_id, office) = office_header(self.conn())?;
        let kek = self.signing_kek().clone();
        self.write(ctx, "office.key.rotate", |change| {
            create_office_key(change, &kek, office_id, &office.code, &office.name)
        })
    }

    /// Installs the document key this device made before it joined its office (its public half
    /// was registered at the centre at enrolment), once the office's records have arrived.
    /// Nothing changes if the device already has a key.
    pub fn install_office_key(&mut self, at: DateTime<Utc>, secret: &[u8; 32]) -> Result<String> {
        let (office_id, office) = office_header(self.conn())?;
        if let Some(key) = signing_key(self.conn(), office_id)? {
            return Ok(key.public_key);
        }
        let kek = self.signing_kek().clone();
        self.write(&Context::system(at), "office.key", |change| {
            create_office_key_from(change, &kek, office_id, &office.code, &office.name, secret)
        })
    }

    /// The secret papers are sealed with now, unsealed: for tests that look for its bytes where
    /// they must not be. Nothing in the product calls it.
    #[doc(hidden)]
    pub fn current_signing_secret(&self) -> Result<Zeroizing<[u8; 32]>> {
        let (office_id, _) = current_office(self.conn())?;
        let key = signing_key(self.conn(), office_id)?.ok_or(StoreError::NotInitialised)?;
        secret_of(self.conn(), self.signing_kek(), &key)
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
