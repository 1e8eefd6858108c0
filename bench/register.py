"""Registers: Excel import of 10 000 delegationsbeslut and first paint of a table of
100 000, each beside its floor measured in the same run.

    .venv/bin/python bench/register.py [--rows 10000] [--table 100000] [--runs 3]

(``--table 0`` leaves the table out.)

Import: the floor is a bare openpyxl read-only read of the same file (every value,
nothing else). The import does what the program does: read the sheet (merged cells
resolved), find the heading row, map the columns, read every value (dates as text and
serials, numbers), check every row with the register's rules (personnummer, dates,
the delegation point in the version in force), look for duplicates, and store all rows
in one transaction. The file is a realistic export: a title row, a blank row, dates as
real dates, ISO text and Swedish text, categories, Dnr, delegat, punkt.

Round trip: the largest register kind (delegationsbeslut, ``--rows`` of them) exported
with the program's export and imported again, into a new database (every row new) and into
the same one (every row recognised as unchanged, issue 15's incremental import). The floor
is a bare openpyxl write-only write of the same values plus a bare read-only read.

Table: the floor is a bare QTableView over a minimal lazy model (ids in date order,
rows fetched 200 at a time with one query). The register runs the real Delegationsbeslut
tab (filters, category list, meeting labels, the record model and view). Both are timed
from construction to the first paint of the view. The tab reads only its first page of
ids before it paints and the rest right after (ui/models/table.py LazyTableModel), so
the time until its count of rows is shown is printed too. Targets: at most 1.3× each
floor.
Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import openpyxl  # noqa: E402

from app.excel_import import apply_import, preview_file  # noqa: E402
from app.organisation import Namnd  # noqa: E402
from app.registers.delegation import (  # noqa: E402
    DelegationService,
    Delegationsordning,
    Delegationspunkt,
    Kategori,
)
from app.registers.excel import DelegationsbeslutImport  # noqa: E402
from app.session import Session  # noqa: E402

KATEGORIER = ["Au protokoll", "Biståndsbeslut", "Kurser", "Arbetsmiljö", "Delegationsbeslut",
              "Anställningsavtal"]
PUNKTER = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "5.1"]


def make_file(path: Path, rows: int) -> None:
    rng = random.Random(7)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Delegationsbeslut")
    ws.append(["Delegationsbeslut att anmäla"])
    ws.append([])
    ws.append(["Beslutsdatum", "Grupp", "Diarienr", "Beslutet avser", "Beslutsfattare", "Del.punkt"])
    start = date(2021, 1, 1)
    for i in range(rows):
        day = start + timedelta(days=i % 1400)
        shape = i % 3
        when = day if shape == 0 else (day.isoformat() if shape == 1 else f"{day.day}/{day.month} {day.year}")
        ws.append([when, rng.choice(KATEGORIER), f"VON {day.year}/{i + 1}",
                   f"Beslut om {rng.choice(['bistånd', 'avgift', 'attest', 'yttrande'])} nr {i + 1}",
                   rng.choice(["Förvaltningschef", "Enhetschef myndighet", "Biståndshandläggare"]),
                   rng.choice(PUNKTER)])
    wb.save(path)


def new_session(folder: Path, name: str) -> tuple[Session, int]:
    session = Session.open(folder / name)
    nid = session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON")).id
    svc = DelegationService(session.db)
    for n in KATEGORIER:
        svc.save_kategori(Kategori(nid, n))
    svc.save_ordning(Delegationsordning(nid, "2020-01-01", punkter=[
        Delegationspunkt(p, f"Ärendetyp {p}", "Förvaltningschef") for p in PUNKTER]))
    return session, nid


def bare_read(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _row in wb.active.iter_rows(values_only=True))
    wb.close()
    return n


def bench_import(folder: Path, rows: int, runs: int) -> tuple[float, float]:
    path = folder / "import.xlsx"
    make_file(path, rows)
    floors, imports = [], []
    for run in range(runs):
        t = time.perf_counter()
        bare_read(path)
        floors.append(time.perf_counter() - t)
        session, nid = new_session(folder, f"import{run}.nkdb")
        try:
            t = time.perf_counter()
            target = DelegationsbeslutImport(nid).bind(session.db)
            preview = preview_file(session.db, target, path)
            stored = apply_import(session.db, target, preview)
            imports.append(time.perf_counter() - t)
            assert stored == rows and not preview.problems, preview.problems[:3]
        finally:
            session.close()
    return statistics.median(floors), statistics.median(imports)


def bench_round_trip(folder: Path, rows: int, runs: int) -> tuple[float, float, float, float]:
    """Medians of (floor, export, import into a new database, import into the same one)."""
    from app.registers.delegation import BeslutFilter
    from app.registers.excel import export_register

    source = folder / "import.xlsx"
    if not source.exists():
        make_file(source, rows)
    session, nid = new_session(folder, "roundtrip.nkdb")
    target = DelegationsbeslutImport(nid).bind(session.db)
    apply_import(session.db, target, preview_file(session.db, target, source))
    floors, exports, fresh, same = [], [], [], []
    try:
        for run in range(runs):
            out = folder / f"roundtrip{run}.xlsx"
            t = time.perf_counter()
            written = export_register(session.db, "delegationsbeslut", out, BeslutFilter(nid))
            exports.append(time.perf_counter() - t)
            assert written == rows
            values = [list(r) for r in openpyxl.load_workbook(out, read_only=True).active.iter_rows(
                values_only=True)]
            t = time.perf_counter()
            wb = openpyxl.Workbook(write_only=True)
            ws = wb.create_sheet("Delegationsbeslut")
            for row in values:
                ws.append(row)
            wb.save(folder / f"floor{run}.xlsx")
            bare_read(folder / f"floor{run}.xlsx")
            floors.append(time.perf_counter() - t)
            other, other_nid = new_session(folder, f"roundtrip_new{run}.nkdb")
            try:
                t = time.perf_counter()
                into_new = DelegationsbeslutImport(other_nid).bind(other.db)
                preview = preview_file(other.db, into_new, out)
                stored = apply_import(other.db, into_new, preview)
                fresh.append(time.perf_counter() - t)
                assert stored == rows and not preview.problems, preview.problems[:3]
            finally:
                other.close()
            t = time.perf_counter()
            again = preview_file(session.db, target, out)
            changed = apply_import(session.db, target, again)
            same.append(time.perf_counter() - t)
            assert changed == 0 and again.count("oförändrad") == rows, again.summary()
    finally:
        session.close()
    return (statistics.median(floors), statistics.median(exports), statistics.median(fresh),
            statistics.median(same))


def fill_table(folder: Path, rows: int) -> Path:
    session, nid = new_session(folder, "table.nkdb")
    kat = [k.id for k in DelegationService(session.db).kategorier(nid)]
    rng = random.Random(3)
    start = date(2015, 1, 1)
    records = []
    for i in range(rows):
        day = (start + timedelta(days=rng.randint(0, 3650))).isoformat()
        records.append((nid, rng.choice(kat), "beslut", day, rng.choice(["Förvaltningschef", "Enhetschef"]),
                        rng.choice(PUNKTER), f"Beslut nummer {i + 1} om något", f"VON {day[:4]}/{i + 1}",
                        int(day[:4]), i + 1, "2024-01-01T00:00:00"))
    with session.db.atomic():
        session.db.conn.executemany(
            "INSERT INTO delegationsbeslut (namnd_id, kategori_id, form, datum, delegat, punkt, beskrivning, "
            "dnr, dnr_ar, dnr_nr, skapad) VALUES (?,?,?,?,?,?,?,?,?,?,?)", records)
    path = session.path
    session.close()
    return path


def first_paint(make_view, done=None) -> tuple[float, float]:
    """Seconds from construction to the view's first paint, and to ``done()`` (the
    count shown) when given, else the same."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    painted = []

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watch = Watch()
    t = time.perf_counter()
    widget, view = make_view()
    view.viewport().installEventFilter(watch)
    widget.resize(1200, 800)
    widget.show()
    while not painted:
        QApplication.processEvents()
    while done is not None and not done():
        QApplication.processEvents()
    finished = time.perf_counter()
    elapsed = painted[0] - t
    widget.close()
    widget.deleteLater()
    QApplication.processEvents()
    return elapsed, (finished - t if done is not None else elapsed)


