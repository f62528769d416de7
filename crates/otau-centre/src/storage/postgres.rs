//! The PostgreSQL backend, for a centre serving many offices.
//!
//! # Design
//! A small pool of connections (deadpool-postgres). Every method is one transaction; a push
//! takes the office's row `FOR UPDATE`, which is the lock that keeps `server_seq` gapless and
//! makes a pull never skip an event committed late. Rows of a push are written with `UNNEST`
//! arrays, a statement per table rather than per event.

use super::*;
use crate::error::CentreError;
use crate::push::{self, Loaded};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Transaction};
use otau_sync::merge::Heads;
use otau_sync::{Series, SyncError};
use tokio_postgres::error::SqlState;
use tokio_postgres::NoTls;

/// The migrations, in order. Never edit one that has landed; add a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_centre.sql"),
    include_str!("../../migrations/postgres/0002_packets.sql"),
    include_str!("../../migrations/postgres/0003_cross_office.sql"),
    include_str!("../../migrations/postgres/0004_payments_across_offices.sql"),
    include_str!("../../migrations/postgres/0005_reports.sql"),
];

/// The PostgreSQL storage.
pub struct PgStorage {
    pool: Pool,
}

fn unique_violation(e: &tokio_postgres::Error) -> bool {
    e.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

fn uuid_of(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|e| CentreError::Migration(format!("stored id {text}: {e}")))
}

const DEVICE_COLUMNS: &str = "d.id, d.office, d.name, d.device_key, d.document_key, d.enrolled_at,
    d.last_seen, d.quarantine_reason, d.retired_at_seq, d.replaced_by,
    COALESCE((SELECT MAX(e.device_seq) FROM events e WHERE e.device_id = d.id), 0)";

fn device_row(r: &tokio_postgres::Row) -> Result<DeviceRow> {
    let replaced: Option<String> = r.try_get(9)?;
    Ok(DeviceRow {
        id: uuid_of(&r.try_get::<_, String>(0)?)?,
        office: r.try_get(1)?,
        name: r.try_get(2)?,
        device_key: r.try_get(3)?,
        document_key: r.try_get(4)?,
        enrolled_at: r.try_get(5)?,
        last_seen: r.try_get(6)?,
        quarantine_reason: r.try_get(7)?,
        retired_at_seq: r.try_get(8)?,
        replaced_by: replaced.and_then(|s| Uuid::parse_str(&s).ok()),
        held_through: r.try_get(10)?,
    })
}

async fn device_blocks(
    tx: &impl deadpool_postgres::GenericClient,
    device: Uuid,
) -> Result<Vec<Block>> {
    let rows = tx
        .query(
            "SELECT series, year, first, last FROM blocks WHERE device_id = $1
             ORDER BY series, year, first",
            &[&device.to_string()],
        )
        .await?;
    let mut out = vec![];
    for r in rows {
        let series: String = r.try_get(0)?;
        if let Some(series) = Series::parse(&series) {
            let year: i64 = r.try_get(1)?;
            out.push(Block {
                series,
                year: year as i32,
                first: r.try_get(2)?,
                last: r.try_get(3)?,
            });
        }
    }
    Ok(out)
}

async fn insert_block(
    tx: &Transaction<'_>,
    office: &str,
    device: Uuid,
    b: &Block,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO blocks (office, series, year, first, last, device_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &office,
            &b.series.as_str(),
            &(b.year as i64),
            &b.first,
            &b.last,
            &device.to_string(),
            &now,
        ],
    )
    .await?;
    Ok(())
}

async fn allocate(
    tx: &Transaction<'_>,
    office: &str,
    device: Uuid,
    series: Series,
    year: i32,
    size: i64,
    now: &str,
) -> Result<Block> {
    // Serialises allocations of one office (the office row is the lock).
    tx.execute("SELECT 1 FROM offices WHERE code = $1 FOR UPDATE", &[&office]).await?;
    let first: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(last), 0) + 1 FROM blocks WHERE office = $1 AND series = $2 AND year = $3",
            &[&office, &series.as_str(), &(year as i64)],
        )
        .await?
        .try_get(0)?;
    let block = Block { series, year, first, last: first + size - 1 };
    insert_block(tx, office, device, &block, now).await?;
    Ok(block)
}

async fn add_reference_tx(
    tx: &impl deadpool_postgres::GenericClient,
    kind: &str,
    key: &str,
    record: &serde_json::Value,
    now: &str,
) -> Result<i64> {
    add_reference_to(tx, None, kind, key, record, now).await
}

/// Appends a reference item (for every office, or for `audience` only). Items are numbered and
/// committed in one order (a lock held to the commit), so a device's cursor never passes an
/// item committed late.
async fn add_reference_to(
    tx: &impl deadpool_postgres::GenericClient,
    audience: Option<&str>,
    kind: &str,
    key: &str,
    record: &serde_json::Value,
    now: &str,
) -> Result<i64> {
    tx.execute("SELECT pg_advisory_xact_lock(7465617)", &[]).await?;
    Ok(tx
        .query_one(
            "INSERT INTO reference (kind, key, record, added_at, audience)
             VALUES ($1, $2, $3, $4, $5) RETURNING ref_seq",
            &[&kind, &key, &record.to_string(), &now, &audience],
        )
        .await?
        .try_get(0)?)
}

/// Records an office's decision on a case and hands it to the case's other office.
async fn hand_decision(
    tx: &impl deadpool_postgres::GenericClient,
    office: &str,
    case: &str,
    record: &serde_json::Value,
    now: &str,
) -> Result<()> {
    let row =
        tx.query_opt("SELECT office_a, office_b FROM cross_cases WHERE id = $1", &[&case]).await?;
    let Some(row) = row else { return Ok(()) };
    let (a, b): (String, String) = (row.try_get(0)?, row.try_get(1)?);
    let decision = record.get("decision").and_then(|v| v.as_str()).unwrap_or("decided");
    tx.execute("UPDATE cross_cases SET state = $1 WHERE id = $2", &[&decision, &case]).await?;
    let other = if a == office { b } else { a };
    add_reference_to(tx, Some(&other), "cross_decision", case, record, now).await?;
    Ok(())
}

