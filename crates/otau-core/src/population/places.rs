//! Where generated families come from and settle: countries of origin with their share of
//! arrivals and passport numbering, and settlements of every region.

/// A country of origin: its code, its share of arrivals (weights), how its passport numbers
/// begin and how its birth certificates are numbered.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    /// ISO alpha-2.
    pub code: &'static str,
    /// Relative share of families.
    pub weight: u64,
    /// Letters before a passport's digits.
    pub passport_prefix: &'static str,
    /// Digits of a passport number.
    pub passport_digits: usize,
    /// Series before a birth certificate's digits.
    pub certificate_prefix: &'static str,
    /// In percent: how often the name is written down in its Russian form.
    pub russian_written: u64,
}

const fn o(
    code: &'static str,
    weight: u64,
    passport_prefix: &'static str,
    passport_digits: usize,
    certificate_prefix: &'static str,
    russian_written: u64,
) -> Origin {
    Origin { code, weight, passport_prefix, passport_digits, certificate_prefix, russian_written }
}

/// The countries kandas most often come from, weighted roughly as they arrive (Uzbekistan
/// first, then China, Turkmenistan, Mongolia, Russia).
pub const ORIGINS: &[Origin] = &[
    o("UZ", 42, "FA", 7, "I-ТШ ", 30),
    o("CN", 20, "E", 8, "J", 5),
    o("TM", 11, "A", 7, "I-AH ", 15),
    o("MN", 11, "E", 7, "ТТ", 10),
    o("RU", 7, "75", 7, "IV-МЮ ", 60),
    o("KG", 3, "AC", 7, "II-ЖК ", 40),
    o("AF", 2, "P", 8, "AF", 0),
    o("IR", 2, "K", 8, "IR", 0),
    o("TR", 2, "U", 8, "TR", 0),
];

/// Settlements of each region (a village ends in "ауылы").
pub const SETTLEMENTS: &[(&str, &[&str])] = &[
    ("KZ-10", &["Семей", "Аягөз", "Үржар", "Бесқарағай ауылы", "Қайнар ауылы"]),
    ("KZ-11", &["Көкшетау", "Степногорск", "Щучинск", "Атбасар", "Зеренді ауылы"]),
    ("KZ-15", &["Ақтөбе", "Хромтау", "Қандыағаш", "Шалқар", "Қарауылкелді ауылы"]),
    ("KZ-19", &["Қонаев", "Талғар", "Қаскелең", "Есік", "Шелек ауылы"]),
    ("KZ-23", &["Атырау", "Құлсары", "Мақат", "Махамбет ауылы"]),
    ("KZ-27", &["Орал", "Ақсай", "Жәнібек ауылы", "Шыңғырлау ауылы"]),
    ("KZ-31", &["Тараз", "Қаратау", "Шу", "Мерке ауылы"]),
    ("KZ-33", &["Талдықорған", "Жаркент", "Текелі", "Сарқан", "Көктал ауылы"]),
    ("KZ-35", &["Қарағанды", "Теміртау", "Балқаш", "Қарқаралы", "Ботақара ауылы"]),
    ("KZ-39", &["Қостанай", "Рудный", "Лисаковск", "Арқалық", "Әулиекөл ауылы"]),
    ("KZ-43", &["Қызылорда", "Байқоңыр", "Арал", "Жаңақорған ауылы"]),
    ("KZ-47", &["Ақтау", "Жаңаөзен", "Форт-Шевченко", "Бейнеу ауылы"]),
    ("KZ-55", &["Павлодар", "Екібастұз", "Ақсу", "Баянауыл ауылы", "Успен ауылы"]),
    ("KZ-59", &["Петропавл", "Булаево", "Тайынша", "Сергеевка", "Бесқұдық ауылы"]),
    ("KZ-61", &["Түркістан", "Кентау", "Сарыағаш", "Жетісай", "Шәуілдір ауылы"]),
    ("KZ-62", &["Жезқазған", "Сәтбаев", "Қаражал", "Ұлытау ауылы"]),
    ("KZ-63", &["Өскемен", "Риддер", "Зайсан", "Алтай", "Үлкен Нарын ауылы"]),
    ("KZ-71", &["Астана"]),
    ("KZ-75", &["Алматы"]),
    ("KZ-79", &["Шымкент"]),
];

/// The settlements of a region (Pavlodar's when the code is unknown).
pub fn settlements(region: &str) -> &'static [&'static str] {
    SETTLEMENTS.iter().find(|(code, _)| *code == region).map_or(SETTLEMENTS[12].1, |(_, s)| s)
}

/// Whether a settlement is a village.
pub fn is_village(settlement: &str) -> bool {
    settlement.ends_with("ауылы")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_settlements() {
        for region in crate::regions::REGIONS {
            assert!(
                SETTLEMENTS.iter().any(|(code, s)| *code == region.code && !s.is_empty()),
                "{}",
                region.code
            );
        }
        assert_eq!(settlements("KZ-55")[0], "Павлодар");
    }
}
