//! The seed inputs each fuzzer starts from, made from the demo families so they are what an
//! office really sends: families as JSON, the mapping files the documentation shows and the
//! app offers, a CSV and an XLSX list of families, and the QR texts of sealed papers of every
//! kind. `cargo run -p otau-fuzz --bin seed-corpora` writes them into `fuzz/corpus/`.

use crate::{offered_mapping, HEADINGS};
use chrono::{Datelike, NaiveDate};
use otau_core::casework::import::{Cell, Sheet, SheetRow};
use otau_core::model::{FamilyInput, Relation, Sex};
use otau_print::data::DocKind;
use otau_print::seal::{public_key as public_half, Seal};
use std::collections::HashSet;

/// The secret half of the key the seed papers are sealed with (a test key, nothing else).
const SECRET: [u8; 32] = [7; 32];

/// The public half of the seeds' key.
pub fn public_key() -> [u8; 32] {
    public_half(&SECRET)
}

/// Registration date of the seeds.
fn registered_on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// Four demo families of one to several members.
fn families() -> Vec<FamilyInput> {
    otau_core::demo::families(13, 4, registered_on(), 0, &mut HashSet::new())
}

/// The rows of the demo families under [`HEADINGS`], as text a spreadsheet shows.
fn rows() -> Vec<Vec<String>> {
    let mut rows = vec![];
    for (number, family) in families().iter().enumerate() {
        for member in &family.members {
            let head = member.relation == Relation::Head;
            rows.push(vec![
                if head { (number + 1).to_string() } else { String::new() },
                member.surname.clone(),
                member.given_name.clone(),
                member.birth_date.format("%d.%m.%Y").to_string(),
                if member.sex == Sex::Male { "ер" } else { "әйел" }.to_string(),
                member.iin.clone().unwrap_or_default(),
                relation_word(member.relation).to_string(),
                member.document.as_ref().map(|d| d.number.clone()).unwrap_or_default(),
                if member.document.is_some() { "паспорт" } else { "" }.to_string(),
                family.arrival_date.format("%d.%m.%Y").to_string(),
                "Өзбекстан".to_string(),
            ]);
        }
    }
    rows
}

fn relation_word(relation: Relation) -> &'static str {
    match relation {
        Relation::Head => "басшысы",
        Relation::Spouse => "жұбайы",
        Relation::Child => "баласы",
        _ => "туысы",
    }
}

/// The sheet a mapping is tried against: the demo families' rows.
pub fn sheet() -> Sheet {
    let text = |s: &String| if s.is_empty() { Cell::Empty } else { Cell::Text(s.clone()) };
    Sheet {
        headers: HEADINGS.iter().map(|h| h.to_string()).collect(),
        rows: rows()
            .iter()
            .enumerate()
            .map(|(i, r)| SheetRow { number: i + 2, cells: r.iter().map(text).collect() })
            .collect(),
    }
}

/// The demo families as a CSV with a byte order mark and `;`, as spreadsheet programs save.
fn csv() -> Vec<u8> {
    let mut out = "\u{feff}".to_string();
    out.push_str(&HEADINGS.join(";"));
    out.push('\n');
    for row in rows() {
        out.push_str(&row.join(";"));
        out.push('\n');
    }
    out.into_bytes()
}

