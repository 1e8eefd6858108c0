"""Numbered schema migrations, recorded in the database file itself.

Each migration is a module ``mNNNN_<name>.py`` in this package with a function
``up(conn)``. They run in number order, each in its own ``BEGIN IMMEDIATE`` transaction
together with its row in ``schema_migrations`` and ``PRAGMA user_version``, so a crash
in the middle leaves the file at the previous version, never half-migrated.

Add a migration by adding the next-numbered module; never edit one that has shipped.

A migration with much to do reports how far it has come: its ``up(conn, progress)`` takes
``progress(done, total)``, or, for one that shipped without, db/migration_progress.py does
the same work in reported steps. :func:`migrate` passes it on only when asked to
(``progress=``), between steps and inside the migration's one transaction.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import sqlite3
from collections.abc import Callable
from types import ModuleType
from typing import NamedTuple

_NAME = re.compile(r"^m(\d{4})_(\w+)$")


class Migration(NamedTuple):
    version: int
    name: str
    #: Dotted module name; imported only when the migration has to run, so that
    #: opening an up-to-date file (every start) reads no migration code.
    module_name: str

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(self.module_name)

    def up(self, conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None) -> None:
        """Run the migration; ``progress(done, total)`` hears how its work advances when it
        can say (db/migration_progress.py)."""
        if progress is not None:
            from db.migration_progress import stepped

            run = stepped(self)
            if run is not None:
                run(conn, progress)
                return
        self.module.up(conn)


#: ``progress(migration, done, total)`` while :func:`migrate` runs: called as each migration
#: starts (0, 0: no figure yet) and as a migration that reports its work advances. It may
#: raise to stop (Avbryt): that migration's transaction is rolled back, so the file stays
#: at the version before it.
MigrationProgress = Callable[[Migration, int, int], None]


def _discover() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        m = _NAME.match(info.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), f"{__name__}.{info.name}"))
    found.sort(key=lambda mig: mig.version)
    numbers = [mig.version for mig in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"Migration numbers must run 1, 2, 3 … without gaps: {numbers}")
    return found


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute each statement of ``script`` inside the current transaction.

    ``executescript`` would COMMIT first, breaking the one-transaction-per-migration
    promise, so statements are split with ``sqlite3.complete_statement``.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError(f"Incomplete SQL statement at end of migration: {buffer[:80]!r}")


def recorded_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new file)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchone()
    if not has_table:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return max(row[0] or 0, conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    application_id: int,
    target: int | None = None,
    *,
    applied_at: str | None = None,
    progress: MigrationProgress | None = None,
) -> list[int]:
    """Bring the database up to ``target`` (default: the latest). Returns the versions
    applied.

    ``applied_at`` (ISO 8601, to the second) is stored with each migration applied; the
    program passes its own clock's time. Without it the process clock is used, so that
    this layer also works on its own. ``progress`` (:data:`MigrationProgress`) hears each
    migration start and advance."""
    target = LATEST_VERSION if target is None else target
    applied: list[int] = []
    if recorded_version(conn) >= target:
        return applied  # the usual case at every start: nothing to do, no write lock taken
    for mig in MIGRATIONS:
        if mig.version > target:
            break
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read the version inside the write lock: a second instance opening the same
            # file at the same moment waits here and then finds the work done.
            if mig.version <= recorded_version(conn):
                conn.execute("COMMIT")
                continue
            if progress is None:
                mig.up(conn)
            else:
                progress(mig, 0, 0)
                mig.up(conn, functools.partial(progress, mig))
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                # The program's clock comes from app/ (docs/ARCHITECTURE.md, "Time"); used
                # without it, the db layer stamps SQLite's local time.
                (mig.version, mig.name, applied_at or conn.execute(
                    "SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')").fetchone()[0]),
            )
            conn.execute(f"PRAGMA user_version = {int(mig.version)}")
            conn.execute(f"PRAGMA application_id = {int(application_id)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(mig.version)
    return applied


MIGRATIONS: list[Migration] = _discover()
LATEST_VERSION: int = MIGRATIONS[-1].version if MIGRATIONS else 0
