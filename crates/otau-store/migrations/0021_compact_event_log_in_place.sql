-- The compacted event log and checkpoints (0020) take the place of the old ones, with the same
-- indexes and the same guards. Runs with foreign keys off (schema.rs), as SQLite's way of
-- changing a table asks; `event_server_seqs` refers to `events(seq)` by name and finds the same
-- sequences in it, which the migration checks before it commits.
-- Append-only: never edit this file once it has landed; add a new migration instead.
DROP TABLE events;
ALTER TABLE event_log RENAME TO events;

CREATE UNIQUE INDEX events_event_id ON events(event_id);
-- Not unique: after a restore from a backup a device sends its later events again under a new
-- identity, and the old identity's own events then arrive from the centre beside them.
CREATE INDEX events_device_seq ON events(device_id, device_seq) WHERE device_seq IS NOT NULL;
CREATE INDEX events_entity ON events(entity_id);
CREATE INDEX events_subject ON events(subject_id) WHERE subject_id IS NOT NULL;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
-- INSERT OR REPLACE deletes without firing the DELETE trigger: refuse a second row with a key.
CREATE TRIGGER events_no_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events
             WHERE seq = NEW.seq OR event_id = envelope_json(NEW.body) ->> '$.event_id')
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

DROP TABLE audit_checkpoints;
ALTER TABLE checkpoint_log RENAME TO audit_checkpoints;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_replace BEFORE INSERT ON audit_checkpoints
WHEN EXISTS (SELECT 1 FROM audit_checkpoints WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
