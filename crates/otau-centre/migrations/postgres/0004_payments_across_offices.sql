-- One family paid the same one-time subsidy in two offices (`otau_centre::payments`): the
-- members and numbers of families as their inserts said them, the one-time payments as their
-- ledger entries said them (a reversal of the line marks its payment), and the cases found when
-- two offices paid families that share a person key.
CREATE TABLE family_members (
    person_id  TEXT PRIMARY KEY,
    office     TEXT NOT NULL,
    family_id  TEXT NOT NULL,
    relation   TEXT NOT NULL,
    name       TEXT NOT NULL
);
CREATE INDEX family_members_family ON family_members (family_id);

CREATE TABLE families_seen (
    family_id  TEXT PRIMARY KEY,
    office     TEXT NOT NULL,
    regno      TEXT NOT NULL
);

CREATE TABLE payments (
    entry_id      TEXT PRIMARY KEY,
    line_id       TEXT NOT NULL,
    office        TEXT NOT NULL,
    family_id     TEXT NOT NULL,
    subsidy_kind  TEXT NOT NULL,
    amount_tiyn   BIGINT NOT NULL,
    paid_on       TEXT NOT NULL,
    reversed_at   TEXT
);
CREATE INDEX payments_family ON payments (family_id);
CREATE INDEX payments_line ON payments (office, line_id);

CREATE TABLE payment_cases (
    id            TEXT PRIMARY KEY,
    subsidy_kind  TEXT NOT NULL,
    key           TEXT NOT NULL,
    office_a      TEXT NOT NULL,
    entry_a       TEXT NOT NULL,
    office_b      TEXT NOT NULL,
    entry_b       TEXT NOT NULL,
    found_at      TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'open'
);

CREATE INDEX person_keys_person ON person_keys (person_id);
