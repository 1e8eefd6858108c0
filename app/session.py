"""An open database: the file, its lock, and the services over it.

The GUI holds one Session on its main thread; worker threads open their own
connections to ``session.path`` (see :func:`db.connection.connect`).
"""

from __future__ import annotations

import logging
import sqlite3
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app import clock, config
from db import migrations
from db.connection import open_connection, wrap
from db.errors import DatabaseAccessError
from db.lock import InstanceLock

if TYPE_CHECKING:
    from sqlite_utils import Database

    from app.changes import ChangeBus
    from app.meetings import ArendeService, BilagaService, MeetingService
    from app.organisation import OrganisationService
    from app.protokoll import ProtokollService

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


class Session:
    """``conn`` is the plain sqlite3 connection; ``db`` (sqlite-utils) and the services
    are made on first use, so that the main window can paint before sqlite-utils and
    the domain modules have been imported."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: InstanceLock | None):
        self.path = path
        self.conn = conn
        self._lock = lock

    @cached_property
    def db(self) -> Database:
        return wrap(self.conn)

    @cached_property
    def changes(self) -> ChangeBus:
        """Where what changed in this database is announced (docs/ARCHITECTURE.md,
        "Jobs and changes")."""
        from app.changes import ChangeBus

        return ChangeBus()

    @cached_property
    def organisation(self) -> OrganisationService:
        from app.organisation import OrganisationService

        return OrganisationService(self.db, changes=self.changes)

    @cached_property
    def meetings(self) -> MeetingService:
        """Sammanträden: meetings, kallelse settings, agenda template, checks."""
        from app.meetings import MeetingService

        return MeetingService(self.db)

    @cached_property
    def arenden(self) -> ArendeService:
        """The ärenden on a meeting's agenda."""
        from app.meetings import ArendeService

        return ArendeService(self.db)

    @cached_property
    def bilagor(self) -> BilagaService:
        """PDF bilagor stored inside the database."""
        from app.meetings import BilagaService

        return BilagaService(self.db)

    @cached_property
    def protokoll(self) -> ProtokollService:
        """Protokoll: närvaro, paragrafer, justering, utdrag, anslag (app.protokoll)."""
        from app.protokoll import ProtokollService

        return ProtokollService(self.db)

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
        return migrations.recorded_version(self.conn)

    def is_empty(self) -> bool:
        """No organisation entered yet (a fresh file)."""
        for table in ("kommun", "namnd", "person"):
            if self.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
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
