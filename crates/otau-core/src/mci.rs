//! The MCI table: which monthly calculation index (in whole tenge) is in force on a date, and for
//! what purpose.
//!
//! # Context
//! The MCI is set from 1 January of each year by the budget law; some years change it mid-year
//! (2020-04-01) or set one value for social payments and another for fines, taxes and other
//! payments (2022). So the MCI is a table of rows *(effective from, purpose, tenge)*, kept as
//! data a manager can edit (`assets/reference/mci.json`), never one number per year in code.
//!
//! # Design
//! A row is in force from its date until the next row of the same purpose. Fines-and-other rows
//! are few: a fines row covers the calendar year it starts in (the budget law sets the MCI per
//! year), and on any date with no fines row of its own year in force, fines use the
//! social-payments row in force. So 2022-06-01 gives 3 180 ₸ for social payments and 3 063 ₸
//! for fines, and 2023 gives 3 450 ₸ for both.

use crate::code::Coded;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The shipped MCI table (the file format of [`MciTable::from_json`]).
pub const DEFAULT_MCI_JSON: &str = include_str!("../../../assets/reference/mci.json");

/// What an MCI value is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MciPurpose {
    /// Benefits and social payments: the purpose subsidies use.
    SocialPayments,
    /// Fines, taxes and other payments.
    FinesAndOther,
}

impl MciPurpose {
    /// The snake_case name, as in the JSON file.
    pub fn as_str(self) -> &'static str {
        match self {
            MciPurpose::SocialPayments => "social_payments",
            MciPurpose::FinesAndOther => "fines_and_other",
        }
    }
}

impl fmt::Display for MciPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the table: from this date on, for this purpose, one MCI is this many tenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MciRow {
    /// The first day the value applies.
    pub effective_from: NaiveDate,
    /// What the value is for.
    pub purpose: MciPurpose,
    /// One MCI in whole tenge.
    pub tenge: i64,
    /// Where the value comes from, or how sure we are of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why a set of rows is not a usable MCI table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MciError {
    /// There are no rows at all.
    #[error("the MCI table has no rows")]
    Empty,
    /// Two rows have the same date and purpose.
    #[error("two MCI rows from {effective_from} for {purpose}")]
    DuplicateRow {
        /// The date both rows start on.
        effective_from: NaiveDate,
        /// The purpose both rows have.
        purpose: MciPurpose,
    },
    /// A row's value is zero or negative.
    #[error("the MCI row from {effective_from} has {tenge} tenge")]
    NonPositive {
        /// The row's date.
        effective_from: NaiveDate,
        /// The value found.
        tenge: i64,
    },
    /// The JSON is not the table's file format.
    #[error("the MCI table is not readable: {detail}")]
    Json {
        /// What the JSON reader said.
        detail: String,
    },
}

impl Coded for MciError {
    fn code(&self) -> &'static str {
        match self {
            MciError::Empty => "mci-empty",
            MciError::DuplicateRow { .. } => "mci-duplicate-row",
            MciError::NonPositive { .. } => "mci-non-positive",
            MciError::Json { .. } => "mci-json",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut args = BTreeMap::new();
        match self {
            MciError::Empty => {}
            MciError::DuplicateRow { effective_from, purpose } => {
                args.insert("effective_from".to_string(), effective_from.to_string());
                args.insert("purpose".to_string(), purpose.as_str().to_string());
            }
            MciError::NonPositive { effective_from, tenge } => {
                args.insert("effective_from".to_string(), effective_from.to_string());
                args.insert("tenge".to_string(), tenge.to_string());
            }
            MciError::Json { detail } => {
                args.insert("detail".to_string(), detail.clone());
            }
        }
        args
    }
}

/// The file format: `{"rows": [...]}`.
#[derive(Deserialize)]
struct MciFile {
    rows: Vec<MciRow>,
}

/// A checked MCI table: at least one row, no two rows with the same date and purpose, every
/// value positive. Serializes to (and deserializes from, with the same checks) the file format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MciFile")]
pub struct MciTable {
    /// Sorted by date, then purpose.
    rows: Vec<MciRow>,
}

impl TryFrom<MciFile> for MciTable {
    type Error = MciError;

