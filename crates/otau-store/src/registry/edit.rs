//! Corrections of a registered person, with a required reason: validated like a registration,
//! written through the one write path so the audit shows who changed what and why.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::registry::{ConsentRec, DocumentRec, FamilyView, PersonRec, PersonView};
use crate::users::Action;
use crate::Store;
use otau_core::model::{
    ConsentInput, DocumentInput, FamilyInput, MemberInput, NoConsentInput, NoConsentReason,
};
use otau_core::validate::{validate_family, validate_imported_family};
use otau_core::FieldError;
use rusqlite::OptionalExtension;
use uuid::Uuid;

impl PersonView {
    /// The person as an input form holds it (to prefill the edit form).
    pub fn as_input(&self) -> MemberInput {
        let p = &self.person;
        MemberInput {
            relation: p.relation,
            surname: p.surname.clone(),
            given_name: p.given_name.clone(),
            patronymic: p.patronymic.clone(),
            surname_latin: p.surname_latin.clone(),
            given_name_latin: p.given_name_latin.clone(),
            patronymic_latin: p.patronymic_latin.clone(),
            birth_date: p.birth_date,
            sex: p.sex,
            iin: p.iin.clone(),
            citizenship: p.citizenship.clone(),
            education: p.education,
            document: self.documents.first().map(|d| DocumentInput {
                kind: d.kind,
                number: d.number.clone(),
                issuing_country: d.issuing_country.clone(),
                issued_on: d.issued_on,
                valid_until: d.valid_until,
            }),
            phone: p.phone.clone(),
            email: p.email.clone(),
            consent: None,
            no_consent: None,
        }
        .with_consent(self.latest_consent(), &[])
    }
}

impl ConsentRec {
    /// The consent as a form holds it, or the reason there is none; `ids` are the family's
    /// person ids in the order of the form's members (a representative is named by index).
    fn as_input(&self, ids: &[Uuid]) -> (Option<ConsentInput>, Option<NoConsentInput>) {
        match self.basis.reason() {
            None => (
                Some(ConsentInput {
                    given_on: self.given_on,
                    purpose_code: self.purpose_code.unwrap_or_default(),
                    purpose: self.purpose.clone(),
                    term: self.term.unwrap_or_default(),
                    valid_until: self.valid_until,
                    method: self.method.unwrap_or_default(),
                }),
                None,
            ),
            Some(reason) => (
                None,
                Some(NoConsentInput {
                    reason,
                    covered_by: self.covered_by.and_then(|id| ids.iter().position(|i| *i == id)),
                    note: self.reason.clone(),
                }),
            ),
        }
    }
}

trait WithConsent {
    fn with_consent(self, latest: Option<&ConsentRec>, ids: &[Uuid]) -> Self;
}

impl WithConsent for MemberInput {
    fn with_consent(mut self, latest: Option<&ConsentRec>, ids: &[Uuid]) -> Self {
        (self.consent, self.no_consent) = latest.map(|c| c.as_input(ids)).unwrap_or((None, None));
        self
    }
}

impl FamilyView {
    /// The family as an input form holds it.
    pub fn as_input(&self) -> FamilyInput {
        let f = &self.family;
        FamilyInput {
            arrival_date: f.arrival_date,
            country_of_origin: f.country_of_origin.clone(),
            region: f.region.clone(),
            settlement: f.settlement.clone(),
            accommodation_category: f.accommodation_category,
            address: f.address.clone(),
            members: self
                .members
                .iter()
                .map(|m| m.as_input().with_consent(m.latest_consent(), &self.person_ids()))
                .collect(),
        }
    }
}

impl FamilyView {
    /// The members' person ids, in order.
    fn person_ids(&self) -> Vec<Uuid> {
        self.members.iter().map(|m| m.person.id).collect()
    }
}

