//! The individual adaptation and integration plan in the store: plan items, the services
//! given, the family's stay at the centre, and the monthly counts of services.
//!
//! # Design
//! Plan items are numbered per family (1, 2, 3 …) so a clerk can name one ("item 2 of
//! PVL01-2026-00001") without an id. The stay starts with the plan: the first item added opens
//! it from the family's registration date, planned to last the stay length of the settings
//! (6 months by default). Services are facts (kind, date, who gave it) linked to the family,
//! optionally to one member and to the plan item they serve; they are counted by kind for the
//! monthly summary ([`Store::services_month`]).

use crate::casework::settings::{family_in, members_in, person_in, setting_value, STAY_MONTHS};
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::registry::FamilyRec;
use crate::users::{Action, Actor, UserRec};
use crate::write::Change;
use crate::Store;
use chrono::NaiveDate;
use otau_core::casework::month_bounds;
use otau_core::casework::plan::{
    check_stay, stay_planned_end, PlanArea, PlanItemState, PlanProblem, ServiceCategory,
    ServiceCounts, ServiceKind, DEFAULT_STAY_MONTHS,
};
use otau_core::FieldError;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `plan_items`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItemRec {
    /// Id.
    pub id: Uuid,
    /// The family.
    pub family_id: Uuid,
    /// Number within the family's plan, from 1.
    pub number: i64,
    /// Area of the plan.
    pub area: PlanArea,
    /// What is to be done.
    pub description: String,
    /// Who is responsible (a user of the office).
    pub responsible_id: Option<Uuid>,
    /// By when.
    pub due_date: Option<NaiveDate>,
    /// State.
    pub state: PlanItemState,
    /// The day it was done.
    pub done_on: Option<NaiveDate>,
    /// A note.
    pub note: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for PlanItemRec {
    const TABLE: &'static str = "plan_items";
    const ENTITY: &'static str = "plan_item";
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
        Some(self.family_id)
    }
}

/// A row of `services`: a service given.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRec {
    /// Id.
    pub id: Uuid,
    /// The family served.
    pub family_id: Uuid,
    /// The member served, if one.
    pub person_id: Option<Uuid>,
    /// Kind of service.
    pub kind: ServiceKind,
    /// The day it was given.
    pub given_on: NaiveDate,
    /// Who gave it (a user of the office).
    pub given_by: Uuid,
    /// The plan item it serves, if any.
    pub plan_item_id: Option<Uuid>,
    /// A note.
    pub note: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for ServiceRec {
    const TABLE: &'static str = "services";
    const ENTITY: &'static str = "service";
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
        Some(self.person_id.unwrap_or(self.family_id))
    }
}

/// A row of `stays`: a family's stay at the centre.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StayRec {
    /// Id.
    pub id: Uuid,
    /// The family.
    pub family_id: Uuid,
    /// First day at the centre.
    pub started_on: NaiveDate,
    /// Planned last day.
    pub planned_end: NaiveDate,
    /// The day the family left, once it has.
    pub ended_on: Option<NaiveDate>,
    /// Version.
    pub version: i64,
}

impl Record for StayRec {
    const TABLE: &'static str = "stays";
    const ENTITY: &'static str = "stay";
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
        Some(self.family_id)
    }
}

