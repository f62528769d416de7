//! Scans of identity documents from the person card: attaching a scan or photo chosen in the
//! window to one of the person's documents, opening one whole to look at it, and taking one off
//! the card. The checks (size, kind by content) are the store's, the same for every face.

use crate::desk::{card, Desk, PersonCard};
use crate::error::{ApiError, ApiResult};
use crate::import::code::NOT_RECEIVED;
use crate::Now;
use base64::prelude::{Engine, BASE64_STANDARD};
use otau_core::scan::ScanKind;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// A scan opened whole, for the window to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScanFile {
    /// JPEG, PNG or PDF.
    pub kind: ScanKind,
    /// Its media type (`image/jpeg`, …).
    pub mime: String,
    /// The name the file had, if any.
    pub file_name: Option<String>,
    /// The file's bytes, base64.
    pub content_base64: String,
}

/// An id as the window sent it, or the store's "not found" for it.
fn id_of(what: &'static str, id: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(id.trim())
        .map_err(|_| otau_store::StoreError::NotFound { what, key: id.to_string() }.into())
}

impl Desk {
    /// Attaches a scan (its bytes base64, as the window read them) to one of the person's
    /// documents; the card as it then stands.
    pub fn attach_scan(
        &self,
        regno: &str,
        document_id: &str,
        file_name: &str,
        content_base64: &str,
        now: Now,
    ) -> ApiResult<PersonCard> {
        let document = id_of("document", document_id)?;
        let bytes = BASE64_STANDARD
            .decode(content_base64.trim())
            .map_err(|_| ApiError::coded(NOT_RECEIVED))?;
        self.acting(now, |store, ctx| {
            let name = Some(file_name).filter(|n| !n.trim().is_empty());
            let view = store.attach_scan(ctx, regno, document, name, &bytes)?;
            card(store, ctx, &view.person.regno, now.today)
        })
    }

    /// A scan whole, to be shown (the look is logged).
    pub fn open_scan(&self, scan_id: &str, now: Now) -> ApiResult<ScanFile> {
        let id = id_of("scan", scan_id)?;
        self.acting(now, |store, ctx| {
            let scan = store.open_scan(ctx, id)?;
            Ok(ScanFile {
                kind: scan.view.kind,
                mime: scan.view.kind.mime().to_string(),
                file_name: scan.view.file_name,
                content_base64: BASE64_STANDARD.encode(&scan.content),
            })
        })
    }

    /// Takes a scan off the card; the card as it then stands.
    pub fn remove_scan(&self, scan_id: &str, now: Now) -> ApiResult<PersonCard> {
        let id = id_of("scan", scan_id)?;
        self.acting(now, |store, ctx| {
            let view = store.remove_scan(ctx, id)?;
            card(store, ctx, &view.person.regno, now.today)
        })
    }
}
