"""Markera som kallad… in the Sammanträden area, pressed like a user: the button stores
the kallelse and the handlingar as sent, the print result dialog marks nothing, the
agenda marks what changed since, and a revised kallelse is sent and opened as version 2."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from meeting_fixtures import make_org
from pdf_samples import make_pdf
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app import clock, richtext
from app.meetings import Arende
from ui.meetings import printing
from ui.meetings.area import MeetingsArea
from ui.meetings.kallelser_dialog import KallelserDialog
from ui.widgets import dialogs, files

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

LEFT = Qt.MouseButton.LeftButton
DISPLAY = Qt.ItemDataRole.DisplayRole


def _type(widget, text):
    """Type like a user, key by key (QTest.keyClicks cannot type å, ä, ö offscreen)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def text_of(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


def column(model, header):
    c = model.column_of(header)
    return [model.data(model.index(r, c), DISPLAY) for r in range(model.rowCount())]


@pytest.fixture
def org(session):
    return make_org(session.db)


@pytest.fixture
def meeting(org):
    m = org.meetings.create_meeting(org.namnd_organ.id, clock.today() + timedelta(days=30))
    budget = org.arenden.add(Arende(
        sammantrade_id=m.id, rubrik="Budgetuppföljning januari", dnr="2021/1",
        forslag_till_beslut=richtext.from_plain_text("Nämnden godkänner budgetuppföljningen.")))
    org.bilagor.attach(budget.id, make_pdf(2, "Utfall"), "utfall.pdf", "Utfall januari")
    return org.meetings.get_meeting(m.id)


@pytest.fixture
def area(qtbot, session, org, meeting):
    widget = MeetingsArea(session)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


@pytest.fixture
def confirmations(monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda _p, _t, text, ok_text="Ta bort": asked.append(text) or True)
    return asked


@pytest.fixture
def viewer(monkeypatch):
    opened = []
    monkeypatch.setattr(files, "open_in_viewer", lambda path: opened.append(path) or True)
    return opened


def open_dialog(qtbot, area) -> KallelserDialog:
    qtbot.mouseClick(area.kallad_button, LEFT)
    dialog = area.dialog
    assert isinstance(dialog, KallelserDialog)
    return dialog


def press_send(qtbot, dialog):
    assert dialog.send_button.isEnabled(), dialog.check.text()
    qtbot.mouseClick(dialog.send_button, LEFT)
    assert dialog.task is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)


def test_pressing_markera_som_kallad_stores_the_kallelse_as_sent(qtbot, area, org, meeting, session,
                                                                   confirmations, viewer):
    dialog = open_dialog(qtbot, area)
    assert "Kallelsen har inte skickats" in dialog.state.text()
    assert dialog.model.rowCount() == 0 and not dialog.open_kallelse_button.isEnabled()
    press_send(qtbot, dialog)
    assert "Kallelsen och handlingarna sparas så som de ser ut nu" in confirmations[0]
    assert "Sammanträdet är markerat som kallat. Kallelse version 1 är sparad" in dialog.status.text()
    m = org.meetings.get_meeting(meeting.id)
    assert (m.status, m.kallelse_skickad) == ("kallat", clock.today_iso())
    [sent] = session.kallelser.versions(meeting.id)
    assert column(dialog.model, "Slag") == ["Kallelse"] and column(dialog.model, "Version") == ["1"]
    assert "Senast skickad: kallelse, version 1" in dialog.state.text()
    assert not dialog.send_button.isEnabled()  # nothing has changed since
    # Opening writes the stored bytes to a file for the system viewer.
    qtbot.mouseClick(dialog.open_kallelse_button, LEFT)
    qtbot.mouseClick(dialog.open_handlingar_button, LEFT)
    assert len(viewer) == 2
    assert hashlib.sha256(viewer[0].read_bytes()).hexdigest() == sent.kallelse_sha256
    assert hashlib.sha256(viewer[1].read_bytes()).hexdigest() == sent.handlingar_sha256
    assert "Utfall sida 2" in text_of(viewer[1].read_bytes())
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert area.dialog is None
    assert column(area.model, "Status") == ["kallat"]
    assert column(area.model, "Kallelse") == [f"Skickad {clock.today_iso()}"]
    # A meeting whose kallelse was sent is kept.
    area.delete_meeting()
    assert "har skickats och sparas som den skickades" in area.status.text()
    assert org.meetings.get_meeting(meeting.id).status == "kallat"


def test_the_print_result_dialog_marks_nothing(qtbot, area, org, meeting, tmp_path, monkeypatch, viewer):
    out = tmp_path / "kallelse.pdf"
    monkeypatch.setattr(files, "ask_save_pdf", lambda _p, _t, _suggested: out)
    qtbot.mouseClick(area.kallelse_button, LEFT)
    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=15000)
    finished = area.printer.dialog
    assert isinstance(finished, printing.FinishedDialog)
    assert "Markera som kallad…" in finished.send_hint.text()  # how to mark it, not a ticked box
    qtbot.mouseClick(finished.close_button, LEFT)  # Stäng
    assert area.printer.dialog is None and viewer == []
    assert org.meetings.get_meeting(meeting.id).status == "planerat"
    assert area.session.kallelser.versions(meeting.id) == []
    assert column(area.model, "Status") == ["planerat"]
    assert out.exists() and "KALLELSE" in text_of(out.read_bytes())


