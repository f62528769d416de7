//! `register`: families registered at the counter, one transaction each, into a copy of a kept
//! population, for a profiler to watch (`perf record --call-graph dwarf`): the same calls as
//! the counter makes (the duplicate check first, and on a likely duplicate the clerk's
//! confirmation), with the disk not waited for, so what shows is the CPU a family costs.
//!
//! With `--pages`, it also counts the pages each registration writes and the bytes the database
//! grows by, by table and index (a random key splits pages all across its index). With
//! `--replay`, it instead times registering waiting for the disk, as the counter does, beside
//! the same writes replayed as plain SQL into other copies ([`otau_bench::replay`]), whole and
//! without each part (the event log, the signed checkpoint, the search index; the records
//! alone; the log alone): what of a family's time is SQLite writing those B-trees, and what
//! is otau's code.
//!
//! Run: `cargo run --release -p otau-bench --bin register -- --population
//! /tmp/otau-bench/population-100000.sqlite --families 600` (the population is copied first
//! and left as it was; its administrator's password is the benchmark's).

// Figures, not rules: timings are floating point and the benchmark reads its own clock.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use chrono::{NaiveDate, TimeZone, Utc};
use clap::Parser;
use otau_core::model::FamilyInput;
use otau_store::{Context, Store};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// A population kept by `otau-bench` (copied, never written).
    #[arg(long)]
    population: PathBuf,
    /// Families registered one transaction each.
    #[arg(long, default_value_t = 600)]
    families: usize,
    /// Also count the pages each registration writes (the WAL is kept until the end and read
    /// back; `dbstat` names the B-tree of each page) and the bytes the database grows by, by
    /// table and index.
    #[arg(long)]
    pages: bool,
    /// Time registering with the disk waited for beside the same writes replayed as plain SQL.
    #[arg(long)]
    replay: bool,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The administrator's password of the populations `otau-bench` makes.
const ADMIN_PASSWORD: &str = "secret-admin";

/// The day the families are registered on.
fn day() -> Res<NaiveDate> {
    Ok(NaiveDate::from_ymd_opt(2027, 2, 15).ok_or("date")?)
}

/// Registers each family in its own transaction as the counter does; the time it took.
fn register_all(store: &mut Store, families: &[FamilyInput]) -> Res<Duration> {
    let actor = store.sign_in("admin", ADMIN_PASSWORD)?;
    let day = day()?;
    let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).ok_or("time")?);
    let ctx = Context::new(&actor, at, day);
    store.raw_connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let started = Instant::now();
    for family in families {
        otau_bench::register_at_counter(store, &ctx, family)?;
    }
    Ok(started.elapsed())
}

fn main() -> Res<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("population.sqlite");
    std::fs::copy(&args.population, &path)?;
    let mut store = Store::open(&path)?;
    let mut used = store.registered_iins()?;
    let families = otau_core::demo::families(77, args.families, day()?, 9_700_000, &mut used);
    if args.replay {
        return replay(&args, store, dir.path(), &families);
    }
    store.raw_connection().execute_batch("PRAGMA synchronous = OFF")?;
    if args.pages {
        store
            .raw_connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0;")?;
    }
    let before = if args.pages { tree_bytes(store.raw_connection())? } else { Default::default() };
    let seconds = register_all(&mut store, &families)?.as_secs_f64();
    println!(
        "{} families registered in {seconds:.2} s: {:.2} ms each (the disk not waited for)",
        families.len(),
        seconds * 1e3 / families.len().max(1) as f64
    );
    if args.pages {
        pages_by_tree(store.raw_connection(), &path, families.len())?;
        let after = tree_bytes(store.raw_connection())?;
        let mut grown: Vec<(String, i64)> = after
            .into_iter()
            .map(|(tree, bytes)| {
                let was = before.get(&tree).copied().unwrap_or(0);
                (tree, bytes - was)
            })
            .filter(|(_, grown)| *grown != 0)
            .collect();
        grown.sort_by_key(|(_, grown)| std::cmp::Reverse(*grown));
        let total: i64 = grown.iter().map(|(_, g)| g).sum();
        let per = |bytes: i64| bytes as f64 / families.len().max(1) as f64;
        println!("bytes the database grew by per registration: {:.0}", per(total));
        for (tree, bytes) in grown {
            println!("  {:>8.0}  {tree}", per(bytes));
        }
    }
    Ok(())
}

