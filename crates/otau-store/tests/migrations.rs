//! Schema migrations: from an empty file up, idempotent on reopen, and a database from a newer
//! build refused without being touched.

mod common;

use otau_store::schema::{latest_version, version};
use otau_store::{Store, StoreError};

#[test]
fn an_empty_file_migrates_to_the_latest_schema() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("new.sqlite");
    let store = Store::open(&path).expect("open empty");
    let conn = store.raw_connection();
    assert_eq!(version(conn).expect("version"), latest_version());
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for t in [
        "events",
        "consents",
        "device",
        "documents",
        "families",
        "mci_rows",
        "offices",
        "credentials",
        "persons",
        "users",
        "subsidy_rules",
        "subsidy_decisions",
        "subsidy_instalments",
        "ledger_entries",
        "family_departures",
        "reimbursement_cases",
    ] {
        assert!(tables.iter().any(|x| x == t), "missing table {t}: {tables:?}");
    }
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_keeps_the_data_and_the_version() {
    let o = common::office();
    let path = o.path();
    drop(o.store);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(version(store.raw_connection()).expect("version"), latest_version());
    assert_eq!(store.office().expect("office").office.code, "PVL01");
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("future.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 999;")
            .expect("make future db");
    }
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::SchemaTooNew { found: 999, .. }), "{err:?}");
    let conn = rusqlite::Connection::open(&path).expect("open");
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("v");
    assert_eq!(v, 999);
}

#[test]
fn init_twice_is_refused() {
    let mut o = common::office();
    let err = o
        .store
        .init_office(
            common::at(),
            &otau_store::NewOffice {
                code: "AKM01".into(),
                name: "x".into(),
                region: "KZ-11".into(),
                admin_login: "root".into(),
                admin_password: "long-enough".into(),
            },
            &o.store.mci_table().expect("mci"),
        )
        .expect_err("refused");
    assert!(matches!(err, StoreError::AlreadyInitialised { ref office } if office == "PVL01"));
}

/// A database written before sync (schema 4: office, an administrator and a clerk, a family of
/// three, a status, a certificate, a plan item done), made by the `otau` of that release.
const PRE_SYNC: &[u8] = include_bytes!("data/pre-sync-office.sqlite");

