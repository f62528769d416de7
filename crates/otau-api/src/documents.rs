//! Documents at the desk: issuing a family's certificate, statement and subsidy decisions and
//! the office's monthly summary into the documents folder, reprints, the register with its
//! search and voids, checking a paper's QR code, and closing a month. Every rule (numbering,
//! sealing, who may void or close, what a summary counts) is the store's; this module only
//! chooses where the file goes and shapes the answers for the screens.
//!
//! # Design
//! - **One way to produce a document** ([`produce`]), for the desk and the `otau` command line
//!   alike: gather what it says (with the words of [`crate::words`]), seal it with its number,
//!   render it and save the file — outside any transaction — then register it in one short
//!   write ([`Store::register_document`]). The number is spent when the document is sealed,
//!   before its file is written, and never sealed on another paper, even when this one is not
//!   registered. A file that cannot be written registers nothing; a document that cannot be
//!   registered (the database failing, the original of a reprint voided meanwhile) has its
//!   file removed ([`Produced::discard`]), so no file carries a number the register does not
//!   hold, and none a number the register gives to another paper.
//! - The desk saves in the documents folder (`OTAU_DOCS_DIR`) under the document's number,
//!   never over an existing file; the command line where `--out` says.
//! - Money in the monthly summary is formatted here, by `otau-core`'s helpers; the UI shows it
//!   as it comes.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use otau_core::FieldError;
use otau_print::data::{Money, SubsidyRow};
use otau_print::MonthlySummaryData;
use otau_print::{render_pdf, render_xlsx, DocumentContent, Fonts, IssuedDocument, Month};
use otau_store::documents::{
    DocumentError, Produced, RegisterLine, Verification, VerifyStatus, VoidInfo,
};
use otau_store::{Actor, Context, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::desk::Desk;
use crate::error::{ApiError, ApiResult};
use crate::words::{Translations, OFFICE_RECORDS};
use crate::Now;
use base64::prelude::{Engine as _, BASE64_STANDARD};

/// Error codes of documents at the desk; each is a message in `ui-documents.ftl`.
pub mod code {
    /// No documents folder is known (no `OTAU_DOCS_DIR` and no user documents folder).
    pub const NO_FOLDER: &str = "ui-documents-err-no-folder";
    /// The documents folder could not be created.
    pub const FOLDER: &str = "ui-documents-err-folder";
    /// The file could not be written.
    pub const WRITE: &str = "ui-documents-err-write";
    /// A file to open is not a document of the register saved in the documents folder.
    pub const NOT_SAVED: &str = "ui-documents-err-not-saved";
    /// The system could not open the file.
    pub const OPEN: &str = "ui-documents-err-open";
    /// A file to print in the window is not a PDF (a summary saved as a spreadsheet).
    pub const NOT_PRINTABLE: &str = "ui-documents-err-not-printable";
    /// Every code above, for the test that they are all translated.
    #[cfg(test)]
    pub const ALL: [&str; 6] = [NO_FOLDER, FOLDER, WRITE, NOT_SAVED, OPEN, NOT_PRINTABLE];
}

/// Which document to issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A family's registration certificate.
    Certificate,
    /// A family's payment statement.
    Statement,
    /// A subsidy decision.
    Decision,
    /// The office's monthly summary.
    MonthlySummary,
}

/// The form a document is saved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    /// PDF, for printing.
    Pdf,
    /// A spreadsheet (the monthly summary only).
    Xlsx,
}

impl From<DocFormat> for FileFormat {
    fn from(format: DocFormat) -> FileFormat {
        match format {
            DocFormat::Pdf => FileFormat::Pdf,
            DocFormat::Xlsx => FileFormat::Xlsx,
        }
    }
}

/// Why and when a document was voided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VoidView {
    /// Date of voiding.
    pub voided_on: NaiveDate,
    /// Who voided it (login).
    pub voided_by: String,
    /// Why.
    pub reason: String,
}

impl From<VoidInfo> for VoidView {
    fn from(v: VoidInfo) -> VoidView {
        VoidView { voided_on: v.voided_on, voided_by: v.voided_by, reason: v.reason }
    }
}

/// A line of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentRow {
    /// Document number (`PVL01-2026-D00001`).
    pub number: String,
    /// Kind: `certificate`, `decision`, `statement` or `monthly_summary`.
    pub kind: String,
    /// What it is about: a family's number or a month.
    pub subject: String,
    /// The head of the family, as printed; `None` for a monthly summary.
    pub subject_name: Option<String>,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// Who issued it (name as printed).
    pub issued_by: String,
    /// Their login.
    pub issued_login: String,
    /// A reprint marked as a duplicate.
    pub duplicate: bool,
    /// Set when the document was voided.
    pub void: Option<VoidView>,
}

impl From<RegisterLine> for DocumentRow {
    fn from(line: RegisterLine) -> DocumentRow {
        let e = line.entry;
        DocumentRow {
            number: e.number,
            kind: e.kind.as_str().to_owned(),
            subject: e.subject,
            subject_name: line.subject_name,
            issued_on: e.issued_on,
            issued_by: e.issued_by,
            issued_login: e.issued_login,
            duplicate: e.duplicate,
            void: e.void.map(VoidView::from),
        }
    }
}

