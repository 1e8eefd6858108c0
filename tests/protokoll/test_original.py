"""The justerat protokoll as stored: the anslag prints its SHA-256, and after a rättelse
the original alone can still be saved (service, command line, and the Justering tab's
"Spara original (justerat …)" button)."""

from __future__ import annotations

import hashlib
import io
import shutil
from datetime import date

import pytest
from pypdf import PdfReader

from app.cli import main
from app.session import Session
from ui.widgets import files

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def text_of(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def demo_path(tmp_path, demo_template):
    return shutil.copy(demo_template, tmp_path / "demo.nkdb")


def au(session):
    return next(m for m in session.meetings.meetings() if m.datum == "2022-02-14")


def test_the_anslag_prints_the_sha256_of_the_stored_protokoll(demo_session):
    svc = demo_session.protokoll
    meeting = au(demo_session)
    (justering,) = svc.justeringar(meeting.id)
    stored = demo_session.db.execute("SELECT pdf FROM justering WHERE id = ?", [justering.id]).fetchone()[0]
    digest = hashlib.sha256(stored).hexdigest()
    text = text_of(svc.anslag_pdf(meeting.id))
    assert f"Kontrollsumma (SHA-256) för det justerade protokollet: {digest}" in text
    assert "certutil -hashfile protokoll.pdf SHA256" in text


def test_the_original_stays_exportable_after_a_rattelse(demo_path, tmp_path, capsys):
    with Session.open(demo_path) as session:
        svc = session.protokoll
        meeting = au(session)
        (justering,) = svc.justeringar(meeting.id)
        svc.add_rattelse(meeting.id, "I § 16 ska det stå kostenheten.", "Åsa Engström", date(2022, 3, 1),
                         today=date(2022, 3, 1))
        with_rattelser = svc.protokoll_pdf(meeting.id, today=date(2022, 3, 1))
        original = svc.original_pdf(meeting.id)
    assert hashlib.sha256(original).hexdigest() == justering.sha256
    assert "Rättelser efter justering" in text_of(with_rattelser)
    assert "Rättelser efter justering" not in text_of(original)
    assert hashlib.sha256(with_rattelser).hexdigest() != justering.sha256

    out = tmp_path / "original.pdf"
    assert main(["--db", str(demo_path), "protokoll", str(meeting.id), "--original", "-o", str(out)]) == 0
    assert "Originalet (som det justerades) har skrivits" in capsys.readouterr().out
    assert out.read_bytes() == original
    assert main(["--db", str(demo_path), "verifiera", str(out)]) == 0
    printed = tmp_path / "med-rattelser.pdf"
    printed.write_bytes(with_rattelser)
    assert main(["--db", str(demo_path), "verifiera", str(printed)]) == 1


def test_original_of_a_protokoll_not_yet_justerat_is_refused_in_swedish(demo_session, capsys):
    from app.validation import ValidationError

    coming = next(m for m in demo_session.meetings.meetings() if m.status not in ("justerat", "anslaget"))
    with pytest.raises(ValidationError, match="är inte justerat; det finns inget original sparat ännu"):
        demo_session.protokoll.original_pdf(coming.id)


def test_spara_original_button_saves_the_pdf_as_justerat(qtbot, demo_session, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from ui.protokoll.area import ProtokollArea

    svc = demo_session.protokoll
    meeting = au(demo_session)
    svc.add_rattelse(meeting.id, "I § 16 ska det stå kostenheten.", "Åsa Engström", date(2022, 3, 1),
                     today=date(2022, 3, 1))
    (justering,) = svc.justeringar(meeting.id)
    area = ProtokollArea(demo_session)
    area.printer.ask_open = False
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    assert area.select_meeting(meeting.id)
    panel = area.justering
    area.tabs.setCurrentWidget(panel)
    shown = panel.checksum.text()  # in two halves, to fit the panel
    assert panel.checksum.isVisible() and justering.sha256[:32] in shown and justering.sha256[32:] in shown
    button = panel.original_button
    assert button.isVisible() and button.text() == "Spara original (justerat 2022-02-16)…"
    out = tmp_path / "original.pdf"
    asked = []
    monkeypatch.setattr(files, "ask_save_pdf",
                        lambda _parent, _title, suggested: asked.append(suggested) or out)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=60_000)
    assert asked == ["Protokoll Vård- och omsorgsnämndens arbetsutskott 2022-02-14 justerat 2022-02-16.pdf"]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == justering.sha256
    assert f"Originalet är sparat: {out}" in area.status.text()
