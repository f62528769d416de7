//! `otau-bench`: the registry at scale — a generated population of 100,000 or 1,000,000 persons
//! in one office database — measured beside bare SQLite in the same run: registering at the
//! counter against plain inserts of the same rows (and against its own writes replayed as plain
//! SQL, the floor those tables and indexes set: [`otau_bench::replay`]), `find` against the
//! bare FTS5 queries it runs, the duplicate check against its bare lookups, a certificate, the
//! month's summary and a backup against the least the same work needs, and the bytes per
//! person. A second population of the same size carries its case work since 2015 (statuses,
//! quota, subsidies and their ledger): its bytes per person and the month's summary are measured
//! on it. Prints one table and can write it to a Markdown file with the date, the machine and
//! the command.
//!
//! Run: `cargo run --release -p otau-bench -- --persons 100000,1000000 --data /tmp/otau-bench
//! --write BENCHMARKS.md` (populations are kept in `--data` and reused by later runs).

// Figures, not rules: timings are floating point and the benchmark reads its own clock.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use chrono::{NaiveDate, TimeZone, Utc};
use clap::Parser;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::model::FamilyInput;
use otau_core::population::{Office, Population, Size, Spec};
use otau_store::population::Staff;
use otau_store::Context;
use otau_store::{Actor, NewOffice, NewUser, Role, Store};
use rusqlite::{params, Connection};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod documents;

#[derive(Parser)]
struct Args {
    /// Registry sizes measured, in persons (each a generated population over 2015–2026).
    #[arg(long, value_delimiter = ',', default_value = "100000")]
    persons: Vec<usize>,
    /// Folder the populations are kept in and reused from (a temporary folder by default).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Families registered one transaction each (as a clerk does), at each size.
    #[arg(long, default_value_t = 300)]
    single: usize,
    /// Search queries timed at each size.
    #[arg(long, default_value_t = 800)]
    queries: usize,
    /// Families checked for likely duplicates at each size.
    #[arg(long, default_value_t = 300)]
    duplicates: usize,
    /// Writes the table to this Markdown file, with the date, the machine and the command.
    #[arg(long)]
    write: Option<PathBuf>,
    /// Rows measured in the same run by another program (the desktop app's start-up and memory,
    /// `scripts/measure-desktop.sh` with `OTAU_BENCH_ROWS`), added to the table as they are.
    #[arg(long)]
    rows: Option<PathBuf>,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// One line of the table.
struct Row {
    size: usize,
    figure: String,
    otau: String,
    baseline: String,
    ratio: String,
    goal: String,
}

const OFFICE: &str = "PVL01";
/// The administrator's password of a population (as the README's `otau init` sets it, so a population
/// made with `otau demo --persons N --years 2015-2026` in `population-N.sqlite` is reused).
const ADMIN_PASSWORD: &str = "secret-admin";

fn main() -> Res<()> {
    let args = Args::parse();
    let tmp = tempfile::tempdir()?;
    let data = args.data.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&data)?;
    let mut rows = vec![];
    for &n in &args.persons {
        rows.extend(at_size(&data, n, &args)?);
    }
    let mut table = table(&rows);
    if let Some(path) = &args.rows {
        let extra = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the rows in {}: {e}", path.display()))?;
        for line in extra.lines().filter(|l| l.starts_with("| ")) {
            table.push_str(line);
            table.push('\n');
        }
    }
    println!("\n{table}");
    if let Some(path) = &args.write {
        // `scripts/benchmarks.sh` names itself: it ran this and the desktop's measurement.
        let command = std::env::var("OTAU_BENCH_COMMAND").unwrap_or_else(|_| {
            let args: Vec<String> = std::env::args().skip(1).collect();
            format!("cargo run --release -p otau-bench -- {}", args.join(" "))
        });
        let text = format!(
            "# Benchmarks\n\nMeasured {} on {} with `{command}`.\n\
             Each figure is beside its baseline measured in the same run (bare SQLite on the same \
             machine and disk, or what the same work needs at least, or a bare Tauri 2 app); the \
             ratio is otau's time over the baseline's (for times; p99 over p99), otau's rate over \
             the baseline's (for rates) or otau's memory over the baseline's, so 1.0x is as fast or \
             as light as the baseline. SQLite in WAL mode with `synchronous=FULL` on both sides.\n\n{table}\n",
            Utc::now().format("%Y-%m-%d %H:%M UTC"),
            machine(),
        );
        std::fs::write(path, text)?;
        println!("written to {}", path.display());
    }
    Ok(())
}

