"""A newcomer's path on a new, empty database: every area that cannot be used yet says
what to do first and its button goes there; a disabled button says why in its tooltip;
a new database is proposed in Dokument; the welcome dialog's hints are readable; the
status bar names the file without developer words, and messages about what just
happened fade."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QStandardPaths, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from app.session import Session
from ui import opening
from ui.about_dialog import program_html
from ui.application import make_application
from ui.main_window import MainWindow, navigation
from ui.widgets import status
from ui.widgets.first_step import NAMND_FIRST, ORGANISATION_FIRST, FirstStep

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


def _type(widget, text):
    """Type as the keyboard does (keyClicks cannot send å, ä, ö offscreen)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _open_window(qtbot, path):
    make_application()
    window = MainWindow(Session.open(path))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def _press_area(qtbot, window, key):
    row = [e.key for e in navigation()].index(key)
    nav = window.nav
    qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(nav.item(row)).center())
    qtbot.waitUntil(lambda: not window.area_pending, timeout=10_000)
    return window.stack.currentWidget()


def test_a_new_database_says_what_to_do_first_and_goes_there(qtbot, db_path):
    window = _open_window(qtbot, db_path)
    meetings = _press_area(qtbot, window, "sammantraden")
    new_meeting = meetings.meeting_buttons.new
    assert not new_meeting.isEnabled()
    assert new_meeting.toolTip() == "Lägg först till en nämnd och ett organ under Organisation"
    step = meetings.first_step
    assert step.isVisible() and step.text.text().startswith(ORGANISATION_FIRST)

    qtbot.mouseClick(step.button, LEFT)
    organisation = window.stack.currentWidget()
    assert organisation.objectName() == "organisation"
    assert organisation.currentWidget() is organisation.namnder

    # The user adds the nämnd (it gets an organ of its own) and goes back.
    qtbot.mouseClick(organisation.namnder.namnd_buttons.new, LEFT)
    dialog = organisation.namnder.dialog
    _type(dialog.namn, "Vård- och omsorgsnämnden")
    _type(dialog.kortnamn, "VON")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert window.session.organisation.namnder()

    meetings = _press_area(qtbot, window, "sammantraden")
    assert meetings.meeting_buttons.new.isEnabled() and meetings.meeting_buttons.new.toolTip() == ""
    assert not meetings.first_step.isVisible()
    window.close()


def test_every_area_that_needs_a_namnd_leads_to_organisation(qtbot, db_path):
    window = _open_window(qtbot, db_path)
    steps = {"protokoll": "protokoll_forsta_steg", "ekonomi": "ekonomi_forsta_steg",
             "register": "register_forsta_steg", "verksamhetsplan": "plan_forsta_steg"}
    for key, name in steps.items():
        area = _press_area(qtbot, window, key)
        step = area.findChild(FirstStep, name)
        assert step.isVisible(), key
        text = step.findChild(QLabel, f"{name}_text").text()
        assert text.startswith(ORGANISATION_FIRST if key == "protokoll" else NAMND_FIRST), (key, text)
        qtbot.mouseClick(step.button, LEFT)
        organisation = window.stack.currentWidget()
        assert organisation.objectName() == "organisation", key
        assert organisation.currentWidget() is organisation.namnder, key
    plan = _press_area(qtbot, window, "verksamhetsplan")
    assert not plan.buttons["ny"].isEnabled()
    assert plan.buttons["ny"].toolTip() == "Lägg först till en nämnd under Organisation"
    # The Kommun tab, the first thing shown, says where work starts.
    organisation = _press_area(qtbot, window, "organisation")
    organisation.setCurrentWidget(organisation.kommun)
    assert organisation.kommun.first_step.isVisible()
    window.close()


def test_a_new_database_is_proposed_in_dokument(qtbot, db_path, monkeypatch):
    window = _open_window(qtbot, db_path)
    proposed = []

    def choose(_parent, _title, start, _filter):
        proposed.append(start)
        return "", ""  # the user cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    arkiv = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Arkiv")
    next(a for a in arkiv.actions() if a.text() == "&Ny databas…").trigger()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert proposed == [f"{documents}/namndkansli.nkdb"]
    window.close()


def test_the_welcome_dialogs_hints_are_in_the_normal_text_colour(qtbot, qapp):
    dialog = opening.FirstStartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hints = [label for label in dialog.findChildren(QLabel) if label.objectName().startswith("tips_")]
    assert [h.text() for h in hints] == ["Börja från början med din egen nämnd.",
                                          "T.ex. en fil du fått av en kollega.",
                                          "En exempelnämnd med ledamöter och förvaltningar att prova på."]
    normal = QApplication.palette().color(QPalette.ColorRole.WindowText)
    for hint in hints:
        assert hint.palette().color(hint.foregroundRole()) == normal, hint.text()
    dialog.close()


