"""An open database: the file, its lock, and the services over it.

The GUI holds one Session on its main thread; worker threads open their own
connections to ``session.path`` (see :func:`db.connection.connect`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlite_utils import Database

from app import backup, config
from app.organisation import OrganisationService
from db import migrations
from db.connection import open_database
from db.lock import InstanceLock

log = logging.getLogger(__name__)


def _backup_before_upgrade(path: Path, old_version: int) -> None:
    settings = config.load_settings()
    copy = backup.rotate_backup(path, keep=settings.backups_to_keep + 1)
    log.info("Kopia före uppgradering från schemaversion %s: %s", old_version, copy)


class Session:
    def __init__(self, path: Path, db: Database, lock: InstanceLock | None):
        self.path = path
        self.db = db
        self._lock = lock
        self.organisation = OrganisationService(db)

    @classmethod
    def open(cls, path: Path | str, *, exclusive: bool = True) -> Session:
        """Open for editing. ``exclusive`` takes the one-editor lock first, so that a
        second program on the same file is told so before anything is read."""
        path = Path(path)
        lock = None
        if exclusive:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = InstanceLock(path)
            lock.acquire()
        try:
            db = open_database(path, before_upgrade=_backup_before_upgrade)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, db, lock)

    @property
    def schema_version(self) -> int:
        return migrations.recorded_version(self.db.conn)

    def is_empty(self) -> bool:
        """No organisation entered yet (a fresh file)."""
        for table in ("kommun", "namnd", "person"):
            if self.db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                return False
        return True

    def close(self) -> None:
        try:
            # Fold the WAL back so the file is one self-contained file when closed.
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:
            log.exception("wal_checkpoint vid stängning misslyckades")
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
