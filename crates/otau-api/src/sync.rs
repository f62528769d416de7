//! Sync in the desktop app: the status the sidebar and the sync screen show, "sync now",
//! enrolling this office database with its centre (administrators) or joining an office on a new
//! install, the conflicts sync found (both values, who, when, where, why) and their resolution,
//! the review cases and a manager's decision — and the background worker that syncs without ever
//! holding the desk.
//!
//! # Design
//! The worker is an edge, like a command: it runs on a thread of its own with its own `Store`
//! connection to the same database file (SQLite in WAL mode, so the desk's connection keeps
//! reading and writing; a pulled page is one short write), and it reads the moment from the
//! [`Clock`] the shell passes in, so nothing below the shell reads the clock. It syncs when it
//! starts, every interval after that, and at once when asked ([`Desk::sync_now`]). What it is doing
//! and how its last sync ended are kept in memory for the status; `otau_device::sync` also notes
//! each outcome in the database (last sync, centre unreachable since), where `otau sync status`
//! reads it too. It starts when the desk opens a database that is enrolled, or when the desk
//! enrols or joins one. A desk without a clock (tests) has no worker: "sync now" then syncs
//! in the command, on a connection of its own, still outside the desk's lock.
//!
//! Everything the screens show is computed here: minutes since the last sync, which value a
//! person may type, which device is this one, and amounts of money written out by `otau-core`.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use otau_core::{Coded, FieldError};
use otau_device::{DeviceError, Enrolment, JoinRequest, SyncOptions, SyncProgress, SyncReport};
use otau_store::sync::payments::{PaidSide, PaymentCaseView, PaymentDecision};
use otau_store::sync::{
    CaseDecision, ConflictChoice, ConflictView, ReviewCaseView, Side, TYPED_FIELDS,
};
use otau_store::vault::{RecoveryCode, Unlock, VaultFile, VaultKeys};
use otau_store::{Action, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use uuid::Uuid;

use crate::desk::{Desk, SessionInfo};
use crate::error::{code as desk_code, ApiError, ApiResult};
use crate::history::money;
use crate::Now;

/// The moment and the date, read by the shell whenever the worker needs them (the worker is
/// an edge like a command; nothing below the shell reads the clock).
pub type Clock = Arc<dyn Fn() -> Now + Send + Sync>;

/// How often the worker syncs when nobody asks: every five minutes.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5 * 60);
/// Environment variable naming how often to sync, in whole minutes (1 to 1440).
pub const ENV_SYNC_MINUTES: &str = "OTAU_SYNC_MINUTES";
/// The refusal of a sync by a computer enrolled by packet (it has no address for the centre).
const PACKETS_ONLY: &str = "sync-packets-only";

/// The name a device gets at the centre when none is typed (as `otau sync enrol`).
pub const DEFAULT_DEVICE_NAME: &str = "Otau";

/// The sync screens' own error codes; each is a message in `assets/i18n/*/ui-sync.ftl`.
pub mod code {
    /// A field of the enrolment or join form is empty.
    pub const REQUIRED: &str = "desk-sync-required";
    /// This database already belongs to an office: joining is for a new install.
    pub const HAS_OFFICE: &str = "desk-sync-has-office";
    /// Every code above, for the test that they are all translated.
    #[cfg(test)]
    pub const ALL: [&str; 2] = [REQUIRED, HAS_OFFICE];
}

/// The sync interval from the raw value of [`ENV_SYNC_MINUTES`]; a bad value falls back to
/// [`DEFAULT_INTERVAL`] and says why.
pub fn interval_from(raw: Option<&OsStr>) -> (Duration, Option<String>) {
    let Some(raw) = raw.filter(|r| !r.is_empty()) else { return (DEFAULT_INTERVAL, None) };
    match raw.to_str().and_then(|s| s.trim().parse::<u64>().ok()).filter(|m| (1..=1440).contains(m))
    {
        Some(minutes) => (Duration::from_secs(minutes * 60), None),
        None => (
            DEFAULT_INTERVAL,
            Some(format!(
                "{ENV_SYNC_MINUTES}={} is not a whole number of minutes between 1 and 1440; \
                 syncing every {} minutes",
                raw.to_string_lossy(),
                DEFAULT_INTERVAL.as_secs() / 60
            )),
        ),
    }
}

impl From<DeviceError> for ApiError {
    fn from(error: DeviceError) -> ApiError {
        match error {
            DeviceError::Store(e) => ApiError::from(e),
            DeviceError::Sync(e) => refusal(&e),
            DeviceError::Packet(e) => refusal(&e),
        }
    }
}

/// A refusal of the centre or of a packet, with its code, arguments and words.
fn refusal(e: &(impl Coded + std::fmt::Display)) -> ApiError {
    let mut api = ApiError::coded(e.code());
    api.args = e.args();
    api.message = Some(e.to_string());
    api
}

// ——— The background worker ———

/// How one sync ended.
#[derive(Debug, Clone)]
struct Outcome {
    report: Option<SyncReport>,
    error: Option<ApiError>,
}

/// What the worker is doing, shared with the desk.
#[derive(Debug, Default)]
struct State {
    /// A sync is running.
    syncing: bool,
    /// A sync was asked for and has not started yet.
    wanted: bool,
    /// The worker is to stop.
    stop: bool,
    /// How the last sync of this run of the app ended.
    last: Option<Outcome>,
    /// How far the running sync is, once it has said.
    progress: Option<SyncProgress>,
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // The state is a few flags: one left by a panicking thread is still worth reading.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The desk's background sync: the clock and interval it was given, its worker once started, and
/// what the worker (or a sync run in a command) last did.
pub(crate) struct Background {
    clock: Option<Clock>,
    interval: Duration,
    shared: Arc<Shared>,
    worker: Mutex<Option<JoinHandle<()>>>,
    /// The packet import under way, if any.
    pub(crate) packet: crate::packets::Progress,
}

impl fmt::Debug for Background {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Background")
            .field("clock", &self.clock.is_some())
            .field("interval", &self.interval)
            .field("running", &self.running())
            .finish()
    }
}

impl Background {
    /// No worker: sync only when asked, in the command.
    pub(crate) fn off() -> Background {
        Background {
            clock: None,
            interval: DEFAULT_INTERVAL,
            shared: Arc::default(),
            worker: Mutex::new(None),
            packet: Default::default(),
        }
    }

    /// A worker that reads the moment from `clock` and syncs every `interval`, once started.
    pub(crate) fn with(clock: Clock, interval: Duration) -> Background {
        Background {
            clock: Some(clock),
            interval,
            shared: Arc::default(),
            worker: Mutex::new(None),
            packet: Default::default(),
        }
    }

    fn running(&self) -> bool {
        lock(&self.worker).is_some()
    }

    /// Starts the worker for the database at `path` if there is a clock, no worker yet, and the
    /// database `store` holds is enrolled; it syncs at once when `now`, else after an interval
    /// (a database that has just synced, by enrolling or joining).
    pub(crate) fn watch(&self, store: &Store, path: &Path, keys: Option<VaultKeys>, now: bool) {
        let Some(clock) = self.clock.clone() else { return };
        // A computer enrolled by packet has no address to sync with: it exchanges packets.
        if !matches!(store.sync_state(), Ok(Some(s)) if !s.centre_url.is_empty()) {
            return;
        }
        let mut worker = lock(&self.worker);
        if worker.is_some() {
            return;
        }
        lock(&self.shared.state).wanted = now;
        let shared = Arc::clone(&self.shared);
        let path: PathBuf = path.to_path_buf();
        let interval = self.interval;
        let thread = std::thread::Builder::new()
            .name("otau-sync".into())
            .spawn(move || work(&shared, &path, keys.as_ref(), clock.as_ref(), interval));
        match thread {
            Ok(handle) => *worker = Some(handle),
            // Without a thread the app still works; "sync now" syncs in the command.
            Err(e) => eprintln!("otau: cannot start background sync: {e}"),
        }
    }

    /// Asks the worker to sync at once; false when there is no worker.
    pub(crate) fn request(&self) -> bool {
        if !self.running() {
            return false;
        }
        lock(&self.shared.state).wanted = true;
        self.shared.wake.notify_all();
        true
    }

    /// Notes what an exchange outside the worker moved (a packet imported) as the last one.
    pub(crate) fn note(&self, report: SyncReport) {
        lock(&self.shared.state).last = Some(Outcome { report: Some(report), error: None });
    }

    /// Whether a sync runs or is about to, how far it is, and how the last one ended.
    fn snapshot(&self) -> (bool, Option<SyncProgress>, Option<Outcome>) {
        // The worker's lock is never taken while holding the state's (see `watch`).
        let running = self.running();
        let state = lock(&self.shared.state);
        let syncing = state.syncing || (state.wanted && running);
        (syncing, state.progress, state.last.clone())
    }

    /// Syncs in the calling thread (no worker), noting the outcome as the worker would.
    fn sync_here(&self, path: &Path, keys: Option<&VaultKeys>, now: Now) {
        lock(&self.shared.state).syncing = true;
        let mut store = None;
        let outcome = sync_once(&mut store, path, keys, now, &self.shared);
        let mut state = lock(&self.shared.state);
        state.syncing = false;
        state.progress = None;
        state.last = Some(outcome);
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        lock(&self.shared.state).stop = true;
        self.shared.wake.notify_all();
        if let Some(handle) = lock(&self.worker).take() {
            let _ = handle.join();
        }
    }
}

/// The worker's loop: sync, then wait for the interval or a request, until told to stop.
fn work(
    shared: &Shared,
    path: &Path,
    keys: Option<&VaultKeys>,
    clock: &(dyn Fn() -> Now + Send + Sync),
    every: Duration,
) {
    let mut store: Option<Store> = None;
    loop {
        {
            let mut state = lock(&shared.state);
            let deadline = Instant::now() + every;
            while !state.wanted && !state.stop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                state = match shared.wake.wait_timeout(state, left) {
                    Ok((guard, _)) => guard,
                    Err(poisoned) => poisoned.into_inner().0,
                };
            }
            if state.stop {
                return;
            }
            state.wanted = false;
            state.syncing = true;
        }
        let outcome = sync_once(&mut store, path, keys, clock(), shared);
        let mut state = lock(&shared.state);
        state.syncing = false;
        state.progress = None;
        state.last = Some(outcome);
    }
}

