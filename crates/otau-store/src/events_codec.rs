//! How the event log stores an envelope: its canonical JSON compressed as one zstd frame with a
//! dictionary trained on envelopes, and its hashes as 32 bytes instead of 64 hex digits; and
//! the same for the body of a signed checkpoint (its own dictionary), its key and signature.
//!
//! # Design
//! An envelope is about 770 bytes of JSON whose keys, actions and shape repeat from one event
//! to the next; alone, zstd can do little with so short a text, but with a dictionary of
//! 16 KiB trained on envelopes (`dictionaries/events-1.zdict`, made by `otau-bench`'s
//! `dictionary` command from a demo population) a frame is about 140 bytes. The hash and the
//! chain are over the canonical text, not the frame, so what the log proves is unchanged by how
//! it is stored: decompressing gives back the exact text, byte for byte.
//!
//! Each frame names its dictionary by the id zstd writes in it; a later dictionary gets a new
//! file and id, and every dictionary ever used stays here so old rows stay readable. An office's
//! envelopes are compressed with its own dictionary, this one followed by the ids they all
//! repeat ([`crate::envelope_dictionary`], kept in the database).
//!
//! SQL reads envelopes through `envelope_json(body)`, registered on every connection the store
//! opens ([`register_functions`]); the log's generated columns (`event_id`, `entity_id`, …) use
//! it too. It gives NULL for bytes that are not a frame of a known dictionary, so one damaged
//! row cannot stop a query over the log; the chain check then names that row.

use crate::envelope_dictionary::OfficeDictionary;
use crate::error::{Result, StoreError};
use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;
use zstd::dict::{DecoderDictionary, EncoderDictionary};

/// The dictionary new envelopes are compressed with.
const EVENTS_1: &[u8] = include_bytes!("../dictionaries/events-1.zdict");
/// The dictionary new checkpoint bodies are compressed with.
const CHECKPOINTS_1: &[u8] = include_bytes!("../dictionaries/checkpoints-1.zdict");
/// Every dictionary a stored frame may name, each forever: old rows must stay readable.
const KNOWN: [&[u8]; 2] = [EVENTS_1, CHECKPOINTS_1];

/// The id of the built-in dictionary an office's envelope dictionary extends
/// ([`crate::envelope_dictionary`]): the 4 bytes after a dictionary's magic number.
pub(crate) const ENVELOPE_BASE: u32 =
    u32::from_le_bytes([EVENTS_1[4], EVENTS_1[5], EVENTS_1[6], EVENTS_1[7]]);

/// The built-in dictionary with this id.
pub(crate) fn builtin_dictionary(id: u32) -> Option<&'static [u8]> {
    KNOWN
        .iter()
        .copied()
        .find(|dict| zstd::zstd_safe::get_dict_id_from_dict(dict).map(u32::from) == Some(id))
}

/// Compression level: about as small as level 19 for texts this short, at a tenth of the time.
const LEVEL: i32 = 3;

/// The largest text a frame may unpack to: a scan of 4 MiB as base64 with its record is about
/// 5.6 MB; anything claiming far more is not an envelope of ours.
const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// What a text is, which says the dictionary it is compressed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An event's envelope (`events.body`).
    Envelope,
    /// A signed checkpoint's body (`audit_checkpoints.body`).
    Checkpoint,
}

impl Kind {
    fn index(self) -> usize {
        match self {
            Kind::Envelope => 0,
            Kind::Checkpoint => 1,
        }
    }
}