impl Store {
    /// Corrects a person's record. `base_version` is the version the form was filled from: if
    /// someone changed the record since, the edit is refused rather than silently overwriting.
    /// The reason is required and recorded in the audit with every row the edit writes.
    pub fn edit_person(
        &mut self,
        ctx: &Context,
        regno: &str,
        edited: &MemberInput,
        base_version: i64,
        reason: &str,
    ) -> Result<PersonView> {
        ctx.actor.require(Action::EditRegistry)?;
        let family = self.family(regno)?;
        let current = self.person(regno)?;
        let index = family
            .members
            .iter()
            .position(|m| m.person.id == current.person.id)
            .ok_or_else(|| StoreError::Corrupt(format!("{regno} is not in its family")))?;

        // The same rules as at registration, over the family as it would be after the edit;
        // only the problems of this person (and of the family as a whole) are reported.
        let mut errors = vec![];
        if reason.trim().is_empty() {
            errors.push(FieldError::bare("reason", "store-reason-required"));
        }
        let mut as_family = family.as_input();
        let stored = as_family.members[index].clone();
        // A representative chosen at registration stays unless another is chosen.
        let mut edited = edited.clone();
        if let (Some(now), Some(was)) = (edited.no_consent.as_mut(), stored.no_consent.as_ref()) {
            if now.covered_by.is_none() && now.reason == was.reason {
                now.covered_by = was.covered_by;
            }
        }
        let edited = &edited;
        as_family.members[index] = edited.clone();
        // A consent still to be collected (an imported person) may stay so through other
        // corrections; it is never chosen anew here.
        let kept_to_collect = edited.no_consent == stored.no_consent
            && stored.no_consent.as_ref().is_some_and(|n| n.reason == NoConsentReason::ToCollect);
        let validate = if kept_to_collect { validate_imported_family } else { validate_family };
        if let Err(found) = validate(&as_family, ctx.today) {
            let prefix = format!("members[{index}]");
            for mut e in found {
                if let Some(rest) = e.field.strip_prefix(&prefix) {
                    e.field = rest.trim_start_matches('.').to_string();
                    errors.push(e);
                } else if !e.field.starts_with("members[") {
                    errors.push(e);
                }
            }
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        if current.person.version != base_version {
            return Err(StoreError::VersionConflict {
                entity: "person",
                id: current.person.id.to_string(),
                expected: base_version,
                found: current.person.version,
            });
        }
        let before = current.person.clone();
        let mut after = PersonRec::from_input(
            edited,
            before.id,
            before.family_id,
            before.regno.clone(),
            before.version,
        );
        if let Some(iin) = after.iin.clone() {
            let taken: Option<String> = self
                .conn()
                .prepare_cached("SELECT regno FROM persons WHERE iin = ?1 AND id <> ?2")?
                .query_row([&iin, &current.person.id.to_string()], |r| r.get(0))
                .optional()?;
            if let Some(regno) = taken {
                return Err(StoreError::IinTaken { iin, regno });
            }
        }

        let old_document = current.documents.first().cloned();
        // A consent or reason that differs from the latest recorded is recorded anew.
        let consent_changed =
            (&edited.consent, &edited.no_consent) != (&stored.consent, &stored.no_consent);
        let ids = family.person_ids();
        self.write(ctx, "person.edit", |change| {
            change.set_reason(Some(reason.trim().to_string()));
            change.update(&before, &mut after)?;
            if let Some(doc) = &edited.document {
                let fresh = DocumentRec::from_input(
                    doc,
                    old_document.as_ref().map(|d| d.id).unwrap_or_else(Uuid::now_v7),
                    before.id,
                    old_document.as_ref().map(|d| d.version).unwrap_or(0),
                );
                match &old_document {
                    Some(old) => {
                        let mut fresh = fresh;
                        change.update(old, &mut fresh)?;
                    }
                    None => {
                        let mut fresh = fresh;
                        change.insert(&mut fresh)?;
                    }
                }
            }
            if consent_changed {
                if let Some(mut rec) = ConsentRec::of_member(edited, before.id, &ids, ctx.today) {
                    change.insert(&mut rec)?;
                }
            }
            Ok(())
        })?;
        self.person(regno)
    }
}
