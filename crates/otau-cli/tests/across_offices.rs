//! What only the centre can see, every part a real process: a certificate of DEMO01, voided
//! there, is reported by AKM01's `otau verify` as voided by DEMO01 on its date once both have
//! synced, and as of which exchange with the centre; the same person registered in DEMO01 and
//! AKM01 becomes one case handed to both offices (and nobody else), whose decision in one office
//! reaches the other.
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
        cmd.args(["--json", "--db", device.db.to_str().expect("path"), "verify", "--qr", &qr]);
        let out = cmd.output().expect("verify runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        (out.status.code(), v)
    };
    let (code, v) = verify(&c);
    assert_eq!((code, v["status"].as_str()), (Some(0), Some("valid")), "{v:#}");
    assert!(v["as_of"].is_string(), "{v:#}");
    // The code names whom the paper is about: a genuine code on a forged paper shows.
    let head = a.ok(&["person", "show", &regno]);
    let subject = v["seal"]["subject"].as_str().expect("subject");
    let surname = head["person"]["surname"].as_str().expect("surname");
    assert!(subject.starts_with(surname) && subject.ends_with(", 02.03.1984"), "{subject}");

    let voided = std::process::Command::new(bin())
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
    let on_a = a.ok(&["sync", "duplicates"]);
    let on_c = c.ok(&["sync", "duplicates"]);
    let (case_a, case_c) = (&on_a["cases"][0], &on_c["cases"][0]);
    assert_eq!(case_a["id"], case_c["id"], "one case, handed to both: {on_a:#} {on_c:#}");
    assert_eq!(case_a["regno"], here.as_str());
    assert_eq!(case_a["other_office"], "AKM01");
    assert_eq!(case_a["other"]["regno"], there.as_str(), "both records side by side");
    assert_eq!(case_c["other_office"], "DEMO01");
    assert_eq!(case_c["other"]["regno"], here.as_str());
    // Nobody else hears of it: a third office's device gets no case.
    let witness = join(dir.path(), "witness", &centre, "AKM01", "witness-admin");
    assert_eq!(witness.ok(&["sync", "duplicates"])["cases"].as_array().map(Vec::len), Some(1));

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
    let decided = a.ok(&["sync", "duplicates", "--all"]);
    let d = &decided["cases"][0]["decision"];
    assert_eq!(d["decision"], "different_people", "{decided:#}");
    assert_eq!(d["office_code"], "AKM01");
    assert_eq!(d["reason"], "басқа туған жері");
    assert_eq!(a.ok(&["sync", "duplicates"])["cases"].as_array().map(Vec::len), Some(0));
    witness.sync();
    let w = witness.ok(&["sync", "duplicates", "--all"]);
    assert_eq!(
        w["cases"][0]["decision"]["decision"], "different_people",
        "the office's devices too"
    );
}
