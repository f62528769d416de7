//! The command line's errors and how they are shown: translated, naming the field, with what to
//! fix; as one JSON document with `--json`.

use otau_core::{Coded, FieldError};
use otau_i18n::{tr, Lang};
use otau_store::{DuplicateHit, StoreError};
use serde_json::json;
use std::collections::BTreeMap;

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// The store refused or failed.
    Store(StoreError),
    /// An input given on the command line or in a file is wrong.
    Fields(Vec<FieldError>),
    /// The outcome was already printed (e.g. `iin check` of an invalid IIN); exit with status 1.
    Reported,
    /// Anything else with a code.
    Coded {
        /// Message id.
        code: &'static str,
        /// Arguments.
        args: BTreeMap<String, String>,
    },
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(fields) => CliError::Fields(fields),
            other => CliError::Store(other),
        }
    }
}

impl CliError {
    /// An error with a code and no arguments.
    pub fn coded(code: &'static str) -> Self {
        CliError::Coded { code, args: BTreeMap::new() }
    }

    /// An error with a code and arguments.
    pub fn with(code: &'static str, args: &[(&str, String)]) -> Self {
        CliError::Coded {
            code,
            args: args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }

    /// The process exit status: 1 for a refusal or bad input, 3 for a failure of the system.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Store(
                StoreError::Sqlite(_)
                | StoreError::Corrupt(_)
                | StoreError::Migration(_)
                | StoreError::FileFailed(_),
            ) => 3,
            _ => 1,
        }
    }

    fn field_errors(&self) -> &[FieldError] {
        match self {
            CliError::Fields(f) => f,
            CliError::Store(e) => e.field_errors(),
            _ => &[],
        }
    }

    fn duplicates(&self) -> &[DuplicateHit] {
        match self {
            CliError::Store(StoreError::Duplicates(d)) => d,
            _ => &[],
        }
    }
}

impl Coded for CliError {
    fn code(&self) -> &'static str {
        match self {
            CliError::Store(e) => e.code(),
            CliError::Fields(_) => "cli-invalid-input",
            CliError::Coded { code, .. } => code,
            CliError::Reported => "cli-error",
        }
    }
    fn args(&self) -> BTreeMap<String, String> {
        match self {
            CliError::Store(e) => e.args(),
            CliError::Fields(f) => BTreeMap::from([("count".to_string(), f.len().to_string())]),
            CliError::Coded { args, .. } => args.clone(),
            CliError::Reported => BTreeMap::new(),
        }
    }
}

/// The label of a field path such as `members[1].document.number`, translated.
pub fn field_label(lang: Lang, path: &str) -> String {
    let mut parts = vec![];
    let mut rest = path;
    if let Some(after) = rest.strip_prefix("members[") {
        if let Some((index, tail)) = after.split_once(']') {
            let n = index.parse::<usize>().map(|i| i + 1).unwrap_or(0);
            parts.push(tr(lang, "cli-member", &BTreeMap::from([("n".to_string(), n.to_string())])));
            rest = tail.trim_start_matches('.');
        }
    }
    if !rest.is_empty() {
        let id = format!("field-{}", rest.replace('.', "-"));
        let label = tr(lang, &id, &BTreeMap::new());
        parts.push(if label == id { rest.to_string() } else { label });
    }
    parts.join(" — ")
}

/// The message of one field error, translated.
pub fn field_message(lang: Lang, e: &FieldError) -> String {
    tr(lang, &e.code, &e.args)
}

/// Writes the error for people (standard error) or as JSON (standard output).
pub fn report(lang: Lang, json: bool, err: &CliError) {
    if matches!(err, CliError::Reported) {
        return;
    }
    let message = tr(lang, err.code(), &err.args());
    if json {
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|f| {
                json!({
                    "field": f.field,
                    "label": field_label(lang, &f.field),
                    "code": f.code,
                    "args": f.args,
                    "message": field_message(lang, f),
                })
            })
            .collect();
        let doc = json!({
            "error": {
                "code": err.code(),
                "message": message,
                "fields": fields,
                "duplicates": err.duplicates(),
            }
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return;
    }
    // Messages may carry what a file or a record holds (a sheet's name, a stored name): shown
    // so that none of it drives the terminal.
    use crate::output::shown;
    eprintln!("{}: {}", tr(lang, "cli-error", &BTreeMap::new()), shown(&message));
    for f in err.field_errors() {
        let label = field_label(lang, &f.field);
        eprintln!("  • {}: {}", shown(&label), shown(&field_message(lang, f)));
    }
    for d in err.duplicates() {
        let args = BTreeMap::from([
            ("n".to_string(), (d.member_index + 1).to_string()),
            ("regno".to_string(), d.existing_regno.clone()),
            ("name".to_string(), d.existing_name.clone()),
            ("birth".to_string(), d.existing_birth_date.to_string()),
            ("reason".to_string(), tr(lang, &format!("dup-{}", reason_id(d)), &BTreeMap::new())),
        ]);
        eprintln!("  • {}", shown(&tr(lang, "cli-duplicate-line", &args)));
    }
    if !err.duplicates().is_empty() {
        eprintln!("{}", tr(lang, "cli-duplicate-hint", &BTreeMap::new()));
    }
}

fn reason_id(d: &DuplicateHit) -> &'static str {
    match d.reason {
        otau_store::DuplicateReason::SameIin => "same-iin",
        otau_store::DuplicateReason::SameDocument => "same-document",
        otau_store::DuplicateReason::SameNameAndBirthDate => "same-name-and-birth-date",
    }
}

/// A note of a record in the reader's language: as typed, or its code translated.
pub fn note_text(lang: Lang, note: &otau_core::note::Note) -> String {
    match note {
        otau_core::note::Note::Typed(text) => text.clone(),
        otau_core::note::Note::Coded { code, args } => tr(lang, code, args),
    }
}

/// A translated message for normal output.
pub fn msg(lang: Lang, code: &str, args: &[(&str, String)]) -> String {
    tr(lang, code, &args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
}
