//! The regional quota in the store: the quota rows (reference data), the families included,
//! the refusal of an inclusion over the quota, and the summary of what is left per region.
//!
//! # Design
//! The check and the inclusion happen in the same `BEGIN IMMEDIATE` transaction, so two
//! clerks can never both take the last places. The rules are `otau_core::casework::quota`.

use crate::casework::settings::{family_in, family_regno_in, members_in};
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::users::Action;
use crate::Store;
use chrono::{Datelike, NaiveDate};
use otau_core::casework::quota::{
    check_inclusion, check_row, summary_date, QuotaLine, QuotaProblem, QuotaRow, QuotaTable,
    NATIONAL,
};
use otau_core::FieldError;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `quota_rows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaRowRec {
    /// Id.
    pub id: Uuid,
    /// Region code, or `KZ` for the national total.
    pub region: String,
    /// The quota's year.
    pub year: i32,
    /// People.
    pub people: i64,
    /// In force from.
    pub effective_from: NaiveDate,
    /// The order or source.
    pub note: Option<String>,
    /// Version.
    pub version: i64,
}

impl QuotaRowRec {
    /// A new record from a table row.
    pub fn from_core(row: &QuotaRow) -> QuotaRowRec {
        QuotaRowRec {
            id: Uuid::now_v7(),
            region: row.region.clone(),
            year: row.year,
            people: row.people,
            effective_from: row.effective_from,
            note: row.note.clone(),
            version: 0,
        }
    }

    fn to_core(&self) -> QuotaRow {
        QuotaRow {
            region: self.region.clone(),
            year: self.year,
            people: self.people,
            effective_from: self.effective_from,
            note: self.note.clone(),
        }
    }
}

impl Record for QuotaRowRec {
    const TABLE: &'static str = "quota_rows";
    const ENTITY: &'static str = "quota_row";
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

/// A row of `quota_inclusions`: a family included in its region's quota.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionRec {
    /// Id.
    pub id: Uuid,
    /// The family.
    pub family_id: Uuid,
    /// The region whose quota it counts against.
    pub region: String,
    /// The quota's year (the decision's year).
    pub year: i32,
    /// Day of the decision.
    pub decided_on: NaiveDate,
    /// People included.
    pub people: i64,
    /// A note (the decision's number).
    pub note: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for InclusionRec {
    const TABLE: &'static str = "quota_inclusions";
    const ENTITY: &'static str = "quota_inclusion";
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
        Some(self.family_id)
    }
}

/// A family included, with its region's quota after the inclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inclusion {
    /// The inclusion.
    pub inclusion: InclusionRec,
    /// The family's registration number.
    pub family_regno: String,
    /// The region's quota for the year, on the decision date, after this inclusion.
    pub line: QuotaLine,
}

/// The quota of a year per region: quota, used, remaining.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaSummary {
    /// The year.
    pub year: i32,
    /// The date whose figures are shown (today in the current year, else the year's last day).
    pub on: NaiveDate,
    /// The national total, if set, with every inclusion of this database counted.
    pub national: Option<QuotaLine>,
    /// Each region with a quota or an inclusion in the year, by code.
    pub regions: Vec<QuotaLine>,
}

pub(crate) fn quota_table_in(conn: &Connection) -> Result<QuotaTable> {
    let recs: Vec<QuotaRowRec> = conn
        .prepare_cached("SELECT * FROM quota_rows ORDER BY region, year, effective_from")?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    QuotaTable::new(recs.iter().map(QuotaRowRec::to_core).collect())
        .map_err(|e| StoreError::Corrupt(format!("quota table: {e:?}")))
}

fn used_in(conn: &Connection, region: &str, year: i32) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(SUM(people), 0) FROM quota_inclusions WHERE region = ?1 AND year = ?2",
        )?
        .query_row(params![region, year], |r| r.get(0))?)
}

fn invalid(field: &str, p: &QuotaProblem) -> StoreError {
    StoreError::Invalid(vec![FieldError::new(field, p)])
}

/// The families included in a year (optionally in one region), read on `conn`.
pub(crate) fn inclusions_in(
    conn: &Connection,
    year: i32,
    region: Option<&str>,
) -> Result<Vec<Inclusion>> {
    let table = quota_table_in(conn)?;
    let recs: Vec<InclusionRec> = conn
        .prepare_cached(
            "SELECT * FROM quota_inclusions WHERE year = ?1 AND (?2 IS NULL OR region = ?2)
             ORDER BY decided_on, id",
        )?
        .query_map(params![year, region], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    recs.into_iter()
        .map(|rec| {
            let used = used_in(conn, &rec.region, year)?;
            Ok(Inclusion {
                family_regno: family_regno_in(conn, rec.family_id)?,
                line: QuotaLine::new(
                    &rec.region,
                    year,
                    table.in_force(&rec.region, year, rec.decided_on),
                    used,
                ),
                inclusion: rec,
            })
        })
        .collect()
}

impl Store {
    /// The quota table as stored.
    pub fn quota_table(&self) -> Result<QuotaTable> {
        quota_table_in(self.conn())
    }

    /// Sets a region's quota for a year from a date (a change during the year is a new row
    /// from its date; the same region, year and date again replaces the figure). Only an
    /// administrator may.
    pub fn set_quota(&mut self, ctx: &Context, row: &QuotaRow) -> Result<QuotaRowRec> {
        ctx.actor.require(Action::ManageReference)?;
        let row = QuotaRow { region: row.region.trim().to_uppercase(), ..row.clone() };
        check_row(&row).map_err(StoreError::Invalid)?;
        self.write(ctx, "quota.set", |change| {
            let existing: Option<QuotaRowRec> = change
                .tx()
                .prepare_cached(
                    "SELECT * FROM quota_rows WHERE region = ?1 AND year = ?2 AND effective_from = ?3",
                )?
                .query_row(
                    params![row.region, row.year, row.effective_from.to_string()],
                    from_row,
                )
                .optional()?;
            match existing {
                Some(before) => {
                    let mut after = QuotaRowRec {
                        people: row.people,
                        note: row.note.clone().or(before.note.clone()),
                        ..before.clone()
                    };
                    change.update(&before, &mut after)?;
                    Ok(after)
                }
                None => {
                    let mut rec = QuotaRowRec::from_core(&row);
                    change.insert(&mut rec)?;
                    Ok(rec)
                }
            }
        })
    }

    /// Includes a person's family in its region's quota by a decision of `decided_on`, counting
    /// `people` (default: every member). Refused, naming what is left, when it does not fit
    /// the quota in force on that date; refused when the family is already included.
    pub fn include_in_quota(
        &mut self,
        ctx: &Context,
        regno: &str,
        decided_on: NaiveDate,
        people: Option<i64>,
        note: Option<&str>,
    ) -> Result<Inclusion> {
        ctx.actor.require(Action::EditRegistry)?;
        if decided_on > ctx.today {
            return Err(invalid("decided_on", &QuotaProblem::InFuture { today: ctx.today }));
        }
        let note = note.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        self.write(ctx, "quota.include", |change| {
            let family = family_in(change.tx(), regno)?;
            let earlier: Option<InclusionRec> = change
                .tx()
                .prepare_cached("SELECT * FROM quota_inclusions WHERE family_id = ?1")?
                .query_row([family.id.to_string()], from_row)
                .optional()?;
            if let Some(e) = earlier {
                return Err(invalid(
                    "regno",
                    &QuotaProblem::AlreadyIncluded {
                        on: e.decided_on,
                        region: e.region,
                        year: e.year,
                    },
                ));
            }
            let size = members_in(change.tx(), family.id)?.len() as i64;
            let people = people.unwrap_or(size);
            if people < 1 || people > size {
                return Err(invalid("people", &QuotaProblem::People { people, family_size: size }));
            }
            let year = decided_on.year();
            let table = quota_table_in(change.tx())?;
            let row = table.in_force(&family.region, year, decided_on);
            let used = used_in(change.tx(), &family.region, year)?;
            check_inclusion(&family.region, year, decided_on, row, used, people)
                .map_err(|p| invalid("people", &p))?;
            let mut rec = InclusionRec {
                id: Uuid::now_v7(),
                family_id: family.id,
                region: family.region.clone(),
                year,
                decided_on,
                people,
                note: note.clone(),
                version: 0,
            };
            change.insert(&mut rec)?;
            Ok(Inclusion {
                family_regno: family.regno.clone(),
                line: QuotaLine::new(&family.region, year, row, used + people),
                inclusion: rec,
            })
        })
    }

    /// The quota of `year` per region as seen on `today`: every region with a quota row or an
    /// inclusion that year, and the national total.
    pub fn quota_summary(&self, year: i32, today: NaiveDate) -> Result<QuotaSummary> {
        let on = summary_date(year, today);
        let table = self.quota_table()?;
        let mut regions: Vec<String> = table
            .rows()
            .iter()
            .filter(|r| r.year == year && r.region != NATIONAL)
            .map(|r| r.region.clone())
            .collect();
        let included: Vec<String> = self
            .conn()
            .prepare_cached("SELECT DISTINCT region FROM quota_inclusions WHERE year = ?1")?
            .query_map([year], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        regions.extend(included);
        regions.sort();
        regions.dedup();
        let lines = regions
            .iter()
            .map(|region| {
                let used = used_in(self.conn(), region, year)?;
                Ok(QuotaLine::new(region, year, table.in_force(region, year, on), used))
            })
            .collect::<Result<Vec<_>>>()?;
        let national_row = table.in_force(NATIONAL, year, on);
        let national_used: i64 = self
            .conn()
            .prepare_cached(
                "SELECT COALESCE(SUM(people), 0) FROM quota_inclusions WHERE year = ?1",
            )?
            .query_row([year], |r| r.get(0))?;
        Ok(QuotaSummary {
            year,
            on,
            national: national_row.map(|r| QuotaLine::new(NATIONAL, year, Some(r), national_used)),
            regions: lines,
        })
    }

    /// The families included in a year (optionally in one region), by decision date.
    pub fn quota_inclusions(&self, year: i32, region: Option<&str>) -> Result<Vec<Inclusion>> {
        inclusions_in(self.conn(), year, region)
    }

    /// The inclusion of a person's family in a quota, if it was included (any year).
    pub fn family_inclusion(&self, regno: &str) -> Result<Option<InclusionRec>> {
        let family = family_in(self.conn(), regno)?;
        Ok(self
            .conn()
            .prepare_cached("SELECT * FROM quota_inclusions WHERE family_id = ?1")?
            .query_row([family.id.to_string()], from_row)
            .optional()?)
    }

    /// The quota of a family's region on a date, and what is left (for the family's card).
    pub fn quota_for_family(&self, regno: &str, on: NaiveDate) -> Result<QuotaLine> {
        let family = family_in(self.conn(), regno)?;
        let table = self.quota_table()?;
        let used = used_in(self.conn(), &family.region, on.year())?;
        Ok(QuotaLine::new(
            &family.region,
            on.year(),
            table.in_force(&family.region, on.year(), on),
            used,
        ))
    }
}