/// One whole sync on the worker's own connection (opened on first use, with the keys the
/// unlocked desk handed over, and kept).
fn sync_once(
    store: &mut Option<Store>,
    path: &Path,
    keys: Option<&VaultKeys>,
    now: Now,
    shared: &Shared,
) -> Outcome {
    let tell = |p: SyncProgress| lock(&shared.state).progress = Some(p);
    let options = SyncOptions { progress: Some(&tell), ..SyncOptions::default() };
    let result = (|| -> ApiResult<SyncReport> {
        if store.is_none() {
            *store = Some(crate::desk::open_with(path, keys)?);
        }
        let store = store.as_mut().ok_or_else(|| ApiError::coded(desk_code::INTERNAL))?;
        Ok(otau_device::sync_with(store, now.at, now.today, options)?)
    })();
    match result {
        Ok(report) => Outcome { report: Some(report), error: None },
        Err(error) => Outcome { report: None, error: Some(error) },
    }
}

// ——— What the screens show ———

/// Sync as the sidebar and the sync screen show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncPanel {
    /// Whether this office database is enrolled with a centre.
    pub enrolled: bool,
    /// The centre's name.
    pub centre_name: Option<String>,
    /// The centre's address.
    pub centre_url: Option<String>,
    /// Enrolled by packet, with no address: this computer exchanges packets on a USB stick only.
    pub packets_only: bool,
    /// When a sync last finished (UTC, RFC 3339).
    pub last_sync_at: Option<String>,
    /// Whole minutes since then (0 for less than a minute).
    pub minutes_since_sync: Option<i64>,
    /// Since when the centre has not answered (UTC, RFC 3339), while it does not.
    pub unreachable_since: Option<String>,
    /// This device's changes the centre has not acknowledged yet.
    pub waiting: i64,
    /// Conflicts waiting for a person.
    pub open_conflicts: i64,
    /// Review cases waiting for a manager.
    pub open_cases: i64,
    /// Cases of the same person in two offices nobody decided yet.
    pub open_cross_cases: i64,
    /// Families paid the same one-time subsidy here and in another office, not decided yet.
    pub open_payment_cases: i64,
    /// A sync runs now, or is about to.
    pub syncing: bool,
    /// How far the running sync is (pages sent or received of all), once it has said.
    pub progress: Option<SyncProgress>,
    /// Whether the app syncs in the background (every `interval_minutes`).
    pub background: bool,
    /// How often the background sync runs, in minutes.
    pub interval_minutes: u64,
    /// Why the last try failed, when it did (its code and arguments).
    pub problem: Option<ApiError>,
    /// What the last sync of this run of the app moved.
    pub last_report: Option<SyncReport>,
}