fn today() -> Res<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, 25).ok_or_else(|| "date".into())
}

fn context(actor: &Actor, day: NaiveDate) -> Res<Context> {
    let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).ok_or("time")?);
    Ok(Context::new(actor, at, day))
}

/// Every figure at one size.
fn at_size(data: &Path, n: usize, args: &Args) -> Res<Vec<Row>> {
    let path = data.join(format!("population-{n}.sqlite"));
    let converted = conversion(&path)?;
    let (mut store, actor) = population(&path, n, false)?;
    let mut rows = vec![];
    rows.extend(converted.map(|convert| convert.finish(&path, n)).transpose()?);
    rows.extend(storage(&store, n, "the registry")?);
    rows.extend(register(&mut store, &actor, &path, data, n, args)?);
    rows.extend(search(&store, n, args)?);
    rows.extend(duplicates(&store, n, args)?);
    rows.extend(documents::documents(&mut store, &actor, &path, data, n)?);
    drop(store);
    let path = data.join(format!("population-{n}-casework.sqlite"));
    let converted = conversion(&path)?;
    let (mut store, actor) = population(&path, n, true)?;
    rows.extend(converted.map(|convert| convert.finish(&path, n)).transpose()?);
    rows.extend(storage(&store, n, "the registry with its case work since 2015")?);
    rows.push(documents::summary(&mut store, &actor, n)?);
    Ok(rows)
}

/// A population kept from a build of an older schema, about to be converted by opening it.
struct Conversion {
    from: i64,
    bytes: u64,
    started: Instant,
}

impl Conversion {
    /// The row of the conversion, once the store has opened (migrated) the file.
    fn finish(self, path: &Path, n: usize) -> Res<Row> {
        let seconds = self.started.elapsed().as_secs_f64();
        let after = std::fs::metadata(path)?.len();
        Ok(Row {
            size: n,
            figure: format!(
                "converting a database of schema {} when it is opened ({:.0} MB to {:.0} MB: {})",
                self.from,
                self.bytes as f64 / 1e6,
                after as f64 / 1e6,
                if self.from < 25 {
                    "event log compacted, file vacuumed"
                } else {
                    "the event log's indexes built again"
                }
            ),
            otau: format!("{seconds:.0} s"),
            baseline: String::new(),
            ratio: String::new(),
            goal: "a migration converts it".into(),
        })
    }
}

/// Starts timing the conversion of a kept population of an older schema, if it is one.
fn conversion(path: &Path) -> Res<Option<Conversion>> {
    if !path.exists() {
        return Ok(None);
    }
    let from: i64 =
        Connection::open(path)?.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if from >= otau_store::schema::latest_version() {
        return Ok(None);
    }
    eprintln!("  converting {} from schema {from}", path.display());
    Ok(Some(Conversion { from, bytes: std::fs::metadata(path)?.len(), started: Instant::now() }))
}

/// The population of `n` persons at `path`, generated when missing: the registry alone, or with
/// its case work over the years (statuses, quota inclusions, subsidies prepared by a clerk and
/// approved and paid by a manager, and their ledger).
fn population(path: &Path, n: usize, casework: bool) -> Res<(Store, Actor)> {
    let fresh = !path.exists();
    let mut store = Store::open(path)?;
    if fresh {
        let at = Utc.with_ymd_and_hms(2015, 1, 1, 9, 0, 0).single().ok_or("time")?;
        store.init_office(
            at,
            &NewOffice {
                code: OFFICE.into(),
                name: "Bench".into(),
                region: "KZ-55".into(),
                admin_login: "admin".into(),
                admin_password: ADMIN_PASSWORD.into(),
            },
            &MciTable::from_json(DEFAULT_MCI_JSON)?,
        )?;
    }
    let actor = store.sign_in("admin", ADMIN_PASSWORD)?;
    if fresh {
        let office = Office { code: OFFICE.into(), region: "KZ-55".into() };
        let mut spec = Spec::new(2026, vec![office], Size::Persons(n), today()?);
        spec.years = Some(2015..=2026);
        spec.casework = casework;
        let acts = Population::of(&spec, OFFICE)?.acts();
        let staff = if casework {
            Staff {
                clerk: colleague(&mut store, &actor, "clerk", Role::Clerk)?,
                manager: Some(colleague(&mut store, &actor, "manager", Role::Manager)?),
                admin: Some(actor.clone()),
            }
        } else {
            Staff { clerk: actor.clone(), manager: None, admin: None }
        };
        let t = Instant::now();
        let mut next = 0;
        let written = store.write_population(acts, &staff, |w| {
            if w.persons >= next {
                eprint!(
                    "\r  generating {n} persons: {} ({:.0} s)",
                    w.persons,
                    t.elapsed().as_secs_f64()
                );
                next += 25_000;
            }
        })?;
        eprintln!(
            "\r  generated {} persons in {} families in {:.0} s",
            written.persons,
            written.families,
            t.elapsed().as_secs_f64()
        );
    }
    Ok((store, actor))
}

