-- Electronic copies of identity documents (issue 15): a scan or photo (JPEG, PNG, PDF) attached
-- to a person's document, kept in this database under the same encryption as the records,
-- synced as a record like any other and part of the person's export.
-- Append-only: never edit this file once it has landed; add a new migration instead.
--
-- # Design
-- The file's bytes are kept as received, base64 in `content` (an event carries a record as
-- JSON, so the text travels unchanged to the centre and to other devices), with their SHA-256
-- for a check on every read. `thumbnail` is a small JPEG made when the image was attached (none
-- for a PDF). A scan is only ever added, then perhaps taken off the card (`removed_on`,
-- `removed_by`): it is never overwritten, and the record of what was attached stays.
CREATE TABLE document_scans (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id),
    person_id    TEXT NOT NULL REFERENCES persons(id),
    kind         TEXT NOT NULL CHECK (kind IN ('jpeg', 'png', 'pdf')),
    bytes        INTEGER NOT NULL CHECK (bytes > 0),
    sha256       TEXT NOT NULL,
    width        INTEGER,
    height       INTEGER,
    pages        INTEGER,
    file_name    TEXT,
    thumbnail    TEXT,
    content      TEXT NOT NULL,
    added_on     TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    removed_on   TEXT,
    removed_by   TEXT,
    version      INTEGER NOT NULL
);
CREATE INDEX document_scans_person ON document_scans(person_id);
CREATE INDEX document_scans_document ON document_scans(document_id);

CREATE TRIGGER document_scans_no_delete BEFORE DELETE ON document_scans
BEGIN SELECT RAISE(ABORT, 'document_scans is append-only'); END;
CREATE TRIGGER document_scans_content_kept BEFORE UPDATE ON document_scans
WHEN NEW.content IS NOT OLD.content OR NEW.sha256 IS NOT OLD.sha256
  OR NEW.document_id IS NOT OLD.document_id OR NEW.person_id IS NOT OLD.person_id
BEGIN SELECT RAISE(ABORT, 'a scan''s content and owner never change'); END;

INSERT INTO state_row_counts (tbl, n) SELECT 'document_scans', COUNT(*) FROM document_scans;
CREATE TRIGGER document_scans_counted_in AFTER INSERT ON document_scans
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'document_scans'; END;
CREATE TRIGGER document_scans_counted_out AFTER DELETE ON document_scans
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'document_scans'; END;
