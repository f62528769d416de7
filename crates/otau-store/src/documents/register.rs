//! The register of issued documents: issuing (numbered per office and year, hashed, sealed),
//! reprinting, voiding, reading the register, and checking a paper's QR code against it.

use super::{issuer_name, office_header, rfc3339, DocumentError};
use crate::context::Context;
use crate::documents::keys::{secret_of, signing_key, KnownKeyRec};
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::users::Action;
use crate::Store;
use chrono::{Datelike, NaiveDate};
use otau_print::seal::decode_public_key;
use otau_print::{content_hash, DocKind, DocumentContent, IssuedDocument, Seal};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedDocRec {
    /// Id.
    pub id: Uuid,
    /// Issuing office.
    pub office_code: String,
    /// Document number.
    pub number: String,
    /// Year of the number.
    pub year: i64,
    /// Sequence in the year.
    pub seq: i64,
    /// Kind.
    pub kind: DocKind,
    /// The family (or none, for a summary).
    pub subject_id: Option<Uuid>,
    /// What it is about, for people: a family's number or a month.
    pub subject_label: String,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// Moment of issue (UTC, RFC 3339).
    pub issued_at: String,
    /// Who issued it (name as printed).
    pub issued_by: String,
    /// Their login.
    pub issued_login: String,
    /// For a reprint: the original's id.
    pub copy_of: Option<Uuid>,
    /// SHA-256 of the canonical content (as in the QR code).
    pub content_hash: String,
    /// The content as issued (JSON).
    pub content_json: String,
    /// The QR payload.
    pub qr_payload: String,
    /// Version.
    pub version: i64,
}

impl Record for IssuedDocRec {
    const TABLE: &'static str = "issued_documents";
    const ENTITY: &'static str = "issued_document";
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
        self.subject_id
    }
}

/// A row of `document_voids`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidRec {
    /// Id.
    pub id: Uuid,
    /// The voided document (the original's row).
    pub document_id: Uuid,
    /// Its number.
    pub number: String,
    /// Date of voiding.
    pub voided_on: NaiveDate,
    /// Moment (UTC, RFC 3339).
    pub voided_at: String,
    /// Who voided it (login).
    pub voided_by: String,
    /// Why.
    pub reason: String,
    /// Version.
    pub version: i64,
}

impl Record for VoidRec {
    const TABLE: &'static str = "document_voids";
    const ENTITY: &'static str = "document_void";
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
        None
    }
}

/// One line of the register, as `otau doc register` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterEntry {
    /// Document number.
    pub number: String,
    /// Kind.
    pub kind: DocKind,
    /// What it is about.
    pub subject: String,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// Who issued it.
    pub issued_by: String,
    /// Their login.
    pub issued_login: String,
    /// A reprint of the original.
    pub duplicate: bool,
    /// Content hash.
    pub content_hash: String,
    /// Set when voided.
    pub void: Option<VoidInfo>,
}

/// Why and when a document was voided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidInfo {
    /// Date.
    pub voided_on: NaiveDate,
    /// Who (login).
    pub voided_by: String,
    /// Why.
    pub reason: String,
}

/// What a check of a paper found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyStatus {
    /// Signed by a known office, not voided.
    Valid,
    /// Not a genuine seal: unreadable, a wrong signature, or not what the register holds.
    Tampered,
    /// Signed by an office whose key this database does not have.
    UnknownOffice,
    /// Genuine, but voided.
    Voided,
}

/// The result of checking a paper's QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The verdict.
    pub status: VerifyStatus,
    /// Why it is tampered: `malformed`, `signature` or `register`.
    pub reason: Option<String>,
    /// The seal as read (absent when unreadable).
    pub seal: Option<Seal>,
    /// The issuing office's name, when known.
    pub office_name: Option<String>,
    /// The register's line, when this database issued it.
    pub register: Option<RegisterEntry>,
}

pub(crate) fn original_by_number(conn: &Connection, number: &str) -> Result<Option<IssuedDocRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM issued_documents WHERE number = ?1 AND copy_of IS NULL")?
        .query_row([number], from_row)
        .optional()?)
}

fn void_of(conn: &Connection, document_id: Uuid) -> Result<Option<VoidRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM document_voids WHERE document_id = ?1")?
        .query_row([document_id.to_string()], from_row)
        .optional()?)
}

