//! A centre for the end-to-end tests of sync: the real `otau centre serve` on 127.0.0.1 (HTTPS
//! with its own certificate, which devices pin from their enrolment code), in a folder of the
//! test's, with the offices it is given; and office databases made and enrolled with the real
//! `otau` command line, as an administrator would.
//!
//! # Design
//! The centre is a child process, killed when dropped (even when the test panicked), so a failed
//! test leaves nothing listening. Devices are plain database files the test keeps, so several runs
//! of the app can open the same computer's database one after the other.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::{err, otau_binary, repo_root, Otau, Result};

/// A running centre.
pub struct Centre {
    data: PathBuf,
    /// Its address (`https://127.0.0.1:PORT`).
    pub url: String,
    child: Child,
}

/// Runs `otau --json ARGS` (no database, no user) and returns its JSON answer.
fn otau_json(args: &[&str]) -> Result<Value> {
    let bin = otau_binary()?;
    let out = Command::new(&bin)
        .arg("--json")
        .args(args)
        .env_remove("OTAU_DB")
        .env_remove("OTAU_PASSWORD")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| err(format!("cannot run {}: {e}", bin.display())))?;
    if !out.status.success() {
        return Err(err(format!(
            "otau {args:?} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    serde_json::from_slice(&out.stdout)
        .map_err(|e| err(format!("otau {args:?} printed no JSON: {e}")))
}

impl Centre {
    /// Makes a centre in `dir` with `offices` (code, name, region) and serves it on a free port
    /// of 127.0.0.1.
    pub fn start(dir: &Path, offices: &[(&str, &str, &str)]) -> Result<Centre> {
        let data = dir.join("centre");
        let d = data.to_string_lossy().into_owned();
        otau_json(&["centre", "init", "--data", &d, "--name", "Павлодар облысы"])?;
        for (code, name, region) in offices {
            otau_json(&[
                "centre", "office", "add", "--data", &d, "--code", code, "--name", name,
                "--region", region,
            ])?;
        }
        let bin = otau_binary()?;
        let mut child = Command::new(&bin)
            .args(["--json", "centre", "serve", "--listen", "127.0.0.1:0", "--data", &d])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| err(format!("cannot start the centre: {e}")))?;
        // It prints one JSON document saying where it listens, then serves.
        let mut text = String::new();
        if let Some(stdout) = child.stdout.take() {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                text.push_str(&line);
                if line == "}" {
                    break;
                }
            }
        }
        let url = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v["listening"].as_str().map(str::to_owned));
        match url {
            Some(url) => Ok(Centre { data, url, child }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(err(format!("the centre did not say where it listens: {text:?}")))
            }
        }
    }

    /// A one-time enrolment code for a device of `office`.
    pub fn code(&self, office: &str) -> Result<String> {
        let d = self.data.to_string_lossy().into_owned();
        let v = otau_json(&["centre", "enrol", "--data", &d, "--office", office])?;
        v["code"].as_str().map(str::to_owned).ok_or_else(|| err(format!("no code in {v}")))
    }

    /// The demo office DEMO01 as `scripts/demo-office.sh` makes it (logins `admin`/`admin-demo`,
    /// `clerk`/`clerk-demo`, `manager`/`manager-demo`) with `families` demo families, at `db`,
    /// enrolled with this centre as the office's first computer.
    pub fn demo_office(&self, db: &Path, families: usize) -> Result<Otau> {
        let otau = demo_database(db, families)?;
        let code = self.code("DEMO01")?;
        otau.run(
            &[
                "--user", "admin", "sync", "enrol", "--centre", &self.url, "--code", &code,
                "--name", "Counter",
            ],
            "",
        )?;
        Ok(otau)
    }

    /// The demo office DEMO01 at `db`, as [`Centre::demo_office`] makes it, enrolled as a
    /// computer with no line: with the centre's card (written to `card`) and its code, so its
    /// enrolment travels in its first packet.
    pub fn demo_office_by_card(&self, db: &Path, families: usize, card: &Path) -> Result<Otau> {
        let otau = demo_database(db, families)?;
        let d = self.data.to_string_lossy().into_owned();
        let card_path = card.to_string_lossy().into_owned();
        let v = otau_json(&[
            "centre", "enrol", "--data", &d, "--office", "DEMO01", "--card", &card_path,
        ])?;
        let code = v["code"].as_str().ok_or_else(|| err(format!("no code in {v}")))?;
        otau.run(
            &[
                "--user", "admin", "sync", "enrol", "--card", &card_path, "--code", code, "--name",
                "Counter",
            ],
            "",
        )?;
        Ok(otau)
    }

    /// Imports a device's packet at the centre (`otau centre packet import`): its JSON answer.
    pub fn packet_import(&self, file: &Path) -> Result<Value> {
        let d = self.data.to_string_lossy().into_owned();
        otau_json(&["centre", "packet", "import", "--data", &d, &file.to_string_lossy()])
    }

    /// Writes the centre's packet for `device` to `out` (`otau centre packet export`).
    pub fn packet_export(&self, device: &str, out: &Path) -> Result<Value> {
        let d = self.data.to_string_lossy().into_owned();
        let out = out.to_string_lossy().into_owned();
        otau_json(&["centre", "packet", "export", "--data", &d, "--device", device, "--out", &out])
    }
}

/// The demo office DEMO01 as `scripts/demo-office.sh` makes it, at `db`, with `families` demo
/// families; not enrolled.
fn demo_database(db: &Path, families: usize) -> Result<Otau> {
    let script = repo_root().join("scripts/demo-office.sh");
    let status = Command::new("bash")
        .arg(&script)
        .arg(otau_binary()?)
        .arg(db)
        .arg(families.to_string())
        .env_remove("OTAU_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .map_err(|e| err(format!("cannot run {}: {e}", script.display())))?;
    if !status.success() {
        return Err(err(format!("{} failed ({status})", script.display())));
    }
    Ok(Otau::on(db, "admin-demo"))
}

impl Drop for Centre {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
