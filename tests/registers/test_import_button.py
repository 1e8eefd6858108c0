"""Importera från Excel… pressed on each register tab, the file chosen in the import
dialog's file chooser, and the rows read into the register (the button once handed
clicked's bool to import_excel as the path and crashed)."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from ui.registers.area import RegisterArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton

#: Per tab: the sheet a secretary would have (headings and two rows), the text the rows
#: are found by afterwards, and the status line after the import.
FILES = {
    "delegation": ([["Datum", "Diarienummer", "Ärende", "Kategori"],
                    ["2026-10-05", "VON 2026/311", "Kvittblankett för färdtjänst", "Delegationsbeslut"],
                    ["2026-10-06", "VON 2026/312", "Kvittblankett för riksfärdtjänst", "Delegationsbeslut"]],
                   "kvittblankett", "2 delegationsbeslut importerades."),
    "meddelanden": ([["Diarienummer", "Rubrik", "Datum", "Avsändare"],
                     ["VON 2026/401", "Kvittbrev från Länsstyrelsen", "2026-10-12", "Länsstyrelsen"],
                     ["VON 2026/402", "Kvittbrev från IVO", "13/10 2026", "IVO"]],
                    "kvittbrev", "2 meddelanden importerades."),
    "evb": ([["Insats", "Beslutsdatum", "Kön", "Orsak", "Orsak, text"],
             ["Kvittboende enligt SoL", "2026-06-01", "K", "2", ""],
             ["Kvittboende enligt SoL", "2026-06-15", "M", "3", "Flyttar till annan kommun"]],
            "kvittboende", "2 beslut importerades."),
}


@pytest.fixture
def area(qtbot, demo_session):
    widget = RegisterArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    yield widget
    widget.close()


@pytest.mark.parametrize("tab_name", list(FILES))
def test_import_button_opens_the_dialog_and_imports_the_chosen_file(qtbot, area, tmp_path, monkeypatch,
                                                                     tab_name):
    rows, search, status = FILES[tab_name]
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / f"{tab_name}.xlsx"
    workbook.save(path)
    asked = []

    def answer(*args, **kwargs):
        asked.append(args)
        return str(path), "Excel- och CSV-filer (*.xlsx *.xlsm *.csv)"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    tab = getattr(area, tab_name)
    area.tabs.setCurrentWidget(tab)
    before = tab.model.total

    qtbot.mouseClick(tab.import_button, LEFT)
    dialog = tab.import_dialog
    assert dialog is not None and dialog.isVisible()
    choose = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Välj fil…")
    qtbot.mouseClick(choose, LEFT)
    assert len(asked) == 1
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=5000)
    assert dialog.path == path
    assert dialog.import_button.isEnabled(), dialog.summary.text()
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        qtbot.mouseClick(dialog.import_button, LEFT)

    assert tab.model.total == before + 2
    assert area.status.text() == status
    tab.search.setText(search)
    tab.reload()
    assert tab.model.total == 2


def test_kategori_dialog_buttons_ask_for_the_name(qtbot, area, monkeypatch):
    """Ny… and Byt namn… in Kategorier: the name is asked for (clicked's bool once
    reached the optional name and was stored as the category's name)."""
    from PySide6.QtWidgets import QInputDialog

    answers = iter([("Kvittkategori", True), ("Kvittkategori, ändrad", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: next(answers))
    tab = area.delegation
    qtbot.mouseClick(tab.kategori_button, LEFT)
    dialog = tab.dialog
    names = lambda: [dialog.list.item(i).text() for i in range(dialog.list.count())]  # noqa: E731
    count = dialog.list.count()
    qtbot.mouseClick(dialog.actions["ny"], LEFT)
    assert names()[-1] == f"{count + 1}. Kvittkategori"
    assert dialog.list.currentItem().text() == f"{count + 1}. Kvittkategori"
    qtbot.mouseClick(dialog.actions["byt"], LEFT)
    assert names()[-1] == f"{count + 1}. Kvittkategori, ändrad"
    dialog.accept()
