//! Validation of a family as entered: every rule in one place, every problem found at once, each
//! naming its field (`members[1].iin`) and a code that says what to fix.
//!
//! # Design
//! [`validate_family`] never stops at the first problem: a clerk fixes a whole form in one go.
//! Optional text fields that are blank count as absent (forms send `""`). The rules are only
//! those of the registration form; entitlements (quota, payments) check more elsewhere.

use crate::code::{Coded, FieldError};
use crate::consent::ADULT_AGE;
use crate::dates::age_on;
use crate::dates::ymd;
use crate::iin::Iin;
use crate::model::{
    ConsentInput, ConsentPurpose, ConsentTerm, DocumentInput, DocumentKind, FamilyInput,
    MemberInput, NoConsentReason, Relation, Sex,
};
use crate::names::is_latin;
use crate::regions;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::RangeInclusive;
use unicode_normalization::UnicodeNormalization;

/// No one registered can be born before this date.
pub const EARLIEST_BIRTH_DATE: NaiveDate = ymd(1900, 1, 1);
/// No one arrives before independence (16 December 1991).
pub const EARLIEST_ARRIVAL_DATE: NaiveDate = ymd(1991, 12, 16);
/// Length of a document number after [`normalize_document_number`].
pub const DOCUMENT_NUMBER_LEN: RangeInclusive<usize> = 5..=20;
/// Length of a passport number after [`normalize_document_number`].
pub const PASSPORT_NUMBER_LEN: RangeInclusive<usize> = 6..=12;
/// Number of digits in a phone number in international form, country code included.
pub const PHONE_DIGITS: RangeInclusive<usize> = 10..=15;

/// The longest name (surname, given name, patronymic, as written or in Latin letters) and
/// settlement, in characters: several times any real one, short enough to print and search.
pub const NAME_MAX_CHARS: usize = 100;
/// The longest free text (an address, the purpose of a consent), in characters.
pub const FREE_TEXT_MAX_CHARS: usize = 1_000;
/// The longest code or number field (country, region, IIN, phone, document number), in
/// characters: their formats are shorter still, and checked after this.
pub const CODE_MAX_CHARS: usize = 64;
/// The longest e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX_CHARS: usize = 254;

/// The longest value of every text field of a family, by the field's name (the last part of its
/// path: `members[1].document.number` → `number`), in characters after trimming. The one table
/// the form, the import and editing share; a field not named here takes [`FREE_TEXT_MAX_CHARS`].
pub const TEXT_LIMITS: &[(&str, usize)] = &[
    ("surname", NAME_MAX_CHARS),
    ("given_name", NAME_MAX_CHARS),
    ("patronymic", NAME_MAX_CHARS),
    ("surname_latin", NAME_MAX_CHARS),
    ("given_name_latin", NAME_MAX_CHARS),
    ("patronymic_latin", NAME_MAX_CHARS),
    ("settlement", NAME_MAX_CHARS),
    ("address", FREE_TEXT_MAX_CHARS),
    ("purpose", FREE_TEXT_MAX_CHARS),
    ("note", FREE_TEXT_MAX_CHARS),
    ("country_of_origin", CODE_MAX_CHARS),
    ("region", CODE_MAX_CHARS),
    ("citizenship", CODE_MAX_CHARS),
    ("issuing_country", CODE_MAX_CHARS),
    ("iin", CODE_MAX_CHARS),
    ("number", CODE_MAX_CHARS),
    ("phone", CODE_MAX_CHARS),
    ("email", EMAIL_MAX_CHARS),
];

/// The longest value of a field, from [`TEXT_LIMITS`] by the last part of its path.
pub fn text_limit(path: &str) -> usize {
    let name = path.rsplit('.').next().unwrap_or(path);
    TEXT_LIMITS.iter().find(|(n, _)| *n == name).map_or(FREE_TEXT_MAX_CHARS, |(_, max)| *max)
}

