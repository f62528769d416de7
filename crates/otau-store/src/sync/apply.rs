//! Applying what the centre sends: a page of the office's events with their verdicts, in the
//! centre's order, in one transaction with the cursor that follows it.
//!
//! # Design
//! The centre orders the events of an office and decides once how each merges (its verdict);
//! every device applies the same decisions, so every device ends with the same records:
//! - an event id already in the log is never applied twice; for this device's own events only a
//!   verdict that differs from what it did locally is applied (a value kept from another device,
//!   an insert that did not take effect);
//! - another device's insert is inserted unless dropped; its update sets each field the verdict
//!   gives, except a field that one of this device's own events placed later in the centre's
//!   order (or not yet sent) also changed — that change stays and the centre judges it when it
//!   arrives;
//! - conflicts and review cases are recorded as the verdict names them (same ids everywhere);
//! - a row the database refuses (a rule broken by a fact from another device that no verdict
//!   foresaw) is not lost: it becomes a conflict holding the whole record.
//!
//! While a page is applied, `sync_applying` holds a row, which lets the ledger and the IIN
//! triggers accept a second fact that already happened elsewhere (and its review case says so).

use crate::error::{Result, StoreError};
use crate::events::{
    append, append_text, envelope_hash, Envelope, EventActor, Origin, WIRE_VERSION,
};
use crate::sync::cases::{insert_conflict, open_case, open_conflict, ConflictRow};
use crate::sync::entities::{columns, entity, Entity};
use crate::sync::wire::{OwnEntry, PullEntry, Verdict};
use otau_core::canonical::canonical_json;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use uuid::Uuid;

/// What applying pulled events did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    /// Events of other devices applied.
    pub applied: u32,
    /// Events already held (this device's own, or seen before).
    pub already_held: u32,
    /// This device's own changes that a verdict changed here.
    pub overruled: u32,
    /// Conflicts recorded.
    pub conflicts: u32,
    /// Review cases recorded.
    pub cases: u32,
}

/// This device as the apply sees it.
pub(crate) struct Me {
    /// The office code.
    pub office: String,
    /// Its device ids (the current one and earlier identities).
    pub device_ids: BTreeSet<String>,
}

impl Me {
    pub(crate) fn load(tx: &Transaction<'_>) -> Result<Me> {
        let (device_id, office): (String, String) = tx
            .query_row("SELECT device_id, office_code FROM device", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or(StoreError::NotInitialised)?;
        let mut device_ids: BTreeSet<String> = tx
            .prepare("SELECT device_id FROM device_incarnations")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        device_ids.insert(device_id);
        Ok(Me { office, device_ids })
    }
}

fn refuse(code: &'static str, detail: impl Into<String>) -> StoreError {
    StoreError::Sync { code, detail: detail.into() }
}

/// What a refusal of a pulled event that does not match its hash names: the event it claims to
/// be, or its place in the centre's order when it claims none.
fn tampered(event: &Value, server_seq: i64) -> String {
    match event.get("event_id").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => format!("#{server_seq}"),
    }
}

/// Applies one pulled event.
pub(crate) fn apply_entry(
    tx: &Transaction<'_>,
    me: &Me,
    entry: &PullEntry,
    report: &mut ApplyReport,
) -> Result<()> {
    if envelope_hash(&entry.event) != entry.hash {
        return Err(refuse("sync-tampered-event", tampered(&entry.event, entry.server_seq)));
    }
    let envelope = Envelope::from_value(&entry.event)?;
    if envelope.wire > WIRE_VERSION {
        return Err(refuse("sync-protocol-unsupported", format!("wire {}", envelope.wire)));
    }
    if envelope.office != me.office {
        return Err(refuse("sync-wrong-office-event", envelope.office.clone()));
    }
    let held = crate::events::seq_of_event(tx, envelope.event_id)?;
    let seq = match held {
        // This device's own (its verdict was applied by `apply_own_verdicts`), or seen before.
        Some(seq) => {
            report.already_held += 1;
            seq
        }
        None => {
            apply_foreign(tx, &envelope, entry.server_seq, &entry.verdict, report)?;
            report.applied += 1;
            append_text(tx, Origin::Remote, &canonical_json(&entry.event), &entry.hash)?
        }
    };
    tx.prepare_cached(
        "INSERT OR IGNORE INTO event_server_seqs (event_seq, server_seq) VALUES (?1, ?2)",
    )?
    .execute(params![seq, entry.server_seq])?;
    record_verdict(tx, &envelope, &entry.verdict, report)
}

