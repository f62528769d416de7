//! What only the centre can see, every part a real process: a certificate of DEMO01, voided
//! there, is reported by AKM01's `otau verify` as voided by DEMO01 on its date once both have
//! synced, and as of which exchange with the centre; the same person registered in DEMO01 and
//! AKM01 becomes one case handed to both offices (and nobody else), whose decision in one office
//! reaches the other; one family paid the relocation subsidy in both offices becomes a review
//! case in both, which only a manager decides, and whose decision reaches the other office.
// A test is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

mod sync_kit;

use sync_kit::*;

#[test]
fn a_certificate_voided_in_one_office_is_reported_voided_by_it_in_another_after_a_sync() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let c = other_office(dir.path(), &centre);
    let regno = a.register("paper", 2);
    let pdf = dir.path().join("certificate.pdf");
    let issued = a.ok(&[
        "--user",
        "admin",
        "doc",
        "certificate",
        &regno,
        "--out",
        pdf.to_str().expect("path"),
    ]);
    let qr = issued["qr"].as_str().expect("qr").to_string();
    let number = issued["number"].as_str().expect("number").to_string();
    a.sync();
    c.sync();
    let verify = |device: &Device| {
        let mut cmd = std::process::Command::new(bin());
        cmd.env("OTAU_OFFICE_SECRET", "Otau office secret 2026");
        cmd.args(["--json", "--db", device.db.to_str().expect("path"), "verify", "--qr", &qr]);
        let out = cmd.output().expect("verify runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        (out.status.code(), v)
    };
    let (code, v) = verify(&c);
    assert_eq!((code, v["status"].as_str()), (Some(0), Some("valid")), "{v:#}");
    assert!(v["as_of"].is_string(), "{v:#}");
    // The code names whom the paper is about: a genuine code on a forged paper shows.
    let head = a.read(&["person", "show", &regno]);
    let subject = v["seal"]["subject"].as_str().expect("subject");
    let surname = head["person"]["surname"].as_str().expect("surname");
    assert!(subject.starts_with(surname) && subject.ends_with(", 02.03.1984"), "{subject}");

    let voided = std::process::Command::new(bin())
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args(["--json", "--db", a.db.to_str().expect("path"), "--user", "manager"])
        .args(["doc", "void", &number, "--reason", "қате жазылған"])
        .env("OTAU_PASSWORD", "manager-demo")
        .output()
        .expect("void runs");
    assert!(voided.status.success(), "{}", String::from_utf8_lossy(&voided.stderr));
    // Until AKM01 hears of it from the centre, its answer holds as of its last exchange.
    let (_, before) = verify(&c);
    assert_eq!(before["status"], "valid");
    a.sync();
    c.sync();
    let (code, v) = verify(&c);
    assert_ne!(code, Some(0), "a voided paper does not pass");
    assert_eq!(v["status"], "voided", "{v:#}");
    assert_eq!(v["voided_by_office"]["office_code"], "DEMO01", "{v:#}");
    assert!(v["voided_by_office"]["voided_on"].is_string(), "{v:#}");
    assert_ne!(v["as_of"], before["as_of"], "the answer names the newer exchange");

    // In words, as the person at the counter reads it.
    let text = std::process::Command::new(bin())
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args(["--lang", "en", "--db", c.db.to_str().expect("path"), "verify", "--qr", &qr])
        .output()
        .expect("verify runs");
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(said.contains("VOIDED by office DEMO01"), "{said}");
    assert!(said.contains("As of the last exchange with the centre"), "{said}");
}

#[test]
fn the_same_person_registered_in_two_offices_is_a_case_in_both_and_its_decision_syncs() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let c = other_office(dir.path(), &centre);
    // The same family registered in both offices (the same head: name and birth date).
    let here = a.register("twice", 1);
    let there = c.register("twice", 1);
    a.sync();
    c.sync();
    a.sync();
    let on_a = a.read(&["sync", "duplicates"]);
    let on_c = c.read(&["sync", "duplicates"]);
    let (case_a, case_c) = (&on_a["cases"][0], &on_c["cases"][0]);
    assert_eq!(case_a["id"], case_c["id"], "one case, handed to both: {on_a:#} {on_c:#}");
    assert_eq!(case_a["regno"], here.as_str());
    assert_eq!(case_a["other_office"], "AKM01");
    assert_eq!(case_a["other"]["regno"], there.as_str(), "both records side by side");
    assert_eq!(case_c["other_office"], "DEMO01");
    assert_eq!(case_c["other"]["regno"], here.as_str());
    // Nobody else hears of it: a third office's device gets no case.
    let witness = join(dir.path(), "witness", &centre, "AKM01", "witness-admin");
    assert_eq!(witness.read(&["sync", "duplicates"])["cases"].as_array().map(Vec::len), Some(1));

    // AKM01 decides; DEMO01 sees the decision after both sync.
    let id = case_c["id"].as_str().expect("id").to_string();
    let (refused, _) = c.run(&[
        "--user",
        "admin",
        "sync",
        "duplicate",
        &id,
        "--decision",
        "different-people",
        "--reason",
        " ",
    ]);
    assert!(!refused, "a reason is required");
    c.ok(&[
        "--user",
        "admin",
        "sync",
        "duplicate",
        &id,
        "--decision",
        "different-people",
        "--reason",
        "басқа туған жері",
    ]);
    c.sync();
    a.sync();
    let decided = a.read(&["sync", "duplicates", "--all"]);
    let d = &decided["cases"][0]["decision"];
    assert_eq!(d["decision"], "different_people", "{decided:#}");
    assert_eq!(d["office_code"], "AKM01");
    assert_eq!(d["reason"], "басқа туған жері");
    assert_eq!(a.read(&["sync", "duplicates"])["cases"].as_array().map(Vec::len), Some(0));
    witness.sync();
    let w = witness.read(&["sync", "duplicates", "--all"]);
    assert_eq!(
        w["cases"][0]["decision"]["decision"], "different_people",
        "the office's devices too"
    );
}

