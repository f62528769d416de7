//! Importing an office's old spreadsheet (XLSX or CSV) in the window: the file chosen, its
//! columns with the mapping the library suggests for the clerk to change, a dry run listing
//! every row it would refuse and why (saved as a spreadsheet to correct and import again), then
//! the real run with its progress and a way to stop it, and what it did. The rules are
//! `otau_store::registry::import`'s, as `otau import` calls them.
//!
//! # Design
//! The window reads the file the clerk chose and hands its bytes over once
//! ([`Desk::import_open`]); the desk keeps them in memory (never in a temporary file: they are
//! personal data) until another file is opened, the screen is left or the user signs out. A
//! check or a run is one command that answers when it ends, on a connection of its own, so
//! [`Desk::import_progress`] is answered meanwhile from memory, as the packet import's progress
//! is; [`Desk::import_cancel`] raises a flag the import reads after each family, and a stopped
//! run writes nothing (the families are registered in one transaction).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use base64::prelude::{Engine, BASE64_STANDARD};
use otau_core::casework::import::{suggest_mapping, ImportField, Mapping, RefusedRow, Sheet};
use otau_core::Coded;
use otau_i18n::Lang;
use otau_store::registry::import::{
    read_sheet_bytes, sheet_names, ImportReport, ImportStage, IMPORT_LIMITS,
};
use otau_store::{Action, Context};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::desk::Desk;
use crate::error::{ApiError, ApiResult};
use crate::Now;

/// The import screen's own error codes; each is a message in `assets/i18n/*/ui-admin.ftl`.
pub mod code {
    /// No file is open for import (none chosen yet, or signed out since).
    pub const NO_FILE: &str = "desk-import-no-file";
    /// A check or an import is already running.
    pub const BUSY: &str = "desk-import-busy";
    /// The file's bytes did not arrive whole.
    pub const NOT_RECEIVED: &str = "desk-import-not-received";
    /// There are no refused rows to save (no dry run yet, or none refused).
    pub const NOTHING_REFUSED: &str = "desk-import-nothing-refused";
    /// No documents folder is set to save the refused rows in.
    pub const NO_FOLDER: &str = "desk-import-no-folder";
    /// Every code above, for the test that they are all translated.
    #[cfg(test)]
    pub const ALL: [&str; 5] = [NO_FILE, BUSY, NOT_RECEIVED, NOTHING_REFUSED, NO_FOLDER];
}

/// How many values of each column the screen shows under its heading.
const SAMPLES: usize = 3;

/// A column of the file, as the screen shows it to be mapped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportColumn {
    /// Its heading.
    pub heading: String,
    /// The first values under it.
    pub samples: Vec<String>,
}

/// A field of the registry a column can fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportFieldInfo {
    /// Its name in a mapping (`surname`, `document_number`).
    pub field: String,
    /// Its label's path in the translations (`document.number`: `field-document-number`).
    pub label: String,
    /// It needs a column or a default.
    pub required: bool,
    /// It is the family's, read from the head's row first.
    pub per_family: bool,
}

/// How the file's columns fill the registry: the mapping the clerk confirms.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ImportSetup {
    /// XLSX: the sheet read (the first when none).
    pub sheet: Option<String>,
    /// The row of the headings, counting from 1.
    pub header_row: u32,
    /// The heading of the column that groups rows into families (a family number).
    pub family_key: Option<String>,
    /// Field → the heading of its column.
    pub columns: BTreeMap<String, String>,
    /// Field → the value where the file has no column or a blank cell.
    pub defaults: BTreeMap<String, String>,
}

impl ImportSetup {
    fn of(mapping: &Mapping) -> ImportSetup {
        ImportSetup {
            sheet: mapping.sheet.clone(),
            header_row: u32::try_from(mapping.header_row).unwrap_or(1),
            family_key: mapping.family_key.clone(),
            columns: mapping.columns.iter().map(|(f, c)| (f.name(), c.clone())).collect(),
            defaults: mapping.defaults.iter().map(|(f, v)| (f.name(), v.clone())).collect(),
        }
    }

