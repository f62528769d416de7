//! Consent to the processing of personal data (Law No. 94-V): what a recorded consent, or the
//! reason recorded instead, means on a date — in force, covered by a representative, lapsed,
//! withdrawn — and whether processing beyond what the law requires is allowed then.
//!
//! # Design
//! The store keeps every consent, every reason and every withdrawal as rows that are only
//! added; the latest recorded one speaks for the person. A withdrawal names the consent it ends,
//! so a consent given again after it is in force again. A term "until the end of the
//! adaptation programme" has no date and ends only by a withdrawal; a term "until a date" lapses
//! the day after that date.

use crate::dates::age_on;
use crate::model::{ConsentTerm, NoConsentReason};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The age from which a person gives their own consent.
pub const ADULT_AGE: u32 = 18;

/// On what a person's processing rests, as a consent row records it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentBasis {
    /// The person's own consent (given by them or their legal representative).
    #[default]
    Given,
    /// A minor covered by a representative's consent in the same family.
    Minor,
    /// A person without capacity covered by a representative's consent in the same family.
    NoCapacity,
    /// Another reason, written out.
    Other,
    /// Still to be collected (a person from an imported list).
    ToCollect,
}

impl From<NoConsentReason> for ConsentBasis {
    fn from(reason: NoConsentReason) -> Self {
        match reason {
            NoConsentReason::Minor => ConsentBasis::Minor,
            NoConsentReason::NoCapacity => ConsentBasis::NoCapacity,
            NoConsentReason::Other => ConsentBasis::Other,
            NoConsentReason::ToCollect => ConsentBasis::ToCollect,
        }
    }
}

impl ConsentBasis {
    /// The reason this basis records instead of a consent; `None` for a consent.
    pub fn reason(self) -> Option<NoConsentReason> {
        match self {
            ConsentBasis::Given => None,
            ConsentBasis::Minor => Some(NoConsentReason::Minor),
            ConsentBasis::NoCapacity => Some(NoConsentReason::NoCapacity),
            ConsentBasis::Other => Some(NoConsentReason::Other),
            ConsentBasis::ToCollect => Some(NoConsentReason::ToCollect),
        }
    }
}

/// Where a person's consent stands on a date.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    /// Their own consent, within its term.
    InForce,
    /// Covered by a representative's consent in the family (a minor, a person without
    /// capacity).
    Covered,
    /// No consent, for another reason recorded.
    Reason,
    /// Still to be collected (imported, or a minor who has come of age since).
    ToCollect,
    /// Nothing recorded (a record from before consent was required).
    Missing,
    /// The term ended: `since` is its last day.
    Lapsed,
    /// Withdrawn: `since` is the day.
    Withdrawn,
}

impl ConsentStatus {
    /// Whether processing beyond what the law requires (new documents about the person, among
    /// them) is allowed: not after a withdrawal or a lapse.
    pub fn allows_processing(self) -> bool {
        !matches!(self, ConsentStatus::Lapsed | ConsentStatus::Withdrawn)
    }
}

/// Where a person's consent stands on a date, and since when for a lapse, a withdrawal or a
/// minor come of age.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConsentStanding {
    /// The status.
    pub status: ConsentStatus,
    /// For a lapse the last day of the term, for a withdrawal its date, for a minor come of age
    /// their 18th birthday.
    pub since: Option<NaiveDate>,
}

/// The parts of the latest recorded consent (or reason) the rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LatestConsent {
    /// What it rests on.
    pub basis: ConsentBasis,
    /// Its term (a consent recorded before terms were kept has none: it is taken as until the
    /// end of the programme).
    pub term: Option<ConsentTerm>,
    /// The last day of a term until a date.
    pub valid_until: Option<NaiveDate>,
    /// The day it was withdrawn, when a withdrawal names it.
    pub withdrawn_on: Option<NaiveDate>,
}

