//! `report`: the country's monthly summary at the centre, with 1,000,000 persons and 10,000,000
//! ledger rows in the offices' replicas. Prints, beside a baseline in the same run, the time
//! `otau centre report monthly` takes to add up every office's summary of an open month (each
//! replica brought up to date and read with the office's own code), the same for a region, and
//! a closed month read as frozen. Baseline: bare SQL over the same files, one query per replica
//! each for the month's registrations, its ledger totals by kind and its statuses.
//!
//! Run: `cargo run --release -p otau-bench --bin report -- --persons 1000000 --ledger-rows
//! 10000000 --data /tmp/otau-report` (the replicas are made once, by bulk SQL, and reused).
//! Goal: the country's summary in under 1 s.
//!
//! The replicas are filled by bulk SQL, not by a clerk's operations: the triggers that check one
//! clerk's act at a time are dropped in them while they are filled (reads use the same tables
//! and indexes as a replica made from events). Registrations spread over 2015–2026, four
//! persons to a family; ledger rows (accrued, approved, paid) over the same years.
// Measurements (seconds) are floating point; no money is computed here.
#![allow(clippy::disallowed_types)]
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

use chrono::{Duration, NaiveDate, Utc};
use clap::Parser;
use otau_api::words::OFFICE_RECORDS;
use otau_centre::admin::Admin;
use otau_centre::{replica, Location};
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_print::Month;
use otau_store::sync::Enrolment;
use otau_store::{NewOffice, Store};
use rusqlite::{params, Connection};
use std::path::Path;
use std::time::Instant;

#[derive(Parser)]
struct Args {
    /// Persons in the whole country.
    #[arg(long, default_value_t = 1_000_000)]
    persons: usize,
    /// Ledger rows in the whole country.
    #[arg(long, default_value_t = 10_000_000)]
    ledger_rows: usize,
    /// Offices (spread over the regions).
    #[arg(long, default_value_t = 20)]
    offices: usize,
    /// The month summed up.
    #[arg(long, default_value = "2026-11")]
    month: String,
    /// Where the centre and its replicas are kept (made when missing).
    #[arg(long)]
    data: std::path::PathBuf,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let args = Args::parse();
    let month: Month = args.month.parse()?;
    let location = Location { data: args.data.join("centre"), database_url: None };
    let admin = if location.data.join("centre.json").exists() {
        Admin::open(&location)?
    } else {
        make(&args, &location)?
    };
    let codes: Vec<(String, String)> = (0..args.offices).map(office).collect();

    let mut figures = vec![];
    let first = Instant::now();
    let country = admin.monthly_report(month, None, &OFFICE_RECORDS)?;
    figures.push(("country, first run".to_string(), first.elapsed().as_secs_f64()));
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            admin.monthly_report(month, None, &OFFICE_RECORDS).map(|_| t.elapsed().as_secs_f64())
        })
        .collect::<Result<_, _>>()?;
    figures.push(("country, median of 5".to_string(), median(runs)));
    let region = &codes[0].1;
    let t = Instant::now();
    admin.monthly_report(month, Some(region), &OFFICE_RECORDS)?;
    figures.push((format!("region {region}"), t.elapsed().as_secs_f64()));

    let t = Instant::now();
    let (persons, rows) = baseline(&location.data, &codes, month)?;
    let bare = t.elapsed().as_secs_f64();

    let d = &country.data;
    println!(
        "country summary of {month}: {} offices, {} families / {} persons registered in the month",
        d.offices.len(),
        d.registered.families,
        d.registered.persons
    );
    assert_eq!(persons, d.registered.persons, "the baseline counts the same persons");
    println!(
        "replicas hold {} persons and {} ledger rows",
        count(&location.data, &codes, "persons")?,
        count(&location.data, &codes, "ledger_entries")?
    );
    println!("{:<34} {:>10} {:>12} {:>7}", "", "otau", "bare SQL", "ratio");
    for (name, secs) in figures {
        println!("{name:<34} {:>9.3}s {:>11.3}s {:>6.1}×", secs, bare, secs / bare.max(1e-9));
    }
    println!("(bare SQL read {rows} ledger rows of the month)");
    Ok(())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Office `i`: its code and region.
