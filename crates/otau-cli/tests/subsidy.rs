//! The subsidy commands run as real processes: `subsidy`, `ledger`, `mci add`, `rule` and
//! `recalc`, their JSON, their tables in each language, role and maker–checker refusals, and bad
//! input refused naming the field with nothing changed.

// The `otau` process reads the clock; these tests read it too, to know its date.
#![allow(clippy::disallowed_methods)]

use assert_cmd::Command;
use otau_core::iin::check_digit;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const ADMIN: &str = "admin-password";
const CLERK: &str = "clerk-password";
const MANAGER: &str = "manager-password";

struct Office {
    dir: tempfile::TempDir,
    db: PathBuf,
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
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn nb(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

/// A JSON text with its no-break spaces as ordinary ones.
fn plain(v: &Value) -> String {
    v.as_str().unwrap_or_default().replace('\u{a0}', " ")
}

/// An IIN for a birth date `YYMMDD` and century-and-sex digit, unique by `serial`.
fn iin(yymmdd: &str, century_sex: u8, serial: &mut u32) -> String {
    loop {
        *serial += 1;
        let text = format!("{yymmdd}{century_sex}{:04}", *serial);
        let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
        let first11: [u8; 11] = digits.try_into().expect("11 digits");
        if let Some(c) = check_digit(&first11) {
            return format!("{text}{c}");
        }
    }
}

impl Office {
    /// Runs `otau` as `user` (password from the environment) with `--json`.
    fn run(&self, user: Option<(&str, &str)>, args: &[&str]) -> std::process::Output {
        let mut cmd = otau(&self.db);
        cmd.arg("--json");
        if let Some((login, password)) = user {
            cmd.args(["--user", login]).env("OTAU_PASSWORD", password);
        }
        cmd.args(args).output().expect("run otau")
    }

    fn ok(&self, user: Option<(&str, &str)>, args: &[&str]) -> Value {
        let out = self.run(user, args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        json_of(&out)
    }

    fn refused(&self, user: Option<(&str, &str)>, args: &[&str]) -> Value {
        let out = self.run(user, args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        json_of(&out)["error"].clone()
    }

    /// Registers a family of `members` arrived on `arrival`, includes it in the quota and gives
    /// the head a status; returns its registration number.
    fn family(&self, members: usize, arrival: &str, serial: &mut u32) -> String {
        let given = ["Нұрлан", "Әлия", "Ұлжан", "Дана", "Айгерім"];
        let list: Vec<Value> = (0..members)
            .map(|i| {
                let (relation, sex, birth, yymmdd, digit) = match i {
                    0 => ("head", "male", "1981-04-12", "810412", 3),
                    1 => ("spouse", "female", "1984-09-03", "840903", 4),
                    _ => ("child", "female", "2012-02-14", "120214", 6),
                };
                let mut m = json!({
                    "relation": relation,
                    "surname": format!("Қасымов{}", ["", "а"][usize::from(sex == "female")]),
                    "given_name": given[i % given.len()],
                    "birth_date": birth,
                    "sex": sex,
                    "iin": iin(yymmdd, digit, serial),
                });
                if relation == "child" {
                    m["no_consent"] = json!({ "reason": "minor", "covered_by": 0 });
                } else {
                    m["consent"] = json!({ "given_on": arrival });
                }
                m
            })
            .collect();
        let family = json!({
            "arrival_date": arrival,
            "country_of_origin": "CN",
            "region": "KZ-55",
            "settlement": "Екібастұз",
            "members": list,
        });
        let file = self.dir.path().join(format!("family-{serial}.json"));
        std::fs::write(&file, family.to_string()).expect("write family");
        let file = file.display().to_string();
        let reg = self
            .ok(Some(("admin", ADMIN)), &["family", "add", "--file", &file, "--allow-duplicate"]);
        // In the quota and with the head's status granted, through case work's own commands.
        let regno = reg["family_regno"].as_str().expect("regno").to_string();
        let year = &arrival[..4];
        if year != "2026" {
            self.ok(
                Some(("admin", ADMIN)),
                &[
                    "quota",
                    "set",
                    "--region",
                    "KZ-55",
                    "--year",
                    year,
                    "--people",
                    "100000",
                    "--from",
                    &format!("{year}-01-01"),
                ],
            );
        }
        self.ok(
            Some(("admin", ADMIN)),
            &[
                "status",
                "record",
                &regno,
                "--applied",
                arrival,
                "--recommended",
                arrival,
                "--recommendation",
                "yes",
                "--granted",
                arrival,
            ],
        );
        self.ok(Some(("admin", ADMIN)), &["quota", "include", &regno, "--on", arrival]);
        regno
    }

    fn ledger_rows(&self) -> i64 {
        let store =
            otau_store::vault::open_with_secret(&self.db, "Otau office secret 2026").expect("open");
        store
            .raw_connection()
            .query_row("SELECT COUNT(*) FROM ledger_entries", [], |r| r.get(0))
            .expect("count")
    }
}

fn office() -> Office {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("office.sqlite");
    let o = Office { dir, db };
    let out = otau(&o.db)
        .args(["--json", "init", "--office", "PVL01", "--office-name", "Павлодар орталығы"])
        .args(["--region", "KZ-55"])
        .env("OTAU_PASSWORD", ADMIN)
        .output()
        .expect("init");
    assert!(out.status.success(), "init: {}", String::from_utf8_lossy(&out.stderr));
    for (login, role, password) in
        [("aigerim", "clerk", CLERK), ("marat", "manager", MANAGER), ("saule", "manager", MANAGER)]
    {
        let out = otau(&o.db)
            .args([
                "--json",
                "--user",
                "admin",
                "user",
                "add",
                "--password-stdin",
                "--login",
                login,
                "--role",
                role,
            ])
            .write_stdin(format!("{ADMIN}\n{password}\n"))
            .output()
            .expect("user add");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    }
    o
}

const CLERK_USER: Option<(&str, &str)> = Some(("aigerim", CLERK));
const MARAT: Option<(&str, &str)> = Some(("marat", MANAGER));
const SAULE: Option<(&str, &str)> = Some(("saule", MANAGER));
const ADMIN_USER: Option<(&str, &str)> = Some(("admin", ADMIN));

#[test]
fn prepare_prints_the_decision_with_its_explanation_in_each_language() {
    let o = office();
    let mut serial = 0;
    let regno = o.family(4, "2024-01-15", &mut serial);
    let d = o.ok(
        CLERK_USER,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "relocation",
            "--decided-on",
            "2024-03-01",
        ],
    );
    assert_eq!(d["number"], "PVL01-S-2024-00001");
    assert_eq!(d["rule_id"], "relocation-2023");
    let i = &d["instalments"][0];
    assert_eq!(i["amount_tiyn"], 103_376_000);
    assert_eq!(i["amount_mci"], 28_000);
    assert_eq!(i["mci"]["tenge"], 3692);
    assert_eq!(i["mci"]["effective_from"], "2024-01-01");
    assert_eq!(i["state"], "awaiting_approval");
    assert_eq!(i["explanation"]["code"], "subsidy-explain-per-member");
    // --json speaks Kazakh by default; the text is in the language asked for.
    assert_eq!(plain(&i["explanation"]["text"]), "4 адам × 70 АЕК × 3 692 ₸ = 1 033 760 ₸");
    for (lang, text) in [
        ("kk", "4 адам × 70 АЕК × 3 692 ₸ = 1 033 760 ₸"),
        ("ru", "4 чел. × 70 МРП × 3 692 ₸ = 1 033 760 ₸"),
        ("en", "4 persons × 70 MCI × 3 692 ₸ = 1 033 760 ₸"),
    ] {
        let out = otau(&o.db)
            .args(["--user", "admin", "--lang", lang, "subsidy", "show", "pvl01-s-2024-00001"])
            .env("OTAU_PASSWORD", ADMIN)
            .output()
            .expect("run");
        assert!(out.status.success());
        let stdout = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
        assert!(stdout.contains(text), "{lang}: {stdout}");
        assert!(stdout.contains("1 033 760 ₸"), "{lang}: {stdout}");
    }
    // A dry run computes and checks without saving and without a user.
    let rows = o.ledger_rows();
    let preview = o.ok(
        None,
        &[
            "subsidy",
            "prepare",
            "--dry-run",
            "--family",
            &regno,
            "--kind",
            "rent",
            "--decided-on",
            "2024-03-01",
            "--settlement-type",
            "village",
        ],
    );
    assert_eq!(preview["decision"]["instalments"].as_array().map(Vec::len), Some(12));
    assert_eq!(preview["decision"]["instalments"][0]["amount_tiyn"], 25 * 3692 * 100);
    assert_eq!(preview["eligibility"]["eligible"], true);
    assert_eq!(o.ledger_rows(), rows);
}

#[test]
fn approval_is_refused_to_a_clerk_and_to_the_preparer() {
    let o = office();
    let mut serial = 0;
    let regno = o.family(2, "2024-01-15", &mut serial);
    let d = o.ok(
        MARAT,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "employer",
            "--decided-on",
            "2024-02-01",
        ],
    );
    let number = d["number"].as_str().expect("number").to_string();
    assert_eq!(o.refused(CLERK_USER, &["subsidy", "approve", &number])["code"], "store-forbidden");
    let e = o.refused(MARAT, &["subsidy", "approve", &number]);
    assert_eq!(e["code"], "ledger-maker-checker");
    let out = otau(&o.db)
        .args(["--lang", "en", "--user", "marat", "subsidy", "approve", &number])
        .env("OTAU_PASSWORD", MANAGER)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("marat prepared instalment 1") && stderr.contains("another manager"),
        "{stderr}"
    );
    let done = o.ok(SAULE, &["subsidy", "approve", &number]);
    assert_eq!(done["instalments"], json!([1]));
    assert_eq!(done["decision"]["instalments"][0]["approved_by"], "saule");
}

#[test]
fn finding_5_an_administrator_cannot_approve_what_an_account_they_made_prepared() {
    let o = office();
    let mut serial = 0;
    let regno = o.family(2, "2024-01-15", &mut serial);
    let d = o.ok(
        CLERK_USER,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "employer",
            "--decided-on",
            "2024-02-01",
        ],
    );
    let number = d["number"].as_str().expect("number").to_string();
    let rows = o.ledger_rows();
    assert_eq!(
        o.refused(ADMIN_USER, &["subsidy", "approve", &number])["code"],
        "ledger-maker-checker-account"
    );
    for (lang, words) in [
        ("en", "admin set the password aigerim signs in with"),
        ("ru", "admin задал(а) пароль, с которым входит aigerim"),
        ("kk", "aigerim кіретін құпиясөзді admin қойған"),
    ] {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "subsidy", "approve", &number])
            .env("OTAU_PASSWORD", ADMIN)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(words), "{lang}: {stderr}");
    }
    assert_eq!(o.ledger_rows(), rows, "nothing written");
    // aigerim sets a password of her own: the administrator is a second person now.
    let out = otau(&o.db)
        .args(["--json", "--user", "aigerim", "user", "password", "aigerim"])
        .write_stdin(format!("{CLERK}\nAigerim-Oz-Kilti-7\n"))
        .output()
        .expect("password");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let done = o.ok(ADMIN_USER, &["subsidy", "approve", &number]);
    assert_eq!(done["decision"]["instalments"][0]["approved_by"], "admin");
}

