"""The economy grids behave like Excel (ui/widgets/grid.py), pressed as a user presses
them in the main window at 1280×720: typing over a cell, Enter and Tab, F2, Delete,
copy and paste of blocks with Swedish numbers, computed cells refused, and every edit
one step of Redigera → Ångra / Gör om (ui/undo.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import ui.areas  # noqa: F401  (declares the areas in the navigation)
from ui.main_window import area_widget

NB = "\u00a0"
MINUS = "\u2212"
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def window(demo_window):
    return demo_window


def _ekonomi(window):
    area = area_widget(window, "ekonomi")
    window.nav.setCurrentRow(window.stack.indexOf(area))
    return area


def _uppfoljning(window, qtbot):
    area = _ekonomi(window)
    area.tabs.setCurrentWidget(area.uppfoljning)
    tab = area.uppfoljning
    tab.show_period(2024, 8)
    return area, tab


def _row(model, label: str) -> int:
    r = model.find_row(lambda gr: gr.cells[0].value == label)
    assert r >= 0, label
    return r


def _column(model, heading: str) -> int:
    return model.headers.index(heading)


def _click(qtbot, view, row: int, column: int) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert view.currentIndex() == index


def _utfall(area, verksamhet: str, field: str = "utfall_ack") -> int:
    u = area.ctx.ek.uppfoljning.get(area.ctx.namnd_id, 2024, 8)
    rad = next(r for r in u.rader if r.verksamhet.namn == verksamhet)
    return getattr(rad.siffror, field)


def _keys(qtbot, view, keys: str) -> None:
    """Type as the user does: each key goes to the widget with focus (the table, then
    the cell's editor once typing opened it)."""
    for ch in keys:
        target = QApplication.focusWidget() if view.isAncestorOf(QApplication.focusWidget() or view) else view
        qtbot.keyClick(target or view, ch)


def _press(qtbot, view, key) -> None:
    focus = QApplication.focusWidget()
    target = focus if focus is not None and (focus is view or view.isAncestorOf(focus)) else view
    qtbot.keyClick(target, key)


def test_typing_over_a_cell_enter_tab_f2_and_delete(window, qtbot):
    area, tab = _uppfoljning(window, qtbot)
    view, m = tab.view, tab.model
    aldre, funk = _row(m, "Äldreomsorg"), _row(m, "Funktionsstöd")
    utfall_ack = _column(m, "Utfall ack. aug")
    before_funk = _utfall(area, "Funktionsstöd")

    # Typing on the selected cell replaces its content; Enter stores it and moves down.
    _click(qtbot, view, aldre, utfall_ack)
    _keys(qtbot, view, "-259911")
    _press(qtbot, view, Qt.Key.Key_Return)
    assert _utfall(area, "Äldreomsorg") == -259_911_000
    assert m.data(m.index(aldre, utfall_ack)) == f"-259{NB}911"
    assert view.currentIndex() == m.index(funk, utfall_ack)
    assert view.state() != view.State.EditingState

    # F2 edits keeping the content: a 0 typed at its end makes it ten times larger.
    _press(qtbot, view, Qt.Key.Key_F2)
    assert view.state() == view.State.EditingState
    _keys(qtbot, view, "0")
    # Tab stores it and moves right.
    _press(qtbot, view, Qt.Key.Key_Tab)
    assert _utfall(area, "Funktionsstöd") == before_funk * 10
    assert view.currentIndex() == m.index(funk, utfall_ack + 1)

    # A computed cell: not editable, shaded and in italics, and typing says why.
    computed = m.index(funk, utfall_ack + 1)
    assert not m.flags(computed) & Qt.ItemFlag.ItemIsEditable
    assert m.data(computed, Qt.ItemDataRole.BackgroundRole) is not None
    assert m.data(computed, Qt.ItemDataRole.FontRole).italic()
    assert not m.data(m.index(funk, utfall_ack), Qt.ItemDataRole.FontRole)
    shown = m.data(computed)
    _keys(qtbot, view, "5")
    assert view.state() != view.State.EditingState
    assert m.data(computed) == shown
    assert "räknas fram av programmet" in tab.message.text()
    assert "Avvikelse ack. aug" in tab.message.text()

    # Delete clears the selected editable cell (the prognos of the deviation).
    prognos = _column(m, "Prognos avvikelse helår")
    _click(qtbot, view, aldre, prognos)
    assert _utfall(area, "Äldreomsorg", "prognos_avvikelse") is not None
    _press(qtbot, view, Qt.Key.Key_Delete)
    assert _utfall(area, "Äldreomsorg", "prognos_avvikelse") in (None, 0)
    assert m.data(m.index(aldre, prognos)) in ("", "0")


def _nyckeltal(window):
    area = _ekonomi(window)
    area.tabs.setCurrentWidget(area.nyckeltal)
    return area, area.nyckeltal


def _stored(area, cell):
    nyckeltal_id, kolumn, part = cell.key
    return getattr(area.ctx.ek.nyckeltal.varde(nyckeltal_id, kolumn.ar, kolumn.period), part)


def test_copy_and_paste_a_block_with_swedish_numbers(window, qtbot):
    from decimal import Decimal

    area, tab = _nyckeltal(window)
    view, m = tab.view, tab.model
    block = f"1 234,5\t{MINUS}1 234\t12 %\r\n-1{NB}234\t7\t0,5\r\n"
    QApplication.clipboard().setText(block)
    _click(qtbot, view, 0, 1)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    cells = [[m.cell(r, c) for c in (1, 2, 3)] for r in (0, 1)]
    assert [[_stored(area, c) for c in row] for row in cells] == [
        [Decimal("1234.5"), Decimal("-1234"), Decimal("12")],
        [Decimal("-1234"), Decimal("7"), Decimal("0.5")]]
    assert m.data(m.index(0, 1)) == f"1{NB}234,5"

    # Copy gives the same block back as Excel reads it (tabs, Swedish format).
    view.selectionModel().clearSelection()
    _click(qtbot, view, 0, 1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     view.visualRect(m.index(1, 3)).center())
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert copied.split("\r\n")[0].split("\t") == [m.data(m.index(0, c)) for c in (1, 2, 3)]
    assert copied.split("\r\n")[1].split("\t")[2] == "0,5"

    # Pasted back one row lower: the copy round-trips.
    _click(qtbot, view, 2, 1)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [_stored(area, m.cell(r, 2)) for r in (2, 3)] == [Decimal("-1234"), Decimal("7")]

    # Ctrl+Z takes the whole paste back in one step, Ctrl+Y makes it again.
    assert window.undo_action.text() == "Ångra inklistring av 6 celler"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [_stored(area, m.cell(r, 2)) for r in (2, 3)] == [Decimal("314"), Decimal("5500")]
    assert window.redo_action.text() == "Gör om inklistring av 6 celler"
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [_stored(area, m.cell(r, 2)) for r in (2, 3)] == [Decimal("-1234"), Decimal("7")]


def test_a_bad_paste_is_refused_whole_naming_row_and_column(window, qtbot):
    from decimal import Decimal

    area, tab = _nyckeltal(window)
    view, m = tab.view, tab.model
    before = [[_stored(area, m.cell(r, c)) for c in (1, 2, 3)] for r in (0, 1)]
    assert before[0] == [Decimal("20450"), Decimal("20900"), Decimal("19057")]
    QApplication.clipboard().setText("1\t2\t3\r\n4\tfem\t6\r\n")
    _click(qtbot, view, 0, 1)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [[_stored(area, m.cell(r, c)) for c in (1, 2, 3)] for r in (0, 1)] == before
    message = tab.message.text()
    assert "Rad 2" in message and "kolumn Progn 2024" in message and "fem" in message
    assert "Inget klistrades in" in message

    # A block wider than the table from here is refused too, nothing written.
    QApplication.clipboard().setText("1\t2\t3\r\n")
    _click(qtbot, view, 0, 3)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _stored(area, m.cell(0, 3)) == Decimal("19057")
    assert "bara plats för" in tab.message.text()

    # Into computed cells of the uppföljning: refused with the place named.
    area, up = _uppfoljning(window, qtbot)
    um = up.model
    aldre = _row(um, "Äldreomsorg")
    before_ack = _utfall(area, "Äldreomsorg")
    QApplication.clipboard().setText("1\t2\r\n")
    _click(qtbot, up.view, aldre, _column(um, "Utfall ack. aug"))
    qtbot.keyClick(up.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _utfall(area, "Äldreomsorg") == before_ack
    assert "Avvikelse ack. aug" in up.message.text() and "räknas fram" in up.message.text()


def test_undo_and_redo_of_a_grid_edit_through_the_redigera_menu(window, qtbot):
    area, tab = _uppfoljning(window, qtbot)
    view, m = tab.view, tab.model
    aldre = _row(m, "Äldreomsorg")
    column = _column(m, "Utfall ack. aug")
    before = _utfall(area, "Äldreomsorg")
    _click(qtbot, view, aldre, column)
    _keys(qtbot, view, "1000")
    _press(qtbot, view, Qt.Key.Key_Return)
    assert _utfall(area, "Äldreomsorg") == 1_000_000
    assert window.undo_action.text() == "Ångra ändring av Utfall ack. aug, Äldreomsorg"

    # Another month shown: the undo still goes to August, and the menu is what the user opens.
    tab.show_period(2024, 7)
    menu = window.edit_menu
    assert [a.text() for a in menu.actions()][:2] == ["Ångra ändring av Utfall ack. aug, Äldreomsorg",
                                                      "Gör om"]
    window.undo_action.trigger()
    assert _utfall(area, "Äldreomsorg") == before
    assert window.undo_action.text() == "Ångra"
    assert window.redo_action.text() == "Gör om ändring av Utfall ack. aug, Äldreomsorg"
    assert "Ångrade ändring av Utfall ack. aug, Äldreomsorg" in window.statusBar().currentMessage()
    window.redo_action.trigger()
    assert _utfall(area, "Äldreomsorg") == 1_000_000
    tab.show_period(2024, 8)
    assert m.data(m.index(aldre, column)) == f"1{NB}000"


def test_a_refused_figure_keeps_its_cell_in_editing_and_amounts_paste_in_tkr(window, qtbot):
    area, tab = _uppfoljning(window, qtbot)
    view, m = tab.view, tab.model
    aldre, funk = _row(m, "Äldreomsorg"), _row(m, "Funktionsstöd")
    budget_ack, utfall_ack = _column(m, "Budget ack. aug"), _column(m, "Utfall ack. aug")
    before = _utfall(area, "Äldreomsorg")
    _click(qtbot, view, aldre, utfall_ack)
    _keys(qtbot, view, "tolv")
    _press(qtbot, view, Qt.Key.Key_Return)
    assert "inget belopp" in tab.message.text()
    assert view.state() == view.State.EditingState  # still there to be corrected
    assert view.currentIndex() == m.index(aldre, utfall_ack)
    assert _utfall(area, "Äldreomsorg") == before
    _press(qtbot, view, Qt.Key.Key_Escape)

    # A 2 × 2 block of amounts from Excel: tkr with decimal comma, minus sign, no-break space.
    QApplication.clipboard().setText(f"1 234,5\t{MINUS}1 234\r\n-1{NB}234\t12\r\n")
    _click(qtbot, view, aldre, budget_ack)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = [(_utfall(area, name, "budget_ack"), _utfall(area, name))
              for name in ("Äldreomsorg", "Funktionsstöd")]
    assert pasted == [(1_234_500, -1_234_000), (-1_234_000, 12_000)]
    assert m.data(m.index(funk, budget_ack)) == f"-1{NB}234"
    assert window.undo_action.text() == "Ångra inklistring av 4 celler"
    window.undo_action.trigger()
    assert _utfall(area, "Äldreomsorg") == before

    # Shift+Tab moves left; Delete on a selection of editable and computed cells clears
    # the editable ones only (here the two prognoses), as one step.
    prognos = _column(m, "Prognos avvikelse helår")
    _click(qtbot, view, aldre, prognos + 1)
    _press(qtbot, view, Qt.Key.Key_Backtab)
    assert view.currentIndex() == m.index(aldre, prognos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     view.visualRect(m.index(funk, prognos + 1)).center())
    assert _utfall(area, "Funktionsstöd", "prognos_avvikelse") is not None
    _press(qtbot, view, Qt.Key.Key_Delete)
    assert _utfall(area, "Äldreomsorg", "prognos_avvikelse") is None
    assert _utfall(area, "Funktionsstöd", "prognos_avvikelse") is None
    assert window.undo_action.text() == "Ångra tömning av 2 celler"


def test_ctrl_tab_leaves_the_grid_and_tab_does_not(window, qtbot):
    """Tab is the grid's own key (one cell on); Ctrl+Tab and Ctrl+Shift+Tab go to the
    next and previous field, also from a cell being typed in, which is stored first."""
    area, tab = _uppfoljning(window, qtbot)
    view, m = tab.view, tab.model
    aldre, utfall_ack = _row(m, "Äldreomsorg"), _column(m, "Utfall ack. aug")
    _click(qtbot, view, aldre, utfall_ack)
    _press(qtbot, view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view and view.currentIndex() == m.index(aldre, utfall_ack + 1)
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    after = QApplication.focusWidget()
    assert after is not None and after is not view and not view.isAncestorOf(after)
    assert area.tabs.currentWidget() is tab  # not the tab widget's own Ctrl+Tab

    _click(qtbot, view, aldre, utfall_ack)
    _keys(qtbot, view, "-250000")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _utfall(area, "Äldreomsorg") == -250_000_000
    before = QApplication.focusWidget()
    assert before is not None and before is not after and not view.isAncestorOf(before)
    assert view.state() != view.State.EditingState
