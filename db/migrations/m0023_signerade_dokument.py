"""Digital signatures beyond the justerat protokoll (docs/domain/justering.md, "Digital
justering").

``justering_offentlig``: when §§ under sekretess are left to wet ink, the public
version of a justerat protokoll (those §§ replaced by a note) is stored here once, with
its SHA-256 and the §§ left out (``arende_ids``); its digital signatures are versions in
``justering_version`` as the protokoll's would be. The wet-ink justering of the full
version is registered once: ``papper_datum``, ``papper_av``, ``papper_registrerad``
(NULL until then).

``dokument_version``: signed versions of a sent protokollsutdrag (``utskick_id``) and
of an anslag (``justering_id``), each the complete bytes, which begin with the version
before; version 0 (``kalla`` 'original') is the anslag as kept for signing (an utdrag's
original is its row in ``utskick``). ``dokument_signatur`` records the signatures each
version added, as ``justering_signatur`` does.

All three are public records: the triggers refuse changing or removing them while what
they belong to exists (but for registering the wet-ink justering, once).
"""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE justering_offentlig (
    id                 INTEGER PRIMARY KEY,
    justering_id       INTEGER NOT NULL UNIQUE REFERENCES justering(id) ON DELETE CASCADE,
    sammantrade_id     INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    arende_ids         TEXT NOT NULL CHECK (json_valid(arende_ids) AND json_type(arende_ids) = 'array'),
    pdf                BLOB NOT NULL,
    sha256             TEXT NOT NULL,
    registrerad        TEXT NOT NULL,
    papper_datum       TEXT,
    papper_av          TEXT NOT NULL DEFAULT '',
    papper_registrerad TEXT
);
CREATE INDEX justering_offentlig_sammantrade ON justering_offentlig(sammantrade_id);

CREATE TRIGGER justering_offentlig_oforanderlig BEFORE UPDATE ON justering_offentlig
WHEN NEW.id IS NOT OLD.id OR NEW.justering_id IS NOT OLD.justering_id
    OR NEW.sammantrade_id IS NOT OLD.sammantrade_id OR NEW.arende_ids IS NOT OLD.arende_ids
    OR NEW.pdf IS NOT OLD.pdf OR NEW.sha256 IS NOT OLD.sha256 OR NEW.registrerad IS NOT OLD.registrerad
    OR OLD.papper_datum IS NOT NULL OR NEW.papper_datum IS NULL
BEGIN
    SELECT RAISE(ABORT,
        'Den offentliga versionen av protokollet kan inte ändras; pappersjusteringen registreras en gång.');
END;

CREATE TRIGGER justering_offentlig_kvar BEFORE DELETE ON justering_offentlig
WHEN EXISTS (SELECT 1 FROM justering WHERE id = OLD.justering_id)
BEGIN
    SELECT RAISE(ABORT, 'Den offentliga versionen av protokollet kan inte tas bort.');
END;

CREATE TABLE dokument_version (
    id             INTEGER PRIMARY KEY,
    dokument       TEXT NOT NULL CHECK (dokument IN ('utdrag', 'anslag')),
    utskick_id     INTEGER REFERENCES utskick(id) ON DELETE CASCADE,
    justering_id   INTEGER REFERENCES justering(id) ON DELETE CASCADE,
    sammantrade_id INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    version        INTEGER NOT NULL CHECK (version >= 0),
    kalla          TEXT NOT NULL CHECK (kalla IN ('original', 'signerad', 'importerad')),
    pdf            BLOB NOT NULL,
    sha256         TEXT NOT NULL,
    registrerad    TEXT NOT NULL,
    CHECK ((dokument = 'utdrag' AND utskick_id IS NOT NULL AND justering_id IS NULL)
           OR (dokument = 'anslag' AND justering_id IS NOT NULL AND utskick_id IS NULL)),
    CHECK ((version = 0) = (kalla = 'original'))
);
CREATE UNIQUE INDEX dokument_version_unik
    ON dokument_version(dokument, COALESCE(utskick_id, justering_id), version);
CREATE INDEX dokument_version_sammantrade ON dokument_version(sammantrade_id);

CREATE TABLE dokument_signatur (
    id            INTEGER PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES dokument_version(id) ON DELETE CASCADE,
    falt          TEXT NOT NULL,
    plats         TEXT NOT NULL DEFAULT '',
    namn          TEXT NOT NULL,
    certifikat    TEXT NOT NULL,
    tidpunkt      TEXT NOT NULL,
    tidsstampel   INTEGER NOT NULL DEFAULT 0 CHECK (tidsstampel IN (0, 1))
);
CREATE INDEX dokument_signatur_version ON dokument_signatur(version_id);

CREATE TRIGGER dokument_version_oforanderlig BEFORE UPDATE ON dokument_version
BEGIN
    SELECT RAISE(ABORT, 'En sparad eller signerad version av utdraget eller anslaget kan inte ändras.');
END;

CREATE TRIGGER dokument_version_kvar BEFORE DELETE ON dokument_version
WHEN EXISTS (SELECT 1 FROM utskick WHERE id = OLD.utskick_id)
    OR EXISTS (SELECT 1 FROM justering WHERE id = OLD.justering_id)
BEGIN
    SELECT RAISE(ABORT, 'En sparad eller signerad version av utdraget eller anslaget kan inte tas bort.');
END;

CREATE TRIGGER dokument_signatur_oforanderlig BEFORE UPDATE ON dokument_signatur
BEGIN
    SELECT RAISE(ABORT, 'En registrerad signatur kan inte ändras.');
END;

CREATE TRIGGER dokument_signatur_kvar BEFORE DELETE ON dokument_signatur
WHEN EXISTS (SELECT 1 FROM dokument_version WHERE id = OLD.version_id)
BEGIN
    SELECT RAISE(ABORT, 'En registrerad signatur kan inte tas bort.');
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
