"""The window's paths to a kept anslag (1280×720, real buttons): "Anslag…" keeps an
anslag registered as posted before the program kept it and says so in the status line,
then gives the kept bytes; "Spara nytt anslag…" gives the kept new anslag every time."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app import clock
from protokoll.test_anslag_fore_papper import ca, signed_with_paper_part  # noqa: F401
from protokoll.test_anslag_kept import (
    kept_rows,
    posted_and_paper_registered,
    posted_by_an_earlier_version,
    rename_sekreterare,
)
from protokoll.test_signering_dokument import pdf_text
from protokoll.test_ui_signering_dokument import show_area
from ui.widgets import files

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def press_and_wait(qtbot, area, button, out, monkeypatch) -> bytes:
    monkeypatch.setattr(files, "ask_save_pdf", lambda *a, **k: out)
    area.printer.outcome = None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=60_000)
    return out.read_bytes()


def test_printing_an_anslag_posted_before_it_was_kept_keeps_it_and_says_so(
        qtbot, session, po, monkeypatch, tmp_path):
    m, _justering = posted_by_an_earlier_version(po)
    area = show_area(qtbot, session, m.id)
    with clock.pinned(datetime(2026, 11, 16, 10, 5)):
        first = press_and_wait(qtbot, area, area.anslag_button, tmp_path / "a.pdf", monkeypatch)
    said = area.status.text()
    assert "Anslaget registrerades som uppsatt 2022-03-04 innan programmet sparade uppsatta anslag. Det " \
           "sparades nu, 2026-11-16 kl. 10:05" in said
    assert kept_rows(session.db) == 1 and session.protokoll.anslag_pdf(m.id) == first

    name = rename_sekreterare(session.db)
    again = press_and_wait(qtbot, area, area.anslag_button, tmp_path / "b.pdf", monkeypatch)
    assert again == first and name not in pdf_text(again)
    assert "sparades nu" not in area.status.text()


def test_the_new_anslag_button_gives_the_kept_new_anslag_every_time(
        qtbot, session, signed_with_paper_part, monkeypatch, tmp_path):  # noqa: F811
    svc, m, justering, _secret = signed_with_paper_part
    posted_and_paper_registered(svc, justering)
    area = show_area(qtbot, session, m.id)
    panel = area.justering.signering
    assert panel.nytt_anslag_button.isVisibleTo(area)
    outs = []
    for n in range(2):
        out = tmp_path / f"nytt {n}.pdf"
        monkeypatch.setattr(files, "ask_save_pdf", lambda *a, _out=out, **k: _out)
        qtbot.mouseClick(panel.nytt_anslag_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda _out=out: _out.exists() and "Nytt anslag sparat" in panel.status.text(),
                        timeout=60_000)
        outs.append(out.read_bytes())
        if n == 0:
            rename_sekreterare(session.db)
            panel.status.clear_message()
    assert outs[0] == outs[1] == svc.nytt_anslag_pdf(m.id)
    assert kept_rows(session.db, "nytt_anslag") == 1
    assert "det nya anslaget, som säger att det justerades på papper 2022-03-07, sparades" \
        in panel.state.text()
