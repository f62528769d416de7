//! Subsidies and the payment ledger at the desk: a family's statement, eligibility and the
//! preview of a decision, preparing, approving, paying and reversing instalments, a move away,
//! the office's payment lists and totals, recalculation proposals, and the reference data
//! (MCI table and subsidy rules) they are computed from.
//!
//! # Design
//! Every method calls the same `otau_store` functions as the `otau subsidy`, `ledger`, `recalc`,
//! `rule` and `mci` commands; nothing here decides eligibility, an amount or who may approve.
//! The results are flattened into display rows: money crosses as integer tiyn *and* the text
//! `otau_core::money` formats (`1 033 760 ₸`), so the UI never formats or adds money;
//! explanations cross as their Fluent code and arguments, translated in the UI with the same
//! `.ftl` files as the command line.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use otau_core::dates::Month;
use otau_core::mci::read_mci_tenge;
use otau_core::mci::{MciPurpose, MciRow};
use otau_core::money::{format_whole_tenge, parse_tenge, MciHundredths, Tiyn};
use otau_core::subsidy::{
    Explanation, LedgerTotals, SettlementType, SubsidyError, SubsidyKind, SubsidyRule,
};
use otau_core::FieldError;
use otau_store::{
    Actor, DecisionView, InstalmentRef, LineItem, PrepareRequest, RecalcProposal, RecalcSelection,
    StatementView, Store, StoreError,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::desk::Desk;
use crate::error::{ApiError, ApiResult};
use crate::form::parse_date;
use crate::Now;

/// An amount of money: integer tiyn (1 ₸ = 100 tiyn) and its text as the library writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Money {
    /// Tiyn; far below 2^53.
    pub tiyn: i64,
    /// `1 033 760 ₸` (no-break spaces).
    pub text: String,
}

impl From<Tiyn> for Money {
    fn from(t: Tiyn) -> Money {
        Money { tiyn: t.0, text: t.format_tenge() }
    }
}

/// The value of one MCI: whole tenge and its text as the library writes it (`4 325 ₸`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MciValue {
    /// Whole tenge.
    pub tenge: i64,
    /// `4 325 ₸` (no-break spaces).
    pub text: String,
}

/// Whole tenge (an MCI value), written by the core without multiplying it.
fn tenge(whole: i64) -> MciValue {
    MciValue { tenge: whole, text: format_whole_tenge(whole) }
}

/// An amount in MCI as written (`280` or `12,50`).
fn mci_text(m: Option<MciHundredths>) -> Option<String> {
    m.map(MciHundredths::format_number)
}

/// The snake_case name of a serialised enum (`awaiting_approval`).
fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Why an amount is what it is: a `subsidy-explain-*` message and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Explained {
    /// Message id.
    pub code: String,
    /// Its arguments, already formatted.
    pub args: BTreeMap<String, String>,
}

impl From<&Explanation> for Explained {
    fn from(e: &Explanation) -> Explained {
        Explained { code: e.code.clone(), args: e.args.clone() }
    }
}

/// The ledger's totals of a decision, a family or a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Totals {
    /// Everything accrued.
    pub accrued: Money,
    /// Everything reversed.
    pub reversed: Money,
    /// Accrued less reversed.
    pub net: Money,
    /// Awaiting approval.
    pub awaiting_approval: Money,
    /// Approved, not paid.
    pub approved_unpaid: Money,
    /// Paid.
    pub paid: Money,
    /// Whether the parts add up to the net.
    pub reconciles: bool,
}

impl From<&LedgerTotals> for Totals {
    fn from(t: &LedgerTotals) -> Totals {
        Totals {
            accrued: t.accrued_tiyn.into(),
            reversed: t.reversed_tiyn.into(),
            net: t.net_tiyn.into(),
            awaiting_approval: t.awaiting_approval_tiyn.into(),
            approved_unpaid: t.approved_unpaid_tiyn.into(),
            paid: t.paid_tiyn.into(),
            reconciles: t.reconciles,
        }
    }
}

/// One instalment of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InstalmentRow {
    /// 1, 2, … within the decision.
    pub seq: u32,
    /// Due date.
    pub due_date: NaiveDate,
    /// `awaiting_approval`, `approved`, `paid` or `cancelled`.
    pub state: String,
    /// Amount.
    pub amount: Money,
    /// Amount in MCI, when it is one.
    pub amount_mci: Option<String>,
    /// First day of the MCI row applied.
    pub mci_from: NaiveDate,
    /// One MCI of that row.
    pub mci: MciValue,
    /// Why the amount is what it is.
    pub explanation: Explained,
    /// Who prepared it.
    pub prepared_by: String,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// Payment order number, when paid.
    pub order_number: Option<String>,
    /// Payment date, when paid.
    pub paid_on: Option<NaiveDate>,
}

/// A decision with its instalments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DecisionCard {
    /// Number (`PVL01-S-2026-00001`).
    pub number: String,
    /// Kind of subsidy (`relocation`, …).
    pub kind: String,
    /// Rule id and version.
    pub rule: String,
    /// Decision date.
    pub decided_on: NaiveDate,
    /// First due date.
    pub first_due_on: NaiveDate,
    /// Members counted.
    pub members: u32,
    /// `town` or `village`, when the rule asked.
    pub settlement_type: Option<String>,
    /// Housing cost, for a mobility certificate.
    pub housing_cost: Option<Money>,
    /// Note.
    pub note: Option<String>,
    /// Who prepared it.
    pub prepared_by: String,
    /// Whether the signed-in user prepared it (a clerk may withdraw their own unapproved lines;
    /// nobody approves their own).
    pub prepared_by_you: bool,
    /// Total when decided.
    pub total_at_decision: Money,
    /// Instalments.
    pub instalments: Vec<InstalmentRow>,
    /// What the ledger says of it now.
    pub totals: Totals,
}

