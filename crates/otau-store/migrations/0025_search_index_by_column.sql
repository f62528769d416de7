-- The search index, smaller (issue 14). It keeps in which column each word of a person is, not
-- at which place in it (`detail=column`), and no count of each row's words (`columnsize=0`): a
-- query looks for single words and their beginnings in a column (search.rs), never for a
-- phrase, and ranking is `otau_core::names`'s, not FTS5's bm25, which is what read those counts.
-- The words as written and their close keys (`plain`, `close`) are no longer kept here: ranking
-- makes them from the person's record, which it reads beside each candidate.
-- The entries are copied as they are, then merged into one b-tree.
-- Append-only: never edit this file once it has landed; add a new migration instead.
ALTER TABLE person_search RENAME TO person_search_before_0025;
-- rowid = persons.rowid. `names`: the loose keys of every spelling of the names; `ids`: the IIN
-- and normalised document numbers; `born`: the birth year and date (`1985 19850315`).
CREATE VIRTUAL TABLE person_search USING fts5(
    names, ids, born,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3',
    detail = column,
    columnsize = 0
);
INSERT INTO person_search (rowid, names, ids, born)
SELECT rowid, names, ids, born FROM person_search_before_0025;
DROP TABLE person_search_before_0025;
INSERT INTO person_search (person_search) VALUES ('optimize');
