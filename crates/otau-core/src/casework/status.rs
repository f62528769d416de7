//! The kandas status of a person: its stages (application, commission recommendation,
//! decision, one extension, end) and its state on any date.
//!
//! # Context
//! The local executive body grants the status after a commission's recommendation (MLSPP order
//! of 22.07.2013 No. 329-Ө-М). It is granted for one year, can be extended once, and ends when
//! the person becomes a citizen. One application names the applicant and the family members;
//! each of them gets the status, and each can become a citizen on a different day.
//!
//! # Design
//! - **Per person.** A status belongs to a person, not to a family: every member holds it and
//!   it ends for each on the day that member becomes a citizen. The store can record the same
//!   stage for the whole family at once (children follow the applicant), but each member keeps
//!   their own record.
//! - **Term.** The status is in force from the decision date. Its year is counted as the Civil
//!   Code counts terms (Art. 174–175, see [`super::term_end`]): granted on 10.03.2025, it is
//!   valid **up to and including 10.03.2026**, and expired from 11.03.2026. A year from
//!   29.02.2024 ends on 28.02.2025. The move of a term's last day off a weekend or holiday
//!   (Art. 176) is not applied: it needs the calendar of holidays, which Otau does not keep.
//! - **Extension.** Once, decided while the status is in force; it adds
//!   [`StatusRules::extension_months`] months to the end of the first year, counted the same
//!   way (valid until 10.03.2026 + 6 months → until 10.09.2026). Sources disagree on the length
//!   (3 or 6 months), so it is reference data an administrator edits; 6 is the default. The
//!   length used is stored with each extension, so a later change of the rule never moves a
//!   term already given.
//! - **End.** On citizenship (or leaving, death, another reason), from the day recorded: on
//!   that day the person no longer holds the status.
//! - [`status_on`] is the one function that says what a status is on a date; everything that
//!   shows a status (the card, `otau status show`, the list of statuses ending soon, the home
//!   screen's warning) asks it.

use super::term_end;
use crate::code::{Coded, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Length of a granted status in months (one year, by the rules).
pub const TERM_MONTHS: u32 = 12;
/// The extension's length shipped as the default (sources say 3 or 6 months).
pub const DEFAULT_EXTENSION_MONTHS: u32 = 6;
/// The longest extension an administrator may set.
pub const MAX_EXTENSION_MONTHS: u32 = 12;

/// What the commission recommended.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// The commission recommends granting the status.
    Recommended,
    /// The commission does not recommend it.
    NotRecommended,
}

/// What the local executive body decided.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The status is granted.
    Granted,
    /// The status is refused (with a reason).
    Refused,
}

/// Why a status ended before its term.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// The person became a citizen of Kazakhstan.
    Citizenship,
    /// The person left Kazakhstan for good.
    LeftCountry,
    /// The person died.
    Death,
    /// Another reason (written in the note).
    Other,
}

/// The rules a status is computed with: reference data, not code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRules {
    /// Length of the one extension, in months.
    pub extension_months: u32,
}

impl Default for StatusRules {
    fn default() -> Self {
        StatusRules { extension_months: DEFAULT_EXTENSION_MONTHS }
    }
}

/// The stages of one application for the status, as recorded. Derived dates (the end of the
/// year, the end of the extension) are computed by [`StatusRecord::granted_until`] and
/// [`StatusRecord::extended_until`] from what is stored here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusRecord {
    /// The day the application was made.
    pub applied_on: Option<NaiveDate>,
    /// The day of the commission's recommendation.
    pub recommended_on: Option<NaiveDate>,
    /// What the commission recommended.
    pub recommendation: Option<Recommendation>,
    /// The day of the decision.
    pub decided_on: Option<NaiveDate>,
    /// The decision.
    pub decision: Option<Decision>,
    /// Why the status was refused.
    pub refusal_reason: Option<String>,
    /// The day the extension was decided.
    pub extended_on: Option<NaiveDate>,
    /// The extension's length in months, fixed when it was decided.
    pub extension_months: Option<u32>,
    /// The first day the person no longer holds the status.
    pub ended_on: Option<NaiveDate>,
    /// Why it ended.
    pub end_reason: Option<EndReason>,
}

