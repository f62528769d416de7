//! Packets in the desktop app against a real centre: the counter writes its packet to a file,
//! the centre imports it and answers with one, the counter imports that and the summary says what
//! moved; a packet imported again, changed, for another computer or at a bad path is refused with
//! its code and changes nothing. The places offered: the first drive, else the home folder, and
//! packets found there newest first. And the same person in two offices: the case reaches both,
//! is shown with both records, is decided with a reason, and the decision reaches the other office.

use super::*;
use crate::crossing::CrossChoice;
use crate::testkit::{d, desk, enrolled, family, joined, now, office_of, open_db, Centre, TODAY};
use otau_store::Store;
use std::time::{Duration, SystemTime};

fn device_id(dir: &tempfile::TempDir, file: &str) -> String {
    open_db(&dir.path().join(file)).device_identity().expect("id").0
}

fn code_of<T: std::fmt::Debug>(r: ApiResult<T>) -> String {
    r.err().map(|e| e.code).unwrap_or_else(|| "no error".into())
}

#[test]
fn a_packet_goes_to_the_centre_and_its_answer_comes_back_with_a_summary() {
    let centre = Centre::new();
    let (dir, desk) = enrolled(&centre);
    desk.register_family(&crate::testkit::family(), false, now()).expect("register");
    let waiting = desk.sync_status(now()).expect("status").waiting;
    assert!(waiting > 0, "the registration waits for the centre");

    let stick = tempfile::tempdir().expect("stick");
    let out = stick.path().join("otau-PVL01-2026-11-25.otau");
    let written = desk.export_packet(out.to_str().expect("path"), now()).expect("export");
    assert!(out.is_file());
    assert_eq!(written.events, u32::try_from(waiting).expect("count"));
    assert_eq!((written.office.as_str(), written.centre_name.as_str()), ("PVL01", "Орталық"));
    assert_eq!(written.device_name, "Counter");
    assert!(written.first >= 1 && written.last >= written.first && written.bytes > 0);
    // A packet never replaces a file.
    let again = desk.export_packet(out.to_str().expect("path"), now());
    assert_eq!(code_of(again), code::EXISTS);
    let nowhere = stick.path().join("no-such-folder").join("p.otau");
    assert_eq!(
        code_of(desk.export_packet(nowhere.to_str().expect("path"), now())),
        code::UNWRITABLE
    );
    let blank = desk.export_packet("  ", now()).expect_err("refused");
    assert_eq!(blank.fields.first().map(|f| f.code.as_str()), Some(code::PATH_REQUIRED));

    // The centre imports it and answers.
    let admin = centre.admin();
    let imported = admin.packet_import(&std::fs::read(&out).expect("read")).expect("centre import");
    assert_eq!(imported.accepted, written.events);
    let device = device_id(&dir, "otau.sqlite");
    let (answer, _) = admin.packet_export(&device).expect("centre export");
    let back = stick.path().join("from-centre.otau");
    std::fs::write(&back, &answer).expect("write");

    let summary = desk.import_packet(back.to_str().expect("path"), now()).expect("import");
    assert_eq!(summary.centre_name, "Орталық");
    assert_eq!((summary.office.as_str(), summary.device_name.as_str()), ("PVL01", "Counter"));
    assert_eq!(summary.report.pushed, written.events, "every event acknowledged");
    assert_eq!(summary.report.conflicts, 0);
    let progress = desk.packet_progress();
    assert!(!progress.running && progress.done == progress.total, "{progress:?}");
    let panel = desk.sync_status(now()).expect("status");
    assert_eq!(panel.waiting, 0, "nothing waits once the centre acknowledged it");
    assert_eq!(panel.last_report.map(|r| r.pushed), Some(written.events));

    // Imported again: refused, and nothing changes.
    let replayed = desk.import_packet(back.to_str().expect("path"), now());
    assert_eq!(code_of(replayed), "packet-replayed");
    assert!(!desk.packet_progress().running, "a refused import ends its progress");
    // Changed on the way (a new packet, so not a replay): refused.
    let (fresh, _) = admin.packet_export(&device).expect("centre export");
    let mut text: serde_json::Value = serde_json::from_slice(&fresh).expect("json");
    text["manifest"]["office"] = "AKM01".into();
    let changed = stick.path().join("changed.otau");
    std::fs::write(&changed, serde_json::to_vec(&text).expect("json")).expect("write");
    assert_eq!(
        code_of(desk.import_packet(changed.to_str().expect("path"), now())),
        "packet-tampered"
    );
    // Not a packet at all, and no such file.
    let junk = stick.path().join("junk.otau");
    std::fs::write(&junk, b"not a packet").expect("write");
    assert_eq!(
        code_of(desk.import_packet(junk.to_str().expect("path"), now())),
        "packet-unreadable"
    );
    let missing = stick.path().join("missing.otau");
    assert_eq!(
        code_of(desk.import_packet(missing.to_str().expect("path"), now())),
        code::UNREADABLE
    );
    // For another computer of the office.
    let (laptop_dir, _laptop) = joined(&centre);
    let (theirs, _) =
        admin.packet_export(&device_id(&laptop_dir, "laptop.sqlite")).expect("export");
    let other = stick.path().join("for-laptop.otau");
    std::fs::write(&other, &theirs).expect("write");
    assert_eq!(
        code_of(desk.import_packet(other.to_str().expect("path"), now())),
        "packet-misaddressed"
    );
    assert_eq!(desk.sync_status(now()).expect("status").waiting, 0);
}

