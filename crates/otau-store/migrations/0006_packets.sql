-- Packets carried by hand (docs/SYNC.md, "Packets"): each one imported once, each one written
-- remembered with what it carried.
CREATE TABLE packets (
    packet_id   TEXT PRIMARY KEY,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    at          TEXT NOT NULL,
    summary     TEXT NOT NULL
);

-- A device enrolled by packet keeps its enrolment request (JSON) until the centre answers it;
-- every packet it writes meanwhile carries it.
ALTER TABLE sync_state ADD COLUMN pending_enrolment TEXT;

-- Documents other offices voided, as the centre's reference data hands them out, so a paper of
-- another office is checked as voided here too.
CREATE TABLE voided_elsewhere (
    id           TEXT PRIMARY KEY,
    office_code  TEXT NOT NULL,
    number       TEXT NOT NULL,
    voided_on    TEXT NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (office_code, number)
);

-- The same person in two offices, as the centre hands the case to this office (its own person,
-- the other office and what it registered), and the decisions on such cases: made here (they
-- travel to the office's devices and the centre) or by the other office (from the centre).
CREATE TABLE cross_office_cases (
    id               TEXT PRIMARY KEY,
    key              TEXT NOT NULL,
    person_id        TEXT NOT NULL,
    other_office     TEXT NOT NULL,
    other_person_id  TEXT NOT NULL,
    other            TEXT NOT NULL,
    found_at         TEXT NOT NULL,
    version          INTEGER NOT NULL
);

CREATE TABLE cross_office_decisions (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL,
    office_code  TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('same_person', 'different_people')),
    reason       TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    version      INTEGER NOT NULL
);
CREATE INDEX cross_office_decisions_case ON cross_office_decisions(case_id);
