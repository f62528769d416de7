//! Reading the history: a person's, from the event log, and the check that no row was changed or
//! removed.

use crate::error::{Result, StoreError};
use crate::events::{LoggedEvent, Origin};
use crate::record::Record;
use crate::Store;
use serde::{Deserialize, Serialize};

pub use crate::events::ChainReport;

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
    /// The changed fields before (absent on creation).
    pub before: Option<serde_json::Value>,
    /// The changed fields after (every field on creation).
    pub after: serde_json::Value,
    /// Where the change was made: here, on another device of the office, or by the centre's
    /// verdict.
    pub origin: Origin,
    /// The device that made it, when it was another one.
    pub device_id: Option<String>,
    /// For a change synced from another device: the fields that did not take effect here,
    /// because the centre kept a value another device had set first (each a conflict).
    #[serde(default)]
    pub not_applied: Vec<String>,
    /// For a record synced from another device: it did not take effect at all (its number or key
    /// was taken first elsewhere, or this database refused it); a conflict keeps it.
    #[serde(default)]
    pub dropped: bool,
}

impl Store {
    /// The history of a person and of their family, oldest first.
    pub fn audit_for(&self, regno: &str) -> Result<Vec<AuditEntry>> {
        let view = self.person(regno)?;
        // Frames another process made since this one loaded the office's dictionaries.
        crate::envelope_dictionary::load(self.conn())?;
        let mut stmt = self.conn().prepare_cached(
            // The rows of another record of theirs (`events_subject`), and of their own record
            // (`events_entity`, which the subject's index leaves to it: 0022). The indexes hold
            // 8 bytes of each id (`id_tag`, 0024 and 0027); the full keys tell ids of one tag
            // apart.
            "SELECT seq, origin, body FROM events
             WHERE subject_tag IN (id_tag(?1), id_tag(?2))
               AND subject_key IN (id_key(?1), id_key(?2)) AND subject_key <> entity_key
               AND origin <> 'private'
             UNION ALL
             SELECT seq, origin, body FROM events
             WHERE entity_tag IN (id_tag(?1), id_tag(?2))
               AND entity_key IN (id_key(?1), id_key(?2)) AND subject_key = entity_key
               AND origin <> 'private'
             ORDER BY seq",
        )?;
        let rows = stmt.query_map(
            [view.person.id.to_string(), view.person.family_id.to_string()],
            LoggedEvent::from_row,
        )?;
        let mut out = vec![];
        for row in rows {
            let (mut entry, event_id) = entry(row?)?;
            if entry.origin == Origin::Remote {
                self.mark_set_aside(&mut entry, &event_id)?;
            }
            out.push(entry);
        }
        Ok(out)
    }

    /// Marks what of another device's change did not take effect here: the conflicts whose
    /// proposed side is this event name its fields, or the whole record.
    fn mark_set_aside(&self, entry: &mut AuditEntry, event_id: &str) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT kind, field FROM sync_conflicts WHERE proposed_event = ?1 ORDER BY field",
        )?;
        let rows = stmt.query_map([event_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        for row in rows {
            match row? {
                (kind, Some(field)) if kind == "field" => entry.not_applied.push(field),
                _ => entry.dropped = true,
            }
        }
        Ok(())
    }

    /// Recomputes every event's hash and link; reports the first that does not match.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        crate::events::verify_chain(self.conn())
    }

    /// The number of this device's own events and the highest device sequence.
    pub fn outbox_status(&self) -> Result<(i64, Option<i64>)> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*), MAX(device_seq) FROM events WHERE origin = 'local'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}

/// The audit row of a logged event, and the event's id.
fn entry(event: LoggedEvent) -> Result<(AuditEntry, String)> {
    let mut e = event.envelope()?;
    if e.entity == crate::registry::scans::ScanRec::ENTITY {
        // A scan's file is opened from its record, not read out of its history.
        for side in [&mut e.before, &mut e.after] {
            side.remove("content");
            side.remove("thumbnail");
        }
    }
    let before = (e.op != "insert").then(|| serde_json::Value::Object(e.before.clone()));
    let device_id = match event.origin {
        Origin::Remote => e.device_id.map(|d| d.to_string()),
        _ => None,
    };
    if e.entity.is_empty() {
        return Err(StoreError::Corrupt(format!("event {} has no entity", event.seq)));
    }
    let entry = AuditEntry {
        seq: event.seq,
        at: e.at,
        user_login: e.actor.login,
        action: e.action,
        entity: e.entity,
        entity_id: e.entity_id,
        reason: e.reason,
        before,
        after: serde_json::Value::Object(e.after),
        origin: event.origin,
        device_id,
        not_applied: vec![],
        dropped: false,
    };
    Ok((entry, e.event_id.to_string()))
}
