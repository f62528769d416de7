//! The registration and edit forms as the UI holds them — every field as typed, dates as text —
//! and their translation into the library's inputs (`otau_core::model`).
//!
//! # Design
//! The UI never decides whether a date or a form is valid: it sends what was typed. Dates are
//! read here (`YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY`, `DDMMYYYY`) by `otau_core::dates`. When
//! some dates cannot be read, the rest of the form is still checked by
//! `otau_core::validate::validate_family`, with neutral stand-ins for the unreadable dates and
//! without the problems those stand-ins could cause, so a clerk sees every problem at once.

use chrono::NaiveDate;
use otau_core::consent::ConsentBasis;
use otau_core::model::{
    AccommodationCategory, ConsentInput, ConsentMethod, ConsentPurpose, ConsentTerm, DocumentInput,
    DocumentKind, Education, FamilyInput, MemberInput, NoConsentInput, NoConsentReason, Relation,
    Sex,
};
use otau_core::validate::{validate_family, EARLIEST_BIRTH_DATE};
use otau_core::FieldError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::code;

/// A family as the registration form holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FamilyForm {
    /// Arrival date as typed.
    pub arrival_date: String,
    /// Country of origin (ISO alpha-2), `""` until chosen.
    pub country_of_origin: String,
    /// Region of settlement (ISO 3166-2), `""` until chosen.
    pub region: String,
    /// Settlement as typed.
    pub settlement: String,
    /// Accommodation category, if chosen.
    pub accommodation_category: Option<AccommodationCategory>,
    /// Address as typed.
    pub address: String,
    /// The members, in the order of the form.
    pub members: Vec<MemberForm>,
}

/// One member as the form holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberForm {
    /// Relation to the head.
    pub relation: Relation,
    /// Surname as written (Cyrillic).
    pub surname: String,
    /// Given name as written.
    pub given_name: String,
    /// Patronymic as written.
    pub patronymic: String,
    /// Surname as on the document in Latin letters.
    pub surname_latin: String,
    /// Given name in Latin letters.
    pub given_name_latin: String,
    /// Patronymic in Latin letters.
    pub patronymic_latin: String,
    /// Birth date as typed.
    pub birth_date: String,
    /// Sex, once chosen.
    pub sex: Option<Sex>,
    /// IIN as typed.
    pub iin: String,
    /// Citizenship (ISO alpha-2); `""` means the country of origin.
    pub citizenship: String,
    /// Education, if chosen.
    pub education: Option<Education>,
    /// Identity document; left out when its number and dates are all blank.
    pub document: DocumentForm,
    /// Phone as typed.
    pub phone: String,
    /// E-mail as typed.
    pub email: String,
    /// Consent to the processing of personal data.
    pub consent: ConsentForm,
}

/// The identity document part of a member's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentForm {
    /// Kind of document.
    pub kind: DocumentKind,
    /// Number as printed.
    pub number: String,
    /// Issuing country (ISO alpha-2).
    pub issuing_country: String,
    /// Date of issue as typed.
    pub issued_on: String,
    /// Date of expiry as typed.
    pub valid_until: String,
}

/// The consent part of a member's form: a consent, or instead the reason there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentForm {
    /// What is recorded: a consent (`given`) or a reason; none while nothing is chosen.
    pub basis: Option<ConsentBasis>,
    /// The date it was given, as typed.
    pub given_on: String,
    /// The purpose from the list.
    pub purpose_code: ConsentPurpose,
    /// The purpose in words (required for another purpose).
    pub purpose: String,
    /// The term.
    pub term: ConsentTerm,
    /// The last day, as typed, for a term until a date.
    pub valid_until: String,
    /// How it was given.
    pub method: ConsentMethod,
    /// For a minor or a person without capacity: the member (counting from 0) whose consent
    /// covers them.
    pub covered_by: Option<usize>,
    /// For another reason: the reason in words.
    pub note: String,
}