impl DecisionCard {
    /// The card of a decision as `login` sees it.
    fn new(d: &DecisionView, login: &str) -> DecisionCard {
        DecisionCard {
            number: d.number.clone(),
            kind: d.kind.as_str().to_owned(),
            rule: format!("{} v{}", d.rule_id, d.rule_version),
            decided_on: d.decided_on,
            first_due_on: d.first_due_on,
            members: d.members,
            settlement_type: d.settlement_type.map(|s| s.as_str().to_owned()),
            housing_cost: d.housing_cost_tiyn.map(Money::from),
            note: d.note.clone(),
            prepared_by: d.prepared_by.clone(),
            prepared_by_you: d.prepared_by.eq_ignore_ascii_case(login),
            total_at_decision: d.total_at_decision_tiyn.into(),
            instalments: d
                .instalments
                .iter()
                .map(|i| InstalmentRow {
                    seq: i.seq,
                    due_date: i.due_date,
                    state: name(&i.state),
                    amount: i.amount_tiyn.into(),
                    amount_mci: mci_text(i.amount_mci),
                    mci_from: i.mci.effective_from,
                    mci: tenge(i.mci.tenge),
                    explanation: (&i.explanation).into(),
                    prepared_by: i.prepared_by.clone(),
                    approved_by: i.approved_by.clone(),
                    order_number: i.payment.as_ref().map(|p| p.order_number.clone()),
                    paid_on: i.payment.as_ref().map(|p| p.paid_on),
                })
                .collect(),
            totals: (&d.totals).into(),
        }
    }
}

/// One ledger entry of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EntryRow {
    /// Decision number.
    pub decision_number: String,
    /// Instalment number.
    pub seq: u32,
    /// `accrued`, `approved`, `paid` or `reversed`.
    pub kind: String,
    /// For a reversal, what was reversed.
    pub reverses_kind: Option<String>,
    /// The instalment's due date.
    pub due_date: NaiveDate,
    /// Amount.
    pub amount: Money,
    /// Amount in MCI, when it is one.
    pub amount_mci: Option<String>,
    /// First day of the MCI row applied.
    pub mci_from: NaiveDate,
    /// One MCI of that row.
    pub mci: MciValue,
    /// Why the amount is what it is.
    pub explanation: Explained,
    /// Payment order number.
    pub order_number: Option<String>,
    /// Payment date.
    pub paid_on: Option<NaiveDate>,
    /// Reason (reversals): as typed, or the system's sentence as a code to translate.
    pub reason: Option<otau_core::note::Note>,
    /// Who wrote the entry.
    pub acted_by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A family's move away from the region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Departure {
    /// Date of the move.
    pub moved_on: NaiveDate,
    /// What is known of it.
    pub reason: String,
    /// Who recorded it.
    pub recorded_by: String,
}

/// A reimbursement case opened by a move away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseRow {
    /// The decision it concerns.
    pub decision_number: String,
    /// Amount to reimburse.
    pub amount: Money,
    /// Last day of the term.
    pub term_ends_on: NaiveDate,
    /// `open`, `settled` or `waived`.
    pub status: String,
}

/// A family's subsidies: every decision, every ledger entry and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubsidyStatement {
    /// Today, for the forms' defaults.
    pub today: NaiveDate,
    /// The family's registration number.
    pub family_regno: String,
    /// The head's name.
    pub head_name: String,
    /// Decisions, oldest first.
    pub decisions: Vec<DecisionCard>,
    /// Ledger entries, in the order written.
    pub entries: Vec<EntryRow>,
    /// Totals over the family.
    pub totals: Totals,
    /// The move away, if recorded.
    pub departure: Option<Departure>,
    /// Reimbursement cases.
    pub cases: Vec<CaseRow>,
}

/// The statement of a family as the signed-in `actor` sees it on `today`.
fn statement_of(s: &StatementView, today: NaiveDate, actor: &Actor) -> SubsidyStatement {
    let number_of = |c: &otau_store::subsidy::decisions::ReimbursementRec| {
        s.decisions
            .iter()
            .find(|d| d.id == c.decision_id)
            .map(|d| d.number.clone())
            .unwrap_or_default()
    };
    SubsidyStatement {
        today,
        family_regno: s.family_regno.clone(),
        head_name: s.head_name.clone(),
        decisions: s.decisions.iter().map(|d| DecisionCard::new(d, &actor.login)).collect(),
        entries: s
            .entries
            .iter()
            .map(|e| EntryRow {
                decision_number: e.decision_number.clone(),
                seq: e.seq,
                kind: name(&e.kind),
                reverses_kind: e.reverses_kind.as_ref().map(name),
                due_date: e.due_date,
                amount: e.amount_tiyn.into(),
                amount_mci: mci_text(e.amount_mci),
                mci_from: e.mci.effective_from,
                mci: tenge(e.mci.tenge),
                explanation: (&e.explanation).into(),
                order_number: e.order_number.clone(),
                paid_on: e.paid_on,
                reason: e.reason.clone(),
                acted_by: e.acted_by.clone(),
                at: e.at,
            })
            .collect(),
        totals: (&s.totals).into(),
        departure: s.departure.as_ref().map(|d| Departure {
            moved_on: d.moved_on,
            reason: d.reason.clone(),
            recorded_by: d.recorded_by.clone(),
        }),
        cases: s
            .reimbursement_cases
            .iter()
            .map(|c| CaseRow {
                decision_number: number_of(c),
                amount: c.amount_tiyn.into(),
                term_ends_on: c.term_ends_on,
                status: name(&c.status),
            })
            .collect(),
    }
}

/// The "prepare a subsidy" form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrepareForm {
    /// `relocation`, `rent`, `mobility_certificate` or `employer`; `""` until chosen.
    pub kind: String,
    /// Decision date as typed.
    pub decided_on: String,
    /// First due date as typed (`""`: the decision date).
    pub first_due_on: String,
    /// `town`, `village` or `""`.
    pub settlement_type: String,
    /// Housing cost in tenge as typed (`9 000 000`), or `""`.
    pub housing_cost: String,
    /// A note, or `""`.
    pub note: String,
}

