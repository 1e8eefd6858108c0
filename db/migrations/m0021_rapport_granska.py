"""A report's chapter copied forward from the previous period is to be reviewed.

A report copied to the next period (app/rapport/copyforward.py) keeps its outline and
texts, and last period's words rarely fit the new one ("arbeta under 2023"). Each
copied chapter with text gets ``att_granska`` = 1, shown beside it in the outline until
its text is saved changed or it is marked as reviewed; the flag is never printed. An
adopted report's chapters stay as adopted: m0017's triggers refuse the update there.
"""

from db.migrations import run_script

SCHEMA = """
ALTER TABLE rapport_kapitel ADD COLUMN att_granska INTEGER NOT NULL DEFAULT 0 CHECK (att_granska IN (0, 1));
"""


def up(conn):
    run_script(conn, SCHEMA)