/// Whether a character may never be stored in a text field: C0 and C1 control characters
/// (NUL and the escape that starts a terminal's control sequence among them), DEL, and the
/// bidirectional embeddings, overrides and isolates that make text read other than it is stored.
pub fn is_forbidden_in_text(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The problem of a text field's value (trimmed, as it is stored), if any: too long for
/// `path` ([`text_limit`]) or holding a character that is never stored.
pub fn text_problem(path: &str, value: &str) -> Option<Problem> {
    let value = value.trim();
    let max = text_limit(path);
    let found = value.chars().count();
    if found > max {
        return Some(Problem::TooLong { max, found });
    }
    let c = value.chars().find(|&c| is_forbidden_in_text(c))?;
    Some(if c.is_control() {
        Problem::ControlCharacter { code_point: u32::from(c) }
    } else {
        Problem::DirectionControl { code_point: u32::from(c) }
    })
}

/// One problem with one field of a family. [`FieldError::new`] pairs it with the field's path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A required field is empty.
    #[error("required")]
    Required,
    /// The family has no members.
    #[error("a family has at least one member")]
    NoMembers,
    /// No member is the head.
    #[error("no member is the head of the family")]
    NoHead,
    /// More than one member is the head.
    #[error("{count} members are the head of the family")]
    SeveralHeads {
        /// How many heads there are.
        count: usize,
    },
    /// A Latin-letter field has a character that is not a Latin letter, space, hyphen or
    /// apostrophe.
    #[error("{found:?} is not a Latin letter")]
    NotLatin {
        /// The first such character.
        found: char,
    },
    /// A name has no letter at all.
    #[error("a name has at least one letter")]
    NoLetters,
    /// A date is later than today.
    #[error("the date is after today ({today})")]
    InFuture {
        /// Today, as the check saw it.
        today: NaiveDate,
    },
    /// Born after the family's arrival.
    #[error("born after the arrival date ({arrival_date})")]
    BornAfterArrival {
        /// The family's arrival date.
        arrival_date: NaiveDate,
    },
    /// Born before [`EARLIEST_BIRTH_DATE`].
    #[error("born before {EARLIEST_BIRTH_DATE}")]
    BornTooEarly,
    /// Arrived before [`EARLIEST_ARRIVAL_DATE`].
    #[error("arrived before {EARLIEST_ARRIVAL_DATE}")]
    ArrivalTooEarly,
    /// The IIN's date of birth is not the date of birth entered.
    #[error("the IIN gives the date of birth {iin_birth_date}, {birth_date} is entered")]
    IinBirthDateMismatch {
        /// The date of birth the IIN encodes.
        iin_birth_date: NaiveDate,
        /// The date of birth entered.
        birth_date: NaiveDate,
    },
    /// The IIN's sex is not the sex entered.
    #[error("the IIN gives the sex {iin_sex:?}")]
    IinSexMismatch {
        /// The sex the IIN encodes.
        iin_sex: Sex,
    },
    /// Another member of the family has the same IIN.
    #[error("member {other_number} has the same IIN")]
    IinDuplicate {
        /// The other member's number, counting from 1.
        other_number: usize,
    },
    /// Another member of the family has the same document number.
    #[error("member {other_number} has the same document number")]
    DocumentDuplicate {
        /// The other member's number, counting from 1.
        other_number: usize,
    },
    /// Not two uppercase Latin letters.
    #[error("{value:?} is not a country code")]
    CountryCode {
        /// The value entered.
        value: String,
    },
    /// Not one of the 20 region codes.
    #[error("{value:?} is not a region of Kazakhstan")]
    RegionUnknown {
        /// The value entered.
        value: String,
    },
    /// A document number is not 5–20 letters and digits.
    #[error("a document number has 5 to 20 letters and digits")]
    DocumentNumber,
    /// A passport number is not 6–12 Latin letters and digits.
    #[error("a passport number has 6 to 12 Latin letters and digits")]
    PassportNumber,
    /// The document was issued before its holder was born.
    #[error("issued before the date of birth ({birth_date})")]
    IssuedBeforeBirth {
        /// The holder's date of birth.
        birth_date: NaiveDate,
    },
    /// The expiry date is not after the date of issue.
    #[error("valid until a date not after the date of issue ({issued_on})")]
    ValidUntilNotAfterIssue {
        /// The date of issue.
        issued_on: NaiveDate,
    },
    /// Not `+` and 10–15 digits.
    #[error("not a phone number in international form")]
    Phone,
    /// Not an e-mail address.
    #[error("not an e-mail address")]
    Email,
    /// Longer than [`text_limit`] allows.
    #[error("{found} characters, at most {max}")]
    TooLong {
        /// The longest value the field takes, in characters.
        max: usize,
        /// The length of the value, in characters.
        found: usize,
    },
    /// A control character (C0, C1, DEL), which no name, address or number has.
    #[error("control character U+{code_point:04X}")]
    ControlCharacter {
        /// The first such character's code point.
        code_point: u32,
    },
    /// A bidirectional embedding, override or isolate, which makes text read other than it is.
    #[error("text direction control U+{code_point:04X}")]
    DirectionControl {
        /// The first such character's code point.
        code_point: u32,
    },
    /// A member has neither a consent nor a reason why not.
    #[error("member {number} ({name}) has no consent and no reason why not")]
    ConsentRequired {
        /// The member's number, counting from 1.
        number: usize,
        /// The member's name as entered (empty when the name itself was refused).
        name: String,
    },
    /// A member has both a consent and a reason why there is none.
    #[error("a consent and a reason why there is none")]
    ConsentAndReason,
    /// A consent's last day is before the day it was given.
    #[error("valid until a date before it was given ({given_on})")]
    ConsentUntilBeforeGiven {
        /// The day it was given.
        given_on: NaiveDate,
    },
    /// "A minor" for a person of 18 or more.
    #[error("not a minor: {age} years old")]
    NotAMinor {
        /// Their age today.
        age: u32,
    },
    /// The member said to cover this one is not another member of the family.
    #[error("no member {number} in the family")]
    CoverUnknown {
        /// The number given, counting from 1.
        number: usize,
    },
    /// The member said to cover this one has no consent of their own.
    #[error("member {number} has no consent of their own")]
    CoverWithoutConsent {
        /// Their number, counting from 1.
        number: usize,
    },
    /// The member said to cover this one is a minor.
    #[error("member {number} is a minor")]
    CoverIsMinor {
        /// Their number, counting from 1.
        number: usize,
    },
    /// "Consent to be collected" outside an imported list.
    #[error("consent to be collected is only for imported lists")]
    ToCollectOnlyImported,
}