#[test]
fn pay_then_statement_due_paid_and_totals_that_reconcile() {
    let o = office();
    let mut serial = 0;
    let regno = o.family(4, "2024-01-15", &mut serial);
    let reloc = o.ok(
        CLERK_USER,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "relocation",
            "--decided-on",
            "2024-03-01",
        ],
    );
    let rent = o.ok(
        CLERK_USER,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "rent",
            "--decided-on",
            "2024-03-01",
            "--first-due",
            "2024-03-10",
            "--settlement-type",
            "town",
            "--months",
            "6",
        ],
    );
    let (reloc, rent) = (
        reloc["number"].as_str().expect("n").to_string(),
        rent["number"].as_str().expect("n").to_string(),
    );
    o.ok(MARAT, &["subsidy", "approve", &reloc]);
    o.ok(MARAT, &["subsidy", "approve", &rent, "--instalment", "1", "--instalment", "2"]);
    let paid =
        o.ok(SAULE, &["subsidy", "pay", &reloc, "--order", "PO-17", "--paid-on", "2024-03-20"]);
    assert_eq!(paid["decision"]["instalments"][0]["payment"]["order_number"], "PO-17");
    let paid =
        o.ok(SAULE, &["subsidy", "pay", &rent, "--order", "PO-18", "--paid-on", "2024-03-20"]);
    assert_eq!(paid["instalments"], json!([1]), "only what is due by the payment date");

    let s = o.ok(ADMIN_USER, &["ledger", "statement", &regno]);
    assert_eq!(s["totals"]["paid_tiyn"], 103_376_000 + 30 * 3692 * 100);
    assert_eq!(s["totals"]["reconciles"], true);
    assert_eq!(s["decisions"].as_array().map(Vec::len), Some(2));
    let kinds: Vec<&str> = s["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "paid").count(), 2);

    let due = o.ok(ADMIN_USER, &["ledger", "due", "--month", "2024-04"]);
    assert_eq!(due["count"], 1);
    assert_eq!(due["items"][0]["state"], "approved");
    assert_eq!(due["items"][0]["seq"], 2);
    let due = o.ok(ADMIN_USER, &["ledger", "due", "--month", "2024-05"]);
    assert_eq!(due["items"][0]["state"], "awaiting_approval");
    let awaiting = o.ok(ADMIN_USER, &["ledger", "awaiting"]);
    assert_eq!(awaiting["count"], 4);
    let paid = o.ok(ADMIN_USER, &["ledger", "paid", "--from", "2024-03-01", "--to", "2024-03-31"]);
    assert_eq!(paid["count"], 2);
    assert_eq!(paid["total_tiyn"], 103_376_000 + 30 * 3692 * 100);
    let totals =
        o.ok(ADMIN_USER, &["ledger", "totals", "--from", "2024-01-01", "--to", "2024-12-31"]);
    assert_eq!(totals["reconciles"], true);
    assert_eq!(o.ok(None, &["ledger", "rebuild"])["lines"], 7);
    assert_eq!(
        o.ok(ADMIN_USER, &["ledger", "due", "--month", "2024-04"])["count"],
        1,
        "the same after a rebuild"
    );
    assert_eq!(totals["all"]["paid_tiyn"], s["totals"]["paid_tiyn"]);
    assert_eq!(totals["all"]["net_tiyn"], s["totals"]["net_tiyn"]);
    assert_eq!(totals["all"]["approved_unpaid_tiyn"], 30 * 3692 * 100);
    assert_eq!(totals["all"]["awaiting_approval_tiyn"], 4 * 30 * 3692 * 100);

    let out = otau(&o.db)
        .args(["--user", "admin", "--lang", "ru", "ledger", "totals"])
        .args(["--from", "2024-01-01", "--to", "2024-12-31"])
        .env("OTAU_PASSWORD", ADMIN)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Итоги сходятся с журналом выплат"), "{text}");
    assert!(text.contains("Субсидия на переезд"), "{text}");

    // Paid is final; a reversal needs a reason.
    assert_eq!(
        o.refused(SAULE, &["subsidy", "reverse", &reloc, "--reason", "wrong", "--instalment", "1"])
            ["code"],
        "ledger-paid-final"
    );
    let e = o.refused(SAULE, &["subsidy", "reverse", &rent, "--reason", " ", "--instalment", "3"]);
    assert_eq!(e["fields"][0]["field"], "ledger.reason");
    let done = o.ok(
        SAULE,
        &["subsidy", "reverse", &rent, "--reason", "contract ended", "--instalment", "3"],
    );
    assert_eq!(done["decision"]["instalments"][2]["state"], "cancelled");
}

