//! Subsidy rules as data: what each kind of subsidy pays, from when to when, per person or per
//! family, one-time or monthly, with tiers, shares and caps — and the checks that keep a rule set
//! usable.
//!
//! # Design
//! A rule has a stable `id` (`relocation-2023`) and a `version`. A correction is a new version of
//! the same id; a new programme is a new id. Decisions keep the id and version they were made
//! under, so nothing here ever changes what was decided. For a kind and a date, the rule in force
//! is the latest version of the one rule id of that kind whose period holds the date; two rule ids
//! of one kind in force on the same day are refused when the set is built, never resolved by
//! guessing. The shipped defaults are `assets/reference/subsidy_rules.json`.

use crate::code::Coded;
use crate::money::MciHundredths;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The shipped rules (the file format of [`RuleSet::from_json`]).
pub const DEFAULT_RULES_JSON: &str =
    include_str!("../../../../assets/reference/subsidy_rules.json");

/// The most months a monthly rule may pay.
pub const MAX_MONTHS: u32 = 120;

/// What a subsidy is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubsidyKind {
    /// One-time relocation subsidy, per family member.
    Relocation,
    /// Monthly subsidy for rent and utilities, per family.
    Rent,
    /// Economic mobility certificate: a share of the cost of housing, capped, once.
    MobilityCertificate,
    /// Subsidy to an employer who resettles workers.
    Employer,
}

impl SubsidyKind {
    /// Every kind.
    pub const ALL: [SubsidyKind; 4] = [
        SubsidyKind::Relocation,
        SubsidyKind::Rent,
        SubsidyKind::MobilityCertificate,
        SubsidyKind::Employer,
    ];

    /// The snake_case name, as stored and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SubsidyKind::Relocation => "relocation",
            SubsidyKind::Rent => "rent",
            SubsidyKind::MobilityCertificate => "mobility_certificate",
            SubsidyKind::Employer => "employer",
        }
    }

    /// The kind named `s` (snake_case, as stored; a dash is read as an underscore).
    pub fn parse(s: &str) -> Option<SubsidyKind> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        SubsidyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for SubsidyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the amount of a rule is reckoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The amount times the number of family members, the head included.
    PerMember,
    /// One amount per family (or a tier by settlement type and family size).
    PerFamily,
    /// A percentage of a cost in tenge (the housing cost), capped in MCI.
    ShareOfCost,
}

impl Basis {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::PerMember => "per_member",
            Basis::PerFamily => "per_family",
            Basis::ShareOfCost => "share_of_cost",
        }
    }
}

/// Town or village: what the rent tiers depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettlementType {
    /// A town or city.
    Town,
    /// A village (rural settlement).
    Village,
}

impl SettlementType {
    /// Both types.
    pub const ALL: [SettlementType; 2] = [SettlementType::Town, SettlementType::Village];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SettlementType::Town => "town",
            SettlementType::Village => "village",
        }
    }

    /// The type named `s` (`town` or `village`).
    pub fn parse(s: &str) -> Option<SettlementType> {
        let s = s.trim().to_ascii_lowercase();
        SettlementType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for SettlementType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One band of a tier table: for this settlement type and this family size, this amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Town or village.
    pub settlement: SettlementType,
    /// The smallest family size of the band.
    pub min_members: u32,
    /// The largest family size of the band; absent for the last, open band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_members: Option<u32>,
    /// The amount per family (per month for a monthly rule).
    pub amount_mci: MciHundredths,
}

impl Tier {
    fn holds(&self, members: u32) -> bool {
        members >= self.min_members && self.max_members.is_none_or(|max| members <= max)
    }

    /// The family sizes of the band as people read them: `3`, `1–2`, `5+`.
    pub fn sizes(&self) -> String {
        match self.max_members {
            Some(max) if max == self.min_members => format!("{max}"),
            Some(max) => format!("{}–{max}", self.min_members),
            None => format!("{}+", self.min_members),
        }
    }
}