#[test]
fn a_database_from_before_sync_moves_its_history_into_the_event_log() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.sqlite");
    std::fs::write(&path, PRE_SYNC).expect("write fixture");
    let old: Vec<(String, String, Option<String>, String)> = {
        let conn = rusqlite::Connection::open(&path).expect("open old");
        assert_eq!(version(&conn).expect("version"), 4);
        let rows = conn
            .prepare(
                "SELECT a.action, a.entity, a.before_json, o.event_id FROM audit a
                 JOIN outbox o ON o.audit_seq = a.seq ORDER BY a.seq",
            )
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        rows
    };

    let store = Store::open(&path).expect("migrate");
    let conn = store.raw_connection();
    assert_eq!(version(conn).expect("version"), latest_version());
    assert_eq!(store.verify_audit_chain().expect("chain").first_broken_seq, None);
    let new: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT origin, envelope_json(body) ->> '$.action', envelope_json(body),
                    envelope_json(body) ->> '$.event_id'
             FROM events ORDER BY seq",
        )
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(new.len(), old.len(), "one event per audit row");
    for ((action, entity, _, event_id), (origin, new_action, envelope, new_id)) in
        old.iter().zip(&new)
    {
        assert_eq!(action, new_action);
        assert_eq!(event_id, new_id, "event ids are kept");
        let private = entity == "office_key" || entity == "known_office_key";
        assert_eq!(origin, if private { "private" } else { "local" }, "{entity}");
        assert!(!envelope.contains("redacted") && !envelope.contains("argon2"), "{envelope}");
    }
    // Own events are numbered without gaps, the private key left out.
    let seqs: Vec<i64> = conn
        .prepare("SELECT device_seq FROM events WHERE origin = 'local' ORDER BY seq")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
    // An update keeps only the changed fields, before and after.
    let update: serde_json::Value = conn
        .query_row(
            "SELECT envelope_json(body) FROM events WHERE envelope_json(body) ->> '$.op' = 'update'
             AND envelope_json(body) ->> '$.entity' = 'plan_item'",
            [],
            |r| r.get::<_, String>(0),
        )
        .map(|t| serde_json::from_str(&t).expect("json"))
        .expect("the plan item's update");
    assert_eq!(update["before"]["state"], "planned");
    assert_eq!(update["after"]["state"], "done");
    assert!(update["after"].get("description").is_none(), "{update}");
    // The rows of one registration are one change.
    let changes: i64 = conn
        .query_row(
            "SELECT COUNT(DISTINCT envelope_json(body) ->> '$.change_id') FROM events
             WHERE envelope_json(body) ->> '$.action' = 'family.register'",
            [],
            |r| r.get(0),
        )
        .expect("changes");
    assert_eq!(changes, 1);
    for gone in ["audit", "outbox"] {
        let found: i64 = conn
            .query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = ?1", [gone], |r| r.get(0))
            .expect("master");
        assert_eq!(found, 0, "{gone} dropped");
    }
    // The passwords moved to this device's credentials: both users still sign in.
    assert!(store.sign_in("admin", "admin-password").is_ok());
    assert!(store.sign_in("aigerim", "clerk-password").is_ok());
    assert!(store.audit_for("PVL01-2026-00001").expect("history").len() > 5);
    // 0007 made the search index anew from the records: a typo and a birth year find the head.
    let hits = store.find("Нурсултн", 5).expect("find");
    assert_eq!(hits.first().map(|h| h.regno.as_str()), Some("PVL01-2026-00001"));
    let born = hits[0].birth_date.format("%Y").to_string();
    let by_year = store.find(&format!("Сейиткали {born}"), 5).expect("find");
    assert!(by_year.iter().any(|h| h.regno == "PVL01-2026-00001"));
}

/// An office database as the build before 0020 left it (`otau init`, `otau demo --families 6
/// --casework --years 2025-2026`, a certificate issued; encrypted with the office secret below):
/// 121 rows in its log and 12 signed checkpoints.
const AT_SCHEMA_19: &[u8] = include_bytes!("data/office-at-schema-19.sqlite");
const AT_SCHEMA_19_KEYS: &[u8] = include_bytes!("data/office-at-schema-19.sqlite.keys");

