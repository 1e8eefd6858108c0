"""Errors the database layer raises, each with a Swedish message for the user.

Split as in qutebrowser's sql module: *environment* problems (the file is foreign,
damaged, newer, locked, the disk is full) are the user's to act on and are shown as a
message; anything else is a bug and goes to the crash handler.
"""

from __future__ import annotations

from pathlib import Path


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
