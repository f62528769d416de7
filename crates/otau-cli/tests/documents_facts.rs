//! Documents with case work and the ledger, as real processes: a family put in the quota, given a
//! status and a relocation decision prepared, approved and paid through the CLI shows in its
//! payment statement, in the decision document with the explanation of its amount, and in the
//! monthly summaries (status, quota and subsidies, the last equal to `otau ledger totals`).

use assert_cmd::Command;
use otau_core::iin::check_digit;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const ADMIN: &str = "admin-password";
const CLERK: &str = "clerk-password";
const MANAGER: &str = "manager-password";

const ADMIN_USER: (&str, &str) = ("admin", ADMIN);
const CLERK_USER: (&str, &str) = ("aigerim", CLERK);
const MARAT: (&str, &str) = ("marat", MANAGER);
const SAULE: (&str, &str) = ("saule", MANAGER);

struct Office {
    dir: tempfile::TempDir,
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

fn iin(yymmdd: &str, digit: u8, serial: &mut u32) -> String {
    loop {
        *serial += 1;
        let text = format!("{yymmdd}{digit}{:04}", *serial);
        let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
        let first11: [u8; 11] = digits.try_into().expect("11 digits");
        if let Some(c) = check_digit(&first11) {
            return format!("{text}{c}");
        }
    }
}

/// The text of a PDF with its words separated by single ordinary spaces.
fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([&pdf.to_string_lossy(), "-"])
        .output()
        .expect("pdftotext");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Office {
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

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    /// The content of an issued document, as the register keeps it.
    fn content(&self, number: &str) -> Value {
        let store =
            otau_store::vault::open_with_secret(&self.db, "Otau office secret 2026").expect("open");
        let (doc, _) = store.issued_document(number).expect("issued");
        serde_json::to_value(&doc.content).expect("json")["data"].clone()
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
    for (login, role, password, name) in [
        ("aigerim", "clerk", CLERK, "Айгерім Сәрсенова"),
        ("marat", "manager", MANAGER, "Марат Оспанов"),
        ("saule", "manager", MANAGER, "Сәуле Ахметова"),
    ] {
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
            .args(["--full-name", name])
            .write_stdin(format!("{ADMIN}\n{password}\n"))
            .output()
            .expect("user add");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    }
    o
}

/// A family of four arrived on 15 January 2024: the head's status granted and the family
/// included in the 2024 quota that day; a relocation decision of 1 March approved and paid on
/// 20 March. Returns the family's and the decision's numbers.
fn family_paid(o: &Office) -> (String, String) {
    let mut serial = 0;
    let members: Vec<Value> = [
        ("head", "male", "1981-04-12", "810412", 3, "Нұрлан"),
        ("spouse", "female", "1984-09-03", "840903", 4, "Әлия"),
        ("child", "female", "2012-02-14", "120214", 6, "Ұлжан"),
        ("child", "female", "2014-05-20", "140520", 6, "Дана"),
    ]
    .iter()
    .map(|(relation, sex, birth, yymmdd, digit, given)| {
        let mut m = json!({
            "relation": relation,
            "surname": if *sex == "male" { "Қасымов" } else { "Қасымова" },
            "given_name": given,
            "birth_date": birth,
            "sex": sex,
            "iin": iin(yymmdd, *digit, &mut serial),
        });
        if *relation == "child" {
            m["no_consent"] = json!({ "reason": "minor", "covered_by": 0 });
        } else {
            m["consent"] = json!({ "given_on": "2024-01-15" });
        }
        m
    })
    .collect();
    let family = json!({
        "arrival_date": "2024-01-15",
        "country_of_origin": "CN",
        "region": "KZ-55",
        "settlement": "Екібастұз",
        "members": members,
    });
    let file = o.path("family.json");
    std::fs::write(&file, family.to_string()).expect("write family");
    let reg = o.ok(Some(ADMIN_USER), &["family", "add", "--file", &file]);
    let regno = reg["family_regno"].as_str().expect("regno").to_string();
    o.ok(
        Some(ADMIN_USER),
        &["quota", "set", "--region", "KZ-55", "--year", "2024", "--people", "100000"]
            .into_iter()
            .chain(["--from", "2024-01-01"])
            .collect::<Vec<_>>(),
    );
    let on = "2024-01-15";
    o.ok(
        Some(ADMIN_USER),
        &["status", "record", &regno, "--applied", on, "--recommended", on]
            .into_iter()
            .chain(["--recommendation", "yes", "--granted", on])
            .collect::<Vec<_>>(),
    );
    o.ok(Some(ADMIN_USER), &["quota", "include", &regno, "--on", on]);
    let decision = o.ok(
        Some(CLERK_USER),
        &["subsidy", "prepare", "--family", &regno, "--kind", "relocation"]
            .into_iter()
            .chain(["--decided-on", "2024-03-01"])
            .collect::<Vec<_>>(),
    );
    let number = decision["number"].as_str().expect("number").to_string();
    o.ok(Some(MARAT), &["subsidy", "approve", &number]);
    o.ok(Some(SAULE), &["subsidy", "pay", &number, "--order", "PO-17", "--paid-on", "2024-03-20"]);
    (regno, number)
}

#[test]
fn the_statement_decision_and_monthly_summaries_show_case_work_and_the_ledger() {
    let o = office();
    let (regno, number) = family_paid(&o);

    // The statement lists the ledger's rows: accrued, approved and paid, in tenge as documents
    // write it.
    let pdf = o.path("statement.pdf");
    let issued = o.ok(Some(ADMIN_USER), &["doc", "statement", &regno, "--out", &pdf]);
    assert_eq!(issued["kind"], "statement");
    let text = pdf_text(Path::new(&pdf));
    for word in ["1 033 760 ₸", "PO-17", &number, "20.03.2024", "Төленді"] {
        assert!(text.contains(word), "{word} not in the statement:\n{text}");
    }
    let content = o.content(issued["number"].as_str().expect("number"));
    let entries: Vec<&str> = content["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter_map(|l| l["entry"].as_str())
        .collect();
    assert_eq!(entries.len(), 3, "{content}");
    assert!(entries.contains(&"paid") && entries.contains(&"accrued"));

    // The decision: the explanation line, who prepared and who approved it, sealed.
    let pdf = o.path("decision.pdf");
    let issued = o.ok(Some(ADMIN_USER), &["doc", "decision", &number, "--out", &pdf]);
    assert_eq!(issued["kind"], "decision");
    let text = pdf_text(Path::new(&pdf));
    for word in [
        "4 адам × 70 АЕК × 3 692 ₸ = 1 033 760 ₸",
        "4 чел. × 70 МРП × 3 692 ₸ = 1 033 760 ₸",
        "Айгерім Сәрсенова",
        "Марат Оспанов",
        &number,
    ] {
        assert!(text.contains(word), "{word} not in the decision:\n{text}");
    }
    let (code, v) = {
        let out = otau(&o.db)
            .args(["--json", "verify", "--qr", issued["qr"].as_str().expect("qr")])
            .output()
            .expect("verify");
        (out.status.code(), json_of(&out))
    };
    assert_eq!((code, v["status"].as_str()), (Some(0), Some("valid")), "{v}");

    // March: the subsidies equal the ledger's totals of the month.
    let pdf = o.path("march.pdf");
    let issued =
        o.ok(Some(ADMIN_USER), &["report", "monthly", "--month", "2024-03", "--out", &pdf]);
    let text = pdf_text(Path::new(&pdf));
    assert!(text.contains("1 033 760 ₸"), "{text}");
    let summary = o.content(issued["number"].as_str().expect("number"));
    let totals =
        o.ok(Some(ADMIN_USER), &["ledger", "totals", "--from", "2024-03-01", "--to", "2024-03-31"]);
    let rows = summary["subsidies"].as_array().expect("subsidies");
    assert_eq!(rows.len(), 1);
    let all = &totals["all"];
    assert_eq!(rows[0]["accrued"]["tenge"], all["net_tiyn"]);
    assert_eq!(rows[0]["paid"]["tenge"], all["paid_tiyn"]);
    assert_eq!(rows[0]["approved"]["tenge"], all["paid_tiyn"], "approved and paid");
    assert_eq!(all["paid_tiyn"], 103_376_000);
    assert_eq!(rows[0]["paid"]["mci"], 28_000);

    // January: the status granted and the family of four included in the quota.
    let pdf = o.path("january.pdf");
    let issued =
        o.ok(Some(ADMIN_USER), &["report", "monthly", "--month", "2024-01", "--out", &pdf]);
    let summary = o.content(issued["number"].as_str().expect("number"));
    assert_eq!(summary["statuses"]["granted"], 1);
    assert_eq!(summary["quota"]["used_in_month"], 4);
    assert_eq!(summary["quota"]["used_before"], 0);
    assert_eq!(summary["quota"]["quota"], 100_000);
    let text = pdf_text(Path::new(&pdf));
    for word in ["Статус присвоен 1", "Включено за месяц 4", "Квота региона, человек 100 000"]
    {
        assert!(text.contains(word), "{word} not in the summary:\n{text}");
    }
}

#[test]
fn a_decision_that_does_not_exist_is_refused_and_nothing_is_registered() {
    let o = office();
    let pdf = o.path("decision.pdf");
    for (lang, word) in [("kk", "PVL01-S-2024-00042"), ("ru", "PVL01-S-2024-00042")] {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "doc", "decision", "PVL01-S-2024-00042"])
            .args(["--out", &pdf])
            .env("OTAU_PASSWORD", ADMIN)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains(word));
    }
    let out =
        o.run(Some(ADMIN_USER), &["doc", "decision", "PVL01-S-2024-00042", "--out", "x.docx"]);
    assert_eq!(json_of(&out)["error"]["fields"][0]["field"], "out");
    assert!(!Path::new(&pdf).exists());
    let register = o.ok(Some(ADMIN_USER), &["doc", "register"]);
    assert_eq!(register["count"], 0);
}
