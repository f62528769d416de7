//! `otau backup` and `otau restore` as real processes: a checked backup beside the database,
//! said in Kazakh, Russian and English; a restore that gives the records back, keeps the
//! database it replaced and refuses a damaged backup or a database held open; and `otau user
//! add`, which asks for the new user's password explicitly.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const ADMIN_PASSWORD: &str = "admin-password";
const OFFICE_SECRET: &str = "Otau office secret 2026";

/// `otau --db DB` that knows the office secret, as a computer where the office was set up.
fn otau(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otau").expect("otau binary");
    cmd.env("OTAU_OFFICE_SECRET", OFFICE_SECRET)
        .env_remove("OTAU_PASSWORD")
        .env_remove("OTAU_LANG")
        .env_remove("OTAU_DB")
        .arg("--db")
        .arg(db);
    cmd
}

fn admin(db: &Path) -> Command {
    let mut cmd = otau(db);
    cmd.args(["--user", "admin"]).env("OTAU_PASSWORD", ADMIN_PASSWORD);
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

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// An office PVL01 with one family.
fn office() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("office.sqlite");
    let out = admin(&db)
        .args(["--json", "init", "--office", "PVL01", "--office-name", "Орталық"])
        .args(["--region", "KZ-55"])
        .output()
        .expect("init");
    assert!(out.status.success(), "{}", text(&out));
    add_family(&db);
    (dir, db)
}

/// Adds the example family once more, without IINs and with new document numbers.
fn add_family(db: &Path) {
    let example = include_str!("../../../tests/data/family.json");
    let mut family: Value = serde_json::from_str(example).expect("example");
    let n = families(db);
    for (i, member) in family["members"].as_array_mut().expect("members").iter_mut().enumerate() {
        member["iin"] = Value::Null;
        if member["document"].is_object() {
            member["document"]["number"] = format!("N{n:03}{i:04}").into();
        }
    }
    let file = db.with_file_name(format!("family-{n}.json"));
    std::fs::write(&file, family.to_string()).expect("write");
    let out = admin(db)
        .args(["--json", "family", "add", "--allow-duplicate", "--file"])
        .arg(&file)
        .output()
        .expect("family add");
    assert!(out.status.success(), "{}", text(&out));
}

fn families(db: &Path) -> i64 {
    if !db.exists() {
        return 0;
    }
    let store = otau_store::vault::open_with_secret(db, OFFICE_SECRET).expect("open");
    store.counts().map(|c| c.0).unwrap_or(0)
}

#[test]
fn backup_and_restore_speak_kazakh_russian_and_english() {
    let (dir, db) = office();
    for (lang, written, restored) in [
        ("kk", "Сақтық көшірме жазылып, ашып тексерілді", "көшірмесінен қалпына келтірілді"),
        ("ru", "Резервная копия записана и проверена открытием", "восстановлена из"),
        ("en", "Backup written and checked by opening it", "restored from"),
    ] {
        let out = admin(&db).args(["--lang", lang, "backup"]).output().expect("backup");
        assert!(out.status.success(), "{lang}: {}", text(&out));
        let said = text(&out);
        assert!(said.contains(written), "{lang}: {said}");
        assert!(said.contains("PVL01"), "{lang}: {said}");
        let v = json_of(&admin(&db).args(["--json", "backup"]).output().expect("backup"));
        let path = PathBuf::from(v["path"].as_str().expect("path"));
        assert!(path.starts_with(dir.path().join("backups")), "{}", path.display());
        // The backup of an encrypted office is encrypted with its key: no SQLite header, no
        // office code readable, refused by SQLite's own shell.
        let bytes = std::fs::read(&path).expect("read the backup");
        assert!(!bytes.starts_with(b"SQLite format 3"), "{lang}: a plain backup");
        assert!(!bytes.windows(5).any(|w| w == b"PVL01"), "{lang}: the office code is readable");
        let held = families(&db);
        assert_eq!(v["holdings"]["families"], held);

        // One more family after the backup; the restore gives back the backup's.
        add_family(&db);
        assert_eq!(families(&db), held + 1);
        let out = otau(&db).args(["--lang", lang, "restore"]).arg(&path).output().expect("restore");
        assert!(out.status.success(), "{lang}: {}", text(&out));
        let said = text(&out);
        assert!(said.contains(restored), "{lang}: {said}");
        assert!(said.contains("before-restore-PVL01-"), "{lang}: the copy is named: {said}");
        assert_eq!(families(&db), held, "{lang}");
        add_family(&db);
    }
}

