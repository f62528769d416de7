//! `ledger`: measures the payment ledger's views over about a million ledger rows — "due this
//! month", period totals and the others — each beside a bare SQL aggregate of the same rows in
//! the same run, and prints the medians and their ratio.
//!
//! Run: `cargo run --release -p otau-bench --bin ledger -- --rows 1000000`
//!
//! The rows are generated straight into a fresh office database in one transaction (with the
//! ledger's triggers, projection and indexes in place, but without audit and outbox rows: this
//! measures reading, not writing): families with a relocation and a twelve-month rent decision
//! each, decided from July 2023 to 25 November 2026, their lines accrued, approved, paid,
//! reversed and accrued again as that work leaves them. "This month" is November 2026.

// Figures, not rules: timings are floating point and the benchmark reads its own clock.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use chrono::{Datelike, Months, NaiveDate, TimeZone, Utc};
use clap::Parser;
use otau_core::mci::{MciPurpose, MciTable, DEFAULT_MCI_JSON};
use otau_store::{NewOffice, Store};
use rusqlite::{params, Connection};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// Ledger rows to generate (about).
    #[arg(long, default_value_t = 1_000_000)]
    rows: usize,
    /// Timed runs of each query (the median is printed).
    #[arg(long, default_value_t = 21)]
    runs: usize,
    /// Keep the generated database at this path instead of a temporary one; when it exists
    /// already, its rows are measured again without generating new ones.
    #[arg(long)]
    keep: Option<std::path::PathBuf>,
    /// SQLite page cache for the timed queries, in MiB (0: the store's default).
    #[arg(long, default_value_t = 0)]
    cache_mib: i64,
    /// Also print SQLite's query plan of the bare aggregate.
    #[arg(long)]
    plans: bool,
    /// Print SQLite's plan of this query (with ?1 = 2026-01-01, ?2 = 2026-12-31) and stop.
    #[arg(long)]
    explain: Option<String>,
}

type BoxError = Box<dyn std::error::Error>;

fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let path = args.keep.clone().unwrap_or_else(|| dir.path().join("ledger.sqlite"));
    let reuse = path.exists();
    let mut store = Store::open(&path)?;
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().ok_or("time")?;
    let mci = MciTable::from_json(DEFAULT_MCI_JSON)?;
    if !reuse {
        store.init_office(
            at,
            &NewOffice {
                code: "BENCH1".into(),
                name: "Bench".into(),
                region: "KZ-55".into(),
                admin_login: "admin".into(),
                admin_password: "bench-password".into(),
            },
            &mci,
        )?;
    }
    let office_id = store.office()?.office.id.to_string();
    println!("otau-bench ledger: the payment ledger's views (SQLite WAL, {})", path.display());

    let rows = if reuse {
        let n: i64 =
            store
                .raw_connection()
                .query_row("SELECT COUNT(*) FROM ledger_entries", [], |r| r.get(0))?;
        println!("  {n} ledger rows already there");
        usize::try_from(n)?
    } else {
        let t = Instant::now();
        let rows = generate(store.raw_connection(), &office_id, &mci, args.rows)?;
        store.raw_connection().execute_batch("ANALYZE")?;
        println!("  {rows} ledger rows generated in {:.1} s", t.elapsed().as_secs_f64());
        rows
    };

    let conn = store.raw_connection();
    if let Some(sql) = &args.explain {
        let mut plan = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let steps = plan.query_map(["2026-01-01", "2026-12-31"], |r| r.get::<_, String>(3))?;
        for step in steps {
            println!("  plan: {}", step?);
        }
        return Ok(());
    }
    if args.cache_mib > 0 {
        conn.pragma_update(None, "cache_size", -1024 * args.cache_mib)?;
    }
    let month = (d(2026, 11, 1)?, d(2026, 11, 30)?);
    let year = (d(2026, 1, 1)?, d(2026, 12, 31)?);
    let all = (d(2000, 1, 1)?, d(2100, 12, 31)?);
    let bare_sql = "SELECT subsidy_kind, kind, SUM(amount_tiyn), COUNT(*) FROM ledger_entries
         WHERE due_date >= ?1 AND due_date <= ?2 GROUP BY subsidy_kind, kind";
    if args.plans {
        let mut plan = conn.prepare(&format!("EXPLAIN QUERY PLAN {bare_sql}"))?;
        let steps = plan.query_map(["2026-01-01", "2026-12-31"], |r| r.get::<_, String>(3))?;
        for step in steps {
            println!("  plan: {}", step?);
        }
    }
    let mut bare = conn.prepare(bare_sql)?;
    let mut bare_sum = |from: NaiveDate, to: NaiveDate| -> rusqlite::Result<i64> {
        let mut total = 0i64;
        for r in bare.query_map([from.to_string(), to.to_string()], |r| r.get::<_, i64>(2))? {
            total = total.wrapping_add(r?);
        }
        Ok(total)
    };

    println!();
    println!("{:<44} {:>12} {:>14} {:>8}", "", "otau median", "bare SQL median", "ratio");
    let due = median(args.runs, || store.due_in_month(2026, 11).map(|v| v.count))?;
    let bare_month = median(args.runs, || bare_sum(month.0, month.1))?;
    let due_view = store.due_in_month(2026, 11)?;
    line(&format!("due this month ({} unpaid of the month)", due_view.count), due, bare_month);
    let year_totals =
        median(args.runs, || store.ledger_totals(year.0, year.1).map(|v| v.reconciles))?;
    let bare_year = median(args.runs, || bare_sum(year.0, year.1))?;
    line("totals of a year (due in 2026)", year_totals, bare_year);
    let all_totals = median(args.runs, || store.ledger_totals(all.0, all.1).map(|v| v.reconciles))?;
    let bare_all = median(args.runs, || bare_sum(all.0, all.1))?;
    line(&format!("totals of every row ({rows})"), all_totals, bare_all);
    let paid = median(args.runs, || store.paid_between(month.0, month.1).map(|v| v.count))?;
    let mut bare_paid = conn.prepare(
        "SELECT COUNT(*), SUM(amount_tiyn) FROM ledger_entries
         WHERE kind = 'paid' AND paid_on >= ?1 AND paid_on <= ?2",
    )?;
    let bare_paid_month = median(args.runs, || {
        bare_paid.query_row([month.0.to_string(), month.1.to_string()], |r| r.get::<_, i64>(0))
    })?;
    let payments = store.paid_between(month.0, month.1)?.count;
    line(&format!("paid in a month (list of {payments})"), paid, bare_paid_month);
    let runs = args.runs.clamp(1, 5);
    let awaiting = median(runs, || store.awaiting_approval().map(|v| v.count))?;
    // The same lines in bare SQL over the entries: accruals with no later entry.
    let mut bare_open = conn.prepare(
        "SELECT COUNT(*), SUM(amount_tiyn) FROM ledger_entries a WHERE a.kind = 'accrued'
         AND NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.line_id = a.id AND x.kind > 'accrued')",
    )?;
    let bare_awaiting = median(runs, || bare_open.query_row([], |r| r.get::<_, i64>(0)))?;
    let waiting = store.awaiting_approval()?.count;
    line(&format!("awaiting approval ({waiting} lines, all dates)"), awaiting, bare_awaiting);

    let totals = store.ledger_totals(all.0, all.1)?;
    println!();
    println!(
        "  every row: net accrued {} = paid {} + approved {} + awaiting {}; reconciles: {}",
        totals.all.net_tiyn.format_tenge(),
        totals.all.paid_tiyn.format_tenge(),
        totals.all.approved_unpaid_tiyn.format_tenge(),
        totals.all.awaiting_approval_tiyn.format_tenge(),
        totals.reconciles
    );
    println!(
        "  (bare SQL: SELECT subsidy_kind, kind, SUM(amount_tiyn), COUNT(*) … WHERE due_date in the \
         period GROUP BY subsidy_kind, kind; for payments, COUNT and SUM of the paid rows; for \
         approval, COUNT and SUM of the accruals with no later entry)"
    );
    Ok(())
}

