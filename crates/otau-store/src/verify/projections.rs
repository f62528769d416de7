//! The projections rebuilt apart and compared with what is stored: `ledger_lines` against its
//! entries (rebuilt into a temporary table from `ledger_line_truth`), `person_search` and
//! `name_words` against the entries the records give (`search::entry_for`).

use super::AuditFinding;
use crate::error::Result;
use otau_core::names::variant_word;
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The columns of `ledger_lines` besides `line_id`.
const LINE_COLUMNS: &[&str] = &[
    "state",
    "due_date",
    "decision_number",
    "seq",
    "instalment_id",
    "decision_id",
    "family_regno",
    "subsidy_kind",
    "instalments",
    "amount_tiyn",
    "amount_mci",
    "mci_tenge",
    "prepared_by",
];

/// Compares every projection with its rebuild.
pub(super) fn check(conn: &Connection, findings: &mut Vec<AuditFinding>) -> Result<()> {
    ledger_lines(conn, findings)?;
    search(conn, findings)?;
    Ok(())
}

fn ledger_lines(conn: &Connection, findings: &mut Vec<AuditFinding>) -> Result<()> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.rebuilt_ledger_lines;
         CREATE TEMP TABLE rebuilt_ledger_lines AS SELECT * FROM ledger_line_truth;",
    )?;
    let cols = LINE_COLUMNS.join(", ");
    let read = |sql: &str| -> Result<BTreeMap<String, Vec<Sql>>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            let mut values = vec![];
            for i in 0..LINE_COLUMNS.len() {
                values.push(r.get::<_, Sql>(i + 1)?);
            }
            Ok((r.get::<_, String>(0)?, values))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let rebuilt = read(&format!("SELECT line_id, {cols} FROM temp.rebuilt_ledger_lines"))?;
    let stored = read(&format!("SELECT line_id, {cols} FROM ledger_lines"))?;
    conn.execute_batch("DROP TABLE temp.rebuilt_ledger_lines;")?;
    for (id, want) in &rebuilt {
        let Some(have) = stored.get(id) else {
            findings
                .push(AuditFinding::new("audit-projection-missing").table("ledger_lines").id(id));
            continue;
        };
        for (i, column) in LINE_COLUMNS.iter().enumerate() {
            if want[i] != have[i] {
                findings.push(
                    AuditFinding::new("audit-projection-differs")
                        .table("ledger_lines")
                        .id(id)
                        .field(column)
                        .expected(show(&want[i]))
                        .found(show(&have[i])),
                );
            }
        }
    }
    for id in stored.keys().filter(|id| !rebuilt.contains_key(*id)) {
        findings.push(AuditFinding::new("audit-projection-extra").table("ledger_lines").id(id));
    }
    Ok(())
}

fn search(conn: &Connection, findings: &mut Vec<AuditFinding>) -> Result<()> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM persons ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut words: BTreeMap<String, i64> = BTreeMap::new();
    let mut rowids = std::collections::BTreeSet::new();
    for id in &ids {
        let Ok(uuid) = Uuid::parse_str(id) else { continue };
        let Some(want) = crate::search::entry_for(conn, uuid)? else { continue };
        rowids.insert(want.rowid);
        let mut unique: Vec<&str> = want.names.split(' ').filter(|w| !w.is_empty()).collect();
        unique.sort_unstable();
        unique.dedup();
        for w in unique {
            *words.entry(w.to_string()).or_default() += 1;
        }
        let have: Option<[String; 3]> = conn
            .prepare_cached("SELECT names, ids, born FROM person_search WHERE rowid = ?1")?
            .query_row([want.rowid], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))
            .optional()?;
        let Some(have) = have else {
            findings
                .push(AuditFinding::new("audit-projection-missing").table("person_search").id(id));
            continue;
        };
        let want_cols = [&want.names, &want.ids, &want.born];
        for (i, column) in ["names", "ids", "born"].iter().enumerate() {
            if *want_cols[i] != have[i] {
                findings.push(
                    AuditFinding::new("audit-projection-differs")
                        .table("person_search")
                        .id(id)
                        .field(column)
                        .expected(want_cols[i])
                        .found(&have[i]),
                );
            }
        }
    }
    let mut stmt = conn.prepare("SELECT rowid FROM person_search")?;
    for rowid in stmt.query_map([], |r| r.get::<_, i64>(0))? {
        let rowid = rowid?;
        if !rowids.contains(&rowid) {
            findings
                .push(AuditFinding::new("audit-projection-extra").table("person_search").id(rowid));
        }
    }
    let mut stored: BTreeMap<String, (String, i64)> = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT word, variant, persons FROM name_words")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))? {
        let (word, variant, persons) = row?;
        stored.insert(word, (variant, persons));
    }
    for (word, persons) in &words {
        match stored.get(word) {
            None => findings
                .push(AuditFinding::new("audit-projection-missing").table("name_words").id(word)),
            Some((variant, have)) => {
                if have != persons {
                    findings.push(
                        AuditFinding::new("audit-projection-differs")
                            .table("name_words")
                            .id(word)
                            .field("persons")
                            .expected(persons)
                            .found(have),
                    );
                }
                if *variant != variant_word(word) {
                    findings.push(
                        AuditFinding::new("audit-projection-differs")
                            .table("name_words")
                            .id(word)
                            .field("variant")
                            .expected(variant_word(word))
                            .found(variant),
                    );
                }
            }
        }
    }
    for word in stored.keys().filter(|w| !words.contains_key(*w)) {
        findings.push(AuditFinding::new("audit-projection-extra").table("name_words").id(word));
    }
    Ok(())
}

fn show(v: &Sql) -> String {
    match v {
        Sql::Null => "∅".to_string(),
        Sql::Integer(n) => n.to_string(),
        Sql::Text(t) => t.clone(),
        Sql::Real(_) => "real".to_string(),
        Sql::Blob(b) => hex::encode(b),
    }
}
