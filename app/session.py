"""An open database: the file, its lock, and the services over it.

The GUI holds one Session on its main thread; worker threads open their own
connections to ``session.path`` (see :func:`db.connection.connect`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app import clock, config
from app.changes import ChangeBus
from app.services import Services
from db import migrations
from db.connection import open_connection, open_for_reading, probe_access, wrap
from db.errors import DatabaseAccessError
from db.lock import InstanceLock

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)


def _backup_before_upgrade(path: Path, old_version: int) -> None:
    from app import backup

    try:
        copy = backup.rotate_backup(path, backup.Retention.from_settings(config.load_settings()))
    except backup.BackupError as exc:
        # No upgrade without a copy to go back to.
        raise DatabaseAccessError(
            f"Databasen {path} behöver uppgraderas till en ny schemaversion, men "
            f"säkerhetskopian före uppgraderingen kunde inte sparas: {exc} "
            "Databasen har inte ändrats.", path) from exc
    log.info("Kopia före uppgradering från schemaversion %s: %s", old_version, copy)


class Session(Services):
    """The database the GUI has open: ``conn`` is the plain sqlite3 connection, held
    with the one-editor lock; ``db`` (sqlite-utils) and the services (:class:`Services`)
    are made on first use, so that the main window can paint before sqlite-utils and the
    domain modules have been imported. Its change bus is where every service made here
    announces what it changed (docs/ARCHITECTURE.md, "Jobs and changes")."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: InstanceLock | None, *,
                 read_only: bool = False, after_close: Callable[[], None] | None = None):
        super().__init__(changes=ChangeBus(), path=path)
        self.path: Path = path
        self.conn: sqlite3.Connection | None = conn
        self._lock = lock
        #: Opened for reading only (:meth:`read`): the file or its folder cannot be written,
        #: or a command-line verb only reads. Every write fails with SQLITE_READONLY, which
        #: db.errors turns into the Swedish "skrivskyddad" message.
        self.read_only = read_only
        self._after_close = after_close

    def _open(self) -> Database:
        """The session's own connection, wrapped (closed by :meth:`close`)."""
        return wrap(self._connection())

    def _connection(self) -> sqlite3.Connection:
        if self.conn is None:
            raise DatabaseAccessError(f"Databasen {self.path} är stängd.", self.path)
        return self.conn

    @classmethod
    def open(cls, path: Path | str, *, exclusive: bool = True,
             upgrade_progress: migrations.MigrationProgress | None = None) -> Session:
        """Open for editing. ``exclusive`` takes the one-editor lock first, so that a
        second program on the same file is told so before anything is read.

        A file that cannot be written (it, or its folder, is read-only) opens for reading
        instead (:meth:`read`): it can be read, printed and exported, not saved to.

        A file an older version wrote is upgraded first; ``upgrade_progress`` hears how it
        advances (by default it is printed on stderr when that is a terminal, app/upgrade.py;
        the window upgrades on a worker first, :meth:`upgrade`)."""
        path = Path(path)
        if path.is_file() and probe_access(path).read_only:
            return cls.read(path)
        terminal = None
        if upgrade_progress is None:
            from app.upgrade import terminal_progress

            upgrade_progress = terminal = terminal_progress()
        try:
            lock, conn = cls._lock_and_connect(path, exclusive, upgrade_progress)
        finally:
            if terminal is not None:
                terminal.end()
        return cls(path, conn, lock)

    @classmethod
    def upgrade(cls, path: Path | str, progress: migrations.MigrationProgress) -> None:
        """Bring ``path`` up to this version's schema (after the copy kept before an
        upgrade) and close it again, telling ``progress`` how it advances: the window runs
        this on a worker before it opens the file (ui/upgrade_dialog.py). A read-only
        file is left alone (:meth:`open` says why it cannot be upgraded)."""
        path = Path(path)
        if path.is_file() and probe_access(path).read_only:
            return
        lock, conn = cls._lock_and_connect(path, True, progress)
        try:
            conn.close()
        finally:
            if lock is not None:
                lock.release()

    @staticmethod
    def _lock_and_connect(path: Path, exclusive: bool, progress: migrations.MigrationProgress | None
                          ) -> tuple[InstanceLock | None, sqlite3.Connection]:
        lock = None
        if exclusive:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseAccessError(
                    f"Mappen {path.parent} kan inte skapas: {exc.strerror}.", path) from exc
            lock = InstanceLock(path)
            lock.acquire()
        try:
            conn = open_connection(path, before_upgrade=_backup_before_upgrade, applied_at=clock.now_iso(),
                                   progress=progress)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return lock, conn

    @classmethod
    def read(cls, path: Path | str) -> Session:
        """Open an existing database for reading only, without the one-editor lock (so it
        works beside the window that has the file open): the verbs that print, list or
        export, and a read-only file. Nothing is ever created, migrated or written; a
        missing, empty or not yet upgraded file is refused in Swedish
        (db.connection.open_for_reading)."""
        path = Path(path)
        conn, after_close = open_for_reading(path)
        return cls(path, conn, None, read_only=True, after_close=after_close)

    @property
    def schema_version(self) -> int:
        return migrations.recorded_version(self._connection())

    def is_empty(self) -> bool:
        """No organisation entered yet (a fresh file)."""
        for table in ("kommun", "namnd", "person"):
            if self._connection().execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                return False
        return True

    def close(self) -> None:
        if self.conn is None:
            return
        if not self.read_only:
            try:
                # Fold the WAL back so the file is one self-contained file when closed.
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                log.exception("wal_checkpoint vid stängning misslyckades")
        self.conn.close()
        self.conn = None
        if self._after_close is not None:
            self._after_close()
            self._after_close = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def closed(self) -> bool:
        return self.conn is None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
