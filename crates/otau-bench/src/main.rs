//! `otau-bench`: measures registering families (with audit and outbox) and searching a registry
//! of demo persons, each beside a raw SQLite baseline measured in the same run, and prints the
//! figures and their ratio.
//!
//! Run: `cargo run --release -p otau-bench -- --persons 100000`

// Figures, not rules: timings are floating point and the benchmark reads its own clock.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use chrono::{NaiveDate, TimeZone, Utc};
use clap::Parser;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::model::FamilyInput;
use otau_store::Context;
use otau_store::{Actor, Duplicates, NewOffice, Store};
use rusqlite::{params, Connection};
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// Persons in the registry searched.
    #[arg(long, default_value_t = 100_000)]
    persons: usize,
    /// Families registered one transaction each (as a clerk does).
    #[arg(long, default_value_t = 300)]
    single: usize,
    /// Families registered in batches of 500 (as an import does).
    #[arg(long, default_value_t = 5_000)]
    batch: usize,
    /// Search queries timed.
    #[arg(long, default_value_t = 400)]
    queries: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("date")?;
    let dir = tempfile::tempdir()?;
    println!(
        "otau-bench: registering and searching (SQLite WAL, synchronous=FULL, on {})",
        dir.path().display()
    );

    register_bench(dir.path(), today, &args)?;
    search_bench(dir.path(), today, &args)?;
    Ok(())
}

fn new_office(path: &Path) -> Result<(Store, Actor), Box<dyn std::error::Error>> {
    let mut store = Store::open(path)?;
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().ok_or("time")?;
    store.init_office(
        at,
        &NewOffice {
            code: "BENCH1".into(),
            name: "Bench".into(),
            region: "KZ-55".into(),
            admin_login: "admin".into(),
            admin_password: "bench-password".into(),
        },
        &MciTable::from_json(DEFAULT_MCI_JSON)?,
    )?;
    let actor = store.sign_in("admin", "bench-password")?;
    Ok((store, actor))
}

/// The same rows as a registration writes to the registry tables, inserted raw: no validation,
/// no duplicate check, no audit, no outbox, no search index.
fn raw_schema(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch(
        "CREATE TABLE families (id TEXT PRIMARY KEY, regno TEXT UNIQUE, arrival_date TEXT,
             country_of_origin TEXT, region TEXT, settlement TEXT, accommodation_category TEXT);
         CREATE TABLE persons (id TEXT PRIMARY KEY, family_id TEXT, regno TEXT UNIQUE, relation TEXT,
             surname TEXT, given_name TEXT, patronymic TEXT, surname_latin TEXT, given_name_latin TEXT,
             birth_date TEXT, sex TEXT, iin TEXT, education TEXT, phone TEXT);
         CREATE TABLE documents (id TEXT PRIMARY KEY, person_id TEXT, kind TEXT, number TEXT,
             issuing_country TEXT, issued_on TEXT, valid_until TEXT);",
    )
}

fn raw_insert(tx: &Connection, f: &FamilyInput, seq: &mut u32) -> rusqlite::Result<()> {
    let fid = uuid::Uuid::now_v7().to_string();
    *seq += 1;
    tx.prepare_cached("INSERT INTO families VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(
        params![
            fid,
            format!("RAW-{seq}"),
            f.arrival_date.to_string(),
            f.country_of_origin,
            f.region,
            f.settlement,
            format!("{:?}", f.accommodation_category)
        ],
    )?;
    for m in &f.members {
        *seq += 1;
        let pid = uuid::Uuid::now_v7().to_string();
        tx.prepare_cached(
            "INSERT INTO persons VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
            pid,
            fid,
            format!("RAW-{seq}"),
            format!("{:?}", m.relation),
            m.surname,
            m.given_name,
            m.patronymic,
            m.surname_latin,
            m.given_name_latin,
            m.birth_date.to_string(),
            format!("{:?}", m.sex),
            m.iin,
            format!("{:?}", m.education),
            m.phone
        ])?;
        if let Some(d) = &m.document {
            tx.prepare_cached("INSERT INTO documents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
                .execute(params![
                    uuid::Uuid::now_v7().to_string(),
                    pid,
                    format!("{:?}", d.kind),
                    d.number,
                    d.issuing_country,
                    d.issued_on.map(|x| x.to_string()),
                    d.valid_until.map(|x| x.to_string())
                ])?;
        }
    }
    Ok(())
}

