//! Computing a decision: its instalments, each with its due date, the MCI in force on that date,
//! the exact amount and an explanation.
//!
//! # Design
//! The MCI applied to an instalment is the social-payments row in force on the instalment's *due
//! date* (not the decision date): a rent instalment due after a new MCI takes the new value. The
//! row used is part of the result, so the store keeps it with the instalment and a later MCI row
//! never silently changes what was computed. Amounts in MCI are exact hundredths and
//! `tiyn = hundredths × tenge`; a share of a cost in tenge is rounded down to a whole tiyn.
//! Monthly instalments fall on the same day of each month as the first one (the last day of a
//! shorter month).

use crate::code::FieldError;
use crate::mci::{MciPurpose, MciTable};
use crate::money::{MciHundredths, Tiyn};
use crate::subsidy::error::SubsidyError;
use crate::subsidy::explain::Explanation;
use crate::subsidy::rules::{Basis, SettlementType, SubsidyKind, SubsidyRule};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// What the computation needs to know about the family and the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyFacts {
    /// Number of family members, the head included.
    pub members: u32,
    /// Town or village (for rules with tiers).
    #[serde(default)]
    pub settlement_type: Option<SettlementType>,
    /// The cost of the housing (for a share of a cost).
    #[serde(default)]
    pub housing_cost: Option<Tiyn>,
    /// For a monthly rule, fewer months than the rule's most.
    #[serde(default)]
    pub months: Option<u32>,
}

/// The MCI row an amount was computed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MciApplied {
    /// The row's first day.
    pub effective_from: NaiveDate,
    /// One MCI in whole tenge.
    pub tenge: i64,
}

/// One instalment of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instalment {
    /// 1, 2, … within the decision.
    pub seq: u32,
    /// The date it falls due.
    pub due_date: NaiveDate,
    /// The MCI in force on the due date.
    pub mci: MciApplied,
    /// The amount in MCI; absent when it is a share of a cost in tenge under its cap.
    pub amount_mci: Option<MciHundredths>,
    /// The amount in tiyn: `amount_mci × mci.tenge` when there is an amount in MCI.
    pub amount_tiyn: Tiyn,
    /// Why the amount is what it is.
    pub explanation: Explanation,
}

/// A computed decision: the rule it was made under and its instalments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// The rule id.
    pub rule_id: String,
    /// The rule version.
    pub rule_version: u32,
    /// The decision date.
    pub decided_on: NaiveDate,
    /// The first instalment's due date.
    pub first_due_on: NaiveDate,
    /// The facts used.
    pub facts: FamilyFacts,
    /// The instalments, in order.
    pub instalments: Vec<Instalment>,
    /// Their sum.
    pub total_tiyn: Tiyn,
}

/// Checks the facts of a decision against its rule: every problem at once, each naming its field.
pub fn check_facts(
    rule: &SubsidyRule,
    facts: &FamilyFacts,
    decided_on: NaiveDate,
    first_due_on: NaiveDate,
) -> Result<(), SubsidyError> {
    let mut errors = vec![];
    if facts.members == 0 {
        errors.push(FieldError::bare("subsidy.members", "subsidy-no-members"));
    }
    if first_due_on < decided_on {
        errors.push(
            FieldError::bare("subsidy.first_due_on", "subsidy-due-before-decision")
                .with_arg("decided_on", decided_on),
        );
    }
    let not_used = |field: &str| {
        FieldError::bare(field, "subsidy-field-not-used").with_arg("kind", rule.kind.as_str())
    };
    if rule.tiers.is_empty() {
        if facts.settlement_type.is_some() {
            errors.push(not_used("subsidy.settlement_type"));
        }
    } else if facts.settlement_type.is_none() {
        errors
            .push(FieldError::bare("subsidy.settlement_type", "subsidy-settlement-type-required"));
    }
    match (rule.basis, facts.housing_cost) {
        (Basis::ShareOfCost, None) => {
            errors.push(FieldError::bare("subsidy.housing_cost", "subsidy-housing-cost-required"))
        }
        (Basis::ShareOfCost, Some(cost)) if cost.0 <= 0 => {
            errors.push(FieldError::bare("subsidy.housing_cost", "subsidy-housing-cost-positive"))
        }
        (Basis::ShareOfCost, Some(_)) => {}
        (_, Some(_)) => errors.push(not_used("subsidy.housing_cost")),
        (_, None) => {}
    }
    match (rule.months, facts.months) {
        (None, Some(_)) => errors.push(not_used("subsidy.months")),
        (Some(max), Some(m)) if m == 0 || m > max => errors
            .push(FieldError::bare("subsidy.months", "subsidy-months-range").with_arg("max", max)),
        _ => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(SubsidyError::Facts(errors))
    }
}

