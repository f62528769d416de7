//! Passwords and sign-ins through `otau` as real processes (Law 94-V: control and log access):
//! a weak password is refused in each language with what to choose, failed sign-ins lock the
//! login — across processes — and `otau user sign-ins` lists every attempt for administrators,
//! and a user deactivated by an administrator cannot sign in until activated again.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const ADMIN_PASSWORD: &str = "admin-password";
const CLERK_PASSWORD: &str = "clerk-password";

struct Office {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn otau(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otau").expect("otau binary");
    cmd.env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .env_remove("OTAU_PASSWORD")
        .env_remove("OTAU_LANG")
        .env_remove("OTAU_DB")
        .arg("--db")
        .arg(db);
    cmd
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// An office with its administrator and the clerk `aigerim`.
fn office() -> Office {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("office.sqlite");
    let out = otau(&db)
        .args(["--json", "init", "--office", "PVL01", "--office-name", "Орталық"])
        .args(["--region", "KZ-55"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("init");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let out = add_user(&db, "aigerim", CLERK_PASSWORD, "en");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    Office { _dir: dir, db }
}

fn add_user(db: &Path, login: &str, password: &str, lang: &str) -> std::process::Output {
    otau(db)
        .args([
            "--lang",
            lang,
            "--json",
            "--user",
            "admin",
            "user",
            "add",
            "--password-stdin",
            "--login",
            login,
        ])
        .args(["--role", "clerk", "--full-name", "Айгерім Сәрсенова"])
        .write_stdin(format!("{ADMIN_PASSWORD}\n{password}\n"))
        .output()
        .expect("user add")
}

/// Runs `args` as `login` with `password`; the JSON answer.
fn as_user(o: &Office, login: &str, password: &str, args: &[&str]) -> Value {
    let out = otau(&o.db)
        .args(["--json", "--user", login])
        .args(args)
        .env("OTAU_PASSWORD", password)
        .output()
        .expect("run");
    json_of(&out)
}

fn error_code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("none")
}

#[test]
fn finding_5_a_weak_password_is_refused_with_what_to_choose() {
    let o = office();
    for (lang, advice) in [
        ("en", "several unrelated words"),
        ("ru", "несколько не связанных между собой слов"),
        ("kk", "бір-бірімен байланыссыз бірнеше сөз"),
    ] {
        for (password, code) in [
            ("aaaaaaaa", "password-too-simple"),
            ("qwerty123", "password-common"),
            ("bolat1990", "password-like-login"),
            ("Сәрсенова", "password-like-login"),
        ] {
            let out = add_user(&o.db, "bolat", password, lang);
            assert!(!out.status.success(), "{lang}: {password} accepted");
            let v = json_of(&out);
            assert_eq!(error_code(&v), "cli-invalid-input", "{lang}: {password}");
            let field = &v["error"]["fields"][0];
            assert_eq!(
                (field["field"].as_str(), field["code"].as_str()),
                (Some("password"), Some(code))
            );
            let message = field["message"].as_str().unwrap_or_default();
            assert!(message.contains(advice), "{lang}: {password}: {message}");
        }
    }
    // The same rule when a password is set again on the device.
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "user", "password", "aigerim"])
        .write_stdin(format!("{ADMIN_PASSWORD}\n11111111\n"))
        .output()
        .expect("password");
    assert_eq!(json_of(&out)["error"]["fields"][0]["code"], "password-too-simple");
    assert!(add_user(&o.db, "bolat", "жасыл алма терезе", "kk").status.success());
}

#[test]
fn finding_5_failed_sign_ins_lock_the_login_with_a_growing_delay_and_are_logged() {
    let o = office();
    // Each attempt is a new process: the count lives in the database.
    for _ in 0..4 {
        let v = as_user(&o, "aigerim", "wrong-password", &["user", "sign-ins"]);
        assert_eq!(error_code(&v), "store-bad-credentials");
    }
    let v = as_user(&o, "aigerim", "wrong-password", &["user", "sign-ins"]);
    assert_eq!(error_code(&v), "store-sign-in-locked", "the fifth failure locks");
    // Locked: even the right password is refused, saying until when, in each language.
    for (lang, words) in
        [("en", "try again after"), ("ru", "попробуйте снова после"), ("kk", "кейін қайталаңыз")]
    {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "aigerim", "user", "sign-ins"])
            .env("OTAU_PASSWORD", CLERK_PASSWORD)
            .output()
            .expect("run");
        assert!(!out.status.success(), "{lang}: signed in while locked");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(words) && stderr.contains(" UTC"), "{lang}: {stderr}");
    }

    // The administrator sees every attempt with its login, moment and outcome; a clerk may not.
    let v = as_user(&o, "admin", ADMIN_PASSWORD, &["user", "sign-ins", "--login", "aigerim"]);
    let outcomes: Vec<&str> = v["sign_ins"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["outcome"].as_str())
        .collect();
    assert_eq!(
        outcomes,
        ["locked", "locked", "locked", "failure", "failure", "failure", "failure", "failure"]
    );
    assert!(v["sign_ins"][0]["at"].as_str().is_some_and(|t| t.ends_with('Z')), "{v}");
    let out = otau(&o.db)
        .args(["--lang", "en", "--user", "admin", "user", "sign-ins", "--limit", "3"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("table");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Outcome") && table.contains("signed in"), "{table}");
    assert!(table.contains("refused: locked"), "{table}");

    // Setting a new password ends the lock; the clerk signs in and reads nothing of the log.
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "user", "password", "aigerim"])
        .write_stdin(format!("{ADMIN_PASSWORD}\nTundik-7-Kiiz\n"))
        .output()
        .expect("password");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let v = as_user(&o, "aigerim", "Tundik-7-Kiiz", &["user", "sign-ins"]);
    assert_eq!(error_code(&v), "store-forbidden");
}

#[test]
fn finding_5_a_deactivated_user_cannot_sign_in() {
    let o = office();
    let v = as_user(&o, "admin", ADMIN_PASSWORD, &["user", "deactivate", "aigerim"]);
    assert_eq!((v["login"].as_str(), v["active"].as_bool()), (Some("aigerim"), Some(false)), "{v}");
    let v = as_user(&o, "aigerim", CLERK_PASSWORD, &["user", "password", "aigerim"]);
    assert_eq!(error_code(&v), "store-user-inactive");
    let v = as_user(&o, "admin", ADMIN_PASSWORD, &["user", "list"]);
    let aigerim = v["users"].as_array().expect("users").iter().find(|u| u["login"] == "aigerim");
    assert_eq!(aigerim.map(|u| u["active"].clone()), Some(Value::Bool(false)));

    // Only administrators, and never themselves or the last administrator.
    let v = as_user(&o, "admin", ADMIN_PASSWORD, &["user", "deactivate", "admin"]);
    assert_eq!(error_code(&v), "store-deactivate-self");

    let v = as_user(&o, "admin", ADMIN_PASSWORD, &["user", "activate", "aigerim"]);
    assert_eq!(v["active"], true, "{v}");
    let v = as_user(&o, "aigerim", CLERK_PASSWORD, &["user", "deactivate", "admin"]);
    assert_eq!(error_code(&v), "store-forbidden");
    // Active again: the clerk signs in and changes their own password.
    let out = otau(&o.db)
        .args(["--json", "--user", "aigerim", "user", "password", "aigerim"])
        .env("OTAU_PASSWORD", CLERK_PASSWORD)
        .write_stdin("Tundik-7-Kiiz\n")
        .output()
        .expect("password");
    assert!(out.status.success(), "active again: {}", String::from_utf8_lossy(&out.stdout));
}