#[test]
fn an_office_database_of_schema_19_gets_its_event_log_compacted_with_every_proof_intact() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("office.sqlite");
    std::fs::write(&path, AT_SCHEMA_19).expect("write fixture");
    std::fs::write(dir.path().join("office.sqlite.keys"), AT_SCHEMA_19_KEYS).expect("keys");
    let mut store =
        otau_store::vault::open_with_secret(&path, "Otau office secret 2026").expect("migrate");
    assert_eq!(version(store.raw_connection()).expect("version"), latest_version());

    // Every row is compacted: a frame of its envelope, its chain hash of 32 bytes, no copy of
    // the link nor of its envelope's hash, and the ids its indexes keep as 16 bytes each.
    let (rows, frames, texts, short_hashes): (i64, i64, i64, i64) = store
        .raw_connection()
        .query_row(
            "SELECT COUNT(*), SUM(length(body)), SUM(length(CAST(envelope_json(body) AS BLOB))),
                    SUM(typeof(body) <> 'blob' OR length(chain_hash) <> 32
                        OR length(event_key) <> 16 OR length(entity_key) <> 16
                        OR typeof(device_key) NOT IN ('blob', 'null')
                        OR id_text(event_key) <> envelope_json(body) ->> '$.event_id')
             FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("the log");
    assert_eq!((rows, short_hashes), (121, 0));
    assert_eq!(
        log_indexes(store.raw_connection()),
        ["events_device_seq", "events_entity", "events_event_tag", "events_subject"]
    );
    assert!(frames * 3 < texts, "{frames} bytes of frames for {texts} of envelopes");
    let columns: Vec<String> = store
        .raw_connection()
        .prepare("SELECT name FROM pragma_table_xinfo('events')")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("columns");
    for gone in ["envelope", "prev_hash", "hash", "event_id", "entity_id"] {
        assert!(!columns.iter().any(|c| c == gone), "{gone}: {columns:?}");
    }
    let (checkpoints, frames, texts, short_keys): (i64, i64, i64, i64) = store
        .raw_connection()
        .query_row(
            "SELECT COUNT(*), SUM(length(body)), SUM(length(CAST(envelope_json(body) AS BLOB))),
                    SUM(typeof(body) <> 'blob' OR length(public_key) <> 32
                        OR length(signature) <> 64)
             FROM audit_checkpoints",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("the checkpoints");
    assert_eq!((checkpoints, short_keys), (12, 0));
    assert!(frames * 3 < texts, "{frames} bytes of frames for {texts} of checkpoint bodies");
    // The old log's pages are given back: the file is smaller than it was.
    let free: i64 = store
        .raw_connection()
        .pragma_query_value(None, "freelist_count", |r| r.get(0))
        .expect("freelist");
    assert_eq!(free, 0);
    let size = std::fs::metadata(&path).expect("file").len();
    assert!(size < AT_SCHEMA_19.len() as u64, "{size} bytes from {}", AT_SCHEMA_19.len());

    // Every frame is made with the office's own dictionary (0023): smaller than with the
    // built-in one by the ids it no longer spells out. The log still refuses a change.
    let (dictionaries, own, built_in): (i64, i64, i64) = store
        .raw_connection()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM envelope_dictionaries), SUM(length(body)),
                    SUM(length(envelope_body(envelope_json(body))))
             FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the frames");
    assert_eq!(dictionaries, 1);
    assert!(own + 15 * rows <= built_in, "{own} bytes of frames, {built_in} built in");
    let changed = store.raw_connection().execute("UPDATE events SET origin = origin", []);
    assert!(changed.is_err(), "{changed:?}");

    // The same texts: every hash matches its envelope, every link its row, and the checkpoints
    // signed before the migration still match the chain; the records replay from the events.
    assert_eq!(store.verify_audit_chain().expect("chain").first_broken_seq, None);
    let report = store.verify_audit(common::at()).expect("verify");
    assert!(report.is_clean(), "{:?}", report.findings);
    assert_eq!((report.rows, report.checkpoints), (121, 12));
    let history = store.audit_for("PVL01-2026-00004").expect("history");
    assert!(history.iter().any(|e| e.action == "family.register"), "{history:?}");

    // New work continues the same chain, found by the same indexes, and still sends.
    let (own_before, _) = store.outbox_status().expect("outbox");
    let admin = store.sign_in("admin", "admin-password-2026").expect("sign in");
    let registered = store
        .register_family(
            &common::ctx(&admin),
            &common::example_family(),
            otau_store::Duplicates::Refuse,
        )
        .expect("register after the migration");
    let head = registered.members[0].regno.clone();
    let (own_after, _) = store.outbox_status().expect("outbox");
    assert!(own_after > own_before, "{own_before} -> {own_after}");
    let person = store.person(&head).expect("the new head");
    let hits = store.find(&person.person.surname, 20).expect("find");
    assert!(hits.iter().any(|h| h.regno == head), "{hits:?}");
    assert!(store.audit_for(&head).expect("history").len() > 1);
    let report = store.verify_audit(common::at()).expect("verify");
    assert!(report.is_clean(), "{:?}", report.findings);
}