#[test]
fn an_mci_row_proposes_recalculation_of_unpaid_instalments_and_a_manager_applies_it() {
    let o = office();
    let mut serial = 0;
    let regno = o.family(1, "2025-01-10", &mut serial);
    let rent = o.ok(
        CLERK_USER,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "rent",
            "--decided-on",
            "2025-06-01",
            "--first-due",
            "2025-06-10",
            "--settlement-type",
            "town",
        ],
    );
    let number = rent["number"].as_str().expect("number").to_string();
    o.ok(MARAT, &["subsidy", "approve", &number, "--instalment", "1"]);
    o.ok(MARAT, &["subsidy", "pay", &number, "--order", "1", "--paid-on", "2025-06-15"]);
    assert_eq!(o.ok(ADMIN_USER, &["recalc", "list"])["proposals"], json!([]));

    let add =
        ["mci", "add", "--from", "2025-09-01", "--tenge", "4000", "--note", "a mid-year raise"];
    assert_eq!(o.refused(CLERK_USER, &add)["code"], "store-forbidden");
    let added = o.ok(ADMIN_USER, &add);
    assert_eq!(added["recalculations"], 4, "September to December 2025");
    let e = o.refused(ADMIN_USER, &add);
    assert_eq!(e["fields"][0]["code"], "mci-duplicate-row");

    let list = o.ok(ADMIN_USER, &["--lang", "en", "recalc", "list"]);
    let p = &list["proposals"][0];
    assert_eq!(p["seq"], 4);
    assert_eq!(p["old"]["mci"]["tenge"], 3932);
    assert_eq!(p["new"]["mci"]["tenge"], 4000);
    assert_eq!(p["difference_tiyn"], 20 * 68 * 100);
    assert_eq!(plain(&p["new_explanation"]["text"]), "town, 1 person: 20 MCI × 4 000 ₸ = 80 000 ₸");
    assert!(p["new_explanation"]["text"].as_str().is_some_and(|t| t.contains(&nb("80 000 ₸"))));

    assert_eq!(o.refused(MARAT, &["recalc", "approve", "nonsense"])["code"], "cli-invalid-input");
    let one = format!("{number}/5");
    let applied = o.ok(MARAT, &["recalc", "approve", &one, "--reason", "MCI raised"]);
    assert_eq!(applied["applied"], 1);
    let applied = o.ok(SAULE, &["recalc", "approve", "--all"]);
    assert_eq!(applied["applied"], 3);
    let d = o.ok(ADMIN_USER, &["subsidy", "show", &number]);
    let tenge: Vec<i64> = d["instalments"]
        .as_array()
        .expect("i")
        .iter()
        .filter_map(|i| i["mci"]["tenge"].as_i64())
        .collect();
    assert_eq!(tenge, [3932, 3932, 3932, 4000, 4000, 4000, 4000, 4325, 4325, 4325, 4325, 4325]);
    assert_eq!(d["instalments"][0]["state"], "paid");

    // A correction of the row, with a reason.
    let e = o.refused(
        ADMIN_USER,
        &["mci", "add", "--from", "2025-09-01", "--tenge", "4010", "--correct", "--reason", ""],
    );
    assert_eq!(e["fields"][0]["field"], "mci.reason");
    let fixed = o.ok(
        ADMIN_USER,
        &["mci", "add", "--from", "2025-09-01", "--tenge", "4010", "--correct", "--reason", "typo"],
    );
    assert_eq!(fixed["row"]["tenge"], 4010);
    assert_eq!(fixed["recalculations"], 4);
}

