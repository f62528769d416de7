//! The groups the ministry reports people in: below working age, working age, pensioners.
//!
//! # Context
//! Working age starts at 16 (the Labour Code's age of employment). The pension age is 63 for
//! men; for women it rose from 58 (2017) by half a year a year and was held at 61 from 2022 to
//! 2027 — sources differ on the years after (confidence: medium). So the limits are a value
//! passed in ([`AgeLimits`]), not constants spread through the reports.

use crate::dates::age_on;
use crate::model::Sex;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A reporting age group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeGroup {
    /// Younger than working age.
    BelowWorkingAge,
    /// Of working age.
    WorkingAge,
    /// Of pension age.
    PensionAge,
}

impl AgeGroup {
    /// Every group, youngest first.
    pub const ALL: [AgeGroup; 3] =
        [AgeGroup::BelowWorkingAge, AgeGroup::WorkingAge, AgeGroup::PensionAge];
}

/// Where the groups begin, in full years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeLimits {
    /// First year of working age.
    pub working_from: u32,
    /// Pension age of men.
    pub pension_men: u32,
    /// Pension age of women.
    pub pension_women: u32,
}

impl AgeLimits {
    /// The limits in force in 2026: 16; 63 for men; 61 for women.
    pub const KZ_2026: AgeLimits =
        AgeLimits { working_from: 16, pension_men: 63, pension_women: 61 };
}

impl Default for AgeLimits {
    fn default() -> Self {
        AgeLimits::KZ_2026
    }
}

/// The group of a person born on `birth`, of `sex`, on the date `on`.
pub fn age_group(birth: NaiveDate, sex: Sex, on: NaiveDate, limits: &AgeLimits) -> AgeGroup {
    let age = age_on(birth, on);
    let pension = match sex {
        Sex::Male => limits.pension_men,
        Sex::Female => limits.pension_women,
    };
    if age < limits.working_from {
        AgeGroup::BelowWorkingAge
    } else if age < pension {
        AgeGroup::WorkingAge
    } else {
        AgeGroup::PensionAge
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[rstest]
    #[case("2010-11-26", Sex::Male, AgeGroup::BelowWorkingAge)] // 15 the day before turning 16
    #[case("2010-11-25", Sex::Female, AgeGroup::WorkingAge)] // 16 today
    #[case("1963-11-26", Sex::Male, AgeGroup::WorkingAge)] // 62
    #[case("1963-11-25", Sex::Male, AgeGroup::PensionAge)] // 63
    #[case("1965-11-25", Sex::Female, AgeGroup::PensionAge)] // 61
    #[case("1965-11-26", Sex::Female, AgeGroup::WorkingAge)] // 60
    #[case("2026-01-01", Sex::Female, AgeGroup::BelowWorkingAge)]
    fn groups_on_a_date(#[case] birth: &str, #[case] sex: Sex, #[case] group: AgeGroup) {
        assert_eq!(age_group(d(birth), sex, d("2026-11-25"), &AgeLimits::KZ_2026), group);
    }
}
