-- Sync: every change as one event (the local history and the outbox in one table), what this
-- device knows of the centre, numbers reserved for this device, conflicts and review cases, and
-- the rules that a fact arriving from another device may break.
-- Append-only: never edit this file once it has landed; add a new migration instead.
-- The rows of `audit` and `outbox` are moved into `events` by the hook that runs after this
-- file (schema.rs), which then drops the two tables.

-- Every event this device made or applied, in the order it applied them. `envelope` is the event
-- as it travels (canonical JSON, docs/SYNC.md), `hash` its SHA-256; `chain_hash` chains the rows
-- so a changed or removed row shows. `origin`: `local` (made here, sent to the centre),
-- `private` (made here, never sent: this device's own keys and passwords), `remote` (made on
-- another device, applied here), `derived` (what a verdict of the centre changed here),
-- `reference` (reference data from the centre: MCI rows, rules, quotas, offices' keys).
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    origin      TEXT NOT NULL CHECK (origin IN ('local', 'private', 'remote', 'derived', 'reference')),
    envelope    TEXT NOT NULL,
    hash        TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    chain_hash  TEXT NOT NULL,
    event_id    TEXT GENERATED ALWAYS AS (envelope ->> '$.event_id') VIRTUAL,
    device_id   TEXT GENERATED ALWAYS AS (envelope ->> '$.device_id') VIRTUAL,
    device_seq  INTEGER GENERATED ALWAYS AS (envelope ->> '$.device_seq') VIRTUAL,
    entity_id   TEXT GENERATED ALWAYS AS (envelope ->> '$.entity_id') VIRTUAL,
    subject_id  TEXT GENERATED ALWAYS AS (envelope ->> '$.subject_id') VIRTUAL
);
CREATE UNIQUE INDEX events_event_id ON events(event_id);
-- Not unique: after a restore from a backup a device sends its later events again under a new
-- identity, and the old identity's own events then arrive from the centre beside them.
CREATE INDEX events_device_seq ON events(device_id, device_seq) WHERE device_seq IS NOT NULL;
CREATE INDEX events_entity ON events(entity_id);
CREATE INDEX events_subject ON events(subject_id) WHERE subject_id IS NOT NULL;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
-- INSERT OR REPLACE deletes without firing the DELETE trigger: refuse a second row with a key.
CREATE TRIGGER events_no_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE seq = NEW.seq OR event_id = NEW.envelope ->> '$.event_id')
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- The server sequence of every event the centre has accepted that this device holds: its own
-- once acknowledged, another device's as pulled.
CREATE TABLE event_server_seqs (
    event_seq   INTEGER PRIMARY KEY REFERENCES events(seq),
    server_seq  INTEGER NOT NULL UNIQUE
);

-- Passwords stay on the device: a user's record travels, the hash of their password never does.
CREATE TABLE credentials (
    id             TEXT PRIMARY KEY REFERENCES users(id),
    password_hash  TEXT NOT NULL,
    version        INTEGER NOT NULL
);
INSERT INTO credentials (id, password_hash, version)
    SELECT id, password_hash, 1 FROM users;
ALTER TABLE users DROP COLUMN password_hash;

-- What this device knows of the centre (one row once enrolled).
CREATE TABLE sync_state (
    singleton          INTEGER PRIMARY KEY CHECK (singleton = 1),
    centre_url         TEXT NOT NULL,
    centre_id          TEXT NOT NULL,
    centre_name        TEXT NOT NULL,
    centre_public_key  TEXT NOT NULL,
    cert_sha256        TEXT,
    device_name        TEXT NOT NULL,
    device_key         TEXT NOT NULL,
    enrolled_at        TEXT NOT NULL,
    pushed_through     INTEGER NOT NULL DEFAULT 0,
    pull_cursor        INTEGER NOT NULL DEFAULT 0,
    reference_cursor   INTEGER NOT NULL DEFAULT 0,
    last_sync_at       TEXT,
    last_attempt_at    TEXT,
    last_error_code    TEXT,
    unreachable_since  TEXT
);

-- Earlier identities of this device (after a restore from a backup it takes a new one).
CREATE TABLE device_incarnations (
    device_id      TEXT PRIMARY KEY,
    retired_after  INTEGER NOT NULL,
    retired_at     TEXT NOT NULL
);

