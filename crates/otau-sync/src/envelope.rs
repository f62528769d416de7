//! The event of wire version 1: one change to one record, as a device sends it and every other
//! device receives it, and its hash.
//!
//! # Design
//! A [`SignedEvent`] keeps the envelope as the raw JSON object it arrived as: its hash is taken
//! over that object (canonical JSON), so fields a newer wire version adds survive a receiver that
//! does not know them. [`SignedEvent::verify`] checks the hash and gives the typed [`Envelope`],
//! which reads the fields this build knows.

use crate::error::SyncError;
use crate::sha256_hex;
use otau_core::canonical::canonical_json;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// The newest wire version this build reads and writes.
pub const WIRE: u64 = 1;

/// What an event does to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// A new record: `after` holds every column but `id` and `version`.
    Insert,
    /// A change: `before` and `after` hold exactly the changed columns.
    Update,
}

/// Who made the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The user's id (none for the system).
    #[serde(default)]
    pub user_id: Option<Uuid>,
    /// The user's login as it was.
    pub login: String,
}

/// The typed view of a wire-1 event (`docs/SYNC.md`, "The event").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// Wire version.
    pub wire: u64,
    /// The event's id (UUIDv7, made on the device).
    pub event_id: Uuid,
    /// The change (one transaction on the device) the event belongs to.
    pub change_id: Uuid,
    /// The office's code.
    pub office: String,
    /// The device that made the change.
    pub device_id: Uuid,
    /// Gapless per device from 1.
    pub device_seq: i64,
    /// The device's clock: shown to people, never used to order or merge.
    pub at: String,
    /// Who made the change.
    pub actor: Actor,
    /// The action's name (`person.edit`).
    pub action: String,
    /// Why (edits require one).
    #[serde(default)]
    pub reason: Option<String>,
    /// The entity (`person`, `ledger_entry`, …; `policy::ENTITIES`).
    pub entity: String,
    /// The record's id.
    pub entity_id: Uuid,
    /// The person or family the change is about, for the history.
    #[serde(default)]
    pub subject_id: Option<Uuid>,
    /// Insert or update.
    pub op: Op,
    /// The record's version the edit was based on (0 for an insert).
    pub base_version: i64,
    /// The changed columns as the device had them (empty for an insert).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub before: Map<String, Value>,
    /// The changed columns after the change (every column for an insert).
    #[serde(default)]
    pub after: Map<String, Value>,
}

/// An event as it travels: the raw envelope object and its hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedEvent {
    /// The envelope as a JSON object, exactly as received.
    pub event: Value,
    /// `hex(sha256(canonical_json(event)))`.
    pub hash: String,
}

impl SignedEvent {
    /// Seals an envelope made on this device: its JSON object and hash.
    pub fn seal(envelope: &Envelope) -> Result<SignedEvent, SyncError> {
        let event = serde_json::to_value(envelope)
            .map_err(|e| SyncError::BadEvent { reason: e.to_string() })?;
        Ok(SignedEvent { hash: hash_of(&event), event })
    }

    /// Checks the hash and reads the envelope; refuses floats and a wire newer than [`WIRE`].
    pub fn verify(&self) -> Result<Envelope, SyncError> {
        let claimed_id =
            || self.event.get("event_id").and_then(Value::as_str).unwrap_or_default().to_string();
        if !self.event.is_object() {
            return Err(SyncError::BadEvent { reason: "the event is not an object".into() });
        }
        if hash_of(&self.event) != self.hash {
            return Err(SyncError::TamperedEvent { event_id: claimed_id() });
        }
        if has_float(&self.event) {
            return Err(SyncError::BadEvent {
                reason: format!("event {} carries a floating-point number", claimed_id()),
            });
        }
        match self.event.get("wire").and_then(Value::as_u64) {
            Some(w) if w > WIRE => return Err(SyncError::WireUnsupported { wire: w, known: WIRE }),
            Some(_) => {}
            None => return Err(SyncError::BadEvent { reason: "no wire version".into() }),
        }
        let envelope: Envelope = serde_json::from_value(self.event.clone())
            .map_err(|e| SyncError::BadEvent { reason: format!("{}: {e}", claimed_id()) })?;
        if envelope.device_seq < 1 {
            return Err(SyncError::BadEvent { reason: "device_seq starts at 1".into() });
        }
        Ok(envelope)
    }
}

/// The hash of an envelope object: hex SHA-256 of its canonical JSON.
pub fn hash_of(event: &Value) -> String {
    sha256_hex(canonical_json(event).as_bytes())
}

fn has_float(value: &Value) -> bool {
    match value {
        Value::Number(n) => !(n.is_i64() || n.is_u64()),
        Value::Array(items) => items.iter().any(has_float),
        Value::Object(map) => map.values().any(has_float),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    pub(crate) fn example() -> Value {
        json!({
            "wire": 1,
            "event_id": "01938a6e-0000-7000-8000-000000000001",
            "change_id": "01938a6e-0000-7000-8000-000000000002",
            "office": "PVL01",
            "device_id": "01938a6e-0000-7000-8000-000000000003",
            "device_seq": 17,
            "at": "2026-12-06T10:00:00.000Z",
            "actor": { "user_id": "01938a6e-0000-7000-8000-000000000004", "login": "aigerim" },
            "action": "person.edit", "reason": "Жаңа нөмір",
            "entity": "person", "entity_id": "01938a6e-0000-7000-8000-000000000005",
            "subject_id": "01938a6e-0000-7000-8000-000000000005",
            "op": "update", "base_version": 3,
            "before": { "phone": "+77015551234" },
            "after": { "phone": "+77020000000" }
        })
    }

    fn signed(event: Value) -> SignedEvent {
        SignedEvent { hash: hash_of(&event), event }
    }

    #[test]
    fn the_example_of_the_protocol_reads_and_verifies() {
        let e = signed(example()).verify().unwrap();
        assert_eq!(e.device_seq, 17);
        assert_eq!(e.op, Op::Update);
        assert_eq!(e.after["phone"], "+77020000000");
        assert_eq!(e.actor.login, "aigerim");
    }

    #[test]
    fn a_sealed_envelope_verifies_to_itself() {
        let e = signed(example()).verify().unwrap();
        let again = SignedEvent::seal(&e).unwrap();
        assert_eq!(again.verify().unwrap(), e);
        assert_eq!(again.hash, hash_of(&example()));
    }

    #[test]
    fn a_changed_value_is_tampering() {
        let mut s = signed(example());
        s.event["after"]["phone"] = json!("+77000000000");
        assert!(matches!(s.verify(), Err(SyncError::TamperedEvent { .. })));
    }

    #[test]
    fn unknown_fields_are_kept_and_keep_the_hash() {
        let mut e = example();
        e["added_later"] = json!({"x": 1});
        let s = signed(e);
        assert!(s.verify().is_ok());
        assert_eq!(s.event["added_later"]["x"], 1);
    }

    #[test]
    fn floats_and_newer_wires_are_refused() {
        let mut e = example();
        e["after"]["amount"] = json!(1.5);
        assert!(matches!(signed(e).verify(), Err(SyncError::BadEvent { .. })));
        let mut e = example();
        e["wire"] = json!(2);
        assert_eq!(signed(e).verify(), Err(SyncError::WireUnsupported { wire: 2, known: 1 }));
    }
}
