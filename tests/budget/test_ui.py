"""The Ekonomi area with real widgets: editable grids, computed cells, the sign
convention on entry and display, the ram difference, month/year views and charts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QAbstractItemModelTester

from app.budget.belopp import Teckenkonvention
from ui.budget.area import EkonomiArea
from ui.budget.grid import ComputedRole, KeyRole

NB = "\u00a0"
# The offscreen platform says this when a window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def area(qtbot, demo_session):
    widget = EkonomiArea(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    return widget


def _row(model, label: str) -> int:
    r = model.find_row(lambda gr: gr.cells[0].value == label)
    assert r >= 0, label
    return r


def _text(model, row: int, col: int) -> str:
    return model.data(model.index(row, col))


def test_grid_models_pass_the_model_tester(area):
    for model in (area.internbudget.model, area.uppfoljning.model, area.investeringar.plan_model,
                  area.investeringar.red_model, area.aret.model, area.nyckeltal.model,
                  area.verksamheter.model, area.uppfoljning.atgard_model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_internbudget_shows_seed_sums_and_ram(area):
    tab = area.internbudget
    assert tab.year.currentText() == "2023"
    m = tab.model
    r = _row(m, "S:a Nettokostnad")
    assert [_text(m, r, c) for c in range(1, 5)] == [f"-315{NB}581", f"-317{NB}639", f"-15{NB}449",
                                                     f"-333{NB}088"]
    assert "exakt (differens 0)" in tab.ram_status.text()
    assert m.headerData(4, Qt.Orientation.Horizontal) == "Budget 2023"
    # Netto, förändring and sums are computed: not editable, shaded, with a tooltip.
    netto_54 = m.find_row(lambda gr: gr.ref is not None and gr.ref.kod == "54")
    assert not m.flags(m.index(netto_54, 4)) & Qt.ItemFlag.ItemIsEditable
    assert m.data(m.index(netto_54, 4), ComputedRole)
    assert m.data(m.index(netto_54, 4), Qt.ItemDataRole.BackgroundRole) is not None
    assert "Räknas fram" in m.data(m.index(netto_54, 4), Qt.ItemDataRole.ToolTipRole)


def test_typing_a_cost_updates_netto_sum_and_ram_difference(area, qtbot):
    tab = area.internbudget
    m = tab.model
    kostnader = _row(m, "KOSTNADER")
    r54 = next(i for i in range(kostnader, m.rowCount())
               if m.rows[i].ref is not None and m.rows[i].ref.kod == "54")
    index = m.index(r54, 4)
    assert m.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert m.data(index, KeyRole)[1:] == ("budget", "kostnader")
    assert m.setData(index, "-61 813")  # 1 000 tkr more cost
    assert _text(m, _row(m, "S:a Nettokostnad"), 4) == f"-334{NB}088"
    assert "överskrider ramen med 1" in tab.ram_status.text()
    assert "#b3261e" in tab.ram_status.styleSheet()
    ib = area.ctx.ek.internbudget.get(area.ctx.namnd_id, 2023)
    assert ib.summa("kostnader").budget == -375_708_000


def test_bad_input_is_refused_with_a_message(area, qtbot):
    tab = area.internbudget
    m = tab.model
    r = next(i for i, gr in enumerate(m.rows) if gr.ref is not None and m.flags(m.index(i, 1))
             & Qt.ItemFlag.ItemIsEditable)
    before = _text(m, r, 1)
    with qtbot.waitSignal(m.edit_failed):
        assert not m.setData(m.index(r, 1), "tolv")
    assert _text(m, r, 1) == before
    assert "inget belopp" in tab.message.text()


def test_sign_convention_applies_to_display_and_entry(area):
    inst = area.ctx.installning
    inst.teckenkonvention = Teckenkonvention.INTAKTER_NEGATIVA
    area.ctx.save_installning(inst)
    assert "intäkter negativa" in area.settings_label.text()
    m = area.internbudget.model
    # Mellerud style: intäkter negative, costs and nettokostnad positive.
    assert _text(m, _row(m, "S:a Intäkter"), 4) == f"-41{NB}620"
    assert _text(m, _row(m, "S:a Nettokostnad"), 4) == f"333{NB}088"
    intakter = _row(m, "INTÄKTER")
    r27 = next(i for i in range(intakter, m.rowCount()) if m.rows[i].ref and m.rows[i].ref.kod == "27")
    assert m.setData(m.index(r27, 4), "-200")  # typed as the nämnd prints: revenue negative
    ib = area.ctx.ek.internbudget.get(area.ctx.namnd_id, 2023)
    assert ib.rad(m.rows[r27].ref.id).budget_intakter == 200_000  # stored positive inside
    assert _text(m, r27, 4) == "-200"


def test_uppfoljning_month_edit_and_analysis(area, qtbot):
    tab = area.uppfoljning
    tab.show_period(2024, 8)
    m = tab.model
    assert m.headerData(3, Qt.Orientation.Horizontal) == "Utfall aug"
    total = _row(m, "Resultat")
    assert [_text(m, total, c) for c in (2, 3, 4, 7)] == [f"-85{NB}934", f"-82{NB}509", f"3{NB}425",
                                                          f"-3{NB}626"]
    r = _row(m, "Äldreomsorg")
    assert m.setData(m.index(r, 6), "-259 911")  # 500 tkr more utfall so far
    assert _text(m, r, 4) == "-99"  # the month's deviation follows
    assert _text(m, _row(m, "Resultat"), 7) == f"-4{NB}126"
    tab.analys.setPlainText("")
    tab.draft()
    assert "ackumulerad negativ avvikelse på 4" in tab.analys.toPlainText()
    saved = area.ctx.ek.uppfoljning.get(area.ctx.namnd_id, 2024, 8)
    assert saved.analys == tab.analys.toPlainText()


def test_january_shows_personalskuld_and_result_excluding_covid(area):
    tab = area.uppfoljning
    tab.show_period(2022, 1)
    m = tab.model
    assert not tab.view.isColumnHidden(8)
    assert tab.view.isColumnHidden(3)  # January: the month is the period
    r = _row(m, "Resultat exkl Covid")
    assert _text(m, r, 7) == f"-3{NB}896{NB}136"
    assert _text(m, _row(m, "Personalkostn"), 9) == f"-786{NB}498"


def _ink(widget) -> int:
    """Pixels in the chart's bar colours: proof that something was drawn."""
    image: QImage = widget.grab().toImage()
    colours = {QColor("#1f4e79").rgb(), QColor("#2e7d32").rgb(), QColor("#b3261e").rgb()}
    return sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
               if image.pixel(x, y) in colours)


