//! `packet`: a field office with no line carries its history to the centre on a stick. Prints,
//! beside a baseline in the same run, the time to write the device's packet, to import it at the
//! centre (SQLite; every event verified, merged and given its `server_seq`, as over HTTPS), to
//! write the centre's answer and to import it on the device. Baseline: the same events inserted
//! by bare SQL into a table of the centre's schema, in transactions of 5,000.
//!
//! Run: `cargo run --release -p otau-bench --bin packet -- --families 10500` (about 100,000
//! events). Goal: importing 100,000 events at the centre in under 10 s.
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

    let t = Instant::now();
    let imported = centre.packet_import(&bytes).expect("centre imports");
    let import = t.elapsed().as_secs_f64();
    assert_eq!(imported.accepted, events, "every event taken once");

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

/// The same events inserted by bare SQL into the centre's `events` table, 5,000 a transaction.
fn baseline_insert(path: &std::path::Path, _packet: &[u8], store: &Store) -> f64 {
    let events = store.outgoing(0, usize::MAX).expect("events");
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
