"""What an import target declares (its fields) and what a preview contains.

A register that can be imported from Excel defines an :class:`ImportTarget`: its fields
(label, type, heading synonyms), row checks, a duplicate key, and how to store rows.
Everything else (reading, header detection, mapping, parsing, problem list, the
all-or-nothing transaction) is shared.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.excel_import.values import column_letter

FIELD_KINDS = ("text", "date", "int", "decimal", "choice")


@dataclass(frozen=True)
class FieldSpec:
    """One field an import can fill.

    ``synonyms`` are headings that name the field in files seen in the wild (compared
    case-insensitively, ignoring spaces and hyphens). For ``kind="choice"`` the
    ``choices`` map accepted spellings to the stored value ("Kvinna" → "K").
    ``numbers_ok`` lets a text field take numbers (a delegation point 3.2) instead of
    reporting them as a probable mapping mistake.
    """

    key: str
    label: str
    kind: str = "text"
    synonyms: tuple[str, ...] = ()
    required: bool = False
    numbers_ok: bool = False
    max_length: int | None = None
    choices: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in FIELD_KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")


class ImportTarget:
    """Base class of the things that can be imported. Subclasses set ``kind``,
    ``title`` and ``fields`` and implement :meth:`store`."""

    kind: str = ""
    title: str = ""
    fields: tuple[FieldSpec, ...] = ()
    #: Whether two equal rows in one file are a mistake. Anonymous registers can hold
    #: two genuinely equal entries; they set this to False.
    duplicates_within_file: bool = True

    def bind(self, db: Database) -> ImportTarget:
        """This target working through ``db`` (a worker thread's own connection).
        Targets that read the database in :meth:`check_row` return a copy."""
        return self

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def skip_reason(self, values: dict[str, Any]) -> str | None:
        """Why a row is not data and is passed over (a ”S:a Intäkter” or ”RESULTAT”
        row in an economy export, whose sums the program computes itself), or None.
        Its cells' problems do not count."""
        return None

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        """Problems with a whole row once each cell has been read: (field key or None,
        Swedish message). Called only for rows whose cells were all readable."""
        return []

    def row_key(self, values: dict[str, Any]) -> Hashable | None:
        """What makes two rows the same entry (for duplicates), or None."""
        return None

    def existing_keys(self, db: Database) -> set:
        """The :meth:`row_key` of every entry already stored."""
        return set()

    def describe_key(self, key: Hashable) -> str:
        return ""

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        """Insert ``rows`` (already inside the import's transaction); return the
        number stored. Raise ValidationError to refuse."""
        raise NotImplementedError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, said in Swedish with where it is."""

    sheet: str
    message: str
    row: int | None = None  # Excel row number (1-based)
    column: int | None = None  # 0-based column index
    field_label: str = ""
    file: str = ""

    @property
    def where(self) -> str:
        parts = [f"Blad {self.sheet}"]
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column is not None:
            col = f"kolumn {column_letter(self.column)}"
            if self.field_label:
                col += f" ({self.field_label})"
            parts.append(col)
        elif self.field_label:
            parts.append(self.field_label)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def with_file(self) -> str:
        return f"{self.file}: {self}" if self.file else str(self)


@dataclass
class ParsedRow:
    excel_row: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    #: the target's duplicate key, computed once while parsing
    key: Hashable | None = None


@dataclass(frozen=True)
class SkippedRow:
    excel_row: int
    reason: str


@dataclass
class ImportPreview:
    """The result of reading a sheet with a mapping: rows ready to store, or the
    problems that stop the import."""

    file: Path
    sheet: str
    header_row: int  # Excel row number of the headings
    headings: list[str]
    mapping: dict[int, str]  # column index -> field key
    rows: list[ParsedRow]
    problems: list[Problem]
    skipped: list[SkippedRow]

    @property
    def can_import(self) -> bool:
        return not self.problems and bool(self.rows)

    def summary(self) -> str:
        text = f"{len(self.rows)} rader att importera"
        if self.skipped:
            text += f", {len(self.skipped)} tomma eller sammanslagna rader hoppas över"
        if self.problems:
            text += f", {len(self.problems)} problem som måste rättas först"
        return text