impl PrepareForm {
    /// The store's request, or every problem of the form at once (fields `kind`, `decided_on`,
    /// `first_due_on`, `settlement_type`, `housing_cost`).
    fn request(&self, family: &str) -> Result<PrepareRequest, Vec<FieldError>> {
        let mut problems = vec![];
        let kind = SubsidyKind::parse(&self.kind);
        if kind.is_none() {
            problems.push(FieldError::bare("kind", "store-required"));
        }
        let date = |field: &str, text: &str, problems: &mut Vec<FieldError>| {
            let parsed = parse_date(text);
            if parsed.is_none() {
                let code =
                    if text.trim().is_empty() { "store-required" } else { "desk-date-format" };
                problems.push(FieldError::bare(field, code).with_arg("value", text.trim()));
            }
            parsed
        };
        let decided_on = date("decided_on", &self.decided_on, &mut problems);
        let first_due_on = if self.first_due_on.trim().is_empty() {
            None
        } else {
            date("first_due_on", &self.first_due_on, &mut problems)
        };
        let settlement_type = match self.settlement_type.trim() {
            "" => None,
            s => {
                let parsed = SettlementType::parse(s);
                if parsed.is_none() {
                    problems.push(FieldError::bare("settlement_type", "store-required"));
                }
                parsed
            }
        };
        let housing_cost = match self.housing_cost.trim() {
            "" => None,
            s => match parse_tenge(s) {
                Ok(t) => Some(t),
                Err(e) => {
                    problems.push(FieldError::new("housing_cost", &e));
                    None
                }
            },
        };
        match (kind, decided_on) {
            (Some(kind), Some(decided_on)) if problems.is_empty() => Ok(PrepareRequest {
                family: family.to_owned(),
                kind,
                decided_on,
                first_due_on,
                settlement_type,
                housing_cost,
                months: None,
                note: Some(self.note.trim().to_owned()).filter(|n| !n.is_empty()),
            }),
            _ => Err(problems),
        }
    }
}

/// One instalment as it would be prepared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewRow {
    /// 1, 2, …
    pub seq: u32,
    /// Due date.
    pub due_date: NaiveDate,
    /// Amount.
    pub amount: Money,
    /// Amount in MCI, when it is one.
    pub amount_mci: Option<String>,
    /// First day of the MCI row applied.
    pub mci_from: NaiveDate,
    /// One MCI of that row.
    pub mci: MciValue,
    /// Why the amount is what it is.
    pub explanation: Explained,
}

/// The eligibility of a family and the decision a form would give, before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubsidyPreview {
    /// No reason to refuse.
    pub eligible: bool,
    /// Every reason to refuse, each with its field and message code.
    pub refusals: Vec<FieldError>,
    /// The rule in force (`relocation-2023 v1`), if any.
    pub rule: Option<String>,
    /// Whether the rule's amount depends on town or village.
    pub needs_settlement_type: bool,
    /// Whether the rule is a share of a housing cost.
    pub needs_housing_cost: bool,
    /// The instalments (empty when they cannot be computed yet).
    pub instalments: Vec<PreviewRow>,
    /// Their total.
    pub total: Option<Money>,
}

/// Lines of instalments (awaiting approval, or due in a month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LineRow {
    /// Decision number.
    pub decision_number: String,
    /// The family.
    pub family_regno: String,
    /// Kind of subsidy.
    pub kind: String,
    /// Instalment number.
    pub seq: u32,
    /// Instalments in the decision.
    pub of: u32,
    /// Due date.
    pub due_date: NaiveDate,
    /// `awaiting_approval` or `approved`.
    pub state: String,
    /// Amount.
    pub amount: Money,
    /// Amount in MCI, when it is one.
    pub amount_mci: Option<String>,
    /// Who prepared it.
    pub prepared_by: String,
}

fn lines(items: &[LineItem]) -> Vec<LineRow> {
    items
        .iter()
        .map(|i| LineRow {
            decision_number: i.decision_number.clone(),
            family_regno: i.family_regno.clone(),
            kind: i.kind.as_str().to_owned(),
            seq: i.seq,
            of: i.of,
            due_date: i.due_date,
            state: name(&i.state),
            amount: i.amount_tiyn.into(),
            amount_mci: mci_text(i.amount_mci),
            prepared_by: i.prepared_by.clone(),
        })
        .collect()
}

/// One payment made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaidRow {
    /// Payment date.
    pub paid_on: NaiveDate,
    /// Payment order number.
    pub order_number: String,
    /// Decision number.
    pub decision_number: String,
    /// Instalment number.
    pub seq: u32,
    /// The family.
    pub family_regno: String,
    /// Kind of subsidy.
    pub kind: String,
    /// Amount.
    pub amount: Money,
    /// Who recorded it.
    pub recorded_by: String,
}

/// Totals of one kind of subsidy in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KindRow {
    /// Kind of subsidy; `None` for the line of all kinds.
    pub kind: Option<String>,
    /// Instalments due in the period, by where the money stands.
    pub totals: Totals,
    /// Paid in the period.
    pub paid_in_period: Money,
}

/// One proposed recalculation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecalcRow {
    /// `DECISION/SEQ`, as `approve_recalc` takes it.
    pub reference: String,
    /// The family.
    pub family_regno: String,
    /// Kind of subsidy.
    pub kind: String,
    /// Due date.
    pub due_date: NaiveDate,
    /// `awaiting_approval` or `approved`.
    pub state: String,
    /// Who prepared the line.
    pub prepared_by: String,
    /// The amount now.
    pub old_amount: Money,
    /// One MCI it was computed with.
    pub old_mci: MciValue,
    /// The amount it would be.
    pub new_amount: Money,
    /// One MCI it would be computed with.
    pub new_mci: MciValue,
    /// New less old.
    pub difference: Money,
    /// Why the new amount is what it is.
    pub explanation: Explained,
}

fn recalc_rows(list: &[RecalcProposal]) -> Vec<RecalcRow> {
    list.iter()
        .map(|p| RecalcRow {
            reference: format!("{}/{}", p.decision_number, p.seq),
            family_regno: p.family_regno.clone(),
            kind: p.kind.as_str().to_owned(),
            due_date: p.due_date,
            state: name(&p.state),
            prepared_by: p.prepared_by.clone(),
            old_amount: p.old.amount_tiyn.into(),
            old_mci: tenge(p.old.mci.tenge),
            new_amount: p.new.amount_tiyn.into(),
            new_mci: tenge(p.new.mci.tenge),
            difference: p.difference_tiyn.into(),
            explanation: (&p.new_explanation).into(),
        })
        .collect()
}

