//! Who may get a subsidy: the checks before a decision and before a payment, as a pure function of
//! facts gathered elsewhere, every refusal with its reason.
//!
//! # Design
//! The facts (quota, status, IINs, earlier grants, a move away) come in already gathered; this
//! module only decides. All checks run and every refusal is returned at once, so a clerk sees
//! everything that is missing. Each refusal names a field (`subsidy.quota`, `members[1].iin`) and
//! a code that says what to fix.

use crate::code::{Coded, FieldError};
use crate::subsidy::rules::{SubsidyKind, SubsidyRule};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A family member who has no IIN yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberWithoutIin {
    /// The member's place in the family (the head first).
    pub index: usize,
    /// Registration number.
    pub regno: String,
    /// Name as written.
    pub name: String,
}

/// A decision the family already has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorGrant {
    /// Its kind.
    pub kind: SubsidyKind,
    /// Its number.
    pub decision: String,
}

/// What the checks need to know about a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityFacts {
    /// The decision date.
    pub decided_on: NaiveDate,
    /// The date the family was included in the regional quota, if it was.
    pub quota_included_on: Option<NaiveDate>,
    /// Whether the kandas status (of the head) is in force on the decision date.
    pub status_in_force: bool,
    /// Members without an IIN (required before any payment).
    pub members_without_iin: Vec<MemberWithoutIin>,
    /// Decisions the family already has and that were not cancelled.
    pub prior_grants: Vec<PriorGrant>,
    /// The date the family moved away from the region, if recorded.
    pub moved_away_on: Option<NaiveDate>,
}

/// One reason a family may not get a subsidy (or a payment) now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The family is not included in the regional quota.
    #[error("not included in the regional quota")]
    NotInQuota,
    /// The family was included in the quota only after the decision date.
    #[error("included in the quota on {included_on}, after the decision date {decided_on}")]
    QuotaLater {
        /// Inclusion date.
        included_on: NaiveDate,
        /// Decision date.
        decided_on: NaiveDate,
    },
    /// The head's kandas status is not in force on the decision date.
    #[error("the kandas status is not in force on {decided_on}")]
    StatusNotInForce {
        /// Decision date.
        decided_on: NaiveDate,
    },
    /// A member has no IIN.
    #[error("{regno} has no IIN")]
    IinMissing {
        /// The member's place in the family.
        index: usize,
        /// Registration number.
        regno: String,
        /// Name.
        name: String,
    },
    /// The family already has this subsidy, which is given once.
    #[error("already granted by {decision}")]
    AlreadyGranted {
        /// The kind.
        kind: SubsidyKind,
        /// The decision that granted it.
        decision: String,
    },
    /// The family moved away from the region.
    #[error("moved away on {on}")]
    MovedAway {
        /// The date.
        on: NaiveDate,
    },
}

impl Coded for Refusal {
    fn code(&self) -> &'static str {
        match self {
            Refusal::NotInQuota => "subsidy-refused-not-in-quota",
            Refusal::QuotaLater { .. } => "subsidy-refused-quota-later",
            Refusal::StatusNotInForce { .. } => "subsidy-refused-status",
            Refusal::IinMissing { .. } => "subsidy-refused-iin-missing",
            Refusal::AlreadyGranted { .. } => "subsidy-refused-already-granted",
            Refusal::MovedAway { .. } => "subsidy-refused-moved-away",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            a.insert(k.to_string(), v);
        };
        match self {
            Refusal::NotInQuota => {}
            Refusal::QuotaLater { included_on, decided_on } => {
                put("included_on", included_on.to_string());
                put("decided_on", decided_on.to_string());
            }
            Refusal::StatusNotInForce { decided_on } => put("decided_on", decided_on.to_string()),
            Refusal::IinMissing { regno, name, .. } => {
                put("regno", regno.clone());
                put("name", name.clone());
            }
            Refusal::AlreadyGranted { kind, decision } => {
                put("kind", kind.as_str().to_string());
                put("decision", decision.clone());
            }
            Refusal::MovedAway { on } => put("on", on.to_string()),
        }
        a
    }
}

impl Refusal {
    /// The field the refusal is about.
    pub fn field(&self) -> String {
        match self {
            Refusal::NotInQuota | Refusal::QuotaLater { .. } => "subsidy.quota".into(),
            Refusal::StatusNotInForce { .. } => "subsidy.status".into(),
            Refusal::IinMissing { index, .. } => format!("members[{index}].iin"),
            Refusal::AlreadyGranted { .. } => "subsidy.kind".into(),
            Refusal::MovedAway { .. } => "subsidy.moved_away".into(),
        }
    }

    /// The refusal as a field error (how it crosses the IPC and the CLI's JSON).
    pub fn to_field_error(&self) -> FieldError {
        FieldError::new(self.field(), self)
    }
}

fn iin_refusals(facts: &[MemberWithoutIin]) -> impl Iterator<Item = Refusal> + '_ {
    facts.iter().map(|m| Refusal::IinMissing {
        index: m.index,
        regno: m.regno.clone(),
        name: m.name.clone(),
    })
}

