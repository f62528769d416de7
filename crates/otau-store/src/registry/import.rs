//! Importing the spreadsheets offices keep today (XLSX or CSV): reading the file, deciding
//! what each family becomes (created, already registered, refused), and registering the new
//! ones in one transaction through the one write path.
//!
//! # The mapping file
//! A JSON file that says which column holds which field. `otau import FILE --suggest-mapping`
//! proposes one from the file's headings (Kazakh, Russian or English) for the clerk to check;
//! the dry run shows it as applied. Every key but `columns` is optional:
//!
//! ```json
//! {
//!   "sheet": "2026",
//!   "header_row": 1,
//!   "delimiter": ";",
//!   "date_formats": ["%d/%m/%y"],
//!   "family_key": "Отбасы №",
//!   "columns": {
//!     "surname": "Тегі", "given_name": "Аты", "patronymic": "Әкесінің аты",
//!     "birth_date": "Туған күні", "sex": "Жынысы", "iin": "ЖСН", "relation": "Туыстығы",
//!     "document_kind": "Құжат түрі", "document_number": "Құжат нөмірі",
//!     "arrival_date": "Келген күні", "country_of_origin": "Шыққан елі"
//!   },
//!   "values": { "sex": { "1": "male", "2": "female" } },
//!   "defaults": { "region": "KZ-55", "settlement": "Павлодар" }
//! }
//! ```
//!
//! - `sheet` (XLSX; default the first sheet), `header_row` (the row of headings, counting from
//!   1; data starts below it), `delimiter` (CSV; default whichever of `;` `,` tab the heading
//!   row has most of), `date_formats` (extra chrono formats; `YYYY-MM-DD`, `DD.MM.YYYY`,
//!   `DD/MM/YYYY`, `DD-MM-YYYY` and XLSX date cells are always read).
//! - `columns`: field → heading, matched ignoring case and spaces. Fields: `surname`,
//!   `given_name`, `patronymic`, `surname_latin`, `given_name_latin`, `patronymic_latin`,
//!   `birth_date`, `sex`, `iin`, `citizenship`, `education`, `relation`, `phone`, `email`,
//!   `document_kind`, `document_number`, `document_issuing_country`, `document_issued_on`,
//!   `document_valid_until`, `consent_given_on`, `consent_purpose` (per person) and
//!   `arrival_date`, `country_of_origin`, `region`, `settlement`, `accommodation_category`,
//!   `address` (per family, taken from the head's row first).
//! - `family_key`: the heading of the column that groups rows into families (a family number);
//!   a blank cell continues the family above. Without it every row is a family of one. With it,
//!   `relation` must be mapped.
//! - `values`: field → (text in the file → Otau's value), for codes the built-in words do not
//!   know. Sex, relation, education and document kind are understood in Kazakh, Russian and
//!   English (`ер`/`муж`/`male`, `басшысы`/`глава`/`head`, …); regions and countries by code or
//!   by name in any of the three languages.
//! - `defaults`: field → value where the file has no column or a blank cell.
//!
//! `surname`, `given_name`, `birth_date`, `sex`, `arrival_date`, `country_of_origin`, `region`
//! and `settlement` need a column or a default.
//!
//! Consent: a person with a `consent_given_on` gets a consent for the programme's purposes until
//! its end, on a signed form; a person without one (an old list has no such column) is
//! registered with their consent *to be collected*, which only an import may record, and the
//! card says so until a clerk records the consent. Refusing such lists would leave offices
//! keeping their old registers outside Otau, with no consent at all.
//!
//! # Design
//! [`Store::import_plan`] decides everything: the rows are prepared by the pure
//! `otau_core::casework::import::prepare` (conversion, grouping, validation), then each family is
//! checked against the registry with [`Store::find_duplicates`] and against the families before
//! it in the file. A family whose head is already registered is skipped as *already
//! registered*, which makes an import re-runnable: a second run creates nothing. A family where
//! only another member matches someone is refused for a clerk to look at. The dry run is that
//! plan; the real run is the same plan followed by registering the families in one
//! transaction (audit and outbox included), so both always agree.
//!
//! # Limits
//! A file is read within [`IMPORT_LIMITS`]: its size on disk, the size its parts unpack to
//! (XLSX: as the archive declares them), the rows and the columns. An XLSX or XLSB sheet is read
//! cell by cell and only the cells holding a value are kept, so a sheet that claims (or places a
//! value at) a million rows by sixteen thousand columns is refused at the first cell past the
//! limits instead of being laid out in memory. XLS and ODS are not read: the reader lays their
//! sheets out whole before anyone can look at their size; a clerk saves them as XLSX or CSV.

