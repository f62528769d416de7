//! A generated population of any size, reproducible from a seed: families of 1 to 9 arriving
//! over several years at several offices, with the spellings their papers carry and the case
//! work that follows (kandas statuses, quota inclusions, subsidies and their payments), as a
//! stream of dated acts an office database replays.
//!
//! # Design
//! Pure: the seed and `today` come in, nothing is read. Each family is drawn from its own
//! generator seeded by (seed, office, family number), so an office's families do not depend on
//! how many the others have, and one office's stream can be written to its own database alone.
//! Numbers that must stay unique (IIN serials, document numbers) are partitioned by office.
//!
//! [`Population::acts`] yields, in date order, the registrations of each working day (one act
//! per day, a batch) and every later step of the case work; a step refers to its family by the
//! family's [`NewFamily::key`], which the writer maps to the registration number it got. Steps
//! after `today` are left out. An office numbers at most 99,999 persons a year, so a year's
//! registrations stop below that and what is left goes to the next year.

pub mod places;
pub mod spelling;

use crate::casework::status::{Decision, EndReason, Recommendation};
use crate::consent::ADULT_AGE;
use crate::dates::age_on;
use crate::demo::DemoRng;
use crate::iin::check_digit;
use crate::model::{
    AccommodationCategory, ConsentInput, ConsentMethod, ConsentPurpose, ConsentTerm, DocumentInput,
    DocumentKind, Education, FamilyInput, MemberInput, NoConsentInput, NoConsentReason, Relation,
    Sex,
};
use crate::subsidy::rules::{SettlementType, SubsidyKind};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use places::{Origin, ORIGINS};
use spelling::{Passport, FEMALE, MALE, SURNAMES};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::ops::RangeInclusive;

/// The most persons an office numbers in one year (`OFFICE-YYYY-NNNNN`).
pub const PERSONS_PER_YEAR: usize = 99_999;

/// How big a population is: a number of families, or of persons (whole families are added
/// until the number is reached).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// This many families.
    Families(usize),
    /// At least this many persons (at most one family more).
    Persons(usize),
}

/// An office of the population: its code and the region its families settle in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// Office code (`PVL01`).
    pub code: String,
    /// ISO 3166-2 region (`KZ-55`).
    pub region: String,
}

/// What population to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The seed: the same spec gives the same population.
    pub seed: u64,
    /// The offices the population is spread over (one database is one of them).
    pub offices: Vec<Office>,
    /// The size of the whole population, every office together.
    pub size: Size,
    /// The years of registration; `None`: every family registered on `today`, arrived within
    /// the two years before (a demo office).
    pub years: Option<RangeInclusive<i32>>,
    /// The last day anything happens.
    pub today: NaiveDate,
    /// Whether case work follows registration.
    pub casework: bool,
    /// The first year with a regional quota to include families in.
    pub quota_from: i32,
    /// People an office includes in its region's quota a year, at most.
    pub quota_people_per_year: u32,
    /// The first decision date of the subsidy rules a population's decisions are made under.
    pub subsidies_from: NaiveDate,
    /// Serial base of document numbers, so that batches added to one office later do not
    /// repeat earlier numbers.
    pub serial_base: u64,
    /// The most persons an office registers in a year ([`PERSONS_PER_YEAR`]: the numbers
    /// there are).
    pub persons_per_year: usize,
}

impl Spec {
    /// A spec with the defaults of the shipped reference data: quotas from 2022, subsidies
    /// under the rules of 1 July 2023, 1,000 people a year in the quota.
    pub fn new(seed: u64, offices: Vec<Office>, size: Size, today: NaiveDate) -> Spec {
        Spec {
            seed,
            offices,
            size,
            years: None,
            today,
            casework: false,
            quota_from: 2022,
            quota_people_per_year: 1_000,
            subsidies_from: crate::dates::ymd(2023, 7, 1),
            serial_base: 0,
            persons_per_year: PERSONS_PER_YEAR,
        }
    }
}

