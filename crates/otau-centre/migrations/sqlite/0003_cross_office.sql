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
