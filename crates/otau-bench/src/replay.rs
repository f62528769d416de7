//! The writes a piece of work makes, traced and replayed as plain SQL: the floor SQLite sets
//! for the same B-trees, with none of otau's code (validation, the duplicate check, building
//! and compressing events, signing) around it.
//!
//! [`start_tracing`] records, from a connection, every top-level statement that writes and each
//! transaction's boundaries, with its values written in (`sqlite3_expanded_sql`); statements
//! run by triggers are left out, since replaying their statement runs them again. [`Replay`]
//! prepares the statements of each committed transaction ahead of time (a rolled-back one is
//! dropped), so that what [`Replay::run`] times is SQLite stepping them and committing.

use rusqlite::{ffi, Connection, Statement};
use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The statements traced so far (one tracer at a time in a process).
static TRACED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The words a traced statement is kept by: writes, and transaction boundaries.
const KEPT: [&str; 8] =
    ["INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN", "COMMIT", "END", "ROLLBACK"];

/// The first word of a statement, in capitals.
fn first_word(sql: &str) -> String {
    sql.split_whitespace().next().unwrap_or_default().to_ascii_uppercase()
}

/// The table a write names: the word after `INTO`, `UPDATE` or `FROM`, without quotes.
pub fn table_written(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().take(6).collect();
    let at = words
        .iter()
        .position(|w| ["INTO", "UPDATE", "FROM"].contains(&w.to_ascii_uppercase().as_str()));
    let name = at.and_then(|i| words.get(i + 1)).copied().unwrap_or_default();
    name.split('(').next().unwrap_or_default().trim_matches('"').to_string()
}

unsafe extern "C" fn traced(
    kind: c_uint,
    _context: *mut c_void,
    statement: *mut c_void,
    text: *mut c_void,
) -> c_int {
    if kind != ffi::SQLITE_TRACE_STMT as c_uint || text.is_null() {
        return 0;
    }
    // SAFETY: for SQLITE_TRACE_STMT, SQLite passes the statement and its text (or, for a
    // statement of a trigger, a comment naming it), both valid for this call.
    let sql = unsafe { CStr::from_ptr(text as *const c_char) }.to_string_lossy();
    if !KEPT.contains(&first_word(&sql).as_str()) {
        return 0;
    }
    // SAFETY: the statement is the one being run; its expanded text is SQLite's allocation,
    // copied and then freed here.
    let expanded = unsafe { ffi::sqlite3_expanded_sql(statement as *mut ffi::sqlite3_stmt) };
    if expanded.is_null() {
        return 0;
    }
    let copy = unsafe { CStr::from_ptr(expanded) }.to_string_lossy().into_owned();
    unsafe { ffi::sqlite3_free(expanded as *mut c_void) };
    if let Ok(mut all) = TRACED.lock() {
        all.push(copy);
    }
    0
}

/// Starts tracing the writes of `conn` (what was traced before is forgotten).
pub fn start_tracing(conn: &Connection) {
    if let Ok(mut all) = TRACED.lock() {
        all.clear();
    }
    // SAFETY: the handle is the open connection's; the callback only reads what SQLite passes
    // it, and the connection stops calling it when it is closed or `finish_tracing` is called.
    unsafe {
        ffi::sqlite3_trace_v2(
            conn.handle(),
            ffi::SQLITE_TRACE_STMT as c_uint,
            Some(traced),
            std::ptr::null_mut(),
        );
    }
}

/// Stops tracing `conn`; the statements traced since [`start_tracing`], in order.
pub fn finish_tracing(conn: &Connection) -> Vec<String> {
    // SAFETY: as in `start_tracing`; no callback is left behind.
    unsafe { ffi::sqlite3_trace_v2(conn.handle(), 0, None, std::ptr::null_mut()) };
    TRACED.lock().map(|mut all| std::mem::take(&mut *all)).unwrap_or_default()
}

/// The committed transactions of a trace, prepared on a connection to replay them on.
pub struct Replay<'c> {
    conn: &'c Connection,
    transactions: Vec<Vec<Statement<'c>>>,
}

impl<'c> Replay<'c> {
    /// Prepares the writes of every transaction of `trace` that committed.
    pub fn prepare(conn: &'c Connection, trace: &[String]) -> rusqlite::Result<Replay<'c>> {
        Self::prepare_without(conn, trace, &[])
    }

    /// [`Replay::prepare`] leaving out the writes to the tables `left_out`: what the rest cost.
    pub fn prepare_without(
        conn: &'c Connection,
        trace: &[String],
        left_out: &[&str],
    ) -> rusqlite::Result<Replay<'c>> {
        let mut transactions = vec![];
        let mut open: Option<Vec<Statement<'c>>> = None;
        for sql in trace {
            match first_word(sql).as_str() {
                "BEGIN" => open = Some(vec![]),
                "COMMIT" | "END" => transactions.extend(open.take()),
                "ROLLBACK" => open = None,
                _ => {
                    let table = table_written(sql);
                    if let Some(statements) = open.as_mut() {
                        if !left_out.contains(&table.as_str()) {
                            statements.push(conn.prepare(sql)?);
                        }
                    }
                }
            }
        }
        Ok(Replay { conn, transactions })
    }

