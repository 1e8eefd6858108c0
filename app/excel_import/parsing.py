"""Turning a sheet and a mapping into a preview, and storing it all-or-nothing."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

from sqlite_utils import Database

from app import printable
from app.excel_import.mapping import MappingStore, auto_mapping, detect_header_row, headings
from app.excel_import.reading import Cancelled, ImportCancelled, Progress, SheetGrid
from app.excel_import.spec import (
    CHANGED,
    NEW,
    UNCHANGED,
    FieldSpec,
    ImportPreview,
    ImportTarget,
    ParsedRow,
    Problem,
    SkippedRow,
)
from app.excel_import.values import (
    UNITS,
    CellError,
    clean,
    column_letter,
    convert_unit,
    is_blank,
    normalize_heading,
    parse_date,
    parse_decimal,
    parse_int,
    parse_text,
    quote,
    split_unit,
)


class ImportRefused(Exception):
    """Nothing was stored; ``problems`` says why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = "\n".join(p.with_file() for p in problems[:20])
        more = f"\n… och {len(problems) - 20} problem till." if len(problems) > 20 else ""
        super().__init__(f"Ingenting importerades: {len(problems)} problem.\n{head}{more}")


def parse_cell(spec: FieldSpec, value: Any, grid: SheetGrid) -> Any:
    """The stored value of one non-blank cell, or CellError."""
    if spec.kind == "date":
        return parse_date(value, grid.epoch)
    if spec.kind == "int":
        return parse_int(value)
    if spec.kind == "decimal":
        return parse_decimal(value)
    if spec.kind == "choice":
        text = parse_text(value, numbers_ok=True)
        norm = normalize_heading(text)
        for spelling, stored in spec.choices.items():
            if normalize_heading(spelling) == norm:
                return stored
        shown = ", ".join(sorted(set(spec.choices.values())))
        raise CellError(f"{quote(text)} är inget av de tillåtna värdena ({shown})")
    text = parse_text(value, numbers_ok=spec.numbers_ok)
    if spec.max_length is not None and len(text) > spec.max_length:
        raise CellError(f"texten är {len(text)} tecken lång; högst {spec.max_length} får plats")
    # Said on the cell in the preview, before the service would refuse it while storing.
    if (unprintable := printable.problem(text)) is not None:
        raise CellError(unprintable[0].lower() + unprintable[1:])  # completes "Blad X, rad N …: "
    return text


def mapping_problems(target: ImportTarget, grid: SheetGrid, names: list[str],
                     mapping: dict[int, str]) -> list[Problem]:
    problems = []
    columns_of: dict[str, list[int]] = {}
    for col, key in sorted(mapping.items()):
        columns_of.setdefault(key, []).append(col)
    for spec in target.fields:
        cols = columns_of.get(spec.key, [])
        if len(cols) > 1:
            letters = " och ".join(column_letter(c) for c in cols)
            problems.append(Problem(grid.sheet, f"fältet {spec.label} är valt för flera kolumner "
                                    f"({letters}); välj en", field_label=spec.label,
                                    file=grid.file.name))
        elif not cols and spec.required:
            problems.append(Problem(grid.sheet, f"ingen kolumn är vald för {spec.label}, som "
                                    "måste fyllas i", field_label=spec.label, file=grid.file.name))
    return problems