#[test]
fn rules_are_added_as_new_versions_and_listed() {
    let o = office();
    let list = o.ok(None, &["rule", "list", "--kind", "rent"]);
    assert_eq!(list["rules"].as_array().map(Vec::len), Some(1));
    let rule = json!({
        "id": "employer-2023", "kind": "employer", "valid_from": "2023-07-01",
        "basis": "per_family", "amount_mci": 45000, "once_per_family": true,
        "note": "corrected amount"
    });
    let file = o.dir.path().join("rule.json");
    std::fs::write(&file, rule.to_string()).expect("write");
    let file = file.display().to_string();
    assert_eq!(o.refused(CLERK_USER, &["rule", "add", "--file", &file])["code"], "store-forbidden");
    let added = o.ok(ADMIN_USER, &["rule", "add", "--file", &file]);
    assert_eq!(added["rules"][0]["version"], 2);
    let list = o.ok(None, &["rule", "list", "--kind", "employer"]);
    let versions: Vec<(i64, bool)> = list["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            (r["rule"]["version"].as_i64().unwrap_or(0), r["current"].as_bool().unwrap_or(false))
        })
        .collect();
    assert_eq!(versions, [(1, false), (2, true)]);

    let bad = o.dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"id":"Bad Id","kind":"rent","valid_from":"2027-01-01","basis":"per_family","amount_mci":100}"#).expect("write");
    let bad = bad.display().to_string();
    assert_eq!(o.refused(ADMIN_USER, &["rule", "add", "--file", &bad])["code"], "rule-bad-id");
    std::fs::write(
        o.dir.path().join("typo.json"),
        r#"{"id":"x","kind":"rent","valid_from":"2027-01-01","basis":"per_family","amount":100}"#,
    )
    .expect("write");
    let typo = o.dir.path().join("typo.json").display().to_string();
    assert_eq!(o.refused(ADMIN_USER, &["rule", "add", "--file", &typo])["code"], "rule-json");
    assert_eq!(o.ok(ADMIN_USER, &["rule", "add", "--shipped"])["loaded"], 0);
}

