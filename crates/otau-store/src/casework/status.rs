//! Kandas statuses in the store: recording the stages of a person's status, extending and
//! ending it, its state on a date, and the list of statuses ending soon.
//!
//! # Design
//! A status belongs to a person (see `otau_core::casework::status` for why). Each application
//! is one row of `kandas_statuses`; a person's current status is their latest application. A
//! new application starts a new row only when the latest one is closed (refused, expired or
//! ended) on the new application's date; otherwise the stages given are merged into the latest
//! row. A stage already recorded with another value is a correction and needs a reason (kept in
//! the audit). Every operation can act on one person or on every member of their family at
//! once (children follow the applicant), in one transaction.
//!
//! The row stores the dates derived when a stage is recorded (`granted_until`,
//! `extended_until`, `valid_until`), so the list of statuses ending soon is an index range
//! and a later change of the rules never moves a term already given.

use crate::casework::settings::{family_regno_in, members_in, person_in, status_rules_in};
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::registry::PersonRec;
use crate::users::Action;
use crate::write::Change;
use crate::Store;
use chrono::{Days, NaiveDate};
use otau_core::casework::status::{
    self as rules, days_left, status_on, Decision, EndReason, Recommendation, StatusRecord,
    StatusState,
};
use otau_core::FieldError;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many days ahead the home screen warns of statuses ending.
pub const DEFAULT_DUE_DAYS: i64 = 30;

/// A row of `kandas_statuses`: one application of one person, with its stages.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRec {
    /// Id.
    pub id: Uuid,
    /// The person.
    pub person_id: Uuid,
    /// Day of the application.
    pub applied_on: NaiveDate,
    /// Day of the commission's recommendation.
    pub recommended_on: Option<NaiveDate>,
    /// The recommendation.
    pub recommendation: Option<Recommendation>,
    /// Day of the decision.
    pub decided_on: Option<NaiveDate>,
    /// The decision.
    pub decision: Option<Decision>,
    /// Why it was refused.
    pub refusal_reason: Option<String>,
    /// Last day of the first year (derived, stored with the decision).
    pub granted_until: Option<NaiveDate>,
    /// Day the extension was decided.
    pub extended_on: Option<NaiveDate>,
    /// The extension's length, as the rules said on that day.
    pub extension_months: Option<u32>,
    /// Last day of the extension (derived).
    pub extended_until: Option<NaiveDate>,
    /// First day without the status.
    pub ended_on: Option<NaiveDate>,
    /// Why it ended.
    pub end_reason: Option<EndReason>,
    /// A note on the end.
    pub end_note: Option<String>,
    /// Last day in force as things stand (derived: the extension's end, else the year's).
    pub valid_until: Option<NaiveDate>,
    /// Version.
    pub version: i64,
}

impl Record for StatusRec {
    const TABLE: &'static str = "kandas_statuses";
    const ENTITY: &'static str = "kandas_status";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn subject(&self) -> Option<Uuid> {
        Some(self.person_id)
    }
}

impl StatusRec {
    /// The stages as the domain rules see them.
    pub fn stages(&self) -> StatusRecord {
        StatusRecord {
            applied_on: Some(self.applied_on),
            recommended_on: self.recommended_on,
            recommendation: self.recommendation,
            decided_on: self.decided_on,
            decision: self.decision,
            refusal_reason: self.refusal_reason.clone(),
            extended_on: self.extended_on,
            extension_months: self.extension_months,
            ended_on: self.ended_on,
            end_reason: self.end_reason,
        }
    }

    /// A record with these stages and the dates derived from them.
    fn with_stages(&self, r: &StatusRecord) -> StatusRec {
        StatusRec {
            applied_on: r.applied_on.unwrap_or(self.applied_on),
            recommended_on: r.recommended_on,
            recommendation: r.recommendation,
            decided_on: r.decided_on,
            decision: r.decision,
            refusal_reason: r
                .refusal_reason
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            granted_until: r.granted_until(),
            extended_on: r.extended_on,
            extension_months: r.extension_months,
            extended_until: r.extended_until(),
            ended_on: r.ended_on,
            end_reason: r.end_reason,
            valid_until: r.valid_until(),
            ..self.clone()
        }
    }
}