fn encoder_dictionary(kind: Kind) -> &'static EncoderDictionary<'static> {
    static DICTS: [OnceLock<EncoderDictionary<'static>>; 2] = [OnceLock::new(), OnceLock::new()];
    DICTS[kind.index()].get_or_init(|| EncoderDictionary::copy(KNOWN[kind.index()], LEVEL))
}

fn decoder_dictionary(index: usize) -> &'static DecoderDictionary<'static> {
    static DICTS: [OnceLock<DecoderDictionary<'static>>; 2] = [OnceLock::new(), OnceLock::new()];
    DICTS[index].get_or_init(|| DecoderDictionary::copy(KNOWN[index]))
}

type Compressors = [Option<zstd::bulk::Compressor<'static>>; 2];

/// The compressor of the office dictionary a thread last used, with its id.
type OfficeCompressor = Option<(u32, zstd::bulk::Compressor<'static>)>;

thread_local! {
    /// The last frame `envelope_json` unpacked and its text: SQLite asks for the same row's
    /// envelope once for each generated column it computes (an insert, an integrity check), so
    /// the text is shared, not copied, with each answer.
    static LAST_READ: RefCell<(Vec<u8>, Option<Rc<str>>)> =
        const { RefCell::new((Vec::new(), None)) };
    static COMPRESSORS: RefCell<Compressors> = const { RefCell::new([None, None]) };
    static OFFICE_COMPRESSOR: RefCell<OfficeCompressor> = const { RefCell::new(None) };
    static DECOMPRESSOR: RefCell<Option<zstd::bulk::Decompressor<'static>>> = const { RefCell::new(None) };
}

fn codec_error(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

/// The stored form of an envelope's canonical text.
pub(crate) fn compress(text: &str) -> Result<Vec<u8>> {
    compress_as(Kind::Envelope, text)
}

/// The stored form of a text of the given kind.
pub(crate) fn compress_as(kind: Kind, text: &str) -> Result<Vec<u8>> {
    COMPRESSORS.with(|cell| {
        let mut slots = cell.borrow_mut();
        let slot = &mut slots[kind.index()];
        let compressor = match slot.as_mut() {
            Some(c) => c,
            None => slot.insert(
                zstd::bulk::Compressor::with_prepared_dictionary(encoder_dictionary(kind))
                    .map_err(|e| codec_error("compressor", e))?,
            ),
        };
        compressor.compress(text.as_bytes()).map_err(|e| codec_error("compression", e))
    })
}

/// The stored form of an envelope's canonical text, made with the office's dictionary when it
/// has one ([`crate::envelope_dictionary::current`]).
pub(crate) fn compress_with(
    dictionary: Option<&'static OfficeDictionary>,
    text: &str,
) -> Result<Vec<u8>> {
    let Some(dictionary) = dictionary else {
        return compress(text);
    };
    OFFICE_COMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(id, _)| *id != dictionary.id) {
            let compressor = zstd::bulk::Compressor::with_dictionary(LEVEL, &dictionary.bytes)
                .map_err(|e| codec_error("compressor", e))?;
            *slot = Some((dictionary.id, compressor));
        }
        match slot.as_mut() {
            Some((_, compressor)) => {
                compressor.compress(text.as_bytes()).map_err(|e| codec_error("compression", e))
            }
            None => Err(codec_error("compressor", "none")),
        }
    })
}

/// The dictionary a frame names, built in or an office's this process has loaded.
fn decoder_for(body: &[u8]) -> Option<&'static DecoderDictionary<'static>> {
    let id = zstd::zstd_safe::get_dict_id_from_frame(body)?;
    match KNOWN.iter().position(|dict| zstd::zstd_safe::get_dict_id_from_dict(dict) == Some(id)) {
        Some(index) => Some(decoder_dictionary(index)),
        None => crate::envelope_dictionary::find(id.into()).map(|d| &d.decoder),
    }
}

/// Whether a frame names a dictionary this process has not loaded (one an office made since).
fn names_an_unknown_dictionary(body: &[u8]) -> bool {
    zstd::zstd_safe::get_dict_id_from_frame(body).is_some() && decoder_for(body).is_none()
}

/// The text of a stored frame of any kind; an error for bytes that are not a frame of a known
/// dictionary holding UTF-8 of a sensible size.
pub(crate) fn decompress(body: &[u8]) -> Result<String> {
    let Some(dictionary) = decoder_for(body) else {
        return Err(StoreError::Corrupt("stored text: not a frame of a known dictionary".into()));
    };
    let size = match zstd::zstd_safe::get_frame_content_size(body) {
        Ok(Some(size)) if size <= MAX_TEXT_BYTES => size as usize,
        _ => return Err(StoreError::Corrupt("stored text: frame of no or too large size".into())),
    };
    let bytes = DECOMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let decompressor = match slot.as_mut() {
            Some(d) => d,
            None => slot.insert(
                zstd::bulk::Decompressor::new().map_err(|e| codec_error("decompressor", e))?,
            ),
        };
        decompressor
            .set_prepared_dictionary(dictionary)
            .map_err(|e| codec_error("decompressor", e))?;
        decompressor.decompress(body, size).map_err(|e| codec_error("stored text", e))
    })?;
    String::from_utf8(bytes).map_err(|e| codec_error("stored text", e))
}

