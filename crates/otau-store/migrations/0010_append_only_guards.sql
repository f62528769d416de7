-- Append-only means append-only whatever SQL is tried: a replacing insert (INSERT OR REPLACE,
-- REPLACE INTO) deletes the row it meets without firing the DELETE triggers, so it could rewrite
-- an issued document, take a void back or name another approver of a ledger entry; and the
-- `ledger_lines` projection had no guard at all.
-- Append-only: never edit this file once it has landed; add a new migration instead.
--
-- # Design
-- Each append-only table refuses, before the insert, a row that meets one already there on any
-- of its keys (the id, the rowid, every unique key): that is the only insert REPLACE could turn
-- into a rewrite, and an upsert (ON CONFLICT DO UPDATE) is refused by the same check, before its
-- UPDATE is tried. The other way, `PRAGMA recursive_triggers = ON` (REPLACE then fires the DELETE
-- triggers), was not taken: it holds only on connections that set it (the sqlite3 shell, a backup
-- tool or a test's own connection would not), and it changes how every trigger of the schema
-- that writes to a table with triggers behaves. These guards are in the schema, so they hold on
-- every connection. A plain insert of a key that is taken now fails with "... is append-only"
-- instead of the unique constraint's message; both were refusals. UPDATE OR REPLACE is an UPDATE
-- and was already refused by each table's UPDATE trigger.
--
-- `ledger_lines` changes only as its entries say: a line inserted, changed or removed must
-- agree with `ledger_line_truth` (the projection computed from the entries), so the triggers
-- on `ledger_entries` and `Store::rebuild_ledger_lines` pass and anything else is refused. This
-- holds with a page from another device too (`sync_applying`): the entries it brings move the
-- lines through the same triggers. A marker row saying "the triggers are writing" was not taken:
-- anyone could insert it, as anyone can insert the row of `sync_applying`.

CREATE TRIGGER office_signing_keys_no_replace BEFORE INSERT ON office_signing_keys
WHEN EXISTS (SELECT 1 FROM office_signing_keys WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'office_signing_keys is append-only'); END;

CREATE TRIGGER issued_documents_no_replace BEFORE INSERT ON issued_documents
WHEN EXISTS (
    SELECT 1 FROM issued_documents
    WHERE id = NEW.id OR rowid = NEW.rowid
       OR (NEW.copy_of IS NULL AND copy_of IS NULL
           AND (number = NEW.number
                OR (office_code = NEW.office_code AND year = NEW.year AND seq = NEW.seq))))
BEGIN SELECT RAISE(ABORT, 'issued_documents is append-only'); END;

CREATE TRIGGER document_voids_no_replace BEFORE INSERT ON document_voids
WHEN EXISTS (
    SELECT 1 FROM document_voids
    WHERE id = NEW.id OR rowid = NEW.rowid OR document_id = NEW.document_id)
BEGIN SELECT RAISE(ABORT, 'document_voids is append-only'); END;

CREATE TRIGGER closed_months_no_replace BEFORE INSERT ON closed_months
WHEN EXISTS (
    SELECT 1 FROM closed_months
    WHERE id = NEW.id OR rowid = NEW.rowid
       OR (office_code = NEW.office_code AND month = NEW.month))
BEGIN SELECT RAISE(ABORT, 'closed_months is append-only'); END;

CREATE TRIGGER subsidy_rules_no_replace BEFORE INSERT ON subsidy_rules
WHEN EXISTS (
    SELECT 1 FROM subsidy_rules
    WHERE id = NEW.id OR rowid = NEW.rowid
       OR (rule_id = NEW.rule_id AND rule_version = NEW.rule_version))
BEGIN SELECT RAISE(ABORT, 'subsidy_rules is append-only'); END;

CREATE TRIGGER subsidy_decisions_no_replace BEFORE INSERT ON subsidy_decisions
WHEN EXISTS (
    SELECT 1 FROM subsidy_decisions
    WHERE id = NEW.id OR rowid = NEW.rowid OR number = NEW.number)
BEGIN SELECT RAISE(ABORT, 'subsidy_decisions is append-only'); END;

CREATE TRIGGER subsidy_instalments_no_replace BEFORE INSERT ON subsidy_instalments
WHEN EXISTS (
    SELECT 1 FROM subsidy_instalments
    WHERE id = NEW.id OR rowid = NEW.rowid
       OR (decision_id = NEW.decision_id AND seq = NEW.seq))
BEGIN SELECT RAISE(ABORT, 'subsidy_instalments is append-only'); END;

CREATE TRIGGER ledger_no_replace BEFORE INSERT ON ledger_entries
WHEN EXISTS (SELECT 1 FROM ledger_entries WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;

CREATE TRIGGER device_incarnations_no_replace BEFORE INSERT ON device_incarnations
WHEN EXISTS (
    SELECT 1 FROM device_incarnations WHERE device_id = NEW.device_id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'device_incarnations is append-only'); END;

-- The state of every line, from its entries alone: a reversal cancels it, else a payment pays
-- it, else an approval approves it.
CREATE VIEW ledger_line_states AS
SELECT a.id AS line_id,
       CASE WHEN EXISTS (SELECT 1 FROM ledger_entries x WHERE x.line_id = a.id AND x.kind = 'reversed')
                THEN 'cancelled'
            WHEN EXISTS (SELECT 1 FROM ledger_entries x WHERE x.line_id = a.id AND x.kind = 'paid')
                THEN 'paid'
            WHEN EXISTS (SELECT 1 FROM ledger_entries x WHERE x.line_id = a.id AND x.kind = 'approved')
                THEN 'approved'
            ELSE 'awaiting_approval' END AS state
FROM ledger_entries a
WHERE a.kind = 'accrued';

-- The projection as the entries give it, row for row as `ledger_lines` holds it.
CREATE VIEW ledger_line_truth AS
SELECT s.state, a.due_date, d.number AS decision_number, i.seq, a.id AS line_id, a.instalment_id,
       a.decision_id, f.regno AS family_regno, a.subsidy_kind, d.instalments, a.amount_tiyn,
       a.amount_mci, a.mci_tenge, a.prepared_by
FROM ledger_entries a
JOIN ledger_line_states s ON s.line_id = a.id
JOIN subsidy_instalments i ON i.id = a.instalment_id
JOIN subsidy_decisions d ON d.id = a.decision_id
JOIN families f ON f.id = i.family_id
WHERE a.kind = 'accrued';

-- The projection starts as the entries give it (a line whose entries arrived from other devices
-- out of their usual order may have kept the state of the last one), and the entries move it by
-- the same rule from now on.
DELETE FROM ledger_lines;
INSERT INTO ledger_lines (state, due_date, decision_number, seq, line_id, instalment_id,
    decision_id, family_regno, subsidy_kind, instalments, amount_tiyn, amount_mci, mci_tenge,
    prepared_by)
SELECT state, due_date, decision_number, seq, line_id, instalment_id, decision_id, family_regno,
       subsidy_kind, instalments, amount_tiyn, amount_mci, mci_tenge, prepared_by
FROM ledger_line_truth;

DROP TRIGGER ledger_lines_follow;
CREATE TRIGGER ledger_lines_follow AFTER INSERT ON ledger_entries
WHEN NEW.kind <> 'accrued'
BEGIN
    UPDATE ledger_lines
    SET state = (SELECT s.state FROM ledger_line_states s WHERE s.line_id = NEW.line_id)
    WHERE line_id = NEW.line_id;
END;

CREATE TRIGGER ledger_lines_insert_the_truth BEFORE INSERT ON ledger_lines
WHEN EXISTS (SELECT 1 FROM ledger_lines WHERE line_id = NEW.line_id)
  OR NOT EXISTS (
    SELECT 1 FROM ledger_line_truth t
    WHERE t.line_id = NEW.line_id AND t.state = NEW.state AND t.due_date = NEW.due_date
      AND t.decision_number = NEW.decision_number AND t.seq = NEW.seq
      AND t.instalment_id = NEW.instalment_id AND t.decision_id = NEW.decision_id
      AND t.family_regno = NEW.family_regno AND t.subsidy_kind = NEW.subsidy_kind
      AND t.instalments = NEW.instalments AND t.amount_tiyn = NEW.amount_tiyn
      AND t.amount_mci IS NEW.amount_mci AND t.mci_tenge = NEW.mci_tenge
      AND t.prepared_by = NEW.prepared_by)
BEGIN SELECT RAISE(ABORT, 'ledger_lines is kept from ledger_entries only'); END;

-- Only the state moves, and only to the state the entries give.
CREATE TRIGGER ledger_lines_update_to_the_truth BEFORE UPDATE ON ledger_lines
WHEN NEW.due_date IS NOT OLD.due_date OR NEW.decision_number IS NOT OLD.decision_number
  OR NEW.seq IS NOT OLD.seq OR NEW.line_id IS NOT OLD.line_id
  OR NEW.instalment_id IS NOT OLD.instalment_id OR NEW.decision_id IS NOT OLD.decision_id
  OR NEW.family_regno IS NOT OLD.family_regno OR NEW.subsidy_kind IS NOT OLD.subsidy_kind
  OR NEW.instalments IS NOT OLD.instalments OR NEW.amount_tiyn IS NOT OLD.amount_tiyn
  OR NEW.amount_mci IS NOT OLD.amount_mci OR NEW.mci_tenge IS NOT OLD.mci_tenge
  OR NEW.prepared_by IS NOT OLD.prepared_by
  OR NEW.state IS NOT (SELECT s.state FROM ledger_line_states s WHERE s.line_id = OLD.line_id)
BEGIN SELECT RAISE(ABORT, 'ledger_lines is kept from ledger_entries only'); END;

-- A line the entries give stays; only one that disagrees with them may go (a rebuild).
CREATE TRIGGER ledger_lines_delete_only_what_is_wrong BEFORE DELETE ON ledger_lines
WHEN EXISTS (
    SELECT 1 FROM ledger_line_truth t
    WHERE t.line_id = OLD.line_id AND t.state = OLD.state AND t.due_date = OLD.due_date
      AND t.decision_number = OLD.decision_number AND t.seq = OLD.seq
      AND t.instalment_id = OLD.instalment_id AND t.decision_id = OLD.decision_id
      AND t.family_regno = OLD.family_regno AND t.subsidy_kind = OLD.subsidy_kind
      AND t.instalments = OLD.instalments AND t.amount_tiyn = OLD.amount_tiyn
      AND t.amount_mci IS OLD.amount_mci AND t.mci_tenge = OLD.mci_tenge
      AND t.prepared_by = OLD.prepared_by)
BEGIN SELECT RAISE(ABORT, 'ledger_lines is kept from ledger_entries only'); END;
