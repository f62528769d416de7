//! `sync`: events per second pushed to and pulled from a real centre over loopback HTTPS, on
//! SQLite and on PostgreSQL, each beside a baseline in the same run: the same rows inserted into
//! (and read from) the centre's `events` table directly, in the same batches, with no HTTP, no
//! hashing and no merge verdict.
//!
//! Run: `cargo run --release -p otau-bench --bin sync -- --events 100000`
//!
//! The events are a registration day's mix from one device: persons inserted (every column, as
//! the office's outbox writes them) and, for every fourth one, a correction of a phone number.
//! They are sealed before the clock starts (a device seals as it writes). A push is `--batch`
//! events in one request and one transaction; a pull is pages of `--page` entries read by a
//! second device of the office, each page parsed into the protocol's types.
// Measurements (seconds, rates, MiB) are floating point; no money is computed here.
#![allow(clippy::disallowed_types)]

use clap::Parser;
use otau_centre::admin::Admin;
use otau_centre::pg_temp::PgServer;
use otau_centre::server::{Running, ServeOptions};
use otau_centre::Location;
use otau_sync::client::CentreClient;
use otau_sync::messages::{EnrolRequest, History};
use otau_sync::{Actor, Envelope, Op, SignedEvent};
use serde_json::json;
use std::time::Instant;
use uuid::Uuid;

#[derive(Parser)]
struct Args {
    /// Events to push and pull.
    #[arg(long, default_value_t = 100_000)]
    events: usize,
    /// Events per push request.
    #[arg(long, default_value_t = 1000)]
    batch: usize,
    /// Entries per pull page.
    #[arg(long, default_value_t = 1000)]
    page: u32,
    /// Which backends: sqlite, postgres or both.
    #[arg(long, default_value = "both")]
    backend: String,
}

struct Device {
    key: ed25519_dalek::SigningKey,
    client: CentreClient,
    id: Uuid,
}

fn enrol(admin: &Admin, url: &str, seed: u8, empty: bool) -> Device {
    let (code, _) = admin.enrol_code("PVL01", 1).expect("code");
    let key = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]);
    let pk = hex::encode(key.verifying_key().to_bytes());
    let req = EnrolRequest {
        code,
        device_id: None,
        device_name: format!("bench {seed}"),
        device_key: pk.clone(),
        document_key: pk,
        history: History { empty, numbers: vec![] },
    };
    let (enrolled, cert) = CentreClient::enrol(url, &req).expect("enrol");
    let mut client = CentreClient::new(url, cert).expect("client");
    client.open_session(enrolled.centre.id, enrolled.device_id, &key).expect("session");
    Device { key, client, id: enrolled.device_id }
}

fn events(device: Uuid, n: usize) -> Vec<SignedEvent> {
    let mut out = Vec::with_capacity(n);
    let mut persons: Vec<Uuid> = vec![];
    for seq in 1..=n as i64 {
        let (op, entity_id, before, after) = if seq % 4 == 0 && !persons.is_empty() {
            let p = persons[(seq as usize * 7919) % persons.len()];
            (
                Op::Update,
                p,
                json!({"phone": "+77015551234"}),
                json!({"phone": format!("+7702{seq:07}")}),
            )
        } else {
            let p = Uuid::now_v7();
            persons.push(p);
            (
                Op::Insert,
                p,
                json!({}),
                json!({"family_id": Uuid::now_v7(), "regno": format!("PVL01-2026-{seq:05}"), "relation": "head",
                    "surname": "Сейітқали", "given_name": "Нұрсұлтан", "patronymic": "Болатұлы",
                    "surname_latin": "SEIITKALI", "given_name_latin": "NURSULTAN", "patronymic_latin": null,
                    "birth_date": "1985-04-12", "sex": "male", "iin": null, "citizenship": "UZ",
                    "education": "higher", "phone": "+77015551234", "email": null}),
            )
        };
        let e = Envelope {
            wire: 1,
            event_id: Uuid::now_v7(),
            change_id: Uuid::now_v7(),
            office: "PVL01".into(),
            device_id: device,
            device_seq: seq,
            at: "2026-12-06T10:00:00.000Z".into(),
            actor: Actor { user_id: Some(Uuid::now_v7()), login: "aigerim".into() },
            action: if op == Op::Insert { "family.register".into() } else { "person.edit".into() },
            reason: None,
            entity: "person".into(),
            entity_id,
            subject_id: Some(entity_id),
            op,
            base_version: if op == Op::Insert { 0 } else { 1 },
            before: before.as_object().cloned().unwrap_or_default(),
            after: after.as_object().cloned().unwrap_or_default(),
        };
        out.push(SignedEvent::seal(&e).expect("seal"));
    }
    out
}

