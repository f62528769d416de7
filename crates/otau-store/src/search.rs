//! Search over the registry: any spelling of a name, an IIN or a document number.
//!
//! # Design
//! `person_search` (FTS5, prefix indexes) holds, per person, the loose folded keys of every
//! spelling of the names (`otau_core::names`) and the IIN and normalised document numbers. It is
//! a projection: [`reindex_person`] refreshes one person inside the write that changed them, and
//! [`Store::rebuild_search`] recomputes it all from the records. The FTS query narrows to
//! candidates; [`otau_core::names::rank_word`] (the ranks of `match_rank`, word by word) then
//! ranks closer spellings first.

use crate::error::Result;
use crate::record::from_row;
use crate::registry::PersonRec;
use crate::Store;
use otau_core::names::{close_words, fold_loose, plain_words, rank_word, search_terms, MatchKeys};
use otau_core::validate::normalize_document_number;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many FTS candidates are ranked at most.
const CANDIDATES: usize = 2000;

/// One person found.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    pub plain: String,
    pub close: String,
    pub name_keys: Vec<String>,
    pub birth_date: String,
}

/// Computes the projection entry of a person from the records.
pub(crate) fn entry_for(conn: &Connection, person_id: Uuid) -> Result<Option<SearchEntry>> {
    let row: Option<(i64, PersonRec)> = conn
        .prepare_cached("SELECT rowid AS _rowid, * FROM persons WHERE id = ?1")?
        .query_row([person_id.to_string()], |r| {
            Ok((r.get::<_, i64>(0)?, from_row::<PersonRec>(r)?))
        })
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
    // As written (surname first, so ties sort by surname), and the close keys.
    let plain: Vec<String> = spellings.iter().flat_map(|s| plain_words(s)).collect();
    let mut close: Vec<String> = spellings.iter().flat_map(|s| close_words(s)).collect();
    close.sort();
    close.dedup();

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
        plain: plain.join(" "),
        close: close.join(" "),
        name_keys,
        birth_date: p.birth_date.to_string(),
    }))
}

