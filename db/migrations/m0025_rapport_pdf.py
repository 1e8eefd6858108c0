"""An adopted report's PDF, kept as it was adopted.

A report's generated chapters (driftredovisning, personal, nyckeltal, the goal
follow-up …) are printed from the program's data, so printing an adopted report anew
would show a budget figure or footnote changed since. ``rapport_pdf`` keeps the PDF
made when the report was adopted (in the adoption's transaction), with its SHA-256,
its number of pages and when it was kept (``skapad``, the program clock); printing the
adopted report gives these bytes (app/rapport/kept.py).

A report adopted before this table existed has no PDF here: a migration cannot make one
(no program code runs in migrations), so the program keeps it the first time the report
is printed afterwards and says so (``tillfalle`` 'utskrift', against 'antagande').

The kept PDF is a public record: the triggers refuse changing or removing it, and keep
a PDF only for an adopted report (whose row m0017 already refuses to change or remove).
"""

from db.migrations import run_script

SCHEMA = """
CREATE TABLE rapport_pdf (
    rapport_id INTEGER PRIMARY KEY REFERENCES rapport(id),
    pdf        BLOB NOT NULL,
    sha256     TEXT NOT NULL,
    sidor      INTEGER NOT NULL CHECK (sidor >= 1),
    tillfalle  TEXT NOT NULL CHECK (tillfalle IN ('antagande', 'utskrift')),
    skapad     TEXT NOT NULL
);

CREATE TRIGGER rapport_pdf_antagen_insert BEFORE INSERT ON rapport_pdf
WHEN NOT EXISTS (SELECT 1 FROM rapport WHERE id = NEW.rapport_id AND status = 'antagen')
BEGIN
    SELECT RAISE(ABORT, 'Bara en antagen rapports PDF sparas; rapporten är inte antagen.');
END;

CREATE TRIGGER rapport_pdf_oforanderlig BEFORE UPDATE ON rapport_pdf
BEGIN
    SELECT RAISE(ABORT, 'Den antagna rapportens sparade PDF är en allmän handling och kan inte ändras.');
END;

CREATE TRIGGER rapport_pdf_kvar BEFORE DELETE ON rapport_pdf
BEGIN
    SELECT RAISE(ABORT, 'Den antagna rapportens sparade PDF är en allmän handling och kan inte tas bort.');
END;
"""


def up(conn):
    run_script(conn, SCHEMA)
