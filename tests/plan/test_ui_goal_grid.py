"""The målvärden in Mål och mått and the utfall in Uppföljning behave like the other
grids (ui/widgets/grid.py), pressed as a user presses them in the main window at
1280×720: a value typed over a cell and Enter, a 2×2 block pasted from Excel, copy,
Delete, Ctrl+Z and Ctrl+Tab out of the grid; every value is read back from the goal
service. Typing an utfall keeps the cell, the selection and the view where they were."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from app.plan.followup import FollowupService
from app.plan.goals import GoalService
from app.plan.model import Matt
from ui.main_window import area_widget
from ui.plan.goal_model import KindRole, ObjectRole

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def _shown_rows(view) -> list[QModelIndex]:
    rows, index = [], view.model().index(0, 0)
    while index.isValid():
        rows.append(index)
        index = view.indexBelow(index)
    return rows


def _two_matt_rows(tab) -> tuple[QModelIndex, QModelIndex]:
    """Two mått shown one under the other (a block of two rows fits there): the demo's
    nämndmål have one each, so the first gets a second one."""
    rows = _shown_rows(tab.view)
    first = next(r for r in rows if r.data(KindRole) == "matt")
    if tab.view.indexBelow(first).data(KindRole) != "matt":
        matt = first.data(ObjectRole)
        GoalService(tab.window_.session.db).save_matt(Matt(namndmal_id=matt.namndmal_id, text="Andel nöjda"))
        tab.reload(("matt", matt.id))
        first = tab.model.index_of(("matt", matt.id))
    lower = tab.view.indexBelow(first)
    assert lower.data(KindRole) == "matt"
    return first, lower


def _click(qtbot, view, index) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
    assert view.currentIndex() == index


def _key(qtbot, view, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key to the widget with focus (the grid, or the cell's editor once typing opened it)."""
    focus = QApplication.focusWidget()
    target = focus if focus is not None and (focus is view or view.isAncestorOf(focus)) else view
    qtbot.keyClick(target, key, modifier)


def _type(qtbot, view, text: str) -> None:
    for ch in text:
        _key(qtbot, view, ch)


def test_a_malvarde_typed_over_and_enter_is_stored_and_shown_in_the_form(draft_goal_tab, qtbot):
    tab, goals = draft_goal_tab, GoalService(draft_goal_tab.window_.session.db)
    year = tab.plan.years[0]
    column = tab.model.headers.index(f"Målvärde {year}")
    upper, lower = _two_matt_rows(tab)
    matt_id = upper.data(ObjectRole).id
    _click(qtbot, tab.view, upper.siblingAtColumn(0))  # the row: its form is shown beside
    form = tab.forms["matt"]
    assert tab.stack.currentWidget() is form and form.obj.id == matt_id
    _click(qtbot, tab.view, upper.siblingAtColumn(column))
    _type(qtbot, tab.view, ">42")
    assert tab.view.state() == tab.view.State.EditingState
    # Tab stores it and goes right, to the next year, staying in the tree and on the row.
    _key(qtbot, tab.view, Qt.Key.Key_Tab)
    assert goals.get_matt(matt_id).malvarden[year] == ">42"
    assert tab.view.currentIndex() == upper.siblingAtColumn(column + 1)
    assert QApplication.focusWidget() is tab.view
    assert form.targets[year].text() == ">42" and not form.dirty  # the form shows what is stored
    assert tab.window_.undo_action.text().startswith(f"Ångra ändring av Målvärde {year}")
    # Enter stores and goes down, to the next mått, whose form is then shown.
    _type(qtbot, tab.view, "<9")
    _key(qtbot, tab.view, Qt.Key.Key_Return)
    assert goals.get_matt(matt_id).malvarden[year + 1] == "<9"
    assert tab.view.currentIndex() == lower.siblingAtColumn(column + 1)
    assert form.obj.id == lower.data(ObjectRole).id