/// The verdicts on this device's own events of a page that differ from what it did locally,
/// applied before the page's other events: an insert the centre did not take is taken back
/// first, so the record that took its key fits in.
pub(crate) fn apply_own_verdicts(
    tx: &Transaction<'_>,
    me: &Me,
    entries: &[PullEntry],
    report: &mut ApplyReport,
) -> Result<()> {
    for entry in entries {
        if envelope_hash(&entry.event) != entry.hash {
            return Err(refuse("sync-tampered-event", tampered(&entry.event, entry.server_seq)));
        }
        let envelope = Envelope::from_value(&entry.event)?;
        let own = envelope.device_id.is_some_and(|d| me.device_ids.contains(&d.to_string()));
        if !own {
            continue;
        }
        let held = crate::events::seq_of_event(tx, envelope.event_id)?;
        if held.is_some() {
            apply_own_verdict(tx, &envelope, entry.server_seq, &entry.verdict, report)?;
        }
    }
    Ok(())
}

/// Records the conflicts and review cases a verdict names.
fn record_verdict(
    tx: &Transaction<'_>,
    envelope: &Envelope,
    verdict: &Verdict,
    report: &mut ApplyReport,
) -> Result<()> {
    for spec in &verdict.conflicts {
        open_conflict(tx, spec, envelope.subject_id.as_deref())?;
        report.conflicts += 1;
    }
    for spec in &verdict.cases {
        open_case(tx, spec, envelope.subject_id.as_deref())?;
        report.cases += 1;
    }
    Ok(())
}

fn apply_foreign(
    tx: &Transaction<'_>,
    envelope: &Envelope,
    server_seq: i64,
    verdict: &Verdict,
    report: &mut ApplyReport,
) -> Result<()> {
    if verdict.dropped {
        return Ok(());
    }
    let kind = entity(&envelope.entity)?;
    tx.execute_batch("SAVEPOINT apply_event")?;
    let outcome = match envelope.op.as_str() {
        "insert" => insert(tx, kind, envelope),
        "update" => update(tx, kind, envelope, server_seq, &verdict.effective, true).map(|_| ()),
        other => Err(refuse("sync-unknown-operation", other.to_string())),
    };
    match outcome {
        Ok(()) => {
            tx.execute_batch("RELEASE apply_event")?;
            reindex(tx, kind, &envelope.entity_id)?;
            Ok(())
        }
        // The database refused the row: keep it whole as a conflict, never lose it.
        Err(StoreError::Sqlite(e)) => {
            tx.execute_batch("ROLLBACK TO apply_event; RELEASE apply_event")?;
            let detail = serde_json::json!({ "op": envelope.op, "error": e.to_string() });
            insert_conflict(
                tx,
                &ConflictRow {
                    id: otau_sync::merge::derived_id(envelope.event_id, "refused"),
                    kind: "refused_insert",
                    entity: &envelope.entity,
                    entity_id: &envelope.entity_id,
                    subject_id: envelope.subject_id.as_deref(),
                    field: None,
                    kept: None,
                    kept_event: None,
                    proposed: &Value::Object(envelope.after.clone()),
                    proposed_event: envelope.event_id,
                    detail: &detail,
                },
            )?;
            report.conflicts += 1;
            Ok(())
        }
        Err(other) => {
            tx.execute_batch("ROLLBACK TO apply_event; RELEASE apply_event")?;
            Err(other)
        }
    }
}

/// Checks that every column is one of the table's and returns them in order.
fn checked_columns<'m>(
    tx: &Transaction<'_>,
    kind: &Entity,
    values: &'m Map<String, Value>,
) -> Result<Vec<(&'m String, &'m Value)>> {
    let known = columns(tx, kind.table)?;
    let mut out = vec![];
    for (column, value) in values {
        if matches!(column.as_str(), "id" | "version") {
            continue;
        }
        if !known.contains(column) {
            // A column of a newer build: kept in the event, not applied here.
            continue;
        }
        out.push((column, value));
    }
    Ok(out)
}

fn sql_value(value: &Value) -> Result<SqlValue> {
    Ok(match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => return Err(refuse("sync-bad-value", format!("a non-integer number {n}"))),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => return Err(refuse("sync-bad-value", format!("a nested value {other}"))),
    })
}

