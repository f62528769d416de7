//! The work behind a manager's and a clerk's longer waits: a registration certificate (family
//! data, number and signature in the register, the PDF) and a backup (copy and check) on the
//! registry's population, the month's summary with its case work (figures from the registry, the
//! PDF) on the population with its case work. Each beside what the same work needs of the machine at least, in the same run.

use crate::{context, ms, percentiles, today, Res, Row};
use otau_api::documents::{produce, DocRequest, FileFormat};
use otau_print::Month;
use otau_store::{Actor, Store};
use std::path::Path;
use std::time::{Duration, Instant};

/// Certificates issued and timed at each size.
const CERTIFICATES: usize = 50;
/// Times the month's summary is made at each size.
const SUMMARIES: usize = 5;

/// Every figure of this module at one size.
/// `db` is the population's file, `data` the folder the backups are written in for a while.
pub fn documents(
    store: &mut Store,
    actor: &Actor,
    db: &Path,
    data: &Path,
    n: usize,
) -> Res<Vec<Row>> {
    let mut rows = vec![certificate(store, actor, n)?];
    rows.push(backup(store, actor, db, data, n)?);
    Ok(rows)
}

/// A registration certificate, from the family's regno to the PDF's bytes, beside reading the
/// family's rows and writing one row of a register in a transaction of its own.
fn certificate(store: &mut Store, actor: &Actor, n: usize) -> Res<Row> {
    let regnos: Vec<String> = store
        .raw_connection()
        .prepare("SELECT regno FROM families ORDER BY rowid DESC LIMIT ?1")?
        .query_map([CERTIFICATES as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let ctx = context(actor, today()?)?;
    let mut otau = vec![];
    for regno in &regnos {
        let t = Instant::now();
        let request = DocRequest::Certificate(regno.clone());
        let (_, pdf) = produce(store, &ctx, &request, FileFormat::Pdf, |_, b| Ok(b.to_vec()))?;
        std::hint::black_box(pdf.len());
        otau.push(t.elapsed());
    }
    let conn = store.raw_connection();
    conn.execute_batch("CREATE TABLE IF NOT EXISTS bench_register (number TEXT, family TEXT)")?;
    let mut bare = vec![];
    for regno in &regnos {
        let t = Instant::now();
        let rows = conn
            .prepare_cached(
                "SELECT p.* FROM families f JOIN persons p ON p.family_id = f.id
                 WHERE f.regno = ?1",
            )?
            .query_map([regno], |r| r.get::<_, String>(0))?
            .count();
        conn.execute_batch("BEGIN IMMEDIATE")?;
        conn.prepare_cached("INSERT INTO bench_register VALUES (?1, ?2)")?
            .execute([format!("{rows}"), regno.clone()])?;
        conn.execute_batch("COMMIT")?;
        bare.push(t.elapsed());
    }
    conn.execute_batch("DROP TABLE bench_register")?;
    let (om, op) = percentiles(&mut otau);
    let (bm, bp) = percentiles(&mut bare);
    Ok(Row {
        size: n,
        figure: format!(
            "registration certificate, median / p99 ({} issued: data, number, signature, PDF; \
             baseline: the family's rows read and a register row written)",
            regnos.len()
        ),
        otau: format!("{:.1} / {:.1} ms", ms(om), ms(op)),
        baseline: format!("{:.2} / {:.2} ms", ms(bm), ms(bp)),
        ratio: format!("{:.0}x", ms(om) / ms(bm).max(1e-3)),
        goal: "< 1 s (no progress bar)".into(),
    })
}

/// The summary of the last month before today with its case work (statuses, quota, subsidies)
/// saved as PDF, beside the bare query of the same month's families and persons it counts; on
/// the population with its case work.
pub fn summary(store: &mut Store, actor: &Actor, n: usize) -> Res<Row> {
    let month: Month = "2026-10".parse()?;
    let ctx = context(actor, today()?)?;
    let mut otau = vec![];
    for _ in 0..SUMMARIES {
        let t = Instant::now();
        let request = DocRequest::MonthlySummary(month);
        let (_, pdf) = produce(store, &ctx, &request, FileFormat::Pdf, |_, b| Ok(b.to_vec()))?;
        std::hint::black_box(pdf.len());
        otau.push(t.elapsed());
    }
    let persons =
        store.monthly_summary(month, &otau_api::words::OFFICE_RECORDS)?.registered.persons;
    let conn = store.raw_connection();
    let mut bare = vec![];
    for _ in 0..SUMMARIES {
        let t = Instant::now();
        let groups = conn
            .prepare_cached(
                "SELECT f.country_of_origin, p.sex, p.education, substr(p.birth_date, 1, 4),
                        COUNT(*), COUNT(DISTINCT f.id)
                 FROM families f JOIN persons p ON p.family_id = f.id
                 WHERE f.registered_on BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3, 4",
            )?
            .query_map([month.first_day().to_string(), month.last_day().to_string()], |r| {
                r.get::<_, i64>(4)
            })?
            .count();
        std::hint::black_box(groups);
        bare.push(t.elapsed());
    }
    let (om, _) = percentiles(&mut otau);
    let (bm, _) = percentiles(&mut bare);
    Ok(Row {
        size: n,
        figure: format!(
            "monthly summary of {month} with case work and its PDF, median of {SUMMARIES} \
             ({persons} persons registered that month; baseline: the month's families and \
             persons grouped in one query)"
        ),
        otau: format!("{:.0} ms", ms(om)),
        baseline: format!("{:.0} ms", ms(bm)),
        ratio: format!("{:.1}x", ms(om) / ms(bm).max(1e-3)),
        goal: "< 1 s (no progress bar)".into(),
    })
}

/// A backup as the app writes it (a copy in steps inside one read transaction, flushed, then
/// checked by opening it: integrity, the audit chain, the counts) beside the file copied and
/// flushed by the system.
fn backup(store: &Store, actor: &Actor, db: &Path, data: &Path, n: usize) -> Res<Row> {
    store.raw_connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let dir = data.join(format!("backups-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    let t = Instant::now();
    let written = store.back_up(&context(actor, today()?)?, &dir)?;
    let otau = t.elapsed();
    let bytes = written.file.bytes;
    let copy = dir.join("bare-copy.sqlite");
    let t = Instant::now();
    std::fs::copy(db, &copy)?;
    std::fs::File::open(&copy)?.sync_all()?;
    let bare = t.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    let secs = |d: Duration| d.as_secs_f64();
    Ok(Row {
        size: n,
        figure: format!(
            "backup of the whole database ({:.0} MB: copied, flushed, checked by opening it; \
             baseline: the file copied and flushed)",
            bytes as f64 / 1e6
        ),
        otau: format!("{:.1} s", secs(otau)),
        baseline: format!("{:.1} s", secs(bare)),
        ratio: format!("{:.1}x", secs(otau) / secs(bare).max(1e-3)),
        goal: "progress bar".into(),
    })
}
