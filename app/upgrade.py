"""Upgrading a file an older version wrote: what the user is told while it runs.

Most migrations take a moment; the one that builds the search index has to index every
record already in the file, which takes minutes in a kommun's archive. So an upgrade
reports each migration as it starts and, where the migration can say, how far it has
come (db/migration_progress.py): the window shows it in a progress dialog with Avbryt
while the upgrade runs on a worker (ui/upgrade_dialog.py), the command line on the
terminal (:func:`terminal_progress`). Avbryt stops the running migration, whose
transaction is rolled back: the file stays at the version before it and the upgrade
goes on the next time the file is opened.
"""

from __future__ import annotations

import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TextIO

from app.jobs import JobCancelled
from db import migrations
from db.connection import APPLICATION_ID, SQLITE_MAGIC

#: What a migration does, for the user, where it takes long enough to be seen.
STEP_TITLES = {
    "sok": "Sökindexet byggs",
    "sok_dagordning": "Sökindexet ordnas efter datum",
}


class UpgradeStep(NamedTuple):
    """Where an upgrade has come: its ``number``-th migration of ``steps`` to run, and
    ``done`` of ``total`` in that migration (total 0: it gives no figure)."""

    version: int
    name: str
    number: int
    steps: int
    done: int = 0
    total: int = 0

    @property
    def title(self) -> str:
        return STEP_TITLES.get(self.name, f"Schemaversion {self.version} ({self.name.replace('_', ' ')})")

    def text(self) -> str:
        """"Steg 1 av 4: Sökindexet byggs – 12 000 av 48 000", in Swedish."""
        line = f"Steg {self.number} av {self.steps}: {self.title}"
        if self.total:
            line += f" – {_thousands(self.done)} av {_thousands(self.total)}"
        return line


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


class UpgradeReporter:
    """A :data:`db.migrations.MigrationProgress` that numbers the migrations run (the
    first one it hears of is step 1) and hands ``on_step`` an :class:`UpgradeStep`; it
    stops the upgrade with :class:`JobCancelled` once ``is_cancelled()`` says so."""

    def __init__(self, on_step: Callable[[UpgradeStep], None],
                 is_cancelled: Callable[[], bool] | None = None):
        self._on_step = on_step
        self._is_cancelled = is_cancelled
        self._first: int | None = None

    def __call__(self, migration: migrations.Migration, done: int, total: int) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise JobCancelled()
        if self._first is None:
            self._first = migration.version
        count = migrations.LATEST_VERSION - self._first + 1
        self._on_step(UpgradeStep(migration.version, migration.name, migration.version - self._first + 1,
                                  count, done, total))


def recorded_version(path: Path) -> int | None:
    """The schema version a Nämndkansli file's header records, read without opening it as a
    database (it costs nothing at every start); None for anything else (missing, empty,
    not ours: opening it says why). A WAL beside the file can only hold a newer version."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return None
    (version,) = struct.unpack(">I", header[60:64])
    (application_id,) = struct.unpack(">I", header[68:72])
    return version if application_id == APPLICATION_ID else None


def may_need_upgrade(path: Path) -> bool:
    """``path`` is a Nämndkansli file whose header is at an older schema version."""
    version = recorded_version(path)
    return version is not None and version < migrations.LATEST_VERSION


class TerminalProgress:
    """An upgrade's steps printed on ``stream`` (a terminal): one line per migration,
    rewritten as it advances, at most every :attr:`INTERVAL` seconds. Call :meth:`end`
    when the work is over."""

    INTERVAL = 0.5

    def __init__(self, stream: TextIO, prefix: str = "Databasen uppgraderas"):
        self.stream = stream
        self.prefix = prefix
        self._reporter = UpgradeReporter(self.step)
        self._last_line = ""
        self._last_time = 0.0
        self._version: int | None = None

    def __call__(self, migration: migrations.Migration, done: int, total: int) -> None:
        self._reporter(migration, done, total)

    def step(self, step: UpgradeStep) -> None:
        new_step = step.version != self._version
        finished = bool(step.total) and step.done >= step.total
        if not (new_step or finished or time.monotonic() - self._last_time >= self.INTERVAL):
            return
        if new_step and self._version is not None:
            self.end()
        self._version = step.version
        self.write(f"{self.prefix}: {step.text()}")

    def advance(self, what: str, done: int, total: int) -> None:
        """Work other than a migration: "<what> – done av total", as often as a step."""
        if done < total and time.monotonic() - self._last_time < self.INTERVAL:
            return
        self.write(f"{what} – {_thousands(done)} av {_thousands(total)}")

    def write(self, line: str) -> None:
        padding = " " * max(0, len(self._last_line) - len(line))
        self.stream.write(f"\r{line}{padding}")
        self.stream.flush()
        self._last_line, self._last_time = line, time.monotonic()

    def end(self) -> None:
        if self._last_line:
            self.stream.write("\n")
            self.stream.flush()
            self._last_line = ""


def terminal_progress(stream: TextIO | None = None) -> TerminalProgress | None:
    """Progress printed on stderr for the command line, when stderr is a terminal (nothing
    when it goes to a file or a pipe, as in scripts and tests)."""
    stream = sys.stderr if stream is None else stream
    if not stream.isatty():
        return None
    return TerminalProgress(stream)
