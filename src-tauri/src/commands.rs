//! The commands the UI calls through `invoke`. Each is a thin translation between the IPC
//! (serde types, snake_case fields and arguments) and the desk or library function behind it:
//! it reads the clock (the moment for the audit, the local date of the law) and passes it on.
//! None holds rules of its own.
//!
//! Commands are `async` so that Tauri runs them off the window's main thread: hashing a password
//! or searching never freezes the window.

use chrono::{DateTime, Local, NaiveDate, Utc};
use otau_core::model::Sex;
use otau_store::office::OfficeRec;
use otau_store::Registered;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::desk::{
    self, Desk, FamilyCheck, FindResult, HomeScreen, IinCheck, PersonCard, ReadDate, Reference,
    SessionInfo,
};
use crate::error::ApiResult;
use crate::form::{FamilyForm, MemberForm};
use crate::settings::{Lang, Settings};

/// What the UI needs to know about the running app before anyone signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    /// Version of the desktop app (the workspace version).
    pub version: String,
    /// The database the app opens, as a displayable path; `None` if no data folder is known.
    pub db_path: Option<String>,
    /// Whether `db_path` was given by `OTAU_DB`.
    pub db_from_env: bool,
    /// The language the app was started in (`OTAU_LANG`, default `kk`).
    pub lang: Lang,
    /// Seconds without input before the screen locks (`OTAU_IDLE_MINUTES`).
    pub idle_seconds: u32,
    /// The office of the database, when it exists and has one.
    pub office: Option<OfficeRec>,
}

impl AppInfo {
    /// Describes an app running with `settings` on a database of `office`.
    pub fn new(settings: &Settings, office: Option<OfficeRec>) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            db_path: settings.db_path.as_ref().map(|path| path.to_string_lossy().into_owned()),
            db_from_env: settings.db_from_env,
            lang: settings.lang,
            idle_seconds: settings.idle_seconds,
            office,
        }
    }
}

/// The moment of a change, for the audit.
fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Today's date where the office is: the date of the law.
fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Returns the app's version, database, start-up language, idle time and office.
#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(settings: State<'_, Settings>, desk: State<'_, Desk>) -> ApiResult<AppInfo> {
    Ok(AppInfo::new(&settings, desk.office_if_any()))
}

/// The reference lists (regions, countries) the forms choose from.
#[tauri::command(rename_all = "snake_case")]
pub async fn reference() -> ApiResult<Reference> {
    Ok(desk::reference())
}

/// Signs a user in; they are the "who" of every change until sign-out.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in(
    desk: State<'_, Desk>,
    login: String,
    password: String,
) -> ApiResult<SessionInfo> {
    desk.sign_in(&login, &password)
}

/// The current session, if any (the UI asks after a reload).
#[tauri::command(rename_all = "snake_case")]
pub async fn session(desk: State<'_, Desk>) -> ApiResult<Option<SessionInfo>> {
    desk.session()
}

/// Signs out.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_out(desk: State<'_, Desk>) -> ApiResult<()> {
    desk.sign_out()
}

/// Locks the screen (idle time passed, or the user asked).
#[tauri::command(rename_all = "snake_case")]
pub async fn lock(desk: State<'_, Desk>) -> ApiResult<()> {
    desk.lock()
}

/// Unlocks with the same user's password, or signs another user in.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock(
    desk: State<'_, Desk>,
    login: String,
    password: String,
) -> ApiResult<SessionInfo> {
    desk.unlock(&login, &password)
}

/// The home screen: counts, arrivals, statuses ending soon, recent work.
#[tauri::command(rename_all = "snake_case")]
pub async fn home(desk: State<'_, Desk>) -> ApiResult<HomeScreen> {
    desk.home(today())
}

/// Finds persons by any spelling of a name, an IIN or a document number.
#[tauri::command(rename_all = "snake_case")]
pub async fn find(desk: State<'_, Desk>, query: String, limit: u32) -> ApiResult<FindResult> {
    desk.find(&query, usize::try_from(limit).unwrap_or(50))
}

/// Reads a date as typed (`DD.MM.YYYY`, `YYYY-MM-DD`, …).
#[tauri::command(rename_all = "snake_case")]
pub async fn read_date(text: String) -> ApiResult<ReadDate> {
    desk::read_date(&text)
}

/// Checks an IIN and its agreement with the birth date and sex typed so far.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_iin(iin: String, birth_date: String, sex: Option<Sex>) -> ApiResult<IinCheck> {
    Ok(desk::check_iin(&iin, &birth_date, sex, today()))
}

/// Checks a registration form as it stands: problems and likely duplicates.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_family(desk: State<'_, Desk>, form: FamilyForm) -> ApiResult<FamilyCheck> {
    desk.check_family(&form, today())
}

/// Registers a family as the signed-in user.
#[tauri::command(rename_all = "snake_case")]
pub async fn register_family(
    desk: State<'_, Desk>,
    form: FamilyForm,
    allow_duplicates: bool,
) -> ApiResult<Registered> {
    desk.register_family(&form, allow_duplicates, now(), today())
}

/// The person card: the person, the family, the history, status and quota.
#[tauri::command(rename_all = "snake_case")]
pub async fn person_card(desk: State<'_, Desk>, regno: String) -> ApiResult<PersonCard> {
    desk.person_card(&regno, today())
}

/// Corrects a person with a reason, as the signed-in user.
#[tauri::command(rename_all = "snake_case")]
pub async fn edit_person(
    desk: State<'_, Desk>,
    regno: String,
    member: MemberForm,
    base_version: i64,
    reason: String,
) -> ApiResult<PersonCard> {
    desk.edit_person(&regno, &member, base_version, &reason, now(), today())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn app_info_crosses_ipc_as_snake_case_json() {
        let settings = Settings {
            db_path: Some(PathBuf::from("/tmp/t/otau.sqlite")),
            db_from_env: true,
            lang: Lang::Ru,
            idle_seconds: 600,
        };
        let json = serde_json::to_value(AppInfo::new(&settings, None)).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({
                "version": env!("CARGO_PKG_VERSION"),
                "db_path": "/tmp/t/otau.sqlite",
                "db_from_env": true,
                "lang": "ru",
                "idle_seconds": 600,
                "office": null,
            }))
        );
    }
}