use crate::context::Context;
use crate::error::{DuplicateReason, Result, StoreError};
use crate::registry::{Duplicates, Registered};
use crate::users::Action;
use crate::Store;
use chrono::NaiveDate;
use otau_core::casework::import::{
    prepare, Cell, ColumnUse, ImportProblem, Mapping, PreparedFamily, RefusedRow, RowProblem,
    Sheet, SheetRow,
};
use otau_core::model::{FamilyInput, Relation};
use otau_core::names::fold_loose;
use otau_core::validate::normalize_document_number;
use otau_core::{Coded, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// A family the import creates (or, in a dry run, would create).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFamily {
    /// The family key in the file.
    pub key: String,
    /// Its rows.
    pub rows: Vec<usize>,
    /// The head's name.
    pub head: String,
    /// Number of members.
    pub members: usize,
    /// The registration numbers given (real run only).
    pub registered: Option<Registered>,
}

/// A family skipped because its head is already registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSkip {
    /// The family key in the file.
    pub key: String,
    /// Its rows.
    pub rows: Vec<usize>,
    /// The head's name as in the file.
    pub head: String,
    /// The registration number of the person the head matches.
    pub existing_regno: String,
    /// Why they match.
    pub reason: DuplicateReason,
}

/// What an import does (or, in a dry run, would do): the report the clerk reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// The mapping as applied.
    pub columns: Vec<ColumnUse>,
    /// The column grouping rows into families.
    pub family_key: Option<String>,
    /// Families created (or to create), in the order of the file.
    pub families: Vec<ImportFamily>,
    /// Families skipped as already registered.
    pub already_registered: Vec<ImportSkip>,
    /// Rows refused, in the order of the file, each with every reason.
    pub refused: Vec<RefusedRow>,
    /// Persons created (or to create).
    pub persons: usize,
}

/// The plan of an import: the report and the families to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// The report (without registration numbers).
    pub report: ImportReport,
    /// The families to register, in the order of `report.families`.
    pub to_create: Vec<FamilyInput>,
}

/// The largest file an import reads, and what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// Bytes of the file on disk.
    pub file_bytes: u64,
    /// Bytes the parts of an XLSX or XLSB unpack to, as its archive declares them.
    pub unpacked_bytes: u64,
    /// Rows, the heading row and any above it included.
    pub rows: usize,
    /// Columns (the last column holding a value, counting from 1).
    pub columns: usize,
}

/// The limits of every import: a region's whole register (tens of thousands of families) fits
/// several times over; a file past them is refused before it is read whole.
pub const IMPORT_LIMITS: ImportLimits =
    ImportLimits { file_bytes: 64 << 20, unpacked_bytes: 512 << 20, rows: 200_000, columns: 256 };

fn file_error(code: &str, args: &[(&str, String)]) -> StoreError {
    let mut e = FieldError::bare("file", code);
    for (k, v) in args {
        e = e.with_arg(k, v);
    }
    StoreError::Invalid(vec![e])
}

