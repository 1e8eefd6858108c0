"""No silent loss in Verksamhetsplan's Mål och mått and in the form Planen: a changed
form is not thrown away when another goal is clicked, a new one is started or another
plan is opened – the user is asked Spara, Släng or Avbryt, as everywhere in the program
(tests/test_no_silent_loss.py). Pressed as a user presses it, in the main window at
1280×720; the question is answered by clicking its button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.plan.goals import GoalService
from app.plan.service import PlanService
from tests.plan.test_ui_goal_grid import _shown_rows
from tests.test_no_silent_loss import _answer_when_asked
from ui.plan.goal_model import KindRole, ObjectRole

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


def _goal_rows(tab):
    return [r for r in _shown_rows(tab.view) if r.data(KindRole) == "namndmal"]


def _click(qtbot, view, index) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def _add_to_text(qtbot, tab, text: str) -> None:
    """Type ``text`` at the end of the nämndmål's text in the form beside the tree."""
    box = tab.forms["namndmal"].text
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)


def _start(qtbot, tab):
    first, second = _goal_rows(tab)[:2]
    _click(qtbot, tab.view, first)
    form = tab.forms["namndmal"]
    assert tab.stack.currentWidget() is form and form.obj.id == first.data(ObjectRole).id
    stored = first.data(ObjectRole).text
    _add_to_text(qtbot, tab, " Och fler.")
    assert form.dirty
    return form, first.data(ObjectRole).id, second.data(ObjectRole).id, stored


def _answer_and_click(qtbot, tab, answer: str, goal_id: int) -> list[str]:
    """Click the goal ``goal_id`` in the tree and answer the question with ``answer``."""
    asked: list[str] = []
    _answer_when_asked(qtbot, answer, asked)
    _click(qtbot, tab.view, tab.model.index_of(("namndmal", goal_id)))
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    return asked


def _answer_and_open_another_plan(qtbot, area, answer: str) -> tuple[list[str], int]:
    """Click another plan in the list and answer the question with ``answer``: what was
    asked, and the row clicked."""
    other = next(r for r in range(area.model.rowCount()) if area.model.records[r].id != area.editor.plan.id)
    asked: list[str] = []
    _answer_when_asked(qtbot, answer, asked)
    index = area.model.index(other, 0)
    qtbot.mouseClick(area.view.viewport(), LEFT, pos=area.view.visualRect(index).center())
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    return asked, other


def _stored_text(tab, goal_id) -> str:
    return GoalService(tab.window_.session.db).get_namndmal(goal_id).text


def test_spara_stores_the_goal_and_shows_the_clicked_one(draft_goal_tab, qtbot):
    tab = draft_goal_tab
    form, first, second, stored = _start(qtbot, tab)
    # Another cell of the same row is no other goal: nothing is asked, the edit stays.
    _click(qtbot, tab.view, tab.model.index_of(("namndmal", first)).siblingAtColumn(1))
    assert form.dirty and form.obj.id == first
    asked = _answer_and_click(qtbot, tab, "Spara", second)
    qtbot.waitUntil(lambda: form.obj is not None and form.obj.id == second, timeout=5000)
    assert "har ändrats men inte sparats" in asked[0] and "Nämndmål" in asked[0]
    assert _stored_text(tab, first) == stored + " Och fler."
    assert form.text.toPlainText() == _stored_text(tab, second) and not form.dirty


def test_avbryt_stays_on_the_changed_goal(draft_goal_tab, qtbot):
    tab = draft_goal_tab
    form, first, second, stored = _start(qtbot, tab)
    asked = _answer_and_click(qtbot, tab, "Avbryt", second)
    qtbot.wait(50)  # the tree is put back once control is in the event loop again
    assert form.obj.id == first and form.text.toPlainText() == stored + " Och fler."
    assert tab.view.currentIndex().siblingAtColumn(0).data(ObjectRole).id == first
    assert _stored_text(tab, first) == stored
    # Nytt mått asks as well; Avbryt keeps the edit again.
    asked.clear()
    _answer_when_asked(qtbot, "Avbryt", asked)
    qtbot.mouseClick(tab.buttons["ny_matt"], LEFT)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert tab.stack.currentWidget() is form and form.text.toPlainText() == stored + " Och fler."
    assert _stored_text(tab, first) == stored
    _close_throwing_away(qtbot, tab)