/// Recalculations the reference data proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Recalculations {
    /// The proposals, by due date.
    pub proposals: Vec<RecalcRow>,
    /// Instalments that cannot be recalculated: `DECISION/SEQ` and the reason (a message).
    pub blocked: Vec<FieldError>,
    /// The sum of the differences.
    pub total_difference: Money,
}

fn recalculations(store: &Store) -> ApiResult<Recalculations> {
    let list = store.recalc_proposals()?;
    Ok(Recalculations {
        proposals: recalc_rows(&list.proposals),
        blocked: list
            .blocked
            .iter()
            .map(|b| FieldError {
                field: format!("{}/{}", b.decision_number, b.seq),
                code: b.code.clone(),
                args: b.args.clone(),
            })
            .collect(),
        total_difference: list.total_difference_tiyn.into(),
    })
}

/// The office's payments screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaymentsScreen {
    /// Instalments awaiting a manager's approval.
    pub awaiting: Vec<LineRow>,
    /// Their sum.
    pub awaiting_total: Money,
    /// The month of `due` (`YYYY-MM`).
    pub month: String,
    /// Unpaid instalments due in the month.
    pub due: Vec<LineRow>,
    /// Their sum, and how much of it is approved or still awaiting approval.
    pub due_total: Money,
    /// Of `due_total`, approved.
    pub due_approved: Money,
    /// Of `due_total`, awaiting approval.
    pub due_awaiting: Money,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// Payments made in the period.
    pub paid: Vec<PaidRow>,
    /// Their sum.
    pub paid_total: Money,
    /// Totals of the period by kind, and of all kinds last.
    pub totals: Vec<KindRow>,
    /// Whether the period's totals reconcile with the ledger.
    pub reconciles: bool,
    /// Recalculations proposed.
    pub recalc: Recalculations,
}

/// One MCI row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MciLine {
    /// First day it applies.
    pub effective_from: NaiveDate,
    /// `social_payments` or `fines_and_other`.
    pub purpose: String,
    /// One MCI.
    pub value: MciValue,
    /// Where the value comes from.
    pub note: Option<String>,
}

/// One version of a subsidy rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RuleLine {
    /// Rule id.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Kind of subsidy.
    pub kind: String,
    /// First decision date.
    pub valid_from: NaiveDate,
    /// Last decision date.
    pub valid_to: Option<NaiveDate>,
    /// `per_member`, `per_family` or `share_of_cost`.
    pub basis: String,
    /// Amount in MCI, when one.
    pub amount_mci: Option<String>,
    /// Percent of the cost, for a share.
    pub percent: Option<u32>,
    /// Cap in MCI, for a share.
    pub cap_mci: Option<String>,
    /// Tiers: `town 1–2: 25` …
    pub tiers: Vec<String>,
    /// Monthly instalments.
    pub months: Option<u32>,
    /// Whether it is the version new decisions use.
    pub current: bool,
    /// Decisions made under it.
    pub decisions: i64,
    /// The rule as JSON (a starting point for the next version).
    pub json: String,
}

/// The reference data screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReferenceData {
    /// The MCI table, newest first.
    pub mci: Vec<MciLine>,
    /// Every rule version.
    pub rules: Vec<RuleLine>,
    /// Recalculations the data proposes now.
    pub recalc: Recalculations,
}

fn reference_data(store: &Store) -> ApiResult<ReferenceData> {
    let table = store.mci_table()?;
    let mut mci: Vec<MciLine> = table
        .rows()
        .iter()
        .map(|r| MciLine {
            effective_from: r.effective_from,
            purpose: r.purpose.as_str().to_owned(),
            value: tenge(r.tenge),
            note: r.note.clone(),
        })
        .collect();
    mci.sort_by(|a, b| b.effective_from.cmp(&a.effective_from).then(a.purpose.cmp(&b.purpose)));
    let rules = store
        .rule_list(None)?
        .into_iter()
        .map(|v| {
            let r = &v.rule;
            RuleLine {
                id: r.id.clone(),
                version: r.version,
                kind: r.kind.as_str().to_owned(),
                valid_from: r.valid_from,
                valid_to: r.valid_to,
                basis: name(&r.basis),
                amount_mci: mci_text(r.amount_mci),
                percent: r.percent,
                cap_mci: mci_text(r.cap_mci),
                tiers: r
                    .tiers
                    .iter()
                    .map(|t| {
                        format!(
                            "{} {}: {}",
                            t.settlement.as_str(),
                            t.sizes(),
                            t.amount_mci.format_number()
                        )
                    })
                    .collect(),
                months: r.months,
                current: v.current,
                decisions: v.decisions,
                json: serde_json::to_string_pretty(r).unwrap_or_default(),
            }
        })
        .collect();
    Ok(ReferenceData { mci, rules, recalc: recalculations(store)? })
}

/// Reads a rules text as `otau rule add --file` does (`RuleSet::read_file`): one rule, or
/// `{"rules": [...]}`.
fn read_rules(text: &str) -> ApiResult<Vec<SubsidyRule>> {
    otau_core::subsidy::RuleSet::read_file(text)
        .map_err(|e| StoreError::Subsidy(SubsidyError::Rule(e)).into())
}

/// A month as `YYYY-MM` (also `YYYY-M`), by the core's one reader.
fn read_month(text: &str) -> ApiResult<Month> {
    Month::parse_loose(text).map_err(|_| {
        ApiError::invalid(vec![
            FieldError::bare("month", "ledger-bad-month").with_arg("value", text.trim())
        ])
    })
}

/// A date typed in a field, or the field's problem.
fn field_date(field: &str, text: &str) -> Result<NaiveDate, FieldError> {
    parse_date(text).ok_or_else(|| {
        let code = if text.trim().is_empty() { "store-required" } else { "desk-date-format" };
        FieldError::bare(field, code).with_arg("value", text.trim())
    })
}

/// Both dates of a period, or both problems.
fn period(from: &str, to: &str) -> ApiResult<(NaiveDate, NaiveDate)> {
    match (field_date("from", from), field_date("to", to)) {
        (Ok(f), Ok(t)) => Ok((f, t)),
        (f, t) => Err(ApiError::invalid([f.err(), t.err()].into_iter().flatten().collect())),
    }
}

