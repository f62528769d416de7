//! The `otau` binary run as a real process: commands, their JSON, exit statuses and translated
//! messages, each test on its own temporary database.

// The `otau` process reads the clock; these tests read it too, to know its date.
#![allow(clippy::disallowed_methods)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const ADMIN_PASSWORD: &str = "admin-password";

struct Office {
    _dir: tempfile::TempDir,
    db: PathBuf,
    family_file: PathBuf,
}

fn otau(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otau").expect("otau binary");
    cmd.env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .env_remove("OTAU_PASSWORD")
        .env_remove("OTAU_LANG")
        .arg("--db")
        .arg(db);
    cmd
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout))
    })
}

fn office() -> Office {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("office.sqlite");
    let out = otau(&db)
        .args(["--json", "init", "--office", "PVL01", "--office-name", "Павлодар орталығы"])
        .args(["--region", "KZ-55", "--admin", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run init");
    assert!(out.status.success(), "init: {}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out);
    assert_eq!(v["office"]["code"], "PVL01");
    let family_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/family.json");
    Office { _dir: dir, db, family_file }
}

fn add_family(o: &Office, extra: &[&str]) -> std::process::Output {
    otau(&o.db)
        .args(["--json", "--user", "admin", "family", "add", "--file"])
        .arg(&o.family_file)
        .args(extra)
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run family add")
}

#[test]
fn family_add_prints_the_registration_numbers_and_show_reads_them_back() {
    let o = office();
    let out = add_family(&o, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let v = json_of(&out);
    assert_eq!(v["family_regno"], "PVL01-2026-00001".replace("2026", &year()));
    let numbers: Vec<&str> = v["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["regno"].as_str())
        .collect();
    assert_eq!(numbers.len(), 3);

    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "person", "show", numbers[1]])
        .output()
        .expect("run");
    assert!(out.status.success());
    let p = json_of(&out);
    assert_eq!(p["person"]["given_name"], "Әлия");
    assert_eq!(p["person"]["given_name_latin"], "ALIYA");

    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "family", "show", numbers[2]])
        .output()
        .expect("run");
    let f = json_of(&out);
    assert_eq!(f["family"]["country_of_origin"], "UZ");
    assert_eq!(f["members"].as_array().map(Vec::len), Some(3));

    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "audit", numbers[0]])
        .output()
        .expect("run");
    let a = json_of(&out);
    let entries = a["entries"].as_array().expect("entries");
    assert!(entries.iter().all(|e| e["user_login"] == "admin"));
    assert!(entries.iter().any(|e| e["entity"] == "family" && e["action"] == "family.register"));
}

fn year() -> String {
    chrono::Local::now().format("%Y").to_string()
}

#[test]
fn a_likely_duplicate_is_refused_unless_allowed_but_a_taken_iin_never_passes() {
    let o = office();
    assert!(add_family(&o, &[]).status.success());
    let out = add_family(&o, &[]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["error"]["code"], "store-duplicates");
    let dups = v["error"]["duplicates"].as_array().expect("duplicates");
    assert_eq!(dups.len(), 3);
    assert_eq!(dups[0]["reason"], "same_iin");

    let out = add_family(&o, &["--allow-duplicate"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_of(&out)["error"]["code"], "store-iin-taken");

    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "find", "Nursultan"])
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["count"], 2, "head and the daughter; nothing was added twice");
}

