//! A family's move away from its region, as the subsidy rules see it: which unpaid instalments
//! it cancels and when it obliges the family to pay back what a decision paid.
//!
//! # Context
//! Some rules (relocation, housing) are given on the condition that the family stays in the
//! region for a term counted from the decision date (`reimburse_if_moved_within_months`).
//! Moving away before the term ends opens a reimbursement case of what was paid under the
//! decision; unpaid instalments due after the move are cancelled whatever the rule says.

use super::error::SubsidyError;
use super::rules::SubsidyRule;
use crate::money::Tiyn;
use chrono::{Months, NaiveDate};

/// What a family must pay back of one decision after moving away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reimbursement {
    /// The last day of the rule's term: moving away before it opens the case.
    pub term_ends_on: NaiveDate,
    /// What was paid under the decision, to be paid back.
    pub amount: Tiyn,
}

/// Whether moving away on `moved_on` opens a reimbursement case for a decision made on
/// `decided_on` under `rule`, of which `paid` was paid: only when the rule asks for it, the
/// move comes before the end of its term, and something was paid.
pub fn reimbursement(
    rule: &SubsidyRule,
    decided_on: NaiveDate,
    moved_on: NaiveDate,
    paid: Tiyn,
) -> Result<Option<Reimbursement>, SubsidyError> {
    let Some(months) = rule.reimburse_if_moved_within_months else { return Ok(None) };
    let term_ends_on =
        decided_on.checked_add_months(Months::new(months)).ok_or(SubsidyError::Overflow)?;
    if moved_on < term_ends_on && paid.0 > 0 {
        Ok(Some(Reimbursement { term_ends_on, amount: paid }))
    } else {
        Ok(None)
    }
}

/// Whether an unpaid instalment due on `due_date` is cancelled by a move away on `moved_on`:
/// those due after the move are.
pub fn cancelled_by_move(due_date: NaiveDate, moved_on: NaiveDate) -> bool {
    due_date > moved_on
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subsidy::RuleSet;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rule(months: Option<u32>) -> SubsidyRule {
        let rules = RuleSet::shipped().unwrap();
        let mut r = rules.rules()[0].clone();
        r.reimburse_if_moved_within_months = months;
        r
    }

    #[test]
    fn a_move_within_the_term_pays_back_what_was_paid() {
        let r = rule(Some(60));
        let case = reimbursement(&r, d("2026-11-20"), d("2027-02-01"), Tiyn(100)).unwrap();
        assert_eq!(case, Some(Reimbursement { term_ends_on: d("2031-11-20"), amount: Tiyn(100) }));
    }

    #[test]
    fn no_case_after_the_term_without_payment_or_without_the_condition() {
        let r = rule(Some(12));
        assert_eq!(reimbursement(&r, d("2026-01-10"), d("2027-01-10"), Tiyn(100)), Ok(None));
        assert_eq!(reimbursement(&r, d("2026-01-10"), d("2026-06-01"), Tiyn(0)), Ok(None));
        assert_eq!(reimbursement(&rule(None), d("2026-01-10"), d("2026-06-01"), Tiyn(5)), Ok(None));
    }

    #[test]
    fn instalments_due_after_the_move_are_cancelled() {
        assert!(cancelled_by_move(d("2027-03-01"), d("2027-02-01")));
        assert!(!cancelled_by_move(d("2027-02-01"), d("2027-02-01")));
    }
}
