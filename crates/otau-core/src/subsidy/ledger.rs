//! Ledger arithmetic: the kinds of entries, the state of an instalment derived from its entries,
//! what each action needs, maker–checker, and totals that reconcile.
//!
//! # Design
//! The ledger is append-only. An *accrued* entry opens a *line* for an instalment; *approved*,
//! *paid* and *reversed* entries refer to that line. An instalment has at most one open (not
//! reversed) line; its state is that line's state, or *cancelled* when every line is reversed. A
//! correction is a reversal of the line plus a new accrued line. A paid line is final: nothing
//! may follow it. The person who prepared a line (`prepared_by` of its accrued entry) may not
//! approve it.
//!
//! Totals come from sums of entries by kind: with `A` accrued, `P` approved, `D` paid, `R`
//! reversed (of which `Rₐ` reversed after approval), the net accrued `A − R` is exactly paid `D`
//! plus approved-unpaid `P − D − Rₐ` plus awaiting approval `A − P − (R − Rₐ)`. A ledger in
//! which any of those parts is negative has entries that do not belong together.

use crate::money::Tiyn;
use crate::subsidy::error::SubsidyError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of a ledger entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An amount is due to the family (opens a line).
    Accrued,
    /// A manager approved the line.
    Approved,
    /// The payment order was executed.
    Paid,
    /// The line is cancelled (a correction adds a new accrued line).
    Reversed,
}

impl EntryKind {
    /// The snake_case name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Accrued => "accrued",
            EntryKind::Approved => "approved",
            EntryKind::Paid => "paid",
            EntryKind::Reversed => "reversed",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an instalment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstalmentState {
    /// Accrued, waiting for a manager's approval.
    AwaitingApproval,
    /// Approved, not paid yet.
    Approved,
    /// Paid: final.
    Paid,
    /// Every line reversed: nothing is due.
    Cancelled,
}

impl InstalmentState {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            InstalmentState::AwaitingApproval => "awaiting_approval",
            InstalmentState::Approved => "approved",
            InstalmentState::Paid => "paid",
            InstalmentState::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for InstalmentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the entries of one line say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Login of the person who prepared the accrual.
    pub prepared_by: String,
    /// An approved entry exists.
    pub approved: bool,
    /// A paid entry exists.
    pub paid: bool,
    /// A reversed entry exists.
    pub reversed: bool,
}

impl Line {
    /// The line's state.
    pub fn state(&self) -> InstalmentState {
        if self.reversed {
            InstalmentState::Cancelled
        } else if self.paid {
            InstalmentState::Paid
        } else if self.approved {
            InstalmentState::Approved
        } else {
            InstalmentState::AwaitingApproval
        }
    }
}

/// The state of an instalment from its lines: the open line's, or cancelled when there is none.
pub fn instalment_state<'a>(lines: impl IntoIterator<Item = &'a Line>) -> InstalmentState {
    lines
        .into_iter()
        .map(Line::state)
        .find(|s| *s != InstalmentState::Cancelled)
        .unwrap_or(InstalmentState::Cancelled)
}

/// Refuses unless `approver` may approve the open line of instalment `seq` of `decision`: it must
/// be awaiting approval and prepared by someone else (maker–checker).
pub fn check_approve(
    line: &Line,
    approver: &str,
    decision: &str,
    seq: u32,
) -> Result<(), SubsidyError> {
    check_state(line, InstalmentState::AwaitingApproval, decision, seq)?;
    if line.prepared_by.eq_ignore_ascii_case(approver) {
        return Err(SubsidyError::MakerChecker {
            login: approver.to_string(),
            decision: decision.to_string(),
            seq,
        });
    }
    Ok(())
}

/// Refuses unless the line is approved and not paid.
pub fn check_pay(line: &Line, decision: &str, seq: u32) -> Result<(), SubsidyError> {
    check_state(line, InstalmentState::Approved, decision, seq)
}

/// Refuses unless the line may be reversed (it is not paid and not reversed already); gives the
/// state it is reversed from.
pub fn check_reverse(
    line: &Line,
    decision: &str,
    seq: u32,
) -> Result<InstalmentState, SubsidyError> {
    match line.state() {
        InstalmentState::Paid => {
            Err(SubsidyError::PaidIsFinal { decision: decision.to_string(), seq })
        }
        InstalmentState::Cancelled => Err(SubsidyError::WrongState {
            decision: decision.to_string(),
            seq,
            state: InstalmentState::Cancelled.as_str(),
            needed: "unpaid",
        }),
        state => Ok(state),
    }
}

