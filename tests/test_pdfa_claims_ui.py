"""A bilaga made by Word in the handlingar, printed from Sammanträden: the check before
printing and the finished dialog name it in Swedish with what to do, and say that the
handlingar are not PDF/A; no English validator text reaches the window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from meeting_fixtures import make_org
from pdf_samples import make_non_archival_pdf
from PySide6.QtCore import Qt

from app import clock, richtext
from app.meetings import Arende
from app.pdf.pdfa import claimed_level
from ui.meetings import printing
from ui.meetings.area import MeetingsArea
from ui.widgets import files

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

ADVICE = ("Filen har typsnitt som inte är inbäddade; spara den som PDF/A (i Word: Spara som → PDF → "
          "Alternativ → ”PDF/A-kompatibel”) och bifoga den igen.")
ENGLISH = ("font", "embedded", "FontDescriptor", "ISO_19005")


def test_word_bilaga_is_named_in_swedish_from_check_to_finished_dialog(qtbot, session, tmp_path, monkeypatch):
    org = make_org(session.db)
    meeting = org.meetings.create_meeting(org.namnd_organ.id, clock.today() + timedelta(days=30))
    arende = org.arenden.add(Arende(
        sammantrade_id=meeting.id, rubrik="Budgetuppföljning januari", dnr="2022/1",
        forslag_till_beslut=richtext.from_plain_text("Nämnden godkänner uppföljningen.")))
    org.bilagor.attach(arende.id, make_non_archival_pdf("Rapport"), "rapport.pdf", "Rapport från Word")
    area = MeetingsArea(session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    assert area.current_meeting().id == meeting.id
    out = tmp_path / "handlingar.pdf"
    monkeypatch.setattr(files, "ask_save_pdf", lambda *_a: out)
    monkeypatch.setattr(files, "open_in_viewer", lambda _path: True)

    qtbot.mouseClick(area.handlingar_button, Qt.MouseButton.LeftButton)
    check = area.printer.dialog
    assert isinstance(check, printing.ProblemsDialog)
    (about,) = [m for m in check.messages() if "rapport.pdf" in m]
    assert about == (f"Varning: Bilaga ”Rapport från Word” (rapport.pdf) i ärende {arende.nummer} är inte i "
                     f"arkivformat (PDF/A); handlingarna blir då inte PDF/A. {ADVICE}")
    qtbot.mouseClick(check.go_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=60_000)
    finished = area.printer.dialog
    assert isinstance(finished, printing.FinishedDialog)
    shown = finished.findChild(type(finished.warnings), "klar_text").text()
    assert "inte PDF/A" in shown and "PDF/A-2b" not in shown
    assert finished.warnings.isVisibleTo(finished)
    warnings = finished.warnings.text()
    assert "Bilaga ”Rapport från Word” (rapport.pdf)" in warnings and ADVICE in warnings
    for word in ENGLISH:
        assert word not in warnings and word not in about
    assert claimed_level(out.read_bytes()) is None
    finished.close()