impl Coded for Problem {
    fn code(&self) -> &'static str {
        match self {
            Problem::Required => "value-required",
            Problem::NoMembers => "family-no-members",
            Problem::NoHead => "family-no-head",
            Problem::SeveralHeads { .. } => "family-several-heads",
            Problem::NotLatin { .. } => "name-not-latin",
            Problem::NoLetters => "name-no-letters",
            Problem::InFuture { .. } => "date-in-future",
            Problem::BornAfterArrival { .. } => "birth-after-arrival",
            Problem::BornTooEarly => "birth-date-too-early",
            Problem::ArrivalTooEarly => "arrival-date-too-early",
            Problem::IinBirthDateMismatch { .. } => "iin-birth-date-mismatch",
            Problem::IinSexMismatch { .. } => "iin-sex-mismatch",
            Problem::IinDuplicate { .. } => "iin-duplicate",
            Problem::DocumentDuplicate { .. } => "document-duplicate",
            Problem::CountryCode { .. } => "country-code-format",
            Problem::RegionUnknown { .. } => "region-unknown",
            Problem::DocumentNumber => "document-number-format",
            Problem::PassportNumber => "passport-number-format",
            Problem::IssuedBeforeBirth { .. } => "document-issued-before-birth",
            Problem::ValidUntilNotAfterIssue { .. } => "document-valid-until-before-issue",
            Problem::Phone => "phone-format",
            Problem::Email => "email-format",
            Problem::TooLong { .. } => "text-too-long",
            Problem::ControlCharacter { .. } => "text-control-character",
            Problem::DirectionControl { .. } => "text-direction-control",
            Problem::ConsentRequired { .. } => "consent-required",
            Problem::ConsentAndReason => "consent-and-reason",
            Problem::ConsentUntilBeforeGiven { .. } => "consent-until-before-given",
            Problem::NotAMinor { .. } => "consent-not-a-minor",
            Problem::CoverUnknown { .. } => "consent-cover-unknown",
            Problem::CoverWithoutConsent { .. } => "consent-cover-without-consent",
            Problem::CoverIsMinor { .. } => "consent-cover-minor",
            Problem::ToCollectOnlyImported => "consent-to-collect-import-only",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let args: Vec<(&str, String)> = match self {
            Problem::SeveralHeads { count } => vec![("count", count.to_string())],
            Problem::NotLatin { found } => vec![("char", found.to_string())],
            Problem::InFuture { today } => vec![("today", today.to_string())],
            Problem::BornAfterArrival { arrival_date } => {
                vec![("arrival_date", arrival_date.to_string())]
            }
            Problem::BornTooEarly => vec![("min", EARLIEST_BIRTH_DATE.to_string())],
            Problem::ArrivalTooEarly => vec![("min", EARLIEST_ARRIVAL_DATE.to_string())],
            Problem::IinBirthDateMismatch { iin_birth_date, birth_date } => vec![
                ("iin_birth_date", iin_birth_date.to_string()),
                ("birth_date", birth_date.to_string()),
            ],
            Problem::IinSexMismatch { iin_sex } => vec![(
                "iin_sex",
                match iin_sex {
                    Sex::Male => "male",
                    Sex::Female => "female",
                }
                .to_string(),
            )],
            Problem::IinDuplicate { other_number }
            | Problem::DocumentDuplicate { other_number } => {
                vec![("other_number", other_number.to_string())]
            }
            Problem::CountryCode { value } | Problem::RegionUnknown { value } => {
                vec![("value", value.clone())]
            }
            Problem::DocumentNumber => vec![
                ("min", DOCUMENT_NUMBER_LEN.start().to_string()),
                ("max", DOCUMENT_NUMBER_LEN.end().to_string()),
            ],
            Problem::PassportNumber => vec![
                ("min", PASSPORT_NUMBER_LEN.start().to_string()),
                ("max", PASSPORT_NUMBER_LEN.end().to_string()),
            ],
            Problem::IssuedBeforeBirth { birth_date } => {
                vec![("birth_date", birth_date.to_string())]
            }
            Problem::ValidUntilNotAfterIssue { issued_on } => {
                vec![("issued_on", issued_on.to_string())]
            }
            Problem::TooLong { max, found } => {
                vec![("max", max.to_string()), ("found", found.to_string())]
            }
            // The code point, never the character: the message must not carry what it refuses.
            Problem::ControlCharacter { code_point } | Problem::DirectionControl { code_point } => {
                vec![("code_point", format!("U+{code_point:04X}"))]
            }
            Problem::ConsentRequired { number, name } => {
                vec![("number", number.to_string()), ("name", name.clone())]
            }
            Problem::ConsentUntilBeforeGiven { given_on } => {
                vec![("given_on", given_on.to_string())]
            }
            Problem::NotAMinor { age } => vec![("age", age.to_string())],
            Problem::CoverUnknown { number }
            | Problem::CoverWithoutConsent { number }
            | Problem::CoverIsMinor { number } => vec![("number", number.to_string())],
            Problem::Required
            | Problem::ConsentAndReason
            | Problem::ToCollectOnlyImported
            | Problem::NoMembers
            | Problem::NoHead
            | Problem::NoLetters
            | Problem::Phone
            | Problem::Email => vec![],
        };
        args.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

/// The problems of a consent as entered, on `today`, each naming its field under `consent`
/// (`consent.given_on`): the rules of registration, and of a consent recorded later.
pub fn consent_problems(c: &ConsentInput, today: NaiveDate) -> Vec<FieldError> {
    let mut report = Report::default();
    report.text("consent.purpose", &c.purpose);
    if c.given_on > today {
        report.add("consent.given_on", Problem::InFuture { today });
    }
    if c.purpose_code == ConsentPurpose::Other && c.purpose.trim().is_empty() {
        report.add("consent.purpose", Problem::Required);
    }
    if c.term == ConsentTerm::UntilDate {
        match c.valid_until {
            None => report.add("consent.valid_until", Problem::Required),
            Some(until) if until < c.given_on => report.add(
                "consent.valid_until",
                Problem::ConsentUntilBeforeGiven { given_on: c.given_on },
            ),
            Some(_) => {}
        }
    }
    report.0
}

/// Whether an IIN agrees with the birth date and sex entered: the problems, in the order the
/// form shows them (birth date, then sex). The one rule registration and the IIN check as a
/// clerk types both use.
pub fn iin_agreement(iin: &Iin, birth_date: NaiveDate, sex: Sex) -> Vec<Problem> {
    let mut problems = vec![];
    if iin.birth_date() != birth_date {
        problems
            .push(Problem::IinBirthDateMismatch { iin_birth_date: iin.birth_date(), birth_date });
    }
    if iin.sex() != sex {
        problems.push(Problem::IinSexMismatch { iin_sex: iin.sex() });
    }
    problems
}

/// Checks a family as entered against every rule of the registration form, on `today`.
/// Returns every problem found, in the order of the form. Every member has a consent or a
/// reason why not; "to be collected" is refused here (see [`validate_imported_family`]).
pub fn validate_family(f: &FamilyInput, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    check_family(f, today, false)
}

/// [`validate_family`] for a family read from an imported list, where a member may have their
/// consent "to be collected": an old list has no consents, and the office collects them after.
pub fn validate_imported_family(f: &FamilyInput, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    check_family(f, today, true)
}

fn check_family(f: &FamilyInput, today: NaiveDate, imported: bool) -> Result<(), Vec<FieldError>> {
    let mut report = Report::default();
    for (path, value) in text_fields(f) {
        report.text(&path, value);
    }

    if f.arrival_date > today {
        report.add("arrival_date", Problem::InFuture { today });
    }
    if f.arrival_date < EARLIEST_ARRIVAL_DATE {
        report.add("arrival_date", Problem::ArrivalTooEarly);
    }
    report.country("country_of_origin", &f.country_of_origin);
    if f.region.trim().is_empty() {
        report.add("region", Problem::Required);
    } else if regions::region(&f.region).is_none() {
        report.add("region", Problem::RegionUnknown { value: f.region.clone() });
    }
    if f.settlement.trim().is_empty() {
        report.add("settlement", Problem::Required);
    }

    let heads = f.members.iter().filter(|m| m.relation == Relation::Head).count();
    if f.members.is_empty() {
        report.add("members", Problem::NoMembers);
    } else if heads == 0 {
        report.add("members", Problem::NoHead);
    } else if heads > 1 {
        report.add("members", Problem::SeveralHeads { count: heads });
    }

    // The first member (counting from 1) seen with each IIN and each document number.
    let mut iins: HashMap<&str, usize> = HashMap::new();
    let mut documents: HashMap<String, usize> = HashMap::new();
    for (i, m) in f.members.iter().enumerate() {
        let path = format!("members[{i}]");
        report.member(&path, m, f.arrival_date, today);
        report.consent_basis(&path, i, f, today, imported);
        if let Some(iin) = present(&m.iin) {
            if let Some(&other_number) = iins.get(iin) {
                report.add(&format!("{path}.iin"), Problem::IinDuplicate { other_number });
            } else {
                iins.insert(iin, i + 1);
            }
        }
        if let Some(d) = &m.document {
            let number = normalize_document_number(&d.number);
            if !number.is_empty() {
                if let Some(&other_number) = documents.get(&number) {
                    let field = format!("{path}.document.number");
                    report.add(&field, Problem::DocumentDuplicate { other_number });
                } else {
                    documents.insert(number, i + 1);
                }
            }
        }
    }

    if report.0.is_empty() {
        Ok(())
    } else {
        Err(report.0)
    }
}

/// Every text field of a family with its path, in the order of the form.
fn text_fields(f: &FamilyInput) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = vec![
        ("country_of_origin".into(), &f.country_of_origin),
        ("region".into(), &f.region),
        ("settlement".into(), &f.settlement),
    ];
    if let Some(address) = &f.address {
        out.push(("address".into(), address));
    }
    for (i, m) in f.members.iter().enumerate() {
        let field = |name: &str| format!("members[{i}].{name}");
        out.push((field("surname"), &m.surname));
        out.push((field("given_name"), &m.given_name));
        for (name, value) in [
            ("patronymic", &m.patronymic),
            ("surname_latin", &m.surname_latin),
            ("given_name_latin", &m.given_name_latin),
            ("patronymic_latin", &m.patronymic_latin),
            ("iin", &m.iin),
            ("citizenship", &m.citizenship),
        ] {
            if let Some(value) = value {
                out.push((field(name), value));
            }
        }
        if let Some(d) = &m.document {
            out.push((field("document.number"), &d.number));
            out.push((field("document.issuing_country"), &d.issuing_country));
        }
        for (name, value) in [("phone", &m.phone), ("email", &m.email)] {
            if let Some(value) = value {
                out.push((field(name), value));
            }
        }
        if let Some(c) = &m.consent {
            out.push((field("consent.purpose"), &c.purpose));
        }
        if let Some(note) = m.no_consent.as_ref().and_then(|n| n.note.as_ref()) {
            out.push((field("no_consent.note"), note));
        }
    }
    out
}

/// The problems found so far, and the fields whose text was refused as such (too long, or with
/// a character never stored): no other rule looks at those, so no message repeats their value.
#[derive(Default)]
struct Report(Vec<FieldError>, HashSet<String>);

impl Report {
    fn add(&mut self, field: &str, problem: Problem) {
        self.push(FieldError::new(field, &problem));
    }

