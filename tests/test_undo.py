"""Redigera → Ångra / Gör om (ui/undo.py): one history per open database whose steps
call the services, pressed as the user presses them in the main window at 1280×720,
with the database read after every step."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.areas  # noqa: F401  (declares the areas in the navigation)
from ui.main_window import area_widget

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(demo_window):
    return demo_window


def _agenda(window, qtbot):
    meetings = area_widget(window, "sammantraden")
    window.nav.setCurrentRow(window.stack.indexOf(meetings))
    found = meetings.meetings.meetings(meetings.organ_id(), 2026)
    meeting = next(m for m in found if m.datum == "2026-12-14")
    meetings.set_year(2026)
    assert meetings.view.select_id(meeting.id)
    return meetings, meeting


def _rubriker(window, meeting) -> list[str]:
    return [a.rubrik for a in window.session.arenden.arenden(meeting.id)]


def test_moving_adding_and_removing_an_arende_undone_and_redone(window, qtbot, monkeypatch):
    meetings, meeting = _agenda(window, qtbot)
    agenda = meetings.agenda
    start = _rubriker(window, meeting)
    assert len(start) >= 4
    assert window.undo_action.text() == "Ångra" and not window.history_can_undo()

    # Move ärende 4 up with the button: one step named for it.
    agenda.view.select_row(3)
    qtbot.mouseClick(agenda.up_button, Qt.MouseButton.LeftButton)
    moved = [*start[:2], start[3], start[2], *start[4:]]
    assert _rubriker(window, meeting) == moved
    assert window.undo_action.text() == "Ångra flytt av ärende 4"
    agenda.view.setFocus()
    qtbot.keyClick(agenda.view, Qt.Key.Key_Z, CTRL)
    assert _rubriker(window, meeting) == start
    assert [a.rubrik for a in agenda.model.records] == start  # the area shows it
    assert window.redo_action.text() == "Gör om flytt av ärende 4"
    qtbot.keyClick(agenda.view, Qt.Key.Key_Y, CTRL)
    assert _rubriker(window, meeting) == moved
    assert [a.rubrik for a in agenda.model.records] == moved

    # Remove ärende 2 with its button; Ångra puts the same content back at its place.
    monkeypatch.setattr("ui.widgets.dialogs.confirm", lambda *a, **k: True)
    removed = window.session.arenden.arenden(meeting.id)[1]
    agenda.view.select_row(1)
    qtbot.mouseClick(agenda.delete_button, Qt.MouseButton.LeftButton)
    assert removed.rubrik not in _rubriker(window, meeting)
    assert window.undo_action.text() == f"Ångra borttagning av ärende 2 ”{removed.rubrik}”"
    window.undo_action.trigger()
    back = window.session.arenden.arenden(meeting.id)[1]
    assert _rubriker(window, meeting) == moved
    assert replace(back, id=None) == replace(removed, id=None)  # the same content, as ärende 2
    assert back.nummer == 2 and back.id != removed.id
    # The step before (the move) still finds the ärende by its new id.
    window.undo_action.trigger()  # the removal is undone already: this undoes the move
    assert _rubriker(window, meeting) == start
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert removed.rubrik not in _rubriker(window, meeting)
    window.undo_action.trigger()
    assert _rubriker(window, meeting) == moved


def test_an_added_arende_is_taken_away_and_added_again(window, qtbot):
    from tests.test_changes import _type

    meetings, meeting = _agenda(window, qtbot)
    agenda = meetings.agenda
    start = _rubriker(window, meeting)
    qtbot.mouseClick(agenda.new_button, Qt.MouseButton.LeftButton)
    dialog = agenda.dialog
    _type(dialog.rubrik, "Riktlinjer för färdtjänst")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    added = _rubriker(window, meeting)
    assert "Riktlinjer för färdtjänst" in added and len(added) == len(start) + 1
    number = added.index("Riktlinjer för färdtjänst") + 1
    assert window.undo_action.text() == f"Ångra tillägg av ärende {number} ”Riktlinjer för färdtjänst”"
    window.undo_action.trigger()
    assert _rubriker(window, meeting) == start
    assert "Riktlinjer för färdtjänst" not in [a.rubrik for a in agenda.model.records]
    window.redo_action.trigger()
    assert _rubriker(window, meeting) == added


def test_an_undo_the_locked_protokoll_refuses_says_why_and_keeps_the_stack(window, qtbot):
    meetings, meeting = _agenda(window, qtbot)
    agenda = meetings.agenda
    start = _rubriker(window, meeting)
    agenda.view.select_row(3)
    qtbot.mouseClick(agenda.up_button, Qt.MouseButton.LeftButton)
    moved = _rubriker(window, meeting)
    assert moved != start
    # The protokoll is justerat meanwhile (docs/domain/justering.md sets this status).
    window.session.db.execute("UPDATE sammantrade SET status = 'justerat' WHERE id = ?", [meeting.id])
    stack: QUndoStack = window.history().stack
    index = stack.index()
    window.undo_action.trigger()
    assert _rubriker(window, meeting) == moved
    assert stack.index() == index and window.undo_action.text() == "Ångra flytt av ärende 4"
    message = window.statusBar().currentMessage()
    assert message.startswith("Kunde inte ångra flytt av ärende 4:") and "justera" in message.lower()


def test_text_fields_keep_their_own_undo_and_a_new_database_empties_the_history(window, qtbot, tmp_path):
    from app.session import Session

    meetings, meeting = _agenda(window, qtbot)
    agenda = meetings.agenda
    agenda.view.select_row(3)
    qtbot.mouseClick(agenda.up_button, Qt.MouseButton.LeftButton)
    moved = _rubriker(window, meeting)
    field = agenda.editor.rubrik
    field.setFocus()
    QApplication.processEvents()
    before = field.text()
    qtbot.keyClicks(field, " x")
    assert field.text() == before + " x"
    window.undo_action.trigger()  # the field's typing, not the move
    assert field.text() != before + " x"
    assert _rubriker(window, meeting) == moved

    other = Session.open(tmp_path / "annan.nkdb")
    window.set_session(other)
    assert window.undo_action.text() == "Ångra" and not window.history_can_undo()


def test_outcomes_in_the_plan_typed_pasted_and_undone(window, qtbot):
    from app.plan.followup import FollowupService

    area = area_widget(window, "verksamhetsplan")
    window.nav.setCurrentRow(window.stack.indexOf(area))
    editor = area.editor
    editor.tabs.setCurrentWidget(editor.followup)
    tab = editor.followup
    goal = next(g for g in tab.model.report.all_goals()
                if g.goal.text.startswith("Öka deltagandet i öppen träffpunkt"))
    tab.view.setCurrentIndex(tab.model.index_of("goal", goal.goal.id))
    panel = tab.panel
    view, model = panel.outcome_view, panel.outcomes
    follow = FollowupService(window.session.db)
    tillfalle, matt_id = tab.tillfalle_id(), model.rows[0].matt.id

    def stored() -> str:
        return follow.utfall_for(tillfalle, matt_id).utfall

    assert stored() == model.index(0, 3).data() == "118"
    # Typing over the Utfall cell and Enter, as in Excel.
    index = model.index(0, 3)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.keyClick(view, "1")
    qtbot.keyClicks(QApplication.focusWidget(), "05")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert stored() == "105" and model.index(0, 3).data() == "105"
    assert window.undo_action.text() == f"Ångra ändring av Utfall, {model.rows[0].matt.text}"
    # A computed column (Bedömning av måttet) is not typed in; the panel says why.
    view.setCurrentIndex(model.index(0, 4))
    qtbot.keyClick(view, "5")
    assert "räknas fram av programmet" in panel.message.text()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert stored() == "118" and model.index(0, 3).data() == "118"
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert stored() == "105"
    # Pasted from Excel into the Utfall cell (one cell; the block must fit).
    QApplication.clipboard().setText("12 %\r\n")
    view.setCurrentIndex(model.index(0, 3))
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert stored() == "12 %"
    QApplication.clipboard().setText("1\t2\r\n")
    view.setCurrentIndex(model.index(0, 3))
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert stored() == "12 %" and "Inget klistrades in" in panel.message.text()
    assert window.undo_action.text() == "Ångra inklistring av en cell"
    window.undo_action.trigger()
    assert stored() == "105"


def test_narvaro_changed_by_its_check_box_is_undone_and_redone(window, qtbot):
    from tests.protokoll_fixtures import demo_namnd_meeting_day

    protokoll = area_widget(window, "protokoll")
    window.nav.setCurrentRow(window.stack.indexOf(protokoll))
    meeting = next(m for m in protokoll.meetings.meetings(protokoll.organ.currentData())
                   if m.datum == demo_namnd_meeting_day().isoformat())
    assert protokoll.select_meeting(meeting.id)
    panel = protokoll.narvaro
    person = next(n for n in panel.model.records if n.namn == "Fatima Hassan")
    panel.view.select_id(person.id)
    assert panel.present.isChecked() and window.session.protokoll.narvaro.get(person.id).narvarande
    qtbot.mouseClick(panel.present, Qt.MouseButton.LeftButton,
                     pos=_box(panel.present))
    assert not window.session.protokoll.narvaro.get(person.id).narvarande
    assert window.undo_action.text() == f"Ångra ändring av närvaro för {person.namn_parti}"
    window.undo_action.trigger()
    assert window.session.protokoll.narvaro.get(person.id).narvarande
    panel.view.select_id(person.id)
    assert panel.present.isChecked()
    window.redo_action.trigger()
    assert not window.session.protokoll.narvaro.get(person.id).narvarande
    assert not panel.present.isChecked()


def _box(check_box):
    """Where the check box's square is (a click there toggles it, as the user's does)."""
    from PySide6.QtCore import QPoint

    return QPoint(8, check_box.height() // 2)


def _register(window):
    register = area_widget(window, "register")
    window.nav.setCurrentRow(window.stack.indexOf(register))
    tab = register.meddelanden
    register.tabs.setCurrentWidget(tab)
    assert tab.buttons.new.isVisible()
    tab.model.batch_size = 100_000
    tab.reload()
    return register, tab


def test_register_entries_added_changed_and_removed_are_undone(window, qtbot, monkeypatch):
    from tests.test_changes import _type

    _register_area, tab = _register(window)
    svc = tab.service
    total = tab.model.total

    def rubriker() -> list[str]:
        return sorted(m.rubrik for m in svc.meddelanden(tab.load_ids(None, False)))

    start = rubriker()
    # Added with Nytt …: Ångra takes it away, Gör om adds it again.
    qtbot.mouseClick(tab.buttons.new, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.dnr, "2026/77")
    _type(dialog.rubrik, "Cirkulär om äldreomsorg")
    qtbot.keyClicks(dialog.inkom, "2026-11-02")
    qtbot.keyClicks(dialog.avsandare, "SKR")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert rubriker() == sorted([*start, "Cirkulär om äldreomsorg"])
    assert window.undo_action.text().startswith("Ångra tillägg av meddelandet")
    window.undo_action.trigger()
    assert rubriker() == start and tab.model.total == total
    window.redo_action.trigger()
    assert rubriker() == sorted([*start, "Cirkulär om äldreomsorg"])

    # Changed with Ändra…: Ångra gives the earlier rubrik back.
    shown = svc.meddelanden(tab.load_ids(None, False))
    entry = next(m for m in shown if m.rubrik == "Cirkulär om äldreomsorg")
    tab.view.select_id(entry.id)
    qtbot.mouseClick(tab.buttons.edit, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    dialog.rubrik.selectAll()
    _type(dialog.rubrik, "Cirkulär om hemtjänst")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert svc.get(entry.id).rubrik == "Cirkulär om hemtjänst"
    assert window.undo_action.text().startswith("Ångra ändring av meddelandet")
    window.undo_action.trigger()
    assert svc.get(entry.id).rubrik == "Cirkulär om äldreomsorg"
    window.redo_action.trigger()
    assert svc.get(entry.id).rubrik == "Cirkulär om hemtjänst"

    # Removed with Ta bort…: Ångra puts the same content back.
    monkeypatch.setattr("ui.widgets.dialogs.confirm", lambda *a, **k: True)
    full = svc.get(entry.id)
    tab.view.select_id(entry.id)
    qtbot.mouseClick(tab.buttons.delete, Qt.MouseButton.LeftButton)
    assert "Cirkulär om hemtjänst" not in rubriker()
    assert window.undo_action.text().startswith("Ångra borttagning av meddelandet")
    window.undo_action.trigger()
    back = next(m for m in svc.meddelanden(tab.load_ids(None, False)) if m.rubrik == "Cirkulär om hemtjänst")
    assert replace(svc.get(back.id), id=None) == replace(full, id=None)
    # The change before the removal is undone on the entry put back (a new id).
    window.undo_action.trigger()
    assert svc.get(back.id).rubrik == "Cirkulär om äldreomsorg"


def test_votes_set_with_the_keys_are_undone_and_redone(window, qtbot):
    from tests.protokoll_fixtures import open_demo_paragraf

    protokoll, row = open_demo_paragraf(window, "Genomlysning av hemtjänsten")
    editor = protokoll.editor
    qtbot.mouseClick(editor.votes.add_button, Qt.MouseButton.LeftButton)
    table, model = editor.votes.table, editor.votes.model
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    first = model.members[0]
    qtbot.keyClick(table, Qt.Key.Key_J)
    qtbot.keyClick(table, Qt.Key.Key_N)  # the second member
    assert editor.save()

    def stored() -> dict[int, str]:
        vote = window.session.protokoll.paragrafer.get(row.id).voteringar[0]
        return {r.narvaro_id: r.rost for r in vote.roster}

    assert stored()[first.narvaro_id] == "ja" and len(stored()) == 2
    second = model.members[1]
    assert window.undo_action.text() == f"Ångra röst för {second.namn_parti}"
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert second.narvaro_id not in stored() and stored()[first.narvaro_id] == "ja"
    assert model.votes.get(second.narvaro_id) is None  # the table shows it
    window.undo_action.trigger()
    assert stored() == {}
    assert window.redo_action.text() == f"Gör om röst för {first.namn_parti}"
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert stored() == {first.narvaro_id: "ja", second.narvaro_id: "nej"}
    assert model.votes == {first.narvaro_id: "ja", second.narvaro_id: "nej"}
    assert "Ja 1 – Nej 1" in editor.votes.result.text()


def _draft_plan(window, qtbot, monkeypatch):
    area = area_widget(window, "verksamhetsplan")
    window.nav.setCurrentRow(window.stack.indexOf(area))
    monkeypatch.setattr("ui.plan.editor.confirm", lambda *_a, **_k: True)
    qtbot.mouseClick(area.editor.revise_button, Qt.MouseButton.LeftButton)
    assert area.editor.plan.status == "utkast"
    # The message that the draft was made: the user presses OK.
    box = QApplication.activeModalWidget()
    assert box is not None and box.windowTitle() == "Revidera planen"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    window.activateWindow()  # offscreen, the window is not made active again by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab = area.editor.goal_tab
    area.editor.tabs.setCurrentWidget(tab)
    return area, tab


def _matt_index(model, text: str):
    from ui.plan.goal_model import ObjectRole

    def walk(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            obj = index.data(ObjectRole)
            if getattr(obj, "text", None) == text and hasattr(obj, "malvarden"):
                return index
            found = walk(index)
            if found is not None:
                return found
        return None

    from PySide6.QtCore import QModelIndex

    return walk(QModelIndex())


def test_malvarden_typed_in_the_goal_table_and_in_the_form_are_undone(window, qtbot, monkeypatch):
    from app.plan.goals import GoalService

    _area, tab = _draft_plan(window, qtbot, monkeypatch)
    goals = GoalService(window.session.db)
    index = _matt_index(tab.model, "Egen mätning i Viva.")
    from ui.plan.goal_model import ObjectRole

    matt_id = index.data(ObjectRole).id
    assert goals.get_matt(matt_id).malvarden[2024] == "≥ 50 %"
    cell = index.siblingAtColumn(tab.model.headers.index("Målvärde 2024"))
    tab.view.setFocus()
    tab.view.setCurrentIndex(cell)
    qtbot.keyClick(tab.view, "5")
    qtbot.keyClicks(QApplication.focusWidget(), "5 %")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # The tree's own delegate commits on Enter through a queued call.
    qtbot.waitUntil(lambda: tab.view.state() != tab.view.State.EditingState)
    assert goals.get_matt(matt_id).malvarden[2024] == "55 %"
    assert window.undo_action.text() == "Ångra ändring av Målvärde 2024, ”Egen mätning i Viva.”"
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, CTRL)
    assert goals.get_matt(matt_id).malvarden[2024] == "≥ 50 %"
    assert cell.data() == "≥ 50 %"
    qtbot.keyClick(tab.view, Qt.Key.Key_Y, CTRL)
    assert goals.get_matt(matt_id).malvarden[2024] == "55 %"

    # In the mått's form: Spara, then Ångra puts the målvärde back.
    tab.select(("matt", matt_id))
    form = tab.forms["matt"]
    form.targets[2025].line.selectAll()
    qtbot.keyClicks(form.targets[2025].line, ">2024")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert goals.get_matt(matt_id).malvarden[2025] == ">2024"
    assert window.undo_action.text() == "Ångra ändring av målvärden för ”Egen mätning i Viva.”"
    tab.view.setFocus()
    window.undo_action.trigger()
    assert goals.get_matt(matt_id).malvarden[2025] == "≥ 50 %"
    assert form.targets[2025].text() == "≥ 50 %"
