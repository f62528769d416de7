//! The event log: every change this device made or applied, as the event that travels to the
//! centre, chained by hash in the order this device applied it.
//!
//! # Design
//! One table (`events`) is both the local history (what the audit screens read) and the outbox
//! (the device's own events after the centre's acknowledged sequence). A row holds the event's
//! envelope, canonical JSON (docs/SYNC.md) stored compressed ([`crate::events_codec`]), and a
//! chain hash over the previous row's chain hash and the hash of this row's text (computed from
//! the text, never stored beside it), so a changed, inserted or removed row shows in
//! [`verify_chain`]. Columns the queries need (`event_key`, `device_key`, `device_seq`,
//! `entity_key`, `subject_key`: each id as `id_key(id)`, 16 bytes for a UUID) are generated from
//! the envelope, so nothing is stored twice; the indexes hold 8 bytes of each (`event_tag`,
//! `device_tag`, `entity_tag`, `subject_tag`: `id_tag(id)`, in the order the ids were made),
//! and a query names both, the tag for the index and the key for the answer.
//!
//! **Architecture Invariant**: an envelope never holds a secret (the columns of
//! [`crate::record::Record::REDACTED`] are left out, with no placeholder); a private record
//! (this device's keys and passwords) is logged here but never sent.

use crate::envelope_dictionary::current;
use crate::error::{Result, StoreError};
use crate::events_codec::{compress_with, decompress, hash_bytes, hash_from_sql};
use crate::write::sha256_hex;
use otau_core::canonical::canonical_json;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// The hash before the first row of the log.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The wire version of the envelopes this build writes.
pub const WIRE_VERSION: u32 = 1;

/// Where an event in the log comes from.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Made on this device and sent to the centre.
    Local,
    /// Made on this device and never sent (its own keys and passwords).
    Private,
    /// Made on another device of the office and applied here.
    Remote,
    /// A change the centre's verdict made here (a value kept from another device).
    Derived,
    /// Reference data from the centre (MCI rows, rules, quotas, offices' keys).
    Reference,
}

impl Origin {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Local => "local",
            Origin::Private => "private",
            Origin::Remote => "remote",
            Origin::Derived => "derived",
            Origin::Reference => "reference",
        }
    }

    fn parse(s: &str) -> Result<Origin> {
        Ok(match s {
            "local" => Origin::Local,
            "private" => Origin::Private,
            "remote" => Origin::Remote,
            "derived" => Origin::Derived,
            "reference" => Origin::Reference,
            other => return Err(StoreError::Corrupt(format!("event origin {other:?}"))),
        })
    }
}

/// Who made an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    /// The user's id (absent for the system).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Uuid>,
    /// The user's login as it was then.
    pub login: String,
}

/// The typed view of an envelope (wire 1). The stored JSON is the truth: fields a newer wire
/// adds are kept there and covered by the hash even when this view does not name them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// Wire version.
    pub wire: u32,
    /// The event's id.
    pub event_id: Uuid,
    /// The change (one transaction) it belongs to.
    pub change_id: Uuid,
    /// The office code.
    pub office: String,
    /// The device that made it (absent for a derived row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<Uuid>,
    /// Its gapless sequence on that device (absent for private and derived rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_seq: Option<i64>,
    /// The device's clock when it was made (shown, never used to order).
    pub at: String,
    /// Who made it.
    pub actor: EventActor,
    /// What was done (`family.register`, `person.edit`, …).
    pub action: String,
    /// The reason given, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The kind of record.
    pub entity: String,
    /// The record.
    pub entity_id: String,
    /// The person or family it belongs to, for the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_id: Option<String>,
    /// `insert` or `update`.
    pub op: String,
    /// The record's version the change was based on (0 for an insert).
    pub base_version: i64,
    /// The changed columns as they were (empty for an insert).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub before: Map<String, Value>,
    /// The changed columns as they are now (every column but `id` and `version` for an insert).
    pub after: Map<String, Value>,
    /// For a derived row: the event whose verdict made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<Uuid>,
}

impl Envelope {
    /// The envelope as a JSON object.
    pub fn to_value(&self) -> Result<Value> {
        serde_json::to_value(self).map_err(|e| StoreError::Corrupt(format!("envelope: {e}")))
    }

    /// Reads an envelope from JSON.
    pub fn from_value(value: &Value) -> Result<Envelope> {
        Envelope::deserialize(value).map_err(|e| StoreError::Corrupt(format!("envelope: {e}")))
    }
}

/// The hash of an envelope: SHA-256 of its canonical JSON.
pub fn envelope_hash(envelope: &Value) -> String {
    sha256_hex(canonical_json(envelope).as_bytes())
}

/// The chain hash of a row: over the previous row's chain hash, its sequence, origin and hash.
pub(crate) fn chain_hash(prev_hash: &str, seq: i64, origin: Origin, hash: &str) -> String {
    sha256_hex(format!("{prev_hash}:{seq}:{}:{hash}", origin.as_str()).as_bytes())
}

/// Appends one event to the log; returns its local sequence.
pub(crate) fn append(tx: &Transaction<'_>, origin: Origin, envelope: &Value) -> Result<i64> {
    let text = canonical_json(envelope);
    let hash = sha256_hex(text.as_bytes());
    append_text(tx, origin, &text, &hash)
}

/// Appends an event whose canonical text and hash are known (checked by the caller).
pub(crate) fn append_text(
    tx: &Transaction<'_>,
    origin: Origin,
    text: &str,
    hash: &str,
) -> Result<i64> {
    let (last_seq, prev) = crate::checkpoint::log_head(tx)?;
    let seq = last_seq + 1;
    let chain = chain_hash(&prev, seq, origin, hash);
    tx.prepare_cached(
        "INSERT INTO events (seq, origin, body, chain_hash) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        seq,
        origin.as_str(),
        compress_with(current(tx)?, text)?,
        hash_bytes(&chain)?
    ])?;
    Ok(seq)
}

