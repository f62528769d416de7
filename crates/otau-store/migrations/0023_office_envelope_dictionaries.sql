-- The event log, smaller again (issue 14): each office compresses its envelopes with its own
-- dictionary, the built-in one followed by the ids all its envelopes repeat (the device's, the
-- office's, each user's), kept here by the words added (envelope_dictionary.rs). Each frame
-- names the id of the dictionary it was made with, so a row here is never changed or removed.
-- The migration's hook makes the office's first dictionary and compresses every envelope of
-- the log with it, each text unchanged byte for byte, so the chain and the signed checkpoints
-- still hold.
-- Append-only: never edit this file once it has landed; add a new migration instead.
CREATE TABLE envelope_dictionaries (
    n      INTEGER PRIMARY KEY,
    id     INTEGER NOT NULL UNIQUE CHECK (id BETWEEN 32768 AND 2147483647),
    base   INTEGER NOT NULL,
    words  TEXT NOT NULL
);
CREATE TRIGGER envelope_dictionaries_no_update BEFORE UPDATE ON envelope_dictionaries
BEGIN SELECT RAISE(ABORT, 'envelope dictionaries are never changed'); END;
CREATE TRIGGER envelope_dictionaries_no_delete BEFORE DELETE ON envelope_dictionaries
BEGIN SELECT RAISE(ABORT, 'envelope dictionaries are never changed'); END;
-- INSERT OR REPLACE deletes without firing the DELETE trigger: refuse a second row with a key.
CREATE TRIGGER envelope_dictionaries_no_replace BEFORE INSERT ON envelope_dictionaries
WHEN EXISTS (SELECT 1 FROM envelope_dictionaries WHERE n = NEW.n OR id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'envelope dictionaries are never changed'); END;
