"""The Ekonomi area's additions, by their real buttons at 1280×720: the key-figure
table's footnotes typed and saved per slag and year, and the budget document's name in
Inställningar heading the internbudget's year column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPushButton

from ui.budget.area import EkonomiArea, SettingsDialog

LEFT = Qt.MouseButton.LeftButton
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def area(qtbot, demo_session):
    widget = EkonomiArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def test_footnotes_are_typed_under_the_key_figure_table(area, qtbot):
    nt = area.nyckeltal
    area.tabs.setCurrentWidget(nt)
    nt.slag.setCurrentIndex(nt.slag.findData("personal"))
    nt.year.setValue(2024)
    assert nt.fotnoter.toPlainText() == ""
    nt.fotnoter.setFocus()
    qtbot.keyClicks(nt.fotnoter, "*Tillsvidareanstallda, matdatum 31 augusti")
    qtbot.mouseClick(nt.findChild(QPushButton, "spara_fotnoter"), LEFT)
    svc, nid = area.ctx.ek.nyckeltal, area.ctx.namnd_id
    assert svc.fotnoter(nid, "personal", 2024) == ["*Tillsvidareanstallda, matdatum 31 augusti"]
    assert "sparades" in nt.message.text()
    nt.year.setValue(2023)  # another year's table has its own footnotes
    assert nt.fotnoter.toPlainText() == ""
    nt.year.setValue(2024)
    assert nt.fotnoter.toPlainText() == "*Tillsvidareanstallda, matdatum 31 augusti"
    nt.fotnoter.setPlainText("y" * 501)
    qtbot.mouseClick(nt.findChild(QPushButton, "spara_fotnoter"), LEFT)
    assert "längre än 500" in nt.message.text()
    assert svc.fotnoter(nid, "personal", 2024) == ["*Tillsvidareanstallda, matdatum 31 augusti"]


def test_budget_document_name_in_the_settings_heads_the_year_column(area, qtbot):
    ib = area.internbudget
    area.tabs.setCurrentWidget(ib)
    heads = [ib.model.headerData(c, Qt.Orientation.Horizontal) for c in range(ib.model.columnCount())]
    assert any(str(h).startswith("Budget ") for h in heads[-1:]), heads
    dialog = SettingsDialog(area.ctx, area)
    qtbot.addWidget(dialog)
    field = dialog.findChild(QLineEdit, "budgetdokument")
    assert field.text() == "Budget"
    field.clear()
    qtbot.keyClicks(field, "M & B")
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert area.ctx.ek.verksamheter.installning(area.ctx.namnd_id).budgetdokument == "M & B"
    heads = [ib.model.headerData(c, Qt.Orientation.Horizontal) for c in range(ib.model.columnCount())]
    year = ib.ib.ar
    assert heads[-1] == f"M & B {year}" and f"Budget {year - 1}" in heads


def test_footnotes_typed_but_not_saved_are_kept_when_the_table_changes(area, qtbot):
    nt = area.nyckeltal
    area.tabs.setCurrentWidget(nt)
    nt.slag.setCurrentIndex(nt.slag.findData("volym"))
    nt.year.setValue(2024)
    nt.fotnoter.setFocus()
    qtbot.keyClicks(nt.fotnoter, "* Prognos per augusti")
    nt.slag.setCurrentIndex(nt.slag.findData("personal"))  # no Spara pressed
    svc, nid = area.ctx.ek.nyckeltal, area.ctx.namnd_id
    assert svc.fotnoter(nid, "volym", 2024) == ["* Prognos per augusti"]
    assert nt.fotnoter.toPlainText() == ""
    qtbot.keyClicks(nt.fotnoter, "** Avser 1/1-31/8")
    assert area.leave()  # the window closing saves them too
    assert svc.fotnoter(nid, "personal", 2024) == ["** Avser 1/1-31/8"]
