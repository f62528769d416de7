-- Case work: the kandas status of each person, the regional quota and the families included in
-- it, the individual adaptation and integration plan, the services given, the stay at the
-- centre, and the reference settings of case work.
-- Append-only: never edit this file once it has landed; add a new migration instead.

-- Reference settings (extension length, stay length, …): one integer per key.
CREATE TABLE casework_settings (
    id       TEXT PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    value    INTEGER NOT NULL,
    note     TEXT,
    version  INTEGER NOT NULL
);

-- One application for the kandas status of one person, with its stages. The derived dates
-- (`granted_until`, `extended_until`, `valid_until`) are written with the stage that fixes them.
CREATE TABLE kandas_statuses (
    id                TEXT PRIMARY KEY,
    person_id         TEXT NOT NULL REFERENCES persons(id),
    applied_on        TEXT NOT NULL,
    recommended_on    TEXT,
    recommendation    TEXT CHECK (recommendation IN ('recommended', 'not_recommended')),
    decided_on        TEXT,
    decision          TEXT CHECK (decision IN ('granted', 'refused')),
    refusal_reason    TEXT,
    granted_until     TEXT,
    extended_on       TEXT,
    extension_months  INTEGER CHECK (extension_months BETWEEN 1 AND 12),
    extended_until    TEXT,
    ended_on          TEXT,
    end_reason        TEXT CHECK (end_reason IN ('citizenship', 'left_country', 'death', 'other')),
    end_note          TEXT,
    valid_until       TEXT,
    version           INTEGER NOT NULL
);
CREATE INDEX kandas_statuses_person ON kandas_statuses(person_id, applied_on);
CREATE INDEX kandas_statuses_valid_until ON kandas_statuses(valid_until)
    WHERE valid_until IS NOT NULL AND ended_on IS NULL;

-- The quota per region (or `KZ` for the national total) per year, from a date.
CREATE TABLE quota_rows (
    id              TEXT PRIMARY KEY,
    region          TEXT NOT NULL,
    year            INTEGER NOT NULL,
    people          INTEGER NOT NULL CHECK (people >= 0),
    effective_from  TEXT NOT NULL,
    note            TEXT,
    version         INTEGER NOT NULL,
    UNIQUE (region, year, effective_from)
);

-- A family included in the regional quota: how many people, by which decision.
CREATE TABLE quota_inclusions (
    id          TEXT PRIMARY KEY,
    family_id   TEXT NOT NULL UNIQUE REFERENCES families(id),
    region      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    decided_on  TEXT NOT NULL,
    people      INTEGER NOT NULL CHECK (people > 0),
    note        TEXT,
    version     INTEGER NOT NULL
);
CREATE INDEX quota_inclusions_region_year ON quota_inclusions(region, year);

-- Items of a family's individual adaptation and integration plan, numbered per family.
CREATE TABLE plan_items (
    id              TEXT PRIMARY KEY,
    family_id       TEXT NOT NULL REFERENCES families(id),
    number          INTEGER NOT NULL,
    area            TEXT NOT NULL,
    description     TEXT NOT NULL,
    responsible_id  TEXT REFERENCES users(id),
    due_date        TEXT,
    state           TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done', 'cancelled')),
    done_on         TEXT,
    note            TEXT,
    version         INTEGER NOT NULL,
    UNIQUE (family_id, number)
);
CREATE INDEX plan_items_due ON plan_items(due_date) WHERE state IN ('planned', 'in_progress');

-- Services given to a family or one of its members.
CREATE TABLE services (
    id            TEXT PRIMARY KEY,
    family_id     TEXT NOT NULL REFERENCES families(id),
    person_id     TEXT REFERENCES persons(id),
    kind          TEXT NOT NULL,
    given_on      TEXT NOT NULL,
    given_by      TEXT NOT NULL REFERENCES users(id),
    plan_item_id  TEXT REFERENCES plan_items(id),
    note          TEXT,
    version       INTEGER NOT NULL
);
CREATE INDEX services_family ON services(family_id, given_on);
CREATE INDEX services_given_on ON services(given_on, kind);

-- A family's stay at the centre.
CREATE TABLE stays (
    id           TEXT PRIMARY KEY,
    family_id    TEXT NOT NULL UNIQUE REFERENCES families(id),
    started_on   TEXT NOT NULL,
    planned_end  TEXT NOT NULL,
    ended_on     TEXT,
    version      INTEGER NOT NULL
);
