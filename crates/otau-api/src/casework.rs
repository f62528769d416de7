//! Case work at the desk: the kandas status, the family's quota inclusion, the adaptation plan
//! with its services and stay, and the office-wide case-work screen, as plain [`Desk`] methods
//! taking the moment and the date (tested here without a window).
//!
//! # Design
//! The forms arrive as typed (dates as text, numbers as text), are read here into the store's
//! inputs, and go to the same store functions the `otau status|quota|plan|service` commands
//! call; every rule (terms, the one extension and its length, the quota in force and what is
//! left, plan and service checks) stays in `otau-core` and `otau-store`. A date or a number that
//! cannot be read becomes a field problem, like the store's own, so the UI shows every problem
//! next to its field. What the forms start from (a status form with the stages already
//! recorded, or blank for a new application) is decided here too, never in the UI.

use chrono::{Datelike, NaiveDate};
use otau_core::casework::plan::{PlanArea, PlanItemState, ServiceKind};
use otau_core::casework::quota::{QuotaLine, QuotaRow};
use otau_core::casework::status::{is_closed, Decision, EndReason, Recommendation};
use otau_core::FieldError;
use otau_store::casework::plan::{
    MonthServices, NewPlanItem, NewService, PlanItemChange, PlanView, ServiceView,
};
use otau_store::casework::quota::{InclusionRec, QuotaSummary};
use otau_store::casework::status::{Scope, StatusDue, StatusStages, StatusView, DEFAULT_DUE_DAYS};
use otau_store::{Action, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::desk::Desk;
use crate::error::{code, ApiError, ApiResult};
use crate::form::{display_date, parse_date};
use crate::Now;

/// Error codes of case work at the desk; each is a message in `assets/i18n/*/ui-casework.ftl`.
pub mod casework_code {
    /// A field the form needs is empty.
    pub const REQUIRED: &str = "ui-casework-required";
    /// A number typed in a form is not a whole number.
    pub const NUMBER: &str = "ui-casework-number";
    /// Every code above, for the test that they are all translated.
    #[cfg(test)]
    pub const ALL: [&str; 2] = [REQUIRED, NUMBER];
}

/// The recording of a status decision, as typed: the stages in order, each date as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct StatusForm {
    /// Day of the application.
    pub applied_on: String,
    /// Day of the commission's recommendation.
    pub recommended_on: String,
    /// What the commission recommended.
    pub recommendation: Option<Recommendation>,
    /// Day of the decision.
    pub decided_on: String,
    /// The decision.
    pub decision: Option<Decision>,
    /// Why it was refused.
    pub refusal_reason: String,
    /// Why a stage already recorded is changed (empty unless correcting).
    pub correction: String,
    /// For every member of the family at once.
    pub family: bool,
}

/// The extension of a status, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ExtendForm {
    /// Day the extension was decided.
    pub extended_on: String,
    /// For every member of the family with a status.
    pub family: bool,
}

/// The end of a status, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct EndForm {
    /// The first day without the status.
    pub ended_on: String,
    /// Why it ended.
    pub end_reason: Option<EndReason>,
    /// A note (required in words for another reason by the office's practice, optional here).
    pub note: String,
    /// For every member of the family with a status.
    pub family: bool,
}

/// The inclusion of the family in its region's quota, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct InclusionForm {
    /// Day of the decision.
    pub decided_on: String,
    /// People included (empty: every member).
    pub people: String,
    /// The decision's number or a note.
    pub note: String,
}

/// The case-work panel of a person card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseworkPanel {
    /// The date the panel is for.
    pub today: NaiveDate,
    /// Today as the forms show it (the default date of a new decision).
    pub today_display: String,
    /// The person's status today, with every stage.
    pub status: StatusView,
    /// The status form to start from: the current application's stages, or blank when a new
    /// application is due (none yet, or the last one is closed).
    pub status_form: StatusForm,
    /// The length of the one extension, in months (reference data).
    pub extension_months: u32,
    /// Members of the family (the "whole family" choice says how many).
    pub family_size: i64,
    /// The family's inclusion in a quota, if it was included.
    pub inclusion: Option<InclusionRec>,
    /// The quota of the family's region this year, and what is left.
    pub quota: QuotaLine,
}

