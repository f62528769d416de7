//! One sync of an enrolled device: open a session, plan (and heal a restore), push what the
//! centre has not acknowledged, pull the office's events after the cursor, take the reference
//! data, report and top up blocks of numbers.
//!
//! # Design
//! Every step can be cut off (a lost connection, a killed process) and the next sync resumes:
//! push is idempotent at the centre (same hash again = duplicate), a pulled page is applied with
//! its cursor in one transaction and never twice (event ids), and the plan compares what the
//! device believes with what the centre holds before anything moves, so a restored device or a
//! restored centre is healed rather than trusted.

use crate::error::{DeviceError, Result};
use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::SigningKey;
use otau_store::sync::ApplyReport;
use otau_store::{Store, StoreError};
use otau_sync::client::CentreClient;
use otau_sync::messages::DeviceStateQuery;
use otau_sync::plan::{plan, DeviceFacts, OwnCompare, Plan};
use otau_sync::SyncError;
use serde::Serialize;
use uuid::Uuid;

/// Events per push and per pulled page.
const PAGE: usize = 1_000;

/// The envelope text one push carries at most (16 MiB), beside its 1,000 events: events may
/// carry scans of documents (megabytes each), and a push must stay well within the body the
/// centre accepts (64 MiB). A change larger than this still goes, alone in its push.
pub const PUSH_BYTES: usize = 16 * 1024 * 1024;

/// How a sync pages what it sends and whom it tells how far it is; [`SyncOptions::default`]
/// pages as production does and tells nobody.
#[derive(Clone, Copy)]
pub struct SyncOptions<'a> {
    /// The envelope text one push carries at most ([`PUSH_BYTES`]; smaller in tests, so that
    /// a few ordinary events take several pushes).
    pub push_bytes: usize,
    /// Told after each page sent or received (the window's progress bar).
    pub progress: Option<&'a (dyn Fn(SyncProgress) + Sync)>,
}

impl Default for SyncOptions<'_> {
    fn default() -> Self {
        SyncOptions { push_bytes: PUSH_BYTES, progress: None }
    }
}

impl std::fmt::Debug for SyncOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncOptions")
            .field("push_bytes", &self.push_bytes)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// What a sync is doing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncStage {
    /// Sending this device's changes.
    Sending,
    /// Receiving the office's changes from the centre.
    Receiving,
}

/// How far a sync is: `done` of `total` changes in its stage (events: a change of a family
/// counts each record it wrote).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SyncProgress {
    /// The stage.
    pub stage: SyncStage,
    /// Done so far.
    pub done: u64,
    /// In all (as known when the stage began; the centre may receive more meanwhile).
    pub total: u64,
}

impl SyncOptions<'_> {
    fn tell(&self, stage: SyncStage, done: i64, total: i64) {
        if let Some(progress) = self.progress {
            let total = u64::try_from(total).unwrap_or(0);
            let done = u64::try_from(done).unwrap_or(0).min(total);
            progress(SyncProgress { stage, done, total });
        }
    }
}

/// What a restore looked like, when one was healed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Restore {
    /// This database was restored from a backup: its own events came back from the centre.
    Device,
    /// It was restored and wrote new events since: it took a new identity.
    DeviceForked,
    /// The centre was restored from a backup: what it lost was sent again.
    Centre,
}

/// What one sync moved.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// This device's events the centre accepted now.
    pub pushed: u32,
    /// Events sent again that the centre already held.
    pub duplicates: u32,
    /// Other devices' events applied here.
    pub applied: u32,
    /// Events pulled that this device already held.
    pub already_held: u32,
    /// This device's changes that a verdict of the centre changed here.
    pub overruled: u32,
    /// Conflicts recorded for a person to resolve.
    pub conflicts: u32,
    /// Review cases recorded for a manager.
    pub cases: u32,
    /// Reference rows added or changed.
    pub reference: u32,
    /// Blocks of numbers received.
    pub blocks: u32,
    /// A restore healed on the way, if any.
    pub restore: Option<Restore>,
}

impl SyncReport {
    pub(crate) fn add(&mut self, r: &ApplyReport) {
        self.applied += r.applied;
        self.already_held += r.already_held;
        self.overruled += r.overruled;
        self.conflicts += r.conflicts;
        self.cases += r.cases;
    }
}

pub(crate) fn corrupt(what: &str) -> DeviceError {
    DeviceError::Store(StoreError::Corrupt(what.to_string()))
}

/// This device's key for the centre (it signs sessions and packets, and opens the centre's
/// packets).
pub(crate) fn device_signing_key(store: &Store) -> Result<SigningKey> {
    let secret: [u8; 32] = hex::decode(store.device_key()?)
        .ok()
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| corrupt("the device key"))?;
    Ok(SigningKey::from_bytes(&secret))
}

/// An open session with the centre for this device.
struct Session {
    client: CentreClient,
    centre_id: Uuid,
    key: SigningKey,
}

