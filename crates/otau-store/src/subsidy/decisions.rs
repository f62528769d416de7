//! Subsidy decisions and their instalments in the store: preparing a decision (eligibility,
//! computation, the first ledger entries), approving, paying, reversing, a family's move away
//! from the region, and the decision views the app shows.
//!
//! **Architecture Invariant**: the rules are pure functions of `otau_core::subsidy`; this module
//! gathers their facts inside the write transaction, calls them, and writes what they decided
//! through [`crate::write::Change::insert`]. Decisions, instalments and ledger entries are never
//! changed afterwards: a correction is a reversal plus a new entry.
//!
//! **API boundary**: the `Store` methods here and in [`crate::subsidy::ledger`] and
//! [`crate::subsidy::recalc`] are what the desktop app and `otau` call; every view is a
//! serialisable struct with money as integers of tiyn.

use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::registry::{FamilyRec, PersonRec};
use crate::subsidy::ledger::{entries_of_decision, totals_of, LedgerEntryRec};
use crate::write::Change;
use chrono::NaiveDate;
use otau_core::model::Relation;
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::regno::RegNo;
use otau_core::subsidy::eligibility::MemberWithoutIin;
use otau_core::subsidy::ledger::{check_reverse, instalment_state, Line};
use otau_core::subsidy::{
    EntryKind, Explanation, FamilyFacts, InstalmentState, LedgerTotals, MciApplied, SettlementType,
    SubsidyError, SubsidyKind,
};
use otau_core::FieldError;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

impl From<SubsidyError> for StoreError {
    fn from(e: SubsidyError) -> Self {
        match e {
            SubsidyError::Facts(fields) => StoreError::Invalid(fields),
            other => StoreError::Subsidy(other),
        }
    }
}

/// A row of `subsidy_decisions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRec {
    /// Id.
    pub id: Uuid,
    /// Readable number `OFFICE-S-YYYY-NNNNN` (year of the decision date).
    pub number: String,
    /// The family.
    pub family_id: Uuid,
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// The rule id it was made under.
    pub rule_id: String,
    /// The rule version it was made under.
    pub rule_version: u32,
    /// Decision date.
    pub decided_on: NaiveDate,
    /// First instalment's due date.
    pub first_due_on: NaiveDate,
    /// Family members counted.
    pub members: u32,
    /// Town or village, for tiered rules.
    pub settlement_type: Option<SettlementType>,
    /// Housing cost, for a share of a cost.
    pub housing_cost_tiyn: Option<Tiyn>,
    /// Months asked for, when fewer than the rule's most.
    pub months: Option<u32>,
    /// Number of instalments.
    pub instalments: u32,
    /// The total when decided.
    pub total_tiyn: Tiyn,
    /// A note.
    pub note: Option<String>,
    /// Login of the person who prepared it.
    pub prepared_by: String,
    /// Record version (always 1).
    pub version: i64,
}

impl DecisionRec {
    /// The facts the decision was computed with.
    pub fn facts(&self) -> FamilyFacts {
        FamilyFacts {
            members: self.members,
            settlement_type: self.settlement_type,
            housing_cost: self.housing_cost_tiyn,
            months: self.months,
        }
    }
}

impl Record for DecisionRec {
    const TABLE: &'static str = "subsidy_decisions";
    const ENTITY: &'static str = "subsidy_decision";
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

/// A row of `subsidy_instalments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalmentRec {
    /// Id.
    pub id: Uuid,
    /// The decision.
    pub decision_id: Uuid,
    /// The family.
    pub family_id: Uuid,
    /// 1, 2, … within the decision.
    pub seq: u32,
    /// Due date.
    pub due_date: NaiveDate,
    /// Record version (always 1).
    pub version: i64,
}

impl Record for InstalmentRec {
    const TABLE: &'static str = "subsidy_instalments";
    const ENTITY: &'static str = "subsidy_instalment";
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

/// A row of `family_departures`: the family moved away from its region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartureRec {
    /// Id.
    pub id: Uuid,
    /// The family.
    pub family_id: Uuid,
    /// The date it moved away.
    pub moved_on: NaiveDate,
    /// Why, or what is known.
    pub reason: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// Version.
    pub version: i64,
}

impl Record for DepartureRec {
    const TABLE: &'static str = "family_departures";
    const ENTITY: &'static str = "family_departure";
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

/// Where a reimbursement case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReimbursementStatus {
    /// To be paid back.
    Open,
    /// Paid back.
    Settled,
    /// Not to be paid back (an exemption).
    Waived,
}

