//! A push, planned: which events are duplicates, which are accepted with which verdict and
//! `server_seq`, and where the request stops (a gap, a sequence held with another hash).
//!
//! # Design
//! Pure over what the backend loaded inside its transaction (the device's `held` seq, the hashes
//! of the seqs it already holds, the heads and claims the events touch, the office's `high`), so
//! both backends store the same outcome. Events of one request see each other: an accepted event
//! moves the heads and claims the next one is judged against.

use otau_sync::merge::{self, Claims, Heads, Verdict};
use otau_sync::messages::{PushResult, PushStatus};
use otau_sync::{policy, SyncError};
use std::collections::HashMap;
use uuid::Uuid;

use crate::storage::Incoming;

/// What the backend loaded for a push.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The highest `device_seq` held for the device.
    pub held: i64,
    /// For seqs of the request already held: their hash and `server_seq`.
    pub held_hashes: HashMap<i64, (String, i64)>,
    /// Heads of the records the events touch.
    pub heads: HashMap<Uuid, Heads>,
    /// Claims of the keys the inserts take.
    pub claims: Claims,
    /// The office's highest `server_seq`.
    pub high: i64,
}

/// One accepted event.
#[derive(Debug)]
pub struct Accepted {
    /// Its index in the request.
    pub index: usize,
    /// Its `server_seq`.
    pub server_seq: i64,
    /// Its verdict.
    pub verdict: Verdict,
    /// Keys it claims.
    pub claims: Vec<String>,
}

/// The outcome of a push.
#[derive(Debug)]
pub struct Planned {
    /// Per event up to where the request stopped.
    pub results: Vec<PushResult>,
    /// Events to store, in order.
    pub accepted: Vec<Accepted>,
    /// Heads changed, by record.
    pub heads: HashMap<Uuid, Heads>,
    /// The office's new `high`.
    pub high: i64,
    /// The device's new `held_through`.
    pub held_through: i64,
    /// Where the request stopped: a gap (what came before is kept) or a sequence held with
    /// another hash (nothing is kept; the device is quarantined).
    pub stop: Option<SyncError>,
}

/// The keys of the records and unique keys a request touches, for the backend to load.
pub fn touched(events: &[Incoming]) -> (Vec<Uuid>, Vec<String>) {
    let mut records: Vec<Uuid> = events.iter().map(|e| e.envelope.entity_id).collect();
    records.sort();
    records.dedup();
    let mut keys: Vec<String> =
        events.iter().flat_map(|e| policy::claims(&e.envelope)).map(|c| c.key).collect();
    keys.sort();
    keys.dedup();
    (records, keys)
}

/// Plans a push over what was loaded.
pub fn plan(events: &[Incoming], mut loaded: Loaded) -> Planned {
    let mut out = Planned {
        results: vec![],
        accepted: vec![],
        heads: HashMap::new(),
        high: loaded.high,
        held_through: loaded.held,
        stop: None,
    };
    // A change is taken whole: when one of its inserts takes a key held first, none of its
    // inserts takes effect (keyed by change id: the holder of the key that decided it).
    let mut dropped_changes: HashMap<Uuid, Uuid> = HashMap::new();
    let mut checked_changes: std::collections::HashSet<Uuid> = Default::default();
    // The events of each change, in order (found once, not by a scan per change).
    let mut by_change: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for (index, inc) in events.iter().enumerate() {
        by_change.entry(inc.envelope.change_id).or_default().push(index);
    }
    for (index, inc) in events.iter().enumerate() {
        let e = &inc.envelope;
        let seq = e.device_seq;
        if seq > out.held_through && checked_changes.insert(e.change_id) {
            let members: Vec<&Incoming> = by_change
                .get(&e.change_id)
                .map(|ix| ix.iter().filter(|i| **i >= index).map(|i| &events[*i]).collect())
                .unwrap_or_default();
            // Only the keys this change claims matter to it: the claims held before, then
            // those its own earlier inserts take.
            let mut seen = Claims::new();
            for other in &members {
                for claim in policy::claims(&other.envelope) {
                    if let Some(holder) = loaded.claims.get(&claim.key) {
                        seen.insert(claim.key, *holder);
                    }
                }
            }
            for other in &members {
                if let Some((_, holder)) = merge::taken_key(&other.envelope, &seen) {
                    dropped_changes.insert(e.change_id, holder);
                    break;
                }
                for claim in policy::claims(&other.envelope) {
                    seen.entry(claim.key).or_insert(other.envelope.event_id);
                }
            }
        }
        if seq <= out.held_through {
            match loaded.held_hashes.get(&seq) {
                Some((hash, server_seq)) if *hash == inc.signed.hash => {
                    out.results.push(PushResult {
                        device_seq: seq,
                        server_seq: *server_seq,
                        status: PushStatus::Duplicate,
                    });
                    continue;
                }
                _ => {
                    out.stop = Some(SyncError::SequenceConflict { seq });
                    out.accepted.clear();
                    out.heads.clear();
                    return out;
                }
            }
        }
        if seq > out.held_through + 1 {
            out.stop = Some(SyncError::Gap { expected: out.held_through + 1 });
            return out;
        }
        let heads = loaded.heads.get(&e.entity_id).cloned().unwrap_or_default();
        let claims: Claims = policy::claims(e)
            .into_iter()
            .filter_map(|c| loaded.claims.get(&c.key).map(|h| (c.key, *h)))
            .collect();
        let verdict = match dropped_changes.get(&e.change_id) {
            Some(holder) if e.op == otau_sync::Op::Insert => merge::taken_key(e, &claims)
                .map_or_else(
                    || merge::dropped_with_change(e, *holder),
                    |_| merge::verdict(e, &heads, &claims),
                ),
            _ => merge::verdict(e, &heads, &claims),
        };
        let advance = merge::advance(e, &verdict, &claims);
        if !advance.heads.is_empty() {
            let record = loaded.heads.entry(e.entity_id).or_default();
            record.extend(advance.heads);
            out.heads.insert(e.entity_id, record.clone());
        }
        for key in &advance.claims {
            loaded.claims.insert(key.clone(), e.event_id);
        }
        out.high += 1;
        out.held_through = seq;
        loaded.held_hashes.insert(seq, (inc.signed.hash.clone(), out.high));
        out.results.push(PushResult {
            device_seq: seq,
            server_seq: out.high,
            status: PushStatus::Accepted,
        });
        out.accepted.push(Accepted {
            index,
            server_seq: out.high,
            verdict,
            claims: advance.claims,
        });
    }
    out
}