/// A document issued and saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedDocument {
    /// Number.
    pub number: String,
    /// Kind (as in [`DocumentRow::kind`]).
    pub kind: String,
    /// A reprint marked as a duplicate.
    pub duplicate: bool,
    /// Where the file was saved.
    pub path: String,
    /// The file's name.
    pub file_name: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// A saved PDF of the register, to print from the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrintablePdf {
    /// The file's name.
    pub file_name: String,
    /// The PDF's bytes, base64.
    pub pdf_base64: String,
}

/// The largest PDF handed to the window to print (a month's summary is far below it).
const MAX_PRINTABLE_BYTES: u64 = 32 * 1024 * 1024;

/// A subsidy decision of the family, to issue its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DecisionChoice {
    /// Decision number (`PVL01-S-2026-00001`).
    pub number: String,
    /// Subsidy kind (`subsidy_kind-*` names it).
    pub subsidy: String,
    /// Decision date.
    pub decided_on: NaiveDate,
}

/// What the documents panel of a person card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FamilyDocuments {
    /// The family's registration number.
    pub family_regno: String,
    /// The family's subsidy decisions, oldest first.
    pub decisions: Vec<DecisionChoice>,
    /// Documents issued about the family, newest first, reprints included.
    pub documents: Vec<DocumentRow>,
    /// Where documents are saved, when known.
    pub folder: Option<String>,
}

/// The register as the documents screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterScreen {
    /// The search as done.
    pub query: String,
    /// Matching lines, newest first.
    pub rows: Vec<DocumentRow>,
    /// Whether the signed-in user may void documents.
    pub can_void: bool,
    /// Where documents are saved, when known.
    pub folder: Option<String>,
}

/// What a check of a paper's QR code found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerifyResult {
    /// `valid`, `tampered`, `unknown_office` or `voided`.
    pub status: String,
    /// Why it is tampered: `malformed`, `signature` or `register`.
    pub reason: Option<String>,
    /// Number, as sealed.
    pub number: Option<String>,
    /// Kind, as sealed.
    pub kind: Option<String>,
    /// Date of issue, as sealed.
    pub issued_on: Option<NaiveDate>,
    /// Issuing office's code.
    pub office: Option<String>,
    /// Issuing office's name, when known.
    pub office_name: Option<String>,
    /// What the paper must say of whom it is about, as sealed (papers of the first format: none).
    pub subject: Option<String>,
    /// The register's line, when this database issued it.
    pub register: Option<DocumentRow>,
    /// The office that voided the paper, when another office did (from the centre).
    pub voided_by_office: Option<String>,
    /// When that office voided it.
    pub voided_on: Option<NaiveDate>,
    /// The last exchange with the centre the answer holds as of (None: never).
    pub as_of: Option<String>,
}

impl From<Verification> for VerifyResult {
    fn from(v: Verification) -> VerifyResult {
        let status = match v.status {
            VerifyStatus::Valid => "valid",
            VerifyStatus::Tampered => "tampered",
            VerifyStatus::UnknownOffice => "unknown_office",
            VerifyStatus::Voided => "voided",
        };
        let seal = v.seal;
        VerifyResult {
            status: status.to_owned(),
            reason: v.reason,
            number: seal.as_ref().map(|s| s.number.clone()),
            kind: seal.as_ref().map(|s| s.kind.as_str().to_owned()),
            issued_on: seal.as_ref().map(|s| s.issued_on),
            office: seal.as_ref().map(|s| s.office.clone()),
            office_name: v.office_name,
            subject: seal.as_ref().and_then(|s| s.subject.clone()),
            register: v
                .register
                .map(|entry| DocumentRow::from(RegisterLine { entry, subject_name: None })),
            voided_by_office: v.voided_by_office.as_ref().map(|o| o.office_code.clone()),
            voided_on: v.voided_by_office.as_ref().map(|o| o.voided_on),
            as_of: v.as_of,
        }
    }
}

/// Families and persons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CountsView {
    /// Families.
    pub families: i64,
    /// Persons.
    pub persons: i64,
}

impl From<otau_print::data::Counts> for CountsView {
    fn from(c: otau_print::data::Counts) -> CountsView {
        CountsView { families: c.families, persons: c.persons }
    }
}

/// Families and persons from one country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CountryLine {
    /// Country (ISO alpha-2).
    pub country: String,
    /// Families and persons.
    pub counts: CountsView,
}

/// Entries of a closed month recorded late, counted in this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LateLine {
    /// The closed month (`YYYY-MM`).
    pub month: String,
    /// Arrived in it.
    pub arrivals: CountsView,
    /// Registered in it.
    pub registered: CountsView,
}

/// A labelled count (an age group, an education, a status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CountLine {
    /// Message id of the label.
    pub label: String,
    /// Persons.
    pub persons: i64,
}

/// The region's quota and its use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct QuotaView {
    /// The quota's year.
    pub year: i32,
    /// The region's quota, persons.
    pub quota: i64,
    /// Included before the month.
    pub used_before: i64,
    /// Included in the month.
    pub used_in_month: i64,
    /// Used in all.
    pub used: i64,
    /// Left.
    pub left: i64,
}

/// An amount, formatted: MCI (a number, the unit is the reader's) and tenge (with `₸`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AmountView {
    /// `70`, `15,50`.
    pub mci: String,
    /// `1 033 760 ₸`.
    pub tenge: String,
}

impl From<Money> for AmountView {
    fn from(m: Money) -> AmountView {
        AmountView { mci: m.mci.format_number(), tenge: m.tenge.format_tenge() }
    }
}