def test_charts_are_drawn(area, qtbot):
    area.tabs.setCurrentWidget(area.uppfoljning)
    area.uppfoljning.show_period(2024, 8)
    area.uppfoljning.lower.setCurrentWidget(area.uppfoljning.chart)
    qtbot.waitExposed(area.uppfoljning.chart)
    assert area.uppfoljning.chart.pairs[0].etikett == "Förvaltningsgemensamt"
    assert _ink(area.uppfoljning.chart) > 50
    area.tabs.setCurrentWidget(area.aret)
    area.aret.year.setCurrentIndex(area.aret.year.findData(2023))
    assert len(area.aret.ack_chart.points) == 12
    qtbot.waitExposed(area.aret.ack_chart)
    assert _ink(area.aret.ack_chart) > 50 and _ink(area.aret.prognos_chart) > 10


def test_year_view_switches_figure(area):
    tab = area.aret
    tab.year.setCurrentIndex(tab.year.findData(2023))
    m = tab.model
    dec_ack = _text(m, _row(m, "Resultat"), 12)
    tab.matt.setCurrentText("Utfall ackumulerat")
    assert _text(m, _row(m, "Resultat"), 12) != dec_ack
    assert m.rowCount() == 11


def test_investments_and_key_figures_edit(area):
    inv = area.investeringar
    inv.plan_choice.setCurrentIndex(inv.plan_choice.findData(2023))
    m = inv.plan_model
    total = _row(m, "Summa")
    assert [_text(m, total, c) for c in (1, 2, 3)] == [f"9{NB}110", f"3{NB}610", f"3{NB}910"]
    assert _text(m, _row(m, "Varav summa SOF"), 1) == f"4{NB}750"
    r = _row(m, "Elcyklar")
    assert m.setData(m.index(r, 1), "40")
    assert _text(m, _row(m, "Summa"), 1) == f"9{NB}150"
    assert not m.setData(m.index(r, 1), "-40")  # an investment cannot be negative
    nt = area.nyckeltal
    nt.slag.setCurrentIndex(1)
    nm = nt.model
    r = _row(nm, "Månadsanställda, antal")
    assert _text(nm, r, 2) == f"1{NB}195"
    assert not nm.flags(nm.index(r, 2)) & Qt.ItemFlag.ItemIsEditable  # kvinnor + män
    assert nm.setData(nm.index(r, 3), "990")
    assert _text(nm, r, 2) == f"1{NB}204"


