"""Sök i allt in the window: Ctrl+Shift+F, type, ↓ and Enter open the hit in its area."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.session import Session
from ui.application import make_application
from ui.main_window import MainWindow, area_widget

# The offscreen platform cannot raise a window or pass size hints on; a screen can.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints\(\)|raise\(\))")

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, qapp, demo_template, tmp_path):
    make_application()  # declares the areas, as at start-up
    win = MainWindow(Session.open(shutil.copy(demo_template, tmp_path / "demo.nkdb")))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    yield win
    win.close()


def _search(qtbot, win, text: str):
    """Ctrl+Shift+F, then ``text`` typed; the window once its hits have arrived."""
    win.nav.setFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.waitUntil(lambda: getattr(win, "_search_window", None) is not None
                    and win._search_window.isVisible(), timeout=3000)
    search = win._search_window
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search.field, timeout=3000)
    qtbot.keyClicks(search.field, text)
    qtbot.waitUntil(lambda: search.status.text().endswith("Enter öppnar."), timeout=5000)
    return search


def _down_to(qtbot, search, kind: str):
    """↓ from the field through the hits until one of ``kind`` is the current one."""
    qtbot.keyClick(search.field, Qt.Key.Key_Down)
    for _ in range(120):
        hit = search.current_hit()
        if hit is not None and hit.kind == kind:
            return hit
        qtbot.keyClick(search.hits, Qt.Key.Key_Down)
    raise AssertionError(f"no hit of kind {kind}")


def test_a_dnr_typed_finds_the_arende_and_its_paragraf_and_enter_opens_the_paragraf(qtbot, window):
    search = _search(qtbot, window, "2022/29")
    rows = [search.hits.topLevelItem(i).text(0) for i in range(search.hits.topLevelItemCount())]
    assert rows == ["Ärenden (1)", "2022/29 Riktlinjer för alkoholserving", "Protokoll (1)",
                    "§ 16 2022/29 Riktlinjer för alkoholserving"]
    assert "<b>2022/29</b>" in search.snippet.text()
    hit = _down_to(qtbot, search, "paragraf")
    qtbot.keyClick(search.hits, Qt.Key.Key_Return)
    protokoll = area_widget(window, "protokoll")
    assert window.stack.currentWidget() is protokoll
    assert not search.isVisible()
    assert protokoll.meeting_id == hit.sammantrade_id
    assert protokoll.para_view.current_id() == hit.arende_id
    assert "§ 16" in window.statusBar().currentMessage()


def test_a_delegationsbeslut_opens_at_its_row_in_the_register(qtbot, window):
    search = _search(qtbot, window, "boende")
    hit = _down_to(qtbot, search, "delegationsbeslut")
    qtbot.keyClick(search.hits, Qt.Key.Key_Return)
    register = area_widget(window, "register")
    assert window.stack.currentWidget() is register
    assert register.tabs.currentWidget() is register.delegation
    assert register.delegation.view.current_id() == hit.id


def test_a_bilaga_page_opens_its_arende_and_names_the_page(qtbot, window):
    search = _search(qtbot, window, "boende")
    hit = _down_to(qtbot, search, "bilaga")
    qtbot.keyClick(search.hits, Qt.Key.Key_Enter)
    meetings = area_widget(window, "sammantraden")
    assert window.stack.currentWidget() is meetings
    assert meetings.current_meeting().id == hit.sammantrade_id
    assert meetings.agenda.view.current_id() == hit.arende_id
    assert f"sidan {hit.page}" in window.statusBar().currentMessage()


def test_enter_in_the_field_opens_the_first_hit_and_nothing_found_says_so(qtbot, window):
    search = _search(qtbot, window, "2022/29")
    first = search.current_hit()
    assert (first.kind, first.title) == ("arende", "2022/29 Riktlinjer för alkoholserving")
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    meetings = area_widget(window, "sammantraden")
    assert window.stack.currentWidget() is meetings
    assert meetings.current_meeting().id == first.sammantrade_id
    assert meetings.agenda.view.current_id() == first.arende_id
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.waitUntil(search.isVisible, timeout=3000)
    assert search.field.selectedText() == "2022/29"  # typing replaces the last search
    qtbot.keyClicks(search.field, "zzqx ((")
    qtbot.waitUntil(lambda: search.status.text() == "Inga träffar för ”zzqx ((”.", timeout=5000)
    assert search.hits.topLevelItemCount() == 0
