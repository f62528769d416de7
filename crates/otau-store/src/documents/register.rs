//! The register of issued documents: issuing (numbered per office and year, hashed, sealed),
//! reprinting, voiding, reading the register, and checking a paper's QR code against it.

use super::content::Words;
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

/// A row of `voided_elsewhere`: a document another office voided, from the centre's reference
/// data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidedElsewhereRec {
    /// Id (the same on every device).
    pub id: Uuid,
    /// The office that issued and voided it.
    pub office_code: String,
    /// Its number.
    pub number: String,
    /// Date of voiding.
    pub voided_on: NaiveDate,
    /// Version.
    pub version: i64,
}

impl Record for VoidedElsewhereRec {
    const TABLE: &'static str = "voided_elsewhere";
    const ENTITY: &'static str = "voided_elsewhere";
    // This device's copy of the centre's reference data: never sent.
    const PRIVATE: bool = true;
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

/// Another office's voiding of one of its papers, as a check reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidedByOffice {
    /// The office.
    pub office_code: String,
    /// Its name, when known.
    pub office_name: Option<String>,
    /// When it voided the paper.
    pub voided_on: NaiveDate,
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
    /// When another office voided the paper (as the centre's reference data says).
    #[serde(default)]
    pub voided_by_office: Option<VoidedByOffice>,
    /// The last exchange with the centre the answer holds as of (None: never synced, so
    /// another office's voiding cannot be known here).
    #[serde(default)]
    pub as_of: Option<String>,
}

/// A document numbered and sealed but not in the register yet: rendered and saved first, then
/// registered ([`Store::register_document`]), so no write transaction waits for a PDF or a disk.
#[derive(Debug, Clone)]
pub struct Sealed {
    doc: IssuedDocument,
    rec: IssuedDocRec,
}

impl Sealed {
    /// The document as it will be registered: its number, content and seal.
    pub fn document(&self) -> &IssuedDocument {
        &self.doc
    }
}

/// What producing a document left behind (bytes, a saved file), taken back when the document
/// could not be registered, so no paper or file carries a number the register does not hold.
pub trait Produced {
    /// Takes the output back (removes a saved file); nothing for output kept in memory.
    fn discard(self)
    where
        Self: Sized,
    {
    }
}

impl Produced for () {}
impl Produced for Vec<u8> {}

/// The next sequence number of the office's documents in a year.
fn next_seq(conn: &Connection, office_code: &str, year: i32) -> Result<i64> {
    // A number sealed on a paper is spent even when the paper was never registered.
    let last: i64 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM (
             SELECT seq FROM issued_documents
             WHERE office_code = ?1 AND year = ?2 AND copy_of IS NULL
             UNION ALL
             SELECT seq FROM sealed_document_numbers WHERE office_code = ?1 AND year = ?2)",
        params![office_code, year],
        |r| r.get(0),
    )?;
    // An enrolled device numbers from its blocks; the office's only device after the last.
    let series = crate::numbers::Series::Document;
    let seq = crate::numbers::next_from_blocks(conn, series, year, 0)?.unwrap_or(last + 1);
    if seq > 99_999 {
        return Err(DocumentError::NumbersExhausted { year }.into());
    }
    Ok(seq)
}