impl ConsentForm {
    /// A blank consent part: nothing chosen, the usual purpose, term and method.
    pub fn blank() -> ConsentForm {
        ConsentForm {
            basis: None,
            given_on: String::new(),
            purpose_code: ConsentPurpose::Adaptation,
            purpose: String::new(),
            term: ConsentTerm::ProgrammeEnd,
            valid_until: String::new(),
            method: ConsentMethod::SignedForm,
            covered_by: None,
            note: String::new(),
        }
    }

    /// The consent or the reason as the library takes them; problems go to `reading` under
    /// `prefix`. `today` stands in for an unreadable date.
    fn read(
        &self,
        prefix: &str,
        today: NaiveDate,
        reading: &mut Reading,
    ) -> (Option<ConsentInput>, Option<NoConsentInput>) {
        let path = |name: &str| format!("{prefix}{name}");
        match self.basis {
            None => (None, None),
            Some(ConsentBasis::Given) => {
                let given_on =
                    reading.required_date(&path("consent.given_on"), &self.given_on, today);
                let valid_until = if self.term == ConsentTerm::UntilDate {
                    reading.optional_date(&path("consent.valid_until"), &self.valid_until)
                } else {
                    None
                };
                let consent = ConsentInput {
                    given_on,
                    purpose_code: self.purpose_code,
                    purpose: self.purpose.trim().to_owned(),
                    term: self.term,
                    valid_until,
                    method: self.method,
                };
                (Some(consent), None)
            }
            Some(basis) => {
                let reason = basis.reason().unwrap_or(NoConsentReason::Other);
                let covers = matches!(reason, NoConsentReason::Minor | NoConsentReason::NoCapacity);
                let no_consent = NoConsentInput {
                    reason,
                    covered_by: self.covered_by.filter(|_| covers),
                    note: text(&self.note).filter(|_| reason == NoConsentReason::Other),
                };
                (None, Some(no_consent))
            }
        }
    }

    /// The form of a consent or a reason as recorded.
    pub fn from_input(
        consent: Option<&ConsentInput>,
        reason: Option<&NoConsentInput>,
    ) -> ConsentForm {
        let blank = ConsentForm::blank();
        match (consent, reason) {
            (Some(c), _) => ConsentForm {
                basis: Some(ConsentBasis::Given),
                given_on: display_date(c.given_on),
                purpose_code: c.purpose_code,
                purpose: c.purpose.clone(),
                term: c.term,
                valid_until: c.valid_until.map(display_date).unwrap_or_default(),
                method: c.method,
                ..blank
            },
            (None, Some(r)) => ConsentForm {
                basis: Some(r.reason.into()),
                covered_by: r.covered_by,
                note: r.note.clone().unwrap_or_default(),
                ..blank
            },
            (None, None) => blank,
        }
    }

    /// A consent recorded after registration (the card's form), or the problems of reading
    /// it, with paths under `consent.`.
    pub fn to_consent(&self, today: NaiveDate) -> Result<ConsentInput, Vec<FieldError>> {
        let mut reading = Reading::default();
        let given = ConsentForm { basis: Some(ConsentBasis::Given), ..self.clone() };
        let (consent, _) = given.read("", today, &mut reading);
        match consent {
            Some(c) if reading.problems.is_empty() => Ok(c),
            _ => Err(reading.problems),
        }
    }
}

/// Dates are read and shown by the core's one reader (`YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY`,
/// `DDMMYYYY`), the same the command line's forms use.
pub use otau_core::dates::{display_date, read_date as parse_date};

/// Blank text is absent.
fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Collects the problems of reading a form and which checks they make meaningless.
#[derive(Default)]
struct Reading {
    problems: Vec<FieldError>,
    /// Paths whose own problems (from validation over stand-ins) are dropped.
    unreadable: Vec<String>,
    /// `(path, code)` pairs of validation problems that a stand-in could cause.
    unreliable: Vec<(String, &'static str)>,
}

impl Reading {
    /// Reads a required date; `fallback` stands in when it cannot be read.
    fn required_date(&mut self, path: &str, value: &str, fallback: NaiveDate) -> NaiveDate {
        if value.trim().is_empty() {
            self.problems.push(FieldError::bare(path, "value-required"));
            self.unreadable.push(path.to_owned());
            return fallback;
        }
        self.date(path, value).unwrap_or(fallback)
    }

