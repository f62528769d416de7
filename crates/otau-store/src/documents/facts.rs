//! What documents say of case work and the payment ledger: the kandas statuses, the regional
//! quota and the subsidies of a month for the monthly summary, a family's ledger rows for its
//! payment statement, and a subsidy decision as its document prints it.
//!
//! # Design
//! - [`OfficeRecords`] is the [`CaseWork`] of a database that keeps case work and the ledger: it
//!   reads `kandas_statuses`, the quota table and inclusions, and the ledger (a family's
//!   statement and `ledger_entries`), on the connection it is given.
//! - **Subsidies of a month** are counted on the accrual basis the ledger's period totals use
//!   ([`Store::ledger_totals`]): every entry of an instalment falling due in the month. Accrued
//!   is net of every reversal, approved is net of the reversals of approved lines, and paid is
//!   what was paid of those instalments, so the rows add up to the period totals to the tiyn.
//! - **Names and explanations** are the words the caller gives ([`Words`]) for the subsidy
//!   messages (`subsidy_kind-*`, `subsidy-explain-*`) in Kazakh and Russian when the document
//!   is made: the document keeps the words it was issued with.

use crate::casework::quota::quota_table_in;
use crate::documents::content::{CaseWork, Words};
use crate::error::{Result, StoreError};
use crate::subsidy::views::statement_in;
use crate::Store;
use chrono::NaiveDate;
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::subsidy::{EntryKind, InstalmentState, SubsidyKind};
use otau_print::data::{
    DecisionData, DecisionLine, LedgerEntryKind, LedgerLine, Money, QuotaUse, StatusCounts,
    SubsidyRow,
};
use otau_print::Month;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Case work and the ledger as this database keeps them, with the words documents print for
/// them.
#[derive(Clone, Copy)]
pub struct OfficeRecords<'w> {
    /// The names of subsidies and the explanations of amounts.
    pub words: &'w dyn Words,
}

impl std::fmt::Debug for OfficeRecords<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OfficeRecords")
    }
}

fn overflow() -> StoreError {
    StoreError::from(otau_core::subsidy::SubsidyError::Overflow)
}

fn entry_kind(kind: EntryKind) -> LedgerEntryKind {
    match kind {
        EntryKind::Accrued => LedgerEntryKind::Accrued,
        EntryKind::Approved => LedgerEntryKind::Approved,
        EntryKind::Paid => LedgerEntryKind::Paid,
        EntryKind::Reversed => LedgerEntryKind::Reversed,
    }
}

/// Adds (or, with `sign` −1, takes away) an amount.
fn add(to: &mut Money, sign: i64, tiyn: i64, mci: Option<i64>) -> Result<()> {
    let part = Money {
        mci: MciHundredths(mci.unwrap_or(0).checked_mul(sign).ok_or_else(overflow)?),
        tenge: Tiyn(tiyn.checked_mul(sign).ok_or_else(overflow)?),
    };
    *to = to.checked_add(part).ok_or_else(overflow)?;
    Ok(())
}

/// A user's full name, else the login.
fn user_name(conn: &Connection, login: &str) -> Result<String> {
    let name: Option<Option<String>> = conn
        .query_row("SELECT full_name FROM users WHERE login = ?1", [login], |r| r.get(0))
        .optional()?;
    Ok(name.flatten().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| login.to_string()))
}

