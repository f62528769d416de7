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
//! - **Keys**: an Ed25519 key made at `otau init` (or by [`Store::ensure_office_key`] for older
//!   databases); its secret half is redacted from the audit and the outbox. Papers are checked
//!   against `known_office_keys`, which holds this office's public key and those the centre
//!   hands out.
//! - **Closed months**: closing freezes the month's summary as JSON with the highest family row
//!   it counted. A family recorded later for a closed month is counted in the next open month,
//!   and that month's summary says so ([`MonthlySummaryData::late`]).
//! - **Case work and the ledger** (statuses, quota, subsidies, payments) reach the documents
//!   through [`CaseWork`]; [`RegistryOnly`] is what exists without them, and
//!   [`crate::documents_facts::OfficeRecords`] reads them where they are kept.

use crate::error::{Result, StoreError};
use crate::office::current_office;
use crate::record::{from_row, Record};
use crate::users::{Action, Actor};
use crate::write::Change;
use crate::Store;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use otau_core::reporting::{age_group, AgeGroup, AgeLimits};
use otau_core::Coded;
use otau_print::data::{
    AgeCounts, CountryCount, Counts, EducationCounts, LateCount, QuotaUse, StatusCounts, SubsidyRow,
};
use otau_print::seal::{decode_public_key, encode_key, public_key};
use otau_print::{
    content_hash, CertificateData, CertificateMember, DocKind, DocumentContent, IssuedDocument,
    LedgerLine, Month, MonthlySummaryData, OfficeHeader, Seal, StatementData,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
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
            DocumentError::NumbersExhausted { year } => {
                a.insert("year".into(), year.to_string());
            }
            DocumentError::Output { args, .. } => a = args.clone(),
        }
        a
    }
}

/// A row of `office_signing_keys`. The secret key never reaches the audit or the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningKeyRec {
    /// Id.
    pub id: Uuid,
    /// Office.
    pub office_id: Uuid,
    /// Public key, unpadded URL-safe base64.
    pub public_key: String,
    /// Secret key, hex.
    pub secret_key: String,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
    /// Version.
    pub version: i64,
}

impl Record for SigningKeyRec {
    const TABLE: &'static str = "office_signing_keys";
    const ENTITY: &'static str = "office_key";
    const REDACTED: &'static [&'static str] = &["secret_key"];
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

/// A row of `known_office_keys`: an office whose papers this database can check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownKeyRec {
    /// Id.
    pub id: Uuid,
    /// Office code.
    pub office_code: String,
    /// Office name, if known.
    pub office_name: Option<String>,
    /// Public key, unpadded URL-safe base64.
    pub public_key: String,
    /// Date it was added.
    pub added_on: NaiveDate,
    /// Version.
    pub version: i64,
}

impl Record for KnownKeyRec {
    const TABLE: &'static str = "known_office_keys";
    const ENTITY: &'static str = "known_office_key";
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

/// A row of `closed_months`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedMonthRec {
    /// Id.
    pub id: Uuid,
    /// Office.
    pub office_code: String,
    /// Month, `YYYY-MM`.
    pub month: String,
    /// Date of closing.
    pub closed_on: NaiveDate,
    /// Moment (UTC, RFC 3339).
    pub closed_at: String,
    /// Who closed it (login).
    pub closed_by: String,
    /// The highest family row counted.
    pub families_watermark: i64,
    /// The summary's numbers, frozen (JSON of [`MonthlySummaryData`]).
    pub summary_json: String,
    /// Version.
    pub version: i64,
}