/// Why a spec cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    /// No office given, or the office asked for is not in the spec.
    #[error("office {code:?} is not among the population's offices")]
    UnknownOffice {
        /// The code asked for.
        code: String,
    },
    /// A year of registration is after today's.
    #[error("the years {first}-{last} go past today ({today})")]
    YearsAfterToday {
        /// First year.
        first: i32,
        /// Last year.
        last: i32,
        /// Today.
        today: NaiveDate,
    },
    /// More persons than an office may number in those years.
    #[error("{persons} persons do not fit in {years} years of one office (at most {max})")]
    TooManyForYears {
        /// Persons asked for one office.
        persons: usize,
        /// Years given.
        years: usize,
        /// The most that fit.
        max: usize,
    },
}

/// One family to register, with the key later steps refer to it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFamily {
    /// The family's number in its office's stream.
    pub key: u64,
    /// The family as a clerk enters it.
    pub input: FamilyInput,
}

/// A step of a family's kandas status (for the whole family).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusStep {
    /// The application, the commission's recommendation and the decision, recorded together.
    Decide {
        /// Applied on.
        applied_on: NaiveDate,
        /// Recommended (or not) on.
        recommended_on: NaiveDate,
        /// The recommendation.
        recommendation: Recommendation,
        /// Decided on (the act's date).
        decided_on: NaiveDate,
        /// The decision.
        decision: Decision,
        /// Why it was refused.
        refusal_reason: Option<String>,
    },
    /// The one extension, by the reference length.
    Extend,
    /// The end of the status (citizenship).
    End {
        /// Why it ended.
        reason: EndReason,
    },
}

/// A step of one subsidy decision of a family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubsidyStep {
    /// Prepared by a clerk (the decision date is the act's date).
    Prepare {
        /// The kind.
        kind: SubsidyKind,
        /// The first instalment's due date.
        first_due_on: NaiveDate,
        /// Town or village (rent).
        settlement_type: Option<SettlementType>,
    },
    /// Every instalment approved by a manager.
    Approve,
    /// The approved instalments due by the act's date paid by an order.
    Pay {
        /// The payment order's number.
        order: String,
    },
    /// Withdrawn by the clerk before approval, with a reason.
    Withdraw {
        /// Why.
        reason: String,
    },
}

/// One dated act of an office's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// Families registered on a day (one batch).
    Register {
        /// The day.
        on: NaiveDate,
        /// The families.
        families: Vec<NewFamily>,
    },
    /// The region's quota for a year, set when the reference data has none.
    SetQuota {
        /// The first day of the year.
        on: NaiveDate,
        /// Region.
        region: String,
        /// Year.
        year: i32,
        /// People.
        people: i64,
    },
    /// A step of a family's status.
    Status {
        /// The day.
        on: NaiveDate,
        /// The family's key.
        family: u64,
        /// What is done.
        step: StatusStep,
    },
    /// The family included in its region's quota.
    Quota {
        /// The day of the decision.
        on: NaiveDate,
        /// The family's key.
        family: u64,
    },
    /// A step of a subsidy decision.
    Subsidy {
        /// The day.
        on: NaiveDate,
        /// The family's key.
        family: u64,
        /// Which of the family's decisions (0, 1).
        decision: u8,
        /// What is done.
        step: SubsidyStep,
    },
}

impl Act {
    /// The day of the act.
    pub fn on(&self) -> NaiveDate {
        match self {
            Act::Register { on, .. }
            | Act::SetQuota { on, .. }
            | Act::Status { on, .. }
            | Act::Quota { on, .. }
            | Act::Subsidy { on, .. } => *on,
        }
    }
}

/// The population of one office of a spec.
#[derive(Debug, Clone)]
pub struct Population {
    spec: Spec,
    office: usize,
}

impl Population {
    /// The population of the office `code` (its share of the spec's size).
    pub fn of(spec: &Spec, code: &str) -> Result<Population, SpecError> {
        let office = spec
            .offices
            .iter()
            .position(|o| o.code == code)
            .ok_or_else(|| SpecError::UnknownOffice { code: code.to_string() })?;
        if let Some(years) = &spec.years {
            if *years.end() > spec.today.year() || years.is_empty() {
                return Err(SpecError::YearsAfterToday {
                    first: *years.start(),
                    last: *years.end(),
                    today: spec.today,
                });
            }
        }
        let population = Population { spec: spec.clone(), office };
        let years = population.years().len();
        if let Size::Persons(persons) = population.share() {
            let max = spec.persons_per_year * years;
            if persons > max {
                return Err(SpecError::TooManyForYears { persons, years, max });
            }
        }
        Ok(population)
    }