/// A member of the family, for choosing whom a service was given to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanMember {
    /// Registration number.
    pub regno: String,
    /// Name as written.
    pub name: String,
}

/// A user of the office, for choosing who is responsible or who gave a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OfficeUser {
    /// Login.
    pub login: String,
    /// Full name, if recorded.
    pub full_name: Option<String>,
}

/// The family's adaptation plan screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanScreen {
    /// Today as the forms show it.
    pub today_display: String,
    /// The plan, its services and the stay, as on today.
    pub plan: PlanView,
    /// The family's members, the head first.
    pub members: Vec<PlanMember>,
    /// Active users of the office.
    pub users: Vec<OfficeUser>,
    /// The plan's areas, in the plan's order.
    pub areas: Vec<PlanArea>,
    /// The states of an item.
    pub states: Vec<PlanItemState>,
    /// The 25 kinds of service, in the order of their groups.
    pub service_kinds: Vec<ServiceKind>,
}

/// A new plan item, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct PlanItemForm {
    /// Area of the plan.
    pub area: Option<PlanArea>,
    /// What is to be done.
    pub description: String,
    /// Login of the user responsible (empty: the signed-in user).
    pub responsible: String,
    /// By when.
    pub due_date: String,
    /// A note.
    pub note: String,
}

/// A service given, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ServiceForm {
    /// Kind of service.
    pub kind: Option<ServiceKind>,
    /// The day it was given.
    pub given_on: String,
    /// Login of who gave it (empty: the signed-in user).
    pub given_by: String,
    /// The member served (empty: the family).
    pub person: String,
    /// The plan item it serves, if any.
    pub plan_item: Option<i64>,
    /// A note.
    pub note: String,
}

/// The family's stay, as typed: the planned end and the day the family left.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct StayForm {
    /// Planned last day (empty: unchanged).
    pub planned_end: String,
    /// The day the family left (empty: still at the centre).
    pub ended_on: String,
}

/// The office-wide case-work screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseworkScreen {
    /// The date the screen is for.
    pub today: NaiveDate,
    /// Statuses in force ending within `due_within_days`, soonest first.
    pub due: Vec<StatusDue>,
    /// How far ahead `due` looks.
    pub due_within_days: i64,
    /// The regional quota of the year: quota, used, remaining per region.
    pub quota: QuotaSummary,
    /// Services given this month, counted by kind.
    pub services: MonthServices,
    /// Whether the signed-in user may set a region's quota.
    pub may_set_quota: bool,
}

/// A region's quota for a year from a date, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct QuotaForm {
    /// Region code (`KZ-55`).
    pub region: String,
    /// The year.
    pub year: String,
    /// People.
    pub people: String,
    /// In force from.
    pub effective_from: String,
    /// The order or source.
    pub note: String,
}

/// Reads the text fields of a form, collecting a problem for each that cannot be read.
#[derive(Default)]
struct Reader {
    problems: Vec<FieldError>,
}

impl Reader {
    /// A date, or `None` when empty; an unreadable one is a problem.
    fn date(&mut self, field: &str, text: &str) -> Option<NaiveDate> {
        if text.trim().is_empty() {
            return None;
        }
        let date = parse_date(text);
        if date.is_none() {
            self.problems
                .push(FieldError::bare(field, code::DATE_FORMAT).with_arg("value", text.trim()));
        }
        date
    }

    /// A date the form cannot do without.
    fn required_date(&mut self, field: &str, text: &str) -> Option<NaiveDate> {
        if text.trim().is_empty() {
            self.required(field);
            return None;
        }
        self.date(field, text)
    }

