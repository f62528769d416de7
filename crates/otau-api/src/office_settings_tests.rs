//! The office settings screen (issue 15): an administrator renames the office, chooses this
//! computer's documents folder and idle lock; wrong values are refused at their field with
//! nothing saved; what the environment of the start sets wins; a clerk may not.

use crate::commands::dispatch;
use crate::error::ApiResult;
use crate::settings::{DocsDir, Settings};
use crate::testkit::{at, d, office, TODAY};
use crate::{Desk, Now};
use serde_json::{json, Value};
use std::path::PathBuf;

fn now() -> Now {
    Now { at: at(), today: d(TODAY) }
}

fn call(desk: &Desk, name: &str, args: Value) -> ApiResult<Value> {
    dispatch(desk, name, args, now()).unwrap_or_else(|| panic!("{name} is a command"))
}

/// A desk whose documents folder is the default `<dir>/Documents/Otau` (no `OTAU_DOCS_DIR`),
/// idle lock from the environment when `idle_env` is given.
fn desk(idle_env: Option<u32>) -> (tempfile::TempDir, Desk, PathBuf) {
    let (dir, path, store, _) = office();
    drop(store);
    let default = dir.path().join("Documents").join("Otau");
    let settings = Settings {
        db_path: Some(path),
        db_from_env: false,
        lang: otau_i18n::Lang::default(),
        idle_seconds: idle_env.unwrap_or(900),
        idle_from_env: idle_env.is_some(),
    };
    let docs = DocsDir { path: Some(default.clone()), from_env: false };
    (dir, Desk::open(settings, docs), default)
}

fn form(name: &str, folder: &str, idle: &str) -> Value {
    json!({ "form": { "office_name": name, "docs_folder": folder, "idle_minutes": idle } })
}

fn fields(err: &crate::ApiError) -> Vec<(String, String)> {
    err.fields.iter().map(|f| (f.field.clone(), f.code.clone())).collect()
}

#[test]
fn an_administrator_renames_the_office_and_sets_this_computers_folder_and_idle_lock() {
    let (dir, desk, default) = desk(None);
    desk.sign_in("admin", "admin-password").expect("admin");
    let screen = call(&desk, "office_settings", json!({})).expect("screen");
    assert_eq!(screen["office"]["code"], "PVL01");
    assert_eq!(screen["docs_folder"].as_str(), default.to_str());
    assert_eq!(screen["docs_default"].as_str(), default.to_str());
    assert_eq!(screen["idle_minutes"], 15);
    assert_eq!(screen["docs_from_env"], false);

    // Wrong values are refused at their fields, and nothing is saved.
    let refused =
        call(&desk, "save_office_settings", form(" ", "Documents/Otau", "0")).expect_err("refused");
    assert_eq!(
        fields(&refused),
        [
            ("office_name".into(), "value-required".into()),
            ("docs_folder".into(), "settings-folder-not-absolute".into()),
            ("idle_minutes".into(), "settings-idle-range".into()),
        ]
    );
    let refused =
        call(&desk, "save_office_settings", form("Орталық", "", "five")).expect_err("not a number");
    assert_eq!(fields(&refused), [("idle_minutes".into(), "settings-idle-range".into())]);
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a folder").expect("file");
    let inside = blocker.join("docs");
    let refused =
        call(&desk, "save_office_settings", form("Орталық", inside.to_str().unwrap_or(""), ""))
            .expect_err("cannot be written");
    assert_eq!(fields(&refused), [("docs_folder".into(), "settings-folder-unwritable".into())]);
    let unchanged = call(&desk, "office_settings", json!({})).expect("screen");
    assert_eq!(unchanged["office"], screen["office"]);
    assert_eq!(unchanged["docs_saved"], Value::Null);

    // Saved: the folder is made, the name is the office's, the lock follows.
    let folder = dir.path().join("Құжаттар").join("Otau 2027");
    let saved = call(
        &desk,
        "save_office_settings",
        form("Павлодар аудандық бөлімі", folder.to_str().unwrap_or(""), "5"),
    )
    .expect("saved");
    assert!(folder.is_dir(), "the folder was made");
    assert_eq!(saved["office"]["name"], "Павлодар аудандық бөлімі");
    assert_eq!(saved["docs_folder"].as_str(), folder.to_str());
    assert_eq!((saved["idle_minutes"].as_u64(), saved["idle_saved"].as_u64()), (Some(5), Some(5)));
    assert_eq!(std::fs::read_dir(&folder).map(|d| d.count()).ok(), Some(0), "no probe left");

    // A manager signing in later works with them: the lock, and documents saved there.
    desk.sign_out().expect("sign out");
    let session = desk.sign_in("bolat", "bolat-password").expect("manager");
    assert_eq!(session.idle_seconds, 300);
    assert_eq!(session.office.name, "Павлодар аудандық бөлімі");
    let refused = call(&desk, "office_settings", json!({})).expect_err("not an administrator");
    assert_eq!(refused.code, "store-forbidden");
    let args = json!({ "form": crate::testkit::family(), "allow_duplicates": false });
    let registered = call(&desk, "register_family", args).expect("register");
    let regno = registered["members"][0]["regno"].as_str().unwrap_or_default().to_owned();
    let exported = call(&desk, "export_person", json!({ "regno": regno })).expect("export");
    let path = PathBuf::from(exported["path"].as_str().unwrap_or_default());
    assert_eq!(path.parent(), Some(folder.as_path()));

    // Back to the defaults with empty fields.
    desk.sign_out().expect("sign out");
    desk.sign_in("admin", "admin-password").expect("admin");
    let back = call(&desk, "save_office_settings", form("Павлодар аудандық бөлімі", "", ""))
        .expect("defaults");
    assert_eq!(back["docs_folder"].as_str(), default.to_str());
    assert_eq!((back["idle_minutes"].as_u64(), back["idle_saved"].as_u64()), (Some(15), None));
}

#[test]
fn what_the_environment_of_the_start_sets_wins_over_what_is_saved() {
    let (dir, desk, _) = desk(Some(120));
    desk.sign_in("admin", "admin-password").expect("admin");
    let folder = dir.path().join("saved");
    call(&desk, "save_office_settings", form("Орталық", folder.to_str().unwrap_or(""), "30"))
        .expect("saved");
    let screen = call(&desk, "office_settings", json!({})).expect("screen");
    assert_eq!(screen["idle_from_env"], true);
    assert_eq!(
        (screen["idle_minutes"].as_u64(), screen["idle_saved"].as_u64()),
        (Some(2), Some(30))
    );
    assert_eq!(desk.idle_seconds(), 120);
    // The saved folder applies: no OTAU_DOCS_DIR here.
    assert_eq!(desk.docs_folder(), Some(folder.clone()));
    let fixed = Desk::open(
        Settings {
            db_path: None,
            db_from_env: false,
            lang: otau_i18n::Lang::default(),
            idle_seconds: 900,
            idle_from_env: false,
        },
        DocsDir::fixed(Some(PathBuf::from("/srv/otau-docs"))),
    );
    assert_eq!(fixed.docs_folder(), Some(PathBuf::from("/srv/otau-docs")));
    for lang in otau_i18n::Lang::ALL {
        for code in
            ["settings-folder-not-absolute", "settings-folder-unwritable", "settings-idle-range"]
        {
            assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
        }
    }
}
