//! Migration 0020's hook: every row of the event log and of its checkpoints copied, in order,
//! into the compacted tables (`event_log`, `checkpoint_log`, [`crate::events_codec`]).
//!
//! Each frame is unpacked again and compared with the text before it is written, so the copy
//! cannot change an envelope without the migration failing and the database staying as it was.
//! Hashes and the chain are carried over as they are, not recomputed: a row already changed
//! behind the store's back stays as it was found, for the audit to name.

use crate::events_codec::{compress, compress_as, decompress, hash_bytes, Kind};
use rusqlite::types::ValueRef;
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
    compact_checkpoints(tx)
}

/// Copies `audit_checkpoints` (0013's layout) into `checkpoint_log` (0020's). A checkpoint an
/// older migration's hook wrote with this build's code is already a frame and bytes: kept so.
fn compact_checkpoints(tx: &Transaction<'_>) -> HookResult {
    let mut read = tx.prepare(
        "SELECT id, at, event_seq, body, public_key, signature FROM audit_checkpoints ORDER BY id",
    )?;
    let mut write = tx.prepare(
        "INSERT INTO checkpoint_log (id, at, event_seq, body, public_key, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let event_seq: i64 = r.get(2)?;
        let body = match r.get_ref(3)? {
            ValueRef::Text(text) => {
                let text = std::str::from_utf8(text).map_err(hook_error)?;
                let body = compress_as(Kind::Checkpoint, text).map_err(hook_error)?;
                if decompress(&body).map_err(hook_error)? != text {
                    return Err(hook_error(format!("checkpoint {id} does not come back whole")));
                }
                body
            }
            other => other.as_blob().map_err(hook_error)?.to_vec(),
        };
        let bytes = |value: ValueRef<'_>| -> Result<Vec<u8>, HookError> {
            match value {
                ValueRef::Text(digits) => hex::decode(digits).map_err(hook_error),
                other => Ok(other.as_blob().map_err(hook_error)?.to_vec()),
            }
        };
        let public_key = bytes(r.get_ref(4)?)?;
        let signature = bytes(r.get_ref(5)?)?;
        write.execute(params![id, at, event_seq, body, public_key, signature])?;
    }
    Ok(())
}