/// One version of one subsidy rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubsidyRule {
    /// Stable id (`relocation-2023`): lowercase letters, digits and dashes.
    pub id: String,
    /// Version of this id, from 1; a correction is the next version.
    #[serde(default = "first_version")]
    pub version: u32,
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// The first decision date the rule applies to.
    pub valid_from: NaiveDate,
    /// The last decision date the rule applies to; absent while in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// How the amount is reckoned.
    pub basis: Basis,
    /// The amount (per member or per family); absent when there are tiers or a share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_mci: Option<MciHundredths>,
    /// The tier table (per family, by settlement type and family size).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// For a monthly subsidy, the most months it is paid; absent for a one-time one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// For a share of a cost: the percentage paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<u32>,
    /// The most paid, in MCI (for a share of a cost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_mci: Option<MciHundredths>,
    /// A family gets this kind of subsidy only once.
    #[serde(default)]
    pub once_per_family: bool,
    /// A family that moves away from the region within this many months of the decision must
    /// pay back what it was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reimburse_if_moved_within_months: Option<u32>,
    /// Where the rule comes from, how sure we are of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn first_version() -> u32 {
    1
}

/// Why a rule or a set of rules is not usable. Each says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// The JSON is not the rules' file format.
    #[error("the rules are not readable: {detail}")]
    Json {
        /// What the JSON reader said.
        detail: String,
    },
    /// The id is empty or has characters other than a–z, 0–9 and dashes.
    #[error("rule id {id:?} is not lowercase letters, digits and dashes")]
    BadId {
        /// The id given.
        id: String,
    },
    /// Version 0.
    #[error("rule {id} has version 0; versions start at 1")]
    BadVersion {
        /// The rule.
        id: String,
    },
    /// The period ends before it starts.
    #[error("rule {id} ends ({valid_to}) before it starts ({valid_from})")]
    EndsBeforeStart {
        /// The rule.
        id: String,
        /// Its start.
        valid_from: NaiveDate,
        /// Its end.
        valid_to: NaiveDate,
    },
    /// A basis per member or per family needs an amount or (per family) tiers; not both.
    #[error("rule {id} needs exactly one of amount_mci or tiers")]
    AmountOrTiers {
        /// The rule.
        id: String,
    },
    /// A field that the rule's basis does not use is set.
    #[error("rule {id} sets {field}, which a {basis} rule does not use")]
    FieldNotForBasis {
        /// The rule.
        id: String,
        /// The field.
        field: &'static str,
        /// The basis.
        basis: &'static str,
    },
    /// An amount is zero or negative.
    #[error("rule {id}: {field} must be more than zero")]
    NonPositive {
        /// The rule.
        id: String,
        /// The field.
        field: &'static str,
    },
    /// A share of a cost needs a percentage of 1 to 100.
    #[error("rule {id}: the percentage must be 1 to 100")]
    Percent {
        /// The rule.
        id: String,
    },
    /// A number of months out of range.
    #[error("rule {id}: {field} must be 1 to {max}")]
    Months {
        /// The rule.
        id: String,
        /// The field.
        field: &'static str,
        /// The most allowed.
        max: u32,
    },
    /// A family size that no tier (or two tiers) of a settlement type covers.
    #[error("rule {id}: for a {settlement} of {members} members, {found} tiers apply")]
    Tiers {
        /// The rule.
        id: String,
        /// The settlement type.
        settlement: SettlementType,
        /// The family size.
        members: u32,
        /// How many tiers hold it (0 or more than 1).
        found: usize,
    },
    /// The same id and version twice.
    #[error("rule {id} version {version} is given twice")]
    DuplicateVersion {
        /// The rule.
        id: String,
        /// The version.
        version: u32,
    },
    /// A new version changes the kind of a rule.
    #[error("rule {id} is a {was} rule and cannot become a {now} rule")]
    KindChanged {
        /// The rule.
        id: String,
        /// Its kind so far.
        was: SubsidyKind,
        /// The kind of the new version.
        now: SubsidyKind,
    },
    /// Two rules of the same kind are in force on the same day.
    #[error("rules {first} and {second} of kind {kind} are both in force on {on}")]
    Overlap {
        /// The kind.
        kind: SubsidyKind,
        /// One rule.
        first: String,
        /// The other.
        second: String,
        /// The first day both apply.
        on: NaiveDate,
    },
}

