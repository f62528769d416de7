//! Everything held about one person, gathered for one file (Law 94-V: a person may learn what
//! is held about them): the person and family records, documents held, consents and their
//! withdrawals, statuses, plan items and services, documents issued about them, subsidy
//! decisions, instalments and ledger entries (amounts as exact integers and written out), scans
//! of their documents with the files themselves, and every audit event naming the person or
//! their family — and nothing about another person.
//!
//! # Design
//! Each section is one query over the person's or the family's id, read column by column into
//! JSON, so a column added later is exported without a change here. What names other persons
//! is left out: their person rows and events, services given to them, and the content of
//! documents issued about the family (a certificate lists every member; the register's number,
//! kind and dates are kept).

use crate::audit::AuditEntry;
use crate::context::Context;
use crate::error::Result;
use crate::registry::{FamilyRec, PersonView};
use crate::users::Action;
use crate::Store;
use otau_core::consent::ConsentStanding;
use otau_core::money::Tiyn;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The format of the file, written first in it.
pub const EXPORT_FORMAT: &str = "otau-person-export/1";

/// The columns of an issued document kept in an export: its content, which may name other
/// members of the family, is not.
const ISSUED_DOCUMENT_COLUMNS: &[&str] = &[
    "id",
    "number",
    "kind",
    "subject_label",
    "issued_on",
    "issued_at",
    "issued_by",
    "issued_login",
    "copy_of",
    "office_code",
];

/// Everything held about one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonExport {
    /// [`EXPORT_FORMAT`].
    pub format: String,
    /// When it was exported (UTC, RFC 3339).
    pub exported_at: String,
    /// The date of the export.
    pub exported_on: chrono::NaiveDate,
    /// Who exported it (login).
    pub exported_by: String,
    /// The office holding the data.
    pub office: Map<String, Value>,
    /// The person, their identity documents, consents and withdrawals.
    pub person: PersonView,
    /// Where their consent stands on the day of the export.
    pub consent: ConsentStanding,
    /// Their family's record.
    pub family: FamilyRec,
    /// Kandas status applications and decisions of the person.
    pub kandas_statuses: Vec<Map<String, Value>>,
    /// The family's inclusion in the regional quota.
    pub quota_inclusions: Vec<Map<String, Value>>,
    /// The family's adaptation plan.
    pub plan_items: Vec<Map<String, Value>>,
    /// Services given to the person or to the family as a whole.
    pub services: Vec<Map<String, Value>>,
    /// Stays at the centre.
    pub stays: Vec<Map<String, Value>>,
    /// Documents issued about the family, with their numbers and dates, and voids.
    pub documents_issued: Vec<Map<String, Value>>,
    /// Voids of those documents.
    pub document_voids: Vec<Map<String, Value>>,
    /// Subsidy decisions for the family.
    pub subsidy_decisions: Vec<Map<String, Value>>,
    /// Their instalments.
    pub subsidy_instalments: Vec<Map<String, Value>>,
    /// The ledger: accruals, approvals, payments and reversals (`amount_tiyn` exact, and
    /// `amount_tiyn_text` written out).
    pub ledger_entries: Vec<Map<String, Value>>,
    /// A move away and reimbursement cases.
    pub family_departures: Vec<Map<String, Value>>,
    /// Reimbursement cases.
    pub reimbursement_cases: Vec<Map<String, Value>>,
    /// Scans and photos of their documents, those taken off the card too, each with its
    /// file as base64 (`content`) and the SHA-256 of its bytes.
    #[serde(default)]
    pub document_scans: Vec<Map<String, Value>>,
    /// Every event of the history naming the person or their family, oldest first.
    pub audit: Vec<AuditEntry>,
}

