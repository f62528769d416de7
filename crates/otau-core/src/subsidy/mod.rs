//! Subsidies of resettled families, as pure rules: the rules as data with validity periods, the
//! computation of a decision's instalments with the MCI in force on each due date, explanations
//! a clerk can read aloud, eligibility, and the arithmetic of the append-only payment ledger.
//!
//! Nothing here reads the clock or a database: dates, MCI tables, rules and facts come in as
//! arguments. The store gathers the facts and keeps the results; the edges translate the codes.

pub mod compute;
pub mod departure;
pub mod eligibility;
pub mod error;
pub mod explain;
pub mod ledger;
pub mod rules;

pub use compute::{
    compute_decision, compute_instalment, Decision, FamilyFacts, Instalment, MciApplied,
};
pub use departure::{cancelled_by_move, reimbursement, Reimbursement};
pub use eligibility::{check_eligibility, check_payable, EligibilityFacts, Refusal};
pub use error::SubsidyError;
pub use explain::Explanation;
pub use ledger::{EntryKind, InstalmentState, LedgerTotals};
pub use rules::{Basis, RuleError, RuleSet, SettlementType, SubsidyKind, SubsidyRule, Tier};
