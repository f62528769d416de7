//! Likely duplicates, shown before saving: the same IIN, the same document, or the same name
//! (any spelling) with the same birth date — the last read from the search index, which holds
//! every spelling's words and the birth date.

use crate::error::{DuplicateHit, DuplicateReason, Result};
use crate::Store;
use chrono::NaiveDate;
use otau_core::model::FamilyInput;
use otau_core::names::fold_loose;
use otau_core::validate::normalize_document_number;
use rusqlite::Connection;

impl Store {
    /// The likely duplicates of a family's members among people already registered.
    pub fn find_duplicates(&self, input: &FamilyInput) -> Result<Vec<DuplicateHit>> {
        find_in(self.conn(), input)
    }
}

pub(crate) fn find_in(conn: &Connection, input: &FamilyInput) -> Result<Vec<DuplicateHit>> {
    let mut hits: Vec<DuplicateHit> = vec![];
    let mut push = |hit: DuplicateHit| {
        // One hit per (member, person), the strongest reason (the enum's order) kept.
        if let Some(h) = hits
            .iter_mut()
            .find(|h| h.member_index == hit.member_index && h.existing_regno == hit.existing_regno)
        {
            if (hit.reason as u8) < (h.reason as u8) {
                h.reason = hit.reason;
            }
        } else {
            hits.push(hit);
        }
    };
    let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(String, String, NaiveDate)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    };
    let name_sql = "p.regno, p.surname || ' ' || p.given_name || COALESCE(' ' || p.patronymic, ''), p.birth_date";
    for (i, m) in input.members.iter().enumerate() {
        let mut found: Vec<((String, String, NaiveDate), DuplicateReason)> = vec![];
        if let Some(iin) = m.iin.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let mut stmt =
                conn.prepare_cached(&format!("SELECT {name_sql} FROM persons p WHERE p.iin = ?1"))?;
            for r in stmt.query_map([iin], row)? {
                found.push((r?, DuplicateReason::SameIin));
            }
        }
        if let Some(doc) = &m.document {
            let norm = normalize_document_number(&doc.number);
            if !norm.is_empty() {
                let mut stmt = conn.prepare_cached(&format!(
                    "SELECT {name_sql} FROM documents d JOIN persons p ON p.id = d.person_id
                     WHERE d.number_norm = ?1"
                ))?;
                for r in stmt.query_map([norm], row)? {
                    found.push((r?, DuplicateReason::SameDocument));
                }
            }
        }
        let mut keys = vec![fold_loose(&format!("{} {}", m.surname, m.given_name))];
        if let (Some(s), Some(g)) = (&m.surname_latin, &m.given_name_latin) {
            keys.push(fold_loose(&format!("{s} {g}")));
        }
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {name_sql} FROM persons p WHERE p.rowid = ?1"))?;
        for rowid in crate::search::same_name_and_birth(conn, &keys, m.birth_date)? {
            found.push((stmt.query_row([rowid], row)?, DuplicateReason::SameNameAndBirthDate));
        }
        for ((regno, name, birth), reason) in found {
            push(DuplicateHit {
                member_index: i,
                existing_regno: regno,
                existing_name: name,
                existing_birth_date: birth,
                reason,
            });
        }
    }
    Ok(hits)
}
