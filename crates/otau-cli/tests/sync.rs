//! Sync as offices use it, every part a real process on 127.0.0.1: a centre (`otau centre serve`)
//! and three office databases driven by `otau` — two devices of DEMO01 and one of AKM01. They
//! work offline, sync in any order and end with the same records; a field edited on two devices
//! is one conflict everywhere, resolved once; two payments of one instalment are one review
//! case everywhere; the other office sees nothing of the first; a device whose clock is days
//! off converges the same way; a copied device and a tampered event are refused and change
//! nothing at the centre.
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

mod sync_kit;

use serde_json::Value;
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

fn count(v: &Value, key: &str) -> usize {
    v[key].as_array().map_or(0, Vec::len)
}

fn surname(device: &Device, regno: &str) -> String {
    let v = device.read(&["person", "show", regno]);
    v["person"]["surname"].as_str().expect("surname").to_string()
}

#[test]
fn three_devices_of_two_offices_work_offline_and_converge() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let b = join(dir.path(), "b", &centre, "DEMO01", "laptop-admin");
    let c = other_office(dir.path(), &centre);
    // Both receive the other office's document key (to check its papers), and b's reaches a.
    b.sync();
    a.sync();
    assert_same(&a, &b);

    // Offline: each registers and corrects something.
    let on_a = a.register("alpha", 3);
    let on_b = b.register("beta", 2);
    let on_c = c.register("gamma", 4);
    assert_ne!(on_a, on_b, "numbers from each device's own blocks");
    a.ok(&[
        "--user",
        "admin",
        "person",
        "edit",
        &on_a,
        "--phone",
        "+77011112233",
        "--reason",
        "жаңа нөмір",
    ]);
    b.ok(&[
        "--user",
        "admin",
        "person",
        "edit",
        &on_b,
        "--email",
        "beta@example.kz",
        "--reason",
        "хат",
    ]);

    // Any order.
    c.sync();
    b.sync();
    a.sync();
    c.sync();
    b.sync();
    assert_same(&a, &b);
    let found = b.read(&["find", "Тестalpha"]);
    assert_eq!(count(&found, "results"), 3, "{found}");
    assert!(found["results"]
        .as_array()
        .expect("results")
        .iter()
        .all(|r| r["family_regno"] == on_a.as_str()));
    assert_eq!(b.read(&["person", "show", &on_a])["person"]["phone"], "+77011112233");

    // The other office holds only its own.
    let rows_c = c.rows();
    assert!(rows_c.iter().any(|r| r.contains(&on_c)));
    assert!(!rows_c.iter().any(|r| r.contains("DEMO01-")), "AKM01 sees nothing of DEMO01");
    assert!(!a.rows().iter().any(|r| r.contains("AKM01-")));
    assert_eq!(count(&c.read(&["find", "Тестalpha"]), "results"), 0);

    // The same surname corrected differently on both devices of DEMO01: one conflict, on both.
    a.ok(&[
        "--user",
        "admin",
        "person",
        "edit",
        &on_b,
        "--surname",
        "Бетаева",
        "--reason",
        "паспорт",
    ]);
    b.ok(&[
        "--user",
        "admin",
        "person",
        "edit",
        &on_b,
        "--surname",
        "Бетаев",
        "--reason",
        "куәлік",
    ]);
    a.sync();
    b.sync();
    a.sync();
    assert_same(&a, &b);
    assert_eq!(surname(&a, &on_b), "Бетаева", "the change the centre took first stays for now");
    let conflicts = b.read(&["sync", "conflicts"]);
    assert_eq!(count(&conflicts, "conflicts"), 1, "{conflicts:#}");
    assert_eq!(count(&a.read(&["sync", "conflicts"]), "conflicts"), 1);
    let id = conflicts["conflicts"][0]["id"].as_str().expect("id").to_string();
    assert_eq!(conflicts["conflicts"][0]["field"], "surname");
    // Resolved once, on b, with the other value; it reaches a.
    b.ok(&[
        "--user",
        "admin",
        "sync",
        "resolve",
        &id,
        "--take",
        "proposed",
        "--reason",
        "құжатпен салыстырдым",
    ]);
    b.sync();
    a.sync();
    assert_eq!(surname(&a, &on_b), "Бетаев");
    assert_eq!(count(&a.read(&["sync", "conflicts"]), "conflicts"), 0);
    assert_same(&a, &b);
    let status = a.ok(&["sync", "status"]);
    assert_eq!(status["waiting"], 0);
    assert_eq!(status["open_conflicts"], 0);
}

