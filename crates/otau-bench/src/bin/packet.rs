//! `packet`: a field office with no line carries its history to the centre on a stick. Prints,
//! beside a baseline in the same run, the time to write the device's packet, to import it at the
//! centre (SQLite; every event verified, merged and given its `server_seq`, as over HTTPS), to
//! write the centre's answer and to import it on the device. Baseline: the same events inserted
//! by bare SQL into a table of the centre's schema, in transactions of 5,000.
//!
//! Run: `cargo run --release -p otau-bench --bin packet -- --families 10500` (about 100,000
//! events). Goal: importing 100,000 events at the centre in under 10 s.
//!
//! With `--known-persons 1000000`, the same packet is also imported by a copy of the centre
//! that already holds the keys of that many persons of another office (IIN and folded name
//! with birth date; one arriving person in a hundred shares a key with one of them): the
//! difference, per arriving person, is the cross-office duplicate check at that size.
//! Baseline: the same keys looked up by bare SQL in the same table.
// Measurements (seconds, rates, MiB) are floating point; no money is computed here.
#![allow(clippy::disallowed_types)]
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

use chrono::{DateTime, NaiveDate, Utc};
use clap::Parser;
use otau_centre::admin::Admin;
use otau_centre::Location;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_store::context::Context;
use otau_store::{Duplicates, NewOffice, Store};
use std::collections::HashSet;
use std::time::Instant;

#[derive(Parser)]
struct Args {
    /// Families of the office (about 9.5 events each).
    #[arg(long, default_value_t = 10_500)]
    families: usize,
    /// Persons of another office the centre already holds (0: not measured).
    #[arg(long, default_value_t = 0)]
    known_persons: usize,
}

fn main() {
    let args = Args::parse();
    let at: DateTime<Utc> = Utc::now();
    let today: NaiveDate = at.date_naive();
    let dir = tempfile::tempdir().expect("dir");

    let mut store = Store::open(&dir.path().join("field.sqlite")).expect("open");
    store
        .init_office(
            at,
            &NewOffice {
                code: "AKM01".into(),
                name: "Ақмола".into(),
                region: "KZ-11".into(),
                admin_login: "admin".into(),
                admin_password: "admin-password".into(),
            },
            &MciTable::from_json(DEFAULT_MCI_JSON).expect("mci"),
        )
        .expect("init");
    let admin = store.sign_in("admin", "admin-password").expect("sign in");
    let ctx = Context::new(&admin, at, today);
    let mut used = HashSet::new();
    let families = otau_core::demo::families(2026, args.families, today, 0, &mut used);
    for chunk in families.chunks(500) {
        store.register_families(&ctx, chunk, Duplicates::Allow).expect("register");
    }
    let (families, persons) = store.counts().expect("counts");

    let location = Location { data: dir.path().join("centre"), database_url: None };
    let (centre, _) = Admin::init(&location, "Орталық").expect("centre");
    centre.add_office("AKM01", "Ақмола", "KZ-11").expect("office");
    let (code, _, card) = centre.enrol_card("AKM01", 1).expect("card");
    otau_device::packet::enrol_by_card(&mut store, at, &card, &code, "Field").expect("enrol");

    let t = Instant::now();
    let (bytes, written) = otau_device::packet::export(&mut store, at, today).expect("export");
    let export = t.elapsed().as_secs_f64();
    let events = written.events;
    println!(
        "office: {families} families, {persons} persons; packet of {events} events, {:.1} MiB",
        bytes.len() as f64 / (1024.0 * 1024.0)
    );

    let known = (args.known_persons > 0)
        .then(|| knowing_centre(&location, &store, args.known_persons, persons));

    let t = Instant::now();
    let imported = centre.packet_import(&bytes).expect("centre imports");
    let import = t.elapsed().as_secs_f64();
    assert_eq!(imported.accepted, events, "every event taken once");
    if let Some((known_location, keys)) = known {
        let knowing = Admin::open(&known_location).expect("copy opens");
        let t = Instant::now();
        let again = knowing.packet_import(&bytes).expect("the copy imports");
        let with_known = t.elapsed().as_secs_f64();
        assert_eq!(again.accepted, events);
        let cases = knowing.cross_cases().expect("cases").len();
        let bare = bare_lookups(&known_location.data.join("centre.sqlite"), &keys);
        let per = |s: f64| s * 1e6 / persons.max(1) as f64;
        println!(
            "duplicate check with {} persons of another office at the centre ({cases} cases found):",
            args.known_persons
        );
        println!(
            "  import {with_known:.2} s against {import:.2} s with none: {:.0} µs per arriving person; bare SQL lookup of the same keys: {:.0} µs per person",
            per(with_known - import),
            per(bare)
        );
    }

    let t = Instant::now();
    let (answer, out) =
        centre.packet_export(&imported.device_id.to_string()).expect("centre exports");
    let answer_export = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let report = otau_device::packet::import(&mut store, at, &answer, &mut |_, _| {})
        .expect("device imports");
    let answer_import = t.elapsed().as_secs_f64();
    assert_eq!(report.pushed, events, "every event acknowledged");
    assert_eq!(store.sync_status().expect("status").waiting, 0);

    let baseline = baseline_insert(&dir.path().join("baseline.sqlite"), &bytes, &store);

    let rate = |n: u32, s: f64| format!("{:.0}", f64::from(n) / s);
    println!("{:<52} {:>9} {:>11}", "", "seconds", "events/s");
    println!(
        "{:<52} {:>9.2} {:>11}",
        "device writes its packet (sealed, signed)",
        export,
        rate(events, export)
    );
    println!(
        "{:<52} {:>9.2} {:>11}",
        "centre imports it (verified, merged, stored)",
        import,
        rate(events, import)
    );
    println!(
        "{:<52} {:>9.2} {:>11}",
        format!("centre writes the answer ({} events, {} acks)", out.events, out.acknowledged),
        answer_export,
        rate(out.events, answer_export)
    );
    println!(
        "{:<52} {:>9.2} {:>11}",
        "device imports the answer",
        answer_import,
        rate(out.events, answer_import)
    );
    println!(
        "{:<52} {:>9.2} {:>11}",
        "baseline: bare SQL insert of the same events",
        baseline,
        rate(events, baseline)
    );
    println!("ratio centre import / baseline: {:.1}×", import / baseline);
}