def test_a_pasted_block_copy_delete_and_undo(draft_goal_tab, qtbot):
    tab, window = draft_goal_tab, draft_goal_tab.window_
    goals = GoalService(window.session.db)
    first, second = tab.plan.years[0], tab.plan.years[1]
    column = tab.model.headers.index(f"Målvärde {first}")
    upper, lower = _two_matt_rows(tab)
    a, b = upper.data(ObjectRole).id, lower.data(ObjectRole).id
    before = {m: dict(goals.get_matt(m).malvarden) for m in (a, b)}

    QApplication.clipboard().setText("<12\t<11\r\n≥ 50 %\t2 (2022)\r\n")
    _click(qtbot, tab.view, upper.siblingAtColumn(column))
    _key(qtbot, tab.view, Qt.Key.Key_V, CTRL)
    assert [goals.get_matt(a).malvarden[y] for y in (first, second)] == ["<12", "<11"]
    assert [goals.get_matt(b).malvarden[y] for y in (first, second)] == ["≥ 50 %", "2 (2022)"]
    assert window.undo_action.text() == "Ångra inklistring av 4 celler"

    # Copied back as Excel reads it: the selected rectangle, tab-separated.
    flag = tab.view.selectionModel().SelectionFlag
    tab.view.selectionModel().select(upper.siblingAtColumn(column), flag.ClearAndSelect)
    tab.view.selectionModel().select(lower.siblingAtColumn(column + 1), flag.Select)
    _key(qtbot, tab.view, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "<12\t<11\r\n≥ 50 %\t2 (2022)\r\n"

    # Delete clears the one selected cell.
    _click(qtbot, tab.view, lower.siblingAtColumn(column))
    _key(qtbot, tab.view, Qt.Key.Key_Delete)
    assert goals.get_matt(b).malvarden.get(first, "") == ""
    assert goals.get_matt(b).malvarden[second] == "2 (2022)"

    # Ctrl+Z takes the clearing back, then the whole paste.
    _key(qtbot, tab.view, Qt.Key.Key_Z, CTRL)
    assert goals.get_matt(b).malvarden[first] == "≥ 50 %"
    assert tab.view.model().data(lower.siblingAtColumn(column)) == "≥ 50 %"
    _key(qtbot, tab.view, Qt.Key.Key_Z, CTRL)
    assert {m: dict(goals.get_matt(m).malvarden) for m in (a, b)} == before


def test_a_block_reaching_a_goal_row_is_refused_whole(draft_goal_tab, qtbot):
    tab, goals = draft_goal_tab, GoalService(draft_goal_tab.window_.session.db)
    year = tab.plan.years[0]
    column = tab.model.headers.index(f"Målvärde {year}")
    rows = _shown_rows(tab.view)
    matt = next(r for r, below in itertools.pairwise(rows)
                if r.data(KindRole) == "matt" and below.data(KindRole) != "matt")
    stored = goals.get_matt(matt.data(ObjectRole).id).malvarden.get(year, "")
    QApplication.clipboard().setText("1\r\n2\r\n")
    _click(qtbot, tab.view, matt.siblingAtColumn(column))
    _key(qtbot, tab.view, Qt.Key.Key_V, CTRL)
    assert goals.get_matt(matt.data(ObjectRole).id).malvarden.get(year, "") == stored
    assert "Inget klistrades in" in tab.message.text() and "bara måttens" in tab.message.text()
    assert f"kolumn Målvärde {year}" in tab.message.text()


def test_ctrl_tab_leaves_the_goal_tree(draft_goal_tab, qtbot):
    tab = draft_goal_tab
    upper, _lower = _two_matt_rows(tab)
    _click(qtbot, tab.view, upper.siblingAtColumn(2))
    _key(qtbot, tab.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tab.view and tab.view.currentIndex().column() == 3
    _key(qtbot, tab.view, Qt.Key.Key_Tab, CTRL)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not tab.view and not tab.view.isAncestorOf(focus)
    assert tab.isAncestorOf(focus) or tab.window_.isAncestorOf(focus)
    # Ctrl+Tab in the cell being typed keeps what was typed and leaves as well.
    goals = GoalService(tab.window_.session.db)
    _click(qtbot, tab.view, upper.siblingAtColumn(2))
    _type(qtbot, tab.view, "17")
    _key(qtbot, tab.view, Qt.Key.Key_Tab, CTRL)
    assert goals.get_matt(upper.data(ObjectRole).id).ingangsvarde == "17"
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not tab.view and not tab.view.isAncestorOf(focus)


# -- Uppföljning: the utfall ---------------------------------------------------------------
def test_typing_an_utfall_keeps_the_cell_and_the_view(demo_window, qtbot):
    window = demo_window
    area = area_widget(window, "verksamhetsplan")
    window.nav.setCurrentRow(window.stack.indexOf(area))
    editor = area.editor
    editor.tabs.setCurrentWidget(editor.followup)
    tab = editor.followup
    panel, view = tab.panel, tab.panel.outcome_view
    # The last goal with a mått: the tree is scrolled down to it.
    goal = [g for g in tab.model.report.all_goals() if g.matt][-1]
    index = tab.model.index_of("goal", goal.goal.id)
    tab.view.scrollTo(index)
    qtbot.mouseClick(tab.view.viewport(), LEFT, pos=tab.view.visualRect(index).center())
    assert panel.row.goal.id == goal.goal.id
    scrolled = tab.view.verticalScrollBar().value()
    assert scrolled > 0
    follow = FollowupService(window.session.db)
    tillfalle, first = tab.tillfalle_id(), panel.outcomes.rows[0].matt.id

    cell = panel.outcomes.index(0, 3)
    _click(qtbot, view, cell)
    _type(qtbot, view, "77")
    _key(qtbot, view, Qt.Key.Key_Return)
    assert follow.utfall_for(tillfalle, first).utfall == "77"
    # The same goal, the cell typed in is still current (the goal's only mått: Enter has
    # no row to go down to), the focus is in the table and nothing moved.
    assert panel.row.goal.id == goal.goal.id
    assert tab.view.currentIndex().siblingAtColumn(0) == tab.model.index_of("goal", goal.goal.id)
    assert view.currentIndex() == cell
    assert QApplication.focusWidget() is view
    assert tab.view.verticalScrollBar().value() == scrolled
    assert panel.outcomes.index(0, 3).data() == "77"
    # Typing goes on in the current cell at once.
    _type(qtbot, view, "5")
    _key(qtbot, view, Qt.Key.Key_Return)
    assert follow.utfall_for(tillfalle, first).utfall == "5"
    assert view.currentIndex() == cell and tab.view.verticalScrollBar().value() == scrolled

    # Ctrl+Tab leaves the utfall table.
    _click(qtbot, view, cell)
    _key(qtbot, view, Qt.Key.Key_Tab, CTRL)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not view and not view.isAncestorOf(focus)
