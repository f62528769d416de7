//! Search over the registry: any spelling of a name, an IIN or a document number.
//!
//! # Design
//! `person_search` (FTS5, prefix indexes) holds, per person, the loose folded keys of every
//! spelling of the names (`otau_core::names`) and the IIN and normalised document numbers. It is
//! a projection: [`reindex_person`] refreshes one person inside the write that changed them, and
//! [`Store::rebuild_search`] recomputes it all from the records. The FTS query narrows to
//! candidates; [`otau_core::names::match_rank`] then ranks closer spellings first.

use crate::error::Result;
use crate::record::from_row;
use crate::registry::PersonRec;
use crate::Store;
use otau_core::names::{fold_loose, match_rank, search_terms};
use otau_core::validate::normalize_document_number;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many FTS candidates are ranked at most.
const CANDIDATES: usize = 2000;

/// One person found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Registration number.
    pub regno: String,
    /// The family's registration number.
    pub family_regno: String,
    /// Name as written.
    pub name: String,
    /// Latin spelling as on the document.
    pub name_latin: Option<String>,
    /// Birth date.
    pub birth_date: chrono::NaiveDate,
    /// IIN.
    pub iin: Option<String>,
    /// Relation to the head.
    pub relation: otau_core::model::Relation,
    /// How close the match is: lower is closer (0 = exactly as written).
    pub score: u32,
}

impl Store {
    /// Finds persons by any spelling of their names, an IIN or a document number (or the
    /// beginnings of them), best first.
    pub fn find(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        find(self.conn(), query, limit)
    }

    /// Recomputes the search and duplicate projections from the records; returns persons indexed.
    pub fn rebuild_search(&mut self) -> Result<usize> {
        let tx = self.conn_mut().transaction()?;
        tx.execute("DELETE FROM person_search", [])?;
        tx.execute("DELETE FROM person_name_keys", [])?;
        let ids: Vec<String> = tx
            .prepare("SELECT id FROM persons")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in &ids {
            if let Ok(uuid) = Uuid::parse_str(id) {
                reindex_person(&tx, uuid)?;
            }
        }
        tx.commit()?;
        Ok(ids.len())
    }
}

/// The search projection's rows for one person, as they should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchEntry {
    pub rowid: i64,
    pub names: String,
    pub ids: String,
    pub name_keys: Vec<String>,
    pub birth_date: String,
}

/// Computes the projection entry of a person from the records.
pub(crate) fn entry_for(conn: &Connection, person_id: Uuid) -> Result<Option<SearchEntry>> {
    let row: Option<(i64, PersonRec)> = conn
        .query_row(
            "SELECT rowid AS _rowid, * FROM persons WHERE id = ?1",
            [person_id.to_string()],
            |r| Ok((r.get::<_, i64>(0)?, from_row::<PersonRec>(r)?)),
        )
        .optional()?;
    let Some((rowid, p)) = row else { return Ok(None) };
    let spellings: Vec<&str> = [
        Some(&p.surname),
        Some(&p.given_name),
        p.patronymic.as_ref(),
        p.surname_latin.as_ref(),
        p.given_name_latin.as_ref(),
        p.patronymic_latin.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    let mut terms: Vec<String> = spellings.iter().flat_map(|s| search_terms(s)).collect();
    terms.sort();
    terms.dedup();

    let mut ids: Vec<String> = p.iin.iter().cloned().collect();
    let mut stmt = conn.prepare_cached("SELECT number_norm FROM documents WHERE person_id = ?1")?;
    for n in stmt.query_map([person_id.to_string()], |r| r.get::<_, String>(0))? {
        ids.push(id_key(&n?));
    }

    let mut name_keys = vec![fold_loose(&format!("{} {}", p.surname, p.given_name))];
    if let (Some(s), Some(g)) = (&p.surname_latin, &p.given_name_latin) {
        name_keys.push(fold_loose(&format!("{s} {g}")));
    }
    name_keys.sort();
    name_keys.dedup();
    Ok(Some(SearchEntry {
        rowid,
        names: terms.join(" "),
        ids: ids.join(" "),
        name_keys,
        birth_date: p.birth_date.to_string(),
    }))
}

/// Refreshes the projection rows of one person (called inside the write that changed them).
pub(crate) fn reindex_person(conn: &Connection, person_id: Uuid) -> Result<()> {
    let Some(e) = entry_for(conn, person_id)? else { return Ok(()) };
    conn.prepare_cached("DELETE FROM person_search WHERE rowid = ?1")?.execute([e.rowid])?;
    conn.prepare_cached("INSERT INTO person_search (rowid, names, ids) VALUES (?1, ?2, ?3)")?
        .execute(params![e.rowid, e.names, e.ids])?;
    conn.prepare_cached("DELETE FROM person_name_keys WHERE person_rowid = ?1")?
        .execute([e.rowid])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO person_name_keys (person_rowid, name_key, birth_date) VALUES (?1, ?2, ?3)",
    )?;
    for key in &e.name_keys {
        insert.execute(params![e.rowid, key, e.birth_date])?;
    }
    Ok(())
}

