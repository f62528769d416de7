//! Names of a generated population and how each is spelled: the Kazakh form, its regular Russian
//! form, and the Latin line of a passport of Kazakhstan, Uzbekistan, China, Mongolia,
//! Turkmenistan, Russia and a few others, each written by that country's own convention.
//!
//! # Context
//! A kandas family's names reach the office already written down: Kazakh Cyrillic as the family
//! says them, Russian-style Cyrillic from Soviet and Russian papers (Бауржан, Айгуль), and the
//! Latin of a foreign passport — Uzbek Latin (JUMABAY, QAYRAT, AXMETOV), Chinese pinyin of the
//! Chinese transcription (NUERLAN), Mongolian romanisation of Mongolian Cyrillic (KHAIRAT,
//! ELIYA), Turkmen Latin (ŽUMABAÝ), Russian ICAO transliteration (ZHUMABAEV). These are
//! the spellings search has to bring together, so the generator writes them as those countries
//! do, letter by letter, rather than from one table.
//!
//! # Design
//! Only the Kazakh form is listed; the Russian form and every Latin form are derived by the
//! rules below, so a list of a few hundred names gives thousands of distinct spellings.

/// A country whose passports write names in their own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Passport {
    /// Kazakhstan (a residence permit or a Kazakh passport of an earlier stay).
    Kz,
    /// Uzbekistan: Uzbek Latin (J, Q, G', O', X, Y).
    Uz,
    /// China: pinyin of the Chinese transcription (NUERLAN).
    Cn,
    /// Mongolia: romanised Mongolian Cyrillic, which has no Қ, Ғ, Ң, Ә (KHAIRAT, ELIYA).
    Mn,
    /// Turkmenistan: Turkmen Latin (Ž, Ý, Ç, Ş, Ň, Ä).
    Tm,
    /// Russia and Kyrgyzstan: ICAO transliteration of the Russian form.
    Ru,
    /// Turkey: Turkish Latin (C for Ж, Ş, Ç, Ğ).
    Tr,
    /// Others (Afghanistan, Iran): English-style transliteration.
    En,
}

impl Passport {
    /// The passport convention of a country of origin (ISO alpha-2).
    pub fn of_country(code: &str) -> Passport {
        match code {
            "KZ" => Passport::Kz,
            "UZ" => Passport::Uz,
            "CN" => Passport::Cn,
            "MN" => Passport::Mn,
            "TM" => Passport::Tm,
            "RU" | "KG" => Passport::Ru,
            "TR" => Passport::Tr,
            _ => Passport::En,
        }
    }
}

/// Male given names, Kazakh form.
#[rustfmt::skip]
pub const MALE: &[&str] = &[
    "Нұрсұлтан", "Қайрат", "Ерлан", "Бауыржан", "Ғалым", "Өмірбек", "Серік", "Асқар", "Дәулет",
    "Жандос", "Мұрат", "Талғат", "Болат", "Ержан", "Нұрлан", "Арман", "Ілияс", "Әлібек", "Бекзат",
    "Санжар", "Темірлан", "Ақжол", "Нұрасыл", "Еркебұлан", "Мейірхан", "Айдос", "Рүстем", "Қуаныш",
    "Әділ", "Азамат", "Алмас", "Амангелді", "Асхат", "Бақыт", "Бақытжан", "Берік", "Бахтияр",
    "Ғабит", "Дархан", "Дамир", "Ербол", "Ерболат", "Ерғали", "Еркін", "Ермек", "Жақсылық",
    "Жанболат", "Жасұлан", "Жұмабай", "Зейнолла", "Ибрагим", "Исатай", "Кенжебек", "Қанат", "Қасым",
    "Құдайберген", "Мақсат", "Марат", "Медет", "Мұхтар", "Нұржан", "Нұрбол", "Нұрғиса", "Олжас",
    "Оралхан", "Орынбасар", "Өркен", "Пернебек", "Рахат", "Руслан", "Сағат", "Сайлау", "Сәкен",
    "Сәбит", "Серікбол", "Сұлтан", "Тимур", "Төлеген", "Тұрсын", "Тілек", "Ұлан", "Уәлихан",
    "Шыңғыс", "Шәкен", "Ықылас", "Абай", "Абылай", "Айбек", "Айбол", "Алпамыс", "Әмір", "Әсет",
    "Бағдат", "Болатбек", "Данияр", "Досжан", "Ерасыл", "Ерұлан", "Жомарт", "Қайсар", "Қуат",
    "Мирас", "Нұрдәулет", "Нұрислам", "Рамазан", "Ризабек", "Сапар", "Сырым", "Тұрар", "Хамит",
    "Шерхан", "Ыбырай", "Жеңіс", "Мәди", "Нұрпейіс", "Оңдасын",
];