/// What an office paid in a payment of a case, with its family's number and head.
async fn paid_side(
    tx: &impl deadpool_postgres::GenericClient,
    entry: &str,
) -> Result<crate::payments::Paid> {
    let r = tx
        .query_one(
            "SELECT p.office, COALESCE(o.name, p.office), p.entry_id, p.family_id, f.regno,
                 (SELECT m.name FROM family_members m
                  WHERE m.family_id = p.family_id AND m.office = p.office AND m.relation = 'head'
                  ORDER BY m.person_id LIMIT 1),
                 p.amount_tiyn, p.paid_on
             FROM payments p
             LEFT JOIN offices o ON o.code = p.office
             LEFT JOIN families_seen f ON f.family_id = p.family_id AND f.office = p.office
             WHERE p.entry_id = $1",
            &[&entry],
        )
        .await?;
    Ok(crate::payments::Paid {
        office: r.try_get(0)?,
        office_name: r.try_get(1)?,
        entry_id: r.try_get(2)?,
        family_id: r.try_get(3)?,
        regno: r.try_get(4)?,
        head: r.try_get(5)?,
        amount_tiyn: r.try_get(6)?,
        paid_on: r.try_get(7)?,
    })
}

/// Records a case for every payment of another office, of the same one-time kind and not
/// reversed, to a family that shares a person key with `family` of `office`, for each payment
/// of `family` that stands; hands each new case to both offices.
async fn payment_cases_for(
    tx: &impl deadpool_postgres::GenericClient,
    office: &str,
    family: &str,
    now: &str,
) -> Result<()> {
    let own = tx
        .query(
            "SELECT entry_id, subsidy_kind FROM payments
             WHERE family_id = $1 AND office = $2 AND reversed_at IS NULL ORDER BY entry_id",
            &[&family, &office],
        )
        .await?;
    for r in own {
        let (entry, kind): (String, String) = (r.try_get(0)?, r.try_get(1)?);
        let others = tx
            .query(
                "SELECT p.entry_id, p.office, MIN(k2.key)
                 FROM family_members m1
                 JOIN person_keys k1 ON k1.person_id = m1.person_id AND k1.office = m1.office
                 JOIN person_keys k2 ON k2.key = k1.key AND k2.office <> k1.office
                 JOIN family_members m2 ON m2.person_id = k2.person_id AND m2.office = k2.office
                 JOIN payments p ON p.family_id = m2.family_id AND p.office = m2.office
                 WHERE m1.family_id = $1 AND m1.office = $2 AND p.subsidy_kind = $3
                   AND p.reversed_at IS NULL
                 GROUP BY p.entry_id, p.office ORDER BY p.entry_id",
                &[&family, &office, &kind],
            )
            .await?;
        for o in others {
            let (other_entry, other_office, key): (String, String, String) =
                (o.try_get(0)?, o.try_get(1)?, o.try_get(2)?);
            let id = crate::payments::case_id(&entry, &other_entry);
            let added = tx
                .execute(
                    "INSERT INTO payment_cases
                         (id, subsidy_kind, key, office_a, entry_a, office_b, entry_b, found_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
                    &[&id, &kind, &key, &other_office, &other_entry, &office, &entry, &now],
                )
                .await?;
            if added == 1 {
                use crate::payments::handed;
                let here = paid_side(tx, &entry).await?;
                let there = paid_side(tx, &other_entry).await?;
                let to_other = handed(&id, &kind, &key, now, &there, &here);
                add_reference_to(tx, Some(&other_office), "payment_duplicate", &id, &to_other, now)
                    .await?;
                let to_this = handed(&id, &kind, &key, now, &here, &there);
                add_reference_to(tx, Some(office), "payment_duplicate", &id, &to_this, now).await?;
            }
        }
    }
    Ok(())
}

/// Keeps what an accepted event tells of families and one-time payments, and records the
/// payment cases it completes.
async fn record_payment_facts(
    tx: &impl deadpool_postgres::GenericClient,
    office: &str,
    e: &otau_sync::Envelope,
    now: &str,
) -> Result<()> {
    use crate::payments::{family_of, ledger_fact, member_of, LedgerFact};
    if let Some(m) = member_of(e) {
        tx.execute(
            "INSERT INTO family_members (person_id, office, family_id, relation, name)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            &[&m.person.to_string(), &office, &m.family.to_string(), &m.relation, &m.name],
        )
        .await?;
    }
    if let Some((family, regno)) = family_of(e) {
        tx.execute(
            "INSERT INTO families_seen (family_id, office, regno) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&family.to_string(), &office, &regno],
        )
        .await?;
    }
    match ledger_fact(e) {
        Some(LedgerFact::Paid(p)) => {
            tx.execute(
                "INSERT INTO payments
                     (entry_id, line_id, office, family_id, subsidy_kind, amount_tiyn, paid_on)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                &[
                    &p.entry.to_string(),
                    &p.line.to_string(),
                    &office,
                    &p.family.to_string(),
                    &p.kind.as_str(),
                    &p.amount_tiyn,
                    &p.paid_on,
                ],
            )
            .await?;
            payment_cases_for(tx, office, &p.family.to_string(), now).await?;
        }
        Some(LedgerFact::Reversed { line }) => {
            tx.execute(
                "UPDATE payments SET reversed_at = $1
                 WHERE office = $2 AND line_id = $3 AND reversed_at IS NULL",
                &[&now, &office, &line.to_string()],
            )
            .await?;
        }
        None => {}
    }
    // A key that links a person to another office may link two families already paid.
    let person = crate::crossing::person_keys(e).into_iter().map(|k| k.person.to_string()).next();
    if let Some(person) = person {
        let row = tx
            .query_opt("SELECT family_id FROM family_members WHERE person_id = $1", &[&person])
            .await?;
        if let Some(row) = row {
            let family: String = row.try_get(0)?;
            payment_cases_for(tx, office, &family, now).await?;
        }
    }
    if let Some((case, record)) = crate::payments::decision_of(e) {
        let row = tx
            .query_opt("SELECT office_a, office_b FROM payment_cases WHERE id = $1", &[&case])
            .await?;
        if let Some(row) = row {
            let (a, b): (String, String) = (row.try_get(0)?, row.try_get(1)?);
            let decision = record.get("decision").and_then(|v| v.as_str()).unwrap_or("decided");
            tx.execute("UPDATE payment_cases SET state = $1 WHERE id = $2", &[&decision, &case])
                .await?;
            let other = if a == office { b } else { a };
            add_reference_to(tx, Some(&other), "payment_decision", &case, &record, now).await?;
        }
    }
    Ok(())
}

/// Reads again, in the order they were accepted, the events a centre held before it kept
/// families and payments, so a family paid twice before then becomes a case too (found as of
/// the event that completed it). A page at a time.
async fn payments_from_held_events(tx: &impl deadpool_postgres::GenericClient) -> Result<()> {
    let mut after = (String::new(), String::new(), 0i64);
    loop {
        let rows = tx
            .query(
                "SELECT office, event, accepted_at, server_seq FROM events
                 WHERE (event::jsonb ->> 'entity') IN
                     ('person', 'family', 'document', 'ledger_entry', 'payment_decision')
                   AND (accepted_at, office, server_seq) > ($1, $2, $3)
                 ORDER BY accepted_at, office, server_seq LIMIT 5000",
                &[&after.0, &after.1, &after.2],
            )
            .await?;
        let Some(last) = rows.last() else { return Ok(()) };
        after = (last.try_get(2)?, last.try_get(0)?, last.try_get(3)?);
        for r in &rows {
            let (office, text, at): (String, String, String) =
                (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            let e: otau_sync::Envelope = serde_json::from_str(&text)
                .map_err(|e| CentreError::Migration(format!("stored event unreadable: {e}")))?;
            record_payment_facts(tx, &office, &e, &at).await?;
        }
    }
}

/// What an office registered of a person (null when its insert was not seen).
async fn seen(
    tx: &impl deadpool_postgres::GenericClient,
    person: &str,
) -> Result<serde_json::Value> {
    let row =
        tx.query_opt("SELECT snapshot FROM persons_seen WHERE person_id = $1", &[&person]).await?;
    let text: Option<String> = match row {
        Some(r) => Some(r.try_get(0)?),
        None => None,
    };
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null))
}

