//! Recalculation: after an MCI row or a rule version is added or corrected, the unpaid
//! instalments whose amount would now be different, with old and new amounts; and a manager's
//! approval, which writes a reversal and a new accrual for each.
//!
//! # Design
//! Proposals are not stored: they are what the current MCI table and the latest version of each
//! decision's rule give for every open unpaid line, compared with what the line holds. So they
//! appear as soon as the reference data changes and disappear once applied, and they can never
//! be stale. Paid lines are never proposed. A decision's schedule (its due dates and number of
//! instalments) is kept: only amounts are recalculated. The new line keeps its preparer, so the
//! manager who approves a recalculation must not be the person who prepared the decision; when
//! the old line was approved, the new one is approved by that manager in the same step.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::from_row;
use crate::subsidy::decisions::{reverse_in, DecisionRec};
use crate::subsidy::ledger::LedgerEntryRec;
use crate::subsidy::reference::{mci_table_in, rule_set_in};
use crate::users::Action;
use crate::Store;
use chrono::NaiveDate;
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::note::Note;
use otau_core::subsidy::ledger::Line;
use otau_core::subsidy::{
    compute_instalment, EntryKind, Explanation, InstalmentState, MciApplied, SubsidyError,
    SubsidyKind,
};
use otau_core::{Coded, FieldError};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// An amount and what it was computed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecalcAmounts {
    /// Tiyn.
    pub amount_tiyn: Tiyn,
    /// MCI, when it is an amount in MCI.
    pub amount_mci: Option<MciHundredths>,
    /// The MCI row.
    pub mci: MciApplied,
    /// Rule id.
    pub rule_id: String,
    /// Rule version.
    pub rule_version: u32,
}

/// One unpaid instalment whose amount would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecalcProposal {
    /// The instalment.
    pub instalment_id: Uuid,
    /// Its open line now.
    pub line_id: Uuid,
    /// Decision number.
    pub decision_number: String,
    /// The family's registration number.
    pub family_regno: String,
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// The instalment's number.
    pub seq: u32,
    /// Due date.
    pub due_date: NaiveDate,
    /// Awaiting approval or approved.
    pub state: InstalmentState,
    /// Who prepared the line.
    pub prepared_by: String,
    /// What the line holds.
    pub old: RecalcAmounts,
    /// What it would be now.
    pub new: RecalcAmounts,
    /// Why the new amount is what it is.
    pub new_explanation: Explanation,
    /// New less old.
    pub difference_tiyn: Tiyn,
}

/// An unpaid instalment that cannot be recalculated with the current data (say, no MCI for its
/// due date any more), with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecalcBlocked {
    /// Decision number.
    pub decision_number: String,
    /// The instalment's number.
    pub seq: u32,
    /// The reason's code.
    pub code: String,
    /// Its arguments.
    pub args: BTreeMap<String, String>,
}

/// Every recalculation the current reference data proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecalcList {
    /// The proposals, by due date.
    pub proposals: Vec<RecalcProposal>,
    /// Instalments that cannot be recalculated, with why.
    pub blocked: Vec<RecalcBlocked>,
    /// The sum of the differences.
    pub total_difference_tiyn: Tiyn,
}

/// An instalment named as `DECISION/SEQ` (`PVL01-S-2026-00001/3`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalmentRef {
    /// Decision number.
    pub decision: String,
    /// Instalment number.
    pub seq: u32,
}

impl InstalmentRef {
    /// Reads `DECISION/SEQ`.
    pub fn parse(s: &str) -> std::result::Result<InstalmentRef, SubsidyError> {
        let bad = || SubsidyError::BadNumber { value: s.trim().to_string() };
        let (number, seq) = s.trim().split_once('/').ok_or_else(bad)?;
        let decision =
            crate::subsidy::decisions::parse_decision_number(number).map_err(|_| bad())?;
        let seq = seq.trim().parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(bad)?;
        Ok(InstalmentRef { decision, seq })
    }

