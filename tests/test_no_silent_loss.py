"""No silent loss (issue 14, item 4): one behaviour for an unsaved edit in every area.
Where an area saves as it goes (Ekonomi's figures) its texts are saved too when another
year, month or nämnd is shown or the window closes; where it has a Spara button
(Organisation's Kommun, a plan's avsnitt) the user is asked Spara, Släng or Avbryt
(``dialogs.ask_save_changes``) before the edit is left. The agenda, the protokoll and the
plan's Uppföljning have their own tests (tests/test_leave_on_switch.py,
tests/plan/test_ui_followup_leave.py). Everything is pressed as a user presses it: the
question is answered by clicking its button."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.plan.service import PlanService
from app.session import Session
from ui.application import make_application
from ui.budget.area import EkonomiArea
from ui.main_window import MainWindow, area_widget
from ui.plan.area import PlanArea

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


def _answer_when_asked(qtbot, text: str, asked: list[str]) -> None:
    """Press ``text`` in the question once it is on the screen."""
    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        asked.append(box.text())
        qtbot.mouseClick(next(b for b in box.findChildren(QPushButton) if b.text() == text), LEFT)

    QTimer.singleShot(0, press)


# -- Organisation: the kommun form ------------------------------------------------------------
@pytest.fixture
def window_path(tmp_path, demo_template):
    return shutil.copy(demo_template, tmp_path / "demo.nkdb")


def _window(qtbot, path) -> MainWindow:
    make_application()
    window = MainWindow(Session.open(path))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def _kommun_namn(path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT namn FROM kommun").fetchone()[0]


def test_closing_the_window_asks_about_the_changed_kommun_and_avbryt_stays(qtbot, window_path):
    window = _window(qtbot, window_path)
    organisation = window.show_area("organisation")
    qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
    field = organisation.kommun.fields["namn"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Nya kommunen")
    window.show_area("ekonomi")  # another area: the edit waits where it was typed

    asked: list[str] = []
    _answer_when_asked(qtbot, "Avbryt", asked)
    window.close()
    assert asked and "Kommunens uppgifter under Organisation → Kommun är ändrade" in asked[0]
    assert window.isVisible() and window.session is not None
    # The user is brought back to what is unsaved, with the text as typed.
    assert window.stack.currentWidget() is organisation
    assert organisation.currentWidget() is organisation.kommun
    assert field.text() == "Nya kommunen"

    _answer_when_asked(qtbot, "Spara", asked)
    window.close()
    assert len(asked) == 2 and not window.isVisible()
    assert _kommun_namn(window_path) == "Nya kommunen"


def test_slang_throws_the_kommun_change_away_and_closes(qtbot, window_path):
    before = _kommun_namn(window_path)
    window = _window(qtbot, window_path)
    organisation = window.show_area("organisation")
    qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
    field = organisation.kommun.fields["telefon"]
    field.setFocus()
    qtbot.keyClicks(field, " 99")
    asked: list[str] = []
    _answer_when_asked(qtbot, "Släng", asked)
    window.close()
    assert len(asked) == 1 and not window.isVisible()
    assert _kommun_namn(window_path) == before
    with sqlite3.connect(window_path) as db:
        assert not db.execute("SELECT telefon FROM kommun").fetchone()[0].endswith(" 99")


def test_no_question_when_the_kommun_was_not_changed(qtbot, window_path, monkeypatch):
    from ui.widgets import dialogs

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: pytest.fail("asked without a change"))
    window = _window(qtbot, window_path)
    window.show_area("organisation")
    qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
    assert area_widget(window, "organisation").leave()
    window.close()
    assert not window.isVisible()


# -- Ekonomi: the texts under the grids are saved as the figures are ---------------------------
@pytest.fixture
def ekonomi(qtbot, demo_session):
    area = EkonomiArea(demo_session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    qtbot.waitExposed(area)
    return area


def test_the_internbudget_comment_is_saved_when_another_year_is_chosen(qtbot, ekonomi):
    tab = ekonomi.internbudget
    shown_year = tab.year.currentData()
    assert tab.year.count() > 1
    tab.kommentar.setFocus()
    tab.kommentar.moveCursor(tab.kommentar.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.kommentar, " Ny mening om ramen.")
    # The year chosen with the keyboard, as in any combo box.
    tab.year.setFocus()
    qtbot.keyClick(tab.year, Qt.Key.Key_Up)
    assert tab.year.currentData() != shown_year
    stored = ekonomi.ctx.ek.internbudget.get(ekonomi.ctx.namnd_id, shown_year)
    assert stored.kommentar.endswith(" Ny mening om ramen.")
    assert "Ny mening om ramen." not in tab.kommentar.toPlainText()  # the other year's own comment


def test_the_budgetuppfoljning_analysis_is_saved_when_the_area_is_left(qtbot, ekonomi):
    tab = ekonomi.uppfoljning
    ekonomi.tabs.setCurrentWidget(tab)
    assert tab.u is not None
    tab.analys.setFocus()
    tab.analys.moveCursor(tab.analys.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.analys, " Prognosen ses over i mars.")
    assert ekonomi.leave()  # what the main window asks before it closes the database
    stored = ekonomi.ctx.ek.uppfoljning.load(tab.u.id)
    assert stored.analys.endswith(" Prognosen ses over i mars.")


# -- Verksamhetsplan: an avsnitt in Plan och text --------------------------------------------
@pytest.fixture
def sections(qtbot, demo_session, monkeypatch):
    """The avsnitt of version 2 of the plan 2023–2025, made with Revidera (the demo's
    plans are adopted; an adopted plan is changed only in a revision)."""
    area = PlanArea(demo_session)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    qtbot.waitExposed(area)
    monkeypatch.setattr("ui.plan.editor.confirm", lambda *_a, **_k: True)
    qtbot.mouseClick(area.editor.revise_button, LEFT)
    assert area.editor.plan.status == "utkast"
    panel = area.editor.info.sections
    panel.area = area
    return panel


def _click_avsnitt(qtbot, panel, row: int) -> None:
    index = panel.model.index(row, 1)
    panel.view.scrollTo(index)
    qtbot.mouseClick(panel.view.viewport(), LEFT, pos=panel.view.visualRect(index).center())


def _retitle(qtbot, panel, text: str) -> None:
    panel.rubrik.setFocus()
    panel.rubrik.selectAll()
    qtbot.keyClicks(panel.rubrik, text)


def test_avbryt_keeps_the_changed_avsnitt_selected(qtbot, sections):
    _click_avsnitt(qtbot, sections, 0)
    first = sections.current.id
    _retitle(qtbot, sections, "Inledning och syfte")
    asked: list[str] = []
    _answer_when_asked(qtbot, "Avbryt", asked)
    _click_avsnitt(qtbot, sections, 1)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    qtbot.wait(50)  # the list is put back once control is in the event loop again
    assert "har ändrats men inte sparats" in asked[0]
    assert sections.current.id == first and sections.view.current_id() == first
    assert sections.rubrik.text() == "Inledning och syfte"


def test_spara_saves_the_avsnitt_and_shows_the_clicked_one(qtbot, sections):
    _click_avsnitt(qtbot, sections, 0)
    first = sections.current.id
    _retitle(qtbot, sections, "Inledning och syfte")
    second = sections.model.records[1]
    asked: list[str] = []
    _answer_when_asked(qtbot, "Spara", asked)
    _click_avsnitt(qtbot, sections, 1)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    saved = {a.id: a for a in PlanService(sections.plans.db).avsnitt(sections.plan.id)}
    assert saved[first].rubrik == "Inledning och syfte"
    assert sections.current.id == second.id == sections.view.current_id()
    assert sections.rubrik.text() == second.rubrik


def test_slang_throws_the_avsnitt_change_away(qtbot, sections):
    _click_avsnitt(qtbot, sections, 0)
    first = sections.current
    _retitle(qtbot, sections, "Bortkastad rubrik")
    asked: list[str] = []
    _answer_when_asked(qtbot, "Släng", asked)
    _click_avsnitt(qtbot, sections, 1)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    saved = {a.id: a for a in PlanService(sections.plans.db).avsnitt(sections.plan.id)}
    assert saved[first.id].rubrik == first.rubrik
    assert sections.current.id == sections.model.records[1].id


def test_another_plan_is_not_opened_over_a_changed_avsnitt(qtbot, sections):
    area = sections.area
    _click_avsnitt(qtbot, sections, 0)
    _retitle(qtbot, sections, "Inledning och syfte")
    shown_plan = area.editor.plan.id
    other = next(r for r in range(area.model.rowCount()) if area.model.records[r].id != shown_plan)
    asked: list[str] = []
    _answer_when_asked(qtbot, "Avbryt", asked)
    index = area.model.index(other, 0)
    qtbot.mouseClick(area.view.viewport(), LEFT, pos=area.view.visualRect(index).center())
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    qtbot.wait(50)
    assert area.editor.plan.id == shown_plan and area.view.current_id() == shown_plan
    assert area.editor.info.sections.rubrik.text() == "Inledning och syfte"