/// The stages to record; those left `None` stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusStages {
    /// Day of the application.
    #[serde(default)]
    pub applied_on: Option<NaiveDate>,
    /// Day of the recommendation.
    #[serde(default)]
    pub recommended_on: Option<NaiveDate>,
    /// The recommendation.
    #[serde(default)]
    pub recommendation: Option<Recommendation>,
    /// Day of the decision.
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    /// The decision.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Why it was refused.
    #[serde(default)]
    pub refusal_reason: Option<String>,
}

/// Whom an operation acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The person named.
    Person,
    /// Every member of the person's family.
    Family,
}

/// A person's status on a date, as the card and `otau status show` show it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusView {
    /// The person's registration number.
    pub regno: String,
    /// Name as written.
    pub name: String,
    /// The family's registration number.
    pub family_regno: String,
    /// The date the state is for.
    pub on: NaiveDate,
    /// The state on that date.
    pub state: StatusState,
    /// Days left in force (0 on the last day), while in force.
    pub days_left: Option<i64>,
    /// Whether the status can still be extended (granted, in force, not extended yet).
    pub can_extend: bool,
    /// The current application (the latest), if any.
    pub current: Option<StatusRec>,
    /// Every application, oldest first.
    pub history: Vec<StatusRec>,
}

/// A status ending soon (the home screen's warning, `otau status due`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusDue {
    /// The person's registration number.
    pub regno: String,
    /// Name as written.
    pub name: String,
    /// The family's registration number.
    pub family_regno: String,
    /// The state today.
    pub state: StatusState,
    /// Last day in force.
    pub until: NaiveDate,
    /// Days left (0 on the last day).
    pub days_left: i64,
    /// Whether it can still be extended.
    pub can_extend: bool,
}

fn history_in(conn: &Connection, person_id: Uuid) -> Result<Vec<StatusRec>> {
    Ok(conn
        .prepare_cached(
            "SELECT * FROM kandas_statuses WHERE person_id = ?1 ORDER BY applied_on, id",
        )?
        .query_map([person_id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

fn latest_in(conn: &Connection, person_id: Uuid) -> Result<Option<StatusRec>> {
    Ok(conn
        .prepare_cached(
            "SELECT * FROM kandas_statuses WHERE person_id = ?1
             ORDER BY applied_on DESC, id DESC LIMIT 1",
        )?
        .query_row([person_id.to_string()], from_row)
        .optional()?)
}

pub(crate) fn view_in(conn: &Connection, person: &PersonRec, on: NaiveDate) -> Result<StatusView> {
    let rules = status_rules_in(conn)?;
    let history = history_in(conn, person.id)?;
    let current = history.last().cloned();
    let state = current
        .as_ref()
        .map(|c| status_on(&c.stages(), on, &rules))
        .unwrap_or(StatusState::NoStatus);
    let can_extend = matches!(state, StatusState::Granted { .. })
        && current.as_ref().is_some_and(|c| c.extended_on.is_none());
    Ok(StatusView {
        regno: person.regno.clone(),
        name: person.full_name(),
        family_regno: family_regno_in(conn, person.family_id)?,
        on,
        days_left: days_left(&state, on),
        state,
        can_extend,
        current,
        history,
    })
}

/// The persons an operation acts on.
fn targets(conn: &Connection, regno: &str, scope: Scope) -> Result<Vec<PersonRec>> {
    let person = person_in(conn, regno)?;
    match scope {
        Scope::Person => Ok(vec![person]),
        Scope::Family => members_in(conn, person.family_id),
    }
}

/// Field errors of one person of a family-wide operation carry the person's number.
fn for_person(errors: Vec<FieldError>, person: &PersonRec) -> StoreError {
    StoreError::Invalid(errors.into_iter().map(|e| e.with_arg("regno", &person.regno)).collect())
}

/// Merges `stages` into `target`; a stage recorded with another value needs a correction.
fn merge(target: &mut StatusRecord, stages: &StatusStages, correcting: bool) -> Vec<FieldError> {
    fn put<T: PartialEq + Clone + ToString>(
        errors: &mut Vec<FieldError>,
        field: &str,
        slot: &mut Option<T>,
        value: &Option<T>,
        correcting: bool,
    ) {
        let Some(value) = value else { return };
        match slot {
            Some(old) if old != value && !correcting => errors.push(
                FieldError::bare(field, "status-stage-recorded").with_arg("value", old.to_string()),
            ),
            _ => *slot = Some(value.clone()),
        }
    }
    let mut errors = vec![];
    put(&mut errors, "applied_on", &mut target.applied_on, &stages.applied_on, correcting);
    put(
        &mut errors,
        "recommended_on",
        &mut target.recommended_on,
        &stages.recommended_on,
        correcting,
    );
    let rec = stages.recommendation.map(RecommendationText);
    let mut slot = target.recommendation.map(RecommendationText);
    put(&mut errors, "recommendation", &mut slot, &rec, correcting);
    target.recommendation = slot.map(|r| r.0);
    put(&mut errors, "decided_on", &mut target.decided_on, &stages.decided_on, correcting);
    let dec = stages.decision.map(DecisionText);
    let mut slot = target.decision.map(DecisionText);
    put(&mut errors, "decision", &mut slot, &dec, correcting);
    target.decision = slot.map(|d| d.0);
    let reason = stages
        .refusal_reason
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    put(&mut errors, "refusal_reason", &mut target.refusal_reason, &reason, correcting);
    errors
}

#[derive(Clone, Copy, PartialEq)]
struct RecommendationText(Recommendation);
impl std::fmt::Display for RecommendationText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Recommendation::Recommended => "recommended",
            Recommendation::NotRecommended => "not_recommended",
        })
    }
}

