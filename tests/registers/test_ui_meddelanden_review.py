"""Meddelanden marked "Behöver granskas" by an import, in the register window pressed
as a user presses it (window at 1280×720): the marker, the filter and Spara clearing it."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.organisation import Namnd
from app.registers.meddelanden import MeddelandeFilter
from ui.registers.area import RegisterArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def area(qtbot, session):
    # A nämnd without meetings in the program: an "Anmäld vid" is kept as text, marked.
    session.organisation.save_namnd(Namnd("Vård- och omsorgsnämnden", "VON"))
    widget = RegisterArea(session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    yield widget
    widget.close()


def _file(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Meddelanden"
    ws.append(["Dnr", "Rubrik", "Inkom", "Avsändare", "Anmäld vid"])
    ws.append(["VON 2019/4", "Dom i mal om bistand", "2019-03-01", "Forvaltningsratten", "VON 2019-03-18"])
    ws.append(["VON 2019/5", "Beslut om tillsyn", "2019-03-02", "IVO", None])
    ws.append(["VON 2019/6", "Skrivelse", "2019-03-03", "Pensionarsradet", None])
    wb.save(path)
    return path


def test_the_review_filter_shows_the_marked_meddelanden_and_spara_clears_the_mark(qtbot, area, tmp_path):
    bar = area.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(area.tabs.indexOf(area.meddelanden)).center())
    tab = area.meddelanden
    assert area.tabs.currentWidget() is tab
    dialog = tab.import_excel(_file(tmp_path / "meddelanden.xlsx"))
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10000)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert tab.model.total == 3

    qtbot.mouseClick(tab.granskas, LEFT)
    assert tab.granskas.isChecked()
    assert tab.model.total == 1
    tab.view.select_row(0)
    record = tab.view.current_record()
    assert record.dnr == "VON 2019/4"
    assert record.granskas.startswith("Anmäld vid ”VON 2019-03-18”: nämnden har inga sammanträden")
    cell = tab.model.index(0, tab.model.column_of("Anmäld vid"))
    assert cell.data() == "VON 2019-03-18 !"
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("Behöver granskas: Anmäld vid ”VON 2019-03-18”")

    # Ändra says why; pressing Spara is the confirmation and the mark goes.
    qtbot.mouseClick(tab.buttons.edit, LEFT)
    edit = tab.dialog
    assert edit.review_note.text().startswith("<b>Behöver granskas:</b> Anmäld vid ”VON 2019-03-18”")
    qtbot.mouseClick(edit.save_button, LEFT)
    assert not edit.isVisible()
    von = area.namnd.currentData()
    assert tab.service.count(MeddelandeFilter(von, granskas=True)) == 0
    assert tab.service.get(record.id).anmald_vid == "VON 2019-03-18"
    assert tab.model.total == 0

    qtbot.mouseClick(tab.granskas, LEFT)
    assert not tab.granskas.isChecked()
    assert tab.model.total == 3
