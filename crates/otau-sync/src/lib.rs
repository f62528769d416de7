//! The sync protocol between an office's devices and the centre (`docs/SYNC.md`), written once
//! for both sides.
//!
//! # Design
//! Wire types (`envelope`, `messages`) are plain serde structs: new fields are `Option` or
//! `#[serde(default)]`, so an older reader keeps working, and an event is verified and stored as
//! the raw object it arrived as, so fields it does not know keep their hash. The rules both sides
//! must agree on are pure functions of their inputs: how events merge (`merge`, over the per-field
//! policy table in `policy`), which number blocks a device needs (`blocks`), what a device does
//! at the start of a sync (`plan`). The network lives only in `client` (feature `client`), so the
//! same messages can later travel in a packet file (USB) instead of HTTP.
#![deny(missing_docs)]

pub mod blocks;
pub mod carried;
#[cfg(feature = "client")]
pub mod client;
pub mod code;
pub mod envelope;
pub mod error;
pub mod merge;
pub mod messages;
pub mod packet;
pub mod plan;
pub mod policy;

pub use blocks::{Block, Series};
pub use envelope::{Actor, Envelope, Op, SignedEvent};
pub use error::SyncError;

/// The oldest protocol version this build speaks.
pub const PROTOCOL_MIN: u32 = 1;
/// The newest protocol version this build speaks.
pub const PROTOCOL_MAX: u32 = 1;
/// The header naming the protocol version of a request.
pub const PROTOCOL_HEADER: &str = "Otau-Protocol";
/// The header carrying a request's id, refused when seen twice in one session.
pub const REQUEST_HEADER: &str = "Otau-Request";

/// Lowercase hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}
