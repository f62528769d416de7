//! Importing a spreadsheet in the window: opened from its bytes, mapped as suggested and
//! changed, checked with every refused row listed and saved to correct, imported and found, a
//! second import that adds nothing, a run stopped from another thread that writes nothing, and
//! the refusals a clerk can meet.

use std::path::PathBuf;

use base64::prelude::{Engine, BASE64_STANDARD};
use otau_core::old_register::{old_register, OldRegister, HEADINGS};

use super::{code, ImportSetup, ImportStep};
use crate::desk::Desk;
use crate::testkit::{d, desk_with_folder, now, TODAY};

/// The register as a CSV file with semicolons, as a spreadsheet program saves it.
fn csv(register: &OldRegister) -> String {
    let mut text = String::from("\u{feff}");
    text.push_str(&HEADINGS.join(";"));
    text.push('\n');
    for row in &register.rows {
        text.push_str(&row.join(";"));
        text.push('\n');
    }
    BASE64_STANDARD.encode(text)
}

fn signed_in() -> (tempfile::TempDir, Desk, PathBuf) {
    let (dir, desk, folder) = desk_with_folder();
    desk.sign_in_at("aigerim", "aigerim-password", now()).expect("sign in");
    (dir, desk, folder)
}

/// The suggested mapping with the settlement the file lacks given as a default.
fn with_settlement(mut setup: ImportSetup) -> ImportSetup {
    setup.defaults.insert("settlement".into(), "Павлодар".into());
    setup
}

#[test]
fn a_spreadsheet_opened_in_the_window_is_checked_saved_with_its_refused_rows_imported_and_found() {
    let (_dir, desk, folder) = signed_in();
    let register = old_register(11, 120, d(TODAY));
    let opened = desk.import_open("/home/clerk/old register.csv", &csv(&register)).expect("open");
    assert_eq!(opened.file_name, "old register.csv", "only the file's name is kept");
    assert_eq!(opened.rows, 120);
    assert_eq!(opened.columns.len(), HEADINGS.len());
    assert_eq!(opened.columns[1].heading, "Тегі");
    assert_eq!(opened.columns[1].samples.len(), 3);
    assert_eq!(opened.setup.family_key.as_deref(), Some("Отбасы №"));
    assert_eq!(opened.setup.columns.get("surname").map(String::as_str), Some("Тегі"));
    assert!(opened.fields.iter().any(|f| f.field == "settlement" && f.required && f.per_family));

    // As suggested, the settlement has neither a column nor a default: the check says so.
    let e = desk.import_check(&opened.setup, now()).expect_err("no settlement");
    assert_eq!(e.code, "store-invalid");
    assert_eq!(e.fields[0].code, "import-field-unmapped", "{:?}", e.fields);

    let setup = with_settlement(opened.setup);
    let before = desk.find("Павлодар", 5).expect("find").hits.len();
    let dry = desk.import_check(&setup, now()).expect("dry run");
    assert!(dry.dry_run);
    let refused: Vec<u32> = dry.refused.iter().map(|r| r.row).collect();
    for broken in &register.broken {
        assert!(refused.contains(&(*broken as u32)), "row {broken} refused: {refused:?}");
    }
    let codes: Vec<&str> =
        dry.refused.iter().flat_map(|r| r.problems.iter().map(|p| p.code.as_str())).collect();
    assert!(codes.contains(&"import-bad-date") && codes.contains(&"iin-check-digit"), "{codes:?}");
    assert!(dry.families.iter().all(|f| f.regno.is_none()));
    assert_eq!(desk.find("Павлодар", 5).expect("find").hits.len(), before, "nothing written");
    let progress = desk.import_progress();
    assert!(!progress.running && progress.stage == Some(ImportStep::Checking));
    assert_eq!(progress.done, progress.total);

    // The refused rows, saved to correct: the file's own cells and the reasons.
    let saved = desk.import_save_refused(otau_i18n::Lang::Ru).expect("save");
    assert_eq!(saved.file_name, "old register-refused.xlsx");
    assert_eq!(saved.rows as usize, dry.refused.len());
    assert!(PathBuf::from(&saved.path).starts_with(&folder));
    let again = desk.import_save_refused(otau_i18n::Lang::Ru).expect("save again");
    assert_eq!(again.file_name, "old register-refused-2.xlsx", "never over a file");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&saved.path).expect("open");
    use calamine::Reader;
    let range = book.worksheet_range_at(0).expect("sheet").expect("range");
    assert_eq!(range.height(), dry.refused.len() + 1);
    let first_broken = register.broken[0];
    // A broken row refuses its whole family: the file holds the family's other rows too.
    let line: Vec<String> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        .find(|r| r[0] == first_broken.to_string())
        .expect("the broken row");
    assert_eq!(line[1..=HEADINGS.len()], register.rows[first_broken - 2][..]);
    assert!(line[HEADINGS.len() + 1].contains("31.02.1990"), "{line:?}");

    let done = desk.import_run(&setup, now()).expect("import");
    assert!(!done.dry_run);
    assert_eq!(done.families.len(), dry.families.len());
    assert_eq!(done.refused, dry.refused, "the import did what the check said");
    assert!(done.families.iter().all(|f| f.regno.is_some()));
    let head = &done.families[0];
    let hits = desk.find(&head.head, 10).expect("find").hits;
    assert!(!hits.is_empty(), "{} is found", head.head);

    let second = desk.import_run(&setup, now()).expect("again");
    assert!(second.families.is_empty());
    assert_eq!(second.already_registered.len(), done.families.len());
}