/// A row of `reimbursement_cases`: money a family must pay back after moving away within a
/// rule's term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReimbursementRec {
    /// Id.
    pub id: Uuid,
    /// The family.
    pub family_id: Uuid,
    /// The decision whose payments are to be paid back.
    pub decision_id: Uuid,
    /// The move away that opened the case.
    pub departure_id: Uuid,
    /// What was paid under the decision.
    pub amount_tiyn: Tiyn,
    /// The end of the rule's term (moving away before it opens a case).
    pub term_ends_on: NaiveDate,
    /// Where it stands.
    pub status: ReimbursementStatus,
    /// Why.
    pub reason: String,
    /// Version.
    pub version: i64,
}

impl Record for ReimbursementRec {
    const TABLE: &'static str = "reimbursement_cases";
    const ENTITY: &'static str = "reimbursement_case";
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

/// A payment recorded for an instalment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// Payment order number.
    pub order_number: String,
    /// Payment date.
    pub paid_on: NaiveDate,
    /// Who recorded it.
    pub recorded_by: String,
}

/// An instalment as the decision and the statement show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalmentView {
    /// Instalment id.
    pub id: Uuid,
    /// 1, 2, … within the decision.
    pub seq: u32,
    /// Due date.
    pub due_date: NaiveDate,
    /// Where it stands.
    pub state: InstalmentState,
    /// The open line (absent when cancelled).
    pub line_id: Option<Uuid>,
    /// The amount of the open line (of the last line when cancelled).
    pub amount_tiyn: Tiyn,
    /// The same in MCI, when it is an amount in MCI.
    pub amount_mci: Option<MciHundredths>,
    /// The MCI row applied.
    pub mci: MciApplied,
    /// Rule id.
    pub rule_id: String,
    /// Rule version.
    pub rule_version: u32,
    /// Why the amount is what it is.
    pub explanation: Explanation,
    /// Who prepared the line.
    pub prepared_by: String,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// The payment, when paid.
    pub payment: Option<Payment>,
    /// Lines of this instalment reversed so far.
    pub reversed_lines: u32,
}

/// A decision with its instalments and its totals in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    /// Decision id.
    pub id: Uuid,
    /// Number.
    pub number: String,
    /// The family.
    pub family_id: Uuid,
    /// The family's registration number.
    pub family_regno: String,
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// Rule id.
    pub rule_id: String,
    /// Rule version.
    pub rule_version: u32,
    /// Decision date.
    pub decided_on: NaiveDate,
    /// First due date.
    pub first_due_on: NaiveDate,
    /// Members counted.
    pub members: u32,
    /// Town or village.
    pub settlement_type: Option<SettlementType>,
    /// Housing cost.
    pub housing_cost_tiyn: Option<Tiyn>,
    /// A note.
    pub note: Option<String>,
    /// Who prepared it.
    pub prepared_by: String,
    /// The total when decided.
    pub total_at_decision_tiyn: Tiyn,
    /// The instalments.
    pub instalments: Vec<InstalmentView>,
    /// What the ledger says of the decision now.
    pub totals: LedgerTotals,
}

/// A family and its members (the head first), read inside a transaction.
pub(crate) struct FamilyIn {
    pub(crate) id: Uuid,
    pub(crate) regno: String,
    pub(crate) arrival_date: NaiveDate,
    pub(crate) members: Vec<PersonRec>,
}

impl FamilyIn {
    pub(crate) fn head_name(&self) -> String {
        self.members.first().map(PersonRec::full_name).unwrap_or_default()
    }

    pub(crate) fn head_id(&self) -> Option<Uuid> {
        self.members.iter().find(|m| m.relation == Relation::Head).map(|m| m.id)
    }

    pub(crate) fn without_iin(&self) -> Vec<MemberWithoutIin> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.iin.as_deref().is_none_or(|i| i.trim().is_empty()))
            .map(|(index, m)| MemberWithoutIin {
                index,
                regno: m.regno.clone(),
                name: m.full_name(),
            })
            .collect()
    }
}