/// Female given names, Kazakh form.
#[rustfmt::skip]
pub const FEMALE: &[&str] = &[
    "Әлия", "Жанар", "Ұлжан", "Гүлнара", "Айгүл", "Динара", "Сәуле", "Мөлдір", "Назерке", "Үміт",
    "Шынар", "Ақмарал", "Гүлжан", "Айнұр", "Перизат", "Маржан", "Іңкәр", "Балжан", "Зере",
    "Томирис", "Аружан", "Дана", "Гауһар", "Күләш", "Айжан", "Айгерім", "Ақбота", "Айдана",
    "Айсұлу", "Ақерке", "Алма", "Әсел", "Аягөз", "Бағила", "Бибігүл", "Ботагөз", "Гүлмира",
    "Гүлшат", "Дариға", "Жадыра", "Жібек", "Заира", "Зарина", "Зейнеп", "Индира", "Қарлығаш",
    "Күнсұлу", "Ләззат", "Мадина", "Мақпал", "Меруерт", "Мейрамгүл", "Нәзира", "Нұргүл", "Нұрсұлу",
    "Райхан", "Роза", "Салтанат", "Сандуғаш", "Сания", "Толқын", "Тоғжан", "Ұлпан", "Фатима",
    "Шолпан", "Ырысты", "Гүлсім", "Жұлдыз", "Камила", "Ләйлә", "Нұрай", "Самал", "Сымбат", "Талшын",
    "Ханшайым", "Әсем", "Аида", "Арай", "Аяулым", "Баян", "Гүлназ", "Жансая", "Раушан", "Сабина",
    "Ұлдана", "Бөпе", "Қымбат", "Күлпаш", "Ақжүніс", "Гүлбаршын", "Дәметкен", "Еңлік", "Жаңыл",
    "Күмісай", "Мәриям", "Нұржамал", "Сәлима",
];

/// Family names that are not made from a given name (male form).
#[rustfmt::skip]
pub const SURNAMES: &[&str] = &[
    "Сейітқали", "Жұмабаев", "Ахметов", "Қасымов", "Әбдірахманов", "Серікбаев", "Омаров",
    "Тоқтаров", "Бекмұханов", "Исабеков", "Мұхамедиев", "Төлеуов", "Қуанышев", "Ермеков",
    "Байжанов", "Оспанов", "Дүйсенов", "Шәріпов", "Ғабдуллин", "Құрманғали", "Тұрсынбай",
    "Есенғали", "Әлімжан", "Сәрсенбаев", "Жақыпов", "Әбілқасымов", "Мұқанов", "Сүлейменов",
    "Қалиев", "Нұрпейісов", "Ибраев", "Ыбыраев", "Бекенов", "Құдайбергенов", "Айтбаев", "Сыздықов",
    "Жүсіпов", "Бейсенов", "Тәжібаев", "Рысқұлов", "Смағұлов", "Әуезов", "Қожахметов", "Дәулетбаев",
    "Өтегенов", "Қоңырбаев", "Шалабаев", "Бисенғали", "Маханбет", "Жанұзақ", "Кенжеғали",
    "Нұрмағанбет", "Тілеуберді", "Әбенов", "Байғабылов", "Жаманқұлов", "Қайыржан",
];

/// The regular Russian form of a Kazakh name: the nine Kazakh letters as their Russian
/// look-alikes, ы/і dropped after у/ұ/ү before a consonant (Бауыржан → Бауржан), йі → и
/// (Сейітқали → Сеиткали), and a soft sign after a final л of a given name (Айгүл → Айгуль).
pub fn russian_form(kazakh: &str, given_name: bool) -> String {
    let chars: Vec<char> = kazakh.chars().collect();
    let mut out = String::with_capacity(kazakh.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let lower = c.to_lowercase().next().unwrap_or(c);
        // у/ұ/ү + ы/і + consonant: the ы/і is not written in Russian.
        if matches!(lower, 'у' | 'ұ' | 'ү')
            && matches!(next, Some('ы' | 'і'))
            && after.is_some_and(|a| !is_vowel(a))
        {
            out.push(plain_letter(c));
            i += 2;
            continue;
        }
        if lower == 'й' && next == Some('і') {
            out.push(if c.is_uppercase() { 'И' } else { 'и' });
            i += 2;
            continue;
        }
        out.push(plain_letter(c));
        i += 1;
    }
    if given_name && (out.ends_with("ул") || out.ends_with("ел")) {
        out.push('ь');
    }
    out
}

