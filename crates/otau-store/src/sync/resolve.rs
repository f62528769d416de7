//! A person resolves a conflict or decides a review case: an ordinary change, made as the
//! signed-in user with a reason, that syncs to every device of the office.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, to_sql};
use crate::sync::cases::{case, conflict};
use crate::sync::entities::{columns, entity};
use crate::users::Action;
use crate::Store;
use otau_core::FieldError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// Which value a conflict ends with.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "choice", content = "value")]
pub enum ConflictChoice {
    /// The value that stayed.
    Kept,
    /// The value that did not take effect.
    Proposed,
    /// A value typed by the person resolving it (text fields of the registry).
    Typed(String),
    /// Nothing to change (a second insert that is not needed: a month closed twice).
    Dismiss,
}

/// A manager's decision on a review case.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseDecision {
    /// Both facts stand as they are (e.g. two approvals of one line: nothing more to do).
    BothStand,
    /// Money must be recovered or a record corrected (what was done is in the reason).
    Correction,
    /// Two records are the same person.
    SamePerson,
    /// Two records are different people.
    DifferentPeople,
}

impl CaseDecision {
    fn as_str(self) -> &'static str {
        match self {
            CaseDecision::BothStand => "both_stand",
            CaseDecision::Correction => "correction",
            CaseDecision::SamePerson => "same_person",
            CaseDecision::DifferentPeople => "different_people",
        }
    }
}

fn required_reason(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Invalid(vec![FieldError::bare("reason", "store-reason-required")]));
    }
    Ok(reason.to_string())
}

/// Fields a person may type a value for when resolving (text of the registry).
const TYPED_FIELDS: &[&str] = &[
    "surname",
    "given_name",
    "patronymic",
    "surname_latin",
    "given_name_latin",
    "patronymic_latin",
    "phone",
    "email",
    "address",
    "settlement",
    "number",
];

impl Store {
    /// Conflicts, open ones first then the newest resolved.
    pub fn conflicts(&self, open_only: bool) -> Result<Vec<crate::sync::ConflictRec>> {
        let sql = if open_only {
            "SELECT * FROM sync_conflicts WHERE state = 'open' ORDER BY id"
        } else {
            "SELECT * FROM sync_conflicts ORDER BY state = 'resolved', id"
        };
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Review cases, open ones first.
    pub fn review_cases(&self, open_only: bool) -> Result<Vec<crate::sync::ReviewCaseRec>> {
        let sql = if open_only {
            "SELECT * FROM review_cases WHERE state = 'open' ORDER BY id"
        } else {
            "SELECT * FROM review_cases ORDER BY state = 'decided', id"
        };
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Resolves a conflict: the record's field takes the chosen value (a change of its own with
    /// the reason) and the conflict is marked resolved; both sync to the other devices.
    pub fn resolve_conflict(
        &mut self,
        ctx: &Context,
        id: Uuid,
        choice: &ConflictChoice,
        reason: &str,
    ) -> Result<crate::sync::ConflictRec> {
        ctx.actor.require(Action::EditRegistry)?;
        let reason = required_reason(reason)?;
        let before = conflict(self.conn(), id)?;
        if before.state != "open" {
            return Err(StoreError::Sync {
                code: "sync-conflict-resolved",
                detail: id.to_string(),
            });
        }
        let parse = |s: &Option<String>| -> Value {
            s.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or(Value::Null)
        };
        let value: Option<Value> = match (choice, before.kind.as_str()) {
            (ConflictChoice::Dismiss, _) => None,
            (_, "field") => Some(match choice {
                ConflictChoice::Kept => parse(&before.kept_json),
                ConflictChoice::Proposed => parse(&Some(before.proposed_json.clone())),
                ConflictChoice::Typed(text) => {
                    let field = before.field.as_deref().unwrap_or_default();
                    if !TYPED_FIELDS.contains(&field) || text.trim().is_empty() {
                        return Err(StoreError::Invalid(vec![FieldError::bare(
                            "value",
                            "store-conflict-choose",
                        )]));
                    }
                    Value::String(text.trim().to_string())
                }
                ConflictChoice::Dismiss => Value::Null,
            }),
            // An insert that did not take effect is kept in the conflict; dismiss it (and
            // register again what is still needed).
            _ => {
                return Err(StoreError::Invalid(vec![FieldError::bare(
                    "choice",
                    "store-conflict-dismiss-only",
                )]))
            }
        };
        let resolution = match (&value, choice) {
            (Some(v), _) => otau_core::canonical::canonical_json(v),
            (None, _) => "\"dismissed\"".to_string(),
        };
        self.write(ctx, "sync.resolve", |change| {
            change.set_reason(Some(reason.clone()));
            if let (Some(value), Some(field)) = (&value, &before.field) {
                let kind = entity(&before.entity)?;
                if !columns(change.tx(), kind.table)?.contains(field) {
                    return Err(StoreError::Corrupt(format!("{}.{field}", kind.table)));
                }
                let mut values = serde_json::Map::new();
                values.insert(field.clone(), value.clone());
                change.update_fields(kind.name, kind.table, &before.entity_id, &values)?;
                let _ = to_sql(value)?;
            }
            let mut after = before.clone();
            after.state = "resolved".into();
            after.resolution_json = Some(resolution.clone());
            after.resolved_by = Some(ctx.actor.login.clone());
            after.resolved_on = Some(ctx.today.to_string());
            after.reason = Some(reason.clone());
            change.update(&before, &mut after)?;
            Ok(after)
        })
    }

    /// Records a manager's decision on a review case, with its reason.
    pub fn decide_case(
        &mut self,
        ctx: &Context,
        id: Uuid,
        decision: CaseDecision,
        reason: &str,
    ) -> Result<crate::sync::ReviewCaseRec> {
        ctx.actor.require(Action::ApprovePayment)?;
        let reason = required_reason(reason)?;
        let before = case(self.conn(), id)?;
        if before.state != "open" {
            return Err(StoreError::Sync { code: "sync-case-decided", detail: id.to_string() });
        }
        self.write(ctx, "sync.decide", |change| {
            change.set_reason(Some(reason.clone()));
            let mut after = before.clone();
            after.state = "decided".into();
            after.decision = Some(decision.as_str().into());
            after.reason = Some(reason.clone());
            after.decided_by = Some(ctx.actor.login.clone());
            after.decided_on = Some(ctx.today.to_string());
            change.update(&before, &mut after)?;
            Ok(after)
        })
    }
}
