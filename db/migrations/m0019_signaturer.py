"""Digital justering: PAdES-signed versions of a justerat original (docs/domain/justering.md).

The justerat PDF in ``justering`` is never changed. A signature added in the program,
or a file signed elsewhere (an e-signing service) and imported back, is stored as a new
version in ``justering_version``: the complete signed bytes, which begin with the bytes
of the version before (the original and incremental updates only, checked before the
row is written), with their SHA-256. ``justering_signatur`` records the signatures each
version added: the field, the slot on the signature page (``sekreterare``,
``ordforande``, ``justerare-1`` …; '' when an imported signature matched no one), the
name, the certificate's subject and the signing time as the signature states it.

Versions and signatures are public records like the justering: these triggers refuse
changing or removing them while the justering exists.
"""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE justering_version (
    id            INTEGER PRIMARY KEY,
    justering_id  INTEGER NOT NULL REFERENCES justering(id) ON DELETE CASCADE,
    -- the justering's meeting, so that the version is found as the stored documents are
    sammantrade_id INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    kalla         TEXT NOT NULL CHECK (kalla IN ('signerad', 'importerad')),
    pdf           BLOB NOT NULL,
    sha256        TEXT NOT NULL,
    registrerad   TEXT NOT NULL,
    UNIQUE (justering_id, version)
);

CREATE TABLE justering_signatur (
    id            INTEGER PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES justering_version(id) ON DELETE CASCADE,
    falt          TEXT NOT NULL,
    plats         TEXT NOT NULL DEFAULT '',
    namn          TEXT NOT NULL,
    certifikat    TEXT NOT NULL,
    tidpunkt      TEXT NOT NULL,
    tidsstampel   INTEGER NOT NULL DEFAULT 0 CHECK (tidsstampel IN (0, 1))
);
CREATE INDEX justering_signatur_version ON justering_signatur(version_id);
CREATE INDEX justering_version_sammantrade ON justering_version(sammantrade_id);

CREATE TRIGGER justering_version_oforanderlig BEFORE UPDATE ON justering_version
BEGIN
    SELECT RAISE(ABORT, 'En signerad version av protokollet kan inte ändras.');
END;

CREATE TRIGGER justering_version_kvar BEFORE DELETE ON justering_version
WHEN EXISTS (SELECT 1 FROM justering WHERE id = OLD.justering_id)
BEGIN
    SELECT RAISE(ABORT, 'En signerad version av protokollet kan inte tas bort.');
END;

CREATE TRIGGER justering_signatur_oforanderlig BEFORE UPDATE ON justering_signatur
BEGIN
    SELECT RAISE(ABORT, 'En registrerad signatur kan inte ändras.');
END;

CREATE TRIGGER justering_signatur_kvar BEFORE DELETE ON justering_signatur
WHEN EXISTS (SELECT 1 FROM justering_version WHERE id = OLD.version_id)
BEGIN
    SELECT RAISE(ABORT, 'En registrerad signatur kan inte tas bort.');
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
