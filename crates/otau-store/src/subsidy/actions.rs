//! What people do with subsidies: check a family's eligibility, preview and prepare a decision
//! (its instalments and their first ledger entries), approve, pay and reverse instalments, and
//! record a family's move away from the region.
//!
//! Maker–checker and roles are checked here, in the core (`otau_core::subsidy::ledger`) and by
//! the database's triggers.

use crate::casework::facts::casework_facts;
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::from_row;
use crate::subsidy::decisions::{
    decision_by_number, decision_view_by_id, family_by_id, family_in, instalments_of,
    moved_away_on, reverse_in, slots, DecisionRec, DecisionView, DepartureRec, FamilyIn,
    InstalmentRec, ReimbursementRec, ReimbursementStatus, Slot,
};
use crate::subsidy::ledger::{entries_of_decision, LedgerEntryRec};
use crate::subsidy::reference::{mci_table_in, required, rule_set_in};
use crate::users::{Action, Role};
use crate::Store;
use chrono::{Datelike, NaiveDate};
use otau_core::money::Tiyn;
use otau_core::note::Note;
use otau_core::subsidy::eligibility::PriorGrant;
use otau_core::subsidy::ledger::{check_approve, check_pay, Line};
use otau_core::subsidy::{cancelled_by_move, reimbursement};
use otau_core::subsidy::{
    check_eligibility, check_payable, compute_decision, Decision, EligibilityFacts, EntryKind,
    FamilyFacts, InstalmentState, Refusal, SettlementType, SubsidyError, SubsidyKind, SubsidyRule,
};
use otau_core::FieldError;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
        ctx: &Context,
        req: &PrepareRequest,
    ) -> Result<DecisionView> {
        ctx.actor.require(Action::PrepareSubsidy)?;
        let note = req.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
        let id = self.write(ctx, "subsidy.prepare", |change| {
            let tx = change.tx();
            let family = family_in(tx, &req.family)?;
            check_request_dates(req, ctx.today, &family)?;
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
    pub fn approve(&mut self, ctx: &Context, number: &str, seqs: &[u32]) -> Result<ActionDone> {
        ctx.actor.require(Action::ApprovePayment)?;
        let (id, done) = self.write(ctx, "subsidy.approve", |change| {
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
                super::four_eyes::check_accounts(
                    change.tx(),
                    change.actor(),
                    &line.prepared_by,
                    &d.number,
                    slot.instalment.seq,
                )?;
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
    pub fn pay(
        &mut self,
        ctx: &Context,
        number: &str,
        seqs: &[u32],
        order_number: &str,
        paid_on: NaiveDate,
    ) -> Result<ActionDone> {
        ctx.actor.require(Action::RecordPayment)?;
        let order = required(order_number, "ledger.order_number")?;
        if paid_on > ctx.today {
            return Err(StoreError::Invalid(vec![FieldError::bare(
                "ledger.paid_on",
                "date-in-future",
            )
            .with_arg("ctx.today", ctx.today)]));
        }
        let (id, done) = self.write(ctx, "subsidy.pay", |change| {
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
        ctx: &Context,
        number: &str,
        seqs: &[u32],
        reason: &str,
    ) -> Result<ActionDone> {
        let reason = required(reason, "ledger.reason")?;
        // Managers and administrators reverse any unpaid line; a clerk only their own
        // unapproved ones (checked per line below); anyone else nothing.
        let may_reverse_any = ctx.actor.role.may(Action::ReversePayment);
        let forbidden = || StoreError::Forbidden {
            role: ctx.actor.role.to_string(),
            action: Action::ReversePayment.as_str(),
        };
        if !may_reverse_any && ctx.actor.role != Role::Clerk {
            return Err(forbidden());
        }
        let (id, done) = self.write(ctx, "subsidy.reverse", |change| {
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
                    && (line.approved || !line.prepared_by.eq_ignore_ascii_case(&ctx.actor.login))
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
        ctx: &Context,
        regno: &str,
        moved_on: NaiveDate,
        reason: &str,
    ) -> Result<MoveAwayDone> {
        ctx.actor.require(Action::ReversePayment)?;
        let reason = required(reason, "subsidy.reason")?;
        if moved_on > ctx.today {
            return Err(StoreError::Invalid(vec![FieldError::bare(
                "subsidy.moved_on",
                "date-in-future",
            )
            .with_arg("ctx.today", ctx.today)]));
        }
        self.write(ctx, "subsidy.move_away", |change| {
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
            // The system's sentence, kept as a code: translated where it is read.
            let why = Note::coded(
                otau_core::note::MOVED_AWAY,
                &[("on", moved_on.to_string()), ("reason", reason.clone())],
            )
            .to_stored();
            for (d, slots) in &work {
                let future: Vec<&Slot> = slots
                    .iter()
                    .filter(|s| cancelled_by_move(s.instalment.due_date, moved_on))
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
                let Some(rule) = rules.version(&d.rule_id, d.rule_version) else { continue };
                let paid = Tiyn::checked_sum(
                    slots
                        .iter()
                        .filter(|s| s.state == InstalmentState::Paid)
                        .map(|s| s.last.amount_tiyn),
                )
                .ok_or(SubsidyError::Overflow)?;
                if let Some(owed) = reimbursement(rule, d.decided_on, moved_on, paid)? {
                    let mut case = ReimbursementRec {
                        id: Uuid::now_v7(),
                        family_id: family.id,
                        decision_id: d.id,
                        departure_id: departure.id,
                        amount_tiyn: owed.amount,
                        term_ends_on: owed.term_ends_on,
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