    /// Reads every `DECISION/SEQ` of a list, or every one that does not read, each as the field
    /// error the desktop app and `otau recalc approve` both report.
    pub fn parse_all(texts: &[String]) -> std::result::Result<Vec<InstalmentRef>, Vec<FieldError>> {
        let mut refs = vec![];
        let mut bad = vec![];
        for text in texts {
            match InstalmentRef::parse(text) {
                Ok(r) => refs.push(r),
                Err(_) => bad.push(bad_ref(text)),
            }
        }
        if bad.is_empty() {
            Ok(refs)
        } else {
            Err(bad)
        }
    }
}

/// Which proposals a manager approves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecalcSelection {
    /// Every proposal.
    All,
    /// These instalments (each must have a proposal).
    Only(Vec<InstalmentRef>),
}

struct OpenLine {
    accrual: LedgerEntryRec,
    approved: bool,
    seq: u32,
    number: String,
    regno: String,
}

fn open_lines(conn: &Connection) -> Result<Vec<OpenLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.*, l.seq AS i_seq, l.decision_number AS d_number, l.family_regno AS f_regno,
                l.state = 'approved' AS is_approved
         FROM ledger_lines l
         JOIN ledger_entries a ON a.id = l.line_id
         WHERE l.state IN ('awaiting_approval', 'approved')
         ORDER BY l.due_date, l.decision_number, l.seq",
    )?;
    let rows = stmt.query_map([], |r| {
        let accrual: LedgerEntryRec = from_row(r)?;
        Ok(OpenLine {
            accrual,
            seq: r.get("i_seq")?,
            number: r.get("d_number")?,
            regno: r.get("f_regno")?,
            approved: r.get("is_approved")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn proposals_in(conn: &Connection) -> Result<RecalcList> {
    let rules = rule_set_in(conn)?;
    let mci = mci_table_in(conn)?;
    let mut decisions: HashMap<Uuid, DecisionRec> = HashMap::new();
    let mut proposals = vec![];
    let mut blocked = vec![];
    for line in open_lines(conn)? {
        let a = &line.accrual;
        let decision = match decisions.entry(a.decision_id) {
            Entry::Occupied(o) => o.into_mut(),
            Entry::Vacant(v) => v.insert(conn.query_row(
                "SELECT * FROM subsidy_decisions WHERE id = ?1",
                [a.decision_id.to_string()],
                from_row,
            )?),
        };
        let Some(rule) = rules.latest(&a.rule_id) else {
            return Err(StoreError::Corrupt(format!("rule {} is missing", a.rule_id)));
        };
        let new = match compute_instalment(rule, &decision.facts(), line.seq, a.due_date, &mci) {
            Ok(new) => new,
            Err(e) => {
                blocked.push(RecalcBlocked {
                    decision_number: line.number.clone(),
                    seq: line.seq,
                    code: e.code().to_string(),
                    args: e.args(),
                });
                continue;
            }
        };
        let unchanged = new.amount_tiyn == a.amount_tiyn
            && new.amount_mci == a.amount_mci
            && new.mci.tenge == a.mci_tenge;
        if unchanged {
            continue;
        }
        let difference_tiyn =
            new.amount_tiyn.checked_sub(a.amount_tiyn).ok_or(SubsidyError::Overflow)?;
        proposals.push(RecalcProposal {
            instalment_id: a.instalment_id,
            line_id: a.id,
            decision_number: line.number.clone(),
            family_regno: line.regno.clone(),
            kind: a.subsidy_kind,
            seq: line.seq,
            due_date: a.due_date,
            state: if line.approved {
                InstalmentState::Approved
            } else {
                InstalmentState::AwaitingApproval
            },
            prepared_by: a.prepared_by.clone(),
            old: RecalcAmounts {
                amount_tiyn: a.amount_tiyn,
                amount_mci: a.amount_mci,
                mci: a.mci(),
                rule_id: a.rule_id.clone(),
                rule_version: a.rule_version,
            },
            new: RecalcAmounts {
                amount_tiyn: new.amount_tiyn,
                amount_mci: new.amount_mci,
                mci: new.mci,
                rule_id: rule.id.clone(),
                rule_version: rule.version,
            },
            new_explanation: new.explanation,
            difference_tiyn,
        });
    }
    let total_difference_tiyn = Tiyn::checked_sum(proposals.iter().map(|p| p.difference_tiyn))
        .ok_or(SubsidyError::Overflow)?;
    Ok(RecalcList { proposals, blocked, total_difference_tiyn })
}

impl Store {
    /// The recalculations the current MCI table and rules propose for unpaid instalments.
    pub fn recalc_proposals(&self) -> Result<RecalcList> {
        proposals_in(self.conn())
    }

    /// Applies recalculations (managers and administrators, never the preparer of the line):
    /// for each, a reversal of the old line and a new accrual with the new amount, MCI row and
    /// rule version — approved at once by the same manager when the old line was approved.
    /// All or nothing. Returns what was applied.
    pub fn approve_recalc(
        &mut self,
        ctx: &Context,
        selection: &RecalcSelection,
        reason: Option<&str>,
    ) -> Result<Vec<RecalcProposal>> {
        ctx.actor.require(Action::ApprovePayment)?;
        // Without a reason typed, the system's own, kept as a code.
        let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(typed) => typed.to_string(),
            None => Note::coded(otau_core::note::RECALCULATION, &[]).to_stored(),
        };
        self.write(ctx, "subsidy.recalc", |change| {
            change.set_reason(Some(reason.clone()));
            let list = proposals_in(change.tx())?;
            let chosen: Vec<RecalcProposal> = match selection {
                RecalcSelection::All => list.proposals,
                RecalcSelection::Only(refs) => {
                    let mut out: Vec<RecalcProposal> = vec![];
                    for r in refs {
                        let p = list
                            .proposals
                            .iter()
                            .find(|p| p.decision_number == r.decision && p.seq == r.seq)
                            .ok_or_else(|| SubsidyError::NotProposed {
                                decision: r.decision.clone(),
                                seq: r.seq,
                            })?;
                        if !out.iter().any(|o| o.instalment_id == p.instalment_id) {
                            out.push(p.clone());
                        }
                    }
                    out
                }
            };
            let login = change.actor().login.clone();
            for p in &chosen {
                if p.prepared_by.eq_ignore_ascii_case(&login) {
                    return Err(SubsidyError::MakerChecker {
                        login: login.clone(),
                        decision: p.decision_number.clone(),
                        seq: p.seq,
                    }
                    .into());
                }
                super::four_eyes::check_accounts(
                    change.tx(),
                    change.actor(),
                    &p.prepared_by,
                    &p.decision_number,
                    p.seq,
                )?;
            }
            for p in &chosen {
                let accrual: LedgerEntryRec = change.tx().query_row(
                    "SELECT * FROM ledger_entries WHERE id = ?1",
                    [p.line_id.to_string()],
                    from_row,
                )?;
                let line = Line {
                    prepared_by: accrual.prepared_by.clone(),
                    approved: p.state == InstalmentState::Approved,
                    paid: false,
                    reversed: false,
                };
                reverse_in(change, &[(&accrual, &line)], &p.decision_number, |_| p.seq, &reason)?;
                let id = Uuid::now_v7();
                let mut fresh = LedgerEntryRec {
                    id,
                    line_id: id,
                    amount_tiyn: p.new.amount_tiyn,
                    amount_mci: p.new.amount_mci,
                    mci_effective_from: p.new.mci.effective_from,
                    mci_tenge: p.new.mci.tenge,
                    rule_version: p.new.rule_version,
                    explanation: p.new_explanation.clone(),
                    reason: Some(reason.clone()),
                    ..LedgerEntryRec::follow(&accrual, EntryKind::Accrued, &login, change.at())
                };
                change.insert(&mut fresh)?;
                if p.state == InstalmentState::Approved {
                    let mut approval =
                        LedgerEntryRec::follow(&fresh, EntryKind::Approved, &login, change.at());
                    approval.reason = None;
                    change.insert(&mut approval)?;
                }
            }
            Ok(chosen)
        })
    }
}

/// A recalculation reference that does not parse, as a field error of `otau recalc approve`.
pub fn bad_ref(value: &str) -> FieldError {
    FieldError::bare("recalc.instalment", "recalc-bad-ref").with_arg("value", value.trim())
}
