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
