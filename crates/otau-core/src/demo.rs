//! Realistic demo families for training, screenshots and benchmarks: Kazakh names in Cyrillic
//! with their passport Latin, the countries of origin most seen, children and elders, some
//! without an IIN. Deterministic for a given seed; pure (the seed and `today` come in).

use crate::iin::check_digit;
use crate::model::{
    AccommodationCategory, ConsentInput, DocumentInput, DocumentKind, Education, FamilyInput,
    MemberInput, Relation, Sex,
};
use chrono::{Datelike, Days, NaiveDate};
use std::collections::HashSet;

/// A small deterministic random source (xorshift64*): demo data must be reproducible.
#[derive(Debug, Clone)]
pub struct DemoRng(u64);

impl DemoRng {
    /// A generator from a seed (0 is replaced by a fixed constant).
    pub fn new(seed: u64) -> Self {
        DemoRng(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// (Cyrillic, passport Latin)
type Name = (&'static str, &'static str);

const MALE: &[Name] = &[
    ("Нұрсұлтан", "NURSULTAN"),
    ("Қайрат", "KAIRAT"),
    ("Ерлан", "YERLAN"),
    ("Бауыржан", "BAUYRZHAN"),
    ("Ғалым", "GALYM"),
    ("Өмірбек", "OMIRBEK"),
    ("Серік", "SERIK"),
    ("Асқар", "ASKAR"),
    ("Дәулет", "DAULET"),
    ("Жандос", "ZHANDOS"),
    ("Мұрат", "MURAT"),
    ("Талғат", "TALGAT"),
    ("Болат", "BOLAT"),
    ("Ержан", "YERZHAN"),
    ("Нұрлан", "NURLAN"),
    ("Арман", "ARMAN"),
    ("Ілияс", "ILIYAS"),
    ("Әлібек", "ALIBEK"),
    ("Бекзат", "BEKZAT"),
    ("Санжар", "SANZHAR"),
    ("Темірлан", "TEMIRLAN"),
    ("Ақжол", "AKZHOL"),
    ("Нұрасыл", "NURASYL"),
    ("Еркебұлан", "YERKEBULAN"),
    ("Мейірхан", "MEIIRKHAN"),
    ("Айдос", "AIDOS"),
    ("Рүстем", "RUSTEM"),
    ("Қуаныш", "KUANYSH"),
];

const FEMALE: &[Name] = &[
    ("Әлия", "ALIYA"),
    ("Жанар", "ZHANAR"),
    ("Ұлжан", "ULZHAN"),
    ("Гүлнара", "GULNARA"),
    ("Айгүл", "AIGUL"),
    ("Динара", "DINARA"),
    ("Сәуле", "SAULE"),
    ("Мөлдір", "MOLDIR"),
    ("Назерке", "NAZERKE"),
    ("Үміт", "UMIT"),
    ("Шынар", "SHYNAR"),
    ("Ақмарал", "AKMARAL"),
    ("Гүлжан", "GULZHAN"),
    ("Айнұр", "AINUR"),
    ("Перизат", "PERIZAT"),
    ("Маржан", "MARZHAN"),
    ("Іңкәр", "INKAR"),
    ("Балжан", "BALZHAN"),
    ("Зере", "ZERE"),
    ("Томирис", "TOMIRIS"),
    ("Аружан", "ARUZHAN"),
    ("Дана", "DANA"),
    ("Гауһар", "GAUKHAR"),
    ("Күләш", "KULASH"),
];

/// Family names (Cyrillic, Latin) used by whole families.
const SURNAMES: &[Name] = &[
    ("Сейітқали", "SEIITKALI"),
    ("Нұрланов", "NURLANOV"),
    ("Жұмабаев", "ZHUMABAYEV"),
    ("Ахметов", "AKHMETOV"),
    ("Қасымов", "KASYMOV"),
    ("Әбдірахманов", "ABDIRAKHMANOV"),
    ("Серікбаев", "SERIKBAYEV"),
    ("Омаров", "OMAROV"),
    ("Тоқтаров", "TOKTAROV"),
    ("Бекмұханов", "BEKMUKHANOV"),
    ("Исабеков", "ISABEKOV"),
    ("Мұхамедиев", "MUKHAMEDIYEV"),
    ("Төлеуов", "TOLEUOV"),
    ("Қуанышев", "KUANYSHEV"),
    ("Ермеков", "YERMEKOV"),
    ("Байжанов", "BAIZHANOV"),
    ("Оспанов", "OSPANOV"),
    ("Дүйсенов", "DUISENOV"),
    ("Шәріпов", "SHARIPOV"),
    ("Ғабдуллин", "GABDULLIN"),
    ("Құрманғали", "KURMANGALI"),
    ("Тұрсынбай", "TURSYNBAI"),
    ("Есенғали", "YESENGALI"),
    ("Әлімжан", "ALIMZHAN"),
];

/// (code, weight, passport letters)
const COUNTRIES: &[(&str, u64, &str)] = &[
    ("UZ", 40, "FA"),
    ("CN", 22, "E"),
    ("TM", 10, "A"),
    ("MN", 10, "E"),
    ("RU", 8, ""),
    ("AF", 3, "P"),
    ("IR", 2, "K"),
    ("TR", 2, "U"),
    ("KG", 3, "AC"),
];

/// (region, settlements)
const REGIONS: &[(&str, &[&str])] = &[
    ("KZ-55", &["Павлодар", "Екібастұз", "Ақсу", "Баянауыл", "Успен ауылы"]),
    ("KZ-11", &["Көкшетау", "Степногорск", "Щучинск", "Атбасар"]),
    ("KZ-10", &["Семей", "Аягөз", "Үржар", "Бесқарағай ауылы"]),
    ("KZ-63", &["Өскемен", "Риддер", "Зайсан", "Алтай"]),
    ("KZ-59", &["Петропавл", "Булаево", "Тайынша", "Сергеевка"]),
    ("KZ-39", &["Қостанай", "Рудный", "Лисаковск", "Арқалық"]),
    ("KZ-23", &["Атырау", "Құлсары", "Мақат"]),
    ("KZ-27", &["Орал", "Ақсай", "Жәнібек ауылы"]),
];

const CATEGORIES: &[AccommodationCategory] = &[
    AccommodationCategory::EmployerRequest,
    AccommodationCategory::FamilyReunification,
    AccommodationCategory::RegionInvites,
    AccommodationCategory::GovernmentRegion,
];

/// Demo families: `count` of them, deterministic for `seed`, all arrived by `today`.
/// `serial_base` keeps document numbers of different batches apart; `used_iins` holds the IINs
/// already taken (those in the database) and receives the new ones, so none repeats.
pub fn families(
    seed: u64,
    count: usize,
    today: NaiveDate,
    serial_base: u32,
    used_iins: &mut HashSet<String>,
) -> Vec<FamilyInput> {
    let mut rng = DemoRng::new(seed);
    let mut state = Serials { serial: serial_base, used_iins };
    (0..count).map(|_| family(&mut rng, today, &mut state)).collect()
}

/// Counters that keep generated numbers unique.
struct Serials<'a> {
    serial: u32,
    used_iins: &'a mut HashSet<String>,
}

fn family(rng: &mut DemoRng, today: NaiveDate, serial: &mut Serials<'_>) -> FamilyInput {
    let total: u64 = COUNTRIES.iter().map(|c| c.1).sum();
    let mut roll = rng.below(total);
    let mut country = COUNTRIES[0];
    for c in COUNTRIES {
        if roll < c.1 {
            country = *c;
            break;
        }
        roll -= c.1;
    }
    let arrival = days_before(today, rng.below(700));
    let (region, settlements) = *rng.pick(REGIONS);
    let surname = *rng.pick(SURNAMES);
    let head_is_male = rng.chance(85);
    let head_age = 24 + rng.below(36) as u32;
    let head_given = if head_is_male { *rng.pick(MALE) } else { *rng.pick(FEMALE) };
    let head_sex = if head_is_male { Sex::Male } else { Sex::Female };

    let head_birth = birth(rng, arrival, head_age);
    let mut members = vec![member(
        rng,
        Relation::Head,
        surname_for(surname, head_sex),
        head_given,
        None,
        head_sex,
        head_birth,
        arrival,
        country,
        serial,
        85,
    )];
    members[0].phone = Some(format!("+7701{:07}", rng.below(10_000_000)));
    members[0].consent = Some(ConsentInput {
        given_on: arrival,
        purpose: "Бейімдеу және кіріктіру қызметтерін көрсету".into(),
    });
    if rng.chance(80) {
        let sex = if head_is_male { Sex::Female } else { Sex::Male };
        let given = if sex == Sex::Male { *rng.pick(MALE) } else { *rng.pick(FEMALE) };
        let age = head_age.saturating_sub(5) + rng.below(8) as u32;
        let born = birth(rng, arrival, age.max(19));
        members.push(member(
            rng,
            Relation::Spouse,
            surname_for(surname, sex),
            given,
            None,
            sex,
            born,
            arrival,
            country,
            serial,
            55,
        ));
    }
    let children = if head_age < 28 { rng.below(2) } else { rng.below(5) };
    for _ in 0..children {
        let sex = if rng.chance(50) { Sex::Male } else { Sex::Female };
        let given = if sex == Sex::Male { *rng.pick(MALE) } else { *rng.pick(FEMALE) };
        let max_age = head_age.saturating_sub(19).clamp(1, 22);
        let age = rng.below(u64::from(max_age)) as u32;
        // Some children carry the patronymic form of the father's name as a surname.
        let child_surname = if head_is_male && rng.chance(25) {
            patronymic_surname(head_given, sex)
        } else {
            surname_for(surname, sex)
        };
        let born = birth(rng, arrival, age);
        members.push(member(
            rng,
            Relation::Child,
            child_surname,
            given,
            None,
            sex,
            born,
            arrival,
            country,
            serial,
            30,
        ));
    }
    if rng.chance(15) {
        let sex = if rng.chance(60) { Sex::Female } else { Sex::Male };
        let given = if sex == Sex::Male { *rng.pick(MALE) } else { *rng.pick(FEMALE) };
        let age = head_age + 22 + rng.below(10) as u32;
        let born = birth(rng, arrival, age);
        members.push(member(
            rng,
            Relation::Parent,
            surname_for(surname, sex),
            given,
            None,
            sex,
            born,
            arrival,
            country,
            serial,
            40,
        ));
    }
    FamilyInput {
        arrival_date: arrival,
        country_of_origin: country.0.to_string(),
        region: region.to_string(),
        settlement: rng.pick(settlements).to_string(),
        accommodation_category: Some(*rng.pick(CATEGORIES)),
        address: None,
        members,
    }
}

#[allow(clippy::too_many_arguments)]
fn member(
    rng: &mut DemoRng,
    relation: Relation,
    surname: (String, String),
    given: Name,
    patronymic: Option<Name>,
    sex: Sex,
    birth_date: NaiveDate,
    arrival: NaiveDate,
    country: (&str, u64, &str),
    serials: &mut Serials<'_>,
    iin_percent: u64,
) -> MemberInput {
    serials.serial += 1;
    let serial = &serials.serial;
    let age = years_between(birth_date, arrival);
    let iin = if rng.chance(iin_percent) {
        demo_iin(birth_date, sex, rng.next_u64(), serials.used_iins)
    } else {
        None
    };
    let document = if age < 16 {
        DocumentInput {
            kind: DocumentKind::BirthCertificate,
            number: format!("I-ТШ {:07}", *serial % 10_000_000),
            issuing_country: country.0.to_string(),
            issued_on: Some(days_after(birth_date, 10 + rng.below(30)).min(arrival)),
            valid_until: None,
        }
    } else {
        let issued = days_before(arrival, 200 + rng.below(2500))
            .max(days_after(birth_date, 16 * 366))
            .min(arrival);
        DocumentInput {
            kind: DocumentKind::Passport,
            number: format!("{}{:07}", country.2, *serial % 10_000_000),
            issuing_country: country.0.to_string(),
            issued_on: Some(issued),
            valid_until: Some(days_after(issued, 3652)),
        }
    };
    let education = Some(match age {
        0..=6 => Education::None,
        7..=17 => Education::GeneralSecondary,
        _ => *rng.pick(&[
            Education::Higher,
            Education::SecondaryVocational,
            Education::GeneralSecondary,
            Education::GeneralSecondary,
        ]),
    });
    MemberInput {
        relation,
        surname: surname.0,
        given_name: given.0.to_string(),
        patronymic: patronymic.map(|p| p.0.to_string()),
        surname_latin: Some(surname.1),
        given_name_latin: Some(given.1.to_string()),
        patronymic_latin: patronymic.map(|p| p.1.to_string()),
        birth_date,
        sex,
        iin,
        citizenship: None,
        education,
        document: Some(document),
        phone: None,
        email: None,
        consent: None,
    }
}

/// The family name in the form for this sex (-ов → -ова, -ев → -ева, -ин → -ина).
fn surname_for(name: Name, sex: Sex) -> (String, String) {
    if sex == Sex::Male {
        return (name.0.to_string(), name.1.to_string());
    }
    for suffix in ["ов", "ев", "ин"] {
        if name.0.ends_with(suffix) {
            return (format!("{}а", name.0), format!("{}A", name.1));
        }
    }
    (name.0.to_string(), name.1.to_string())
}

/// "Нұрсұлтанқызы" / "Нұрсұлтанұлы" from the father's given name.
fn patronymic_surname(father: Name, sex: Sex) -> (String, String) {
    match sex {
        Sex::Male => (format!("{}ұлы", father.0), format!("{}ULY", father.1)),
        Sex::Female => (format!("{}қызы", father.0), format!("{}KYZY", father.1)),
    }
}

fn birth(rng: &mut DemoRng, arrival: NaiveDate, age: u32) -> NaiveDate {
    let year = arrival.year() - age as i32 - 1;
    let day = 1 + rng.below(365);
    NaiveDate::from_yo_opt(year, day as u32).unwrap_or(arrival).min(arrival)
}

fn years_between(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

fn days_before(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

fn days_after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// A valid IIN for a birth date and sex that is not in `used` (and is then added to it).
fn demo_iin(birth: NaiveDate, sex: Sex, random: u64, used: &mut HashSet<String>) -> Option<String> {
    let century = match birth.year() {
        1800..=1899 => 1,
        1900..=1999 => 3,
        _ => 5,
    } + u8::from(sex == Sex::Female);
    for bump in 0..10_000u64 {
        let s = format!(
            "{:02}{:02}{:02}{}{:04}",
            birth.year() % 100,
            birth.month(),
            birth.day(),
            century,
            (random + bump) % 10_000
        );
        let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        let first11: [u8; 11] = digits.try_into().ok()?;
        if let Some(c) = check_digit(&first11) {
            let iin = format!("{s}{c}");
            if used.insert(iin.clone()) {
                return Some(iin);
            }
        }
    }
    None
}