    /// This office's share of the spec's size: equal shares, the first offices taking what does
    /// not divide.
    pub fn share(&self) -> Size {
        let n = self.spec.offices.len().max(1);
        let part = |total: usize| total / n + usize::from(self.office < total % n);
        match self.spec.size {
            Size::Families(f) => Size::Families(part(f)),
            Size::Persons(p) => Size::Persons(part(p)),
        }
    }

    /// The years of registration.
    fn years(&self) -> Vec<i32> {
        match &self.spec.years {
            Some(years) => years.clone().collect(),
            None => vec![self.spec.today.year()],
        }
    }

    /// Every act of this office, in date order.
    pub fn acts(&self) -> Acts {
        let years = self.years();
        // Yearly weights vary by up to a third around the mean; the current year counts only
        // to today.
        let mut rng = DemoRng::new(mix(self.spec.seed, 0xA11CE, self.office as u64));
        let weights: Vec<u64> = years
            .iter()
            .map(|&y| {
                let w = 75 + rng.below(51);
                let days = working_days(y, self.spec.today, self.spec.years.is_none()).len() as u64;
                w * days.max(1)
            })
            .collect();
        let (total, persons_mode) = match self.share() {
            Size::Families(f) => (f, false),
            Size::Persons(p) => (p, true),
        };
        let sum: u64 = weights.iter().sum::<u64>().max(1);
        let mut targets: Vec<usize> =
            weights.iter().map(|w| (total as u64 * w / sum) as usize).collect();
        let short = total - targets.iter().sum::<usize>();
        if let Some(last) = targets.last_mut() {
            *last += short;
        }
        Acts {
            spec: self.spec.clone(),
            office: self.office,
            years,
            targets,
            persons_mode,
            year_index: 0,
            days: vec![],
            day_index: 0,
            year_units: 0,
            year_persons: 0,
            carry: 0,
            started: false,
            lookahead: None,
            next_key: 0,
            next_person: 0,
            used_iins: HashSet::new(),
            pending: BinaryHeap::new(),
            order: 0,
            quota_planned: 0,
            quota_year: 0,
        }
    }
}

/// The working days (Monday to Friday) of a year up to `today`; only `today` for a demo office.
fn working_days(year: i32, today: NaiveDate, only_today: bool) -> Vec<NaiveDate> {
    if only_today {
        return vec![today];
    }
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else { return vec![] };
    first
        .iter_days()
        .take_while(|d| d.year() == year && *d <= today)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect()
}

/// Mixes numbers into one seed (splitmix64 steps).
fn mix(a: u64, b: u64, c: u64) -> u64 {
    let mut x = a ^ b.rotate_left(21) ^ c.rotate_left(42);
    for _ in 0..2 {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
    }
    x
}

/// The acts of one office, generated as they are read.
#[derive(Debug)]
pub struct Acts {
    spec: Spec,
    office: usize,
    years: Vec<i32>,
    /// Units (families or persons) each year should reach.
    targets: Vec<usize>,
    persons_mode: bool,
    year_index: usize,
    days: Vec<NaiveDate>,
    day_index: usize,
    /// Units reached this year.
    year_units: usize,
    year_persons: usize,
    /// Units a full earlier year could not take.
    carry: usize,
    /// Whether the first year has begun.
    started: bool,
    /// The next registration day, generated ahead to know which steps come before it.
    lookahead: Option<Act>,
    next_key: u64,
    next_person: u64,
    used_iins: HashSet<u64>,
    /// Later steps, by (date, order of planning).
    pending: BinaryHeap<Reverse<(NaiveDate, u64, Pending)>>,
    order: u64,
    quota_planned: u32,
    quota_year: i32,
}

/// A planned step, ordered only by the key it is stored under.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending(Act);

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

