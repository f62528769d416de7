//! Consent after registration: a consent recorded later (given after registration, or a
//! correction), its withdrawal, and where a person's consent stands on a date — each a change
//! like any other (audited, synced).
//!
//! # Design
//! Consent rows and withdrawals are only added; the latest consent row speaks for the person
//! ([`PersonView::latest_consent`]) and a withdrawal names the row it ends, so a consent given
//! again after a withdrawal is in force again. What a status allows is the core's
//! ([`otau_core::consent`]); the refusal of new documents about a family while a member's
//! consent is withdrawn or lapsed is [`Store::require_consent_of_family`].

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::registry::{ConsentRec, PersonView};
use crate::users::Action;
use crate::Store;
use chrono::NaiveDate;
use otau_core::consent::{standing, ConsentBasis, ConsentStanding, ConsentStatus, LatestConsent};
use otau_core::model::{ConsentInput, ConsentMethod};
use otau_core::validate::{consent_problems, text_problem, Problem};
use otau_core::FieldError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `consent_withdrawals`: a consent withdrawn, when, how and who received it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalRec {
    /// Id.
    pub id: Uuid,
    /// Whose consent.
    pub person_id: Uuid,
    /// The consent row it ends.
    pub consent_id: Uuid,
    /// The day it was withdrawn.
    pub withdrawn_on: NaiveDate,
    /// How it was withdrawn.
    pub method: ConsentMethod,
    /// The login of the user who received it (and recorded it).
    pub received_by: String,
    /// A note, if any.
    pub note: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for WithdrawalRec {
    const TABLE: &'static str = "consent_withdrawals";
    const ENTITY: &'static str = "consent_withdrawal";
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

/// A withdrawal as entered.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawalInput {
    /// The day it was withdrawn.
    pub withdrawn_on: NaiveDate,
    /// How (a signed application, EDS, through the legal representative).
    pub method: ConsentMethod,
    /// A note, if any.
    #[serde(default)]
    pub note: Option<String>,
}

impl PersonView {
    /// The consent row that speaks for the person: the latest recorded.
    pub fn latest_consent(&self) -> Option<&ConsentRec> {
        self.consents.last()
    }

    /// The withdrawal of the latest consent, if it was withdrawn.
    pub fn latest_withdrawal(&self) -> Option<&WithdrawalRec> {
        let latest = self.latest_consent()?;
        self.withdrawals.iter().find(|w| w.consent_id == latest.id)
    }

    /// Where the person's consent stands on `today`.
    pub fn consent_standing(&self, today: NaiveDate) -> ConsentStanding {
        let latest = self.latest_consent().map(|c| LatestConsent {
            basis: c.basis,
            term: c.term,
            valid_until: c.valid_until,
            withdrawn_on: self.latest_withdrawal().map(|w| w.withdrawn_on),
        });
        standing(latest, self.person.birth_date, today)
    }
}

impl Store {
    /// Records a consent given after registration (or a corrected one): a new consent row,
    /// which from now on speaks for the person.
    pub fn record_consent(
        &mut self,
        ctx: &Context,
        regno: &str,
        consent: &ConsentInput,
    ) -> Result<PersonView> {
        ctx.actor.require(Action::EditRegistry)?;
        let view = self.person(regno)?;
        let errors = consent_problems(consent, ctx.today);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let mut rec = ConsentRec::from_input(consent, view.person.id);
        self.write(ctx, "consent.record", |change| change.insert(&mut rec))?;
        self.person(regno)
    }

    /// Records the withdrawal of a person's consent (their own, or the representative's that
    /// covers them): the day, how, and the signed-in user as the one who received it.
    pub fn withdraw_consent(
        &mut self,
        ctx: &Context,
        regno: &str,
        input: &WithdrawalInput,
    ) -> Result<PersonView> {
        ctx.actor.require(Action::EditRegistry)?;
        let view = self.person(regno)?;
        let latest = view
            .latest_consent()
            .filter(|c| {
                matches!(
                    c.basis,
                    ConsentBasis::Given | ConsentBasis::Minor | ConsentBasis::NoCapacity
                )
            })
            .filter(|_| view.latest_withdrawal().is_none())
            .ok_or_else(|| StoreError::NothingToWithdraw { regno: view.person.regno.clone() })?;
        let mut errors = vec![];
        if input.withdrawn_on > ctx.today {
            errors.push(FieldError::new("withdrawn_on", &Problem::InFuture { today: ctx.today }));
        }
        if input.withdrawn_on < latest.given_on {
            errors.push(
                FieldError::bare("withdrawn_on", "consent-withdrawn-before-given")
                    .with_arg("given_on", latest.given_on),
            );
        }
        let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if let Some(problem) = note.and_then(|n| text_problem("note", n)) {
            errors.push(FieldError::new("note", &problem));
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let mut rec = WithdrawalRec {
            id: Uuid::now_v7(),
            person_id: view.person.id,
            consent_id: latest.id,
            withdrawn_on: input.withdrawn_on,
            method: input.method,
            received_by: ctx.actor.login.clone(),
            note: note.map(String::from),
            version: 0,
        };
        self.write(ctx, "consent.withdraw", |change| change.insert(&mut rec))?;
        self.person(regno)
    }

    /// Refuses processing beyond what the law requires — a new document about a family — while
    /// any member's consent is withdrawn or lapsed on `today`, naming the first such member.
    pub fn require_consent_of_family(&self, family_id: Uuid, today: NaiveDate) -> Result<()> {
        let persons: Vec<crate::registry::PersonRec> = self
            .conn()
            .prepare_cached("SELECT * FROM persons WHERE family_id = ?1 ORDER BY regno")?
            .query_map([family_id.to_string()], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for person in persons {
            let view = crate::registry::person_view(self.conn(), person)?;
            let at = view.consent_standing(today);
            if !at.status.allows_processing() {
                return Err(StoreError::ConsentNotInForce {
                    regno: view.person.regno.clone(),
                    name: view.person.full_name(),
                    withdrawn: at.status == ConsentStatus::Withdrawn,
                    since: at.since.unwrap_or(today),
                });
            }
        }
        Ok(())
    }
}
