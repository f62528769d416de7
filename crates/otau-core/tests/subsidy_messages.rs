//! Every code of the subsidy rules, the ledger and their edges has a message in Kazakh, Russian
//! and English in `subsidy.ftl` that formats with its arguments, and the explanations read as
//! the published examples do.

use chrono::NaiveDate;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::subsidy::eligibility::Refusal;
use otau_core::subsidy::{Explanation, RuleError, SettlementType, SubsidyError, SubsidyKind};
use otau_core::Coded;
use std::collections::BTreeMap;

const FILES: [(&str, &str); 3] = [
    ("kk", include_str!("../../../assets/i18n/kk/subsidy.ftl")),
    ("ru", include_str!("../../../assets/i18n/ru/subsidy.ftl")),
    ("en", include_str!("../../../assets/i18n/en/subsidy.ftl")),
];

/// Arguments that choose words instead of being shown.
const SELECTORS: &[&str] = &["kind", "settlement", "state", "needed", "basis", "was", "members"];

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

fn args(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// One of each code, with every value of each selector.
fn every_message() -> Vec<(String, BTreeMap<String, String>)> {
    let mut all: Vec<(String, BTreeMap<String, String>)> = vec![];
    let mut add = |e: &dyn Coded| all.push((e.code().to_string(), e.args()));
    let id = || "rent-2027".to_string();
    for kind in SubsidyKind::ALL {
        add(&SubsidyError::NoRule { kind, on: date() });
        add(&Refusal::AlreadyGranted { kind, decision: "PVL01-S-2026-00001".into() });
        add(&RuleError::Overlap { kind, first: "a-1".into(), second: "b-2".into(), on: date() });
        add(&RuleError::KindChanged { id: id(), was: kind, now: SubsidyKind::Rent });
    }
    for state in ["awaiting_approval", "approved", "paid", "cancelled"] {
        for needed in ["awaiting_approval", "approved", "unpaid"] {
            add(&SubsidyError::WrongState { decision: "D-1".into(), seq: 3, state, needed });
            add(&SubsidyError::Nothing { decision: "D-1".into(), needed });
        }
    }
    for settlement in SettlementType::ALL {
        add(&RuleError::Tiers { id: id(), settlement, members: 4, found: 0 });
    }
    for basis in ["per_member", "per_family", "share_of_cost"] {
        add(&RuleError::FieldNotForBasis { id: id(), field: "percent", basis });
    }
    for e in [
        SubsidyError::Facts(vec![]),
        SubsidyError::RuleNotInForce { rule: "relocation-2023".into(), on: date() },
        SubsidyError::NoMci { on: date() },
        SubsidyError::Overflow,
        SubsidyError::NotEligible(vec![]),
        SubsidyError::MakerChecker { login: "marat".into(), decision: "D-1".into(), seq: 2 },
        SubsidyError::PaidIsFinal { decision: "D-1".into(), seq: 2 },
        SubsidyError::NoInstalment { decision: "D-1".into(), seq: 13 },
        SubsidyError::BadNumber { value: "X-1".into() },
        SubsidyError::AlreadyMovedAway { on: date() },
        SubsidyError::NotProposed { decision: "D-1".into(), seq: 2 },
    ] {
        add(&e);
    }
    for e in [
        RuleError::Json { detail: "expected value".into() },
        RuleError::BadId { id: "Bad Id".into() },
        RuleError::BadVersion { id: id() },
        RuleError::EndsBeforeStart { id: id(), valid_from: date(), valid_to: date() },
        RuleError::AmountOrTiers { id: id() },
        RuleError::NonPositive { id: id(), field: "cap_mci" },
        RuleError::Percent { id: id() },
        RuleError::Months { id: id(), field: "months", max: 120 },
        RuleError::DuplicateVersion { id: id(), version: 2 },
    ] {
        add(&e);
    }
    for r in [
        Refusal::NotInQuota,
        Refusal::QuotaLater { included_on: date(), decided_on: date() },
        Refusal::StatusNotInForce { decided_on: date() },
        Refusal::IinMissing { index: 1, regno: "PVL01-2026-00002".into(), name: "Әлия".into() },
        Refusal::MovedAway { on: date() },
    ] {
        add(&r);
    }
    // Codes of field errors made here and in the store, and of the edges' messages.
    for (code, pairs) in [
        ("subsidy-no-members", vec![]),
        ("subsidy-due-before-decision", vec![("decided_on", "2026-03-01")]),
        ("subsidy-settlement-type-required", vec![]),
        ("subsidy-housing-cost-required", vec![]),
        ("subsidy-housing-cost-positive", vec![]),
        ("subsidy-months-range", vec![("max", "12")]),
        ("subsidy-decision-before-arrival", vec![("arrival_date", "2026-01-10")]),
        ("subsidy-cli-bad-kind", vec![("value", "loan")]),
        ("subsidy-cli-bad-settlement", vec![("value", "city")]),
        ("ledger-paid-before-decision", vec![("decided_on", "2026-03-01")]),
        ("ledger-bad-month", vec![("value", "2026-13")]),
        ("ledger-period-order", vec![("from", "2026-03-01")]),
        ("recalc-bad-ref", vec![("value", "X/0")]),
        ("rule-version-next", vec![("id", "rent-2023"), ("next", "3")]),
    ] {
        all.push((code.to_string(), args(&pairs)));
    }
    for kind in SubsidyKind::ALL {
        all.push(("subsidy-field-not-used".into(), args(&[("kind", kind.as_str())])));
        let pairs = [("number", "D-1"), ("kind", kind.as_str()), ("regno", "PVL01-2026-00001")];
        all.push(("subsidy-cli-decision".into(), args(&pairs)));
    }
    let e = Explanation::per_member(4, MciHundredths::from_whole(70), 3692, Tiyn(103_376_000));
    all.push((e.code, e.args));
    let e = Explanation::per_family(MciHundredths::from_whole(400), 3692, Tiyn(147_680_000));
    all.push((e.code, e.args));
    for settlement in SettlementType::ALL {
        let e = Explanation::tier(settlement, 1, MciHundredths(1550), 4325, Tiyn(6_703_750));
        all.push((e.code, e.args));
    }
    let cap = Some(MciHundredths::from_whole(1160));
    for (cost, share, amount, cap_tiyn) in [
        (800_000_000, 400_000_000, 400_000_000, Some(Tiyn(428_272_000))),
        (1_000_000_000, 500_000_000, 428_272_000, Some(Tiyn(428_272_000))),
    ] {
        let e = Explanation::share(50, Tiyn(cost), Tiyn(share), cap, 3692, cap_tiyn, Tiyn(amount));
        all.push((e.code, e.args));
    }
    let e = Explanation::share(30, Tiyn(100), Tiyn(30), None, 3692, None, Tiyn(30));
    all.push((e.code, e.args));
    all
}

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("{lang}/subsidy.ftl does not parse: {errors:?}"));
    let mut bundle = FluentBundle::new(vec![lang.parse().expect("lang")]);
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).expect("add");
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
            Ok(n) if !v.starts_with('0') || v == "0" => {
                fluent_args.set(k.as_str(), FluentValue::from(n))
            }
            _ => fluent_args.set(k.as_str(), FluentValue::from(v.as_str())),
        }
    }
    let mut errors = vec![];
    let pattern = message.value().expect("value");
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    assert!(errors.is_empty(), "{id}: {errors:?}");
    text.into_owned()
}