/// A reference item an accepted event adds for every office: a voided document
/// (`voided_document`, key `<office>|<number>`), so a paper of one office checks as voided in
/// every other (the reason stays in the office's own register); and a signing key the office
/// made after enrolment, by `otau key rotate` (`office_key`, key `<office>|<hex key>`, as
/// enrolment names the first), so the papers it seals verify in every other office. The office
/// is the envelope's, which the push has checked is the device's own.
pub fn derived_reference(
    e: &otau_sync::Envelope,
) -> Option<(&'static str, String, serde_json::Value)> {
    if e.op != otau_sync::Op::Insert {
        return None;
    }
    match e.entity.as_str() {
        "document_void" => {
            let number = e.after.get("number")?.as_str()?;
            let voided_on = e.after.get("voided_on")?.as_str()?;
            let record = serde_json::json!({
                "office_code": e.office,
                "number": number,
                "voided_on": voided_on,
            });
            Some(("voided_document", format!("{}|{number}", e.office), record))
        }
        "office_key" => {
            let text = e.after.get("public_key")?.as_str()?;
            let key = hex::encode(otau_print::seal::decode_public_key(text)?);
            let record = serde_json::json!({
                "office_code": e.office,
                "office_name": null,
                "public_key": key,
                "device_id": e.device_id,
            });
            Some(("office_key", format!("{}|{key}", e.office), record))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use otau_sync::{Actor, Envelope, Op, SignedEvent};
    use serde_json::json;

    fn inc(seq: i64, salt: &str) -> Incoming {
        let envelope = Envelope {
            wire: 1,
            event_id: Uuid::from_u128(seq as u128),
            change_id: Uuid::from_u128(seq as u128),
            office: "PVL01".into(),
            device_id: Uuid::from_u128(9),
            device_seq: seq,
            at: "2026-12-06T10:00:00.000Z".into(),
            actor: Actor { user_id: None, login: "a".into() },
            action: "person.edit".into(),
            reason: Some(salt.into()),
            entity: "person".into(),
            entity_id: Uuid::from_u128(1),
            subject_id: None,
            op: Op::Update,
            base_version: 1,
            before: json!({"surname": format!("B{}", seq - 1)})
                .as_object()
                .cloned()
                .unwrap_or_default(),
            after: json!({"surname": format!("B{seq}")}).as_object().cloned().unwrap_or_default(),
        };
        let signed = SignedEvent::seal(&envelope).unwrap();
        Incoming { envelope, signed }
    }

    #[test]
    fn duplicates_are_acknowledged_and_new_events_numbered_after_high() {
        let one = inc(1, "x");
        let loaded = Loaded {
            held: 1,
            held_hashes: HashMap::from([(1, (one.signed.hash.clone(), 7))]),
            high: 10,
            ..Default::default()
        };
        let p = plan(&[one, inc(2, "x"), inc(3, "x")], loaded);
        assert!(p.stop.is_none());
        let got: Vec<_> =
            p.results.iter().map(|r| (r.device_seq, r.server_seq, r.status)).collect();
        assert_eq!(
            got,
            vec![
                (1, 7, PushStatus::Duplicate),
                (2, 11, PushStatus::Accepted),
                (3, 12, PushStatus::Accepted)
            ]
        );
        assert_eq!((p.high, p.held_through), (12, 3));
        // The second edit saw the first: no conflict.
        assert!(p.accepted[1].verdict.conflicts.is_empty());
    }

    #[test]
    fn a_gap_keeps_what_came_before_and_another_hash_keeps_nothing() {
        let p = plan(&[inc(1, "x"), inc(3, "x")], Loaded::default());
        assert_eq!(p.stop, Some(SyncError::Gap { expected: 2 }));
        assert_eq!(p.accepted.len(), 1);
        let held = inc(1, "x");
        let loaded = Loaded {
            held: 1,
            held_hashes: HashMap::from([(1, (held.signed.hash.clone(), 1))]),
            high: 1,
            ..Default::default()
        };
        let p = plan(&[inc(1, "other")], loaded);
        assert_eq!(p.stop, Some(SyncError::SequenceConflict { seq: 1 }));
        assert!(p.accepted.is_empty());
    }
}