/// A colleague added by the administrator: the clerk who registers and prepares, or the manager
/// who approves and pays what the clerk prepared.
fn colleague(store: &mut Store, admin: &Actor, login: &str, role: Role) -> Res<Actor> {
    let at = Utc.with_ymd_and_hms(2015, 1, 1, 9, 0, 0).single().ok_or("time")?;
    let password = format!("{login}-{ADMIN_PASSWORD}");
    let new = NewUser { login: login.into(), role, full_name: None, password: password.clone() };
    store.add_user(&Context::new(admin, at, at.date_naive()), &new)?;
    Ok(store.sign_in(login, &password)?)
}

/// Bytes per person: the whole file (registry, event log, indexes), and its parts; `what` the
/// population holds.
fn storage(store: &Store, n: usize, what: &str) -> Res<Vec<Row>> {
    let conn = store.raw_connection();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let persons: i64 = conn.query_row("SELECT COUNT(*) FROM persons", [], |r| r.get(0))?;
    let parts: Vec<(String, i64)> = conn
        .prepare(
            "SELECT CASE
                 WHEN name LIKE 'events%' OR name LIKE 'sqlite_autoindex_events%'
                   OR name = 'envelope_dictionaries' OR name GLOB '*audit_checkpoints*'
                   THEN 'event log and its signed checkpoints'
                 WHEN name LIKE 'person_search%' OR name LIKE 'name_words%' THEN 'search index'
                 WHEN name GLOB '*kandas_statuses*' OR name GLOB '*quota_*'
                   OR name GLOB '*subsidy_*' OR name GLOB '*ledger_*' OR name GLOB '*plan_items*'
                   OR name GLOB '*services*' OR name GLOB '*stays*' OR name GLOB '*payment_case*'
                   OR name GLOB '*family_departures*' THEN 'case work and their indexes'
                 ELSE 'records and their indexes' END, SUM(pgsize)
             FROM dbstat GROUP BY 1 ORDER BY 2 DESC",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let total: i64 = parts.iter().map(|(_, b)| b).sum();
    let per = |b: i64| b as f64 / persons.max(1) as f64;
    let mut rows = vec![Row {
        size: n,
        figure: format!(
            "storage per person, {what} ({persons} persons, {:.0} MB)",
            total as f64 / 1e6
        ),
        otau: format!("{:.0} B", per(total)),
        baseline: String::new(),
        ratio: String::new(),
        goal: "≤ 2048 B".into(),
    }];
    for (name, bytes) in parts {
        rows.push(Row {
            size: n,
            figure: format!("  of which {name}"),
            otau: format!("{:.0} B", per(bytes)),
            baseline: String::new(),
            ratio: String::new(),
            goal: String::new(),
        });
    }
    Ok(rows)
}

/// The same rows as a registration writes to the registry tables (the family, its persons, their
/// documents and their consents or the reasons there are none), inserted raw: no validation, no
/// duplicate check, no event log, no search index.
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
             issuing_country TEXT, issued_on TEXT, valid_until TEXT);
         CREATE TABLE consents (id TEXT PRIMARY KEY, person_id TEXT, given_on TEXT, purpose TEXT,
             basis TEXT, purpose_code TEXT, term TEXT, valid_until TEXT, method TEXT,
             covered_by TEXT, reason TEXT);",
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
    let pids: Vec<String> = f.members.iter().map(|_| uuid::Uuid::now_v7().to_string()).collect();
    for (m, pid) in f.members.iter().zip(&pids) {
        *seq += 1;
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
    // Consents after every person, as a registration writes them.
    for (m, pid) in f.members.iter().zip(&pids) {
        let consent = m.consent.as_ref();
        let reason = m.no_consent.as_ref();
        tx.prepare_cached(
            "INSERT INTO consents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            uuid::Uuid::now_v7().to_string(),
            pid,
            consent.map(|c| c.given_on.to_string()),
            consent.map(|c| c.purpose.clone()),
            reason.map_or("Given".to_string(), |r| format!("{:?}", r.reason)),
            consent.map(|c| format!("{:?}", c.purpose_code)),
            consent.map(|c| format!("{:?}", c.term)),
            consent.and_then(|c| c.valid_until.map(|x| x.to_string())),
            consent.map(|c| format!("{:?}", c.method)),
            reason.and_then(|r| r.covered_by).and_then(|i| pids.get(i)),
            reason.and_then(|r| r.note.clone())
        ])?;
    }
    Ok(())
}