/// A hash as stored: 32 bytes from 64 hex digits.
pub(crate) fn hash_bytes(hex_digits: &str) -> Result<Vec<u8>> {
    match hex::decode(hex_digits) {
        Ok(bytes) if bytes.len() == 32 => Ok(bytes),
        _ => Err(StoreError::Corrupt(format!("hash {hex_digits:?}"))),
    }
}

/// Stored bytes (a hash, a key, a signature) as hex digits, whichever way the row keeps them:
/// bytes, or text in a table not yet compacted (the hooks of older migrations read the tables
/// of their time).
pub(crate) fn hash_from_sql(value: rusqlite::types::ValueRef<'_>) -> rusqlite::Result<String> {
    use rusqlite::types::{FromSqlError, ValueRef};
    match value {
        ValueRef::Blob(bytes) => Ok(hex::encode(bytes)),
        ValueRef::Text(text) => Ok(String::from_utf8_lossy(text).into_owned()),
        _ => Err(rusqlite::Error::FromSqlConversionFailure(
            0,
            value.data_type(),
            Box::new(FromSqlError::InvalidType),
        )),
    }
}

/// Registers on a connection to an office database `envelope_json(body)`, the text of a stored
/// frame (an envelope, or a checkpoint's body; NULL for bytes that are not one), and its
/// inverses `envelope_body(text)` and `checkpoint_body(text)`, the stored form of a text (for
/// repairs by hand, and for the tests that change the log behind the store's back); and
/// `id_key(id)` and `id_text(key)`, an id as the log keeps it and back, and `id_tag(id)`, the
/// part of it the log's indexes hold. Loads the
/// office's envelope dictionaries the database holds ([`crate::envelope_dictionary`]).
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    for (name, kind) in [("envelope_body", Kind::Envelope), ("checkpoint_body", Kind::Checkpoint)] {
        conn.create_scalar_function(name, 1, deterministic(), move |ctx| {
            let text: String = ctx.get(0)?;
            compress_as(kind, &text).map_err(|e| rusqlite::Error::UserFunctionError(Box::new(e)))
        })?;
    }
    conn.create_scalar_function("id_key", 1, deterministic(), |ctx| {
        Ok(match ctx.get_raw(0) {
            rusqlite::types::ValueRef::Text(text) => Some(id_key(&String::from_utf8_lossy(text))),
            _ => None,
        })
    })?;
    conn.create_scalar_function("id_tag", 1, deterministic(), |ctx| {
        Ok(match ctx.get_raw(0) {
            rusqlite::types::ValueRef::Text(text) => Some(id_tag(&String::from_utf8_lossy(text))),
            _ => None,
        })
    })?;
    conn.create_scalar_function("id_text", 1, deterministic(), |ctx| {
        Ok(match ctx.get_raw(0) {
            rusqlite::types::ValueRef::Blob(key) => Some(id_text(key)),
            rusqlite::types::ValueRef::Text(text) => Some(String::from_utf8_lossy(text).into()),
            _ => None,
        })
    })?;
    conn.create_scalar_function("envelope_json", 1, deterministic(), |ctx| {
        Ok(match ctx.get_raw(0) {
            rusqlite::types::ValueRef::Blob(body) => {
                if names_an_unknown_dictionary(body) {
                    // SAFETY: the connection is used here, on this thread, for one read of the
                    // dictionaries while the function runs; no reference to it outlives the call.
                    let conn = unsafe { ctx.get_connection() }?;
                    crate::envelope_dictionary::load(&conn)?;
                }
                envelope_json(body)
            }
            _ => None,
        })
    })?;
    crate::envelope_dictionary::load(conn)
}

/// The flags of every function here: each gives the same answer for the same input and has no
/// effect outside it, so SQLite may use it in generated columns, indexes and triggers.
fn deterministic() -> FunctionFlags {
    FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS
}

