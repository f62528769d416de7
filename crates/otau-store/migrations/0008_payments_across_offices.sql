-- One family paid the same one-time subsidy in two offices: the cases the centre hands to this
-- office (what this office paid beside what the other paid, from the reference data: never
-- sent back), and the managers' decisions on them, which travel to the office's devices and,
-- through the centre, to the other office.
CREATE TABLE payment_cases (
    id            TEXT PRIMARY KEY,
    subsidy_kind  TEXT NOT NULL,
    key           TEXT NOT NULL,
    here          TEXT NOT NULL,
    other_office  TEXT NOT NULL,
    other         TEXT NOT NULL,
    found_at      TEXT NOT NULL,
    version       INTEGER NOT NULL
);

CREATE TABLE payment_case_decisions (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL,
    office_code  TEXT NOT NULL,
    decision     TEXT NOT NULL CHECK (decision IN ('keep_both', 'recover')),
    reason       TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    version      INTEGER NOT NULL
);
CREATE INDEX payment_case_decisions_case ON payment_case_decisions(case_id);
