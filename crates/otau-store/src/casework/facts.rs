//! The case-work facts a subsidy decision depends on: whether the family is included in the
//! regional quota, and whether the head's kandas status is in force on the decision date.
//!
//! # Context
//! Quota decisions and statuses are recorded by the case-work part of Otau. This module is the
//! one place the subsidy code reads them:
//! - the family's inclusion in the quota (`quota_inclusions.decided_on`): included from that date;
//! - the head's kandas status on the decision date, by the same rule as `otau status show`
//!   (`crate::casework::status`): in force when granted or extended and neither expired nor ended.
//!
//! No inclusion or no status counts as "not satisfied": eligibility is then refused with its
//! reason, never assumed.

use crate::error::{Result, StoreError};
use crate::record::from_row;
use crate::registry::PersonRec;
use chrono::NaiveDate;
use otau_core::casework::status::StatusState;
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

/// What case work knows about a family on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseworkFacts {
    /// The date the family was included in the regional quota, if it was.
    pub quota_included_on: Option<NaiveDate>,
    /// Whether the head's kandas status is in force on the date asked about.
    pub status_in_force: bool,
}

/// The case-work facts of `family_id` (whose head is `head_id`) on `on`.
pub fn casework_facts(
    conn: &Connection,
    family_id: Uuid,
    head_id: Option<Uuid>,
    on: NaiveDate,
) -> Result<CaseworkFacts> {
    let quota_included_on = {
        let first: Option<String> = conn
            .prepare_cached("SELECT MIN(decided_on) FROM quota_inclusions WHERE family_id = ?1")?
            .query_row([family_id.to_string()], |r| r.get(0))?;
        first
            .map(|d| {
                d.parse::<NaiveDate>().map_err(|e| {
                    StoreError::Corrupt(format!("quota_inclusions.decided_on {d}: {e}"))
                })
            })
            .transpose()?
    };
    // The head's status on the date, computed by the same rule as `otau status show`.
    let status_in_force = match head_id {
        Some(head) => {
            let person: Option<PersonRec> = conn
                .prepare_cached("SELECT * FROM persons WHERE id = ?1")?
                .query_row([head.to_string()], from_row)
                .optional()?;
            match person {
                Some(p) => matches!(
                    crate::casework::status::view_in(conn, &p, on)?.state,
                    StatusState::Granted { .. } | StatusState::Extended { .. }
                ),
                None => false,
            }
        }
        None => false,
    };
    Ok(CaseworkFacts { quota_included_on, status_in_force })
}