/// Whether the register holds an original of the office's number `seq` of `year`.
fn seq_registered(conn: &Connection, office_code: &str, year: i32, seq: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM issued_documents
             WHERE office_code = ?1 AND year = ?2 AND seq = ?3 AND copy_of IS NULL",
        )?
        .query_row(params![office_code, year, seq], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Spends the number of a sealed document before its file is written, in a write of its own
/// that commits at once: whatever becomes of the paper (registered, refused, or the program
/// stopped before), no other paper is given its number. `false` when another window of this
/// database sealed the same number first (seal again). Like the number blocks, this is the
/// device's own bookkeeping, neither audited nor synced.
fn spend_number(conn: &Connection, rec: &IssuedDocRec, at: &str) -> Result<bool> {
    let spent = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO sealed_document_numbers
             (office_code, year, seq, number, sealed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![rec.office_code, rec.year, rec.seq, rec.number, at])?;
    Ok(spent == 1)
}

/// Gives back the number of a sealed document of which no paper was made.
fn release_number(conn: &Connection, rec: &IssuedDocRec) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM sealed_document_numbers WHERE office_code = ?1 AND year = ?2 AND seq = ?3",
    )?
    .execute(params![rec.office_code, rec.year, rec.seq])?;
    Ok(())
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
    /// Numbers and seals a document without registering it: the next number of the office and
    /// year, the content's hash and the office's signature. Only reads; the caller renders and
    /// saves the sealed document, then registers it with [`Store::register_document`].
    pub fn seal_document(
        &self,
        ctx: &Context,
        subject_id: Option<Uuid>,
        content: DocumentContent,
    ) -> Result<Sealed> {
        ctx.actor.require(Action::IssueDocument)?;
        // No new paper about a family while a member's consent is withdrawn or lapsed (Law
        // 94-V); the monthly summary names no one. What is held is given by `person_export`.
        if let Some(family_id) = subject_id {
            self.require_consent_of_family(family_id, ctx.today)?;
        }
        let conn = self.conn();
        let issued_by = issuer_name(&ctx.actor);
        let (office_id, office) = office_header(conn)?;
        let key = signing_key(conn, office_id)?
            .ok_or_else(|| StoreError::Corrupt("no office signing key".into()))?;
        let secret = secret_of(conn, self.signing_kek(), &key)?;
        let year = ctx.today.year();
        let seq = next_seq(conn, &office.code, year)?;
        let number = format!("{}-{year}-D{seq:05}", office.code);
        let hash = content_hash(&number, ctx.today, &issued_by, &content);
        let subject = otau_print::seal::subject_of(&content);
        let seal =
            Seal::sign(&office.code, content.kind(), &number, ctx.today, &subject, &hash, &secret);
        let content_json = serde_json::to_string(&content)
            .map_err(|e| StoreError::Corrupt(format!("document content: {e}")))?;
        let rec = IssuedDocRec {
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
        let doc = IssuedDocument {
            number,
            issued_on: ctx.today,
            issued_by,
            content,
            seal,
            duplicate: false,
        };
        Ok(Sealed { doc, rec })
    }

    /// Seals a duplicate of an issued document, exactly as issued and marked as a duplicate,
    /// without registering it. A voided document is not reprinted.
    pub fn seal_reprint(&self, ctx: &Context, number: &str) -> Result<Sealed> {
        ctx.actor.require(Action::IssueDocument)?;
        let number = normalize_number(number);
        let original = original_by_number(self.conn(), &number)?
            .ok_or(StoreError::NotFound { what: "document", key: number.clone() })?;
        if let Some(v) = void_of(self.conn(), original.id)? {
            return Err(DocumentError::AlreadyVoided { number, on: v.voided_on }.into());
        }
        if let Some(family_id) = original.subject_id {
            self.require_consent_of_family(family_id, ctx.today)?;
        }
        let rec = IssuedDocRec {
            id: Uuid::now_v7(),
            issued_at: rfc3339(ctx.at),
            issued_login: ctx.actor.login.clone(),
            copy_of: Some(original.id),
            version: 0,
            ..original.clone()
        };
        Ok(Sealed { doc: issued_from(&original, true)?, rec })
    }

    /// Registers a sealed document: one short write that holds nothing but the register's row.
    /// Refused with [`DocumentError::NumberTaken`] when another device or window registered
    /// the same number meanwhile (seal again), and for a reprint whose original was voided
    /// meanwhile.
    pub fn register_document(&mut self, ctx: &Context, sealed: Sealed) -> Result<IssuedDocument> {
        let Sealed { doc, mut rec } = sealed;
        let action = if rec.copy_of.is_some() { "document.reprint" } else { "document.issue" };
        self.write(ctx, action, |change| {
            match rec.copy_of {
                None => {
                    let year = i32::try_from(rec.year)
                        .map_err(|_| StoreError::Corrupt(format!("document year {}", rec.year)))?;
                    if seq_registered(change.tx(), &rec.office_code, year, rec.seq)? {
                        return Err(
                            DocumentError::NumberTaken { number: rec.number.clone() }.into()
                        );
                    }
                }
                Some(original) => {
                    if let Some(v) = void_of(change.tx(), original)? {
                        return Err(DocumentError::AlreadyVoided {
                            number: rec.number.clone(),
                            on: v.voided_on,
                        }
                        .into());
                    }
                }
            }
            change.insert(&mut rec)?;
            // A printed paper about a family is a look at its members' data.
            if let Some(family) = rec.subject_id {
                let ctx = Context::new(change.actor(), change.at(), change.today());
                crate::access::insert(
                    change.tx(),
                    &ctx,
                    crate::access::AccessKind::Print,
                    None,
                    Some(family),
                    Some(&rec.number),
                )?;
            }
            Ok(())
        })?;
        Ok(doc)
    }

    /// Issues a document: seals it and spends its number, hands it to `produce` (which renders
    /// and saves it, outside any transaction), then registers it. A document that could not be
    /// produced is not registered; one that could not be registered is discarded
    /// ([`Produced::discard`]: a saved file is removed), and sealed again with the next number
    /// when another took its number meanwhile. A spent number is never sealed again, so a
    /// paper left behind (a file that could not be removed, the program stopped before
    /// registering) shares its number with no other paper.
    pub fn issue_document<T: Produced>(
        &mut self,
        ctx: &Context,
        subject_id: Option<Uuid>,
        content: DocumentContent,
        mut produce: impl FnMut(&IssuedDocument) -> std::result::Result<T, DocumentError>,
    ) -> Result<(IssuedDocument, T)> {
        ctx.actor.require(Action::IssueDocument)?;
        self.ensure_office_key(ctx.at)?;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let sealed = self.seal_document(ctx, subject_id, content.clone())?;
            if !spend_number(self.conn(), &sealed.rec, &rfc3339(ctx.at))? {
                if attempts < 5 {
                    continue;
                }
                return Err(DocumentError::NumberTaken { number: sealed.doc.number }.into());
            }
            let out = match produce(sealed.document()) {
                Ok(out) => out,
                Err(e) => {
                    // Nothing was saved (a producer removes what it could not finish): the
                    // number goes back.
                    release_number(self.conn(), &sealed.rec)?;
                    return Err(e.into());
                }
            };
            match self.register_document(ctx, sealed) {
                Ok(doc) => return Ok((doc, out)),
                Err(StoreError::Document(DocumentError::NumberTaken { .. })) if attempts < 5 => {
                    out.discard();
                }
                Err(e) => {
                    out.discard();
                    return Err(e);
                }
            }
        }
    }

    /// Reprints a document exactly as issued, marked as a duplicate: seals it, hands it to
    /// `produce` (outside any transaction), then registers the reprint as a row of its own. A
    /// voided document is not reprinted; a reprint that could not be registered is discarded.
    pub fn reprint_document<T: Produced>(
        &mut self,
        ctx: &Context,
        number: &str,
        produce: impl FnOnce(&IssuedDocument) -> std::result::Result<T, DocumentError>,
    ) -> Result<(IssuedDocument, T)> {
        let sealed = self.seal_reprint(ctx, number)?;
        let out = produce(sealed.document())?;
        match self.register_document(ctx, sealed) {
            Ok(doc) => Ok((doc, out)),
            Err(e) => {
                out.discard();
                Err(e)
            }
        }
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
                    voided_by_office: None,
                    as_of: None,
                })
            }
        };
        let keys: Vec<KnownKeyRec> = self
            .conn()
            .prepare_cached("SELECT * FROM known_office_keys WHERE office_code = ?1")?
            .query_map([&seal.office], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let office_name = keys.iter().find_map(|k| k.office_name.clone());
        let as_of = self.sync_state()?.and_then(|s| s.last_sync_at);
        let mut v = Verification {
            status: VerifyStatus::Valid,
            reason: None,
            seal: Some(seal.clone()),
            office_name,
            register: None,
            voided_by_office: None,
            as_of,
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
        let elsewhere: Option<VoidedElsewhereRec> = self
            .conn()
            .prepare_cached(
                "SELECT * FROM voided_elsewhere WHERE office_code = ?1 AND number = ?2",
            )?
            .query_row([&seal.office, &seal.number], from_row)
            .optional()?;
        if let Some(e) = elsewhere {
            if v.status == VerifyStatus::Valid {
                v.status = VerifyStatus::Voided;
            }
            v.voided_by_office = Some(VoidedByOffice {
                office_code: e.office_code,
                office_name: v.office_name.clone(),
                voided_on: e.voided_on,
            });
        }
        Ok(v)
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
    pub fn find_documents(
        &self,
        query: &str,
        limit: usize,
        words: &dyn Words,
    ) -> Result<Vec<RegisterLine>> {
        let terms: Vec<String> = query.split_whitespace().map(folded).collect();
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
            if terms.is_empty() || {
                let haystack = haystack(&line, words);
                terms.iter().all(|w| haystack.contains(w.as_str()))
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
fn haystack(line: &RegisterLine, words: &dyn Words) -> String {
    let e = &line.entry;
    let mut parts = vec![
        e.number.clone(),
        e.kind.as_str().to_string(),
        e.subject.clone(),
        e.issued_by.clone(),
        e.issued_login.clone(),
        line.subject_name.clone().unwrap_or_default(),
    ];
    parts.extend(words.document_kind(e.kind));
    folded(&parts.join("\n"))
}