struct Figures {
    push: f64,
    pull: f64,
    base_insert: f64,
    base_select: f64,
}

fn rate(n: usize, t: Instant) -> f64 {
    n as f64 / t.elapsed().as_secs_f64()
}

fn measure(location: Location, args: &Args) -> Figures {
    let (admin, _) = Admin::init(&location, "Bench centre").expect("init");
    admin.add_office("PVL01", "Bench office", "KZ-55").expect("office");
    let running = Running::start(ServeOptions {
        location: location.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        insecure_http: false,
        block_size: 1000,
        page_bytes: otau_centre::http::MAX_PAGE_BYTES,
    })
    .expect("serve");
    let url = running.url(false);
    let a = enrol(&admin, &url, 1, false);
    let b = enrol(&admin, &url, 2, true);
    let all = events(a.id, args.events);

    let t = Instant::now();
    for chunk in all.chunks(args.batch) {
        let r = a.client.push(chunk).expect("push");
        assert_eq!(r.results.len(), chunk.len());
    }
    let push = rate(all.len(), t);

    let t = Instant::now();
    let mut cursor = 0;
    let mut pulled = 0;
    loop {
        let page = b.client.pull(cursor, args.page).expect("pull");
        let Some(last) = page.entries.last() else { break };
        cursor = last.server_seq;
        pulled += page.entries.len();
    }
    let pull = rate(pulled, t);
    assert_eq!(pulled, all.len());
    let _ = &a.key;
    drop(running);

    // Baseline: the same rows straight into the centre's table.
    let rows: Vec<(i64, String, String, String)> = all
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                i as i64 + 1,
                s.event["event_id"].as_str().unwrap_or_default().to_string(),
                s.hash.clone(),
                s.event.to_string(),
            )
        })
        .collect();
    let (base_insert, base_select) = match &location.database_url {
        None => baseline_sqlite(&location, &rows, args),
        Some(url) => baseline_postgres(url, &rows, args),
    };
    Figures { push, pull, base_insert, base_select }
}

fn baseline_sqlite(
    location: &Location,
    rows: &[(i64, String, String, String)],
    args: &Args,
) -> (f64, f64) {
    let path = location.data.join("baseline.sqlite");
    let mut conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
    conn.pragma_update(None, "synchronous", "FULL").expect("sync");
    conn.execute_batch(otau_centre::storage::sqlite::MIGRATIONS[0]).expect("schema");
    let t = Instant::now();
    for chunk in rows.chunks(args.batch) {
        let tx = conn.transaction().expect("tx");
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO events (office, server_seq, device_id, device_seq, event_id, hash, event, verdict, accepted_at)
                     VALUES ('PVL01', ?1, 'd', ?1, ?2, ?3, ?4, '{}', 'now')",
                )
                .expect("prepare");
            for (seq, id, hash, event) in chunk {
                stmt.execute(rusqlite::params![seq, id, hash, event]).expect("insert");
            }
        }
        tx.commit().expect("commit");
    }
    let insert = rate(rows.len(), t);
    let t = Instant::now();
    let mut cursor = 0i64;
    let mut n = 0;
    loop {
        let mut stmt = conn
            .prepare_cached("SELECT server_seq, event, hash, verdict FROM events WHERE office = 'PVL01' AND server_seq > ?1 ORDER BY server_seq LIMIT ?2")
            .expect("prepare");
        let page: Vec<(i64, String, String, String)> = stmt
            .query_map(rusqlite::params![cursor, args.page], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let Some(last) = page.last() else { break };
        cursor = last.0;
        n += page.len();
    }
    (insert, rate(n, t))
}