impl Store {
    /// Everything held about the person `regno`, as of `ctx` (managers and administrators).
    pub fn person_export(&self, ctx: &Context, regno: &str) -> Result<PersonExport> {
        ctx.actor.require(Action::ExportPersonalData)?;
        let person = self.person(regno)?;
        // Who took everything about the person, and when, is in the access log before the
        // data leave the store.
        self.log_access(ctx, person.person.id, crate::access::AccessKind::Export, None)?;
        let family = self.family(regno)?.family;
        let conn = self.conn();
        let pid = person.person.id.to_string();
        let fid = family.id.to_string();
        let by_person = |table: &str| {
            rows(
                conn,
                &format!("SELECT * FROM {table} WHERE person_id = ?1 ORDER BY rowid"),
                &[&pid],
            )
        };
        let by_family = |table: &str| {
            rows(
                conn,
                &format!("SELECT * FROM {table} WHERE family_id = ?1 ORDER BY rowid"),
                &[&fid],
            )
        };
        let documents_issued: Vec<Map<String, Value>> = rows(
            conn,
            "SELECT * FROM issued_documents WHERE subject_id = ?1 ORDER BY rowid",
            &[&fid],
        )?
        .into_iter()
        .map(|mut m| {
            m.retain(|k, _| ISSUED_DOCUMENT_COLUMNS.contains(&k.as_str()));
            m
        })
        .collect();
        let office =
            rows(conn, "SELECT * FROM offices WHERE id = ?1", &[&family.office_id.to_string()])?
                .into_iter()
                .next()
                .unwrap_or_default();
        let audit = self
            .audit_for(regno)?
            .into_iter()
            .filter(|e| !names_another_person(e, &pid))
            .map(|mut e| {
                if e.entity == "issued_document" {
                    for side in [e.before.as_mut(), Some(&mut e.after)].into_iter().flatten() {
                        if let Value::Object(m) = side {
                            m.retain(|k, _| ISSUED_DOCUMENT_COLUMNS.contains(&k.as_str()));
                        }
                    }
                }
                e
            })
            .collect();
        Ok(PersonExport {
            format: EXPORT_FORMAT.to_string(),
            exported_at: ctx.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            exported_on: ctx.today,
            exported_by: ctx.actor.login.clone(),
            office,
            consent: person.consent_standing(ctx.today),
            kandas_statuses: by_person("kandas_statuses")?,
            quota_inclusions: by_family("quota_inclusions")?,
            plan_items: by_family("plan_items")?,
            services: rows(
                conn,
                "SELECT * FROM services WHERE family_id = ?1 AND (person_id IS NULL OR person_id = ?2)
                 ORDER BY rowid",
                &[&fid, &pid],
            )?,
            stays: by_family("stays")?,
            document_voids: rows(
                conn,
                "SELECT v.* FROM document_voids v JOIN issued_documents d ON d.id = v.document_id
                 WHERE d.subject_id = ?1 ORDER BY v.rowid",
                &[&fid],
            )?,
            documents_issued,
            subsidy_decisions: by_family("subsidy_decisions")?,
            subsidy_instalments: by_family("subsidy_instalments")?,
            ledger_entries: by_family("ledger_entries")?,
            family_departures: by_family("family_departures")?,
            reimbursement_cases: by_family("reimbursement_cases")?,
            document_scans: by_person("document_scans")?,
            audit,
            person,
            family,
        })
    }
}

/// Whether a history entry is about another member of the family (a service given to them, a
/// record naming them): those stay out of this person's file.
fn names_another_person(e: &AuditEntry, person_id: &str) -> bool {
    let other =
        |v: &Value| v.get("person_id").and_then(Value::as_str).is_some_and(|p| p != person_id);
    other(&e.after) || e.before.as_ref().is_some_and(other)
}

/// The rows of a query as JSON objects, column by column; an integer amount of tiyn
/// (`…_tiyn`) also written out beside it (`…_tiyn_text`).
fn rows(conn: &Connection, sql: &str, params: &[&String]) -> Result<Vec<Map<String, Value>>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
    let mut query = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    let mut out = vec![];
    while let Some(row) = query.next()? {
        let mut m = Map::new();
        for (i, name) in names.iter().enumerate() {
            let value = match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => {
                    if name.ends_with("_tiyn") {
                        m.insert(format!("{name}_text"), Value::String(Tiyn(n).format_tenge()));
                    }
                    Value::from(n)
                }
                // No column of these tables holds a float; one would be kept as text.
                ValueRef::Real(x) => Value::String(x.to_string()),
                ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::String(hex(b)),
            };
            m.insert(name.clone(), value);
        }
        out.push(m);
    }
    Ok(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
