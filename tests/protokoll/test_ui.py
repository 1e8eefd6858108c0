"""The Protokoll area driven through its real widgets on the demo nämnd meeting:
attendance, a beslut, a vote, a reservation, jäv, justerare, printing the
protokoll off the UI thread, justering, utdrag per recipient and the anslag."""

from __future__ import annotations

import io
from datetime import date

import pytest
from protokoll_fixtures import demo_namnd_meeting_day, demo_protokoll_area
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.validation import ValidationError
from ui.protokoll.votes import VoteModel

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def test_the_demo_meets_on_the_day_these_tests_compute_deadlines_from():
    """The demo built on DEMO_DAY (2026-11-20) meets on 2026-12-14; the area runs on the
    justering day a week later, so the deadlines asserted below follow from known dates."""
    assert demo_namnd_meeting_day() == date(2026, 12, 14)


def type_text(widget, text):
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture
def area(qtbot, demo_session):
    yield from demo_protokoll_area(qtbot, demo_session)


def select_paragraf(area, rubrik_start: str):
    row = next(r for r in area.para_model.records if r.p.rubrik.startswith(rubrik_start))
    area.para_view.select_id(row.id)
    assert area.editor.paragraf.arende_id == row.id
    return row


def select_person(area, namn: str):
    person = next(n for n in area.narvaro.model.records if n.namn == namn)
    area.narvaro.view.select_id(person.id)
    return person


