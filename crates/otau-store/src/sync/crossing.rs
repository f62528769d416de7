//! The same person in two offices, on the device: the cases the centre hands to this office
//! (its own person beside what the other office registered) and the decisions on them ("the
//! same person" or "different people", with a reason), which travel to the office's devices
//! and, through the centre, to the other office.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::users::Action;
use crate::Store;
use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `cross_office_cases`, from the centre's reference data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrossCaseRec {
    /// The case's id (the same in both offices).
    pub id: Uuid,
    /// What both records share: `iin:…`, `doc:…` or `name:…|birth date`.
    pub key: String,
    /// This office's person.
    pub person_id: Uuid,
    /// The other office.
    pub other_office: String,
    /// Its person.
    pub other_person_id: Uuid,
    /// What the other office registered (JSON: regno, names, birth date, IIN, when).
    pub other: String,
    /// When the centre found it.
    pub found_at: String,
    /// Version.
    pub version: i64,
}

impl Record for CrossCaseRec {
    const TABLE: &'static str = "cross_office_cases";
    const ENTITY: &'static str = "cross_case";
    // Handed to each device of the office by the centre: never sent back.
    const PRIVATE: bool = true;
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
        Some(self.person_id)
    }
}

/// A row of `cross_office_decisions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrossDecisionRec {
    /// Id.
    pub id: Uuid,
    /// The case.
    pub case_id: Uuid,
    /// The office whose person decided.
    pub office_code: String,
    /// `same_person` or `different_people`.
    pub decision: String,
    /// Why.
    pub reason: String,
    /// Who (login).
    pub decided_by: String,
    /// When (RFC 3339).
    pub decided_at: String,
    /// Version (events do not carry it: absent, it is 0).
    #[serde(default)]
    pub version: i64,
}

impl Record for CrossDecisionRec {
    const TABLE: &'static str = "cross_office_decisions";
    const ENTITY: &'static str = "cross_decision";
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

/// A case as screens and `otau sync duplicates` show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossCaseView {
    /// The case.
    pub id: Uuid,
    /// What both records share.
    pub key: String,
    /// This office's person: registration number and name.
    pub regno: Option<String>,
    /// The name as registered here.
    pub name: Option<String>,
    /// The other office.
    pub other_office: String,
    /// What the other office registered.
    pub other: serde_json::Value,
    /// When the centre found it.
    pub found_at: String,
    /// The decision, when one was made (here or in the other office).
    pub decision: Option<CrossDecisionRec>,
}

/// Counts of reference items held (see [`Store::reference_held`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReferenceHeld {
    /// Papers other offices voided.
    pub voided_papers: u32,
    /// Cases of the same person in two offices.
    pub cross_cases: u32,
    /// Decisions on them (this office's and the other office's).
    pub cross_decisions: u32,
}

/// A decision on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossDecision {
    /// Both records are one person.
    SamePerson,
    /// Two people who share a name and birth date (or a mistyped number).
    DifferentPeople,
}

impl CrossDecision {
    fn as_str(self) -> &'static str {
        match self {
            CrossDecision::SamePerson => "same_person",
            CrossDecision::DifferentPeople => "different_people",
        }
    }
}

