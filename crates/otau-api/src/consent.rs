//! Consent from the person card: recording a consent given after registration, recording its
//! withdrawal, and saving everything held about the person in one JSON file in the documents
//! folder — the same operations `otau person consent|withdraw-consent|export` call.

use crate::desk::{card, Desk, PersonCard};
use crate::documents::code;
use crate::error::{ApiError, ApiResult};
use crate::form::{parse_date, ConsentForm};
use crate::Now;
use chrono::NaiveDate;
use otau_core::model::ConsentMethod;
use otau_core::FieldError;
use otau_store::documents::DocumentError;
use otau_store::registry::consent::WithdrawalInput;
use otau_store::{Context, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The withdrawal form of the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WithdrawalForm {
    /// The day it was withdrawn, as typed.
    pub withdrawn_on: String,
    /// How it was withdrawn.
    pub method: ConsentMethod,
    /// A note (the application's number, …).
    pub note: String,
}

impl WithdrawalForm {
    /// The withdrawal as the library takes it, or the problem of reading its date.
    pub fn to_input(&self) -> Result<WithdrawalInput, Vec<FieldError>> {
        let typed = self.withdrawn_on.trim();
        if typed.is_empty() {
            return Err(vec![FieldError::bare("withdrawn_on", "value-required")]);
        }
        let withdrawn_on = parse_date(typed).ok_or_else(|| {
            vec![FieldError::bare("withdrawn_on", crate::error::code::DATE_FORMAT)
                .with_arg("value", typed)]
        })?;
        let note = Some(self.note.trim().to_owned()).filter(|n| !n.is_empty());
        Ok(WithdrawalInput { withdrawn_on, method: self.method, note })
    }
}

/// Whether a person born on `birth_date` (as typed) is under 18 on `today`; false while the
/// date cannot be read.
pub fn is_minor(birth_date: &str, today: NaiveDate) -> bool {
    parse_date(birth_date.trim())
        .is_some_and(|born| otau_core::dates::age_on(born, today) < otau_core::consent::ADULT_AGE)
}

/// Where the export of a person was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedExport {
    /// Where the file was saved.
    pub path: String,
    /// The file's name.
    pub file_name: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Everything held about the person `regno`, as the JSON file holds it (pretty-printed, one
/// object; amounts as integers of tiyn with their text beside them).
pub fn export_bytes(store: &Store, ctx: &Context, regno: &str) -> Result<Vec<u8>, StoreError> {
    let export = store.person_export(ctx, regno)?;
    let mut bytes =
        serde_json::to_vec_pretty(&export).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The file name of an export: `person-PVL01-2026-00001-2026-11-25.json`.
pub fn export_file_name(regno: &str, today: NaiveDate) -> String {
    let regno: String = regno.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    format!("person-{regno}-{today}.json")
}

/// Saves `bytes` in `folder` under `name`, never over an existing file (`-2`, `-3`… added), the
/// file and a folder made for it private to their owner.
fn save_new(folder: &Path, name: &str, bytes: &[u8]) -> ApiResult<PathBuf> {
    let failed = |code: &'static str, path: &Path, e: &std::io::Error| {
        ApiError::from(otau_store::StoreError::from(DocumentError::Output {
            code,
            args: [
                ("path".to_owned(), path.display().to_string()),
                ("detail".to_owned(), e.to_string()),
            ]
            .into(),
        }))
    };
    otau_store::private::create_dir_all(folder).map_err(|e| failed(code::FOLDER, folder, &e))?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "json"));
    for n in 1..=999u32 {
        let file = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
        let path = folder.join(file);
        match otau_store::private::create_new(&path) {
            Ok(mut f) => {
                return match f.write_all(bytes).and_then(|()| f.sync_all()) {
                    Ok(()) => Ok(path),
                    Err(e) => {
                        // Best effort: the file is ours and half written; the error says why.
                        let _ = std::fs::remove_file(&path);
                        Err(failed(code::WRITE, &path, &e))
                    }
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(code::WRITE, &path, &e)),
        }
    }
    Err(failed(
        code::WRITE,
        &folder.join(name),
        &std::io::Error::other("too many files of this name"),
    ))
}

impl Desk {
    /// Records a consent the person gave after registration (or a corrected one).
    pub fn record_consent(
        &self,
        regno: &str,
        form: &ConsentForm,
        now: Now,
    ) -> ApiResult<PersonCard> {
        self.acting(now, |store, ctx| {
            let consent = form.to_consent(now.today).map_err(ApiError::invalid)?;
            store.record_consent(ctx, regno, &consent)?;
            card(store, ctx, regno, now.today)
        })
    }

    /// Records the withdrawal of the person's consent, received by the signed-in user.
    pub fn withdraw_consent(
        &self,
        regno: &str,
        form: &WithdrawalForm,
        now: Now,
    ) -> ApiResult<PersonCard> {
        self.acting(now, |store, ctx| {
            let input = form.to_input().map_err(ApiError::invalid)?;
            store.withdraw_consent(ctx, regno, &input)?;
            card(store, ctx, regno, now.today)
        })
    }

    /// Saves everything held about the person in one JSON file in `folder` (managers and
    /// administrators).
    pub fn export_person(
        &self,
        folder: Option<&Path>,
        regno: &str,
        now: Now,
    ) -> ApiResult<SavedExport> {
        self.acting(now, |store, ctx| {
            let bytes = export_bytes(store, ctx, regno)?;
            let folder = folder.ok_or_else(|| ApiError::coded(code::NO_FOLDER))?;
            let name = export_file_name(&store.person(regno)?.person.regno, now.today);
            let path = save_new(folder, &name, &bytes)?;
            let file_name =
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(name);
            Ok(SavedExport {
                path: path.to_string_lossy().into_owned(),
                file_name,
                bytes: bytes.len() as u64,
            })
        })
    }
}
