//! Start-up settings of the desktop app, read once from the environment: which database to
//! open (`OTAU_DB`), the interface language to start in (`OTAU_LANG`), how long the screen may
//! stay idle before it locks (`OTAU_IDLE_MINUTES`) and where documents are saved
//! (`OTAU_DOCS_DIR`); and what the UI learns of them before anyone signs in ([`AppInfo`]).
//!
//! Parsing is a pure function of the raw values, so it is tested without touching the process
//! environment. A bad value never stops the app: it falls back to the default and says why.

use std::ffi::OsString;
use std::path::PathBuf;

use otau_store::office::OfficeRec;
use serde::Serialize;
use ts_rs::TS;

/// Environment variable naming the SQLite database file to open.
pub const ENV_DB: &str = "OTAU_DB";
/// Environment variable naming the language to start in: `kk`, `ru` or `en`.
pub const ENV_LANG: &str = "OTAU_LANG";
/// Environment variable naming the idle time before the screen locks, in minutes (`15`, `0.5`).
pub const ENV_IDLE_MINUTES: &str = "OTAU_IDLE_MINUTES";
/// Idle minutes before the screen locks when `OTAU_IDLE_MINUTES` is not set.
pub const DEFAULT_IDLE_MINUTES: u32 = 15;
/// The longest idle time accepted: a working day.
const MAX_IDLE_SECONDS: u32 = 12 * 60 * 60;
/// The database when `OTAU_DB` is not set, relative to the user's data folder (on Linux
/// `~/.local/share`); the `otau` command line uses the same file.
pub const DEFAULT_DB: &str = "otau/otau.sqlite";

pub use otau_i18n::Lang;

/// What the app was started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The database to open: `OTAU_DB`, else [`DEFAULT_DB`] in the data folder once known.
    pub db_path: Option<PathBuf>,
    /// Whether `db_path` came from `OTAU_DB`.
    pub db_from_env: bool,
    /// The language to start in.
    pub lang: Lang,
    /// Seconds without a key press or a mouse move before the screen locks.
    pub idle_seconds: u32,
    /// Whether `idle_seconds` came from `OTAU_IDLE_MINUTES` (then it wins over the minutes an
    /// administrator saved in the app).
    pub idle_from_env: bool,
}

/// Settings plus what was wrong with the environment, to be reported by the caller.
#[derive(Debug)]
pub struct FromEnv {
    /// The settings to start with.
    pub settings: Settings,
    /// One line per ignored value.
    pub warnings: Vec<String>,
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> FromEnv {
        Settings::parse(
            std::env::var_os(ENV_DB),
            std::env::var_os(ENV_LANG),
            std::env::var_os(ENV_IDLE_MINUTES),
        )
    }

    /// Builds the settings from the raw values of `OTAU_DB`, `OTAU_LANG` and
    /// `OTAU_IDLE_MINUTES`.
    pub fn parse(db: Option<OsString>, lang: Option<OsString>, idle: Option<OsString>) -> FromEnv {
        let mut warnings = Vec::new();
        let db_path = db.filter(|value| !value.is_empty()).map(PathBuf::from);
        let lang = match lang {
            None => Lang::default(),
            Some(raw) if raw.is_empty() => Lang::default(),
            Some(raw) => match raw.to_str().and_then(Lang::parse) {
                Some(lang) => lang,
                None => {
                    warnings.push(format!(
                        "{ENV_LANG}={} is not one of kk, ru, en; starting in Kazakh",
                        raw.to_string_lossy()
                    ));
                    Lang::default()
                }
            },
        };
        let default_idle = DEFAULT_IDLE_MINUTES * 60;
        let mut idle_from_env = false;
        let idle_seconds = match idle.filter(|raw| !raw.is_empty()) {
            None => default_idle,
            Some(raw) => match raw.to_str().and_then(idle_seconds) {
                Some(seconds) => {
                    idle_from_env = true;
                    seconds
                }
                None => {
                    warnings.push(format!(
                        "{ENV_IDLE_MINUTES}={} is not a number of minutes between 0.1 and 720; \
                         locking after {DEFAULT_IDLE_MINUTES} idle minutes",
                        raw.to_string_lossy()
                    ));
                    default_idle
                }
            },
        };
        FromEnv {
            settings: Settings {
                db_from_env: db_path.is_some(),
                db_path,
                lang,
                idle_seconds,
                idle_from_env,
            },
            warnings,
        }
    }