impl Desk {
    /// The statement of the family of `regno` (any member).
    pub fn subsidy_statement(&self, regno: &str, today: NaiveDate) -> ApiResult<SubsidyStatement> {
        self.with(|store, actor| Ok(statement_of(&store.statement(regno)?, today, actor)))
    }

    /// Eligibility and the instalments the form would give, without saving anything.
    pub fn subsidy_preview(
        &self,
        regno: &str,
        form: &PrepareForm,
        today: NaiveDate,
    ) -> ApiResult<SubsidyPreview> {
        let kind = SubsidyKind::parse(&form.kind);
        let decided_on = parse_date(&form.decided_on);
        let (Some(kind), Some(decided_on)) = (kind, decided_on) else {
            return Err(ApiError::invalid(form.request(regno).err().unwrap_or_default()));
        };
        self.with(|store, _| {
            let report = store.eligibility(regno, kind, decided_on)?;
            let rule = report.rule.as_ref();
            let needs_settlement_type = rule.is_some_and(SubsidyRule::needs_settlement_type);
            let needs_housing_cost = rule.is_some_and(SubsidyRule::needs_housing_cost);
            let mut preview = SubsidyPreview {
                eligible: report.eligible,
                refusals: report.refusals.clone(),
                rule: rule.map(|r| format!("{} v{}", r.id, r.version)),
                needs_settlement_type,
                needs_housing_cost,
                instalments: vec![],
                total: None,
            };
            let request = match form.request(regno) {
                Ok(request) => request,
                // The dates and kind are read: other problems are for the save to report.
                Err(problems) => {
                    preview.refusals.extend(problems);
                    return Ok(preview);
                }
            };
            // The instalments need what the rule needs (settlement type, cost): without it
            // the eligibility alone is shown.
            if (needs_settlement_type && request.settlement_type.is_none())
                || (needs_housing_cost && request.housing_cost.is_none())
                || rule.is_none()
            {
                return Ok(preview);
            }
            match store.preview_decision(today, &request) {
                Ok(p) => {
                    preview.instalments = p
                        .decision
                        .instalments
                        .iter()
                        .map(|i| PreviewRow {
                            seq: i.seq,
                            due_date: i.due_date,
                            amount: i.amount_tiyn.into(),
                            amount_mci: mci_text(i.amount_mci),
                            mci_from: i.mci.effective_from,
                            mci: tenge(i.mci.tenge),
                            explanation: (&i.explanation).into(),
                        })
                        .collect();
                    preview.total = Some(p.decision.total_tiyn.into());
                    Ok(preview)
                }
                Err(StoreError::Invalid(fields)) => {
                    preview.eligible = false;
                    preview.refusals.extend(fields);
                    Ok(preview)
                }
                Err(e) => Err(e.into()),
            }
        })
    }

    /// Prepares a decision as the signed-in user; returns the family's statement.
    pub fn prepare_subsidy(
        &self,
        regno: &str,
        form: &PrepareForm,
        now: Now,
    ) -> ApiResult<SubsidyStatement> {
        let request = form.request(regno).map_err(ApiError::invalid)?;
        self.acting(now, |store, ctx| {
            let decision = store.prepare_decision(ctx, &request)?;
            Ok(statement_of(&store.statement(&decision.family_regno)?, now.today, &ctx.actor))
        })
    }

    /// Approves instalments of a decision (`seqs` empty: every one awaiting approval). The
    /// store refuses a clerk and the person who prepared a line.
    pub fn approve_subsidy(
        &self,
        number: &str,
        seqs: &[u32],
        now: Now,
    ) -> ApiResult<SubsidyStatement> {
        self.acting(now, |store, ctx| {
            let done = store.approve(ctx, number, seqs)?;
            Ok(statement_of(&store.statement(&done.decision.family_regno)?, now.today, &ctx.actor))
        })
    }

    /// Records a payment order for approved instalments of a decision.
    pub fn pay_subsidy(
        &self,
        number: &str,
        seqs: &[u32],
        order: &str,
        paid_on: &str,
        now: Now,
    ) -> ApiResult<SubsidyStatement> {
        let paid_on = field_date("ledger.paid_on", paid_on)
            .map_err(|problem| ApiError::invalid(vec![problem]))?;
        self.acting(now, |store, ctx| {
            let done = store.pay(ctx, number, seqs, order, paid_on)?;
            Ok(statement_of(&store.statement(&done.decision.family_regno)?, now.today, &ctx.actor))
        })
    }

    /// Reverses unpaid instalments of a decision with a reason.
    pub fn reverse_subsidy(
        &self,
        number: &str,
        seqs: &[u32],
        reason: &str,
        now: Now,
    ) -> ApiResult<SubsidyStatement> {
        self.acting(now, |store, ctx| {
            let done = store.reverse(ctx, number, seqs, reason)?;
            Ok(statement_of(&store.statement(&done.decision.family_regno)?, now.today, &ctx.actor))
        })
    }

    /// Records that the family moved away from the region.
    pub fn move_away(
        &self,
        regno: &str,
        on: &str,
        reason: &str,
        now: Now,
    ) -> ApiResult<SubsidyStatement> {
        let on = field_date("subsidy.moved_on", on)
            .map_err(|problem| ApiError::invalid(vec![problem]))?;
        self.acting(now, |store, ctx| {
            let done = store.record_move_away(ctx, regno, on, reason)?;
            Ok(statement_of(&store.statement(&done.family_regno)?, now.today, &ctx.actor))
        })
    }

