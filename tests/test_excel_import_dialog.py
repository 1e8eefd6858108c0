"""The shared import dialog driven through its real widgets."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from tests.test_excel_import import Beslut, messy_workbook
from ui.excel_import.dialog import ImportDialog
from ui.excel_import.export import export_model, model_table
from ui.excel_import.models import MappingModel


@pytest.fixture
def table(session):
    session.db.execute("CREATE TABLE testbeslut (datum TEXT, dnr TEXT, rubrik TEXT, antal INT, kon TEXT)")
    return session


def open_dialog(qtbot, session, path):
    dialog = ImportDialog(session, Beslut(), path=path)
    qtbot.addWidget(dialog)
    for model in (dialog.mapping_model, dialog.preview_model, dialog.problem_model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning, dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=5000)
    return dialog


def test_clean_file_imports_in_one_click(qtbot, table, tmp_path):
    dialog = open_dialog(qtbot, table, messy_workbook(tmp_path / "d.xlsx"))
    assert dialog.sheet_combo.currentText() == "Delegationsbeslut"
    assert dialog.header_spin.value() == 4
    assert dialog.preview_model.rowCount() == 6
    assert dialog.preview_model.headerData(1, Qt.Orientation.Horizontal) == "Datum"
    assert dialog.preview_model.index(2, 1).data() == "2022-02-28"
    assert dialog.preview_model.index(1, 4).data() == "1\u00a0234"
    assert "6 rader att importera, 2 tomma eller sammanslagna" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=5000) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert signal.args == [6]
    assert table.db.execute("SELECT COUNT(*) FROM testbeslut").fetchone()[0] == 6


def test_problem_blocks_until_corrected_in_the_preview(qtbot, table, tmp_path):
    dialog = open_dialog(qtbot, table, messy_workbook(tmp_path / "d.xlsx", bad_date="31/13 2022"))
    assert not dialog.import_button.isEnabled()
    assert dialog.problem_model.rowCount() == 1
    assert dialog.problem_model.index(0).data() == \
        "Blad Delegationsbeslut, rad 14, kolumn A (Datum): ”31/13 2022” är inget datum"
    dialog.problem_view.clicked.emit(dialog.problem_model.index(0))
    current = dialog.preview_view.currentIndex()
    assert (current.row(), current.column()) == (6, 1)
    assert current.data() == "31/13 2022"
    assert current.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "inget datum" in current.data(Qt.ItemDataRole.ToolTipRole)
    dialog.preview_model.setData(current, "31/12 2022")
    qtbot.waitUntil(lambda: not dialog.busy and dialog.import_button.isEnabled(), timeout=5000)
    assert dialog.preview_model.index(6, 1).data() == "2022-12-31"
    assert dialog.problem_model.rowCount() == 0


def test_mapping_chosen_in_the_combo_is_used_and_remembered(qtbot, table, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append(["När", "Vad"])
    ws.append(["2022-01-05", "Något"])
    wb.save(tmp_path / "odd.xlsx")
    dialog = open_dialog(qtbot, table, tmp_path / "odd.xlsx")
    assert not dialog.import_button.isEnabled()
    assert "ingen kolumn är vald för Datum" in dialog.problem_model.index(0).data()
    editor = dialog.mapping_view.indexWidget(dialog.mapping_model.index(0, MappingModel.FIELD_COLUMN))
    assert editor.currentText() == "– ignoreras –"
    editor.setCurrentIndex(editor.findData("datum"))
    editor.activated.emit(editor.currentIndex())
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    second = dialog.mapping_view.indexWidget(dialog.mapping_model.index(1, MappingModel.FIELD_COLUMN))
    second.setCurrentIndex(second.findData("rubrik"))
    second.activated.emit(second.currentIndex())
    qtbot.waitUntil(lambda: not dialog.busy and dialog.import_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.import_button.click()
    again = open_dialog(qtbot, table, tmp_path / "odd.xlsx")
    assert again.mapping_model.mapping == {0: "datum", 1: "rubrik"}
    assert "raden finns redan i registret" in again.problem_model.index(0).data()


def test_unreadable_file_is_reported(qtbot, table, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.excel_import.dialog.QMessageBox.warning", lambda *a: shown.append(a[2]))
    (tmp_path / "x.xlsx").write_bytes(b"junk")
    dialog = ImportDialog(table, Beslut(), path=tmp_path / "x.xlsx")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "kan inte läsas som en Excel-fil" in shown[0]
    assert not dialog.import_button.isEnabled()


def test_export_of_a_table_view_gives_typed_cells(qtbot, table, tmp_path):
    dialog = open_dialog(qtbot, table, messy_workbook(tmp_path / "d.xlsx"))
    headings, _rows = model_table(dialog.preview_model)
    assert headings[:3] == ["Rad", "Datum", "Dnr"]
    done = []
    task = export_model(dialog, dialog.preview_model, "Förhandsgranskning", "x.xlsx",
                        path=tmp_path / "ut.xlsx", on_done=lambda p, n: done.append(n))
    assert task is not None
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    ws = openpyxl.load_workbook(tmp_path / "ut.xlsx").active
    assert ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["E3"].value == 1234
    assert ws["C2"].value == "VoN 2021/1"
