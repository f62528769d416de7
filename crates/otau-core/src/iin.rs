//! The IIN (individual identification number): its format, check digit, date of birth and sex.
//!
//! # Context
//! Twelve digits: `YYMMDD` (date of birth), one digit for century and sex (1/2: 1800s,
//! 3/4: 1900s, 5/6: 2000s; odd male, even female), a four-digit serial and a check digit
//! (`shared/DOMAIN.md`, "Identity numbers"). Kandas often have no IIN on arrival; this module
//! only says whether a number that *was* entered can be one.

use crate::code::Coded;
use crate::model::Sex;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A valid IIN: 12 ASCII digits with a real date of birth, a known century digit and a
/// matching check digit. The only way to get one is [`Iin::parse`] (or deserializing).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iin(String);

/// Why a string is not an IIN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    /// Not 12 digits long.
    #[error("an IIN has 12 digits, this one has {found}")]
    Length {
        /// How many digits there are.
        found: usize,
    },
    /// Something other than a digit (a letter, an inner space, a sign).
    #[error("an IIN has only digits")]
    NotDigits,
    /// The 7th digit (century and sex) is not 1 to 6.
    #[error("the 7th digit of an IIN is 1 to 6, this one has {digit}")]
    Century {
        /// The digit found.
        digit: u8,
    },
    /// Digits 1–6 are not a real date in the century the 7th digit names.
    #[error("the first six digits of an IIN are a date of birth, {digits} is not a date")]
    BirthDate {
        /// The six digits, `YYMMDD`.
        digits: String,
    },
    /// The 12th digit is not the one the first 11 digits call for.
    #[error("the check digit of the IIN should be {expected}, it is {found}")]
    CheckDigit {
        /// The check digit the first 11 digits call for.
        expected: u8,
        /// The 12th digit as entered.
        found: u8,
    },
    /// Both weighting passes give 10: no IIN is ever issued with these first 11 digits.
    #[error("no IIN is issued with these first 11 digits")]
    NeverIssued,
}

impl Coded for IinError {
    fn code(&self) -> &'static str {
        match self {
            IinError::Length { .. } => "iin-length",
            IinError::NotDigits => "iin-not-digits",
            IinError::Century { .. } => "iin-century",
            IinError::BirthDate { .. } => "iin-birth-date",
            IinError::CheckDigit { .. } => "iin-check-digit",
            IinError::NeverIssued => "iin-never-issued",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut args = BTreeMap::new();
        match self {
            IinError::Length { found } => {
                args.insert("found".to_string(), found.to_string());
            }
            IinError::Century { digit } => {
                args.insert("digit".to_string(), digit.to_string());
            }
            IinError::BirthDate { digits } => {
                args.insert("digits".to_string(), digits.clone());
            }
            IinError::CheckDigit { expected, found } => {
                args.insert("expected".to_string(), expected.to_string());
                args.insert("found".to_string(), found.to_string());
            }
            IinError::NotDigits | IinError::NeverIssued => {}
        }
        args
    }
}

/// The check digit for the first 11 digits of an IIN (or BIN), each 0–9.
///
/// Sum of the digits times weights 1, 2, …, 11, mod 11; if that is 10, weights 3, 4, …, 11, 1, 2
/// instead; if that is 10 again there is no check digit (`None`): such a number is never issued.
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    // Pass `shift` uses weights (i + shift) % 11 + 1: shift 0 gives 1..=11, shift 2 gives 3..=11,1,2.
    let pass = |shift: u32| -> u32 {
        let sum: u32 =
            (0u32..).zip(first11.iter()).map(|(i, &d)| u32::from(d) * ((i + shift) % 11 + 1)).sum();
        sum % 11
    };
    let first = pass(0);
    let digit = if first != 10 { first } else { pass(2) };
    if digit == 10 {
        None
    } else {
        u8::try_from(digit).ok()
    }
}

/// The century (1800, 1900, 2000) and sex encoded by the 7th digit, if it is 1–6.
fn century_and_sex(digit: u8) -> Option<(u16, Sex)> {
    let century = match digit {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return None,
    };
    let sex = if digit % 2 == 1 { Sex::Male } else { Sex::Female };
    Some((century, sex))
}

/// The date `YYMMDD` of the first six digits in the given century.
fn birth_date_of(digits: &[u8; 12], century: u16) -> Option<NaiveDate> {
    let two = |i: usize| u32::from(digits[i]) * 10 + u32::from(digits[i + 1]);
    let year = i32::from(century) + i32::try_from(two(0)).ok()?;
    NaiveDate::from_ymd_opt(year, two(2), two(4))
}

/// The 12 digit values of a string already known to be 12 ASCII digits.
fn digits_of(s: &str) -> Option<[u8; 12]> {
    let mut digits = [0u8; 12];
    if s.len() != 12 {
        return None;
    }
    for (slot, b) in digits.iter_mut().zip(s.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        *slot = b - b'0';
    }
    Some(digits)
}

