//! Enrolling a device with a one-time code, over HTTPS or in a packet: the same checks and the
//! same answer either way.

use crate::error::Result;
use crate::storage::{NewDevice, Storage};
use crate::Identity;
use ed25519_dalek::VerifyingKey;
use otau_sync::code::EnrolCode;
use otau_sync::messages::{CentreInfo, EnrolRequest, Enrolled};
use otau_sync::SyncError;
use uuid::Uuid;

/// How the device reached the centre, which decides what its code must pin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// HTTPS: the code pins the certificate the device checked.
    Https,
    /// A packet: the code pins the certificate or the centre's key (a card's code).
    Packet,
}

/// A 32-byte Ed25519 public key in hex, checked.
pub fn key_hex(field: &str, text: &str) -> Result<String, SyncError> {
    let bytes: [u8; 32] = hex::decode(text.trim())
        .ok()
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| SyncError::BadRequest { reason: format!("{field}: a 32-byte hex key") })?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| SyncError::BadRequest { reason: format!("{field}: not an Ed25519 key") })?;
    Ok(hex::encode(bytes))
}

/// The centre as devices keep it.
pub fn centre_info(identity: &Identity) -> CentreInfo {
    CentreInfo { id: identity.id, name: identity.name.clone(), public_key: identity.public_key() }
}

/// Enrols the device of `req` with its code.
pub async fn enrol(
    identity: &Identity,
    storage: &dyn Storage,
    req: EnrolRequest,
    block_size: i64,
    channel: Channel,
    now: &str,
) -> Result<Enrolled> {
    let code = EnrolCode::parse(&req.code)?;
    let pinned = code.pins(&identity.cert_sha256)
        || (channel == Channel::Packet && code.pins(&identity.key_pin()));
    if !pinned {
        return Err(SyncError::EnrolCodeInvalid.into());
    }
    let device = NewDevice {
        id: req.device_id.unwrap_or_else(Uuid::now_v7),
        name: req.device_name.trim().chars().take(100).collect(),
        device_key: key_hex("device_key", &req.device_key)?,
        document_key: key_hex("document_key", &req.document_key)?,
        history: req.history,
    };
    let years = otau_sync::blocks::years_needed(crate::clock::now().date_naive());
    let out = storage.enrol(&code.secret_hash(), &device, now, &years, block_size).await?;
    Ok(Enrolled {
        device_id: device.id,
        office: out.office,
        centre: centre_info(identity),
        cert_sha256: identity.cert_hex(),
        mode: out.mode,
        blocks: out.blocks,
    })
}