#[test]
fn find_matches_latin_and_russian_spellings_best_first() {
    let o = office();
    assert!(add_family(&o, &[]).status.success());
    for query in ["Nursultan", "Нурсултан", "Нұрсұлтан", "SEIITKALI"] {
        let out = otau(&o.db)
            .args(["--user", "admin"])
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .args(["--json", "find", query])
            .output()
            .expect("run");
        assert!(out.status.success());
        let v = json_of(&out);
        let first = &v["results"][0];
        assert_eq!(first["name"], "Сейітқали Нұрсұлтан Болатұлы", "query {query}: {v}");
        assert!(first["regno"].as_str().is_some_and(|r| r.starts_with("PVL01-")));
    }
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["find", "Алия"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Сейітқали Әлия"));
}

#[test]
fn iin_check_reports_validity_as_a_top_level_boolean() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.sqlite");
    let out = otau(&db).args(["--json", "iin", "check", "900315301237"]).output().expect("run");
    assert!(out.status.success());
    let v = json_of(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(v["birth_date"], "1990-03-15");
    assert_eq!(v["sex"], "male");

    let out = otau(&db).args(["--json", "iin", "check", "900315301238"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["valid"], false);
    assert!(v["error"]["code"].as_str().is_some_and(|c| c.starts_with("iin-")));

    let out =
        otau(&db).args(["--lang", "ru", "iin", "check", "90031530123"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ИИН"), "Russian message names the field: {stderr}");
}

#[test]
fn mci_at_gives_the_value_in_force_and_its_row() {
    let o = office();
    let cases =
        [("2024-06-01", 3692), ("2020-03-31", 2651), ("2020-04-01", 2778), ("2026-01-01", 4325)];
    for (date, tenge) in cases {
        let out = otau(&o.db).args(["--json", "mci", "at", date]).output().expect("run");
        assert!(out.status.success());
        let v = json_of(&out);
        assert_eq!(v["tenge"], tenge, "{date}");
        assert!(v["row"]["effective_from"].is_string());
    }
    let out = otau(&o.db).args(["mci", "at", "2024-13-01"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_bad_family_file_is_refused_with_the_field_named_in_each_language_and_nothing_changes() {
    let o = office();
    let mut family: Value =
        serde_json::from_str(&std::fs::read_to_string(&o.family_file).expect("read"))
            .expect("json");
    family["members"][0]["iin"] = Value::from("850412310212");
    family["members"][1]["birth_date"] = Value::from("2027-01-01");
    let bad = o._dir.path().join("bad.json");
    std::fs::write(&bad, family.to_string()).expect("write");
    for (lang, field_word) in [("kk", "ЖСН"), ("ru", "ИИН"), ("en", "IIN")] {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "family", "add", "--file"])
            .arg(&bad)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(field_word), "{lang}: {stderr}");
    }
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "family", "add", "--file"])
        .arg(&bad)
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    let v = json_of(&out);
    let fields: Vec<&str> = v["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert!(fields.contains(&"members[0].iin"), "{fields:?}");
    assert!(fields.contains(&"members[1].birth_date"), "{fields:?}");
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "find", "Nursultan"])
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["count"], 0, "nothing was saved");
}

#[test]
fn finding_8_a_name_with_terminal_escapes_or_a_direction_override_is_refused_never_echoed() {
    let o = office();
    let mut family: Value =
        serde_json::from_str(&std::fs::read_to_string(&o.family_file).expect("read"))
            .expect("json");
    family["members"][0]["surname"] = Value::from("Сейітқали\u{1b}[2J\u{1b}]0;owned\u{7}");
    family["members"][1]["given_name"] = Value::from("Әлия\u{202e}акз");
    family["members"][2]["surname"] = Value::from("Н".repeat(1 << 20));
    family["address"] = Value::from("Павлодар\u{0}");
    let bad = o._dir.path().join("hostile.json");
    std::fs::write(&bad, family.to_string()).expect("write");
    for (lang, surname) in [("kk", "Тегі"), ("ru", "Фамилия"), ("en", "Surname")] {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "family", "add", "--file"])
            .arg(&bad)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(surname) && stderr.contains("U+001B"), "{lang}: {stderr}");
        assert!(stderr.contains("U+202E") && stderr.contains("U+0000"), "{lang}: {stderr}");
        for raw in ['\u{1b}', '\u{202e}', '\u{0}', '\u{7}'] {
            assert!(!stderr.contains(raw), "{lang}: {raw:?} echoed");
        }
        assert!(stderr.len() < 10_000, "{lang}: the long surname is not echoed");
    }
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "family", "add", "--file"])
        .arg(&bad)
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    let v = json_of(&out);
    let fields: Vec<(&str, &str)> = v["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| Some((f["field"].as_str()?, f["code"].as_str()?)))
        .collect();
    assert_eq!(
        fields,
        [
            ("address", "text-control-character"),
            ("members[0].surname", "text-control-character"),
            ("members[1].given_name", "text-direction-control"),
            ("members[2].surname", "text-too-long"),
        ]
    );
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "find", "Nursultan"])
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["count"], 0, "nothing was saved");
}

