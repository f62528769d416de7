//! Reference data of subsidies in the store: the versioned rules (shipped defaults loaded at
//! `init`, new versions added by an administrator) and adding or correcting MCI rows.
//!
//! **Architecture Invariant**: rule rows are never changed (a trigger refuses it): a correction is
//! the next version, and decisions keep the version they were made under. A new MCI row or rule
//! version never touches a decision or the ledger; it only makes recalculations appear
//! ([`crate::subsidy::recalc`]).

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::json_text;
use crate::record::{from_row, Record};
use crate::subsidy::mci::MciRec;
use crate::users::Action;
use crate::write::Change;
use crate::Store;
use chrono::NaiveDate;
use otau_core::mci::{MciError, MciRow, MciTable};
use otau_core::subsidy::{RuleSet, SubsidyKind, SubsidyRule};
use otau_core::FieldError;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `subsidy_rules`: one version of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRec {
    /// Row id.
    pub id: Uuid,
    /// The rule's stable id (`relocation-2023`).
    pub rule_id: String,
    /// Its version.
    pub rule_version: u32,
    /// Its kind.
    pub kind: SubsidyKind,
    /// First decision date it applies to.
    pub valid_from: NaiveDate,
    /// Last decision date it applies to.
    pub valid_to: Option<NaiveDate>,
    /// The whole rule.
    #[serde(with = "json_text")]
    pub body: SubsidyRule,
    /// Record version (always 1: rules never change).
    pub version: i64,
}

impl RuleRec {
    /// A new row for a rule version.
    pub(crate) fn new(rule: SubsidyRule) -> RuleRec {
        RuleRec {
            id: Uuid::now_v7(),
            rule_id: rule.id.clone(),
            rule_version: rule.version,
            kind: rule.kind,
            valid_from: rule.valid_from,
            valid_to: rule.valid_to,
            body: rule,
            version: 0,
        }
    }
}

impl Record for RuleRec {
    const TABLE: &'static str = "subsidy_rules";
    const ENTITY: &'static str = "subsidy_rule";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn subject(&self) -> Option<Uuid> {
        None
    }
}

/// One rule version as `otau rule list` and the app show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleView {
    /// The rule.
    pub rule: SubsidyRule,
    /// Whether this is the latest version of its id (the one new decisions use).
    pub current: bool,
    /// How many decisions were made under this version.
    pub decisions: i64,
}

/// What adding rules gave: each rule with the version it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesAdded {
    /// The rules as stored.
    pub rules: Vec<SubsidyRule>,
}

/// The rule set as stored (every version).
pub(crate) fn rule_set_in(conn: &Connection) -> Result<RuleSet> {
    let recs: Vec<RuleRec> = conn
        .prepare_cached("SELECT * FROM subsidy_rules ORDER BY rule_id, rule_version")?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    RuleSet::new(recs.into_iter().map(|r| r.body).collect())
        .map_err(|e| StoreError::Corrupt(format!("subsidy rules: {e}")))
}

/// The MCI table as stored, read inside a transaction.
pub(crate) fn mci_table_in(conn: &Connection) -> Result<MciTable> {
    let recs: Vec<MciRec> = conn
        .prepare_cached("SELECT * FROM mci_rows ORDER BY effective_from, purpose")?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let rows = recs
        .into_iter()
        .map(|r| MciRow {
            effective_from: r.effective_from,
            purpose: r.purpose,
            tenge: r.tenge,
            note: r.note,
        })
        .collect();
    MciTable::new(rows).map_err(|e| StoreError::Corrupt(format!("MCI table: {e}")))
}

/// Inserts the shipped rules that are not stored yet (by id and version), inside a change.
/// Returns how many were inserted. Used by `init` and by [`Store::load_shipped_rules`].
pub(crate) fn insert_shipped_rules(change: &mut Change<'_>) -> Result<usize> {
    let shipped = RuleSet::shipped()
        .map_err(|e| StoreError::Corrupt(format!("shipped subsidy rules: {e}")))?;
    let stored = rule_set_in(change.tx())?;
    let mut all = stored.rules().to_vec();
    let missing: Vec<SubsidyRule> = shipped
        .rules()
        .iter()
        .filter(|r| stored.version(&r.id, r.version).is_none())
        .cloned()
        .collect();
    all.extend(missing.iter().cloned());
    // The stored rules with the shipped ones added must still be a usable set.
    RuleSet::new(all).map_err(|e| StoreError::from(otau_core::subsidy::SubsidyError::Rule(e)))?;
    for rule in &missing {
        change.insert(&mut RuleRec::new(rule.clone()))?;
    }
    Ok(missing.len())
}

impl Store {
    /// Every version of every subsidy rule.
    pub fn subsidy_rules(&self) -> Result<RuleSet> {
        rule_set_in(self.conn())
    }