impl Acts {
    /// Marks IINs as taken (those already in the database), so none is given twice.
    pub fn avoid_iins<'a>(&mut self, iins: impl IntoIterator<Item = &'a str>) {
        self.used_iins.extend(iins.into_iter().filter_map(|i| i.parse::<u64>().ok()));
    }

    fn plan(&mut self, act: Act) {
        if act.on() <= self.spec.today {
            self.order += 1;
            self.pending.push(Reverse((act.on(), self.order, Pending(act))));
        }
    }

    /// The next registration day's batch, or `None` when every year is done.
    fn next_day(&mut self) -> Option<Act> {
        loop {
            if self.day_index >= self.days.len() {
                if self.started {
                    // The year is over: what it did not reach goes to the next.
                    let target = self.targets.get(self.year_index).copied().unwrap_or(0);
                    self.carry = (target + self.carry).saturating_sub(self.year_units);
                    self.year_index += 1;
                }
                self.started = true;
                let year = *self.years.get(self.year_index)?;
                self.days = working_days(year, self.spec.today, self.spec.years.is_none());
                self.day_index = 0;
                self.year_units = 0;
                self.year_persons = 0;
                if self.spec.casework && year >= self.spec.quota_from {
                    let on = NaiveDate::from_ymd_opt(year, 1, 1)?;
                    let region = self.spec.offices[self.office].region.clone();
                    let people = i64::from(self.spec.quota_people_per_year);
                    self.plan(Act::SetQuota { on, region, year, people });
                }
                continue;
            }
            let day = self.days[self.day_index];
            let target = self.targets.get(self.year_index).copied().unwrap_or(0) + self.carry;
            // Spread the year's target evenly over its working days.
            let by_tonight = target * (self.day_index + 1) / self.days.len();
            self.day_index += 1;
            let mut families = vec![];
            while self.year_units < by_tonight {
                let key = self.next_key;
                let mut rng = DemoRng::new(mix(self.spec.seed, self.office as u64 + 1, key));
                let size = family_size(&mut rng);
                if self.year_persons + size > self.spec.persons_per_year {
                    // The year's numbers are used up: the rest waits for the next year.
                    self.day_index = self.days.len();
                    break;
                }
                self.next_key += 1;
                let family = self.family(&mut rng, key, size, day);
                self.year_persons += family.input.members.len();
                self.year_units += if self.persons_mode { family.input.members.len() } else { 1 };
                families.push(family);
            }
            if !families.is_empty() {
                return Some(Act::Register { on: day, families });
            }
        }
    }

    fn family(&mut self, rng: &mut DemoRng, key: u64, size: usize, day: NaiveDate) -> NewFamily {
        let origin = pick_origin(rng);
        let passport = Passport::of_country(origin.code);
        let demo = self.spec.years.is_none();
        let arrival =
            if demo { days_before(day, rng.below(700)) } else { days_before(day, rng.below(60)) }
                .max(crate::validate::EARLIEST_ARRIVAL_DATE);
        let office = &self.spec.offices[self.office];
        let region = if rng.chance(95) {
            office.region.clone()
        } else {
            rng.pick(places::SETTLEMENTS).0.to_string()
        };
        let settlement = rng.pick(places::settlements(&region)).to_string();

        // The case work is drawn first: a family that will be paid a subsidy has every IIN.
        let plan = if self.spec.casework { self.case_plan(rng, day) } else { CasePlan::default() };
        let mut members = compose(rng, size, arrival);
        for m in &mut members {
            let iin_percent = if plan.subsidy {
                100
            } else if m.age >= 16 {
                75
            } else {
                55
            };
            m.iin = rng.chance(iin_percent);
        }
        let head_father = *rng.pick(MALE);
        let surname = Surname::draw(rng, origin.code);
        let head_given = members[0].given;
        let mut out = Vec::with_capacity(members.len());
        for m in &members {
            out.push(self.member(
                rng,
                m,
                &surname,
                head_given,
                head_father,
                arrival,
                origin,
                passport,
            ));
        }
        out[0].phone = Some(format!(
            "+7{}{:07}",
            rng.pick(&["701", "702", "705", "707", "747", "775", "778"]),
            rng.below(10_000_000)
        ));
        // Every adult signs the centre's consent form; a minor is covered by the head's.
        let head_adult = age_on(out[0].birth_date, day) >= ADULT_AGE;
        for (i, m) in out.iter_mut().enumerate() {
            if i > 0 && head_adult && age_on(m.birth_date, day) < ADULT_AGE {
                m.no_consent = Some(NoConsentInput {
                    reason: NoConsentReason::Minor,
                    covered_by: Some(0),
                    note: None,
                });
            } else {
                m.consent = Some(ConsentInput {
                    given_on: day,
                    purpose_code: ConsentPurpose::Adaptation,
                    purpose: String::new(),
                    term: ConsentTerm::ProgrammeEnd,
                    valid_until: None,
                    method: ConsentMethod::SignedForm,
                });
            }
        }
        let input = FamilyInput {
            arrival_date: arrival,
            country_of_origin: origin.code.to_string(),
            region: region.clone(),
            settlement: settlement.clone(),
            accommodation_category: Some(*rng.pick(&[
                AccommodationCategory::EmployerRequest,
                AccommodationCategory::FamilyReunification,
                AccommodationCategory::FamilyReunification,
                AccommodationCategory::RegionInvites,
                AccommodationCategory::GovernmentRegion,
            ])),
            address: None,
            members: out,
        };
        if self.spec.casework {
            let village = places::is_village(&settlement);
            self.schedule(rng, key, day, &plan, input.members.len(), village);
        }
        NewFamily { key, input }
    }

    #[allow(clippy::too_many_arguments)]
    fn member(
        &mut self,
        rng: &mut DemoRng,
        m: &Draft,
        surname: &Surname,
        head_given: &'static str,
        head_father: &'static str,
        arrival: NaiveDate,
        origin: Origin,
        passport: Passport,
    ) -> MemberInput {
        self.next_person += 1;
        let male = m.sex == Sex::Male;
        // The father whose name a patronymic (or a patronymic-form surname) carries.
        let father = match m.relation {
            Relation::Child => Some(if m.head_is_father { head_given } else { *rng.pick(MALE) }),
            Relation::Grandchild => Some(*rng.pick(MALE)),
            Relation::Head | Relation::Sibling => Some(head_father),
            _ => None,
        };
        let family_name = match m.relation {
            Relation::Spouse | Relation::ChildInLaw => Surname::draw(rng, origin.code).of(male),
            Relation::Child | Relation::Grandchild if surname.from_father && m.head_is_father => {
                spelling::patronymic(father.unwrap_or(head_given), male)
            }
            _ => surname.of(male),
        };
        let russian = rng.chance(origin.russian_written);
        let kazakh_patronymic = father.filter(|_| rng.chance(55));
        let patronymic = match kazakh_patronymic {
            Some(f) if origin.code == "RU" && rng.chance(50) => {
                Some(spelling::russian_patronymic(f, male))
            }
            Some(f) => Some(spelling::patronymic(f, male)),
            None => None,
        };
        let written = |kazakh: &str, given: bool| {
            if russian {
                spelling::russian_form(kazakh, given)
            } else {
                kazakh.to_string()
            }
        };
        // Russian papers transliterate the Russian form; the others the Kazakh form.
        let on_passport = |kazakh: &str, given: bool| {
            let source = if passport == Passport::Ru {
                spelling::russian_form(kazakh, given)
            } else {
                kazakh.to_string()
            };
            spelling::latin(&source, passport)
        };
        let iin = if m.iin { self.iin(m.birth, m.sex, rng.next_u64()) } else { None };
        let serial = self.serial();
        let document = if m.age < 16 {
            DocumentInput {
                kind: DocumentKind::BirthCertificate,
                number: format!("{}{:07}", origin.certificate_prefix, serial % 10_000_000),
                issuing_country: origin.code.to_string(),
                issued_on: Some(days_after(m.birth, 10 + rng.below(30)).min(arrival)),
                valid_until: None,
            }
        } else {
            let issued = days_before(arrival, 100 + rng.below(3000))
                .max(days_after(m.birth, 16 * 366))
                .min(arrival);
            let digits = origin.passport_digits;
            let modulus = 10u64.pow(digits as u32);
            DocumentInput {
                kind: DocumentKind::Passport,
                number: format!(
                    "{}{:0width$}",
                    origin.passport_prefix,
                    serial % modulus,
                    width = digits
                ),
                issuing_country: origin.code.to_string(),
                issued_on: Some(issued),
                valid_until: Some(days_after(issued, 3652)),
            }
        };
        let education = Some(match m.age {
            0..=6 => Education::None,
            7..=17 => Education::GeneralSecondary,
            _ => *rng.pick(&[
                Education::Higher,
                Education::SecondaryVocational,
                Education::GeneralSecondary,
                Education::GeneralSecondary,
                Education::None,
            ]),
        });
        MemberInput {
            relation: m.relation,
            surname: written(&family_name, false),
            given_name: written(m.given, true),
            patronymic: patronymic.as_deref().map(|p| {
                if p.ends_with("вич") || p.ends_with("вна") {
                    p.to_string()
                } else {
                    written(p, false)
                }
            }),
            surname_latin: Some(on_passport(&family_name, false)),
            given_name_latin: Some(on_passport(m.given, true)),
            patronymic_latin: None,
            birth_date: m.birth,
            sex: m.sex,
            iin,
            citizenship: None,
            education,
            document: Some(document),
            phone: None,
            email: None,
            consent: None,
            no_consent: None,
        }
    }

    /// A document serial unique in this office and apart from every other office's.
    fn serial(&mut self) -> u64 {
        let offices = self.spec.offices.len().max(1) as u64;
        let n = (self.spec.serial_base + self.next_person) * offices + self.office as u64;
        // A bijection of 0..10^7 (7919 is prime to 10): neighbours get unrelated numbers.
        (n % 10_000_000) * 7919 % 10_000_000 + n / 10_000_000 * 10_000_000
    }

    /// A valid IIN for a birth date and sex, whose serial is this office's and not taken yet.
    fn iin(&mut self, birth: NaiveDate, sex: Sex, random: u64) -> Option<String> {
        let century = match birth.year() {
            1800..=1899 => 1,
            1900..=1999 => 3,
            _ => 5,
        } + u8::from(sex == Sex::Female);
        let offices = self.spec.offices.len().max(1) as u64;
        let slots = (10_000 / offices).max(1);
        for bump in 0..slots {
            let serial = ((random + bump) % slots) * offices + self.office as u64;
            let s = format!(
                "{:02}{:02}{:02}{}{:04}",
                birth.year() % 100,
                birth.month(),
                birth.day(),
                century,
                serial
            );
            let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
            let first11: [u8; 11] = digits.try_into().ok()?;
            if let Some(c) = check_digit(&first11) {
                let iin = format!("{s}{c}");
                if self.used_iins.insert(iin.parse().ok()?) {
                    return Some(iin);
                }
            }
        }
        None
    }

    /// What case work a family registered on `day` will have.
    fn case_plan(&mut self, rng: &mut DemoRng, day: NaiveDate) -> CasePlan {
        let status = rng.chance(70);
        let granted = status && rng.chance(92);
        if day.year() != self.quota_year {
            self.quota_year = day.year();
            self.quota_planned = 0;
        }
        let quota = granted
            && day.year() >= self.spec.quota_from
            && self.quota_planned < self.spec.quota_people_per_year * 9 / 10
            && rng.chance(35);
        let subsidy = quota && rng.chance(85);
        CasePlan { status, granted, quota, subsidy }
    }

    /// Plans the steps of a family's case work.
    fn schedule(
        &mut self,
        rng: &mut DemoRng,
        key: u64,
        day: NaiveDate,
        plan: &CasePlan,
        size: usize,
        village: bool,
    ) {
        if !plan.status {
            return;
        }
        let applied_on = days_after(day, 1 + rng.below(25));
        let recommended_on = days_after(applied_on, 10 + rng.below(20));
        let decided_on = days_after(recommended_on, 2 + rng.below(8));
        let (recommendation, decision, refusal_reason) = if plan.granted {
            (Recommendation::Recommended, Decision::Granted, None)
        } else {
            (
                Recommendation::NotRecommended,
                Decision::Refused,
                Some("Этникалық тегін растайтын құжат жоқ".to_string()),
            )
        };
        let step = StatusStep::Decide {
            applied_on,
            recommended_on,
            recommendation,
            decided_on,
            decision,
            refusal_reason,
        };
        self.plan(Act::Status { on: decided_on, family: key, step });
        if !plan.granted {
            return;
        }
        if rng.chance(55) {
            // Most become citizens within the year of their status.
            let on = days_after(decided_on, 180 + rng.below(150));
            self.plan(Act::Status {
                on,
                family: key,
                step: StatusStep::End { reason: EndReason::Citizenship },
            });
        } else if rng.chance(25) {
            let on = days_after(decided_on, 300 + rng.below(50));
            self.plan(Act::Status { on, family: key, step: StatusStep::Extend });
        }
        if !plan.quota {
            return;
        }
        let included_on = days_after(decided_on, 5 + rng.below(40));
        if included_on <= self.spec.today {
            self.quota_planned += size as u32;
        }
        self.plan(Act::Quota { on: included_on, family: key });
        if !plan.subsidy {
            return;
        }
        let mut decisions = vec![SubsidyKind::Relocation];
        if rng.chance(40) {
            decisions.push(SubsidyKind::Rent);
        }
        for (n, kind) in decisions.into_iter().enumerate() {
            let decided_on = days_after(included_on, 10 + rng.below(30) + 20 * n as u64);
            if decided_on < self.spec.subsidies_from {
                continue;
            }
            let first_due_on = days_after(decided_on, 5 + rng.below(20));
            let settlement_type = (kind == SubsidyKind::Rent).then_some(if village {
                SettlementType::Village
            } else {
                SettlementType::Town
            });
            let decision = n as u8;
            let step = SubsidyStep::Prepare { kind, first_due_on, settlement_type };
            self.plan(Act::Subsidy { on: decided_on, family: key, decision, step });
            if rng.chance(4) {
                let on = days_after(decided_on, 1 + rng.below(5));
                let reason = "Отбасы өтінішін қайтарып алды".to_string();
                let step = SubsidyStep::Withdraw { reason };
                self.plan(Act::Subsidy { on, family: key, decision, step });
                continue;
            }
            let approved_on = days_after(decided_on, 2 + rng.below(12));
            self.plan(Act::Subsidy {
                on: approved_on,
                family: key,
                decision,
                step: SubsidyStep::Approve,
            });
            // A one-time subsidy is paid once; rent month by month as it falls due.
            let months = if kind == SubsidyKind::Rent { 12 } else { 1 };
            for month in 0..months {
                let due = first_due_on
                    .checked_add_months(chrono::Months::new(month))
                    .unwrap_or(first_due_on);
                let paid_on = days_after(due.max(approved_on), rng.below(6));
                let order = format!("ПП-{}-{:06}", paid_on.year(), rng.below(1_000_000));
                let step = SubsidyStep::Pay { order };
                self.plan(Act::Subsidy { on: paid_on, family: key, decision, step });
            }
        }
    }
}