    /// How many transactions there are to replay.
    pub fn transactions(&self) -> usize {
        self.transactions.len()
    }

    /// How many writes they hold in all.
    pub fn statements(&self) -> usize {
        self.transactions.iter().map(Vec::len).sum()
    }

    /// Replays each transaction as `BEGIN IMMEDIATE`, its writes, `COMMIT`: the first `warm`
    /// of them to bring the pages they touch into the connection's cache, as a working office
    /// has them, then the rest timed. The time the rest took.
    pub fn run(mut self, warm: usize) -> rusqlite::Result<Duration> {
        let mut started = Instant::now();
        for (i, statements) in self.transactions.iter_mut().enumerate() {
            if i == warm {
                started = Instant::now();
            }
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            for statement in statements.iter_mut() {
                statement.raw_execute()?;
            }
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(started.elapsed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT, bytes BLOB);
         CREATE TABLE counts (n INTEGER);
         INSERT INTO counts VALUES (0);
         CREATE TRIGGER notes_counted AFTER INSERT ON notes
         BEGIN UPDATE counts SET n = n + 1; END;";

    fn rows(conn: &Connection) -> Vec<(i64, String, Vec<u8>, i64)> {
        let mut stmt = conn
            .prepare("SELECT id, text, bytes, (SELECT n FROM counts) FROM notes ORDER BY id")
            .expect("prepare");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query");
        rows.collect::<rusqlite::Result<_>>().expect("rows")
    }

    #[test]
    fn the_committed_writes_replay_to_the_same_rows_and_a_rolled_back_one_does_not() {
        let original = Connection::open_in_memory().expect("open");
        original.execute_batch(SCHEMA).expect("schema");
        start_tracing(&original);
        let insert = "INSERT INTO notes (text, bytes) VALUES (?1, ?2)";
        original.execute_batch("BEGIN IMMEDIATE").expect("begin");
        original.execute(insert, ("it's «ours»", vec![0u8, 1, 255])).expect("insert");
        original.execute(insert, ("second", Vec::<u8>::new())).expect("insert");
        original.execute_batch("COMMIT").expect("commit");
        original.execute_batch("BEGIN IMMEDIATE").expect("begin");
        original.execute(insert, ("undone", vec![7u8])).expect("insert");
        original.execute_batch("ROLLBACK").expect("rollback");
        original.query_row("SELECT COUNT(*) FROM notes", [], |r| r.get::<_, i64>(0)).expect("read");
        let trace = finish_tracing(&original);

        let copy = Connection::open_in_memory().expect("open");
        copy.execute_batch(SCHEMA).expect("schema");
        let replay = Replay::prepare(&copy, &trace).expect("prepare");
        assert_eq!((replay.transactions(), replay.statements()), (1, 2), "{trace:#?}");
        replay.run(0).expect("replay");
        // The trigger ran again on the copy, as it did on the original; reads are not traced.
        assert_eq!(rows(&copy), rows(&original));
        assert_eq!(rows(&copy).len(), 2);
    }

    #[test]
    fn writes_to_the_tables_left_out_are_not_replayed() {
        let trace: Vec<String> = [
            "BEGIN IMMEDIATE",
            "INSERT INTO notes (text, bytes) VALUES ('a', x'')",
            "INSERT INTO counts(n) VALUES (5)",
            "COMMIT",
        ]
        .map(String::from)
        .to_vec();
        let copy = Connection::open_in_memory().expect("open");
        copy.execute_batch(SCHEMA).expect("schema");
        let replay = Replay::prepare_without(&copy, &trace, &["counts"]).expect("prepare");
        assert_eq!(replay.statements(), 1);
        replay.run(0).expect("replay");
        assert_eq!(rows(&copy), vec![(1, "a".to_string(), vec![], 1)]);
    }

    #[test]
    fn the_table_of_a_write_is_named_however_it_is_written() {
        assert_eq!(table_written("INSERT INTO persons (id) VALUES (1)"), "persons");
        assert_eq!(table_written("insert into \"events\"(seq) values (1)"), "events");
        assert_eq!(table_written("UPDATE families SET regno = 'x'"), "families");
        assert_eq!(table_written("DELETE FROM person_search WHERE rowid = 3"), "person_search");
        assert_eq!(table_written("COMMIT"), "");
    }
}
