//! Search over the registry: any spelling of a name, a typo, a surname with an initial or a
//! birth year or date, an IIN or a document number.
//!
//! # Design
//! `person_search` (FTS5, prefix indexes) holds, per person, the loose folded keys of every
//! spelling of the names (`otau_core::names`), the IIN and normalised document numbers, and the
//! birth year and date, each word with its column but not its place in it (no phrase is ever
//! looked for). The names as written and their close keys, which ranking compares, are made from
//! the person's record, read beside each candidate. `name_words` is the vocabulary of those
//! loose keys with their variant keys. Both are projections: [`reindex_person`] refreshes one
//! person inside the write that changed them, and [`Store::rebuild_search`] recomputes them from
//! the records.
//!
//! A query runs in passes, each only when the one before found too few close matches: the
//! words as typed (whole loose keys), then their beginnings and the vocabulary's words one edit
//! away or of the same variant key (a typo, a Russian form). [`otau_core::names::rank_word`]
//! ranks each word of each candidate; a candidate's score is its weakest word's rank (ties: the
//! sum of the ranks, then the name as written), so a later pass never finds anything that
//! should have come before what an earlier pass found.

use crate::error::Result;
use crate::record::from_row;
use crate::registry::PersonRec;
use crate::Store;
use chrono::{Datelike, NaiveDate};
use otau_core::names::{
    close_words, fold_loose, needs_written_forms, one_edit_words, plain_words, rank, rank_word,
    search_terms, variant_word, MatchKeys,
};
use otau_core::validate::normalize_document_number;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use uuid::Uuid;

/// How many candidates of one pass are ranked at most (in the index's order): a name shared by
/// thousands is narrowed by typing more, not by ranking them all.
const CANDIDATES: usize = 400;

/// How many vocabulary words one query word may stand for (typos, Russian forms).
const NEIGHBOURS: usize = 40;

/// The score of a word the index matched by no rule of ranking.
const UNRANKED: u32 = rank::ONE_EDIT + 1;

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
    /// How close the match is, the rank of its weakest word (`otau_core::names::rank`): lower is
    /// closer (0 = exactly as written).
    pub score: u32,
}

impl Store {
    /// Finds persons by any spelling of their names (typos and Russian forms included, ranked
    /// after closer matches), a surname with an initial or a birth year or date, an IIN or a
    /// document number (or the beginnings of them), best first.
    pub fn find(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        find(self.conn(), query, limit, &mut vec![])
    }

    /// [`Store::find`], and the FTS5 expressions it ran, in order (for benchmarks: the bare
    /// index queries it is measured against).
    pub fn find_with_plan(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<(Vec<SearchHit>, Vec<String>)> {
        let mut plan = vec![];
        let hits = find(self.conn(), query, limit, &mut plan)?;
        Ok((hits, plan))
    }

    /// Recomputes the search projections from the records; returns persons indexed.
    pub fn rebuild_search(&mut self) -> Result<usize> {
        let tx = self.conn_mut().transaction()?;
        let n = rebuild_in(&tx)?;
        tx.commit()?;
        Ok(n)
    }
}

/// Recomputes the search projections inside an open transaction.
pub(crate) fn rebuild_in(conn: &Connection) -> Result<usize> {
    conn.execute("DELETE FROM person_search", [])?;
    conn.execute("DELETE FROM name_words", [])?;
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM persons")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        if let Ok(uuid) = Uuid::parse_str(id) {
            reindex_person(conn, uuid)?;
        }
    }
    Ok(ids.len())
}

