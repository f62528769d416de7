//! `otau centre …` as real processes: make a centre, add an office, hand out a code, serve over
//! HTTPS, enrol a device through the real client, list devices, change reference data.

use assert_cmd::Command;
use serde_json::Value;
use std::io::BufRead;
use std::path::Path;

fn otau(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otau").expect("otau binary");
    cmd.env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .env_remove("OTAU_LANG")
        .env_remove("OTAU_CENTRE_DATABASE_URL")
        .arg("--json");
    cmd.arg("centre");
    let _ = data;
    cmd
}

fn run(data: &Path, args: &[&str]) -> (bool, Value) {
    let mut cmd = otau(data);
    // Subcommand first, then its options.
    cmd.args(args).arg("--data").arg(data);
    let out = cmd.output().expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {} {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.success(), v)
}

struct Serving(std::process::Child);

impl Drop for Serving {
    fn drop(&mut self) {
        // SAFETY: sending SIGTERM to our own child process.
        unsafe {
            libc::kill(self.0.id() as i32, libc::SIGTERM);
        }
        let _ = self.0.wait();
    }
}

#[test]
fn a_centre_is_made_served_and_administered_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("centre");
    let (ok, made) = run(&data, &["init", "--name", "Павлодар"]);
    assert!(ok, "{made}");
    assert_eq!(made["backend"], "sqlite");
    assert!(made["reference_items"].as_u64().unwrap() > 20);
    let (ok, again) = run(&data, &["init"]);
    assert!(!ok);
    assert_eq!(again["error"]["code"], "centre-already-initialised");

    let (ok, office) = run(
        &data,
        &["office", "add", "--code", "pvl01", "--name", "Павлодар", "--region", "KZ-55"],
    );
    assert!(ok, "{office}");
    assert_eq!(office["code"], "PVL01");
    let (ok, bad) =
        run(&data, &["office", "add", "--code", "X1", "--name", "x", "--region", "KZ-55"]);
    assert!(!ok);
    assert_eq!(bad["error"]["code"], "centre-bad-input");
    let (ok, code) = run(&data, &["enrol", "--office", "PVL01", "--valid-hours", "2"]);
    assert!(ok);
    let code = code["code"].as_str().unwrap().to_string();
    assert!(code.starts_with("OTAU1-"));
    let (ok, unknown) = run(&data, &["enrol", "--office", "NOPE01"]);
    assert!(!ok);
    assert_eq!(unknown["error"]["code"], "centre-unknown-office");

    // Serve over HTTPS on a free port; the first JSON document says where.
    let bin = assert_cmd::cargo::cargo_bin("otau");
    let child = std::process::Command::new(bin)
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args([
            "--json",
            "centre",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--block-size",
            "50",
            "--data",
        ])
        .arg(&data)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut serving = Serving(child);
    let stdout = serving.0.stdout.take().unwrap();
    let mut text = String::new();
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.unwrap();
        text.push_str(&line);
        if line == "}" {
            break;
        }
    }
    let listening: Value = serde_json::from_str(&text).unwrap();
    let url = listening["listening"].as_str().unwrap().to_string();
    assert!(url.starts_with("https://127.0.0.1:"));
    let key = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    let request = otau_sync::messages::EnrolRequest {
        code,
        device_id: None,
        device_name: "Counter 1".into(),
        device_key: hex::encode(key.verifying_key().to_bytes()),
        document_key: hex::encode(key.verifying_key().to_bytes()),
        history: otau_sync::messages::History { empty: true, numbers: vec![] },
    };
    let (enrolled, cert) = otau_sync::client::CentreClient::enrol(&url, &request).expect("enrols");
    assert_eq!(hex::encode(cert), listening["cert_sha256"].as_str().unwrap());
    assert!(enrolled.blocks.iter().all(|b| b.len() == 50));

    let (ok, devices) = run(&data, &["devices"]);
    assert!(ok);
    assert_eq!(devices["devices"][0]["office"], "PVL01");
    assert_eq!(devices["devices"][0]["name"], "Counter 1");
    let (ok, released) = run(&data, &["release", &enrolled.device_id.to_string()]);
    assert!(ok);
    assert_eq!(released["released"], false);
    drop(serving);

    let (ok, added) = run(&data, &["mci", "add", "--from", "2027-01-01", "--tenge", "4500"]);
    assert!(ok, "{added}");
    let (ok, _) = run(
        &data,
        &[
            "quota",
            "set",
            "--region",
            "KZ-55",
            "--year",
            "2027",
            "--people",
            "900",
            "--from",
            "2027-01-01",
        ],
    );
    assert!(ok);
    let rule = dir.path().join("rule.json");
    std::fs::write(
        &rule,
        r#"{"id": "relocation-2027", "version": 1, "kind": "relocation", "valid_from": "2027-01-01",
        "basis": "per_member", "amount_mci": 7000, "once_per_family": true}"#,
    )
    .unwrap();
    let (ok, rules) = run(&data, &["rule", "add", "--file", rule.to_str().unwrap()]);
    assert!(ok, "{rules}");
    assert_eq!(rules["added"][0], "relocation-2027|1");
    let (ok, status) = run(&data, &["status"]);
    assert!(ok);
    assert_eq!(status["status"]["offices"][0]["devices"], 1);
    assert_eq!(status["backend"], "sqlite");

    // Plain HTTP only on loopback.
    let (ok, refused) = run(&data, &["serve", "--listen", "0.0.0.0:0", "--insecure-http"]);
    assert!(!ok);
    assert_eq!(refused["error"]["code"], "cli-centre-insecure-not-loopback");

    // Refusals are translated.
    let out = Command::cargo_bin("otau")
        .unwrap()
        .args(["--lang", "ru", "centre", "release", "not-a-device", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Устройства not-a-device нет"));
}
