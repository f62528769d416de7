//! Case work of an adaptation centre after registration: the kandas status of each person
//! ([`status`]), the regional quota ([`quota`]), the individual adaptation and integration plan
//! with the services given and the family's stay at the centre ([`plan`]), and the import of
//! the spreadsheets offices keep today ([`import`]).
//!
//! Everything here is a pure function of its inputs: the date of "today" comes in as an
//! argument, and nothing reads a file or the clock. The store keeps the records and calls these
//! rules; the desktop app and the `otau` command line show what they return.

pub mod import;
pub mod plan;
pub mod quota;
pub mod status;

use chrono::{Months, NaiveDate};

/// The end of a term of `months` months that starts on `from`, as the Civil Code of Kazakhstan
/// counts it (Art. 174–175): the term runs from the day after `from` and ends on the day of the
/// last month with the same number as `from`, or on the last day of that month when it has no
/// such day (a year from 29.02.2024 ends on 28.02.2025).
///
/// `None` only past the end of the calendar (year 262 143).
pub fn term_end(from: NaiveDate, months: u32) -> Option<NaiveDate> {
    from.checked_add_months(Months::new(months))
}

/// The first and last day of a calendar month, `None` if `month` is not 1–12.
pub fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

/// Reads a month written `YYYY-MM` (`2026-11`, also `2026-3`); `None` if it is not one.
pub fn parse_month(s: &str) -> Option<(i32, u32)> {
    crate::dates::Month::parse_loose(s).ok().map(|m| (m.year(), m.month()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[rstest]
    #[case("2025-03-10", 12, "2026-03-10")]
    #[case("2024-02-29", 12, "2025-02-28")]
    #[case("2025-08-31", 6, "2026-02-28")]
    #[case("2027-08-31", 6, "2028-02-29")]
    #[case("2026-01-31", 1, "2026-02-28")]
    #[case("2026-12-31", 6, "2027-06-30")]
    fn terms_end_as_the_civil_code_counts(
        #[case] from: &str,
        #[case] months: u32,
        #[case] end: &str,
    ) {
        assert_eq!(term_end(d(from), months), Some(d(end)));
    }

    #[test]
    fn months() {
        assert_eq!(month_bounds(2026, 2), Some((d("2026-02-01"), d("2026-02-28"))));
        assert_eq!(month_bounds(2028, 2), Some((d("2028-02-01"), d("2028-02-29"))));
        assert_eq!(month_bounds(2026, 12), Some((d("2026-12-01"), d("2026-12-31"))));
        assert_eq!(month_bounds(2026, 13), None);
        assert_eq!(parse_month("2026-11"), Some((2026, 11)));
        assert_eq!(parse_month("2026-1"), Some((2026, 1)));
        for bad in ["2026-13", "2026", "26-11", "2026-11-01", "", "abcd-ef"] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }
}
