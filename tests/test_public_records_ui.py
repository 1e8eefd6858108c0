"""Ending instead of deleting, and refusals of public records, through the real windows:
the Organisation area's Avsluta/Återöppna and Ta bort buttons, the Sammanträden area's
choice of organ, and an edit of a justerat meeting's ärende (docs/domain/justering.md)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.organisation import Namnd, Organ
from ui import crash
from ui.meetings.area import MeetingsArea
from ui.organisation.area import OrganisationArea
from ui.widgets import dialogs

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

LEFT = Qt.MouseButton.LeftButton
DISPLAY = Qt.ItemDataRole.DisplayRole
AU_MEETING = 4  # the demo's justerat and anslaget arbetsutskott protokoll of 2022-02-14


def _type(widget, text):
    """Type key by key (QTest.keyClicks cannot send å, ä, ö offscreen)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def click(qtbot, button):
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, LEFT)


def row_texts(model, row):
    return [model.data(model.index(row, c), DISPLAY) for c in range(model.columnCount())]


@pytest.fixture
def no_crash_dialog(monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "_show_crash_dialog", lambda *a: shown.append(a))
    return shown


@pytest.fixture
def confirmations(monkeypatch):
    """Answer the questions; records (title, text, ok_text) of each."""
    asked: list[tuple[str, str, str]] = []
    answer = {"yes": True}

    def fake_confirm(_parent, title, text, ok_text="Ta bort"):
        asked.append((title, text, ok_text))
        return answer["yes"]

    monkeypatch.setattr(dialogs, "confirm", fake_confirm)
    return asked, answer


@pytest.fixture
def area(qtbot, demo_session):
    widget = OrganisationArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def fill_end_date(qtbot, tab, day: str):
    dialog = tab.dialog
    assert dialog is not None and dialog.save_button.text() == "Avsluta"
    dialog.day.selectAll()
    qtbot.keyClicks(dialog.day, day)
    qtbot.mouseClick(dialog.save_button, LEFT)
    return dialog


# -- nämnd ---------------------------------------------------------------------------------------
def test_a_namnd_with_public_records_is_ended_instead_of_deleted(qtbot, area, confirmations, no_crash_dialog):
    asked, _answer = confirmations
    tab = area.namnder
    area.setCurrentWidget(tab)
    tab.namnd_view.select_row(0)
    click(qtbot, tab.namnd_buttons.delete)
    title, text, ok_text = asked[0]
    assert title == "Nämnden kan inte tas bort" and ok_text == "Avsluta nämnden…"
    assert text.startswith("Vård- och omsorgsnämnden kan inte tas bort: protokollet från Vård- och "
                           "omsorgsnämndens arbetsutskott 2022-02-14 är anslaget")
    assert "Avsluta nämnden i stället: den finns kvar med sina organ, protokoll, register och planer" in text
    # Answering "Avsluta nämnden…" opens the dialog for the last day; the demo meets
    # until 2026-12-14, so a day before that is refused under the field.
    dialog = fill_end_date(qtbot, tab, "2026-11-20")
    assert "har sammanträden efter 2026-11-20 (det första 2026-11-30)" in dialog.form.message("avslutad")
    assert tab.dialog is dialog
    dialog.day.clear()
    qtbot.keyClicks(dialog.day, "2026-12-31")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert tab.dialog is None
    assert row_texts(tab.namnd_model, 0)[-1] == "avslutad 2026-12-31"
    assert "Vård- och omsorgsnämnden är avslutad 2026-12-31; allt om den finns kvar." in tab.status.text()
    assert tab.namnd_end.text() == "Återöppna…"
    von = area.namnder.service.namnder()[0]
    assert von.avslutad == "2026-12-31" and len(area.namnder.service.organ(von.id)) == 2
    # Reopened with the same button.
    click(qtbot, tab.namnd_end)
    assert asked[-1][0] == "Återöppna nämnd" and asked[-1][2] == "Återöppna"
    assert area.namnder.service.namnder()[0].avslutad is None
    assert tab.namnd_end.text() == "Avsluta…" and row_texts(tab.namnd_model, 0)[-1] == ""
    assert no_crash_dialog == []