impl Iterator for Acts {
    type Item = Act;

    fn next(&mut self) -> Option<Act> {
        if self.lookahead.is_none() {
            self.lookahead = self.next_day();
        }
        // Registrations of a day come before the steps planned for that day or later.
        let pending_first = match (&self.lookahead, self.pending.peek()) {
            (Some(register), Some(Reverse((on, _, _)))) => *on < register.on(),
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if pending_first {
            self.pending.pop().map(|Reverse((_, _, Pending(act)))| act)
        } else {
            self.lookahead.take()
        }
    }
}

/// Which case work a family will have.
#[derive(Debug, Clone, Copy, Default)]
struct CasePlan {
    status: bool,
    granted: bool,
    quota: bool,
    subsidy: bool,
}

/// A family name as the family carries it.
struct Surname {
    /// The male form (Kazakh Cyrillic).
    male: String,
    /// Children take the patronymic form of their father's name instead.
    from_father: bool,
}

impl Surname {
    fn draw(rng: &mut DemoRng, origin: &str) -> Surname {
        // Families from China and Mongolia often carry the grandfather's name with no suffix.
        let bare = matches!(origin, "CN" | "MN") && rng.chance(40);
        let male = if bare {
            rng.pick(MALE).to_string()
        } else if rng.chance(45) {
            rng.pick(SURNAMES).to_string()
        } else {
            let given: &&str = rng.pick(MALE);
            spelling::surname_from(given)
        };
        Surname { male, from_father: rng.chance(20) }
    }

