"""One look (issue 14, item 10): the navigation shows an icon beside each area and says
its shortcut in the tooltip, and the shortcut it names is the one that works."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.session import Session
from ui.application import make_application
from ui.main_window import MainWindow, navigation

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_navigation_entries_have_icons_and_name_the_shortcut_that_works(qtbot, tmp_path, demo_template):
    make_application()
    window = MainWindow(Session.open(shutil.copy(demo_template, tmp_path / "demo.nkdb")))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    # The icons come right after the first paint (bench/startup.py).
    qtbot.waitUntil(lambda: window.nav.count() > 0 and not window.nav.item(0).icon().isNull())
    entries = navigation()
    assert window.nav.count() == len(entries) == 6
    for row, entry in enumerate(entries):
        item = window.nav.item(row)
        assert not item.icon().isNull(), entry.title
        assert item.text() == entry.title
        assert item.toolTip() == f"{entry.title} (Ctrl+{row + 1})"
    # The title is not cut beside its icon at the navigation's width.
    metrics, nav = window.nav.fontMetrics(), window.nav
    for row in range(nav.count()):
        rect = nav.visualItemRect(nav.item(row))
        assert metrics.horizontalAdvance(nav.item(row).text()) + nav.iconSize().width() + 8 <= rect.width()
    # What the tooltip says is what the keyboard does.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    for row in (4, 1):
        window.nav.setFocus()
        qtbot.keyClick(window.nav, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda r=row: window.nav.currentRow() == r, timeout=5000)
        assert window.stack.currentIndex() == row
    window.close()


#: Words of the program's makers, not of a nämndsekreterare, as whole words.
DEVELOPER_WORDS = {"None", "null", "True", "False", "SQL", "SQLite", "schema", "schemaversion", "id", "ID",
                   "Error", "Exception", "Traceback", "NaN", "undefined", "TODO", "FIXME"}


def _shown_texts(root):
    from PySide6.QtWidgets import QAbstractButton, QHeaderView, QLabel, QTabBar, QWidget

    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text(), widget.toolTip()
        elif isinstance(widget, QTabBar):
            yield from ((widget.tabText(i), widget.tabToolTip(i)) for i in range(widget.count()))
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            yield from ((str(widget.model().headerData(i, widget.orientation()) or ""), "")
                        for i in range(widget.count()))


def test_no_developer_words_in_any_area(qtbot, tmp_path, demo_template):
    import re

    make_application()
    window = MainWindow(Session.open(shutil.copy(demo_template, tmp_path / "demo.nkdb")))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    found = []
    for row, entry in enumerate(navigation()):
        window.nav.setCurrentRow(row)
        qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
        texts = list(_shown_texts(window))
        assert len(texts) > 10, entry.title  # the area was measured, not a placeholder
        for text, tip in texts:
            words = set(re.findall(r"[A-Za-zÅÄÖåäöÉé]+", re.sub(r"<[^>]+>", " ", f"{text} {tip}")))
            if words & DEVELOPER_WORDS:
                found.append(f"{entry.title}: ”{text}” {tip!r}")
    window.close()
    assert not found, "\n".join(found)