    fn try_from(file: MciFile) -> Result<Self, Self::Error> {
        MciTable::new(file.rows)
    }
}

impl MciTable {
    /// Checks and sorts the rows (by date, then purpose).
    pub fn new(mut rows: Vec<MciRow>) -> Result<MciTable, MciError> {
        if rows.is_empty() {
            return Err(MciError::Empty);
        }
        if let Some(row) = rows.iter().find(|r| r.tenge <= 0) {
            return Err(MciError::NonPositive {
                effective_from: row.effective_from,
                tenge: row.tenge,
            });
        }
        rows.sort_by_key(|r| (r.effective_from, r.purpose));
        if let Some(pair) = rows
            .windows(2)
            .find(|w| (w[0].effective_from, w[0].purpose) == (w[1].effective_from, w[1].purpose))
        {
            return Err(MciError::DuplicateRow {
                effective_from: pair[0].effective_from,
                purpose: pair[0].purpose,
            });
        }
        Ok(MciTable { rows })
    }

    /// Reads the file format of `assets/reference/mci.json`:
    /// `{"rows":[{"effective_from":"2017-01-01","purpose":"social_payments","tenge":2269,"note":"…"}]}`.
    pub fn from_json(s: &str) -> Result<MciTable, MciError> {
        let file: MciFile =
            serde_json::from_str(s).map_err(|e| MciError::Json { detail: e.to_string() })?;
        MciTable::new(file.rows)
    }

    /// The table shipped with Otau ([`DEFAULT_MCI_JSON`]).
    pub fn shipped() -> Result<MciTable, MciError> {
        MciTable::from_json(DEFAULT_MCI_JSON)
    }

    /// All rows, by date then purpose.
    pub fn rows(&self) -> &[MciRow] {
        &self.rows
    }

    /// The latest row of exactly this purpose that starts on or before `date`.
    fn latest(&self, date: NaiveDate, purpose: MciPurpose) -> Option<&MciRow> {
        self.rows.iter().rev().find(|r| r.purpose == purpose && r.effective_from <= date)
    }

    /// The row in force on `date` for `purpose`, or `None` before the first row.
    ///
    /// For [`MciPurpose::FinesAndOther`], a fines row started earlier in the same calendar
    /// year wins; otherwise the social-payments row in force applies (see the module doc).
    pub fn in_force(&self, date: NaiveDate, purpose: MciPurpose) -> Option<&MciRow> {
        match purpose {
            MciPurpose::SocialPayments => self.latest(date, MciPurpose::SocialPayments),
            MciPurpose::FinesAndOther => self
                .latest(date, MciPurpose::FinesAndOther)
                .filter(|r| r.effective_from.year() == date.year())
                .or_else(|| self.latest(date, MciPurpose::SocialPayments)),
        }
    }
}

