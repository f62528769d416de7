//! The verdict: how one accepted event merges with what the office's centre already holds.
//!
//! # Design
//! The centre is the one place that orders events, so it is the one place that decides how they
//! merge, once, when it accepts an event; every device then applies the same decision. The
//! decision is [`verdict`], a pure function of the event, the *heads* of the record it touches
//! (per field: the value after the latest accepted event that touched it, and that event) and the
//! *claims* of the unique keys it would take (`policy`). [`advance`] says what the accepted
//! event changes in heads and claims, so a centre (or a test) keeps them with the same code.
//! Device clocks play no part.

use crate::envelope::{Envelope, Op};
use crate::policy::{self, FieldClass, KeyMode};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The value of one field of a record after the latest accepted event that touched it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    /// The value.
    pub value: Value,
    /// The event that set it.
    pub event_id: Uuid,
}

/// The heads of one record, by field.
pub type Heads = BTreeMap<String, Head>;
/// Claimed unique keys (`policy::Claim::key`) and the event holding each.
pub type Claims = BTreeMap<String, Uuid>;

/// What kind of conflict a person resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// One field changed concurrently on two devices; the value accepted first was kept.
    Field,
    /// An insert that took a unique key another record holds; it did not take effect.
    DuplicateInsert,
}

/// A conflict for a person to resolve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// UUIDv5 of (event id, field or key): every device derives the same.
    pub id: Uuid,
    /// Field or duplicate insert.
    pub kind: ConflictKind,
    /// The entity.
    pub entity: String,
    /// The record.
    pub entity_id: Uuid,
    /// The field (or, for a duplicate insert, the key's name).
    pub field: String,
    /// The value kept (for a duplicate insert, the key's values).
    pub kept: Value,
    /// The event whose value was kept (for a duplicate insert, the key's holder).
    pub kept_event: Uuid,
    /// The value proposed (for a duplicate insert, the whole record as sent).
    pub proposed: Value,
    /// The event proposing it.
    pub proposed_event: Uuid,
}

/// A review case: two facts that must not both be (two payments of one line), both kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// UUIDv5 of (event id, key).
    pub id: Uuid,
    /// The entity.
    pub entity: String,
    /// The record of the later event.
    pub entity_id: Uuid,
    /// The key's name (`line_kind`, `line_settled`, `iin`).
    pub key: String,
    /// The key's values as JSON text.
    pub value: String,
    /// The event that held the key first.
    pub first_event: Uuid,
    /// The event that took it again.
    pub second_event: Uuid,
}

/// How an event merged, stored with it and applied by every device.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Verdict {
    /// For an update, the value each changed field takes. For an insert it is empty: the insert
    /// takes effect as sent unless `dropped`.
    #[serde(default)]
    pub effective: Map<String, Value>,
    /// The insert does not take effect.
    #[serde(default)]
    pub dropped: bool,
    /// Conflicts for a person.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// Review cases for a manager.
    #[serde(default)]
    pub cases: Vec<Case>,
}

/// The namespace of conflict and case ids.
pub const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6f74_6175_7379_6e63_8000_0000_0000_0001);

/// The id of a conflict or case of `event` about `what` (a field or a key).
pub fn derived_id(event: Uuid, what: &str) -> Uuid {
    Uuid::new_v5(&ID_NAMESPACE, format!("{event}|{what}").as_bytes())
}

/// The verdict on `event` given the heads of its record and the claims of its keys
/// (`docs/SYNC.md`, "The verdict").
pub fn verdict(event: &Envelope, heads: &Heads, claims: &Claims) -> Verdict {
    match event.op {
        Op::Update => update(event, heads),
        Op::Insert => insert(event, claims),
    }
}

fn update(event: &Envelope, heads: &Heads) -> Verdict {
    let mut v = Verdict::default();
    for (field, after) in &event.after {
        let Some(head) = heads.get(field) else {
            v.effective.insert(field.clone(), after.clone());
            continue;
        };
        let before = event.before.get(field).unwrap_or(&Value::Null);
        if *before == head.value || *after == head.value {
            v.effective.insert(field.clone(), after.clone());
            continue;
        }
        match policy::field_class(&event.entity, field) {
            FieldClass::LastAccepted => {
                v.effective.insert(field.clone(), after.clone());
            }
            FieldClass::Person => {
                v.effective.insert(field.clone(), head.value.clone());
                v.conflicts.push(Conflict {
                    id: derived_id(event.event_id, field),
                    kind: ConflictKind::Field,
                    entity: event.entity.clone(),
                    entity_id: event.entity_id,
                    field: field.clone(),
                    kept: head.value.clone(),
                    kept_event: head.event_id,
                    proposed: after.clone(),
                    proposed_event: event.event_id,
                });
            }
        }
    }
    v
}