#[test]
fn finding_8_a_stored_name_with_terminal_escapes_is_shown_escaped() {
    let o = office();
    let out = add_family(&o, &[]);
    let regno = json_of(&out)["members"][0]["regno"].as_str().expect("regno").to_string();
    // A record from an older database or another device, which entry would have refused.
    let store =
        otau_store::vault::open_with_secret(&o.db, "Otau office secret 2026").expect("open");
    let conn = store.raw_connection();
    conn.execute(
        "UPDATE persons SET given_name = given_name || char(27) || '[2J' || char(8238) || 'x'
         WHERE regno = ?1",
        [&regno],
    )
    .expect("plant");
    drop(store);
    for args in [vec!["person", "show", regno.as_str()], vec!["family", "show", regno.as_str()]] {
        let out = otau(&o.db)
            .args(["--user", "admin"])
            .args(&args)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{args:?}: {text:?}");
        assert!(text.contains("\\u{1b}[2J\\u{202e}x"), "{args:?}: {text}");
    }
}

#[test]
fn finding_8_an_error_naming_a_hostile_file_name_does_not_echo_its_escapes() {
    let o = office();
    let hostile = o._dir.path().join("list\u{1b}[2J\u{202e}.csv");
    let out =
        otau(&o.db).arg("import").arg(&hostile).arg("--suggest-mapping").output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'), "{stderr:?}");
    assert!(stderr.contains("list\\u{1b}[2J\\u{202e}.csv"), "{stderr}");
}

#[test]
fn changing_data_needs_a_user_and_the_right_password_from_stdin() {
    let o = office();
    let out = otau(&o.db)
        .args(["--json", "family", "add", "--file"])
        .arg(&o.family_file)
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["error"]["code"], "cli-user-required");

    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "family", "add", "--file"])
        .arg(&o.family_file)
        .write_stdin("not-the-password\n")
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["error"]["code"], "store-bad-credentials");

    // The acting password on the first line, the new user's on the second.
    let out = otau(&o.db)
        .args([
            "--json",
            "--user",
            "admin",
            "user",
            "add",
            "--password-stdin",
            "--login",
            "aigerim",
            "--role",
            "clerk",
        ])
        .write_stdin(format!("{ADMIN_PASSWORD}\nclerk-password\n"))
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let out = otau(&o.db)
        .args(["--json", "--user", "aigerim", "family", "add", "--file"])
        .arg(&o.family_file)
        .env("OTAU_PASSWORD", "clerk-password")
        .output()
        .expect("run");
    assert!(out.status.success());
    let regno = json_of(&out)["family_regno"].as_str().map(str::to_string).expect("regno");
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "audit", &regno])
        .output()
        .expect("run");
    let a = json_of(&out);
    assert!(a["entries"].as_array().expect("entries").iter().all(|e| e["user_login"] == "aigerim"));

    // A clerk may not add users.
    let out = otau(&o.db)
        .args([
            "--json",
            "--user",
            "aigerim",
            "user",
            "add",
            "--password-stdin",
            "--login",
            "x2",
            "--role",
            "admin",
        ])
        .write_stdin("clerk-password\nanother-password\n")
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["error"]["code"], "store-forbidden");
}

#[test]
fn demo_fills_the_registry_and_the_audit_stays_intact() {
    let o = office();
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "demo", "--families", "40"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let v = json_of(&out);
    assert_eq!(v["families"], 40);
    assert!(v["persons"].as_i64().is_some_and(|n| n > 80));
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "verify-audit"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(json_of(&out)["ok"], true);
    let out = otau(&o.db).args(["--json", "rebuild-index"]).output().expect("run");
    assert_eq!(json_of(&out)["indexed"], v["persons"]);
}