/// Reads the sheet of an XLSX (XLSM, XLSB) or CSV file as the mapping says (sheet, heading row,
/// separator), within [`IMPORT_LIMITS`]. Blank rows are left out; row numbers are those a
/// spreadsheet program shows.
pub fn read_sheet(path: &Path, mapping: &Mapping) -> Result<Sheet> {
    read_sheet_within(path, mapping, IMPORT_LIMITS)
}

/// [`read_sheet`] within other limits than [`IMPORT_LIMITS`] (tests of the limits).
pub fn read_sheet_within(path: &Path, mapping: &Mapping, limits: ImportLimits) -> Result<Sheet> {
    let name = path.display().to_string();
    file_kind(&name)?;
    let size = std::fs::metadata(path).map_err(|e| unreadable(&name, e))?.len();
    check_file_size(size, &limits)?;
    let bytes = std::fs::read(path).map_err(|e| unreadable(&name, e))?;
    read_sheet_bytes(&name, &bytes, mapping, limits)
}

/// The sheet of a file already in memory (a file the window read): `name` is the file's name,
/// whose extension says how to read it, and the name messages give.
pub fn read_sheet_bytes(
    name: &str,
    bytes: &[u8],
    mapping: &Mapping,
    limits: ImportLimits,
) -> Result<Sheet> {
    let kind = file_kind(name)?;
    check_file_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX), &limits)?;
    let rows = match kind {
        FileKind::Csv => read_csv(name, bytes, mapping, &limits)?,
        FileKind::Xlsx | FileKind::Xlsb => read_workbook(name, kind, bytes, mapping, &limits)?,
    };
    let header_row = mapping.header_row.max(1);
    let headers: Vec<String> = rows
        .iter()
        .find(|(n, _)| *n == header_row)
        .map(|(_, cells)| cells.iter().map(Cell::text).collect())
        .ok_or_else(|| file_error("import-header-row", &[("row", header_row.to_string())]))?;
    let width = headers.len();
    let rows = rows
        .into_iter()
        .filter(|(n, cells)| *n > header_row && cells.iter().any(|c| !c.is_blank()))
        .map(|(number, mut cells)| {
            cells.resize(width.max(cells.len()), Cell::Empty);
            SheetRow { number, cells }
        })
        .collect();
    Ok(Sheet { headers, rows })
}

/// How a file is read, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Csv,
    Xlsx,
    Xlsb,
}

fn file_kind(name: &str) -> Result<FileKind> {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => Ok(FileKind::Csv),
        "xlsx" | "xlsm" => Ok(FileKind::Xlsx),
        "xlsb" => Ok(FileKind::Xlsb),
        _ => Err(file_error("import-file-kind", &[("ext", ext)])),
    }
}

fn check_file_size(size: u64, limits: &ImportLimits) -> Result<()> {
    if size > limits.file_bytes {
        return Err(file_error(
            "import-file-too-large",
            &[("size_mb", mib(size)), ("max_mb", mib(limits.file_bytes))],
        ));
    }
    Ok(())
}

/// Whole mebibytes, rounded up, for messages.
fn mib(bytes: u64) -> String {
    bytes.div_ceil(1 << 20).to_string()
}

fn too_many_rows(limits: &ImportLimits) -> StoreError {
    file_error("import-too-many-rows", &[("max", limits.rows.to_string())])
}

fn too_many_columns(limits: &ImportLimits) -> StoreError {
    file_error("import-too-many-columns", &[("max", limits.columns.to_string())])
}

fn unreadable(name: &str, detail: impl ToString) -> StoreError {
    file_error(
        "import-file-unreadable",
        &[("path", name.to_string()), ("detail", detail.to_string())],
    )
}