impl StatusRecord {
    /// The last day of the first year, when the status was granted.
    pub fn granted_until(&self) -> Option<NaiveDate> {
        match (self.decision, self.decided_on) {
            (Some(Decision::Granted), Some(on)) => term_end(on, TERM_MONTHS),
            _ => None,
        }
    }

    /// The last day of the extension, when there is one.
    pub fn extended_until(&self) -> Option<NaiveDate> {
        let (Some(_), Some(months)) = (self.extended_on, self.extension_months) else {
            return None;
        };
        term_end(self.granted_until()?, months)
    }

    /// The last day the status is in force as things stand (the extension's end if extended,
    /// else the first year's end), ignoring an early end.
    pub fn valid_until(&self) -> Option<NaiveDate> {
        self.extended_until().or_else(|| self.granted_until())
    }
}

/// The state of a status on a date.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StatusState {
    /// No application on that date (none recorded, or the date is before it).
    NoStatus,
    /// Applied, waiting for the commission.
    Applied {
        /// Day of the application.
        since: NaiveDate,
    },
    /// The commission has recommended (or not); waiting for the decision.
    Recommended {
        /// Day of the recommendation.
        since: NaiveDate,
        /// What it recommended.
        recommendation: Recommendation,
    },
    /// The status was refused.
    Refused {
        /// Day of the decision.
        on: NaiveDate,
        /// The reason given.
        reason: String,
    },
    /// In force, in its first year.
    Granted {
        /// Day of the decision.
        from: NaiveDate,
        /// Last day in force.
        until: NaiveDate,
    },
    /// In force, extended.
    Extended {
        /// Day of the decision to grant.
        from: NaiveDate,
        /// Last day in force, with the extension.
        until: NaiveDate,
    },
    /// The term is over.
    Expired {
        /// The first day without the status.
        on: NaiveDate,
    },
    /// The person became a citizen.
    EndedByCitizenship {
        /// The first day as a citizen.
        on: NaiveDate,
    },
    /// Ended for another reason.
    Ended {
        /// The first day without the status.
        on: NaiveDate,
        /// Why.
        reason: EndReason,
    },
}

impl StatusState {
    /// The state's name as in JSON (`granted`, `expired`, …), also the suffix of its label id
    /// `status_state-…`.
    pub fn name(&self) -> &'static str {
        match self {
            StatusState::NoStatus => "no_status",
            StatusState::Applied { .. } => "applied",
            StatusState::Recommended { .. } => "recommended",
            StatusState::Refused { .. } => "refused",
            StatusState::Granted { .. } => "granted",
            StatusState::Extended { .. } => "extended",
            StatusState::Expired { .. } => "expired",
            StatusState::EndedByCitizenship { .. } => "ended_by_citizenship",
            StatusState::Ended { .. } => "ended",
        }
    }

    /// Whether the person holds the status (granted or extended).
    pub fn in_force(&self) -> bool {
        matches!(self, StatusState::Granted { .. } | StatusState::Extended { .. })
    }

    /// The last day in force, while in force.
    pub fn until(&self) -> Option<NaiveDate> {
        match self {
            StatusState::Granted { until, .. } | StatusState::Extended { until, .. } => {
                Some(*until)
            }
            _ => None,
        }
    }
}

/// The state of a status on `on`.
///
/// The rules (`_rules`) are taken for symmetry with the other case-work rules and future
/// ones; the extension's length is already fixed in the record when it was decided.
pub fn status_on(record: &StatusRecord, on: NaiveDate, _rules: &StatusRules) -> StatusState {
    let Some(applied_on) = record.applied_on.filter(|&a| a <= on) else {
        return StatusState::NoStatus;
    };
    if let (Some(ended_on), Some(reason)) = (record.ended_on, record.end_reason) {
        if ended_on <= on {
            return match reason {
                EndReason::Citizenship => StatusState::EndedByCitizenship { on: ended_on },
                reason => StatusState::Ended { on: ended_on, reason },
            };
        }
    }
    if let (Some(decided_on), Some(decision)) = (record.decided_on, record.decision) {
        if decided_on <= on {
            return match decision {
                Decision::Refused => StatusState::Refused {
                    on: decided_on,
                    reason: record.refusal_reason.clone().unwrap_or_default(),
                },
                Decision::Granted => granted_state(record, decided_on, on),
            };
        }
    }
    if let (Some(since), Some(recommendation)) = (record.recommended_on, record.recommendation) {
        if since <= on {
            return StatusState::Recommended { since, recommendation };
        }
    }
    StatusState::Applied { since: applied_on }
}

