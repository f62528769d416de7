//! Every request and response body of protocol v1 (`docs/SYNC.md`), and the error body.
//!
//! New fields are added as `Option` or `#[serde(default)]`, never renamed or removed, so a
//! device and a centre of different builds read each other within one protocol version.

use crate::blocks::{Block, Series};
use crate::envelope::SignedEvent;
use crate::merge::Verdict;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use uuid::Uuid;

/// A range of protocol versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolRange {
    /// Oldest.
    pub min: u32,
    /// Newest.
    pub max: u32,
}

impl ProtocolRange {
    /// What this build speaks.
    pub const OURS: ProtocolRange =
        ProtocolRange { min: crate::PROTOCOL_MIN, max: crate::PROTOCOL_MAX };

    /// Whether `version` is in the range.
    pub fn contains(self, version: u32) -> bool {
        (self.min..=self.max).contains(&version)
    }
}

/// Every error: a stable code, English text for logs, and the arguments of the message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// `sync-…`.
    pub code: String,
    /// English, for logs.
    pub message: String,
    /// Arguments of the translated message.
    #[serde(default)]
    pub args: BTreeMap<String, Value>,
}

/// `GET /v1/hello`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    /// The protocol versions the centre speaks.
    pub protocol: ProtocolRange,
    /// The centre's id.
    pub centre_id: Uuid,
    /// The centre's name.
    pub centre_name: String,
    /// The centre's Ed25519 public key (hex).
    pub centre_public_key: String,
}

/// A series and year with the greatest number a device used in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberUsed {
    /// The series.
    pub series: Series,
    /// The year.
    pub year: i32,
    /// The greatest number used.
    pub max: i64,
}

/// What a device enrolling already holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct History {
    /// No record yet (a device joining an office must be empty).
    pub empty: bool,
    /// The numbers it allocated so far (recorded as its own when it is the office's first).
    #[serde(default)]
    pub numbers: Vec<NumberUsed>,
}

/// `POST /v1/enrol`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrolRequest {
    /// The one-time code `OTAU1-<secret>-<pin>`.
    pub code: String,
    /// The device's own id, which its events already carry (absent: the centre makes one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<Uuid>,
    /// A name for people (`Counter 2`).
    pub device_name: String,
    /// The device key's public half (hex): authenticates the device.
    pub device_key: String,
    /// The document key's public half (hex): checks the papers it prints.
    pub document_key: String,
    /// What the device holds.
    pub history: History,
}

/// How a device enters its office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EnrolMode {
    /// The office's first device: it uploads its history with its first push.
    First,
    /// The office has devices: this one is empty and pulls from 0.
    Join,
}

/// An office as the centre knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeInfo {
    /// `PVL01`.
    pub code: String,
    /// Name.
    pub name: String,
    /// ISO 3166-2 region.
    pub region: String,
}

/// The centre as a device keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreInfo {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Ed25519 public key (hex).
    pub public_key: String,
}

/// The answer to an enrolment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enrolled {
    /// The device's id from now on.
    pub device_id: Uuid,
    /// Its office.
    pub office: OfficeInfo,
    /// The centre.
    pub centre: CentreInfo,
    /// The SHA-256 of the centre's certificate (hex), to pin.
    pub cert_sha256: String,
    /// First device of the office, or joining.
    pub mode: EnrolMode,
    /// The number blocks the device holds.
    pub blocks: Vec<Block>,
}

/// `POST /v1/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRequest {
    /// The device asking.
    pub device_id: Uuid,
}

/// A challenge to sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// Random, single use, valid 60 s.
    pub challenge: String,
}

/// `POST /v1/session/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionConfirm {
    /// The device.
    pub device_id: Uuid,
    /// The challenge received.
    pub challenge: String,
    /// Ed25519 signature (hex) over [`crate::code::session_message`].
    pub signature: String,
}

/// A session token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionToken {
    /// Bearer token.
    pub token: String,
    /// Seconds it is valid.
    pub expires_in: i64,
}

/// `GET /v1/device/state` query: what the device believes, so the centre sees a restore of
/// itself too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeviceStateQuery {
    /// The highest `device_seq` the centre acknowledged to the device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acked: Option<i64>,
    /// The device's pull cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<i64>,
}

