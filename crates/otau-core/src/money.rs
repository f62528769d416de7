//! Exact money: amounts in hundredths of an MCI and in tiyn, their arithmetic, parsing and display.
//!
//! # Design
//! No floating point anywhere: an amount in MCI is an integer number of hundredths of an MCI
//! ([`MciHundredths`]), an amount in tenge is an integer number of tiyn ([`Tiyn`], 1 ₸ = 100 tiyn),
//! and `tiyn = MCI-hundredths × MCI-in-tenge` exactly. All arithmetic is checked: overflow gives
//! `None`, never a wrapped or saturated amount. Both serialize as a plain JSON integer of minor
//! units.
//!
//! Display uses the Kazakh and Russian conventions: digits grouped by three, a comma before the
//! fraction, and the unit after a space. Both the group separator and the space before the unit
//! are [`NBSP`] (U+00A0 NO-BREAK SPACE), so an amount never breaks across lines and every shipped
//! font has the glyph (the narrow U+202F is missing from some). A negative amount starts with an
//! ASCII hyphen-minus `-`, which spreadsheets read back as a sign.

use crate::code::Coded;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The space used between digit groups and before the unit: U+00A0 NO-BREAK SPACE.
pub const NBSP: char = '\u{a0}';

/// An amount in hundredths of an MCI: 70 MCI is `MciHundredths(7000)`, 15.5 MCI is `MciHundredths(1550)`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct MciHundredths(pub i64);

/// An amount in tiyn: 1 tenge = 100 tiyn.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Tiyn(pub i64);

/// An amount in MCI and in tenge together: a line of a document, a summary, or their total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    /// In MCI.
    pub mci: MciHundredths,
    /// In tenge.
    pub tenge: Tiyn,
}

impl Amount {
    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        Some(Amount {
            mci: self.mci.checked_add(other.mci)?,
            tenge: self.tenge.checked_add(other.tenge)?,
        })
    }

    /// The sum of many amounts (a column's total), or `None` on overflow: never a wrong total.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Amount>) -> Option<Amount> {
        amounts.into_iter().try_fold(Amount::default(), Amount::checked_add)
    }

    /// The amount negated (a reversal counts against an accrual), or `None` on overflow.
    pub fn checked_neg(self) -> Option<Amount> {
        Some(Amount {
            mci: MciHundredths(self.mci.0.checked_neg()?),
            tenge: Tiyn(self.tenge.0.checked_neg()?),
        })
    }
}

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing was entered.
    #[error("no amount entered")]
    Empty,
    /// Not digits in the accepted layout.
    #[error("{input:?} is not an amount")]
    Invalid {
        /// The text as entered.
        input: String,
    },
    /// More than two digits after the decimal comma.
    #[error("{input:?} has more than two digits after the decimal comma")]
    TooManyDecimals {
        /// The text as entered.
        input: String,
    },
    /// The amount does not fit in 64 bits of minor units.
    #[error("the amount is too large")]
    Overflow,
}

impl Coded for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::Empty => "money-empty",
            MoneyError::Invalid { .. } => "money-invalid",
            MoneyError::TooManyDecimals { .. } => "money-too-many-decimals",
            MoneyError::Overflow => "money-overflow",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut args = BTreeMap::new();
        if let MoneyError::Invalid { input } | MoneyError::TooManyDecimals { input } = self {
            args.insert("input".to_string(), input.clone());
        }
        args
    }
}

impl MciHundredths {
    /// Zero MCI.
    pub const ZERO: MciHundredths = MciHundredths(0);

    /// A whole number of MCI (`from_whole(70)` = 70 MCI).
    ///
    /// Saturates at the ends of `i64` (beyond ±92 billion billion hundredths, which is no
    /// amount of money); use [`MciHundredths::checked_from_whole`] for numbers from input.
    pub const fn from_whole(mci: i64) -> MciHundredths {
        MciHundredths(mci.saturating_mul(100))
    }

    /// A whole number of MCI, or `None` on overflow.
    pub fn checked_from_whole(mci: i64) -> Option<MciHundredths> {
        mci.checked_mul(100).map(MciHundredths)
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: MciHundredths) -> Option<MciHundredths> {
        self.0.checked_add(other.0).map(MciHundredths)
    }

