//! The one way to write: state and its events together or not at all; the event log append-only;
//! gapless device sequence; the hash chain; the envelope of an event.

mod common;

use common::*;
use otau_store::{Duplicates, StoreError};

#[test]
fn registering_writes_state_and_events_together() {
    let mut o = office();
    let before = o.counts();
    let clerk = o.clerk("aigerim");
    let reg = o
        .store
        .register_family(&ctx(&clerk), &example_family(), Duplicates::Refuse)
        .expect("register");
    assert_eq!(reg.members.len(), 3);
    let after = o.counts();
    // 1 family + 3 persons + 3 documents + 3 consent rows (two consents, the child's reason)
    // = 10 records; the user added = 1 more, and their password on this device one more,
    // which is logged but never sent.
    assert_eq!(after.0 - before.0, 1);
    assert_eq!(after.1 - before.1, 3);
    assert_eq!(after.2 - before.2, 12, "one event per record written");
    assert_eq!(after.3 - before.3, 11, "one event for the centre per record but the password");
    let login: String = o
        .store
        .raw_connection()
        .query_row(
            "SELECT envelope_json(body) ->> '$.actor.login' FROM events ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("last event");
    assert_eq!(login, "aigerim", "the audit names the signed-in user");
}

/// Installs a temporary trigger that makes inserts into `table` fail, as a full disk or a bug
/// half-way through a change would.
fn fail_inserts_into(o: &TestOffice, table: &str) {
    o.store
        .raw_connection()
        .execute_batch(&format!(
            "CREATE TEMP TRIGGER injected_failure BEFORE INSERT ON main.{table}
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ))
        .expect("install failure");
}

#[test]
fn a_failure_half_way_leaves_none_of_state_or_events() {
    for table in ["families", "persons", "documents", "events", "name_words"] {
        let mut o = office();
        let before = o.counts();
        let search_before: i64 = o
            .store
            .raw_connection()
            .query_row("SELECT COUNT(*) FROM name_words", [], |r| r.get(0))
            .expect("count");
        fail_inserts_into(&o, table);
        let admin = o.admin.clone();
        let err = o
            .store
            .register_family(&ctx(&admin), &example_family(), Duplicates::Refuse)
            .expect_err("the injected failure must surface");
        assert!(matches!(err, StoreError::Sqlite(_)), "{table}: {err:?}");
        assert_eq!(o.counts(), before, "failure in {table} left partial writes");
        let search_after: i64 = o
            .store
            .raw_connection()
            .query_row("SELECT COUNT(*) FROM name_words", [], |r| r.get(0))
            .expect("count");
        assert_eq!(search_after, search_before, "failure in {table} left search rows");
        // Once the cause is gone, the same registration succeeds and the sequence has no gap.
        o.store.raw_connection().execute_batch("DROP TRIGGER temp.injected_failure").expect("drop");
        o.store
            .register_family(&ctx(&admin), &example_family(), Duplicates::Refuse)
            .expect("register after the failure");
        assert_outbox_gapless(&o);
    }
}

fn assert_outbox_gapless(o: &TestOffice) {
    let seqs: Vec<i64> = o
        .store
        .raw_connection()
        .prepare("SELECT device_seq FROM events WHERE origin = 'local' ORDER BY device_seq")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let expected: Vec<i64> = (1..=seqs.len() as i64).collect();
    assert_eq!(seqs, expected);
}

#[test]
fn the_event_log_refuses_update_delete_and_replace() {
    let o = office();
    let conn = o.store.raw_connection();
    for sql in [
        "UPDATE events SET body = envelope_body('{}')",
        "DELETE FROM events",
        "DELETE FROM events WHERE seq = 1",
        "INSERT OR REPLACE INTO events (seq, origin, body, chain_hash)
         SELECT seq, origin, body, chain_hash FROM events WHERE seq = 1",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn events_carry_the_whole_envelope() {
    let mut o = office();
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    let regno = o.store.find("Сейітқали", 1).expect("find")[0].regno.clone();
    let mut person = o.store.person(&regno).expect("person").as_input();
    person.phone = Some("+77020000000".into());
    o.store.edit_person(&ctx(&admin), &regno, &person, 1, "new number").expect("edit");
    let envelopes: Vec<String> = o
        .store
        .raw_connection()
        .prepare(
            "SELECT envelope_json(body) FROM events
             WHERE envelope_json(body) ->> '$.entity' = 'person' AND origin = 'local' ORDER BY seq",
        )
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    // What the log keeps is the canonical text the hash and the chain are computed over.
    let parse = |text: &String| {
        let value: serde_json::Value = serde_json::from_str(text).expect("json envelope");
        assert_eq!(&otau_core::canonical::canonical_json(&value), text, "canonical");
        value
    };
    let inserted = parse(&envelopes[0]);
    assert_eq!(inserted["op"], "insert");
    assert_eq!(inserted["base_version"], 0);
    assert_eq!(inserted["after"]["surname"], "Сейітқали");
    assert_eq!(inserted["actor"]["login"], "admin");
    assert_eq!(inserted["office"], "PVL01");
    assert_eq!(inserted["wire"], 1);
    assert!(inserted.get("before").is_none());
    // The three persons of one registration are one change.
    let second = parse(&envelopes[1]);
    assert_eq!(inserted["change_id"], second["change_id"]);
    assert_ne!(inserted["event_id"], second["event_id"]);

    let edited = parse(envelopes.last().expect("the edit"));
    assert_eq!(edited["op"], "update");
    assert_eq!(edited["action"], "person.edit");
    assert_eq!(edited["reason"], "new number");
    assert_eq!(edited["base_version"], 1);
    assert_eq!(edited["before"], serde_json::json!({"phone": "+77015551234"}));
    assert_eq!(edited["after"], serde_json::json!({"phone": "+77020000000"}));
    assert_ne!(edited["change_id"], inserted["change_id"]);
}

#[test]
fn password_hashes_never_reach_an_event() {
    let mut o = office();
    o.clerk("dana");
    let leaked: i64 = o
        .store
        .raw_connection()
        .query_row(
            "SELECT COUNT(*) FROM events
             WHERE envelope_json(body) LIKE '%argon2%' OR envelope_json(body) LIKE '%password_hash%'
                OR envelope_json(body) LIKE '%redacted%'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(leaked, 0);
}

#[test]
fn the_audit_chain_shows_a_changed_or_removed_row() {
    let mut o = office();
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    let report = o.store.verify_audit_chain().expect("verify");
    assert_eq!(report.first_broken_seq, None);
    assert!(report.rows > 5);

    // Someone with the SQLite shell drops the trigger and edits a row.
    let conn = o.store.raw_connection();
    conn.execute_batch(
        "DROP TRIGGER events_no_update;
         UPDATE events
         SET body = envelope_body(replace(envelope_json(body), 'Сейітқали', 'Сейтқали'))
         WHERE envelope_json(body) LIKE '%Сейітқали%';",
    )
    .expect("tamper");
    assert!(conn.changes() >= 1, "the tampering changed a row");
    let first_changed: i64 = conn
        .query_row(
            "SELECT MIN(seq) FROM events WHERE envelope_json(body) LIKE '%Сейтқали%'",
            [],
            |r| r.get(0),
        )
        .expect("seq");
    let report = o.store.verify_audit_chain().expect("verify");
    assert_eq!(report.first_broken_seq, Some(first_changed));
}

#[test]
fn a_removed_audit_row_shows() {
    let mut o = office();
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    o.store
        .raw_connection()
        .execute_batch(
            "PRAGMA foreign_keys = OFF; DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 3;",
        )
        .expect("tamper");
    let report = o.store.verify_audit_chain().expect("verify");
    assert_eq!(report.first_broken_seq, Some(4));
}

#[test]
fn the_logs_lookups_by_an_id_go_down_its_indexes_of_8_byte_tags() {
    let mut o = office();
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    let conn = o.store.raw_connection();
    for (sql, index) in [
        (
            "SELECT seq FROM events WHERE event_tag = id_tag(?1) AND event_key = id_key(?1)",
            "events_event_tag",
        ),
        (
            "SELECT seq FROM events WHERE entity_tag = id_tag(?1) AND entity_key = id_key(?1)",
            "events_entity",
        ),
        (
            "SELECT seq FROM events WHERE subject_tag IN (id_tag(?1), id_tag(?2))
             AND subject_key IN (id_key(?1), id_key(?2))
             AND subject_key <> entity_key AND origin <> 'private'",
            "events_subject",
        ),
        (
            "SELECT seq FROM events WHERE device_tag = id_tag(?1) AND device_key = id_key(?1)
             AND device_seq > ?2 ORDER BY device_seq",
            "events_device_seq",
        ),
    ] {
        let mut explain = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect("plan");
        let unbound = vec![rusqlite::types::Null; explain.parameter_count()];
        let plan: Vec<String> = explain
            .query_map(rusqlite::params_from_iter(unbound), |r| r.get(3))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert!(plan.iter().any(|step| step.contains(index)), "{sql}: {plan:?}");
    }
    // Every event's key is the 16 bytes of its UUID, and each key reads back as the envelope's
    // id (a record's id that is no UUID, as a reference row's, stays its text); the indexes hold
    // its first 5 bytes (the top of a UUID v7's time) and its last 3 as an integer (0027).
    let (rows, keyed): (i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), SUM(length(event_key) = 16
                                  AND id_text(event_key) = envelope_json(body) ->> '$.event_id'
                                  AND id_text(entity_key) = envelope_json(body) ->> '$.entity_id'
                                  AND typeof(event_tag) = 'integer'
                                  AND event_tag = id_tag(id_text(event_key))
                                  AND hex(substr(event_key, 1, 5)) || hex(substr(event_key, 14))
                                      = printf('%016X', event_tag))
             FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("keys");
    assert!(rows > 5);
    assert_eq!(keyed, rows);
    // No index is unique any more: the log still refuses a second row of an event.
    let again = conn.execute(
        "INSERT INTO events (origin, body, chain_hash)
         SELECT origin, body, chain_hash FROM events WHERE seq = 3",
        [],
    );
    let refused = again.expect_err("an event's second row");
    assert!(refused.to_string().contains("append-only"), "{refused}");

    // A person's history is every row whose subject is them or their family, read from the
    // envelopes themselves: their own records' rows through the entity's index, the rest
    // through the subject's.
    let person = o.store.find("Сейітқали", 1).expect("find")[0].regno.clone();
    let view = o.store.person(&person).expect("person");
    let expected: Vec<i64> = conn
        .prepare(
            "SELECT seq FROM events WHERE envelope_json(body) ->> '$.subject_id' IN (?1, ?2)
             AND origin <> 'private' ORDER BY seq",
        )
        .expect("prepare")
        .query_map([view.person.id.to_string(), view.person.family_id.to_string()], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let history: Vec<i64> =
        o.store.audit_for(&person).expect("history").iter().map(|e| e.seq).collect();
    assert!(expected.len() >= 3, "{expected:?}");
    assert_eq!(history, expected);
}

#[test]
fn a_users_events_are_compressed_with_the_offices_own_dictionary_once_they_are_added() {
    let mut o = office();
    let clerk = o.clerk("aigerim");
    o.store.register_family(&ctx(&clerk), &example_family(), Duplicates::Refuse).expect("register");
    let conn = o.store.raw_connection();
    // The office's dictionaries: a newer one holds the clerk added since the first.
    let words: Vec<String> = conn
        .prepare("SELECT words FROM envelope_dictionaries ORDER BY n")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("words");
    assert!(words.len() >= 2, "{words:?}");
    assert!(!words[0].contains("aigerim"), "{words:?}");
    let newest = words.last().map(String::as_str).unwrap_or_default();
    assert!(newest.contains(r#""actor":{"login":"aigerim","user_id":""#), "{newest}");
    assert!(newest.contains(r#""device_id":""#) && newest.contains(r#""office":"PVL01""#));
    // The clerk's events: each frame smaller, by the ids it no longer spells out, than the
    // built-in dictionary alone makes it, and each unpacks to its text.
    let (rows, own, built_in): (i64, i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), SUM(length(body)), SUM(length(envelope_body(envelope_json(body))))
             FROM events WHERE envelope_json(body) ->> '$.actor.login' = 'aigerim'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the clerk's events");
    assert!(rows >= 10, "{rows}");
    assert!(own + 20 * rows <= built_in, "{own} bytes for {rows} frames, {built_in} built in");
    // Frames of every dictionary in the log hold the chain, the checkpoints and the replay.
    let report = o.store.verify_audit(at()).expect("verify");
    assert!(report.is_clean(), "{:?}", report.findings);
    assert!(o.store.audit_for(&reg_head(&o)).expect("history").len() > 1);
}

/// The registration number of the newest family's head.
fn reg_head(o: &TestOffice) -> String {
    o.store
        .raw_connection()
        .query_row(
            "SELECT regno FROM persons WHERE relation = 'head' ORDER BY rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a head")
}
