-- This computer's settings an administrator sets in the app (issue 15): where documents are
-- saved and how long the screen may stay idle before it locks. A row per setting, written as a
-- private record (logged in this device's history, never sent: another computer of the office
-- has its own folders and its own place in the room).
-- Append-only: never edit this file once it has landed; add a new migration instead.
CREATE TABLE device_settings (
    id       TEXT PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE CHECK (key IN ('docs_folder', 'idle_minutes')),
    value    TEXT NOT NULL,
    version  INTEGER NOT NULL
);

INSERT INTO state_row_counts (tbl, n) SELECT 'device_settings', COUNT(*) FROM device_settings;
CREATE TRIGGER device_settings_counted_in AFTER INSERT ON device_settings
BEGIN UPDATE state_row_counts SET n = n + 1 WHERE tbl = 'device_settings'; END;
CREATE TRIGGER device_settings_counted_out AFTER DELETE ON device_settings
BEGIN UPDATE state_row_counts SET n = n - 1 WHERE tbl = 'device_settings'; END;