/// Keeps a key of a person of `office` and records a case for every person of another office
/// that holds it (the push locked the key: offices push under their own locks).
async fn record_person_key(
    tx: &impl deadpool_postgres::GenericClient,
    office: &str,
    pk: &crate::crossing::PersonKey,
    now: &str,
) -> Result<()> {
    let person = pk.person.to_string();
    let others = tx
        .query(
            "SELECT office, person_id FROM person_keys WHERE key = $1 AND office <> $2",
            &[&pk.key, &office],
        )
        .await?;
    for r in others {
        let (other_office, other): (String, String) = (r.try_get(0)?, r.try_get(1)?);
        let id = crate::crossing::case_id(&other, &person);
        let added = tx
            .execute(
                "INSERT INTO cross_cases (id, key, office_a, person_a, office_b, person_b, found_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
                &[&id, &pk.key, &other_office, &other, &office, &person, &now],
            )
            .await?;
        if added == 1 {
            use crate::crossing::handed;
            let here = seen(tx, &person).await?;
            let there = seen(tx, &other).await?;
            let to_other = handed(&id, &pk.key, now, &other, office, &person, &here);
            add_reference_to(tx, Some(&other_office), "cross_duplicate", &id, &to_other, now)
                .await?;
            let to_this = handed(&id, &pk.key, now, &person, &other_office, &other, &there);
            add_reference_to(tx, Some(office), "cross_duplicate", &id, &to_this, now).await?;
        }
    }
    tx.execute(
        "INSERT INTO person_keys (key, office, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        &[&pk.key, &office, &person],
    )
    .await?;
    Ok(())
}

async fn alert(
    tx: &impl deadpool_postgres::GenericClient,
    now: &str,
    kind: &str,
    office: Option<&str>,
    device: Option<Uuid>,
    message: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO alerts (at, kind, office, device_id, message) VALUES ($1, $2, $3, $4, $5)",
        &[&now, &kind, &office, &device.map(|d| d.to_string()), &message],
    )
    .await?;
    Ok(())
}

async fn office_info(tx: &impl deadpool_postgres::GenericClient, code: &str) -> Result<OfficeInfo> {
    let row =
        tx.query_opt("SELECT code, name, region FROM offices WHERE code = $1", &[&code]).await?;
    let r = row.ok_or_else(|| CentreError::UnknownOffice(code.to_string()))?;
    Ok(OfficeInfo { code: r.try_get(0)?, name: r.try_get(1)?, region: r.try_get(2)? })
}

async fn load_device(
    c: &impl deadpool_postgres::GenericClient,
    id: Uuid,
) -> Result<Option<DeviceRow>> {
    c.query_opt(
        &format!("SELECT {DEVICE_COLUMNS} FROM devices d WHERE d.id = $1"),
        &[&id.to_string()],
    )
    .await?
    .map(|r| device_row(&r))
    .transpose()
}

