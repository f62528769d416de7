//! Sync by packet, for a device with no line (`docs/SYNC.md`, "Packets"): enrolling with the
//! centre's card and a one-time code, writing a packet for the centre, importing the centre's.
//!
//! # Design
//! A packet carries the same messages as HTTPS and is applied by the same store calls, so the
//! rules of exactly-once hold unchanged: the device's packet repeats every event the centre has
//! not acknowledged (a lost packet costs nothing), and the centre's is applied page by page with
//! its cursor, skipping what the device already holds. A packet from the centre that starts
//! after the device's cursor is refused (an earlier one is missing); one imported before is
//! refused as a replay; either way nothing changes. Packets and HTTPS mix in any order.

use crate::enrol::{document_key_hex, public_hex, random_secret};
use crate::error::{DeviceError, Result};
use crate::run::{contiguous, corrupt, device_signing_key, SyncReport};
use chrono::{DateTime, NaiveDate, Utc};
use otau_store::sync::Enrolment as Enrolled;
use otau_store::{Store, StoreError};
use otau_sync::carried::{CentreCard, CentrePacket, DevicePacket, CARD_FORMAT};
use otau_sync::code::EnrolCode;
use otau_sync::messages::EnrolRequest;
use otau_sync::packet::{self, Header, PacketError, PacketKey, PacketKind, Party, PartyKind};
use otau_sync::SyncError;
use serde::Serialize;
use uuid::Uuid;

/// Events applied per transaction.
const PAGE: usize = 1_000;

/// What a packet written for the centre carries.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PacketWritten {
    /// The packet's id.
    pub packet_id: String,
    /// This device's events in it (every one the centre has not acknowledged).
    pub events: u32,
    /// The first and last of their sequences (0 and 0 when none).
    pub first: i64,
    /// The last.
    pub last: i64,
    /// Whether it carries this device's enrolment.
    pub enrolment: bool,
}

fn not_enrolled() -> DeviceError {
    StoreError::Sync { code: "sync-not-enrolled", detail: String::new() }.into()
}

/// Reads a centre's card.
pub fn read_card(bytes: &[u8]) -> Result<CentreCard> {
    let card: CentreCard = serde_json::from_slice(bytes)
        .map_err(|e| PacketError::Unreadable { reason: e.to_string() })?;
    if card.format != CARD_FORMAT || card.version != 1 {
        return Err(PacketError::Unreadable {
            reason: format!("{} {}", card.format, card.version),
        }
        .into());
    }
    Ok(card)
}

/// Enrols the office database `store` holds with the centre of `card`, by packet: the
/// enrolment travels in the next packet this device writes, and the centre's answer (its
/// blocks of numbers) in the packet that comes back.
pub fn enrol_by_card(
    store: &mut Store,
    at: DateTime<Utc>,
    card: &CentreCard,
    code: &str,
    device_name: &str,
) -> Result<()> {
    let (device_id, office) = store.device_identity()?;
    if store.sync_state()?.is_some() {
        return Err(StoreError::Sync { code: "sync-already-enrolled", detail: office }.into());
    }
    let parsed = EnrolCode::parse(code)?;
    let key = packet::verifying_key_from_hex(&card.centre.public_key)
        .ok_or_else(|| PacketError::Unreadable { reason: "the card's key".into() })?;
    let pin: [u8; 32] = {
        use sha2::{Digest, Sha256};
        Sha256::digest(key.to_bytes()).into()
    };
    if !parsed.pins(&pin) {
        return Err(SyncError::EnrolCodeInvalid.into());
    }
    if card.office.code != office {
        return Err(StoreError::Sync {
            code: "sync-wrong-office",
            detail: format!("{} / {office}", card.office.code),
        }
        .into());
    }
    let device_id =
        Uuid::parse_str(&device_id).map_err(|_| corrupt(&format!("device id {device_id}")))?;
    let document_key = document_key_hex(&store.ensure_office_key(at)?)?;
    let device_secret = random_secret();
    let request = EnrolRequest {
        code: code.trim().to_string(),
        device_id: Some(device_id),
        device_name: device_name.trim().to_string(),
        device_key: public_hex(&device_secret),
        document_key,
        history: store.history()?,
    };
    let pending = serde_json::to_string(&request).map_err(|e| corrupt(&e.to_string()))?;
    store.save_enrolment(
        at,
        &Enrolled {
            centre_url: String::new(),
            centre_id: card.centre.id.to_string(),
            centre_name: card.centre.name.clone(),
            centre_public_key: card.centre.public_key.clone(),
            cert_sha256: None,
            device_name: device_name.trim().to_string(),
            device_key: hex::encode(device_secret),
            blocks: vec![],
            pending_enrolment: Some(pending),
        },
    )?;
    Ok(())
}

