"""A report's narrative chapter written per förvaltning, and a plan's texts to review.

A chapter of a report (``rapport_kapitel``) can be marked ``per_forvaltning``: the
controller then writes one text per förvaltning of the nämnd, kept in
``rapport_kapitel_forvaltning`` and printed as the chapter's subsections with the
förvaltning's name as heading. ``rubrik`` keeps that name as it was when the text was
saved, so an adopted report prints what was adopted even if the förvaltning is renamed
or removed later (a draft's text stays, under that name, when its förvaltning is
removed). Each text copied to the next period is ``att_granska`` until it is saved
changed or marked as reviewed, as the chapters are (m0021).

An adopted report's texts are as public as its chapters: the triggers refuse every
insert, change or removal of them, and refuse removing a förvaltning that has text in
an adopted report.

``plan_avsnitt.att_granska``: a plan's text copied forward into the next period
(app/plan/copyforward.py) is to be reviewed, like a report's chapter; m0011's triggers
keep an adopted plan's avsnitt as they are.
"""

from db.migrations import run_script

MESSAGE = "Rapporten är antagen och är en allmän handling; den kan inte ändras eller tas bort."
FORVALTNING_MESSAGE = ("Förvaltningen kan inte tas bort: den har text i en antagen rapport, som är en "
                       "allmän handling.")

SCHEMA = """
ALTER TABLE rapport_kapitel ADD COLUMN per_forvaltning INTEGER NOT NULL DEFAULT 0
    CHECK (per_forvaltning IN (0, 1));

CREATE TABLE rapport_kapitel_forvaltning (
    id             INTEGER PRIMARY KEY,
    kapitel_id     INTEGER NOT NULL REFERENCES rapport_kapitel(id) ON DELETE CASCADE,
    forvaltning_id INTEGER REFERENCES forvaltning(id) ON DELETE SET NULL,
    rubrik         TEXT NOT NULL,
    text           TEXT NOT NULL DEFAULT '',
    att_granska    INTEGER NOT NULL DEFAULT 0 CHECK (att_granska IN (0, 1)),
    UNIQUE (kapitel_id, forvaltning_id)
);
CREATE INDEX rapport_kapitel_forvaltning_kapitel ON rapport_kapitel_forvaltning(kapitel_id);
CREATE INDEX rapport_kapitel_forvaltning_forvaltning ON rapport_kapitel_forvaltning(forvaltning_id);

ALTER TABLE plan_avsnitt ADD COLUMN att_granska INTEGER NOT NULL DEFAULT 0 CHECK (att_granska IN (0, 1));
"""


def _adopted(ref: str) -> str:
    return (f"EXISTS (SELECT 1 FROM rapport_kapitel k JOIN rapport r ON r.id = k.rapport_id "
            f"WHERE k.id = {ref} AND r.status = 'antagen')")


def _trigger(name: str, when: str, table: str, condition: str, message: str = MESSAGE) -> str:
    return (f"CREATE TRIGGER {name} BEFORE {when} ON {table}\nWHEN {condition}\nBEGIN\n"
            f"    SELECT RAISE(ABORT, '{message}');\nEND;\n")


TRIGGERS = "\n".join([
    _trigger("rapport_kapitel_forvaltning_antagen_insert", "INSERT", "rapport_kapitel_forvaltning",
             _adopted("NEW.kapitel_id")),
    _trigger("rapport_kapitel_forvaltning_antagen_delete", "DELETE", "rapport_kapitel_forvaltning",
             _adopted("OLD.kapitel_id")),
    _trigger("rapport_kapitel_forvaltning_antagen_update", "UPDATE", "rapport_kapitel_forvaltning",
             f"{_adopted('OLD.kapitel_id')} OR {_adopted('NEW.kapitel_id')}"),
    _trigger("forvaltning_rapport_delete", "DELETE", "forvaltning",
             "EXISTS (SELECT 1 FROM rapport_kapitel_forvaltning t "
             "JOIN rapport_kapitel k ON k.id = t.kapitel_id JOIN rapport r ON r.id = k.rapport_id "
             "WHERE t.forvaltning_id = OLD.id AND r.status = 'antagen')", FORVALTNING_MESSAGE),
])


def up(conn):
    run_script(conn, SCHEMA)
    run_script(conn, TRIGGERS)