#[derive(Clone, Copy, PartialEq)]
struct DecisionText(Decision);
impl std::fmt::Display for DecisionText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Decision::Granted => "granted",
            Decision::Refused => "refused",
        })
    }
}

/// Writes `next` over `current` (or inserts it), with the correction reason if any.
fn save(
    change: &mut Change<'_>,
    person: &PersonRec,
    current: Option<&StatusRec>,
    next: &StatusRecord,
    reason: Option<String>,
    end_note: Option<&str>,
) -> Result<()> {
    change.set_reason(reason);
    match current {
        Some(before) => {
            let mut after = before.with_stages(next);
            if let Some(note) = end_note {
                after.end_note = Some(note.to_string());
            }
            change.update(before, &mut after)?;
        }
        None => {
            let blank = StatusRec {
                id: Uuid::now_v7(),
                person_id: person.id,
                applied_on: next.applied_on.unwrap_or_default(),
                recommended_on: None,
                recommendation: None,
                decided_on: None,
                decision: None,
                refusal_reason: None,
                granted_until: None,
                extended_on: None,
                extension_months: None,
                extended_until: None,
                ended_on: None,
                end_reason: None,
                end_note: None,
                valid_until: None,
                version: 0,
            };
            let mut rec = blank.with_stages(next);
            rec.end_note = end_note.map(str::to_string);
            change.insert(&mut rec)?;
        }
    }
    change.set_reason(None);
    Ok(())
}

impl Store {
    /// Records stages of the kandas status of a person (or of every member of their family).
    ///
    /// A stage already recorded with another value is refused with `status-stage-recorded`
    /// unless `correction` gives the reason for correcting it. Returns each person's status
    /// on `today`.
    pub fn record_status(
        &mut self,
        ctx: &Context,
        regno: &str,
        stages: &StatusStages,
        scope: Scope,
        correction: Option<&str>,
    ) -> Result<Vec<StatusView>> {
        ctx.actor.require(Action::EditRegistry)?;
        let correction = correction.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        self.write(ctx, "status.record", |change| {
            let rules = status_rules_in(change.tx())?;
            let persons = targets(change.tx(), regno, scope)?;
            let mut views = vec![];
            for person in &persons {
                let latest = latest_in(change.tx(), person.id)?;
                // A new application after a closed one starts a new record.
                let fresh = match (&latest, stages.applied_on) {
                    (None, _) => true,
                    (Some(l), Some(a)) => {
                        a > l.applied_on && rules::is_closed(&l.stages(), a, &rules)
                    }
                    (Some(_), None) => false,
                };
                let mut next = if fresh {
                    StatusRecord::default()
                } else {
                    latest.as_ref().map(StatusRec::stages).unwrap_or_default()
                };
                let errors = merge(&mut next, stages, correction.is_some());
                if !errors.is_empty() {
                    return Err(for_person(errors, person));
                }
                if next.applied_on.is_none() {
                    return Err(for_person(
                        vec![FieldError::new("applied_on", &rules::StatusProblem::NoApplication)],
                        person,
                    ));
                }
                rules::check_record(&next, ctx.today).map_err(|e| for_person(e, person))?;
                let current = if fresh { None } else { latest.as_ref() };
                save(change, person, current, &next, correction.clone(), None)?;
                views.push(view_in(change.tx(), person, ctx.today)?);
            }
            Ok(views)
        })
    }

