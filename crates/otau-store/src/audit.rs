//! Reading the audit: a person's history, and the check that no row was changed or removed.

use crate::error::{Result, StoreError};
use crate::write::{AuditHashInput, GENESIS_HASH};
use crate::Store;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

/// One audit row as shown to people.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Order on this device.
    pub seq: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who (login).
    pub user_login: String,
    /// What was done (`family.register`, `person.edit`, …).
    pub action: String,
    /// Which kind of record.
    pub entity: String,
    /// Which record.
    pub entity_id: String,
    /// The reason given, if any.
    pub reason: Option<String>,
    /// The record before (absent on creation).
    pub before: Option<serde_json::Value>,
    /// The record after.
    pub after: serde_json::Value,
}

/// Result of checking the audit chain.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainReport {
    /// Rows checked.
    pub rows: i64,
    /// The first row whose hash or link does not match, if any.
    pub first_broken_seq: Option<i64>,
}

impl Store {
    /// The history of a person and of their family, oldest first.
    pub fn audit_for(&self, regno: &str) -> Result<Vec<AuditEntry>> {
        let view = self.person(regno)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, at, user_login, action, entity, entity_id, reason, before_json, after_json
             FROM audit WHERE subject_id = ?1 OR subject_id = ?2 ORDER BY seq",
        )?;
        let rows =
            stmt.query_map([view.person.id.to_string(), view.person.family_id.to_string()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                ))
            })?;
        let parse = |s: &str| {
            serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("audit json: {e}")))
        };
        let mut out = vec![];
        for row in rows {
            let (seq, at, user_login, action, entity, entity_id, reason, before, after) = row?;
            out.push(AuditEntry {
                seq,
                at,
                user_login,
                action,
                entity,
                entity_id,
                reason,
                before: before.as_deref().map(parse).transpose()?,
                after: parse(&after)?,
            });
        }
        Ok(out)
    }

    /// Recomputes every audit row's hash and link; reports the first that does not match.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        let mut stmt = self.conn().prepare(
            "SELECT seq, id, at, user_login, action, entity, entity_id, subject_id, reason,
                    before_json, after_json, prev_hash, hash
             FROM audit ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut expected_prev = GENESIS_HASH.to_string();
        let mut count = 0;
        let mut last_seq = 0;
        while let Some(r) = rows.next()? {
            count += 1;
            let seq: i64 = r.get(0)?;
            let (id, at, login, action, entity, entity_id): (
                String,
                String,
                String,
                String,
                String,
                String,
            ) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
            let subject: Option<String> = r.get(7)?;
            let reason: Option<String> = r.get(8)?;
            let before: Option<String> = r.get(9)?;
            let after: String = r.get(10)?;
            let prev: String = r.get(11)?;
            let hash: String = r.get(12)?;
            let input = AuditHashInput {
                id: &id,
                at: &at,
                user_login: &login,
                action: &action,
                entity: &entity,
                entity_id: &entity_id,
                subject_id: subject.as_deref(),
                reason: reason.as_deref(),
                before_json: before.as_deref(),
                after_json: &after,
            };
            // A gap in seq means a removed row; a wrong link or hash means a changed one.
            if seq != last_seq + 1 || prev != expected_prev || input.hash(&prev) != hash {
                return Ok(ChainReport { rows: count, first_broken_seq: Some(seq) });
            }
            expected_prev = hash;
            last_seq = seq;
        }
        Ok(ChainReport { rows: count, first_broken_seq: None })
    }

    /// The number of outbox events and the highest device sequence.
    pub fn outbox_status(&self) -> Result<(i64, Option<i64>)> {
        Ok(self
            .conn()
            .query_row("SELECT COUNT(*), MAX(device_seq) FROM outbox", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .unwrap_or((0, None)))
    }
}