fn check_state(
    line: &Line,
    needed: InstalmentState,
    decision: &str,
    seq: u32,
) -> Result<(), SubsidyError> {
    let state = line.state();
    if state == needed {
        Ok(())
    } else if state == InstalmentState::Paid {
        Err(SubsidyError::PaidIsFinal { decision: decision.to_string(), seq })
    } else {
        Err(SubsidyError::WrongState {
            decision: decision.to_string(),
            seq,
            state: state.as_str(),
            needed: needed.as_str(),
        })
    }
}

/// Sums of ledger entries by kind (tiyn), the input of [`LedgerTotals`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindSums {
    /// Sum of accrued entries.
    pub accrued: Tiyn,
    /// Sum of approved entries.
    pub approved: Tiyn,
    /// Sum of paid entries.
    pub paid: Tiyn,
    /// Sum of reversed entries of lines still awaiting approval when reversed.
    pub reversed_awaiting: Tiyn,
    /// Sum of reversed entries of approved lines.
    pub reversed_approved: Tiyn,
}

impl KindSums {
    /// Adds an entry's amount under its kind; `after_approval` says, for a reversal, whether the
    /// line had been approved. `None` on overflow.
    pub fn add(&mut self, kind: EntryKind, after_approval: bool, amount: Tiyn) -> Option<()> {
        let slot = match (kind, after_approval) {
            (EntryKind::Accrued, _) => &mut self.accrued,
            (EntryKind::Approved, _) => &mut self.approved,
            (EntryKind::Paid, _) => &mut self.paid,
            (EntryKind::Reversed, false) => &mut self.reversed_awaiting,
            (EntryKind::Reversed, true) => &mut self.reversed_approved,
        };
        *slot = slot.checked_add(amount)?;
        Some(())
    }
}

/// Totals of a set of ledger entries, split by where the money stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerTotals {
    /// Everything ever accrued.
    pub accrued_tiyn: Tiyn,
    /// Everything reversed.
    pub reversed_tiyn: Tiyn,
    /// Accrued less reversed: what the decisions now come to.
    pub net_tiyn: Tiyn,
    /// Accrued and waiting for approval.
    pub awaiting_approval_tiyn: Tiyn,
    /// Approved and not paid yet.
    pub approved_unpaid_tiyn: Tiyn,
    /// Paid.
    pub paid_tiyn: Tiyn,
    /// Whether the parts are all at least zero and add up to the net (they do for any ledger the
    /// library wrote).
    pub reconciles: bool,
}

impl LedgerTotals {
    /// The totals from sums by kind. `None` on overflow.
    pub fn from_sums(s: &KindSums) -> Option<LedgerTotals> {
        let reversed = s.reversed_awaiting.checked_add(s.reversed_approved)?;
        let net = s.accrued.checked_sub(reversed)?;
        let approved_unpaid = s.approved.checked_sub(s.paid)?.checked_sub(s.reversed_approved)?;
        let awaiting = s.accrued.checked_sub(s.approved)?.checked_sub(s.reversed_awaiting)?;
        let parts = Tiyn::checked_sum([s.paid, approved_unpaid, awaiting])?;
        let reconciles =
            parts == net && [s.paid, approved_unpaid, awaiting].iter().all(|t| t.0 >= 0);
        Some(LedgerTotals {
            accrued_tiyn: s.accrued,
            reversed_tiyn: reversed,
            net_tiyn: net,
            awaiting_approval_tiyn: awaiting,
            approved_unpaid_tiyn: approved_unpaid,
            paid_tiyn: s.paid,
            reconciles,
        })
    }