def _columns(target: ImportTarget, grid: SheetGrid, names: list[str], mapping: dict[int, str],
             header_index: int, ignored: set[int]) -> tuple[dict[int, str], list[Problem], list[str],
                                                            list[str]]:
    """(column -> unit to convert from, problems, unrecognised headings, notes) of the
    heading row: units in headings, headings that could mean two things, and the filled
    columns no field reads, which are named rather than dropped."""
    fname = grid.file.name
    specs = {f.key: f for f in target.fields}
    units: dict[int, str] = {}
    problems: list[Problem] = []
    for col, key in sorted(mapping.items()):
        spec = specs[key]
        unit = split_unit(names[col])[1] if col < len(names) else None
        if unit is None or spec.unit is None or unit == spec.unit:
            continue
        if (UNITS[unit] is None) != (UNITS[spec.unit] is None):
            problems.append(Problem(grid.sheet, f"rubriken {quote(names[col])} är i {unit}, men fältet "
                                    f"{spec.label} är i {spec.unit}; välj ett annat fält för kolumnen",
                                    header_index + 1, col, spec.label, fname))
        else:
            units[col] = unit
    for col, text in sorted(target.heading_problems(names, mapping).items()):
        problems.append(Problem(grid.sheet, text, header_index + 1, col, file=fname))
    unrecognised, notes = [], []
    body = grid.rows[header_index + 1:]
    for col in range(grid.width):
        if col in mapping or col in ignored or any(p.column == col for p in problems):
            continue
        name = names[col] if col < len(names) else ""
        if name:
            note = target.heading_note(name)
            if note is not None:
                notes.append(f"{quote(name)} {note}")
            else:
                unrecognised.append(name)
        elif any(not is_blank(row[col]) for row in body):
            unrecognised.append(f"kolumn {column_letter(col)} (utan rubrik)")
    for col, unit in sorted(units.items()):
        notes.append(f"{quote(names[col])} räknas om från {unit} till {specs[mapping[col]].unit}")
    return units, problems, unrecognised, notes