impl CaseWork for OfficeRecords<'_> {
    fn statuses(
        &self,
        conn: &Connection,
        office: &str,
        month: Month,
    ) -> Result<Option<StatusCounts>> {
        let (from, to) = (month.first_day().to_string(), month.last_day().to_string());
        // Each count reads its own index: a month's statuses, not every status ever recorded.
        let count = |condition: &str| -> Result<i64> {
            let sql = format!(
                "SELECT COUNT(*) FROM kandas_statuses s
                 JOIN persons p ON p.id = s.person_id
                 JOIN families f ON f.id = p.family_id
                 JOIN offices o ON o.id = f.office_id
                 WHERE o.code = ?1 AND {condition}"
            );
            Ok(conn.prepare_cached(&sql)?.query_row(params![office, from, to], |r| r.get(0))?)
        };
        let counts = StatusCounts {
            granted: count("s.decided_on BETWEEN ?2 AND ?3 AND s.decision = 'granted'")?,
            extended: count("s.extended_on BETWEEN ?2 AND ?3")?,
            ending: count("s.ended_on BETWEEN ?2 AND ?3")?
                + count(
                    "s.valid_until BETWEEN ?2 AND ?3 AND s.valid_until IS NOT NULL
                     AND s.ended_on IS NULL AND s.decision = 'granted'",
                )?,
        };
        Ok(Some(counts))
    }

    fn quota(&self, conn: &Connection, office: &str, month: Month) -> Result<Option<QuotaUse>> {
        let region: Option<String> = conn
            .query_row("SELECT region FROM offices WHERE code = ?1", [office], |r| r.get(0))
            .optional()?;
        let Some(region) = region else { return Ok(None) };
        let year = month.year();
        let row = quota_table_in(conn)?.in_force(&region, year, month.last_day()).cloned();
        // The year's inclusions of the region, added up where they are (one indexed read).
        let (count, before, in_month): (i64, i64, i64) = conn
            .prepare_cached(
                "SELECT COUNT(*),
                        COALESCE(SUM(CASE WHEN decided_on < ?3 THEN people END), 0),
                        COALESCE(SUM(CASE WHEN decided_on BETWEEN ?3 AND ?4 THEN people END), 0)
                 FROM quota_inclusions WHERE region = ?1 AND year = ?2",
            )?
            .query_row(
                params![region, year, month.first_day().to_string(), month.last_day().to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
        if row.is_none() && count == 0 {
            return Ok(None);
        }
        let used = QuotaUse {
            year,
            quota: row.map(|r| r.people).unwrap_or(0),
            used_before: before,
            used_in_month: in_month,
        };
        Ok(Some(used))
    }

    fn subsidies(
        &self,
        conn: &Connection,
        _office: &str,
        month: Month,
    ) -> Result<Option<Vec<SubsidyRow>>> {
        let mut stmt = conn.prepare(
            "SELECT subsidy_kind, kind, reverses_kind, amount_tiyn, amount_mci FROM ledger_entries
             WHERE kind IN ('accrued', 'approved', 'paid', 'reversed')
               AND due_date >= ?1 AND due_date <= ?2",
        )?;
        let rows =
            stmt.query_map([month.first_day().to_string(), month.last_day().to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                ))
            })?;
        let mut by_kind: BTreeMap<SubsidyKind, [Money; 3]> = BTreeMap::new();
        for row in rows {
            let (subsidy, entry, reverses, tiyn, mci) = row?;
            let kind = SubsidyKind::parse(&subsidy)
                .ok_or_else(|| StoreError::Corrupt(format!("ledger: subsidy kind {subsidy}")))?;
            let [accrued, approved, paid] = by_kind.entry(kind).or_default();
            match entry.as_str() {
                "accrued" => add(accrued, 1, tiyn, mci)?,
                "approved" => add(approved, 1, tiyn, mci)?,
                "paid" => add(paid, 1, tiyn, mci)?,
                "reversed" => {
                    add(accrued, -1, tiyn, mci)?;
                    if reverses.as_deref() == Some("approved") {
                        add(approved, -1, tiyn, mci)?;
                    }
                }
                other => return Err(StoreError::Corrupt(format!("ledger: entry kind {other}"))),
            }
        }
        Ok(Some(
            by_kind
                .into_iter()
                .map(|(kind, [accrued, approved, paid])| {
                    let (subsidy_kk, subsidy_ru) = self.words.subsidy(kind);
                    SubsidyRow { subsidy_kk, subsidy_ru, accrued, approved, paid }
                })
                .collect(),
        ))
    }

    fn ledger(&self, conn: &Connection, family: Uuid, as_of: NaiveDate) -> Result<Vec<LedgerLine>> {
        let regno: Option<String> = conn
            .query_row("SELECT regno FROM families WHERE id = ?1", [family.to_string()], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(regno) = regno else { return Ok(vec![]) };
        let statement = statement_in(conn, &regno)?;
        let mut lines = vec![];
        for (order, e) in statement.entries.iter().enumerate() {
            // Accruals count on their due date (as the period totals do), payments on the day
            // paid, approvals and reversals on the day they were written.
            let date = match e.kind {
                EntryKind::Accrued => e.due_date,
                EntryKind::Paid => e.paid_on.unwrap_or(e.due_date),
                EntryKind::Approved | EntryKind::Reversed => e.at.date_naive(),
            };
            if date > as_of {
                continue;
            }
            let sign = if e.kind == EntryKind::Reversed { -1 } else { 1 };
            let (subsidy_kk, subsidy_ru) = self.words.subsidy(e.subsidy_kind);
            let of = statement
                .decisions
                .iter()
                .find(|d| d.number == e.decision_number)
                .map_or(1, |d| d.instalments.len());
            let mut reference = if of > 1 {
                format!("{} №{}", e.decision_number, e.seq)
            } else {
                e.decision_number.clone()
            };
            if let Some(order) = &e.order_number {
                reference = format!("{reference}\n{order}");
            }
            let line = LedgerLine {
                date,
                entry: entry_kind(e.kind),
                subsidy_kk,
                subsidy_ru,
                amount: MciHundredths(
                    e.amount_mci.map_or(0, |m| m.0).checked_mul(sign).ok_or_else(overflow)?,
                ),
                mci_tenge: e.mci.tenge,
                tenge: Tiyn(e.amount_tiyn.0.checked_mul(sign).ok_or_else(overflow)?),
                reference,
            };
            lines.push((date, order, line));
        }
        lines.sort_by_key(|(date, order, _)| (*date, *order));
        Ok(lines.into_iter().map(|(_, _, l)| l).collect())
    }
}