/// Where the consent of a person born on `birth_date` stands on `today`, from the latest one
/// recorded (`None`: nothing recorded).
pub fn standing(
    latest: Option<LatestConsent>,
    birth_date: NaiveDate,
    today: NaiveDate,
) -> ConsentStanding {
    let at = |status, since| ConsentStanding { status, since };
    let Some(c) = latest else { return at(ConsentStatus::Missing, None) };
    if let Some(on) = c.withdrawn_on.filter(|on| *on <= today) {
        return at(ConsentStatus::Withdrawn, Some(on));
    }
    match c.basis {
        ConsentBasis::Given => match (c.term, c.valid_until) {
            (Some(ConsentTerm::UntilDate), Some(until)) if until < today => {
                at(ConsentStatus::Lapsed, Some(until))
            }
            _ => at(ConsentStatus::InForce, None),
        },
        ConsentBasis::Minor if age_on(birth_date, today) >= ADULT_AGE => {
            at(ConsentStatus::ToCollect, coming_of_age(birth_date))
        }
        ConsentBasis::Minor | ConsentBasis::NoCapacity => at(ConsentStatus::Covered, None),
        ConsentBasis::Other => at(ConsentStatus::Reason, None),
        ConsentBasis::ToCollect => at(ConsentStatus::ToCollect, None),
    }
}

/// The day a person born on `birth_date` turns [`ADULT_AGE`].
fn coming_of_age(birth_date: NaiveDate) -> Option<NaiveDate> {
    // The first day on which `age_on` counts 18: at most a year and a few days after 17 years.
    let start = birth_date.checked_add_days(Days::new(365 * 17))?;
    (0..400)
        .filter_map(|d| start.checked_add_days(Days::new(d)))
        .find(|d| age_on(birth_date, *d) >= ADULT_AGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn given(term: ConsentTerm, until: Option<&str>) -> LatestConsent {
        LatestConsent {
            basis: ConsentBasis::Given,
            term: Some(term),
            valid_until: until.map(d),
            withdrawn_on: None,
        }
    }

    #[test]
    fn a_consent_until_a_date_holds_that_day_and_lapses_the_next() {
        let c = given(ConsentTerm::UntilDate, Some("2026-12-31"));
        let born = d("1980-01-01");
        assert_eq!(standing(Some(c), born, d("2026-12-31")).status, ConsentStatus::InForce);
        let after = standing(Some(c), born, d("2027-01-01"));
        assert_eq!(
            after,
            ConsentStanding { status: ConsentStatus::Lapsed, since: Some(d("2026-12-31")) }
        );
        assert!(!after.status.allows_processing());
    }

    #[test]
    fn a_programme_long_consent_never_lapses_but_is_withdrawn() {
        let mut c = given(ConsentTerm::ProgrammeEnd, None);
        let born = d("1980-01-01");
        assert_eq!(standing(Some(c), born, d("2040-01-01")).status, ConsentStatus::InForce);
        c.withdrawn_on = Some(d("2026-11-01"));
        assert_eq!(standing(Some(c), born, d("2026-10-31")).status, ConsentStatus::InForce);
        let w = standing(Some(c), born, d("2026-11-01"));
        assert_eq!(
            w,
            ConsentStanding { status: ConsentStatus::Withdrawn, since: Some(d("2026-11-01")) }
        );
    }

    #[test]
    fn a_minor_is_covered_until_coming_of_age() {
        let c = LatestConsent {
            basis: ConsentBasis::Minor,
            term: None,
            valid_until: None,
            withdrawn_on: None,
        };
        let born = d("2010-03-15");
        assert_eq!(standing(Some(c), born, d("2028-03-14")).status, ConsentStatus::Covered);
        let adult = standing(Some(c), born, d("2028-03-15"));
        assert_eq!(
            adult,
            ConsentStanding { status: ConsentStatus::ToCollect, since: Some(d("2028-03-15")) }
        );
        assert!(adult.status.allows_processing());
    }

    #[test]
    fn nothing_recorded_is_missing() {
        assert_eq!(standing(None, d("1980-01-01"), d("2026-01-01")).status, ConsentStatus::Missing);
    }
}
