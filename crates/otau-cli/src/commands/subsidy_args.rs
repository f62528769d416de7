//! The shape of the subsidy commands (`subsidy`, `ledger`, `rule`, `recalc`, `mci add`) as clap
//! definitions; `--help` of each is their documentation.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `otau subsidy …`
#[derive(Debug, Subcommand)]
pub enum SubsidyCommand {
    /// Prepare a decision for a family: checks eligibility, computes the instalments with the MCI
    /// in force on each due date, and prints them with their explanations. The lines then await
    /// a manager's approval.
    Prepare(PrepareArgs),
    /// Check whether a family can get a subsidy on a date, and every reason it cannot.
    Check {
        /// Registration number of any member of the family.
        #[arg(long)]
        family: String,
        /// relocation, rent, mobility_certificate or employer.
        #[arg(long)]
        kind: String,
        /// Decision date, YYYY-MM-DD.
        #[arg(long)]
        decided_on: String,
    },
    /// Show a decision with its instalments, their state and explanations.
    Show {
        /// Decision number (PVL01-S-2024-00001).
        number: String,
    },
    /// Approve instalments awaiting approval (manager or administrator; never the person who
    /// prepared them).
    Approve {
        /// Decision number.
        number: String,
        /// Only these instalments (repeat the option); default: every one awaiting approval.
        #[arg(long = "instalment")]
        instalments: Vec<u32>,
    },
    /// Record that a payment order was executed (manager or administrator). Every member of the
    /// family must have an IIN.
    Pay {
        /// Decision number.
        number: String,
        /// Payment order number.
        #[arg(long)]
        order: String,
        /// Payment date, YYYY-MM-DD (not after today).
        #[arg(long)]
        paid_on: String,
        /// Only these instalments (repeat the option); default: every approved one due on or
        /// before the payment date.
        #[arg(long = "instalment")]
        instalments: Vec<u32>,
    },
    /// Reverse unpaid instalments, with a reason (manager or administrator; a clerk only their own
    /// unapproved ones). Paid instalments never change. A correction is a reversal followed by a
    /// new decision.
    Reverse {
        /// Decision number.
        number: String,
        /// Why.
        #[arg(long)]
        reason: String,
        /// Only these instalments (repeat the option); default: every unpaid one.
        #[arg(long = "instalment")]
        instalments: Vec<u32>,
    },
    /// Record that a family moved away from the region: unpaid instalments due after the date
    /// are cancelled, and reimbursement cases opened where a rule says so (manager or
    /// administrator).
    MoveAway {
        /// Registration number of any member of the family.
        #[arg(long)]
        family: String,
        /// Date of the move, YYYY-MM-DD.
        #[arg(long)]
        on: String,
        /// What is known of it.
        #[arg(long)]
        reason: String,
    },
}

/// `otau subsidy prepare`
#[derive(Debug, Args)]
pub struct PrepareArgs {
    /// Registration number of any member of the family.
    #[arg(long)]
    pub family: String,
    /// relocation, rent, mobility_certificate or employer.
    #[arg(long)]
    pub kind: String,
    /// Decision date, YYYY-MM-DD: picks the rule in force.
    #[arg(long)]
    pub decided_on: String,
    /// First due date, YYYY-MM-DD (default: the decision date); monthly instalments follow on
    /// the same day of each month.
    #[arg(long)]
    pub first_due: Option<String>,
    /// town or village (rent and utilities).
    #[arg(long)]
    pub settlement_type: Option<String>,
    /// Cost of the housing in tenge, e.g. 9 000 000 or 9000000,50 (mobility certificate).
    #[arg(long)]
    pub housing_cost: Option<String>,
    /// Fewer months than the rule's most (rent and utilities).
    #[arg(long)]
    pub months: Option<u32>,
    /// A note kept with the decision.
    #[arg(long)]
    pub note: Option<String>,
    /// Compute and check only; save nothing (no --user needed).
    #[arg(long)]
    pub dry_run: bool,
}

/// `otau ledger …`
#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// A family's statement: decisions, instalments, every ledger entry, totals.
    Statement {
        /// Registration number of any member of the family.
        regno: String,
    },
    /// Unpaid instalments falling due in a month.
    Due {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: String,
    },
    /// Instalments waiting for a manager's approval.
    Awaiting,
    /// Payments made in a period.
    Paid {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: String,
    },
    /// Totals of the instalments due in a period, by where the money stands and by subsidy,
    /// and what was paid in it; checked to reconcile with the ledger.
    Totals {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: String,
    },
    /// Rebuild the state of every ledger line (the projection the lists read) from the entries.
    Rebuild,
}

/// `otau rule …`
#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// Add subsidy rules from a JSON file (one rule, or {"rules": [...]} as in
    /// assets/reference/subsidy_rules.json), each as the next version of its id; or load the
    /// shipped rules this database lacks. Administrator only.
    Add {
        /// The rules file.
        #[arg(long, required_unless_present = "shipped", conflicts_with = "shipped")]
        file: Option<PathBuf>,
        /// Load the shipped rules that are missing.
        #[arg(long)]
        shipped: bool,
    },
    /// List the rules, every version, the current ones marked.
    List {
        /// Only this kind.
        #[arg(long)]
        kind: Option<String>,
    },
}

/// `otau recalc …`
#[derive(Debug, Subcommand)]
pub enum RecalcCommand {
    /// Unpaid instalments whose amount would change with the current MCI table and rules, with
    /// old and new amounts.
    List,
    /// Apply recalculations: a reversal and a new accrual for each (manager or administrator,
    /// never the person who prepared the decision). Paid instalments never change.
    Approve {
        /// Instalments as DECISION/N (PVL01-S-2026-00001/3).
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        instalments: Vec<String>,
        /// Every proposed recalculation.
        #[arg(long)]
        all: bool,
        /// Why (kept with the reversals).
        #[arg(long)]
        reason: Option<String>,
    },
}

/// `otau mci add`
#[derive(Debug, Args)]
pub struct MciAddArgs {
    /// First day the value applies, YYYY-MM-DD.
    #[arg(long)]
    pub from: String,
    /// One MCI in whole tenge.
    #[arg(long)]
    pub tenge: i64,
    /// social_payments (default; what subsidies use) or fines_and_other.
    #[arg(long, default_value = "social_payments")]
    pub purpose: String,
    /// Where the value comes from.
    #[arg(long)]
    pub note: Option<String>,
    /// Correct the existing row of that date and purpose instead of adding one (needs --reason).
    #[arg(long, requires = "reason")]
    pub correct: bool,
    /// Why the row is corrected.
    #[arg(long)]
    pub reason: Option<String>,
}
