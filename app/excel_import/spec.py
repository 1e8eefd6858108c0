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
    #: The unit of a number field ("kr", "tkr", "%"); a unit written in a column's
    #: heading ("Utfall (tkr)") is converted to it, or refused when it cannot be.
    unit: str | None = None

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

    def heading_note(self, heading: str) -> str | None:
        """Why a column the target knows is not read (a deviation the program computes
        itself), or None for a column it does not know (named as unrecognised)."""
        return None

    def resolve_headings(self, names: list[str], mapping: dict[int, str]) -> dict[int, str]:
        """More columns for the automatic ``mapping``, from what the headings say
        together (a month's figure beside an accumulated one)."""
        return {}

    def heading_problems(self, names: list[str], mapping: dict[int, str]) -> dict[int, str]:
        """{column: Swedish refusal} for headings that could mean two things and that
        ``mapping`` leaves unmapped (a month's figure or the year so far)."""
        return {}

    def skip_reason(self, values: dict[str, Any]) -> str | None:
        """Why a row is not data and is passed over (a ”S:a Intäkter” or ”RESULTAT”
        row in an economy export, whose sums the program computes itself), or None.
        Its cells' problems do not count."""
        return None

    def columns_read(self, keys: set[str]) -> None:
        """Told, before the rows, which fields the file has columns for (a field without
        a column says nothing about what is stored, so an update leaves it alone)."""

    def check_row(self, values: dict[str, Any]) -> list[tuple[str | None, str]]:
        """Problems with a whole row once each cell has been read: (field key or None,
        Swedish message). Called only for rows whose cells were all readable."""
        return []

    def row_key(self, values: dict[str, Any]) -> Hashable | None:
        """What makes two rows the same entry (for duplicates), or None."""
        return None

    def existing_keys(self, db: Database) -> set | dict:
        """The :meth:`row_key` of every entry already stored (an incremental target:
        {key: [(id, compared values), …]})."""
        return set()

    def describe_key(self, key: Hashable) -> str:
        return ""

    def store(self, db: Database, rows: list[dict[str, Any]]) -> int:
        """Insert ``rows`` (already inside the import's transaction); return the
        number stored. Raise ValidationError to refuse."""
        raise NotImplementedError

    def above_headings(self, rows: list[list]) -> tuple[dict[str, Any], list[tuple[int, str]]]:
        """Values a file keeps above its heading row (the ram in the internbudget template):
        ({key: value}, [(Excel row, Swedish problem)]). Stored by :meth:`store_above`."""
        return {}, []

    def store_above(self, db: Database, values: dict[str, Any]) -> None:
        """Store what :meth:`above_headings` and :meth:`below_table` read, in the import's
        transaction."""

    def below_table(self, rows: list[list], header_index: int
                    ) -> tuple[int | None, dict[str, Any], list[tuple[int, str]]]:
        """Blocks a file keeps below its table (the åtgärdsplan under the program's own
        budgetuppföljning): (index in ``rows`` of the first row that is no longer the
        table, or None; {key: value}; [(Excel row, Swedish problem)]). The values are
        stored by :meth:`store_above`."""
        return None, {}, []

    def replaces(self, db: Database) -> str | None:
        """What storing would replace of what is already there, in Swedish with counts
        ("delegationsordningen antagen 2026-01-19 med 14 punkter …"), or None. The window
        asks before it replaces; the command line wants ``--ersatt``."""
        return None

    # -- incremental imports (registers; docs/domain/registers.md, "Importing again") ----
    #: A register whose files are cumulative: a row whose :meth:`row_key` is already
    #: stored is that entry, unchanged or changed, rather than a duplicate. Such a target's
    #: :meth:`existing_keys` returns {key: [(id, :meth:`compared` values), …]} in id order.
    incremental: bool = False

    def compared(self, values: dict[str, Any]) -> dict[str, Any]:
        """The values of a parsed row that an update would write, by field key, in the
        form :meth:`existing_keys` gives the stored ones."""
        return {}

    def locked(self, ids: list[int]) -> dict[int, str]:
        """{id: Swedish reason} for those of ``ids`` that can no longer be changed."""
        return {}

    def update(self, db: Database, changed: list[tuple[int, dict[str, Any]]]) -> int:
        """Write the changed rows (stored id, parsed values) inside the import's
        transaction. Raise ValidationError to refuse."""
        raise NotImplementedError

    def refuse_stored(self, values: dict[str, Any], before: dict[str, Any] | None) -> tuple[str, str] | None:
        """(field key, Swedish reason) when a readable row may not be stored as it is
        matched: new (``before`` None) or changing the entry whose :meth:`compared` values
        were ``before`` (a new entry in a justerat protokoll's list); None when it may."""
        return None

    def review_note(self, values: dict[str, Any]) -> str | None:
        """Why a readable row should be looked at after the import (a reference the
        program cannot resolve), or None. The row is stored, marked for review."""
        return None


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