def test_deleting_a_namnd_without_public_records_says_what_goes_and_what_stays(
        qtbot, area, confirmations, demo_session):
    asked, answer = confirmations
    org = demo_session.organisation
    sn = org.save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    demo_session.meetings.create_meeting(org.organ(sn.id)[0].id, "2026-12-07")
    tab = area.namnder
    area.setCurrentWidget(tab)
    tab.reload(sn.id)
    answer["yes"] = False
    click(qtbot, tab.namnd_buttons.delete)
    title, text, _ok = asked[0]
    assert title == "Ta bort nämnd" and text.startswith("Ta bort Socialnämnden (SN)?")
    assert "Det tar också bort nämndens 1 organ och 1 sammanträde med sina ärenden." in text
    assert "Kvar blir personerna i personregistret (med sina uppdrag i andra nämnder)" in text
    assert any(n.id == sn.id for n in org.namnder())
    answer["yes"] = True
    click(qtbot, tab.namnd_buttons.delete)
    assert all(n.id != sn.id for n in org.namnder())
    assert tab.status.text() == "Socialnämnden har tagits bort."


# -- organ ---------------------------------------------------------------------------------------
def test_an_ended_organ_keeps_its_meetings_but_gets_no_new_ones(qtbot, area, confirmations, demo_session):
    asked, _answer = confirmations
    org = demo_session.organisation
    von = org.namnder()[0]
    beredning = org.save_organ(Organ(namnd_id=von.id, namn="Beredningen för äldrefrågor", typ="beredning"))
    held = demo_session.meetings.create_meeting(beredning.id, "2026-10-05")
    tab = area.namnder
    area.setCurrentWidget(tab)
    tab.reload_organ(beredning.id)
    # The justerat arbetsutskott cannot be deleted; the question offers ending it.
    tab.organ_view.select_id(next(o.id for o in org.organ(von.id) if o.typ == "arbetsutskott"))
    asked_before = len(asked)
    _answer["yes"] = False
    click(qtbot, tab.organ_buttons.delete)
    title, text, ok_text = asked[asked_before]
    assert (title, ok_text) == ("Organet kan inte tas bort", "Avsluta organet…")
    assert "är anslaget" in text and "Avsluta organet i stället: det finns kvar med sina sammanträden" in text
    _answer["yes"] = True
    tab.organ_view.select_id(beredning.id)
    click(qtbot, tab.organ_end)
    fill_end_date(qtbot, tab, "2026-10-31")
    assert tab.dialog is None
    assert org.get_organ(beredning.id).avslutad == "2026-10-31"
    assert row_texts(tab.organ_model, tab.organ_model.row_for_id(beredning.id))[-1] == "avslutat 2026-10-31"
    # Hidden from new work: the Sammanträden area lists it, marked, without "Nytt sammanträde…".
    meetings = MeetingsArea(demo_session)
    qtbot.addWidget(meetings)
    meetings.resize(1280, 720)
    meetings.show()
    index = meetings.organ.findData(beredning.id)
    assert meetings.organ.itemText(index) == "Beredningen för äldrefrågor (avslutat 2026-10-31)"
    meetings.organ.setCurrentIndex(index)
    meetings.set_year(2026)
    meetings.reload_meetings()
    assert meetings.model.rowCount() == 1
    assert [m.id for m in demo_session.meetings.meetings(beredning.id)] == [held.id]
    assert not meetings.meeting_buttons.new.isEnabled()
    assert "Organet är avslutat" in meetings.meeting_buttons.new.toolTip()
    assert org.organ(active_on=date(2026, 11, 20)) == [o for o in org.organ() if o.id != beredning.id]
    # Reopened: new meetings again.
    click(qtbot, tab.organ_end)
    assert asked[-1][0] == "Återöppna organ"
    meetings.reload_organs()
    assert meetings.meeting_buttons.new.isEnabled()


