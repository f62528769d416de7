//! Packets at the centre (`docs/SYNC.md`, "Packets"): importing a device's packet applies its
//! push, its reported state and its requests through the same storage calls as HTTPS; exporting
//! writes what a device has not pulled, sealed to it and signed by the centre.
//!
//! # Design
//! A packet is refused whole before anything is stored when it is not for this centre, comes
//! from an unknown, retired or quarantined device, or fails its signature, encryption or hash.
//! Once opened, each step is idempotent (a push answers held events as duplicates), so a packet
//! cut off half-way is imported again to the end; the packet's id is recorded last, and a
//! packet imported to the end is refused as a replay.

use crate::enrolment::{centre_info, enrol, Channel};
use crate::error::{CentreError, Result};
use crate::http::{MAX_PAGE, MAX_PAGE_BYTES, MAX_PUSH};
use crate::storage::{DeviceReport, DeviceRow, Incoming, Storage, StoredEntry, StoredItem};
use crate::Identity;
use otau_sync::carried::{CentreCard, DevicePacket, OwnAck, CARD_FORMAT};
use otau_sync::messages::{CentreInfo, OfficeInfo};
use otau_sync::packet::{self, Header, PacketError, PacketKey, PacketKind, Party, PartyKind};
use otau_sync::{Block, SyncError};
use rand::RngCore;
use serde::Serialize;
use uuid::Uuid;

/// What importing a device's packet did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Imported {
    /// The packet.
    pub packet_id: Uuid,
    /// The device that wrote it.
    pub device_id: Uuid,
    /// Its office.
    pub office: String,
    /// Whether it enrolled the device.
    pub enrolled: bool,
    /// Events it carried.
    pub events: u32,
    /// Events accepted now.
    pub accepted: u32,
    /// Events the centre already held.
    pub duplicates: u32,
    /// Blocks the device holds that the centre recorded again.
    pub blocks_recorded: u32,
    /// Blocks handed out for its next packet.
    pub blocks_given: u32,
}

/// What exporting a packet for a device wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Exported {
    /// The packet.
    pub packet_id: Uuid,
    /// The device it is for.
    pub device_id: Uuid,
    /// Its office.
    pub office: String,
    /// The cursor its events follow.
    pub after: i64,
    /// The office's highest `server_seq` it carries.
    pub high: i64,
    /// The office's events it carries.
    pub events: u32,
    /// The device's events it acknowledges.
    pub acknowledged: u32,
    /// Reference items.
    pub reference: u32,
    /// Blocks of numbers.
    pub blocks: u32,
}

fn me(identity: &Identity) -> Party {
    Party { kind: PartyKind::Centre, id: identity.id }
}

fn unreadable(reason: impl std::fmt::Display) -> CentreError {
    PacketError::Unreadable { reason: reason.to_string() }.into()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}

/// The card a device with no line enrols with, for `office`.
pub fn card(identity: &Identity, office: OfficeInfo) -> CentreCard {
    CentreCard { format: CARD_FORMAT.into(), version: 1, centre: centre_info(identity), office }
}

