//! Reference data of case work: the settings an administrator edits (the length of a status
//! extension, the planned length of a stay) and the shipped quota table, loaded once.
//!
//! # Design
//! Settings are rows `(key, integer value)` written through the one write path, so a change
//! is audited like any other; a key without a row has its shipped default. The shipped quota
//! table (`assets/reference/quotas.json`) is loaded inside `init`'s transaction for a new
//! database, and by [`Store::ensure_reference_data`] for a database created before case work
//! existed. Loading marks itself done with a setting, so it runs once: an administrator's later
//! changes are never overwritten by the shipped figures.

use crate::casework::quota::QuotaRowRec;
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::users::{Action, Actor};
use crate::write::Change;
use crate::Store;
use chrono::{DateTime, Utc};
use otau_core::casework::plan::DEFAULT_STAY_MONTHS;
use otau_core::casework::quota::QuotaTable;
use otau_core::casework::status::{StatusProblem, StatusRules, MAX_EXTENSION_MONTHS};
use otau_core::FieldError;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Setting: length of the one extension of a kandas status, in months.
pub const EXTENSION_MONTHS: &str = "status.extension_months";
/// Setting: planned length of a family's stay at the centre, in months.
pub const STAY_MONTHS: &str = "stay.months";
/// Marker: the shipped quota table has been loaded.
const QUOTAS_LOADED: &str = "reference.quotas_loaded";

/// A row of `casework_settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingRec {
    /// Id.
    pub id: Uuid,
    /// The setting's key.
    pub key: String,
    /// Its value.
    pub value: i64,
    /// Why it has this value (the source).
    pub note: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for SettingRec {
    const TABLE: &'static str = "casework_settings";
    const ENTITY: &'static str = "casework_setting";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn subject(&self) -> Option<Uuid> {
        None
    }
}

/// A setting's row, if written.
pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<SettingRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM casework_settings WHERE key = ?1")?
        .query_row([key], from_row)
        .optional()?)
}

/// A setting's value, or its default.
pub(crate) fn setting_value(conn: &Connection, key: &str, default: i64) -> Result<i64> {
    Ok(setting(conn, key)?.map(|s| s.value).unwrap_or(default))
}

/// Writes a setting inside a change (inserted the first time, updated after).
pub(crate) fn put_setting(
    change: &mut Change<'_>,
    key: &str,
    value: i64,
    note: Option<String>,
) -> Result<SettingRec> {
    match setting(change.tx(), key)? {
        Some(before) => {
            let mut after = SettingRec { value, note, ..before.clone() };
            change.update(&before, &mut after)?;
            Ok(after)
        }
        None => {
            let mut rec =
                SettingRec { id: Uuid::now_v7(), key: key.to_string(), value, note, version: 0 };
            change.insert(&mut rec)?;
            Ok(rec)
        }
    }
}

/// The status rules as stored.
pub(crate) fn status_rules_in(conn: &Connection) -> Result<StatusRules> {
    let default = StatusRules::default();
    let months = setting_value(conn, EXTENSION_MONTHS, i64::from(default.extension_months))?;
    Ok(StatusRules { extension_months: u32::try_from(months).unwrap_or(default.extension_months) })
}

/// Loads the shipped quota table inside a change, once; returns the rows written.
pub(crate) fn load_shipped_in(change: &mut Change<'_>) -> Result<usize> {
    if setting(change.tx(), QUOTAS_LOADED)?.is_some() {
        return Ok(0);
    }
    let table = QuotaTable::shipped()
        .map_err(|e| StoreError::Corrupt(format!("shipped quota table: {e:?}")))?;
    let mut written = 0;
    for row in table.rows() {
        let exists: bool = change.tx().query_row(
            "SELECT EXISTS (SELECT 1 FROM quota_rows
                            WHERE region = ?1 AND year = ?2 AND effective_from = ?3)",
            rusqlite::params![row.region, row.year, row.effective_from.to_string()],
            |r| r.get(0),
        )?;
        if !exists {
            let mut rec = QuotaRowRec::from_core(row);
            change.insert(&mut rec)?;
            written += 1;
        }
    }
    put_setting(change, QUOTAS_LOADED, 1, Some("assets/reference/quotas.json".into()))?;
    Ok(written)
}

