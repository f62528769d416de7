//! Signed checkpoints of the event log: after each change, what the log and the state tables
//! held, signed by the device's document key, so a truncated tail or a rewritten chain shows.
//!
//! # Design
//! A checkpoint's body is canonical JSON: the last row of `events` it covers (`event_seq`), that
//! row's chain hash, this device's highest own sequence, the rows of every state table
//! ([`STATE_TABLES`]), and the previous checkpoint's signature, so checkpoints chain too. It is
//! signed with the device's Ed25519 document key (the key that seals papers: one key to keep,
//! already private, never in an event), read through [`checkpoint_secret`] alone. A checkpoint
//! is written inside the transaction of every change, so the log never has an unsigned tail of
//! this device's own work; a database with no document key yet (before `init` made one) writes
//! none.
//!
//! What a checkpoint proves holds against someone who cannot sign: rows removed after it (the
//! log ends before its `event_seq`), a chain recomputed over a changed row (the hash at its
//! `event_seq` differs and no valid signature covers the new one), rows added by hand after the
//! last one (an unsigned tail). Someone who holds the document key can sign anew; the key is
//! kept encrypted by its own module, and the centre's copy of the log is the other witness.

use crate::error::{Result, StoreError};
use crate::vault::keys::SigningKek;
use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use otau_core::canonical::canonical_json;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zeroize::Zeroizing;

/// The version of the checkpoint's body this build writes.
pub const CHECKPOINT_VERSION: u32 = 1;

/// The state tables whose rows a checkpoint counts: every table an event may write.
pub const STATE_TABLES: &[&str] = &[
    "offices",
    "users",
    "credentials",
    "families",
    "persons",
    "documents",
    "consents",
    "mci_rows",
    "kandas_statuses",
    "casework_settings",
    "quota_rows",
    "quota_inclusions",
    "plan_items",
    "services",
    "stays",
    "office_signing_keys",
    "known_office_keys",
    "issued_documents",
    "document_voids",
    "voided_elsewhere",
    "closed_months",
    "subsidy_rules",
    "subsidy_decisions",
    "subsidy_instalments",
    "ledger_entries",
    "family_departures",
    "reimbursement_cases",
    "sync_conflicts",
    "cross_office_cases",
    "cross_office_decisions",
    "payment_cases",
    "payment_case_decisions",
    "review_cases",
    "document_scans",
    "device_settings",
];

/// What a checkpoint says (the signed body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointBody {
    /// Body version.
    pub v: u32,
    /// When it was written (UTC, RFC 3339).
    pub at: String,
    /// The last row of `events` it covers (0 for an empty log).
    pub event_seq: i64,
    /// That row's chain hash.
    pub chain_hash: String,
    /// This device's highest own sequence.
    pub device_seq: i64,
    /// Rows of every state table.
    pub counts: BTreeMap<String, i64>,
    /// The previous checkpoint's signature (absent for the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
}

/// One stored checkpoint.
#[derive(Debug, Clone)]
pub struct StoredCheckpoint {
    /// Its row.
    pub id: i64,
    /// The canonical body as stored.
    pub text: String,
    /// The signer's public key, hex.
    pub public_key: String,
    /// The signature, hex.
    pub signature: String,
}

impl StoredCheckpoint {
    /// The body, read back.
    pub fn body(&self) -> Result<CheckpointBody> {
        serde_json::from_str(&self.text)
            .map_err(|e| StoreError::Corrupt(format!("audit checkpoint {}: {e}", self.id)))
    }

    /// Whether the signature is the key's over the body.
    pub fn signed_by(&self, public_key: &[u8; 32]) -> bool {
        let Ok(key) = VerifyingKey::from_bytes(public_key) else { return false };
        let Some(sig) =
            hex::decode(&self.signature).ok().and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok())
        else {
            return false;
        };
        key.verify(self.text.as_bytes(), &Signature::from_bytes(&sig)).is_ok()
    }
}

