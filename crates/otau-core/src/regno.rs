//! Readable registration numbers `OFFICE-YYYY-NNNNN` and the office codes they start with.
//!
//! # Context
//! Every person gets a number like `PVL01-2026-00042`: the office code (unique, handed out by
//! the centre), the year and a sequence per office and year. Unique without asking anyone, so a
//! field office with no connection can number people for weeks. Allocating the sequence is the
//! store's job; this module only says what a well-formed number is.

use crate::code::Coded;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The shortest office code.
pub const OFFICE_CODE_MIN: usize = 2;
/// The longest office code.
pub const OFFICE_CODE_MAX: usize = 8;
/// The first year a registration number can carry (independence, 16.12.1991).
pub const YEAR_MIN: i32 = 1991;
/// The last year a registration number can carry (four digits).
pub const YEAR_MAX: i32 = 9999;
/// The largest sequence number in a year (five digits).
pub const SEQ_MAX: u32 = 99_999;

/// An office code: 2–8 uppercase ASCII letters and digits, starting with a letter (`PVL01`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OfficeCode(String);

/// A registration number `PVL01-2026-00042`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegNo {
    office: OfficeCode,
    year: i32,
    seq: u32,
}

/// Why a text is not an office code or a registration number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegNoError {
    /// The office code is shorter than 2 or longer than 8 characters.
    #[error("an office code has 2 to 8 characters, this one has {found}")]
    OfficeCodeLength {
        /// How many characters there are.
        found: usize,
    },
    /// The office code has something other than ASCII letters and digits.
    #[error("the office code {value:?} may contain only Latin letters and digits")]
    OfficeCodeChars {
        /// The code as entered.
        value: String,
    },
    /// The office code starts with a digit.
    #[error("the office code {value:?} must start with a letter")]
    OfficeCodeStart {
        /// The code as entered.
        value: String,
    },
    /// Not three parts `OFFICE-YYYY-NNNNN` with a four-digit year and a five-digit number.
    #[error("{value:?} is not a registration number like PVL01-2026-00042")]
    Format {
        /// The text as entered.
        value: String,
    },
    /// The year is outside 1991–9999.
    #[error("the year {year} is outside 1991-9999")]
    Year {
        /// The year given.
        year: i32,
    },
    /// The sequence number is outside 1–99999.
    #[error("the sequence number {seq} is outside 1-99999")]
    Seq {
        /// The number given.
        seq: u32,
    },
}

impl Coded for RegNoError {
    fn code(&self) -> &'static str {
        match self {
            RegNoError::OfficeCodeLength { .. } => "office-code-length",
            RegNoError::OfficeCodeChars { .. } => "office-code-chars",
            RegNoError::OfficeCodeStart { .. } => "office-code-start",
            RegNoError::Format { .. } => "regno-format",
            RegNoError::Year { .. } => "regno-year",
            RegNoError::Seq { .. } => "regno-seq",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let (name, value) = match self {
            RegNoError::OfficeCodeLength { found } => ("found", found.to_string()),
            RegNoError::OfficeCodeChars { value }
            | RegNoError::OfficeCodeStart { value }
            | RegNoError::Format { value } => ("value", value.clone()),
            RegNoError::Year { year } => ("year", year.to_string()),
            RegNoError::Seq { seq } => ("seq", seq.to_string()),
        };
        BTreeMap::from([(name.to_string(), value)])
    }
}