/// A new plan item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlanItem {
    /// Area.
    pub area: PlanArea,
    /// What is to be done.
    pub description: String,
    /// Login of the user responsible (default: the acting user).
    #[serde(default)]
    pub responsible: Option<String>,
    /// By when.
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Changes to a plan item; fields left `None` stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanItemChange {
    /// New area.
    #[serde(default)]
    pub area: Option<PlanArea>,
    /// New description.
    #[serde(default)]
    pub description: Option<String>,
    /// New responsible user (login).
    #[serde(default)]
    pub responsible: Option<String>,
    /// New due date.
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// New state.
    #[serde(default)]
    pub state: Option<PlanItemState>,
    /// The day it was done (default: today, when the state becomes done).
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    /// New note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A service to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewService {
    /// Kind.
    pub kind: ServiceKind,
    /// The day it was given.
    pub given_on: NaiveDate,
    /// The member served (registration number), if one.
    #[serde(default)]
    pub person: Option<String>,
    /// Login of who gave it (default: the acting user).
    #[serde(default)]
    pub given_by: Option<String>,
    /// The number of the plan item it serves.
    #[serde(default)]
    pub plan_item: Option<i64>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A plan item as shown.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItemView {
    /// The item.
    pub item: PlanItemRec,
    /// Login of the user responsible.
    pub responsible_login: Option<String>,
    /// Their full name.
    pub responsible_name: Option<String>,
    /// Open and past its due date on the view's date.
    pub overdue: bool,
    /// Services given for this item.
    pub services: i64,
}

/// A service as shown.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceView {
    /// The service.
    pub service: ServiceRec,
    /// Its group.
    pub category: ServiceCategory,
    /// Registration number of the member served.
    pub person_regno: Option<String>,
    /// Their name.
    pub person_name: Option<String>,
    /// Login of who gave it.
    pub given_by_login: String,
    /// The number of the plan item it serves.
    pub plan_item: Option<i64>,
}

/// A stay as shown.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StayView {
    /// The stay.
    pub stay: StayRec,
    /// Days until the planned end while the family is at the centre (negative when past it).
    pub days_left: Option<i64>,
}

/// A family's plan: stay, items, services.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    /// The family's registration number.
    pub family_regno: String,
    /// The head's name.
    pub head_name: String,
    /// The date the view is for (overdue items, days left).
    pub on: NaiveDate,
    /// The stay at the centre, once started.
    pub stay: Option<StayView>,
    /// Plan items, by number.
    pub items: Vec<PlanItemView>,
    /// Services given, oldest first.
    pub services: Vec<ServiceView>,
    /// Items still open.
    pub open_items: usize,
    /// Items open and past their due date.
    pub overdue_items: usize,
}

/// What the centre did in a month (for the monthly summary).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthServices {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Services by kind and group.
    pub counts: ServiceCounts,
    /// Families given at least one service.
    pub families_served: i64,
    /// Plan items done in the month.
    pub plan_items_done: i64,
    /// Families at the centre at some time in the month.
    pub families_staying: i64,
    /// Stays that ended in the month.
    pub stays_ended: i64,
}

fn invalid(field: &str, p: &PlanProblem) -> StoreError {
    StoreError::Invalid(vec![FieldError::new(field, p)])
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// An active user of the office by login.
fn user_by_login(conn: &Connection, field: &str, login: &str) -> Result<UserRec> {
    match crate::users::find_user(conn, login)? {
        Some(u) if u.active == 1 => Ok(u),
        _ => Err(invalid(field, &PlanProblem::UnknownUser { login: login.trim().to_string() })),
    }
}

fn user_by_id(conn: &Connection, id: Uuid) -> Result<Option<UserRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM users WHERE id = ?1")?
        .query_row([id.to_string()], from_row)
        .optional()?)
}

/// The acting user's id, or the named user's.
fn who(conn: &Connection, actor: &Actor, field: &str, login: &Option<String>) -> Result<Uuid> {
    match clean(login) {
        Some(login) => Ok(user_by_login(conn, field, &login)?.id),
        None => actor.user_id.ok_or_else(|| {
            invalid(field, &PlanProblem::UnknownUser { login: actor.login.clone() })
        }),
    }
}

fn item_in(conn: &Connection, family_id: Uuid, number: i64) -> Result<PlanItemRec> {
    conn.prepare_cached("SELECT * FROM plan_items WHERE family_id = ?1 AND number = ?2")?
        .query_row(params![family_id.to_string(), number], from_row)
        .optional()?
        .ok_or_else(|| invalid("number", &PlanProblem::UnknownItem { number }))
}

fn stay_in(conn: &Connection, family_id: Uuid) -> Result<Option<StayRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM stays WHERE family_id = ?1")?
        .query_row([family_id.to_string()], from_row)
        .optional()?)
}

fn stay_months_in(conn: &Connection) -> Result<u32> {
    let months = setting_value(conn, STAY_MONTHS, i64::from(DEFAULT_STAY_MONTHS))?;
    Ok(u32::try_from(months).unwrap_or(DEFAULT_STAY_MONTHS))
}

