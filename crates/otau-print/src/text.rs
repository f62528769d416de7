//! The words on the documents: fixed phrases and value labels in Kazakh and Russian (from the
//! shipped `.ftl` files, so one place holds the wording), dates and amounts as an office writes
//! them.

use chrono::NaiveDate;
use otau_core::money::{MciHundredths, Tiyn, NBSP};
use otau_i18n::{tr, Lang};
use serde::Serialize;
use std::collections::BTreeMap;

/// A phrase in Kazakh.
pub fn kk(id: &str) -> String {
    tr(Lang::Kk, id, &BTreeMap::new())
}

/// A phrase in Russian.
pub fn ru(id: &str) -> String {
    tr(Lang::Ru, id, &BTreeMap::new())
}

/// A phrase in one language with arguments.
pub fn with(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    tr(lang, id, &args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
}

/// "Kazakh / Russian" on one line.
pub fn both(id: &str) -> String {
    pair(&kk(id), &ru(id))
}

/// Two wordings joined as a bilingual label; one if they are the same.
pub fn pair(kk: &str, ru: &str) -> String {
    if kk == ru {
        kk.to_string()
    } else {
        format!("{kk} / {ru}")
    }
}

/// The label of an enum value (`relation-head`, `education-higher`, …) in a language.
pub use otau_i18n::value_label;

/// An enum value's label in Kazakh and Russian.
pub fn value_both<T: Serialize>(prefix: &str, value: &T) -> String {
    pair(&value_label(Lang::Kk, prefix, value), &value_label(Lang::Ru, prefix, value))
}

/// A date as offices write it: `25.11.2026`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A country's name in Kazakh and Russian, or its code.
pub fn country(code: &str) -> String {
    match otau_core::regions::country(code) {
        Some(c) => pair(c.name_kk, c.name_ru),
        None => code.to_string(),
    }
}

/// A country's name in one language, or its code.
pub fn country_in(lang: Lang, code: &str) -> String {
    match otau_core::regions::country(code) {
        Some(c) => match lang {
            Lang::Kk => c.name_kk,
            Lang::Ru => c.name_ru,
            Lang::En => c.name_en,
        }
        .to_string(),
        None => code.to_string(),
    }
}

/// A region's name in Kazakh and Russian, or its code.
pub fn region(code: &str) -> String {
    if code == "KZ" {
        // The scope of the centre's summary of the whole country.
        return both("doc-scope-country");
    }
    match otau_core::regions::region(code) {
        Some(r) => pair(r.name_kk, r.name_ru),
        None => code.to_string(),
    }
}

/// An amount of MCI without the unit: `70`, `15,50`.
pub fn mci(amount: MciHundredths) -> String {
    amount.format_number()
}

/// An amount of tenge with the sign: `302 750 ₸`.
pub fn tenge(amount: Tiyn) -> String {
    amount.format_tenge()
}

/// A whole number grouped by three with no-break spaces: `100 000`.
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_read_as_in_an_office() {
        assert_eq!(count(100000), "100\u{a0}000");
        assert_eq!(count(-5), "-5");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()), "05.01.2026");
        assert_eq!(tenge(Tiyn(30_275_000)), "302\u{a0}750\u{a0}₸");
    }
}
