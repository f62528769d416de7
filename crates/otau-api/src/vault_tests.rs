//! The desk on an encrypted office database: the office shown before anyone signs in, the
//! office secret asked once of a user without a key on this computer, then the password alone;
//! a joined install encrypted, with its recovery code shown once.

use crate::commands::dispatch;
use crate::desk::Desk;
use crate::testkit::{at, d, enrolled, now, Centre, LAPTOP_SECRET, TODAY};
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_store::vault::{RecoveryCode, VaultFile, VaultKeys};
use otau_store::{NewOffice, Store};
use serde_json::json;

const SECRET: &str = "Pavlodar office secret 2026";

/// An encrypted office PVL01 with the [`USERS`], none of whom has signed in on this computer.
fn encrypted_office() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("otau.sqlite");
    let keys = VaultKeys::generate();
    let mut vault = VaultFile::new(&keys, SECRET, &RecoveryCode::generate()).expect("vault");
    let mut store = Store::open_encrypted(&path, &keys).expect("open");
    let info = store
        .init_office(
            at(),
            &NewOffice {
                code: "PVL01".into(),
                name: "Павлодар облыстық бейімдеу орталығы".into(),
                region: "KZ-55".into(),
                admin_login: "admin".into(),
                admin_password: "admin-password".into(),
            },
            &MciTable::from_json(DEFAULT_MCI_JSON).expect("mci"),
        )
        .expect("init");
    let admin = store.sign_in("admin", "admin-password").expect("admin");
    crate::testkit::add_users(&mut store, &admin);
    vault.office = Some(info.office);
    vault.save(&path).expect("save");
    (dir, path)
}

fn code_of<T>(r: crate::error::ApiResult<T>) -> Option<String> {
    r.err().map(|e| e.code)
}

#[test]
fn a_user_new_to_this_computer_gives_the_office_secret_once_then_the_password_alone() {
    let (_dir, path) = encrypted_office();
    let desk = Desk::new(Some(path.clone()), 900);
    // The sign-in screen names the office before the database is opened.
    assert_eq!(desk.app_info().office.map(|o| o.code), Some("PVL01".into()));
    let first = desk.sign_in_at("aigerim", "aigerim-password", now());
    assert_eq!(code_of(first).as_deref(), Some("vault-needs-office-secret"));
    let wrong = desk.sign_in_with_secret("aigerim", "aigerim-password", "not the secret", now());
    assert_eq!(code_of(wrong).as_deref(), Some("vault-wrong-secret"));
    assert_eq!(code_of(desk.home(d(TODAY))).as_deref(), Some("desk-signed-out"));
    let session =
        desk.sign_in_with_secret("aigerim", "aigerim-password", SECRET, now()).expect("secret");
    assert_eq!(session.actor.login, "aigerim");
    assert!(desk.home(d(TODAY)).is_ok());
    drop(desk);

    // The app started again: the password alone opens the database for aigerim.
    let desk = Desk::new(Some(path.clone()), 900);
    let wrong = desk.sign_in_at("aigerim", "wrong-password", now());
    assert_eq!(code_of(wrong).as_deref(), Some("store-bad-credentials"));
    let args = json!({ "login": "aigerim", "password": "aigerim-password" });
    let answer = dispatch(&desk, "sign_in", args, now()).expect("a command");
    assert!(answer.is_ok(), "{answer:?}");
    drop(desk);

    // Another user who has not signed in here is asked, through the command the screen calls.
    let desk = Desk::new(Some(path), 900);
    let args = json!({ "login": "bolat", "password": "bolat-password" });
    let answer = dispatch(&desk, "sign_in", args, now()).expect("a command");
    assert_eq!(code_of(answer).as_deref(), Some("vault-needs-office-secret"));
    let args = json!({ "login": "bolat", "password": "bolat-password", "office_secret": SECRET });
    let answer = dispatch(&desk, "sign_in_with_secret", args, now()).expect("a command");
    assert!(answer.is_ok(), "{answer:?}");
}