/// Whether the family may get a decision under `rule`: included in the regional quota by the
/// decision date, the status in force on it, every member with an IIN, not already granted a
/// once-per-family subsidy of the kind, not moved away. Every refusal at once.
pub fn check_eligibility(rule: &SubsidyRule, facts: &EligibilityFacts) -> Result<(), Vec<Refusal>> {
    let mut refusals = vec![];
    match facts.quota_included_on {
        None => refusals.push(Refusal::NotInQuota),
        Some(on) if on > facts.decided_on => {
            refusals.push(Refusal::QuotaLater { included_on: on, decided_on: facts.decided_on })
        }
        Some(_) => {}
    }
    if !facts.status_in_force {
        refusals.push(Refusal::StatusNotInForce { decided_on: facts.decided_on });
    }
    refusals.extend(iin_refusals(&facts.members_without_iin));
    if rule.once_per_family {
        if let Some(prior) = facts.prior_grants.iter().find(|g| g.kind == rule.kind) {
            refusals.push(Refusal::AlreadyGranted {
                kind: prior.kind,
                decision: prior.decision.clone(),
            });
        }
    }
    if let Some(on) = facts.moved_away_on {
        refusals.push(Refusal::MovedAway { on });
    }
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(refusals)
    }
}

/// Whether an instalment may be paid: every member has an IIN (required before any payment).
pub fn check_payable(members_without_iin: &[MemberWithoutIin]) -> Result<(), Vec<Refusal>> {
    let refusals: Vec<Refusal> = iin_refusals(members_without_iin).collect();
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(refusals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subsidy::rules::RuleSet;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn eligible() -> EligibilityFacts {
        EligibilityFacts {
            decided_on: d("2024-03-01"),
            quota_included_on: Some(d("2024-02-10")),
            status_in_force: true,
            members_without_iin: vec![],
            prior_grants: vec![],
            moved_away_on: None,
        }
    }

    fn relocation() -> SubsidyRule {
        RuleSet::shipped().unwrap().latest("relocation-2023").unwrap().clone()
    }

    fn codes(r: Result<(), Vec<Refusal>>) -> Vec<&'static str> {
        r.err().unwrap_or_default().iter().map(Coded::code).collect()
    }

    #[test]
    fn an_eligible_family_passes() {
        assert_eq!(check_eligibility(&relocation(), &eligible()), Ok(()));
    }

    #[test]
    fn quota_on_the_decision_date_is_enough_and_a_later_one_is_not() {
        let mut f = eligible();
        f.quota_included_on = Some(f.decided_on);
        assert_eq!(check_eligibility(&relocation(), &f), Ok(()));
        f.quota_included_on = Some(d("2024-03-02"));
        assert_eq!(codes(check_eligibility(&relocation(), &f)), ["subsidy-refused-quota-later"]);
    }

    #[test]
    fn every_refusal_is_given_at_once_with_its_field() {
        let f = EligibilityFacts {
            decided_on: d("2024-03-01"),
            quota_included_on: None,
            status_in_force: false,
            members_without_iin: vec![MemberWithoutIin {
                index: 2,
                regno: "PVL01-2026-00003".into(),
                name: "Нұрсұлтанқызы Ұлжан".into(),
            }],
            prior_grants: vec![PriorGrant {
                kind: SubsidyKind::Relocation,
                decision: "PVL01-S-2024-00001".into(),
            }],
            moved_away_on: Some(d("2024-02-01")),
        };
        let refusals = check_eligibility(&relocation(), &f).unwrap_err();
        let got: Vec<(String, &str)> = refusals.iter().map(|r| (r.field(), r.code())).collect();
        assert_eq!(
            got,
            [
                ("subsidy.quota".to_string(), "subsidy-refused-not-in-quota"),
                ("subsidy.status".to_string(), "subsidy-refused-status"),
                ("members[2].iin".to_string(), "subsidy-refused-iin-missing"),
                ("subsidy.kind".to_string(), "subsidy-refused-already-granted"),
                ("subsidy.moved_away".to_string(), "subsidy-refused-moved-away"),
            ]
        );
        let e = refusals[2].to_field_error();
        assert_eq!(e.args["regno"], "PVL01-2026-00003");
        assert_eq!(refusals[3].args()["decision"], "PVL01-S-2024-00001");
    }

    #[test]
    fn a_grant_of_another_kind_does_not_count() {
        let mut f = eligible();
        f.prior_grants.push(PriorGrant { kind: SubsidyKind::Rent, decision: "X".into() });
        assert_eq!(check_eligibility(&relocation(), &f), Ok(()));
        let mut rule = relocation();
        rule.once_per_family = false;
        f.prior_grants.push(PriorGrant { kind: SubsidyKind::Relocation, decision: "Y".into() });
        assert_eq!(check_eligibility(&rule, &f), Ok(()));
    }

    #[test]
    fn payment_needs_every_iin() {
        assert_eq!(check_payable(&[]), Ok(()));
        let missing = vec![MemberWithoutIin { index: 1, regno: "R".into(), name: "N".into() }];
        assert_eq!(codes(check_payable(&missing)), ["subsidy-refused-iin-missing"]);
    }
}