/// Families registered for the breakdown of registering (without waiting for the disk).
const BREAKDOWN: usize = 100;

/// Families registered one per transaction at the counter (validation, the duplicate check,
/// numbers, events, the search index) beside plain inserts of the same rows; then, for the
/// breakdown, other families the same way without waiting for the disk, counting the pages each
/// transaction writes.
fn register(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    data: &Path,
    n: usize,
    args: &Args,
) -> Res<Vec<Row>> {
    // A new year, so the numbers of the population's full years are not needed.
    let day = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?;
    let mut used = store.registered_iins()?;
    let seed = 11 + store.counts()?.1 as u64;
    let families = otau_core::demo::families(seed, args.single, day, 9_000_000, &mut used);
    let others = otau_core::demo::families(seed + 1, BREAKDOWN, day, 9_500_000, &mut used);
    // Twice the breakdown's families: the first half brings the copy's cache up, the second is
    // timed.
    let replayed = otau_core::demo::families(seed + 2, 2 * BREAKDOWN, day, 9_800_000, &mut used);
    let ctx = context(actor, day)?;
    let otau = time_at_counter(store, &ctx, &families)?;
    let raw_path = data.join("raw-inserts.sqlite");
    let (bare, _) = raw_inserts(&raw_path, &families, true)?;

    let conn = store.raw_connection();
    conn.execute_batch(
        "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 0;",
    )?;
    let otau_cpu = time_at_counter(store, &ctx, &others)?;
    let otau_pages = wal_frames(store.raw_connection(), path)? as f64 / others.len() as f64;
    store.raw_connection().execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000; PRAGMA wal_checkpoint(TRUNCATE);",
    )?;
    let (bare_cpu, bare_pages) = raw_inserts(&raw_path, &others, false)?;
    let floor = replayed_writes(store, &ctx, path, data, &replayed)?;

    let rate = |count: usize, d: Duration| count as f64 / d.as_secs_f64();
    let persons: usize = families.iter().map(|f| f.members.len()).sum();
    let (otau, bare) = (rate(families.len(), otau), rate(families.len(), bare));
    let (otau_cpu, bare_cpu) = (rate(others.len(), otau_cpu), rate(others.len(), bare_cpu));
    let floor = rate(replayed.len() - replayed.len() / 2, floor);
    Ok(vec![
        Row {
            size: n,
            figure: format!(
                "register a family per transaction ({:.1} persons each)",
                persons as f64 / families.len().max(1) as f64
            ),
            otau: format!("{otau:.0} families/s"),
            baseline: format!("{bare:.0} families/s"),
            ratio: format!("{:.2}x", otau / bare),
            goal: "≥ 0.5x".into(),
        },
        Row {
            size: n,
            figure: format!(
                "  the same not waiting for the disk (`synchronous=OFF`, {} other families; \
                 for the breakdown only)",
                others.len()
            ),
            otau: format!("{otau_cpu:.0} families/s"),
            baseline: format!("{bare_cpu:.0} families/s"),
            ratio: format!("{:.2}x", otau_cpu / bare_cpu),
            goal: String::new(),
        },
        Row {
            size: n,
            figure: format!(
                "  the same writes replayed as plain SQL into a copy, waiting for the disk ({} \
                 other families: every row, index entry, log row and search entry a registration \
                 writes, with none of otau's code; registering runs at {:.2}x of it)",
                replayed.len() - replayed.len() / 2,
                otau / floor
            ),
            otau: format!("{floor:.0} families/s"),
            baseline: format!("{bare:.0} families/s"),
            ratio: format!("{:.2}x", floor / bare),
            goal: String::new(),
        },
        Row {
            size: n,
            figure: "  pages each registration writes to the WAL (tables and indexes touched)"
                .into(),
            otau: format!("{otau_pages:.1}"),
            baseline: format!("{bare_pages:.1}"),
            ratio: format!("{:.1}x", otau_pages / bare_pages.max(f64::MIN_POSITIVE)),
            goal: String::new(),
        },
    ])
}

