//! The test kit of the story tests: a centre on either backend served on 127.0.0.1, and
//! synthetic devices that enrol, write events and sync through the real client.

pub use otau_centre::pg_temp as pg;

use ed25519_dalek::SigningKey;
use otau_centre::admin::Admin;
use otau_centre::server::{Running, ServeOptions};
use otau_centre::Location;
use otau_sync::client::CentreClient;
use otau_sync::messages::{EnrolRequest, Enrolled, History};
use otau_sync::{Actor, Envelope, Op, SignedEvent, SyncError};
use serde_json::Value;
use std::path::PathBuf;
use uuid::Uuid;

/// Which storage the centre runs on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A centre for one story.
pub struct TestCentre {
    pub location: Location,
    running: Option<Running>,
    pub pg: Option<pg::PgServer>,
    _dir: tempfile::TempDir,
    pub block_size: i64,
    /// The event text of a page of pull or own (smaller than production's to see pages cut).
    pub page_bytes: i64,
    /// Plain HTTP on loopback instead of HTTPS.
    pub insecure_http: bool,
}

/// A copy of the centre's database taken earlier.
pub enum Snapshot {
    File(PathBuf),
    Database(String),
}

impl TestCentre {
    pub fn new(backend: Backend) -> TestCentre {
        let dir = tempfile::tempdir().unwrap();
        let pg = (backend == Backend::Postgres).then(pg::PgServer::start);
        let database_url = pg.as_ref().map(|p| p.create("centre", None));
        let location = Location { data: dir.path().join("centre"), database_url };
        let (admin, _) = Admin::init(&location, "Test centre").expect("init");
        drop(admin);
        let mut c = TestCentre {
            location,
            running: None,
            pg,
            _dir: dir,
            block_size: 1000,
            page_bytes: otau_centre::http::MAX_PAGE_BYTES,
            insecure_http: false,
        };
        c.start();
        c
    }

    /// The same centre served over plain HTTP on loopback.
    pub fn plain_http(mut self) -> TestCentre {
        self.stop();
        self.insecure_http = true;
        self.start();
        self
    }

    pub fn start(&mut self) {
        let running = Running::start(ServeOptions {
            location: self.location.clone(),
            listen: "127.0.0.1:0".parse().unwrap(),
            insecure_http: self.insecure_http,
            block_size: self.block_size,
            page_bytes: self.page_bytes,
        })
        .expect("centre starts");
        self.running = Some(running);
    }

    pub fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().expect("centre stops");
        }
    }

    pub fn url(&self) -> String {
        self.running.as_ref().expect("running").url(self.insecure_http)
    }

    pub fn cert(&self) -> [u8; 32] {
        self.running.as_ref().expect("running").identity.cert_sha256
    }

    pub fn admin(&self) -> Admin {
        Admin::open(&self.location).expect("admin opens")
    }

    pub fn office(&self, code: &str, region: &str) {
        self.admin().add_office(code, &format!("{code} office"), region).expect("office");
    }

    pub fn code(&self, office: &str) -> String {
        self.admin().enrol_code(office, 72).expect("code").0
    }

    /// Copies the database as it is now (the centre is stopped and started around it).
    pub fn snapshot(&mut self) -> Snapshot {
        self.stop();
        let snap = match &self.pg {
            None => {
                let db = otau_centre::DataDir::new(&self.location.data).database();
                let copy = db.with_extension("snapshot");
                std::fs::copy(&db, &copy).unwrap();
                Snapshot::File(copy)
            }
            Some(pg) => {
                pg.create("snapshot", Some("centre"));
                Snapshot::Database("snapshot".into())
            }
        };
        self.start();
        snap
    }

    /// Puts an earlier copy back, as an administrator restoring a backup would.
    pub fn restore(&mut self, snap: &Snapshot) {
        self.stop();
        match (snap, &self.pg) {
            (Snapshot::File(copy), _) => {
                let db = otau_centre::DataDir::new(&self.location.data).database();
                for ext in ["sqlite-wal", "sqlite-shm"] {
                    let _ = std::fs::remove_file(db.with_extension(ext));
                }
                std::fs::copy(copy, &db).unwrap();
            }
            (Snapshot::Database(name), Some(pg)) => {
                pg.drop_db("centre");
                pg.create("centre", Some(name));
            }
            _ => unreachable!(),
        }
        self.start();
    }
}

/// A synthetic office device.
pub struct Device {
    pub key: SigningKey,
    pub id: Uuid,
    pub office: String,
    pub centre_id: Uuid,
    pub seq: i64,
    pub events: Vec<SignedEvent>,
    pub client: CentreClient,
    pub enrolled: Enrolled,
}

