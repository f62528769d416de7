-- The vocabulary's variant keys, finished: `otau_core::names::variant_word` now applies its
-- rules until nothing changes, so a variant key is its own variant key (`oeierk` gave `oerk`,
-- whose variant is `ork`). The hook that runs after this file (schema.rs) recomputes the
-- `variant` of every row of `name_words` and writes the ones that differ.
-- Append-only: never edit this file once it has landed; add a new migration instead.
-- Nothing to change in the schema: a statement that does nothing, for the hook to follow.
DROP TABLE IF EXISTS name_words_before_0026;
