//! One family paid the same one-time subsidy in two offices, on the device: the cases the centre
//! hands to this office (what this office paid beside what the other paid) and the managers'
//! decisions on them ("both payments stand" or "the money is to be recovered", with a reason),
//! which travel to the office's devices and, through the centre, to the other office.
//!
//! # Design
//! The case comes with the reference data and is kept as the centre wrote it (both payments as
//! JSON): the other office's family is not in this database. Only managers decide, as they
//! approve payments (`Action::ApprovePayment`); a case is decided once.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::users::Action;
use crate::Store;
use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `payment_cases`, from the centre's reference data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentCaseRec {
    /// The case's id (the same in both offices).
    pub id: Uuid,
    /// The kind of subsidy paid twice (`relocation`, `mobility_certificate`).
    pub subsidy_kind: String,
    /// The person key that links the two families (`iin:…`, `doc:…`, `name:…|birth date`).
    pub key: String,
    /// What this office paid (JSON, as the centre wrote it).
    pub here: String,
    /// The other office.
    pub other_office: String,
    /// What it paid (JSON).
    pub other: String,
    /// When the centre found it.
    pub found_at: String,
    /// Version.
    pub version: i64,
}

impl Record for PaymentCaseRec {
    const TABLE: &'static str = "payment_cases";
    const ENTITY: &'static str = "payment_case";
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
        None
    }
}

/// A row of `payment_case_decisions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentDecisionRec {
    /// Id.
    pub id: Uuid,
    /// The case.
    pub case_id: Uuid,
    /// The office whose manager decided.
    pub office_code: String,
    /// `keep_both` or `recover`.
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

impl Record for PaymentDecisionRec {
    const TABLE: &'static str = "payment_case_decisions";
    const ENTITY: &'static str = "payment_decision";
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

/// What one office paid, as the centre describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PaidSide {
    /// The office's code.
    #[serde(default)]
    pub office: String,
    /// The office's name.
    #[serde(default)]
    pub office_name: String,
    /// The family's registration number (absent when the centre did not see it).
    #[serde(default)]
    pub regno: Option<String>,
    /// The head's name.
    #[serde(default)]
    pub head: Option<String>,
    /// The amount in tiyn.
    #[serde(default)]
    pub amount_tiyn: i64,
    /// The date paid.
    #[serde(default)]
    pub paid_on: String,
    /// The ledger entry of the payment.
    #[serde(default)]
    pub entry_id: String,
}

/// A payment case as screens and `otau sync payments` show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentCaseView {
    /// The case.
    pub id: Uuid,
    /// The kind of subsidy paid twice.
    pub subsidy_kind: String,
    /// What links the two families.
    pub key: String,
    /// What this office paid.
    pub here: PaidSide,
    /// What the other office paid.
    pub other: PaidSide,
    /// When the centre found it.
    pub found_at: String,
    /// The decision, when one was made (here or in the other office).
    pub decision: Option<PaymentDecisionRec>,
}

/// A manager's decision on a payment case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PaymentDecision {
    /// Both payments stand (e.g. the rules allowed both, or they are two families).
    KeepBoth,
    /// One payment is to be recovered from the family.
    Recover,
}

impl PaymentDecision {
    /// The snake_case name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentDecision::KeepBoth => "keep_both",
            PaymentDecision::Recover => "recover",
        }
    }
}

fn side(text: &str) -> PaidSide {
    serde_json::from_str(text).unwrap_or_default()
}

impl Store {
    /// The cases of one family paid the same one-time subsidy here and in another office,
    /// newest first.
    pub fn payment_cases(&self) -> Result<Vec<PaymentCaseView>> {
        let recs: Vec<PaymentCaseRec> = self
            .conn()
            .prepare("SELECT * FROM payment_cases ORDER BY found_at DESC, id")?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = vec![];
        for c in recs {
            let decision: Option<PaymentDecisionRec> = self
                .conn()
                .prepare_cached(
                    "SELECT * FROM payment_case_decisions WHERE case_id = ?1
                     ORDER BY decided_at, id LIMIT 1",
                )?
                .query_row([c.id.to_string()], from_row)
                .ok();
            out.push(PaymentCaseView {
                id: c.id,
                subsidy_kind: c.subsidy_kind,
                key: c.key,
                here: side(&c.here),
                other: side(&c.other),
                found_at: c.found_at,
                decision,
            });
        }
        Ok(out)
    }

    /// Decides a payment case with a reason (managers); the decision travels to the office's
    /// devices and, through the centre, to the other office. A case is decided once.
    pub fn decide_payment_case(
        &mut self,
        ctx: &Context,
        case_id: Uuid,
        decision: PaymentDecision,
        reason: &str,
    ) -> Result<PaymentDecisionRec> {
        ctx.actor.require(Action::ApprovePayment)?;
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(StoreError::Invalid(vec![otau_core::FieldError::bare(
                "reason",
                "store-reason-required",
            )]));
        }
        self.write(ctx, "payment_case.decide", |change| {
            let office = crate::sync::crossing::open_case(
                change.tx(),
                "payment_cases",
                "payment_case_decisions",
                "payment_case",
                case_id,
            )?;
            change.set_reason(Some(reason.clone()));
            let mut rec = PaymentDecisionRec {
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