    fn of(&self, male: bool) -> String {
        if male {
            self.male.clone()
        } else {
            spelling::feminine(&self.male)
        }
    }
}

/// A member before names and numbers are given.
struct Draft {
    relation: Relation,
    sex: Sex,
    given: &'static str,
    birth: NaiveDate,
    age: u32,
    iin: bool,
    /// The head is this child's father (a male head's own child).
    head_is_father: bool,
}

/// Family sizes 1–9, weighted as families arrive (most of three to five).
fn family_size(rng: &mut DemoRng) -> usize {
    const WEIGHTS: [u64; 9] = [9, 14, 19, 21, 16, 10, 6, 3, 2];
    let mut roll = rng.below(WEIGHTS.iter().sum());
    for (i, w) in WEIGHTS.iter().enumerate() {
        if roll < *w {
            return i + 1;
        }
        roll -= w;
    }
    4
}

fn pick_origin(rng: &mut DemoRng) -> Origin {
    let mut roll = rng.below(ORIGINS.iter().map(|o| o.weight).sum());
    for o in ORIGINS {
        if roll < o.weight {
            return *o;
        }
        roll -= o.weight;
    }
    ORIGINS[0]
}

/// The members of a family of `size`: a head, usually a spouse, children, and in larger
/// families the head's parents, a married child with grandchildren, or a sibling.
fn compose(rng: &mut DemoRng, size: usize, arrival: NaiveDate) -> Vec<Draft> {
    let head_male = rng.chance(if size == 1 { 60 } else { 85 });
    let head_age = if size == 1 { 18 + rng.below(62) } else { 22 + rng.below(45) } as u32;
    let given =
        |rng: &mut DemoRng, male: bool| if male { *rng.pick(MALE) } else { *rng.pick(FEMALE) };
    let mut out = vec![];
    let mut add =
        |rng: &mut DemoRng, relation: Relation, male: bool, age: u32, head_is_father: bool| {
            let sex = if male { Sex::Male } else { Sex::Female };
            let birth = birth_date(rng, arrival, age);
            out.push(Draft {
                relation,
                sex,
                given: given(rng, male),
                birth,
                age,
                iin: false,
                head_is_father,
            });
        };
    add(rng, Relation::Head, head_male, head_age, false);
    let mut left = size - 1;
    if left > 0 && rng.chance(88) {
        let age = (head_age + rng.below(8) as u32).saturating_sub(4).max(18);
        add(rng, Relation::Spouse, !head_male, age, false);
        left -= 1;
    }
    if left >= 2 && head_age < 60 && rng.chance(30) {
        let n = if left >= 3 && rng.chance(50) { 2 } else { 1 };
        for i in 0..n {
            let age = (head_age + 22 + rng.below(12) as u32).min(95);
            let male = (i == 0 && n == 2) || rng.chance(40);
            add(rng, Relation::Parent, male, age, false);
        }
        left -= n;
    }
    if left >= 3 && head_age >= 45 && rng.chance(45) {
        let child_age = head_age - 20 - rng.below(6) as u32;
        let male = rng.chance(60);
        add(rng, Relation::Child, male, child_age, head_male);
        let in_law_age = child_age.saturating_sub(rng.below(4) as u32).max(18);
        add(rng, Relation::ChildInLaw, !male, in_law_age, false);
        left -= 2;
        let grandchildren = left.min(1 + rng.below(3) as usize);
        for _ in 0..grandchildren {
            let age = rng.below(u64::from(child_age.saturating_sub(19).clamp(1, 12))) as u32;
            let male = rng.chance(50);
            add(rng, Relation::Grandchild, male, age, false);
        }
        left -= grandchildren;
    }
    if left >= 1 && rng.chance(8) {
        let age = (head_age + rng.below(10) as u32).saturating_sub(5).max(16);
        let male = rng.chance(50);
        add(rng, Relation::Sibling, male, age, false);
        left -= 1;
    }
    let max_child_age = head_age.saturating_sub(18).clamp(1, 30);
    for _ in 0..left {
        let age = rng.below(u64::from(max_child_age)) as u32;
        let male = rng.chance(51);
        add(rng, Relation::Child, male, age, head_male);
    }
    out
}

fn birth_date(rng: &mut DemoRng, arrival: NaiveDate, age: u32) -> NaiveDate {
    let year = arrival.year() - age as i32 - 1;
    let day = 1 + rng.below(365) as u32;
    NaiveDate::from_yo_opt(year, day)
        .unwrap_or(arrival)
        .min(arrival)
        .max(crate::validate::EARLIEST_BIRTH_DATE)
}

fn days_before(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

fn days_after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

#[cfg(test)]
mod tests;