/// How many instalments a decision under `rule` has: the months asked for (at most the rule's),
/// or one for a one-time subsidy.
pub fn instalment_count(rule: &SubsidyRule, facts: &FamilyFacts) -> u32 {
    match rule.months {
        Some(max) => facts.months.unwrap_or(max).min(max),
        None => 1,
    }
}

/// The due dates of `count` monthly instalments from `first`.
pub fn due_dates(first: NaiveDate, count: u32) -> Result<Vec<NaiveDate>, SubsidyError> {
    (0..count)
        .map(|k| first.checked_add_months(Months::new(k)).ok_or(SubsidyError::Overflow))
        .collect()
}

/// Computes a decision under `rule` (which must apply on `decided_on`).
pub fn compute_decision(
    rule: &SubsidyRule,
    facts: &FamilyFacts,
    decided_on: NaiveDate,
    first_due_on: NaiveDate,
    mci: &MciTable,
) -> Result<Decision, SubsidyError> {
    if !rule.in_force_on(decided_on) {
        return Err(SubsidyError::RuleNotInForce { rule: rule.id.clone(), on: decided_on });
    }
    check_facts(rule, facts, decided_on, first_due_on)?;
    let dates = due_dates(first_due_on, instalment_count(rule, facts))?;
    let instalments = (1..)
        .zip(dates)
        .map(|(seq, due)| compute_instalment(rule, facts, seq, due, mci))
        .collect::<Result<Vec<_>, _>>()?;
    let total_tiyn = Tiyn::checked_sum(instalments.iter().map(|i| i.amount_tiyn))
        .ok_or(SubsidyError::Overflow)?;
    Ok(Decision {
        kind: rule.kind,
        rule_id: rule.id.clone(),
        rule_version: rule.version,
        decided_on,
        first_due_on,
        facts: facts.clone(),
        instalments,
        total_tiyn,
    })
}