/// The enrolment form: the centre's address and the one-time code it printed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct EnrolForm {
    /// The centre's address (`https://host:8443`).
    pub centre_url: String,
    /// The one-time code (`OTAU1-…`), as pasted.
    pub code: String,
    /// A name for this computer at the centre (blank: "Otau").
    pub device_name: String,
}

/// Joining an office on a new install: where, the code, and the administrator who will use it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct JoinForm {
    /// The centre's address.
    pub centre_url: String,
    /// The one-time code.
    pub code: String,
    /// A name for this computer at the centre (blank: "Otau").
    pub device_name: String,
    /// The login of an administrator of the office.
    pub login: String,
    /// Their new password on this computer (passwords never travel).
    pub password: String,
    /// The office secret that encrypts this computer's database (its recovery code is shown
    /// once, after joining).
    #[serde(default)]
    pub office_secret: String,
}

/// One side of a conflict or a review case: the value (or the whole record) and who set it,
/// where, when and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SideView {
    /// The value as stored: a field's value, or a whole record.
    pub value: Value,
    /// Amounts of money in it, written out by `otau-core`, by field.
    pub money: BTreeMap<String, String>,
    /// Who (login).
    pub login: Option<String>,
    /// When, by that device's clock (UTC, RFC 3339): shown, never used to decide.
    pub at: Option<String>,
    /// The device that made it (the start of its id).
    pub device: Option<String>,
    /// Whether that device is this one.
    pub this_device: bool,
    /// The reason given with it.
    pub reason: Option<String>,
}

