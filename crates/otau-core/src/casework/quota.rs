//! The regional quota for receiving kandas: how many people a region may include in a year,
//! which figure is in force on a date, and whether an inclusion fits.
//!
//! # Context
//! The ministry sets, by order, a number of people per region per year; an order can change it
//! during the year (2024: 2,433 nationally, raised to 3,033 from 24.08.2024). The shipped
//! figures are in `assets/reference/quotas.json`: the national totals 2022–2026 (region `KZ`)
//! and the 2026 figures by region. They are reference data an administrator changes.
//!
//! # Design
//! - A change during the year is a new row `(region, year, people, effective_from)`; the quota
//!   in force on a date for `(region, year)` is the latest row starting on or before it
//!   ([`QuotaTable::in_force`]).
//! - An inclusion counts **people** (the family members included) against the quota of the
//!   family's region for the year of the decision, in force on the decision date. Everything
//!   already included in that region and year counts as used, whatever its date.
//! - The national row (`KZ`) is shown beside the regions; inclusions are checked against the
//!   region's own row, as the order allocates by region.

use crate::code::{Coded, FieldError};
use crate::regions;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The region code of the national totals.
pub const NATIONAL: &str = "KZ";

/// The shipped quota table (the file format of [`QuotaTable::from_json`]).
pub const DEFAULT_QUOTAS_JSON: &str = include_str!("../../../../assets/reference/quotas.json");

/// One row: from this date on, the region's quota for the year is this many people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaRow {
    /// ISO 3166-2 region code (`KZ-55`), or `KZ` for the national total.
    pub region: String,
    /// The quota's year.
    pub year: i32,
    /// Number of people.
    pub people: i64,
    /// The first day this figure applies.
    pub effective_from: NaiveDate,
    /// The order or the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What is wrong with a quota row or an inclusion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuotaProblem {
    /// Not one of the 20 region codes (nor `KZ`).
    #[error("{value:?} is not a region")]
    UnknownRegion {
        /// The value given.
        value: String,
    },
    /// A year outside 1991–2100.
    #[error("year {year}")]
    Year {
        /// The year given.
        year: i32,
    },
    /// A negative number of people.
    #[error("{people} people")]
    Negative {
        /// The number given.
        people: i64,
    },
    /// An effective date after the quota's year.
    #[error("effective from {effective_from}, after the year {year}")]
    EffectiveAfterYear {
        /// The date.
        effective_from: NaiveDate,
        /// The year.
        year: i32,
    },
    /// Two rows with the same region, year and date.
    #[error("two rows for {region} {year} from {effective_from}")]
    Duplicate {
        /// Region.
        region: String,
        /// Year.
        year: i32,
        /// Date.
        effective_from: NaiveDate,
    },
    /// The file is not the table's format.
    #[error("not readable: {detail}")]
    Json {
        /// What the reader said.
        detail: String,
    },
    /// No quota is set for the region and year on the date.
    #[error("no quota for {region} in {year} on {on}")]
    NoQuota {
        /// Region.
        region: String,
        /// Year.
        year: i32,
        /// Date of the decision.
        on: NaiveDate,
    },
    /// The inclusion does not fit.
    #[error("{people} people do not fit: {remaining} of {quota} left")]
    Exceeded {
        /// Region.
        region: String,
        /// Year.
        year: i32,
        /// Quota in force.
        quota: i64,
        /// Already included.
        used: i64,
        /// Left before this inclusion (never negative).
        remaining: i64,
        /// People in this inclusion.
        people: i64,
    },
    /// An inclusion of no one, or of more people than the family has.
    #[error("{people} people of a family of {family_size}")]
    People {
        /// The number given.
        people: i64,
        /// The family's size.
        family_size: i64,
    },
    /// The family is already included.
    #[error("already included on {on} ({region} {year})")]
    AlreadyIncluded {
        /// The earlier decision's date.
        on: NaiveDate,
        /// Its region.
        region: String,
        /// Its year.
        year: i32,
    },
    /// A decision dated after today.
    #[error("the date is after today ({today})")]
    InFuture {
        /// Today.
        today: NaiveDate,
    },
}

