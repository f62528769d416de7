//! A device's sync end to end against a real centre over HTTPS on 127.0.0.1: the first device of
//! an office uploads its records, a second joins empty and downloads them, both edit and end equal,
//! a concurrent edit becomes one conflict everywhere, restores of a device or of the centre
//! are healed, and events past one page's byte budget all arrive in several pages.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use otau_centre::admin::Admin;
use otau_centre::server::{Running, ServeOptions};
use otau_centre::Location;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::model::FamilyInput;
use otau_device::{enrol, join, sync, sync_with, Enrolment, JoinRequest, Restore, SyncOptions};
use otau_store::context::Context;
use otau_store::sync::ConflictChoice;
use otau_store::{Duplicates, NewOffice, Store};
use std::path::{Path, PathBuf};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0).single().expect("moment")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

fn family() -> FamilyInput {
    serde_json::from_str(include_str!("../../../tests/data/family.json")).expect("example family")
}

/// A centre on SQLite with office PVL01, served over HTTPS on a free port.
struct Centre {
    location: Location,
    running: Option<Running>,
    port: u16,
    /// The event text of a page of pull or own.
    page_bytes: i64,
    _dir: tempfile::TempDir,
}

impl Centre {
    fn new() -> Centre {
        Centre::paged(otau_centre::http::MAX_PAGE_BYTES)
    }

    /// A centre whose pages of pull and own hold `page_bytes` of event text.
    fn paged(page_bytes: i64) -> Centre {
        let dir = tempfile::tempdir().expect("dir");
        let location = Location { data: dir.path().join("centre"), database_url: None };
        let (admin, _) = Admin::init(&location, "Орталық").expect("init");
        admin.add_office("PVL01", "Павлодар", "KZ-55").expect("office");
        drop(admin);
        let mut c = Centre { location, running: None, port: 0, page_bytes, _dir: dir };
        c.start();
        c
    }

    /// Starts the centre, on the port it had before (devices keep its address).
    fn start(&mut self) {
        let running = Running::start(ServeOptions {
            location: self.location.clone(),
            listen: format!("127.0.0.1:{}", self.port).parse().expect("addr"),
            insecure_http: false,
            block_size: 1000,
            page_bytes: self.page_bytes,
        })
        .expect("centre starts");
        let url = running.url(false);
        self.port = url.rsplit(':').next().and_then(|p| p.parse().ok()).expect("port");
        self.running = Some(running);
    }

    fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().expect("stops");
        }
    }

    fn url(&self) -> String {
        self.running.as_ref().expect("running").url(false)
    }

    fn code(&self) -> String {
        Admin::open(&self.location).expect("admin").enrol_code("PVL01", 72).expect("code").0
    }

    fn database(&self) -> PathBuf {
        otau_centre::DataDir::new(&self.location.data).database()
    }
}