/// The demo families as an XLSX: dates as date cells, IINs as numbers, as offices keep them.
fn xlsx() -> Option<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    // A fixed creation time, so the seed is the same file every time it is made.
    let made = ExcelDateTime::from_ymd(2026, 11, 25).ok()?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&made));
    let sheet = book.add_worksheet();
    sheet.set_name("2026").ok()?;
    let dates = Format::new().set_num_format("dd.mm.yyyy");
    for (c, heading) in (0u16..).zip(HEADINGS) {
        sheet.write_string(0, c, heading).ok()?;
    }
    for (r, row) in (1u32..).zip(rows()) {
        for (c, value) in (0u16..).zip(&row) {
            let date = NaiveDate::parse_from_str(value, "%d.%m.%Y").ok();
            match date {
                Some(d) => {
                    let (y, m, day) = (d.year(), d.month(), d.day());
                    let cell = ExcelDateTime::from_ymd(
                        u16::try_from(y).ok()?,
                        u8::try_from(m).ok()?,
                        u8::try_from(day).ok()?,
                    )
                    .ok()?;
                    sheet.write_datetime_with_format(r, c, &cell, &dates).ok()?;
                }
                None if c == 5 && !value.is_empty() => {
                    #[allow(clippy::disallowed_types)] // A spreadsheet's numbers are floats.
                    let number = value.parse::<f64>().ok()?;
                    sheet.write_number(r, c, number).ok()?;
                }
                None => {
                    sheet.write_string(r, c, value).ok()?;
                }
            }
        }
    }
    book.save_to_buffer().ok()
}

/// The mapping files: the example of `otau import`'s documentation, the one the app offers for
/// the seeds' headings, and one with values and date formats.
fn mappings() -> Vec<Vec<u8>> {
    let documented = r#"{
  "sheet": "2026",
  "header_row": 1,
  "delimiter": ";",
  "date_formats": ["%d/%m/%y"],
  "family_key": "Отбасы №",
  "columns": {
    "surname": "Тегі", "given_name": "Аты", "patronymic": "Әкесінің аты",
    "birth_date": "Туған күні", "sex": "Жынысы", "iin": "ЖСН", "relation": "Туыстығы",
    "document_kind": "Құжат түрі", "document_number": "Құжат нөмірі",
    "arrival_date": "Келген күні", "country_of_origin": "Шыққан елі"
  },
  "values": { "sex": { "1": "male", "2": "female" } },
  "defaults": { "region": "KZ-55", "settlement": "Павлодар" }
}"#;
    let headers: Vec<String> = HEADINGS.iter().map(|h| h.to_string()).collect();
    let mut offered = offered_mapping(&headers);
    let offered_json = serde_json::to_vec_pretty(&offered).unwrap_or_default();
    offered.family_key = Some("Отбасы №".into());
    offered.date_formats = vec!["%Y/%m/%d".into(), "%e %B %Y".into()];
    let grouped_json = serde_json::to_vec(&offered).unwrap_or_default();
    vec![documented.as_bytes().to_vec(), offered_json, grouped_json]
}

/// The QR texts of papers of every kind, with and without whom they are about.
fn payloads() -> Vec<Vec<u8>> {
    let mut out = vec![];
    for (i, kind) in DocKind::ALL.into_iter().enumerate() {
        let number = format!("PVL01-2026-D{:05}", i + 1);
        let subject = if i % 2 == 0 {
            "Сейітқали Нұрсұлтан Болатұлы, 12.04.1985"
        } else {
            ""
        };
        let seal = Seal::sign(
            "PVL01",
            kind,
            &number,
            registered_on(),
            subject,
            "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg",
            &SECRET,
        );
        out.push(seal.payload().into_bytes());
    }
    out
}

/// Every seed: (target, file name, bytes).
pub fn corpora() -> Vec<(&'static str, String, Vec<u8>)> {
    let mut out = vec![];
    for (i, family) in families().iter().enumerate() {
        let json = serde_json::to_vec_pretty(family).unwrap_or_default();
        out.push(("family_json", format!("seed-family-{i}.json"), json));
    }
    for (i, mapping) in mappings().into_iter().enumerate() {
        out.push(("import_mapping", format!("seed-mapping-{i}.json"), mapping));
    }
    let mut csv_input = vec![0u8];
    csv_input.extend(csv());
    out.push(("import_file", "seed-list-csv".into(), csv_input));
    if let Some(book) = xlsx() {
        let mut xlsx_input = vec![1u8];
        xlsx_input.extend(book);
        out.push(("import_file", "seed-list-xlsx".into(), xlsx_input));
    }
    for (i, payload) in payloads().into_iter().enumerate() {
        out.push(("qr_payload", format!("seed-paper-{i}.txt"), payload));
    }
    out
}