    /// A whole number, or `None` when empty.
    fn number(&mut self, field: &str, text: &str) -> Option<i64> {
        let text = text.trim().replace([' ', '\u{a0}'], "");
        if text.is_empty() {
            return None;
        }
        let number = text.parse::<i64>().ok();
        if number.is_none() {
            self.problems
                .push(FieldError::bare(field, casework_code::NUMBER).with_arg("value", text));
        }
        number
    }

    /// A choice or a text the form cannot do without.
    fn present<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.required(field);
        }
        value
    }

    fn required(&mut self, field: &str) {
        self.problems.push(FieldError::bare(field, casework_code::REQUIRED));
    }

    /// Refuses the form if anything could not be read.
    fn finish(self) -> ApiResult<()> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid(self.problems))
        }
    }
}

fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn scope(family: bool) -> Scope {
    if family {
        Scope::Family
    } else {
        Scope::Person
    }
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(display_date).unwrap_or_default()
}

/// The case-work panel of `regno` on `today`.
fn panel(store: &Store, regno: &str, today: NaiveDate) -> ApiResult<CaseworkPanel> {
    let status = store.status(regno, today)?;
    let rules = store.status_rules()?;
    // A closed application (refused, expired, ended) is followed by a new one: start blank.
    let status_form = match &status.current {
        Some(current) if !is_closed(&current.stages(), today, &rules) => StatusForm {
            applied_on: display_date(current.applied_on),
            recommended_on: date_text(current.recommended_on),
            recommendation: current.recommendation,
            decided_on: date_text(current.decided_on),
            decision: current.decision,
            refusal_reason: current.refusal_reason.clone().unwrap_or_default(),
            correction: String::new(),
            family: false,
        },
        _ => StatusForm::default(),
    };
    let family_size = store.family(regno)?.members.len() as i64;
    Ok(CaseworkPanel {
        today,
        today_display: display_date(today),
        status_form,
        extension_months: rules.extension_months,
        family_size,
        inclusion: store.family_inclusion(regno)?,
        quota: store.quota_for_family(regno, today)?,
        status,
    })
}

fn plan_screen(store: &Store, regno: &str, today: NaiveDate) -> ApiResult<PlanScreen> {
    let plan = store.plan(regno, today)?;
    let family = store.family(regno)?;
    let members = family
        .members
        .iter()
        .map(|m| PlanMember { regno: m.person.regno.clone(), name: m.person.full_name() })
        .collect();
    let users = store
        .users()?
        .into_iter()
        .filter(|u| u.active == 1)
        .map(|u| OfficeUser { login: u.login, full_name: u.full_name })
        .collect();
    Ok(PlanScreen {
        today_display: display_date(today),
        plan,
        members,
        users,
        areas: PlanArea::ALL.to_vec(),
        states: vec![
            PlanItemState::Planned,
            PlanItemState::InProgress,
            PlanItemState::Done,
            PlanItemState::Cancelled,
        ],
        service_kinds: ServiceKind::ALL.to_vec(),
    })
}

impl Desk {
    /// The case-work panel of a person card.
    pub fn casework_panel(&self, regno: &str, today: NaiveDate) -> ApiResult<CaseworkPanel> {
        self.with(|store, _| panel(store, regno, today))
    }

    /// Records the stages of the status decision (for the person or the whole family).
    pub fn record_status(
        &self,
        regno: &str,
        form: &StatusForm,
        now: Now,
    ) -> ApiResult<CaseworkPanel> {
        self.acting(now, |store, ctx| {
            let mut read = Reader::default();
            let stages = StatusStages {
                applied_on: read.required_date("applied_on", &form.applied_on),
                recommended_on: read.date("recommended_on", &form.recommended_on),
                recommendation: form.recommendation,
                decided_on: read.date("decided_on", &form.decided_on),
                decision: form.decision,
                refusal_reason: text(&form.refusal_reason),
            };
            read.finish()?;
            let correction = text(&form.correction);
            store.record_status(ctx, regno, &stages, scope(form.family), correction.as_deref())?;
            panel(store, regno, now.today)
        })
    }