#[test]
fn a_joined_install_is_encrypted_and_shows_its_recovery_code_once() {
    let centre = Centre::new();
    // The office's first computer, enrolled: the laptop joins it.
    let (_counter_dir, _counter) = enrolled(&centre);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("laptop.sqlite");
    let desk = Desk::new(Some(path.clone()), 900);
    let form = crate::sync::JoinForm {
        centre_url: centre.url(),
        code: centre.code(),
        device_name: "Field laptop".into(),
        login: "admin".into(),
        password: "laptop-password".into(),
        office_secret: LAPTOP_SECRET.into(),
    };
    let session = desk.join_office(&form, now()).expect("join");
    let code = session.recovery_code.expect("shown once");
    assert_eq!(code.split('-').count(), 8, "{code}");
    assert_eq!(desk.session().expect("session").and_then(|s| s.recovery_code), None, "once");
    let bytes = std::fs::read(&path).expect("read");
    assert!(!bytes.starts_with(b"SQLite format 3"), "encrypted");
    assert!(Store::open(&path).is_err(), "not opened without the key");
    let vault = VaultFile::read(&path).expect("read").expect("keys file");
    assert!(vault.unlock(otau_store::vault::Unlock::Recovery(&code)).is_ok());
    drop(desk);
    // The administrator's password alone opens it next time.
    let desk = Desk::new(Some(path), 900);
    assert!(desk.sign_in("admin", "laptop-password").is_ok());
}

#[test]
fn finding_5_a_user_whose_password_an_administrator_set_chooses_their_own_in_the_app() {
    let (_dir, path) = encrypted_office();
    let desk = Desk::new(Some(path.clone()), 900);
    let admin = desk.sign_in_with_secret("admin", "admin-password", SECRET, now()).expect("admin");
    assert!(!admin.choose_own_password, "the administrator chose theirs at init");
    // The administrator made aigerim's account: she is asked for a password of her own.
    let aigerim =
        desk.sign_in_with_secret("aigerim", "aigerim-password", SECRET, now()).expect("aigerim");
    assert!(aigerim.choose_own_password);
    // The current password is checked, the new one typed twice and held to the rule.
    let wrong = desk
        .change_own_password("not-hers", "Aigerim-Oz-Kilti-7", "Aigerim-Oz-Kilti-7", now())
        .expect_err("wrong");
    let field = |e: &crate::error::ApiError| {
        e.fields.first().map(|f| (f.field.clone(), f.code.clone())).unwrap_or_default()
    };
    assert_eq!(field(&wrong), ("current_password".into(), "desk-current-password-wrong".into()));
    let differ = desk
        .change_own_password("aigerim-password", "Aigerim-Oz-Kilti-7", "Aigerim-Oz-Kilti-8", now())
        .expect_err("differ");
    assert_eq!(field(&differ), ("password_again".into(), "desk-passwords-differ".into()));
    let weak = desk
        .change_own_password("aigerim-password", "aigerim1", "aigerim1", now())
        .expect_err("weak");
    assert_eq!(weak.code, "store-invalid");
    let after = desk
        .change_own_password("aigerim-password", "Aigerim-Oz-Kilti-7", "Aigerim-Oz-Kilti-7", now())
        .expect("changed");
    assert!(!after.choose_own_password);
    assert!(!desk.session().expect("session").expect("signed in").choose_own_password);
    // On a fresh start of the app, the new password alone opens the database; the old one not.
    drop(desk);
    let desk = Desk::new(Some(path), 900);
    assert_eq!(
        code_of(desk.sign_in_at("aigerim", "aigerim-password", now())).as_deref(),
        Some("store-bad-credentials")
    );
    let again = desk.sign_in_at("aigerim", "Aigerim-Oz-Kilti-7", now()).expect("the new one");
    assert!(!again.choose_own_password);
}
