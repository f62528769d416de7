//! The kit of the sync tests: a centre and office devices as real `otau` processes on 127.0.0.1,
//! each in its own temporary folder, and ways to look inside their databases afterwards.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The `otau` binary under test.
pub fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("otau")
}

/// Runs `otau --json ARGS` with `env`, returning whether it succeeded and its JSON.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> (bool, Value) {
    let mut cmd = Command::new(bin());
    cmd.env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .env_remove("OTAU_LANG")
        .env_remove("OTAU_PASSWORD")
        .env_remove("OTAU_DB");
    cmd.arg("--json").args(args).stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("otau runs");
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        json!({
            "stdout": String::from_utf8_lossy(&out.stdout),
            "stderr": String::from_utf8_lossy(&out.stderr),
        })
    });
    (out.status.success(), value)
}

/// Like [`run`], and panics with the output when it fails.
pub fn ok(args: &[&str], env: &[(&str, &str)]) -> Value {
    let (success, value) = run(args, env);
    assert!(success, "otau {args:?} failed: {value:#}");
    value
}

/// A centre served by `otau centre serve` in a temporary folder.
pub struct Centre {
    pub dir: tempfile::TempDir,
    pub data: PathBuf,
    pub url: String,
    port: u16,
    child: Option<Child>,
    /// `OTAU_CENTRE_DATABASE_URL` of a centre on PostgreSQL.
    database_url: Option<String>,
}

impl Centre {
    /// A new centre on SQLite with offices DEMO01 (Pavlodar) and AKM01 (Akmola), serving.
    pub fn new() -> Centre {
        Centre::on(None)
    }

    /// The same on the PostgreSQL database at `database_url`, or on SQLite.
    pub fn on(database_url: Option<String>) -> Centre {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("centre");
        let mut c = Centre { dir, data, url: String::new(), port: 0, child: None, database_url };
        c.admin(&["init", "--name", "Орталық"]);
        for (code, region) in [("DEMO01", "KZ-55"), ("AKM01", "KZ-11")] {
            c.admin(&["office", "add", "--code", code, "--name", code, "--region", region]);
        }
        c.start();
        c
    }

    fn data(&self) -> &str {
        self.data.to_str().expect("utf-8 path")
    }

    fn env(&self) -> Vec<(&str, &str)> {
        self.database_url.iter().map(|u| ("OTAU_CENTRE_DATABASE_URL", u.as_str())).collect()
    }

    /// `otau --json centre ARGS --data DATA` against this centre; whether it succeeded, and
    /// its JSON.
    pub fn try_admin(&self, args: &[&str]) -> (bool, Value) {
        let mut all = vec!["centre"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--data", self.data()]);
        run(&all, &self.env())
    }

    /// Like [`Centre::try_admin`], panicking on failure.
    pub fn admin(&self, args: &[&str]) -> Value {
        let (success, value) = self.try_admin(args);
        assert!(success, "otau centre {args:?} failed: {value:#}");
        value
    }

    /// Starts serving (on the port it had, so devices keep its address).
    pub fn start(&mut self) {
        let listen = format!("127.0.0.1:{}", self.port);
        let mut child = Command::new(bin())
            .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
            .args(["--json", "centre", "serve", "--listen", &listen, "--data", self.data()])
            .envs(self.env())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut text = String::new();
        for line in std::io::BufReader::new(stdout).lines() {
            let line = line.expect("line");
            text.push_str(&line);
            if line == "}" {
                break;
            }
        }
        let v: Value = serde_json::from_str(&text).expect("the centre says where it listens");
        self.url = v["listening"].as_str().expect("url").to_string();
        self.port = self.url.rsplit(':').next().and_then(|p| p.parse().ok()).expect("port");
        self.child = Some(child);
    }

    /// Kills the centre at once (SIGKILL), as a power cut would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// How the centre's process ended, or None while it is running.
    pub fn alive(&mut self) -> Option<std::process::ExitStatus> {
        self.child.as_mut().and_then(|c| c.try_wait().ok().flatten())
    }

    /// The centre's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// A one-time enrolment code of an office.
    pub fn code(&self, office: &str) -> String {
        let v = self.admin(&["enrol", "--office", office]);
        v["code"].as_str().expect("code").to_string()
    }

    /// `otau centre status --json`.
    pub fn status(&self) -> Value {
        self.admin(&["status"])
    }

    /// The centre's SQLite database.
    pub fn database(&self) -> PathBuf {
        self.data.join("centre.sqlite")
    }
}

impl Drop for Centre {
    fn drop(&mut self) {
        self.kill();
    }
}

/// An office database used through `otau` as a real process.
pub struct Device {
    pub db: PathBuf,
    /// The administrator's password on this device.
    pub admin_password: String,
}

impl Device {
    fn db(&self) -> &str {
        self.db.to_str().expect("utf-8 path")
    }

    /// `otau --db DB ARGS` as the administrator when `--user admin` is among the args.
    pub fn run(&self, args: &[&str]) -> (bool, Value) {
        let mut all = vec!["--db", self.db()];
        all.extend_from_slice(args);
        run(&all, &[("OTAU_PASSWORD", self.admin_password.as_str())])
    }