/// Subsidies of one kind in the month (or their total).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubsidyLine {
    /// Name in Kazakh, as printed.
    pub name_kk: String,
    /// Name in Russian, as printed.
    pub name_ru: String,
    /// Accrued.
    pub accrued: AmountView,
    /// Approved.
    pub approved: AmountView,
    /// Paid.
    pub paid: AmountView,
}

/// When and by whom the month was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClosedView {
    /// Date of closing.
    pub closed_on: NaiveDate,
    /// Who closed it.
    pub closed_by: String,
}

/// The monthly summary screen: the same figures as the summary's PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SummaryScreen {
    /// The month (`YYYY-MM`).
    pub month: String,
    /// First and last day of the month.
    pub first_day: NaiveDate,
    /// Last day.
    pub last_day: NaiveDate,
    /// Families and persons who arrived in the month.
    pub arrivals: CountsView,
    /// Registered in the month.
    pub registered: CountsView,
    /// Registered, by country (most first).
    pub by_country: Vec<CountryLine>,
    /// Registered persons by age group.
    pub by_age: Vec<CountLine>,
    /// Registered persons by education.
    pub by_education: Vec<CountLine>,
    /// Late entries of closed months counted here.
    pub late: Vec<LateLine>,
    /// Kandas statuses; `None` where not recorded.
    pub statuses: Option<Vec<CountLine>>,
    /// The quota; `None` where not recorded.
    pub quota: Option<QuotaView>,
    /// Subsidies by kind; `None` where the ledger is not kept.
    pub subsidies: Option<Vec<SubsidyLine>>,
    /// Their total, when there are any.
    pub subsidies_total: Option<SubsidyLine>,
    /// Set when the month is closed: the figures are frozen.
    pub closed: Option<ClosedView>,
    /// Whether the month is over (only then may it be closed).
    pub over: bool,
    /// Whether the signed-in user may close months.
    pub can_close: bool,
    /// Months closed at this office, newest first.
    pub closed_months: Vec<String>,
    /// Where documents are saved, when known.
    pub folder: Option<String>,
}

fn summary_screen(
    store: &Store,
    actor: &Actor,
    d: MonthlySummaryData,
    today: NaiveDate,
    folder: Option<String>,
) -> ApiResult<SummaryScreen> {
    let mut closed_months: Vec<String> =
        store.closed_months()?.into_iter().map(|c| c.month).collect();
    closed_months.reverse();
    let e = d.by_education;
    let count = |label: &str, persons: i64| CountLine { label: label.to_owned(), persons };
    // The totals by the core's checked sum: none rather than a wrong figure on overflow.
    let subsidies_total =
        d.subsidies.as_deref().filter(|rows| !rows.is_empty()).and_then(SubsidyRow::totals).map(
            |[accrued, approved, paid]| SubsidyLine {
                name_kk: String::new(),
                name_ru: String::new(),
                accrued: accrued.into(),
                approved: approved.into(),
                paid: paid.into(),
            },
        );
    Ok(SummaryScreen {
        month: d.month.to_string(),
        first_day: d.month.first_day(),
        last_day: d.month.last_day(),
        arrivals: d.arrivals.into(),
        registered: d.registered.into(),
        by_country: d
            .by_country
            .into_iter()
            .map(|c| CountryLine { country: c.country, counts: c.counts.into() })
            .collect(),
        by_age: vec![
            count("doc-age-below_working_age", d.by_age.below_working_age),
            count("doc-age-working_age", d.by_age.working_age),
            count("doc-age-pension_age", d.by_age.pension_age),
        ],
        by_education: vec![
            count("education-higher", e.higher),
            count("education-secondary_vocational", e.secondary_vocational),
            count("education-general_secondary", e.general_secondary),
            count("education-none", e.none),
            count("doc-not-recorded", e.not_recorded),
        ],
        late: d
            .late
            .into_iter()
            .map(|l| LateLine {
                month: l.month.to_string(),
                arrivals: l.arrivals.into(),
                registered: l.registered.into(),
            })
            .collect(),
        statuses: d.statuses.map(|s| {
            vec![
                count("doc-status-granted", s.granted),
                count("doc-status-extended", s.extended),
                count("doc-status-ending", s.ending),
            ]
        }),
        quota: d.quota.map(|q| QuotaView {
            year: q.year,
            quota: q.quota,
            used_before: q.used_before,
            used_in_month: q.used_in_month,
            used: q.used(),
            left: q.left(),
        }),
        subsidies: d.subsidies.map(|rows| {
            rows.into_iter()
                .map(|r| SubsidyLine {
                    name_kk: r.subsidy_kk,
                    name_ru: r.subsidy_ru,
                    accrued: r.accrued.into(),
                    approved: r.approved.into(),
                    paid: r.paid.into(),
                })
                .collect()
        }),
        subsidies_total,
        closed: d.closed.map(|c| ClosedView { closed_on: c.closed_on, closed_by: c.closed_by }),
        over: today > d.month.last_day(),
        can_close: actor.role.permissions().may_close_month,
        closed_months,
        folder,
    })
}

/// Reads a month typed as `YYYY-MM`; none means the month before `today`'s.
fn month_of(text: Option<&str>, today: NaiveDate) -> ApiResult<Month> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(Month::of(today).prev()),
        Some(text) => {
            text.parse::<Month>().map_err(|e| ApiError::invalid(vec![FieldError::new("month", &e)]))
        }
    }
}

fn display(path: Option<&Path>) -> Option<String> {
    path.map(|p| p.to_string_lossy().into_owned())
}

