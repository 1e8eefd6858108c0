"""The new anslag put up in place of one kept before the wet-ink justering of §§ under
sekretess was registered (docs/domain/justering.md, "Digital justering").

The anslag that went up is kept in ``dokument_version`` (migration 23) as version 0 of
its justering, and the versions after it are that anslag signed: each begins with the
bytes of the one before. A new anslag is another document, not a signed state of the
old one, so it has a table of its own rather than a version number in that chain (the
chain's check, that version n begins with version n-1, would fail on it). One per
justering: the wet-ink justering is registered once, so one new anslag says it.

``nytt_anslag`` keeps its bytes as they were saved, with their SHA-256 and when they
were saved (``registrerad``, the program clock). It is a public record: the triggers
keep it only for a justering whose anslag is kept and whose wet-ink justering is
registered, and refuse changing or removing it while its justering exists.
"""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE nytt_anslag (
    id             INTEGER PRIMARY KEY,
    justering_id   INTEGER NOT NULL UNIQUE REFERENCES justering(id) ON DELETE CASCADE,
    sammantrade_id INTEGER NOT NULL REFERENCES sammantrade(id) ON DELETE CASCADE,
    pdf            BLOB NOT NULL,
    sha256         TEXT NOT NULL,
    registrerad    TEXT NOT NULL
);
CREATE INDEX nytt_anslag_sammantrade ON nytt_anslag(sammantrade_id);

CREATE TRIGGER nytt_anslag_ersatter BEFORE INSERT ON nytt_anslag
WHEN NOT EXISTS (SELECT 1 FROM justering WHERE id = NEW.justering_id AND sammantrade_id = NEW.sammantrade_id)
    OR NOT EXISTS (SELECT 1 FROM dokument_version WHERE dokument = 'anslag'
                   AND justering_id = NEW.justering_id AND version = 0)
    OR NOT EXISTS (SELECT 1 FROM justering_offentlig WHERE justering_id = NEW.justering_id
                   AND papper_registrerad IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT,
        'Ett nytt anslag sparas bara i stället för ett sparat anslag, efter registrerad pappersjustering.');
END;

CREATE TRIGGER nytt_anslag_oforanderlig BEFORE UPDATE ON nytt_anslag
BEGIN
    SELECT RAISE(ABORT, 'Det nya anslaget är en allmän handling och kan inte ändras.');
END;

CREATE TRIGGER nytt_anslag_kvar BEFORE DELETE ON nytt_anslag
WHEN EXISTS (SELECT 1 FROM justering WHERE id = OLD.justering_id)
BEGIN
    SELECT RAISE(ABORT, 'Det nya anslaget är en allmän handling och kan inte tas bort.');
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