impl Coded for RuleError {
    fn code(&self) -> &'static str {
        match self {
            RuleError::Json { .. } => "rule-json",
            RuleError::BadId { .. } => "rule-bad-id",
            RuleError::BadVersion { .. } => "rule-bad-version",
            RuleError::EndsBeforeStart { .. } => "rule-ends-before-start",
            RuleError::AmountOrTiers { .. } => "rule-amount-or-tiers",
            RuleError::FieldNotForBasis { .. } => "rule-field-not-for-basis",
            RuleError::NonPositive { .. } => "rule-non-positive",
            RuleError::Percent { .. } => "rule-percent",
            RuleError::Months { .. } => "rule-months",
            RuleError::Tiers { .. } => "rule-tiers",
            RuleError::DuplicateVersion { .. } => "rule-duplicate-version",
            RuleError::KindChanged { .. } => "rule-kind-changed",
            RuleError::Overlap { .. } => "rule-overlap",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            a.insert(k.to_string(), v);
        };
        match self {
            RuleError::Json { detail } => put("detail", detail.clone()),
            RuleError::BadId { id }
            | RuleError::BadVersion { id }
            | RuleError::AmountOrTiers { id }
            | RuleError::Percent { id } => put("id", id.clone()),
            RuleError::EndsBeforeStart { id, valid_from, valid_to } => {
                put("id", id.clone());
                put("valid_from", valid_from.to_string());
                put("valid_to", valid_to.to_string());
            }
            RuleError::FieldNotForBasis { id, field, basis } => {
                put("id", id.clone());
                put("field", field.to_string());
                put("basis", basis.to_string());
            }
            RuleError::NonPositive { id, field } => {
                put("id", id.clone());
                put("field", field.to_string());
            }
            RuleError::Months { id, field, max } => {
                put("id", id.clone());
                put("field", field.to_string());
                put("max", max.to_string());
            }
            RuleError::Tiers { id, settlement, members, found } => {
                put("id", id.clone());
                put("settlement", settlement.as_str().to_string());
                put("members", members.to_string());
                put("found", found.to_string());
            }
            RuleError::DuplicateVersion { id, version } => {
                put("id", id.clone());
                put("version", version.to_string());
            }
            RuleError::KindChanged { id, was, now } => {
                put("id", id.clone());
                put("was", was.as_str().to_string());
                put("now", now.as_str().to_string());
            }
            RuleError::Overlap { kind, first, second, on } => {
                put("kind", kind.as_str().to_string());
                put("first", first.clone());
                put("second", second.clone());
                put("on", on.to_string());
            }
        }
        a
    }
}

