//! `otau audit verify`: everything the event log can prove about this database, each finding
//! with where it is (table, record, field, event).
//!
//! # Design
//! Four checks, each its own module, read-only but for the checkpoint written at the end: the
//! chain (every row's hash and link, [`crate::events::verify_chain`]), the signed checkpoints
//! (`checkpoints.rs`: a truncated tail, a rewritten chain, an unsigned tail, counts of rows), the
//! replay (`replay.rs`: every state row equals what its events say, every event's record exists)
//! and the projections rebuilt apart and compared (`projections.rs`: `ledger_lines`,
//! `person_search`, `name_words`). Findings are codes with their place; the edges word them.

mod checkpoints;
mod projections;
mod replay;

use crate::error::Result;
use crate::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One thing the check found wrong, and where.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFinding {
    /// What: a stable code (`audit-row-broken`, `audit-tail-missing`, `audit-state-differs`, …).
    pub code: String,
    /// The table, if the finding is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The record's id (or a checkpoint's number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The event (its row in the log) that says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
    /// What the log (or the checkpoint, or the rebuilt projection) says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the database holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
}

impl AuditFinding {
    pub(crate) fn new(code: &str) -> AuditFinding {
        AuditFinding {
            code: code.to_string(),
            table: None,
            id: None,
            field: None,
            seq: None,
            expected: None,
            found: None,
        }
    }
    pub(crate) fn table(mut self, table: &str) -> Self {
        self.table = Some(table.to_string());
        self
    }
    pub(crate) fn id(mut self, id: impl ToString) -> Self {
        self.id = Some(id.to_string());
        self
    }
    pub(crate) fn field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }
    pub(crate) fn seq(mut self, seq: i64) -> Self {
        self.seq = Some(seq);
        self
    }
    pub(crate) fn expected(mut self, v: impl ToString) -> Self {
        self.expected = Some(v.to_string());
        self
    }
    pub(crate) fn found(mut self, v: impl ToString) -> Self {
        self.found = Some(v.to_string());
        self
    }
}

/// What `otau audit verify` found.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditReport {
    /// Rows of the log checked.
    pub rows: i64,
    /// Checkpoints checked.
    pub checkpoints: i64,
    /// Records replayed from their events.
    pub records: i64,
    /// Everything found wrong, in the order of the checks.
    pub findings: Vec<AuditFinding>,
}

impl AuditReport {
    /// Whether nothing was found.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

impl Store {
    /// Checks the log, its checkpoints, the state tables against their events and the
    /// projections against a rebuild; then, when nothing was found, signs a checkpoint of what
    /// it checked at `at` (a database found wrong gets no checkpoint that would cover it).
    pub fn verify_audit(&mut self, at: DateTime<Utc>) -> Result<AuditReport> {
        let conn = self.conn();
        let chain = crate::events::verify_chain(conn)?;
        let mut findings = vec![];
        if let Some(seq) = chain.first_broken_seq {
            findings.push(AuditFinding::new("audit-row-broken").table("events").seq(seq));
        }
        let checkpoints = checkpoints::check(conn, &mut findings)?;
        let records = replay::check(conn, &mut findings)?;
        projections::check(conn, &mut findings)?;
        let report = AuditReport { rows: chain.rows, checkpoints, records, findings };
        if report.is_clean() {
            let kek = self.signing_kek().clone();
            let tx = self.conn_mut().transaction()?;
            crate::checkpoint::write(&tx, &kek, Some(at))?;
            tx.commit()?;
        }
        Ok(report)
    }
}