impl OfficeCode {
    /// Parses an office code; surrounding whitespace is ignored and lowercase letters are
    /// taken as uppercase (`pvl01` is `PVL01`).
    pub fn parse(s: &str) -> Result<OfficeCode, RegNoError> {
        let code = s.trim().to_ascii_uppercase();
        if !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            return Err(RegNoError::OfficeCodeChars { value: s.trim().to_string() });
        }
        if !(OFFICE_CODE_MIN..=OFFICE_CODE_MAX).contains(&code.len()) {
            return Err(RegNoError::OfficeCodeLength { found: code.len() });
        }
        if !code.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Err(RegNoError::OfficeCodeStart { value: code });
        }
        Ok(OfficeCode(code))
    }

    /// The code, uppercase.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl RegNo {
    /// A registration number from its parts; the year must be 1991–9999 and the sequence
    /// 1–99999.
    pub fn new(office: OfficeCode, year: i32, seq: u32) -> Result<RegNo, RegNoError> {
        if !(YEAR_MIN..=YEAR_MAX).contains(&year) {
            return Err(RegNoError::Year { year });
        }
        if !(1..=SEQ_MAX).contains(&seq) {
            return Err(RegNoError::Seq { seq });
        }
        Ok(RegNo { office, year, seq })
    }

    /// Parses `PVL01-2026-00042`; surrounding whitespace is ignored and case does not matter.
    /// The year has four digits and the sequence five.
    pub fn parse(s: &str) -> Result<RegNo, RegNoError> {
        let trimmed = s.trim();
        let format = || RegNoError::Format { value: trimmed.to_string() };
        let mut parts = trimmed.rsplitn(3, '-');
        let (Some(seq), Some(year), Some(office)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format());
        };
        let all_digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(year, 4) || !all_digits(seq, 5) || office.contains(char::is_whitespace) {
            return Err(format());
        }
        let office = OfficeCode::parse(office)?;
        let year: i32 = year.parse().map_err(|_| format())?;
        let seq: u32 = seq.parse().map_err(|_| format())?;
        RegNo::new(office, year, seq)
    }

    /// The office that registered the person.
    pub fn office(&self) -> &OfficeCode {
        &self.office
    }

    /// The year of registration.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The sequence number within the office and year.
    pub fn seq(&self) -> u32 {
        self.seq
    }
}

impl fmt::Display for OfficeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for RegNo {
    /// `PVL01-2026-00042`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}-{:05}", self.office, self.year, self.seq)
    }
}

impl FromStr for OfficeCode {
    type Err = RegNoError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OfficeCode::parse(s)
    }
}

impl FromStr for RegNo {
    type Err = RegNoError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RegNo::parse(s)
    }
}

impl Serialize for OfficeCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for OfficeCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        OfficeCode::parse(&s).map_err(|e| serde::de::Error::custom(format!("{}: {e}", e.code())))
    }
}