    /// Like [`Device::run`], panicking on failure.
    pub fn ok(&self, args: &[&str]) -> Value {
        let (success, value) = self.run(args);
        assert!(success, "otau --db {} {args:?} failed: {value:#}", self.db());
        value
    }

    /// Like [`Device::ok`], signed in as the administrator (reading personal data needs it).
    pub fn read(&self, args: &[&str]) -> Value {
        let mut all = vec!["--user", "admin"];
        all.extend_from_slice(args);
        self.ok(&all)
    }

    /// `otau sync`.
    pub fn sync(&self) -> Value {
        self.ok(&["sync"])
    }

    /// Registers a family whose surname and document numbers come from `tag` (no IIN, so two
    /// devices never register the same person by accident).
    pub fn register(&self, tag: &str, members: usize) -> String {
        let file = self.db.with_extension(format!("{tag}.json"));
        std::fs::write(&file, family_json(tag, members).to_string()).expect("family file");
        // Test names fold alike; the duplicate check is not what these tests are about.
        let file = file.to_str().expect("path");
        let v = self.ok(&["--user", "admin", "family", "add", "--file", file, "--allow-duplicate"]);
        v["family_regno"].as_str().expect("regno").to_string()
    }

    /// The records of the office as rows of text (`Store::office_rows`).
    pub fn rows(&self) -> Vec<String> {
        otau_store::vault::open_with_secret(&self.db, "Otau office secret 2026")
            .expect("open")
            .office_rows()
            .expect("rows")
    }
}

/// The office DEMO01 as `scripts/demo-office.sh` makes it (users, families, statuses, quota,
/// plan items, subsidies awaiting approval and paid), enrolled as its first device.
pub fn demo_office(dir: &Path, centre: &Centre, families: usize) -> Device {
    let db = dir.join("a.sqlite");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/demo-office.sh");
    let status = Command::new("bash")
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .arg(script)
        .arg(bin())
        .arg(&db)
        .arg(families.to_string())
        .stdout(Stdio::null())
        .status()
        .expect("the demo office script runs");
    assert!(status.success());
    let device = Device { db, admin_password: "admin-demo".into() };
    let code = centre.code("DEMO01");
    device.ok(&[
        "--user",
        "admin",
        "sync",
        "enrol",
        "--centre",
        &centre.url,
        "--code",
        &code,
        "--name",
        "Counter",
    ]);
    device
}

/// A new, empty device joining `office`; its administrator's password is `password`.
pub fn join(dir: &Path, name: &str, centre: &Centre, office: &str, password: &str) -> Device {
    let device = Device { db: dir.join(format!("{name}.sqlite")), admin_password: password.into() };
    let code = centre.code(office);
    device.ok(&[
        "sync",
        "enrol",
        "--centre",
        &centre.url,
        "--code",
        &code,
        "--name",
        name,
        "--admin",
        "admin",
    ]);
    device
}

/// A new office database of AKM01, with one family, enrolled as the office's first device.
pub fn other_office(dir: &Path, centre: &Centre) -> Device {
    let device = Device { db: dir.join("c.sqlite"), admin_password: "akmola-admin".into() };
    device.ok(&[
        "init",
        "--office",
        "AKM01",
        "--office-name",
        "Ақмола",
        "--region",
        "KZ-11",
        "--admin",
        "admin",
    ]);
    device.register("akmola", 2);
    let code = centre.code("AKM01");
    device.ok(&["--user", "admin", "sync", "enrol", "--centre", &centre.url, "--code", &code]);
    device
}

/// A family file: the head and `members - 1` children, surnames and documents made from `tag`.
pub fn family_json(tag: &str, members: usize) -> Value {
    let surname =
        format!("Тест{}", tag.chars().filter(char::is_ascii_alphanumeric).collect::<String>());
    let digits: String = format!("{:07}", tag.bytes().map(u64::from).sum::<u64>() % 10_000_000);
    let list: Vec<Value> = (0..members.max(1))
        .map(|i| {
            let given = ["Нұрлан", "Әлия", "Дана", "Ержан", "Аружан"][i % 5];
            let birth = if i == 0 {
                "1984-03-02".to_string()
            } else {
                format!("201{}-05-1{}", i % 10, i % 9)
            };
            let mut m = json!({
                "relation": if i == 0 { "head" } else { "child" },
                "surname": surname,
                "given_name": given,
                "birth_date": birth,
                "sex": if i % 2 == 0 { "male" } else { "female" },
                "document": {
                    "kind": "passport",
                    "number": format!("N{digits}{i}"),
                    "issuing_country": "UZ"
                }
            });
            // The head signs the consent form; the children are covered by it.
            if i == 0 {
                m["consent"] = json!({ "given_on": "2026-11-02" });
            } else {
                m["no_consent"] = json!({ "reason": "minor", "covered_by": 0 });
            }
            m
        })
        .collect();
    json!({
        "arrival_date": "2026-11-02",
        "country_of_origin": "UZ",
        "region": "KZ-55",
        "settlement": "Павлодар",
        "members": list
    })
}