impl Record for ClosedMonthRec {
    const TABLE: &'static str = "closed_months";
    const ENTITY: &'static str = "closed_month";
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

/// The parts of documents that come from case work and the payment ledger.
///
/// The registry fills the rest. Each method gives `None` (or nothing) where that part is not
/// kept, and the document says so.
pub trait CaseWork {
    /// Kandas statuses granted, extended and ending in the month.
    fn statuses(
        &self,
        _store: &Store,
        _office: &str,
        _month: Month,
    ) -> Result<Option<StatusCounts>> {
        Ok(None)
    }
    /// The region's quota and its use up to and in the month.
    fn quota(&self, _store: &Store, _office: &str, _month: Month) -> Result<Option<QuotaUse>> {
        Ok(None)
    }
    /// Subsidies accrued, approved and paid in the month, by kind, in MCI and tenge.
    fn subsidies(
        &self,
        _store: &Store,
        _office: &str,
        _month: Month,
    ) -> Result<Option<Vec<SubsidyRow>>> {
        Ok(None)
    }
    /// Every ledger row of a family up to a date, oldest first.
    fn ledger(&self, _store: &Store, _family: Uuid, _as_of: NaiveDate) -> Result<Vec<LedgerLine>> {
        Ok(vec![])
    }
}

/// The registry alone: no case work or ledger recorded.
#[derive(Debug, Clone, Copy, Default)]
pub struct RegistryOnly;

impl CaseWork for RegistryOnly {}

/// Makes a fresh Ed25519 key: (secret hex, public base64).
fn new_key() -> ([u8; 32], String) {
    let mut secret = [0u8; 32];
    OsRng.fill_bytes(&mut secret);
    let public = encode_key(&public_key(&secret));
    (secret, public)
}

/// Writes a new signing key for the office and trusts its public half, inside a change.
pub(crate) fn create_office_key(
    change: &mut Change<'_>,
    office_id: Uuid,
    office_code: &str,
    office_name: &str,
) -> Result<String> {
    let (secret, public) = new_key();
    let at = change.at();
    let mut key = SigningKeyRec {
        id: Uuid::now_v7(),
        office_id,
        public_key: public.clone(),
        secret_key: hex::encode(secret),
        created_at: at.to_rfc3339_opts(SecondsFormat::Millis, true),
        version: 0,
    };
    change.insert(&mut key)?;
    let mut known = KnownKeyRec {
        id: Uuid::now_v7(),
        office_code: office_code.to_string(),
        office_name: Some(office_name.to_string()),
        public_key: public.clone(),
        added_on: at.date_naive(),
        version: 0,
    };
    change.insert(&mut known)?;
    Ok(public)
}

fn signing_key(conn: &Connection, office_id: Uuid) -> Result<Option<SigningKeyRec>> {
    Ok(conn
        .prepare_cached(
            "SELECT * FROM office_signing_keys WHERE office_id = ?1
             ORDER BY created_at DESC, rowid DESC LIMIT 1",
        )?
        .query_row([office_id.to_string()], from_row)
        .optional()?)
}

fn secret_of(key: &SigningKeyRec) -> Result<[u8; 32]> {
    hex::decode(&key.secret_key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
        .ok_or_else(|| StoreError::Corrupt("office signing key".into()))
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn issuer_name(actor: &Actor) -> String {
    actor.full_name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| actor.login.clone())
}

pub(crate) fn office_header(conn: &Connection) -> Result<(Uuid, OfficeHeader)> {
    let (id, _) = current_office(conn)?;
    let office: crate::office::OfficeRec =
        conn.query_row("SELECT * FROM offices WHERE id = ?1", [id.to_string()], from_row)?;
    Ok((id, OfficeHeader { code: office.code, name: office.name, region: office.region }))
}

fn original_by_number(conn: &Connection, number: &str) -> Result<Option<IssuedDocRec>> {
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

fn normalize_number(number: &str) -> String {
    number.trim().to_uppercase()
}

fn opt_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

impl Store {
    /// Makes the office's signing key if the database has none (databases created before
    /// documents existed); returns the public key either way. Idempotent.
    pub fn ensure_office_key(&mut self, at: DateTime<Utc>) -> Result<String> {
        let (office_id, office) = office_header(self.conn())?;
        if let Some(key) = signing_key(self.conn(), office_id)? {
            return Ok(key.public_key);
        }
        let system = Actor::system();
        self.write(&system, at, "office.key", |change| {
            create_office_key(change, office_id, &office.code, &office.name)
        })
    }

    /// The office's public key, as the centre hands it to other offices.
    pub fn office_public_key(&self) -> Result<Option<String>> {
        let (office_id, _) = current_office(self.conn())?;
        Ok(signing_key(self.conn(), office_id)?.map(|k| k.public_key))
    }

    /// Trusts another office's public key, so its papers verify here (administrators).
    pub fn trust_office_key(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        code: &str,
        name: Option<&str>,
        key: &str,
    ) -> Result<KnownKeyRec> {
        actor.require(Action::ManageReference)?;
        let mut errors = vec![];
        let code = match otau_core::regno::OfficeCode::parse(code) {
            Ok(c) => c.to_string(),
            Err(e) => {
                errors.push(otau_core::FieldError::new("office", &e));
                String::new()
            }
        };
        if decode_public_key(key).is_none() {
            errors.push(otau_core::FieldError::bare("key", "doc-bad-key"));
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let key = key.trim().to_string();
        self.write(actor, at, "office.trust", |change| {
            let existing: Option<KnownKeyRec> = change
                .tx()
                .query_row(
                    "SELECT * FROM known_office_keys WHERE office_code = ?1 AND public_key = ?2",
                    [&code, &key],
                    from_row,
                )
                .optional()?;
            if let Some(existing) = existing {
                return Ok(existing);
            }
            let mut rec = KnownKeyRec {
                id: Uuid::now_v7(),
                office_code: code.clone(),
                office_name: name.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string),
                public_key: key.clone(),
                added_on: at.date_naive(),
                version: 0,
            };
            change.insert(&mut rec)?;
            Ok(rec)
        })
    }

    /// What a family's registration certificate says (any member's number, or the family's).
    pub fn certificate_data(&self, regno: &str) -> Result<(Uuid, CertificateData)> {
        let view = self.family(regno)?;
        let (_, office) = office_header(self.conn())?;
        let f = &view.family;
        let members = view
            .members
            .iter()
            .map(|m| {
                let p = &m.person;
                CertificateMember {
                    regno: p.regno.clone(),
                    relation: p.relation,
                    name: p.full_name(),
                    name_latin: p.full_name_latin(),
                    birth_date: p.birth_date,
                    sex: p.sex,
                    iin: p.iin.clone(),
                    document: m.documents.first().map(|d| d.number.clone()),
                }
            })
            .collect();
        Ok((
            f.id,
            CertificateData {
                office,
                family_regno: f.regno.clone(),
                registered_on: f.registered_on,
                arrival_date: f.arrival_date,
                country_of_origin: f.country_of_origin.clone(),
                region: f.region.clone(),
                settlement: f.settlement.clone(),
                address: f.address.clone(),
                accommodation_category: f.accommodation_category,
                members,
            },
        ))
    }

    /// What a family's payment statement says as of a date.
    pub fn statement_data(
        &self,
        regno: &str,
        as_of: NaiveDate,
        case: &dyn CaseWork,
    ) -> Result<(Uuid, StatementData)> {
        let view = self.family(regno)?;
        let (_, office) = office_header(self.conn())?;
        let head = view.members.first().map(|m| m.person.full_name()).unwrap_or_default();
        let lines = case.ledger(self, view.family.id, as_of)?;
        Ok((
            view.family.id,
            StatementData {
                office,
                family_regno: view.family.regno.clone(),
                head_name: head,
                family_size: u32::try_from(view.members.len()).unwrap_or(u32::MAX),
                as_of,
                lines,
            },
        ))
    }

    /// Issues a document: takes the next number of the office and year, hashes and signs the
    /// content, registers it, and hands the sealed document to `produce` (which renders and
    /// saves it) — all in one transaction, so a document that could not be produced is not
    /// registered.
    pub fn issue_document<T>(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        today: NaiveDate,
        subject_id: Option<Uuid>,
        content: DocumentContent,
        produce: impl FnOnce(&IssuedDocument) -> std::result::Result<T, DocumentError>,
    ) -> Result<(IssuedDocument, T)> {
        actor.require(Action::IssueDocument)?;
        self.ensure_office_key(at)?;
        let issued_by = issuer_name(actor);
        self.write(actor, at, "document.issue", |change| {
            let (office_id, office) = office_header(change.tx())?;
            let key = signing_key(change.tx(), office_id)?
                .ok_or_else(|| StoreError::Corrupt("no office signing key".into()))?;
            let secret = secret_of(&key)?;
            let year = today.year();
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
            let hash = content_hash(&number, today, &issued_by, &content);
            let seal = Seal::sign(&office.code, content.kind(), &number, today, &hash, &secret);
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
                issued_on: today,
                issued_at: rfc3339(at),
                issued_by: issued_by.clone(),
                issued_login: actor.login.clone(),
                copy_of: None,
                content_hash: hash,
                content_json,
                qr_payload: seal.payload(),
                version: 0,
            };
            change.insert(&mut rec)?;
            let doc = IssuedDocument {
                number,
                issued_on: today,
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
        actor: &Actor,
        at: DateTime<Utc>,
        number: &str,
        produce: impl FnOnce(&IssuedDocument) -> std::result::Result<T, DocumentError>,
    ) -> Result<(IssuedDocument, T)> {
        actor.require(Action::IssueDocument)?;
        let number = normalize_number(number);
        self.write(actor, at, "document.reprint", |change| {
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
                issued_at: rfc3339(at),
                issued_login: actor.login.clone(),
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
    pub fn void_document(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        today: NaiveDate,
        number: &str,
        reason: &str,
    ) -> Result<VoidRec> {
        actor.require(Action::VoidDocument)?;
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            return Err(StoreError::Invalid(vec![otau_core::FieldError::bare(
                "reason",
                "store-required",
            )]));
        }
        let number = normalize_number(number);
        self.write(actor, at, "document.void", |change| {
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
                voided_on: today,
                voided_at: rfc3339(at),
                voided_by: actor.login.clone(),
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

    /// The months closed at this office, oldest first.
    pub fn closed_months(&self) -> Result<Vec<ClosedMonthRec>> {
        let (_, office) = office_header(self.conn())?;
        Ok(self
            .conn()
            .prepare("SELECT * FROM closed_months WHERE office_code = ?1 ORDER BY month")?
            .query_map([&office.code], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The monthly summary: for a closed month exactly the numbers frozen when it closed; for an
    /// open month, computed now, late entries of the closed months before it included.
    pub fn monthly_summary(&self, month: Month, case: &dyn CaseWork) -> Result<MonthlySummaryData> {
        let (office_id, office) = office_header(self.conn())?;
        let frozen: Option<String> = self
            .conn()
            .query_row(
                "SELECT summary_json FROM closed_months WHERE office_code = ?1 AND month = ?2",
                params![office.code, month.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(json) = frozen {
            return serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("closed month {month}: {e}")));
        }
        let mut data = registry_summary(self.conn(), office_id, &office, month)?;
        data.statuses = case.statuses(self, &office.code, month)?;
        data.quota = case.quota(self, &office.code, month)?;
        data.subsidies = case.subsidies(self, &office.code, month)?;
        Ok(data)
    }

    /// Closes a month (managers) once it is over: its summary is frozen as it stands and never
    /// changes again; entries recorded later for it count in the next open month.
    pub fn close_month(
        &mut self,
        actor: &Actor,
        at: DateTime<Utc>,
        today: NaiveDate,
        month: Month,
        case: &dyn CaseWork,
    ) -> Result<MonthlySummaryData> {
        actor.require(Action::CloseMonth)?;
        if today <= month.last_day() {
            return Err(DocumentError::MonthNotOver { month: month.to_string() }.into());
        }
        let (_, office) = office_header(self.conn())?;
        let already: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM closed_months WHERE office_code = ?1 AND month = ?2)",
            params![office.code, month.to_string()],
            |r| r.get(0),
        )?;
        if already {
            return Err(DocumentError::MonthClosed { month: month.to_string() }.into());
        }
        let mut data = self.monthly_summary(month, case)?;
        data.closed =
            Some(otau_print::data::ClosedMark { closed_on: today, closed_by: issuer_name(actor) });
        let json = serde_json::to_string(&data)
            .map_err(|e| StoreError::Corrupt(format!("summary: {e}")))?;
        self.write(actor, at, "month.close", |change| {
            // The watermark is read inside the write: nothing can be registered in between.
            let watermark: i64 =
                change
                    .tx()
                    .query_row("SELECT COALESCE(MAX(rowid), 0) FROM families", [], |r| r.get(0))?;
            let mut rec = ClosedMonthRec {
                id: Uuid::now_v7(),
                office_code: office.code.clone(),
                month: month.to_string(),
                closed_on: today,
                closed_at: rfc3339(at),
                closed_by: actor.login.clone(),
                families_watermark: watermark,
                summary_json: json.clone(),
                version: 0,
            };
            change.insert(&mut rec)?;
            Ok(())
        })?;
        Ok(data)
    }
}

/// Which families a month counts by a date column: those dated in the month, and those dated
/// in the closed months right before it that were recorded after those months closed.
struct MonthFilter {
    /// (first day, last day, rowid above which a family counts), the month itself first with
    /// watermark -1.
    ranges: Vec<(Month, i64)>,
}

impl MonthFilter {
    fn new(conn: &Connection, office_code: &str, month: Month) -> Result<MonthFilter> {
        let closed: HashMap<String, i64> = conn
            .prepare_cached(
                "SELECT month, families_watermark FROM closed_months WHERE office_code = ?1",
            )?
            .query_map([office_code], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut ranges = vec![(month, -1)];
        let mut m = month.prev();
        while let Some(wm) = closed.get(&m.to_string()) {
            ranges.push((m, *wm));
            m = m.prev();
        }
        Ok(MonthFilter { ranges })
    }

    /// The SQL condition on `f.<column>` and `f.rowid`, with its parameters.
    fn condition(&self, column: &str, only: Option<usize>) -> (String, Vec<String>) {
        let mut parts = vec![];
        let mut values = vec![];
        for (i, (m, wm)) in self.ranges.iter().enumerate() {
            if only.is_some_and(|o| o != i) {
                continue;
            }
            let n = values.len();
            parts.push(format!(
                "(f.{column} BETWEEN ?{} AND ?{} AND f.rowid > ?{})",
                n + 2,
                n + 3,
                n + 4
            ));
            values.push(m.first_day().to_string());
            values.push(m.last_day().to_string());
            values.push(wm.to_string());
        }
        (format!("({})", parts.join(" OR ")), values)
    }
}

/// Families and persons counted by a date column under a filter.
fn counts(conn: &Connection, office_id: Uuid, cond: &(String, Vec<String>)) -> Result<Counts> {
    let sql = format!(
        "SELECT COUNT(DISTINCT f.id), COUNT(p.id) FROM families f
         JOIN persons p ON p.family_id = f.id
         WHERE f.office_id = ?1 AND {}",
        cond.0
    );
    let mut values: Vec<String> = vec![office_id.to_string()];
    values.extend(cond.1.iter().cloned());
    Ok(conn.query_row(&sql, rusqlite::params_from_iter(values), |r| {
        Ok(Counts { families: r.get(0)?, persons: r.get(1)? })
    })?)
}

/// The registry's part of a month's summary.
fn registry_summary(
    conn: &Connection,
    office_id: Uuid,
    office: &OfficeHeader,
    month: Month,
) -> Result<MonthlySummaryData> {
    let filter = MonthFilter::new(conn, &office.code, month)?;
    let arrivals = counts(conn, office_id, &filter.condition("arrival_date", None))?;
    let cond = filter.condition("registered_on", None);
    let sql = format!(
        "SELECT f.id, f.registered_on, f.country_of_origin, p.birth_date, p.sex, p.education
         FROM families f JOIN persons p ON p.family_id = f.id
         WHERE f.office_id = ?1 AND {}",
        cond.0
    );
    let mut values: Vec<String> = vec![office_id.to_string()];
    values.extend(cond.1.iter().cloned());
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    let limits = AgeLimits::default();
    let mut families: HashSet<String> = HashSet::new();
    let mut persons = 0i64;
    let mut by_country: HashMap<String, (HashSet<String>, i64)> = HashMap::new();
    let mut by_age = AgeCounts::default();
    let mut by_education = EducationCounts::default();
    while let Some(r) = rows.next()? {
        let family: String = r.get(0)?;
        let registered_on = opt_date(r.get(1)?).unwrap_or(month.first_day());
        let country: String = r.get(2)?;
        let birth = opt_date(r.get(3)?).unwrap_or(registered_on);
        let sex = match r.get::<_, String>(4)?.as_str() {
            "female" => otau_core::model::Sex::Female,
            _ => otau_core::model::Sex::Male,
        };
        let education: Option<String> = r.get(5)?;
        persons += 1;
        let entry = by_country.entry(country).or_default();
        entry.0.insert(family.clone());
        entry.1 += 1;
        families.insert(family);
        match age_group(birth, sex, registered_on, &limits) {
            AgeGroup::BelowWorkingAge => by_age.below_working_age += 1,
            AgeGroup::WorkingAge => by_age.working_age += 1,
            AgeGroup::PensionAge => by_age.pension_age += 1,
        }
        match education.as_deref() {
            Some("higher") => by_education.higher += 1,
            Some("secondary_vocational") => by_education.secondary_vocational += 1,
            Some("general_secondary") => by_education.general_secondary += 1,
            Some("none") => by_education.none += 1,
            _ => by_education.not_recorded += 1,
        }
    }
    let mut by_country: Vec<CountryCount> = by_country
        .into_iter()
        .map(|(country, (fams, persons))| CountryCount {
            country,
            counts: Counts { families: fams.len() as i64, persons },
        })
        .collect();
    by_country.sort_by(|a, b| {
        b.counts.persons.cmp(&a.counts.persons).then_with(|| a.country.cmp(&b.country))
    });
    let mut late = vec![];
    for (i, (m, _)) in filter.ranges.iter().enumerate().skip(1) {
        let arrived = counts(conn, office_id, &filter.condition("arrival_date", Some(i)))?;
        let registered = counts(conn, office_id, &filter.condition("registered_on", Some(i)))?;
        if arrived.families > 0 || registered.families > 0 {
            late.push(LateCount { month: *m, arrivals: arrived, registered });
        }
    }
    late.sort_by_key(|l| l.month);
    Ok(MonthlySummaryData {
        office: office.clone(),
        month,
        arrivals,
        registered: Counts { families: families.len() as i64, persons },
        by_country,
        by_age,
        by_education,
        late,
        statuses: None,
        quota: None,
        subsidies: None,
        closed: None,
    })
}
