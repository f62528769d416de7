//! The payment ledger's entries: the append-only rows, an entry as a statement shows it, the
//! totals of a list of entries, and rebuilding the `ledger_lines` projection.
//!
//! **Architecture Invariant**: `ledger_entries` is append-only (triggers refuse UPDATE and
//! DELETE) and every entry is written through [`crate::write::Change::insert`], so each has its
//! audit row and outbox event. The state of an instalment is derived from its entries, never
//! stored.

use crate::error::{Result, StoreError};
use crate::record::{from_row, json_text, Record};
use crate::Store;
use chrono::{DateTime, NaiveDate, Utc};
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::note::Note;
use otau_core::subsidy::ledger::KindSums;
use otau_core::subsidy::{EntryKind, Explanation, LedgerTotals, MciApplied, SubsidyKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `ledger_entries`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntryRec {
    /// Id.
    pub id: Uuid,
    /// The line: the id of the accrued entry it belongs to (its own id for an accrual).
    pub line_id: Uuid,
    /// The decision.
    pub decision_id: Uuid,
    /// The instalment.
    pub instalment_id: Uuid,
    /// The family.
    pub family_id: Uuid,
    /// The kind of subsidy.
    pub subsidy_kind: SubsidyKind,
    /// The kind of entry.
    pub kind: EntryKind,
    /// The instalment's due date.
    pub due_date: NaiveDate,
    /// The line's amount in tiyn (positive; the kind says which way it counts).
    pub amount_tiyn: Tiyn,
    /// The line's amount in MCI, when it is one.
    pub amount_mci: Option<MciHundredths>,
    /// The MCI row applied: its first day.
    pub mci_effective_from: NaiveDate,
    /// The MCI row applied: tenge.
    pub mci_tenge: i64,
    /// The rule id.
    pub rule_id: String,
    /// The rule version.
    pub rule_version: u32,
    /// Why the amount is what it is.
    #[serde(with = "json_text")]
    pub explanation: Explanation,
    /// Payment order number (paid entries).
    pub order_number: Option<String>,
    /// Payment date (paid entries).
    pub paid_on: Option<NaiveDate>,
    /// For a reversal: the state the line was in (`accrued` or `approved`).
    pub reverses_kind: Option<EntryKind>,
    /// Why (required for a reversal).
    pub reason: Option<String>,
    /// Login of the person who prepared the line.
    pub prepared_by: String,
    /// Login of the person who wrote this entry.
    pub acted_by: String,
    /// When the entry was written.
    pub at: DateTime<Utc>,
    /// Record version (always 1: entries never change).
    pub version: i64,
}

impl Record for LedgerEntryRec {
    const TABLE: &'static str = "ledger_entries";
    const ENTITY: &'static str = "ledger_entry";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn subject(&self) -> Option<Uuid> {
        Some(self.family_id)
    }
}

impl LedgerEntryRec {
    /// A new entry of `kind` on the line opened by `accrual`.
    pub(crate) fn follow(
        accrual: &LedgerEntryRec,
        kind: EntryKind,
        acted_by: &str,
        at: DateTime<Utc>,
    ) -> LedgerEntryRec {
        LedgerEntryRec {
            id: Uuid::now_v7(),
            kind,
            order_number: None,
            paid_on: None,
            reverses_kind: None,
            reason: None,
            acted_by: acted_by.to_string(),
            at,
            version: 0,
            ..accrual.clone()
        }
    }

    /// The MCI row applied.
    pub fn mci(&self) -> MciApplied {
        MciApplied { effective_from: self.mci_effective_from, tenge: self.mci_tenge }
    }
}

