"""An open database: the file, its lock, and the services over it.

The GUI holds one Session on its main thread; worker threads open their own
connections to ``session.path`` (see :func:`db.connection.connect`).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from app import clock, config
from app.changes import ChangeBus
from app.services import Services
from db import migrations
from db.connection import open_connection, wrap
from db.errors import DatabaseAccessError
from db.lock import InstanceLock

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)


def _backup_before_upgrade(path: Path, old_version: int) -> None:
    from app import backup

    settings = config.load_settings()
    try:
        copy = backup.rotate_backup(path, keep=settings.backups_to_keep + 1)
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

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: InstanceLock | None):
        super().__init__(changes=ChangeBus(), path=path)
        self.path: Path = path
        self.conn: sqlite3.Connection | None = conn
        self._lock = lock

    def _open(self) -> Database:
        """The session's own connection, wrapped (closed by :meth:`close`)."""
        return wrap(self._connection())

    def _connection(self) -> sqlite3.Connection:
        if self.conn is None:
            raise DatabaseAccessError(f"Databasen {self.path} är stängd.", self.path)
        return self.conn

    @classmethod
    def open(cls, path: Path | str, *, exclusive: bool = True) -> Session:
        """Open for editing. ``exclusive`` takes the one-editor lock first, so that a
        second program on the same file is told so before anything is read."""
        path = Path(path)
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
            conn = open_connection(path, before_upgrade=_backup_before_upgrade, applied_at=clock.now_iso())
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, conn, lock)

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
        try:
            # Fold the WAL back so the file is one self-contained file when closed.
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            log.exception("wal_checkpoint vid stängning misslyckades")
        self.conn.close()
        self.conn = None
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
