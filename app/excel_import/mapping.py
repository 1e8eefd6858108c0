"""Finding the heading row, mapping columns to fields, and remembering mappings.

Exports put a title, a date or blank rows above the headings, and headings vary
("Beslutsdatum", "DATUM ", "Besluts-datum"). The heading row is the row among the first
ones whose cells name the most fields. What the user maps by hand is remembered per
source: the sheet name plus the exact headings, so next month's export of the same
report maps itself.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlite_utils import Database

from app import clock
from app.excel_import.reading import SheetGrid
from app.excel_import.spec import FieldSpec
from app.excel_import.values import clean, is_blank, normalize_heading, split_unit

#: How far down the heading row is looked for.
HEADER_SCAN_ROWS = 30


def _names(spec: FieldSpec) -> set[str]:
    return {normalize_heading(s) for s in (spec.label, spec.key, *spec.synonyms)} - {""}


def _index(fields: tuple[FieldSpec, ...]) -> dict[str, str]:
    """Normalised heading -> field key; the first field naming a heading wins."""
    index: dict[str, str] = {}
    for spec in fields:
        for name in _names(spec):
            index.setdefault(name, spec.key)
    return index


def field_for_heading(heading, fields: tuple[FieldSpec, ...],
                      index: dict[str, str] | None = None) -> str | None:
    """The field a heading names; a number field also by its heading without the unit
    ("Utfall ack (tkr)" names "Utfall ack"; the unit is applied while parsing)."""
    norm = normalize_heading(heading)
    if not norm:
        return None
    index = index if index is not None else _index(fields)
    key = index.get(norm)
    if key is None and isinstance(heading, str):
        base, unit = split_unit(heading)
        if unit is not None:
            key = index.get(normalize_heading(base))
            if key is not None and not any(f.key == key and f.unit for f in fields):
                key = None
    return key


def detect_header_row(grid: SheetGrid, fields: tuple[FieldSpec, ...]) -> int:
    """0-based index of the heading row: most cells naming a field; ties go to the
    upper row. Without any match: the first row with two or more filled cells."""
    best, best_score = None, 0
    index = _index(fields)
    for i, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        seen = {field_for_heading(v, fields, index) for v in row if isinstance(v, str)} - {None}
        if len(seen) > best_score:
            best, best_score = i, len(seen)
    if best is not None:
        return best
    for i, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        if sum(not is_blank(v) for v in row) >= 2:
            return i
    return 0


def headings(grid: SheetGrid, header_index: int) -> list[str]:
    if not grid.rows:
        return []
    row = grid.rows[header_index]
    out = []
    for v in row:
        if v is None:
            out.append("")
        elif isinstance(v, datetime):
            out.append(v.strftime("%Y-%m-%d"))
        else:
            out.append(clean(str(v)))
    return out


def auto_mapping(names: list[str], fields: tuple[FieldSpec, ...]) -> dict[int, str]:
    """Column index -> field key for headings that name a field; each field once
    (the leftmost column wins)."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    index = _index(fields)
    for i, name in enumerate(names):
        key = field_for_heading(name, fields, index)
        if key and key not in taken:
            mapping[i] = key
            taken.add(key)
    return mapping


def header_signature(names: list[str]) -> str:
    return "|".join(normalize_heading(n) for n in names)


def source_key(sheet: str, names: list[str]) -> str:
    return f"{clean(sheet).casefold()}::{header_signature(names)}"


class MappingStore:
    """Mappings the user chose, per import kind and source (table excel_mappning)."""

    def __init__(self, db: Database):
        self.db = db

    def load(self, kind: str, sheet: str, names: list[str],
             fields: tuple[FieldSpec, ...]) -> dict[int, str] | None:
        """The remembered mapping for this sheet and these headings; failing that,
        one remembered for the same headings on a sheet with another name."""
        row = self.db.execute(
            "SELECT mappning FROM excel_mappning WHERE typ = ? AND kalla = ?",
            [kind, source_key(sheet, names)]).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT mappning FROM excel_mappning WHERE typ = ? AND rubriker = ? "
                "ORDER BY andrad DESC LIMIT 1", [kind, header_signature(names)]).fetchone()
        if row is None:
            return None
        known = {f.key for f in fields}
        try:
            stored = json.loads(row[0])
        except ValueError:
            return None
        return {int(col): key for col, key in stored.items()
                if key in known and int(col) < len(names)}

    def save(self, kind: str, sheet: str, names: list[str], mapping: dict[int, str]) -> None:
        record = {
            "typ": kind, "kalla": source_key(sheet, names), "rubriker": header_signature(names),
            "mappning": json.dumps({str(c): k for c, k in sorted(mapping.items())}),
            "andrad": clock.now_iso(),
        }
        with self.db.atomic():
            self.db.table("excel_mappning").upsert(record, pk=("typ", "kalla"))

    @staticmethod
    def load_file(path) -> dict[str, str]:
        """A mapping for the command line: a JSON file, or the JSON itself
        ({"Rubrik i filen": "fält"}) written on the command line."""
        text = str(path)
        if text.lstrip().startswith("{"):
            data = json.loads(text)
        else:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        if not isinstance(data, dict):
            raise ValueError("mappningsfilen ska vara ett JSON-objekt {\"Rubrik\": \"fält\"}")
        return {str(k): str(v) for k, v in data.items()}


#: What a mapping gives a column that is to be left out on purpose ({"Kommentar": ""}).
IGNORE_WORDS = {"", "ignorera", "hoppaöver", "ingen"}


def mapping_from_headings(names: list[str], by_heading: dict[str, str],
                          fields: tuple[FieldSpec, ...]) -> tuple[dict[int, str], list[str]]:
    """Apply a {heading: field key or label} mapping; return it and the Swedish
    complaints about headings or fields it names that do not exist. A heading mapped
    to "" (or "ignorera") is left out on purpose: it maps to the key ""."""
    wanted = {normalize_heading(h): (h, v) for h, v in by_heading.items()}
    by_label = {normalize_heading(f.label): f.key for f in fields} | {f.key: f.key for f in fields}
    mapping: dict[int, str] = {}
    complaints = []
    for i, name in enumerate(names):
        entry = wanted.pop(normalize_heading(name), None)
        if entry is None:
            continue
        target = entry[1]
        if normalize_heading(target) in IGNORE_WORDS:
            mapping[i] = ""  # read by no field, as the user said
            continue
        key = by_label.get(normalize_heading(target), by_label.get(target))
        if key is None:
            complaints.append(f"Mappningen nämner fältet ”{target}”, som inte finns "
                              f"(fälten är: {', '.join(f.label for f in fields)}).")
            continue
        mapping[i] = key
    for heading, _target in wanted.values():
        complaints.append(f"Mappningen nämner rubriken ”{heading}”, som inte finns i filen.")
    return mapping, complaints
