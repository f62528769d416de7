//! Why a subsidy cannot be computed, prepared, approved, paid or reversed: each case with a
//! stable code (a message id of `subsidy.ftl`) and the arguments its message needs.

use crate::code::{Coded, FieldError};
use crate::subsidy::rules::{RuleError, SubsidyKind};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Everything the subsidy rules and the ledger refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubsidyError {
    /// The facts given for a decision have problems, each naming its field.
    #[error("invalid decision facts: {0:?}")]
    Facts(Vec<FieldError>),
    /// No rule of the kind is in force on the decision date.
    #[error("no {kind} rule is in force on {on}")]
    NoRule {
        /// The kind asked for.
        kind: SubsidyKind,
        /// The decision date.
        on: NaiveDate,
    },
    /// The rule given does not apply on the decision date.
    #[error("rule {rule} does not apply on {on}")]
    RuleNotInForce {
        /// The rule id.
        rule: String,
        /// The decision date.
        on: NaiveDate,
    },
    /// No MCI is recorded for a due date.
    #[error("no MCI is recorded for {on}")]
    NoMci {
        /// The due date.
        on: NaiveDate,
    },
    /// An amount does not fit in 64 bits of tiyn.
    #[error("an amount is too large")]
    Overflow,
    /// The family is not eligible; each refusal names what is missing.
    #[error("not eligible: {0:?}")]
    NotEligible(Vec<FieldError>),
    /// The person who prepared an entry tried to approve it.
    #[error("{login} prepared instalment {seq} of {decision} and cannot approve it")]
    MakerChecker {
        /// The login of the preparer (and would-be approver).
        login: String,
        /// The decision number.
        decision: String,
        /// The instalment.
        seq: u32,
    },
    /// The approver and the preparer may be one person: one of them set the password the
    /// other signs in with (made the account, or reset its password).
    #[error("{approver} may not approve instalment {seq} of {decision}: {setter} set the password {owner} signs in with")]
    MakerCheckerAccount {
        /// Who tried to approve.
        approver: String,
        /// Who set the other's password.
        setter: String,
        /// Whose password it is.
        owner: String,
        /// The decision number.
        decision: String,
        /// The instalment.
        seq: u32,
    },
    /// An instalment is not in the state the action needs.
    #[error("instalment {seq} of {decision} is {state}, not {needed}")]
    WrongState {
        /// The decision number.
        decision: String,
        /// The instalment.
        seq: u32,
        /// Its state (`awaiting_approval`, `approved`, `paid`, `cancelled`).
        state: &'static str,
        /// The state the action needs.
        needed: &'static str,
    },
    /// Nothing in the decision is in the state the action needs.
    #[error("nothing in {decision} is {needed}")]
    Nothing {
        /// The decision number.
        decision: String,
        /// The state the action needs.
        needed: &'static str,
    },
    /// A paid instalment never changes.
    #[error("instalment {seq} of {decision} is paid and never changes")]
    PaidIsFinal {
        /// The decision number.
        decision: String,
        /// The instalment.
        seq: u32,
    },
    /// The decision has no instalment with that number.
    #[error("{decision} has no instalment {seq}")]
    NoInstalment {
        /// The decision number.
        decision: String,
        /// The number asked for.
        seq: u32,
    },
    /// The text is not a decision number (`PVL01-S-2024-00001`).
    #[error("{value:?} is not a decision number")]
    BadNumber {
        /// The text given.
        value: String,
    },
    /// The family's move away from the region is already recorded.
    #[error("the family moved away on {on}")]
    AlreadyMovedAway {
        /// The date recorded.
        on: NaiveDate,
    },
    /// A recalculation was asked for an instalment that has none proposed.
    #[error("no recalculation is proposed for instalment {seq} of {decision}")]
    NotProposed {
        /// The decision number.
        decision: String,
        /// The instalment.
        seq: u32,
    },
    /// The rule data is not usable.
    #[error(transparent)]
    Rule(#[from] RuleError),
}

impl SubsidyError {
    /// The field errors, for refusals that name fields.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            SubsidyError::Facts(f) | SubsidyError::NotEligible(f) => f,
            _ => &[],
        }
    }
}

impl Coded for SubsidyError {
    fn code(&self) -> &'static str {
        match self {
            SubsidyError::Facts(_) => "subsidy-invalid",
            SubsidyError::NoRule { .. } => "subsidy-no-rule",
            SubsidyError::RuleNotInForce { .. } => "subsidy-rule-not-in-force",
            SubsidyError::NoMci { .. } => "subsidy-no-mci",
            SubsidyError::Overflow => "subsidy-overflow",
            SubsidyError::NotEligible(_) => "subsidy-not-eligible",
            SubsidyError::MakerChecker { .. } => "ledger-maker-checker",
            SubsidyError::MakerCheckerAccount { .. } => "ledger-maker-checker-account",
            SubsidyError::WrongState { .. } => "ledger-wrong-state",
            SubsidyError::Nothing { .. } => "ledger-nothing",
            SubsidyError::PaidIsFinal { .. } => "ledger-paid-final",
            SubsidyError::NoInstalment { .. } => "ledger-no-instalment",
            SubsidyError::BadNumber { .. } => "subsidy-bad-number",
            SubsidyError::AlreadyMovedAway { .. } => "subsidy-already-moved-away",
            SubsidyError::NotProposed { .. } => "recalc-not-proposed",
            SubsidyError::Rule(e) => e.code(),
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            a.insert(k.to_string(), v);
        };
        match self {
            SubsidyError::Facts(f) | SubsidyError::NotEligible(f) => {
                put("count", f.len().to_string())
            }
            SubsidyError::NoRule { kind, on } => {
                put("kind", kind.as_str().to_string());
                put("on", on.to_string());
            }
            SubsidyError::RuleNotInForce { rule, on } => {
                put("rule", rule.clone());
                put("on", on.to_string());
            }
            SubsidyError::NoMci { on } | SubsidyError::AlreadyMovedAway { on } => {
                put("on", on.to_string())
            }
            SubsidyError::Overflow => {}
            SubsidyError::MakerChecker { login, decision, seq } => {
                put("login", login.clone());
                put("decision", decision.clone());
                put("seq", seq.to_string());
            }
            SubsidyError::MakerCheckerAccount { approver, setter, owner, decision, seq } => {
                put("approver", approver.clone());
                put("setter", setter.clone());
                put("owner", owner.clone());
                put("decision", decision.clone());
                put("seq", seq.to_string());
            }
            SubsidyError::WrongState { decision, seq, state, needed } => {
                put("decision", decision.clone());
                put("seq", seq.to_string());
                put("state", state.to_string());
                put("needed", needed.to_string());
            }
            SubsidyError::Nothing { decision, needed } => {
                put("decision", decision.clone());
                put("needed", needed.to_string());
            }
            SubsidyError::PaidIsFinal { decision, seq }
            | SubsidyError::NoInstalment { decision, seq }
            | SubsidyError::NotProposed { decision, seq } => {
                put("decision", decision.clone());
                put("seq", seq.to_string());
            }
            SubsidyError::BadNumber { value } => put("value", value.clone()),
            SubsidyError::Rule(e) => return e.args(),
        }
        a
    }
}
