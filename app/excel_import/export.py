"""Writing a table to an Excel file the way a user wants to receive it.

Swedish headings in bold, a frozen heading row with filter buttons, dates as real Excel
dates (shown 2022-02-28), numbers as numbers (not text), and column widths that fit the
content. Written in openpyxl's write-only mode so that 100 000 rows stay quick.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.excel_import.values import column_letter

if TYPE_CHECKING:
    from openpyxl import Workbook

#: Excel stores format codes in English form; Swedish Excel shows "," as a space.
NUMBER_FORMATS = {"int": "#,##0", "date": "yyyy-mm-dd"}
MAX_WIDTH = 60
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class ExportColumn:
    heading: str
    kind: str = "text"  # text, date, int, decimal
    decimals: int = 0
    width: int | None = None  # characters; None fits the content

    @property
    def number_format(self) -> str | None:
        if self.kind == "decimal":
            return "#,##0" + ("." + "0" * self.decimals if self.decimals else "")
        return NUMBER_FORMATS.get(self.kind)


class ExportError(Exception):
    """The file could not be written; the message is Swedish."""


def sheet_title(text: str) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name."""
    title = _BAD_SHEET_CHARS.sub("-", text).strip("'") or "Blad1"
    return title[:31]


def cell_value(column: ExportColumn, value: Any) -> Any:
    """The typed value to store: ISO text becomes a date in a date column, "1 234"
    becomes a number in a number column; anything unreadable stays text."""
    if value is None or value == "":
        return None
    if column.kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    if column.kind in ("int", "decimal"):
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int | float | Decimal):
            return value
        text = re.sub(r"[\s\u00a0]", "", str(value)).replace(",", ".").replace("\u2212", "-")
        try:
            number = Decimal(text)
        except ArithmeticError:
            return str(value)
        return int(number) if column.kind == "int" and number == int(number) else number
    return value


def _shown_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    if isinstance(value, int | float | Decimal):
        return len(f"{value:,}") + 1
    return max((len(line) for line in str(value).splitlines()), default=0)


@dataclass(frozen=True)
class Marked:
    """A value shown with a mark after it, as a printed report marks a row ("121 *"): a
    number stays a number in its cell (a sum counts it), the mark is in its number
    format; the section's footnote says what the mark means."""

    value: Any
    mark: str = "*"


@dataclass(frozen=True)
class ExportSection:
    """One table of a report sheet: a caption, its columns and rows, and a footnote
    under the rows (what a :class:`Marked` value's mark means)."""

    caption: str
    columns: Sequence[ExportColumn]
    rows: Sequence[Sequence[Any]]
    footnote: str = ""


