//! The one way to write: state, audit row and outbox event in one transaction.
//!
//! # Design
//! Every change to a record goes through [`Change::insert`] or [`Change::update`], which are only
//! reachable inside [`crate::Store::write`]. Each writes the new state, an audit row (who, when,
//! what, before and after, chained by hash to the previous row) and an outbox event with the next
//! gapless per-device sequence number, and refreshes the search projection — all inside the same
//! `BEGIN IMMEDIATE` transaction, so a failure anywhere leaves none of them.
//!
//! **Architecture Invariant**: no other code issues INSERT or UPDATE against registry tables.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{redacted, to_map, to_sql, Record};
use crate::users::Actor;
use chrono::{DateTime, SecondsFormat, Utc};
use otau_core::canonical::canonical_json;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The hash before the first audit row of a device.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An open change: the transaction, who makes it and when, and under what action name.
pub struct Change<'t> {
    tx: &'t Transaction<'t>,
    ctx: &'t Context,
    device_id: String,
    action: String,
    reason: Option<String>,
    events: u32,
    /// Persons whose search entries are refreshed once, when the change finishes.
    dirty_persons: std::collections::BTreeSet<Uuid>,
}

impl<'t> Change<'t> {
    pub(crate) fn new(
        tx: &'t Transaction<'t>,
        ctx: &'t Context,
        device_id: String,
        action: &str,
    ) -> Self {
        Change {
            tx,
            ctx,
            device_id,
            action: action.to_string(),
            reason: None,
            events: 0,
            dirty_persons: Default::default(),
        }
    }

