"""Many rows written to one table at once (an import) index them in one statement.

The search index (``sok``, db/migrations/m0018_sok.py, m0027_sok_dagordning.py) is kept
current by triggers, one row at a time. SQLite opens a savepoint around every statement
that fires a trigger, and FTS5 writes the rows it holds in memory to the index at every
savepoint: 10,000 rows imported one statement each make 10,000 tiny index segments, and
the import takes several times as long as reading the file (bench/register.py). One ``INSERT … SELECT``
into ``sok`` after the rows are written indexes them together.

:func:`indexed_afterwards` does that inside the caller's transaction: it takes the
table's insert and update triggers away, lets the caller write, indexes the rows written
(new rows: those above the highest id before; changed rows: ``changed_ids``) from the
same view the triggers select from, and puts the triggers back exactly as they were
(their SQL from ``sqlite_master``). It all commits or rolls back together with the
caller's rows, so no other connection ever sees a row that is not in the index or a
table without its triggers.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator

from db.migrations import m0027_sok_dagordning as dated

#: Ids per statement when rows are named (SQLite's limit on parameters is far above).
_CHUNK = 500


@contextlib.contextmanager
def indexed_afterwards(conn: sqlite3.Connection, table: str,
                       changed_ids: Iterable[int] = ()) -> Iterator[None]:
    """Within the caller's transaction: write many rows of ``table`` (new ones, and the
    existing rows ``changed_ids``) and have them indexed in one statement each at the
    end. Without an index on ``table`` (an older file) the block runs as it is."""
    if not conn.in_transaction:
        raise RuntimeError("indexed_afterwards must run inside the caller's transaction")
    names = (f"sok_{table}_insert", f"sok_{table}_update")
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)", names).fetchall()
    if len(triggers) != len(names):
        yield
        return
    highest = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
    for name, _sql in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    try:
        yield
    except BaseException:
        # The caller rolls back, which brings the triggers back too; should it go on
        # instead, the table must not be left without them.
        with contextlib.suppress(sqlite3.Error):
            for _name, sql in triggers:
                conn.execute(sql)
        raise
    changed = sorted(set(changed_ids))
    view = dated.view_name(table)
    for start in range(0, len(changed), _CHUNK):
        chunk = changed[start:start + _CHUNK]
        # As the update trigger does: the old row out (wherever its day put it), the row
        # as it is now in.
        for statement in dated.refresh(view, f"s.id IN ({', '.join('?' * len(chunk))})"):
            conn.execute(statement, chunk)
    # The new rows (ids above every id there was) have no rows in the index yet.
    for statement in dated.write(view, "s.id > ?"):
        conn.execute(statement, [highest])
    for _name, sql in triggers:
        conn.execute(sql)