    /// The difference, or `None` on overflow.
    pub fn checked_sub(self, other: MciHundredths) -> Option<MciHundredths> {
        self.0.checked_sub(other.0).map(MciHundredths)
    }

    /// The amount times a count (persons, months), or `None` on overflow.
    pub fn checked_mul(self, count: i64) -> Option<MciHundredths> {
        self.0.checked_mul(count).map(MciHundredths)
    }

    /// The sum of many amounts, or `None` on overflow.
    pub fn checked_sum(amounts: impl IntoIterator<Item = MciHundredths>) -> Option<MciHundredths> {
        amounts.into_iter().try_fold(MciHundredths::ZERO, MciHundredths::checked_add)
    }

    /// The amount in tiyn at an MCI of `mci_tenge` whole tenge: hundredths × tenge, exactly.
    /// `None` on overflow.
    pub fn to_tiyn(self, mci_tenge: i64) -> Option<Tiyn> {
        self.0.checked_mul(mci_tenge).map(Tiyn)
    }

    /// Parses an amount of MCI: `70`, `15,5`, `15.50`, `1 160`; an `MCI`, `МРП` or `АЕК` after the
    /// number is allowed.
    pub fn parse(s: &str) -> Result<MciHundredths, MoneyError> {
        parse_hundredths(s, &["MCI", "МРП", "АЕК"]).map(MciHundredths)
    }

    /// The number without a unit, grouped, with a comma before hundredths when there are any:
    /// `70`, `15,50`, `1 160` (see [`NBSP`]). For a unit in the reader's language.
    pub fn format_number(self) -> String {
        format_hundredths(self.0)
    }
}

impl fmt::Display for MciHundredths {
    /// `70 MCI`, `15,50 MCI`, `1 160 MCI`, with [`NBSP`] for the spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{NBSP}MCI", self.format_number())
    }
}

impl Tiyn {
    /// Zero tenge.
    pub const ZERO: Tiyn = Tiyn(0);

    /// A whole number of tenge, or `None` on overflow.
    pub fn from_tenge(tenge: i64) -> Option<Tiyn> {
        tenge.checked_mul(100).map(Tiyn)
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Tiyn) -> Option<Tiyn> {
        self.0.checked_add(other.0).map(Tiyn)
    }

    /// The difference, or `None` on overflow.
    pub fn checked_sub(self, other: Tiyn) -> Option<Tiyn> {
        self.0.checked_sub(other.0).map(Tiyn)
    }

    /// The amount times a count (persons, months), or `None` on overflow.
    pub fn checked_mul(self, count: i64) -> Option<Tiyn> {
        self.0.checked_mul(count).map(Tiyn)
    }

    /// The sum of many amounts, or `None` on overflow.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Tiyn>) -> Option<Tiyn> {
        amounts.into_iter().try_fold(Tiyn::ZERO, Tiyn::checked_add)
    }

    /// The amount for people: `1 033 760 ₸`, or `1 033 760,50 ₸` when there are tiyn,
    /// `-500 ₸` when negative; [`NBSP`] between groups and before `₸`.
    pub fn format_tenge(self) -> String {
        format!("{}{NBSP}₸", format_hundredths(self.0))
    }
}

impl fmt::Display for Tiyn {
    /// Same as [`Tiyn::format_tenge`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_tenge())
    }
}

/// A whole number of tenge for people (an MCI value): `3 692 ₸`, with [`NBSP`] between groups
/// and before `₸`. Nothing is multiplied, so no value is too large to show.
pub fn format_whole_tenge(tenge: i64) -> String {
    format!("{}{NBSP}₸", group_digits(tenge))
}

/// Parses an amount of tenge into tiyn: `1 033 760`, `1033760,50`, `1033760.5`, `-500`;
/// a `₸`, `KZT`, `тг`, `тенге` or `теңге` after the number is allowed. At most two digits after
/// the decimal comma or point; digit groups are separated by spaces (also no-break and thin ones).
pub fn parse_tenge(s: &str) -> Result<Tiyn, MoneyError> {
    parse_hundredths(s, &["₸", "KZT", "тенге", "теңге", "тг", "tenge"]).map(Tiyn)
}