# -- uppdrag ------------------------------------------------------------------------------------
def test_ending_a_seat_marks_it_and_it_no_longer_counts(qtbot, area, confirmations, demo_session):
    asked, _answer = confirmations
    tab = area.ledamoter
    area.setCurrentWidget(tab)
    tab.organ.setCurrentIndex(0)
    summary_before = tab.summary.text()
    seated = demo_session.organisation.uppdrag(tab.organ_id(), on_date=date(2026, 11, 20))
    n_ledamoter = sum(1 for u in seated if u.roll != "ersättare")
    assert summary_before.startswith(f"{n_ledamoter} ledamöter")
    row = next(r for r in range(tab.model.rowCount()) if tab.model.records[r].roll == "ledamot")
    seat = tab.model.records[row]
    tab.view.select_id(seat.id)
    click(qtbot, tab.end_button)
    assert "finns kvar i personregistret och i protokollen" in tab.dialog.findChild(
        type(tab.summary), "avsluta_forklaring").text()
    fill_end_date(qtbot, tab, "2026-06-30")
    assert tab.dialog is None
    shown = tab.model.records[tab.model.row_for_id(seat.id)]
    assert shown.avslutad == "2026-06-30"
    assert row_texts(tab.model, tab.model.row_for_id(seat.id))[-1] == "avslutat 2026-06-30"
    assert tab.summary.text().startswith(f"{n_ledamoter - 1} ledamöter")
    service = demo_session.organisation
    assert all(u.id != seat.id for u in service.uppdrag(seat.organ_id, on_date=date(2026, 11, 20)))
    assert any(u.id == seat.id for u in service.uppdrag(seat.organ_id, on_date=date(2026, 6, 30)))
    assert tab.end_button.text() == "Återöppna…"
    click(qtbot, tab.end_button)
    assert asked[-1][0] == "Återöppna uppdrag"
    assert service.get_uppdrag(seat.id).avslutad is None and tab.summary.text() == summary_before


def test_a_person_in_a_justerat_protokoll_is_not_deleted(qtbot, area, confirmations, demo_session):
    asked, _answer = confirmations
    present = demo_session.db.execute("SELECT person_id, namn FROM narvaro WHERE sammantrade_id = ? AND "
                                      "person_id IS NOT NULL", [AU_MEETING]).fetchone()
    tab = area.personer
    area.setCurrentWidget(tab)
    tab.view.select_id(present[0])
    click(qtbot, tab.buttons.delete)
    assert asked == []
    assert tab.status.text().startswith(f"{present[1]} kan inte tas bort: personen finns i närvarolistan i "
                                        "protokollet från Vård- och omsorgsnämndens arbetsutskott 2022-02-14")
    assert demo_session.organisation.get_person(present[0]).id == present[0]


# -- a justerat meeting's ärende ------------------------------------------------------------------
@pytest.fixture
def meetings_area(qtbot, demo_session):
    widget = MeetingsArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def show_meeting(area, meeting_id):
    m = area.meetings.get_meeting(meeting_id)
    area.organ.setCurrentIndex(area.organ.findData(m.organ_id))
    area.set_year(m.day.year)
    area.reload_meetings(m.id)
    area.view.select_id(m.id)
    assert area.current_meeting().id == meeting_id
    return m


def test_editing_the_rubrik_at_a_justerat_meeting_gives_a_swedish_message(
        qtbot, meetings_area, demo_session, no_crash_dialog):
    area, db = meetings_area, demo_session.db
    editor = area.agenda.editor
    # The demo's anslaget arbetsutskott meeting: read only, and it says why.
    show_meeting(area, AU_MEETING)
    area.agenda.view.select_row(3)
    qtbot.keyClicks(editor.rubrik, "x")
    assert editor.rubrik.isReadOnly() and not editor.dirty
    assert editor.lock_note.text().startswith("Protokollet är anslaget: ärendena kan läsas")
    # The nämnd's meeting of 2026-11-09 is open in the window while its protokoll is
    # justerat elsewhere (the Protokoll area's justering job, on its own connection).
    meeting = show_meeting(area, 1)
    area.agenda.view.select_row(3)
    arende = area.agenda.current()
    editor.rubrik.selectAll()
    _type(editor.rubrik, "Ändrad rubrik på ärendet")
    editor.forslag.edit.selectAll()
    _type(editor.forslag.edit, "Ändrat förslag")
    assert editor.dirty
    db.execute("UPDATE sammantrade SET status = 'justerat' WHERE id = ?", [meeting.id])
    click(qtbot, editor.save_button)
    assert editor.status.is_error
    assert editor.status.text() == (
        f"Inte sparat: Protokollet från Vård- och omsorgsnämnden {meeting.datum} är justerat; ärendet "
        f"”{arende.rubrik}” kan inte ändras. Gör en rättelse i protokollet i stället.")
    stored = demo_session.arenden.get(arende.id)
    assert (stored.rubrik, stored.forslag_till_beslut) == (arende.rubrik, arende.forslag_till_beslut)
    # Pressing Spara once more says the same, and nothing reached the crash dialog.
    click(qtbot, editor.save_button)
    assert "kan inte ändras" in editor.status.text() and editor.dirty
    assert no_crash_dialog == []
