"""Sammanträden (docs/domain/deadlines.md, docs/domain/documents.md): meetings per organ,
the agenda template, ärenden with their tjänsteskrivelse fields and signers, and bilagor
stored inside the file.

Meeting status is checked by triggers rather than a CHECK constraint, so that a later
migration can allow more states (justerat, anslaget) by replacing the triggers instead
of rebuilding the table. Bilaga contents live in ``bilagefil`` once per distinct file
(sha256), so copying an ärende with its bilagor from the AU to the nämnd costs nothing;
triggers delete a file when the last bilaga using it goes.
"""

from db.migrations import run_script

SCHEMA = """
-- How an organ's meetings are called: the deadline from its reglemente, the secretary,
-- and defaults for new meetings.
CREATE TABLE kallelseinstallning (
    organ_id       INTEGER PRIMARY KEY REFERENCES organ(id) ON DELETE CASCADE,
    kallelse_dagar INTEGER NOT NULL DEFAULT 7 CHECK (kallelse_dagar BETWEEN 0 AND 90),
    sekreterare_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    plats          TEXT NOT NULL DEFAULT '',
    starttid       TEXT NOT NULL DEFAULT '',
    gruppmoten     TEXT NOT NULL DEFAULT '',
    meddelande     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kallelseinstallning_sekreterare ON kallelseinstallning(sekreterare_id);

-- Standard items that open ('före') and close ('efter') every agenda of an organ.
CREATE TABLE dagordningsmall (
    id                  INTEGER PRIMARY KEY,
    organ_id            INTEGER NOT NULL REFERENCES organ(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    rubrik              TEXT NOT NULL,
    typ                 TEXT NOT NULL CHECK (typ IN ('beslut', 'information', 'standard')),
    placering           TEXT NOT NULL DEFAULT 'före' CHECK (placering IN ('före', 'efter')),
    forslag_till_beslut TEXT NOT NULL DEFAULT '',
    UNIQUE (organ_id, position)
);

CREATE TABLE sammantrade (
    id               INTEGER PRIMARY KEY,
    organ_id         INTEGER NOT NULL REFERENCES organ(id) ON DELETE CASCADE,
    datum            TEXT NOT NULL CHECK (datum GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    starttid         TEXT NOT NULL DEFAULT '',
    sluttid          TEXT NOT NULL DEFAULT '',
    plats            TEXT NOT NULL DEFAULT '',
    gruppmoten       TEXT NOT NULL DEFAULT '',
    meddelande       TEXT NOT NULL DEFAULT '',
    sekreterare_id   INTEGER REFERENCES person(id) ON DELETE SET NULL,
    status           TEXT NOT NULL DEFAULT 'planerat',
    kallelse_skickad TEXT,
    skapad           TEXT NOT NULL
);
CREATE INDEX sammantrade_organ_datum ON sammantrade(organ_id, datum);
CREATE INDEX sammantrade_sekreterare ON sammantrade(sekreterare_id);

CREATE TRIGGER sammantrade_status_insert BEFORE INSERT ON sammantrade
WHEN NEW.status NOT IN ('planerat', 'kallat', 'genomfört')
BEGIN
    SELECT RAISE(ABORT, 'Okänd status för sammanträde');
END;

CREATE TRIGGER sammantrade_status_update BEFORE UPDATE OF status ON sammantrade
WHEN NEW.status NOT IN ('planerat', 'kallat', 'genomfört')
BEGIN
    SELECT RAISE(ABORT, 'Okänd status för sammanträde');
END;

-- An item on a meeting's agenda. position is the printed number (1, 2, 3 …).
-- Long texts are NK-HTML (app/richtext.py); lists are JSON arrays of strings.
CREATE TABLE arende (
    id                      INTEGER PRIMARY KEY,
    sammantrade_id          INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    position                INTEGER NOT NULL CHECK (position >= 1),
    rubrik                  TEXT NOT NULL,
    dnr                     TEXT NOT NULL DEFAULT '',
    dnr_prefix              TEXT,
    dnr_ar                  INTEGER,
    dnr_lopnr               INTEGER,
    dnr_suffix              TEXT,
    typ                     TEXT NOT NULL DEFAULT 'beslut'
        CHECK (typ IN ('beslut', 'information', 'standard')),
    extra                   INTEGER NOT NULL DEFAULT 0 CHECK (extra IN (0, 1)),
    mallplacering           TEXT CHECK (mallplacering IN ('före', 'efter')),
    foredragande            TEXT NOT NULL DEFAULT '',
    forvaltning_id          INTEGER REFERENCES forvaltning(id) ON DELETE SET NULL,
    handlaggare_id          INTEGER REFERENCES person(id) ON DELETE SET NULL,
    handlaggare             TEXT NOT NULL DEFAULT '',
    datum                   TEXT,
    forslag_kalla           TEXT NOT NULL DEFAULT 'förvaltning'
        CHECK (forslag_kalla IN ('förvaltning', 'arbetsutskott')),
    forslag_till_beslut     TEXT NOT NULL DEFAULT '',
    beskrivning_rubrik      TEXT NOT NULL DEFAULT 'Beskrivning av ärendet'
        CHECK (beskrivning_rubrik IN ('Beskrivning av ärendet', 'Sammanfattning')),
    beskrivning             TEXT NOT NULL DEFAULT '',
    ekonomiska_konsekvenser TEXT NOT NULL DEFAULT '',
    beslutsunderlag         TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(beslutsunderlag) AND json_type(beslutsunderlag) = 'array'),
    skickas_till            TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(skickas_till) AND json_type(skickas_till) = 'array'),
    kopierad_fran           INTEGER REFERENCES arende(id) ON DELETE SET NULL,
    UNIQUE (sammantrade_id, position)
);
CREATE INDEX arende_dnr ON arende(dnr_ar, dnr_lopnr);
CREATE INDEX arende_kopierad_fran ON arende(kopierad_fran);
CREATE INDEX arende_forvaltning ON arende(forvaltning_id);
CREATE INDEX arende_handlaggare ON arende(handlaggare_id);

-- Who signs the tjänsteskrivelse; name and title are kept as printed, even if the
-- person is later edited or removed.
CREATE TABLE undertecknare (
    id        INTEGER PRIMARY KEY,
    arende_id INTEGER NOT NULL REFERENCES arende(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    namn      TEXT NOT NULL,
    titel     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX undertecknare_arende ON undertecknare(arende_id, position);
CREATE INDEX undertecknare_person ON undertecknare(person_id);

CREATE TABLE bilagefil (
    id      INTEGER PRIMARY KEY,
    sha256  TEXT NOT NULL UNIQUE,
    storlek INTEGER NOT NULL,
    data    BLOB NOT NULL
);

CREATE TABLE bilaga (
    id            INTEGER PRIMARY KEY,
    arende_id     INTEGER NOT NULL REFERENCES arende(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    titel         TEXT NOT NULL,
    datum         TEXT,
    filnamn       TEXT NOT NULL,
    sidor         INTEGER NOT NULL CHECK (sidor > 0),
    fil_id        INTEGER NOT NULL REFERENCES bilagefil(id),
    -- The PDF/A level the file was checked against, whether its pages can be part of
    -- a document at that level, and the validator's reason when not.
    pdfa_niva     TEXT NOT NULL,
    pdfa_ok       INTEGER NOT NULL CHECK (pdfa_ok IN (0, 1)),
    pdfa_problem  TEXT NOT NULL DEFAULT '',
    tillagd       TEXT NOT NULL
);
CREATE INDEX bilaga_arende ON bilaga(arende_id, position);
CREATE INDEX bilaga_fil ON bilaga(fil_id);

CREATE TRIGGER bilaga_fil_efter_delete AFTER DELETE ON bilaga
WHEN NOT EXISTS (SELECT 1 FROM bilaga WHERE fil_id = OLD.fil_id)
BEGIN
    DELETE FROM bilagefil WHERE id = OLD.fil_id;
END;

CREATE TRIGGER bilaga_fil_efter_byte AFTER UPDATE OF fil_id ON bilaga
WHEN NOT EXISTS (SELECT 1 FROM bilaga WHERE fil_id = OLD.fil_id)
BEGIN
    DELETE FROM bilagefil WHERE id = OLD.fil_id;
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
