"""One editing program per database file.

SQLite (WAL, busy timeout) already keeps the file itself from being corrupted when two
processes write. What it cannot prevent is two windows editing the same record from
stale screens, so the program that opens a file for editing holds an OS lock on a small
sidecar file ``<name>.lock``. The OS drops the lock when the process ends, even in a
crash, so a stale lock never blocks the user. Command-line verbs that only read
(``Session.read``: check, backup, moten, kallelse, export, plans, report …) and a file
opened read-only do not take it: they are safe beside a running program.

The sidecar is removed again on release, so that closing a file (or being refused one)
leaves nothing in the user's folder. On POSIX it is removed while the lock is still
held, and whoever locks a file checks that it is still the one at the path (otherwise
it locked a removed file and tries again); on Windows an open file cannot be removed,
so removing it after unlocking fails harmlessly when another program has opened it.

Not the ``filelock`` package (evaluated at 4.2.11; docs/ARCHITECTURE.md, "Dependencies"):
importing it costs some 30 ms (21–42 ms measured; it loads decimal, hashlib, secrets,
platform) on the path to the first paint, where the program's whole overhead over a
bare window is ~55 ms; its Unix lock leaves the lock file behind on release by design;
and on a file system without flock it falls back to an existence lock that a crash
leaves behind, which would then refuse the file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from db.errors import DatabaseAccessError, DatabaseInUseError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """Exclusive, non-blocking lock for editing ``db_path``."""

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        for _attempt in range(5):
            fd = self._open()
            if not _try_lock(fd):
                os.close(fd)
                raise DatabaseInUseError(
                    f"Databasen {self.db_path} är redan öppen i ett annat Nämndkansli-fönster "
                    "(på den här eller en annan dator). Stäng det först, eller öppna en annan fil.",
                    self.db_path,
                )
            if self._still_at_path(fd):
                break
            os.close(fd)  # the previous holder removed it as it let go
        else:
            raise DatabaseAccessError(f"Låsfilen {self.path} försvinner hela tiden; försök igen.",
                                      self.db_path)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseAccessError(
                f"Låsfilen {self.path} kan inte skapas: {exc.strerror}. "
                "Kontrollera att du får skriva i mappen.",
                self.db_path,
            ) from exc

    def _still_at_path(self, fd: int) -> bool:
        if os.name == "nt":  # pragma: no cover - an open file cannot be removed there
            return True
        try:
            at_path = os.stat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (at_path.st_dev, at_path.st_ino) == (held.st_dev, held.st_ino)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if os.name != "nt":
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        try:
            _unlock(fd)
        finally:
            os.close(fd)
        if os.name == "nt":  # pragma: no cover
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