impl Store {
    /// The cases of the same person in two offices, newest first.
    pub fn cross_cases(&self) -> Result<Vec<CrossCaseView>> {
        let recs: Vec<CrossCaseRec> = self
            .conn()
            .prepare("SELECT * FROM cross_office_cases ORDER BY found_at DESC, id")?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = vec![];
        for c in recs {
            let person: Option<(String, String)> = self
                .conn()
                .prepare_cached(
                    "SELECT regno, surname || ' ' || given_name FROM persons WHERE id = ?1",
                )?
                .query_row([c.person_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
                .ok();
            let decision: Option<CrossDecisionRec> = self
                .conn()
                .prepare_cached(
                    "SELECT * FROM cross_office_decisions WHERE case_id = ?1
                     ORDER BY decided_at, id LIMIT 1",
                )?
                .query_row([c.id.to_string()], from_row)
                .ok();
            out.push(CrossCaseView {
                id: c.id,
                key: c.key,
                regno: person.as_ref().map(|p| p.0.clone()),
                name: person.map(|p| p.1),
                other_office: c.other_office,
                other: serde_json::from_str(&c.other).unwrap_or(serde_json::Value::Null),
                found_at: c.found_at,
                decision,
            });
        }
        Ok(out)
    }

    /// Every decision on a case, the first first: this office's and the other office's, once
    /// the centre handed it here (each office may have decided before it heard of the other's).
    pub fn cross_decisions(&self, case_id: Uuid) -> Result<Vec<CrossDecisionRec>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT * FROM cross_office_decisions WHERE case_id = ?1 ORDER BY decided_at, id",
            )?
            .query_map([case_id.to_string()], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The name of an office this database has heard of from the centre (with its document
    /// key), or its own; `None` when it knows only the code.
    pub fn office_name(&self, code: &str) -> Result<Option<String>> {
        let own: Option<String> = self
            .conn()
            .prepare_cached("SELECT name FROM offices WHERE code = ?1")?
            .query_row([code], |r| r.get(0))
            .ok();
        if own.is_some() {
            return Ok(own);
        }
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT office_name FROM known_office_keys
                 WHERE office_code = ?1 AND office_name IS NOT NULL ORDER BY added_on DESC LIMIT 1",
            )?
            .query_row([code], |r| r.get(0))
            .ok())
    }

    /// The cases nobody decided yet, in either office.
    pub fn open_cross_cases(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM cross_office_cases c WHERE NOT EXISTS
               (SELECT 1 FROM cross_office_decisions d WHERE d.case_id = c.id)",
            [],
            |r| r.get(0),
        )?)
    }

    /// How many items of the centre's reference data this database holds of the kinds a person
    /// reads about after an exchange: papers voided elsewhere, cases of the same person in two
    /// offices, decisions on them.
    pub fn reference_held(&self) -> Result<ReferenceHeld> {
        let count = |sql: &str| -> Result<u32> {
            let n: i64 = self.conn().query_row(sql, [], |r| r.get(0))?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        };
        Ok(ReferenceHeld {
            voided_papers: count("SELECT COUNT(*) FROM voided_elsewhere")?,
            cross_cases: count("SELECT COUNT(*) FROM cross_office_cases")?,
            cross_decisions: count("SELECT COUNT(*) FROM cross_office_decisions")?,
        })
    }

    /// Decides a case with a reason; the decision travels to the office's devices and, through
    /// the centre, to the other office. A case is decided once.
    pub fn decide_cross_case(
        &mut self,
        ctx: &Context,
        case_id: Uuid,
        decision: CrossDecision,
        reason: &str,
    ) -> Result<CrossDecisionRec> {
        ctx.actor.require(Action::EditRegistry)?;
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(StoreError::Invalid(vec![otau_core::FieldError::bare(
                "reason",
                "store-required",
            )]));
        }
        self.write(ctx, "cross_case.decide", |change| {
            let office = open_case(
                change.tx(),
                "cross_office_cases",
                "cross_office_decisions",
                "cross_case",
                case_id,
            )?;
            change.set_reason(Some(reason.clone()));
            let mut rec = CrossDecisionRec {
                id: Uuid::now_v7(),
                case_id,
                office_code: office,
                decision: decision.as_str().to_string(),
                reason: reason.clone(),
                decided_by: ctx.actor.login.clone(),
                decided_at: ctx.at.to_rfc3339_opts(SecondsFormat::Millis, true),
                version: 0,
            };
            change.insert(&mut rec)?;
            Ok(rec)
        })
    }
}

/// This office's code, once `case_id` is known in `cases` and not yet decided in `decisions`:
/// a case handed by the centre is decided once.
pub(crate) fn open_case(
    tx: &rusqlite::Transaction<'_>,
    cases: &str,
    decisions: &str,
    what: &'static str,
    case_id: Uuid,
) -> Result<String> {
    use rusqlite::OptionalExtension;
    let office: String = tx.query_row("SELECT office_code FROM device", [], |r| r.get(0))?;
    let id = case_id.to_string();
    let known: Option<String> = tx
        .prepare_cached(&format!("SELECT id FROM {cases} WHERE id = ?1"))?
        .query_row([&id], |r| r.get(0))
        .optional()?;
    if known.is_none() {
        return Err(StoreError::NotFound { what, key: id });
    }
    let decided: Option<String> = tx
        .prepare_cached(&format!("SELECT id FROM {decisions} WHERE case_id = ?1"))?
        .query_row([&id], |r| r.get(0))
        .optional()?;
    if decided.is_some() {
        return Err(StoreError::Sync { code: "sync-case-decided", detail: id });
    }
    Ok(office)
}
