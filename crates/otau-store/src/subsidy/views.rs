//! The payment ledger as managers read it: a family's statement, what is due in a month, what
//! awaits approval, what was paid in a period, and period totals that reconcile.
//!
//! The lists read the `ledger_lines` projection (kept by triggers); the statement and the totals
//! read `ledger_entries` themselves.

use crate::error::{Result, StoreError};
use crate::record::from_row;
use crate::subsidy::decisions::{
    decision_views_of_family, DecisionView, DepartureRec, ReimbursementRec,
};
use crate::subsidy::ledger::{overflow, totals_of, EntryView, LedgerEntryRec};
use crate::Store;
use chrono::{Datelike, Months, NaiveDate};
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::subsidy::ledger::KindSums;
use otau_core::subsidy::{EntryKind, InstalmentState, LedgerTotals, SubsidyKind};
use otau_core::FieldError;
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A family's statement: every decision with its instalments, every ledger entry, the totals,
/// and a move away with the reimbursement cases it opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    /// The family's id.
    pub family_id: Uuid,
    /// The family's registration number.
    pub family_regno: String,
    /// The head's name as written.
    pub head_name: String,
    /// Decisions, oldest first.
    pub decisions: Vec<DecisionView>,
    /// Every ledger entry of the family, in the order written.
    pub entries: Vec<EntryView>,
    /// Totals over all the family's entries.
    pub totals: LedgerTotals,
    /// The family's move away from the region, if recorded.
    pub departure: Option<DepartureRec>,
    /// Reimbursement cases.
    pub reimbursement_cases: Vec<ReimbursementRec>,
}

/// One open (not reversed) line of an instalment, as the lists of due and awaiting work show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    /// The instalment.
    pub instalment_id: Uuid,
    /// The open line (its accrued entry).
    pub line_id: Uuid,
    /// Decision number.
    pub decision_number: String,
    /// The family's registration number.
    pub family_regno: String,
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// The instalment's number.
    pub seq: u32,
    /// Instalments in the decision.
    pub of: u32,
    /// Due date.
    pub due_date: NaiveDate,
    /// Awaiting approval or approved.
    pub state: InstalmentState,
    /// Amount in tiyn.
    pub amount_tiyn: Tiyn,
    /// Amount in MCI, when it is one.
    pub amount_mci: Option<MciHundredths>,
    /// The MCI applied, tenge.
    pub mci_tenge: i64,
    /// Who prepared it.
    pub prepared_by: String,
}

/// Unpaid instalments falling due in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueView {
    /// `YYYY-MM`.
    pub month: String,
    /// First day of the month.
    pub from: NaiveDate,
    /// Last day of the month.
    pub to: NaiveDate,
    /// The instalments, by due date.
    pub items: Vec<LineItem>,
    /// How many.
    pub count: usize,
    /// Of the total, what still awaits approval.
    pub awaiting_approval_tiyn: Tiyn,
    /// Of the total, what is approved and ready to pay.
    pub approved_tiyn: Tiyn,
    /// Everything unpaid that falls due in the month.
    pub total_tiyn: Tiyn,
}

/// Lines waiting for a manager's approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaitingView {
    /// The lines, by due date.
    pub items: Vec<LineItem>,
    /// How many.
    pub count: usize,
    /// Their sum.
    pub total_tiyn: Tiyn,
}

/// One payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidItem {
    /// The instalment.
    pub instalment_id: Uuid,
    /// The line paid.
    pub line_id: Uuid,
    /// Decision number.
    pub decision_number: String,
    /// The family's registration number.
    pub family_regno: String,
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// The instalment's number.
    pub seq: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Payment date.
    pub paid_on: NaiveDate,
    /// Payment order number.
    pub order_number: String,
    /// Amount in tiyn.
    pub amount_tiyn: Tiyn,
    /// Who recorded the payment.
    pub recorded_by: String,
}

/// Payments made in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidView {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The payments, by date.
    pub items: Vec<PaidItem>,
    /// How many.
    pub count: usize,
    /// Their sum.
    pub total_tiyn: Tiyn,
}

/// Totals of one kind of subsidy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindTotals {
    /// The kind.
    pub kind: SubsidyKind,
    /// Totals of instalments due in the period, by where the money stands.
    pub totals: LedgerTotals,
    /// Paid in the period (by payment date).
    pub paid_in_period_tiyn: Tiyn,
}