    /// The library's mapping: unknown fields are refused with the mapping's own message, blank
    /// columns and defaults left out.
    fn mapping(&self) -> ApiResult<Mapping> {
        let kept = |m: &BTreeMap<String, String>| -> BTreeMap<String, String> {
            m.iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (k.clone(), v.trim().to_owned()))
                .collect()
        };
        let doc = serde_json::json!({
            "sheet": self.sheet.as_deref().filter(|s| !s.trim().is_empty()),
            "header_row": self.header_row.max(1),
            "family_key": self.family_key.as_deref().filter(|s| !s.trim().is_empty()),
            "columns": kept(&self.columns),
            "defaults": kept(&self.defaults),
        });
        Mapping::from_json(&doc.to_string()).map_err(|e| ApiError::invalid(vec![e]))
    }
}

/// A file opened for import: what the screen shows to map it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportOpened {
    /// The file's name.
    pub file_name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// XLSX: its sheets, in order (none for CSV).
    pub sheets: Vec<String>,
    /// Data rows below the headings.
    pub rows: u32,
    /// Its columns, in order.
    pub columns: Vec<ImportColumn>,
    /// The mapping suggested from the headings.
    pub setup: ImportSetup,
    /// Every field a column can fill.
    pub fields: Vec<ImportFieldInfo>,
}

/// A family created, or to be created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportFamilyRow {
    /// Its rows in the file (`12–15`).
    pub rows: String,
    /// The head's name.
    pub head: String,
    /// Members.
    pub members: u32,
    /// The family's registration number (a real run only).
    pub regno: Option<String>,
}

/// A family skipped because its head is already registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportSkipRow {
    /// Its rows in the file.
    pub rows: String,
    /// The head's name as in the file.
    pub head: String,
    /// The registration number of the person the head is.
    pub regno: String,
    /// Why they match (`same_iin`, `same_document`, `same_name_and_birth_date`).
    pub reason: String,
}

/// One reason a row is refused: a message code with its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProblemView {
    /// The field concerned (`birth_date`, `document.number`), if one.
    pub field: Option<String>,
    /// The column concerned, if one.
    pub column: Option<String>,
    /// The message's code.
    pub code: String,
    /// Its arguments.
    pub args: BTreeMap<String, String>,
}

/// A row refused, with every reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportRefusedRow {
    /// The row's number in the file, as a spreadsheet program shows it.
    pub row: u32,
    /// Its family number in the file, if any.
    pub family_key: Option<String>,
    /// Why.
    pub problems: Vec<ImportProblemView>,
}