impl Session {
    fn open(store: &Store) -> Result<Session> {
        let state = store
            .sync_state()?
            .ok_or(StoreError::Sync { code: "sync-not-enrolled", detail: String::new() })?;
        if state.centre_url.is_empty() {
            // Enrolled by packet: this device has no address for the centre.
            return Err(
                StoreError::Sync { code: "sync-packets-only", detail: String::new() }.into()
            );
        }
        let cert: [u8; 32] = state
            .cert_sha256
            .as_deref()
            .and_then(|h| hex::decode(h).ok())
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| corrupt("the centre's certificate pin"))?;
        let centre_id =
            Uuid::parse_str(&state.centre_id).map_err(|_| corrupt("the centre's id"))?;
        let mut session = Session {
            client: CentreClient::new(&state.centre_url, cert)?,
            centre_id,
            key: device_signing_key(store)?,
        };
        session.sign_in(store)?;
        Ok(session)
    }

    fn sign_in(&mut self, store: &Store) -> Result<()> {
        let (device_id, _) = store.device_identity()?;
        let device_id = Uuid::parse_str(&device_id).map_err(|_| corrupt("the device id"))?;
        self.client.open_session(self.centre_id, device_id, &self.key)?;
        Ok(())
    }
}

/// Syncs the device once, to the end; notes the outcome (or why it failed) for the screens.
pub fn sync(store: &mut Store, at: DateTime<Utc>, today: NaiveDate) -> Result<SyncReport> {
    sync_with(store, at, today, SyncOptions::default())
}

/// [`sync()`] with its pages set by `options`.
pub fn sync_with(
    store: &mut Store,
    at: DateTime<Utc>,
    today: NaiveDate,
    options: SyncOptions<'_>,
) -> Result<SyncReport> {
    let outcome = run(store, at, today, options);
    let noted = match &outcome {
        Ok(_) => store.record_sync_outcome(at, None, false),
        Err(e) => store.record_sync_outcome(at, Some(&e.code()), e.unreachable()),
    };
    let report = outcome?;
    noted?;
    Ok(report)
}

fn facts(store: &Store, centre_id: Uuid) -> Result<DeviceFacts> {
    let state = store
        .sync_state()?
        .ok_or(StoreError::Sync { code: "sync-not-enrolled", detail: String::new() })?;
    Ok(DeviceFacts {
        centre_id: Some(centre_id),
        newest_seq: store.newest_device_seq()?,
        acked: state.pushed_through,
        cursor: state.pull_cursor,
    })
}

fn run(
    store: &mut Store,
    at: DateTime<Utc>,
    today: NaiveDate,
    options: SyncOptions<'_>,
) -> Result<SyncReport> {
    let mut session = Session::open(store)?;
    let mut report = SyncReport::default();
    // Blocks first: a centre restored from a backup must know them before it hands out more.
    session.client.report_blocks(&store.number_blocks()?)?;
    settle(store, &mut session, at, &mut report)?;
    push(store, &session, options, &mut report)?;
    pull(store, &session, options, &mut report)?;
    reference(store, &session, at, &mut report)?;
    let wants = store.blocks_wanted(today)?;
    if !wants.is_empty() {
        let blocks = session.client.blocks(&wants)?;
        report.blocks = u32::try_from(blocks.len()).unwrap_or(u32::MAX);
        store.add_number_blocks(&blocks)?;
    }
    Ok(report)
}