/// Totals of a period: instalments falling due in it (by state), and payments made in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalsView {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// By kind of subsidy (kinds with entries only).
    pub by_kind: Vec<KindTotals>,
    /// All kinds.
    pub all: LedgerTotals,
    /// Paid in the period (by payment date).
    pub paid_in_period_tiyn: Tiyn,
    /// Whether every kind's totals reconcile and the kinds add up to the whole.
    pub reconciles: bool,
}

/// Lines from the `ledger_lines` projection, with what the lists show of each.
const LINE_ITEM_SELECT: &str = "
    SELECT instalment_id, line_id, decision_number, family_regno, subsidy_kind, seq, instalments,
           due_date, amount_tiyn, amount_mci, mci_tenge, prepared_by, state = 'approved'
    FROM ledger_lines";

fn parse<T: std::str::FromStr>(row: &Row<'_>, i: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(i)?;
    text.parse::<T>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn kind_of(row: &Row<'_>, i: usize) -> rusqlite::Result<SubsidyKind> {
    let text: String = row.get(i)?;
    SubsidyKind::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown subsidy kind {text}").into(),
        )
    })
}

fn line_item(row: &Row<'_>) -> rusqlite::Result<LineItem> {
    let approved: bool = row.get(12)?;
    Ok(LineItem {
        instalment_id: parse(row, 0)?,
        line_id: parse(row, 1)?,
        decision_number: row.get(2)?,
        family_regno: row.get(3)?,
        kind: kind_of(row, 4)?,
        seq: row.get(5)?,
        of: row.get(6)?,
        due_date: parse(row, 7)?,
        state: if approved { InstalmentState::Approved } else { InstalmentState::AwaitingApproval },
        amount_tiyn: Tiyn(row.get(8)?),
        amount_mci: row.get::<_, Option<i64>>(9)?.map(MciHundredths),
        mci_tenge: row.get(10)?,
        prepared_by: row.get(11)?,
    })
}

fn sum(items: impl Iterator<Item = Tiyn>) -> Result<Tiyn> {
    Tiyn::checked_sum(items).ok_or_else(overflow)
}

/// Refuses a period whose end is before its start.
fn check_period(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(StoreError::Invalid(vec![FieldError::bare(
            "ledger.to",
            "ledger-period-order",
        )
        .with_arg("from", from)]));
    }
    Ok(())
}