/// Reads the value of one MCI as typed (`4 325`, `4325 ₸`): an MCI is a whole number of
/// tenge, so tiyn are refused (`money-too-many-decimals`).
pub fn read_mci_tenge(text: &str) -> Result<i64, crate::money::MoneyError> {
    let tiyn = crate::money::parse_tenge(text)?;
    if tiyn.0 % 100 == 0 {
        Ok(tiyn.0 / 100)
    } else {
        Err(crate::money::MoneyError::TooManyDecimals { input: text.trim().to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn shipped() -> MciTable {
        MciTable::shipped().unwrap()
    }

    fn social(s: &str) -> Option<i64> {
        shipped().in_force(date(s), MciPurpose::SocialPayments).map(|r| r.tenge)
    }

    fn fines(s: &str) -> Option<i64> {
        shipped().in_force(date(s), MciPurpose::FinesAndOther).map(|r| r.tenge)
    }

    fn row(from: &str, purpose: MciPurpose, tenge: i64) -> MciRow {
        MciRow { effective_from: date(from), purpose, tenge, note: None }
    }

    #[test]
    fn shipped_table_parses_with_every_row() {
        let table = shipped();
        assert_eq!(table.rows().len(), 13);
        let fines_rows: Vec<_> =
            table.rows().iter().filter(|r| r.purpose == MciPurpose::FinesAndOther).collect();
        assert_eq!(fines_rows.len(), 1);
        assert_eq!((fines_rows[0].effective_from, fines_rows[0].tenge), (date("2022-01-01"), 3063));
        assert_eq!(table.rows()[0].note.as_deref(), Some("confidence: medium"));
    }

    #[rstest]
    #[case("2016-12-31", None)]
    #[case("2017-01-01", Some(2269))]
    #[case("2017-12-31", Some(2269))]
    #[case("2018-01-01", Some(2405))]
    #[case("2018-12-31", Some(2405))]
    #[case("2019-01-01", Some(2525))]
    #[case("2019-12-31", Some(2525))]
    #[case("2020-01-01", Some(2651))]
    #[case("2020-03-31", Some(2651))]
    #[case("2020-04-01", Some(2778))]
    #[case("2020-12-31", Some(2778))]
    #[case("2021-01-01", Some(2917))]
    #[case("2021-12-31", Some(2917))]
    #[case("2022-01-01", Some(3063))]
    #[case("2022-03-31", Some(3063))]
    #[case("2022-04-01", Some(3180))]
    #[case("2022-06-01", Some(3180))]
    #[case("2022-12-31", Some(3180))]
    #[case("2023-01-01", Some(3450))]
    #[case("2023-12-31", Some(3450))]
    #[case("2024-01-01", Some(3692))]
    #[case("2024-12-31", Some(3692))]
    #[case("2025-01-01", Some(3932))]
    #[case("2025-12-31", Some(3932))]
    #[case("2026-01-01", Some(4325))]
    #[case("2026-11-25", Some(4325))]
    #[case("2030-01-01", Some(4325))]
    fn social_payments_on_and_around_every_boundary(#[case] on: &str, #[case] tenge: Option<i64>) {
        assert_eq!(social(on), tenge);
    }

    #[rstest]
    #[case("2016-12-31", None)]
    #[case("2017-01-01", Some(2269))]
    #[case("2020-03-31", Some(2651))]
    #[case("2020-04-01", Some(2778))]
    #[case("2021-12-31", Some(2917))]
    #[case("2022-01-01", Some(3063))]
    #[case("2022-04-01", Some(3063))]
    #[case("2022-06-01", Some(3063))]
    #[case("2022-12-31", Some(3063))]
    #[case("2023-01-01", Some(3450))]
    #[case("2024-06-01", Some(3692))]
    #[case("2026-01-01", Some(4325))]
    fn fines_and_other(#[case] on: &str, #[case] tenge: Option<i64>) {
        assert_eq!(fines(on), tenge);
    }

    #[test]
    fn in_force_returns_the_row_with_its_note() {
        let table = shipped();
        let r = table.in_force(date("2022-06-01"), MciPurpose::SocialPayments).unwrap();
        assert_eq!(r.effective_from, date("2022-04-01"));
        assert!(r.note.as_deref().unwrap().contains("confidence: medium"));
    }

    #[test]
    fn fines_row_starting_mid_year_applies_only_from_its_date() {
        let table = MciTable::new(vec![
            row("2030-01-01", MciPurpose::SocialPayments, 5000),
            row("2030-07-01", MciPurpose::FinesAndOther, 5100),
        ])
        .unwrap();
        let fines = |s| table.in_force(date(s), MciPurpose::FinesAndOther).map(|r| r.tenge);
        assert_eq!(fines("2030-06-30"), Some(5000));
        assert_eq!(fines("2030-07-01"), Some(5100));
        assert_eq!(fines("2031-01-01"), Some(5000));
    }

    #[test]
    fn rows_are_sorted() {
        let table = MciTable::new(vec![
            row("2024-01-01", MciPurpose::SocialPayments, 3692),
            row("2023-01-01", MciPurpose::SocialPayments, 3450),
        ])
        .unwrap();
        assert_eq!(table.rows()[0].tenge, 3450);
        assert_eq!(
            table.in_force(date("2023-05-05"), MciPurpose::SocialPayments).unwrap().tenge,
            3450
        );
    }

    #[test]
    fn refuses_duplicate_date_and_purpose() {
        let err = MciTable::new(vec![
            row("2024-01-01", MciPurpose::SocialPayments, 3692),
            row("2024-01-01", MciPurpose::FinesAndOther, 3692),
            row("2024-01-01", MciPurpose::SocialPayments, 3700),
        ])
        .unwrap_err();
        assert_eq!(
            err,
            MciError::DuplicateRow {
                effective_from: date("2024-01-01"),
                purpose: MciPurpose::SocialPayments
            }
        );
        assert_eq!(err.code(), "mci-duplicate-row");
        assert_eq!(err.args()["purpose"], "social_payments");
        assert_eq!(err.args()["effective_from"], "2024-01-01");
    }

    #[rstest]
    #[case(0)]
    #[case(-3692)]
    fn refuses_non_positive_tenge(#[case] tenge: i64) {
        let err =
            MciTable::new(vec![row("2024-01-01", MciPurpose::SocialPayments, tenge)]).unwrap_err();
        assert_eq!(err, MciError::NonPositive { effective_from: date("2024-01-01"), tenge });
        assert_eq!(err.code(), "mci-non-positive");
        assert_eq!(err.args()["tenge"], tenge.to_string());
    }

    #[test]
    fn refuses_empty() {
        assert_eq!(MciTable::new(vec![]), Err(MciError::Empty));
        assert_eq!(MciTable::from_json(r#"{"rows":[]}"#), Err(MciError::Empty));
        assert_eq!(MciError::Empty.code(), "mci-empty");
    }

    #[rstest]
    #[case::not_json("nope")]
    #[case::no_rows(r#"{"table":[]}"#)]
    #[case::bad_purpose(
        r#"{"rows":[{"effective_from":"2024-01-01","purpose":"taxes","tenge":1}]}"#
    )]
    #[case::bad_date(
        r#"{"rows":[{"effective_from":"2024-02-30","purpose":"social_payments","tenge":1}]}"#
    )]
    #[case::float_tenge(
        r#"{"rows":[{"effective_from":"2024-01-01","purpose":"social_payments","tenge":3692.5}]}"#
    )]
    fn refuses_bad_json(#[case] json: &str) {
        let err = MciTable::from_json(json).unwrap_err();
        assert_eq!(err.code(), "mci-json");
        assert!(!err.args()["detail"].is_empty());
    }

    #[test]
    fn serde_round_trip_in_the_file_format() {
        let table = shipped();
        let json = serde_json::to_string(&table).unwrap();
        assert!(json.starts_with(
            r#"{"rows":[{"effective_from":"2017-01-01","purpose":"social_payments","tenge":2269"#
        ));
        assert_eq!(MciTable::from_json(&json).unwrap(), table);
        assert_eq!(serde_json::from_str::<MciTable>(&json).unwrap(), table);
        let dup = r#"{"rows":[{"effective_from":"2024-01-01","purpose":"social_payments","tenge":1},
                              {"effective_from":"2024-01-01","purpose":"social_payments","tenge":2}]}"#;
        assert!(serde_json::from_str::<MciTable>(dup).is_err());
    }

    #[test]
    fn published_figures_from_the_shipped_table() {
        let table = shipped();
        for (year, tiyn) in
            [(2023, 24_150_000), (2024, 25_844_000), (2025, 27_524_000), (2026, 30_275_000)]
        {
            let on = NaiveDate::from_ymd_opt(year, 7, 1).unwrap();
            let mci = table.in_force(on, MciPurpose::SocialPayments).unwrap().tenge;
            let amount = crate::money::MciHundredths::from_whole(70).to_tiyn(mci).unwrap();
            assert_eq!(amount, crate::money::Tiyn(tiyn), "{year}");
        }
    }

    #[test]
    fn an_mci_is_whole_tenge() {
        assert_eq!(read_mci_tenge("4 325"), Ok(4325));
        assert_eq!(read_mci_tenge("4325 ₸"), Ok(4325));
        assert_eq!(read_mci_tenge("4325,00"), Ok(4325));
        assert_eq!(
            read_mci_tenge(" 4325,50 ").map_err(|e| e.code()),
            Err("money-too-many-decimals")
        );
        assert_eq!(read_mci_tenge("").map_err(|e| e.code()), Err("money-empty"));
    }
}