fn register_bench(
    dir: &Path,
    today: NaiveDate,
    args: &Args,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut used = HashSet::new();
    let singles = otau_core::demo::families(11, args.single, today, 0, &mut used);
    let batch = otau_core::demo::families(12, args.batch, today, 1_000_000, &mut used);
    let at = Utc::now();

    // One transaction per family, as at the counter.
    let (mut store, actor) = new_office(&dir.join("register.sqlite"))?;
    let t = Instant::now();
    for f in &singles {
        store.register_family(&Context::new(&actor, at, today), f, Duplicates::Refuse)?;
    }
    let otau_single = t.elapsed();
    let raw = Connection::open(dir.join("raw-single.sqlite"))?;
    raw_schema(&raw)?;
    let mut seq = 0;
    let t = Instant::now();
    for f in &singles {
        raw.execute_batch("BEGIN IMMEDIATE")?;
        raw_insert(&raw, f, &mut seq)?;
        raw.execute_batch("COMMIT")?;
    }
    let raw_single = t.elapsed();

    // Batches of 500 families per transaction, as an import or the demo does.
    let t = Instant::now();
    for chunk in batch.chunks(500) {
        store.register_families(&Context::new(&actor, at, today), chunk, Duplicates::Allow)?;
    }
    let otau_batch = t.elapsed();
    let mut raw = Connection::open(dir.join("raw-batch.sqlite"))?;
    raw_schema(&raw)?;
    let t = Instant::now();
    for chunk in batch.chunks(500) {
        let tx = raw.transaction()?;
        for f in chunk {
            raw_insert(&tx, f, &mut seq)?;
        }
        tx.commit()?;
    }
    let raw_batch = t.elapsed();

    let rate = |n: usize, d: Duration| n as f64 / d.as_secs_f64();
    println!();
    println!("register families ({} persons per family on average)", avg_members(&singles));
    println!(
        "  one per transaction: otau {:>8.0} families/s   raw insert {:>8.0} families/s   ratio {:.1}x",
        rate(singles.len(), otau_single),
        rate(singles.len(), raw_single),
        otau_single.as_secs_f64() / raw_single.as_secs_f64()
    );
    println!(
        "  500 per transaction: otau {:>8.0} families/s   raw insert {:>8.0} families/s   ratio {:.1}x",
        rate(batch.len(), otau_batch),
        rate(batch.len(), raw_batch),
        otau_batch.as_secs_f64() / raw_batch.as_secs_f64()
    );
    println!("  (otau writes per record: state + audit row with hash chain + outbox event + search index, after validation and the duplicate check)");
    Ok(())
}

fn avg_members(f: &[FamilyInput]) -> String {
    let n: usize = f.iter().map(|f| f.members.len()).sum();
    format!("{:.1}", n as f64 / f.len().max(1) as f64)
}

