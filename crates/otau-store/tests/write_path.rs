//! The one way to write: state, audit and outbox together or not at all; append-only tables;
//! gapless device sequence; the audit hash chain.

mod common;

use common::*;
use otau_store::{Duplicates, StoreError};

#[test]
fn registering_writes_state_audit_and_outbox_together() {
    let mut o = office();
    let before = o.counts();
    let clerk = o.clerk("aigerim");
    let reg = o
        .store
        .register_family(&ctx(&clerk), &example_family(), Duplicates::Refuse)
        .expect("register");
    assert_eq!(reg.members.len(), 3);
    let after = o.counts();
    // 1 family + 3 persons + 3 documents = 7 records; the user added = 1 more.
    assert_eq!(after.0 - before.0, 1);
    assert_eq!(after.1 - before.1, 3);
    assert_eq!(after.2 - before.2, 8, "one audit row per record written");
    assert_eq!(after.3 - before.3, 8, "one outbox event per record written");
    let login: String = o
        .store
        .raw_connection()
        .query_row("SELECT user_login FROM audit ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .expect("last audit row");
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
fn a_failure_half_way_leaves_none_of_state_audit_or_outbox() {
    for table in ["families", "persons", "documents", "audit", "outbox", "person_name_keys"] {
        let mut o = office();
        let before = o.counts();
        let search_before: i64 = o
            .store
            .raw_connection()
            .query_row("SELECT COUNT(*) FROM person_name_keys", [], |r| r.get(0))
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
            .query_row("SELECT COUNT(*) FROM person_name_keys", [], |r| r.get(0))
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
        .prepare("SELECT device_seq FROM outbox ORDER BY device_seq")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let expected: Vec<i64> = (1..=seqs.len() as i64).collect();
    assert_eq!(seqs, expected);
}

#[test]
fn audit_and_outbox_refuse_update_and_delete() {
    let o = office();
    let conn = o.store.raw_connection();
    for sql in [
        "UPDATE audit SET user_login = 'someone-else'",
        "DELETE FROM audit",
        "UPDATE outbox SET payload = '{}'",
        "DELETE FROM outbox WHERE device_seq = 1",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn outbox_events_name_fields_and_base_version() {
    let mut o = office();
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    let (base, version, fields, payload): (i64, i64, String, String) = o
        .store
        .raw_connection()
        .query_row(
            "SELECT base_version, new_version, fields, payload FROM outbox
             WHERE entity = 'person' ORDER BY device_seq LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("person event");
    assert_eq!((base, version), (0, 1));
    assert!(fields.contains("\"surname\"") && fields.contains("\"iin\""), "{fields}");
    let payload: serde_json::Value = serde_json::from_str(&payload).expect("json payload");
    assert_eq!(payload["values"]["surname"], "Сейітқали");
    assert_eq!(payload["op"], "insert");
}

#[test]
fn password_hashes_never_reach_the_audit_or_the_outbox() {
    let mut o = office();
    o.clerk("dana");
    let leaked: i64 = o
        .store
        .raw_connection()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM audit WHERE after_json LIKE '%argon2%')
                  + (SELECT COUNT(*) FROM outbox WHERE payload LIKE '%argon2%')",
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
        "DROP TRIGGER audit_no_update;
         UPDATE audit SET after_json = replace(after_json, 'Сейітқали', 'Сейтқали')
         WHERE after_json LIKE '%Сейітқали%';",
    )
    .expect("tamper");
    assert!(conn.changes() >= 1, "the tampering changed a row");
    let first_changed: i64 = conn
        .query_row(
            "SELECT MIN(seq) FROM audit WHERE after_json LIKE '%Сейтқали%'",
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
            "PRAGMA foreign_keys = OFF; DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3;",
        )
        .expect("tamper");
    let report = o.store.verify_audit_chain().expect("verify");
    assert_eq!(report.first_broken_seq, Some(4));
}
