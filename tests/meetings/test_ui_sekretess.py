"""Sekretess for a whole ärende in the Sammanträden area's ärende editor, pressed as a user
presses it in the main window at 1280×720."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.protokoll.sekretess import SekretessService
from app.public_records import LOCKED_STATUSES

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

LEFT = Qt.MouseButton.LeftButton


def open_sammantraden(window):
    from ui.main_window import area_widget

    area = area_widget(window, "sammantraden")
    window.nav.setCurrentRow(window.stack.indexOf(area))
    return area


def click_arende(qtbot, area, row: int) -> int:
    """Click the ärende on ``row`` of the agenda; its id."""
    view = area.agenda.view
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    chosen = area.agenda.editor.original
    assert chosen is not None and chosen.id == area.agenda.model.ids()[row]
    return chosen.id


def test_marking_an_arende_sekretess_is_saved_with_spara(qtbot, demo_window, demo_session):
    area = open_sammantraden(demo_window)
    meeting = area.current_meeting()
    assert meeting is not None and meeting.status not in LOCKED_STATUSES
    arende_id = click_arende(qtbot, area, 1)
    editor = area.agenda.editor
    service = SekretessService(demo_session.db)
    assert service.arende(arende_id) is None
    assert not editor.sekretess.isChecked() and not editor.sekretess_grund.isEnabled()
    assert "Kryssa i Sekretess" in editor.sekretess_grund.toolTip()
    assert not editor.save_button.isEnabled()

    qtbot.mouseClick(editor.sekretess, LEFT)
    assert editor.sekretess.isChecked() and editor.sekretess_grund.isEnabled()
    assert editor.save_button.isEnabled() and editor.revert_button.isEnabled()
    assert service.arende(arende_id) is None  # not stored without its ground

    qtbot.keyClicks(editor.sekretess_grund, "OSL 26 kap 1")
    qtbot.mouseClick(editor.save_button, LEFT)
    stored = service.arende(arende_id)
    assert stored is not None and stored.grund == "OSL 26 kap 1"
    assert not editor.save_button.isEnabled() and not editor.dirty

    # Another ärende and back: the stored marking is shown.
    click_arende(qtbot, area, 2)
    assert not editor.sekretess.isChecked() and editor.sekretess_grund.text() == ""
    click_arende(qtbot, area, 1)
    assert editor.sekretess.isChecked() and editor.sekretess_grund.text() == "OSL 26 kap 1"


def test_a_ticked_box_without_ground_shows_the_error_under_the_field(qtbot, demo_window, demo_session):
    area = open_sammantraden(demo_window)
    arende_id = click_arende(qtbot, area, 1)
    editor = area.agenda.editor
    qtbot.mouseClick(editor.sekretess, LEFT)
    qtbot.mouseClick(editor.save_button, LEFT)
    assert "Ange sekretessgrunden" in editor.form.message("sekretess_grund")
    assert editor.dirty and SekretessService(demo_session.db).arende(arende_id) is None

    qtbot.mouseClick(editor.revert_button, LEFT)
    assert not editor.sekretess.isChecked() and not editor.dirty
    assert editor.form.message("sekretess_grund") == ""


def test_after_justering_the_marking_is_shown_but_locked(qtbot, demo_window, demo_session):
    area = open_sammantraden(demo_window)
    meeting = area.current_meeting()
    arende_id = click_arende(qtbot, area, 1)
    SekretessService(demo_session.db).mark_arende(arende_id, True, "OSL 26 kap. 1 §")
    demo_session.db.execute("UPDATE sammantrade SET status = 'justerat' WHERE id = ?", [meeting.id])
    area.refresh()  # as when the area is shown again after the Protokoll area
    click_arende(qtbot, area, 2)
    click_arende(qtbot, area, 1)
    editor = area.agenda.editor
    assert editor.sekretess.isChecked() and editor.sekretess_grund.text() == "OSL 26 kap. 1 §"
    for widget in (editor.sekretess, editor.sekretess_grund):
        assert not widget.isEnabled() and "Protokollet" in widget.toolTip()
