"""Importing tables from Excel (and CSV) files, and exporting tables to Excel.

Headless and shared by every register and plan that takes Excel input:

* :mod:`.reading` – a sheet as a grid of values, merged cells resolved;
* :mod:`.mapping` – the heading row, columns mapped to fields, remembered mappings;
* :mod:`.values` – dates (serials, text), numbers with spaces and commas;
* :mod:`.parsing` – preview with every problem located, all-or-nothing apply;
* :mod:`.export` – a table written as a tidy xlsx.

A feature declares an :class:`~app.excel_import.spec.ImportTarget` and calls
:func:`preview_file` then :func:`apply_import`. openpyxl is imported only when a file
is actually read or written.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from app.excel_import.export import (
    ExportColumn,
    ExportError,
    ExportSection,
    Marked,
    save_workbook,
    write_report_xlsx,
    write_xlsx,
)
from app.excel_import.mapping import (
    MappingStore,
    auto_mapping,
    detect_header_row,
    headings,
    mapping_from_headings,
)
from app.excel_import.parsing import ImportRefused, apply_import, build_preview
from app.excel_import.reading import (
    Cancelled,
    ImportCancelled,
    ImportFileError,
    Progress,
    SheetGrid,
    read_sheet,
    sheet_names,
)
from app.excel_import.spec import FieldSpec, ImportPreview, ImportTarget, Problem

__all__ = [
    "ExportColumn",
    "ExportError",
    "ExportSection",
    "FieldSpec",
    "ImportCancelled",
    "ImportFileError",
    "ImportPreview",
    "ImportRefused",
    "ImportTarget",
    "MappingStore",
    "Marked",
    "Problem",
    "SheetGrid",
    "apply_import",
    "build_preview",
    "import_file",
    "initial_mapping",
    "preview_file",
    "read_sheet",
    "save_workbook",
    "sheet_names",
    "write_report_xlsx",
    "write_xlsx",
]


def initial_mapping(db: Database | None, target: ImportTarget, grid: SheetGrid,
                    header_index: int) -> dict[int, str]:
    """The remembered mapping for this source if there is one, else the automatic one."""
    names = headings(grid, header_index)
    if db is not None:
        remembered = MappingStore(db).load(target.kind, grid.sheet, names, target.fields)
        if remembered:
            return remembered
    mapping = auto_mapping(names, target.fields)
    return mapping | target.resolve_headings(names, mapping)


def preview_file(db: Database, target: ImportTarget, path: Path | str, sheet: str | None = None,
                 *, by_heading: dict[str, str] | None = None, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> ImportPreview:
    """Read ``path`` and parse it with the remembered or automatic mapping, overlaid
    by ``by_heading`` ({heading in the file: field key or label}) when given."""
    target = target.bind(db)
    grid = read_sheet(path, sheet, progress=progress, cancelled=cancelled)
    header_index = detect_header_row(grid, target.fields)
    mapping = initial_mapping(db, target, grid, header_index)
    complaints: list[str] = []
    if by_heading:
        chosen, complaints = mapping_from_headings(headings(grid, header_index), by_heading,
                                                   target.fields)
        chosen_fields = set(chosen.values())
        mapping = {c: k for c, k in mapping.items() if k not in chosen_fields and c not in chosen}
        mapping.update(chosen)
    preview = build_preview(grid, target, mapping, header_index,
                            existing=target.existing_keys(db), progress=progress,
                            cancelled=cancelled)
    preview.problems[:0] = [Problem(grid.sheet, text, file=grid.file.name) for text in complaints]
    return preview


def import_file(db: Database, target: ImportTarget, path: Path | str, sheet: str | None = None,
                *, by_heading: dict[str, str] | None = None) -> int:
    """Preview and store in one go (command line, tests): all rows or none."""
    target = target.bind(db)
    return apply_import(db, target, preview_file(db, target, path, sheet, by_heading=by_heading))