fn key(seed: u8) -> SigningKey {
    let mut b = [seed; 32];
    b[0] = rand_byte();
    SigningKey::from_bytes(&b)
}

fn rand_byte() -> u8 {
    Uuid::new_v4().as_bytes()[0]
}

pub fn enrol_request(code: &str, key: &SigningKey, empty: bool) -> EnrolRequest {
    EnrolRequest {
        code: code.into(),
        device_id: None,
        device_name: "Counter".into(),
        device_key: hex::encode(key.verifying_key().to_bytes()),
        document_key: hex::encode(key.verifying_key().to_bytes()),
        history: History { empty, numbers: vec![] },
    }
}

impl Device {
    pub fn try_enrol(c: &TestCentre, code: &str, empty: bool) -> Result<Device, SyncError> {
        let key = key(7);
        let (enrolled, cert) = CentreClient::enrol(&c.url(), &enrol_request(code, &key, empty))?;
        assert_eq!(cert, c.cert(), "the pinned fingerprint is the centre's");
        let mut client = CentreClient::new(&c.url(), cert)?;
        client.open_session(enrolled.centre.id, enrolled.device_id, &key)?;
        Ok(Device {
            key,
            id: enrolled.device_id,
            office: enrolled.office.code.clone(),
            centre_id: enrolled.centre.id,
            seq: 0,
            events: vec![],
            client,
            enrolled,
        })
    }

    pub fn enrol(c: &TestCentre, office: &str, empty: bool) -> Device {
        Device::try_enrol(c, &c.code(office), empty).expect("enrols")
    }

    /// A new session (after a restart of the centre, or a fork).
    pub fn reconnect(&mut self, c: &TestCentre) {
        let mut client = CentreClient::new(&c.url(), c.cert()).unwrap();
        client.open_session(self.centre_id, self.id, &self.key).expect("session");
        self.client = client;
    }

    /// Writes an event (the device's outbox).
    pub fn write(
        &mut self,
        entity: &str,
        op: Op,
        entity_id: Uuid,
        before: Value,
        after: Value,
    ) -> SignedEvent {
        self.seq += 1;
        let map = |v: Value| v.as_object().cloned().unwrap_or_default();
        let e = Envelope {
            wire: 1,
            event_id: Uuid::now_v7(),
            change_id: Uuid::now_v7(),
            office: self.office.clone(),
            device_id: self.id,
            device_seq: self.seq,
            at: "2026-12-06T10:00:00.000Z".into(),
            actor: Actor { user_id: None, login: "aigerim".into() },
            action: format!("{entity}.{}", if op == Op::Insert { "add" } else { "edit" }),
            reason: None,
            entity: entity.into(),
            entity_id,
            subject_id: None,
            op,
            base_version: if op == Op::Insert { 0 } else { 1 },
            before: map(before),
            after: map(after),
        };
        let s = SignedEvent::seal(&e).unwrap();
        self.events.push(s.clone());
        s
    }

    /// A person inserted with a registration number.
    pub fn person(&mut self, regno: &str, iin: Value) -> (Uuid, SignedEvent) {
        let id = Uuid::now_v7();
        let e = self.write(
            "person",
            Op::Insert,
            id,
            Value::Null,
            serde_json::json!({"regno": regno, "iin": iin, "surname": "Сейітқали", "given_name": "Нұрсұлтан",
                "birth_date": "1985-04-12", "sex": "male", "phone": "+77015551234", "email": null}),
        );
        (id, e)
    }

    /// Pushes events not acknowledged yet.
    pub fn push_from(&self, from: i64) -> Result<otau_sync::messages::PushResponse, SyncError> {
        let events: Vec<SignedEvent> =
            self.events.iter().skip((from - 1).max(0) as usize).cloned().collect();
        self.client.push(&events)
    }

    /// Pulls everything after `after`, page by page; the entries and the final high.
    pub fn pull_all(&self, after: i64, limit: u32) -> (Vec<otau_sync::messages::PullEntry>, i64) {
        let mut cursor = after;
        let mut all = vec![];
        loop {
            let page = self.client.pull(cursor, limit).expect("pull");
            if page.entries.is_empty() {
                return (all, page.high);
            }
            for e in &page.entries {
                assert_eq!(e.server_seq, cursor + 1, "gapless");
                cursor = e.server_seq;
                e.signed().verify().expect("pulled events verify");
            }
            all.extend(page.entries);
        }
    }
}
