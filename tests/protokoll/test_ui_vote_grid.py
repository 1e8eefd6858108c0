"""The omröstning table behaves like the other grids (ui/widgets/grid.py), pressed as a
user presses it in the main window at 1280×720: an x typed over a vote cell and Enter,
a 2×2 block of x pasted from Excel, Delete, Ctrl+Z and Ctrl+Tab out of the table. Every
write is read back from the paragraph service."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
CTRL = Qt.KeyboardModifier.ControlModifier
JA, NEJ, AVSTAR = 1, 2, 3


@pytest.fixture
def votes(demo_window, qtbot):
    """A new omröstning in the paragraph on the genomlysning of hemtjänsten."""
    from tests.protokoll_fixtures import open_demo_paragraf

    window = demo_window
    protokoll, row = open_demo_paragraf(window, "Genomlysning av hemtjänsten")
    panel = protokoll.editor.votes
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() >= 4
    panel.arende_id = row.id
    panel.window_ = window
    window.area_editor = protokoll.editor
    return panel


def _stored(panel) -> dict[int, str]:
    p = panel.window_.session.protokoll.paragrafer.get(panel.arende_id)
    return {r.narvaro_id: r.rost for r in p.voteringar[0].roster} if p.voteringar else {}


def _click(qtbot, panel, row: int, column: int) -> None:
    """Click the cell beside its check box (a click on the box itself would tick it)."""
    table = panel.table
    index = panel.model.index(row, column)
    panel.window_.area_editor.scroll.ensureWidgetVisible(table)
    rect = table.visualRect(index)
    beside_the_box = QPoint(rect.right() - 3, rect.center().y())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=beside_the_box)
    assert table.currentIndex() == index


def _key(qtbot, table, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key to the widget with focus (the table, or the cell's editor once typing opened it)."""
    focus = QApplication.focusWidget()
    target = focus if focus is not None and (focus is table or table.isAncestorOf(focus)) else table
    qtbot.keyClick(target, key, modifier)


def test_an_x_typed_over_a_vote_cell_and_enter_is_stored(votes, qtbot):
    table, model = votes.table, votes.model
    members = [m.narvaro_id for m in model.members]
    _click(qtbot, votes, 2, NEJ)
    _key(qtbot, table, "x")
    assert table.state() == table.State.EditingState
    _key(qtbot, table, Qt.Key.Key_Return)
    assert _stored(votes) == {members[2]: "nej"}
    assert table.currentIndex() == model.index(3, NEJ)  # Enter moved down, the cell kept
    assert model.index(2, NEJ).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "Nej 1" in votes.result.text()
    # Tab moves right without leaving the table; something else than x is refused.
    _key(qtbot, table, Qt.Key.Key_Tab)
    assert table.currentIndex() == model.index(3, AVSTAR)
    _key(qtbot, table, "q")
    _key(qtbot, table, Qt.Key.Key_Return)
    assert "Skriv x för en röst under Avstår" in votes.message.text()
    assert _stored(votes) == {members[2]: "nej"}


def test_a_pasted_block_delete_and_undo(votes, qtbot):
    window = votes.window_
    table, model = votes.table, votes.model
    members = [m.narvaro_id for m in model.members]
    # Two rows of two cells from Excel: the first member ja, the second nej.
    QApplication.clipboard().setText("x\t\r\n\tx\r\n")
    _click(qtbot, votes, 0, JA)
    _key(qtbot, table, Qt.Key.Key_V, CTRL)
    assert _stored(votes) == {members[0]: "ja", members[1]: "nej"}
    assert window.undo_action.text() == "Ångra inklistring av 4 celler"
    assert table.currentIndex() == model.index(0, JA)
    # Two votes for one member are refused whole, naming the row.
    QApplication.clipboard().setText("x\tx\r\n")
    _click(qtbot, votes, 3, JA)
    _key(qtbot, table, Qt.Key.Key_V, CTRL)
    assert "Rad 4" in votes.message.text() and "en ledamot har en röst" in votes.message.text()
    assert _stored(votes) == {members[0]: "ja", members[1]: "nej"}

    # Delete clears the first member's vote.
    _click(qtbot, votes, 0, JA)
    _key(qtbot, table, Qt.Key.Key_Delete)
    assert _stored(votes) == {members[1]: "nej"}
    assert model.index(0, JA).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    # Ctrl+Z puts it back, in the database and in the table; Ctrl+Z again takes the paste away.
    _key(qtbot, table, Qt.Key.Key_Z, CTRL)
    assert _stored(votes) == {members[0]: "ja", members[1]: "nej"}
    assert model.index(0, JA).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    _key(qtbot, table, Qt.Key.Key_Z, CTRL)
    assert _stored(votes) == {}
    assert model.roster() == []


def test_ctrl_tab_leaves_the_vote_table(votes, qtbot):
    table = votes.table
    _click(qtbot, votes, 0, JA)
    assert QApplication.focusWidget() is table
    _key(qtbot, table, Qt.Key.Key_Tab)  # Tab stays in the table, one cell on
    assert QApplication.focusWidget() is table and table.currentIndex().column() == NEJ
    _key(qtbot, table, Qt.Key.Key_Tab, CTRL)
    focus = QApplication.focusWidget()
    assert focus is not None and not table.isAncestorOf(focus)
    assert focus.objectName() == "ta_bort_omrostning"  # the field after the table
    # Ctrl+Shift+Tab leaves it the other way, to the field before it.
    _click(qtbot, votes, 1, JA)
    _key(qtbot, table, Qt.Key.Key_Tab, CTRL | Qt.KeyboardModifier.ShiftModifier)
    focus = QApplication.focusWidget()
    assert focus is not None and focus.objectName() == "omrostning_nej"
    # Neither key changed a vote.
    assert _stored(votes) == {} and votes.model.roster() == []