impl Iin {
    /// Parses an IIN. Whitespace around it is ignored; whitespace inside it is an error.
    ///
    /// Checks, in order: only digits, 12 of them, the century digit, the date of birth, the
    /// check digit.
    pub fn parse(s: &str) -> Result<Iin, IinError> {
        let s = s.trim();
        if !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(IinError::NotDigits);
        }
        let digits = digits_of(s).ok_or(IinError::Length { found: s.len() })?;
        let (century, _) =
            century_and_sex(digits[6]).ok_or(IinError::Century { digit: digits[6] })?;
        if birth_date_of(&digits, century).is_none() {
            return Err(IinError::BirthDate { digits: s[..6].to_string() });
        }
        let mut first11 = [0u8; 11];
        first11.copy_from_slice(&digits[..11]);
        match check_digit(&first11) {
            None => Err(IinError::NeverIssued),
            Some(expected) if expected != digits[11] => {
                Err(IinError::CheckDigit { expected, found: digits[11] })
            }
            Some(_) => Ok(Iin(s.to_string())),
        }
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn digits(&self) -> [u8; 12] {
        // A parsed IIN is always 12 digits; the fallback is never taken.
        digits_of(&self.0).unwrap_or([0; 12])
    }

    /// The century of birth: 1800, 1900 or 2000.
    pub fn century(&self) -> u16 {
        century_and_sex(self.digits()[6]).map_or(1900, |(century, _)| century)
    }

    /// The sex encoded by the 7th digit.
    pub fn sex(&self) -> Sex {
        century_and_sex(self.digits()[6]).map_or(Sex::Male, |(_, sex)| sex)
    }