/// A family's statement, read inside a transaction or outside one.
pub(crate) fn statement_in(conn: &rusqlite::Connection, regno: &str) -> Result<StatementView> {
    let family = crate::subsidy::decisions::family_in(conn, regno)?;
    let decisions = decision_views_of_family(conn, &family)?;
    let place = |instalment: Uuid| {
        decisions.iter().find_map(|d| {
            d.instalments.iter().find(|i| i.id == instalment).map(|i| (d.number.as_str(), i.seq))
        })
    };
    let recs: Vec<LedgerEntryRec> = conn
        .prepare_cached("SELECT * FROM ledger_entries WHERE family_id = ?1 ORDER BY rowid")?
        .query_map([family.id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut entries = Vec::with_capacity(recs.len());
    for e in &recs {
        let (number, seq) = place(e.instalment_id).ok_or_else(|| {
            StoreError::Corrupt(format!("ledger entry {} has no instalment", e.id))
        })?;
        entries.push(EntryView::new(e, number, seq));
    }
    let totals = totals_of(&recs)?;
    let departure: Option<DepartureRec> = conn
        .query_row(
            "SELECT * FROM family_departures WHERE family_id = ?1",
            [family.id.to_string()],
            from_row,
        )
        .optional()?;
    let reimbursement_cases = conn
        .prepare_cached("SELECT * FROM reimbursement_cases WHERE family_id = ?1 ORDER BY rowid")?
        .query_map([family.id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(StatementView {
        family_id: family.id,
        family_regno: family.regno.clone(),
        head_name: family.head_name(),
        decisions,
        entries,
        totals,
        departure,
        reimbursement_cases,
    })
}

impl Store {
    /// A family's statement, by the registration number of any member.
    pub fn statement(&self, regno: &str) -> Result<StatementView> {
        statement_in(self.conn(), regno)
    }

    /// Unpaid instalments (awaiting approval or approved) falling due in a month.
    pub fn due_in_month(&self, year: i32, month: u32) -> Result<DueView> {
        let from = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| {
            StoreError::Invalid(vec![FieldError::bare("ledger.month", "ledger-bad-month")
                .with_arg("value", format!("{year:04}-{month:02}"))])
        })?;
        let to = from
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .ok_or_else(overflow)?;
        let sql = format!(
            "{LINE_ITEM_SELECT}
             WHERE state IN ('awaiting_approval', 'approved')
               AND due_date >= ?1 AND due_date <= ?2
             ORDER BY due_date, decision_number, seq"
        );
        let items: Vec<LineItem> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map([from.to_string(), to.to_string()], line_item)?
            .collect::<rusqlite::Result<_>>()?;
        let of_state =
            |s: InstalmentState| sum(items.iter().filter(|i| i.state == s).map(|i| i.amount_tiyn));
        let awaiting_approval_tiyn = of_state(InstalmentState::AwaitingApproval)?;
        let approved_tiyn = of_state(InstalmentState::Approved)?;
        Ok(DueView {
            month: format!("{:04}-{:02}", from.year(), from.month()),
            from,
            to,
            count: items.len(),
            total_tiyn: awaiting_approval_tiyn.checked_add(approved_tiyn).ok_or_else(overflow)?,
            awaiting_approval_tiyn,
            approved_tiyn,
            items,
        })
    }

    /// Lines waiting for a manager's approval, by due date.
    pub fn awaiting_approval(&self) -> Result<AwaitingView> {
        let sql = format!(
            "{LINE_ITEM_SELECT}
             WHERE state = 'awaiting_approval'
             ORDER BY due_date, decision_number, seq"
        );
        let items: Vec<LineItem> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map([], line_item)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(AwaitingView {
            count: items.len(),
            total_tiyn: sum(items.iter().map(|i| i.amount_tiyn))?,
            items,
        })
    }

    /// Payments made between two dates (both included).
    pub fn paid_between(&self, from: NaiveDate, to: NaiveDate) -> Result<PaidView> {
        check_period(from, to)?;
        let items: Vec<PaidItem> = self
            .conn()
            .prepare_cached(
                "SELECT p.instalment_id, p.line_id, d.number, f.regno, p.subsidy_kind, i.seq,
                        p.due_date, p.paid_on, p.order_number, p.amount_tiyn, p.acted_by
                 FROM ledger_entries p
                 JOIN subsidy_decisions d ON d.id = p.decision_id
                 JOIN subsidy_instalments i ON i.id = p.instalment_id
                 JOIN families f ON f.id = p.family_id
                 WHERE p.kind = 'paid' AND p.paid_on >= ?1 AND p.paid_on <= ?2
                 ORDER BY p.paid_on, d.number, i.seq",
            )?
            .query_map([from.to_string(), to.to_string()], |r| {
                Ok(PaidItem {
                    instalment_id: parse(r, 0)?,
                    line_id: parse(r, 1)?,
                    decision_number: r.get(2)?,
                    family_regno: r.get(3)?,
                    kind: kind_of(r, 4)?,
                    seq: r.get(5)?,
                    due_date: parse(r, 6)?,
                    paid_on: parse(r, 7)?,
                    order_number: r.get(8)?,
                    amount_tiyn: Tiyn(r.get(9)?),
                    recorded_by: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(PaidView {
            from,
            to,
            count: items.len(),
            total_tiyn: sum(items.iter().map(|i| i.amount_tiyn))?,
            items,
        })
    }

    /// Totals of a period: instalments falling due in it by where their money stands, and the
    /// payments made in it, by kind of subsidy and in all.
    pub fn ledger_totals(&self, from: NaiveDate, to: NaiveDate) -> Result<TotalsView> {
        check_period(from, to)?;
        let (from_s, to_s) = (from.to_string(), to.to_string());
        let mut by_kind: Vec<(SubsidyKind, KindSums, Tiyn)> = vec![];
        fn slot(by_kind: &mut Vec<(SubsidyKind, KindSums, Tiyn)>, kind: SubsidyKind) -> usize {
            match by_kind.iter().position(|(k, _, _)| *k == kind) {
                Some(i) => i,
                None => {
                    by_kind.push((kind, KindSums::default(), Tiyn::ZERO));
                    by_kind.len() - 1
                }
            }
        }
        let mut all = KindSums::default();
        // Sums by kind of subsidy and kind of entry, then the reversals of approved lines: both
        // range seeks on the `ledger_totals` index (see the migration), never a sort.
        let mut grouped: Vec<(SubsidyKind, EntryKind, bool, i64)> = vec![];
        let kinds = SubsidyKind::ALL.map(|k| format!("'{}'", k.as_str())).join(", ");
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT subsidy_kind, kind, SUM(amount_tiyn) FROM ledger_entries
             WHERE subsidy_kind IN ({kinds})
               AND kind IN ('accrued', 'approved', 'paid', 'reversed')
               AND due_date >= ?1 AND due_date <= ?2
             GROUP BY subsidy_kind, kind"
        ))?;
        let rows = stmt.query_map([&from_s, &to_s], |r| {
            Ok((kind_of(r, 0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
        })?;
        for row in rows {
            let (kind, entry_kind, amount) = row?;
            grouped.push((kind, entry_kind_of(&entry_kind)?, false, amount));
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT subsidy_kind, SUM(amount_tiyn) FROM ledger_entries
             WHERE subsidy_kind IN ({kinds})
               AND kind = 'reversed' AND due_date >= ?1 AND due_date <= ?2
               AND reverses_kind = 'approved'
             GROUP BY subsidy_kind"
        ))?;
        let rows =
            stmt.query_map([&from_s, &to_s], |r| Ok((kind_of(r, 0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (kind, amount) = row?;
            // Moves that part of the reversals from "before approval" to "after approval".
            grouped.push((kind, EntryKind::Reversed, false, -amount));
            grouped.push((kind, EntryKind::Reversed, true, amount));
        }
        for (kind, entry_kind, after_approval, amount) in grouped {
            let i = slot(&mut by_kind, kind);
            by_kind[i].1.add(entry_kind, after_approval, Tiyn(amount)).ok_or_else(overflow)?;
            all.add(entry_kind, after_approval, Tiyn(amount)).ok_or_else(overflow)?;
        }
        // INDEXED BY: left alone, the planner prefers a skip-scan of `ledger_totals` for its
        // order and then reads every paid row of the table (20× slower on a million rows).
        let mut paid_stmt = self.conn().prepare_cached(
            "SELECT subsidy_kind, SUM(amount_tiyn) FROM ledger_entries INDEXED BY ledger_paid_on
             WHERE kind = 'paid' AND paid_on >= ?1 AND paid_on <= ?2
             GROUP BY subsidy_kind",
        )?;
        let paid_rows: Vec<(SubsidyKind, i64)> = paid_stmt
            .query_map([&from_s, &to_s], |r| Ok((kind_of(r, 0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut paid_in_period = Tiyn::ZERO;
        for (kind, amount) in paid_rows {
            let i = slot(&mut by_kind, kind);
            by_kind[i].2 = Tiyn(amount);
            paid_in_period = paid_in_period.checked_add(Tiyn(amount)).ok_or_else(overflow)?;
        }
        by_kind.sort_by_key(|(k, _, _)| *k);
        let all = LedgerTotals::from_sums(&all).ok_or_else(overflow)?;
        let by_kind: Vec<KindTotals> = by_kind
            .into_iter()
            .map(|(kind, sums, paid)| {
                LedgerTotals::from_sums(&sums)
                    .map(|totals| KindTotals { kind, totals, paid_in_period_tiyn: paid })
                    .ok_or_else(overflow)
            })
            .collect::<Result<_>>()?;
        let net_of_kinds = sum(by_kind.iter().map(|k| k.totals.net_tiyn))?;
        let reconciles = all.reconciles
            && by_kind.iter().all(|k| k.totals.reconciles)
            && net_of_kinds == all.net_tiyn;
        Ok(TotalsView { from, to, by_kind, all, paid_in_period_tiyn: paid_in_period, reconciles })
    }
}

fn entry_kind_of(s: &str) -> Result<EntryKind> {
    serde_json::from_value(serde_json::Value::from(s))
        .map_err(|_| StoreError::Corrupt(format!("unknown ledger entry kind {s}")))
}