pub(crate) fn entry_of(conn: &Connection, rec: &IssuedDocRec) -> Result<RegisterEntry> {
    let original = rec.copy_of.unwrap_or(rec.id);
    let void = void_of(conn, original)?.map(|v| VoidInfo {
        voided_on: v.voided_on,
        voided_by: v.voided_by,
        reason: v.reason,
    });
    Ok(RegisterEntry {
        number: rec.number.clone(),
        kind: rec.kind,
        subject: rec.subject_label.clone(),
        issued_on: rec.issued_on,
        issued_by: rec.issued_by.clone(),
        issued_login: rec.issued_login.clone(),
        duplicate: rec.copy_of.is_some(),
        content_hash: rec.content_hash.clone(),
        void,
    })
}

fn issued_from(rec: &IssuedDocRec, duplicate: bool) -> Result<IssuedDocument> {
    let content: DocumentContent = serde_json::from_str(&rec.content_json)
        .map_err(|e| StoreError::Corrupt(format!("document {}: {e}", rec.number)))?;
    let seal = Seal::parse(&rec.qr_payload)
        .map_err(|e| StoreError::Corrupt(format!("document {}: {e}", rec.number)))?;
    Ok(IssuedDocument {
        number: rec.number.clone(),
        issued_on: rec.issued_on,
        issued_by: rec.issued_by.clone(),
        content,
        seal,
        duplicate,
    })
}

pub(crate) fn normalize_number(number: &str) -> String {
    number.trim().to_uppercase()
}

