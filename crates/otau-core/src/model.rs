//! The registry's records as they come in from a clerk, a file or the network.
//!
//! These are the *input* shapes (what `otau family add --file` and the registration form send);
//! the JSON format of a family file is exactly their serde form (snake_case, dates `YYYY-MM-DD`).
//! The store keeps the validated records and adds ids, registration numbers and versions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Sex as recorded on the identity document (and encoded in the IIN).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Male.
    Male,
    /// Female.
    Female,
}

/// A member's relation to the head of the family.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The head of the family (exactly one per family).
    Head,
    /// Wife or husband of the head.
    Spouse,
    /// Son or daughter.
    Child,
    /// Mother or father.
    Parent,
    /// Brother or sister.
    Sibling,
    /// Grandchild.
    Grandchild,
    /// Grandmother or grandfather.
    Grandparent,
    /// Son- or daughter-in-law.
    ChildInLaw,
    /// Any other relative.
    OtherRelative,
}

/// Highest education, in the groups the ministry reports on.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// Higher education.
    Higher,
    /// Secondary vocational (technical and vocational).
    SecondaryVocational,
    /// General secondary school.
    GeneralSecondary,
    /// No formal education (or a child not yet at school).
    None,
}

/// Accommodation category of an arriving family (2024 concept).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccommodationCategory {
    /// At an employer's request.
    EmployerRequest,
    /// Family reunification: parents or children arrived earlier.
    FamilyReunification,
    /// A region inviting settlers to a settlement with development potential.
    RegionInvites,
    /// A region determined by the Government (with a social package).
    GovernmentRegion,
}

/// Kind of identity document.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A foreign (or Kazakh) passport.
    Passport,
    /// A birth certificate.
    BirthCertificate,
    /// A national identity card.
    IdCard,
    /// A Kazakh residence permit.
    ResidencePermit,
    /// A stateless person's certificate.
    StatelessCertificate,
    /// Any other document.
    Other,
}

/// An identity document's details (paper copies are not collected: the details are).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInput {
    /// Kind of document.
    pub kind: DocumentKind,
    /// Number as printed, series included (`I-ТШ 0456789`, `FA2233445`).
    pub number: String,
    /// ISO 3166-1 alpha-2 code of the issuing country.
    pub issuing_country: String,
    /// Date of issue.
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// Date of expiry, if the document has one.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
}

/// What a consent to the processing of personal data is for (Law No. 94-V, art. 8: a consent
/// names its purpose). The list is short; `purpose` text says more, and is required for
/// [`ConsentPurpose::Other`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentPurpose {
    /// Adaptation and integration services of the programme (the centre's whole case work).
    #[default]
    Adaptation,
    /// The kandas status and inclusion in the regional quota.
    StatusAndQuota,
    /// State support: subsidies and their payment.
    StateSupport,
    /// Referrals to employment and training.
    Employment,
    /// Another purpose, written out.
    Other,
}

/// How long a consent lasts.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentTerm {
    /// Until the end of the adaptation programme (the purpose achieved): what the centre's
    /// paper form says; it has no date of its own and ends by a withdrawal.
    #[default]
    ProgrammeEnd,
    /// Until a date (`valid_until`, the last day it holds).
    UntilDate,
}

/// How a consent (or its withdrawal) was given.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethod {
    /// A paper form signed by the person.
    #[default]
    SignedForm,
    /// An electronic digital signature (EDS).
    Eds,
    /// Given by the person's legal representative.
    Representative,
}

/// A person's consent to the processing of personal data (Law No. 94-V): its purpose, the date
/// given, its term and how it was given.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentInput {
    /// The date the consent was given.
    pub given_on: NaiveDate,
    /// The purpose, from the short list.
    #[serde(default)]
    pub purpose_code: ConsentPurpose,
    /// The purpose in words: more about it, required for [`ConsentPurpose::Other`].
    #[serde(default)]
    pub purpose: String,
    /// The term.
    #[serde(default)]
    pub term: ConsentTerm,
    /// The last day it holds, for [`ConsentTerm::UntilDate`].
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// How it was given.
    #[serde(default)]
    pub method: ConsentMethod,
}

