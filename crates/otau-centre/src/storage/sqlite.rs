//! The embedded SQLite backend: one file in the centre's data folder, nothing to install.
//!
//! # Design
//! One writer connection (every write is a `BEGIN IMMEDIATE` transaction, which is also the lock
//! on the office that keeps `server_seq` gapless) and one reader connection (WAL lets it read
//! while the writer writes), each used from tokio's blocking pool. Statements are cached.

use super::*;
use crate::error::CentreError;
use crate::push::{self, Loaded};
use otau_sync::merge::Heads;
use otau_sync::{Series, SyncError};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The migrations, in order. Never edit one that has landed; add a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/sqlite/0001_centre.sql"),
    include_str!("../../migrations/sqlite/0002_packets.sql"),
    include_str!("../../migrations/sqlite/0003_cross_office.sql"),
    include_str!("../../migrations/sqlite/0004_payments_across_offices.sql"),
    include_str!("../../migrations/sqlite/0005_reports.sql"),
];

/// The SQLite storage.
pub struct SqliteStorage {
    writer: Arc<Mutex<Connection>>,
    reader: Arc<Mutex<Connection>>,
    path: PathBuf,
}

fn open_conn(path: &Path) -> Result<Connection> {
    // Every office's records: the file and the journal SQLite keeps beside it are private to
    // their owner, an older build's tightened.
    let unprotected = |e: std::io::Error| {
        CentreError::Migration(format!("cannot protect {}: {e}", path.display()))
    };
    otau_store::private::prepare_database(path).map_err(unprotected)?;
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.set_prepared_statement_cache_capacity(64);
    otau_store::private::restrict_database(path).map_err(unprotected)?;
    Ok(conn)
}

fn lock(m: &Mutex<Connection>) -> std::sync::MutexGuard<'_, Connection> {
    // A panic while holding the lock leaves the connection usable (transactions roll back on drop).
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Whether a page of `held` events whose event text sums to `bytes` takes one more `event`
/// within `max_bytes` (counted into `bytes` when it does). The first event always goes.
fn fits(held: usize, bytes: &mut i64, event: &str, max_bytes: i64) -> bool {
    *bytes = bytes.saturating_add(i64::try_from(event.len()).unwrap_or(i64::MAX));
    held == 0 || *bytes <= max_bytes
}

fn uuid_of(text: String) -> Result<Uuid> {
    Uuid::parse_str(&text).map_err(|e| CentreError::Migration(format!("stored id {text}: {e}")))
}

impl SqliteStorage {
    /// Opens (creating and migrating) the database at `path`.
    pub fn open(path: &Path) -> Result<SqliteStorage> {
        let mut writer = open_conn(path)?;
        let found: i64 = writer.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > MIGRATIONS.len() as i64 {
            return Err(CentreError::SchemaTooNew { found, supported: MIGRATIONS.len() as i64 });
        }
        let steps = MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i {
                // 0004 reads the families and payments of the events already held.
                3 => M::up_with_hook(sql, |tx: &Transaction<'_>| {
                    payments_from_held_events(tx)
                        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
                }),
                _ => M::up(sql),
            })
            .collect();
        Migrations::new(steps)
            .to_latest(&mut writer)
            .map_err(|e| CentreError::Migration(e.to_string()))?;
        let reader = open_conn(path)?;
        Ok(SqliteStorage {
            writer: Arc::new(Mutex::new(writer)),
            reader: Arc::new(Mutex::new(reader)),
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    async fn write<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        let conn = self.writer.clone();
        tokio::task::spawn_blocking(move || f(&mut lock(&conn)))
            .await
            .map_err(|e| CentreError::Migration(format!("worker: {e}")))?
    }

    async fn read<R: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        let conn = self.reader.clone();
        tokio::task::spawn_blocking(move || f(&lock(&conn)))
            .await
            .map_err(|e| CentreError::Migration(format!("worker: {e}")))?
    }
}

const DEVICE_COLUMNS: &str = "d.id, d.office, d.name, d.device_key, d.document_key, d.enrolled_at,
    d.last_seen, d.quarantine_reason, d.retired_at_seq, d.replaced_by,
    COALESCE((SELECT MAX(e.device_seq) FROM events e WHERE e.device_id = d.id), 0)";

fn device_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, DeviceRow)> {
    let id: String = r.get(0)?;
    let replaced: Option<String> = r.get(9)?;
    Ok((
        id,
        DeviceRow {
            id: Uuid::nil(),
            office: r.get(1)?,
            name: r.get(2)?,
            device_key: r.get(3)?,
            document_key: r.get(4)?,
            enrolled_at: r.get(5)?,
            last_seen: r.get(6)?,
            quarantine_reason: r.get(7)?,
            retired_at_seq: r.get(8)?,
            replaced_by: replaced.and_then(|s| Uuid::parse_str(&s).ok()),
            held_through: r.get(10)?,
        },
    ))
}

fn finish_device((id, mut d): (String, DeviceRow)) -> Result<DeviceRow> {
    d.id = uuid_of(id)?;
    Ok(d)
}

fn load_device(conn: &Connection, id: Uuid) -> Result<Option<DeviceRow>> {
    conn.prepare_cached(&format!("SELECT {DEVICE_COLUMNS} FROM devices d WHERE d.id = ?1"))?
        .query_row([id.to_string()], device_row)
        .optional()?
        .map(finish_device)
        .transpose()
}

