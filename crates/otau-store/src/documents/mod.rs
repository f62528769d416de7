//! Documents in the store: the office's signing key, the register of issued documents (numbers
//! per office and year, reprints, voids), checking a paper's seal, the data each kind of
//! document prints, and closed months with their frozen summaries.
//!
//! # Design
//! - **Numbers**: `OFFICE-YYYY-DNNNNN`, a sequence per office and year, taken inside the write
//!   that registers the document, so two documents never share one.
//! - **Register**: append-only (`issued_documents`). A row keeps the document's content as
//!   issued, its hash and its QR payload; a reprint is a row of its own pointing at the original
//!   (`copy_of`) with the same number, content and seal, printed with "ДУБЛИКАТ / DUPLICATE".
//! - **Voiding** is a new row in `document_voids`, never an update: the register shows the
//!   document, who voided it, when and why, and the audit and outbox carry the void as an event
//!   of its own (an update would rewrite the row the paper's hash was computed from).
//! - **Keys**: an Ed25519 key made at `otau init` (or by [`crate::Store::ensure_office_key`] for older
//!   databases); its secret half is redacted from the audit and the outbox. Papers are checked
//!   against `known_office_keys`, which holds this office's public key and those the centre
//!   hands out.
//! - **Closed months**: closing freezes the month's summary as JSON with the highest family row
//!   it counted. A family recorded later for a closed month is counted in the next open month,
//!   and that month's summary says so (`MonthlySummaryData::late`).
//! - **Case work and the ledger** (statuses, quota, subsidies, payments) reach the documents
//!   through [`CaseWork`]; [`RegistryOnly`] is what exists without them, and
//!   [`facts::OfficeRecords`] reads them where they are kept.
//!
//! Modules: [`keys`] (the office's key and those it trusts), [`register`] (issuing, reprinting,
//! voiding, the register, checking a paper), [`content`] and [`facts`] (what each kind of
//! document says), [`summary`] (the monthly summary and closed months).
//!
//! The store renders nothing, saves no file and translates nothing: a document is sealed
//! ([`crate::Store::seal_document`]), rendered and saved by the caller outside any transaction,
//! then registered ([`crate::Store::register_document`]) in one short write; the words it
//! prints for codes come from the caller ([`Words`]).

pub mod content;
pub mod facts;
pub mod keys;
pub mod register;
pub mod summary;

pub use content::{CaseWork, RegistryOnly, Words};
pub use facts::OfficeRecords;
pub use register::{
    Produced, RegisterEntry, RegisterLine, Sealed, Verification, VerifyStatus, VoidInfo,
};

use crate::error::Result;
use crate::office::current_office;
use crate::record::from_row;
use crate::users::Actor;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use otau_core::Coded;
use otau_print::OfficeHeader;
use rusqlite::Connection;
use std::collections::BTreeMap;
use uuid::Uuid;

/// What can go wrong with documents and closed months.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// The document was voided already.
    #[error("document {number} was voided on {on}")]
    AlreadyVoided {
        /// Its number.
        number: String,
        /// When.
        on: NaiveDate,
    },
    /// The month is closed already.
    #[error("month {month} is closed")]
    MonthClosed {
        /// The month.
        month: String,
    },
    /// A month cannot be closed before it is over.
    #[error("month {month} is not over")]
    MonthNotOver {
        /// The month.
        month: String,
    },
    /// Another device or window registered the document's number after it was sealed: seal
    /// it again.
    #[error("document number {number} was taken meanwhile")]
    NumberTaken {
        /// The number.
        number: String,
    },
    /// Every document number of the year is used.
    #[error("document numbers of {year} are used up")]
    NumbersExhausted {
        /// The year.
        year: i32,
    },
    /// Producing or saving the document's file failed: nothing was registered.
    #[error("the document could not be produced: {code}")]
    Output {
        /// The code of what failed.
        code: &'static str,
        /// Its arguments.
        args: BTreeMap<String, String>,
    },
}

impl DocumentError {
    /// An output failure from anything coded.
    pub fn output(err: &impl Coded) -> DocumentError {
        DocumentError::Output { code: err.code(), args: err.args() }
    }
}

impl Coded for DocumentError {
    fn code(&self) -> &'static str {
        match self {
            DocumentError::AlreadyVoided { .. } => "doc-already-voided",
            DocumentError::MonthClosed { .. } => "doc-month-already-closed",
            DocumentError::MonthNotOver { .. } => "doc-month-not-over",
            DocumentError::NumbersExhausted { .. } => "doc-numbers-exhausted",
            DocumentError::NumberTaken { .. } => "doc-number-taken",
            DocumentError::Output { code, .. } => code,
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        match self {
            DocumentError::AlreadyVoided { number, on } => {
                a.insert("number".into(), number.clone());
                a.insert("date".into(), on.format("%d.%m.%Y").to_string());
            }
            DocumentError::MonthClosed { month } | DocumentError::MonthNotOver { month } => {
                a.insert("month".into(), month.clone());
            }
            DocumentError::NumberTaken { number } => {
                a.insert("number".into(), number.clone());
            }
            DocumentError::NumbersExhausted { year } => {
                a.insert("year".into(), year.to_string());
            }
            DocumentError::Output { args, .. } => a = args.clone(),
        }
        a
    }
}

pub(crate) fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn issuer_name(actor: &Actor) -> String {
    actor.full_name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| actor.login.clone())
}

pub(crate) fn office_header(conn: &Connection) -> Result<(Uuid, OfficeHeader)> {
    let (id, _) = current_office(conn)?;
    let office: crate::office::OfficeRec =
        conn.query_row("SELECT * FROM offices WHERE id = ?1", [id.to_string()], from_row)?;
    Ok((id, OfficeHeader { code: office.code, name: office.name, region: office.region }))
}
