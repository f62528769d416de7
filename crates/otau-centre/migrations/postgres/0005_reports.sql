-- A region's or the country's monthly summary closed at the centre (`otau_centre::reports`):
-- frozen as it stood when closed, and read as it is from then on.
-- Append-only: never edit this file once it has landed; add a new migration instead.
CREATE TABLE closed_reports (
    scope      TEXT NOT NULL,
    month      TEXT NOT NULL,
    summary    TEXT NOT NULL,
    closed_at  TEXT NOT NULL,
    closed_by  TEXT NOT NULL,
    PRIMARY KEY (scope, month)
);