fn read_csv(
    name: &str,
    bytes: &[u8],
    mapping: &Mapping,
    limits: &ImportLimits,
) -> Result<Vec<(usize, Vec<Cell>)>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| file_error("import-csv-not-utf8", &[("path", name.to_string())]))?;
    let delimiter = match mapping.delimiter {
        Some(c) if c.is_ascii() => c as u8,
        Some(c) => return Err(file_error("import-delimiter", &[("value", c.to_string())])),
        None => {
            let first = text.lines().nth(mapping.header_row.max(1) - 1).unwrap_or_default();
            [b',', b';', b'\t']
                .into_iter()
                .max_by_key(|d| first.bytes().filter(|b| b == d).count())
                .unwrap_or(b',')
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = vec![];
    // Line numbers are counted once through the text, from one record to the next: counting
    // from the start for every record made a large file quadratic.
    let (mut counted_to, mut lines_before) = (0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(name, e))?;
        if rows.len() >= limits.rows {
            return Err(too_many_rows(limits));
        }
        if record.len() > limits.columns {
            return Err(too_many_columns(limits));
        }
        // The line a record starts on: blank lines (which the reader skips) still count, as
        // in a spreadsheet program. The reader's position is where it began reading the
        // record, before any blank lines it skipped; those count too.
        let line = match record.position() {
            Some(p) => {
                let at = (p.byte() as usize).clamp(counted_to, text.len());
                let bytes = text.as_bytes();
                lines_before += bytes[counted_to..at].iter().filter(|&&b| b == b'\n').count();
                counted_to = at;
                let skipped = bytes[at..]
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .filter(|&&b| b == b'\n')
                    .count();
                lines_before + skipped + 1
            }
            None => rows.len() + 1,
        };
        let cells = record
            .iter()
            .map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) })
            .collect();
        rows.push((line, cells));
    }
    Ok(rows)
}

/// Refuses an archive whose parts declare more than the limit unpacked (a few kilobytes that
/// unpack to gigabytes), before the reader unpacks any of them.
fn check_unpacked_size(name: &str, bytes: &[u8], limits: &ImportLimits) -> Result<()> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(name, e))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|e| unreadable(name, e))?;
        total = total.saturating_add(part.size());
    }
    if total > limits.unpacked_bytes {
        return Err(file_error(
            "import-file-too-large",
            &[("size_mb", mib(total)), ("max_mb", mib(limits.unpacked_bytes))],
        ));
    }
    Ok(())
}

/// The cells of a sheet holding a value, by row, kept as they are read: past the limits the
/// file is refused at once, whatever the sheet's dimension says.
#[derive(Default)]
struct SparseSheet(std::collections::BTreeMap<u32, Vec<(u32, Cell)>>);

impl SparseSheet {
    fn put(
        &mut self,
        (row, col): (u32, u32),
        data: calamine::Data,
        limits: &ImportLimits,
    ) -> Result<()> {
        let cell = cell_of(data);
        if cell.is_blank() {
            return Ok(());
        }
        if row as usize >= limits.rows {
            return Err(too_many_rows(limits));
        }
        if col as usize >= limits.columns {
            return Err(too_many_columns(limits));
        }
        self.0.entry(row).or_default().push((col, cell));
        Ok(())
    }

    /// Rows numbered as a spreadsheet program shows them, each as wide as its last value.
    fn rows(self) -> Vec<(usize, Vec<Cell>)> {
        self.0
            .into_iter()
            .map(|(row, values)| {
                let width = values.iter().map(|(c, _)| *c as usize + 1).max().unwrap_or(0);
                let mut cells = vec![Cell::Empty; width];
                for (col, cell) in values {
                    cells[col as usize] = cell;
                }
                (row as usize + 1, cells)
            })
            .collect()
    }
}

fn cell_of(data: calamine::Data) -> Cell {
    use calamine::Data;
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s)
            }
        }
        Data::Int(n) => Cell::Int(n),
        // A number in a spreadsheet: whole numbers (IINs, document numbers typed as numbers)
        // stay exact; anything with a fraction is kept as its text.
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                Cell::Int(f as i64)
            } else {
                Cell::Text(f.to_string())
            }
        }
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => Cell::Date(t.date()),
            None => Cell::Text(dt.to_string()),
        },
    }
}