def write_report_xlsx(path: Path | str, title: str, sections: Sequence[ExportSection], *,
                      heading_lines: Sequence[str] = ()) -> int:
    """Several tables under each other on one sheet (a report like the nämnd's
    statistics), each with its caption and bold headings. Returns the data rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(title)
    widths: dict[int, int] = {}
    r = 1
    for n, line in enumerate(heading_lines):
        ws.cell(r, 1, line).font = Font(bold=True, size=13) if n == 0 else Font()
        r += 1
    total = 0
    for section in sections:
        r += 1 if r > 1 else 0
        ws.cell(r, 1, section.caption).font = Font(bold=True, italic=True)
        r += 1
        for c, col in enumerate(section.columns, start=1):
            cell = ws.cell(r, c, col.heading)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="bottom")
            widths[c] = max(widths.get(c, 0), min(len(col.heading), 30))
        r += 1
        for row in section.rows:
            for c, (col, value) in enumerate(zip(section.columns, row, strict=False), start=1):
                mark = value.mark if isinstance(value, Marked) else ""
                typed = cell_value(col, value.value if isinstance(value, Marked) else value)
                if mark and not isinstance(typed, int | float | Decimal):
                    typed = f"{'' if typed is None else typed} {mark}".strip()
                cell = ws.cell(r, c, typed)
                if isinstance(typed, str) and typed.startswith("="):
                    cell.data_type = "s"
                if col.number_format and isinstance(typed, date | int | float | Decimal):
                    cell.number_format = col.number_format
                if mark and isinstance(typed, int | float | Decimal):
                    cell.number_format = f'{col.number_format or "General"}" {mark}"'
                widths[c] = max(widths.get(c, 0), _shown_width(typed) + (len(mark) + 1 if mark else 0))
            r += 1
            total += 1
        if section.footnote and section.rows:
            ws.cell(r, 1, section.footnote).font = Font(italic=True, size=9)
            r += 1
    for c, width in widths.items():
        ws.column_dimensions[column_letter(c - 1)].width = max(8, min(MAX_WIDTH, width + 2))
    save_workbook(wb, path)
    return total


def write_xlsx(path: Path | str, title: str, columns: Sequence[ExportColumn],
               rows: Iterable[Sequence[Any]], *, heading_lines: Sequence[str] = ()) -> int:
    """Write one sheet; return the number of data rows. ``heading_lines`` are printed
    above the table (a report title, "Rapportdatum 2022-01-31")."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    typed = [[cell_value(col, v) for col, v in zip(columns, row, strict=False)] for row in rows]
    widths = [max([len(col.heading), *(_shown_width(r[i]) for r in typed[:5000] if i < len(r))])
              for i, col in enumerate(columns)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(title))
    for i, col in enumerate(columns):
        width = col.width if col.width is not None else min(MAX_WIDTH, widths[i] + 2)
        ws.column_dimensions[column_letter(i)].width = max(6, width)
    first = len(heading_lines) + (2 if heading_lines else 1)
    ws.freeze_panes = f"A{first + 1}"
    if typed:
        ws.auto_filter.ref = f"A{first}:{column_letter(len(columns) - 1)}{first + len(typed)}"
    bold = Font(bold=True)
    for n, line in enumerate(heading_lines):
        cell = WriteOnlyCell(ws, value=line)
        if n == 0:
            cell.font = Font(bold=True, size=13)
        ws.append([cell])
    if heading_lines:
        ws.append([])
    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=col.heading)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        header.append(cell)
    ws.append(header)
    formats = [col.number_format for col in columns]
    for row in typed:
        out = []
        for value, fmt in zip(row, formats, strict=False):
            if fmt is not None and isinstance(value, date | int | float | Decimal):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = fmt
                out.append(cell)
            elif isinstance(value, str) and value.startswith("="):
                # Text, not a formula: a title like "=Summa" must not be run by Excel.
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
    save_workbook(wb, path)
    return len(typed)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT_TEXT = re.compile(r"^[\-\u2212]?\d{1,3}(?:[ \u00a0\u202f]?\d{3})*$")
_DECIMAL_TEXT = re.compile(r"^[\-\u2212]?\d{1,3}(?:[ \u00a0\u202f]?\d{3})*,(\d+)$")


def columns_from_text(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[ExportColumn]:
    """Column types for a table known only by its shown text (any table view): a
    column whose every filled cell is a date becomes a date column, every number a
    number column. A Dnr like "2022/10" stays text."""
    columns = []
    for i, heading in enumerate(headings):
        filled = [r[i] for r in rows if i < len(r) and r[i] not in (None, "")]
        kind, decimals = "text", 0
        if filled and all(isinstance(v, str) and _ISO_DATE.match(v) for v in filled):
            kind = "date"
        elif filled and all(isinstance(v, str) and _INT_TEXT.match(v) for v in filled) \
                and not all(v.startswith("0") and len(v) > 1 for v in filled):
            kind = "int"
        elif filled and all(isinstance(v, str) and (_INT_TEXT.match(v) or _DECIMAL_TEXT.match(v))
                            for v in filled):
            kind = "decimal"
            decimals = max(len(m[1]) for v in filled if (m := _DECIMAL_TEXT.match(v)))
        columns.append(ExportColumn(heading, kind, decimals))
    return columns


def save_workbook(wb: Workbook, path: Path | str) -> None:
    """Write ``wb`` to ``path`` (its folder made if needed); a Swedish
    :class:`ExportError` saying why when the file cannot be written (open in Excel,
    no permission, disk full)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except PermissionError as exc:
        raise ExportError(f"{path} kan inte skrivas: behörighet saknas, eller så är filen "
                          "öppen i Excel. Stäng den och försök igen.") from exc
    except OSError as exc:
        raise ExportError(f"{path} kan inte skrivas: {exc.strerror}.") from exc
