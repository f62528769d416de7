//! Enrolment: an office database meets its centre once, with a one-time code. The first device
//! of an office keeps its records and uploads them; a new device of an office starts empty and
//! downloads them.
//!
//! # Design
//! The device makes its two Ed25519 keys here: the *device key*, which proves to the centre
//! that a request comes from this device (its secret half stays in the database), and, for a
//! joining device, its *document key*, which signs the papers it prints (its public half is
//! registered at the centre for every office to check them). The centre's certificate is
//! pinned from the code, so the first connection already trusts nothing else.

use crate::error::{DeviceError, Result};
use crate::run::{sync, SyncReport};
use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::SigningKey;
use otau_store::sync::Enrolment as Enrolled;
use otau_store::{Store, StoreError};
use otau_sync::client::CentreClient;
use otau_sync::messages::{EnrolMode, EnrolRequest, History};
use otau_sync::SyncError;
use rand::RngCore;
use std::path::Path;
use uuid::Uuid;

/// Where to enrol and with which code.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// The centre's address (`https://host:port`).
    pub centre_url: String,
    /// The one-time code the centre printed (`OTAU1-…`).
    pub code: String,
    /// A name for people (`Counter 2`, `Field laptop`).
    pub device_name: String,
}

/// Enrolling a new, empty device of an existing office, and the administrator who will use it.
#[derive(Debug, Clone)]
pub struct JoinRequest {
    /// Where and with which code.
    pub enrolment: Enrolment,
    /// The login of an administrator of the office (the office's users arrive with the records,
    /// but passwords never travel: this one is set on this device).
    pub admin_login: String,
    /// That administrator's password on this device.
    pub admin_password: String,
}

pub(crate) fn random_secret() -> [u8; 32] {
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    secret
}

pub(crate) fn public_hex(secret: &[u8; 32]) -> String {
    hex::encode(SigningKey::from_bytes(secret).verifying_key().to_bytes())
}

/// The document key's public half as the centre takes it (hex), from the store's form.
pub(crate) fn document_key_hex(key: &str) -> Result<String> {
    otau_store::documents::keys::decode_key(key).map(hex::encode).ok_or_else(|| {
        DeviceError::Store(StoreError::Corrupt("the office's document key does not read".into()))
    })
}

fn request(
    e: &Enrolment,
    device_id: Uuid,
    device_secret: &[u8; 32],
    document_key: String,
    history: History,
) -> EnrolRequest {
    EnrolRequest {
        code: e.code.trim().to_string(),
        device_id: Some(device_id),
        device_name: e.device_name.trim().to_string(),
        device_key: public_hex(device_secret),
        document_key,
        history,
    }
}

fn enrolled(
    e: &Enrolment,
    answer: &otau_sync::messages::Enrolled,
    cert: [u8; 32],
    device_secret: &[u8; 32],
) -> Enrolled {
    Enrolled {
        centre_url: e.centre_url.trim().trim_end_matches('/').to_string(),
        centre_id: answer.centre.id.to_string(),
        centre_name: answer.centre.name.clone(),
        centre_public_key: answer.centre.public_key.clone(),
        cert_sha256: Some(hex::encode(cert)),
        device_name: e.device_name.trim().to_string(),
        device_key: hex::encode(device_secret),
        blocks: answer.blocks.clone(),
        pending_enrolment: None,
    }
}

/// Enrols the office database `store` holds with its centre and syncs for the first time (the
/// first device of an office uploads its whole history).
pub fn enrol(
    store: &mut Store,
    at: DateTime<Utc>,
    today: NaiveDate,
    e: &Enrolment,
) -> Result<SyncReport> {
    let (device_id, office) = store.device_identity()?;
    if store.sync_state()?.is_some() {
        return Err(StoreError::Sync { code: "sync-already-enrolled", detail: office }.into());
    }
    let device_id = Uuid::parse_str(&device_id)
        .map_err(|_| StoreError::Corrupt(format!("device id {device_id}")))?;
    let document_key = document_key_hex(&store.ensure_office_key(at)?)?;
    let device_secret = random_secret();
    let req = request(e, device_id, &device_secret, document_key, store.history()?);
    let (answer, cert) = CentreClient::enrol(&e.centre_url, &req)?;
    if answer.office.code != office {
        return Err(StoreError::Sync {
            code: "sync-wrong-office",
            detail: format!("{} / {office}", answer.office.code),
        }
        .into());
    }
    if answer.mode == EnrolMode::Join {
        // The centre already holds this office from another device: this database's own
        // records would be a second history. A new device of an office starts empty.
        return Err(SyncError::EnrolNotEmpty.into());
    }
    store.save_enrolment(at, &enrolled(e, &answer, cert, &device_secret))?;
    sync(store, at, today)
}

/// Creates the database of a new device of an existing office at `path` (encrypted with `keys`,
/// whose keys file the caller has saved), enrols it, downloads the office's records and sets the
/// administrator's password on it.
pub fn join(
    path: &Path,
    keys: &otau_store::vault::VaultKeys,
    at: DateTime<Utc>,
    today: NaiveDate,
    req: &JoinRequest,
) -> Result<(Store, SyncReport)> {
    let login = otau_store::users::normalize_login(&req.admin_login)?;
    otau_store::users::check_new_password(&req.admin_password, &login, None)?;
    let mut store = Store::open_encrypted(path, keys)?;
    if store.device_identity().is_ok() {
        return Err(SyncError::EnrolNotEmpty.into());
    }
    let device_id = Uuid::now_v7();
    let device_secret = random_secret();
    let document_secret = random_secret();
    let history = History { empty: true, numbers: vec![] };
    let e = &req.enrolment;
    let enrol_req = request(e, device_id, &device_secret, public_hex(&document_secret), history);
    let (answer, cert) = CentreClient::enrol(&e.centre_url, &enrol_req)?;
    store.join_office(
        at,
        &device_id.to_string(),
        &answer.office.code,
        &enrolled(e, &answer, cert, &device_secret),
    )?;
    let report = sync(&mut store, at, today)?;
    store.install_office_key(at, &document_secret)?;
    store.set_local_password(&otau_store::Context::system(at), &login, &req.admin_password)?;
    // The device's own document key goes to the office's other devices.
    let sent = sync(&mut store, at, today)?;
    Ok((store, SyncReport { pushed: report.pushed + sent.pushed, ..report }))
}
