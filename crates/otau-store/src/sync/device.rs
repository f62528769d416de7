//! The device's sync bookkeeping: enrolment, what it has sent and received, its identity after a
//! restore, its blocks of numbers, and the status the screens show.

use crate::error::{Result, StoreError};
use crate::events::LoggedEvent;
use crate::sync::apply::{apply_entry, apply_own_verdicts, ApplyReport, Me};
use crate::sync::wire::{Block, History, NumberUsed, OwnEntry, PullEntry, SignedEvent, Want};
use crate::Store;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What this device keeps of the centre it is enrolled with.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// The centre's address.
    pub centre_url: String,
    /// The centre's id.
    pub centre_id: String,
    /// The centre's name.
    pub centre_name: String,
    /// The centre's Ed25519 public key.
    pub centre_public_key: String,
    /// SHA-256 of the centre's certificate, pinned at enrolment (absent on plain HTTP).
    pub cert_sha256: Option<String>,
    /// This device's name at the centre.
    pub device_name: String,
    /// The highest own sequence the centre acknowledged.
    pub pushed_through: i64,
    /// The centre's order up to which this device has applied the office's events.
    pub pull_cursor: i64,
    /// The centre's reference data up to which this device has it.
    pub reference_cursor: i64,
    /// When a sync last finished.
    pub last_sync_at: Option<String>,
    /// When a sync was last tried.
    pub last_attempt_at: Option<String>,
    /// Why the last try failed (a stable code).
    pub last_error_code: Option<String>,
    /// Since when the centre has not answered.
    pub unreachable_since: Option<String>,
}

/// What enrolment brings: the centre, this device's name and key, its first blocks.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// The centre's address.
    pub centre_url: String,
    /// The centre's id.
    pub centre_id: String,
    /// The centre's name.
    pub centre_name: String,
    /// The centre's Ed25519 public key.
    pub centre_public_key: String,
    /// SHA-256 of the centre's certificate.
    pub cert_sha256: Option<String>,
    /// This device's name.
    pub device_name: String,
    /// This device's Ed25519 secret key (hex), which authenticates it to the centre.
    pub device_key: String,
    /// The numbers reserved for it.
    pub blocks: Vec<Block>,
    /// The enrolment request (JSON) of a device enrolled by packet, until the centre answers.
    pub pending_enrolment: Option<String>,
}

/// Sync as the screens show it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncStatus {
    /// Whether this device is enrolled with a centre.
    pub enrolled: bool,
    /// The centre's name.
    pub centre_name: Option<String>,
    /// The centre's address.
    pub centre_url: Option<String>,
    /// When a sync last finished.
    pub last_sync_at: Option<String>,
    /// When a sync was last tried.
    pub last_attempt_at: Option<String>,
    /// Why the last try failed.
    pub last_error_code: Option<String>,
    /// Since when the centre has not answered.
    pub unreachable_since: Option<String>,
    /// This device's events the centre has not acknowledged yet.
    pub waiting: i64,
    /// Conflicts waiting for a person.
    pub open_conflicts: i64,
    /// Review cases waiting for a manager.
    pub open_cases: i64,
    /// Families paid the same one-time subsidy here and in another office, waiting for a
    /// manager.
    pub open_payment_cases: i64,
}

