-- Documents: the office's signing key, the public keys of known offices, the register of issued
-- documents with their voids, and closed months with their frozen summary numbers.
-- Append-only: never edit this file once it has landed; add a new migration instead.

-- This office's Ed25519 key (hex). The secret half never leaves the database: the write path
-- redacts it from the audit and the outbox. A new key is a new row; the newest is used.
CREATE TABLE office_signing_keys (
    id          TEXT PRIMARY KEY,
    office_id   TEXT NOT NULL REFERENCES offices(id),
    public_key  TEXT NOT NULL,
    secret_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    version     INTEGER NOT NULL
);
CREATE INDEX office_signing_keys_office ON office_signing_keys(office_id, created_at);

-- Public keys of offices whose papers this database can check (its own among them).
CREATE TABLE known_office_keys (
    id           TEXT PRIMARY KEY,
    office_code  TEXT NOT NULL,
    office_name  TEXT,
    public_key   TEXT NOT NULL,
    added_on     TEXT NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (office_code, public_key)
);

-- The register: one row per issued document and one per reprint (copy_of names the original;
-- a reprint keeps the number). The content as issued is kept so a reprint reproduces it.
CREATE TABLE issued_documents (
    id             TEXT PRIMARY KEY,
    office_code    TEXT NOT NULL,
    number         TEXT NOT NULL,
    year           INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    kind           TEXT NOT NULL
                   CHECK (kind IN ('certificate', 'decision', 'statement', 'monthly_summary')),
    subject_id     TEXT,
    subject_label  TEXT NOT NULL,
    issued_on      TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    issued_by      TEXT NOT NULL,
    issued_login   TEXT NOT NULL,
    copy_of        TEXT REFERENCES issued_documents(id),
    content_hash   TEXT NOT NULL,
    content_json   TEXT NOT NULL,
    qr_payload     TEXT NOT NULL,
    version        INTEGER NOT NULL
);
CREATE UNIQUE INDEX issued_documents_original ON issued_documents(number) WHERE copy_of IS NULL;
CREATE UNIQUE INDEX issued_documents_seq ON issued_documents(office_code, year, seq)
    WHERE copy_of IS NULL;
CREATE INDEX issued_documents_number ON issued_documents(number);
CREATE INDEX issued_documents_subject ON issued_documents(subject_id);

-- Voiding a document is a row of its own: the register keeps the document and says why.
CREATE TABLE document_voids (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL UNIQUE REFERENCES issued_documents(id),
    number       TEXT NOT NULL,
    voided_on    TEXT NOT NULL,
    voided_at    TEXT NOT NULL,
    voided_by    TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    version      INTEGER NOT NULL
);
CREATE INDEX document_voids_number ON document_voids(number);

-- A closed month: its summary's numbers frozen as JSON, and the highest family row counted,
-- so entries recorded later for that month are told apart and counted in the next open month.
CREATE TABLE closed_months (
    id                  TEXT PRIMARY KEY,
    office_code         TEXT NOT NULL,
    month               TEXT NOT NULL,
    closed_on           TEXT NOT NULL,
    closed_at           TEXT NOT NULL,
    closed_by           TEXT NOT NULL,
    families_watermark  INTEGER NOT NULL,
    summary_json        TEXT NOT NULL,
    version             INTEGER NOT NULL,
    UNIQUE (office_code, month)
);

CREATE INDEX families_registered ON families(registered_on);

CREATE TRIGGER office_signing_keys_no_update BEFORE UPDATE ON office_signing_keys
BEGIN SELECT RAISE(ABORT, 'office_signing_keys is append-only'); END;
CREATE TRIGGER office_signing_keys_no_delete BEFORE DELETE ON office_signing_keys
BEGIN SELECT RAISE(ABORT, 'office_signing_keys is append-only'); END;
CREATE TRIGGER issued_documents_no_update BEFORE UPDATE ON issued_documents
BEGIN SELECT RAISE(ABORT, 'issued_documents is append-only'); END;
CREATE TRIGGER issued_documents_no_delete BEFORE DELETE ON issued_documents
BEGIN SELECT RAISE(ABORT, 'issued_documents is append-only'); END;
CREATE TRIGGER document_voids_no_update BEFORE UPDATE ON document_voids
BEGIN SELECT RAISE(ABORT, 'document_voids is append-only'); END;
CREATE TRIGGER document_voids_no_delete BEFORE DELETE ON document_voids
BEGIN SELECT RAISE(ABORT, 'document_voids is append-only'); END;
CREATE TRIGGER closed_months_no_update BEFORE UPDATE ON closed_months
BEGIN SELECT RAISE(ABORT, 'closed_months is append-only'); END;
CREATE TRIGGER closed_months_no_delete BEFORE DELETE ON closed_months
BEGIN SELECT RAISE(ABORT, 'closed_months is append-only'); END;
