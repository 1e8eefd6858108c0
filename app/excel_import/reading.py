"""Reading a worksheet into a grid of plain values, merged cells resolved.

openpyxl is imported inside the functions: it costs start-up time and only the import
and export features need it. Sheets are read in read-only mode (fast and small for
10 000-row exports); read-only mode does not report merged cells, so their ranges are
taken from the sheet's XML directly. CSV files from case systems are read too
(separator and encoding detected), as a grid with one sheet named after the file.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.excel_import.values import EXCEL_EPOCH, clean, is_blank

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


class ImportFileError(Exception):
    """The file cannot be read at all; the message is Swedish and names the file."""


class ImportCancelled(Exception):
    """The user pressed Avbryt."""


@dataclass
class SheetGrid:
    """The cells of one sheet as plain Python values, rows padded to equal width.

    ``rows[i][c]`` is Excel row ``i + 1``, column ``c`` (0 = A). Every cell of a merged
    range holds the range's value; ``merges`` keeps the ranges (0-based, inclusive) so
    that a row made of one merged banner can be recognised.
    """

    file: Path
    sheet: str
    rows: list[list]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    epoch: date = EXCEL_EPOCH

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def banner_text(self, row: int, columns: list[int]) -> str | None:
        """The text of a row whose filled cells among ``columns`` all belong to one
        horizontally merged range (a heading row such as "Kurser" inside a list)."""
        filled = [c for c in columns if not is_blank(self.rows[row][c])]
        if not filled:
            return None
        for r1, c1, r2, c2 in self.merges:
            if r1 <= row <= r2 and c2 > c1 and all(c1 <= c <= c2 for c in filled):
                return clean(str(self.rows[r1][c1]))
        return None


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _check_path(path: Path) -> None:
    if not path.exists():
        raise ImportFileError(f"Filen {path} finns inte.")
    if path.is_dir():
        raise ImportFileError(f"{path} är en mapp, inte en fil.")
    if path.suffix.lower() == ".xls":
        raise ImportFileError(
            f"{path.name} är i det gamla Excel-formatet (.xls). Öppna den i Excel och spara "
            "som Excel-arbetsbok (.xlsx), och importera sedan den filen.")


def _open_workbook(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name} kan inte läsas som en Excel-fil (.xlsx). Filen kan vara skadad, "
            f"lösenordsskyddad eller i ett annat format ({type(exc).__name__}).") from exc


def is_csv(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".txt")


def sheet_names(path: Path | str) -> list[str]:
    path = Path(path)
    _check_path(path)
    if is_csv(path):
        return [path.stem]
    wb = _open_workbook(path)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_sheet(path: Path | str, sheet: str | None = None, *,
               progress: Progress | None = None, cancelled: Cancelled | None = None) -> SheetGrid:
    """All cells of ``sheet`` (default: the first) with merged ranges filled in."""
    path = Path(path)
    _check_path(path)
    if is_csv(path):
        return _read_csv(path)
    wb = _open_workbook(path)
    try:
        name = sheet if sheet is not None else wb.sheetnames[0]
        if name not in wb.sheetnames:
            raise ImportFileError(f"{path.name} har inget blad som heter ”{name}” "
                                  f"(bladen är: {', '.join(wb.sheetnames)}).")
        ws = wb[name]
        total = _row_estimate(wb, ws)
        rows = _fast_rows(wb, ws, total, progress, cancelled)
        if rows is None:
            # Exporters often write a wrong <dimension>; read what is really there.
            ws.reset_dimensions()
            rows = []
            for i, values in enumerate(ws.iter_rows(min_row=1, values_only=True)):
                rows.append(list(values))
                _tick(i, total, progress, cancelled)
        epoch = wb.epoch.date() if hasattr(wb.epoch, "date") else EXCEL_EPOCH
        merges = _merged_ranges(path, getattr(ws, "_worksheet_path", None))
    finally:
        wb.close()
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    grid = SheetGrid(path, name, rows, merges, epoch)
    _pad_and_fill(grid)
    return grid


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def _row_estimate(wb, ws) -> int:
    """The last row from the sheet's <dimension> (for the progress bar only: exporters
    get it wrong). openpyxl's ``max_row`` would read the whole sheet when it is missing."""
    try:
        with wb._archive.open(ws._worksheet_path) as src:
            m = _DIMENSION.search(src.read(4096))
    except (AttributeError, KeyError, OSError):
        return 0
    return int(m[1]) if m else 0