def build_preview(grid: SheetGrid, target: ImportTarget, mapping: dict[int, str] | None = None,
                  header_index: int | None = None, *, existing: Any = None,
                  overrides: dict[tuple[int, int], Any] | None = None,
                  progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> ImportPreview:
    """Read every row below the headings with ``mapping`` (column -> field key;
    default: from the headings; "" leaves a column out on purpose) and collect every
    problem.

    ``existing`` holds the duplicate keys of entries already stored (an incremental
    target's {key: [(id, values)]}); ``overrides`` replaces cell values the user corrected
    in the preview, by (Excel row, column).
    """
    if header_index is None:
        header_index = detect_header_row(grid, target.fields)
    names = headings(grid, header_index)
    if mapping is None:
        mapping = auto_mapping(names, target.fields)
        mapping |= target.resolve_headings(names, mapping)
    ignored = {c for c, k in mapping.items() if not k}
    mapping = {c: k for c, k in mapping.items() if k and c < grid.width}
    overrides = overrides or {}
    existing = existing or ({} if target.incremental else set())
    specs = {f.key: f for f in target.fields}
    column_of = {key: col for col, key in sorted(mapping.items(), reverse=True)}
    columns = sorted(mapping)
    fname = grid.file.name
    problems = mapping_problems(target, grid, names, mapping)
    target.columns_read(set(mapping.values()))
    units, column_problems, unrecognised, notes = _columns(target, grid, names, mapping, header_index,
                                                           ignored)
    problems += column_problems
    above, above_problems = target.above_headings(grid.rows[:header_index])
    problems += [Problem(grid.sheet, text, row, file=fname) for row, text in above_problems]
    table_end, below, below_problems = target.below_table(grid.rows, header_index)
    above = {**above, **below}
    problems += [Problem(grid.sheet, text, row, file=fname) for row, text in below_problems]
    warnings: list[Problem] = []
    used: set[int] = set()
    rows: list[ParsedRow] = []
    skipped: list[SkippedRow] = []
    seen: dict[Hashable, int] = {}
    stored_ids = {c[0] for cs in existing.values() for c in cs} if target.incremental else set()
    total = len(grid.rows)
    for index in range(header_index + 1, total if table_end is None else table_end):
        if index % 250 == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            if progress is not None:
                progress(index, total)
        excel_row = index + 1
        raw = grid.rows[index]
        cells = {c: overrides.get((excel_row, c), raw[c]) for c in columns}
        if all(is_blank(v) for v in cells.values()):
            skipped.append(SkippedRow(excel_row, "tom rad"))
            continue
        banner = None if not grid.merges or any((excel_row, c) in overrides for c in columns) \
            else grid.banner_text(index, columns)
        if banner is not None:
            skipped.append(SkippedRow(excel_row, f"sammanslagen rad {quote(banner)}"))
            continue
        row = ParsedRow(excel_row, {})
        for col in columns:
            key = mapping[col]
            spec = specs[key]
            value = cells[col]
            if is_blank(value):
                row.values[key] = None
                if spec.required:
                    row.problems.append(Problem(grid.sheet, f"{spec.label} saknas (måste fyllas i)",
                                                excel_row, col, spec.label, fname))
                continue
            try:
                parsed = parse_cell(spec, value, grid)
                if col in units:
                    parsed = convert_unit(parsed, units[col], cast(str, spec.unit))
                row.values[key] = parsed
            except CellError as exc:
                row.values[key] = None
                row.problems.append(Problem(grid.sheet, str(exc), excel_row, col, spec.label, fname))
        for key in specs:
            row.values.setdefault(key, None)
        reason = target.skip_reason(row.values)
        if reason is not None:
            skipped.append(SkippedRow(excel_row, reason))
            continue
        unreadable = {mapping[p.column] for p in row.problems if p.column is not None}
        for field_key, message in target.check_row(row.values):
            if field_key in unreadable:
                continue  # the cell's own problem says it already ("… är inget datum")
            field_col = column_of.get(field_key) if field_key else None
            label = specs[field_key].label if field_key in specs else ""
            row.problems.append(Problem(grid.sheet, message, excel_row, field_col, label, fname))
        if not row.problems:
            dup_key = row.key = target.row_key(row.values)
            free = [c for c in existing.get(dup_key, ()) if c[0] not in used] \
                if dup_key is not None and target.incremental else []
            file_id = row.values.get("id") if target.incremental else None
            if file_id is not None and not free and file_id not in used \
                    and file_id in stored_ids:
                # The file's Id names an entry whose identifying values differ and no entry
                # has the row's: an entry changed where the program cannot follow, or a file
                # from another database. Neither a new entry nor an overwrite is safe.
                row.problems.append(Problem(
                    grid.sheet, f"raden har Id {file_id}, men posten med det id:t i registret har andra "
                    "uppgifter; ändra posten i programmet, eller töm cellen Id om raden är en ny post "
                    "(kommer filen från en annan databas: ta bort kolumnen Id)", excel_row,
                    column_of.get("id"), specs["id"].label if "id" in specs else "", fname))
            elif free:
                # The entry the file's Id names, when it has the row's key; else (equal keys
                # in an anonymous register) the entry with equal values first, else the
                # oldest one not matched yet.
                new_values = target.compared(row.values)
                row.match_id, row.before = next((c for c in free if c[0] == file_id), None) \
                    or next((c for c in free if all(c[1].get(k) == v for k, v in new_values.items())),
                            free[0])
                used.add(row.match_id)
                seen.setdefault(dup_key, excel_row)
                row.changes = [specs[k].label if k in specs else k
                               for k, v in new_values.items() if row.before.get(k) != v]
                row.status = CHANGED if row.changes else UNCHANGED
            elif dup_key is not None and not target.incremental:
                if dup_key in existing:
                    described = target.describe_key(dup_key)
                    row.problems.append(Problem(
                        grid.sheet, "raden finns redan i registret"
                        + (f" ({described})" if described else ""), excel_row, file=fname))
                elif dup_key in seen and target.duplicates_within_file:
                    row.problems.append(Problem(grid.sheet, f"raden är en dubblett av rad {seen[dup_key]}",
                                                excel_row, file=fname))
                else:
                    seen[dup_key] = excel_row
            elif dup_key is not None:
                if dup_key in seen and target.duplicates_within_file:
                    row.problems.append(Problem(grid.sheet, f"raden är en dubblett av rad {seen[dup_key]}",
                                                excel_row, file=fname))
                seen.setdefault(dup_key, excel_row)
        if not row.problems and row.status != UNCHANGED:
            refusal = target.refuse_stored(row.values, row.before)
            if refusal is not None:
                row.problems.append(Problem(grid.sheet, refusal[1], excel_row, column_of.get(refusal[0]),
                                            specs[refusal[0]].label if refusal[0] in specs else "", fname))
        if not row.problems and row.status != UNCHANGED:
            row.review = target.review_note(row.values)
            if row.review:
                warnings.append(Problem(grid.sheet, row.review, excel_row, file=fname))
        rows.append(row)
        problems.extend(row.problems)
    changed = [r for r in rows if r.status == CHANGED and not r.problems]
    if changed:
        locked = target.locked([cast(int, r.match_id) for r in changed])
        for r in changed:
            if r.match_id in locked:
                problem = Problem(grid.sheet, f"raden ändrar {swedish_list(r.changes)} i en post som "
                                  f"inte kan ändras: {locked[r.match_id]}", r.excel_row, file=fname)
                r.problems.append(problem)
                problems.append(problem)
        refused = {r.excel_row for r in changed if r.problems}
        warnings = [w for w in warnings if w.row not in refused]
    if not rows and not problems:
        problems.append(Problem(grid.sheet, "det finns inga rader att importera under rubrikerna "
                                f"på rad {header_index + 1}", file=fname))
    if progress is not None:
        progress(total, total)
    return ImportPreview(grid.file, grid.sheet, header_index + 1, names, mapping, rows,
                         problems, skipped, warnings, unrecognised, notes, target.incremental, above)


def swedish_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]