#[test]
fn a_log_of_schema_22_is_compressed_with_the_offices_dictionary_and_a_damaged_row_is_left_as_found()
{
    let o = office_with_a_family();
    let path = o.path();
    // The log as schema 22 kept it: every frame made with the built-in dictionary, no office
    // dictionary, its indexes of 16-byte keys; then one row damaged behind the store's back.
    let conn = o.store.raw_connection();
    conn.execute_batch(
        "DROP TRIGGER events_no_update;
         DROP TRIGGER events_no_replace;
         DROP INDEX events_event_tag;
         DROP INDEX events_device_seq;
         DROP INDEX events_entity;
         DROP INDEX events_subject;
         ALTER TABLE events DROP COLUMN event_tag;
         ALTER TABLE events DROP COLUMN device_tag;
         ALTER TABLE events DROP COLUMN entity_tag;
         ALTER TABLE events DROP COLUMN subject_tag;
         CREATE UNIQUE INDEX events_event_key ON events(event_key);
         CREATE INDEX events_device_seq ON events(device_key, device_seq)
         WHERE device_seq IS NOT NULL;
         CREATE INDEX events_entity ON events(entity_key);
         CREATE INDEX events_subject ON events(subject_key) WHERE subject_key <> entity_key;
         CREATE TRIGGER events_no_replace BEFORE INSERT ON events
         WHEN EXISTS (SELECT 1 FROM events
                      WHERE seq = NEW.seq
                         OR event_key = id_key(envelope_json(NEW.body) ->> '$.event_id'))
         BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
         UPDATE events SET body = envelope_body(envelope_json(body));
         DROP TABLE envelope_dictionaries;
         UPDATE events SET body = substr(body, 1, length(body) - 3)
         WHERE seq = (SELECT MAX(seq) - 2 FROM events);
         CREATE TRIGGER events_no_update BEFORE UPDATE ON events
         BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
         PRAGMA user_version = 22;",
    )
    .expect("the log of schema 22");
    let (damaged, damaged_body): (i64, Vec<u8>) = conn
        .query_row(
            "SELECT seq, body FROM events WHERE seq = (SELECT MAX(seq) - 2 FROM events)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the damaged row");
    let built_in: i64 = conn
        .query_row("SELECT SUM(length(body)) FROM events WHERE seq <> ?1", [damaged], |r| r.get(0))
        .expect("frames");
    drop(o.store);

    let store = Store::open(&path).expect("migrate");
    let conn = store.raw_connection();
    let (dictionaries, own, body): (i64, i64, Vec<u8>) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM envelope_dictionaries),
                    (SELECT SUM(length(body)) FROM events WHERE seq <> ?1),
                    (SELECT body FROM events WHERE seq = ?1)",
            [damaged],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("after");
    assert_eq!(dictionaries, 1);
    assert!(own < built_in, "{own} bytes of frames, {built_in} before");
    assert_eq!(body, damaged_body, "the damaged row is left as it was found");
    // Every other row unpacks to its text: the chain breaks first at the damaged row.
    let report = store.verify_audit_chain().expect("chain");
    assert_eq!(report.first_broken_seq, Some(damaged));
    // The indexes hold 8-byte tags now (0024); the damaged row, whose envelope cannot be read,
    // has none, and the others are found by their ids.
    assert_eq!(
        log_indexes(conn),
        ["events_device_seq", "events_entity", "events_event_tag", "events_subject"]
    );
    let (tagged, found): (i64, i64) = conn
        .query_row(
            "SELECT SUM(event_tag IS NOT NULL), SUM(EXISTS (SELECT 1 FROM events f
                 WHERE f.event_tag = id_tag(e.event_key_text) AND f.seq = e.seq))
             FROM (SELECT seq, event_tag, id_text(event_key) AS event_key_text FROM events) e",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("tags");
    let rows: i64 = conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0)).expect("rows");
    assert_eq!((tagged, found), (rows - 1, rows - 1));
}