/// Reads the sheet of a workbook. calamine parses what a stranger's file says: an arithmetic
/// overflow it does not check (a cell reference of thousands of letters) panics in a build with
/// overflow checks and wraps in a release build, so a panic inside it is caught and the file
/// refused as unreadable, like any other damaged file (the release build's wrapped positions are
/// refused by the sheet's limits).
fn read_workbook(
    name: &str,
    kind: FileKind,
    bytes: &[u8],
    mapping: &Mapping,
    limits: &ImportLimits,
) -> Result<Vec<(usize, Vec<Cell>)>> {
    check_unpacked_size(name, bytes, limits)?;
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook_cells(name, kind, bytes, mapping, limits)
    }));
    read.unwrap_or_else(|_| Err(unreadable(name, "the workbook's structure is damaged")))
}

/// The sheet the mapping names (default the first) among a workbook's `names`.
fn sheet_named(name: &str, names: &[String], mapping: &Mapping) -> Result<String> {
    match &mapping.sheet {
        Some(wanted) => {
            names.iter().find(|n| n.trim() == wanted.trim()).cloned().ok_or_else(|| {
                file_error(
                    "import-sheet-missing",
                    &[("sheet", wanted.clone()), ("sheets", names.join(", "))],
                )
            })
        }
        None => names.first().cloned().ok_or_else(|| unreadable(name, "no sheets")),
    }
}

fn read_workbook_cells(
    name: &str,
    kind: FileKind,
    bytes: &[u8],
    mapping: &Mapping,
    limits: &ImportLimits,
) -> Result<Vec<(usize, Vec<Cell>)>> {
    use calamine::{Reader, Xlsb, Xlsx};
    let data = std::io::Cursor::new(bytes);
    let mut sheet = SparseSheet::default();
    if kind == FileKind::Xlsb {
        let mut book = Xlsb::new(data).map_err(|e| unreadable(name, e))?;
        let wanted = sheet_named(name, &book.sheet_names(), mapping)?;
        let mut cells = book.worksheet_cells_reader(&wanted).map_err(|e| unreadable(name, e))?;
        while let Some(c) = cells.next_cell().map_err(|e| unreadable(name, e))? {
            sheet.put(c.get_position(), c.get_value().clone().into(), limits)?;
        }
    } else {
        let mut book = Xlsx::new(data).map_err(|e| unreadable(name, e))?;
        let wanted = sheet_named(name, &book.sheet_names(), mapping)?;
        let mut cells = book.worksheet_cells_reader(&wanted).map_err(|e| unreadable(name, e))?;
        while let Some(c) = cells.next_cell().map_err(|e| unreadable(name, e))? {
            sheet.put(c.get_position(), c.get_value().clone().into(), limits)?;
        }
    }
    Ok(sheet.rows())
}

/// The names of a workbook's sheets, in order (none for a CSV file), for the window to offer;
/// a file past the limits is refused as [`read_sheet_bytes`] refuses it.
pub fn sheet_names(name: &str, bytes: &[u8], limits: ImportLimits) -> Result<Vec<String>> {
    use calamine::{Reader, Xlsb, Xlsx};
    check_file_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX), &limits)?;
    if file_kind(name)? != FileKind::Csv {
        check_unpacked_size(name, bytes, &limits)?;
    }
    let data = std::io::Cursor::new(bytes);
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match file_kind(name)? {
        FileKind::Csv => Ok(vec![]),
        FileKind::Xlsx => Ok(Xlsx::new(data).map_err(|e| unreadable(name, e))?.sheet_names()),
        FileKind::Xlsb => Ok(Xlsb::new(data).map_err(|e| unreadable(name, e))?.sheet_names()),
    }));
    read.unwrap_or_else(|_| Err(unreadable(name, "the workbook's structure is damaged")))
}

/// The head of a prepared family (index in its members).
fn head_index(input: &FamilyInput) -> usize {
    input.members.iter().position(|m| m.relation == Relation::Head).unwrap_or(0)
}

