//! The document commands the UI calls: issuing and reprinting into the documents folder,
//! opening a saved file in the system's viewer, the register, voids, checking a QR code, and
//! the monthly summary with closing a month. Thin, like `commands.rs`: each reads the clock and
//! the documents folder and calls the desk.

use chrono::{DateTime, Local, NaiveDate, Utc};
use tauri::State;

use crate::desk::Desk;
use crate::documents::{
    self, DocFormat, DocumentRow, FamilyDocuments, IssueKind, RegisterScreen, SavedDocument,
    SummaryScreen, VerifyResult,
};
use crate::error::{ApiError, ApiResult};
use crate::settings::DocsDir;

/// The moment of a change, for the audit.
fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Today's date where the office is: the date of the law.
fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Issues a document and saves it in the documents folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn issue_document(
    desk: State<'_, Desk>,
    docs: State<'_, DocsDir>,
    kind: IssueKind,
    subject: String,
    format: DocFormat,
) -> ApiResult<SavedDocument> {
    desk.issue_document(docs.0.as_deref(), kind, &subject, format, now(), today())
}

/// Reprints a document as a duplicate into the documents folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn reprint_document(
    desk: State<'_, Desk>,
    docs: State<'_, DocsDir>,
    number: String,
    format: DocFormat,
) -> ApiResult<SavedDocument> {
    desk.reprint_document(docs.0.as_deref(), &number, format, now(), today())
}

/// Opens a saved document in the system's viewer (to print it).
#[tauri::command(rename_all = "snake_case")]
pub async fn open_document(docs: State<'_, DocsDir>, path: String) -> ApiResult<()> {
    let file = documents::saved_file(docs.0.as_deref(), &path)?;
    open::that_detached(&file).map_err(|e| {
        let mut error = ApiError::coded(documents::code::OPEN);
        error.args.insert("path".into(), file.display().to_string());
        error.args.insert("detail".into(), e.to_string());
        error
    })
}

/// The documents panel of a person card.
#[tauri::command(rename_all = "snake_case")]
pub async fn family_documents(
    desk: State<'_, Desk>,
    docs: State<'_, DocsDir>,
    regno: String,
) -> ApiResult<FamilyDocuments> {
    desk.family_documents(docs.0.as_deref(), &regno)
}

/// The register, narrowed by a search.
#[tauri::command(rename_all = "snake_case")]
pub async fn document_register(
    desk: State<'_, Desk>,
    docs: State<'_, DocsDir>,
    query: String,
    limit: u32,
) -> ApiResult<RegisterScreen> {
    desk.document_register(docs.0.as_deref(), &query, usize::try_from(limit).unwrap_or(200))
}

/// Voids a document with a reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn void_document(
    desk: State<'_, Desk>,
    number: String,
    reason: String,
) -> ApiResult<DocumentRow> {
    desk.void_document(&number, &reason, now(), today())
}

/// Checks the text of a paper's QR code.
#[tauri::command(rename_all = "snake_case")]
pub async fn verify_document(desk: State<'_, Desk>, payload: String) -> ApiResult<VerifyResult> {
    desk.verify_document(&payload)
}

/// The monthly summary of a month (none: last month).
#[tauri::command(rename_all = "snake_case")]
pub async fn monthly_summary(
    desk: State<'_, Desk>,
    docs: State<'_, DocsDir>,
    month: Option<String>,
) -> ApiResult<SummaryScreen> {
    desk.monthly_summary(docs.0.as_deref(), month.as_deref(), today())
}

/// Closes a month.
#[tauri::command(rename_all = "snake_case")]
pub async fn close_month(
    desk: State<'_, Desk>,
    docs: State<'_, DocsDir>,
    month: String,
) -> ApiResult<SummaryScreen> {
    desk.close_month(docs.0.as_deref(), &month, now(), today())
}
