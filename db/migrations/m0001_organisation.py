"""Migration 1: the migration log, settings, and the organisation
(docs/domain/organisation-and-formats.md)."""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE installning (
    nyckel TEXT PRIMARY KEY,
    varde  TEXT NOT NULL
);

CREATE TABLE kommun (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    namn                TEXT NOT NULL,
    postadress          TEXT NOT NULL DEFAULT '',
    besoksadress        TEXT NOT NULL DEFAULT '',
    telefon             TEXT NOT NULL DEFAULT '',
    epost               TEXT NOT NULL DEFAULT '',
    webb                TEXT NOT NULL DEFAULT '',
    organisationsnummer TEXT NOT NULL DEFAULT '',
    logo                BLOB,
    logo_mime           TEXT
);

CREATE TABLE namnd (
    id       INTEGER PRIMARY KEY,
    namn     TEXT NOT NULL,
    kortnamn TEXT NOT NULL,
    UNIQUE (kortnamn COLLATE NOCASE)
);

CREATE TABLE organ (
    id                   INTEGER PRIMARY KEY,
    namnd_id             INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    namn                 TEXT NOT NULL,
    typ                  TEXT NOT NULL
        CHECK (typ IN ('nämnd', 'arbetsutskott', 'utskott', 'beredning')),
    kortnamn             TEXT NOT NULL DEFAULT '',
    paragraf_format      TEXT NOT NULL DEFAULT '§ {nr}',
    paragraf_startnummer INTEGER NOT NULL DEFAULT 1 CHECK (paragraf_startnummer >= 1),
    UNIQUE (namnd_id, namn)
);
CREATE INDEX organ_namnd ON organ(namnd_id);

CREATE TABLE forvaltning (
    id       INTEGER PRIMARY KEY,
    namnd_id INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    namn     TEXT NOT NULL,
    kortnamn TEXT NOT NULL,
    UNIQUE (namnd_id, kortnamn)
);
CREATE INDEX forvaltning_namnd ON forvaltning(namnd_id);

CREATE TABLE person (
    id             INTEGER PRIMARY KEY,
    fornamn        TEXT NOT NULL,
    efternamn      TEXT NOT NULL,
    parti          TEXT NOT NULL DEFAULT '',
    titel          TEXT NOT NULL DEFAULT '',
    ar_tjansteman  INTEGER NOT NULL DEFAULT 0 CHECK (ar_tjansteman IN (0, 1)),
    forvaltning_id INTEGER REFERENCES forvaltning(id) ON DELETE SET NULL,
    epost          TEXT NOT NULL DEFAULT '',
    telefon        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_forvaltning ON person(forvaltning_id);

-- A seat in an organ for a mandate period.
CREATE TABLE uppdrag (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    organ_id  INTEGER NOT NULL REFERENCES organ(id) ON DELETE CASCADE,
    roll      TEXT NOT NULL CHECK (roll IN ('ordförande', '1:e vice ordförande',
                                            '2:e vice ordförande', 'ledamot', 'ersättare')),
    fran      TEXT NOT NULL,
    till      TEXT NOT NULL,
    ordning   INTEGER,
    CHECK (fran <= till)
);
CREATE INDEX uppdrag_person ON uppdrag(person_id);
CREATE INDEX uppdrag_organ ON uppdrag(organ_id);
"""


def up(conn):
    run_script(conn, SCHEMA)