-- Numbers reserved for this device by the centre, per series and year.
CREATE TABLE number_blocks (
    series  TEXT NOT NULL CHECK (series IN ('regno', 'document', 'decision', 'plan')),
    year    INTEGER NOT NULL,
    first   INTEGER NOT NULL CHECK (first >= 1),
    last    INTEGER NOT NULL CHECK (last >= first),
    PRIMARY KEY (series, year, first)
) WITHOUT ROWID;

-- The same field changed differently on two devices, or an insert the centre could not take:
-- both values, which one stays for now, and a person's resolution. Made on every device from
-- the centre's verdict (the same id everywhere); resolving it is an ordinary change that syncs.
CREATE TABLE sync_conflicts (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('field', 'duplicate_insert', 'refused_insert')),
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    subject_id       TEXT,
    field            TEXT,
    kept_json        TEXT,
    proposed_json    TEXT NOT NULL,
    kept_event       TEXT,
    proposed_event   TEXT NOT NULL,
    detail_json      TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    resolution_json  TEXT,
    resolved_by      TEXT,
    resolved_on      TEXT,
    reason           TEXT,
    version          INTEGER NOT NULL
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(state, entity_id);

-- Facts of two devices that must not both stand without a manager looking (two payments of one
-- instalment, one IIN registered twice): a case naming both, and the manager's decision.
CREATE TABLE review_cases (
    id            TEXT PRIMARY KEY,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    key           TEXT NOT NULL,
    value         TEXT NOT NULL,
    first_event   TEXT NOT NULL,
    second_event  TEXT NOT NULL,
    subject_id    TEXT,
    state         TEXT NOT NULL CHECK (state IN ('open', 'decided')),
    decision      TEXT,
    reason        TEXT,
    decided_by    TEXT,
    decided_on    TEXT,
    version       INTEGER NOT NULL
);
CREATE INDEX review_cases_open ON review_cases(state);

-- Present (one row) only while a page from the centre is applied, inside that transaction: the
-- rules below that refuse a second fact to a clerk accept it from another device, where it
-- already happened, and a review case says so.
CREATE TABLE sync_applying (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1)
);

-- One IIN is one person: refused at the counter, but two devices may register it offline; the
-- centre then opens a review case.
DROP INDEX persons_iin;
CREATE INDEX persons_iin ON persons(iin) WHERE iin IS NOT NULL;
CREATE TRIGGER persons_iin_once BEFORE INSERT ON persons
WHEN NEW.iin IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sync_applying)
     AND EXISTS (SELECT 1 FROM persons WHERE iin = NEW.iin)
BEGIN SELECT RAISE(ABORT, 'persons: the IIN is already registered'); END;
CREATE TRIGGER persons_iin_once_on_edit BEFORE UPDATE OF iin ON persons
WHEN NEW.iin IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sync_applying)
     AND EXISTS (SELECT 1 FROM persons WHERE iin = NEW.iin AND id <> NEW.id)
BEGIN SELECT RAISE(ABORT, 'persons: the IIN is already registered'); END;

-- The ledger: one entry of each kind per line at the counter; from another device, the fact.
DROP INDEX ledger_line_kind;
CREATE INDEX ledger_line_kind ON ledger_entries(line_id, kind);
DROP TRIGGER ledger_accrual_opens_a_line;
DROP TRIGGER ledger_entry_follows_its_line;
CREATE TRIGGER ledger_accrual_opens_a_line BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'accrued'
BEGIN
    SELECT RAISE(ABORT, 'ledger: an accrual opens its own line')
    WHERE NEW.line_id <> NEW.id;
    SELECT RAISE(ABORT, 'ledger: the instalment already has an open line')
    WHERE NOT EXISTS (SELECT 1 FROM sync_applying) AND EXISTS (
        SELECT 1 FROM ledger_entries a
        WHERE a.instalment_id = NEW.instalment_id AND a.kind = 'accrued'
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.line_id = a.id AND r.kind = 'reversed'));
    SELECT RAISE(ABORT, 'ledger: the accrual does not match its instalment')
    WHERE NOT EXISTS (
        SELECT 1 FROM subsidy_instalments i
        WHERE i.id = NEW.instalment_id AND i.decision_id = NEW.decision_id
          AND i.family_id = NEW.family_id AND i.due_date = NEW.due_date);
