//! The case-work commands run as real processes: `status`, `quota`, `plan`, `service` and
//! `import`, their JSON, their refusals (exit status 1, the field named, nothing changed) and
//! their messages in Kazakh, Russian and English.

// The `otau` process reads the clock; these tests read it too, to know its date.
#![allow(clippy::disallowed_methods)]

use assert_cmd::Command;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde_json::Value;
use std::path::{Path, PathBuf};

const ADMIN_PASSWORD: &str = "admin-password";

struct Office {
    dir: tempfile::TempDir,
    db: PathBuf,
    regno: String,
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

/// `otau --json --user admin ARGS` with the admin's password.
fn admin(o: &Office, args: &[&str]) -> std::process::Output {
    otau(&o.db)
        .args(["--json", "--user", "admin"])
        .args(args)
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run otau")
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

fn ok(output: std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    json_of(&output)
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn day(offset: i64) -> String {
    let t = today();
    if offset >= 0 {
        t.checked_add_days(Days::new(offset as u64)).expect("date").to_string()
    } else {
        t.checked_sub_days(Days::new(offset.unsigned_abs())).expect("date").to_string()
    }
}

/// An office with the example family registered.
fn office() -> Office {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("office.sqlite");
    let out = otau(&db)
        .args(["--json", "init", "--office", "PVL01", "--office-name", "Павлодар орталығы"])
        .args(["--region", "KZ-55", "--admin", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("init");
    assert!(out.status.success(), "init: {}", String::from_utf8_lossy(&out.stderr));
    let mut o = Office { dir, db, regno: String::new() };
    let family = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/family.json");
    let v = ok(admin(&o, &["family", "add", "--file", family.to_str().expect("path")]));
    o.regno = v["family_regno"].as_str().expect("regno").to_string();
    o
}

fn add_clerk(o: &Office) {
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
        .expect("add clerk");
    assert!(out.status.success());
}

fn clerk(o: &Office, args: &[&str]) -> std::process::Output {
    otau(&o.db)
        .args(["--json", "--user", "aigerim"])
        .args(args)
        .env("OTAU_PASSWORD", "clerk-password")
        .output()
        .expect("run otau")
}

fn fields(v: &Value) -> Vec<(String, String)> {
    v["error"]["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap_or_default().to_string(),
                        f["code"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn status_record_show_due_extend_and_end() {
    let o = office();
    // Granted 355 days ago for the whole family: 11 days left today.
    let granted = today().checked_sub_months(Months::new(12)).expect("date") + Days::new(11);
    let v = ok(admin(
        &o,
        &[
            "status",
            "record",
            &o.regno,
            "--applied",
            &(granted - Days::new(30)).to_string(),
            "--recommended",
            &(granted - Days::new(10)).to_string(),
            "--recommendation",
            "yes",
            "--granted",
            &granted.to_string(),
            "--family",
        ],
    ));
    let statuses = v["statuses"].as_array().expect("statuses");
    assert_eq!(statuses.len(), 3, "the whole family");
    assert!(statuses.iter().all(|s| s["state"]["state"] == "granted"), "{v}");
    assert_eq!(statuses[0]["days_left"], 11);

    let v = ok(admin(&o, &["status", "show", &o.regno, "--on", &granted.to_string()]));
    assert_eq!(v["state"]["state"], "granted");
    assert_eq!(v["state"]["from"], granted.to_string());
    let v = ok(admin(&o, &["status", "show", &o.regno, "--on", &day(12)]));
    assert_eq!(v["state"], serde_json::json!({ "state": "expired", "on": day(12) }));

    let v = ok(admin(&o, &["status", "due", "--within", "30d"]));
    assert_eq!(v["count"], 3);
    assert_eq!(v["statuses"][0]["days_left"], 11);
    assert_eq!(v["statuses"][0]["can_extend"], true);
    assert_eq!(ok(admin(&o, &["status", "due", "--within", "10"]))["count"], 0);
    assert_eq!(ok(admin(&o, &["status", "due", "--within", "2w"]))["count"], 3);
    let out = admin(&o, &["status", "due", "--within", "soon"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fields(&json_of(&out)), [("within".to_string(), "cli-bad-days".to_string())]);

    let v = ok(admin(&o, &["status", "extend", &o.regno]));
    assert_eq!(v["statuses"][0]["state"]["state"], "extended");
    assert_eq!(v["statuses"][0]["current"]["extension_months"], 6);
    let out = admin(&o, &["status", "extend", &o.regno]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        fields(&json_of(&out)),
        [("extended_on".to_string(), "status-already-extended".to_string())]
    );
    assert_eq!(ok(admin(&o, &["status", "due", "--within", "30d"]))["count"], 2);

    let v = ok(admin(&o, &["status", "end", &o.regno, "--on", &day(0), "--reason", "citizenship"]));
    assert_eq!(v["statuses"][0]["state"]["state"], "ended_by_citizenship");

    for (lang, word) in [
        ("kk", "Тоқтатылды: азаматтық алды"),
        ("ru", "Прекращён: гражданство"),
        ("en", "Ended: citizenship"),
    ] {
        let out = otau(&o.db)
            .args(["--user", "admin"])
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .args(["--lang", lang, "status", "show", &o.regno])
            .output()
            .expect("run");
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(word), "{lang}: {text}");
    }
}

#[test]
fn a_refusal_without_a_reason_is_refused_naming_the_field_in_each_language() {
    let o = office();
    let out =
        admin(&o, &["status", "record", &o.regno, "--applied", &day(-20), "--refused", &day(-1)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        fields(&json_of(&out)),
        [("refusal_reason".to_string(), "status-refusal-reason-missing".to_string())]
    );
    for (lang, word) in
        [("kk", "Бас тарту себебі"), ("ru", "Причина отказа"), ("en", "Reason for refusal")]
    {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "status", "record", &o.regno])
            .args(["--applied", &day(-20), "--refused", &day(-1)])
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(word), "{lang}: {err}");
    }
    let v = ok(admin(&o, &["status", "show", &o.regno]));
    assert_eq!(v["state"]["state"], "no_status", "nothing was saved");
    let v = ok(admin(
        &o,
        &["status", "record", &o.regno, "--applied", &day(-20), "--refused", &day(-1)]
            .into_iter()
            .chain(["--refusal-reason", "documents incomplete"])
            .collect::<Vec<_>>(),
    ));
    assert_eq!(v["statuses"][0]["state"]["state"], "refused");
    assert_eq!(v["statuses"][0]["state"]["reason"], "documents incomplete");
}

#[test]
fn the_extension_length_is_set_by_an_administrator_only() {
    let o = office();
    add_clerk(&o);
    let out = clerk(&o, &["status", "rules", "--extension-months", "3"]);
    assert_eq!(json_of(&out)["error"]["code"], "store-forbidden");
    let v = ok(admin(&o, &["status", "rules"]));
    assert_eq!((v["term_months"].as_i64(), v["extension_months"].as_i64()), (Some(12), Some(6)));
    let v = ok(admin(&o, &["status", "rules", "--extension-months", "3", "--note", "order"]));
    assert_eq!(v["extension_months"], 3);
    let out = admin(&o, &["status", "rules", "--extension-months", "30"]);
    assert_eq!(
        fields(&json_of(&out)),
        [("extension_months".to_string(), "status-extension-length".to_string())]
    );
}

#[test]
fn quota_set_include_at_the_limit_and_after_a_change_during_the_year() {
    let o = office();
    add_clerk(&o);
    let v = ok(admin(&o, &["quota", "show", "--year", "2026"]));
    let regions = v["summary"]["regions"].as_array().expect("regions");
    let pavlodar = regions.iter().find(|r| r["region"] == "KZ-55").expect("KZ-55");
    assert_eq!(pavlodar["quota"], 977);
    assert_eq!(v["summary"]["national"]["quota"], 2281);

    let out = clerk(&o, &["quota", "set", "--region", "KZ-55", "--year", "2025", "--people", "2"]);
    assert_eq!(json_of(&out)["error"]["code"], "store-forbidden");
    ok(admin(&o, &["quota", "set", "--region", "KZ-55", "--year", "2025", "--people", "2"]));
    let out = clerk(&o, &["quota", "include", &o.regno, "--on", "2025-05-01"]);
    assert_eq!(out.status.code(), Some(1));
    let err = json_of(&out);
    assert_eq!(fields(&err), [("people".to_string(), "quota-exceeded".to_string())]);
    assert_eq!(err["error"]["fields"][0]["args"]["remaining"], "2");
    let out = otau(&o.db)
        .args([
            "--lang",
            "ru",
            "--user",
            "aigerim",
            "quota",
            "include",
            &o.regno,
            "--on",
            "2025-05-01",
        ])
        .env("OTAU_PASSWORD", "clerk-password")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("осталось мест: 2"), "{text}");

    ok(admin(
        &o,
        &[
            "quota",
            "set",
            "--region",
            "KZ-55",
            "--year",
            "2025",
            "--people",
            "5",
            "--from",
            "2025-06-01",
        ],
    ));
    let v = ok(clerk(&o, &["quota", "include", &o.regno, "--on", "2025-06-02", "--note", "№ 17"]));
    assert_eq!(v["inclusion"]["people"], 3);
    assert_eq!(v["line"]["remaining"], 2);
    let v = ok(admin(&o, &["quota", "show", "--year", "2025", "--region", "KZ-55"]));
    let line = &v["summary"]["regions"][0];
    assert_eq!(
        (line["quota"].as_i64(), line["used"].as_i64(), line["remaining"].as_i64()),
        (Some(5), Some(3), Some(2))
    );
    assert_eq!(v["inclusions"].as_array().map(Vec::len), Some(1));
    let out = otau(&o.db)
        .args(["--lang", "en", "quota", "show", "--year", "2025"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("KZ-55 Pavlodar Region") && text.contains("Left"), "{text}");
}

#[test]
fn plan_items_services_and_the_monthly_count() {
    let o = office();
    add_clerk(&o);
    let v = ok(clerk(
        &o,
        &[
            "plan",
            "add",
            &o.regno,
            "--area",
            "housing",
            "--description",
            "Пәтер іздеу",
            "--due",
            &day(-1),
        ],
    ));
    assert_eq!(v["items"][0]["item"]["number"], 1);
    assert_eq!(v["items"][0]["overdue"], true);
    assert_eq!(v["items"][0]["responsible_login"], "aigerim");
    assert_eq!(v["stay"]["stay"]["started_on"], day(0));
    let v = ok(clerk(
        &o,
        &[
            "plan",
            "add",
            &o.regno,
            "--area",
            "language-courses",
            "--description",
            "Қазақ тілі",
            "--responsible",
            "admin",
        ],
    ));
    assert_eq!(v["open_items"], 2);
    let out = clerk(&o, &["plan", "add", &o.regno, "--area", "garden", "--description", "x"]);
    assert_eq!(fields(&json_of(&out)), [("area".to_string(), "plan-not-in-list".to_string())]);
    let v = ok(clerk(&o, &["plan", "update", &o.regno, "1", "--state", "done"]));
    assert_eq!(v["items"][0]["item"]["done_on"], day(0));
    assert_eq!(v["overdue_items"], 0);

    ok(clerk(&o, &["service", "record", &o.regno, "--kind", "housing_search_help", "--item", "1"]));
    let v = ok(clerk(
        &o,
        &["service", "record", &o.regno, "--kind", "legal_consultation", "--by", "admin"],
    ));
    assert_eq!(v["given_by_login"], "admin");
    assert_eq!(v["category"], "legal");
    let out = clerk(
        &o,
        &["service", "record", &o.regno, "--kind", "legal_consultation", "--on", &day(1)],
    );
    assert_eq!(
        fields(&json_of(&out)),
        [("given_on".to_string(), "plan-date-in-future".to_string())]
    );

    let month = format!("{}-{:02}", today().year(), today().month());
    let v = ok(clerk(&o, &["service", "summary", "--month", &month]));
    assert_eq!(v["counts"]["total"], 2);
    assert_eq!(v["plan_items_done"], 1);
    assert_eq!(v["families_served"], 1);
    let out = clerk(&o, &["service", "summary", "--month", "2026-13"]);
    assert_eq!(fields(&json_of(&out)), [("month".to_string(), "plan-bad-month".to_string())]);
    assert_eq!(ok(clerk(&o, &["service", "kinds"]))["kinds"].as_array().map(Vec::len), Some(25));

    let v = ok(clerk(&o, &["plan", "stay", &o.regno, "--left", &day(0)]));
    assert_eq!(v["stay"]["stay"]["ended_on"], day(0));
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["plan", "show", &o.regno])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Тұрғын үй іздеу") && text.contains("Заң кеңесі"), "{text}");
    let audit = ok(otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "audit", &o.regno])
        .output()
        .expect("run"));
    let entities: Vec<&str> = audit["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["entity"].as_str())
        .collect();
    for e in ["plan_item", "service", "stay"] {
        assert!(entities.contains(&e), "{e} in the family's audit: {entities:?}");
    }
}

#[test]
fn import_suggests_a_mapping_dry_runs_imports_and_adds_nothing_the_second_time() {
    let o = office();
    let csv = o.dir.path().join("кандастар.csv");
    let arrival = day(-30);
    let rows = [
        "Отбасы №;Тегі;Аты;Туған күні;Жынысы;ЖСН;Туыстығы;Келген күні;Шыққан елі;Өңір;Елді мекен"
            .to_string(),
        format!(
            "1;Омаров;Бақыт;05.01.1970;ер;;басшысы;{arrival};Моңғолия;Павлодар облысы;Екібастұз"
        ),
        "1;Омарова;Гүлнар;07.03.1974;әйел;;жұбайы;;;;".to_string(),
        format!("2;Тұрсынов;Ерлан;1981-02-30;ер;;басшысы;{arrival};CN;KZ-55;Павлодар"),
        "2;Тұрсынова;Айгүл;1983-06-01;әйел;;жұбайы;;;;".to_string(),
        format!(
            "3;Сейітқали;Нұрсұлтан;12.04.1985;ер;850412310211;басшысы;{arrival};UZ;KZ-55;Павлодар"
        ),
        format!("4;Жақсылықов;Дәурен;1990-10-10;?;;басшысы;{arrival};TM;KZ-55;Ақсу"),
    ];
    std::fs::write(&csv, rows.join("\n")).expect("write csv");

    let out = otau(&o.db).arg("import").arg(&csv).arg("--suggest-mapping").output().expect("run");
    let mapping = ok(out);
    assert_eq!(mapping["family_key"], "Отбасы №");
    assert_eq!(mapping["columns"]["birth_date"], "Туған күні");
    let mapping_file = o.dir.path().join("mapping.json");
    std::fs::write(&mapping_file, mapping.to_string()).expect("write mapping");

    let dry = ok(otau(&o.db)
        .args(["--json", "import"])
        .arg(&csv)
        .arg("--mapping")
        .arg(&mapping_file)
        .arg("--dry-run")
        .output()
        .expect("dry run"));
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["families"].as_array().map(Vec::len), Some(1), "{dry}");
    assert_eq!(dry["already_registered"][0]["existing_regno"], o.regno.as_str());
    let refused: Vec<i64> = dry["refused"]
        .as_array()
        .expect("refused")
        .iter()
        .filter_map(|r| r["row"].as_i64())
        .collect();
    assert_eq!(refused, [4, 5, 7]);
    assert_eq!(dry["refused"][0]["problems"][0]["code"], "import-bad-date");
    assert!(dry["refused"][0]["problems"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("1981-02-30")));
    let find = ok(otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "find", "Омаров"])
        .output()
        .expect("find"));
    assert_eq!(find["count"], 0, "a dry run changes nothing");

    let text = otau(&o.db)
        .arg("import")
        .arg(&csv)
        .arg("--mapping")
        .arg(&mapping_file)
        .arg("--dry-run")
        .output()
        .expect("dry run in Kazakh");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("сынап көру") && text.contains("Қабылданбаған жолдар"), "{text}");