/// Registers each family in its own transaction as the clerk does; the time it took.
fn time_at_counter(store: &mut Store, ctx: &Context, families: &[FamilyInput]) -> Res<Duration> {
    let t = Instant::now();
    for f in families {
        otau_bench::register_at_counter(store, ctx, f)?;
    }
    Ok(t.elapsed())
}

/// Registers `families` with their writes traced, and replays the trace as plain SQL into a
/// copy of the population made just before (`otau_bench::replay`), waiting for the disk as the
/// counter does: the time SQLite needs for the same rows, indexes, log and search entries. The
/// replay's time for the second half of the families (the first half warms the copy's cache).
fn replayed_writes(
    store: &mut Store,
    ctx: &Context,
    path: &Path,
    data: &Path,
    families: &[FamilyInput],
) -> Res<Duration> {
    let copy = data.join("replayed-writes.sqlite");
    let remove = || {
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
        }
    };
    remove();
    store.raw_connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    std::fs::copy(path, &copy)?;
    otau_bench::replay::start_tracing(store.raw_connection());
    let registered = time_at_counter(store, ctx, families);
    let trace = otau_bench::replay::finish_tracing(store.raw_connection());
    registered?;
    let took = {
        let target = Store::open(&copy)?;
        target.raw_connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        let replay = otau_bench::replay::Replay::prepare(target.raw_connection(), &trace)?;
        if replay.transactions() != families.len() {
            return Err(format!(
                "{} transactions traced for {} families",
                replay.transactions(),
                families.len()
            )
            .into());
        }
        replay.run(families.len() / 2)?
    };
    remove();
    Ok(took)
}

/// The same rows inserted raw into a new database, a family per transaction: waiting for the
/// disk as the store does, or (`synchronous=OFF`) not waiting and with automatic checkpoints off,
/// so every page written stays in the WAL to be counted. The time, and the pages per family.
fn raw_inserts(path: &Path, families: &[FamilyInput], wait: bool) -> Res<(Duration, f64)> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let raw = Connection::open(path)?;
    raw_schema(&raw)?;
    if !wait {
        raw.execute_batch("PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 0;")?;
    }
    let mut seq = 0;
    let t = Instant::now();
    for f in families {
        raw.execute_batch("BEGIN IMMEDIATE")?;
        raw_insert(&raw, f, &mut seq)?;
        raw.execute_batch("COMMIT")?;
    }
    let took = t.elapsed();
    let pages = wal_frames(&raw, path)? as f64 / families.len().max(1) as f64;
    Ok((took, pages))
}

/// The frames (pages) in the WAL of the database at `path`.
fn wal_frames(conn: &Connection, path: &Path) -> Res<u64> {
    let page: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let page = u64::try_from(page)?;
    let wal = std::fs::metadata(format!("{}-wal", path.display())).map(|m| m.len()).unwrap_or(0);
    // A 32-byte header, then a 24-byte header before each page.
    Ok(wal.saturating_sub(32) / (24 + page))
}

/// A person of the registry as queries are made of it.
struct Sample {
    surname: String,
    given: String,
    surname_latin: Option<String>,
    given_latin: Option<String>,
    birth: String,
    iin: Option<String>,
    document: Option<String>,
    regno: String,
}

