//! Otau's documents: registration certificates, subsidy decisions, payment statements and the
//! monthly summary, laid out as A4 PDF pages (and the summary also as XLSX), each carrying a QR
//! code signed with the issuing office's key.
//!
//! **Architecture Invariant**: this crate is pure. It takes plain data ([`data`]), font bytes
//! ([`Fonts`]) and, for sealing, a key; it gives bytes. No SQL, no clock, no files: the date of
//! a document comes in with its data, so the same input gives the same bytes (content hashes and
//! tests stay stable).
//!
//! **API boundary**: [`DocumentContent`] (what a document says), [`Seal`] (the QR payload and its
//! signature), [`render_pdf`] and [`render_xlsx`]. The store fills the data, numbers and
//! registers documents; the command line and the desktop app write the bytes where the user
//! asked.
#![deny(missing_docs)]

pub mod data;
pub mod error;
pub mod fonts;
pub mod kinds;
pub mod layout;
pub mod qr;
pub mod refused;
pub mod scan;
pub mod seal;
pub mod text;
pub mod xlsx;

pub use data::{
    CertificateData, CertificateMember, DecisionData, DecisionLine, DocKind, DocumentContent,
    IssuedDocument, LedgerEntryKind, LedgerLine, Month, MonthlySummaryData, OfficeHeader,
    StatementData,
};
pub use error::PrintError;
pub use fonts::{FontStyle, Fonts};
pub use kinds::render_pdf;
pub use seal::{content_hash, Seal, SealError};
pub use xlsx::render_xlsx;