fn office(i: usize) -> (String, String) {
    let regions = otau_core::regions::REGIONS;
    (format!("OF{i:03}"), regions[i % regions.len()].code.to_string())
}

fn count(data: &Path, codes: &[(String, String)], table: &str) -> Res<i64> {
    let mut n = 0;
    for (code, _) in codes {
        let conn = Connection::open(replica::path(data, code))?;
        n +=
            conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get::<_, i64>(0))?;
    }
    Ok(n)
}

/// The month's registrations, ledger totals and statuses by bare SQL, every replica.
fn baseline(data: &Path, codes: &[(String, String)], month: Month) -> Res<(i64, i64)> {
    let (from, to) = (month.first_day().to_string(), month.last_day().to_string());
    let (mut persons, mut rows) = (0i64, 0i64);
    for (code, _) in codes {
        let conn = Connection::open(replica::path(data, code))?;
        persons += conn.query_row(
            "SELECT COUNT(*) FROM families f JOIN persons p ON p.family_id = f.id
             WHERE f.registered_on BETWEEN ?1 AND ?2",
            [&from, &to],
            |r| r.get::<_, i64>(0),
        )?;
        let mut stmt = conn.prepare(
            "SELECT kind, COUNT(*), SUM(amount_tiyn) FROM ledger_entries
             WHERE kind IN ('accrued', 'approved', 'paid', 'reversed')
               AND due_date BETWEEN ?1 AND ?2 GROUP BY kind",
        )?;
        let mut q = stmt.query([&from, &to])?;
        while let Some(r) = q.next()? {
            rows += r.get::<_, i64>(1)?;
        }
        conn.query_row(
            "SELECT COUNT(*) FROM kandas_statuses WHERE decided_on BETWEEN ?1 AND ?2",
            [&from, &to],
            |r| r.get::<_, i64>(0),
        )?;
    }
    Ok((persons, rows))
}

/// Makes the centre, its offices and their replicas, filled by bulk SQL.
fn make(args: &Args, location: &Location) -> Res<Admin> {
    let (admin, _) = Admin::init(location, "Орталық")?;
    let at = Utc::now();
    let per_office = args.persons / args.offices;
    let ledger_per_office = args.ledger_rows / args.offices;
    for i in 0..args.offices {
        let (code, region) = office(i);
        admin.add_office(&code, &format!("Office {code}"), &region)?;
        let path = replica::path(&location.data, &code);
        let t = Instant::now();
        {
            let mut store = Store::open(&path)?;
            store.init_office(
                at,
                &NewOffice {
                    code: code.clone(),
                    name: format!("Office {code}"),
                    region: region.clone(),
                    admin_login: "admin".into(),
                    admin_password: "admin-password".into(),
                },
                &MciTable::from_json(DEFAULT_MCI_JSON)?,
            )?;
            store.save_enrolment(
                at,
                &Enrolment {
                    centre_url: String::new(),
                    centre_id: admin.identity.id.to_string(),
                    centre_name: admin.identity.name.clone(),
                    centre_public_key: admin.identity.public_key(),
                    cert_sha256: None,
                    device_name: format!("replica {code}"),
                    device_key: "00".repeat(32),
                    blocks: vec![],
                    pending_enrolment: None,
                },
            )?;
        }
        fill(&path, i, per_office, ledger_per_office)?;
        eprintln!(
            "  replica {code}: {per_office} persons, {ledger_per_office} ledger rows in {:.0} s",
            t.elapsed().as_secs_f64()
        );
    }
    Ok(admin)
}