/// The moment an event of the log says it was made. Reads the log as the database keeps it:
/// compacted (0020), or as text when an older migration's hook asks before that.
pub(crate) fn logged_at(conn: &Connection, seq: i64) -> Result<Option<String>> {
    let sql = if log_has(conn, "body")? {
        "SELECT envelope_json(body) ->> '$.at' FROM events WHERE seq = ?1"
    } else {
        "SELECT envelope ->> '$.at' FROM events WHERE seq = ?1"
    };
    Ok(conn.prepare_cached(sql)?.query_row([seq], |r| r.get(0)).optional()?.flatten())
}

/// Whether the log has a column (generated ones included): the hooks of older migrations read
/// the log as it was in their time.
pub(crate) fn log_has(conn: &Connection, column: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_xinfo('events') WHERE name = ?1)",
        )?
        .query_row([column], |r| r.get(0))?)
}

/// The row of the log that holds the event `event_id`, if one does.
pub(crate) fn seq_of_event(conn: &Connection, event_id: Uuid) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT seq FROM events WHERE event_tag = id_tag(?1) AND event_key = id_key(?1)",
        )?
        .query_row([event_id.to_string()], |r| r.get(0))
        .optional()?)
}

/// The next sequence of this device's own events (gapless from 1 per device id): the newest,
/// read backwards down `events_device_seq` to the first row whose full key is the device's (a
/// MAX with that condition would read every row of the tag).
pub(crate) fn next_device_seq(conn: &Connection, device_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT device_seq + 1 FROM events
             WHERE device_tag = id_tag(?1) AND device_key = id_key(?1) AND device_seq IS NOT NULL
             ORDER BY device_seq DESC LIMIT 1",
        )?
        .query_row([device_id], |r| r.get(0))
        .optional()?
        .unwrap_or(1))
}

/// One row of the log as read back.
#[derive(Debug, Clone)]
pub struct LoggedEvent {
    /// Local sequence.
    pub seq: i64,
    /// Where it comes from.
    pub origin: Origin,
    /// The envelope as stored (canonical JSON).
    pub text: String,
    /// Its hash (SHA-256 of the text).
    pub hash: String,
}

impl LoggedEvent {
    /// The typed view of the envelope.
    pub fn envelope(&self) -> Result<Envelope> {
        serde_json::from_str(&self.text)
            .map_err(|e| StoreError::Corrupt(format!("event {}: {e}", self.seq)))
    }

    /// A row of `seq, origin, body` from the log. A body that is not a frame of ours gives an
    /// empty text, which is no envelope: the audit names the row instead of failing whole.
    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LoggedEvent> {
        let origin: String = r.get(1)?;
        let text = match r.get_ref(2)? {
            rusqlite::types::ValueRef::Blob(body) => decompress(body).unwrap_or_default(),
            _ => String::new(),
        };
        Ok(LoggedEvent {
            seq: r.get(0)?,
            origin: Origin::parse(&origin).unwrap_or(Origin::Derived),
            hash: sha256_hex(text.as_bytes()),
            text,
        })
    }
}

/// Whether a row read with its chain hash and the previous row's (NULL for the first row) holds
/// its link: the chain hash over the previous one and the hash of the row's text.
pub(crate) fn holds_its_link(
    row: &LoggedEvent,
    chain: rusqlite::types::ValueRef<'_>,
    previous: rusqlite::types::ValueRef<'_>,
) -> Result<bool> {
    let previous = match previous {
        rusqlite::types::ValueRef::Null if row.seq == 1 => GENESIS_HASH.to_string(),
        rusqlite::types::ValueRef::Null => return Ok(false),
        value => hash_from_sql(value)?,
    };
    Ok(chain_hash(&previous, row.seq, row.origin, &row.hash) == hash_from_sql(chain)?)
}

/// Result of checking the log's chain.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainReport {
    /// Rows checked.
    pub rows: i64,
    /// The first row whose hash or link does not match, if any.
    pub first_broken_seq: Option<i64>,
}

/// Recomputes every row's hash and link; reports the first that does not match.
pub fn verify_chain(conn: &Connection) -> Result<ChainReport> {
    // Frames another process made since this one loaded the office's dictionaries.
    crate::envelope_dictionary::load(conn)?;
    let mut stmt = conn.prepare("SELECT seq, origin, body, chain_hash FROM events ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS_HASH.to_string();
    let mut count = 0;
    let mut last_seq = 0;
    while let Some(r) = rows.next()? {
        count += 1;
        let seq: i64 = r.get(0)?;
        let origin: String = r.get(1)?;
        let text = match r.get_ref(2)? {
            rusqlite::types::ValueRef::Blob(body) => decompress(body).ok(),
            _ => None,
        };
        let chain = hash_from_sql(r.get_ref(3)?)?;
        let origin_ok = Origin::parse(&origin);
        // A gap in seq means a removed row; a wrong link or body means a changed one.
        let intact = seq == last_seq + 1
            && text.is_some_and(|t| {
                let hash = sha256_hex(t.as_bytes());
                origin_ok
                    .as_ref()
                    .is_ok_and(|o| chain_hash(&expected_prev, seq, *o, &hash) == chain)
            });
        if !intact {
            return Ok(ChainReport { rows: count, first_broken_seq: Some(seq) });
        }
        expected_prev = chain;
        last_seq = seq;
    }
    Ok(ChainReport { rows: count, first_broken_seq: None })
}