/// `otau --json --db DB --user LOGIN ARGS` with the user's password.
fn as_user(d: &Device, login: &str, password: &str, args: &[&str]) -> (bool, serde_json::Value) {
    let mut all = vec!["--db", d.db.to_str().expect("path"), "--user", login];
    all.extend_from_slice(args);
    run(&all, &[("OTAU_PASSWORD", password)])
}

/// Registers a family of one with `iin`, gives the head a status, includes it in the quota,
/// and has it prepared (by `maker`), approved and paid (by `checker`) the relocation subsidy.
fn paid_relocation(
    d: &Device,
    tag: &str,
    iin: &str,
    maker: (&str, &str),
    checker: (&str, &str),
) -> String {
    let mut family = family_json(tag, 1);
    family["members"][0]["iin"] = serde_json::json!(iin);
    let file = d.db.with_extension(format!("{tag}.json"));
    std::fs::write(&file, family.to_string()).expect("family file");
    let file = file.to_str().expect("path");
    let v = d.ok(&["--user", "admin", "family", "add", "--file", file, "--allow-duplicate"]);
    let regno = v["family_regno"].as_str().expect("regno").to_string();
    d.ok(&[
        "--user",
        "admin",
        "status",
        "record",
        &regno,
        "--family",
        "--applied",
        "2026-11-02",
        "--recommended",
        "2026-11-03",
        "--recommendation",
        "yes",
        "--granted",
        "2026-11-04",
    ]);
    d.ok(&["--user", "admin", "quota", "include", &regno, "--on", "2026-11-05"]);
    let ok = |user: (&str, &str), args: &[&str]| {
        let (success, v) = as_user(d, user.0, user.1, args);
        assert!(success, "{args:?}: {v:#}");
        v
    };
    let prepared = ok(
        maker,
        &[
            "subsidy",
            "prepare",
            "--family",
            &regno,
            "--kind",
            "relocation",
            "--decided-on",
            "2026-11-06",
        ],
    );
    let number = prepared["number"].as_str().expect("number").to_string();
    ok(checker, &["subsidy", "approve", &number]);
    ok(checker, &["subsidy", "pay", &number, "--order", "ПП-2026-0042", "--paid-on", "2026-12-01"]);
    regno
}