#[test]
fn regression_a_closed_pipe_ends_the_output_quietly() {
    let o = office();
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "demo", "--families", "30"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert!(out.status.success());
    // Like `otau find … | head -1`: the reader closes the pipe before the table is written.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("otau"))
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args(["--db"])
        .arg(&o.db)
        .args(["find", "a"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Every person of a database as (number, names, birth date, IIN), in number order.
fn persons_of(db: &Path) -> Vec<(String, String, String, String, Option<String>)> {
    let store = otau_store::vault::open_with_secret(db, "Otau office secret 2026").expect("open");
    let conn = store.raw_connection();
    let mut stmt = conn
        .prepare("SELECT regno, surname, given_name, birth_date, iin FROM persons ORDER BY regno")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn a_population_from_one_seed_is_the_same_twice_and_spread_over_its_years() {
    let (a, b) = (office(), office());
    for o in [&a, &b] {
        let out = otau(&o.db)
            .args(["--json", "--user", "admin", "demo", "--persons", "1500"])
            .args(["--years", "2023-2025", "--seed", "9"])
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        let v = json_of(&out);
        let persons = v["persons"].as_i64().expect("persons");
        assert!((1500..1510).contains(&persons), "{v}");
    }
    let persons = persons_of(&a.db);
    assert_eq!(persons, persons_of(&b.db), "the same seed gives the same persons");

    // Every year has its share, numbered from 1 in the office's series of that year.
    let mut by_year = std::collections::BTreeMap::<String, Vec<u32>>::new();
    for (regno, ..) in &persons {
        let parts: Vec<&str> = regno.split('-').collect();
        assert_eq!(parts.len(), 3, "{regno}");
        assert_eq!(parts[0], "PVL01");
        by_year.entry(parts[1].to_string()).or_default().push(parts[2].parse().expect("number"));
    }
    assert_eq!(by_year.keys().collect::<Vec<_>>(), ["2023", "2024", "2025"]);
    for (year, numbers) in &by_year {
        assert!(numbers.len() > 300, "{year}: {}", numbers.len());
        let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
        assert_eq!(numbers, &expected, "{year}: gapless from 1");
    }
    // Families registered on working days through each year, not on one day.
    let store =
        otau_store::vault::open_with_secret(&a.db, "Otau office secret 2026").expect("open");
    let conn = store.raw_connection();
    let (days, weekend, first, last): (i64, i64, String, String) = conn
        .query_row(
            "SELECT COUNT(DISTINCT registered_on),
                    SUM(strftime('%w', registered_on) IN ('0', '6')),
                    MIN(registered_on), MAX(registered_on) FROM families",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("days");
    assert!(days > 300, "{days} registration days");
    assert_eq!(weekend, 0);
    assert!(first.starts_with("2023-01") && last.starts_with("2025-12"), "{first} … {last}");

    // Another seed, another population; the same database's audit stays intact.
    let c = office();
    let out = otau(&c.db)
        .args(["--json", "--user", "admin", "demo", "--persons", "300"])
        .args(["--years", "2025", "--seed", "10"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert!(out.status.success());
    let other = persons_of(&c.db);
    assert_ne!(other[..50], persons[..50]);
    let out = otau(&a.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "verify-audit"])
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["ok"], true);
}

#[test]
fn a_population_that_does_not_fit_its_years_is_refused_with_a_message() {
    let o = office();
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "demo", "--persons", "250000", "--years", "2024-2025"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert_eq!(json_of(&out)["error"]["code"], "cli-demo-spec");
}

#[test]
fn finding_6_cli_reads_require_sign_in() {
    let o = office();
    let out = add_family(&o, &[]);
    assert!(out.status.success());
    let regno = json_of(&out)["family_regno"].as_str().expect("regno").to_string();
    let reads: Vec<Vec<&str>> = vec![
        vec!["person", "show", &regno],
        vec!["family", "show", &regno],
        vec!["find", "Оразов"],
        vec!["audit", &regno],
        vec!["audit", "verify"],
        vec!["verify-audit"],
        vec!["person", "views", &regno],
        vec!["ledger", "statement", &regno],
        vec!["ledger", "awaiting"],
        vec!["ledger", "due", "--month", "2026-01"],
        vec!["ledger", "paid", "--from", "2026-01-01", "--to", "2026-12-31"],
        vec!["ledger", "totals", "--from", "2026-01-01", "--to", "2026-12-31"],
        vec!["status", "show", &regno],
        vec!["status", "due"],
        vec!["plan", "show", &regno],
        vec!["doc", "register"],
        vec!["recalc", "list"],
        vec!["sync", "conflicts"],
        vec!["sync", "cases"],
        vec!["sync", "duplicates"],
        vec!["sync", "payments"],
    ];
    let wording = [
        ("en", "Personal data are shown only to a signed-in user"),
        ("ru", "Персональные данные показываются только вошедшему пользователю"),
        ("kk", "Жеке деректер тек кірген пайдаланушыға көрсетіледі"),
    ];
    for args in &reads {
        for (lang, words) in wording {
            let out = otau(&o.db).args(["--lang", lang]).args(args).output().expect("run");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?} {lang}: {stderr}");
            assert!(stderr.contains(words), "{args:?} {lang}: {stderr}");
            assert!(!String::from_utf8_lossy(&out.stdout).contains("Оразов"), "{args:?}");
        }
    }
    // Signed in, the card is shown and its view is logged; a manager sees who looked.
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "person", "show", &regno])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "person", "views", &regno])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let views = json_of(&out);
    assert_eq!(views["total"], 1);
    assert_eq!(views["entries"][0]["login"], "admin");
    assert_eq!(views["entries"][0]["kind"], "card");
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "audit", "verify"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json_of(&out)["ok"], true);
}