impl ConsentInput {
    /// The centre's consent form signed on `given_on`: the programme's purposes, until its end.
    pub fn signed_form(given_on: NaiveDate) -> ConsentInput {
        ConsentInput {
            given_on,
            purpose_code: ConsentPurpose::Adaptation,
            purpose: String::new(),
            term: ConsentTerm::ProgrammeEnd,
            valid_until: None,
            method: ConsentMethod::SignedForm,
        }
    }
}

/// Why a person has no consent of their own, recorded instead of one.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoConsentReason {
    /// A minor (under 18), covered by a representative's consent in the same family.
    Minor,
    /// A person without legal capacity, covered by a representative's consent in the family.
    NoCapacity,
    /// Another reason, written out.
    Other,
    /// Consent still to be collected: only an imported list leaves it so.
    ToCollect,
}

/// The explicit reason a person has no consent of their own.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoConsentInput {
    /// The reason.
    pub reason: NoConsentReason,
    /// For a minor or a person without capacity: the member (counting from 0 in the family's
    /// list) whose consent covers them.
    #[serde(default)]
    pub covered_by: Option<usize>,
    /// For another reason: the reason in words.
    #[serde(default)]
    pub note: Option<String>,
}

impl NoConsentInput {
    /// A minor covered by the consent of member `member` (counting from 0) of the family.
    pub fn minor_covered_by(member: usize) -> NoConsentInput {
        NoConsentInput { reason: NoConsentReason::Minor, covered_by: Some(member), note: None }
    }
}

/// One member of a family, as entered.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInput {
    /// Relation to the head.
    pub relation: Relation,
    /// Surname as written (Kazakh Cyrillic).
    pub surname: String,
    /// Given name as written.
    pub given_name: String,
    /// Patronymic as written, absent for many.
    #[serde(default)]
    pub patronymic: Option<String>,
    /// Surname exactly as on the document in Latin letters.
    #[serde(default)]
    pub surname_latin: Option<String>,
    /// Given name exactly as on the document in Latin letters.
    #[serde(default)]
    pub given_name_latin: Option<String>,
    /// Patronymic in Latin letters, if on the document.
    #[serde(default)]
    pub patronymic_latin: Option<String>,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: Sex,
    /// IIN, optional on arrival (required before any payment).
    #[serde(default)]
    pub iin: Option<String>,
    /// Citizenship (ISO alpha-2) if any; absent means the family's country of origin.
    #[serde(default)]
    pub citizenship: Option<String>,
    /// Highest education.
    #[serde(default)]
    pub education: Option<Education>,
    /// Identity document.
    #[serde(default)]
    pub document: Option<DocumentInput>,
    /// Phone number in international form (`+77015551234`).
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Consent to the processing of personal data. Registration requires it or `no_consent`.
    #[serde(default)]
    pub consent: Option<ConsentInput>,
    /// Instead of a consent: why there is none (a representative's covers the person, or
    /// another reason).
    #[serde(default)]
    pub no_consent: Option<NoConsentInput>,
}

/// A family (household) arriving together, as entered: the format of `otau family add --file`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyInput {
    /// Date of arrival in Kazakhstan (or at the centre).
    pub arrival_date: NaiveDate,
    /// ISO 3166-1 alpha-2 code of the country of origin.
    pub country_of_origin: String,
    /// ISO 3166-2 code of the region of settlement (`KZ-55`).
    pub region: String,
    /// Settlement (town or village) as written.
    pub settlement: String,
    /// Accommodation category.
    #[serde(default)]
    pub accommodation_category: Option<AccommodationCategory>,
    /// Postal address in Kazakhstan, if known.
    #[serde(default)]
    pub address: Option<String>,
    /// The members, the head among them.
    pub members: Vec<MemberInput>,
}