fn folder_error(
    code: &'static str,
    path: &Path,
    detail: &std::io::Error,
) -> otau_store::documents::DocumentError {
    otau_store::documents::DocumentError::Output {
        code,
        args: [
            ("path".to_owned(), path.display().to_string()),
            ("detail".to_owned(), detail.to_string()),
        ]
        .into(),
    }
}

/// Saves a document's bytes in `folder` under its number (`PVL01-2026-D00001.pdf`; a duplicate
/// `…-duplicate.pdf`), never over an existing file: `-2`, `-3`… are added as needed. The file
/// and a folder made for it are private to their owner.
pub fn save_in(
    folder: &Path,
    doc: &IssuedDocument,
    format: FileFormat,
    bytes: &[u8],
) -> Result<PathBuf, otau_store::documents::DocumentError> {
    // A number has only letters, digits and hyphens; anything else is dropped all the same.
    let number: String =
        doc.number.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let stem = if doc.duplicate { format!("{number}-duplicate") } else { number };
    save_new(folder, &stem, format.extension(), bytes)
}

/// Writes `bytes` to a new file `stem.ext` in `folder` (`stem-2.ext`, … when taken), made only
/// for its owner, and synced to the disk: never over a file already there.
pub(crate) fn save_new(
    folder: &Path,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<PathBuf, otau_store::documents::DocumentError> {
    otau_store::private::create_dir_all(folder)
        .map_err(|e| folder_error(code::FOLDER, folder, &e))?;
    for n in 1..=999u32 {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
        let path = folder.join(name);
        match otau_store::private::create_new(&path) {
            Ok(mut file) => {
                file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| {
                    let _ = std::fs::remove_file(&path);
                    folder_error(code::WRITE, &path, &e)
                })?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(folder_error(code::WRITE, &path, &e)),
        }
    }
    Err(folder_error(
        code::WRITE,
        &folder.join(format!("{stem}.{ext}")),
        &std::io::Error::other("too many files of this name"),
    ))
}

/// The saved document at `path`, if it is a file Otau may have saved: a PDF or an XLSX right
/// in the documents folder, named by itself rather than through a symbolic link (whose target
/// may lie anywhere). Whether the register holds it is [`Desk::open_document`]'s to ask.
pub fn saved_file(folder: Option<&Path>, path: &str) -> ApiResult<PathBuf> {
    let folder = folder.ok_or_else(|| ApiError::coded(code::NO_FOLDER))?;
    let folder = folder.canonicalize().map_err(|_| not_saved(path))?;
    let named = Path::new(path);
    let link = std::fs::symlink_metadata(named).map_err(|_| not_saved(path))?.is_symlink();
    let file = named.canonicalize().map_err(|_| not_saved(path))?;
    let extension = file.extension().and_then(|e| e.to_str());
    let known =
        [FileFormat::Pdf, FileFormat::Xlsx].iter().any(|f| extension == Some(f.extension()));
    if !link && known && file.parent() == Some(folder.as_path()) && file.is_file() {
        Ok(file)
    } else {
        Err(not_saved(path))
    }
}

/// The document numbers a saved file's name may carry, as [`save_in`] names files: the name
/// itself, without a `-2`, `-3`… added to keep it new, and without `-duplicate`.
fn numbers_named(stem: &str) -> Vec<&str> {
    let base = match stem.rsplit_once('-') {
        Some((head, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => stem,
    };
    let mut numbers = vec![stem, base];
    numbers.extend([stem, base].iter().filter_map(|s| s.strip_suffix("-duplicate")));
    numbers.dedup();
    numbers
}

/// An error `code` about the file at `file`, with what the system said of it.
fn file_error(code: &str, file: &Path, detail: Option<std::io::Error>) -> ApiError {
    let mut error = ApiError::coded(code);
    error.args.insert("path".into(), file.display().to_string());
    if let Some(detail) = detail {
        error.args.insert("detail".into(), detail.to_string());
    }
    error
}

fn not_saved(path: &str) -> ApiError {
    let mut e = ApiError::coded(code::NOT_SAVED);
    e.args.insert("path".into(), path.to_owned());
    e
}

/// The form a document is saved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// A4 pages, for printing.
    Pdf,
    /// A spreadsheet (the monthly summary only).
    Xlsx,
}

impl FileFormat {
    /// The file name's ending, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Pdf => "pdf",
            FileFormat::Xlsx => "xlsx",
        }
    }
}

/// Which document to produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocRequest {
    /// A family's registration certificate (any member's number, or the family's).
    Certificate(String),
    /// A family's payment statement as of the day of issue.
    Statement(String),
    /// A subsidy decision, by its number.
    Decision(String),
    /// The office's monthly summary.
    MonthlySummary(Month),
    /// A duplicate of a document issued before, by its number.
    Reprint(String),
}

/// Renders a sealed document in a format; a reprint in the original's rules (only a monthly
/// summary has a spreadsheet form: `doc-no-spreadsheet` otherwise, from `otau-print`).
pub fn render(doc: &IssuedDocument, format: FileFormat) -> Result<Vec<u8>, DocumentError> {
    match format {
        FileFormat::Pdf => {
            let fonts = Fonts::shipped().map_err(|e| DocumentError::output(&e))?;
            render_pdf(doc, fonts).map_err(|e| DocumentError::output(&e))
        }
        FileFormat::Xlsx => render_xlsx(doc).map_err(|e| DocumentError::output(&e)),
    }
}

