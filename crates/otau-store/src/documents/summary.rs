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
use std::collections::{BTreeSet, HashMap, HashSet};
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
    /// The highest family row counted (on the device that closed it; months closed before
    /// `counted_families` was kept are read by it).
    pub families_watermark: i64,
    /// The summary's numbers, frozen (JSON of [`MonthlySummaryData`]).
    pub summary_json: String,
    /// The ids of the families it counted (JSON array), so that every device and the centre
    /// tell the late entries alike.
    pub counted_families: Option<String>,
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
            let (mut data, counted) = summary_counted(tx, month, case)?;
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
                counted_families: Some(counted_json(&counted)?),
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
    Ok(summary_counted(conn, month, case)?.0)
}

/// A month's summary as it stands, with the ids of the families it counts.
fn summary_counted(
    conn: &Connection,
    month: Month,
    case: &dyn CaseWork,
) -> Result<(MonthlySummaryData, BTreeSet<String>)> {
    let (office_id, office) = office_header(conn)?;
    let (mut data, counted) = registry_summary(conn, office_id, &office, month)?;
    data.statuses = case.statuses(conn, &office.code, month)?;
    data.quota = case.quota(conn, &office.code, month)?;
    data.subsidies = case.subsidies(conn, &office.code, month)?;
    Ok((data, counted))
}

/// The JSON array of family ids a closed month keeps.
fn counted_json(counted: &BTreeSet<String>) -> Result<String> {
    serde_json::to_string(counted).map_err(|e| StoreError::Corrupt(format!("counted: {e}")))
}

/// One closed month as the late-entry rule reads it.
struct Close {
    /// The row watermark of the closing device (months closed before ids were kept).
    watermark: i64,
    /// Whether it kept the ids of the families it counted.
    kept_ids: bool,
}

/// Which families a month counts: those dated in the month, and those dated in the closed
/// months right before it that no closed month counted yet (late entries).
///
/// # Design
/// A closed month keeps the ids of the families it counted, and a family dated in a closed
/// month is late until some closed month has counted it: once, on every device of the office
/// and in the centre's replica alike. Months closed before the ids were kept fall back to the
/// watermark of the closing device: a family of such a month counts late when its row is above
/// the watermarks of every month closed at or after it.
struct MonthFilter {
    /// The month itself, then the closed months before it, newest first.
    ranges: Vec<Month>,
    /// The closed months of the office.
    closes: HashMap<Month, Close>,
    /// Every family a closed month counted.
    counted: HashSet<String>,
}

impl MonthFilter {
    fn new(conn: &Connection, office_code: &str, month: Month) -> Result<MonthFilter> {
        let mut closes = HashMap::new();
        let mut counted = HashSet::new();
        let mut stmt = conn.prepare_cached(
            "SELECT month, families_watermark, counted_families FROM closed_months
             WHERE office_code = ?1",
        )?;
        let mut rows = stmt.query([office_code])?;
        while let Some(r) = rows.next()? {
            let text: String = r.get(0)?;
            let Ok(m) = text.parse::<Month>() else { continue };
            let ids: Option<String> = r.get(2)?;
            if let Some(ids) = &ids {
                let ids: Vec<String> = serde_json::from_str(ids)
                    .map_err(|e| StoreError::Corrupt(format!("closed month {m}: {e}")))?;
                counted.extend(ids);
            }
            closes.insert(m, Close { watermark: r.get(1)?, kept_ids: ids.is_some() });
        }
        let mut ranges = vec![month];
        let mut m = month.prev();
        while closes.contains_key(&m) {
            ranges.push(m);
            m = m.prev();
        }
        Ok(MonthFilter { ranges, closes, counted })
    }

    /// Whether a family dated in `ranges[range]`, with its id and row, counts in the month.
    fn counts(&self, range: usize, family: &str, rowid: i64) -> bool {
        if range == 0 {
            return true;
        }
        if self.counted.contains(family) {
            return false;
        }
        let dated = self.ranges[range];
        let legacy = self
            .closes
            .iter()
            .filter(|(m, c)| **m >= dated && !c.kept_ids)
            .map(|(_, c)| c.watermark)
            .max();
        legacy.is_none_or(|watermark| rowid > watermark)
    }
}