fn baseline_postgres(url: &str, rows: &[(i64, String, String, String)], args: &Args) -> (f64, f64) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let (mut client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("connect");
        tokio::spawn(conn);
        client.batch_execute("CREATE TABLE baseline (LIKE events INCLUDING ALL)").await.expect("table");
        let t = Instant::now();
        for chunk in rows.chunks(args.batch) {
            let tx = client.transaction().await.expect("tx");
            let seqs: Vec<i64> = chunk.iter().map(|r| r.0).collect();
            let ids: Vec<&str> = chunk.iter().map(|r| r.1.as_str()).collect();
            let hashes: Vec<&str> = chunk.iter().map(|r| r.2.as_str()).collect();
            let events: Vec<&str> = chunk.iter().map(|r| r.3.as_str()).collect();
            tx.execute(
                "INSERT INTO baseline (office, server_seq, device_id, device_seq, event_id, hash, event, verdict, accepted_at)
                 SELECT 'PVL01', s, 'd', s, i, h, e, '{}', 'now' FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[]) AS t(s, i, h, e)",
                &[&seqs, &ids, &hashes, &events],
            )
            .await
            .expect("insert");
            tx.commit().await.expect("commit");
        }
        let insert = rate(rows.len(), t);
        let t = Instant::now();
        let stmt = client
            .prepare("SELECT server_seq, event, hash, verdict FROM baseline WHERE office = 'PVL01' AND server_seq > $1 ORDER BY server_seq LIMIT $2")
            .await
            .expect("prepare");
        let (mut cursor, mut n) = (0i64, 0);
        loop {
            let page = client.query(&stmt, &[&cursor, &(args.page as i64)]).await.expect("query");
            let Some(last) = page.last() else { break };
            cursor = last.get(0);
            for r in &page {
                let _: (&str, &str, &str) = (r.get(1), r.get(2), r.get(3));
            }
            n += page.len();
        }
        (insert, rate(n, t))
    })
}

fn print(backend: &str, f: &Figures) {
    println!(
        "{backend:<9} push {:>9.0} events/s   baseline insert {:>9.0} rows/s  ({:.1}x)",
        f.push,
        f.base_insert,
        f.base_insert / f.push
    );
    println!(
        "{backend:<9} pull {:>9.0} events/s   baseline select {:>9.0} rows/s  ({:.1}x)",
        f.pull,
        f.base_select,
        f.base_select / f.pull
    );
}

fn main() {
    let args = Args::parse();
    println!(
        "{} events, {} per push, {} per pull page, over HTTPS on 127.0.0.1",
        args.events, args.batch, args.page
    );
    if matches!(args.backend.as_str(), "sqlite" | "both") {
        let dir = tempfile::tempdir().expect("dir");
        let f = measure(Location { data: dir.path().join("centre"), database_url: None }, &args);
        print("sqlite", &f);
    }
    if matches!(args.backend.as_str(), "postgres" | "both") {
        if otau_centre::pg_temp::bin_dir().is_none() {
            println!("postgres  skipped: PostgreSQL is not installed (apt-get install postgresql)");
            return;
        }
        let pg = PgServer::start();
        let url = pg.create("bench", None);
        let dir = tempfile::tempdir().expect("dir");
        let f =
            measure(Location { data: dir.path().join("centre"), database_url: Some(url) }, &args);
        print("postgres", &f);
    }
}