    /// Rules for `otau rule list` and the app: every version, the current ones marked, with the
    /// number of decisions made under each. `kind` narrows the list.
    pub fn rule_list(&self, kind: Option<SubsidyKind>) -> Result<Vec<RuleView>> {
        let set = self.subsidy_rules()?;
        let mut out = vec![];
        let mut count = self.conn().prepare_cached(
            "SELECT COUNT(*) FROM subsidy_decisions WHERE rule_id = ?1 AND rule_version = ?2",
        )?;
        for rule in set.rules() {
            if kind.is_some_and(|k| k != rule.kind) {
                continue;
            }
            let decisions: i64 =
                count.query_row(rusqlite::params![rule.id, rule.version], |r| r.get(0))?;
            let current = set.latest(&rule.id).map(|l| l.version) == Some(rule.version);
            out.push(RuleView { rule: rule.clone(), current, decisions });
        }
        Ok(out)
    }

    /// Adds rules, each as the next version of its id (version 1 for a new id). A version
    /// other than 1 given in a rule must be that next version. The stored set with the new rules must stay
    /// usable (no two rules of a kind in force on the same day): all are added or none.
    /// Only an administrator may.
    pub fn add_rules(&mut self, ctx: &Context, rules: Vec<SubsidyRule>) -> Result<RulesAdded> {
        ctx.actor.require(Action::ManageReference)?;
        self.write(ctx, "subsidy_rule.add", |change| {
            let mut set = rule_set_in(change.tx())?;
            let mut added = vec![];
            for rule in rules {
                let next = set.latest(&rule.id).map_or(1, |r| r.version + 1);
                if rule.version != next && rule.version != 1 {
                    return Err(StoreError::Invalid(vec![FieldError::bare(
                        "rule.version",
                        "rule-version-next",
                    )
                    .with_arg("id", &rule.id)
                    .with_arg("next", next)]));
                }
                let id = rule.id.clone();
                let (new_set, version) = set
                    .with_next_version(rule)
                    .map_err(|e| StoreError::from(otau_core::subsidy::SubsidyError::Rule(e)))?;
                let Some(stored) = new_set.version(&id, version).cloned() else {
                    return Err(StoreError::Corrupt(format!("rule {id} {version} is missing")));
                };
                set = new_set;
                added.push(stored);
            }
            for rule in &added {
                change.insert(&mut RuleRec::new(rule.clone()))?;
            }
            Ok(RulesAdded { rules: added })
        })
    }

    /// Loads the shipped rules that this database does not have yet (a database created before
    /// rules were shipped, or after an update that ships a new rule). Administrator only.
    pub fn load_shipped_rules(&mut self, ctx: &Context) -> Result<usize> {
        ctx.actor.require(Action::ManageReference)?;
        self.write(ctx, "subsidy_rule.load_shipped", insert_shipped_rules)
    }

    /// Adds an MCI row (administrator only). The table with the new row must stay valid (no
    /// second row for the same date and purpose, a positive value).
    pub fn add_mci_row(&mut self, ctx: &Context, row: MciRow) -> Result<MciRec> {
        ctx.actor.require(Action::ManageReference)?;
        self.write(ctx, "mci.add", |change| {
            let table = mci_table_in(change.tx())?;
            let mut rows = table.rows().to_vec();
            rows.push(row.clone());
            MciTable::new(rows).map_err(|e| mci_field_error(&e))?;
            let mut rec = MciRec::from_core(&row);
            change.insert(&mut rec)?;
            Ok(rec)
        })
    }

    /// Corrects the value (and note) of an existing MCI row, with a reason (administrator only).
    /// Instalments keep the value they were computed with; recalculations appear for the unpaid
    /// ones.
    pub fn correct_mci_row(&mut self, ctx: &Context, row: MciRow, reason: &str) -> Result<MciRec> {
        ctx.actor.require(Action::ManageReference)?;
        let reason = required(reason, "mci.reason")?;
        if row.tenge <= 0 {
            return Err(mci_field_error(&MciError::NonPositive {
                effective_from: row.effective_from,
                tenge: row.tenge,
            }));
        }
        self.write(ctx, "mci.correct", |change| {
            change.set_reason(Some(reason));
            let before: MciRec = change
                .tx()
                .query_row(
                    "SELECT * FROM mci_rows WHERE effective_from = ?1 AND purpose = ?2",
                    rusqlite::params![row.effective_from.to_string(), row.purpose.as_str()],
                    from_row,
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    what: "mci_row",
                    key: format!("{} {}", row.effective_from, row.purpose),
                })?;
            let mut after = before.clone();
            after.tenge = row.tenge;
            if row.note.is_some() {
                after.note = row.note.clone();
            }
            change.update(&before, &mut after)?;
            Ok(after)
        })
    }
}

/// An MCI table error as a field error of `otau mci add`.
fn mci_field_error(e: &MciError) -> StoreError {
    let field = match e {
        MciError::NonPositive { .. } => "mci.tenge",
        _ => "mci.effective_from",
    };
    StoreError::Invalid(vec![FieldError::new(field, e)])
}

/// A trimmed required text, or a field error naming `field`.
pub(crate) fn required(text: &str, field: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        Err(StoreError::Invalid(vec![FieldError::bare(field, "store-required")]))
    } else {
        Ok(t.to_string())
    }
}