#[test]
fn two_payments_of_one_instalment_on_two_devices_are_one_review_case_on_both() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let b = join(dir.path(), "b", &centre, "DEMO01", "laptop-admin");
    // The manager works on both devices; passwords never travel, so b gets one of its own.
    let (ok_pw, v) = sync_kit::run(
        &["--db", b.db.to_str().expect("path"), "--user", "admin", "user", "password", "manager"],
        &[("OTAU_PASSWORD", "laptop-admin")],
    );
    assert!(!ok_pw, "the new password comes from standard input: {v}");
    let pw = std::process::Command::new(sync_kit::bin())
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args([
            "--db",
            b.db.to_str().expect("path"),
            "--user",
            "admin",
            "user",
            "password",
            "manager",
        ])
        .env("OTAU_PASSWORD", "laptop-admin")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            if let Some(stdin) = child.stdin.as_mut() {
                stdin.write_all(b"manager-laptop\n")?;
            }
            child.wait()
        })
        .expect("password set");
    assert!(pw.success());

    let awaiting = a.read(&["ledger", "awaiting"]);
    let number = awaiting["items"][0]["decision_number"].as_str().expect("a decision").to_string();
    let manager = |device: &Device, password: &str, args: &[&str]| {
        let mut all = vec!["--db", device.db.to_str().expect("path"), "--user", "manager"];
        all.extend_from_slice(args);
        ok(&all, &[("OTAU_PASSWORD", password)])
    };
    let today = chrono::Local::now().date_naive().to_string();
    for (device, password, order) in
        [(&a, "manager-demo", "PO-A-1"), (&b, "manager-laptop", "PO-B-1")]
    {
        manager(device, password, &["subsidy", "approve", &number]);
        manager(
            device,
            password,
            &["subsidy", "pay", &number, "--order", order, "--paid-on", &today],
        );
    }
    a.sync();
    b.sync();
    a.sync();
    assert_same(&a, &b);
    for device in [&a, &b] {
        let cases = device.read(&["sync", "cases"]);
        let keys: Vec<&str> = cases["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .filter_map(|c| c["key"].as_str())
            .collect();
        assert_eq!(keys.len(), 2, "approved twice and paid twice: {cases:#}");
        assert!(keys.iter().all(|k| *k == "line_kind"), "{keys:?}");
    }
    // Both payments are in the ledger as the facts they are.
    let a_rows: Vec<String> =
        a.rows().into_iter().filter(|r| r.starts_with("ledger_entries|")).collect();
    assert_eq!(
        a_rows.iter().filter(|r| r.contains("|paid|")).count(),
        3,
        "the demo's payment and these two"
    );
    // A manager decides on a; the decision reaches b.
    let id = a.read(&["sync", "cases"])["cases"][0]["id"].as_str().expect("id").to_string();
    manager(
        &a,
        "manager-demo",
        &["sync", "decide", &id, "--decision", "correction", "--reason", "PO-B-1 қайтарылады"],
    );
    a.sync();
    b.sync();
    assert_eq!(count(&b.read(&["sync", "cases"]), "cases"), 1);
    assert_same(&a, &b);
}

#[test]
fn devices_with_their_clocks_two_days_off_converge_the_same_way() {
    let faketime = std::process::Command::new("faketime").arg("--version").output();
    assert!(faketime.is_ok(), "faketime is installed by scripts/setup-system.sh");
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let b = join(dir.path(), "b", &centre, "DEMO01", "laptop-admin");
    let skewed = |device: &Device, offset: &str, args: &[&str]| {
        let out = std::process::Command::new("faketime")
            .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
            .arg("-f")
            .arg(offset)
            .arg(sync_kit::bin())
            .args(["--json", "--db", device.db.to_str().expect("path")])
            .args(args)
            .env("OTAU_PASSWORD", &device.admin_password)
            .output()
            .expect("faketime runs otau");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).expect("json")
    };
    let ahead = skewed(
        &a,
        "+2d",
        &["--user", "admin", "family", "add", "--file", &write_family(&a, "ahead")],
    );
    let behind = skewed(
        &b,
        "-2d",
        &["--user", "admin", "family", "add", "--file", &write_family(&b, "behind")],
    );
    let regno = ahead["family_regno"].as_str().expect("regno").to_string();
    for _ in 0..2 {
        skewed(&a, "+2d", &["sync"]);
        skewed(&b, "-2d", &["sync"]);
    }
    // The same phone changed on both, the device whose clock is ahead first, the other later:
    // the centre's order decides (contact details take the change it accepted last), never
    // the clocks.
    let phone = |device: &Device, offset: &str, number: &str| {
        let args =
            ["--user", "admin", "person", "edit", &regno, "--phone", number, "--reason", "x"];
        skewed(device, offset, &args);
    };
    phone(&a, "+2d", "+77770000001");
    phone(&b, "-2d", "+77770000002");
    skewed(&a, "+2d", &["sync"]);
    skewed(&b, "-2d", &["sync"]);
    skewed(&a, "+2d", &["sync"]);
    assert_same(&a, &b);
    assert_eq!(b.read(&["person", "show", &regno])["person"]["phone"], "+77770000002");
    assert!(behind["family_regno"].is_string());
}