def test_changes_after_sending_are_marked_and_sent_as_a_revised_kallelse(qtbot, area, org, meeting, session,
                                                                         confirmations, viewer, tmp_path,
                                                                         monkeypatch):
    first = session.kallelser.send(meeting.id).kallelse
    area.refresh()
    note = area.agenda.revision_note
    assert not note.isHidden() and "Inget har ändrats sedan dess" in note.text()
    assert set(column(area.agenda.model, "Ändrat")) == {""}
    # Change the förslag of ärende 4 in the editor and save it with the Spara button.
    agenda = area.agenda
    agenda.view.select_id(next(a.id for a in agenda.model.records if a.rubrik == "Budgetuppföljning januari"))
    editor = agenda.editor
    editor.forslag.edit.setFocus()
    editor.forslag.edit.moveCursor(editor.forslag.edit.textCursor().MoveOperation.End)
    _type(editor.forslag.edit, " Prognosen justeras.")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert not editor.dirty
    changed = column(agenda.model, "Ändrat")
    assert changed[3] == "Ändrat" and changed.count("Ändrat") == 1
    assert "Ändrat ärende 4: Budgetuppföljning januari (ändrat: förslag till beslut)" in note.text()
    # A new ärende from the Nytt ärende… dialog.
    dialog = agenda.new_arende()
    _type(dialog.rubrik, "Yttrande över motion")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert column(agenda.model, "Ändrat")[4] == "Nytt"
    assert "Nytt ärende 5: Yttrande över motion" in note.text()

    sending = open_dialog(qtbot, area)
    assert sending.send_button.text() == "Skicka reviderad kallelse (version 2)"
    assert "Ändrat ärende 4: Budgetuppföljning januari (ändrat: förslag till beslut)" in sending.state.text()
    # The new ärende is a beslutsärende without förslag: the check stops the send.
    assert not sending.send_button.isEnabled()
    assert "”Yttrande över motion” saknar förslag till beslut" in sending.check.text()
    qtbot.mouseClick(sending.close_button, LEFT)
    new = next(a for a in org.arenden.arenden(meeting.id) if a.rubrik == "Yttrande över motion")
    new.forslag_till_beslut = richtext.from_plain_text("Nämnden avslår motionen.")
    org.arenden.save(new)
    # Skapa kallelse… now prints the revised kallelse (and marks nothing).
    suggested = []
    printed = tmp_path / "reviderad.pdf"
    monkeypatch.setattr(files, "ask_save_pdf", lambda _p, _t, name: suggested.append(name) or printed)
    qtbot.mouseClick(area.kallelse_button, LEFT)
    problems = area.printer.dialog  # the new ärende has no Dnr: a warning
    assert isinstance(problems, printing.ProblemsDialog)
    qtbot.mouseClick(problems.go_button, LEFT)  # Skapa ändå
    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=15000)
    qtbot.mouseClick(area.printer.dialog.close_button, LEFT)
    assert suggested == [f"Reviderad kallelse Vård- och omsorgsnämnden {meeting.datum}.pdf"]
    assert "• Ändrat ärende 4: Budgetuppföljning januari (ändrat: förslag till beslut)" in text_of(
        printed.read_bytes())
    assert [k.version for k in session.kallelser.versions(meeting.id)] == [1]

    sending = open_dialog(qtbot, area)
    press_send(qtbot, sending)
    assert "Reviderad kallelse version 2 är sparad" in sending.status.text()
    assert column(sending.model, "Slag") == ["Kallelse", "Reviderad kallelse"]
    qtbot.mouseClick(sending.open_kallelse_button, LEFT)  # the new version is selected
    qtbot.mouseClick(sending.open_handlingar_button, LEFT)
    revised, tillagg = (path.read_bytes() for path in viewer)
    assert "REVIDERAD KALLELSE" in text_of(revised)
    assert "Nytt ärende 5: Yttrande över motion" in text_of(revised)
    assert PdfReader(io.BytesIO(tillagg)).metadata.title.startswith("Tilläggshandlingar")
    assert "Nämnden godkänner budgetuppföljningen. Prognosen justeras." in text_of(tillagg)
    # Version 1 is still as it was sent.
    sending.view.select_id(first.id)
    qtbot.mouseClick(sending.open_kallelse_button, LEFT)
    assert viewer[-1].read_bytes() == session.kallelser.stored_pdf(first.id)
    assert hashlib.sha256(viewer[-1].read_bytes()).hexdigest() == first.kallelse_sha256
    qtbot.mouseClick(sending.close_button, LEFT)
    assert "Inget har ändrats sedan dess" in note.text()
    assert set(column(agenda.model, "Ändrat")) == {""}


def status_field(qtbot, area):
    """Press Ändra… on the selected meeting; the status list of its form (closed again)."""
    qtbot.mouseClick(area.meeting_buttons.edit, LEFT)
    form = area.dialog
    form.reject()
    return form.status


def test_kallat_is_not_set_by_hand_in_the_meeting_form(qtbot, area, org, meeting, session,
                                                       confirmations, viewer):
    # Only "Markera som kallad…" makes a meeting kallat: it keeps what the members got.
    field = status_field(qtbot, area)
    assert [field.itemText(i) for i in range(field.count())] == ["planerat", "genomfört"]
    assert "Markera som kallad" in field.toolTip()
    dialog = open_dialog(qtbot, area)
    press_send(qtbot, dialog)
    dialog.reject()
    field = status_field(qtbot, area)
    assert [field.itemText(i) for i in range(field.count())] == ["planerat", "kallat", "genomfört"]
    assert field.currentText() == "kallat"