    /// Extends the status once, by the length the reference data gives.
    pub fn extend_status(
        &self,
        regno: &str,
        form: &ExtendForm,
        now: Now,
    ) -> ApiResult<CaseworkPanel> {
        self.acting(now, |store, ctx| {
            let mut read = Reader::default();
            let on = read.required_date("extended_on", &form.extended_on);
            read.finish()?;
            let on = on.unwrap_or(now.today);
            store.extend_status(ctx, regno, on, None, scope(form.family))?;
            panel(store, regno, now.today)
        })
    }

    /// Ends the status (citizenship or another reason) from a date.
    pub fn end_status(&self, regno: &str, form: &EndForm, now: Now) -> ApiResult<CaseworkPanel> {
        self.acting(now, |store, ctx| {
            let mut read = Reader::default();
            let on = read.required_date("ended_on", &form.ended_on);
            let reason = read.present("end_reason", form.end_reason);
            read.finish()?;
            let (Some(on), Some(reason)) = (on, reason) else {
                return Err(ApiError::coded(code::INTERNAL));
            };
            let note = text(&form.note);
            store.end_status(ctx, regno, on, reason, note.as_deref(), scope(form.family))?;
            panel(store, regno, now.today)
        })
    }

    /// Includes the person's family in its region's quota on a decision date.
    pub fn include_in_quota(
        &self,
        regno: &str,
        form: &InclusionForm,
        now: Now,
    ) -> ApiResult<CaseworkPanel> {
        self.acting(now, |store, ctx| {
            let mut read = Reader::default();
            let decided_on = read.required_date("decided_on", &form.decided_on);
            let people = read.number("people", &form.people);
            read.finish()?;
            let decided_on = decided_on.unwrap_or(now.today);
            let note = text(&form.note);
            store.include_in_quota(ctx, regno, decided_on, people, note.as_deref())?;
            panel(store, regno, now.today)
        })
    }

    /// The family's adaptation plan screen.
    pub fn plan_screen(&self, regno: &str, today: NaiveDate) -> ApiResult<PlanScreen> {
        self.with(|store, _| plan_screen(store, regno, today))
    }

    /// Adds an item to the family's plan.
    pub fn add_plan_item(
        &self,
        regno: &str,
        form: &PlanItemForm,
        now: Now,
    ) -> ApiResult<PlanScreen> {
        self.acting(now, |store, ctx| {
            let mut read = Reader::default();
            let area = read.present("area", form.area);
            let description = read.present("description", text(&form.description));
            let due_date = read.date("due_date", &form.due_date);
            read.finish()?;
            let (Some(area), Some(description)) = (area, description) else {
                return Err(ApiError::coded(code::INTERNAL));
            };
            let new = NewPlanItem {
                area,
                description,
                responsible: text(&form.responsible),
                due_date,
                note: text(&form.note),
            };
            store.add_plan_item(ctx, regno, &new)?;
            plan_screen(store, regno, now.today)
        })
    }

    /// Changes the state of an item of the family's plan (done today when it becomes done).
    pub fn update_plan_item(
        &self,
        regno: &str,
        number: i64,
        state: PlanItemState,
        now: Now,
    ) -> ApiResult<PlanScreen> {
        self.acting(now, |store, ctx| {
            let change = PlanItemChange { state: Some(state), ..PlanItemChange::default() };
            store.update_plan_item(ctx, regno, number, &change)?;
            plan_screen(store, regno, now.today)
        })
    }

