//! The registry: families, persons, their documents and consents — records, registration and
//! views; corrections ([`edit`]), consents recorded later and withdrawals ([`consent`]),
//! everything held about one person ([`export`]), likely duplicates ([`duplicates`]),
//! importing the lists offices keep ([`import`]) and scans of documents ([`scans`]).

pub mod consent;
pub mod duplicates;
pub mod edit;
pub mod export;
pub mod import;
pub mod scans;

use crate::context::Context;
use crate::error::{DuplicateHit, Result, StoreError};
use crate::record::{from_row, Record};
use crate::users::Action;
use crate::write::Change;
use crate::Store;
use chrono::{Datelike, NaiveDate};
use otau_core::consent::ConsentBasis;
use otau_core::model::{
    AccommodationCategory, ConsentInput, ConsentMethod, ConsentPurpose, ConsentTerm, DocumentInput,
    DocumentKind, Education, FamilyInput, MemberInput, Relation, Sex,
};
use otau_core::regno::{OfficeCode, RegNo};
use otau_core::validate::{normalize_document_number, normalize_phone, validate_family};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `families`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyRec {
    /// Id.
    pub id: Uuid,
    /// Office that registered the family.
    pub office_id: Uuid,
    /// The family's registration number (the head's number at registration).
    pub regno: String,
    /// Date of registration at the centre.
    pub registered_on: NaiveDate,
    /// Date of arrival.
    pub arrival_date: NaiveDate,
    /// Country of origin (ISO alpha-2).
    pub country_of_origin: String,
    /// Region of settlement (ISO 3166-2).
    pub region: String,
    /// Settlement.
    pub settlement: String,
    /// Accommodation category.
    pub accommodation_category: Option<AccommodationCategory>,
    /// Address in Kazakhstan.
    pub address: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for FamilyRec {
    const TABLE: &'static str = "families";
    const ENTITY: &'static str = "family";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
}

/// A row of `persons`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRec {
    /// Id.
    pub id: Uuid,
    /// Family.
    pub family_id: Uuid,
    /// Registration number `OFFICE-YYYY-NNNNN`.
    pub regno: String,
    /// Relation to the head.
    pub relation: Relation,
    /// Surname as written.
    pub surname: String,
    /// Given name as written.
    pub given_name: String,
    /// Patronymic as written.
    pub patronymic: Option<String>,
    /// Surname as on the document in Latin.
    pub surname_latin: Option<String>,
    /// Given name as on the document in Latin.
    pub given_name_latin: Option<String>,
    /// Patronymic in Latin.
    pub patronymic_latin: Option<String>,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: Sex,
    /// IIN.
    pub iin: Option<String>,
    /// Citizenship (ISO alpha-2).
    pub citizenship: Option<String>,
    /// Education.
    pub education: Option<Education>,
    /// Phone, normalised `+7…`.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Version.
    pub version: i64,
}

impl PersonRec {
    /// "Surname Given Patronymic" as written.
    pub fn full_name(&self) -> String {
        let mut s = format!("{} {}", self.surname, self.given_name);
        if let Some(p) = &self.patronymic {
            s.push(' ');
            s.push_str(p);
        }
        s
    }

    /// The Latin spelling as on the document, if recorded.
    pub fn full_name_latin(&self) -> Option<String> {
        let parts: Vec<&str> =
            [&self.surname_latin, &self.given_name_latin, &self.patronymic_latin]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

impl Record for PersonRec {
    const TABLE: &'static str = "persons";
    const ENTITY: &'static str = "person";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn search_person(&self) -> Option<Uuid> {
        Some(self.id)
    }
}

/// A row of `documents`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRec {
    /// Id.
    pub id: Uuid,
    /// Whose document.
    pub person_id: Uuid,
    /// Kind.
    pub kind: DocumentKind,
    /// Number as printed.
    pub number: String,
    /// Number normalised for search and duplicate checks.
    pub number_norm: String,
    /// Issuing country.
    pub issuing_country: String,
    /// Issued on.
    pub issued_on: Option<NaiveDate>,
    /// Valid until.
    pub valid_until: Option<NaiveDate>,
    /// Version.
    pub version: i64,
}

