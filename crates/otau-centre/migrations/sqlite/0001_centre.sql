-- The centre's database (SQLite): its identity, offices, enrolment codes, devices, sessions, the
-- office event streams with their verdicts, the merge bookkeeping (heads and claims), number
-- blocks, reference data and alerts for administrators.
-- Append-only: never edit this file once it has landed; add a new migration instead.
-- The PostgreSQL schema (migrations/postgres) is kept the same, table by table.

CREATE TABLE centre (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE offices (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    region      TEXT NOT NULL,
    high        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE enrol_codes (
    secret_hash  TEXT PRIMARY KEY,
    office       TEXT NOT NULL REFERENCES offices(code),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT,
    device_id    TEXT
);

CREATE TABLE devices (
    id                 TEXT PRIMARY KEY,
    office             TEXT NOT NULL REFERENCES offices(code),
    name               TEXT NOT NULL,
    device_key         TEXT NOT NULL,
    document_key       TEXT NOT NULL,
    enrolled_at        TEXT NOT NULL,
    last_seen          TEXT,
    quarantine_reason  TEXT,
    quarantined_at     TEXT,
    retired_at_seq     INTEGER,
    replaced_by        TEXT
);
CREATE INDEX devices_office ON devices(office);

CREATE TABLE challenges (
    challenge   TEXT PRIMARY KEY,
    device_id   TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    device_id   TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE session_requests (
    token_hash  TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    PRIMARY KEY (token_hash, request_id)
) WITHOUT ROWID;

-- Every accepted event of an office, in server_seq order (gapless per office).
CREATE TABLE events (
    office      TEXT NOT NULL,
    server_seq  INTEGER NOT NULL,
    device_id   TEXT NOT NULL,
    device_seq  INTEGER NOT NULL,
    event_id    TEXT NOT NULL,
    hash        TEXT NOT NULL,
    event       TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (office, server_seq),
    UNIQUE (device_id, device_seq)
) WITHOUT ROWID;
CREATE INDEX events_event_id ON events(event_id);

-- Per record, the heads of its fields (otau_sync::merge::Heads as JSON).
CREATE TABLE heads (
    office     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    heads      TEXT NOT NULL,
    PRIMARY KEY (office, entity_id)
) WITHOUT ROWID;

-- Unique keys claimed by accepted inserts (otau_sync::policy::Claim::key).
CREATE TABLE claims (
    office    TEXT NOT NULL,
    key       TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    PRIMARY KEY (office, key)
) WITHOUT ROWID;

CREATE TABLE blocks (
    office       TEXT NOT NULL,
    series       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    first        INTEGER NOT NULL,
    last         INTEGER NOT NULL,
    device_id    TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (office, series, year, first)
);
CREATE INDEX blocks_device ON blocks(device_id);

CREATE TABLE reference (
    ref_seq   INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    record    TEXT NOT NULL,
    added_at  TEXT NOT NULL
);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    office     TEXT,
    device_id  TEXT,
    message    TEXT NOT NULL
);