#[test]
fn one_family_paid_the_relocation_subsidy_in_two_offices_is_a_review_case_in_both() {
    let dir = tempfile::tempdir().expect("dir");
    let centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let c = other_office(dir.path(), &centre);
    // AKM01's manager, so a payment there has a maker and a checker.
    let mut add = assert_cmd::Command::new(bin());
    add.env("OTAU_OFFICE_SECRET", "Otau office secret 2026");
    add.args(["--json", "--db", c.db.to_str().expect("path"), "--user", "admin"])
        .args(["user", "add", "--password-stdin", "--login", "manager", "--role", "manager"])
        .env("OTAU_PASSWORD", &c.admin_password)
        .write_stdin("akmola-manager\n");
    let out = add.output().expect("user add runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    // ... who chooses a password of their own, so the administrator who made the account and
    // prepares the payment is another person than the one who approves it.
    let mut own = assert_cmd::Command::new(bin());
    own.env("OTAU_OFFICE_SECRET", "Otau office secret 2026");
    own.args(["--json", "--db", c.db.to_str().expect("path"), "--user", "manager"])
        .args(["user", "password", "manager"])
        .env("OTAU_PASSWORD", "akmola-manager")
        .write_stdin("Akmola-Manager-Oz-7\n");
    let out = own.output().expect("user password runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    // The same head (the same IIN) registered and paid in both offices.
    let iin = "840302307707";
    let here =
        paid_relocation(&a, "paidtwice", iin, ("clerk", "clerk-demo"), ("manager", "manager-demo"));
    let there = paid_relocation(
        &c,
        "paidagain",
        iin,
        ("admin", "akmola-admin"),
        ("manager", "Akmola-Manager-Oz-7"),
    );
    a.sync();
    c.sync();
    a.sync();
    let on_a = a.read(&["sync", "payments"]);
    let on_c = c.read(&["sync", "payments"]);
    assert_eq!(on_a["cases"].as_array().map(Vec::len), Some(1), "{on_a:#}");
    assert_eq!(on_c["cases"].as_array().map(Vec::len), Some(1), "{on_c:#}");
    let (case_a, case_c) = (&on_a["cases"][0], &on_c["cases"][0]);
    assert_eq!(case_a["id"], case_c["id"], "one case, handed to both");
    assert_eq!(case_a["subsidy_kind"], "relocation");
    assert_eq!(case_a["here"]["regno"], here.as_str());
    assert_eq!(case_a["here"]["office"], "DEMO01");
    assert_eq!(case_a["other"]["office"], "AKM01");
    assert_eq!(case_a["other"]["regno"], there.as_str(), "both payments side by side");
    assert_eq!(case_a["other"]["paid_on"], "2026-12-01");
    assert!(case_a["other"]["amount_tiyn"].as_i64().is_some_and(|t| t > 0), "{case_a:#}");
    assert!(case_a["other"]["head"].as_str().is_some_and(|h| h.starts_with("Тестpaidagain")));
    assert_eq!(case_c["here"]["regno"], there.as_str());
    assert_eq!(case_c["other"]["regno"], here.as_str());
    assert_eq!(case_c["here"]["amount_tiyn"], case_a["other"]["amount_tiyn"]);
    assert_eq!(c.ok(&["sync", "status"])["open_payment_cases"], 1, "waiting for a manager");
    // The centre lists it too.
    let data = centre.data.to_str().expect("path");
    let at_centre = ok(&["centre", "payments", "--data", data], &[]);
    assert_eq!(at_centre["cases"].as_array().map(Vec::len), Some(1), "{at_centre:#}");
    assert_eq!(at_centre["cases"][0]["id"], case_a["id"]);
    assert_eq!(at_centre["cases"][0]["state"], "open");
    // The table, in words.
    let table = std::process::Command::new(bin())
        .args(["--lang", "en", "--db", a.db.to_str().expect("path"), "--user", "admin"])
        .args(["sync", "payments"])
        .env("OTAU_PASSWORD", a.admin_password.as_str())
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .output()
        .expect("payments runs");
    let said = String::from_utf8_lossy(&table.stdout);
    assert!(said.contains("Relocation subsidy") && said.contains(there.as_str()), "{said}");

    // A clerk may not decide; the refusal is translated.
    let id = case_a["id"].as_str().expect("id").to_string();
    let decide = ["sync", "payment", &id, "--decision", "recover", "--reason", "екі рет төленді"];
    let (refused, e) = as_user(&a, "clerk", "clerk-demo", &decide);
    assert!(!refused);
    assert_eq!(e["error"]["code"], "store-forbidden", "{e:#}");
    let words = std::process::Command::new(bin())
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args(["--lang", "en", "--db", a.db.to_str().expect("path"), "--user", "clerk"])
        .args(decide)
        .env("OTAU_PASSWORD", "clerk-demo")
        .output()
        .expect("payment runs");
    assert!(!words.status.success());
    let said = String::from_utf8_lossy(&words.stderr);
    assert!(said.contains("may not do this: approving a payment"), "{said}");
    // A manager decides in DEMO01; AKM01 sees the decision after both sync.
    let (done, v) = as_user(&a, "manager", "manager-demo", &decide);
    assert!(done, "{v:#}");
    assert_eq!(a.read(&["sync", "payments"])["cases"].as_array().map(Vec::len), Some(0));
    a.sync();
    c.sync();
    let decided = c.read(&["sync", "payments", "--all"]);
    let d = &decided["cases"][0]["decision"];
    assert_eq!(d["decision"], "recover", "{decided:#}");
    assert_eq!(d["office_code"], "DEMO01");
    assert_eq!(d["reason"], "екі рет төленді");
    assert_eq!(c.read(&["sync", "payments"])["cases"].as_array().map(Vec::len), Some(0));
    assert_eq!(c.ok(&["sync", "status"])["open_payment_cases"], 0);
    let at_centre = ok(&["centre", "payments", "--data", data], &[]);
    assert_eq!(at_centre["cases"][0]["state"], "recover", "{at_centre:#}");
}
