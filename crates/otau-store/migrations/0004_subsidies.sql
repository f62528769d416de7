-- Subsidies and payments: versioned subsidy rules, decisions and their instalments, the
-- append-only payment ledger, moves away from the region and the reimbursement cases they open.
-- Append-only: never edit this file once it has landed; add a new migration instead.

-- Subsidy rules as data: every version of every rule, never changed (a correction is the next
-- version). `body` is the whole rule as JSON (otau_core::subsidy::SubsidyRule).
CREATE TABLE subsidy_rules (
    id            TEXT PRIMARY KEY,
    rule_id       TEXT NOT NULL,
    rule_version  INTEGER NOT NULL CHECK (rule_version >= 1),
    kind          TEXT NOT NULL
                  CHECK (kind IN ('relocation', 'rent', 'mobility_certificate', 'employer')),
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    body          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    UNIQUE (rule_id, rule_version)
);
CREATE TRIGGER subsidy_rules_no_update BEFORE UPDATE ON subsidy_rules
BEGIN SELECT RAISE(ABORT, 'subsidy_rules is append-only'); END;
CREATE TRIGGER subsidy_rules_no_delete BEFORE DELETE ON subsidy_rules
BEGIN SELECT RAISE(ABORT, 'subsidy_rules is append-only'); END;

-- A decision: the family, the kind, the rule version it was made under and the facts used.
-- Never changed: what it comes to now is in the ledger.
CREATE TABLE subsidy_decisions (
    id                 TEXT PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    family_id          TEXT NOT NULL REFERENCES families(id),
    kind               TEXT NOT NULL
                       CHECK (kind IN ('relocation', 'rent', 'mobility_certificate', 'employer')),
    rule_id            TEXT NOT NULL,
    rule_version       INTEGER NOT NULL,
    decided_on         TEXT NOT NULL,
    first_due_on       TEXT NOT NULL CHECK (first_due_on >= decided_on),
    members            INTEGER NOT NULL CHECK (members >= 1),
    settlement_type    TEXT CHECK (settlement_type IN ('town', 'village')),
    housing_cost_tiyn  INTEGER CHECK (housing_cost_tiyn > 0),
    months             INTEGER CHECK (months >= 1),
    instalments        INTEGER NOT NULL CHECK (instalments >= 1),
    total_tiyn         INTEGER NOT NULL CHECK (total_tiyn > 0),
    note               TEXT,
    prepared_by        TEXT NOT NULL,
    version            INTEGER NOT NULL,
    FOREIGN KEY (rule_id, rule_version) REFERENCES subsidy_rules(rule_id, rule_version)
);
CREATE INDEX subsidy_decisions_family ON subsidy_decisions(family_id, kind);
CREATE TRIGGER subsidy_decisions_no_update BEFORE UPDATE ON subsidy_decisions
BEGIN SELECT RAISE(ABORT, 'subsidy_decisions is append-only'); END;
CREATE TRIGGER subsidy_decisions_no_delete BEFORE DELETE ON subsidy_decisions
BEGIN SELECT RAISE(ABORT, 'subsidy_decisions is append-only'); END;

