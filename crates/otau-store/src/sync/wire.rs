//! What the store takes from the centre and gives to it: the shapes of docs/SYNC.md that the
//! store reads and writes, free of any network code.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// One of this device's events, ready to push: the envelope as stored and its hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutgoingEvent {
    /// The device sequence.
    pub device_seq: i64,
    /// The envelope (canonical JSON).
    pub event: Value,
    /// Its hash.
    pub hash: String,
}

/// The centre's decision on an event, computed once and applied by every device alike.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The values the fields of an update take (every changed field).
    #[serde(default)]
    pub effective: Map<String, Value>,
    /// Whether an insert does not take effect (its key was taken first).
    #[serde(default)]
    pub dropped: bool,
    /// Conflicts for a person to resolve.
    #[serde(default)]
    pub conflicts: Vec<ConflictSpec>,
    /// Review cases for a manager.
    #[serde(default)]
    pub cases: Vec<CaseSpec>,
}

/// A conflict as the centre found it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictSpec {
    /// Its id (the same on every device).
    pub id: Uuid,
    /// `field` (changed differently on two devices) or `duplicate_insert`.
    pub kind: String,
    /// The kind of record.
    pub entity: String,
    /// The record.
    pub entity_id: String,
    /// The field, for a field conflict.
    #[serde(default)]
    pub field: Option<String>,
    /// The value that stays for now.
    #[serde(default)]
    pub kept: Option<Value>,
    /// The event that set it.
    #[serde(default)]
    pub kept_event: Option<Uuid>,
    /// The value that did not take effect.
    pub proposed: Value,
    /// The event that proposed it.
    pub proposed_event: Uuid,
    /// Who, where and when, for the screen.
    #[serde(default)]
    pub detail: Value,
}

/// A review case as the centre opened it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseSpec {
    /// Its id (the same on every device).
    pub id: Uuid,
    /// `double_approval`, `double_payment`, `paid_and_reversed`, `same_iin`, …
    pub kind: String,
    /// What the two facts share (a ledger line, an IIN).
    pub key: String,
    /// The events it names.
    pub events: Vec<Uuid>,
    /// Who, where and when, for the screen.
    #[serde(default)]
    pub detail: Value,
}

/// One accepted event of the office as pulled, with its place and its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulledEntry {
    /// Its place in the office's order.
    pub server_seq: i64,
    /// The envelope as the centre holds it.
    pub event: Value,
    /// Its hash.
    pub hash: String,
    /// The centre's decision (absent: applied as it is).
    #[serde(default)]
    pub verdict: Option<Verdict>,
}

/// One item of reference data from the centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceItem {
    /// Its place in the centre's reference stream.
    pub ref_seq: i64,
    /// The entity (`mci_row`, `subsidy_rule`, `quota_row`, `casework_setting`,
    /// `known_office_key`, …).
    pub kind: String,
    /// The record's columns.
    pub record: Map<String, Value>,
}
