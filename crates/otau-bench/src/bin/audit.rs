//! `audit`: what the signed checkpoint written with every change costs, and how long
//! `otau audit verify` takes, on a generated registry of `--persons` persons: a family
//! registered one transaction each (its checkpoint included) beside the checkpoint's counting
//! and signing alone, and the whole check (chain, checkpoints, replay, projections).
//!
//! Run: `cargo run -p otau-bench --bin audit -- --persons 20000` (a debug build measures the
//! same shares; `--release` gives the office's figures).

// Figures, not rules: timings are floating point and the benchmark reads its own clock.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use chrono::{NaiveDate, TimeZone, Utc};
use clap::Parser;
use ed25519_dalek::{Signer, SigningKey};
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::population::{Office, Population, Size, Spec};
use otau_store::population::Staff;
use otau_store::{Context, NewOffice, Store};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// Persons in the generated registry.
    #[arg(long, default_value_t = 20_000)]
    persons: usize,
    /// Families registered one transaction each.
    #[arg(long, default_value_t = 100)]
    single: usize,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn median(mut d: Vec<Duration>) -> Duration {
    d.sort();
    d.get(d.len() / 2).copied().unwrap_or_default()
}

fn main() -> Res<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("audit.sqlite");
    let mut store = Store::open(&path)?;
    let at = Utc.with_ymd_and_hms(2015, 1, 1, 9, 0, 0).single().ok_or("time")?;
    store.init_office(
        at,
        &NewOffice {
            code: "PVL01".into(),
            name: "Bench".into(),
            region: "KZ-55".into(),
            admin_login: "admin".into(),
            admin_password: "secret-admin".into(),
        },
        &MciTable::from_json(DEFAULT_MCI_JSON)?,
    )?;
    let actor = store.sign_in("admin", "secret-admin")?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("date")?;
    let office = Office { code: "PVL01".into(), region: "KZ-55".into() };
    let mut spec = Spec::new(2026, vec![office], Size::Persons(args.persons), today);
    spec.years = Some(2015..=2026);
    let acts = Population::of(&spec, "PVL01")?.acts();
    let staff = Staff { clerk: actor.clone(), manager: None, admin: None };
    let written = store.write_population(acts, &staff, |_| {})?;
    eprintln!("{} persons in {} families", written.persons, written.families);

    let day = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?;
    let ctx =
        Context::new(&actor, Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).ok_or("t")?), day);
    let mut used = store.registered_iins()?;
    let families = otau_core::demo::families(7, args.single, day, 9_000_000, &mut used);
    let mut per_family = vec![];
    for f in &families {
        let t = Instant::now();
        otau_bench::register_at_counter(&mut store, &ctx, f)?;
        per_family.push(t.elapsed());
    }
    let key = SigningKey::from_bytes(&[9u8; 32]);
    let mut checkpoint = vec![];
    for _ in 0..args.single {
        let t = Instant::now();
        let counts = otau_store::checkpoint::state_counts(store.raw_connection())?;
        let body = format!("{counts:?}");
        let _ = key.sign(body.as_bytes());
        checkpoint.push(t.elapsed());
    }
    let t = Instant::now();
    let report = store.verify_audit(ctx.at)?;
    let verify = t.elapsed();
    let (reg, cp) = (median(per_family), median(checkpoint));
    println!("persons: {}", written.persons);
    println!("register one family (median, checkpoint included): {:.2} ms", ms(reg));
    println!(
        "checkpoint alone (count {} tables + sign, median): {:.2} ms ({:.0} % of a registration)",
        otau_store::checkpoint::STATE_TABLES.len(),
        ms(cp),
        100.0 * cp.as_secs_f64() / reg.as_secs_f64()
    );
    println!(
        "audit verify: {:.2} s for {} rows, {} records, {} findings",
        verify.as_secs_f64(),
        report.rows,
        report.records,
        report.findings.len()
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