#: What a row of an incremental import is, against the register.
NEW, CHANGED, UNCHANGED = "ny", "ändrad", "oförändrad"


@dataclass
class ParsedRow:
    excel_row: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    #: the target's duplicate key, computed once while parsing
    key: Hashable | None = None
    status: str = NEW
    #: the stored entry this row is (CHANGED, UNCHANGED), and its compared values
    match_id: int | None = None
    before: dict[str, Any] | None = None
    #: the labels of the fields a CHANGED row changes
    changes: list[str] = field(default_factory=list)
    #: why the row is stored marked for review (ImportTarget.review_note)
    review: str | None = None


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
    #: rows stored with a warning, marked for review ("Behöver granskas")
    warnings: list[Problem] = field(default_factory=list)
    #: headings of filled columns no field reads (named, never dropped silently)
    unmapped: list[str] = field(default_factory=list)
    #: what the preview says about the columns (units applied, sums computed by the program)
    notes: list[str] = field(default_factory=list)
    incremental: bool = False
    #: what the target read above the heading row (ImportTarget.above_headings)
    above: dict[str, Any] = field(default_factory=dict)

    @property
    def can_import(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status and not r.problems)

    @property
    def refused_rows(self) -> int:
        return sum(1 for r in self.rows if r.problems)

    @property
    def all_new(self) -> bool | None:
        """For an incremental import: whether every row is new and none warned (the
        plain "N rader importerades" says it all); None for other imports."""
        if not self.incremental:
            return None
        return not self.warnings and all(r.status == NEW for r in self.rows)

    def changed_fields(self) -> dict[str, int]:
        """{field label: number of changed rows that change it}."""
        out: dict[str, int] = {}
        for r in self.rows:
            if r.status == CHANGED and not r.problems:
                for label in r.changes:
                    out[label] = out.get(label, 0) + 1
        return out

    def summary(self) -> str:
        if self.incremental:
            changed = self.changed_fields()
            new, edited, same = self.count(NEW), self.count(CHANGED), self.count(UNCHANGED)
            refused = self.refused_rows
            text = (f"{new} {_agree(new, 'ny', 'nya')}, {edited} {_agree(edited, 'ändrad', 'ändrade')}"
                    + (f" ({', '.join(f'{k} {n}' for k, n in changed.items())})" if changed else "")
                    + f", {same} {_agree(same, 'oförändrad', 'oförändrade')} och {refused} "
                    + _agree(refused, "refuserad rad", "refuserade rader"))
        else:
            text = f"{len(self.rows)} rader att importera"
        if self.warnings:
            text += (f", {len(self.warnings)} {_agree(len(self.warnings), 'rad', 'rader')} med varning "
                     "(markeras ”Behöver granskas”)")
        if self.skipped:
            text += f", {len(self.skipped)} tomma eller sammanslagna rader hoppas över"
        if self.problems:
            text += f", {len(self.problems)} problem som måste rättas först"
        return text


def _agree(count: int, one: str, many: str) -> str:
    return one if count == 1 else many
