"""The Register area driven through its real widgets."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.registers.delegation import BeslutFilter
from app.registers.ej_verkstallda import EvbFilter
from ui.registers.area import RegisterArea
from ui.registers.evb_report import EvbReportDialog, quarter_end
from ui.widgets import dialogs

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
LEFT = Qt.MouseButton.LeftButton


def check_model(model, owner):
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning, owner)


@pytest.fixture
def area(qtbot, demo_session):
    widget = RegisterArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    for tab in (widget.delegation, widget.meddelanden, widget.evb):
        # QAbstractItemModelTester runs its checks from its own modelReset slot, before it
        # has marked the reset as finished, and those checks call fetchMore: with rows
        # still to fetch after a reset it reports its own insert as "during a reset".
        # One batch holds the whole demo register here; laziness is tested on its own.
        tab.model.batch_size = 100_000
        tab.reload()
        check_model(tab.model, widget)
    check_model(widget.ordning.model, widget)
    yield widget
    widget.close()


def column(model, header):
    c = model.column_of(header)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def test_tabs_list_the_demo_registers(qtbot, area, demo_session):
    von = area.namnd.currentData()
    total = area.delegation.service.count(BeslutFilter(von))
    assert area.delegation.count.text() == f"{total} delegationsbeslut"
    assert area.delegation.model.total == total
    untested = RegisterArea(demo_session)  # (the model tester above fetches every row)
    qtbot.addWidget(untested)
    assert untested.delegation.model.rowCount() == 200 < total  # lazy: the first batch only
    assert column(area.delegation.model, "Datum")[:3] == sorted(column(area.delegation.model, "Datum"),
                                                               reverse=True)[:3]
    area.tabs.setCurrentWidget(area.meddelanden)
    assert "meddelanden" in area.meddelanden.count.text()
    area.tabs.setCurrentWidget(area.ordning)
    assert area.ordning.version.currentText() == "Antagen 2023-03-20, § 21"
    assert "3.5" in column(area.ordning.model, "Nummer")


def test_register_tab_paints_its_first_page_then_counts_every_row(qtbot, demo_session):
    widget = RegisterArea(demo_session)
    qtbot.addWidget(widget)
    tab = widget.delegation
    total = tab.service.count(BeslutFilter(widget.namnd.currentData()))
    assert total > 200
    # Before the window is shown only the first page is read, and the count waits for
    # the rest of the ids.
    assert tab.model.rowCount() == 200 and not tab.model.complete
    assert tab.count.text() == "Räknar…"
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitUntil(lambda: tab.count.text() == f"{total} delegationsbeslut")
    assert tab.model.complete and tab.model.rowCount() == 200
    # A search typed in the field is counted the same way, once its first page is shown.
    qtbot.keyClicks(tab.search, "avtal")
    expected = tab.service.count(BeslutFilter(widget.namnd.currentData(), "avtal"))
    assert expected > 0
    qtbot.waitUntil(lambda: tab.count.text() == f"{expected} delegationsbeslut", timeout=3000)


def test_search_and_filters(qtbot, area):
    tab = area.delegation
    tab.search.setText("ehälsa")
    qtbot.waitUntil(lambda: tab.model.total < 50, timeout=3000)
    assert all("Ehälsa" in text for text in column(tab.model, "Beslut"))
    tab.search.clear()
    tab.reload()
    tab.kategori.setCurrentIndex(tab.kategori.findText("Au protokoll"))
    assert set(column(tab.model, "Kategori")) == {"Au protokoll"}
    tab.fran.setText("2022-01-01")
    tab.till.setText("28/2 2022")
    tab.reload()
    assert column(tab.model, "Beslut") == ["2022-02-14 § 15-19"]
    tab.till.setText("31/13 2022")
    assert tab.till.styleSheet()  # marked red
    assert "inget datum" in tab.till.toolTip()
    tab.reload()
    assert tab.model.total > 1  # an unreadable date filters nothing


def test_sorting_by_text_is_swedish(area):
    tab = area.meddelanden
    tab.view.sortByColumn(tab.model.column_of("Avsändare"), Qt.SortOrder.AscendingOrder)
    senders = [s for s in column(tab.model, "Avsändare") if s]
    assert senders.index("Arbetsmiljöverket") < senders.index("Socialstyrelsen")
    from db.textsort import swedish_key

    assert senders == sorted(senders, key=swedish_key)


def test_new_period_entry_with_error_then_saved(qtbot, area):
    tab = area.delegation
    dialog = tab.new_record()
    dialog.kategori.setCurrentIndex(dialog.kategori.findText("Biståndsbeslut"))
    assert dialog.forms.currentData() == "period"  # the category's usual shape
    assert not dialog.dnr.isEnabled()
    dialog.datum.setText("2026-01-31")
    dialog.datum_till.setText("2026-01-01")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert dialog.form.message("datum_till") == "Perioden slutar (2026-01-01) före den börjar (2026-01-31)."
    dialog.datum.setText("1/1 2026")
    dialog.datum_till.setText("2026-01-31")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert tab.view.current_record().entry_text() == "2026-01-01 – 2026-01-31"
    assert area.status.text() == "Sparat."


def test_evb_form_refuses_personnummer(qtbot, area):
    tab = area.evb
    dialog = tab.new_record()
    dialog.insats.setCurrentText("Korttidsvistelse för 19450101-1234")
    dialog.beslutsdatum.setText("2025-01-10")
    dialog.kon.setCurrentIndex(dialog.kon.findData("K"))
    dialog.orsak.setCurrentIndex(dialog.orsak.findData(2))
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.form.message("insats").startswith("Insatsen ser ut att innehålla ett personnummer")
    dialog.insats.setCurrentText("Korttidsvistelse")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert tab.view.current_record().insats == "Korttidsvistelse"


def test_delete_asks_first(area, monkeypatch):
    tab = area.meddelanden
    tab.view.select_row(0)
    victim = tab.view.current_record()
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    before = tab.model.total
    assert tab.delete_record()
    assert tab.model.total == before - 1
    assert tab.model.row_for_id(victim.id) == -1


def test_import_and_export_through_the_tab(qtbot, area, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Inkommet"
    ws.append(["Diarienummer", "Rubrik", "Datum", "Avsändare"])
    ws.append(["VON 2031/1-73", "Tillsynsbeslut särskilt boende", "2031-01-12", "IVO"])
    ws.append(["VON 2031/2-73", "Protokollsutdrag KPR", "15/1 2031", "Kommunala pensionärsrådet"])
    wb.save(tmp_path / "in.xlsx")
    tab = area.meddelanden
    before = tab.model.total
    dialog = tab.import_excel(tmp_path / "in.xlsx")
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=5000)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert tab.model.total == before + 2
    assert area.status.text() == "2 meddelanden importerades."
    tab.search.setText("2031/")  # a year the demo data does not reach
    tab.reload()
    task = tab.export_excel(tmp_path / "ut.xlsx")
    qtbot.waitUntil(lambda: "rader sparades" in area.status.text(), timeout=5000)
    assert task is not None
    out = openpyxl.load_workbook(tmp_path / "ut.xlsx").active
    assert [c.value for c in out[1]][:4] == ["Dnr", "Rubrik", "Inkom", "Avsändare"]
    assert out.max_row == 3


def test_report_dialog_shows_the_seed_figures_and_saves(qtbot, area, tmp_path, monkeypatch):
    assert quarter_end(date(2022, 2, 15)) == date(2021, 12, 31)
    dialog = EvbReportDialog(area.session, area.namnd.currentData(), area, on=date(2022, 1, 31))
    qtbot.addWidget(dialog)
    check_model(dialog.rows, dialog)
    summary = dialog.summary.text()
    assert "Statistikrapport den 31 januari 2022" in summary
    assert "<b>8</b>, varav kvinnor 3 och män 5. Tackat nej till erbjudande: 7." in summary
    assert column(dialog.rows, "Antal dagar")[0] == "748"
    assert dialog.types.rowCount() == 4
    # Typed as people write it; the report follows when Enter is pressed.
    dialog.datum.clear()
    qtbot.keyClicks(dialog.datum, "31/12 2021")
    qtbot.keyClick(dialog.datum, Qt.Key.Key_Return)
    assert dialog.datum.text() == "2021-12-31"
    assert "<b>6</b>" in dialog.summary.text()
    dialog.datum.clear()
    qtbot.keyClicks(dialog.datum, "2022-01-31")
    qtbot.keyClick(dialog.datum, Qt.Key.Key_Return)
    assert "<b>8</b>" in dialog.summary.text()
    done = []
    dialog.done_text.connect(done.append)
    dialog.save_excel(tmp_path / "r.xlsx")
    dialog.save_pdf(tmp_path / "r.pdf")
    qtbot.waitUntil(lambda: len(done) == 2, timeout=15000)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert sheet["A1"].value == "Statistikrapport den 31 januari 2022"
    # Any table in the program: the shared "Exportera till Excel…" of its context menu.
    import ui.excel_import.export as export

    monkeypatch.setattr(export, "ask_save_path", lambda *_a: tmp_path / "rader.xlsx")
    written = []
    monkeypatch.setattr(export.QMessageBox, "information", lambda *a: written.append(a[2]))
    dialog.rows_view.actions()[0].trigger()
    qtbot.waitUntil(lambda: bool(written), timeout=5000)
    rows = openpyxl.load_workbook(tmp_path / "rader.xlsx").active
    assert [c.value for c in rows[1]] == ["Beslut om", "Lag", "Beslutsdatum", "Antal dagar", "Kön", "Orsak"]
    assert rows["C2"].value == datetime(2020, 1, 14) and rows["D2"].value == 748


def test_report_at_meeting_from_the_tab(qtbot, area, demo_session):
    from app.meetings import MeetingService

    organ = demo_session.db.execute("SELECT id FROM organ WHERE typ = 'nämnd'").fetchone()[0]
    meeting = MeetingService(demo_session.db).create_meeting(organ, "2030-01-28")
    tab = area.delegation
    new = tab.new_record()
    new.forms.setCurrentIndex(new.forms.findData("text"))
    new.beskrivning.setText("Nätverksträff kvalitet 2029")
    new.datum.setText("2029-12-01")
    qtbot.mouseClick(new.save_button, LEFT)
    dialog = tab.report_at_meeting()
    dialog.meeting.setCurrentIndex(dialog.meeting.findData(meeting.id))
    assert dialog.waiting.text().startswith("Väntar på anmälan: 1 delegationsbeslut")
    dialog.accept()
    assert "anmäls vid sammanträdet" in area.status.text()
    von = area.namnd.currentData()
    assert tab.service.count(BeslutFilter(von, sammantrade_id=meeting.id)) == 1


def test_evb_status_filter(area):
    tab = area.evb
    open_count = len(tab.service.ids(EvbFilter(area.namnd.currentData(), status="oppna")))
    assert tab.model.total == open_count
    tab.status.setCurrentIndex(tab.status.findData(None))
    assert tab.model.total > open_count
    assert any(s.startswith("Verkställt") for s in column(tab.model, "Status"))


def test_ordning_new_version_copies_points(qtbot, area):
    tab = area.ordning
    area.tabs.setCurrentWidget(tab)
    dialog = tab.new_version()
    assert dialog.model.rowCount() == 14
    dialog.antagen.setText("2026-02-01")
    dialog.model.setData(dialog.model.index(0, 1), "Brådskande ärenden (ändrad)")
    dialog.accept()
    assert tab.version.currentText().startswith("Antagen 2026-02-01")
    assert column(tab.model, "Ärendetyp")[0] == "Brådskande ärenden (ändrad)"
    again = tab.new_version()
    again.antagen.setText("2026-02-01")
    again.accept()
    assert again.isVisible() or again.error.text()
    assert "Det finns redan en delegationsordning antagen 2026-02-01." in again.error.text()


def test_entries_move_between_meetings_from_the_table(area, demo_session):
    from app.meetings import MeetingService
    from app.registers.reporting import ReportingService

    organ = demo_session.db.execute("SELECT id FROM organ WHERE typ = 'nämnd'").fetchone()[0]
    first = MeetingService(demo_session.db).create_meeting(organ, "2031-01-27")
    later = MeetingService(demo_session.db).create_meeting(organ, "2031-02-24")
    tab = area.meddelanden
    area.tabs.setCurrentWidget(tab)
    new = tab.new_record()
    new.rubrik.setText("Inbjudan till samråd")
    new.inkom.setText("2031-01-10")
    new.accept()
    ReportingService(demo_session.db).fill(first.id)
    tab.reload()
    record = tab.view.current_record()
    cell = tab.model.index(tab.model.row_for_id(record.id), tab.model.column_of("Anmäld vid"))
    assert cell.data() == "VON 2031-01-27"
    actions = dict(tab.meeting_actions(record))
    assert actions["Ta bort från sammanträdet (anmäls senare)"] is None
    assert actions["Anmäl vid Vård- och omsorgsnämnden 2031-02-24"] == later.id
    assert tab.move_to_meeting(record, later.id)
    assert tab.view.current_record().anmald_sammantrade_id == later.id
    assert "Anmälan ändrades" in area.status.text()
