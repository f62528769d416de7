//! The office's own envelope dictionary: the built-in one of [`crate::events_codec`] followed by
//! the words every envelope of this office repeats (its device's id, the office's id and code,
//! each user's login and id), so a frame points at them instead of spelling them out.
//!
//! # Design
//! With the built-in dictionary about a sixth of a frame is ids that are the same in all of an
//! office's envelopes. A zstd dictionary's content is the text it ends with, and a frame may
//! copy from any of it; so an office's dictionary is the built-in one's bytes under an id of its
//! own, followed by those words as an envelope writes them (`"device_id":"…","device_seq":`,
//! `"actor":{"login":"…","user_id":"…"},"after":{`). A user's events then cost a few bytes
//! for the ids instead of about thirty.
//!
//! The dictionaries are kept in `envelope_dictionaries` (migration 0023) by their base and
//! words, never changed or removed: each frame names the id of the one it was made with. When
//! the words change (a user added, a device's new identity after a restore), the next change
//! adds a new dictionary ([`refresh`]) and later frames use it; older frames keep theirs.
//!
//! An id is derived from the base's id and the words (SHA-256), so the same id stands for the
//! same dictionary in any database, and the dictionaries of every database the process opens
//! share one registry. `envelope_json`, the SQL function that reads a frame, has no database to
//! ask: each connection loads its database's dictionaries when it is opened ([`load`]), and the
//! function loads them again when it meets a frame made by another process since.
//!
//! **Architecture Invariant**: what the log proves is unchanged by how a frame is stored: the
//! chain is over the text, and a frame made with any dictionary unpacks to the exact text.

use crate::error::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};
use zstd::dict::DecoderDictionary;

/// An office's dictionary, ready to compress and decompress with.
pub(crate) struct OfficeDictionary {
    /// The id each of its frames names.
    pub(crate) id: u32,
    base: u32,
    words: String,
    /// Its bytes, which a thread's compressor loads when it first compresses with it.
    pub(crate) bytes: Vec<u8>,
    pub(crate) decoder: DecoderDictionary<'static>,
}

/// Every office dictionary this process has loaded, by id. Each lives as long as the process
/// (its bytes and its decoder's tables, some 50 KB): a thread's decompressor keeps the one it
/// last used, and an office makes a new one only when its users change.
fn registry() -> &'static RwLock<HashMap<u32, &'static OfficeDictionary>> {
    static REGISTRY: OnceLock<RwLock<HashMap<u32, &'static OfficeDictionary>>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

/// The office dictionary with this id, if this process has loaded it.
pub(crate) fn find(id: u32) -> Option<&'static OfficeDictionary> {
    registry().read().ok()?.get(&id).copied()
}

/// The id zstd writes for a dictionary of `base` with `words`: from SHA-256 of both, in the
/// range zstd leaves to users (32768 to 2^31 − 1), never that of a built-in dictionary.
fn derive_id(base: u32, words: &str, attempt: u32) -> u32 {
    let digest = Sha256::new()
        .chain_update(base.to_le_bytes())
        .chain_update(attempt.to_le_bytes())
        .chain_update(words.as_bytes())
        .finalize();
    let n = u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]]);
    32_768 + n % ((1 << 31) - 32_768)
}

/// The dictionary's bytes: the base's, with the new id in its header, then the words.
fn dictionary_bytes(base: &[u8], id: u32, words: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(base.len() + words.len());
    bytes.extend_from_slice(base);
    // A dictionary starts with its magic number (4 bytes), then its id (4 bytes, little end).
    bytes[4..8].copy_from_slice(&id.to_le_bytes());
    bytes.extend_from_slice(words.as_bytes());
    bytes
}

/// Makes the dictionary `id` of `base` and `words` known to this process; the one already
/// known under that id when it is the same. `None` for an unknown base, or an id already taken
/// by other words (which derived ids make all but impossible): its frames then do not unpack,
/// and the audit names them.
fn register(id: u32, base: u32, words: &str) -> Option<&'static OfficeDictionary> {
    if let Some(known) = find(id) {
        return (known.base == base && known.words == words).then_some(known);
    }
    let base_bytes = crate::events_codec::builtin_dictionary(base)?;
    let bytes = dictionary_bytes(base_bytes, id, words);
    let mut registry = registry().write().ok()?;
    let made = registry.entry(id).or_insert_with(|| {
        Box::leak(Box::new(OfficeDictionary {
            id,
            base,
            words: words.to_owned(),
            decoder: DecoderDictionary::copy(&bytes),
            bytes,
        }))
    });
    (made.base == base && made.words == words).then_some(*made)
}