#[test]
fn a_computer_enrolled_by_packet_exchanges_packets_and_has_no_line_to_complain_of() {
    let centre = Centre::new();
    let (dir, desk) = desk();
    {
        let mut store = Store::open(&dir.path().join("otau.sqlite")).expect("store");
        let (code, _, card) = centre.admin().enrol_card("PVL01", 72).expect("card");
        otau_device::packet::enrol_by_card(
            &mut store,
            crate::testkit::at(),
            &card,
            &code,
            "Counter",
        )
        .expect("enrol by card");
    }
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    let panel = desk.sync_now(now()).expect("status");
    assert!(panel.enrolled && panel.packets_only && !panel.background);
    assert_eq!(panel.problem, None, "having no line is no problem: {:?}", panel.problem);

    let out = dir.path().join("first.otau");
    let written = desk.export_packet(out.to_str().expect("path"), now()).expect("export");
    assert!(written.enrolment, "the first packet carries the enrolment");
    let admin = centre.admin();
    let imported = admin.packet_import(&std::fs::read(&out).expect("read")).expect("import");
    assert!(imported.enrolled);
    let (answer, _) = admin.packet_export(&imported.device_id.to_string()).expect("export");
    let back = dir.path().join("answer.otau");
    std::fs::write(&back, &answer).expect("write");
    let summary = desk.import_packet(back.to_str().expect("path"), now()).expect("import");
    assert_eq!(summary.report.pushed, written.events);
    assert!(summary.report.blocks > 0, "numbers of its own for this computer");
    assert_eq!(summary.report.already_held, written.events, "its own events come back as held");
    let panel = desk.sync_status(now()).expect("status");
    assert_eq!((panel.waiting, panel.problem), (0, None));
    assert!(panel.last_sync_at.is_some(), "an exchange by packet counts as a sync");
}

#[test]
fn packets_are_refused_to_nobody_signed_in_and_to_a_database_not_enrolled() {
    let (dir, desk) = desk();
    let out = dir.path().join("p.otau");
    assert_eq!(code_of(desk.export_packet(out.to_str().expect("path"), now())), "desk-signed-out");
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    assert_eq!(
        code_of(desk.export_packet(out.to_str().expect("path"), now())),
        "sync-not-enrolled"
    );
    assert!(!out.exists(), "nothing is written");
}

fn touch(path: &Path, bytes: &[u8], age_minutes: u64) {
    std::fs::write(path, bytes).expect("write");
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 - age_minutes * 60);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(when))
        .expect("mtime");
}

#[test]
fn the_first_drive_is_offered_and_packets_on_the_drives_are_listed_newest_first() {
    let root = tempfile::tempdir().expect("dir");
    let media = root.path().join("media");
    let home = root.path().join("home");
    std::fs::create_dir_all(media.join("KINGSTON")).expect("drive");
    std::fs::create_dir_all(media.join("BACKUP")).expect("drive");
    std::fs::create_dir_all(&home).expect("home");
    touch(&media.join("KINGSTON").join("from-centre.otau"), b"{}", 5);
    touch(&media.join("BACKUP").join("older.otau"), b"{}", 60);
    touch(&media.join("BACKUP").join("notes.txt"), b"x", 1);
    touch(&home.join("otau-PVL01-2026-11-25.otau"), b"{}", 30);
    let roots =
        Roots { media: vec![media.clone(), root.path().join("absent")], home: Some(home.clone()) };

    let p = places(&roots, "PVL01", d(TODAY));
    let names: Vec<&str> = p.drives.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["BACKUP", "KINGSTON"]);
    assert_eq!(p.file_name, "otau-PVL01-2026-11-25.otau");
    let expected = media.join("BACKUP").join("otau-PVL01-2026-11-25.otau");
    assert_eq!(p.default_path.as_deref(), expected.to_str());
    let files: Vec<(&str, Option<&str>)> =
        p.files.iter().map(|f| (f.name.as_str(), f.drive.as_deref())).collect();
    assert_eq!(
        files,
        [
            ("from-centre.otau", Some("KINGSTON")),
            ("otau-PVL01-2026-11-25.otau", None),
            ("older.otau", Some("BACKUP")),
        ],
        "packets only, newest first"
    );

    // No drive: the home folder, with a name not taken there.
    let p = places(&Roots { media: vec![], home: Some(home.clone()) }, "PVL01", d(TODAY));
    assert!(p.drives.is_empty());
    assert_eq!(p.file_name, "otau-PVL01-2026-11-25-2.otau");
    assert_eq!(p.default_path.as_deref(), home.join("otau-PVL01-2026-11-25-2.otau").to_str());
}

