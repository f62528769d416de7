//! The monthly summary and closed months: a month's figures (registry, case work, subsidies),
//! frozen when a manager closes the month; a family recorded later for a closed month is
//! counted in the next open month.

use super::content::CaseWork;
use super::{issuer_name, office_header, rfc3339, DocumentError};
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::users::Action;
use crate::Store;
use chrono::NaiveDate;
use otau_core::reporting::{age_group, AgeGroup, AgeLimits};
use otau_print::data::{AgeCounts, CountryCount, Counts, EducationCounts, LateCount};
use otau_print::{Month, MonthlySummaryData, OfficeHeader};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A row of `closed_months`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedMonthRec {
    /// Id.
    pub id: Uuid,
    /// Office.
    pub office_code: String,
    /// Month, `YYYY-MM`.
    pub month: String,
    /// Date of closing.
    pub closed_on: NaiveDate,
    /// Moment (UTC, RFC 3339).
    pub closed_at: String,
    /// Who closed it (login).
    pub closed_by: String,
    /// The highest family row counted.
    pub families_watermark: i64,
    /// The summary's numbers, frozen (JSON of [`MonthlySummaryData`]).
    pub summary_json: String,
    /// Version.
    pub version: i64,
}

impl Record for ClosedMonthRec {
    const TABLE: &'static str = "closed_months";
    const ENTITY: &'static str = "closed_month";
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

fn opt_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

impl Store {
    /// The months closed at this office, oldest first.
    pub fn closed_months(&self) -> Result<Vec<ClosedMonthRec>> {
        let (_, office) = office_header(self.conn())?;
        Ok(self
            .conn()
            .prepare("SELECT * FROM closed_months WHERE office_code = ?1 ORDER BY month")?
            .query_map([&office.code], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The monthly summary: for a closed month exactly the numbers frozen when it closed; for an
    /// open month, computed now, late entries of the closed months before it included.
    pub fn monthly_summary(&self, month: Month, case: &dyn CaseWork) -> Result<MonthlySummaryData> {
        let frozen = frozen_in(self.conn(), month)?;
        match frozen {
            Some(data) => Ok(data),
            None => summary_in(self.conn(), month, case),
        }
    }

    /// Closes a month (managers) once it is over: its summary is frozen as it stands and never
    /// changes again; entries recorded later for it count in the next open month.
    ///
    /// The summary is computed inside the write that records it, with the highest family row it
    /// counted: no family can be registered between the two, so none is counted in neither the
    /// closed month nor the next.
    pub fn close_month(
        &mut self,
        ctx: &Context,
        month: Month,
        case: &dyn CaseWork,
    ) -> Result<MonthlySummaryData> {
        ctx.actor.require(Action::CloseMonth)?;
        if ctx.today <= month.last_day() {
            return Err(DocumentError::MonthNotOver { month: month.to_string() }.into());
        }
        self.write(ctx, "month.close", |change| {
            let tx = change.tx();
            let (_, office) = office_header(tx)?;
            if frozen_in(tx, month)?.is_some() {
                return Err(DocumentError::MonthClosed { month: month.to_string() }.into());
            }
            let mut data = summary_in(tx, month, case)?;
            data.closed = Some(otau_print::data::ClosedMark {
                closed_on: ctx.today,
                closed_by: issuer_name(&ctx.actor),
            });
            let json = serde_json::to_string(&data)
                .map_err(|e| StoreError::Corrupt(format!("summary: {e}")))?;
            let watermark: i64 =
                tx.query_row("SELECT COALESCE(MAX(rowid), 0) FROM families", [], |r| r.get(0))?;
            let mut rec = ClosedMonthRec {
                id: Uuid::now_v7(),
                office_code: office.code.clone(),
                month: month.to_string(),
                closed_on: ctx.today,
                closed_at: rfc3339(ctx.at),
                closed_by: ctx.actor.login.clone(),
                families_watermark: watermark,
                summary_json: json,
                version: 0,
            };
            change.insert(&mut rec)?;
            Ok(data)
        })
    }
}

/// The summary frozen when `month` closed, if it is closed.
fn frozen_in(conn: &Connection, month: Month) -> Result<Option<MonthlySummaryData>> {
    let (_, office) = office_header(conn)?;
    let frozen: Option<String> = conn
        .query_row(
            "SELECT summary_json FROM closed_months WHERE office_code = ?1 AND month = ?2",
            params![office.code, month.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    frozen
        .map(|json| {
            serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("closed month {month}: {e}")))
        })
        .transpose()
}

/// A month's summary as it stands, read on `conn` (inside a transaction or not).
fn summary_in(conn: &Connection, month: Month, case: &dyn CaseWork) -> Result<MonthlySummaryData> {
    let (office_id, office) = office_header(conn)?;
    let mut data = registry_summary(conn, office_id, &office, month)?;
    data.statuses = case.statuses(conn, &office.code, month)?;
    data.quota = case.quota(conn, &office.code, month)?;
    data.subsidies = case.subsidies(conn, &office.code, month)?;
    Ok(data)
}

/// Which families a month counts by a date column: those dated in the month, and those dated
/// in the closed months right before it that were recorded after those months closed.
struct MonthFilter {
    /// (first day, last day, rowid above which a family counts), the month itself first with
    /// watermark -1.
    ranges: Vec<(Month, i64)>,
}

impl MonthFilter {
    fn new(conn: &Connection, office_code: &str, month: Month) -> Result<MonthFilter> {
        let closed: HashMap<String, i64> = conn
            .prepare_cached(
                "SELECT month, families_watermark FROM closed_months WHERE office_code = ?1",
            )?
            .query_map([office_code], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut ranges = vec![(month, -1)];
        let mut m = month.prev();
        while let Some(wm) = closed.get(&m.to_string()) {
            ranges.push((m, *wm));
            m = m.prev();
        }
        Ok(MonthFilter { ranges })
    }

    /// The SQL condition on `f.<column>` and `f.rowid`, with its parameters.
    fn condition(&self, column: &str, only: Option<usize>) -> (String, Vec<String>) {
        let mut parts = vec![];
        let mut values = vec![];
        for (i, (m, wm)) in self.ranges.iter().enumerate() {
            if only.is_some_and(|o| o != i) {
                continue;
            }
            let n = values.len();
            parts.push(format!(
                "(f.{column} BETWEEN ?{} AND ?{} AND f.rowid > ?{})",
                n + 2,
                n + 3,
                n + 4
            ));
            values.push(m.first_day().to_string());
            values.push(m.last_day().to_string());
            values.push(wm.to_string());
        }
        (format!("({})", parts.join(" OR ")), values)
    }
}

/// Families and persons counted by a date column under a filter.
fn counts(conn: &Connection, office_id: Uuid, cond: &(String, Vec<String>)) -> Result<Counts> {
    let sql = format!(
        "SELECT COUNT(DISTINCT f.id), COUNT(p.id) FROM families f
         JOIN persons p ON p.family_id = f.id
         WHERE f.office_id = ?1 AND {}",
        cond.0
    );
    let mut values: Vec<String> = vec![office_id.to_string()];
    values.extend(cond.1.iter().cloned());
    Ok(conn.query_row(&sql, rusqlite::params_from_iter(values), |r| {
        Ok(Counts { families: r.get(0)?, persons: r.get(1)? })
    })?)
}

/// The registry's part of a month's summary.
fn registry_summary(
    conn: &Connection,
    office_id: Uuid,
    office: &OfficeHeader,
    month: Month,
) -> Result<MonthlySummaryData> {
    let filter = MonthFilter::new(conn, &office.code, month)?;
    let arrivals = counts(conn, office_id, &filter.condition("arrival_date", None))?;
    let cond = filter.condition("registered_on", None);
    let sql = format!(
        "SELECT f.id, f.registered_on, f.country_of_origin, p.birth_date, p.sex, p.education
         FROM families f JOIN persons p ON p.family_id = f.id
         WHERE f.office_id = ?1 AND {}",
        cond.0
    );
    let mut values: Vec<String> = vec![office_id.to_string()];
    values.extend(cond.1.iter().cloned());
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    let limits = AgeLimits::default();
    let mut families: HashSet<String> = HashSet::new();
    let mut persons = 0i64;
    let mut by_country: HashMap<String, (HashSet<String>, i64)> = HashMap::new();
    let mut by_age = AgeCounts::default();
    let mut by_education = EducationCounts::default();
    while let Some(r) = rows.next()? {
        let family: String = r.get(0)?;
        let registered_on = opt_date(r.get(1)?).unwrap_or(month.first_day());
        let country: String = r.get(2)?;
        let birth = opt_date(r.get(3)?).unwrap_or(registered_on);
        let sex = match r.get::<_, String>(4)?.as_str() {
            "female" => otau_core::model::Sex::Female,
            _ => otau_core::model::Sex::Male,
        };
        let education: Option<String> = r.get(5)?;
        persons += 1;
        let entry = by_country.entry(country).or_default();
        entry.0.insert(family.clone());
        entry.1 += 1;
        families.insert(family);
        match age_group(birth, sex, registered_on, &limits) {
            AgeGroup::BelowWorkingAge => by_age.below_working_age += 1,
            AgeGroup::WorkingAge => by_age.working_age += 1,
            AgeGroup::PensionAge => by_age.pension_age += 1,
        }
        match education.as_deref() {
            Some("higher") => by_education.higher += 1,
            Some("secondary_vocational") => by_education.secondary_vocational += 1,
            Some("general_secondary") => by_education.general_secondary += 1,
            Some("none") => by_education.none += 1,
            _ => by_education.not_recorded += 1,
        }
    }
    let mut by_country: Vec<CountryCount> = by_country
        .into_iter()
        .map(|(country, (fams, persons))| CountryCount {
            country,
            counts: Counts { families: fams.len() as i64, persons },
        })
        .collect();
    by_country.sort_by(|a, b| {
        b.counts.persons.cmp(&a.counts.persons).then_with(|| a.country.cmp(&b.country))
    });
    let mut late = vec![];
    for (i, (m, _)) in filter.ranges.iter().enumerate().skip(1) {
        let arrived = counts(conn, office_id, &filter.condition("arrival_date", Some(i)))?;
        let registered = counts(conn, office_id, &filter.condition("registered_on", Some(i)))?;
        if arrived.families > 0 || registered.families > 0 {
            late.push(LateCount { month: *m, arrivals: arrived, registered });
        }
    }
    late.sort_by_key(|l| l.month);
    Ok(MonthlySummaryData {
        office: office.clone(),
        month,
        arrivals,
        registered: Counts { families: families.len() as i64, persons },
        by_country,
        by_age,
        by_education,
        late,
        statuses: None,
        quota: None,
        subsidies: None,
        closed: None,
    })
}