-- The schedule of a decision: one row per instalment and due date. Amounts live in the ledger.
CREATE TABLE subsidy_instalments (
    id           TEXT PRIMARY KEY,
    decision_id  TEXT NOT NULL REFERENCES subsidy_decisions(id),
    family_id    TEXT NOT NULL REFERENCES families(id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    due_date     TEXT NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (decision_id, seq)
);
CREATE TRIGGER subsidy_instalments_no_update BEFORE UPDATE ON subsidy_instalments
BEGIN SELECT RAISE(ABORT, 'subsidy_instalments is append-only'); END;
CREATE TRIGGER subsidy_instalments_no_delete BEFORE DELETE ON subsidy_instalments
BEGIN SELECT RAISE(ABORT, 'subsidy_instalments is append-only'); END;

-- The payment ledger. An accrued entry opens a line (line_id = its own id) for an instalment and
-- carries the amount, the MCI row in force on the due date and the rule version; approved, paid
-- and reversed entries refer to the line and repeat its amount. Amounts are positive integers of
-- tiyn (and hundredths of an MCI); the kind says which way they count.
CREATE TABLE ledger_entries (
    id                  TEXT PRIMARY KEY,
    line_id             TEXT NOT NULL,
    decision_id         TEXT NOT NULL REFERENCES subsidy_decisions(id),
    instalment_id       TEXT NOT NULL REFERENCES subsidy_instalments(id),
    family_id           TEXT NOT NULL REFERENCES families(id),
    subsidy_kind        TEXT NOT NULL
                        CHECK (subsidy_kind IN ('relocation', 'rent', 'mobility_certificate', 'employer')),
    kind                TEXT NOT NULL CHECK (kind IN ('accrued', 'approved', 'paid', 'reversed')),
    due_date            TEXT NOT NULL,
    amount_tiyn         INTEGER NOT NULL CHECK (typeof(amount_tiyn) = 'integer' AND amount_tiyn > 0),
    amount_mci          INTEGER CHECK (amount_mci IS NULL
                            OR (typeof(amount_mci) = 'integer' AND amount_tiyn = amount_mci * mci_tenge)),
    mci_effective_from  TEXT NOT NULL,
    mci_tenge           INTEGER NOT NULL CHECK (typeof(mci_tenge) = 'integer' AND mci_tenge > 0),
    rule_id             TEXT NOT NULL,
    rule_version        INTEGER NOT NULL,
    explanation         TEXT NOT NULL,
    order_number        TEXT CHECK ((kind = 'paid') = (order_number IS NOT NULL)),
    paid_on             TEXT CHECK ((kind = 'paid') = (paid_on IS NOT NULL)),
    reverses_kind       TEXT CHECK ((kind = 'reversed') = (reverses_kind IS NOT NULL)
                            AND (reverses_kind IS NULL OR reverses_kind IN ('accrued', 'approved'))),
    reason              TEXT CHECK (kind <> 'reversed' OR reason IS NOT NULL),
    prepared_by         TEXT NOT NULL,
    acted_by            TEXT NOT NULL,
    at                  TEXT NOT NULL,
    version             INTEGER NOT NULL
);
-- At most one entry of each kind per line; also how a line's entries are found.
CREATE UNIQUE INDEX ledger_line_kind ON ledger_entries(line_id, kind);
CREATE INDEX ledger_instalment ON ledger_entries(instalment_id, kind);
CREATE INDEX ledger_decision ON ledger_entries(decision_id);
CREATE INDEX ledger_family ON ledger_entries(family_id);
-- "Due this month" and "awaiting approval": accrued lines by due date.
CREATE INDEX ledger_kind_due ON ledger_entries(kind, due_date);
-- Period totals: one range seek per kind of subsidy and kind of entry (queried with IN lists on
-- the first two columns), holding everything the sums need, so the table itself is never read.
CREATE INDEX ledger_totals ON ledger_entries(subsidy_kind, kind, due_date, reverses_kind, amount_tiyn);
-- Paid in a period (cash basis): a seek on kind and payment date, holding what the sums need.
CREATE INDEX ledger_paid_on ON ledger_entries(kind, paid_on, subsidy_kind, amount_tiyn)
    WHERE kind = 'paid';

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;

-- The rules of a line, kept by the database as well as by the library.
CREATE TRIGGER ledger_accrual_opens_a_line BEFORE INSERT ON ledger_entries
WHEN NEW.kind = 'accrued'
BEGIN
    SELECT RAISE(ABORT, 'ledger: an accrual opens its own line')
    WHERE NEW.line_id <> NEW.id;
    SELECT RAISE(ABORT, 'ledger: the instalment already has an open line')
    WHERE EXISTS (
        SELECT 1 FROM ledger_entries a
        WHERE a.instalment_id = NEW.instalment_id AND a.kind = 'accrued'
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.line_id = a.id AND r.kind = 'reversed'));
    SELECT RAISE(ABORT, 'ledger: the accrual does not match its instalment')
    WHERE NOT EXISTS (
        SELECT 1 FROM subsidy_instalments i
        WHERE i.id = NEW.instalment_id AND i.decision_id = NEW.decision_id
          AND i.family_id = NEW.family_id AND i.due_date = NEW.due_date);
