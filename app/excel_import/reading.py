"""Reading a worksheet into a grid of plain values, merged cells resolved.

The readers are imported inside the functions: they cost start-up time and only the
import feature needs them. An .xlsx sheet is read with python-calamine (the Rust
calamine reader): values, dates (in the workbook's own date system), positions and
merged ranges, through its public API. It was chosen by measurement
(bench/excel_read.py: a 20 000 × 10 export reads ten times faster than with openpyxl's
read-only mode, 0.3 s against 3 s); docs/ARCHITECTURE.md, "Dependencies". A file it
cannot read is tried with openpyxl's public API before it is refused. CSV files from
case systems are read too (separator and encoding detected), as a grid with one sheet
named after the file.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from app.excel_import.values import EXCEL_EPOCH, clean, is_blank

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: The 1904 date system's day 0 (Excel for Mac before 2011).
EPOCH_1904 = date(1904, 1, 1)
_DATE_1904 = re.compile(rb'<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"')
#: Integral numbers up to this size are given as int, as Excel stores them ("42").
_EXACT_INT = 2 ** 53


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


def _check_path(path: Path) -> None:
    if not path.exists():
        raise ImportFileError(f"Filen {path} finns inte.")
    if path.is_dir():
        raise ImportFileError(f"{path} är en mapp, inte en fil.")
    if path.suffix.lower() == ".xls":
        raise ImportFileError(
            f"{path.name} är i det gamla Excel-formatet (.xls). Öppna den i Excel och spara "
            "som Excel-arbetsbok (.xlsx), och importera sedan den filen.")
    if not is_csv(path):
        refuse_protected(path)


#: The first bytes of an OLE compound file: an old .xls, or an .xlsx encrypted with a
#: password to open (Excel then wraps the workbook in one, with an EncryptionInfo stream).
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def _protected_message(path: Path) -> str:
    return (f"{path.name} är lösenordsskyddad (krypterad) och kan inte läsas av programmet. Öppna "
            "filen i Excel med lösenordet, ta bort lösenordet (Arkiv > Information > Skydda "
            "arbetsbok > Kryptera med lösenord, töm fältet) och spara, eller spara en kopia utan "
            "lösenord, och importera sedan den filen.")


def refuse_protected(path: Path) -> None:
    """An ImportFileError in Swedish for a workbook that needs a password to open: an
    Office-encrypted file (an OLE container holding EncryptionInfo) or a zip archive
    with encrypted members, which the readers would only report as "is encrypted"."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head == _OLE_MAGIC:
                rest = fh.read()
                if _ENCRYPTION_INFO in rest:
                    raise ImportFileError(_protected_message(path))
                raise ImportFileError(
                    f"{path.name} är i det gamla Excel-formatet (.xls), fast filnamnet slutar på "
                    f"{path.suffix}. Öppna den i Excel och spara som Excel-arbetsbok (.xlsx), och "
                    "importera sedan den filen.")
        if head[:2] == b"PK":
            with zipfile.ZipFile(path) as archive:
                if any(info.flag_bits & 0x1 for info in archive.infolist()):
                    raise ImportFileError(_protected_message(path))
    except (OSError, zipfile.BadZipFile):
        return  # the readers say what is wrong with the file


def _unreadable(path: Path, exc: BaseException) -> ImportFileError:
    return ImportFileError(
        f"{path.name} kan inte läsas som en Excel-fil (.xlsx). Filen kan vara skadad, "
        f"lösenordsskyddad eller i ett annat format ({type(exc).__name__}).")


def _no_such_sheet(path: Path, name: str, names: list[str]) -> ImportFileError:
    return ImportFileError(f"{path.name} har inget blad som heter ”{name}” "
                           f"(bladen är: {', '.join(names)}).")