def test_models_pass_the_model_tester(qtbot, area):
    for model in (area.meeting_model, area.para_model, area.narvaro.model,
                  area.editor.yrkanden.model, area.editor.votes.model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    vote = VoteModel()
    QAbstractItemModelTester(vote, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_meeting_list_and_paragraphs_numbered(area):
    rows = area.para_model.records
    labels = [r.p.label for r in rows]
    assert labels[:3] == ["§ 1", "§ 2", "§ 3"]
    assert "2026-12-14" in [r.meeting.datum for r in area.meeting_model.records]
    assert "Vård- och omsorgsnämnden" in area.header.text()
    assert area.narvaro.model.rowCount() > 10
    assert "Beslutför" in area.narvaro.beslutfor.text()


def test_attendance_ersattare_serves_for_absent_ledamot(area):
    absent = select_person(area, "Fatima Hassan")
    area.narvaro.present.setChecked(False)  # reported absent at the meeting
    assert not area.svc.narvaro.get(absent.id).narvarande
    ersattare = select_person(area, "Göran Persson Ek")
    assert area.narvaro.serve_box.isVisibleTo(area)
    area.narvaro.for_whom.setCurrentIndex(area.narvaro.for_whom.findData(absent.id))
    assert area.narvaro.save_tjanstgoring()
    row = area.narvaro.model.row_for_id(ersattare.id)
    shown = area.narvaro.model.index(row, 2).data()
    assert shown == f"Närvarande, för {absent.namn_parti}"
    absent_row = area.narvaro.model.row_for_id(absent.id)
    assert area.narvaro.model.index(absent_row, 2).data() == f"Frånvarande, ersätts av {ersattare.namn_parti}"
    # He now votes at every paragraph, for the absent ledamot.
    select_paragraf(area, "Riktlinjer för alkoholservice")
    voters = [d.namn for d in area.editor.beslutande.deltagare]
    assert "Göran Persson Ek" in voters and absent.namn not in voters
    # A departure after a § is shown and saved.
    person = select_person(area, "Elin Wikander")
    index = area.narvaro.till.findText("§ 6", Qt.MatchFlag.MatchStartsWith)
    area.narvaro.till.setCurrentIndex(index)
    assert area.svc.narvaro.get(person.id).till_arende_id == area.narvaro.till.itemData(index)
    assert area.narvaro.model.index(area.narvaro.model.row_for_id(person.id), 2).data() == "till och med § 6"


def test_beslut_vote_reservation_and_jav(qtbot, area):
    row = select_paragraf(area, "Genomlysning av hemtjänsten")
    editor = area.editor
    editor.beslut.set_stored("")
    editor.beslut.edit.setFocus()
    type_text(editor.beslut.edit, "Nämnden godkänner genomlysningen.")
    assert editor.dirty
    # Moving on saves at once (no waiting for the autosave timer).
    QTest.keyClick(area.para_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.paragraf.arende_id != row.id
    assert "Nämnden godkänner genomlysningen." in area.svc.paragrafer.get(row.id).beslut
    QTest.keyClick(area.para_view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert editor.paragraf.arende_id == row.id
    assert "Nämnden godkänner genomlysningen." in editor.beslut.plain_text()

    # A vote: J/N/A on the rows; the result is computed and shown.
    editor.votes.add_button.click()
    table, model = editor.votes.table, editor.votes.model
    members = model.rowCount()
    assert members == editor.beslutande.antal
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    for key in [Qt.Key.Key_J] * (members - 3) + [Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_A]:
        QTest.keyClick(table, key)
    text = editor.votes.result.text()
    assert f"Ja {members - 3} – Nej 2 – Avstår 1" in text
    assert "ja-förslaget" in text
    assert editor.save()
    stored = area.svc.paragrafer.get(row.id).voteringar[0]
    assert sorted(r.rost for r in stored.roster).count("nej") == 2

    # A reservation by one who voted nej.
    nej_voter = next(d for d in editor.beslutande.deltagare
                     if model.votes.get(d.narvaro_id) == "nej")
    panel = editor.reservationer
    panel.who.setCurrentIndex(panel.who.findData(nej_voter.narvaro_id))
    panel.text.setText("Till förmån för eget yrkande.")
    panel.add_button.click()
    assert editor.save()
    res = area.svc.paragrafer.get(row.id).reservationer
    assert [(r.narvaro_id, r.text) for r in res] == [(nej_voter.narvaro_id, "Till förmån för eget yrkande.")]

    # Jäv: the member leaves the vote table (and his vote goes).
    javiga = editor.jav.item(0)
    javig_id = javiga.data(Qt.ItemDataRole.UserRole)
    javiga.setCheckState(Qt.CheckState.Checked)
    assert model.rowCount() == members - 1
    assert javig_id not in {m.narvaro_id for m in model.members}
    assert javig_id in area.svc.paragrafer.get(row.id).jav


def test_print_justera_utdrag_and_anslag(qtbot, area, tmp_path, monkeypatch):
    # Every § gets a beslut (the pre-print check finds none missing).
    for r in area.para_model.records:
        p = area.svc.paragrafer.get(r.id)
        if p.nummer is not None and not p.beslut.strip():
            p.beslut = f"<p>Beslut i {p.label}.</p>"
            area.svc.paragrafer.save(p)
    area.load_meeting()
    panel = area.justering
    area.tabs.setCurrentWidget(panel)
    panel.justerare1.setCurrentIndex(panel.justerare1.findText("Anders Öberg (M)"))
    assert area.svc.justerare_namn(area.meeting_id) == ["Anders Öberg (M)"]
    frister = panel.frister.text()
    for day in ("2026-12-28", "2026-12-23", "2027-01-11", "2027-01-12"):
        assert day in frister  # justering, tillkännagivande, appeal period end, anslag tas ned

    out = tmp_path / "protokoll.pdf"
    area.print_protokoll(out)
    if area.printer.dialog is not None:  # the pre-print check's warnings
        area.printer.dialog.accept()
    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=60_000)
    text = pdf_text(out)
    for expected in ("Vård- och omsorgsnämnden", "2026-12-14", "Anders Öberg", "Birgitta Lindqvist", "§ 13",
                     "Justerande", "2026-12-21"):
        assert expected in text, expected

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    area.justering.justera_button.click()
    qtbot.waitUntil(lambda: area.locked, timeout=60_000)
    assert "JUSTERAT" in area.header.text()
    assert area.editor.read_only and area.editor.beslut.edit.isReadOnly()
    assert area.editor.lock.isVisibleTo(area)
    assert not area.justering.justera_button.isEnabled()
    p = area.svc.paragrafer.get(area.editor.paragraf.arende_id)
    p.beslut = "<p>Ändrat i efterhand</p>"
    with pytest.raises(ValidationError):
        area.svc.paragrafer.save(p)
    assert area.justering.add_rattelse("Stavfel i § 5 rättat.")
    assert "Stavfel i § 5 rättat." in area.justering.rattelser.item(0).text()

    area.printer.outcome = None
    folder = tmp_path / "utdrag"
    folder.mkdir()
    area.print_utdrag_batch(folder)
    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=60_000)
    outcome = area.printer.outcome
    recipients = {name for r in area.para_model.records for name in r.p.skickas_till}
    assert len(outcome.paths) == len(recipients) == len(list(folder.iterdir()))
    assert {who for who, _paras, _path in outcome.sent} == recipients
    assert f"{len(recipients)} protokollsutdrag sparade i {folder}" in area.status.text()
    shown = [area.justering.utskick.item(i).text() for i in range(area.justering.utskick.count())]
    assert len(shown) == len(recipients) and any("Akt: § 4" in line for line in shown)
    assert "Akt" in pdf_text(next(path for who, _p, path in outcome.sent if who == "Akt"))

    area.printer.outcome = None
    anslag = tmp_path / "anslag.pdf"
    area.print_anslag(anslag)
    qtbot.waitUntil(lambda: area.printer.outcome is not None, timeout=60_000)
    text = pdf_text(anslag)
    assert "2026-12-14" in text and "2026-12-21" in text and "2027-01-12" in text


def test_skriv_protokoll_in_sammantraden_jumps_here(qtbot, demo_session):
    from ui.application import make_application
    from ui.main_window import MainWindow, area_widget

    make_application()  # declares the areas, as at start-up
    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    window.show()
    meetings = area_widget(window, "sammantraden")
    found = meetings.meetings.meetings(meetings.organ_id(), 2026)
    meeting = next(m for m in found if m.datum == "2026-12-14")
    meetings.set_year(2026)
    meetings.reload_meetings(meeting.id)
    meetings.protokoll_button.click()
    protokoll = area_widget(window, "protokoll")
    assert window.stack.currentWidget() is protokoll
    assert protokoll.meeting_id == meeting.id
    assert "14 december 2026" in protokoll.header.text()
