//! `encryption`: the cost of encryption at rest, in one run — the same generated population
//! written into a plain and into an encrypted (SQLCipher) office database, then families
//! reopened, the same `find` queries timed on both right after opening (every page read for the
//! first time), families registered one transaction each, and the queries timed again on the
//! same connection (as in the app's working day), printed side by side with the ratio (goal:
//! under 15% on search and on registering).
//!
//! Run: `cargo run --release -p otau-bench --bin encryption -- --persons 100000`.

// Figures, not rules: timings are floating point and the benchmark reads its own clock.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use chrono::{NaiveDate, TimeZone, Utc};
use clap::Parser;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::population::{Office, Population, Size, Spec};
use otau_store::population::Staff;
use otau_store::vault::VaultKeys;
use otau_store::{Actor, Context, NewOffice, Store};
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// Persons in the population.
    #[arg(long, default_value_t = 100_000)]
    persons: usize,
    /// Families registered one transaction each (as a clerk does).
    #[arg(long, default_value_t = 1000)]
    single: usize,
    /// Search queries timed.
    #[arg(long, default_value_t = 3000)]
    queries: usize,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const OFFICE: &str = "PVL01";
const PASSWORD: &str = "secret-admin";

/// Median and 99th percentile of one pass of queries.
struct Percentiles {
    p50: Duration,
    p99: Duration,
}

/// What one database measured.
struct Figures {
    generate: Duration,
    register_per_s: f64,
    /// The queries right after the database was opened: every page read is read (and
    /// decrypted) for the first time.
    cold: Percentiles,
    /// The same queries again on the same connection, as in the app's working day.
    warm: Percentiles,
    bytes: u64,
}

fn main() -> Res<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let keys = VaultKeys::generate();
    let plain = measure(&dir.path().join("plain.sqlite"), None, &args)?;
    let encrypted = measure(&dir.path().join("encrypted.sqlite"), Some(&keys), &args)?;
    let pct = |a: f64, b: f64| (b / a - 1.0) * 100.0;
    println!("\nEncryption at rest: {} persons, plain beside SQLCipher in one run", args.persons);
    println!("| figure | plain | encrypted | cost |");
    println!("|---|---|---|---|");
    println!(
        "| writing the population | {:.1} s | {:.1} s | {:+.1}% |",
        plain.generate.as_secs_f64(),
        encrypted.generate.as_secs_f64(),
        pct(plain.generate.as_secs_f64(), encrypted.generate.as_secs_f64())
    );
    println!(
        "| registering, families/s ({} one per transaction) | {:.1} | {:.1} | {:+.1}% |",
        args.single,
        plain.register_per_s,
        encrypted.register_per_s,
        pct(encrypted.register_per_s, plain.register_per_s)
    );
    for (name, p, e) in [
        ("find p50, first pass after opening", plain.cold.p50, encrypted.cold.p50),
        ("find p99, first pass after opening", plain.cold.p99, encrypted.cold.p99),
        ("find p50, the same queries again", plain.warm.p50, encrypted.warm.p50),
        ("find p99, the same queries again", plain.warm.p99, encrypted.warm.p99),
    ] {
        println!(
            "| {name} ({} queries) | {:.2} ms | {:.2} ms | {:+.1}% |",
            args.queries,
            ms(p),
            ms(e),
            pct(ms(p), ms(e))
        );
    }
    println!(
        "| file size | {:.0} MB | {:.0} MB | {:+.1}% |",
        plain.bytes as f64 / 1e6,
        encrypted.bytes as f64 / 1e6,
        pct(plain.bytes as f64, encrypted.bytes as f64)
    );
    println!(
        "(cost: extra time, or fewer families per second, of the encrypted database; goal < 15%)"
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn open(path: &Path, keys: Option<&VaultKeys>) -> Res<Store> {
    Ok(match keys {
        Some(keys) => Store::open_encrypted(path, keys)?,
        None => Store::open(path)?,
    })
}

fn measure(path: &Path, keys: Option<&VaultKeys>, args: &Args) -> Res<Figures> {
    let label = if keys.is_some() { "encrypted" } else { "plain" };
    let mut store = open(path, keys)?;
    let at = Utc.with_ymd_and_hms(2015, 1, 1, 9, 0, 0).single().ok_or("time")?;
    store.init_office(
        at,
        &NewOffice {
            code: OFFICE.into(),
            name: "Bench".into(),
            region: "KZ-55".into(),
            admin_login: "admin".into(),
            admin_password: PASSWORD.into(),
        },
        &MciTable::from_json(DEFAULT_MCI_JSON)?,
    )?;
    let actor = store.sign_in("admin", PASSWORD)?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("date")?;
    let office = Office { code: OFFICE.into(), region: "KZ-55".into() };
    let mut spec = Spec::new(2026, vec![office], Size::Persons(args.persons), today);
    spec.years = Some(2015..=2026);
    let acts = Population::of(&spec, OFFICE)?.acts();
    let staff = Staff { clerk: actor.clone(), manager: None, admin: None };
    let t = Instant::now();
    store.write_population(acts, &staff, |_| {})?;
    let generate = t.elapsed();
    eprintln!("  {label}: population written in {:.1} s", generate.as_secs_f64());
    // The same queries on both: surnames and given names of persons picked by a fixed stride.
    let queries = queries(&store, args.queries)?;
    // Reopened, so both start from a cold connection cache.
    drop(store);
    let mut store = open(path, keys)?;
    let cold = find_pass(&store, &queries)?;
    let register_per_s = register(&mut store, &actor, args.single)?;
    let warm = find_pass(&store, &queries)?;
    store.raw_connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let bytes = std::fs::metadata(path)?.len();
    Ok(Figures { generate, register_per_s, cold, warm, bytes })
}

/// Runs every query once and returns the median and 99th percentile.
fn find_pass(store: &Store, queries: &[String]) -> Res<Percentiles> {
    let mut times = Vec::with_capacity(queries.len());
    for q in queries {
        let t = Instant::now();
        let hits = store.find(q, 20)?;
        times.push(t.elapsed());
        std::hint::black_box(hits);
    }
    times.sort();
    let at = |pct: usize| {
        let i = ((times.len() * pct) / 100).min(times.len().saturating_sub(1));
        times.get(i).copied().unwrap_or_default()
    };
    Ok(Percentiles { p50: at(50), p99: at(99) })
}

fn queries(store: &Store, count: usize) -> Res<Vec<String>> {
    let conn = store.raw_connection();
    let max: i64 = conn.query_row("SELECT MAX(rowid) FROM persons", [], |r| r.get(0))?;
    let mut stmt =
        conn.prepare("SELECT surname, given_name FROM persons WHERE rowid >= ?1 LIMIT 1")?;
    let mut out = vec![];
    for i in 0..count as i64 {
        let rowid = 1 + (i * 7919) % max.max(1);
        let (surname, given): (String, String) =
            stmt.query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?)))?;
        out.push(if i % 2 == 0 { surname } else { format!("{surname} {given}") });
    }
    Ok(out)
}

fn register(store: &mut Store, actor: &Actor, count: usize) -> Res<f64> {
    let day = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?;
    let mut used = store.registered_iins()?;
    let families = otau_core::demo::families(11, count, day, 9_000_000, &mut used);
    let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).ok_or("time")?);
    let ctx = Context::new(actor, at, day);
    let t = Instant::now();
    for f in &families {
        otau_bench::register_at_counter(store, &ctx, f)?;
    }
    Ok(families.len() as f64 / t.elapsed().as_secs_f64())
}
