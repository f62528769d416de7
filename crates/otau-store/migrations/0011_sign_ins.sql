-- Sign-ins on this device: failed attempts in a row per login, with the lock they earned, and
-- every attempt with its outcome. Both stay on the device: no entity names them, so no event
-- carries them, and they are not among the office's rows that devices compare.

CREATE TABLE sign_in_failures (
    login         TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL CHECK (failures > 0),
    locked_until  TEXT
);

CREATE TABLE sign_in_log (
    id       INTEGER PRIMARY KEY,
    login    TEXT NOT NULL,
    at       TEXT NOT NULL,
    outcome  TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'locked', 'inactive'))
);
CREATE INDEX sign_in_log_by_login ON sign_in_log (login, id);

-- The log is what the administrator reads after an incident: it is never changed.
CREATE TRIGGER sign_in_log_no_update BEFORE UPDATE ON sign_in_log
BEGIN SELECT RAISE(ABORT, 'sign_in_log is append-only'); END;
CREATE TRIGGER sign_in_log_no_delete BEFORE DELETE ON sign_in_log
BEGIN SELECT RAISE(ABORT, 'sign_in_log is append-only'); END;