/// Migration 0007 fills the new projections from the records.
pub(crate) fn rebuild_hook(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    rebuild_in(tx).map(|_| ()).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

/// Migration 0026 puts right the variant keys of the vocabulary that one pass of the rules left
/// unfinished (`otau_core::names::variant_word` now applies them until nothing changes).
pub(crate) fn variant_keys_hook(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    let fix = || -> Result<()> {
        let words: Vec<(String, String)> = tx
            .prepare("SELECT word, variant FROM name_words")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut set = tx.prepare("UPDATE name_words SET variant = ?2 WHERE word = ?1")?;
        for (word, variant) in words {
            let right = variant_word(&word);
            if right != variant {
                set.execute(params![word, right])?;
            }
        }
        Ok(())
    };
    fix().map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

/// The search projection's row for one person, as it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchEntry {
    pub rowid: i64,
    pub names: String,
    pub ids: String,
    pub born: String,
}

/// The spellings of a person's names that are searched.
fn spellings(p: &PersonRec) -> Vec<&str> {
    [
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
    .collect()
}

/// The words of a person's names as written and their close keys, which rank a candidate. Made
/// from the record when it is ranked, not kept in the index (0025).
fn written_and_close(spellings: &[&str]) -> (Vec<String>, Vec<String>) {
    let plain: Vec<String> = spellings.iter().flat_map(|s| plain_words(s)).collect();
    let mut close: Vec<String> = spellings.iter().flat_map(|s| close_words(s)).collect();
    close.sort_unstable();
    close.dedup();
    (plain, close)
}

/// The names as written, without case, surname first: the order of candidates that rank alike.
fn written_key(spellings: &[&str]) -> String {
    spellings.join(" ").to_lowercase()
}

/// A birth date as the index's `born` column holds it: the year and the whole date.
fn born_tokens(d: NaiveDate) -> String {
    format!("{} {}", d.year(), d.format("%Y%m%d"))
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
    let spellings = spellings(&p);
    let mut terms: Vec<String> = spellings.iter().flat_map(|s| search_terms(s)).collect();
    terms.sort();
    terms.dedup();

    let mut ids: Vec<String> = p.iin.iter().cloned().collect();
    let mut stmt = conn.prepare_cached("SELECT number_norm FROM documents WHERE person_id = ?1")?;
    for n in stmt.query_map([person_id.to_string()], |r| r.get::<_, String>(0))? {
        ids.push(id_key(&n?));
    }
    Ok(Some(SearchEntry {
        rowid,
        names: terms.join(" "),
        ids: ids.join(" "),
        born: born_tokens(p.birth_date),
    }))
}

/// Refreshes the projection rows of one person (called inside the write that changed them).
pub(crate) fn reindex_person(conn: &Connection, person_id: Uuid) -> Result<()> {
    let Some(e) = entry_for(conn, person_id)? else { return Ok(()) };
    let old: Option<String> = conn
        .prepare_cached("SELECT names FROM person_search WHERE rowid = ?1")?
        .query_row([e.rowid], |r| r.get(0))
        .optional()?;
    conn.prepare_cached("DELETE FROM person_search WHERE rowid = ?1")?.execute([e.rowid])?;
    conn.prepare_cached(
        "INSERT INTO person_search (rowid, names, ids, born) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![e.rowid, e.names, e.ids, e.born])?;
    let old: BTreeSet<&str> =
        old.as_deref().unwrap_or("").split(' ').filter(|w| !w.is_empty()).collect();
    let new: BTreeSet<&str> = e.names.split(' ').filter(|w| !w.is_empty()).collect();
    forget_words(conn, old.difference(&new).copied())?;
    let mut add = conn.prepare_cached(
        "INSERT INTO name_words (word, variant, persons) VALUES (?1, ?2, 1)
         ON CONFLICT (word) DO UPDATE SET persons = persons + 1",
    )?;
    for word in new.difference(&old) {
        add.execute(params![word, variant_word(word)])?;
    }
    Ok(())
}

/// Counts one person fewer for each word; a word nobody has leaves the vocabulary.
fn forget_words<'a>(conn: &Connection, words: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut less = conn.prepare_cached(
        "UPDATE name_words SET persons = persons - 1 WHERE word = ?1 AND persons > 1",
    )?;
    let mut gone =
        conn.prepare_cached("DELETE FROM name_words WHERE word = ?1 AND persons <= 1")?;
    for word in words {
        if less.execute([word])? == 0 {
            gone.execute([word])?;
        }
    }
    Ok(())
}

/// Drops the projection rows of persons that no longer exist (a registration the centre did not
/// take, taken back on the device that made it).
pub(crate) fn forget_missing(conn: &Connection) -> Result<()> {
    let gone: Vec<(i64, String)> = conn
        .prepare(
            "SELECT rowid, names FROM person_search WHERE rowid NOT IN (SELECT rowid FROM persons)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (rowid, names) in gone {
        let words: BTreeSet<&str> = names.split(' ').filter(|w| !w.is_empty()).collect();
        forget_words(conn, words.into_iter())?;
        conn.execute("DELETE FROM person_search WHERE rowid = ?1", [rowid])?;
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
#[derive(Debug, Clone)]
pub(crate) struct QueryWord {
    /// Its keys as a name: the loose key, without spaces, is what the index is searched by
    /// (empty for a number or a date).
    keys: MatchKeys,
    /// As an IIN or a document number (empty for a date).
    id_key: String,
    /// As a birth year or date, the `born` token (`1985`, `19850315`).
    born: Option<String>,
    /// Vocabulary words it may stand for: one edit away, or of the same variant key.
    neighbours: Vec<String>,
}

/// A date typed with separators (`15.03.1985`, `1985-03-15`), read as dates are read.
fn typed_date(w: &str) -> Option<NaiveDate> {
    if w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    otau_core::dates::read_date(w)
}

pub(crate) fn query_words(query: &str) -> Vec<QueryWord> {
    query
        .split_whitespace()
        .map(|w| {
            if let Some(date) = typed_date(w) {
                let born = Some(date.format("%Y%m%d").to_string());
                let keys =
                    MatchKeys { plain: String::new(), close: String::new(), loose: String::new() };
                return QueryWord { keys, id_key: String::new(), born, neighbours: vec![] };
            }
            let digits_only = w.chars().all(|c| c.is_ascii_digit());
            let born = (digits_only && w.len() == 4)
                .then(|| w.parse::<i32>().ok())
                .flatten()
                .filter(|y| (1900..=2100).contains(y))
                .map(|y| y.to_string());
            // A number's loose key is empty: the loose key keeps letters alone.
            let keys = MatchKeys::of_query_word(w);
            QueryWord { keys, id_key: id_key(w), born, neighbours: vec![] }
        })
        .filter(|w| !w.keys.loose.is_empty() || !w.id_key.is_empty() || w.born.is_some())
        .collect()
}

/// The vocabulary's words a query word may stand for: one edit away (a typo) or of the same
/// variant key (a Russian form), itself left out, the most common first.
fn neighbours(conn: &Connection, word: &str) -> Result<Vec<String>> {
    let variant = variant_word(word);
    let mut variants = one_edit_words(&variant);
    variants.push(variant);
    let edits = serde_json::Value::from(one_edit_words(word)).to_string();
    let variants = serde_json::Value::from(variants).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT word FROM name_words
         WHERE (word IN (SELECT value FROM json_each(?1))
                OR variant IN (SELECT value FROM json_each(?2)))
           AND word <> ?3
         ORDER BY persons DESC LIMIT ?4",
    )?;
    let words = stmt
        .query_map(params![edits, variants, word, NEIGHBOURS as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(words)
}

/// Which terms of a word an FTS pass looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Whole loose keys, ids and birth tokens.
    Whole,
    /// Beginnings of them.
    Prefix,
    /// Vocabulary words a typo or a Russian form stands for.
    Near,
}

/// The FTS5 expression of a pass; `None` when the pass has nothing to look for.
fn fts_expression_for(words: &[QueryWord], pass: Pass) -> Option<String> {
    let star = if pass == Pass::Prefix { "*" } else { "" };
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut any_near = false;
    let each = words
        .iter()
        .map(|w| {
            let mut alts = vec![];
            if !w.keys.loose.is_empty() {
                alts.push(format!("names : {}{star}", quote(&w.keys.loose)));
            }
            if pass == Pass::Near {
                for n in &w.neighbours {
                    any_near = true;
                    alts.push(format!("names : {}", quote(n)));
                }
            }
            if !w.id_key.is_empty() {
                alts.push(format!("ids : {}{star}", quote(&w.id_key)));
            }
            if let Some(born) = &w.born {
                alts.push(format!("born : {}", quote(born)));
            }
            format!("({})", alts.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    if pass == Pass::Near && !any_near {
        return None;
    }
    let joined: String = words.iter().map(|w| w.id_key.as_str()).collect();
    Some(if words.len() > 1 && !joined.is_empty() && pass != Pass::Near {
        format!("({each}) OR (ids : {}{star})", quote(&joined))
    } else {
        each
    })
}

/// The FTS5 expression of a query's first pass (for benchmarks and diagnostics).
pub fn fts_query(query: &str) -> Option<String> {
    let words = query_words(query);
    (!words.is_empty()).then(|| fts_expression_for(&words, Pass::Whole)).flatten()
}

/// A candidate row of the index, as ranked.
struct Candidate {
    rowid: i64,
    /// The rank of its weakest word.
    score: u32,
    /// The sum of its words' ranks.
    sum: u32,
    /// Its names as written, without case: ties sort by them.
    written: String,
}

/// How well one query word matches a candidate, lower is better: for an IIN or a document
/// number 0 exactly, [`rank::BEGINNING`] its beginning; a birth year or date 0; for a name the
/// ranks of `otau_core::names::rank_word`; [`UNRANKED`] when the index matched it by no rule here.
fn word_score(
    w: &QueryWord,
    names: &[&str],
    ids: &str,
    born: &str,
    plain: &[&str],
    close: &[&str],
) -> u32 {
    let mut best = UNRANKED;
    if let Some(b) = &w.born {
        if born.split(' ').any(|t| t == b) {
            return 0;
        }
    }
    if !w.id_key.is_empty() {
        for id in ids.split(' ') {
            if id == w.id_key {
                return 0;
            }
            if id.starts_with(&w.id_key) {
                best = best.min(rank::BEGINNING);
            }
        }
    }
    match rank_word(&w.keys, plain, close, names) {
        Some(rank) => best.min(rank),
        None => best,
    }
}

/// Runs one FTS expression and scores its candidates not seen before.
fn candidates(
    conn: &Connection,
    words: &[QueryWord],
    expr: &str,
    seen: &mut HashSet<i64>,
    out: &mut Vec<Candidate>,
) -> Result<()> {
    let joined: String = words.iter().map(|w| w.id_key.as_str()).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT s.rowid, s.names, s.ids, s.born, p.surname, p.given_name, p.patronymic,
                p.surname_latin, p.given_name_latin, p.patronymic_latin
         FROM person_search s JOIN persons p ON p.rowid = s.rowid
         WHERE person_search MATCH ?1 LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![expr, CANDIDATES as i64])?;
    while let Some(r) = rows.next()? {
        let rowid: i64 = r.get(0)?;
        if !seen.insert(rowid) {
            continue;
        }
        let names: String = r.get(1)?;
        let ids: String = r.get(2)?;
        let born: String = r.get(3)?;
        let names_written: [Option<String>; 6] =
            [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?];
        let spellings: Vec<&str> = names_written.iter().flatten().map(String::as_str).collect();
        let names: Vec<&str> = names.split(' ').collect();
        // The words as written and their close keys are made only for a candidate one of whose
        // words they could rank (most found by a beginning or a typo have none).
        let (plain, close) =
            if words.iter().any(|w| needs_written_forms(&w.keys, &names, &spellings)) {
                written_and_close(&spellings)
            } else {
                (vec![], vec![])
            };
        // A document number typed in pieces ("FA 2233 446") scores as one id.
        let (score, sum) = if words.len() > 1 && ids.split(' ').any(|i| i.starts_with(&joined)) {
            let s = if ids.split(' ').any(|i| i == joined) { 0 } else { rank::BEGINNING };
            (s, s)
        } else {
            let (plain_w, close_w): (Vec<&str>, Vec<&str>) = (
                plain.iter().map(String::as_str).collect(),
                close.iter().map(String::as_str).collect(),
            );
            let scores: Vec<u32> = words
                .iter()
                .map(|w| word_score(w, &names, &ids, &born, &plain_w, &close_w))
                .collect();
            (scores.iter().copied().max().unwrap_or(UNRANKED), scores.iter().sum())
        };
        out.push(Candidate { rowid, score, sum, written: written_key(&spellings) });
    }
    Ok(())
}

pub(crate) fn find(
    conn: &Connection,
    query: &str,
    limit: usize,
    plan: &mut Vec<String>,
) -> Result<Vec<SearchHit>> {
    let mut words = query_words(query);
    if words.is_empty() || limit == 0 {
        return Ok(vec![]);
    }
    let mut seen = HashSet::new();
    let mut found = vec![];
    // Whole words first: a candidate the later passes add has a word that is only a beginning,
    // a Russian form or a typo, so they are needed only when too few spellings matched.
    if let Some(expr) = fts_expression_for(&words, Pass::Whole) {
        candidates(conn, &words, &expr, &mut seen, &mut found)?;
        plan.push(expr);
    }
    let close = |found: &[Candidate]| found.iter().filter(|c| c.score <= rank::SPELLING).count();
    if close(&found) < limit {
        for w in &mut words {
            if !w.keys.loose.is_empty() {
                w.neighbours = neighbours(conn, &w.keys.loose)?;
            }
        }
        for pass in [Pass::Near, Pass::Prefix] {
            if let Some(expr) = fts_expression_for(&words, pass) {
                candidates(conn, &words, &expr, &mut seen, &mut found)?;
                plan.push(expr);
            }
        }
    }
    found.sort_by(|a, b| {
        (a.score, a.sum, &a.written, a.rowid).cmp(&(b.score, b.sum, &b.written, b.rowid))
    });
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

/// The persons born on `birth_date` whose surname and given name, in either script, fold to one
/// of `keys` (the likely-duplicate rule), as (rowid) — read from the index.
///
/// The index is asked for the birth date alone (a few dozen persons among a million) and the
/// names are compared here: asking it for the names too made it intersect the lists of common
/// surnames, tens of thousands long, for the same answer.
pub(crate) fn same_name_and_birth(
    conn: &Connection,
    keys: &[String],
    birth_date: NaiveDate,
) -> Result<Vec<i64>> {
    if keys.iter().all(|k| k.is_empty()) {
        return Ok(vec![]);
    }
    let expr = format!("born : \"{}\"", birth_date.format("%Y%m%d"));
    let mut stmt = conn.prepare_cached(
        "SELECT p.rowid, p.surname, p.given_name, p.surname_latin, p.given_name_latin
         FROM person_search s JOIN persons p ON p.rowid = s.rowid
         WHERE person_search MATCH ?1",
    )?;
    let rows = stmt.query_map([expr], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (rowid, s, g, sl, gl) = row?;
        let mut own = vec![fold_loose(&format!("{s} {g}"))];
        if let (Some(sl), Some(gl)) = (sl, gl) {
            own.push(fold_loose(&format!("{sl} {gl}")));
        }
        if own.iter().any(|k| keys.contains(k)) {
            out.push(rowid);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_expression_quotes_and_prefixes_each_word() {
        let words = query_words("Nur \"ab 900315");
        assert_eq!(
            fts_expression_for(&words, Pass::Prefix).expect("expression"),
            "((names : \"nur\"* OR ids : \"nur\"*) AND (names : \"ab\"* OR ids : \"ab\"*) \
             AND (ids : \"900315\"*)) OR (ids : \"nurab900315\"*)"
        );
    }
}

#[cfg(test)]
mod query_tests {
    use super::*;

    #[test]
    fn a_year_and_a_date_are_looked_up_as_birth() {
        let words = query_words("Жұмабаев 1985 15.03.1985");
        assert_eq!(words[1].born.as_deref(), Some("1985"));
        assert_eq!(words[1].id_key, "1985", "a year may also begin a document number");
        assert_eq!(words[2].born.as_deref(), Some("19850315"));
        assert!(words[2].id_key.is_empty() && words[2].keys.loose.is_empty());
        assert_eq!(
            fts_expression_for(&words[2..], Pass::Whole).expect("expression"),
            "(born : \"19850315\")"
        );
    }
}
