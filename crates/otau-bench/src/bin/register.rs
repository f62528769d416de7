//! `register`: families registered at the counter, one transaction each, into a copy of a kept
//! population, for a profiler to watch (`perf record --call-graph dwarf`): the same calls as
//! the counter makes (the duplicate check first, and on a likely duplicate the clerk's
//! confirmation), with the disk not waited for, so what shows is the CPU a family costs.
//!
//! Run: `cargo run --release -p otau-bench --bin register -- --population
//! /tmp/otau-bench/population-100000.sqlite --families 600` (the population is copied first
//! and left as it was; its administrator's password is the benchmark's).

// Figures, not rules: timings are floating point and the benchmark reads its own clock.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use chrono::{NaiveDate, TimeZone, Utc};
use clap::Parser;
use otau_store::{Context, Duplicates, Store, StoreError};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
struct Args {
    /// A population kept by `otau-bench` (copied, never written).
    #[arg(long)]
    population: PathBuf,
    /// Families registered one transaction each.
    #[arg(long, default_value_t = 600)]
    families: usize,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The administrator's password of the populations `otau-bench` makes.
const ADMIN_PASSWORD: &str = "secret-admin";

fn main() -> Res<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("population.sqlite");
    std::fs::copy(&args.population, &path)?;
    let mut store = Store::open(&path)?;
    store.raw_connection().execute_batch("PRAGMA synchronous = OFF")?;
    let actor = store.sign_in("admin", ADMIN_PASSWORD)?;
    let day = NaiveDate::from_ymd_opt(2027, 2, 15).ok_or("date")?;
    let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).ok_or("time")?);
    let ctx = Context::new(&actor, at, day);
    let mut used = store.registered_iins()?;
    let families = otau_core::demo::families(77, args.families, day, 9_700_000, &mut used);
    let started = Instant::now();
    for family in &families {
        match store.register_family(&ctx, family, Duplicates::Refuse) {
            Err(StoreError::Duplicates(_)) => {
                store.register_family(&ctx, family, Duplicates::Allow)?;
            }
            other => {
                other?;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} families registered in {seconds:.2} s: {:.2} ms each (the disk not waited for)",
        families.len(),
        seconds * 1e3 / families.len().max(1) as f64
    );
    Ok(())
}
