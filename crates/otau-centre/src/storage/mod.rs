//! The centre's storage: one trait, two backends (embedded SQLite by default, PostgreSQL in
//! production). **Architecture Invariant**: only this module writes SQL on the server.
//!
//! # Design
//! Each method is one transaction. Decisions that both backends must take alike are not made
//! here: a push is planned by [`crate::push::plan`] over what the backend loaded, and the backend
//! only stores the plan, so the SQLite and PostgreSQL centres cannot disagree on a verdict.

pub mod postgres;

pub mod sqlite;

use crate::error::Result;
use async_trait::async_trait;
use otau_sync::messages::{
    DeviceState, DeviceStateQuery, EnrolMode, Forked, History, OfficeInfo, PushResponse, Want,
};
use otau_sync::{Block, Envelope, SignedEvent};
use serde::Serialize;
use serde_json::value::RawValue;
use uuid::Uuid;

/// The centre's identity as its database records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CentreRow {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
}

/// A device as the centre knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceRow {
    /// Id.
    pub id: Uuid,
    /// Office code.
    pub office: String,
    /// Name for people.
    pub name: String,
    /// Ed25519 device key (hex).
    pub device_key: String,
    /// Ed25519 document key (hex).
    pub document_key: String,
    /// When it enrolled.
    pub enrolled_at: String,
    /// When it last opened a session.
    pub last_seen: Option<String>,
    /// Why it is quarantined.
    pub quarantine_reason: Option<String>,
    /// Retired (forked) at this seq.
    pub retired_at_seq: Option<i64>,
    /// The identity that replaced it.
    pub replaced_by: Option<Uuid>,
    /// The highest `device_seq` held.
    pub held_through: i64,
}

/// A device enrolling.
#[derive(Debug, Clone)]
pub struct NewDevice {
    /// The id the centre gives it.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Device key (hex).
    pub device_key: String,
    /// Document key (hex).
    pub document_key: String,
    /// What it holds.
    pub history: History,
}

/// What enrolment decided.
#[derive(Debug, Clone)]
pub struct EnrolOutcome {
    /// The office.
    pub office: OfficeInfo,
    /// First or join.
    pub mode: EnrolMode,
    /// Its blocks.
    pub blocks: Vec<Block>,
}

/// Something an administrator should see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alert {
    /// When.
    pub at: String,
    /// `sequence-conflict`, `restored-centre`, `block-overlap`.
    pub kind: String,
    /// The office.
    pub office: Option<String>,
    /// The device.
    pub device_id: Option<String>,
    /// What happened, in English.
    pub message: String,
}

/// An office with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeStatus {
    /// Code, name, region.
    #[serde(flatten)]
    pub office: OfficeInfo,
    /// The highest `server_seq`.
    pub high: i64,
    /// Devices enrolled (not retired).
    pub devices: i64,
}

/// The centre at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Offices.
    pub offices: Vec<OfficeStatus>,
    /// Events held.
    pub events: i64,
    /// Devices quarantined.
    pub quarantined: Vec<DeviceRow>,
    /// The latest alerts, newest first.
    pub alerts: Vec<Alert>,
    /// The highest `ref_seq`.
    pub reference_high: i64,
}

/// A verified event of a push.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The typed view.
    pub envelope: Envelope,
    /// The event as received.
    pub signed: SignedEvent,
}

/// An event as stored, ready to send without parsing it again.
#[derive(Debug, Serialize)]
pub struct StoredEntry {
    /// The office's sequence.
    pub server_seq: i64,
    /// The device's sequence (only in `own` pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_seq: Option<i64>,
    /// The envelope.
    pub event: Box<RawValue>,
    /// Its hash.
    pub hash: String,
    /// The verdict.
    pub verdict: Box<RawValue>,
}

/// A reference item as stored.
#[derive(Debug, Serialize)]
pub struct StoredItem {
    /// Sequence.
    pub ref_seq: i64,
    /// Kind.
    pub kind: String,
    /// Natural key.
    pub key: String,
    /// Record.
    pub record: Box<RawValue>,
}

/// What a device last said of itself (in a packet or at the start of a sync): where the
/// centre's next packet for it starts. The latest report wins, even when it is lower (a device
/// restored from a backup): a packet starting too early only repeats what the device skips,
/// one starting too late would be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DeviceReport {
    /// The highest own sequence the centre acknowledged to it.
    pub acked: i64,
    /// Its pull cursor.
    pub cursor: i64,
    /// Its reference cursor (not reported over HTTP: kept as it was).
    pub reference_cursor: Option<i64>,
}

/// Reads a stored JSON text as it is.
pub(crate) fn raw(text: String) -> Result<Box<RawValue>> {
    RawValue::from_string(text)
        .map_err(|e| crate::error::CentreError::Migration(format!("stored JSON unreadable: {e}")))
}

/// The centre's storage.
#[async_trait]
pub trait Storage: Send + Sync {
    /// Which backend (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;

    /// Records the centre's identity (once; refuses a database of another centre).
    async fn init_centre(&self, centre: &CentreRow, now: &str) -> Result<()>;
    /// The centre's identity, if recorded.
    async fn centre(&self) -> Result<Option<CentreRow>>;

