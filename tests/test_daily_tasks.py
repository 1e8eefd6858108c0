"""The daily tasks not pressed through elsewhere (issue 14, item 11), done as a user does
them in the main window at 1280×720: a mouse click on the real row, tab, button and check
box, keys typed into the real field; never a handler called directly. Only what the
program cannot show offscreen is stood in for: the operating system's file chooser (it
returns the file a user would pick) and the justering's yes/no question.

Elsewhere: adding an ärende (tests/test_changes.py), printing handlingar
(tests/meetings/test_check_before_print.py), a new and an imported delegationsbeslut
(tests/test_date_field.py, tests/registers/test_import_button.py), a budget figure
(tests/budget/test_ui_grid.py), a follow-up symbol (tests/plan/test_ui_followup_leave.py)."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from protokoll_fixtures import demo_namnd_meeting_day
from PySide6.QtCore import QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea
from reportlab.pdfgen import canvas

from app import clock
from app.session import Session
from ui.application import make_application
from ui.main_window import MainWindow, navigation

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


def _type(widget, text: str) -> None:
    """Key by key, as a user types (keyClicks cannot send å, ä, ö offscreen)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _click_row(qtbot, view, row: int, column: int = 1) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def _click_tab(qtbot, tabs, page) -> None:
    bar = tabs.tabBar()
    index = tabs.indexOf(page)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert tabs.currentWidget() is page


@pytest.fixture
def window(qtbot, tmp_path, demo_template):
    make_application()
    path = shutil.copy(demo_template, tmp_path / "demo.nkdb")
    # The justering week after the demo's coming nämnd meeting, as in tests/protokoll.
    with clock.pinned(demo_namnd_meeting_day() + timedelta(days=7)):
        main = MainWindow(Session.open(path))
        qtbot.addWidget(main)
        main.resize(QSize(1280, 720))
        main.show()
        qtbot.waitExposed(main)
        yield main
        main.close()


def _area(qtbot, window, key: str):
    nav = window.nav
    row = [e.key for e in navigation()].index(key)
    qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(nav.item(row)).center())
    qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
    return window.stack.currentWidget()


# -- Sammanträden ------------------------------------------------------------------------------
def test_reorder_an_arende_with_the_arrow_button(qtbot, window):
    meetings = _area(qtbot, window, "sammantraden")
    agenda = meetings.agenda
    records = agenda.model.records
    row = next(i for i, a in enumerate(records) if a.typ == "beslut")
    moving, below = records[row], records[row + 1]
    _click_row(qtbot, agenda.view, row)
    assert agenda.down_button.isEnabled()
    qtbot.mouseClick(agenda.down_button, LEFT)
    stored = [a.id for a in window.session.arenden.arenden(meetings.current_meeting().id)]
    assert stored.index(moving.id) == stored.index(below.id) + 1
    assert agenda.view.current_record().id == moving.id  # the moved ärende stays selected
    # And back up with the other arrow.
    qtbot.mouseClick(agenda.up_button, LEFT)
    stored = [a.id for a in window.session.arenden.arenden(meetings.current_meeting().id)]
    assert stored.index(moving.id) == stored.index(below.id) - 1


def _two_page_pdf(path) -> None:
    page = canvas.Canvas(str(path))
    for text in ("Tjänsteskrivelse, sida 1", "Tjänsteskrivelse, sida 2"):
        page.drawString(72, 720, text)
        page.showPage()
    page.save()


def test_attach_a_bilaga_through_the_bifoga_button(qtbot, window, tmp_path, monkeypatch):
    pdf = tmp_path / "Underlag hemtjänst.pdf"
    _two_page_pdf(pdf)
    # The operating system's file chooser: the user picks the file.
    monkeypatch.setattr("ui.widgets.files.QFileDialog.getOpenFileNames",
                        lambda *_a, **_k: ([str(pdf)], "PDF-filer (*.pdf)"))
    meetings = _area(qtbot, window, "sammantraden")
    agenda = meetings.agenda
    row = next(i for i, a in enumerate(agenda.model.records) if a.typ == "beslut")
    arende = agenda.model.records[row]
    _click_row(qtbot, agenda.view, row)
    editor = agenda.editor
    _click_tab(qtbot, editor.tabs, editor.bilagor)
    before = len(window.session.bilagor.bilagor(arende.id))
    qtbot.mouseClick(editor.bilagor.attach_button, LEFT)
    qtbot.waitUntil(lambda: len(window.session.bilagor.bilagor(arende.id)) == before + 1, timeout=30_000)
    added = window.session.bilagor.bilagor(arende.id)[-1]
    assert (added.filnamn, added.sidor) == ("Underlag hemtjänst.pdf", 2)
    qtbot.waitUntil(lambda: "1 bilaga bifogad (2 sidor)." in editor.bilagor.status.text(), timeout=10_000)