#[test]
fn every_code_has_a_message_in_every_language_that_shows_its_arguments() {
    for (lang, source) in FILES {
        let bundle = bundle(lang, source);
        for (code, args) in every_message() {
            let text = format(&bundle, &code, &args);
            assert!(!text.contains('{') && !text.contains('$'), "{lang} {code}: {text}");
            for (name, value) in &args {
                if SELECTORS.contains(&name.as_str()) {
                    continue;
                }
                assert!(text.contains(value.as_str()), "{lang} {code} leaves out {name}: {text}");
            }
            // A selector never falls through to its raw value (the message listing the values
            // to type is the one place they belong).
            if code == "subsidy-cli-bad-kind" {
                continue;
            }
            for raw in ["mobility_certificate", "awaiting_approval", "share_of_cost"] {
                assert!(!text.contains(raw), "{lang} {code} shows {raw}: {text}");
            }
        }
    }
}

#[test]
fn a_family_of_four_reads_as_the_published_example() {
    let e = Explanation::per_member(4, MciHundredths::from_whole(70), 3692, Tiyn(103_376_000));
    let nb = |s: &str| s.replace(' ', "\u{a0}");
    let expected = [
        ("kk", "4 адам × 70 АЕК × 3 692 ₸ = 1 033 760 ₸"),
        ("ru", "4 чел. × 70 МРП × 3 692 ₸ = 1 033 760 ₸"),
        ("en", "4 persons × 70 MCI × 3 692 ₸ = 1 033 760 ₸"),
    ];
    for ((lang, source), (_, text)) in FILES.iter().zip(expected) {
        let got = format(&bundle(lang, source), &e.code, &e.args);
        // Spaces inside numbers are no-break; the others are ordinary.
        assert_eq!(got.replace('\u{a0}', " "), text, "{lang}");
        assert!(got.contains(&nb("1 033 760 ₸")), "{lang}: {got}");
    }
    let one = Explanation::per_member(1, MciHundredths::from_whole(70), 3692, Tiyn(25_844_000));
    let en = format(&bundle("en", FILES[2].1), &one.code, &one.args);
    assert!(en.starts_with("1 person ×"), "{en}");
}

#[test]
fn the_certificate_cap_is_explained() {
    let e = Explanation::share(
        50,
        Tiyn(1_000_000_000),
        Tiyn(500_000_000),
        Some(MciHundredths::from_whole(1160)),
        3692,
        Some(Tiyn(428_272_000)),
        Tiyn(428_272_000),
    );
    let en = format(&bundle("en", FILES[2].1), &e.code, &e.args).replace('\u{a0}', " ");
    assert_eq!(
        en,
        "50% × 10 000 000 ₸ = 5 000 000 ₸, above the cap: 1 160 MCI × 3 692 ₸ = 4 282 720 ₸"
    );
}
