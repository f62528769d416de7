//! Syncs killed at random points: two devices of an office and the centre, real processes, and
//! `otau sync` (and now and then the centre itself) killed with SIGKILL in the middle of pushing
//! and pulling, cycle after cycle, while the clerks go on working. Then everything syncs to the
//! end, and nothing may be lost or applied twice: the devices hold the same records and the same
//! ledger to the tiyn, the centre holds every event of each device exactly once, in an unbroken
//! sequence.
//!
//! `OTAU_SYNC_CRASH_CYCLES` sets the number of cycles (10 here; `scripts/sync-crash.sh` runs 300)
//! and `OTAU_SYNC_CRASH_SEED` the random seed (printed, so a failure can be replayed).
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

mod sync_kit;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use sync_kit::*;

/// A small, seeded generator: the cycles are replayable from the seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A number written in letters (a, b, … z, ba, bb, …), so names differ once folded.
fn letters(mut n: u64) -> String {
    let mut out = vec![];
    loop {
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.iter().rev().collect()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Starts `otau sync` on a device and kills it after `delay` unless it finished by then.
fn sync_killed_after(device: &Device, delay: Duration) -> bool {
    let mut child = Command::new(bin())
        .env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .args(["--json", "--db", device.db.to_str().expect("path"), "sync"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("otau sync starts");
    let started = Instant::now();
    while started.elapsed() < delay {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let killed = child.kill().is_ok();
    let _ = child.wait();
    killed
}

/// Syncs until a round moves nothing on either device.
fn sync_to_the_end(a: &Device, b: &Device) {
    for _ in 0..10 {
        let ra = a.sync();
        let rb = b.sync();
        let moved = |r: &serde_json::Value| {
            ["pushed", "applied", "overruled"].iter().any(|k| r[*k].as_u64().unwrap_or(0) > 0)
        };
        if !moved(&ra) && !moved(&rb) {
            return;
        }
    }
    panic!("the devices did not settle");
}

#[test]
fn syncs_killed_at_random_points_lose_nothing_and_apply_nothing_twice() {
    let cycles = env_number("OTAU_SYNC_CRASH_CYCLES", 10);
    let seed = env_number(
        "OTAU_SYNC_CRASH_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(7, |d| d.as_nanos() as u64),
    ) | 1;
    println!("OTAU_SYNC_CRASH_SEED={seed} OTAU_SYNC_CRASH_CYCLES={cycles}");
    let mut rng = Random(seed);
    let dir = tempfile::tempdir().expect("dir");
    let mut centre = Centre::new();
    let a = demo_office(dir.path(), &centre, 30);
    let b = join(dir.path(), "b", &centre, "DEMO01", "laptop-admin");
    let mut registered = 0;
    let mut kills = 0;
    for cycle in 0..cycles {
        // The clerks work: a family, now on one device, now on the other.
        let (worker, other) = if rng.below(2) == 0 { (&a, &b) } else { (&b, &a) };
        worker.register(&format!("c{}", letters(cycle)), 1 + rng.below(4) as usize);
        registered += 1;
        // A sync is cut short somewhere in its push or pull; sometimes the centre goes down
        // in the middle of it.
        let delay = Duration::from_millis(rng.below(80));
        if rng.below(4) == 0 {
            let centre_delay = Duration::from_millis(rng.below(200));
            let device = worker.db.clone();
            let handle = std::thread::spawn(move || {
                let device = Device { db: device, admin_password: String::new() };
                sync_killed_after(&device, delay)
            });
            std::thread::sleep(centre_delay);
            centre.kill();
            let _ = handle.join();
            centre.start();
            kills += 1;
        } else if sync_killed_after(worker, delay) {
            kills += 1;
        }
        if rng.below(3) == 0 && sync_killed_after(other, Duration::from_millis(rng.below(300))) {
            kills += 1;
        }
    }
    println!("{cycles} cycles, {kills} processes killed, {registered} families registered");

    assert_eq!(centre.alive(), None, "the centre survived every device killed mid-request");
    sync_to_the_end(&a, &b);
    let (ra, rb) = (a.rows(), b.rows());
    let only_a: Vec<&String> = ra.iter().filter(|r| !rb.contains(r)).collect();
    let only_b: Vec<&String> = rb.iter().filter(|r| !ra.contains(r)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only on a: {only_a:#?}\nonly on b: {only_b:#?}"
    );
    // Every family registered in the cycles is there once, on both: one head each.
    let heads =
        ra.iter().filter(|r| r.starts_with("persons|") && r.contains("|head|Тестc")).count();
    assert_eq!(heads, registered, "families registered in the cycles");
    // The ledger is the same to the tiyn on both devices.
    let totals =
        |d: &Device| d.read(&["ledger", "totals", "--from", "2000-01-01", "--to", "2100-12-31"]);
    assert_eq!(totals(&a), totals(&b));
    // The centre holds each event once, and each device's events in one unbroken run that
    // ends where the device's own sequence ends.
    let conn = rusqlite::Connection::open(centre.database()).expect("centre database");
    let (rows, distinct): (i64, i64) = conn
        .query_row("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("count");
    assert_eq!(rows, distinct, "an event held twice");
    for device in [&a, &b] {
        let store = otau_store::vault::open_with_secret(&device.db, "Otau office secret 2026")
            .expect("open");
        let (id, _) = store.device_identity().expect("identity");
        let newest = store.newest_device_seq().expect("newest");
        let (count, low, high): (i64, i64, i64) = conn
            .query_row(
                "SELECT COUNT(*), MIN(device_seq), MAX(device_seq) FROM events WHERE device_id = ?1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("device's events");
        assert_eq!((count, low, high), (newest, 1, newest), "device {id}");
        // And the office's order has no gap either.
        let (n, max): (i64, i64) = conn
            .query_row(
                "SELECT COUNT(*), MAX(server_seq) FROM events WHERE office = 'DEMO01'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("office");
        assert_eq!(n, max, "server sequence without gaps");
    }
}