/// A conflict as the sync screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConflictItem {
    /// Its id (the same on every device).
    pub id: Uuid,
    /// `field` (one field changed differently on two devices) or `duplicate_insert` (a record
    /// whose number or key another took first: it did not take effect).
    pub kind: String,
    /// The kind of record.
    pub entity: String,
    /// The field, for a field conflict.
    pub field: Option<String>,
    /// The person or family it concerns: registration number and name.
    pub subject: Option<String>,
    /// That person's registration number (to open the card).
    pub subject_regno: Option<String>,
    /// The value that stays for now (absent for a record that did not take effect).
    pub kept: Option<SideView>,
    /// The other value (or record).
    pub proposed: SideView,
    /// Still waiting for a person.
    pub open: bool,
    /// Whether the right value may be typed (text of the registry).
    pub may_type: bool,
    /// The value it was resolved with (`"dismissed"` when dismissed).
    pub resolution: Option<Value>,
    /// Who resolved it.
    pub resolved_by: Option<String>,
    /// When (date).
    pub resolved_on: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// The conflicts of the office, and whether the signed-in user may resolve them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConflictsScreen {
    /// Open ones first.
    pub conflicts: Vec<ConflictItem>,
    /// The signed-in user may resolve them.
    pub may_resolve: bool,
}

/// A review case as the managers' part of the sync screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseItem {
    /// Its id (the same on every device).
    pub id: Uuid,
    /// The kind of record of the later fact (`ledger_entry`, `person`).
    pub entity: String,
    /// What the two facts share (`line_kind`, `line_settled`, `iin`).
    pub key: String,
    /// The shared value.
    pub value: Value,
    /// The person or family it concerns: registration number and name.
    pub subject: Option<String>,
    /// That person's registration number.
    pub subject_regno: Option<String>,
    /// The first fact (the record as written), who, when, where and why.
    pub first: SideView,
    /// The second.
    pub second: SideView,
    /// Still waiting for a manager.
    pub open: bool,
    /// The decision (`both_stand`, `correction`, `same_person`, `different_people`).
    pub decision: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When (date).
    pub decided_on: Option<String>,
}