    /// Totals by state of open lines: what a list of instalments says, for comparing with the
    /// ledger's sums. `None` on overflow.
    pub fn from_states(
        states: impl IntoIterator<Item = (InstalmentState, Tiyn)>,
    ) -> Option<(Tiyn, Tiyn, Tiyn)> {
        let (mut awaiting, mut approved, mut paid) = (Tiyn::ZERO, Tiyn::ZERO, Tiyn::ZERO);
        for (state, amount) in states {
            let slot = match state {
                InstalmentState::AwaitingApproval => &mut awaiting,
                InstalmentState::Approved => &mut approved,
                InstalmentState::Paid => &mut paid,
                InstalmentState::Cancelled => continue,
            };
            *slot = slot.checked_add(amount)?;
        }
        Some((awaiting, approved, paid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(prepared_by: &str, approved: bool, paid: bool, reversed: bool) -> Line {
        Line { prepared_by: prepared_by.into(), approved, paid, reversed }
    }

    #[test]
    fn the_state_is_the_open_lines() {
        let reversed = line("a", true, false, true);
        let open = line("a", true, false, false);
        assert_eq!(instalment_state([&reversed, &open]), InstalmentState::Approved);
        assert_eq!(instalment_state([&reversed]), InstalmentState::Cancelled);
        assert_eq!(instalment_state([]), InstalmentState::Cancelled);
        assert_eq!(line("a", true, true, false).state(), InstalmentState::Paid);
        assert_eq!(line("a", false, false, false).state(), InstalmentState::AwaitingApproval);
    }

    #[test]
    fn the_preparer_cannot_approve() {
        let l = line("aigerim", false, false, false);
        let err = check_approve(&l, "aigerim", "PVL01-S-2024-00001", 1).unwrap_err();
        assert_eq!(
            err,
            SubsidyError::MakerChecker {
                login: "aigerim".into(),
                decision: "PVL01-S-2024-00001".into(),
                seq: 1
            }
        );
        assert_eq!(crate::Coded::code(&err), "ledger-maker-checker");
        assert_eq!(check_approve(&l, "manager", "D", 1), Ok(()));
    }

    #[test]
    fn each_action_needs_its_state() {
        let approved = line("a", true, false, false);
        assert!(matches!(
            check_approve(&approved, "b", "D", 2),
            Err(SubsidyError::WrongState { state: "approved", needed: "awaiting_approval", .. })
        ));
        assert_eq!(check_pay(&approved, "D", 2), Ok(()));
        let awaiting = line("a", false, false, false);
        assert!(matches!(check_pay(&awaiting, "D", 2), Err(SubsidyError::WrongState { .. })));
        let paid = line("a", true, true, false);
        assert_eq!(
            check_pay(&paid, "D", 2),
            Err(SubsidyError::PaidIsFinal { decision: "D".into(), seq: 2 })
        );
        assert_eq!(
            check_reverse(&paid, "D", 2),
            Err(SubsidyError::PaidIsFinal { decision: "D".into(), seq: 2 })
        );
        assert_eq!(check_reverse(&approved, "D", 2), Ok(InstalmentState::Approved));
        assert!(check_reverse(&line("a", false, false, true), "D", 2).is_err());
    }

    #[test]
    fn totals_split_the_net_by_state() {
        // Three lines of 100: one paid, one approved, one awaiting; and one of 50 reversed after
        // approval, one of 30 reversed before.
        let mut s = KindSums::default();
        for (kind, after, amount) in [
            (EntryKind::Accrued, false, 100),
            (EntryKind::Approved, false, 100),
            (EntryKind::Paid, false, 100),
            (EntryKind::Accrued, false, 100),
            (EntryKind::Approved, false, 100),
            (EntryKind::Accrued, false, 100),
            (EntryKind::Accrued, false, 50),
            (EntryKind::Approved, false, 50),
            (EntryKind::Reversed, true, 50),
            (EntryKind::Accrued, false, 30),
            (EntryKind::Reversed, false, 30),
        ] {
            s.add(kind, after, Tiyn(amount)).unwrap();
        }
        let t = LedgerTotals::from_sums(&s).unwrap();
        assert_eq!(t.net_tiyn, Tiyn(300));
        assert_eq!(
            (t.paid_tiyn, t.approved_unpaid_tiyn, t.awaiting_approval_tiyn),
            (Tiyn(100), Tiyn(100), Tiyn(100))
        );
        assert!(t.reconciles);
        // A payment without an approval does not reconcile.
        let bad = KindSums { accrued: Tiyn(10), paid: Tiyn(10), ..KindSums::default() };
        assert!(!LedgerTotals::from_sums(&bad).unwrap().reconciles);
    }
}
