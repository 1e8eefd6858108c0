"""The search index (db/migrations/m0018_sok.py, numbered by day since
m0027_sok_dagordning.py; docs/domain/search.md) built in reported steps, checked against
what it indexes, and rebuilt.

- :func:`build_with_progress` is m0018's work with progress: the table and its triggers,
  then each source table's rows in chunks of :data:`CHUNK` and the page texts of the files
  already attached, reporting after each; all in the migration's transaction. (m0027
  reports its own progress.)
- :func:`check` reads only: every record's row in the index must say what the record says
  now and sit at the rowid its day gives it (the ``sok_kalla_*`` views are what the
  triggers write), no row may be left of a record that is gone, and FTS5's own
  ``integrity-check`` must pass. That command is an INSERT, which a read-only connection
  (``check`` works beside the open window) refuses, so it runs on a private copy of the
  index's tables in a temporary file.
- :func:`rebuild` empties the index and fills it again from its sources, in one
  transaction (``namndkansli check --bygg-om-sokindex``).

The rows are written and compared with the migrations' own statements, so they are
exactly what the triggers write; the migrations themselves stay as shipped.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db.migrations import m0018_sok as m0018
from db.migrations import m0027_sok_dagordning as dated

Progress = Callable[[int, int], None]

#: The schema version whose index this module checks and rebuilds; a file below it gets
#: its index (anew) when it is upgraded.
INDEX_VERSION = 27

#: Source rows written per statement: a progress step every few tenths of a second.
CHUNK = dated.CHUNK

#: The command that rebuilds the index, named in every message that finds it wrong.
REBUILD_COMMAND = "namndkansli --db {db} check --bygg-om-sokindex"

_COLUMNS = ("datum", "namnd_id", "organ_id", "rubrik", "text")


def _fill_m0018_sources(conn: sqlite3.Connection, step: Callable[[int], None]) -> None:
    """Every source row into m0018's index, each table in chunks of its key, ``step(rows)``
    after each chunk: the same rows as m0018's ``fill_index``."""
    for source in m0018.SOURCES:
        for where, args, rows in dated.source_chunks(conn, source.table, source.key.removeprefix("s.")):
            conn.execute(m0018.INSERT + m0018._select(source, where), args)
            step(rows)


def build_with_progress(conn: sqlite3.Connection, progress: Progress) -> None:
    """What m0018's ``up`` does, reporting ``progress(done, total)``: done counts the source
    rows indexed and the attached files whose text has been extracted."""
    m0018.create_index(conn)
    files = conn.execute("SELECT count(*) FROM bilagefil").fetchone()[0]
    total = dated.source_rows(conn) + files
    done = 0

    def step(rows: int) -> None:
        nonlocal done
        done += rows
        progress(done, total)

    progress(0, total)
    _fill_m0018_sources(conn, step)
    base = done
    m0018.extract_bilagor(conn, lambda n, _files: progress(base + n, total))
    if not files:
        progress(total, total)


@dataclass(frozen=True)
class IndexCheck:
    """What :func:`check` found."""

    #: Records (and bilaga pages) that should be in the index.
    records: int
    #: Records with no row in the index.
    missing: int
    #: Records whose row says something else (an older text, date, nämnd).
    stale: int
    #: Rows in the index of records that are no longer there.
    left_over: int
    #: What FTS5's integrity-check said about the index itself, when it failed.
    damaged: str | None = None

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.left_over or self.damaged)

    def lines(self, db_path: str = "FIL") -> list[str]:
        """The Swedish lines ``check`` prints: one when all is well, else what is wrong
        and how to rebuild it (the command for ``db_path``)."""
        if self.ok:
            return [f"Sökindex: stämmer med innehållet ({self.records} poster)"]
        found = []
        if self.missing:
            found.append(f"{_posts(self.missing)} saknas i det")
        if self.stale:
            found.append(f"{_posts(self.stale)} har gammal text")
        if self.left_over:
            rows = "rad" if self.left_over == 1 else "rader"
            found.append(f"{self.left_over} {rows} finns kvar för poster som tagits bort")
        out = []
        if found:
            out.append(f"Sökindexet är inaktuellt: {', '.join(found)} (av {self.records} poster). "
                       "Sökningen hittar då inte allt som står i databasen.")
        if self.damaged:
            out.append(f"Sökindexet är skadat ({self.damaged}). Sökningen kan missa träffar eller "
                       "misslyckas.")
        db = f'"{db_path}"' if " " in db_path else db_path
        out.append(f"Bygg om sökindexet med: {REBUILD_COMMAND.format(db=db)} (när ingen annan har "
                   "filen öppen). Ingenting annat i databasen ändras.")
        return out