#[test]
fn bad_options_are_refused_naming_each_field_in_each_language_and_nothing_changes() {
    let o = office();
    let mut serial = 0;
    let regno = o.family(2, "2024-01-15", &mut serial);
    let args = [
        "subsidy",
        "prepare",
        "--family",
        &regno,
        "--kind",
        "loan",
        "--decided-on",
        "2024-02-30",
        "--housing-cost",
        "abc",
    ];
    for (lang, words) in [
        ("kk", ["Субсидия", "Шешім күні", "Тұрғын үйдің құны"]),
        ("ru", ["Субсидия", "Дата решения", "Стоимость жилья"]),
        ("en", ["Subsidy", "Decision date", "Housing cost"]),
    ] {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "aigerim"])
            .args(args)
            .env("OTAU_PASSWORD", CLERK)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        for w in words {
            assert!(stderr.contains(w), "{lang} names {w}: {stderr}");
        }
    }
    let e = o.refused(CLERK_USER, &args);
    let fields: Vec<&str> = e["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["subsidy.kind", "subsidy.decided_on", "subsidy.housing_cost"]);
    assert_eq!(
        o.refused(None, &["ledger", "due", "--month", "2024-13"])["fields"][0]["code"],
        "ledger-bad-month"
    );
    assert_eq!(
        o.refused(ADMIN_USER, &["ledger", "totals", "--from", "2024-12-31", "--to", "2024-01-01"])
            ["fields"][0]["code"],
        "ledger-period-order"
    );
    assert_eq!(
        o.refused(ADMIN_USER, &["subsidy", "show", "PVL01-2024-1"])["code"],
        "subsidy-bad-number"
    );
    let e = o.refused(
        CLERK_USER,
        &["subsidy", "prepare", "--family", &regno, "--kind", "rent", "--decided-on", "2024-03-01"],
    );
    assert_eq!(e["fields"][0]["code"], "subsidy-settlement-type-required");
    assert_eq!(o.ledger_rows(), 0);
}

