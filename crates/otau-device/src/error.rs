//! What can stop a device's sync: the store refused or failed, or the centre (or the way to it)
//! did. Both carry stable codes that the edges translate.

use otau_core::Coded;
use otau_store::StoreError;
use otau_sync::SyncError;

/// A refusal or failure of enrolment or sync.
#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    /// The office database refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The centre refused, or could not be reached.
    #[error(transparent)]
    Sync(#[from] SyncError),
    /// A packet was refused.
    #[error(transparent)]
    Packet(#[from] otau_sync::packet::PacketError),
}

impl DeviceError {
    /// The stable code of the error (`sync-…` or `store-…`).
    pub fn code(&self) -> String {
        match self {
            DeviceError::Store(e) => e.code().to_string(),
            DeviceError::Sync(e) => e.code().to_string(),
            DeviceError::Packet(e) => e.code().to_string(),
        }
    }

    /// Whether the centre did not answer at all (the device keeps working offline).
    pub fn unreachable(&self) -> bool {
        matches!(self, DeviceError::Sync(SyncError::Unreachable { .. }))
    }
}

/// Result with [`DeviceError`].
pub type Result<T, E = DeviceError> = std::result::Result<T, E>;