#[test]
fn a_vocabulary_of_schema_25_gets_its_unfinished_variant_keys_put_right() {
    let mut o = common::office();
    let admin = o.admin.clone();
    let mut family = common::example_family();
    // Its loose key `oeierk` had the variant `oerk` from one pass of the rules; its own is `ork`.
    family.members[0].surname = "Оэыэрк".into();
    o.store
        .register_family(&common::ctx(&admin), &family, otau_store::Duplicates::Refuse)
        .expect("register");
    let path = o.path();
    let conn = o.store.raw_connection();
    let words: i64 =
        conn.query_row("SELECT COUNT(*) FROM name_words", [], |r| r.get(0)).expect("words");
    conn.execute_batch(
        "UPDATE name_words SET variant = 'oerk' WHERE word = 'oeierk';
         PRAGMA user_version = 25;",
    )
    .expect("the vocabulary of schema 25");
    drop(o.store);

    let mut store = Store::open(&path).expect("migrate");
    let (variant, now): (String, i64) = store
        .raw_connection()
        .query_row(
            "SELECT variant, (SELECT COUNT(*) FROM name_words) FROM name_words
             WHERE word = 'oeierk'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the word");
    assert_eq!((variant.as_str(), now), ("ork", words));
    let report = store.verify_audit(common::at()).expect("verify");
    assert!(report.is_clean(), "{:?}", report.findings);
}

#[test]
fn a_log_of_schema_26_has_its_indexes_built_again_with_tags_in_time_order() {
    use rusqlite::functions::FunctionFlags;
    use rusqlite::types::ValueRef;
    let o = office_with_a_family();
    let path = o.path();
    // The indexes as schema 26 built them: each UUID's last 8 bytes (0024).
    let conn = o.store.raw_connection();
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("id_tag", 1, flags, |ctx| {
        Ok(match ctx.get_raw(0) {
            ValueRef::Text(text) => Some(tag_of_schema_26(&String::from_utf8_lossy(text))),
            _ => None,
        })
    })
    .expect("the tag of schema 26");
    conn.execute_batch(
        "REINDEX events_event_tag; REINDEX events_device_seq; REINDEX events_entity;
         REINDEX events_subject; PRAGMA user_version = 26;",
    )
    .expect("the indexes of schema 26");
    let ids = event_ids(conn);
    assert!(ids.len() > 5);
    let old: Vec<(i64, i64)> = ids.iter().map(|(seq, id)| (*seq, tag_of_schema_26(id))).collect();
    assert_eq!(indexed_event_tags(conn), old);
    drop(o.store);

    let store = Store::open(&path).expect("migrate");
    let conn = store.raw_connection();
    // Each row is indexed by its id's first 5 bytes and last 3, in the order the rows were
    // made, and found by it; the indexes agree with the envelopes.
    let new: Vec<(i64, i64)> = ids
        .iter()
        .map(|(seq, id)| {
            let key = uuid::Uuid::parse_str(id).expect("a UUID");
            let b = key.as_bytes();
            (*seq, i64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[13], b[14], b[15]]))
        })
        .collect();
    assert_eq!(indexed_event_tags(conn), new);
    assert_ne!(new, old);
    let found: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM events e WHERE EXISTS (SELECT 1 FROM events f
                 WHERE f.event_tag = id_tag(envelope_json(e.body) ->> '$.event_id')
                   AND f.event_key = e.event_key AND f.seq = e.seq)",
            [],
            |r| r.get(0),
        )
        .expect("found");
    assert_eq!(found, ids.len() as i64);
    let check: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity check");
    assert_eq!(check, "ok");
    assert_eq!(version(conn).expect("version"), latest_version());
}

/// A new office with one family registered (its log holds a change of several records).
fn office_with_a_family() -> common::TestOffice {
    let mut o = common::office();
    let admin = o.admin.clone();
    o.store
        .register_family(
            &common::ctx(&admin),
            &common::example_family(),
            otau_store::Duplicates::Refuse,
        )
        .expect("register");
    o
}

