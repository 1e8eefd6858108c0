"""The arbetsutskott's protokollsutdrag for the nämnd (docs/domain/au-till-namnd.md).

When an arbetsutskott's paragraph is justerat, its beslut is the AU's förslag to the
nämnd and an utdrag of the paragraph joins the nämnd ärende's beslutsunderlag. The
utdrag is made once, at the justering, and kept here with the beslut as justerat, so
that an ärende copied to the nämnd later gets the same document. Like the justering it
comes from, a row is never changed; it goes only with its ärende (a meeting with a
justering cannot be deleted, migration 9).
"""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE au_utdrag (
    id            INTEGER PRIMARY KEY,
    arende_id     INTEGER NOT NULL REFERENCES arende(id) ON DELETE CASCADE,
    justering_id  INTEGER NOT NULL REFERENCES justering(id) ON DELETE CASCADE,
    paragraf      TEXT NOT NULL,
    beslut        TEXT NOT NULL,
    titel         TEXT NOT NULL,
    filnamn       TEXT NOT NULL,
    pdf           BLOB NOT NULL,
    sha256        TEXT NOT NULL,
    sidor         INTEGER NOT NULL CHECK (sidor > 0),
    registrerad   TEXT NOT NULL
);
CREATE UNIQUE INDEX au_utdrag_arende ON au_utdrag(arende_id);

CREATE TRIGGER au_utdrag_oforanderligt BEFORE UPDATE ON au_utdrag
BEGIN
    SELECT RAISE(ABORT, 'Arbetsutskottets protokollsutdrag kan inte ändras; det är en allmän handling.');
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
