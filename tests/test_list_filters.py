"""Every list's own filter folds case the Swedish way: the window's areas are walked for
their filter fields (a line edit offered as "Sök…"), each is typed into with its Swedish
letters in lower case, and the list then shows only rows that have them, capitals too.
A filter field that appears without a case here fails the walk, so a new one is tested
as soon as it exists. The filter dialogs (the plan's paragraph picker, the person picker
of a seat) are opened by their buttons."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QTabWidget

from app.session import Session
from db.textsort import search_fold
from ui.application import make_application
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

#: (area, the list's widget class) → (what is typed, what the rows it finds must show).
FILTERS = {
    ("register", "DelegationTab"): ("överföring", "Överföring"),
    ("register", "MeddelandenTab"): ("åtgärder", "Åtgärder"),
    ("register", "EvbTab"): ("äldreboende", "Äldreboende"),
    ("organisation", "PersonerTab"): ("öberg", "Öberg"),
}


def _type(widget, text) -> None:
    """Key events one character at a time (keyClicks cannot send å, ä, ö offscreen)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def window(qtbot, tmp_path, demo_template):
    make_application()
    win = MainWindow(Session.open(shutil.copy(demo_template, tmp_path / "demo.nkdb")))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitUntil(lambda: not win.area_pending)
    yield win
    win.close()


def _is_filter(edit: QLineEdit) -> bool:
    if edit.placeholderText().lower().startswith("sök"):
        return True
    labels = edit.window().findChildren(QLabel)
    return any(label.buddy() is edit and label.text().replace("&", "").startswith("Sök") for label in labels)


def _list_of(edit: QLineEdit):
    """The widget whose list the field filters: the nearest one holding a ``model``."""
    widget = edit.parentWidget()
    while widget is not None and not hasattr(widget, "model"):
        widget = widget.parentWidget()
    assert widget is not None, f"no list beside the filter field {edit.placeholderText()!r}"
    return widget


def _row_texts(model) -> list[str]:
    return [" ".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def _show(widget) -> None:
    """Bring the tab holding ``widget`` to the front, as a click on it would."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        tabs = parent.parentWidget()
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def test_every_areas_list_filter_finds_capital_swedish_letters_typed_in_lower_case(qtbot, window):
    found = {}
    for row, entry in enumerate(window._entries):
        window.nav.setCurrentRow(row)
        area = window.ensure_area(row)
        for edit in area.findChildren(QLineEdit):
            if _is_filter(edit):
                found[(entry.key, type(_list_of(edit)).__name__)] = edit
    assert set(found) == set(FILTERS), "a filter field without a case here (or one gone)"

    for (key, owner), (typed, capital) in FILTERS.items():
        edit = found[(key, owner)]
        window.nav.setCurrentRow(next(i for i, e in enumerate(window._entries) if e.key == key))
        listing = _list_of(edit)
        _show(listing)
        model = listing.model
        before = _row_texts(model)
        _type(edit, typed)
        assert edit.text() == typed
        qtbot.waitUntil(lambda model=model, before=before: _row_texts(model) != before, timeout=3000)
        shown = _row_texts(model)
        assert shown, f"{owner}: ”{typed}” found nothing"
        assert all(search_fold(typed) in search_fold(text) for text in shown), (owner, shown)
        assert any(capital in text for text in shown), (owner, shown)  # written with a capital
        # The same rows whichever case is typed.
        edit.clear()
        qtbot.waitUntil(lambda model=model, before=before: _row_texts(model) == before, timeout=3000)
        _type(edit, typed.upper())
        qtbot.waitUntil(lambda model=model, shown=shown: _row_texts(model) == shown, timeout=3000)
        edit.clear()


def _when_shown(qtbot, kind, then) -> None:
    """Call ``then(dialog)`` once a modal dialog of class ``kind`` is up."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if type(dialog).__name__ != kind:
            QTimer.singleShot(10, look)
            return
        then(dialog)

    QTimer.singleShot(0, look)


# The completer's popup, offscreen.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard",
                           r"does not support propagateSizeHints\(\)")
def test_the_seat_dialogs_person_picker_folds_swedish_letters(qtbot, window):
    row = next(i for i, e in enumerate(window._entries) if e.key == "organisation")
    window.nav.setCurrentRow(row)
    area = window.ensure_area(row)
    tab = area.ledamoter
    area.setCurrentWidget(tab)
    seen = []

    def pick(dialog) -> None:
        combo = dialog.person
        assert isinstance(combo, QComboBox) and combo.lineEdit().placeholderText() == "Skriv för att söka…"
        combo.lineEdit().clear()
        _type(combo.lineEdit(), "öberg")
        completer = combo.completer()
        model = completer.completionModel()
        seen.extend(model.index(r, 0).data() for r in range(model.rowCount()))
        dialog.reject()

    _when_shown(qtbot, "UppdragDialog", pick)
    button = next(b for b in tab.findChildren(QPushButton) if b.text().replace("&", "") == "Nytt uppdrag…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen and all("öberg" in search_fold(name) for name in seen)
    assert any("Öberg" in name for name in seen)