    /// Refreshes the projections of everything this change touched; called once before commit.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.refresh_projections()
    }

    /// Refreshes the projections of what was written so far, so later reads in the same change
    /// (the duplicate check of the next family in a batch) see it.
    pub(crate) fn refresh_projections(&mut self) -> Result<()> {
        for person in std::mem::take(&mut self.dirty_persons) {
            crate::search::reindex_person(self.tx, person)?;
        }
        Ok(())
    }

    /// The transaction, for reads inside the change (never for writes to registry tables).
    pub(crate) fn tx(&self) -> &Transaction<'t> {
        self.tx
    }

    /// The moment of the change.
    pub fn at(&self) -> DateTime<Utc> {
        self.ctx.at
    }

    /// Who makes the change.
    pub fn actor(&self) -> &Actor {
        &self.ctx.actor
    }

    /// The date of the law the change is made on.
    pub fn today(&self) -> chrono::NaiveDate {
        self.ctx.today
    }

    /// Sets the reason recorded with every following audit row (edits require one).
    pub fn set_reason(&mut self, reason: Option<String>) {
        self.reason = reason;
    }

    /// How many events this change has written so far.
    pub fn events(&self) -> u32 {
        self.events
    }

    /// Inserts a new record (version 1) with its audit row and outbox event.
    pub fn insert<R: Record>(&mut self, record: &mut R) -> Result<()> {
        record.set_version(1);
        let map = to_map(record)?;
        let columns: Vec<&str> = map.keys().map(String::as_str).collect();
        let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            R::TABLE,
            columns.join(", "),
            placeholders.join(", ")
        );
        let values = map.values().map(to_sql).collect::<Result<Vec<_>>>()?;
        self.tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;

        let fields: Vec<String> =
            map.keys().filter(|k| !matches!(k.as_str(), "id" | "version")).cloned().collect();
        let after = redacted::<R>(&map);
        self.record::<R>(record, "insert", 0, &fields, None, &after)?;
        Ok(())
    }

    /// Updates a record from `before` (as read) to `after`; returns the changed fields.
    ///
    /// Refuses with [`StoreError::VersionConflict`] if the stored version is no longer the one
    /// `before` was read at. Writing nothing when nothing changed.
    pub fn update<R: Record>(&mut self, before: &R, after: &mut R) -> Result<Vec<String>> {
        let base = before.version();
        after.set_version(base);
        let old = to_map(before)?;
        let new = to_map(after)?;
        let fields: Vec<String> = new
            .iter()
            .filter(|(k, v)| k.as_str() != "version" && old.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        if fields.iter().any(|f| f == "id") {
            return Err(StoreError::Corrupt(format!("{}: an id cannot change", R::TABLE)));
        }
        if fields.is_empty() {
            return Ok(fields);
        }
        after.set_version(base + 1);
        let sets: Vec<String> =
            fields.iter().enumerate().map(|(i, f)| format!("{f} = ?{}", i + 1)).collect();
        let n = fields.len();
        let sql = format!(
            "UPDATE {} SET {}, version = ?{} WHERE id = ?{} AND version = ?{}",
            R::TABLE,
            sets.join(", "),
            n + 1,
            n + 2,
            n + 3
        );
        let mut values = fields
            .iter()
            .map(|f| to_sql(new.get(f).unwrap_or(&Value::Null)))
            .collect::<Result<Vec<_>>>()?;
        values.push(rusqlite::types::Value::Integer(base + 1));
        values.push(rusqlite::types::Value::Text(before.id().to_string()));
        values.push(rusqlite::types::Value::Integer(base));
        let changed = self.tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
        if changed != 1 {
            let found: Option<i64> = self
                .tx
                .prepare_cached(&format!("SELECT version FROM {} WHERE id = ?1", R::TABLE))?
                .query_row([before.id().to_string()], |r| r.get(0))
                .optional()?;
            return Err(StoreError::VersionConflict {
                entity: R::ENTITY,
                id: before.id().to_string(),
                expected: base,
                found: found.unwrap_or(0),
            });
        }
        let old_r = redacted::<R>(&old);
        let mut new_r = redacted::<R>(&new);
        new_r.insert("version".into(), Value::from(base + 1));
        self.record::<R>(after, "update", base, &fields, Some(&old_r), &new_r)?;
        Ok(fields)
    }

    /// Writes the audit row and the outbox event of one record change and notes the projections to
    /// refresh.
    fn record<R: Record>(
        &mut self,
        record: &R,
        op: &str,
        base_version: i64,
        fields: &[String],
        before: Option<&Map<String, Value>>,
        after: &Map<String, Value>,
    ) -> Result<()> {
        let at = self.ctx.at.to_rfc3339_opts(SecondsFormat::Millis, true);
        let entity_id = record.id().to_string();
        let subject = record.subject().map(|s| s.to_string());
        let before_json = before.map(|b| canonical_json(&Value::Object(b.clone())));
        let after_json = canonical_json(&Value::Object(after.clone()));

        // Audit, chained to the previous row.
        let prev_hash: String = self
            .tx
            .prepare_cached("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| GENESIS_HASH.to_string());
        let audit_id = Uuid::now_v7().to_string();
        let row = AuditHashInput {
            id: &audit_id,
            at: &at,
            user_login: &self.ctx.actor.login,
            action: &self.action,
            entity: R::ENTITY,
            entity_id: &entity_id,
            subject_id: subject.as_deref(),
            reason: self.reason.as_deref(),
            before_json: before_json.as_deref(),
            after_json: &after_json,
        };
        let hash = row.hash(&prev_hash);
        self.tx
            .prepare_cached(
                "INSERT INTO audit (id, at, user_id, user_login, action, entity, entity_id,
                     subject_id, reason, before_json, after_json, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                audit_id,
                at,
                self.ctx.actor.user_id.map(|u| u.to_string()),
                self.ctx.actor.login,
                self.action,
                R::ENTITY,
                entity_id,
                subject,
                self.reason,
                before_json,
                after_json,
                prev_hash,
                hash
            ])?;
        let audit_seq = self.tx.last_insert_rowid();

        // Outbox event with the next gapless sequence number of this device.
        let device_seq: i64 = self
            .tx
            .prepare_cached("SELECT COALESCE(MAX(device_seq), 0) + 1 FROM outbox")?
            .query_row([], |r| r.get(0))?;
        let values: Map<String, Value> =
            fields.iter().filter_map(|f| after.get(f).map(|v| (f.clone(), v.clone()))).collect();
        let payload = canonical_json(&serde_json::json!({
            "entity": R::ENTITY,
            "id": entity_id,
            "op": op,
            "base_version": base_version,
            "version": record.version(),
            "fields": fields,
            "values": values,
        }));
        let payload_hash = sha256_hex(payload.as_bytes());
        self.tx
            .prepare_cached(
                "INSERT INTO outbox (device_seq, event_id, device_id, at, kind, entity, entity_id,
                     base_version, new_version, fields, payload, payload_hash, audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                device_seq,
                Uuid::now_v7().to_string(),
                self.device_id,
                at,
                format!("{}.{}", R::ENTITY, op),
                R::ENTITY,
                entity_id,
                base_version,
                record.version(),
                canonical_json(&serde_json::json!(fields)),
                payload,
                payload_hash,
                audit_seq
            ])?;
        self.events += 1;

        if let Some(person) = record.search_person() {
            self.dirty_persons.insert(person);
        }
        Ok(())
    }
}

/// The fields of an audit row that its hash covers.
pub(crate) struct AuditHashInput<'a> {
    pub id: &'a str,
    pub at: &'a str,
    pub user_login: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub subject_id: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub before_json: Option<&'a str>,
    pub after_json: &'a str,
}

impl AuditHashInput<'_> {
    pub(crate) fn hash(&self, prev_hash: &str) -> String {
        let text = canonical_json(&serde_json::json!([
            prev_hash,
            self.id,
            self.at,
            self.user_login,
            self.action,
            self.entity,
            self.entity_id,
            self.subject_id,
            self.reason,
            self.before_json,
            self.after_json,
        ]));
        sha256_hex(text.as_bytes())
    }
}

/// Lowercase hex SHA-256.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
