-- Otau foundation schema: the device, offices, users, the registry (families, persons, documents,
-- consents), reference data (MCI), the append-only audit and outbox, and the search projection.
-- Append-only: never edit this file once it has landed; add a new migration instead.

-- This database's identity: one row.
CREATE TABLE device (
    singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id    TEXT NOT NULL,
    office_code  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE offices (
    id       TEXT PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    region   TEXT NOT NULL,
    version  INTEGER NOT NULL
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    office_id      TEXT NOT NULL REFERENCES offices(id),
    login          TEXT NOT NULL UNIQUE,
    full_name      TEXT,
    role           TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
    password_hash  TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version        INTEGER NOT NULL
);

CREATE TABLE families (
    id                      TEXT PRIMARY KEY,
    office_id               TEXT NOT NULL REFERENCES offices(id),
    regno                   TEXT NOT NULL UNIQUE,
    registered_on           TEXT NOT NULL,
    arrival_date            TEXT NOT NULL,
    country_of_origin       TEXT NOT NULL,
    region                  TEXT NOT NULL,
    settlement              TEXT NOT NULL,
    accommodation_category  TEXT,
    address                 TEXT,
    version                 INTEGER NOT NULL
);
CREATE INDEX families_arrival ON families(arrival_date);

CREATE TABLE persons (
    id                TEXT PRIMARY KEY,
    family_id         TEXT NOT NULL REFERENCES families(id),
    regno             TEXT NOT NULL UNIQUE,
    relation          TEXT NOT NULL,
    surname           TEXT NOT NULL,
    given_name        TEXT NOT NULL,
    patronymic        TEXT,
    surname_latin     TEXT,
    given_name_latin  TEXT,
    patronymic_latin  TEXT,
    birth_date        TEXT NOT NULL,
    sex               TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    iin               TEXT,
    citizenship       TEXT,
    education         TEXT,
    phone             TEXT,
    email             TEXT,
    version           INTEGER NOT NULL
);
CREATE INDEX persons_family ON persons(family_id);
CREATE UNIQUE INDEX persons_iin ON persons(iin) WHERE iin IS NOT NULL;

CREATE TABLE documents (
    id               TEXT PRIMARY KEY,
    person_id        TEXT NOT NULL REFERENCES persons(id),
    kind             TEXT NOT NULL,
    number           TEXT NOT NULL,
    number_norm      TEXT NOT NULL,
    issuing_country  TEXT NOT NULL,
    issued_on        TEXT,
    valid_until      TEXT,
    version          INTEGER NOT NULL
);
CREATE INDEX documents_person ON documents(person_id);
CREATE INDEX documents_number ON documents(number_norm);

CREATE TABLE consents (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES persons(id),
    given_on   TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    version    INTEGER NOT NULL
);
CREATE INDEX consents_person ON consents(person_id);

-- Reference data: the MCI table (effective from, purpose, tenge).
CREATE TABLE mci_rows (
    id              TEXT PRIMARY KEY,
    effective_from  TEXT NOT NULL,
    purpose         TEXT NOT NULL CHECK (purpose IN ('social_payments', 'fines_and_other')),
    tenge           INTEGER NOT NULL CHECK (tenge > 0),
    note            TEXT,
    version         INTEGER NOT NULL,
    UNIQUE (effective_from, purpose)
);

-- Audit: who changed what, when, before and after. Each row carries the hash of the previous
-- row on this device, so a changed or removed row shows. Append-only.
CREATE TABLE audit (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    at           TEXT NOT NULL,
    user_id      TEXT,
    user_login   TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    subject_id   TEXT,
    reason       TEXT,
    before_json  TEXT,
    after_json   TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_subject ON audit(subject_id);
CREATE INDEX audit_entity ON audit(entity_id);

-- Outbox: every change as an event with a gapless per-device sequence, for sync. Append-only;
-- what has been sent is tracked by a cursor elsewhere, never by changing these rows.
CREATE TABLE outbox (
    device_seq    INTEGER PRIMARY KEY,
    event_id      TEXT NOT NULL UNIQUE,
    device_id     TEXT NOT NULL,
    at            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    base_version  INTEGER NOT NULL,
    new_version   INTEGER NOT NULL,
    fields        TEXT NOT NULL,
    payload       TEXT NOT NULL,
    payload_hash  TEXT NOT NULL,
    audit_seq     INTEGER NOT NULL REFERENCES audit(seq)
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox is append-only'); END;
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox is append-only'); END;

-- Search projection, rebuilt from persons and documents by `otau rebuild-index`.
-- rowid = persons.rowid. `names` holds the loose folded keys of every spelling of the names;
-- `ids` holds the IIN and normalised document numbers; `plain` and `close` (not indexed) hold the
-- words as written and their close keys, so results are ranked without reading `persons`.
CREATE VIRTUAL TABLE person_search USING fts5(
    names, ids, plain UNINDEXED, close UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);

-- Duplicate-check projection: folded name key and birth date per spelling of a person.
CREATE TABLE person_name_keys (
    person_rowid  INTEGER NOT NULL,
    name_key      TEXT NOT NULL,
    birth_date    TEXT NOT NULL
);
CREATE INDEX person_name_keys_lookup ON person_name_keys(birth_date, name_key);
CREATE INDEX person_name_keys_person ON person_name_keys(person_rowid);