/// Loads the dictionaries of the database `conn` is open on into this process (nothing for a
/// database from before migration 0023).
pub(crate) fn load(conn: &Connection) -> rusqlite::Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master
                        WHERE type = 'table' AND name = 'envelope_dictionaries')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(());
    }
    let mut stmt = conn.prepare("SELECT id, base, words FROM envelope_dictionaries")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?, r.get(2)?)))?;
    for row in rows {
        let (id, base, words): (u32, u32, String) = row?;
        register(id, base, &words);
    }
    Ok(())
}

/// The dictionary new frames are made with: the office's newest, or none before the office
/// has one (the built-in dictionary then).
pub(crate) fn current(conn: &Connection) -> Result<Option<&'static OfficeDictionary>> {
    let newest: Option<(u32, u32, String)> = conn
        .prepare_cached(
            "SELECT id, base, words FROM envelope_dictionaries ORDER BY n DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match newest {
        Some((id, base, words)) => {
            Some(find(id).or_else(|| register(id, base, &words)).ok_or_else(|| {
                StoreError::Corrupt(format!("envelope dictionary {id} does not load"))
            })?)
        }
        None => None,
    })
}

/// The words this office's envelopes repeat, as they write them; `None` before the office is
/// set up on this device.
fn office_words(conn: &Connection) -> Result<Option<String>> {
    let device: Option<(String, String, Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT d.device_id, d.office_code, o.id, o.region
             FROM device d LEFT JOIN offices o ON o.code = d.office_code",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((device_id, office_code, office_id, region)) = device else {
        return Ok(None);
    };
    let json = |s: &str| serde_json::Value::from(s).to_string();
    let mut words = String::new();
    if let (Some(office_id), Some(region)) = (office_id, region) {
        words += &format!("\"office_id\":{},\"region\":{}", json(&office_id), json(&region));
    }
    words += &format!(
        "\"device_id\":{},\"device_seq\":,\"office\":{},\"op\":\"insert\"",
        json(&device_id),
        json(&office_code)
    );
    let mut users = conn.prepare_cached("SELECT login, id FROM users ORDER BY login")?;
    let users = users.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for user in users {
        let (login, id) = user?;
        words += &format!(
            "\"actor\":{{\"login\":{},\"user_id\":{}}},\"after\":{{",
            json(&login),
            json(&id)
        );
    }
    Ok(Some(words))
}

/// Makes sure the office's newest dictionary holds its words as they are now, adding one when
/// they changed; the dictionary new frames are made with.
pub(crate) fn refresh(conn: &Connection) -> Result<Option<&'static OfficeDictionary>> {
    let Some(words) = office_words(conn)? else {
        return current(conn);
    };
    if let Some(newest) = current(conn)? {
        if newest.words == words && newest.base == crate::events_codec::ENVELOPE_BASE {
            return Ok(Some(newest));
        }
    }
    let base = crate::events_codec::ENVELOPE_BASE;
    for attempt in 0..16 {
        let id = derive_id(base, &words, attempt);
        let taken: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM envelope_dictionaries WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?;
        if taken || crate::events_codec::builtin_dictionary(id).is_some() {
            // The same words as an older dictionary (a user removed, then added again) get a
            // new row all the same, under another id: the newest row is the one in use.
            continue;
        }
        // An id this process already holds for other words: the next one.
        let Some(dictionary) = register(id, base, &words) else { continue };
        conn.prepare_cached(
            "INSERT INTO envelope_dictionaries (id, base, words) VALUES (?1, ?2, ?3)",
        )?
        .execute(rusqlite::params![id, base, words])?;
        return Ok(Some(dictionary));
    }
    Err(StoreError::Corrupt("no free id for a new envelope dictionary".into()))
}