/// What a document says, gathered from the store, with the words it prints.
fn content_of(
    store: &Store,
    request: &DocRequest,
    today: NaiveDate,
) -> Result<(Option<uuid::Uuid>, DocumentContent), otau_store::StoreError> {
    Ok(match request {
        DocRequest::Certificate(regno) => {
            let (id, data) = store.certificate_data(regno)?;
            (Some(id), DocumentContent::Certificate(data))
        }
        DocRequest::Statement(regno) => {
            let (id, data) = store.statement_data(regno, today, &OFFICE_RECORDS)?;
            (Some(id), DocumentContent::Statement(data))
        }
        DocRequest::Decision(number) => {
            let (id, data) = store.decision_data(number, &Translations)?;
            (Some(id), DocumentContent::Decision(data))
        }
        DocRequest::MonthlySummary(month) => {
            let data = store.monthly_summary(*month, &OFFICE_RECORDS)?;
            (None, DocumentContent::MonthlySummary(data))
        }
        // A reprint's content is the original's, read by the store when it seals the copy.
        DocRequest::Reprint(number) => {
            let (original, _) = store.issued_document(number)?;
            (None, original.content)
        }
    })
}

/// Produces a document, the one way the desk and the `otau` command line do it: gathers what it
/// says, seals it, renders it in `format` and hands the sealed document and its bytes to `save`
/// — outside any transaction — then registers it. Returns the document and what `save`
/// returned. A document that could not be rendered or saved is not registered; one that could
/// not be registered is discarded ([`Produced::discard`]).
pub fn produce<T: Produced>(
    store: &mut Store,
    ctx: &Context,
    request: &DocRequest,
    format: FileFormat,
    mut save: impl FnMut(&IssuedDocument, &[u8]) -> Result<T, DocumentError>,
) -> Result<(IssuedDocument, T), otau_store::StoreError> {
    let mut produce = |doc: &IssuedDocument| {
        let bytes = render(doc, format)?;
        save(doc, &bytes)
    };
    if let DocRequest::Reprint(number) = request {
        return store.reprint_document(ctx, number, produce);
    }
    let (subject, content) = content_of(store, request, ctx.today)?;
    store.issue_document(ctx, subject, content, &mut produce)
}

/// A document saved as a file: taken back (removed) when the document could not be registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFile {
    /// Where it was saved.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
}

impl Produced for SavedFile {
    fn discard(self) {
        // Best effort: a file that cannot be removed is reported by nothing, as the document's
        // registration already failed with its own error.
        let _ = std::fs::remove_file(&self.path);
    }
}

fn produce_in(
    store: &mut Store,
    ctx: &Context,
    folder: Option<&Path>,
    request: &DocRequest,
    format: DocFormat,
) -> ApiResult<SavedDocument> {
    let folder = folder.ok_or_else(|| ApiError::coded(code::NO_FOLDER))?;
    let format = FileFormat::from(format);
    let (doc, saved) = produce(store, ctx, request, format, |doc, bytes| {
        save_in(folder, doc, format, bytes)
            .map(|path| SavedFile { path, bytes: bytes.len() as u64 })
    })?;
    Ok(SavedDocument {
        number: doc.number.clone(),
        kind: doc.kind().as_str().to_owned(),
        duplicate: doc.duplicate,
        file_name: saved
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: saved.path.to_string_lossy().into_owned(),
        bytes: saved.bytes,
    })
}

impl Desk {
    /// Issues a document as the signed-in user and saves it in `folder`: a family's
    /// certificate or statement (`subject` is any member's number), a subsidy decision
    /// (`subject` is its number) or the monthly summary (`subject` is the month, `YYYY-MM`).
    pub fn issue_document(
        &self,
        folder: Option<&Path>,
        kind: IssueKind,
        subject: &str,
        format: DocFormat,
        now: Now,
    ) -> ApiResult<SavedDocument> {
        let request = match kind {
            IssueKind::Certificate => DocRequest::Certificate(subject.to_owned()),
            IssueKind::Statement => DocRequest::Statement(subject.to_owned()),
            IssueKind::Decision => DocRequest::Decision(subject.to_owned()),
            IssueKind::MonthlySummary => {
                DocRequest::MonthlySummary(month_of(Some(subject), now.today)?)
            }
        };
        self.acting(now, |store, ctx| produce_in(store, ctx, folder, &request, format))
    }

    /// Reprints a document as a duplicate into `folder` (a monthly summary may be a spreadsheet).
    pub fn reprint_document(
        &self,
        folder: Option<&Path>,
        number: &str,
        format: DocFormat,
        now: Now,
    ) -> ApiResult<SavedDocument> {
        let request = DocRequest::Reprint(number.to_owned());
        self.acting(now, |store, ctx| produce_in(store, ctx, folder, &request, format))
    }

    /// Opens a document of the register in the system's viewer: only a file of
    /// [`saved_file`] named by the number of a document this office issued, and only for the
    /// signed-in user of an unlocked desk (through the `open` crate, the library Tauri's
    /// opener plugin uses, so no webview capability is granted).
    pub fn open_document(&self, path: &str) -> ApiResult<()> {
        let file = self.registered_file(path)?;
        open::that_detached(&file).map_err(|e| file_error(code::OPEN, &file, Some(e)))
    }

