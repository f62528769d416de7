//! The individual adaptation and integration plan of a family: its items (area, what, who is
//! responsible, by when, in what state), the services the centre actually gave, and the
//! family's stay at the centre.
//!
//! # Context
//! An adaptation and integration centre gives arriving families free information, legal,
//! social, medical and educational services, 25 kinds in all (MLSPP order of 22.07.2013
//! No. 331-Ө-М, restated by order 30.05.2024 No. 170), and draws up an individual plan per
//! family (arrival, transport, family composition, financial help, employment and training,
//! housing search). A family typically stays up to six months.
//!
//! # Design
//! - [`PlanArea`] is the fixed list of the plan's areas. [`ServiceKind`] is the list of kinds
//!   of service, each in one of the five groups of the order ([`ServiceCategory`]). The order's
//!   own list was not available to us word for word: these 25 kinds are our reading of it
//!   (kept in one place, so a correction is one edit here and in the labels).
//! - A stay starts on the day the family is taken in and is planned to end
//!   [`DEFAULT_STAY_MONTHS`] months later (counted as the Civil Code counts terms); the day it
//!   actually ends is recorded when the family leaves.

use crate::code::{Coded, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long a family typically stays at the centre, in months (reference data; the default).
pub const DEFAULT_STAY_MONTHS: u32 = 6;

/// An area of the individual adaptation and integration plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanArea {
    /// Arrival and transport.
    ArrivalTransport,
    /// Family composition (documents of members, reunification).
    FamilyComposition,
    /// Financial help (subsidies, benefits).
    FinancialHelp,
    /// Employment and training.
    EmploymentTraining,
    /// Housing search.
    Housing,
    /// Language courses.
    LanguageCourses,
    /// Legal services.
    Legal,
    /// Medical services.
    Medical,
    /// Social services.
    Social,
    /// Educational services (school, kindergarten, courses).
    Educational,
}

impl PlanArea {
    /// Every area, in the plan's order.
    pub const ALL: [PlanArea; 10] = [
        PlanArea::ArrivalTransport,
        PlanArea::FamilyComposition,
        PlanArea::FinancialHelp,
        PlanArea::EmploymentTraining,
        PlanArea::Housing,
        PlanArea::LanguageCourses,
        PlanArea::Legal,
        PlanArea::Medical,
        PlanArea::Social,
        PlanArea::Educational,
    ];
}

/// The state of a plan item.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanItemState {
    /// Planned, not started.
    Planned,
    /// Being worked on.
    InProgress,
    /// Done.
    Done,
    /// Dropped (no longer needed).
    Cancelled,
}

impl PlanItemState {
    /// Whether the item still needs work.
    pub fn is_open(self) -> bool {
        matches!(self, PlanItemState::Planned | PlanItemState::InProgress)
    }
}

/// The five groups of services of an adaptation centre.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceCategory {
    /// Information services.
    Information,
    /// Legal services.
    Legal,
    /// Social services.
    Social,
    /// Medical services.
    Medical,
    /// Educational services.
    Educational,
}

/// A kind of service the centre gives.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// Information on rights, duties and the procedures of resettlement.
    InformationConsultation,
    /// Information on the labour market and vacancies of the region.
    LabourMarketInformation,
    /// Information on housing and on the regions and settlements inviting settlers.
    SettlementInformation,
    /// Meeting on arrival and transport to the centre.
    ArrivalMeeting,
    /// Legal consultation.
    LegalConsultation,
    /// Help with the kandas status application.
    StatusApplicationHelp,
    /// Help with the regional quota application.
    QuotaApplicationHelp,
    /// Help with the residence permit.
    ResidencePermitHelp,
    /// Help with the citizenship application.
    CitizenshipHelp,
    /// Help with documents (IIN, registration at an address, translations).
    DocumentsHelp,
    /// Temporary accommodation at the centre.
    TemporaryAccommodation,
    /// Help finding housing.
    HousingSearchHelp,
    /// Help finding a job (referral to the employment centre).
    EmploymentHelp,
    /// Help applying for subsidies and social benefits.
    BenefitsHelp,
    /// Social consultation.
    SocialConsultation,
    /// Psychological support.
    PsychologicalSupport,
    /// Attachment to a polyclinic.
    PolyclinicAttachment,
    /// Medical examination.
    MedicalExamination,
    /// First medical aid and referral.
    MedicalReferral,
    /// Kazakh language course.
    KazakhLanguageCourse,
    /// Russian language course.
    RussianLanguageCourse,
    /// Kazakh Cyrillic (or Latin) script course.
    ScriptCourse,
    /// Vocational training or retraining.
    VocationalTraining,
    /// Place at a school or kindergarten for the children.
    SchoolPlacement,
    /// Course on the history, culture and traditions of Kazakhstan and its laws.
    CultureCourse,
}

