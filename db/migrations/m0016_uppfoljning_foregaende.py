"""The month before's accumulated figures of a budgetuppföljning row, as a file gave them.

A month's figures are the differences to the month before (m0002). An imported month
whose file has both the month's own and the accumulated figures, while the month before
is not in the program (the first month a database holds), keeps what the file says of
the month before in ``fg_budget_ack`` and ``fg_utfall_ack`` (accumulated minus the
month's figure), so its month columns are shown and exported as the file had them.
NULL otherwise: once the month before is in the program, its rows are used instead.
"""

from db.migrations import run_script

SCHEMA = """
ALTER TABLE budgetuppfoljning_rad ADD COLUMN fg_budget_ack INTEGER;
ALTER TABLE budgetuppfoljning_rad ADD COLUMN fg_utfall_ack INTEGER;
"""


def up(conn):
    run_script(conn, SCHEMA)
