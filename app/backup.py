"""Consistent copies of a database through SQLite's backup API, and the copies the
program keeps of each database it opens.

Safe while the program (or another one) has the file open: in WAL mode the copy reads
one snapshot under a single read transaction while writers carry on; otherwise it copies
step by step and restarts if a writer interferes. It never waits forever: a copy that
makes no progress for :data:`STALL_SECONDS` (a source locked by another program, a share
that stopped answering) stops with a Swedish :class:`BackupError`. Each call opens its
own connections, so it can run on a worker thread.

Kept copies (:class:`Retention`, from Inställningar): by age – the newest copy of each of
the last days, weeks and months – and bounded in number and in disk used. The window
takes one automatically at most once a day (:func:`automatic_backup`), never at every
opening: a nämnd's bilagor live in the file, which grows by gigabytes over the years.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app import DB_SUFFIX, clock, config
from db.connection import BUSY_TIMEOUT_MS, inspect_file, reading
from db.lock import InstanceLock

#: progress(done_pages, total_pages) -> None; may raise BackupCancelled to stop.
Progress = Callable[[int, int], None]
#: 16 MB a step with 4 KiB pages: big enough to copy gigabytes quickly, small enough to
#: notice Avbryt at once.
PAGES_PER_STEP = 4096
#: Seconds a copy may go without copying a page before it gives up.
STALL_SECONDS = 30.0
#: Free space left on the disk beyond the copy itself.
SPACE_MARGIN = 50 * 1024 * 1024
_STAMP = "%Y%m%d-%H%M%S"
#: Backups made by this program one at a time: two copies taken in the same second
#: (the automatic one at opening and "Säkerhetskopiera nu") would otherwise pick the same
#: file name, and pruning could remove a copy another thread has just chosen.
_rotate_lock = threading.Lock()
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?" + re.escape(DB_SUFFIX) + "$")
#: A copy being written: ``.<name>.tmp-<pid>-<thread>``, and SQLite's journal beside it.
_TEMP = re.compile(r"^\..+\.tmp-(?P<pid>\d+)-\d+(?:-journal)?$")


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
    # Refuse foreign and damaged files before copying them as "backups", and an empty
    # one: there is nothing to copy, and reading it must not make it a database.
    if inspect_file(source).empty:
        raise BackupError(f"Databasen {source} är tom: det finns inget att säkerhetskopiera.")
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(dest.parent)
        _check_space(source, dest.parent)
        try:
            _copy_pages(source, tmp, PAGES_PER_STEP, progress, is_cancelled)
        except _KeepsRestarting:
            # Another connection writes faster than the copy proceeds (a file not in WAL
            # mode): every write between two steps restarts the copy from page 1. One step
            # copies it under a single read lock instead.
            _remove(tmp)
            _copy_pages(source, tmp, -1, progress, is_cancelled)
        os.replace(tmp, dest)
    except BackupCancelled:
        _remove(tmp)
        raise
    except _Stalled as exc:
        _remove(tmp)
        raise BackupError(
            f"Säkerhetskopian {dest} kunde inte skrivas: kopieringen kom inte framåt på "
            f"{STALL_SECONDS:.0f} sekunder{exc.reason}. Databasen har inte ändrats. Stäng det andra "
            "programmet (till exempel ett synkprogram) eller kontrollera att disken eller nätverksmappen "
            "går att nå, och försök igen.") from exc
    except (sqlite3.Error, OSError) as exc:
        _remove(tmp)
        raise BackupError(f"Säkerhetskopian {dest} kunde inte skrivas: {exc}.") from exc
    return dest


def _remove(tmp: Path) -> None:
    for path in (tmp, tmp.with_name(tmp.name + "-journal")):
        path.unlink(missing_ok=True)


def _check_space(source: Path, folder: Path) -> None:
    """Refuse before copying when the copy cannot fit: a disk filled by a backup would
    make the program's own saves fail next."""
    from app.numbers import format_bytes

    wal = source.with_name(source.name + "-wal")
    need = source.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    free = shutil.disk_usage(folder).free
    if free < need + SPACE_MARGIN:
        raise BackupError(
            f"Säkerhetskopian av {source.name} får inte plats i {folder}: den behöver "
            f"{format_bytes(need)} och bara {format_bytes(free)} är ledigt. Frigör utrymme på disken, "
            "eller minska utrymmet för säkerhetskopior i Arkiv › Inställningar….")