def _tick(i: int, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
    if i % 500 == 0:
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if progress is not None:
            progress(i, max(total, i + 1))


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _fast_rows(wb, ws, total: int, progress: Progress | None,
               cancelled: Cancelled | None) -> list[list] | None:
    """The sheet's values read straight from its XML with lxml: the same values as
    openpyxl's read-only ``iter_rows(values_only=True)`` at several times the speed (an
    import of a 10 000-row export is mostly this read). None when the parts it needs
    are not where openpyxl 3.1 keeps them; the caller then reads through openpyxl."""
    try:
        from lxml import etree
        from openpyxl.utils.datetime import from_excel

        archive, part = wb._archive, ws._worksheet_path
        strings, date_formats = ws._shared_strings, wb._date_formats
        epoch = wb.epoch
    except (ImportError, AttributeError):
        return None
    rows: list[list] = []
    columns: dict[str, int] = {}
    cell_tag, value_tag, text_tag = _MAIN + "c", _MAIN + "v", _MAIN + "t"
    with archive.open(part) as src:
        for _event, row in etree.iterparse(src, events=("end",), tag=_MAIN + "row", huge_tree=True):
            number = row.get("r")
            number = int(number) if number else len(rows) + 1
            while len(rows) < number - 1:
                rows.append([])
            values: list = []
            column = -1
            for cell in row.iterchildren(cell_tag):
                ref = cell.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    column = columns.get(letters)
                    if column is None:
                        column = columns[letters] = _col_index(letters.encode())
                else:
                    column += 1
                kind = cell.get("t", "n")
                if kind == "inlineStr":
                    value = "".join(t.text or "" for t in cell.iter(text_tag)) or None
                else:
                    value = cell.findtext(value_tag) or None
                    if value is not None:
                        if kind == "n":
                            value = float(value) if ("." in value or "E" in value or "e" in value) \
                                else int(value)
                            style = cell.get("s")
                            if style and int(style) in date_formats:
                                try:
                                    value = from_excel(value, epoch)
                                except (OverflowError, ValueError):
                                    value = "#VALUE!"
                        elif kind == "s":
                            value = strings[int(value)]
                        elif kind == "b":
                            value = bool(int(value))
                        elif kind == "d":
                            value = datetime.fromisoformat(value.rstrip("Z"))
                if len(values) <= column:
                    values.extend([None] * (column + 1 - len(values)))
                values[column] = value
            rows.append(values)
            # Free the parsed rows: a 100 000-row sheet stays small in memory.
            row.clear(keep_tail=True)
            while row.getprevious() is not None:
                del row.getparent()[0]
            _tick(len(rows), total, progress, cancelled)
    return rows


def _merged_ranges(path: Path, part: str | None) -> list[tuple[int, int, int, int]]:
    if not part:
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read(part.lstrip("/"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return []
    start = xml.rfind(b"<mergeCells")
    if start < 0:
        start = xml.rfind(b":mergeCells")
    if start < 0:
        return []
    found = []
    for m in _MERGE_REF.finditer(xml, start):
        c1, r1 = _col_index(m[1]), int(m[2]) - 1
        c2, r2 = (_col_index(m[3]), int(m[4]) - 1) if m[3] else (c1, r1)
        found.append((r1, c1, r2, c2))
    return found


def _pad_and_fill(grid: SheetGrid) -> None:
    width = max((len(r) for r in grid.rows), default=0)
    for _r1, _c1, _r2, c2 in grid.merges:
        width = max(width, c2 + 1)
    for row in grid.rows:
        if len(row) < width:
            row.extend([None] * (width - len(row)))
    kept = []
    for r1, c1, r2, c2 in grid.merges:
        if r1 >= len(grid.rows):
            continue
        kept.append((r1, c1, r2, c2))
        value = grid.rows[r1][c1]
        for r in range(r1, min(r2, len(grid.rows) - 1) + 1):
            for c in range(c1, c2 + 1):
                grid.rows[r][c] = value
    grid.merges = kept


def _read_csv(path: Path) -> SheetGrid:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        # A one-column file or an odd sample: pick the likelier separator.
        separator = ";" if sample.count(";") >= sample.count(",") else ","
        dialect = type("Fallback", (csv.excel,), {"delimiter": separator})
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    rows = [[v if v.strip() else None for v in r] for r in rows]
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    grid = SheetGrid(path, path.stem, rows)
    _pad_and_fill(grid)
    return grid
