//! Numbers a device gives out offline — registration, document, decision and plan item numbers
//! — unique across the devices of an office.
//!
//! # Design
//! A database that is not enrolled with a centre is the office's only device: it takes the next
//! number after the greatest one used. An enrolled device takes numbers only from the blocks the
//! centre reserved for it (`number_blocks`), in order; when they are used up it refuses with
//! [`StoreError::NumbersExhausted`] until a sync brings more. Blocks are per series and year;
//! plan item numbers do not restart each year (year 0).

use crate::error::{Result, StoreError};
use otau_sync::blocks::{left as left_in, next_number};
pub use otau_sync::{Block, Series};
use rusqlite::{params, Connection, OptionalExtension};

/// The greatest number of a series and year used in the office database between `first` and
/// `last` (inclusive).
pub(crate) fn max_used(
    conn: &Connection,
    series: Series,
    year: i32,
    first: i64,
    last: i64,
) -> Result<Option<i64>> {
    let office: String = conn.query_row("SELECT office_code FROM device", [], |r| r.get(0))?;
    let parse = |text: Option<String>, prefix: &str| {
        text.and_then(|t| t.strip_prefix(prefix).and_then(|n| n.parse::<i64>().ok()))
    };
    Ok(match series {
        Series::Regno => {
            let prefix = format!("{office}-{year}-");
            let max: Option<String> = conn
                .prepare_cached("SELECT MAX(regno) FROM persons WHERE regno BETWEEN ?1 AND ?2")?
                .query_row([format!("{prefix}{first:05}"), format!("{prefix}{last:05}")], |r| {
                    r.get(0)
                })?;
            parse(max, &prefix)
        }
        Series::Decision => {
            let prefix = format!("{office}-S-{year}-");
            let max: Option<String> = conn
                .prepare_cached(
                    "SELECT MAX(number) FROM subsidy_decisions WHERE number BETWEEN ?1 AND ?2",
                )?
                .query_row([format!("{prefix}{first:05}"), format!("{prefix}{last:05}")], |r| {
                    r.get(0)
                })?;
            parse(max, &prefix)
        }
        // A number sealed on a paper is used even when the paper was never registered.
        Series::Document => conn
            .prepare_cached(
                "SELECT MAX(seq) FROM (
                     SELECT seq FROM issued_documents WHERE office_code = ?1 AND year = ?2
                         AND copy_of IS NULL AND seq BETWEEN ?3 AND ?4
                     UNION ALL
                     SELECT seq FROM sealed_document_numbers WHERE office_code = ?1
                         AND year = ?2 AND seq BETWEEN ?3 AND ?4)",
            )?
            .query_row(params![office, year, first, last], |r| r.get(0))?,
        Series::Plan => conn
            .prepare_cached("SELECT MAX(number) FROM plan_items WHERE number BETWEEN ?1 AND ?2")?
            .query_row(params![first, last], |r| r.get(0))?,
    })
}

/// Whether this database is enrolled with a centre (then numbers come from its blocks). A
/// first device whose enrolment travels by packet is still the office's only device until the
/// centre answers: it goes on numbering after the greatest used, and the blocks it receives
/// then start after what its enrolment reported, for it alone.
pub(crate) fn enrolled(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM sync_state WHERE pending_enrolment IS NULL")?
        .query_row([], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The blocks this device holds.
pub(crate) fn blocks(conn: &Connection) -> Result<Vec<Block>> {
    let mut stmt = conn.prepare_cached("SELECT series, year, first, last FROM number_blocks")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
    })?;
    let mut out = vec![];
    for row in rows {
        let (series, year, first, last) = row?;
        let series = Series::parse(&series)
            .ok_or_else(|| StoreError::Corrupt(format!("a block of series {series:?}")))?;
        out.push(Block { series, year, first, last });
    }
    Ok(out)
}

/// The next number of an enrolled device, from its blocks, above `after` (numbers taken earlier
/// in the same change and not yet written); `None` when it is not enrolled (the caller takes the
/// next after the greatest used).
pub(crate) fn next_from_blocks(
    conn: &Connection,
    series: Series,
    year: i32,
    after: i64,
) -> Result<Option<i64>> {
    if !enrolled(conn)? {
        return Ok(None);
    }
    let year = series.block_year(year);
    let held = blocks(conn)?;
    let mut failure = None;
    let next =
        next_number(&held, series, year, |b| match max_used(conn, series, year, b.first, b.last) {
            Ok(max) => match (max, after >= b.first) {
                (Some(m), true) => Some(m.max(after.min(b.last))),
                (None, true) => Some(after.min(b.last)),
                (max, false) => max,
            },
            Err(e) => {
                failure = Some(e);
                Some(b.last)
            }
        });
    if let Some(e) = failure {
        return Err(e);
    }
    next.map(Some).ok_or(StoreError::NumbersExhausted { series: series.as_str(), year })
}

/// How many numbers of a series and year are left in this device's blocks.
pub(crate) fn left(conn: &Connection, series: Series, year: i32) -> Result<i64> {
    let held = blocks(conn)?;
    let mut failure = None;
    let n = left_in(&held, series, year, |b| match max_used(conn, series, year, b.first, b.last) {
        Ok(max) => max,
        Err(e) => {
            failure = Some(e);
            None
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// The greatest number of each series and year used so far (what a first device tells the
/// centre at enrolment, so its blocks start above).
pub(crate) fn used(conn: &Connection) -> Result<Vec<(Series, i32, i64)>> {
    let office: String = conn.query_row("SELECT office_code FROM device", [], |r| r.get(0))?;
    let mut out = vec![];
    let years: Vec<i32> = conn
        .prepare(
            "SELECT DISTINCT CAST(substr(regno, length(?1) + 2, 4) AS INTEGER) FROM persons
             UNION SELECT DISTINCT year FROM issued_documents WHERE copy_of IS NULL
             UNION SELECT DISTINCT CAST(substr(number, length(?1) + 4, 4) AS INTEGER)
                   FROM subsidy_decisions",
        )?
        .query_map([&office], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for year in years.into_iter().filter(|y| *y > 0) {
        for series in [Series::Regno, Series::Document, Series::Decision] {
            if let Some(max) = max_used(conn, series, year, 1, 99_999)? {
                out.push((series, year, max));
            }
        }
    }
    if let Some(max) = max_used(conn, Series::Plan, 0, 1, i64::MAX)? {
        out.push((Series::Plan, Series::Plan.block_year(0), max));
    }
    out.sort_by_key(|(series, year, _)| (series.as_str(), *year));
    Ok(out)
}
