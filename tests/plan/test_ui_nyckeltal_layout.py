"""The plan's nyckeltal tab at 1280×720: the print layout chosen in its combo box and a
row's status per year typed in the dialog its button opens; an adopted plan's are shown,
not changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.plan.model import Nyckeltal
from app.plan.nyckeltal_layout import NyckeltalLayoutService
from app.plan.service import PlanService
from ui.plan.editor import PlanEditor

LEFT = Qt.MouseButton.LeftButton
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _editor(qtbot, session, plan):
    editor = PlanEditor(session, plan)
    qtbot.addWidget(editor)
    editor.resize(1280, 720)
    editor.show()
    editor.tabs.setCurrentWidget(editor.tables["nyckeltal"])
    return editor


def test_basvarde_layout_and_status_per_year(qtbot, demo_session):
    plans = PlanService(demo_session.db)
    source = next(p for p in plans.plans() if p.forsta_ar == 2023)
    plan = plans.new_plan(source.namnd_id, 2031)
    row = plans.save_nyckeltal(Nyckeltal(plan_id=plan.id, matt="Utford tid av beviljad tid",
                                         jamforelsevarde="73%"))
    editor = _editor(qtbot, demo_session, plan)
    bar = editor.nyckeltal_layout
    assert not bar.status_button.isEnabled()  # the standard layout has no statuses
    bar.combo.setCurrentIndex(bar.combo.findData("basvarde"))
    layouts = NyckeltalLayoutService(demo_session.db)
    assert layouts.layout(plan.id) == "basvarde"
    assert not bar.status_button.isEnabled()  # no row marked
    editor.tables["nyckeltal"].view.select_id(row.id)
    assert bar.status_button.isEnabled()
    qtbot.mouseClick(bar.status_button, LEFT)
    dialog = bar.dialog
    assert [f.objectName() for f in dialog.fields.values()] == ["status_2031", "status_2032", "status_2033"]
    qtbot.keyClicks(dialog.fields[2032], "75% (aug)")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert layouts.status(plan.id) == {row.id: {2032: "75% (aug)"}}
    assert "sparades" in bar.message.text()


def test_an_adopted_plan_shows_its_layout_without_changes(qtbot, demo_session):
    plan = next(p for p in PlanService(demo_session.db).plans() if p.forsta_ar == 2022)
    editor = _editor(qtbot, demo_session, plan)
    bar = editor.nyckeltal_layout
    assert not bar.combo.isEnabled() and "antagen" in bar.combo.toolTip()
    assert not bar.status_button.isEnabled()
