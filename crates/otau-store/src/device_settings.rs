//! The office's settings an administrator changes in the app: the office's name (a record of
//! the office, synced), and this computer's own — the folder documents are saved in and the
//! minutes of idleness before the screen locks (private records: in this device's history,
//! never sent).
//!
//! # Design
//! The store keeps what was chosen and checks its form (a name, an absolute folder, minutes in
//! range); whether a folder can be written is the caller's to try, as the store touches no
//! folder but its own. What the environment of a start sets (`OTAU_DOCS_DIR`,
//! `OTAU_IDLE_MINUTES`) wins over what is saved here: that choice is the desk's.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::office::{current_office, OfficeInfo, OfficeRec};
use crate::record::{from_row, Record};
use crate::users::Action;
use crate::Store;
use otau_core::validate::text_problem;
use otau_core::FieldError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The fewest idle minutes before the screen locks that may be set.
pub const MIN_IDLE_MINUTES: u32 = 1;
/// The most: a working day.
pub const MAX_IDLE_MINUTES: u32 = 720;
/// The longest office name, in characters.
const MAX_OFFICE_NAME: usize = 200;

/// A row of `device_settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSettingRec {
    /// Id.
    pub id: Uuid,
    /// Which setting (`docs_folder`, `idle_minutes`).
    pub key: String,
    /// Its value as text.
    pub value: String,
    /// Version.
    pub version: i64,
}

impl Record for DeviceSettingRec {
    const TABLE: &'static str = "device_settings";
    const ENTITY: &'static str = "device_setting";
    const PRIVATE: bool = true;
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
        None
    }
}

/// This computer's settings as saved (each absent until an administrator sets it).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSettings {
    /// The folder documents are saved in (absolute).
    pub docs_folder: Option<String>,
    /// Minutes without input before the screen locks.
    pub idle_minutes: Option<u32>,
}

/// What the office settings form saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeSettingsInput {
    /// The office's name.
    pub office_name: String,
    /// The documents folder; `None` to go back to the default.
    pub docs_folder: Option<String>,
    /// Idle minutes; `None` to go back to the default.
    pub idle_minutes: Option<u32>,
}

impl Store {
    /// This computer's settings as saved.
    pub fn device_settings(&self) -> Result<DeviceSettings> {
        let rows: Vec<DeviceSettingRec> = self
            .conn()
            .prepare_cached("SELECT * FROM device_settings ORDER BY key")?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = DeviceSettings::default();
        for row in rows {
            match row.key.as_str() {
                "docs_folder" if !row.value.is_empty() => out.docs_folder = Some(row.value),
                "idle_minutes" => out.idle_minutes = row.value.parse().ok(),
                _ => {}
            }
        }
        Ok(out)
    }

    /// Saves the office's name and this computer's settings (administrators), after checking
    /// each; nothing is saved when one is wrong.
    pub fn save_office_settings(
        &mut self,
        ctx: &Context,
        input: &OfficeSettingsInput,
    ) -> Result<(OfficeInfo, DeviceSettings)> {
        ctx.actor.require(Action::ManageUsers)?;
        let mut errors = vec![];
        let name = input.office_name.trim();
        if name.is_empty() {
            errors.push(FieldError::bare("office_name", "value-required"));
        } else if name.chars().count() > MAX_OFFICE_NAME {
            errors.push(
                FieldError::bare("office_name", "text-too-long")
                    .with_arg("found", name.chars().count())
                    .with_arg("max", MAX_OFFICE_NAME),
            );
        } else if let Some(problem) = text_problem("office_name", name) {
            errors.push(FieldError::new("office_name", &problem));
        }
        let folder = input.docs_folder.as_deref().map(str::trim).filter(|f| !f.is_empty());
        if let Some(folder) = folder {
            if !std::path::Path::new(folder).is_absolute() || folder.chars().any(char::is_control) {
                errors.push(FieldError::bare("docs_folder", "settings-folder-not-absolute"));
            }
        }
        if let Some(minutes) = input.idle_minutes {
            if !(MIN_IDLE_MINUTES..=MAX_IDLE_MINUTES).contains(&minutes) {
                errors.push(
                    FieldError::bare("idle_minutes", "settings-idle-range")
                        .with_arg("min", MIN_IDLE_MINUTES)
                        .with_arg("max", MAX_IDLE_MINUTES),
                );
            }
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let (office_id, _) = current_office(self.conn())?;
        let office: OfficeRec = self
            .conn()
            .prepare_cached("SELECT * FROM offices WHERE id = ?1")?
            .query_row([office_id.to_string()], from_row)?;
        let existing: Vec<DeviceSettingRec> = self
            .conn()
            .prepare_cached("SELECT * FROM device_settings")?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let wanted = [
            ("docs_folder", folder.map(String::from).unwrap_or_default()),
            ("idle_minutes", input.idle_minutes.map(|m| m.to_string()).unwrap_or_default()),
        ];
        self.write(ctx, "office.settings", |change| {
            if office.name != name {
                let mut after = office.clone();
                after.name = name.to_string();
                change.update(&office, &mut after)?;
            }
            for (key, value) in &wanted {
                match existing.iter().find(|r| r.key == *key) {
                    Some(before) if before.value != *value => {
                        let mut after = before.clone();
                        after.value = value.clone();
                        change.update(before, &mut after)?;
                    }
                    Some(_) => {}
                    None if value.is_empty() => {}
                    None => {
                        let mut rec = DeviceSettingRec {
                            id: Uuid::now_v7(),
                            key: (*key).to_string(),
                            value: value.clone(),
                            version: 0,
                        };
                        change.insert(&mut rec)?;
                    }
                }
            }
            Ok(())
        })?;
        Ok((self.office()?, self.device_settings()?))
    }
}