impl Serialize for RegNo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RegNo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        RegNo::parse(&s).map_err(|e| serde::de::Error::custom(format!("{}: {e}", e.code())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn pvl01() -> OfficeCode {
        OfficeCode::parse("PVL01").unwrap()
    }

    #[test]
    fn display_pads_the_sequence() {
        let r = RegNo::new(pvl01(), 2026, 42).unwrap();
        assert_eq!(r.to_string(), "PVL01-2026-00042");
        assert_eq!(r.office().as_str(), "PVL01");
        assert_eq!((r.year(), r.seq()), (2026, 42));
        assert_eq!(RegNo::new(pvl01(), 2026, 99_999).unwrap().to_string(), "PVL01-2026-99999");
    }

    #[rstest]
    #[case("PVL01-2026-00042", "PVL01-2026-00042")]
    #[case("  pvl01-2026-00042\n", "PVL01-2026-00042")]
    #[case("Ast-1991-00001", "AST-1991-00001")]
    #[case("AB-2030-10000", "AB-2030-10000")]
    fn parse_ok(#[case] input: &str, #[case] canonical: &str) {
        assert_eq!(RegNo::parse(input).unwrap().to_string(), canonical);
    }

    #[rstest]
    #[case::no_parts("PVL01", RegNoError::Format { value: "PVL01".into() })]
    #[case::two_parts("PVL01-00042", RegNoError::Format { value: "PVL01-00042".into() })]
    #[case::short_seq("PVL01-2026-42", RegNoError::Format { value: "PVL01-2026-42".into() })]
    #[case::long_seq("PVL01-2026-000042", RegNoError::Format { value: "PVL01-2026-000042".into() })]
    #[case::short_year("PVL01-26-00042", RegNoError::Format { value: "PVL01-26-00042".into() })]
    #[case::sign("PVL01-2026-+0042", RegNoError::Format { value: "PVL01-2026-+0042".into() })]
    #[case::inner_space("PVL01 -2026-00042", RegNoError::Format { value: "PVL01 -2026-00042".into() })]
    #[case::extra_dash("P-VL01-2026-00042", RegNoError::OfficeCodeChars { value: "P-VL01".into() })]
    #[case::zero_seq("PVL01-2026-00000", RegNoError::Seq { seq: 0 })]
    #[case::early_year("PVL01-1990-00001", RegNoError::Year { year: 1990 })]
    #[case::digit_first("1PVL-2026-00001", RegNoError::OfficeCodeStart { value: "1PVL".into() })]
    #[case::cyrillic("ПВЛ01-2026-00001", RegNoError::OfficeCodeChars { value: "ПВЛ01".into() })]
    fn parse_errors(#[case] input: &str, #[case] expected: RegNoError) {
        assert_eq!(RegNo::parse(input), Err(expected));
    }

    #[test]
    fn new_checks_ranges() {
        assert_eq!(RegNo::new(pvl01(), 2026, 100_000), Err(RegNoError::Seq { seq: 100_000 }));
        assert_eq!(RegNo::new(pvl01(), 2026, 0), Err(RegNoError::Seq { seq: 0 }));
        assert_eq!(RegNo::new(pvl01(), 10_000, 1), Err(RegNoError::Year { year: 10_000 }));
        assert_eq!(RegNo::new(pvl01(), -5, 1), Err(RegNoError::Year { year: -5 }));
    }

    #[rstest]
    #[case("PVL01", Ok("PVL01"))]
    #[case("ab", Ok("AB"))]
    #[case(" ALM2 ", Ok("ALM2"))]
    #[case("ABCDEFGH", Ok("ABCDEFGH"))]
    #[case("A", Err(RegNoError::OfficeCodeLength { found: 1 }))]
    #[case("", Err(RegNoError::OfficeCodeLength { found: 0 }))]
    #[case("ABCDEFGHI", Err(RegNoError::OfficeCodeLength { found: 9 }))]
    #[case("9AB", Err(RegNoError::OfficeCodeStart { value: "9AB".into() }))]
    #[case("PV_1", Err(RegNoError::OfficeCodeChars { value: "PV_1".into() }))]
    #[case("ÄB", Err(RegNoError::OfficeCodeChars { value: "ÄB".into() }))]
    fn office_codes(#[case] input: &str, #[case] expected: Result<&str, RegNoError>) {
        assert_eq!(OfficeCode::parse(input).as_ref().map(OfficeCode::as_str), expected.as_deref());
    }

    #[test]
    fn serde_as_strings() {
        let r = RegNo::new(pvl01(), 2026, 42).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"PVL01-2026-00042\"");
        assert_eq!(serde_json::from_str::<RegNo>("\"pvl01-2026-00042\"").unwrap(), r);
        let err = serde_json::from_str::<RegNo>("\"PVL01-2026-00000\"").unwrap_err();
        assert!(err.to_string().contains("regno-seq"), "{err}");
        assert_eq!(serde_json::to_string(&pvl01()).unwrap(), "\"PVL01\"");
        assert_eq!(serde_json::from_str::<OfficeCode>("\"PVL01\"").unwrap(), pvl01());
        assert!(serde_json::from_str::<OfficeCode>("\"1\"").is_err());
    }

    #[test]
    fn ordering_is_office_year_seq() {
        let a = RegNo::parse("PVL01-2025-00900").unwrap();
        let b = RegNo::parse("PVL01-2026-00001").unwrap();
        let c = RegNo::parse("PVL01-2026-00002").unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn codes_and_args() {
        assert_eq!(RegNoError::OfficeCodeLength { found: 1 }.code(), "office-code-length");
        assert_eq!(RegNoError::OfficeCodeLength { found: 1 }.args()["found"], "1");
        assert_eq!(RegNoError::OfficeCodeChars { value: "x".into() }.code(), "office-code-chars");
        assert_eq!(RegNoError::OfficeCodeStart { value: "1".into() }.code(), "office-code-start");
        assert_eq!(RegNoError::Format { value: "x".into() }.args()["value"], "x");
        assert_eq!(RegNoError::Format { value: "x".into() }.code(), "regno-format");
        assert_eq!(RegNoError::Year { year: 1 }.code(), "regno-year");
        assert_eq!(RegNoError::Seq { seq: 0 }.args()["seq"], "0");
        assert_eq!(RegNoError::Seq { seq: 0 }.code(), "regno-seq");
    }
}
