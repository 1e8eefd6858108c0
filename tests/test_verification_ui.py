"""Arkiv → Verifiera PDF… in the main window: the file the user picks is told apart
from a copy with one byte changed, in Swedish, naming the meeting and the document."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from app.session import Session
from ui.application import make_application
from ui.main_window import MainWindow
from ui.widgets import files

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def window(qtbot, qapp, tmp_path, demo_template):
    make_application()
    win = MainWindow(Session.open(shutil.copy(demo_template, tmp_path / "demo.nkdb")))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    yield win
    win.close()


def verifiera_action(win):
    arkiv = next(a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == "Arkiv")
    return next(a for a in arkiv.actions() if a.text().replace("&", "") == "Verifiera PDF…")


def test_verifiera_pdf_in_the_arkiv_menu(window, tmp_path, monkeypatch):
    session = window.session
    meeting = next(m for m in session.meetings.meetings() if m.datum == "2022-02-14")
    stored = session.protokoll.original_pdf(meeting.id)
    original = tmp_path / "protokoll.pdf"
    original.write_bytes(stored)
    changed = bytearray(stored)
    changed[1000] ^= 0x20
    copy = tmp_path / "kopia.pdf"
    copy.write_bytes(bytes(changed))
    chosen = [original]
    monkeypatch.setattr(files, "ask_open_pdfs", lambda _parent, _title, several=True: chosen)

    verifiera_action(window).trigger()
    box = window.verify_box
    assert box.icon() == QMessageBox.Icon.Information
    assert box.text() == ("protokoll.pdf är identisk, byte för byte, med ett dokument som är sparat i "
                          "databasen:")
    details = box.informativeText()
    assert ("• Justerat protokoll (justerat 2022-02-16) – Vård- och omsorgsnämndens arbetsutskott, "
            "sammanträdet 2022-02-14") in details
    assert hashlib.sha256(stored).hexdigest() in details
    box.close()

    chosen[:] = [copy]
    verifiera_action(window).trigger()
    box = window.verify_box
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "kopia.pdf är INTE identisk med något dokument som är sparat i databasen."
    assert hashlib.sha256(bytes(changed)).hexdigest() in box.informativeText()
    box.close()

    chosen[:] = []  # Avbryt in the file dialog: nothing is shown
    window.verify_box = None
    verifiera_action(window).trigger()
    assert window.verify_box is None
