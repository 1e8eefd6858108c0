"""The register window with incremental imports and rows marked "Behöver granskas",
pressed as a user presses it (window at 1280×720)."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.registers.delegation import BeslutFilter
from ui.registers.area import RegisterArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton
HEADINGS = ["Beslutsdatum", "Grupp", "Diarienr", "Beslutet avser", "Beslutsfattare", "Del.punkt"]


@pytest.fixture
def area(qtbot, demo_session):
    from demo_day import DEMO_DAY

    from app.demo_calendar import DemoCalendar
    from app.registers import demo as register_demo

    if not demo_session.db.execute("SELECT 1 FROM delegationskategori").fetchone():
        register_demo.populate(demo_session.db, DemoCalendar(DEMO_DAY))
    widget = RegisterArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    yield widget
    widget.close()


def _file(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*HEADINGS, "Intern kommentar"])
    start = date(2024, 3, 1)
    for i, punkt in rows:
        ws.append([start + timedelta(days=i), "Delegationsbeslut", f"VON 2024/{900 + i}",
                   f"Avgiftsbeslut nr {i}", "Förvaltningschef", punkt, "att kolla"])
    wb.save(path)
    return path


def _import(qtbot, tab, path):
    dialog = tab.import_excel(path)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10000)
    return dialog


def test_cumulative_file_through_the_dialog_and_the_review_filter(qtbot, area, tmp_path):
    tab = area.delegation
    von = area.namnd.currentData()
    total = tab.service.count(BeslutFilter(von))
    first = _import(qtbot, tab, _file(tmp_path / "mars.xlsx", [(1, "99.1"), (2, "99.2"), (3, "99.3")]))
    summary = first.summary.text()
    assert summary.startswith("3 nya, 0 ändrade, 0 oförändrade och 0 refuserade rader, 3 rader med varning "
                              "(markeras ”Behöver granskas”).")
    assert "Kolumner som inte importeras: ”Intern kommentar”" in summary
    assert first.problem_label.text() == "<b>Problem</b> – inga, <b>varningar (3)</b>"
    with qtbot.waitSignal(first.imported, timeout=10000):
        qtbot.mouseClick(first.import_button, LEFT)
    assert tab.model.total == total + 3

    # April's file repeats March's rows and adds one: only that one is new.
    second = _import(qtbot, tab, _file(tmp_path / "april.xlsx",
                                      [(1, "99.1"), (2, "99.2"), (3, "99.3"), (4, "99.4")]))
    assert second.summary.text().startswith("1 ny, 0 ändrade, 3 oförändrade och 0 refuserade rader")
    with qtbot.waitSignal(second.imported, timeout=10000):
        qtbot.mouseClick(second.import_button, LEFT)
    assert area.status.text().startswith("1 delegationsbeslut importerades: 1 ny, 0 ändrade, 3 oförändrade")
    assert tab.model.total == total + 4

    # The filter shows the four marked rows; the Punkt column says why.
    qtbot.mouseClick(tab.granskas, LEFT)
    assert tab.granskas.isChecked()
    assert tab.model.total == 4
    tab.view.select_row(0)
    record = tab.view.current_record()
    assert record.punkt == "99.4"
    assert record.granskas.startswith("Punkt 99.4 finns inte i delegationsordningen")
    punkt_col = tab.model.column_of("Punkt")
    assert tab.model.index(0, punkt_col).data() == "99.4 !"
    # Ändra shows the reason; correcting the point and pressing Spara clears the mark.
    qtbot.mouseClick(tab.buttons.edit, LEFT)
    dialog = tab.dialog
    assert dialog.review_note.text().startswith("<b>Behöver granskas:</b> Punkt 99.4 finns inte")
    dialog.punkt.setCurrentText("")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert tab.service.count(BeslutFilter(von, granskas=True)) == 3
    assert tab.model.total == 3
    qtbot.mouseClick(tab.granskas, LEFT)
    assert tab.model.total == total + 4