/// What a dry run would do, or what an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportOutcome {
    /// Only checked: nothing was written.
    pub dry_run: bool,
    /// Data rows read.
    pub rows: u32,
    /// Families created (or to create), in the order of the file.
    pub families: Vec<ImportFamilyRow>,
    /// Persons created (or to create).
    pub persons: u32,
    /// Families skipped as already registered.
    pub already_registered: Vec<ImportSkipRow>,
    /// Rows refused, in the order of the file.
    pub refused: Vec<ImportRefusedRow>,
    /// Families with a refused row.
    pub refused_families: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn rows_text(rows: &[usize]) -> String {
    match (rows.first(), rows.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

fn refused_view(r: &RefusedRow) -> ImportRefusedRow {
    ImportRefusedRow {
        row: count(r.row),
        family_key: r.family_key.clone(),
        problems: r
            .problems
            .iter()
            .map(|p| ImportProblemView {
                field: p.field.clone(),
                column: p.column.clone(),
                code: p.code.clone(),
                args: p.args.clone(),
            })
            .collect(),
    }
}

impl From<&ImportReport> for ImportOutcome {
    fn from(r: &ImportReport) -> ImportOutcome {
        let refused_families: std::collections::BTreeSet<&str> =
            r.refused.iter().filter_map(|x| x.family_key.as_deref()).collect();
        ImportOutcome {
            dry_run: r.dry_run,
            rows: count(r.rows),
            families: r
                .families
                .iter()
                .map(|f| ImportFamilyRow {
                    rows: rows_text(&f.rows),
                    head: f.head.clone(),
                    members: count(f.members),
                    regno: f.registered.as_ref().map(|x| x.family_regno.clone()),
                })
                .collect(),
            persons: count(r.persons),
            already_registered: r
                .already_registered
                .iter()
                .map(|s| ImportSkipRow {
                    rows: rows_text(&s.rows),
                    head: s.head.clone(),
                    regno: s.existing_regno.clone(),
                    reason: serde_json::to_value(s.reason)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                })
                .collect(),
            refused: r.refused.iter().map(refused_view).collect(),
            refused_families: count(refused_families.len()),
        }
    }
}

/// The stages of a check or an import, as the progress bar names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportStep {
    /// Each family checked against the registry and the file.
    Checking,
    /// The new families registered.
    Registering,
}

impl From<ImportStage> for ImportStep {
    fn from(stage: ImportStage) -> ImportStep {
        match stage {
            ImportStage::Checking => ImportStep::Checking,
            ImportStage::Registering => ImportStep::Registering,
        }
    }
}

/// How far the check or import under way is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub struct ImportProgress {
    /// One is running.
    pub running: bool,
    /// Only checking (a dry run), or importing.
    pub dry_run: bool,
    /// Checking every family, then registering the new ones (an import only).
    pub stage: Option<ImportStep>,
    /// Families done in this stage.
    pub done: u32,
    /// Families in this stage.
    pub total: u32,
    /// Asked to stop; it stops after the family at hand.
    pub stopping: bool,
}

/// The refused rows saved as a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RefusedRowsFile {
    /// Where.
    pub path: String,
    /// The file's name.
    pub file_name: String,
    /// Rows in it.
    pub rows: u32,
}

/// The file open for import.
#[derive(Debug, Clone)]
struct Staged {
    name: String,
    bytes: Arc<Vec<u8>>,
}

/// The last check or import: its sheet and report, for the refused rows' file.
#[derive(Debug, Clone)]
struct Done {
    sheet: Arc<Sheet>,
    refused: Vec<RefusedRow>,
}

#[derive(Debug, Default)]
struct State {
    file: Option<Staged>,
    progress: ImportProgress,
    last: Option<Done>,
    saved: Option<PathBuf>,
}

/// The desk's import: the open file, the progress of the run under way and its stop flag.
#[derive(Debug, Default)]
pub(crate) struct Imports {
    state: Mutex<State>,
    stop: AtomicBool,
}

impl Imports {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Plain data: a state left by a panicking thread is still worth reading.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets the open file and what was found in it (leaving the screen; a run under way
    /// goes on with the bytes it holds); signing out also asks a run under way to stop.
    pub(crate) fn forget(&self, stop_running: bool) {
        let mut state = self.lock();
        if state.progress.running && stop_running {
            self.stop.store(true, Ordering::SeqCst);
            state.progress.stopping = true;
        }
        state.file = None;
        state.last = None;
        state.saved = None;
    }
}

/// The mapping of a file's sheet and headings, to read it before anything is mapped.
fn probe(sheet: Option<String>, header_row: u32) -> Mapping {
    Mapping {
        sheet: sheet.filter(|s| !s.trim().is_empty()),
        header_row: usize::try_from(header_row.max(1)).unwrap_or(1),
        ..Mapping::default()
    }
}

fn print_error(e: &otau_print::PrintError) -> ApiError {
    ApiError { message: Some(e.to_string()), args: e.args(), ..ApiError::coded(e.code()) }
}

/// Only the last part of a name the window gives (a browser gives no folders, but be sure).
fn file_name_of(name: &str) -> String {
    Path::new(name.trim())
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.trim().to_owned())
}

impl Desk {
    fn require_register(&self) -> ApiResult<()> {
        self.with(|_, actor| Ok(actor.require(Action::RegisterFamily)?))
    }

