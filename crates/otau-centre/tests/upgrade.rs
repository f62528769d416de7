//! A centre that held events before it kept families and payments: opening it reads them again,
//! so one family paid the relocation subsidy in two offices before the upgrade is a case after
//! it, handed to both offices.

use otau_centre::storage::sqlite::{SqliteStorage, MIGRATIONS};
use otau_centre::Storage;
use otau_sync::{Actor, Envelope, Op, SignedEvent};
use rusqlite::{params, Connection};
use rusqlite_migration::{Migrations, M};
use serde_json::{json, Value};
use uuid::Uuid;

/// An event a centre accepted before 0004, with its person keys (as 0003 kept them).
struct Held {
    office: &'static str,
    seq: i64,
    device: String,
    event_id: String,
    hash: String,
    event: String,
    accepted_at: String,
    keys: Vec<(String, String)>,
}

fn held(office: &'static str, seq: i64, entity: &str, id: Uuid, after: Value) -> Held {
    let e = Envelope {
        wire: 1,
        event_id: Uuid::now_v7(),
        change_id: Uuid::now_v7(),
        office: office.into(),
        device_id: Uuid::from_u128(seq as u128),
        device_seq: seq,
        at: "2026-12-01T10:00:00.000Z".into(),
        actor: Actor { user_id: None, login: "a".into() },
        action: format!("{entity}.add"),
        reason: None,
        entity: entity.into(),
        entity_id: id,
        subject_id: None,
        op: Op::Insert,
        base_version: 0,
        before: Default::default(),
        after: after.as_object().cloned().unwrap_or_default(),
    };
    let signed = SignedEvent::seal(&e).expect("sealed");
    Held {
        office,
        seq,
        device: e.device_id.to_string(),
        event_id: e.event_id.to_string(),
        hash: signed.hash.clone(),
        event: signed.event.to_string(),
        accepted_at: format!("2026-12-0{seq}T10:00:00.000Z"),
        keys: otau_centre::crossing::person_keys(&e)
            .into_iter()
            .map(|k| (k.key, k.person.to_string()))
            .collect(),
    }
}

/// A family of one, paid the relocation subsidy, in `office` (its events from `seq`).
fn paid_family(office: &'static str, seq: i64, regno: &str) -> Vec<Held> {
    let (family, head, entry) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    vec![
        held(office, seq, "family", family, json!({"regno": regno})),
        held(
            office,
            seq + 1,
            "person",
            head,
            json!({"family_id": family.to_string(), "relation": "head", "iin": "840302307707",
                "surname": "Қасымов", "given_name": "Ержан", "birth_date": "1984-03-02"}),
        ),
        held(
            office,
            seq + 2,
            "ledger_entry",
            entry,
            json!({"kind": "paid", "subsidy_kind": "relocation", "line_id": entry.to_string(),
                "family_id": family.to_string(), "amount_tiyn": 30_275_000,
                "paid_on": "2026-12-01"}),
        ),
    ]
}

/// Two offices, each paid the same family, as held before the upgrade.
fn history() -> Vec<Held> {
    let mut all = paid_family("PVL01", 1, "PVL01-2026-00001");
    all.extend(paid_family("AKM01", 4, "AKM01-2026-00001"));
    all
}

fn check(storage: &dyn Storage, runtime: &tokio::runtime::Runtime) {
    let cases = runtime.block_on(storage.payment_cases()).expect("cases");
    assert_eq!(cases.len(), 1, "{cases:#?}");
    assert_eq!((cases[0].office_a.as_str(), cases[0].office_b.as_str()), ("PVL01", "AKM01"));
    assert_eq!(cases[0].found_at, "2026-12-06T10:00:00.000Z", "as of the completing event");
    let (items, _) = runtime.block_on(storage.reference("PVL01", 0, 100)).expect("reference");
    let handed: Vec<_> = items.iter().filter(|i| i.kind == "payment_duplicate").collect();
    assert_eq!(handed.len(), 1);
    let record: Value = serde_json::from_str(handed[0].record.get()).expect("json");
    assert_eq!(record["other"]["regno"], "AKM01-2026-00001");
    assert_eq!(record["here"]["head"], "Қасымов Ержан");
}

#[test]
fn a_family_paid_twice_before_the_upgrade_is_a_case_after_it_on_sqlite() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("centre.sqlite");
    {
        let mut conn = Connection::open(&path).expect("open");
        Migrations::new(MIGRATIONS[..3].iter().map(|s| M::up(s)).collect())
            .to_latest(&mut conn)
            .expect("the schema before payments");
        for code in ["PVL01", "AKM01"] {
            conn.execute(
                "INSERT INTO offices (code, name, region, created_at) VALUES (?1, ?1, 'KZ-55', '')",
                [code],
            )
            .expect("office");
        }
        for h in history() {
            conn.execute(
                "INSERT INTO events (office, server_seq, device_id, device_seq, event_id, hash,
                     event, verdict, accepted_at)
                 VALUES (?1, ?2, ?3, ?2, ?4, ?5, ?6, '{}', ?7)",
                params![h.office, h.seq, h.device, h.event_id, h.hash, h.event, h.accepted_at],
            )
            .expect("event");
            for (key, person) in &h.keys {
                conn.execute(
                    "INSERT INTO person_keys (key, office, person_id) VALUES (?1, ?2, ?3)",
                    params![key, h.office, person],
                )
                .expect("key");
            }
        }
    }
    let storage = SqliteStorage::open(&path).expect("upgraded");
    check(&storage, &tokio::runtime::Runtime::new().expect("runtime"));
}

#[test]
fn a_family_paid_twice_before_the_upgrade_is_a_case_after_it_on_postgres() {
    use otau_centre::storage::postgres::{PgStorage, MIGRATIONS as PG};
    let pg = otau_centre::pg_temp::PgServer::start();
    let url = pg.create("centre", None);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let (client, connection) =
            tokio_postgres::connect(&url, tokio_postgres::NoTls).await.expect("connect");
        tokio::spawn(connection);
        client
            .batch_execute("CREATE TABLE schema_version (version BIGINT NOT NULL)")
            .await
            .expect("versions");
        for (i, sql) in PG[..3].iter().enumerate() {
            client.batch_execute(sql).await.expect("migration");
            let version = i as i64 + 1;
            client
                .execute("INSERT INTO schema_version (version) VALUES ($1)", &[&version])
                .await
                .expect("version");
        }
        for code in ["PVL01", "AKM01"] {
            client
                .execute(
                    "INSERT INTO offices (code, name, region, created_at) VALUES ($1, $1, 'KZ-55', '')",
                    &[&code],
                )
                .await
                .expect("office");
        }
        for h in history() {
            client
                .execute(
                    "INSERT INTO events (office, server_seq, device_id, device_seq, event_id, hash,
                         event, verdict, accepted_at)
                     VALUES ($1, $2, $3, $2, $4, $5, $6, '{}', $7)",
                    &[&h.office, &h.seq, &h.device, &h.event_id, &h.hash, &h.event, &h.accepted_at],
                )
                .await
                .expect("event");
            for (key, person) in &h.keys {
                client
                    .execute(
                        "INSERT INTO person_keys (key, office, person_id) VALUES ($1, $2, $3)",
                        &[key, &h.office, person],
                    )
                    .await
                    .expect("key");
            }
        }
    });
    let storage = runtime.block_on(PgStorage::connect(&url)).expect("upgraded");
    check(&storage, &runtime);
}
