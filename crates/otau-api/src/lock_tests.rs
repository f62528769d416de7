//! Regression tests of the desk's lock as the window reaches it, through
//! [`crate::commands::dispatch`]: what a locked or signed-out desk refuses, which files
//! `open_document` opens, and the idle lock kept without the window's timer.

use std::path::{Path, PathBuf};

use chrono::Duration;
use serde_json::{json, Value};

use crate::commands::{dispatch, NAMES};
use crate::error::code;
use crate::settings::{DocsDir, Settings};
use crate::testkit::{at, d, family, office, TODAY};
use crate::{ApiResult, Desk, Now};

/// The commands served to anyone, because they read no record and open no file, or start or
/// end a session. Every other command must be refused while locked or signed out.
const SERVED_TO_ANYONE: [&str; 12] = [
    "app_info",
    "reference",
    "sign_in",
    "sign_in_with_secret",
    "session",
    "sign_out",
    "lock",
    "unlock",
    "read_date",
    "check_iin",
    "is_minor",
    "join_office",
];

/// A desk on a new office saving documents in `docs`, locking after 15 idle minutes.
fn desk_with_folder() -> (tempfile::TempDir, Desk, PathBuf) {
    let (dir, path, store, _) = office();
    drop(store);
    let folder = dir.path().join("docs");
    std::fs::create_dir_all(&folder).expect("folder");
    let settings = Settings {
        db_path: Some(path),
        db_from_env: false,
        lang: otau_i18n::Lang::default(),
        idle_seconds: 900,
        idle_from_env: true,
    };
    let desk = Desk::open(settings, DocsDir::fixed(Some(folder.clone())));
    (dir, desk, folder)
}

/// `seconds` after the tests' moment.
fn after(seconds: i64) -> Now {
    Now { at: at() + Duration::seconds(seconds), today: d(TODAY) }
}

fn call(desk: &Desk, name: &str, args: Value, now: Now) -> ApiResult<Value> {
    dispatch(desk, name, args, now).unwrap_or_else(|| panic!("{name} is a command"))
}

fn code_of(result: ApiResult<Value>) -> Option<String> {
    result.err().map(|e| e.code)
}

fn sign_in(desk: &Desk, now: Now) {
    let args = json!({ "login": "aigerim", "password": "aigerim-password" });
    call(desk, "sign_in", args, now).expect("sign in");
}

/// Registers the example family and issues its certificate as a PDF: the saved file's path.
fn certificate(desk: &Desk, now: Now) -> String {
    let args = json!({ "form": family(), "allow_duplicates": false });
    let registered = call(desk, "register_family", args, now).expect("register");
    let args = json!({
        "kind": "certificate",
        "subject": registered["family_regno"],
        "format": "pdf",
    });
    let saved = call(desk, "issue_document", args, now).expect("issue");
    saved["path"].as_str().map(str::to_owned).unwrap_or_default()
}

#[test]
fn finding_9_a_locked_or_signed_out_desk_opens_no_document_and_reads_no_record() {
    let (_dir, desk, _folder) = desk_with_folder();
    sign_in(&desk, after(0));
    let path = certificate(&desk, after(0));

    for (state, refusal) in [("locked", code::LOCKED), ("signed out", code::SIGNED_OUT)] {
        match state {
            "locked" => call(&desk, "lock", Value::Null, after(1)).map(drop),
            _ => call(&desk, "sign_out", Value::Null, after(1)).map(drop),
        }
        .expect(state);
        let open = call(&desk, "open_document", json!({ "path": path }), after(2));
        assert_eq!(code_of(open).as_deref(), Some(refusal), "open_document while {state}");
        let register =
            call(&desk, "document_register", json!({ "query": "", "limit": 10 }), after(2));
        assert_eq!(code_of(register).as_deref(), Some(refusal), "the register while {state}");
        // Every command but those served to anyone is refused before its arguments are read.
        for name in NAMES.iter().filter(|n| !SERVED_TO_ANYONE.contains(n)) {
            let answer = call(&desk, name, Value::Null, after(2));
            assert_eq!(code_of(answer).as_deref(), Some(refusal), "{name} while {state}");
        }
        sign_in(&desk, after(3));
    }
}

#[test]
fn finding_9_only_a_registered_document_of_the_folder_opens() {
    let (dir, desk, folder) = desk_with_folder();
    sign_in(&desk, after(0));
    let path = certificate(&desk, after(0));
    assert!(path.ends_with("PVL01-2026-D00001.pdf"), "{path}");
    assert_eq!(desk.registered_file(&path).ok(), Path::new(&path).canonicalize().ok());
    let reprint = call(
        &desk,
        "reprint_document",
        json!({ "number": "PVL01-2026-D00001", "format": "pdf" }),
        after(1),
    )
    .expect("reprint");
    let reprint = reprint["path"].as_str().unwrap_or_default().to_owned();
    assert!(reprint.ends_with("PVL01-2026-D00001-duplicate.pdf"), "{reprint}");
    assert!(desk.registered_file(&reprint).is_ok(), "a duplicate of a registered document");

    let bytes = std::fs::read(&path).expect("pdf");
    let write = |p: PathBuf| {
        std::fs::write(&p, &bytes).expect("write");
        p.to_string_lossy().into_owned()
    };
    let outside = write(dir.path().join("PVL01-2026-D00001-3.pdf"));
    std::fs::create_dir_all(folder.join("sub")).expect("sub");
    let mut refused = vec![
        // A number the register does not hold.
        write(folder.join("PVL01-2026-D00099.pdf")),
        // The register's number under another type of file.
        write(folder.join("PVL01-2026-D00001.exe")),
        write(folder.join("PVL01-2026-D00001.pdf.sh")),
        write(folder.join("PVL01-2026-D00001")),
        write(folder.join("notes.txt")),
        // Not right in the folder.
        write(folder.join("sub").join("PVL01-2026-D00001.pdf")),
        outside.clone(),
        folder.join("..").join("PVL01-2026-D00001-3.pdf").to_string_lossy().into_owned(),
        folder.join("PVL01-2026-D00002.pdf").to_string_lossy().into_owned(),
        folder.to_string_lossy().into_owned(),
    ];
    #[cfg(unix)]
    {
        // Links named like a document of the register, leading out of the folder or to it.
        let escaping = folder.join("PVL01-2026-D00001-4.pdf");
        std::os::unix::fs::symlink(&outside, &escaping).expect("link");
        let within = folder.join("PVL01-2026-D00001-5.pdf");
        std::os::unix::fs::symlink(&path, &within).expect("link");
        refused.extend([escaping, within].map(|p| p.to_string_lossy().into_owned()));
    }
    for file in refused {
        let answer = call(&desk, "open_document", json!({ "path": file }), after(2));
        assert_eq!(code_of(answer).as_deref(), Some(crate::documents::code::NOT_SAVED), "{file}");
    }
}