impl SubsidyRule {
    /// Whether the rule applies to a decision made on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    fn has_tiers(&self) -> bool {
        !self.tiers.is_empty()
    }

    /// Whether a decision under the rule needs the settlement type (town or village): the
    /// amount depends on it.
    pub fn needs_settlement_type(&self) -> bool {
        self.has_tiers()
    }

    /// Whether a decision under the rule needs the housing cost: the amount is a share of it.
    pub fn needs_housing_cost(&self) -> bool {
        self.basis == Basis::ShareOfCost
    }

    /// Whether the rule pays monthly.
    pub fn is_monthly(&self) -> bool {
        self.months.is_some()
    }

    /// The tier for a settlement type and family size, if the rule has tiers.
    pub fn tier(&self, settlement: SettlementType, members: u32) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.settlement == settlement && t.holds(members))
    }

    /// Checks the rule on its own: id, period, amounts by basis, tiers, months.
    pub fn check(&self) -> Result<(), RuleError> {
        let id = || self.id.clone();
        let id_ok = (1..=64).contains(&self.id.len())
            && self.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            return Err(RuleError::BadId { id: id() });
        }
        if self.version == 0 {
            return Err(RuleError::BadVersion { id: id() });
        }
        if let Some(to) = self.valid_to.filter(|to| *to < self.valid_from) {
            return Err(RuleError::EndsBeforeStart {
                id: id(),
                valid_from: self.valid_from,
                valid_to: to,
            });
        }
        let not_for = |field: &'static str| RuleError::FieldNotForBasis {
            id: id(),
            field,
            basis: self.basis.as_str(),
        };
        let positive = |v: Option<MciHundredths>, field: &'static str| match v {
            Some(a) if a.0 <= 0 => Err(RuleError::NonPositive { id: id(), field }),
            _ => Ok(()),
        };
        positive(self.amount_mci, "amount_mci")?;
        positive(self.cap_mci, "cap_mci")?;
        match self.basis {
            Basis::PerMember | Basis::PerFamily => {
                if self.percent.is_some() {
                    return Err(not_for("percent"));
                }
                if self.cap_mci.is_some() {
                    return Err(not_for("cap_mci"));
                }
                if self.basis == Basis::PerMember && !self.tiers.is_empty() {
                    return Err(not_for("tiers"));
                }
                if self.amount_mci.is_some() == self.has_tiers() {
                    return Err(RuleError::AmountOrTiers { id: id() });
                }
                self.check_tiers()?;
            }
            Basis::ShareOfCost => {
                if self.amount_mci.is_some() {
                    return Err(not_for("amount_mci"));
                }
                if !self.tiers.is_empty() {
                    return Err(not_for("tiers"));
                }
                if self.months.is_some() {
                    return Err(not_for("months"));
                }
                if !self.percent.is_some_and(|p| (1..=100).contains(&p)) {
                    return Err(RuleError::Percent { id: id() });
                }
            }
        }
        if self.months.is_some_and(|m| !(1..=MAX_MONTHS).contains(&m)) {
            return Err(RuleError::Months { id: id(), field: "months", max: MAX_MONTHS });
        }
        if self.reimburse_if_moved_within_months.is_some_and(|m| !(1..=240).contains(&m)) {
            return Err(RuleError::Months {
                id: id(),
                field: "reimburse_if_moved_within_months",
                max: 240,
            });
        }
        Ok(())
    }

    /// Every family size from 1 up is held by exactly one tier of each settlement type.
    fn check_tiers(&self) -> Result<(), RuleError> {
        if self.tiers.is_empty() {
            return Ok(());
        }
        for tier in &self.tiers {
            if tier.amount_mci.0 <= 0 {
                return Err(RuleError::NonPositive { id: self.id.clone(), field: "tiers" });
            }
            if tier.max_members.is_some_and(|max| max < tier.min_members) {
                return Err(RuleError::Tiers {
                    id: self.id.clone(),
                    settlement: tier.settlement,
                    members: tier.min_members,
                    found: 0,
                });
            }
        }
        for settlement in SettlementType::ALL {
            let tiers: Vec<&Tier> =
                self.tiers.iter().filter(|t| t.settlement == settlement).collect();
            // The sizes where a band starts or ends are the only ones where coverage can change;
            // checking each of them and the one after covers every size.
            let mut sizes: Vec<u32> = vec![1];
            for t in &tiers {
                sizes.push(t.min_members.max(1));
                sizes.push(t.min_members.saturating_add(1).max(1));
                if let Some(max) = t.max_members {
                    sizes.push(max.max(1));
                    sizes.push(max.saturating_add(1));
                }
            }
            sizes.sort_unstable();
            sizes.dedup();
            for members in sizes {
                let found = tiers.iter().filter(|t| t.holds(members)).count();
                if found != 1 {
                    return Err(RuleError::Tiers {
                        id: self.id.clone(),
                        settlement,
                        members,
                        found,
                    });
                }
            }
        }
        Ok(())
    }
}

/// The file format: `{"rules": [...]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    rules: Vec<SubsidyRule>,
}