fn d(y: i32, m: u32, day: u32) -> Result<NaiveDate, BoxError> {
    NaiveDate::from_ymd_opt(y, m, day).ok_or_else(|| "date".into())
}

fn line(what: &str, otau: Duration, bare: Duration) {
    println!(
        "  {what:<42} {:>9.2} ms {:>12.2} ms {:>7.1}x",
        ms(otau),
        ms(bare),
        ms(otau) / ms(bare).max(1e-9)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median<T, E: std::error::Error + 'static>(
    runs: usize,
    mut f: impl FnMut() -> Result<T, E>,
) -> Result<Duration, BoxError> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out = f().map_err(|e| Box::new(e) as BoxError)?;
        times.push(t.elapsed());
        std::hint::black_box(out);
    }
    times.sort();
    Ok(times[times.len() / 2])
}

/// A UUID made of a table number and a counter (the same ids every run).
fn id(table: u128, n: u64) -> String {
    uuid::Uuid::from_u128((table << 96) | u128::from(n)).to_string()
}

/// A small deterministic generator (the same rows every run).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Rows of one line: what its entries are after a year of work.
struct LineRows<'a> {
    insert: rusqlite::Statement<'a>,
    seq: u64,
}

#[derive(Clone, Copy)]
struct Line<'s> {
    decision: &'s str,
    instalment: &'s str,
    family: &'s str,
    kind: &'static str,
    due: NaiveDate,
    amount_mci: i64,
    tenge: i64,
    mci_from: NaiveDate,
    rule: &'static str,
}

impl LineRows<'_> {
    fn entry(
        &mut self,
        line: &Line<'_>,
        line_id: &str,
        kind: &str,
        acted_by: &str,
        paid_on: Option<NaiveDate>,
        reverses: Option<&str>,
    ) -> rusqlite::Result<String> {
        self.seq += 1;
        let id = if kind == "accrued" { line_id.to_string() } else { id(1, self.seq) };
        self.insert.execute(params![
            id,
            line_id,
            line.decision,
            line.instalment,
            line.family,
            line.kind,
            kind,
            line.due.to_string(),
            line.amount_mci * line.tenge,
            line.amount_mci,
            line.mci_from.to_string(),
            line.tenge,
            line.rule,
            r#"{"code":"subsidy-explain-per-family","args":{}}"#,
            paid_on.map(|_| format!("PO-{}", self.seq)),
            paid_on.map(|p| p.to_string()),
            reverses,
            reverses.map(|_| "correction"),
            "clerk",
            acted_by,
        ])?;
        Ok(id)
    }

    /// Writes a line's entries: approved and paid when due by `today` (most of them), some
    /// reversed and accrued again, the rest waiting.
    fn line(&mut self, l: &Line<'_>, today: NaiveDate, rng: &mut Rng) -> rusqlite::Result<usize> {
        self.seq += 1;
        let mut line_id = id(2, self.seq);
        let mut rows = 0;
        self.entry(l, &line_id, "accrued", "clerk", None, None)?;
        rows += 1;
        let roll = rng.below(100);
        if roll < 8 {
            // A correction: the first line reversed, a new one accrued.
            let approved = roll < 4;
            if approved {
                self.entry(l, &line_id, "approved", "manager", None, None)?;
                rows += 1;
            }
            let reverses = if approved { "approved" } else { "accrued" };
            self.entry(l, &line_id, "reversed", "manager", None, Some(reverses))?;
            self.seq += 1;
            line_id = id(2, self.seq);
            self.entry(l, &line_id, "accrued", "clerk", None, None)?;
            rows += 2;
        }
        if l.due <= today || rng.below(100) < 30 {
            self.entry(l, &line_id, "approved", "manager", None, None)?;
            rows += 1;
            if l.due <= today && rng.below(100) < 95 {
                let paid_on =
                    l.due.checked_add_days(chrono::Days::new(rng.below(20))).unwrap_or(l.due);
                self.entry(l, &line_id, "paid", "manager", Some(paid_on.min(today)), None)?;
                rows += 1;
            }
        }
        Ok(rows)
    }
}