fn device_blocks(conn: &Connection, device: Uuid) -> Result<Vec<Block>> {
    let mut stmt = conn.prepare_cached(
        "SELECT series, year, first, last FROM blocks WHERE device_id = ?1
         ORDER BY series, year, first",
    )?;
    let rows = stmt.query_map([device.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    let mut out = vec![];
    for row in rows {
        let (series, year, first, last) = row?;
        if let Some(series) = Series::parse(&series) {
            out.push(Block { series, year, first, last });
        }
    }
    Ok(out)
}

/// Hands out the next block of a series and year of an office.
fn allocate(
    tx: &Transaction<'_>,
    office: &str,
    device: Uuid,
    series: Series,
    year: i32,
    size: i64,
    now: &str,
) -> Result<Block> {
    let first: i64 = tx
        .prepare_cached(
            "SELECT COALESCE(MAX(last), 0) + 1 FROM blocks
             WHERE office = ?1 AND series = ?2 AND year = ?3",
        )?
        .query_row(params![office, series.as_str(), year], |r| r.get(0))?;
    let block = Block { series, year, first, last: first + size - 1 };
    insert_block(tx, office, device, &block, now)?;
    Ok(block)
}

fn insert_block(
    tx: &Transaction<'_>,
    office: &str,
    device: Uuid,
    b: &Block,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO blocks (office, series, year, first, last, device_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        office,
        b.series.as_str(),
        b.year,
        b.first,
        b.last,
        device.to_string(),
        now
    ])?;
    Ok(())
}

/// Appends a reference item for one office only.
fn add_reference_for(
    tx: &Transaction<'_>,
    audience: &str,
    kind: &str,
    key: &str,
    record: &serde_json::Value,
    now: &str,
) -> Result<i64> {
    add_reference_to(tx, Some(audience), kind, key, record, now)
}

/// Appends a reference item for every office.
fn add_reference_tx(
    tx: &Transaction<'_>,
    kind: &str,
    key: &str,
    record: &serde_json::Value,
    now: &str,
) -> Result<i64> {
    add_reference_to(tx, None, kind, key, record, now)
}

fn add_reference_to(
    tx: &Transaction<'_>,
    audience: Option<&str>,
    kind: &str,
    key: &str,
    record: &serde_json::Value,
    now: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO reference (kind, key, record, added_at, audience) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![kind, key, record.to_string(), now, audience])?;
    Ok(tx.last_insert_rowid())
}