/// A checked set of rules, every version of every id: each rule checked, no id and version twice,
/// no id changing its kind, and at most one rule id of a kind in force on any day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSet {
    /// Sorted by id, then version.
    rules: Vec<SubsidyRule>,
}

impl RuleSet {
    /// Checks and sorts the rules.
    pub fn new(mut rules: Vec<SubsidyRule>) -> Result<RuleSet, RuleError> {
        for rule in &rules {
            rule.check()?;
        }
        rules.sort_by(|a, b| (&a.id, a.version).cmp(&(&b.id, b.version)));
        for pair in rules.windows(2) {
            if pair[0].id == pair[1].id {
                if pair[0].version == pair[1].version {
                    return Err(RuleError::DuplicateVersion {
                        id: pair[0].id.clone(),
                        version: pair[0].version,
                    });
                }
                if pair[0].kind != pair[1].kind {
                    return Err(RuleError::KindChanged {
                        id: pair[0].id.clone(),
                        was: pair[0].kind,
                        now: pair[1].kind,
                    });
                }
            }
        }
        let set = RuleSet { rules };
        let current = set.current();
        for (i, a) in current.iter().enumerate() {
            for b in &current[i + 1..] {
                if a.kind != b.kind {
                    continue;
                }
                let start = a.valid_from.max(b.valid_from);
                let ends = [a.valid_to, b.valid_to];
                let end = ends.iter().flatten().min().copied();
                if end.is_none_or(|end| start <= end) {
                    return Err(RuleError::Overlap {
                        kind: a.kind,
                        first: a.id.clone(),
                        second: b.id.clone(),
                        on: start,
                    });
                }
            }
        }
        Ok(set)
    }

    /// Reads the file format of `assets/reference/subsidy_rules.json`: `{"rules": [...]}`.
    pub fn from_json(s: &str) -> Result<RuleSet, RuleError> {
        let file: RulesFile =
            serde_json::from_str(s).map_err(|e| RuleError::Json { detail: e.to_string() })?;
        RuleSet::new(file.rules)
    }

