//! What each document says: plain data, filled by the store, laid out by [`crate::kinds`].
//!
//! Every struct serializes to the canonical JSON whose hash the QR code signs, and which the
//! register keeps so that a duplicate reproduces the original exactly. Money is exact
//! ([`MciHundredths`], [`Tiyn`]); dates are calendar dates.

use crate::seal::Seal;
use chrono::NaiveDate;
use otau_core::model::{AccommodationCategory, Relation, Sex};
use otau_core::money::{MciHundredths, Tiyn};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Certificate of a family's registration at the centre.
    Certificate,
    /// Decision on subsidies, with the explanation of each amount.
    Decision,
    /// Payment statement of a family: every ledger row.
    Statement,
    /// Monthly summary of an office.
    MonthlySummary,
}

impl DocKind {
    /// Every kind.
    pub const ALL: [DocKind; 4] =
        [DocKind::Certificate, DocKind::Decision, DocKind::Statement, DocKind::MonthlySummary];

    /// The four-letter code in the QR payload.
    pub fn code(self) -> &'static str {
        match self {
            DocKind::Certificate => "CERT",
            DocKind::Decision => "DECN",
            DocKind::Statement => "STMT",
            DocKind::MonthlySummary => "MSUM",
        }
    }

    /// The kind of a QR code's four-letter code.
    pub fn from_code(code: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The snake_case name, as stored in the register.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Certificate => "certificate",
            DocKind::Decision => "decision",
            DocKind::Statement => "statement",
            DocKind::MonthlySummary => "monthly_summary",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use otau_core::dates::{Month, MonthError};

/// The issuing office, as the header of every page names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeHeader {
    /// Office code (`PVL01`).
    pub code: String,
    /// Name as registered.
    pub name: String,
    /// Region (ISO 3166-2, `KZ-55`).
    pub region: String,
}

/// A registration certificate: the family, its members, arrival and settlement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateData {
    /// The office.
    pub office: OfficeHeader,
    /// The family's registration number.
    pub family_regno: String,
    /// Date of registration at the centre.
    pub registered_on: NaiveDate,
    /// Date of arrival.
    pub arrival_date: NaiveDate,
    /// Country of origin (ISO alpha-2).
    pub country_of_origin: String,
    /// Region of settlement (ISO 3166-2).
    pub region: String,
    /// Settlement.
    pub settlement: String,
    /// Address in Kazakhstan.
    pub address: Option<String>,
    /// Accommodation category.
    pub accommodation_category: Option<AccommodationCategory>,
    /// Members, the head first.
    pub members: Vec<CertificateMember>,
}

/// A member as the certificate lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateMember {
    /// Registration number.
    pub regno: String,
    /// Relation to the head.
    pub relation: Relation,
    /// Full name as written (Kazakh Cyrillic).
    pub name: String,
    /// Full name in Latin letters, exactly as on the document.
    pub name_latin: Option<String>,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: Sex,
    /// IIN, if given.
    pub iin: Option<String>,
    /// Identity document, as printed (`FA2233445`).
    pub document: Option<String>,
}

/// A subsidy decision: each amount with how it was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionData {
    /// The office.
    pub office: OfficeHeader,
    /// The ledger's reference of the decision.
    pub decision_ref: String,
    /// The family's registration number.
    pub family_regno: String,
    /// The head of the family, as written.
    pub head_name: String,
    /// Persons in the family.
    pub family_size: u32,
    /// Date of the decision.
    pub decided_on: NaiveDate,
    /// The subsidies granted.
    pub lines: Vec<DecisionLine>,
    /// Who prepared it.
    pub prepared_by: String,
    /// Who approved it (maker–checker), if approved.
    pub approved_by: Option<String>,
}

/// One subsidy of a decision: rate × persons × months in MCI, at the MCI in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionLine {
    /// The subsidy's name in Kazakh (subsidy rules are data with names).
    pub subsidy_kk: String,
    /// The subsidy's name in Russian.
    pub subsidy_ru: String,
    /// The rate in MCI per person (or per family) and month.
    pub rate: MciHundredths,
    /// Persons counted, when the rate is per person.
    pub persons: Option<u32>,
    /// Months counted, when the subsidy is monthly.
    pub months: Option<u32>,
    /// The amount in MCI.
    pub amount: MciHundredths,
    /// The MCI applied, in whole tenge.
    pub mci_tenge: i64,
    /// The first day of the MCI row applied.
    pub mci_from: NaiveDate,
    /// The amount in tenge (`amount × mci_tenge`).
    pub tenge: Tiyn,
    /// The instalment's due date, when the line is one instalment of a decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
    /// How the amount was computed, in Kazakh, as the ledger explains it (when given, it is
    /// printed instead of the factors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation_kk: Option<String>,
    /// The same in Russian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation_ru: Option<String>,
}