def test_excel_export_template_and_import_from_the_tab(area, qtbot, tmp_path, monkeypatch):
    """Export and the template run on a worker with their own connection; the template
    filled in comes back through the shared import dialog."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QMessageBox

    import ui.budget.files as files
    from app.budget.excel import MALL_RUBRIKRAD, InternbudgetImport
    from ui.excel_import.dialog import ImportDialog

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append("FEL " + a[2]))
    tab = area.internbudget
    out = tmp_path / "ib.xlsx"
    monkeypatch.setattr(files, "ask_xlsx", lambda *_a: out)
    tab.export()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    ws = load_workbook(out).active
    assert any(r[0] == "S:a Nettokostnad" and r[4] == -333088 for r in ws.iter_rows(values_only=True))

    mall = tmp_path / "mall.xlsx"
    monkeypatch.setattr(files, "ask_xlsx", lambda *_a: mall)
    shown.clear()
    tab.template()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    wb = load_workbook(mall)
    ws = wb.active
    ws.cell(MALL_RUBRIKRAD + 1, 8).value = -1000  # 11 Nämndverksamhet costs 41 tkr more
    wb.save(mall)
    target = InternbudgetImport(area.ctx.namnd_id, 2023)
    dialog = ImportDialog(area.ctx.session, target, area, path=mall)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10000)
    assert dialog.preview.can_import and len(dialog.preview.rows) == 10
    # 2023 is stored: the dialog asks before the file's figures replace it (as --ersatt).
    asked = []
    monkeypatch.setattr("ui.widgets.dialogs.confirm", lambda _p, _t, text, **_k: asked.append(text) or True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert asked == ["Internbudgeten 2023 finns redan med 10 verksamheter; filens belopp skriver över "
                     "deras belopp.\n\nErsätta?"]
    qtbot.waitUntil(lambda: dialog.imported_count is not None, timeout=10000)
    tab.reload()
    m = tab.model
    assert _text(m, _row(m, "S:a Nettokostnad"), 4) == f"-333{NB}129"
    assert "överskrider ramen med 41" in tab.ram_status.text()


def test_print_and_put_on_meeting_from_the_tab(area, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import ui.budget.files as files
    from app.meetings import ArendeService, MeetingService
    from ui.budget.meeting import open_meetings, put_on_meeting

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append("FEL " + a[2]))
    tab = area.uppfoljning
    tab.show_period(2024, 8)
    out = tmp_path / "aug.pdf"
    monkeypatch.setattr(files, "ask_pdf", lambda *_a: out)
    tab.print_pdf()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert out.read_bytes().startswith(b"%PDF") and not shown[0].startswith("FEL")

    db = area.ctx.ek.db
    organ = db.execute("SELECT id FROM organ WHERE namnd_id = ? AND typ = 'nämnd'",
                       [area.ctx.namnd_id]).fetchone()[0]
    m = MeetingService(db).create_meeting(organ, "2031-09-26", starttid="14:15")
    assert m.id in [x.id for x in open_meetings(area.ctx)]
    made = []
    put_on_meeting(tab, area.ctx, tab.u, meeting_id=m.id, on_done=made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=20000)
    assert ArendeService(db).get(made[0]).rubrik == "Budgetuppföljning augusti 2024"


def test_empty_database_and_a_new_namnd(qtbot, session):
    """No nämnd yet: the area says what to do. A new nämnd: every tab opens empty, and
    the first internbudget starts from the nämnd's verksamheter."""
    from app.organisation import Namnd, OrganisationService

    widget = EkonomiArea(session)
    qtbot.addWidget(widget)
    assert not widget.no_namnd.isHidden() and widget.tabs.isHidden()
    n = OrganisationService(session.db).save_namnd(Namnd(namn="Socialnämnden", kortnamn="SN"))
    widget.reload_namnder()
    assert widget.namnd.currentData() == n.id and not widget.tabs.isHidden()
    assert widget.internbudget.model.rowCount() == 0 and not widget.internbudget.empty.isHidden()
    assert widget.uppfoljning.model.rowCount() == 0 and widget.aret.model.rowCount() == 0
    ek = widget.ctx.ek
    for kod, namn in (("54", "Individ och familjeomsorg"), ("55", "Vård och omsorg")):
        ek.verksamheter.hitta_eller_skapa(n.id, kod, namn)
    ek.internbudget.skapa(n.id, 2025)
    widget.internbudget.reload()
    m = widget.internbudget.model
    kostnader = _row(m, "KOSTNADER")
    assert m.setData(m.index(kostnader + 1, 4), "-1 500,5")  # decimals in tkr are kronor
    assert ek.internbudget.get(n.id, 2025).summa("kostnader").budget == -1_500_500
    assert _text(m, _row(m, "S:a Nettokostnad"), 4) == f"-1{NB}501"


def test_add_row_takes_an_existing_or_a_new_verksamhet(area, monkeypatch):
    """Both tabs ask through the same chooser: a typed "kod namn" becomes a verksamhet."""
    from PySide6.QtWidgets import QInputDialog

    answers = iter([("64 Boendestöd", True), ("64 Boendestöd", True), ("", False)])
    offered = []

    def get_item(parent, title, label, items, current, editable):
        offered.append(list(items))
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    ib = area.internbudget
    ib.add_row()
    assert ib.model.find_row(lambda gr: gr.ref is not None and getattr(gr.ref, "kod", None) == "64") >= 0
    tab = area.uppfoljning
    tab.show_period(2024, 8)
    tab.add_row()  # "64 Boendestöd" now exists: it is offered and taken, not created twice
    assert "64 Boendestöd" in offered[1]
    names = [v.benamning for v in area.ctx.ek.verksamheter.verksamheter(area.ctx.namnd_id)]
    assert names.count("64 Boendestöd") == 1
    assert any(r.verksamhet.kod == "64" for r in tab.u.rader)
    before = len(tab.u.rader)
    tab.add_row()  # cancelled: nothing changes
    assert len(tab.u.rader) == before
