//! `print`: how long documents take — a registration certificate (data, numbering and signing,
//! layout, font subsetting, the PDF written) and the monthly summary of an office with 100,000
//! persons (the registry queries, the PDF, the XLSX, and reading a closed month back).
//!
//! Run: `cargo run --release -p otau-bench --bin print -- --persons 100000`

// Figures, not rules: timings are floating point and the benchmark reads its own clock.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use chrono::{NaiveDate, TimeZone, Utc};
use clap::Parser;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_print::{render_pdf, render_xlsx, DocumentContent, Fonts, Month};
use otau_store::documents::RegistryOnly;
use otau_store::Context;
use otau_store::{Duplicates, NewOffice, NewUser, Role, Store};
use std::collections::HashSet;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// Persons registered in the office (all in the month summarised).
    #[arg(long, default_value_t = 100_000)]
    persons: usize,
    /// Certificates issued and timed.
    #[arg(long, default_value_t = 200)]
    certificates: usize,
    /// Times each summary step is repeated.
    #[arg(long, default_value_t = 5)]
    repeats: usize,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().ok_or("time")?;
    let mut store = Store::open(&dir.path().join("print.sqlite"))?;
    store.init_office(
        at,
        &NewOffice {
            code: "PVL01".into(),
            name: "Павлодар облысы әкімдігінің қандастарды бейімдеу және кіріктіру орталығы".into(),
            region: "KZ-55".into(),
            admin_login: "admin".into(),
            admin_password: "bench-password".into(),
        },
        &MciTable::from_json(DEFAULT_MCI_JSON)?,
    )?;
    let admin = store.sign_in("admin", "bench-password")?;
    store.add_user(
        &Context::new(&admin, at, at.date_naive()),
        &NewUser {
            login: "manager".into(),
            role: Role::Manager,
            full_name: Some("Ғалым Төлеуов".into()),
            password: "bench-password".into(),
        },
    )?;
    let manager = store.sign_in("manager", "bench-password")?;

    // The office's registry: half of it registered in October 2026 (the month summarised),
    // half through 2025 (registration numbers allow 99,999 persons per office and year).
    let october: Month = "2026-10".parse()?;
    let t = Instant::now();
    let mut used = HashSet::new();
    let mut persons = 0;
    let mut batch_no = 0u64;
    while persons < args.persons {
        let day = if batch_no.is_multiple_of(2) {
            NaiveDate::from_ymd_opt(2026, 10, 1 + (batch_no / 2 % 31) as u32)
        } else {
            NaiveDate::from_ymd_opt(2025, 1 + (batch_no / 2 % 12) as u32, 15)
        }
        .ok_or("date")?;
        let families = otau_core::demo::families(
            100 + batch_no,
            500,
            day,
            (batch_no as u32) * 5000,
            &mut used,
        );
        persons += families.iter().map(|f| f.members.len()).sum::<usize>();
        store.register_families(&Context::new(&admin, at, day), &families, Duplicates::Allow)?;
        batch_no += 1;
    }
    let (families, persons) = store.counts()?;
    println!(
        "otau print bench: {families} families, {persons} persons registered in {:.1} s (SQLite WAL, synchronous=FULL)",
        t.elapsed().as_secs_f64()
    );

    let fonts = Fonts::shipped()?;
    let regnos: Vec<String> = store
        .raw_connection()
        .prepare("SELECT regno FROM families ORDER BY rowid LIMIT ?1")?
        .query_map([args.certificates as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;

    // Certificates: data, register + sign, and the PDF, each timed on its own.
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("date")?;
    let (mut data_t, mut issue_t, mut render_t) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut bytes = 0usize;
    for regno in &regnos {
        let t = Instant::now();
        let (family, data) = store.certificate_data(regno)?;
        data_t += t.elapsed();
        let t = Instant::now();
        let (doc, ()) = store.issue_document(
            &Context::new(&admin, at, today),
            Some(family),
            DocumentContent::Certificate(data),
            |_| Ok(()),
        )?;
        issue_t += t.elapsed();
        let t = Instant::now();
        let pdf = render_pdf(&doc, fonts)?;
        render_t += t.elapsed();
        bytes += pdf.len();
    }
    let n = regnos.len().max(1) as f64;
    println!();
    println!("registration certificate ({} issued)", regnos.len());
    println!("  family data from the registry      {:>8.2} ms", ms(data_t) / n);
    println!("  number, hash, signature, register  {:>8.2} ms", ms(issue_t) / n);
    println!("  PDF (layout, font subsets, QR)     {:>8.2} ms", ms(render_t) / n);
    println!(
        "  in all                             {:>8.2} ms per certificate, {:.0} KB each",
        ms(data_t + issue_t + render_t) / n,
        bytes as f64 / n / 1024.0
    );

    // The monthly summary of October: every person of the office.
    let mut summary = None;
    let t = Instant::now();
    for _ in 0..args.repeats {
        summary = Some(store.monthly_summary(october, &RegistryOnly)?);
    }
    let query_t = t.elapsed() / args.repeats as u32;
    let summary = summary.ok_or("no summary")?;
    let (doc, ()) = store.issue_document(
        &Context::new(&admin, at, today),
        None,
        DocumentContent::MonthlySummary(summary.clone()),
        |_| Ok(()),
    )?;
    let t = Instant::now();
    let mut pdf_len = 0;
    for _ in 0..args.repeats {
        pdf_len = render_pdf(&doc, fonts)?.len();
    }
    let pdf_t = t.elapsed() / args.repeats as u32;
    let t = Instant::now();
    let mut xlsx_len = 0;
    for _ in 0..args.repeats {
        xlsx_len = render_xlsx(&doc)?.len();
    }
    let xlsx_t = t.elapsed() / args.repeats as u32;
    let t = Instant::now();
    store.close_month(&Context::new(&manager, at, today), october, &RegistryOnly)?;
    let close_t = t.elapsed();
    let t = Instant::now();
    for _ in 0..args.repeats {
        store.monthly_summary(october, &RegistryOnly)?;
    }
    let frozen_t = t.elapsed() / args.repeats as u32;
    println!();
    println!(
        "monthly summary of {october}: {} families, {} persons registered, {} countries",
        summary.registered.families,
        summary.registered.persons,
        summary.by_country.len()
    );
    println!("  figures from the registry          {:>8.1} ms", ms(query_t));
    println!("  PDF                                {:>8.1} ms ({} KB)", ms(pdf_t), pdf_len / 1024);
    println!(
        "  XLSX                               {:>8.1} ms ({} KB)",
        ms(xlsx_t),
        xlsx_len / 1024
    );
    println!("  in all                             {:>8.1} ms", ms(query_t + pdf_t));
    println!("  closing the month (frozen)         {:>8.1} ms", ms(close_t));
    println!("  summary of the closed month        {:>8.2} ms", ms(frozen_t));
    Ok(())
}