impl Record for DocumentRec {
    const TABLE: &'static str = "documents";
    const ENTITY: &'static str = "document";
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
    fn search_person(&self) -> Option<Uuid> {
        Some(self.person_id)
    }
}

/// A row of `consents`: consent to processing of personal data, or the reason recorded
/// instead of one (`basis`). Rows are only added; the latest speaks for the person.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRec {
    /// Id.
    pub id: Uuid,
    /// Whose consent.
    pub person_id: Uuid,
    /// Given on (for a reason: the day it was recorded).
    pub given_on: NaiveDate,
    /// Purpose in words (empty for a reason).
    pub purpose: String,
    /// A consent, or the reason there is none.
    #[serde(default)]
    pub basis: ConsentBasis,
    /// Purpose from the list (none on a row from before the list).
    #[serde(default)]
    pub purpose_code: Option<ConsentPurpose>,
    /// Term (none on a row from before terms: until the end of the programme).
    #[serde(default)]
    pub term: Option<ConsentTerm>,
    /// The last day it holds, for a term until a date.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// How it was given.
    #[serde(default)]
    pub method: Option<ConsentMethod>,
    /// For a minor or a person without capacity: the person whose consent covers them.
    #[serde(default)]
    pub covered_by: Option<Uuid>,
    /// For another reason: the reason in words.
    #[serde(default)]
    pub reason: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for ConsentRec {
    const TABLE: &'static str = "consents";
    const ENTITY: &'static str = "consent";
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

/// What registering a family gave.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    /// The family's id.
    pub family_id: Uuid,
    /// The family's registration number.
    pub family_regno: String,
    /// Each member in the order given, with the number given.
    pub members: Vec<RegisteredMember>,
}

/// One registered member.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredMember {
    /// The person's id.
    pub id: Uuid,
    /// Registration number.
    pub regno: String,
    /// Name as written.
    pub name: String,
    /// Relation to the head.
    pub relation: Relation,
}

/// A person with their documents and consents, as the card shows them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    /// The person.
    pub person: PersonRec,
    /// The family's registration number.
    pub family_regno: String,
    /// Identity documents.
    pub documents: Vec<DocumentRec>,
    /// Consents to processing of personal data and reasons recorded instead, in the order
    /// recorded (the last speaks for the person).
    pub consents: Vec<ConsentRec>,
    /// Withdrawals of consent, in the order recorded.
    #[serde(default)]
    pub withdrawals: Vec<consent::WithdrawalRec>,
    /// Scans and photos of the documents, on the card (not taken off), oldest first.
    #[serde(default)]
    pub scans: Vec<scans::ScanView>,
}

/// A family with all its members.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyView {
    /// The family.
    pub family: FamilyRec,
    /// Members, the head first.
    pub members: Vec<PersonView>,
}

/// How to treat likely duplicates when registering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    /// Refuse with [`StoreError::Duplicates`].
    Refuse,
    /// Register anyway (the clerk has looked and they are different people).
    Allow,
}

impl Store {
    /// Registers a family: validates it, checks for likely duplicates, gives registration numbers
    /// and writes it through the one write path. `today` is the registration date (its year is
    /// the year of the numbers).
    pub fn register_family(
        &mut self,
        ctx: &Context,
        input: &FamilyInput,
        duplicates: Duplicates,
    ) -> Result<Registered> {
        ctx.actor.require(Action::RegisterFamily)?;
        validate_family(input, ctx.today).map_err(StoreError::Invalid)?;
        self.write(ctx, "family.register", |change| {
            register_in(change, ctx.today, input, duplicates)
        })
    }

    /// Registers many families in one transaction (demo data, imports, benchmarks); each family
    /// still gets its own audit rows and events. A taken IIN is always refused.
    pub fn register_families(
        &mut self,
        ctx: &Context,
        inputs: &[FamilyInput],
        duplicates: Duplicates,
    ) -> Result<Vec<Registered>> {
        self.register_many(ctx, inputs, duplicates, validate_family, &mut |_, _| true)
    }

