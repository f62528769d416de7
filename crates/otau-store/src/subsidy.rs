//! Subsidy decisions and their instalments in the store: preparing a decision (eligibility,
//! computation, the first ledger entries), approving, paying, reversing, a family's move away
//! from the region, and the decision views the app shows.
//!
//! **Architecture Invariant**: the rules are pure functions of `otau_core::subsidy`; this module
//! gathers their facts inside the write transaction, calls them, and writes what they decided
//! through [`crate::write::Change::insert`]. Decisions, instalments and ledger entries are never
//! changed afterwards: a correction is a reversal plus a new entry.
//!
//! **API boundary**: the `Store` methods here and in [`crate::ledger`] and
//! [`crate::subsidy_recalc`] are what the desktop app and `otau` call; every view is a
//! serialisable struct with money as integers of tiyn.

use crate::eligibility_facts::casework_facts;
use crate::error::{Result, StoreError};
use crate::ledger::{entries_of_decision, totals_of, LedgerEntryRec};
use crate::record::{from_row, Record};
use crate::registry::{FamilyRec, PersonRec};
use crate::subsidy_reference::{mci_table_in, required, rule_set_in};
use crate::users::{Action, Actor, Role};
use crate::write::Change;
use crate::Store;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use otau_core::model::Relation;
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::regno::RegNo;
use otau_core::subsidy::eligibility::{MemberWithoutIin, PriorGrant};
use otau_core::subsidy::ledger::{check_approve, check_pay, check_reverse, instalment_state, Line};
use otau_core::subsidy::{
    check_eligibility, check_payable, compute_decision, Decision, EligibilityFacts, EntryKind,
    Explanation, FamilyFacts, InstalmentState, LedgerTotals, MciApplied, Refusal, SettlementType,
    SubsidyError, SubsidyKind, SubsidyRule,
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

/// What a clerk asks for when preparing a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepareRequest {
    /// Registration number of any member of the family.
    pub family: String,
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// The decision date.
    pub decided_on: NaiveDate,
    /// The first instalment's due date (the decision date when absent).
    #[serde(default)]
    pub first_due_on: Option<NaiveDate>,
    /// Town or village (rent).
    #[serde(default)]
    pub settlement_type: Option<SettlementType>,
    /// The housing cost (mobility certificate).
    #[serde(default)]
    pub housing_cost: Option<Tiyn>,
    /// Fewer months than the rule's most (rent).
    #[serde(default)]
    pub months: Option<u32>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Whether a family may get a kind of subsidy on a date, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityReport {
    /// The family's registration number.
    pub family_regno: String,
    /// The kind asked about.
    pub kind: SubsidyKind,
    /// The decision date asked about.
    pub decided_on: NaiveDate,
    /// The rule in force then, if any.
    pub rule: Option<SubsidyRule>,
    /// The facts gathered.
    pub facts: EligibilityFacts,
    /// Every reason to refuse (a missing rule among them), each naming its field.
    pub refusals: Vec<FieldError>,
    /// No reason to refuse.
    pub eligible: bool,
}

/// A decision as it would be prepared, before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionPreview {
    /// The computed decision.
    pub decision: Decision,
    /// The eligibility check.
    pub eligibility: EligibilityReport,
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

/// What an approval, payment or reversal did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDone {
    /// The instalments acted on.
    pub instalments: Vec<u32>,
    /// The decision afterwards.
    pub decision: DecisionView,
}

/// An instalment cancelled by a move away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelledInstalment {
    /// Decision number.
    pub decision_number: String,
    /// Instalment.
    pub seq: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Its amount.
    pub amount_tiyn: Tiyn,
}