#[test]
fn an_import_stopped_from_another_thread_writes_nothing() {
    let (_dir, desk, _folder) = signed_in();
    let register = old_register(12, 1500, d(TODAY));
    let opened = desk.import_open("register.csv", &csv(&register)).expect("open");
    let setup = with_settlement(opened.setup);
    let probe = register.rows[0][1].clone();
    let before = desk.find(&probe, 200).expect("find").hits.len();
    let stopped = std::thread::scope(|scope| {
        let run = scope.spawn(|| desk.import_run(&setup, now()));
        // Stop it once it has begun: it goes on to the end of the family at hand, no further.
        loop {
            let progress = desk.import_progress();
            if progress.running && progress.done > 0 {
                let asked = desk.import_cancel();
                assert!(asked.stopping, "{asked:?}");
                break;
            }
            assert!(!run.is_finished(), "the import ended before it could be stopped");
            std::thread::yield_now();
        }
        run.join().expect("join")
    });
    let e = stopped.expect_err("stopped");
    assert_eq!(e.code, "store-cancelled");
    assert_eq!(desk.find(&probe, 200).expect("find").hits.len(), before, "nothing written");
    let progress = desk.import_progress();
    assert!(!progress.running && !progress.stopping, "{progress:?}");
    // Started again, it runs to the end.
    let done = desk.import_run(&setup, now()).expect("import");
    assert!(done.families.len() > 200, "{}", done.families.len());
}

#[test]
fn what_a_clerk_can_get_wrong_is_refused_with_a_code_and_signing_out_forgets_the_file() {
    let (_dir, desk, _folder) = desk_with_folder();
    let register = old_register(13, 10, d(TODAY));
    let content = csv(&register);
    let e = desk.import_open("register.csv", &content).expect_err("signed out");
    assert_eq!(e.code, "desk-signed-out");
    desk.sign_in_at("aigerim", "aigerim-password", now()).expect("sign in");
    let e = desk.import_check(&ImportSetup::default(), now()).expect_err("no file");
    assert_eq!(e.code, code::NO_FILE);
    let e = desk.import_open("register.pdf", &content).expect_err("a pdf");
    assert_eq!(e.fields[0].code, "import-file-kind");
    let e = desk.import_open("register.csv", "not base64!").expect_err("garbled");
    assert_eq!(e.code, code::NOT_RECEIVED);
    let e = desk.import_open("register.xlsx", &content).expect_err("a csv named xlsx");
    assert_eq!(e.fields[0].code, "import-file-unreadable", "read by content, not by name");

    let opened = desk.import_open("register.csv", &content).expect("open");
    let e = desk.import_save_refused(otau_i18n::Lang::Kk).expect_err("not checked yet");
    assert_eq!(e.code, code::NOTHING_REFUSED);
    let mut setup = with_settlement(opened.setup.clone());
    setup.columns.insert("surnme".into(), "Тегі".into());
    let e = desk.import_check(&setup, now()).expect_err("unknown field");
    assert_eq!(e.fields[0].code, "import-mapping-invalid");
    let reread = desk.import_reread(None, 2).expect("headings in row 2");
    assert_eq!(reread.rows, 9);
    assert_eq!(reread.columns[1].heading, register.rows[0][1]);

    desk.sign_out().expect("sign out");
    desk.sign_in_at("aigerim", "aigerim-password", now()).expect("sign in");
    let e = desk.import_check(&with_settlement(opened.setup), now()).expect_err("forgotten");
    assert_eq!(e.code, code::NO_FILE, "signing out forgets the file");
}

#[test]
fn every_code_of_the_import_screen_is_translated() {
    for lang in otau_i18n::Lang::ALL {
        for code in code::ALL.iter().chain(&["store-cancelled"]) {
            assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
        }
    }
}