fn first_device(dir: &Path, centre: &Centre) -> Store {
    let mut store = Store::open(&dir.join("a.sqlite")).expect("open");
    store
        .init_office(
            at(),
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
    let e =
        Enrolment { centre_url: centre.url(), code: centre.code(), device_name: "Counter".into() };
    let report = enrol(&mut store, at(), today(), &e).expect("enrol");
    assert!(report.pushed > 10, "the office's history went up: {report:?}");
    store
}

fn second_device(dir: &Path, centre: &Centre) -> Store {
    let req = JoinRequest {
        enrolment: Enrolment {
            centre_url: centre.url(),
            code: centre.code(),
            device_name: "Field laptop".into(),
        },
        admin_login: "admin".into(),
        admin_password: "laptop-password".into(),
    };
    let keys = otau_store::vault::VaultKeys::generate();
    let (store, report) = join(&dir.join("b.sqlite"), &keys, at(), today(), &req).expect("join");
    assert!(report.applied > 10, "{report:?}");
    store
}

fn admin(store: &Store, password: &str) -> Context {
    Context::new(&store.sign_in("admin", password).expect("sign in"), at(), today())
}

fn assert_same(a: &Store, b: &Store) {
    let (ra, rb) = (a.office_rows().expect("rows"), b.office_rows().expect("rows"));
    let only_a: Vec<&String> = ra.iter().filter(|r| !rb.contains(r)).collect();
    let only_b: Vec<&String> = rb.iter().filter(|r| !ra.contains(r)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only on a: {only_a:#?}\nonly on b: {only_b:#?}"
    );
}

#[test]
fn two_devices_of_an_office_end_with_the_same_records_and_one_conflict() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let mut a = first_device(dir.path(), &centre);
    let mut b = second_device(dir.path(), &centre);
    sync(&mut a, at(), today()).expect("a receives b's document key");
    assert_same(&a, &b);
    // The joining device signs in with its own password and has its own document key.
    let on_b = admin(&b, "laptop-password");
    assert!(b.office_public_key().expect("key").is_some());

    let reg = b.register_family(&on_b, &family(), Duplicates::Refuse).expect("register on b");
    assert!(reg.family_regno.starts_with("PVL01-2026-0"), "{}", reg.family_regno);
    sync(&mut b, at(), today()).expect("b syncs");
    let pulled = sync(&mut a, at(), today()).expect("a syncs");
    let what = "a family, three persons, three documents, three consent rows";
    assert_eq!(pulled.applied, 10, "{what}: {pulled:?}");
    assert_eq!(a.find("Nursultan", 5).expect("find")[0].regno, reg.family_regno);

    // The same surname corrected on both, offline.
    let regno = reg.family_regno.clone();
    let on_a = admin(&a, "admin-password");
    let mut p = a.person(&regno).expect("p").as_input();
    p.surname = "Сейтқали".into();
    a.edit_person(&on_a, &regno, &p, 1, "паспорт").expect("edit a");
    let mut p = b.person(&regno).expect("p").as_input();
    p.surname = "Сейітқалиев".into();
    b.edit_person(&on_b, &regno, &p, 1, "куәлік").expect("edit b");
    sync(&mut a, at(), today()).expect("a");
    let on_b_sync = sync(&mut b, at(), today()).expect("b");
    assert_eq!(on_b_sync.overruled, 1, "{on_b_sync:?}");
    sync(&mut a, at(), today()).expect("a again");
    assert_same(&a, &b);
    assert_eq!(a.person(&regno).expect("p").person.surname, "Сейтқали", "the first accepted stays");
    let conflicts = a.conflicts(true).expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    b.resolve_conflict(&on_b, conflicts[0].id, &ConflictChoice::Proposed, "куәлікпен тексердім")
        .expect("resolve");
    sync(&mut b, at(), today()).expect("b");
    sync(&mut a, at(), today()).expect("a");
    assert_same(&a, &b);
    assert_eq!(a.person(&regno).expect("p").person.surname, "Сейітқалиев");
    assert_eq!(a.sync_status().expect("status").open_conflicts, 0);
    assert_eq!(b.sync_status().expect("status").waiting, 0);
}

#[test]
fn a_device_restored_from_a_backup_gets_its_own_events_back() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let mut a = first_device(dir.path(), &centre);
    let path = dir.path().join("a.sqlite");
    let backup = dir.path().join("a-backup.sqlite");
    a.backup_to(&backup).expect("backup");
    let on_a = admin(&a, "admin-password");
    let reg = a.register_family(&on_a, &family(), Duplicates::Refuse).expect("register");
    sync(&mut a, at(), today()).expect("sync");
    drop(a);
    std::fs::copy(&backup, &path).expect("restore the backup");
    let mut a = Store::open(&path).expect("reopen");
    assert!(a.find("Nursultan", 5).expect("find").is_empty(), "the backup is older");
    let report = sync(&mut a, at(), today()).expect("heals");
    assert_eq!(report.restore, Some(Restore::Device), "{report:?}");
    assert_eq!(a.find("Nursultan", 5).expect("find")[0].regno, reg.family_regno);
    // And it goes on numbering after what it had made.
    let on_a = admin(&a, "admin-password");
    let mut other = family();
    for m in &mut other.members {
        m.iin = None;
        m.surname = "Бекова".into();
        m.surname_latin = None;
        if let Some(d) = &mut m.document {
            d.number.push('7');
        }
    }
    let next = a.register_family(&on_a, &other, Duplicates::Refuse).expect("register again");
    assert!(
        next.family_regno > reg.family_regno,
        "{} after {}",
        next.family_regno,
        reg.family_regno
    );
    let report = sync(&mut a, at(), today()).expect("sync");
    let what = "a family, three persons, three documents, three consent rows";
    assert_eq!(report.pushed, 10, "{what}: {report:?}");
}

#[test]
fn a_centre_restored_from_a_backup_receives_again_what_it_lost() {
    let dir = tempfile::tempdir().expect("dir");
    let mut centre = Centre::new();
    let mut a = first_device(dir.path(), &centre);
    let mut b = second_device(dir.path(), &centre);
    centre.stop();
    let snapshot = dir.path().join("centre-backup.sqlite");
    std::fs::copy(centre.database(), &snapshot).expect("back up the centre");
    centre.start();
    let on_a = admin(&a, "admin-password");
    a.register_family(&on_a, &family(), Duplicates::Refuse).expect("register");
    sync(&mut a, at(), today()).expect("a");
    // The centre is put back to its backup: a's family is gone from it.
    centre.stop();
    let db = centre.database();
    for ext in ["sqlite-wal", "sqlite-shm"] {
        let _ = std::fs::remove_file(db.with_extension(ext));
    }
    std::fs::copy(&snapshot, &db).expect("restore the centre");
    centre.start();
    let report = sync(&mut a, at(), today()).expect("a heals the centre");
    assert_eq!(report.restore, Some(Restore::Centre), "{report:?}");
    sync(&mut b, at(), today()).expect("b");
    assert_same(&a, &b);
    assert_eq!(b.find("Seiitkali Nursultan", 5).expect("find").len(), 1);
}

/// The byte budget of a page each way in [`events_past_a_pages_byte_budget_all_arrive`]: a few
/// ordinary events (a family's registration, one change, is larger and goes alone).
const SMALL_PAGE: usize = 2_000;

