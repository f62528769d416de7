-- Packets carried by hand (`docs/SYNC.md`, "Packets"): each one imported once, and what each
-- device last reported of itself (the centre's packet for it starts there).
CREATE TABLE packets (
    packet_id   TEXT PRIMARY KEY,
    device_id   TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    at          TEXT NOT NULL,
    summary     TEXT NOT NULL
);

CREATE TABLE device_reports (
    device_id         TEXT PRIMARY KEY REFERENCES devices(id),
    acked             BIGINT NOT NULL,
    pull_cursor       BIGINT NOT NULL,
    reference_cursor  BIGINT NOT NULL,
    reported_at       TEXT NOT NULL
);