/// What recording a move away did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveAwayDone {
    /// The family's registration number.
    pub family_regno: String,
    /// The move away as recorded.
    pub departure: DepartureRec,
    /// Unpaid instalments due after the move, cancelled.
    pub cancelled: Vec<CancelledInstalment>,
    /// Reimbursement cases opened.
    pub reimbursement_cases: Vec<ReimbursementRec>,
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

    fn head_id(&self) -> Option<Uuid> {
        self.members.iter().find(|m| m.relation == Relation::Head).map(|m| m.id)
    }

    fn without_iin(&self) -> Vec<MemberWithoutIin> {
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

fn family_by_id(conn: &Connection, id: Uuid) -> Result<FamilyIn> {
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

fn next_decision_number(conn: &Connection, office: &str, year: i32) -> Result<String> {
    let prefix = format!("{office}-S-{year}-");
    let max: Option<String> = conn.query_row(
        "SELECT MAX(number) FROM subsidy_decisions WHERE number >= ?1 AND number < ?2",
        [&prefix, &format!("{office}-S-{year}.")],
        |r| r.get(0),
    )?;
    let last = max.and_then(|m| m.strip_prefix(&prefix).and_then(|s| s.parse::<u32>().ok()));
    let next =
        match crate::numbers::next_from_blocks(conn, crate::numbers::Series::Decision, year, 0)? {
            // An enrolled device numbers from its blocks; the office's only device after the last.
            Some(n) => u32::try_from(n).map_err(|_| StoreError::SequenceExhausted { year })?,
            None => last.unwrap_or(0) + 1,
        };
    if next > 99_999 {
        return Err(StoreError::SequenceExhausted { year });
    }
    Ok(format!("{prefix}{next:05}"))
}

fn decision_by_number(conn: &Connection, number: &str) -> Result<DecisionRec> {
    let number = parse_decision_number(number)?;
    conn.query_row("SELECT * FROM subsidy_decisions WHERE number = ?1", [&number], from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "decision", key: number })
}

fn instalments_of(conn: &Connection, decision_id: Uuid) -> Result<Vec<InstalmentRec>> {
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

fn decision_view(conn: &Connection, d: DecisionRec, family_regno: &str) -> Result<DecisionView> {
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

fn decision_view_by_id(conn: &Connection, id: Uuid) -> Result<DecisionView> {
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

/// The facts of the eligibility check, gathered inside a transaction.
fn eligibility_facts_in(
    conn: &Connection,
    family: &FamilyIn,
    decided_on: NaiveDate,
) -> Result<EligibilityFacts> {
    let casework = casework_facts(conn, family.id, family.head_id(), decided_on)?;
    let prior_grants = conn
        .prepare_cached(
            "SELECT d.kind, d.number FROM subsidy_decisions d
             WHERE d.family_id = ?1 AND EXISTS (
                 SELECT 1 FROM ledger_entries a
                 WHERE a.decision_id = d.id AND a.kind = 'accrued'
                   AND NOT EXISTS (SELECT 1 FROM ledger_entries r
                                   WHERE r.line_id = a.id AND r.kind = 'reversed'))
             ORDER BY d.number",
        )?
        .query_map([family.id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(kind, decision)| {
            SubsidyKind::parse(&kind).map(|kind| PriorGrant { kind, decision })
        })
        .collect();
    Ok(EligibilityFacts {
        decided_on,
        quota_included_on: casework.quota_included_on,
        status_in_force: casework.status_in_force,
        members_without_iin: family.without_iin(),
        prior_grants,
        moved_away_on: moved_away_on(conn, family.id)?,
    })
}

fn moved_away_on(conn: &Connection, family_id: Uuid) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT * FROM family_departures WHERE family_id = ?1",
            [family_id.to_string()],
            from_row::<DepartureRec>,
        )
        .optional()?
        .map(|d| d.moved_on))
}

fn refused(refusals: Vec<Refusal>) -> StoreError {
    StoreError::Subsidy(SubsidyError::NotEligible(
        refusals.iter().map(Refusal::to_field_error).collect(),
    ))
}

/// Checks the dates of a request against today and the family's arrival.
fn check_request_dates(req: &PrepareRequest, today: NaiveDate, family: &FamilyIn) -> Result<()> {
    let mut errors = vec![];
    if req.decided_on > today {
        errors.push(
            FieldError::bare("subsidy.decided_on", "date-in-future").with_arg("today", today),
        );
    }
    if req.decided_on < family.arrival_date {
        errors.push(
            FieldError::bare("subsidy.decided_on", "subsidy-decision-before-arrival")
                .with_arg("arrival_date", family.arrival_date),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

fn family_facts(req: &PrepareRequest, family: &FamilyIn) -> FamilyFacts {
    FamilyFacts {
        members: u32::try_from(family.members.len()).unwrap_or(u32::MAX),
        settlement_type: req.settlement_type,
        housing_cost: req.housing_cost,
        months: req.months,
    }
}

/// The rule in force and the computed decision, read and computed inside a transaction.
fn compute_in(
    conn: &Connection,
    req: &PrepareRequest,
    family: &FamilyIn,
) -> Result<(SubsidyRule, Decision)> {
    let rules = rule_set_in(conn)?;
    let rule = rules
        .in_force(req.kind, req.decided_on)
        .cloned()
        .ok_or(SubsidyError::NoRule { kind: req.kind, on: req.decided_on })?;
    let mci = mci_table_in(conn)?;
    let first_due = req.first_due_on.unwrap_or(req.decided_on);
    let decision =
        compute_decision(&rule, &family_facts(req, family), req.decided_on, first_due, &mci)?;
    Ok((rule, decision))
}

fn report(
    conn: &Connection,
    family: &FamilyIn,
    kind: SubsidyKind,
    decided_on: NaiveDate,
) -> Result<EligibilityReport> {
    let rules = rule_set_in(conn)?;
    let rule = rules.in_force(kind, decided_on).cloned();
    let facts = eligibility_facts_in(conn, family, decided_on)?;
    let mut refusals = vec![];
    match &rule {
        Some(r) => {
            if let Err(rs) = check_eligibility(r, &facts) {
                refusals.extend(rs.iter().map(Refusal::to_field_error));
            }
        }
        None => {
            let e = SubsidyError::NoRule { kind, on: decided_on };
            refusals.push(FieldError::new("subsidy.kind", &e));
        }
    }
    Ok(EligibilityReport {
        family_regno: family.regno.clone(),
        kind,
        decided_on,
        rule,
        eligible: refusals.is_empty(),
        facts,
        refusals,
    })
}

/// The instalments an action picks: those asked for by number, or every one `default` accepts.
fn pick<'s>(
    slots: &'s [Slot],
    seqs: &[u32],
    number: &str,
    default: impl Fn(&Slot) -> bool,
    needed: &'static str,
) -> Result<Vec<&'s Slot>> {
    let picked: Vec<&Slot> = if seqs.is_empty() {
        slots.iter().filter(|s| default(s)).collect()
    } else {
        let mut out = vec![];
        for seq in seqs {
            let slot = slots
                .iter()
                .find(|s| s.instalment.seq == *seq)
                .ok_or(SubsidyError::NoInstalment { decision: number.to_string(), seq: *seq })?;
            if !out.iter().any(|s: &&Slot| s.instalment.seq == *seq) {
                out.push(slot);
            }
        }
        out
    };
    if picked.is_empty() {
        return Err(SubsidyError::Nothing { decision: number.to_string(), needed }.into());
    }
    Ok(picked)
}

/// The open line of a slot, or the error of its state.
fn open_line<'s>(
    slot: &'s Slot,
    number: &str,
    needed: &'static str,
) -> Result<&'s (LedgerEntryRec, Line)> {
    slot.open.as_ref().ok_or_else(|| {
        SubsidyError::WrongState {
            decision: number.to_string(),
            seq: slot.instalment.seq,
            state: slot.state.as_str(),
            needed,
        }
        .into()
    })
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

impl Store {
    /// Whether a family may get a kind of subsidy decided on a date, with every reason not to.
    pub fn eligibility(
        &self,
        regno: &str,
        kind: SubsidyKind,
        decided_on: NaiveDate,
    ) -> Result<EligibilityReport> {
        let family = family_in(self.conn(), regno)?;
        report(self.conn(), &family, kind, decided_on)
    }

    /// The decision a request would give, with its eligibility, without saving anything.
    pub fn preview_decision(
        &self,
        today: NaiveDate,
        req: &PrepareRequest,
    ) -> Result<DecisionPreview> {
        let family = family_in(self.conn(), &req.family)?;
        check_request_dates(req, today, &family)?;
        let (_, decision) = compute_in(self.conn(), req, &family)?;
        let eligibility = report(self.conn(), &family, req.kind, req.decided_on)?;
        Ok(DecisionPreview { decision, eligibility })
    }

    /// Prepares a decision: checks eligibility, computes the instalments under the rule in force
    /// on the decision date with the MCI in force on each due date, and writes the decision, its
    /// instalments and an accrued ledger entry for each — all in one transaction. Any role may
    /// prepare; the lines then await a manager's approval.
    pub fn prepare_decision(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        today: NaiveDate,
        req: &PrepareRequest,
    ) -> Result<DecisionView> {
        actor.require(Action::PrepareSubsidy)?;
        let note = req.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
        let id = self.write(actor, at, "subsidy.prepare", |change| {
            let tx = change.tx();
            let family = family_in(tx, &req.family)?;
            check_request_dates(req, today, &family)?;
            let (rule, decision) = compute_in(tx, req, &family)?;
            let facts = eligibility_facts_in(tx, &family, req.decided_on)?;
            check_eligibility(&rule, &facts).map_err(refused)?;
            let (_, office) = crate::office::current_office(tx)?;
            let number = next_decision_number(tx, &office, req.decided_on.year())?;
            let mut rec = DecisionRec {
                id: Uuid::now_v7(),
                number,
                family_id: family.id,
                kind: decision.kind,
                rule_id: decision.rule_id.clone(),
                rule_version: decision.rule_version,
                decided_on: decision.decided_on,
                first_due_on: decision.first_due_on,
                members: decision.facts.members,
                settlement_type: decision.facts.settlement_type,
                housing_cost_tiyn: decision.facts.housing_cost,
                months: decision.facts.months,
                instalments: u32::try_from(decision.instalments.len()).unwrap_or(u32::MAX),
                total_tiyn: decision.total_tiyn,
                note: note.clone(),
                prepared_by: change.actor().login.clone(),
                version: 0,
            };
            change.insert(&mut rec)?;
            for i in &decision.instalments {
                let mut inst = InstalmentRec {
                    id: Uuid::now_v7(),
                    decision_id: rec.id,
                    family_id: family.id,
                    seq: i.seq,
                    due_date: i.due_date,
                    version: 0,
                };
                change.insert(&mut inst)?;
                let id = Uuid::now_v7();
                let mut entry = LedgerEntryRec {
                    id,
                    line_id: id,
                    decision_id: rec.id,
                    instalment_id: inst.id,
                    family_id: family.id,
                    subsidy_kind: rec.kind,
                    kind: EntryKind::Accrued,
                    due_date: i.due_date,
                    amount_tiyn: i.amount_tiyn,
                    amount_mci: i.amount_mci,
                    mci_effective_from: i.mci.effective_from,
                    mci_tenge: i.mci.tenge,
                    rule_id: rec.rule_id.clone(),
                    rule_version: rec.rule_version,
                    explanation: i.explanation.clone(),
                    order_number: None,
                    paid_on: None,
                    reverses_kind: None,
                    reason: None,
                    prepared_by: rec.prepared_by.clone(),
                    acted_by: rec.prepared_by.clone(),
                    at: change.at(),
                    version: 0,
                };
                change.insert(&mut entry)?;
            }
            Ok(rec.id)
        })?;
        decision_view_by_id(self.conn(), id)
    }

    /// A decision by its number, with its instalments and totals.
    pub fn decision(&self, number: &str) -> Result<DecisionView> {
        let d = decision_by_number(self.conn(), number)?;
        decision_view_by_id(self.conn(), d.id)
    }

    /// Approves instalments of a decision (those numbered, or every one awaiting approval).
    /// Managers and administrators only, and never the person who prepared the line: refused
    /// as a whole if any instalment may not be approved.
    pub fn approve(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        number: &str,
        seqs: &[u32],
    ) -> Result<ActionDone> {
        actor.require(Action::ApprovePayment)?;
        let (id, done) = self.write(actor, at, "subsidy.approve", |change| {
            let tx = change.tx();
            let d = decision_by_number(tx, number)?;
            let entries = entries_of_decision(tx, d.id)?;
            let slots = slots(instalments_of(tx, d.id)?, &entries)?;
            let targets = pick(
                &slots,
                seqs,
                &d.number,
                |s| s.state == InstalmentState::AwaitingApproval,
                "awaiting_approval",
            )?;
            let login = change.actor().login.clone();
            let mut done = vec![];
            for slot in &targets {
                let (accrual, line) = open_line(slot, &d.number, "awaiting_approval")?;
                check_approve(line, &login, &d.number, slot.instalment.seq)?;
                let mut entry =
                    LedgerEntryRec::follow(accrual, EntryKind::Approved, &login, change.at());
                change.insert(&mut entry)?;
                done.push(slot.instalment.seq);
            }
            Ok((d.id, done))
        })?;
        Ok(ActionDone { instalments: done, decision: decision_view_by_id(self.conn(), id)? })
    }

    /// Records that a payment order was executed for approved instalments of a decision: those
    /// numbered, or every approved one due on or before the payment date. Every member of the
    /// family must have an IIN. Managers and administrators only.
    #[allow(clippy::too_many_arguments)]
    pub fn pay(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        today: NaiveDate,
        number: &str,
        seqs: &[u32],
        order_number: &str,
        paid_on: NaiveDate,
    ) -> Result<ActionDone> {
        actor.require(Action::RecordPayment)?;
        let order = required(order_number, "ledger.order_number")?;
        if paid_on > today {
            return Err(StoreError::Invalid(vec![FieldError::bare(
                "ledger.paid_on",
                "date-in-future",
            )
            .with_arg("today", today)]));
        }
        let (id, done) = self.write(actor, at, "subsidy.pay", |change| {
            let tx = change.tx();
            let d = decision_by_number(tx, number)?;
            if paid_on < d.decided_on {
                return Err(StoreError::Invalid(vec![FieldError::bare(
                    "ledger.paid_on",
                    "ledger-paid-before-decision",
                )
                .with_arg("decided_on", d.decided_on)]));
            }
            let family = family_by_id(tx, d.family_id)?;
            check_payable(&family.without_iin()).map_err(refused)?;
            let entries = entries_of_decision(tx, d.id)?;
            let slots = slots(instalments_of(tx, d.id)?, &entries)?;
            let targets = pick(
                &slots,
                seqs,
                &d.number,
                |s| s.state == InstalmentState::Approved && s.instalment.due_date <= paid_on,
                "approved",
            )?;
            let login = change.actor().login.clone();
            let mut done = vec![];
            for slot in &targets {
                let (accrual, line) = open_line(slot, &d.number, "approved")?;
                check_pay(line, &d.number, slot.instalment.seq)?;
                let mut entry =
                    LedgerEntryRec::follow(accrual, EntryKind::Paid, &login, change.at());
                entry.order_number = Some(order.clone());
                entry.paid_on = Some(paid_on);
                change.insert(&mut entry)?;
                done.push(slot.instalment.seq);
            }
            Ok((d.id, done))
        })?;
        Ok(ActionDone { instalments: done, decision: decision_view_by_id(self.conn(), id)? })
    }

    /// Reverses unpaid instalments of a decision (those numbered, or every unpaid one), with a
    /// reason. Paid instalments never change. Managers and administrators may reverse any
    /// unpaid line; a clerk only lines they prepared that are not approved yet. A correction is
    /// a reversal followed by a new decision or a recalculation.
    pub fn reverse(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        number: &str,
        seqs: &[u32],
        reason: &str,
    ) -> Result<ActionDone> {
        let reason = required(reason, "ledger.reason")?;
        // Managers and administrators reverse any unpaid line; a clerk only their own
        // unapproved ones (checked per line below); anyone else nothing.
        let may_reverse_any = actor.role.may(Action::ReversePayment);
        let forbidden = || StoreError::Forbidden {
            role: actor.role.to_string(),
            action: Action::ReversePayment.as_str(),
        };
        if !may_reverse_any && actor.role != Role::Clerk {
            return Err(forbidden());
        }
        let (id, done) = self.write(actor, at, "subsidy.reverse", |change| {
            change.set_reason(Some(reason.clone()));
            let tx = change.tx();
            let d = decision_by_number(tx, number)?;
            let entries = entries_of_decision(tx, d.id)?;
            let slots = slots(instalments_of(tx, d.id)?, &entries)?;
            let targets = pick(
                &slots,
                seqs,
                &d.number,
                |s| {
                    matches!(s.state, InstalmentState::AwaitingApproval | InstalmentState::Approved)
                },
                "unpaid",
            )?;
            let mut lines = vec![];
            for slot in &targets {
                if slot.state == InstalmentState::Paid {
                    return Err(SubsidyError::PaidIsFinal {
                        decision: d.number.clone(),
                        seq: slot.instalment.seq,
                    }
                    .into());
                }
                let (accrual, line) = open_line(slot, &d.number, "unpaid")?;
                // A clerk withdraws only what they prepared and nobody approved yet.
                if !may_reverse_any
                    && (line.approved || !line.prepared_by.eq_ignore_ascii_case(&actor.login))
                {
                    return Err(forbidden());
                }
                lines.push((accrual, line));
            }
            let seq_of = |a: &LedgerEntryRec| {
                slots
                    .iter()
                    .find(|s| s.instalment.id == a.instalment_id)
                    .map_or(0, |s| s.instalment.seq)
            };
            reverse_in(change, &lines, &d.number, seq_of, &reason)?;
            Ok((d.id, targets.iter().map(|s| s.instalment.seq).collect()))
        })?;
        Ok(ActionDone { instalments: done, decision: decision_view_by_id(self.conn(), id)? })
    }

    /// Records that a family moved away from its region on `moved_on`: unpaid instalments due
    /// after that date are reversed, and for every decision whose rule asks for it and whose
    /// term had not ended, a reimbursement case of what was paid is opened. Managers and
    /// administrators only.
    pub fn record_move_away(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        today: NaiveDate,
        regno: &str,
        moved_on: NaiveDate,
        reason: &str,
    ) -> Result<MoveAwayDone> {
        actor.require(Action::ReversePayment)?;
        let reason = required(reason, "subsidy.reason")?;
        if moved_on > today {
            return Err(StoreError::Invalid(vec![FieldError::bare(
                "subsidy.moved_on",
                "date-in-future",
            )
            .with_arg("today", today)]));
        }
        self.write(actor, at, "subsidy.move_away", |change| {
            change.set_reason(Some(reason.clone()));
            let tx = change.tx();
            let family = family_in(tx, regno)?;
            if let Some(on) = moved_away_on(tx, family.id)? {
                return Err(SubsidyError::AlreadyMovedAway { on }.into());
            }
            let rules = rule_set_in(tx)?;
            let decisions: Vec<DecisionRec> = tx
                .prepare_cached(
                    "SELECT * FROM subsidy_decisions WHERE family_id = ?1 ORDER BY number",
                )?
                .query_map([family.id.to_string()], from_row)?
                .collect::<rusqlite::Result<_>>()?;
            let mut work = vec![];
            for d in decisions {
                let entries = entries_of_decision(tx, d.id)?;
                let slots = slots(instalments_of(tx, d.id)?, &entries)?;
                work.push((d, slots));
            }
            let mut departure = DepartureRec {
                id: Uuid::now_v7(),
                family_id: family.id,
                moved_on,
                reason: reason.clone(),
                recorded_by: change.actor().login.clone(),
                version: 0,
            };
            change.insert(&mut departure)?;
            let mut cancelled = vec![];
            let mut cases = vec![];
            let why = format!("moved away on {moved_on}: {reason}");
            for (d, slots) in &work {
                let future: Vec<&Slot> = slots
                    .iter()
                    .filter(|s| s.instalment.due_date > moved_on)
                    .filter(|s| {
                        matches!(
                            s.state,
                            InstalmentState::AwaitingApproval | InstalmentState::Approved
                        )
                    })
                    .collect();
                let lines: Vec<(&LedgerEntryRec, &Line)> =
                    future.iter().filter_map(|s| s.open.as_ref().map(|(a, l)| (a, l))).collect();
                let seq_of = |a: &LedgerEntryRec| {
                    slots
                        .iter()
                        .find(|s| s.instalment.id == a.instalment_id)
                        .map_or(0, |s| s.instalment.seq)
                };
                reverse_in(change, &lines, &d.number, seq_of, &why)?;
                for s in &future {
                    cancelled.push(CancelledInstalment {
                        decision_number: d.number.clone(),
                        seq: s.instalment.seq,
                        due_date: s.instalment.due_date,
                        amount_tiyn: s.last.amount_tiyn,
                    });
                }
                let term = rules
                    .version(&d.rule_id, d.rule_version)
                    .and_then(|r| r.reimburse_if_moved_within_months);
                let Some(months) = term else { continue };
                let term_ends_on = d
                    .decided_on
                    .checked_add_months(Months::new(months))
                    .ok_or(SubsidyError::Overflow)?;
                let paid = Tiyn::checked_sum(
                    slots
                        .iter()
                        .filter(|s| s.state == InstalmentState::Paid)
                        .map(|s| s.last.amount_tiyn),
                )
                .ok_or(SubsidyError::Overflow)?;
                if moved_on < term_ends_on && paid.0 > 0 {
                    let mut case = ReimbursementRec {
                        id: Uuid::now_v7(),
                        family_id: family.id,
                        decision_id: d.id,
                        departure_id: departure.id,
                        amount_tiyn: paid,
                        term_ends_on,
                        status: ReimbursementStatus::Open,
                        reason: why.clone(),
                        version: 0,
                    };
                    change.insert(&mut case)?;
                    cases.push(case);
                }
            }
            Ok(MoveAwayDone {
                family_regno: family.regno.clone(),
                departure,
                cancelled,
                reimbursement_cases: cases,
            })
        })
    }
}