/// The family of a registration number (any member's, or the family's).
pub(crate) fn family_in(conn: &Connection, regno: &str) -> Result<FamilyIn> {
    let regno = RegNo::parse(regno)
        .map(|r| r.to_string())
        .map_err(|e| StoreError::Invalid(vec![FieldError::new("regno", &e)]))?;
    let family: FamilyRec = conn
        .query_row(
            "SELECT f.* FROM families f WHERE f.regno = ?1
             UNION ALL
             SELECT f.* FROM families f JOIN persons p ON p.family_id = f.id WHERE p.regno = ?1
             LIMIT 1",
            [&regno],
            from_row,
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "family", key: regno })?;
    family_members(conn, family)
}

pub(crate) fn family_by_id(conn: &Connection, id: Uuid) -> Result<FamilyIn> {
    let family: FamilyRec =
        conn.query_row("SELECT * FROM families WHERE id = ?1", [id.to_string()], from_row)?;
    family_members(conn, family)
}

fn family_members(conn: &Connection, family: FamilyRec) -> Result<FamilyIn> {
    let members: Vec<PersonRec> = conn
        .prepare_cached(
            "SELECT * FROM persons WHERE family_id = ?1
             ORDER BY CASE relation WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END,
                      birth_date, regno",
        )?
        .query_map([family.id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(FamilyIn { id: family.id, regno: family.regno, arrival_date: family.arrival_date, members })
}

/// Checks the shape of a decision number and gives it in capitals.
pub fn parse_decision_number(s: &str) -> std::result::Result<String, SubsidyError> {
    let value = s.trim().to_uppercase();
    let parts: Vec<&str> = value.split('-').collect();
    let ok = parts.len() == 4
        && otau_core::regno::OfficeCode::parse(parts[0]).is_ok()
        && parts[1] == "S"
        && parts[2].len() == 4
        && parts[2].bytes().all(|b| b.is_ascii_digit())
        && parts[3].len() == 5
        && parts[3].bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(value)
    } else {
        Err(SubsidyError::BadNumber { value: s.trim().to_string() })
    }
}

pub(crate) fn decision_by_number(conn: &Connection, number: &str) -> Result<DecisionRec> {
    let number = parse_decision_number(number)?;
    conn.query_row("SELECT * FROM subsidy_decisions WHERE number = ?1", [&number], from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "decision", key: number })
}

