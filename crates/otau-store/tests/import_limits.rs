//! Hostile files given to `otau import`: a tiny XLSX whose sheet claims or places values at a
//! billion cells, an archive that unpacks to far more than it weighs, and files past the limits
//! of size, rows and columns are refused with a message naming the limit, never read whole.

use otau_core::casework::import::Mapping;
use otau_store::registry::import::{read_sheet, read_sheet_within, ImportLimits, IMPORT_LIMITS};
use otau_store::StoreError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The codes of a refusal's field errors.
fn codes(e: &StoreError) -> Vec<String> {
    e.field_errors().iter().map(|f| f.code.clone()).collect()
}

fn mapping() -> Mapping {
    Mapping { header_row: 1, ..Mapping::default() }
}

/// A cell of an inline string at `r` (`A1`).
fn cell(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// Writes a one-sheet XLSX by hand: its dimension says `dimension`, its rows are `rows`
/// (row number, cells); `padding` bytes of spaces inside the sheet (they pack to almost nothing).
fn xlsx(path: &Path, dimension: &str, rows: &[(u32, Vec<String>)], padding: usize) {
    let sheet_rows: String =
        rows.iter().map(|(n, cells)| format!(r#"<row r="{n}">{}</row>"#, cells.concat())).collect();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_rows}</sheetData>{}</worksheet>"#,
                " ".repeat(padding)
            ),
        ),
    ];
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, text) in parts {
        zip.start_file(name, options).expect("part");
        zip.write_all(text.as_bytes()).expect("write part");
    }
    zip.finish().expect("finish");
}

fn dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[test]
fn finding_8_a_small_xlsx_claiming_a_billion_cells_is_refused_not_allocated() {
    let (_d, dir) = dir();
    // A value in the last cell a sheet can have: laid out whole, 17 billion cells.
    let bomb = dir.join("bomb.xlsx");
    xlsx(
        &bomb,
        "A1:XFD1048576",
        &[(1, vec![cell("A1", "Тегі")]), (1048576, vec![cell("XFD1048576", "x")])],
        0,
    );
    let size = std::fs::metadata(&bomb).expect("size").len();
    assert!(size < 2048, "the file weighs {size} bytes");
    let e = read_sheet(&bomb, &mapping()).expect_err("refused");
    assert_eq!(codes(&e), ["import-too-many-rows"]);
    assert_eq!(e.field_errors()[0].args["max"], IMPORT_LIMITS.rows.to_string());

    // The same far to the right in the first row.
    let wide = dir.join("wide.xlsx");
    xlsx(&wide, "A1:XFD1", &[(1, vec![cell("A1", "Тегі"), cell("XFD1", "x")])], 0);
    let e = read_sheet(&wide, &mapping()).expect_err("refused");
    assert_eq!(codes(&e), ["import-too-many-columns"]);

    // A dimension alone claims nothing: the values are what is read.
    let claims = dir.join("claims.xlsx");
    xlsx(
        &claims,
        "A1:XFD1048576",
        &[(1, vec![cell("A1", "Тегі"), cell("B1", "Аты")]), (2, vec![cell("A2", "Оразов")])],
        0,
    );
    let sheet = read_sheet(&claims, &mapping()).expect("read");
    assert_eq!(sheet.headers, ["Тегі", "Аты"]);
    assert_eq!(sheet.rows.len(), 1);
    assert_eq!(sheet.rows[0].number, 2);
    assert_eq!(sheet.rows[0].cells.len(), 2);
}

#[test]
fn finding_8_an_archive_that_unpacks_past_the_limit_is_refused_before_it_is_read() {
    let (_d, dir) = dir();
    let packed = dir.join("packed.xlsx");
    xlsx(&packed, "A1:A1", &[(1, vec![cell("A1", "Тегі")])], 4 << 20);
    let size = std::fs::metadata(&packed).expect("size").len();
    assert!(size < 64 << 10, "the file weighs {size} bytes");
    let limits = ImportLimits { unpacked_bytes: 1 << 20, ..IMPORT_LIMITS };
    let e = read_sheet_within(&packed, &mapping(), limits).expect_err("refused");
    assert_eq!(codes(&e), ["import-file-too-large"]);
    assert_eq!(e.field_errors()[0].args["max_mb"], "1");
    assert!(read_sheet(&packed, &mapping()).is_ok(), "within the real limits it is read");
}

#[test]
fn finding_8_a_file_past_the_limits_of_size_rows_or_columns_is_refused() {
    let (_d, dir) = dir();
    let csv = dir.join("families.csv");
    let mut text = String::from("Тегі;Аты\n");
    for i in 0..10 {
        text.push_str(&format!("Оразов{i};Нұрлан\n"));
    }
    std::fs::write(&csv, &text).expect("write");
    let small = ImportLimits { file_bytes: 1 << 20, unpacked_bytes: 1 << 20, rows: 11, columns: 2 };
    assert_eq!(read_sheet_within(&csv, &mapping(), small).expect("read").rows.len(), 10);

    let e =
        read_sheet_within(&csv, &mapping(), ImportLimits { rows: 10, ..small }).expect_err("rows");
    assert_eq!(codes(&e), ["import-too-many-rows"]);
    let e = read_sheet_within(&csv, &mapping(), ImportLimits { columns: 1, ..small })
        .expect_err("columns");
    assert_eq!(codes(&e), ["import-too-many-columns"]);
    let e = read_sheet_within(&csv, &mapping(), ImportLimits { file_bytes: 100, ..small })
        .expect_err("size");
    assert_eq!(codes(&e), ["import-file-too-large"]);

    // Old spreadsheet formats are laid out whole by the reader: saved as XLSX or CSV instead.
    for ext in ["xls", "ods"] {
        let path = dir.join(format!("old.{ext}"));
        std::fs::write(&path, b"not read").expect("write");
        let e = read_sheet(&path, &mapping()).expect_err(ext);
        assert_eq!(codes(&e), ["import-file-kind"]);
    }
}

#[test]
fn csv_line_numbers_count_blank_lines_and_quoted_line_breaks() {
    let (_d, dir) = dir();
    let csv = dir.join("lines.csv");
    std::fs::write(&csv, "Тегі;Аты\n\nОразов;Нұрлан\n\"Қасым\nов\";Әлия\n\n\nСерікбаев;Дана\n")
        .expect("write");
    let sheet = read_sheet(&csv, &mapping()).expect("read");
    let numbers: Vec<usize> = sheet.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [3, 4, 8]);
}

/// Found by the import fuzzer: a cell reference of more letters than any column has makes
/// calamine's arithmetic overflow (a panic where overflow is checked, a wrapped number where it
/// is not). Either way the file is refused with a message, and nothing panics out of the reader.
#[test]
fn fuzz_finding_a_cell_reference_longer_than_any_column_is_refused_not_a_panic() {
    let (_d, dir) = dir();
    let long = "ZZZZZZZZZZZZZZZZ";
    let file = dir.join("overflow.xlsx");
    xlsx(
        &file,
        &format!("A1:{long}2"),
        &[(1, vec![cell("A1", "Тегі")]), (2, vec![cell(&format!("{long}2"), "x")])],
        0,
    );
    let read = std::panic::catch_unwind(|| read_sheet(&file, &mapping()));
    let e = read.expect("no panic leaves the reader").expect_err("refused");
    let code = codes(&e);
    assert!(
        code == ["import-file-unreadable"] || code == ["import-too-many-columns"],
        "refused as unreadable or too wide: {code:?}"
    );
}
