"""Consistent copies of a database through SQLite's backup API.

Safe while the program (or another one) has the file open: the backup API copies a
consistent snapshot, restarting if a writer interferes. Each call opens its own
connections, so it can run on a worker thread.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import DB_SUFFIX, config
from db.connection import inspect_file

#: progress(done_pages, total_pages) -> None; may raise BackupCancelled to stop.
Progress = Callable[[int, int], None]
PAGES_PER_STEP = 256
_STAMP = "%Y%m%d-%H%M%S"
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
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        src_conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            dst_conn = sqlite3.connect(str(tmp))
            try:
                def step(status, remaining, total):
                    if is_cancelled is not None and is_cancelled():
                        raise BackupCancelled()
                    if progress is not None:
                        progress(total - remaining, total)

                src_conn.backup(dst_conn, pages=PAGES_PER_STEP, progress=step)
                # A copy in rollback-journal mode is a single self-contained file.
                dst_conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst_conn.close()
        finally:
            src_conn.close()
        os.replace(tmp, dest)
    except BackupCancelled:
        tmp.unlink(missing_ok=True)
        raise
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"Säkerhetskopian {dest} kunde inte skrivas: {exc}.") from exc
    return dest


@dataclass(frozen=True)
class BackupCopy:
    path: Path
    taken: datetime

    @property
    def label(self) -> str:
        return self.taken.strftime("%Y-%m-%d %H:%M:%S")


def backup_folder(db_path: Path | str) -> Path:
    """Per-database folder below the data folder (two files with one name never mix)."""
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
                copies.append(BackupCopy(entry, datetime.strptime(m.group("stamp"), _STAMP)))
    copies.sort(key=lambda c: (c.taken, c.path.name), reverse=True)
    return copies


def rotate_backup(db_path: Path | str, keep: int, progress: Progress | None = None,
                  is_cancelled: Callable[[], bool] | None = None,
                  now: datetime | None = None) -> Path:
    """Take a new copy into the database's backup folder and keep the ``keep`` newest."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    stamp = (now or datetime.now()).strftime(_STAMP)
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
    undone. The program must have closed its own connection to ``db_path``. Returns
    the path of that safety copy.
    """
    copy, db_path = Path(copy), Path(db_path)
    inspect_file(copy)
    safety = rotate_backup(db_path, keep=keep + 1, progress=progress)
    src = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(db_path), timeout=5)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(f"Säkerhetskopian {copy} kunde inte återställas: {exc}.") from exc
    finally:
        src.close()
    return safety