fn insert(event: &Envelope, claims: &Claims) -> Verdict {
    let mut v = Verdict::default();
    let keys = policy::claims(event);
    if let Some((claim, holder)) = keys
        .iter()
        .filter(|c| c.mode == KeyMode::Drop)
        .find_map(|c| claims.get(&c.key).map(|h| (c, *h)))
    {
        v.dropped = true;
        v.conflicts.push(Conflict {
            id: derived_id(event.event_id, &claim.key),
            kind: ConflictKind::DuplicateInsert,
            entity: event.entity.clone(),
            entity_id: event.entity_id,
            field: claim.name.to_string(),
            kept: serde_json::from_str(&claim.value).unwrap_or(Value::Null),
            kept_event: holder,
            proposed: Value::Object(event.after.clone()),
            proposed_event: event.event_id,
        });
        return v;
    }
    for claim in keys.iter().filter(|c| c.mode == KeyMode::Review) {
        let Some(holder) = claims.get(&claim.key) else { continue };
        // One case per pair of events, however many of their keys collide.
        if v.cases.iter().any(|c| c.first_event == *holder) {
            continue;
        }
        v.cases.push(Case {
            id: derived_id(event.event_id, &claim.key),
            entity: event.entity.clone(),
            entity_id: event.entity_id,
            key: claim.name.to_string(),
            value: claim.value.clone(),
            first_event: *holder,
            second_event: event.event_id,
        });
    }
    v
}

/// The key of `event` that another event holds, making its insert not take effect (`drop`
/// keys only), if any: the key's claim and its holder.
pub fn taken_key(event: &Envelope, claims: &Claims) -> Option<(policy::Claim, Uuid)> {
    if event.op != Op::Insert {
        return None;
    }
    policy::claims(event)
        .into_iter()
        .filter(|c| c.mode == KeyMode::Drop)
        .find_map(|c| claims.get(&c.key).map(|h| (c.clone(), *h)))
}

/// The verdict on an insert of a change that does not take effect because another insert of the
/// same change took a key held first (`holder`): a change is taken whole or not at all, so a
/// family is never left without its head nor a decision without its instalments. The record is
/// kept whole in a conflict.
pub fn dropped_with_change(event: &Envelope, holder: Uuid) -> Verdict {
    Verdict {
        dropped: true,
        conflicts: vec![Conflict {
            id: derived_id(event.event_id, "change"),
            kind: ConflictKind::DuplicateInsert,
            entity: event.entity.clone(),
            entity_id: event.entity_id,
            field: "change".into(),
            kept: Value::Null,
            kept_event: holder,
            proposed: Value::Object(event.after.clone()),
            proposed_event: event.event_id,
        }],
        ..Verdict::default()
    }
}

/// What an accepted event changes in the centre's bookkeeping.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Advance {
    /// New heads of the event's record, by field.
    pub heads: Heads,
    /// Keys the event claims now (those nobody held).
    pub claims: Vec<String>,
}

/// The heads and claims an accepted event with its verdict sets.
pub fn advance(event: &Envelope, verdict: &Verdict, claims: &Claims) -> Advance {
    let mut out = Advance::default();
    match event.op {
        Op::Insert if verdict.dropped => {}
        Op::Insert => {
            for (field, value) in &event.after {
                out.heads
                    .insert(field.clone(), Head { value: value.clone(), event_id: event.event_id });
            }
            out.claims = policy::claims(event)
                .into_iter()
                .filter(|c| !claims.contains_key(&c.key))
                .map(|c| c.key)
                .collect();
        }
        Op::Update => {
            for (field, value) in &verdict.effective {
                let kept = verdict.conflicts.iter().any(|c| &c.field == field);
                if !kept {
                    out.heads.insert(
                        field.clone(),
                        Head { value: value.clone(), event_id: event.event_id },
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
