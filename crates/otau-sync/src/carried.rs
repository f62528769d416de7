//! What a packet carries (`docs/SYNC.md`, "Packets"): the same messages as over HTTP, gathered
//! for a trip on a stick. A device's packet is its push, what it believes (acknowledged, cursors)
//! and what numbers it holds and wants; the centre's answer is the device's acknowledgements,
//! the office's events after the device's cursor, the reference data and its blocks.
//!
//! # Design
//! A device writes every event the centre has not acknowledged, not only those since its last
//! packet: a lost or reordered packet is then harmless (the centre takes the events once and
//! answers the rest as duplicates). The centre writes from the cursor the device last reported,
//! and the device skips what it already holds, refusing only a packet that starts after its
//! cursor (an earlier packet is missing).

use crate::messages::{CentreInfo, EnrolRequest, OfficeInfo, PullEntry, ReferenceItem, Want};
use crate::{Block, SignedEvent};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A device's packet for the centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DevicePacket {
    /// The device.
    pub device_id: Uuid,
    /// Its office.
    pub office: String,
    /// Its enrolment, while the centre has not answered it (a device enrolled by packet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrol: Option<EnrolRequest>,
    /// The highest own sequence the centre acknowledged to it.
    pub acked: i64,
    /// Its pull cursor.
    pub cursor: i64,
    /// Its reference cursor.
    pub reference_cursor: i64,
    /// Every own event after `acked`, in order.
    pub events: Vec<SignedEvent>,
    /// The blocks of numbers it holds.
    pub blocks_held: Vec<Block>,
    /// The blocks it asks for.
    pub wants: Vec<Want>,
}

/// One of the device's own events the centre holds, to acknowledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAck {
    /// The device's sequence.
    pub device_seq: i64,
    /// The office's sequence.
    pub server_seq: i64,
    /// The hash the centre holds.
    pub hash: String,
}

/// The centre's packet for a device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentrePacket {
    /// The device it is for.
    pub device_id: Uuid,
    /// Its office.
    pub office: OfficeInfo,
    /// The centre.
    pub centre: CentreInfo,
    /// The highest own sequence the centre holds for the device.
    pub held_through: i64,
    /// The device's events the centre holds after what the device last reported acknowledged.
    pub own: Vec<OwnAck>,
    /// The cursor the events follow.
    pub after: i64,
    /// The office's highest `server_seq` when the packet was written.
    pub high: i64,
    /// The office's events after `after`, in order.
    pub entries: Vec<PullEntry>,
    /// The reference cursor the items follow.
    pub reference_after: i64,
    /// The highest `ref_seq`.
    pub reference_high: i64,
    /// Reference items after `reference_after`.
    pub reference: Vec<ReferenceItem>,
    /// Every block of numbers the device holds at the centre.
    pub blocks: Vec<Block>,
}

/// The format name of a centre's card.
pub const CARD_FORMAT: &str = "otau-centre-card";

/// What a device with no line needs to enrol by packet: the centre's public key (packets for
/// the centre are sealed to it, the centre's are checked with it) and the office the code is
/// for. Nothing in it is secret; the one-time code travels apart (by phone or on paper) and pins
/// the card's key, so a forged card is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentreCard {
    /// Always [`CARD_FORMAT`].
    pub format: String,
    /// The card format's version (1).
    pub version: u32,
    /// The centre.
    pub centre: CentreInfo,
    /// The office the enrolment code is for.
    pub office: OfficeInfo,
}
