-- Two device-local logs, both append-only and never sent: the signed checkpoints of the event
-- log (a truncated tail or a rewritten chain shows against them), and who looked at whom (every
-- view of a person's card, every print and export about a person).
-- Append-only: never edit this file once it has landed; add a new migration instead.
--
-- # Design
-- A checkpoint is written in the transaction of every change (`Store::write`, an applied page
-- of another device's events, a fork after a restore) and at every `otau audit verify`: the
-- last row of `events` it covers, that row's chain hash, this device's highest sequence, the
-- rows of every state table, and an Ed25519 signature by the device's document key over all of
-- it and the previous checkpoint's signature (checkpoint.rs). The access log is not an event:
-- a look is not a change of a record, so it stays out of the chain's history and the outbox
-- (ARCHITECTURE.md says why).

CREATE TABLE audit_checkpoints (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    event_seq   INTEGER NOT NULL,
    body        TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    signature   TEXT NOT NULL
);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_replace BEFORE INSERT ON audit_checkpoints
WHEN EXISTS (SELECT 1 FROM audit_checkpoints WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;

-- Who looked at whom: `kind` is what was done (the card shown, a document printed, everything
-- exported, found by a search), about a person or a whole family (a certificate, a statement);
-- `detail` names the document or the file.
CREATE TABLE access_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user_id    TEXT,
    login      TEXT NOT NULL,
    role       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('card', 'print', 'export', 'search')),
    person_id  TEXT,
    family_id  TEXT,
    detail     TEXT,
    CHECK (person_id IS NOT NULL OR family_id IS NOT NULL)
);
CREATE INDEX access_log_person ON access_log (person_id, id) WHERE person_id IS NOT NULL;
CREATE INDEX access_log_family ON access_log (family_id, id) WHERE family_id IS NOT NULL;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_replace BEFORE INSERT ON access_log
WHEN EXISTS (SELECT 1 FROM access_log WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