fn granted_state(record: &StatusRecord, from: NaiveDate, on: NaiveDate) -> StatusState {
    let extended = record.extended_on.filter(|&e| e <= on).and(record.extended_until());
    let until = match (extended, record.granted_until()) {
        (Some(until), _) => until,
        (None, Some(until)) => until,
        // Past the end of the calendar: in force for good.
        (None, None) => return StatusState::Granted { from, until: NaiveDate::MAX },
    };
    if on > until {
        return StatusState::Expired { on: until.succ_opt().unwrap_or(until) };
    }
    if extended.is_some() {
        StatusState::Extended { from, until }
    } else {
        StatusState::Granted { from, until }
    }
}

/// Days left in force on `on`: 0 on the last day, `None` when not in force.
pub fn days_left(state: &StatusState, on: NaiveDate) -> Option<i64> {
    state.until().map(|until| (until - on).num_days())
}

/// What is wrong with a status record: each problem names the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusProblem {
    /// A stage is recorded without the application before it.
    #[error("no application is recorded")]
    NoApplication,
    /// A date is after today.
    #[error("the date is after today ({today})")]
    InFuture {
        /// Today.
        today: NaiveDate,
    },
    /// A stage is dated before the stage it follows.
    #[error("dated before {before} ({date})")]
    BeforeStage {
        /// The stage it must not precede (`applied_on`, `recommended_on`, `decided_on`).
        before: &'static str,
        /// That stage's date.
        date: NaiveDate,
    },
    /// A date is given without its value, or a value without its date.
    #[error("a date and a value go together")]
    Incomplete,
    /// A refusal has no reason.
    #[error("a refusal needs a reason")]
    RefusalReasonMissing,
    /// A reason is given for a status that was granted.
    #[error("a refusal reason on a granted status")]
    ReasonWithoutRefusal,
    /// An extension or an end of a status that was not granted.
    #[error("the status was not granted")]
    NotGranted,
    /// The extension is decided after the status expired.
    #[error("the status expired on {until}")]
    ExtendedAfterExpiry {
        /// The last day of the first year.
        until: NaiveDate,
    },
    /// An extension length outside 1 to [`MAX_EXTENSION_MONTHS`] months.
    #[error("an extension of {months} months")]
    ExtensionLength {
        /// The length given.
        months: u32,
    },
    /// A second extension.
    #[error("the status was already extended on {on}")]
    AlreadyExtended {
        /// The day of the extension.
        on: NaiveDate,
    },
    /// The status already ended.
    #[error("the status already ended on {on}")]
    AlreadyEnded {
        /// The day it ended.
        on: NaiveDate,
    },
}