impl PgStorage {
    /// Connects to `url` (`postgres://user@host:port/db`) and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<PgStorage> {
        let config: tokio_postgres::Config =
            url.parse().map_err(|e: tokio_postgres::Error| CentreError::Postgres(e.to_string()))?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig { recycling_method: RecyclingMethod::Fast },
        );
        let pool = Pool::builder(manager)
            .max_size(8)
            .build()
            .map_err(|e| CentreError::Postgres(e.to_string()))?;
        let storage = PgStorage { pool };
        storage.migrate().await?;
        Ok(storage)
    }

    async fn migrate(&self) -> Result<()> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.batch_execute(
            "SELECT pg_advisory_xact_lock(7465616);
             CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)",
        )
        .await?;
        let found: i64 = tx
            .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])
            .await?
            .try_get(0)?;
        if found > MIGRATIONS.len() as i64 {
            return Err(CentreError::SchemaTooNew { found, supported: MIGRATIONS.len() as i64 });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.batch_execute(sql).await.map_err(|e| CentreError::Migration(e.to_string()))?;
            if i == 3 {
                // 0004 reads the families and payments of the events already held.
                payments_from_held_events(&tx).await?;
            }
            tx.execute("INSERT INTO schema_version (version) VALUES ($1)", &[&(i as i64 + 1)])
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[async_trait]
impl Storage for PgStorage {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn init_centre(&self, centre: &CentreRow, now: &str) -> Result<()> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute("LOCK TABLE centre IN EXCLUSIVE MODE", &[]).await?;
        let found = tx.query_opt("SELECT id FROM centre", &[]).await?;
        match found {
            Some(r) => {
                let id: String = r.try_get(0)?;
                if id != centre.id.to_string() {
                    return Err(CentreError::OtherCentre {
                        expected: centre.id.to_string(),
                        found: id,
                    });
                }
            }
            None => {
                tx.execute(
                    "INSERT INTO centre (singleton, id, name, created_at) VALUES (1, $1, $2, $3)",
                    &[&centre.id.to_string(), &centre.name, &now],
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn centre(&self) -> Result<Option<CentreRow>> {
        let client = self.pool.get().await?;
        let row = client.query_opt("SELECT id, name FROM centre", &[]).await?;
        row.map(|r| {
            Ok(CentreRow { id: uuid_of(&r.try_get::<_, String>(0)?)?, name: r.try_get(1)? })
        })
        .transpose()
    }

    async fn add_office(&self, office: &OfficeInfo, now: &str) -> Result<()> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        match tx
            .execute(
                "INSERT INTO offices (code, name, region, created_at) VALUES ($1, $2, $3, $4)",
                &[&office.code, &office.name, &office.region, &now],
            )
            .await
        {
            Err(e) if unique_violation(&e) => {
                return Err(CentreError::OfficeExists(office.code.clone()))
            }
            other => other?,
        };
        let record =
            serde_json::json!({"code": office.code, "name": office.name, "region": office.region});
        add_reference_tx(&tx, "office", &office.code, &record, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn add_enrol_code(
        &self,
        secret_hash: &str,
        office: &str,
        now: &str,
        expires_at: &str,
    ) -> Result<()> {
        let client = self.pool.get().await?;
        office_info(&client, office).await?;
        client
            .execute(
                "INSERT INTO enrol_codes (secret_hash, office, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                &[&secret_hash, &office, &now, &expires_at],
            )
            .await?;
        Ok(())
    }

    async fn enrol(
        &self,
        secret_hash: &str,
        d: &NewDevice,
        now: &str,
        years: &[i32],
        block_size: i64,
    ) -> Result<EnrolOutcome> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let code = tx
            .query_opt(
                "SELECT office, expires_at, used_at FROM enrol_codes WHERE secret_hash = $1 FOR UPDATE",
                &[&secret_hash],
            )
            .await?;
        let office: String = match code {
            Some(r) => {
                let (office, expires, used): (String, String, Option<String>) =
                    (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
                if used.is_some() || expires.as_str() <= now {
                    return Err(SyncError::EnrolCodeInvalid.into());
                }
                office
            }
            None => return Err(SyncError::EnrolCodeInvalid.into()),
        };
        tx.execute("SELECT 1 FROM offices WHERE code = $1 FOR UPDATE", &[&office]).await?;
        let devices: i64 = tx
            .query_one("SELECT COUNT(*) FROM devices WHERE office = $1", &[&office])
            .await?
            .try_get(0)?;
        let mode = if devices == 0 { EnrolMode::First } else { EnrolMode::Join };
        if mode == EnrolMode::Join && !d.history.empty {
            return Err(SyncError::EnrolNotEmpty.into());
        }
        let id = d.id.to_string();
        tx.execute(
            "UPDATE enrol_codes SET used_at = $1, device_id = $2 WHERE secret_hash = $3",
            &[&now, &id, &secret_hash],
        )
        .await?;
        tx.execute(
            "INSERT INTO devices (id, office, name, device_key, document_key, enrolled_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[&id, &office, &d.name, &d.device_key, &d.document_key, &now],
        )
        .await?;
        if mode == EnrolMode::First {
            for used in d.history.numbers.iter().filter(|n| n.max >= 1) {
                let b = Block { series: used.series, year: used.year, first: 1, last: used.max };
                insert_block(&tx, &office, d.id, &b, now).await?;
            }
        }
        for (series, year) in super::block_years(years) {
            allocate(&tx, &office, d.id, series, year, block_size, now).await?;
        }
        let info = office_info(&tx, &office).await?;
        let record = serde_json::json!({"office_code": info.code, "office_name": info.name,
            "public_key": d.document_key, "device_id": d.id});
        add_reference_tx(
            &tx,
            "office_key",
            &format!("{}|{}", info.code, d.document_key),
            &record,
            now,
        )
        .await?;
        let blocks = device_blocks(&tx, d.id).await?;
        tx.commit().await?;
        Ok(EnrolOutcome { office: info, mode, blocks })
    }

    async fn devices(&self) -> Result<Vec<DeviceRow>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                &format!("SELECT {DEVICE_COLUMNS} FROM devices d ORDER BY d.office, d.enrolled_at"),
                &[],
            )
            .await?;
        rows.iter().map(device_row).collect()
    }

    async fn device(&self, id: Uuid) -> Result<Option<DeviceRow>> {
        let client = self.pool.get().await?;
        load_device(&client, id).await
    }

    async fn release(&self, id: Uuid) -> Result<bool> {
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "UPDATE devices SET quarantine_reason = NULL, quarantined_at = NULL
                 WHERE id = $1 AND quarantine_reason IS NOT NULL",
                &[&id.to_string()],
            )
            .await?;
        if n == 0 && load_device(&client, id).await?.is_none() {
            return Err(CentreError::UnknownDevice(id.to_string()));
        }
        Ok(n == 1)
    }

    async fn status(&self) -> Result<Status> {
        let client = self.pool.get().await?;
        let mut offices = vec![];
        for r in client
            .query(
                "SELECT o.code, o.name, o.region, o.high,
                    (SELECT COUNT(*) FROM devices d WHERE d.office = o.code AND d.retired_at_seq IS NULL)
                 FROM offices o ORDER BY o.code",
                &[],
            )
            .await?
        {
            offices.push(OfficeStatus {
                office: OfficeInfo { code: r.try_get(0)?, name: r.try_get(1)?, region: r.try_get(2)? },
                high: r.try_get(3)?,
                devices: r.try_get(4)?,
            });
        }
        let events: i64 = client.query_one("SELECT COUNT(*) FROM events", &[]).await?.try_get(0)?;
        let quarantined = client
            .query(
                &format!(
                    "SELECT {DEVICE_COLUMNS} FROM devices d WHERE d.quarantine_reason IS NOT NULL"
                ),
                &[],
            )
            .await?
            .iter()
            .map(device_row)
            .collect::<Result<Vec<_>>>()?;
        let mut alerts = vec![];
        for r in client
            .query(
                "SELECT at, kind, office, device_id, message FROM alerts ORDER BY id DESC LIMIT 20",
                &[],
            )
            .await?
        {
            alerts.push(Alert {
                at: r.try_get(0)?,
                kind: r.try_get(1)?,
                office: r.try_get(2)?,
                device_id: r.try_get(3)?,
                message: r.try_get(4)?,
            });
        }
        let reference_high: i64 = client
            .query_one("SELECT COALESCE(MAX(ref_seq), 0)::BIGINT FROM reference", &[])
            .await?
            .try_get(0)?;
        Ok(Status { offices, events, quarantined, alerts, reference_high })
    }

    async fn add_challenge(&self, device: Uuid, challenge: &str, expires_at: &str) -> Result<()> {
        let client = self.pool.get().await?;
        client
            .execute(
                "INSERT INTO challenges (challenge, device_id, expires_at) VALUES ($1, $2, $3)",
                &[&challenge, &device.to_string(), &expires_at],
            )
            .await?;
        Ok(())
    }

    async fn take_challenge(&self, device: Uuid, challenge: &str, now: &str) -> Result<bool> {
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "DELETE FROM challenges WHERE challenge = $1 AND device_id = $2 AND expires_at > $3",
                &[&challenge, &device.to_string(), &now],
            )
            .await?;
        client.execute("DELETE FROM challenges WHERE expires_at <= $1", &[&now]).await?;
        Ok(n == 1)
    }

    async fn add_session(
        &self,
        token_hash: &str,
        device: Uuid,
        expires_at: &str,
        now: &str,
    ) -> Result<()> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute(
            "INSERT INTO sessions (token_hash, device_id, expires_at) VALUES ($1, $2, $3)",
            &[&token_hash, &device.to_string(), &expires_at],
        )
        .await?;
        tx.execute("UPDATE devices SET last_seen = $1 WHERE id = $2", &[&now, &device.to_string()])
            .await?;
        tx.execute(
            "DELETE FROM session_requests WHERE token_hash IN
               (SELECT token_hash FROM sessions WHERE expires_at <= $1)",
            &[&now],
        )
        .await?;
        tx.execute("DELETE FROM sessions WHERE expires_at <= $1", &[&now]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn session(
        &self,
        token_hash: &str,
        request_id: &str,
        now: &str,
    ) -> Result<Option<DeviceRow>> {
        let client = self.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT device_id FROM sessions WHERE token_hash = $1 AND expires_at > $2",
                &[&token_hash, &now],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let device: String = row.try_get(0)?;
        let n = client
            .execute(
                "INSERT INTO session_requests (token_hash, request_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&token_hash, &request_id],
            )
            .await?;
        if n == 0 {
            return Err(SyncError::ReplayedRequest.into());
        }
        load_device(&client, uuid_of(&device)?).await
    }

    async fn push(&self, d: &DeviceRow, events: Vec<Incoming>, now: &str) -> Result<PushResponse> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let did = d.id.to_string();
        let high: i64 = tx
            .query_one("SELECT high FROM offices WHERE code = $1 FOR UPDATE", &[&d.office])
            .await?
            .try_get(0)?;
        let held: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(device_seq), 0)::BIGINT FROM events WHERE device_id = $1",
                &[&did],
            )
            .await?
            .try_get(0)?;
        let mut loaded = Loaded { held, high, ..Default::default() };
        let lowest = events.iter().map(|e| e.envelope.device_seq).min().unwrap_or(1);
        if lowest <= held {
            for r in tx
                .query(
                    "SELECT device_seq, hash, server_seq FROM events
                     WHERE device_id = $1 AND device_seq BETWEEN $2 AND $3",
                    &[&did, &lowest, &held],
                )
                .await?
            {
                loaded.held_hashes.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?));
            }
        }
        let (records, keys) = push::touched(&events);
        let records: Vec<String> = records.iter().map(Uuid::to_string).collect();
        for r in tx
            .query(
                "SELECT entity_id, heads FROM heads WHERE office = $1 AND entity_id = ANY($2)",
                &[&d.office, &records],
            )
            .await?
        {
            let id: String = r.try_get(0)?;
            let text: String = r.try_get(1)?;
            let heads: Heads = serde_json::from_str(&text)
                .map_err(|e| CentreError::Migration(format!("stored heads unreadable: {e}")))?;
            loaded.heads.insert(uuid_of(&id)?, heads);
        }
        for r in tx
            .query(
                "SELECT key, event_id FROM claims WHERE office = $1 AND key = ANY($2)",
                &[&d.office, &keys],
            )
            .await?
        {
            let holder: String = r.try_get(1)?;
            loaded.claims.insert(r.try_get(0)?, uuid_of(&holder)?);
        }
        let planned = push::plan(&events, loaded);
        if let Some(SyncError::SequenceConflict { seq }) = planned.stop {
            tx.rollback().await?;
            let reason = format!("device_seq {seq} pushed again with another hash");
            let tx = client.transaction().await?;
            tx.execute(
                "UPDATE devices SET quarantine_reason = $1, quarantined_at = $2 WHERE id = $3",
                &[&reason, &now, &did],
            )
            .await?;
            alert(&tx, now, "sequence-conflict", Some(&d.office), Some(d.id), &reason).await?;
            tx.commit().await?;
            return Err(SyncError::SequenceConflict { seq }.into());
        }
        let n = planned.accepted.len();
        let (mut seqs, mut dseqs, mut ids, mut hashes, mut bodies, mut verdicts) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut claim_keys, mut claim_events) = (vec![], vec![]);
        for a in &planned.accepted {
            let inc = &events[a.index];
            seqs.push(a.server_seq);
            dseqs.push(inc.envelope.device_seq);
            ids.push(inc.envelope.event_id.to_string());
            hashes.push(inc.signed.hash.clone());
            bodies.push(inc.signed.event.to_string());
            verdicts.push(
                serde_json::to_string(&a.verdict)
                    .map_err(|e| CentreError::Migration(e.to_string()))?,
            );
            for k in &a.claims {
                claim_keys.push(k.clone());
                claim_events.push(inc.envelope.event_id.to_string());
            }
        }
        if n > 0 {
            tx.execute(
                "INSERT INTO events (office, server_seq, device_id, device_seq, event_id, hash, event, verdict, accepted_at)
                 SELECT $1, s, $2, ds, i, h, e, v, $3
                 FROM UNNEST($4::BIGINT[], $5::BIGINT[], $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[])
                   AS t(s, ds, i, h, e, v)",
                &[&d.office, &did, &now, &seqs, &dseqs, &ids, &hashes, &bodies, &verdicts],
            )
            .await?;
        }
        // Keys are locked in one order by every push, so two offices never wait on each other.
        let mut keys: Vec<String> = planned
            .accepted
            .iter()
            .flat_map(|a| crate::crossing::person_keys(&events[a.index].envelope))
            .map(|pk| pk.key)
            .collect();
        // A push that pays a one-time subsidy locks the keys of the family paid too: the key
        // that links it to a family of another office is held by both, so two offices paying
        // one family at once (or one paying while the other records the linking key) meet.
        let paid: Vec<String> = planned
            .accepted
            .iter()
            .filter_map(|a| match crate::payments::ledger_fact(&events[a.index].envelope) {
                Some(crate::payments::LedgerFact::Paid(p)) => Some(p.family.to_string()),
                _ => None,
            })
            .collect();
        if !paid.is_empty() {
            for r in tx
                .query(
                    "SELECT DISTINCT k.key FROM family_members m
                     JOIN person_keys k ON k.person_id = m.person_id AND k.office = m.office
                     WHERE m.family_id = ANY($1)",
                    &[&paid],
                )
                .await?
            {
                keys.push(r.try_get(0)?);
            }
        }
        keys.sort();
        keys.dedup();
        for key in &keys {
            tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[key]).await?;
        }
        for a in &planned.accepted {
            let envelope = &events[a.index].envelope;
            if let Some((kind, key, record)) = push::derived_reference(envelope) {
                // The first key of a device was handed out at its enrolment (a void arrives
                // once: its event is accepted once).
                let held = if kind == "office_key" {
                    tx.query_opt(
                        "SELECT 1 FROM reference WHERE kind = $1 AND key = $2",
                        &[&kind, &key],
                    )
                    .await?
                } else {
                    None
                };
                if held.is_none() {
                    add_reference_tx(&tx, kind, &key, &record, now).await?;
                }
            }
            if let Some(snapshot) = crate::crossing::snapshot(envelope) {
                tx.execute(
                    "INSERT INTO persons_seen (person_id, office, snapshot)
                     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    &[&envelope.entity_id.to_string(), &d.office, &snapshot.to_string()],
                )
                .await?;
            }
            for pk in crate::crossing::person_keys(envelope) {
                record_person_key(&tx, &d.office, &pk, now).await?;
            }
            if let Some((case, record)) = crate::crossing::decision_of(envelope) {
                hand_decision(&tx, &d.office, &case, &record, now).await?;
            }
            record_payment_facts(&tx, &d.office, envelope, now).await?;
        }
        if !claim_keys.is_empty() {
            tx.execute(
                "INSERT INTO claims (office, key, event_id)
                 SELECT $1, k, e FROM UNNEST($2::TEXT[], $3::TEXT[]) AS t(k, e)",
                &[&d.office, &claim_keys, &claim_events],
            )
            .await?;
        }
        if !planned.heads.is_empty() {
            let mut hid = vec![];
            let mut htext = vec![];
            for (record, h) in &planned.heads {
                hid.push(record.to_string());
                htext.push(
                    serde_json::to_string(h).map_err(|e| CentreError::Migration(e.to_string()))?,
                );
            }
            tx.execute(
                "INSERT INTO heads (office, entity_id, heads)
                 SELECT $1, i, h FROM UNNEST($2::TEXT[], $3::TEXT[]) AS t(i, h)
                 ON CONFLICT (office, entity_id) DO UPDATE SET heads = excluded.heads",
                &[&d.office, &hid, &htext],
            )
            .await?;
        }
        tx.execute("UPDATE offices SET high = $1 WHERE code = $2", &[&planned.high, &d.office])
            .await?;
        tx.commit().await?;
        match planned.stop {
            Some(stop) => Err(stop.into()),
            None => {
                Ok(PushResponse { results: planned.results, held_through: planned.held_through })
            }
        }
    }

    async fn pull(
        &self,
        office: &str,
        after: i64,
        limit: i64,
        max_bytes: i64,
    ) -> Result<(Vec<StoredEntry>, i64)> {
        let client = self.pool.get().await?;
        let high: i64 = client
            .query_one("SELECT high FROM offices WHERE code = $1", &[&office])
            .await?
            .try_get(0)?;
        // The page is cut in SQL by a running sum of the events' sizes (the first event always
        // goes): `octet_length` of a text reads its stored size without detoasting it, so an
        // event past the budget is neither read whole nor sent.
        let rows = client
            .query(
                "SELECT server_seq, event, hash, verdict FROM (
                     SELECT server_seq, event, hash, verdict,
                            ROW_NUMBER() OVER page AS n,
                            SUM(octet_length(event)) OVER page AS running
                     FROM events
                     WHERE office = $1 AND server_seq > $2 AND server_seq <= $3
                     WINDOW page AS (ORDER BY server_seq ROWS UNBOUNDED PRECEDING)
                     ORDER BY server_seq LIMIT $4
                 ) page
                 WHERE n = 1 OR running <= $5 ORDER BY server_seq",
                &[&office, &after, &high, &limit, &max_bytes],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(StoredEntry {
                server_seq: r.try_get(0)?,
                device_seq: None,
                event: raw(r.try_get(1)?)?,
                hash: r.try_get(2)?,
                verdict: raw(r.try_get(3)?)?,
            });
        }
        Ok((out, high))
    }

    async fn own(
        &self,
        device: Uuid,
        after: i64,
        limit: i64,
        max_bytes: i64,
    ) -> Result<Vec<StoredEntry>> {
        let client = self.pool.get().await?;
        // Cut in SQL as `pull` is.
        let rows = client
            .query(
                "SELECT server_seq, device_seq, event, hash, verdict FROM (
                     SELECT server_seq, device_seq, event, hash, verdict,
                            ROW_NUMBER() OVER page AS n,
                            SUM(octet_length(event)) OVER page AS running
                     FROM events
                     WHERE device_id = $1 AND device_seq > $2
                     WINDOW page AS (ORDER BY device_seq ROWS UNBOUNDED PRECEDING)
                     ORDER BY device_seq LIMIT $3
                 ) page
                 WHERE n = 1 OR running <= $4 ORDER BY device_seq",
                &[&device.to_string(), &after, &limit, &max_bytes],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(StoredEntry {
                server_seq: r.try_get(0)?,
                device_seq: Some(r.try_get(1)?),
                event: raw(r.try_get(2)?)?,
                hash: r.try_get(3)?,
                verdict: raw(r.try_get(4)?)?,
            });
        }
        Ok(out)
    }

    async fn device_state(
        &self,
        d: &DeviceRow,
        query: DeviceStateQuery,
        centre_id: Uuid,
        now: &str,
    ) -> Result<DeviceState> {
        let client = self.pool.get().await?;
        let high: i64 = client
            .query_one("SELECT high FROM offices WHERE code = $1", &[&d.office])
            .await?
            .try_get(0)?;
        if let Some(m) = crate::rules::restore_seen(d, query, high) {
            alert(&client, now, "restored-centre", Some(&d.office), Some(d.id), &m).await?;
        }
        Ok(DeviceState {
            held_through: d.held_through,
            high,
            centre_id,
            blocks: device_blocks(&client, d.id).await?,
            quarantined: d.quarantine_reason.clone(),
        })
    }

    async fn fork(&self, d: &DeviceRow, from_seq: i64, new_id: Uuid, now: &str) -> Result<Forked> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let old = d.id.to_string();
        let new = new_id.to_string();
        tx.execute("SELECT 1 FROM offices WHERE code = $1 FOR UPDATE", &[&d.office]).await?;
        let held: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(device_seq), 0)::BIGINT FROM events WHERE device_id = $1",
                &[&old],
            )
            .await?
            .try_get(0)?;
        tx.execute(
            "UPDATE devices SET retired_at_seq = $1, replaced_by = $2 WHERE id = $3",
            &[&held, &new, &old],
        )
        .await?;
        tx.execute(
            "INSERT INTO devices (id, office, name, device_key, document_key, enrolled_at, last_seen)
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            &[&new, &d.office, &d.name, &d.device_key, &d.document_key, &now],
        )
        .await?;
        tx.execute("UPDATE blocks SET device_id = $1 WHERE device_id = $2", &[&new, &old]).await?;
        alert(
            &tx,
            now,
            "fork",
            Some(&d.office),
            Some(d.id),
            &format!("device forked at seq {held} (its events differ from seq {from_seq}); new id {new_id}"),
        )
        .await?;
        let blocks = device_blocks(&tx, new_id).await?;
        tx.commit().await?;
        Ok(Forked { device_id: new_id, retired_at: held, blocks })
    }

    async fn blocks(
        &self,
        d: &DeviceRow,
        want: &[Want],
        size: i64,
        now: &str,
    ) -> Result<Vec<Block>> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let mut out = vec![];
        for w in want {
            out.push(allocate(&tx, &d.office, d.id, w.series, w.year, size, now).await?);
        }
        tx.commit().await?;
        Ok(out)
    }

    async fn held_blocks(&self, d: &DeviceRow, blocks: &[Block], now: &str) -> Result<u32> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        tx.execute("SELECT 1 FROM offices WHERE code = $1 FOR UPDATE", &[&d.office]).await?;
        let mut recorded = 0;
        for b in blocks {
            let rows = tx
                .query(
                    "SELECT first, last, device_id FROM blocks
                     WHERE office = $1 AND series = $2 AND year = $3 AND first <= $4 AND last >= $5",
                    &[&d.office, &b.series.as_str(), &(b.year as i64), &b.last, &b.first],
                )
                .await?;
            let overlapping: Vec<(i64, i64, String)> = rows
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
                .collect::<Result<_>>()?;
            match crate::rules::held_block_action(b, d.id, &overlapping) {
                crate::rules::HeldAction::Known => {}
                crate::rules::HeldAction::Record => {
                    insert_block(&tx, &d.office, d.id, b, now).await?;
                    recorded += 1;
                }
                crate::rules::HeldAction::Overlap(m) => {
                    alert(&tx, now, "block-overlap", Some(&d.office), Some(d.id), &m).await?
                }
            }
        }
        tx.commit().await?;
        Ok(recorded)
    }

    async fn add_reference(
        &self,
        kind: &str,
        key: &str,
        record: &serde_json::Value,
        now: &str,
    ) -> Result<i64> {
        let client = self.pool.get().await?;
        add_reference_tx(&client, kind, key, record, now).await
    }

    async fn reference(
        &self,
        office: &str,
        after: i64,
        limit: i64,
    ) -> Result<(Vec<StoredItem>, i64)> {
        let client = self.pool.get().await?;
        let tx_high: i64 = client
            .query_one("SELECT COALESCE(MAX(ref_seq), 0)::BIGINT FROM reference", &[])
            .await?
            .try_get(0)?;
        let rows = client
            .query(
                "SELECT ref_seq, kind, key, record FROM reference
                 WHERE ref_seq > $1 AND (audience IS NULL OR audience = $3)
                 ORDER BY ref_seq LIMIT $2",
                &[&after, &limit, &office],
            )
            .await?;
        let mut out = vec![];
        for r in rows {
            out.push(StoredItem {
                ref_seq: r.try_get(0)?,
                kind: r.try_get(1)?,
                key: r.try_get(2)?,
                record: raw(r.try_get(3)?)?,
            });
        }
        Ok((out, tx_high))
    }

    async fn closed_report(&self, scope: &str, month: &str) -> Result<Option<String>> {
        let client = self.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT summary FROM closed_reports WHERE scope = $1 AND month = $2",
                &[&scope, &month],
            )
            .await?;
        Ok(match row {
            Some(r) => Some(r.try_get(0)?),
            None => None,
        })
    }

    async fn close_report(
        &self,
        scope: &str,
        month: &str,
        summary: &str,
        by: &str,
        now: &str,
    ) -> Result<bool> {
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "INSERT INTO closed_reports (scope, month, summary, closed_at, closed_by)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, month) DO NOTHING",
                &[&scope, &month, &summary, &now, &by],
            )
            .await?;
        Ok(n == 1)
    }

    async fn packet_seen(&self, packet_id: Uuid) -> Result<Option<String>> {
        let client = self.pool.get().await?;
        let row = client
            .query_opt("SELECT at FROM packets WHERE packet_id = $1", &[&packet_id.to_string()])
            .await?;
        Ok(match row {
            Some(r) => Some(r.try_get(0)?),
            None => None,
        })
    }

    async fn record_packet(
        &self,
        packet_id: Uuid,
        device: Uuid,
        direction: &str,
        summary: &serde_json::Value,
        now: &str,
    ) -> Result<()> {
        let client = self.pool.get().await?;
        client
            .execute(
                "INSERT INTO packets (packet_id, device_id, direction, at, summary)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (packet_id) DO NOTHING",
                &[
                    &packet_id.to_string(),
                    &device.to_string(),
                    &direction,
                    &now,
                    &summary.to_string(),
                ],
            )
            .await?;
        Ok(())
    }

    async fn note_report(&self, device: Uuid, report: DeviceReport, now: &str) -> Result<()> {
        let client = self.pool.get().await?;
        client
            .execute(
                "INSERT INTO device_reports (device_id, acked, pull_cursor, reference_cursor, reported_at)
                 VALUES ($1, $2, $3, COALESCE($4::BIGINT, 0), $5)
                 ON CONFLICT (device_id) DO UPDATE SET
                     acked = excluded.acked,
                     pull_cursor = excluded.pull_cursor,
                     reference_cursor = COALESCE($4::BIGINT, device_reports.reference_cursor),
                     reported_at = excluded.reported_at",
                &[
                    &device.to_string(),
                    &report.acked,
                    &report.cursor,
                    &report.reference_cursor,
                    &now,
                ],
            )
            .await?;
        Ok(())
    }

    async fn report(&self, device: Uuid) -> Result<Option<DeviceReport>> {
        let client = self.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT acked, pull_cursor, reference_cursor FROM device_reports
                 WHERE device_id = $1",
                &[&device.to_string()],
            )
            .await?;
        Ok(match row {
            Some(r) => Some(DeviceReport {
                acked: r.try_get(0)?,
                cursor: r.try_get(1)?,
                reference_cursor: Some(r.try_get(2)?),
            }),
            None => None,
        })
    }

    async fn device_blocks(&self, device: Uuid) -> Result<Vec<Block>> {
        let client = self.pool.get().await?;
        device_blocks(&client, device).await
    }

    async fn payment_cases(&self) -> Result<Vec<crate::payments::PaymentCase>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT id, subsidy_kind, key, office_a, entry_a, office_b, entry_b, found_at, state
                 FROM payment_cases ORDER BY found_at, id",
                &[],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(crate::payments::PaymentCase {
                id: r.try_get(0)?,
                subsidy_kind: r.try_get(1)?,
                key: r.try_get(2)?,
                office_a: r.try_get(3)?,
                entry_a: r.try_get(4)?,
                office_b: r.try_get(5)?,
                entry_b: r.try_get(6)?,
                found_at: r.try_get(7)?,
                state: r.try_get(8)?,
            });
        }
        Ok(out)
    }

    async fn cross_cases(&self) -> Result<Vec<crate::crossing::CrossCase>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT id, key, office_a, person_a, office_b, person_b, found_at, state
                 FROM cross_cases ORDER BY found_at, id",
                &[],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(crate::crossing::CrossCase {
                id: r.try_get(0)?,
                key: r.try_get(1)?,
                office_a: r.try_get(2)?,
                person_a: r.try_get(3)?,
                office_b: r.try_get(4)?,
                person_b: r.try_get(5)?,
                found_at: r.try_get(6)?,
                state: r.try_get(7)?,
            });
        }
        Ok(out)
    }
}
