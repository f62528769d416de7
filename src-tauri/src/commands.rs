//! The commands the UI calls through `invoke`. Each is a thin translation between the IPC
//! (serde types, snake_case fields) and the settings or library functions behind it; none holds
//! rules of its own.

use serde::Serialize;
use ts_rs::TS;

use crate::settings::{Lang, Settings};

/// What the UI needs to know about the running app.
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
}

impl AppInfo {
    /// Describes an app running with `settings`.
    pub fn new(settings: &Settings) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            db_path: settings.db_path.as_ref().map(|path| path.to_string_lossy().into_owned()),
            db_from_env: settings.db_from_env,
            lang: settings.lang,
        }
    }
}

/// Returns the app's version, database path and start-up language.
#[tauri::command]
pub fn app_info(settings: tauri::State<'_, Settings>) -> AppInfo {
    AppInfo::new(&settings)
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
        };
        let json = serde_json::to_value(AppInfo::new(&settings)).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({
                "version": env!("CARGO_PKG_VERSION"),
                "db_path": "/tmp/t/otau.sqlite",
                "db_from_env": true,
                "lang": "ru",
            }))
        );
    }
}