#[test]
fn without_quota_and_status_the_family_is_refused_with_every_reason() {
    let o = office();
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "family", "add", "--file"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/family.json"))
        .env("OTAU_PASSWORD", ADMIN)
        .output()
        .expect("run");
    let regno = json_of(&out)["family_regno"].as_str().expect("regno").to_string();
    let out = o.run(
        ADMIN_USER,
        &[
            "subsidy",
            "check",
            "--family",
            &regno,
            "--kind",
            "relocation",
            "--decided-on",
            &chrono_today(),
        ],
    );
    let report = json_of(&out);
    assert_eq!(report["eligible"], false);
    let codes: Vec<&str> = report["refusals"]
        .as_array()
        .expect("refusals")
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "subsidy-refused-not-in-quota",
            "subsidy-refused-status",
            "subsidy-refused-iin-missing",
            "subsidy-refused-iin-missing"
        ]
    );
    let out = otau(&o.db)
        .args([
            "--lang",
            "en",
            "--user",
            "aigerim",
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "relocation",
            "--decided-on",
            &chrono_today(),
        ])
        .env("OTAU_PASSWORD", CLERK)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not included in the regional quota"), "{stderr}");
    assert!(stderr.contains("Member 2 — IIN"), "{stderr}");
}

fn chrono_today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

