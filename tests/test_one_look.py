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
    assert window.nav.count() == len(entries) == 7
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


def test_no_developer_words_in_any_area(qtbot, demo_window):
    import re

    window = demo_window
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


#: Other words for removing than the program's one, "Ta bort".
OTHER_REMOVAL_WORDS = ("Radera", "Avlägsna", "Stryk", "Ta väck", "Släng bort")


def _visible_buttons(root, where, qtbot, done):
    """(where, text) of every visible button under ``root``, every tab shown in turn."""
    from PySide6.QtWidgets import QAbstractButton, QTabWidget

    found = [(where, b.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
             for b in root.window().findChildren(QAbstractButton) if b.isVisible() and b.text()]
    for tabs in root.findChildren(QTabWidget):
        if id(tabs) in done or not tabs.isVisible():
            continue
        done.add(id(tabs))
        first = tabs.currentIndex()
        for i in range(tabs.count()):
            if tabs.isTabEnabled(i):
                tabs.setCurrentIndex(i)
                qtbot.wait(10)
                found += _visible_buttons(tabs.widget(i), f"{where} / {tabs.tabText(i)}", qtbot, done)
        tabs.setCurrentIndex(first)
    return found


def test_one_label_for_removing(qtbot, demo_window):
    """Removing says "Ta bort" in every area, with what it removes or with "…" when it
    asks first ("Ta bort…" under a list, "Ta bort rad", "Ta bort omröstning"): never a
    bare "Ta bort" beside other buttons, never another word for it."""
    window = demo_window
    shown = []
    for row, entry in enumerate(navigation()):
        window.nav.setCurrentRow(row)
        qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
        shown += _visible_buttons(window.stack.currentWidget(), entry.title, qtbot, set())
    # The Protokoll's paragraph on each meeting, and every person of its närvaro (an
    # ersättare shows the buttons of his tjänstgöring).
    def click(view, row):
        index = view.model().index(row, 0)
        view.scrollTo(index)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())

    protokoll = window.show_area("protokoll")
    protokoll.tabs.setCurrentWidget(protokoll.narvaro)
    for row in range(protokoll.meeting_model.rowCount()):
        click(protokoll.meeting_view, row)
        if protokoll.start_button.isVisible():  # as the secretary does when the meeting opens
            qtbot.mouseClick(protokoll.start_button, Qt.MouseButton.LeftButton)
        for person in range(protokoll.narvaro.model.rowCount()):
            click(protokoll.narvaro.view, person)
            shown += _visible_buttons(protokoll, "Protokoll", qtbot, set())
    assert any(text == "Ta bort tjänstgöring" for _w, text in shown), "an ersättare was chosen"
    removing = [(where, text) for where, text in shown if text.startswith("Ta bort")]
    assert len({text for _w, text in removing}) > 5, "the walk found the removal buttons"
    found = sorted({f"{where}: ”{text}”" for where, text in removing if text == "Ta bort"}
                   | {f"{where}: ”{text}”" for where, text in shown
                      if text.startswith(OTHER_REMOVAL_WORDS)})
    window.close()
    assert not found, "\n".join(found)