    /// The bytes of a saved PDF of the register, for the window to print through the system's
    /// print dialog: only what [`Desk::open_document`] would open, and only a PDF.
    pub fn document_pdf(&self, path: &str) -> ApiResult<PrintablePdf> {
        let file = self.registered_file(path)?;
        let is_pdf = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(u64::MAX);
        if !is_pdf || size > MAX_PRINTABLE_BYTES {
            return Err(file_error(code::NOT_PRINTABLE, &file, None));
        }
        let bytes = std::fs::read(&file).map_err(|e| file_error(code::OPEN, &file, Some(e)))?;
        if !bytes.starts_with(b"%PDF-") {
            return Err(file_error(code::NOT_PRINTABLE, &file, None));
        }
        let file_name =
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(PrintablePdf { file_name, pdf_base64: BASE64_STANDARD.encode(bytes) })
    }

    /// The file at `path` if it is a file of [`saved_file`] named by the number of a document
    /// in the register, for the signed-in user of an unlocked desk.
    pub(crate) fn registered_file(&self, path: &str) -> ApiResult<PathBuf> {
        let file = saved_file(self.docs_folder().as_deref(), path)?;
        let stem = file.file_stem().and_then(|s| s.to_str()).ok_or_else(|| not_saved(path))?;
        self.with(|store, _| {
            for number in numbers_named(stem) {
                match store.issued_document(number) {
                    Ok(_) => return Ok(()),
                    Err(otau_store::StoreError::NotFound { .. }) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            Err(not_saved(path))
        })?;
        Ok(file)
    }

    /// The documents panel of a person card: the family's decisions and its documents.
    pub fn family_documents(
        &self,
        folder: Option<&Path>,
        regno: &str,
    ) -> ApiResult<FamilyDocuments> {
        self.with(|store, _| {
            let statement = store.statement(regno)?;
            let decisions = statement
                .decisions
                .iter()
                .map(|d| DecisionChoice {
                    number: d.number.clone(),
                    subsidy: d.kind.as_str().to_owned(),
                    decided_on: d.decided_on,
                })
                .collect();
            let documents =
                store.family_documents(regno)?.into_iter().map(DocumentRow::from).collect();
            Ok(FamilyDocuments {
                family_regno: statement.family_regno,
                decisions,
                documents,
                folder: display(folder),
            })
        })
    }

    /// The register, narrowed by `query` (number, kind, subject, name, who issued it).
    pub fn document_register(
        &self,
        folder: Option<&Path>,
        query: &str,
        limit: usize,
    ) -> ApiResult<RegisterScreen> {
        self.with(|store, actor| {
            let rows = store
                .find_documents(query, limit.clamp(1, 1000), &Translations)?
                .into_iter()
                .map(DocumentRow::from)
                .collect();
            Ok(RegisterScreen {
                query: query.to_owned(),
                rows,
                can_void: actor.role.permissions().may_void_documents,
                folder: display(folder),
            })
        })
    }

    /// Voids a document with a reason (the store allows managers and administrators only).
    pub fn void_document(&self, number: &str, reason: &str, now: Now) -> ApiResult<DocumentRow> {
        self.acting(now, |store, ctx| {
            let void = store.void_document(ctx, number, reason)?;
            let line = store
                .find_documents(&void.number, usize::MAX, &Translations)?
                .into_iter()
                .find(|l| l.entry.number == void.number && !l.entry.duplicate)
                .ok_or_else(|| ApiError::coded(crate::error::code::INTERNAL))?;
            Ok(DocumentRow::from(line))
        })
    }

    /// Checks the text of a paper's QR code.
    pub fn verify_document(&self, payload: &str) -> ApiResult<VerifyResult> {
        self.with(|store, _| Ok(VerifyResult::from(store.verify_document(payload.trim())?)))
    }

    /// The monthly summary of `month` (`YYYY-MM`; none: the month before today's).
    pub fn monthly_summary(
        &self,
        folder: Option<&Path>,
        month: Option<&str>,
        today: NaiveDate,
    ) -> ApiResult<SummaryScreen> {
        let month = month_of(month, today)?;
        self.with(|store, actor| {
            let data = store.monthly_summary(month, &OFFICE_RECORDS)?;
            summary_screen(store, actor, data, today, display(folder))
        })
    }

    /// Closes a month (the store allows managers only, once the month is over); its figures
    /// are frozen from now on.
    pub fn close_month(
        &self,
        folder: Option<&Path>,
        month: &str,
        now: Now,
    ) -> ApiResult<SummaryScreen> {
        let month = month_of(Some(month), now.today)?;
        self.acting(now, |store, ctx| {
            let data = store.close_month(ctx, month, &OFFICE_RECORDS)?;
            summary_screen(store, &ctx.actor, data, now.today, display(folder))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testkit::{at, d, desk, family, now, TODAY};

    /// The desk with a family registered by the clerk, who stays signed in.
    fn with_family() -> (tempfile::TempDir, Desk, String) {
        let (dir, desk) = desk();
        desk.sign_in("aigerim", "aigerim-password").expect("sign in");
        let regno = desk.register_family(&family(), false, now()).expect("register").family_regno;
        (dir, desk, regno)
    }

    fn payload(dir: &tempfile::TempDir, number: &str) -> String {
        let store = Store::open(&dir.path().join("otau.sqlite")).expect("open");
        store.issued_document(number).expect("issued").0.seal.payload()
    }

    #[test]
    fn a_certificate_is_saved_under_its_number_and_listed_on_the_card() {
        let (dir, desk, regno) = with_family();
        let folder = dir.path().join("docs");
        let saved = desk
            .issue_document(Some(&folder), IssueKind::Certificate, &regno, DocFormat::Pdf, now())
            .expect("issue");
        assert_eq!(saved.number, "PVL01-2026-D00001");
        assert_eq!(saved.file_name, "PVL01-2026-D00001.pdf");
        assert!(!saved.duplicate);
        let bytes = std::fs::read(folder.join(&saved.file_name)).expect("file");
        assert!(bytes.starts_with(b"%PDF"));
        assert_eq!(saved.bytes, bytes.len() as u64);

        let reprint = desk
            .reprint_document(Some(&folder), &saved.number, DocFormat::Pdf, now())
            .expect("reprint");
        assert!(reprint.duplicate);
        assert_eq!(reprint.file_name, "PVL01-2026-D00001-duplicate.pdf");
        let again = desk
            .reprint_document(Some(&folder), &saved.number, DocFormat::Pdf, now())
            .expect("reprint again");
        assert_eq!(again.file_name, "PVL01-2026-D00001-duplicate-2.pdf", "never overwritten");

        let panel = desk.family_documents(Some(&folder), &regno).expect("panel");
        assert_eq!(panel.family_regno, regno);
        assert_eq!(panel.decisions, vec![]);
        let rows: Vec<_> = panel
            .documents
            .iter()
            .map(|r| (r.number.as_str(), r.kind.as_str(), r.duplicate))
            .collect();
        assert_eq!(
            rows,
            [
                ("PVL01-2026-D00001", "certificate", true),
                ("PVL01-2026-D00001", "certificate", true),
                ("PVL01-2026-D00001", "certificate", false),
            ]
        );
        assert_eq!(
            panel.documents[2].subject_name.as_deref(),
            Some("Сейітқали Нұрсұлтан Болатұлы")
        );
        assert_eq!(panel.documents[2].issued_by, "Әйгерім Сәрсенова");
        assert_eq!(panel.folder, Some(folder.to_string_lossy().into_owned()));

        // A certificate has no spreadsheet form: refused, and nothing registered.
        let xlsx = desk
            .issue_document(Some(&folder), IssueKind::Certificate, &regno, DocFormat::Xlsx, now())
            .err();
        assert_eq!(xlsx.map(|e| e.code), Some("doc-no-spreadsheet".into()));
        let statement = desk
            .issue_document(Some(&folder), IssueKind::Statement, &regno, DocFormat::Pdf, now())
            .expect("statement");
        assert_eq!(statement.number, "PVL01-2026-D00002", "the refused one took no number");
    }

    #[test]
    fn no_folder_or_an_unwritable_one_registers_nothing() {
        let (dir, desk, regno) = with_family();
        let none = desk.issue_document(None, IssueKind::Certificate, &regno, DocFormat::Pdf, now());
        assert_eq!(none.err().map(|e| e.code), Some(code::NO_FOLDER.into()));
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"x").expect("write");
        let blocked = desk
            .issue_document(Some(&file), IssueKind::Certificate, &regno, DocFormat::Pdf, now())
            .err();
        assert_eq!(blocked.as_ref().map(|e| e.code.as_str()), Some(code::FOLDER));
        assert!(blocked.and_then(|e| e.args.get("path").cloned()).is_some());
        let register = desk.document_register(None, "", 50).expect("register");
        assert_eq!(register.rows, vec![]);
    }

    #[test]
    fn the_register_is_searched_and_a_manager_voids_with_a_reason() {
        let (dir, desk, regno) = with_family();
        let folder = dir.path().join("docs");
        let cert = desk
            .issue_document(Some(&folder), IssueKind::Certificate, &regno, DocFormat::Pdf, now())
            .expect("issue");
        desk.issue_document(
            Some(&folder),
            IssueKind::MonthlySummary,
            "2026-10",
            DocFormat::Xlsx,
            now(),
        )
        .expect("summary");
        let numbers = |query: &str| -> Vec<String> {
            desk.document_register(None, query, 50)
                .map(|r| {
                    r.rows.into_iter().map(|row| format!("{} {}", row.number, row.kind)).collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            numbers(""),
            ["PVL01-2026-D00002 monthly_summary", "PVL01-2026-D00001 certificate"]
        );
        for query in ["сейітқали", "D00001", "справка", "анықтама", "certificate", regno.as_str()]
        {
            assert_eq!(numbers(query), ["PVL01-2026-D00001 certificate"], "{query}");
        }
        assert_eq!(numbers("2026-10 айлық"), ["PVL01-2026-D00002 monthly_summary"]);
        assert_eq!(numbers("nobody"), Vec::<String>::new());
        assert_eq!(numbers("aigerim").len(), 2, "both issued by the clerk");

        let clerk = desk.document_register(None, "", 50).expect("register");
        assert!(!clerk.can_void);
        let refused = desk.void_document(&cert.number, "Қате", now()).err();
        assert_eq!(refused.map(|e| e.code), Some("store-forbidden".into()));

        desk.sign_in("bolat", "bolat-password").expect("manager");
        assert!(desk.document_register(None, "", 50).expect("register").can_void);
        let empty = desk.void_document(&cert.number, "  ", now()).err();
        assert_eq!(
            empty.map(|e| e.fields.into_iter().map(|f| f.field).collect::<Vec<_>>()),
            Some(vec!["reason".to_owned()])
        );
        assert_eq!(
            desk.verify_document(&payload(&dir, &cert.number)).map(|v| v.status).ok(),
            Some("valid".into())
        );
        let row = desk.void_document(&cert.number, "Аты қате жазылған", now()).expect("void");
        assert_eq!(row.number, cert.number);
        let void = row.void.expect("voided");
        assert_eq!((void.voided_by.as_str(), void.reason.as_str()), ("bolat", "Аты қате жазылған"));
        let listed = desk.document_register(None, &cert.number, 50).expect("register");
        assert_eq!(listed.rows.len(), 1, "a voided document stays in the register");
        assert!(listed.rows[0].void.is_some());

        let checked = desk.verify_document(&payload(&dir, &cert.number)).expect("verify");
        assert_eq!(checked.status, "voided");
        assert_eq!(checked.number.as_deref(), Some(cert.number.as_str()));
        assert_eq!(checked.office_name.as_deref(), Some("Павлодар облыстық бейімдеу орталығы"));
        let forged = desk.verify_document("OTAU1|nonsense").expect("verify");
        assert_eq!(
            (forged.status.as_str(), forged.reason.as_deref()),
            ("tampered", Some("malformed"))
        );
        let again = desk.reprint_document(Some(&folder), &cert.number, DocFormat::Pdf, now()).err();
        assert_eq!(again.map(|e| e.code), Some("doc-already-voided".into()));
    }

    #[test]
    fn the_monthly_summary_shows_its_figures_and_a_manager_closes_a_month_that_is_over() {
        let (dir, desk, _) = with_family();
        let folder = dir.path().join("docs");
        let last = desk.monthly_summary(Some(&folder), None, d(TODAY)).expect("summary");
        assert_eq!(last.month, "2026-10", "last month by default");
        let nov = desk.monthly_summary(Some(&folder), Some("2026-11"), d(TODAY)).expect("november");
        assert_eq!((nov.registered.families, nov.registered.persons), (1, 1));
        assert_eq!(nov.by_country.iter().map(|c| c.country.as_str()).collect::<Vec<_>>(), ["UZ"]);
        assert_eq!(nov.by_age.iter().map(|a| a.persons).sum::<i64>(), 1);
        assert!(!nov.over);
        assert!(!nov.can_close, "a clerk does not close months");
        let sep = desk.monthly_summary(None, Some("2026-09"), d(TODAY)).expect("september");
        assert_eq!((sep.arrivals.families, sep.registered.families), (1, 0));

        let bad = desk.monthly_summary(None, Some("2026-13"), d(TODAY)).err();
        assert_eq!(
            bad.map(|e| e.fields.into_iter().map(|f| f.code).collect::<Vec<_>>()),
            Some(vec!["doc-bad-month".to_owned()])
        );
        assert_eq!(
            desk.close_month(None, "2026-11", now()).err().map(|e| e.code),
            Some("store-forbidden".into())
        );

        let pdf = desk
            .issue_document(
                Some(&folder),
                IssueKind::MonthlySummary,
                "2026-11",
                DocFormat::Pdf,
                now(),
            )
            .expect("pdf");
        let xlsx = desk
            .issue_document(
                Some(&folder),
                IssueKind::MonthlySummary,
                "2026-11",
                DocFormat::Xlsx,
                now(),
            )
            .expect("xlsx");
        assert_eq!(xlsx.file_name, format!("{}.xlsx", xlsx.number));
        assert!(std::fs::read(folder.join(&pdf.file_name)).expect("pdf").starts_with(b"%PDF"));
        assert!(std::fs::read(folder.join(&xlsx.file_name)).expect("xlsx").starts_with(b"PK"));

        desk.sign_in("bolat", "bolat-password").expect("manager");
        assert_eq!(
            desk.close_month(None, "2026-11", now()).err().map(|e| e.code),
            Some("doc-month-not-over".into())
        );
        let closed = desk
            .close_month(None, "2026-11", Now { at: at(), today: d("2026-12-01") })
            .expect("close");
        assert_eq!(
            closed.closed.as_ref().map(|c| (c.closed_on, c.closed_by.as_str())),
            Some((d("2026-12-01"), "Болат Ержанов"))
        );
        assert_eq!(closed.closed_months, ["2026-11"]);
        let again = desk.monthly_summary(None, Some("2026-11"), d("2026-12-02")).expect("again");
        assert_eq!(again.registered, closed.registered);
        assert_eq!(again.closed, closed.closed, "a closed month reproduces its numbers");
        assert_eq!(
            desk.close_month(None, "2026-11", Now { at: at(), today: d("2026-12-02") })
                .err()
                .map(|e| e.code),
            Some("doc-month-already-closed".into())
        );
    }

    #[test]
    fn only_saved_documents_may_be_opened() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("docs");
        std::fs::create_dir_all(&folder).expect("folder");
        let inside = folder.join("a.pdf");
        std::fs::write(&inside, b"%PDF").expect("write");
        let outside = dir.path().join("b.pdf");
        std::fs::write(&outside, b"%PDF").expect("write");
        let path = |p: &Path| p.to_string_lossy().into_owned();
        assert!(saved_file(Some(&folder), &path(&inside)).is_ok());
        let sneaky = folder.join("..").join("b.pdf");
        for refused in
            [path(&outside), path(&sneaky), path(&folder.join("none.pdf")), path(&folder)]
        {
            let code = saved_file(Some(&folder), &refused).err().map(|e| e.code);
            assert_eq!(code, Some(code::NOT_SAVED.into()), "{refused}");
        }
        assert_eq!(
            saved_file(None, &path(&inside)).err().map(|e| e.code),
            Some(code::NO_FOLDER.into())
        );
    }

    #[test]
    fn every_code_of_documents_is_translated() {
        for lang in otau_i18n::Lang::ALL {
            for code in code::ALL {
                assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
            }
        }
    }
}
