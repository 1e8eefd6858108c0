"""The Rapporter area in the main window at 1280×720 on the demo, driven as a user
drives it: a report created, a chapter added, text typed and saved, the outline
reordered, the report printed (the PDF read back), a chapter left unsaved, an adopted
report that says why it cannot change and prints as it was kept when adopted, a copy to
the next period marked for review, and the report put on a meeting's agenda."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
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
    # The new report's other chapters have no text: named first, printed when the user says so.
    box = editor.dialog
    assert box.objectName() == "kapitel_utan_text" and "Väsentliga organisationsförändringar" in box.text()
    qtbot.mouseClick(box.go_button, LEFT)
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


def test_printing_an_adopted_report_gives_its_kept_pdf(qtbot, area, tmp_path, monkeypatch):
    from app.budget import Ekonomi
    from app.rapport.kept import kept_pdf

    row = next(i for i, r in enumerate(area.model.records) if r.adopted)
    _click_row(qtbot, area.view, row)
    qtbot.waitUntil(lambda: area.editor is not None and area.editor.rapport.adopted)
    editor = area.editor
    db = editor.service.db
    kept = kept_pdf(db, editor.rapport.id)
    assert kept is not None
    ek = Ekonomi(db)  # the nämnd's budget document renamed after the adoption
    inst = ek.verksamheter.installning(editor.rapport.namnd_id)
    inst.budgetdokument = "Tilläggsbudget Q"
    ek.verksamheter.save_installning(inst)
    path = tmp_path / "bokslut.pdf"
    monkeypatch.setattr("ui.rapport.editor.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(path), ""))
    qtbot.mouseClick(editor.buttons["skriv_ut"], LEFT)
    qtbot.waitUntil(lambda: editor.last_result == path, timeout=60_000)
    assert path.read_bytes() == kept.data
    assert f"Den antagna rapporten skrevs ut som den sparades {kept.kept_text}." in editor.last_message
    assert "Tilläggsbudget Q" not in " ".join(p.extract_text() for p in PdfReader(path).pages)


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
    # The draft's chapters without text are named; they are left out of what goes to the nämnd.
    box = editor.dialog
    assert "Medarbetarskap och ledarskap" in box.text() and "tas de inte med" in box.text()
    qtbot.mouseClick(box.go_button, LEFT)
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
    data = BilagaService(area.session.db).data(bilagor[0].id)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Väsentliga organisationsförändringar" not in text and "Texten är inte skriven." not in text
    assert "Socialförvaltningen" in text and "Förväntad utveckling" in text


def _pick(qtbot, combo, text: str) -> None:
    """Choose ``text`` in a combo box as a user does with the keyboard."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, text


def _type(qtbot, editor, text: str) -> None:
    qtbot.mouseClick(editor.text.edit.viewport(), LEFT)
    qtbot.keyClick(editor.text.edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.text.edit, text)