fn samples(conn: &Connection, count: usize) -> Res<Vec<Sample>> {
    let max: i64 = conn.query_row("SELECT MAX(rowid) FROM persons", [], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.surname, p.given_name, p.surname_latin, p.given_name_latin, p.birth_date, p.iin,
                (SELECT number FROM documents d WHERE d.person_id = p.id), p.regno
         FROM persons p WHERE p.rowid >= ?1 ORDER BY p.rowid LIMIT 1",
    )?;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut out = vec![];
    for _ in 0..count {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let rowid = (x % max.max(1) as u64) as i64 + 1;
        out.push(stmt.query_row([rowid], |r| {
            Ok(Sample {
                surname: r.get(0)?,
                given: r.get(1)?,
                surname_latin: r.get(2)?,
                given_latin: r.get(3)?,
                birth: r.get(4)?,
                iin: r.get(5)?,
                document: r.get(6)?,
                regno: r.get(7)?,
            })
        })?);
    }
    Ok(out)
}

/// A letter of a word dropped, as a hurried clerk does (the middle one).
fn typo(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mid = chars.len() / 2;
    chars.iter().enumerate().filter(|(i, _)| *i != mid).map(|(_, c)| c).collect()
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

/// Kinds of query a clerk types, and the query of each kind for a person.
const KINDS: &[&str] = &[
    "name, Kazakh Cyrillic",
    "name, Russian-style Cyrillic",
    "name, passport Latin",
    "name with a typo",
    "surname and birth year",
    "surname and initial",
    "beginning of a name",
    "IIN (surname if none)",
    "document number",
];

fn query_of(kind: usize, s: &Sample) -> String {
    let latin = format!(
        "{} {}",
        s.surname_latin.clone().unwrap_or_default(),
        s.given_latin.clone().unwrap_or_default()
    );
    match kind {
        0 => format!("{} {}", s.surname, s.given),
        1 => format!("{} {}", russian_style(&s.surname), russian_style(&s.given)),
        2 => latin.to_lowercase(),
        3 => format!("{} {}", typo(&russian_style(&s.surname)), s.given),
        4 => format!("{} {}", s.surname, &s.birth[..4]),
        5 => format!("{} {}.", s.surname, s.given.chars().next().unwrap_or('А')),
        6 => s.given.chars().take(3).collect(),
        // A person without an IIN (or a document) is looked up by surname instead.
        7 => s.iin.clone().unwrap_or_else(|| s.surname.clone()),
        _ => s.document.clone().unwrap_or_else(|| s.surname.clone()),
    }
}

/// `find` (ranked, 20 results) beside the bare FTS5 queries it ran (`MATCH … LIMIT 20` each).
fn search(store: &Store, n: usize, args: &Args) -> Res<Vec<Row>> {
    let conn = store.raw_connection();
    let people = samples(conn, args.queries)?;
    let mut bare =
        conn.prepare("SELECT rowid FROM person_search WHERE person_search MATCH ?1 LIMIT 20")?;
    let mut per_kind: Vec<(Vec<Duration>, Vec<Duration>, usize, usize)> =
        KINDS.iter().map(|_| (vec![], vec![], 0, 0)).collect();
    for (i, s) in people.iter().enumerate() {
        let kind = i % KINDS.len();
        let q = query_of(kind, s);
        // Once to warm the cache as a clerk's earlier queries have, and to learn the plan.
        let (_, plan) = store.find_with_plan(&q, 20)?;
        let t = Instant::now();
        let hits = store.find(&q, 20)?;
        let otau = t.elapsed();
        let t = Instant::now();
        for expr in &plan {
            let found = bare.query_map([expr], |r| r.get::<_, i64>(0))?.count();
            std::hint::black_box(found);
        }
        let raw = t.elapsed();
        let e = &mut per_kind[kind];
        e.0.push(otau);
        e.1.push(raw);
        e.2 += 1;
        e.3 += usize::from(hits.iter().any(|h| h.regno == s.regno));
    }
    let mut rows = vec![];
    let mut all_otau = vec![];
    let mut all_raw = vec![];
    for (kind, (mut o, mut r, count, found)) in KINDS.iter().zip(per_kind) {
        all_otau.extend(o.iter().copied());
        all_raw.extend(r.iter().copied());
        let (om, op) = percentiles(&mut o);
        let (rm, rp) = percentiles(&mut r);
        rows.push(Row {
            size: n,
            figure: format!("  find: {kind} (the person in the 20 shown: {found}/{count})"),
            otau: format!("{:.2} / {:.2} ms", ms(om), ms(op)),
            baseline: format!("{:.2} / {:.2} ms", ms(rm), ms(rp)),
            ratio: format!("{:.1}x", ms(op) / ms(rp).max(1e-3)),
            goal: String::new(),
        });
    }
    let (om, op) = percentiles(&mut all_otau);
    let (rm, rp) = percentiles(&mut all_raw);
    rows.insert(
        0,
        Row {
            size: n,
            figure: format!(
                "find, median / p99, {} queries of {} kinds",
                people.len(),
                KINDS.len()
            ),
            otau: format!("{:.2} / {:.2} ms", ms(om), ms(op)),
            baseline: format!("{:.2} / {:.2} ms", ms(rm), ms(rp)),
            ratio: format!("{:.1}x", ms(op) / ms(rp).max(1e-3)),
            goal: "p99 ≤ 20 ms, ≤ 5x".into(),
        },
    );
    Ok(rows)
}

/// The likely-duplicate check of families (half new, half already registered) beside its bare
/// lookups: the IIN and the document number by index, the persons born that day by the search
/// index with their names.
fn duplicates(store: &Store, n: usize, args: &Args) -> Res<Vec<Row>> {
    let conn = store.raw_connection();
    let mut used = std::collections::HashSet::new();
    let mut families =
        otau_core::demo::families(77, args.duplicates / 2, today()?, 8_000_000, &mut used);
    for s in samples(conn, args.duplicates - families.len())? {
        families.push(store.family(&s.regno)?.as_input());
    }
    let mut otau = vec![];
    let mut raw = vec![];
    let mut iin = conn.prepare("SELECT regno FROM persons WHERE iin = ?1")?;
    let mut doc = conn.prepare("SELECT person_id FROM documents WHERE number_norm = ?1")?;
    let mut name = conn.prepare(
        "SELECT p.surname, p.given_name FROM person_search s JOIN persons p ON p.rowid = s.rowid
         WHERE person_search MATCH ?1",
    )?;
    let mut found = 0;
    for f in &families {
        // Once to warm the cache, as the bare lookups after it find it warm.
        std::hint::black_box(store.find_duplicates(f)?);
        let t = Instant::now();
        found += usize::from(!store.find_duplicates(f)?.is_empty());
        otau.push(t.elapsed());
        let t = Instant::now();
        for m in &f.members {
            if let Some(i) = &m.iin {
                std::hint::black_box(iin.query_map([i], |r| r.get::<_, String>(0))?.count());
            }
            if let Some(d) = &m.document {
                let norm = otau_core::validate::normalize_document_number(&d.number);
                std::hint::black_box(doc.query_map([norm], |r| r.get::<_, String>(0))?.count());
            }
            let expr = format!("born : \"{}\"", m.birth_date.format("%Y%m%d"));
            std::hint::black_box(name.query_map([expr], |r| r.get::<_, String>(0))?.count());
        }
        raw.push(t.elapsed());
    }
    let (om, op) = percentiles(&mut otau);
    let (rm, rp) = percentiles(&mut raw);
    Ok(vec![Row {
        size: n,
        figure: format!(
            "duplicate check of a family, median / p99 ({found} of {} with hits)",
            families.len()
        ),
        otau: format!("{:.2} / {:.2} ms", ms(om), ms(op)),
        baseline: format!("{:.2} / {:.2} ms", ms(rm), ms(rp)),
        ratio: format!("{:.1}x", ms(op) / ms(rp).max(1e-3)),
        goal: "p99 ≤ 10 ms".into(),
    }])
}

fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| persons | figure | otau | baseline (bare SQLite) | ratio | goal |");
    let _ = writeln!(out, "|---:|---|---:|---:|---:|---|");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            r.size, r.figure, r.otau, r.baseline, r.ratio, r.goal
        );
    }
    out
}

/// The CPU model, cores and memory, as /proc tells them.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name").map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = cpu.lines().filter(|l| l.starts_with("processor")).count();
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib: u64 = mem
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0);
    format!("{model}, {cores} cores, {:.0} GiB", kib as f64 / 1_048_576.0)
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
