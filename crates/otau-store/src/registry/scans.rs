//! Electronic copies of a person's identity documents: a scan or photo attached to one of their
//! documents, shown on the card as a thumbnail, opened whole, taken off the card — each a change
//! like any other (audited, synced), the content kept in this database under its encryption.
//!
//! # Design
//! The file is checked here, whatever face brought it ([`otau_print::scan::check_scan`]: size,
//! kind by content, read whole), so no face can keep what another would refuse. A scan row
//! carries its bytes as base64 and their SHA-256, which every read checks: a row changed behind
//! the store's back is refused rather than shown. The card's view ([`ScanView`]) is read
//! without the content; the content is read only when the scan is opened, and that look is
//! logged like the card's.

use crate::access::AccessKind;
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::registry::PersonView;
use crate::users::Action;
use crate::write::sha256_hex;
use crate::Store;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::NaiveDate;
use otau_core::scan::ScanKind;
use otau_core::validate::text_problem;
use otau_core::FieldError;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The longest file name kept with a scan, in characters (a longer one is cut).
const FILE_NAME_CHARS: usize = 120;

/// A row of `document_scans`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanRec {
    /// Id.
    pub id: Uuid,
    /// The identity document it is a copy of.
    pub document_id: Uuid,
    /// Whose document.
    pub person_id: Uuid,
    /// JPEG, PNG or PDF.
    pub kind: ScanKind,
    /// Its size in bytes.
    pub bytes: i64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// An image's width in pixels.
    pub width: Option<i64>,
    /// An image's height in pixels.
    pub height: Option<i64>,
    /// A PDF's pages.
    pub pages: Option<i64>,
    /// The name the file had, if it came with one.
    pub file_name: Option<String>,
    /// A small JPEG of an image, base64.
    pub thumbnail: Option<String>,
    /// The file's bytes as received, base64.
    pub content: String,
    /// The day it was attached.
    pub added_on: NaiveDate,
    /// Who attached it (login).
    pub added_by: String,
    /// The day it was taken off the card, if it was.
    pub removed_on: Option<NaiveDate>,
    /// Who took it off (login).
    pub removed_by: Option<String>,
    /// Version.
    pub version: i64,
}

impl Record for ScanRec {
    const TABLE: &'static str = "document_scans";
    const ENTITY: &'static str = "document_scan";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn subject(&self) -> Option<Uuid> {
        Some(self.person_id)
    }
}

/// A scan as the card shows it: everything but the content.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanView {
    /// Id.
    pub id: Uuid,
    /// The identity document it is a copy of.
    pub document_id: Uuid,
    /// JPEG, PNG or PDF.
    pub kind: ScanKind,
    /// Its size in bytes.
    pub bytes: i64,
    /// An image's width in pixels.
    pub width: Option<i64>,
    /// An image's height in pixels.
    pub height: Option<i64>,
    /// A PDF's pages.
    pub pages: Option<i64>,
    /// The name the file had.
    pub file_name: Option<String>,
    /// A small JPEG of an image, base64.
    pub thumbnail: Option<String>,
    /// The day it was attached.
    pub added_on: NaiveDate,
    /// Who attached it.
    pub added_by: String,
}

impl From<ScanRec> for ScanView {
    fn from(rec: ScanRec) -> ScanView {
        ScanView {
            id: rec.id,
            document_id: rec.document_id,
            kind: rec.kind,
            bytes: rec.bytes,
            width: rec.width,
            height: rec.height,
            pages: rec.pages,
            file_name: rec.file_name,
            thumbnail: rec.thumbnail,
            added_on: rec.added_on,
            added_by: rec.added_by,
        }
    }
}

/// The columns of [`ScanView`].
const VIEW_COLUMNS: &str =
    "id, document_id, kind, bytes, width, height, pages, file_name, thumbnail, added_on, added_by";

/// A scan opened whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanContent {
    /// What the card shows of it.
    pub view: ScanView,
    /// The file's bytes, checked against their SHA-256.
    pub content: Vec<u8>,
}