/// `id_key(text)`: an id as the log's indexes keep it. A UUID written as the store writes one
/// (lowercase, hyphenated) becomes its 16 bytes, less than half its 36 letters; any other id
/// (a rule's code, a year) stays the text it is. Bytes and text never compare equal, so the
/// two kinds of key cannot meet.
pub(crate) fn id_key(text: &str) -> rusqlite::types::Value {
    match uuid::Uuid::try_parse(text) {
        Ok(id) if id.hyphenated().to_string() == text => {
            rusqlite::types::Value::Blob(id.as_bytes().to_vec())
        }
        _ => rusqlite::types::Value::Text(text.to_owned()),
    }
}

/// `id_tag(text)`: the 8 bytes of an id the log's indexes are searched by (0024), as an integer,
/// laid out in time order (0027). For a UUID: its first 5 bytes, which in a UUID v7 are the top
/// of its millisecond timestamp (a quarter of a second), then its last 3, which are random in
/// every UUID the store makes. So the ids a change makes sort after every older one, and its
/// rows join the right edge of each index instead of splitting pages all across it: fewer pages
/// written at each change, and pages that stay full. For any other id, the first 8 bytes of its
/// SHA-256. Two ids may share a tag, so a query names the tag for the index and the full
/// [`id_key`] for the answer: `event_tag = id_tag(?1) AND event_key = id_key(?1)`.
pub(crate) fn id_tag(text: &str) -> i64 {
    let mut tag = [0; 8];
    match id_key(text) {
        rusqlite::types::Value::Blob(key) if key.len() == 16 => {
            tag[..5].copy_from_slice(&key[..5]);
            tag[5..].copy_from_slice(&key[13..]);
        }
        _ => {
            use sha2::Digest;
            tag.copy_from_slice(&sha2::Sha256::digest(text.as_bytes())[..8]);
        }
    }
    i64::from_be_bytes(tag)
}

/// `id_text(key)`: the id a key of [`id_key`] stands for.
pub(crate) fn id_text(key: &[u8]) -> String {
    match uuid::Uuid::from_slice(key) {
        Ok(id) => id.hyphenated().to_string(),
        Err(_) => String::from_utf8_lossy(key).into_owned(),
    }
}