/// The example family with its `n`th set of document numbers and names (every family is new).
fn family_number(n: usize) -> FamilyInput {
    let mut f = family();
    for (i, m) in f.members.iter_mut().enumerate() {
        m.iin = None;
        if let Some(doc) = m.document.as_mut() {
            doc.number = format!("N{n:03}{i:04}");
        }
        m.given_name = format!("{}{}", m.given_name, "а".repeat(n + 1));
    }
    f
}

#[test]
fn events_past_a_pages_byte_budget_all_arrive() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::paged(SMALL_PAGE as i64);
    let small = SyncOptions { push_bytes: SMALL_PAGE, ..SyncOptions::default() };
    // The office's history goes up and comes down to a joining device in pages of a few events.
    let mut a = first_device(dir.path(), &centre);
    let backup = dir.path().join("a-backup.sqlite");
    a.backup_to(&backup).expect("backup");
    let mut b = second_device(dir.path(), &centre);
    sync_with(&mut a, at(), today(), small).expect("a receives b's document key");
    assert_same(&a, &b);

    let on_a = admin(&a, "admin-password");
    for n in 0..3 {
        a.register_family(&on_a, &family_number(n), Duplicates::Allow).expect("register");
    }
    let acked = a.sync_state().expect("state").expect("enrolled").pushed_through;
    let waiting = a.outgoing(acked, usize::MAX, usize::MAX).expect("waiting");
    let first_push = a.outgoing(acked, usize::MAX, SMALL_PAGE).expect("first push");
    assert!(first_push.len() < waiting.len(), "the push takes several pages");
    let bytes: usize = waiting.iter().map(|e| e.event.to_string().len()).sum();
    assert!(bytes > 3 * SMALL_PAGE, "{bytes} bytes: several pulled pages");

    let pushed = sync_with(&mut a, at(), today(), small).expect("a pushes in pages");
    assert_eq!(pushed.pushed as usize, waiting.len(), "{pushed:?}");
    let pulled = sync_with(&mut b, at(), today(), small).expect("b pulls in pages");
    assert_eq!(pulled.applied as usize, waiting.len(), "{pulled:?}");
    assert_same(&a, &b);

    // A restored from its backup fetches its own events back in pages of `own`.
    drop(a);
    let path = dir.path().join("a.sqlite");
    for ext in ["sqlite-wal", "sqlite-shm"] {
        let _ = std::fs::remove_file(path.with_extension(ext));
    }
    std::fs::copy(&backup, &path).expect("restore the backup");
    let mut a = Store::open(&path).expect("reopen");
    let healed = sync_with(&mut a, at(), today(), small).expect("heals");
    assert_eq!(healed.restore, Some(Restore::Device), "{healed:?}");
    assert_same(&a, &b);
}

#[test]
fn a_sync_in_pages_tells_how_far_it_is_each_way() {
    use otau_device::{SyncProgress, SyncStage};
    use std::sync::Mutex;
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::paged(SMALL_PAGE as i64);
    let mut a = first_device(dir.path(), &centre);
    let mut b = second_device(dir.path(), &centre);
    sync(&mut a, at(), today()).expect("a receives b's document key");
    let on_a = admin(&a, "admin-password");
    for n in 0..3 {
        a.register_family(&on_a, &family_number(n), Duplicates::Allow).expect("register");
    }
    let acked = a.sync_state().expect("state").expect("enrolled").pushed_through;
    let waiting = a.outgoing(acked, usize::MAX, usize::MAX).expect("waiting").len() as u64;
    let told: Mutex<Vec<SyncProgress>> = Mutex::new(vec![]);
    let tell = |p: SyncProgress| told.lock().expect("lock").push(p);
    let options = SyncOptions { push_bytes: SMALL_PAGE, progress: Some(&tell) };
    sync_with(&mut a, at(), today(), options).expect("a pushes");
    let sent: Vec<SyncProgress> = std::mem::take(&mut *told.lock().expect("lock"));
    let sending: Vec<(u64, u64)> =
        sent.iter().filter(|p| p.stage == SyncStage::Sending).map(|p| (p.done, p.total)).collect();
    assert!(sending.len() >= 3, "told page by page: {sending:?}");
    assert_eq!(sending.first(), Some(&(0, waiting)));
    assert!(sending.windows(2).all(|w| w[0].0 < w[1].0), "forward only: {sending:?}");
    assert!(sending.iter().all(|&(_, total)| total == waiting));

    sync_with(&mut b, at(), today(), options).expect("b pulls");
    let received: Vec<(u64, u64)> = told
        .lock()
        .expect("lock")
        .iter()
        .filter(|p| p.stage == SyncStage::Receiving)
        .map(|p| (p.done, p.total))
        .collect();
    assert!(received.len() >= 2, "told page by page: {received:?}");
    assert!(received.windows(2).all(|w| w[0].0 < w[1].0), "forward only: {received:?}");
    let last = received.last().copied().unwrap_or_default();
    assert_eq!(last.0, last.1, "the last page ends the stage: {received:?}");
    assert!(last.1 >= waiting, "{received:?}");
}