#[test]
fn finding_9_the_desk_locks_itself_after_the_idle_time_without_the_window() {
    let (_dir, desk, _folder) = desk_with_folder();
    let home = |now| call(&desk, "home", Value::Null, now);
    let locked = |now| call(&desk, "session", Value::Null, now).ok().map(|s| s["locked"].clone());

    // Nobody touched anything after signing in.
    sign_in(&desk, after(0));
    assert!(home(after(899)).is_ok(), "within the idle time");
    assert!(home(after(899 + 899)).is_ok(), "each command a person makes starts it again");
    assert_eq!(locked(after(899 + 899 + 899)), Some(false.into()));
    // The sidebar's poll of the sync status is nobody at the keyboard.
    for seconds in [899 + 899 + 300, 899 + 899 + 600, 899 + 899 + 890] {
        let _ = call(&desk, "sync_status", Value::Null, after(seconds));
    }
    let late = after(899 + 899 + 900);
    assert_eq!(locked(late), Some(true.into()), "the session says so, as after lock");
    assert_eq!(code_of(home(late)).as_deref(), Some(code::LOCKED));
    assert_eq!(
        code_of(call(&desk, "open_document", json!({ "path": "x.pdf" }), late)).as_deref(),
        Some(code::LOCKED)
    );

    // Input in the window the desk hears of keeps it open, like any command of a person.
    let args = json!({ "login": "aigerim", "password": "aigerim-password" });
    call(&desk, "unlock", args, after(3000)).expect("unlock");
    call(&desk, "still_here", Value::Null, after(3000 + 899)).expect("still here");
    assert!(home(after(3000 + 899 + 899)).is_ok());
    call(&desk, "lock", Value::Null, after(3000 + 899 + 899)).expect("lock");
    assert_eq!(
        code_of(call(&desk, "still_here", Value::Null, after(4000))).as_deref(),
        Some(code::LOCKED),
        "input does not unlock"
    );

    // Unlocking works as after the window's own lock, and the time starts again.
    let args = json!({ "login": "aigerim", "password": "aigerim-password" });
    call(&desk, "unlock", args, after(5000)).expect("unlock");
    assert!(home(after(5000 + 899)).is_ok());
    assert_eq!(code_of(home(after(5000 + 899 + 900))).as_deref(), Some(code::LOCKED));

    // Signed in and left at once: the first command after the idle time is refused.
    sign_in(&desk, after(9000));
    assert_eq!(code_of(home(after(9000 + 900))).as_deref(), Some(code::LOCKED));
}

#[test]
fn a_saved_pdf_of_the_register_is_handed_to_the_window_to_print_and_nothing_else() {
    use crate::documents::code as doc_code;
    use base64::prelude::{Engine as _, BASE64_STANDARD};
    let (dir, desk, folder) = desk_with_folder();
    sign_in(&desk, after(0));
    let path = certificate(&desk, after(0));
    let printable = call(&desk, "document_pdf", json!({ "path": path }), after(1)).expect("pdf");
    assert_eq!(printable["file_name"], "PVL01-2026-D00001.pdf");
    let sent = BASE64_STANDARD
        .decode(printable["pdf_base64"].as_str().unwrap_or_default())
        .expect("base64");
    assert_eq!(sent, std::fs::read(&path).expect("the saved file"), "the file, byte for byte");

    // A copy outside the documents folder is no document of the register.
    let outside = dir.path().join("PVL01-2026-D00001.pdf");
    std::fs::write(&outside, &sent).expect("copy");
    let answer = call(&desk, "document_pdf", json!({ "path": outside }), after(2));
    assert_eq!(code_of(answer).as_deref(), Some(doc_code::NOT_SAVED));
    // A spreadsheet named by a registered number, and a ".pdf" that is not a PDF, are not printed.
    let sheet = folder.join("PVL01-2026-D00001.xlsx");
    std::fs::write(&sheet, b"PK\x03\x04").expect("sheet");
    let answer = call(&desk, "document_pdf", json!({ "path": sheet }), after(2));
    assert_eq!(code_of(answer).as_deref(), Some(doc_code::NOT_PRINTABLE));
    std::fs::write(&path, b"not a pdf at all").expect("overwrite");
    let answer = call(&desk, "document_pdf", json!({ "path": path }), after(2));
    assert_eq!(code_of(answer).as_deref(), Some(doc_code::NOT_PRINTABLE));
}