def _posts(n: int) -> str:
    return f"{n} {'post' if n == 1 else 'poster'}"


def _expected() -> list[tuple[str, int]]:
    """(the view of what the index should hold for a kind of record, its source code)."""
    out = [(dated.view_name(source.table), source.code) for source in dated.SOURCES]
    out.append((dated.BILAGA_VIEW, dated.BILAGA_CODE))
    return out


def check(conn: sqlite3.Connection) -> IndexCheck:
    """Compare the index with what it indexes, reading only (``conn`` may be read-only)."""
    records = missing = stale = in_ranges = 0
    # A record's row is found through sok_rad; it is stale when it says something else or
    # sits under another day than the record's date gives.
    differs = " OR ".join(f"i.{c} IS NOT e.sok_{c.removesuffix('_id')}" for c in _COLUMNS)
    stale_rows = f"coalesce(sum(i.rowid IS NOT NULL AND (i.rowid != e.sok_rowid OR {differs})), 0)"
    for view, code in _expected():
        # One pass over what the records say (each view row costs its subqueries).
        counts = conn.execute(
            f"SELECT count(*), count(*) - count(i.rowid), {stale_rows} FROM {view} AS e "
            "LEFT JOIN sok_rad AS r ON r.kalla = e.sok_kalla "
            "LEFT JOIN sok AS i ON i.rowid = r.rad").fetchone()
        records, missing, stale = records + counts[0], missing + counts[1], stale + counts[2]
        first, last = code << dated.CODE_SHIFT, ((code + 1) << dated.CODE_SHIFT) - 1
        in_ranges += conn.execute("SELECT count(*) FROM sok WHERE rowid BETWEEN ? AND ?",
                                  [first, last]).fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM sok").fetchone()[0]
    # Every row in a kind's range that belongs to no record, and any row outside the ranges.
    left_over = (in_ranges - (records - missing)) + (indexed - in_ranges)
    return IndexCheck(records, missing, stale, left_over, _structure_problem(conn))


def _definition(conn: sqlite3.Connection) -> str | None:
    """The index table's CREATE statement, as the file holds it."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sok'").fetchone()
    return None if row is None else row[0]


def _shadow_tables(conn: sqlite3.Connection) -> list[str]:
    """FTS5's own tables behind ``sok``: the inverted index, the stored text, the sizes, the
    settings."""
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name IN ('sok_data', 'sok_idx', 'sok_content', 'sok_docsize', 'sok_config') ORDER BY name")]


def _structure_problem(conn: sqlite3.Connection) -> str | None:
    """FTS5's integrity-check (the inverted index agrees with the stored text), run on a
    copy of the index's own tables in a temporary file; None when it passes."""
    create = _definition(conn)
    if create is None:
        return "tabellen sok saknas"
    with tempfile.TemporaryDirectory(prefix="nk-sokindex-") as folder:
        copy_path = Path(folder) / "sok.sqlite"
        copy = sqlite3.connect(copy_path)
        try:
            copy.execute(create)
            copy.execute("BEGIN")
            for table in _shadow_tables(conn):
                copy.execute(f"DELETE FROM {table}")
                rows = conn.execute(f"SELECT * FROM {table}")
                marks = ", ".join("?" * len(rows.description))
                copy.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            copy.execute("COMMIT")
        finally:
            copy.close()
        # A new connection, so that FTS5 reads the copied tables and nothing it cached.
        copy = sqlite3.connect(copy_path)
        try:
            copy.execute("INSERT INTO sok (sok, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            return f"FTS5: {exc}"
        finally:
            copy.close()
    return None


def rebuild(conn: sqlite3.Connection, progress: Progress | None = None) -> int:
    """Empty the index and fill it again from its sources, in one transaction on the write
    connection ``conn``; the index's table is made anew from its own definition and
    settings (a damaged index may not let its rows be deleted one by one). Returns the
    number of rows written."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        create = _definition(conn)
        if create is None:
            raise RuntimeError("Databasen har inget sökindex att bygga om (den är inte uppgraderad).")
        try:
            settings = conn.execute("SELECT k, v FROM sok_config WHERE k != 'version'").fetchall()
        except sqlite3.DatabaseError:
            settings = [("rank", m0018.RANK)]
        conn.execute("DROP TABLE sok")
        conn.execute(create)
        for key, value in settings:
            conn.execute("INSERT INTO sok (sok, rank) VALUES (?, ?)", [key, value])
        conn.execute("DELETE FROM sok_rad")
        dated.fill_index(conn, progress)
        written = conn.execute("SELECT count(*) FROM sok").fetchone()[0]
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return written