/// A Kazakh letter as the Russian letter that stands for it; any other letter as it is.
fn plain_letter(c: char) -> char {
    match c {
        'ә' => 'а',
        'Ә' => 'А',
        'ғ' => 'г',
        'Ғ' => 'Г',
        'қ' => 'к',
        'Қ' => 'К',
        'ң' => 'н',
        'Ң' => 'Н',
        'ө' => 'о',
        'Ө' => 'О',
        'ұ' | 'ү' => 'у',
        'Ұ' | 'Ү' => 'У',
        'һ' => 'х',
        'Һ' => 'Х',
        'і' => 'и',
        'І' => 'И',
        other => other,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'у' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я'
    )
}

/// The Latin line of a passport for a name written in Cyrillic (the Kazakh form for Kazakh,
/// Uzbek, Chinese, Mongolian, Turkmen and Turkish papers; the Russian form for Russian ones is
/// the caller's choice), in capitals as passports print it.
pub fn latin(cyrillic: &str, passport: Passport) -> String {
    let chars: Vec<char> = cyrillic.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(cyrillic.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let start = prev.is_none();
        let after_vowel = prev.is_some_and(is_vowel);
        let last = next.is_none();
        let s: &str = match passport {
            Passport::Kz | Passport::En => match c {
                'е' if start => "YE",
                'х' => "KH",
                'ң' if passport == Passport::Kz => "NG",
                _ => common(c),
            },
            Passport::Ru => match c {
                'й' | 'и' | 'і' => "I",
                'ъ' => "IE",
                'ы' => "Y",
                _ => common(c),
            },
            Passport::Uz => match c {
                'е' if start || after_vowel => "YE",
                'ж' => "J",
                'й' => "Y",
                'қ' => "Q",
                'ғ' => "G'",
                'ң' => "NG",
                'ө' => "O'",
                'х' => "X",
                'ы' => "I",
                'ё' => "YO",
                'ю' => "YU",
                'я' => "YA",
                'щ' => "SH",
                _ => common(c),
            },
            Passport::Cn => match c {
                // Pinyin has no syllable-final r: an e is heard before it (Нұрлан → NUERLAN).
                'р' if after_vowel
                    && !matches!(prev, Some('е' | 'ы' | 'э'))
                    && next.is_some_and(|n| !is_vowel(n)) =>
                {
                    "ER"
                }
                'к' | 'қ' if last => "KE",
                'ж' => "J",
                'в' => "W",
                'й' => "Y",
                'ы' => "E",
                'ң' => "NG",
                'х' | 'һ' => "H",
                'ю' => "YU",
                'я' => "YA",
                _ => common(c),
            },
            Passport::Mn => match c {
                // Mongolian Cyrillic writes Қ as Х and Ә as Э.
                'қ' | 'х' => "KH",
                'ә' => "E",
                'е' if start => "YE",
                'ж' => "J",
                'ы' => "Y",
                'ю' => "YU",
                'я' => "YA",
                _ => common(c),
            },
            Passport::Tm => match c {
                'ж' => "Ž",
                'й' => "Ý",
                'ч' => "Ç",
                'ш' => "Ş",
                'ң' => "Ň",
                'ә' => "Ä",
                'ө' => "Ö",
                'ү' => "Ü",
                'в' => "W",
                'ы' => "Y",
                'х' | 'һ' => "H",
                'ю' => "ÝU",
                'я' => "ÝA",
                _ => common(c),
            },
            Passport::Tr => match c {
                'ж' => "C",
                'ш' => "Ş",
                'ч' => "Ç",
                'ғ' => "Ğ",
                'й' => "Y",
                'ы' => "I",
                'і' => "İ",
                'ө' => "Ö",
                'ү' => "Ü",
                'ә' => "E",
                'х' | 'һ' => "H",
                'ю' => "YU",
                'я' => "YA",
                _ => common(c),
            },
        };
        out.push_str(s);
    }
    out
}

/// The letters every convention here writes alike.
fn common(c: char) -> &'static str {
    match c {
        'а' | 'ә' => "A",
        'б' => "B",
        'в' => "V",
        'г' | 'ғ' => "G",
        'д' => "D",
        'е' | 'ё' | 'э' => "E",
        'ж' => "ZH",
        'з' => "Z",
        'и' | 'і' => "I",
        'й' => "I",
        'к' | 'қ' => "K",
        'л' => "L",
        'м' => "M",
        'н' | 'ң' => "N",
        'о' | 'ө' => "O",
        'п' => "P",
        'р' => "R",
        'с' => "S",
        'т' => "T",
        'у' | 'ұ' | 'ү' => "U",
        'ф' => "F",
        'х' => "KH",
        'һ' => "H",
        'ц' => "TS",
        'ч' => "CH",
        'ш' => "SH",
        'щ' => "SHCH",
        'ы' => "Y",
        'ю' => "IU",
        'я' => "IA",
        _ => "",
    }
}

