//! Calendar-date helpers of the domain: ages in full years, fixed dates of the law.
//!
//! Dates come in as arguments; nothing here reads the clock.

use chrono::{Datelike, NaiveDate};

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
}