/// A copy of the centre (same identity, same enrolled device) whose `person_keys` holds `known`
/// persons of office DEMO01; one arriving person in a hundred shares its keys with one of
/// them. Returns where it is and the keys of every arriving person.
fn knowing_centre(
    location: &Location,
    store: &Store,
    known: usize,
    arriving: i64,
) -> (Location, Vec<String>) {
    let to = location.data.with_file_name("centre-known");
    std::fs::create_dir_all(to.join("tls")).expect("folder");
    for file in ["centre.json", "centre.key", "tls/cert.pem", "tls/key.pem"] {
        std::fs::copy(location.data.join(file), to.join(file)).expect("copy");
    }
    let db = rusqlite::Connection::open(location.data.join("centre.sqlite")).expect("open");
    let copy = to.join("centre.sqlite");
    db.execute("VACUUM INTO ?1", [copy.to_str().expect("path")]).expect("copy the database");
    let keys: Vec<String> = store
        .outgoing(0, usize::MAX, usize::MAX)
        .expect("events")
        .iter()
        .filter_map(|e| e.verify().ok())
        .flat_map(|e| otau_centre::crossing::person_keys(&e))
        .map(|k| k.key)
        .collect();
    let mut conn = rusqlite::Connection::open(&copy).expect("open copy");
    let tx = conn.transaction().expect("tx");
    {
        let mut insert = tx
            .prepare("INSERT INTO person_keys (key, office, person_id) VALUES (?1, 'DEMO01', ?2)")
            .expect("prepare");
        for i in 0..known {
            let person = format!("00000000-0000-7000-8000-{i:012}");
            insert.execute([format!("iin:9{i:011}"), person.clone()]).expect("iin");
            insert.execute([format!("name:тестов нурлан {i}|1984-03-02"), person]).expect("name");
        }
        // One arriving person in a hundred is known there already.
        for (i, key) in keys.iter().enumerate().step_by(100) {
            let person = format!("00000000-0000-7000-9000-{i:012}");
            insert.execute([key.clone(), person]).expect("shared");
        }
    }
    tx.commit().expect("commit");
    println!("centre copy knows {known} persons of DEMO01; {arriving} persons arrive");
    (Location { data: to, database_url: None }, keys)
}

/// Looks up every key of the arriving persons in `person_keys` by bare SQL; seconds.
fn bare_lookups(db: &std::path::Path, keys: &[String]) -> f64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT office, person_id FROM person_keys WHERE key = ?1 AND office <> 'AKM01'")
        .expect("prepare");
    let t = Instant::now();
    let mut found = 0;
    for key in keys {
        let mut rows = stmt.query([key]).expect("query");
        while rows.next().expect("row").is_some() {
            found += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    assert!(found > 0, "the shared keys are found");
    secs
}

/// The same events inserted by bare SQL into the centre's `events` table, 5,000 a transaction.
fn baseline_insert(path: &std::path::Path, _packet: &[u8], store: &Store) -> f64 {
    let events = store.outgoing(0, usize::MAX, usize::MAX).expect("events");
    let mut conn = rusqlite::Connection::open(path).expect("open");
    conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
    conn.pragma_update(None, "synchronous", "FULL").expect("sync");
    conn.execute_batch(otau_centre::storage::sqlite::MIGRATIONS[0]).expect("schema");
    let rows: Vec<(i64, String, String, String)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let id = e.event["event_id"].as_str().unwrap_or_default().to_string();
            (i as i64 + 1, id, e.hash.clone(), e.event.to_string())
        })
        .collect();
    let t = Instant::now();
    for chunk in rows.chunks(5_000) {
        let tx = conn.transaction().expect("tx");
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO events (office, server_seq, device_id, device_seq, event_id, hash, event, verdict, accepted_at)
                     VALUES ('AKM01', ?1, 'd', ?1, ?2, ?3, ?4, '{}', 'now')",
                )
                .expect("prepare");
            for (seq, id, hash, event) in chunk {
                stmt.execute(rusqlite::params![seq, id, hash, event]).expect("insert");
            }
        }
        tx.commit().expect("commit");
    }
    t.elapsed().as_secs_f64()
}
