"""The kallelse as sent (docs/domain/documents.md, "Sent versions and revised
kallelser"): every version of a meeting's kallelse that was marked as sent, with its
handlingar, as PDF bytes with their SHA-256, the time from the program clock, and the
fingerprint of what it printed (compared with the meeting later to tell which ärenden
changed since).

A sent kallelse is a public record: triggers refuse any change and any deletion. The
meeting it belongs to cannot be deleted either (the cascade would delete the versions,
and the trigger refuses that with its Swedish message). Versions run 1, 2, 3 … per
meeting without gaps; version 1 is the kallelse, later ones are revised kallelser.

An ärende's id is not enough to recognise it in a later version: SQLite gives a new row
the highest id plus one, so an ärende deleted and another added get the same id.
``arende_identitet`` gives every ärende a random key of its own when it is inserted
(triggers; the ärenden already there get theirs here), which the fingerprint records.
"""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE arende_identitet (
    arende_id INTEGER PRIMARY KEY,
    nyckel    TEXT NOT NULL UNIQUE
);
INSERT INTO arende_identitet (arende_id, nyckel) SELECT id, lower(hex(randomblob(16))) FROM arende;

CREATE TRIGGER arende_identitet_ny AFTER INSERT ON arende
BEGIN
    INSERT OR REPLACE INTO arende_identitet (arende_id, nyckel) VALUES (NEW.id, lower(hex(randomblob(16))));
END;

CREATE TRIGGER arende_identitet_borttagen AFTER DELETE ON arende
BEGIN
    DELETE FROM arende_identitet WHERE arende_id = OLD.id;
END;

CREATE TABLE kallelse_utskick (
    id                INTEGER PRIMARY KEY,
    sammantrade_id    INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    version           INTEGER NOT NULL CHECK (version >= 1),
    slag              TEXT NOT NULL CHECK (slag IN ('kallelse', 'reviderad')),
    skickad           TEXT NOT NULL,
    kallelse_pdf      BLOB NOT NULL,
    kallelse_sha256   TEXT NOT NULL CHECK (length(kallelse_sha256) = 64),
    kallelse_sidor    INTEGER NOT NULL CHECK (kallelse_sidor > 0),
    handlingar_pdf    BLOB NOT NULL,
    handlingar_sha256 TEXT NOT NULL CHECK (length(handlingar_sha256) = 64),
    handlingar_sidor  INTEGER NOT NULL CHECK (handlingar_sidor > 0),
    -- The PDF/A level of the handlingar; NULL when a bilaga kept them from being PDF/A.
    pdfa_niva         TEXT,
    -- The lines the revised kallelse printed about what changed (JSON array of text).
    andringar         TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(andringar) AND json_type(andringar) = 'array'),
    -- What was printed, to compare with later (app/meetings/revision.py).
    innehall          TEXT NOT NULL CHECK (json_valid(innehall)),
    UNIQUE (sammantrade_id, version),
    CHECK ((version = 1) = (slag = 'kallelse'))
);

CREATE TRIGGER kallelse_utskick_nasta_version BEFORE INSERT ON kallelse_utskick
WHEN NEW.version IS NOT (SELECT COALESCE(MAX(version), 0) + 1 FROM kallelse_utskick
                         WHERE sammantrade_id = NEW.sammantrade_id)
BEGIN
    SELECT RAISE(ABORT, 'En skickad kallelse får nästa versionsnummer; försök igen.');
END;

CREATE TRIGGER kallelse_utskick_oforanderlig BEFORE UPDATE ON kallelse_utskick
BEGIN
    SELECT RAISE(ABORT, 'En skickad kallelse kan inte ändras; skicka en reviderad kallelse i stället.');
END;

CREATE TRIGGER kallelse_utskick_kvar BEFORE DELETE ON kallelse_utskick
BEGIN
    SELECT RAISE(ABORT, 'En skickad kallelse kan inte tas bort, inte heller med sitt sammanträde.');
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