    /// The date of birth encoded by the first six digits and the century digit.
    pub fn birth_date(&self) -> NaiveDate {
        // A parsed IIN always has a real date; the fallback is never taken.
        birth_date_of(&self.digits(), self.century()).unwrap_or_default()
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Iin {
    type Err = IinError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Iin::parse(s)
    }
}

impl AsRef<str> for Iin {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Iin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Iin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Iin::parse(&s).map_err(|e| serde::de::Error::custom(format!("{}: {e}", e.code())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn first11(s: &str) -> [u8; 11] {
        let mut out = [0u8; 11];
        for (slot, b) in out.iter_mut().zip(s.bytes()) {
            *slot = b - b'0';
        }
        out
    }

    #[test]
    fn worked_example_first_pass() {
        // 9 0 0 3 1 5 3 0 1 2 3 → 139 mod 11 = 7.
        assert_eq!(check_digit(&first11("90031530123")), Some(7));
        let iin = Iin::parse("900315301237").unwrap();
        assert_eq!(iin.as_str(), "900315301237");
        assert_eq!(iin.birth_date(), date(1990, 3, 15));
        assert_eq!(iin.sex(), Sex::Male);
        assert_eq!(iin.century(), 1900);
    }

    #[test]
    fn worked_example_second_pass() {
        // First sum 87 → 10; second sum 112 → 2.
        let digits = first11("06121160001");
        let first: u32 = digits.iter().zip(1u32..).map(|(&d, w)| u32::from(d) * w).sum();
        assert_eq!(first, 87);
        let weights = [3u32, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
        let second: u32 = digits.iter().zip(weights).map(|(&d, w)| u32::from(d) * w).sum();
        assert_eq!(second, 112);
        assert_eq!(check_digit(&digits), Some(2));
        let iin = Iin::parse("061211600012").unwrap();
        assert_eq!(iin.birth_date(), date(2006, 12, 11));
        assert_eq!(iin.sex(), Sex::Female);
        assert_eq!(iin.century(), 2000);
    }

    #[test]
    fn example_family_head() {
        // shared/examples/family.json: the head, born 1985-04-12, male.
        let iin = Iin::parse("850412310211").unwrap();
        assert_eq!(iin.birth_date(), date(1985, 4, 12));
        assert_eq!(iin.sex(), Sex::Male);
    }

    #[rstest]
    #[case::eighteen_hundreds_male("1", 1800, Sex::Male)]
    #[case::eighteen_hundreds_female("2", 1800, Sex::Female)]
    #[case::nineteen_hundreds_male("3", 1900, Sex::Male)]
    #[case::nineteen_hundreds_female("4", 1900, Sex::Female)]
    #[case::two_thousands_male("5", 2000, Sex::Male)]
    #[case::two_thousands_female("6", 2000, Sex::Female)]
    fn century_digit(#[case] digit: &str, #[case] century: u16, #[case] sex: Sex) {
        let mut s = format!("991231{digit}0001");
        let check =
            (0..10).map(|d| format!("{s}{d}")).find(|candidate| Iin::parse(candidate).is_ok());
        s = check.expect("some check digit works for this serial");
        let iin = Iin::parse(&s).unwrap();
        assert_eq!(iin.century(), century);
        assert_eq!(iin.sex(), sex);
        assert_eq!(iin.birth_date(), date(i32::from(century) + 99, 12, 31));
    }

    #[test]
    fn trims_surrounding_whitespace() {
        assert_eq!(Iin::parse("  900315301237\n").unwrap().as_str(), "900315301237");
    }

    #[rstest]
    #[case::inner_space("900315 301237", IinError::NotDigits)]
    #[case::letter("90031530123O", IinError::NotDigits)]
    #[case::dash("900315-301237", IinError::NotDigits)]
    #[case::empty("", IinError::Length { found: 0 })]
    #[case::short("90031530123", IinError::Length { found: 11 })]
    #[case::long("9003153012370", IinError::Length { found: 13 })]
    #[case::century_zero("900315001237", IinError::Century { digit: 0 })]
    #[case::century_seven("900315701237", IinError::Century { digit: 7 })]
    #[case::month_13("901315301237", IinError::BirthDate { digits: "901315".into() })]
    #[case::feb_30("900230301237", IinError::BirthDate { digits: "900230".into() })]
    #[case::check_digit("900315301238", IinError::CheckDigit { expected: 7, found: 8 })]
    fn errors(#[case] input: &str, #[case] expected: IinError) {
        assert_eq!(Iin::parse(input), Err(expected));
    }

    #[test]
    fn leap_day_depends_on_century() {
        // 29 February 2000 exists, 29 February 1900 does not.
        let in_2000 = (0..10).map(|d| format!("00022950000{d}")).find(|s| Iin::parse(s).is_ok());
        assert!(in_2000.is_some());
        assert_eq!(
            Iin::parse("000229300001"),
            Err(IinError::BirthDate { digits: "000229".into() })
        );
    }

    #[test]
    fn never_issued() {
        // Find 11 digits where both passes give 10 by search, then check every 12th digit.
        let never = (0..10_000u32)
            .map(|serial| format!("9003153{serial:04}"))
            .find(|s| check_digit(&first11(s)).is_none())
            .expect("some serial is never issued");
        for last in 0..10 {
            assert_eq!(Iin::parse(&format!("{never}{last}")), Err(IinError::NeverIssued));
        }
    }

    #[test]
    fn codes_and_args() {
        let e = IinError::CheckDigit { expected: 7, found: 8 };
        assert_eq!(e.code(), "iin-check-digit");
        assert_eq!(e.args().get("expected").map(String::as_str), Some("7"));
        assert_eq!(e.args().get("found").map(String::as_str), Some("8"));
        assert_eq!(IinError::Length { found: 3 }.code(), "iin-length");
        assert_eq!(IinError::NotDigits.code(), "iin-not-digits");
        assert_eq!(IinError::Century { digit: 9 }.code(), "iin-century");
        assert_eq!(IinError::BirthDate { digits: "x".into() }.code(), "iin-birth-date");
        assert_eq!(IinError::NeverIssued.code(), "iin-never-issued");
    }

    #[test]
    fn serde_as_string_and_validates() {
        let iin = Iin::parse("900315301237").unwrap();
        assert_eq!(serde_json::to_string(&iin).unwrap(), "\"900315301237\"");
        let back: Iin = serde_json::from_str("\"900315301237\"").unwrap();
        assert_eq!(back, iin);
        let err = serde_json::from_str::<Iin>("\"900315301238\"").unwrap_err();
        assert!(err.to_string().contains("iin-check-digit"), "{err}");
        assert!(serde_json::from_str::<Iin>("900315301237").is_err());
    }

    #[test]
    fn display_and_from_str() {
        let iin: Iin = "061211600012".parse().unwrap();
        assert_eq!(iin.to_string(), "061211600012");
    }

    proptest! {
        /// Any 11 digits with a real date and a known century digit have exactly one valid
        /// 12th digit, or none at all (never issued).
        #[test]
        fn one_check_digit_or_never_issued(
            days in 0i64..36_500,
            century_digit in 1u8..=6,
            serial in 0u32..10_000,
        ) {
            let century = [1800, 1900, 2000][usize::from((century_digit - 1) / 2)];
            // 36 500 days from 1 January of a century stay inside that century.
            let born = date(century, 1, 1) + chrono::Duration::days(days);
            let first = format!("{}{century_digit}{serial:04}", born.format("%y%m%d"));
            let results: Vec<_> = (0..10).map(|d| Iin::parse(&format!("{first}{d}"))).collect();
            let valid: Vec<usize> =
                results.iter().enumerate().filter(|(_, r)| r.is_ok()).map(|(d, _)| d).collect();
            match check_digit(&first11(&first)) {
                Some(expected) => {
                    prop_assert_eq!(valid, vec![usize::from(expected)]);
                    for (d, r) in results.iter().enumerate() {
                        if d != usize::from(expected) {
                            prop_assert_eq!(
                                r.clone(),
                                Err(IinError::CheckDigit { expected, found: d as u8 })
                            );
                        }
                    }
                    let iin = Iin::parse(&format!("{first}{expected}")).unwrap();
                    prop_assert_eq!(iin.birth_date(), born);
                    prop_assert_eq!(iin.sex() == Sex::Male, century_digit % 2 == 1);
                }
                None => {
                    prop_assert!(valid.is_empty());
                    prop_assert!(results.iter().all(|r| *r == Err(IinError::NeverIssued)));
                }
            }
        }

        /// Parsing never panics on any input.
        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = Iin::parse(&s);
        }
    }
}