# -- Protokoll ----------------------------------------------------------------------------------
def _protokoll_on_the_coming_meeting(qtbot, window):
    protokoll = _area(qtbot, window, "protokoll")
    day = demo_namnd_meeting_day().isoformat()
    row = next(i for i, m in enumerate(protokoll.meeting_model.records) if m.meeting.datum == day)
    _click_row(qtbot, protokoll.meeting_view, row, 0)
    assert protokoll.meeting_id == protokoll.meeting_model.records[row].id
    if protokoll.start_button.isVisible() and protokoll.start_button.isEnabled():
        qtbot.mouseClick(protokoll.start_button, LEFT)
    return protokoll


def test_mark_a_ledamot_absent_in_narvaro(qtbot, window):
    protokoll = _protokoll_on_the_coming_meeting(qtbot, window)
    panel = protokoll.narvaro
    _click_tab(qtbot, protokoll.tabs, panel)
    row = next(i for i, n in enumerate(panel.model.records) if n.narvarande)
    person = panel.model.records[row]
    _click_row(qtbot, panel.view, row, 0)
    assert panel.present.isChecked()
    panel.findChild(QScrollArea).ensureWidgetVisible(panel.present)
    qtbot.mouseClick(panel.present, LEFT, pos=QPoint(8, panel.present.height() // 2))  # on its box
    assert not protokoll.svc.narvaro.get(person.id).narvarande
    assert panel.model.record(panel.model.row_for_id(person.id)).narvarande is False


def test_write_a_beslut_and_move_on(qtbot, window):
    protokoll = _protokoll_on_the_coming_meeting(qtbot, window)
    rows = protokoll.para_model.records
    row = next(i for i, r in enumerate(rows) if r.p.rubrik.startswith("Genomlysning av hemtjänsten"))
    paragraf_id = rows[row].id
    _click_row(qtbot, protokoll.para_view, row)
    editor = protokoll.editor
    assert editor.paragraf.arende_id == paragraf_id
    edit = editor.beslut.edit
    qtbot.mouseClick(edit.viewport(), LEFT, pos=edit.viewport().rect().center())
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # over the proposal
    _type(edit, "Nämnden godkänner genomlysningen av hemtjänsten.")
    _click_row(qtbot, protokoll.para_view, row + 1)  # moving on stores what was written
    assert editor.paragraf.arende_id != paragraf_id
    stored = protokoll.svc.paragrafer.get(paragraf_id).beslut
    assert "Nämnden godkänner genomlysningen av hemtjänsten." in stored


def test_justera_the_protokoll_with_its_button(qtbot, window, monkeypatch):
    protokoll = _protokoll_on_the_coming_meeting(qtbot, window)
    # Every § has a beslut (the check before justering would stop on one missing).
    for r in protokoll.para_model.records:
        p = protokoll.svc.paragrafer.get(r.id)
        if p.nummer is not None and not p.beslut.strip():
            p.beslut = f"<p>Beslut i {p.label}.</p>"
            protokoll.svc.paragrafer.save(p)
    protokoll.load_meeting()
    panel = protokoll.justering
    _click_tab(qtbot, protokoll.tabs, panel)
    combo = panel.justerare1
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first person offered
    assert protokoll.svc.justerare_namn(protokoll.meeting_id) == [combo.currentText()]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_a, **_k: asked.append(text) or QMessageBox.StandardButton.Yes)
    assert panel.justera_button.isEnabled()
    qtbot.mouseClick(panel.justera_button, LEFT)
    qtbot.waitUntil(lambda: protokoll.locked, timeout=60_000)
    assert asked
    assert "JUSTERAT" in protokoll.header.text()
    assert protokoll.editor.beslut.edit.isReadOnly() and not panel.justera_button.isEnabled()
    assert protokoll.svc.get(protokoll.meeting_id).status == "justerat"