fn name_of(input: &FamilyInput, i: usize) -> String {
    input
        .members
        .get(i)
        .map(|m| format!("{} {}", m.surname.trim(), m.given_name.trim()))
        .unwrap_or_default()
}

fn reason_name(r: DuplicateReason) -> String {
    serde_json::to_value(r).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The keys a person is matched on within the file, as the registry's duplicate check does:
/// IIN, normalised document number, folded name with the birth date (each spelling).
fn person_keys(m: &otau_core::model::MemberInput) -> Vec<String> {
    let mut keys = vec![];
    if let Some(iin) = m.iin.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        keys.push(format!("iin:{iin}"));
    }
    if let Some(doc) = &m.document {
        let n = normalize_document_number(&doc.number);
        if !n.is_empty() {
            keys.push(format!("doc:{n}"));
        }
    }
    keys.push(format!(
        "name:{}:{}",
        fold_loose(&format!("{} {}", m.surname, m.given_name)),
        m.birth_date
    ));
    if let (Some(s), Some(g)) = (&m.surname_latin, &m.given_name_latin) {
        keys.push(format!("name:{}:{}", fold_loose(&format!("{s} {g}")), m.birth_date));
    }
    keys
}

fn refuse_family(
    f: &PreparedFamily,
    per_member: &HashMap<usize, Vec<RowProblem>>,
) -> Vec<RefusedRow> {
    let first = (0..f.rows.len()).find(|i| per_member.contains_key(i)).unwrap_or(0);
    let refused = ImportProblem::FamilyRefused { row: f.rows.get(first).copied().unwrap_or(0) };
    f.rows
        .iter()
        .enumerate()
        .map(|(i, row)| RefusedRow {
            row: *row,
            family_key: Some(f.key.clone()).filter(|k| !k.starts_with('#')),
            problems: per_member.get(&i).cloned().unwrap_or_else(|| {
                vec![RowProblem {
                    field: None,
                    column: None,
                    code: refused.code().to_string(),
                    args: refused.args(),
                }]
            }),
        })
        .collect()
}

fn problem(p: &ImportProblem) -> RowProblem {
    RowProblem { field: None, column: None, code: p.code().to_string(), args: p.args() }
}

/// The stages of an import, as its progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    /// Each family checked against the registry and the file (the dry run is only this).
    Checking,
    /// The new families registered, in one transaction.
    Registering,
}

/// Told how far an import is after each family (the stage, families done, families in all);
/// answering `false` stops it with [`StoreError::Cancelled`] and nothing is written.
pub type ImportWatch<'a> = dyn FnMut(ImportStage, usize, usize) -> bool + 'a;

impl Store {
    /// What importing `sheet` with `mapping` on `today` would do; nothing is written. The real
    /// run ([`Store::import`]) carries out exactly this plan.
    pub fn import_plan(
        &self,
        sheet: &Sheet,
        mapping: &Mapping,
        today: NaiveDate,
    ) -> Result<ImportPlan> {
        self.import_plan_watched(sheet, mapping, today, &mut |_, _, _| true)
    }