/// Computes one instalment due on `due_date` under `rule`, with the MCI in force on that date.
/// Also used to recalculate an unpaid instalment after the MCI or the rule changed.
pub fn compute_instalment(
    rule: &SubsidyRule,
    facts: &FamilyFacts,
    seq: u32,
    due_date: NaiveDate,
    mci: &MciTable,
) -> Result<Instalment, SubsidyError> {
    let row = mci
        .in_force(due_date, MciPurpose::SocialPayments)
        .ok_or(SubsidyError::NoMci { on: due_date })?;
    let applied = MciApplied { effective_from: row.effective_from, tenge: row.tenge };
    let tenge = row.tenge;
    let in_tiyn = |amount: MciHundredths| amount.to_tiyn(tenge).ok_or(SubsidyError::Overflow);
    let missing =
        |field: &str, code: &str| SubsidyError::Facts(vec![FieldError::bare(field, code)]);

    let (amount_mci, amount_tiyn, explanation) = match rule.basis {
        Basis::PerMember => {
            let each = rule.amount_mci.ok_or(SubsidyError::Rule(
                crate::subsidy::rules::RuleError::AmountOrTiers { id: rule.id.clone() },
            ))?;
            let amount =
                each.checked_mul(i64::from(facts.members)).ok_or(SubsidyError::Overflow)?;
            let tiyn = in_tiyn(amount)?;
            (Some(amount), tiyn, Explanation::per_member(facts.members, each, tenge, tiyn))
        }
        Basis::PerFamily => match rule.amount_mci {
            Some(amount) => {
                let tiyn = in_tiyn(amount)?;
                (Some(amount), tiyn, Explanation::per_family(amount, tenge, tiyn))
            }
            None => {
                let settlement = facts.settlement_type.ok_or_else(|| {
                    missing("subsidy.settlement_type", "subsidy-settlement-type-required")
                })?;
                let tier = rule.tier(settlement, facts.members).ok_or(SubsidyError::Rule(
                    crate::subsidy::rules::RuleError::Tiers {
                        id: rule.id.clone(),
                        settlement,
                        members: facts.members,
                        found: 0,
                    },
                ))?;
                let tiyn = in_tiyn(tier.amount_mci)?;
                let why =
                    Explanation::tier(settlement, facts.members, tier.amount_mci, tenge, tiyn);
                (Some(tier.amount_mci), tiyn, why)
            }
        },
        Basis::ShareOfCost => {
            let cost = facts
                .housing_cost
                .filter(|c| c.0 > 0)
                .ok_or_else(|| missing("subsidy.housing_cost", "subsidy-housing-cost-required"))?;
            let percent = rule.percent.unwrap_or(100);
            // Rounded down to a whole tiyn: never more than the share.
            let share = cost
                .0
                .checked_mul(i64::from(percent))
                .map(|x| Tiyn(x / 100))
                .ok_or(SubsidyError::Overflow)?;
            let cap = rule.cap_mci.map(in_tiyn).transpose()?;
            let (amount_mci, amount) = match (rule.cap_mci, cap) {
                (Some(cap_mci), Some(cap)) if share >= cap => (Some(cap_mci), cap),
                _ => (None, share),
            };
            let why = Explanation::share(percent, cost, share, rule.cap_mci, tenge, cap, amount);
            (amount_mci, amount, why)
        }
    };
    Ok(Instalment { seq, due_date, mci: applied, amount_mci, amount_tiyn, explanation })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mci::MciRow;
    use crate::subsidy::rules::RuleSet;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rules() -> RuleSet {
        RuleSet::shipped().unwrap()
    }

    fn mci() -> MciTable {
        MciTable::shipped().unwrap()
    }

    fn facts(members: u32) -> FamilyFacts {
        FamilyFacts { members, settlement_type: None, housing_cost: None, months: None }
    }

    fn decide(kind: SubsidyKind, f: &FamilyFacts, on: &str, first_due: &str) -> Decision {
        let set = rules();
        let rule = set.in_force(kind, d(on)).unwrap();
        compute_decision(rule, f, d(on), d(first_due), &mci()).unwrap()
    }

    fn nb(s: &str) -> String {
        s.replace(' ', "\u{a0}")
    }

    #[rstest]
    #[case::y2023("2023-09-01", 24_150_000)]
    #[case::y2024("2024-03-01", 25_844_000)]
    #[case::y2025("2025-03-01", 27_524_000)]
    #[case::y2026("2026-03-01", 30_275_000)]
    fn relocation_for_one_person_is_the_published_70_mci(#[case] on: &str, #[case] tiyn: i64) {
        let decision = decide(SubsidyKind::Relocation, &facts(1), on, on);
        assert_eq!(decision.instalments.len(), 1);
        assert_eq!(decision.total_tiyn, Tiyn(tiyn));
    }

    #[test]
    fn a_family_of_four_in_2024_gets_1_033_760_tenge() {
        let decision = decide(SubsidyKind::Relocation, &facts(4), "2024-03-01", "2024-03-15");
        let i = &decision.instalments[0];
        assert_eq!(i.amount_tiyn, Tiyn(103_376_000));
        assert_eq!(i.amount_tiyn.format_tenge(), nb("1 033 760 ₸"));
        assert_eq!(i.amount_mci, Some(MciHundredths::from_whole(280)));
        assert_eq!(i.mci, MciApplied { effective_from: d("2024-01-01"), tenge: 3692 });
        assert_eq!(i.due_date, d("2024-03-15"));
        assert_eq!(i.explanation.code, "subsidy-explain-per-member");
        assert_eq!(i.explanation.args["members"], "4");
        assert_eq!(i.explanation.args["mci"], "70");
        assert_eq!(i.explanation.args["mci_tenge"], nb("3 692 ₸"));
        assert_eq!(i.explanation.args["amount"], nb("1 033 760 ₸"));
        assert_eq!((decision.rule_id.as_str(), decision.rule_version), ("relocation-2023", 1));
    }

    #[test]
    fn the_enbek_programme_paid_35_mci_per_member() {
        let decision = decide(SubsidyKind::Relocation, &facts(3), "2019-05-01", "2019-05-01");
        // 3 × 35 MCI × 2 525 ₸ = 265 125 ₸
        assert_eq!(decision.total_tiyn, Tiyn(26_512_500));
    }

    #[test]
    fn rent_instalments_take_the_mci_in_force_on_their_own_due_date() {
        let f = FamilyFacts { settlement_type: Some(SettlementType::Town), ..facts(4) };
        let decision = decide(SubsidyKind::Rent, &f, "2025-06-20", "2025-07-31");
        assert_eq!(decision.instalments.len(), 12);
        let dues: Vec<NaiveDate> = decision.instalments.iter().map(|i| i.due_date).collect();
        assert_eq!(dues[0], d("2025-07-31"));
        assert_eq!(dues[1], d("2025-08-31"));
        assert_eq!(dues[2], d("2025-09-30"), "the last day of a shorter month");
        assert_eq!(dues[7], d("2026-02-28"));
        assert_eq!(dues[11], d("2026-06-30"));
        for i in &decision.instalments {
            let (tenge, from) = if i.due_date < d("2026-01-01") {
                (3932, "2025-01-01")
            } else {
                (4325, "2026-01-01")
            };
            assert_eq!(i.mci, MciApplied { effective_from: d(from), tenge }, "{}", i.due_date);
            assert_eq!(i.amount_mci, Some(MciHundredths::from_whole(30)));
            assert_eq!(i.amount_tiyn, Tiyn(30 * tenge * 100));
        }
        assert_eq!(decision.total_tiyn, Tiyn((6 * 30 * 3932 + 6 * 30 * 4325) * 100));
        assert_eq!(decision.instalments[0].explanation.code, "subsidy-explain-tier");
        assert_eq!(decision.instalments[0].explanation.args["settlement"], "town");
    }

    #[rstest]
    #[case(SettlementType::Town, 1, 20)]
    #[case(SettlementType::Town, 3, 25)]
    #[case(SettlementType::Town, 9, 30)]
    #[case(SettlementType::Village, 1, 15)]
    #[case(SettlementType::Village, 2, 20)]
    #[case(SettlementType::Village, 5, 25)]
    fn rent_tiers(#[case] settlement: SettlementType, #[case] members: u32, #[case] mci: i64) {
        let f =
            FamilyFacts { settlement_type: Some(settlement), months: Some(1), ..facts(members) };
        let decision = decide(SubsidyKind::Rent, &f, "2024-02-01", "2024-02-01");
        assert_eq!(decision.instalments.len(), 1);
        assert_eq!(decision.total_tiyn, Tiyn(mci * 3692 * 100));
    }

    #[test]
    fn a_later_mci_row_is_used_only_from_its_date() {
        let mut rows = mci().rows().to_vec();
        rows.push(MciRow {
            effective_from: d("2027-01-01"),
            purpose: MciPurpose::SocialPayments,
            tenge: 4600,
            note: None,
        });
        let table = MciTable::new(rows).unwrap();
        let set = rules();
        let rule = set.latest("rent-2023").unwrap();
        let f = FamilyFacts { settlement_type: Some(SettlementType::Village), ..facts(1) };
        let decision =
            compute_decision(rule, &f, d("2026-06-01"), d("2026-06-10"), &table).unwrap();
        let tenge: Vec<i64> = decision.instalments.iter().map(|i| i.mci.tenge).collect();
        assert_eq!(tenge, [4325, 4325, 4325, 4325, 4325, 4325, 4325, 4600, 4600, 4600, 4600, 4600]);
    }

    #[rstest]
    #[case::under_the_cap_2024(
        "2024-05-01",
        800_000_000,
        400_000_000,
        None,
        "subsidy-explain-share"
    )]
    #[case::over_the_cap_2024(
        "2024-05-01",
        1_000_000_000,
        428_272_000,
        Some(116_000),
        "subsidy-explain-share-capped"
    )]
    #[case::exactly_the_cap(
        "2024-05-01",
        856_544_000,
        428_272_000,
        Some(116_000),
        "subsidy-explain-share-capped"
    )]
    #[case::over_the_cap_2026(
        "2026-05-01",
        2_000_000_000,
        501_700_000,
        Some(116_000),
        "subsidy-explain-share-capped"
    )]
    #[case::odd_tiyn_rounds_down("2024-05-01", 333, 166, None, "subsidy-explain-share")]
    fn mobility_certificate_is_half_the_cost_capped_at_1160_mci(
        #[case] on: &str,
        #[case] cost: i64,
        #[case] tiyn: i64,
        #[case] mci: Option<i64>,
        #[case] code: &str,
    ) {
        let f = FamilyFacts { housing_cost: Some(Tiyn(cost)), ..facts(3) };
        let decision = decide(SubsidyKind::MobilityCertificate, &f, on, on);
        let i = &decision.instalments[0];
        assert_eq!(i.amount_tiyn, Tiyn(tiyn));
        assert_eq!(i.amount_mci, mci.map(MciHundredths));
        if let Some(h) = i.amount_mci {
            assert_eq!(h.to_tiyn(i.mci.tenge), Some(i.amount_tiyn));
        }
        assert_eq!(i.explanation.code, code);
    }

    #[test]
    fn the_certificate_cap_in_2024_is_4_28_million() {
        let f = FamilyFacts { housing_cost: Some(Tiyn(2_000_000_000)), ..facts(2) };
        let decision = decide(SubsidyKind::MobilityCertificate, &f, "2024-05-01", "2024-05-01");
        let i = &decision.instalments[0];
        assert_eq!(i.amount_tiyn.format_tenge(), nb("4 282 720 ₸"));
        assert_eq!(i.explanation.args["cap_mci"], nb("1 160"));
        assert_eq!(i.explanation.args["share"], nb("10 000 000 ₸"));
    }

    #[test]
    fn employer_subsidy_is_400_mci_per_family() {
        let decision = decide(SubsidyKind::Employer, &facts(5), "2024-05-01", "2024-05-01");
        assert_eq!(decision.total_tiyn, Tiyn(400 * 3692 * 100));
        assert_eq!(decision.instalments[0].explanation.code, "subsidy-explain-per-family");
    }

    #[test]
    fn fewer_months_than_the_rule_allows() {
        let f = FamilyFacts {
            settlement_type: Some(SettlementType::Town),
            months: Some(6),
            ..facts(2)
        };
        let decision = decide(SubsidyKind::Rent, &f, "2024-02-01", "2024-03-01");
        assert_eq!(decision.instalments.len(), 6);
        assert_eq!(decision.instalments.last().map(|i| i.seq), Some(6));
    }

    #[test]
    fn missing_or_stray_facts_are_refused_naming_each_field() {
        let set = rules();
        let rent = set.latest("rent-2023").unwrap();
        let f = FamilyFacts { housing_cost: Some(Tiyn(100)), months: Some(13), ..facts(2) };
        let err = compute_decision(rent, &f, d("2024-02-01"), d("2024-01-31"), &mci()).unwrap_err();
        let fields: Vec<(&str, &str)> =
            err.field_errors().iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("subsidy.first_due_on", "subsidy-due-before-decision"),
                ("subsidy.settlement_type", "subsidy-settlement-type-required"),
                ("subsidy.housing_cost", "subsidy-field-not-used"),
                ("subsidy.months", "subsidy-months-range"),
            ]
        );
        let cert = set.latest("mobility-certificate-2023").unwrap();
        let err = compute_decision(cert, &facts(2), d("2024-02-01"), d("2024-02-01"), &mci())
            .unwrap_err();
        assert_eq!(err.field_errors()[0].code, "subsidy-housing-cost-required");
    }

    #[test]
    fn a_rule_not_in_force_or_a_date_without_mci_is_refused() {
        let set = rules();
        let rule = set.latest("relocation-2023").unwrap();
        let err = compute_decision(rule, &facts(1), d("2023-06-30"), d("2023-06-30"), &mci())
            .unwrap_err();
        assert_eq!(
            err,
            SubsidyError::RuleNotInForce { rule: "relocation-2023".into(), on: d("2023-06-30") }
        );
        let table = MciTable::new(vec![MciRow {
            effective_from: d("2025-01-01"),
            purpose: MciPurpose::SocialPayments,
            tenge: 3932,
            note: None,
        }])
        .unwrap();
        let err = compute_decision(rule, &facts(1), d("2024-06-30"), d("2024-07-01"), &table)
            .unwrap_err();
        assert_eq!(err, SubsidyError::NoMci { on: d("2024-07-01") });
    }
}
