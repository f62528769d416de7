//! The regions of Kazakhstan (ISO 3166-2) and the countries kandas most often come from.
//!
//! # Context
//! Twenty regions: seventeen oblasts and three cities of republican significance, as in force
//! since 8 June 2022 (Abai, Zhetisu and Ulytau were formed then; records dated earlier may name
//! the old regions). Names in Kazakh, Russian and English, each with its administrative centre.
//! Lookups are exact (`KZ-55`, `UZ`): validation keeps stored codes canonical.

/// A region of Kazakhstan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region {
    /// ISO 3166-2 code, e.g. `KZ-55`.
    pub code: &'static str,
    /// Name in Kazakh.
    pub name_kk: &'static str,
    /// Name in Russian.
    pub name_ru: &'static str,
    /// Name in English.
    pub name_en: &'static str,
    /// Administrative centre (in English; the city itself for the three cities).
    pub centre: &'static str,
}

/// A country, for the country of origin, citizenship and the issuer of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, e.g. `UZ`.
    pub code: &'static str,
    /// Name in Kazakh.
    pub name_kk: &'static str,
    /// Name in Russian.
    pub name_ru: &'static str,
    /// Name in English.
    pub name_en: &'static str,
}

const fn r(
    code: &'static str,
    name_kk: &'static str,
    name_ru: &'static str,
    name_en: &'static str,
    centre: &'static str,
) -> Region {
    Region { code, name_kk, name_ru, name_en, centre }
}

/// The 20 regions, by code.
pub const REGIONS: &[Region] = &[
    r("KZ-10", "Абай облысы", "область Абай", "Abai Region", "Semey"),
    r("KZ-11", "Ақмола облысы", "Акмолинская область", "Akmola Region", "Kokshetau"),
    r("KZ-15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", "Aktobe"),
    r("KZ-19", "Алматы облысы", "Алматинская область", "Almaty Region", "Konaev"),
    r("KZ-23", "Атырау облысы", "Атырауская область", "Atyrau Region", "Atyrau"),
    r(
        "KZ-27",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        "Oral",
    ),
    r("KZ-31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", "Taraz"),
    r("KZ-33", "Жетісу облысы", "область Жетісу", "Zhetisu Region", "Taldykorgan"),
    r("KZ-35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", "Karaganda"),
    r("KZ-39", "Қостанай облысы", "Костанайская область", "Kostanay Region", "Kostanay"),
    r("KZ-43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", "Kyzylorda"),
    r("KZ-47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", "Aktau"),
    r("KZ-55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", "Pavlodar"),
    r(
        "KZ-59",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        "Petropavl",
    ),
    r("KZ-61", "Түркістан облысы", "Туркестанская область", "Turkistan Region", "Turkistan"),
    r("KZ-62", "Ұлытау облысы", "область Ұлытау", "Ulytau Region", "Zhezkazgan"),
    r(
        "KZ-63",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        "Oskemen",
    ),
    r("KZ-71", "Астана", "Астана", "Astana", "Astana"),
    r("KZ-75", "Алматы", "Алматы", "Almaty", "Almaty"),
    r("KZ-79", "Шымкент", "Шымкент", "Shymkent", "Shymkent"),
];

const fn c(
    code: &'static str,
    name_kk: &'static str,
    name_ru: &'static str,
    name_en: &'static str,
) -> Country {
    Country { code, name_kk, name_ru, name_en }
}

/// Countries of origin most seen (Uzbekistan, China, Turkmenistan, Mongolia, Russia, then
/// Afghanistan, Iran, Turkey, Kyrgyzstan, Tajikistan and others), and Kazakhstan. Any other
/// ISO code is accepted as well; these are the ones with names.
pub const COUNTRIES: &[Country] = &[
    c("UZ", "Өзбекстан", "Узбекистан", "Uzbekistan"),
    c("CN", "Қытай", "Китай", "China"),
    c("TM", "Түрікменстан", "Туркменистан", "Turkmenistan"),
    c("MN", "Моңғолия", "Монголия", "Mongolia"),
    c("RU", "Ресей", "Россия", "Russia"),
    c("AF", "Ауғанстан", "Афганистан", "Afghanistan"),
    c("IR", "Иран", "Иран", "Iran"),
    c("TR", "Түркия", "Турция", "Türkiye"),
    c("KG", "Қырғызстан", "Кыргызстан", "Kyrgyzstan"),
    c("TJ", "Тәжікстан", "Таджикистан", "Tajikistan"),
    c("KZ", "Қазақстан", "Казахстан", "Kazakhstan"),
    c("AZ", "Әзербайжан", "Азербайджан", "Azerbaijan"),
    c("PK", "Пәкістан", "Пакистан", "Pakistan"),
    c("SA", "Сауд Арабиясы", "Саудовская Аравия", "Saudi Arabia"),
    c("UA", "Украина", "Украина", "Ukraine"),
    c("BY", "Беларусь", "Беларусь", "Belarus"),
    c("DE", "Германия", "Германия", "Germany"),
    c("US", "Америка Құрама Штаттары", "Соединённые Штаты Америки", "United States"),
];

/// The region with this ISO 3166-2 code (exactly: `KZ-55`, not `kz-55`).
pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// The country with this ISO 3166-1 alpha-2 code (exactly: `UZ`), if it is in [`COUNTRIES`].
pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn twenty_regions_sorted_unique() {
        assert_eq!(REGIONS.len(), 20);
        let codes: Vec<_> = REGIONS.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        for r in REGIONS {
            assert!(r.code.starts_with("KZ-") && r.code.len() == 5, "{}", r.code);
            assert!(!r.name_kk.is_empty() && !r.name_ru.is_empty() && !r.name_en.is_empty());
            assert!(!r.centre.is_empty());
        }
    }

    #[test]
    fn lookups() {
        let pavlodar = region("KZ-55").unwrap();
        assert_eq!(pavlodar.name_kk, "Павлодар облысы");
        assert_eq!(pavlodar.name_ru, "Павлодарская область");
        assert_eq!(region("KZ-62").unwrap().centre, "Zhezkazgan");
        assert_eq!(region("KZ-79").unwrap().name_en, "Shymkent");
        assert_eq!(region("kz-55"), None);
        assert_eq!(region("KZ-99"), None);
        assert_eq!(region(""), None);
    }

    #[test]
    fn new_regions_of_2022_are_there() {
        for code in ["KZ-10", "KZ-33", "KZ-62"] {
            assert!(region(code).is_some(), "{code}");
        }
    }

    #[test]
    fn countries_of_origin() {
        for code in ["UZ", "CN", "TM", "MN", "RU", "AF", "IR", "TR", "KG", "TJ", "KZ"] {
            let c = country(code).unwrap();
            assert!(!c.name_kk.is_empty() && !c.name_ru.is_empty() && !c.name_en.is_empty());
        }
        assert_eq!(country("MN").unwrap().name_kk, "Моңғолия");
        assert_eq!(country("uz"), None);
        assert_eq!(country("XX"), None);
        let unique: HashSet<_> = COUNTRIES.iter().map(|c| c.code).collect();
        assert_eq!(unique.len(), COUNTRIES.len());
        for c in COUNTRIES {
            assert!(c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase()));
        }
    }
}
