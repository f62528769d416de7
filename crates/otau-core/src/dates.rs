//! Calendar-date helpers of the domain: ages in full years, calendar months (`YYYY-MM`), dates
//! as people type them, fixed dates of the law.
//!
//! Dates come in as arguments; nothing here reads the clock. This is the one place a month or a
//! typed date is read: the desktop app, the `otau` command line and the documents all call it.

use crate::code::Coded;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A date known when the code is written; a wrong one fails the build, never a run.
pub(crate) const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a calendar date"),
    }
}

/// Age in full years on a date (0 if `on` is not after `birth`).
///
/// Someone born on 29 February turns a year older on 28 February in common years, as the
/// civil code counts a term that ends on a day the month does not have.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    if on <= birth {
        return 0;
    }
    let mut years = on.year() - birth.year();
    let birthday = NaiveDate::from_ymd_opt(on.year(), birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(on.year(), 2, 28));
    if birthday.is_some_and(|b| on < b) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    year: i32,
    month: u32,
}

/// A text that is not a month `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a month YYYY-MM")]
pub struct MonthError {
    /// The text as given.
    pub value: String,
}

impl Coded for MonthError {
    fn code(&self) -> &'static str {
        "doc-bad-month"
    }
    fn args(&self) -> BTreeMap<String, String> {
        BTreeMap::from([("value".to_string(), self.value.clone())])
    }
}

impl Month {
    /// The month of a year (1–12), if both are in range (years 1900–9999).
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1900..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// Reads `YYYY-MM` exactly (the form documents and the register use).
    pub fn parse(text: &str) -> Result<Month, MonthError> {
        Month::read(text, false)
    }

    /// Reads `YYYY-MM`, also with a one-digit month (`2026-3`), as people type it on the
    /// command line.
    pub fn parse_loose(text: &str) -> Result<Month, MonthError> {
        Month::read(text, true)
    }

    fn read(text: &str, loose: bool) -> Result<Month, MonthError> {
        let err = || MonthError { value: text.trim().to_string() };
        let (y, m) = text.trim().split_once('-').ok_or_else(err)?;
        let month_digits = if loose { 1..=2 } else { 2..=2 };
        if y.len() != 4
            || !month_digits.contains(&m.len())
            || !y.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
        {
            return Err(err());
        }
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        Month::new(year, month).ok_or_else(err)
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month { year: date.year(), month: date.month() }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    /// The month before.
    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = MonthError;
    fn from_str(s: &str) -> Result<Month, MonthError> {
        Month::parse(s)
    }
}

impl TryFrom<String> for Month {
    type Error = MonthError;
    fn try_from(s: String) -> Result<Month, MonthError> {
        s.parse()
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

#[cfg(feature = "ts")]
impl ts_rs::TS for Month {
    type WithoutGenerics = Month;
    type OptionInnerType = Month;
    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
    fn inline(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
    fn decl(_: &ts_rs::Config) -> String {
        "type Month = string;".to_owned()
    }
    fn decl_concrete(_: &ts_rs::Config) -> String {
        "type Month = string;".to_owned()
    }
}

/// Reads a date as a clerk types it: `YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY` or `DDMMYYYY`;
/// `None` if it is not a calendar date with a four-digit year from 1800 on.
pub fn read_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ymd = |y: &str, m: &str, d: &str| -> Option<NaiveDate> {
        if y.len() != 4 || m.len() > 2 || d.len() > 2 || ![y, m, d].into_iter().all(digits) {
            return None;
        }
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    };
    let date = if digits(text) && text.len() == 8 {
        // DDMMYYYY, typed without separators.
        ymd(&text[4..], &text[2..4], &text[..2])
    } else if let [y, m, d] = text.split('-').collect::<Vec<_>>()[..] {
        ymd(y, m, d)
    } else if let [d, m, y] = text.split(['.', '/']).collect::<Vec<_>>()[..] {
        ymd(y, m, d)
    } else {
        None
    };
    date.filter(|d| d.year() >= 1800)
}

/// A date as the forms show it: `DD.MM.YYYY`.
pub fn display_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[rstest]
    #[case("1985-04-12", "2026-11-25", 41)]
    #[case("1985-04-12", "2026-04-11", 40)]
    #[case("1985-04-12", "2026-04-12", 41)]
    #[case("2014-02-27", "2026-09-14", 12)]
    #[case("2026-01-01", "2026-12-31", 0)]
    #[case("2026-01-01", "2026-01-01", 0)]
    #[case("2026-01-02", "2026-01-01", 0)]
    #[case("2000-02-29", "2001-02-27", 0)]
    #[case("2000-02-29", "2001-02-28", 1)]
    #[case("2000-02-29", "2004-02-28", 3)]
    #[case("2000-02-29", "2004-02-29", 4)]
    #[case("1900-01-01", "2026-11-25", 126)]
    fn full_years(#[case] birth: &str, #[case] on: &str, #[case] age: u32) {
        assert_eq!(age_on(d(birth), d(on)), age);
    }

    #[test]
    fn constant_dates() {
        assert_eq!(ymd(1991, 12, 16), d("1991-12-16"));
    }

    #[test]
    fn months_parse_and_step() {
        let m: Month = "2026-12".parse().unwrap();
        assert_eq!(m.next().to_string(), "2027-01");
        assert_eq!(m.prev().to_string(), "2026-11");
        assert_eq!(m.last_day().to_string(), "2026-12-31");
        assert_eq!("2024-02".parse::<Month>().unwrap().last_day().to_string(), "2024-02-29");
        for bad in ["2026-13", "2026-1", "26-10", "2026/10", "", "2026-00", "abcd-10"] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"2026-12\"");
    }

    #[test]
    fn months_typed_loosely_on_the_command_line() {
        assert_eq!(Month::parse_loose("2026-3").map(|m| m.to_string()), Ok("2026-03".into()));
        assert_eq!(Month::parse_loose("2026-11").map(|m| m.to_string()), Ok("2026-11".into()));
        for bad in ["2026-13", "2026", "26-11", "2026-11-01", "", "abcd-ef", "2026-003"] {
            assert!(Month::parse_loose(bad).is_err(), "{bad}");
        }
    }

    #[rstest]
    #[case("1985-04-12", Some("1985-04-12"))]
    #[case("12.04.1985", Some("1985-04-12"))]
    #[case("12/04/1985", Some("1985-04-12"))]
    #[case("12041985", Some("1985-04-12"))]
    #[case(" 1.4.1985 ", Some("1985-04-01"))]
    #[case("31.02.1985", None)]
    #[case("12.04.85", None)]
    #[case("1799-12-31", None)]
    #[case("", None)]
    fn dates_as_typed(#[case] text: &str, #[case] date: Option<&str>) {
        assert_eq!(read_date(text), date.map(d));
    }
}
