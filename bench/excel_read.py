"""Reading an .xlsx sheet: python-calamine against openpyxl's public read-only API.

    .venv/bin/python bench/excel_read.py [--rows 20000] [--runs 5]

The workbook is an export of realistic shape: a merged title row, a blank row, a
heading row, then ``--rows`` rows of ten columns (a date with a date format, Dnr, a
heading text, a category from a short list, delegat, a number, an amount with decimals,
a date as ISO text, a yes/no flag, an empty or commented column). Each reader produces
every cell value of the sheet (what app/excel_import/reading.py needs); the program's
own ``read_sheet`` (merged cells resolved) is timed too. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = ["Bistånd", "Färdtjänst", "Bostadsanpassning", "Personalärenden", "Upphandling"]


def make_workbook(path: Path, rows: int) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Delegationsbeslut"
    ws.append(["Delegationsbeslut, export från ärendesystemet"])
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(["Beslutsdatum", "Dnr", "Ärende", "Kategori", "Delegat", "Antal", "Belopp",
               "Registrerad", "Överklagat", "Kommentar"])
    start = date(2022, 1, 3)
    for i in range(rows):
        ws.append([start + timedelta(days=i % 700), f"VON {2022 + i % 3}/{i + 1}-73",
                   f"Beslut om insats enligt SoL, ärende {i + 1}", CATEGORIES[i % 5],
                   f"Handläggare {i % 37}", i % 17, (i % 1000) * 12.5 + 0.25,
                   (start + timedelta(days=i % 500)).isoformat(), i % 9 == 0,
                   "Se bilaga" if i % 11 == 0 else None])
        ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd"
    wb.save(path)


def read_openpyxl(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()
        return sum(len(r) for r in ws.iter_rows(values_only=True))
    finally:
        wb.close()


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as wb:
        sheet = wb.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
        sheet.merged_cell_ranges  # noqa: B018 - what the importer reads too
    return sum(len(r) for r in rows)


def read_program(path: Path) -> int:
    from app.excel_import import read_sheet

    grid = read_sheet(path)
    return len(grid.rows) * grid.width


def _median_ms(fn, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(path)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.xlsx"
        make_workbook(path, args.rows)
        size = path.stat().st_size / 1e6
        print(f"{args.rows} rows × 10 columns, {size:.1f} MB")
        base = _median_ms(read_openpyxl, path, args.runs)
        cal = _median_ms(read_calamine, path, args.runs)
        prog = _median_ms(read_program, path, args.runs)
        print(f"openpyxl read-only iter_rows: median {base:8.1f} ms")
        print(f"python-calamine to_python:    median {cal:8.1f} ms  ({base / cal:.1f}× faster)")
        print(f"read_sheet (the program):     median {prog:8.1f} ms  ({prog / base:.2f}× openpyxl)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