/// The secret that signs checkpoints: the device's document key, read in this one place.
fn checkpoint_secret(
    conn: &Connection,
    kek: Option<&SigningKek>,
) -> Result<Option<Zeroizing<[u8; 32]>>> {
    let Ok((office_id, _)) = crate::office::current_office(conn) else { return Ok(None) };
    match kek {
        Some(kek) => {
            let Some(key) = crate::documents::keys::signing_key(conn, office_id)? else {
                return Ok(None);
            };
            Ok(Some(crate::documents::keys::secret_of(conn, kek, &key)?))
        }
        // Migrations before 0015 run on a database whose secrets are still in the clear (0015
        // seals them); the secret is read as it was kept then, the newest key of the office.
        None => {
            let hex_secret: Option<Zeroizing<String>> = conn
                .prepare_cached(
                    "SELECT secret_key FROM office_signing_keys WHERE office_id = ?1
                     ORDER BY created_at DESC, rowid DESC LIMIT 1",
                )?
                .query_row([office_id.to_string()], |r| r.get(0).map(Zeroizing::new))
                .optional()?;
            let Some(hex_secret) = hex_secret else { return Ok(None) };
            let secret = Zeroizing::new(
                hex::decode(hex_secret.as_str())
                    .ok()
                    .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
                    .ok_or_else(|| StoreError::Corrupt("office signing key".into()))?,
            );
            Ok(Some(secret))
        }
    }
}

/// The public keys whose signatures on checkpoints this device accepts: its document keys.
pub(crate) fn checkpoint_keys(conn: &Connection) -> Result<Vec<[u8; 32]>> {
    let mut stmt = conn.prepare("SELECT public_key FROM office_signing_keys")?;
    let keys = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = vec![];
    for key in keys {
        if let Some(bytes) = crate::documents::keys::decode_key(&key?) {
            out.push(bytes);
        }
    }
    Ok(out)
}

/// Rows of every state table now.
pub fn state_counts(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut out = BTreeMap::new();
    let mut exists = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
    )?;
    for table in STATE_TABLES {
        // A database being migrated has not all of them yet (the checkpoint the migration to
        // 0013 signs): a table still to come holds nothing to count.
        if !exists.query_row([table], |r| r.get::<_, bool>(0))? {
            continue;
        }
        let n: i64 = conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM {table}"))?
            .query_row([], |r| r.get(0))?;
        out.insert((*table).to_string(), n);
    }
    Ok(out)
}

/// Rows of every state table as the triggers of migration 0017 keep them (`state_row_counts`):
/// what a checkpoint signs, read without counting the tables. Only the checkpoint migration
/// 0013 signs (`migrating`) can meet a database not yet at 0017: its tables are counted, and
/// no change at the counter asks the schema.
fn kept_counts(conn: &Connection, migrating: bool) -> Result<BTreeMap<String, i64>> {
    let kept = !migrating
        || conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table'
                                AND name = 'state_row_counts')",
            )?
            .query_row([], |r| r.get(0))?;
    if !kept {
        return state_counts(conn);
    }
    let mut out = BTreeMap::new();
    let mut stmt = conn.prepare_cached("SELECT tbl, n FROM state_row_counts")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (table, n) = row?;
        out.insert(table, n);
    }
    if out.len() != STATE_TABLES.len() {
        return Err(StoreError::Corrupt("state_row_counts does not name every state table".into()));
    }
    Ok(out)
}

/// The log's last row and its chain hash.
pub(crate) fn log_head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .prepare_cached("SELECT seq, chain_hash FROM events ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, crate::events_codec::hash_from_sql(r.get_ref(1)?)?)))
        .optional()?
        .unwrap_or((0, crate::events::GENESIS_HASH.to_string())))
}

/// The newest checkpoint, if any.
pub(crate) fn last(conn: &Connection) -> Result<Option<StoredCheckpoint>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, body, public_key, signature FROM audit_checkpoints
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([], from_row)
        .optional()?)
}