/// What a ledger row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerEntryKind {
    /// Accrued (prepared by a clerk).
    Accrued,
    /// Approved by a manager.
    Approved,
    /// Paid out.
    Paid,
    /// A reversal of an earlier row.
    Reversed,
}

impl LedgerEntryKind {
    /// Every kind, in the order of a payment's life.
    pub const ALL: [LedgerEntryKind; 4] = [
        LedgerEntryKind::Accrued,
        LedgerEntryKind::Approved,
        LedgerEntryKind::Paid,
        LedgerEntryKind::Reversed,
    ];
}

/// One row of a family's payment ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerLine {
    /// Date of the row (accrual, approval, payment or reversal).
    pub date: NaiveDate,
    /// What the row records.
    pub entry: LedgerEntryKind,
    /// Subsidy name in Kazakh.
    pub subsidy_kk: String,
    /// Subsidy name in Russian.
    pub subsidy_ru: String,
    /// Amount in MCI (negative for a reversal).
    pub amount: MciHundredths,
    /// MCI applied, whole tenge.
    pub mci_tenge: i64,
    /// Amount in tenge.
    pub tenge: Tiyn,
    /// The ledger's reference of the row.
    pub reference: String,
}

/// A payment statement: a family's ledger as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementData {
    /// The office.
    pub office: OfficeHeader,
    /// The family's registration number.
    pub family_regno: String,
    /// The head of the family, as written.
    pub head_name: String,
    /// Persons in the family.
    pub family_size: u32,
    /// The statement covers the ledger up to this date.
    pub as_of: NaiveDate,
    /// Every ledger row, oldest first.
    pub lines: Vec<LedgerLine>,
}

/// Families and persons.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Families.
    pub families: i64,
    /// Persons.
    pub persons: i64,
}

/// Families and persons from one country of origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryCount {
    /// Country (ISO alpha-2).
    pub country: String,
    /// Families and persons.
    pub counts: Counts,
}

/// Persons by reporting age group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeCounts {
    /// Younger than working age.
    pub below_working_age: i64,
    /// Of working age.
    pub working_age: i64,
    /// Of pension age.
    pub pension_age: i64,
}

/// Persons by education (the ministry's groups).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EducationCounts {
    /// Higher.
    pub higher: i64,
    /// Secondary vocational.
    pub secondary_vocational: i64,
    /// General secondary.
    pub general_secondary: i64,
    /// None.
    pub none: i64,
    /// Not recorded.
    pub not_recorded: i64,
}

/// Entries of a closed month that were recorded after it closed, counted in this month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateCount {
    /// The closed month they belong to.
    pub month: Month,
    /// Families that arrived in that month, recorded late.
    pub arrivals: Counts,
    /// Families registered in that month, recorded late.
    pub registered: Counts,
}

/// Kandas statuses decided in the month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Granted.
    pub granted: i64,
    /// Extended.
    pub extended: i64,
    /// Ending in the month.
    pub ending: i64,
}

pub use otau_core::casework::quota::QuotaUse;

/// An amount in MCI and in tenge (the core's [`otau_core::money::Amount`]).
pub use otau_core::money::Amount as Money;

/// Subsidies of one kind in the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubsidyRow {
    /// Subsidy name in Kazakh.
    pub subsidy_kk: String,
    /// Subsidy name in Russian.
    pub subsidy_ru: String,
    /// Accrued.
    pub accrued: Money,
    /// Approved.
    pub approved: Money,
    /// Paid.
    pub paid: Money,
}

impl SubsidyRow {
    /// The totals of the accrued, approved and paid columns; `None` on overflow, never a wrong
    /// total.
    pub fn totals(rows: &[SubsidyRow]) -> Option<[Money; 3]> {
        Some([
            Money::checked_sum(rows.iter().map(|r| r.accrued))?,
            Money::checked_sum(rows.iter().map(|r| r.approved))?,
            Money::checked_sum(rows.iter().map(|r| r.paid))?,
        ])
    }
}

/// When and by whom a month was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedMark {
    /// Date of closing.
    pub closed_on: NaiveDate,
    /// Who closed it.
    pub closed_by: String,
}