    /// The payments screen: awaiting approval, due in `month` (`YYYY-MM`), paid and totals in
    /// the period `from`–`to`, and the recalculations proposed. An empty month is `today`'s;
    /// an empty period is that month.
    pub fn payments(
        &self,
        month: &str,
        from: &str,
        to: &str,
        today: NaiveDate,
    ) -> ApiResult<PaymentsScreen> {
        let month = if month.trim().is_empty() { Month::of(today) } else { read_month(month)? };
        let (year, m) = (month.year(), month.month());
        let (from, to) = if from.trim().is_empty() && to.trim().is_empty() {
            (month.first_day(), month.last_day())
        } else {
            period(from, to)?
        };
        self.with(|store, _| {
            let awaiting = store.awaiting_approval()?;
            let due = store.due_in_month(year, m)?;
            let paid = store.paid_between(from, to)?;
            let totals = store.ledger_totals(from, to)?;
            let mut kinds: Vec<KindRow> = totals
                .by_kind
                .iter()
                .map(|k| KindRow {
                    kind: Some(k.kind.as_str().to_owned()),
                    totals: (&k.totals).into(),
                    paid_in_period: k.paid_in_period_tiyn.into(),
                })
                .collect();
            kinds.push(KindRow {
                kind: None,
                totals: (&totals.all).into(),
                paid_in_period: totals.paid_in_period_tiyn.into(),
            });
            Ok(PaymentsScreen {
                awaiting: lines(&awaiting.items),
                awaiting_total: awaiting.total_tiyn.into(),
                month: due.month.clone(),
                due: lines(&due.items),
                due_total: due.total_tiyn.into(),
                due_approved: due.approved_tiyn.into(),
                due_awaiting: due.awaiting_approval_tiyn.into(),
                from,
                to,
                paid: paid
                    .items
                    .iter()
                    .map(|p| PaidRow {
                        paid_on: p.paid_on,
                        order_number: p.order_number.clone(),
                        decision_number: p.decision_number.clone(),
                        seq: p.seq,
                        family_regno: p.family_regno.clone(),
                        kind: p.kind.as_str().to_owned(),
                        amount: p.amount_tiyn.into(),
                        recorded_by: p.recorded_by.clone(),
                    })
                    .collect(),
                paid_total: paid.total_tiyn.into(),
                totals: kinds,
                reconciles: totals.reconciles,
                recalc: recalculations(store)?,
            })
        })
    }

    /// Applies recalculations (`references` as `DECISION/SEQ`; empty: every one proposed).
    pub fn approve_recalc(
        &self,
        references: &[String],
        reason: &str,
        now: Now,
    ) -> ApiResult<Recalculations> {
        let selection = if references.is_empty() {
            RecalcSelection::All
        } else {
            RecalcSelection::Only(InstalmentRef::parse_all(references).map_err(ApiError::invalid)?)
        };
        let reason = Some(reason.trim()).filter(|r| !r.is_empty());
        self.acting(now, |store, ctx| {
            store.approve_recalc(ctx, &selection, reason)?;
            recalculations(store)
        })
    }

    /// The MCI table, the rules and the recalculations they propose.
    pub fn reference_data(&self) -> ApiResult<ReferenceData> {
        self.with(|store, _| reference_data(store))
    }

    /// Adds an MCI row (administrator); returns the data with the recalculations it proposes.
    pub fn add_mci(
        &self,
        from: &str,
        purpose: &str,
        value: &str,
        note: &str,
        now: Now,
    ) -> ApiResult<ReferenceData> {
        let mut problems = vec![];
        let from = field_date("mci.effective_from", from).map_err(|p| problems.push(p)).ok();
        let purpose = match purpose.trim() {
            "social_payments" | "" => Some(MciPurpose::SocialPayments),
            "fines_and_other" => Some(MciPurpose::FinesAndOther),
            other => {
                problems.push(
                    FieldError::bare("mci.purpose", "store-required").with_arg("value", other),
                );
                None
            }
        };
        // Whole tenge: an MCI is never a fraction (the core's rule).
        let tenge =
            read_mci_tenge(value).map_err(|e| problems.push(FieldError::new("mci.tenge", &e))).ok();
        let (Some(effective_from), Some(purpose), Some(tenge)) = (from, purpose, tenge) else {
            return Err(ApiError::invalid(problems));
        };
        let note = Some(note.trim().to_owned()).filter(|n| !n.is_empty());
        let row = MciRow { effective_from, purpose, tenge, note };
        self.acting(now, |store, ctx| {
            store.add_mci_row(ctx, row)?;
            reference_data(store)
        })
    }

