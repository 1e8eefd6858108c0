"""Migration: the registers (docs/domain/registers.md) — delegationsordning (versioned by
adoption date), delegationsbeslut with per-nämnd categories, meddelanden, and
ej verkställda gynnande beslut (no names, no personnummer: kön and dates only).

anmald_sammantrade_id is the meeting where an entry is (to be) reported; the
reference to the meeting table is added by a later migration once that table exists.
"""

from db.migrations import run_script

SCHEMA = """
-- The categories a nämnd's delegation list is grouped by, in print order (as a real kallelse prints them:
-- Au protokoll, Biståndsbeslut, Kurser, …, Fonder).
CREATE TABLE delegationskategori (
    id       INTEGER PRIMARY KEY,
    namnd_id INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    namn     TEXT NOT NULL,
    ordning  INTEGER NOT NULL,
    -- how entries of this category are usually written: beslut, protokoll, period,
    -- antal, text (a default for the form; each entry keeps its own form)
    standardform TEXT NOT NULL DEFAULT 'beslut'
        CHECK (standardform IN ('beslut', 'protokoll', 'period', 'antal', 'text')),
    UNIQUE (namnd_id, namn)
);
CREATE INDEX delegationskategori_namnd ON delegationskategori(namnd_id, ordning);

-- A delegationsordning as adopted on a date; a new adoption is a new version.
CREATE TABLE delegationsordning (
    id         INTEGER PRIMARY KEY,
    namnd_id   INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    antagen    TEXT NOT NULL,
    paragraf   TEXT NOT NULL DEFAULT '',
    anteckning TEXT NOT NULL DEFAULT '',
    UNIQUE (namnd_id, antagen)
);

CREATE TABLE delegationspunkt (
    id         INTEGER PRIMARY KEY,
    ordning_id INTEGER NOT NULL REFERENCES delegationsordning(id) ON DELETE CASCADE,
    nummer     TEXT NOT NULL,
    arendetyp  TEXT NOT NULL,
    delegat    TEXT NOT NULL,
    lagrum     TEXT NOT NULL DEFAULT '',
    anmarkning TEXT NOT NULL DEFAULT '',
    sortering  INTEGER NOT NULL,
    UNIQUE (ordning_id, nummer)
);
CREATE INDEX delegationspunkt_ordning ON delegationspunkt(ordning_id, sortering);

-- form: beslut (one decision: date, delegat, point, Dnr, text), protokoll (another
-- organ's protocol: date and paragraphs "§ 15-19"), period (a summary from the case
-- system: datum – datum_till), antal (a count: "Anställningsavtal 227"), text (a title
-- or a name).
CREATE TABLE delegationsbeslut (
    id                    INTEGER PRIMARY KEY,
    namnd_id              INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    kategori_id           INTEGER REFERENCES delegationskategori(id) ON DELETE SET NULL,
    form                  TEXT NOT NULL DEFAULT 'beslut'
        CHECK (form IN ('beslut', 'protokoll', 'period', 'antal', 'text')),
    datum                 TEXT,
    datum_till            TEXT,
    delegat_person_id     INTEGER REFERENCES person(id) ON DELETE SET NULL,
    delegat               TEXT NOT NULL DEFAULT '',
    punkt_id              INTEGER REFERENCES delegationspunkt(id) ON DELETE SET NULL,
    punkt                 TEXT NOT NULL DEFAULT '',
    beskrivning           TEXT NOT NULL DEFAULT '',
    dnr                   TEXT NOT NULL DEFAULT '',
    dnr_ar                INTEGER,
    dnr_nr                INTEGER,
    paragrafer            TEXT NOT NULL DEFAULT '',
    antal                 INTEGER,
    anmald_sammantrade_id INTEGER,
    skapad                TEXT NOT NULL,
    CHECK (datum_till IS NULL OR datum IS NULL OR datum <= datum_till)
);
CREATE INDEX delegationsbeslut_datum ON delegationsbeslut(namnd_id, datum);
CREATE INDEX delegationsbeslut_kategori ON delegationsbeslut(kategori_id);
CREATE INDEX delegationsbeslut_anmald ON delegationsbeslut(anmald_sammantrade_id);
CREATE INDEX delegationsbeslut_person ON delegationsbeslut(delegat_person_id);
CREATE INDEX delegationsbeslut_punkt ON delegationsbeslut(punkt_id);

CREATE TABLE meddelande (
    id                    INTEGER PRIMARY KEY,
    namnd_id              INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    dnr                   TEXT NOT NULL DEFAULT '',
    dnr_ar                INTEGER,
    dnr_nr                INTEGER,
    rubrik                TEXT NOT NULL,
    inkom                 TEXT,
    avsandare             TEXT NOT NULL DEFAULT '',
    anmald_sammantrade_id INTEGER,
    skapad                TEXT NOT NULL
);
CREATE INDEX meddelande_inkom ON meddelande(namnd_id, inkom);
CREATE INDEX meddelande_anmald ON meddelande(anmald_sammantrade_id);

-- Gynnande beslut not carried out in time (docs/domain/registers.md). Anonymous by design.
CREATE TABLE ej_verkstallt_beslut (
    id           INTEGER PRIMARY KEY,
    namnd_id     INTEGER NOT NULL REFERENCES namnd(id) ON DELETE CASCADE,
    insats       TEXT NOT NULL,
    lag          TEXT NOT NULL CHECK (lag IN ('SoL', 'LSS')),
    beslutsdatum TEXT NOT NULL,
    avbrott      TEXT,
    kon          TEXT NOT NULL CHECK (kon IN ('K', 'M')),
    orsak        INTEGER NOT NULL CHECK (orsak IN (1, 2, 3)),
    orsak_text   TEXT NOT NULL DEFAULT '',
    erbjudanden  INTEGER NOT NULL DEFAULT 0 CHECK (erbjudanden >= 0),
    tackat_nej   INTEGER NOT NULL DEFAULT 0 CHECK (tackat_nej >= 0 AND tackat_nej <= erbjudanden),
    verkstallt   TEXT,
    avslutat     TEXT,
    skapad       TEXT NOT NULL,
    CHECK (avbrott IS NULL OR avbrott >= beslutsdatum),
    CHECK (verkstallt IS NULL OR verkstallt >= beslutsdatum),
    CHECK (avslutat IS NULL OR avslutat >= beslutsdatum)
);
CREATE INDEX ej_verkstallt_namnd ON ej_verkstallt_beslut(namnd_id, beslutsdatum);
"""


def up(conn):
    run_script(conn, SCHEMA)