#[test]
fn finding_4_otau_audit_verify_says_where_in_each_language_and_fails() {
    let o = office();
    let out = add_family(&o, &[]);
    assert!(out.status.success());
    let verify = |lang: &str, json: bool| {
        let mut cmd = otau(&o.db);
        if json {
            cmd.arg("--json");
        }
        cmd.args(["--lang", lang, "--user", "admin", "audit", "verify"])
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run")
    };
    let out = verify("en", false);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nothing was changed outside Otau"));

    // Someone with the file renames a person behind Otau's back.
    let store =
        otau_store::vault::open_with_secret(&o.db, "Otau office secret 2026").expect("open");
    let conn = store.raw_connection();
    let (id, seq): (String, i64) = conn
        .query_row(
            "SELECT id_text(entity_key), MAX(seq) FROM events
             WHERE envelope_json(body) ->> '$.entity' = 'person'
             AND envelope_json(body) ->> '$.after.given_name' = 'Әлия'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a person");
    conn.execute("UPDATE persons SET given_name = 'Алия' WHERE id = ?1", [&id]).expect("edit");
    drop(store);

    let out = verify("en", true);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["ok"], false);
    let finding = v["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["code"] == "audit-state-differs"))
        .unwrap_or_else(|| panic!("{v:#}"));
    assert_eq!(finding["table"], "persons");
    assert_eq!(finding["id"], id.as_str());
    assert_eq!(finding["field"], "given_name");
    assert_eq!(finding["seq"], seq);
    for (lang, words) in [
        ("en", format!("persons {id}, field given_name: the log (row {seq}) says “Әлия”")),
        ("ru", format!("persons {id}, поле given_name: по журналу (строка {seq}) «Әлия»")),
        ("kk", format!("persons {id}, given_name өрісі: журнал бойынша ({seq}-жол) «Әлия»")),
    ] {
        let out = verify(lang, false);
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains(&words), "{lang}: {said}");
    }
    // The old name of the command says the same.
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "verify-audit"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_of(&out)["ok"], false);
}

/// The example family file with `change` made to it, written beside the database.
fn changed_family(o: &Office, change: impl FnOnce(&mut Value)) -> PathBuf {
    let text = std::fs::read_to_string(&o.family_file).expect("example family");
    let mut family: Value = serde_json::from_str(&text).expect("json");
    change(&mut family);
    let file = o.db.with_extension("family.json");
    std::fs::write(&file, family.to_string()).expect("write");
    file
}

#[test]
fn finding_7_registration_without_consent_or_a_reason_is_refused_naming_the_person() {
    let o = office();
    let file = changed_family(&o, |f| {
        if let Some(child) = f["members"][2].as_object_mut() {
            child.remove("no_consent");
        }
    });
    for (lang, words) in [("kk", "келісім"), ("ru", "согласия"), ("en", "consent")] {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "family", "add", "--file"])
            .arg(&file)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Нұрсұлтанқызы Ұлжан"), "{lang} names the person: {err}");
        assert!(err.contains(words), "{lang} says what to fill: {err}");
    }
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "find", "Сейітқали"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert_eq!(json_of(&out)["results"].as_array().map(Vec::len).unwrap_or(0), 0, "nobody saved");
}

#[test]
fn finding_7_a_withdrawal_is_recorded_and_shown() {
    let o = office();
    let out = add_family(&o, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let regno = json_of(&out)["members"][1]["regno"].as_str().expect("spouse").to_string();
    let today = chrono::Local::now().date_naive().to_string();
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "person", "withdraw-consent", &regno])
        .args(["--on", &today, "--method", "eds", "--note", "Өтініш №17"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out);
    assert_eq!(v["consent"]["status"], "withdrawn");
    assert_eq!(v["person"]["withdrawals"][0]["received_by"], "admin");
    let out = otau(&o.db)
        .args(["--lang", "en", "--user", "admin", "person", "show", &regno])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Consent withdrawn"), "{shown}");
    assert!(shown.contains("Electronic digital signature"), "{shown}");
    // No new paper about the family, in each language, naming whose consent it is.
    let pdf = o.db.with_extension("pdf");
    for (lang, words) in [("kk", "кері қайтарылды"), ("ru", "отозвано"), ("en", "was withdrawn")]
    {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "doc", "certificate", &regno, "--out"])
            .arg(&pdf)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words) && err.contains(&regno), "{lang}: {err}");
    }
    assert!(!pdf.exists(), "no paper written");
    // Twice is refused, in each language.
    for (lang, words) in [("kk", "келісім жоқ"), ("ru", "нет действующего"), ("en", "no consent")]
    {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "person", "withdraw-consent", &regno])
            .args(["--on", &today])
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(words), "{lang}");
    }
}

