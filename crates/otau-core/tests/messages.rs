//! Every code otau-core defines has a message in Kazakh, Russian and English that formats with
//! its arguments, every field of the model has a name, and core.ftl holds nothing else.

use chrono::NaiveDate;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use otau_core::iin::IinError;
use otau_core::mci::{MciError, MciPurpose};
use otau_core::model::Sex;
use otau_core::money::MoneyError;
use otau_core::regno::RegNoError;
use otau_core::validate::{field_message_id, Problem};
use otau_core::Coded;
use std::collections::{BTreeMap, BTreeSet};

const FILES: [(&str, &str); 3] = [
    ("kk", include_str!("../../../assets/i18n/kk/core.ftl")),
    ("ru", include_str!("../../../assets/i18n/ru/core.ftl")),
    ("en", include_str!("../../../assets/i18n/en/core.ftl")),
];

/// Every field path the validation can name, one per field of the model.
const FIELDS: &[&str] = &[
    "members[0].surname",
    "members[0].given_name",
    "members[0].patronymic",
    "members[0].surname_latin",
    "members[0].given_name_latin",
    "members[0].patronymic_latin",
    "members[0].birth_date",
    "members[0].sex",
    "members[0].iin",
    "members[0].citizenship",
    "members[0].education",
    "members[0].document",
    "members[0].document.number",
    "members[0].document.kind",
    "members[0].document.issuing_country",
    "members[0].document.issued_on",
    "members[0].document.valid_until",
    "members[0].phone",
    "members[0].email",
    "members[0].consent",
    "members[0].consent.given_on",
    "members[0].consent.purpose",
    "members[0].consent.purpose_code",
    "members[0].consent.term",
    "members[0].consent.valid_until",
    "members[0].consent.method",
    "members[0].no_consent",
    "members[0].no_consent.reason",
    "members[0].no_consent.covered_by",
    "members[0].no_consent.note",
    "members[0].relation",
    "members",
    "arrival_date",
    "country_of_origin",
    "region",
    "settlement",
    "accommodation_category",
    "address",
];

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// One of each error of the crate (both values of each selector).
fn every_error() -> Vec<(&'static str, BTreeMap<String, String>)> {
    let mut all: Vec<(&'static str, BTreeMap<String, String>)> = vec![];
    let mut add = |e: &dyn Coded| all.push((e.code(), e.args()));
    for e in [
        IinError::Length { found: 11 },
        IinError::NotDigits,
        IinError::Century { digit: 0 },
        IinError::BirthDate { digits: "901315".into() },
        IinError::CheckDigit { expected: 7, found: 8 },
        IinError::NeverIssued,
    ] {
        add(&e);
    }
    for e in [
        MoneyError::Empty,
        MoneyError::Invalid { input: "abc".into() },
        MoneyError::TooManyDecimals { input: "1,500".into() },
        MoneyError::Overflow,
    ] {
        add(&e);
    }
    for e in [
        MciError::Empty,
        MciError::DuplicateRow { effective_from: date(), purpose: MciPurpose::SocialPayments },
        MciError::DuplicateRow { effective_from: date(), purpose: MciPurpose::FinesAndOther },
        MciError::NonPositive { effective_from: date(), tenge: 0 },
        MciError::Json { detail: "expected value at line 1 column 1".into() },
    ] {
        add(&e);
    }
    for e in [
        RegNoError::OfficeCodeLength { found: 1 },
        RegNoError::OfficeCodeChars { value: "PV_1".into() },
        RegNoError::OfficeCodeStart { value: "1PV".into() },
        RegNoError::Format { value: "PVL01".into() },
        RegNoError::Year { year: 1990 },
        RegNoError::Seq { seq: 0 },
    ] {
        add(&e);
    }
    for e in [
        Problem::Required,
        Problem::NoMembers,
        Problem::NoHead,
        Problem::SeveralHeads { count: 2 },
        Problem::NotLatin { found: 'Қ' },
        Problem::NoLetters,
        Problem::InFuture { today: date() },
        Problem::BornAfterArrival { arrival_date: date() },
        Problem::BornTooEarly,
        Problem::ArrivalTooEarly,
        Problem::IinBirthDateMismatch { iin_birth_date: date(), birth_date: date() },
        Problem::IinSexMismatch { iin_sex: Sex::Male },
        Problem::IinSexMismatch { iin_sex: Sex::Female },
        Problem::IinDuplicate { other_number: 1 },
        Problem::DocumentDuplicate { other_number: 2 },
        Problem::CountryCode { value: "uz".into() },
        Problem::RegionUnknown { value: "KZ-99".into() },
        Problem::DocumentNumber,
        Problem::PassportNumber,
        Problem::IssuedBeforeBirth { birth_date: date() },
        Problem::ValidUntilNotAfterIssue { issued_on: date() },
        Problem::Phone,
        Problem::Email,
        Problem::TooLong { max: 100, found: 1_048_576 },
        Problem::ControlCharacter { code_point: 0x1b },
        Problem::DirectionControl { code_point: 0x202e },
        Problem::ConsentRequired { number: 3, name: "Сейітқали Ұлжан".into() },
        Problem::ConsentAndReason,
        Problem::ConsentUntilBeforeGiven { given_on: date() },
        Problem::NotAMinor { age: 19 },
        Problem::CoverUnknown { number: 4 },
        Problem::CoverWithoutConsent { number: 1 },
        Problem::CoverIsMinor { number: 2 },
        Problem::ToCollectOnlyImported,
    ] {
        add(&e);
    }
    all
}

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("{lang}/core.ftl does not parse: {errors:?}"));
    let mut bundle = FluentBundle::new(vec![lang.parse().unwrap()]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).unwrap();
    bundle
}

fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: &BTreeMap<String, String>,
) -> String {
    let message = bundle.get_message(id).unwrap_or_else(|| panic!("no message {id}"));
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        // As otau-i18n does: numbers become Fluent numbers.
        match v.parse::<i64>() {
            Ok(n) => fluent_args.set(k.as_str(), FluentValue::from(n)),
            Err(_) => fluent_args.set(k.as_str(), FluentValue::from(v.as_str())),
        }
    }
    let mut errors = vec![];
    let text = bundle.format_pattern(message.value().unwrap(), Some(&fluent_args), &mut errors);
    assert!(errors.is_empty(), "{id}: {errors:?}");
    text.into_owned()
}

#[test]
fn every_code_has_a_message_in_every_language() {
    for (lang, source) in FILES {
        let bundle = bundle(lang, source);
        for (code, args) in every_error() {
            let text = format(&bundle, code, &args);
            assert!(!text.contains('{') && !text.contains('$'), "{lang} {code}: {text}");
            // Selector arguments (purpose, iin_sex) choose words instead of being shown.
            for (name, value) in &args {
                if name == "purpose" || name == "iin_sex" {
                    continue;
                }
                assert!(text.contains(value.as_str()), "{lang} {code} leaves out {value}: {text}");
            }
        }
    }
}

#[test]
fn selectors_pick_the_right_words() {
    let bundle = bundle("en", FILES[2].1);
    let male =
        format(&bundle, "iin-sex-mismatch", &Problem::IinSexMismatch { iin_sex: Sex::Male }.args());
    assert!(male.contains("of a man"), "{male}");
    let female = format(
        &bundle,
        "iin-sex-mismatch",
        &Problem::IinSexMismatch { iin_sex: Sex::Female }.args(),
    );
    assert!(female.contains("of a woman"), "{female}");
    let kk = bundle_kk_text();
    assert!(kk.contains("жынысы — ер,"), "{kk}");
}

fn bundle_kk_text() -> String {
    let bundle = bundle("kk", FILES[0].1);
    format(&bundle, "iin-sex-mismatch", &Problem::IinSexMismatch { iin_sex: Sex::Male }.args())
}

#[test]
fn every_field_has_a_name_in_every_language() {
    for (lang, source) in FILES {
        let bundle = bundle(lang, source);
        for path in FIELDS {
            let text = format(&bundle, &field_message_id(path), &BTreeMap::new());
            assert!(!text.trim().is_empty(), "{lang} {path}");
        }
    }
}

#[test]
fn core_ftl_holds_only_codes_and_fields() {
    let mut known: BTreeSet<String> =
        every_error().into_iter().map(|(c, _)| c.to_string()).collect();
    known.extend(FIELDS.iter().map(|p| field_message_id(p)));
    for (lang, source) in FILES {
        let ids: BTreeSet<String> = source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.to_string()))
            .collect();
        assert_eq!(ids, known, "{lang}");
    }
}
