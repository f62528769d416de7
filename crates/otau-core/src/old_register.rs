//! A register as an office kept it before Otau: a spreadsheet of families, one person a row,
//! headed in Kazakh, with the slips of hand-kept lists (an impossible date, an unknown sex, an
//! IIN with a wrong check digit, a blank surname, a region that does not exist). For the import's
//! tests, its demonstration and its benchmarks; deterministic for a seed, pure.

use crate::demo::families;
use crate::model::{DocumentKind, Relation, Sex};
use chrono::NaiveDate;
use std::collections::HashSet;

/// The headings of [`OldRegister`], as an office heads its columns.
pub const HEADINGS: [&str; 15] = [
    "Отбасы №",
    "Тегі",
    "Аты",
    "Әкесінің аты",
    "Тегі (латын)",
    "Аты (латын)",
    "Туған күні",
    "Жынысы",
    "ЖСН",
    "Туыстығы",
    "Құжат түрі",
    "Құжат нөмірі",
    "Келген күні",
    "Шыққан елі",
    "Өңір",
];

/// A spreadsheet of families: its rows of text (empty for a blank cell) under [`HEADINGS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldRegister {
    /// The data rows, in the order of the file; row `i` is row `i + 2` of the spreadsheet.
    pub rows: Vec<Vec<String>>,
    /// The spreadsheet's numbers of the rows broken on purpose (one in 25).
    pub broken: Vec<usize>,
}

fn kk_relation(r: Relation) -> &'static str {
    match r {
        Relation::Head => "басшысы",
        Relation::Spouse => "жұбайы",
        Relation::Child => "баласы",
        Relation::Parent => "ата-анасы",
        Relation::Sibling => "бауыры",
        Relation::Grandchild => "немересі",
        Relation::Grandparent => "атасы",
        Relation::ChildInLaw => "келіні",
        Relation::OtherRelative => "туысы",
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// `rows` rows of demo families (whole families; the last one may be cut short, which leaves
/// it smaller), the family number on each family's first row only, as merged cells read; one
/// row in 25 broken in one of five ways, listed in [`OldRegister::broken`].
pub fn old_register(seed: u64, rows: usize, today: NaiveDate) -> OldRegister {
    let mut used = HashSet::new();
    let families = families(seed, rows, today, 0, &mut used);
    let mut out = OldRegister { rows: vec![], broken: vec![] };
    'families: for (number, f) in (1..).zip(&families) {
        for (i, m) in f.members.iter().enumerate() {
            if out.rows.len() >= rows {
                break 'families;
            }
            let doc = m.document.as_ref();
            let mut row = vec![
                if i == 0 { number.to_string() } else { String::new() },
                m.surname.clone(),
                m.given_name.clone(),
                m.patronymic.clone().unwrap_or_default(),
                m.surname_latin.clone().unwrap_or_default(),
                m.given_name_latin.clone().unwrap_or_default(),
                date(m.birth_date),
                if m.sex == Sex::Male { "ер" } else { "әйел" }.to_string(),
                m.iin.clone().unwrap_or_default(),
                kk_relation(m.relation).to_string(),
                doc.map(|d| match d.kind {
                    DocumentKind::Passport => "паспорт",
                    DocumentKind::BirthCertificate => "туу туралы куәлік",
                    _ => "басқа",
                })
                .unwrap_or_default()
                .to_string(),
                doc.map(|d| d.number.clone()).unwrap_or_default(),
                date(f.arrival_date),
                f.country_of_origin.clone(),
                f.region.clone(),
            ];
            let line = out.rows.len() + 2;
            if line % 25 == 7 {
                out.broken.push(line);
                match (line / 25) % 5 {
                    0 => row[6] = "31.02.1990".into(),
                    1 => row[7] = "?".into(),
                    2 => row[8] = "850412310212".into(),
                    3 => row[1] = String::new(),
                    _ => row[14] = "KZ-99".into(),
                }
            }
            out.rows.push(row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_register_has_the_rows_asked_one_in_25_broken_and_is_the_same_for_a_seed() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let a = old_register(7, 500, today);
        assert_eq!(a.rows.len(), 500);
        assert_eq!(a.broken.len(), 20);
        assert!(a.rows.iter().all(|r| r.len() == HEADINGS.len()));
        assert_eq!(a, old_register(7, 500, today));
        assert_ne!(a.rows, old_register(8, 500, today).rows);
        let first = &a.rows[a.broken[0] - 2];
        assert_eq!(first[6], "31.02.1990", "{first:?}");
    }
}
