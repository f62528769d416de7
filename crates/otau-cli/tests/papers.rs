//! Papers checked against every office, every part a real process: a certificate of DEMO01,
//! voided there, is reported by AKM01's `otau verify` as voided by DEMO01 on its date once both
//! have synced, and as of which exchange with the centre; before AKM01 syncs it says so.
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