/// `envelope_json(body)`: the last row's text again, or this one's unpacked. A frame that does
/// not unpack is not kept, so it is tried again once its dictionary is loaded.
fn envelope_json(body: &[u8]) -> Option<Rc<str>> {
    LAST_READ.with(|cell| {
        let mut last = cell.borrow_mut();
        if last.1.is_none() || last.0 != body {
            let text = decompress(body).ok().map(Rc::from);
            last.0.clear();
            last.0.extend_from_slice(body);
            last.1 = text;
        }
        last.1.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_comes_back_byte_for_byte_and_much_smaller() {
        let text = r#"{"action":"family.register","actor":{"login":"admin","user_id":"01a24f2a-927e-7167-b6d9-b1bb6b980c34"},"after":{"birth_date":"1960-11-01","citizenship":null,"education":"secondary_vocational","email":null,"family_id":"01a24f2a-9405-7282-b265-8809fbfc2a8c","given_name":"Мәди","given_name_latin":"MADI","iin":"601101348180","patronymic":null,"patronymic_latin":null,"phone":null,"regno":"PVL01-2015-00501","relation":"spouse","sex":"male","surname":"Қайсаров","surname_latin":"KAYSAROW"},"at":"2015-01-20T09:00:00.000Z","base_version":0,"change_id":"01a24f2a-93fb-7127-8507-03f92400131f","device_id":"01a24f2a-927d-7677-a567-2f470fc269bb","device_seq":1659,"entity":"person","entity_id":"01a24f2a-9405-7282-b265-880fdf609816","event_id":"01a24f2a-9405-7282-b265-8810b0d85899","office":"PVL01","op":"insert","subject_id":"01a24f2a-9405-7282-b265-880fdf609816","wire":1}"#;
        let body = compress(text).expect("compress");
        assert_eq!(decompress(&body).expect("decompress"), text);
        assert!(body.len() * 3 < text.len(), "{} bytes from {}", body.len(), text.len());
    }

    #[test]
    fn each_dictionary_has_an_id_of_its_own_and_each_kind_comes_back() {
        let ids: Vec<_> = KNOWN.iter().map(|d| zstd::zstd_safe::get_dict_id_from_dict(d)).collect();
        assert!(ids.iter().all(Option::is_some), "{ids:?}");
        assert_ne!(ids[0], ids[1]);
        let body = r#"{"at":"2026-12-07T10:00:00.000Z","counts":{"persons":4},"v":1}"#;
        let frame = compress_as(Kind::Checkpoint, body).expect("compress");
        assert_eq!(zstd::zstd_safe::get_dict_id_from_frame(&frame), ids[1]);
        assert_eq!(decompress(&frame).expect("decompress"), body);
    }

    #[test]
    fn bytes_that_are_not_a_frame_of_our_dictionary_are_refused() {
        let plain = zstd::bulk::compress(b"{\"wire\":1}", 3).expect("compress");
        for body in [&b""[..], b"{\"wire\":1}", &plain, &compress("{}").expect("c")[..5]] {
            assert!(decompress(body).is_err(), "{body:?}");
        }
    }

    #[test]
    fn an_id_is_kept_as_its_16_bytes_when_it_is_a_uuid_as_the_store_writes_one() {
        use rusqlite::types::Value;
        let id = "01a24f2a-9405-7282-b265-8810b0d85899";
        let Value::Blob(key) = id_key(id) else { panic!("a UUID is kept as bytes") };
        assert_eq!(key.len(), 16);
        assert_eq!(id_text(&key), id);
        // Any other id stays its text, so it can never meet a UUID's key.
        for other in
            ["2026", "01A24F2A-9405-7282-B265-8810B0D85899", "01a24f2a94057282b2658810b0d85899", ""]
        {
            assert_eq!(id_key(other), Value::Text(other.into()), "{other}");
        }
        let conn = Connection::open_in_memory().expect("open");
        register_functions(&conn).expect("register");
        let (back, text, null): (String, String, Option<String>) = conn
            .query_row(
                "SELECT id_text(id_key(?1)), id_text(id_key('year-2026')), id_key(NULL)",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("query");
        assert_eq!((back.as_str(), text.as_str(), null), (id, "year-2026", None));
    }

    #[test]
    fn an_id_is_indexed_by_8_of_its_bytes_and_ids_of_one_tag_stay_apart_by_their_key() {
        let id = "01a24f2a-9405-7282-b265-8810b0d85899";
        assert_eq!(
            id_tag(id),
            i64::from_be_bytes([0x01, 0xa2, 0x4f, 0x2a, 0x94, 0xd8, 0x58, 0x99])
        );
        // Another id of the same first 5 and last 3 bytes shares the tag, never the key.
        let twin = "01a24f2a-94ff-7000-8000-0000ffd85899";
        assert_eq!(id_tag(twin), id_tag(id));
        assert_ne!(id_key(twin), id_key(id));
        // Any other id is tagged by its hash, and the tag does not depend on the spelling's
        // kind alone.
        assert_ne!(id_tag("2026"), id_tag("2027"));
        assert_ne!(id_tag("01A24F2A-9405-7282-B265-8810B0D85899"), id_tag(id));
        let conn = Connection::open_in_memory().expect("open");
        register_functions(&conn).expect("register");
        let (tag, null): (i64, Option<i64>) = conn
            .query_row("SELECT id_tag(?1), id_tag(NULL)", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query");
        assert_eq!((tag, null), (id_tag(id), None));
    }

    #[test]
    fn the_ids_the_store_makes_are_tagged_in_the_order_they_were_made() {
        // A quarter of a second apart at least, as the tag's time is; within one, in any order.
        let mut tags = vec![];
        for _ in 0..3 {
            tags.push(id_tag(&uuid::Uuid::now_v7().to_string()));
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        let mut sorted = tags.clone();
        sorted.sort();
        assert_eq!(tags, sorted);
        assert!(tags.iter().all(|t| *t > 0), "{tags:?}");
    }

    #[test]
    fn sql_reads_an_envelope_and_gets_null_for_damaged_bytes() {
        let conn = Connection::open_in_memory().expect("open");
        register_functions(&conn).expect("register");
        let body = compress(r#"{"at":"2026-12-07","wire":1}"#).expect("compress");
        let at: Option<String> = conn
            .query_row("SELECT envelope_json(?1) ->> '$.at'", [&body], |r| r.get(0))
            .expect("query");
        assert_eq!(at.as_deref(), Some("2026-12-07"));
        let damaged: Option<String> = conn
            .query_row("SELECT envelope_json(?1)", [&body[..body.len() - 2]], |r| r.get(0))
            .expect("query");
        assert_eq!(damaged, None);
    }
}
