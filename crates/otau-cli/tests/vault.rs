//! Encryption at rest through `otau` (issue 13): `init` encrypts and prints the recovery code
//! once, a copied database is refused without its secret (in each language, and by `sqlite3`),
//! a user's password alone opens it once they have signed in here, the recovery code sets a new
//! office secret, an older plain database is encrypted on command, and the signing key rotates.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const SECRET: &str = "Otau office secret 2026";
const ADMIN_PASSWORD: &str = "admin-password";

/// `otau --db DB` with no secret in its environment.
fn otau(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otau").expect("otau binary");
    cmd.env_remove("OTAU_OFFICE_SECRET")
        .env_remove("OTAU_PASSWORD")
        .env_remove("OTAU_LANG")
        .env_remove("OTAU_DB")
        .arg("--db")
        .arg(db);
    cmd
}

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {} {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A new encrypted office with one family: the folder, the database, the recovery code.
fn office() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("office.sqlite");
    let out = otau(&db)
        .args(["--json", "init", "--office", "PVL01", "--office-name", "Павлодар орталығы"])
        .args(["--region", "KZ-55", "--admin", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("init");
    assert!(out.status.success(), "init: {}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out);
    assert_eq!(v["encrypted"], true);
    let code = v["recovery_code"].as_str().expect("the recovery code, once").to_string();
    let family = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/family.json");
    let out = otau(&db)
        .args(["--json", "--user", "admin", "family", "add", "--file"])
        .arg(&family)
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("add");
    assert!(out.status.success(), "add: {}", String::from_utf8_lossy(&out.stderr));
    (dir, db, code)
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn finding_2_a_copied_database_is_unreadable_without_the_secret() {
    let (dir, db, _) = office();
    let bytes = std::fs::read(&db).expect("read");
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!bytes.windows(5).any(|w| w == b"PVL01"), "no office code readable");
    // The file alone, copied elsewhere: refused as locked, in each language.
    let copy = dir.path().join("copy.sqlite");
    std::fs::copy(&db, &copy).expect("copy");
    for (lang, words) in [
        ("en", "This database is encrypted"),
        ("ru", "База данных зашифрована"),
        ("kk", "Дерекқор шифрланған"),
    ] {
        let out = otau(&copy)
            .args(["--lang", lang, "find", "Nursultan"])
            .env("OTAU_OFFICE_SECRET", SECRET)
            .output()
            .expect("run");
        assert!(!out.status.success());
        assert!(stderr_of(&out).contains(words), "{lang}: {}", stderr_of(&out));
    }
    let out = otau(&copy).args(["--json", "find", "x"]).output().expect("run");
    assert_eq!(json_of(&out)["error"]["code"], "vault-locked", "{}", stderr_of(&out));
    // With its keys file but a wrong secret: refused, said so in each language.
    std::fs::copy(format!("{}.keys", db.display()), format!("{}.keys", copy.display()))
        .expect("keys");
    for (lang, words) in [
        ("en", "does not open this database"),
        ("ru", "не открывает эту базу"),
        ("kk", "бұл дерекқорды ашпайды"),
    ] {
        let out = otau(&copy)
            .args(["--lang", lang, "find", "Nursultan"])
            .env("OTAU_OFFICE_SECRET", "a wrong office secret")
            .output()
            .expect("run");
        assert!(!out.status.success());
        assert!(stderr_of(&out).contains(words), "{lang}: {}", stderr_of(&out));
    }
    // With the secret it opens.
    let out = otau(&copy)
        .args(["--json", "--user", "admin", "find", "Nursultan"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr_of(&out));
    // SQLite's own shell sees no database either.
    if let Ok(out) = std::process::Command::new("sqlite3").arg(&copy).arg(".tables").output() {
        assert!(!out.status.success() || !String::from_utf8_lossy(&out.stdout).contains("persons"));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("not a database"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_user_new_to_this_computer_needs_the_office_secret_once_then_the_password_alone() {
    let (_dir, db, _) = office();
    let out = otau(&db)
        .args([
            "--user",
            "admin",
            "user",
            "add",
            "--login",
            "aigerim",
            "--role",
            "clerk",
            "--password-stdin",
        ])
        .write_stdin("aigerim-password\n")
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("add user");
    assert!(out.status.success(), "{}", stderr_of(&out));
    for (lang, words) in [
        ("en", "aigerim has not signed in on this computer before"),
        ("ru", "aigerim ещё не входил(а) на этом компьютере"),
        ("kk", "aigerim бұл компьютерге бұрын кірмеген"),
    ] {
        let out = otau(&db)
            .args(["--lang", lang, "--user", "aigerim", "find", "Nursultan"])
            .env("OTAU_PASSWORD", "aigerim-password")
            .output()
            .expect("run");
        assert!(!out.status.success());
        assert!(stderr_of(&out).contains(words), "{lang}: {}", stderr_of(&out));
    }
    // Once with the office secret, and the command signs her in: her key is kept here.
    let out = otau(&db)
        .args(["--json", "--user", "aigerim", "user", "sign-ins"])
        .env("OTAU_PASSWORD", "aigerim-password")
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("run");
    assert!(!out.status.success(), "a clerk may not read the log, but she is signed in");
    assert_eq!(json_of(&out)["error"]["code"], "store-forbidden");
    let status = otau(&db).args(["--json", "vault", "status"]).output().expect("status");
    let users = json_of(&status)["users"].clone();
    assert!(users.as_array().is_some_and(|u| u.iter().any(|l| l == "aigerim")), "{users}");
    let out = otau(&db)
        .args(["--json", "--user", "aigerim", "family", "add", "--allow-duplicate", "--file"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/family.json"))
        .env("OTAU_PASSWORD", "aigerim-password")
        .output()
        .expect("run");
    // The same family again: its IIN is taken — but the database opened with her password alone.
    assert_eq!(json_of(&out)["error"]["code"], "store-iin-taken", "{}", stderr_of(&out));
    // A wrong password opens nothing and says so as a wrong secret without the office secret.
    let out = otau(&db)
        .args(["--json", "--user", "aigerim", "find", "x"])
        .env("OTAU_PASSWORD", "wrong-password")
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["error"]["code"], "vault-wrong-secret");
}

#[test]
fn a_password_change_rewraps_the_users_key_and_a_deactivated_user_loses_it() {
    let (_dir, db, _) = office();
    let out = otau(&db)
        .args(["--user", "admin", "user", "password", "admin"])
        .write_stdin("a-new-admin-password-7\n")
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("password");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let old = otau(&db)
        .args(["--json", "--user", "admin", "find", "x"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert_eq!(json_of(&old)["error"]["code"], "vault-wrong-secret");
    let new = otau(&db)
        .args(["--json", "--user", "admin", "find", "Nursultan"])
        .env("OTAU_PASSWORD", "a-new-admin-password-7")
        .output()
        .expect("run");
    assert!(new.status.success(), "{}", stderr_of(&new));
    // A clerk signed in once, then deactivated: their key here is removed.
    let out = otau(&db)
        .args([
            "--user",
            "admin",
            "user",
            "add",
            "--login",
            "bolat",
            "--role",
            "clerk",
            "--password-stdin",
        ])
        .write_stdin("bolat-password-1\n")
        .env("OTAU_PASSWORD", "a-new-admin-password-7")
        .output()
        .expect("add");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = otau(&db)
        .args(["--json", "--user", "bolat", "find", "x"])
        .env("OTAU_PASSWORD", "bolat-password-1")
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = otau(&db)
        .args(["--user", "admin", "user", "deactivate", "bolat"])
        .env("OTAU_PASSWORD", "a-new-admin-password-7")
        .output()
        .expect("deactivate");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let status = json_of(&otau(&db).args(["--json", "vault", "status"]).output().expect("status"));
    assert_eq!(status["state"], "encrypted");
    assert!(
        !status["users"].as_array().is_some_and(|u| u.iter().any(|l| l == "bolat")),
        "{status}"
    );
}

#[test]
fn the_recovery_code_sets_a_new_office_secret() {
    let (_dir, db, code) = office();
    let wrong = otau(&db)
        .args(["--json", "vault", "recover"])
        .write_stdin("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH\nthe new office secret 9\n")
        .output()
        .expect("run");
    assert_eq!(json_of(&wrong)["error"]["code"], "vault-wrong-secret");
    let out = otau(&db)
        .args(["--lang", "en", "vault", "recover"])
        .write_stdin(format!("{}\nthe new office secret 9\n", code.to_lowercase()))
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("The recovery code opened the database"));
    let old = otau(&db)
        .args(["--json", "find", "x"])
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("run");
    assert_eq!(json_of(&old)["error"]["code"], "vault-wrong-secret");
    let new = otau(&db)
        .args(["--json", "--user", "admin", "find", "Nursultan"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .env("OTAU_OFFICE_SECRET", "the new office secret 9")
        .output()
        .expect("run");
    assert!(new.status.success(), "{}", stderr_of(&new));
    // An administrator changes it again with `vault secret`.
    let out = otau(&db)
        .args(["--json", "--user", "admin", "vault", "secret"])
        .write_stdin("short\n")
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .env("OTAU_OFFICE_SECRET", "the new office secret 9")
        .output()
        .expect("run");
    assert_eq!(
        json_of(&out)["error"]["fields"][0]["field"],
        "office_secret",
        "a weak secret is refused"
    );
}

#[test]
fn an_older_plain_database_is_encrypted_on_command_and_its_key_rotates() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("old.sqlite");
    {
        let mut store = otau_store::Store::open(&db).expect("plain");
        #[allow(clippy::disallowed_methods)]
        let at = chrono::Utc::now();
        store
            .init_office(
                at,
                &otau_store::NewOffice {
                    code: "PVL01".into(),
                    name: "Павлодар".into(),
                    region: "KZ-55".into(),
                    admin_login: "admin".into(),
                    admin_password: ADMIN_PASSWORD.into(),
                },
                &otau_core::mci::MciTable::from_json(otau_core::mci::DEFAULT_MCI_JSON)
                    .expect("mci"),
            )
            .expect("init");
    }
    let status = json_of(&otau(&db).args(["--json", "vault", "status"]).output().expect("status"));
    assert_eq!(status["state"], "plain");
    let before = otau(&db)
        .args(["--json", "--user", "admin", "key", "rotate"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("rotate");
    let first = json_of(&before)["public_key"].as_str().expect("key").to_string();
    let out = otau(&db)
        .args(["--json", "--user", "admin", "vault", "encrypt"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("encrypt");
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(json_of(&out)["recovery_code"].is_string());
    assert!(!std::fs::read(&db).expect("read").starts_with(b"SQLite format 3"));
    let status = json_of(&otau(&db).args(["--json", "vault", "status"]).output().expect("status"));
    assert_eq!(status["state"], "encrypted");
    // The key made before encryption still signs; rotated again, papers go on verifying.
    let out = otau(&db)
        .args(["--json", "--user", "admin", "key", "rotate"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("rotate");
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_ne!(json_of(&out)["public_key"].as_str(), Some(first.as_str()));
    let again = otau(&db)
        .args(["--json", "--user", "admin", "vault", "encrypt"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("again");
    assert_eq!(json_of(&again)["error"]["code"], "vault-already-encrypted");
}

#[test]
fn a_keys_file_of_another_office_is_refused_with_the_translated_message_alone() {
    let (_dir, db, _) = office();
    let (_other_dir, other, _) = office();
    // The other office's keys file, opened with the same office secret, beside this database.
    std::fs::copy(format!("{}.keys", other.display()), format!("{}.keys", db.display()))
        .expect("keys");
    let out = otau(&db)
        .args(["--lang", "kk", "find", "Nursultan"])
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let said = stderr_of(&out);
    assert!(said.contains("бұл дерекқорды ашпайды"), "{said}");
    // Nothing of SQLCipher's own log reaches the person at the terminal.
    assert!(!said.contains("hmac check failed") && !said.contains("ERROR CORE"), "{said}");
}

#[test]
fn an_open_store_reads_the_events_another_process_compressed_with_a_newer_office_dictionary() {
    let (dir, db, _) = office();
    // The desk opened the database first: it loaded the office's envelope dictionaries as they
    // were then (the administrator's).
    let mut store = otau_store::vault::open_with_secret(&db, SECRET).expect("open");
    // Meanwhile the command line adds a clerk, and she registers a family: the office's words
    // change, so that process adds a dictionary with her id and compresses her events with it.
    let out = otau(&db)
        .args(["--user", "admin", "user", "add", "--login", "aigerim", "--role", "clerk"])
        .arg("--password-stdin")
        .write_stdin("aigerim-password\n")
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("add user");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/family.json"),
    )
    .expect("family");
    let family = dir.path().join("another-family.json");
    std::fs::write(&family, text.replace(r#""850412310211""#, "null")).expect("write");
    let out = otau(&db)
        .args(["--json", "--user", "aigerim", "family", "add", "--allow-duplicate", "--file"])
        .arg(&family)
        .env("OTAU_PASSWORD", "aigerim-password")
        .env("OTAU_OFFICE_SECRET", SECRET)
        .output()
        .expect("add family");
    assert!(out.status.success(), "{} {}", String::from_utf8_lossy(&out.stdout), stderr_of(&out));
    let regno = json_of(&out)["members"][0]["regno"].as_str().expect("regno").to_string();
    let words: String = store
        .raw_connection()
        .query_row("SELECT words FROM envelope_dictionaries ORDER BY n DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("the newest dictionary");
    assert!(words.contains(r#""login":"aigerim""#), "{words}");

    // The store opened before reads her events all the same: the history, the outbox, the audit.
    let history = store.audit_for(&regno).expect("history");
    assert!(
        history.iter().any(|e| e.user_login == "aigerim" && e.action == "family.register"),
        "{history:?}"
    );
    let hers = store
        .outgoing(0, usize::MAX, usize::MAX)
        .expect("outbox")
        .iter()
        .filter(|e| e.event["actor"]["login"] == "aigerim")
        .count();
    assert!(hers >= 10, "{hers} of her events in the outbox");
    // The moment the check is made: after every event of this test.
    let at = chrono::DateTime::parse_from_rfc3339("2100-01-01T00:00:00Z").expect("moment").to_utc();
    let report = store.verify_audit(at).expect("verify");
    assert!(report.is_clean(), "{:?}", report.findings);
}
