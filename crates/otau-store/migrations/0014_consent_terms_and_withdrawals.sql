-- Consent to the processing of personal data with a purpose from a short list, a term and a
-- method; the reason recorded instead of a consent (a minor or a person without capacity
-- covered by a representative's consent in the same family, another reason, or "to be
-- collected" for a person from an imported list); and withdrawals (Law 94-V; issue 13,
-- finding 7).
-- Append-only: never edit this file once it has landed; add a new migration instead.
--
-- # Design
-- A consent row is only ever added: a correction or a consent given later is a new row, and
-- the latest one recorded speaks for the person. Rows from before this migration keep their
-- date and purpose text, with `basis` 'given' and no code, term or method (read as until the
-- end of the programme). `covered_by` names the representative's person row without a foreign
-- key: a family's rows are written in one change, and the representative may come after the
-- person they cover. A withdrawal names the consent it ends, so a consent given again after it
-- is in force again; withdrawals are facts, append-only like the register's voids.

ALTER TABLE consents ADD COLUMN basis TEXT NOT NULL DEFAULT 'given'
    CHECK (basis IN ('given', 'minor', 'no_capacity', 'other', 'to_collect'));
ALTER TABLE consents ADD COLUMN purpose_code TEXT
    CHECK (purpose_code IN ('adaptation', 'status_and_quota', 'state_support', 'employment',
                            'other'));
ALTER TABLE consents ADD COLUMN term TEXT CHECK (term IN ('programme_end', 'until_date'));
ALTER TABLE consents ADD COLUMN valid_until TEXT;
ALTER TABLE consents ADD COLUMN method TEXT
    CHECK (method IN ('signed_form', 'eds', 'representative'));
ALTER TABLE consents ADD COLUMN covered_by TEXT;
ALTER TABLE consents ADD COLUMN reason TEXT;

CREATE TABLE consent_withdrawals (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES persons(id),
    consent_id    TEXT NOT NULL REFERENCES consents(id),
    withdrawn_on  TEXT NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('signed_form', 'eds', 'representative')),
    received_by   TEXT NOT NULL,
    note          TEXT,
    version       INTEGER NOT NULL
);
CREATE INDEX consent_withdrawals_person ON consent_withdrawals(person_id);

CREATE TRIGGER consent_withdrawals_no_update BEFORE UPDATE ON consent_withdrawals
BEGIN SELECT RAISE(ABORT, 'consent_withdrawals is append-only'); END;
CREATE TRIGGER consent_withdrawals_no_delete BEFORE DELETE ON consent_withdrawals
BEGIN SELECT RAISE(ABORT, 'consent_withdrawals is append-only'); END;
CREATE TRIGGER consent_withdrawals_no_replace BEFORE INSERT ON consent_withdrawals
WHEN EXISTS (SELECT 1 FROM consent_withdrawals WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'consent_withdrawals is append-only'); END;