/// A person's scans still on the card, oldest first.
pub(crate) fn scans_of(conn: &Connection, person_id: Uuid) -> Result<Vec<ScanView>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {VIEW_COLUMNS} FROM document_scans
             WHERE person_id = ?1 AND removed_on IS NULL ORDER BY id"
        ))?
        .query_map([person_id.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// A scan's row whole.
fn scan_rec(conn: &Connection, id: Uuid) -> Result<ScanRec> {
    conn.prepare_cached("SELECT * FROM document_scans WHERE id = ?1")?
        .query_row([id.to_string()], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: "scan", key: id.to_string() })
}

/// A scan's row whole and its content, checked against its hash.
fn scan_row(conn: &Connection, id: Uuid) -> Result<(ScanRec, Vec<u8>)> {
    let rec = scan_rec(conn, id)?;
    let content = BASE64
        .decode(rec.content.as_bytes())
        .map_err(|e| StoreError::Corrupt(format!("scan {id}: {e}")))?;
    if sha256_hex(&content) != rec.sha256 {
        return Err(StoreError::Corrupt(format!("scan {id}: its content does not match its hash")));
    }
    Ok((rec, content))
}

impl Store {
    /// Attaches a scan or photo (`content`, as the file holds it) to one of a person's
    /// identity documents, after checking it.
    pub fn attach_scan(
        &mut self,
        ctx: &Context,
        regno: &str,
        document_id: Uuid,
        file_name: Option<&str>,
        content: &[u8],
    ) -> Result<PersonView> {
        ctx.actor.require(Action::EditRegistry)?;
        let view = self.person(regno)?;
        if !view.documents.iter().any(|d| d.id == document_id) {
            return Err(StoreError::NotFound { what: "document", key: document_id.to_string() });
        }
        let checked = otau_print::scan::check_scan(content)
            .map_err(|e| StoreError::Invalid(vec![FieldError::new("file", &e)]))?;
        let file_name = file_name.map(clean_file_name).filter(|n| !n.is_empty());
        if let Some(problem) = file_name.as_deref().and_then(|n| text_problem("file_name", n)) {
            return Err(StoreError::Invalid(vec![FieldError::new("file_name", &problem)]));
        }
        let (width, height) = match checked.size_px {
            Some((w, h)) => (Some(i64::from(w)), Some(i64::from(h))),
            None => (None, None),
        };
        let mut rec = ScanRec {
            id: Uuid::now_v7(),
            document_id,
            person_id: view.person.id,
            kind: checked.kind,
            bytes: i64::try_from(content.len()).unwrap_or(i64::MAX),
            sha256: sha256_hex(content),
            width,
            height,
            pages: checked.pages.map(i64::from),
            file_name,
            thumbnail: checked.thumbnail.as_deref().map(|t| BASE64.encode(t)),
            content: BASE64.encode(content),
            added_on: ctx.today,
            added_by: ctx.actor.login.clone(),
            removed_on: None,
            removed_by: None,
            version: 0,
        };
        self.write(ctx, "scan.attach", |change| change.insert(&mut rec))?;
        self.person(regno)
    }

    /// A scan whole, to be shown; the look is logged as a look at the person's card.
    pub fn open_scan(&self, ctx: &Context, scan_id: Uuid) -> Result<ScanContent> {
        ctx.actor.require(Action::Read)?;
        let (rec, content) = scan_row(self.conn(), scan_id)?;
        let detail = format!("scan {}", rec.file_name.as_deref().unwrap_or(rec.kind.as_str()));
        self.log_access(ctx, rec.person_id, AccessKind::Card, Some(&detail))?;
        Ok(ScanContent { view: rec.into(), content })
    }

    /// Takes a scan off the card (attached to the wrong document, or unreadable): the record
    /// of it stays, with who took it off and when.
    pub fn remove_scan(&mut self, ctx: &Context, scan_id: Uuid) -> Result<PersonView> {
        ctx.actor.require(Action::EditRegistry)?;
        // Taking it off changes two fields: the file is neither decoded nor hashed for that.
        let before = scan_rec(self.conn(), scan_id)?;
        if before.removed_on.is_some() {
            return Err(StoreError::NotFound { what: "scan", key: scan_id.to_string() });
        }
        let regno: String = self
            .conn()
            .prepare_cached("SELECT regno FROM persons WHERE id = ?1")?
            .query_row([before.person_id.to_string()], |r| r.get(0))?;
        let mut after = before.clone();
        after.removed_on = Some(ctx.today);
        after.removed_by = Some(ctx.actor.login.clone());
        self.write(ctx, "scan.remove", |change| change.update(&before, &mut after).map(|_| ()))?;
        self.person(&regno)
    }
}

/// A file name as kept: its last path component, without control characters, at most
/// [`FILE_NAME_CHARS`] characters.
fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    last.chars()
        .filter(|c| !c.is_control())
        .take(FILE_NAME_CHARS)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::clean_file_name;

    #[test]
    fn a_file_name_keeps_its_last_component_without_control_characters() {
        assert_eq!(clean_file_name("C:\\Users\\clerk\\паспорт.jpg"), "паспорт.jpg");
        assert_eq!(clean_file_name("/home/a/scan\u{7}.pdf"), "scan.pdf");
        assert_eq!(clean_file_name(&"я".repeat(500)).chars().count(), 120);
    }
}