impl ServiceKind {
    /// Every kind, in the order of the groups.
    pub const ALL: [ServiceKind; 25] = [
        ServiceKind::InformationConsultation,
        ServiceKind::LabourMarketInformation,
        ServiceKind::SettlementInformation,
        ServiceKind::ArrivalMeeting,
        ServiceKind::LegalConsultation,
        ServiceKind::StatusApplicationHelp,
        ServiceKind::QuotaApplicationHelp,
        ServiceKind::ResidencePermitHelp,
        ServiceKind::CitizenshipHelp,
        ServiceKind::DocumentsHelp,
        ServiceKind::TemporaryAccommodation,
        ServiceKind::HousingSearchHelp,
        ServiceKind::EmploymentHelp,
        ServiceKind::BenefitsHelp,
        ServiceKind::SocialConsultation,
        ServiceKind::PsychologicalSupport,
        ServiceKind::PolyclinicAttachment,
        ServiceKind::MedicalExamination,
        ServiceKind::MedicalReferral,
        ServiceKind::KazakhLanguageCourse,
        ServiceKind::RussianLanguageCourse,
        ServiceKind::ScriptCourse,
        ServiceKind::VocationalTraining,
        ServiceKind::SchoolPlacement,
        ServiceKind::CultureCourse,
    ];

    /// The group the kind belongs to.
    pub fn category(self) -> ServiceCategory {
        use ServiceKind::*;
        match self {
            InformationConsultation
            | LabourMarketInformation
            | SettlementInformation
            | ArrivalMeeting => ServiceCategory::Information,
            LegalConsultation
            | StatusApplicationHelp
            | QuotaApplicationHelp
            | ResidencePermitHelp
            | CitizenshipHelp
            | DocumentsHelp => ServiceCategory::Legal,
            TemporaryAccommodation
            | HousingSearchHelp
            | EmploymentHelp
            | BenefitsHelp
            | SocialConsultation
            | PsychologicalSupport => ServiceCategory::Social,
            PolyclinicAttachment | MedicalExamination | MedicalReferral => ServiceCategory::Medical,
            KazakhLanguageCourse
            | RussianLanguageCourse
            | ScriptCourse
            | VocationalTraining
            | SchoolPlacement
            | CultureCourse => ServiceCategory::Educational,
        }
    }
}

/// What is wrong with a plan item, a service or a stay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanProblem {
    /// A required text is empty.
    #[error("required")]
    Required,
    /// A date after today where only the past makes sense.
    #[error("the date is after today ({today})")]
    InFuture {
        /// Today.
        today: NaiveDate,
    },
    /// A date before the family arrived.
    #[error("before the arrival on {arrival_date}")]
    BeforeArrival {
        /// The family's arrival date.
        arrival_date: NaiveDate,
    },
    /// An end before its start.
    #[error("before the start ({start})")]
    EndBeforeStart {
        /// The start.
        start: NaiveDate,
    },
    /// A stay length outside 1–24 months.
    #[error("{months} months")]
    StayLength {
        /// The length given.
        months: u32,
    },
    /// The person is not a member of the family.
    #[error("{regno} is not a member of the family {family_regno}")]
    NotAMember {
        /// The person.
        regno: String,
        /// The family.
        family_regno: String,
    },
    /// The user named is not a user of the office (or not active).
    #[error("no user {login}")]
    UnknownUser {
        /// The login given.
        login: String,
    },
    /// No plan item with that number in the family's plan.
    #[error("no item {number}")]
    UnknownItem {
        /// The number given.
        number: i64,
    },
    /// A value not in its list.
    #[error("{value:?} is not one of {allowed}")]
    NotInList {
        /// The value given.
        value: String,
        /// The values allowed, comma-separated.
        allowed: String,
    },
}