def test_the_status_bar_names_the_file_and_om_the_schema(qtbot, db_path):
    window = _open_window(qtbot, db_path)
    assert window.db_label.text() == str(db_path)
    assert "schema" not in window.statusBar().currentMessage() + window.db_label.text()
    version = window.session.schema_version
    assert f"(schemaversion {version})" in program_html(db_path, version)
    window.close()


def test_news_fades_and_hints_and_errors_stay(qtbot, monkeypatch):
    monkeypatch.setattr(status, "FADE_MS", 60)
    line = status.StatusLine()
    qtbot.addWidget(line)
    line.info("Sammanträdet 2026-12-14 är sparat.")
    assert not line.isHidden()
    qtbot.waitUntil(line.isHidden, timeout=2000)
    assert line.text() == ""
    line.hint("Ändrat – sparas automatiskt.")
    line.error("Inte sparat: rubriken saknas.")
    qtbot.wait(200)
    assert not line.isHidden() and line.text() == "Inte sparat: rubriken saknas."
    line.info("Sparat 14:02:11.")  # news replaces the error, and fades in its turn
    qtbot.waitUntil(line.isHidden, timeout=2000)


def test_the_guided_start_leads_through_kommun_namnd_organ_and_ledamoter(qtbot, db_path):
    """After a new, empty database is made: Kom igång under Organisation → Kommun, one
    step after the other, each button going where the step is done."""
    window = _open_window(qtbot, db_path)
    organisation = _press_area(qtbot, window, "organisation")
    kommun = organisation.kommun
    guide = kommun.getting_started
    assert guide.isVisible()
    steps = ("kommun", "namnd", "organ", "ledamoter")
    assert [guide.marks[k].text() for k in steps] == ["1.", "2.", "3.", "4."]
    assert guide.buttons["kommun"].isEnabled() and not guide.buttons["namnd"].isEnabled()
    assert guide.buttons["namnd"].toolTip() == "Gör stegen ovanför först"

    qtbot.mouseClick(guide.buttons["kommun"], LEFT)
    assert QApplication.focusWidget() is kommun.fields["namn"]
    _type(kommun.fields["namn"], "Oxelösunds kommun")
    qtbot.mouseClick(kommun.save_button, LEFT)
    assert guide.marks["kommun"].text() == "✓ klart" and guide.buttons["namnd"].isEnabled()

    qtbot.mouseClick(guide.buttons["namnd"], LEFT)
    assert organisation.currentWidget() is organisation.namnder
    qtbot.mouseClick(organisation.namnder.namnd_buttons.new, LEFT)
    dialog = organisation.namnder.dialog
    _type(dialog.namn, "Vård- och omsorgsnämnden")
    _type(dialog.kortnamn, "VON")
    qtbot.mouseClick(dialog.save_button, LEFT)

    bar = organisation.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(organisation.indexOf(kommun)).center())
    # The nämnd came with its own organ: steps 2 and 3 are done, the ledamöter are next.
    assert [guide.marks[k].text() for k in ("namnd", "organ", "ledamoter")] == ["✓ klart", "✓ klart", "4."]
    assert guide.buttons["ledamoter"].isEnabled() and guide.isVisible()
    qtbot.mouseClick(guide.buttons["ledamoter"], LEFT)
    assert organisation.currentWidget() is organisation.ledamoter
    window.close()


def test_disabled_buttons_say_why_on_a_new_database(qtbot, db_path):
    from ui.widgets.buttons import NO_SELECTION

    window = _open_window(qtbot, db_path)
    organisation = _press_area(qtbot, window, "organisation")
    remove_logo = organisation.kommun.remove_logo_button
    assert not remove_logo.isEnabled() and remove_logo.toolTip() == "Det finns ingen logotyp att ta bort"
    meetings = _press_area(qtbot, window, "sammantraden")
    for button in (meetings.meeting_buttons.edit, meetings.meeting_buttons.delete):
        assert not button.isEnabled() and button.toolTip() == NO_SELECTION
    plan = _press_area(qtbot, window, "verksamhetsplan")
    for key in ("kopiera", "ta_bort"):
        assert not plan.buttons[key].isEnabled()
        assert plan.buttons[key].toolTip() == "Välj först en plan i listan"
    window.close()