/// The review cases of the office, and whether the signed-in user may decide them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CasesScreen {
    /// Open ones first.
    pub cases: Vec<CaseItem>,
    /// The signed-in user may decide them.
    pub may_decide: bool,
}

/// What one office paid in a payment case, with the amount written out.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PaidItem {
    /// The office's code.
    pub office: String,
    /// The office's name.
    pub office_name: String,
    /// The family's registration number (absent when the centre did not see it).
    pub regno: Option<String>,
    /// The head's name.
    pub head: Option<String>,
    /// The amount paid.
    pub amount: crate::subsidy::Money,
    /// The date paid (`YYYY-MM-DD`).
    pub paid_on: String,
}

/// One family paid the same one-time subsidy here and in another office, as the managers'
/// part of the sync screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PaymentCaseItem {
    /// Its id (the same in both offices).
    pub id: Uuid,
    /// The kind of subsidy paid twice (`relocation`, `mobility_certificate`).
    pub subsidy_kind: String,
    /// What links the two families (`iin:…`, `doc:…`, `name:…|birth date`).
    pub key: String,
    /// The same key read into its parts, as for the same person in two offices: `iin`, `doc`
    /// (an identity document) or `name` (the name in any script with the birth date).
    pub key_kind: String,
    /// The shared IIN, document number or name.
    pub key_value: String,
    /// The kind of the shared document (`passport`, …), for `doc`.
    pub key_document: Option<String>,
    /// The shared birth date, for `name`.
    pub key_birth_date: Option<String>,
    /// What this office paid.
    pub here: PaidItem,
    /// What the other office paid.
    pub other: PaidItem,
    /// When the centre found it (UTC, RFC 3339).
    pub found_at: String,
    /// Still waiting for a manager (here or in the other office).
    pub open: bool,
    /// The decision (`keep_both`, `recover`).
    pub decision: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// The office whose manager decided.
    pub decided_office: Option<String>,
    /// Whether that office is this one (else the decision came from the other office).
    pub decided_here: bool,
    /// When (UTC, RFC 3339).
    pub decided_at: Option<String>,
}

/// The payment cases of the office, and whether the signed-in user may decide them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PaymentCasesScreen {
    /// Open ones first.
    pub cases: Vec<PaymentCaseItem>,
    /// Cases nobody decided yet.
    pub open: u32,
    /// The signed-in user may decide them (managers, who approve payments).
    pub may_decide: bool,
}

fn paid_item(p: PaidSide) -> PaidItem {
    PaidItem {
        office: p.office,
        office_name: p.office_name,
        regno: p.regno,
        head: p.head,
        amount: otau_core::money::Tiyn(p.amount_tiyn).into(),
        paid_on: p.paid_on,
    }
}

fn payment_case_item(view: PaymentCaseView) -> PaymentCaseItem {
    let d = view.decision;
    let (key_kind, key_value, key_document, key_birth_date) = crate::crossing::key_parts(&view.key);
    let decided_here = d.as_ref().is_some_and(|d| d.office_code == view.here.office);
    PaymentCaseItem {
        id: view.id,
        subsidy_kind: view.subsidy_kind,
        key_kind,
        key_value,
        key_document,
        key_birth_date,
        key: view.key,
        here: paid_item(view.here),
        other: paid_item(view.other),
        found_at: view.found_at,
        open: d.is_none(),
        decision: d.as_ref().map(|d| d.decision.clone()),
        reason: d.as_ref().map(|d| d.reason.clone()),
        decided_by: d.as_ref().map(|d| d.decided_by.clone()),
        decided_here,
        decided_office: d.as_ref().map(|d| d.office_code.clone()),
        decided_at: d.map(|d| d.decided_at),
    }
}

fn parse_json(text: Option<&str>) -> Value {
    text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or(Value::Null)
}

/// The registration number at the start of the store's subject label.
fn regno_of(subject: Option<&str>) -> Option<String> {
    subject.and_then(|s| s.split_whitespace().next()).map(str::to_owned)
}