fn insert(tx: &Transaction<'_>, kind: &Entity, envelope: &Envelope) -> Result<()> {
    let cols = checked_columns(tx, kind, &envelope.after)?;
    if !kind.natural_key.is_empty() && natural_key_held(tx, kind, &envelope.after)? {
        // The same reference row already came from the centre or another device.
        return Ok(());
    }
    let names: Vec<&str> = cols.iter().map(|(c, _)| c.as_str()).collect();
    let marks: Vec<String> = (1..=names.len() + 2).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} (id, version, {}) VALUES ({})",
        kind.table,
        names.join(", "),
        marks.join(", ")
    );
    let mut values = vec![SqlValue::Text(envelope.entity_id.clone()), SqlValue::Integer(1)];
    for (_, v) in &cols {
        values.push(sql_value(v)?);
    }
    tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn natural_key_held(
    tx: &Transaction<'_>,
    kind: &Entity,
    after: &Map<String, Value>,
) -> Result<bool> {
    let conds: Vec<String> =
        kind.natural_key.iter().enumerate().map(|(i, c)| format!("{c} IS ?{}", i + 1)).collect();
    let sql = format!("SELECT 1 FROM {} WHERE {}", kind.table, conds.join(" AND "));
    let values = kind
        .natural_key
        .iter()
        .map(|c| sql_value(after.get(*c).unwrap_or(&Value::Null)))
        .collect::<Result<Vec<_>>>()?;
    Ok(tx
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(values), |_| Ok(()))
        .optional()?
        .is_some())
}

/// The fields this device's own events changed after `server_seq` in the centre's order (or
/// not yet sent): their values stay.
fn fields_changed_here_later(
    tx: &Transaction<'_>,
    entity_id: &str,
    server_seq: i64,
) -> Result<BTreeSet<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT envelope_json(e.body) ->> '$.after' FROM events e
         LEFT JOIN event_server_seqs s ON s.event_seq = e.seq
         WHERE e.entity_tag = id_tag(?1) AND e.entity_key = id_key(?1)
           AND e.origin = 'local'
           AND (s.server_seq IS NULL OR s.server_seq > ?2)",
    )?;
    let rows = stmt.query_map(params![entity_id, server_seq], |r| r.get::<_, Option<String>>(0))?;
    let mut out = BTreeSet::new();
    for row in rows {
        let after: Map<String, Value> =
            serde_json::from_str(row?.as_deref().unwrap_or("{}")).unwrap_or_default();
        out.extend(after.keys().cloned());
    }
    Ok(out)
}

/// Sets the given fields of a record (those not changed here later) and, for another device's
/// event, counts one more version (every device counts each event once; a verdict correcting
/// this device's own change is not an event). Returns the fields set, with the values they had.
fn update(
    tx: &Transaction<'_>,
    kind: &Entity,
    envelope: &Envelope,
    server_seq: i64,
    values: &Map<String, Value>,
    new_version: bool,
) -> Result<Map<String, Value>> {
    let later = fields_changed_here_later(tx, &envelope.entity_id, server_seq)?;
    let cols: Vec<(&String, &Value)> = checked_columns(tx, kind, values)?
        .into_iter()
        .filter(|(c, _)| !later.contains(*c))
        .collect();
    let before =
        current_values(tx, kind, &envelope.entity_id, cols.iter().map(|(c, _)| c.as_str()))?
            .ok_or_else(|| StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows))?;
    let sets: Vec<String> =
        cols.iter().enumerate().map(|(i, (c, _))| format!("{c} = ?{}", i + 1)).collect();
    let mut sql_values = cols.iter().map(|(_, v)| sql_value(v)).collect::<Result<Vec<_>>>()?;
    sql_values.push(SqlValue::Text(envelope.entity_id.clone()));
    let mut assignments = sets;
    if new_version {
        assignments.push("version = version + 1".into());
    }
    if assignments.is_empty() {
        return Ok(before);
    }
    let sql = format!(
        "UPDATE {} SET {} WHERE id = ?{}",
        kind.table,
        assignments.join(", "),
        cols.len() + 1
    );
    tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(sql_values))?;
    Ok(before)
}

/// The current values of some columns of a record (None when it does not exist).
fn current_values<'c>(
    tx: &Transaction<'_>,
    kind: &Entity,
    id: &str,
    cols: impl Iterator<Item = &'c str>,
) -> Result<Option<Map<String, Value>>> {
    let cols: Vec<&str> = cols.collect();
    let select = if cols.is_empty() { "1".to_string() } else { cols.join(", ") };
    let sql = format!("SELECT {select} FROM {} WHERE id = ?1", kind.table);
    let row = tx
        .prepare_cached(&sql)?
        .query_row([id], |r| {
            let mut map = Map::new();
            for (i, c) in cols.iter().enumerate() {
                let v = match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => Value::Null,
                    rusqlite::types::ValueRef::Integer(n) => Value::from(n),
                    rusqlite::types::ValueRef::Real(f) => Value::from(f),
                    rusqlite::types::ValueRef::Text(t) => {
                        Value::String(String::from_utf8_lossy(t).into_owned())
                    }
                    rusqlite::types::ValueRef::Blob(b) => Value::String(hex::encode(b)),
                };
                map.insert((*c).to_string(), v);
            }
            Ok(map)
        })
        .optional()?;
    Ok(row)
}

