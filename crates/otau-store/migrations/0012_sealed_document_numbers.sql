-- A document's number is spent when the document is sealed, before its file is written: a
-- paper whose registration then fails, or whose program stops before it, keeps a number that
-- no other paper is given. This device's own, like its number blocks: never synced.
-- Append-only: never edit this file once it has landed; add a new migration instead.
CREATE TABLE sealed_document_numbers (
    office_code TEXT NOT NULL,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    number      TEXT NOT NULL,
    sealed_at   TEXT NOT NULL,
    PRIMARY KEY (office_code, year, seq)
);
