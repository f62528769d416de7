//! Start-up settings of the desktop app, read once from the environment: which database to
//! open (`OTAU_DB`) and the interface language to start in (`OTAU_LANG`).
//!
//! Parsing is a pure function of the raw values, so it is tested without touching the process
//! environment. A bad value never stops the app: it falls back to the default and says why.

use std::ffi::OsString;
use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

/// Environment variable naming the SQLite database file to open.
pub const ENV_DB: &str = "OTAU_DB";
/// Environment variable naming the language to start in: `kk`, `ru` or `en`.
pub const ENV_LANG: &str = "OTAU_LANG";
/// The database when `OTAU_DB` is not set, relative to the user's data folder (on Linux
/// `~/.local/share`); the `otau` command line uses the same file.
pub const DEFAULT_DB: &str = "otau/otau.sqlite";

/// A language the interface is translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh, the default.
    #[default]
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Reads a language code as written in `OTAU_LANG` (case and surrounding spaces ignored).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// What the app was started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The database to open: `OTAU_DB`, else [`DEFAULT_DB`] in the data folder once known.
    pub db_path: Option<PathBuf>,
    /// Whether `db_path` came from `OTAU_DB`.
    pub db_from_env: bool,
    /// The language to start in.
    pub lang: Lang,
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
        Settings::parse(std::env::var_os(ENV_DB), std::env::var_os(ENV_LANG))
    }

    /// Builds the settings from the raw values of `OTAU_DB` and `OTAU_LANG`.
    pub fn parse(db: Option<OsString>, lang: Option<OsString>) -> FromEnv {
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
        FromEnv { settings: Settings { db_from_env: db_path.is_some(), db_path, lang }, warnings }
    }

    /// Uses `default` as the database when `OTAU_DB` did not name one.
    pub fn with_default_db(self, default: Option<PathBuf>) -> Settings {
        Settings { db_path: self.db_path.or(default), ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(db: Option<&str>, lang: Option<&str>) -> FromEnv {
        Settings::parse(db.map(OsString::from), lang.map(OsString::from))
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
    fn default_database_applies_only_when_none_was_given() {
        let default = Some(PathBuf::from("/data/otau.sqlite"));
        let unset = parse(None, None).settings.with_default_db(default.clone());
        assert_eq!(unset.db_path, default);
        assert!(!unset.db_from_env);
        let set = parse(Some("/tmp/a.sqlite"), None).settings.with_default_db(default);
        assert_eq!(set.db_path, Some(PathBuf::from("/tmp/a.sqlite")));
    }
}