/// Every checkpoint, oldest first.
pub(crate) fn all(conn: &Connection) -> Result<Vec<StoredCheckpoint>> {
    let mut stmt =
        conn.prepare("SELECT id, body, public_key, signature FROM audit_checkpoints ORDER BY id")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A row of `id, body, public_key, signature`, kept as frames and bytes (0020) or, read by an
/// older migration's hook, as text. A body that does not unpack gives an empty text, whose
/// signature then fails: the audit names the checkpoint instead of failing whole.
fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredCheckpoint> {
    let text = match r.get_ref(1)? {
        rusqlite::types::ValueRef::Blob(body) => {
            crate::events_codec::decompress(body).unwrap_or_default()
        }
        other => other.as_str().map_err(rusqlite::Error::from)?.to_string(),
    };
    Ok(StoredCheckpoint {
        id: r.get(0)?,
        text,
        public_key: crate::events_codec::hash_from_sql(r.get_ref(2)?)?,
        signature: crate::events_codec::hash_from_sql(r.get_ref(3)?)?,
    })
}

/// Writes a signed checkpoint of the log as it stands, inside the caller's transaction; writes
/// nothing when the device has no document key yet, or when the last checkpoint already covers
/// the same head. `at` is the moment of the change; without one (a page from the centre, which
/// brings no clock), the moment of the log's last row. Returns whether one was written.
pub(crate) fn write(
    conn: &Connection,
    kek: &SigningKek,
    at: Option<DateTime<Utc>>,
) -> Result<bool> {
    write_with(conn, Some(kek), at)
}

fn write_with(
    conn: &Connection,
    kek: Option<&SigningKek>,
    at: Option<DateTime<Utc>>,
) -> Result<bool> {
    let Some(secret) = checkpoint_secret(conn, kek)? else { return Ok(false) };
    // Only migration 0013 signs without a key to unseal: the one checkpoint that can meet an
    // older layout of the log and of the row counts.
    let migrating = kek.is_none();
    let (event_seq, chain_hash) = log_head(conn)?;
    let previous = last(conn)?;
    if let Some(prev) = &previous {
        if prev.body().is_ok_and(|b| b.event_seq == event_seq && b.chain_hash == chain_hash) {
            return Ok(false);
        }
    }
    // The newest of this device's own rows, read backwards down `events_device_seq` (a MAX
    // over the whole log would count every row at each change). The first checkpoint is signed
    // by migration 0013 (no key to unseal yet), when the log kept the device's id as text
    // (before 0022); every later one on a migrated log (0024), so no change asks the schema.
    let device = if !migrating || crate::events::log_has(conn, "device_tag")? {
        "device_tag = (SELECT id_tag(device_id) FROM device)
         AND device_key = (SELECT id_key(device_id) FROM device)"
    } else if crate::events::log_has(conn, "device_key")? {
        "device_key = (SELECT id_key(device_id) FROM device)"
    } else {
        "device_id = (SELECT device_id FROM device)"
    };
    let device_seq: i64 = conn
        .prepare_cached(&format!(
            "SELECT device_seq FROM events
             WHERE {device} AND device_seq IS NOT NULL AND origin = 'local'
             ORDER BY device_seq DESC LIMIT 1"
        ))?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let at = match at {
        Some(at) => at.to_rfc3339_opts(SecondsFormat::Millis, true),
        None => crate::events::logged_at(conn, event_seq)?.unwrap_or_default(),
    };
    let body = CheckpointBody {
        v: CHECKPOINT_VERSION,
        at,
        event_seq,
        chain_hash,
        device_seq,
        counts: kept_counts(conn, migrating)?,
        prev: previous.map(|p| p.signature),
    };
    let value =
        serde_json::to_value(&body).map_err(|e| StoreError::Corrupt(format!("checkpoint: {e}")))?;
    let text = canonical_json(&value);
    let key = SigningKey::from_bytes(&secret);
    let signature = key.sign(text.as_bytes()).to_bytes();
    let public = key.verifying_key().to_bytes();
    let stored = crate::events_codec::compress_as(crate::events_codec::Kind::Checkpoint, &text)?;
    conn.prepare_cached(
        "INSERT INTO audit_checkpoints (at, event_seq, body, public_key, signature)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![body.at, event_seq, stored, &public[..], &signature[..]])?;
    Ok(true)
}

/// Migration 0013 signs a first checkpoint of a database that has a log and a document key.
pub(crate) fn migration_hook(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    write_with(tx, None, None)
        .map(|_| ())
        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}