fn side_view(side: Side, field: Option<&str>, me: Option<&str>) -> SideView {
    let money = match field {
        Some(field) => money(Some(&serde_json::json!({ field: side.value.clone() }))),
        None => money(Some(&side.value)),
    };
    SideView {
        this_device: me.is_some() && side.device_id.as_deref() == me,
        device: side.device_id.as_deref().map(|id| id.chars().take(8).collect()),
        value: side.value,
        money,
        login: side.login,
        at: side.at,
        reason: side.reason,
    }
}

fn conflict_item(view: ConflictView, me: Option<&str>) -> ConflictItem {
    let c = view.conflict;
    let field = if c.kind == "field" { c.field.clone() } else { None };
    ConflictItem {
        id: c.id,
        may_type: c.state == "open" && field.as_deref().is_some_and(|f| TYPED_FIELDS.contains(&f)),
        kept: view.kept.map(|side| side_view(side, field.as_deref(), me)),
        proposed: side_view(view.proposed, field.as_deref(), me),
        subject_regno: regno_of(view.subject.as_deref()),
        subject: view.subject,
        open: c.state == "open",
        resolution: c.resolution_json.as_deref().map(|t| parse_json(Some(t))),
        resolved_by: c.resolved_by,
        resolved_on: c.resolved_on,
        reason: c.reason,
        kind: c.kind,
        entity: c.entity,
        field: c.field,
    }
}

fn case_item(view: ReviewCaseView, me: Option<&str>) -> CaseItem {
    let c = view.case;
    CaseItem {
        id: c.id,
        value: parse_json(Some(&c.value)),
        first: side_view(view.first, None, me),
        second: side_view(view.second, None, me),
        subject_regno: regno_of(view.subject.as_deref()),
        subject: view.subject,
        open: c.state == "open",
        decision: c.decision,
        reason: c.reason,
        decided_by: c.decided_by,
        decided_on: c.decided_on,
        entity: c.entity,
        key: c.key,
    }
}

/// Minutes from `since` (RFC 3339) to `now`, never negative (another device's clock may run
/// ahead; this is only for people to read).
fn minutes_since(since: Option<&str>, now: DateTime<Utc>) -> Option<i64> {
    let since = DateTime::parse_from_rfc3339(since?).ok()?.with_timezone(&Utc);
    Some((now - since).num_minutes().max(0))
}

/// Field problems for the empty required fields among `fields`.
fn required(fields: &[(&str, &str)]) -> Vec<FieldError> {
    fields
        .iter()
        .filter(|(_, value)| value.trim().is_empty())
        .map(|(field, _)| FieldError::bare(*field, code::REQUIRED))
        .collect()
}

fn device_name(typed: &str) -> String {
    let typed = typed.trim();
    if typed.is_empty() { DEFAULT_DEVICE_NAME } else { typed }.to_owned()
}

impl Desk {
    pub(crate) fn db_path(&self) -> ApiResult<PathBuf> {
        self.settings().db_path.clone().ok_or_else(|| ApiError::coded(desk_code::NO_DATABASE))
    }

    /// Sync as the sidebar and the sync screen show it, at `now`.
    pub fn sync_status(&self, now: Now) -> ApiResult<SyncPanel> {
        let (status, open_cross_cases) =
            self.with(|store, _| Ok((store.sync_status()?, store.open_cross_cases()?)))?;
        let background = self.background();
        let (syncing, progress, last) = background.snapshot();
        let packets_only =
            status.enrolled && status.centre_url.as_deref().is_none_or(str::is_empty);
        // Having no line is how such a computer works, not a problem to show.
        let problem =
            status.last_error_code.as_deref().filter(|c| *c != PACKETS_ONLY).map(|code| {
                // The worker's own outcome keeps the arguments (the reason the centre gave).
                match last.as_ref().and_then(|o| o.error.clone()) {
                    Some(error) if error.code == code => error,
                    _ => ApiError::coded(code),
                }
            });
        Ok(SyncPanel {
            minutes_since_sync: minutes_since(status.last_sync_at.as_deref(), now.at),
            enrolled: status.enrolled,
            packets_only,
            centre_name: status.centre_name,
            centre_url: status.centre_url,
            last_sync_at: status.last_sync_at,
            unreachable_since: status.unreachable_since,
            waiting: status.waiting,
            open_conflicts: status.open_conflicts,
            open_cases: status.open_cases,
            open_cross_cases,
            open_payment_cases: status.open_payment_cases,
            syncing,
            progress,
            background: background.running(),
            interval_minutes: background.interval.as_secs() / 60,
            problem,
            last_report: last.and_then(|o| o.report),
        })
    }

