"""Copying a plan forward in the window at 1280×720: the copied texts stand "att granska"
in Plan och text until "Markera som granskad" is pressed, and a second copy to a period
the nämnd already has a plan for is refused in the dialog before anything is made."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.plan.service import PlanService
from ui.plan.area import PlanArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def area(qtbot, demo_session):
    widget = PlanArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _click_row(qtbot, view, row: int) -> None:
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(view.model().index(row, 0)).center())


def _select_plan(qtbot, area, forsta_ar: int) -> None:
    row = next(i for i, p in enumerate(area.model.records) if p.forsta_ar == forsta_ar and p.version == 1)
    _click_row(qtbot, area.view, row)
    qtbot.waitUntil(lambda: area.editor is not None and area.editor.plan.forsta_ar == forsta_ar)


def test_copied_texts_are_marked_until_reviewed_and_a_second_copy_is_refused(qtbot, area):
    _select_plan(qtbot, area, 2023)
    source = area.editor.plan
    qtbot.mouseClick(area.buttons["kopiera"], LEFT)
    dialog = area.dialog
    assert not dialog.error.isVisible() and dialog.copy_button.isEnabled()
    qtbot.mouseClick(dialog.copy_button, LEFT)
    qtbot.waitUntil(lambda: area.editor is not None and area.editor.plan.period == "2024–2026")
    assert "avsnitt är markerade ”att granska”" in area.last_message
    editor = area.editor
    editor.tabs.setCurrentWidget(editor.info)
    panel = editor.info.sections
    rows = [panel.model.index(r, 1).data() for r in range(panel.model.rowCount())]
    assert rows and all(text.endswith(" – att granska") for text in rows)
    _click_row(qtbot, panel.view, 0)
    qtbot.waitUntil(lambda: panel.current is not None)
    assert panel.review_note.isVisible() and panel.reviewed.isVisible()
    qtbot.mouseClick(panel.reviewed, LEFT)
    assert not panel.reviewed.isVisible()
    assert not panel.model.index(0, 1).data().endswith("att granska")
    assert panel.model.index(1, 1).data().endswith("att granska")
    stored = PlanService(area.session.db).avsnitt(editor.plan.id)
    assert [a.att_granska for a in stored][:2] == [False, True]
    # The same period again: said in the dialog at once, Kopiera greyed with the reason.
    _select_plan(qtbot, area, 2023)
    qtbot.mouseClick(area.buttons["kopiera"], LEFT)
    dialog = area.dialog
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("Nämnden har redan en plan för 2024–2026 (”Vård- och "
                                          "omsorgsnämndens verksamhetsplan 2024–2026”)")
    assert not dialog.copy_button.isEnabled() and dialog.copy_button.toolTip() == dialog.error.text()
    dialog.reject()
    assert [p.period for p in PlanService(area.session.db).plans() if p.forsta_ar == 2024] == ["2024–2026"]
    assert source.id in {p.id for p in area.model.records}