/// Refreshes the projection rows of one person (called inside the write that changed them).
pub(crate) fn reindex_person(conn: &Connection, person_id: Uuid) -> Result<()> {
    let Some(e) = entry_for(conn, person_id)? else { return Ok(()) };
    conn.prepare_cached("DELETE FROM person_search WHERE rowid = ?1")?.execute([e.rowid])?;
    conn.prepare_cached(
        "INSERT INTO person_search (rowid, names, ids, plain, close) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![e.rowid, e.names, e.ids, e.plain, e.close])?;
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

/// Drops the projection rows of persons that no longer exist (a registration the centre did not
/// take, taken back on the device that made it).
pub(crate) fn forget_missing(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM person_search WHERE rowid NOT IN (SELECT rowid FROM persons);
         DELETE FROM person_name_keys WHERE person_rowid NOT IN (SELECT rowid FROM persons);",
    )?;
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
    /// Its keys as a name (the loose key empty for a number).
    keys: MatchKeys,
    /// The loose key without spaces, as the index is searched by.
    name_key: String,
    id_key: String,
}

fn query_words(query: &str) -> Vec<QueryWord> {
    query
        .split_whitespace()
        .map(|w| {
            let digits_only = w.chars().all(|c| c.is_ascii_digit());
            let name_key = if digits_only { String::new() } else { fold_loose(w).replace(' ', "") };
            QueryWord {
                keys: MatchKeys {
                    plain: plain_words(w).join(""),
                    close: close_words(w).join(""),
                    loose: name_key.clone(),
                },
                name_key,
                id_key: id_key(w),
            }
        })
        .filter(|w| !w.name_key.is_empty() || !w.id_key.is_empty())
        .collect()
}

/// The FTS5 expression: every word must match a name key or an id by prefix; several words may
/// also be one document number typed with spaces (`FA 2233 446`).
fn fts_expression(words: &[QueryWord]) -> String {
    fts_expression_with(words, true)
}

/// The expression with every term a prefix (`nur*`) or a whole word only (`nur`).
fn fts_expression_with(words: &[QueryWord], prefix: bool) -> String {
    let star = if prefix { "*" } else { "" };
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let each = words
        .iter()
        .map(|w| {
            let mut alts = vec![];
            if !w.name_key.is_empty() {
                alts.push(format!("names : {}{star}", quote(&w.name_key)));
            }
            if !w.id_key.is_empty() {
                alts.push(format!("ids : {}{star}", quote(&w.id_key)));
            }
            format!("({})", alts.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let joined: String = words.iter().map(|w| w.id_key.as_str()).collect();
    if words.len() > 1 && !joined.is_empty() {
        format!("({each}) OR (ids : {}{star})", quote(&joined))
    } else {
        each
    }
}

/// A candidate row of the index, as ranked.
struct Candidate {
    rowid: i64,
    score: u32,
    plain: String,
}

/// How well one query word matches a candidate, lower is better: for an IIN or a document
/// number 0 exactly, 3 its beginning; for a name the ranks of `otau_core::names::rank_word`;
/// 5 when the index matched it by no rule here.
fn word_score(w: &QueryWord, names: &str, ids: &str, plain: &str, close: &str) -> u32 {
    let mut best = 5;
    if !w.id_key.is_empty() {
        for id in ids.split(' ') {
            if id == w.id_key {
                return 0;
            }
            if id.starts_with(&w.id_key) {
                best = best.min(3);
            }
        }
    }
    let (plain, close, names): (Vec<&str>, Vec<&str>, Vec<&str>) =
        (plain.split(' ').collect(), close.split(' ').collect(), names.split(' ').collect());
    match rank_word(&w.keys, &plain, &close, &names) {
        Some(rank) => best.min(rank),
        None => best,
    }
}

/// Runs one FTS expression and scores its candidates.
fn candidates(conn: &Connection, words: &[QueryWord], expr: &str) -> Result<Vec<Candidate>> {
    let joined: String = words.iter().map(|w| w.id_key.as_str()).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, names, ids, plain, close FROM person_search
         WHERE person_search MATCH ?1 LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![expr, CANDIDATES as i64], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (rowid, names, ids, plain, close) = row?;
        // A document number typed in pieces ("FA 2233 446") scores as one id.
        let score = if words.len() > 1 && ids.split(' ').any(|i| i.starts_with(&joined)) {
            if ids.split(' ').any(|i| i == joined) {
                0
            } else {
                3
            }
        } else {
            words.iter().map(|w| word_score(w, &names, &ids, &plain, &close)).sum()
        };
        out.push(Candidate { rowid, score, plain });
    }
    Ok(out)
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
    // Whole words first: they rank above any prefix match, so the prefix pass is only needed
    // when they are too few.
    let mut found = candidates(conn, &words, &fts_expression_with(&words, false))?;
    if found.len() < limit {
        let seen: std::collections::HashSet<i64> = found.iter().map(|c| c.rowid).collect();
        let more = candidates(conn, &words, &fts_expression_with(&words, true))?;
        found.extend(more.into_iter().filter(|c| !seen.contains(&c.rowid)));
    }
    found.sort_by(|a, b| (a.score, &a.plain, a.rowid).cmp(&(b.score, &b.plain, b.rowid)));
    found.truncate(limit);

    let mut stmt = conn.prepare_cached(
        "SELECT p.regno, f.regno, p.surname, p.given_name, p.patronymic, p.surname_latin,
                p.given_name_latin, p.patronymic_latin, p.birth_date, p.iin, p.relation
         FROM persons p JOIN families f ON f.id = p.family_id WHERE p.rowid = ?1",
    )?;
    let mut hits = Vec::with_capacity(found.len());
    for c in found {
        let hit = stmt.query_row([c.rowid], |r| {
            let join = |parts: [Option<String>; 3]| {
                let v: Vec<String> = parts.into_iter().flatten().collect();
                (!v.is_empty()).then(|| v.join(" "))
            };
            let relation: String = r.get(10)?;
            Ok(SearchHit {
                regno: r.get(0)?,
                family_regno: r.get(1)?,
                name: join([r.get(2)?, r.get(3)?, r.get(4)?]).unwrap_or_default(),
                name_latin: join([r.get(5)?, r.get(6)?, r.get(7)?]),
                birth_date: r.get(8)?,
                iin: r.get(9)?,
                relation: serde_json::from_value(serde_json::Value::String(relation)).map_err(
                    |e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            10,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    },
                )?,
                score: c.score,
            })
        })?;
        hits.push(hit);
    }
    Ok(hits)
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