impl Coded for QuotaProblem {
    fn code(&self) -> &'static str {
        match self {
            QuotaProblem::UnknownRegion { .. } => "quota-unknown-region",
            QuotaProblem::Year { .. } => "quota-year",
            QuotaProblem::Negative { .. } => "quota-negative",
            QuotaProblem::EffectiveAfterYear { .. } => "quota-effective-after-year",
            QuotaProblem::Duplicate { .. } => "quota-duplicate-row",
            QuotaProblem::Json { .. } => "quota-json",
            QuotaProblem::NoQuota { .. } => "quota-none",
            QuotaProblem::Exceeded { .. } => "quota-exceeded",
            QuotaProblem::People { .. } => "quota-people",
            QuotaProblem::AlreadyIncluded { .. } => "quota-already-included",
            QuotaProblem::InFuture { .. } => "quota-date-in-future",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let args: Vec<(&str, String)> = match self {
            QuotaProblem::UnknownRegion { value } => vec![("value", value.clone())],
            QuotaProblem::Year { year } => vec![("year", year.to_string())],
            QuotaProblem::Negative { people } => vec![("people", people.to_string())],
            QuotaProblem::EffectiveAfterYear { effective_from, year } => {
                vec![("effective_from", effective_from.to_string()), ("year", year.to_string())]
            }
            QuotaProblem::Duplicate { region, year, effective_from } => vec![
                ("region", region.clone()),
                ("year", year.to_string()),
                ("effective_from", effective_from.to_string()),
            ],
            QuotaProblem::Json { detail } => vec![("detail", detail.clone())],
            QuotaProblem::NoQuota { region, year, on } => {
                vec![("region", region.clone()), ("year", year.to_string()), ("on", on.to_string())]
            }
            QuotaProblem::Exceeded { region, year, quota, used, remaining, people } => vec![
                ("region", region.clone()),
                ("year", year.to_string()),
                ("quota", quota.to_string()),
                ("used", used.to_string()),
                ("remaining", remaining.to_string()),
                ("people", people.to_string()),
            ],
            QuotaProblem::People { people, family_size } => {
                vec![("people", people.to_string()), ("family_size", family_size.to_string())]
            }
            QuotaProblem::AlreadyIncluded { on, region, year } => {
                vec![("on", on.to_string()), ("region", region.clone()), ("year", year.to_string())]
            }
            QuotaProblem::InFuture { today } => vec![("today", today.to_string())],
        };
        args.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

/// Checks one row: a known region (or `KZ`), a year 1991–2100, people ≥ 0, in force from a
/// date not after its year. Each problem names its field.
pub fn check_row(row: &QuotaRow) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    if row.region != NATIONAL && regions::region(&row.region).is_none() {
        errors.push(FieldError::new(
            "region",
            &QuotaProblem::UnknownRegion { value: row.region.clone() },
        ));
    }
    if !(1991..=2100).contains(&row.year) {
        errors.push(FieldError::new("year", &QuotaProblem::Year { year: row.year }));
    }
    if row.people < 0 {
        errors.push(FieldError::new("people", &QuotaProblem::Negative { people: row.people }));
    }
    if row.effective_from.year() > row.year {
        errors.push(FieldError::new(
            "effective_from",
            &QuotaProblem::EffectiveAfterYear {
                effective_from: row.effective_from,
                year: row.year,
            },
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[derive(Deserialize)]
struct QuotaFile {
    rows: Vec<QuotaRow>,
}

/// A checked quota table: every row valid, no two rows with the same region, year and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct QuotaTable {
    /// Sorted by region, year, date.
    rows: Vec<QuotaRow>,
}

impl QuotaTable {
    /// Checks and sorts the rows.
    pub fn new(mut rows: Vec<QuotaRow>) -> Result<QuotaTable, Vec<FieldError>> {
        for (i, row) in rows.iter().enumerate() {
            check_row(row).map_err(|errors| {
                errors
                    .into_iter()
                    .map(|mut e| {
                        e.field = format!("rows[{i}].{}", e.field);
                        e
                    })
                    .collect::<Vec<_>>()
            })?;
        }
        rows.sort_by(|a, b| {
            (&a.region, a.year, a.effective_from).cmp(&(&b.region, b.year, b.effective_from))
        });
        if let Some(w) = rows.windows(2).find(|w| {
            (&w[0].region, w[0].year, w[0].effective_from)
                == (&w[1].region, w[1].year, w[1].effective_from)
        }) {
            return Err(vec![FieldError::new(
                "rows",
                &QuotaProblem::Duplicate {
                    region: w[0].region.clone(),
                    year: w[0].year,
                    effective_from: w[0].effective_from,
                },
            )]);
        }
        Ok(QuotaTable { rows })
    }

    /// Reads `{"rows":[{"region":"KZ-55","year":2026,"people":977,"effective_from":"2026-01-01"}]}`.
    pub fn from_json(s: &str) -> Result<QuotaTable, Vec<FieldError>> {
        let file: QuotaFile = serde_json::from_str(s).map_err(|e| {
            vec![FieldError::new("rows", &QuotaProblem::Json { detail: e.to_string() })]
        })?;
        QuotaTable::new(file.rows)
    }

    /// The table shipped with Otau.
    pub fn shipped() -> Result<QuotaTable, Vec<FieldError>> {
        QuotaTable::from_json(DEFAULT_QUOTAS_JSON)
    }

    /// All rows, by region, year and date.
    pub fn rows(&self) -> &[QuotaRow] {
        &self.rows
    }

    /// The row in force on `on` for the region's quota of `year`: the latest row starting on or
    /// before `on`.
    pub fn in_force(&self, region: &str, year: i32, on: NaiveDate) -> Option<&QuotaRow> {
        self.rows
            .iter()
            .rev()
            .find(|r| r.region == region && r.year == year && r.effective_from <= on)
    }

    /// Every region (and `KZ`) with a quota for `year` in force on `on`, each with its row.
    pub fn for_year(&self, year: i32, on: NaiveDate) -> Vec<&QuotaRow> {
        let mut regions: Vec<&str> =
            self.rows.iter().filter(|r| r.year == year).map(|r| r.region.as_str()).collect();
        regions.dedup();
        regions.into_iter().filter_map(|region| self.in_force(region, year, on)).collect()
    }
}

/// The date whose quota a summary of `year` shows when looked at on `today`: today in the
/// current year, the year's last day otherwise (the final figure of a past year, the latest
/// known figure of a future one).
pub fn summary_date(year: i32, today: NaiveDate) -> NaiveDate {
    if year == today.year() {
        today
    } else {
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today)
    }
}

/// People still to include: the quota less those included; negative when a lowered quota is
/// already exceeded. The one rule every screen, document and command shows.
pub fn quota_left(quota: i64, used: i64) -> i64 {
    quota.saturating_sub(used)
}

/// The region's quota and its use up to and in a month, as the monthly summary shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaUse {
    /// The quota's year.
    pub year: i32,
    /// The region's quota for the year, in persons.
    pub quota: i64,
    /// Persons included before this month.
    pub used_before: i64,
    /// Persons included in this month.
    pub used_in_month: i64,
}

impl QuotaUse {
    /// Persons included up to the end of the month.
    pub fn used(&self) -> i64 {
        self.used_before.saturating_add(self.used_in_month)
    }

    /// Persons still to include after the month ([`quota_left`]).
    pub fn left(&self) -> i64 {
        quota_left(self.quota, self.used())
    }
}

/// One region's quota for a year: the figure in force, what is used, what is left.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaLine {
    /// Region code (`KZ` for the national total).
    pub region: String,
    /// The year.
    pub year: i32,
    /// People allowed, as in force on the summary's date; `None` when no quota is set.
    pub quota: Option<i64>,
    /// The date that figure is in force from.
    pub effective_from: Option<NaiveDate>,
    /// People already included.
    pub used: i64,
    /// People left (`quota − used`); negative when a lowered quota is already exceeded.
    pub remaining: Option<i64>,
}

impl QuotaLine {
    /// The line of `region` from the row in force (if any) and the people used.
    pub fn new(region: &str, year: i32, row: Option<&QuotaRow>, used: i64) -> QuotaLine {
        QuotaLine {
            region: region.to_string(),
            year,
            quota: row.map(|r| r.people),
            effective_from: row.map(|r| r.effective_from),
            used,
            remaining: row.map(|r| quota_left(r.people, used)),
        }
    }
}

/// Checks that an inclusion of `people` fits the quota `row` (in force on the decision date)
/// when `used` people are already included; returns the remaining number after it.
pub fn check_inclusion(
    region: &str,
    year: i32,
    on: NaiveDate,
    row: Option<&QuotaRow>,
    used: i64,
    people: i64,
) -> Result<i64, QuotaProblem> {
    let row = row.ok_or_else(|| QuotaProblem::NoQuota { region: region.to_string(), year, on })?;
    let remaining = row.people - used;
    if people > remaining {
        return Err(QuotaProblem::Exceeded {
            region: region.to_string(),
            year,
            quota: row.people,
            used,
            remaining: remaining.max(0),
            people,
        });
    }
    Ok(remaining - people)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn row(region: &str, year: i32, people: i64, from: &str) -> QuotaRow {
        QuotaRow { region: region.into(), year, people, effective_from: d(from), note: None }
    }

    #[test]
    fn the_shipped_table_has_the_figures_of_the_orders() {
        let t = QuotaTable::shipped().expect("shipped table");
        let national = |on: &str| t.in_force(NATIONAL, d(on).year(), d(on)).map(|r| r.people);
        assert_eq!(national("2022-06-01"), Some(1499));
        assert_eq!(national("2023-06-01"), Some(2337));
        assert_eq!(national("2024-08-23"), Some(2433));
        assert_eq!(national("2024-08-24"), Some(3033));
        assert_eq!(national("2025-06-01"), Some(2309));
        assert_eq!(national("2026-06-01"), Some(2281));
        let regions: Vec<(&str, i64)> = t
            .for_year(2026, d("2026-06-01"))
            .into_iter()
            .filter(|r| r.region != NATIONAL)
            .map(|r| (r.region.as_str(), r.people))
            .collect();
        assert_eq!(
            regions,
            [
                ("KZ-10", 264),
                ("KZ-11", 285),
                ("KZ-23", 125),
                ("KZ-27", 30),
                ("KZ-39", 200),
                ("KZ-55", 977),
                ("KZ-59", 200),
                ("KZ-63", 200)
            ]
        );
        // The regions add up to the national figure of 2026.
        assert_eq!(regions.iter().map(|(_, n)| n).sum::<i64>(), 2281);
    }

    #[test]
    fn the_figure_in_force_is_the_latest_row_not_after_the_date() {
        let t = QuotaTable::new(vec![
            row("KZ-55", 2026, 10, "2026-01-01"),
            row("KZ-55", 2026, 12, "2026-06-01"),
            row("KZ-55", 2027, 5, "2026-12-15"),
        ])
        .expect("table");
        let p = |year, on: &str| t.in_force("KZ-55", year, d(on)).map(|r| r.people);
        assert_eq!(p(2026, "2025-12-31"), None);
        assert_eq!(p(2026, "2026-01-01"), Some(10));
        assert_eq!(p(2026, "2026-05-31"), Some(10));
        assert_eq!(p(2026, "2026-06-01"), Some(12));
        assert_eq!(p(2027, "2027-01-10"), Some(5), "an order for next year made in December");
        assert_eq!(t.in_force("KZ-11", 2026, d("2026-06-01")), None);
    }

    #[test]
    fn an_inclusion_over_the_quota_is_refused_naming_what_is_left() {
        let r = row("KZ-55", 2026, 10, "2026-01-01");
        let on = d("2026-03-01");
        assert_eq!(check_inclusion("KZ-55", 2026, on, Some(&r), 6, 4), Ok(0));
        let e = check_inclusion("KZ-55", 2026, on, Some(&r), 8, 3).expect_err("over");
        assert_eq!(e.code(), "quota-exceeded");
        assert_eq!(e.args().get("remaining").map(String::as_str), Some("2"));
        let e = check_inclusion("KZ-55", 2026, on, Some(&r), 12, 1).expect_err("lowered");
        assert_eq!(e.args().get("remaining").map(String::as_str), Some("0"));
        let e = check_inclusion("KZ-55", 2026, on, None, 0, 1).expect_err("none");
        assert_eq!(e.code(), "quota-none");
    }

    #[test]
    fn bad_rows_are_refused_naming_the_field() {
        let e = QuotaTable::new(vec![row("KZ-99", 2026, 1, "2026-01-01")]).expect_err("region");
        assert_eq!(e[0].field, "rows[0].region");
        let e = check_row(&row("KZ-55", 2026, -1, "2027-01-01")).expect_err("two problems");
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["people", "effective_from"]);
        let e = QuotaTable::new(vec![
            row("KZ-55", 2026, 1, "2026-01-01"),
            row("KZ-55", 2026, 2, "2026-01-01"),
        ])
        .expect_err("duplicate");
        assert_eq!(e[0].code, "quota-duplicate-row");
        assert!(QuotaTable::from_json("{").is_err());
    }

    #[test]
    fn summary_dates() {
        assert_eq!(summary_date(2026, d("2026-11-25")), d("2026-11-25"));
        assert_eq!(summary_date(2025, d("2026-11-25")), d("2025-12-31"));
        assert_eq!(summary_date(2027, d("2026-11-25")), d("2027-12-31"));
    }

    /// The quota left was computed by the desk and again by the summary's PDF; now by the core.
    #[test]
    fn what_is_left_of_a_quota_is_the_cores_one_rule() {
        let month = QuotaUse { year: 2026, quota: 100, used_before: 60, used_in_month: 15 };
        assert_eq!((month.used(), month.left()), (75, 25));
        let exceeded = QuotaUse { year: 2026, quota: 10, used_before: 12, used_in_month: 0 };
        assert_eq!(exceeded.left(), -2, "a lowered quota already exceeded");
        assert_eq!(quota_left(i64::MIN, 1), i64::MIN, "never wraps");
    }
}