/// Registers the families into the copy `store` with its writes traced (not timed). Then,
/// each into a copy of its own and waiting for the disk: registers them again, and replays the
/// trace whole and without the writes of each part in turn; the first half of the families
/// warms each copy's cache and the second half is timed.
fn replay(args: &Args, mut store: Store, dir: &Path, families: &[FamilyInput]) -> Res<()> {
    store.raw_connection().execute_batch("PRAGMA synchronous = OFF")?;
    otau_bench::replay::start_tracing(store.raw_connection());
    register_all(&mut store, families)?;
    let trace = otau_bench::replay::finish_tracing(store.raw_connection());
    drop(store);
    let mut writes: std::collections::BTreeMap<String, usize> = Default::default();
    for sql in &trace {
        *writes.entry(otau_bench::replay::table_written(sql)).or_default() += 1;
    }

    let (warm, timed) = families.split_at(families.len() / 2);
    let per_family = |d: Duration| d.as_secs_f64() * 1e3 / timed.len().max(1) as f64;
    let copy = |name: &str| -> Res<PathBuf> {
        let to = dir.join(name);
        std::fs::copy(&args.population, &to)?;
        Ok(to)
    };
    let mut counter = Store::open(&copy("counter.sqlite")?)?;
    register_all(&mut counter, warm)?;
    let otau = per_family(register_all(&mut counter, timed)?);
    drop(counter);
    println!("registering, waiting for the disk: {otau:.2} ms a family");

    let parts: [(&str, &[&str]); 6] = [
        ("every write", &[]),
        ("without the event log", &["events"]),
        ("without the signed checkpoint", &["audit_checkpoints"]),
        ("without the search index", &["person_search", "name_words"]),
        ("the records alone", &[]),
        ("the event log alone", &[]),
    ];
    let records = ["families", "persons", "documents", "consents"];
    for (i, (label, left_out)) in parts.iter().enumerate() {
        let left_out: Vec<&str> = match i + 2 - parts.len() {
            0 => writes.keys().map(String::as_str).filter(|t| !records.contains(t)).collect(),
            1 => writes.keys().map(String::as_str).filter(|t| *t != "events").collect(),
            _ => left_out.to_vec(),
        };
        let path = copy(&format!("replay-{i}.sqlite"))?;
        let target = Store::open(&path)?;
        target.raw_connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        let replay = otau_bench::replay::Replay::prepare_without(
            target.raw_connection(),
            &trace,
            &left_out,
        )?;
        let statements = replay.statements() as f64 / replay.transactions().max(1) as f64;
        let took = per_family(replay.run(warm.len())?);
        println!(
            "the same writes as plain SQL, {label}: {took:.2} ms a family ({statements:.1} \
             writes; registering takes {:.1}x)",
            otau / took
        );
        drop(target);
        std::fs::remove_file(&path)?;
    }
    println!("writes by table, per family:");
    for (table, count) in writes.into_iter().filter(|(table, _)| !table.is_empty()) {
        println!("  {:>6.1}  {table}", count as f64 / families.len().max(1) as f64);
    }
    Ok(())
}

/// The bytes of each table and index (their pages, whole).
fn tree_bytes(conn: &rusqlite::Connection) -> Res<std::collections::BTreeMap<String, i64>> {
    let mut stmt = conn.prepare("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Prints the pages the WAL holds for each B-tree, per registration: each commit's distinct
/// pages (a page written twice in one transaction is one page), summed over the commits.
fn pages_by_tree(conn: &rusqlite::Connection, path: &Path, count: usize) -> Res<()> {
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let page_size = usize::try_from(page_size)?;
    let mut tree_of = std::collections::HashMap::new();
    let mut stmt = conn.prepare("SELECT pageno, name FROM dbstat")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (page, name) = row?;
        tree_of.insert(page, name);
    }
    let wal = std::fs::read(format!("{}-wal", path.display()))?;
    let mut by_tree: std::collections::BTreeMap<String, usize> = Default::default();
    let mut in_commit = std::collections::HashSet::new();
    let mut at = 32;
    while at + 24 + page_size <= wal.len() {
        let page = u32::from_be_bytes([wal[at], wal[at + 1], wal[at + 2], wal[at + 3]]);
        let commit = wal[at + 4..at + 8] != [0, 0, 0, 0];
        in_commit.insert(page);
        if commit {
            for page in in_commit.drain() {
                let tree = tree_of.get(&page).cloned().unwrap_or_else(|| "(free)".into());
                *by_tree.entry(tree).or_default() += 1;
            }
        }
        at += 24 + page_size;
    }
    let mut sorted: Vec<_> = by_tree.into_iter().collect();
    sorted.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let total: usize = sorted.iter().map(|(_, n)| n).sum();
    println!("pages written per registration: {:.1}", total as f64 / count.max(1) as f64);
    for (tree, n) in sorted {
        println!("  {:>6.2}  {tree}", n as f64 / count.max(1) as f64);
    }
    Ok(())
}