def _close_throwing_away(qtbot, tab) -> None:
    """Closing the window asks about the changed goal too; Släng lets it close."""
    asked: list[str] = []
    _answer_when_asked(qtbot, "Släng", asked)
    tab.window_.close()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert "har ändrats men inte sparats" in asked[0]
    assert not tab.window_.isVisible()


def test_slang_throws_the_change_away(draft_goal_tab, qtbot):
    tab = draft_goal_tab
    form, first, second, stored = _start(qtbot, tab)
    asked = _answer_and_click(qtbot, tab, "Släng", second)
    assert "har ändrats men inte sparats" in asked[0]
    qtbot.waitUntil(lambda: form.obj is not None and form.obj.id == second, timeout=5000)
    assert _stored_text(tab, first) == stored


def test_another_plan_is_not_opened_over_a_changed_goal(draft_goal_tab, qtbot):
    tab = draft_goal_tab
    area = tab.window_.stack.currentWidget()
    form, first, _second, _stored = _start(qtbot, tab)
    shown_plan = area.editor.plan.id
    asked, _other = _answer_and_open_another_plan(qtbot, area, "Avbryt")
    qtbot.wait(50)  # the list is put back once control is in the event loop again
    assert "Nämndmål" in asked[0]
    assert area.editor.plan.id == shown_plan and area.view.current_id() == shown_plan
    assert area.editor.tabs.currentWidget() is tab and form.obj.id == first and form.dirty
    _close_throwing_away(qtbot, tab)


def test_the_plan_form_asks_before_another_plan_is_opened(draft_goal_tab, qtbot):
    area = draft_goal_tab.window_.stack.currentWidget()
    plans = PlanService(draft_goal_tab.window_.session.db)
    editor = area.editor
    editor.tabs.setCurrentWidget(editor.info)
    plan_form = editor.info.form
    shown_plan, titel = editor.plan.id, editor.plan.titel
    plan_form.titel.setFocus()
    qtbot.keyClick(plan_form.titel, Qt.Key.Key_End)
    qtbot.keyClicks(plan_form.titel, " reviderad")
    asked, _other = _answer_and_open_another_plan(qtbot, area, "Avbryt")
    qtbot.wait(50)
    assert "Planens uppgifter" in asked[0]
    assert area.editor is editor and editor.plan.id == shown_plan
    assert plan_form.titel.text() == titel + " reviderad"
    assert plans.get_plan(shown_plan).titel == titel
    # Spara stores it, and the clicked plan opens.
    _asked, other = _answer_and_open_another_plan(qtbot, area, "Spara")
    qtbot.waitUntil(lambda: area.editor is not editor, timeout=5000)
    assert plans.get_plan(shown_plan).titel == titel + " reviderad"
    assert area.editor.plan.id == area.model.records[other].id


def test_another_tab_or_area_keeps_the_changed_goal(draft_goal_tab, qtbot, monkeypatch):
    """The tabs and areas keep their forms while others are shown: nothing is asked and
    nothing is lost; the question comes when the form would really be left."""
    from ui.widgets import dialogs

    tab = draft_goal_tab
    window = tab.window_
    editor = window.stack.currentWidget().editor
    form, first, _second, stored = _start(qtbot, tab)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: pytest.fail("asked on a tab or area switch"))
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(editor.tabs.indexOf(editor.followup)).center())
    assert editor.tabs.currentWidget() is editor.followup
    nav = window.nav
    ekonomi = next(i for i in range(nav.count()) if nav.item(i).text() == "Ekonomi")
    qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(nav.item(ekonomi)).center())
    assert window.stack.currentIndex() == ekonomi
    plan_row = next(i for i in range(nav.count()) if nav.item(i).text() == "Verksamhetsplan")
    qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(nav.item(plan_row)).center())
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(editor.tabs.indexOf(tab)).center())
    assert editor.tabs.currentWidget() is tab and tab.shown_form() is form
    assert form.obj.id == first and form.text.toPlainText() == stored + " Och fler." and form.dirty
    monkeypatch.undo()
    _close_throwing_away(qtbot, tab)