impl Coded for PlanProblem {
    fn code(&self) -> &'static str {
        match self {
            PlanProblem::Required => "plan-required",
            PlanProblem::InFuture { .. } => "plan-date-in-future",
            PlanProblem::BeforeArrival { .. } => "plan-before-arrival",
            PlanProblem::EndBeforeStart { .. } => "plan-end-before-start",
            PlanProblem::StayLength { .. } => "plan-stay-length",
            PlanProblem::NotAMember { .. } => "plan-not-a-member",
            PlanProblem::UnknownUser { .. } => "plan-unknown-user",
            PlanProblem::UnknownItem { .. } => "plan-unknown-item",
            PlanProblem::NotInList { .. } => "plan-not-in-list",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let args: Vec<(&str, String)> = match self {
            PlanProblem::Required => vec![],
            PlanProblem::InFuture { today } => vec![("today", today.to_string())],
            PlanProblem::BeforeArrival { arrival_date } => {
                vec![("arrival_date", arrival_date.to_string())]
            }
            PlanProblem::EndBeforeStart { start } => vec![("start", start.to_string())],
            PlanProblem::StayLength { months } => vec![("months", months.to_string())],
            PlanProblem::NotAMember { regno, family_regno } => {
                vec![("regno", regno.clone()), ("family_regno", family_regno.clone())]
            }
            PlanProblem::UnknownUser { login } => vec![("login", login.clone())],
            PlanProblem::UnknownItem { number } => vec![("number", number.to_string())],
            PlanProblem::NotInList { value, allowed } => {
                vec![("value", value.clone()), ("allowed", allowed.clone())]
            }
        };
        args.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

/// Reads a snake_case list value (`housing`, `legal_consultation`) into its enum, or a field
/// error listing the values allowed.
pub fn parse_value<T: serde::de::DeserializeOwned + Serialize>(
    field: &str,
    value: &str,
    all: &[T],
) -> Result<T, FieldError> {
    let v = value.trim().to_lowercase().replace(['-', ' '], "_");
    serde_json::from_value(serde_json::Value::String(v)).map_err(|_| {
        let allowed: Vec<String> = all
            .iter()
            .filter_map(|x| serde_json::to_value(x).ok())
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect();
        FieldError::new(
            field,
            &PlanProblem::NotInList {
                value: value.trim().to_string(),
                allowed: allowed.join(", "),
            },
        )
    })
}

/// The planned end of a stay that starts on `start` and lasts `months` months.
pub fn stay_planned_end(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    super::term_end(start, months)
}

/// Checks a stay: it starts on or after the family's arrival and not after today, its planned end
/// and its actual end are not before its start, and the actual end is not after today.
pub fn check_stay(
    arrival_date: NaiveDate,
    started_on: NaiveDate,
    planned_end: NaiveDate,
    ended_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    if started_on < arrival_date {
        errors.push(FieldError::new("started_on", &PlanProblem::BeforeArrival { arrival_date }));
    }
    if started_on > today {
        errors.push(FieldError::new("started_on", &PlanProblem::InFuture { today }));
    }
    if planned_end < started_on {
        errors.push(FieldError::new(
            "planned_end",
            &PlanProblem::EndBeforeStart { start: started_on },
        ));
    }
    if let Some(end) = ended_on {
        if end < started_on {
            errors.push(FieldError::new(
                "ended_on",
                &PlanProblem::EndBeforeStart { start: started_on },
            ));
        }
        if end > today {
            errors.push(FieldError::new("ended_on", &PlanProblem::InFuture { today }));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Services counted for a month: the figures the monthly summary reports.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceCounts {
    /// All services given.
    pub total: i64,
    /// Per kind, every kind listed (zeros included), in [`ServiceKind::ALL`]'s order.
    pub by_kind: Vec<(ServiceKind, i64)>,
    /// Per group, every group listed.
    pub by_category: Vec<(ServiceCategory, i64)>,
}

impl ServiceCounts {
    /// Counts from `(kind, number)` pairs (as a `GROUP BY` gives them).
    pub fn from_counts(counts: impl IntoIterator<Item = (ServiceKind, i64)>) -> ServiceCounts {
        let mut per_kind: BTreeMap<ServiceKind, i64> = BTreeMap::new();
        for (kind, n) in counts {
            *per_kind.entry(kind).or_default() += n;
        }
        let by_kind: Vec<(ServiceKind, i64)> =
            ServiceKind::ALL.iter().map(|k| (*k, per_kind.get(k).copied().unwrap_or(0))).collect();
        let mut per_category: BTreeMap<ServiceCategory, i64> = BTreeMap::new();
        for (kind, n) in &by_kind {
            *per_category.entry(kind.category()).or_default() += n;
        }
        let by_category = [
            ServiceCategory::Information,
            ServiceCategory::Legal,
            ServiceCategory::Social,
            ServiceCategory::Medical,
            ServiceCategory::Educational,
        ]
        .iter()
        .map(|c| (*c, per_category.get(c).copied().unwrap_or(0)))
        .collect();
        ServiceCounts { total: by_kind.iter().map(|(_, n)| n).sum(), by_kind, by_category }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn twenty_five_kinds_in_five_groups() {
        let unique: HashSet<_> = ServiceKind::ALL.iter().collect();
        assert_eq!(unique.len(), 25);
        let groups: HashSet<_> = ServiceKind::ALL.iter().map(|k| k.category()).collect();
        assert_eq!(groups.len(), 5);
        // ALL is in group order, so a table by group reads top to bottom.
        let order: Vec<_> = ServiceKind::ALL.iter().map(|k| k.category()).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
    }

    #[test]
    fn counts_list_every_kind_and_add_up() {
        let c = ServiceCounts::from_counts([
            (ServiceKind::LegalConsultation, 3),
            (ServiceKind::KazakhLanguageCourse, 2),
            (ServiceKind::LegalConsultation, 1),
        ]);
        assert_eq!(c.total, 6);
        assert_eq!(c.by_kind.len(), 25);
        let legal = c.by_kind.iter().find(|(k, _)| *k == ServiceKind::LegalConsultation);
        assert_eq!(legal, Some(&(ServiceKind::LegalConsultation, 4)));
        assert_eq!(c.by_category[1], (ServiceCategory::Legal, 4));
        assert_eq!(c.by_category[4], (ServiceCategory::Educational, 2));
    }

    #[test]
    fn list_values_parse_loosely_and_name_the_allowed_ones() {
        assert_eq!(parse_value("area", "Housing", &PlanArea::ALL), Ok(PlanArea::Housing));
        assert_eq!(
            parse_value("kind", "legal-consultation", &ServiceKind::ALL),
            Ok(ServiceKind::LegalConsultation)
        );
        let e = parse_value("area", "garden", &PlanArea::ALL).expect_err("unknown");
        assert_eq!(e.field, "area");
        assert!(e.args["allowed"].starts_with("arrival_transport, family_composition"));
    }

    #[test]
    fn stays() {
        assert_eq!(stay_planned_end(d("2026-09-14"), 6), Some(d("2027-03-14")));
        assert_eq!(stay_planned_end(d("2026-08-31"), 6), Some(d("2027-02-28")));
        let today = d("2026-11-25");
        let reg = d("2026-09-14");
        assert_eq!(check_stay(reg, reg, d("2027-03-14"), None, today), Ok(()));
        let e = check_stay(reg, d("2026-09-01"), d("2026-08-01"), Some(d("2026-08-01")), today)
            .expect_err("bad");
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["started_on", "planned_end", "ended_on"]);
        let e = check_stay(reg, reg, d("2027-03-14"), Some(d("2026-12-01")), today)
            .expect_err("left in the future");
        assert_eq!(e[0].code, "plan-date-in-future");
    }
}