/// Migration 0023's hook: makes the office's first dictionary and stores every envelope of the
/// log compressed with it. Each new frame is unpacked again and compared with the text before it
/// is written, so the migration cannot change an envelope without failing and leaving the
/// database as it was; a row that does not unpack is left as it was found, for the audit to
/// name. The log refuses UPDATE by trigger; triggers are off for this connection only while it
/// rewrites the frames.
pub(crate) fn migration_hook(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    use crate::events_codec::{compress_with, decompress};
    use rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER;
    use rusqlite_migration::HookError;
    let hook_error = |e: StoreError| HookError::Hook(e.to_string());
    let Some(dictionary) = refresh(tx).map_err(hook_error)? else {
        return Ok(());
    };
    /// Turns the connection's triggers back on however the rewrite ends.
    struct TriggersOff<'a>(&'a Connection);
    impl Drop for TriggersOff<'_> {
        fn drop(&mut self) {
            let _ = self.0.set_db_config(SQLITE_DBCONFIG_ENABLE_TRIGGER, true);
        }
    }
    tx.set_db_config(SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    let _on_again = TriggersOff(tx);
    const BATCH: i64 = 10_000;
    let mut after = 0_i64;
    loop {
        let rows: Vec<(i64, Vec<u8>)> = tx
            .prepare("SELECT seq, body FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2")?
            .query_map([after, BATCH], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last, _)) = rows.last() else { break };
        let mut write = tx.prepare_cached("UPDATE events SET body = ?1 WHERE seq = ?2")?;
        for (seq, body) in rows {
            let Ok(text) = decompress(&body) else { continue };
            let frame = compress_with(Some(dictionary), &text).map_err(hook_error)?;
            if decompress(&frame).map_err(hook_error)? != text {
                return Err(HookError::Hook(format!(
                    "event {seq} does not come back whole from its frame"
                )));
            }
            if frame != body {
                write.execute(rusqlite::params![frame, seq])?;
            }
        }
        after = last;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dictionary_is_the_base_under_its_own_id_followed_by_the_words() {
        let base = crate::events_codec::builtin_dictionary(crate::events_codec::ENVELOPE_BASE)
            .expect("the built-in dictionary");
        let id = derive_id(crate::events_codec::ENVELOPE_BASE, "\"office\":\"PVL01\"", 0);
        assert!((32_768..1 << 31).contains(&id), "{id}");
        let bytes = dictionary_bytes(base, id, "\"office\":\"PVL01\"");
        assert_eq!(zstd::zstd_safe::get_dict_id_from_dict(&bytes).map(u32::from), Some(id));
        assert!(bytes.ends_with(b"\"office\":\"PVL01\""));
        assert_eq!(&bytes[..4], &base[..4]);
    }

    #[test]
    fn a_frame_made_with_a_dictionary_another_process_added_is_read_once_the_database_has_it() {
        let conn = Connection::open_in_memory().expect("open");
        crate::events_codec::register_functions(&conn).expect("functions");
        conn.execute_batch(
            "CREATE TABLE envelope_dictionaries (n INTEGER PRIMARY KEY, id INTEGER NOT NULL,
                                                 base INTEGER NOT NULL, words TEXT NOT NULL)",
        )
        .expect("table");
        // Words no other test uses, so this process has never loaded the dictionary.
        let words = format!("\"device_id\":\"{}\"", uuid::Uuid::now_v7());
        let base = crate::events_codec::ENVELOPE_BASE;
        let id = derive_id(base, &words, 0);
        let bytes = dictionary_bytes(
            crate::events_codec::builtin_dictionary(base).expect("base"),
            id,
            &words,
        );
        let text = format!("{{{words},\"wire\":1}}");
        let frame = zstd::bulk::Compressor::with_dictionary(3, &bytes)
            .and_then(|mut c| c.compress(text.as_bytes()))
            .expect("compress");
        let read = |conn: &Connection| -> Option<String> {
            conn.query_row("SELECT envelope_json(?1)", [&frame], |r| r.get(0)).expect("query")
        };
        assert_eq!(read(&conn), None, "a dictionary the database does not hold");
        conn.execute(
            "INSERT INTO envelope_dictionaries (id, base, words) VALUES (?1, ?2, ?3)",
            rusqlite::params![id, base, words],
        )
        .expect("the other process's dictionary");
        assert_eq!(read(&conn), Some(text.clone()));
        assert_eq!(crate::events_codec::decompress(&frame).expect("now known"), text);
    }

    #[test]
    fn the_same_id_never_stands_for_two_dictionaries_in_one_process() {
        let base = crate::events_codec::ENVELOPE_BASE;
        let id = derive_id(base, "one office", 0);
        assert!(register(id, base, "one office").is_some());
        assert!(register(id, base, "one office").is_some(), "the same one again");
        assert!(register(id, base, "another office").is_none());
        assert!(register(derive_id(base, "x", 0), 12345, "x").is_none(), "unknown base");
    }
}