    /// [`Store::register_families`] with the rule of the families' source: an imported list
    /// may leave a consent to be collected, nothing else may. `watch` is told after each family
    /// how many of them are registered; when it answers `false` the transaction is rolled back
    /// and nothing of it is written ([`StoreError::Cancelled`]).
    pub(crate) fn register_many(
        &mut self,
        ctx: &Context,
        inputs: &[FamilyInput],
        duplicates: Duplicates,
        validate: fn(
            &FamilyInput,
            NaiveDate,
        ) -> std::result::Result<(), Vec<otau_core::FieldError>>,
        watch: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<Vec<Registered>> {
        ctx.actor.require(Action::RegisterFamily)?;
        for input in inputs {
            validate(input, ctx.today).map_err(StoreError::Invalid)?;
        }
        self.write(ctx, "family.register", |change| {
            let mut registered = Vec::with_capacity(inputs.len());
            for input in inputs {
                registered.push(register_in(change, ctx.today, input, duplicates)?);
                if !watch(registered.len(), inputs.len()) {
                    return Err(StoreError::Cancelled);
                }
            }
            Ok(registered)
        })
    }

    /// A person by registration number.
    pub fn person(&self, regno: &str) -> Result<PersonView> {
        let regno = normalize_regno(regno)?;
        let person: PersonRec = self
            .conn()
            .query_row("SELECT * FROM persons WHERE regno = ?1", [&regno], from_row)
            .optional()?
            .ok_or(StoreError::NotFound { what: "person", key: regno })?;
        person_view(self.conn(), person)
    }

    /// The family of a person (any member's registration number, or the family's).
    pub fn family(&self, regno: &str) -> Result<FamilyView> {
        let regno = normalize_regno(regno)?;
        let family: Option<FamilyRec> = self
            .conn()
            .query_row(
                "SELECT f.* FROM families f WHERE f.regno = ?1
                 UNION ALL
                 SELECT f.* FROM families f JOIN persons p ON p.family_id = f.id WHERE p.regno = ?1
                 LIMIT 1",
                [&regno],
                from_row,
            )
            .optional()?;
        let family = family.ok_or(StoreError::NotFound { what: "family", key: regno })?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM persons WHERE family_id = ?1
             ORDER BY CASE relation WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END,
                      birth_date, regno",
        )?;
        let persons: Vec<PersonRec> =
            stmt.query_map([family.id.to_string()], from_row)?.collect::<rusqlite::Result<_>>()?;
        let members =
            persons.into_iter().map(|p| person_view(self.conn(), p)).collect::<Result<_>>()?;
        Ok(FamilyView { family, members })
    }

    /// Every IIN in the registry (demo data generation avoids them).
    pub fn registered_iins(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn().prepare("SELECT iin FROM persons WHERE iin IS NOT NULL")?;
        let iins = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(iins.collect::<rusqlite::Result<_>>()?)
    }

    /// Counts of families and persons in the registry.
    pub fn counts(&self) -> Result<(i64, i64)> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT (SELECT COUNT(*) FROM families), (SELECT COUNT(*) FROM persons)",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }
}

fn normalize_regno(regno: &str) -> Result<String> {
    RegNo::parse(regno)
        .map(|r| r.to_string())
        .map_err(|e| StoreError::Invalid(vec![otau_core::FieldError::new("regno", &e)]))
}