    /// Records a service given to the family or one member.
    pub fn record_service(
        &self,
        regno: &str,
        form: &ServiceForm,
        now: Now,
    ) -> ApiResult<PlanScreen> {
        self.acting(now, |store, ctx| {
            let mut read = Reader::default();
            let kind = read.present("kind", form.kind);
            let given_on = read.required_date("given_on", &form.given_on);
            read.finish()?;
            let (Some(kind), Some(given_on)) = (kind, given_on) else {
                return Err(ApiError::coded(code::INTERNAL));
            };
            let new = NewService {
                kind,
                given_on,
                person: text(&form.person),
                given_by: text(&form.given_by),
                plan_item: form.plan_item,
                note: text(&form.note),
            };
            let _: ServiceView = store.record_service(ctx, regno, &new)?;
            plan_screen(store, regno, now.today)
        })
    }

    /// Sets the family's stay: its planned end and the day it left the centre.
    pub fn set_stay(&self, regno: &str, form: &StayForm, now: Now) -> ApiResult<PlanScreen> {
        self.acting(now, |store, ctx| {
            let mut read = Reader::default();
            let planned_end = read.date("planned_end", &form.planned_end);
            let ended_on = read.date("ended_on", &form.ended_on);
            read.finish()?;
            store.set_stay(ctx, regno, None, planned_end, ended_on)?;
            plan_screen(store, regno, now.today)
        })
    }

    /// The office-wide case-work screen for `year` (default: this year) on `today`.
    pub fn casework_screen(
        &self,
        year: Option<i32>,
        today: NaiveDate,
    ) -> ApiResult<CaseworkScreen> {
        self.with(|store, actor| screen(store, actor, year.unwrap_or(today.year()), today))
    }

    /// Sets a region's quota for a year from a date (an administrator's work, as the store
    /// rules); returns the screen for that year.
    pub fn set_quota(&self, form: &QuotaForm, now: Now) -> ApiResult<CaseworkScreen> {
        self.acting(now, |store, ctx| {
            let mut read = Reader::default();
            let region = read.present("region", text(&form.region));
            let year = match form.year.trim() {
                "" => {
                    read.required("year");
                    None
                }
                typed => read.number("year", typed),
            };
            let people = match form.people.trim() {
                "" => {
                    read.required("people");
                    None
                }
                typed => read.number("people", typed),
            };
            let effective_from = read.required_date("effective_from", &form.effective_from);
            read.finish()?;
            let (Some(region), Some(year), Some(people), Some(effective_from)) =
                (region, year, people, effective_from)
            else {
                return Err(ApiError::coded(code::INTERNAL));
            };
            let year = i32::try_from(year).map_err(|_| {
                ApiError::invalid(vec![
                    FieldError::bare("year", casework_code::NUMBER).with_arg("value", year)
                ])
            })?;
            let row = QuotaRow { region, year, people, effective_from, note: text(&form.note) };
            store.set_quota(ctx, &row)?;
            screen(store, &ctx.actor, year, now.today)
        })
    }
}