impl Coded for StatusProblem {
    fn code(&self) -> &'static str {
        match self {
            StatusProblem::NoApplication => "status-no-application",
            StatusProblem::InFuture { .. } => "status-date-in-future",
            StatusProblem::BeforeStage { .. } => "status-before-stage",
            StatusProblem::Incomplete => "status-incomplete",
            StatusProblem::RefusalReasonMissing => "status-refusal-reason-missing",
            StatusProblem::ReasonWithoutRefusal => "status-reason-without-refusal",
            StatusProblem::NotGranted => "status-not-granted",
            StatusProblem::ExtendedAfterExpiry { .. } => "status-extended-after-expiry",
            StatusProblem::ExtensionLength { .. } => "status-extension-length",
            StatusProblem::AlreadyExtended { .. } => "status-already-extended",
            StatusProblem::AlreadyEnded { .. } => "status-already-ended",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let args: Vec<(&str, String)> = match self {
            StatusProblem::InFuture { today } => vec![("today", today.to_string())],
            StatusProblem::BeforeStage { before, date } => {
                vec![("stage", before.to_string()), ("date", date.to_string())]
            }
            StatusProblem::ExtendedAfterExpiry { until } => vec![("until", until.to_string())],
            StatusProblem::ExtensionLength { months } => {
                vec![("months", months.to_string()), ("max", MAX_EXTENSION_MONTHS.to_string())]
            }
            StatusProblem::AlreadyExtended { on } | StatusProblem::AlreadyEnded { on } => {
                vec![("on", on.to_string())]
            }
            StatusProblem::NoApplication
            | StatusProblem::Incomplete
            | StatusProblem::RefusalReasonMissing
            | StatusProblem::ReasonWithoutRefusal
            | StatusProblem::NotGranted => vec![],
        };
        args.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

/// Checks a status record on `today`: every problem, each naming its field
/// (`applied_on`, `recommended_on`, `decided_on`, `refusal_reason`, `extended_on`,
/// `extension_months`, `ended_on`).
pub fn check_record(r: &StatusRecord, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    let mut errors = vec![];
    let mut add = |field: &str, p: StatusProblem| errors.push(FieldError::new(field, &p));
    let dates = [
        ("applied_on", r.applied_on),
        ("recommended_on", r.recommended_on),
        ("decided_on", r.decided_on),
        ("extended_on", r.extended_on),
        ("ended_on", r.ended_on),
    ];
    for (field, date) in dates {
        if date.is_some_and(|d| d > today) {
            add(field, StatusProblem::InFuture { today });
        }
    }
    let Some(applied_on) = r.applied_on else {
        if dates.iter().skip(1).any(|(_, d)| d.is_some()) {
            add("applied_on", StatusProblem::NoApplication);
        }
        return if errors.is_empty() { Ok(()) } else { Err(errors) };
    };
    if r.recommended_on.is_some() != r.recommendation.is_some() {
        add("recommendation", StatusProblem::Incomplete);
    }
    if r.recommended_on.is_some_and(|d| d < applied_on) {
        add(
            "recommended_on",
            StatusProblem::BeforeStage { before: "applied_on", date: applied_on },
        );
    }
    if r.decided_on.is_some() != r.decision.is_some() {
        add("decision", StatusProblem::Incomplete);
    }
    if let Some(decided_on) = r.decided_on {
        if decided_on < applied_on {
            add(
                "decided_on",
                StatusProblem::BeforeStage { before: "applied_on", date: applied_on },
            );
        } else if let Some(rec) = r.recommended_on.filter(|&rec| decided_on < rec) {
            add("decided_on", StatusProblem::BeforeStage { before: "recommended_on", date: rec });
        }
    }
    let reason = r.refusal_reason.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match r.decision {
        Some(Decision::Refused) if reason.is_none() => {
            add("refusal_reason", StatusProblem::RefusalReasonMissing)
        }
        Some(Decision::Granted) | None if reason.is_some() => {
            add("refusal_reason", StatusProblem::ReasonWithoutRefusal)
        }
        _ => {}
    }
    let granted = r.decision == Some(Decision::Granted) && r.decided_on.is_some();
    if r.extended_on.is_some() != r.extension_months.is_some() {
        add("extension_months", StatusProblem::Incomplete);
    }
    if let Some(extended_on) = r.extended_on {
        if !granted {
            add("extended_on", StatusProblem::NotGranted);
        } else if let (Some(decided_on), Some(until)) = (r.decided_on, r.granted_until()) {
            if extended_on < decided_on {
                add(
                    "extended_on",
                    StatusProblem::BeforeStage { before: "decided_on", date: decided_on },
                );
            } else if extended_on > until {
                add("extended_on", StatusProblem::ExtendedAfterExpiry { until });
            }
        }
    }
    if let Some(months) = r.extension_months {
        if !(1..=MAX_EXTENSION_MONTHS).contains(&months) {
            add("extension_months", StatusProblem::ExtensionLength { months });
        }
    }
    if r.ended_on.is_some() != r.end_reason.is_some() {
        add("end_reason", StatusProblem::Incomplete);
    }
    if let Some(ended_on) = r.ended_on {
        if !granted {
            add("ended_on", StatusProblem::NotGranted);
        } else if let Some(decided_on) = r.decided_on.filter(|&d| ended_on < d) {
            add("ended_on", StatusProblem::BeforeStage { before: "decided_on", date: decided_on });
        } else if r.extended_on.is_some_and(|e| ended_on < e) {
            add("extended_on", StatusProblem::AlreadyEnded { on: ended_on });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Extends a granted status once, on `on`, by the rules' length; refuses a second extension,
/// an extension of a status that was not granted, ended or expired.
pub fn extend(
    record: &StatusRecord,
    on: NaiveDate,
    months: u32,
    today: NaiveDate,
) -> Result<StatusRecord, Vec<FieldError>> {
    if let Some(first) = record.extended_on {
        return Err(vec![FieldError::new(
            "extended_on",
            &StatusProblem::AlreadyExtended { on: first },
        )]);
    }
    if let Some(ended) = record.ended_on.filter(|&e| e <= on) {
        return Err(vec![FieldError::new(
            "extended_on",
            &StatusProblem::AlreadyEnded { on: ended },
        )]);
    }
    let mut next = record.clone();
    next.extended_on = Some(on);
    next.extension_months = Some(months);
    check_record(&next, today)?;
    Ok(next)
}

/// Ends a granted status on `on` (the first day without it) for `reason`.
pub fn end(
    record: &StatusRecord,
    on: NaiveDate,
    reason: EndReason,
    today: NaiveDate,
) -> Result<StatusRecord, Vec<FieldError>> {
    if let Some(ended) = record.ended_on {
        return Err(vec![FieldError::new("ended_on", &StatusProblem::AlreadyEnded { on: ended })]);
    }
    let mut next = record.clone();
    next.ended_on = Some(on);
    next.end_reason = Some(reason);
    check_record(&next, today)?;
    Ok(next)
}

/// Whether a new application may start a new record after this one: the old one is refused,
/// ended or expired on `on`.
pub fn is_closed(record: &StatusRecord, on: NaiveDate, rules: &StatusRules) -> bool {
    matches!(
        status_on(record, on, rules),
        StatusState::Refused { .. }
            | StatusState::Expired { .. }
            | StatusState::EndedByCitizenship { .. }
            | StatusState::Ended { .. }
    )
}

/// Reads a span of days written `30d`, `30`, `2w` (weeks) or `1m` (30 days); `None` otherwise.
pub fn parse_days(s: &str) -> Option<i64> {
    let s = s.trim().to_lowercase();
    let (number, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.split_at(i),
        None => (s.as_str(), "d"),
    };
    let n: i64 = number.parse().ok()?;
    let days = match unit.trim() {
        "d" | "day" | "days" | "к" | "күн" | "дн" | "д" => n,
        "w" | "week" | "weeks" | "апта" | "нед" => n.checked_mul(7)?,
        "m" | "month" | "months" | "ай" | "мес" => n.checked_mul(30)?,
        _ => return None,
    };
    (0..=3660).contains(&days).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rules() -> StatusRules {
        StatusRules::default()
    }

    /// Applied 01.02.2025, recommended 20.02.2025, granted 10.03.2025.
    fn granted() -> StatusRecord {
        StatusRecord {
            applied_on: Some(d("2025-02-01")),
            recommended_on: Some(d("2025-02-20")),
            recommendation: Some(Recommendation::Recommended),
            decided_on: Some(d("2025-03-10")),
            decision: Some(Decision::Granted),
            ..StatusRecord::default()
        }
    }

    fn extended() -> StatusRecord {
        StatusRecord { extended_on: Some(d("2026-02-15")), extension_months: Some(6), ..granted() }
    }

    fn state(r: &StatusRecord, on: &str) -> StatusState {
        status_on(r, d(on), &rules())
    }

    #[rstest]
    #[case("2025-01-31", StatusState::NoStatus)]
    #[case("2025-02-01", StatusState::Applied { since: d("2025-02-01") })]
    #[case("2025-02-19", StatusState::Applied { since: d("2025-02-01") })]
    #[case("2025-02-20", StatusState::Recommended { since: d("2025-02-20"), recommendation: Recommendation::Recommended })]
    #[case("2025-03-09", StatusState::Recommended { since: d("2025-02-20"), recommendation: Recommendation::Recommended })]
    #[case("2025-03-10", StatusState::Granted { from: d("2025-03-10"), until: d("2026-03-10") })]
    #[case("2026-03-10", StatusState::Granted { from: d("2025-03-10"), until: d("2026-03-10") })]
    #[case("2026-03-11", StatusState::Expired { on: d("2026-03-11") })]
    #[case("2030-01-01", StatusState::Expired { on: d("2026-03-11") })]
    fn granted_status_around_each_boundary(#[case] on: &str, #[case] expected: StatusState) {
        assert_eq!(state(&granted(), on), expected);
    }

    #[rstest]
    #[case("2026-02-14", StatusState::Granted { from: d("2025-03-10"), until: d("2026-03-10") })]
    #[case("2026-02-15", StatusState::Extended { from: d("2025-03-10"), until: d("2026-09-10") })]
    #[case("2026-03-11", StatusState::Extended { from: d("2025-03-10"), until: d("2026-09-10") })]
    #[case("2026-09-10", StatusState::Extended { from: d("2025-03-10"), until: d("2026-09-10") })]
    #[case("2026-09-11", StatusState::Expired { on: d("2026-09-11") })]
    fn extended_status_around_each_boundary(#[case] on: &str, #[case] expected: StatusState) {
        assert_eq!(state(&extended(), on), expected);
    }

    #[rstest]
    #[case("2026-05-31", "extended")]
    #[case("2026-06-01", "ended_by_citizenship")]
    #[case("2027-01-01", "ended_by_citizenship")]
    fn citizenship_ends_the_status_from_its_day(#[case] on: &str, #[case] name: &str) {
        let r = end(&extended(), d("2026-06-01"), EndReason::Citizenship, d("2026-06-01"))
            .expect("ends");
        let s = state(&r, on);
        assert_eq!(s.name(), name, "{s:?}");
        if name == "ended_by_citizenship" {
            assert_eq!(s, StatusState::EndedByCitizenship { on: d("2026-06-01") });
            assert_eq!(days_left(&s, d(on)), None);
        }
    }

    #[test]
    fn citizenship_after_expiry_shows_expired_until_that_day() {
        let r = end(&granted(), d("2026-05-01"), EndReason::Citizenship, d("2026-05-01"))
            .expect("ends");
        assert_eq!(state(&r, "2026-04-30"), StatusState::Expired { on: d("2026-03-11") });
        assert_eq!(
            state(&r, "2026-05-01"),
            StatusState::EndedByCitizenship { on: d("2026-05-01") }
        );
    }

    #[test]
    fn other_end_reasons_are_kept() {
        let r = end(&granted(), d("2025-06-01"), EndReason::LeftCountry, d("2025-06-01"))
            .expect("ends");
        assert_eq!(
            state(&r, "2025-06-01"),
            StatusState::Ended { on: d("2025-06-01"), reason: EndReason::LeftCountry }
        );
    }

    #[test]
    fn refused_and_not_recommended() {
        let r = StatusRecord {
            recommendation: Some(Recommendation::NotRecommended),
            decision: Some(Decision::Refused),
            refusal_reason: Some("national origin not confirmed".into()),
            ..granted()
        };
        assert_eq!(
            state(&r, "2025-03-01"),
            StatusState::Recommended {
                since: d("2025-02-20"),
                recommendation: Recommendation::NotRecommended
            }
        );
        assert_eq!(
            state(&r, "2025-03-10"),
            StatusState::Refused {
                on: d("2025-03-10"),
                reason: "national origin not confirmed".into()
            }
        );
        assert!(is_closed(&r, d("2025-03-10"), &rules()));
        assert!(!is_closed(&granted(), d("2026-03-10"), &rules()));
        assert!(is_closed(&granted(), d("2026-03-11"), &rules()));
    }

    #[rstest]
    #[case("2025-03-10", Some(365))]
    #[case("2026-03-09", Some(1))]
    #[case("2026-03-10", Some(0))]
    #[case("2026-03-11", None)]
    #[case("2025-03-09", None)]
    fn days_left_counts_to_the_last_day(#[case] on: &str, #[case] left: Option<i64>) {
        assert_eq!(days_left(&state(&granted(), on), d(on)), left);
    }

    #[test]
    fn a_year_from_the_29th_of_february_ends_on_the_28th() {
        let r = StatusRecord {
            applied_on: Some(d("2024-02-01")),
            decided_on: Some(d("2024-02-29")),
            decision: Some(Decision::Granted),
            ..StatusRecord::default()
        };
        assert_eq!(r.granted_until(), Some(d("2025-02-28")));
        assert_eq!(state(&r, "2025-02-28").name(), "granted");
        assert_eq!(state(&r, "2025-03-01"), StatusState::Expired { on: d("2025-03-01") });
    }

    #[test]
    fn the_extension_length_is_fixed_in_the_record() {
        let three = StatusRecord { extension_months: Some(3), ..extended() };
        assert_eq!(three.extended_until(), Some(d("2026-06-10")));
        let other_rules = StatusRules { extension_months: 3 };
        assert_eq!(status_on(&extended(), d("2026-08-01"), &other_rules).name(), "extended");
    }

    #[test]
    fn extension_is_once_and_while_in_force() {
        let today = d("2026-12-31");
        let ok = extend(&granted(), d("2026-03-10"), 6, today).expect("last day is in time");
        assert_eq!(ok.extended_until(), Some(d("2026-09-10")));
        let late = extend(&granted(), d("2026-03-11"), 6, today).expect_err("expired");
        assert_eq!(late[0].code, "status-extended-after-expiry");
        assert_eq!(late[0].args.get("until").map(String::as_str), Some("2026-03-10"));
        let twice = extend(&ok, d("2026-04-01"), 6, today).expect_err("once");
        assert_eq!(twice[0].code, "status-already-extended");
        let refused = StatusRecord {
            decision: Some(Decision::Refused),
            refusal_reason: Some("x".into()),
            ..granted()
        };
        let e = extend(&refused, d("2025-04-01"), 6, today).expect_err("not granted");
        assert_eq!(e[0].code, "status-not-granted");
        let e = extend(&granted(), d("2025-04-01"), 0, today).expect_err("zero months");
        assert_eq!(e[0].field, "extension_months");
        let future = extend(&granted(), d("2026-01-01"), 6, d("2025-12-31")).expect_err("future");
        assert_eq!(future[0].code, "status-date-in-future");
    }

    #[test]
    fn stages_in_order_and_complete() {
        let today = d("2026-12-31");
        assert_eq!(check_record(&granted(), today), Ok(()));
        let early = StatusRecord { decided_on: Some(d("2025-02-10")), ..granted() };
        let e = check_record(&early, today).expect_err("before recommendation");
        assert_eq!(e[0].field, "decided_on");
        assert_eq!(e[0].args.get("stage").map(String::as_str), Some("recommended_on"));
        let no_reason = StatusRecord { decision: Some(Decision::Refused), ..granted() };
        let e = check_record(&no_reason, today).expect_err("refusal needs a reason");
        assert_eq!(e[0].code, "status-refusal-reason-missing");
        let orphan = StatusRecord { decided_on: Some(d("2025-03-01")), ..StatusRecord::default() };
        let e = check_record(&orphan, today).expect_err("no application");
        assert_eq!(e[0].field, "applied_on");
        let half = StatusRecord { decision: None, ..granted() };
        let e = check_record(&half, today).expect_err("date without decision");
        assert_eq!(e[0].field, "decision");
        let e = end(&granted(), d("2025-03-01"), EndReason::Citizenship, today)
            .expect_err("before the decision");
        assert_eq!(e[0].field, "ended_on");
        let ended = end(&granted(), d("2025-06-01"), EndReason::Death, today).expect("ends");
        let e = end(&ended, d("2025-07-01"), EndReason::Citizenship, today).expect_err("twice");
        assert_eq!(e[0].code, "status-already-ended");
        let e = extend(&ended, d("2025-07-01"), 6, today).expect_err("ended");
        assert_eq!(e[0].code, "status-already-ended");
    }

    #[rstest]
    #[case("30d", Some(30))]
    #[case("30", Some(30))]
    #[case(" 7 d ", Some(7))]
    #[case("2w", Some(14))]
    #[case("1m", Some(30))]
    #[case("0d", Some(0))]
    #[case("30 күн", Some(30))]
    #[case("d", None)]
    #[case("-3d", None)]
    #[case("30y", None)]
    #[case("99999d", None)]
    fn spans_of_days(#[case] s: &str, #[case] days: Option<i64>) {
        assert_eq!(parse_days(s), days);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// A granted status is in force exactly from its decision to `valid_until`, and
            /// `days_left` falls by one each day down to 0.
            #[test]
            fn in_force_exactly_within_the_term(offset in 0i64..800, ext in proptest::bool::ANY) {
                let r = if ext { extended() } else { granted() };
                let on = d("2025-03-10") + chrono::Duration::days(offset);
                let s = status_on(&r, on, &rules());
                let until = r.valid_until().unwrap();
                prop_assert_eq!(s.in_force(), on <= until);
                let term_until = if r.extended_on.is_some_and(|e| e <= on) {
                    r.extended_until()
                } else {
                    r.granted_until()
                };
                if on <= until {
                    prop_assert_eq!(days_left(&s, on), Some((term_until.unwrap() - on).num_days()));
                }
            }
        }
    }
}
