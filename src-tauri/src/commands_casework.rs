//! The case-work commands the UI calls through `invoke`: the card's status and quota panel, the
//! family's adaptation plan and the office-wide case-work screen. Each reads the clock and calls
//! the desk method of the same name (`casework.rs`); none holds a rule of its own.

use chrono::{DateTime, Local, NaiveDate, Utc};
use otau_core::casework::plan::PlanItemState;
use tauri::State;

use crate::casework::{
    CaseworkPanel, CaseworkScreen, EndForm, ExtendForm, InclusionForm, PlanItemForm, PlanScreen,
    QuotaForm, ServiceForm, StatusForm, StayForm,
};
use crate::desk::Desk;
use crate::error::ApiResult;

/// The moment of a change, for the audit.
fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Today's date where the office is: the date of the law.
fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The case-work panel of a person card: status, its forms' start, quota inclusion and quota.
#[tauri::command(rename_all = "snake_case")]
pub async fn casework_panel(desk: State<'_, Desk>, regno: String) -> ApiResult<CaseworkPanel> {
    desk.casework_panel(&regno, today())
}

/// Records the stages of a status decision.
#[tauri::command(rename_all = "snake_case")]
pub async fn record_status(
    desk: State<'_, Desk>,
    regno: String,
    form: StatusForm,
) -> ApiResult<CaseworkPanel> {
    desk.record_status(&regno, &form, now(), today())
}

/// Extends a status once.
#[tauri::command(rename_all = "snake_case")]
pub async fn extend_status(
    desk: State<'_, Desk>,
    regno: String,
    form: ExtendForm,
) -> ApiResult<CaseworkPanel> {
    desk.extend_status(&regno, &form, now(), today())
}

/// Ends a status.
#[tauri::command(rename_all = "snake_case")]
pub async fn end_status(
    desk: State<'_, Desk>,
    regno: String,
    form: EndForm,
) -> ApiResult<CaseworkPanel> {
    desk.end_status(&regno, &form, now(), today())
}

/// Includes the family in its region's quota.
#[tauri::command(rename_all = "snake_case")]
pub async fn include_in_quota(
    desk: State<'_, Desk>,
    regno: String,
    form: InclusionForm,
) -> ApiResult<CaseworkPanel> {
    desk.include_in_quota(&regno, &form, now(), today())
}

/// The family's adaptation plan screen.
#[tauri::command(rename_all = "snake_case")]
pub async fn plan_screen(desk: State<'_, Desk>, regno: String) -> ApiResult<PlanScreen> {
    desk.plan_screen(&regno, today())
}

/// Adds an item to the family's plan.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_plan_item(
    desk: State<'_, Desk>,
    regno: String,
    form: PlanItemForm,
) -> ApiResult<PlanScreen> {
    desk.add_plan_item(&regno, &form, now(), today())
}

/// Changes the state of a plan item.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_plan_item(
    desk: State<'_, Desk>,
    regno: String,
    number: i64,
    state: PlanItemState,
) -> ApiResult<PlanScreen> {
    desk.update_plan_item(&regno, number, state, now(), today())
}

/// Records a service given.
#[tauri::command(rename_all = "snake_case")]
pub async fn record_service(
    desk: State<'_, Desk>,
    regno: String,
    form: ServiceForm,
) -> ApiResult<PlanScreen> {
    desk.record_service(&regno, &form, now(), today())
}

/// Sets the family's stay (planned end, the day it left).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_stay(
    desk: State<'_, Desk>,
    regno: String,
    form: StayForm,
) -> ApiResult<PlanScreen> {
    desk.set_stay(&regno, &form, now(), today())
}

/// The office-wide case-work screen for a year (default: this year).
#[tauri::command(rename_all = "snake_case")]
pub async fn casework_screen(
    desk: State<'_, Desk>,
    year: Option<i32>,
) -> ApiResult<CaseworkScreen> {
    desk.casework_screen(year, today())
}

/// Sets a region's quota for a year from a date.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_quota(desk: State<'_, Desk>, form: QuotaForm) -> ApiResult<CaseworkScreen> {
    desk.set_quota(&form, now(), today())
}
