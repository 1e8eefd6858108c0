"""Errors the database layer raises, each with a Swedish message for the user, and the
one classifier that tells an *environment* problem from a bug.

Split as in qutebrowser's sql module: *environment* problems (the file is foreign,
damaged, newer, locked, read-only, the disk is full) are the user's to act on and are
shown as a message; anything else is a bug and goes to the crash handler.
:func:`environment_error` makes that decision for any exception, wherever it was raised
(opening a file, saving a form, a background job); docs/ARCHITECTURE.md, "Errors".
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import NamedTuple


class DatabaseError(Exception):
    """A problem with the database file that the user can understand and act on."""

    def __init__(self, message: str, path: Path | str | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


class NotADatabaseError(DatabaseError):
    """The file is not an SQLite database at all (random bytes, a document, …)."""


class ForeignDatabaseError(DatabaseError):
    """An SQLite database, but not one made by Nämndkansli."""


class CorruptDatabaseError(DatabaseError):
    """A Nämndkansli database that is truncated or damaged."""


class NewerSchemaError(DatabaseError):
    """Written by a newer version of the program: refused, never modified."""


class DatabaseInUseError(DatabaseError):
    """Another Nämndkansli window or process has the file open for editing."""


class DatabaseAccessError(DatabaseError):
    """The file or its folder cannot be read or written (permissions, disk full)."""


class EnvironmentProblem(NamedTuple):
    """What the user is told about an environment error: ``title`` for the window,
    ``message`` says what was not saved, why, and what to do about it."""

    kind: str  # full, busy, readonly, permission, io, cantopen, corrupt, database
    title: str
    message: str


# Primary result codes (the low byte of an extended code such as SQLITE_IOERR_WRITE).
_SQLITE_KINDS = {
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_READONLY: "readonly",
    sqlite3.SQLITE_PERM: "permission",
    sqlite3.SQLITE_IOERR: "io",
    sqlite3.SQLITE_CANTOPEN: "cantopen",
    sqlite3.SQLITE_CORRUPT: "corrupt",
    sqlite3.SQLITE_NOTADB: "corrupt",
}
_OS_KINDS = {
    errno.ENOSPC: "full",
    errno.EROFS: "readonly",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EIO: "io",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _OS_KINDS[errno.EDQUOT] = "full"

#: What the main window's banner says over a file opened read-only, and what a save
#: refused there says first.
READ_ONLY_NOTICE = "Filen är skrivskyddad – du kan läsa, skriva ut och exportera men inte spara."
_NOT_SAVED = "Det du höll på att spara har inte sparats"
_KEPT = "Det du sparat tidigare finns kvar i databasen."
_TEXTS = {
    "full": (
        "Inte sparat – disken är full",
        "{not_saved}: disken där {file} ligger är full. {kept}\n\n"
        "Frigör utrymme på disken (töm papperskorgen, ta bort eller flytta stora filer) "
        "och spara sedan igen."),
    "busy": (
        "Inte sparat – databasen är upptagen",
        "{not_saved}: ett annat program höll {file} låst för länge (till exempel en "
        "säkerhetskopiering, ett synkprogram som OneDrive eller Dropbox, eller ett "
        "Nämndkansli-kommando i ett terminalfönster). {kept}\n\n"
        "Stäng det andra programmet eller vänta tills det är klart, och spara sedan igen."),
    "readonly": (
        "Inte sparat – filen är skrivskyddad",
        READ_ONLY_NOTICE + "\n\n"
        "{not_saved}: {file} är skrivskyddad, eller ligger i en mapp eller på en enhet "
        "där det inte går att skriva (ett skrivskyddat USB-minne, en cd, en nätverksmapp "
        "där du bara får läsa). {kept}\n\n"
        "Ta bort skrivskyddet, eller kopiera filen till en mapp där du får skriva (till "
        "exempel Dokument) och öppna kopian med Arkiv › Öppna databas…. Spara sedan igen."),
    "permission": (
        "Inte sparat – behörighet saknas",
        "{not_saved}: du har inte behörighet att skriva till {file}. {kept}\n\n"
        "Be den som sköter datorn om skrivbehörighet, eller kopiera filen till en mapp "
        "där du får skriva (till exempel Dokument) och öppna kopian med Arkiv › Öppna "
        "databas…. Spara sedan igen."),
    "io": (
        "Inte sparat – skrivfel på disken",
        "{not_saved}: disken svarade med ett fel när {file} skulle skrivas (en "
        "nätverksmapp eller ett USB-minne kan ha kopplats från, eller disken kan vara "
        "skadad). {kept}\n\n"
        "Kontrollera att disken eller nätverksmappen är ansluten och spara igen. Kommer "
        "felet tillbaka: återställ den senaste säkerhetskopian med Arkiv › Återställ "
        "säkerhetskopia…."),
    "cantopen": (
        "Inte sparat – filen går inte att nå",
        "{not_saved}: {file} kunde inte öppnas för skrivning (den kan ha flyttats, fått "
        "ett nytt namn eller tagits bort, eller så är mappen inte tillgänglig just nu). "
        "{kept}\n\n"
        "Kontrollera att filen och mappen finns och går att nå, öppna sedan databasen "
        "igen med Arkiv › Öppna databas… och spara igen."),
    "corrupt": (
        "Inte sparat – databasfilen är skadad",
        "{not_saved}: {file} är skadad.\n\n"
        "Spara inget mer i den. Återställ den senaste säkerhetskopian med Arkiv › "
        "Återställ säkerhetskopia…."),
}


def _kind(exc: BaseException) -> str | None:
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return _SQLITE_KINDS.get(code & 0xFF) if isinstance(code, int) else None
    if isinstance(exc, OSError):
        return _OS_KINDS.get(exc.errno) if exc.errno is not None else None
    return None


def environment_error(exc: BaseException, path: Path | str | None = None) -> EnvironmentProblem | None:
    """The environment problem behind ``exc``, or None when ``exc`` is a bug.

    Environment problems are this module's :class:`DatabaseError`\\ s and the SQLite and
    OS errors whose cause lies outside the program: a full disk (SQLITE_FULL, ENOSPC), a
    lock held too long by another program (SQLITE_BUSY/LOCKED, after the busy
    time-out), a read-only file or medium (SQLITE_READONLY, EROFS), missing permission
    (SQLITE_PERM, EACCES), a failing disk or share (SQLITE_IOERR, EIO), a file that has
    gone (SQLITE_CANTOPEN) or is damaged (SQLITE_CORRUPT/NOTADB). An exception raised
    ``from`` such an error counts as it. ``path`` is the open database, named in the
    message (an OSError names its own file).
    """
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, DatabaseError):
            return EnvironmentProblem("database", "Databasen kan inte användas", exc.message)
        kind = _kind(exc)
        if kind is not None:
            title, text = _TEXTS[kind]
            filename = exc.filename if isinstance(exc, OSError) else None
            if filename:
                file = f"filen {filename}"
            else:
                file = f"databasfilen {path}" if path else "databasfilen"
            message = text.format(not_saved=_NOT_SAVED, kept=_KEPT, file=file)
            return EnvironmentProblem(kind, title, message)
        cause = exc.__cause__
        if cause is None:
            return None
        exc, seen = cause, seen + 1
    return None