/// A desk on a new office AKM01 (Akmola), enrolled with `centre` by its administrator.
fn akmola(centre: &Centre) -> (tempfile::TempDir, Desk) {
    centre.admin().add_office("AKM01", "Ақмола", "KZ-11").expect("office");
    let (dir, path, store, _) = office_of("AKM01", "Ақмола облыстық бейімдеу орталығы", "KZ-11");
    drop(store);
    let desk = Desk::new(Some(path), 900);
    desk.sign_in("admin", "admin-password").expect("admin");
    let form = crate::sync::EnrolForm {
        centre_url: centre.url(),
        code: centre.code_for("AKM01"),
        device_name: "Akmola counter".into(),
    };
    desk.enrol_device(&form, now()).expect("enrol");
    (dir, desk)
}

#[test]
fn the_same_person_in_two_offices_is_shown_side_by_side_and_decided_once_with_a_reason() {
    let centre = Centre::new();
    let (_pvl_dir, pvl) = enrolled(&centre);
    let (_akm_dir, akm) = akmola(&centre);
    let here =
        pvl.register_family(&family(), false, now()).expect("register").members[0].regno.clone();
    akm.register_family(&family(), false, now()).expect("register");
    pvl.sync_now(now()).expect("sync");
    akm.sync_now(now()).expect("sync");
    pvl.sync_now(now()).expect("sync");

    assert_eq!(pvl.sync_status(now()).expect("status").open_cross_cases, 1);
    let screen = pvl.cross_cases(false).expect("cases");
    assert!(screen.may_decide);
    assert_eq!(screen.open, 1);
    let case = &screen.cases[0];
    assert!(case.open && case.decisions.is_empty());
    assert_eq!((case.key_kind.as_str(), case.key_value.as_str()), ("iin", "850412310211"));
    let person = case.here.as_ref().expect("this office's person");
    assert_eq!(person.person.regno, here);
    assert_eq!(person.person.surname_latin.as_deref(), Some("SEIITKALI"));
    assert_eq!(person.documents.len(), 1);
    assert!(case.family.as_ref().is_some_and(|f| f.members.len() == 1));
    assert_eq!(case.other_office, "AKM01");
    assert_eq!(case.other.surname.as_deref(), Some("Сейітқали"));
    assert_eq!(case.other.birth_date.as_deref(), Some("1985-04-12"));
    assert!(case.other.regno.as_deref().is_some_and(|r| r.starts_with("AKM01-")));

    let id = case.id;
    let blank = pvl.decide_cross_case(id, CrossChoice::SamePerson, " ", now());
    assert_eq!(code_of(blank), "store-invalid");
    pvl.sign_in("aigerim", "aigerim-password").expect("clerk");
    let decided =
        pvl.decide_cross_case(id, CrossChoice::SamePerson, "бір адам: паспорт бірдей", now());
    let decided = decided.expect("decide");
    assert!(decided.cases.is_empty(), "no open case left");
    let all = pvl.cross_cases(true).expect("all");
    let d0 = &all.cases[0].decisions[0];
    assert_eq!((d0.decision.as_str(), d0.decided_by.as_str()), ("same_person", "aigerim"));
    assert!(d0.this_office);
    assert_eq!(d0.office_name.as_deref(), Some("Павлодар облыстық бейімдеу орталығы"));
    let twice = pvl.decide_cross_case(id, CrossChoice::DifferentPeople, "екі адам", now());
    assert_eq!(code_of(twice), "sync-case-decided");
    assert_eq!(pvl.sync_status(now()).expect("status").open_cross_cases, 0);

    // The decision reaches the other office, as its.
    pvl.sync_now(now()).expect("sync");
    akm.sync_now(now()).expect("sync");
    let theirs = akm.cross_cases(true).expect("cases");
    assert_eq!(theirs.open, 0);
    let d1 = &theirs.cases[0].decisions[0];
    assert!(!d1.this_office);
    assert_eq!(
        (d1.office_code.as_str(), d1.reason.as_str()),
        ("PVL01", "бір адам: паспорт бірдей")
    );
}

#[test]
fn every_code_of_the_packet_screens_is_translated() {
    for lang in otau_i18n::Lang::ALL {
        for code in code::ALL {
            assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
        }
    }
}

/// A packet holds the office's records: written by the app, it is readable by its owner only.
#[cfg(unix)]
#[test]
fn finding_2_documents_backups_and_packets_are_written_private() {
    use std::os::unix::fs::PermissionsExt;
    let centre = Centre::new();
    let (_dir, desk) = enrolled(&centre);
    let stick = tempfile::tempdir().expect("stick");
    let out = stick.path().join("otau-PVL01.otau");
    desk.export_packet(out.to_str().expect("path"), now()).expect("export");
    let mode = std::fs::metadata(&out).expect("packet").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
