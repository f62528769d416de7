-- The same person in two offices (`otau_centre::crossing`): every key a person's events carried,
-- per office, and the cases found when another office's person holds the same key.
CREATE TABLE person_keys (
    key        TEXT NOT NULL,
    office     TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    PRIMARY KEY (key, office, person_id)
);

CREATE TABLE cross_cases (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL,
    office_a   TEXT NOT NULL,
    person_a   TEXT NOT NULL,
    office_b   TEXT NOT NULL,
    person_b   TEXT NOT NULL,
    found_at   TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'open'
);

-- What each office registered of a person, as its insert said it (shown to the other office
-- of a case), and reference items meant for one office only (a case is handed to its two
-- offices, nobody else).
CREATE TABLE persons_seen (
    person_id  TEXT PRIMARY KEY,
    office     TEXT NOT NULL,
    snapshot   TEXT NOT NULL
);

ALTER TABLE reference ADD COLUMN audience TEXT;