    fn push(&mut self, error: FieldError) {
        if !self.1.contains(&error.field) {
            self.0.push(error);
        }
    }

    /// Checks a text field's value as such; remembers the field when it is refused.
    fn text(&mut self, field: &str, value: &str) {
        if let Some(problem) = text_problem(field, value) {
            self.add(field, problem);
            self.1.insert(field.to_string());
        }
    }

    fn member(&mut self, path: &str, m: &MemberInput, arrival_date: NaiveDate, today: NaiveDate) {
        let field = |name: &str| format!("{path}.{name}");

        self.required_name(&field("surname"), &m.surname);
        self.required_name(&field("given_name"), &m.given_name);
        if let Some(patronymic) = present(&m.patronymic) {
            self.name(&field("patronymic"), patronymic);
        }
        for (name, value) in [
            ("surname_latin", &m.surname_latin),
            ("given_name_latin", &m.given_name_latin),
            ("patronymic_latin", &m.patronymic_latin),
        ] {
            if let Some(value) = present(value) {
                if let Some(problem) = latin_name_problem(value) {
                    self.add(&field(name), problem);
                }
            }
        }

        if m.birth_date > today {
            self.add(&field("birth_date"), Problem::InFuture { today });
        }
        if m.birth_date > arrival_date {
            self.add(&field("birth_date"), Problem::BornAfterArrival { arrival_date });
        }
        if m.birth_date < EARLIEST_BIRTH_DATE {
            self.add(&field("birth_date"), Problem::BornTooEarly);
        }

        if let Some(iin) = present(&m.iin) {
            match Iin::parse(iin) {
                Err(e) => self.push(FieldError::new(field("iin"), &e)),
                Ok(iin) => {
                    for problem in iin_agreement(&iin, m.birth_date, m.sex) {
                        self.add(&field("iin"), problem);
                    }
                }
            }
        }

        if let Some(citizenship) = present(&m.citizenship) {
            self.country(&field("citizenship"), citizenship);
        }
        if let Some(d) = &m.document {
            self.document(&field("document"), d, m.birth_date, today);
        }
        if let Some(phone) = present(&m.phone) {
            if normalize_phone(phone).is_none() {
                self.add(&field("phone"), Problem::Phone);
            }
        }
        if let Some(email) = present(&m.email) {
            if !is_email(email) {
                self.add(&field("email"), Problem::Email);
            }
        }
        if let Some(consent) = &m.consent {
            for e in consent_problems(consent, today) {
                self.push(e.under(path));
            }
        }
    }

    /// A member's consent or the reason there is none: one of the two, and a reason that holds
    /// in the family (the representative is another adult member with a consent of their own).
    fn consent_basis(
        &mut self,
        path: &str,
        i: usize,
        f: &FamilyInput,
        today: NaiveDate,
        imported: bool,
    ) {
        let m = &f.members[i];
        let field = |name: &str| format!("{path}.{name}");
        let Some(reason) = &m.no_consent else {
            if m.consent.is_none() {
                let refused = |name: &str| self.1.contains(&field(name));
                let name = if refused("surname") || refused("given_name") {
                    String::new()
                } else {
                    format!("{} {}", m.surname.trim(), m.given_name.trim()).trim().to_string()
                };
                self.add(&field("consent"), Problem::ConsentRequired { number: i + 1, name });
            }
            return;
        };
        if m.consent.is_some() {
            self.add(&field("no_consent.reason"), Problem::ConsentAndReason);
            return;
        }
        match reason.reason {
            NoConsentReason::Minor | NoConsentReason::NoCapacity => {
                if reason.reason == NoConsentReason::Minor {
                    let age = age_on(m.birth_date, today);
                    if age >= ADULT_AGE {
                        self.add(&field("no_consent.reason"), Problem::NotAMinor { age });
                    }
                }
                let at = field("no_consent.covered_by");
                match reason.covered_by {
                    None => self.add(&at, Problem::Required),
                    Some(j) => match f.members.get(j).filter(|_| j != i) {
                        None => self.add(&at, Problem::CoverUnknown { number: j + 1 }),
                        Some(rep) if rep.consent.is_none() => {
                            self.add(&at, Problem::CoverWithoutConsent { number: j + 1 });
                        }
                        Some(rep) if age_on(rep.birth_date, today) < ADULT_AGE => {
                            self.add(&at, Problem::CoverIsMinor { number: j + 1 });
                        }
                        Some(_) => {}
                    },
                }
            }
            NoConsentReason::Other => {
                if present(&reason.note).is_none() {
                    self.add(&field("no_consent.note"), Problem::Required);
                }
            }
            NoConsentReason::ToCollect => {
                if !imported {
                    self.add(&field("no_consent.reason"), Problem::ToCollectOnlyImported);
                }
            }
        }
    }

    fn document(&mut self, path: &str, d: &DocumentInput, birth_date: NaiveDate, today: NaiveDate) {
        let field = |name: &str| format!("{path}.{name}");
        let number = normalize_document_number(&d.number);
        let length = number.chars().count();
        if number.is_empty() {
            self.add(&field("number"), Problem::Required);
        } else if d.kind == DocumentKind::Passport {
            let latin = number.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if !latin || !PASSPORT_NUMBER_LEN.contains(&length) {
                self.add(&field("number"), Problem::PassportNumber);
            }
        } else {
            let letters_digits = number.chars().all(|c| c.is_alphabetic() || c.is_ascii_digit());
            if !letters_digits || !DOCUMENT_NUMBER_LEN.contains(&length) {
                self.add(&field("number"), Problem::DocumentNumber);
            }
        }
        self.country(&field("issuing_country"), &d.issuing_country);
        if let Some(issued_on) = d.issued_on {
            if issued_on > today {
                self.add(&field("issued_on"), Problem::InFuture { today });
            }
            if issued_on < birth_date {
                self.add(&field("issued_on"), Problem::IssuedBeforeBirth { birth_date });
            }
            if let Some(valid_until) = d.valid_until {
                if valid_until <= issued_on {
                    self.add(&field("valid_until"), Problem::ValidUntilNotAfterIssue { issued_on });
                }
            }
        }
    }