/// One person of a family dated in a month, as the summary reads them.
struct Dated {
    family: String,
    rowid: i64,
    registered_on: Option<String>,
    country: String,
    birth_date: Option<String>,
    sex: String,
    education: Option<String>,
}

/// The persons of the office's families whose `column` falls in `month`.
fn dated(conn: &Connection, office_id: Uuid, column: &str, month: Month) -> Result<Vec<Dated>> {
    let sql = format!(
        "SELECT f.id, f.rowid, f.registered_on, f.country_of_origin, p.birth_date, p.sex,
                p.education
         FROM families f JOIN persons p ON p.family_id = f.id
         WHERE f.office_id = ?1 AND f.{column} BETWEEN ?2 AND ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![office_id.to_string(), month.first_day().to_string(), month.last_day().to_string()],
        |r| {
            Ok(Dated {
                family: r.get(0)?,
                rowid: r.get(1)?,
                registered_on: r.get(2)?,
                country: r.get(3)?,
                birth_date: r.get(4)?,
                sex: r.get(5)?,
                education: r.get(6)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Families and persons of a list of persons.
fn counts_of<'a>(persons: impl IntoIterator<Item = &'a Dated>) -> Counts {
    let mut families = HashSet::new();
    let mut count = 0i64;
    for p in persons {
        families.insert(p.family.as_str());
        count += 1;
    }
    Counts { families: families.len() as i64, persons: count }
}

/// The registry's part of a month's summary, and the families it counts.
fn registry_summary(
    conn: &Connection,
    office_id: Uuid,
    office: &OfficeHeader,
    month: Month,
) -> Result<(MonthlySummaryData, BTreeSet<String>)> {
    let filter = MonthFilter::new(conn, &office.code, month)?;
    let mut arrived: Vec<Vec<Dated>> = vec![];
    let mut registered: Vec<Vec<Dated>> = vec![];
    for (i, m) in filter.ranges.iter().enumerate() {
        let keep = |rows: Vec<Dated>| -> Vec<Dated> {
            rows.into_iter().filter(|p| filter.counts(i, &p.family, p.rowid)).collect()
        };
        arrived.push(keep(dated(conn, office_id, "arrival_date", *m)?));
        registered.push(keep(dated(conn, office_id, "registered_on", *m)?));
    }
    let counted: BTreeSet<String> =
        arrived.iter().chain(&registered).flatten().map(|p| p.family.clone()).collect();

    let limits = AgeLimits::default();
    let mut by_country: HashMap<String, (HashSet<String>, i64)> = HashMap::new();
    let mut by_age = AgeCounts::default();
    let mut by_education = EducationCounts::default();
    for p in registered.iter().flatten() {
        let registered_on = opt_date(p.registered_on.clone()).unwrap_or(month.first_day());
        let birth = opt_date(p.birth_date.clone()).unwrap_or(registered_on);
        let sex = match p.sex.as_str() {
            "female" => otau_core::model::Sex::Female,
            _ => otau_core::model::Sex::Male,
        };
        let entry = by_country.entry(p.country.clone()).or_default();
        entry.0.insert(p.family.clone());
        entry.1 += 1;
        match age_group(birth, sex, registered_on, &limits) {
            AgeGroup::BelowWorkingAge => by_age.below_working_age += 1,
            AgeGroup::WorkingAge => by_age.working_age += 1,
            AgeGroup::PensionAge => by_age.pension_age += 1,
        }
        match p.education.as_deref() {
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
    for (i, m) in filter.ranges.iter().enumerate().skip(1) {
        let arrivals = counts_of(&arrived[i]);
        let registered = counts_of(&registered[i]);
        if arrivals.families > 0 || registered.families > 0 {
            late.push(LateCount { month: *m, arrivals, registered });
        }
    }
    late.sort_by_key(|l| l.month);
    let data = MonthlySummaryData {
        office: office.clone(),
        month,
        arrivals: counts_of(arrived.iter().flatten()),
        registered: counts_of(registered.iter().flatten()),
        by_country,
        by_age,
        by_education,
        late,
        statuses: None,
        quota: None,
        subsidies: None,
        closed: None,
        offices: vec![],
    };
    Ok((data, counted))
}
