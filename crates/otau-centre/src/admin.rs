//! What administrators do at the centre (`otau centre …`), as blocking calls for the command
//! line: make a centre, add offices, make enrolment codes, list and release devices, see the
//! status, change reference data.

use crate::error::{CentreError, Result};
use crate::reference::{self, Item};
use crate::storage::{DeviceRow, Status, Storage};
use crate::{open_storage, DataDir, Identity, Location};
use chrono::{Duration, SecondsFormat, Utc};
use otau_core::casework::quota::QuotaRow;
use otau_core::mci::{MciPurpose, MciRow};
use otau_sync::code::EnrolCode;
use otau_sync::messages::OfficeInfo;
use rand::RngCore;
use std::sync::Arc;
use uuid::Uuid;

/// The moment now, as the centre writes it.
pub fn now() -> String {
    crate::clock::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An open centre for administration.
pub struct Admin {
    runtime: tokio::runtime::Runtime,
    /// Identity.
    pub identity: Identity,
    storage: Arc<dyn Storage>,
    data: std::path::PathBuf,
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CentreError::Io { path: "runtime".into(), reason: e.to_string() })
}

/// What `init` made.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Made {
    /// Id.
    pub centre_id: Uuid,
    /// Name.
    pub name: String,
    /// Public key (hex).
    pub public_key: String,
    /// Certificate SHA-256 (hex).
    pub cert_sha256: String,
    /// Reference items seeded.
    pub reference_items: usize,
    /// The data folder.
    pub data: String,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
}

impl Admin {
    /// Makes a new centre: identity and certificate in the data folder, the database, and the
    /// reference data shipped with Otau.
    pub fn init(location: &Location, name: &str) -> Result<(Admin, Made)> {
        let identity = DataDir::new(&location.data).init(name, &now())?;
        let admin = Admin::open(location)?;
        let items = reference::shipped()?;
        for item in &items {
            admin.add_item(item)?;
        }
        let made = Made {
            centre_id: identity.id,
            name: identity.name.clone(),
            public_key: identity.public_key(),
            cert_sha256: identity.cert_hex(),
            reference_items: items.len(),
            data: location.data.display().to_string(),
            backend: admin.storage.backend(),
        };
        Ok((admin, made))
    }

    /// Opens the centre at `location`.
    pub fn open(location: &Location) -> Result<Admin> {
        let identity = DataDir::new(&location.data).load()?;
        let runtime = runtime()?;
        let storage = runtime.block_on(open_storage(&identity, location))?;
        Ok(Admin { runtime, identity, storage, data: location.data.clone() })
    }

    /// Runs a future of the storage to its end.
    pub(crate) fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// The storage.
    pub(crate) fn storage(&self) -> &dyn Storage {
        &*self.storage
    }

    /// The data folder.
    pub(crate) fn data(&self) -> &std::path::Path {
        &self.data
    }