    let real = ok(admin(
        &o,
        &["import", csv.to_str().expect("path"), "--mapping", mapping_file.to_str().expect("path")],
    ));
    assert_eq!(real["dry_run"], false);
    assert_eq!(real["families"].as_array().map(|f| f.len()), Some(1));
    assert_eq!(real["refused"], dry["refused"], "the real run refused what the dry run said");
    assert!(real["families"][0]["registered"]["family_regno"].as_str().is_some());
    let find = ok(otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "find", "Омаров"])
        .output()
        .expect("find"));
    assert_eq!(find["count"], 2);

    let again = ok(admin(
        &o,
        &["import", csv.to_str().expect("path"), "--mapping", mapping_file.to_str().expect("path")],
    ));
    assert_eq!(again["families"].as_array().map(Vec::len), Some(0));
    assert_eq!(again["already_registered"].as_array().map(Vec::len), Some(2));
    let find = ok(otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "find", "Омаров"])
        .output()
        .expect("find"));
    assert_eq!(find["count"], 2, "nothing added twice");

    // A real import needs a user; a bad mapping changes nothing and names the field.
    let out = otau(&o.db)
        .args(["--json", "import"])
        .arg(&csv)
        .arg("--mapping")
        .arg(&mapping_file)
        .output()
        .expect("no user");
    assert_eq!(json_of(&out)["error"]["code"], "cli-user-required");
    let mut bad = mapping.clone();
    bad["columns"]["phone"] = Value::from("Телефон");
    std::fs::write(&mapping_file, bad.to_string()).expect("write");
    let out = admin(
        &o,
        &["import", csv.to_str().expect("path"), "--mapping", mapping_file.to_str().expect("path")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        fields(&json_of(&out)),
        [("columns.phone".to_string(), "import-column-missing".to_string())]
    );
}