/// Keeps a key of a person of `office` and records a case for every person of another office
/// that holds it.
fn record_person_key(
    tx: &Transaction<'_>,
    office: &str,
    pk: &crate::crossing::PersonKey,
    now: &str,
) -> Result<()> {
    let person = pk.person.to_string();
    let others: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT office, person_id FROM person_keys WHERE key = ?1 AND office <> ?2",
        )?
        .query_map(params![pk.key, office], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let seen = |id: &str| -> Result<serde_json::Value> {
        let text: Option<String> = tx
            .prepare_cached("SELECT snapshot FROM persons_seen WHERE person_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null))
    };
    for (other_office, other) in others {
        let id = crate::crossing::case_id(&other, &person);
        let added = tx
            .prepare_cached(
                "INSERT INTO cross_cases (id, key, office_a, person_a, office_b, person_b, found_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![id, pk.key, other_office, other, office, person, now])?;
        if added == 1 {
            use crate::crossing::handed;
            let to_other = handed(&id, &pk.key, now, &other, office, &person, &seen(&person)?);
            add_reference_for(tx, &other_office, "cross_duplicate", &id, &to_other, now)?;
            let to_this = handed(&id, &pk.key, now, &person, &other_office, &other, &seen(&other)?);
            add_reference_for(tx, office, "cross_duplicate", &id, &to_this, now)?;
        }
    }
    tx.prepare_cached(
        "INSERT INTO person_keys (key, office, person_id) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?
    .execute(params![pk.key, office, person])?;
    Ok(())
}

/// What an office paid in a payment of a case, with its family's number and head.
fn paid_side(tx: &Transaction<'_>, entry: &str) -> Result<crate::payments::Paid> {
    Ok(tx
        .prepare_cached(
            "SELECT p.office, COALESCE(o.name, p.office), p.entry_id, p.family_id, f.regno,
                 (SELECT m.name FROM family_members m
                  WHERE m.family_id = p.family_id AND m.office = p.office AND m.relation = 'head'
                  ORDER BY m.person_id LIMIT 1),
                 p.amount_tiyn, p.paid_on
             FROM payments p
             LEFT JOIN offices o ON o.code = p.office
             LEFT JOIN families_seen f ON f.family_id = p.family_id AND f.office = p.office
             WHERE p.entry_id = ?1",
        )?
        .query_row([entry], |r| {
            Ok(crate::payments::Paid {
                office: r.get(0)?,
                office_name: r.get(1)?,
                entry_id: r.get(2)?,
                family_id: r.get(3)?,
                regno: r.get(4)?,
                head: r.get(5)?,
                amount_tiyn: r.get(6)?,
                paid_on: r.get(7)?,
            })
        })?)
}

/// Records a case for every payment of another office, of the same one-time kind and not
/// reversed, to a family that shares a person key with `family` of `office`, for each payment
/// of `family` that stands; hands each new case to both offices.
fn payment_cases_for(tx: &Transaction<'_>, office: &str, family: &str, now: &str) -> Result<()> {
    let own: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT entry_id, subsidy_kind FROM payments
             WHERE family_id = ?1 AND office = ?2 AND reversed_at IS NULL ORDER BY entry_id",
        )?
        .query_map(params![family, office], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (entry, kind) in own {
        let others: Vec<(String, String, String)> = tx
            .prepare_cached(
                "SELECT p.entry_id, p.office, MIN(k2.key)
                 FROM family_members m1
                 JOIN person_keys k1 ON k1.person_id = m1.person_id AND k1.office = m1.office
                 JOIN person_keys k2 ON k2.key = k1.key AND k2.office <> k1.office
                 JOIN family_members m2 ON m2.person_id = k2.person_id AND m2.office = k2.office
                 JOIN payments p ON p.family_id = m2.family_id AND p.office = m2.office
                 WHERE m1.family_id = ?1 AND m1.office = ?2 AND p.subsidy_kind = ?3
                   AND p.reversed_at IS NULL
                 GROUP BY p.entry_id, p.office ORDER BY p.entry_id",
            )?
            .query_map(params![family, office, kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (other_entry, other_office, key) in others {
            let id = crate::payments::case_id(&entry, &other_entry);
            let added = tx
                .prepare_cached(
                    "INSERT INTO payment_cases
                         (id, subsidy_kind, key, office_a, entry_a, office_b, entry_b, found_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
                )?
                .execute(params![id, kind, key, other_office, other_entry, office, entry, now])?;
            if added == 1 {
                use crate::payments::handed;
                let (here, there) = (paid_side(tx, &entry)?, paid_side(tx, &other_entry)?);
                let to_other = handed(&id, &kind, &key, now, &there, &here);
                add_reference_for(tx, &other_office, "payment_duplicate", &id, &to_other, now)?;
                let to_this = handed(&id, &kind, &key, now, &here, &there);
                add_reference_for(tx, office, "payment_duplicate", &id, &to_this, now)?;
            }
        }
    }
    Ok(())
}

/// Keeps what an accepted event tells of families and one-time payments, and records the
/// payment cases it completes.
fn record_payment_facts(
    tx: &Transaction<'_>,
    office: &str,
    e: &otau_sync::Envelope,
    now: &str,
) -> Result<()> {
    use crate::payments::{family_of, ledger_fact, member_of, LedgerFact};
    if let Some(m) = member_of(e) {
        tx.prepare_cached(
            "INSERT INTO family_members (person_id, office, family_id, relation, name)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            m.person.to_string(),
            office,
            m.family.to_string(),
            m.relation,
            m.name
        ])?;
    }
    if let Some((family, regno)) = family_of(e) {
        tx.prepare_cached(
            "INSERT INTO families_seen (family_id, office, regno) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![family.to_string(), office, regno])?;
    }
    match ledger_fact(e) {
        Some(LedgerFact::Paid(p)) => {
            tx.prepare_cached(
                "INSERT INTO payments
                     (entry_id, line_id, office, family_id, subsidy_kind, amount_tiyn, paid_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                p.entry.to_string(),
                p.line.to_string(),
                office,
                p.family.to_string(),
                p.kind.as_str(),
                p.amount_tiyn,
                p.paid_on
            ])?;
            payment_cases_for(tx, office, &p.family.to_string(), now)?;
        }
        Some(LedgerFact::Reversed { line }) => {
            tx.prepare_cached(
                "UPDATE payments SET reversed_at = ?1
                 WHERE office = ?2 AND line_id = ?3 AND reversed_at IS NULL",
            )?
            .execute(params![now, office, line.to_string()])?;
        }
        None => {}
    }
    // A key that links a person to another office may link two families already paid.
    let persons: Vec<String> =
        crate::crossing::person_keys(e).into_iter().map(|k| k.person.to_string()).collect();
    if let Some(person) = persons.first() {
        let family: Option<String> = tx
            .prepare_cached("SELECT family_id FROM family_members WHERE person_id = ?1")?
            .query_row([person], |r| r.get(0))
            .optional()?;
        if let Some(family) = family {
            payment_cases_for(tx, office, &family, now)?;
        }
    }
    if let Some((case, record)) = crate::payments::decision_of(e) {
        let offices: Option<(String, String)> = tx
            .prepare_cached("SELECT office_a, office_b FROM payment_cases WHERE id = ?1")?
            .query_row([&case], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((a, b)) = offices {
            let decision = record.get("decision").and_then(|v| v.as_str()).unwrap_or("decided");
            tx.prepare_cached("UPDATE payment_cases SET state = ?1 WHERE id = ?2")?
                .execute(params![decision, case])?;
            let other = if a == office { b } else { a };
            add_reference_for(tx, &other, "payment_decision", &case, &record, now)?;
        }
    }
    Ok(())
}

/// Reads again, in the order they were accepted, the events a centre held before it kept
/// families and payments, so a family paid twice before then becomes a case too (found as of
/// the event that completed it).
fn payments_from_held_events(tx: &Transaction<'_>) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT office, event, accepted_at FROM events
         WHERE json_extract(event, '$.entity') IN
             ('person', 'family', 'document', 'ledger_entry', 'payment_decision')
         ORDER BY accepted_at, office, server_seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (office, text, at): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let e: otau_sync::Envelope = serde_json::from_str(&text)
            .map_err(|e| CentreError::Migration(format!("stored event unreadable: {e}")))?;
        record_payment_facts(tx, &office, &e, &at)?;
    }
    Ok(())
}

/// Records an office's decision on a case and hands it to the case's other office.
fn hand_decision(
    tx: &Transaction<'_>,
    office: &str,
    case: &str,
    record: &serde_json::Value,
    now: &str,
) -> Result<()> {
    let offices: Option<(String, String)> = tx
        .prepare_cached("SELECT office_a, office_b FROM cross_cases WHERE id = ?1")?
        .query_row([case], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((a, b)) = offices else { return Ok(()) };
    let decision = record.get("decision").and_then(|v| v.as_str()).unwrap_or("decided");
    tx.prepare_cached("UPDATE cross_cases SET state = ?1 WHERE id = ?2")?
        .execute(params![decision, case])?;
    let other = if a == office { b } else { a };
    add_reference_for(tx, &other, "cross_decision", case, record, now)?;
    Ok(())
}

fn alert(
    conn: &Connection,
    now: &str,
    kind: &str,
    office: Option<&str>,
    device: Option<Uuid>,
    message: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO alerts (at, kind, office, device_id, message) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![now, kind, office, device.map(|d| d.to_string()), message])?;
    Ok(())
}

fn office_info(conn: &Connection, code: &str) -> Result<OfficeInfo> {
    conn.prepare_cached("SELECT code, name, region FROM offices WHERE code = ?1")?
        .query_row([code], |r| {
            Ok(OfficeInfo { code: r.get(0)?, name: r.get(1)?, region: r.get(2)? })
        })
        .optional()?
        .ok_or_else(|| CentreError::UnknownOffice(code.to_string()))
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

#[async_trait]
impl Storage for SqliteStorage {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn init_centre(&self, centre: &CentreRow, now: &str) -> Result<()> {
        let (c, now) = (centre.clone(), now.to_string());
        self.write(move |conn| {
            let found: Option<String> = conn
                .query_row("SELECT id FROM centre", [], |r| r.get(0))
                .optional()?;
            match found {
                Some(id) if id == c.id.to_string() => Ok(()),
                Some(id) => Err(CentreError::OtherCentre { expected: c.id.to_string(), found: id }),
                None => {
                    conn.execute(
                        "INSERT INTO centre (singleton, id, name, created_at) VALUES (1, ?1, ?2, ?3)",
                        params![c.id.to_string(), c.name, now],
                    )?;
                    Ok(())
                }
            }
        })
        .await
    }

    async fn centre(&self) -> Result<Option<CentreRow>> {
        self.read(|conn| {
            let row: Option<(String, String)> = conn
                .query_row("SELECT id, name FROM centre", [], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            row.map(|(id, name)| Ok(CentreRow { id: uuid_of(id)?, name })).transpose()
        })
        .await
    }

    async fn add_office(&self, office: &OfficeInfo, now: &str) -> Result<()> {
        let (o, now) = (office.clone(), now.to_string());
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            match tx.execute(
                "INSERT INTO offices (code, name, region, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![o.code, o.name, o.region, now],
            ) {
                Err(e) if is_unique_violation(&e) => return Err(CentreError::OfficeExists(o.code)),
                other => other?,
            };
            let record = serde_json::json!({"code": o.code, "name": o.name, "region": o.region});
            add_reference_tx(&tx, "office", &o.code, &record, &now)?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn add_enrol_code(
        &self,
        secret_hash: &str,
        office: &str,
        now: &str,
        expires_at: &str,
    ) -> Result<()> {
        let (h, o, n, x) =
            (secret_hash.to_string(), office.to_string(), now.to_string(), expires_at.to_string());
        self.write(move |conn| {
            office_info(conn, &o)?;
            conn.execute(
                "INSERT INTO enrol_codes (secret_hash, office, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![h, o, n, x],
            )?;
            Ok(())
        })
        .await
    }

    async fn enrol(
        &self,
        secret_hash: &str,
        device: &NewDevice,
        now: &str,
        years: &[i32],
        block_size: i64,
    ) -> Result<EnrolOutcome> {
        let (h, d, now, years) =
            (secret_hash.to_string(), device.clone(), now.to_string(), years.to_vec());
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let code: Option<(String, String, Option<String>)> = tx
                .query_row(
                    "SELECT office, expires_at, used_at FROM enrol_codes WHERE secret_hash = ?1",
                    [&h],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let office = match code {
                Some((office, expires, None)) if expires > now => office,
                _ => return Err(SyncError::EnrolCodeInvalid.into()),
            };
            let devices: i64 =
                tx.query_row("SELECT COUNT(*) FROM devices WHERE office = ?1", [&office], |r| {
                    r.get(0)
                })?;
            let mode = if devices == 0 { EnrolMode::First } else { EnrolMode::Join };
            if mode == EnrolMode::Join && !d.history.empty {
                return Err(SyncError::EnrolNotEmpty.into());
            }
            tx.execute(
                "UPDATE enrol_codes SET used_at = ?1, device_id = ?2 WHERE secret_hash = ?3",
                params![now, d.id.to_string(), h],
            )?;
            tx.execute(
                "INSERT INTO devices (id, office, name, device_key, document_key, enrolled_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![d.id.to_string(), office, d.name, d.device_key, d.document_key, now],
            )?;
            if mode == EnrolMode::First {
                for used in d.history.numbers.iter().filter(|n| n.max >= 1) {
                    let b =
                        Block { series: used.series, year: used.year, first: 1, last: used.max };
                    insert_block(&tx, &office, d.id, &b, &now)?;
                }
            }
            for (series, year) in super::block_years(&years) {
                allocate(&tx, &office, d.id, series, year, block_size, &now)?;
            }
            let info = office_info(&tx, &office)?;
            let record = serde_json::json!({"office_code": info.code, "office_name": info.name,
                "public_key": d.document_key, "device_id": d.id});
            add_reference_tx(
                &tx,
                "office_key",
                &format!("{}|{}", info.code, d.document_key),
                &record,
                &now,
            )?;
            let all = device_blocks(&tx, d.id)?;
            tx.commit()?;
            Ok(EnrolOutcome { office: info, mode, blocks: all })
        })
        .await
    }

    async fn devices(&self) -> Result<Vec<DeviceRow>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {DEVICE_COLUMNS} FROM devices d ORDER BY d.office, d.enrolled_at"
            ))?;
            let rows = stmt.query_map([], device_row)?;
            let mut out = vec![];
            for r in rows {
                out.push(finish_device(r?)?);
            }
            Ok(out)
        })
        .await
    }

    async fn device(&self, id: Uuid) -> Result<Option<DeviceRow>> {
        self.read(move |conn| load_device(conn, id)).await
    }

    async fn release(&self, id: Uuid) -> Result<bool> {
        self.write(move |conn| {
            let n = conn.execute(
                "UPDATE devices SET quarantine_reason = NULL, quarantined_at = NULL
                 WHERE id = ?1 AND quarantine_reason IS NOT NULL",
                [id.to_string()],
            )?;
            if n == 0 && load_device(conn, id)?.is_none() {
                return Err(CentreError::UnknownDevice(id.to_string()));
            }
            Ok(n == 1)
        })
        .await
    }

    async fn status(&self) -> Result<Status> {
        self.read(|conn| {
            let mut offices = vec![];
            let mut stmt = conn.prepare_cached(
                "SELECT o.code, o.name, o.region, o.high,
                    (SELECT COUNT(*) FROM devices d WHERE d.office = o.code AND d.retired_at_seq IS NULL)
                 FROM offices o ORDER BY o.code",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(OfficeStatus {
                    office: OfficeInfo { code: r.get(0)?, name: r.get(1)?, region: r.get(2)? },
                    high: r.get(3)?,
                    devices: r.get(4)?,
                })
            })?;
            for r in rows {
                offices.push(r?);
            }
            let events: i64 = conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
            let mut quarantined = vec![];
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {DEVICE_COLUMNS} FROM devices d WHERE d.quarantine_reason IS NOT NULL"
            ))?;
            for r in stmt.query_map([], device_row)? {
                quarantined.push(finish_device(r?)?);
            }
            let mut alerts = vec![];
            let mut stmt = conn.prepare_cached(
                "SELECT at, kind, office, device_id, message FROM alerts ORDER BY id DESC LIMIT 20",
            )?;
            for r in stmt.query_map([], |r| {
                Ok(Alert {
                    at: r.get(0)?,
                    kind: r.get(1)?,
                    office: r.get(2)?,
                    device_id: r.get(3)?,
                    message: r.get(4)?,
                })
            })? {
                alerts.push(r?);
            }
            let reference_high: i64 =
                conn.query_row("SELECT COALESCE(MAX(ref_seq), 0) FROM reference", [], |r| r.get(0))?;
            Ok(Status { offices, events, quarantined, alerts, reference_high })
        })
        .await
    }

    async fn add_challenge(&self, device: Uuid, challenge: &str, expires_at: &str) -> Result<()> {
        let (c, x) = (challenge.to_string(), expires_at.to_string());
        self.write(move |conn| {
            conn.prepare_cached(
                "INSERT INTO challenges (challenge, device_id, expires_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![c, device.to_string(), x])?;
            Ok(())
        })
        .await
    }

    async fn take_challenge(&self, device: Uuid, challenge: &str, now: &str) -> Result<bool> {
        let (c, now) = (challenge.to_string(), now.to_string());
        self.write(move |conn| {
            let n = conn
                .prepare_cached(
                    "DELETE FROM challenges WHERE challenge = ?1 AND device_id = ?2 AND expires_at > ?3",
                )?
                .execute(params![c, device.to_string(), now])?;
            // Expired challenges of anyone are swept on the way.
            conn.prepare_cached("DELETE FROM challenges WHERE expires_at <= ?1")?.execute([&now])?;
            Ok(n == 1)
        })
        .await
    }

    async fn add_session(
        &self,
        token_hash: &str,
        device: Uuid,
        expires_at: &str,
        now: &str,
    ) -> Result<()> {
        let (t, x, now) = (token_hash.to_string(), expires_at.to_string(), now.to_string());
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.prepare_cached(
                "INSERT INTO sessions (token_hash, device_id, expires_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![t, device.to_string(), x])?;
            tx.prepare_cached("UPDATE devices SET last_seen = ?1 WHERE id = ?2")?
                .execute(params![now, device.to_string()])?;
            tx.prepare_cached(
                "DELETE FROM session_requests WHERE token_hash IN
                   (SELECT token_hash FROM sessions WHERE expires_at <= ?1)",
            )?
            .execute([&now])?;
            tx.prepare_cached("DELETE FROM sessions WHERE expires_at <= ?1")?.execute([&now])?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn session(
        &self,
        token_hash: &str,
        request_id: &str,
        now: &str,
    ) -> Result<Option<DeviceRow>> {
        let (t, r, now) = (token_hash.to_string(), request_id.to_string(), now.to_string());
        self.write(move |conn| {
            let device: Option<String> = conn
                .prepare_cached(
                    "SELECT device_id FROM sessions WHERE token_hash = ?1 AND expires_at > ?2",
                )?
                .query_row(params![t, now], |r| r.get(0))
                .optional()?;
            let Some(device) = device else { return Ok(None) };
            match conn
                .prepare_cached(
                    "INSERT INTO session_requests (token_hash, request_id) VALUES (?1, ?2)",
                )?
                .execute(params![t, r])
            {
                Err(e) if is_unique_violation(&e) => return Err(SyncError::ReplayedRequest.into()),
                other => other?,
            };
            load_device(conn, uuid_of(device)?)
        })
        .await
    }

    async fn push(
        &self,
        device: &DeviceRow,
        events: Vec<Incoming>,
        now: &str,
    ) -> Result<PushResponse> {
        let (d, now) = (device.clone(), now.to_string());
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let did = d.id.to_string();
            let high: i64 = tx
                .prepare_cached("SELECT high FROM offices WHERE code = ?1")?
                .query_row([&d.office], |r| r.get(0))?;
            let held: i64 = tx
                .prepare_cached(
                    "SELECT COALESCE(MAX(device_seq), 0) FROM events WHERE device_id = ?1",
                )?
                .query_row([&did], |r| r.get(0))?;
            let mut loaded = Loaded { held, high, ..Default::default() };
            let lowest = events.iter().map(|e| e.envelope.device_seq).min().unwrap_or(1);
            if lowest <= held {
                let mut stmt = tx.prepare_cached(
                    "SELECT device_seq, hash, server_seq FROM events
                     WHERE device_id = ?1 AND device_seq BETWEEN ?2 AND ?3",
                )?;
                let rows = stmt.query_map(params![did, lowest, held], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
                })?;
                for row in rows {
                    let (seq, hash, server_seq) = row?;
                    loaded.held_hashes.insert(seq, (hash, server_seq));
                }
            }
            let (records, keys) = push::touched(&events);
            {
                let mut stmt = tx.prepare_cached(
                    "SELECT heads FROM heads WHERE office = ?1 AND entity_id = ?2",
                )?;
                for r in records {
                    let text: Option<String> = stmt
                        .query_row(params![d.office, r.to_string()], |r| r.get(0))
                        .optional()?;
                    if let Some(text) = text {
                        let heads: Heads = serde_json::from_str(&text).map_err(|e| {
                            CentreError::Migration(format!("stored heads unreadable: {e}"))
                        })?;
                        loaded.heads.insert(r, heads);
                    }
                }
                let mut stmt = tx
                    .prepare_cached("SELECT event_id FROM claims WHERE office = ?1 AND key = ?2")?;
                for k in keys {
                    let holder: Option<String> =
                        stmt.query_row(params![d.office, k], |r| r.get(0)).optional()?;
                    if let Some(h) = holder {
                        loaded.claims.insert(k, uuid_of(h)?);
                    }
                }
            }
            let planned = push::plan(&events, loaded);
            if let Some(SyncError::SequenceConflict { seq }) = planned.stop {
                drop(tx);
                let reason = format!("device_seq {seq} pushed again with another hash");
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                tx.execute(
                    "UPDATE devices SET quarantine_reason = ?1, quarantined_at = ?2 WHERE id = ?3",
                    params![reason, now, did],
                )?;
                alert(&tx, &now, "sequence-conflict", Some(&d.office), Some(d.id), &reason)?;
                tx.commit()?;
                return Err(SyncError::SequenceConflict { seq }.into());
            }
            {
                let mut insert = tx.prepare_cached(
                    "INSERT INTO events (office, server_seq, device_id, device_seq, event_id, hash,
                         event, verdict, accepted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?;
                let mut claim = tx.prepare_cached(
                    "INSERT INTO claims (office, key, event_id) VALUES (?1, ?2, ?3)",
                )?;
                for a in &planned.accepted {
                    let inc = &events[a.index];
                    let verdict = serde_json::to_string(&a.verdict)
                        .map_err(|e| CentreError::Migration(e.to_string()))?;
                    let event_id = inc.envelope.event_id.to_string();
                    insert.execute(params![
                        d.office,
                        a.server_seq,
                        did,
                        inc.envelope.device_seq,
                        event_id,
                        inc.signed.hash,
                        inc.signed.event.to_string(),
                        verdict,
                        now
                    ])?;
                    for k in &a.claims {
                        claim.execute(params![d.office, k, event_id])?;
                    }
                    if let Some((kind, key, record)) = push::derived_reference(&inc.envelope) {
                        // The first key of a device was handed out at its enrolment (a void
                        // arrives once: its event is accepted once).
                        let held = if kind == "office_key" {
                            tx.prepare_cached(
                                "SELECT 1 FROM reference WHERE kind = ?1 AND key = ?2",
                            )?
                            .query_row(params![kind, key], |_| Ok(()))
                            .optional()?
                        } else {
                            None
                        };
                        if held.is_none() {
                            add_reference_tx(&tx, kind, &key, &record, &now)?;
                        }
                    }
                    if let Some(snapshot) = crate::crossing::snapshot(&inc.envelope) {
                        tx.prepare_cached(
                            "INSERT INTO persons_seen (person_id, office, snapshot)
                             VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                        )?
                        .execute(params![
                            inc.envelope.entity_id.to_string(),
                            d.office,
                            snapshot.to_string()
                        ])?;
                    }
                    for pk in crate::crossing::person_keys(&inc.envelope) {
                        record_person_key(&tx, &d.office, &pk, &now)?;
                    }
                    if let Some((case, record)) = crate::crossing::decision_of(&inc.envelope) {
                        hand_decision(&tx, &d.office, &case, &record, &now)?;
                    }
                    record_payment_facts(&tx, &d.office, &inc.envelope, &now)?;
                }
                let mut heads = tx.prepare_cached(
                    "INSERT INTO heads (office, entity_id, heads) VALUES (?1, ?2, ?3)
                     ON CONFLICT (office, entity_id) DO UPDATE SET heads = excluded.heads",
                )?;
                for (record, h) in &planned.heads {
                    let text = serde_json::to_string(h)
                        .map_err(|e| CentreError::Migration(e.to_string()))?;
                    heads.execute(params![d.office, record.to_string(), text])?;
                }
                tx.prepare_cached("UPDATE offices SET high = ?1 WHERE code = ?2")?
                    .execute(params![planned.high, d.office])?;
            }
            tx.commit()?;
            match planned.stop {
                Some(stop) => Err(stop.into()),
                None => Ok(PushResponse {
                    results: planned.results,
                    held_through: planned.held_through,
                }),
            }
        })
        .await
    }

    async fn pull(
        &self,
        office: &str,
        after: i64,
        limit: i64,
        max_bytes: i64,
    ) -> Result<(Vec<StoredEntry>, i64)> {
        let office = office.to_string();
        self.read(move |conn| {
            // One read transaction: the page and `high` are of the same moment.
            let tx = conn.unchecked_transaction()?;
            let conn = &*tx;
            let high: i64 = conn
                .prepare_cached("SELECT high FROM offices WHERE code = ?1")?
                .query_row([&office], |r| r.get(0))?;
            let mut stmt = conn.prepare_cached(
                "SELECT server_seq, event, hash, verdict FROM events
                 WHERE office = ?1 AND server_seq > ?2 ORDER BY server_seq LIMIT ?3",
            )?;
            let rows = stmt.query_map(params![office, after, limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            let mut out = vec![];
            let mut bytes = 0;
            // Rows are read one by one: the page stops at the first that does not fit.
            for row in rows {
                let (server_seq, event, hash, verdict) = row?;
                if !fits(out.len(), &mut bytes, &event, max_bytes) {
                    break;
                }
                out.push(StoredEntry {
                    server_seq,
                    device_seq: None,
                    event: raw(event)?,
                    hash,
                    verdict: raw(verdict)?,
                });
            }
            Ok((out, high))
        })
        .await
    }

    async fn own(
        &self,
        device: Uuid,
        after: i64,
        limit: i64,
        max_bytes: i64,
    ) -> Result<Vec<StoredEntry>> {
        self.read(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT server_seq, device_seq, event, hash, verdict FROM events
                 WHERE device_id = ?1 AND device_seq > ?2 ORDER BY device_seq LIMIT ?3",
            )?;
            let rows = stmt.query_map(params![device.to_string(), after, limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            let mut out = vec![];
            let mut bytes = 0;
            for row in rows {
                let (server_seq, seq, event, hash, verdict) = row?;
                if !fits(out.len(), &mut bytes, &event, max_bytes) {
                    break;
                }
                out.push(StoredEntry {
                    server_seq,
                    device_seq: Some(seq),
                    event: raw(event)?,
                    hash,
                    verdict: raw(verdict)?,
                });
            }
            Ok(out)
        })
        .await
    }

    async fn device_state(
        &self,
        device: &DeviceRow,
        query: DeviceStateQuery,
        centre_id: Uuid,
        now: &str,
    ) -> Result<DeviceState> {
        let (d, now) = (device.clone(), now.to_string());
        self.write(move |conn| {
            let high: i64 = conn
                .prepare_cached("SELECT high FROM offices WHERE code = ?1")?
                .query_row([&d.office], |r| r.get(0))?;
            if let Some(m) = crate::rules::restore_seen(&d, query, high) {
                alert(conn, &now, "restored-centre", Some(&d.office), Some(d.id), &m)?;
            }
            Ok(DeviceState {
                held_through: d.held_through,
                high,
                centre_id,
                blocks: device_blocks(conn, d.id)?,
                quarantined: d.quarantine_reason.clone(),
            })
        })
        .await
    }

    async fn fork(
        &self,
        device: &DeviceRow,
        from_seq: i64,
        new_id: Uuid,
        now: &str,
    ) -> Result<Forked> {
        let (d, now) = (device.clone(), now.to_string());
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let held: i64 = tx.query_row(
                "SELECT COALESCE(MAX(device_seq), 0) FROM events WHERE device_id = ?1",
                [d.id.to_string()],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE devices SET retired_at_seq = ?1, replaced_by = ?2 WHERE id = ?3",
                params![held, new_id.to_string(), d.id.to_string()],
            )?;
            tx.execute(
                "INSERT INTO devices (id, office, name, device_key, document_key, enrolled_at, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![new_id.to_string(), d.office, d.name, d.device_key, d.document_key, now],
            )?;
            tx.execute(
                "UPDATE blocks SET device_id = ?1 WHERE device_id = ?2",
                params![new_id.to_string(), d.id.to_string()],
            )?;
            alert(&tx, &now, "fork", Some(&d.office), Some(d.id),
                &format!("device forked at seq {held} (its events differ from seq {from_seq}); new id {new_id}"))?;
            let blocks = device_blocks(&tx, new_id)?;
            tx.commit()?;
            Ok(Forked { device_id: new_id, retired_at: held, blocks })
        })
        .await
    }

    async fn blocks(
        &self,
        device: &DeviceRow,
        want: &[Want],
        size: i64,
        now: &str,
    ) -> Result<Vec<Block>> {
        let (d, want, now) = (device.clone(), want.to_vec(), now.to_string());
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut out = vec![];
            for w in want {
                out.push(allocate(&tx, &d.office, d.id, w.series, w.year, size, &now)?);
            }
            tx.commit()?;
            Ok(out)
        })
        .await
    }

    async fn held_blocks(&self, device: &DeviceRow, blocks: &[Block], now: &str) -> Result<u32> {
        let (d, blocks, now) = (device.clone(), blocks.to_vec(), now.to_string());
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut recorded = 0;
            for b in blocks {
                let mut stmt = tx.prepare_cached(
                    "SELECT first, last, device_id FROM blocks
                     WHERE office = ?1 AND series = ?2 AND year = ?3 AND first <= ?4 AND last >= ?5",
                )?;
                let overlapping: Vec<(i64, i64, String)> = stmt
                    .query_map(params![d.office, b.series.as_str(), b.year, b.last, b.first], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                drop(stmt);
                match crate::rules::held_block_action(&b, d.id, &overlapping) {
                    crate::rules::HeldAction::Known => {}
                    crate::rules::HeldAction::Record => {
                        insert_block(&tx, &d.office, d.id, &b, &now)?;
                        recorded += 1;
                    }
                    crate::rules::HeldAction::Overlap(m) => {
                        alert(&tx, &now, "block-overlap", Some(&d.office), Some(d.id), &m)?
                    }
                }
            }
            tx.commit()?;
            Ok(recorded)
        })
        .await
    }

    async fn add_reference(
        &self,
        kind: &str,
        key: &str,
        record: &serde_json::Value,
        now: &str,
    ) -> Result<i64> {
        let (k, key, r, now) = (kind.to_string(), key.to_string(), record.clone(), now.to_string());
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let seq = add_reference_tx(&tx, &k, &key, &r, &now)?;
            tx.commit()?;
            Ok(seq)
        })
        .await
    }

    async fn reference(
        &self,
        office: &str,
        after: i64,
        limit: i64,
    ) -> Result<(Vec<StoredItem>, i64)> {
        let office = office.to_string();
        self.read(move |conn| {
            let high: i64 =
                conn.query_row("SELECT COALESCE(MAX(ref_seq), 0) FROM reference", [], |r| {
                    r.get(0)
                })?;
            let mut stmt = conn.prepare_cached(
                "SELECT ref_seq, kind, key, record FROM reference
                 WHERE ref_seq > ?1 AND (audience IS NULL OR audience = ?3)
                 ORDER BY ref_seq LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![after, limit, office], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            let mut out = vec![];
            for row in rows {
                let (ref_seq, kind, key, record) = row?;
                out.push(StoredItem { ref_seq, kind, key, record: raw(record)? });
            }
            Ok((out, high))
        })
        .await
    }

    async fn closed_report(&self, scope: &str, month: &str) -> Result<Option<String>> {
        let (scope, month) = (scope.to_string(), month.to_string());
        self.read(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT summary FROM closed_reports WHERE scope = ?1 AND month = ?2",
                    [scope, month],
                    |r| r.get(0),
                )
                .optional()?)
        })
        .await
    }

    async fn close_report(
        &self,
        scope: &str,
        month: &str,
        summary: &str,
        by: &str,
        now: &str,
    ) -> Result<bool> {
        let row = [scope, month, summary, now, by].map(str::to_string);
        self.write(move |conn| {
            Ok(conn.execute(
                "INSERT INTO closed_reports (scope, month, summary, closed_at, closed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (scope, month) DO NOTHING",
                row,
            )? == 1)
        })
        .await
    }

    async fn packet_seen(&self, packet_id: Uuid) -> Result<Option<String>> {
        self.read(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT at FROM packets WHERE packet_id = ?1",
                    [packet_id.to_string()],
                    |r| r.get(0),
                )
                .optional()?)
        })
        .await
    }

    async fn record_packet(
        &self,
        packet_id: Uuid,
        device: Uuid,
        direction: &str,
        summary: &serde_json::Value,
        now: &str,
    ) -> Result<()> {
        let (dir, summary, now) = (direction.to_string(), summary.to_string(), now.to_string());
        self.write(move |conn| {
            conn.execute(
                "INSERT INTO packets (packet_id, device_id, direction, at, summary)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (packet_id) DO NOTHING",
                params![packet_id.to_string(), device.to_string(), dir, now, summary],
            )?;
            Ok(())
        })
        .await
    }

    async fn note_report(&self, device: Uuid, report: DeviceReport, now: &str) -> Result<()> {
        let now = now.to_string();
        self.write(move |conn| {
            conn.execute(
                "INSERT INTO device_reports (device_id, acked, pull_cursor, reference_cursor, reported_at)
                 VALUES (?1, ?2, ?3, COALESCE(?4, 0), ?5)
                 ON CONFLICT (device_id) DO UPDATE SET
                     acked = excluded.acked,
                     pull_cursor = excluded.pull_cursor,
                     reference_cursor = COALESCE(?4, reference_cursor),
                     reported_at = excluded.reported_at",
                params![
                    device.to_string(),
                    report.acked,
                    report.cursor,
                    report.reference_cursor,
                    now
                ],
            )?;
            Ok(())
        })
        .await
    }

    async fn report(&self, device: Uuid) -> Result<Option<DeviceReport>> {
        self.read(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT acked, pull_cursor, reference_cursor FROM device_reports
                     WHERE device_id = ?1",
                    [device.to_string()],
                    |r| {
                        Ok(DeviceReport {
                            acked: r.get(0)?,
                            cursor: r.get(1)?,
                            reference_cursor: Some(r.get(2)?),
                        })
                    },
                )
                .optional()?)
        })
        .await
    }

    async fn device_blocks(&self, device: Uuid) -> Result<Vec<Block>> {
        self.read(move |conn| device_blocks(conn, device)).await
    }

    async fn payment_cases(&self) -> Result<Vec<crate::payments::PaymentCase>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, subsidy_kind, key, office_a, entry_a, office_b, entry_b, found_at, state
                 FROM payment_cases ORDER BY found_at, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(crate::payments::PaymentCase {
                    id: r.get(0)?,
                    subsidy_kind: r.get(1)?,
                    key: r.get(2)?,
                    office_a: r.get(3)?,
                    entry_a: r.get(4)?,
                    office_b: r.get(5)?,
                    entry_b: r.get(6)?,
                    found_at: r.get(7)?,
                    state: r.get(8)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .await
    }

    async fn cross_cases(&self) -> Result<Vec<crate::crossing::CrossCase>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, key, office_a, person_a, office_b, person_b, found_at, state
                 FROM cross_cases ORDER BY found_at, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(crate::crossing::CrossCase {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    office_a: r.get(2)?,
                    person_a: r.get(3)?,
                    office_b: r.get(4)?,
                    person_b: r.get(5)?,
                    found_at: r.get(6)?,
                    state: r.get(7)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .await
    }
}
