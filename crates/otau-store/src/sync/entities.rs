//! What the store knows about each kind of record that travels: its table, the columns an event
//! may set, which records are reference data, and whom a change concerns for search.
//!
//! # Design
//! An event from another device names an entity and columns; both are checked here against the
//! tables that exist before any SQL is built from them, so nothing from the network ever reaches
//! an SQL text unchecked.

use crate::error::{Result, StoreError};
use rusqlite::Connection;
use std::collections::BTreeSet;

/// A kind of record that travels between devices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entity {
    /// The name in events.
    pub name: &'static str,
    /// The table.
    pub table: &'static str,
    /// For reference data: the columns of its natural key (a row with the same key is the same
    /// row, whichever device or the centre made it).
    pub natural_key: &'static [&'static str],
    /// The column naming the person whose search entry follows this record.
    pub search_person: Option<&'static str>,
}

const fn e(name: &'static str, table: &'static str) -> Entity {
    Entity { name, table, natural_key: &[], search_person: None }
}

/// Every entity that travels, by event name.
pub(crate) const ENTITIES: &[Entity] = &[
    e("office", "offices"),
    e("user", "users"),
    e("family", "families"),
    Entity { search_person: Some("id"), ..e("person", "persons") },
    Entity { search_person: Some("person_id"), ..e("document", "documents") },
    e("document_scan", "document_scans"),
    e("consent", "consents"),
    e("consent_withdrawal", "consent_withdrawals"),
    Entity { natural_key: &["effective_from", "purpose"], ..e("mci_row", "mci_rows") },
    e("kandas_status", "kandas_statuses"),
    Entity { natural_key: &["key"], ..e("casework_setting", "casework_settings") },
    Entity { natural_key: &["region", "year", "effective_from"], ..e("quota_row", "quota_rows") },
    e("quota_inclusion", "quota_inclusions"),
    e("plan_item", "plan_items"),
    e("service", "services"),
    e("stay", "stays"),
    Entity {
        natural_key: &["office_code", "public_key"],
        ..e("known_office_key", "known_office_keys")
    },
    e("issued_document", "issued_documents"),
    e("document_void", "document_voids"),
    e("closed_month", "closed_months"),
    Entity { natural_key: &["rule_id", "rule_version"], ..e("subsidy_rule", "subsidy_rules") },
    e("subsidy_decision", "subsidy_decisions"),
    e("subsidy_instalment", "subsidy_instalments"),
    e("ledger_entry", "ledger_entries"),
    e("family_departure", "family_departures"),
    e("reimbursement_case", "reimbursement_cases"),
    e("sync_conflict", "sync_conflicts"),
    e("cross_decision", "cross_office_decisions"),
    e("payment_decision", "payment_case_decisions"),
    e("review_case", "review_cases"),
];

/// The entity of an event, or a refusal naming it.
pub(crate) fn entity(name: &str) -> Result<&'static Entity> {
    ENTITIES
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| StoreError::Corrupt(format!("an event names an unknown entity {name:?}")))
}

/// The columns of a table, as SQLite has them.
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<BTreeSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1)")?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}