def apply_import(db: Database, target: ImportTarget, preview: ImportPreview, *,
                 remember_mapping: bool = True) -> int:
    """Store every row of ``preview`` in one transaction, or nothing.

    Duplicates are checked again inside the transaction: the register may have changed
    since the preview was made.
    """
    if preview.problems:
        raise ImportRefused(preview.problems)
    if not preview.rows:
        raise ImportRefused([Problem(preview.sheet, "det finns inga rader att importera",
                                     file=preview.file.name)])
    if target.incremental:
        return _apply_incremental(db, target, preview, remember_mapping)
    with db.atomic():
        existing = target.existing_keys(db)
        clashes = []
        for row in preview.rows:
            key = row.key if row.key is not None else target.row_key(row.values)
            if key is not None and key in existing:
                clashes.append(Problem(preview.sheet, "raden finns redan i registret",
                                       row.excel_row, file=preview.file.name))
        if clashes:
            raise ImportRefused(clashes)
        count = target.store(db, [row.values for row in preview.rows])
        if preview.above:
            target.store_above(db, preview.above)
        if remember_mapping:
            MappingStore(db).save(target.kind, preview.sheet, preview.headings, preview.mapping)
    return count


def _apply_incremental(db: Database, target: ImportTarget, preview: ImportPreview,
                       remember_mapping: bool) -> int:
    """Store the new rows and update the changed ones; the unchanged are passed over.
    The register is read again inside the transaction: an entry changed or added since
    the preview refuses the whole import (the user reads the file again)."""
    fname = preview.file.name
    with db.atomic():
        existing = cast(dict, target.existing_keys(db))
        matched: dict[Hashable, int] = {}
        for row in preview.rows:
            if row.match_id is not None:
                matched[row.key] = matched.get(row.key, 0) + 1
        moved = []
        for row in preview.rows:
            now = dict(existing.get(row.key, ())) if row.key is not None else {}
            if row.match_id is not None:
                same = now.get(row.match_id) == row.before
            else:  # every entry with this key was matched, so the row was new
                same = len(now) <= matched.get(row.key, 0)
            if not same:
                moved.append(Problem(preview.sheet, "registret har ändrats sedan filen lästes in; läs in "
                                     "filen igen", row.excel_row, file=fname))
        if moved:
            raise ImportRefused(moved)
        new = [row.values for row in preview.rows if row.status == NEW]
        changed = [(cast(int, row.match_id), row.values) for row in preview.rows if row.status == CHANGED]
        count = target.store(db, new) if new else 0
        if changed:
            count += target.update(db, changed)
        if remember_mapping:
            MappingStore(db).save(target.kind, preview.sheet, preview.headings, preview.mapping)
    return count


def text_of(value: Any) -> str:
    """A cell as the user would read it in the preview."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))