def test_a_chapter_written_per_forvaltning_and_printed_after_the_question(qtbot, area, tmp_path, monkeypatch):
    editor = _new_report(qtbot, area)
    row = next(i for i, k in enumerate(editor.chapters()) if k.rubrik == "Verksamhetsrapport")
    _click_chapter(qtbot, editor, row)
    assert not editor.choice.isVisible()
    box = editor.per_forvaltning  # its box and label take clicks, not the row's empty rest
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert editor.choice.isVisible() and _rows(editor)[row] == "    Verksamhetsrapport (per förvaltning)"
    combo = editor.choice.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Kapitlets egen text (före förvaltningarna)", "Socialförvaltningen", "Äldreförvaltningen"]
    _type(qtbot, editor, "Gemensamt for namnden.")
    _pick(qtbot, combo, "Socialförvaltningen")
    assert editor.text.plain_text() == ""
    _type(qtbot, editor, "Orosanmalningarna har okat.")
    _pick(qtbot, combo, "Äldreförvaltningen")
    _type(qtbot, editor, "Boendet ar renoverat.")
    _pick(qtbot, combo, "Socialförvaltningen")  # what was typed is kept while another is shown
    assert editor.text.plain_text() == "Orosanmalningarna har okat."
    qtbot.mouseClick(editor.save_button, LEFT)
    k = editor.service.kapitel(editor.rapport.id)[row]
    assert (k.per_forvaltning, k.text) == (True, "<p>Gemensamt for namnden.</p>")
    assert [(t.rubrik, t.text) for t in editor.service.forvaltningstexter(k.id)] == [
        ("Socialförvaltningen", "<p>Orosanmalningarna har okat.</p>"),
        ("Äldreförvaltningen", "<p>Boendet ar renoverat.</p>")]
    assert editor.outline.currentRow() == row
    assert combo.currentText() == "Kapitlets egen text (före förvaltningarna)"
    # Printing names the chapters without text; "Gå tillbaka" prints nothing.
    path = tmp_path / "per.pdf"
    monkeypatch.setattr("ui.rapport.editor.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(path), ""))
    qtbot.mouseClick(editor.buttons["skriv_ut"], LEFT)
    box = editor.dialog
    assert box.windowTitle() == "Skriv ut rapporten"
    assert "– Ansvarsområde\n" in box.text() and "Verksamhetsrapport" not in box.text()
    back = next(b for b in box.buttons() if b.text() == "Gå tillbaka")
    qtbot.mouseClick(back, LEFT)
    qtbot.wait(50)
    assert editor.last_result is None and not path.exists()
    qtbot.mouseClick(editor.buttons["skriv_ut"], LEFT)
    qtbot.mouseClick(editor.dialog.go_button, LEFT)
    qtbot.waitUntil(lambda: editor.last_result == path, timeout=60_000)
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Socialförvaltningen" in text and "Orosanmalningarna har okat." in text
    assert "Texten är inte skriven." in text


def test_a_copied_forvaltnings_text_is_marked_until_reviewed(qtbot, area):
    _click_row(qtbot, area.view, 0)  # Delårsrapport 2024: its Verksamhetsrapport per förvaltning
    qtbot.mouseClick(area.buttons["kopiera"], LEFT)
    qtbot.mouseClick(area.dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: area.editor is not None and area.editor.rapport.titel == "Delårsrapport 2025")
    editor = area.editor
    row = next(i for i, k in enumerate(editor.chapters()) if k.rubrik == "Verksamhetsrapport")
    assert _rows(editor)[row] == "    Verksamhetsrapport (per förvaltning) – att granska"
    _click_chapter(qtbot, editor, row)
    combo = editor.choice.combo
    assert combo.itemText(1) == "Socialförvaltningen – att granska"
    _pick(qtbot, combo, "Socialförvaltningen – att granska")
    assert editor.review_note.isVisible() and "civilt försvar" in editor.text.plain_text()
    qtbot.mouseClick(editor.reviewed, LEFT)
    assert combo.itemText(1) == "Socialförvaltningen" and not editor.reviewed.isVisible()
    assert _rows(editor)[row].endswith("– att granska")  # Äldreförvaltningen's still is
    _pick(qtbot, combo, "Äldreförvaltningen – att granska")
    _type(qtbot, editor, " Etapp 2 har borjat.")
    qtbot.mouseClick(editor.save_button, LEFT)
    k = editor.service.kapitel(editor.rapport.id)[row]
    assert "Etapp 2 har borjat." in editor.service.forvaltningstexter(k.id)[1].text
    assert k.forvaltning_att_granska == 0 and k.att_granska  # the chapter's own text still is
    assert _rows(editor)[row].endswith("– att granska")
    assert combo.currentIndex() == 0 and editor.reviewed.isVisible()
    qtbot.mouseClick(editor.reviewed, LEFT)
    assert _rows(editor)[row] == "    Verksamhetsrapport (per förvaltning)"


def test_a_forvaltnings_unsaved_text_is_asked_about_and_looking_is_no_change(qtbot, area, monkeypatch):
    _click_row(qtbot, area.view, 0)  # Delårsrapport 2024
    editor = area.editor
    row = next(i for i, k in enumerate(editor.chapters()) if k.rubrik == "Verksamhetsrapport")
    asked = []

    def discard(_parent, title, _text):
        asked.append(title)
        return dialogs.DISCARD

    monkeypatch.setattr(dialogs, "ask_save_changes", discard)
    _click_chapter(qtbot, editor, row)
    combo = editor.choice.combo
    _pick(qtbot, combo, "Socialförvaltningen")
    _pick(qtbot, combo, "Äldreförvaltningen")
    _click_chapter(qtbot, editor, row + 1)  # only looked at: nothing to ask
    qtbot.waitUntil(lambda: editor.current.rubrik == "Volymutveckling")
    assert asked == []
    _click_chapter(qtbot, editor, row)
    _pick(qtbot, combo, "Socialförvaltningen")
    _type(qtbot, editor, " Inte sparat.")
    _pick(qtbot, combo, "Äldreförvaltningen")  # kept while another is shown
    _click_chapter(qtbot, editor, row + 1)
    qtbot.waitUntil(lambda: editor.current.rubrik == "Volymutveckling")
    assert asked == ["Kapitlet är inte sparat"]
    k = editor.chapters()[row]
    assert "Inte sparat" not in editor.service.forvaltningstexter(k.id)[0].text