    /// Uses `default` as the database when `OTAU_DB` did not name one.
    pub fn with_default_db(self, default: Option<PathBuf>) -> Settings {
        Settings { db_path: self.db_path.or(default), ..self }
    }
}

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

// Documents: where issued documents are saved.

/// Environment variable naming the folder issued documents are saved in.
pub const ENV_DOCS_DIR: &str = "OTAU_DOCS_DIR";
/// The documents folder when `OTAU_DOCS_DIR` is not set, relative to the user's documents
/// folder (on Linux `~/Documents`).
pub const DEFAULT_DOCS_DIR: &str = "Otau";

/// The folder issued documents are saved in as the start knows it: `OTAU_DOCS_DIR` (which wins
/// over the folder an administrator saved in the app), else `Otau` in the user's documents
/// folder (used unless one was saved); `None` when neither is known. Created when the first
/// document is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsDir {
    /// The folder.
    pub path: Option<PathBuf>,
    /// Whether it came from `OTAU_DOCS_DIR`.
    pub from_env: bool,
}

impl DocsDir {
    /// A folder given outright (as by `OTAU_DOCS_DIR`), or none.
    pub fn fixed(path: Option<PathBuf>) -> DocsDir {
        DocsDir { from_env: path.is_some(), path }
    }

    /// From the raw value of `OTAU_DOCS_DIR` and the user's documents folder, if known.
    pub fn parse(raw: Option<OsString>, user_documents: Option<PathBuf>) -> DocsDir {
        match raw.filter(|value| !value.is_empty()) {
            Some(raw) => DocsDir::fixed(Some(PathBuf::from(raw))),
            None => DocsDir {
                path: user_documents.map(|dir| dir.join(DEFAULT_DOCS_DIR)),
                from_env: false,
            },
        }
    }

    /// From the process environment.
    pub fn from_env(user_documents: Option<PathBuf>) -> DocsDir {
        DocsDir::parse(std::env::var_os(ENV_DOCS_DIR), user_documents)
    }
}