END;
CREATE TRIGGER ledger_entry_follows_its_line BEFORE INSERT ON ledger_entries
WHEN NEW.kind <> 'accrued'
BEGIN
    SELECT RAISE(ABORT, 'ledger: the entry does not match an accrued line')
    WHERE NOT EXISTS (
        SELECT 1 FROM ledger_entries a
        WHERE a.id = NEW.line_id AND a.kind = 'accrued' AND a.instalment_id = NEW.instalment_id
          AND a.amount_tiyn = NEW.amount_tiyn AND a.due_date = NEW.due_date
          AND a.subsidy_kind = NEW.subsidy_kind AND a.prepared_by = NEW.prepared_by);
    SELECT RAISE(ABORT, 'ledger: a paid line never changes')
    WHERE EXISTS (SELECT 1 FROM ledger_entries p WHERE p.line_id = NEW.line_id AND p.kind = 'paid');
    SELECT RAISE(ABORT, 'ledger: the line is reversed')
    WHERE EXISTS (SELECT 1 FROM ledger_entries r WHERE r.line_id = NEW.line_id AND r.kind = 'reversed');
    SELECT RAISE(ABORT, 'ledger: a payment needs an approval first')
    WHERE NEW.kind = 'paid'
      AND NOT EXISTS (SELECT 1 FROM ledger_entries p WHERE p.line_id = NEW.line_id AND p.kind = 'approved');
    SELECT RAISE(ABORT, 'ledger: the person who prepared an entry cannot approve it')
    WHERE NEW.kind = 'approved' AND NEW.acted_by = NEW.prepared_by;
    SELECT RAISE(ABORT, 'ledger: a reversal must say what it reverses')
    WHERE NEW.kind = 'reversed'
      AND NEW.reverses_kind <> CASE WHEN EXISTS (
              SELECT 1 FROM ledger_entries p WHERE p.line_id = NEW.line_id AND p.kind = 'approved')
          THEN 'approved' ELSE 'accrued' END;
END;

-- Projection: every ledger line with its state and what the lists show of it, kept by the
-- triggers below in the same transaction as the entries, and rebuilt from them by
-- Store::rebuild_ledger_lines (tests compare the two). Ordered by state and due date, so "due
-- this month" and "awaiting approval" are one range of this table each and cost what they return.
CREATE TABLE ledger_lines (
    state            TEXT NOT NULL
                     CHECK (state IN ('awaiting_approval', 'approved', 'paid', 'cancelled')),
    due_date         TEXT NOT NULL,
    decision_number  TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    line_id          TEXT NOT NULL UNIQUE,
    instalment_id    TEXT NOT NULL,
    decision_id      TEXT NOT NULL,
    family_regno     TEXT NOT NULL,
    subsidy_kind     TEXT NOT NULL,
    instalments      INTEGER NOT NULL,
    amount_tiyn      INTEGER NOT NULL,
    amount_mci       INTEGER,
    mci_tenge        INTEGER NOT NULL,
    prepared_by      TEXT NOT NULL,
    PRIMARY KEY (state, due_date, decision_number, seq, line_id)
) WITHOUT ROWID;
CREATE TRIGGER ledger_lines_open AFTER INSERT ON ledger_entries
WHEN NEW.kind = 'accrued'
BEGIN
    INSERT INTO ledger_lines (state, due_date, decision_number, seq, line_id, instalment_id,
        decision_id, family_regno, subsidy_kind, instalments, amount_tiyn, amount_mci,
        mci_tenge, prepared_by)
    SELECT 'awaiting_approval', NEW.due_date, d.number, i.seq, NEW.line_id, NEW.instalment_id,
        NEW.decision_id, f.regno, NEW.subsidy_kind, d.instalments, NEW.amount_tiyn,
        NEW.amount_mci, NEW.mci_tenge, NEW.prepared_by
    FROM subsidy_instalments i
    JOIN subsidy_decisions d ON d.id = i.decision_id
    JOIN families f ON f.id = i.family_id
    WHERE i.id = NEW.instalment_id;
END;
CREATE TRIGGER ledger_lines_follow AFTER INSERT ON ledger_entries
WHEN NEW.kind <> 'accrued'
BEGIN
    UPDATE ledger_lines
    SET state = CASE NEW.kind WHEN 'approved' THEN 'approved' WHEN 'paid' THEN 'paid'
                ELSE 'cancelled' END
    WHERE line_id = NEW.line_id;
END;

-- A family's move away from its region (one per family).
CREATE TABLE family_departures (
    id           TEXT PRIMARY KEY,
    family_id    TEXT NOT NULL UNIQUE REFERENCES families(id),
    moved_on     TEXT NOT NULL,
    reason       TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    version      INTEGER NOT NULL
);

-- Money a family must pay back because it moved away within a rule's term.
CREATE TABLE reimbursement_cases (
    id            TEXT PRIMARY KEY,
    family_id     TEXT NOT NULL REFERENCES families(id),
    decision_id   TEXT NOT NULL UNIQUE REFERENCES subsidy_decisions(id),
    departure_id  TEXT NOT NULL REFERENCES family_departures(id),
    amount_tiyn   INTEGER NOT NULL CHECK (typeof(amount_tiyn) = 'integer' AND amount_tiyn > 0),
    term_ends_on  TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'settled', 'waived')),
    reason        TEXT NOT NULL,
    version       INTEGER NOT NULL
);
CREATE INDEX reimbursement_cases_family ON reimbursement_cases(family_id);