/// An IIN or document number as the index holds it: letters and digits only, lowercase.
fn id_key(s: &str) -> String {
    normalize_document_number(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// A word of the query, in the forms it is looked up by.
struct QueryWord {
    original: String,
    name_key: String,
    id_key: String,
}

fn query_words(query: &str) -> Vec<QueryWord> {
    query
        .split_whitespace()
        .map(|w| {
            let digits_only = w.chars().all(|c| c.is_ascii_digit());
            QueryWord {
                original: w.to_string(),
                name_key: if digits_only { String::new() } else { fold_loose(w).replace(' ', "") },
                id_key: id_key(w),
            }
        })
        .filter(|w| !w.name_key.is_empty() || !w.id_key.is_empty())
        .collect()
}

/// The FTS5 expression: every word must match a name key or an id by prefix; several words may
/// also be one document number typed with spaces (`FA 2233 446`).
fn fts_expression(words: &[QueryWord]) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let each = words
        .iter()
        .map(|w| {
            let mut alts = vec![];
            if !w.name_key.is_empty() {
                alts.push(format!("names : {}*", quote(&w.name_key)));
            }
            if !w.id_key.is_empty() {
                alts.push(format!("ids : {}*", quote(&w.id_key)));
            }
            format!("({})", alts.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let joined: String = words.iter().map(|w| w.id_key.as_str()).collect();
    if words.len() > 1 && !joined.is_empty() {
        format!("({each}) OR (ids : {}*)", quote(&joined))
    } else {
        each
    }
}

/// How well one query word matches a person: the best over their spellings and ids.
fn word_score(w: &QueryWord, p: &PersonRec, ids: &[String]) -> u32 {
    let mut best = u32::MAX;
    for id in ids {
        if *id == w.id_key {
            best = 0;
        } else if !w.id_key.is_empty() && id.starts_with(&w.id_key) {
            best = best.min(3);
        }
    }
    if !w.name_key.is_empty() {
        for s in [
            Some(&p.surname),
            Some(&p.given_name),
            p.patronymic.as_ref(),
            p.surname_latin.as_ref(),
            p.given_name_latin.as_ref(),
            p.patronymic_latin.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            if let Some(rank) = match_rank(&w.original, s) {
                best = best.min(rank);
            }
        }
    }
    // Matched by the index but by no rule here (e.g. a fold collision): rank it last.
    if best == u32::MAX {
        5
    } else {
        best
    }
}

/// The FTS5 expression a query runs as (for benchmarks and diagnostics).
pub fn fts_query(query: &str) -> Option<String> {
    let words = query_words(query);
    (!words.is_empty()).then(|| fts_expression(&words))
}

pub(crate) fn find(conn: &Connection, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let words = query_words(query);
    if words.is_empty() || limit == 0 {
        return Ok(vec![]);
    }
    let expr = fts_expression(&words);
    let mut stmt = conn.prepare_cached(
        "SELECT p.*, f.regno AS family_regno, s.ids AS search_ids
         FROM person_search s
         JOIN persons p ON p.rowid = s.rowid
         JOIN families f ON f.id = p.family_id
         WHERE person_search MATCH ?1
         LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![expr, CANDIDATES as i64], |r| {
        let person: PersonRec = from_row_lenient(r)?;
        let family_regno: String = r.get("family_regno")?;
        let ids: String = r.get("search_ids")?;
        Ok((person, family_regno, ids))
    })?;
    let mut hits = vec![];
    for row in rows {
        let (p, family_regno, ids) = row?;
        let ids: Vec<String> = ids.split_whitespace().map(str::to_string).collect();
        let joined: String = words.iter().map(|w| w.id_key.as_str()).collect();
        let score: u32 = if words.len() > 1 && ids.iter().any(|i| i.starts_with(&joined)) {
            if ids.contains(&joined) {
                0
            } else {
                3
            }
        } else {
            words.iter().map(|w| word_score(w, &p, &ids)).sum()
        };
        hits.push(SearchHit {
            name: p.full_name(),
            name_latin: p.full_name_latin(),
            regno: p.regno,
            family_regno,
            birth_date: p.birth_date,
            iin: p.iin,
            relation: p.relation,
            score,
        });
    }
    hits.sort_by(|a, b| (a.score, &a.name, &a.regno).cmp(&(b.score, &b.name, &b.regno)));
    hits.truncate(limit);
    Ok(hits)
}

/// Reads a person from a row that has extra columns after the record's own.
fn from_row_lenient(r: &rusqlite::Row<'_>) -> rusqlite::Result<PersonRec> {
    // serde ignores unknown fields, so the extra columns do no harm.
    from_row(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_expression_quotes_and_prefixes_each_word() {
        let words = query_words("Nur \"ab 900315");
        assert_eq!(
            fts_expression(&words),
            "((names : \"nur\"* OR ids : \"nur\"*) AND (names : \"ab\"* OR ids : \"ab\"*) \
             AND (ids : \"900315\"*)) OR (ids : \"nurab900315\"*)"
        );
    }
}