def bench_table(folder: Path, rows: int, runs: int) -> tuple[float, float, float]:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from app.numbers import format_number
    from db.connection import connect
    from ui.registers.delegation_tab import DelegationTab

    QApplication.instance() or QApplication([])
    path = fill_table(folder, rows)

    root = QModelIndex()

    class BareLazy(QAbstractTableModel):
        """The floor: ids in date order, rows fetched 200 at a time."""

        COLUMNS = ("datum", "kategori_id", "beskrivning", "delegat", "punkt", "anmald_sammantrade_id")

        def __init__(self, conn):
            super().__init__()
            self.conn = conn
            self.ids = [r[0] for r in conn.execute(
                "SELECT id FROM delegationsbeslut WHERE namnd_id = 1 ORDER BY datum DESC, id DESC")]
            self.rows: list[tuple] = []

        def rowCount(self, parent=root):
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=root):
            return 0 if parent.isValid() else len(self.COLUMNS)

        def canFetchMore(self, parent=root):
            return len(self.rows) < len(self.ids)

        def fetchMore(self, parent=root):
            chunk = self.ids[len(self.rows):len(self.rows) + 200]
            marks = ",".join("?" * len(chunk))
            got = {r[0]: r[1:] for r in self.conn.execute(
                f"SELECT id, {', '.join(self.COLUMNS)} FROM delegationsbeslut WHERE id IN ({marks})", chunk)}
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(chunk) - 1)
            self.rows.extend(got[i] for i in chunk)
            self.endInsertRows()

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                value = self.rows[index.row()][index.column()]
                return "" if value is None else str(value)
            return None

    floors, tables, counted = [], [], []
    counted_text = f"{format_number(rows)} delegationsbeslut"
    for _run in range(runs):
        conn = connect(path)

        def bare(conn=conn):
            view = QTableView()
            view.setModel(BareLazy(conn))
            return view, view

        floors.append(first_paint(bare)[0])
        conn.close()
        session = Session.open(path)

        shown: list[DelegationTab] = []

        def ours(session=session, shown=shown):
            tab = DelegationTab(session, lambda: 1)
            tab.reload()
            shown.append(tab)
            return tab, tab.view

        paint, count = first_paint(ours, lambda shown=shown: shown[0].count.text() == counted_text)
        tables.append(paint)
        counted.append(count)
        session.close()
    return statistics.median(floors), statistics.median(tables), statistics.median(counted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--table", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["NAMNDKANSLI_DATA_DIR"] = str(folder / "data")
        floor, ours = bench_import(folder, args.rows, args.runs)
        print(f"Import av {args.rows} rader: {ours:.3f} s; openpyxl read-only läsning {floor:.3f} s; "
              f"kvot {ours / floor:.2f} (mål ≤ 1,3)")
        floor, export, fresh, same = bench_round_trip(folder, args.rows, args.runs)
        print(f"Export + import av {args.rows} delegationsbeslut: export {export:.3f} s, import till ny "
              f"databas {fresh:.3f} s (kvot mot golvet {(export + fresh) / floor:.2f}), import till samma "
              f"databas {same:.3f} s (alla oförändrade; kvot {(export + same) / floor:.2f}); openpyxl "
              f"skriv + läs {floor:.3f} s")
        if args.table:
            floor, ours, counted = bench_table(folder, args.table, args.runs)
            print(f"Första målning, {args.table} delegationsbeslut: {ours * 1000:.0f} ms; bar lat "
                  f"QTableView {floor * 1000:.0f} ms; kvot {ours / floor:.2f} (mål ≤ 1,3); antalet visat "
                  f"efter {counted * 1000:.0f} ms (kvot {counted / floor:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