    /// Reads an optional date; `Ok(None)` when blank.
    fn optional_date(&mut self, path: &str, value: &str) -> Option<NaiveDate> {
        if value.trim().is_empty() {
            return None;
        }
        self.date(path, value)
    }

    fn date(&mut self, path: &str, value: &str) -> Option<NaiveDate> {
        let date = parse_date(value);
        if date.is_none() {
            self.problems
                .push(FieldError::bare(path, code::DATE_FORMAT).with_arg("value", value.trim()));
            self.unreadable.push(path.to_owned());
        }
        date
    }

    /// Keeps the validation problems that do not come from a stand-in.
    fn keep(&self, found: Vec<FieldError>) -> Vec<FieldError> {
        found
            .into_iter()
            .filter(|e| !self.unreadable.contains(&e.field))
            .filter(|e| {
                !self.unreliable.iter().any(|(path, code)| e.field == *path && e.code == *code)
            })
            .collect()
    }
}

impl MemberForm {
    /// The member as the library takes it, reading dates; problems go to `reading` under
    /// `prefix` (`members[2].` in a family, `""` alone). `arrival` stands in for an unreadable
    /// consent date.
    fn read(&self, prefix: &str, today: NaiveDate, reading: &mut Reading) -> MemberInput {
        let path = |name: &str| format!("{prefix}{name}");
        let birth_date =
            reading.required_date(&path("birth_date"), &self.birth_date, EARLIEST_BIRTH_DATE);
        if reading.unreadable.contains(&path("birth_date")) {
            reading.unreliable.push((path("iin"), "iin-birth-date-mismatch"));
            reading.unreliable.push((path("document.issued_on"), "document-issued-before-birth"));
        }
        let sex = match self.sex {
            Some(sex) => sex,
            None => {
                reading.problems.push(FieldError::bare(path("sex"), "value-required"));
                reading.unreliable.push((path("iin"), "iin-sex-mismatch"));
                Sex::Male
            }
        };
        let d = &self.document;
        let issued_on = reading.optional_date(&path("document.issued_on"), &d.issued_on);
        let valid_until = reading.optional_date(&path("document.valid_until"), &d.valid_until);
        let document_blank =
            [&d.number, &d.issued_on, &d.valid_until].iter().all(|s| s.trim().is_empty());
        let document = (!document_blank).then(|| DocumentInput {
            kind: d.kind,
            number: d.number.trim().to_owned(),
            issuing_country: d.issuing_country.trim().to_owned(),
            issued_on,
            valid_until,
        });
        let (consent, no_consent) = self.consent.read(prefix, today, reading);
        MemberInput {
            relation: self.relation,
            surname: self.surname.trim().to_owned(),
            given_name: self.given_name.trim().to_owned(),
            patronymic: text(&self.patronymic),
            surname_latin: text(&self.surname_latin),
            given_name_latin: text(&self.given_name_latin),
            patronymic_latin: text(&self.patronymic_latin),
            birth_date,
            sex,
            iin: text(&self.iin),
            citizenship: text(&self.citizenship),
            education: self.education,
            document,
            phone: text(&self.phone),
            email: text(&self.email),
            consent,
            no_consent,
        }
    }

    /// The member alone as the library takes it (the edit form), or the problems of reading
    /// its dates and choices, with paths relative to the member (`birth_date`).
    pub fn to_input(&self, today: NaiveDate) -> Result<MemberInput, Vec<FieldError>> {
        let mut reading = Reading::default();
        let input = self.read("", today, &mut reading);
        if reading.problems.is_empty() {
            Ok(input)
        } else {
            Err(reading.problems)
        }
    }