/// Writes the packet for the centre: every event it has not acknowledged, what this device
/// holds and asks for.
pub fn export(
    store: &mut Store,
    at: DateTime<Utc>,
    today: NaiveDate,
) -> Result<(Vec<u8>, PacketWritten)> {
    let state = store.sync_state()?.ok_or_else(not_enrolled)?;
    let (device_id, office) = store.device_identity()?;
    let device_id = Uuid::parse_str(&device_id).map_err(|_| corrupt("the device id"))?;
    let centre_id = Uuid::parse_str(&state.centre_id).map_err(|_| corrupt("the centre's id"))?;
    let centre_key = packet::verifying_key_from_hex(&state.centre_public_key)
        .ok_or_else(|| corrupt("the centre's key"))?;
    let enrol: Option<EnrolRequest> = match store.pending_enrolment()? {
        Some(text) => {
            let mut req: EnrolRequest =
                serde_json::from_str(&text).map_err(|_| corrupt("the enrolment"))?;
            // The numbers used so far, not only those of the day of enrolment: the centre
            // records them as this device's when it answers.
            req.history = store.history()?;
            Some(req)
        }
        None => None,
    };
    let events = store.outgoing(state.pushed_through, usize::MAX, usize::MAX)?;
    let first = events.first().map_or(0, |_| state.pushed_through + 1);
    let last = if events.is_empty() { 0 } else { store.newest_device_seq()? };
    let written = PacketWritten {
        packet_id: Uuid::now_v7().to_string(),
        events: u32::try_from(events.len()).unwrap_or(u32::MAX),
        first,
        last,
        enrolment: enrol.is_some(),
    };
    let content = DevicePacket {
        device_id,
        office: office.clone(),
        enrol,
        acked: state.pushed_through,
        cursor: state.pull_cursor,
        reference_cursor: state.reference_cursor,
        events,
        blocks_held: store.number_blocks()?,
        wants: store.blocks_wanted(today)?,
    };
    let bytes = serde_json::to_vec(&content).map_err(|e| corrupt(&e.to_string()))?;
    let header = Header {
        kind: if written.enrolment { PacketKind::Enrolment } else { PacketKind::FromDevice },
        packet_id: Uuid::parse_str(&written.packet_id).map_err(|_| corrupt("packet id"))?,
        sender: Party { kind: PartyKind::Device, id: device_id },
        recipient: Party { kind: PartyKind::Centre, id: centre_id },
        office,
        first,
        last,
    };
    let sealed = packet::seal(
        header,
        &bytes,
        &device_signing_key(store)?,
        packet::recipient_key(&centre_key),
        random_secret(),
        nonce(),
    )?;
    let summary = serde_json::to_string(&written).map_err(|e| corrupt(&e.to_string()))?;
    store.record_packet(&written.packet_id, "out", at, &summary)?;
    Ok((packet::write(&sealed), written))
}

fn nonce() -> [u8; 12] {
    let mut n = [0u8; 12];
    n.copy_from_slice(&random_secret()[..12]);
    n
}

