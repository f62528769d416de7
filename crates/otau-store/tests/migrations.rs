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
        "audit",
        "consents",
        "device",
        "documents",
        "families",
        "mci_rows",
        "offices",
        "outbox",
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