/// The monthly summary of an office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlySummaryData {
    /// The office.
    pub office: OfficeHeader,
    /// The month.
    pub month: Month,
    /// Families and persons who arrived in the month.
    pub arrivals: Counts,
    /// Families and persons registered in the month.
    pub registered: Counts,
    /// Registered, by country of origin (most first).
    pub by_country: Vec<CountryCount>,
    /// Registered persons by age group (age on the day of registration).
    pub by_age: AgeCounts,
    /// Registered persons by education.
    pub by_education: EducationCounts,
    /// Late entries of closed months included above.
    pub late: Vec<LateCount>,
    /// Kandas statuses (absent where case work is not recorded).
    pub statuses: Option<StatusCounts>,
    /// The region's quota (absent where not recorded).
    pub quota: Option<QuotaUse>,
    /// Subsidies by kind (absent where the ledger is not kept).
    pub subsidies: Option<Vec<SubsidyRow>>,
    /// Set when the month is closed: the numbers are frozen.
    pub closed: Option<ClosedMark>,
    /// The offices a region's or the country's summary adds up (none in an office's own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<OfficeLine>,
}

/// One office in a region's or the country's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeLine {
    /// The office.
    pub office: OfficeHeader,
    /// Its arrivals in the month.
    pub arrivals: Counts,
    /// Its registrations in the month.
    pub registered: Counts,
    /// Whether the office had closed the month (its figures are final).
    pub closed: bool,
}

/// What a document says, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum DocumentContent {
    /// A registration certificate.
    Certificate(CertificateData),
    /// A subsidy decision.
    Decision(DecisionData),
    /// A payment statement.
    Statement(StatementData),
    /// A monthly summary.
    MonthlySummary(MonthlySummaryData),
}

impl DocumentContent {
    /// The kind.
    pub fn kind(&self) -> DocKind {
        match self {
            DocumentContent::Certificate(_) => DocKind::Certificate,
            DocumentContent::Decision(_) => DocKind::Decision,
            DocumentContent::Statement(_) => DocKind::Statement,
            DocumentContent::MonthlySummary(_) => DocKind::MonthlySummary,
        }
    }

    /// The issuing office.
    pub fn office(&self) -> &OfficeHeader {
        match self {
            DocumentContent::Certificate(d) => &d.office,
            DocumentContent::Decision(d) => &d.office,
            DocumentContent::Statement(d) => &d.office,
            DocumentContent::MonthlySummary(d) => &d.office,
        }
    }

    /// What the document is about, for the register: a family's number or a month.
    pub fn subject_label(&self) -> String {
        match self {
            DocumentContent::Certificate(d) => d.family_regno.clone(),
            DocumentContent::Decision(d) => d.family_regno.clone(),
            DocumentContent::Statement(d) => d.family_regno.clone(),
            DocumentContent::MonthlySummary(d) => d.month.to_string(),
        }
    }
}

/// A document as issued: number, date, who issued it, what it says and its seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedDocument {
    /// Number, unique per office and year (`PVL01-2026-D00001`).
    pub number: String,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// Who issued it (full name, else login).
    pub issued_by: String,
    /// What it says.
    pub content: DocumentContent,
    /// The QR payload, signed.
    pub seal: Seal,
    /// A reprint: marked "ДУБЛИКАТ / DUPLICATE".
    pub duplicate: bool,
}

impl IssuedDocument {
    /// The kind.
    pub fn kind(&self) -> DocKind {
        self.content.kind()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_round_trip() {
        for k in DocKind::ALL {
            assert_eq!(DocKind::from_code(k.code()), Some(k));
        }
    }

    /// The summary's column totals were summed with 0 in place of an overflow, here and at the
    /// desk again; both now take the core's checked sum, absent when it cannot be right.
    #[test]
    fn subsidy_totals_are_the_checked_sums_of_their_columns() {
        let row = |tiyn: i64| SubsidyRow {
            subsidy_kk: String::new(),
            subsidy_ru: String::new(),
            accrued: Money { mci: MciHundredths(100), tenge: Tiyn(tiyn) },
            approved: Money::default(),
            paid: Money::default(),
        };
        let totals = SubsidyRow::totals(&[row(500), row(700)]);
        assert_eq!(totals.map(|[a, _, _]| a.tenge), Some(Tiyn(1200)));
        assert_eq!(SubsidyRow::totals(&[row(i64::MAX), row(1)]), None);
    }
}
