//! Corrections of a registered person, with a required reason: validated like a registration,
//! written through the one write path so the audit shows who changed what and why.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::registry::{ConsentRec, DocumentRec, FamilyView, PersonRec, PersonView};
use crate::users::Action;
use crate::Store;
use otau_core::model::{ConsentInput, DocumentInput, FamilyInput, MemberInput};
use otau_core::validate::validate_family;
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
            consent: self
                .consents
                .last()
                .map(|c| ConsentInput { given_on: c.given_on, purpose: c.purpose.clone() }),
        }
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
            members: self.members.iter().map(PersonView::as_input).collect(),
        }
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
        as_family.members[index] = edited.clone();
        if let Err(found) = validate_family(&as_family, ctx.today) {
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
        let old_consents = current.consents.clone();
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
            if let Some(consent) = &edited.consent {
                let known = old_consents
                    .iter()
                    .any(|c| c.given_on == consent.given_on && c.purpose == consent.purpose.trim());
                if !known {
                    let mut rec = ConsentRec::from_input(consent, before.id);
                    change.insert(&mut rec)?;
                }
            }
            Ok(())
        })?;
        self.person(regno)
    }
}
