//! The one way to write: state and its event in one transaction.
//!
//! # Design
//! Every change to a record goes through [`Change::insert`] or [`Change::update`], which are only
//! reachable inside [`crate::Store::write`]. Each writes the new state and its event (who, when,
//! what, the changed fields before and after, the base version, the next gapless sequence of this
//! device — [`crate::events`]), and refreshes the search projection — all inside the same
//! `BEGIN IMMEDIATE` transaction, so a failure anywhere leaves none of them. The events of one
//! call to `write` share a change id, so the centre and other devices see them as one piece of
//! work.
//!
//! **Architecture Invariant**: no other code issues INSERT or UPDATE against registry tables.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::events::{next_device_seq, Envelope, EventActor, Origin, WIRE_VERSION};
use crate::record::{to_map, to_sql, Record};
use crate::users::Actor;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Transaction};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use crate::events::GENESIS_HASH;

/// An open change: the transaction, who makes it and when, and under what action name.
pub struct Change<'t> {
    tx: &'t Transaction<'t>,
    ctx: &'t Context,
    device_id: String,
    office: String,
    change_id: Uuid,
    origin: Origin,
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
        device: (String, String),
        action: &str,
    ) -> Self {
        let (device_id, office) = device;
        Change {
            tx,
            ctx,
            device_id,
            office,
            change_id: Uuid::now_v7(),
            origin: Origin::Local,
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

    /// Where the events of this change come from (this device's users unless said otherwise).
    pub(crate) fn set_origin(&mut self, origin: Origin) {
        self.origin = origin;
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
        self.record::<R>(record, "insert", 0, &fields, None, &map)?;
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
        self.record::<R>(after, "update", base, &fields, Some(&old), &new)?;
        Ok(fields)
    }

    /// Sets some columns of a record known by entity name (resolving a conflict), with its
    /// event, as [`Change::update`] does for a typed record. Writes nothing when nothing changes.
    pub(crate) fn update_fields(
        &mut self,
        entity: &str,
        table: &str,
        id: &str,
        values: &Map<String, Value>,
    ) -> Result<Vec<String>> {
        let names: Vec<&String> = values.keys().collect();
        let select: Vec<String> = names.iter().map(|c| c.to_string()).collect();
        let sql = format!("SELECT version, {} FROM {table} WHERE id = ?1", select.join(", "));
        let current: Option<(i64, Map<String, Value>)> = self
            .tx
            .prepare_cached(&sql)?
            .query_row([id], |r| {
                let mut map = Map::new();
                for (i, c) in names.iter().enumerate() {
                    let v = match r.get_ref(i + 1)? {
                        rusqlite::types::ValueRef::Null => Value::Null,
                        rusqlite::types::ValueRef::Integer(n) => Value::from(n),
                        rusqlite::types::ValueRef::Text(t) => {
                            Value::String(String::from_utf8_lossy(t).into_owned())
                        }
                        _ => Value::Null,
                    };
                    map.insert((*c).clone(), v);
                }
                Ok((r.get(0)?, map))
            })
            .optional()?;
        let Some((base, before)) = current else {
            return Err(StoreError::NotFound { what: "record", key: id.to_string() });
        };
        let fields: Vec<String> = values
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        if fields.is_empty() {
            return Ok(fields);
        }
        let sets: Vec<String> =
            fields.iter().enumerate().map(|(i, f)| format!("{f} = ?{}", i + 1)).collect();
        let n = fields.len();
        let mut sql_values = fields
            .iter()
            .map(|f| to_sql(values.get(f).unwrap_or(&Value::Null)))
            .collect::<Result<Vec<_>>>()?;
        sql_values.push(rusqlite::types::Value::Integer(base + 1));
        sql_values.push(rusqlite::types::Value::Text(id.to_string()));
        sql_values.push(rusqlite::types::Value::Integer(base));
        let sql = format!(
            "UPDATE {table} SET {}, version = ?{} WHERE id = ?{} AND version = ?{}",
            sets.join(", "),
            n + 1,
            n + 2,
            n + 3
        );
        self.tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(sql_values))?;
        let subject: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT id_text(subject_key) FROM events
                 WHERE entity_tag = id_tag(?1) AND entity_key = id_key(?1) ORDER BY seq LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        let event = RecordChange {
            entity,
            entity_id: id.to_string(),
            subject_id: subject,
            op: "update",
            base_version: base,
            redacted: &[],
            private: false,
        };
        self.record_event(&event, &fields, Some(&before), values)?;
        if entity == "person" {
            if let Ok(person) = Uuid::parse_str(id) {
                self.dirty_persons.insert(person);
            }
        }
        Ok(fields)
    }

    /// Writes the event of one record change to the log and notes the projections to refresh.
    fn record<R: Record>(
        &mut self,
        record: &R,
        op: &str,
        base_version: i64,
        fields: &[String],
        before: Option<&Map<String, Value>>,
        after: &Map<String, Value>,
    ) -> Result<()> {
        let event = RecordChange {
            entity: R::ENTITY,
            entity_id: record.id().to_string(),
            subject_id: record.subject().map(|s| s.to_string()),
            op,
            base_version,
            redacted: R::REDACTED,
            private: R::PRIVATE,
        };
        self.record_event(&event, fields, before, after)?;
        if let Some(person) = record.search_person() {
            self.dirty_persons.insert(person);
        }
        Ok(())
    }

    fn record_event(
        &mut self,
        change: &RecordChange<'_>,
        fields: &[String],
        before: Option<&Map<String, Value>>,
        after: &Map<String, Value>,
    ) -> Result<()> {
        let secret = |f: &str| change.redacted.contains(&f) || f == "id" || f == "version";
        let changed: Vec<&String> = fields.iter().filter(|f| !secret(f)).collect();
        let pick = |map: &Map<String, Value>| -> Map<String, Value> {
            changed
                .iter()
                .map(|f| ((*f).clone(), map.get(*f).cloned().unwrap_or(Value::Null)))
                .collect()
        };
        // Reference data from the centre stays the centre's; a device's own secrets and trust
        // store stay private; the rest is this device's work.
        let origin = match (self.origin, change.private) {
            (Origin::Reference, _) => Origin::Reference,
            (_, true) => Origin::Private,
            (origin, false) => origin,
        };
        let device_seq = match origin {
            Origin::Local => Some(next_device_seq(self.tx, &self.device_id)?),
            _ => None,
        };
        let envelope = Envelope {
            wire: WIRE_VERSION,
            event_id: Uuid::now_v7(),
            change_id: self.change_id,
            office: self.office.clone(),
            device_id: Uuid::parse_str(&self.device_id).ok(),
            device_seq,
            at: self.ctx.at.to_rfc3339_opts(SecondsFormat::Millis, true),
            actor: EventActor {
                user_id: self.ctx.actor.user_id,
                login: self.ctx.actor.login.clone(),
            },
            action: self.action.clone(),
            reason: self.reason.clone(),
            entity: change.entity.to_string(),
            entity_id: change.entity_id.clone(),
            subject_id: change.subject_id.clone(),
            op: change.op.to_string(),
            base_version: change.base_version,
            before: before.map(pick).unwrap_or_default(),
            after: pick(after),
            derived_from: None,
        };
        crate::events::append(self.tx, origin, &envelope.to_value()?)?;
        self.events += 1;
        Ok(())
    }
}

/// What the event of one record change says about the record.
struct RecordChange<'a> {
    entity: &'a str,
    entity_id: String,
    subject_id: Option<String>,
    op: &'a str,
    base_version: i64,
    redacted: &'a [&'a str],
    private: bool,
}

/// Lowercase hex SHA-256.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