    /// Syncs now: asks the background worker (the answer comes at once and says it is syncing),
    /// or, with no worker, syncs in this command on a connection of its own.
    pub fn sync_now(&self, now: Now) -> ApiResult<SyncPanel> {
        let enrolled = self.with(|store, _| Ok(store.sync_state()?.is_some()))?;
        if !enrolled {
            return Err(otau_store::StoreError::Sync {
                code: "sync-not-enrolled",
                detail: String::new(),
            }
            .into());
        }
        if !self.background().request() {
            self.background().sync_here(&self.db_path()?, self.keys().as_ref(), now);
        }
        self.sync_status(now)
    }

    /// Enrols this office database with its centre by a one-time code and syncs it for the
    /// first time (its history goes up); administrators only. The sync runs on a connection of
    /// its own, so the desk stays free meanwhile.
    pub fn enrol_device(&self, form: &EnrolForm, now: Now) -> ApiResult<SyncPanel> {
        self.with(|_, actor| Ok(actor.require(Action::ManageUsers)?))?;
        let problems = required(&[("centre_url", &form.centre_url), ("code", &form.code)]);
        if !problems.is_empty() {
            return Err(ApiError::invalid(problems));
        }
        let path = self.db_path()?;
        let mut store = self.own_connection()?;
        let enrolment = Enrolment {
            centre_url: form.centre_url.trim().to_owned(),
            code: form.code.trim().to_owned(),
            device_name: device_name(&form.device_name),
        };
        let outcome = otau_device::enrol(&mut store, now.at, now.today, &enrolment);
        let outcome = match outcome {
            Ok(report) => Outcome { report: Some(report), error: None },
            Err(e) => return Err(e.into()),
        };
        lock(&self.background().shared.state).last = Some(outcome);
        self.background().watch(&store, &path, self.keys(), false);
        self.sync_status(now)
    }

    /// Joins an office on a new install: enrols this empty database with the code, downloads the
    /// office's records, sets the administrator's password on this computer (passwords never
    /// travel) and signs them in.
    pub fn join_office(&self, form: &JoinForm, now: Now) -> ApiResult<SessionInfo> {
        let path = self.db_path()?;
        let mut problems = required(&[
            ("centre_url", &form.centre_url),
            ("code", &form.code),
            ("login", &form.login),
            ("password", &form.password),
            ("office_secret", &form.office_secret),
        ]);
        if !form.password.is_empty() {
            if let Err(e) = otau_store::users::check_new_password(&form.password, &form.login, None)
            {
                problems.extend(e.field_errors().iter().cloned());
            }
        }
        if !problems.is_empty() {
            return Err(ApiError::invalid(problems));
        }
        if self.office_if_any().is_some() {
            return Err(ApiError::coded(code::HAS_OFFICE));
        }
        // The desk's own connection saw an empty database; it is opened again after.
        self.forget_store()?;
        let secret = form.office_secret.trim();
        if let Err(e) = otau_core::password::check_new_password(secret, "", None) {
            let mut e = e;
            e.field = "office_secret".into();
            return Err(ApiError::invalid(vec![e]));
        }
        let (mut file, keys, recovery) = match VaultFile::read(&path).map_err(StoreError::from)? {
            // A join retried: the vault made the first time, opened with the same secret.
            Some(file) => {
                let keys = file.unlock(Unlock::OfficeSecret(secret)).map_err(StoreError::from)?;
                (file, keys, None)
            }
            None => {
                let keys = VaultKeys::generate();
                let recovery = RecoveryCode::generate();
                let file = VaultFile::new(&keys, secret, &recovery).map_err(StoreError::from)?;
                file.save(&path).map_err(StoreError::from)?;
                (file, keys, Some(recovery))
            }
        };
        let request = JoinRequest {
            enrolment: Enrolment {
                centre_url: form.centre_url.trim().to_owned(),
                code: form.code.trim().to_owned(),
                device_name: device_name(&form.device_name),
            },
            admin_login: form.login.trim().to_owned(),
            admin_password: form.password.clone(),
        };
        let (store, report) = otau_device::join(&path, &keys, now.at, now.today, &request)?;
        file.office = store.office().ok().map(|info| info.office);
        file.save(&path).map_err(StoreError::from)?;
        lock(&self.background().shared.state).last =
            Some(Outcome { report: Some(report), error: None });
        self.background().watch(&store, &path, Some(keys), false);
        drop(store);
        let mut session = self.sign_in_with(&request.admin_login, &form.password, secret)?;
        // Shown once, to be written down: the only way back if the office secret is lost.
        session.recovery_code = recovery.map(|code| code.as_str().to_owned());
        Ok(session)
    }

