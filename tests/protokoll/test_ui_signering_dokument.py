"""The Justering tab's other digital signatures, by pressing the real buttons at
1280×720: a § under sekretess left to wet ink and the paper justering registered; a sent
utdrag chosen in the list and signed; the anslag's panel only when Inställningar says
the municipality signs it."""

from __future__ import annotations

import pytest
from protokoll_fixtures import make_protokoll_org
from PySide6.QtCore import Qt
from signing_pki import SigningCA

from app import config
from protokoll.test_signering_dokument import justerat_with_sekretess
from ui.protokoll.area import ProtokollArea
from ui.settings_dialog import SettingsDialog
from ui.widgets import dialogs

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

ASCII_PASSWORD = "hemligt123"  # keyClicks cannot type å/ä/ö offscreen


def person(name: str) -> str:
    return name.split(" (")[0]


def show_area(qtbot, session, meeting_id: int) -> ProtokollArea:
    widget = ProtokollArea(session)
    widget.printer.ask_open = False
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    assert widget.select_meeting(meeting_id)
    widget.tabs.setCurrentWidget(widget.justering)
    return widget


def sign_in_dialog(qtbot, panel, key_file) -> None:
    qtbot.mouseClick(panel.signera_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    dialog.fil.setText(str(key_file))  # the file dialog itself is the platform's
    qtbot.keyClicks(dialog.losenord, ASCII_PASSWORD)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "har signerat" in panel.status.text(), timeout=60_000)


def test_sekretess_left_to_paper_and_the_paper_justering_registered(qtbot, session, monkeypatch, tmp_path):
    po = make_protokoll_org(session.db)
    m, justering, secret = justerat_with_sekretess(po)
    area = show_area(qtbot, session, m.id)
    panel = area.justering.signering
    assert panel.papper_button.isVisibleTo(area) and panel.papper_button.isEnabled()
    assert not panel.registrera_button.isVisibleTo(area)
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: asked.append(a[1]) or True)
    qtbot.mouseClick(panel.papper_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "justeras på papper" in panel.status.text(), timeout=60_000)
    assert asked == ["Sekretessparagrafer på papper"]
    assert session.protokoll.pappersdel(justering.id).paragrafer == (secret.label,)
    assert not panel.papper_button.isVisibleTo(area)
    assert "Offentlig version utan sekretessparagraferna" in panel.state.text()
    assert "inte registrerat ännu" in panel.state.text()

    first = session.protokoll.signaturplatser(justering.id)[0]
    ca = SigningCA.make()
    sign_in_dialog(qtbot, panel, ca.pkcs12(person(first.namn), tmp_path / "s.p12", ASCII_PASSWORD))
    (recorded,) = session.protokoll.signeringsstatus(justering.id).signaturer
    assert recorded.namn == first.namn
    assert session.protokoll.signerad_pdf(justering.id).startswith(
        session.db.execute("SELECT pdf FROM justering_offentlig").fetchone()[0])

    assert panel.registrera_button.isVisibleTo(area)
    qtbot.mouseClick(panel.registrera_button, Qt.MouseButton.LeftButton)
    assert "justerades på papper" in panel.state.text()
    assert not panel.registrera_button.isVisibleTo(area)
    assert session.protokoll.pappersdel(justering.id).registrerad


def test_a_sent_utdrag_chosen_in_the_list_is_signed(qtbot, demo_session, tmp_path):
    svc = demo_session.protokoll
    meeting = next(m for m in demo_session.meetings.meetings() if m.datum == "2022-02-14")
    if not svc.utskick(meeting.id):
        svc.skicka_utdrag(meeting.id)
    area = show_area(qtbot, demo_session, meeting.id)
    panel = area.justering.signera_utdrag
    assert not panel.isVisibleTo(area)  # nothing chosen
    view = area.justering.utskick
    rect = view.visualItemRect(view.item(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.isVisibleTo(area)
    utskick = svc.utskick(meeting.id)[0]
    assert f"Nästa: {utskick.bestyrkt_av} (bestyrker utdraget)." in panel.state.text()
    ca = SigningCA.make()
    sign_in_dialog(qtbot, panel, ca.pkcs12(person(utskick.bestyrkt_av), tmp_path / "u.p12", ASCII_PASSWORD))
    assert panel.state.text().startswith("✔ Signerat digitalt:")
    assert svc.utdrag_signeringsstatus(utskick.id).digitalt_justerat
    assert not panel.signera_button.isEnabled()


def test_the_anslag_panel_follows_the_setting(qtbot, demo_session):
    meeting = next(m for m in demo_session.meetings.meetings() if m.datum == "2022-02-14")
    area = show_area(qtbot, demo_session, meeting.id)
    assert not area.justering.signera_anslag.isVisibleTo(area)  # off by default
    dialog = SettingsDialog(config.load_settings())
    qtbot.addWidget(dialog)
    assert not dialog.sign_anslag.isChecked()
    qtbot.mouseClick(dialog.sign_anslag, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert config.load_settings().signing_anslag
    area.justering.load(meeting.id)
    panel = area.justering.signera_anslag
    assert panel.isVisibleTo(area)
    sekreterare = demo_session.protokoll.sekreterare_namn(meeting.id)
    assert f"Nästa: {sekreterare} (sekreterare)." in panel.state.text()