/// The tag of an id as schema 26 kept it: a UUID's last 8 bytes, or the first 8 of any other
/// id's SHA-256.
fn tag_of_schema_26(id: &str) -> i64 {
    use sha2::Digest;
    let mut tag = [0; 8];
    match uuid::Uuid::try_parse(id) {
        Ok(key) if key.hyphenated().to_string() == id => tag.copy_from_slice(&key.as_bytes()[8..]),
        _ => tag.copy_from_slice(&sha2::Sha256::digest(id.as_bytes())[..8]),
    }
    i64::from_be_bytes(tag)
}

/// Each row of the log and its event's id, read from the envelope.
fn event_ids(conn: &rusqlite::Connection) -> Vec<(i64, String)> {
    conn.prepare("SELECT seq, envelope_json(body) ->> '$.event_id' FROM events ORDER BY seq")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("ids")
}

/// Each row of the log and its tag as `events_event_tag` holds it (read from the index alone).
fn indexed_event_tags(conn: &rusqlite::Connection) -> Vec<(i64, i64)> {
    let mut tags: Vec<(i64, i64)> = conn
        .prepare("SELECT seq, event_tag FROM events INDEXED BY events_event_tag WHERE event_tag IS NOT NULL")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("tags");
    tags.sort();
    tags
}

/// The indexes of the event log, by name.
fn log_indexes(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY 1",
    )
    .expect("prepare")
    .query_map([], |r| r.get(0))
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("names")
}

