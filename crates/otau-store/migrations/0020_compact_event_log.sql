-- The event log and its checkpoints, smaller (issue 14): each envelope stored as a zstd frame
-- of its canonical JSON with a dictionary trained on envelopes (`body`, read in SQL as
-- `envelope_json(body)`, which the store registers on every connection: events_codec.rs), the
-- hash and the chain hash as 32 bytes each, and no copy of the previous row's chain hash (the
-- previous row holds it); each checkpoint's body likewise with a dictionary of its own, its
-- public key and signature as bytes. The texts, the hashes and the chain are the same as
-- before, so every signature still holds. The columns the queries need are generated from the
-- envelope and indexed, as before.
-- Append-only: never edit this file once it has landed; add a new migration instead.
-- The hook that runs after this file (schema.rs) copies every row of `events` into `event_log`
-- and of `audit_checkpoints` into `checkpoint_log`, in order, compressed; 0021 then drops the
-- old tables and gives the new ones their names, indexes and guards.
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

CREATE TABLE checkpoint_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    event_seq   INTEGER NOT NULL,
    body        BLOB NOT NULL,
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    signature   BLOB NOT NULL CHECK (length(signature) = 64)
);
