"""Reports to the fullmäktige: delårsrapport, bokslut and verksamhetsberättelse.

A report (``rapport``) belongs to a nämnd and a period within one year and is printed
from its outline (``rapport_kapitel``): ordered chapters on two levels, each either
written text (NK-HTML, app/richtext.py) or generated from the program's data
(``innehall``: the goal follow-up, the driftredovisning, the personal tables …), in
which case its text is printed under what was generated.

An adopted report (status ``antagen``, the adopting § linked or typed) is a public
record: these triggers refuse every change of the report row and every insert, change
or removal of its chapters, and removing the report. One report per nämnd, kind and
period: a second would make it unclear which one the nämnd adopted.
"""

from db.migrations import run_script

MESSAGE = "Rapporten är antagen och är en allmän handling; den kan inte ändras eller tas bort."

SCHEMA = """
CREATE TABLE rapport (
    id                  INTEGER PRIMARY KEY,
    namnd_id            INTEGER NOT NULL REFERENCES namnd(id),
    slag                TEXT NOT NULL
                        CHECK (slag IN ('delårsrapport', 'bokslut', 'verksamhetsberättelse')),
    period_start        TEXT NOT NULL,
    period_slut         TEXT NOT NULL,
    titel               TEXT NOT NULL,
    undertitel          TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'utkast' CHECK (status IN ('utkast', 'antagen')),
    antagen_datum       TEXT,
    -- The § as printed ("§ 88"); the id is the adopting paragraph's ärende when the
    -- protokoll is kept in the program.
    antagen_paragraf    TEXT NOT NULL DEFAULT '',
    antagen_paragraf_id INTEGER REFERENCES arende(id),
    skapad              TEXT NOT NULL,
    CHECK (period_start <= period_slut AND substr(period_start, 1, 4) = substr(period_slut, 1, 4)),
    UNIQUE (namnd_id, slag, period_start, period_slut)
);
CREATE INDEX rapport_namnd ON rapport(namnd_id);

CREATE TABLE rapport_kapitel (
    id          INTEGER PRIMARY KEY,
    rapport_id  INTEGER NOT NULL REFERENCES rapport(id) ON DELETE CASCADE,
    ordning     INTEGER NOT NULL,
    niva        INTEGER NOT NULL DEFAULT 1 CHECK (niva IN (1, 2)),
    rubrik      TEXT NOT NULL,
    innehall    TEXT NOT NULL DEFAULT 'text'
                CHECK (innehall IN ('text', 'samlad_bedomning', 'maloversikt', 'mal', 'drift',
                                    'investering', 'personal', 'volym', 'nyckeltal', 'atgardsplan',
                                    'uppdrag')),
    text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rapport_kapitel_rapport ON rapport_kapitel(rapport_id, ordning);
"""


def _adopted(ref: str) -> str:
    return f"EXISTS (SELECT 1 FROM rapport WHERE id = {ref} AND status = 'antagen')"


def _trigger(name: str, when: str, table: str, condition: str) -> str:
    return (f"CREATE TRIGGER {name} BEFORE {when} ON {table}\nWHEN {condition}\nBEGIN\n"
            f"    SELECT RAISE(ABORT, '{MESSAGE}');\nEND;\n")


TRIGGERS = "\n".join([
    _trigger("rapport_antagen_update", "UPDATE", "rapport", "OLD.status = 'antagen'"),
    _trigger("rapport_antagen_delete", "DELETE", "rapport", "OLD.status = 'antagen'"),
    _trigger("rapport_kapitel_antagen_insert", "INSERT", "rapport_kapitel", _adopted("NEW.rapport_id")),
    _trigger("rapport_kapitel_antagen_delete", "DELETE", "rapport_kapitel", _adopted("OLD.rapport_id")),
    # Moving a chapter into an adopted report is as much a change as changing it there.
    _trigger("rapport_kapitel_antagen_update", "UPDATE", "rapport_kapitel",
             f"{_adopted('OLD.rapport_id')} OR {_adopted('NEW.rapport_id')}"),
])


def up(conn):
    run_script(conn, SCHEMA)
    run_script(conn, TRIGGERS)