/// Plans until the device and the centre agree on what each holds, healing a restore on the
/// way.
fn settle(
    store: &mut Store,
    session: &mut Session,
    at: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<()> {
    let mut own: Option<Vec<OwnCompare>> = None;
    // Each step moves the device's facts forward; a handful of rounds is always enough.
    for _ in 0..8 {
        let f = facts(store, session.centre_id)?;
        let state = session
            .client
            .device_state(DeviceStateQuery { acked: Some(f.acked), cursor: Some(f.cursor) })?;
        match plan(&f, &state, own.as_deref()) {
            Plan::Sync { .. } => return Ok(()),
            Plan::Refuse(e) => return Err(e.into()),
            Plan::CheckOwn { after } => {
                let mut compares = vec![];
                let mut acks = vec![];
                let mut from = after;
                loop {
                    let page = session.client.own(from, PAGE as u32)?;
                    let Some(last) = page.entries.last().map(|e| e.device_seq) else { break };
                    let locals = store.own_hashes(from + 1, last)?;
                    for entry in &page.entries {
                        let local = locals
                            .iter()
                            .find(|(seq, _)| *seq == entry.device_seq)
                            .map(|(_, h)| h.clone());
                        if local.as_deref() == Some(entry.hash.as_str()) {
                            acks.push((entry.device_seq, entry.server_seq));
                        }
                        compares.push(OwnCompare {
                            seq: entry.device_seq,
                            centre: entry.hash.clone(),
                            local,
                        });
                    }
                    from = last;
                }
                // Acknowledgements the device lost are taken back from what matches.
                let matched = contiguous(after, &acks);
                if matched > after {
                    store.record_pushed(&acks, matched)?;
                }
                own = Some(compares);
            }
            Plan::FetchOwn { after, through } => {
                let mut from = after;
                while from < through {
                    let page = session.client.own(from, PAGE as u32)?;
                    let Some(last) = page.entries.last().map(|e| e.device_seq) else { break };
                    let applied = store.restore_own(&page.entries)?;
                    report.add(&applied);
                    let acks: Vec<(i64, i64)> =
                        page.entries.iter().map(|e| (e.device_seq, e.server_seq)).collect();
                    store.record_pushed(&acks, last)?;
                    from = last;
                }
                report.restore = Some(Restore::Device);
                own = None;
            }
            Plan::Fork { from_seq } => {
                let forked = session.client.fork(from_seq)?;
                store.fork_identity(at, &forked.device_id.to_string(), from_seq)?;
                store.add_number_blocks(&forked.blocks)?;
                session.sign_in(store)?;
                report.restore = Some(Restore::DeviceForked);
                own = None;
            }
            Plan::RestoredCentre { push_from, pull_after } => {
                store.record_pushed(&[], push_from - 1)?;
                store.reset_pull_cursor(pull_after)?;
                report.restore = Some(Restore::Centre);
                own = None;
            }
        }
    }
    Err(SyncError::Server { reason: "the device and the centre did not settle".into() }.into())
}

/// The highest sequence up to which `acks` follow `after` without a gap.
pub(crate) fn contiguous(after: i64, acks: &[(i64, i64)]) -> i64 {
    let mut seqs: Vec<i64> = acks.iter().map(|a| a.0).collect();
    seqs.sort_unstable();
    let mut top = after;
    for s in seqs {
        if s == top + 1 {
            top = s;
        } else if s > top + 1 {
            break;
        }
    }
    top
}

fn push(
    store: &mut Store,
    session: &Session,
    options: SyncOptions<'_>,
    report: &mut SyncReport,
) -> Result<()> {
    let first = store.sync_state()?.map_or(0, |s| s.pushed_through);
    let total = store.newest_device_seq()? - first;
    if total > 0 {
        options.tell(SyncStage::Sending, 0, total);
    }
    loop {
        let acked = store.sync_state()?.map_or(0, |s| s.pushed_through);
        if acked > first {
            options.tell(SyncStage::Sending, acked - first, total);
        }
        let events = store.outgoing(acked, PAGE, options.push_bytes)?;
        if events.is_empty() {
            return Ok(());
        }
        let answer = match session.client.push(&events) {
            Ok(answer) => answer,
            // The centre holds less than the device believed: send again from where it is.
            Err(SyncError::Gap { expected }) if expected - 1 < acked => {
                store.record_pushed(&[], expected - 1)?;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let acks: Vec<(i64, i64)> =
            answer.results.iter().map(|r| (r.device_seq, r.server_seq)).collect();
        for r in &answer.results {
            match r.status {
                otau_sync::messages::PushStatus::Accepted => report.pushed += 1,
                otau_sync::messages::PushStatus::Duplicate => report.duplicates += 1,
            }
        }
        store.record_pushed(&acks, answer.held_through)?;
        if answer.held_through <= acked {
            return Err(
                SyncError::Server { reason: "the centre took none of the events".into() }.into()
            );
        }
    }
}

fn pull(
    store: &mut Store,
    session: &Session,
    options: SyncOptions<'_>,
    report: &mut SyncReport,
) -> Result<()> {
    let first = store.sync_state()?.map_or(0, |s| s.pull_cursor);
    loop {
        let cursor = store.sync_state()?.map_or(0, |s| s.pull_cursor);
        let page = session.client.pull(cursor, PAGE as u32)?;
        let Some(last) = page.entries.last().map(|e| e.server_seq) else { return Ok(()) };
        let applied = store.apply_pulled(&page.entries, last)?;
        report.add(&applied);
        options.tell(SyncStage::Receiving, last - first, page.high - first);
        if last >= page.high {
            return Ok(());
        }
    }
}

fn reference(
    store: &mut Store,
    session: &Session,
    at: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<()> {
    loop {
        let cursor = store.sync_state()?.map_or(0, |s| s.reference_cursor);
        let page = session.client.reference(cursor, PAGE as u32)?;
        let Some(last) = page.items.last().map(|i| i.ref_seq) else { return Ok(()) };
        report.reference += store.apply_reference(at, &page.items, last)?;
        if last >= page.high {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::contiguous;

    #[test]
    fn acknowledgements_count_only_without_a_gap() {
        assert_eq!(contiguous(5, &[(6, 1), (7, 2), (9, 3)]), 7);
        assert_eq!(contiguous(5, &[(7, 2)]), 5);
        assert_eq!(contiguous(0, &[(2, 9), (1, 8)]), 2);
    }
}
