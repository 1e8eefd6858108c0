"""The Justering tab's digital justering: pressing "Signera digitalt…", choosing a
PKCS#12 file, typing its password and pressing Signera signs on a worker; a wrong
password is refused under its field; the status line names who signs next."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from signing_pki import SigningCA

from ui.protokoll.area import ProtokollArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

ASCII_PASSWORD = "hemligt123"  # keyClicks cannot type å/ä/ö offscreen


@pytest.fixture
def area(qtbot, demo_session):
    widget = ProtokollArea(demo_session)
    widget.printer.ask_open = False
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    meeting = next(m for m in demo_session.meetings.meetings() if m.datum == "2022-02-14")
    assert widget.select_meeting(meeting.id)
    widget.tabs.setCurrentWidget(widget.justering)
    return widget


def person(name: str) -> str:
    return name.split(" (")[0]


def test_signing_in_the_justering_tab(qtbot, area, tmp_path):
    panel = area.justering.signering
    assert panel.isVisibleTo(area)
    platser = area.svc.signaturplatser(area.svc.justeringar(area.meeting_id)[0].id)
    first = platser[0]
    assert f"Nästa: {first.text}." in panel.state.text()
    ca = SigningCA.make()
    key_file = ca.pkcs12(person(first.namn), tmp_path / "sekreterare.p12", ASCII_PASSWORD)

    qtbot.mouseClick(panel.signera_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    assert first.namn in dialog.findChild(type(panel.state), "signera_vem").text()
    dialog.fil.setText(str(key_file))  # the file dialog itself is the platform's
    qtbot.keyClicks(dialog.losenord, "fel")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "fel lösenord" in panel.status.text(), timeout=60_000)
    assert area.svc.signeringsstatus(area.svc.justeringar(area.meeting_id)[0].id).signaturer == ()

    qtbot.mouseClick(panel.signera_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    dialog.fil.setText(str(key_file))
    qtbot.keyClicks(dialog.losenord, ASCII_PASSWORD)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "har signerat" in panel.status.text(), timeout=60_000)
    assert f"Nästa: {platser[1].text}." in panel.state.text()
    assert person(first.namn) in panel.state.text()

    # An empty key file field is refused under the field, and nothing runs.
    qtbot.mouseClick(panel.signera_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.form.message("fil") == "Välj nyckelfilen (.p12 eller .pfx)."
    dialog.reject()


def test_export_for_signing_and_import(qtbot, area, tmp_path, monkeypatch):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from ui.widgets import files

    panel = area.justering.signering
    out = tmp_path / "for-signering.pdf"
    signed = tmp_path / "signerad.pdf"
    # The platform's file dialogs answer with these files.
    monkeypatch.setattr(files, "ask_save_pdf", lambda *a, **k: out)
    monkeypatch.setattr(files, "ask_open_pdfs", lambda *a, **k: [signed])
    qtbot.mouseClick(panel.exportera_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and "Sparat" in panel.status.text(), timeout=60_000)
    justering_id = area.svc.justeringar(area.meeting_id)[0].id
    assert out.read_bytes() == area.svc.stored_pdf(justering_id)

    ca = SigningCA.make()
    data = out.read_bytes()
    for n, plats in enumerate(area.svc.signaturplatser(justering_id)):
        path = ca.pkcs12(person(plats.namn), tmp_path / f"{n}.p12", ASCII_PASSWORD)
        signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=ASCII_PASSWORD.encode())
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        fields.append_signature_field(writer, fields.SigFieldSpec(f"Tjanst{n}"))
        data = signers.PdfSigner(signers.PdfSignatureMetadata(field_name=f"Tjanst{n}"),
                                 signer=signer).sign_pdf(writer).getvalue()
    signed.write_bytes(data)
    qtbot.mouseClick(panel.importera_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Importerad" in panel.status.text(), timeout=60_000)
    assert panel.state.text().startswith("✔ Justerat digitalt")
    assert not panel.signera_button.isEnabled()