/// Imports the centre's packet: acknowledgements, the office's events, the reference data and
/// blocks of numbers; `progress` is told how many of the events are applied so far.
pub fn import(
    store: &mut Store,
    at: DateTime<Utc>,
    bytes: &[u8],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<SyncReport> {
    let p = packet::read(bytes)?;
    let state = store.sync_state()?.ok_or_else(not_enrolled)?;
    let (device_id, _) = store.device_identity()?;
    let device_id = Uuid::parse_str(&device_id).map_err(|_| corrupt("the device id"))?;
    packet::check_recipient(&p, Party { kind: PartyKind::Device, id: device_id })?;
    let centre_id = Uuid::parse_str(&state.centre_id).map_err(|_| corrupt("the centre's id"))?;
    if p.manifest.sender != (Party { kind: PartyKind::Centre, id: centre_id }) {
        return Err(PacketError::UnknownSender { sender: p.manifest.sender.id.to_string() }.into());
    }
    let packet_id = p.manifest.packet_id.to_string();
    if let Some(at) = store.packet_seen(&packet_id)? {
        return Err(PacketError::Replayed { at }.into());
    }
    let centre_key = packet::verifying_key_from_hex(&state.centre_public_key);
    packet::verify(&p, centre_key.as_ref())?;
    let content = packet::decrypt(&p, &PacketKey::of(&device_signing_key(store)?))?;
    let content: CentrePacket = serde_json::from_slice(&content)
        .map_err(|e| PacketError::Unreadable { reason: e.to_string() })?;
    if content.device_id != device_id || content.centre.id != centre_id {
        return Err(PacketError::Tampered.into());
    }
    if content.after > state.pull_cursor {
        return Err(PacketError::OutOfOrder {
            first: content.after + 1,
            expected: state.pull_cursor + 1,
        }
        .into());
    }
    let mut report = SyncReport::default();
    // What the centre holds of this device's events, where it holds what this device wrote.
    if let (Some(lo), Some(hi)) =
        (content.own.first().map(|o| o.device_seq), content.own.last().map(|o| o.device_seq))
    {
        let mine = store.own_hashes(lo, hi)?;
        let acks: Vec<(i64, i64)> = content
            .own
            .iter()
            .filter(|o| mine.iter().any(|(seq, hash)| *seq == o.device_seq && *hash == o.hash))
            .map(|o| (o.device_seq, o.server_seq))
            .collect();
        let through = contiguous(state.pushed_through, &acks).min(content.held_through);
        report.pushed = u32::try_from(acks.len()).unwrap_or(u32::MAX);
        store.record_pushed(&acks, through.max(state.pushed_through))?;
    }
    let fresh: Vec<_> =
        content.entries.into_iter().filter(|e| e.server_seq > state.pull_cursor).collect();
    let total = fresh.len();
    progress(0, total);
    for (i, page) in fresh.chunks(PAGE).enumerate() {
        let last = page.last().map_or(state.pull_cursor, |e| e.server_seq);
        report.add(&store.apply_pulled(page, last)?);
        progress((i * PAGE + page.len()).min(total), total);
    }
    // The cursor moves to what the packet covers even when nothing in it was new.
    store.apply_pulled(&[], content.high)?;
    let items: Vec<_> =
        content.reference.into_iter().filter(|i| i.ref_seq > state.reference_cursor).collect();
    for page in items.chunks(PAGE) {
        let last = page.last().map_or(state.reference_cursor, |i| i.ref_seq);
        report.reference += store.apply_reference(at, page, last)?;
    }
    if content.reference_high > state.reference_cursor {
        store.apply_reference(at, &[], content.reference_high)?;
    }
    let held = store.number_blocks()?;
    report.blocks =
        u32::try_from(content.blocks.iter().filter(|b| !held.contains(b)).count()).unwrap_or(0);
    store.add_number_blocks(&content.blocks)?;
    if store.pending_enrolment()?.is_some() {
        store.clear_pending_enrolment()?;
    }
    let summary = serde_json::to_string(&report).map_err(|e| corrupt(&e.to_string()))?;
    store.record_packet(&packet_id, "in", at, &summary)?;
    store.record_sync_outcome(at, None, false)?;
    Ok(report)
}