    fn staged(&self) -> ApiResult<Staged> {
        self.imports().lock().file.clone().ok_or_else(|| ApiError::coded(code::NO_FILE))
    }

    /// Opens a file for import from its name and bytes (base64, as the window read them): its
    /// sheets, columns and rows, and the mapping suggested from its headings (on the first
    /// sheet, headings in row 1). Replaces the file open before. Those who may register.
    pub fn import_open(&self, file_name: &str, content_base64: &str) -> ApiResult<ImportOpened> {
        self.require_register()?;
        let bytes = BASE64_STANDARD
            .decode(content_base64.trim())
            .map_err(|_| ApiError::coded(code::NOT_RECEIVED))?;
        let staged = Staged { name: file_name_of(file_name), bytes: Arc::new(bytes) };
        let opened = describe(&staged, probe(None, 1))?;
        let mut state = self.imports().lock();
        state.file = Some(staged);
        state.last = None;
        state.saved = None;
        Ok(opened)
    }

    /// The open file read again on another sheet or with its headings in another row, with the
    /// mapping suggested from those headings.
    pub fn import_reread(&self, sheet: Option<String>, header_row: u32) -> ApiResult<ImportOpened> {
        self.require_register()?;
        describe(&self.staged()?, probe(sheet, header_row))
    }

    /// What importing the open file with `setup` would do; nothing is written.
    pub fn import_check(&self, setup: &ImportSetup, now: Now) -> ApiResult<ImportOutcome> {
        self.run_import(setup, true, now)
    }

    /// Imports the open file with `setup`: the families the dry run showed are registered in
    /// one transaction; stopped ([`Desk::import_cancel`]), nothing is.
    pub fn import_run(&self, setup: &ImportSetup, now: Now) -> ApiResult<ImportOutcome> {
        self.run_import(setup, false, now)
    }

    fn run_import(&self, setup: &ImportSetup, dry_run: bool, now: Now) -> ApiResult<ImportOutcome> {
        let actor = self.with(|_, actor| {
            actor.require(Action::RegisterFamily)?;
            Ok(actor.clone())
        })?;
        let mapping = setup.mapping()?;
        let staged = self.staged()?;
        let imports = self.imports();
        {
            let mut state = imports.lock();
            if state.progress.running {
                return Err(ApiError::coded(code::BUSY));
            }
            state.progress = ImportProgress { running: true, dry_run, ..ImportProgress::default() };
            imports.stop.store(false, Ordering::SeqCst);
        }
        let result = self.import_staged(&staged, &mapping, &actor, dry_run, now);
        let mut state = imports.lock();
        state.progress.running = false;
        state.progress.stopping = false;
        let (sheet, report) = result?;
        state.last = Some(Done { sheet: Arc::new(sheet), refused: report.refused.clone() });
        state.saved = None;
        Ok(ImportOutcome::from(&report))
    }

    fn import_staged(
        &self,
        staged: &Staged,
        mapping: &Mapping,
        actor: &otau_store::Actor,
        dry_run: bool,
        now: Now,
    ) -> ApiResult<(Sheet, ImportReport)> {
        let sheet = read_sheet_bytes(&staged.name, &staged.bytes, mapping, IMPORT_LIMITS)?;
        let mut store = self.own_connection()?;
        let ctx = Context::new(actor, now.at, now.today);
        let imports = self.imports();
        let report =
            store.import_watched(&ctx, &sheet, mapping, dry_run, &mut |stage, done, total| {
                let mut state = imports.lock();
                state.progress.stage = Some(stage.into());
                state.progress.done = count(done);
                state.progress.total = count(total);
                !imports.stop.load(Ordering::SeqCst)
            })?;
        Ok((sheet, report))
    }

    /// How far the check or import under way is (answered at once, from memory).
    pub fn import_progress(&self) -> ImportProgress {
        self.imports().lock().progress
    }

