""""Registrera uppsatt…" in the Protokoll area (1280×720, real buttons and typed keys):
the day the anslag went up is registered through the dialog, the area then says when it
went up and comes down and the button explains why it is off; a day before the
justering is refused in Swedish with nothing stored; a meeting with paragraphs
justerade omedelbart chooses which anslag."""

from __future__ import annotations

from datetime import date

import pytest
from protokoll_fixtures import make_meeting, ready
from PySide6.QtCore import Qt

from app import clock
from app.protokoll import frister as frist
from protokoll.test_anslag_kept import JUSTERAT, kept_rows
from protokoll.test_anslag_kept import justerat_on_paper as justerat
from protokoll.test_ui_signering_dokument import show_area
from ui.models import IdRole
from ui.protokoll.anslag_uppsatt import AnslagUppsattDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

# JUSTERAT (2022-03-04) is a Friday: the law's two days end on Monday 2022-03-07.



def open_dialog(qtbot, area) -> AnslagUppsattDialog:
    assert area.uppsatt_button.isVisible() and area.uppsatt_button.isEnabled()
    qtbot.mouseClick(area.uppsatt_button, Qt.MouseButton.LeftButton)
    dialog = area.dialog
    assert isinstance(dialog, AnslagUppsattDialog) and dialog.isVisible()
    return dialog


def type_day(qtbot, dialog, text: str) -> None:
    dialog.datum.setFocus()
    qtbot.keyClick(dialog.datum, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.datum, text)


def test_registering_the_posting_day_in_the_window(qtbot, session, po):
    m, justering = justerat(po)
    svc = po.svc
    with clock.pinned(date(2022, 3, 9)):
        area = show_area(qtbot, session, m.id)
        dialog = open_dialog(qtbot, area)
        # Today and the meeting's secretary, until changed.
        assert dialog.datum.value() == date(2022, 3, 9)
        assert dialog.av.text() == svc.sekreterare_namn(m.id) and "Engberg" in dialog.av.text()
        assert dialog.justering.count() == 1 and dialog.justering.currentData() == justering.id

        type_day(qtbot, dialog, "10/3 2022")  # a day that has not come: said before OK
        assert dialog.foljd.text() == ("Dagen har inte kommit än (i dag är det 2022-03-09): anslaget "
                                       "registreras när det har satts upp.")
        type_day(qtbot, dialog, "8/3 2022")  # as people write it
        day = date(2022, 3, 8)
        nedtas, sista = frist.anslag_nedtas(day), frist.overklagande_sista_dag(day)
        senast = frist.tillkannagivande_senast(JUSTERAT)
        preview = dialog.foljd.text()
        assert (f"Anslaget tas ned {nedtas.isoformat()}; sista dag för överklagande är {sista.isoformat()}."
                in preview)
        assert f"tillkännagivits senast {senast.isoformat()}" in preview
        assert f"Anslagsbeviset anger {JUSTERAT.isoformat()}; en rättelse" in preview

        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: area.dialog is None, timeout=60_000)

    registered = svc.justering(justering.id)
    assert registered.anslag_uppsatt == day
    assert svc.meetings.get_meeting(m.id).status == "anslaget"
    assert kept_rows(session.db) == 1  # the anslag that went up is kept
    (rattelse,) = svc.rattelser(m.id)
    assert f"Anslaget sattes upp {day.isoformat()}, inte {JUSTERAT.isoformat()}" in rattelse.text
    said = area.status.text()
    assert said.startswith(f"Anslaget är registrerat som uppsatt {day.isoformat()}. Anslaget tas ned "
                           f"{nedtas.isoformat()}; sista dag för överklagande är {sista.isoformat()}.")
    assert (f"⚠ Justeringen tillkännages {day.isoformat()}, men skulle ha tillkännagivits senast "
            f"{senast.isoformat()} (KL 8 kap 12 §).") in said
    assert f"Anslaget uppsatt {day.isoformat()}, tas ned {nedtas.isoformat()}." in area.justering.state.text()
    listed = area.meeting_model
    assert [listed.index(r, listed.column_of("Protokoll")).data() for r in range(listed.rowCount())
            if listed.index(r, 0).data(IdRole) == m.id] == ["Anslaget"]
    assert not area.uppsatt_button.isEnabled()
    assert area.uppsatt_button.toolTip() == (f"Anslaget är redan registrerat som uppsatt {day.isoformat()}; "
                                             "det registreras en gång.")