/// A one-sheet XLSX written part by part: a heading in A1 and a value in the last cell a sheet
/// can have (row 1,048,576, column XFD), the dimension saying so. About 1.5 KB.
fn xlsx_with_a_far_cell(path: &Path) {
    use std::io::Write;
    let ns = "http://schemas.openxmlformats.org";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<worksheet xmlns="{ns}/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Тегі</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).expect("part");
        zip.write_all(text.as_bytes()).expect("write part");
    }
    zip.finish().expect("finish");
}

#[test]
fn finding_8_otau_import_refuses_a_small_xlsx_claiming_a_billion_cells() {
    let o = office();
    let bomb = o.dir.path().join("bomb.xlsx");
    xlsx_with_a_far_cell(&bomb);
    let size = std::fs::metadata(&bomb).expect("size").len();
    assert!(size < 2048, "{size} bytes");
    let mapping = o.dir.path().join("bomb-mapping.json");
    std::fs::write(&mapping, r#"{"columns": {"surname": "Тегі"}}"#).expect("mapping");
    let mapping = mapping.to_string_lossy().to_string();
    for args in [&["--suggest-mapping"][..], &["--mapping", &mapping, "--dry-run"][..]] {
        let out = otau(&o.db)
            .args(["--json", "--user", "admin", "import"])
            .arg(&bomb)
            .args(args)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "refused, not aborted: {args:?}");
        let v = json_of(&out);
        assert_eq!(v["error"]["fields"][0]["code"], "import-too-many-rows", "{v}");
    }
    for (lang, word) in
        [("kk", "жолдан көп"), ("ru", "больше 200000 строк"), ("en", "more than 200000 rows")]
    {
        let out = otau(&o.db)
            .args(["--lang", lang, "import"])
            .arg(&bomb)
            .arg("--suggest-mapping")
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(word), "{lang}: {stderr}");
    }
}