/// Opens the family's stay from its registration date, if not open yet.
fn open_stay(change: &mut Change<'_>, family: &FamilyRec) -> Result<()> {
    if stay_in(change.tx(), family.id)?.is_some() {
        return Ok(());
    }
    let months = stay_months_in(change.tx())?;
    let start = family.registered_on;
    let mut stay = StayRec {
        id: Uuid::now_v7(),
        family_id: family.id,
        started_on: start,
        planned_end: stay_planned_end(start, months).unwrap_or(start),
        ended_on: None,
        version: 0,
    };
    change.insert(&mut stay)
}

fn plan_in(conn: &Connection, family: &FamilyRec, on: NaiveDate) -> Result<PlanView> {
    let items: Vec<PlanItemRec> = conn
        .prepare_cached("SELECT * FROM plan_items WHERE family_id = ?1 ORDER BY number")?
        .query_map([family.id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let services: Vec<ServiceRec> = conn
        .prepare_cached("SELECT * FROM services WHERE family_id = ?1 ORDER BY given_on, id")?
        .query_map([family.id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let members = members_in(conn, family.id)?;
    let mut item_views = vec![];
    for item in items {
        let user = match item.responsible_id {
            Some(id) => user_by_id(conn, id)?,
            None => None,
        };
        let overdue = item.state.is_open() && item.due_date.is_some_and(|d| d < on);
        let count = services.iter().filter(|s| s.plan_item_id == Some(item.id)).count() as i64;
        item_views.push(PlanItemView {
            responsible_login: user.as_ref().map(|u| u.login.clone()),
            responsible_name: user.and_then(|u| u.full_name),
            overdue,
            services: count,
            item,
        });
    }
    let mut service_views = vec![];
    for s in services {
        let person = s.person_id.and_then(|id| members.iter().find(|m| m.id == id));
        service_views.push(ServiceView {
            category: s.kind.category(),
            person_regno: person.map(|p| p.regno.clone()),
            person_name: person.map(|p| p.full_name()),
            given_by_login: user_by_id(conn, s.given_by)?.map(|u| u.login).unwrap_or_default(),
            plan_item: s
                .plan_item_id
                .and_then(|id| item_views.iter().find(|i| i.item.id == id))
                .map(|i| i.item.number),
            service: s,
        });
    }
    let stay = stay_in(conn, family.id)?.map(|stay| StayView {
        days_left: stay.ended_on.is_none().then(|| (stay.planned_end - on).num_days()),
        stay,
    });
    Ok(PlanView {
        family_regno: family.regno.clone(),
        head_name: members.first().map(|m| m.full_name()).unwrap_or_default(),
        on,
        stay,
        open_items: item_views.iter().filter(|i| i.item.state.is_open()).count(),
        overdue_items: item_views.iter().filter(|i| i.overdue).count(),
        items: item_views,
        services: service_views,
    })
}

impl Store {
    /// Adds an item to a family's plan (opening the family's stay if it is not open yet).
    pub fn add_plan_item(
        &mut self,
        ctx: &Context,
        regno: &str,
        new: &NewPlanItem,
    ) -> Result<PlanView> {
        ctx.actor.require(Action::EditRegistry)?;
        let description = clean(&Some(new.description.clone()));
        let Some(description) = description else {
            return Err(invalid("description", &PlanProblem::Required));
        };
        self.write(ctx, "plan.add", |change| {
            let family = family_in(change.tx(), regno)?;
            let responsible = who(change.tx(), &ctx.actor, "responsible", &new.responsible)?;
            // Numbered per family by the office's only device; office-wide from the blocks of
            // an enrolled one, so two devices never give one family the same number.
            let series = crate::numbers::Series::Plan;
            let number: i64 = match crate::numbers::next_from_blocks(change.tx(), series, 0, 0)? {
                Some(n) => n,
                None => change.tx().query_row(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM plan_items WHERE family_id = ?1",
                    [family.id.to_string()],
                    |r| r.get(0),
                )?,
            };
            open_stay(change, &family)?;
            let mut item = PlanItemRec {
                id: Uuid::now_v7(),
                family_id: family.id,
                number,
                area: new.area,
                description,
                responsible_id: Some(responsible),
                due_date: new.due_date,
                state: PlanItemState::Planned,
                done_on: None,
                note: clean(&new.note),
                version: 0,
            };
            change.insert(&mut item)?;
            plan_in(change.tx(), &family, ctx.today)
        })
    }

    /// Changes an item of a family's plan (its state, due date, who is responsible, …).
    pub fn update_plan_item(
        &mut self,
        ctx: &Context,
        regno: &str,
        number: i64,
        changes: &PlanItemChange,
    ) -> Result<PlanView> {
        ctx.actor.require(Action::EditRegistry)?;
        if changes.description.is_some() && clean(&changes.description).is_none() {
            return Err(invalid("description", &PlanProblem::Required));
        }
        if changes.done_on.is_some_and(|d| d > ctx.today) {
            return Err(invalid("done_on", &PlanProblem::InFuture { today: ctx.today }));
        }
        self.write(ctx, "plan.update", |change| {
            let family = family_in(change.tx(), regno)?;
            let before = item_in(change.tx(), family.id, number)?;
            let mut after = before.clone();
            if let Some(area) = changes.area {
                after.area = area;
            }
            if let Some(d) = clean(&changes.description) {
                after.description = d;
            }
            if changes.responsible.is_some() {
                after.responsible_id =
                    Some(who(change.tx(), &ctx.actor, "responsible", &changes.responsible)?);
            }
            if let Some(due) = changes.due_date {
                after.due_date = Some(due);
            }
            if let Some(note) = clean(&changes.note) {
                after.note = Some(note);
            }
            if let Some(state) = changes.state {
                after.state = state;
            }
            after.done_on = match after.state {
                PlanItemState::Done => changes.done_on.or(before.done_on).or(Some(ctx.today)),
                _ => None,
            };
            change.update(&before, &mut after)?;
            plan_in(change.tx(), &family, ctx.today)
        })
    }

    /// Sets the family's stay: its start (default: the registration date), planned end
    /// (default: start + the settings' stay length) and the day the family left.
    pub fn set_stay(
        &mut self,
        ctx: &Context,
        regno: &str,
        started_on: Option<NaiveDate>,
        planned_end: Option<NaiveDate>,
        ended_on: Option<NaiveDate>,
    ) -> Result<PlanView> {
        ctx.actor.require(Action::EditRegistry)?;
        self.write(ctx, "plan.stay", |change| {
            let family = family_in(change.tx(), regno)?;
            let months = stay_months_in(change.tx())?;
            let existing = stay_in(change.tx(), family.id)?;
            let start = started_on
                .or(existing.as_ref().map(|s| s.started_on))
                .unwrap_or(family.registered_on);
            let planned = planned_end
                .or(existing
                    .as_ref()
                    .filter(|s| started_on.is_none() || Some(s.started_on) == started_on)
                    .map(|s| s.planned_end))
                .or_else(|| stay_planned_end(start, months))
                .unwrap_or(start);
            let ended = ended_on.or(existing.as_ref().and_then(|s| s.ended_on));
            check_stay(family.arrival_date, start, planned, ended, ctx.today)
                .map_err(StoreError::Invalid)?;
            match existing {
                Some(before) => {
                    let mut after = StayRec {
                        started_on: start,
                        planned_end: planned,
                        ended_on: ended,
                        ..before.clone()
                    };
                    change.update(&before, &mut after)?;
                }
                None => {
                    let mut stay = StayRec {
                        id: Uuid::now_v7(),
                        family_id: family.id,
                        started_on: start,
                        planned_end: planned,
                        ended_on: ended,
                        version: 0,
                    };
                    change.insert(&mut stay)?;
                }
            }
            plan_in(change.tx(), &family, ctx.today)
        })
    }

    /// Records a service given to a family (or one member of it).
    pub fn record_service(
        &mut self,
        ctx: &Context,
        regno: &str,
        new: &NewService,
    ) -> Result<ServiceView> {
        ctx.actor.require(Action::EditRegistry)?;
        if new.given_on > ctx.today {
            return Err(invalid("given_on", &PlanProblem::InFuture { today: ctx.today }));
        }
        self.write(ctx, "service.record", |change| {
            let family = family_in(change.tx(), regno)?;
            if new.given_on < family.arrival_date {
                return Err(invalid(
                    "given_on",
                    &PlanProblem::BeforeArrival { arrival_date: family.arrival_date },
                ));
            }
            let person = match clean(&new.person) {
                Some(p) => {
                    let person = person_in(change.tx(), &p)?;
                    if person.family_id != family.id {
                        return Err(invalid(
                            "person",
                            &PlanProblem::NotAMember {
                                regno: person.regno,
                                family_regno: family.regno.clone(),
                            },
                        ));
                    }
                    Some(person)
                }
                None => None,
            };
            let given_by = who(change.tx(), &ctx.actor, "given_by", &new.given_by)?;
            let item = match new.plan_item {
                Some(n) => Some(item_in(change.tx(), family.id, n).map_err(|e| match e {
                    StoreError::Invalid(mut errors) => {
                        for err in &mut errors {
                            err.field = "plan_item".into();
                        }
                        StoreError::Invalid(errors)
                    }
                    other => other,
                })?),
                None => None,
            };
            let mut rec = ServiceRec {
                id: Uuid::now_v7(),
                family_id: family.id,
                person_id: person.as_ref().map(|p| p.id),
                kind: new.kind,
                given_on: new.given_on,
                given_by,
                plan_item_id: item.as_ref().map(|i| i.id),
                note: clean(&new.note),
                version: 0,
            };
            change.insert(&mut rec)?;
            Ok(ServiceView {
                category: rec.kind.category(),
                person_regno: person.as_ref().map(|p| p.regno.clone()),
                person_name: person.as_ref().map(|p| p.full_name()),
                given_by_login: user_by_id(change.tx(), given_by)?
                    .map(|u| u.login)
                    .unwrap_or_default(),
                plan_item: item.map(|i| i.number),
                service: rec,
            })
        })
    }

    /// A family's plan, stay and services, as seen on `on`.
    pub fn plan(&self, regno: &str, on: NaiveDate) -> Result<PlanView> {
        let family = family_in(self.conn(), regno)?;
        plan_in(self.conn(), &family, on)
    }

    /// Services given in a month, counted by kind and group, with the month's plan and stay
    /// figures; a month that is not 1–12 is refused.
    pub fn services_month(&self, year: i32, month: u32) -> Result<MonthServices> {
        let (first, last) = month_bounds(year, month).ok_or_else(|| {
            StoreError::Invalid(vec![FieldError::bare("month", "plan-bad-month")
                .with_arg("value", format!("{year}-{month}"))])
        })?;
        let (first, last) = (first.to_string(), last.to_string());
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT kind, COUNT(*) FROM services WHERE given_on BETWEEN ?1 AND ?2 GROUP BY kind",
        )?;
        let mut pairs = vec![];
        for row in stmt.query_map([&first, &last], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
            let (kind, n): (String, i64) = row?;
            let kind: ServiceKind = serde_json::from_value(serde_json::Value::String(kind.clone()))
                .map_err(|_| StoreError::Corrupt(format!("service kind {kind}")))?;
            pairs.push((kind, n));
        }
        let one = |sql: &str| -> Result<i64> {
            Ok(conn.prepare_cached(sql)?.query_row([&first, &last], |r| r.get(0))?)
        };
        Ok(MonthServices {
            year,
            month,
            counts: ServiceCounts::from_counts(pairs),
            families_served: one(
                "SELECT COUNT(DISTINCT family_id) FROM services WHERE given_on BETWEEN ?1 AND ?2",
            )?,
            plan_items_done: one(
                "SELECT COUNT(*) FROM plan_items WHERE state = 'done' AND done_on BETWEEN ?1 AND ?2",
            )?,
            families_staying: one(
                "SELECT COUNT(*) FROM stays WHERE started_on <= ?2
                 AND (ended_on IS NULL OR ended_on >= ?1)",
            )?,
            stays_ended: one("SELECT COUNT(*) FROM stays WHERE ended_on BETWEEN ?1 AND ?2")?,
        })
    }
}