fn generate(
    conn: &Connection,
    office_id: &str,
    mci: &MciTable,
    target: usize,
) -> Result<usize, BoxError> {
    let today = d(2026, 11, 25)?;
    let first = d(2023, 7, 1)?;
    let span_days = (today - first).num_days().max(1) as u64;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let tx = conn.unchecked_transaction()?;
    let mut families = tx.prepare(
        "INSERT INTO families (id, office_id, regno, registered_on, arrival_date, country_of_origin,
             region, settlement, version) VALUES (?1, ?2, ?3, ?4, ?4, 'UZ', 'KZ-55', 'Павлодар', 1)",
    )?;
    let mut decisions = tx.prepare(
        "INSERT INTO subsidy_decisions (id, number, family_id, kind, rule_id, rule_version,
             decided_on, first_due_on, members, settlement_type, instalments, total_tiyn,
             prepared_by, version)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6, ?7, ?8, ?9, ?10, 'clerk', 1)",
    )?;
    let mut instalments = tx.prepare(
        "INSERT INTO subsidy_instalments (id, decision_id, family_id, seq, due_date, version)
         VALUES (?1, ?2, ?3, ?4, ?5, 1)",
    )?;
    let mut lines = LineRows {
        insert: tx.prepare(
            "INSERT INTO ledger_entries (id, line_id, decision_id, instalment_id, family_id,
                 subsidy_kind, kind, due_date, amount_tiyn, amount_mci, mci_effective_from,
                 mci_tenge, rule_id, rule_version, explanation, order_number, paid_on,
                 reverses_kind, reason, prepared_by, acted_by, at, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, '2026-11-25T09:00:00Z', 1)",
        )?,
        seq: 0,
    };
    let mut rows = 0usize;
    let mut family_no = 0u64;
    let mut decision_no = 0u64;
    let mut instalment_no = 0u64;
    let mut per_year: std::collections::HashMap<i32, u32> = std::collections::HashMap::new();
    while rows < target {
        family_no += 1;
        let family = id(3, family_no);
        let decided =
            first.checked_add_days(chrono::Days::new(rng.below(span_days))).ok_or("date")?;
        let members = 1 + rng.below(6) as i64;
        families.execute(params![
            family,
            office_id,
            format!("BENCH1-{}-{family_no:05}", decided.year()),
            decided.to_string()
        ])?;
        for (kind, rule, months, each) in [
            ("relocation", "relocation-2023", 1u32, 7000 * members),
            (
                "rent",
                "rent-2023",
                12u32,
                if members >= 4 {
                    3000
                } else if members >= 2 {
                    2500
                } else {
                    2000
                },
            ),
        ] {
            decision_no += 1;
            let decision = id(4, decision_no);
            let settlement = (kind == "rent").then_some("town");
            let year_seq = per_year.entry(decided.year()).or_insert(0);
            *year_seq += 1;
            decisions.execute(params![
                decision,
                format!("BENCH1-S-{}-{:05}", decided.year(), year_seq),
                family,
                kind,
                rule,
                decided.to_string(),
                members,
                settlement,
                months,
                each * 4325 * i64::from(months),
            ])?;
            for seq in 1..=months {
                instalment_no += 1;
                let instalment = id(5, instalment_no);
                let due = decided.checked_add_months(Months::new(seq - 1)).ok_or("date")?;
                instalments.execute(params![instalment, decision, family, seq, due.to_string()])?;
                let row = mci.in_force(due, MciPurpose::SocialPayments).ok_or("mci")?;
                let l = Line {
                    decision: &decision,
                    instalment: &instalment,
                    family: &family,
                    kind,
                    due,
                    amount_mci: each,
                    tenge: row.tenge,
                    mci_from: row.effective_from,
                    rule,
                };
                rows += lines.line(&l, today, &mut rng)?;
            }
        }
    }
    drop(families);
    drop(decisions);
    drop(instalments);
    drop(lines);
    tx.commit()?;
    Ok(rows)
}