    /// The form of a member as recorded (to prefill the edit form).
    pub fn from_input(m: &MemberInput) -> MemberForm {
        let or_blank = |s: &Option<String>| s.clone().unwrap_or_default();
        let date = |d: Option<NaiveDate>| d.map(display_date).unwrap_or_default();
        MemberForm {
            relation: m.relation,
            surname: m.surname.clone(),
            given_name: m.given_name.clone(),
            patronymic: or_blank(&m.patronymic),
            surname_latin: or_blank(&m.surname_latin),
            given_name_latin: or_blank(&m.given_name_latin),
            patronymic_latin: or_blank(&m.patronymic_latin),
            birth_date: display_date(m.birth_date),
            sex: Some(m.sex),
            iin: or_blank(&m.iin),
            citizenship: or_blank(&m.citizenship),
            education: m.education,
            document: match &m.document {
                Some(d) => DocumentForm {
                    kind: d.kind,
                    number: d.number.clone(),
                    issuing_country: d.issuing_country.clone(),
                    issued_on: date(d.issued_on),
                    valid_until: date(d.valid_until),
                },
                None => DocumentForm {
                    kind: DocumentKind::Passport,
                    number: String::new(),
                    issuing_country: String::new(),
                    issued_on: String::new(),
                    valid_until: String::new(),
                },
            },
            phone: or_blank(&m.phone),
            email: or_blank(&m.email),
            consent: ConsentForm::from_input(m.consent.as_ref(), m.no_consent.as_ref()),
        }
    }
}

/// A family form read into the library's input, with what could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadFamily {
    /// The input, with neutral stand-ins for unreadable dates.
    pub input: FamilyInput,
    /// Every problem found: reading the form and validating the rest of it.
    pub problems: Vec<FieldError>,
    /// Whether every date and choice could be read (then `problems` are the library's own).
    pub readable: bool,
}

impl FamilyForm {
    /// Reads the form and checks it with the registration rules on `today`.
    pub fn check(&self, today: NaiveDate) -> ReadFamily {
        let mut reading = Reading::default();
        let arrival_date = reading.required_date("arrival_date", &self.arrival_date, today);
        if reading.unreadable.iter().any(|p| p == "arrival_date") {
            for i in 0..self.members.len() {
                reading
                    .unreliable
                    .push((format!("members[{i}].birth_date"), "birth-after-arrival"));
            }
        }
        let members = self
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| m.read(&format!("members[{i}]."), today, &mut reading))
            .collect();
        let input = FamilyInput {
            arrival_date,
            country_of_origin: self.country_of_origin.trim().to_owned(),
            region: self.region.trim().to_owned(),
            settlement: self.settlement.trim().to_owned(),
            accommodation_category: self.accommodation_category,
            address: text(&self.address),
            members,
        };
        let readable = reading.problems.is_empty();
        let mut problems = reading.problems.clone();
        if let Err(found) = validate_family(&input, today) {
            problems.extend(reading.keep(found));
        }
        // In the order of the form: family fields first, then each member's.
        problems.sort_by_key(|e| form_order(&e.field));
        ReadFamily { input, problems, readable }
    }
}