    /// A required country code: two uppercase Latin letters (any pair, known or not).
    fn country(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(field, Problem::Required);
        } else if !(value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase())) {
            self.add(field, Problem::CountryCode { value: value.to_string() });
        }
    }

    fn required_name(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(field, Problem::Required);
        } else {
            self.name(field, value);
        }
    }

    /// A name as written (Cyrillic fields): it has at least one letter.
    fn name(&mut self, field: &str, value: &str) {
        if !value.chars().any(char::is_alphabetic) {
            self.add(field, Problem::NoLetters);
        }
    }
}

/// The value of an optional text field, trimmed, if it is there and not blank.
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A name as on a document's Latin line: Latin letters (any, with marks: the 2021 Kazakh Ä Ö Ü
/// Ū Ğ Ş Ñ Q İ I, Turkish Ç…), spaces, hyphens and apostrophes, and at least one letter.
fn latin_name_problem(value: &str) -> Option<Problem> {
    let value: String = value.nfc().collect();
    let is_letter = |c: char| c.is_alphabetic() && is_latin(c);
    let allowed =
        |c: char| is_letter(c) || c.is_whitespace() || matches!(c, '-' | '\'' | '’' | 'ʼ' | 'ʻ');
    if let Some(found) = value.chars().find(|&c| !allowed(c)) {
        return Some(Problem::NotLatin { found });
    }
    if !value.chars().any(is_letter) {
        return Some(Problem::NoLetters);
    }
    None
}

fn is_email(s: &str) -> bool {
    if s.chars().any(char::is_whitespace) {
        return false;
    }
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty())
        }
        None => false,
    }
}

/// A document number for comparing and checking: uppercase, without spaces, hyphens and dots.
/// Letters keep their script (`I-ТШ 0456789` → `IТШ0456789`).
pub fn normalize_document_number(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '–' | '—' | '.'))
        })
        .flat_map(char::to_uppercase)
        .collect()
}

/// A phone number in international form, `+` and 10–15 digits (`+7 (701) 555-12-34` →
/// `+77015551234`); spaces, hyphens and parentheses are dropped. `None` if it is not one.
pub fn normalize_phone(s: &str) -> Option<String> {
    let rest = s.trim().strip_prefix('+')?;
    let mut out = String::from("+");
    for c in rest.chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if !(c.is_whitespace() || matches!(c, '-' | '(' | ')')) {
            return None;
        }
    }
    PHONE_DIGITS.contains(&(out.len() - 1)).then_some(out)
}