/// Reads idle minutes written as a whole or decimal number (`15`, `0.5`, `1,5`) as seconds;
/// `None` unless it is at least 6 seconds and at most [`MAX_IDLE_SECONDS`].
fn idle_seconds(raw: &str) -> Option<u32> {
    let raw = raw.trim().replace(',', ".");
    let (whole, fraction) = raw.split_once('.').unwrap_or((&raw, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || whole.len() > 4 {
        return None;
    }
    let whole: u32 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    // Tenths of a minute are whole seconds (6 s each); finer digits are dropped.
    let tenths = fraction.bytes().next().map_or(0, |b| u32::from(b - b'0'));
    let seconds = whole * 60 + tenths * 6;
    (6..=MAX_IDLE_SECONDS).contains(&seconds).then_some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(db: Option<&str>, lang: Option<&str>) -> FromEnv {
        Settings::parse(db.map(OsString::from), lang.map(OsString::from), None)
    }

    fn idle(raw: &str) -> FromEnv {
        Settings::parse(None, None, Some(OsString::from(raw)))
    }

    #[test]
    fn idle_time_defaults_to_fifteen_minutes() {
        assert_eq!(parse(None, None).settings.idle_seconds, 15 * 60);
        assert_eq!(idle("").settings.idle_seconds, 15 * 60);
    }

    #[test]
    fn idle_minutes_may_be_whole_or_decimal() {
        for (raw, seconds) in [("5", 300), (" 30 ", 1800), ("0.5", 30), ("1,5", 90), (".1", 6)] {
            let got = idle(raw);
            assert_eq!(got.settings.idle_seconds, seconds, "{raw}");
            assert!(got.warnings.is_empty(), "{raw}: {:?}", got.warnings);
        }
    }

    #[test]
    fn bad_idle_minutes_fall_back_with_a_warning() {
        for raw in ["0", "0.05", "-1", "ten", "721", "1.2.3", "."] {
            let got = idle(raw);
            assert_eq!(got.settings.idle_seconds, 15 * 60, "{raw}");
            assert_eq!(got.warnings.len(), 1, "{raw}");
            assert!(got.warnings[0].contains("OTAU_IDLE_MINUTES"), "{:?}", got.warnings);
        }
    }

    #[test]
    fn nothing_set_means_kazakh_and_no_database_yet() {
        let got = parse(None, None);
        assert_eq!(got.settings.lang, Lang::Kk);
        assert_eq!(got.settings.db_path, None);
        assert!(!got.settings.db_from_env);
        assert!(got.warnings.is_empty());
    }

    #[test]
    fn database_path_is_taken_as_given() {
        let got = parse(Some("/tmp/x/otau.sqlite"), Some("ru"));
        assert_eq!(got.settings.db_path, Some(PathBuf::from("/tmp/x/otau.sqlite")));
        assert!(got.settings.db_from_env);
        assert_eq!(got.settings.lang, Lang::Ru);
    }

    #[test]
    fn empty_values_count_as_unset() {
        let got = parse(Some(""), Some(""));
        assert_eq!(got.settings.db_path, None);
        assert_eq!(got.settings.lang, Lang::Kk);
        assert!(got.warnings.is_empty());
    }

    #[test]
    fn language_codes_ignore_case_and_spaces() {
        assert_eq!(Lang::parse(" EN "), Some(Lang::En));
        assert_eq!(Lang::parse("Kk"), Some(Lang::Kk));
        assert_eq!(Lang::parse("kz"), None);
    }

    #[test]
    fn unknown_language_falls_back_to_kazakh_with_a_warning() {
        let got = parse(None, Some("de"));
        assert_eq!(got.settings.lang, Lang::Kk);
        assert_eq!(got.warnings.len(), 1);
        assert!(got.warnings[0].contains("OTAU_LANG=de"), "{:?}", got.warnings);
    }

    #[test]
    fn documents_folder_is_the_variable_else_otau_in_the_users_documents() {
        let home = Some(PathBuf::from("/home/a/Documents"));
        let set = DocsDir::parse(Some(OsString::from("/srv/docs")), home.clone());
        assert_eq!(set, DocsDir { path: Some(PathBuf::from("/srv/docs")), from_env: true });
        let unset = DocsDir::parse(None, home.clone());
        let default = Some(PathBuf::from("/home/a/Documents/Otau"));
        assert_eq!(unset, DocsDir { path: default, from_env: false });
        assert_eq!(DocsDir::parse(Some(OsString::new()), home), unset);
        assert_eq!(DocsDir::parse(None, None), DocsDir { path: None, from_env: false });
    }

    #[test]
    fn default_database_applies_only_when_none_was_given() {
        let default = Some(PathBuf::from("/data/otau.sqlite"));
        let unset = parse(None, None).settings.with_default_db(default.clone());
        assert_eq!(unset.db_path, default);
        assert!(!unset.db_from_env);
        let set = parse(Some("/tmp/a.sqlite"), None).settings.with_default_db(default);
        assert_eq!(set.db_path, Some(PathBuf::from("/tmp/a.sqlite")));
    }

    #[test]
    fn app_info_crosses_ipc_as_snake_case_json() {
        let settings = Settings {
            db_path: Some(PathBuf::from("/tmp/t/otau.sqlite")),
            db_from_env: true,
            lang: Lang::Ru,
            idle_seconds: 600,
            idle_from_env: true,
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
