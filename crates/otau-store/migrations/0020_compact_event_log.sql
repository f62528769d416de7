-- The event log, smaller (issue 14): each envelope stored as a zstd frame of its canonical JSON
-- with a dictionary trained on envelopes (`body`, read in SQL as `envelope_json(body)`, which
-- the store registers on every connection: events_codec.rs), the hash and the chain hash as 32
-- bytes each, and no copy of the previous row's chain hash (the previous row holds it). The
-- text, the hashes and the chain are the same as before, so every signed checkpoint still
-- holds. The columns the queries need are generated from the envelope and indexed, as before.
-- Append-only: never edit this file once it has landed; add a new migration instead.
-- The hook that runs after this file (schema.rs) copies every row of `events` into `event_log`
-- in order, compressed; 0021 then drops `events` and gives `event_log` its name and indexes.
CREATE TABLE event_log (
    seq         INTEGER PRIMARY KEY,
    origin      TEXT NOT NULL CHECK (origin IN ('local', 'private', 'remote', 'derived', 'reference')),
    body        BLOB NOT NULL,
    hash        BLOB NOT NULL CHECK (length(hash) = 32),
    chain_hash  BLOB NOT NULL CHECK (length(chain_hash) = 32),
    event_id    TEXT GENERATED ALWAYS AS (envelope_json(body) ->> '$.event_id') VIRTUAL,
    device_id   TEXT GENERATED ALWAYS AS (envelope_json(body) ->> '$.device_id') VIRTUAL,
    device_seq  INTEGER GENERATED ALWAYS AS (envelope_json(body) ->> '$.device_seq') VIRTUAL,
    entity_id   TEXT GENERATED ALWAYS AS (envelope_json(body) ->> '$.entity_id') VIRTUAL,
    subject_id  TEXT GENERATED ALWAYS AS (envelope_json(body) ->> '$.subject_id') VIRTUAL
);