    /// Reads a rules file as an administrator writes it: one rule, or `{"rules": [...]}`. A
    /// mistyped field is reported as such (the text is read as one rule for the message).
    pub fn read_file(text: &str) -> Result<Vec<SubsidyRule>, RuleError> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            Many { rules: Vec<SubsidyRule> },
            One(Box<SubsidyRule>),
        }
        match serde_json::from_str::<OneOrMany>(text) {
            Ok(OneOrMany::Many { rules }) => Ok(rules),
            Ok(OneOrMany::One(rule)) => Ok(vec![*rule]),
            Err(_) => {
                let detail = serde_json::from_str::<SubsidyRule>(text)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                Err(RuleError::Json { detail })
            }
        }
    }

    /// The rules shipped with Otau ([`DEFAULT_RULES_JSON`]).
    pub fn shipped() -> Result<RuleSet, RuleError> {
        RuleSet::from_json(DEFAULT_RULES_JSON)
    }

    /// Every version of every rule, by id then version.
    pub fn rules(&self) -> &[SubsidyRule] {
        &self.rules
    }

    /// The latest version of each rule id, by id.
    pub fn current(&self) -> Vec<&SubsidyRule> {
        let mut out: Vec<&SubsidyRule> = vec![];
        for rule in &self.rules {
            match out.last_mut() {
                Some(last) if last.id == rule.id => *last = rule,
                _ => out.push(rule),
            }
        }
        out
    }

    /// The latest version of a rule id.
    pub fn latest(&self, id: &str) -> Option<&SubsidyRule> {
        self.rules.iter().rev().find(|r| r.id == id)
    }

    /// One version of a rule id.
    pub fn version(&self, id: &str, version: u32) -> Option<&SubsidyRule> {
        self.rules.iter().find(|r| r.id == id && r.version == version)
    }

    /// The rule of `kind` in force for a decision made on `date` (the latest version of the one
    /// rule id whose period holds the date), or `None`.
    pub fn in_force(&self, kind: SubsidyKind, date: NaiveDate) -> Option<&SubsidyRule> {
        self.current().into_iter().find(|r| r.kind == kind && r.in_force_on(date))
    }

    /// This set with `rule` added as the next version of its id (version 1 for a new id); the
    /// new set is checked as a whole. `rule.version` is replaced.
    pub fn with_next_version(&self, mut rule: SubsidyRule) -> Result<(RuleSet, u32), RuleError> {
        rule.version = self.latest(&rule.id).map_or(1, |r| r.version + 1);
        let version = rule.version;
        let mut rules = self.rules.clone();
        rules.push(rule);
        Ok((RuleSet::new(rules)?, version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn shipped() -> RuleSet {
        RuleSet::shipped().unwrap()
    }

    fn rule(json: &str) -> SubsidyRule {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn shipped_rules_parse_and_hold_the_published_amounts() {
        let set = shipped();
        let relocation = set.in_force(SubsidyKind::Relocation, d("2024-03-01")).unwrap();
        assert_eq!(relocation.amount_mci, Some(MciHundredths::from_whole(70)));
        assert_eq!(relocation.basis, Basis::PerMember);
        let enbek = set.in_force(SubsidyKind::Relocation, d("2019-06-01")).unwrap();
        assert_eq!(enbek.amount_mci, Some(MciHundredths::from_whole(35)));
        let cert = set.in_force(SubsidyKind::MobilityCertificate, d("2024-01-01")).unwrap();
        assert_eq!((cert.percent, cert.cap_mci), (Some(50), Some(MciHundredths::from_whole(1160))));
        let employer = set.in_force(SubsidyKind::Employer, d("2024-01-01")).unwrap();
        assert_eq!(employer.amount_mci, Some(MciHundredths::from_whole(400)));
        let rent = set.in_force(SubsidyKind::Rent, d("2024-01-01")).unwrap();
        assert_eq!(rent.months, Some(12));
        assert_eq!(
            rent.tier(SettlementType::Town, 1).map(|t| t.amount_mci),
            Some(MciHundredths::from_whole(20))
        );
        for t in &rent.tiers {
            assert!((1500..=3000).contains(&t.amount_mci.0), "15 to 30 MCI: {t:?}");
        }
    }

    #[rstest]
    #[case(SubsidyKind::Relocation, "2016-12-31", None)]
    #[case(SubsidyKind::Relocation, "2017-01-01", Some("relocation-2017"))]
    #[case(SubsidyKind::Relocation, "2021-12-31", Some("relocation-2017"))]
    #[case(SubsidyKind::Relocation, "2022-06-01", None)]
    #[case(SubsidyKind::Relocation, "2023-06-30", None)]
    #[case(SubsidyKind::Relocation, "2023-07-01", Some("relocation-2023"))]
    #[case(SubsidyKind::Rent, "2023-06-30", None)]
    #[case(SubsidyKind::Rent, "2030-01-01", Some("rent-2023"))]
    #[case(SubsidyKind::MobilityCertificate, "2023-02-28", None)]
    #[case(SubsidyKind::MobilityCertificate, "2023-03-01", Some("mobility-certificate-2023"))]
    fn rule_in_force_by_decision_date(
        #[case] kind: SubsidyKind,
        #[case] on: &str,
        #[case] id: Option<&str>,
    ) {
        assert_eq!(shipped().in_force(kind, d(on)).map(|r| r.id.as_str()), id);
    }

    #[test]
    fn rent_tiers_cover_every_family_size_once() {
        let set = shipped();
        let rent = set.latest("rent-2023").unwrap();
        for settlement in SettlementType::ALL {
            for members in 1..=20 {
                assert!(rent.tier(settlement, members).is_some(), "{settlement:?} {members}");
            }
        }
    }

    #[test]
    fn a_new_version_replaces_the_old_for_new_decisions_only() {
        let set = shipped();
        let mut v2 = set.latest("relocation-2023").unwrap().clone();
        v2.amount_mci = Some(MciHundredths::from_whole(75));
        let (set2, version) = set.with_next_version(v2).unwrap();
        assert_eq!(version, 2);
        let now = set2.in_force(SubsidyKind::Relocation, d("2024-03-01")).unwrap();
        assert_eq!((now.version, now.amount_mci), (2, Some(MciHundredths::from_whole(75))));
        let old = set2.version("relocation-2023", 1).unwrap();
        assert_eq!(old.amount_mci, Some(MciHundredths::from_whole(70)), "kept as it was");
    }

    #[test]
    fn a_second_rule_of_a_kind_in_force_the_same_day_is_refused() {
        let set = shipped();
        let extra = rule(
            r#"{"id":"relocation-2027","kind":"relocation","valid_from":"2027-01-01",
                "basis":"per_member","amount_mci":8000}"#,
        );
        let err = set.with_next_version(extra.clone()).unwrap_err();
        assert_eq!(
            err,
            RuleError::Overlap {
                kind: SubsidyKind::Relocation,
                first: "relocation-2023".into(),
                second: "relocation-2027".into(),
                on: d("2027-01-01"),
            }
        );
        assert_eq!(err.code(), "rule-overlap");
        // Ending the old rule first makes room for the new one.
        let mut ended = set.latest("relocation-2023").unwrap().clone();
        ended.valid_to = Some(d("2026-12-31"));
        let (set, _) = set.with_next_version(ended).unwrap();
        let (set, v) = set.with_next_version(extra).unwrap();
        assert_eq!(v, 1);
        assert_eq!(
            set.in_force(SubsidyKind::Relocation, d("2027-01-01")).map(|r| r.id.as_str()),
            Some("relocation-2027")
        );
    }

    #[rstest]
    #[case::bad_id(r#"{"id":"Reloc 1","kind":"relocation","valid_from":"2024-01-01","basis":"per_member","amount_mci":100}"#, "rule-bad-id")]
    #[case::version_zero(r#"{"id":"r","version":0,"kind":"relocation","valid_from":"2024-01-01","basis":"per_member","amount_mci":100}"#, "rule-bad-version")]
    #[case::ends_first(r#"{"id":"r","kind":"relocation","valid_from":"2024-01-01","valid_to":"2023-01-01","basis":"per_member","amount_mci":100}"#, "rule-ends-before-start")]
    #[case::no_amount(
        r#"{"id":"r","kind":"relocation","valid_from":"2024-01-01","basis":"per_member"}"#,
        "rule-amount-or-tiers"
    )]
    #[case::zero(r#"{"id":"r","kind":"relocation","valid_from":"2024-01-01","basis":"per_member","amount_mci":0}"#, "rule-non-positive")]
    #[case::percent_on_member(r#"{"id":"r","kind":"relocation","valid_from":"2024-01-01","basis":"per_member","amount_mci":1,"percent":5}"#, "rule-field-not-for-basis")]
    #[case::share_no_percent(r#"{"id":"r","kind":"mobility_certificate","valid_from":"2024-01-01","basis":"share_of_cost","cap_mci":100}"#, "rule-percent")]
    #[case::share_percent_over(r#"{"id":"r","kind":"mobility_certificate","valid_from":"2024-01-01","basis":"share_of_cost","percent":101}"#, "rule-percent")]
    #[case::months_zero(r#"{"id":"r","kind":"rent","valid_from":"2024-01-01","basis":"per_family","amount_mci":100,"months":0}"#, "rule-months")]
    #[case::tier_gap(r#"{"id":"r","kind":"rent","valid_from":"2024-01-01","basis":"per_family","months":12,"tiers":[
        {"settlement":"town","min_members":1,"max_members":1,"amount_mci":2000},
        {"settlement":"town","min_members":3,"amount_mci":3000},
        {"settlement":"village","min_members":1,"amount_mci":1500}]}"#, "rule-tiers")]
    #[case::tier_overlap(r#"{"id":"r","kind":"rent","valid_from":"2024-01-01","basis":"per_family","months":12,"tiers":[
        {"settlement":"town","min_members":1,"max_members":3,"amount_mci":2000},
        {"settlement":"town","min_members":3,"amount_mci":3000},
        {"settlement":"village","min_members":1,"amount_mci":1500}]}"#, "rule-tiers")]
    #[case::tier_missing_village(r#"{"id":"r","kind":"rent","valid_from":"2024-01-01","basis":"per_family","months":12,"tiers":[
        {"settlement":"town","min_members":1,"amount_mci":2000}]}"#, "rule-tiers")]
    fn a_bad_rule_is_refused_with_a_code(#[case] json: &str, #[case] code: &str) {
        let err = rule(json).check().unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert!(!err.args().is_empty());
    }

    #[test]
    fn unknown_fields_and_bad_json_are_refused() {
        let err = RuleSet::from_json(
            r#"{"rules":[{"id":"r","kind":"relocation","valid_from":"2024-01-01","basis":"per_member","amount_mci":100,"amount":5}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.code(), "rule-json");
        assert!(RuleSet::from_json("nope").is_err());
        let float = r#"{"rules":[{"id":"r","kind":"relocation","valid_from":"2024-01-01","basis":"per_member","amount_mci":70.5}]}"#;
        assert_eq!(RuleSet::from_json(float).unwrap_err().code(), "rule-json");
    }

    #[test]
    fn the_same_version_twice_or_a_changed_kind_is_refused() {
        let set = shipped();
        let mut rules = set.rules().to_vec();
        rules.push(set.latest("rent-2023").unwrap().clone());
        assert_eq!(RuleSet::new(rules).unwrap_err().code(), "rule-duplicate-version");
        let mut other = set.latest("employer-2023").unwrap().clone();
        other.kind = SubsidyKind::Relocation;
        assert_eq!(set.with_next_version(other).unwrap_err().code(), "rule-kind-changed");
    }

    #[test]
    fn kinds_parse_from_their_names() {
        for kind in SubsidyKind::ALL {
            assert_eq!(SubsidyKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        assert_eq!(
            SubsidyKind::parse("mobility-certificate"),
            Some(SubsidyKind::MobilityCertificate)
        );
        assert_eq!(SubsidyKind::parse("loan"), None);
        assert_eq!(SettlementType::parse("Village"), Some(SettlementType::Village));
    }

    /// The desk decided which fields a rule needs by looking at its tiers and basis itself;
    /// the rule now says it.
    #[test]
    fn what_a_decision_needs_is_said_by_its_rule() {
        let rules = RuleSet::shipped().unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let rent = rules.in_force(SubsidyKind::Rent, on).unwrap();
        assert!(rent.needs_settlement_type() && !rent.needs_housing_cost());
        let mobility = rules.in_force(SubsidyKind::MobilityCertificate, on).unwrap();
        assert!(mobility.needs_housing_cost() && !mobility.needs_settlement_type());
        let relocation = rules.in_force(SubsidyKind::Relocation, on).unwrap();
        assert!(!relocation.needs_housing_cost() && !relocation.needs_settlement_type());
        let sizes: Vec<String> = rent.tiers.iter().map(Tier::sizes).collect();
        assert!(sizes.iter().all(|s| !s.is_empty()), "{sizes:?}");
        assert!(sizes.iter().any(|s| s.ends_with('+')), "the last band is open: {sizes:?}");
    }

    /// Two readers of a rules file (the desk's and the command line's): now one.
    #[test]
    fn a_rules_file_holds_one_rule_or_a_list_and_a_typo_is_named() {
        let rules = RuleSet::shipped().unwrap();
        let one = serde_json::to_string(&rules.rules()[0]).unwrap();
        assert_eq!(RuleSet::read_file(&one).map(|r| r.len()), Ok(1));
        let many = format!("{{\"rules\": [{one}, {one}]}}");
        assert_eq!(RuleSet::read_file(&many).map(|r| r.len()), Ok(2));
        let typo = one.replacen("\"kind\"", "\"kindd\"", 1);
        let e = RuleSet::read_file(&typo).unwrap_err();
        assert!(matches!(&e, RuleError::Json { detail } if detail.contains("kindd")), "{e:?}");
    }
}
