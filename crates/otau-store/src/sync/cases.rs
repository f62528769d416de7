//! Conflicts and review cases: made on every device from the centre's verdicts, resolved by a
//! person as an ordinary change that syncs like any other.

use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::sync::wire::{CaseSpec, ConflictSpec};
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
    /// `double_approval`, `double_payment`, `paid_and_reversed`, `same_iin`, …
    pub kind: String,
    /// What the facts share (a ledger line, an IIN).
    pub key: String,
    /// The person or family it concerns.
    pub subject_id: Option<String>,
    /// The events it names (JSON list of ids).
    pub events_json: String,
    /// Who, where and when (JSON).
    pub detail_json: String,
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
    spec: &ConflictSpec,
    subject_id: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_conflicts (id, kind, entity, entity_id, subject_id, field,
             kept_json, proposed_json, kept_event, proposed_event, detail_json, state, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'open', 1)",
    )?
    .execute(params![
        spec.id.to_string(),
        spec.kind,
        spec.entity,
        spec.entity_id,
        subject_id,
        spec.field,
        spec.kept.as_ref().map(json),
        json(&spec.proposed),
        spec.kept_event.map(|e| e.to_string()),
        spec.proposed_event.to_string(),
        json(&spec.detail),
    ])?;
    Ok(())
}

/// Records a review case the centre opened (once).
pub(crate) fn open_case(
    conn: &Connection,
    spec: &CaseSpec,
    subject_id: Option<&str>,
) -> Result<()> {
    let events: Vec<String> = spec.events.iter().map(Uuid::to_string).collect();
    conn.prepare_cached(
        "INSERT OR IGNORE INTO review_cases (id, kind, key, subject_id, events_json, detail_json,
             state, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', 1)",
    )?
    .execute(params![
        spec.id.to_string(),
        spec.kind,
        spec.key,
        subject_id,
        json(&serde_json::json!(events)),
        json(&spec.detail),
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