fn screen(
    store: &Store,
    actor: &otau_store::Actor,
    year: i32,
    today: NaiveDate,
) -> ApiResult<CaseworkScreen> {
    Ok(CaseworkScreen {
        today,
        due: store.statuses_due(today, DEFAULT_DUE_DAYS)?,
        due_within_days: DEFAULT_DUE_DAYS,
        quota: store.quota_summary(year, today)?,
        services: store.services_month(today.year(), today.month())?,
        may_set_quota: actor.role.may(Action::ManageReference),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{ConsentForm, DocumentForm, FamilyForm, MemberForm};
    use crate::testkit::{d, now, TODAY};
    use otau_core::casework::status::StatusState;

    use otau_core::model::{DocumentKind, Relation, Sex};

    fn today() -> NaiveDate {
        d(TODAY)
    }

    /// A desk on a new office with a clerk `aigerim` and a manager `bolat`, and a family of
    /// two registered by the clerk (signed in); returns the head's number.
    fn desk() -> (tempfile::TempDir, Desk, String) {
        let (dir, desk) = crate::testkit::desk();
        desk.sign_in("aigerim", "aigerim-password").expect("sign in");
        let regno = desk.register_family(&family(), false, now()).expect("reg").family_regno;
        (dir, desk, regno)
    }

    fn member(relation: Relation, given: &str, birth: &str, sex: Sex) -> MemberForm {
        MemberForm {
            relation,
            surname: "Сейітқали".into(),
            given_name: given.into(),
            patronymic: String::new(),
            surname_latin: String::new(),
            given_name_latin: String::new(),
            patronymic_latin: String::new(),
            birth_date: birth.into(),
            sex: Some(sex),
            iin: String::new(),
            citizenship: String::new(),
            education: None,
            document: DocumentForm {
                kind: DocumentKind::Passport,
                number: String::new(),
                issuing_country: String::new(),
                issued_on: String::new(),
                valid_until: String::new(),
            },
            phone: String::new(),
            email: String::new(),
            consent: ConsentForm {
                basis: Some(otau_core::consent::ConsentBasis::Given),
                given_on: "14.09.2025".into(),
                ..ConsentForm::blank()
            },
        }
    }

    fn family() -> FamilyForm {
        FamilyForm {
            arrival_date: "14.09.2025".into(),
            country_of_origin: "UZ".into(),
            region: "KZ-55".into(),
            settlement: "Павлодар".into(),
            accommodation_category: None,
            address: String::new(),
            members: vec![
                member(Relation::Head, "Нұрсұлтан", "12.04.1985", Sex::Male),
                member(Relation::Spouse, "Әйгерім", "03.02.1988", Sex::Female),
            ],
        }
    }

    fn granted(decided: &str, family: bool) -> StatusForm {
        StatusForm {
            applied_on: "01.11.2025".into(),
            recommended_on: "20.11.2025".into(),
            recommendation: Some(Recommendation::Recommended),
            decided_on: decided.into(),
            decision: Some(Decision::Granted),
            refusal_reason: String::new(),
            correction: String::new(),
            family,
        }
    }

    fn fields(error: Option<ApiError>) -> Vec<(String, String)> {
        error.map(|e| e.fields.into_iter().map(|f| (f.field, f.code)).collect()).unwrap_or_default()
    }

    #[test]
    fn a_status_is_granted_for_the_family_extended_once_and_ended() {
        let (_dir, desk, regno) = desk();
        let before = desk.casework_panel(&regno, today()).expect("panel");
        assert_eq!(before.status.state, StatusState::NoStatus);
        assert_eq!(before.status_form, StatusForm::default());
        assert_eq!(before.extension_months, 6);
        assert_eq!(before.family_size, 2);
        assert_eq!(before.today_display, "25.11.2026");

        let panel = desk.record_status(&regno, &granted("10.12.2025", true), now());
        let panel = panel.expect("granted");
        assert_eq!(
            panel.status.state,
            StatusState::Granted { from: d("2025-12-10"), until: d("2026-12-10") }
        );
        assert!(panel.status.can_extend);
        // The form starts from the stages recorded, as the clerk goes on with this application.
        assert_eq!(panel.status_form.decided_on, "10.12.2025");
        assert_eq!(panel.status_form.decision, Some(Decision::Granted));
        // The whole family got it: the spouse too, and both end within 30 days.
        let spouse = desk.casework_panel("PVL01-2026-00002", today()).expect("spouse");
        assert_eq!(spouse.status.state.name(), "granted");
        let screen = desk.casework_screen(None, today()).expect("screen");
        assert_eq!(screen.due.len(), 2);
        assert!(!screen.may_set_quota, "a clerk does not set quotas");

        let extend = ExtendForm { extended_on: "20.11.2026".into(), family: false };
        let extended = desk.extend_status(&regno, &extend, now()).expect("extend");
        assert_eq!(
            extended.status.state,
            StatusState::Extended { from: d("2025-12-10"), until: d("2027-06-10") }
        );
        assert!(!extended.status.can_extend);
        let again = desk.extend_status(&regno, &extend, now()).err();
        assert_eq!(fields(again), [("extended_on".into(), "status-already-extended".into())]);

        let end = EndForm {
            ended_on: "24.11.2026".into(),
            end_reason: Some(EndReason::Citizenship),
            note: String::new(),
            family: false,
        };
        let ended = desk.end_status(&regno, &end, now()).expect("end");
        assert_eq!(ended.status.state, StatusState::EndedByCitizenship { on: d("2026-11-24") });
        // A closed application: the next one starts blank.
        assert_eq!(ended.status_form, StatusForm::default());
    }

    #[test]
    fn unreadable_or_missing_fields_are_named_and_nothing_is_saved() {
        let (_dir, desk, regno) = desk();
        let mut form = granted("31.02.2026", false);
        form.applied_on = String::new();
        let refused = desk.record_status(&regno, &form, now()).err();
        assert_eq!(refused.as_ref().map(|e| e.code.as_str()), Some("store-invalid"));
        assert_eq!(
            fields(refused),
            [
                ("applied_on".into(), "ui-casework-required".into()),
                ("decided_on".into(), "desk-date-format".into()),
            ]
        );
        // The store's own rules come back as field problems too.
        let mut refusal = granted("10.12.2025", false);
        refusal.decision = Some(Decision::Refused);
        let refused = desk.record_status(&regno, &refusal, now()).err();
        assert_eq!(
            fields(refused),
            [("refusal_reason".into(), "status-refusal-reason-missing".into())]
        );
        let end = EndForm { ended_on: "x".into(), ..EndForm::default() };
        let refused = desk.end_status(&regno, &end, now()).err();
        assert_eq!(
            fields(refused),
            [
                ("ended_on".into(), "desk-date-format".into()),
                ("end_reason".into(), "ui-casework-required".into()),
            ]
        );
        let panel = desk.casework_panel(&regno, today()).expect("panel");
        assert_eq!(panel.status.history, vec![]);
    }

    #[test]
    fn a_quota_inclusion_over_the_quota_is_refused_with_what_is_left() {
        let (_dir, desk, regno) = desk();
        let form = QuotaForm {
            region: "KZ-55".into(),
            year: "2026".into(),
            people: "1".into(),
            effective_from: "01.01.2026".into(),
            note: String::new(),
        };
        let refused = desk.set_quota(&form, now()).err().map(|e| e.code);
        assert_eq!(refused, Some("store-forbidden".into()), "a clerk may not");
        desk.sign_in("admin", "admin-password").expect("admin");
        let screen = desk.set_quota(&form, now()).expect("admin sets it");
        assert!(screen.may_set_quota);
        let line = screen.quota.regions.iter().find(|l| l.region == "KZ-55").cloned();
        assert_eq!(
            line.map(|l| (l.quota, l.remaining, l.effective_from)),
            Some((Some(1), Some(1), Some(d("2026-01-01"))))
        );
        let bad = QuotaForm { people: "many".into(), effective_from: String::new(), ..form };
        let refused = desk.set_quota(&bad, now()).err();
        assert_eq!(
            fields(refused),
            [
                ("people".into(), "ui-casework-number".into()),
                ("effective_from".into(), "ui-casework-required".into()),
            ]
        );

        desk.sign_in("aigerim", "aigerim-password").expect("clerk");
        let include = InclusionForm { decided_on: "01.11.2026".into(), ..InclusionForm::default() };
        let refused = desk.include_in_quota(&regno, &include, now()).err();
        let problem = refused.and_then(|e| e.fields.into_iter().next());
        assert_eq!(problem.as_ref().map(|p| p.code.as_str()), Some("quota-exceeded"));
        assert_eq!(problem.and_then(|p| p.args.get("remaining").cloned()), Some("1".into()));
        assert_eq!(desk.casework_panel(&regno, today()).expect("panel").inclusion, None);

        let one = InclusionForm { people: "1".into(), ..include };
        let panel = desk.include_in_quota(&regno, &one, now()).expect("one fits");
        assert_eq!(panel.inclusion.map(|i| (i.people, i.decided_on)), Some((1, d("2026-11-01"))));
        assert_eq!((panel.quota.used, panel.quota.remaining), (1, Some(0)));
    }

    #[test]
    fn the_plan_gets_items_states_services_and_a_stay() {
        let (_dir, desk, regno) = desk();
        let screen = desk.plan_screen(&regno, today()).expect("plan");
        assert_eq!(screen.areas.len(), 10);
        assert_eq!(screen.service_kinds.len(), 25);
        assert_eq!(screen.members.len(), 2);
        assert!(screen.users.iter().any(|u| u.login == "bolat"));
        assert_eq!(screen.plan.stay, None);

        let empty = desk.add_plan_item(&regno, &PlanItemForm::default(), now()).err();
        assert_eq!(
            fields(empty),
            [
                ("area".into(), "ui-casework-required".into()),
                ("description".into(), "ui-casework-required".into()),
            ]
        );
        let item = PlanItemForm {
            area: Some(PlanArea::Housing),
            description: "Пәтер іздеу".into(),
            responsible: "bolat".into(),
            due_date: "01.12.2026".into(),
            note: String::new(),
        };
        let screen = desk.add_plan_item(&regno, &item, now()).expect("item");
        let first = &screen.plan.items[0];
        assert_eq!((first.item.number, first.responsible_login.as_deref()), (1, Some("bolat")));
        assert_eq!(first.item.due_date, Some(d("2026-12-01")));
        assert!(screen.plan.stay.is_some(), "the first item opens the stay");

        let screen = desk.update_plan_item(&regno, 1, PlanItemState::Done, now()).expect("done");
        assert_eq!(screen.plan.items[0].item.done_on, Some(today()));
        let missing = desk.update_plan_item(&regno, 9, PlanItemState::Done, now()).err();
        assert_eq!(fields(missing), [("number".into(), "plan-unknown-item".into())]);

        let service = ServiceForm {
            kind: Some(ServiceKind::LegalConsultation),
            given_on: "24.11.2026".into(),
            given_by: String::new(),
            person: "PVL01-2026-00002".into(),
            plan_item: Some(1),
            note: String::new(),
        };
        let screen = desk.record_service(&regno, &service, now()).expect("service");
        let given = &screen.plan.services[0];
        assert_eq!(given.given_by_login, "aigerim");
        assert_eq!(given.person_regno.as_deref(), Some("PVL01-2026-00002"));
        let future = ServiceForm { given_on: "26.11.2026".into(), ..service };
        let refused = desk.record_service(&regno, &future, now()).err();
        assert_eq!(fields(refused), [("given_on".into(), "plan-date-in-future".into())]);

        let month = desk.casework_screen(None, today()).expect("screen").services;
        assert_eq!(month.counts.total, 1);
        assert!(month.counts.by_kind.contains(&(ServiceKind::LegalConsultation, 1)));

        let stay = StayForm { planned_end: String::new(), ended_on: "25.11.2026".into() };
        let screen = desk.set_stay(&regno, &stay, now()).expect("stay");
        assert_eq!(screen.plan.stay.map(|s| s.stay.ended_on), Some(Some(today())));
    }

    #[test]
    fn nothing_is_served_while_locked() {
        let (_dir, desk, regno) = desk();
        desk.lock().expect("lock");
        let refused = desk.plan_screen(&regno, today()).err().map(|e| e.code);
        assert_eq!(refused, Some("desk-locked".into()));
    }

    #[test]
    fn every_code_of_case_work_is_translated() {
        for lang in otau_i18n::Lang::ALL {
            for code in casework_code::ALL {
                assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
            }
        }
    }
}
