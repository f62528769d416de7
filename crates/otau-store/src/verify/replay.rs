//! The state tables replayed from the log: every record whose creation the log holds is, field
//! by field, what its last events say (the fields another device's event did not set here, kept
//! as conflicts, excepted), and every row of a table only events write has its creation there.

use super::AuditFinding;
use crate::error::Result;
use crate::events::{Envelope, LoggedEvent};
use crate::record::to_sql;
use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Every entity an event may name, with its table.
const TABLES: &[(&str, &str)] = &[
    ("office", "offices"),
    ("user", "users"),
    ("credential", "credentials"),
    ("family", "families"),
    ("person", "persons"),
    ("document", "documents"),
    ("document_scan", "document_scans"),
    ("consent", "consents"),
    ("mci_row", "mci_rows"),
    ("kandas_status", "kandas_statuses"),
    ("casework_setting", "casework_settings"),
    ("quota_row", "quota_rows"),
    ("quota_inclusion", "quota_inclusions"),
    ("plan_item", "plan_items"),
    ("service", "services"),
    ("stay", "stays"),
    ("office_key", "office_signing_keys"),
    ("known_office_key", "known_office_keys"),
    ("issued_document", "issued_documents"),
    ("document_void", "document_voids"),
    ("voided_elsewhere", "voided_elsewhere"),
    ("closed_month", "closed_months"),
    ("subsidy_rule", "subsidy_rules"),
    ("subsidy_decision", "subsidy_decisions"),
    ("subsidy_instalment", "subsidy_instalments"),
    ("ledger_entry", "ledger_entries"),
    ("family_departure", "family_departures"),
    ("reimbursement_case", "reimbursement_cases"),
    ("cross_case", "cross_office_cases"),
    ("cross_decision", "cross_office_decisions"),
    ("payment_case", "payment_cases"),
    ("payment_decision", "payment_case_decisions"),
    ("device_setting", "device_settings"),
];

/// The tables whose every row is made by an event of the log (the others are also filled from
/// the centre's verdicts and reference data directly).
const EVENT_ONLY: &[&str] = &[
    "families",
    "persons",
    "documents",
    "document_scans",
    "consents",
    "kandas_statuses",
    "quota_inclusions",
    "plan_items",
    "services",
    "stays",
    "issued_documents",
    "document_voids",
    "closed_months",
    "subsidy_decisions",
    "subsidy_instalments",
    "ledger_entries",
    "family_departures",
    "reimbursement_cases",
];

/// A record as its events say: each field with the event that set it last.
#[derive(Default)]
struct Expected {
    table: &'static str,
    fields: BTreeMap<String, (Value, i64)>,
}

/// Replays the log; returns how many records were compared.
pub(super) fn check(conn: &Connection, findings: &mut Vec<AuditFinding>) -> Result<i64> {
    let table_of: HashMap<&str, &'static str> = TABLES.iter().copied().collect();
    let set_aside = set_aside(conn)?;
    let mut records: HashMap<String, Expected> = HashMap::new();
    crate::envelope_dictionary::load(conn)?;
    let mut stmt = conn.prepare("SELECT seq, origin, body FROM events ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let event = LoggedEvent::from_row(row)?;
        let Ok(e) = event.envelope() else {
            findings.push(AuditFinding::new("audit-row-unreadable").table("events").seq(event.seq));
            continue;
        };
        let Some(table) = table_of.get(e.entity.as_str()).copied() else { continue };
        let aside = set_aside.get(&e.event_id.to_string());
        if aside.is_some_and(|a| a.whole) {
            continue;
        }
        apply(&mut records, table, &e, event.seq, aside.map(|a| &a.fields));
    }
    let mut compared = 0;
    let mut by_table: BTreeMap<&str, Vec<(&String, &Expected)>> = BTreeMap::new();
    for (id, rec) in &records {
        by_table.entry(rec.table).or_default().push((id, rec));
    }
    for (table, recs) in &by_table {
        let columns = crate::sync::entities::columns(conn, table)?;
        for (id, rec) in recs {
            compared += 1;
            compare(conn, table, id, rec, &columns, findings)?;
        }
    }
    for table in EVENT_ONLY {
        let mut stmt = conn.prepare(&format!("SELECT id FROM {table} ORDER BY rowid"))?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for id in ids {
            let id = id?;
            if records.get(&id).is_none_or(|r| r.table != *table) {
                findings.push(AuditFinding::new("audit-state-without-event").table(table).id(id));
            }
        }
    }
    Ok(compared)
}

