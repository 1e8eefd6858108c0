"""The Justering tab when the anslag was kept before the paper justering of §§ under
sekretess was registered: pressing "Registrera pappersjustering…" says the kept anslag
stays as it is, and "Spara nytt anslag…" saves the new one (1280×720, real buttons)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import clock
from protokoll.test_anslag_fore_papper import KEPT_AT, REGISTERED_AT, ca, signed_with_paper_part  # noqa: F401
from protokoll.test_signering_dokument import pdf_text
from protokoll.test_ui_signering_dokument import show_area
from ui.widgets import dialogs, files

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_the_paper_justering_after_a_kept_anslag_offers_a_new_anslag(
        qtbot, session, signed_with_paper_part, monkeypatch, tmp_path):  # noqa: F811
    svc, m, justering, _secret = signed_with_paper_part
    with clock.pinned(KEPT_AT):
        kept = svc.anslag_for_signering(justering.id)
    with clock.pinned(REGISTERED_AT):
        area = show_area(qtbot, session, m.id)
        panel = area.justering.signering
        assert "Anslaget sparades 2022-03-05 10:15 för signering" in panel.state.text()
        assert not panel.nytt_anslag_button.isVisibleTo(area)  # nothing to say on it yet
        monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
        qtbot.mouseClick(panel.registrera_button, Qt.MouseButton.LeftButton)
        said = panel.status.text()
        assert "justerades på papper 2022-03-07" in said
        assert "Det sparade anslaget är en allmän handling och ändras inte; sätt upp ett nytt anslag" in said
        assert panel.nytt_anslag_button.isVisibleTo(area)

        out = tmp_path / "nytt anslag.pdf"
        monkeypatch.setattr(files, "ask_save_pdf", lambda *a, **k: out)
        qtbot.mouseClick(panel.nytt_anslag_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Nytt anslag sparat" in panel.status.text(), timeout=60_000)
    text = pdf_text(out.read_bytes())
    assert "det fullständiga protokollet justerades på papper 2022-03-07." in text
    assert "Detta anslag ersätter anslaget som sparades 2022-03-05 10:15" in text
    assert svc.anslag_pdf(m.id) == kept  # the kept anslag is unchanged