#[test]
fn a_damaged_backup_or_a_database_held_open_is_refused_in_each_language() {
    let (dir, db) = office();
    let v = json_of(&admin(&db).args(["--json", "backup"]).output().expect("backup"));
    let good = PathBuf::from(v["path"].as_str().expect("path"));
    let bytes = std::fs::read(&good).expect("read");
    let truncated = dir.path().join("truncated.sqlite");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).expect("write");
    add_family(&db);
    for (lang, words) in [
        ("kk", "сақтық көшірмесін пайдалану мүмкін емес"),
        ("ru", "нельзя использовать"),
        ("en", "cannot be used"),
    ] {
        let out =
            otau(&db).args(["--lang", lang, "restore"]).arg(&truncated).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        assert!(text(&out).contains(words), "{lang}: {}", text(&out));
    }
    let v = json_of(&otau(&db).args(["--json", "restore"]).arg(&truncated).output().expect("run"));
    assert_eq!(v["error"]["code"], "store-backup-damaged");
    assert_eq!(families(&db), 2, "nothing was replaced");

    // The app (here: any open connection) holds the database: the restore waits for it.
    let held = otau_store::vault::open_with_secret(&db, OFFICE_SECRET).expect("open");
    for (lang, words) in [
        ("kk", "Otau қолданбасында"),
        ("ru", "открыта в приложении Otau"),
        ("en", "is open in the Otau app"),
    ] {
        let out = otau(&db).args(["--lang", lang, "restore"]).arg(&good).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        assert!(text(&out).contains(words), "{lang}: {}", text(&out));
    }
    drop(held);
    assert_eq!(families(&db), 2, "nothing was replaced");
    let out = otau(&db).args(["--json", "restore"]).arg(&good).output().expect("run");
    assert_eq!(json_of(&out)["backup"]["families"], 1);
}

#[test]
fn a_clerk_may_not_back_up_and_the_new_users_password_is_asked_explicitly() {
    let (_dir, db) = office();
    // Without --password-stdin, off a terminal, the new password is not guessed from
    // OTAU_PASSWORD (the administrator's) or from standard input.
    let out = admin(&db)
        .args(["--json", "user", "add", "--login", "aigerim", "--role", "clerk"])
        .write_stdin("clerk-password\n")
        .output()
        .expect("user add");
    assert_eq!(json_of(&out)["error"]["code"], "cli-new-password-how");
    for (lang, words) in
        [("kk", "--password-stdin"), ("ru", "--password-stdin"), ("en", "--password-stdin")]
    {
        let out = admin(&db)
            .args(["--lang", lang, "user", "add", "--login", "aigerim", "--role", "clerk"])
            .output()
            .expect("user add");
        assert!(text(&out).contains(words), "{lang}: {}", text(&out));
    }
    let out = admin(&db)
        .args([
            "--json",
            "user",
            "add",
            "--password-stdin",
            "--login",
            "aigerim",
            "--role",
            "clerk",
        ])
        .write_stdin("clerk-password\n")
        .output()
        .expect("user add");
    assert!(out.status.success(), "{}", text(&out));
    // The administrator's password is not the clerk's.
    let out = otau(&db)
        .args(["--json", "--user", "aigerim", "backup"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["error"]["code"], "store-bad-credentials");
    let out = otau(&db)
        .args(["--json", "--user", "aigerim", "backup"])
        .env("OTAU_PASSWORD", "clerk-password")
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["error"]["code"], "store-forbidden");
}

#[test]
fn a_large_backup_tells_each_tenth_of_the_copy_and_then_the_check() {
    let (_dir, db) = office();
    let small = admin(&db).args(["--lang", "en", "backup"]).output().expect("backup");
    assert!(small.status.success(), "{}", text(&small));
    assert!(
        !String::from_utf8_lossy(&small.stderr).contains("Copying"),
        "a small one says nothing"
    );

    // An office's database of some size: 72 MiB.
    let store = otau_store::vault::open_with_secret(&db, OFFICE_SECRET).expect("open");
    store
        .raw_connection()
        .execute_batch(
            "CREATE TABLE padding (bytes BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1152)
             INSERT INTO padding SELECT randomblob(65536) FROM n;",
        )
        .expect("padding");
    drop(store);
    for (lang, copying, checking) in [
        ("kk", "Дерекқор көшірілуде", "Көшірме ашылып тексерілуде"),
        ("en", "Copying the database", "Checking the copy by opening it"),
    ] {
        let out = admin(&db).args(["--lang", lang, "backup"]).output().expect("backup");
        assert!(out.status.success(), "{lang}: {}", text(&out));
        let told = String::from_utf8_lossy(&out.stderr).into_owned();
        let lines: Vec<&str> = told.lines().collect();
        let expected: Vec<String> = (0..=10).map(|t| format!("{copying}: {}%", 10 * t)).collect();
        assert_eq!(lines[..lines.len() - 1], expected, "{lang}: {told}");
        assert!(lines.last().is_some_and(|l| l.starts_with(checking)), "{lang}: {told}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("PVL01"), "{lang}");
    }
}
