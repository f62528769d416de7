//! The administrators' office settings screen: the office's name, and this computer's documents
//! folder and idle lock — what each is now, where it comes from (saved here, the environment of
//! the start, or the default) — and saving them, the folder tried for writing first.

use crate::desk::Desk;
use crate::error::{ApiError, ApiResult};
use crate::Now;
use otau_core::FieldError;
use otau_store::device_settings::OfficeSettingsInput;
use otau_store::office::OfficeRec;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// The office settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OfficeSettingsScreen {
    /// The office (code and region as the centre knows them; the name can be changed here).
    pub office: OfficeRec,
    /// The folder documents are saved in now, if known.
    pub docs_folder: Option<String>,
    /// The folder saved for this computer, if any.
    pub docs_saved: Option<String>,
    /// The folder used when none is saved.
    pub docs_default: Option<String>,
    /// Whether `OTAU_DOCS_DIR` sets the folder (it wins over the saved one).
    pub docs_from_env: bool,
    /// Idle minutes before the screen locks now (rounded up).
    pub idle_minutes: u32,
    /// The minutes saved for this computer, if any.
    pub idle_saved: Option<u32>,
    /// Whether `OTAU_IDLE_MINUTES` sets them (it wins over the saved ones).
    pub idle_from_env: bool,
    /// The fewest and the most minutes that may be saved.
    pub idle_range: (u32, u32),
}

/// The office settings form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OfficeSettingsForm {
    /// The office's name.
    pub office_name: String,
    /// The documents folder (empty: the default).
    pub docs_folder: String,
    /// Idle minutes (empty: the default).
    pub idle_minutes: String,
}

impl Desk {
    /// The office settings screen (administrators).
    pub fn office_settings(&self, now: Now) -> ApiResult<OfficeSettingsScreen> {
        self.acting(now, |store, ctx| {
            ctx.actor.require(otau_store::Action::ManageUsers)?;
            self.remember_settings(store)?;
            Ok(self.settings_screen(store.office()?.office))
        })
    }

    /// Saves the office settings (administrators): the folder is made if missing and written
    /// to once before it is kept; nothing is saved when a field is wrong.
    pub fn save_office_settings(
        &self,
        form: &OfficeSettingsForm,
        now: Now,
    ) -> ApiResult<OfficeSettingsScreen> {
        let idle_minutes = match form.idle_minutes.trim() {
            "" => None,
            typed => Some(typed.parse::<u32>().map_err(|_| {
                let (min, max) = idle_range();
                ApiError::invalid(vec![FieldError::bare("idle_minutes", "settings-idle-range")
                    .with_arg("min", min)
                    .with_arg("max", max)])
            })?),
        };
        let folder = form.docs_folder.trim();
        let folder = (!folder.is_empty()).then(|| folder.to_string());
        if let Some(folder) = folder.as_deref().filter(|f| Path::new(f).is_absolute()) {
            try_writing(Path::new(folder)).map_err(|detail| {
                ApiError::invalid(vec![FieldError::bare(
                    "docs_folder",
                    "settings-folder-unwritable",
                )
                .with_arg("path", folder)
                .with_arg("detail", detail)])
            })?;
        }
        let input = OfficeSettingsInput {
            office_name: form.office_name.clone(),
            docs_folder: folder,
            idle_minutes,
        };
        self.acting(now, |store, ctx| {
            let (office, _) = store.save_office_settings(ctx, &input)?;
            self.remember_settings(store)?;
            Ok(self.settings_screen(office.office))
        })
    }

    fn settings_screen(&self, office: OfficeRec) -> OfficeSettingsScreen {
        let saved = self.saved();
        let shown = |p: &Path| p.to_string_lossy().into_owned();
        OfficeSettingsScreen {
            office,
            docs_folder: self.docs_folder().as_deref().map(shown),
            docs_saved: saved.docs_folder,
            docs_default: (!self.docs_from_env())
                .then(|| self.default_docs_folder().as_deref().map(shown))
                .flatten(),
            docs_from_env: self.docs_from_env(),
            idle_minutes: self.idle_seconds().div_ceil(60),
            idle_saved: saved.idle_minutes,
            idle_from_env: self.settings().idle_from_env,
            idle_range: idle_range(),
        }
    }
}

fn idle_range() -> (u32, u32) {
    (otau_store::device_settings::MIN_IDLE_MINUTES, otau_store::device_settings::MAX_IDLE_MINUTES)
}

/// Makes the folder if missing, private as the documents' folder always is, and writes a small
/// file into it the way a document is written, then removes it: a folder that cannot take a
/// document is refused now, not when the first certificate is saved.
fn try_writing(folder: &Path) -> Result<(), String> {
    use std::io::Write;
    otau_store::private::create_dir_all(folder).map_err(|e| e.to_string())?;
    let probe = folder.join(".otau-write-check");
    let written = otau_store::private::create_new(&probe).and_then(|mut f| f.write_all(b"otau"));
    let removed = std::fs::remove_file(&probe);
    written.and(removed).map_err(|e| e.to_string())
}