    /// [`Store::import_plan`], telling `watch` after each family checked.
    pub fn import_plan_watched(
        &self,
        sheet: &Sheet,
        mapping: &Mapping,
        today: NaiveDate,
        watch: &mut ImportWatch<'_>,
    ) -> Result<ImportPlan> {
        let prepared = prepare(sheet, mapping, today).map_err(StoreError::Invalid)?;
        let families = prepared.families.len();
        let mut report = ImportReport {
            dry_run: true,
            rows: prepared.rows,
            columns: prepared.columns.clone(),
            family_key: prepared.family_key.clone(),
            families: vec![],
            already_registered: vec![],
            refused: prepared.refused.clone(),
            persons: 0,
        };
        let mut to_create = vec![];
        // Keys of the people accepted so far in this file → their row.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (done, f) in prepared.families.iter().enumerate() {
            if !watch(ImportStage::Checking, done, families) {
                return Err(StoreError::Cancelled);
            }
            let head = head_index(&f.input);
            let hits = self.find_duplicates(&f.input)?;
            if let Some(hit) =
                hits.iter().filter(|h| h.member_index == head).min_by_key(|h| h.reason as u8)
            {
                report.already_registered.push(ImportSkip {
                    key: f.key.clone(),
                    rows: f.rows.clone(),
                    head: name_of(&f.input, head),
                    existing_regno: hit.existing_regno.clone(),
                    reason: hit.reason,
                });
                continue;
            }
            let mut per_member: HashMap<usize, Vec<RowProblem>> = HashMap::new();
            for hit in &hits {
                let p = ImportProblem::LikelyDuplicate {
                    regno: hit.existing_regno.clone(),
                    name: hit.existing_name.clone(),
                    reason: reason_name(hit.reason),
                };
                per_member.entry(hit.member_index).or_default().push(problem(&p));
            }
            for (i, m) in f.input.members.iter().enumerate() {
                if let Some(row) = person_keys(m).iter().find_map(|k| seen.get(k)) {
                    per_member
                        .entry(i)
                        .or_default()
                        .push(problem(&ImportProblem::RepeatedInFile { row: *row }));
                }
            }
            if !per_member.is_empty() {
                report.refused.extend(refuse_family(f, &per_member));
                continue;
            }
            for (m, row) in f.input.members.iter().zip(&f.rows) {
                for k in person_keys(m) {
                    seen.entry(k).or_insert(*row);
                }
            }
            report.persons += f.input.members.len();
            report.families.push(ImportFamily {
                key: f.key.clone(),
                rows: f.rows.clone(),
                head: name_of(&f.input, head),
                members: f.input.members.len(),
                registered: None,
            });
            to_create.push(f.input.clone());
        }
        report.refused.sort_by_key(|r| r.row);
        if !watch(ImportStage::Checking, families, families) {
            return Err(StoreError::Cancelled);
        }
        Ok(ImportPlan { report, to_create })
    }

    /// Imports `sheet`: with `dry_run`, only the plan; otherwise the plan carried out, every
    /// new family registered in one transaction (with its audit rows and events). Importing
    /// the same file again creates nothing.
    pub fn import(
        &mut self,
        ctx: &Context,
        sheet: &Sheet,
        mapping: &Mapping,
        dry_run: bool,
    ) -> Result<ImportReport> {
        self.import_watched(ctx, sheet, mapping, dry_run, &mut |_, _, _| true)
    }

    /// [`Store::import`], telling `watch` after each family checked, then after each family
    /// registered. Stopped at any point, nothing is written: the families are registered in
    /// one transaction, rolled back when `watch` answers `false`.
    pub fn import_watched(
        &mut self,
        ctx: &Context,
        sheet: &Sheet,
        mapping: &Mapping,
        dry_run: bool,
        watch: &mut ImportWatch<'_>,
    ) -> Result<ImportReport> {
        ctx.actor.require(Action::RegisterFamily)?;
        let ImportPlan { mut report, to_create } =
            self.import_plan_watched(sheet, mapping, ctx.today, watch)?;
        if dry_run || to_create.is_empty() {
            report.dry_run = dry_run;
            return Ok(report);
        }
        // Refuse, not allow: the plan left out every likely duplicate, so a hit here means the
        // registry changed since the plan, and then nothing is written.
        let registered = self.register_many(
            ctx,
            &to_create,
            Duplicates::Refuse,
            otau_core::validate::validate_imported_family,
            &mut |done, total| watch(ImportStage::Registering, done, total),
        )?;
        for (family, reg) in report.families.iter_mut().zip(registered) {
            family.registered = Some(reg);
        }
        report.dry_run = false;
        Ok(report)
    }
}