/// Sort key putting problems in the order the form shows the fields.
fn form_order(path: &str) -> (usize, usize) {
    const FAMILY: [&str; 7] = [
        "arrival_date",
        "country_of_origin",
        "region",
        "settlement",
        "accommodation_category",
        "address",
        "members",
    ];
    const MEMBER: [&str; 29] = [
        "relation",
        "surname",
        "given_name",
        "patronymic",
        "surname_latin",
        "given_name_latin",
        "patronymic_latin",
        "birth_date",
        "sex",
        "iin",
        "citizenship",
        "education",
        "document.kind",
        "document.number",
        "document.issuing_country",
        "document.issued_on",
        "document.valid_until",
        "phone",
        "email",
        "consent",
        "consent.given_on",
        "consent.purpose_code",
        "consent.purpose",
        "consent.term",
        "consent.valid_until",
        "consent.method",
        "no_consent.reason",
        "no_consent.covered_by",
        "no_consent.note",
    ];
    if let Some(rest) = path.strip_prefix("members[") {
        let (index, field) = rest.split_once("].").unwrap_or((rest.trim_end_matches(']'), ""));
        let index = index.parse().unwrap_or(0);
        let field = MEMBER.iter().position(|f| *f == field).unwrap_or(MEMBER.len());
        return (FAMILY.len() + index, field);
    }
    (FAMILY.iter().position(|f| *f == path).unwrap_or(FAMILY.len()), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    fn today() -> NaiveDate {
        d("2026-11-25")
    }

    pub(crate) fn member(
        relation: Relation,
        surname: &str,
        given: &str,
        birth: &str,
    ) -> MemberForm {
        MemberForm {
            relation,
            surname: surname.into(),
            given_name: given.into(),
            patronymic: String::new(),
            surname_latin: String::new(),
            given_name_latin: String::new(),
            patronymic_latin: String::new(),
            birth_date: birth.into(),
            sex: Some(Sex::Male),
            iin: String::new(),
            citizenship: String::new(),
            education: None,
            document: DocumentForm {
                kind: DocumentKind::Passport,
                number: String::new(),
                issuing_country: String::new(),
                issued_on: String::new(),
                valid_until: String::new(),
            },
            phone: String::new(),
            email: String::new(),
            consent: ConsentForm {
                basis: Some(ConsentBasis::Given),
                given_on: "14.09.2026".into(),
                ..ConsentForm::blank()
            },
        }
    }

    fn family(members: Vec<MemberForm>) -> FamilyForm {
        FamilyForm {
            arrival_date: "14.09.2026".into(),
            country_of_origin: "UZ".into(),
            region: "KZ-55".into(),
            settlement: "Павлодар".into(),
            accommodation_category: None,
            address: String::new(),
            members,
        }
    }

    fn codes(problems: &[FieldError]) -> Vec<(String, String)> {
        problems.iter().map(|e| (e.field.clone(), e.code.clone())).collect()
    }

    #[test]
    fn dates_are_read_in_the_ways_clerks_type_them() {
        for text in ["1985-04-12", "12.04.1985", " 12.4.1985 ", "12/04/1985", "12041985"] {
            assert_eq!(parse_date(text), Some(d("1985-04-12")), "{text}");
        }
        for text in ["", "12.04.85", "31.02.2020", "1985-4-12x", "12-04-1985", "hello", "1.1.0200"]
        {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(display_date(d("2026-09-04")), "04.09.2026");
    }

    #[test]
    fn a_readable_form_becomes_the_library_input() {
        let mut head = member(Relation::Head, " Сейітқали ", "Нұрсұлтан", "12.04.1985");
        head.document.number = "FA2233445".into();
        head.document.issuing_country = "UZ".into();
        head.consent.given_on = "2026-09-14".into();
        head.consent.purpose = "Бейімдеу".into();
        let read = family(vec![head]).check(today());
        assert!(read.readable);
        assert_eq!(read.problems, vec![]);
        let m = &read.input.members[0];
        assert_eq!(m.surname, "Сейітқали");
        assert_eq!(m.birth_date, d("1985-04-12"));
        assert_eq!(m.patronymic, None);
        assert_eq!(m.document.as_ref().map(|doc| doc.number.as_str()), Some("FA2233445"));
        assert_eq!(m.consent.as_ref().map(|c| c.given_on), Some(d("2026-09-14")));
        assert_eq!(read.input.arrival_date, d("2026-09-14"));
    }

    #[test]
    fn a_blank_document_is_left_out_and_a_blank_consent_refused_naming_the_person() {
        let mut head = member(Relation::Head, "Сейітқали", "Нұрсұлтан", "1985-04-12");
        head.consent = ConsentForm::blank();
        let read = family(vec![head]).check(today());
        assert_eq!(read.input.members[0].document, None);
        assert_eq!(read.input.members[0].consent, None);
        assert_eq!(
            codes(&read.problems),
            [("members[0].consent".to_owned(), "consent-required".to_owned())]
        );
        assert_eq!(
            read.problems[0].args.get("name").map(String::as_str),
            Some("Сейітқали Нұрсұлтан")
        );
    }

    #[test]
    fn a_child_reads_as_covered_by_the_member_chosen_and_a_term_until_a_date_needs_it() {
        let mut head = member(Relation::Head, "Сейітқали", "Нұрсұлтан", "1985-04-12");
        head.consent.term = ConsentTerm::UntilDate;
        head.consent.valid_until = "31.12.2030".into();
        let mut child = member(Relation::Child, "Сейітқали", "Ұлжан", "2014-02-27");
        child.consent = ConsentForm {
            basis: Some(ConsentBasis::Minor),
            covered_by: Some(0),
            note: "not kept for a minor".into(),
            ..ConsentForm::blank()
        };
        let read = family(vec![head, child]).check(today());
        assert_eq!(read.problems, vec![]);
        let m = &read.input.members;
        assert_eq!(m[0].consent.as_ref().and_then(|c| c.valid_until), Some(d("2030-12-31")));
        assert_eq!(
            m[1].no_consent,
            Some(NoConsentInput {
                reason: NoConsentReason::Minor,
                covered_by: Some(0),
                note: None
            })
        );
        // Back to the form as recorded, and unchanged when read again.
        assert_eq!(MemberForm::from_input(&m[1]).consent.covered_by, Some(0));
        let mut blank_until =
            family(vec![member(Relation::Head, "Сейітқали", "Нұрсұлтан", "1985-04-12")]);
        blank_until.members[0].consent.term = ConsentTerm::UntilDate;
        assert_eq!(
            codes(&blank_until.check(today()).problems),
            [("members[0].consent.valid_until".to_owned(), "value-required".to_owned())]
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_even_with_unreadable_dates() {
        let mut head = member(Relation::Head, "Сейітқали", "", "12.13.1985");
        head.iin = "850412310211".into();
        head.sex = None;
        let child = member(Relation::Child, "Сейітқали", "Әлия", "2015-02-30");
        let mut form = family(vec![head, child]);
        form.arrival_date = "yesterday".into();
        form.region = "KZ-99".into();
        let read = form.check(today());
        assert!(!read.readable);
        assert_eq!(
            codes(&read.problems),
            [
                ("arrival_date", "desk-date-format"),
                ("region", "region-unknown"),
                ("members[0].given_name", "value-required"),
                ("members[0].birth_date", "desk-date-format"),
                ("members[0].sex", "value-required"),
                ("members[1].birth_date", "desk-date-format"),
            ]
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
        );
        assert_eq!(read.problems[0].args.get("value").map(String::as_str), Some("yesterday"));
    }

    #[test]
    fn blank_required_dates_are_asked_for() {
        let mut form = family(vec![member(Relation::Head, "Сейітқали", "Нұрсұлтан", " ")]);
        form.arrival_date = String::new();
        let read = form.check(today());
        assert_eq!(
            codes(&read.problems),
            [("arrival_date", "value-required"), ("members[0].birth_date", "value-required")]
                .map(|(f, c)| (f.to_owned(), c.to_owned()))
        );
    }

    #[test]
    fn the_iin_is_still_checked_against_a_readable_birth_date() {
        let mut head = member(Relation::Head, "Сейітқали", "Нұрсұлтан", "13.04.1985");
        head.iin = "850412310211".into();
        let read = family(vec![head]).check(today());
        assert!(read.readable);
        assert_eq!(
            codes(&read.problems),
            [("members[0].iin".to_owned(), "iin-birth-date-mismatch".to_owned())]
        );
    }

    #[test]
    fn a_member_alone_reads_with_paths_of_its_own() {
        let mut m = member(Relation::Head, "Сейітқали", "Нұрсұлтан", "1985-04-12");
        m.document.number = "FA2233445".into();
        m.document.issued_on = "20.05.2019".into();
        m.document.valid_until = "19.05.29".into();
        let problems = m.to_input(today()).err().unwrap_or_default();
        assert_eq!(
            codes(&problems),
            [("document.valid_until".to_owned(), "desk-date-format".to_owned())]
        );
        m.document.valid_until = "19.05.2029".into();
        let input = m.to_input(today()).ok();
        assert_eq!(
            input.as_ref().and_then(|i| i.document.as_ref()).and_then(|doc| doc.valid_until),
            Some(d("2029-05-19"))
        );
        assert_eq!(
            input.map(|i| MemberForm::from_input(&i)).map(|f| f.document.issued_on),
            Some("20.05.2019".to_owned())
        );
    }
}