fn search_bench(
    dir: &Path,
    today: NaiveDate,
    args: &Args,
) -> Result<(), Box<dyn std::error::Error>> {
    let (mut store, actor) = new_office(&dir.join("search.sqlite"))?;
    let at = Utc::now();
    let mut used = HashSet::new();
    let mut persons = 0usize;
    let mut seed = 100;
    let t = Instant::now();
    while persons < args.persons {
        // An office numbers at most 99,999 persons a year: spread the registry over past years.
        let year_back = (persons / 90_000) as u32;
        let day = today.checked_sub_months(chrono::Months::new(12 * year_back)).unwrap_or(today);
        let families = otau_core::demo::families(seed, 1000, day, persons as u32 * 2, &mut used);
        seed += 1;
        let regs = store.register_families(
            &Context::new(&actor, at, day),
            &families,
            Duplicates::Allow,
        )?;
        persons += regs.iter().map(|r| r.members.len()).sum::<usize>();
    }
    println!();
    println!(
        "search over {persons} demo persons (registry filled in {:.1} s)",
        t.elapsed().as_secs_f64()
    );

    // Queries as clerks type them: names in each script, IIN and document numbers.
    let conn = store.raw_connection();
    let mut stmt = conn.prepare(
        "SELECT p.surname, p.given_name, p.surname_latin, p.given_name_latin, p.iin,
                (SELECT number FROM documents d WHERE d.person_id = p.id)
         FROM persons p ORDER BY p.rowid LIMIT ?1",
    )?;
    type Row = (String, String, Option<String>, Option<String>, Option<String>, Option<String>);
    let step = (persons / args.queries.max(1)).max(1);
    let rows: Vec<Row> = stmt
        .query_map([persons as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .step_by(step)
        .collect();
    drop(stmt);
    let mut queries = vec![];
    for (i, (surname, given, sl, gl, iin, doc)) in rows.iter().enumerate() {
        let q = match i % 7 {
            0 => given.clone(),
            1 => russian_style(given),
            2 => gl.clone().unwrap_or_else(|| given.clone()).to_lowercase(),
            3 => format!("{} {}", sl.clone().unwrap_or_default(), gl.clone().unwrap_or_default()),
            4 => iin.clone().unwrap_or_else(|| surname.chars().take(4).collect()),
            5 => doc.clone().unwrap_or_else(|| surname.clone()),
            _ => surname.chars().take(3).collect(),
        };
        queries.push(q);
    }

    let mut otau_times = vec![];
    let mut found = 0usize;
    for q in &queries {
        let t = Instant::now();
        let hits = store.find(q, 20)?;
        otau_times.push(t.elapsed());
        found += usize::from(!hits.is_empty());
    }
    let conn = store.raw_connection();
    let mut raw_times = vec![];
    let mut bare =
        conn.prepare("SELECT rowid FROM person_search WHERE person_search MATCH ?1 LIMIT 20")?;
    for q in &queries {
        let Some(expr) = otau_store::search::fts_query(q) else { continue };
        let t = Instant::now();
        let n = bare.query_map([expr], |r| r.get::<_, i64>(0))?.count();
        raw_times.push(t.elapsed());
        std::hint::black_box(n);
    }
    let (om, op) = percentiles(&mut otau_times);
    let (rm, rp) = percentiles(&mut raw_times);
    println!("  {} queries (names in Kazakh/Russian Cyrillic and Latin, IINs, document numbers); {} found someone", queries.len(), found);
    println!(
        "  otau find (ranked, 20 results):  median {:>7.3} ms   p99 {:>7.3} ms",
        ms(om),
        ms(op)
    );
    println!(
        "  bare FTS5 MATCH … LIMIT 20:      median {:>7.3} ms   p99 {:>7.3} ms",
        ms(rm),
        ms(rp)
    );
    println!(
        "  ratio: median {:.1}x, p99 {:.1}x",
        ms(om) / ms(rm).max(1e-9),
        ms(op) / ms(rp).max(1e-9)
    );
    Ok(())
}

/// Kazakh letters replaced by their Russian look-alikes, as a clerk on a Russian keyboard types.
fn russian_style(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ә' => 'а',
            'Ә' => 'А',
            'ғ' => 'г',
            'Ғ' => 'Г',
            'қ' => 'к',
            'Қ' => 'К',
            'ң' => 'н',
            'Ң' => 'Н',
            'ө' => 'о',
            'Ө' => 'О',
            'ұ' | 'ү' => 'у',
            'Ұ' | 'Ү' => 'У',
            'һ' => 'х',
            'Һ' => 'Х',
            'і' => 'и',
            'І' => 'И',
            other => other,
        })
        .collect()
}

fn percentiles(times: &mut [Duration]) -> (Duration, Duration) {
    times.sort();
    if times.is_empty() {
        return (Duration::ZERO, Duration::ZERO);
    }
    let median = times[times.len() / 2];
    let p99 = times[((times.len() * 99) / 100).min(times.len() - 1)];
    (median, p99)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