def _open_workbook(path: Path):
    """openpyxl's workbook (the reader for files calamine cannot read). Not read-only:
    only a fully loaded sheet reports its merged cells through the public API."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, data_only=True)
    except RuntimeError as exc:  # zipfile: "File … is encrypted, password required"
        raise ImportFileError(_protected_message(path)) from exc
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _unreadable(path, exc) from exc


def is_csv(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".txt")


def sheet_names(path: Path | str) -> list[str]:
    path = Path(path)
    _check_path(path)
    if is_csv(path):
        return [path.stem]
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as wb:
            return list(wb.sheet_names)
    except (CalamineError, OSError, ValueError):
        pass  # openpyxl's turn
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
    read = _fast_rows(path, sheet, progress, cancelled)
    if read is None:
        read = _openpyxl_rows(path, sheet, progress, cancelled)
    name, rows, merges, epoch = read
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    grid = SheetGrid(path, name, rows, merges, epoch)
    _pad_and_fill(grid)
    return grid


def _tick(i: int, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
    if i % 500 == 0:
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if progress is not None:
            progress(i, max(total, i + 1))


def _fast_rows(path: Path, sheet: str | None, progress: Progress | None,
               cancelled: Cancelled | None):
    """``(sheet name, rows, merged ranges, epoch)`` read with python-calamine, the values
    as openpyxl's read-only ``iter_rows(values_only=True)`` gives them; None when
    calamine cannot read the file (openpyxl then tries)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as wb:
            names = list(wb.sheet_names)
            if not names:
                return None
            name = sheet if sheet is not None else names[0]
            if name not in names:
                raise _no_such_sheet(path, name, names)
            ws = wb.get_sheet_by_name(name)
            # Padded from A1, so that row i is Excel row i + 1 and column c is c.
            raw = ws.to_python(skip_empty_area=False) if ws.start is not None else []
            merged = ws.merged_cell_ranges or []
    except (CalamineError, OSError, ValueError):
        return None
    total = len(raw)
    rows = []
    for i, values in enumerate(raw):
        rows.append([_plain(v) for v in values])
        _tick(i, total, progress, cancelled)
    merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in merged]
    return name, rows, merges, _workbook_epoch(path)


def _plain(value):
    """A calamine value as openpyxl gives it: empty is None, an integral number is an
    int, a date-formatted cell is a datetime."""
    if value == "":
        return None
    if type(value) is float:
        return int(value) if value.is_integer() and abs(value) < _EXACT_INT else value
    if type(value) is date:
        return datetime.combine(value, time())
    return value


def _workbook_epoch(path: Path) -> date:
    """The workbook's date system (serial numbers without a date format are counted from
    it): the 1900 system unless workbook.xml says date1904."""
    try:
        with zipfile.ZipFile(path) as archive:
            head = archive.read("xl/workbook.xml")[:4096]
    except (KeyError, OSError, zipfile.BadZipFile):
        return EXCEL_EPOCH
    return EPOCH_1904 if _DATE_1904.search(head) else EXCEL_EPOCH


def _openpyxl_rows(path: Path, sheet: str | None, progress: Progress | None,
                   cancelled: Cancelled | None):
    wb = _open_workbook(path)
    try:
        name = sheet if sheet is not None else wb.sheetnames[0]
        if name not in wb.sheetnames:
            raise _no_such_sheet(path, name, wb.sheetnames)
        ws = wb[name]
        total = ws.max_row
        rows = []
        for i, values in enumerate(ws.iter_rows(min_row=1, values_only=True)):
            rows.append(list(values))
            _tick(i, total, progress, cancelled)
        merges = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                  for r in ws.merged_cells.ranges]
        epoch = wb.epoch.date() if hasattr(wb.epoch, "date") else EXCEL_EPOCH
    finally:
        wb.close()
    return name, rows, merges, epoch


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
    read = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    rows = [[v if v.strip() else None for v in r] for r in read]
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    grid = SheetGrid(path, path.stem, rows)
    _pad_and_fill(grid)
    return grid