    /// The storage backend's name.
    pub fn backend(&self) -> &'static str {
        self.storage.backend()
    }

    fn add_item(&self, item: &Item) -> Result<i64> {
        self.runtime.block_on(self.storage.add_reference(
            item.kind,
            &item.key,
            &item.record,
            &now(),
        ))
    }

    /// Adds an office.
    pub fn add_office(&self, code: &str, name: &str, region: &str) -> Result<OfficeInfo> {
        let code = code.trim().to_ascii_uppercase();
        if !(3..=10).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(CentreError::bad("code", "3 to 10 Latin letters and digits (PVL01)"));
        }
        if name.trim().is_empty() {
            return Err(CentreError::bad("name", "required"));
        }
        let region = region.trim().to_string();
        if otau_core::regions::region(&region).is_none() {
            return Err(CentreError::bad(
                "region",
                format!("not a region of Kazakhstan: {region}"),
            ));
        }
        let office = OfficeInfo { code, name: name.trim().to_string(), region };
        self.runtime.block_on(self.storage.add_office(&office, &now()))?;
        Ok(office)
    }

    /// Makes a one-time enrolment code for an office, valid `hours`.
    pub fn enrol_code(&self, office: &str, hours: i64) -> Result<(String, String)> {
        if !(1..=24 * 30).contains(&hours) {
            return Err(CentreError::bad("valid-hours", "1 to 720"));
        }
        self.enrol_code_until(office, crate::clock::now() + Duration::hours(hours))
    }

    /// Makes a one-time enrolment code for an office that works until `expires` (a moment in
    /// the past makes a code that is already expired, for tests).
    pub fn enrol_code_until(
        &self,
        office: &str,
        expires: chrono::DateTime<Utc>,
    ) -> Result<(String, String)> {
        let mut secret = [0u8; 10];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let code = EnrolCode::new(secret, &self.identity.cert_sha256);
        let expires = expires.to_rfc3339_opts(SecondsFormat::Millis, true);
        let office = office.trim().to_ascii_uppercase();
        let hash = code.secret_hash();
        self.runtime.block_on(self.storage.add_enrol_code(&hash, &office, &now(), &expires))?;
        Ok((code.format(), expires))
    }

    /// Makes a one-time enrolment code for a device of `office` with no line, valid `hours`,
    /// and the centre's card it enrols with (the code pins the card's key).
    pub fn enrol_card(
        &self,
        office: &str,
        hours: i64,
    ) -> Result<(String, String, otau_sync::carried::CentreCard)> {
        if !(1..=24 * 30).contains(&hours) {
            return Err(CentreError::bad("valid-hours", "1 to 720"));
        }
        let office = office.trim().to_ascii_uppercase();
        let info = self.runtime.block_on(crate::packets::office_info(&*self.storage, &office))?;
        let mut secret = [0u8; 10];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let code = EnrolCode::new(secret, &self.identity.key_pin());
        let expires = (crate::clock::now() + Duration::hours(hours))
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        let hash = code.secret_hash();
        self.runtime.block_on(self.storage.add_enrol_code(&hash, &office, &now(), &expires))?;
        Ok((code.format(), expires, crate::packets::card(&self.identity, info)))
    }

    /// Imports a device's packet.
    pub fn packet_import(&self, bytes: &[u8]) -> Result<crate::packets::Imported> {
        self.runtime.block_on(crate::packets::import(
            &self.identity,
            &*self.storage,
            bytes,
            crate::DEFAULT_BLOCK_SIZE,
            &now(),
        ))
    }

    /// Writes the packet for a device: its bytes and what it carries.
    pub fn packet_export(&self, device: &str) -> Result<(Vec<u8>, crate::packets::Exported)> {
        let id = Uuid::parse_str(device.trim())
            .map_err(|_| CentreError::UnknownDevice(device.to_string()))?;
        self.runtime.block_on(crate::packets::export(&self.identity, &*self.storage, id, &now()))
    }

    /// Likely duplicates across offices (the same IIN, document, or folded name and birth date).
    pub fn cross_cases(&self) -> Result<Vec<crate::crossing::CrossCase>> {
        self.runtime.block_on(self.storage.cross_cases())
    }

    /// One family paid the same one-time subsidy in two offices.
    pub fn payment_cases(&self) -> Result<Vec<crate::payments::PaymentCase>> {
        self.runtime.block_on(self.storage.payment_cases())
    }

    /// Every device.
    pub fn devices(&self) -> Result<Vec<DeviceRow>> {
        self.runtime.block_on(self.storage.devices())
    }

    /// Lifts a device's quarantine.
    pub fn release(&self, device: &str) -> Result<bool> {
        let id = Uuid::parse_str(device.trim())
            .map_err(|_| CentreError::UnknownDevice(device.to_string()))?;
        self.runtime.block_on(self.storage.release(id))
    }

    /// The centre at a glance.
    pub fn status(&self) -> Result<Status> {
        self.runtime.block_on(self.storage.status())
    }

    /// Adds an MCI row to the reference data.
    pub fn mci_add(
        &self,
        from: &str,
        purpose: &str,
        tenge: i64,
        note: Option<String>,
    ) -> Result<i64> {
        let purpose: MciPurpose = serde_json::from_value(serde_json::json!(purpose.trim()))
            .map_err(|_| CentreError::bad("purpose", "social_payments or fines_and_other"))?;
        let row = MciRow { effective_from: reference::date("from", from)?, purpose, tenge, note };
        self.add_item(&reference::mci_item(&row)?)
    }

    /// Sets a region's quota from a date.
    pub fn quota_set(
        &self,
        region: &str,
        year: i32,
        people: i64,
        from: &str,
        note: Option<String>,
    ) -> Result<i64> {
        let row = QuotaRow {
            region: region.trim().to_string(),
            year,
            people,
            effective_from: reference::date("from", from)?,
            note,
        };
        self.add_item(&reference::quota_item(&row)?)
    }

    /// Adds subsidy rule versions from a file's text.
    pub fn rules_add(&self, text: &str) -> Result<Vec<String>> {
        let mut keys = vec![];
        for rule in reference::rules_from_json(text)? {
            let item = reference::rule_item(&rule)?;
            self.add_item(&item)?;
            keys.push(item.key);
        }
        Ok(keys)
    }
}