/// Formats hundredths of a unit as `1 234 567`, or `1 234 567,89` when not whole.
fn format_hundredths(value: i64) -> String {
    let abs = value.unsigned_abs();
    let (whole, fraction) = (abs / 100, abs % 100);
    let mut out = String::new();
    if value < 0 {
        out.push('-');
    }
    out.push_str(&group_unsigned(whole));
    if fraction != 0 {
        out.push_str(&format!(",{fraction:02}"));
    }
    out
}

/// A whole number with its digits grouped by three: `-1 234 567`.
fn group_digits(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group_unsigned(value.unsigned_abs()))
}

fn group_unsigned(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

/// A space that may separate digit groups: ASCII space, no-break, narrow no-break, thin.
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// `s` without a unit at its end (compared case-insensitively), trimmed.
fn strip_unit<'a>(s: &'a str, units: &[&str]) -> &'a str {
    for unit in units {
        if s.len() > unit.len() && s.is_char_boundary(s.len() - unit.len()) {
            let (head, tail) = s.split_at(s.len() - unit.len());
            if tail.to_lowercase() == unit.to_lowercase() {
                return head.trim_end();
            }
        }
    }
    s
}

/// Parses a decimal amount with at most two decimals into hundredths (exactly, no floats).
fn parse_hundredths(input: &str, units: &[&str]) -> Result<i64, MoneyError> {
    let invalid = || MoneyError::Invalid { input: input.to_string() };
    let s = input.trim();
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    let s = strip_unit(s, units);
    let (negative, s) = match s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int_part, fraction) = match s.find([',', '.']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };

    // Digit groups: the first has 1–3 digits (or any number when there is only one group),
    // every later one exactly 3.
    let groups: Vec<&str> = int_part.split(is_group_separator).collect();
    let well_grouped = groups.iter().enumerate().all(|(i, g)| {
        !g.is_empty()
            && g.bytes().all(|b| b.is_ascii_digit())
            && (groups.len() == 1 || if i == 0 { g.len() <= 3 } else { g.len() == 3 })
    });
    if !well_grouped {
        return Err(invalid());
    }
    let mut whole: i64 = 0;
    for b in groups.concat().bytes() {
        whole = whole
            .checked_mul(10)
            .and_then(|w| w.checked_add(i64::from(b - b'0')))
            .ok_or(MoneyError::Overflow)?;
    }

    let hundredths = match fraction {
        None => 0,
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => return Err(invalid()),
        Some(f) if f.len() > 2 => {
            return Err(MoneyError::TooManyDecimals { input: input.to_string() })
        }
        Some(f) => {
            let n = f.bytes().fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0'));
            if f.len() == 1 {
                n * 10
            } else {
                n
            }
        }
    };
    let value = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(hundredths))
        .ok_or(MoneyError::Overflow)?;
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// Writes the expected text with ordinary spaces, for readable tests.
    fn nb(s: &str) -> String {
        s.replace(' ', "\u{a0}")
    }

    #[rstest]
    #[case::y2023(3450, "241 500 ₸")]
    #[case::y2024(3692, "258 440 ₸")]
    #[case::y2025(3932, "275 240 ₸")]
    #[case::y2026(4325, "302 750 ₸")]
    fn seventy_mci_published_figures(#[case] mci_tenge: i64, #[case] expected: &str) {
        let tiyn = MciHundredths::from_whole(70).to_tiyn(mci_tenge).unwrap();
        assert_eq!(tiyn.format_tenge(), nb(expected));
    }

    #[test]
    fn four_persons_relocation_subsidy_2024() {
        // "4 persons × 70 MCI × 3 692 ₸"
        let amount = MciHundredths::from_whole(70).checked_mul(4).unwrap().to_tiyn(3692).unwrap();
        assert_eq!(amount, Tiyn(103_376_000));
        assert_eq!(amount.format_tenge(), nb("1 033 760 ₸"));
        let per_person = MciHundredths::from_whole(70).to_tiyn(3692).unwrap();
        assert_eq!(Tiyn::checked_sum([per_person; 4]), Some(amount));
    }

    #[test]
    fn overflow_is_none() {
        assert_eq!(MciHundredths(i64::MAX).to_tiyn(2), None);
        assert_eq!(MciHundredths(i64::MAX).checked_mul(2), None);
        assert_eq!(MciHundredths(i64::MAX).checked_add(MciHundredths(1)), None);
        assert_eq!(MciHundredths(i64::MIN).checked_sub(MciHundredths(1)), None);
        assert_eq!(MciHundredths::checked_from_whole(i64::MAX / 10), None);
        assert_eq!(MciHundredths::checked_sum([MciHundredths(i64::MAX), MciHundredths(1)]), None);
        assert_eq!(Tiyn(i64::MAX).checked_add(Tiyn(1)), None);
        assert_eq!(Tiyn(i64::MIN).checked_sub(Tiyn(1)), None);
        assert_eq!(Tiyn(i64::MAX / 2 + 1).checked_mul(2), None);
        assert_eq!(Tiyn::checked_sum([Tiyn(i64::MAX), Tiyn(1)]), None);
        assert_eq!(Tiyn::from_tenge(i64::MAX), None);
        assert_eq!(MciHundredths::from_whole(i64::MAX), MciHundredths(i64::MAX));
    }

    #[test]
    fn checked_sum_of_nothing_is_zero() {
        assert_eq!(Tiyn::checked_sum(std::iter::empty()), Some(Tiyn::ZERO));
    }

    #[rstest]
    #[case(0, "0 ₸")]
    #[case(1, "0,01 ₸")]
    #[case(50, "0,50 ₸")]
    #[case(100, "1 ₸")]
    #[case(99_999_900, "999 999 ₸")]
    #[case(100_000_000, "1 000 000 ₸")]
    #[case(103_376_050, "1 033 760,50 ₸")]
    #[case(-50_000, "-500 ₸")]
    #[case(-103_376_005, "-1 033 760,05 ₸")]
    #[case(i64::MIN, "-92 233 720 368 547 758,08 ₸")]
    fn format_tenge(#[case] tiyn: i64, #[case] expected: &str) {
        assert_eq!(Tiyn(tiyn).format_tenge(), nb(expected));
        assert_eq!(Tiyn(tiyn).to_string(), nb(expected));
    }

    #[test]
    fn uses_no_break_space() {
        assert_eq!(Tiyn(123_456_700).format_tenge(), "1\u{a0}234\u{a0}567\u{a0}₸");
    }

    #[rstest]
    #[case(7000, "70 MCI")]
    #[case(1550, "15,50 MCI")]
    #[case(1505, "15,05 MCI")]
    #[case(116_000, "1 160 MCI")]
    #[case(-3500, "-35 MCI")]
    fn display_mci(#[case] hundredths: i64, #[case] expected: &str) {
        assert_eq!(MciHundredths(hundredths).to_string(), nb(expected));
    }

    #[rstest]
    #[case("1 033 760", 103_376_000)]
    #[case("1033760,50", 103_376_050)]
    #[case("1033760.5", 103_376_050)]
    #[case("1\u{a0}033\u{a0}760,05 ₸", 103_376_005)]
    #[case("1\u{202f}033\u{202f}760", 103_376_000)]
    #[case("  258 440 тг ", 25_844_000)]
    #[case("500 KZT", 50_000)]
    #[case("0,01", 1)]
    #[case("-500", -50_000)]
    #[case("\u{2212}500,5", -50_050)]
    #[case("7", 700)]
    fn parse_tenge_ok(#[case] input: &str, #[case] tiyn: i64) {
        assert_eq!(parse_tenge(input), Ok(Tiyn(tiyn)));
    }

    #[test]
    fn format_then_parse_round_trips() {
        for tiyn in [0, 1, 99, 100, 103_376_050, -103_376_050, i64::MAX, i64::MIN + 1] {
            assert_eq!(parse_tenge(&Tiyn(tiyn).format_tenge()), Ok(Tiyn(tiyn)), "{tiyn}");
        }
    }

    #[rstest]
    #[case::empty("", MoneyError::Empty)]
    #[case::blank("   ", MoneyError::Empty)]
    #[case::letters("abc", MoneyError::Invalid { input: "abc".into() })]
    #[case::float_exponent("1e5", MoneyError::Invalid { input: "1e5".into() })]
    #[case::bad_group("1 03 760", MoneyError::Invalid { input: "1 03 760".into() })]
    #[case::leading_group("1033 760", MoneyError::Invalid { input: "1033 760".into() })]
    #[case::two_separators("1,000.50", MoneyError::Invalid { input: "1,000.50".into() })]
    #[case::empty_fraction("15,", MoneyError::Invalid { input: "15,".into() })]
    #[case::no_whole(",50", MoneyError::Invalid { input: ",50".into() })]
    #[case::only_unit("₸", MoneyError::Invalid { input: "₸".into() })]
    #[case::double_minus("--5", MoneyError::Invalid { input: "--5".into() })]
    #[case::three_decimals("1,500", MoneyError::TooManyDecimals { input: "1,500".into() })]
    #[case::overflow("92233720368547758,08", MoneyError::Overflow)]
    #[case::overflow_digits("99999999999999999999", MoneyError::Overflow)]
    fn parse_tenge_errors(#[case] input: &str, #[case] expected: MoneyError) {
        assert_eq!(parse_tenge(input), Err(expected));
    }

    #[rstest]
    #[case("70", 7000)]
    #[case("15,5", 1550)]
    #[case("15.50", 1550)]
    #[case("1 160", 116_000)]
    #[case("70 MCI", 7000)]
    #[case("70 мрп", 7000)]
    #[case("30 АЕК", 3000)]
    fn parse_mci(#[case] input: &str, #[case] hundredths: i64) {
        assert_eq!(MciHundredths::parse(input), Ok(MciHundredths(hundredths)));
    }

    #[test]
    fn parse_mci_errors() {
        assert_eq!(
            MciHundredths::parse("15,555"),
            Err(MoneyError::TooManyDecimals { input: "15,555".into() })
        );
        assert_eq!(MciHundredths::parse(""), Err(MoneyError::Empty));
        assert_eq!(MciHundredths::parse("70 ₸"), Err(MoneyError::Invalid { input: "70 ₸".into() }));
    }

    #[test]
    fn serde_as_plain_integers() {
        assert_eq!(serde_json::to_string(&MciHundredths(7000)).unwrap(), "7000");
        assert_eq!(serde_json::to_string(&Tiyn(25_844_000)).unwrap(), "25844000");
        assert_eq!(serde_json::from_str::<Tiyn>("-5").unwrap(), Tiyn(-5));
        assert_eq!(serde_json::from_str::<MciHundredths>("1550").unwrap(), MciHundredths(1550));
        assert!(serde_json::from_str::<Tiyn>("1.5").is_err());
    }

    #[test]
    fn ordering() {
        assert!(Tiyn(1) < Tiyn(2));
        assert!(MciHundredths(-1) < MciHundredths::ZERO);
    }

    #[test]
    fn codes_and_args() {
        assert_eq!(MoneyError::Empty.code(), "money-empty");
        assert_eq!(MoneyError::Overflow.code(), "money-overflow");
        let e = MoneyError::Invalid { input: "x".into() };
        assert_eq!(e.code(), "money-invalid");
        assert_eq!(e.args().get("input").map(String::as_str), Some("x"));
        assert_eq!(
            MoneyError::TooManyDecimals { input: "x".into() }.code(),
            "money-too-many-decimals"
        );
    }

    /// Summary money was summed with 0 in place of an overflowing total; a total is now the
    /// checked sum, absent when it cannot be right.
    #[test]
    fn a_total_is_exact_or_absent_never_zero() {
        let a = Amount { mci: MciHundredths(7000), tenge: Tiyn(25_844_000) };
        let b = Amount { mci: MciHundredths(1550), tenge: Tiyn(5_722_600) };
        assert_eq!(
            Amount::checked_sum([a, b]),
            Some(Amount { mci: MciHundredths(8550), tenge: Tiyn(31_566_600) })
        );
        let huge = Amount { mci: MciHundredths(1), tenge: Tiyn(i64::MAX) };
        assert_eq!(Amount::checked_sum([huge, a]), None);
        assert_eq!(format_whole_tenge(3692), "3\u{a0}692\u{a0}₸");
        assert!(format_whole_tenge(i64::MAX).starts_with("9\u{a0}223\u{a0}372"), "none overflows");
    }
}