/// The id of the message naming a field, from the field's path: `members[1].document.number` →
/// `field-document-number`, `arrival_date` → `field-arrival_date`.
pub fn field_message_id(path: &str) -> String {
    let mut id = String::from("field");
    for part in path.split('.') {
        let name = part.split('[').next().unwrap_or(part);
        if name == "members" && path != part {
            continue;
        }
        id.push('-');
        id.push_str(name);
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NoConsentInput;
    use rstest::rstest;

    const FAMILY_JSON: &str = include_str!("../tests/data/family.json");

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn today() -> NaiveDate {
        date("2026-11-25")
    }

    fn family() -> FamilyInput {
        serde_json::from_str(FAMILY_JSON).unwrap()
    }

    /// Validates the example family changed by `change`; returns `(field, code)` of every problem.
    fn problems(change: impl FnOnce(&mut FamilyInput)) -> Vec<(String, String)> {
        let mut f = family();
        change(&mut f);
        match validate_family(&f, today()) {
            Ok(()) => vec![],
            Err(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        }
    }

    fn check(change: impl FnOnce(&mut FamilyInput), expected: &[(&str, &str)]) {
        let expected: Vec<(String, String)> =
            expected.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect();
        assert_eq!(problems(change), expected);
    }

    /// The one error of the example family changed by `change`, with its arguments.
    fn only_error(change: impl FnOnce(&mut FamilyInput)) -> FieldError {
        let mut f = family();
        change(&mut f);
        let mut errors = validate_family(&f, today()).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    }

    #[test]
    fn example_family_is_valid() {
        assert_eq!(validate_family(&family(), today()), Ok(()));
        let f = family();
        assert_eq!(f.members.len(), 3);
        assert_eq!(f.members[1].iin, None);
        assert_eq!(f.members[2].iin, None);
    }

    #[test]
    fn example_head_iin_agrees_with_birth_date_and_sex() {
        let iin = Iin::parse("850412310211").unwrap();
        assert_eq!(iin.birth_date(), date("1985-04-12"));
        assert_eq!(iin.sex(), Sex::Male);
    }

    #[test]
    fn no_members() {
        check(|f| f.members.clear(), &[("members", "family-no-members")]);
    }

    #[test]
    fn no_head() {
        check(|f| f.members[0].relation = Relation::Spouse, &[("members", "family-no-head")]);
    }

    #[test]
    fn several_heads() {
        let e = only_error(|f| f.members[2].relation = Relation::Head);
        assert_eq!((e.field.as_str(), e.code.as_str()), ("members", "family-several-heads"));
        assert_eq!(e.args["count"], "2");
    }

    #[test]
    fn required_fields() {
        check(
            |f| {
                f.settlement = "  ".into();
                f.members[0].surname = String::new();
                f.members[1].given_name = " \t".into();
            },
            &[
                ("settlement", "value-required"),
                ("members[0].surname", "value-required"),
                ("members[1].given_name", "value-required"),
            ],
        );
    }

    #[test]
    fn names_need_a_letter() {
        check(
            |f| {
                f.members[0].surname = "123".into();
                f.members[0].patronymic = Some("-".into());
            },
            &[
                ("members[0].surname", "name-no-letters"),
                ("members[0].patronymic", "name-no-letters"),
            ],
        );
    }

    #[test]
    fn blank_optional_fields_are_absent() {
        check(
            |f| {
                let m = &mut f.members[1];
                m.patronymic = Some(" ".into());
                m.iin = Some(String::new());
                m.surname_latin = Some(String::new());
                m.phone = Some("  ".into());
                m.email = Some(String::new());
                m.citizenship = Some(String::new());
            },
            &[],
        );
    }

    #[rstest]
    #[case::kazakh_latin_2021("Nūrsūltan")]
    #[case::kazakh_latin_capitals("ÄLİIA ŞYNAR")]
    #[case::hyphen_apostrophe_space("O'Neil-Smith Jr")]
    #[case::turkish("ÇELİK")]
    #[case::uzbek("Oʻrinboy")]
    fn latin_names_accepted(#[case] name: &str) {
        check(|f| f.members[0].given_name_latin = Some(name.into()), &[]);
    }

    #[test]
    fn latin_names_refuse_other_scripts_and_signs() {
        let e = only_error(|f| f.members[0].surname_latin = Some("SEIITҚALI".into()));
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("members[0].surname_latin", "name-not-latin")
        );
        assert_eq!(e.args["char"], "Қ");
        check(
            |f| {
                f.members[1].given_name_latin = Some("ALIYA2".into());
                f.members[2].patronymic_latin = Some("--".into());
            },
            &[
                ("members[1].given_name_latin", "name-not-latin"),
                ("members[2].patronymic_latin", "name-no-letters"),
            ],
        );
    }

    #[test]
    fn born_in_the_future_and_after_arrival() {
        check(
            |f| f.members[2].birth_date = date("2026-12-01"),
            &[
                ("members[2].birth_date", "date-in-future"),
                ("members[2].birth_date", "birth-after-arrival"),
                // Her birth certificate is now dated before her birth.
                ("members[2].document.issued_on", "document-issued-before-birth"),
            ],
        );
        let e = only_error(|f| {
            f.members[2].birth_date = date("2026-09-15");
            f.members[2].document = None;
        });
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("members[2].birth_date", "birth-after-arrival")
        );
        assert_eq!(e.args["arrival_date"], "2026-09-14");
        // Born on the day of arrival is fine.
        check(
            |f| {
                f.members[2].birth_date = date("2026-09-14");
                f.members[2].document = None;
            },
            &[],
        );
    }

    #[test]
    fn born_before_1900() {
        let e = only_error(|f| f.members[1].birth_date = date("1899-12-31"));
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("members[1].birth_date", "birth-date-too-early")
        );
        assert_eq!(e.args["min"], "1900-01-01");
        check(|f| f.members[1].birth_date = date("1900-01-01"), &[]);
    }

    #[test]
    fn arrival_in_the_future() {
        let e = only_error(|f| f.arrival_date = date("2026-11-26"));
        assert_eq!((e.field.as_str(), e.code.as_str()), ("arrival_date", "date-in-future"));
        assert_eq!(e.args["today"], "2026-11-25");
        check(|f| f.arrival_date = today(), &[]);
    }

    #[test]
    fn arrival_before_independence() {
        check(
            |f| f.arrival_date = date("1991-12-15"),
            &[
                ("arrival_date", "arrival-date-too-early"),
                // All problems at once: the child was born after that arrival date.
                ("members[2].birth_date", "birth-after-arrival"),
            ],
        );
        check(
            |f| {
                f.arrival_date = date("1991-12-16");
                f.members.truncate(2);
            },
            &[],
        );
    }

    #[test]
    fn iin_must_parse() {
        let e = only_error(|f| f.members[0].iin = Some("850412310212".into()));
        assert_eq!((e.field.as_str(), e.code.as_str()), ("members[0].iin", "iin-check-digit"));
        assert_eq!(e.args["expected"], "1");
        assert_eq!(e.args["found"], "2");
        check(
            |f| f.members[0].iin = Some("8504123102".into()),
            &[("members[0].iin", "iin-length")],
        );
        check(|f| f.members[0].iin = Some(" 850412310211 ".into()), &[]);
    }

    #[test]
    fn iin_birth_date_must_match() {
        let e = only_error(|f| f.members[0].birth_date = date("1985-04-13"));
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("members[0].iin", "iin-birth-date-mismatch")
        );
        assert_eq!(e.args["iin_birth_date"], "1985-04-12");
        assert_eq!(e.args["birth_date"], "1985-04-13");
    }

    #[test]
    fn iin_sex_must_match() {
        let e = only_error(|f| f.members[0].sex = Sex::Female);
        assert_eq!((e.field.as_str(), e.code.as_str()), ("members[0].iin", "iin-sex-mismatch"));
        assert_eq!(e.args["iin_sex"], "male");
    }

    #[test]
    fn same_iin_twice_in_a_family() {
        let e = only_error(|f| {
            let mut twin = f.members[0].clone();
            twin.relation = Relation::Sibling;
            twin.iin = Some(" 850412310211".into());
            twin.document = None;
            f.members.push(twin);
        });
        assert_eq!((e.field.as_str(), e.code.as_str()), ("members[3].iin", "iin-duplicate"));
        assert_eq!(e.args["other_number"], "1");
    }

    #[test]
    fn same_document_number_twice_in_a_family() {
        let e = only_error(|f| {
            if let Some(d) = f.members[1].document.as_mut() {
                d.number = "fa 223-3445".into();
            }
        });
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("members[1].document.number", "document-duplicate")
        );
        assert_eq!(e.args["other_number"], "1");
    }

    #[test]
    fn country_codes_are_two_capital_letters() {
        check(
            |f| {
                f.country_of_origin = "uz".into();
                f.members[0].citizenship = Some("UZB".into());
                if let Some(d) = f.members[1].document.as_mut() {
                    d.issuing_country = "Ө".into();
                }
                if let Some(d) = f.members[2].document.as_mut() {
                    d.issuing_country = String::new();
                }
            },
            &[
                ("country_of_origin", "country-code-format"),
                ("members[0].citizenship", "country-code-format"),
                ("members[1].document.issuing_country", "country-code-format"),
                ("members[2].document.issuing_country", "value-required"),
            ],
        );
        // Any pair of capital letters will do, known or not.
        check(
            |f| {
                f.country_of_origin = "CN".into();
                f.members[0].citizenship = Some("XK".into());
            },
            &[],
        );
        let e = only_error(|f| f.country_of_origin = "Uz".into());
        assert_eq!(e.args["value"], "Uz");
    }

    #[rstest]
    #[case("KZ-99", "region-unknown")]
    #[case("kz-55", "region-unknown")]
    #[case("Павлодар", "region-unknown")]
    #[case("", "value-required")]
    fn region_must_be_known(#[case] value: &str, #[case] code: &str) {
        check(|f| f.region = value.into(), &[("region", code)]);
    }

    #[rstest]
    #[case::too_short("I-ТШ 0")]
    #[case::too_long("123456789012345678901")]
    #[case::sign("№ 0456789")]
    fn document_number_format(#[case] number: &str) {
        let e = only_error(|f| {
            if let Some(d) = f.members[2].document.as_mut() {
                d.number = number.into();
            }
        });
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("members[2].document.number", "document-number-format")
        );
        assert_eq!((e.args["min"].as_str(), e.args["max"].as_str()), ("5", "20"));
    }

    #[rstest]
    #[case::cyrillic("ФА2233445")]
    #[case::too_long("FA22334455667")]
    #[case::too_short("FA223")]
    #[case::sign("FA/2233445")]
    fn passport_number_format(#[case] number: &str) {
        let e = only_error(|f| {
            if let Some(d) = f.members[0].document.as_mut() {
                d.number = number.into();
            }
        });
        assert_eq!(
            (e.field.as_str(), e.code.as_str()),
            ("members[0].document.number", "passport-number-format")
        );
        assert_eq!((e.args["min"].as_str(), e.args["max"].as_str()), ("6", "12"));
    }

    #[test]
    fn document_number_blank() {
        check(
            |f| {
                if let Some(d) = f.members[0].document.as_mut() {
                    d.number = " - ".into();
                }
            },
            &[("members[0].document.number", "value-required")],
        );
    }

    #[test]
    fn passport_number_spacing_is_ignored() {
        check(
            |f| {
                if let Some(d) = f.members[0].document.as_mut() {
                    d.number = "fa 223.34-45".into();
                }
            },
            &[],
        );
    }

    #[test]
    fn document_dates() {
        check(
            |f| {
                if let Some(d) = f.members[0].document.as_mut() {
                    d.issued_on = Some(date("2026-11-26"));
                    d.valid_until = Some(date("2036-11-25"));
                }
                if let Some(d) = f.members[2].document.as_mut() {
                    d.issued_on = Some(date("2014-02-26"));
                }
                if let Some(d) = f.members[1].document.as_mut() {
                    d.valid_until = Some(date("2019-05-20"));
                }
            },
            &[
                ("members[0].document.issued_on", "date-in-future"),
                ("members[1].document.valid_until", "document-valid-until-before-issue"),
                ("members[2].document.issued_on", "document-issued-before-birth"),
            ],
        );
        let e = only_error(|f| {
            if let Some(d) = f.members[2].document.as_mut() {
                d.issued_on = Some(date("2014-02-26"));
            }
        });
        assert_eq!(e.args["birth_date"], "2014-02-27");
        let e = only_error(|f| {
            if let Some(d) = f.members[1].document.as_mut() {
                d.valid_until = Some(date("2019-05-19"));
            }
        });
        assert_eq!(e.args["issued_on"], "2019-05-20");
    }

    #[rstest]
    #[case::national_form("87015551234")]
    #[case::too_short("+7 701 555")]
    #[case::too_long("+7 701 555 12 34 56789")]
    #[case::letters("+7 701 CALL ME")]
    #[case::two_plus("++77015551234")]
    fn phone_format(#[case] phone: &str) {
        check(|f| f.members[0].phone = Some(phone.into()), &[("members[0].phone", "phone-format")]);
    }

    #[rstest]
    #[case::no_at("name.example.kz")]
    #[case::two_at("a@b@example.kz")]
    #[case::no_local("@example.kz")]
    #[case::no_dot("name@localhost")]
    #[case::empty_label("name@example..kz")]
    #[case::space("name @example.kz")]
    fn email_format(#[case] email: &str) {
        check(|f| f.members[1].email = Some(email.into()), &[("members[1].email", "email-format")]);
    }

    #[test]
    fn email_accepted() {
        check(|f| f.members[1].email = Some(" aliya.seiitkali@mail.kz ".into()), &[]);
    }

    fn consent(given_on: &str, purpose: &str) -> ConsentInput {
        ConsentInput {
            given_on: date(given_on),
            purpose_code: ConsentPurpose::Adaptation,
            purpose: purpose.into(),
            term: ConsentTerm::ProgrammeEnd,
            valid_until: None,
            method: crate::model::ConsentMethod::SignedForm,
        }
    }

    #[test]
    fn consent_rules() {
        check(
            |f| {
                let mut c = consent("2026-11-26", " ");
                c.purpose_code = ConsentPurpose::Other;
                f.members[0].consent = Some(c);
            },
            &[
                ("members[0].consent.given_on", "date-in-future"),
                ("members[0].consent.purpose", "value-required"),
            ],
        );
        check(|f| f.members[0].consent = Some(consent("2026-09-14", "")), &[]);
        check(
            |f| {
                let mut c = consent("2026-09-14", "");
                c.term = ConsentTerm::UntilDate;
                f.members[0].consent = Some(c);
            },
            &[("members[0].consent.valid_until", "value-required")],
        );
        check(
            |f| {
                let mut c = consent("2026-09-14", "");
                c.term = ConsentTerm::UntilDate;
                c.valid_until = Some(date("2026-09-13"));
                f.members[0].consent = Some(c);
            },
            &[("members[0].consent.valid_until", "consent-until-before-given")],
        );
    }

    #[test]
    fn finding_7_registration_without_consent_or_a_reason_is_refused_naming_the_person() {
        let e = only_error(|f| f.members[1].consent = None);
        assert_eq!(e.field, "members[1].consent");
        assert_eq!(e.code, "consent-required");
        assert_eq!(e.args.get("number").map(String::as_str), Some("2"));
        assert_eq!(e.args.get("name").map(String::as_str), Some("Сейітқали Әлия"));
        // Both at once, and "to be collected" outside an imported list, are refused too.
        check(
            |f| f.members[0].no_consent = f.members[2].no_consent.clone(),
            &[("members[0].no_consent.reason", "consent-and-reason")],
        );
        let to_collect = |f: &mut FamilyInput| {
            f.members[2].no_consent = Some(NoConsentInput {
                reason: NoConsentReason::ToCollect,
                covered_by: None,
                note: None,
            })
        };
        check(to_collect, &[("members[2].no_consent.reason", "consent-to-collect-import-only")]);
        let mut f = family();
        to_collect(&mut f);
        assert_eq!(validate_imported_family(&f, today()), Ok(()));
        // Another reason needs its words.
        check(
            |f| {
                f.members[2].no_consent = Some(NoConsentInput {
                    reason: NoConsentReason::Other,
                    covered_by: None,
                    note: Some(" ".into()),
                })
            },
            &[("members[2].no_consent.note", "value-required")],
        );
    }

    #[test]
    fn finding_7_a_child_is_covered_by_a_representatives_consent() {
        // The example family's child is covered by the head's consent.
        assert_eq!(validate_family(&family(), today()), Ok(()));
        let cover = |by: Option<usize>| {
            move |f: &mut FamilyInput| {
                if let Some(n) = f.members[2].no_consent.as_mut() {
                    n.covered_by = by;
                }
            }
        };
        check(cover(None), &[("members[2].no_consent.covered_by", "value-required")]);
        check(cover(Some(2)), &[("members[2].no_consent.covered_by", "consent-cover-unknown")]);
        check(cover(Some(7)), &[("members[2].no_consent.covered_by", "consent-cover-unknown")]);
        check(
            |f| {
                f.members[0].consent = None;
                f.members[0].no_consent = Some(NoConsentInput {
                    reason: NoConsentReason::NoCapacity,
                    covered_by: Some(1),
                    note: None,
                });
            },
            &[("members[2].no_consent.covered_by", "consent-cover-without-consent")],
        );
        // An adult is no minor; a minor covers no one.
        check(
            |f| f.members[1].no_consent = f.members[2].no_consent.take(),
            &[
                ("members[1].no_consent.reason", "consent-and-reason"),
                ("members[2].consent", "consent-required"),
            ],
        );
        check(
            |f| {
                f.members[1].consent = None;
                f.members[1].no_consent = Some(NoConsentInput {
                    reason: NoConsentReason::Minor,
                    covered_by: Some(0),
                    note: None,
                });
            },
            &[("members[1].no_consent.reason", "consent-not-a-minor")],
        );
        check(
            |f| {
                f.members[2].consent = Some(consent("2026-09-14", ""));
                f.members[2].no_consent = None;
                f.members[1].consent = None;
                f.members[1].no_consent = Some(NoConsentInput {
                    reason: NoConsentReason::NoCapacity,
                    covered_by: Some(2),
                    note: None,
                });
            },
            &[("members[1].no_consent.covered_by", "consent-cover-minor")],
        );
    }

    #[test]
    fn every_problem_reported_at_once() {
        let found = problems(|f| {
            f.region = "KZ-00".into();
            f.members[0].iin = Some("12".into());
            f.members[1].phone = Some("1".into());
            f.members[2].surname = String::new();
        });
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[rstest]
    #[case("I-ТШ 0456789", "IТШ0456789")]
    #[case("fa 223.34-45", "FA2233445")]
    #[case("і-тш\u{a0}123", "ІТШ123")]
    #[case(" ", "")]
    fn normalizes_document_numbers(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(normalize_document_number(input), expected);
    }

    #[rstest]
    #[case("+77015551234", Some("+77015551234"))]
    #[case(" +7 (701) 555-12-34 ", Some("+77015551234"))]
    #[case("+86 138 0013 8000", Some("+8613800138000"))]
    #[case("+998 90 123 45 67", Some("+998901234567"))]
    #[case("+1234567890", Some("+1234567890"))]
    #[case("+123456789", None)]
    #[case("+1234567890123456", None)]
    #[case("87015551234", None)]
    #[case("+7 701 555 12 34 ext 5", None)]
    #[case("", None)]
    fn normalizes_phones(#[case] input: &str, #[case] expected: Option<&str>) {
        assert_eq!(normalize_phone(input).as_deref(), expected);
    }

    #[rstest]
    #[case("arrival_date", "field-arrival_date")]
    #[case("members", "field-members")]
    #[case("members[1].iin", "field-iin")]
    #[case("members[0].document.number", "field-document-number")]
    #[case("members[12].consent.given_on", "field-consent-given_on")]
    #[case("document.issuing_country", "field-document-issuing_country")]
    fn field_message_ids(#[case] path: &str, #[case] id: &str) {
        assert_eq!(field_message_id(path), id);
    }

    /// Every text field of the example family, as a setter, with its path.
    #[allow(clippy::type_complexity)]
    fn text_setters() -> Vec<(&'static str, Box<dyn Fn(&mut FamilyInput, String)>)> {
        vec![
            ("country_of_origin", Box::new(|f, v| f.country_of_origin = v)),
            ("region", Box::new(|f, v| f.region = v)),
            ("settlement", Box::new(|f, v| f.settlement = v)),
            ("address", Box::new(|f, v| f.address = Some(v))),
            ("members[0].surname", Box::new(|f, v| f.members[0].surname = v)),
            ("members[0].given_name", Box::new(|f, v| f.members[0].given_name = v)),
            ("members[0].patronymic", Box::new(|f, v| f.members[0].patronymic = Some(v))),
            ("members[0].surname_latin", Box::new(|f, v| f.members[0].surname_latin = Some(v))),
            (
                "members[0].given_name_latin",
                Box::new(|f, v| f.members[0].given_name_latin = Some(v)),
            ),
            (
                "members[0].patronymic_latin",
                Box::new(|f, v| f.members[0].patronymic_latin = Some(v)),
            ),
            ("members[0].iin", Box::new(|f, v| f.members[0].iin = Some(v))),
            ("members[0].citizenship", Box::new(|f, v| f.members[0].citizenship = Some(v))),
            (
                "members[0].document.number",
                Box::new(|f, v| {
                    if let Some(d) = f.members[0].document.as_mut() {
                        d.number = v;
                    }
                }),
            ),
            (
                "members[0].document.issuing_country",
                Box::new(|f, v| {
                    if let Some(d) = f.members[0].document.as_mut() {
                        d.issuing_country = v;
                    }
                }),
            ),
            ("members[0].phone", Box::new(|f, v| f.members[0].phone = Some(v))),
            ("members[1].email", Box::new(|f, v| f.members[1].email = Some(v))),
            (
                "members[0].consent.purpose",
                Box::new(|f, v| f.members[0].consent = Some(consent("2026-10-01", &v))),
            ),
            (
                "members[2].no_consent.note",
                Box::new(|f, v| {
                    f.members[2].no_consent = Some(NoConsentInput {
                        reason: NoConsentReason::Other,
                        covered_by: None,
                        note: Some(v),
                    })
                }),
            ),
        ]
    }

    #[rstest]
    #[case::nul('\u{0}', "text-control-character", "U+0000")]
    #[case::escape('\u{1b}', "text-control-character", "U+001B")]
    #[case::newline_inside('\n', "text-control-character", "U+000A")]
    #[case::delete('\u{7f}', "text-control-character", "U+007F")]
    #[case::c1_csi('\u{9b}', "text-control-character", "U+009B")]
    #[case::right_to_left_override('\u{202e}', "text-direction-control", "U+202E")]
    #[case::left_to_right_embedding('\u{202a}', "text-direction-control", "U+202A")]
    #[case::first_strong_isolate('\u{2068}', "text-direction-control", "U+2068")]
    #[case::pop_isolate('\u{2069}', "text-direction-control", "U+2069")]
    fn finding_8_control_and_direction_characters_are_refused_in_every_text_field(
        #[case] c: char,
        #[case] code: &str,
        #[case] code_point: &str,
    ) {
        for (path, set) in text_setters() {
            let e = only_error(|f| set(f, format!("Ab{c}[2Jcd")));
            assert_eq!((e.field.as_str(), e.code.as_str()), (path, code), "{path}");
            assert_eq!(e.args["code_point"], code_point);
            assert!(
                e.args.values().all(|v| !v.contains(c)),
                "{path}: the message never carries it"
            );
        }
    }

    #[test]
    fn finding_8_every_text_field_has_a_length_limit() {
        for (path, set) in text_setters() {
            let max = text_limit(path);
            assert!(max <= FREE_TEXT_MAX_CHARS, "{path}");
            let e = only_error(|f| set(f, "Ә".repeat(max + 1)));
            assert_eq!((e.field.as_str(), e.code.as_str()), (path, "text-too-long"), "{path}");
            assert_eq!(e.args["max"], max.to_string());
            assert_eq!(e.args["found"], (max + 1).to_string());
        }
        // A megabyte of surname is one message, not a copy of the megabyte.
        let e = only_error(|f| f.members[0].surname = "Ә".repeat(1 << 20));
        assert_eq!(e.args["max"], NAME_MAX_CHARS.to_string());
        // At the limit, a name is a name; the limit counts characters, not bytes.
        assert_eq!(problems(|f| f.members[0].surname = "Ә".repeat(NAME_MAX_CHARS)), vec![]);
        assert_eq!(problems(|f| f.address = Some("ә".repeat(FREE_TEXT_MAX_CHARS))), vec![]);
    }

    #[test]
    fn spaces_and_tabs_around_a_value_are_trimmed_not_refused() {
        assert_eq!(problems(|f| f.members[0].surname = "\tСейітқали \n".into()), vec![]);
    }

    #[test]
    fn problem_codes_and_args() {
        let e = Problem::IinBirthDateMismatch {
            iin_birth_date: date("1985-04-12"),
            birth_date: date("1985-04-13"),
        };
        assert_eq!(e.code(), "iin-birth-date-mismatch");
        assert_eq!(e.args().len(), 2);
        assert_eq!(Problem::IinSexMismatch { iin_sex: Sex::Female }.args()["iin_sex"], "female");
        assert!(Problem::Required.args().is_empty());
    }
}
