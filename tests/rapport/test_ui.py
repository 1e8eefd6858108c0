"""The Rapporter area in the main window at 1280×720 on the demo, driven as a user
drives it: a report created, a chapter added, text typed and saved, the outline
reordered, the report printed (the PDF read back), a chapter left unsaved, an adopted
report that says why it cannot change, a copy to the next period marked for review,
and the report put on a meeting's agenda."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.rapport.model import MALL_DELARSRAPPORT
from ui.main_window import navigation
from ui.widgets import dialogs

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def area(qtbot, demo_window):
    nav = demo_window.nav
    row = [e.key for e in navigation()].index("rapporter")
    qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(nav.item(row)).center())
    qtbot.waitUntil(lambda: not demo_window.area_pending, timeout=10_000)
    shown = demo_window.stack.currentWidget()
    assert shown.objectName() == "rapporter"
    return shown


def _replace(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _click_row(qtbot, view, row: int) -> None:
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(view.model().index(row, 0)).center())


def _click_chapter(qtbot, editor, row: int) -> None:
    outline = editor.outline
    qtbot.mouseClick(outline.viewport(), LEFT, pos=outline.visualItemRect(outline.item(row)).center())


def _rows(editor) -> list[str]:
    return [editor.outline.item(i).text() for i in range(editor.outline.count())]


def _new_report(qtbot, area, title: str = "Delarsrapport prov"):
    qtbot.mouseClick(area.buttons["ny"], LEFT)
    dialog = area.dialog
    _replace(qtbot, dialog.period_start, "2031-01-01")
    _replace(qtbot, dialog.period_slut, "2031-08-31")
    qtbot.keyClicks(dialog.titel, title)
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: area.editor is not None and area.editor.rapport.titel == title)
    return area.editor


def test_write_reorder_and_print_a_new_report(qtbot, area, tmp_path, monkeypatch):
    assert [r.titel for r in area.model.records][:2] == ["Delårsrapport 2024", "Bokslut 2023"]
    editor = _new_report(qtbot, area)
    assert (editor.rapport.slag, editor.rapport.period_text()) == ("delårsrapport", "januari–augusti 2031")
    assert area.view.current_record().id == editor.rapport.id
    assert editor.outline.count() == len(MALL_DELARSRAPPORT) and _rows(editor)[0] == "Inledning"
    # A chapter after Inledning (the chapter selected).
    qtbot.mouseClick(editor.buttons["kapitel_nytt"], LEFT)
    dialog = editor.dialog
    qtbot.keyClicks(dialog.rubrik, "Kvalitetsarbete")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: editor.current is not None and editor.current.rubrik == "Kvalitetsarbete")
    assert _rows(editor)[:2] == ["Inledning", "Kvalitetsarbete"] and editor.outline.currentRow() == 1
    # Its text, typed and saved; the heading renamed, shown in the outline as it is typed.
    qtbot.mouseClick(editor.text.edit.viewport(), LEFT)
    qtbot.keyClicks(editor.text.edit, "Kvaliteten har blivit battre under aret.")
    _replace(qtbot, editor.rubrik, "Kvalitet och utveckling")
    assert _rows(editor)[1] == "Kvalitet och utveckling"
    qtbot.mouseClick(editor.save_button, LEFT)
    stored = editor.service.kapitel(editor.rapport.id)[1]
    assert (stored.rubrik, stored.text) == ("Kvalitet och utveckling",
                                            "<p>Kvaliteten har blivit battre under aret.</p>")
    # Moved up before Inledning, then the last chapter down is refused with the reason.
    qtbot.mouseClick(editor.buttons["kapitel_upp"], LEFT)
    assert [k.rubrik for k in editor.service.kapitel(editor.rapport.id)][:2] == [
        "Kvalitet och utveckling", "Inledning"]
    assert _rows(editor)[:2] == ["Kvalitet och utveckling", "Inledning"]
    up = editor.buttons["kapitel_upp"]
    assert not up.isEnabled() and up.toolTip() == "Kapitlet står redan först."
    # Printed on the worker; the PDF has the chapter first, in its table of contents too.
    path = tmp_path / "delar.pdf"
    monkeypatch.setattr("ui.rapport.editor.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(path), ""))
    qtbot.mouseClick(editor.buttons["skriv_ut"], LEFT)
    qtbot.waitUntil(lambda: editor.last_result == path, timeout=60_000)
    assert "Delarsrapport prov" in editor.last_message and str(path) in editor.last_message
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Innehållsförteckning" in text
    assert "Kvaliteten har blivit battre under aret." in text
    assert text.index("Kvalitet och utveckling") < text.index("Inledning")
    assert reader.outline[0].title.endswith("Kvalitet och utveckling")


def test_a_changed_chapter_is_saved_or_kept_before_another_is_shown(qtbot, area, monkeypatch):
    editor = _new_report(qtbot, area)
    qtbot.mouseClick(editor.text.edit.viewport(), LEFT)
    qtbot.keyClicks(editor.text.edit, "Inte sparad text")
    asked = []

    def answer(choice):
        def ask(_parent, title, _text):
            asked.append(title)
            return choice
        return ask

    monkeypatch.setattr(dialogs, "ask_save_changes", answer(None))  # Avbryt: stay
    _click_chapter(qtbot, editor, 1)
    qtbot.waitUntil(lambda: editor.outline.currentRow() == 0)
    qtbot.wait(20)
    assert asked == ["Kapitlet är inte sparat"] and editor.current.rubrik == "Inledning"
    assert editor.text.plain_text() == "Inte sparad text"
    monkeypatch.setattr(dialogs, "ask_save_changes", answer(dialogs.SAVE))
    _click_chapter(qtbot, editor, 1)
    qtbot.waitUntil(lambda: editor.current.rubrik == "Ansvarsområde och organisation")
    assert editor.service.kapitel(editor.rapport.id)[0].text == "<p>Inte sparad text</p>"
    # The area's leave() is what the main window asks before it closes the database.
    qtbot.mouseClick(editor.text.edit.viewport(), LEFT)
    qtbot.keyClicks(editor.text.edit, "Mer")
    monkeypatch.setattr(dialogs, "ask_save_changes", answer(dialogs.DISCARD))
    assert area.leave()
    assert editor.service.kapitel(editor.rapport.id)[1].text == ""


def test_an_adopted_report_is_shown_read_only_and_says_why(qtbot, area):
    row = next(i for i, r in enumerate(area.model.records) if r.adopted)
    _click_row(qtbot, area.view, row)
    qtbot.waitUntil(lambda: area.editor is not None and area.editor.rapport.adopted)
    editor = area.editor
    assert "Antagen av" in editor.status.text()
    for control in (editor.save_button, editor.rubrik, editor.buttons["kapitel_nytt"],
                    editor.buttons["kapitel_ta_bort"], editor.text.bold, area.buttons["ta_bort"]):
        assert not control.isEnabled()
        assert "är antagen av" in control.toolTip() and "allmän handling" in control.toolTip()
    assert editor.text.edit.isReadOnly()
    assert editor.buttons["skriv_ut"].isEnabled() and area.buttons["kopiera"].isEnabled()


def test_copy_to_the_next_period_marks_the_texts_and_refuses_a_second_copy(qtbot, area):
    _click_row(qtbot, area.view, 0)  # Delårsrapport 2024, with texts written
    source = area.view.current_record()
    qtbot.mouseClick(area.buttons["kopiera"], LEFT)
    dialog = area.dialog
    assert (dialog.period_start.text(), dialog.period_slut.text()) == ("2025-01-01", "2025-08-31")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: area.editor is not None and area.editor.rapport.titel == "Delårsrapport 2025")
    editor = area.editor
    assert "att granska" in area.last_message
    assert _rows(editor)[0] == "Inledning – att granska"
    assert editor.review_note.isVisible() and editor.reviewed.isVisible()
    qtbot.mouseClick(editor.reviewed, LEFT)
    assert _rows(editor)[0] == "Inledning" and not editor.reviewed.isVisible()
    box = QApplication.activeModalWidget()
    if box is not None:
        box.close()
    # The same period again: refused in the dialog, naming the report, nothing created.
    row = next(i for i, r in enumerate(area.model.records) if r.id == source.id)
    _click_row(qtbot, area.view, row)
    qtbot.mouseClick(area.buttons["kopiera"], LEFT)
    dialog = area.dialog
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert "Delårsrapport 2025" in dialog.form.message("period_start")
    assert sum(r.slag == "delårsrapport" for r in area.model.records) == 2
    dialog.reject()


def test_put_on_the_agenda(qtbot, area):
    from app.meetings import BilagaService

    _click_row(qtbot, area.view, 0)
    editor = area.editor
    qtbot.mouseClick(editor.buttons["dagordning"], LEFT)
    dialog = editor.dialog
    assert dialog.meeting.count() > 0 and dialog.arende.itemText(0) == "Ett nytt ärende på dagordningen"
    qtbot.mouseClick(dialog.ok, LEFT)
    qtbot.waitUntil(lambda: hasattr(editor.last_result, "bilaga"), timeout=60_000)
    placed = editor.last_result
    assert placed.arende.rubrik.startswith("Delårsrapport 2024")
    assert f"ärende {placed.arende.nummer}" in editor.last_message
    assert "på dagordningen för" in editor.last_message
    bilagor = BilagaService(area.session.db).bilagor(placed.arende.id)
    assert [b.titel for b in bilagor] == ["Delårsrapport 2024"]