impl Store {
    /// Loads the reference data of case work that a database made by an older Otau lacks (the
    /// shipped quota table), as the system; does nothing once done. Returns the rows written.
    pub fn ensure_reference_data(&mut self, at: DateTime<Utc>) -> Result<usize> {
        if setting(self.conn(), QUOTAS_LOADED)?.is_some() {
            return Ok(0);
        }
        let _system = Actor::system();
        self.write(&Context::system(at), "reference.load", load_shipped_in)
    }

    /// The rules kandas statuses are computed with (the extension's length).
    pub fn status_rules(&self) -> Result<StatusRules> {
        status_rules_in(self.conn())
    }

    /// Sets the extension's length (1–12 months); only an administrator may. Extensions
    /// already given keep the length they were given with.
    pub fn set_status_rules(
        &mut self,
        ctx: &Context,
        rules: StatusRules,
        note: Option<String>,
    ) -> Result<StatusRules> {
        ctx.actor.require(Action::ManageReference)?;
        let months = rules.extension_months;
        if !(1..=MAX_EXTENSION_MONTHS).contains(&months) {
            return Err(StoreError::Invalid(vec![FieldError::new(
                "extension_months",
                &StatusProblem::ExtensionLength { months },
            )]));
        }
        self.write(ctx, "reference.status_rules", |change| {
            put_setting(change, EXTENSION_MONTHS, i64::from(months), note)?;
            status_rules_in(change.tx())
        })
    }

    /// The planned length of a stay at the centre, in months.
    pub fn stay_months(&self) -> Result<u32> {
        let months = setting_value(self.conn(), STAY_MONTHS, i64::from(DEFAULT_STAY_MONTHS))?;
        Ok(u32::try_from(months).unwrap_or(DEFAULT_STAY_MONTHS))
    }

    /// Sets the planned length of a stay (1–24 months); only an administrator may. Stays
    /// already recorded keep their planned end.
    pub fn set_stay_months(
        &mut self,
        ctx: &Context,
        months: u32,
        note: Option<String>,
    ) -> Result<u32> {
        ctx.actor.require(Action::ManageReference)?;
        if !(1..=24).contains(&months) {
            return Err(StoreError::Invalid(vec![FieldError::new(
                "stay_months",
                &otau_core::casework::plan::PlanProblem::StayLength { months },
            )]));
        }
        self.write(ctx, "reference.stay_months", |change| {
            put_setting(change, STAY_MONTHS, i64::from(months), note)?;
            Ok(months)
        })
    }
}

/// A registration number in its canonical form, or a field error naming `field`.
pub(crate) fn regno_key(field: &str, regno: &str) -> Result<String> {
    otau_core::regno::RegNo::parse(regno)
        .map(|r| r.to_string())
        .map_err(|e| StoreError::Invalid(vec![FieldError::new(field, &e)]))
}

/// A person by registration number.
pub(crate) fn person_in(conn: &Connection, regno: &str) -> Result<crate::registry::PersonRec> {
    let key = regno_key("regno", regno)?;
    conn.prepare_cached("SELECT * FROM persons WHERE regno = ?1")?
        .query_row([&key], from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "person", key })
}

/// The family of a person (any member's registration number).
pub(crate) fn family_in(conn: &Connection, regno: &str) -> Result<crate::registry::FamilyRec> {
    let person = person_in(conn, regno)?;
    Ok(conn
        .prepare_cached("SELECT * FROM families WHERE id = ?1")?
        .query_row([person.family_id.to_string()], from_row)?)
}

/// The members of a family, the head first.
pub(crate) fn members_in(
    conn: &Connection,
    family_id: Uuid,
) -> Result<Vec<crate::registry::PersonRec>> {
    Ok(conn
        .prepare_cached(
            "SELECT * FROM persons WHERE family_id = ?1
             ORDER BY CASE relation WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END,
                      birth_date, regno",
        )?
        .query_map([family_id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The registration number of the family (the head's at registration).
pub(crate) fn family_regno_in(conn: &Connection, family_id: Uuid) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT regno FROM families WHERE id = ?1")?
        .query_row([family_id.to_string()], |r| r.get(0))?)
}