/// Opens a device's packet: the device it comes from (enrolling it if the packet carries its
/// enrolment) and the content.
async fn open(
    identity: &Identity,
    storage: &dyn Storage,
    p: &packet::Packet,
    block_size: i64,
    now: &str,
) -> Result<(DeviceRow, DevicePacket, bool)> {
    let key = PacketKey::of(&identity.key);
    let sender = p.manifest.sender;
    if sender.kind != PartyKind::Device {
        return Err(
            PacketError::Misaddressed { recipient: p.manifest.recipient.id.to_string() }.into()
        );
    }
    let (device, content, enrolled) = match storage.device(sender.id).await? {
        Some(d) => {
            let verifying = packet::verifying_key_from_hex(&d.device_key);
            packet::verify(p, verifying.as_ref())?;
            let content: DevicePacket =
                serde_json::from_slice(&packet::decrypt(p, &key)?).map_err(unreadable)?;
            (d, content, false)
        }
        None if p.manifest.kind == PacketKind::Enrolment => {
            // The sender's key is in the enrolment it carries: read it, then check the
            // signature with it before anything is stored.
            let content: DevicePacket =
                serde_json::from_slice(&packet::decrypt(p, &key)?).map_err(unreadable)?;
            let Some(req) = content.enrol.clone() else {
                return Err(PacketError::UnknownSender { sender: sender.id.to_string() }.into());
            };
            let verifying = packet::verifying_key_from_hex(&req.device_key);
            packet::verify(p, verifying.as_ref())?;
            if req.device_id != Some(sender.id) || content.device_id != sender.id {
                return Err(PacketError::Tampered.into());
            }
            enrol(identity, storage, req, block_size, Channel::Packet, now).await?;
            let d = storage
                .device(sender.id)
                .await?
                .ok_or_else(|| CentreError::UnknownDevice(sender.id.to_string()))?;
            (d, content, true)
        }
        None => {
            return Err(PacketError::UnknownSender { sender: sender.id.to_string() }.into());
        }
    };
    if device.retired_at_seq.is_some() {
        return Err(SyncError::DeviceRetired.into());
    }
    if let Some(reason) = &device.quarantine_reason {
        return Err(SyncError::Quarantined { reason: reason.clone() }.into());
    }
    if content.device_id != device.id || content.office != device.office {
        return Err(SyncError::WrongOwner.into());
    }
    Ok((device, content, enrolled))
}

/// Imports a device's packet.
pub async fn import(
    identity: &Identity,
    storage: &dyn Storage,
    bytes: &[u8],
    block_size: i64,
    now: &str,
) -> Result<Imported> {
    let p = packet::read(bytes)?;
    packet::check_recipient(&p, me(identity))?;
    if let Some(at) = storage.packet_seen(p.manifest.packet_id).await? {
        return Err(PacketError::Replayed { at }.into());
    }
    let (device, content, enrolled) = open(identity, storage, &p, block_size, now).await?;
    let mut out = Imported {
        packet_id: p.manifest.packet_id,
        device_id: device.id,
        office: device.office.clone(),
        enrolled,
        events: count(content.events.len()),
        ..Imported::default()
    };
    out.blocks_recorded = storage.held_blocks(&device, &content.blocks_held, now).await?;
    let mut incoming = Vec::with_capacity(content.events.len());
    for signed in content.events {
        let envelope = signed.verify()?;
        if envelope.office != device.office || envelope.device_id != device.id {
            return Err(SyncError::WrongOwner.into());
        }
        incoming.push(Incoming { envelope, signed });
    }
    let first = p.manifest.first;
    while !incoming.is_empty() {
        let rest = incoming.split_off(incoming.len().min(MAX_PUSH));
        let answer = match storage.push(&device, incoming, now).await {
            Ok(answer) => answer,
            // The centre holds less than the packet follows: an earlier packet is missing.
            Err(CentreError::Sync(SyncError::Gap { expected })) => {
                return Err(PacketError::OutOfOrder { first, expected }.into());
            }
            Err(e) => return Err(e),
        };
        for r in &answer.results {
            match r.status {
                otau_sync::messages::PushStatus::Accepted => out.accepted += 1,
                otau_sync::messages::PushStatus::Duplicate => out.duplicates += 1,
            }
        }
        incoming = rest;
    }
    let this_year = chrono::Datelike::year(&crate::clock::now().date_naive());
    let wants = crate::rules::wanted_blocks(content.wants, this_year)?;
    if !wants.is_empty() {
        out.blocks_given = count(storage.blocks(&device, &wants, block_size, now).await?.len());
    }
    let report = DeviceReport {
        acked: content.acked,
        cursor: content.cursor,
        reference_cursor: Some(content.reference_cursor),
    };
    storage.note_report(device.id, report, now).await?;
    let summary = serde_json::to_value(&out).map_err(unreadable)?;
    storage.record_packet(out.packet_id, device.id, "in", &summary, now).await?;
    Ok(out)
}

/// The centre's packet as it is written: stored events and items go out as they are stored.
#[derive(Serialize)]
struct CentrePacketOut {
    device_id: Uuid,
    office: OfficeInfo,
    centre: CentreInfo,
    held_through: i64,
    own: Vec<OwnAck>,
    after: i64,
    high: i64,
    entries: Vec<StoredEntry>,
    reference_after: i64,
    reference_high: i64,
    reference: Vec<StoredItem>,
    blocks: Vec<Block>,
}