pub(crate) fn instalments_of(conn: &Connection, decision_id: Uuid) -> Result<Vec<InstalmentRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM subsidy_instalments WHERE decision_id = ?1 ORDER BY seq")?
        .query_map([decision_id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// One instalment with its lines, as the actions and the views need it.
pub(crate) struct Slot {
    pub(crate) instalment: InstalmentRec,
    /// The open line's accrued entry and what its entries say.
    pub(crate) open: Option<(LedgerEntryRec, Line)>,
    /// The latest accrual (the open one, or the last reversed one).
    pub(crate) last: LedgerEntryRec,
    pub(crate) state: InstalmentState,
    approved_by: Option<String>,
    payment: Option<Payment>,
    reversed_lines: u32,
}

/// The slots of a decision's instalments, from its entries.
pub(crate) fn slots(
    instalments: Vec<InstalmentRec>,
    entries: &[LedgerEntryRec],
) -> Result<Vec<Slot>> {
    let mut out = Vec::with_capacity(instalments.len());
    for instalment in instalments {
        let mut lines: Vec<(LedgerEntryRec, Line, Option<String>, Option<Payment>)> = vec![];
        for accrual in entries
            .iter()
            .filter(|e| e.instalment_id == instalment.id && e.kind == EntryKind::Accrued)
        {
            let of_line = |kind: EntryKind| {
                entries.iter().find(|e| e.line_id == accrual.id && e.kind == kind)
            };
            let approved = of_line(EntryKind::Approved);
            let paid = of_line(EntryKind::Paid);
            let line = Line {
                prepared_by: accrual.prepared_by.clone(),
                approved: approved.is_some(),
                paid: paid.is_some(),
                reversed: of_line(EntryKind::Reversed).is_some(),
            };
            let payment = paid.map(|p| Payment {
                order_number: p.order_number.clone().unwrap_or_default(),
                paid_on: p.paid_on.unwrap_or(p.due_date),
                recorded_by: p.acted_by.clone(),
            });
            lines.push((accrual.clone(), line, approved.map(|a| a.acted_by.clone()), payment));
        }
        let state = instalment_state(lines.iter().map(|(_, l, _, _)| l));
        let reversed_lines = lines.iter().filter(|(_, l, _, _)| l.reversed).count() as u32;
        let open_at = lines.iter().position(|(_, l, _, _)| !l.reversed);
        let Some(chosen) = open_at.or(lines.len().checked_sub(1)) else {
            return Err(StoreError::Corrupt(format!(
                "instalment {} has no accrual",
                instalment.id
            )));
        };
        let (accrual, line, approved_by, payment) = lines.swap_remove(chosen);
        let open = open_at.map(|_| (accrual.clone(), line));
        out.push(Slot {
            instalment,
            open,
            last: accrual,
            state,
            approved_by,
            payment,
            reversed_lines,
        });
    }
    Ok(out)
}

fn instalment_view(slot: &Slot) -> InstalmentView {
    let e = &slot.last;
    InstalmentView {
        id: slot.instalment.id,
        seq: slot.instalment.seq,
        due_date: slot.instalment.due_date,
        state: slot.state,
        line_id: slot.open.as_ref().map(|(a, _)| a.id),
        amount_tiyn: e.amount_tiyn,
        amount_mci: e.amount_mci,
        mci: e.mci(),
        rule_id: e.rule_id.clone(),
        rule_version: e.rule_version,
        explanation: e.explanation.clone(),
        prepared_by: e.prepared_by.clone(),
        approved_by: slot.open.as_ref().and(slot.approved_by.clone()),
        payment: slot.open.as_ref().and(slot.payment.clone()),
        reversed_lines: slot.reversed_lines,
    }
}

pub(crate) fn decision_view(
    conn: &Connection,
    d: DecisionRec,
    family_regno: &str,
) -> Result<DecisionView> {
    let entries = entries_of_decision(conn, d.id)?;
    let slots = slots(instalments_of(conn, d.id)?, &entries)?;
    Ok(DecisionView {
        id: d.id,
        number: d.number,
        family_id: d.family_id,
        family_regno: family_regno.to_string(),
        kind: d.kind,
        rule_id: d.rule_id,
        rule_version: d.rule_version,
        decided_on: d.decided_on,
        first_due_on: d.first_due_on,
        members: d.members,
        settlement_type: d.settlement_type,
        housing_cost_tiyn: d.housing_cost_tiyn,
        note: d.note,
        prepared_by: d.prepared_by,
        total_at_decision_tiyn: d.total_tiyn,
        instalments: slots.iter().map(instalment_view).collect(),
        totals: totals_of(&entries)?,
    })
}

pub(crate) fn decision_view_by_id(conn: &Connection, id: Uuid) -> Result<DecisionView> {
    let d: DecisionRec = conn.query_row(
        "SELECT * FROM subsidy_decisions WHERE id = ?1",
        [id.to_string()],
        from_row,
    )?;
    let regno: String = conn.query_row(
        "SELECT regno FROM families WHERE id = ?1",
        [d.family_id.to_string()],
        |r| r.get(0),
    )?;
    decision_view(conn, d, &regno)
}

/// Every decision of a family, oldest first.
pub(crate) fn decision_views_of_family(
    conn: &Connection,
    family: &FamilyIn,
) -> Result<Vec<DecisionView>> {
    let decisions: Vec<DecisionRec> = conn
        .prepare_cached(
            "SELECT * FROM subsidy_decisions WHERE family_id = ?1 ORDER BY decided_on, number",
        )?
        .query_map([family.id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    decisions.into_iter().map(|d| decision_view(conn, d, &family.regno)).collect()
}

pub(crate) fn moved_away_on(conn: &Connection, family_id: Uuid) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT * FROM family_departures WHERE family_id = ?1",
            [family_id.to_string()],
            from_row::<DepartureRec>,
        )
        .optional()?
        .map(|d| d.moved_on))
}

/// Writes reversals of the open lines of `targets` inside a change.
pub(crate) fn reverse_in(
    change: &mut Change<'_>,
    targets: &[(&LedgerEntryRec, &Line)],
    number: &str,
    seq_of: impl Fn(&LedgerEntryRec) -> u32,
    reason: &str,
) -> Result<()> {
    let login = change.actor().login.clone();
    let at = change.at();
    for (accrual, line) in targets {
        let state = check_reverse(line, number, seq_of(accrual))?;
        let mut entry = LedgerEntryRec::follow(accrual, EntryKind::Reversed, &login, at);
        entry.reverses_kind = Some(if state == InstalmentState::Approved {
            EntryKind::Approved
        } else {
            EntryKind::Accrued
        });
        entry.reason = Some(reason.to_string());
        change.insert(&mut entry)?;
    }
    Ok(())
}
