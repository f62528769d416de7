//! The rows an import refused, as a spreadsheet the clerk corrects and imports again: the
//! file's own headings and cells, row by row as they were, with the row's number in the file
//! first and every reason, in the clerk's language, last.
//!
//! # Design
//! Cells are written back as text in the form the import reads (`DD.MM.YYYY` for dates, the
//! digits of a number), so an IIN keeps its leading zero and a corrected file reads as the
//! original did. The two columns added are named in the clerk's language and are not mapped by
//! the suggested mapping, so importing the corrected file again needs no change to the mapping.

use crate::error::PrintError;
use otau_core::casework::import::{Cell, RefusedRow, RowProblem, Sheet};
use otau_i18n::{tr, Lang};
use rust_xlsxwriter::{Format, FormatBorder, Workbook};
use std::collections::BTreeMap;

fn err(e: rust_xlsxwriter::XlsxError) -> PrintError {
    PrintError::Xlsx { detail: e.to_string() }
}

/// The label of a field path (`document.number` → "Document number"), or the path itself.
pub fn field_label(lang: Lang, path: &str) -> String {
    let id = format!("field-{}", path.replace('.', "-"));
    let label = tr(lang, &id, &BTreeMap::new());
    if label == id {
        path.to_string()
    } else {
        label
    }
}

/// One reason a row was refused, in words: the field's label, then the message.
pub fn problem_text(lang: Lang, p: &RowProblem) -> String {
    let mut args = p.args.clone();
    if let Some(reason) = args.get("reason").cloned() {
        args.insert(
            "reason".into(),
            tr(lang, &format!("dup-{}", reason.replace('_', "-")), &BTreeMap::new()),
        );
    }
    let text = tr(lang, &p.code, &args);
    match &p.field {
        Some(field) => format!("{}: {text}", field_label(lang, field)),
        None => text,
    }
}

/// A whole number as the spreadsheet's number: the file had it as one (an IIN typed as a
/// number), and the import reads it back the same way, leading zero restored.
// A spreadsheet keeps every number as a float; the import only ever read whole numbers below
// 9e15 as `Cell::Int`, which a float holds exactly.
#[allow(clippy::disallowed_types, clippy::cast_precision_loss)]
fn as_number(n: i64) -> f64 {
    n as f64
}

/// The refused rows of `sheet` as XLSX bytes, in the order of the file.
pub fn refused_rows_xlsx(
    sheet: &Sheet,
    refused: &[RefusedRow],
    lang: Lang,
) -> Result<Vec<u8>, PrintError> {
    let none = BTreeMap::new();
    let mut book = Workbook::new();
    let page = book.add_worksheet();
    page.set_name(tr(lang, "import-refused-sheet", &none)).map_err(err)?;
    let base = Format::new().set_font_name("Noto Sans").set_font_size(10);
    let head =
        base.clone().set_bold().set_background_color("E8EDF4").set_border(FormatBorder::Thin);
    let text = base.clone().set_num_format("@");
    let reason = base.set_text_wrap().set_font_color("9B1C1C");
    let last = u16::try_from(sheet.headers.len() + 1)
        .map_err(|_| PrintError::Xlsx { detail: "too many columns".into() })?;
    page.write_string_with_format(0, 0, tr(lang, "import-refused-row", &none), &head)
        .map_err(err)?;
    for (c, h) in (1u16..).zip(&sheet.headers) {
        page.write_string_with_format(0, c, h, &head).map_err(err)?;
    }
    page.write_string_with_format(0, last, tr(lang, "import-refused-reasons", &none), &head)
        .map_err(err)?;
    page.set_column_width(last, 70).map_err(err)?;
    page.set_freeze_panes(1, 1).map_err(err)?;
    let by_number: BTreeMap<usize, &[Cell]> =
        sheet.rows.iter().map(|r| (r.number, r.cells.as_slice())).collect();
    for (r, row) in (1u32..).zip(refused) {
        page.write_number(r, 0, u32::try_from(row.row).unwrap_or(u32::MAX)).map_err(err)?;
        for (c, cell) in (1u16..).zip(by_number.get(&row.row).copied().unwrap_or_default()) {
            match cell {
                Cell::Empty => {}
                Cell::Int(n) => {
                    page.write_number(r, c, as_number(*n)).map_err(err)?;
                }
                Cell::Date(d) => {
                    page.write_string_with_format(r, c, d.format("%d.%m.%Y").to_string(), &text)
                        .map_err(err)?;
                }
                Cell::Text(s) => {
                    page.write_string_with_format(r, c, s, &text).map_err(err)?;
                }
            }
        }
        let reasons: Vec<String> = row.problems.iter().map(|p| problem_text(lang, p)).collect();
        page.write_string_with_format(r, last, reasons.join("\n"), &reason).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use otau_core::casework::import::SheetRow;
    use otau_core::Coded;

    #[test]
    fn refused_rows_are_written_back_as_they_were_with_their_reasons_and_read_again() {
        let date = chrono::NaiveDate::from_ymd_opt(1990, 2, 3).expect("date");
        let sheet = Sheet {
            headers: vec!["Тегі".into(), "ЖСН".into(), "Туған күні".into()],
            rows: vec![
                SheetRow {
                    number: 2,
                    cells: vec![Cell::Text("Омаров".into()), Cell::Empty, Cell::Date(date)],
                },
                SheetRow {
                    number: 3,
                    cells: vec![
                        Cell::Text("Ахметов".into()),
                        Cell::Int(50_412_310_212),
                        Cell::Empty,
                    ],
                },
            ],
        };
        let problem = otau_core::casework::import::ImportProblem::RepeatedInFile { row: 2 };
        let refused = vec![RefusedRow {
            row: 3,
            family_key: None,
            problems: vec![
                RowProblem {
                    field: Some("iin".into()),
                    column: Some("ЖСН".into()),
                    code: "iin-check-digit".into(),
                    args: BTreeMap::new(),
                },
                RowProblem {
                    field: None,
                    column: None,
                    code: problem.code().into(),
                    args: problem.args().into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                },
            ],
        }];
        let bytes = refused_rows_xlsx(&sheet, &refused, Lang::En).expect("xlsx");
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("refused.xlsx");
        std::fs::write(&path, &bytes).expect("write");
        use calamine::{open_workbook, Reader, Xlsx};
        let mut book: Xlsx<_> = open_workbook(&path).expect("open");
        let range = book.worksheet_range_at(0).expect("sheet").expect("range");
        let rows: Vec<Vec<String>> =
            range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        assert_eq!(rows.len(), 2, "the heading and the one refused row: {rows:?}");
        assert_eq!(rows[0][..4], ["Row in the file", "Тегі", "ЖСН", "Туған күні"]);
        assert_eq!(rows[1][..3], ["3", "Ахметов", "50412310212"][..], "a number stays a number");
        let reasons = &rows[1][4];
        assert!(reasons.starts_with("IIN: "), "{reasons}");
        assert!(reasons.contains("row 2"), "{reasons}");
    }
}