/// The SHA-256 of every migration that has landed, over its exact bytes. A landed migration is
/// never edited: databases in the field have run it, and an edit would leave them with another
/// schema than a new database gets.
///
/// To add a migration: write `migrations/NNNN_name.sql` with the next number, add its
/// `include_str!` at the end of `schema::MIGRATIONS`, and add its line here (this test names
/// the hash to write). Never change a line that is here.
const LANDED: &[(&str, &str)] = &[
    ("0001_foundation.sql", "13c4c53e965cdc3543bbf470657bca8d3c8eb7097c0b2eec982eb351f5b46675"),
    ("0002_casework.sql", "30af8baa2e1ba4860ef471c84ebeb68ef57cd4dd65b13d712bc6ecd67f22d2f5"),
    ("0003_documents.sql", "00fcba7341b066b2cda45c08956a57ff518cd1d0fb433cd078edcf9ec1cb152b"),
    ("0004_subsidies.sql", "45240c114a262fbe97dc081d36a48fda11f235b593234ad7c13dba35d02d012b"),
    ("0005_sync.sql", "afa3926ed660d5142a6e7f763be218379c057bb8022bae7e3eea690805369651"),
    ("0006_packets.sql", "258c6137d80703748feac50a74f7e2f01ae332ec67c466526ad3914d61dcf0fc"),
    ("0007_search.sql", "b4a0ef64961021c0690339b820fdf69775535f32c443c4350537ec34a86b52ac"),
    (
        "0008_payments_across_offices.sql",
        "451d5448bf328b692a6c5f9029d953f8b88bb1fadcd7eec4dc19a344e298114f",
    ),
    (
        "0009_summary_indexes.sql",
        "964de2c1491fd0058a3c8eeabc940c68f0b53daa9459916cea43540a34714196",
    ),
    (
        "0010_append_only_guards.sql",
        "6d9477ee93761c6230222b6b89601a35f3bae9876c43f33eb4ecabf1865e9937",
    ),
    ("0011_sign_ins.sql", "d3f7349b2e11dbe9f2062e4803da591c186617efa2cb0216d91ac0671b4b70cc"),
    (
        "0012_sealed_document_numbers.sql",
        "32be7de323dff10d01b1bec1d169cf5500ecec8e70a35e6dfb385aa283941fcd",
    ),
    (
        "0013_audit_checkpoints_and_access_log.sql",
        "81fd7114b34324e7f651bcbbb0eebed928d39eee3b1002a89a15a2ff91b1d9d3",
    ),
    (
        "0014_consent_terms_and_withdrawals.sql",
        "56598225e5daedea44bf16b050c833efb97d3538994ba75faf6f6f3c866e7842",
    ),
    (
        "0015_sealed_signing_keys.sql",
        "9d81e68b6b3c3bfd560b7285fd63dc5a9f9e77261da5d0865e8257a8bbad2878",
    ),
    (
        "0016_password_set_by.sql",
        "2b2b1420f1f705d3045de171130e28b70162f3c3dc00c00a2fabbf48ab773674",
    ),
    (
        "0017_state_row_counts.sql",
        "e75c3fcf42fd683dee527a679ae066baa4df17e59f493b30d25fb4336c94749b",
    ),
    ("0018_document_scans.sql", "f9dd496839e6ba99d0a899e58813fa82b07bdc85c20f1ce79ab4ddabb4607069"),
    (
        "0019_device_settings.sql",
        "9362bf43bf72ac0de36692822cfe3efcb91252c1e3d260d3884a3517528fe289",
    ),
    (
        "0020_compact_event_log.sql",
        "6343af5fc1967bc891df05b97514c0a106c8eeb4700047edbf82dd2baadb3f76",
    ),
    (
        "0021_compact_event_log_in_place.sql",
        "9a1cf594878ac9ed6b2b6635cc61468e4ca5134825efa19aae8254dfeb4ed913",
    ),
    (
        "0022_event_log_keys_as_bytes.sql",
        "96718d369945a47ba9d5defaf4f32b3816a66422f9def287315870b10f4c5911",
    ),
    (
        "0023_office_envelope_dictionaries.sql",
        "cb47b4ff77def967542d2c3f2ffa640df5d27fe7b8f0f2ad108d93900c1accc2",
    ),
    (
        "0024_event_log_indexed_by_tags.sql",
        "fdcb8c895f0a044ac8dcaee7d51d2f88299105423ade6942ea83f947a2e0c87e",
    ),
    (
        "0025_search_index_by_column.sql",
        "9fbbf01f1994a3aaf69c6ebc97a259d969a1122621ccb698ed8ce09f8b5c4e42",
    ),
    (
        "0026_finished_variant_keys.sql",
        "ec43e34529371599b6e691986a562d25a0f861c036f7527c7a78c4779eb0fac1",
    ),
    (
        "0027_event_log_tags_in_time_order.sql",
        "a2feac764571897463d58a5b1d932c21a8d2cec142839292f2da3a358e2a0604",
    ),
];

#[test]
fn landed_migrations_are_never_edited() {
    use sha2::{Digest, Sha256};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("migrations folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect();
    files.sort();
    let mut problems = vec![];
    for (i, name) in files.iter().enumerate() {
        let bytes = std::fs::read(dir.join(name)).expect("readable migration");
        let hash = hex::encode(Sha256::digest(&bytes));
        match LANDED.iter().find(|(landed, _)| landed == name) {
            Some((_, expected)) if *expected == hash => {}
            Some(_) => problems.push(format!(
                "{name} was edited after it landed: restore it and put the change in a new \
                 migration"
            )),
            None => problems.push(format!(
                "{name} is new: add (\"{name}\", \"{hash}\") to LANDED in tests/migrations.rs"
            )),
        }
        let applied = otau_store::schema::MIGRATIONS.get(i).copied().unwrap_or_default();
        if applied.as_bytes() != bytes.as_slice() {
            problems.push(format!("{name} is not migration {} of schema::MIGRATIONS", i + 1));
        }
    }
    for (landed, _) in LANDED {
        if !files.iter().any(|f| f == landed) {
            problems.push(format!("{landed} landed and was removed"));
        }
    }
    assert_eq!(files.len(), otau_store::schema::MIGRATIONS.len(), "every file is applied");
    assert!(problems.is_empty(), "{problems:#?}");
}
