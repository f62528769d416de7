-- The monthly summary reads a month's statuses by the day each was decided, extended or ended:
-- an index for each, so that a summary costs the month's records, not every status ever kept
-- (the centre adds up every office's summary at a million persons).
-- Append-only: never edit this file once it has landed; add a new migration instead.
CREATE INDEX kandas_statuses_decided ON kandas_statuses(decided_on) WHERE decided_on IS NOT NULL;
CREATE INDEX kandas_statuses_extended ON kandas_statuses(extended_on) WHERE extended_on IS NOT NULL;
CREATE INDEX kandas_statuses_ended ON kandas_statuses(ended_on) WHERE ended_on IS NOT NULL;