/// What of an event did not take effect here: the fields of its field conflicts, or the whole
/// record (an insert the centre did not take, or this database refused).
#[derive(Default)]
struct Aside {
    whole: bool,
    fields: BTreeSet<String>,
}

fn set_aside(conn: &Connection) -> Result<HashMap<String, Aside>> {
    let mut out: HashMap<String, Aside> = HashMap::new();
    let mut stmt = conn.prepare("SELECT proposed_event, kind, field FROM sync_conflicts")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
    })?;
    for row in rows {
        let (event, kind, field) = row?;
        let aside = out.entry(event).or_default();
        match (kind.as_str(), field) {
            ("field", Some(f)) => {
                aside.fields.insert(f);
            }
            _ => aside.whole = true,
        }
    }
    Ok(out)
}

fn apply(
    records: &mut HashMap<String, Expected>,
    table: &'static str,
    e: &Envelope,
    seq: i64,
    aside: Option<&BTreeSet<String>>,
) {
    let skip = |f: &str| aside.is_some_and(|a| a.contains(f));
    let set = |rec: &mut Expected, after: &Map<String, Value>| {
        for (k, v) in after {
            if !skip(k) {
                rec.fields.insert(k.clone(), (v.clone(), seq));
            }
        }
    };
    if e.op == "insert" {
        let rec = records
            .entry(e.entity_id.clone())
            .or_insert_with(|| Expected { table, fields: BTreeMap::new() });
        set(rec, &e.after);
    } else if let Some(rec) = records.get_mut(&e.entity_id) {
        set(rec, &e.after);
    }
}

fn compare(
    conn: &Connection,
    table: &str,
    id: &str,
    rec: &Expected,
    columns: &BTreeSet<String>,
    findings: &mut Vec<AuditFinding>,
) -> Result<()> {
    let names: Vec<&String> = rec.fields.keys().filter(|k| columns.contains(*k)).collect();
    if names.is_empty() {
        return Ok(());
    }
    let list: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
    let sql = format!("SELECT {} FROM {table} WHERE id = ?1", list.join(", "));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    let last_seq = rec.fields.values().map(|(_, s)| *s).max().unwrap_or(0);
    let Some(row) = rows.next()? else {
        findings.push(AuditFinding::new("audit-state-missing").table(table).id(id).seq(last_seq));
        return Ok(());
    };
    for (i, name) in names.iter().enumerate() {
        let Some((value, seq)) = rec.fields.get(*name) else { continue };
        let Ok(expected) = to_sql(value) else { continue };
        let found: Sql = row.get(i)?;
        if !same(&expected, &found) {
            findings.push(
                AuditFinding::new("audit-state-differs")
                    .table(table)
                    .id(id)
                    .field(name)
                    .seq(*seq)
                    .expected(show(&expected))
                    .found(show(&found)),
            );
        }
    }
    Ok(())
}

fn same(a: &Sql, b: &Sql) -> bool {
    a == b
}

fn show(v: &Sql) -> String {
    match v {
        Sql::Null => "∅".to_string(),
        Sql::Integer(n) => n.to_string(),
        Sql::Real(_) => "real".to_string(),
        Sql::Text(t) => t.clone(),
        Sql::Blob(b) => hex::encode(b),
    }
}
