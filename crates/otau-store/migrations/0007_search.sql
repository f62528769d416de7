-- Search that forgives: the index gains a column of birth years and dates (a surname with a
-- year or a date), a vocabulary of the names' loose words (the words a typo or a Russian form
-- meant are looked up there), and the duplicate check before saving reads the index, so the
-- table of name keys it used goes.
-- Append-only: never edit this file once it has landed; add a new migration instead.
-- Both tables are projections: the hook that runs after this file (schema.rs) fills them from
-- the records, as `otau rebuild-index` does.

DROP TABLE person_search;
-- rowid = persons.rowid. `names`: the loose keys of every spelling of the names; `ids`: the IIN
-- and normalised document numbers; `born`: the birth year and date (`1985 19850315`); `plain`
-- and `close` (not indexed): the words as written and their close keys, for ranking.
CREATE VIRTUAL TABLE person_search USING fts5(
    names, ids, born, plain UNINDEXED, close UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);

-- Every loose word of the index, with its variant key (names::variant_word) and how many
-- persons have it.
CREATE TABLE name_words (
    word     TEXT PRIMARY KEY,
    variant  TEXT NOT NULL,
    persons  INTEGER NOT NULL CHECK (persons > 0)
) WITHOUT ROWID;
CREATE INDEX name_words_variant ON name_words(variant);

DROP TABLE person_name_keys;