impl Store {
    /// What a subsidy decision's document says: each instalment (not cancelled) with its due
    /// date, the MCI row applied, its amount and the explanation in Kazakh and Russian, and who
    /// prepared and approved it. Returns the family's id with it.
    pub fn decision_data(&self, number: &str, words: &dyn Words) -> Result<(Uuid, DecisionData)> {
        let d = self.decision(number)?;
        let (_, office) = crate::documents::office_header(self.conn())?;
        let view = self.family(&d.family_regno)?;
        let head = view.members.first().map(|m| m.person.full_name()).unwrap_or_default();
        let (subsidy_kk, subsidy_ru) = words.subsidy(d.kind);
        let mut approved_by = None;
        let mut lines = vec![];
        for i in d.instalments.iter().filter(|i| i.state != InstalmentState::Cancelled) {
            if approved_by.is_none() {
                approved_by = i.approved_by.clone();
            }
            let (kk, ru) = words.explanation(&i.explanation);
            let amount = i.amount_mci.unwrap_or(MciHundredths::ZERO);
            lines.push(DecisionLine {
                subsidy_kk: subsidy_kk.clone(),
                subsidy_ru: subsidy_ru.clone(),
                rate: amount,
                persons: None,
                months: None,
                amount,
                mci_tenge: i.mci.tenge,
                mci_from: i.mci.effective_from,
                tenge: i.amount_tiyn,
                due_date: Some(i.due_date),
                explanation_kk: Some(kk),
                explanation_ru: Some(ru),
            });
        }
        let approved_by = approved_by.map(|login| user_name(self.conn(), &login)).transpose()?;
        Ok((
            d.family_id,
            DecisionData {
                office,
                decision_ref: d.number.clone(),
                family_regno: d.family_regno.clone(),
                head_name: head,
                family_size: d.members,
                decided_on: d.decided_on,
                lines,
                prepared_by: user_name(self.conn(), &d.prepared_by)?,
                approved_by,
            },
        ))
    }
}
