"""Consistent copies of a database through SQLite's backup API.

Safe while the program (or another one) has the file open: the backup API copies a
consistent snapshot, restarting if a writer interferes. Each call opens its own
connections, so it can run on a worker thread.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import DB_SUFFIX, clock, config
from db.connection import BUSY_TIMEOUT_MS, inspect_file, reading
from db.lock import InstanceLock

#: progress(done_pages, total_pages) -> None; may raise BackupCancelled to stop.
Progress = Callable[[int, int], None]
PAGES_PER_STEP = 256
_STAMP = "%Y%m%d-%H%M%S"
#: Backups made by this program one at a time: two copies taken in the same second
#: (the automatic one at opening and "Säkerhetskopiera nu") would otherwise pick the same
#: file name, and pruning could remove a copy another thread has just chosen.
_rotate_lock = threading.Lock()
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?" + re.escape(DB_SUFFIX) + "$")


class BackupCancelled(Exception):
    """The user cancelled; the partial copy has been removed."""


class BackupError(Exception):
    """A backup could not be made; the message is Swedish and names the file."""


def copy_database(source: Path | str, dest: Path | str, progress: Progress | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> Path:
    """Copy ``source`` to ``dest`` (a new file, or a folder to put it in)."""
    source, dest = Path(source), Path(dest)
    if dest.is_dir():
        dest = dest / source.name
    if dest.exists() and dest.resolve() == source.resolve():
        raise BackupError(f"Säkerhetskopian kan inte skrivas över originalet ({dest}).")
    if not source.exists():
        raise BackupError(f"Databasen {source} finns inte.")
    inspect_file(source)  # refuse foreign/corrupt files before copying them as "backups"
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            _copy_pages(source, tmp, PAGES_PER_STEP, progress, is_cancelled)
        except _KeepsRestarting:
            # Another connection writes faster than the copy proceeds: every write
            # between two steps restarts the copy from page 1. One step copies one
            # snapshot under a single read transaction (writers carry on in WAL mode).
            tmp.unlink(missing_ok=True)
            _copy_pages(source, tmp, -1, progress, is_cancelled)
        os.replace(tmp, dest)
    except BackupCancelled:
        tmp.unlink(missing_ok=True)
        raise
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"Säkerhetskopian {dest} kunde inte skrivas: {exc}.") from exc
    return dest


class _KeepsRestarting(Exception):
    pass


#: Restarts (a write by another connection between two steps) before copying in one go.
MAX_RESTARTS = 3


def _copy_pages(source: Path, tmp: Path, pages: int, progress: Progress | None,
                is_cancelled: Callable[[], bool] | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise BackupCancelled()
    restarts, last_remaining = 0, None

    def step(status: int, remaining: int, total: int) -> None:
        nonlocal restarts, last_remaining
        if is_cancelled is not None and is_cancelled():
            raise BackupCancelled()
        if last_remaining is not None and remaining > last_remaining:
            restarts += 1
            if restarts > MAX_RESTARTS:
                raise _KeepsRestarting()
        last_remaining = remaining
        if progress is not None:
            progress(total - remaining, total)

    with reading(source) as src_conn:
        dst_conn = sqlite3.connect(str(tmp))
        try:
            src_conn.backup(dst_conn, pages=pages, progress=step)
            # A copy in rollback-journal mode is a single self-contained file.
            dst_conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst_conn.close()


@dataclass(frozen=True)
class BackupCopy:
    path: Path
    taken: datetime
    #: 1, 2, 3 … for copies taken within the same second (file names ``…-2.nkdb``).
    sequence: int = 1

    @property
    def label(self) -> str:
        return self.taken.strftime("%Y-%m-%d %H:%M:%S")


def backup_folder(db_path: Path | str) -> Path:
    """Per-database folder below the data folder (two files with one name never mix)."""
    import hashlib  # only here: OpenSSL takes a few ms to load at start-up

    db_path = Path(db_path).resolve()
    digest = hashlib.sha1(str(db_path).encode("utf-8")).hexdigest()[:8]
    return config.backup_root() / f"{db_path.stem}-{digest}"


def list_backups(db_path: Path | str) -> list[BackupCopy]:
    """Backups of ``db_path``, newest first."""
    folder = backup_folder(db_path)
    copies = []
    if folder.is_dir():
        for entry in folder.iterdir():
            m = _NAME.match(entry.name)
            if m and entry.is_file():
                copies.append(BackupCopy(entry, datetime.strptime(m.group("stamp"), _STAMP),
                                         int(m.group("n") or 1)))
    # By time, then by the number of a copy taken in the same second: by name,
    # "x-…-2.nkdb" would sort before "x-….nkdb" and "-10" before "-2".
    copies.sort(key=lambda c: (c.taken, c.sequence), reverse=True)
    return copies


def rotate_backup(db_path: Path | str, keep: int, progress: Progress | None = None,
                  is_cancelled: Callable[[], bool] | None = None,
                  now: datetime | None = None) -> Path:
    """Take a new copy into the database's backup folder and keep the ``keep`` newest."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    with _rotate_lock:
        stamp = (now or clock.now()).strftime(_STAMP)
        dest = folder / f"{db_path.stem}-{stamp}{DB_SUFFIX}"
        n = 1
        while dest.exists():
            n += 1
            dest = folder / f"{db_path.stem}-{stamp}-{n}{DB_SUFFIX}"
        made = copy_database(db_path, dest, progress, is_cancelled)
        for old in list_backups(db_path)[max(keep, 1):]:
            old.path.unlink(missing_ok=True)
    return made


def restore_backup(copy: Path | str, db_path: Path | str, keep: int,
                   progress: Progress | None = None) -> Path:
    """Replace the content of ``db_path`` with ``copy``.

    The current content is first saved as a new backup, so a restore can itself be
    undone. The program must have closed its own connection to ``db_path``; the
    one-editor lock is held meanwhile, so a restore never pulls the file from under
    another window that has it open. Returns the path of that safety copy.
    """
    copy, db_path = Path(copy), Path(db_path)
    inspect_file(copy)
    with InstanceLock(db_path):
        safety = rotate_backup(db_path, keep=keep + 1, progress=progress)
        try:
            with reading(copy) as src:
                dst = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
                try:
                    src.backup(dst)
                    # Fold the restored pages into the file itself (it is in WAL mode).
                    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    dst.close()
        except sqlite3.Error as exc:
            raise BackupError(f"Säkerhetskopian {copy} kunde inte återställas: {exc}. "
                              f"Innehållet före försöket finns i {safety}.") from exc
    return safety