def test_a_day_before_the_justering_is_refused_in_swedish_and_nothing_is_stored(qtbot, session, po):
    m, justering = justerat(po)
    svc = po.svc
    area = show_area(qtbot, session, m.id)
    assert "Anslaget är inte registrerat som uppsatt" in area.justering.state.text()
    dialog = open_dialog(qtbot, area)
    type_day(qtbot, dialog, "2022-03-03")
    assert dialog.foljd.text() == f"Anslaget kan inte sättas upp före justeringen ({JUSTERAT.isoformat()})."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form.message("anslag_uppsatt") != "", timeout=60_000)

    assert dialog.form.message("anslag_uppsatt") == (
        f"Anslaget (2022-03-03) kan inte sättas upp före justeringen ({JUSTERAT.isoformat()}).")
    assert area.dialog is dialog and dialog.isVisible() and dialog.save_button.isEnabled()
    assert svc.justering(justering.id).anslag_uppsatt is None
    assert svc.meetings.get_meeting(m.id).status == "justerat"
    assert kept_rows(session.db) == 0 and svc.rattelser(m.id) == []

    qtbot.mouseClick(dialog.buttons.buttons()[1], Qt.MouseButton.LeftButton)  # Avbryt
    assert area.dialog is None
    assert area.uppsatt_button.isEnabled()


def test_paragraphs_justerade_omedelbart_have_their_own_anslag_to_register(qtbot, session, po):
    m = make_meeting(po)
    ready(po, m.id)
    svc = po.svc
    budget = next(p for p in svc.paragrafer.paragrafer(m.id) if p.rubrik.startswith("Budget"))
    own = svc.justera_omedelbart(m.id, [budget.arende_id], m.datum, today=date(2022, 2, 28))
    area = show_area(qtbot, session, m.id)
    # Not justerat as a whole, yet the omedelbart justerade § has an anslag to register.
    assert f"{budget.label} (justerad omedelbart {m.datum})" in area.justering.state.text()
    dialog = open_dialog(qtbot, area)
    assert dialog.justering.count() == 1 and budget.label in dialog.justering.currentText()
    dialog.reject()

    protokoll = svc.justera(m.id, JUSTERAT, anslag_datum=JUSTERAT, today=JUSTERAT)
    area.load_meeting()
    dialog = open_dialog(qtbot, area)
    assert [dialog.justering.itemData(i) for i in range(dialog.justering.count())] == [protokoll.id, own.id]
    dialog.justering.setCurrentIndex(1)
    type_day(qtbot, dialog, "2022-03-01")
    assert f"sista dag för överklagande är {frist.overklagande_sista_dag(date(2022, 3, 1)).isoformat()}" \
        in dialog.foljd.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.dialog is None, timeout=60_000)

    assert svc.justering(own.id).anslag_uppsatt == date(2022, 3, 1)
    assert svc.justering(protokoll.id).anslag_uppsatt is None
    assert svc.meetings.get_meeting(m.id).status == "justerat"  # the protokoll's anslag is still to go up
    nedtas = frist.anslag_nedtas(date(2022, 3, 1))
    assert (f"{budget.label} (justerad omedelbart {m.datum}): Anslaget uppsatt 2022-03-01, tas ned "
            f"{nedtas.isoformat()}.") in area.justering.state.text()
    assert area.uppsatt_button.isEnabled()
    dialog = open_dialog(qtbot, area)
    assert [dialog.justering.itemData(i) for i in range(dialog.justering.count())] == [protokoll.id]
    type_day(qtbot, dialog, JUSTERAT.isoformat())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.dialog is None, timeout=60_000)
    assert not area.uppsatt_button.isEnabled()
    assert area.uppsatt_button.toolTip() == ("Alla anslag är redan registrerade som uppsatta (2022-03-01, "
                                             f"{JUSTERAT.isoformat()}); de registreras en gång.")
