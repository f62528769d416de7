//! What a device does at the start of a sync, as a pure function of what it knows and what the
//! centre answered to `GET /v1/device/state` (as atuin plans its record sync).
//!
//! # Design
//! The device calls [`plan`] with its local facts and the centre's state. When the centre holds
//! more of the device's events than the device knows were acknowledged, the plan first asks for
//! the centre's hashes of those events ([`Plan::CheckOwn`]); called again with them, it tells a
//! lost acknowledgement (continue), a restored device (fetch its own events back) and a device
//! that wrote new events after a restore (fork) apart. A centre restored from an old backup shows
//! as a device knowing more than the centre holds.

use crate::error::SyncError;
use crate::messages::DeviceState;
use uuid::Uuid;

/// What the device knows of itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceFacts {
    /// The centre it enrolled with (none before enrolment).
    pub centre_id: Option<Uuid>,
    /// Its newest `device_seq` (0 for none).
    pub newest_seq: i64,
    /// The highest `device_seq` the centre acknowledged to it.
    pub acked: i64,
    /// Its pull cursor (the last `server_seq` applied).
    pub cursor: i64,
}

/// One of the device's events as the centre holds it, beside the device's own hash for that seq.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnCompare {
    /// The `device_seq`.
    pub seq: i64,
    /// The centre's hash.
    pub centre: String,
    /// The device's hash for the same seq (none if it has no such event).
    pub local: Option<String>,
}

/// The next step of a sync.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Push events from `push_from` on, then pull after `pull_after`.
    Sync {
        /// The first `device_seq` to push.
        push_from: i64,
        /// The pull cursor.
        pull_after: i64,
    },
    /// Ask `GET /v1/own?after=…` for the centre's hashes and plan again with them.
    CheckOwn {
        /// The cursor.
        after: i64,
    },
    /// A restored device: store and apply its own events `after+1..=through` from `GET /v1/own`
    /// as its own, then plan again.
    FetchOwn {
        /// The device's newest seq.
        after: i64,
        /// The centre's `held_through`.
        through: i64,
    },
    /// The device wrote new events after a restore under seqs the centre holds with other
    /// hashes: ask for a new identity (`POST /v1/device/fork`) from this seq.
    Fork {
        /// The first seq that differs.
        from_seq: i64,
    },
    /// The centre lost events (restored from a backup): push again from `push_from` and move
    /// the cursor back to `pull_after`, skipping event ids already held.
    RestoredCentre {
        /// `held_through + 1`.
        push_from: i64,
        /// The centre's `high` (or the cursor if lower).
        pull_after: i64,
    },
    /// Do not sync with this centre.
    Refuse(SyncError),
}

/// The plan for a device with `facts` and the centre's `state`; `own` is the answer to a
/// [`Plan::CheckOwn`] step.
pub fn plan(facts: &DeviceFacts, state: &DeviceState, own: Option<&[OwnCompare]>) -> Plan {
    if let Some(known) = facts.centre_id {
        if known != state.centre_id {
            return Plan::Refuse(SyncError::OtherCentre { found: state.centre_id.to_string() });
        }
    }
    if let Some(reason) = &state.quarantined {
        return Plan::Refuse(SyncError::Quarantined { reason: reason.clone() });
    }
    let held = state.held_through;
    if facts.acked > held || facts.cursor > state.high {
        return Plan::RestoredCentre {
            push_from: held + 1,
            pull_after: facts.cursor.min(state.high),
        };
    }
    if held > facts.acked {
        let Some(own) = own else { return Plan::CheckOwn { after: facts.acked } };
        let mut sorted: Vec<&OwnCompare> = own.iter().collect();
        sorted.sort_by_key(|c| c.seq);
        if let Some(diff) =
            sorted.iter().find(|c| c.local.as_ref().is_some_and(|local| *local != c.centre))
        {
            return Plan::Fork { from_seq: diff.seq };
        }
        if facts.newest_seq < held {
            return Plan::FetchOwn { after: facts.newest_seq, through: held };
        }
        return Plan::Sync { push_from: held + 1, pull_after: facts.cursor };
    }
    Plan::Sync { push_from: facts.acked + 1, pull_after: facts.cursor }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CENTRE: Uuid = Uuid::from_u128(1);

    fn state(held_through: i64, high: i64) -> DeviceState {
        DeviceState { held_through, high, centre_id: CENTRE, blocks: vec![], quarantined: None }
    }

    fn facts(newest_seq: i64, acked: i64, cursor: i64) -> DeviceFacts {
        DeviceFacts { centre_id: Some(CENTRE), newest_seq, acked, cursor }
    }

    fn cmp(seq: i64, centre: &str, local: Option<&str>) -> OwnCompare {
        OwnCompare { seq, centre: centre.into(), local: local.map(str::to_string) }
    }

    #[test]
    fn a_normal_sync_pushes_what_was_not_acknowledged_and_pulls_after_the_cursor() {
        assert_eq!(
            plan(&facts(12, 10, 40), &state(10, 55), None),
            Plan::Sync { push_from: 11, pull_after: 40 }
        );
        assert_eq!(
            plan(&facts(0, 0, 0), &state(0, 0), None),
            Plan::Sync { push_from: 1, pull_after: 0 }
        );
    }

    #[test]
    fn another_centre_and_a_quarantine_are_refused() {
        let mut s = state(0, 0);
        s.centre_id = Uuid::from_u128(2);
        assert!(matches!(
            plan(&facts(0, 0, 0), &s, None),
            Plan::Refuse(SyncError::OtherCentre { .. })
        ));
        let mut s = state(0, 0);
        s.quarantined = Some("sequence 3 held with another hash".into());
        assert!(matches!(
            plan(&facts(0, 0, 0), &s, None),
            Plan::Refuse(SyncError::Quarantined { .. })
        ));
    }

    #[test]
    fn a_lost_acknowledgement_is_checked_then_continued() {
        let f = facts(12, 10, 40);
        assert_eq!(plan(&f, &state(12, 60), None), Plan::CheckOwn { after: 10 });
        let own = [cmp(11, "a", Some("a")), cmp(12, "b", Some("b"))];
        assert_eq!(
            plan(&f, &state(12, 60), Some(&own)),
            Plan::Sync { push_from: 13, pull_after: 40 }
        );
    }

    #[test]
    fn a_restored_device_fetches_its_own_events_back() {
        let f = facts(5, 5, 20);
        assert_eq!(plan(&f, &state(9, 60), None), Plan::CheckOwn { after: 5 });
        let own: Vec<OwnCompare> = (6..=9).map(|s| cmp(s, "h", None)).collect();
        assert_eq!(plan(&f, &state(9, 60), Some(&own)), Plan::FetchOwn { after: 5, through: 9 });
    }

    #[test]
    fn a_restored_device_that_wrote_again_forks() {
        let f = facts(7, 5, 20);
        let own = [cmp(6, "x", Some("y")), cmp(7, "z", Some("w")), cmp(8, "q", None)];
        assert_eq!(plan(&f, &state(8, 60), Some(&own)), Plan::Fork { from_seq: 6 });
    }

    #[test]
    fn a_restored_centre_is_seen_by_the_acknowledgement_or_the_cursor() {
        assert_eq!(
            plan(&facts(20, 20, 50), &state(15, 60), None),
            Plan::RestoredCentre { push_from: 16, pull_after: 50 }
        );
        assert_eq!(
            plan(&facts(20, 20, 70), &state(20, 60), None),
            Plan::RestoredCentre { push_from: 21, pull_after: 60 }
        );
    }
}