    /// Adds an office (and its reference item).
    async fn add_office(&self, office: &OfficeInfo, now: &str) -> Result<()>;
    /// Stores an enrolment code's hash.
    async fn add_enrol_code(
        &self,
        secret_hash: &str,
        office: &str,
        now: &str,
        expires_at: &str,
    ) -> Result<()>;
    /// Enrols a device with a code (single use, before its expiry).
    async fn enrol(
        &self,
        secret_hash: &str,
        device: &NewDevice,
        now: &str,
        years: &[i32],
        block_size: i64,
    ) -> Result<EnrolOutcome>;
    /// Every device.
    async fn devices(&self) -> Result<Vec<DeviceRow>>;
    /// One device.
    async fn device(&self, id: Uuid) -> Result<Option<DeviceRow>>;
    /// Lifts a quarantine; false if the device was not quarantined.
    async fn release(&self, id: Uuid) -> Result<bool>;
    /// The centre at a glance.
    async fn status(&self) -> Result<Status>;

    /// Stores a challenge for a device.
    async fn add_challenge(&self, device: Uuid, challenge: &str, expires_at: &str) -> Result<()>;
    /// Takes a challenge (single use); false if unknown, used or expired.
    async fn take_challenge(&self, device: Uuid, challenge: &str, now: &str) -> Result<bool>;
    /// Stores a session and notes the device as seen.
    async fn add_session(
        &self,
        token_hash: &str,
        device: Uuid,
        expires_at: &str,
        now: &str,
    ) -> Result<()>;
    /// The device of a live session, recording the request id (a replay is refused).
    async fn session(
        &self,
        token_hash: &str,
        request_id: &str,
        now: &str,
    ) -> Result<Option<DeviceRow>>;

    /// Stores a push (`docs/SYNC.md`, "Push").
    async fn push(
        &self,
        device: &DeviceRow,
        events: Vec<Incoming>,
        now: &str,
    ) -> Result<PushResponse>;
    /// The office's events after a cursor: at most `limit` of them, and no more than
    /// `max_bytes` of event text as stored unless the first event alone is larger (it then
    /// comes alone: a page holds at least one event when there is one); and the office's
    /// highest `server_seq`.
    async fn pull(
        &self,
        office: &str,
        after: i64,
        limit: i64,
        max_bytes: i64,
    ) -> Result<(Vec<StoredEntry>, i64)>;
    /// The device's own events after a seq, paged as [`Storage::pull`] pages: at most `limit`
    /// and `max_bytes` of event text, at least one event when there is one.
    async fn own(
        &self,
        device: Uuid,
        after: i64,
        limit: i64,
        max_bytes: i64,
    ) -> Result<Vec<StoredEntry>>;
    /// The device's state, noting a restore of the centre the device's view reveals.
    async fn device_state(
        &self,
        device: &DeviceRow,
        query: DeviceStateQuery,
        centre_id: Uuid,
        now: &str,
    ) -> Result<DeviceState>;
    /// Retires a device at its `held_through` and gives it a new identity.
    async fn fork(
        &self,
        device: &DeviceRow,
        from_seq: i64,
        new_id: Uuid,
        now: &str,
    ) -> Result<Forked>;
    /// Hands out blocks.
    async fn blocks(
        &self,
        device: &DeviceRow,
        want: &[Want],
        size: i64,
        now: &str,
    ) -> Result<Vec<Block>>;
    /// Records blocks a device holds that the centre does not know; how many.
    async fn held_blocks(&self, device: &DeviceRow, blocks: &[Block], now: &str) -> Result<u32>;

    /// Appends a reference item; its `ref_seq`.
    async fn add_reference(
        &self,
        kind: &str,
        key: &str,
        record: &serde_json::Value,
        now: &str,
    ) -> Result<i64>;
    /// Reference items for `office` after a cursor (those for every office and those for it
    /// alone), and the highest `ref_seq`.
    async fn reference(
        &self,
        office: &str,
        after: i64,
        limit: i64,
    ) -> Result<(Vec<StoredItem>, i64)>;

    /// The summary (JSON) of `scope`'s `month` as closed at the centre, if it is.
    async fn closed_report(&self, scope: &str, month: &str) -> Result<Option<String>>;
    /// Closes `scope`'s `month` with its summary (JSON); false if it was closed already.
    async fn close_report(
        &self,
        scope: &str,
        month: &str,
        summary: &str,
        by: &str,
        now: &str,
    ) -> Result<bool>;

    /// When a packet was imported or written, if it was.
    async fn packet_seen(&self, packet_id: Uuid) -> Result<Option<String>>;
    /// Records a packet imported (`in`) or written (`out`), once.
    async fn record_packet(
        &self,
        packet_id: Uuid,
        device: Uuid,
        direction: &str,
        summary: &serde_json::Value,
        now: &str,
    ) -> Result<()>;
    /// Notes what a device reported of itself.
    async fn note_report(&self, device: Uuid, report: DeviceReport, now: &str) -> Result<()>;
    /// What a device last reported, if it did.
    async fn report(&self, device: Uuid) -> Result<Option<DeviceReport>>;
    /// Every block of numbers a device holds.
    async fn device_blocks(&self, device: Uuid) -> Result<Vec<Block>>;

    /// Likely duplicates across offices, oldest first.
    async fn cross_cases(&self) -> Result<Vec<crate::crossing::CrossCase>>;
    /// Payments of one one-time subsidy to one family in two offices, oldest first.
    async fn payment_cases(&self) -> Result<Vec<crate::payments::PaymentCase>>;
}

/// The series and years of the blocks a device is given at enrolment for `years`: every yearly
/// series for each year, plan item numbers once (year 0).
pub(crate) fn block_years(years: &[i32]) -> Vec<(otau_sync::Series, i32)> {
    let mut out: Vec<(otau_sync::Series, i32)> = vec![];
    for year in years {
        for series in otau_sync::Series::ALL {
            let pair = (series, series.block_year(*year));
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}