/// A male surname made from a given name (Нұрлан → Нұрланов, Жұмабай → Жұмабаев).
pub fn surname_from(given: &str) -> String {
    if let Some(stem) = given.strip_suffix('й') {
        format!("{stem}ев")
    } else if given.ends_with(['а', 'ә', 'е', 'и', 'о', 'у', 'ұ', 'ү', 'ы', 'і', 'я']) {
        format!("{given}ев")
    } else {
        format!("{given}ов")
    }
}

/// The feminine form of a surname (-ов → -ова, -ев → -ева, -ин → -ина); Kazakh forms without
/// those endings are the same for both.
pub fn feminine(surname: &str) -> String {
    if ["ов", "ев", "ин"].iter().any(|s| surname.ends_with(s)) {
        format!("{surname}а")
    } else {
        surname.to_string()
    }
}

/// The Kazakh patronymic, one word: Болат → Болатұлы / Болатқызы.
pub fn patronymic(father: &str, male: bool) -> String {
    format!("{father}{}", if male { "ұлы" } else { "қызы" })
}

/// The Russian patronymic of papers from Russia: Болат → Болатович / Болатовна.
pub fn russian_patronymic(father: &str, male: bool) -> String {
    let stem = russian_form(father, false);
    let (soft, stem) = match stem.strip_suffix('й') {
        Some(s) => (true, s.to_string()),
        None => (false, stem),
    };
    match (soft, male) {
        (true, true) => format!("{stem}евич"),
        (true, false) => format!("{stem}евна"),
        (false, true) => format!("{stem}ович"),
        (false, false) => format!("{stem}овна"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::fold_loose;
    use rstest::rstest;

    #[rstest]
    #[case("Бауыржан", true, "Бауржан")]
    #[case("Нұрсұлтан", true, "Нурсултан")]
    #[case("Айгүл", true, "Айгуль")]
    #[case("Әсел", true, "Асель")]
    #[case("Сейітқали", false, "Сеиткали")]
    #[case("Жұмабаев", false, "Жумабаев")]
    #[case("Болатұлы", false, "Болатулы")]
    fn russian_forms(#[case] kazakh: &str, #[case] given: bool, #[case] russian: &str) {
        assert_eq!(russian_form(kazakh, given), russian);
    }

    #[rstest]
    #[case("Жұмабай", Passport::Uz, "JUMABAY")]
    #[case("Қайрат", Passport::Uz, "QAYRAT")]
    #[case("Ғалым", Passport::Uz, "G'ALIM")]
    #[case("Ахметов", Passport::Uz, "AXMETOV")]
    #[case("Нұрлан", Passport::Cn, "NUERLAN")]
    #[case("Серік", Passport::Cn, "SERIKE")]
    #[case("Қайрат", Passport::Mn, "KHAIRAT")]
    #[case("Әлия", Passport::Mn, "ELIYA")]
    #[case("Жұмабай", Passport::Tm, "ŽUMABAÝ")]
    #[case("Жумабаев", Passport::Ru, "ZHUMABAEV")]
    #[case("Ерлан", Passport::Kz, "YERLAN")]
    #[case("Жанар", Passport::Tr, "CANAR")]
    fn passports_write_names_their_own_way(
        #[case] cyrillic: &str,
        #[case] passport: Passport,
        #[case] expected: &str,
    ) {
        assert_eq!(latin(cyrillic, passport), expected);
    }

    #[test]
    fn surnames_and_patronymics() {
        assert_eq!(surname_from("Нұрлан"), "Нұрланов");
        assert_eq!(surname_from("Жұмабай"), "Жұмабаев");
        assert_eq!(surname_from("Мәди"), "Мәдиев");
        assert_eq!(feminine("Жұмабаев"), "Жұмабаева");
        assert_eq!(feminine("Сейітқали"), "Сейітқали");
        assert_eq!(patronymic("Болат", false), "Болатқызы");
        assert_eq!(russian_patronymic("Болат", true), "Болатович");
        assert_eq!(russian_patronymic("Жұмабай", false), "Жумабаевна");
    }

    #[test]
    fn the_lists_hold_distinct_names() {
        for list in [MALE, FEMALE, SURNAMES] {
            let mut keys: Vec<String> = list.iter().map(|n| fold_loose(n)).collect();
            keys.sort();
            let before = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), before, "a name is listed twice");
        }
    }
}