    /// Extends the status once, decided on `on`, by `months` (default: the rules' length).
    /// With [`Scope::Family`], every member with a status is extended.
    pub fn extend_status(
        &mut self,
        ctx: &Context,
        regno: &str,
        on: NaiveDate,
        months: Option<u32>,
        scope: Scope,
    ) -> Result<Vec<StatusView>> {
        ctx.actor.require(Action::EditRegistry)?;
        self.write(ctx, "status.extend", |change| {
            let rules = status_rules_in(change.tx())?;
            let months = months.unwrap_or(rules.extension_months);
            each_status(change, regno, scope, ctx.today, None, |record| {
                rules::extend(record, on, months, ctx.today)
            })
        })
    }

    /// Ends the status from `on` (the first day without it) for `reason`.
    pub fn end_status(
        &mut self,
        ctx: &Context,
        regno: &str,
        on: NaiveDate,
        reason: EndReason,
        note: Option<&str>,
        scope: Scope,
    ) -> Result<Vec<StatusView>> {
        ctx.actor.require(Action::EditRegistry)?;
        let note = note.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        self.write(ctx, "status.end", |change| {
            each_status(change, regno, scope, ctx.today, note.as_deref(), |record| {
                rules::end(record, on, reason, ctx.today)
            })
        })
    }

    /// A person's status on `on`, with every application.
    pub fn status(&self, regno: &str, on: NaiveDate) -> Result<StatusView> {
        let person = person_in(self.conn(), regno)?;
        view_in(self.conn(), &person, on)
    }

    /// Statuses in force on `today` that end within `within_days` days (on the last day or
    /// before), soonest first.
    pub fn statuses_due(&self, today: NaiveDate, within_days: i64) -> Result<Vec<StatusDue>> {
        let rules = status_rules_in(self.conn())?;
        let last = today.checked_add_days(Days::new(within_days.max(0) as u64)).unwrap_or(today);
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.*, p.regno AS p_regno FROM kandas_statuses s
             JOIN persons p ON p.id = s.person_id
             WHERE s.valid_until >= ?1 AND s.valid_until <= ?2
               AND (s.ended_on IS NULL OR s.ended_on > ?1)
             ORDER BY s.valid_until, p.regno",
        )?;
        let rows: Vec<(StatusRec, String)> = stmt
            .query_map([today.to_string(), last.to_string()], |r| {
                Ok((from_row::<StatusRec>(r)?, r.get("p_regno")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = vec![];
        for (rec, regno) in rows {
            // Only the latest application of a person speaks for them.
            if latest_in(self.conn(), rec.person_id)?.map(|l| l.id) != Some(rec.id) {
                continue;
            }
            let state = status_on(&rec.stages(), today, &rules);
            let Some(until) = state.until().filter(|u| *u <= last) else { continue };
            let person = person_in(self.conn(), &regno)?;
            out.push(StatusDue {
                regno,
                name: person.full_name(),
                family_regno: family_regno_in(self.conn(), person.family_id)?,
                days_left: (until - today).num_days(),
                can_extend: matches!(state, StatusState::Granted { .. })
                    && rec.extended_on.is_none(),
                until,
                state,
            });
        }
        Ok(out)
    }
}

/// Applies a rule to the current status of each target person (those without one are skipped
/// in a family; a person alone without one is refused).
fn each_status(
    change: &mut Change<'_>,
    regno: &str,
    scope: Scope,
    today: NaiveDate,
    end_note: Option<&str>,
    rule: impl Fn(&StatusRecord) -> std::result::Result<StatusRecord, Vec<FieldError>>,
) -> Result<Vec<StatusView>> {
    let persons = targets(change.tx(), regno, scope)?;
    let mut views = vec![];
    for person in &persons {
        let Some(latest) = latest_in(change.tx(), person.id)? else { continue };
        let next = rule(&latest.stages()).map_err(|e| for_person(e, person))?;
        save(change, person, Some(&latest), &next, None, end_note)?;
        views.push(view_in(change.tx(), person, today)?);
    }
    if views.is_empty() {
        let person = persons.first().map(|p| p.regno.clone()).unwrap_or_default();
        return Err(StoreError::Invalid(vec![
            FieldError::bare("regno", "status-none").with_arg("regno", person)
        ]));
    }
    Ok(views)
}
