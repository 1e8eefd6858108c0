"""Sekretess in the paragraph editor and Publicera på webben… in the Protokoll area,
pressed as a user presses them in the main window at 1280×720."""

from __future__ import annotations

import pytest
from protokoll_fixtures import open_demo_paragraf
from publicering_fixtures import SECRET_RUBRIK, justera_with_sekretess
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from ui.protokoll.reasons import NOT_PUBLISHED

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_marking_a_paragraf_sekretess_asks_for_its_ground_and_saves_it(qtbot, demo_window):
    area, row = open_demo_paragraf(demo_window, SECRET_RUBRIK)
    editor = area.editor
    assert not editor.sekretess.isChecked() and not editor.sekretess_grund.isEnabled()
    qtbot.mouseClick(editor.sekretess, Qt.MouseButton.LeftButton)
    assert editor.sekretess.isChecked() and editor.sekretess_grund.isEnabled()
    assert "Skriv sekretessgrunden" in editor.errors.text()
    assert not area.svc.paragrafer.get(row.id).sekretess  # not stored without its ground
    qtbot.keyClicks(editor.sekretess_grund, "OSL 26 kap. 1")
    qtbot.waitUntil(lambda: area.svc.paragrafer.get(row.id).sekretess, timeout=5_000)
    assert area.svc.paragrafer.get(row.id).sekretess_grund == "OSL 26 kap. 1"
    qtbot.mouseClick(editor.sekretess, Qt.MouseButton.LeftButton)
    stored = area.svc.paragrafer.get(row.id)
    assert (stored.sekretess, stored.sekretess_grund) == (False, "")
    assert not editor.sekretess_grund.isEnabled()


def test_publicera_pa_webben_after_justering_writes_the_copy(qtbot, demo_window, tmp_path, monkeypatch):
    area, _row = open_demo_paragraf(demo_window, SECRET_RUBRIK)
    button = area.webb_button
    assert not button.isEnabled() and button.toolTip() == NOT_PUBLISHED
    mid, secret = justera_with_sekretess(area.session.db)
    area.reload_meetings(mid)
    area.load_meeting()
    assert area.locked and button.isEnabled()
    assert area.editor.sekretess.isChecked() and not area.editor.sekretess.isEnabled()
    assert area.editor.sekretess_grund.text() == "OSL 26 kap. 1 §"
    chosen = tmp_path / "webbplats"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: area.publisher.task is None and "Webbkopian är sparad" in area.status.text(),
                    timeout=60_000)
    [folder] = chosen.iterdir()
    assert folder.name == f"Webbkopia Vård- och omsorgsnämnden {area.svc.get(mid).datum}"
    assert f"Webbkopian är sparad i {folder}" in area.status.text()
    assert "§ 6 visas bara med nummer" in area.status.text()
    protokoll = (folder / "protokoll.html").read_text(encoding="utf-8")
    assert "Sekretess enligt OSL 26 kap. 1 §." in protokoll
    assert secret["rubrik"] not in protokoll
    assert (folder / "anslag.html").is_file() and (folder / "stil.css").is_file()


def test_the_public_rubrik_is_typed_in_the_kommun_form(qtbot, demo_window):
    from app.protokoll.sekretess import DEFAULT_RUBRIK, SekretessService
    from ui.main_window import area_widget

    organisation = area_widget(demo_window, "organisation")
    demo_window.nav.setCurrentRow(demo_window.stack.indexOf(organisation))
    tab = organisation.kommun
    organisation.setCurrentWidget(tab)
    assert tab.sekretess_rubrik.text() == DEFAULT_RUBRIK
    tab.sekretess_rubrik.clear()
    qtbot.keyClicks(tab.sekretess_rubrik, "Individ- och familjeomsorg, enskilt arende")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert SekretessService(demo_window.session.db).rubrik() == "Individ- och familjeomsorg, enskilt arende"
    assert tab.status.text().startswith("Sparat")
