//! The population generator: reproducible, valid, spread over years and offices, within the
//! numbers an office has, with the spellings and the case work it promises.

use super::*;
use crate::names::fold_loose;
use crate::validate::validate_family;
use std::collections::{BTreeMap, HashMap};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn office(code: &str, region: &str) -> Office {
    Office { code: code.into(), region: region.into() }
}

fn spec(size: Size, years: RangeInclusive<i32>) -> Spec {
    let mut spec = Spec::new(7, vec![office("PVL01", "KZ-55")], size, date(2026, 11, 25));
    spec.years = Some(years);
    spec.casework = true;
    spec
}

fn acts(spec: &Spec, code: &str) -> Vec<Act> {
    Population::of(spec, code).expect("spec").acts().collect()
}

fn registered(acts: &[Act]) -> Vec<(NaiveDate, &NewFamily)> {
    acts.iter()
        .flat_map(|a| match a {
            Act::Register { on, families } => families.iter().map(|f| (*on, f)).collect(),
            _ => vec![],
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_population_and_another_seed_another() {
    let s = spec(Size::Families(300), 2024..=2026);
    assert_eq!(acts(&s, "PVL01"), acts(&s, "PVL01"));
    let other = Spec { seed: 8, ..s.clone() };
    assert_ne!(acts(&s, "PVL01"), acts(&other, "PVL01"));
}

#[test]
fn every_family_is_valid_on_its_registration_day_and_sizes_run_from_one_to_nine() {
    let s = spec(Size::Families(3000), 2019..=2026);
    let all = acts(&s, "PVL01");
    let families = registered(&all);
    assert_eq!(families.len(), 3000);
    let mut sizes = BTreeMap::new();
    for (on, f) in &families {
        if let Err(e) = validate_family(&f.input, *on) {
            panic!("family {} registered {on}: {e:?}\n{:#?}", f.key, f.input);
        }
        *sizes.entry(f.input.members.len()).or_insert(0) += 1;
    }
    assert_eq!(sizes.keys().copied().collect::<Vec<_>>(), (1..=9).collect::<Vec<_>>());
    let persons: usize = families.iter().map(|(_, f)| f.input.members.len()).sum();
    let mean = persons * 10 / families.len();
    assert!((33..=45).contains(&mean), "mean family size {mean}/10");
}

#[test]
fn registrations_spread_over_every_year_on_working_days_in_date_order() {
    let s = spec(Size::Families(2000), 2015..=2026);
    let all = acts(&s, "PVL01");
    let mut by_year = BTreeMap::new();
    for (on, _) in registered(&all) {
        assert!(!matches!(on.weekday(), Weekday::Sat | Weekday::Sun), "{on}");
        *by_year.entry(on.year()).or_insert(0) += 1;
    }
    assert_eq!(by_year.keys().copied().collect::<Vec<_>>(), (2015..=2026).collect::<Vec<_>>());
    let days: Vec<NaiveDate> = all.iter().map(Act::on).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "acts out of order");
    assert!(days.iter().all(|d| *d <= s.today));
}

#[test]
fn a_year_never_takes_more_persons_than_an_office_numbers() {
    let mut s = spec(Size::Persons(2_500), 2024..=2026);
    s.persons_per_year = 1_000;
    s.casework = false;
    let all = acts(&s, "PVL01");
    let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
    for (on, f) in registered(&all) {
        *by_year.entry(on.year()).or_default() += f.input.members.len();
    }
    assert!(by_year.values().all(|&p| p <= 1_000), "{by_year:?}");
    assert!(by_year.values().sum::<usize>() >= 2_500, "{by_year:?}");
    s.size = Size::Persons(3_001);
    assert_eq!(
        Population::of(&s, "PVL01").map(|_| ()),
        Err(SpecError::TooManyForYears { persons: 3_001, years: 3, max: 3_000 })
    );
}

#[test]
fn offices_share_the_population_and_never_share_a_number() {
    let mut s = spec(Size::Families(900), 2023..=2026);
    s.offices = vec![office("PVL01", "KZ-55"), office("AKM01", "KZ-11"), office("ALA01", "KZ-75")];
    let mut iins = HashSet::new();
    let mut documents = HashSet::new();
    let mut total = 0;
    for code in ["PVL01", "AKM01", "ALA01"] {
        let all = acts(&s, code);
        let families = registered(&all);
        total += families.len();
        assert_eq!(families.len(), 300, "{code}");
        let region = &s.offices.iter().find(|o| o.code == code).expect("office").region;
        let home = families.iter().filter(|(_, f)| &f.input.region == region).count();
        assert!(home > 250, "{code}: {home} of 300 settle in the office's region");
        for (_, f) in families {
            for m in &f.input.members {
                if let Some(iin) = &m.iin {
                    assert!(iins.insert(iin.clone()), "IIN {iin} twice");
                }
                let number = m.document.as_ref().expect("document").number.clone();
                assert!(documents.insert(number.clone()), "document {number} twice");
            }
        }
    }
    assert_eq!(total, 900);
    assert!(Population::of(&s, "KST01").is_err());
}

#[test]
fn names_come_in_every_spelling_the_passports_write() {
    let s = spec(Size::Families(2000), 2025..=2026);
    let all = acts(&s, "PVL01");
    let members: Vec<&MemberInput> =
        registered(&all).into_iter().flat_map(|(_, f)| f.input.members.iter()).collect();
    let latin: HashSet<&str> =
        members.iter().filter_map(|m| m.given_name_latin.as_deref()).collect();
    let cyrillic: HashSet<&str> = members.iter().map(|m| m.given_name.as_str()).collect();
    // Kazakh and Russian forms, and Uzbek, Chinese, Mongolian, Turkmen and Russian Latin.
    for expected in ["Бауыржан", "Бауржан", "Айгүл", "Айгуль"] {
        assert!(cyrillic.contains(expected), "{expected}");
    }
    for expected in ["QAYRAT", "NUERLAN", "KHAIRAT", "ŽANAR", "BAURZHAN"] {
        assert!(latin.contains(expected), "{expected}");
    }
    // Patronymics in -ұлы/-қызы, and surnames of either form.
    assert!(members.iter().any(|m| m.patronymic.as_deref().is_some_and(|p| p.ends_with("ұлы"))));
    assert!(members.iter().any(|m| m.surname.ends_with("қызы")));
    let keys: HashSet<String> =
        members.iter().flat_map(|m| [fold_loose(&m.surname), fold_loose(&m.given_name)]).collect();
    assert!(keys.len() > 400, "only {} distinct name keys", keys.len());
}

#[test]
fn case_work_follows_registration_with_statuses_quota_and_paid_subsidies() {
    let s = spec(Size::Families(3000), 2022..=2026);
    let all = acts(&s, "PVL01");
    let registered_on: HashMap<u64, NaiveDate> =
        registered(&all).into_iter().map(|(on, f)| (f.key, on)).collect();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for act in &all {
        let (family, kind) = match act {
            Act::Register { .. } => continue,
            Act::SetQuota { year, people, .. } => {
                assert!(*year >= 2022 && *people > 0);
                *kinds.entry("quota row").or_default() += 1;
                continue;
            }
            Act::Status { family, step: StatusStep::Decide { .. }, .. } => (family, "status"),
            Act::Status { family, step: StatusStep::Extend, .. } => (family, "extend"),
            Act::Status { family, step: StatusStep::End { .. }, .. } => (family, "end"),
            Act::Quota { family, .. } => (family, "quota"),
            Act::Subsidy { family, step: SubsidyStep::Prepare { .. }, .. } => (family, "prepare"),
            Act::Subsidy { family, step: SubsidyStep::Approve, .. } => (family, "approve"),
            Act::Subsidy { family, step: SubsidyStep::Pay { .. }, .. } => (family, "pay"),
            Act::Subsidy { family, step: SubsidyStep::Withdraw { .. }, .. } => (family, "withdraw"),
        };
        let on = registered_on.get(family).expect("a step of a registered family");
        assert!(act.on() > *on, "{act:?} before registration on {on}");
        *kinds.entry(kind).or_default() += 1;
    }
    for kind in ["quota row", "status", "extend", "end", "quota", "prepare", "approve", "pay"] {
        assert!(kinds.get(kind).is_some_and(|n| *n > 0), "no {kind}: {kinds:?}");
    }
}

#[test]
fn a_demo_office_registers_everyone_today() {
    let today = date(2026, 11, 25);
    let s = Spec::new(3, vec![office("DEMO01", "KZ-55")], Size::Families(50), today);
    let all = acts(&s, "DEMO01");
    assert_eq!(all.len(), 1);
    let families = registered(&all);
    assert_eq!(families.len(), 50);
    assert!(families.iter().all(|(on, f)| *on == today && f.input.arrival_date <= today));
    assert!(families.iter().any(|(_, f)| f.input.arrival_date < date(2025, 6, 1)));
}
