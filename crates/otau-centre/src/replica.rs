//! The centre's replica of each office: an office database (`otau-store`) fed with the office's
//! accepted events and its reference data, as a device of the office that never writes would
//! be. The centre's reports read it with the office's own code, so a region's or the country's
//! summary adds up exactly what each office's summary says.
//!
//! # Design
//! Derived, never a source: one file per office under `<data>/replicas/`, brought up to date
//! from the centre's event streams (on SQLite and PostgreSQL alike) before it is read, and made
//! anew if lost. It keeps its place with a device's pull and reference cursors, so bringing it
//! up to date costs only what arrived since.

use crate::error::{CentreError, Result};
use crate::http::MAX_PAGE_BYTES;
use crate::storage::Storage;
use crate::Identity;
use otau_store::sync::Enrolment;
use otau_store::Store;
use otau_sync::messages::{OfficeInfo, PullEntry, ReferenceItem};
use rand::RngCore;
use std::path::{Path, PathBuf};

/// Events and reference items read per transaction.
const PAGE: i64 = 2000;

/// Where the replica of `office` lives in the data folder `data`.
pub fn path(data: &Path, office: &str) -> PathBuf {
    data.join("replicas").join(format!("{office}.sqlite"))
}

fn stored(what: &str, e: impl std::fmt::Display) -> CentreError {
    CentreError::Migration(format!("stored {what} unreadable: {e}"))
}

/// Opens the replica of `office`, bringing it up to date with what the centre holds.
pub async fn refresh(
    identity: &Identity,
    storage: &dyn Storage,
    data: &Path,
    office: &OfficeInfo,
) -> Result<Store> {
    let mut store = Store::open(&path(data, &office.code))?;
    if store.sync_state()?.is_none() {
        let device = otau_sync::merge::derived_id(identity.id, &format!("replica|{}", office.code));
        // The replica never talks to the centre: its key only fills the place of one.
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        let enrolment = Enrolment {
            centre_url: String::new(),
            centre_id: identity.id.to_string(),
            centre_name: identity.name.clone(),
            centre_public_key: identity.public_key(),
            cert_sha256: None,
            device_name: format!("replica {}", office.code),
            device_key: hex::encode(key),
            blocks: vec![],
            pending_enrolment: None,
        };
        store.join_office(crate::clock::now(), &device.to_string(), &office.code, &enrolment)?;
    }
    loop {
        let cursor = store.sync_state()?.map_or(0, |s| s.reference_cursor);
        let (items, _) = storage.reference(&office.code, cursor, PAGE).await?;
        let Some(last) = items.last().map(|i| i.ref_seq) else { break };
        let items = items
            .into_iter()
            .map(|i| {
                Ok(ReferenceItem {
                    ref_seq: i.ref_seq,
                    kind: i.kind,
                    key: i.key,
                    record: serde_json::from_str(i.record.get())
                        .map_err(|e| stored("reference item", e))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        store.apply_reference(crate::clock::now(), &items, last)?;
    }
    loop {
        let cursor = store.sync_state()?.map_or(0, |s| s.pull_cursor);
        let (entries, _) = storage.pull(&office.code, cursor, PAGE, MAX_PAGE_BYTES).await?;
        let Some(last) = entries.last().map(|e| e.server_seq) else { break };
        let page = entries
            .into_iter()
            .map(|e| {
                Ok(PullEntry {
                    server_seq: e.server_seq,
                    event: serde_json::from_str(e.event.get()).map_err(|e| stored("event", e))?,
                    hash: e.hash,
                    verdict: serde_json::from_str(e.verdict.get())
                        .map_err(|e| stored("verdict", e))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        store.apply_pulled(&page, last)?;
    }
    Ok(store)
}
