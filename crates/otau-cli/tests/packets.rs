//! Packets on a stick, every part a real process: an office with no line (AKM01's field laptop)
//! enrols with the centre's card and exchanges packets with the centre over a week of work, and
//! ends with what a device that downloads the office over HTTPS holds; packets replayed,
//! reordered, cut short, changed or carried to the wrong computer are refused or taken once, and
//! change nothing; packets and HTTPS mix for the same device.
// A test is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

mod sync_kit;

use serde_json::Value;
use std::path::{Path, PathBuf};
use sync_kit::*;

fn assert_same(a: &Device, b: &Device) {
    let (ra, rb) = (a.rows(), b.rows());
    let only_a: Vec<&String> = ra.iter().filter(|r| !rb.contains(r)).collect();
    let only_b: Vec<&String> = rb.iter().filter(|r| !ra.contains(r)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only on a: {only_a:#?}\nonly on b: {only_b:#?}"
    );
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Runs `otau --json ARGS` for the device as it was `days` days ago (faketime).
fn on_day(device: &Device, days: i64, args: &[&str]) -> Value {
    let out = std::process::Command::new("faketime")
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .arg("-f")
        .arg(format!("{days:+}d"))
        .arg(sync_kit::bin())
        .args(["--json", "--db", path(&device.db)])
        .args(args)
        .env("OTAU_PASSWORD", &device.admin_password)
        .env_remove("OTAU_LANG")
        .output()
        .expect("faketime runs otau");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// AKM01's field laptop: a new office database, one family, enrolled with the centre's card.
fn field_office(dir: &Path, centre: &Centre) -> Device {
    let device = Device { db: dir.join("field.sqlite"), admin_password: "field-admin".into() };
    device.ok(&[
        "init",
        "--office",
        "AKM01",
        "--office-name",
        "Ақмола",
        "--region",
        "KZ-11",
        "--admin",
        "admin",
    ]);
    device.register("before", 3);
    let card = dir.join("card.json");
    let v = ok(
        &[
            "centre",
            "enrol",
            "--data",
            path(&centre.data),
            "--office",
            "AKM01",
            "--card",
            path(&card),
        ],
        &[],
    );
    let code = v["code"].as_str().expect("code");
    let enrolled = device.ok(&[
        "--user",
        "admin",
        "sync",
        "enrol",
        "--card",
        path(&card),
        "--code",
        code,
        "--name",
        "Field",
    ]);
    assert_eq!(enrolled["by"], "packet");
    device
}

fn centre_ok(centre: &Centre, args: &[&str]) -> Value {
    let mut all: Vec<&str> = vec!["centre"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--data", path(&centre.data)]);
    ok(&all, &[])
}

fn centre_run(centre: &Centre, args: &[&str]) -> (bool, Value) {
    let mut all: Vec<&str> = vec!["centre"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--data", path(&centre.data)]);
    run(&all, &[])
}

fn device_id(centre: &Centre, office: &str) -> String {
    let v = centre_ok(centre, &["devices"]);
    let found = v["devices"].as_array().expect("devices").iter().find(|d| d["office"] == office);
    found.and_then(|d| d["id"].as_str()).expect("the device is enrolled").to_string()
}

/// Carries the device's packet to the centre and the centre's answer back; the two files.
fn round_trip(
    dir: &Path,
    centre: &Centre,
    device: &Device,
    n: usize,
    day: i64,
) -> (PathBuf, PathBuf) {
    let out = dir.join(format!("to-centre-{n}.otau"));
    let written = on_day(device, day, &["packet", "export", "--out", path(&out)]);
    let imported = centre_ok(centre, &["packet", "import", path(&out)]);
    assert_eq!(imported["events"], written["events"], "{imported:#}");
    let back = dir.join(format!("from-centre-{n}.otau"));
    let id = device_id(centre, "AKM01");
    centre_ok(centre, &["packet", "export", "--device", &id, "--out", path(&back)]);
    on_day(device, day, &["packet", "import", path(&back)]);
    (out, back)
}

fn centre_events(centre: &Centre) -> i64 {
    centre.status()["status"]["events"].as_i64().expect("events")
}

#[test]
fn an_office_that_never_connects_exchanges_five_packets_over_a_week_and_ends_equal_to_the_centre() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let field = field_office(dir.path(), &centre);
    // Nothing of the field office travels but by packet: its address for the centre is none.
    let (reached, v) = field.run(&["sync"]);
    assert!(!reached);
    assert!(v.to_string().contains("sync-packets-only"), "{v:#}");

    let mut regnos = vec![];
    for (n, day) in (1..=5).zip([-6_i64, -5, -3, -2, 0]) {
        // A day of work: a family registered, a phone corrected; the centre changes the MCI.
        let file = dir.path().join(format!("day{n}.json"));
        std::fs::write(&file, family_json(&format!("day{n}"), n).to_string()).expect("file");
        let v = on_day(
            &field,
            day,
            &["--user", "admin", "family", "add", "--file", path(&file), "--allow-duplicate"],
        );
        let regno = v["family_regno"].as_str().expect("regno").to_string();
        on_day(
            &field,
            day,
            &[
                "--user",
                "admin",
                "person",
                "edit",
                &regno,
                "--phone",
                &format!("+7701000000{n}"),
                "--reason",
                "звонок",
            ],
        );
        regnos.push(regno);
        if n == 3 {
            centre_ok(&centre, &["mci", "add", "--from", "2027-01-01", "--tenge", "4500"]);
        }
        round_trip(dir.path(), &centre, &field, n, day);
    }
    let status = field.ok(&["sync", "status"]);
    assert_eq!(status["waiting"], 0, "everything acknowledged: {status:#}");
    assert!(
        field.ok(&["mci", "at", "2027-02-01"]).to_string().contains("4500"),
        "reference data came"
    );
    // Numbers came from the centre's blocks once the enrolment was answered: all distinct.
    let mut sorted = regnos.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 5);

    // A device that downloads the office over HTTPS holds exactly what the field laptop holds.
    let witness = join(dir.path(), "witness", &centre, "AKM01", "witness-admin");
    assert_same(&field, &witness);
}

#[test]
fn packets_replayed_reordered_cut_short_changed_or_misaddressed_change_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let field = field_office(dir.path(), &centre);
    let (first_out, first_back) = round_trip(dir.path(), &centre, &field, 1, 0);

    // Two packets written without an answer between: the second repeats the first's events.
    field.register("second", 2);
    let p2 = dir.path().join("p2.otau");
    field.ok(&["packet", "export", "--out", path(&p2)]);
    field.register("third", 2);
    let p3 = dir.path().join("p3.otau");
    let w3 = field.ok(&["packet", "export", "--out", path(&p3)]);
    assert!(w3["events"].as_u64().expect("events") > 2);
    // The later one first, then the earlier: every event is taken once.
    let before = centre_events(&centre);
    let took = centre_ok(&centre, &["packet", "import", path(&p3)]);
    let late = centre_ok(&centre, &["packet", "import", path(&p2)]);
    assert_eq!(late["accepted"], 0, "{late:#}");
    assert_eq!(centre_events(&centre) - before, took["accepted"].as_i64().expect("accepted"));

    // Replayed, cut short, changed, misaddressed: refused, the centre unchanged.
    let events = centre_events(&centre);
    let refused = |file: &Path, code: &str| {
        let (success, v) = centre_run(&centre, &["packet", "import", path(file)]);
        assert!(!success, "{file:?} was taken");
        assert!(v.to_string().contains(code), "{file:?}: expected {code}, got {v:#}");
    };
    refused(&p3, "packet-replayed");
    refused(&first_out, "packet-replayed");
    let bytes = std::fs::read(&p3).expect("packet");
    let cut = dir.path().join("cut.otau");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    refused(&cut, "packet-unreadable");
    for (i, at) in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 10].into_iter().enumerate() {
        let mut changed = bytes.clone();
        // A character of the ciphertext or signature swapped for another valid one.
        changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
        let file = dir.path().join(format!("changed{i}.otau"));
        std::fs::write(&file, &changed).expect("write");
        let (success, _) = centre_run(&centre, &["packet", "import", path(&file)]);
        assert!(!success, "a changed byte at {at} was taken");
    }
    refused(&first_back, "packet-misaddressed");
    assert_eq!(centre_events(&centre), events);

    // On the device: the centre's packet imported twice, or carried to another device.
    let rows = field.rows();
    let (success, v) = field.run(&["packet", "import", path(&first_back)]);
    assert!(!success && v.to_string().contains("packet-replayed"), "{v:#}");
    let other = join(dir.path(), "other", &centre, "AKM01", "other-admin");
    let other_rows = other.rows();
    let (success, v) = other.run(&["packet", "import", path(&first_back)]);
    assert!(!success && v.to_string().contains("packet-misaddressed"), "{v:#}");
    assert_eq!(field.rows(), rows);
    assert_eq!(other.rows(), other_rows);

    // A packet that follows one the device never imported (a copy of the database taken
    // before it) is refused; the earlier one first, then it is taken.
    let copy =
        Device { db: dir.path().join("copy.sqlite"), admin_password: field.admin_password.clone() };
    std::fs::copy(&field.db, &copy.db).expect("copy");
    // An encrypted database travels with its keys file.
    let keys = otau_store::vault::VaultFile::path_for(&field.db);
    std::fs::copy(&keys, otau_store::vault::VaultFile::path_for(&copy.db)).expect("copy keys");
    let id = device_id(&centre, "AKM01");
    let c2 = dir.path().join("c2.otau");
    centre_ok(&centre, &["packet", "export", "--device", &id, "--out", path(&c2)]);
    field.ok(&["packet", "import", path(&c2)]);
    let p4 = dir.path().join("p4.otau");
    field.ok(&["packet", "export", "--out", path(&p4)]);
    centre_ok(&centre, &["packet", "import", path(&p4)]);
    let c3 = dir.path().join("c3.otau");
    centre_ok(&centre, &["packet", "export", "--device", &id, "--out", path(&c3)]);
    let copy_rows = copy.rows();
    let (success, v) = copy.run(&["packet", "import", path(&c3)]);
    assert!(!success && v.to_string().contains("packet-out-of-order"), "{v:#}");
    assert_eq!(copy.rows(), copy_rows);
    copy.ok(&["packet", "import", path(&c2)]);
    copy.ok(&["packet", "import", path(&c3)]);
    field.ok(&["packet", "import", path(&c3)]);
    assert_same(&field, &copy);
}

#[test]
fn packets_and_https_mix_for_the_same_device_in_any_order() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let b = join(dir.path(), "b", &centre, "DEMO01", "laptop-admin");
    let id = {
        let v = centre_ok(&centre, &["devices"]);
        let list = v["devices"].as_array().expect("devices").clone();
        list.iter()
            .find(|d| d["name"] == "Counter")
            .and_then(|d| d["id"].as_str())
            .expect("a's id")
            .to_string()
    };
    // a writes, sends by packet, then syncs by HTTPS: nothing twice.
    a.register("packet", 2);
    let out = dir.path().join("a1.otau");
    a.ok(&["packet", "export", "--out", path(&out)]);
    let took = centre_ok(&centre, &["packet", "import", path(&out)]);
    assert!(took["accepted"].as_u64().expect("accepted") > 0);
    let synced = a.sync();
    assert_eq!(synced["pushed"], 0, "{synced:#}");
    assert_eq!(synced["duplicates"], 0, "acknowledged from the centre's state: {synced:#}");
    // b writes and syncs; the centre's packet for a comes after a synced by HTTPS as well.
    b.register("https", 1);
    b.sync();
    let back = dir.path().join("a-back.otau");
    centre_ok(&centre, &["packet", "export", "--device", &id, "--out", path(&back)]);
    a.sync();
    let imported = a.ok(&["packet", "import", path(&back)]);
    assert_eq!(imported["applied"], 0, "already held: {imported:#}");
    b.sync();
    assert_same(&a, &b);
}