    /// The conflicts sync found (resolved ones too when `all`).
    pub fn sync_conflicts(&self, all: bool) -> ApiResult<ConflictsScreen> {
        self.with(|store, actor| {
            let me = store.device_identity().ok().map(|(id, _)| id);
            let conflicts = store
                .conflict_views(all)?
                .into_iter()
                .map(|view| conflict_item(view, me.as_deref()))
                .collect();
            Ok(ConflictsScreen {
                conflicts,
                may_resolve: actor.role.permissions().may_resolve_conflicts,
            })
        })
    }

    /// Resolves a conflict as the signed-in user, with a reason: the record takes the chosen
    /// value (an ordinary correction that syncs to every device), and a sync is asked for.
    pub fn resolve_conflict(
        &self,
        id: Uuid,
        choice: &ConflictChoice,
        reason: &str,
        now: Now,
    ) -> ApiResult<ConflictsScreen> {
        self.acting(now, |store, ctx| Ok(store.resolve_conflict(ctx, id, choice, reason)?))?;
        self.background().request();
        self.sync_conflicts(false)
    }

    /// The review cases sync opened (decided ones too when `all`).
    pub fn review_cases(&self, all: bool) -> ApiResult<CasesScreen> {
        self.with(|store, actor| {
            let me = store.device_identity().ok().map(|(id, _)| id);
            let cases = store
                .review_case_views(all)?
                .into_iter()
                .map(|view| case_item(view, me.as_deref()))
                .collect();
            Ok(CasesScreen { cases, may_decide: actor.role.permissions().may_decide_cases })
        })
    }

    /// Records a manager's decision on a review case, with its reason, and asks for a sync.
    pub fn decide_case(
        &self,
        id: Uuid,
        decision: CaseDecision,
        reason: &str,
        now: Now,
    ) -> ApiResult<CasesScreen> {
        self.acting(now, |store, ctx| Ok(store.decide_case(ctx, id, decision, reason)?))?;
        self.background().request();
        self.review_cases(false)
    }
}

impl Desk {
    /// The cases of one family paid the same one-time subsidy here and in another office
    /// (decided ones too when `all`), open ones first.
    pub fn payment_cases(&self, all: bool) -> ApiResult<PaymentCasesScreen> {
        self.with(|store, actor| {
            let mut cases: Vec<PaymentCaseItem> = store
                .payment_cases()?
                .into_iter()
                .map(payment_case_item)
                .filter(|c| all || c.open)
                .collect();
            cases.sort_by_key(|c| !c.open);
            let open = cases.iter().filter(|c| c.open).count() as u32;
            Ok(PaymentCasesScreen {
                cases,
                open,
                may_decide: actor.role.permissions().may_decide_cases,
            })
        })
    }

    /// Records a manager's decision on a payment case, with its reason, and asks for a sync
    /// (the decision reaches the other office through the centre).
    pub fn decide_payment_case(
        &self,
        id: Uuid,
        decision: PaymentDecision,
        reason: &str,
        now: Now,
    ) -> ApiResult<PaymentCasesScreen> {
        self.acting(now, |store, ctx| {
            store.decide_payment_case(ctx, id, decision, reason)?;
            Ok(())
        })?;
        self.background().request();
        self.payment_cases(false)
    }
}

#[cfg(test)]
#[path = "sync_tests.rs"]
mod tests;