    /// Adds rules from a JSON text, as `otau rule add --file` (administrator).
    pub fn add_rules(&self, json: &str, now: Now) -> ApiResult<ReferenceData> {
        let rules = read_rules(json)?;
        self.acting(now, |store, ctx| {
            store.add_rules(ctx, rules)?;
            reference_data(store)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{at, d, now, TODAY};
    use otau_core::casework::month_bounds;
    use otau_core::casework::status::{Decision, Recommendation};
    use otau_core::iin::check_digit;
    use otau_store::Context;

    use otau_core::model::FamilyInput;
    use otau_store::casework::status::{Scope, StatusStages};
    use otau_store::Duplicates;

    /// A valid IIN for a birth date `YYMMDD` and century-and-sex digit.
    fn iin(yymmdd: &str, century_sex: u8) -> String {
        (0..10_000)
            .find_map(|serial| {
                let text = format!("{yymmdd}{century_sex}{serial:04}");
                let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
                let first11: [u8; 11] = digits.try_into().ok()?;
                check_digit(&first11).map(|c| format!("{text}{c}"))
            })
            .unwrap_or_default()
    }

    /// A desk on an office with a clerk `aigerim`, managers `bolat` and `saule`, and a family of
    /// two (both with an IIN) arrived on 14.09.2026, in the quota and with the head's status
    /// granted; returns the family's registration number.
    fn office() -> (tempfile::TempDir, Desk, String) {
        let (dir, path, mut store, admin) = crate::testkit::office();
        let family: FamilyInput = serde_json::from_value(serde_json::json!({
            "arrival_date": "2026-09-14",
            "country_of_origin": "UZ",
            "region": "KZ-55",
            "settlement": "Павлодар",
            "members": [
                { "relation": "head", "surname": "Сейітқали", "given_name": "Нұрсұлтан",
                  "birth_date": "1985-04-12", "sex": "male", "iin": "850412310211",
                  "consent": { "given_on": "2026-09-14" } },
                { "relation": "spouse", "surname": "Сейітқали", "given_name": "Әлия",
                  "birth_date": "1988-11-03", "sex": "female", "iin": iin("881103", 4),
                  "consent": { "given_on": "2026-09-14" } },
            ],
        }))
        .expect("family");
        let regno = store
            .register_family(&Context::new(&admin, at(), d(TODAY)), &family, Duplicates::Refuse)
            .expect("register")
            .family_regno;
        let stages = StatusStages {
            applied_on: Some(d("2026-09-15")),
            recommended_on: Some(d("2026-09-20")),
            recommendation: Some(Recommendation::Recommended),
            decided_on: Some(d("2026-09-25")),
            decision: Some(Decision::Granted),
            refusal_reason: None,
        };
        store
            .record_status(
                &Context::new(&admin, at(), d(TODAY)),
                &regno,
                &stages,
                Scope::Person,
                None,
            )
            .expect("status");
        store
            .include_in_quota(
                &Context::new(&admin, at(), d(TODAY)),
                &regno,
                d("2026-09-25"),
                None,
                None,
            )
            .expect("quota");
        drop(store);
        (dir, Desk::new(Some(path), 900), regno)
    }

    fn relocation() -> PrepareForm {
        PrepareForm {
            kind: "relocation".into(),
            decided_on: "01.10.2026".into(),
            first_due_on: String::new(),
            settlement_type: String::new(),
            housing_cost: String::new(),
            note: String::new(),
        }
    }

    fn codes(error: Option<ApiError>) -> (String, Vec<(String, String)>) {
        let error = error.unwrap_or_else(|| ApiError::coded("none"));
        (error.code, error.fields.into_iter().map(|f| (f.field, f.code)).collect())
    }

    #[test]
    fn a_clerk_previews_and_prepares_a_relocation_subsidy_with_its_explanation() {
        let (_dir, desk, regno) = office();
        desk.sign_in("aigerim", "aigerim-password").expect("sign in");
        let preview = desk.subsidy_preview(&regno, &relocation(), d(TODAY)).expect("preview");
        assert!(preview.eligible, "{:?}", preview.refusals);
        assert_eq!(preview.rule.as_deref(), Some("relocation-2023 v1"));
        assert!(!preview.needs_settlement_type && !preview.needs_housing_cost);
        let row = &preview.instalments[0];
        assert_eq!(row.amount.tiyn, 2 * 70 * 4325 * 100);
        assert_eq!(row.amount.text, "605\u{a0}500\u{a0}₸");
        assert_eq!(row.mci.text, "4\u{a0}325\u{a0}₸");
        assert_eq!(row.explanation.code, "subsidy-explain-per-member");
        assert_eq!(row.explanation.args.get("mci").map(String::as_str), Some("70"));
        // Nothing was saved by the preview.
        assert!(desk.subsidy_statement(&regno, d(TODAY)).expect("statement").decisions.is_empty());

        let statement = desk.prepare_subsidy(&regno, &relocation(), now()).expect("prepare");
        let decision = &statement.decisions[0];
        assert_eq!(decision.number, "PVL01-S-2026-00001");
        assert_eq!(decision.prepared_by, "aigerim");
        assert_eq!(decision.instalments[0].state, "awaiting_approval");
        assert_eq!(statement.entries.len(), 1);
        assert_eq!(statement.entries[0].kind, "accrued");
        assert_eq!(statement.totals.awaiting_approval.tiyn, 60_550_000);
        assert!(statement.totals.reconciles);
    }

    #[test]
    fn a_refused_family_sees_every_reason_and_a_bad_form_every_field() {
        let (_dir, desk, regno) = office();
        desk.sign_in("aigerim", "aigerim-password").expect("sign in");
        // Before the status was granted and the quota decided.
        let early = PrepareForm { decided_on: "2026-09-16".into(), ..relocation() };
        let preview = desk.subsidy_preview(&regno, &early, d(TODAY)).expect("preview");
        assert!(!preview.eligible);
        let refusals: Vec<_> = preview.refusals.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(refusals, ["subsidy-refused-quota-later", "subsidy-refused-status"]);
        let refused = desk.prepare_subsidy(&regno, &early, now()).err();
        assert_eq!(refused.map(|e| e.code), Some("subsidy-not-eligible".into()));

        let bad = PrepareForm {
            kind: String::new(),
            decided_on: "31.02.2026".into(),
            housing_cost: "много".into(),
            ..relocation()
        };
        let (code, fields) = codes(desk.prepare_subsidy(&regno, &bad, now()).err());
        assert_eq!(code, "store-invalid");
        assert_eq!(
            fields,
            [
                ("kind".to_owned(), "store-required".to_owned()),
                ("decided_on".to_owned(), "desk-date-format".to_owned()),
                ("housing_cost".to_owned(), "money-invalid".to_owned()),
            ]
        );
    }

    #[test]
    fn approval_is_refused_to_the_clerk_and_the_preparer_then_paid_and_listed() {
        let (_dir, desk, regno) = office();
        desk.sign_in("aigerim", "aigerim-password").expect("clerk");
        let number = desk.prepare_subsidy(&regno, &relocation(), now()).expect("prepare").decisions
            [0]
        .number
        .clone();
        let (code, _) = codes(desk.approve_subsidy(&number, &[], now()).err());
        assert_eq!(code, "store-forbidden");

        // A manager who prepared a decision cannot approve it either.
        desk.sign_in("bolat", "bolat-password").expect("bolat");
        let employer = PrepareForm { kind: "employer".into(), ..relocation() };
        let own = desk.prepare_subsidy(&regno, &employer, now()).expect("employer").decisions[1]
            .number
            .clone();
        let (code, _) = codes(desk.approve_subsidy(&own, &[], now()).err());
        assert_eq!(code, "ledger-maker-checker");

        let screen = desk.payments("2026-10", "", "", d(TODAY)).expect("payments");
        assert_eq!(screen.awaiting.len(), 2);
        assert_eq!(screen.due.len(), 2);
        assert_eq!((screen.from, screen.to), (d("2026-10-01"), d("2026-10-31")));

        let approved = desk.approve_subsidy(&number, &[], now()).expect("approve");
        assert_eq!(approved.decisions[0].instalments[0].approved_by.as_deref(), Some("bolat"));
        let (code, fields) =
            codes(desk.pay_subsidy(&number, &[], "ПП-77", "32.11.2026", now()).err());
        assert_eq!((code.as_str(), fields.len()), ("store-invalid", 1));
        let paid = desk.pay_subsidy(&number, &[], "ПП-77", "20.11.2026", now()).expect("pay");
        let row = &paid.decisions[0].instalments[0];
        assert_eq!(row.state, "paid");
        assert_eq!(row.order_number.as_deref(), Some("ПП-77"));
        assert_eq!(row.paid_on, Some(d("2026-11-20")));
        let kinds: Vec<_> = paid
            .entries
            .iter()
            .filter(|e| e.decision_number == number)
            .map(|e| e.kind.as_str())
            .collect();
        assert_eq!(kinds, ["accrued", "approved", "paid"]);

        let screen = desk.payments("", "2026-11-01", "2026-11-30", d(TODAY)).expect("payments");
        assert_eq!(screen.month, "2026-11");
        assert_eq!(screen.awaiting.len(), 1, "the manager's own decision still waits");
        assert_eq!(screen.paid.len(), 1);
        assert_eq!(screen.paid[0].order_number, "ПП-77");
        assert_eq!(screen.paid_total.tiyn, 60_550_000);
        let all = screen.totals.last().expect("all kinds");
        assert_eq!(all.kind, None);
        assert_eq!(all.paid_in_period.tiyn, 60_550_000);
        assert!(screen.reconciles);

        // The manager's own decision is reversed with a reason; paid lines never are.
        let reversed = desk.reverse_subsidy(&own, &[], "Қате дайындалды", now()).expect("reverse");
        assert_eq!(reversed.decisions[1].instalments[0].state, "cancelled");
        assert!(reversed.entries.iter().any(|e| e.kind == "reversed"
            && e.reason == Some(otau_core::note::Note::Typed("Қате дайындалды".into()))));
        assert!(desk.reverse_subsidy(&number, &[1], "no", now()).is_err());
    }

    #[test]
    fn a_new_mci_row_proposes_recalculations_that_another_manager_approves() {
        let (_dir, desk, regno) = office();
        desk.sign_in("aigerim", "aigerim-password").expect("clerk");
        let rent =
            PrepareForm { kind: "rent".into(), settlement_type: "village".into(), ..relocation() };
        let preview = desk.subsidy_preview(&regno, &rent, d(TODAY)).expect("preview");
        assert!(preview.needs_settlement_type);
        assert_eq!(preview.instalments.len(), 12);
        desk.prepare_subsidy(&regno, &rent, now()).expect("rent");

        assert_eq!(
            codes(desk.add_mci("2027-01-01", "", "4 500", "", now()).err()).0,
            "store-forbidden"
        );
        desk.sign_in("admin", "admin-password").expect("admin");
        let (code, fields) = codes(desk.add_mci("x", "", "4 500,5", "", now()).err());
        assert_eq!(code, "store-invalid");
        assert_eq!(fields.len(), 2);
        let data = desk.add_mci("01.01.2027", "", "4 500", "", now()).expect("mci");
        assert_eq!(data.mci[0].effective_from, d("2027-01-01"));
        assert_eq!(data.mci[0].value.text, "4\u{a0}500\u{a0}₸");
        // Instalments due from January 2027 on would change.
        assert_eq!(data.recalc.proposals.len(), 9);
        let first = &data.recalc.proposals[0];
        assert_eq!(first.old_mci.tenge, 4325);
        assert_eq!(first.new_mci.tenge, 4500);

        desk.sign_in("bolat", "bolat-password").expect("bolat");
        let left = desk
            .approve_recalc(std::slice::from_ref(&first.reference), "АЕК 2027", now())
            .expect("recalc");
        assert_eq!(left.proposals.len(), 8);
        let bad = codes(desk.approve_recalc(&["nope".into()], "", now()).err());
        assert_eq!(bad.0, "store-invalid");
        let left = desk.approve_recalc(&[], "", now()).expect("all");
        assert!(left.proposals.is_empty());
    }

    #[test]
    fn rules_are_added_from_json_as_the_next_version_and_refused_when_unreadable() {
        let (_dir, desk, _) = office();
        desk.sign_in("admin", "admin-password").expect("admin");
        let data = desk.reference_data().expect("data");
        let relocation = data
            .rules
            .iter()
            .find(|r| r.id == "relocation-2023" && r.current)
            .expect("shipped rule");
        assert_eq!(relocation.basis, "per_member");
        assert_eq!(relocation.amount_mci.as_deref(), Some("70"));

        let unreadable = desk.add_rules("{\"id\": \"x\", \"kindd\": 1}", now()).err();
        assert_eq!(unreadable.map(|e| e.code), Some("rule-json".into()));

        let mut next: serde_json::Value =
            serde_json::from_str(&relocation.json).expect("rule json");
        next["version"] = serde_json::json!(2);
        next["valid_from"] = serde_json::json!("2027-01-01");
        next["amount_mci"] = serde_json::json!(8000);
        let data = desk.add_rules(&next.to_string(), now()).expect("added");
        let versions: Vec<_> = data
            .rules
            .iter()
            .filter(|r| r.id == "relocation-2023")
            .map(|r| (r.version, r.current))
            .collect();
        assert_eq!(versions, [(1, false), (2, true)]);
    }

    #[test]
    fn a_move_away_is_recorded_on_the_statement() {
        let (_dir, desk, regno) = office();
        desk.sign_in("bolat", "bolat-password").expect("bolat");
        let refused = codes(desk.move_away(&regno, "", "Алматыға", now()).err());
        assert_eq!(refused.1, [("subsidy.moved_on".to_owned(), "store-required".to_owned())]);
        let statement =
            desk.move_away(&regno, "20.11.2026", "Алматыға көшті", now()).expect("move");
        let departure = statement.departure.expect("departure");
        assert_eq!(departure.moved_on, d("2026-11-20"));
        assert_eq!(departure.recorded_by, "bolat");
    }

    #[test]
    fn money_crosses_as_integer_tiyn_with_its_text() {
        let json = serde_json::to_value(Money::from(Tiyn(103_376_000))).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({ "tiyn": 103_376_000, "text": "1\u{a0}033\u{a0}760\u{a0}₸" }))
        );
        assert_eq!(month_bounds(2024, 2), Some((d("2024-02-01"), d("2024-02-29"))));
        assert!(read_month("2026-13").is_err());
    }
}
