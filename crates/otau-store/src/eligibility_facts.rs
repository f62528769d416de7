//! The case-work facts a subsidy decision depends on: whether the family is included in the
//! regional quota, and whether the head's kandas status is in force on the decision date.
//!
//! # Context
//! Quota decisions and statuses are recorded by the case-work part of Otau. This module is the
//! one place the subsidy code reads them, so that part can change its tables without touching
//! the subsidy code. It reads:
//! - `quota_inclusions(family_id TEXT, decided_on TEXT 'YYYY-MM-DD')`: a family is included from
//!   the earliest `decided_on` of its rows;
//! - `kandas_statuses(person_id TEXT, valid_from TEXT, valid_until TEXT NULL)`: the status of the
//!   head is in force on a date when a row has `valid_from <= date` and `valid_until` is null or
//!   `>= date`.
//!
//! A table that does not exist counts as "no such fact": not included, no status. Eligibility is
//! then refused with its reason, never assumed.

use crate::error::{Result, StoreError};
use chrono::NaiveDate;
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

fn table_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?
        .query_row([name], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The case-work facts of `family_id` (whose head is `head_id`) on `on`.
pub fn casework_facts(
    conn: &Connection,
    family_id: Uuid,
    head_id: Option<Uuid>,
    on: NaiveDate,
) -> Result<CaseworkFacts> {
    let quota_included_on = if table_exists(conn, "quota_inclusions")? {
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
    } else {
        None
    };
    let status_in_force = match head_id {
        Some(head) if table_exists(conn, "kandas_statuses")? => conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM kandas_statuses
                  WHERE person_id = ?1 AND valid_from <= ?2
                    AND (valid_until IS NULL OR valid_until >= ?2))",
            )?
            .query_row([head.to_string(), on.to_string()], |r| r.get::<_, bool>(0))?,
        _ => false,
    };
    Ok(CaseworkFacts { quota_included_on, status_in_force })
}