    /// Asks the check or import under way to stop after the family at hand; nothing of an
    /// import stopped is written.
    pub fn import_cancel(&self) -> ImportProgress {
        let imports = self.imports();
        let mut state = imports.lock();
        if state.progress.running {
            imports.stop.store(true, Ordering::SeqCst);
            state.progress.stopping = true;
        }
        state.progress
    }

    /// Closes the open file: the desk forgets it and what was found in it (an import under way
    /// still runs to its end).
    pub fn import_close(&self) {
        self.imports().forget(false);
    }

    /// Saves the rows the last check or import refused as a spreadsheet in the documents
    /// folder (`<file>-refused.xlsx`): the file's own headings and cells, each row's number in
    /// the file first and its reasons in `lang` last, to correct and import again.
    pub fn import_save_refused(&self, lang: Lang) -> ApiResult<RefusedRowsFile> {
        self.require_register()?;
        let staged = self.staged()?;
        let last = self.imports().lock().last.clone();
        let last = last.filter(|l| !l.refused.is_empty());
        let last = last.ok_or_else(|| ApiError::coded(code::NOTHING_REFUSED))?;
        let folder = self.docs_folder().ok_or_else(|| ApiError::coded(code::NO_FOLDER))?;
        let bytes = otau_print::refused::refused_rows_xlsx(&last.sheet, &last.refused, lang)
            .map_err(|e| print_error(&e))?;
        let stem = Path::new(&staged.name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Letters of any script, digits and a few signs: nothing that names another folder.
        let stem: String = stem
            .chars()
            .map(|c| if c.is_alphanumeric() || "-_. ".contains(c) { c } else { '_' })
            .collect();
        let stem = format!("{}-refused", stem.trim_matches(['.', ' ']));
        let path = crate::documents::save_new(&folder, &stem, "xlsx", &bytes)
            .map_err(otau_store::StoreError::from)?;
        self.imports().lock().saved = Some(path.clone());
        let file_name =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(RefusedRowsFile {
            path: path.display().to_string(),
            file_name,
            rows: count(last.refused.len()),
        })
    }

    /// Opens the refused rows' file saved last in the system's spreadsheet program.
    pub fn import_open_refused(&self) -> ApiResult<()> {
        self.require_register()?;
        let saved = self.imports().lock().saved.clone();
        let path = saved.ok_or_else(|| ApiError::coded(code::NOTHING_REFUSED))?;
        open::that_detached(&path).map_err(|e| {
            ApiError::from(otau_store::StoreError::FileFailed(format!("{}: {e}", path.display())))
        })
    }
}

/// The file read with `mapping`'s sheet and headings row, and a mapping suggested from them.
fn describe(staged: &Staged, probe: Mapping) -> ApiResult<ImportOpened> {
    let sheets = sheet_names(&staged.name, &staged.bytes, IMPORT_LIMITS)?;
    let sheet = read_sheet_bytes(&staged.name, &staged.bytes, &probe, IMPORT_LIMITS)?;
    let mut suggested = suggest_mapping(&sheet.headers);
    suggested.sheet = probe.sheet.clone();
    suggested.header_row = probe.header_row;
    let columns = sheet
        .headers
        .iter()
        .enumerate()
        .map(|(i, heading)| ImportColumn {
            heading: heading.clone(),
            samples: sheet
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i).map(|c| c.text()))
                .filter(|t| !t.is_empty())
                .take(SAMPLES)
                .collect(),
        })
        .collect();
    Ok(ImportOpened {
        file_name: staged.name.clone(),
        bytes: u64::try_from(staged.bytes.len()).unwrap_or(u64::MAX),
        sheets,
        rows: count(sheet.rows.len()),
        columns,
        setup: ImportSetup::of(&suggested),
        fields: ImportField::ALL
            .iter()
            .map(|f| ImportFieldInfo {
                field: f.name(),
                label: f.input_path().to_owned(),
                required: ImportField::REQUIRED.contains(f),
                per_family: f.is_family_field(),
            })
            .collect(),
    })
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
