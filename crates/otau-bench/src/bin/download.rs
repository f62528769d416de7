//! `download`: how long the first device of an office takes to upload its history to a real
//! centre (over loopback HTTPS, SQLite backend), and how long a new device of the office takes
//! to download it — every record applied, projections built — beside a baseline in the same run:
//! copying the first device's whole database file (`VACUUM INTO`), the least any download could
//! cost.
//!
//! Run: `cargo run --release -p otau-bench --bin download -- --families 26000` (about 100,000
//! persons; a year of one office holds at most 99,999 registration numbers).
// Measurements (seconds, rates, MiB) are floating point; no money is computed here.
#![allow(clippy::disallowed_types)]
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

use chrono::{DateTime, NaiveDate, Utc};
use clap::Parser;
use otau_centre::admin::Admin;
use otau_centre::server::{Running, ServeOptions};
use otau_centre::Location;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_device::{enrol, join, Enrolment, JoinRequest};
use otau_store::context::Context;
use otau_store::{Duplicates, NewOffice, Store};
use std::collections::HashSet;
use std::time::Instant;

#[derive(Parser)]
struct Args {
    /// Families of the office (about 3.8 persons each).
    #[arg(long, default_value_t = 26_000)]
    families: usize,
}

fn main() {
    let args = Args::parse();
    let at: DateTime<Utc> = Utc::now();
    let today: NaiveDate = at.date_naive();
    let dir = tempfile::tempdir().expect("dir");

    // The first device, with its office's history.
    let mut store = Store::open(&dir.path().join("first.sqlite")).expect("open");
    store
        .init_office(
            at,
            &NewOffice {
                code: "PVL01".into(),
                name: "Павлодар".into(),
                region: "KZ-55".into(),
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
    let started = Instant::now();
    for chunk in families.chunks(500) {
        store.register_families(&ctx, chunk, Duplicates::Allow).expect("register");
    }
    let (families, persons) = store.counts().expect("counts");
    let events = store.newest_device_seq().expect("events");
    println!(
        "office: {families} families, {persons} persons, {events} events (made in {:.1} s)",
        started.elapsed().as_secs_f64()
    );

    // The centre.
    let location = Location { data: dir.path().join("centre"), database_url: None };
    let (centre, _) = Admin::init(&location, "Орталық").expect("centre");
    centre.add_office("PVL01", "Павлодар", "KZ-55").expect("office");
    let running = Running::start(ServeOptions {
        location: location.clone(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        insecure_http: false,
        block_size: 1000,
        page_bytes: otau_centre::http::MAX_PAGE_BYTES,
    })
    .expect("serve");
    let url = running.url(false);
    let code = |c: &Admin| c.enrol_code("PVL01", 1).expect("code").0;

    let started = Instant::now();
    let e = Enrolment { centre_url: url.clone(), code: code(&centre), device_name: "first".into() };
    let up = enrol(&mut store, at, today, &e).expect("enrol and upload");
    let upload = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let copy = dir.path().join("copy.sqlite");
    store.backup_to(&copy).expect("copy");
    let baseline = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let req = JoinRequest {
        enrolment: Enrolment { centre_url: url, code: code(&centre), device_name: "new".into() },
        admin_login: "admin".into(),
        admin_password: "new-device-password".into(),
    };
    let keys = otau_store::vault::VaultKeys::generate();
    let (new_store, down) =
        join(&dir.path().join("new.sqlite"), &keys, at, today, &req).expect("join");
    let download = started.elapsed().as_secs_f64();
    let (_, new_persons) = new_store.counts().expect("counts");
    assert_eq!(new_persons, persons, "every person arrived");
    assert_eq!(new_store.find("Нұрсұлтан", 5).map(|h| h.is_empty()).ok(), Some(false));

    println!("{:<46} {:>10} {:>12}", "", "seconds", "events/s");
    let rate = |n: u32, s: f64| format!("{:.0}", f64::from(n) / s);
    println!(
        "{:<46} {:>10.1} {:>12}",
        "first device uploads its history",
        upload,
        rate(up.pushed, upload)
    );
    println!(
        "{:<46} {:>10.1} {:>12}",
        "new device downloads the office (applied)",
        download,
        rate(down.applied, download)
    );
    println!("{:<46} {:>10.1} {:>12}", "baseline: copy of the database file", baseline, "-");
    println!("ratio download / copy: {:.1}×", download / baseline);
    running.stop().expect("stop");
}