pub(crate) fn person_view(conn: &Connection, person: PersonRec) -> Result<PersonView> {
    let family_regno: String = conn
        .prepare_cached("SELECT regno FROM families WHERE id = ?1")?
        .query_row([person.family_id.to_string()], |r| r.get(0))?;
    let pid = person.id.to_string();
    let documents = conn
        .prepare_cached("SELECT * FROM documents WHERE person_id = ?1 ORDER BY issued_on, id")?
        .query_map([&pid], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    // Ids are time-ordered (UUID v7): the order they were recorded in.
    let consents = conn
        .prepare_cached("SELECT * FROM consents WHERE person_id = ?1 ORDER BY id")?
        .query_map([&pid], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let withdrawals = conn
        .prepare_cached("SELECT * FROM consent_withdrawals WHERE person_id = ?1 ORDER BY id")?
        .query_map([&pid], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let scans = scans::scans_of(conn, person.id)?;
    Ok(PersonView { person, family_regno, documents, consents, withdrawals, scans })
}

/// Registers one family inside an open change.
fn register_in(
    change: &mut Change<'_>,
    today: NaiveDate,
    input: &FamilyInput,
    duplicates: Duplicates,
) -> Result<Registered> {
    let tx = change.tx();
    // Likely duplicates first, so the clerk sees every match (a taken IIN among them) at once.
    if duplicates == Duplicates::Refuse {
        let hits: Vec<DuplicateHit> = crate::registry::duplicates::find_in(tx, input)?;
        if !hits.is_empty() {
            return Err(StoreError::Duplicates(hits));
        }
    }
    // A taken IIN is the same person for certain: refused even when duplicates are allowed.
    for member in &input.members {
        if let Some(iin) = clean(&member.iin) {
            let taken: Option<String> = tx
                .prepare_cached("SELECT regno FROM persons WHERE iin = ?1")?
                .query_row([&iin], |r| r.get(0))
                .optional()?;
            if let Some(regno) = taken {
                return Err(StoreError::IinTaken { iin, regno });
            }
        }
    }

    let (office_id, office_code) = crate::office::current_office(tx)?;
    let year = today.year();
    let mut seq = last_seq(tx, &office_code, year)?;
    // The last number this change took from the device's blocks (none are written yet).
    let mut taken = 0;
    let mut next_regno = || -> Result<String> {
        // An enrolled device numbers from its blocks; the office's only device after the last.
        let series = crate::numbers::Series::Regno;
        seq = match crate::numbers::next_from_blocks(tx, series, year, taken)? {
            Some(n) => {
                taken = n;
                u32::try_from(n).map_err(|_| StoreError::SequenceExhausted { year })?
            }
            None => seq + 1,
        };
        let code = OfficeCode::parse(&office_code)
            .map_err(|e| StoreError::Corrupt(format!("office code {office_code}: {e}")))?;
        RegNo::new(code, year, seq)
            .map(|r| r.to_string())
            .map_err(|_| StoreError::SequenceExhausted { year })
    };

    // The head first, so the family carries the head's number.
    let mut order: Vec<usize> = (0..input.members.len()).collect();
    order.sort_by_key(|&i| input.members[i].relation != Relation::Head);
    let numbers: Vec<(usize, String)> =
        order.iter().map(|&i| next_regno().map(|n| (i, n))).collect::<Result<_>>()?;
    let head_regno = numbers.first().map(|(_, n)| n.clone()).unwrap_or_default();

    let mut family = FamilyRec {
        id: Uuid::now_v7(),
        office_id,
        regno: head_regno.clone(),
        registered_on: today,
        arrival_date: input.arrival_date,
        country_of_origin: input.country_of_origin.trim().to_string(),
        region: input.region.trim().to_string(),
        settlement: input.settlement.trim().to_string(),
        accommodation_category: input.accommodation_category,
        address: clean(&input.address),
        version: 0,
    };
    change.insert(&mut family)?;

    let mut members = vec![
        RegisteredMember {
            id: Uuid::nil(),
            regno: String::new(),
            name: String::new(),
            relation: Relation::Head,
        };
        input.members.len()
    ];
    for (i, regno) in numbers {
        let m = &input.members[i];
        let mut person = person_from_input(m, family.id, regno);
        change.insert(&mut person)?;
        if let Some(doc) = &m.document {
            let mut rec = DocumentRec::from_input(doc, Uuid::now_v7(), person.id, 0);
            change.insert(&mut rec)?;
        }
        members[i] = RegisteredMember {
            id: person.id,
            regno: person.regno.clone(),
            name: person.full_name(),
            relation: person.relation,
        };
    }
    // Consents after every person, so a child's reason can name a representative listed later.
    let ids: Vec<Uuid> = members.iter().map(|m| m.id).collect();
    for (i, m) in input.members.iter().enumerate() {
        if let Some(mut rec) = ConsentRec::of_member(m, ids[i], &ids, today) {
            change.insert(&mut rec)?;
        }
    }
    change.refresh_projections()?;
    Ok(Registered { family_id: family.id, family_regno: head_regno, members })
}

fn person_from_input(m: &MemberInput, family_id: Uuid, regno: String) -> PersonRec {
    PersonRec::from_input(m, Uuid::now_v7(), family_id, regno, 0)
}

impl DocumentRec {
    /// The record of an identity document as entered: number trimmed and kept normalised for
    /// search and duplicates, as registration and corrections both keep it.
    pub(crate) fn from_input(
        doc: &DocumentInput,
        id: Uuid,
        person_id: Uuid,
        version: i64,
    ) -> DocumentRec {
        DocumentRec {
            id,
            person_id,
            kind: doc.kind,
            number: doc.number.trim().to_string(),
            number_norm: normalize_document_number(&doc.number),
            issuing_country: doc.issuing_country.trim().to_string(),
            issued_on: doc.issued_on,
            valid_until: doc.valid_until,
            version,
        }
    }
}

impl ConsentRec {
    /// The record of a consent as entered (a new one: consents are only added).
    pub(crate) fn from_input(consent: &ConsentInput, person_id: Uuid) -> ConsentRec {
        let until = consent.term == ConsentTerm::UntilDate;
        ConsentRec {
            id: Uuid::now_v7(),
            person_id,
            given_on: consent.given_on,
            purpose: consent.purpose.trim().to_string(),
            basis: ConsentBasis::Given,
            purpose_code: Some(consent.purpose_code),
            term: Some(consent.term),
            valid_until: consent.valid_until.filter(|_| until),
            method: Some(consent.method),
            covered_by: None,
            reason: None,
            version: 0,
        }
    }

    /// The record of a member's consent or of the reason there is none, recorded on `today`;
    /// `ids` are the family's person ids in the order of the input's members.
    pub(crate) fn of_member(
        m: &MemberInput,
        person_id: Uuid,
        ids: &[Uuid],
        today: NaiveDate,
    ) -> Option<ConsentRec> {
        if let Some(consent) = &m.consent {
            return Some(ConsentRec::from_input(consent, person_id));
        }
        let reason = m.no_consent.as_ref()?;
        Some(ConsentRec {
            id: Uuid::now_v7(),
            person_id,
            given_on: today,
            purpose: String::new(),
            basis: reason.reason.into(),
            purpose_code: None,
            term: None,
            valid_until: None,
            method: None,
            covered_by: reason.covered_by.and_then(|j| ids.get(j).copied()),
            reason: reason
                .note
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from),
            version: 0,
        })
    }
}

impl PersonRec {
    /// The record of a member as entered, normalised the one way registration and corrections
    /// both keep it: names trimmed, blank optional fields absent, the phone in international
    /// form.
    pub(crate) fn from_input(
        m: &MemberInput,
        id: Uuid,
        family_id: Uuid,
        regno: String,
        version: i64,
    ) -> PersonRec {
        PersonRec {
            id,
            family_id,
            regno,
            relation: m.relation,
            surname: m.surname.trim().to_string(),
            given_name: m.given_name.trim().to_string(),
            patronymic: clean(&m.patronymic),
            surname_latin: clean(&m.surname_latin),
            given_name_latin: clean(&m.given_name_latin),
            patronymic_latin: clean(&m.patronymic_latin),
            birth_date: m.birth_date,
            sex: m.sex,
            iin: clean(&m.iin),
            citizenship: clean(&m.citizenship),
            education: m.education,
            phone: m.phone.as_deref().and_then(normalize_phone),
            email: clean(&m.email),
            version,
        }
    }
}

/// A trimmed optional string, `None` when empty.
fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The highest sequence number used by an office in a year (0 if none).
fn last_seq(conn: &Connection, office: &str, year: i32) -> Result<u32> {
    let prefix = format!("{office}-{year}-");
    // Numbers are zero-padded, so the greatest string is the greatest number; the range keeps
    // this an index seek on the unique index of `regno`.
    let max: Option<String> = conn
        .prepare_cached("SELECT MAX(regno) FROM persons WHERE regno >= ?1 AND regno < ?2")?
        .query_row([&prefix, &format!("{office}-{year}.")], |r| r.get(0))?;
    Ok(max.and_then(|m| m.strip_prefix(&prefix).and_then(|s| s.parse::<u32>().ok())).unwrap_or(0))
}
