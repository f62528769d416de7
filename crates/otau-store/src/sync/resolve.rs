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
use rusqlite::OptionalExtension;
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
pub const TYPED_FIELDS: &[&str] = &[
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

/// One side of a conflict or a review case as a person reads it: the value and who set it,
/// where and when.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The value (for an insert, the whole record).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub value: Value,
    /// Who (login).
    pub login: Option<String>,
    /// When, by that device's clock (UTC, RFC 3339).
    pub at: Option<String>,
    /// The device that made it.
    pub device_id: Option<String>,
    /// The reason given with it.
    pub reason: Option<String>,
}

/// A conflict as the conflict screen shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictView {
    /// The conflict.
    pub conflict: crate::sync::ConflictRec,
    /// The person or family it concerns (registration number and name), when known here.
    pub subject: Option<String>,
    /// The value that stays for now (absent for an insert that did not take effect).
    pub kept: Option<Side>,
    /// The other value.
    pub proposed: Side,
}

/// A review case as the managers' screen shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewCaseView {
    /// The case.
    pub case: crate::sync::ReviewCaseRec,
    /// The person or family it concerns (registration number and name), when known here.
    pub subject: Option<String>,
    /// The first fact.
    pub first: Side,
    /// The second.
    pub second: Side,
}

/// Who, when and where an event of the log was made, with one of its values.
fn side(conn: &rusqlite::Connection, event: Option<&str>, value: Value) -> Result<Side> {
    let envelope: Option<crate::events::Envelope> = match event {
        None => None,
        Some(id) => conn
            .prepare_cached(
                "SELECT envelope_json(body) FROM events
                 WHERE event_tag = id_tag(?1) AND event_key = id_key(?1)",
            )?
            .query_row([id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok()),
    };
    Ok(Side {
        value,
        login: envelope.as_ref().map(|e| e.actor.login.clone()),
        at: envelope.as_ref().map(|e| e.at.clone()),
        device_id: envelope.as_ref().and_then(|e| e.device_id.map(|d| d.to_string())),
        reason: envelope.and_then(|e| e.reason),
    })
}

/// "PVL01-2026-00001 Сейітқали Нұрсұлтан" for a person or a family's head.
fn subject_label(conn: &rusqlite::Connection, id: Option<&str>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(conn
        .prepare_cached(
            "SELECT p.regno || ' ' || p.surname || ' ' || p.given_name FROM persons p
             WHERE p.id = ?1 OR (p.family_id = ?1 AND p.relation = 'head') LIMIT 1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

fn parse_json(text: &Option<String>) -> Value {
    text.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or(Value::Null)
}

impl Store {
    /// Conflicts with both sides, as the conflict screen shows them (open ones only unless
    /// `all`).
    pub fn conflict_views(&self, all: bool) -> Result<Vec<ConflictView>> {
        let conn = self.conn();
        let mut out = vec![];
        for c in self.conflicts(!all)? {
            let kept = match &c.kept_event {
                Some(e) if c.kind == "field" => {
                    Some(side(conn, Some(e), parse_json(&c.kept_json))?)
                }
                _ => None,
            };
            let proposed =
                side(conn, Some(&c.proposed_event), parse_json(&Some(c.proposed_json.clone())))?;
            let subject = subject_label(conn, c.subject_id.as_deref())?;
            out.push(ConflictView { conflict: c, subject, kept, proposed });
        }
        Ok(out)
    }

    /// Review cases with both facts, as the managers' screen shows them.
    pub fn review_case_views(&self, all: bool) -> Result<Vec<ReviewCaseView>> {
        let conn = self.conn();
        let mut out = vec![];
        for c in self.review_cases(!all)? {
            let after = |event: &str| -> Result<Value> {
                Ok(conn
                    .prepare_cached(
                        "SELECT envelope_json(body) ->> '$.after' FROM events
                         WHERE event_tag = id_tag(?1) AND event_key = id_key(?1)",
                    )?
                    .query_row([event], |r| r.get::<_, Option<String>>(0))
                    .optional()?
                    .flatten()
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or(Value::Null))
            };
            let first = side(conn, Some(&c.first_event), after(&c.first_event)?)?;
            let second = side(conn, Some(&c.second_event), after(&c.second_event)?)?;
            let subject = subject_label(conn, c.subject_id.as_deref())?;
            out.push(ReviewCaseView { case: c, subject, first, second });
        }
        Ok(out)
    }
}