#[test]
fn finding_7_person_export_holds_everything_about_the_person() {
    let o = office();
    let out = add_family(&o, &[]);
    let v = json_of(&out);
    let regno = v["members"][0]["regno"].as_str().expect("head").to_string();
    let child = v["members"][2]["regno"].as_str().expect("child").to_string();
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "user", "add", "--password-stdin"])
        .args(["--login", "aigerim", "--role", "clerk"])
        .write_stdin(format!("{ADMIN_PASSWORD}\nclerk-password\n"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let file = o.db.with_extension("export.json");
    // A clerk may not, in each language.
    for (lang, words) in [("kk", "экспорттау"), ("ru", "выгрузка"), ("en", "exporting")]
    {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "aigerim", "person", "export", &regno, "--out"])
            .arg(&file)
            .env("OTAU_PASSWORD", "clerk-password")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(words), "{lang}");
    }
    let export = |extra: &[&str]| {
        otau(&o.db)
            .args(["--lang", "en", "--user", "admin", "person", "export", &regno, "--out"])
            .arg(&file)
            .args(extra)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run")
    };
    let out = export(&[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).expect("written");
    let v: Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(v["format"], "otau-person-export/1");
    assert_eq!(v["person"]["person"]["regno"], regno.as_str());
    assert_eq!(v["person"]["consents"][0]["basis"], "given");
    assert!(v["audit"]
        .as_array()
        .is_some_and(|a| a.iter().any(|e| e["action"] == "family.register")));
    assert!(!text.contains(&child), "nothing about another member");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Never over an existing file unless --force.
    let out = export(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert!(export(&["--force"]).status.success());
}

#[test]
fn regression_init_in_a_new_account_makes_the_folder_of_the_default_database() {
    // A user who has never run Otau has no ~/.local/share/otau: `init` without --db failed to
    // write the keys file there (found by scripts/install-test.sh on a clean Debian).
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("home/.local/share");
    let out = Command::cargo_bin("otau")
        .expect("otau binary")
        .env_remove("OTAU_DB")
        .env("HOME", dir.path().join("home"))
        .env("XDG_DATA_HOME", &data)
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "init", "--office", "PVL01", "--office-name", "Павлодар орталығы"])
        .args(["--region", "KZ-55", "--admin", "admin"])
        .output()
        .expect("run init");
    assert!(out.status.success(), "init: {}", String::from_utf8_lossy(&out.stderr));
    assert!(data.join("otau/otau.sqlite").is_file(), "no database in {}", data.display());
    assert!(data.join("otau/otau.sqlite.keys").is_file(), "no keys file in {}", data.display());
}

#[test]
fn a_scan_is_attached_from_the_command_line_and_a_renamed_file_is_refused_in_words() {
    let o = office();
    let v = json_of(&add_family(&o, &[]));
    let regno = v["members"][0]["regno"].as_str().expect("head").to_string();
    let dir = o.db.parent().expect("dir").to_path_buf();
    let photo = dir.join("passport.png");
    let img = image::RgbImage::from_fn(640, 420, |x, y| {
        image::Rgb([(x % 200) as u8, 90, (y % 200) as u8])
    });
    img.save(&photo).expect("png");
    let attach = |file: &Path, lang: &str| {
        otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "person", "attach-scan", &regno])
            .arg(file)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run")
    };
    let out = attach(&photo, "en");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PNG 640×420"));
    let fake = dir.join("passport.jpg");
    std::fs::write(&fake, "a letter, not a photo").expect("write");
    for (lang, words) in [
        ("kk", "JPEG, PNG немесе PDF емес"),
        ("ru", "не JPEG, не PNG и не PDF"),
        ("en", "not a JPEG, PNG or PDF"),
    ] {
        let out = attach(&fake, lang);
        assert_eq!(out.status.code(), Some(1), "{lang}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(words),
            "{lang}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "person", "show", &regno])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run");
    let shown = json_of(&out);
    let scans = shown["scans"].as_array().cloned().unwrap_or_default();
    assert_eq!(scans.len(), 1, "only the photo was kept");
    assert_eq!(scans[0]["file_name"], "passport.png");
    assert_eq!(scans[0]["width"], 640);
}
