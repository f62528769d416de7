//! Conflicts and review cases: made on every device from the centre's verdicts, resolved by a
//! person as an ordinary change that syncs like any other.

use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::sync::wire::{Case, Conflict, ConflictKind};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `sync_conflicts`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictRec {
    /// Id (the same on every device).
    pub id: Uuid,
    /// `field`, `duplicate_insert` or `refused_insert`.
    pub kind: String,
    /// The kind of record.
    pub entity: String,
    /// The record.
    pub entity_id: String,
    /// The person or family it concerns.
    pub subject_id: Option<String>,
    /// The field, for a field conflict.
    pub field: Option<String>,
    /// The value that stays for now (JSON).
    pub kept_json: Option<String>,
    /// The value that did not take effect (JSON).
    pub proposed_json: String,
    /// The event that set the kept value.
    pub kept_event: Option<String>,
    /// The event that proposed the other.
    pub proposed_event: String,
    /// Who, where and when (JSON).
    pub detail_json: String,
    /// `open` or `resolved`.
    pub state: String,
    /// The value chosen (JSON).
    pub resolution_json: Option<String>,
    /// Who resolved it.
    pub resolved_by: Option<String>,
    /// When (date).
    pub resolved_on: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for ConflictRec {
    const TABLE: &'static str = "sync_conflicts";
    const ENTITY: &'static str = "sync_conflict";
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
        self.subject_id.as_deref().and_then(|s| Uuid::parse_str(s).ok())
    }
}

/// A row of `review_cases`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewCaseRec {
    /// Id (the same on every device).
    pub id: Uuid,
    /// The kind of record of the later fact (`ledger_entry`, `person`).
    pub entity: String,
    /// That record.
    pub entity_id: String,
    /// What the two facts share (`line_kind`, `line_settled`, `iin`).
    pub key: String,
    /// Its value (JSON text).
    pub value: String,
    /// The event of the first fact.
    pub first_event: String,
    /// The event of the second.
    pub second_event: String,
    /// The person or family it concerns.
    pub subject_id: Option<String>,
    /// `open` or `decided`.
    pub state: String,
    /// The manager's decision.
    pub decision: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When (date).
    pub decided_on: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for ReviewCaseRec {
    const TABLE: &'static str = "review_cases";
    const ENTITY: &'static str = "review_case";
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
        self.subject_id.as_deref().and_then(|s| Uuid::parse_str(s).ok())
    }
}

fn json(value: &serde_json::Value) -> String {
    otau_core::canonical::canonical_json(value)
}

/// Records a conflict the centre found (once: the same id again changes nothing).
pub(crate) fn open_conflict(
    conn: &Connection,
    spec: &Conflict,
    subject_id: Option<&str>,
) -> Result<()> {
    let kind = match spec.kind {
        ConflictKind::Field => "field",
        ConflictKind::DuplicateInsert => "duplicate_insert",
    };
    insert_conflict(
        conn,
        &ConflictRow {
            id: spec.id,
            kind,
            entity: &spec.entity,
            entity_id: &spec.entity_id.to_string(),
            subject_id,
            field: Some(&spec.field),
            kept: Some(&spec.kept),
            kept_event: Some(spec.kept_event),
            proposed: &spec.proposed,
            proposed_event: spec.proposed_event,
            detail: &serde_json::Value::Object(Default::default()),
        },
    )
}

/// A conflict as written.
pub(crate) struct ConflictRow<'a> {
    pub id: Uuid,
    pub kind: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub subject_id: Option<&'a str>,
    pub field: Option<&'a str>,
    pub kept: Option<&'a serde_json::Value>,
    pub kept_event: Option<Uuid>,
    pub proposed: &'a serde_json::Value,
    pub proposed_event: Uuid,
    pub detail: &'a serde_json::Value,
}

/// Writes a conflict once (the same id again changes nothing).
pub(crate) fn insert_conflict(conn: &Connection, c: &ConflictRow<'_>) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_conflicts (id, kind, entity, entity_id, subject_id, field,
             kept_json, proposed_json, kept_event, proposed_event, detail_json, state, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'open', 1)",
    )?
    .execute(params![
        c.id.to_string(),
        c.kind,
        c.entity,
        c.entity_id,
        c.subject_id,
        c.field,
        c.kept.map(json),
        json(c.proposed),
        c.kept_event.map(|e| e.to_string()),
        c.proposed_event.to_string(),
        json(c.detail),
    ])?;
    Ok(())
}

/// Records a review case the centre opened (once).
pub(crate) fn open_case(conn: &Connection, spec: &Case, subject_id: Option<&str>) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO review_cases (id, entity, entity_id, key, value, first_event,
             second_event, subject_id, state, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', 1)",
    )?
    .execute(params![
        spec.id.to_string(),
        spec.entity,
        spec.entity_id.to_string(),
        spec.key,
        spec.value,
        spec.first_event.to_string(),
        spec.second_event.to_string(),
        subject_id,
    ])?;
    Ok(())
}

/// A conflict by id.
pub(crate) fn conflict(conn: &Connection, id: Uuid) -> Result<ConflictRec> {
    conn.prepare_cached("SELECT * FROM sync_conflicts WHERE id = ?1")?
        .query_row([id.to_string()], from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "conflict", key: id.to_string() })
}

/// A review case by id.
pub(crate) fn case(conn: &Connection, id: Uuid) -> Result<ReviewCaseRec> {
    conn.prepare_cached("SELECT * FROM review_cases WHERE id = ?1")?
        .query_row([id.to_string()], from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "review case", key: id.to_string() })
}
