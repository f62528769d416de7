//! The subsidy and ledger commands the UI calls through `invoke`: each reads the clock and
//! calls the desk method of the same name (`subsidy.rs`), with snake_case arguments. None holds
//! rules of its own.

use chrono::{DateTime, Local, NaiveDate, Utc};
use tauri::State;

use crate::desk::Desk;
use crate::error::ApiResult;
use crate::subsidy::{
    PaymentsScreen, PrepareForm, Recalculations, ReferenceData, SubsidyPreview, SubsidyStatement,
};

fn now() -> DateTime<Utc> {
    Utc::now()
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The subsidies of the family of a person: decisions, ledger entries, totals.
#[tauri::command(rename_all = "snake_case")]
pub async fn subsidy_statement(
    desk: State<'_, Desk>,
    regno: String,
) -> ApiResult<SubsidyStatement> {
    desk.subsidy_statement(&regno, today())
}

/// Eligibility and the instalments a "prepare a subsidy" form would give.
#[tauri::command(rename_all = "snake_case")]
pub async fn subsidy_preview(
    desk: State<'_, Desk>,
    regno: String,
    form: PrepareForm,
) -> ApiResult<SubsidyPreview> {
    desk.subsidy_preview(&regno, &form, today())
}

/// Prepares a decision as the signed-in user.
#[tauri::command(rename_all = "snake_case")]
pub async fn prepare_subsidy(
    desk: State<'_, Desk>,
    regno: String,
    form: PrepareForm,
) -> ApiResult<SubsidyStatement> {
    desk.prepare_subsidy(&regno, &form, now(), today())
}

/// Approves instalments of a decision.
#[tauri::command(rename_all = "snake_case")]
pub async fn approve_subsidy(
    desk: State<'_, Desk>,
    number: String,
    seqs: Vec<u32>,
) -> ApiResult<SubsidyStatement> {
    desk.approve_subsidy(&number, &seqs, now(), today())
}

/// Records a payment order for approved instalments.
#[tauri::command(rename_all = "snake_case")]
pub async fn pay_subsidy(
    desk: State<'_, Desk>,
    number: String,
    seqs: Vec<u32>,
    order: String,
    paid_on: String,
) -> ApiResult<SubsidyStatement> {
    desk.pay_subsidy(&number, &seqs, &order, &paid_on, now(), today())
}

/// Reverses unpaid instalments with a reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn reverse_subsidy(
    desk: State<'_, Desk>,
    number: String,
    seqs: Vec<u32>,
    reason: String,
) -> ApiResult<SubsidyStatement> {
    desk.reverse_subsidy(&number, &seqs, &reason, now(), today())
}

/// Records that a family moved away from the region.
#[tauri::command(rename_all = "snake_case")]
pub async fn move_away(
    desk: State<'_, Desk>,
    regno: String,
    on: String,
    reason: String,
) -> ApiResult<SubsidyStatement> {
    desk.move_away(&regno, &on, &reason, now(), today())
}

/// The office's payments: awaiting approval, due in a month, paid and totals in a period.
#[tauri::command(rename_all = "snake_case")]
pub async fn payments(
    desk: State<'_, Desk>,
    month: String,
    from: String,
    to: String,
) -> ApiResult<PaymentsScreen> {
    desk.payments(&month, &from, &to, today())
}

/// Applies recalculations (`references` empty: every one proposed).
#[tauri::command(rename_all = "snake_case")]
pub async fn approve_recalc(
    desk: State<'_, Desk>,
    references: Vec<String>,
    reason: String,
) -> ApiResult<Recalculations> {
    desk.approve_recalc(&references, &reason, now())
}

/// The MCI table and the subsidy rules.
#[tauri::command(rename_all = "snake_case")]
pub async fn reference_data(desk: State<'_, Desk>) -> ApiResult<ReferenceData> {
    desk.reference_data()
}

/// Adds an MCI row.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_mci(
    desk: State<'_, Desk>,
    from: String,
    purpose: String,
    tenge: String,
    note: String,
) -> ApiResult<ReferenceData> {
    desk.add_mci(&from, &purpose, &tenge, &note, now())
}

/// Adds subsidy rules from a JSON text.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_rules(desk: State<'_, Desk>, json: String) -> ApiResult<ReferenceData> {
    desk.add_rules(&json, now())
}
