//! Migration 0020's hook: every row of the event log copied, in order, into the compacted log
//! (`event_log`, [`crate::events_codec`]).
//!
//! Each frame is unpacked again and compared with the text before it is written, so the copy
//! cannot change an envelope without the migration failing and the database staying as it was.
//! Hashes and the chain are carried over as they are, not recomputed: a row already changed
//! behind the store's back stays as it was found, for the audit to name.

use crate::events_codec::{compress, decompress, hash_bytes};
use rusqlite::{params, Transaction};
use rusqlite_migration::{HookError, HookResult};

fn hook_error(e: impl std::fmt::Display) -> HookError {
    HookError::Hook(e.to_string())
}

/// Copies `events` (0005's layout) into `event_log` (0020's).
pub(crate) fn compact_event_log(tx: &Transaction<'_>) -> HookResult {
    let mut read =
        tx.prepare("SELECT seq, origin, envelope, hash, chain_hash FROM events ORDER BY seq")?;
    let mut write = tx.prepare(
        "INSERT INTO event_log (seq, origin, body, hash, chain_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let origin: String = r.get(1)?;
        let text: String = r.get(2)?;
        let hash: String = r.get(3)?;
        let chain: String = r.get(4)?;
        let body = compress(&text).map_err(hook_error)?;
        if decompress(&body).map_err(hook_error)? != text {
            return Err(hook_error(format!("event {seq} does not come back whole from its frame")));
        }
        let hash = hash_bytes(&hash).map_err(hook_error)?;
        let chain = hash_bytes(&chain).map_err(hook_error)?;
        write.execute(params![seq, origin, body, hash, chain])?;
    }
    Ok(())
}