fn moment(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Store {
    /// This device's id and office code.
    pub fn device_identity(&self) -> Result<(String, String)> {
        self.conn()
            .query_row("SELECT device_id, office_code FROM device", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or(StoreError::NotInitialised)
    }

    /// What this device holds, for enrolment.
    pub fn history(&self) -> Result<History> {
        let families: i64 =
            self.conn().query_row("SELECT COUNT(*) FROM families", [], |r| r.get(0))?;
        let offices: i64 =
            self.conn().query_row("SELECT COUNT(*) FROM offices", [], |r| r.get(0))?;
        let numbers = crate::numbers::used(self.conn())?
            .into_iter()
            .map(|(series, year, max)| NumberUsed { series, year, max })
            .collect();
        Ok(History { empty: families == 0 && offices == 0, numbers })
    }

    /// Records the enrolment of a device whose database holds its office.
    pub fn save_enrolment(&mut self, at: DateTime<Utc>, e: &Enrolment) -> Result<()> {
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx.query_row("SELECT 1 FROM sync_state", [], |_| Ok(())).optional()?.is_some() {
            return Err(StoreError::Sync { code: "sync-already-enrolled", detail: String::new() });
        }
        tx.execute(
            "INSERT INTO sync_state (singleton, centre_url, centre_id, centre_name,
                 centre_public_key, cert_sha256, device_name, device_key, enrolled_at,
                 pending_enrolment)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                e.centre_url,
                e.centre_id,
                e.centre_name,
                e.centre_public_key,
                e.cert_sha256,
                e.device_name,
                e.device_key,
                moment(at),
                e.pending_enrolment
            ],
        )?;
        insert_blocks(&tx, &e.blocks)?;
        tx.commit()?;
        Ok(())
    }

    /// Creates the database of a new device joining an office: its identity and enrolment; the
    /// office's records come with the first pull.
    pub fn join_office(
        &mut self,
        at: DateTime<Utc>,
        device_id: &str,
        office_code: &str,
        e: &Enrolment,
    ) -> Result<()> {
        {
            let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
            if tx.query_row("SELECT 1 FROM device", [], |_| Ok(())).optional()?.is_some() {
                return Err(StoreError::Sync {
                    code: "sync-enrol-not-empty",
                    detail: String::new(),
                });
            }
            tx.execute(
                "INSERT INTO device (singleton, device_id, office_code, created_at)
                 VALUES (1, ?1, ?2, ?3)",
                params![device_id, office_code, moment(at)],
            )?;
            tx.commit()?;
        }
        self.save_enrolment(at, e)
    }

    /// What this device keeps of its centre (None when not enrolled).
    pub fn sync_state(&self) -> Result<Option<SyncState>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT centre_url, centre_id, centre_name, centre_public_key, cert_sha256,
                        device_name, pushed_through, pull_cursor, reference_cursor, last_sync_at,
                        last_attempt_at, last_error_code, unreachable_since
                 FROM sync_state",
                [],
                |r| {
                    Ok(SyncState {
                        centre_url: r.get(0)?,
                        centre_id: r.get(1)?,
                        centre_name: r.get(2)?,
                        centre_public_key: r.get(3)?,
                        cert_sha256: r.get(4)?,
                        device_name: r.get(5)?,
                        pushed_through: r.get(6)?,
                        pull_cursor: r.get(7)?,
                        reference_cursor: r.get(8)?,
                        last_sync_at: r.get(9)?,
                        last_attempt_at: r.get(10)?,
                        last_error_code: r.get(11)?,
                        unreachable_since: r.get(12)?,
                    })
                },
            )
            .optional()?)
    }

    /// This device's secret key for the centre (hex).
    pub fn device_key(&self) -> Result<String> {
        self.conn()
            .query_row("SELECT device_key FROM sync_state", [], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::Sync { code: "sync-not-enrolled", detail: String::new() })
    }

    /// The newest sequence of this device's own events (0 when none).
    pub fn newest_device_seq(&self) -> Result<i64> {
        let (device_id, _) = self.device_identity()?;
        Ok(crate::events::next_device_seq(self.conn(), &device_id)? - 1)
    }

    /// This device's events after `after`, in order and in whole changes (the events of one
    /// change are never split across pages): at least `limit` of them when there are, and no
    /// more than `max_bytes` of envelope text as stored, unless the first change alone is
    /// larger — it then goes alone, so every page holds at least one change and sync advances.
    /// `usize::MAX` for either is no limit.
    pub fn outgoing(&self, after: i64, limit: usize, max_bytes: usize) -> Result<Vec<SignedEvent>> {
        let (device_id, _) = self.device_identity()?;
        // Frames another process made since this one loaded the office's dictionaries.
        crate::envelope_dictionary::load(self.conn())?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.seq, e.origin, e.body, e.chain_hash,
                    (SELECT p.chain_hash FROM events p WHERE p.seq = e.seq - 1)
             FROM events e
             WHERE e.device_tag = id_tag(?1) AND e.device_key = id_key(?1)
               AND e.device_seq > ?2 AND e.origin = 'local'
             ORDER BY e.device_seq",
        )?;
        let mut rows = stmt.query(params![device_id, after])?;
        let mut out: Vec<SignedEvent> = vec![];
        let mut out_bytes = 0usize;
        // The change being read, taken into the page once it is whole and fits.
        let mut change: Vec<SignedEvent> = vec![];
        let mut change_bytes = 0usize;
        let mut change_id: Option<Value> = None;
        while let Some(row) = rows.next()? {
            let logged = LoggedEvent::from_row(row)?;
            // A row changed behind the store's back no longer matches its link: it is not sent.
            if !crate::events::holds_its_link(&logged, row.get_ref(3)?, row.get_ref(4)?)? {
                return Err(StoreError::Sync {
                    code: "sync-own-event-broken",
                    detail: logged.seq.to_string(),
                });
            }
            let event: Value = serde_json::from_str(&logged.text)
                .map_err(|e| StoreError::Corrupt(format!("event {}: {e}", logged.seq)))?;
            let id = event.get("change_id").cloned();
            if id != change_id {
                out_bytes += change_bytes;
                out.append(&mut change);
                change_bytes = 0;
                if !out.is_empty() && out.len() >= limit {
                    break;
                }
                change_id = id;
            }
            change_bytes += logged.text.len();
            // A change that does not fit starts the next page; the rest of it is not read.
            if !out.is_empty() && out_bytes.saturating_add(change_bytes) > max_bytes {
                return Ok(out);
            }
            change.push(SignedEvent { event, hash: logged.hash });
        }
        out.append(&mut change);
        Ok(out)
    }

    /// The hashes of this device's own events in a range of sequences (to compare with what the
    /// centre holds after a restore).
    pub fn own_hashes(&self, first: i64, last: i64) -> Result<Vec<(i64, String)>> {
        let (device_id, _) = self.device_identity()?;
        crate::envelope_dictionary::load(self.conn())?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, origin, body, device_seq FROM events
             WHERE device_tag = id_tag(?1) AND device_key = id_key(?1)
               AND device_seq BETWEEN ?2 AND ?3 ORDER BY device_seq",
        )?;
        let rows = stmt.query_map(params![device_id, first, last], |r| {
            Ok((r.get(3)?, LoggedEvent::from_row(r)?.hash))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records what the centre acknowledged: the server sequence of each own event and the
    /// highest own sequence it holds.
    pub fn record_pushed(&mut self, acks: &[(i64, i64)], held_through: i64) -> Result<()> {
        let (device_id, _) = self.device_identity()?;
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut find = tx.prepare_cached(
                "SELECT seq FROM events
                 WHERE device_tag = id_tag(?1) AND device_key = id_key(?1) AND device_seq = ?2",
            )?;
            let mut put = tx.prepare_cached(
                "INSERT OR IGNORE INTO event_server_seqs (event_seq, server_seq) VALUES (?1, ?2)",
            )?;
            for (device_seq, server_seq) in acks {
                if let Some(seq) = find
                    .query_row(params![device_id, device_seq], |r| r.get::<_, i64>(0))
                    .optional()?
                {
                    put.execute(params![seq, server_seq])?;
                }
            }
        }
        tx.execute("UPDATE sync_state SET pushed_through = ?1", [held_through])?;
        tx.commit()?;
        Ok(())
    }

    /// Applies a page of the office's events and moves the cursor, in one transaction.
    pub fn apply_pulled(&mut self, entries: &[PullEntry], cursor: i64) -> Result<ApplyReport> {
        let kek = self.signing_kek().clone();
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        let me = Me::load(&tx)?;
        let mut report = ApplyReport::default();
        tx.execute("INSERT OR IGNORE INTO sync_applying (singleton) VALUES (1)", [])?;
        // First what the centre decided about this device's own events: an insert it did not
        // take is taken back with its whole change (references are checked when the page
        // commits, so children and parents go in any order) ...
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        apply_own_verdicts(&tx, &me, entries, &mut report)?;
        // ... then the others' events, each refused row kept whole as a conflict at once.
        tx.pragma_update(None, "defer_foreign_keys", "OFF")?;
        for entry in entries {
            apply_entry(&tx, &me, entry, &mut report)?;
        }
        tx.execute("DELETE FROM sync_applying", [])?;
        tx.execute("UPDATE sync_state SET pull_cursor = MAX(pull_cursor, ?1)", [cursor])?;
        crate::checkpoint::write(&tx, &kek, None)?;
        tx.commit()?;
        Ok(report)
    }

    /// Moves the pull cursor back (after the centre was restored from a backup: what it lost
    /// comes again, and event ids already held are skipped).
    pub fn reset_pull_cursor(&mut self, cursor: i64) -> Result<()> {
        self.conn().execute("UPDATE sync_state SET pull_cursor = ?1", [cursor])?;
        Ok(())
    }

    /// Adds blocks of numbers the centre reserved for this device.
    pub fn add_number_blocks(&mut self, blocks: &[Block]) -> Result<()> {
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        insert_blocks(&tx, blocks)?;
        tx.commit()?;
        Ok(())
    }

    /// The blocks of numbers this device holds.
    pub fn number_blocks(&self) -> Result<Vec<Block>> {
        let mut blocks = crate::numbers::blocks(self.conn())?;
        blocks.sort();
        Ok(blocks)
    }

    /// What this device should ask the centre for on `today`: every series and year needed
    /// where fewer than a quarter of the newest block is left, or none is held.
    pub fn blocks_wanted(&self, today: NaiveDate) -> Result<Vec<Want>> {
        let blocks = crate::numbers::blocks(self.conn())?;
        let mut failure = None;
        let wants = otau_sync::blocks::wants(&blocks, today, |series, year| {
            crate::numbers::left(self.conn(), series, year).unwrap_or_else(|e| {
                failure = Some(e);
                0
            })
        });
        match failure {
            Some(e) => Err(e),
            None => Ok(wants),
        }
    }

    /// Notes a sync that finished (`error` None) or failed with a code; `unreachable` when the
    /// centre did not answer at all.
    pub fn record_sync_outcome(
        &mut self,
        at: DateTime<Utc>,
        error: Option<&str>,
        unreachable: bool,
    ) -> Result<()> {
        let now = moment(at);
        match error {
            None => self.conn().execute(
                "UPDATE sync_state SET last_sync_at = ?1, last_attempt_at = ?1,
                     last_error_code = NULL, unreachable_since = NULL",
                [&now],
            )?,
            Some(code) => self.conn().execute(
                "UPDATE sync_state SET last_attempt_at = ?1, last_error_code = ?2,
                     unreachable_since = CASE WHEN ?3 THEN COALESCE(unreachable_since, ?1)
                                              ELSE NULL END",
                params![now, code, unreachable],
            )?,
        };
        Ok(())
    }

    /// Sync as the screens show it.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let state = self.sync_state()?;
        let pushed = state.as_ref().map_or(0, |s| s.pushed_through);
        let waiting = self.newest_device_seq().unwrap_or(0) - pushed;
        let count =
            |sql: &str| -> Result<i64> { Ok(self.conn().query_row(sql, [], |r| r.get(0))?) };
        Ok(SyncStatus {
            enrolled: state.is_some(),
            centre_name: state.as_ref().map(|s| s.centre_name.clone()),
            centre_url: state.as_ref().map(|s| s.centre_url.clone()),
            last_sync_at: state.as_ref().and_then(|s| s.last_sync_at.clone()),
            last_attempt_at: state.as_ref().and_then(|s| s.last_attempt_at.clone()),
            last_error_code: state.as_ref().and_then(|s| s.last_error_code.clone()),
            unreachable_since: state.as_ref().and_then(|s| s.unreachable_since.clone()),
            waiting: waiting.max(0),
            open_conflicts: count("SELECT COUNT(*) FROM sync_conflicts WHERE state = 'open'")?,
            open_cases: count("SELECT COUNT(*) FROM review_cases WHERE state = 'open'")?,
            open_payment_cases: count(
                "SELECT COUNT(*) FROM payment_cases c WHERE NOT EXISTS
                   (SELECT 1 FROM payment_case_decisions d WHERE d.case_id = c.id)",
            )?,
        })
    }

    /// Every row of every table the office's records live in, as text, sorted: two devices that
    /// have synced to the end hold the same list (the tables of this device alone — its log and
    /// the dictionaries its frames are made with, keys and trusted keys, passwords, sync state, numbers (blocks and sealed document numbers),
    /// packets, the log's signed checkpoints and the row counts they sign, who looked at whom — and
    /// the projections are left out).
    pub fn office_rows(&self) -> Result<Vec<String>> {
        let conn = self.conn();
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 AND name NOT LIKE 'person_search%' AND name NOT IN ('events', 'event_server_seqs',
                 'sync_state', 'number_blocks', 'device', 'device_incarnations', 'credentials',
                 'office_signing_keys', 'known_office_keys', 'sync_applying',
                 'name_words', 'packets', 'sign_in_failures', 'sign_in_log',
                 'sealed_document_numbers', 'audit_checkpoints', 'access_log',
                 'office_signing_secrets', 'state_row_counts', 'device_settings',
                 'envelope_dictionaries')
                 ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = vec![];
        for table in tables {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table}"))?;
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let mut cells = vec![table.clone()];
                    for i in 0..n {
                        cells.push(match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Text(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                            other => format!("{other:?}"),
                        });
                    }
                    Ok(cells.join("|"))
                })?
                .collect::<rusqlite::Result<_>>()?;
            rows.sort();
            out.extend(rows);
        }
        Ok(out)
    }

    /// Takes a new identity after a restore from a backup: the events from `from_seq` on that
    /// the centre holds differently are sent again under `new_device_id`, numbered from 1; the
    /// old identity's events then arrive as another device's.
    pub fn fork_identity(
        &mut self,
        at: DateTime<Utc>,
        new_device_id: &str,
        from_seq: i64,
    ) -> Result<()> {
        let (old_id, _) = self.device_identity()?;
        let kek = self.signing_kek().clone();
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO device_incarnations (device_id, retired_after, retired_at) VALUES (?1, ?2, ?3)",
            params![old_id, from_seq - 1, moment(at)],
        )?;
        tx.execute("UPDATE device SET device_id = ?1", [new_device_id])?;
        crate::envelope_dictionary::load(&tx)?;
        // The forked events again, as the new identity's first events.
        let forked: Vec<LoggedEvent> = tx
            .prepare(
                "SELECT seq, origin, body FROM events
                 WHERE device_tag = id_tag(?1) AND device_key = id_key(?1)
                   AND device_seq >= ?2 AND origin = 'local'
                 ORDER BY device_seq",
            )?
            .query_map(params![old_id, from_seq], LoggedEvent::from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for (next, event) in (1..).zip(forked) {
            let mut envelope = event.envelope()?;
            envelope.event_id = uuid::Uuid::new_v5(&envelope.event_id, b"fork");
            envelope.device_id = uuid::Uuid::parse_str(new_device_id).ok();
            envelope.device_seq = Some(next);
            crate::events::append(&tx, crate::events::Origin::Local, &envelope.to_value()?)?;
        }
        tx.execute("UPDATE sync_state SET pushed_through = 0", [])?;
        crate::checkpoint::write(&tx, &kek, Some(at))?;
        tx.commit()?;
        Ok(())
    }

    /// Stores and applies this device's own events that the centre holds and this database lost
    /// (it was restored from a backup), as its own.
    pub fn restore_own(&mut self, entries: &[OwnEntry]) -> Result<ApplyReport> {
        let kek = self.signing_kek().clone();
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        let me = Me { office: Me::load(&tx)?.office, device_ids: Default::default() };
        let mut report = ApplyReport::default();
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        tx.execute("INSERT OR IGNORE INTO sync_applying (singleton) VALUES (1)", [])?;
        for entry in entries {
            // Applied as another device's would be, then logged as this device's own.
            crate::sync::apply::apply_as_own(&tx, &me, entry, &mut report)?;
        }
        tx.execute("DELETE FROM sync_applying", [])?;
        crate::checkpoint::write(&tx, &kek, None)?;
        tx.commit()?;
        Ok(report)
    }
}

fn insert_blocks(tx: &rusqlite::Transaction<'_>, blocks: &[Block]) -> Result<()> {
    let mut put = tx.prepare_cached(
        "INSERT OR IGNORE INTO number_blocks (series, year, first, last) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for b in blocks {
        if b.first < 1 || b.last < b.first {
            return Err(StoreError::Sync {
                code: "sync-bad-block",
                detail: format!("{} {} {}-{}", b.series.as_str(), b.year, b.first, b.last),
            });
        }
        put.execute(params![b.series.as_str(), b.year, b.first, b.last])?;
    }
    Ok(())
}