fn write_family(device: &Device, tag: &str) -> String {
    let file = device.db.with_extension(format!("{tag}.json"));
    std::fs::write(&file, family_json(tag, 2).to_string()).expect("file");
    file.to_str().expect("path").to_string()
}

#[test]
fn a_device_restored_from_a_backup_and_written_to_again_takes_a_new_identity_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let b = join(dir.path(), "b", &centre, "DEMO01", "laptop-admin");
    let backup = dir.path().join("a-backup.sqlite");
    otau_store::vault::open_with_secret(&a.db, "Otau office secret 2026")
        .expect("open")
        .backup_to(&backup)
        .expect("backup");
    let before_restore = a.register("lost", 1);
    a.sync();
    // The laptop's disk fails; yesterday's backup is put back, and the clerk goes on working
    // before the next sync: the same numbers are given again to other people.
    std::fs::remove_file(&a.db).expect("the disk fails");
    for ext in ["sqlite-wal", "sqlite-shm"] {
        let _ = std::fs::remove_file(a.db.with_extension(ext));
    }
    std::fs::copy(&backup, &a.db).expect("restore");
    let after_restore = a.register("after", 2);
    assert_eq!(before_restore, after_restore, "the restored database gives the number again");
    let healed = a.sync();
    assert_eq!(healed["restore"], "device_forked", "{healed:#}");
    a.sync();
    b.sync();
    a.sync();
    assert_same(&a, &b);
    // The family registered before the restore came back; the one registered after it did not
    // take its number (the first registration keeps it): it waits, whole, in a conflict.
    for device in [&a, &b] {
        assert_eq!(count(&device.read(&["find", "Тестlost"]), "results"), 1);
        let conflicts = device.read(&["sync", "conflicts"]);
        let proposed: Vec<&str> = conflicts["conflicts"]
            .as_array()
            .expect("conflicts")
            .iter()
            .filter_map(|c| c["proposed_json"].as_str())
            .collect();
        assert!(proposed.iter().any(|p| p.contains("Тестafter")), "{conflicts:#}");
    }
}

#[test]
fn a_tampered_event_is_refused_and_changes_nothing_at_the_centre() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let b = other_office(dir.path(), &centre);
    b.register("honest", 1);
    {
        let store =
            otau_store::vault::open_with_secret(&b.db, "Otau office secret 2026").expect("open");
        store
            .raw_connection()
            .execute_batch(
                "DROP TRIGGER events_no_update;
                 UPDATE events
                 SET body = envelope_body(replace(envelope_json(body), 'Тестhonest', 'Тестforged'))
                 WHERE envelope_json(body) LIKE '%Тестhonest%';",
            )
            .expect("tamper");
    }
    let before = centre.status()["status"]["events"].clone();
    let (synced, refused) = b.run(&["sync"]);
    assert!(!synced);
    // The office does not send a row that no longer holds its link in the chain.
    assert_eq!(refused["error"]["code"], "sync-own-event-broken", "{refused:#}");
    assert_eq!(centre.status()["status"]["events"], before);
}

#[test]
fn a_device_that_hangs_up_in_the_middle_of_an_answer_does_not_stop_the_centre() {
    // Found by the crash test: `otau` let a closed pipe end the process (SIGPIPE), so a device
    // killed while the centre wrote to it took the centre down too.
    let mut centre = Centre::new();
    let pid = centre.pid().expect("serving");
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(pid as i32, libc::SIGPIPE);
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(centre.alive(), None, "the centre is still serving");
    let dir = tempfile::tempdir().expect("dir");
    let c = other_office(dir.path(), &centre);
    assert_eq!(c.sync()["pushed"], 0);
}
