//! Producing a document from start to end, the one way both the `otau` command line and the
//! desktop app do it: gather what the document says, number, seal and register it, render it as
//! PDF (or the monthly summary also as XLSX) and hand the bytes to the caller, who saves them.
//! Also the register as people look through it: one family's documents, and a search by
//! number, kind, subject and who issued it.
//!
//! # Design
//! - **The caller saves the file** inside [`Store::produce_document`]'s transaction (the `save`
//!   argument gets the sealed document and its bytes): a file that could not be written leaves
//!   nothing in the register, as a registered document nobody holds would be a gap in the
//!   numbering. Where the file goes is the caller's business (a path given on the command line,
//!   the documents folder of the desktop app).
//! - Case work and the ledger come from [`OfficeRecords`], what this database keeps.
//! - A reprint is produced in the original's format rules: only a monthly summary has a
//!   spreadsheet form (`doc-no-spreadsheet` otherwise, from `otau-print`).

use crate::context::Context;
use crate::documents::facts::OfficeRecords;
use crate::documents::register::{entry_of, IssuedDocRec, RegisterEntry};
use crate::documents::DocumentError;
use crate::error::Result;
use crate::record::from_row;
use crate::Store;
use otau_i18n::Lang;
use otau_print::{render_pdf, render_xlsx, DocumentContent, Fonts, IssuedDocument, Month};
use serde::{Deserialize, Serialize};

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

/// Renders a sealed document in a format.
pub fn render(
    doc: &IssuedDocument,
    format: FileFormat,
) -> std::result::Result<Vec<u8>, DocumentError> {
    match format {
        FileFormat::Pdf => {
            let fonts = Fonts::shipped().map_err(|e| DocumentError::output(&e))?;
            render_pdf(doc, fonts).map_err(|e| DocumentError::output(&e))
        }
        FileFormat::Xlsx => render_xlsx(doc).map_err(|e| DocumentError::output(&e)),
    }
}

/// A line of the register with the name of the person it is about (the family's head), when it
/// is about a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterLine {
    /// The register's line.
    pub entry: RegisterEntry,
    /// The head of the family, as printed on the document; `None` for a monthly summary.
    pub subject_name: Option<String>,
}

/// The head of the family a document is about, as printed on it.
fn subject_name(content: &DocumentContent) -> Option<String> {
    match content {
        DocumentContent::Certificate(d) => d.members.first().map(|m| m.name.clone()),
        DocumentContent::Decision(d) => Some(d.head_name.clone()),
        DocumentContent::Statement(d) => Some(d.head_name.clone()),
        DocumentContent::MonthlySummary(_) => None,
    }
}

/// Lower case without surrounding spaces, for matching what was typed.
fn folded(text: &str) -> String {
    text.trim().to_lowercase()
}

impl Store {
    /// Produces a document: gathers its content (for a reprint, the original's), registers it,
    /// renders it in `format` and calls `save` with the sealed document and its bytes, all in one
    /// transaction; returns the document and what `save` returned. A document that could not be
    /// rendered or saved is not registered.
    pub fn produce_document<T>(
        &mut self,
        ctx: &Context,
        request: &DocRequest,
        format: FileFormat,
        save: impl FnOnce(&IssuedDocument, &[u8]) -> std::result::Result<T, DocumentError>,
    ) -> Result<(IssuedDocument, T)> {
        let produce = |doc: &IssuedDocument| {
            let bytes = render(doc, format)?;
            save(doc, &bytes)
        };
        let (subject, content) = match request {
            DocRequest::Reprint(number) => {
                return self.reprint_document(ctx, number, produce);
            }
            DocRequest::Certificate(regno) => {
                let (id, data) = self.certificate_data(regno)?;
                (Some(id), DocumentContent::Certificate(data))
            }
            DocRequest::Statement(regno) => {
                let (id, data) = self.statement_data(regno, ctx.today, &OfficeRecords)?;
                (Some(id), DocumentContent::Statement(data))
            }
            DocRequest::Decision(number) => {
                let (id, data) = self.decision_data(number)?;
                (Some(id), DocumentContent::Decision(data))
            }
            DocRequest::MonthlySummary(month) => {
                let data = self.monthly_summary(*month, &OfficeRecords)?;
                (None, DocumentContent::MonthlySummary(data))
            }
        };
        self.issue_document(ctx, subject, content, produce)
    }

    /// Every document issued about a family (any member's number, or the family's), reprints
    /// included, newest first.
    pub fn family_documents(&self, regno: &str) -> Result<Vec<RegisterLine>> {
        let family = self.family(regno)?.family;
        let recs: Vec<IssuedDocRec> = self
            .conn()
            .prepare_cached(
                "SELECT * FROM issued_documents WHERE subject_id = ?1 ORDER BY rowid DESC",
            )?
            .query_map([family.id.to_string()], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        recs.iter().map(|r| self.register_line(r)).collect()
    }

    /// The register, newest first, narrowed to the lines whose number, kind (its code or its
    /// name in any language), subject, family head's name or issuer contains every word of
    /// `query` (any case); at most `limit` lines.
    pub fn find_documents(&self, query: &str, limit: usize) -> Result<Vec<RegisterLine>> {
        let words: Vec<String> = query.split_whitespace().map(folded).collect();
        let recs: Vec<IssuedDocRec> = self
            .conn()
            .prepare("SELECT * FROM issued_documents ORDER BY rowid DESC")?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for rec in &recs {
            if out.len() >= limit {
                break;
            }
            let line = self.register_line(rec)?;
            if words.is_empty() || {
                let haystack = haystack(&line);
                words.iter().all(|w| haystack.contains(w.as_str()))
            } {
                out.push(line);
            }
        }
        Ok(out)
    }

    fn register_line(&self, rec: &IssuedDocRec) -> Result<RegisterLine> {
        let entry = entry_of(self.conn(), rec)?;
        let content: Option<DocumentContent> = serde_json::from_str(&rec.content_json).ok();
        Ok(RegisterLine { entry, subject_name: content.as_ref().and_then(subject_name) })
    }
}

/// Everything a register line may be found by, in lower case.
fn haystack(line: &RegisterLine) -> String {
    let e = &line.entry;
    let kind_id = format!("doc-kind-{}", e.kind.as_str());
    let mut parts = vec![
        e.number.clone(),
        e.kind.as_str().to_string(),
        e.subject.clone(),
        e.issued_by.clone(),
        e.issued_login.clone(),
        line.subject_name.clone().unwrap_or_default(),
    ];
    parts.extend(Lang::ALL.iter().map(|lang| otau_i18n::tr0(*lang, &kind_id)));
    folded(&parts.join("\n"))
}
