//! Moving the history of a database from before sync (`audit` and `outbox`) into the event log.
//!
//! # Context
//! Before sync, each change wrote an audit row (whole before/after images, chained by hash) and
//! an outbox event (changed fields only). Migration 0005 keeps one log of events in the wire
//! envelope (docs/SYNC.md). No event had left any office then, so the old rows are rewritten
//! once into envelopes: the changed fields before and after, secrets left out, the rows of one
//! piece of work grouped under one change id, this device's own keys and passwords made private,
//! device sequences numbered again without gaps, and the chain hashed anew. Then the two old
//! tables are dropped.

use crate::events::{chain_hash, Envelope, EventActor, Origin, GENESIS_HASH, WIRE_VERSION};
use crate::write::sha256_hex;
use otau_core::canonical::canonical_json;
use rusqlite::Transaction;
use rusqlite::{params, OptionalExtension};
use rusqlite_migration::HookResult;
use serde_json::{Map, Value};
use uuid::Uuid;

/// Columns that are secrets in the records of before sync.
const SECRETS: &[&str] = &["password_hash", "secret_key"];
/// Records of this device alone: its signing key and the keys it trusts.
const PRIVATE_ENTITIES: &[&str] = &["office_key", "known_office_key"];

struct OldRow {
    audit_id: String,
    at: String,
    user_id: Option<String>,
    user_login: String,
    action: String,
    entity: String,
    entity_id: String,
    subject_id: Option<String>,
    reason: Option<String>,
    before: Option<String>,
    after: String,
    event_id: Option<String>,
    device_id: Option<String>,
    op: Option<String>,
    base_version: Option<i64>,
    fields: Option<String>,
}

/// The hook of migration 0005: runs after its SQL, in the same transaction.
pub(crate) fn audit_and_outbox_to_events(tx: &Transaction<'_>) -> HookResult {
    let (device_id, office): (Option<String>, Option<String>) = tx
        .query_row("SELECT device_id, office_code FROM device", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap_or((None, None));
    let rows: Vec<OldRow> = {
        let mut stmt = tx.prepare(
            "SELECT a.id, a.at, a.user_id, a.user_login, a.action, a.entity, a.entity_id,
                    a.subject_id, a.reason, a.before_json, a.after_json,
                    o.event_id, o.device_id, o.kind, o.base_version, o.fields
             FROM audit a LEFT JOIN outbox o ON o.audit_seq = a.seq ORDER BY a.seq",
        )?;
        let mapped = stmt.query_map([], |r| {
            Ok(OldRow {
                audit_id: r.get(0)?,
                at: r.get(1)?,
                user_id: r.get(2)?,
                user_login: r.get(3)?,
                action: r.get(4)?,
                entity: r.get(5)?,
                entity_id: r.get(6)?,
                subject_id: r.get(7)?,
                reason: r.get(8)?,
                before: r.get(9)?,
                after: r.get(10)?,
                event_id: r.get(11)?,
                device_id: r.get(12)?,
                op: r.get(13)?,
                base_version: r.get(14)?,
                fields: r.get(15)?,
            })
        })?;
        mapped.collect::<rusqlite::Result<_>>()?
    };

    let mut device_seq = 0i64;
    let mut change: Option<(String, String, String, Uuid)> = None;
    for row in rows {
        let parse = |s: &str| serde_json::from_str::<Map<String, Value>>(s).unwrap_or_default();
        let after_image = parse(&row.after);
        let before_image = row.before.as_deref().map(parse);
        let op = match row.op.as_deref().and_then(|k| k.rsplit('.').next()) {
            Some("update") => "update",
            Some("insert") => "insert",
            _ if before_image.is_some() => "update",
            _ => "insert",
        };
        let fields: Vec<String> = match (op, row.fields.as_deref()) {
            ("update", Some(list)) => serde_json::from_str(list).unwrap_or_default(),
            ("update", None) => after_image
                .iter()
                .filter(|(k, v)| before_image.as_ref().and_then(|b| b.get(*k)) != Some(*v))
                .map(|(k, _)| k.clone())
                .collect(),
            _ => after_image.keys().cloned().collect(),
        };
        let kept: Vec<&String> = fields
            .iter()
            .filter(|f| !SECRETS.contains(&f.as_str()) && !matches!(f.as_str(), "id" | "version"))
            .collect();
        let pick = |image: &Map<String, Value>| -> Map<String, Value> {
            kept.iter()
                .map(|f| ((*f).clone(), image.get(*f).cloned().unwrap_or(Value::Null)))
                .collect()
        };
        // The rows of one piece of work were written with the same moment, user and action.
        let key = (row.at.clone(), row.user_login.clone(), row.action.clone());
        let change_id = match &change {
            Some((at, login, action, id)) if (at, login, action) == (&key.0, &key.1, &key.2) => *id,
            _ => {
                let id = row
                    .event_id
                    .as_deref()
                    .and_then(|e| Uuid::parse_str(e).ok())
                    .unwrap_or_else(Uuid::now_v7);
                change = Some((key.0, key.1, key.2, id));
                id
            }
        };
        let private = PRIVATE_ENTITIES.contains(&row.entity.as_str());
        let origin = if private { Origin::Private } else { Origin::Local };
        let seq = if private {
            None
        } else {
            device_seq += 1;
            Some(device_seq)
        };
        let event_id = row
            .event_id
            .as_deref()
            .or(Some(row.audit_id.as_str()))
            .and_then(|e| Uuid::parse_str(e).ok())
            .unwrap_or_else(Uuid::now_v7);
        let envelope = Envelope {
            wire: WIRE_VERSION,
            event_id,
            change_id,
            office: office.clone().unwrap_or_default(),
            device_id: row
                .device_id
                .as_deref()
                .or(device_id.as_deref())
                .and_then(|d| Uuid::parse_str(d).ok()),
            device_seq: seq,
            at: row.at,
            actor: EventActor {
                user_id: row.user_id.as_deref().and_then(|u| Uuid::parse_str(u).ok()),
                login: row.user_login,
            },
            action: row.action,
            reason: row.reason,
            entity: row.entity,
            entity_id: row.entity_id,
            subject_id: row.subject_id,
            op: op.to_string(),
            base_version: row.base_version.unwrap_or(0),
            before: if op == "update" {
                before_image.as_ref().map(pick).unwrap_or_default()
            } else {
                Map::new()
            },
            after: pick(&after_image),
            derived_from: None,
        };
        let value =
            envelope.to_value().map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
        append_as_in_0005(tx, origin, &value)
            .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
    }
    tx.execute_batch(
        "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
         DROP TRIGGER outbox_no_update; DROP TRIGGER outbox_no_delete;
         DROP TABLE outbox; DROP TABLE audit;",
    )?;
    Ok(())
}

/// Appends an event to the log as migration 0005 made it (the envelope as text, the hashes as
/// hex, the previous row's chain hash beside its own); 0020 compacts it later like any other.
fn append_as_in_0005(
    tx: &Transaction<'_>,
    origin: Origin,
    envelope: &Value,
) -> crate::error::Result<i64> {
    let text = canonical_json(envelope);
    let hash = sha256_hex(text.as_bytes());
    let (last_seq, prev): (i64, String) = tx
        .query_row("SELECT seq, chain_hash FROM events ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .unwrap_or((0, GENESIS_HASH.to_string()));
    let seq = last_seq + 1;
    let chain = chain_hash(&prev, seq, origin, &hash);
    tx.execute(
        "INSERT INTO events (seq, origin, envelope, hash, prev_hash, chain_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![seq, origin.as_str(), text, hash, prev, chain],
    )?;
    Ok(seq)
}