/// A verdict on one of this device's own events that differs from what it did here.
fn apply_own_verdict(
    tx: &Transaction<'_>,
    envelope: &Envelope,
    server_seq: i64,
    verdict: &Verdict,
    report: &mut ApplyReport,
) -> Result<()> {
    let kind = entity(&envelope.entity)?;
    let (before, after) = if verdict.dropped {
        // The insert did not take effect anywhere else: take it back here too. The conflict
        // the verdict names keeps the whole record.
        let all = columns(tx, kind.table)?;
        let Some(row) =
            current_values(tx, kind, &envelope.entity_id, all.iter().map(String::as_str))?
        else {
            return Ok(());
        };
        tx.prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", kind.table))?
            .execute([&envelope.entity_id])?;
        (row, Map::new())
    } else if envelope.op == "update" {
        let differs: Map<String, Value> = verdict
            .effective
            .iter()
            .filter(|(f, v)| envelope.after.get(*f) != Some(*v))
            .map(|(f, v)| (f.clone(), v.clone()))
            .collect();
        if differs.is_empty() {
            return Ok(());
        }
        let before = update(tx, kind, envelope, server_seq, &differs, false)?;
        let after: Map<String, Value> =
            differs.into_iter().filter(|(f, _)| before.contains_key(f)).collect();
        (before, after)
    } else {
        return Ok(());
    };
    reindex(tx, kind, &envelope.entity_id)?;
    report.overruled += 1;
    let derived = Envelope {
        wire: WIRE_VERSION,
        event_id: otau_sync::merge::derived_id(envelope.event_id, "verdict"),
        change_id: envelope.change_id,
        office: envelope.office.clone(),
        device_id: None,
        device_seq: None,
        at: envelope.at.clone(),
        actor: EventActor { user_id: None, login: "sync".into() },
        action: "sync.verdict".into(),
        reason: None,
        entity: envelope.entity.clone(),
        entity_id: envelope.entity_id.clone(),
        subject_id: envelope.subject_id.clone(),
        op: if verdict.dropped { "delete".into() } else { "update".into() },
        base_version: 0,
        before,
        after,
        derived_from: Some(envelope.event_id),
    };
    append(tx, Origin::Derived, &derived.to_value()?)?;
    Ok(())
}

fn reindex(tx: &Transaction<'_>, kind: &Entity, entity_id: &str) -> Result<()> {
    let Some(column) = kind.search_person else { return Ok(()) };
    let person: Option<String> = tx
        .prepare_cached(&format!("SELECT {column} FROM {} WHERE id = ?1", kind.table))?
        .query_row([entity_id], |r| r.get(0))
        .optional()?;
    if let Some(person) = person.and_then(|p| Uuid::parse_str(&p).ok()) {
        crate::search::reindex_person(tx, person)?;
    } else if kind.name == "person" {
        // A person taken back: its search rows go with it.
        crate::search::forget_missing(tx)?;
    }
    Ok(())
}

/// Applies one of this device's own events that its database lost (restored from a backup) and
/// logs it as its own again, with its sequence, so new events continue after it.
pub(crate) fn apply_as_own(
    tx: &Transaction<'_>,
    me: &Me,
    entry: &OwnEntry,
    report: &mut ApplyReport,
) -> Result<()> {
    if envelope_hash(&entry.event) != entry.hash {
        return Err(refuse("sync-tampered-event", tampered(&entry.event, entry.server_seq)));
    }
    let envelope = Envelope::from_value(&entry.event)?;
    if envelope.office != me.office {
        return Err(refuse("sync-wrong-office-event", envelope.office.clone()));
    }
    let held = crate::events::seq_of_event(tx, envelope.event_id)?;
    if held.is_some() {
        report.already_held += 1;
        return Ok(());
    }
    apply_foreign(tx, &envelope, entry.server_seq, &entry.verdict, report)?;
    report.applied += 1;
    let seq = append_text(tx, Origin::Local, &canonical_json(&entry.event), &entry.hash)?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO event_server_seqs (event_seq, server_seq) VALUES (?1, ?2)",
    )?
    .execute(params![seq, entry.server_seq])?;
    record_verdict(tx, &envelope, &entry.verdict, report)
}