/// An office as the centre knows it.
pub(crate) async fn office_info(storage: &dyn Storage, code: &str) -> Result<OfficeInfo> {
    storage
        .status()
        .await?
        .offices
        .into_iter()
        .map(|o| o.office)
        .find(|o| o.code == code)
        .ok_or_else(|| CentreError::UnknownOffice(code.to_string()))
}

/// Writes the packet for a device: what it has not pulled since it last reported.
pub async fn export(
    identity: &Identity,
    storage: &dyn Storage,
    device_id: Uuid,
    now: &str,
) -> Result<(Vec<u8>, Exported)> {
    let device = storage
        .device(device_id)
        .await?
        .ok_or_else(|| CentreError::UnknownDevice(device_id.to_string()))?;
    if device.retired_at_seq.is_some() {
        return Err(SyncError::DeviceRetired.into());
    }
    if let Some(reason) = &device.quarantine_reason {
        return Err(SyncError::Quarantined { reason: reason.clone() }.into());
    }
    let report = storage.report(device.id).await?.unwrap_or_default();
    let mut own = vec![];
    let mut from = report.acked;
    loop {
        let page = storage.own(device.id, from, MAX_PAGE, MAX_PAGE_BYTES).await?;
        let Some(last) = page.last().and_then(|e| e.device_seq) else { break };
        own.extend(page.into_iter().filter_map(|e| {
            e.device_seq.map(|device_seq| OwnAck {
                device_seq,
                server_seq: e.server_seq,
                hash: e.hash,
            })
        }));
        from = last;
    }
    let after = report.cursor;
    let mut entries = vec![];
    let mut high = after;
    loop {
        let (page, h) = storage.pull(&device.office, high, MAX_PAGE, MAX_PAGE_BYTES).await?;
        let Some(last) = page.last().map(|e| e.server_seq) else {
            high = high.max(h);
            break;
        };
        entries.extend(page);
        high = last;
        if last >= h {
            break;
        }
    }
    let reference_after = report.reference_cursor.unwrap_or(0);
    let mut reference = vec![];
    let mut reference_high = reference_after;
    loop {
        let (page, h) = storage.reference(&device.office, reference_high, MAX_PAGE).await?;
        let Some(last) = page.last().map(|i| i.ref_seq) else {
            reference_high = reference_high.max(h);
            break;
        };
        reference.extend(page);
        reference_high = last;
        if last >= h {
            break;
        }
    }
    let blocks = storage.device_blocks(device.id).await?;
    let summary = Exported {
        packet_id: Uuid::now_v7(),
        device_id: device.id,
        office: device.office.clone(),
        after,
        high,
        events: count(entries.len()),
        acknowledged: count(own.len()),
        reference: count(reference.len()),
        blocks: count(blocks.len()),
    };
    let content = CentrePacketOut {
        device_id: device.id,
        office: office_info(storage, &device.office).await?,
        centre: centre_info(identity),
        held_through: device.held_through,
        own,
        after,
        high,
        entries,
        reference_after,
        reference_high,
        reference,
        blocks,
    };
    let bytes = serde_json::to_vec(&content).map_err(unreadable)?;
    let recipient = packet::verifying_key_from_hex(&device.device_key)
        .ok_or_else(|| CentreError::UnknownDevice(device.id.to_string()))?;
    let header = Header {
        kind: PacketKind::FromCentre,
        packet_id: summary.packet_id,
        sender: me(identity),
        recipient: Party { kind: PartyKind::Device, id: device.id },
        office: device.office.clone(),
        first: after + 1,
        last: high,
    };
    let sealed = packet::seal(
        header,
        &bytes,
        &identity.key,
        packet::recipient_key(&recipient),
        random(),
        random(),
    )?;
    let written = serde_json::to_value(&summary).map_err(unreadable)?;
    storage.record_packet(summary.packet_id, device.id, "out", &written, now).await?;
    Ok((packet::write(&sealed), summary))
}