impl Store {
    /// Issues a document: takes the next number of the office and year, hashes and signs the
    /// content, registers it, and hands the sealed document to `produce` (which renders and
    /// saves it) — all in one transaction, so a document that could not be produced is not
    /// registered.
    pub fn issue_document<T>(
        &mut self,
        ctx: &Context,
        subject_id: Option<Uuid>,
        content: DocumentContent,
        produce: impl FnOnce(&IssuedDocument) -> std::result::Result<T, DocumentError>,
    ) -> Result<(IssuedDocument, T)> {
        ctx.actor.require(Action::IssueDocument)?;
        self.ensure_office_key(ctx.at)?;
        let issued_by = issuer_name(&ctx.actor);
        self.write(ctx, "document.issue", |change| {
            let (office_id, office) = office_header(change.tx())?;
            let key = signing_key(change.tx(), office_id)?
                .ok_or_else(|| StoreError::Corrupt("no office signing key".into()))?;
            let secret = secret_of(&key)?;
            let year = ctx.today.year();
            let last: i64 = change.tx().query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM issued_documents
                 WHERE office_code = ?1 AND year = ?2 AND copy_of IS NULL",
                params![office.code, year],
                |r| r.get(0),
            )?;
            // An enrolled device numbers from its blocks; the office's only device after the last.
            let series = crate::numbers::Series::Document;
            let seq =
                crate::numbers::next_from_blocks(change.tx(), series, year, 0)?.unwrap_or(last + 1);
            if seq > 99_999 {
                return Err(DocumentError::NumbersExhausted { year }.into());
            }
            let number = format!("{}-{year}-D{seq:05}", office.code);
            let hash = content_hash(&number, ctx.today, &issued_by, &content);
            let seal = Seal::sign(&office.code, content.kind(), &number, ctx.today, &hash, &secret);
            let content_json = serde_json::to_string(&content)
                .map_err(|e| StoreError::Corrupt(format!("document content: {e}")))?;
            let mut rec = IssuedDocRec {
                id: Uuid::now_v7(),
                office_code: office.code.clone(),
                number: number.clone(),
                year: i64::from(year),
                seq,
                kind: content.kind(),
                subject_id,
                subject_label: content.subject_label(),
                issued_on: ctx.today,
                issued_at: rfc3339(ctx.at),
                issued_by: issued_by.clone(),
                issued_login: ctx.actor.login.clone(),
                copy_of: None,
                content_hash: hash,
                content_json,
                qr_payload: seal.payload(),
                version: 0,
            };
            change.insert(&mut rec)?;
            let doc = IssuedDocument {
                number,
                issued_on: ctx.today,
                issued_by: issued_by.clone(),
                content,
                seal,
                duplicate: false,
            };
            let out = produce(&doc)?;
            Ok((doc, out))
        })
    }

    /// Reprints a document exactly as issued, marked as a duplicate; the reprint gets a row of
    /// its own in the register. A voided document is not reprinted.
    pub fn reprint_document<T>(
        &mut self,
        ctx: &Context,
        number: &str,
        produce: impl FnOnce(&IssuedDocument) -> std::result::Result<T, DocumentError>,
    ) -> Result<(IssuedDocument, T)> {
        ctx.actor.require(Action::IssueDocument)?;
        let number = normalize_number(number);
        self.write(ctx, "document.reprint", |change| {
            let original = original_by_number(change.tx(), &number)?
                .ok_or(StoreError::NotFound { what: "document", key: number.clone() })?;
            if let Some(v) = void_of(change.tx(), original.id)? {
                return Err(DocumentError::AlreadyVoided {
                    number: number.clone(),
                    on: v.voided_on,
                }
                .into());
            }
            let mut rec = IssuedDocRec {
                id: Uuid::now_v7(),
                issued_at: rfc3339(ctx.at),
                issued_login: ctx.actor.login.clone(),
                copy_of: Some(original.id),
                version: 0,
                ..original.clone()
            };
            change.insert(&mut rec)?;
            let doc = issued_from(&original, true)?;
            let out = produce(&doc)?;
            Ok((doc, out))
        })
    }

    /// Voids a document with a reason (managers); the register keeps it, marked void.
    pub fn void_document(&mut self, ctx: &Context, number: &str, reason: &str) -> Result<VoidRec> {
        ctx.actor.require(Action::VoidDocument)?;
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(StoreError::Invalid(vec![otau_core::FieldError::bare(
                "reason",
                "store-required",
            )]));
        }
        let number = normalize_number(number);
        self.write(ctx, "document.void", |change| {
            let original = original_by_number(change.tx(), &number)?
                .ok_or(StoreError::NotFound { what: "document", key: number.clone() })?;
            if let Some(v) = void_of(change.tx(), original.id)? {
                return Err(DocumentError::AlreadyVoided {
                    number: number.clone(),
                    on: v.voided_on,
                }
                .into());
            }
            change.set_reason(Some(reason.clone()));
            let mut rec = VoidRec {
                id: Uuid::now_v7(),
                document_id: original.id,
                number: number.clone(),
                voided_on: ctx.today,
                voided_at: rfc3339(ctx.at),
                voided_by: ctx.actor.login.clone(),
                reason: reason.clone(),
                version: 0,
            };
            change.insert(&mut rec)?;
            Ok(rec)
        })
    }

    /// The register, newest first; reprints and voids shown with their documents.
    pub fn document_register(&self, limit: usize) -> Result<Vec<RegisterEntry>> {
        let recs: Vec<IssuedDocRec> = self
            .conn()
            .prepare("SELECT * FROM issued_documents ORDER BY rowid DESC LIMIT ?1")?
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        recs.iter().map(|r| entry_of(self.conn(), r)).collect()
    }

    /// A document as issued, by number (for showing or reprinting).
    pub fn issued_document(&self, number: &str) -> Result<(IssuedDocument, RegisterEntry)> {
        let number = normalize_number(number);
        let rec = original_by_number(self.conn(), &number)?
            .ok_or(StoreError::NotFound { what: "document", key: number })?;
        Ok((issued_from(&rec, false)?, entry_of(self.conn(), &rec)?))
    }

    /// Checks a QR payload: signed by a known office, matching the register, not voided.
    pub fn verify_document(&self, payload: &str) -> Result<Verification> {
        let seal = match Seal::parse(payload) {
            Ok(s) => s,
            Err(_) => {
                return Ok(Verification {
                    status: VerifyStatus::Tampered,
                    reason: Some("malformed".into()),
                    seal: None,
                    office_name: None,
                    register: None,
                })
            }
        };
        let keys: Vec<KnownKeyRec> = self
            .conn()
            .prepare_cached("SELECT * FROM known_office_keys WHERE office_code = ?1")?
            .query_map([&seal.office], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let office_name = keys.iter().find_map(|k| k.office_name.clone());
        let mut v = Verification {
            status: VerifyStatus::Valid,
            reason: None,
            seal: Some(seal.clone()),
            office_name,
            register: None,
        };
        if keys.is_empty() {
            v.status = VerifyStatus::UnknownOffice;
            return Ok(v);
        }
        let signed =
            keys.iter().filter_map(|k| decode_public_key(&k.public_key)).any(|k| seal.verify(&k));
        if !signed {
            v.status = VerifyStatus::Tampered;
            v.reason = Some("signature".into());
            return Ok(v);
        }
        if let Some(rec) = original_by_number(self.conn(), &seal.number)? {
            let entry = entry_of(self.conn(), &rec)?;
            if rec.content_hash != seal.content_hash
                || rec.kind != seal.kind
                || rec.issued_on != seal.issued_on
                || rec.office_code != seal.office
            {
                v.status = VerifyStatus::Tampered;
                v.reason = Some("register".into());
            } else if entry.void.is_some() {
                v.status = VerifyStatus::Voided;
            }
            v.register = Some(entry);
        }
        Ok(v)
    }
}