#[test]
fn moving_away_cancels_what_is_due_later_and_opens_a_reimbursement_case() {
    let o = office();
    let mut serial = 0;
    let regno = o.family(3, "2025-01-10", &mut serial);
    let reloc = o.ok(
        CLERK_USER,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "relocation",
            "--decided-on",
            "2025-02-01",
        ],
    );
    let reloc = reloc["number"].as_str().expect("n").to_string();
    let rent = o.ok(
        CLERK_USER,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "rent",
            "--decided-on",
            "2025-02-01",
            "--settlement-type",
            "village",
        ],
    );
    let rent = rent["number"].as_str().expect("n").to_string();
    o.ok(MARAT, &["subsidy", "approve", &reloc]);
    o.ok(SAULE, &["subsidy", "pay", &reloc, "--order", "55", "--paid-on", "2025-02-05"]);
    assert_eq!(
        o.refused(
            CLERK_USER,
            &["subsidy", "move-away", "--family", &regno, "--on", "2025-04-20", "--reason", "x"]
        )["code"],
        "store-forbidden"
    );
    let done = o.ok(
        MARAT,
        &[
            "subsidy",
            "move-away",
            "--family",
            &regno,
            "--on",
            "2025-04-20",
            "--reason",
            "moved to Almaty",
        ],
    );
    assert_eq!(done["cancelled"].as_array().map(Vec::len), Some(9), "May 2025 to January 2026");
    assert_eq!(done["reimbursement_cases"][0]["amount_tiyn"], 3 * 70 * 3932 * 100);
    assert_eq!(done["reimbursement_cases"][0]["status"], "open");
    let s = o.ok(ADMIN_USER, &["ledger", "statement", &regno]);
    assert_eq!(s["departure"]["moved_on"], "2025-04-20");
    let states: Vec<&str> = s["decisions"][1]["instalments"]
        .as_array()
        .expect("i")
        .iter()
        .filter_map(|i| i["state"].as_str())
        .collect();
    assert_eq!(states.iter().filter(|s| **s == "cancelled").count(), 9);
    assert!(s["decisions"][1]["number"] == rent.as_str());
    let out = otau(&o.db)
        .args(["--user", "admin", "--lang", "en", "ledger", "statement", &regno])
        .env("OTAU_PASSWORD", ADMIN)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    assert!(text.contains("Moved away on 2025-04-20: moved to Almaty"), "{text}");
    assert!(text.contains("To pay back: 825 720 ₸"), "{text}");
}

#[test]
fn help_documents_the_options() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.sqlite");
    for (args, option) in [
        (vec!["subsidy", "prepare", "--help"], "--settlement-type"),
        (vec!["subsidy", "pay", "--help"], "--paid-on"),
        (vec!["subsidy", "reverse", "--help"], "--reason"),
        (vec!["ledger", "due", "--help"], "--month"),
        (vec!["ledger", "totals", "--help"], "--from"),
        (vec!["mci", "add", "--help"], "--correct"),
        (vec!["rule", "add", "--help"], "--shipped"),
        (vec!["recalc", "approve", "--help"], "--all"),
    ] {
        let out = otau(&db).args(&args).output().expect("run");
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains(option), "{args:?}");
    }
}