/// What the centre holds of a device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceState {
    /// The highest `device_seq` held.
    pub held_through: i64,
    /// The office's highest `server_seq`.
    pub high: i64,
    /// The centre's id.
    pub centre_id: Uuid,
    /// The device's number blocks as the centre knows them.
    pub blocks: Vec<Block>,
    /// The device's quarantine reason, if it is quarantined.
    #[serde(default)]
    pub quarantined: Option<String>,
}

/// `POST /v1/push`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    /// Events of the authenticated device in `device_seq` order.
    pub events: Vec<SignedEvent>,
}

/// What became of a pushed event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PushStatus {
    /// Stored now.
    Accepted,
    /// Held before with the same hash.
    Duplicate,
}

/// One event's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResult {
    /// The device's sequence.
    pub device_seq: i64,
    /// The office's sequence it holds the event under.
    pub server_seq: i64,
    /// Accepted or duplicate.
    pub status: PushStatus,
}

/// The answer to a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Per event, in order.
    pub results: Vec<PushResult>,
    /// The highest `device_seq` the centre now holds for the device.
    pub held_through: i64,
}

/// `GET /v1/pull`, `GET /v1/own`, `GET /v1/reference` query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageQuery {
    /// The cursor: entries after it.
    pub after: i64,
    /// At most this many (the centre caps it).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// An accepted event of the office with the centre's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullEntry {
    /// The office's sequence.
    pub server_seq: i64,
    /// The envelope as the device sent it.
    pub event: Value,
    /// Its hash.
    pub hash: String,
    /// How it merged.
    pub verdict: Verdict,
}

impl PullEntry {
    /// The event as it travelled, to verify.
    pub fn signed(&self) -> SignedEvent {
        SignedEvent { event: self.event.clone(), hash: self.hash.clone() }
    }
}

/// A page of the office's events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// In `server_seq` order.
    pub entries: Vec<PullEntry>,
    /// The office's highest `server_seq`.
    pub high: i64,
}

/// One of the device's own events, as the centre holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnEntry {
    /// The device's sequence.
    pub device_seq: i64,
    /// The office's sequence.
    pub server_seq: i64,
    /// The envelope.
    pub event: Value,
    /// Its hash.
    pub hash: String,
    /// How it merged.
    pub verdict: Verdict,
}

impl OwnEntry {
    /// The event as it travelled, to verify.
    pub fn signed(&self) -> SignedEvent {
        SignedEvent { event: self.event.clone(), hash: self.hash.clone() }
    }
}

/// A page of the device's own events (`GET /v1/own`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnResponse {
    /// In `device_seq` order.
    pub entries: Vec<OwnEntry>,
    /// The highest `device_seq` held.
    pub held_through: i64,
}

/// `POST /v1/device/fork`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForkRequest {
    /// The first local `device_seq` the centre holds with another hash.
    pub from_seq: i64,
}

/// The device's new identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forked {
    /// The new device id (its events start again at seq 1).
    pub device_id: Uuid,
    /// The old id is retired at this seq (its `held_through`).
    pub retired_at: i64,
    /// The blocks, now held by the new id.
    pub blocks: Vec<Block>,
}

/// A series and year a device wants a block of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Want {
    /// The series.
    pub series: Series,
    /// The year.
    pub year: i32,
}

/// `POST /v1/blocks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlocksRequest {
    /// What to top up.
    pub want: Vec<Want>,
}

/// Blocks handed out or held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocks {
    /// The blocks.
    pub blocks: Vec<Block>,
}

/// The answer to `POST /v1/blocks/held`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldRecorded {
    /// How many of the reported blocks the centre did not know and recorded again.
    pub recorded: u32,
}

/// One item of reference data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceItem {
    /// The reference stream's sequence.
    pub ref_seq: i64,
    /// `mci_row`, `subsidy_rule`, `quota_row`, `casework_setting`, `office`, `office_key`,
    /// `voided_document`.
    pub kind: String,
    /// The natural key devices upsert by.
    pub key: String,
    /// The record.
    pub record: Value,
}

/// A page of reference data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferencePage {
    /// In `ref_seq` order.
    pub items: Vec<ReferenceItem>,
    /// The highest `ref_seq`.
    pub high: i64,
}
