"""Delegationsbeslut imported with a reference the program could not resolve are
marked for review (docs/domain/registers.md, "Warnings: Behöver granskas").

A row whose Punkt is not in the delegationsordning in force, or whose delegat is
neither a person nor a delegat of the ordning, is still a true record of a decision: the
import stores it and says why in ``granskas``, and the register's filter "Behöver
granskas" finds it. The column is cleared when the user saves the entry in its form.
"""

from db.migrations import run_script

SCHEMA = """
ALTER TABLE delegationsbeslut ADD COLUMN granskas TEXT;
CREATE INDEX delegationsbeslut_granskas ON delegationsbeslut (namnd_id) WHERE granskas IS NOT NULL;
"""


def up(conn):
    run_script(conn, SCHEMA)