class _KeepsRestarting(Exception):
    pass


class _Stalled(Exception):
    def __init__(self, status: int):
        super().__init__(status)
        busy = status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        self.reason = " (ett annat program höll databasen låst)" if busy else ""


#: Restarts (a write by another connection between two steps) before copying in one go.
MAX_RESTARTS = 3


def _copy_pages(source: Path, tmp: Path, pages: int, progress: Progress | None,
                is_cancelled: Callable[[], bool] | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise BackupCancelled()
    restarts, last_remaining = 0, -1
    moved = time.monotonic()

    def step(status: int, remaining: int, total: int) -> None:
        # Called after every step, also after a step the source refused (BUSY/LOCKED),
        # which Python's backup loop would otherwise retry for ever.
        nonlocal restarts, last_remaining, moved
        if is_cancelled is not None and is_cancelled():
            raise BackupCancelled()
        copied = status in (sqlite3.SQLITE_OK, sqlite3.SQLITE_DONE)
        if copied and last_remaining >= 0 and remaining > last_remaining:
            restarts += 1
            if restarts > MAX_RESTARTS:
                raise _KeepsRestarting()
        if copied and (last_remaining < 0 or remaining != last_remaining or status == sqlite3.SQLITE_DONE):
            moved = time.monotonic()
            last_remaining = remaining
        elif time.monotonic() - moved > STALL_SECONDS:
            raise _Stalled(status)
        elif copied:
            time.sleep(0.05)  # no page copied and nothing to wait for: do not spin
        if progress is not None and copied:
            progress(total - remaining, total)

    with reading(source) as src_conn:
        # In WAL mode the copy is one snapshot: a read transaction held from the first
        # page to the last, so a writer (the window saving) neither waits nor restarts
        # the copy. Without it every step began a new read, and where the -shm file is
        # read-only (a read-only folder with -wal/-shm left in it) SQLite then copied
        # nothing more after the first step while reporting success: the endless
        # "256 of 385 pages".
        if src_conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            src_conn.execute("BEGIN")
            src_conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        dst_conn = sqlite3.connect(str(tmp))
        try:
            src_conn.backup(dst_conn, pages=pages, progress=step)
            # A copy in rollback-journal mode is a single self-contained file.
            dst_conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst_conn.close()
            if src_conn.in_transaction:
                src_conn.rollback()


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove what interrupted copies left in ``folder`` (a crash, a power cut, the
    program killed): temp files whose process is gone. Returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or not _process_gone(int(m.group("pid"))):
            continue
        try:
            entry.unlink()
        except OSError:
            continue  # on Windows a file still open elsewhere; next time
        removed.append(entry)
    return removed


def _process_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    if os.name == "nt":  # pragma: no cover - a file a live process writes cannot be removed there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # someone else's live process
    return False


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


GB = 1024 ** 3


@dataclass(frozen=True)
class Retention:
    """Which copies of a database are kept (Arkiv › Inställningar…).

    By age, as restic's ``--keep-daily/weekly/monthly``: the newest copy of each of the
    last ``days`` days that have copies, of the last ``weeks`` ISO weeks and of the last
    ``months`` months; and every copy of the last 24 hours (the copy taken before a
    restore or an upgrade must survive "Säkerhetskopiera nu" the same day). Then bounded:
    at most ``max_copies`` copies and ``max_bytes`` bytes, the oldest going first. The
    newest copy is always kept."""

    days: int = 7
    weeks: int = 4
    months: int = 12
    max_copies: int = 23
    max_bytes: int = 10 * GB

    @classmethod
    def from_settings(cls, settings: config.Settings) -> Retention:
        return cls(days=settings.backup_days, weeks=settings.backup_weeks, months=settings.backup_months,
                   max_copies=settings.backups_to_keep, max_bytes=int(settings.backup_max_gb * GB))


def kept_copies(copies: Iterable[BackupCopy], retention: Retention, now: datetime,
                size: Callable[[BackupCopy], int] | None = None) -> list[BackupCopy]:
    """The copies ``retention`` keeps at ``now``, newest first (``size`` of a copy: its
    file's size unless given)."""
    size = size or (lambda c: c.path.stat().st_size)
    newest_first = sorted(copies, key=lambda c: (c.taken, c.sequence), reverse=True)
    keep = {id(c) for c in newest_first if now - timedelta(hours=24) <= c.taken <= now}
    for count, period in ((retention.days, lambda t: t.date()),
                          (retention.weeks, lambda t: t.isocalendar()[:2]),
                          (retention.months, lambda t: (t.year, t.month))):
        seen: set = set()
        for copy in newest_first:  # the first of each period is its newest copy
            key = period(copy.taken)
            if key not in seen and len(seen) < count:
                seen.add(key)
                keep.add(id(copy))
    chosen = [c for c in newest_first if id(c) in keep] or newest_first[:1]
    chosen = chosen[:max(retention.max_copies, 1)]
    total = 0
    for i, copy in enumerate(chosen):
        total += size(copy)
        if i > 0 and total > retention.max_bytes:
            return chosen[:i]
    return chosen


def prune(db_path: Path | str, retention: Retention, now: datetime | None = None) -> list[Path]:
    """Remove the copies of ``db_path`` that ``retention`` does not keep; returns them."""
    copies = list_backups(db_path)
    kept = {c.path for c in kept_copies(copies, retention, now or clock.now())}
    removed = [c.path for c in copies if c.path not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def rotate_backup(db_path: Path | str, retention: Retention | None = None,
                  progress: Progress | None = None, is_cancelled: Callable[[], bool] | None = None,
                  now: datetime | None = None, *, prune_old: bool = True) -> Path:
    """Take a new copy into the database's backup folder, then (``prune_old``) remove the
    copies that ``retention`` (default: the settings') no longer keeps."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    retention = retention or Retention.from_settings(config.load_settings())
    when = now or clock.now()
    with _rotate_lock:
        stamp = when.strftime(_STAMP)
        dest = folder / f"{db_path.stem}-{stamp}{DB_SUFFIX}"
        n = 1
        while dest.exists():
            n += 1
            dest = folder / f"{db_path.stem}-{stamp}-{n}{DB_SUFFIX}"
        made = copy_database(db_path, dest, progress, is_cancelled)
        if prune_old:
            prune(db_path, retention, when)
    return made


def backup_due(db_path: Path | str, now: datetime | None = None) -> bool:
    """No copy of ``db_path`` has been taken today (the program clock's day)."""
    copies = list_backups(db_path)
    return not copies or copies[0].taken.date() < (now or clock.now()).date()


def automatic_backup(db_path: Path | str, retention: Retention | None = None,
                     progress: Progress | None = None, is_cancelled: Callable[[], bool] | None = None,
                     now: datetime | None = None) -> Path | None:
    """The copy the window takes by itself (on a worker, ui/main_window.py): first what an
    interrupted copy left behind is removed, then a copy is taken if none has been today.
    Returns the copy, or None when none was due."""
    remove_stale_temps(backup_folder(db_path))
    if not backup_due(db_path, now):
        return None
    return rotate_backup(db_path, retention, progress, is_cancelled, now)


def restore_backup(copy: Path | str, db_path: Path | str, retention: Retention | None = None,
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
        # Pruning waits until the restore is done: it could remove the very copy chosen.
        safety = rotate_backup(db_path, retention, progress=progress, prune_old=False)
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
    prune(db_path, retention or Retention.from_settings(config.load_settings()))
    return safety
