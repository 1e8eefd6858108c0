"""Register entries reported at a meeting the database does not hold.

An imported delegationsbeslut or meddelande whose ”Anmäld vid” names a meeting of a
nämnd that has no meetings in the program yet (a register moved from an earlier system)
keeps that text in ``anmald_vid``: it was reported there, so it is not tied to the next
meeting, and an export writes the same text again. Meddelanden get the ``granskas`` note
the delegationsbeslut have (m0014), saying why an import marked the row for review.
"""

from db.migrations import run_script

SCHEMA = """
ALTER TABLE delegationsbeslut ADD COLUMN anmald_vid TEXT;
ALTER TABLE meddelande ADD COLUMN anmald_vid TEXT;
ALTER TABLE meddelande ADD COLUMN granskas TEXT;
"""


def up(conn):
    run_script(conn, SCHEMA)