/// Fills one replica: families of four over 2015–2026, statuses, ledger rows.
fn fill(path: &Path, office: usize, persons: usize, ledger: usize) -> Res<()> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for t in triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{t}\""))?;
    }
    let office_id: String = conn.query_row("SELECT id FROM offices", [], |r| r.get(0))?;
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).ok_or("date")?;
    let days = (NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("date")? - start).num_days();
    let families = persons / 4;
    let tx = conn.transaction()?;
    {
        let mut fam = tx.prepare(
            "INSERT INTO families (id, office_id, regno, registered_on, arrival_date,
                 country_of_origin, region, settlement, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'KZ-55', 'Павлодар', 1)",
        )?;
        let mut per = tx.prepare(
            "INSERT INTO persons (id, family_id, regno, relation, surname, given_name, birth_date,
                 sex, education, version)
             VALUES (?1, ?2, ?3, ?4, 'Тестов', 'Нұрлан', ?5, ?6, ?7, 1)",
        )?;
        let mut st = tx.prepare(
            "INSERT INTO kandas_statuses (id, person_id, applied_on, decided_on, decision,
                 granted_until, valid_until, version)
             VALUES (?1, ?2, ?3, ?4, 'granted', ?5, ?5, 1)",
        )?;
        let mut led = tx.prepare(
            "INSERT INTO ledger_entries (id, line_id, decision_id, instalment_id, family_id,
                 subsidy_kind, kind, due_date, amount_tiyn, mci_effective_from, mci_tenge,
                 rule_id, rule_version, explanation, order_number, paid_on, prepared_by,
                 acted_by, at, version)
             VALUES (?1, ?2, ?3, ?4, ?5, 'rent', ?6, ?7, 1500000, '2026-01-01', 4325, 'rent', 1,
                 '{}', ?8, ?9, 'clerk', 'manager', '2026-01-01T00:00:00Z', 1)",
        )?;
        let countries = ["UZ", "CN", "MN", "TM", "RU", "KG", "TR", "AF"];
        let education = ["higher", "secondary_vocational", "general_secondary", "none"];
        let per_family = ledger / families.max(1);
        for f in 0..families {
            let id = format!("{office:03}-f{f}");
            let on = start + Duration::days((f as i64 * 7919) % days);
            let on_text = on.to_string();
            let arrival = (on - Duration::days(20)).to_string();
            fam.execute(params![
                id,
                office_id,
                format!("F{office:03}-{f}"),
                on_text,
                arrival,
                countries[f % countries.len()]
            ])?;
            for m in 0..4 {
                let pid = format!("{id}-p{m}");
                let birth = NaiveDate::from_ymd_opt(1960 + ((f + m * 13) % 60) as i32, 3, 2)
                    .ok_or("date")?;
                per.execute(params![
                    pid,
                    id,
                    format!("P{office:03}-{f}-{m}"),
                    if m == 0 { "head" } else { "child" },
                    birth.to_string(),
                    if m % 2 == 0 { "male" } else { "female" },
                    education[(f + m) % education.len()]
                ])?;
                let decided = (on + Duration::days(30)).to_string();
                let until = (on + Duration::days(395)).to_string();
                st.execute(params![format!("{pid}-s"), pid, on_text, decided, until])?;
            }
            // Instalments of rent, monthly from registration: accrued, approved, paid.
            for l in 0..per_family {
                let instalment = l / 3;
                let kind = ["accrued", "approved", "paid"][l % 3];
                let due = (on + Duration::days(30 * instalment as i64)).to_string();
                let line = format!("{id}-l{instalment}");
                let row = if l % 3 == 0 { line.clone() } else { format!("{line}-{kind}") };
                let paid = (kind == "paid").then(|| due.clone());
                led.execute(params![
                    row,
                    line,
                    format!("{id}-d"),
                    format!("{id}-i{instalment}"),
                    id,
                    kind,
                    due,
                    paid.as_ref().map(|_| "ПП-1"),
                    paid
                ])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}