END;
CREATE TRIGGER ledger_entry_follows_its_line BEFORE INSERT ON ledger_entries
WHEN NEW.kind <> 'accrued'
BEGIN
    SELECT RAISE(ABORT, 'ledger: the entry does not match an accrued line')
    WHERE NOT EXISTS (
        SELECT 1 FROM ledger_entries a
        WHERE a.id = NEW.line_id AND a.kind = 'accrued' AND a.instalment_id = NEW.instalment_id
          AND a.amount_tiyn = NEW.amount_tiyn AND a.due_date = NEW.due_date
          AND a.subsidy_kind = NEW.subsidy_kind AND a.prepared_by = NEW.prepared_by);
    SELECT RAISE(ABORT, 'ledger: the line already has an entry of this kind')
    WHERE NOT EXISTS (SELECT 1 FROM sync_applying) AND EXISTS (
        SELECT 1 FROM ledger_entries e WHERE e.line_id = NEW.line_id AND e.kind = NEW.kind);
    SELECT RAISE(ABORT, 'ledger: a paid line never changes')
    WHERE NOT EXISTS (SELECT 1 FROM sync_applying) AND EXISTS (
        SELECT 1 FROM ledger_entries p WHERE p.line_id = NEW.line_id AND p.kind = 'paid');
    SELECT RAISE(ABORT, 'ledger: the line is reversed')
    WHERE NOT EXISTS (SELECT 1 FROM sync_applying) AND EXISTS (
        SELECT 1 FROM ledger_entries r WHERE r.line_id = NEW.line_id AND r.kind = 'reversed');
    SELECT RAISE(ABORT, 'ledger: a payment needs an approval first')
    WHERE NEW.kind = 'paid'
      AND NOT EXISTS (SELECT 1 FROM ledger_entries p WHERE p.line_id = NEW.line_id AND p.kind = 'approved');
    SELECT RAISE(ABORT, 'ledger: the person who prepared an entry cannot approve it')
    WHERE NEW.kind = 'approved' AND NEW.acted_by = NEW.prepared_by;
    SELECT RAISE(ABORT, 'ledger: a reversal must say what it reverses')
    WHERE NEW.kind = 'reversed' AND NOT EXISTS (SELECT 1 FROM sync_applying)
      AND NEW.reverses_kind <> CASE WHEN EXISTS (
              SELECT 1 FROM ledger_entries p WHERE p.line_id = NEW.line_id AND p.kind = 'approved')
          THEN 'approved' ELSE 'accrued' END;
END;

-- An insert of this device that the centre did not take (its key was taken first elsewhere) is
-- taken back here too, while a page from the centre is applied; its conflict keeps the record.
DROP TRIGGER issued_documents_no_delete;
CREATE TRIGGER issued_documents_no_delete BEFORE DELETE ON issued_documents
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN SELECT RAISE(ABORT, 'issued_documents is append-only'); END;
DROP TRIGGER document_voids_no_delete;
CREATE TRIGGER document_voids_no_delete BEFORE DELETE ON document_voids
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN SELECT RAISE(ABORT, 'document_voids is append-only'); END;
DROP TRIGGER closed_months_no_delete;
CREATE TRIGGER closed_months_no_delete BEFORE DELETE ON closed_months
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN SELECT RAISE(ABORT, 'closed_months is append-only'); END;
DROP TRIGGER subsidy_decisions_no_delete;
CREATE TRIGGER subsidy_decisions_no_delete BEFORE DELETE ON subsidy_decisions
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN SELECT RAISE(ABORT, 'subsidy_decisions is append-only'); END;
DROP TRIGGER subsidy_instalments_no_delete;
CREATE TRIGGER subsidy_instalments_no_delete BEFORE DELETE ON subsidy_instalments
WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN SELECT RAISE(ABORT, 'subsidy_instalments is append-only'); END;

-- A closed month names the families it counted, so every device tells late entries apart the
-- same way (a row number differs from device to device).
ALTER TABLE closed_months ADD COLUMN counted_families TEXT;

-- The sync state and numbers of this device never travel and never change by hand.
CREATE TRIGGER device_incarnations_no_update BEFORE UPDATE ON device_incarnations
BEGIN SELECT RAISE(ABORT, 'device_incarnations is append-only'); END;
CREATE TRIGGER device_incarnations_no_delete BEFORE DELETE ON device_incarnations
BEGIN SELECT RAISE(ABORT, 'device_incarnations is append-only'); END;
