"""Fixtures of the Verksamhetsplan's window tests: Mål och mått of a draft made with
Revidera, in the main window at 1280×720 on the demo (``demo_window``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.main_window import area_widget

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def draft_goal_tab(demo_window, qtbot, monkeypatch):
    """Mål och mått of a draft made with Revidera (an adopted plan's values are not typed)."""
    window = demo_window
    area = area_widget(window, "verksamhetsplan")
    window.nav.setCurrentRow(window.stack.indexOf(area))
    monkeypatch.setattr("ui.plan.editor.confirm", lambda *_a, **_k: True)
    qtbot.mouseClick(area.editor.revise_button, LEFT)
    box = QApplication.activeModalWidget()
    assert box is not None and box.windowTitle() == "Revidera planen"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), LEFT)
    window.activateWindow()  # offscreen, the window is not made active again by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert area.editor.plan.status == "utkast"
    tab = area.editor.goal_tab
    area.editor.tabs.setCurrentWidget(tab)
    tab.window_ = window
    return tab