/// The entries of a decision, in the order they were written.
pub(crate) fn entries_of_decision(
    conn: &rusqlite::Connection,
    decision_id: Uuid,
) -> Result<Vec<LedgerEntryRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM ledger_entries WHERE decision_id = ?1 ORDER BY rowid")?
        .query_map([decision_id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// One ledger entry as a statement shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    /// Entry id.
    pub id: Uuid,
    /// The line it belongs to.
    pub line_id: Uuid,
    /// The decision number.
    pub decision_number: String,
    /// The instalment's number within the decision.
    pub seq: u32,
    /// The kind of entry.
    pub kind: EntryKind,
    /// The kind of subsidy.
    pub subsidy_kind: SubsidyKind,
    /// The instalment's due date.
    pub due_date: NaiveDate,
    /// Amount in tiyn.
    pub amount_tiyn: Tiyn,
    /// Amount in MCI, when it is one.
    pub amount_mci: Option<MciHundredths>,
    /// The MCI row applied.
    pub mci: MciApplied,
    /// Rule id.
    pub rule_id: String,
    /// Rule version.
    pub rule_version: u32,
    /// Why the amount is what it is.
    pub explanation: Explanation,
    /// Payment order number.
    pub order_number: Option<String>,
    /// Payment date.
    pub paid_on: Option<NaiveDate>,
    /// For a reversal, the state reversed.
    pub reverses_kind: Option<EntryKind>,
    /// Reason: as typed, or the system's sentence as a code (a move away, a recalculation).
    pub reason: Option<Note>,
    /// Who prepared the line.
    pub prepared_by: String,
    /// Who wrote the entry.
    pub acted_by: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl EntryView {
    pub(crate) fn new(e: &LedgerEntryRec, decision_number: &str, seq: u32) -> EntryView {
        EntryView {
            id: e.id,
            line_id: e.line_id,
            decision_number: decision_number.to_string(),
            seq,
            kind: e.kind,
            subsidy_kind: e.subsidy_kind,
            due_date: e.due_date,
            amount_tiyn: e.amount_tiyn,
            amount_mci: e.amount_mci,
            mci: e.mci(),
            rule_id: e.rule_id.clone(),
            rule_version: e.rule_version,
            explanation: e.explanation.clone(),
            order_number: e.order_number.clone(),
            paid_on: e.paid_on,
            reverses_kind: e.reverses_kind,
            reason: e.reason.as_deref().map(Note::from_stored),
            prepared_by: e.prepared_by.clone(),
            acted_by: e.acted_by.clone(),
            at: e.at,
        }
    }
}

/// Totals of a list of entries.
pub(crate) fn totals_of(entries: &[LedgerEntryRec]) -> Result<LedgerTotals> {
    let mut sums = KindSums::default();
    for e in entries {
        let after_approval = e.reverses_kind == Some(EntryKind::Approved);
        sums.add(e.kind, after_approval, e.amount_tiyn).ok_or_else(overflow)?;
    }
    LedgerTotals::from_sums(&sums).ok_or_else(overflow)
}

pub(crate) fn overflow() -> StoreError {
    StoreError::from(otau_core::subsidy::SubsidyError::Overflow)
}

impl Store {
    /// Rebuilds the `ledger_lines` projection (the state of every line) from the ledger entries;
    /// returns the number of lines. The triggers keep it current; this is for a damaged or
    /// doubted projection, and for tests that compare the two. The schema lets a line go only
    /// when it disagrees with the entries (`ledger_line_truth`), and come only as they give it.
    pub fn rebuild_ledger_lines(&mut self) -> Result<usize> {
        let tx =
            self.conn_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM ledger_lines AS l WHERE NOT EXISTS (
                 SELECT 1 FROM ledger_line_truth t
                 WHERE t.line_id = l.line_id AND t.state = l.state AND t.due_date = l.due_date
                   AND t.decision_number = l.decision_number AND t.seq = l.seq
                   AND t.instalment_id = l.instalment_id AND t.decision_id = l.decision_id
                   AND t.family_regno = l.family_regno AND t.subsidy_kind = l.subsidy_kind
                   AND t.instalments = l.instalments AND t.amount_tiyn = l.amount_tiyn
                   AND t.amount_mci IS l.amount_mci AND t.mci_tenge = l.mci_tenge
                   AND t.prepared_by = l.prepared_by)",
            [],
        )?;
        tx.execute(
            "INSERT INTO ledger_lines (state, due_date, decision_number, seq, line_id,
                 instalment_id, decision_id, family_regno, subsidy_kind, instalments, amount_tiyn,
                 amount_mci, mci_tenge, prepared_by)
             SELECT state, due_date, decision_number, seq, line_id, instalment_id, decision_id,
                    family_regno, subsidy_kind, instalments, amount_tiyn, amount_mci, mci_tenge,
                    prepared_by
             FROM ledger_line_truth t
             WHERE NOT EXISTS (SELECT 1 FROM ledger_lines l WHERE l.line_id = t.line_id)",
            [],
        )?;
        let n: i64 = tx.query_row("SELECT COUNT(*) FROM ledger_lines", [], |r| r.get(0))?;
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        tx.commit()?;
        Ok(n)
    }
}
