"""Uppföljning: a bedömning that was changed is not lost when another goal is clicked –
the user is asked Spara, Släng or Avbryt (the shared leave-or-revert guard) – and
clicking a goal leaves the bedömning's buttons where they were, so the next click lands
on the control the user aimed at. Everything is pressed as the user presses it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QScrollArea

from app.plan.followup import FollowupService
from app.plan.model import BEDOMNINGAR
from ui.plan.area import PlanArea
from ui.widgets import dialogs

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def tab(qtbot, demo_session):
    area = PlanArea(demo_session)
    qtbot.addWidget(area)
    area.resize(1400, 900)  # the area alone, as wide as in a 1600-pixel window: every tab in view
    area.show()
    qtbot.waitExposed(area)
    editor = area.editor
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(editor.tabs.indexOf(editor.followup)).center())
    assert editor.tabs.currentWidget() is editor.followup
    return editor.followup


def _goals(tab, count=2):
    """Goals of the shown report whose bedömning is set, and a bedömning each has not."""
    rows = [g for g in tab.model.report.all_goals() if g.bedomning.bedomning][:count]
    return [(g.goal.id, g.bedomning.bedomning, next(b for b in BEDOMNINGAR if b != g.bedomning.bedomning))
            for g in rows]


def _click_row(qtbot, tab, kind, row_id) -> None:
    index = tab.model.index_of(kind, row_id)
    tab.view.scrollTo(index)
    qtbot.mouseClick(tab.view.viewport(), LEFT, pos=tab.view.visualRect(index).center())


def _click_radio(qtbot, tab, bedomning) -> None:
    radio = tab.panel.radios[bedomning]
    tab.findChild(QScrollArea, "malpanel_rullning").ensureWidgetVisible(radio)
    qtbot.mouseClick(radio, LEFT, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def _answer_when_asked(qtbot, text, asked):
    """Press ``text`` in the question once it is on the screen."""
    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        asked.append(box.text())
        qtbot.mouseClick(next(b for b in box.findChildren(QPushButton) if b.text() == text), LEFT)

    QTimer.singleShot(0, press)


def _stored(tab, goal_id):
    report = FollowupService(tab.follow.db).report(tab.tillfalle_id())
    return next(g for g in report.all_goals() if g.goal.id == goal_id).bedomning


def test_avbryt_keeps_the_changed_goal_selected(qtbot, tab):
    (first, before, other), (second, _b, _o) = _goals(tab)
    _click_row(qtbot, tab, "goal", first)
    _click_radio(qtbot, tab, other)
    asked = []
    _answer_when_asked(qtbot, "Avbryt", asked)
    _click_row(qtbot, tab, "goal", second)
    assert asked and "har ändrats men inte sparats" in asked[0]
    # The list goes back to the goal being assessed once the click has been handled.
    qtbot.waitUntil(lambda: not tab._guard.busy, timeout=3000)
    assert tab.model.index_of("goal", first).row() == tab.view.currentIndex().row()
    assert tab.panel.row.goal.id == first and tab.panel.chosen() == other  # the change is still there
    assert _stored(tab, first).bedomning == before  # and not saved


def test_spara_saves_the_bedomning_and_moves_on(qtbot, tab):
    (first, _before, other), (second, _b, _o) = _goals(tab)
    _click_row(qtbot, tab, "goal", first)
    _click_radio(qtbot, tab, other)
    tab.panel.comment.setFocus()
    qtbot.keyClicks(tab.panel.comment, " Fler deltagare efter sommaren.")
    asked = []
    _answer_when_asked(qtbot, "Spara", asked)
    _click_row(qtbot, tab, "goal", second)
    assert len(asked) == 1
    assert tab.panel.row.goal.id == second
    saved = _stored(tab, first)
    assert saved.bedomning == other and saved.kommentar.endswith("Fler deltagare efter sommaren.")


def test_slang_throws_the_change_away(qtbot, tab):
    (first, before, other), (second, _b, _o) = _goals(tab)
    _click_row(qtbot, tab, "goal", first)
    _click_radio(qtbot, tab, other)
    asked = []
    _answer_when_asked(qtbot, "Släng", asked)
    _click_row(qtbot, tab, "goal", second)
    assert len(asked) == 1 and tab.panel.row.goal.id == second
    assert _stored(tab, first).bedomning == before
    _click_row(qtbot, tab, "goal", first)  # nothing changed now: no question
    assert len(asked) == 1 and tab.panel.chosen() == before


def test_no_question_when_nothing_was_changed(qtbot, tab, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: pytest.fail("asked without a change"))
    (first, _before, _other), (second, _b, _o) = _goals(tab)
    _click_row(qtbot, tab, "goal", first)
    _click_row(qtbot, tab, "goal", second)
    assert tab.panel.row.goal.id == second


def test_a_typed_outcome_keeps_the_unsaved_choice(qtbot, tab):
    """Typing an outcome reads the goal again; the choice not yet saved stays."""
    goal_id = next(g.goal.id for g in tab.model.report.all_goals()
                   if g.goal.text.startswith("Öka deltagandet i öppen träffpunkt"))
    _click_row(qtbot, tab, "goal", goal_id)
    chosen = next(b for b in BEDOMNINGAR if b != tab.panel.chosen())
    _click_radio(qtbot, tab, chosen)
    assert tab.panel.outcomes.setData(tab.panel.outcomes.index(0, 3), "105")
    assert tab.panel.chosen() == chosen and tab.panel.dirty


def test_selecting_a_goal_does_not_move_the_bedomning(qtbot, tab):
    """The choices stay at the same place for a KF-mål and for goals with long and short
    titles and proposals, so a click aimed at them after selecting hits them."""
    report = tab.model.report
    rows = [("kf", report.areas[0].kf[0].kf.id)] + [("goal", g.goal.id) for g in report.all_goals()[:6]]
    places = set()
    for kind, row_id in rows:
        _click_row(qtbot, tab, kind, row_id)
        assert tab.panel.kind == kind
        qtbot.wait(20)
        places.add(tuple(r.mapTo(tab, QPoint(0, 0)).toTuple() for r in tab.panel.radios.values()))
        places.add(tab.panel.save_button.mapTo(tab, QPoint(0, 0)).toTuple())
    assert len(places) == 2, places  # one place for the radio buttons, one for Spara
